# an unknown command is a usage error (exit 2)
$ASSESS frobnicate
