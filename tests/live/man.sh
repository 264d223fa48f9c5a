#!/bin/sh
# The manual pages: man reads them without a warning, and they cover what
# the code has (every policy key, action, built-in group and subcommand).
. "$top_srcdir/tests/live/lib.sh"

CLI="$top_builddir/shim/seccomp-shim"
cmd="$top_builddir/shim/seccomp-shim.1"
ini="$top_builddir/shim/seccomp-shim.ini.5"
lib="$top_builddir/shim/libseccomp-shim.8"

command -v man >/dev/null || fail "man (man-db) is not installed"
for page in "$cmd" "$ini" "$lib"; do
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" \
		>"$TMP/text" 2>"$TMP/warnings"
	check "$(basename "$page"): no warnings" "" "$(cat "$TMP/warnings")"
	if grep -q '@[A-Z]*@' "$page"; then
		fail "$(basename "$page"): unfilled @VAR@"
	else
		pass "$(basename "$page"): paths filled in"
	fi
	if [ "$(wc -l <"$TMP/text")" -gt 50 ]; then
		pass "$(basename "$page") renders"
	else
		fail "$(basename "$page") renders to almost nothing"
	fi
done

# Rendered text, for looking things up.
text() { LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$1" 2>/dev/null | col -b; }
text "$ini" >"$TMP/ini.txt"
text "$cmd" >"$TMP/cmd.txt"
text "$lib" >"$TMP/lib.txt"

# Every key, from the parser's own tables (explain --keys): documented in
# ini(5), and known to the parser.
"$CLI" explain --keys >"$TMP/keys"
if [ "$(wc -l <"$TMP/keys")" -ge 30 ]; then
	pass "explain --keys lists the keys"
else
	fail "explain --keys: $(cat "$TMP/keys")"
fi
while read -r section key rest; do
	case $section in
	"[policy]")
		if grep -q "^ *$key = " "$TMP/ini.txt"; then
			pass "ini(5): key $key"
		else
			fail "ini(5) does not document the key $key"
		fi
		;;
	"[landlock]")
		if grep -qw -- "$key" "$TMP/ini.txt"; then
			pass "ini(5): [landlock] $key"
		else
			fail "ini(5) does not document the [landlock] key $key"
		fi
		printf '[policy]\nversion = 1\ndefault = allow\n[landlock]\n%s = none\n' \
			"$key" >"$TMP/key.ini"
		"$CLI" check "$TMP/key.ini" 2>&1 | grep -q "unknown key" &&
			fail "the parser does not know the listed key $key" ;;
	esac
done <"$TMP/keys"
for action in allow errno:NAME kill kill-thread trap log; do
	if grep -qw -- "$action" "$TMP/ini.txt"; then
		pass "ini(5): action $action"
	else
		fail "ini(5) does not document the action $action"
	fi
done
for op in '==' '!=' '<=' '>=' '&&' '||' ' in {'; do
	if grep -qF -- "$op" "$TMP/ini.txt"; then
		pass "ini(5): operator '$op'"
	else
		fail "ini(5) does not document '$op'"
	fi
done
# Every built-in group, from the same table the parser uses.
missing=
for group in $("$CLI" groups | grep '^@'); do
	grep -qw -- "$group" "$TMP/ini.txt" || missing="$missing $group"
done
check "ini(5) names every built-in group" "" "$missing"
for sub in run check compile explain groups learn convert; do
	if grep -q "^ *seccomp-shim $sub" "$TMP/cmd.txt"; then
		pass "seccomp-shim(1): $sub"
	else
		fail "seccomp-shim(1) does not document $sub"
	fi
done
for option in --before-exec --log --strict --verbose --pfc --bpf --arch --keys --policy --merge \
	--output; do
	if grep -q -- "$option" "$TMP/cmd.txt"; then
		pass "seccomp-shim(1): $option"
	else
		fail "seccomp-shim(1) does not document $option"
	fi
done
for var in SECCOMP_SHIM_POLICY SECCOMP_SHIM_CACHE SECCOMP_SHIM_LANDLOCK_ABI \
	LD_PRELOAD; do
	if grep -q "^ *$var" "$TMP/lib.txt"; then
		pass "libseccomp-shim(8): $var"
	else
		fail "libseccomp-shim(8) does not document $var"
	fi
done
if grep -q "seccomp-shim-compile" "$TMP/lib.txt"; then
	pass "libseccomp-shim(8): the compiler"
else
	fail "libseccomp-shim(8) does not name the compiler"
fi
# The exported symbols the library page lists are the ones it exports.
for symbol in $($NM -D --defined-only "$SHIM_LIB" | awk '{ print $3 }'); do
	grep -qw -- "$symbol" "$TMP/lib.txt" || fail "libseccomp-shim(8) omits $symbol"
done
pass "libseccomp-shim(8) lists the exported symbols"
finish
