# a system id that already belongs to another owner in the database is an
# input error at the system, and nothing is stored
cat >c.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<inventory version="1" as-of="2026-10-15">
  <organization id="so-gd" role="owner"><name>Sở Giáo dục</name></organization>
  <system id="ah-tthc" owner="so-gd" status="operating">
    <name>Trùng mã</name>
    <type>internal</type>
    <information public="no" private="yes" personal="yes" secret="none"/>
  </system>
</inventory>
XML
$ASSESS import "$FIX/shared/inventory-an-hoa.xml" >/dev/null
$ASSESS import c.xml
status=$?
sqlite3 assess.db "select count(*) from snapshots"
exit $status
