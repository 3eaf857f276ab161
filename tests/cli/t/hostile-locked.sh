# a database another process holds a write lock on for longer than the busy
# timeout (5 s): the import fails cleanly (exit 1, one clear message), the
# database stays intact and unchanged
$ASSESS import --db t.db "$FIX/inventory/good-minimal.xml" || exit 1
printf 'begin exclusive;\n.shell touch locked; sleep 7\ncommit;\n' | sqlite3 t.db &
holder=$!
i=0
while [ ! -f locked ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
timeout 20 $ASSESS import --db t.db "$FIX/inventory/good-split-a.xml" "$FIX/inventory/good-split-b.xml"
echo "import exit $?"
wait $holder
sqlite3 t.db 'pragma integrity_check; select id, systems from snapshots'
