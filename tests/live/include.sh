#!/bin/sh
# include = PATH: composition of policy files.
. "$top_srcdir/tests/live/lib.sh"

mkdir -p "$TMP/conf/sub"
cat >"$TMP/conf/base.ini" <<'INI'
[policy]
version = 1
default = allow
[syscalls]
mkdir = errno:EPERM
mkdirat = errno:EPERM
@network-io = errno:EACCES
INI
cat >"$TMP/conf/sub/top.ini" <<'INI'
# the including file's lines for a call replace the included file's
[policy]
version = 1
include = ../base.ini
[syscalls]
mkdir = errno:EROFS
mkdirat = errno:EROFS
INI
capture confined "$TMP/conf/sub/top.ini" "$PROBE" "mkdir:$TMP/x" socket getpid
check "replaced, inherited and default" "0:mkdir:$TMP/x: EROFS
socket: EACCES
getpid: OK" "$status:$out"
# From another working directory: paths are relative to the file.
capture sh -c "cd / && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY='$TMP/conf/sub/top.ini' '$PROBE' mkdir:$TMP/x"
check "relative to the including file" "mkdir:$TMP/x: EROFS" "$out"

# Of two includes the later wins for a call both name.
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:ENOSPC\n' >"$TMP/conf/other.ini"
printf '[policy]\nversion = 1\ninclude = base.ini\ninclude = other.ini\n' >"$TMP/conf/two.ini"
capture confined "$TMP/conf/two.ini" "$PROBE" "mkdir:$TMP/x" socket
check "later include wins" "mkdir:$TMP/x: ENOSPC
socket: EACCES" "$out"

# [policy] keys left unset come from the includes, the last one first.
printf '[policy]\nversion = 1\ndefault = allow\nnewer_syscalls = errno:EXDEV\n' >"$TMP/conf/xdev.ini"
printf '[policy]\nversion = 1\ndefault = allow\nnewer_syscalls = errno:ENOSPC\n' >"$TMP/conf/nospc.ini"
printf '[policy]\nversion = 1\ninclude = xdev.ini\ninclude = nospc.ini\n' >"$TMP/conf/keys.ini"
capture confined "$TMP/conf/keys.ini" "$PROBE" sys:1000
check "newer_syscalls from the last include" "sys:1000: ENOSPC" "$out"

# An inline policy includes by absolute path (or relative to the cwd).
capture confined "[policy]
version = 1
include = $TMP/conf/base.ini" "$PROBE" "mkdir:$TMP/x"
check "inline include" "mkdir:$TMP/x: EPERM" "$out"

# Errors name the file and line where they are.
expect_refused() {
	capture confined "$1" touch "$TMP/marker"
	check "$2: status" "$REFUSED_STATUS" "$status"
	check "$2: message" "$3" "$err"
	if [ -e "$TMP/marker" ]; then
		fail "$2: the program ran"
	else
		pass "$2: the program did not run"
	fi
}
printf '[policy]\nversion = 1\ndefault = allow\ninclude = nope.ini\n' >"$TMP/conf/missing.ini"
expect_refused "$TMP/conf/missing.ini" "missing include" \
	"seccomp-shim: $TMP/conf/missing.ini:4: cannot include 'nope.ini': cannot open policy: No such file or directory"
printf '[policy]\nversion = 1\ninclude = b.ini\n' >"$TMP/conf/a.ini"
printf '[policy]\nversion = 1\n\ninclude = a.ini\n' >"$TMP/conf/b.ini"
expect_refused "$TMP/conf/a.ini" "cycle" \
	"seccomp-shim: $TMP/conf/b.ini:4: 'a.ini' includes itself (an include cycle)"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdri = kill\n' >"$TMP/conf/typo.ini"
printf '[policy]\nversion = 1\ninclude = typo.ini\n' >"$TMP/conf/uses-typo.ini"
expect_refused "$TMP/conf/uses-typo.ini" "error in an included file" \
	"seccomp-shim: $TMP/conf/typo.ini:5: unknown system call 'mkdri' (did you mean 'mkdir'?)"
printf '[policy]\nversion = 1\n' >"$TMP/conf/nodefault.ini"
printf '[policy]\nversion = 1\ninclude = nodefault.ini\n' >"$TMP/conf/nodefault2.ini"
expect_refused "$TMP/conf/nodefault2.ini" "no default anywhere" \
	"seccomp-shim: $TMP/conf/nodefault2.ini: missing 'default = ACTION' in [policy] (and in every file it includes)"
# Eight levels of includes load; a ninth is too deep.
for i in 0 1 2 3 4 5 6 7 8; do
	printf '[policy]\nversion = 1\ndefault = allow\ninclude = d%s.ini\n' $((i + 1)) >"$TMP/conf/d$i.ini"
done
printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/conf/d9.ini"
capture confined "$TMP/conf/d1.ini" /bin/true
check "eight levels of includes" "0:" "$status:$err"
expect_refused "$TMP/conf/d0.ini" "nine levels" \
	"seccomp-shim: $TMP/conf/d8.ini:4: includes nest deeper than 8"
# Including one file many times is bounded too.
printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/conf/leaf.ini"
{
	printf '[policy]\nversion = 1\n'
	for i in $(seq 1 65); do echo "include = leaf.ini"; done
} >"$TMP/conf/fan.ini"
expect_refused "$TMP/conf/fan.ini" "fan-out" \
	"seccomp-shim: $TMP/conf/fan.ini:3: more than 64 files included"
# A strict-mode policy has no rules to lend: including one is an error.
printf '[policy]\nversion = 1\nmode = strict\n' >"$TMP/conf/strict.ini"
printf '[policy]\nversion = 1\ndefault = allow\ninclude = strict.ini\n' \
	>"$TMP/conf/takes-strict.ini"
capture confined "$TMP/conf/takes-strict.ini" "$PROBE" getpid
check "including a strict policy" "$REFUSED_STATUS:seccomp-shim: $TMP/conf/strict.ini:3: a strict-mode policy cannot be included (only filter policies can)" \
	"$status:$err"
finish
