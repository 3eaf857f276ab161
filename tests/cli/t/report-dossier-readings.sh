# A clause held because of a reading (not the text) says so in the results
# and in the dossier: the shared e-office of An Hòa is shared infrastructure
# by the "shared-platform" reading (domain.md 3.3.7).
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null &&
$ASSESS classify --rules ND85 >/dev/null || exit 1
$ASSESS results >r.xml || exit 1
echo "reading of ah-qlvb: $(xmllint --xpath 'string(/results/system[@id="ah-qlvb"]/clause[@id="ND85-9.3"]/@reading)' r.xml)"
echo "article of ND85-9.3: $(xmllint --xpath 'string(/results/clauses/clause[@id="ND85-9.3"]/@article)' r.xml)"
echo "no reading on ah-ttdl: $(xmllint --xpath 'count(/results/system[@id="ah-ttdl"]/clause[@reading])' r.xml)"
$ASSESS report --lang en --system ah-qlvb -o d.html dossier || exit 1
grep -o 'Reading: Not the text: an internal platform[^<]*' d.html | head -1
grep -o 'Decree 85/2016/ND-CP Art. 9.3' d.html | head -1
