# the same id twice in one file names the first place
$ASSESS validate $FIX/inventory/bad-duplicate-id.xml
