#!/bin/sh
# gen-syscall-args.sh - write shim/compiler/syscall-args.c, the table of which x86_64
# system call arguments the kernel reads as 32-bit (or narrower) integers,
# from the kernel's own prototypes; with -F, shim/preload/syscall-formats.c,
# how log = stderr shows each call's arguments, from the same prototypes.
#
# Usage: shim/gen/gen-syscall-args.sh [-e | -F] [-o FILE] KERNEL_HEADERS
#
#   KERNEL_HEADERS is the top of a Linux header tree holding
#   include/linux/syscalls.h, such as Debian's linux-headers-*-common
#   packages install; the committed table comes from Linux 6.12, Debian 12's
#   linux-headers-6.12.118+deb12-common (bookworm's current kernel line),
#   whose prototypes include every call libseccomp 2.5.4 names.  The C source
#   goes to standard output, or to FILE with -o (replaced only when
#   generation succeeds).  With -e, prints instead one line per system call:
#   its name, its mask, its format, the entry point and parameters it was
#   read from, and the override that applied, if any.
#
# Regenerate the committed table, from the top of the source tree:
#   apt-get install linux-headers-6.12.118+deb12-common
#   shim/gen/gen-syscall-args.sh -o shim/compiler/syscall-args.c \
#	/usr/src/linux-headers-6.12.118+deb12-common
#   shim/gen/gen-syscall-args.sh -F -o shim/preload/syscall-formats.c \
#	/usr/src/linux-headers-6.12.118+deb12-common
#
# Needs sh, python3, a C compiler ($CC, default cc) and libseccomp's
# development files: the system call names are those libseccomp knows for
# x86_64 (seccomp_syscall_resolve_num_arch over the x86_64 numbers), so the
# table holds exactly the names a policy can use.  The output depends only on
# syscalls.h, the kernel version in the tree's Makefile, the libseccomp
# version and the lists below: it is sorted by name (C locale, as
# syscall_args32's bsearch needs).
#
# How a mask is made: bit N is set when argument N of the kernel's entry point
# for that system call has one of the 32-bit-or-narrower types of TYPES below
# (the x86_64 syscall wrapper casts the 64-bit register to the declared type,
# so the upper half is dropped), or when OVERRIDE_BODY names it (the entry
# point takes a long but hands the value only to a 32-bit parameter).  The
# entry point is sys_NAME unless ENTRY says otherwise; prototypes come from
# include/linux/syscalls.h read with the x86_64 configuration (CONDITIONS),
# or from ARCH_PROTOS for entry points defined only in arch/x86.  A type that
# TYPES does not list, a declaration under an unknown #if, or an override
# that no longer matches stops the generator, and so does a call libseccomp
# names that has no prototype and is not in NOT_IMPLEMENTED: the table has
# no silent gaps.  The calls in NOT_IMPLEMENTED (no entry point on x86_64:
# ENOSYS whatever the arguments) are in the table with the flag 0x10000.
set -eu

LC_ALL=C
export LC_ALL

prog=${0##*/}
usage() {
	echo "usage: $prog [-e | -F] [-o FILE] KERNEL_HEADERS" >&2
	exit 2
}

out=
mode=c
while getopts eFo: opt; do
	case $opt in
	e) mode=explain ;;
	F) mode=formats ;;
	o) out=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
headers=$1
[ -r "$headers/include/linux/syscalls.h" ] || {
	echo "$prog: no include/linux/syscalls.h under '$headers'" >&2
	exit 1
}

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/gen-syscall-args.XXXXXX")
trap 'rm -rf "$tmpdir"' EXIT
trap 'exit 1' HUP INT TERM

# The x86_64 names libseccomp knows, one "number name" a line, after a first
# line with libseccomp's version.
cat >"$tmpdir/names.c" <<'EOF'
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	const struct scmp_version *v = seccomp_version();
	int nr;

	printf("%u.%u.%u\n", v->major, v->minor, v->micro);
	for (nr = 0; nr < 4096; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64,
							      nr);

		if (name) {
			printf("%d %s\n", nr, name);
			free(name);
		}
	}
	return ferror(stdout) ? 1 : 0;
}
EOF
if seccomp_flags=$(pkg-config --cflags --libs libseccomp 2>/dev/null); then
	:
else
	seccomp_flags=-lseccomp
fi
# shellcheck disable=SC2086 # seccomp_flags is a list of flags
${CC:-cc} -o "$tmpdir/names" "$tmpdir/names.c" $seccomp_flags
"$tmpdir/names" >"$tmpdir/names.txt"

python3 - "$headers" "$tmpdir/names.txt" "$mode" >"$tmpdir/out" <<'EOF'
import re
import sys

PROG = 'gen-syscall-args.sh'


def fail(msg):
	sys.stderr.write('%s: %s\n' % (PROG, msg))
	sys.exit(1)


# Width, as the kernel reads it, of every type an argument of an x86_64
# system call has in the prototypes.  Pointers (anything with * or [ ]) are
# 64-bit and need no entry.  Sources: include/linux/types.h,
# include/uapi/asm-generic/posix_types.h,
# arch/x86/include/uapi/asm/posix_types_64.h and the headers named.
TYPES = {
	# C types (LP64)
	'int': 32,
	'unsigned int': 32,
	'unsigned': 32,
	'long': 64,
	'unsigned long': 64,
	# fixed width
	'u32': 32,
	'__u32': 32,
	's32': 32,
	'__s32': 32,
	'uint32_t': 32,
	'int32_t': 32,
	'u64': 64,
	'__u64': 64,
	# 16-bit: the kernel ignores everything above the low 16 bits
	'umode_t': 16,		# unsigned short
	'old_uid_t': 16,	# __kernel_old_uid_t: unsigned short on x86
	'old_gid_t': 16,	# __kernel_old_gid_t: unsigned short on x86
	# int-sized typedefs
	'pid_t': 32,		# __kernel_pid_t: int
	'uid_t': 32,		# __kernel_uid32_t: unsigned int
	'gid_t': 32,		# __kernel_gid32_t: unsigned int
	'qid_t': 32,		# __kernel_uid32_t (linux/quota.h)
	'key_t': 32,		# __kernel_key_t: int
	'key_serial_t': 32,	# int32_t (linux/key.h)
	'clockid_t': 32,	# __kernel_clockid_t: int
	'timer_t': 32,		# __kernel_timer_t: int
	'mqd_t': 32,		# __kernel_mqd_t: int
	'rwf_t': 32,		# __kernel_rwf_t: int (uapi/linux/fs.h)
	'__kernel_rwf_t': 32,	# int
	# enum with small constants: int-sized (uapi/linux/landlock.h)
	'enum landlock_rule_type': 32,
	# long-sized typedefs
	'size_t': 64,		# __kernel_size_t: __kernel_ulong_t
	'off_t': 64,		# __kernel_off_t: __kernel_long_t
	'loff_t': 64,		# __kernel_loff_t: long long
	'aio_context_t': 64,	# __kernel_ulong_t (uapi/linux/aio_abi.h)
	'cap_user_header_t': 64,	# pointer (uapi/linux/capability.h)
	'cap_user_data_t': 64,	# pointer (uapi/linux/capability.h)
	'__sighandler_t': 64,	# pointer to function
}

# The value, for x86_64, of each #if in syscalls.h around a prototype the
# table uses.  A prototype under an #if not listed here stops the generator.
CONDITIONS = {
	# The include guard.
	'!defined(_LINUX_SYSCALLS_H)': True,
	# x86_64 has the syscall wrapper, so its kernel build skips these
	# prototypes; they are kept "for information" and give the types
	# the SYSCALL_DEFINEx definitions have.  Read them.
	'defined(CONFIG_ARCH_HAS_SYSCALL_WRAPPER)': False,
	# Only sparc and alpha have an odd rt_sigaction.
	'defined(CONFIG_ODD_RT_SIGACTION)': False,
	# arch/x86/Kconfig selects CLONE_BACKWARDS for X86_32 only;
	# CLONE_BACKWARDS3 is microblaze's.
	'defined(CONFIG_CLONE_BACKWARDS)': False,
	'defined(CONFIG_CLONE_BACKWARDS3)': False,
	# Split 64-bit arguments are for 32-bit arches.
	'defined(CONFIG_ARCH_SPLIT_ARG64)': False,
	# arch/x86/include/asm/unistd.h defines it on x86_64 (utime, utimes,
	# futimesat).
	'defined(__ARCH_WANT_SYS_UTIME)': True,
	# Only for 32-bit arches (fcntl64, truncate64 and the like).
	'BITS_PER_LONG == 32': False,
}

# x86_64 system calls whose entry point is not sys_NAME
# (arch/x86/entry/syscalls/syscall_64.tbl, Linux 6.1 to 6.12).
ENTRY = {
	'stat': 'newstat',		# 4: struct stat, not __old_kernel_stat
	'fstat': 'newfstat',		# 5
	'lstat': 'newlstat',		# 6
	'sendfile': 'sendfile64',	# 40: loff_t *offset, not off_t *
	'uname': 'newuname',		# 63: struct new_utsname
	'umount2': 'umount',		# 166: sys_umount(name, flags)
}

# Entry points defined in arch/x86 with no prototype in syscalls.h, as
# SYSCALL_DEFINEx gives them in Linux 6.1.
ARCH_PROTOS = {
	# arch/x86/kernel/sys_x86_64.c: SYSCALL_DEFINE6(mmap, ...)
	'mmap': 'unsigned long addr, unsigned long len, unsigned long prot, '
		'unsigned long flags, unsigned long fd, unsigned long off',
	# arch/x86/kernel/signal.c: SYSCALL_DEFINE0(rt_sigreturn)
	'rt_sigreturn': 'void',
	# arch/x86/kernel/ldt.c: SYSCALL_DEFINE3(modify_ldt, ...)
	'modify_ldt': 'int func, void __user *ptr, unsigned long bytecount',
	# arch/x86/kernel/process_64.c: SYSCALL_DEFINE2(arch_prctl, ...)
	'arch_prctl': 'int option, unsigned long arg2',
	# arch/x86/kernel/ioport.c: SYSCALL_DEFINE1(iopl, ...)
	# (its ioperm has the prototype syscalls.h gives)
	'iopl': 'unsigned int level',
}

# Names libseccomp knows for x86_64 that have no entry point there
# (syscall_64.tbl lists them without one, or with sys_ni_syscall): the
# kernel returns ENOSYS whatever the arguments.
NOT_IMPLEMENTED = {
	'_sysctl': 'sys_ni_syscall since Linux 5.5',
	'lookup_dcookie': 'removed in Linux 6.7',
	'afs_syscall': 'no entry point',
	'create_module': 'no entry point',
	'epoll_ctl_old': 'no entry point',
	'epoll_wait_old': 'no entry point',
	'get_kernel_syms': 'no entry point',
	'get_thread_area': 'no entry point for the 64-bit ABI',
	'getpmsg': 'no entry point',
	'nfsservctl': 'no entry point',
	'putpmsg': 'no entry point',
	'query_module': 'no entry point',
	'security': 'no entry point',
	'set_thread_area': 'no entry point for the 64-bit ABI',
	'tuxcall': 'no entry point',
	'uselib': 'no entry point for the 64-bit ABI',
	'vserver': 'no entry point',
}

# Arguments the entry point declares as long but only ever hands on as a
# 32-bit value, checked in the Linux 6.1 sources: the kernel acts on the low
# 32 bits alone.  Not exhaustive.
OVERRIDE_BODY = {
	# kernel/fork.c: .flags and .exit_signal are taken from
	# lower_32_bits(clone_flags).
	'clone': [0],
	# mm/mmap.c ksys_mmap_pgoff: fd goes to fget(unsigned int) and
	# audit_mmap_fd(int).
	'mmap': [4],
	# mm/mempolicy.c kernel_mbind: int lmode = mode.
	'mbind': [2],
	# kernel/ptrace.c: pid goes to find_get_task_by_vpid(pid_t).
	'ptrace': [1],
	# fs/read_write.c: fd goes to fdget_pos(int) (do_readv, do_writev)
	# or fdget(unsigned int) (do_preadv, do_pwritev); the *v2 calls use
	# the same helpers.
	'readv': [0],
	'writev': [0],
	'preadv': [0],
	'pwritev': [0],
	'preadv2': [0],
	'pwritev2': [0],
}


def uncomment(text):
	"""Comments blanked out, newlines kept."""
	return re.sub(r'/\*.*?\*/',
		      lambda m: re.sub(r'[^\n]', ' ', m.group(0)),
		      text, flags=re.S)


def condition(directive):
	"""(expression, polarity) of an #if, #ifdef or #ifndef line."""
	m = re.match(r'#\s*(ifdef|ifndef)\s+(\w+)\s*$', directive)
	if m:
		return 'defined(%s)' % m.group(2), m.group(1) == 'ifdef'
	m = re.match(r'#\s*if\s+(.*?)\s*$', directive)
	expr = ' '.join(m.group(1).split())
	if expr.startswith('!defined(') and expr.endswith(')'):
		return expr[1:], False
	return expr, True


def value(expr, polarity):
	"""True, False, or None when CONDITIONS does not say."""
	if expr in CONDITIONS:
		return CONDITIONS[expr] == polarity
	neg = '!' + expr
	if neg in CONDITIONS:
		return CONDITIONS[neg] != polarity
	return None


def read_prototypes(path):
	"""{entry: [(state, params, line)]}; state True, False or None."""
	try:
		with open(path) as f:
			lines = uncomment(f.read()).split('\n')
	except OSError as e:
		fail('%s: %s' % (path, e.strerror))

	decls = {}
	stack = []	# [expression, value] per open #if
	stmt = None	# [text, state, line] of an asmlinkage statement
	cont = False	# in a directive's backslash continuation
	for num, line in enumerate(lines, 1):
		if cont:
			cont = line.rstrip().endswith('\\')
			continue
		s = line.strip()
		if stmt is None and s.startswith('#'):
			cont = s.endswith('\\')
			d = re.match(r'#\s*(\w+)', s)
			d = d.group(1) if d else ''
			if d in ('if', 'ifdef', 'ifndef'):
				expr, pol = condition(s)
				stack.append([expr, value(expr, pol)])
			elif d == 'elif':
				if not stack:
					fail('%s:%d: #elif without #if' %
					     (path, num))
				stack[-1] = [s, None]
			elif d == 'else':
				if not stack:
					fail('%s:%d: #else without #if' %
					     (path, num))
				v = stack[-1][1]
				stack[-1][1] = None if v is None else not v
			elif d == 'endif':
				if not stack:
					fail('%s:%d: #endif without #if' %
					     (path, num))
				stack.pop()
			continue
		if stmt is None:
			if not s.startswith('asmlinkage'):
				continue
			vals = [v for _, v in stack]
			state = False if False in vals else \
				None if None in vals else True
			stmt = ['', state, num, [e for e, v in stack
						 if v is None]]
		stmt[0] += ' ' + s
		if ';' not in s:
			continue
		text, state, start, unknown = stmt
		stmt = None
		text = ' '.join(text.split())
		m = re.match(r'asmlinkage long sys_(\w+)\s*\((.*)\)\s*;$',
			     text)
		if not m:
			if re.match(r'asmlinkage long sys_', text):
				fail('%s:%d: cannot read "%s"' %
				     (path, start, text))
			continue
		decls.setdefault(m.group(1), []).append(
			(state, m.group(2), '%s:%d' % (path, start), unknown))
	if stack:
		fail('%s: #if without #endif' % path)
	return decls


def arg_type(param, where):
	"""The TYPES key of one parameter, or 'pointer'."""
	p = re.sub(r'\b(__user|__force|const|volatile|restrict)\b', ' ',
		   param)
	p = ' '.join(p.split())
	if any(c in p for c in '*[('):
		return 'pointer'
	if p in TYPES:
		return p
	words = p.split(' ')
	if len(words) > 1 and ' '.join(words[:-1]) in TYPES:
		return ' '.join(words[:-1])
	fail('%s: no width known for the type of "%s"; add it to TYPES' %
	     (where, param.strip()))


def arg_types(params, where):
	params = params.strip()
	if params == 'void':
		return []
	types = [arg_type(p, where) for p in params.split(',')]
	if len(types) > 6:
		fail('%s: more than 6 arguments' % where)
	return types


# How log = stderr shows each argument (the reporter's formats), from the
# same prototypes: f a descriptor, D a directory descriptor (AT_FDCWD), s a
# string (a char pointer that is no buffer), p another pointer, o a mode in
# octal, a an address family, u a size, d a signed number, x anything else
# (flags, masks, addresses) in hex.
FD_NAMES = {'fd', 'oldfd', 'newfd', 'fd_in', 'fd_out', 'epfd', 'ufd',
	    'out_fd', 'in_fd', 'pidfd', 'fildes', 'fd_from', 'fd_to', 'fdin',
	    'fdout'}
DIRFD_NAMES = {'dfd', 'olddfd', 'newdfd', 'dirfd', 'from_dfd', 'to_dfd'}
# descriptors named fd that are directory descriptors (AT_FDCWD)
DIRFD_PAIRS = {('fanotify_mark', 'fd')}
# char pointers that are buffers, not NUL-terminated strings: the
# reporter must not read them as strings (what a program left in a buffer
# the kernel writes, or past a counted one's end)
BUFFER_NAMES = {'buf', 'ubuf', 'optval', 'value', 'list', 'payload', 'vec',
		'data', 'param', 'buffer', 'bytes', 'shmaddr', 'msg_ptr'}
# counted names (NAME, LEN), not NUL-terminated
BUFFER_PAIRS = {('sethostname', 'name'), ('setdomainname', 'name')}
# integers that are addresses
ADDRESS_NAMES = {'addr', 'start', 'newsp', 'brk', 'new_addr', 'old_addr'}
# integers shown in hex: flags, masks, commands
FLAG_NAMES = {'flag', 'prot', 'cmd', 'how', 'type', 'nstype', 'magic1',
	      'magic2', 'options'}
# ints that are modes, in octal: permission bits and access(2)'s R_OK...
MODE_NAMES = {('access', 'mode'), ('faccessat', 'mode'),
	      ('faccessat2', 'mode'), ('umask', 'mask')}
SIZE_NAMES = {'len', 'count', 'size', 'bufsiz', 'bytecount', 'addrlen',
	      'vlen', 'nbytes', 'usize', 'sigsetsize', 'plen', 'optlen',
	      'buflen', 'bufsize', 'nfds', 'addr_len'}
SIGNED = {'int', 'long', 'pid_t', 'uid_t', 'gid_t', 'old_uid_t',
	  'old_gid_t', 'qid_t', 'key_t', 'key_serial_t', 'clockid_t',
	  'timer_t', 'mqd_t', 'off_t', 'loff_t', 's32', '__s32', 'int32_t'}

# Parameter names for the prototypes that give none, as the calls'
# SYSCALL_DEFINEx give them (Linux 6.12: net/socket.c, kernel/fork.c,
# fs/aio.c, fs/select.c, kernel/signal.c).  A prototype that has names, or
# one without names missing here, stops the generator.
PARAM_NAMES = {
	'accept': ['fd', 'upeer_sockaddr', 'upeer_addrlen'],
	'accept4': ['fd', 'upeer_sockaddr', 'upeer_addrlen', 'flags'],
	'bind': ['fd', 'umyaddr', 'addrlen'],
	'clone': ['clone_flags', 'newsp', 'parent_tidptr', 'child_tidptr',
		  'tls'],
	'connect': ['fd', 'uservaddr', 'addrlen'],
	'getpeername': ['fd', 'usockaddr', 'usockaddr_len'],
	'getsockname': ['fd', 'usockaddr', 'usockaddr_len'],
	'io_submit': ['ctx_id', 'nr', 'iocbpp'],
	'listen': ['fd', 'backlog'],
	'ppoll': ['ufds', 'nfds', 'tsp', 'sigmask', 'sigsetsize'],
	'pselect6': ['n', 'inp', 'outp', 'exp', 'tsp', 'sig'],
	'recvfrom': ['fd', 'ubuf', 'size', 'flags', 'addr', 'addr_len'],
	'rt_sigaction': ['sig', 'act', 'oact', 'sigsetsize'],
	'sendto': ['fd', 'buff', 'len', 'flags', 'addr', 'addr_len'],
	'shutdown': ['fd', 'how'],
	'socket': ['family', 'type', 'protocol'],
	'socketpair': ['family', 'type', 'protocol', 'usockvec'],
}


def unnamed(param):
	"""Whether a parameter is a type alone ("int", "int __user *")."""
	p = re.sub(r'\b(__user|__force|const|volatile|restrict)\b', ' ',
		   param)
	p = ' '.join(p.split())
	return p.endswith('*') or p in TYPES or \
		p.split(' ')[-1] in ('int', 'long', 'unsigned')


def param_name(param):
	m = re.search(r'(\w+)\s*(\[\s*\])?\s*$', param)
	return m.group(1) if m else ''


def arg_format(call, name, param, type_):
	"""The reporter's letter for one parameter."""
	if type_ == 'pointer':
		if re.search(r'\bchar\b', param) and param.count('*') == 1 \
		   and name not in BUFFER_NAMES and \
		   (call, name) not in BUFFER_PAIRS:
			return 's'
		return 'p'
	if name in DIRFD_NAMES or (call, name) in DIRFD_PAIRS:
		return 'D'
	if name in FD_NAMES or name == 'mountdirfd' or \
	   (name.endswith('_fd') and not name.startswith('max')):
		return 'f'
	if type_ == 'umode_t' or (call, name) in MODE_NAMES:
		return 'o'
	if name == 'family' and call in ('socket', 'socketpair'):
		return 'a'
	if name in ADDRESS_NAMES:
		return 'p'
	if name.endswith('flags') or name.endswith('flg') or \
	   name in FLAG_NAMES:
		return 'x'
	if type_ == 'size_t' or name in SIZE_NAMES:
		return 'u'
	if type_ in SIGNED:
		return 'd'
	return 'x'


def call_formats(call, params, types):
	params = params.strip()
	if params == 'void':
		return ''
	params = params.split(',')
	nameless = [p for p in params if unnamed(p)]
	if call in PARAM_NAMES:
		if not nameless or len(PARAM_NAMES[call]) != len(params):
			fail('PARAM_NAMES[%s] no longer matches sys_%s(%s)' %
			     (call, call, ', '.join(params)))
		names = PARAM_NAMES[call]
	elif nameless:
		fail('sys_%s(%s) names no parameters: add it to PARAM_NAMES' %
		     (call, ', '.join(params)))
	else:
		names = [param_name(p) for p in params]
	return ''.join(arg_format(call, n, p, t)
		       for n, p, t in zip(names, params, types))


def write_formats(table, numbers, kernel, lsc_version):
	"""shim/preload/syscall-formats.c: the reporter's formats by number."""
	rows = sorted((numbers[name], name, call_formats(name, params, types))
		      for name, _, entry, types, _, params, _ in table
		      if entry is not None)
	p = print
	p('/*')
	p(' * Generated by shim/gen/gen-syscall-args.sh -F from the prototypes of')
	p(' * Linux %s (include/linux/syscalls.h plus the x86_64 overrides listed'
	  % kernel)
	p(' * in the script), for the x86_64 system calls libseccomp %s knows.'
	  % lsc_version)
	p(' * Do not edit by hand; regenerate with')
	p(' *')
	p(' *	shim/gen/gen-syscall-args.sh -F -o shim/preload/syscall-formats.c \\')
	p(' *		KERNEL_HEADERS')
	p(' *')
	p(' * How log = stderr shows the arguments of each call (the letters are')
	p(' * syscall-formats.h\'s), derived from the same prototypes as the')
	p(' * widths in shim/compiler/syscall-args.c.  By number, for the binary')
	p(' * search.')
	p(' */')
	p('/* clang-format off */')
	p('#include "config.h"')
	p('')
	p('#include <stddef.h>')
	p('')
	p('#include "syscall-formats.h"')
	p('')
	p('/* %d system calls */' % len(rows))
	p('static const struct syscall_format syscall_format_table[] = {')
	for nr, name, fmt in rows:
		p('\t{ %d, "%s" }, /* %s */' % (nr, fmt, name))
	p('};')
	p('')
	p('const char *syscall_format(unsigned int nr)')
	p('{')
	p('\tunsigned int low = 0, high = sizeof(syscall_format_table) /')
	p('\t\t\t\t       sizeof(syscall_format_table[0]);')
	p('')
	p('\twhile (low < high) {')
	p('\t\tunsigned int mid = low + (high - low) / 2;')
	p('')
	p('\t\tif (syscall_format_table[mid].nr == nr)')
	p('\t\t\treturn syscall_format_table[mid].args;')
	p('\t\tif (syscall_format_table[mid].nr < nr)')
	p('\t\t\tlow = mid + 1;')
	p('\t\telse')
	p('\t\t\thigh = mid;')
	p('\t}')
	p('\treturn NULL;')
	p('}')


def main():
	headers, names_path, mode = sys.argv[1:4]

	with open(names_path) as f:
		lines = f.read().split('\n')
	lsc_version = lines[0]
	if not re.match(r'^\d+\.\d+\.\d+$', lsc_version):
		fail('bad libseccomp version "%s"' % lsc_version)
	names = set()
	numbers = {}
	for line in lines[1:]:
		if line:
			nr, nm = line.split(' ')
			names.add(nm)
			numbers[nm] = int(nr)
	if not names:
		fail('libseccomp knows no x86_64 system call')

	kver = {}
	try:
		with open(headers + '/Makefile') as f:
			for line in f:
				m = re.match(r'(VERSION|PATCHLEVEL|SUBLEVEL)'
					     r'\s*=\s*(\d+)\s*$', line)
				if m and m.group(1) not in kver:
					kver[m.group(1)] = m.group(2)
	except OSError as e:
		fail('%s/Makefile: %s' % (headers, e.strerror))
	if len(kver) != 3:
		fail('%s/Makefile: no kernel version' % headers)
	kernel = '%s.%s.%s' % (kver['VERSION'], kver['PATCHLEVEL'],
			       kver['SUBLEVEL'])

	for lst, what in ((ENTRY, 'ENTRY'), (ARCH_PROTOS, 'ARCH_PROTOS'),
			  (NOT_IMPLEMENTED, 'NOT_IMPLEMENTED'),
			  (OVERRIDE_BODY, 'OVERRIDE_BODY'),
			  (PARAM_NAMES, 'PARAM_NAMES')):
		for name in sorted(lst):
			if name not in names:
				fail('%s names %s, which libseccomp %s does '
				     'not know for x86_64' %
				     (what, name, lsc_version))

	decls = read_prototypes(headers + '/include/linux/syscalls.h')

	table = []
	missing = []
	for name in sorted(names):
		if name in NOT_IMPLEMENTED:
			continue
		entry = ENTRY.get(name, name)
		found = decls.get(entry, [])
		active = [d for d in found if d[0] is True]
		unknown = [d for d in found if d[0] is None]
		if name in ARCH_PROTOS:
			if active or unknown:
				fail('sys_%s now has a prototype at %s; '
				     'drop it from ARCH_PROTOS' %
				     (entry, (active + unknown)[0][2]))
			params = ARCH_PROTOS[name]
			where = 'ARCH_PROTOS[%s]' % name
			how = 'arch/x86'
		else:
			if unknown:
				fail('%s: sys_%s is under #if %s; add it to '
				     'CONDITIONS' % (unknown[0][2], entry,
						    unknown[0][3][0]))
			if len(active) > 1:
				fail('sys_%s has %d prototypes (%s)' %
				     (entry, len(active),
				      ', '.join(d[2] for d in active)))
			if not active:
				fail('sys_%s has no prototype in Linux %s: add '
				     'it to ARCH_PROTOS, or to NOT_IMPLEMENTED if '
				     'x86_64 has no entry point for it' %
				     (entry, kernel))
			params = active[0][1]
			where = active[0][2]
			how = 'syscalls.h'
		types = arg_types(params, where)
		mask = 0
		for i, t in enumerate(types):
			if t != 'pointer' and TYPES[t] <= 32:
				mask |= 1 << i
			if t != 'pointer' and TYPES[t] == 16:
				mask |= 1 << (i + 8)
		if name in OVERRIDE_BODY:
			for i in OVERRIDE_BODY[name]:
				if i >= len(types) or types[i] == 'pointer' \
				   or TYPES[types[i]] != 64:
					fail('OVERRIDE_BODY[%s]: argument %d '
					     'is not a 64-bit integer' %
					     (name, i))
				mask |= 1 << i
			how += ', body: ' + ' '.join(
				'a%d' % i for i in OVERRIDE_BODY[name])
		table.append((name, mask, entry, types, how, params, where))
	for name in sorted(NOT_IMPLEMENTED):
		table.append((name, 0x10000, None, [], 'not implemented', 'void', None))
	table.sort(key=lambda e: e[0])

	if mode == 'explain':
		for name, mask, entry, types, how, params, _ in table:
			if entry is None:
				print('%-24s -     not implemented on x86_64: '
				      '%s' % (name, NOT_IMPLEMENTED[name]))
				continue
			print('%-24s 0x%02x  %-6s sys_%s(%s)  [%s]' %
			      (name, mask, call_formats(name, params, types),
			       entry, params, how))
		return
	if mode == 'formats':
		write_formats(table, numbers, kernel, lsc_version)
		return

	def wrap(words, indent):
		out, line = [], indent
		for w in words:
			if len(line.expandtabs()) + 1 + len(w) > 79:
				out.append(line)
				line = indent
			line += ' ' + w
		out.append(line)
		return out

	p = print
	p('/*')
	p(' * Generated by shim/gen/gen-syscall-args.sh from the prototypes of Linux '
	  + kernel)
	p(' * (include/linux/syscalls.h plus the x86_64 overrides listed in the')
	p(' * script), for the x86_64 system calls libseccomp %s knows.  Do not'
	  % lsc_version)
	p(' * edit by hand; regenerate with')
	p(' *')
	p(' *	shim/gen/gen-syscall-args.sh -o shim/compiler/syscall-args.c KERNEL_HEADERS')
	p(' *')
	p(' * Bit N of a mask is set when the kernel reads argument N as a 32-bit')
	p(' * or narrower integer, bit N + 8 when it reads it as a 16-bit one;')
	p(' * 0x10000 marks the calls x86_64 has no entry point for (ENOSYS')
	p(' * whatever the arguments):')
	for line in wrap(sorted(NOT_IMPLEMENTED), ' *  '):
		p(line)
	p(' * Every x86_64 name libseccomp knows has an entry.  Names are in')
	p(' * C-locale order for bsearch.')
	p(' */')
	p('/* clang-format off */')
	p('#include "config.h"')
	p('')
	p('#include <stdlib.h>')
	p('#include <string.h>')
	p('')
	p('#include "syscall-args.h"')
	p('')
	p('struct syscall_args32_entry {')
	p('\tconst char *name;')
	p('\tunsigned int mask;')
	p('};')
	p('')
	p('/* %d system calls */' % len(table))
	p('static const struct syscall_args32_entry syscall_args32_table[] = {')
	for name, mask, _, _, _, _, _ in table:
		p('\t{ "%s", 0x%04x },' % (name, mask))
	p('};')
	p('')
	p('static int syscall_args32_cmp(const void *key, const void *elem)')
	p('{')
	p('\tconst struct syscall_args32_entry *e = elem;')
	p('')
	p('\treturn strcmp(key, e->name);')
	p('}')
	p('')
	p('static const struct syscall_args32_entry *syscall_args_entry(')
	p('\tconst char *name)')
	p('{')
	p('\tif (!name)')
	p('\t\treturn NULL;')
	p('\treturn bsearch(name, syscall_args32_table,')
	p('\t\t       sizeof(syscall_args32_table) /')
	p('\t\t\t       sizeof(syscall_args32_table[0]),')
	p('\t\t       sizeof(syscall_args32_table[0]), syscall_args32_cmp);')
	p('}')
	p('')
	p('static unsigned int syscall_args_mask(const char *name)')
	p('{')
	p('\tconst struct syscall_args32_entry *e = syscall_args_entry(name);')
	p('')
	p('\treturn e ? e->mask : 0;')
	p('}')
	p('')
	p('int syscall_args_known(const char *name)')
	p('{')
	p('\treturn syscall_args_entry(name) != NULL;')
	p('}')
	p('')
	p('unsigned int syscall_args32(const char *name)')
	p('{')
	p('\treturn syscall_args_mask(name) & 0x3f;')
	p('}')
	p('')
	p('unsigned int syscall_args16(const char *name)')
	p('{')
	p('\treturn (syscall_args_mask(name) >> 8) & 0x3f;')
	p('}')


main()
EOF

if [ -n "$out" ]; then
	cp "$tmpdir/out" "$out.tmp.$$"
	mv "$out.tmp.$$" "$out"
else
	cat "$tmpdir/out"
fi
