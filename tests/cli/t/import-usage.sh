# import needs at least one file; a missing file is a runtime failure
$ASSESS import
echo "exit $?"
$ASSESS import --db
echo "exit $?"
$ASSESS import --db x.db no-such.xml
echo "exit $?"
test -e x.db && echo "x.db exists" || echo "no x.db"
ASSESS_DB=env.db $ASSESS import "$FIX/shared/inventory-an-hoa.xml"
