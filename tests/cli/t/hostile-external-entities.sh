# external entities (local file, network DTD, parameter entity), XInclude and
# an undeclared entity, the same in UTF-16: each file rejected (exit 3) within seconds, nothing
# fetched or read, no byte of /etc/passwd shown; import stores nothing
H=$FIX/hostile
for f in external-file external-dtd-network external-parameter; do
	sh "$H/gen.sh" "utf16-$f" "utf16-$f.xml"
done
for f in external-file external-dtd-network external-parameter undeclared-entity xinclude \
	utf16-external-file utf16-external-dtd-network utf16-external-parameter; do
	echo "== $f"
	file=$H/$f.xml
	[ -f "$file" ] || file=$f.xml
	timeout 20 $ASSESS validate "$file" >out 2>&1
	rc=$?
	[ $rc -eq 124 ] && echo "TIMEOUT (hung on $f)"
	echo "exit $rc"
	cat out
	grep -q 'root:' out && echo "LEAK: /etc/passwd content in the output"
done
echo "== import of them all"
timeout 20 $ASSESS import --db t.db "$H/external-file.xml" "$H/external-dtd-network.xml" \
	"$H/external-parameter.xml" >/dev/null 2>&1
echo "exit $?"
[ -f t.db ] && sqlite3 t.db 'select count(*) from snapshots'
exit 0
