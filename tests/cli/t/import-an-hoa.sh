# import the example province: one snapshot with its 9 systems and 5 organizations
# (a system's facts and children are packed as JSON: store.h)
$ASSESS import --db an-hoa.db "$FIX/shared/inventory-an-hoa.xml"
status=$?
sqlite3 an-hoa.db "select id, as_of, systems from snapshots;
select s.id, s.owner, s.record ->> '\$.facts.status', s.line from snapshot_systems m join systems s on s.row = m.system_row where m.snapshot = 1 order by s.row;
select count(*) from snapshot_organizations where snapshot = 1;
select c.value ->> 'ref', i.value ->> 'date', i.value ->> 'findings' from systems s, json_each(s.components) c, json_each(s.record, '\$.inspections') i where s.id = 'ah-tthc';
select c.value ->> 'ref', c.value ->> 'status', coalesce(c.value ->> 'due', 'NULL') from systems s, json_each(s.record, '\$.controls') c order by s.row, c.key limit 4;
select w.value ->> 'ref', w.value ->> 'until' from systems s, json_each(s.record, '\$.waivers') w;"
exit $status
