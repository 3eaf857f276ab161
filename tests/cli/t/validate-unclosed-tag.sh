# malformed XML: an element left open
$ASSESS validate $FIX/inventory/bad-unclosed-tag.xml
