# assess schema: the vocabulary as XML, and the RELAX NG schema generated
# from it, which the shipped and shared examples match
$ASSESS schema vocabulary >voc.xml
echo "vocabulary: exit $?"
xmllint --noout voc.xml && echo "well-formed"
echo "records: $(xmllint --xpath 'count(/vocabulary/record)' voc.xml)"
echo "system fields (the facts): $(xmllint --xpath 'count(/vocabulary/record[@name="system"]/field)' voc.xml)"
echo "lists: $(xmllint --xpath 'count(/vocabulary/list)' voc.xml)"
xmllint --xpath 'string(/vocabulary/record[@name="system"]/field[@name="status"]/@vi)' voc.xml
echo
$ASSESS schema inventory >inv.rng
echo "inventory: exit $?"
xmllint --noout --relaxng inv.rng "$DATA/examples/inventory-an-hoa.xml" "$FIX/shared/inventory-an-hoa.xml" \
	"$FIX/inventory/good-minimal.xml" 2>&1
xmllint --noout --relaxng inv.rng "$FIX/inventory/bad-decision-number.xml" >/dev/null 2>&1 ||
	echo "bad-decision-number.xml fails to validate"
# the published copy is the generated one (after changing vocabulary.def:
# build/assess schema inventory >criteria/schema/inventory.rng)
cmp -s inv.rng "$DATA/schema/inventory.rng" && echo "criteria/schema/inventory.rng is up to date" ||
	echo "criteria/schema/inventory.rng differs from 'assess schema inventory'"
$ASSESS schema
echo "no schema: exit $?"
$ASSESS schema rules
echo "unknown schema: exit $?"
