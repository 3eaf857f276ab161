# a second import where ah-dat-lich crossed 10,000 users: diff names that system only
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null &&
$ASSESS classify --rules ND85 >/dev/null &&
$ASSESS import $FIX/review/an-hoa-users-12400.xml >/dev/null &&
$ASSESS classify --rules ND85 >/dev/null || exit 1
$ASSESS runs | sed 's/20[0-9-]*T[0-9:]*Z/TIMESTAMP/'
$ASSESS diff 1 2
$ASSESS diff --format xml 1 2
$ASSESS diff 1 1
$ASSESS diff 1
echo "one run: exit $?"
