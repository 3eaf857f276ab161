# references between imports: a component cycle formed over several imports,
# and a component that a re-import of its owner leaves out, are errors that
# name the systems; nothing is imported
org() { # org ID: an owner organization and its operator
	printf '  <organization id="%s" role="owner"><name>%s</name></organization>\n' "$1" "$1"
	printf '  <organization id="%s-op" role="operator" parent="%s"><name>%s op</name></organization>\n' "$1" "$1" "$1"
}
sys() { # sys ID OWNER [COMPONENT]: an operating internal system
	printf '  <system id="%s" owner="%s" operator="%s-op" status="operating">\n' "$1" "$2" "$2"
	printf '    <name>%s</name>\n    <type>internal</type>\n' "$1"
	printf '    <information public="yes" private="no" personal="no" secret="none"/>\n'
	[ -n "${3:-}" ] && printf '    <components><component ref="%s"/></components>\n' "$3"
	printf '  </system>\n'
}
inv() { # inv FILE BODY...
	f=$1
	shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<inventory version="1" as-of="2026-06-30">'
		printf '%s\n' "$@"
		echo '</inventory>'
	} >"$f"
}
inv c.xml "$(org oc)" "$(sys c1 oc)"
inv b.xml "$(org ob)" "$(sys b1 ob c1)"
inv a.xml "$(org oa)" "$(sys a1 oa b1)"
inv c2.xml "$(org oc)" "$(sys c1 oc a1)"
for f in c b a; do $ASSESS import --db t.db $f.xml >/dev/null || exit 1; done
echo "three imports: $(sqlite3 t.db 'select count(*) from snapshots') snapshots"
# c1 now uses a1: a1 -> b1 -> c1 -> a1
$ASSESS import --db t.db c2.xml
echo "a cycle over four imports: exit $?, snapshots $(sqlite3 t.db 'select count(*) from snapshots')"

# owner ob lists no b1 any more, but a1 (kept) uses it
inv b2.xml "$(org ob)" "$(sys b9 ob)"
$ASSESS import --db t.db b2.xml
echo "a component left out: exit $?, snapshots $(sqlite3 t.db 'select count(*) from snapshots')"
# the same when the user of b1 is imported with it
inv a2.xml "$(org oa)" "$(sys a1 oa b1)"
$ASSESS import --db t.db a2.xml b2.xml
echo "imported together: exit $?"
$ASSESS classify --db t.db >/dev/null && $ASSESS explain --db t.db --lang en a1 | grep -A1 '^Components'
