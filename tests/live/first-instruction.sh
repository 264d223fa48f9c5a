#!/bin/sh
# Confined from the first instruction: the filter is in force before the
# constructors of the program's own shared libraries (which the dynamic
# loader runs before a preloaded library's), on a first start, a cached
# start and with the cache off, for every way of starting, and the policy
# compiler runs outside the program (a process of its own, which fails
# closed).
. "$top_srcdir/tests/live/lib.sh"

CTOR_MKDIR="$top_builddir/tests/ctor-mkdir"
export CTOR_DIR="$TMP/d"
mkdir "$CTOR_DIR"

# policy NAME LINES...: $TMP/NAME.ini, default allow.
policy() {
	name=$1
	shift
	printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/$name.ini"
	for line in "$@"; do
		printf '%s\n' "$line" >>"$TMP/$name.ini"
	done
}
policy deny "[syscalls]" "mkdir = errno:EPERM"
policy report "log = stderr" "[syscalls]" "mkdir = errno:EPERM"
policy kill "[syscalls]" "mkdir = kill"
policy killthread "[syscalls]" "mkdir = kill-thread"
policy trap "[syscalls]" "mkdir = trap"
policy killreport "log = stderr" "[syscalls]" "mkdir = kill"
policy kernel "log = kernel" "[syscalls]" "mkdir = errno:EPERM"

ALL_EPERM="inner constructor mkdir: EPERM
outer constructor mkdir: EPERM
main mkdir: EPERM"
# nothing_made LABEL: no constructor (nor main) made its directory.
nothing_made() {
	made=$(ls "$CTOR_DIR")
	check "$1: no directory made" "" "$made"
	rm -rf "${CTOR_DIR:?}"/*
}

# --- the constructors of two levels of dependencies ------------------------
capture "$CTOR_MKDIR"
check "unconfined: every constructor makes its directory" \
	"inner constructor mkdir: OK
outer constructor mkdir: OK
main mkdir: OK" "$out"
rm -rf "${CTOR_DIR:?}"/*

for start in "cache off" "first start" "cached start"; do
	case $start in
	"cache off") cache=off ;;
	*) cache="$TMP/cache" ;;
	esac
	capture env SECCOMP_SHIM_CACHE="$cache" LD_PRELOAD="$SHIM_LIB" \
		SECCOMP_SHIM_POLICY="$TMP/deny.ini" "$CTOR_MKDIR"
	check "$start: both libraries' constructors and main get EPERM" \
		"0:$ALL_EPERM" "$status:$out"
	nothing_made "$start"
done
check "... the first start cached the policy" 1 \
	"$(count_entries "$TMP/cache" '*.policy')"

# What still runs before the filter (README, "Limits, honestly"): the IFUNC
# resolvers of the objects the loader relocates before the shim, here the
# inner library's, which makes a directory the policy denies.
mkdir "$TMP/r"
capture env CTOR_RESOLVER_DIR="$TMP/r" LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$TMP/deny.ini" "$CTOR_MKDIR"
check "an earlier object's IFUNC resolver runs before the filter" \
	"0:$ALL_EPERM:resolver" "$status:$out:$(ls "$TMP/r")"
nothing_made "with the resolver"

# Inline text, and seccomp-shim run.
capture env SECCOMP_SHIM_CACHE=off LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$(cat "$TMP/deny.ini")" "$CTOR_MKDIR"
check "inline policy: the constructors get EPERM" "0:$ALL_EPERM" \
	"$status:$out"
nothing_made "inline policy"
capture env SECCOMP_SHIM_LIB="$SHIM_LIB" "$top_builddir/shim/seccomp-shim" \
	run -p "$TMP/deny.ini" -- "$CTOR_MKDIR"
check "seccomp-shim run: the constructors get EPERM" "0:$ALL_EPERM" \
	"$status:$out"
nothing_made "seccomp-shim run"

# log = stderr: the handler is in place as early, and names each call.
for cache in off "$TMP/cache"; do
	capture env SECCOMP_SHIM_CACHE="$cache" LD_PRELOAD="$SHIM_LIB" \
		SECCOMP_SHIM_POLICY="$TMP/report.ini" "$CTOR_MKDIR"
	check "log = stderr (cache $cache): the same denials" "0:$ALL_EPERM" \
		"$status:$out"
	for level in inner outer main; do
		check "log = stderr (cache $cache): the $level mkdir reported" 1 \
			"$(printf '%s\n' "$err" | grep -c "mkdir(\"$CTOR_DIR/$level\", 0700) denied by $TMP/report.ini:6 (errno:EPERM)")"
	done
	nothing_made "log = stderr"
done

# log = kernel: the same, with the kernel's log flag.
capture env LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$TMP/kernel.ini" \
	"$CTOR_MKDIR"
check "log = kernel: the constructors get EPERM" "0:$ALL_EPERM" "$status:$out"
nothing_made "log = kernel"

# kill, kill-thread (the only thread), trap (no handler yet): the inner
# library's constructor is the first to call mkdir, and the process dies
# there, before anything else runs.
for name in kill killthread trap killreport; do
	capture env LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$TMP/$name.ini" \
		"$CTOR_MKDIR"
	check "$name: killed in the inner library's constructor" \
		"$SIGSYS_STATUS:" "$status:$out"
	nothing_made "$name"
done
check "killreport: the call named" 1 \
	"$(printf '%s\n' "$err" | grep -c "mkdir(\"$CTOR_DIR/inner\", 0700) denied by $TMP/killreport.ini:6 (kill)")"

# --- a thread a constructor starts, calling mkdir in a loop -----------------
for cache in off "$TMP/cache"; do
	rm -rf "${CTOR_DIR:?}"/*
	capture env SECCOMP_SHIM_CACHE="$cache" LD_PRELOAD="$SHIM_LIB" \
		SECCOMP_SHIM_POLICY="$TMP/deny.ini" "$top_builddir/tests/ctor-loop"
	check "a constructor's thread (cache $cache): no mkdir ever succeeds" \
		"0:thread mkdir: none of at least 2000 attempts succeeded" \
		"$status:$out"
done
capture "$top_builddir/tests/ctor-loop"
check "... while unconfined every one does" \
	"0:thread mkdir: all of at least 2000 attempts succeeded" "$status:$out"

# --- a C++ static initializer that opens a socket ---------------------------
capture "$top_builddir/tests/ctor-socket"
check "unconfined: the static initializer's socket" \
	"0:static initializer socket: OK" "$status:$out"
for cache in off "$TMP/cache"; do
	capture env SECCOMP_SHIM_CACHE="$cache" LD_PRELOAD="$SHIM_LIB" \
		SECCOMP_SHIM_POLICY="$top_srcdir/conf/no-network.ini" \
		"$top_builddir/tests/ctor-socket"
	check "conf/no-network.ini (cache $cache): the static initializer refused" \
		"0:static initializer socket: EACCES" "$status:$out"
done

# --- the compiler runs outside the program ---------------------------------
capture env SECCOMP_SHIM_CACHE=off LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$TMP/deny.ini" cat /proc/self/maps
check "a first start: confined" 0 "$status"
check "... with no libseccomp, libinih or compiler in the program" 0 \
	"$(printf '%s\n' "$out" | grep -c -e libseccomp.so -e libinih -e seccomp-shim-compile)"

# A compiler that fails in every way it can, next to a copy of the library
# (which runs the compiler next to itself first): the program is refused
# with a message and status 125, and never runs.
mkdir "$TMP/lib"
cp "$SHIM_LIB" "$TMP/lib/libseccomp-shim.so"
# fake SCRIPT: the compiler next to the copy is this shell script.
fake() {
	printf '#!/bin/sh\n%s\n' "$1" >"$TMP/lib/seccomp-shim-compile"
	chmod 755 "$TMP/lib/seccomp-shim-compile"
}
# refused LABEL MESSAGE: the copy, cache off, refuses mkdir, saying MESSAGE
# last (what the compiler said on stderr before it comes first).
refused() {
	capture env SECCOMP_SHIM_CACHE=off \
		LD_PRELOAD="$TMP/lib/libseccomp-shim.so" \
		SECCOMP_SHIM_POLICY="$TMP/deny.ini" mkdir "$CTOR_DIR/never"
	check "$1" "$REFUSED_STATUS:seccomp-shim: $TMP/deny.ini: $2" \
		"$status:$(printf '%s\n' "$err" | tail -n1)"
	nothing_made "$1"
}
# shellcheck disable=SC2016 # the fake compiler's to expand
fake 'env >"$0.env"; exit 1'
refused "a compiler that fails silently" \
	"the policy compiler failed (exit status 1) and said nothing"
check "... it ran with an empty environment (but the PWD sh sets)" \
	"" "$(grep -v '^PWD=' "$TMP/lib/seccomp-shim-compile.env")"
fake 'kill -SEGV $$'
refused "a compiler that dies" \
	"the policy compiler was killed by signal 11"
fake 'echo garbage'
refused "a compiler that writes garbage" \
	"the policy compiler answered with 8 bytes that are not a compiled policy"
fake 'exec sleep 60'
refused "a compiler that hangs" \
	"the policy compiler did not answer within 10 seconds"
# shellcheck disable=SC2016 # the fake compiler's to expand
fake 'exec "$(dirname "$0")/missing" "$@"'
refused "a compiler that cannot run what it needs" \
	"the policy compiler failed (exit status 127) and said nothing"
# A compiler others could have put there (its directory, or itself,
# writable by others; or a symbolic link) is not run.
# shellcheck disable=SC2016 # the fake compiler's to expand
fake ': >"$0.ran"; exit 1'
for how in "chmod 777 $TMP/lib" "chmod 777 $TMP/lib/seccomp-shim-compile"; do
	$how
	capture env SECCOMP_SHIM_CACHE=off \
		LD_PRELOAD="$TMP/lib/libseccomp-shim.so" \
		SECCOMP_SHIM_POLICY="$TMP/deny.ini" "$PROBE" "mkdir:$CTOR_DIR/never"
	if [ -e "$TMP/lib/seccomp-shim-compile.ran" ]; then
		fail "$how: the compiler next to the library ran"
	else
		pass "$how: the compiler next to the library not run"
	fi
	chmod 755 "$TMP/lib" "$TMP/lib/seccomp-shim-compile"
done
mv "$TMP/lib/seccomp-shim-compile" "$TMP/lib/real-compile"
ln -s real-compile "$TMP/lib/seccomp-shim-compile"
capture env SECCOMP_SHIM_CACHE=off LD_PRELOAD="$TMP/lib/libseccomp-shim.so" \
	SECCOMP_SHIM_POLICY="$TMP/deny.ini" "$PROBE" "mkdir:$CTOR_DIR/never"
if [ -e "$TMP/lib/real-compile.ran" ]; then
	fail "a symbolic link: the compiler next to the library ran"
else
	pass "a symbolic link: the compiler next to the library not run"
fi
nothing_made "compilers others could have put there"
rm "$TMP/lib/seccomp-shim-compile"
capture env SECCOMP_SHIM_CACHE=off LD_PRELOAD="$TMP/lib/libseccomp-shim.so" \
	SECCOMP_SHIM_POLICY="$TMP/deny.ini" "$PROBE" "mkdir:$CTOR_DIR/never"
# (without one next to it, the copy runs the installed compiler: it may
# be there or not, and either way the program is confined or refused)
case "$status:$out" in
"0:mkdir:$CTOR_DIR/never: EPERM" | "$REFUSED_STATUS:")
	pass "no compiler next to the copy: the installed one, or refused" ;;
*) fail "no compiler next to the copy: $status:$out:$err" ;;
esac
nothing_made "no compiler next to the copy"
finish
