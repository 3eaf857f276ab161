#!/bin/sh
# Acceptance: every row of expected.tsv (../shared/acceptance/, copied into
# tests/fixtures/shared/) is checked against the real binary: import the
# inventory, classify it under the row's rule set, print the results XML and
# check with XPath that the system has the level (or is undetermined) and that
# every listed clause holds. Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
fix="$top/tests/fixtures/shared"
: "${ASSESS:?set ASSESS to the binary}"
export LC_ALL=C.UTF-8
unset ASSESS_DB ASSESS_DATADIR
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

# The copies must be what shared/ says, when shared/ is beside the checkout.
for f in expected.tsv typical-systems.xml; do
	if [ -f "$top/../shared/acceptance/$f" ]; then
		if cmp -s "$top/../shared/acceptance/$f" "$fix/$f"; then
			passed=$((passed + 1))
		else
			fail "tests/fixtures/shared/$f differs from ../shared/acceptance/$f"
		fi
	fi
done
if [ -f "$top/../shared/examples/inventory-an-hoa.xml" ]; then
	if cmp -s "$top/../shared/examples/inventory-an-hoa.xml" "$fix/inventory-an-hoa.xml"; then
		passed=$((passed + 1))
	else
		fail "tests/fixtures/shared/inventory-an-hoa.xml differs from ../shared/examples/"
	fi
fi

xp() { # xp FILE XPATH: the string value
	xmllint --xpath "$2" "$1" 2>/dev/null
}

# One results document per (file, rule set).
results_for() { # results_for FILE RULES -> path of results XML, or empty
	key="$(basename "$1" .xml)-$2"
	out="$work/$key.xml"
	if [ ! -f "$out" ]; then
		db="$work/$key.db"
		if ! "$ASSESS" import --db "$db" "$fix/$(basename "$1")" >"$work/$key.log" 2>&1 ||
			! "$ASSESS" classify --db "$db" --rules "$2" >>"$work/$key.log" 2>&1 ||
			! "$ASSESS" results --db "$db" >"$out" 2>>"$work/$key.log"; then
			echo "  (could not produce results for $1 under $2:)" >&2
			sed 's/^/    /' "$work/$key.log" >&2
			: >"$out"
		fi
	fi
	echo "$out"
}

while IFS="$(printf '\t')" read -r case file rules system level clauses; do
	case "$case" in '#'* | '') continue ;; esac
	res=$(results_for "$file" "$rules")
	what="$case $rules $system"
	if [ ! -s "$res" ]; then
		fail "$what: no results"
		continue
	fi
	sys="/results/system[@id='$system']"
	if [ "$(xp "$res" "count($sys)")" != 1 ]; then
		fail "$what: system not in the results"
		continue
	fi
	ok=1
	if [ "$level" = undetermined ]; then
		got=$(xp "$res" "string($sys/@determined)")
		if [ "$got" != no ] || [ -n "$(xp "$res" "string($sys/@level)")" ]; then
			fail "$what: want undetermined, got level '$(xp "$res" "string($sys/@level)")' determined '$got'"
			ok=0
		fi
	else
		got=$(xp "$res" "string($sys/@level)")
		det=$(xp "$res" "string($sys/@determined)")
		if [ "$got" != "$level" ] || [ "$det" != yes ]; then
			fail "$what: want level $level, got '$got' (determined '$det'; reason: $(xp "$res" "string($sys/reason)"))"
			ok=0
		fi
	fi
	if [ "$clauses" != - ] && [ $ok = 1 ]; then
		for c in $(echo "$clauses" | tr ',' ' '); do
			if [ "$(xp "$res" "count($sys/clause[@id='$c'][@holds='yes'])")" != 1 ]; then
				fail "$what: clause $c does not hold"
				ok=0
			fi
		done
	fi
	[ $ok = 1 ] && passed=$((passed + 1))
done <"$fix/expected.tsv"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
