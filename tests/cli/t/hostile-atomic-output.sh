# output files are written to a temporary name and renamed: the file is a new
# inode, no temporary file is left, and a failed command leaves the old file
# untouched
$ASSESS import --db t.db "$FIX/inventory/good-minimal.xml" >/dev/null || exit 1
$ASSESS classify --db t.db >/dev/null || exit 1
echo "old content" >out.xml
before=$(stat -c %i out.xml)
$ASSESS results --db t.db -o out.xml
echo "results exit $?"
[ "$(stat -c %i out.xml)" != "$before" ] && echo "out.xml replaced by rename (new inode)"
xmllint --noout out.xml && echo "out.xml is a complete document"
ls -A
echo "old content" >old.xml
$ASSESS results --db t.db --run 99 -o old.xml
echo "results --run 99 exit $?"
cat old.xml
$ASSESS results --db t.db -o missing-dir/out.xml
echo "results into a missing directory exit $?"
ls -A
