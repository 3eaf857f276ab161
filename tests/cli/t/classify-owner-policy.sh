# Decree 331 sets no inspection interval (Art. 28.5a): the owner's own
# policy (<inspection-policy>) decides; a system on the national-security
# list self-inspects yearly by law (Law 116 Art. 11.1b), licensed only.
$ASSESS validate $FIX/inventory/bad-policy.xml
echo "bad policy: exit $?"
$ASSESS import $FIX/inventory/good-policy.xml >/dev/null || exit 1
$ASSESS classify --rules ND331 --date 2026-11-01 >/dev/null || exit 1
$ASSESS results >r.xml || exit 1
xmllint --noout --relaxng $DATA/schema/results.rng r.xml
for s in yt-tthc yt-ds; do
	xmllint --xpath "concat('$s: ', /results/system[@id='$s']/@inspection-state, ' every ', /results/system[@id='$s']/@inspection-months, ' months, ', /results/system[@id='$s']/@inspection-basis, ', counts ', /results/system[@id='$s']/@inspection-counts, ', ', /results/system[@id='$s']/@inspection-article, ' ', /results/system[@id='$s']/@inspection-policy)" r.xml
	echo
done
xmllint --xpath 'count(/results/organization[@id="so-yt"]/inspection-policy)' r.xml; echo
$ASSESS explain --lang en yt-ds | grep -A1 'never-inspected\|level5'
