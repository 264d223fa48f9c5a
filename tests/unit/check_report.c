/*
 * Check suite: log = stderr's reports: the table the compiler makes
 * (compiler/report-rules.c), reading it (common/report.c), and the line
 * the SIGSYS handler writes (preload/reporter.c's reporter_format).
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "compile.h"
#include "filter.h"
#include "policy.h"
#include "report.h"
#include "reporter.h"
#include "rules.h"
#include "syscall-formats.h"
#include "unit.h"

/* A reporting policy with every denying action, on lines 8 to 11. */
static const char reporting[] = "[policy]\n"
				"version = 1\n"
				"default = errno:EACCES\n"
				"log = stderr\n"
				"[syscalls]\n"
				"@default = allow\n"
				"write = allow\n"
				"mkdir = errno:EPERM\n"
				"rmdir = kill\n"
				"unlink = kill-thread\n"
				"link = trap\n"
				"getpid = allow\n";

/* Compile text as the library would, with its table of reports. */
static void compile_text(const char *text, struct policy *p, struct ruleset *r)
{
	struct shim_error err;
	struct filter f;
	uint64_t digest;
	char msg[1200] = "";
	int rc = parse_text(text, p, &err);

	if (rc == 0)
		rc = policy_compile(p, 0, 0, r, &f, &digest, &err);
	if (rc < 0)
		error_format(&err, msg, sizeof(msg));
	ck_assert_msg(rc == 0, "%s", msg);
	filter_free(&f);
	ck_assert_ptr_nonnull(r->report);
}

/* What the policy does with the native call name, as the filter does. */
static uint32_t action_of(const struct ruleset *r, const char *name,
			  uint64_t a0)
{
	uint64_t args[6] = {a0, 0, 0, 0, 0, 0};
	unsigned int line;

	return rules_decide(r, AUDIT_ARCH_X86_64,
			    rules_nr(SCMP_ARCH_X86_64, name), args, &line);
}

/* The entry the trap for name reports, or NULL if the call is not
 * trapped to be reported. */
static const struct report_entry *entry_of(const struct ruleset *r,
					   const char *name)
{
	uint32_t action = action_of(r, name, 0);

	if ((action & 0xffff0000u) != SCMP_ACT_TRAP)
		return NULL;
	return report_entry(r->report, action & 0xffffu);
}

static void expect_entry(const struct ruleset *r, const char *name,
			 uint32_t action, uint32_t kind, unsigned int line,
			 const char *text)
{
	const struct report_entry *e = entry_of(r, name);

	ck_assert_msg(e != NULL, "%s is not reported", name);
	ck_assert_uint_eq(e->action, action);
	ck_assert_uint_eq(e->kind, kind);
	ck_assert_uint_eq(e->line, line);
	ck_assert_str_eq(report_string(r->report, e->file), "FILE");
	ck_assert_str_eq(report_string(r->report, e->text), text);
}

/* --- the table ------------------------------------------------------------ */

START_TEST(test_report_entries)
{
	struct policy p;
	struct ruleset r;

	compile_text(reporting, &p, &r);
	ck_assert_int_eq(report_check(r.report, r.report_len), 1);
	/* every denying action becomes a trap to its entry */
	expect_entry(&r, "mkdir", SCMP_ACT_ERRNO(EPERM), REPORT_RULE, 8,
		     "errno:EPERM");
	expect_entry(&r, "rmdir", SCMP_ACT_KILL_PROCESS, REPORT_RULE, 9,
		     "kill");
	expect_entry(&r, "unlink", SCMP_ACT_KILL_THREAD, REPORT_RULE, 10,
		     "kill-thread");
	expect_entry(&r, "link", SCMP_ACT_TRAP, REPORT_RULE, 11, "trap");
	expect_entry(&r, "acct", SCMP_ACT_ERRNO(EACCES), REPORT_DEFAULT, 3,
		     "errno:EACCES");
	/* one entry for what one line decides */
	ck_assert_ptr_eq(entry_of(&r, "acct"), entry_of(&r, "mount"));
	ck_assert_ptr_ne(entry_of(&r, "acct"), entry_of(&r, "mkdir"));
	/* what is allowed stays allowed */
	ck_assert_uint_eq(action_of(&r, "write", 2), SCMP_ACT_ALLOW);
	ck_assert_uint_eq(action_of(&r, "getpid", 0), SCMP_ACT_ALLOW);
	/* ENOSYS for clone3, which glibc expects and falls back from: not
	 * worth a line, unless the policy names the call */
	ck_assert_uint_eq(action_of(&r, "clone3", 0), SCMP_ACT_ERRNO(ENOSYS));
	/* the native ABI's names, by number */
	ck_assert_str_eq(report_name(r.report, 83), "mkdir");
	ck_assert_str_eq(report_name(r.report, 0), "read");
	ck_assert_ptr_null(report_name(r.report, 100000));
	rules_free(&r);
	policy_free(&p);

	compile_text("[policy]\nversion = 1\ndefault = allow\nlog = stderr\n"
		     "[syscalls]\nclone3 = errno:ENOSYS\n",
		     &p, &r);
	expect_entry(&r, "clone3", SCMP_ACT_ERRNO(ENOSYS), REPORT_RULE, 6,
		     "errno:ENOSYS");
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_report_flags)
{
	/* what the handler may call without being denied itself */
	const struct report_head *head;
	struct policy p;
	struct ruleset r;

	compile_text(reporting, &p, &r);
	head = r.report;
	ck_assert_uint_eq(head->flags, REPORT_GETPID);
	rules_free(&r);
	policy_free(&p);
	compile_text("[policy]\nversion = 1\ndefault = allow\nlog = stderr\n"
		     "[syscalls]\nmkdir = errno:EPERM\n",
		     &p, &r);
	head = r.report;
	ck_assert_uint_eq(head->flags, REPORT_READ_STRINGS | REPORT_GETPID |
					       REPORT_READ_MEM |
					       REPORT_OPEN_MEM);
	rules_free(&r);
	policy_free(&p);
	compile_text("[policy]\nversion = 1\ndefault = allow\nlog = stderr\n"
		     "[syscalls]\nprocess_vm_readv = errno:EPERM\n"
		     "getpid = errno:EPERM\n",
		     &p, &r);
	head = r.report;
	ck_assert_uint_eq(head->flags, REPORT_READ_MEM | REPORT_OPEN_MEM);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

/* The error compiling text gives, as the library would print it. */
static void expect_compile_error(const char *text, const char *expected)
{
	struct shim_error err;
	struct policy p;
	struct ruleset r;
	struct filter f;
	uint64_t digest;
	char msg[1200];

	ck_assert_int_eq(parse_text(text, &p, &err), 0);
	ck_assert_int_lt(policy_compile(&p, 0, 0, &r, &f, &digest, &err), 0);
	policy_free(&p);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg, expected);
}

START_TEST(test_report_errors)
{
	/* the handler writes to stderr and returns with rt_sigreturn */
	expect_compile_error(
		"[policy]\nversion = 1\ndefault = errno:EACCES\n"
		"log = stderr\n[syscalls]\n@default = allow\n",
		"seccomp-shim: FILE:4: log = stderr needs write(2, ...) "
		"allowed (the report is written with it), and the "
		"default, line 3 denies it");
	/* (a line the length of a report, too) */
	expect_compile_error(
		"[policy]\nversion = 1\ndefault = errno:EACCES\n"
		"log = stderr\n[syscalls]\n@default = allow\n"
		"write = allow if a2 < 100\n",
		"seccomp-shim: FILE:4: log = stderr needs write(2, ...) "
		"allowed (the report is written with it), and the "
		"default, line 3 denies it");
	expect_compile_error(
		"[policy]\nversion = 1\ndefault = allow\nlog = stderr\n"
		"[syscalls]\nwrite = errno:EBADF if a0 == 2\n",
		"seccomp-shim: FILE:4: log = stderr needs write(2, ...) "
		"allowed (the report is written with it), and line 6 "
		"denies it");
	expect_compile_error(
		"[policy]\nversion = 1\ndefault = allow\nlog = stderr\n"
		"[syscalls]\nrt_sigreturn = kill\n",
		"seccomp-shim: FILE:4: log = stderr needs rt_sigreturn "
		"allowed (the reporting signal handler returns with it)");
}
END_TEST

/* report_check takes nothing but a well-formed table. */
START_TEST(test_report_check)
{
	struct policy p;
	struct ruleset r;
	struct report_head *head;
	struct report_entry *entries;
	uint32_t *names;
	size_t len;
	char *block, *odd;

	compile_text(reporting, &p, &r);
	len = r.report_len;
	block = malloc(len);
	odd = malloc(len + 8);
	head = (struct report_head *)(void *)block;
	entries = (struct report_entry *)(head + 1);
	names = (uint32_t *)(entries +
			     ((struct report_head *)r.report)->n_entries);
#define BROKEN(change)                                                         \
	do {                                                                   \
		memcpy(block, r.report, len);                                  \
		ck_assert_int_eq(report_check(block, len), 1);                 \
		change;                                                        \
		ck_assert_msg(report_check(block, len) == 0, "%s accepted",    \
			      #change);                                        \
	} while (0)
	BROKEN(head->magic ^= 1);
	BROKEN(head->size--);
	BROKEN(head->n_entries = REPORT_MAX_ENTRIES + 1);
	BROKEN(head->n_names = 4097);
	BROKEN(entries[0].kind = REPORT_KINDS);
	BROKEN(entries[1].file = (uint32_t)len);
	BROKEN(entries[1].text = 0xffffffffu);
	BROKEN(names[83] = (uint32_t)len);
	BROKEN(block[len - 1] = 'x');
#undef BROKEN
	memcpy(block, r.report, len);
	ck_assert_int_eq(report_check(block, len - 1), 0);
	ck_assert_int_eq(report_check(block, sizeof(*head) - 1), 0);
	/* a block the handler could not read with aligned loads */
	memcpy(odd + 1, r.report, len);
	ck_assert_int_eq(report_check(odd + 1, len), 0);
	/* entries by trap data: the shim's tag, an index in range */
	ck_assert_ptr_eq(report_entry(block, REPORT_TAG), entries);
	ck_assert_ptr_eq(report_entry(block, REPORT_TAG | 1), entries + 1);
	ck_assert_ptr_null(report_entry(block, 1));
	ck_assert_ptr_null(report_entry(block, 0x8000));
	ck_assert_ptr_null(report_entry(block, REPORT_TAG + head->n_entries));
	free(odd);
	free(block);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

/* --- the line ------------------------------------------------------------ */

/* The program's memory, as the handler reads it: always 64 bytes (the
 * strings are in buffers longer than that). */
static long read_here(char *s, uint64_t p, long pid)
{
	memcpy(s, (const void *)(uintptr_t)p, 64);
	return 64;
}

/* Memory that cannot be read (EFAULT, EIO). */
static long read_nothing(char *s, uint64_t p, long pid)
{
	return -EIO;
}

/* The line for a call to name (x86_64) with args, denied by e. */
static const char *line_for(const struct ruleset *r,
			    const struct report_entry *e, long pid,
			    const char *program, const char *name,
			    const uint64_t *args, reporter_read_fn *read_string)
{
	static char buf[1024];
	struct reporter_call call = {AUDIT_ARCH_X86_64,
				     (uint32_t)rules_nr(SCMP_ARCH_X86_64, name),
				     {0},
				     pid,
				     program};
	size_t n;

	memcpy(call.args, args, sizeof(call.args));
	n = reporter_format(r->report, e, &call, read_string, buf, sizeof(buf));
	ck_assert_uint_eq(n, strlen(buf));
	return buf;
}

#define ARGS(...) ((const uint64_t[6]){__VA_ARGS__})

/* The formats come from the kernel's prototypes, for every call libseccomp
 * names on x86_64 but those x86_64 has no entry point for. */
START_TEST(test_report_formats)
{
	static const char *const not_implemented[] = {
		"_sysctl",	   "afs_syscall",     "create_module",
		"epoll_ctl_old",   "epoll_wait_old",  "get_kernel_syms",
		"get_thread_area", "getpmsg",	      "lookup_dcookie",
		"nfsservctl",	   "putpmsg",	      "query_module",
		"security",	   "set_thread_area", "tuxcall",
		"uselib",	   "vserver",
	};
	size_t named = 0, without = 0;

	ck_assert_str_eq(syscall_format(0), "fpu");    /* read */
	ck_assert_str_eq(syscall_format(258), "Dso");  /* mkdirat */
	ck_assert_str_eq(syscall_format(41), "axd");   /* socket */
	ck_assert_str_eq(syscall_format(59), "spp");   /* execve */
	ck_assert_str_eq(syscall_format(9), "puxxfx"); /* mmap */
	ck_assert_str_eq(syscall_format(39), "");      /* getpid */
	ck_assert_ptr_null(syscall_format(335));       /* uretprobe: unnamed */
	/* buffers are never read as strings: what a program left in a
	 * buffer the kernel is to fill, or past a counted name's end */
	ck_assert_str_eq(syscall_format(243), "dpupp"); /* mq_timedreceive */
	ck_assert_str_eq(syscall_format(242), "dpuxp"); /* mq_timedsend */
	ck_assert_str_eq(syscall_format(170), "pu");	/* sethostname */
	ck_assert_str_eq(syscall_format(171), "pu");	/* setdomainname */
	ck_assert_str_eq(syscall_format(436), "fxx");	/* close_range */
	for (int nr = 0; nr < 1024; nr++) {
		char *name =
			seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);
		int listed = 0;

		if (!name)
			continue;
		named++;
		for (size_t i = 0;
		     i < sizeof(not_implemented) / sizeof(*not_implemented);
		     i++)
			listed |= strcmp(name, not_implemented[i]) == 0;
		if (!syscall_format((unsigned int)nr)) {
			without++;
			ck_assert_msg(listed, "%s has no format", name);
		}
		free(name);
	}
	ck_assert_uint_gt(named, 300);
	ck_assert_uint_eq(without,
			  sizeof(not_implemented) / sizeof(*not_implemented));
}
END_TEST

/* A number the table lacks: its six registers, in hex. */
START_TEST(test_report_line_unformatted)
{
	struct policy p;
	struct ruleset r;
	char buf[512];
	struct reporter_call call = {AUDIT_ARCH_X86_64,
				     335,
				     {1, 2, 3, 4, 5, 0xffffffffffffffff},
				     7,
				     "probe"};

	compile_text(HEAD "log = stderr\n[syscalls]\nmkdir = errno:EPERM\n", &p,
		     &r);
	reporter_format(r.report, entry_of(&r, "mkdir"), &call, NULL, buf,
			sizeof(buf));
	ck_assert_msg(strstr(buf, "(0x1, 0x2, 0x3, 0x4, 0x5, "
				  "0xffffffffffffffff)") != NULL,
		      "%s", buf);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_report_line_calls)
{
	struct policy p;
	struct ruleset r;
	const struct report_entry *mkdir_e, *deflt;
	static char path[80] = "/tmp/d";
	char want[200];
	/* seccomp-shim.ini(5): seccomp-shim[PID] PROGRAM: CALL(ARGS)
	 * denied by FILE:LINE (ACTION); here the line, by mkdir's line 8 or
	 * by the default, up to " denied" (a row a call) */
	/* clang-format off */
	const struct {
		int by_default;
		long pid;
		const char *program, *call;
		uint64_t args[6];
		reporter_read_fn *read_string;
		const char *line;
	} calls[] = {
		{0, 1234, "mkdir", "mkdir", {(uintptr_t)path, 0777}, read_here,
		 "seccomp-shim[1234] mkdir: mkdir(\"/tmp/d\", 0777)"},
		/* no pid, no program name; a directory descriptor */
		{1, 0, NULL, "mkdirat",
		 {(uint32_t)AT_FDCWD, (uintptr_t)path, 0700}, read_here,
		 "seccomp-shim[?] ?: mkdirat(AT_FDCWD, \"/tmp/d\", 0700)"},
		{1, 7, "p", "openat", {5, (uintptr_t)path, O_RDONLY, 0},
		 read_here, "seccomp-shim[7] p: openat(5, \"/tmp/d\", 0x0, 0)"},
		/* NULL, and a string that cannot be read: the pointer;
		 * octal 0 */
		{1, 7, "probe", "acct", {0}, read_here,
		 "seccomp-shim[7] probe: acct(NULL)"},
		{0, 7, "probe", "mkdir", {0xfffffffffffff000, 0}, read_nothing,
		 "seccomp-shim[7] probe: mkdir(0xfffffffffffff000, 0)"},
		/* address families by name; descriptors and ints signed */
		{1, 7, "probe", "socket", {AF_INET, SOCK_STREAM, 0}, NULL,
		 "seccomp-shim[7] probe: socket(AF_INET, 0x1, 0)"},
		{1, 7, "probe", "socketpair", {99, 2, 0, 0x1000}, NULL,
		 "seccomp-shim[7] probe: socketpair(99, 0x2, 0, 0x1000)"},
		{1, 7, "probe", "kill", {0xffffffff, 9}, NULL,
		 "seccomp-shim[7] probe: kill(-1, 9)"},
		{1, 7, "probe", "read", {0xffffffff, 0x7ffc0000, 4096}, NULL,
		 "seccomp-shim[7] probe: read(-1, 0x7ffc0000, 4096)"},
		/* no arguments; the prototype's two ints, no more */
		{1, 7, "probe", "getppid", {0}, NULL,
		 "seccomp-shim[7] probe: getppid()"},
		{1, 7, "probe", "getpriority",
		 {1, 2, 3, 4, 5, 0xffffffffffffffff}, NULL,
		 "seccomp-shim[7] probe: getpriority(1, 2)"},
	};
	/* clang-format on */

	compile_text(reporting, &p, &r);
	mkdir_e = entry_of(&r, "mkdir");
	deflt = entry_of(&r, "acct");
	for (size_t i = 0; i < sizeof(calls) / sizeof(*calls); i++) {
		snprintf(want, sizeof(want), "%s denied by %s\n", calls[i].line,
			 calls[i].by_default ? "FILE:3 (default = errno:EACCES)"
					     : "FILE:8 (errno:EPERM)");
		ck_assert_str_eq(
			line_for(&r, calls[i].by_default ? deflt : mkdir_e,
				 calls[i].pid, calls[i].program, calls[i].call,
				 calls[i].args, calls[i].read_string),
			want);
	}
	/* a string that cannot be read, or without a way to read it */
	snprintf(want, sizeof(want),
		 "seccomp-shim[7] probe: mkdir(%p, 0) denied by FILE:8 "
		 "(errno:EPERM)\n",
		 (void *)path);
	ck_assert_str_eq(line_for(&r, mkdir_e, 7, "probe", "mkdir",
				  ARGS((uintptr_t)path, 0), read_nothing),
			 want);
	ck_assert_str_eq(line_for(&r, mkdir_e, 7, "probe", "mkdir",
				  ARGS((uintptr_t)path, 0), NULL),
			 want);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_report_line_strings)
{
	struct policy p;
	struct ruleset r;
	const struct report_entry *e;
	char odd[80] = "a\"b\\c\nd\x7f\xc3\xa9";
	char long_path[80], want[200];

	compile_text(reporting, &p, &r);
	e = entry_of(&r, "mkdir");
	/* quotes and backslashes escaped, other bytes as \xNN */
	ck_assert_str_eq(line_for(&r, e, 7, "probe", "mkdir",
				  ARGS((uintptr_t)odd, 0700), read_here),
			 "seccomp-shim[7] probe: mkdir(\"a\\\"b\\\\c\\x0ad\\x7f"
			 "\\xc3\\xa9\", 0700) denied by FILE:8 "
			 "(errno:EPERM)\n");
	/* 48 bytes of a longer string, then "..." */
	memset(long_path, 0, sizeof(long_path));
	memset(long_path, 'x', 60);
	snprintf(want, sizeof(want),
		 "seccomp-shim[7] probe: mkdir(\"%.48s\"..., 0700) denied by "
		 "FILE:8 (errno:EPERM)\n",
		 long_path);
	ck_assert_str_eq(line_for(&r, e, 7, "probe", "mkdir",
				  ARGS((uintptr_t)long_path, 0700), read_here),
			 want);
	/* and 48 whole */
	long_path[48] = '\0';
	snprintf(want, sizeof(want),
		 "seccomp-shim[7] probe: mkdir(\"%s\", 0700) denied by FILE:8 "
		 "(errno:EPERM)\n",
		 long_path);
	ck_assert_str_eq(line_for(&r, e, 7, "probe", "mkdir",
				  ARGS((uintptr_t)long_path, 0700), read_here),
			 want);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

/* Calls of other ABIs, and numbers without a name: by number, every
 * register in hex. */
START_TEST(test_report_line_abis)
{
	struct policy p;
	struct ruleset r;
	const struct report_entry *e;
	struct reporter_call call = {
		AUDIT_ARCH_I386, 39, {1, 2, 3, 4, 5, 6}, 7, "probe"};
	char buf[1024];

	compile_text(reporting, &p, &r);
	e = entry_of(&r, "mkdir");
	reporter_format(r.report, e, &call, read_here, buf, sizeof(buf));
	ck_assert_str_eq(buf, "seccomp-shim[7] probe: syscall 39 (i386)(0x1, "
			      "0x2, 0x3, 0x4, 0x5, 0x6) denied by FILE:8 "
			      "(errno:EPERM)\n");
	call.arch = AUDIT_ARCH_X86_64;
	call.nr = 0x40000000u | 83;
	reporter_format(r.report, e, &call, read_here, buf, sizeof(buf));
	ck_assert_str_eq(buf, "seccomp-shim[7] probe: syscall 83 (x32)(0x1, "
			      "0x2, 0x3, 0x4, 0x5, 0x6) denied by FILE:8 "
			      "(errno:EPERM)\n");
	call.nr = 100000;
	reporter_format(r.report, e, &call, read_here, buf, sizeof(buf));
	ck_assert_str_eq(buf, "seccomp-shim[7] probe: syscall 100000(0x1, "
			      "0x2, 0x3, 0x4, 0x5, 0x6) denied by FILE:8 "
			      "(errno:EPERM)\n");
	call.arch = AUDIT_ARCH_AARCH64;
	call.nr = 83;
	reporter_format(r.report, e, &call, read_here, buf, sizeof(buf));
	ck_assert_str_eq(buf, "seccomp-shim[7] probe: syscall 83 (ABI "
			      "0xc00000b7)(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) "
			      "denied by FILE:8 (errno:EPERM)\n");
	rules_free(&r);
	policy_free(&p);
}
END_TEST

/* What decided, as the policy wrote it: a line, the default,
 * newer_syscalls, an ABI the policy does not list. */
START_TEST(test_report_line_kinds)
{
	struct policy p;
	struct ruleset r;
	const struct report_head *head;
	const struct report_entry *entries;
	char buf[1024];
	int seen = 0;
	struct reporter_call call = {AUDIT_ARCH_X86_64, 39, {0}, 7, "probe"};

	compile_text("[policy]\nversion = 1\ndefault = kill-thread\n"
		     "newer_syscalls = errno:ENOSYS\nlog = stderr\n"
		     "[syscalls]\n@default = allow\nwrite = allow\n",
		     &p, &r);
	head = r.report;
	entries = (const struct report_entry *)(head + 1);
	for (uint32_t i = 0; i < head->n_entries; i++) {
		const struct report_entry *e = &entries[i];

		reporter_format(r.report, e, &call, NULL, buf, sizeof(buf));
		if (e->kind == REPORT_DEFAULT) {
			ck_assert_str_eq(buf, "seccomp-shim[7] probe: getpid() "
					      "denied by FILE:3 (default = "
					      "kill-thread)\n");
			seen |= 1;
		} else if (e->kind == REPORT_NEWER) {
			ck_assert_str_eq(buf, "seccomp-shim[7] probe: getpid() "
					      "denied by FILE:4 "
					      "(newer_syscalls = "
					      "errno:ENOSYS)\n");
			seen |= 2;
		} else if (e->kind == REPORT_ABI) {
			/* no architectures line: no line to name */
			ck_assert_str_eq(buf, "seccomp-shim[7] probe: getpid() "
					      "denied by FILE (ABI not in "
					      "architectures: kill)\n");
			seen |= 4;
		}
	}
	ck_assert_int_eq(seen, 7);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_report_line_limits)
{
	struct policy p;
	struct ruleset r;
	const struct report_entry *e;
	struct reporter_call call = {AUDIT_ARCH_X86_64, 39, {0}, 7, "probe"};
	char buf[32], name[2000], line[1024];

	compile_text(reporting, &p, &r);
	e = entry_of(&r, "mkdir");
	/* cut short to fit, always ended */
	memset(buf, 'x', sizeof(buf));
	ck_assert_uint_eq(reporter_format(r.report, e, &call, NULL, buf, 20),
			  19);
	ck_assert_str_eq(buf, "seccomp-shim[7] pro");
	ck_assert_int_eq(buf[20], 'x');
	ck_assert_uint_eq(reporter_format(r.report, e, &call, NULL, buf, 1), 0);
	ck_assert_str_eq(buf, "");
	buf[0] = 'x';
	ck_assert_uint_eq(reporter_format(r.report, e, &call, NULL, buf, 0), 0);
	ck_assert_int_eq(buf[0], 'x');
	/* a program's name longer than the line: the line is cut */
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	call.program = name;
	ck_assert_uint_eq(
		reporter_format(r.report, e, &call, NULL, line, sizeof(line)),
		sizeof(line) - 1);
	ck_assert_int_eq(strncmp(line, "seccomp-shim[7] nnnn", 20), 0);
	ck_assert_int_eq(line[sizeof(line) - 2], 'n');
	ck_assert_int_eq(line[sizeof(line) - 1], '\0');
	rules_free(&r);
	policy_free(&p);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_test(tc, test_report_entries);
	tcase_add_test(tc, test_report_flags);
	tcase_add_test(tc, test_report_errors);
	tcase_add_test(tc, test_report_check);
	suite_add_tcase(s, tc);

	tc = tcase_create("line");
	tcase_add_test(tc, test_report_line_calls);
	tcase_add_test(tc, test_report_formats);
	tcase_add_test(tc, test_report_line_unformatted);
	tcase_add_test(tc, test_report_line_strings);
	tcase_add_test(tc, test_report_line_abis);
	tcase_add_test(tc, test_report_line_kinds);
	tcase_add_test(tc, test_report_line_limits);
	suite_add_tcase(s, tc);
	return s;
}
