# an operator whose role is owner
$ASSESS validate $FIX/inventory/bad-operator-is-owner.xml
