# criteria: unknown subcommand and unknown rule set are usage errors (exit 2)
$ASSESS criteria frobnicate
echo "exit $?"
$ASSESS criteria show ND99
echo "exit $?"
$ASSESS criteria check
