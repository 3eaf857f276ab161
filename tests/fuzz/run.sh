#!/bin/sh
# Run every libFuzzer target for a bounded time (make fuzz).
#
#   FUZZ_BUILD=build/fuzz FUZZ_SECONDS=30 sh tests/fuzz/run.sh [NAME...]
#
# Each target NAME (build/fuzz/fuzz-NAME) gets a corpus directory
# build/fuzz/corpus-NAME, seeded from the fixtures: inventories
# (tests/fixtures/inventory, shared, hostile and the example in criteria/)
# for "inventory" and "validators" (with tests/fixtures/validators/, the
# disagreements found so far), rule sets (criteria/*.xml, tests/fixtures/criteria) for
# "criteria", workbooks, CSV files and workbook parts (tests/fixtures/workbook)
# for "workbook", small databases made by $ASSESS (build/assess) from
# inventory fixtures, and those of every earlier schema (tests/fixtures/db),
# with 512-byte pages, for "database". Crashes, leaks
# and timeouts are written as
# build/fuzz/crash-NAME/...; a target that finds one fails. The last line
# is "N passed, N failed" (targets).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD:-build/fuzz}
case $build in /*) ;; *) build=$top/$build ;; esac
seconds=${FUZZ_SECONDS:-30}

seed() { # seed NAME DIR: copy the fixtures that fit target NAME into DIR
	case $1 in
	inventory | validators)
		cp "$top"/tests/fixtures/inventory/*.xml "$top"/tests/fixtures/shared/*.xml \
			"$top"/criteria/examples/*.xml "$2"/ 2>/dev/null
		for f in "$top"/tests/fixtures/hostile/*.xml; do
			case $f in */criteria-*) ;; *) cp "$f" "$2"/ ;; esac
		done
		# the disagreements found so far (fuzz_validators.c)
		[ "$1" = validators ] && cp "$top"/tests/fixtures/validators/*.xml "$2"/ 2>/dev/null
		;;
	criteria)
		cp "$top"/criteria/*.xml "$top"/tests/fixtures/criteria/*.xml \
			"$top"/tests/fixtures/hostile/criteria-*.xml "$2"/ 2>/dev/null
		;;
	workbook)
		# whole workbooks and CSV files, and parts joined by the target's
		# separator (see fuzz_workbook.c)
		cp "$top"/tests/fixtures/workbook/*.xlsx "$top"/tests/fixtures/workbook/*.csv \
			"$top"/tests/fixtures/workbook/parts-*.xml "$2"/ 2>/dev/null
		;;
	database)
		assess=${ASSESS:-$top/build/assess}
		[ -x "$assess" ] && command -v sqlite3 >/dev/null || return 0
		db=$2/.seed.db
		for inv in "$top/tests/fixtures/inventory/good-minimal.xml" \
			"$top/criteria/examples/inventory-an-hoa.xml"; do
			rm -f "$db" "$db-wal" "$db-shm"
			"$assess" import --db "$db" "$inv" >/dev/null 2>&1 &&
				"$assess" classify --db "$db" >/dev/null 2>&1 &&
				sqlite3 "$db" 'pragma journal_mode = delete; pragma page_size = 512; vacuum' \
					>/dev/null && mv "$db" "$2/seed-$(basename "$inv" .xml).db"
		done
		rm -f "$db" "$db-wal" "$db-shm"
		# databases of every earlier schema, for the migrations
		for sql in "$top"/tests/fixtures/db/schema*.sql; do
			rm -f "$db"
			{ echo 'pragma page_size = 512;'; cat "$sql"; } | sqlite3 "$db" >/dev/null 2>&1 &&
				mv "$db" "$2/seed-$(basename "$sql" .sql).db"
		done
		rm -f "$db" "$db-wal" "$db-shm"
		;;
	esac
	return 0
}

names=${*:-$(cd "$here" && ls fuzz_*.c 2>/dev/null | sed 's/^fuzz_//; s/\.c$//')}
passed=0
failed=0
for name in $names; do
	bin=$build/fuzz-$name
	if [ ! -x "$bin" ]; then
		echo "FAIL $name: no $bin (make fuzz builds it)"
		failed=$((failed + 1))
		continue
	fi
	corpus=$build/corpus-$name
	crashes=$build/crash-$name
	mkdir -p "$corpus" "$crashes"
	seed "$name" "$corpus"
	dict=
	[ -f "$here/$name.dict" ] && dict=-dict=$here/$name.dict
	[ "$name" = validators ] && dict=-dict=$here/inventory.dict
	log=$build/fuzz-$name.log
	echo "fuzz-$name: $seconds s, corpus $corpus"
	"$bin" $dict -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1
	rc=$?
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$log" |
		sed 's/^/  /'
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name (status $rc): see $log"
		grep -E 'ERROR: |SUMMARY: |Test unit written' "$log" | head -5 | sed 's/^/  /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
