# criteria check: a valid file prints its id, clause count and SHA-256
$ASSESS criteria check "$FIX/criteria/logic.xml"
