#!/bin/sh
# The preload library is a guest in every process: it exports nothing
# (strict mode routes malloc and _exit to it by rewriting the program's
# global offset tables), needs nothing but libc, and is linked with full
# RELRO.
. "$top_srcdir/tests/live/lib.sh"

exported=$($NM -D --defined-only "$SHIM_LIB" | awk '{ print $3 }' | sort |
	paste -sd ' ')
check "exports nothing" "" "$exported"

# It links libc alone (and the dynamic loader, for where the initial
# stack is): libseccomp and libinih are the compiler's, a program of its
# own, statically linked, that no preloaded library can be loaded into.
needed=$(readelf -d "$SHIM_LIB" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
	paste -sd ' ')
check "needs libc and the loader alone" "libc.so.6 ld-linux-x86-64.so.2" \
	"$needed"
compiler="$(dirname "$SHIM_LIB")/seccomp-shim-compile"
if readelf -lW "$compiler" | grep -q INTERP; then
	fail "the compiler is dynamically linked"
else
	pass "the compiler is statically linked"
fi

# Of libc it imports only what every start may use (shim/preload/guest.h): each
# import is a lookup at every start of every process, called or not.
imports=$($NM -D --undefined-only "$SHIM_LIB" | awk '$1 == "U" { print $2 }' |
	sed 's/@.*//' | sort | paste -sd ' ')
check "imports only what every start may use" \
	"__errno_location __libc_stack_end __progname_full __stack_chk_fail dlsym program_invocation_name" \
	"$imports"

# What a start makes the dynamic loader bind for the library
# (LD_DEBUG=bindings shows a dlsym lookup as a binding without a version):
# with no policy, and with a cached one, the imports alone; the rest of
# libc is looked up only on the paths that need it (a compile here).
bindings() {
	LD_DEBUG=bindings LD_PRELOAD="$SHIM_LIB" "$@" 2>&1 >/dev/null |
		grep -F "binding file $(readlink -f "$SHIM_LIB") [0] to" |
		sed -n 's/.*normal symbol `\([^'"'"']*\)'"'"'\( \[\(.*\)\]\)\{0,1\}$/\1\2/p' |
		sort -u
}
late_bindings() {
	bindings "$@" | grep -v ' \[' | paste -sd ' '
}
export SECCOMP_SHIM_CACHE="$TMP/cache"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPERM\n' \
	>"$TMP/deny.ini"
check "no policy: nothing looked up late" "" "$(late_bindings /bin/true)"
check "no policy: the imports bound, no more" \
	"$(echo "$imports" | tr ' ' '\n' | grep -vx __progname_full | paste -sd ' ')" \
	"$(bindings /bin/true | grep ' \[' | sed 's/ .*//' |
		grep -v -e _ITM_ -e __gmon_start__ -e __cxa_finalize | sort -u |
		paste -sd ' ')"
check "a first start (compiling): nothing looked up late either" "" \
	"$(SECCOMP_SHIM_POLICY="$TMP/deny.ini" late_bindings /bin/true)"
check "... and the compiler stores the compiled policy" 1 \
	"$(count_entries "$TMP/cache" '*.policy')"
check "a cached start: nothing looked up late" "" \
	"$(SECCOMP_SHIM_POLICY="$TMP/deny.ini" late_bindings /bin/true)"
check "a program's malloc: the shim looks up none of the allocator" "" \
	"$(late_bindings sh -c : | tr ' ' '\n' |
		grep -x -e malloc -e free -e calloc -e realloc -e valloc |
		paste -sd ' ')"
# ... and the program's calls of malloc and free bind to glibc's directly.
check "a program's malloc and free are glibc's" "free libc.so.6
malloc libc.so.6" "$(LD_DEBUG=bindings LD_PRELOAD="$SHIM_LIB" sh -c : 2>&1 \
	>/dev/null | sed -n "s/.*binding file [^ ]*sh \[0\] to \([^ ]*\) \[0\]: normal symbol \`\(malloc\|free\)'.*/\2 \1/p" |
	sed 's| /.*/| |' | sort -u)"

# Writable data: what a start may write (the loader's pointers, the
# allocator's, the reporter's) on one page; the error buffers, written only
# to refuse, after it (and the early entry's pointer, which the loader
# writes with the other relocations, on the relocated page). Each page
# written is a fault.
pages=$($NM -n "$SHIM_LIB" | awk '$2 ~ /^[bBdD]$/ && $3 !~ /^(err\.[0-9]+|unknown\.[0-9]+|late_bound|preload_entry|_DYNAMIC|_GLOBAL_OFFSET_TABLE_|__frame_dummy_init_array_entry|__do_global_dtors_aux_fini_array_entry)$/ &&
	$1 !~ /^0+$/ { print substr($1, 1, length($1) - 3) }' | sort -u | wc -l)
check "the data a start may write is on one page" 1 "$pages"

flags=$(readelf -d "$SHIM_LIB" | grep -c 'BIND_NOW')
if [ "$flags" -ge 1 ]; then
	pass "linked with -z now"
else
	fail "no BIND_NOW"
fi
if readelf -lW "$SHIM_LIB" | grep -q GNU_RELRO; then
	pass "linked with -z relro"
else
	fail "no GNU_RELRO segment"
fi
finish
