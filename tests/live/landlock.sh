#!/bin/sh
# The [landlock] section on the live kernel: path rules (EACCES, EXDEV),
# TCP port rules against servers on 127.0.0.1, scopes, required against
# best effort (SECCOMP_SHIM_LANDLOCK_ABI pretends an older kernel), errors
# that stop the program, children that inherit, and the cache.
. "$top_srcdir/tests/live/lib.sh"

CLI="$top_builddir/shim/seccomp-shim"
PY=/usr/bin/python3
[ -x "$PY" ] || skip "no /usr/bin/python3"
abi=$("$PY" -c 'import ctypes; print(ctypes.CDLL(None).syscall(444, None, 0, 1))')
[ "$abi" -ge 6 ] 2>/dev/null || skip "this kernel's Landlock is ABI $abi, the tests need 6"

ro="$TMP/ro" rw="$TMP/rw" other="$TMP/other"
mkdir "$ro" "$rw" "$other" "$TMP/mkreg"
echo secret >"$other/key"
echo data >"$ro/data"
cp /bin/true "$rw/mytrue"

# The system readable and executable, $ro readable, $rw writable (and so
# readable), $TMP/mkreg a place files may be made in, and nothing else.
cat >"$TMP/paths.ini" <<EOF
[policy]
version = 1
default = allow
[landlock]
read = @system $ro /proc /dev
write = $rw /dev/null
make_reg = $TMP/mkreg
execute = @system
[paths:@system]
members = /usr /etc -/lib -/lib64 -/bin -/sbin
EOF

# errno NAME FUNC: python3 under paths.ini says FUNC's errno name, or OK.
probe_py() {
	confined "$TMP/paths.ini" "$PY" -c "
import errno, os, subprocess, sys
try:
    $1
    print('OK')
except OSError as e:
    print(errno.errorcode[e.errno])
"
}
expect() {
	capture probe_py "$2"
	check "$1" "0:$3" "$status:$out"
}

expect "write outside the write list: EACCES" \
	"open('$other/new', 'w')" EACCES
if [ -e "$other/new" ]; then
	fail "the file was made"
else
	pass "nothing made outside"
fi
expect "read a file not listed: EACCES" "open('$other/key').read()" EACCES
expect "list a directory not listed: EACCES" "os.listdir('$other')" EACCES
expect "write a read-only file: EACCES" "open('$ro/data', 'a')" EACCES
expect "write inside the write list" \
	"open('$rw/made', 'w').write('x'); os.mkdir('$rw/dir')" OK
if [ -f "$rw/made" ] && [ -d "$rw/dir" ]; then
	pass "the files are there"
else
	fail "the files are missing"
fi
expect "read a read-only file" "open('$ro/data').read()" OK
expect "execute outside the execute list: EACCES" \
	"subprocess.run(['$rw/mytrue'])" EACCES
expect "execute inside it" "subprocess.run(['/bin/true'], check=True)" OK
expect "rename out of the writable directory: EACCES" \
	"os.rename('$rw/made', '$ro/made')" EACCES
expect "link out of the writable directory: EACCES" \
	"os.link('$rw/made', '$ro/linked')" EACCES
# A place where files may be made but not reparented into: the kernel's
# answer for a rename that needs the refer right is EXDEV.
expect "rename into a directory without refer: EXDEV" \
	"os.rename('$rw/made', '$TMP/mkreg/made')" EXDEV
if [ -f "$rw/made" ]; then
	pass "the file stayed"
else
	fail "the file moved"
fi
expect "make a file where make_reg allows it (mknod)" \
	"os.mknod('$TMP/mkreg/new')" OK
expect "but not open it for writing (write_file): EACCES" \
	"open('$TMP/mkreg/new2', 'x')" EACCES
expect "truncate a read-only file: EACCES" \
	"os.truncate('$ro/data', 0)" EACCES
check "the read-only file is whole" data "$(cat "$ro/data")"

# Children inherit the domain, and so do their children; coreutils too.
capture confined "$TMP/paths.ini" sh -c \
	"cat '$other/key'; echo x >'$other/sh'; touch '$rw/sh' && echo made"
check "sh, cat, touch inherit it" "made" "$out"
if [ -e "$other/sh" ]; then
	fail "the shell wrote outside"
else
	pass "the shell wrote nothing outside"
fi
case $err in
*"$other/key: Permission denied"*) pass "cat was refused (EACCES)" ;;
*) fail "cat: $err" ;;
esac

# A program's own code through /proc/self/mem: the kernel writes it
# whatever the mapping's protection (memory_deny_write_execute cannot stop
# that); a write list that leaves out /proc does.
selfmem="import errno
try:
    open('/proc/self/mem', 'r+b')
    print('opened')
except OSError as e:
    print(errno.errorcode[e.errno])"
printf '[policy]\nversion = 1\ndefault = allow\nmemory_deny_write_execute = yes\n' \
	>"$TMP/wx.ini"
capture confined "$TMP/wx.ini" "$PY" -c "$selfmem"
check "/proc/self/mem under memory_deny_write_execute alone: opened" \
	"0:opened" "$status:$out"
{ cat "$TMP/wx.ini"; printf '[landlock]\nwrite = %s\n' "$rw"; } >"$TMP/wx-ll.ini"
capture confined "$TMP/wx-ll.ini" "$PY" -c "$selfmem"
check "/proc/self/mem with a write list without /proc: EACCES" \
	"0:EACCES" "$status:$out"

# The working directory: @cwd is where the first program starts.
cat >"$TMP/cwd.ini" <<'EOF'
[policy]
version = 1
default = allow
[landlock]
write = @cwd/out
EOF
mkdir "$rw/out"
capture sh -c "cd '$rw' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$TMP/cwd.ini' sh -c 'touch out/yes && touch no; echo \$?'"
check "@cwd/out: writable beneath, not beside" "1" "$out"
if [ -e "$rw/out/yes" ] && [ ! -e "$rw/no" ]; then
	pass "@cwd: the files as said"
else
	fail "@cwd: $(ls "$rw")"
fi

# Errors: a missing path stops the program with FILE:LINE; an optional
# one ("-/path") is skipped.
printf '[policy]\nversion = 1\ndefault = allow\n[landlock]\nwrite = %s\nwrite = %s/missing\n' \
	"$rw" "$TMP" >"$TMP/missing.ini"
capture confined "$TMP/missing.ini" touch "$rw/ran"
check "a missing path: refused with FILE:LINE" \
	"$REFUSED_STATUS:seccomp-shim: $TMP/missing.ini:6: [landlock]: cannot open $TMP/missing: No such file or directory" \
	"$status:$err"
if [ -e "$rw/ran" ]; then
	fail "the program ran"
else
	pass "the program did not run"
fi
capture "$CLI" check "$TMP/missing.ini"
err=$(printf '%s\n' "$err" | head -n1)
check "check: the missing path is an error" \
	"1:seccomp-shim: $TMP/missing.ini:6: [landlock] write: cannot open $TMP/missing: No such file or directory" \
	"$status:$err"
sed -i "s|write = $TMP/missing|write = -$TMP/missing|" "$TMP/missing.ini"
capture confined "$TMP/missing.ini" touch "$rw/ran"
check "an optional missing path: skipped" "0:" "$status:$err"

# --- ports, against servers on 127.0.0.1 ---------------------------------
cat >"$TMP/server.py" <<'EOF'
import socket, sys, time
socks = []
for _ in range(2):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks), flush=True)
time.sleep(30)
EOF
"$PY" "$TMP/server.py" >"$TMP/ports" &
server=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	[ -s "$TMP/ports" ] && break
	sleep 0.2
done
read -r port1 port2 <"$TMP/ports"
free_port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$TMP/ports.ini" <<EOF
[policy]
version = 1
default = allow
[landlock]
connect_tcp = $port1
bind_tcp = $free_port
EOF
cat >"$TMP/net.py" <<'EOF'
import errno, socket, sys
for op, port in zip(sys.argv[1::2], sys.argv[2::2]):
    s = socket.socket()
    try:
        if op == "connect":
            s.connect(("127.0.0.1", int(port)))
        else:
            s.bind(("127.0.0.1", int(port)))
        print(op, "OK")
    except OSError as e:
        print(op, errno.errorcode[e.errno])
    s.close()
EOF
net() { confined "$1" "$PY" "$TMP/net.py" connect "$port1" connect "$port2" bind "$free_port" bind 0; }
capture net "$TMP/ports.ini"
check "ports: the allowed port connects, another is EACCES; bind likewise" \
	"connect OK
connect EACCES
bind OK
bind EACCES" "$out"
printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/plain.ini"
capture net "$TMP/plain.ini"
check "ports: without the keys, every port" "connect OK
connect OK
bind OK
bind OK" "$out"

# --- scopes: signals and abstract unix sockets stop at the domain --------
cat >"$TMP/scope.py" <<'EOF'
import errno, os, signal, socket, subprocess, sys
def t(what, f):
    try:
        f()
        print(what, "OK")
    except OSError as e:
        print(what, errno.errorcode[e.errno])
t("signal outside", lambda: os.kill(int(sys.argv[1]), 0))
child = subprocess.Popen(["sleep", "10"])
t("signal own child", lambda: os.kill(child.pid, signal.SIGTERM))
child.wait()
s = socket.socket(socket.AF_UNIX)
t("abstract socket outside", lambda: s.connect("\0" + sys.argv[2]))
EOF
name="shim-test-$$"
"$PY" -c "
import socket, time
s = socket.socket(socket.AF_UNIX); s.bind('\0$name'); s.listen(); time.sleep(30)" &
abstract=$!
sleep 0.3
printf '[policy]\nversion = 1\ndefault = allow\n[landlock]\nscope = signal abstract_unix\n' >"$TMP/scope.ini"
capture confined "$TMP/scope.ini" "$PY" "$TMP/scope.py" "$server" "$name"
check "scope: no signal to a process outside, one to its own child; no outside abstract socket" \
	"signal outside EPERM
signal own child OK
abstract socket outside EPERM" "$out"
capture confined "$TMP/plain.ini" "$PY" "$TMP/scope.py" "$server" "$name"
check "scope: without it, both reach outside" "signal outside OK
signal own child OK
abstract socket outside OK" "$out"
kill "$abstract" "$server" 2>/dev/null

# --- required or best effort ------------------------------------------------
# An older kernel, as the library is made to believe: connect_tcp needs
# ABI 4.
capture env SECCOMP_SHIM_LANDLOCK_ABI=3 LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$TMP/ports.ini" touch "$rw/abi3"
check "ABI 3, required: refused at the line that needs more" \
	"$REFUSED_STATUS:seccomp-shim: $TMP/ports.ini:5: this kernel's Landlock (ABI 3) cannot enforce this line, which needs ABI 4 (enforce = best_effort would apply what the kernel has)" \
	"$status:$err"
if [ -e "$rw/abi3" ]; then
	fail "ABI 3: the program ran"
else
	pass "ABI 3: the program did not run"
fi
{ cat "$TMP/ports.ini"; echo "enforce = best_effort"; } >"$TMP/best.ini"
capture env SECCOMP_SHIM_LANDLOCK_ABI=3 LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$TMP/best.ini" "$PY" "$TMP/net.py" connect "$port2"
check "ABI 3, best effort: runs, without the port rules" \
	"0:connect ECONNREFUSED" "$status:$out"
capture env SECCOMP_SHIM_LANDLOCK_ABI=3 "$CLI" check "$TMP/best.ini"
err=$(printf '%s\n' "$err" | head -n1)
check "check says what best effort drops" \
	"seccomp-shim: $TMP/best.ini:7: warning: this kernel's Landlock (ABI 3) cannot enforce bind_tcp connect_tcp: enforce = best_effort drops them" \
	"$err"
capture env SECCOMP_SHIM_LANDLOCK_ABI=3 "$CLI" check "$TMP/ports.ini"
err=$(printf '%s\n' "$err" | head -n1)
check "check says a required section would be refused" \
	"1:seccomp-shim: $TMP/ports.ini: this kernel's Landlock (ABI 3) cannot enforce bind_tcp connect_tcp, which the [landlock] section restricts: the program would be refused here (set enforce = best_effort to run it with what the kernel has)" \
	"$status:$err"
# No Landlock at all, for real: a filter in force answers its calls with
# ENOSYS, as a kernel without it does.
nolandlock='[policy]
version = 1
default = allow
[syscalls]
landlock_create_ruleset = errno:ENOSYS
'
capture confined "$nolandlock" env SECCOMP_SHIM_POLICY="$TMP/paths.ini" \
	touch "$other/nolandlock"
check "no Landlock, required: refused" \
	"$REFUSED_STATUS:seccomp-shim: $TMP/paths.ini:5: this kernel has no Landlock, which the [landlock] section needs (enforce = best_effort would run the program without it)" \
	"$status:$err"
{ cat "$TMP/paths.ini"; echo "[landlock]"; echo "enforce = best_effort"; } \
	>"$TMP/paths-best.ini"
capture confined "$nolandlock" env SECCOMP_SHIM_POLICY="$TMP/paths-best.ini" \
	touch "$other/nolandlock"
check "no Landlock, best effort: runs with the filter alone" "0:" \
	"$status:$err"
# (The variable is for tests of a policy one chose; a system policy takes
# no word of the environment: tests/live/program-policies.sh.)

# --- includes: a policy on top of the shipped build sandbox ---------------
mkdir "$rw/extra"
cat >"$TMP/on-build.ini" <<EOF
[policy]
version = 1
include = $top_srcdir/conf/build.ini
[landlock]
write = $rw/extra
EOF
sleep 30 &
outsider=$!
capture sh -c "cd '$ro' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$TMP/on-build.ini' sh -c \"touch '$rw/extra/ok' && kill -0 $outsider\""
kill "$outsider"
case "$status:$err" in
*"Operation not permitted"*)
	if [ -e "$rw/extra/ok" ]; then
		pass "include: the including file's path and the included scope apply"
	else
		fail "include: $rw/extra/ok missing"
	fi
	;;
*) fail "include: $status: $err" ;;
esac

# --- the same domain for a whole tree; another policy adds its own ------
chain=20
cat >"$ro/chain.sh" <<EOF
n=\$1
[ "\$n" -gt 0 ] || { touch '$rw/deep' && echo deep; exit; }
sh '$ro/chain.sh' \$((n - 1))
EOF
capture confined "$TMP/paths.ini" sh "$ro/chain.sh" $chain
check "a chain of $chain shells under one section: one domain, all run" \
	"0:deep" "$status:$out"
cat >"$ro/inner.ini" <<EOF
[policy]
version = 1
default = allow
[landlock]
write = $rw/out
EOF
# (a policy the outer domain cannot read: refused, not run without it)
cp "$ro/inner.ini" "$other/inner.ini"
capture confined "$TMP/paths.ini" env SECCOMP_SHIM_POLICY="$other/inner.ini" \
	touch "$rw/unread"
check "a child's policy the domain hides: refused" \
	"$REFUSED_STATUS:seccomp-shim: $other/inner.ini: cannot open policy: Permission denied" \
	"$status:$err"
capture confined "$TMP/paths.ini" env SECCOMP_SHIM_POLICY="$ro/inner.ini" \
	sh -c "touch '$rw/out/inner-ok'; touch '$rw/inner-no'; touch '$other/inner-no'"
if [ -e "$rw/out/inner-ok" ] && [ ! -e "$rw/inner-no" ] &&
	[ ! -e "$other/inner-no" ]; then
	pass "a child under another section: both domains apply"
else
	fail "nested domains: $(ls "$rw") / $status $err"
fi

# --- the cache: a cached start applies the same rules ---------------------
cache="$TMP/cache"
mkdir -m 700 "$cache"
for run in first cached; do
	capture env SECCOMP_SHIM_CACHE="$cache" LD_PRELOAD="$SHIM_LIB" \
		SECCOMP_SHIM_POLICY="$TMP/paths.ini" sh -c \
		"touch '$other/$run' 2>/dev/null; touch '$rw/$run' && echo ok"
	check "$run start: the same rules" "0:ok" "$status:$out"
	[ -e "$other/$run" ] && fail "$run start: wrote outside"
done
if [ -n "$(ls "$cache")" ]; then
	pass "the entry was cached"
else
	fail "nothing cached"
fi

# --- explain and convert -------------------------------------------------
capture "$CLI" explain "$TMP/ports.ini"
case $out in
*"# Landlock: ABI $abi on this kernel; enforce = required"*"port $port1"*connect_tcp*"$TMP/ports.ini:5"*) pass "explain: the ABI and the port rules" ;;
*) fail "explain: $out" ;;
esac
capture "$CLI" convert --from ini "$TMP/paths.ini" -o "$TMP/paths.json"
err=$(printf '%s\n' "$err" | grep Landlock)
check "convert to OCI: says the rules are left out" \
	"0:seccomp-shim: warning: $TMP/paths.ini:5: [landlock]: an OCI seccomp profile cannot carry Landlock's path, port or scope rules: they are left out (in a container, mounts, masked paths and network namespaces do that work)" \
	"$status:$err"

finish
