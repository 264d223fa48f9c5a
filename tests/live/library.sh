#!/bin/sh
# The policy library in conf/: `seccomp-shim check` takes every file with
# only the warnings its header explains; under each policy real programs
# print and exit as they do unconfined, and what the policy says it stops
# fails with the errno it says, leaving nothing behind (no file made, no
# directory, no packet). Each policy runs through LD_PRELOAD with the file
# and, by name, through `seccomp-shim run -p NAME`.
. "$top_srcdir/tests/live/lib.sh"

CLI="$top_builddir/shim/seccomp-shim"
CONF="$top_srcdir/conf"
SECCOMP_SHIM_LIB="$SHIM_LIB"
SECCOMP_SHIM_CONFDIR="$CONF"
export SECCOMP_SHIM_LIB SECCOMP_SHIM_CONFDIR
unset SECCOMP_SHIM_POLICY
# Output that does not depend on locale files (stdio.ini cannot open them).
LC_ALL=C
export LC_ALL
KILLED=137 # a shell's $? for a process killed by SIGKILL (strict mode)

# The real interpreter, not a wrapper script that would execute it (no-exec
# and stdio refuse that).
PYTHON=
command -v python3 >/dev/null &&
	PYTHON=$(python3 -c 'import sys; print(sys.executable)')
[ -n "$PYTHON" ] || fail "python3 is not installed"
command -v perl >/dev/null || fail "perl is not installed"

# Input and a small tree for the programs to work on.
seq 1 3000 | awk '{ print ($1 * 7919) % 3001 ": line " $1 }' >"$TMP/input"
mkdir -p "$TMP/tree/sub"
printf 'alpha\nbeta\n' >"$TMP/tree/a.txt"
printf 'gamma\n' >"$TMP/tree/sub/b.txt"
cp "$TMP/input" "$TMP/tree/sub/input"

# same POLICY WHAT CMD...: CMD, with $input on stdin, writes the same
# stdout and ends with the same status confined as unconfined.
input=$TMP/input
same() {
	same_policy=$1
	same_what=$2
	shift 2
	"$@" <"$input" >"$TMP/plain.out" 2>"$TMP/plain.err"
	same_plain=$?
	confined "$same_policy" "$@" <"$input" >"$TMP/conf.out" \
		2>"$TMP/conf.err"
	same_conf=$?
	if [ ! -s "$TMP/plain.out" ]; then
		fail "$same_what: no output even unconfined ($(head -c 300 "$TMP/plain.err"))"
	elif [ "$same_plain" = "$same_conf" ] &&
		cmp -s "$TMP/plain.out" "$TMP/conf.out"; then
		pass "$same_what"
	else
		fail "$same_what: status $same_plain unconfined, $same_conf confined; $(head -c 300 "$TMP/conf.err")"
	fi
}

# marked ERRNO: a directory with a copy of conf/ in which the lines that
# answer ERRNO answer ENOTNAM instead, an errno no kernel path returns.
marked() {
	marked_dir=$TMP/marked-$1
	if [ ! -d "$marked_dir" ]; then
		mkdir "$marked_dir"
		for marked_ini in "$CONF"/*.ini; do
			sed "s/errno:$1\b/errno:ENOTNAM/g" "$marked_ini" \
				>"$marked_dir/$(basename "$marked_ini")"
		done
	fi
	echo "$marked_dir"
}

# probe_refused POLICY ERRNO OP...: each probe operation fails with ERRNO
# confined. Where it fails so unconfined too (the kernel refuses a user
# without privileges), the marked copy of a shipped policy must answer
# ENOTNAM, so that the policy is seen to refuse it. Only for operations
# that change nothing when they run.
probe_refused() {
	pr_policy=$1
	pr_errno=$2
	shift 2
	for pr_op in "$@"; do
		capture "$PROBE" "$pr_op"
		pr_plain=$out
		capture confined "$pr_policy" "$PROBE" "$pr_op"
		check "$(basename "$pr_policy"): $pr_op refused" \
			"0:$pr_op: $pr_errno" "$status:$out"
		[ "$pr_plain" = "$pr_op: $pr_errno" ] || continue
		pr_marked="$(marked "$pr_errno")/$(basename "$pr_policy")"
		if [ "$(dirname "$pr_policy")" = "$CONF" ]; then
			capture confined "$pr_marked" "$PROBE" "$pr_op"
			check "$(basename "$pr_policy"): $pr_op refused by the policy" \
				"0:$pr_op: ENOTNAM" "$status:$out"
		else
			fail "$pr_op gets $pr_errno unconfined too"
		fi
	done
}

# probe_through POLICY OP...: each operation ends as it does unconfined
# (it reaches the kernel).
probe_through() {
	pt_policy=$1
	shift
	for pt_op in "$@"; do
		capture "$PROBE" "$pt_op"
		pt_plain=$status:$out
		capture confined "$pt_policy" "$PROBE" "$pt_op"
		check "$(basename "$pt_policy"): $pt_op let through" \
			"$pt_plain" "$status:$out"
	done
}

# absent WHAT PATH: the refused program left nothing at PATH.
absent() {
	if [ -e "$2" ] || [ -L "$2" ]; then
		fail "$1: $2 exists"
	else
		pass "$1: nothing made"
	fi
}

# --- the README and seccomp-shim(1) list every shipped policy ---------------
command -v man >/dev/null || fail "man (man-db) is not installed"
LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$top_builddir/shim/seccomp-shim.1" \
	2>/dev/null | col -b >"$TMP/man.txt"
for ini in "$CONF"/*.ini; do
	name=$(basename "$ini")
	if grep -q "^| \`$name\` | " "$top_srcdir/README.md"; then
		pass "README lists $name"
	else
		fail "README does not list $name"
	fi
	if grep -q "^[[:space:]]*$name\$" "$TMP/man.txt"; then
		pass "seccomp-shim(1) FILES lists $name"
	else
		fail "seccomp-shim(1) does not list $name under FILES"
	fi
done

# --- every shipped file checks, with only the warnings it explains ---------
for name in default docker-default stdio no-network read-only-fs no-exec \
	strict deny-kernel-admin build; do
	[ -f "$CONF/$name.ini" ] || fail "conf/$name.ini is missing"
done
# line NAME FILE: the number of FILE's first line that starts "NAME =".
line() { grep -n "^$1 *=" "$2" | head -n1 | cut -d: -f1; }
for ini in "$CONF"/*.ini; do
	name=$(basename "$ini" .ini)
	case $name in
	docker-default)
		# Docker allows these on Linux 4.8 and later (see its header).
		expected="$ini:$(line ptrace "$ini"): warning: ptrace is allowed: a traced process can be made to make any call the tracer wants
$ini:$(line process_vm_writev "$ini"): warning: process_vm_writev is allowed: it writes into another process's memory" ;;
	stdio)
		# tgkill stays for raise() and abort() (see its header).
		expected="$ini:$(line kill "$ini"): warning: kill is denied (errno:EPERM) but tgkill, which does the same, is allowed
$ini:$(line tkill "$ini"): warning: tkill is denied (errno:EPERM) but tgkill, which does the same, is allowed" ;;
	read-only-fs)
		# ftruncate needs a descriptor open for writing (see its header).
		expected="$ini:$(line truncate "$ini"): warning: truncate is denied (errno:EROFS) but ftruncate, which does the same, is allowed" ;;
	*) expected= ;;
	esac
	capture "$CLI" check --verbose "$ini"
	check "check $name.ini: valid" 0 "$status"
	check "check $name.ini: the warnings its header explains" \
		"$expected" "$(echo "$err" | sed 's/^seccomp-shim: //')"
done

# --- every shipped deny-list leaves no twin of a call it denies open ------
# (check's table of calls that do the same: quotactl and quotactl_fd,
# ptrace and process_madvise, ...): check --strict passes.
n=0
for ini in "$CONF"/*.ini; do
	grep -q '^default *= *allow' "$ini" || continue
	capture "$CLI" check --strict "$ini"
	check "check --strict $(basename "$ini") (a deny-list)" "0:" "$status:$err"
	n=$((n + 1))
done
if [ "$n" -ge 1 ]; then
	pass "$n deny-lists walked"
else
	fail "no deny-list found"
fi

# --- default: the built-in policy, also installed as default.ini ---------
policy="$CONF/default.ini"
same "$policy" "default: sh, sort, python3" sh -c \
	"sort -n | tail -3; '$PYTHON' -c 'print(sum(range(100)))'"
capture confined "$policy" unshare -U true
check "default: unshare -U refused" \
	"1:unshare: unshare failed: Operation not permitted" "$status:$err"
capture "$CLI" run -p default unshare -U true
check "run -p default: unshare -U refused" 1 "$status"
# shellcheck disable=SC2016 # sh -c's to expand
capture "$CLI" run -p default sh -c 'echo $((6 * 7))'
check "run -p default: sh" "0:42" "$status:$out"

# --- docker-default ----------------------------------------------------------
policy="$CONF/docker-default.ini"
# shellcheck disable=SC2016 # sh -c's to expand
same "$policy" "docker-default: sh" sh -c \
	'echo $((6 * 7)); for i in 1 2 3; do echo "n $i"; done | wc -l; x=$(cat); echo "${#x}"'
same "$policy" "docker-default: ls" ls -lR "$TMP/tree"
same "$policy" "docker-default: cat" cat "$TMP/tree/a.txt" "$TMP/tree/sub/b.txt"
same "$policy" "docker-default: sort" sort -t: -k1,1n
same "$policy" "docker-default: find" find "$TMP/tree" -name '*.txt'
same "$policy" "docker-default: tar" tar -cf - -C "$TMP/tree" --sort=name \
	--mtime=@0 --owner=0 --group=0 --numeric-owner .
same "$policy" "docker-default: gzip" gzip -9 -n -c
same "$policy" "docker-default: python3" "$PYTHON" -c '
import hashlib, json, subprocess, sys, threading
data = sys.stdin.read()
out = []
t = threading.Thread(target=lambda: out.append(hashlib.sha256(data.encode()).hexdigest()))
t.start(); t.join()
sort = subprocess.run(["sort", "-n"], input=data, capture_output=True, text=True)
print(json.dumps({"sha256": out[0], "last": sort.stdout.splitlines()[-1]}))'
# shellcheck disable=SC2016 # perl's variables
same "$policy" "docker-default: perl" perl -ne \
	'$n++; $s += (split /:/)[0]; END { printf "%d %d\n", $n, $s }'
capture confined "$policy" unshare -U true
check "docker-default: unshare -U refused" \
	"1:unshare: unshare failed: Operation not permitted" "$status:$err"
capture confined "$policy" "$PYTHON" -c '
import errno, socket
try:
    socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)
    print("created")
except OSError as e:
    print(errno.errorcode[e.errno])'
check "docker-default: python3 socket(AF_VSOCK) refused" "0:EPERM" "$status:$out"
# AF_ALG (38) and AF_VSOCK (40) fail, AF_NFC (39) and AF_UNIX reach the
# kernel; a family in the upper half of the register is the kernel's low
# 32 bits (0x100000028 is AF_VSOCK).
probe_refused "$policy" EPERM sys:socket:38:5:0 sys:socket:40:1:0 \
	sys:socket:0x100000028:1:0 sys:mount sys:unshare:0 sys:setns:-1 \
	sys:bpf:-1 sys:keyctl:-1 sys:kcmp:-1 sys:pidfd_getfd:-1 \
	sys:io_uring_setup sys:userfaultfd:-1 sys:personality:0x400000 \
	sys:init_module sys:reboot sys:settimeofday sys:open_by_handle_at:-1 \
	sys:acct
# clone with a namespace flag (only confined: unconfined, it would fork).
for flag in 0x20000 0x2000000 0x4000000 0x8000000 0x10000000 0x20000000 0x40000000; do
	capture confined "$policy" "$PROBE" "sys:clone:$((flag | 17))"
	check "docker-default: clone with flag $flag refused" \
		"0:sys:clone:$((flag | 17)): EPERM" "$status:$out"
done
probe_refused "$policy" ENOSYS sys:clone3:0:0
# What the profile lets through, with its own answer from the kernel:
# tracing (Linux >= 4.8), chroot (CAP_SYS_CHROOT), the query and plain
# personalities, the i386 and x32 ABIs (Docker's archMap).
probe_through "$policy" sys:socket:39:1:0 socket sys:ptrace:2:-1 \
	sys:process_vm_readv:-1 sys:personality:0xffffffff \
	sys:arch_prctl:0x1003:0 int80-getpid x32-getpid thread:getpid
if [ "$(id -u)" = 0 ]; then
	capture confined "$policy" /usr/sbin/chroot / /bin/true
	check "docker-default: chroot (CAP_SYS_CHROOT) allowed" "0:" \
		"$status:$err"
fi
capture "$CLI" run -p docker-default "$PYTHON" -c '
import socket
a, b = socket.socketpair(); a.send(b"ok"); print(b.recv(2).decode())'
check "run -p docker-default: python3" "0:ok" "$status:$out"
capture "$CLI" run -p docker-default unshare -U true
check "run -p docker-default: unshare -U refused" 1 "$status"

# --- stdio -------------------------------------------------------------------
policy="$CONF/stdio.ini"
same "$policy" "stdio: cat from stdin" cat
same "$policy" "stdio: sort" sort -t: -k1,1n
# sort sorts in threads from 128Ki lines on (clone3, then clone).
seq 1 200000 | awk '{ print ($1 * 7919) % 200003 }' >"$TMP/big"
input=$TMP/big
same "$policy" "stdio: sort in threads" sort --parallel=4 -n
input=$TMP/input
same "$policy" "stdio: sha256sum" sha256sum
same "$policy" "stdio: wc" wc
same "$policy" "stdio: tr" tr 0-9 a-j
same "$policy" "stdio: gzip" gzip -9 -n -c
# shellcheck disable=SC2016 # awk's $1
same "$policy" "stdio: awk" awk -F: '{ s += $1 } END { print NR, s }'
confined "$policy" cat <"$TMP/input" >"$TMP/stdio-copy"
if cmp -s "$TMP/input" "$TMP/stdio-copy"; then
	pass "stdio: cat from a file it was given to a file it was given"
else
	fail "stdio: cat <input >copy differs"
fi
# Naming anything is refused: a file to read, a file to write.
capture confined "$policy" cat "$TMP/tree/a.txt"
check "stdio: cat FILE refused" \
	"1::cat: $TMP/tree/a.txt: Operation not permitted" "$status:$out:$err"
capture confined "$policy" tee "$TMP/stdio-tee" </dev/null
check "stdio: tee FILE refused" \
	"1:tee: $TMP/stdio-tee: Operation not permitted" "$status:$err"
absent "stdio: tee FILE" "$TMP/stdio-tee"
# python3 opens its standard library in main, after the filter: refused.
capture confined "$policy" "$PYTHON" -c 'print(1)'
case "$status:$out:$err" in
[1-9]*::*"Fatal Python error"*) pass "stdio: python3 cannot start (it opens files in main)" ;;
*) fail "stdio: python3: $status: $out $err" ;;
esac
capture confined "$policy" "$PROBE" "mkdir:$TMP/stdio-dir" \
	"mkdirat:$TMP/stdio-dir"
check "stdio: mkdir and mkdirat refused" "0:mkdir:$TMP/stdio-dir: EPERM
mkdirat:$TMP/stdio-dir: EPERM" "$status:$out"
absent "stdio: mkdir" "$TMP/stdio-dir"
# Sockets, executing, signalling others, the working directory, stat by
# path, others' limits, F_SETOWN, sendmsg, executable memory.
probe_refused "$policy" EPERM socket sys:socket:2:1:0 \
	sys:socketpair:2:1:0:0 sys:execve:0 sys:execveat:-1:0 sys:kill:0:0 \
	sys:tkill:-1:0 sys:getcwd:0:0 sys:newfstatat:-100:0:0:0 \
	sys:prlimit64:1:7:0:0 sys:fcntl:-1:8:0 sys:sendmsg:-1:0:0 \
	sys:mmap:0:4096:7:0x22:-1:0
# New processes (only confined: unconfined, these would fork the probe).
capture confined "$policy" "$PROBE" sys:fork sys:vfork sys:clone:17 \
	sys:clone:0x10010f00
check "stdio: fork, vfork, clone of a process or a namespace refused" \
	"0:sys:fork: EPERM
sys:vfork: EPERM
sys:clone:17: EPERM
sys:clone:0x10010f00: EPERM" "$status:$out"
probe_refused "$policy" EACCES sys:mprotect:0:0:4 sys:pkey_mprotect:0:0:4:-1
probe_refused "$policy" ENOTTY sys:ioctl:-1:0x5412:0
probe_refused "$policy" ENOSYS sys:clone3:0:0
probe_through "$policy" thread:getpid sys:mmap:0:4096:3:0x22:-1:0 \
	sys:mprotect:0:0:3 sys:ioctl:-1:0x5401:0 sys:fcntl:-1:1 \
	sys:newfstatat:-1:0:0:0x1000 sys:prlimit64:0:7:0:0 sys:tgkill:-1:-1:0 \
	sys:sendto:-1:0:0:0:0:0 sys:getrandom:0:0:0
capture "$CLI" run -p stdio sort -n <"$TMP/input"
check "run -p stdio: sort" "0:$(sort -n "$TMP/input")" "$status:$out"
capture "$CLI" run -p stdio cat "$TMP/tree/a.txt"
check "run -p stdio: cat FILE refused" 1 "$status"

# --- no-network --------------------------------------------------------------
policy="$CONF/no-network.ini"
same "$policy" "no-network: sh, ls, sort" sh -c \
	"ls '$TMP/tree' && sort -n | head -3"
# Local sockets work, and names from /etc/hosts resolve (the netlink query
# AI_ADDRCONFIG makes is refused; glibc then assumes both families).
same "$policy" "no-network: python3 with AF_UNIX sockets" "$PYTHON" -c '
import os, socket, sys
a, b = socket.socketpair()
a.sendall(b"pair"); print(b.recv(4).decode())
path = sys.argv[1]
srv = socket.socket(socket.AF_UNIX); srv.bind(path); srv.listen(1)
cli = socket.socket(socket.AF_UNIX); cli.connect(path)
conn, _ = srv.accept(); cli.sendall(b"unix"); print(conn.recv(4).decode())
os.unlink(path)
print(socket.getaddrinfo("localhost", 80, socket.AF_INET, socket.SOCK_STREAM, 0,
                         socket.AI_ADDRCONFIG)[0][4])' "$TMP/no-network.sock"
capture confined "$policy" "$PYTHON" -c '
import errno, socket
for family in ("AF_INET", "AF_INET6", "AF_NETLINK", "AF_PACKET", "AF_VSOCK"):
    try:
        socket.socket(getattr(socket, family), socket.SOCK_DGRAM)
        print(family, "created")
    except OSError as e:
        print(family, errno.errorcode[e.errno])'
check "no-network: python3 network sockets refused" "0:AF_INET EACCES
AF_INET6 EACCES
AF_NETLINK EACCES
AF_PACKET EACCES
AF_VSOCK EACCES" "$status:$out"
# Nothing leaves: a listener on 127.0.0.1 gets the unconfined packet, not
# the confined one (which would come before the last); a socket the
# program inherits still works (the limit its header states).
capture "$PYTHON" -c '
import os, socket, subprocess, sys
policy, lib = sys.argv[1:3]
srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
srv.bind(("127.0.0.1", 0)); srv.settimeout(2)
port = srv.getsockname()[1]
send = "import socket, sys; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(sys.argv[1].encode(), (\"127.0.0.1\", %d))" % port
confined = dict(os.environ, LD_PRELOAD=lib, SECCOMP_SHIM_POLICY=policy)
subprocess.run([sys.executable, "-c", send, "plain"])
print(srv.recv(100).decode())
r = subprocess.run([sys.executable, "-c", send, "confined"], env=confined,
                   capture_output=True, text=True)
print(r.returncode, r.stderr.strip().splitlines()[-1])
out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
out.connect(("127.0.0.1", port))
subprocess.run([sys.executable, "-c", "import os, sys; os.write(int(sys.argv[1]), b\"inherited\")",
                str(out.fileno())], env=confined, pass_fds=[out.fileno()])
print(srv.recv(100).decode())' "$policy" "$SHIM_LIB"
check "no-network: no packet from the confined program" "0:plain
1 PermissionError: [Errno 13] Permission denied
inherited" "$status:$out"
probe_refused "$policy" EACCES sys:socket:2:1:0 sys:socket:10:2:0 \
	sys:socket:16:3:0 sys:socket:17:3:0 sys:socket:0x100000002:1:0 \
	sys:socketpair:2:1:0:0
probe_refused "$policy" EPERM sys:io_uring_setup sys:ptrace:2:-1 \
	sys:pidfd_getfd:-1
probe_through "$policy" socket sys:socketpair:1:1:0:0
capture "$CLI" run -p no-network "$PROBE" sys:socket:2:1:0 socket
check "run -p no-network" "0:sys:socket:2:1:0: EACCES
socket: OK" "$status:$out"

# --- read-only-fs ------------------------------------------------------------
policy="$CONF/read-only-fs.ini"
same "$policy" "read-only-fs: ls, cat, find, grep" sh -c \
	"ls -lR '$TMP/tree' && cat '$TMP/tree/a.txt' && find '$TMP/tree' -type f && grep -rc line '$TMP/tree'"
same "$policy" "read-only-fs: tar, sha256sum" sh -c \
	"tar -cf - -C '$TMP/tree' --sort=name --mtime=@0 --owner=0 --group=0 . | sha256sum; sha256sum '$TMP/tree/sub/input'"
same "$policy" "read-only-fs: python3 reads a file" "$PYTHON" -c '
import sys; print(len(open(sys.argv[1]).read().splitlines()))' "$TMP/tree/sub/input"
# A descriptor its caller opened for writing is its to write.
confined "$policy" sort -n <"$TMP/input" >"$TMP/ro-sorted"
check "read-only-fs: stdout to a file the caller opened" \
	"$(sort -n "$TMP/input")" "$(cat "$TMP/ro-sorted")"
# What it refuses: writing, making, removing, renaming through Landlock
# (EACCES), a file's mode, owner and times through the filter (EROFS); and
# what is left as it was.
ro=$TMP/tree
ls -ln --time-style=+%s "$ro" "$ro/sub" >"$TMP/ro-before"
for cmd in "touch $ro/new" "mkdir $ro/newdir" "cp $ro/a.txt $ro/copy" \
	"ln $ro/a.txt $ro/hard" "ln -s a.txt $ro/soft" "mkfifo $ro/fifo" \
	"mv $ro/a.txt $ro/moved" "rm $ro/a.txt" "rmdir $ro/sub" \
	"chmod 600 $ro/a.txt" "chown 1:1 $ro/a.txt" \
	"touch -d @0 $ro/a.txt" "truncate -s 0 $ro/a.txt" \
	"sh -c ': >$ro/a.txt'" "sh -c 'echo x >>$ro/a.txt'" \
	"sh -c 'echo x >$ro/new'"; do
	capture confined "$policy" sh -c "$cmd"
	case "$cmd:$status:$err" in
	chmod*:[1-9]*:*"Read-only file system"* | chown*:[1-9]*:*"Read-only file system"*)
		pass "read-only-fs: $cmd refused (EROFS)" ;;
	chmod*|chown*) fail "read-only-fs: $cmd: $status: $err" ;;
	*:[1-9]*:*"Permission denied"*) pass "read-only-fs: $cmd refused (EACCES)" ;;
	*) fail "read-only-fs: $cmd: $status: $err" ;;
	esac
done
ls -ln --time-style=+%s "$ro" "$ro/sub" >"$TMP/ro-after"
if cmp -s "$TMP/ro-before" "$TMP/ro-after"; then
	pass "read-only-fs: the tree is as it was"
else
	fail "read-only-fs: the tree changed: $(diff "$TMP/ro-before" "$TMP/ro-after")"
fi
check "read-only-fs: contents unchanged" "alpha
beta" "$(cat "$ro/a.txt")"
capture confined "$policy" "$PYTHON" -c '
import errno, os, sys
for flags in ("O_WRONLY", "O_RDWR", "O_RDONLY|O_TRUNC", "O_RDONLY|O_CREAT", "O_WRONLY|O_APPEND"):
    try:
        os.open(sys.argv[1], eval("|".join("os." + f for f in flags.split("|"))))
        print(flags, "opened")
    except OSError as e:
        print(flags, errno.errorcode[e.errno])
try:
    open(sys.argv[2], "w")
except OSError as e:
    print(e)' "$ro/a.txt" "$ro/py-new"
check "read-only-fs: python3 opening for writing" "0:O_WRONLY EACCES
O_RDWR EACCES
O_RDONLY|O_TRUNC EACCES
O_RDONLY|O_CREAT opened
O_WRONLY|O_APPEND EACCES
[Errno 13] Permission denied: '$ro/py-new'" "$status:$out"
absent "read-only-fs: python3 open(w)" "$ro/py-new"
check "read-only-fs: O_TRUNC did not truncate" 11 "$(wc -c <"$ro/a.txt")"
# What Landlock does not see, the filter refuses, however it is asked.
probe_refused "$policy" EROFS sys:truncate:0:0 sys:chmod:0:0 \
	sys:fchmod:-1:0 sys:fchmodat:-100:0:0 sys:fchmodat2:-1:0:0:0x1000 \
	sys:chown:0:0:0 sys:fchown:-1:0:0 sys:lchown:0:0:0 \
	sys:fchownat:-100:0:0:0:0 sys:utime:0:0 sys:utimes:0:0 \
	sys:utimensat:-1:0:0:0 sys:futimesat:-100:0:0 \
	sys:setxattr:0:0:0:0:0 sys:lsetxattr:0:0:0:0:0 \
	sys:fsetxattr:-1:0:0:0:0 sys:removexattr:0:0 sys:lremovexattr:0:0 \
	sys:fremovexattr:-1:0 sys:ioctl:-1:0x40086602:0 \
	sys:ioctl:-1:0x401c5820:0 sys:ioctl:-1:0x40087602:0 \
	sys:ioctl:-1:0x41009432:0 sys:ioctl:-1:0x40806685:0 \
	sys:ioctl:-1:0x800c6613:0
probe_through "$policy" sys:openat:-100:0:0 sys:openat:-100:0:0x80000 \
	sys:ftruncate:-1:0 sys:fallocate:-1:0:0:0 sys:ioctl:-1:0x80086601:0 \
	sys:name_to_handle_at:-100:0:0:0:0
# Ordinary reading that writes to devices and shared memory on the way.
capture confined "$policy" sh -c 'echo x >/dev/null && echo ok 2>/dev/null'
check "read-only-fs: >/dev/null inside the program" "0:ok" "$status:$out"
if command -v git >/dev/null; then
	git -C "$ro" init -q && git -C "$ro" add a.txt &&
		git -C "$ro" -c user.email=t@example.org -c user.name=t commit -qm one
	for cmd in "log --oneline" "status --short" "diff HEAD" "show --stat" \
		"branch" "rev-parse HEAD" "ls-files"; do
		capture sh -c "cd '$ro' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$policy' git $cmd >/dev/null"
		check "read-only-fs: git $cmd" "0:" "$status:$err"
	done
fi
if command -v ssh-keygen >/dev/null; then
	ssh-keygen -q -t ed25519 -N '' -C t -f "$TMP/key" >/dev/null
	capture confined "$policy" ssh-keygen -l -f "$TMP/key.pub"
	check "read-only-fs: ssh-keygen -l" "0:$(ssh-keygen -l -f "$TMP/key.pub")" \
		"$status:$out"
fi
if command -v gcc >/dev/null; then
	printf 'int main(void) { return 0; }\n' >"$TMP/syntax.c"
	capture confined "$policy" gcc -fsyntax-only "$TMP/syntax.c"
	check "read-only-fs: gcc -fsyntax-only" "0:" "$status:$err"
fi
capture confined "$policy" "$PYTHON" -c '
import multiprocessing
with multiprocessing.Pool(2) as pool:
    print(sum(pool.map(abs, [1, -2, 3])))'
check "read-only-fs: python3 multiprocessing.Pool" "0:6" "$status:$out"
capture "$CLI" run -p read-only-fs mkdir "$ro/by-name"
check "run -p read-only-fs: mkdir refused" \
	"1:mkdir: cannot create directory '$ro/by-name': Permission denied" \
	"$status:$err"
absent "run -p read-only-fs: mkdir" "$ro/by-name"

# --- build: write only the tree it starts in and /tmp, no network ----------
policy="$CONF/build.ini"
# The project and a directory beside it live outside /tmp and /var/tmp
# (which the policy lets the build write): in /run, or the home directory.
base=$(mktemp -d /run/shim-build.XXXXXX 2>/dev/null ||
	mktemp -d "$HOME/.shim-build.XXXXXX")
case $base in
/tmp/* | /var/tmp/* | "") fail "build: no directory outside /tmp" ;;
esac
proj="$base/proj"
outside="$base/outside"
trap 'rm -rf "$TMP" "$base"' EXIT
mkdir -p "$proj/sub" "$outside"
printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' \
	>"$proj/hello.c"
printf 'int lib(void) { return 42; }\n' >"$proj/sub/lib.c"
# shellcheck disable=SC2016 # make's $(MAKE) and $(CC), not the shell's
printf 'all: hello\n\t./hello >out.txt\n\t$(MAKE) -C sub\nhello: hello.c\n\t$(CC) -o hello hello.c\n' \
	>"$proj/Makefile"
# shellcheck disable=SC2016 # make's $(CC), not the shell's
printf 'all: lib.o\nlib.o: lib.c\n\t$(CC) -c lib.c\n' >"$proj/sub/Makefile"
printf 'import os\nopen("py-out.txt", "w").write(str(sum(range(10))))\nos.makedirs("build/gen", exist_ok=True)\nprint("python ok")\n' \
	>"$proj/gen.py"
if command -v make >/dev/null && command -v cc >/dev/null; then
	capture env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL sh -c "cd '$proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$policy' make -s"
	check "build: make with a sub-directory" "0:" "$status:$err"
	check "build: what make made" "hello" "$(cat "$proj/out.txt" 2>&1)"
	if [ -f "$proj/sub/lib.o" ]; then
		pass "build: sub/lib.o made"
	else
		fail "build: sub/lib.o missing"
	fi
fi
capture sh -c "cd '$proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$policy' '$PYTHON' gen.py"
check "build: a python3 script writes in the tree" "0:python ok:45" \
	"$status:$out:$(cat "$proj/py-out.txt" 2>&1)"
if command -v git >/dev/null; then
	git -C "$proj" init -q && git -C "$proj" add hello.c Makefile &&
		git -C "$proj" -c user.email=t@example.org -c user.name=t \
			commit -qm start
	echo '/* changed */' >>"$proj/hello.c"
	capture sh -c "cd '$proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$policy' git status --short"
	case "$status:$err:$out" in
	0::*" M hello.c"*) pass "build: git status" ;;
	*) fail "build: git status: $status: $err: $out" ;;
	esac
fi
# ... and nothing outside the tree: coreutils, a shell, python3.
capture sh -c "cd '$proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$policy' sh -c \"echo x >'$outside/sh'; touch '$outside/touch'; mkdir '$outside/dir'; mv out.txt '$outside/'\""
case $err in
*"$outside/sh: Permission denied"*"touch"*"Permission denied"*"mkdir"*"Permission denied"*"mv"*)
	pass "build: writes outside refused (EACCES)" ;;
*) fail "build: writes outside: $status: $err" ;;
esac
if [ -z "$(ls -A "$outside")" ]; then
	pass "build: nothing made outside"
else
	fail "build: made outside: $(ls -A "$outside")"
fi
if [ -f "$proj/out.txt" ]; then
	pass "build: nothing moved out"
else
	fail "build: out.txt moved"
fi
capture sh -c "cd '$proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$policy' '$PYTHON' -c \"
import errno, socket
try:
    open('$outside/py', 'w')
except OSError as e:
    print('open', errno.errorcode[e.errno])
try:
    socket.create_connection(('127.0.0.1', 9))
except OSError as e:
    print('connect', errno.errorcode[e.errno])
\""
check "build: python3 writes outside and connects: EACCES" "0:open EACCES
connect EACCES" "$status:$out"
# from a sub-directory, the tree is that sub-directory
capture sh -c "cd '$proj/sub' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$policy' touch ../above"
case "$status:$err" in
1:*"Permission denied"*) pass "build: @cwd is where it starts" ;;
*) fail "build: from sub: $status: $err" ;;
esac

# --- no-exec -----------------------------------------------------------------
policy="$CONF/no-exec.ini"
# shellcheck disable=SC2016 # sh -c's to expand
same "$policy" "no-exec: sh builtins, subshells and pipes" sh -c \
	'x=$(echo sub); echo "$x"; read -r first; echo "$first"; (echo child) | { read -r y; echo "$y"; }'
same "$policy" "no-exec: python3 forks and threads" "$PYTHON" -c '
import os, sys, threading
t = threading.Thread(target=lambda: None); t.start(); t.join()
pid = os.fork()
if pid == 0:
    os._exit(7)
print(sum(1 for _ in sys.stdin), os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))'
# A #!/usr/bin/env script starts by executing its interpreter: refused
# (the header says so); run the interpreter itself.
printf '#!/usr/bin/env sh\necho ran\n' >"$TMP/env-script"
chmod +x "$TMP/env-script"
capture confined "$policy" "$TMP/env-script"
case "$status:$out:$err" in
126::*"Operation not permitted"* | 127::*) pass "no-exec: a #!/usr/bin/env script cannot start" ;;
*) fail "no-exec: #!/usr/bin/env script: $status: $out: $err" ;;
esac
capture confined "$policy" sh "$TMP/env-script"
check "no-exec: its interpreter run directly" "0:ran" "$status:$out"
capture confined "$policy" sh -c "touch '$TMP/exec-touched'"
case "$status:$err" in
126:*"Operation not permitted"*) pass "no-exec: sh cannot run touch" ;;
*) fail "no-exec: sh -c touch: $status: $err" ;;
esac
absent "no-exec: touch never ran" "$TMP/exec-touched"
capture confined "$policy" "$PYTHON" -c '
import os, subprocess
try:
    subprocess.run(["true"])
except OSError as e:
    print("subprocess:", e.strerror)
print("system:", os.system("true") != 0)
# fexecve() of a memfd: execveat underneath.
fd = os.memfd_create("copy")
os.write(fd, open("/bin/true", "rb").read())
try:
    os.execve(fd, ["true"], {})
except OSError as e:
    print("fexecve:", e.strerror)'
check "no-exec: python3 subprocess, system, fexecve of a memfd" \
	"0:subprocess: Operation not permitted
system: True
fexecve: Operation not permitted" "$status:$out"
probe_refused "$policy" EPERM sys:execve:0 sys:execveat:-1:0:0:0:0x1000
probe_through "$policy" sys:memfd_create:0:0
# shellcheck disable=SC2016 # sh -c's to expand
capture "$CLI" run -p no-exec sh -c 'echo $((1 + 2)); /bin/true'
check "run -p no-exec: sh runs, cannot execute" "126:3" "$status:$out"
# (a sanitizer build's leak check cannot run once the command has confined
# itself under a policy that denies ptrace: off for this run)
capture env ASAN_OPTIONS=detect_leaks=0 "$CLI" run -p no-exec --before-exec \
	/bin/true
check "run -p no-exec --before-exec cannot start anything" 126 "$status"

# --- strict ------------------------------------------------------------------
policy="$CONF/strict.ini"
cc=${CC:-cc}
if $cc -o "$TMP/strict-prog" "$top_srcdir/tests/progs/strict-prog.c"; then
	same "$policy" "strict: a plain program copies stdin" "$TMP/strict-prog" fgets
	same "$policy" "strict: prints and returns its status" "$TMP/strict-prog" print 5
	same "$policy" "strict: allocates" "$TMP/strict-prog" malloc
	capture confined "$policy" "$TMP/strict-prog" open "$TMP/tree/a.txt"
	check "strict: open() kills" "$KILLED:before open" "$status:$out"
	capture "$CLI" run -p strict "$TMP/strict-prog" lines 3
	check "run -p strict" "0:line 1 of 3
line 2 of 3
line 3 of 3" "$status:$out"
else
	fail "cannot build strict-prog with '$cc'"
fi
capture confined "$policy" cat <"$TMP/input"
check "strict: cat is killed (it calls fstat)" "$KILLED:" "$status:$out"
capture confined "$policy" touch "$TMP/strict-touched"
check "strict: touch is killed" "$KILLED" "$status"
absent "strict: touch" "$TMP/strict-touched"

# --- the restrictions combine: a policy including two of them ---------------
printf '[policy]\nversion = 1\ninclude = %s\ninclude = %s\n' \
	"$CONF/no-network.ini" "$CONF/read-only-fs.ini" >"$TMP/both.ini"
capture "$CLI" check "$TMP/both.ini"
check "no-network + read-only-fs: valid" 0 "$status"
probe_refused "$TMP/both.ini" EACCES sys:socket:2:1:0
capture confined "$TMP/both.ini" "$PROBE" "mkdir:$TMP/both-dir"
check "no-network + read-only-fs: mkdir refused (Landlock)" \
	"0:mkdir:$TMP/both-dir: EACCES" "$status:$out"
probe_refused "$TMP/both.ini" EROFS sys:chmod:0:0
probe_refused "$TMP/both.ini" EPERM sys:unshare:0
absent "no-network + read-only-fs: mkdir" "$TMP/both-dir"
finish
