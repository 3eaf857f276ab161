# a status outside the enumeration
$ASSESS validate $FIX/inventory/bad-enum-value.xml
