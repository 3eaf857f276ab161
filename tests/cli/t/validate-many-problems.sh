# every problem is listed, not only the first: five in one file, one in another
$ASSESS validate $FIX/inventory/bad-several.xml $FIX/inventory/bad-february-30.xml
