# A stored run stands alone (issue 13 §1): what `results`, `explain`, `diff`
# and every report show of a run comes from the store, so changing the
# criteria afterwards (a clause's text, an inspection cadence, the
# requirement catalogue) and then breaking them (nd85.xml ill-formed)
# changes no byte of any of them, and every command still exits 0.
cp -R "$DATA" crit || exit 1
export ASSESS_CRITERIA_DIR=$PWD/crit ASSESS_DB=$PWD/t.db
$ASSESS import "$FIX/shared/inventory-an-hoa.xml" >/dev/null || exit 1
$ASSESS classify >/dev/null || exit 1
$ASSESS classify --rules ND85 >/dev/null || exit 1
outputs() { # outputs DIR: every document of runs 1 and 2, and the exit statuses
	mkdir -p "$1"
	{
		for run in 1 2; do
			$ASSESS results --run $run >"$1/results-$run.xml"; echo "results $run: $?"
			$ASSESS results --run $run --full >"$1/full-$run.xml"; echo "results --full $run: $?"
			for id in ah-tthc ah-mat ah-cong-dvc; do
				$ASSESS explain --run $run $id >"$1/explain-$run-$id.vi"; echo "explain $run $id: $?"
				$ASSESS explain --run $run --lang en $id >"$1/explain-$run-$id.en"; echo "explain en: $?"
			done
			for lang in vi en; do
				for t in summary dossier annual audit audit-csv csv text index; do
					$ASSESS report --run $run --lang $lang -o "$1/$t-$run-$lang" $t
					echo "report $t $run $lang: $?"
				done
				$ASSESS report --run $run --lang $lang --owner ubnd-ah -o "$1/docx-$run-$lang.docx" \
					annual-docx
				echo "report annual-docx $run $lang: $?"
				# the Word file's parts (the zip's dates are those of its writing)
				unzip -p "$1/docx-$run-$lang.docx" >"$1/docx-$run-$lang.parts" && rm "$1/docx-$run-$lang.docx"
				$ASSESS report --run $run --lang $lang -o "$1/audit-docx-$run-$lang.docx" audit-docx
				echo "report audit-docx $run $lang: $?"
				unzip -p "$1/audit-docx-$run-$lang.docx" >"$1/audit-docx-$run-$lang.parts" &&
					rm "$1/audit-docx-$run-$lang.docx"
			done
		done
		$ASSESS diff 1 2 >"$1/diff.txt"; echo "diff: $?"
		$ASSESS diff --format xml 1 2 >"$1/diff.xml"; echo "diff xml: $?"
		$ASSESS runs | sed 's/[0-9-]*T[0-9:]*Z$/TIME/' >"$1/runs"; echo "runs: $?"
	} >"$1/status" 2>&1
}
same() { # same A B WHAT: one line saying whether every file of A is in B alike
	n=0 bad=
	for f in "$1"/*; do
		n=$((n + 1))
		cmp -s "$f" "$2/$(basename "$f")" || bad="$bad $(basename "$f")"
	done
	if [ -n "$bad" ]; then
		echo "$3: $n files, different:$bad"
	else
		echo "$3: $n files, byte-identical"
	fi
}
outputs before
grep -v ': 0$' before/status
echo "before: $(grep -c ': 0$' before/status) commands exited 0"
# change the criteria: a clause's text, an inspection cadence, the catalogue
sed -i -e 's|<text xml:lang="en">Not the text: an internal platform|<text xml:lang="en">CHANGED: an internal platform|' \
	-e 's|months="12" independent="licensed" basis="law"|months="1" independent="no" basis="law"|' crit/nd331.xml crit/nd85.xml
sed -i -e 's|Information security policy|CHANGED policy|' -e 's|tcvn="7.1.1.1"|tcvn="0.0.0"|' crit/requirements.xml
$ASSESS criteria check crit/nd85.xml >/dev/null && echo "changed criteria are valid"
cmp -s "$DATA/nd85.xml" crit/nd85.xml || echo "nd85.xml changed"
outputs changed
same before changed "after changing the criteria"
# break them
printf '<ruleset id="ND85"><unclosed>\n' >crit/nd85.xml
printf '<requirements>\n' >crit/requirements.xml
$ASSESS criteria list >/dev/null 2>&1 || echo "the criteria are broken"
outputs broken
same before broken "with the criteria broken"
# and they were read as they are: a new run fails
$ASSESS classify >/dev/null 2>&1
echo "classify with broken criteria: exit $?"
