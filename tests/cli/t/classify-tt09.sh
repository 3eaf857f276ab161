# Issue 13 part 4: a rule set the code has never heard of needs only a
# criteria file and its catalogue. TT09 (tests/fixtures/criteria/tt09/, a
# test coding of State Bank Circular 09/2020/TT-NHNN Art. 5) is read from a
# directory given with --criteria, beside the shipped Decree 85 files that
# its Art. 5.1 hands online customer services to.
mkdir crit && cp $FIX/criteria/tt09/tt09.xml $FIX/criteria/tt09/tt09-requirements.xml \
	$DATA/nd85.xml $DATA/requirements.xml crit/ || exit 1
$ASSESS criteria --criteria crit list | sed 's#TMP/##'
# an approval under TT09 is a valid inventory
xmllint --noout --relaxng $DATA/schema/inventory.rng $FIX/inventory/bank-tt09.xml
$ASSESS validate $FIX/inventory/bank-tt09.xml || exit 1
$ASSESS import $FIX/inventory/bank-tt09.xml >/dev/null || exit 1
echo "--- the shipped directory does not know TT09"
$ASSESS classify --rules TT09
echo "exit $?"
echo "--- --criteria crit"
$ASSESS classify --criteria crit --rules TT09 | sed -E 's/sha256 [0-9a-f]{12}/sha256 HEX/' || exit 1
ASSESS_CRITERIA_DIR=crit $ASSESS results >r.xml || exit 1
ASSESS_CRITERIA_DIR=crit $ASSESS results --full >full.xml || exit 1
xmllint --noout --relaxng $DATA/schema/results.rng r.xml full.xml
for s in nh-noibo nh-the nh-tongdai nh-mat nh-ht; do
	xmllint --xpath "concat('$s: ', /results/system[@id='$s']/@rules, ' (', /results/system[@id='$s']/@rules-basis, ' ', /results/system[@id='$s']/@rules-article, ') level ', /results/system[@id='$s']/@level, ' by ', /results/system[@id='$s']/@deciding-clause)" r.xml
done
echo "approved under: $(xmllint --xpath 'string(/results/system[@id="nh-tongdai"]/@approved-rules)' r.xml)"
xmllint --xpath '/results/system[@id="nh-tongdai"]/finding[@code="under-classified"]/text[@xml:lang="en"]/text()' r.xml; echo
echo "TT09 catalogue rows of nh-mat: $(xmllint --xpath 'count(/results/system[@id="nh-mat"]/requirement)' full.xml) ($(xmllint --xpath 'string(/results/system[@id="nh-mat"]/requirement/@id)' full.xml) $(xmllint --xpath 'string(/results/system[@id="nh-mat"]/requirement/@article)' full.xml))"
echo "cadence findings under TT09 (it states none): $(xmllint --xpath 'count(/results/system[@rules="TT09"]/finding[starts-with(@code,"never-inspected") or starts-with(@code,"inspection-")])' r.xml)"
ASSESS_CRITERIA_DIR=crit $ASSESS explain --lang en nh-ht | sed -n '1,6p'
ASSESS_CRITERIA_DIR=crit $ASSESS criteria show TT09-5.4đ | sed -n '1,3p'
