# -o writes a regular file or a new name only: a device, a FIFO, a directory
# or the open database is refused (exit 2) and left as it was; an existing
# file keeps its mode; a symbolic link to a file keeps pointing at it; "-" is
# standard output
$ASSESS import --db t.db "$FIX/inventory/good-minimal.xml" >/dev/null || exit 1
$ASSESS classify --db t.db >/dev/null || exit 1
cp t.db before.db

$ASSESS report --db t.db csv -o t.db
echo "report -o the database: exit $?"
cmp -s t.db before.db && echo "the database is unchanged"
$ASSESS results --db t.db -o t.db
echo "results -o the database: exit $?"
ln t.db hard.db
$ASSESS results --db t.db -o hard.db
echo "results -o a hard link of the database: exit $?"
$ASSESS results --db hard.db -o "$PWD/./t.db"
echo "results -o the database by another name: exit $?"
cmp -s t.db before.db && echo "the database is still unchanged"
sqlite3 t.db 'pragma integrity_check'

mkfifo fifo
$ASSESS report --db t.db csv -o fifo
echo "fifo: exit $?, $(stat -c %F fifo)"
mkdir dir
$ASSESS results --db t.db -o dir
echo "directory: exit $?, $(stat -c %F dir)"
# a device: a node of our own when we may make one, else /dev/null (the
# command must refuse before it renames anything)
if mknod dev c 1 3 2>/dev/null; then d=dev; else d=/dev/null; fi
$ASSESS results --db t.db -o $d 2>err
echo "device: exit $?, $(stat -c %F $d)"
sed "s#'$d'#'DEVICE'#" err

echo "old" >private.csv
chmod 600 private.csv
$ASSESS report --db t.db csv -o private.csv
echo "0600 file: exit $?, mode $(stat -c %a private.csv)"
echo "old" >target.xml
ln -s target.xml link.xml
$ASSESS results --db t.db -o link.xml
echo "symbolic link: exit $?, $(stat -c %F link.xml) to $(readlink link.xml), target $(head -c 5 target.xml)"
$ASSESS results --db t.db -o - | head -c 5
echo
ls -A | grep -c tmp
exit 0
