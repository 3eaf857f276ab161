# Decree 331 Art. 39.1: "auto" chooses the rule set per system. On
# 2026-10-15 Decree 331 is in force, but a system whose investment started
# before 2026-07-01 is assessed under Decree 85 until 2026-12-31; both rule
# sets in one run, each system saying which one assessed it and why.
show() {
	for s in tc-truoc tc-sau tc-chua-ro; do
		xmllint --xpath "concat('$s: ', /results/system[@id='$s']/@rules, ' (', /results/system[@id='$s']/@rules-basis, ') level ', /results/system[@id='$s']/@level, ' by ', /results/system[@id='$s']/@deciding-clause)" r.xml
		xmllint --xpath "concat('  ', /results/system[@id='$s']/rules-reason[@xml:lang='en'])" r.xml
	done
}
$ASSESS import $FIX/inventory/transition.xml >/dev/null || exit 1
$ASSESS classify --date 2026-10-15 | sed -E 's/sha256 [0-9a-f]{12}/sha256 HEX/' || exit 1
$ASSESS results >r.xml || exit 1
xmllint --noout --relaxng $DATA/schema/results.rng r.xml
xmllint --xpath 'concat("run rules ", /results/@rules, "; rule sets: ", /results/rule-set[1]/@id, " ", /results/rule-set[1]/@systems, ", ", /results/rule-set[2]/@id, " ", /results/rule-set[2]/@systems)' r.xml
show
$ASSESS explain --lang en tc-truoc | sed -n '3,5p'
$ASSESS explain tc-truoc | sed -n '5p'
echo "--- after the transition (2027-01-04)"
$ASSESS classify --date 2027-01-04 >/dev/null || exit 1
$ASSESS results >r.xml || exit 1
show
echo "--- --rules ND331 forces one rule set"
$ASSESS classify --rules ND331 --date 2026-10-15 >/dev/null || exit 1
$ASSESS results >r.xml || exit 1
show
