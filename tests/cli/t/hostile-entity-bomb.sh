# entity expansion: the billion laughs (UTF-8 and UTF-16, where libxml2 sees
# the DOCTYPE itself) and a quadratic blow-up: exit 3 within seconds and
# under 100 MB; validate and import alike
H=$FIX/hostile
sh "$H/gen.sh" utf16-entity-bomb utf16-bomb.xml
sh "$H/gen.sh" quadratic quadratic.xml
sh "$H/gen.sh" quadratic | sed 's/encoding="UTF-8"/encoding="UTF-16"/' |
	iconv -f UTF-8 -t UTF-16 >utf16-quadratic.xml
for f in "$H/entity-bomb.xml" utf16-bomb.xml quadratic.xml utf16-quadratic.xml; do
	for cmd in validate "import --db t.db"; do
		echo "== $cmd $(basename "$f")"
		/usr/bin/time -f %M -o mem timeout 20 $ASSESS $cmd "$f" >out 2>&1
		rc=$?
		[ $rc -eq 124 ] && echo "TIMEOUT"
		echo "exit $rc, $(wc -l <out) messages"
		sort -u out | head -3
		kb=$(tail -1 mem)
		if [ -z "${ASSESS_WRAPPER:-}" ] && [ "$kb" -ge 102400 ]; then
			echo "MEMORY: $kb KB"
		fi
	done
done
[ -f t.db ] && echo "t.db created"
exit 0
