#!/bin/sh
# tools/longfuncs.sh [LIMIT] - the project's own C functions longer than
# LIMIT lines (default 80), longest first, as "lines file function".
# Universal Ctags gives each function's first and last line.
limit=${1:-80}
ctags --output-format=u-ctags --fields=+ne --c-kinds=f -o - \
	$(git ls-files '*.c' | grep -v '^tests/\|^fuzz/') |
	awk -F'\t' -v limit="$limit" '{
		s = e = 0
		for (i = 4; i <= NF; i++) {
			if ($i ~ /^line:/) s = substr($i, 6)
			if ($i ~ /^end:/) e = substr($i, 5)
		}
		if (e - s + 1 > limit) print e - s + 1, $2, $1
	}' | sort -rn
