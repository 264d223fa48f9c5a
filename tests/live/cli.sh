#!/bin/sh
# The seccomp-shim command: run, check, explain and groups, on real
# programs, against what the kernel does.
. "$top_srcdir/tests/live/lib.sh"

CLI="$top_builddir/shim/seccomp-shim"
SECCOMP_SHIM_LIB="$SHIM_LIB"
SECCOMP_SHIM_CONFDIR="$top_srcdir/conf"
export SECCOMP_SHIM_LIB SECCOMP_SHIM_CONFDIR
unset SECCOMP_SHIM_POLICY

# --- the command line ----------------------------------------------------
capture "$CLI" --version
check "--version" "0:seccomp-shim $(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")" "$status:$out"
for sub in "" run check explain groups convert; do
	capture "$CLI" $sub --help
	case "$status:$out" in
	0:usage:*) pass "'$sub --help' on stdout" ;;
	*) fail "'$sub --help': $status: $out" ;;
	esac
done
capture "$CLI" frobnicate
check "unknown command" "2:seccomp-shim: unknown command 'frobnicate' (seccomp-shim --help lists them)" "$status:$err"
capture "$CLI" run
check "run without a command" 2 "$status"

# --- run -------------------------------------------------------------------
cd "$TMP" || exit 1
capture "$CLI" run -p "$EXAMPLES/deny-mkdir-net.ini" mkdir "$TMP/by-path"
check "run -p PATH: mkdir refused" 1 "$status"
if [ -e "$TMP/by-path" ]; then
	fail "run -p PATH: directory made"
else
	pass "run -p PATH: no directory"
fi
capture "$CLI" run -p deny-kernel-admin "$PROBE" sys:mount sys:init_module getpid
check "run -p NAME (shipped)" "0:sys:mount: EPERM
sys:init_module: EPERM
getpid: OK" "$status:$out"
capture "$CLI" run -p "$EXAMPLES/deny-mkdir-net.ini" sh -c 'exit 7'
check "run: the command's exit status" 7 "$status"
capture "$CLI" run -p no-such-policy true
check "run: unknown policy name" "125:seccomp-shim: no-such-policy: no such policy file, and no policy of that name in $top_srcdir/conf" "$status:$err"
capture "$CLI" run -p "$BAD/unknown-syscall.ini" touch "$TMP/ran"
# (run names the policy by its absolute path, for the children)
real_bad=$(cd "$BAD" && pwd -P)
check "run: a broken policy" "125:$(sed "s|FILE|$real_bad/unknown-syscall.ini|" "$BAD/unknown-syscall.err")" "$status:$err"
if [ -e "$TMP/ran" ]; then
	fail "run: the program ran"
else
	pass "run: nothing ran"
fi
capture "$CLI" run no-such-command-here
check "run: command not found" "127:seccomp-shim: no-such-command-here: command not found" "$status:$err"
capture env SECCOMP_SHIM_LIB="$TMP/nowhere.so" "$CLI" run true
check "run: library missing: refused, not unconfined" "125:seccomp-shim: $TMP/nowhere.so: cannot open the preload library: No such file or directory (set SECCOMP_SHIM_LIB to its path)" "$status:$err"
# LD_PRELOAD is added to, not replaced.
# (A harmless library: libm. In a --enable-sanitizers build the command
# itself has ASan, which wants to come first in LD_PRELOAD; it need not.)
libm=$(${CC:-cc} -print-file-name=libm.so.6)
# shellcheck disable=SC2016 # $LD_PRELOAD as the child shell sees it
capture env ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD="$libm" \
	"$CLI" run sh -c 'echo "$LD_PRELOAD"'
check "run: appends to LD_PRELOAD" "$libm $SHIM_LIB" "$out"
# A relative policy path still works after the child changes directory.
cp "$EXAMPLES/deny-mkdir-net.ini" "$TMP/rel.ini"
capture "$CLI" run -p rel.ini sh -c "cd / && mkdir '$TMP/rel-dir'"
check "run: relative policy path, child elsewhere" 1 "$status"

# The built-in default policy: ordinary commands behave as unconfined...
printf 'int main(void) { return 0; }\n' >"$TMP/m.c"
printf 'b\na\n' >"$TMP/in.txt"
battery() {
	sh -c 'echo hi; ls / | wc -l'
	# shellcheck disable=SC2012 # ls as users run it is what is tried
	ls -la "$TMP/in.txt" | cut -d' ' -f1
	sort "$TMP/in.txt" | head -1
	# shellcheck disable=SC2002 # so is cat into a pipe
	cat "$TMP/in.txt" | wc -l
	sed -n 2p "$TMP/in.txt"
	awk 'BEGIN { print 6 * 7 }'
	date -u -d @0 +%Y
	find "$TMP" -maxdepth 1 -name in.txt | wc -l
	cp "$TMP/in.txt" "$TMP/c.txt" && mv "$TMP/c.txt" "$TMP/d.txt" &&
		rm "$TMP/d.txt" && echo files
	mkdir "$TMP/dd" && rmdir "$TMP/dd" && echo dirs
	python3 -c 'import json, subprocess; print(json.dumps([1]), subprocess.run(["echo", "child"], capture_output=True).stdout.decode().strip())'
	perl -e 'print 1 + 1, "\n"'
	tar -C "$TMP" -czf "$TMP/t.tgz" in.txt && tar -tzf "$TMP/t.tgz"
	gzip -c "$TMP/in.txt" | gzip -dc | wc -c
	git --version | cut -d' ' -f1-2
	(cd "$TMP" && rm -rf repo && git init -q repo && cd repo &&
		git -c user.email=a@b -c user.name=n commit -q --allow-empty -m m &&
		git log --oneline | wc -l)
	${CC:-cc} -o "$TMP/m" "$TMP/m.c" && "$TMP/m" && echo compiled
}
export TMP CC
battery >"$TMP/plain.out" 2>&1
"$CLI" run sh -c "$(type battery | sed 1d); battery" >"$TMP/default.out" 2>&1
if cmp -s "$TMP/plain.out" "$TMP/default.out"; then
	pass "default policy: $(wc -l <"$TMP/plain.out") lines of output as unconfined"
else
	fail "default policy changes ordinary commands:"
	diff "$TMP/plain.out" "$TMP/default.out" >&2
fi
# ... and kernel-level dangers are refused.
capture "$CLI" run unshare -U true
check "default: unshare -U" "1:unshare: unshare failed: Operation not permitted" "$status:$err"
mkdir "$TMP/mnt"
capture "$CLI" run mount -t tmpfs none "$TMP/mnt"
check "default: mount refused" 32 "$status"
capture "$CLI" run "$PROBE" sys:init_module sys:finit_module sys:ptrace \
	sys:bpf sys:keyctl sys:reboot sys:clock_settime sys:io_uring_setup \
	sys:setns sys:process_vm_writev
check "default: modules, ptrace, bpf, keys, reboot, clock, io_uring, setns" \
	"0:sys:init_module: EPERM
sys:finit_module: EPERM
sys:ptrace: EPERM
sys:bpf: EPERM
sys:keyctl: EPERM
sys:reboot: EPERM
sys:clock_settime: EPERM
sys:io_uring_setup: EPERM
sys:setns: EPERM
sys:process_vm_writev: EPERM" "$status:$out"

# What LD_PRELOAD cannot reach, run confines from outside: the filter goes
# on before the execve. A statically linked program, ...
cat >"$TMP/static.c" <<'C'
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
int main(int argc, char **argv)
{
	printf("mkdir: %s\n", mkdir(argv[1], 0700) ? strerror(errno) : "OK");
	return 0;
}
C
deny="$EXAMPLES/deny-mkdir-net.ini"
if ${CC:-cc} -static -o "$TMP/static" "$TMP/static.c" 2>/dev/null; then
	capture "$CLI" run -p "$deny" "$TMP/static" "$TMP/s1"
	check "static: confined all the same" "0:mkdir: Operation not permitted:" \
		"$status:$out:$err"
	if [ -e "$TMP/s1" ]; then
		fail "static: directory made"
	else
		pass "static: no directory"
	fi
	capture "$CLI" run --before-exec -p "$deny" "$TMP/static" "$TMP/s2"
	check "static, --before-exec: confined" "0:mkdir: Operation not permitted" \
		"$status:$out"
	capture "$CLI" run --before-exec -p "$EXAMPLES/strict.ini" "$TMP/static" x
	check "--before-exec with strict mode" "125:seccomp-shim: $(cd "$EXAMPLES" && pwd -P)/strict.ini: strict mode cannot be entered before exec: strict mode does not allow execve" "$status:$err"
	capture "$CLI" run -p "$EXAMPLES/strict.ini" "$TMP/static" x
	check "static with strict mode: refused, saying why" "125:seccomp-shim: $(cd "$EXAMPLES" && pwd -P)/strict.ini: strict mode cannot be entered before exec (it does not allow execve), and LD_PRELOAD cannot reach $TMP/static: it is statically linked" "$status:$err"
	# ... a script whose #! names it, ...
	printf '#!%s\n' "$TMP/static" >"$TMP/static-script"
	chmod +x "$TMP/static-script"
	capture "$CLI" run -p "$deny" "$TMP/static-script"
	check "a script run by a static program: confined" \
		"0:mkdir: Operation not permitted" "$status:$out"
else
	fail "cannot link a static program (libc6-dev)"
fi
# ... a program whose PT_INTERP names a static program of no libc (which
# the kernel then runs, and which ignores LD_PRELOAD) ...
cat >"$TMP/interp.c" <<'C'
#include <sys/syscall.h>
static long sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}
void _start(void)
{
	static const char target[] = TARGET, made[] = "made\n",
			  refused[] = "refused\n";

	if (sys3(SYS_mkdir, (long)target, 0700, 0) == 0)
		sys3(SYS_write, 1, (long)made, sizeof(made) - 1);
	else
		sys3(SYS_write, 1, (long)refused, sizeof(refused) - 1);
	sys3(SYS_exit_group, 0, 0, 0);
}
C
printf 'int main(void) { return 0; }\n' >"$TMP/main.c"
if ${CC:-cc} -static -nostdlib -fno-pie -no-pie -fno-stack-protector -O2 \
	-DTARGET="\"$TMP/by-interp\"" -o "$TMP/interp" "$TMP/interp.c" &&
	${CC:-cc} -Wl,--dynamic-linker="$TMP/interp" -o "$TMP/fake-dynamic" \
		"$TMP/main.c"; then
	capture "$TMP/fake-dynamic"
	check "static interpreter, unconfined: it runs (control)" "made" "$out"
	rmdir "$TMP/by-interp"
	capture "$CLI" run -p "$deny" "$TMP/fake-dynamic"
	check "static interpreter: confined" "0:refused" "$status:$out"
	if [ -e "$TMP/by-interp" ]; then
		fail "static interpreter: directory made"
	else
		pass "static interpreter: no directory"
	fi
	printf '[policy]\nversion = 1\ndefault = allow\nlog = stderr\n[syscalls]\nmkdir = errno:EPERM\n' \
		>"$TMP/report-mkdir.ini"
	capture "$CLI" run -p "$TMP/report-mkdir.ini" "$TMP/fake-dynamic"
	check "static interpreter, log = stderr: the kernel's log instead, saying why" \
		"0:refused:seccomp-shim: $TMP/report-mkdir.ini: log = stderr needs the library in the program, and LD_PRELOAD cannot reach $TMP/fake-dynamic: it asks for the loader $TMP/interp, not this system's: denied calls go to the kernel's log instead (log = kernel)" \
		"$status:$out:$err"
else
	fail "cannot build a program with a static interpreter"
fi
# ... a 32-bit program (where this kernel runs them: a control run says),
# whose calls the native-only filter kills ...
python3 - "$TMP/elf32" "$TMP/by-i386" <<'PY'
import struct, sys
path, target = sys.argv[1], sys.argv[2].encode() + b"\0"
base = 0x08048000
code_at = 52 + 32
# mkdir(target, 0700) and exit(0), through int 0x80
code = (b"\xb8\x27\x00\x00\x00" + b"\xbb" + struct.pack("<I", 0) +
	b"\xb9\xc0\x01\x00\x00\xcd\x80" +
	b"\xb8\x01\x00\x00\x00\x31\xdb\xcd\x80")
data_at = code_at + len(code)
code = code.replace(b"\xbb" + struct.pack("<I", 0),
		    b"\xbb" + struct.pack("<I", base + data_at), 1)
size = data_at + len(target)
ehdr = struct.pack("<16sHHIIIIIHHHHHH", b"\x7fELF\x01\x01\x01" + b"\0" * 9,
		   2, 3, 1, base + code_at, 52, 0, 0, 52, 32, 1, 0, 0, 0)
phdr = struct.pack("<IIIIIIII", 1, 0, base, base, size, size, 5, 0x1000)
with open(path, "wb") as f:
    f.write(ehdr + phdr + code + target)
PY
chmod +x "$TMP/elf32"
"$TMP/elf32" 2>/dev/null
if [ -d "$TMP/by-i386" ]; then
	rmdir "$TMP/by-i386"
	capture "$CLI" run -p "$deny" "$TMP/elf32"
	if [ -e "$TMP/by-i386" ]; then
		fail "32-bit program: directory made"
	else
		pass "32-bit program: no directory ($status)"
	fi
else
	echo "SKIP: this kernel does not run 32-bit programs (control run)"
fi
# ... a set-user-ID program (whose loader would ignore LD_PRELOAD: it runs
# confined, and without the privilege, NO_NEW_PRIVS being set) ...
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	cp "$PROBE" "$TMP/suid-probe"
	chown nobody "$TMP/suid-probe" && chmod 4755 "$TMP/suid-probe"
	mkdir -m 1777 "$TMP/pub"
	chmod 755 "$TMP"
	capture "$CLI" run -p "$deny" "$TMP/suid-probe" "mkdir:$TMP/pub/x"
	check "a set-user-ID program: confined" "0:mkdir:$TMP/pub/x: EPERM" \
		"$status:$out"
	if [ -e "$TMP/pub/x" ]; then
		fail "set-user-ID: directory made"
	else
		pass "set-user-ID: no directory"
	fi
	chmod 700 "$TMP"
fi
# ... and a file that is no program at all: not run, nothing made.
printf '\001\002\003 no program\n' >"$TMP/junk"
chmod +x "$TMP/junk"
capture "$CLI" run -p "$deny" "$TMP/junk"
check "a file that is no program" \
	"126:seccomp-shim: $TMP/junk: cannot execute: Exec format error" \
	"$status:$err"

# --- check -----------------------------------------------------------------
n=0
for ini in "$BAD"/*.ini; do
	name=$(basename "$ini" .ini)
	capture "$CLI" check "$ini"
	check "check $name" "1:$(sed "s|FILE|$ini|" "$BAD/$name.err")" \
		"$status:$err"
	n=$((n + 1))
done
capture "$CLI" check "$top_srcdir/conf/deny-kernel-admin.ini" default \
	"$EXAMPLES/strict.ini"
check "check: valid policies" "0" "$status"
check "check: summaries on stdout" "3" "$(echo "$out" | grep -c ': valid: ')"
capture "$CLI" check default
check "check: the default policy has no warnings" "0::(built-in default policy): valid: 0 warnings" \
	"$status:$err:$(echo "$out" | sed 's/valid: .*, /valid: /')"

cat >"$TMP/lax.ini" <<'INI'
[policy]
version = 1
default = allow
[syscalls]
read = errno:EBADF
mkdir = errno:EPERM
@mount = errno:EPERM
@mount = allow
INI
capture "$CLI" check "$TMP/lax.ini"
check "check: warnings, and still valid" 0 "$status"
# A first small policy gets a few lines: the ways out the default line
# leaves open are grouped on one line ...
check "check: a few lines, ways out grouped" "4:$TMP/lax.ini:3: warning: allowed, and known ways out of a sandbox: ptrace, process_vm_writev, bpf, personality with READ_IMPLIES_EXEC, unshare with CLONE_NEWUSER, clone with CLONE_NEWUSER, setns (check --verbose says why)" \
	"$(echo "$err" | wc -l):$(echo "$err" | sed -n 's/^seccomp-shim: //; /ways out/p')"
# ... and --verbose says each, with why.
capture "$CLI" check --verbose "$TMP/lax.ini"
for warning in \
	"$TMP/lax.ini:3: warning: ptrace is allowed: a traced process can be made to make any call the tracer wants" \
	"$TMP/lax.ini:3: warning: process_vm_writev is allowed: it writes into another process's memory" \
	"$TMP/lax.ini:3: warning: bpf is allowed: eBPF programs reach into the kernel; most of its history of privilege escalations" \
	"$TMP/lax.ini:3: warning: personality is allowed with READ_IMPLIES_EXEC" \
	"$TMP/lax.ini:3: warning: unshare is allowed with CLONE_NEWUSER" \
	"$TMP/lax.ini:3: warning: clone is allowed with CLONE_NEWUSER" \
	"$TMP/lax.ini:3: warning: setns is allowed: it joins other namespaces" \
	"$TMP/lax.ini:5: warning: read is denied (errno:EBADF) but readv, which does the same, is allowed" \
	"$TMP/lax.ini:6: warning: mkdir is denied (errno:EPERM) but mkdirat, which does the same, is allowed" \
	"$TMP/lax.ini:8: warning: '@mount = allow' overrides '@mount = errno:EPERM' at line 7"; do
	case "$err" in
	*"seccomp-shim: $warning"*) pass "warns: ${warning#*warning: }" ;;
	*) fail "no warning '$warning' in: $err" ;;
	esac
done
capture "$CLI" check --strict "$TMP/lax.ini"
check "check --strict: warnings fail" 1 "$status"
# An allow-list that explicitly opens one hatch is warned at that line.
printf '[policy]\nversion = 1\ndefault = kill\n[syscalls]\n@default = allow\nptrace = allow\n' >"$TMP/tight.ini"
capture "$CLI" check "$TMP/tight.ini"
check "check: an allow-list's own hatch" "0:seccomp-shim: $TMP/tight.ini:6: warning: ptrace is allowed: a traced process can be made to make any call the tracer wants" \
	"$status:$err"

# --- explain ---------------------------------------------------------------
cat >"$TMP/decide.ini" <<'INI'
[policy]
version = 1
default = allow
[syscalls]
socket = errno:EAFNOSUPPORT if a0 == AF_INET
socket = errno:EACCES if a0 == AF_INET6 && a1 & SOCK_DGRAM != 0
getpriority = errno:EROFS if a0 in {1, 2}
getpriority = errno:ENOTDIR
kill = errno:ESRCH if a1 > 30
personality = errno:EXDEV if a0 != 0xffffffff
dup = errno:EMFILE if a0 >= 100
close = errno:ENOLINK if a0 == 999
INI
# Each decision explain gives is what the kernel does with the same call.
# agrees SAID DID: explain's decision SAID fits what the call returned, DID.
agrees() {
	case "$1:$2" in
	errno:*) [ "${1#errno:}" = "$2" ] ;;
	allow:EAFNOSUPPORT | allow:EACCES | allow:EROFS | allow:ENOTDIR | \
		allow:ESRCH | allow:EXDEV | allow:EMFILE | allow:ENOLINK) false ;;
	allow:*) true ;;
	*) false ;;
	esac
}
agree=0
for call in socket:AF_INET:SOCK_STREAM:2 socket:AF_INET6:SOCK_DGRAM:1 \
	socket:AF_INET6:SOCK_STREAM:1 socket:AF_UNIX:SOCK_STREAM:1 \
	getpriority:0:0 getpriority:1:0 getpriority:2:0 kill:0:0 kill:0:31 \
	personality:0xffffffff personality:0 dup:1 dup:100 dup:4294967396 \
	close:999 close:998; do
	args=$(echo "$call" | cut -d: -f2- | tr ':' ' ')
	name=${call%%:*}
	# shellcheck disable=SC2086 # $args: the call's arguments, a word each
	said=$("$CLI" explain "$TMP/decide.ini" "$name" $args |
		sed 's/.*-> \([^ ]*\).*/\1/')
	numbers=$(for a in $args; do
		case $a in
		AF_INET) echo 2 ;; AF_INET6) echo 10 ;; AF_UNIX) echo 1 ;;
		SOCK_STREAM) echo 1 ;; SOCK_DGRAM) echo 2 ;; *) echo "$a" ;;
		esac
	done | paste -sd:)
	did=$(confined "$TMP/decide.ini" "$PROBE" "sys:$name:$numbers" |
		sed 's/.*: //')
	if agrees "$said" "$did"; then
		agree=$((agree + 1))
	else
		fail "explain says $said for $call, the kernel did $did"
	fi
done
check "explain agrees with the kernel" 16 "$agree"
capture "$CLI" explain "$TMP/decide.ini" socket AF_INET6 SOCK_DGRAM
check "explain: decision and line" "socket(0xa, 0x2) -> errno:EACCES  ($TMP/decide.ini:6)" "$out"
# a call with rules, none of which holds: the default decides, not the shim
printf '[policy]\nversion = 1\ndefault = errno:EPERM\n[syscalls]\nsocket = allow if a0 == AF_UNIX\n' \
	>"$TMP/fallthrough.ini"
capture "$CLI" explain "$TMP/fallthrough.ini" socket AF_INET
check "explain: falls through to the default" \
	"socket(0x2) -> errno:EPERM  (default, $TMP/fallthrough.ini:3)" "$out"
capture "$CLI" explain "$TMP/fallthrough.ini" clone3
check "explain: the shim's own rule" \
	"clone3() -> errno:ENOSYS  (the shim's own rule for clone3)" "$out"
capture "$CLI" explain "$TMP/decide.ini" mkdir
check "explain: the default" "mkdir() -> allow  (default, $TMP/decide.ini:3)" "$out"
capture "$CLI" explain "$TMP/decide.ini" no_such_call
check "explain: unknown call" "2:seccomp-shim: no_such_call: no such system call on x86_64" "$status:$err"
capture "$CLI" explain --arch x86 "$TMP/decide.ini" getpid
check "explain: an ABI the policy does not list" "getpid() -> kill  (an ABI the policy does not list)" "$out"
capture "$CLI" explain "$TMP/decide.ini"
check "explain: the table, in order, with lines" "socket                 errno:EAFNOSUPPORT $TMP/decide.ini:5  if a0 == 0x2
                       errno:EACCES   $TMP/decide.ini:6  if a0 == 0xa && a1 & 0x2 != 0x0" \
	"$(echo "$out" | grep -A1 '^socket')"
capture "$CLI" explain default read
check "explain: via a group" "read() -> allow  ((built-in default policy):22 via @system-service)" "$out"
capture "$CLI" explain --pfc --bpf "$TMP/filter.bpf" "$TMP/decide.ini"
len=$(echo "$out" | sed -n 's/^# .*: \([0-9]*\) instructions$/\1/p')
check "--pfc lists every instruction" "$len" "$(echo "$out" | grep -c '^[0-9][0-9][0-9][0-9]: ')"
check "--bpf writes 8 bytes per instruction" "$((len * 8))" "$(wc -c <"$TMP/filter.bpf")"
check "--pfc starts with the ABI check" "0000: ld   [4]  ; arch" "$(echo "$out" | sed -n 2p)"
capture "$CLI" explain "$EXAMPLES/strict.ini"
check "explain: strict mode" "0:strict mode: read, write, exit and rt_sigreturn are allowed; any other call kills the process (SIGKILL)" \
	"$status:$(echo "$out" | sed -n 2p)"

# --- the top-level --help lists every command's options --------------------
capture "$CLI" --help
top="$out$err"
missing=
for cmd in run check compile explain groups learn convert; do
	for option in $("$CLI" "$cmd" --help 2>&1 | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		case "$top" in
		*"$option"*) ;;
		*) missing="$missing $cmd:$option" ;;
		esac
	done
done
check "--help names every command's options" "" "$missing"

# --- run --log: reports under any policy, shipped ones included ----------
capture "$CLI" run --log -- unshare -U true
case "$status:$err" in
1:*"seccomp-shim["*"] unshare: unshare(0x10000000) denied by \$SECCOMP_SHIM_POLICY:"*"(errno:EPERM)"*)
	pass "run --log, the built-in default: the denial reported" ;;
*) fail "run --log: $status: $err" ;;
esac
capture env SECCOMP_SHIM_CONFDIR="$top_srcdir/conf" "$CLI" run --log \
	-p no-network -- "$PROBE" socket:2:1
check "run --log -p no-network: the denial reported, with its line" \
	"0:socket:2:1: EACCES:seccomp-shim[PID] probe: socket(AF_INET, 0x1, 0) denied by $top_srcdir/conf/no-network.ini:$(grep -n '^socket = errno:EACCES' "$top_srcdir/conf/no-network.ini" | cut -d: -f1) (errno:EACCES)" \
	"$status:$out:$(echo "$err" | sed 's/^seccomp-shim\[[0-9]*\]/seccomp-shim[PID]/')"
capture "$CLI" run -p "$EXAMPLES/strict.ini" --log true
check "run --log with strict mode: refused" 125 "$status"

# --- explain: actions under log = stderr, calls by number, options after
# the policy, calls libseccomp cannot name, --pfc's call names
printf '[policy]\nversion = 1\ndefault = allow\nlog = stderr\n[syscalls]\nmkdir = errno:EPERM\n' \
	>"$TMP/logged.ini"
capture "$CLI" explain "$TMP/logged.ini" mkdir
check "explain under log = stderr: the action" \
	"0:mkdir() -> errno:EPERM  ($TMP/logged.ini:6)" "$status:$out"
capture "$CLI" explain "$TMP/logged.ini"
check "explain's table under log = stderr: the action" \
	"mkdir                  errno:EPERM    $TMP/logged.ini:6" \
	"$(echo "$out" | grep '^mkdir ')"
capture "$CLI" explain "$TMP/logged.ini" 83 0 0700
check "explain: a call by number" \
	"0:mkdir(0x0, 0x1c0) -> errno:EPERM  ($TMP/logged.ini:6)" "$status:$out"
capture "$CLI" explain "$TMP/logged.ini" --arch x86_64 mkdirat -100 0 0700
check "explain: options after the policy, negative arguments after the call" \
	"0:mkdirat(0xffffffffffffff9c, 0x0, 0x1c0) -> allow  (default, $TMP/logged.ini:3)" \
	"$status:$out"
capture "$CLI" explain "$TMP/logged.ini" mseal
check "explain: a call libseccomp cannot name" \
	"2:seccomp-shim: mseal: libseccomp $(pkg-config --modversion libseccomp) does not know this call (newer than its table): a policy cannot name it, and newer_syscalls decides it; give its number to ask about it" \
	"$status:$err"
capture "$CLI" explain "$TMP/logged.ini" 462
check "explain: its number" \
	"0:syscall 462() -> errno:ENOSYS  (newer_syscalls: a call newer than libseccomp's table)" \
	"$status:$out"
capture "$CLI" explain "$TMP/logged.ini" --pfc
if echo "$out" | grep -q 'jge  #0x53  .*  ; mkdir$'; then
	pass "explain --pfc: call names beside comparisons"
else
	fail "explain --pfc: no call names: $(echo "$out" | head -12)"
fi

# --- the README's session ---------------------------------------------------
mkdir "$TMP/sess" && cd "$TMP/sess" || exit 1
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPERM\n' >nomkdir.ini
capture "$CLI" check nomkdir.ini
check "session: check" "0:nomkdir.ini: valid: 1 system call with rules, 56 BPF instructions, 8 warnings" "$status:$out"
check "session: two warning lines" "seccomp-shim: nomkdir.ini:3: warning: allowed, and known ways out of a sandbox: ptrace, process_vm_writev, bpf, personality with READ_IMPLIES_EXEC, unshare with CLONE_NEWUSER, clone with CLONE_NEWUSER, setns (check --verbose says why)
seccomp-shim: nomkdir.ini:5: warning: mkdir is denied (errno:EPERM) but mkdirat, which does the same, is allowed" "$err"
capture "$CLI" explain nomkdir.ini mkdirat AT_FDCWD 0 0700
check "session: explain, before" "mkdirat(0xffffffffffffff9c, 0x0, 0x1c0) -> allow  (default, nomkdir.ini:3)" "$out"
echo 'mkdirat = errno:EPERM' >>nomkdir.ini
capture "$CLI" explain nomkdir.ini mkdirat AT_FDCWD 0 0700
check "session: explain, after" "mkdirat(0xffffffffffffff9c, 0x0, 0x1c0) -> errno:EPERM  (nomkdir.ini:6)" "$out"
capture env LC_ALL=C "$CLI" run -p nomkdir.ini mkdir newdir
check "session: run" "1:mkdir: cannot create directory 'newdir': Operation not permitted" "$status:$err"
cd "$TMP" || exit 1

# --- groups ----------------------------------------------------------------
capture "$CLI" groups
check "groups: all of them" "0:29" "$status:$(echo "$out" | grep -c '^@')"
capture "$CLI" groups @reboot
check "groups @reboot" "@reboot
    # Reboot and reboot preparation/kexec
    kexec_file_load
    kexec_load
    reboot" "$out"
capture "$CLI" groups @nope
check "groups: unknown" "1:seccomp-shim: @nope: no such group (seccomp-shim groups lists them)" "$status:$err"
# A kernel without Landlock (here: a filter that makes its calls fail with
# ENOSYS): check and explain say, in one line, that the filter applies
# alone; with Landlock, nothing.
nolandlock='[policy]
version = 1
default = allow
[syscalls]
landlock_create_ruleset = errno:ENOSYS
'
capture "$top_builddir/shim/seccomp-shim" check "$EXAMPLES/deny-mkdir-net.ini"
check "Landlock here: no word of it" 0 \
	"$(printf '%s\n' "$err" | grep -c Landlock)"
for cmd in check explain; do
	# (a sanitizer build's command under the preload: ASan's order check
	# off, as above)
	capture env ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD="$SHIM_LIB" \
		SECCOMP_SHIM_POLICY="$nolandlock" "$top_builddir/shim/seccomp-shim" \
		$cmd "$EXAMPLES/deny-mkdir-net.ini"
	check "no Landlock: $cmd warns, once" "0:1" \
		"$status:$(printf '%s\n' "$err" | grep -c "^seccomp-shim: $EXAMPLES/deny-mkdir-net.ini: warning: this kernel has no Landlock: the filter applies without the domain that keeps the program from other processes$")"
done
# ... and a policy applies without it, the filter in force.
capture confined "$nolandlock" env SECCOMP_SHIM_POLICY="$EXAMPLES/deny-mkdir-net.ini" \
	"$PROBE" "mkdir:$TMP/nolandlock"
check "no Landlock: the policy applies" "0:mkdir:$TMP/nolandlock: EPERM" \
	"$status:$out"
finish
