# broken files: a 200,000-deep tree (at the top and inside a text element),
# invalid UTF-8, NUL bytes, a truncated file, an empty file, a 100,000-character
# element name and id: exit 3, no crash, no hang, bounded memory; import
# stores nothing (messages cut to 160 characters here)
H=$FIX/hostile
for g in deep-tree deep-text long-element long-id; do
	sh "$H/gen.sh" $g $g.xml
done
for f in deep-tree.xml deep-text.xml long-element.xml long-id.xml "$H/invalid-utf8.xml" \
	"$H/nul-byte.xml" "$H/truncated.xml" "$H/empty.xml" "$H/only-nuls.xml"; do
	for cmd in validate "import --db t.db"; do
		echo "== $cmd $(basename "$f")"
		/usr/bin/time -f %M -o mem timeout 20 $ASSESS $cmd "$f" >out 2>&1
		rc=$?
		[ $rc -eq 124 ] && echo "TIMEOUT"
		[ $rc -gt 3 ] && echo "CRASH (status $rc)"
		echo "exit $rc"
		cut -c1-160 out
		kb=$(tail -1 mem)
		if [ -z "${ASSESS_WRAPPER:-}" ] && [ "$kb" -ge 102400 ]; then
			echo "MEMORY: $kb KB"
		fi
	done
done
[ -f t.db ] && echo "t.db created"
exit 0
