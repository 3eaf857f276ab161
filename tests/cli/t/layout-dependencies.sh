# The layout's dependency rule (ARCHITECTURE.md), checked on the sources:
# what reads a stored run (assess/reports/, and the commands results,
# explain, diff) depends on the store and run.h, never on the criteria or
# the engine (criteria.h classify.h findings.h requirements.h), however
# deep the includes go; the rules never include the store; the store never
# includes the rules. A file that breaks the rule is named with the chain
# of includes that brings the header in.
src=$FIX/../..
closure() { # closure FILE: every header FILE brings in, as "header<TAB>via"
	todo="$1" seen=" "
	while [ -n "$todo" ]; do
		set -- $todo
		f=$1
		shift
		todo="$*"
		for h in $(sed -n 's/^#include "\(.*\)"/\1/p' "$f"); do
			case "$seen" in *" $h "*) continue ;; esac
			seen="$seen$h "
			printf '%s\t%s\n' "$h" "$(basename "$f")"
			[ -f "$src/include/$h" ] && todo="$todo $src/include/$h"
		done
	done
}
check() { # check FORBIDDEN FILE...
	forbidden=$1
	shift
	for f in "$@"; do
		closure "$f" | while read -r h via; do
			case " $forbidden " in *" $h "*)
				echo "${f#$src/} depends on $h (through $via)" ;;
			esac
		done
	done
}
rules_headers="criteria.h classify.h findings.h requirements.h"
check "$rules_headers" $src/assess/reports/*.c $src/assess/commands/cmd_results.c \
	$src/assess/commands/cmd_explain.c $src/assess/commands/cmd_diff.c
check "$rules_headers" $src/assess/store/*.c $src/assess/store/*.h
check "store.h" $src/assess/rules/*.c
echo "checked: assess/reports, cmd_results, cmd_explain, cmd_diff, assess/store, assess/rules"
