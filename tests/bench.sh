#!/bin/sh
# make bench: strict mode against the same program unconfined, side by side
# in one run. Prints figures; judges nothing (timings belong here, not in
# tests).
set -u
: "${top_srcdir:?run through make bench}"
: "${SHIM_LIB:?run through make bench}"
benchrun="$top_builddir/tests/benchrun"
runs=${BENCH_RUNS:-11}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/shim-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Built the way the tests build it: plain cc, no flags.
${CC:-cc} -o "$tmp/strict-prog" "$top_srcdir/tests/strict-prog.c" || exit 1
printf '[policy]\nversion = 1\nmode = strict\n' >"$tmp/strict.ini"
printf '[policy]\nversion = 1\nmode = strict\nheap = 512M\n' >"$tmp/big.ini"
awk 'BEGIN { for (i = 0; i < 200000; i++) print i, "a line of input" }' \
	>"$tmp/input"

bench() {
	title=$1
	shift
	echo
	echo "== $title"
	"$benchrun" -n "$runs" -l "$SHIM_LIB" "$@" || exit 1
}

echo "strict mode: $(uname -r), $(nproc) CPUs, $runs runs each"
bench "malloc-heavy (strict-prog malloc), default heap 64M" \
	-p "$tmp/strict.ini" -- "$tmp/strict-prog" malloc
bench "random malloc/realloc/free (strict-prog stress 1), heap 512M" \
	-p "$tmp/big.ini" -- "$tmp/strict-prog" stress 1
printf '[policy]\nversion = 1\nmode = strict\nstdout_buffer = full\n' \
	>"$tmp/full.ini"
bench "200000 lines to /dev/null, stdout line-buffered (the default)" \
	-p "$tmp/strict.ini" -- "$tmp/strict-prog" lines 200000
bench "200000 lines to /dev/null, stdout_buffer = full" \
	-p "$tmp/full.ini" -- "$tmp/strict-prog" lines 200000
bench "200000 lines from stdin to stdout, stdout_buffer = full" \
	-p "$tmp/full.ini" -i "$tmp/input" -- "$tmp/strict-prog" fgets
bench "start and exit (strict-prog return 0)" \
	-p "$tmp/strict.ini" -- "$tmp/strict-prog" return 0
