#!/bin/sh
# Exec chains: every child loads the shim again. Under one policy the
# filter on top is already the one it would add, so it adds none: the
# number of filters, and so the cost of every system call, stays the same
# at any depth. A child given another policy still adds it.
. "$top_srcdir/tests/live/lib.sh"

filters() { sed -n 's/^Seccomp_filters:[[:space:]]*//p' /proc/self/status; }
grep -q '^Seccomp_filters:' /proc/self/status ||
	skip "this kernel does not report Seccomp_filters"

# A chain of 100 nested shells under a policy of realistic size (the
# shipped default: about 300 system calls with rules).
cat >"$TMP/chain.sh" <<'SH'
n=$1
if [ "$n" -gt 0 ]; then
	sh "$0" $((n - 1)) "$2"
	exit $?
fi
sed -n 's/^Seccomp_filters:[[:space:]]*//p' /proc/self/status
mkdir "$2/deep" 2>/dev/null && echo "mkdir worked" || echo "mkdir refused"
SH
policy="$top_srcdir/conf/default.ini"
mkdir "$TMP/free"
capture confined "$policy" sh "$TMP/chain.sh" 100 "$TMP/free"
check "100 nested execs: done, one filter" "0:1
mkdir worked" "$status:$out"
# The same chain under a policy that denies mkdir: still denied at depth
# 100, with one filter.
capture confined "$EXAMPLES/deny-mkdir-net.ini" sh "$TMP/chain.sh" 100 "$TMP"
check "100 nested execs under deny-mkdir-net" "0:1
mkdir refused" "$status:$out"
if [ -e "$TMP/deep" ]; then
	fail "the deepest child made its directory"
else
	pass "no directory at depth 100"
fi

# A child given another policy adds it; both are in force.
capture confined "$EXAMPLES/deny-mkdir-net.ini" env \
	SECCOMP_SHIM_POLICY="$EXAMPLES/socket-unix-only.ini" sh -c \
	"sed -n 's/^Seccomp_filters:[[:space:]]*//p' /proc/self/status; exec '$PROBE' mkdir:$TMP/x sys:socket:2:1"
check "another policy: added, and both apply" "0:2
mkdir:$TMP/x: EPERM
sys:socket:2:1: EAFNOSUPPORT" "$status:$out"
# ... and so does the first one again after it (A, B, A: three).
capture confined "$EXAMPLES/deny-mkdir-net.ini" env \
	SECCOMP_SHIM_POLICY="$EXAMPLES/socket-unix-only.ini" env \
	SECCOMP_SHIM_POLICY="$EXAMPLES/deny-mkdir-net.ini" sh -c \
	"sed -n 's/^Seccomp_filters:[[:space:]]*//p' /proc/self/status"
check "A, B, A: three filters" "0:3" "$status:$out"

# Each policy added brings a Landlock domain too, and the kernel nests at
# most 16: a 17th policy in one chain is refused (it cannot have its
# domain), with a message, rather than run without it. (alternate.sh N A
# B: N children, each under A or B by turns, the first under B if N is
# odd.)
cat >"$TMP/alternate.sh" <<'SH'
n=$1
if [ "$n" -gt 0 ]; then
	if [ $((n % 2)) -eq 0 ]; then next=$2; else next=$3; fi
	SECCOMP_SHIM_POLICY="$next" sh "$0" $((n - 1)) "$2" "$3" || exit $?
	exit 0
fi
echo bottom
SH
capture confined "$EXAMPLES/deny-mkdir-net.ini" sh "$TMP/alternate.sh" 15 \
	"$EXAMPLES/deny-mkdir-net.ini" "$EXAMPLES/socket-unix-only.ini"
check "16 policies in one chain: each with its domain" "0:bottom" \
	"$status:$out"
capture confined "$EXAMPLES/deny-mkdir-net.ini" sh "$TMP/alternate.sh" 16 \
	"$EXAMPLES/socket-unix-only.ini" "$EXAMPLES/deny-mkdir-net.ini"
check "a 17th: refused, saying why" "125:seccomp-shim: $EXAMPLES/deny-mkdir-net.ini: cannot add a Landlock domain: the process is in 16 already (a chain of programs under that many different policies)" \
	"$status:$out$err"

# A child under the same setting (the same path seen from where it runs,
# or the same inline text) finds its filter in force and reads nothing: a
# confined tree keeps the policy it started with. Editing the file under
# a running tree (here: to deny mkdir) changes nothing inside it ...
mkdir "$TMP/a" "$TMP/b"
printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/a/p.ini"
deny_mkdir='[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPERM\nmkdirat = errno:EPERM\n'
capture confined "$TMP/a/p.ini" sh -c "printf '$deny_mkdir' >'$TMP/a/p.ini'
	sh -c \"sed -n 's/^Seccomp_filters:[[:space:]]*//p' /proc/self/status; mkdir '$TMP/kept'\""
check "edited under a running tree: one filter, the old one" "0:1:" \
	"$status:$out:$err"
if [ -d "$TMP/kept" ]; then
	pass "the tree kept its policy"
else
	fail "the edited policy reached a child of the tree"
fi
# ... and applies to the next start outside it.
capture confined "$TMP/a/p.ini" mkdir "$TMP/new"
check "edited policy: the next start" "1" "$status"
# What the child does, seen by strace: one probe, no file opened after the
# loader's (it also shows the probe answered "found").
strace -qq -f -o "$TMP/trace" -e trace=execve,openat,open,stat,prctl,seccomp \
	env LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$TMP/a/p.ini" \
	sh -c '/bin/true; :' || fail "strace failed"
pid=$(sed -n 's/^\([0-9]*\)  *execve("\/bin\/true".*/\1/p' "$TMP/trace")
calls=$(grep "^$pid  *[a-z]" "$TMP/trace" | sed -n '/libc.so.6/,$p' |
	grep -v 'libc.so.6\|exited' | sed 's/^[0-9]* *//; s/(.*//' | tr '\n' ' ')
check "the child: one probe, nothing read" "prctl " "$calls"
if grep "^$pid  *prctl(0x53484d21" "$TMP/trace" | grep -q "errno 4061"; then
	pass "the probe answered found"
else
	fail "no probe answer in the trace"
fi

# A relative path survives a change of directory: for a child whose
# setting is the same string, it names the filter it named at the top,
# in force already, even where another file has that name ...
cp "$TMP/a/p.ini" "$TMP/b/p.ini"
printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/a/p.ini"
capture sh -c "cd '$TMP/a' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=p.ini sh -c \"cd ../b && sh -c \\\"sed -n 's/^Seccomp_filters:[[:space:]]*//p' /proc/self/status; mkdir '$TMP/b/x'\\\"\""
check "relative path, another directory: the top's filter, none added" \
	"0:1" "$status:$out"
# ... while another string adds its policy: "./p.ini" is not "p.ini".
capture sh -c "cd '$TMP/a' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=p.ini sh -c \"cd ../b && SECCOMP_SHIM_POLICY=./p.ini sh -c \\\"sed -n 's/^Seccomp_filters:[[:space:]]*//p' /proc/self/status; mkdir '$TMP/b/y'\\\"\""
check "another string in another directory: its policy added" "1:2" \
	"$status:$out"
# The everyday cases: make -C, a shell that changes directory, python3.
mkdir -p "$TMP/proj/sub"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPERM\nmkdirat = errno:EPERM\n' \
	>"$TMP/proj/policy.ini"
# shellcheck disable=SC2016 # make's $(MAKE), not the shell's
printf 'all:\n\t@$(MAKE) -s -C sub\n' >"$TMP/proj/Makefile"
printf 'all:\n\t@mkdir made 2>/dev/null || echo refused\n' >"$TMP/proj/sub/Makefile"
capture env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL sh -c "cd '$TMP/proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=policy.ini make -s"
check "make -C sub with a relative policy" "0:refused" "$status:$out"
[ -e "$TMP/proj/sub/made" ] && fail "make -C: mkdir went through"
capture sh -c "cd '$TMP/proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=policy.ini sh -c 'cd / && mkdir \"$TMP/proj/root-made\"'"
case "$status:$err" in
1:*"Operation not permitted"*) pass "sh -c 'cd / && mkdir ...': runs, confined" ;;
*) fail "sh -c 'cd / && mkdir': $status: $err" ;;
esac
if command -v python3 >/dev/null; then
	capture sh -c "cd '$TMP/proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=policy.ini python3 -c '
import os, subprocess
os.chdir(\"/\")
print(subprocess.run([\"mkdir\", \"$TMP/proj/py-made\"]).returncode)'"
	check "python3: a subprocess after os.chdir runs, confined" "0:1" \
		"$status:$out"
fi
if [ -e "$TMP/proj/root-made" ] || [ -e "$TMP/proj/py-made" ]; then
	fail "a directory was made"
else
	pass "no directory made"
fi
# A reporting filter's children need its table, which only the file the
# path named at the top can give: from elsewhere, refused, saying why.
printf '[policy]\nversion = 1\ndefault = allow\nlog = stderr\n[syscalls]\nmkdir = errno:EPERM\n' \
	>"$TMP/proj/report.ini"
capture sh -c "cd '$TMP/proj' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=report.ini sh -c 'cd / && /bin/true'"
check "log = stderr, relative path, another directory: refused, saying why" \
	"$REFUSED_STATUS:seccomp-shim: report.ini: log = stderr: the policy in force was named by this relative path from another directory, and its reports' table cannot be found from here: name the policy by an absolute path" \
	"$status:$err"
# Inline text: the same text is the same policy.
inline=$(printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPERM\n')
capture confined "$inline" sh -c "sh -c \"sed -n 's/^Seccomp_filters:[[:space:]]*//p' /proc/self/status\""
check "inline text, nested: one filter" "0:1" "$status:$out"

# A confined program that forges the probe's answer keeps its children
# from adding a policy, but cannot shed its own: the inherited filter
# stays in force.
capture confined "$EXAMPLES/deny-mkdir-net.ini" "$top_builddir/tests/forge-probe" env \
	SECCOMP_SHIM_POLICY="$EXAMPLES/deny-mkdir-net.ini" mkdir "$TMP/forged"
check "forged probe: the inherited policy still applies" 1 "$status"
if [ -e "$TMP/forged" ]; then
	fail "forged probe: mkdir escaped"
else
	pass "forged probe: no directory"
fi
finish
