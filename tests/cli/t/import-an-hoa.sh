# import the example province: one snapshot with its 9 systems and 5 organizations
$ASSESS import --db an-hoa.db "$FIX/shared/inventory-an-hoa.xml"
status=$?
sqlite3 an-hoa.db "select id, as_of, systems from snapshots;
select s.id, s.owner, s.status, s.line from snapshot_systems m join systems s on s.row = m.system_row where m.snapshot = 1 order by s.row;
select count(*) from snapshot_organizations where snapshot = 1;
select c.ref, i.date, i.findings from systems s join components c on c.system_row = s.row join inspections i on i.system_row = s.row where s.id = 'ah-tthc';
select ref, status, coalesce(due, 'NULL') from controls order by system_row, pos limit 4;
select ref, until from waivers;"
exit $status
