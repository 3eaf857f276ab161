# the terse terminal summary in English, to standard output
$ASSESS report --results "$FIX/results/an-hoa-nd85.xml" --lang en text
