#!/bin/sh
# seccomp-shim demo: the seccomp article's experiments on unmodified
# programs, without Docker and without recompiling anything.
#   SHIM_LIB=/path/to/libseccomp-shim.so sh examples/demo.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
lib=${SHIM_LIB:-$here/../shim/.libs/libseccomp-shim.so}
[ -f "$lib" ] || lib=/usr/local/lib/libseccomp-shim.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

show() {
	printf '\n$ %s\n' "$*"
	sh -c "$*" 2>&1
	printf '[exit status %s]\n' "$?"
}

cd "$tmp" || exit 1
echo "== 1. Deny mkdir and sockets with EPERM (the Docker profile demo)"
sed -n '/^\[policy\]/,$p' "$here/deny-mkdir-net.ini"
export LD_PRELOAD="$lib"
show "SECCOMP_SHIM_POLICY=$here/deny-mkdir-net.ini mkdir newdir"
show "ls -d newdir"
show "mkdir newdir && ls -d newdir"
if command -v python3 >/dev/null; then
	show "SECCOMP_SHIM_POLICY=$here/deny-mkdir-net.ini python3 -c '
import socket
try:
    socket.create_connection((\"127.0.0.1\", 80))
except OSError as e:
    print(\"python3:\", e)'"
fi

echo
echo "== 2. Make read(2) fail with EBADF"
sed -n '/^\[policy\]/,$p' "$here/read-ebadf.ini"
printf 'hello from a file\n' >file.txt
show "SECCOMP_SHIM_POLICY=$here/read-ebadf.ini head -n1 file.txt"
echo "(cat would still print the file: it copies with copy_file_range, not read)"

echo
echo "== 3. Kill instead of failing: the process dies of SIGSYS"
show "SECCOMP_SHIM_POLICY='[policy]
version = 1
default = allow
[syscalls]
mkdirat = kill
mkdir = kill' mkdir killed"
show "ls -d killed"

echo
echo "== 4. Seccomp strict mode for a program that knows nothing of it"
sed -n '/^\[policy\]/,$p' "$here/strict.ini"
if ${CC:-cc} -o strict-demo "$here/strict-demo.c" 2>/dev/null; then
	show "echo hello | env -u LD_PRELOAD ./strict-demo"
	show "echo hello | SECCOMP_SHIM_POLICY=$here/strict.ini ./strict-demo"
	echo "(137 = 128 + SIGKILL: the kernel killed it at open())"
else
	echo "(no C compiler: skipped)"
fi

echo
echo "== 5. A broken policy never lets the program run"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdri = errno:EPERM\n' >typo.ini
show "SECCOMP_SHIM_POLICY=typo.ini touch ran"
show "ls ran"
exit 0
