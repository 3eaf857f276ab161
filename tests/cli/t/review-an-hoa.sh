# the main job on the shipped example: the report set, index.html first
$ASSESS review --rules ND85 $DATA/examples/inventory-an-hoa.xml | sed 's/sha256 [0-9a-f]*/sha256 DIGEST/' || exit 1
ls assess-report
d=assess-report
# every system's Vietnamese name is intact in the summary, the dossier and the annual report
for f in summary dossier annual; do
	n=0
	for name in "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh An Hòa" "Cổng dịch vụ công tỉnh An Hòa" \
		"Hệ thống quản lý văn bản và điều hành dùng chung tỉnh An Hòa" "Mạng nội bộ (LAN) Văn phòng UBND tỉnh" \
		"Trung tâm tích hợp dữ liệu tỉnh An Hòa" "Hệ thống xử lý văn bản mật của Văn phòng UBND tỉnh" \
		"Hệ thống SCADA nhà máy nước sạch An Hòa" "Ứng dụng đặt lịch khám bệnh trực tuyến" \
		"Kho dữ liệu số hóa lưu trữ lịch sử"; do
		grep -qF "$name" $d/$f.html && n=$((n + 1))
	done
	echo "$f.html: $n of 9 names"
done
echo "svg charts in summary: $(grep -c '<svg' $d/summary.html)"
echo "bars in the chart: $(grep -o '<rect' $d/summary.html | wc -l)"
echo "dossier sections: $(grep -o '<section class="system"' $d/dossier.html | wc -l)"
echo "links in index: $(grep -o 'href="[a-z]*\.[a-z]*"' $d/index.html | sort -u | tr '\n' ' ')"
echo "csv starts with a BOM: $(head -c 3 $d/results.csv | od -An -tx1 | tr -d ' ')"
echo "csv lines: $(wc -l < $d/results.csv)"
echo "csv row of ah-qlvb: $(grep 'ah-qlvb' $d/results.csv | tr -d '\r')"
echo "no external resources: $(grep -c 'src="http\|<link ' $d/summary.html $d/dossier.html $d/annual.html $d/index.html | tr '\n' ' ')"
echo "no temporary files: $(ls -a $d | grep -c tmp)"
echo "requirements of ah-tthc in the summary: $(xmllint --html --xpath "normalize-space(//tr[td/span[.='ah-tthc']]/td[contains(@class,'req')])" $d/summary.html 2>/dev/null)"
echo "requirement rows in the dossier of ah-tthc: $(xmllint --html --xpath "count(//section[@id='ah-tthc']//tr[@class='requirement' or contains(@class,'req')])" $d/dossier.html 2>/dev/null)"
