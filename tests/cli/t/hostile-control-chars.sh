# control characters from an inventory or a database never reach the
# terminal raw: C0 and DEL print as \xNN, C1 controls and bidirectional
# controls as \uNNNN, in explain, runs, diff and every message; the results
# XML stays well-formed whatever the database holds. (show() marks the raw
# characters that would reach the terminal: <ESC>, <BEL>, <CSI>, <RLO>, <PDF>.)
show() {
	sed -e 's/\x1b/<ESC>/g' -e 's/\x07/<BEL>/g' -e 's/\xc2\x9b/<CSI>/g' \
		-e 's/\xe2\x80\xae/<RLO>/g' -e 's/\xe2\x80\xac/<PDF>/g'
}
sed -e 's|<name>Quản lý đất đai</name>|<name>Quản lý \&#x202E;lanif\&#x202C; \&#x9B;31m đất đai</name>|' \
	"$FIX/inventory/good-minimal.xml" >inv.xml
$ASSESS import --db t.db inv.xml >/dev/null || exit 1
$ASSESS classify --db t.db >/dev/null || exit 1
$ASSESS explain --db t.db --lang en qldd | grep '^System:' | show
# a database that holds what no inventory can: ESC, BEL
sqlite3 t.db "update systems set record = json_set(record, '\$.facts.name', 'evil' || char(27) || '[2J' || char(7) || ' ' || char(8238) || 'x');
	update runs set generated = '2026' || char(27) || ']0;pwned' || char(7)"
$ASSESS classify --db t.db >/dev/null || exit 1
sqlite3 t.db "update run_systems set verdict = json_set(verdict, '\$.level', 4, '\$.determined', 1) where run = 2"
$ASSESS explain --db t.db --lang en qldd | grep '^System:' | show
$ASSESS runs --db t.db | show | sed "s/[0-9-]*T[0-9:]*Z$/TIME/"
$ASSESS diff --db t.db 1 2 | show
$ASSESS explain --db t.db "$(printf 'nope\033[31m')" 2>&1 >/dev/null | show
$ASSESS results --db t.db >r.xml && xmllint --noout r.xml && echo "results: well-formed"
grep -o 'name="evil[^"]*"' r.xml | head -1 | show
# an inventory error that quotes what it read
sed -e 's|owner="so-tn" operator|owner="so\&#x202E;tn" operator|' "$FIX/inventory/good-minimal.xml" >bad.xml
$ASSESS validate bad.xml 2>&1 | show
