# an owner that is not an organization of any file
$ASSESS validate $FIX/inventory/bad-unknown-owner.xml
