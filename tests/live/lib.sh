# shellcheck shell=sh
# Shared helpers for the live tests: sourced, not run.
# The environment comes from Makefile.am: top_srcdir, top_builddir, SHIM_LIB.
# shellcheck disable=SC2034 # what this file sets is for the tests sourcing it
set -u

top_srcdir=${top_srcdir:?run through make check}
top_builddir=${top_builddir:?run through make check}
SHIM_LIB=${SHIM_LIB:?run through make check}
PROBE="$top_builddir/tests/probe"
BAD="$top_srcdir/tests/policies/bad"
POLICIES="$top_srcdir/tests/policies"
EXAMPLES="$top_srcdir/examples"
SIGSYS_STATUS=159 # a shell's $? for a process killed by SIGSYS (128 + 31)
REFUSED_STATUS=125

TMP=$(mktemp -d "${TMPDIR:-/tmp}/shim-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

pass() {
	checks=$((checks + 1))
	echo "ok: $*"
}

skip() {
	echo "SKIP: $*"
	exit 77
}

# Every live test needs seccomp filters in this kernel.
grep -q '^Seccomp:' /proc/self/status || skip "kernel without seccomp"

# confined POLICY CMD...: run CMD under the preload library and POLICY.
confined() {
	confined_policy=$1
	shift
	LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$confined_policy" "$@"
}

# check WHAT EXPECTED ACTUAL: compare two strings.
check() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1: expected '$2', got '$3'"
	fi
}

# Run "$@" capturing stdout, stderr and status in $out, $err, $status.
capture() {

	"$@" >"$TMP/out" 2>"$TMP/err"
	status=$?

	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# count_entries DIR [GLOB]: how many names in DIR match GLOB (all without
# one), the hidden ones left out as ls leaves them out.
count_entries() {
	find "$1" -mindepth 1 -maxdepth 1 ! -name '.*' -name "${2:-*}" | wc -l
}

# now: the kernel's clock (as dmesg stamps its lines), for kernel_log_since.
now() {
	cut -d' ' -f1 /proc/uptime
}

# kernel_log_since T: the kernel log's lines stamped at T or later (pids
# are reused, and the log holds the records of every test before; its
# ring drops old lines, so counting lines would not do).
kernel_log_since() {
	dmesg | sed -n 's/^\[ *\([0-9.]*\)\]/\1/p' |
		awk -v since="$1" '$1 + 0 >= since - 0.5'
}

finish() {
	echo "$checks checks passed, $failures failed"
	[ "$failures" -eq 0 ]
}
