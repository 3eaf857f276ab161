# two large imports into one database at once: each succeeds (the second
# waits for the first) or fails cleanly with a message; never a corrupt file.
# Afterwards the snapshots are exactly the successful imports. Into a new
# database, both build a private one and the second to finish is refused
# ("created by another command meanwhile"); into an existing one, the
# second waits for the first (busy timeout) or fails as locked.
sh "$FIX/hostile/gen.sh" many-100000 a.xml
sh "$FIX/hostile/gen.sh" many-100001 b.xml
$ASSESS import --db t.db a.xml >a.out 2>&1 &
pa=$!
$ASSESS import --db t.db b.xml >b.out 2>&1 &
pb=$!
wait $pa
ra=$?
wait $pb
rb=$?
ok=0
for r in "$ra:a" "$rb:b"; do
	case $r in
	0:*) ok=$((ok + 1)) ;;
	1:*)
		f=${r#*:}.out
		grep -q -i -e locked -e busy -e meanwhile "$f" || { echo "unclear failure:"; cat "$f"; }
		;;
	*) echo "import ${r#*:} ended with status ${r%%:*}"; cat "${r#*:}.out" ;;
	esac
done
[ $ok -ge 1 ] && echo "at least one import succeeded"
sqlite3 t.db 'pragma integrity_check'
[ "$(sqlite3 t.db 'select count(*) from snapshots')" -eq $ok ] && echo "snapshots = successful imports"
latest=$(sqlite3 t.db 'select systems from snapshots order by id desc limit 1')
case $ok:$latest in
2:200001 | 1:100000 | 1:100001) echo "the latest snapshot holds every imported system" ;;
*) echo "the latest snapshot holds $latest systems after $ok imports" ;;
esac

# the same on an existing database: both end cleanly, the file stays sound
$ASSESS import --db u.db "$FIX/shared/inventory-an-hoa.xml" >/dev/null || exit 1
$ASSESS import --db u.db a.xml >a.out 2>&1 &
pa=$!
$ASSESS import --db u.db b.xml >b.out 2>&1 &
pb=$!
wait $pa
ra=$?
wait $pb
rb=$?
for r in "$ra:a" "$rb:b"; do
	case $r in
	0:*) ;;
	1:*) grep -q -i -e locked -e busy "${r#*:}.out" || { echo "unclear failure:"; cat "${r#*:}.out"; } ;;
	*) echo "import ${r#*:} ended with status ${r%%:*}"; cat "${r#*:}.out" ;;
	esac
done
echo "existing database: $(sqlite3 u.db 'pragma integrity_check')"
exit 0
