# a rule set whose pattern (a+)+c backtracks catastrophically on a long name
# that never matches: the match stops at the PCRE2 limits within seconds, the
# clause is unknown and the limit is named as the reason
mkdir -p data
cp -R "$DATA" data/criteria
cp "$FIX/hostile/criteria-backtrack.xml" data/criteria/
export ASSESS_DATADIR=$PWD/data
sh "$FIX/hostile/gen.sh" backtrack backtrack.xml
$ASSESS import --db t.db backtrack.xml || exit 1
timeout 5 $ASSESS classify --db t.db --rules BACKTRACK
rc=$?
[ $rc -eq 124 ] && echo "TIMEOUT: classify hung on the pattern"
echo "classify exit $rc"
$ASSESS results --db t.db | grep -e '<reason' -e '<clause id="BACKTRACK-[0-9]*" level="[0-9]" holds'
