# kill -9 during a large import: the database stays intact (integrity_check
# ok) and holds the previous snapshot only; the next import works
sh "$FIX/hostile/gen.sh" many-150000 big.xml
$ASSESS import --db t.db "$FIX/inventory/good-minimal.xml" || exit 1
$ASSESS import --db t.db big.xml >import.out 2>&1 &
pid=$!
# kill once the import has written at least a megabyte to the journal
i=0
while [ $i -lt 400 ]; do
	size=$(stat -c %s t.db-wal 2>/dev/null || echo 0)
	[ "$size" -gt 1048576 ] && break
	kill -0 $pid 2>/dev/null || break
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid
rc=$?
[ $rc -eq 137 ] && echo "import killed while writing" || echo "NOT KILLED: import ended with $rc first"
sqlite3 t.db 'pragma integrity_check;
select id, systems from snapshots;
select count(*) from systems'
$ASSESS import --db t.db "$FIX/inventory/good-split-a.xml" "$FIX/inventory/good-split-b.xml"
sqlite3 t.db 'pragma integrity_check; select id, systems from snapshots'
