# bad command lines are usage errors (2); an unknown template is a runtime error (1);
# a file that is not a results document is rejected (3); no output file is left
$ASSESS report --results "$FIX/results/an-hoa-nd85.xml" --lang fr summary 2>err
echo "status $?"; head -1 err
$ASSESS report --results "$FIX/results/an-hoa-nd85.xml" 2>err
echo "status $?"; head -1 err
rm err
$ASSESS report --results "$FIX/results/an-hoa-nd85.xml" nonesuch -o out.html
echo "status $?"
echo '<inventory version="1"/>' > not-results.xml
$ASSESS report --results not-results.xml -o out.html summary
echo "status $?"
ls
