#!/bin/sh
# Same messages with the schema on a second thread as with one reader:
# sh tests/bench/same-messages.sh [ASSESS]
#
# `assess validate FILE` validates a regular file with the schema on a worker
# thread; `assess validate - <FILE` reads standard input with one reader that
# validates as it goes. For every inventory fixture and for variants of them
# (cut short at many places, elements and text moved where they do not
# belong) both must print the same messages and exit the same way.
set -u
assess=${1:-${ASSESS:-build/assess}}
[ -x "$assess" ] || { echo "same-messages: $assess is missing" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-same.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0

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
		echo "DIFFERENT: $f (exit $a vs $b)"
		diff "$tmp/a.err" "$tmp/b.err2" | head -n 10
	fi
}

for f in tests/fixtures/inventory/*.xml tests/fixtures/hostile/*.xml \
    tests/fixtures/shared/*.xml tests/fixtures/review/*.xml; do
	[ -f "$f" ] || continue
	compare "$f"
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
		i=$((i + 13))
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
	compare "$tmp/edit-$v.xml"
done
echo "$n files, $bad different"
[ "$bad" -eq 0 ]
