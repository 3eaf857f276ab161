# --version names the tool and the four libraries it runs with, with versions
$ASSESS --version | sed -E 's/ [0-9]+\.[0-9]+(\.[0-9]+)?.*$/ VERSION/'
