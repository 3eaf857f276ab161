# text that looks like SQL or printf formats: stored byte for byte (bound
# parameters), printed verbatim in the results document, every table intact
H=$FIX/hostile
$ASSESS import --db t.db "$H/sql-text.xml" || exit 1
$ASSESS classify --db t.db >/dev/null || exit 1
$ASSESS results --db t.db --full -o results.xml || exit 1
given() { xmllint --xpath "string($1)" "$H/sql-text.xml"; }
shown() { xmllint --xpath "string($1)" results.xml; }
check() { # check WHAT GIVEN STORED SHOWN
	if [ "$2" = "$3" ] && [ "$2" = "$4" ]; then
		echo "$1 verbatim: $2"
	else
		printf '%s DIFFERS\n given:  %s\n stored: %s\n shown:  %s\n' "$1" "$2" "$3" "$4"
	fi
}
check "system name" "$(given '//system/name')" \
	"$(sqlite3 t.db "select record ->> '\$.facts.name' from systems where id = 'qldd'")" \
	"$(shown '//system[@id="qldd"]/@name')"
check "owner name" "$(given '//organization/name')" \
	"$(sqlite3 t.db "select name from organizations where id = 'so-tn'")" \
	"$(shown '//organization[@id="so-tn"]/@name')"
d=$(given '//system/description')
check "description" "$d" "$(sqlite3 t.db "select record ->> '\$.facts.description' from systems")" "$d"
sqlite3 t.db "select count(*) from sqlite_master where type = 'table';
select count(*) from snapshots; select count(*) from organizations; select count(*) from systems"
[ -e /tmp/pwn.db ] && echo "ATTACHED /tmp/pwn.db"
exit 0
