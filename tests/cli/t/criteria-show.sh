# criteria show: every clause with level, reference, Vietnamese text and condition
# (the digest changes with every edit of the file, so it is masked here)
$ASSESS criteria show ND331 | sed -E 's/^sha256: [0-9a-f]{64}$/sha256: HEX/'
