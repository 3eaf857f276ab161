# a date that is not in the calendar
$ASSESS validate $FIX/inventory/bad-february-30.xml
