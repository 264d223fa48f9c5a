/*
 * Unit tests of the core (parse -> resolve -> compile), linked without the
 * preload constructor. Nothing here loads a filter into the kernel.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action.h"
#include "condition.h"
#include "constants.h"
#include "error.h"
#include "filter.h"
#include "groups.h"
#include "heap.h"
#include "cache.h"
#include "compile.h"
#include "landlock-rules.h"
#include "landlock.h"
#include "lint.h"
#include "policy.h"
#include "rules.h"
#include "suggest.h"
#include "syscall-args.h"

#define HEAD "[policy]\nversion = 1\ndefault = allow\n"

static int parse_text(const char *text, struct policy *p,
		      struct shim_error *err)
{
	return policy_parse(text, strlen(text), "FILE", p, err);
}

/* Parse and resolve text; on failure, the formatted error in msg. */
static int load_text(const char *text, struct policy *p, struct ruleset *r,
		     char *msg, size_t size)
{
	struct shim_error err;
	int rc = parse_text(text, p, &err);

	if (rc == 0) {
		rc = rules_resolve(p, r, &err);
		if (rc < 0)
			policy_free(p);
	}
	if (rc < 0)
		error_format(&err, msg, size);
	return rc;
}

static void expect_error(const char *text, const char *expected)
{
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_lt(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_str_eq(msg, expected);
}

/* --- actions ----------------------------------------------------------- */

START_TEST(test_action_names)
{
	static const struct {
		const char *text;
		uint32_t action;
	} cases[] = {
		{"allow", SCMP_ACT_ALLOW},
		{"kill", SCMP_ACT_KILL_PROCESS},
		{"kill-thread", SCMP_ACT_KILL_THREAD},
		{"trap", SCMP_ACT_TRAP},
		{"log", SCMP_ACT_LOG},
		{"errno:EPERM", SCMP_ACT_ERRNO(EPERM)},
		{"errno:EBADF", SCMP_ACT_ERRNO(EBADF)},
		{"errno:ENOSYS", SCMP_ACT_ERRNO(ENOSYS)},
		{"errno:EWOULDBLOCK", SCMP_ACT_ERRNO(EAGAIN)},
		{"errno:EHWPOISON", SCMP_ACT_ERRNO(EHWPOISON)},
		{"errno:0", SCMP_ACT_ERRNO(0)},
		{"errno:13", SCMP_ACT_ERRNO(13)},
		{"errno:4095", SCMP_ACT_ERRNO(4095)},
	};
	char why[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		uint32_t action = 0;

		ck_assert_msg(action_parse(cases[i].text, &action, why,
					   sizeof(why)) == 0,
			      "%s: %s", cases[i].text, why);
		ck_assert_uint_eq(action, cases[i].action);
	}
}
END_TEST

START_TEST(test_action_errors)
{
	static const char *const bad[] = {
		"",	    "deny",	    "Allow",
		"errno:",   "errno:EPERMX", "errno:4096",
		"errno:-1", "errno:1x",	    "errno:99999999999999999999",
		"kill ",    "errno:eperm",
	};
	char why[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		uint32_t action = 0;

		ck_assert_msg(action_parse(bad[i], &action, why, sizeof(why)) ==
				      -EINVAL,
			      "'%s' accepted", bad[i]);
		ck_assert(why[0] != '\0');
	}
}
END_TEST

START_TEST(test_action_format)
{
	char buf[64];
	uint32_t action;
	static const char *const names[] = {
		"allow", "kill",	"kill-thread", "trap",
		"log",	 "errno:EPERM", "errno:0",     "errno:4095",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		ck_assert_int_eq(
			action_parse(names[i], &action, buf, sizeof(buf)), 0);
		ck_assert_str_eq(action_format(action, buf, sizeof(buf)),
				 names[i]);
	}
}
END_TEST

START_TEST(test_errno_table)
{
	/* Every value 1..133 that glibc names is in the table, both ways. */
	int named = 0;

	for (int e = 1; e <= 133; e++) {
		const char *name = strerrorname_np(e);

		if (!name)
			continue;
		named++;
		ck_assert_msg(errno_lookup(name) == e, "%s", name);
		ck_assert_ptr_nonnull(errno_name(e));
	}
	ck_assert_int_ge(named, 130);
	ck_assert_int_eq(errno_lookup("ENOTSUP"), EOPNOTSUPP);
	ck_assert_int_eq(errno_lookup("NOPE"), -1);
}
END_TEST

/* --- parser: accepted forms -------------------------------------------- */

START_TEST(test_parse_minimal)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(HEAD, &p, &err), 0);
	ck_assert_int_eq(p.mode, POLICY_MODE_FILTER);
	ck_assert_uint_eq(p.default_action, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(p.n_entries, 0);
	ck_assert_uint_eq(p.n_arches, 0);
	ck_assert_str_eq(p.file, "FILE");
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_strict)
{
	static const struct {
		const char *heap;
		size_t bytes;
	} sizes[] = {
		{"0", 0},
		{"4096", 4096},
		{"100K", 100 << 10},
		{"64M", (size_t)64 << 20},
		{"3G", (size_t)3 << 30},
		{"1024G", (size_t)1 << 40},
	};
	char text[128];
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(
		parse_text("[policy]\nversion = 1\nmode = strict\n", &p, &err),
		0);
	ck_assert_int_eq(p.mode, POLICY_MODE_STRICT);
	ck_assert_uint_eq(p.heap, POLICY_HEAP_DEFAULT);
	ck_assert_int_eq(p.stdout_full, 0);
	ck_assert_uint_eq(p.mode_line, 3);
	policy_free(&p);
	ck_assert_int_eq(parse_text("[policy]\nversion = 1\nmode = strict\n"
				    "stdout_buffer = full\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(p.stdout_full, 1);
	policy_free(&p);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		snprintf(text, sizeof(text),
			 "[policy]\nheap = %s\nmode = strict\nversion = 1\n",
			 sizes[i].heap);
		ck_assert_msg(parse_text(text, &p, &err) == 0, "%s: %s",
			      sizes[i].heap, err.message);
		ck_assert_uint_eq(p.heap, sizes[i].bytes);
		ck_assert_uint_eq(p.heap_line, 2);
		policy_free(&p);
	}
}
END_TEST

START_TEST(test_heap_chunks)
{
	/* glibc's chunk sizes on x86_64: n + 8 rounded up to 16, >= 32. */
	ck_assert_uint_eq(heap_chunk_size(0), 32);
	ck_assert_uint_eq(heap_chunk_size(24), 32);
	ck_assert_uint_eq(heap_chunk_size(25), 48);
	ck_assert_uint_eq(heap_chunk_size(1000), 1008);
	ck_assert_uint_eq(heap_chunk_size(1 << 20), (1 << 20) + 16);
	ck_assert_uint_eq(heap_chunk_size(SIZE_MAX), 0);
	ck_assert_uint_eq(heap_chunk_size(PTRDIFF_MAX), 0);
	/* glibc hands out a chunk of that size, or one less than a minimum
	 * chunk larger when the rest would be too small to keep apart.
	 * (Only where malloc is glibc's: not under AddressSanitizer or
	 * valgrind, which bring their own.) */
	void *probe = malloc(1);
	size_t usable = malloc_usable_size(probe);

	free(probe);
	if (usable != 24) /* glibc's smallest chunk holds 24 bytes */
		return;
	for (size_t n = 0; n < 5000; n += 7) {
		void *p = malloc(n);
		size_t chunk = malloc_usable_size(p) + 8;

		ck_assert_uint_eq(chunk % 16, 0);
		ck_assert_uint_ge(chunk, heap_chunk_size(n));
		ck_assert_uint_lt(chunk, heap_chunk_size(n) + 32);
		free(p);
	}
}
END_TEST

START_TEST(test_parse_forms)
{
	/* Comments of both kinds, anywhere; indentation; CRLF; a BOM; blank
	 * lines; spaces around '=' and inside section brackets. */
	static const char text[] = "\xef\xbb\xbf# a policy\r\n"
				   "; another comment\n"
				   "[ policy ]   # trailing\n"
				   "  version=1\n"
				   "\tmode = filter ; inline\n"
				   "default   =   errno:ENOSYS\r\n"
				   "\n"
				   "[syscalls]\n"
				   "mkdir = errno:EPERM   # no mkdir\n"
				   "    mkdirat = kill\n"
				   "socket = errno:13\n"
				   "_llseek = trap\n";
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(text, &p, &err), 0);
	ck_assert_uint_eq(p.default_action, SCMP_ACT_ERRNO(ENOSYS));
	ck_assert_uint_eq(p.n_entries, 4);
	ck_assert_str_eq(p.entries[0].name, "mkdir");
	ck_assert_uint_eq(p.entries[0].action, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(p.entries[0].line, 9);
	ck_assert_str_eq(p.entries[1].name, "mkdirat");
	ck_assert_uint_eq(p.entries[1].action, SCMP_ACT_KILL_PROCESS);
	ck_assert_uint_eq(p.entries[1].line, 10);
	ck_assert_uint_eq(p.entries[2].action, SCMP_ACT_ERRNO(13));
	ck_assert_uint_eq(p.entries[3].line, 12);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_no_final_newline)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(HEAD "[syscalls]\nmkdir = kill", &p, &err),
			 0);
	ck_assert_uint_eq(p.n_entries, 1);
	ck_assert_uint_eq(p.entries[0].line, 5);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_arches)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(
		parse_text(HEAD "architectures = native, x86 x32\n", &p, &err),
		0);
	ck_assert_uint_eq(p.n_arches, 3);
	ck_assert_uint_eq(p.arches[0], seccomp_arch_native());
	ck_assert_uint_eq(p.arches[1], SCMP_ARCH_X86);
	ck_assert_uint_eq(p.arches[2], SCMP_ARCH_X32);
	policy_free(&p);
	ck_assert_int_eq(parse_text(HEAD "architectures = aarch64\n", &p, &err),
			 0);
	ck_assert_uint_eq(p.arches[0], SCMP_ARCH_AARCH64);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_many_entries)
{
	/* Enough lines to grow the entry array several times. */
	char *text = malloc(64 * 1024);
	size_t len = (size_t)sprintf(text, HEAD "[syscalls]\n");
	const char *name;
	int n = 0;
	struct policy p;
	struct shim_error err;

	for (int nr = 0; nr < 460; nr++) {
		name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (!name)
			continue;
		len += (size_t)sprintf(text + len, "%s = errno:EPERM\n", name);
		free((void *)name);
		n++;
	}
	ck_assert_int_eq(policy_parse(text, len, "FILE", &p, &err), 0);
	ck_assert_uint_eq(p.n_entries, (size_t)n);
	ck_assert_uint_eq(p.entries[n - 1].line, (unsigned int)n + 4);
	policy_free(&p);
	free(text);
}
END_TEST

/* Build text; the action for (nr, args) by the filter and by the policy. */
struct decided {
	uint32_t filter, policy;
	unsigned int line;
};

static struct decided decide_args(const char *text, uint32_t arch, int nr,
				  const uint64_t *args)
{
	struct policy p;
	struct ruleset r;
	struct filter f;
	struct shim_error err;
	struct seccomp_data d = {.nr = nr, .arch = arch};
	struct decided out;
	char msg[1200];

	memcpy(d.args, args, sizeof(d.args));
	ck_assert_msg(load_text(text, &p, &r, msg, sizeof(msg)) == 0, "%s",
		      msg);
	ck_assert_int_eq(filter_build(&r, &f, &err), 0);
	out.filter = filter_run(&f, &d);
	out.policy = rules_decide(&r, arch, d.nr, (const uint64_t *)d.args,
				  &out.line);
	ck_assert_msg(out.filter == out.policy,
		      "nr %d (%#llx, %#llx, %#llx, %#llx): filter %#x, policy "
		      "%#x",
		      nr, (unsigned long long)args[0],
		      (unsigned long long)args[1], (unsigned long long)args[2],
		      (unsigned long long)args[3], out.filter, out.policy);
	filter_free(&f);
	rules_free(&r);
	policy_free(&p);
	return out;
}

static struct decided decide_raw(const char *text, uint32_t arch, int nr,
				 uint64_t a0, uint64_t a1, uint64_t a2)
{
	uint64_t args[6] = {a0, a1, a2, 0, 0, 0};

	return decide_args(text, arch, nr, args);
}

static struct decided decide(const char *text, uint32_t arch, const char *name,
			     uint64_t a0, uint64_t a1, uint64_t a2)
{
	return decide_raw(text, arch, rules_nr(arch, name), a0, a1, a2);
}

#define X86_64 SCMP_ARCH_X86_64

START_TEST(test_resolve_calls)
{
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_eq(load_text(HEAD "[syscalls]\nmkdir = errno:EPERM\n"
					"socket = allow if a0 == AF_UNIX\n"
					"read = errno:EBADF\n"
					"socket = errno:EACCES\n",
				   &p, &r, msg, sizeof(msg)),
			 0);
	/* and prctl and seccomp, for the shim in child processes */
	/* and clone3 (newer_syscalls), and the three io_uring calls (off
	 * unless named) */
	ck_assert_uint_eq(r.n_calls, 9);
	ck_assert_str_eq(r.calls[0].name, "mkdir");
	ck_assert_str_eq(r.calls[3].name, "prctl");
	ck_assert_str_eq(r.calls[4].name, "seccomp");
	ck_assert_str_eq(r.calls[1].name, "socket");
	ck_assert_uint_eq(r.calls[1].n_rules, 2);
	ck_assert_uint_eq(r.calls[1].rules[0].line, 6);
	ck_assert_uint_eq(r.calls[1].rules[1].line, 8);
	ck_assert_uint_eq(r.calls[1].widths, 7); /* int, int, int */
	ck_assert_uint_eq(r.default_action, SCMP_ACT_ALLOW);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_resolve_foreign_name_skipped)
{
	/* _llseek and socketcall exist only on 32-bit ABIs: a portable policy
	 * may list them, and on x86_64 alone they have no effect. */
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_eq(load_text(HEAD "[syscalls]\n_llseek = kill\n"
					"socketcall = kill\nmkdir = kill\n",
				   &p, &r, msg, sizeof(msg)),
			 0);
	/* mkdir, prctl, seccomp, clone3, io_uring_* */
	ck_assert_uint_eq(r.n_calls, 7);
	ck_assert_str_eq(r.calls[0].name, "mkdir");
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_resolve_foreign_name_kept)
{
	/* With the i386 ABI in the filter, _llseek means something there. */
	struct decided d;
	const char *text = HEAD "architectures = x86\n"
				"[syscalls]\n_llseek = errno:EPERM\n";

	d = decide(text, SCMP_ARCH_X86, "_llseek", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, SCMP_ARCH_X86, "read", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	/* On i386 a line for socket decides the direct call (359), not
	 * socketcall's route (the README says to name socketcall too). */
	text = HEAD "architectures = x86\n[syscalls]\nsocket = kill\n";
	d = decide(text, SCMP_ARCH_X86, "socket", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);
	ck_assert_int_eq(rules_nr(SCMP_ARCH_X86, "socket"), 359);
	d = decide(text, SCMP_ARCH_X86, "socketcall", 1, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
}
END_TEST

START_TEST(test_resolve_errors)
{
	expect_error(HEAD "[syscalls]\nnot_a_syscall = kill\n",
		     "seccomp-shim: FILE:5: unknown system call "
		     "'not_a_syscall'");
	expect_error(HEAD "[syscalls]\nread = allow\nread = kill\n",
		     "seccomp-shim: FILE:6: 'read' already has an action: "
		     "'allow' at line 5");
	/* A name this machine lacks is still a duplicate. */
	expect_error(HEAD "[syscalls]\n_llseek = allow\n_llseek = kill\n",
		     "seccomp-shim: FILE:6: '_llseek' already has an action: "
		     "'allow' at line 5");
	expect_error(HEAD "[syscalls]\nsocket = kill\n"
			  "socket = allow if a0 == AF_UNIX\n",
		     "seccomp-shim: FILE:6: this line can never match: "
		     "'socket = kill' at line 5 already decides every "
		     "'socket' call (put the unconditional line last)");
	expect_error(HEAD "[syscalls]\nsocket = allow if a0 == 0x100000001\n",
		     "seccomp-shim: FILE:5: socket: a0 is a 32-bit argument: "
		     "a value does not fit in 32 bits");
	expect_error(HEAD "[syscalls]\nmmap = kill if a2 & 4 == 5\n",
		     "seccomp-shim: FILE:5: mmap: 'a2 & 0x4 == 0x5' can never "
		     "hold");
	expect_error(HEAD "[syscalls]\nmmap = kill if a1 < 0\n",
		     "seccomp-shim: FILE:5: mmap: 'a1 < 0x0' can never hold");
	/* With i386 in the filter every argument is 32-bit. */
	expect_error(HEAD "architectures = x86\n[syscalls]\n"
			  "mmap = kill if a1 == 0x100000000\n",
		     "seccomp-shim: FILE:6: mmap: a1 is a 32-bit argument: "
		     "a value does not fit in 32 bits");
}
END_TEST

/* --- conditions -------------------------------------------------------- */

START_TEST(test_condition_parse)
{
	struct condition c;
	char why[256], text[512];

	ck_assert_int_eq(condition_parse("a0 == AF_UNIX || a0 == AF_INET6", &c,
					 why, sizeof(why)),
			 0);
	ck_assert_str_eq(condition_format(&c, text, sizeof(text)),
			 "a0 == 0x1 || a0 == 0xa");
	condition_free(&c);
	ck_assert_int_eq(condition_parse("a2 & O_ACCMODE == O_RDONLY", &c, why,
					 sizeof(why)),
			 0);
	ck_assert_str_eq(condition_format(&c, text, sizeof(text)),
			 "a2 & 0x3 == 0x0");
	condition_free(&c);
	ck_assert_int_eq(condition_parse("a1 in {TCGETS, TIOCGWINSZ,FIONREAD}",
					 &c, why, sizeof(why)),
			 0);
	ck_assert_str_eq(condition_format(&c, text, sizeof(text)),
			 "a1 in {0x5401, 0x5413, 0x541b}");
	condition_free(&c);
	ck_assert_int_eq(condition_parse("a0&CLONE_NEWUSER|CLONE_NEWNET!=0&&"
					 "a5>=010&&a4<0x10&&a3<=-1&&a1>7",
					 &c, why, sizeof(why)),
			 0);
	ck_assert_str_eq(condition_format(&c, text, sizeof(text)),
			 "a0 & 0x50000000 != 0x0 && a5 >= 0x8 && a4 < 0x10 && "
			 "a3 <= 0xffffffffffffffff && a1 > 0x7");
	condition_free(&c);
	ck_assert_int_eq(
		condition_parse("a0 == EPERM | 4", &c, why, sizeof(why)), 0);
	ck_assert_uint_eq(c.alts[0].atoms[0].value, 5);
	condition_free(&c);
}
END_TEST

START_TEST(test_constants)
{
	/* One name of every class, with the value the kernel ABI fixes. */
	static const struct {
		const char *name;
		uint64_t value;
	} cases[] = {
		{"AF_UNIX", 1},
		{"AF_INET", 2},
		{"AF_INET6", 10},
		{"AF_NETLINK", 16},
		{"SOCK_STREAM", 1},
		{"SOCK_RAW", 3},
		{"SOCK_CLOEXEC", 0x80000},
		{"IPPROTO_TCP", 6},
		{"MSG_DONTWAIT", 0x40},
		{"O_RDONLY", 0},
		{"O_WRONLY", 1},
		{"O_ACCMODE", 3},
		{"O_CREAT", 0x40},
		{"O_TMPFILE", 0x410000},
		{"AT_FDCWD", (uint64_t)-100},
		{"AT_EMPTY_PATH", 0x1000},
		{"PROT_EXEC", 4},
		{"MAP_SHARED", 1},
		{"MAP_ANONYMOUS", 0x20},
		{"CLONE_NEWUSER", 0x10000000},
		{"CLONE_NEWNET", 0x40000000},
		{"S_IFREG", 0100000},
		{"S_IFSOCK", 0140000},
		{"PR_SET_NO_NEW_PRIVS", 38},
		{"PR_SET_SECCOMP", 22},
		{"F_SETFL", 4},
		{"F_DUPFD_CLOEXEC", 1030},
		{"TCGETS", 0x5401},
		{"TIOCSTI", 0x5412},
		{"TIOCGWINSZ", 0x5413},
		{"FIONREAD", 0x541b},
		{"FIOCLEX", 0x5451},
		{"EPERM", 1},
		{"EAFNOSUPPORT", 97},
	};
	uint64_t value;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		ck_assert_msg(constant_lookup(cases[i].name, &value) == 0,
			      "%s unknown", cases[i].name);
		ck_assert_msg(value == cases[i].value, "%s = %#llx",
			      cases[i].name, (unsigned long long)value);
	}
	ck_assert_int_eq(constant_lookup("AF_NOPE", &value), -1);
	ck_assert_uint_ge(constant_count(), 300);
}
END_TEST

START_TEST(test_condition_errors)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{"", "expected an argument a0..a5, got 'the end of the line'"},
		{"a6 == 1", "expected an argument a0..a5, got 'a6'"},
		{"b0 == 1", "expected an argument a0..a5, got 'b0'"},
		{"a0 = 1", "expected a comparison (== != < <= > >= & in) "
			   "after a0, got '='"},
		{"a0 == AF_UNIXX", "unknown constant 'AF_UNIXX'"},
		{"a0 == 12z", "'12z' is not a number"},
		{"a0 == 99999999999999999999", "'99999999999999999999' is not "
					       "a number"},
		{"a0 == 1 &&", "expected an argument a0..a5, got 'the end of "
			       "the line'"},
		{"a0 == 1 a1 == 2", "expected '&&', '||' or the end, got 'a1'"},
		{"a0 & 3 < 1", "expected '==' or '!=' after the mask, got '<'"},
		{"a0 in 1, 2", "expected '{' after 'in', got '1'"},
		{"a0 in {1, 2", "expected ',' or '}', got 'the end of the "
				"line'"},
		{"a0 == (1)", "expected a number or a constant, got '('"},
	};
	struct condition c;
	char why[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		ck_assert_msg(condition_parse(cases[i].text, &c, why,
					      sizeof(why)) == -EINVAL,
			      "'%s' accepted", cases[i].text);
		ck_assert_str_eq(why, cases[i].why);
	}
}
END_TEST

START_TEST(test_condition_semantics)
{
	/* 32-bit arguments are read on their low half, as the kernel does:
	 * an upper half cannot slip past a rule. */
	const char *text = HEAD "[syscalls]\n"
				"socket = errno:EPERM if a0 == AF_INET\n";
	struct decided d;

	d = decide(text, X86_64, "socket", AF_INET, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "socket", 0x100000000ull | AF_INET, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "socket", 0xffffffff00000000ull | AF_INET, 0,
		   0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "socket", AF_UNIX, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);

	/* AT_FDCWD matches both the sign-extended and the zero-extended
	 * form of -100 in a 32-bit argument. */
	text = HEAD "[syscalls]\nmkdirat = errno:EPERM if a0 == AT_FDCWD\n";
	d = decide(text, X86_64, "mkdirat", (uint64_t)-100, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mkdirat", 0xffffff9cu, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));

	/* umode_t is 16-bit: the kernel ignores the bits above. */
	text = HEAD "[syscalls]\nmkdirat = errno:EPERM if a2 == 0755\n";
	d = decide(text, X86_64, "mkdirat", 0, 0, 0x101ed);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	expect_error(HEAD "[syscalls]\nmkdirat = kill if a2 == 0x10000\n",
		     "seccomp-shim: FILE:5: mkdirat: a2 is a 16-bit argument: "
		     "a value does not fit in 16 bits");
	/* i386's setuid is setuid16. */
	text = HEAD "architectures = x86\n[syscalls]\n"
		    "setuid = errno:EPERM if a0 == 0\n";
	d = decide(text, SCMP_ARCH_X86, "setuid", 0x10000, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));

	/* 64-bit arguments compare all 64 bits, unsigned. */
	text = HEAD "[syscalls]\nmmap = errno:EPERM if a1 > 0x100000000\n";
	d = decide(text, X86_64, "mmap", 0, 0x100000001ull, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mmap", 0, 0x100000000ull, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "mmap", 0, 0xffffffffull, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "mmap", 0, ~0ull, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
}
END_TEST

START_TEST(test_first_match)
{
	/* Lines for one call are tried in file order; libseccomp would
	 * reorder these and send socket(AF_UNIX, SOCK_RAW) to EPERM. */
	const char *text = HEAD "[syscalls]\n"
				"socket = allow if a0 == AF_UNIX\n"
				"socket = errno:EPERM if a1 == SOCK_RAW\n"
				"socket = errno:EAFNOSUPPORT\n";
	struct decided d;

	d = decide(text, X86_64, "socket", AF_UNIX, SOCK_RAW, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "socket", AF_INET, SOCK_RAW, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "socket", AF_INET, SOCK_STREAM, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	ck_assert_uint_eq(d.line, 7);

	/* Without a fallback line the default decides. */
	text = HEAD "[syscalls]\nopenat = errno:EACCES if "
		    "a2 & O_ACCMODE != O_RDONLY\n";
	d = decide(text, X86_64, "openat", 0, 0, O_WRONLY | O_CREAT);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
	d = decide(text, X86_64, "openat", 0, 0, O_RDONLY | O_CLOEXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 0);
}
END_TEST

/* --- groups ----------------------------------------------------------- */

START_TEST(test_groups_direct_beats_group)
{
	const char *text = "[policy]\nversion = 1\ndefault = kill\n"
			   "[syscalls]\nmkdir = errno:EPERM\n"
			   "@file-system = allow\n"
			   "@basic-io = allow\n"
			   "exit_group = allow\n";
	struct decided d;

	d = decide(text, X86_64, "mkdir", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "openat", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "read", 0, 0, 0);
	ck_assert_uint_eq(d.line, 7);
	d = decide(text, X86_64, "socket", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);

	/* the call's own conditional lines first, the group as fallback */
	text = HEAD "[syscalls]\n@network-io = errno:EACCES\n"
		    "socket = allow if a0 == AF_UNIX\n";
	d = decide(text, X86_64, "socket", AF_UNIX, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "socket", AF_INET, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "connect", 3, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
}
END_TEST

START_TEST(test_groups_nested_and_own)
{
	/* @system-service names @file-system among others; a group of the
	 * policy's own names calls and groups. */
	const char *text = "[policy]\nversion = 1\ndefault = kill\n"
			   "[group:@mine]\nmembers = mkdir rmdir\n"
			   "members = @sync\n"
			   "[syscalls]\n@system-service = allow\n"
			   "@mine = errno:EROFS\n";
	struct decided d;

	d = decide(text, X86_64, "rmdir", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EROFS));
	d = decide(text, X86_64, "fsync", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EROFS));
	d = decide(text, X86_64, "openat", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "mount", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);
}
END_TEST

START_TEST(test_groups_later_wins)
{
	/* Of two group lines, the later decides the calls both reach (as in
	 * systemd), with a warning; the call's own line still beats both. */
	const char *text = "[policy]\nversion = 1\ndefault = kill\n"
			   "[syscalls]\n@system-service = allow\n"
			   "@file-system = errno:EROFS\n"
			   "openat = allow\n";
	struct policy p;
	struct ruleset r;
	char msg[1200];
	struct decided d;

	d = decide(text, X86_64, "mkdir", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EROFS));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "openat", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "getpid", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 5);
	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_uint_eq(r.n_warnings, 1);
	ck_assert_uint_eq(r.warnings[0].line, 6);
	ck_assert_str_eq(r.warnings[0].message,
			 "'@file-system = errno:EROFS' overrides "
			 "'@system-service = allow' at line 5 for the calls "
			 "both name ('access' among them)");
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_groups_errors)
{
	expect_error(HEAD "[syscalls]\n@nope = allow\n",
		     "seccomp-shim: FILE:5: unknown group '@nope'");
	expect_error(HEAD "[group:@mine]\nmembers = mkdir\nmembers = mkdri\n"
			  "[syscalls]\n@mine = allow\n",
		     "seccomp-shim: FILE:6: unknown system call 'mkdri' in "
		     "group @mine (did you mean 'mkdir'?)");
	expect_error(HEAD "[group:@a]\nmembers = @b\n[group:@b]\n"
			  "members = @a\n[syscalls]\n@a = allow\n",
		     "seccomp-shim: FILE:7: group @a contains itself");
	expect_error(HEAD "[group:@mount]\nmembers = read\n",
		     "seccomp-shim: FILE:4: @mount is a built-in group: "
		     "choose another name");
	expect_error(HEAD "[group:@x]\nmembers = read\n[group:@x]\n",
		     "seccomp-shim: FILE:6: group @x is defined twice (first "
		     "at line 4)");
	expect_error(HEAD "[group:@x]\nmember = read\n",
		     "seccomp-shim: FILE:5: unknown key 'member' in "
		     "[group:@x]");
	expect_error(HEAD "[group:@x]\nmembers = read @x!\n",
		     "seccomp-shim: FILE:5: '@x!' is not a system call or "
		     "group name");
}
END_TEST

START_TEST(test_resolve_limits)
{
	/* Bounds that keep resolving quick on any input. */
	char *text = malloc(1 << 20);
	size_t len;

	len = (size_t)sprintf(text, HEAD "[syscalls]\n");
	for (int i = 0; i < 4097; i++)
		len += (size_t)sprintf(text + len, "read = kill if a0 == %d\n",
				       i);
	expect_error(text, "seccomp-shim: FILE: more than 4096 lines in "
			   "[syscalls]");
	len = (size_t)sprintf(text, HEAD "[syscalls]\n");
	for (int i = 0; i < 257; i++)
		len += (size_t)sprintf(text + len,
				       "@basic-io = kill if a0 == %d\n", i);
	expect_error(text, "seccomp-shim: FILE: more than 256 group lines in "
			   "[syscalls]");
	free(text);
}
END_TEST

START_TEST(test_groups_table)
{
	/* The table is systemd's: spot checks of membership. */
	const struct group *g = group_find("@mount");
	int found = 0;

	ck_assert_ptr_nonnull(g);
	for (size_t i = 0; g->members[i]; i++)
		found |= strcmp(g->members[i], "pivot_root") == 0;
	ck_assert(found);
	ck_assert_ptr_nonnull(group_find("@known"));
	ck_assert_ptr_nonnull(group_find("@system-service"));
	ck_assert_ptr_null(group_find("@nope"));
	ck_assert_uint_ge(group_count, 28);
	for (size_t i = 0; i < group_count; i++)
		for (size_t j = 0; group_table[i].members[j]; j++)
			if (group_table[i].members[j][0] == '@')
				ck_assert_ptr_nonnull(
					group_find(group_table[i].members[j]));
}
END_TEST

START_TEST(test_shim_needs)
{
	/* Children load the shim again: unless the policy decides prctl and
	 * seccomp itself, setting NO_NEW_PRIVS and adding a filter are
	 * allowed, and nothing else these calls do. */
	const char *text = "[policy]\nversion = 1\ndefault = kill\n";
	struct decided d;

	d = decide(text, X86_64, "prctl", PR_SET_NO_NEW_PRIVS, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "prctl", PR_SET_DUMPABLE, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);
	d = decide(text, X86_64, "seccomp", SECCOMP_SET_MODE_FILTER, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "seccomp", SECCOMP_SET_MODE_STRICT, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);
	/* The policy's own lines for them decide. */
	d = decide("[policy]\nversion = 1\ndefault = allow\n[syscalls]\n"
		   "seccomp = errno:EPERM\n",
		   X86_64, "seccomp", SECCOMP_SET_MODE_FILTER, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide("[policy]\nversion = 1\ndefault = kill\n[syscalls]\n"
		   "prctl = allow if a0 == PR_SET_NAME\n",
		   X86_64, "prctl", PR_SET_NO_NEW_PRIVS, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
}
END_TEST

/* What filter and policy decide for a number, not a name. */
static uint32_t decide_nr(const char *text, uint32_t arch, int nr)
{
	return decide_raw(text, arch, nr, 0, 0, 0).filter;
}

START_TEST(test_newer_syscalls)
{
	/* Numbers libseccomp 2.5.4 does not know (457 and up on x86_64, and
	 * the gap 335..423) are newer than the policy: ENOSYS by default, so
	 * glibc falls back instead of being killed. */
	const char *kill = "[policy]\nversion = 1\ndefault = kill\n";

	ck_assert_uint_eq(decide_nr(kill, X86_64, 460), SCMP_ACT_ERRNO(ENOSYS));
	ck_assert_uint_eq(decide_nr(kill, X86_64, 400), SCMP_ACT_ERRNO(ENOSYS));
	ck_assert_uint_eq(decide_nr(kill, X86_64, 0x3fffffff),
			  SCMP_ACT_ERRNO(ENOSYS));
	ck_assert_uint_eq(decide_nr(kill, X86_64, 439), /* faccessat2 */
			  SCMP_ACT_KILL_PROCESS);
	ck_assert_uint_eq(decide_nr(kill, X86_64, -1), SCMP_ACT_KILL_PROCESS);
	ck_assert_uint_eq(decide_nr(kill, X86_64, 435), /* clone3 */
			  SCMP_ACT_ERRNO(ENOSYS));
	ck_assert_uint_eq(decide_nr("[policy]\nversion = 1\ndefault = kill\n"
				    "newer_syscalls = default\n",
				    X86_64, 460),
			  SCMP_ACT_KILL_PROCESS);
	ck_assert_uint_eq(decide_nr("[policy]\nversion = 1\ndefault = kill\n"
				    "newer_syscalls = default\n",
				    X86_64, 435),
			  SCMP_ACT_KILL_PROCESS);
	ck_assert_uint_eq(decide_nr("[policy]\nversion = 1\ndefault = allow\n"
				    "newer_syscalls = errno:EPERM\n",
				    X86_64, 460),
			  SCMP_ACT_ERRNO(EPERM));
	/* A policy that names clone3 decides it. */
	ck_assert_uint_eq(decide_nr("[policy]\nversion = 1\ndefault = kill\n"
				    "[syscalls]\nclone3 = allow\n",
				    X86_64, 435),
			  SCMP_ACT_ALLOW);
	ck_assert_uint_eq(decide_nr("[policy]\nversion = 1\ndefault = kill\n"
				    "[syscalls]\n@process = allow\n",
				    X86_64, 435),
			  SCMP_ACT_ALLOW);
	/* A conditional line does not decide every clone3 call. */
	ck_assert_uint_eq(decide_nr("[policy]\nversion = 1\ndefault = allow\n"
				    "[syscalls]\n@process = log if a0 == 1\n",
				    X86_64, 435),
			  SCMP_ACT_ERRNO(ENOSYS));
	/* x32: its table has gaps too. */
	ck_assert_uint_eq(decide_nr("[policy]\nversion = 1\ndefault = kill\n"
				    "architectures = x32\n",
				    X86_64, 0x40000000 | 13),
			  SCMP_ACT_ERRNO(ENOSYS));
	ck_assert_uint_eq(decide_nr("[policy]\nversion = 1\ndefault = kill\n"
				    "architectures = x32\n",
				    X86_64, 0x40000000 | 39),
			  SCMP_ACT_KILL_PROCESS);
}
END_TEST

START_TEST(test_filter_abis)
{
	const char *text = HEAD "[syscalls]\nmkdir = errno:EPERM\n";
	struct policy p;
	struct ruleset r;
	struct filter f;
	struct shim_error err;
	struct seccomp_data d = {0};
	char msg[1200];

	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_int_eq(filter_build(&r, &f, &err), 0);
	d.arch = SCMP_ARCH_X86_64;
	d.nr = seccomp_syscall_resolve_name("mkdir");
	ck_assert_uint_eq(filter_run(&f, &d), SCMP_ACT_ERRNO(EPERM));
	d.nr = seccomp_syscall_resolve_name("read");
	ck_assert_uint_eq(filter_run(&f, &d), SCMP_ACT_ALLOW);
	d.nr = -1;
	ck_assert_uint_eq(filter_run(&f, &d), SCMP_ACT_ALLOW);
	/* x32 numbers and the i386 ABI kill the process. */
	d.nr = 0x40000000 | 39;
	ck_assert_uint_eq(filter_run(&f, &d), SCMP_ACT_KILL_PROCESS);
	d.arch = SCMP_ARCH_X86;
	d.nr = 20;
	ck_assert_uint_eq(filter_run(&f, &d), SCMP_ACT_KILL_PROCESS);
	filter_free(&f);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_filter_cacheable)
{
	/* An unconditional call returns without loading an argument, so the
	 * kernel's action cache can learn it: every load before the return
	 * on its path is of nr or arch. Checked by walking the program. */
	const char *text = HEAD "[syscalls]\nmkdir = errno:EPERM\n"
				"socket = allow if a0 == AF_UNIX\n";
	struct policy p;
	struct ruleset r;
	struct filter f;
	struct shim_error err;
	char msg[1200];
	int loads_args = 0;

	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_int_eq(filter_build(&r, &f, &err), 0);
	for (size_t i = 0; i < f.len; i++)
		if (f.insns[i].code == (BPF_LD | BPF_W | BPF_ABS) &&
		    f.insns[i].k >= 16)
			loads_args++;
	/* socket's a0, and prctl's and seccomp's for the shim */
	ck_assert_int_eq(loads_args, 3);
	filter_free(&f);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

/* How many returns of action the filter of policy text has. */
static size_t count_returns(const char *text, uint32_t action)
{
	struct policy p;
	struct ruleset r;
	struct filter f;
	struct shim_error err;
	char msg[1200];
	size_t n = 0;

	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_int_eq(filter_build(&r, &f, &err), 0);
	for (size_t i = 0; i < f.len; i++)
		n += f.insns[i].code == (BPF_RET | BPF_K) &&
		     f.insns[i].k == action;
	filter_free(&f);
	rules_free(&r);
	policy_free(&p);
	return n;
}

START_TEST(test_filter_shape)
{
	/* Busy calls with conditions are looked for ahead of the search, one
	 * comparison each (read here), others are not (clone), and a call
	 * that only returns the default's action shares its return. */
#define SHAPE_HEAD                                                             \
	"[policy]\nversion = 1\ndefault = errno:EPERM\n[syscalls]\n"           \
	"read = allow if a0 == 0\nclone = allow if a0 == 0\ngetpid = allow\n"
	const char *text = SHAPE_HEAD "mkdir = errno:EPERM\n";
	struct policy p;
	struct ruleset r;
	struct filter f;
	struct shim_error err;
	char msg[1200];
	size_t i = 0, search;
	int read_ahead = 0, clone_ahead = 0;

	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_int_eq(filter_build(&r, &f, &err), 0);
	/* past the ABI check and the load of the number */
	while (i < f.len && !(f.insns[i].code == (BPF_LD | BPF_W | BPF_ABS) &&
			      f.insns[i].k == 0))
		i++;
	ck_assert_uint_lt(i, f.len);
	/* the x32 checks, then the calls ahead of the search, then a jge */
	search = i + 1;
	while (search < f.len &&
	       !(f.insns[search].code == (BPF_JMP | BPF_JGE | BPF_K) &&
		 f.insns[search].k != 0x40000000u))
		search++;
	ck_assert_uint_lt(search, f.len);
	for (size_t j = i + 1; j < search; j++) {
		if (f.insns[j].code != (BPF_JMP | BPF_JEQ | BPF_K))
			continue;
		read_ahead |= f.insns[j].k == (uint32_t)SCMP_SYS(read);
		clone_ahead |= f.insns[j].k == (uint32_t)SCMP_SYS(clone);
	}
	ck_assert(read_ahead);
	ck_assert(!clone_ahead);
	filter_free(&f);
	rules_free(&r);
	policy_free(&p);
	/* mkdir's line adds no return of its own */
	ck_assert_uint_eq(count_returns(text, SECCOMP_RET_ERRNO | EPERM),
			  count_returns(SHAPE_HEAD, SECCOMP_RET_ERRNO | EPERM));
#undef SHAPE_HEAD
}
END_TEST

/*
 * The kernel's test for its per-syscall action cache (seccomp_is_const_allow
 * in kernel/seccomp.c): run the program for nr knowing only nr and arch;
 * any other load means "depends on arguments", and only a return of
 * ALLOW reached that way is cached.
 */
static int kernel_caches(const struct filter *f, uint32_t arch, uint32_t nr)
{
	uint32_t reg = 0;

	for (size_t pc = 0; pc < f->len; pc++) {
		const struct sock_filter *insn = &f->insns[pc];
		int taken;

		switch (insn->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (insn->k == offsetof(struct seccomp_data, nr))
				reg = nr;
			else if (insn->k == offsetof(struct seccomp_data, arch))
				reg = arch;
			else
				return 0;
			continue;
		case BPF_RET | BPF_K:
			return insn->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA:
			pc += insn->k;
			continue;
		case BPF_JMP | BPF_JEQ | BPF_K:
			taken = reg == insn->k;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			taken = reg >= insn->k;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			taken = reg > insn->k;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			taken = (reg & insn->k) != 0;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			reg &= insn->k;
			continue;
		default:
			return 0;
		}
		pc += taken ? insn->jt : insn->jf;
	}
	return 0;
}

START_TEST(test_filter_action_cache)
{
	/* The shipped default policy, and one with argument conditions on
	 * the hot calls: every call the policy allows unconditionally is one
	 * the kernel's action cache learns (it never runs the filter), and
	 * no other call is. */
	const char *top = getenv("top_srcdir");
	char paths[2][4096] = {"", "/tmp/check-core-cache-XXXXXX"};
	struct shim_error err;
	int fd, base_conditional = 0;
	FILE *out;

	ck_assert_ptr_nonnull(top);
	snprintf(paths[0], sizeof(paths[0]), "%s/conf/default.ini", top);
	fd = mkstemp(paths[1]);
	ck_assert_int_ge(fd, 0);
	out = fdopen(fd, "w");
	fprintf(out,
		"[policy]\nversion = 1\ninclude = %s\n[syscalls]\n"
		"read = allow if a0 <= 1024 && a2 <= 4096\n"
		"read = errno:EBADF\nwrite = allow if a0 <= 1024\n"
		"write = errno:EBADF\n",
		paths[0]);
	fclose(out);
	for (int t = 0; t < 2; t++) {
		struct policy p;
		struct ruleset r;
		struct filter f;
		uint64_t digest;
		int cached = 0, conditional = 0;

		ck_assert_int_eq(source_load(paths[t], &p, &err), 0);
		ck_assert_int_eq(policy_compile(&p, 0, 0, &r, &f, &digest, &err),
				 0);
		for (uint32_t nr = 0; nr <= rules_last_known(SCMP_ARCH_X86_64);
		     nr++) {
			int expect = r.default_action == SCMP_ACT_ALLOW;

			if (!rules_known(SCMP_ARCH_X86_64, nr))
				expect = r.newer_action == SCMP_ACT_ALLOW;
			for (size_t i = 0; i < r.n_calls; i++) {
				const struct call_rules *c = &r.calls[i];

				if (rules_nr(SCMP_ARCH_X86_64, c->name) !=
				    (int)nr)
					continue;
				expect = c->n_rules == 1 &&
					 c->rules[0].cond->n_alts == 0 &&
					 c->rules[0].action == SCMP_ACT_ALLOW;
				conditional += c->rules[0].cond->n_alts != 0;
			}
			ck_assert_msg(kernel_caches(&f, AUDIT_ARCH_X86_64,
						    nr) == expect,
				      "policy %d, call %u: cached %d, want %d",
				      t, nr, !expect, expect);
			cached += expect;
		}
		/* most of an allow-list is cached; not the calls with
		 * conditions (prctl's probe among them), and in the second
		 * policy, not read and write either */
		ck_assert_int_gt(cached, 250);
		if (t == 0)
			base_conditional = conditional;
		else
			ck_assert_int_eq(conditional, base_conditional + 2);
		filter_free(&f);
		rules_free(&r);
		policy_free(&p);
	}
	unlink(paths[1]);
}
END_TEST

static char *slurp(const char *path, size_t *len);

/* Store an entry's checksum again after a change (shim/preload/cache.c's format). */
static void entry_reseal(unsigned char *buf, size_t len)
{
	uint64_t sum = compiled_checksum(buf + 20, len - 20);

	for (int i = 0; i < 8; i++)
		buf[12 + i] = (unsigned char)(sum >> (8 * i));
}

START_TEST(test_cache_entry_parse)
{
	/* An entry written by cache_store parses back to what was compiled;
	 * every truncation is refused; and 200,000 random changes (resealed
	 * with a right checksum, so the parser sees them) are either refused
	 * or parse to something that lies inside the buffer: never a read
	 * out of it (ASan in --enable-sanitizers builds). */
	char dir[] = "/tmp/check-core-entry-XXXXXX", path[4200], where[4200];
	struct compiled compiled;
	struct cache_entry e;
	struct shim_error err;
	unsigned char *good, *buf;
	size_t len;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("SECCOMP_SHIM_CACHE", dir, 1);
	snprintf(path, sizeof(path), "%s/p.ini", dir);
	f = fopen(path, "w");
	fputs(HEAD "[syscalls]\nmkdir = errno:EPERM\n"
		   "socket = allow if a0 == AF_UNIX\n",
	      f);
	fclose(f);
	ck_assert_int_eq(policy_compile_source(path, 0, &compiled, &err), 0);
	ck_assert_int_eq(cache_store(path, &compiled, where, sizeof(where)), 0);
	good = (unsigned char *)slurp(where, &len);
	ck_assert_int_eq(cache_entry_parse((char *)good, len, &e), 0);
	ck_assert_str_eq(e.setting, path);
	ck_assert_uint_eq(e.n_sources, 1);
	ck_assert_uint_eq(e.compiled.digest, compiled.digest);
	ck_assert_uint_eq(e.compiled.filter.len, compiled.filter.len);
	ck_assert_int_eq(memcmp(e.compiled.filter.insns, compiled.filter.insns,
				compiled.filter.len * 8),
			 0);
	for (size_t cut = 0; cut < len; cut++)
		ck_assert_int_ne(cache_entry_parse((char *)good, cut, &e), 0);
	buf = malloc(len);
	srandom(7);
	for (int i = 0; i < 200000; i++) {
		memcpy(buf, good, len);
		for (int k = 0; k < 1 + (int)(random() % 4); k++) {
			size_t at = 20 + (size_t)random() % (len - 20);

			buf[at] =
				(unsigned char)(k % 2 ? random()
						      : buf[at] ^
								(1u
								 << (random() %
								     8)));
		}
		entry_reseal(buf, len);
		if (cache_entry_parse((char *)buf, len, &e) != 0)
			continue;
		ck_assert(e.compiled.filter.len > 0 &&
			  e.compiled.filter.len <= FILTER_MAX_INSNS);
		ck_assert((unsigned char *)e.compiled.filter.insns >= buf &&
			  (unsigned char *)(e.compiled.filter.insns +
					    e.compiled.filter.len) <=
				  buf + len);
		ck_assert((unsigned char *)e.compiled.file >= buf &&
			  (unsigned char *)e.compiled.file +
					  strlen(e.compiled.file) <
				  buf + len);
	}
	free(buf);
	free(good);
	compiled_free(&compiled);
	unlink(where);
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(test_filter_large)
{
	/* Hundreds of calls need trampolines for far jumps, and a filter
	 * over the kernel's limit is refused with a clear message. */
	char *text = malloc(1 << 20);
	size_t len = (size_t)sprintf(text, "[policy]\nversion = 1\n"
					   "default = kill\n[syscalls]\n");
	const char *name;
	struct policy p;
	struct ruleset r;
	struct filter f;
	struct shim_error err;
	char msg[1200];
	int n = 0;

	for (int nr = 0; nr < 460; nr++) {
		name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (!name)
			continue;
		len += (size_t)sprintf(text + len, "%s = errno:%d\n", name,
				       1 + n % 200);
		free((void *)name);
		n++;
	}
	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_int_eq(filter_build(&r, &f, &err), 0);
	for (int nr = 0; nr < 460; nr++) {
		struct seccomp_data d = {.nr = nr, .arch = SCMP_ARCH_X86_64};
		unsigned int line;

		ck_assert_uint_eq(filter_run(&f, &d),
				  rules_decide(&r, SCMP_ARCH_X86_64, nr,
					       (const uint64_t *)d.args,
					       &line));
	}
	filter_free(&f);
	rules_free(&r);
	policy_free(&p);

	/* 40 lines of 30 64-bit comparisons (4 instructions each): over
	 * the kernel's 4096. */
	len = (size_t)sprintf(text, HEAD "[syscalls]\n");
	for (int line = 0; line < 40; line++) {
		len += (size_t)sprintf(text + len, "mmap = kill if a1 in {");
		for (int v = 0; v < 30; v++)
			len += (size_t)sprintf(text + len, "%s%d", v ? "," : "",
					       line * 30 + v);
		len += (size_t)sprintf(text + len, "}\n");
	}
	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_int_lt(filter_build(&r, &f, &err), 0);
	error_format(&err, msg, sizeof(msg));
	ck_assert_msg(strncmp(msg,
			      "seccomp-shim: FILE: the filter is too "
			      "large for the kernel: ",
			      60) == 0,
		      "%s", msg);
	ck_assert_ptr_nonnull(strstr(msg, "instructions, at most 4096"));
	rules_free(&r);
	policy_free(&p);
	free(text);
}
END_TEST

/* --- sources ----------------------------------------------------------- */

START_TEST(test_source_inline)
{
	ck_assert(source_is_inline("[policy]\nversion = 1\n"));
	ck_assert(!source_is_inline("/etc/seccomp-shim/p.ini"));
	ck_assert(!source_is_inline("[policy] version = 1"));
}
END_TEST

START_TEST(test_source_errors)
{
	struct shim_error err;
	char *text;
	size_t len;
	char msg[1200];

	ck_assert_int_lt(
		source_read("/nonexistent/p.ini", &text, &len, NULL, &err), 0);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg, "seccomp-shim: /nonexistent/p.ini: cannot open "
			      "policy: No such file or directory");
	ck_assert_int_lt(source_read("/", &text, &len, NULL, &err), 0);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg,
			 "seccomp-shim: /: cannot read policy: not a regular "
			 "file");
}
END_TEST



/* Every x86_64 call libseccomp names has its argument widths in the table
 * (or the mark of a call x86_64 lacks): no silent 64-bit guesses. */
START_TEST(test_syscall_args_complete)
{
	char missing[2048] = "";
	int named = 0;

	for (int nr = 0; nr < 4096; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64,
							      nr);

		if (!name)
			continue;
		named++;
		if (!syscall_args_known(name))
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), " %s",
				 name);
		free(name);
	}
	ck_assert_int_gt(named, 300);
	ck_assert_msg(missing[0] == '\0', "no widths for:%s", missing);
	/* the calls after Linux 6.1, as the kernel declares them */
	ck_assert_uint_eq(syscall_args32("fchmodat2"), 0x0d);
	ck_assert_uint_eq(syscall_args16("fchmodat2"), 0x04);
	ck_assert_uint_eq(syscall_args32("futex_wake"), 0x0c);
	ck_assert_uint_eq(syscall_args32("futex_wait"), 0x28);
	ck_assert_uint_eq(syscall_args32("cachestat"), 0x09);
	ck_assert_uint_eq(syscall_args32("map_shadow_stack"), 0x04);
	ck_assert(!syscall_args_known("no_such_call"));
}
END_TEST


START_TEST(test_suggest)
{
	static const char *const shipped[] = {"default", "no-network",
					      "no-exec", "read-only-fs"};
	char near[64];

	ck_assert_uint_eq(suggest_distance("mkdri", "mkdir"), 1);
	ck_assert_uint_eq(suggest_distance("mkdir", "mkdir"), 0);
	ck_assert_uint_eq(suggest_distance("write", "wirte"), 1);
	ck_assert_uint_eq(suggest_distance("abc", "xyz"), 3);
	ck_assert_str_eq(suggest_pick("no-netwrok", shipped, 4), "no-network");
	ck_assert_ptr_null(suggest_pick("stdio", shipped, 4));
	ck_assert_ptr_nonnull(suggest_syscall("mkdri", near, sizeof(near)));
	ck_assert_str_eq(near, "mkdir");
	ck_assert_ptr_null(suggest_syscall("completely_unlike", near,
					   sizeof(near)));
}
END_TEST

/* --- landlock: the [landlock] section to its table ---------------------- */

/* The table of text's section; its path records in rec (at most max). */
static size_t landlock_table_of(const char *text,
				struct landlock_table_head *head,
				struct landlock_path_record *rec, char paths[][64],
				size_t max)
{
	struct shim_error err;
	struct policy p;
	void *table;
	size_t len, n = 0;
	const char *at;

	ck_assert_int_eq(parse_text(text, &p, &err), 0);
	ck_assert_msg(landlock_rules_build(&p, &table, &len, &err) == 0, "%s",
		      err.message);
	ck_assert_ptr_nonnull(table);
	ck_assert(landlock_table_check(table, len));
	/* every byte counts: shorter is refused */
	ck_assert(!landlock_table_check(table, len - 8));
	memcpy(head, table, sizeof(*head));
	at = (const char *)table + sizeof(*head);
	for (uint32_t i = 0; i < head->n_files; i++)
		at += 8 + ((*(const uint32_t *)at + 7) & ~7u);
	for (uint32_t i = 0; i < head->n_paths && n < max; i++, n++) {
		memcpy(&rec[n], at, sizeof(*rec));
		at += sizeof(*rec);
		snprintf(paths[n], 64, "%s", at);
		at += (rec[n].path_len + 7) & ~7u;
	}
	free(table);
	policy_free(&p);
	return n;
}

START_TEST(test_landlock_table)
{
	struct landlock_table_head head;
	struct landlock_path_record rec[8];
	char paths[8][64];
	size_t n;

	/* write alone: reading stays unrestricted, so the write rule grants
	 * no reading; paths are normalised */
	n = landlock_table_of(HEAD "[landlock]\nwrite = /tmp// -/opt/./x/\n",
			      &head, rec, paths, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(paths[0], "/tmp");
	ck_assert_str_eq(paths[1], "/opt/x");
	ck_assert(rec[1].flags & LANDLOCK_PATH_OPTIONAL);
	ck_assert(!(head.handled_fs & LANDLOCK_FS_READ_FILE));
	ck_assert(head.handled_fs & LANDLOCK_FS_MAKE_DIR);
	ck_assert(head.handled_fs & LANDLOCK_FS_TRUNCATE);
	ck_assert(!(head.handled_fs & LANDLOCK_FS_IOCTL_DEV));
	ck_assert(!(rec[0].access & LANDLOCK_FS_READ_FILE));
	ck_assert(!(head.flags & LANDLOCK_BEST_EFFORT));

	/* with read restricted too, a write rule grants reading there */
	n = landlock_table_of(HEAD "[landlock]\nread = /usr\nwrite = @cwd/out\n"
				   "execute = /usr/bin\nenforce = best_effort\n",
			      &head, rec, paths, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert(rec[1].access & LANDLOCK_FS_READ_FILE);
	ck_assert(rec[1].flags & LANDLOCK_PATH_CWD);
	ck_assert_str_eq(paths[1], "out");
	ck_assert(rec[2].access & LANDLOCK_FS_EXECUTE);
	ck_assert(!(rec[0].access & LANDLOCK_FS_EXECUTE));
	ck_assert(head.flags & LANDLOCK_BEST_EFFORT);

	/* groups expand in place, nested; ports and scopes */
	n = landlock_table_of(HEAD "[landlock]\nread = @sys /srv\n"
				   "connect_tcp = 80, 443\nscope = signal\n"
				   "[paths:@sys]\nmembers = /usr @etc\n"
				   "[paths:@etc]\nmembers = /etc\n",
			      &head, rec, paths, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(paths[0], "/usr");
	ck_assert_str_eq(paths[1], "/etc");
	ck_assert_uint_eq(rec[1].line, 11);
	ck_assert_str_eq(paths[2], "/srv");
	ck_assert_uint_eq(head.n_ports, 2);
	ck_assert_uint_eq(head.handled_net, LANDLOCK_NET_CONNECT_TCP);
	ck_assert_uint_eq(head.scoped, LANDLOCK_SCOPE_SIGNAL);
	ck_assert_uint_eq(head.scope_line, 7);
}
END_TEST

START_TEST(test_landlock_none_and_abi)
{
	struct shim_error err;
	struct policy p;
	void *table;
	size_t len;

	/* no section: no table (the base domain alone) */
	ck_assert_int_eq(parse_text(HEAD, &p, &err), 0);
	ck_assert_int_eq(landlock_rules_build(&p, &table, &len, &err), 0);
	ck_assert_ptr_null(table);
	policy_free(&p);

	ck_assert_int_eq(landlock_abi_of(LANDLOCK_FS_READ_FILE, 0, 0), 1);
	ck_assert_int_eq(landlock_abi_of(LANDLOCK_FS_REFER, 0, 0), 2);
	ck_assert_int_eq(landlock_abi_of(LANDLOCK_FS_TRUNCATE, 0, 0), 3);
	ck_assert_int_eq(landlock_abi_of(0, LANDLOCK_NET_BIND_TCP, 0), 4);
	ck_assert_int_eq(landlock_abi_of(LANDLOCK_FS_IOCTL_DEV, 0, 0), 5);
	ck_assert_int_eq(landlock_abi_of(0, 0, LANDLOCK_SCOPE_SIGNAL), 6);
	ck_assert(!(landlock_fs_rights(2) & LANDLOCK_FS_TRUNCATE));
	ck_assert(landlock_fs_rights(3) & LANDLOCK_FS_TRUNCATE);
	ck_assert_uint_eq(landlock_net_rights(3), 0);
	ck_assert_uint_eq(landlock_scopes(5), 0);
}
END_TEST

START_TEST(test_landlock_lint)
{
	struct lint_warning w[8];
	struct shim_error err;
	struct policy p;
	size_t n = 0;

	ck_assert_int_eq(
		parse_text(HEAD "[landlock]\nread = /usr /usr/lib /etc\n"
				"write = /tmp\nread = /tmp/x /etc\n"
				"write = /tmp/y\n",
			   &p, &err),
		0);
	landlock_rules_lint(&p, w, &n, 8);
	/* /usr/lib beneath /usr; /tmp/x beneath write /tmp (which grants
	 * reading); /etc twice; /tmp/y beneath /tmp */
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(w[0].line, 5);
	ck_assert_msg(strstr(w[0].message, "/usr/lib: shadowed by read /usr"),
		      "%s", w[0].message);
	ck_assert_uint_eq(w[1].line, 7);
	ck_assert_msg(strstr(w[1].message, "/tmp/x: shadowed by write /tmp"),
		      "%s", w[1].message);
	ck_assert_msg(strstr(w[2].message, "/etc: listed already"), "%s",
		      w[2].message);
	ck_assert_uint_eq(w[3].line, 8);
	policy_free(&p);
}
END_TEST

START_TEST(test_landlock_include_merge)
{
	struct shim_error err;
	struct policy p, inc;

	ck_assert_int_eq(parse_text(HEAD "[landlock]\nread = @base /srv\n"
					 "enforce = required\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(policy_parse("[policy]\nversion = 1\n[landlock]\n"
				      "write = /tmp\nscope = signal\n"
				      "enforce = best_effort\n"
				      "[paths:@base]\nmembers = /usr\n",
				      strlen("[policy]\nversion = 1\n[landlock]\n"
					     "write = /tmp\nscope = signal\n"
					     "enforce = best_effort\n"
					     "[paths:@base]\nmembers = /usr\n"),
				      "INC", &inc, &err),
			 0);
	ck_assert_int_eq(policy_merge(&p, &inc, &err), 0);
	/* the included file's paths first; its group usable; its scope
	 * taken; the including file's enforce kept */
	ck_assert_uint_eq(p.landlock.n_paths, 3);
	ck_assert_str_eq(p.landlock.paths[0].path, "/tmp");
	ck_assert_str_eq(p.landlock.paths[0].file, "INC");
	ck_assert_uint_eq(p.landlock.scoped, LANDLOCK_SCOPE_SIGNAL);
	ck_assert_int_eq(p.landlock.best_effort, 0);
	ck_assert_uint_eq(p.landlock.n_groups, 1);
	policy_free(&p);
}
END_TEST


/* Whether a line of the man page's source sets name in bold (".B name",
 * ".BI name", ".BR name", a quoted "name = ..."). */
static int man_names(const char *page, const char *name)
{
	static const char *const macros[] = {"\n.B ",	 "\n.BI ", "\n.BR ",
					     "\n.B \"", "\n.BI \"", "\n.BR \"",
					     "\\fB"};
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(macros) / sizeof(*macros); i++)
		for (const char *at = strstr(page, macros[i]); at;
		     at = strstr(at + 1, macros[i])) {
			const char *word = at + strlen(macros[i]);

			if (strncmp(word, name, n) == 0 && word[n] &&
			    strchr(" \n\"\\", word[n]))
				return 1;
		}
	return 0;
}

/* Every key of the parser's tables is in seccomp-shim.ini(5) (the tables
 * are the one list: tests/live/man.sh checks the rendered page has none
 * but these). */
START_TEST(test_keys_documented)
{
	const char *top = getenv("top_srcdir");
	static const char *const landlock_other[] = {"bind_tcp", "connect_tcp",
						     "scope", "enforce"};
	char path[4096], missing[1024] = "", *page;
	const struct landlock_key *keys;
	size_t len, n, count = 0;
	const char *name;
	unsigned int modes;

	snprintf(path, sizeof(path), "%s/shim/man/seccomp-shim.ini.5.in",
		 top ? top : ".");
	page = slurp(path, &len);
	for (size_t i = 0; (name = policy_key(i, &modes)); i++, count++) {
		ck_assert(modes & (POLICY_KEY_FILTER | POLICY_KEY_STRICT));
		if (!man_names(page, name))
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), " %s",
				 name);
	}
	ck_assert_uint_ge(count, 16);
	keys = landlock_keys(&n);
	for (size_t i = 0; i < n + 4; i++) {
		const char *k = i < n ? keys[i].name : landlock_other[i - n];

		if (!man_names(page, k))
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), " %s", k);
	}
	free(page);
	ck_assert_msg(missing[0] == '\0', "not in seccomp-shim.ini(5):%s",
		      missing);
}
END_TEST

/* --- every malformed-policy fixture against its expected message ------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	buf = malloc(1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

START_TEST(test_fixtures)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[4200];
	struct dirent *entry;
	int checked = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/policies/bad", top ? top : ".");
	d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((entry = readdir(d))) {
		size_t n = strlen(entry->d_name), len, elen;
		char *text, *expected, msg[1200];
		struct policy p;
		struct ruleset r;
		struct shim_error err;
		struct filter f;
		uint64_t digest;
		int rc;

		if (n < 5 || strcmp(entry->d_name + n - 4, ".ini") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		text = slurp(path, &len);
		snprintf(path, sizeof(path), "%s/%.*s.err", dir, (int)n - 4,
			 entry->d_name);
		expected = slurp(path, &elen);
		while (elen && expected[elen - 1] == '\n')
			expected[--elen] = '\0';

		rc = policy_parse(text, len, "FILE", &p, &err);
		if (rc == 0) {
			/* all of compiling: resolving, reports, the filter */
			rc = policy_compile(&p, 0, 0, &r, &f, &digest, &err);
			if (rc == 0) {
				filter_free(&f);
				rules_free(&r);
			}
			policy_free(&p);
		}
		ck_assert_msg(rc < 0, "%s was accepted", entry->d_name);
		error_format(&err, msg, sizeof(msg));
		ck_assert_msg(strcmp(msg, expected) == 0,
			      "%s:\n got      %s\n expected %s", entry->d_name,
			      msg, expected);
		free(text);
		free(expected);
		checked++;
	}
	closedir(d);
	ck_assert_int_ge(checked, 20);
}
END_TEST

/* --- hardening switches ------------------------------------------------ */

START_TEST(test_harden_parse)
{
	struct policy p;
	struct shim_error err;
	const struct harden_setting *h = p.harden;

	ck_assert_int_eq(harden_find("restrict_namespaces"), HARDEN_NAMESPACES);
	ck_assert_int_eq(harden_find("RestrictNamespaces"), -1);
	ck_assert_str_eq(harden_key(HARDEN_REALTIME), "restrict_realtime");
	ck_assert_int_eq(
		parse_text(HEAD "restrict_address_families = AF_UNIX, AF_INET "
				"AF_LOCAL\n"
				"memory_deny_write_execute = yes\n"
				"restrict_namespaces = net ipc\n"
				"lock_personality = no\n"
				"restrict_suid_sgid = yes\n"
				"no_new_privs = yes\n",
			   &p, &err),
		0);
	ck_assert_uint_eq(h[HARDEN_ADDRESS_FAMILIES].line, 4);
	ck_assert_str_eq(h[HARDEN_ADDRESS_FAMILIES].file, "FILE");
	ck_assert_int_eq(h[HARDEN_ADDRESS_FAMILIES].on, 1);
	ck_assert_int_eq(h[HARDEN_ADDRESS_FAMILIES].deny_listed, 0);
	ck_assert_uint_eq(h[HARDEN_ADDRESS_FAMILIES].families,
			  1u << AF_UNIX | 1u << AF_INET);
	ck_assert_int_eq(h[HARDEN_WRITE_EXECUTE].on, 1);
	ck_assert_uint_eq(h[HARDEN_NAMESPACES].namespaces,
			  CLONE_NEWCGROUP | CLONE_NEWNS | CLONE_NEWPID |
				  CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWTIME);
	ck_assert_uint_eq(h[HARDEN_PERSONALITY].line, 7);
	ck_assert_int_eq(h[HARDEN_PERSONALITY].on, 0); /* "no": off */
	ck_assert_int_eq(h[HARDEN_SUID_SGID].on, 1);
	ck_assert_uint_eq(h[HARDEN_REALTIME].line, 0);
	ck_assert_int_eq(h[HARDEN_NO_NEW_PRIVS].on, 1);
	policy_free(&p);
	ck_assert_int_eq(parse_text(HEAD "restrict_address_families = "
					 "~AF_PACKET\n"
					 "restrict_namespaces = ~user, net\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(h[HARDEN_ADDRESS_FAMILIES].deny_listed, 1);
	ck_assert_uint_eq(h[HARDEN_ADDRESS_FAMILIES].families, 1u << AF_PACKET);
	ck_assert_uint_eq(h[HARDEN_NAMESPACES].namespaces,
			  CLONE_NEWUSER | CLONE_NEWNET);
	policy_free(&p);
	ck_assert_int_eq(parse_text(HEAD "restrict_address_families = none\n"
					 "restrict_namespaces = yes\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(h[HARDEN_ADDRESS_FAMILIES].on, 1);
	ck_assert_uint_eq(h[HARDEN_ADDRESS_FAMILIES].families, 0);
	ck_assert_uint_eq(h[HARDEN_NAMESPACES].namespaces,
			  CLONE_NEWCGROUP | CLONE_NEWIPC | CLONE_NEWNS |
				  CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWUSER |
				  CLONE_NEWUTS | CLONE_NEWTIME);
	policy_free(&p);
	expect_error(
		HEAD "no_new_privs = no\n",
		"seccomp-shim: FILE:4: no_new_privs cannot be 'no': the "
		"shim always sets NO_NEW_PRIVS before it installs a filter "
		"(the kernel requires it of processes without "
		"CAP_SYS_ADMIN, and it keeps set-user-ID programs from "
		"gaining privileges under the filter)");
	expect_error(HEAD "restrict_namespaces = yes net\n",
		     "seccomp-shim: FILE:4: unknown namespace type 'yes' in "
		     "restrict_namespaces (expected yes, no, or a list of "
		     "cgroup ipc mnt net pid user uts time)");
	expect_error("[policy]\nversion = 1\nmode = strict\n"
		     "lock_personality = no\n",
		     "seccomp-shim: FILE:4: 'lock_personality' applies only "
		     "to mode = filter (line 3 sets mode = strict)");
}
END_TEST

START_TEST(test_harden_beats_policy)
{
	/* A switch is tried before the policy's own lines: socket = allow
	 * does not let AF_PACKET through. */
	const char *text = HEAD "restrict_address_families = AF_UNIX AF_INET\n"
				"[syscalls]\n"
				"socket = errno:EACCES if a0 == AF_INET\n"
				"socket = allow\n";
	struct policy p;
	struct ruleset r;
	struct decided d;
	char msg[1200];

	d = decide(text, X86_64, "socket", AF_PACKET, SOCK_RAW, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	ck_assert_uint_eq(d.line, 4);
	/* the kernel reads the family as an int: so does the switch */
	d = decide(text, X86_64, "socket", 0x100000000ull | AF_PACKET, 3, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	d = decide(text, X86_64, "socket", 0x100000000ull | AF_UNIX, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 7);
	/* where the switch lets a call by, the policy decides as before */
	d = decide(text, X86_64, "socket", AF_INET, SOCK_STREAM, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
	ck_assert_uint_eq(d.line, 6);
	/* socketpair is not socket */
	d = decide(text, X86_64, "socketpair", AF_PACKET, 3, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	/* the rule names its key, file and line, first for the call */
	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	for (size_t i = 0; i < r.n_calls; i++) {
		if (strcmp(r.calls[i].name, "socket") != 0)
			continue;
		ck_assert_uint_eq(r.calls[i].n_rules, 3);
		ck_assert_str_eq(r.calls[i].rules[0].via,
				 "restrict_address_families");
		ck_assert_str_eq(r.calls[i].rules[0].file, "FILE");
		ck_assert_uint_eq(r.calls[i].rules[0].line, 4);
		ck_assert_ptr_eq(rules_rule(&r, "socket", 4),
				 &r.calls[i].rules[0]);
	}
	rules_free(&r);
	policy_free(&p);
	/* deny-list, and none */
	text = HEAD "restrict_address_families = ~AF_PACKET AF_NETLINK\n";
	ck_assert_uint_eq(
		decide(text, X86_64, "socket", AF_NETLINK, 3, 0).filter,
		SCMP_ACT_ERRNO(EAFNOSUPPORT));
	ck_assert_uint_eq(decide(text, X86_64, "socket", AF_INET6, 1, 0).filter,
			  SCMP_ACT_ALLOW);
	text = HEAD "restrict_address_families = none\n";
	ck_assert_uint_eq(decide(text, X86_64, "socket", AF_UNIX, 1, 0).filter,
			  SCMP_ACT_ERRNO(EAFNOSUPPORT));
	/* "no" and absence are the same */
	text = HEAD "restrict_namespaces = no\nmemory_deny_write_execute = no\n"
		    "[syscalls]\nunshare = errno:EACCES\n";
	d = decide(text, X86_64, "unshare", CLONE_NEWUSER, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
	d = decide(text, X86_64, "mmap", 0, 4096, PROT_WRITE | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
}
END_TEST

START_TEST(test_harden_memory_namespaces)
{
	const char *text = HEAD "memory_deny_write_execute = yes\n"
				"restrict_namespaces = net\n"
				"[syscalls]\nmmap = allow\nmprotect = allow\n"
				"clone3 = allow\nsetns = allow\n";
	struct decided d;

	d = decide(text, X86_64, "mmap", 0, 4096,
		   PROT_READ | PROT_WRITE | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 4);
	d = decide(text, X86_64, "mmap", 0, 4096, PROT_READ | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "mprotect", 0, 4096, PROT_READ | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mprotect", 0, 4096, PROT_READ);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "pkey_mprotect", 0, 4096, PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "shmat", 3, 0, SHM_EXEC | SHM_RDONLY);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "shmat", 3, 0, SHM_RDONLY);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	/* namespaces: net allowed, every other type denied */
	d = decide(text, X86_64, "unshare", CLONE_NEWNET, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "unshare", CLONE_NEWNET | CLONE_NEWUSER, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "unshare", CLONE_NEWTIME, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* x86_64's clone takes the flags first; its low byte is the exit
	 * signal, not CLONE_NEWTIME */
	d = decide(text, X86_64, "clone", CLONE_NEWPID | SIGCHLD, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "clone", 0x80 | CLONE_VM, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "clone", SIGCHLD, CLONE_NEWUSER, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "setns", 3, CLONE_NEWNET, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "setns", 3, 0, 0); /* any type */
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "setns", 3, CLONE_NEWNS, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* clone3's flags are behind a pointer: ENOSYS, whatever the policy */
	d = decide(text, X86_64, "clone3", 0, 88, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(ENOSYS));
	/* every type denied: setns altogether */
	text = HEAD "restrict_namespaces = yes\n[syscalls]\nsetns = allow\n";
	d = decide(text, X86_64, "setns", 3, CLONE_NEWNET, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* every type allowed: nothing to deny */
	text = HEAD "restrict_namespaces = cgroup ipc mnt net pid user uts "
		    "time\n";
	d = decide(text, X86_64, "clone3", 0, 88, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(ENOSYS)); /* the shim's */
	ck_assert_uint_eq(d.line, 0);
	d = decide(text, X86_64, "setns", 3, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
}
END_TEST

START_TEST(test_harden_modes_personality_realtime)
{
	const char *text = HEAD "restrict_suid_sgid = yes\n"
				"lock_personality = yes\n"
				"restrict_realtime = yes\n"
				"[syscalls]\n@file-system = allow\n"
				"personality = allow\n"
				"sched_setscheduler = allow\n"
				"sched_setattr = allow\n";
	uint64_t args[6] = {(uint64_t)AT_FDCWD, 0, O_WRONLY | O_CREAT, 04755};
	int openat = rules_nr(X86_64, "openat");
	struct decided d;

	d = decide(text, X86_64, "fchmodat", (uint64_t)AT_FDCWD, 0, 04755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 4);
	d = decide(text, X86_64, "fchmodat", (uint64_t)AT_FDCWD, 0, 02755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "fchmodat", (uint64_t)AT_FDCWD, 0, 01777);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "chmod", 0, 06755, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "fchmodat2", (uint64_t)AT_FDCWD, 0, 04755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mkdirat", (uint64_t)AT_FDCWD, 0, 02755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mknodat", (uint64_t)AT_FDCWD, 0,
		   S_IFREG | 04755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "creat", 0, 04700, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "open", 0, O_RDWR | O_CREAT, 02755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* the mode counts only where a file is made */
	d = decide(text, X86_64, "open", 0, O_RDWR, 02755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(decide_args(text, X86_64, openat, args).filter,
			  SCMP_ACT_ERRNO(EPERM));
	args[2] = O_WRONLY | O_TMPFILE;
	ck_assert_uint_eq(decide_args(text, X86_64, openat, args).filter,
			  SCMP_ACT_ERRNO(EPERM));
	args[3] = 0600;
	ck_assert_uint_eq(decide_args(text, X86_64, openat, args).filter,
			  SCMP_ACT_ALLOW);
	args[2] = O_RDONLY;
	args[3] = 04755;
	ck_assert_uint_eq(decide_args(text, X86_64, openat, args).filter,
			  SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "openat2", (uint64_t)AT_FDCWD, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(ENOSYS));
	/* personality: the query and the default persona only */
	d = decide(text, X86_64, "personality", 0xffffffff, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "personality", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "personality", READ_IMPLIES_EXEC, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "personality", 8, 0, 0); /* PER_LINUX32 */
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* realtime: FIFO, RR, DEADLINE refused; the others allowed, with
	 * SCHED_RESET_ON_FORK or not; sched_setattr hides its policy */
	d = decide(text, X86_64, "sched_setscheduler", 0, SCHED_FIFO, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "sched_setscheduler", 0,
		   SCHED_RR | SCHED_RESET_ON_FORK, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "sched_setscheduler", 0, SCHED_DEADLINE, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "sched_setscheduler", 0,
		   SCHED_BATCH | SCHED_RESET_ON_FORK, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "sched_setscheduler", 0, SCHED_IDLE, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "sched_setattr", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(ENOSYS));
}
END_TEST

START_TEST(test_harden_i386)
{
	/* With the i386 ABI listed: socket() through socketcall carries
	 * its family behind a pointer, and is refused; shmat through ipc
	 * is checked; mmap2 as mmap. */
	const char *text = HEAD "architectures = x86\n"
				"restrict_address_families = AF_UNIX\n"
				"memory_deny_write_execute = yes\n"
				"[syscalls]\nsocketcall = allow\nipc = allow\n";
	struct decided d;

	d = decide(text, SCMP_ARCH_X86, "socketcall", 1 /* SYS_SOCKET */, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, SCMP_ARCH_X86, "socketcall", 8 /* SYS_SOCKETPAIR */, 0,
		   0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, SCMP_ARCH_X86, "socket", AF_INET, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	d = decide(text, SCMP_ARCH_X86, "socket", AF_UNIX, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, SCMP_ARCH_X86, "ipc", 21 /* SHMAT */, 3, SHM_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, SCMP_ARCH_X86, "ipc", 21, 3, SHM_RDONLY);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, SCMP_ARCH_X86, "ipc", 22 /* SHMDT */, 3, SHM_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, SCMP_ARCH_X86, "mmap2", 0, 4096,
		   PROT_WRITE | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* x86_64 alone has no socketcall, ipc or mmap2: their rules go */
	text = HEAD "restrict_address_families = AF_UNIX\n";
	d = decide(text, X86_64, "socket", AF_INET, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
}
END_TEST

START_TEST(test_harden_include)
{
	/* A switch set in an included file applies; one the including file
	 * sets replaces it, "no" included. */
	const char *base_text = "[policy]\nversion = 1\n"
				"restrict_namespaces = yes\n";
	struct policy p, base;
	struct ruleset r;
	struct shim_error err;
	uint64_t args[6] = {CLONE_NEWUSER};
	int unshare = rules_nr(X86_64, "unshare");
	unsigned int line;

	ck_assert_int_eq(
		parse_text(HEAD "[syscalls]\nunshare = allow\n", &p, &err), 0);
	ck_assert_int_eq(policy_parse(base_text, strlen(base_text), "base.ini",
				      &base, &err),
			 0);
	ck_assert_int_eq(policy_merge(&p, &base, &err), 0);
	ck_assert_uint_eq(p.harden[HARDEN_NAMESPACES].line, 3);
	ck_assert_str_eq(p.harden[HARDEN_NAMESPACES].file, "base.ini");
	ck_assert_int_eq(rules_resolve(&p, &r, &err), 0);
	ck_assert_uint_eq(rules_decide(&r, X86_64, unshare, args, &line),
			  SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(line, 3);
	ck_assert_str_eq(rules_rule(&r, "unshare", 3)->file, "base.ini");
	rules_free(&r);
	policy_free(&p);

	ck_assert_int_eq(parse_text(HEAD "restrict_namespaces = no\n"
					 "[syscalls]\nunshare = allow\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(policy_parse(base_text, strlen(base_text), "base.ini",
				      &base, &err),
			 0);
	ck_assert_int_eq(policy_merge(&p, &base, &err), 0);
	ck_assert_int_eq(rules_resolve(&p, &r, &err), 0);
	ck_assert_uint_eq(rules_decide(&r, X86_64, unshare, args, &line),
			  SCMP_ACT_ALLOW);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

/* The preload library's libc (shim/preload/guest.c), called by name as the
 * linker's --wrap makes the library call it. */
void *__wrap_memcpy(void *to, const void *from, size_t n);
size_t __wrap_strlen(const char *s);
char *__wrap_strchr(const char *s, int c);
char *__wrap_strrchr(const char *s, int c);
int __wrap_strcmp(const char *a, const char *b);
size_t __wrap_strcspn(const char *s, const char *reject);
char *__wrap_strdup(const char *s);
int __wrap_close(int fd);
int __wrap_open(const char *path, int flags, ...);
ssize_t __wrap_read(int fd, void *buf, size_t n);
int __wrap_fstat(int fd, struct stat *st);
int __wrap_stat(const char *path, struct stat *st);
int __wrap_lstat(const char *path, struct stat *st);
int __wrap_prctl(int option, ...);
long __wrap_syscall(long nr, ...);
char *__wrap_strerror(int e);
int __wrap_snprintf(char *s, size_t n, const char *fmt, ...);

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

START_TEST(test_guest_strings)
{
	/* Each string function against libc's, on strings of every byte. */
	const char *samples[] = {"",	   "a",		"abc",	"/usr/bin/curl",
				 "a/b/c/", "\xff\x80x", "same", "samf",
				 "sam"};
	const int n = sizeof(samples) / sizeof(*samples);
	char buf[64];

	for (int i = 0; i < n; i++) {
		const char *s = samples[i];

		ck_assert_uint_eq(__wrap_strlen(s), strlen(s));
		for (int c = 0; c < 256; c++) {
			ck_assert_ptr_eq(__wrap_strchr(s, c), strchr(s, c));
			ck_assert_ptr_eq(__wrap_strrchr(s, c), strrchr(s, c));
		}
		for (int j = 0; j < n; j++) {
			ck_assert_int_eq(sign(__wrap_strcmp(s, samples[j])),
					 sign(strcmp(s, samples[j])));
			ck_assert_uint_eq(__wrap_strcspn(s, samples[j]),
					  strcspn(s, samples[j]));
		}
		char *copy = __wrap_strdup(s);

		ck_assert_str_eq(copy, s);
		free(copy);
		memset(buf, 'x', sizeof(buf));
		ck_assert_ptr_eq(__wrap_memcpy(buf, s, strlen(s) + 1), buf);
		ck_assert_str_eq(buf, s);
		ck_assert_int_eq(buf[strlen(s) + 1], 'x');
	}
	ck_assert_int_eq(__wrap_snprintf(buf, sizeof(buf), "%s:%u", "f", 7u),
			 3);
	ck_assert_str_eq(buf, "f:7");
	ck_assert_str_eq(__wrap_strerror(EPERM), strerror(EPERM));
}
END_TEST

START_TEST(test_guest_syscalls)
{
	/* libc's convention: a result, or -1 with errno set. */
	struct stat st, want;
	char byte;
	int fd;

	errno = 0;
	ck_assert_int_eq(__wrap_close(-1), -1);
	ck_assert_int_eq(errno, EBADF);
	ck_assert_int_eq(__wrap_open("/nonexistent/x", O_RDONLY), -1);
	ck_assert_int_eq(errno, ENOENT);
	fd = __wrap_open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(__wrap_read(fd, &byte, 1), 1);
	ck_assert_int_eq(__wrap_fstat(fd, &st), 0);
	ck_assert_int_eq(__wrap_close(fd), 0);
	ck_assert_int_eq(__wrap_stat("/", &st), 0);
	ck_assert_int_eq(stat("/", &want), 0);
	ck_assert_uint_eq(st.st_ino, want.st_ino);
	ck_assert_int_eq(__wrap_lstat("/proc/self", &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(__wrap_prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
			 prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	ck_assert_int_eq(__wrap_syscall(SYS_getpid), getpid());
	ck_assert_int_eq(__wrap_syscall(SYS_close, -1), -1);
	ck_assert_int_eq(errno, EBADF);
}
END_TEST

static Suite *core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc;

	tc = tcase_create("actions");
	tcase_add_test(tc, test_action_names);
	tcase_add_test(tc, test_action_errors);
	tcase_add_test(tc, test_action_format);
	tcase_add_test(tc, test_errno_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_minimal);
	tcase_add_test(tc, test_parse_forms);
	tcase_add_test(tc, test_parse_strict);
	tcase_add_test(tc, test_heap_chunks);
	tcase_add_test(tc, test_parse_no_final_newline);
	tcase_add_test(tc, test_parse_arches);
	tcase_add_test(tc, test_parse_many_entries);
	suite_add_tcase(s, tc);

	tc = tcase_create("resolve");
	tcase_add_test(tc, test_resolve_calls);
	tcase_add_test(tc, test_resolve_foreign_name_skipped);
	tcase_add_test(tc, test_resolve_foreign_name_kept);
	tcase_add_test(tc, test_resolve_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("conditions");
	tcase_add_test(tc, test_constants);
	tcase_add_test(tc, test_condition_parse);
	tcase_add_test(tc, test_condition_errors);
	tcase_add_test(tc, test_condition_semantics);
	tcase_add_test(tc, test_first_match);
	suite_add_tcase(s, tc);

	tc = tcase_create("groups");
	tcase_add_test(tc, test_groups_direct_beats_group);
	tcase_add_test(tc, test_groups_nested_and_own);
	tcase_add_test(tc, test_groups_later_wins);
	tcase_add_test(tc, test_groups_errors);
	tcase_add_test(tc, test_groups_table);
	tcase_add_test(tc, test_resolve_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("filter");
	tcase_add_test(tc, test_filter_abis);
	tcase_add_test(tc, test_shim_needs);
	tcase_add_test(tc, test_newer_syscalls);
	tcase_add_test(tc, test_filter_cacheable);
	tcase_add_test(tc, test_filter_shape);
	tcase_add_test(tc, test_filter_action_cache);
	tcase_add_test(tc, test_cache_entry_parse);
	tcase_add_test(tc, test_filter_large);
	suite_add_tcase(s, tc);

	tc = tcase_create("harden");
	tcase_add_test(tc, test_harden_parse);
	tcase_add_test(tc, test_harden_beats_policy);
	tcase_add_test(tc, test_harden_memory_namespaces);
	tcase_add_test(tc, test_harden_modes_personality_realtime);
	tcase_add_test(tc, test_harden_i386);
	tcase_add_test(tc, test_harden_include);
	suite_add_tcase(s, tc);

	tc = tcase_create("suggest");
	tcase_add_test(tc, test_suggest);
	suite_add_tcase(s, tc);

	tc = tcase_create("syscall_args");
	tcase_add_test(tc, test_syscall_args_complete);
	suite_add_tcase(s, tc);

	tc = tcase_create("landlock");
	tcase_add_test(tc, test_landlock_table);
	tcase_add_test(tc, test_landlock_none_and_abi);
	tcase_add_test(tc, test_landlock_lint);
	tcase_add_test(tc, test_landlock_include_merge);
	suite_add_tcase(s, tc);

	tc = tcase_create("guest");
	tcase_add_test(tc, test_guest_strings);
	tcase_add_test(tc, test_guest_syscalls);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_source_inline);
	tcase_add_test(tc, test_source_errors);
	tcase_add_test(tc, test_fixtures);
	tcase_add_test(tc, test_keys_documented);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(core_suite());
	int failed;

	/* A loaded filter cannot be unloaded: fork each test, unless the
	 * person debugging says CK_FORK=no. */
	if (!getenv("CK_FORK"))
		srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
