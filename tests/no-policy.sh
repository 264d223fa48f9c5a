#!/bin/sh
# With SECCOMP_SHIM_POLICY unset or empty the library does nothing: same
# output and status, no file opened, no prctl or seccomp call.
. "$top_srcdir/tests/lib.sh"

mkdir "$TMP/d"
for setting in unset empty; do
	if [ $setting = unset ]; then
		capture env -u SECCOMP_SHIM_POLICY LD_PRELOAD="$SHIM_LIB" \
			mkdir "$TMP/d/$setting"
	else
		capture env SECCOMP_SHIM_POLICY= LD_PRELOAD="$SHIM_LIB" \
			mkdir "$TMP/d/$setting"
	fi
	check "$setting: mkdir status" 0 "$status"
	check "$setting: no output" "" "$out$err"
	[ -d "$TMP/d/$setting" ] && pass "$setting: directory made" ||
		fail "$setting: directory missing"
done

capture env -u SECCOMP_SHIM_POLICY sh -c 'ls -la / | wc -l; echo x >&2; exit 3'
plain="$out|$err|$status"
capture env -u SECCOMP_SHIM_POLICY LD_PRELOAD="$SHIM_LIB" \
	sh -c 'ls -la / | wc -l; echo x >&2; exit 3'
check "same output and status as without the library" "$plain" \
	"$out|$err|$status"

# What the process itself does, seen by strace: apart from the loader
# mapping the library and its dependencies, nothing differs: no file opened
# or read, no heap grown (brk), nothing written, no prctl or seccomp.
if command -v strace >/dev/null; then
	trace() {
		env -u SECCOMP_SHIM_POLICY strace -qq "$@" \
			-e trace=open,openat,prctl,seccomp,write,read,brk \
			-o "$TMP/trace" /bin/echo hello >/dev/null
		grep -v -e 'libseccomp-shim\.so' -e 'libseccomp\.so' \
			-e 'libinih\.so' -e '177ELF' "$TMP/trace" |
			sed -E 's/0x[0-9a-f]+/ADDR/g' # addresses vary (ASLR)
	}
	trace >"$TMP/plain"
	trace -E LD_PRELOAD="$SHIM_LIB" >"$TMP/unset"
	trace -E LD_PRELOAD="$SHIM_LIB" -E SECCOMP_SHIM_POLICY= >"$TMP/empty"
	for setting in unset empty; do
		if diff -u "$TMP/plain" "$TMP/$setting" >"$TMP/diff"; then
			pass "$setting: no file opened, no prctl/seccomp call"
		else
			fail "$setting: the library acted without a policy:"
			cat "$TMP/diff" >&2
		fi
	done
else
	fail "strace is not installed (the test suite needs it)"
fi
finish
