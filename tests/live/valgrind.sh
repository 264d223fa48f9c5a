#!/bin/sh
# Memory errors and leaks, under valgrind's memcheck: the unit tests (the
# parser, resolver and compiler), and the command checking and explaining
# every fixture and example (errors and valid policies alike).
. "$top_srcdir/tests/live/lib.sh"

command -v valgrind >/dev/null || fail "valgrind is not installed"
CLI="$top_builddir/shim/seccomp-shim"
# An ASan build (--enable-sanitizers) has its own checks; valgrind cannot
# run ASan binaries.
$NM "$CLI" 2>/dev/null | grep -q __asan_init &&
	skip "sanitizer build: ASan checks memory there instead"

# (valgrind's own notes, "--PID--" lines, are not memcheck's findings,
# "==PID==": this valgrind does not know the Landlock calls, answers them
# ENOSYS and says so.)
memcheck() {
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect --error-exitcode=99 \
		--log-file="$TMP/valgrind.log" "$@"
	memcheck_status=$?
	sed -i '/^--[0-9]*-- /d' "$TMP/valgrind.log"
	return $memcheck_status
}

export CK_FORK=no # in one process, where memcheck sees every test
capture memcheck "$top_builddir/tests/check_core"
unset CK_FORK
check "unit tests under memcheck" 0 "$status"
[ -s "$TMP/valgrind.log" ] && cat "$TMP/valgrind.log" >&2

capture memcheck "$CLI" check "$BAD"/*.ini
check "check of every broken fixture: no memcheck error" "1" "$status"
[ -s "$TMP/valgrind.log" ] && { fail "memcheck:"; cat "$TMP/valgrind.log" >&2; }
# (valgrind answers the Landlock calls with ENOSYS: a policy with a
# [landlock] section that requires it is one check calls refused here)
plain='' landlocked=''
for ini in "$EXAMPLES"/*.ini "$top_srcdir"/conf/*.ini "$POLICIES"/*.ini; do
	if grep -q '^\[landlock\]' "$ini"; then
		landlocked="$landlocked $ini"
	else
		plain="$plain $ini"
	fi
done
# shellcheck disable=SC2086 # lists of paths without blanks
capture memcheck "$CLI" check $plain default
check "check of every example and shipped policy" 0 "$status"
[ -s "$TMP/valgrind.log" ] && { fail "memcheck:"; cat "$TMP/valgrind.log" >&2; }
# shellcheck disable=SC2086
capture memcheck "$CLI" check $landlocked
case $err in
*"this kernel has no Landlock, which the [landlock] section needs"*) pass "check of the policies with [landlock]: valgrind's ENOSYS seen as no Landlock" ;;
*) fail "check of the policies with [landlock]: $status: $err" ;;
esac
[ -s "$TMP/valgrind.log" ] && { fail "memcheck:"; cat "$TMP/valgrind.log" >&2; }
for args in "default" "default clone CLONE_NEWUSER" "--pfc default" \
	"$EXAMPLES/strict.ini" "$EXAMPLES/socket-unix-only.ini socket AF_INET"; do
	# shellcheck disable=SC2086 # $args: the command's arguments
	capture memcheck "$CLI" explain $args
	check "explain $args" 0 "$status"
	[ -s "$TMP/valgrind.log" ] && { fail "memcheck:"; cat "$TMP/valgrind.log" >&2; }
done
# Includes that cannot be merged (a group, a path group, strict mode
# defined in both files): refused, and nothing of either file leaks.
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nread = allow\n[group:@mine]\nmembers = mkdir\n[landlock]\nread = @p\n[paths:@p]\nmembers = /usr\n' >"$TMP/inc-both.ini"
printf '[policy]\nversion = 1\nmode = strict\n' >"$TMP/inc-strict.ini"
printf '[policy]\nversion = 1\ninclude = inc-both.ini\n[syscalls]\nwrite = allow\n[group:@mine]\nmembers = rmdir\n' >"$TMP/dup-group.ini"
printf '[policy]\nversion = 1\ninclude = inc-both.ini\n[syscalls]\nwrite = allow\n[landlock]\nread = @p\n[paths:@p]\nmembers = /etc\n' >"$TMP/dup-paths.ini"
printf '[policy]\nversion = 1\ndefault = allow\ninclude = inc-strict.ini\n[syscalls]\nwrite = allow\n' >"$TMP/inc-strict-into.ini"
for ini in dup-group dup-paths inc-strict-into; do
	capture memcheck "$CLI" check "$TMP/$ini.ini"
	case $status:$err in
	1:*"defined twice"* | 1:*"strict-mode policy cannot be included"*)
		pass "check $ini: refused, no memcheck error" ;;
	*) fail "check $ini: $status: $err" ;;
	esac
	if [ -s "$TMP/valgrind.log" ]; then
		fail "memcheck, $ini:"
		cat "$TMP/valgrind.log" >&2
	fi
done
capture memcheck "$CLI" groups
check "groups" 0 "$status"
finish
