# an id with spaces and Vietnamese letters
$ASSESS validate $FIX/inventory/bad-identifier.xml
