# ASSESS_TRACE_PERF=1: one "perf:" line per phase of review on stderr (the
# seconds vary, so they are masked); without it, no such line
ASSESS_TRACE_PERF=1 $ASSESS review --db a.db -o out $DATA/examples/inventory-an-hoa.xml 2>err >/dev/null || exit 1
sed 's/: [0-9][0-9]*\.[0-9][0-9][0-9] s$/: N s/' err
$ASSESS review --db b.db -o out2 $DATA/examples/inventory-an-hoa.xml 2>err2 >/dev/null || exit 1
echo "without the variable: $(grep -c 'perf:' err2) lines"
ASSESS_TRACE_PERF=0 $ASSESS review --db c.db -o out3 $DATA/examples/inventory-an-hoa.xml 2>err3 >/dev/null || exit 1
echo "with ASSESS_TRACE_PERF=0: $(grep -c 'perf:' err3) lines"
