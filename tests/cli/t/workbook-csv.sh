# a one-sheet inventory as CSV (UTF-8 with or without BOM, ',' or ';'): labels
# in Vietnamese or English and codes, any case, spaces around; every problem
# listed at once with its cell; import all or nothing
W=$FIX/workbook
$ASSESS validate "$W/owners.xml" "$W/systems-good.csv"; echo "status $?"
$ASSESS convert "$W/systems-good.csv" | sed -n '/csv-tthc/,$p'
$ASSESS validate "$W/owners.xml" "$W/systems-bad.csv"; echo "status $?"
$ASSESS import --db x.db "$W/owners.xml" "$W/systems-bad.csv"; echo "status $?"
test -f x.db && sqlite3 x.db 'select count(*) from snapshots'
$ASSESS convert "$W/systems-bad.csv" -o bad.xml; echo "status $?"
test -e bad.xml && echo "bad.xml written"
$ASSESS import --db x.db "$W/owners.xml" "$W/systems-good.csv"; echo "status $?"
# a system's facts are stored as one JSON object (store.h, schema 7)
sqlite3 x.db <<'SQL'
select id, json_extract(record, '$.facts."information.personal"'),
       coalesce(json_extract(record, '$.facts."data-subjects.users"'), '-')
from systems order by row;
SQL
