/* seccomp-shim learn (learn.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "condition.h"
#include "constants.h"
#include "groups.h"
#include "learn.h"
#include "policy.h"
#include "syscall-args.h"

#define X32_BIT 0x40000000u

/* --- recording ----------------------------------------------------------- */

/* Counts by ABI and number while the run lasts. */
struct tally {
	unsigned long native[1024], x32[1024], i386[1024];
	unsigned long unknown;
	uint64_t families[2];
	pid_t tasks[4096];
	size_t n_tasks;
	unsigned long more_tasks;
};

static void tally_call(struct tally *t, const struct seccomp_data *d,
		       pid_t task)
{
	uint32_t nr = (uint32_t)d->nr;
	size_t i;

	if (d->arch == AUDIT_ARCH_X86_64 && nr < 1024)
		t->native[nr]++;
	else if (d->arch == AUDIT_ARCH_X86_64 && nr >= X32_BIT &&
		 nr - X32_BIT < 1024)
		t->x32[nr - X32_BIT]++;
	else if (d->arch == AUDIT_ARCH_I386 && nr < 1024)
		t->i386[nr]++;
	else
		t->unknown++;
	/* The argument pattern that matters most: which families. */
	if (d->arch == AUDIT_ARCH_X86_64 &&
	    (nr == SYS_socket || nr == SYS_socketpair)) {
		int which =
			nr == SYS_socket ? LEARNED_SOCKET : LEARNED_SOCKETPAIR;

		/* At the width the kernel reads it (an int: its low 32
		 * bits), as the policy will compare it. A family the kernel
		 * refuses anyway (EAFNOSUPPORT from 46 up) is left out: the
		 * policy then denies it too, rather than widening the rule
		 * to every family because one value looked odd. */
		uint64_t family = d->args[0];

		if (syscall_args32(nr == SYS_socket ? "socket" : "socketpair") &
		    1)
			family &= 0xffffffffu;
		if (family < 64)
			t->families[which] |= 1ull << family;
	}
	for (i = 0; i < t->n_tasks && t->tasks[i] != task; i++)
		;
	if (i == t->n_tasks) {
		if (t->n_tasks < sizeof(t->tasks) / sizeof(*t->tasks))
			t->tasks[t->n_tasks++] = task;
		else
			t->more_tasks++;
	}
}

static int add_call(struct learned *l, const char *name, unsigned long n)
{
	for (size_t i = 0; i < l->n_calls; i++) {
		if (strcmp(l->calls[i].name, name) == 0) {
			l->calls[i].count += n;
			return 0;
		}
	}
	if (l->n_calls == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct learned_call *grown =
			realloc(l->calls, cap * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		l->calls = grown;
		l->cap = cap;
	}
	l->calls[l->n_calls].name = strdup(name);
	if (!l->calls[l->n_calls].name)
		return -ENOMEM;
	l->calls[l->n_calls++].count = n;
	return 0;
}

/* The tally by name, into *l. */
static int tally_names(const struct tally *t, struct learned *l)
{
	static const struct {
		uint32_t arch;
		uint32_t base;
		size_t offset;
		unsigned int flag;
	} abis[] = {
		{SCMP_ARCH_X86_64, 0, offsetof(struct tally, native), 0},
		{SCMP_ARCH_X32, X32_BIT, offsetof(struct tally, x32),
		 LEARNED_X32},
		{SCMP_ARCH_X86, 0, offsetof(struct tally, i386), LEARNED_X86},
	};

	for (size_t a = 0; a < sizeof(abis) / sizeof(*abis); a++) {
		const unsigned long *counts =
			(const unsigned long *)((const char *)t +
						abis[a].offset);

		for (uint32_t nr = 0; nr < 1024; nr++) {
			char *name;
			int rc;

			if (!counts[nr])
				continue;
			l->total += counts[nr];
			l->arches |= abis[a].flag;
			name = seccomp_syscall_resolve_num_arch(
				abis[a].arch, (int)(abis[a].base + nr));
			if (!name) {
				l->unknown += counts[nr];
				continue;
			}
			rc = add_call(l, name, counts[nr]);
			free(name);
			if (rc < 0)
				return rc;
		}
	}
	l->total += t->unknown;
	l->unknown += t->unknown;
	for (int i = 0; i < 2; i++)
		l->families[i] |= t->families[i];
	l->tasks += t->n_tasks + t->more_tasks;
	/* Always: a signal handler returns with it, and log = stderr's
	 * handler does (a run may have caught no signal). */
	return add_call(l, "rt_sigreturn", 0);
}

/* The child: the recording filter, then the command. */
static __attribute__((noreturn)) void child(char *const *argv, int report)
{
	struct sock_filter notify =
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	struct sock_fprog prog = {1, &notify};
	int next, listener;

	/* The listener will get the lowest free descriptor: tell the
	 * supervisor which, before the filter, which would hold the write
	 * up until the supervisor has the listener. */
	next = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (next >= 0)
		close(next);
	if (next < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    write(report, &next, sizeof(next)) != sizeof(next))
		_exit(125);
	close(report);
	listener = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (listener < 0)
		_exit(125); /* (no filter: the supervisor sees the exit) */
	/* The listener is close-on-exec: the command does not inherit it. */
	execvp(argv[0], argv);
	fprintf(stderr, "seccomp-shim: %s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* The child's listener, as a descriptor of ours (it has none yet if the
 * child has not installed the filter: then wait). */
static int take_listener(pid_t pid, int number, struct shim_error *err)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct timespec pause = {0, 1000000};

	if (pidfd < 0)
		return error_set(err, "learn", 0, "pidfd_open: %s",
				 strerror(errno));
	for (int tries = 0; tries < 10000; tries++) {
		char link[64], target[64];
		ssize_t n;
		int fd = (int)syscall(SYS_pidfd_getfd, pidfd, number, 0);

		if (fd < 0 && errno != EBADF) {
			close(pidfd);
			return error_set(err, "learn", 0,
					 "cannot take the listener: %s",
					 strerror(errno));
		}
		if (fd >= 0) {
			snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
			n = readlink(link, target, sizeof(target) - 1);
			if (n > 0 &&
			    (target[n] = '\0',
			     strcmp(target, "anon_inode:seccomp notify") ==
				     0)) {
				close(pidfd);
				return fd;
			}
			close(fd); /* not yet: the descriptor is another */
		}
		siginfo_t ended = {0};

		/* (WNOWAIT: the exit status stays for learn_run) */
		if (waitid(P_PID, (id_t)pid, &ended,
			   WEXITED | WNOHANG | WNOWAIT) == 0 &&
		    ended.si_pid == pid)
			break;
		nanosleep(&pause, NULL);
	}
	close(pidfd);
	return error_set(err, "learn", 0,
			 "the command ended before its recording began");
}

int learn_run(char *const *argv, struct learned *learned, int *status,
	      struct shim_error *err)
{
	struct seccomp_notif_sizes sizes;
	struct seccomp_notif *req = NULL;
	struct seccomp_notif_resp *resp = NULL;
	struct tally *tally = calloc(1, sizeof(*tally));
	int pipefd[2], number = -1, listener = -1, rc = 0, done = 0, ended = 0;
	pid_t pid;

	if (!tally)
		return error_nomem(err, "learn", 0);
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) != 0) {
		free(tally);
		return error_set(err, "learn", 0,
				 "this kernel has no seccomp user "
				 "notifications: %s",
				 strerror(errno));
	}
	req = calloc(1, sizes.seccomp_notif > sizeof(*req) ? sizes.seccomp_notif
							   : sizeof(*req));
	resp = calloc(1, sizes.seccomp_notif_resp > sizeof(*resp)
				 ? sizes.seccomp_notif_resp
				 : sizeof(*resp));
	if (!req || !resp || pipe2(pipefd, O_CLOEXEC) != 0) {
		free(req);
		free(resp);
		free(tally);
		return error_nomem(err, "learn", 0);
	}
	fflush(NULL);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		child(argv, pipefd[1]);
	}
	close(pipefd[1]);
	if (pid < 0 ||
	    read(pipefd[0], &number, sizeof(number)) != sizeof(number))
		rc = error_set(err, "learn", 0, "cannot start the command");
	close(pipefd[0]);
	if (rc == 0) {
		listener = take_listener(pid, number, err);
		rc = listener < 0 ? listener : 0;
	}
	/* Every call of every task under the filter, until none is left:
	 * the listener says so (POLLHUP) once the last one is reaped, which
	 * this process does, as the subreaper of the whole tree (before
	 * Linux 6.11 a zombie keeps its filter until then). */
	while (rc == 0 && !(done && ended)) {
		struct pollfd p = {listener, POLLIN, 0};
		int ready = poll(&p, 1, 50);
		pid_t w;
		int st;

		if (ready < 0 && errno != EINTR) {
			rc = error_set(err, "learn", 0, "poll: %s",
				       strerror(errno));
			break;
		}
		if (ready > 0 && (p.revents & POLLIN)) {
			memset(req, 0, sizes.seccomp_notif);
			if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) != 0)
				continue; /* (the task went: ENOENT) */
			tally_call(tally, &req->data, (pid_t)req->pid);
			memset(resp, 0, sizes.seccomp_notif_resp);
			resp->id = req->id;
			resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
			ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp);
			continue;
		}
		if (ready > 0 && (p.revents & (POLLHUP | POLLERR)))
			done = 1;
		while ((w = waitpid(-1, &st, WNOHANG)) > 0)
			if (w == pid) {
				*status = st;
				ended = 1;
			}
		if (w < 0 && errno == ECHILD)
			done = 1; /* no task left at all */
	}
	if (listener >= 0)
		close(listener);
	if (pid > 0 && !ended) {
		if (rc < 0)
			kill(pid, SIGKILL);
		while (waitpid(pid, status, 0) < 0 && errno == EINTR)
			;
	}
	/* Descendants the command left behind, if it failed. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (rc == 0 && tally_names(tally, learned) < 0)
		rc = error_nomem(err, "learn", 0);
	free(req);
	free(resp);
	free(tally);
	return rc;
}

/* --- the policy ----------------------------------------------------------- */

/*
 * The group a call is listed under: the first of these that names it, in
 * the order a reader meets them (systemd's groups; the ones made of other
 * groups left out).
 */
static const char *const group_order[] = {
	"@default",	  "@basic-io", "@file-system", "@io-event",
	"@signal",	  "@process",  "@ipc",	       "@network-io",
	"@timer",	  "@memlock",  "@resources",   "@sync",
	"@aio",		  "@chown",    "@clock",       "@setuid",
	"@keyring",	  "@pkey",     "@mount",       "@module",
	"@reboot",	  "@swap",     "@raw-io",      "@debug",
	"@cpu-emulation", "@obsolete",
};
#define N_GROUPS (sizeof(group_order) / sizeof(*group_order))

static size_t group_of(const char *name)
{
	for (size_t g = 0; g < N_GROUPS; g++) {
		const struct group *group = group_find(group_order[g]);

		for (size_t i = 0; group && group->members[i]; i++)
			if (strcmp(group->members[i], name) == 0)
				return g;
	}
	return N_GROUPS; /* none */
}

struct text {
	char *buf;
	size_t len, cap;
	int failed;
};

__attribute__((format(printf, 2, 3))) static void add(struct text *t,
						      const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->failed)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->buf ? t->buf + t->len : NULL,
			      t->buf ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->failed = 1;
			return;
		}
		if (t->buf && t->len + (size_t)n < t->cap)
			break;
		size_t cap = 2 * (t->len + (size_t)n + 1) + 1024;
		char *grown = realloc(t->buf, cap);

		if (!grown) {
			t->failed = 1;
			return;
		}
		t->buf = grown;
		t->cap = cap;
	}
	t->len += (size_t)n;
}

/* The family's name (AF_INET), or NULL. */
static const char *family_name(uint64_t family)
{
	uint64_t value;

	for (size_t i = 0; i < constant_count(); i++) {
		const char *name = constant_name(i, &value);

		if (value == family && strncmp(name, "AF_", 3) == 0 &&
		    strcmp(name, "AF_LOCAL") != 0 &&
		    strcmp(name, "AF_FILE") != 0)
			return name;
	}
	return NULL;
}

/* " if a0 in {AF_UNIX, AF_INET}" for socket and socketpair: the families
 * the runs used, and no other (unless one was out of range). */
static void add_families(struct text *t, const struct learned *l,
			 const char *call)
{
	int which = strcmp(call, "socket") == 0	      ? LEARNED_SOCKET
		    : strcmp(call, "socketpair") == 0 ? LEARNED_SOCKETPAIR
						      : -1;
	const char *sep = "";

	if (which < 0 || l->any_family[which] || !l->families[which])
		return;
	add(t, " if a0 in {");
	for (uint64_t f = 0; f < 64; f++) {
		const char *name;

		if (!(l->families[which] & (1ull << f)))
			continue;
		name = family_name(f);
		if (name)
			add(t, "%s%s", sep, name);
		else
			add(t, "%s%" PRIu64, sep, f);
		sep = ", ";
	}
	add(t, "}");
}

/* One word of the command, as a shell would take it back: quoted where
 * it matters, and control characters as $'\n' (so that no argument can
 * end the comment line it is in). */
static void add_word(struct text *t, const char *arg)
{
	int control = 0;

	for (const char *c = arg; *c; c++)
		control |= (unsigned char)*c < 0x20 || *c == 0x7f;
	if (control) {
		add(t, "$'");
		for (const unsigned char *c = (const void *)arg; *c; c++) {
			if (*c < 0x20 || *c == 0x7f)
				add(t, "\\x%02x", *c);
			else if (*c == '\'' || *c == '\\')
				add(t, "\\%c", *c);
			else
				add(t, "%c", *c);
		}
		add(t, "'");
	} else if (strchr(arg, '\'') && !arg[strcspn(arg, "\"\\$`!")]) {
		/* nothing special inside "" (! is, to an interactive bash) */
		add(t, "\"%s\"", arg);
	} else if (strchr(arg, '\'')) {
		/* 'it'\''s': each ' closes, is escaped, and reopens */
		add(t, "'");
		for (const char *c = arg; *c; c++)
			add(t, *c == '\'' ? "'\\''" : "%c", *c);
		add(t, "'");
	} else if (!*arg || arg[strcspn(arg, " \"\\$`|&;<>()*?[]#~{}!")]) {
		add(t, "'%s'", arg);
	} else {
		add(t, "%s", arg);
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct learned_call *)a)->name,
		      ((const struct learned_call *)b)->name);
}

/* Whether the runs called name. */
static int learned_has(const struct learned *learned, const char *name)
{
	for (size_t i = 0; i < learned->n_calls; i++)
		if (strcmp(learned->calls[i].name, name) == 0)
			return 1;
	return 0;
}

char *learn_write(const struct learned *learned, const char *sources,
		  char *const *command)
{
	struct learned_call *sorted =
		malloc((learned->n_calls + 1) * sizeof(*sorted));
	struct text t = {0};

	if (!sorted)
		return NULL;
	memcpy(sorted, learned->calls, learned->n_calls * sizeof(*sorted));
	qsort(sorted, learned->n_calls, sizeof(*sorted), by_name);

	add(&t, "%s: what the runs below used, and nothing else.\n",
	    LEARN_HEADER);
	add(&t, "# Each line allows one system call; the count says how "
		"often the runs made it.\n"
		"# (rt_sigreturn always: signal handlers return with it.)\n"
		"# Everything else is denied (default). Add more runs with:\n"
		"#   seccomp-shim learn --merge THIS-FILE -- COMMAND...\n");
	if (sources)
		add(&t, "%s", sources);
	add(&t, "# from:");
	for (size_t i = 0; command[i]; i++) {
		const char *arg = command[i];

		add(&t, " ");
		add_word(&t, arg);
	}
	add(&t, "\n# %lu calls in all, to %zu system calls.\n", learned->total,
	    learned->n_calls);
	if (learned->unknown)
		add(&t,
		    "# %lu calls to system calls libseccomp has no name "
		    "for: left to newer_syscalls.\n",
		    learned->unknown);
	add(&t, "\n[policy]\nversion = 1\n"
		"# errno:EPERM makes a new call fail; kill would end the "
		"program.\n"
		"default = errno:EPERM\n");
	if (learned->log[0]) {
		add(&t, "log = %s\n", learned->log);
	} else if (learned_has(learned, "write")) {
		/* so that the first run the policy denies says what */
		add(&t, "# A run that needs more says so on stderr; once the "
			"policy is settled,\n# log = none keeps it quiet.\n"
			"log = stderr\n");
	} else {
		add(&t, "# log = stderr says on stderr which calls a new run "
			"needs\n# (it needs write allowed too).\n");
	}
	if (learned->arches)
		add(&t, "architectures =%s%s\n",
		    learned->arches & LEARNED_X86 ? " x86" : "",
		    learned->arches & LEARNED_X32 ? " x32" : "");
	add(&t, "\n[syscalls]\n");
	for (size_t g = 0; g <= N_GROUPS; g++) {
		int first = 1;

		for (size_t i = 0; i < learned->n_calls; i++) {
			const struct group *group;

			if (group_of(sorted[i].name) != g)
				continue;
			if (first) {
				group = g < N_GROUPS
						? group_find(group_order[g])
						: NULL;
				add(&t, "%s# %s%s%s\n", t.len ? "\n" : "",
				    group ? group->name : "not in a group",
				    group ? ": " : "",
				    group ? group->description : "");
				first = 0;
			}
			add(&t, "%-24s = allow", sorted[i].name);
			add_families(&t, learned, sorted[i].name);
			add(&t, " ; %lu call%s\n", sorted[i].count,
			    sorted[i].count == 1 ? "" : "s");
		}
	}
	free(sorted);
	if (t.failed) {
		free(t.buf);
		return NULL;
	}
	return t.buf;
}

/* The families of a learned "socket = allow if a0 in {...}" line: its
 * condition, parsed. -1 for a condition learn does not write (-2: one
 * whose family it does not). */
static int merge_families(struct learned *l, const struct policy_entry *e)
{
	int which = strcmp(e->name, "socket") == 0	 ? LEARNED_SOCKET
		    : strcmp(e->name, "socketpair") == 0 ? LEARNED_SOCKETPAIR
							 : -1;
	const struct cond_atom *atom;
	const uint64_t *values;
	size_t n;

	if (e->cond.n_alts == 0) {
		if (which >= 0)
			l->any_family[which] = 1;
		return 0;
	}
	if (which < 0 || e->cond.n_alts != 1 || e->cond.alts[0].n_atoms != 1)
		return -1;
	atom = &e->cond.alts[0].atoms[0];
	if (atom->arg != 0 || (atom->op != COND_IN && atom->op != COND_EQ))
		return -1;
	values = atom->op == COND_IN ? atom->set : &atom->value;
	n = atom->op == COND_IN ? atom->n_set : 1;
	/* a family learn would not write: keeping it would widen the rule,
	 * dropping it would lose it */
	for (size_t i = 0; i < n; i++)
		if (values[i] >= 64)
			return -2;
	for (size_t i = 0; i < n; i++)
		l->families[which] |= 1ull << values[i];
	return 0;
}

/* The [policy] keys learn writes; --merge carries them over. */
static const char *const learn_keys[] = {"version", "default", "log",
					 "architectures"};

/* The first line of p that learn never writes: any [policy] key but
 * learn_keys (from the parser's table: a key added there is refused here
 * until learn writes it), default other than errno:EPERM, a group, a
 * [landlock] or [paths:] section. 0 if none. */
static unsigned int foreign_line(const struct policy *p)
{
	unsigned int first = 0, line;
	const char *key;

	for (size_t i = 0; (key = policy_key(i, NULL)); i++) {
		int learned = 0;

		for (size_t k = 0; k < sizeof(learn_keys) / sizeof(*learn_keys);
		     k++)
			learned |= strcmp(key, learn_keys[k]) == 0;
		line = policy_key_line(p, i);
		if (line && !learned && (!first || line < first))
			first = line;
	}
	line = p->default_action != SCMP_ACT_ERRNO(EPERM) ? p->default_line : 0;
	if (line && (!first || line < first))
		first = line;
	if (p->n_groups && (!first || p->groups[0].line < first))
		first = p->groups[0].line;
	if (p->landlock.first_line &&
	    (!first || p->landlock.first_line < first))
		first = p->landlock.first_line;
	for (size_t i = 0; i < p->landlock.n_groups; i++)
		if (!first || p->landlock.groups[i].line < first)
			first = p->landlock.groups[i].line;
	return first;
}

/* The count a learned line carries in its comment ("; 31 calls"), or 0. */
static unsigned long line_count(const char *text, unsigned int number)
{
	const char *line = text, *comment;
	unsigned long count;
	size_t len;

	for (unsigned int i = 1; i < number && line; i++) {
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	if (!line)
		return 0;
	len = strcspn(line, "\n");
	comment = memchr(line, ';', len);
	if (!comment || memchr(line, '#', (size_t)(comment - line)) ||
	    sscanf(comment, "; %lu", &count) != 1)
		return 0;
	return count;
}

int learn_merge(const char *text, const char *file, struct learned *learned,
		char **sources, struct shim_error *err)
{
	static const char *const logs[] = {
		[POLICY_LOG_NONE] = "none",
		[POLICY_LOG_STDERR] = "stderr",
		[POLICY_LOG_KERNEL] = "kernel",
	};
	struct policy policy;
	struct text from = {0};
	unsigned int foreign;
	int rc = 0;

	if (strncmp(text, LEARN_HEADER, strlen(LEARN_HEADER)) != 0)
		return error_set(err, file, 1,
				 "not a policy seccomp-shim learn wrote "
				 "(--merge adds to those only)");
	/* What the policy says is the parser's; only the comments (the
	 * commands it came from, the counts) are read from the text. */
	rc = policy_parse(text, strlen(text), file, &policy, err);
	if (rc < 0)
		return rc;
	foreign = foreign_line(&policy);
	for (size_t i = 0; !foreign && i < policy.n_entries; i++) {
		const struct policy_entry *e = &policy.entries[i];

		if (e->name[0] == '@' || e->action != SCMP_ACT_ALLOW)
			foreign = e->line;
	}
	if (foreign) {
		policy_free(&policy);
		return error_set(err, file, foreign,
				 "not a line learn writes: --merge would lose "
				 "it (edit the merged policy instead)");
	}
	if (policy.log_line)
		snprintf(learned->log, sizeof(learned->log), "%s",
			 logs[policy.log]);
	for (size_t i = 0; i < policy.n_arches; i++)
		learned->arches |=
			policy.arches[i] == SCMP_ARCH_X86   ? LEARNED_X86
			: policy.arches[i] == SCMP_ARCH_X32 ? LEARNED_X32
							    : 0;
	for (size_t i = 0; rc == 0 && i < policy.n_entries; i++) {
		const struct policy_entry *e = &policy.entries[i];
		unsigned long count = line_count(text, e->line);
		int families = merge_families(learned, e);

		if (families == -1)
			rc = error_set(err, file, e->line,
				       "a condition learn did not write: "
				       "--merge would widen or lose it (edit "
				       "the merged policy instead)");
		else if (families < 0)
			rc = error_set(err, file, e->line,
				       "a family learn did not write: --merge "
				       "would widen or lose it (edit the "
				       "merged policy instead)");
		else if (add_call(learned, e->name, count) < 0)
			rc = error_nomem(err, file, e->line);
		else
			learned->total += count;
	}
	policy_free(&policy);
	for (const char *line = text; rc == 0 && *line;
	     line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0))
		if (strncmp(line, "# from:", 7) == 0)
			add(&from, "%.*s\n", (int)strcspn(line, "\n"), line);
	if (rc == 0 && from.failed)
		rc = error_nomem(err, file, 0);
	if (rc < 0) {
		free(from.buf);
		return rc;
	}
	*sources = from.buf;
	return 0;
}

void learn_free(struct learned *learned)
{
	for (size_t i = 0; i < learned->n_calls; i++)
		free(learned->calls[i].name);
	free(learned->calls);
	memset(learned, 0, sizeof(*learned));
}
