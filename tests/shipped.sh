#!/bin/sh
# The policies shipped in conf/ load, let ordinary programs work and refuse
# what they say they refuse.
. "$top_srcdir/tests/lib.sh"

policy="$top_srcdir/conf/deny-kernel-admin.ini"

capture confined "$policy" sh -c 'ls / >/dev/null && echo a | sed s/a/b/ && date +%Y >/dev/null && tar cf - /etc/hostname 2>/dev/null | wc -c >/dev/null && echo done'
check "ordinary programs" "0:b
done" "$status:$out"
if command -v python3 >/dev/null; then
	capture confined "$policy" python3 -c 'import json,os; print(json.dumps({"pid": os.getpid() > 0}))'
	check "python3" '0:{"pid": true}' "$status:$out"
fi

# Each refused call is made with harmless arguments: were it let through,
# it would fail for other reasons (bad pointer, bad fd, bad magic).
for op in sys:mount sys:umount2 sys:pivot_root sys:init_module \
	sys:finit_module:-1 sys:delete_module sys:kexec_load:0:0:0:0xffffffff \
	sys:reboot sys:unshare:0 sys:setns:-1 sys:ptrace:2:-1 \
	sys:process_vm_writev:-1 sys:bpf:-1 sys:perf_event_open \
	sys:userfaultfd:-1 sys:io_uring_setup sys:keyctl:-1 sys:add_key \
	sys:settimeofday sys:clock_settime:-1 sys:adjtimex sys:swapoff \
	sys:acct sys:syslog:-1 sys:iopl:4 sys:open_by_handle_at:-1; do
	capture confined "$policy" "$PROBE" "$op"
	check "$op refused" "0:$op: EPERM" "$status:$out"
done
finish
