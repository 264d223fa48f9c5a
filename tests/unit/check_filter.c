/* Check suite: the BPF compiler and the cache entry (compiler/filter.c,
 * preload/cache.c). */
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
#include "unit.h"

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
		ck_assert_int_eq(
			policy_compile(&p, 0, 0, &r, &f, &digest, &err), 0);
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

/* Store an entry's checksum again after a change (shim/preload/cache.c's
 * format). */
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

Suite *filter_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc;

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
	return s;
}
