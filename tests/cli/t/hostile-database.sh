# an untrusted --db: a database that is not ours, not as we made it, or that
# holds values we never write is refused ("database corrupt", exit 1), never
# a crash, and nothing planted in it runs
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
try level-99 'update run_systems set level = 99 where system_id = (select min(system_id) from run_systems)' results
try level-1e8 'update run_systems set level = 100000000' report summary
try level-low 'update run_systems set level_low = -3' explain ah-tthc
try outcomes 'update run_systems set outcomes = "yx?"' results
try severity 'update run_findings set severity = "apocalyptic"' results
try layers 'update run_systems set layers = 4096' results
try clause-level 'update run_clauses set level = 77' results
try next-due 'update run_systems set next_due = "9999-99-99"' results
try run-counts 'update runs set critical = -1' runs
try as-of 'update snapshots set as_of = "yesterday"' classify
try findings-count 'update inspections set findings = -7' classify
# planted schema objects: refused before anything runs
try trigger 'create trigger t after insert on run_systems begin update run_systems set level = 1 where run = new.run; end' classify
try view 'create view v as select * from systems' runs
try index 'create index x on systems(name)' runs
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
