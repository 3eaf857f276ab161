# references resolve across files, in either order
$ASSESS validate $FIX/inventory/good-split-a.xml $FIX/inventory/good-split-b.xml
