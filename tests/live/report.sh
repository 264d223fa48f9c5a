#!/bin/sh
# [policy] log = stderr: one line per denied call on the process's stderr,
# then the policy's action exactly as without the line. log = kernel: the
# kernel's audit record for errno actions too. log = none: silent.
. "$top_srcdir/tests/live/lib.sh"

# policy NAME LOG [SYSCALLS LINE...]: a policy that allows the rest.
policy() {
	name=$1 log=$2
	shift 2
	{
		printf '[policy]\nversion = 1\ndefault = allow\n'
		[ -n "$log" ] && printf 'log = %s\n' "$log"
		printf '[syscalls]\n'
		for l in "$@"; do printf '%s\n' "$l"; done
	} >"$TMP/$name.ini"
}
# The pid in a report varies: PID instead.
pids() { sed 's/^seccomp-shim\[[0-9]*\]/seccomp-shim[PID]/' "$@"; }

# --- errno: one line, and the same failure as without it -----------------
policy eperm stderr "mkdir = errno:EPERM" "mkdirat = errno:EPERM"
policy eperm-quiet "" "mkdir = errno:EPERM" "mkdirat = errno:EPERM"
capture confined "$TMP/eperm-quiet.ini" mkdir "$TMP/d"
quiet="$status:$out:$err"
capture confined "$TMP/eperm.ini" mkdir "$TMP/d"
check "errno: one line, then mkdir's own message" \
	"seccomp-shim[PID] mkdir: mkdir(\"$TMP/d\", 0777) denied by $TMP/eperm.ini:6 (errno:EPERM)
$(printf '%s' "$quiet" | sed -n 's/^[0-9]*:[^:]*://p')" \
	"$(pids "$TMP/err")"
check "errno: status and stdout as without the line" \
	"$(printf '%s' "$quiet" | sed 's/:.*//')" "$status"
if [ -e "$TMP/d" ]; then
	fail "errno: the directory was made"
else
	pass "errno: no directory"
fi
# the same through the probe: the errno the program sees
capture confined "$TMP/eperm.ini" "$PROBE" "mkdirat:$TMP/d" getpid
check "errno: the call fails with EPERM, the next one runs" \
	"mkdirat:$TMP/d: EPERM
getpid: OK" "$out"
check "errno: mkdirat with AT_FDCWD and the mode" \
	"seccomp-shim[PID] probe: mkdirat(AT_FDCWD, \"$TMP/d\", 0700) denied by $TMP/eperm.ini:7 (errno:EPERM)" \
	"$(pids "$TMP/err")"
# log = none is silent
policy eperm-none none "mkdir = errno:EPERM"
capture confined "$TMP/eperm-none.ini" mkdir "$TMP/d"
check "log = none: as without the key" "$quiet" "$status:$out:$err"

# The README's example, as it stands there.
mkdir "$TMP/readme" "$TMP/readme/examples"
cp "$EXAMPLES/nomkdir-log.ini" "$TMP/readme/examples/"
capture sh -c "cd '$TMP/readme' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=examples/nomkdir-log.ini mkdir x"
shown=$(sed -n 's/^# \(seccomp-shim\)\[[0-9]*\]\( mkdir: mkdir("x"\)/\1[PID]\2/p' \
	"$top_srcdir/README.md")
check "README: the line it shows" "1:$shown" \
	"$status:$(pids "$TMP/err" | head -n1)"

# --- kill: the line, then death by SIGSYS, as without it ------------------
policy kill stderr "mkdir = kill"
policy kill-quiet "" "mkdir = kill"
capture confined "$TMP/kill-quiet.ini" sh -c "mkdir '$TMP/k'; echo \$?"
quiet="$out"
capture confined "$TMP/kill.ini" sh -c "mkdir '$TMP/k'; echo \$?"
check "kill: status as without the line (128 + SIGSYS)" "$quiet" "$out"
check "kill: 159" "159" "$out"
check "kill: the line, with the child's name" \
	"seccomp-shim[PID] mkdir: mkdir(\"$TMP/k\", 0777) denied by $TMP/kill.ini:6 (kill)
Bad system call" "$(pids "$TMP/err")"
policy kill-thread stderr "mkdir = kill-thread"
capture confined "$TMP/kill-thread.ini" "$PROBE" "thread:mkdir:$TMP/k" getpid
check "kill-thread: the thread ends, the process goes on" \
	"thread:mkdir:$TMP/k: KILLED
getpid: OK" "$out"
check "kill-thread: the line" \
	"seccomp-shim[PID] probe: mkdir(\"$TMP/k\", 0700) denied by $TMP/kill-thread.ini:6 (kill-thread)" \
	"$(pids "$TMP/err")"
if [ -e "$TMP/k" ]; then
	fail "kill: the directory was made"
else
	pass "kill: no directory"
fi

# --- the default, and arguments without process_vm_readv ------------------
cat >"$TMP/deflt.ini" <<EOF
[policy]
version = 1
include = $top_srcdir/conf/default.ini
default = errno:EACCES
log = stderr
EOF
capture confined "$TMP/deflt.ini" "$PROBE" "sys:acct"
check "default: EACCES" "sys:acct: EACCES" "$out"
check "default: the line names the default's line" \
	"seccomp-shim[PID] probe: acct(NULL) denied by $TMP/deflt.ini:4 (default = errno:EACCES)" \
	"$(pids "$TMP/err")"
# Strings are read in the process, from its own /proc/self/mem, where
# process_vm_readv is denied (as every shipped policy denies it) ...
policy noread stderr "mkdir = errno:EPERM" "process_vm_readv = errno:EPERM"
capture confined "$TMP/noread.ini" mkdir "$TMP/d"
check "strings, where process_vm_readv is denied" \
	"seccomp-shim[PID] mkdir: mkdir(\"$TMP/d\", 0777) denied by $TMP/noread.ini:6 (errno:EPERM)" \
	"$(pids "$TMP/err" | head -n1)"
# ... under every shipped filter policy ...
for shipped in "$top_srcdir"/conf/*.ini; do
	grep -q '^mode *= *strict' "$shipped" && continue
	name=$(basename "$shipped" .ini)
	printf '[policy]\nversion = 1\ninclude = %s\nlog = stderr\n[syscalls]\nmkdir = errno:EPERM\n' \
		"$shipped" >"$TMP/on-$name.ini"
	capture confined "$TMP/on-$name.ini" "$PROBE" "mkdir:$TMP/$name-dir"
	check "strings under $name.ini" \
		"seccomp-shim[PID] probe: mkdir(\"$TMP/$name-dir\", 0700) denied by $TMP/on-$name.ini:6 (errno:EPERM)" \
		"$(pids "$TMP/err" | grep 'probe: mkdir')"
done
# ... and a bad pointer costs no crash: unmapped, or a page with no access.
capture confined "$TMP/noread.ini" "$PROBE" sys:mkdir:1:0 sys:mkdir:-4096:0
check "strings: unmapped pointers shown as numbers, no crash" \
	"0:sys:mkdir:1:0: EPERM
sys:mkdir:-4096:0: EPERM" "$status:$out"
check "strings: unmapped pointers in the report" \
	"seccomp-shim[PID] probe: mkdir(0x1, 0) denied by $TMP/noread.ini:6 (errno:EPERM)
seccomp-shim[PID] probe: mkdir(0xfffffffffffff000, 0) denied by $TMP/noread.ini:6 (errno:EPERM)" \
	"$(pids "$TMP/err")"

# --- threads: whole lines only ---------------------------------------------
# (glibc tries clone3 first for each thread and falls back to clone on
# ENOSYS: an answer it expects, which is not reported)
cat >"$TMP/threads.c" <<'C'
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
static void *run(void *arg)
{
	long bad = 0;
	(void)arg;
	for (int i = 0; i < 250; i++)
		if (mkdir("/nonexistent/x", 0700) == 0 || errno != EPERM)
			bad++;
	return (void *)bad;
}
int main(void)
{
	pthread_t t[8];
	long bad = 0;
	void *r;
	for (int i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, run, NULL);
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	printf("%ld calls not EPERM\n", bad);
	return 0;
}
C
${CC:-cc} -pthread -o "$TMP/threads" "$TMP/threads.c" || fail "cannot build"
line="seccomp-shim\[[0-9]*\] threads: mkdir(\"/nonexistent/x\", 0700) denied by $TMP/eperm.ini:6 (errno:EPERM)"
capture confined "$TMP/eperm.ini" "$TMP/threads"
check "threads: every call EPERM" "0:0 calls not EPERM" "$status:$out"
check "threads, to a file: 2000 whole lines, no other" "2000 2000" \
	"$(grep -c . "$TMP/err") $(grep -c "^$line\$" "$TMP/err")"
confined "$TMP/eperm.ini" "$TMP/threads" 2>&1 >/dev/null | cat >"$TMP/piped"
check "threads, to a pipe: 2000 whole lines, no other" "2000 2000" \
	"$(grep -c . "$TMP/piped") $(grep -c "^$line\$" "$TMP/piped")"
# No clone3 line for threads, under the shipped default too (whose own
# clone3 line answers ENOSYS) ...
printf '[policy]\nversion = 1\ninclude = %s\nlog = stderr\n' \
	"$top_srcdir/conf/default.ini" >"$TMP/threads-default.ini"
capture confined "$TMP/threads-default.ini" "$PROBE" thread:getpid
check "threads under default.ini: no clone3 line" "0:thread:getpid: OK:" \
	"$status:$out:$err"
# ... unless the policy names clone3 itself.
policy clone3 stderr "clone3 = errno:ENOSYS"
capture confined "$TMP/clone3.ini" "$PROBE" thread:getpid
case $err in
*"clone3("*"denied by $TMP/clone3.ini:6 (errno:ENOSYS)"*)
	pass "clone3 named by the policy: reported" ;;
*) fail "clone3 named by the policy: $err" ;;
esac

# --- a program's own SIGSYS handler and signal mask ------------------------
cat >"$TMP/handler.c" <<'C'
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
static volatile int got, code;
static void on_sys(int sig, siginfo_t *info, void *ctx)
{
	(void)sig;
	(void)ctx;
	got++;
	code = info->si_code;
}
int main(int argc, char **argv)
{
	struct sigaction sa, old;
	sigset_t all;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sys;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) != 0)
		return 1;
	sigaction(SIGSYS, NULL, &old);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	printf("mkdir: %s\n", mkdir(argv[1], 0700) == 0 ? "OK" : strerror(errno));
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	kill(getpid(), SIGSYS);
	printf("kill: handler ran %d, si_code %d\n", got, code);
	if (argc > 2) {
		long r = syscall(SYS_getppid);
		printf("trap: handler ran %d, si_code %d, result %ld\n", got,
		       code, r);
	}
	return 0;
}
C
${CC:-cc} -o "$TMP/handler" "$TMP/handler.c" || fail "cannot build"
capture confined "$TMP/eperm.ini" "$TMP/handler" "$TMP/h"
check "own handler, all signals blocked: still EPERM, its handler still its own" \
	"0:mkdir: Operation not permitted
kill: handler ran 1, si_code 0" "$status:$out"
check "own handler: still the line" 1 "$(grep -c "^seccomp-shim.* handler: mkdir" "$TMP/err")"
capture confined "$TMP/eperm-quiet.ini" "$TMP/handler" "$TMP/h"
check "own handler: the same without the line" \
	"0:mkdir: Operation not permitted
kill: handler ran 1, si_code 0" "$status:$out"
policy trap stderr "mkdir = errno:EPERM" "getppid = trap"
capture confined "$TMP/trap.ini" "$TMP/handler" "$TMP/h" trap
check "trap: the line, then the program's handler (SYS_SECCOMP)" \
	"mkdir: Operation not permitted
kill: handler ran 1, si_code 0
trap: handler ran 2, si_code 1" "$(printf '%s' "$out" | sed 's/, result .*//')"
check "trap: the line" \
	"seccomp-shim[PID] handler: getppid() denied by $TMP/trap.ini:7 (trap)" \
	"$(pids "$TMP/err" | grep getppid)"

# The signal calls the handler makes again are decided by the policy, as
# without reports, and bad pointers fail with EFAULT.
cat >"$TMP/sigcalls.c" <<'C'
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void)
{
	unsigned long set = 1ul << (SIGUSR1 - 1), now = 0;
	long r;

	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
	r = syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, 8);
	printf("unblock: %ld %s\n", r, r ? (errno == EPERM ? "EPERM" : "?") : "");
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &now, 8);
	printf("SIGUSR1 blocked: %s\n", now & set ? "yes" : "no");
	r = syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)8, NULL, 8);
	printf("bad set: %s\n", r && errno == EFAULT ? "EFAULT" : "?");
	r = syscall(SYS_rt_sigaction, SIGINT, (void *)8, NULL, 8);
	printf("bad action: %s\n", r && errno == EFAULT ? "EFAULT" : "?");
	return 0;
}
C
${CC:-cc} -o "$TMP/sigcalls" "$TMP/sigcalls.c" || fail "cannot build"
policy sigmask stderr "rt_sigprocmask = errno:EPERM if a0 == 1"
policy sigmask-quiet "" "rt_sigprocmask = errno:EPERM if a0 == 1"
capture confined "$TMP/sigmask-quiet.ini" "$TMP/sigcalls"
quiet="$status:$out"
check "signal calls, without reports" "0:unblock: -1 EPERM
SIGUSR1 blocked: yes
bad set: EFAULT
bad action: EFAULT" "$quiet"
capture confined "$TMP/sigmask.ini" "$TMP/sigcalls"
check "signal calls, with reports: the policy still decides" "$quiet" \
	"$status:$out"
check "signal calls: the denial reported" 1 \
	"$(grep -c "rt_sigprocmask(.*denied by $TMP/sigmask.ini:6 (errno:EPERM)" "$TMP/err")"

# seccomp-shim run --before-exec (as for static programs) cannot report on
# stderr: the kernel's log has the denials instead, and it says so.
capture env SECCOMP_SHIM_LIB="$SHIM_LIB" "$top_builddir/shim/seccomp-shim" \
	run -p "$TMP/eperm.ini" --before-exec true
check "run --before-exec: the kernel's log instead, saying why" \
	"0:seccomp-shim: $TMP/eperm.ini: log = stderr needs the library in the program, and --before-exec leaves it out: denied calls go to the kernel's log instead (log = kernel)" \
	"$status:$err"

# --- a reporting tree ------------------------------------------------------
policy other "" "rmdir = errno:EPERM"
capture confined "$TMP/eperm.ini" sh -c \
	"SECCOMP_SHIM_POLICY='$TMP/other.ini' /bin/true; echo \$?"
check "another policy under a reporting one: refused" "125" "$out"
check "... saying why" \
	"seccomp-shim: $TMP/other.ini: cannot add this policy: the process runs under another that reports denied calls (log = stderr), whose reports need its own handler" \
	"$err"
# A reporting tree whose policy file changes: a child is refused rather
# than carry out another action (here errno for what the filter kills).
policy tree stderr "mkdir = kill"
capture confined "$TMP/tree.ini" sh -c "sed -i 's/kill/errno:EPERM/' '$TMP/tree.ini'; mkdir '$TMP/t'; echo \$?"
check "an edited reporting policy: the child refused" "125" "$out"
if [ -e "$TMP/t" ]; then
	fail "the edited tree made a directory"
else
	pass "the edited tree: no directory"
fi
capture confined "$TMP/eperm.ini" sh -c "mkdir '$TMP/d'; mkdir '$TMP/d'"
check "children report too, once each" 2 \
	"$(grep -c "^seccomp-shim\[[0-9]*\] mkdir: mkdir(\"$TMP/d\", 0777) denied" "$TMP/err")"

# --- log = kernel: the kernel's record, for errno actions too -------------
if dmesg >/dev/null 2>&1 &&
	grep -qw errno /proc/sys/kernel/seccomp/actions_logged; then
	policy kern kernel "mkdir = errno:EPERM"
	nr=$(printf '#include <sys/syscall.h>\nSYS_mkdir\n' | cpp -P | tail -n1)
	# (the kernel rate-limits these lines without an audit daemon, and
	# tests before this one may have used the allowance: wait it out)
	logged=no
	for try in 1 2 3 4 5; do
		[ $try -gt 1 ] && sleep 3
		since=$(now)
		pid=$(confined "$TMP/kern.ini" sh -c \
			"echo \$\$; exec mkdir '$TMP/d' 2>/dev/null")
		sleep 0.3
		if kernel_log_since "$since" | grep "type=1326" |
			grep "pid=$pid " |
			grep "syscall=$nr " | grep -q "code=0x5000[01]"; then
			logged=yes
			break
		fi
	done
	check "log = kernel: the kernel logged the errno action" yes "$logged"
	# (only what the kernel logs from now on: pids are reused, and the
	# log holds the records of every test before)
	since=$(now)
	pid=$(confined "$TMP/eperm-quiet.ini" sh -c \
		"echo \$\$; exec mkdir '$TMP/d' 2>/dev/null")
	sleep 0.3
	if kernel_log_since "$since" | grep "type=1326" | grep -q "pid=$pid "; then
		fail "log = none: the kernel logged an errno action"
	else
		pass "log = none: no kernel record for errno"
	fi
else
	echo "skip: the kernel log is not readable here"
fi
finish
