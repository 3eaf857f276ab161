# the same file alone: its references dangle
$ASSESS validate $FIX/inventory/good-split-a.xml
