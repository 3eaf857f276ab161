#!/bin/sh
# Fault injection (make check-faults): a full disk, swept.
#
#   ASSESS=build/assess FAULTVFS=build/faultvfs.so BENCH_GEN=build/bench-gen sh tests/faults/run.sh
#
# 1. The sweep: each operation below runs with SQLite writing through
#    tests/faults/faultvfs.c (preloaded; the assess binary has no test hook),
#    which fails every write, truncate and sync with SQLITE_FULL once N bytes
#    have been written, for N from 0 to what the operation writes in full
#    (FAULT_POINTS points, evenly spread, plus as many at random offsets,
#    FAULT_SEED). After every run: a non-zero exit, or else a complete
#    result; an existing database byte-identical after a failure (or, for a
#    review, whose import and run are two transactions, intact with its
#    previous snapshot); a new database published only complete
#    (integrity_check ok) and never after a failure; no temporary file left.
# 2. A real full disk (root only, as in CI): a 2 MB tmpfs.
# 3. Reviews of FAULT_SYSTEMS (1000) systems stopped at a random moment (FAULT_SEED) by
#    kill -9 (FAULT_KILLS, 20) and SIGTERM (FAULT_TERMS, 10), on a new and on
#    an existing database: the database passes integrity_check and keeps
#    its previous snapshot, a new database appears only with its run, a
#    SIGTERM leaves no temporary file, and the next review works and leaves
#    none (it sweeps what the killed one left).
# 4. Memory: a review of 5,000 systems (the largest rendered whole) peaks at
#    most FAULT_MEMORY_MB (300) MB, and the annual report in Word of one of
#    its owners (2,500 systems) at most FAULT_OWNER_MB (150) MB (a document
#    in pieces, include/report.h; it took 873 MB whole); reviews under
#    ulimit -v from 45 to 125 MB
#    complete or stop with "out of memory" and exit 1, never a crash or an
#    abort, the database intact and no temporary file left.
# Prints the figures, and ends with "N passed, N failed" (checks).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
: "${ASSESS:?set ASSESS to the binary}"
: "${FAULTVFS:?set FAULTVFS to the preloaded library (build/faultvfs.so)}"
BENCH_GEN=${BENCH_GEN:-$top/build/bench-gen}
points=${FAULT_POINTS:-24}
seed=${FAULT_SEED:-16}
kills=${FAULT_KILLS:-20}
terms=${FAULT_TERMS:-10}
systems=${FAULT_SYSTEMS:-1000}
memory_mb=${FAULT_MEMORY_MB:-300}
owner_mb=${FAULT_OWNER_MB:-150}
export LC_ALL=C.UTF-8 TZ=UTC
unset ASSESS_DB ASSESS_DATADIR ASSESS_FAULT_AFTER ASSESS_FAULT_LOG
inv=$top/criteria/examples/inventory-an-hoa.xml
small=$top/tests/fixtures/inventory/good-minimal.xml
work=$(mktemp -d "${TMPDIR:-/tmp}/assess-faults.XXXXXX") || exit 1
mnt=
cleanup() {
	[ -n "$mnt" ] && umount "$mnt" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

# Temporary files of ours in a directory (names without the directory).
litter() {
	find "$1" -maxdepth 1 \( -name '*.tmp.*' -o -name '*.new.*' \) 2>/dev/null | sed 's#.*/##'
}
integrity() {
	sqlite3 "$1" 'pragma integrity_check' 2>&1 | head -n 1
}
count() { # count DB TABLE
	sqlite3 "$1" "select count(*) from $2" 2>/dev/null
}
first_snapshot() { # the systems of snapshot 1, as a checksum
	sqlite3 "$1" 'select s.id, s.record ->> "$.facts.name" from snapshot_systems ss join systems s
		on s.row = ss.system_row where ss.snapshot = 1 order by s.id' 2>/dev/null | cksum
}

# The database every "existing" operation starts from: snapshot 1 and a run,
# checkpointed (no WAL beside it).
base=$work/base.db
"$ASSESS" import --db "$base" "$small" >/dev/null &&
	"$ASSESS" classify --db "$base" >/dev/null || {
	echo "FAIL cannot make the base database"
	echo "0 passed, 1 failed"
	exit 1
}
[ -e "$base-wal" ] && echo "note: the base database has a WAL beside it"
base_snap=$(first_snapshot "$base")

# run_op OP LIMIT: run operation OP in the current directory, the disk full
# after LIMIT bytes (-1: never); the fault log in ./fault.log.
run_op() {
	f="env LD_PRELOAD=$FAULTVFS ASSESS_FAULT_AFTER=$2 ASSESS_FAULT_LOG=$PWD/fault.log"
	case $1 in
	import-new) $f "$ASSESS" import --db new.db "$inv" ;;
	import-existing) $f "$ASSESS" import --db db.db "$inv" ;;
	classify) $f "$ASSESS" classify --db db.db ;;
	review-new) $f "$ASSESS" review --db new.db -o out "$inv" ;;
	review-existing) $f "$ASSESS" review --db db.db -o out "$inv" ;;
	esac >out.txt 2>err.txt
}

# check OP STATUS: the rules after one run; prints what is wrong, if anything.
check() {
	op=$1
	status=$2
	case $op in
	*-new)
		if [ "$status" -ne 0 ]; then
			[ -e new.db ] && echo "a database was published by a run that failed"
		else
			[ "$(integrity new.db)" = ok ] || echo "the published database is damaged: $(integrity new.db)"
			[ "$(count new.db snapshots)" = 1 ] || echo "the published database lacks its snapshot"
			case $op in review-*)
				[ "$(count new.db runs)" = 1 ] || echo "the published database lacks its run" ;;
			esac
		fi
		;;
	*)
		if [ "$(integrity db.db)" != ok ]; then
			echo "the database is damaged: $(integrity db.db)"
		elif [ "$(first_snapshot db.db)" != "$base_snap" ]; then
			echo "the previous snapshot changed"
		elif [ "$status" -ne 0 ] && [ $op != review-existing ] && ! cmp -s db.db "$base"; then
			echo "a failed run changed the database file"
		elif [ "$status" -eq 0 ]; then
			case $op in
			classify) [ "$(count db.db runs)" = 2 ] || echo "exit 0 without the new run" ;;
			*) [ "$(count db.db snapshots)" = 2 ] || echo "exit 0 without the new snapshot" ;;
			esac
		fi
		;;
	esac
	if [ "$status" -eq 0 ]; then
		case $op in review-*)
			[ -f out/index.html ] && [ -f out/results.csv ] || echo "exit 0 without the reports" ;;
		esac
	elif ! [ -s err.txt ]; then
		echo "exit $status without a message"
	fi
	l=$(litter .)
	[ -n "$l" ] && echo "left behind: $(echo $l)"
	[ -d out ] && l=$(litter out) && [ -n "$l" ] && echo "left behind in out/: $(echo $l)"
	return 0
}

echo "1. a full disk after N bytes, swept over N ($points points and $points at random, seed $seed)"
printf "  %-16s %8s %6s %8s %8s %9s %10s\n" operation bytes runs faulted failed completed violations
total_runs=0
total_faulted=0
for op in import-new import-existing classify review-new review-existing; do
	dir=$work/$op
	rm -rf "$dir" && mkdir "$dir" && cd "$dir" || exit 1
	case $op in *-new) ;; *) cp "$base" db.db ;; esac
	rm -f fault.log
	run_op $op -1
	full=$(sed -n 's/^written \([0-9]*\) .*/\1/p' fault.log | tail -n 1)
	if [ -z "$full" ] || [ "$(check $op 0)" != "" ]; then
		fail "$op does not work without a fault: $(head -n 3 err.txt)"
		continue
	fi
	limits=$(awk -v w="$full" -v p="$points" -v seed="$seed" 'BEGIN {
		srand(seed)
		for (i = 0; i < p; i++) print int(w * i / p)
		print w - 1
		for (i = 0; i < p; i++) print int(rand() * w)
	}' | sort -n | uniq)
	runs=0 faulted=0 failures=0 completed=0 bad=0
	for n in $limits; do
		rm -rf "$dir" && mkdir "$dir" && cd "$dir" || exit 1
		case $op in *-new) ;; *) cp "$base" db.db ;; esac
		run_op $op "$n"
		status=$?
		runs=$((runs + 1))
		f=$(sed -n 's/^written [0-9]* faults \([0-9]*\)$/\1/p' fault.log | awk '{ s += $1 } END { print s + 0 }')
		[ "$f" -gt 0 ] && faulted=$((faulted + 1))
		if [ $status -eq 0 ]; then completed=$((completed + 1)); else failures=$((failures + 1)); fi
		problems=$(check $op $status)
		if [ -n "$problems" ]; then
			bad=$((bad + 1))
			fail "$op, full after $n bytes, exit $status: $problems"
			sed -n '1,3s/^/    /p' err.txt
		else
			pass
		fi
	done
	printf "  %-16s %8s %6d %8d %8d %9d %10d\n" $op "$full" $runs $faulted $failures $completed $bad
	total_runs=$((total_runs + runs))
	total_faulted=$((total_faulted + faulted))
done
echo "  $total_runs runs, $total_faulted with a fault injected"
cd "$work" || exit 1

echo "2. a real full disk: a 2 MB tmpfs"
if [ "$(id -u)" != 0 ]; then
	echo "  skipped: mounting a tmpfs needs root (CI runs this as root)"
elif ! mkdir -p "$work/tmpfs" || ! mount -t tmpfs -o size=2m tmpfs "$work/tmpfs"; then
	echo "  skipped: cannot mount a tmpfs here"
else
	mnt=$work/tmpfs
	"$BENCH_GEN" 2000 "$work/big.xml" || exit 1
	# a new database that does not fit
	"$ASSESS" import --db "$mnt/new.db" "$work/big.xml" >out.txt 2>err.txt
	status=$?
	l=$(litter "$mnt")
	if [ $status -ne 0 ] && [ ! -e "$mnt/new.db" ] && [ -z "$l" ]; then
		pass
		echo "  import of 2000 systems into a new database: exit $status, nothing published: $(head -n 1 err.txt)"
	elif [ $status -eq 0 ] && [ "$(integrity "$mnt/new.db")" = ok ]; then
		pass
		echo "  import of 2000 systems into a new database: it fit, and is complete"
	else
		fail "tmpfs new database: exit $status, $(ls -A "$mnt" | tr '\n' ' ') $(head -n 2 err.txt)"
	fi
	rm -rf "$mnt"/* "$mnt"/.[!.]* 2>/dev/null
	# an existing database on a disk that fills up
	cp "$base" "$mnt/db.db"
	dd if=/dev/zero of="$mnt/filler" bs=1k count=1600 2>/dev/null
	"$ASSESS" import --db "$mnt/db.db" "$work/big.xml" >out.txt 2>err.txt
	status=$?
	l=$(litter "$mnt")
	if [ $status -ne 0 ] && cmp -s "$mnt/db.db" "$base" && [ "$(integrity "$mnt/db.db")" = ok ] &&
		[ -z "$l" ]; then
		pass
		echo "  import into an existing database, disk full: exit $status, the database byte-identical: $(head -n 1 err.txt)"
	else
		fail "tmpfs existing database: exit $status, $(integrity "$mnt/db.db"), left: $l, $(head -n 2 err.txt)"
	fi
	rm -rf "$mnt"/* "$mnt"/.[!.]* 2>/dev/null
	# reports that do not fit: the previous set stays whole
	"$ASSESS" review --db "$work/tmpfs-review.db" -o "$mnt/out" "$small" >/dev/null 2>err.txt ||
		fail "tmpfs: the first review failed: $(head -n 1 err.txt)"
	before=$(cd "$mnt/out" && cksum * | sort)
	dd if=/dev/zero of="$mnt/filler" bs=1k count=1900 2>/dev/null
	"$ASSESS" review --db "$work/tmpfs-review.db" -o "$mnt/out" "$work/big.xml" >/dev/null 2>err.txt
	status=$?
	l="$(litter "$mnt") $(litter "$mnt/out")"
	if [ $status -ne 0 ] && [ "$(cd "$mnt/out" && cksum * | sort)" = "$before" ] && [ -z "$(echo $l)" ]; then
		pass
		echo "  a review whose reports do not fit: exit $status, the previous reports untouched: $(head -n 1 err.txt)"
	else
		fail "tmpfs reports: exit $status, left: $l, $(head -n 2 err.txt)"
	fi
	umount "$mnt" && mnt=
fi

echo "3. a review killed at a random moment: kill -9 ($kills trials), SIGTERM ($terms trials)"
"$BENCH_GEN" "$systems" "$work/review.xml" || exit 1
dir=$work/kill
rm -rf "$dir" && mkdir "$dir" && cd "$dir" || exit 1
cp "$base" db.db
start=$(date +%s%N)
"$ASSESS" review --db db.db -o out "$work/review.xml" >/dev/null 2>&1 || fail "the review to kill does not work"
took=$((($(date +%s%N) - start) / 1000000))
echo "  a whole review of $systems systems takes $took ms; each trial stops it at a random moment in that time"
# delays in ms, reproducible (FAULT_SEED)
delays=$(awk -v n=$((kills + terms)) -v t="$took" -v seed="$seed" 'BEGIN {
	srand(seed + 1)
	for (i = 0; i < n; i++) print int(rand() * t)
}')
trial=0
killed=0 finished=0 snapshots_kept=0 imports_kept=0
for ms in $delays; do
	trial=$((trial + 1))
	if [ $trial -le $kills ]; then sig=KILL; else sig=TERM; fi
	rm -rf "$dir" && mkdir "$dir" && cd "$dir" || exit 1
	# odd trials: a new database; even ones: the base database
	if [ $((trial % 2)) -eq 0 ]; then cp "$base" db.db; fi
	"$ASSESS" review --db db.db -o out "$work/review.xml" >/dev/null 2>err.txt &
	pid=$!
	sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
	kill -$sig $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null # without the shell's "Killed"
	status=$?
	problems=
	if [ $status -eq 0 ]; then
		finished=$((finished + 1))
	else
		killed=$((killed + 1))
		case $sig$status in KILL137 | TERM143) ;; *) problems="$problems exit $status;" ;; esac
	fi
	if [ -e db.db ]; then
		[ "$(integrity db.db)" = ok ] || problems="$problems database damaged: $(integrity db.db);"
		n=$(count db.db snapshots)
		if [ $((trial % 2)) -eq 0 ]; then
			[ "$(first_snapshot db.db)" = "$base_snap" ] || problems="$problems previous snapshot changed;"
			[ "$n" = 2 ] && imports_kept=$((imports_kept + 1))
			snapshots_kept=$((snapshots_kept + 1))
		else
			[ "$(count db.db runs)" = 1 ] || problems="$problems a new database without its run;"
			imports_kept=$((imports_kept + 1))
		fi
	elif [ $((trial % 2)) -eq 0 ]; then
		problems="$problems the database is gone;"
	fi
	# a SIGTERM cleans up at once; after kill -9 the next run does
	if [ $sig = TERM ]; then
		l="$(litter .) $(litter out)"
		[ -n "$(echo $l)" ] && problems="$problems left after SIGTERM: $(echo $l);"
	fi
	"$ASSESS" review --db db.db -o out "$work/review.xml" >/dev/null 2>err2.txt ||
		problems="$problems the next review failed: $(head -n 1 err2.txt);"
	l="$(litter .) $(litter out)"
	[ -n "$(echo $l)" ] && problems="$problems left after the next run: $(echo $l);"
	[ "$(integrity db.db)" = ok ] || problems="$problems damaged after the next run;"
	if [ -n "$problems" ]; then
		fail "trial $trial (SIG$sig after $ms ms):$problems"
	else
		pass
	fi
done
echo "  $trial trials: $killed stopped by the signal, $finished finished first; the previous snapshot"
echo "  intact in all $snapshots_kept on an existing database; $imports_kept had committed their import"
echo "  (a new database published with its run, or a second snapshot), the others left none"
cd "$work" || exit 1

echo "4. memory: a review of 5,000 systems, and reviews under ulimit -v"
if [ ! -x /usr/bin/time ]; then
	echo "  skipped the peak: no GNU time (apt-get install -y time)"
else
	"$BENCH_GEN" 5000 "$work/review-5000.xml" || exit 1
	rm -rf "$work/mem" && mkdir "$work/mem" && cd "$work/mem" || exit 1
	/usr/bin/time -f '%M' -o rss.txt "$ASSESS" review --db m.db -o out "$work/review-5000.xml" \
		>/dev/null 2>err.txt
	status=$?
	kb=$(tail -n 1 rss.txt)
	if [ $status -eq 0 ] && [ "$kb" -le $((memory_mb * 1024)) ]; then
		pass
	else
		fail "review of 5,000 systems: exit $status, $((kb / 1024)) MB (at most $memory_mb MB): $(head -n 1 err.txt)"
	fi
	echo "  review of 5,000 systems: exit $status, peak $((kb / 1024)) MB (at most $memory_mb MB)"
	/usr/bin/time -f '%M' -o rss.txt "$ASSESS" report --db m.db annual-docx --owner btc -o owner.docx \
		>/dev/null 2>err.txt
	status=$?
	kb=$(tail -n 1 rss.txt)
	if [ $status -eq 0 ] && [ "$kb" -le $((owner_mb * 1024)) ] && [ -s owner.docx ]; then
		pass
	else
		fail "annual-docx of an owner of 2,500 systems: exit $status, $((kb / 1024)) MB (at most $owner_mb MB): $(head -n 1 err.txt)"
	fi
	echo "  annual-docx of an owner of 2,500 systems: exit $status, peak $((kb / 1024)) MB (at most $owner_mb MB)"
fi
limits=$(awk -v lo=45 -v hi=125 -v n=17 'BEGIN { for (i = 0; i < n; i++) print int((lo + (hi - lo) * i / (n - 1)) * 1024) }')
runs=0 oom=0 completed=0 cannot_start=0
for kb in $limits; do
	rm -rf "$work/mem" && mkdir "$work/mem" && cd "$work/mem" || exit 1
	cp "$base" db.db
	(ulimit -v "$kb" && exec "$ASSESS" review --db db.db -o out "$work/review.xml") >/dev/null 2>err.txt
	status=$?
	runs=$((runs + 1))
	problems=
	case $status in
	0)
		completed=$((completed + 1))
		[ -f out/index.html ] || problems="exit 0 without the reports;"
		;;
	1)
		if grep -q 'out of memory\|cannot start a thread' err.txt; then
			oom=$((oom + 1))
		else
			problems="exit 1 without saying it is out of memory: $(head -n 1 err.txt);"
		fi
		;;
	127)
		cannot_start=$((cannot_start + 1)) # the loader could not map a library: not ours
		;;
	*) problems="exit $status (a crash or an abort): $(head -n 1 err.txt);" ;;
	esac
	[ "$(integrity db.db)" = ok ] && [ "$(first_snapshot db.db)" = "$base_snap" ] ||
		problems="$problems the database is damaged;"
	l="$(litter .) $(litter out)"
	[ -n "$(echo $l)" ] && problems="$problems left behind: $(echo $l);"
	if [ -n "$problems" ]; then
		fail "review of $systems systems under ulimit -v $kb: $problems"
	else
		pass
	fi
done
echo "  review of $systems systems under ulimit -v 45..125 MB: $runs runs, $oom stopped with"
echo "  \"out of memory\" (exit 1), $completed completed, $cannot_start could not load a library"
cd "$work" || exit 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
