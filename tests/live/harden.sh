#!/bin/sh
# The [policy] hardening switches on the live kernel. For each one, a
# program that tries what the switch forbids gets its errno and leaves no
# trace, and one that does what it allows works, under a policy whose
# default and whose own line for the call say allow: the switch wins.
. "$top_srcdir/tests/live/lib.sh"

CLI="$top_builddir/shim/seccomp-shim"

# policy NAME SWITCH [LINE...]: $TMP/NAME.ini, default allow, the switch
# at line 4, then [syscalls] with the lines given.
policy() {
	policy_name=$1
	policy_switch=$2
	shift 2
	{
		printf '[policy]\nversion = 1\ndefault = allow\n%s\n[syscalls]\n' \
			"$policy_switch"
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$TMP/$policy_name.ini"
	P="$TMP/$policy_name.ini"
}

# denied WHAT STATUS-PATTERN ERR-PATTERN CMD...: CMD, confined by $P,
# fails with a status matching STATUS-PATTERN and says ERR-PATTERN.
denied() {
	denied_what=$1
	denied_status=$2
	denied_err=$3
	shift 3
	capture confined "$P" "$@"
	# shellcheck disable=SC2254 # STATUS-PATTERN is a pattern
	case "$status" in
	$denied_status) pass "$denied_what: status $status" ;;
	*) fail "$denied_what: status $status (expected $denied_status)" ;;
	esac
	case "$err" in
	*"$denied_err"*) pass "$denied_what: $denied_err" ;;
	*) fail "$denied_what: stderr '$err' (expected '$denied_err')" ;;
	esac
}

# unconfined_works CMD...: CMD succeeds on this machine without the shim
# (the allowed half of a check means nothing otherwise).
unconfined_works() {
	if "$@" >/dev/null 2>&1; then
		return 0
	fi
	echo "note: '$*' fails here even unconfined: not checked"
	return 1
}

have_python=0
command -v python3 >/dev/null && have_python=1

# --- restrict_address_families --------------------------------------------
policy families "restrict_address_families = AF_UNIX AF_INET AF_INET6" \
	"socket = allow" "socketpair = allow"
# AF_PACKET 17, AF_NETLINK 16, AF_UNIX 1, AF_INET 2, AF_INET6 10
capture confined "$P" "$PROBE" socket:17:3 socket:16:3 \
	sys:socket:0x100000011:3:0 socket:1:1 socket:2:2 socket:10:2 \
	sys:socket:0x100000001:1:0
check "families: the probe" "socket:17:3: EAFNOSUPPORT
socket:16:3: EAFNOSUPPORT
sys:socket:0x100000011:3:0: EAFNOSUPPORT
socket:1:1: OK
socket:2:2: OK
socket:10:2: OK
sys:socket:0x100000001:1:0: OK" "$out"
capture "$PROBE" socket:16:3
check "families: AF_NETLINK unconfined" "socket:16:3: OK" "$out"
if [ $have_python = 1 ]; then
	packet='import socket, sys
try:
    socket.socket(socket.AF_PACKET, socket.SOCK_RAW).close()
except OSError as e:
    print(e.errno); sys.exit(1)
print("made")'
	if unconfined_works python3 -c "$packet"; then
		capture confined "$P" python3 -c "$packet"
		check "families: python3 refused AF_PACKET (EAFNOSUPPORT)" \
			"1:97" "$status:$out"
	fi
	capture confined "$P" python3 -c 'import socket
socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).close()
a, b = socket.socketpair(); a.send(b"x"); print(b.recv(1).decode())'
	check "families: python3 AF_INET6 and socketpair work" "0:x" \
		"$status:$out"
fi
# socketpair is not socket: AF_UNIX pairs without AF_UNIX in the list
policy pair "restrict_address_families = AF_INET" "socketpair = allow"
capture confined "$P" "$PROBE" socket:1:1 sys:socketpair:1:1:0:0
check "families: socketpair unaffected" "socket:1:1: EAFNOSUPPORT
sys:socketpair:1:1:0:0: EFAULT" "$out"
policy deny-list "restrict_address_families = ~AF_PACKET" "socket = allow"
capture confined "$P" "$PROBE" socket:17:3 socket:16:3 socket:1:1
check "families: a deny-list" "socket:17:3: EAFNOSUPPORT
socket:16:3: OK
socket:1:1: OK" "$out"
policy none "restrict_address_families = none" "socket = allow"
capture confined "$P" "$PROBE" socket:1:1 socket:2:2
check "families: none" "socket:1:1: EAFNOSUPPORT
socket:2:2: EAFNOSUPPORT" "$out"
capture "$CLI" explain "$TMP/families.ini" socket AF_PACKET SOCK_RAW 0
check "families: explain names the key's line" \
	"socket(0x11, 0x3, 0x0) -> errno:EAFNOSUPPORT  ($TMP/families.ini:4 via restrict_address_families)" \
	"$out"
# i386: socketcall(SYS_SOCKET, ...) hides the family, and is refused;
# socketcall(SYS_SOCKETPAIR, ...) is the policy's
printf '[policy]\nversion = 1\ndefault = allow\narchitectures = x86\nrestrict_address_families = AF_UNIX\n[syscalls]\nsocketcall = allow\n' \
	>"$TMP/i386.ini"
capture "$CLI" explain --arch x86 "$TMP/i386.ini" socketcall 1 0
check "families: i386 socketcall(SYS_SOCKET)" \
	"socketcall(0x1, 0x0) -> errno:EAFNOSUPPORT  ($TMP/i386.ini:5 via restrict_address_families)" \
	"$out"
capture "$CLI" explain --arch x86 "$TMP/i386.ini" socketcall 8 0
check "families: i386 socketcall(SYS_SOCKETPAIR)" \
	"socketcall(0x8, 0x0) -> allow  ($TMP/i386.ini:7)" "$out"

# --- memory_deny_write_execute ---------------------------------------------
policy wx "memory_deny_write_execute = yes" "mmap = allow" \
	"mprotect = allow" "pkey_mprotect = allow" "shmat = allow"
ops="mmap:rwx mprotect:rx pkey_mprotect:rx shmat:rwx mmap:rw mmap:rx mprotect:r pkey_mprotect:rw shmat:rw"
# shellcheck disable=SC2086
capture "$PROBE" $ops
check "write-execute: every operation works unconfined" "mmap:rwx: OK
mprotect:rx: OK
pkey_mprotect:rx: OK
shmat:rwx: OK
mmap:rw: OK
mmap:rx: OK
mprotect:r: OK
pkey_mprotect:rw: OK
shmat:rw: OK" "$out"
# shellcheck disable=SC2086
capture confined "$P" "$PROBE" $ops
check "write-execute: the probe" "mmap:rwx: EPERM
mprotect:rx: EPERM
pkey_mprotect:rx: EPERM
shmat:rwx: EPERM
mmap:rw: OK
mmap:rx: OK
mprotect:r: OK
pkey_mprotect:rw: OK
shmat:rw: OK" "$out"
if [ $have_python = 1 ]; then
	capture confined "$P" python3 -c 'import mmap
try:
    mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
except OSError as e:
    print(e.errno)
print(sum(range(10)))'
	check "write-execute: python3 runs, refused a W+X mapping" "0:1
45" "$status:$out"
fi
# shellcheck disable=SC2016 # sh -c's to expand
capture confined "$P" sh -c 'ls / >/dev/null && echo $(echo nested)'
check "write-execute: sh and ls run" "0:nested" "$status:$out"

# --- restrict_namespaces ------------------------------------------------------
policy ns "restrict_namespaces = yes" "unshare = allow" "clone = allow" \
	"clone3 = allow" "setns = allow"
if unconfined_works unshare -U true; then
	denied "namespaces: unshare -U" 1 "Operation not permitted" \
		unshare -U readlink /proc/self/ns/user
	check "namespaces: unshare -U ran nothing" "" "$out"
fi
if unconfined_works unshare -n true; then
	denied "namespaces: unshare -n" 1 "Operation not permitted" \
		unshare -n true
fi
capture confined "$P" "$PROBE" clone:0x10000000 clone3:0 \
	setns:/proc/self/ns/net:0x40000000 unshare:0x20000 clone:0 \
	thread:getpid
check "namespaces: the probe" "clone:0x10000000: EPERM
clone3:0: ENOSYS
setns:/proc/self/ns/net:0x40000000: EPERM
unshare:0x20000: EPERM
clone:0: OK
thread:getpid: OK" "$out"
# shellcheck disable=SC2016 # sh -c's to expand
capture confined "$P" sh -c 'echo $(echo forked) | cat'
check "namespaces: shells fork and pipe" "0:forked" "$status:$out"
policy ns-net "restrict_namespaces = net" "unshare = allow" "setns = allow"
if unconfined_works unshare -n true; then
	capture confined "$P" unshare -n readlink /proc/self/ns/net
	if [ "$status" = 0 ] && [ -n "$out" ] &&
		[ "$out" != "$(readlink /proc/self/ns/net)" ]; then
		pass "namespaces = net: unshare -n makes a network namespace"
	else
		fail "namespaces = net: unshare -n: $status $out $err"
	fi
	denied "namespaces = net: unshare -U" 1 "Operation not permitted" \
		unshare -U true
fi
capture confined "$P" "$PROBE" setns:/proc/self/ns/net:0x40000000 \
	setns:/proc/self/ns/net:0 setns:/proc/self/ns/uts:0x4000000
check "namespaces = net: setns" "setns:/proc/self/ns/net:0x40000000: OK
setns:/proc/self/ns/net:0: EPERM
setns:/proc/self/ns/uts:0x4000000: EPERM" "$out"
policy ns-deny "restrict_namespaces = ~user" "unshare = allow"
capture confined "$P" "$PROBE" unshare:0x10000000 unshare:0x4000000
check "namespaces = ~user" "unshare:0x10000000: EPERM
unshare:0x4000000: OK" "$out"
capture "$CLI" explain "$TMP/ns.ini" unshare CLONE_NEWUSER
check "namespaces: explain names the key's line" \
	"unshare(0x10000000) -> errno:EPERM  ($TMP/ns.ini:4 via restrict_namespaces)" \
	"$out"

# --- lock_personality ------------------------------------------------------
policy personality "lock_personality = yes" "personality = allow"
if unconfined_works setarch -R true; then
	denied "personality: setarch -R" 1 "Operation not permitted" \
		setarch -R cat /proc/self/personality
	check "personality: setarch -R ran nothing" "" "$out"
fi
capture confined "$P" setarch "$(uname -m)" cat /proc/self/personality
check "personality: setarch $(uname -m) (the default persona)" "0:00000000" \
	"$status:$out"
capture confined "$P" "$PROBE" personality:0xffffffff personality:0 \
	personality:0x400000 personality:8
check "personality: the probe" "personality:0xffffffff: OK
personality:0: OK
personality:0x400000: EPERM
personality:8: EPERM" "$out"

# --- restrict_suid_sgid ------------------------------------------------------
policy suid "restrict_suid_sgid = yes" "@file-system = allow" \
	"chmod = allow" "fchmodat = allow" "openat = allow" "mkdir = allow"
mkdir "$TMP/suid"
touch "$TMP/suid/file"
chmod 644 "$TMP/suid/file"
denied "suid: chmod u+s" 1 "Operation not permitted" \
	chmod u+s "$TMP/suid/file"
denied "suid: chmod g+s" 1 "Operation not permitted" \
	chmod 2755 "$TMP/suid/file"
check "suid: the mode is unchanged" 644 "$(stat -c %a "$TMP/suid/file")"
capture confined "$P" chmod 755 "$TMP/suid/file"
check "suid: chmod 755 works" "0:755" "$status:$(stat -c %a "$TMP/suid/file")"
denied "suid: mkdir -m 2755" 1 "Operation not permitted" \
	mkdir -m 2755 "$TMP/suid/sgid-dir"
if [ -e "$TMP/suid/sgid-dir" ]; then
	fail "suid: mkdir -m 2755 made it"
else
	pass "suid: no set-group-ID directory"
fi
capture confined "$P" mkdir -m 1777 "$TMP/suid/sticky"
check "suid: mkdir -m 1777 works" "0:1777" \
	"$status:$(stat -c %a "$TMP/suid/sticky")"
denied "suid: install -m 4755" 1 "Operation not permitted" \
	install -m 4755 "$TMP/suid/file" "$TMP/suid/installed"
capture confined "$P" "$PROBE" "creat:04755:$TMP/suid/c1" \
	"creat:0644:$TMP/suid/c2" "tmpfile:02755:$TMP/suid" \
	"tmpfile:0600:$TMP/suid" "mknod:04644:$TMP/suid/n1" \
	"mknod:0644:$TMP/suid/n2" sys:openat2:-100:0:0:24
check "suid: the probe" "creat:04755:$TMP/suid/c1: EPERM
creat:0644:$TMP/suid/c2: OK
tmpfile:02755:$TMP/suid: EPERM
tmpfile:0600:$TMP/suid: OK
mknod:04644:$TMP/suid/n1: EPERM
mknod:0644:$TMP/suid/n2: OK
sys:openat2:-100:0:0:24: ENOSYS" "$out"
if [ -e "$TMP/suid/c1" ] || [ -e "$TMP/suid/n1" ]; then
	fail "suid: a refused file exists"
else
	pass "suid: no refused file exists"
fi
check "suid: no file with either bit" "" \
	"$(find "$TMP/suid" -perm /6000)"

# --- restrict_realtime --------------------------------------------------------
policy realtime "restrict_realtime = yes" "sched_setscheduler = allow" \
	"sched_setattr = allow"
if unconfined_works chrt -f 1 true; then
	denied "realtime: chrt -f 1" 1 "Operation not permitted" \
		chrt -f 1 chrt -p 0
	check "realtime: chrt -f ran nothing" "" "$out"
	denied "realtime: chrt -r 1" 1 "Operation not permitted" chrt -r 1 true
fi
if unconfined_works chrt -d -T 10000000 -D 30000000 -P 30000000 0 true; then
	denied "realtime: chrt -d (sched_setattr)" 1 \
		"Function not implemented" \
		chrt -d -T 10000000 -D 30000000 -P 30000000 0 true
fi
for how in "-o 0" "-b 0" "-i 0" "-R -b 0"; do
	# shellcheck disable=SC2086
	capture confined "$P" chrt $how chrt -p 0
	case "$status:$out" in
	0:*"scheduling policy"*) pass "realtime: chrt $how works" ;;
	*) fail "realtime: chrt $how: $status $out $err" ;;
	esac
done
capture confined "$P" "$PROBE" sched:fifo sched:rr sched:deadline \
	sched:other sched:batch sched_setattr:other
check "realtime: the probe" "sched:fifo: EPERM
sched:rr: EPERM
sched:deadline: EPERM
sched:other: OK
sched:batch: OK
sched_setattr:other: ENOSYS" "$out"

# --- no_new_privs, and all of them at once -----------------------------------
cat >"$TMP/all.ini" <<EOF
[policy]
version = 1
default = allow
log = stderr
restrict_address_families = AF_UNIX AF_INET AF_INET6
memory_deny_write_execute = yes
restrict_namespaces = yes
lock_personality = yes
restrict_suid_sgid = yes
restrict_realtime = yes
no_new_privs = yes
[syscalls]
@system-service = allow
unshare = allow
EOF
P="$TMP/all.ini"
capture confined "$P" grep '^NoNewPrivs:' /proc/self/status
check "no_new_privs = yes" "0:NoNewPrivs:	1" "$status:$out"
capture confined "$P" sh -c "ls / | grep -c . >/dev/null && echo ok"
check "all switches: sh, ls, grep" "0:ok" "$status:$out"
if [ $have_python = 1 ]; then
	capture confined "$P" python3 -c 'import threading, socket
t = threading.Thread(target=lambda: None); t.start(); t.join()
socket.socket(socket.AF_INET).close(); print("fine")'
	check "all switches: python3 with a thread and a socket" "0:fine" \
		"$status:$out"
fi
# log = stderr: the report names the switch's line
denied "all switches: unshare -U reported" 1 \
	"unshare(0x10000000) denied by $P:7 (errno:EPERM)" unshare -U true
capture confined "$P" "$PROBE" sched:fifo
case "$err" in
*"sched_setscheduler("*") denied by $P:10 (errno:EPERM)"*)
	pass "all switches: sched_setscheduler reported at its line" ;;
*) fail "all switches: report '$err'" ;;
esac
check "all switches: the errno as without the report" "sched:fifo: EPERM" \
	"$out"

# --- capability_bounding_set -------------------------------------------------
# masks FILE: the inheritable, permitted, effective, bounding and ambient
# sets a program shows in FILE (its /proc/self/status), as one line
masks() { grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb):' "$1" | awk '{ printf "%s%s", sep, $2; sep = " " }'; }
# without BITS...: the unconfined sets with those capabilities gone
without() {
	without_mask=0
	for bit in "$@"; do without_mask=$((without_mask | (1 << bit))); done
	for word in $(masks /proc/self/status); do
		printf '%016x\n' $((0x$word & ~without_mask))
	done | paste -sd ' '
}
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: capability_bounding_set needs root's capabilities"
else
	policy caps "capability_bounding_set = ~sys_admin cap_perfmon"
	# (two executions on: NO_NEW_PRIVS keeps execve from giving them back)
	capture confined "$P" sh -c "exec sh -c 'cat /proc/self/status'"
	printf '%s\n' "$out" >"$TMP/status"
	check "capabilities: dropped from the permitted, effective and bounding sets, two execs on" \
		"0:$(without 21 38)" "$status:$(masks "$TMP/status")"
	capture "$CLI" explain "$P"
	case "$out" in
	*"# Capabilities dropped, $P:4: CAP_SYS_ADMIN CAP_PERFMON"*)
		pass "capabilities: explain names them" ;;
	*) fail "capabilities: explain: $out" ;;
	esac
	touch "$TMP/owned" "$TMP/owned-control"
	chown 1:1 "$TMP/owned-control" || fail "control: root cannot chown"
	policy nochown "capability_bounding_set = ~CAP_CHOWN"
	denied "capabilities: chown without CAP_CHOWN" 1 \
		"Operation not permitted" chown 1:1 "$TMP/owned"
	check "capabilities: ... and the file keeps its owner" "0:0" \
		"$(stat -c %u:%g "$TMP/owned")"
	policy keep "capability_bounding_set = CAP_DAC_OVERRIDE"
	capture confined "$P" cat /proc/self/status
	printf '%s\n' "$out" >"$TMP/status"
	check "capabilities: a list keeps only those it names" \
		"0000000000000000 0000000000000002 0000000000000002 0000000000000002 0000000000000000" \
		"$(masks "$TMP/status")"
	policy none "capability_bounding_set = none"
	capture confined "$P" sh -c 'cat /proc/self/status'
	printf '%s\n' "$out" >"$TMP/status"
	check "capabilities: none" \
		"0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000" \
		"$(masks "$TMP/status")"
	# A program with file capabilities that needs a dropped one cannot
	# be executed (the kernel refuses what it cannot grant)
	if command -v setcap >/dev/null; then
		cp "$(command -v chown)" "$TMP/fc-chown"
		setcap cap_chown+ep "$TMP/fc-chown"
		touch "$TMP/fc-owned"
		policy nochown "capability_bounding_set = ~CAP_CHOWN"
		capture confined "$P" "$TMP/fc-chown" 1:1 "$TMP/fc-owned"
		case "$status:$err" in
		126:*"Operation not permitted"* | 1:*"Operation not permitted"*)
			pass "capabilities: a file-capability program needing one dropped: not executed" ;;
		*) fail "capabilities: file capabilities: $status:$err" ;;
		esac
		check "capabilities: ... so the file keeps its owner" "0:0" \
			"$(stat -c %u:%g "$TMP/fc-owned")"
	else
		echo "SKIP: no setcap (libcap2-bin)"
	fi
	# A new user namespace holds every capability inside it (over what
	# it owns only): the other processes' files stay out of reach.
	policy caps "capability_bounding_set = ~CAP_SYS_ADMIN CAP_PERFMON"
	sleep 30 &
	outsider=$!
	capture confined "$P" unshare -U -r sh -c "grep ^CapEff: /proc/self/status
		if cat /proc/$outsider/environ >/dev/null 2>&1; then echo environ read; fi"
	kill "$outsider"
	case "$status:$out" in
	0:CapEff:*)
		word=$(printf '%s\n' "$out" | awk '/^CapEff:/ { print $2 }')
		if [ $((0x$word >> 21 & 1)) -eq 1 ]; then
			pass "capabilities: a new user namespace has CAP_SYS_ADMIN inside"
		else
			fail "capabilities: user namespace: $out"
		fi
		case "$out" in
		*"environ read"*) fail "capabilities: from a user namespace, another process's environ read" ;;
		*) pass "capabilities: ... over what it owns only: another process's environ stays out of reach" ;;
		esac ;;
	*) echo "SKIP: no user namespace here ($status: $err)" ;;
	esac
	# seccomp-shim run's own route (a static program: the filter and
	# the rest installed before exec) drops them too
	cat >"$TMP/capstatic.c" <<'C'
#include <stdio.h>
int main(void)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		fputs(line, stdout);
	return 0;
}
C
	if ${CC:-cc} -static -o "$TMP/capstatic" "$TMP/capstatic.c" 2>/dev/null; then
		policy caps "capability_bounding_set = ~CAP_SYS_ADMIN CAP_PERFMON"
		capture env SECCOMP_SHIM_LIB="$SHIM_LIB" "$CLI" run -p "$P" -- \
			"$TMP/capstatic"
		printf '%s\n' "$out" >"$TMP/status"
		check "capabilities: seccomp-shim run, a static program" \
			"0:$(without 21 38)" "$status:$(masks "$TMP/status")"
	else
		echo "SKIP: no static libc to build a static program"
	fi
	# Root without CAP_SETPCAP cannot change its bounding set: the
	# permitted set loses them, and NO_NEW_PRIVS alone keeps root's
	# execve (whose permitted set is the bounding set) from giving them
	# back, two execs on.
	if command -v setpriv >/dev/null; then
		policy nochown "capability_bounding_set = ~CAP_CHOWN"
		capture setpriv --bounding-set -setpcap env LD_PRELOAD="$SHIM_LIB" \
			SECCOMP_SHIM_POLICY="$P" sh -c \
			"exec sh -c 'grep -E ^Cap\(Prm\|Bnd\): /proc/self/status; chown 1:1 $TMP/owned'"
		case "$status:$out:$err" in
		1:"CapPrm:"*[02468ace]"
CapBnd:"*[13579bdf]:*"Operation not permitted"*)
			pass "capabilities: root without CAP_SETPCAP: bounding set kept, chown still denied" ;;
		*) fail "capabilities: root without CAP_SETPCAP: $status:$out:$err" ;;
		esac
	fi
	# An unprivileged program with an ambient capability (confined
	# after its change of user, so without CAP_SETPCAP) loses it from
	# every set but the bounding set, which it may not change.
	if command -v setpriv >/dev/null; then
		chmod 755 "$TMP"
		policy netraw "capability_bounding_set = ~CAP_NET_RAW"
		chmod 644 "$P"
		ambient() {
			setpriv --reuid=65534 --regid=65534 --clear-groups \
				--inh-caps +net_raw --ambient-caps +net_raw "$@"
		}
		capture ambient cat /proc/self/status
		printf '%s\n' "$out" >"$TMP/status"
		bounding=$(grep '^CapBnd:' "$TMP/status" | awk '{ print $2 }')
		check "control: nobody with CAP_NET_RAW ambient" \
			"0000000000002000 0000000000002000 0000000000002000 $bounding 0000000000002000" \
			"$(masks "$TMP/status")"
		capture ambient env LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$P" \
			cat /proc/self/status
		printf '%s\n' "$out" >"$TMP/status"
		check "capabilities: an ambient capability dropped, nobody's bounding set as it was" \
			"0:0000000000000000 0000000000000000 0000000000000000 $bounding 0000000000000000" \
			"$status:$(masks "$TMP/status")"
		# ... and a program without capabilities, whose parent's filter
		# denies capset and prctl, starts under a policy that drops
		# some: there is nothing to take, so nothing to refuse.
		deny_caps='[policy]
version = 1
default = allow
[syscalls]
capset = errno:EACCES
prctl = errno:EACCES if a0 == PR_CAPBSET_DROP'
		capture setpriv --reuid=65534 --regid=65534 --clear-groups \
			env LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$deny_caps" \
			sh -c "SECCOMP_SHIM_POLICY='$P' /bin/echo started"
		check "capabilities: nothing to drop under a filter that denies capset" \
			"0:started" "$status:$out"
	fi
fi

# --- included files ------------------------------------------------------------
mkdir "$TMP/inc"
printf '[policy]\nversion = 1\nrestrict_namespaces = yes\n' \
	>"$TMP/inc/base.ini"
printf '[policy]\nversion = 1\ninclude = base.ini\ndefault = allow\nlog = stderr\n[syscalls]\nunshare = allow\n' \
	>"$TMP/inc/main.ini"
P="$TMP/inc/main.ini"
denied "include: the included file's switch applies" 1 \
	"denied by $TMP/inc/base.ini:3 (errno:EPERM)" unshare -U true
printf '[policy]\nversion = 1\ninclude = base.ini\ndefault = allow\nrestrict_namespaces = no\n' \
	>"$TMP/inc/off.ini"
capture confined "$TMP/inc/off.ini" "$PROBE" unshare:0x10000000
check "include: the including file's 'no' replaces it" \
	"unshare:0x10000000: OK" "$out"
printf '[policy]\nversion = 1\ncapability_bounding_set = ~CAP_CHOWN\n' \
	>"$TMP/inc/caps.ini"
printf '[policy]\nversion = 1\ninclude = caps.ini\ndefault = allow\n' \
	>"$TMP/inc/with-caps.ini"
capture "$CLI" explain "$TMP/inc/with-caps.ini"
case "$out" in
*"# Capabilities dropped, $TMP/inc/caps.ini:3: CAP_CHOWN"*)
	pass "include: the included file's capability_bounding_set" ;;
*) fail "include: capabilities: $out" ;;
esac
# ... and where the including file drops others, both files' go: a
# policy cannot give back what a file it includes drops
printf '[policy]\nversion = 1\ninclude = caps.ini\ndefault = allow\ncapability_bounding_set = ~CAP_NET_RAW\n' \
	>"$TMP/inc/more-caps.ini"
capture "$CLI" explain "$TMP/inc/more-caps.ini"
case "$out" in
*"# Capabilities dropped, $TMP/inc/more-caps.ini:5: CAP_CHOWN CAP_NET_RAW"*)
	pass "include: capabilities dropped in both files are all dropped" ;;
*) fail "include: capabilities in both: $out" ;;
esac
if [ "$(id -u)" -eq 0 ]; then
	touch "$TMP/inc/owned"
	capture confined "$TMP/inc/more-caps.ini" chown 1:1 "$TMP/inc/owned"
	check "include: ... chown denied by the included file's line" \
		"1:0:0" "$status:$(stat -c %u:%g "$TMP/inc/owned")"
fi
finish
