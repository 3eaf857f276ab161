# --fail-on critical exits 4 when a critical finding exists; typical systems has none
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null
$ASSESS classify --rules ND85 --fail-on critical >/dev/null
echo "an-hoa critical: exit $?"
$ASSESS classify --rules ND85 --fail-on bogus >/dev/null 2>&1
echo "bad severity: exit $?"
