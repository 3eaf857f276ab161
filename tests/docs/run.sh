#!/bin/sh
# The Word documents as their reader gets them: LibreOffice (headless)
# converts every .docx assess writes here to PDF, and the PDF's text
# (pdftotext) must hold what the form asks for: the national title and
# motto, the owner's name, the twelve columns of Mẫu số 08, only that
# owner's organisations, no internal code. Without LibreOffice or
# poppler-utils the whole runner is skipped (counted as skipped, not passed).
#
#   ASSESS=build/assess sh tests/docs/run.sh
#
# Ends with "N passed, N failed, N skipped"; exits 1 when one failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
: "${ASSESS:?set ASSESS to the binary}"
DATA="$top/criteria"
export LC_ALL=C.UTF-8 TZ=UTC
unset ASSESS_DB ASSESS_DATADIR
passed=0
failed=0
skipped=0

for tool in soffice pdftotext pdfinfo; do
	if ! command -v $tool >/dev/null 2>&1; then
		case $tool in
		soffice) echo "skipped: libreoffice not installed" ;;
		*) echo "skipped: poppler-utils not installed ($tool)" ;;
		esac
		echo "0 passed, 0 failed, 1 skipped"
		exit 0
	fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work" || exit 1

ok() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}
# check NAME COMMAND...: passes when the command succeeds
check() {
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then ok; else fail "$name"; fi
}
# the text of a PDF on one line, each run of white space one space
flat() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -s ' \n\t\f' '    '; }
# has FILE TEXT: the text holds TEXT, white space aside (justified lines
# come out of pdftotext with spaces inside words: "đ ến")
has() {
	needle=$(printf '%s' "$2" | tr -d ' ')
	flat "$1" | tr -d ' ' | grep -qF -- "$needle"
}
# holds FILE WHAT TEXT...: each TEXT is in FILE; lacks: none is
holds() {
	file=$1 what=$2
	shift 2
	for text in "$@"; do
		if has "$file" "$text"; then ok; else fail "$(basename "$file") holds $what '$text'"; fi
	done
}
lacks() {
	file=$1 what=$2
	shift 2
	for text in "$@"; do
		if has "$file" "$text"; then fail "$(basename "$file") names $what '$text'"; else ok; fi
	done
}

# ---- the documents ------------------------------------------------------
# the shipped example (Decree 331 by date) with a second owner beside it
$ASSESS review --db a.db --settings "$DATA/examples/settings-an-hoa.xml" -o out \
	"$DATA/examples/inventory-an-hoa.xml" "$top/tests/fixtures/inventory/good-second-owner.xml" \
	>review.txt 2>&1
check "review writes annual-ubnd-ah.docx" test -s out/annual-ubnd-ah.docx
check "review writes annual-so-yt.docx" test -s out/annual-so-yt.docx
check "review writes annual-ubnd-ah.html" test -s out/annual-ubnd-ah.html
# without settings, in English, and a Decree 85 run
$ASSESS report --db a.db annual-docx --owner ubnd-ah --lang en -o en.docx
check "report annual-docx --lang en" test -s en.docx
$ASSESS review --db b.db --rules ND85 -o nd85 "$DATA/examples/inventory-an-hoa.xml" >/dev/null 2>&1
check "review --rules ND85 writes annual-ubnd-ah.docx" test -s nd85/annual-ubnd-ah.docx
# an unknown owner is a usage error naming the known ones
$ASSESS report --db a.db annual-docx --owner nope -o nope.docx 2>err.txt
status=$?
if [ $status -eq 2 ] && grep -q "owners: ubnd-ah, so-yt" err.txt && [ ! -e nope.docx ]; then ok; else
	fail "unknown --owner: exit $status, $(head -1 err.txt)"
fi

# ---- LibreOffice converts every .docx -----------------------------------
mkdir pdf
for f in out/*.docx en.docx nd85/*.docx; do
	name=$(echo "$f" | tr '/' '-')
	cp "$f" "pdf/$name"
done
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf \
	--outdir pdf pdf/*.docx >soffice.txt 2>&1
for f in pdf/*.docx; do
	p=${f%.docx}.pdf
	if [ -s "$p" ] && pdfinfo "$p" >/dev/null 2>&1; then ok; else
		fail "LibreOffice converts $(basename "$f") to PDF: $(tail -1 soffice.txt)"
	fi
done

ah=pdf/out-annual-ubnd-ah.pdf
yt=pdf/out-annual-so-yt.pdf
en=pdf/en.pdf
nd85=pdf/nd85-annual-ubnd-ah.pdf

# ---- what the form asks for ---------------------------------------------
holds "$ah" "" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
	"ỦY BAN NHÂN DÂN" "TỈNH AN HÒA" "Ủy ban nhân dân tỉnh An Hòa" "Số:" "/UBND-KGVX" \
	"An Hòa, ngày 18 tháng 12 năm 2026" "Kính gửi: Bộ Công an" \
	"V/v kết quả công tác bảo đảm an ninh mạng hệ thống thông tin năm 2026" \
	"Điều 35 và Điều 36 Nghị định số 331/2026/NĐ-CP" "từ ngày 15/12/2025 đến ngày 14/12/2026" \
	"Nơi nhận:" "TM. ỦY BAN NHÂN DÂN" "PHÓ CHỦ TỊCH" "Trần Minh Khoa" "Lưu: VT, KGVX." \
	"Nguồn số liệu" "SHA-256" "trước ngày 20/12/2026" "trước ngày 25/12/2026"
# the 12 columns of Mẫu số 08, and (1)..(12)
holds "$ah" "the column" "STT" "Tên HTTT" "Chủ quản HTTT" "Đơn vị vận hành HTTT" "Cấp độ đề xuất" \
	"Tình trạng phê duyệt cấp độ" "Quyết định phê duyệt cấp độ" "Quy chế bảo đảm ANM cho hệ thống" \
	"Dự kiến thời điểm phê duyệt HSĐXCĐ" "Đã triển khai đầy đủ PA BĐANM" \
	"Dự kiến thời điểm triển khai đầy đủ PA BĐANM" "Đã kiểm tra, đánh giá ANM" \
	"(1)" "(2)" "(3)" "(4)" "(5)" "(6)" "(7)" "(8)" "(9)" "(10)" "(11)" "(12)"
# the inspection column: the last date and the due date, each labelled
holds "$ah" "" "Lần kiểm tra gần nhất: 12/05/2023" "Hạn kiểm tra tiếp theo: 12/05/2024 (quá hạn)" \
	"Lần kiểm tra gần nhất: 01/12/2024" "Hạn kiểm tra tiếp theo: 01/12/2025 (quá hạn)"
# only this owner's organisations and systems
lacks "$ah" "another owner's" "Sở Y tế tỉnh An Hòa" "Phòng Công nghệ thông tin Sở Y tế" "Hồ sơ bệnh án điện tử"
holds "$ah" "its own" "Sở Khoa học và Công nghệ tỉnh An Hòa" "Văn phòng UBND tỉnh An Hòa" "Cổng dịch vụ công tỉnh An Hòa"
lacks "$yt" "another owner's" "Sở Khoa học và Công nghệ tỉnh An Hòa" "Văn phòng UBND tỉnh An Hòa" "Cổng dịch vụ công tỉnh An Hòa"
holds "$yt" "its own" "SỞ Y TẾ TỈNH AN HÒA" "Phòng Công nghệ thông tin Sở Y tế" "Hồ sơ bệnh án điện tử" \
	"Trung tâm Chuyển đổi số tỉnh An Hòa"
# no internal code in a Vietnamese document: no enum value of the inventory
# format, rule-set id, fact name or system id (numbers and Roman numerals
# are words of the language too), above the sources block (which names
# files, and a file name may hold any word)
codes=$({
	# every value of a closed list, and the facts (the fields of a system)
	$ASSESS schema vocabulary >vocabulary.xml
	sed -n 's/.*<value code="\([^"]*\)".*/\1/p' vocabulary.xml
	sed -n '/<record name="system"/,/<\/record>/s/.*<field name="\([^"]*\)".*/\1/p' vocabulary.xml
	sed -n 's/.*<system id="\([^"]*\)".*/\1/p' "$DATA/examples/inventory-an-hoa.xml"
} | grep -v '^[0-9IVX]*$' | sort -u)
for pdf in "$ah" "$yt" "$nd85" pdf/out-audit.pdf; do
	flat "$pdf" | sed 's/Nguồn số liệu (không thuộc nội dung.*$//' >body.txt
	found=$(for c in $codes; do grep -qw -- "$c" body.txt && echo "$c"; done | tr '\n' ' ')
	if [ -z "$found" ]; then ok; else fail "$(basename "$pdf") shows internal codes: $found"; fi
done
# the layout: A4 upright, the table on a page across, numbers from page 2
pages=$(pdfinfo "$ah" | sed -n 's/^Pages: *//p')
# page sizes in whole points: A4 is 595 x 842
sizes=$(pdfinfo -f 1 -l "$pages" "$ah" |
	sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p' |
	awk '{ printf "%.0fx%.0f\n", $1, $2 }')
check "page 1 is A4 upright" test "$(echo "$sizes" | head -1)" = "595x842"
if echo "$sizes" | grep -q '^842x595$'; then ok; else fail "a page laid across for the table: $sizes"; fi
first=$(pdftotext -f 1 -l 1 "$ah" - | sed -n '/[^[:space:]]/{p;q}')
second=$(pdftotext -f 2 -l 2 "$ah" - | sed -n '/[^[:space:]]/{p;q}')
check "no number on page 1" test "$first" != "1"
check "page 2 is numbered at its top" test "$second" = "2"
# the audit report: the auditor's details (never the owner's), the
# findings by severity with their legal basis, the matrix on a page across
au=pdf/out-audit.pdf
holds "$au" "" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "SỞ KHOA HỌC VÀ CÔNG NGHỆ" "/BC-SKHCN" \
	"Kính gửi: Ủy ban nhân dân tỉnh An Hòa" "BÁO CÁO" "Tổng hợp phát hiện theo mức độ" \
	"Căn cứ pháp lý" "Chỉ thị số 57-CT/TW ngày 31/12/2025 của Ban Bí thư" \
	"Điều 20 Nghị định số 331/2026/NĐ-CP" "Bảng đối chiếu hệ thống và phát hiện" \
	"Hồ sơ bệnh án điện tử" "GIÁM ĐỐC" "Phạm Thu Hà" "Nguồn số liệu" "SHA-256"
lacks "$au" "the owner's details" "Trần Minh Khoa" "UBND-KGVX" "TM. ỦY BAN NHÂN DÂN"
if pdfinfo -f 1 -l 99 "$au" | grep -q 'size: *841.89 x 595'; then ok; else fail "audit: the matrix on a page across"; fi
# English: the same layout, English labels, markers for what is missing
holds "$en" "" "SOCIALIST REPUBLIC OF VIET NAM" "Independence - Freedom - Happiness" "No.:" "Recipients:" \
	"Under Articles 35 and 36 of Decree 331/2026/ND-CP" "Approval status" "to complete"
# a Decree 85 run reports under Circular 12/2022
holds "$nd85" "" "Điều 13 và Điều 14 Thông tư số 12/2022/TT-BTTTT" "Quy chế bảo đảm ATTT cho hệ thống" \
	"Đã kiểm tra, đánh giá ATTT" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
