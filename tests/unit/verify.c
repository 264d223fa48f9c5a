/*
 * verify: the compiled filter decides exactly what the policy says.
 *
 * Random policies (with the [policy] hardening switches, and i386 or x32
 * besides x86_64) are written as INI text, parsed, resolved and compiled.
 * Then random system calls (numbers of the policy's calls and others,
 * arguments at and around the values the conditions name, with random and
 * sign-extended upper halves) are decided twice and compared:
 *  - by the reference semantics (rules_decide) against the BPF interpreter
 *    (filter_run), for every ABI route (native, x32 numbers, a foreign ABI);
 *  - by the reference semantics against the live kernel: in a forked child
 *    that installs the filter, with every action an errno of its own, so no
 *    call ever runs and the errno each call returns says which line decided.
 *
 *   verify [CASES [LIVE_POLICIES]]    defaults 300000 and 500
 * Prints the counts; exits 1 on any mismatch.
 */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action.h"
#include "confine.h"
#include "filter.h"
#include "compile.h"
#include "policy.h"
#include "rules.h"
#include "syscall-args.h"

#define LIVE_CALLS 400

/* Calls with 32-bit and 64-bit arguments in every position. */
static const char *const pool[] = {
	"read",	       "write",	   "openat",   "socket",
	"mmap",	       "mprotect", "ioctl",    "fcntl",
	"clone",       "kill",	   "prctl",    "dup3",
	"madvise",     "lseek",	   "futex",    "setuid",
	"mkdirat",     "accept4",  "kcmp",     "pidfd_open",
	"personality", "unshare",  "tgkill",   "bpf",
	"socketcall",  "setns",	   "fchmodat", "sched_setscheduler",
};
#define POOL (sizeof(pool) / sizeof(*pool))

/* Groups of every size, up to every call known. */
static const char *const group_pool[] = {
	"@basic-io",	   "@network-io", "@file-system", "@default",
	"@system-service", "@known",	  "@process",	  "@signal",
};
#define GROUP_POOL (sizeof(group_pool) / sizeof(*group_pool))

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible from the seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static uint64_t below(uint64_t n)
{
	return rnd() % n;
}

static const uint64_t interesting[] = {
	0,	    1,		2,	 3,	     7,
	10,	    0xff,	0x100,	 0x7fffffff, 0x80000000,
	0xfffffffe, 0xffffffff, 0x80000, 0x40000,    0x10000000,
};

/* A value for a condition; 32-bit arguments take 32-bit values. */
static uint64_t cond_value(uint64_t width)
{
	uint64_t v;

	switch (below(6)) {
	case 0:
		v = rnd();
		break;
	case 1:
		v = (uint64_t) - (int64_t)(1 + below(200)); /* negative */
		break;
	case 2:
		v = rnd() & 0xffffffffu;
		break;
	default:
		v = interesting[below(sizeof(interesting) /
				      sizeof(*interesting))];
		if (width == ~0ull && below(3) == 0)
			v |= (uint64_t)(1 + below(3)) << 32;
	}
	/* narrow arguments take values that fit, maybe sign-extended */
	if (width != ~0ull && v > width && v < ~(width >> 1))
		v &= width;
	return v;
}

static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};

/* Append one random condition for a call whose argument widths are widths. */
static size_t write_condition(char *buf, size_t size, unsigned int widths)
{
	size_t len = 0;
	int alts = 1 + (int)below(3);

	for (int i = 0; i < alts; i++) {
		int atoms = 1 + (int)below(2);

		len += (size_t)snprintf(buf + len, size - len, "%s",
					i ? " || " : "");
		for (int j = 0; j < atoms; j++) {
			unsigned int arg = (unsigned int)below(6);
			uint64_t width = condition_width_mask(widths, arg);
			uint64_t v = cond_value(width);
			int kind = (int)below(8);

			len += (size_t)snprintf(buf + len, size - len, "%sa%u ",
						j ? " && " : "", arg);
			if (kind < 5) {
				const char *op = ops[below(6)];

				/* avoid the two forms that never hold */
				if ((op[0] == '<' && !op[1] && !(v & width)) ||
				    (op[0] == '>' && !op[1] &&
				     (v & width) == width))
					op = "==";
				len += (size_t)snprintf(buf + len, size - len,
							"%s %#llx", op,
							(unsigned long long)v);
			} else if (kind < 7) {
				uint64_t m = cond_value(width) | 1;

				len += (size_t)snprintf(
					buf + len, size - len,
					"& %#llx %s %#llx",
					(unsigned long long)m,
					below(2) ? "==" : "!=",
					(unsigned long long)(v & m));
			} else {
				len += (size_t)snprintf(
					buf + len, size - len,
					"in {%#llx, %#llx}",
					(unsigned long long)v,
					(unsigned long long)cond_value(width));
			}
		}
	}
	return len;
}

static int next_errno = 1;

/* Some of the [policy] hardening switches, with random values. */
static size_t write_switches(char *buf, size_t size)
{
	static const char *const families[] = {"AF_UNIX",   "AF_INET",
					       "AF_INET6",  "AF_NETLINK",
					       "AF_PACKET", "AF_VSOCK"};
	static const char *const namespaces[] = {
		"cgroup", "ipc", "mnt", "net", "pid", "user", "uts", "time"};
	static const char *const yes_no[] = {
		"memory_deny_write_execute", "lock_personality",
		"restrict_suid_sgid", "restrict_realtime", "no_new_privs"};
	size_t len = 0;

	if (below(3) == 0) {
		int n = (int)below(4);

		len += (size_t)snprintf(buf + len, size - len,
					"restrict_address_families = %s",
					n && below(3) == 0 ? "~" : "");
		for (int i = 0; i < n; i++)
			len += (size_t)snprintf(
				buf + len, size - len, " %s",
				families[below(sizeof(families) /
					       sizeof(*families))]);
		len += (size_t)snprintf(buf + len, size - len, "%s\n",
					n ? "" : "none");
	}
	if (below(3) == 0) {
		int n = (int)below(4);
		const char *start = below(2) ? "yes" : "no";

		if (n) /* a list: allowed, or with ~ denied */
			start = below(3) == 0 ? "~" : "";
		len += (size_t)snprintf(buf + len, size - len,
					"restrict_namespaces = %s", start);
		for (int i = 0; i < n; i++)
			len += (size_t)snprintf(
				buf + len, size - len, " %s",
				namespaces[below(sizeof(namespaces) /
						 sizeof(*namespaces))]);
		len += (size_t)snprintf(buf + len, size - len, "\n");
	}
	for (size_t i = 0; i < sizeof(yes_no) / sizeof(*yes_no); i++) {
		/* no_new_privs is never no */
		int yes = strcmp(yes_no[i], "no_new_privs") == 0 || below(4);

		if (below(4) == 0)
			len += (size_t)snprintf(buf + len, size - len,
						"%s = %s\n", yes_no[i],
						yes ? "yes" : "no");
	}
	return len;
}

static const char *random_action(int live, char *buf, size_t size)
{
	static const char *const names[] = {"allow", "kill", "kill-thread",
					    "trap", "log"};

	if (live || below(2)) {
		snprintf(buf, size, "errno:%d",
			 live ? next_errno++ : 1 + (int)below(4095));
		return buf;
	}
	return names[below(5)];
}

/* A random policy as INI text. Live policies use only distinct errnos. */
static void write_policy(char *buf, size_t size, int live)
{
	char action[32];
	size_t len;
	int calls = 1 + (int)below(8);

	next_errno = 1;
	int x32 = !live && below(2);
	int x86 = !live && !x32 && below(3) == 0;

	len = (size_t)snprintf(buf, size,
			       "[policy]\nversion = 1\ndefault = %s\n%s",
			       random_action(live, action, sizeof(action)),
			       x32   ? "architectures = x32\n"
			       : x86 ? "architectures = x86\n"
				     : "");
	len += write_switches(buf + len, size - len);
	if (below(3) == 0)
		len += (size_t)snprintf(
			buf + len, size - len, "newer_syscalls = %s\n",
			below(2) ? "default"
				 : random_action(live, action, sizeof(action)));
	len += (size_t)snprintf(buf + len, size - len, "[syscalls]\n");
	if (live)
		len += (size_t)snprintf(buf + len, size - len,
					"exit_group = allow\n");
	int used[POOL] = {0};

	for (int i = 0; i < calls; i++) {
		size_t which = below(POOL);
		const char *name = pool[which];
		int lines = 1 + (int)below(4);
		/* x32's compat calls read every argument as 32-bit */
		unsigned int widths = syscall_args32(name) |
				      syscall_args16(name) << 8 |
				      (x32 || x86 ? COND_ALL32 : 0);

		/* i386's setuid takes a 16-bit old_uid_t */
		if (x86 && strcmp(name, "setuid") == 0)
			widths |= COND_WIDTH16(0);

		if (used[which]++)
			continue; /* each call in one block */
		for (int j = 0; j < lines; j++) {
			int last_plain = j == lines - 1 && below(2);
			char line[1024];
			size_t n;

			do { /* a line holds at most 198 characters */
				n = (size_t)snprintf(
					line, sizeof(line), "%s = %s", name,
					random_action(live, action,
						      sizeof(action)));
				if (!last_plain) {
					n += (size_t)snprintf(line + n,
							      sizeof(line) - n,
							      " if ");
					n += write_condition(line + n,
							     sizeof(line) - n,
							     widths);
				}
				if (live && n > 198)
					next_errno--;
			} while (n > 198);
			len += (size_t)snprintf(buf + len, size - len, "%s\n",
						line);
		}
	}
	/* A group line: hundreds of calls, and lines beaten by the calls'
	 * own. Its condition fits 32-bit arguments, as every member's must. */
	if (below(10) < 4) {
		char line[1024];
		size_t n;

		do {
			n = (size_t)snprintf(
				line, sizeof(line), "%s = %s",
				group_pool[below(GROUP_POOL)],
				random_action(live, action, sizeof(action)));
			if (below(2)) {
				n += (size_t)snprintf(line + n,
						      sizeof(line) - n, " if ");
				n += write_condition(line + n, sizeof(line) - n,
						     0x3f3f);
			}
			if (live && n > 198)
				next_errno--;
		} while (n > 198);
		len += (size_t)snprintf(buf + len, size - len, "%s\n", line);
	}
}

/* Argument values near those the policy's conditions name. */
static uint64_t random_arg(const struct ruleset *rules)
{
	uint64_t v = 0;
	int picked = 0;

	if (below(4) && rules->n_calls) {
		const struct call_rules *call =
			&rules->calls[below(rules->n_calls)];

		if (call->n_rules) {
			const struct rule *rule =
				&call->rules[below(call->n_rules)];

			if (rule->cond->n_alts) {
				const struct cond_conj *conj =
					&rule->cond->alts[below(
						rule->cond->n_alts)];
				const struct cond_atom *a =
					&conj->atoms[below(conj->n_atoms)];

				v = a->op == COND_IN ? a->set[below(a->n_set)]
				    : (a->op == COND_MASKED_EQ ||
				       a->op == COND_MASKED_NE) &&
						    below(2)
					    ? a->mask | (rnd() & ~a->mask)
					    : a->value;
				picked = 1;
			}
		}
	}
	if (!picked)
		v = cond_value(~0ull);
	switch (below(6)) {
	case 0:
		v += 1;
		break;
	case 1:
		v -= 1;
		break;
	case 2: /* an upper half the kernel ignores for int arguments */
		v = (v & 0xffffffffu) | (rnd() << 32);
		break;
	case 3: /* sign-extended */
		v = (uint64_t)(int64_t)(int32_t)v;
		break;
	default:
		break;
	}
	return v;
}

static int random_nr(const struct ruleset *rules, uint32_t arch)
{
	if (rules->n_calls && below(4)) {
		int nr = rules_nr(arch,
				  rules->calls[below(rules->n_calls)].name);

		if (nr >= 0)
			return nr;
	}
	return (int)below(460);
}

static int build(const char *text, struct policy *p, struct ruleset *r,
		 struct filter *f)
{
	struct shim_error err;
	char msg[1200];

	if (policy_parse(text, strlen(text), "random", p, &err) < 0)
		goto fail;
	if (rules_resolve(p, r, &err) < 0) {
		policy_free(p);
		goto fail;
	}
	if (filter_build(r, f, &err) < 0) {
		rules_free(r);
		policy_free(p);
		goto fail;
	}
	return 0;
fail:
	error_format(&err, msg, sizeof(msg));
	fprintf(stderr, "verify: a generated policy failed: %s\n%s\n", msg,
		text);
	return -1;
}

static long mismatches;

static void report(const char *what, const char *text, uint32_t arch, int nr,
		   const uint64_t *args, uint32_t want, uint32_t got)
{
	if (++mismatches > 5)
		return;
	fprintf(stderr,
		"MISMATCH (%s): arch %#x nr %d args %#llx %#llx %#llx %#llx "
		"%#llx %#llx: policy says %#x, filter %#x\n%s\n",
		what, arch, nr, (unsigned long long)args[0],
		(unsigned long long)args[1], (unsigned long long)args[2],
		(unsigned long long)args[3], (unsigned long long)args[4],
		(unsigned long long)args[5], want, got, text);
}

/* Compare interpreter and reference for `cases` random calls. */
static long run_interpreted(long cases)
{
	char text[16384];
	long done = 0;

	while (done < cases) {
		struct policy p;
		struct ruleset r;
		struct filter f;

		write_policy(text, sizeof(text), 0);
		if (build(text, &p, &r, &f) < 0) {
			mismatches++;
			return done;
		}
		for (int i = 0; i < 500 && done < cases; i++, done++) {
			struct seccomp_data d = {0};
			uint32_t arch = SCMP_ARCH_X86_64, want, got;
			unsigned int line;
			int route = (int)below(10);

			d.nr = random_nr(&r, arch);
			if (route == 0) { /* an x32 number */
				d.nr = random_nr(&r, SCMP_ARCH_X32);
				if (d.nr < 0x40000000)
					d.nr |= 0x40000000;
			} else if (route == 1) {
				/* in the filter or not */
				arch = SCMP_ARCH_X86;
				d.nr = random_nr(&r, arch);
			} else if (route == 2) {
				d.nr = -1;
			}
			d.arch = arch;
			for (int a = 0; a < 6; a++)
				d.args[a] = random_arg(&r);
			want = rules_decide(&r, arch, d.nr,
					    (const uint64_t *)d.args, &line);
			got = filter_run(&f, &d);
			if (want != got)
				report("interpreter", text, arch, d.nr,
				       (const uint64_t *)d.args, want, got);
		}
		filter_free(&f);
		rules_free(&r);
		policy_free(&p);
	}
	return done;
}

struct live_case {
	int nr;
	uint64_t args[6];
	long result; /* -errno the call returned */
};

/* Install the filter in a child and make every call there. */
static long run_live(int policies)
{
	struct live_case *cases =
		mmap(NULL, LIVE_CALLS * sizeof(*cases), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char text[16384];
	long done = 0;

	if (cases == MAP_FAILED) {
		perror("verify: mmap");
		exit(2);
	}
	for (int n = 0; n < policies; n++) {
		struct policy p;
		struct ruleset r;
		struct filter f;
		struct shim_error err;
		int status;
		pid_t pid;

		write_policy(text, sizeof(text), 1);
		if (build(text, &p, &r, &f) < 0) {
			mismatches++;
			break;
		}
		for (int i = 0; i < LIVE_CALLS; i++) {
			unsigned int line;
			uint32_t want;

			/* Only calls the policy answers with an errno: the
			 * others would run (exit_group, and prctl and seccomp
			 * as the shim uses them). uretprobe and uprobe (335,
			 * 336) pass every filter since Linux 6.12 and raise
			 * SIGILL outside a probe. */
			do {
				cases[i].nr = random_nr(&r, SCMP_ARCH_X86_64);
				for (int a = 0; a < 6; a++)
					cases[i].args[a] = random_arg(&r);
				want = rules_decide(&r, SCMP_ARCH_X86_64,
						    cases[i].nr, cases[i].args,
						    &line);
			} while ((want & 0xffff0000u) != SCMP_ACT_ERRNO(0) ||
				 cases[i].nr == 335 || cases[i].nr == 336);
			cases[i].result = 0;
		}
		pid = fork();
		if (pid == 0) {
			if (confine_filter(&f, "random", &err) < 0)
				_exit(3);
			/* Every action is an errno: no call below runs. */
			for (int i = 0; i < LIVE_CALLS; i++) {
				long rc = syscall(
					cases[i].nr, cases[i].args[0],
					cases[i].args[1], cases[i].args[2],
					cases[i].args[3], cases[i].args[4],
					cases[i].args[5]);

				cases[i].result = rc < 0 ? -errno : rc;
			}
			syscall(SYS_exit_group, 0);
		}
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "verify: live child ended with %#x\n",
				status);
			mismatches++;
		}
		for (int i = 0; i < LIVE_CALLS; i++, done++) {
			unsigned int line;
			uint32_t want =
				rules_decide(&r, SCMP_ARCH_X86_64, cases[i].nr,
					     cases[i].args, &line);
			uint32_t got =
				SCMP_ACT_ERRNO((uint32_t)-cases[i].result);

			if (want != got)
				report("kernel", text, SCMP_ARCH_X86_64,
				       cases[i].nr, cases[i].args, want, got);
		}
		filter_free(&f);
		rules_free(&r);
		policy_free(&p);
	}
	munmap(cases, LIVE_CALLS * sizeof(*cases));
	return done;
}

int main(int argc, char **argv)
{
	long cases = argc > 1 ? atol(argv[1]) : 300000;
	int live = argc > 2 ? atoi(argv[2]) : 500;
	long interpreted, on_kernel;

	interpreted = run_interpreted(cases);
	on_kernel = run_live(live);
	printf("verify: %ld cases against the BPF interpreter, %ld on the "
	       "live kernel (%d policies), %ld mismatches\n",
	       interpreted, on_kernel, live, mismatches);
	return mismatches ? 1 : 0;
}
