# the results document validates against the shipped schema, compact and full
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null &&
$ASSESS classify --rules ND85 >/dev/null || exit 1
$ASSESS results >compact.xml && $ASSESS results --full >full.xml || exit 1
xmllint --noout --relaxng $DATA/schema/results.rng compact.xml full.xml
echo "every clause in full: $(xmllint --xpath 'count(/results/system[@id="ah-mat"]/clause)' full.xml)"
echo "held or unknown in compact: $(xmllint --xpath 'count(/results/system[@id="ah-mat"]/clause)' compact.xml)"
echo "requirements in full: $(xmllint --xpath 'count(/results/system[@id="ah-tthc"]/requirement) > 0' full.xml)"
$ASSESS results --run 9
echo "no such run: exit $?"
