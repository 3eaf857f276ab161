# an owner's report holds that owner's organisations and systems only;
# an unknown --owner or --system is a usage error that names the known ones
$ASSESS import "$DATA/examples/inventory-an-hoa.xml" >/dev/null
$ASSESS import "$FIX/inventory/good-second-owner.xml" >/dev/null
$ASSESS classify >/dev/null
$ASSESS report annual --owner ubnd-ah -o ah.html
echo "status $?"
for name in "Ủy ban nhân dân tỉnh An Hòa" "Sở Khoa học và Công nghệ tỉnh An Hòa" "Trung tâm Chuyển đổi số tỉnh An Hòa" \
	"Sở Y tế tỉnh An Hòa" "Phòng Công nghệ thông tin Sở Y tế" "Hồ sơ bệnh án điện tử" "Công ty Giám sát An ninh mạng Phương Nam"; do
	echo "ubnd-ah report names '$name': $(grep -q "$name" ah.html && echo yes || echo no)"
done
$ASSESS report annual --owner so-yt -o yt.html
echo "status $?"
# so-yt's system is operated by ubnd-ah's centre: that operator belongs in its report
for name in "Sở Y tế tỉnh An Hòa" "Phòng Công nghệ thông tin Sở Y tế" "Trung tâm Chuyển đổi số tỉnh An Hòa" \
	"Ủy ban nhân dân tỉnh An Hòa" "Sở Khoa học và Công nghệ tỉnh An Hòa" "Cổng dịch vụ công tỉnh An Hòa"; do
	echo "so-yt report names '$name': $(grep -q "$name" yt.html && echo yes || echo no)"
done
# the same report as a Word document: a zip (the Word test is tests/docs/run.sh)
$ASSESS report annual-docx --owner so-yt -o yt.docx
echo "status $?, starts with: $(head -c 2 yt.docx)"
$ASSESS report annual-docx --owner nope -o nope.docx 2>err
echo "status $?"; head -1 err
$ASSESS report annual --owner nope -o nope.html 2>err
echo "status $?"; head -1 err
$ASSESS report dossier --system nope -o nope.html 2>err
echo "status $?"; head -1 err
$ASSESS report dossier --owner so-yt --system nope -o nope.html 2>err
echo "status $?"; head -1 err
ls nope.html nope.docx 2>/dev/null
exit 0
