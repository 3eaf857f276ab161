# criteria list: every shipped rule set with its dates, clause count, file and title
$ASSESS criteria list
