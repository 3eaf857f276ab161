# a regulation decision that is not a decision number
$ASSESS validate $FIX/inventory/bad-decision-number.xml
