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

# The quick start's commands, as they stand there, each followed by the
# last line it shows.
SECCOMP_SHIM_LIB="$SHIM_LIB"
SECCOMP_SHIM_CONFDIR="$top_srcdir/conf"
export SECCOMP_SHIM_LIB SECCOMP_SHIM_CONFDIR
PATH="$top_builddir/shim:$PATH"
sed -n '/^## Quick start/,/^## /p' "$top_srcdir/README.md" |
	awk '/^```sh$/ { inside = 1; next } /^```$/ { if (inside) exit } inside' \
		>"$TMP/quick"
runs=0
while IFS= read -r command && IFS= read -r shown; do
	runs=$((runs + 1))
	capture env LC_ALL=C sh -c "$command"
	check "quick start: $command" "${shown#\# }" \
		"$(printf '%s\n%s\n' "$out" "$err" | sed '/^$/d' | tail -n1)"
done <"$TMP/quick"
check "quick start: commands run" 2 "$runs"
if [ "$n" -ge 5 ]; then
	pass "$n examples"
else
	fail "only $n examples found"
fi
finish
