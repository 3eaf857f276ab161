# a valid system whose name is 100,000 characters: imported, stored and
# printed in full (nothing cut, nothing overflows)
sh "$FIX/hostile/gen.sh" long-name long-name.xml
timeout 20 $ASSESS import --db t.db long-name.xml || exit 1
timeout 20 $ASSESS classify --db t.db >/dev/null || exit 1
timeout 20 $ASSESS results --db t.db -o results.xml || exit 1
want=$(xmllint --xpath 'string(//system/name)' long-name.xml)
stored=$(sqlite3 t.db "select record ->> '\$.facts.name' from systems where id = 'qldd'")
shown=$(xmllint --xpath 'string(//system[@id="qldd"]/@name)' results.xml)
echo "given ${#want} characters, stored ${#stored}, shown ${#shown}"
[ "$want" = "$stored" ] && echo "stored verbatim"
[ "$want" = "$shown" ] && echo "shown verbatim"
exit 0
