# both shared examples are valid together
$ASSESS validate $FIX/shared/inventory-an-hoa.xml $FIX/shared/typical-systems.xml
