#!/bin/sh
# Golden-file tests of the real binary.
#
# Each case is tests/cli/t/NAME.sh, run by sh in a fresh empty directory with:
#   $ASSESS  the binary (behind $ASSESS_WRAPPER, e.g. valgrind, when set)
#   $FIX     tests/fixtures (absolute)      $DATA  the source tree's criteria/
#   $BENCH_GEN  the deterministic inventory generator (tests/bench/gen.c)
#   ASSESS_DB unset, LC_ALL=C.UTF-8, TZ=UTC
# Its exit status, stdout and stderr are compared with tests/cli/t/NAME.expected:
#   exit N
#   --- stdout
#   ...
#   --- stderr
#   ...
# Absolute paths of the fixtures and the work directory print as FIX and TMP.
# UPDATE=1 rewrites the expected files (review the diff before committing).
# An optional name filter: sh tests/cli/run.sh validate
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
: "${ASSESS:?set ASSESS to the binary}"
bin=$ASSESS
ASSESS="${ASSESS_WRAPPER:+$ASSESS_WRAPPER }$bin"
FIX="$top/tests/fixtures"
DATA="$top/criteria"
BENCH_GEN=${BENCH_GEN:-$top/build/bench-gen}
export ASSESS FIX DATA BENCH_GEN
export LC_ALL=C.UTF-8 TZ=UTC
unset ASSESS_DB ASSESS_DATADIR
passed=0
failed=0
filter=${1:-}
for script in "$here"/t/*.sh; do
	name=$(basename "$script" .sh)
	case "$name" in *"$filter"*) ;; *) continue ;; esac
	work=$(mktemp -d)
	expected="$here/t/$name.expected"
	(cd "$work" && sh "$script" >"$work/.stdout" 2>"$work/.stderr")
	status=$?
	actual="$work/.actual"
	{
		echo "exit $status"
		echo "--- stdout"
		cat "$work/.stdout"
		echo "--- stderr"
		cat "$work/.stderr"
	} | sed -e "s#$FIX#FIX#g" -e "s#$work#TMP#g" -e "s#$top#TOP#g" >"$actual"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$actual" "$expected"
		passed=$((passed + 1))
	elif [ -f "$expected" ] && cmp -s "$actual" "$expected"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name"
		if [ -f "$expected" ]; then
			diff -u "$expected" "$actual" | head -40
		else
			echo "  (no $name.expected; run with UPDATE=1 to create it)"
		fi
	fi
	rm -rf "$work"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
