# Above 5,000 systems review renders the CSV on a thread of its own, started
# before the totals of the run are read: the trace shows "csv" (the wait for
# that thread) right after the totals, before the other reports. The CSV is
# still the CSV of the whole results document.
$BENCH_GEN 6000 big.xml || exit 1
ASSESS_TRACE_PERF=1 $ASSESS review --db r.db -o out big.xml 2>err >/dev/null || exit 1
sed -n 's/^assess: perf: \(.*\): [0-9][0-9]*\.[0-9][0-9][0-9] s$/\1/p' err
grep -v '^assess: perf: ' err
ls out
$ASSESS results --db r.db >r.xml || exit 1
$ASSESS report --results r.xml csv -o whole.csv &&
	cmp out/results.csv whole.csv && echo "csv of the thread = csv of the whole document"
# `assess report csv` keeps the CSV on the main thread, after the totals
ASSESS_TRACE_PERF=1 $ASSESS report --db r.db csv -o report.csv 2>err2 || exit 1
sed -n 's/^assess: perf: \(.*\): [0-9][0-9]*\.[0-9][0-9][0-9] s$/\1/p' err2
cmp out/results.csv report.csv && echo "report csv = review's csv"
# 5,000 systems are not large: no thread, the reports in their order
$BENCH_GEN 5000 small.xml || exit 1
ASSESS_TRACE_PERF=1 $ASSESS review --db s.db -o small small.xml 2>err3 >/dev/null || exit 1
sed -n 's/^assess: perf: \(.*\): [0-9][0-9]*\.[0-9][0-9][0-9] s$/\1/p' err3
exit 0
