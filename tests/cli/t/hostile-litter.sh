# interrupted runs leave no litter: a SIGTERM or SIGINT removes our
# temporary files before the process dies (exit 128+signal); what kill -9
# leaves ("NAME.tmp.PID.XXXXXX", "DB.new.PID.XXXXXX" and its -wal, -shm) is
# removed by the next run that writes beside it, only when PID is dead
sh -c 'exit 0' &
dead=$!
wait $dead
live=$$
mkdir out
for f in t.db.new.$dead.aaaaaa t.db.new.$dead.aaaaaa-wal t.db.new.$dead.aaaaaa-shm \
	t.db.new.$live.bbbbbb out/results.csv.tmp.$dead.cccccc out/index.html.tmp.$live.dddddd \
	out/summary.html.tmp.notapid r.xml.tmp.$dead.eeeeee; do
	echo litter >"$f"
done
$ASSESS review --db t.db -o out "$FIX/inventory/good-minimal.xml" >/dev/null
echo "review exit $?"
$ASSESS results --db t.db -o r.xml
echo "results exit $?"
ls -A . out | sed -e "s/\.$live\./.LIVE./" -e '/^\.std/d'

# a SIGTERM, then a SIGINT, while a large review writes its reports into
# its private folder out2.tmp.PID.XXXXXX (a
# command started with & has SIGINT ignored, and an ignored signal stays
# ignored: env gives it back its default)
$BENCH_GEN 6000 big.xml || exit 1
for sig in TERM INT; do
	rm -rf t2.db* out2
	env --default-signal=INT $ASSESS review --db t2.db -o out2 big.xml >/dev/null 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 600 ]; do
		ls out2.tmp.* >/dev/null 2>&1 && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.02
		i=$((i + 1))
	done
	kill -$sig $pid 2>/dev/null
	wait $pid
	rc=$?
	[ $rc -gt 128 ] && echo "SIG$sig: exit $rc" || echo "NOT STOPPED: review ended with $rc first"
	echo "left: $(ls -A | grep -c -e '^out2\.tmp\.' -e '^t2\.db\.new\.') beside out2 and t2.db, out2 $(test -e out2 && echo exists || echo absent)"
done
