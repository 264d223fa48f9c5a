#!/bin/sh
# make bench: what the shim costs, against the unconfined run and against
# the floors no shim can beat, side by side in one run (medians of
# alternating samples). Prints tables; judges nothing (timings belong
# here, not in tests). BENCH_RUNS sets the samples per configuration.
set -u
: "${top_srcdir:?run through make bench}"
: "${top_builddir:?run through make bench}"
: "${SHIM_LIB:?run through make bench}"
benchrun="$top_builddir/tests/benchrun"
loop="$top_builddir/tests/syscall-loop"
mallocs="$top_builddir/tests/malloc-loop"
shim="$top_builddir/shim/seccomp-shim"
empty="$top_builddir/tests/.libs/libbenchempty.so"
onefilter="$top_builddir/tests/.libs/libbenchfilter.so"
condfilter="$top_builddir/tests/.libs/libbenchcondfilter.so"
loadfilter="$top_builddir/tests/.libs/libbenchload.so"
barestrict="$top_builddir/tests/.libs/libbenchstrict.so"
runs=${BENCH_RUNS:-15}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/shim-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

deny="$top_srcdir/examples/deny-mkdir-net.ini"
allow="$top_srcdir/conf/default.ini"
# The same allow-list with argument conditions on the hot calls.
cat >"$tmp/conditional.ini" <<INI
[policy]
version = 1
include = $allow
[syscalls]
read = allow if a0 <= 1024 && a2 <= 1048576
read = errno:EBADF
write = allow if a0 <= 1024 && a2 <= 1048576
write = errno:EBADF
INI

# Floor (d): the allow-list's own filter, attached by a library that does
# nothing else (the kernel's price for that filter: it grows with the
# instructions, which the kernel checks, translates and compiles at every
# attach, and with the walks it makes to build its action cache).
docker="$top_srcdir/conf/docker-default.ini"
"$top_builddir/shim/seccomp-shim" explain --bpf "$tmp/allow.bpf" "$allow" \
	>/dev/null || exit 1
"$top_builddir/shim/seccomp-shim" explain --bpf "$tmp/docker.bpf" "$docker" \
	>/dev/null || exit 1

# A large allow-list, as hand-written lists grow: every call the allow-list
# allows outright, as explain resolves it (groups and all), a line each.
# (A warm start does not read it: its size must cost nothing.)
large="$tmp/large-allow-list.ini"
{
	printf '[policy]\nversion = 1\ndefault = errno:EPERM\n[syscalls]\n'
	"$shim" explain "$allow" | awk '$2 == "allow" && !/ if / &&
		$1 !~ /^[(#]/ && !seen[$1]++ { print $1 " = allow" }'
} >"$large"
if [ "$(grep -c ' = allow$' "$large")" -lt 100 ]; then
	echo "bench.sh: no list of calls from seccomp-shim explain" >&2
	exit 1
fi
"$shim" explain --bpf "$tmp/large.bpf" "$large" >/dev/null || exit 1

# The allow-list with ten path rules ([landlock]: a build sandbox's write
# list), and the same filter with the same domain attached bare.
ten="/tmp /var/tmp /dev/null /dev/zero /dev/full /dev/tty /dev/pts /dev/shm /run /var/cache"
cat >"$tmp/paths.ini" <<INI
[policy]
version = 1
include = $allow
[landlock]
write = $ten
INI
"$shim" explain --bpf "$tmp/paths.bpf" "$tmp/paths.ini" >/dev/null || exit 1

# The built-in policy (`seccomp-shim run -p default`) is conf/default.ini's
# text, given inline: byte for byte, final newline included (the cache
# knows it by its text; and only root's inline policies are cached).
builtin=$(cat "$allow" && echo .)
builtin=${builtin%.}

# Compiled policies are cached (seccomp-shim.ini(5)): "warm" runs use a
# cache filled beforehand, "first start" runs none (every start compiles).
# A warm start knows a policy file by its identity alone if the file's
# times were over a second old when it was compiled (otherwise it checks
# the text's checksum): the files made above settle first, as a user's
# policy would have.
sleep 2
cache="$tmp/cache"
export SECCOMP_SHIM_CACHE="$cache"
for policy in "$deny" "$allow" "$docker" "$tmp/conditional.ini" "$large" \
	"$builtin"; do
	LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$policy" /bin/true ||
		exit 1
done

# bench TITLE ARG...: a table from benchrun ARG... (-f FLOOR adds each
# configuration's wall time against the configuration labelled FLOOR),
# kept in $tmp/table until the next.
bench() {
	echo
	echo "== $1"
	shift
	"$benchrun" -n "$runs" "$@" >"$tmp/table" || exit 1
	cat "$tmp/table"
}

# ratio TABLE FLOOR LABEL: the wall time of LABEL against FLOOR in the
# table the file TABLE holds, as benchrun prints it: "RATIO (best BEST)".
ratio() {
	awk -v floor="   wall time against $2 (ratio, best):" -v label="$3" '
		$0 == floor { under = 1; next }
		/^   wall time against / { under = 0 }
		under && substr($0, 7, length(label)) == label &&
		substr($0, 7 + length(label)) ~ /^ +[0-9.]+ +[0-9.]+$/ {
			print $(NF - 1) " (best " $NF ")"
		}' "$1"
}

echo "seccomp-shim benchmarks: $(uname -r), $(nproc) CPUs"
echo "allow-list: conf/default.ini, $("$top_builddir/shim/seccomp-shim" check "$allow" 2>/dev/null | sed 's/.*valid: //')"

floor_a="floor (a): empty preloaded library"
floor_b="floor (b): (a) + one-instruction filter"
floor_d="floor (d): (b), the allow-list's own filter"
# Floor (e): (d) and the Landlock domain every filter policy puts the
# process in (seccomp-shim.ini(5)), attached as bare: the kernel's price
# for what the shim installs, with nothing of the shim's own work.
floor_e1="floor (e): (d) + the default Landlock domain"
# (and conf/default.ini's capability_bounding_set: CAP_SYS_ADMIN, 21, and
# CAP_PERFMON, 38, dropped as the library drops them)
caps=$(printf '%x' $(((1 << 21) | (1 << 38))))
if ! "$shim" explain "$allow" | grep -q '^# Capabilities dropped, .*: CAP_SYS_ADMIN CAP_PERFMON$'; then
	echo "bench.sh: conf/default.ini drops other capabilities: update \$caps" >&2
	exit 1
fi
bench "1. start-up: /bin/true, per process (50 runs a sample)" \
	-f "$floor_a" -f "$floor_b" -f "$floor_d" -f "$floor_e1" -r 50 \
	-c "unconfined" \
	-c "$floor_a" -e "LD_PRELOAD=$empty" \
	-c "$floor_b" -e "LD_PRELOAD=$onefilter" \
	-c "$floor_d" -e "LD_PRELOAD=$loadfilter" \
	-e "BENCH_FILTER=$tmp/allow.bpf" \
	-c "$floor_e1" -e "LD_PRELOAD=$loadfilter" \
	-e "BENCH_FILTER=$tmp/allow.bpf" -e "BENCH_LANDLOCK=" \
	-e "BENCH_CAPS=$caps" \
	-c "shim, no policy" -e "LD_PRELOAD=$SHIM_LIB" \
	-c "shim, small deny-list, warm" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$deny" \
	-c "shim, allow-list, warm" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$allow" \
	-- /bin/true
cp "$tmp/table" "$tmp/start.table"

# Docker's profile as a policy: more argument rules, a larger filter.
floor_dd="floor (d): (b), docker-default's own filter"
bench "1d. start-up: /bin/true under conf/docker-default.ini ($(wc -c <"$tmp/docker.bpf" | awk '{ print $1 / 8 }') instructions; 50 runs a sample)" \
	-f "$floor_b" -f "$floor_dd" -r 50 \
	-c "unconfined" \
	-c "$floor_b" -e "LD_PRELOAD=$onefilter" \
	-c "$floor_dd" -e "LD_PRELOAD=$loadfilter" \
	-e "BENCH_FILTER=$tmp/docker.bpf" \
	-c "shim, docker-default, warm" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$docker" \
	-- /bin/true

# (A first start compiles, and leaves the kernel more to clean up after
# it than a pause absorbs: in a table of its own, so as not to weigh on
# the others.)
bench "1a. start-up: /bin/true, first starts (no cache; 20 runs a sample)" \
	-f "$floor_b" -r 20 \
	-c "unconfined" \
	-c "$floor_b" -e "LD_PRELOAD=$onefilter" \
	-c "shim, small deny-list, first start" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$deny" -e SECCOMP_SHIM_CACHE=off \
	-c "shim, allow-list, first start" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$allow" -e SECCOMP_SHIM_CACHE=off \
	-- /bin/true
cp "$tmp/table" "$tmp/first.table"

# (b), inherited: the shell under a one-instruction filter, its children
# adding none; what any filter on the shell costs its children (a kernel
# cost: every system call of a filtered process takes the slow path).
floor_bi="floor (b), inherited: the shell filtered"
# shellcheck disable=SC2016 # the loop is sh -c's to expand
bench "1b. start-up of children that inherit the policy: a shell running /bin/true 50 times" \
	-f "$floor_a" -f "$floor_bi" \
	-c "unconfined" \
	-c "$floor_a" -e "LD_PRELOAD=$empty" \
	-c "$floor_bi" -e "LD_PRELOAD=$onefilter" \
	-c "shim, allow-list, inherited, warm" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$allow" \
	-- sh -c 'i=0; while [ $i -lt 50 ]; do /bin/true; i=$((i + 1)); done'

# shellcheck disable=SC2016 # the loop is sh -c's to expand
bench "1c. the same, every child a first start (no cache)" -f "$floor_a" \
	-c "unconfined" \
	-c "$floor_a" -e "LD_PRELOAD=$empty" \
	-c "shim, allow-list, inherited, first start" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$allow" -e SECCOMP_SHIM_CACHE=off \
	-- sh -c 'i=0; while [ $i -lt 50 ]; do /bin/true; i=$((i + 1)); done'

floor_c="floor (c): hand-written conditional filter"
# (Any filter makes every call take the kernel's slow path: floor (b) is
# the price of that alone.)
floor_b2="floor (b): one-instruction filter"
bench "2. per system call: 200,000 one-byte reads and writes" -f "$floor_b2" \
	-f "$floor_c" \
	-c "unconfined" \
	-c "$floor_b2" -e "LD_PRELOAD=$onefilter" \
	-c "allow-list, read/write unconditional" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$allow" \
	-c "$floor_c" -e "LD_PRELOAD=$condfilter" \
	-c "allow-list, read/write conditional" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$tmp/conditional.ini" \
	-- "$loop" 200000

cat >"$tmp/chain.sh" <<'SH'
n=$1
if [ "$n" -gt 0 ]; then
	exec sh "$0" $((n - 1)) "$2"
fi
exec "$2" 100000
SH
echo
echo "== 3. nested execs under the allow-list: the same loop at the bottom"
echo "   (each level loads a preloaded library: against floor (a) at the same"
echo "   depth, the cost should not grow with depth)"
for depth in 1 10 50; do
	echo "-- depth $depth"
	"$benchrun" -n "$runs" -f "$floor_a" -c "unconfined" \
		-c "$floor_a" -e "LD_PRELOAD=$empty" \
		-c "allow-list, warm" -e "LD_PRELOAD=$SHIM_LIB" \
		-e "SECCOMP_SHIM_POLICY=$allow" \
		-- sh "$tmp/chain.sh" $depth "$loop" >"$tmp/table" || exit 1
	sed -n '2,6p' "$tmp/table"
done

# Strict mode, with the programs the strict-mode tests use.
${CC:-cc} -o "$tmp/strict-prog" "$top_srcdir/tests/progs/strict-prog.c" || exit 1
printf '[policy]\nversion = 1\nmode = strict\n' >"$tmp/strict.ini"
printf '[policy]\nversion = 1\nmode = strict\nheap = 512M\n' >"$tmp/big.ini"
printf '[policy]\nversion = 1\nmode = strict\nstdout_buffer = full\n' \
	>"$tmp/full.ini"
# Floor (e): strict mode with glibc tuned the same way and no guard
# (tests/bench-strict.c), for the allocating programs.
floor_e="floor (e): bare strict mode, glibc tuned"
# strict TITLE POLICY HEAP ARG...: strict-prog ARG... unconfined and under
# POLICY, and with HEAP (bytes) not empty, under floor (e) too.
strict() {
	title=$1 policy=$2 heap=$3
	shift 3
	if [ "$heap" ]; then
		set -- -f "$floor_e" -c "unconfined" \
			-c "$floor_e" -e "LD_PRELOAD=$barestrict" \
			-e "BENCH_HEAP=$heap" -c "strict mode" \
			-e "LD_PRELOAD=$SHIM_LIB" -e "SECCOMP_SHIM_POLICY=$policy" \
			-- "$tmp/strict-prog" "$@"
	else
		set -- -c "unconfined" -c "strict mode" -e "LD_PRELOAD=$SHIM_LIB" \
			-e "SECCOMP_SHIM_POLICY=$policy" -- "$tmp/strict-prog" "$@"
	fi
	bench "4. strict mode: $title" "$@"
}
strict "malloc-heavy (strict-prog malloc), heap 64M" "$tmp/strict.ini" \
	$((64 << 20)) malloc
strict "random malloc/realloc/free (strict-prog stress 1), heap 512M" \
	"$tmp/big.ini" $((512 << 20)) stress 1
strict "200,000 lines, stdout line-buffered (the default)" "$tmp/strict.ini" \
	"" lines 200000
strict "200,000 lines, stdout_buffer = full" "$tmp/full.ini" "" lines 200000
echo
echo "(5. memory: the RSS columns above, per process)"

# The shim exports the malloc family for strict mode (shim/preload/interpose.c):
# without strict mode each call only passes through, and should cost
# next to nothing against the same program with any library preloaded.
bench "6. malloc-heavy: 1,000,000 rounds of 64 mallocs and frees" \
	-f "$floor_a" \
	-c "unconfined" \
	-c "$floor_a" -e "LD_PRELOAD=$empty" \
	-c "shim, no policy" -e "LD_PRELOAD=$SHIM_LIB" \
	-c "shim, allow-list, warm" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$allow" \
	-- "$mallocs" 1000000
cp "$tmp/table" "$tmp/malloc.table"

floor_dl="floor (d): (b), the large list's own filter"
floor_el="floor (e): (d) + the default Landlock domain"
large_size="$(wc -l <"$large") lines, $(wc -c <"$large") bytes"
large_insns=$(wc -c <"$tmp/large.bpf" | awk '{ print $1 / 8 }')
bench "7. start-up: /bin/true under a large allow-list ($large_size, $large_insns instructions; 50 runs a sample)" \
	-f "$floor_b" -f "$floor_dl" -f "$floor_el" -r 50 \
	-c "unconfined" \
	-c "$floor_b" -e "LD_PRELOAD=$onefilter" \
	-c "$floor_dl" -e "LD_PRELOAD=$loadfilter" \
	-e "BENCH_FILTER=$tmp/large.bpf" \
	-c "$floor_el" -e "LD_PRELOAD=$loadfilter" \
	-e "BENCH_FILTER=$tmp/large.bpf" -e "BENCH_LANDLOCK=" \
	-c "shim, large allow-list, warm" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$large" \
	-- /bin/true
cp "$tmp/table" "$tmp/large.table"

floor_e="floor (e): (d) + the same Landlock domain"
bench "9. start-up: /bin/true under default.ini with ten path rules (write = ...; 50 runs a sample)" \
	-f "$floor_d" -f "$floor_e" -r 50 \
	-c "unconfined" \
	-c "$floor_d" -e "LD_PRELOAD=$loadfilter" \
	-e "BENCH_FILTER=$tmp/allow.bpf" \
	-c "$floor_e" -e "LD_PRELOAD=$loadfilter" \
	-e "BENCH_FILTER=$tmp/paths.bpf" -e "BENCH_LANDLOCK=$ten" \
	-e "BENCH_CAPS=$caps" \
	-c "shim, allow-list, warm" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$allow" \
	-c "shim, ten path rules, warm" -e "LD_PRELOAD=$SHIM_LIB" \
	-e "SECCOMP_SHIM_POLICY=$tmp/paths.ini" \
	-- /bin/true
cp "$tmp/table" "$tmp/paths.table"

# seccomp-shim run sets the same two variables and executes the command:
# against env doing only that (the same one exec more), what the command
# adds of its own (it also checks the policy before anything runs).
by_env="env: LD_PRELOAD + SECCOMP_SHIM_POLICY"
by_run="seccomp-shim run -p default"
bench "8. start-up through seccomp-shim run -p default -- /bin/true, warm (50 runs a sample)" \
	-f "$by_env" -r 50 \
	-c "bare /bin/true" \
	-c "$by_env" -w env -w "LD_PRELOAD=$SHIM_LIB" \
	-w "SECCOMP_SHIM_POLICY=$builtin" \
	-c "$by_run" -e "SECCOMP_SHIM_LIB=$SHIM_LIB" -w "$shim" -w run \
	-w -p -w default -w -- \
	-- /bin/true
cp "$tmp/table" "$tmp/run.table"

# target FIGURE RATIO TARGET: a line of the summary.
target() {
	printf '%-52s %-18s %s\n' "$1" "${2:-?}" "$3"
}
echo
echo "== targets: wall time, the median ratio (and the best samples')"
target "1. shim, no policy / floor (a)" \
	"$(ratio "$tmp/start.table" "$floor_a" "shim, no policy")" "<= 1.02"
target "1. shim, allow-list, warm / floor (e)" \
	"$(ratio "$tmp/start.table" "$floor_e1" "shim, allow-list, warm")" \
	"<= 1.02"
target "1. shim, allow-list, warm / floor (d)" \
	"$(ratio "$tmp/start.table" "$floor_d" "shim, allow-list, warm")" \
	"(reported: with the domain's own cost)"
target "1a. shim, allow-list, first start (ms)" \
	"$(awk '/^shim, allow-list, first start / { print $(NF - 6) }' \
		"$tmp/first.table")" "<= 3 ms"
target "6. shim, no policy / floor (a)" \
	"$(ratio "$tmp/malloc.table" "$floor_a" "shim, no policy")" "<= 1.01"
target "6. shim, allow-list, warm / floor (a)" \
	"$(ratio "$tmp/malloc.table" "$floor_a" "shim, allow-list, warm")" \
	"<= 1.01"
target "7. shim, large allow-list, warm / its floor (e)" \
	"$(ratio "$tmp/large.table" "$floor_el" \
		"shim, large allow-list, warm")" "<= 1.02 (as conf/default.ini)"
target "7. shim, large allow-list, warm / its floor (d)" \
	"$(ratio "$tmp/large.table" "$floor_dl" \
		"shim, large allow-list, warm")" "(reported)"
target "9. shim, ten path rules, warm / floor (d)" \
	"$(ratio "$tmp/paths.table" "$floor_d" "shim, ten path rules, warm")" \
	"(reported)"
target "9. shim, ten path rules, warm / floor (e)" \
	"$(ratio "$tmp/paths.table" "$floor_e" "shim, ten path rules, warm")" \
	"(reported)"
target "8. seccomp-shim run -p default / env" \
	"$(ratio "$tmp/run.table" "$by_env" "$by_run")" "<= 1.10"
