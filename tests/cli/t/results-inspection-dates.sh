# The example's level-3 system last inspected 2024-12-01 (ah-mat) is overdue
# under Decree 85 on 2026-11-01: levels 3 and 4 are inspected yearly
# (Art. 20.2c). The finding names the last inspection and the due date, each
# labelled; a date already past is never "due soon".
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null &&
$ASSESS classify --rules ND85 --date 2026-11-01 >/dev/null || exit 1
$ASSESS results >r.xml || exit 1
xmllint --xpath 'concat("ah-mat: ", /results/system[@id="ah-mat"]/@inspection-state, ", last ", /results/system[@id="ah-mat"]/@last-inspection, ", due ", /results/system[@id="ah-mat"]/@next-inspection-due, ", every ", /results/system[@id="ah-mat"]/@inspection-months, " months (", /results/system[@id="ah-mat"]/@inspection-basis, ", ", /results/system[@id="ah-mat"]/@inspection-article, ")")' r.xml
xmllint --xpath 'string(/results/system[@id="ah-mat"]/finding[@code="inspection-overdue"]/text[@xml:lang="en"])' r.xml
xmllint --xpath 'string(/results/system[@id="ah-mat"]/finding[@code="inspection-overdue"]/text[@xml:lang="vi"])' r.xml
echo "due soon with a past due date: $(xmllint --xpath 'count(/results/system[@inspection-state="due-soon"][translate(@next-inspection-due, "-", "") < 20261101])' r.xml)"
echo "overdue with a due date to come: $(xmllint --xpath 'count(/results/system[@inspection-state="overdue"][translate(@next-inspection-due, "-", "") >= 20261101])' r.xml)"
