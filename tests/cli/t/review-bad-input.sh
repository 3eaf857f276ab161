# a review with one bad inventory stores nothing and renders nothing (exit 3)
$ASSESS review $DATA/examples/inventory-an-hoa.xml $FIX/inventory/bad-february-30.xml
echo "exit $?"
ls
