# every identifier, date and count attribute wrong once: the rule tables
# report each (the validator's schema has no pattern facets, see inventory.c)
$ASSESS validate $FIX/inventory/bad-patterns-everywhere.xml
