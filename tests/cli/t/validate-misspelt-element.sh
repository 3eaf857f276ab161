# a misspelt element inside <system> is an error with its line
$ASSESS validate $FIX/inventory/bad-misspelt-element.xml
