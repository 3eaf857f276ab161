# The level dossier of one system (dossier-content.xsl, Decree 331 Art.
# 21-22): what the inventory and the settings hold is written, what they do
# not is a field to complete, and no audit finding appears. review writes
# one dossier-ID.docx per system that needs one (every system with --all).
$ASSESS review --settings "$DATA/examples/settings-an-hoa.xml" -o out "$DATA/examples/inventory-an-hoa.xml" |
	grep dossier-
$ASSESS review --all -o all "$DATA/examples/inventory-an-hoa.xml" | grep -c 'dossier-.*docx'
$ASSESS report --settings "$DATA/examples/settings-an-hoa.xml" dossier --system ah-dat-lich -o d.html
echo "status $?"
for s in "THUYẾT MINH" "Ứng dụng đặt lịch khám bệnh trực tuyến" "Điều 21 và Điều 22 Nghị định số 331/2026/NĐ-CP" \
	"Lê Văn Bình, Chủ tịch Ủy ban nhân dân tỉnh" "Số 1 đường Hòa Bình" "Trung tâm Chuyển đổi số tỉnh An Hòa" \
	"số chủ thể dữ liệu cá nhân nhạy cảm: 9.600" "31/10/2026" "người dân, doanh nghiệp" \
	"Cấp độ 2" "căn cứ điểm a khoản 2 Điều 12" "Điểm b khoản 2 Điều 12" \
	"mô tả chức năng, mục đích của hệ thống (không có trong số liệu kiểm kê)" \
	"chủ quản hệ thống mô tả theo điểm d khoản 3 Điều 22" "Nhận diện sơ bộ" "dữ liệu cá nhân nhạy cảm của 9.600" \
	"Thuyết minh phương án bảo đảm an ninh mạng" "Nguồn số liệu"; do
	echo "names '$s': $(grep -qF "$s" d.html && echo yes || echo no)"
done
# no finding: neither its title nor its sentence
for s in "Phát hiện" "secrets-in-testing" "không được để lộ, lọt"; do
	echo "names '$s': $(grep -qF "$s" d.html && echo yes || echo no)"
done
# the same in Word, and in English
$ASSESS report dossier-docx --system ah-dat-lich -o d.docx
echo "status $?, starts with: $(head -c 2 d.docx)"
unzip -p d.docx word/document.xml | grep -c 'Ứng dụng đặt lịch khám bệnh trực tuyến'
$ASSESS report --lang en dossier --system ah-mat -o en.html
grep -o 'Level proposal dossier of the information system [^<]*' en.html | head -1
# a level 4 system (the data centre serving the whole country, 24/7): the
# points of Art. 22.5, and the professional opinion among the documents
sed '/id="ah-ttdl"/,/<\/system>/s#<scope>province</scope>#<scope>national</scope>#' \
	"$DATA/examples/inventory-an-hoa.xml" >national.xml
$ASSESS import --db n.db national.xml >/dev/null
$ASSESS classify --db n.db >/dev/null
$ASSESS report --db n.db dossier --system ah-ttdl -o l4.html
grep -o 'Cấp độ [0-9]</b>' l4.html | head -1
for s in "khoản 5 Điều 22" "vận hành liên tục 24/7" "Ý kiến về mặt chuyên môn của đơn vị chuyên trách về an ninh mạng"; do
	echo "level 4 names '$s': $(grep -qF "$s" l4.html && echo yes || echo no)"
done
# a dossier in Word needs its system; an unknown one is a usage error
$ASSESS report dossier-docx -o x.docx 2>err
echo "status $?"; cat err
$ASSESS report dossier-docx --system nope -o x.docx 2>err
echo "status $?"; head -1 err
ls x.docx 2>/dev/null
# the example's Cổng dịch vụ công (ah-tthc) as a web page and as Word
$ASSESS report dossier --system ah-tthc -o tthc.html; echo "ah-tthc html: status $?"
$ASSESS report dossier-docx --system ah-tthc -o tthc.docx; echo "ah-tthc docx: status $?"
unzip -p tthc.docx word/document.xml | sed 's/<[^>]*>//g' >tthc.txt
for s in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Cổng dịch vụ công tỉnh An Hòa" "Điều 21 và Điều 22"; do
	echo "ah-tthc names '$s': html $(grep -qF "$s" tthc.html && echo yes || echo no), docx $(grep -qF "$s" tthc.txt && echo yes || echo no)"
done
