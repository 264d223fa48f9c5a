#!/bin/sh
# Every policy example in README.md is valid: each ```ini block (completed
# with a [policy] header where it is a fragment) loads under the library.
. "$top_srcdir/tests/live/lib.sh"

awk -v dir="$TMP" '
	/^```ini$/ { n++; file = dir "/example" n ".ini"; inside = 1; next }
	/^```$/ { inside = 0; next }
	inside { print > file }
' "$top_srcdir/README.md"
n=0
for example in "$TMP"/example*.ini; do
	n=$((n + 1))
	if grep -q '^include' "$example"; then
		echo "skipped (names files that are not there): $example"
		continue
	fi
	{
		grep -q '^\[policy\]' "$example" ||
			printf '[policy]\nversion = 1\ndefault = allow\n'
		grep -q '^\[' "$example" || printf '[syscalls]\n'
		cat "$example"
	} >"$example.full"
	capture confined "$example.full" /bin/true
	check "README example $n loads" "0:" "$status:$err"
done
[ "$n" -ge 5 ] && pass "$n examples" || fail "only $n examples found"
finish
