# "-" reads standard input; problems name the file "-"
$ASSESS validate - < $FIX/shared/inventory-an-hoa.xml
sed 's/status="operating"/status="live"/' $FIX/inventory/good-minimal.xml | $ASSESS validate -
