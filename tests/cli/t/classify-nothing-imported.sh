# classify on a database that does not exist is refused and creates nothing
$ASSESS classify --db none.db
echo "exit $?"
ls
