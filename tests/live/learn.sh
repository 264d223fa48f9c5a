#!/bin/sh
# seccomp-shim learn: record what a command calls, write a policy that
# allows exactly that; the command then runs under it to the same output,
# and something new it did not do is denied.
. "$top_srcdir/tests/live/lib.sh"

cli="$top_builddir/shim/seccomp-shim"
export SECCOMP_SHIM_LIB="$SHIM_LIB"
# (user notifications: Linux 5.0; pidfd_getfd: 5.6)
"$cli" learn -o "$TMP/true.ini" -- true 2>"$TMP/err" ||
	skip "learn does not work on this kernel: $(cat "$TMP/err")"

mkdir "$TMP/tree" "$TMP/tree/sub"
printf 'one\n' >"$TMP/tree/b.txt"
printf 'two\n' >"$TMP/tree/a.txt"
touch -d 2020-01-01 "$TMP/tree/a.txt" "$TMP/tree/b.txt" "$TMP/tree/sub"

# learned NAME CMD...: learn CMD into $TMP/NAME.ini, then run it there;
# the outputs and statuses of the plain run, the learning run and the
# confined run must all agree.
learned() {
	name=$1
	shift
	"$@" >"$TMP/plain.out" 2>&1
	plain=$?
	"$cli" learn -o "$TMP/$name.ini" -- "$@" >"$TMP/learn.out" \
		2>"$TMP/learn.err"
	learning=$?
	"$cli" run -p "$TMP/$name.ini" -- "$@" >"$TMP/run.out" 2>&1
	ran=$?
	check "$name: learning changes nothing" "$plain
$(cat "$TMP/plain.out")" "$learning
$(cat "$TMP/learn.out")"
	check "$name: the learned policy runs it to the same output" "$plain
$(cat "$TMP/plain.out")" "$ran
$(cat "$TMP/run.out")"
	if grep -q "^seccomp-shim: learned [0-9]* system calls" "$TMP/learn.err"; then
		pass "$name: learn says what it learned"
	else
		fail "$name: $(cat "$TMP/learn.err")"
	fi
	check "$name: every call named (no warning)" "" \
		"$(grep warning "$TMP/learn.err")"
	if "$cli" check "$TMP/$name.ini" >/dev/null 2>"$TMP/check.err"; then
		pass "$name: a valid policy"
	else
		fail "$name: check: $(cat "$TMP/check.err")"
	fi
}

learned ls ls -l "$TMP/tree"
learned sh-pipe sh -c "ls '$TMP/tree' | sort -r"
learned sh-root sh -c 'ls / | sort'
# ls -l / itself: the same, but for what other processes change while the
# test runs: the time of day (ls shows minutes), link counts (/proc counts
# processes, /tmp the directories that parallel tests make) and directory
# sizes (tmpfs sizes count entries). Modes, owners, groups and names stay.
stable() {
	awk '$1 != "total" { $2 = ""; $5 = ""; print }'
}
# shellcheck disable=SC2012 # ls's listing is what learn is tried on
ls -l --time-style=+ / | stable >"$TMP/plain.out"
"$cli" learn -o "$TMP/ls-root.ini" -- ls -l --time-style=+ / 2>/dev/null |
	stable >"$TMP/learn.out"
"$cli" run -p "$TMP/ls-root.ini" -- ls -l --time-style=+ / | stable \
	>"$TMP/run.out"
check "ls -l /: learning changes nothing" "$(cat "$TMP/plain.out")" \
	"$(cat "$TMP/learn.out")"
check "ls -l /: the learned policy runs it to the same output" \
	"$(cat "$TMP/plain.out")" "$(cat "$TMP/run.out")"

# What the policy looks like: the header, the command, the default, groups
# with their descriptions, one line per call with its count.
check "header" "# Learned by seccomp-shim learn: what the runs below used, and nothing else." \
	"$(head -n1 "$TMP/ls.ini")"
if grep -qx "# from: ls -l $TMP/tree" "$TMP/ls.ini"; then
	pass "the command"
else
	fail "the command: $(grep from: "$TMP/ls.ini")"
fi
if grep -qx "# from: sh -c 'ls '\"'\"'$TMP/tree'\"'\"' | sort -r'" "$TMP/sh-pipe.ini" ||
	grep -q "^# from: sh -c \"ls '$TMP/tree' | sort -r\"$" "$TMP/sh-pipe.ini"; then
	pass "a command with spaces, quoted"
else
	fail "quoting: $(grep from: "$TMP/sh-pipe.ini")"
fi
if grep -qx "default = errno:EPERM" "$TMP/ls.ini"; then
	pass "the default denies"
else
	fail "no default = errno:EPERM"
fi
if grep -q "^# @file-system: " "$TMP/ls.ini"; then
	pass "grouped, with comments"
else
	fail "no group headers"
fi
if grep -Eq "^getdents64 += allow ; [0-9]+ calls?$" "$TMP/ls.ini"; then
	pass "a line with its count"
else
	fail "no counted getdents64 line"
fi

# Nothing the command calls is missed: every system call strace sees in
# the same command is in the policy.
strace -f -qq -o "$TMP/trace" ls -l "$TMP/tree" >/dev/null 2>&1
missing=
# shellcheck disable=SC2013 # system call names: a word each
for call in $(sed -n 's/^[0-9]* *\([a-z0-9_]*\)(.*/\1/p' "$TMP/trace" |
	sort -u); do
	grep -q "^$call *= allow" "$TMP/ls.ini" || missing="$missing $call"
done
check "every call strace sees is learned" "" "$missing"

# Something new is denied: mkdir under the policy learned from ls.
capture "$cli" run -p "$TMP/ls.ini" -- mkdir "$TMP/new"
check "a new call is denied" 1 "$status"
if [ -e "$TMP/new" ]; then
	fail "mkdir ran under the learned policy"
else
	pass "no directory"
fi
capture "$cli" run -p "$TMP/sh-pipe.ini" -- sh -c "mkdir '$TMP/new'"
if [ -e "$TMP/new" ]; then
	fail "mkdir ran under the learned sh policy"
else
	pass "sh: mkdir denied too"
fi

# Threads, and a child that starts threads.
cat >"$TMP/threads.c" <<'C'
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static long sums[4];
static void *run(void *arg)
{
	long k = (long)arg;
	for (long i = 0; i < 100000; i++)
		sums[k] += i % (k + 2);
	usleep(1000);
	return NULL;
}
int main(void)
{
	pthread_t t[4];
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, run, (void *)i);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 4; i++)
		printf("%d: %ld\n", i, sums[i]);
	return 7;
}
C
${CC:-cc} -pthread -o "$TMP/threads" "$TMP/threads.c" || fail "cannot build"
learned threads "$TMP/threads"
if grep -q "this run: 5 tasks" "$TMP/learn.err"; then
	pass "threads: 5 tasks"
else
	fail "threads: $(cat "$TMP/learn.err")"
fi

if command -v python3 >/dev/null; then
	cat >"$TMP/script.py" <<'PY'
import hashlib, json, os, sys
tree = sys.argv[1]
print(json.dumps({"files": sorted(os.listdir(tree)),
                  "sum": hashlib.sha256(open(os.path.join(tree, "a.txt"), "rb").read()).hexdigest()}))
PY
	learned python3 python3 "$TMP/script.py" "$TMP/tree"
	# Argument patterns: the address families sockets were made with.
	cat >"$TMP/sock.py" <<'PY'
import socket, sys
try:
    socket.socket(getattr(socket, sys.argv[1])).close()
    print(sys.argv[1], "ok")
except OSError as e:
    print(sys.argv[1], e.strerror)
PY
	# How many sockets a run makes depends on the machine: glibc asks
	# nscd over an AF_UNIX socket for each user look-up (python3 looks
	# up the home directory when HOME is unset). strace counts them
	# in the same environment.
	sockets() {
		strace -f -qq -e trace=socket -o "$TMP/sock.trace" \
			python3 "$TMP/sock.py" "$1" >/dev/null 2>&1
		grep -c 'socket(' "$TMP/sock.trace"
	}
	calls() { [ "$1" -eq 1 ] && echo "1 call" || echo "$1 calls"; }
	unix_sockets=$(sockets AF_UNIX)
	inet_sockets=$(sockets AF_INET)
	"$cli" learn -o "$TMP/sock.ini" -- python3 "$TMP/sock.py" AF_UNIX \
		>/dev/null 2>&1
	if grep -Eq "^socket +\= allow if a0 in \{AF_UNIX\} ; $(calls "$unix_sockets")$" \
		"$TMP/sock.ini"; then
		pass "socket: the family learned"
	else
		fail "socket ($unix_sockets expected): $(grep '^socket' "$TMP/sock.ini")"
	fi
	capture "$cli" run -p "$TMP/sock.ini" -- python3 "$TMP/sock.py" AF_UNIX
	check "socket: the learned family works" "AF_UNIX ok" "$out"
	capture "$cli" run -p "$TMP/sock.ini" -- python3 "$TMP/sock.py" AF_INET
	check "socket: another family is denied" \
		"AF_INET Operation not permitted" "$out"
	"$cli" learn --merge "$TMP/sock.ini" -- python3 "$TMP/sock.py" \
		AF_INET >/dev/null 2>&1
	if grep -Eq "^socket +\= allow if a0 in \{AF_UNIX, AF_INET\} ; $(calls $((unix_sockets + inet_sockets)))$" \
		"$TMP/sock.ini"; then
		pass "socket: merged families"
	else
		fail "socket, merged ($unix_sockets + $inet_sockets expected): $(grep '^socket' "$TMP/sock.ini")"
	fi
	capture "$cli" run -p "$TMP/sock.ini" -- python3 "$TMP/sock.py" AF_INET
	check "socket: the merged family works" "AF_INET ok" "$out"
	# Families read as the kernel reads them: AF_INET with bit 32 set is
	# AF_INET, and a family the kernel refuses does not widen the rule
	# to every family.
	cat >"$TMP/odd.py" <<'PY'
import ctypes, socket, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
fd = libc.syscall(41, ctypes.c_long((1 << 32) | socket.AF_INET), 1, 0)
print("AF_INET through the upper half", "ok" if fd >= 0 else "refused")
libc.syscall(41, ctypes.c_long(1000), 1, 0)
if len(sys.argv) > 1:
    try:
        socket.socket(socket.AF_NETLINK, socket.SOCK_RAW).close()
        print("AF_NETLINK ok")
    except OSError as e:
        print("AF_NETLINK", e.strerror)
PY
	# The AF_UNIX sockets of user look-ups (above) come on top, as
	# many as strace counts in the same environment.
	strace -f -qq -e trace=socket -o "$TMP/odd.trace" \
		python3 "$TMP/odd.py" >/dev/null 2>&1
	odd_unix=$(grep -c '^[0-9 ]*socket(AF_UNIX' "$TMP/odd.trace")
	if [ "$odd_unix" -eq 0 ]; then
		odd_expected="{AF_INET} ; 2 calls"
	else
		odd_expected="{AF_UNIX, AF_INET} ; $((odd_unix + 2)) calls"
	fi
	"$cli" learn -o "$TMP/odd.ini" -- python3 "$TMP/odd.py" >/dev/null 2>&1
	check "socket: an odd family learned at the kernel's width" \
		"socket                   = allow if a0 in $odd_expected" \
		"$(grep '^socket ' "$TMP/odd.ini")"
	capture "$cli" run -p "$TMP/odd.ini" -- python3 "$TMP/odd.py" netlink
	check "socket: other families stay denied" \
		"AF_INET through the upper half ok
AF_NETLINK Operation not permitted" "$out"
	sed 's/^socket .*/socket = allow if a0 in {AF_INET, 1000} ; 2 calls/' \
		"$TMP/odd.ini" >"$TMP/odd-edited.ini"
	capture "$cli" learn --merge "$TMP/odd-edited.ini" -- true
	case "$status:$err" in
	[1-9]*:*"a family learn did not write: --merge would widen or lose it"*)
		pass "--merge: a family it cannot keep stops it" ;;
	*) fail "--merge with an odd family: $status: $err" ;;
	esac
else
	echo "skip: no python3"
fi

# A learned policy reports what a new run needs, on its first use.
"$cli" learn -o "$TMP/echo.ini" -- sh -c 'echo hi' >/dev/null 2>&1
if grep -qx 'log = stderr' "$TMP/echo.ini"; then
	pass "learn writes log = stderr"
else
	fail "learn: no log = stderr in $(cat "$TMP/echo.ini")"
fi
capture "$cli" run -p "$TMP/echo.ini" -- sh -c "echo hi; cd '$TMP/new-dir'"
case "$err" in
*"seccomp-shim["*"] sh: chdir(\"$TMP/new-dir\") denied by $TMP/echo.ini:"*"(default = errno:EPERM)"*)
	pass "a learned policy says what a new run needs" ;;
*) fail "learned policy, new call: $status: $err" ;;
esac

# --merge: two runs, one policy that runs both.
cp "$TMP/ls.ini" "$TMP/both.ini"
capture "$cli" learn --merge "$TMP/both.ini" -- sh -c "ls '$TMP/tree' | sort -r"
check "merge: status" 0 "$status"
check "merge: both commands named" 2 "$(grep -c '^# from: ' "$TMP/both.ini")"
for cmd in "ls -l $TMP/tree" "sh -c \"ls '$TMP/tree' | sort -r\""; do
	eval "$cmd" >"$TMP/plain.out" 2>&1
	eval "\"$cli\" run -p \"$TMP/both.ini\" -- $cmd" >"$TMP/run.out" 2>&1
	check "merge: runs $cmd" "$(cat "$TMP/plain.out")" "$(cat "$TMP/run.out")"
done
a=$(sed -n 's/^read *= allow ; \([0-9]*\) calls*$/\1/p' "$TMP/ls.ini")
b=$(sed -n 's/^read *= allow ; \([0-9]*\) calls*$/\1/p' "$TMP/sh-pipe.ini")
c=$(sed -n 's/^read *= allow ; \([0-9]*\) calls*$/\1/p' "$TMP/both.ini")
if [ -n "$a" ] && [ -n "$b" ] && [ "$c" -ge "$a" ] && [ "$c" -gt "$b" ]; then
	pass "merge: counts add up ($a + about $b = $c)"
else
	fail "merge: read counts $a, $b, $c"
fi
printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/mine.ini"
capture "$cli" learn --merge "$TMP/mine.ini" -- true
check "merge: only into learned policies" \
	"125:seccomp-shim: $TMP/mine.ini:1: not a policy seccomp-shim learn wrote (--merge adds to those only)" \
	"$status:$err"

# An argument cannot write lines of its own into the policy.
"$cli" learn -o "$TMP/inject.ini" -- true "$(printf 'x\n[syscalls]\nptrace = allow\n#')" \
	>/dev/null 2>&1
if grep -q '^ptrace' "$TMP/inject.ini"; then
	fail "an argument added a rule"
else
	pass "an argument with newlines stays in its comment"
fi
if grep -qF "# from: true \$'x\\x0a[syscalls]" "$TMP/inject.ini"; then
	pass "... written as \$'...'"
else
	fail "$(grep from: "$TMP/inject.ini")"
fi
# --merge carries over what learn wrote, and refuses what it would lose.
cp "$TMP/ls.ini" "$TMP/edited.ini"
echo 'mkdir = allow if a0 == 1' >>"$TMP/edited.ini"
capture "$cli" learn --merge "$TMP/edited.ini" -- true
check "merge: a condition learn did not write is refused" \
	"125:seccomp-shim: $TMP/edited.ini:$(wc -l <"$TMP/edited.ini"): a condition learn did not write: --merge would widen or lose it (edit the merged policy instead)" \
	"$status:$err"
# A learned policy can report: log = stderr, then a new call is named.
sed 's/^# log = stderr says.*/log = stderr/' "$TMP/ls.ini" >"$TMP/ls-log.ini"
capture "$cli" run -p "$TMP/ls-log.ini" -- mkdir "$TMP/new"
check "log = stderr in a learned policy: the new call reported" \
	"1:1" "$status:$(grep -c "mkdir: mkdir(.*) denied by $TMP/ls-log.ini:[0-9]* (default = errno:EPERM)" "$TMP/err")"
"$cli" learn --merge "$TMP/ls-log.ini" -- true 2>/dev/null
if grep -qx 'log = stderr' "$TMP/ls-log.ini"; then
	pass "merge keeps log ="
else
	fail "merge lost log ="
fi
# A process the command leaves behind is recorded till it ends.
capture "$cli" learn -o "$TMP/orphan.ini" -- sh -c \
	"(sleep 0.5; mkdir '$TMP/late') & echo early"
check "orphan: the command's output" "0:early" "$status:$out"
if [ -d "$TMP/late" ]; then
	pass "orphan: learn waited for it"
else
	fail "orphan: learn ended before the orphan did"
fi
if grep -q '^mkdir ' "$TMP/orphan.ini"; then
	pass "orphan: its calls learned"
else
	fail "orphan: mkdir not learned"
fi

# Without -o: ./learned.ini, not stdout (the command's output is there).
mkdir "$TMP/cwd"
capture sh -c "cd '$TMP/cwd' && '$cli' learn -- echo hello"
check "default output: stdout is the command's" "0:hello" "$status:$out"
if head -n1 "$TMP/cwd/learned.ini" | grep -q "^# Learned by seccomp-shim"; then
	pass "default output: learned.ini"
else
	fail "no learned.ini"
fi
echo mine >"$TMP/cwd/learned.ini"
capture sh -c "cd '$TMP/cwd' && '$cli' learn -- echo hello"
check "default output: another file is not replaced" \
	"125::mine" "$status:$out:$(cat "$TMP/cwd/learned.ini")"
# Another user can learn too (pidfd_getfd needs only the right to trace
# one's own child).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$TMP"
	mkdir "$TMP/nobody"
	chmod 777 "$TMP/nobody"
	capture setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$cli" learn -o "$TMP/nobody/ls.ini" -- ls "$TMP/tree"
	check "nobody: learns" "0:a.txt
b.txt
sub" "$status:$out"
	capture setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$cli" run -p "$TMP/nobody/ls.ini" -- ls "$TMP/tree"
	check "nobody: runs under it" "0:a.txt
b.txt
sub" "$status:$out"
fi
capture "$cli" learn -o "$TMP/x.ini" -- no-such-command-here
check "unknown command" 127 "$status"
finish
