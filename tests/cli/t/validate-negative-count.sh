# a negative count of data subjects
$ASSESS validate $FIX/inventory/bad-negative-count.xml
