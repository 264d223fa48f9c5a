#!/bin/sh
# System calls through a foreign ABI are killed unless the policy names the
# ABI in 'architectures'. Each route is tested where it exists: an
# unconfined control run shows whether it does.
. "$top_srcdir/tests/live/lib.sh"

deny="$EXAMPLES/deny-mkdir-net.ini"
with_abi() {
	printf '[policy]\nversion = 1\ndefault = allow\narchitectures = native %s\n' \
		"$1" >"$TMP/$1.ini"
	echo "$TMP/$1.ini"
}

# x32: the filter sees the number (nr | 0x40000000) before the kernel
# looks at it, so the route can be tested whether or not the kernel was
# built with x32: unconfined it returns ENOSYS (no x32) or works.
capture "$PROBE" x32-getpid
case "$status:$out" in
0:"x32-getpid: ENOSYS" | 0:"x32-getpid: OK")
	control=$out
	capture confined "$deny" "$PROBE" getpid x32-getpid
	check "x32 number killed" "$SIGSYS_STATUS:getpid: OK" "$status:$out"
	# The whole process, not only the thread that made the call.
	capture confined "$deny" "$PROBE" thread:x32-getpid getpid
	check "x32 from a thread kills the process" "$SIGSYS_STATUS:" \
		"$status:$out"
	capture confined "$(with_abi x32)" "$PROBE" x32-getpid
	check "x32 allowed when the policy names it" "0:$control" "$status:$out"
	;;
*) fail "x32 control run: $status $out" ;;
esac

# i386 int 0x80: on kernels without IA32 emulation the instruction faults
# (SIGSEGV) even unconfined; then there is no route to close.
capture "$PROBE" int80-getpid
if [ "$status:$out" = "0:int80-getpid: OK" ]; then
	capture confined "$deny" "$PROBE" getpid int80-getpid
	check "int 0x80 killed" "$SIGSYS_STATUS:getpid: OK" "$status:$out"
	capture confined "$(with_abi x86)" "$PROBE" int80-getpid
	check "int 0x80 allowed when the policy names x86" \
		"0:int80-getpid: OK" "$status:$out"
else
	echo "int 0x80 does not work here even unconfined (status $status):" \
		"route absent, not tested"
fi
# A kernel limit the README states: since Linux 6.12 uretprobe (335) passes
# every filter; outside a uprobe trampoline it raises SIGILL.
capture "$PROBE" sys:335
if [ "$status" -eq 132 ]; then
	capture confined "$TMP/x32.ini" "$PROBE" sys:335
	check "uretprobe is not filtered (SIGILL, not SIGSYS)" 132 "$status"
else
	echo "no uretprobe system call here (status $status): not tested"
fi
finish
