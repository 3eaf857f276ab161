# --rules auto picks the set in force on the date: as-of 2026-11-01 -> ND331,
# --date 2026-08-18 -> ND85 (last day), --date 2026-08-19 -> ND331 (first day)
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null
$ASSESS classify | head -1 | sed 's/sha256 [0-9a-f]*/sha256 DIGEST/'
$ASSESS classify --date 2026-08-18 | head -1 | sed 's/sha256 [0-9a-f]*/sha256 DIGEST/'
$ASSESS classify --date 2026-08-19 | head -1 | sed 's/sha256 [0-9a-f]*/sha256 DIGEST/'
$ASSESS classify --rules ND99
echo "unknown rule set: exit $?"
$ASSESS classify --date 2026-02-30
echo "bad date: exit $?"
