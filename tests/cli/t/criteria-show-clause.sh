# One clause: the article it codes, our summary (not the legal text), the
# condition, and the readings it may rest on.
$ASSESS criteria show ND85-10.1
echo "exit $?"
$ASSESS criteria show ND331-13.3
