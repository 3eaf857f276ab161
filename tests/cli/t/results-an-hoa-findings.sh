# the auditor's findings for the example province under ND85 (issue 5), through
# the results document: each line is an XPath count or value
$ASSESS import $FIX/shared/inventory-an-hoa.xml >/dev/null &&
$ASSESS classify --rules ND85 >/dev/null &&
$ASSESS results >r.xml || exit 1
q() { echo "$1 = $(xmllint --xpath "$1" r.xml)"; }
q "string(/results/system[@id='ah-tthc']/@level)"
q "string(/results/system[@id='ah-kho-dl']/@determined)"
q "count(/results/system[@id='ah-qlvb']/finding[@code='under-classified'][@severity='critical'])"
q "string(/results/system[@id='ah-qlvb']/@drift)"
q "count(/results/system[@id='ah-lan-vp']/finding[@code='unapproved-in-operation'][@severity='critical'])"
q "count(/results/system[@id='ah-scada-nuoc']/finding[@code='unapproved-in-operation'][@severity='critical'])"
q "count(/results/system[@id='ah-tthc']/finding[@code='inspection-overdue'])"
q "string(/results/system[@id='ah-tthc']/@next-inspection-due)"
q "count(/results/system[@id='ah-dat-lich']/finding[@code='secrets-in-testing'][@severity='critical'])"
q "count(/results/system[@id='ah-dat-lich']/finding[@code='near-threshold'])"
q "count(/results/system[@id='ah-ttdl']/finding[@severity='critical'])"
q "count(/results/system[@drift='unapproved'][@status='operating'])"
q "string(/results/system[@id='ah-tthc']/@deciding-clause)"
q "string(/results/system[@id='ah-tthc']/component/@ref)"
q "string(/results/summary/@critical)"
