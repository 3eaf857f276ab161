# owners import one after the other into one database and keep each
# other's systems; re-importing an owner replaces that owner's systems only;
# a system may name another owner's stored system as a component
cat >b.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<inventory version="1" as-of="2026-10-15">
  <organization id="so-yt" role="owner"><name>Sở Y tế</name></organization>
  <system id="yt-hsba" owner="so-yt" operator="ttcds-ah" status="operating">
    <name>Hồ sơ bệnh án điện tử</name>
    <type>citizen-business</type>
    <information public="no" private="yes" personal="yes" secret="none"/>
    <components><component ref="ah-lan-vp"/></components>
  </system>
  <system id="yt-kcb" owner="so-yt" status="building">
    <name>Khám chữa bệnh từ xa</name>
    <type>citizen-business</type>
    <information public="no" private="yes" personal="yes" secret="none"/>
  </system>
</inventory>
XML
$ASSESS import "$FIX/shared/inventory-an-hoa.xml"
$ASSESS import b.xml
sqlite3 assess.db "select s.owner, count(*) from snapshot_systems m join systems s on s.row = m.system_row where m.snapshot = 2 group by s.owner order by s.owner"
# B again, without yt-kcb
sed -e '/yt-kcb/,/<\/system>/d' b.xml >b2.xml
$ASSESS import b2.xml
sqlite3 assess.db "select id, as_of, systems from snapshots;
select s.id from snapshot_systems m join systems s on s.row = m.system_row where m.snapshot = 3 and s.owner = 'so-yt'"
