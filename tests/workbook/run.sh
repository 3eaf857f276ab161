#!/bin/sh
# Inventory workbooks saved again by the programs units fill them in with:
# python3-openpyxl and LibreOffice Calc (headless) each open the workbook
# assess exports (and its template), save it their way, and assess must read
# it back to the same classification. A program that is missing is skipped
# with a line saying so (counted as skipped, not passed); the committed
# fixture tests/fixtures/workbook/openpyxl-28.xlsx is read by the CLI tests
# whatever is installed.
#
#   ASSESS=build/assess sh tests/workbook/run.sh
#
# Ends with "N passed, N failed, N skipped"; exits 1 when one failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
: "${ASSESS:?set ASSESS to the binary}"
export ASSESS_TODAY=2026-11-21 LC_ALL=C.UTF-8 TZ=UTC
unset ASSESS_DB ASSESS_DATADIR
passed=0
failed=0
skipped=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work" || exit 1

ok() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}
skip() {
	skipped=$((skipped + 1))
	echo "skipped: $*"
}
# results of a database without the time it was made
results() { "$ASSESS" results --db "$1" | sed 's/ generated="[^"]*"//'; }
# same NAME WORKBOOK: it imports and classifies as the example province did
same() {
	rm -f t.db
	if "$ASSESS" import --db t.db "$2" >/dev/null && "$ASSESS" classify --db t.db >/dev/null &&
		results t.db | cmp -s - a.xml; then
		ok
	else
		fail "$1"
	fi
}

"$ASSESS" import --db a.db "$top/tests/fixtures/shared/inventory-an-hoa.xml" >/dev/null &&
	"$ASSESS" classify --db a.db >/dev/null && results a.db >a.xml &&
	"$ASSESS" export xlsx --db a.db -o kiem-ke.xlsx &&
	"$ASSESS" export xlsx --lang en --db a.db -o inventory.xlsx &&
	"$ASSESS" template xlsx -o template.xlsx || {
	echo "FAIL setup"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
}

# python3-openpyxl
py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -n "$py" ]; then
	for f in kiem-ke inventory template; do
		"$py" -c "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])" \
			$f.xlsx $f-openpyxl.xlsx || fail "openpyxl cannot open $f.xlsx"
	done
	same "openpyxl: exported workbook saved again" kiem-ke-openpyxl.xlsx
	same "openpyxl: English workbook saved again" inventory-openpyxl.xlsx
	if "$ASSESS" validate template-openpyxl.xlsx >/dev/null; then ok; else fail "openpyxl: template"; fi
else
	skip "python3-openpyxl not installed (3 tests)"
fi

# LibreOffice Calc
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
	skip "libreoffice not installed (3 tests)"
else
	mkdir lo
	HOME=$work timeout 300 "$soffice" --headless --calc --convert-to xlsx --outdir lo \
		kiem-ke.xlsx inventory.xlsx template.xlsx >/dev/null 2>&1
	if [ ! -f lo/kiem-ke.xlsx ]; then
		skip "LibreOffice Calc not installed (libreoffice-calc-nogui; 3 tests)"
	else
		same "LibreOffice: exported workbook saved again" lo/kiem-ke.xlsx
		same "LibreOffice: English workbook saved again" lo/inventory.xlsx
		if "$ASSESS" validate lo/template.xlsx >/dev/null; then ok; else fail "LibreOffice: template"; fi
	fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
