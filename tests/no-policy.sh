#!/bin/sh
# With SECCOMP_SHIM_POLICY unset or empty the library does nothing: same
# output and status, no file opened, no prctl or seccomp call.
. "$top_srcdir/tests/lib.sh"

mkdir "$TMP/d"
for setting in unset empty; do
	if [ $setting = unset ]; then
		capture env -u SECCOMP_SHIM_POLICY LD_PRELOAD="$SHIM_LIB" \
			mkdir "$TMP/d/$setting"
	else
		capture env SECCOMP_SHIM_POLICY= LD_PRELOAD="$SHIM_LIB" \
			mkdir "$TMP/d/$setting"
	fi
	check "$setting: mkdir status" 0 "$status"
	check "$setting: no output" "" "$out$err"
	[ -d "$TMP/d/$setting" ] && pass "$setting: directory made" ||
		fail "$setting: directory missing"
done

capture env -u SECCOMP_SHIM_POLICY sh -c 'ls -la / | wc -l; echo x >&2; exit 3'
plain="$out|$err|$status"
capture env -u SECCOMP_SHIM_POLICY LD_PRELOAD="$SHIM_LIB" \
	sh -c 'ls -la / | wc -l; echo x >&2; exit 3'
check "same output and status as without the library" "$plain" \
	"$out|$err|$status"

# No allocation: an interposer preloaded ahead of the shim counts the
# allocations made before main, with and without the shim.
for setting in unset empty; do
	if [ $setting = unset ]; then
		unset SECCOMP_SHIM_POLICY
	else
		SECCOMP_SHIM_POLICY=
		export SECCOMP_SHIM_POLICY
	fi
	without=$(LD_PRELOAD="$ALLOCCOUNT_LIB" "$PROBE" allocs)
	with=$(LD_PRELOAD="$ALLOCCOUNT_LIB $SHIM_LIB" "$PROBE" allocs)
	case "$without" in
	"allocs: "[0-9]*) check "$setting: no allocation" "$without" "$with" ;;
	*) fail "the allocation counter did not load: $without" ;;
	esac
done
unset SECCOMP_SHIM_POLICY
# ... and the counter sees the shim's allocations when there are some
# (compiling: a start from the cache allocates nothing either).
with=$(LD_PRELOAD="$ALLOCCOUNT_LIB $SHIM_LIB" SECCOMP_SHIM_CACHE=off \
	SECCOMP_SHIM_POLICY="$EXAMPLES/deny-mkdir-net.ini" "$PROBE" allocs)
[ "$with" != "$without" ] && pass "the counter counts the shim's allocations" ||
	fail "counter blind: $with"

# What the process itself does, seen by strace: apart from the loader
# mapping the library and its dependencies, nothing differs: no file opened
# or read or written, no heap grown (brk), no prctl or seccomp.
if command -v strace >/dev/null; then
	trace() {
		env -u SECCOMP_SHIM_POLICY strace -qq "$@" \
			-e trace=%file,read,write,close,brk,prctl,seccomp \
			-o "$TMP/trace" /bin/echo hello >/dev/null
		# (a build with --enable-program-policies looks for the
		# program's system policy: that one stat is expected)
		grep -v -e 'libseccomp-shim\.so' -e 'libseccomp\.so' \
			-e 'seccomp-shim/programs\.d' \
			-e 'libinih\.so' -e '177ELF' -e '^close(3)' \
			-e 'newfstatat(3, "",' -e '^execve(' "$TMP/trace" |
			sed -E 's/0x[0-9a-f]+/ADDR/g' # addresses vary (ASLR)
	}
	trace >"$TMP/plain"
	trace -E LD_PRELOAD="$SHIM_LIB" >"$TMP/unset"
	trace -E LD_PRELOAD="$SHIM_LIB" -E SECCOMP_SHIM_POLICY= >"$TMP/empty"
	for setting in unset empty; do
		if diff -u "$TMP/plain" "$TMP/$setting" >"$TMP/diff"; then
			pass "$setting: no file opened, no prctl/seccomp call"
		else
			fail "$setting: the library acted without a policy:"
			cat "$TMP/diff" >&2
		fi
	done
else
	fail "strace is not installed (the test suite needs it)"
fi
finish
