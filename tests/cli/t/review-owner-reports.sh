# each owner's annual report is part of the set: a folder with other files
# keeps them, and an owner that a later review no longer has loses its
# reports (named annual-OWNER.*, never two runs mixed)
mkdir out
echo "my notes" >out/notes.txt
$ASSESS review --db a.db -o out "$DATA/examples/inventory-an-hoa.xml" >/dev/null
echo "first review: exit $?"
ls out
$ASSESS review --db b.db -o out "$FIX/inventory/good-minimal.xml" >/dev/null
echo "second review, another database: exit $?"
ls out
echo "temporary files left: $(ls -A out | grep -c '\.tmp\.')"
