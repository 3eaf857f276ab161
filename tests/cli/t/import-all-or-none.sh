# a good and a bad file together store nothing: no database file is left
# behind, and an existing database keeps exactly its snapshots
cat >good.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<inventory version="1" as-of="2026-06-30">
  <organization id="so-tn" role="owner"><name>Sở Tài nguyên và Môi trường</name></organization>
  <system id="qldd" owner="so-tn" status="operating">
    <name>Quản lý đất đai</name>
    <type>internal</type>
    <information public="yes" private="unknown" personal="yes" secret="none"/>
  </system>
</inventory>
XML
sed -e 's/so-tn/so-xd/g' -e 's/qldd/qlxd/' -e 's/"operating"/"running"/' good.xml >bad.xml
$ASSESS import good.xml bad.xml
echo "exit $?"
test -e assess.db && echo "assess.db exists" || echo "no assess.db"
$ASSESS import "$FIX/shared/inventory-an-hoa.xml" >/dev/null
echo "exit $?"
$ASSESS import good.xml bad.xml
echo "exit $?"
sqlite3 assess.db "select count(*) from snapshots; select count(*) from systems; select count(*) from organizations"
