# the same id in two files: each file is valid alone
$ASSESS validate $FIX/inventory/dup-across-a.xml $FIX/inventory/dup-across-b.xml
