# classify the example province under ND85: systems per level and findings
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null &&
$ASSESS classify --rules ND85 | sed 's/sha256 [0-9a-f]*/sha256 DIGEST/'
