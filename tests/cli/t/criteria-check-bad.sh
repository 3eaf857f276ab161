# criteria check: every problem of every file as file:line, the valid file still
# reported, exit 3
$ASSESS criteria check "$FIX/criteria/many-problems.xml" "$FIX/criteria/bad-pattern.xml" \
	"$FIX/criteria/logic.xml" "$FIX/criteria/unknown-fact.xml" "$FIX/criteria/not-schema.xml"
