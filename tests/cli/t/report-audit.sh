# The audit report (templates/audit*.xsl): the findings table for working
# papers has one row per finding, each with its legal basis; the matrix
# lists the systems with at least one finding, grouped by owner; the
# auditor's details come from <document report="audit">, never from the
# owner's own; an owner's audit holds its systems only; in pieces, the
# matrix of 450 systems is numbered through and no mark is left.
$ASSESS import "$DATA/examples/inventory-an-hoa.xml" >/dev/null
$ASSESS import "$FIX/inventory/good-second-owner.xml" >/dev/null
$ASSESS classify >/dev/null
$ASSESS results >r.xml || exit 1
findings=$(xmllint --xpath 'count(/results/system/finding)' r.xml)
flagged=$(xmllint --xpath 'count(/results/system[finding])' r.xml)
clean=$(xmllint --xpath 'count(/results/system[not(finding)])' r.xml)
echo "findings $findings, systems with one $flagged, without $clean"
$ASSESS report audit-csv -o a.csv
echo "status $?"
head -1 a.csv
echo "rows: $(($(grep -c . a.csv) - 1))"
# the code (column 4) and the basis (last column) of every row
awk -F, 'NR > 1 { print $4 }' a.csv | sort | uniq -c
echo "rows without a basis: $(grep -c ',$' a.csv)"
grep -F 'secrets-in-testing' a.csv | sed 's/.*,//'
$ASSESS report --lang en audit-csv -o en.csv
head -1 en.csv
grep -F 'no-regulation' en.csv | head -1 | sed 's/.*\(Decree [^"]*\)"*\r*$/\1/'
$ASSESS report --settings "$DATA/examples/settings-an-hoa.xml" audit -o a.html
echo "status $?"
# the matrix's rows: a number, then the system's name
rows() { awk '/^<td class="center">[0-9]+<\/td>$/ { n = $0; getline; if ($0 ~ /^<td>/) { gsub(/<[^>]*>/, "", n); print n } }' "$1"; }
echo "matrix rows: $(rows a.html | wc -l)"
echo "owner rows: $(grep -c '<tr class="group">' a.html)"
for s in "Sở Khoa học và Công nghệ<br>tỉnh An Hòa" "Phạm Thu Hà" "BC-SKHCN" "Trần Minh Khoa" "UBND-KGVX" \
	"Số hệ thống không có phát hiện nào (không ghi trong bảng): $clean." \
	"Điều 20 Nghị định số 331/2026/NĐ-CP; Chỉ thị số 09/CT-TTg ngày 23/02/2024 của Thủ tướng Chính phủ"; do
	echo "names '$s': $(grep -qF "$s" a.html && echo yes || echo no)"
done
$ASSESS report audit-docx --owner so-yt -o yt.docx
echo "status $?, starts with: $(head -c 2 yt.docx)"
unzip -p yt.docx word/document.xml >yt.xml
for s in "Hồ sơ bệnh án điện tử" "Cổng dịch vụ công tỉnh An Hòa"; do
	echo "so-yt audit names '$s': $(grep -qF "$s" yt.xml && echo yes || echo no)"
done
$ASSESS report audit-csv --owner nope -o nope.csv 2>err
echo "status $?"; head -1 err
# in pieces
"$BENCH_GEN" 450 inv.xml
export ASSESS_DB=big.db
$ASSESS import inv.xml >/dev/null
$ASSESS classify >/dev/null
$ASSESS results >big.xml
echo "systems with a finding: $(xmllint --xpath 'count(/results/system[finding])' big.xml)"
$ASSESS report audit -o big.html
echo "status $?, marks left: $(grep -c 'assess:' big.html)"
rows big.html |
	awk '{ n++; if ($1 != n) bad++ } END { print n " numbered rows, " (bad + 0) " out of order" }'
$ASSESS report audit-docx -o big.docx
echo "status $?"
unzip -p big.docx word/document.xml | grep -c 'assess:'
$ASSESS report audit-csv -o big.csv
echo "status $?, rows: $(($(grep -c . big.csv) - 1)), findings: $(xmllint --xpath 'count(/results/system/finding)' big.xml)"
