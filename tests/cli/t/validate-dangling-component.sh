# a component that no file defines
$ASSESS validate $FIX/inventory/bad-dangling-component.xml
