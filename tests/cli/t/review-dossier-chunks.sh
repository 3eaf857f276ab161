# the dossier of more than 100 systems is rendered in chunks (flat memory)
# and is the dossier of the whole document, but for white space between tags
$BENCH_GEN 250 inv.xml || exit 1
$ASSESS review --db t.db -o out inv.xml >/dev/null || exit 1
$ASSESS results --db t.db --full >r.xml || exit 1
$ASSESS report --results r.xml dossier -o whole.html || exit 1
norm() { tr -d '\n' <"$1" | sed 's/>[[:space:]]*</></g'; }
norm out/dossier.html >chunked.n
norm whole.html >whole.n
cmp -s chunked.n whole.n && echo "chunked dossier = whole dossier"
echo "sections: $(grep -o '<section class="system"' out/dossier.html | wc -l), contents entries: $(grep -o '<li><a href="#' chunked.n | wc -l)"
grep -c 'assess:' out/dossier.html
exit 0
