#!/bin/sh
# With SECCOMP_SHIM_POLICY unset or empty the library does nothing: same
# output and status, no file opened, no prctl or seccomp call.
. "$top_srcdir/tests/live/lib.sh"

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
	if [ -d "$TMP/d/$setting" ]; then
		pass "$setting: directory made"
	else
		fail "$setting: directory missing"
	fi
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
# A first start (cache off) allocates nothing in the program either: the
# compiler runs as a process of its own (shim/preload/spawn.h) ...
with=$(LD_PRELOAD="$ALLOCCOUNT_LIB $SHIM_LIB" SECCOMP_SHIM_CACHE=off \
	SECCOMP_SHIM_POLICY="$EXAMPLES/deny-mkdir-net.ini" "$PROBE" allocs)
check "a first start: no allocation" "$without" "$with"
# ... while the counter sees allocations made before main when there are
# some (a thread started by the program's constructor).
with=$(PROBE_CTOR=thread:getpid LD_PRELOAD="$ALLOCCOUNT_LIB" "$PROBE" allocs |
	grep allocs)
if [ "$with" != "$without" ]; then
	pass "the counter counts allocations"
else
	fail "counter blind: $with"
fi
finish
