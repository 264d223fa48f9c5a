#!/bin/sh
# The policies shipped in conf/ load, let ordinary programs work and refuse
# what they say they refuse.
. "$top_srcdir/tests/live/lib.sh"

policy="$top_srcdir/conf/deny-kernel-admin.ini"

capture confined "$policy" sh -c 'ls / >/dev/null && echo a | sed s/a/b/ && date +%Y >/dev/null && tar cf - /etc/hostname 2>/dev/null | wc -c >/dev/null && echo done'
check "ordinary programs" "0:b
done" "$status:$out"
if command -v python3 >/dev/null; then
	capture confined "$policy" python3 -c 'import json,os; print(json.dumps({"pid": os.getpid() > 0}))'
	check "python3" '0:{"pid": true}' "$status:$out"
fi

# Each refused call is made with harmless arguments: were it let through,
# it would fail for other reasons (bad pointer, bad fd, bad magic). Some
# fail with EPERM anyway for a user without privileges, so the calls are
# also run under a copy of the policy whose errno no kernel path returns
# (ENOTNAM): each must get it, and none gets it unconfined.
sed 's/errno:EPERM/errno:ENOTNAM/' "$policy" >"$TMP/marked.ini"
ops="sys:mount sys:umount2 sys:pivot_root sys:chroot sys:sethostname
	sys:setdomainname sys:fsopen sys:open_tree:-1
	sys:init_module sys:finit_module:-1 sys:delete_module
	sys:kexec_load:0:0:0:0xffffffff sys:kexec_file_load:-1:-1:0:0:0xffffffff
	sys:reboot sys:unshare:0 sys:setns:-1 sys:ptrace:2:-1
	sys:process_vm_readv:-1 sys:process_vm_writev:-1 sys:kcmp:-1
	sys:pidfd_getfd:-1 sys:bpf:-1 sys:perf_event_open sys:userfaultfd:-1
	sys:io_uring_setup sys:io_uring_enter:-1 sys:io_uring_register:-1
	sys:keyctl:-1 sys:add_key sys:request_key sys:open_by_handle_at:-1
	sys:name_to_handle_at:-1 sys:settimeofday sys:clock_settime:-1
	sys:clock_adjtime:-1 sys:adjtimex sys:swapon sys:swapoff sys:acct
	sys:quotactl:0 sys:syslog:-1 sys:iopl:4 sys:ioperm:0:0:0
	sys:lookup_dcookie sys:uselib sys:vhangup:0"
for op in $ops; do
	capture "$PROBE" "$op"
	[ "$out" != "$op: ENOTNAM" ] || fail "$op gets ENOTNAM unconfined"
	capture confined "$TMP/marked.ini" "$PROBE" "$op"
	check "$op refused" "0:$op: ENOTNAM" "$status:$out"
	capture confined "$policy" "$PROBE" "$op"
	check "$op refused with EPERM" "0:$op: EPERM" "$status:$out"
done

capture confined "$policy" /usr/sbin/chroot / /bin/true
case "$status:$err" in
125:*"Operation not permitted"*) pass "chroot(8) refused" ;;
*) fail "chroot(8): $status $err" ;;
esac

# clone with a namespace flag is refused; plain clone (fork) is not.
for flag in 0x20000 0x2000000 0x4000000 0x8000000 0x10000000 0x20000000 0x40000000; do
	capture confined "$policy" "$PROBE" "sys:clone:$((flag | 17))"
	check "clone with flag $flag refused" "0:sys:clone:$((flag | 17)): EPERM" "$status:$out"
done
# shellcheck disable=SC2016 # sh -c's to expand
capture confined "$policy" sh -c 'echo $(echo forked)'
check "fork still works" "0:forked" "$status:$out"

# clone3 reports ENOSYS, so glibc falls back to clone: threads still work.
capture confined "$policy" "$PROBE" sys:clone3:0:0 thread:getpid
check "clone3 says ENOSYS, threads work" "0:sys:clone3:0:0: ENOSYS
thread:getpid: OK" "$status:$out"
finish
