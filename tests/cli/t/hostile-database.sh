# an untrusted --db: a database that is not ours, not as we made it, or that
# holds values we never write is refused ("database corrupt", exit 1), never
# a crash, and nothing planted in it runs. A system's record and a run's
# verdict on it are packed as JSON (store.h): values are planted with
# json_set, and texts that are not what assess writes are tried too.
$ASSESS import --db good.db "$DATA/examples/inventory-an-hoa.xml" >/dev/null || exit 1
$ASSESS classify --db good.db --rules ND85 >/dev/null || exit 1

try() { # try NAME SQL COMMAND...: a copy of good.db changed by SQL, then the command
	name=$1 sql=$2
	shift 2
	cp good.db "$name.db"
	sqlite3 "$name.db" "$sql" || echo "sqlite3 failed"
	$ASSESS "$@" --db "$name.db" >"$name.out" 2>"$name.err"
	echo "$name: exit $?"
	sed 's/^/  /' "$name.err"
}

try version-negative 'pragma user_version = -100' runs
try level-99 "update run_systems set verdict = json_set(verdict, '\$.level', 99) where system_id = (select min(system_id) from run_systems)" results
try level-1e8 "update run_systems set verdict = json_set(verdict, '\$.level', 100000000)" report summary
try level-low "update run_systems set verdict = json_set(verdict, '\$.level-low', -3)" explain ah-tthc
try outcomes "update run_systems set verdict = json_set(verdict, '\$.outcomes', 'yx?')" results
try severity "update run_systems set verdict = json_set(verdict, '\$.findings[0].severity', 'apocalyptic') where verdict ->> '\$.findings' is not null" results
try layers "update run_systems set verdict = json_set(verdict, '\$.layers', 4096)" results
try clause-level 'update run_clauses set level = 77' results
try next-due "update run_systems set verdict = json_set(verdict, '\$.next-due', '9999-99-99')" results
try run-counts 'update runs set critical = -1' runs
try as-of 'update snapshots set as_of = "yesterday"' classify
try findings-count "update systems set record = json_set(record, '\$.inspections[0].findings', -7) where record ->> '\$.inspections' is not null" classify
# packed texts that are not what assess writes
try verdict-cut "update run_systems set verdict = substr(verdict, 1, 40)" results
try verdict-field "update run_systems set verdict = json_set(verdict, '\$.planted', 1)" report csv
try record-text "update systems set record = 'DROP TABLE systems'" classify
try record-fact "update systems set record = json_set(record, '\$.facts.name', 7)" results
try components "update systems set components = '[{\"ref\":1}]' where components is not null" explain ah-tthc
try reqset "update run_reqsets set rows = '[[9999,0,-1]]'" results --full
try req-status "update run_systems set verdict = json_set(verdict, '\$.req-status', json('[[\"NO.SUCH\",\"met\"]]'))" results --full
try reason-ref "update run_systems set verdict = json_set(verdict, '\$.rules-reason', 999)" results
try basis-ref "update run_systems set verdict = json_set(verdict, '\$.findings[0].basis', 9999) where verdict ->> '\$.findings[0].basis' is not null" results
try basis-half "update run_systems set verdict = json_set(json_remove(verdict, '\$.findings[0].basis'), '\$.findings[0].basis-vi', 'x') where verdict ->> '\$.findings[0].basis' is not null" report audit-csv
try totals "update runs set totals = json_set(totals, '\$.systems', 7)" report summary
try totals-sample "update runs set totals = json_set(totals, '\$.codes[0].sample', json('[1,2]'))" report summary
# planted schema objects: refused before anything runs
try trigger 'create trigger t after insert on run_systems begin update run_systems set level = 1 where run = new.run; end' classify
try view 'create view v as select * from systems' runs
try index 'create index x on systems(owner, id)' runs
try table 'create table extra(x)' runs
try altered 'alter table systems add column planted text' runs
# a database of another program is not converted into ours
sqlite3 other.db 'create table notes(body text); insert into notes values ("keep me")'
cp other.db other-before.db
$ASSESS import --db other.db "$FIX/inventory/good-minimal.xml"
echo "another program's database: exit $?"
cmp -s other.db other-before.db && echo "other.db unchanged"
sqlite3 app.db 'pragma application_id = 1234'
$ASSESS import --db app.db "$FIX/inventory/good-minimal.xml" >/dev/null
echo "an empty database with another application id: exit $?"
# an empty file and an empty SQLite database become ours
: >empty.db
$ASSESS import --db empty.db "$FIX/inventory/good-minimal.xml" >/dev/null
echo "an empty file: exit $?"
sqlite3 empty2.db 'pragma user_version = 0'
$ASSESS import --db empty2.db "$FIX/inventory/good-minimal.xml" >/dev/null
echo "an empty sqlite database: exit $?"
# and the untouched database still works
$ASSESS runs --db good.db | wc -l
