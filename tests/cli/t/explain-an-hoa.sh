# explain: the trace of one system in Vietnamese, and English with --lang en
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null &&
$ASSESS classify --rules ND85 >/dev/null || exit 1
$ASSESS explain ah-tthc
$ASSESS explain --lang en ah-kho-dl
$ASSESS explain no-such-system
echo "unknown system: exit $?"
