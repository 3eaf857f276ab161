# A database written before 2026-11-30 (schema 2: one rule set per run, no
# articles, readings, cadence or rule set per system) is migrated in place
# when opened, and its run reads back: the results validate, explain and
# the dossier work, the old findings keep their stored sentences, and a new
# run can be added and compared with it.
sqlite3 old.db <$FIX/db/schema2-an-hoa.sql || exit 1
export ASSESS_DB=old.db
$ASSESS runs | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z/TIME/'
echo "schema after: $(sqlite3 old.db 'PRAGMA user_version')"
$ASSESS results >r.xml && $ASSESS results --full >full.xml || exit 1
xmllint --noout --relaxng $DATA/schema/results.rng r.xml full.xml
xmllint --xpath 'concat("run rules ", /results/@rules, ", rule sets ", count(/results/rule-set), ", clauses ", count(/results/clauses/clause))' r.xml
xmllint --xpath 'concat("ah-mat: level ", /results/system[@id="ah-mat"]/@level, " by ", /results/system[@id="ah-mat"]/@deciding-clause, ", rules ", /results/system[@id="ah-mat"]/@rules, ", inspection ", /results/system[@id="ah-mat"]/@inspection-state)' r.xml
xmllint --xpath '/results/system[@id="ah-qlvb"]/finding[@code="rules-drift"]/text[@xml:lang="en"]/text()' r.xml
echo
$ASSESS explain --lang en ah-mat | sed -n '1,4p'
$ASSESS report dossier --system ah-tthc -o d.html && echo "dossier: $(grep -c 'Điều 13 Nghị định số 331/2026/NĐ-CP' d.html) lines citing Decree 331 Art. 13"
echo "--- a new run on the migrated database"
$ASSESS classify --rules ND331 >/dev/null || exit 1
$ASSESS diff 1 2 | head -5
