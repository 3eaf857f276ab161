# Databases written by every earlier schema (1-6, tests/fixtures/db: the
# example imported and classified by the assess of that time) are migrated
# in place when opened (schema 7: packed rows), and their run reads back
# standing alone: the results validate, say what the run never stored
# (not-stored: nothing is made up from today's criteria), explain and the
# dossier work, old findings keep their stored sentences, and a new run can
# be added and compared with it.
for n in 1 2 3 4 5 6; do
	echo "=== schema $n"
	rm -f old.db
	sqlite3 old.db <$FIX/db/schema$n-an-hoa.sql || exit 1
	export ASSESS_DB=old.db
	$ASSESS runs | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z/TIME/'
	echo "schema after: $(sqlite3 old.db 'PRAGMA user_version')"
	$ASSESS results >r.xml && $ASSESS results --full >full.xml || exit 1
	xmllint --noout --relaxng $DATA/schema/results.rng r.xml full.xml 2>&1 | sed 's/^/  /'
	xmllint --xpath 'concat("run rules ", /results/@rules, ", rule sets ", count(/results/rule-set), ", clauses ", count(/results/clauses/clause), ", clause texts ", count(/results/clauses/clause/text), ", not stored: ", /results/@not-stored)' r.xml
	echo
	xmllint --xpath 'concat("ah-mat: level ", /results/system[@id="ah-mat"]/@level, " by ", /results/system[@id="ah-mat"]/@deciding-clause, ", rules ", /results/system[@id="ah-mat"]/@rules, ", inspection ", /results/system[@id="ah-mat"]/@inspection-state, ", requirement rows ", count(/results/system/requirement), ", summary ", /results/summary/@systems, " systems ", /results/summary/@critical, " critical")' full.xml
	echo
	xmllint --xpath 'string(/results/system[@id="ah-qlvb"]/finding[1]/text[@xml:lang="en"])' r.xml
	echo
	$ASSESS explain --lang en ah-mat | sed -n '1,6p'
	$ASSESS report dossier --system ah-tthc -o d.html && echo "dossier: $(grep -c 'Nghị định số' d.html) lines citing a decree"
	$ASSESS report csv -o r.csv && echo "csv: $(wc -l <r.csv) lines"
	echo "--- a new run on the migrated database"
	$ASSESS classify --rules ND85 >/dev/null || exit 1
	$ASSESS diff 1 2 | head -3
	$ASSESS results --run 2 | xmllint --noout --relaxng $DATA/schema/results.rng - 2>&1
done
