# every problem of a workbook at once, each with its sheet and cell (or row,
# for a reference found wrong once the cells are read); nothing imported
W=$FIX/workbook
$ASSESS validate "$W/bad-cells.xlsx"; echo "status $?"
$ASSESS validate "$W/bad-refs.xlsx"; echo "status $?"
$ASSESS import --db x.db "$W/bad-cells.xlsx" "$W/bad-refs.xlsx"; echo "status $?"
test -f x.db && sqlite3 x.db 'select count(*) from snapshots'
$ASSESS review --db r.db -o out "$W/bad-refs.xlsx"; echo "status $?"
test -d out && echo "out written"
# the CSV file's systems without their owners: the rows are named
$ASSESS validate "$W/systems-good.csv" 2>&1 | head -2
