#!/bin/sh
# The same messages whichever way an inventory comes in:
# sh tests/bench/same-messages.sh [ASSESS]          (make check runs it)
#
# `assess validate FILE` reads a regular file, with the RELAX NG schema on a
# second thread; `assess validate - <FILE` reads standard input (held in
# memory); `assess import` runs the C checks alone and the schema only after
# a problem of grammar, for its messages. For every inventory fixture and for
# variants of them (cut short at many places, elements and text moved where
# they do not belong) all must print the same messages and exit the same way
# (import's closing "nothing imported" line aside; import is compared on the
# fixtures and the variants, validate also on the cuts).
set -u
assess=${1:-${ASSESS:-build/assess}}
[ -x "$assess" ] || { echo "same-messages: $assess is missing" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-same.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0

# compare FILE [import]: validate FILE, validate - <FILE (and import FILE)
compare() {
	f=$1
	"$assess" validate "$f" >"$tmp/a.out" 2>"$tmp/a.err"
	a=$?
	"$assess" validate - <"$f" >"$tmp/b.out" 2>"$tmp/b.err"
	b=$?
	# standard input is named "-" in messages
	sed "s|^assess: -:|assess: $f:|; s|^assess: -$|assess: $f|; s|at -:|at $f:|g" "$tmp/b.err" >"$tmp/b.err2"
	n=$((n + 1))
	if [ $a != $b ] || ! cmp -s "$tmp/a.out" "$tmp/b.out" ||
	    ! cmp -s "$tmp/a.err" "$tmp/b.err2"; then
		bad=$((bad + 1))
		echo "DIFFERENT: $f (exit $a vs $b, validate FILE vs -)"
		diff "$tmp/a.err" "$tmp/b.err2" | head -n 10
	fi
	[ "${2:-}" = import ] || return 0
	rm -f "$tmp/i.db"
	"$assess" import --db "$tmp/i.db" "$f" >/dev/null 2>"$tmp/c.err"
	c=$?
	grep -v '^assess: nothing imported: ' "$tmp/c.err" >"$tmp/c.err2"
	n=$((n + 1))
	if [ $a != $c ] || ! cmp -s "$tmp/a.err" "$tmp/c.err2"; then
		bad=$((bad + 1))
		echo "DIFFERENT: $f (exit $a vs $c, validate vs import)"
		diff "$tmp/a.err" "$tmp/c.err2" | head -n 10
	fi
}

for f in tests/fixtures/inventory/*.xml tests/fixtures/hostile/*.xml \
    tests/fixtures/shared/*.xml tests/fixtures/review/*.xml; do
	[ -f "$f" ] || continue
	compare "$f" import
done

# inventories cut short every few bytes
for src in tests/fixtures/inventory/good-minimal.xml tests/fixtures/inventory/bad-several.xml \
    tests/fixtures/shared/inventory-an-hoa.xml; do
	size=$(wc -c <"$src")
	i=20
	while [ "$i" -lt "$size" ]; do
		head -c "$i" "$src" >"$tmp/cut-$i.xml"
		compare "$tmp/cut-$i.xml"
		rm -f "$tmp/cut-$i.xml"
		i=$((i + 23))
	done
done
# variants of one good inventory
src=tests/fixtures/inventory/good-minimal.xml
v=0
for edit in 's|<system |stray text<system |' \
    's|<name>|<name><b>x</b>|' \
    's|</system>|<x:y xmlns:x="urn:x"/></system>|' \
    's|<system |<system xmlns="urn:other" |' \
    's|<inventory |<inventory xml:lang="vi" |' \
    's|</inventory>|<extra/></inventory>|' \
    's|<type>[^<]*</type>||' \
    's|<information[^>]*/>||' \
    's|<name>[^<]*</name>|<name/>|' \
    's|</system>|<name>again</name></system>|' \
    's|status="[a-z]*"|status="operating" status2="x"|' \
    's|<organization |<system id="zz" owner="zz" status="operating"/><organization |' \
    's|<system |<!-- c --><?pi x?><system |' \
    's|</inventory>|</inventory><trailing/>|'; do
	v=$((v + 1))
	sed "$edit" "$src" >"$tmp/edit-$v.xml"
	compare "$tmp/edit-$v.xml" import
done
echo "$n files, $bad different"
[ "$bad" -eq 0 ]
