# Vietnamese all the way (issue 15): every Vietnamese document a review of
# the example writes (web pages, and the body of every Word document), and
# each system's level dossier as a web page, holds no internal code as a
# word: no code of a closed list of the inventory ('assess schema
# vocabulary'), no finding code (criteria/README-findings.md), no rule set
# id ('assess criteria list'); and each names its sources: the rule set's
# digest, the run, a date and the legal basis (tests/docs/internal-codes.pl).
check="$FIX/../docs/internal-codes.pl"
{
	$ASSESS schema vocabulary | sed -n 's/.* code="\([^"]*\)".*/\1/p'
	sed -n 's/^| `\([a-z0-9-]*\)`.*/\1/p' "$DATA/README-findings.md"
	$ASSESS criteria list | awk '{ print $1 }'
} | grep -v '^[0-9IVX]*$' | sort -u >codes.txt
echo "internal codes: $(wc -l <codes.txt), e.g. $(grep -cx 'citizen-business\|licensed\|ND331\|unapproved-in-operation' codes.txt) of 4 named in the issue"
for rules in auto ND85; do
	echo "--- rules $rules"
	rm -rf out
	$ASSESS review --db $rules.db --rules $rules --all --settings "$DATA/examples/settings-an-hoa.xml" -o out \
		"$DATA/examples/inventory-an-hoa.xml" "$FIX/inventory/good-second-owner.xml" >/dev/null || exit 1
	perl "$check" codes.txt html out/*.html
	perl "$check" codes.txt docx out/*.docx
	for id in $(xmllint --xpath '/results/system/@id' out/results.xml | sed 's/ id="\([^"]*\)"/\1 /g'); do
		$ASSESS report --db $rules.db dossier --system "$id" -o "dossier-$id.html" || exit 1
	done
	perl "$check" codes.txt html dossier-*.html
	rm -f dossier-*.html
done
