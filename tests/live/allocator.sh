#!/bin/sh
# The shim in a process whose malloc is another allocator's: one preloaded
# ahead of it (as jemalloc would be) or behind it. tests/progs/tagalloc.c tags
# its blocks and aborts on a free of any other, and glibc aborts on a free
# of one of its: whatever the shim and its compiler allocate must be freed
# to the same allocator, on every path.
. "$top_srcdir/tests/live/lib.sh"

export SECCOMP_SHIM_CACHE="$TMP/cache"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPERM\n' \
	>"$TMP/deny.ini"
printf '[policy]\nversion = 1\ndefault = allow\nlog = stderr\n[syscalls]\nmkdir = errno:EPERM\n' \
	>"$TMP/log.ini"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPRM\n' \
	>"$TMP/bad.ini"
printf '[policy]\nversion = 1\nmode = strict\n' >"$TMP/strict.ini"
# (a tree of its own: / changes while other tests run)
mkdir "$TMP/tree" && touch "$TMP/tree/a" "$TMP/tree/b" && ln -s a "$TMP/tree/c"
ls -l "$TMP/tree" >"$TMP/ls.want"

for order in ahead behind; do
	if [ $order = ahead ]; then
		libs="$TAGALLOC_LIB $SHIM_LIB"
	else
		libs="$SHIM_LIB $TAGALLOC_LIB"
	fi
	rm -rf "$TMP/cache"
	capture env LD_PRELOAD="$libs" ls -l "$TMP/tree"
	check "$order: no policy: ls" "0:" "$status:$err"
	if [ "$out" = "$(cat "$TMP/ls.want")" ]; then
		pass "$order: no policy: its output"
	else
		fail "$order: no policy: other output"
	fi
	for start in first cached; do
		capture env LD_PRELOAD="$libs" SECCOMP_SHIM_POLICY="$TMP/deny.ini" \
			"$PROBE" "mkdir:$TMP/d" getpid
		check "$order: $start start" "0:mkdir:$TMP/d: EPERM
getpid: OK:" "$status:$out:$err"
	done
	check "$order: the policy cached" 1 "$(count_entries "$TMP/cache")"
	capture env LD_PRELOAD="$libs" SECCOMP_SHIM_CACHE=off \
		SECCOMP_SHIM_POLICY="$TMP/log.ini" "$PROBE" "mkdir:$TMP/d"
	case "$status:$out:$err" in
	"0:mkdir:$TMP/d: EPERM:seccomp-shim["*"] probe: mkdir("*"denied by $TMP/log.ini:6 (errno:EPERM)")
		pass "$order: log = stderr reports" ;;
	*) fail "$order: log = stderr: $status:$out:$err" ;;
	esac
	capture env LD_PRELOAD="$libs" SECCOMP_SHIM_POLICY="$TMP/bad.ini" \
		"$PROBE" getpid
	check "$order: a policy error refuses" \
		"$REFUSED_STATUS::seccomp-shim: $TMP/bad.ini:5: unknown errno name 'EPRM'" \
		"$status:$out:$err"
	capture env LD_PRELOAD="$libs" SECCOMP_SHIM_POLICY="$TMP/strict.ini" \
		"$PROBE" getpid
	case "$status:$err" in
	"$REFUSED_STATUS:seccomp-shim: $TMP/strict.ini:3: mode = strict"*"$TAGALLOC_LIB"*)
		pass "$order: strict mode refuses another allocator" ;;
	*) fail "$order: strict mode: $status:$err" ;;
	esac
done
if [ -e "$TMP/d" ]; then
	fail "a directory was made"
else
	pass "no directory made"
fi
finish
