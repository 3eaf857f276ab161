# a file that cannot be opened is a runtime failure (1); the other files are still checked
$ASSESS validate nope.xml $FIX/inventory/bad-enum-value.xml
