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
	grep -q '@[A-Z]*@' "$page" && fail "$(basename "$page"): unfilled @VAR@" ||
		pass "$(basename "$page"): paths filled in"
	[ "$(wc -l <"$TMP/text")" -gt 50 ] && pass "$(basename "$page") renders" ||
		fail "$(basename "$page") renders to almost nothing"
done

# Rendered text, for looking things up.
text() { LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$1" 2>/dev/null | col -b; }
text "$ini" >"$TMP/ini.txt"
text "$cmd" >"$TMP/cmd.txt"
text "$lib" >"$TMP/lib.txt"

# Every key, from the parser's own tables (explain --keys): documented in
# ini(5), and known to the parser.
"$CLI" explain --keys >"$TMP/keys"
[ "$(wc -l <"$TMP/keys")" -ge 30 ] && pass "explain --keys lists the keys" ||
	fail "explain --keys: $(cat "$TMP/keys")"
while read -r section key rest; do
	case $section in
	"[policy]")
		grep -q "^ *$key = " "$TMP/ini.txt" && pass "ini(5): key $key" ||
			fail "ini(5) does not document the key $key" ;;
	"[landlock]")
		grep -qw -- "$key" "$TMP/ini.txt" && pass "ini(5): [landlock] $key" ||
			fail "ini(5) does not document the [landlock] key $key"
		printf '[policy]\nversion = 1\ndefault = allow\n[landlock]\n%s = none\n' \
			"$key" >"$TMP/key.ini"
		"$CLI" check "$TMP/key.ini" 2>&1 | grep -q "unknown key" &&
			fail "the parser does not know the listed key $key" ;;
	esac
done <"$TMP/keys"
for action in allow errno:NAME kill kill-thread trap log; do
	grep -qw -- "$action" "$TMP/ini.txt" && pass "ini(5): action $action" ||
		fail "ini(5) does not document the action $action"
done
for op in '==' '!=' '<=' '>=' '&&' '||' ' in {'; do
	grep -qF -- "$op" "$TMP/ini.txt" && pass "ini(5): operator '$op'" ||
		fail "ini(5) does not document '$op'"
done
# Every built-in group, from the same table the parser uses.
missing=
for group in $("$CLI" groups | grep '^@'); do
	grep -qw -- "$group" "$TMP/ini.txt" || missing="$missing $group"
done
check "ini(5) names every built-in group" "" "$missing"
for sub in run check compile explain groups learn convert; do
	grep -q "^ *seccomp-shim $sub" "$TMP/cmd.txt" &&
		pass "seccomp-shim(1): $sub" ||
		fail "seccomp-shim(1) does not document $sub"
done
for option in --before-exec --log --strict --verbose --pfc --bpf --arch --keys --policy --merge \
	--output; do
	grep -q -- "$option" "$TMP/cmd.txt" && pass "seccomp-shim(1): $option" ||
		fail "seccomp-shim(1) does not document $option"
done
for var in SECCOMP_SHIM_POLICY SECCOMP_SHIM_CACHE SECCOMP_SHIM_LANDLOCK_ABI \
	LD_PRELOAD; do
	grep -q "^ *$var" "$TMP/lib.txt" && pass "libseccomp-shim(8): $var" ||
		fail "libseccomp-shim(8) does not document $var"
done
grep -q "seccomp-shim-compile" "$TMP/lib.txt" &&
	pass "libseccomp-shim(8): the compiler" ||
	fail "libseccomp-shim(8) does not name the compiler"
# The exported symbols the library page lists are the ones it exports.
for symbol in $($NM -D --defined-only "$SHIM_LIB" | awk '{ print $3 }'); do
	grep -qw -- "$symbol" "$TMP/lib.txt" || fail "libseccomp-shim(8) omits $symbol"
done
pass "libseccomp-shim(8) lists the exported symbols"
finish
