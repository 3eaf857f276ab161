# no file is a usage error; --help prints the usage on stdout
$ASSESS validate
echo "status $?"
$ASSESS validate --help
