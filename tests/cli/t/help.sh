# --help lists every command
$ASSESS --help
