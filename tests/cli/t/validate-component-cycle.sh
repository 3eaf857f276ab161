# three systems that contain each other in a ring
$ASSESS validate $FIX/inventory/bad-component-cycle.xml
