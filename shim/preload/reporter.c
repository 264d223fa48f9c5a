/* The SIGSYS handler that reports denied calls (reporter.h). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "report.h"
#include "reporter.h"
#include "syscall-formats.h"
#include "source.h"
#include "sys.h"

#if !defined(__x86_64__)
#error "the reporter reads x86_64 registers"
#endif

/* The kernel's struct sigaction on x86_64 (rt_sigaction's view). */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

#define KSA_RESTORER 0x04000000ul
#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1 /* si_code of a seccomp SIGSYS */
#endif
#define BIT(sig) (1ull << ((sig)-1))

static const void *table;
static const char *program; /* NULL: "?" */
/* What this process knows of itself, on a page of its own that a fork
 * wipes (MADV_WIPEONFORK), so that a child never shows its parent's pid
 * nor reads its parent's memory: the handler is installed before libc is
 * initialised, when no fork handler can be registered. NULL where the
 * kernel cannot wipe it: nothing known. */
struct self {
	long pid;   /* 0: not known */
	int mem_fd; /* its /proc/self/mem, read-only, plus 1 (0: none) */
	uint64_t mem_dev, mem_ino; /* which file that descriptor was */
};
static struct self *self;
/* What the program asked for SIGSYS: its handler, or SIG_DFL (NULL). */
static struct ksigaction program_sigsys;

/* The return path for the handler: rt_sigreturn. */
void reporter_restore(void) __attribute__((visibility("hidden")));
__asm__(".text\n"
	".p2align 4\n"
	".globl reporter_restore\n"
	".hidden reporter_restore\n"
	".type reporter_restore,@function\n"
	"reporter_restore:\n"
	"\tmov $15, %eax\n" /* SYS_rt_sigreturn */
	"\tsyscall\n"
	"\thlt\n"
	".size reporter_restore, .-reporter_restore\n");

/* --- the line ------------------------------------------------------------ */

/* A line being written into buf (size bytes, room kept for a NUL). */
struct line {
	char *buf;
	size_t n, size;
};

static void put(struct line *l, const char *s)
{
	while (*s && l->n < l->size - 1)
		l->buf[l->n++] = *s++;
}

static void put_char(struct line *l, char c)
{
	if (l->n < l->size - 1)
		l->buf[l->n++] = c;
}

static void put_unsigned(struct line *l, uint64_t v, unsigned int base)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		put_char(l, digits[--n]);
}

static void put_signed(struct line *l, int64_t v)
{
	if (v < 0) {
		put_char(l, '-');
		put_unsigned(l, -(uint64_t)v, 10);
	} else {
		put_unsigned(l, (uint64_t)v, 10);
	}
}

static void put_hex(struct line *l, uint64_t v)
{
	put(l, "0x");
	put_unsigned(l, v, 16);
}

/*
 * Up to 64 bytes of the program's memory at p into s, without a crash on
 * a bad pointer: with process_vm_readv if the policy lets it, else from
 * the process's own /proc/self/mem (EIO where nothing is mapped), if it
 * is still the descriptor it was. Returns the bytes read, or <= 0.
 */
static long read_memory(char *s, uint64_t p, long pid)
{
	const struct report_head *head = table;
	struct iovec local = {s, 64}, remote = {(void *)p, 64};
	struct stat st;

	if (pid && (head->flags & REPORT_READ_STRINGS))
		return sys6(SYS_process_vm_readv, pid, (long)&local, 1,
			    (long)&remote, 1, 0);
	if (!(head->flags & REPORT_READ_MEM) || !self || !self->mem_fd ||
	    sys_fstat(self->mem_fd - 1, &st) < 0 ||
	    (uint64_t)st.st_dev != self->mem_dev ||
	    (uint64_t)st.st_ino != self->mem_ino)
		return 0;
	return sys4(SYS_pread64, self->mem_fd - 1, s, 64, (long)p);
}

/* A string of the program's, read with read_string (the pointer, where
 * it cannot be read). */
static void put_string(struct line *l, uint64_t p, long pid,
		       reporter_read_fn *read_string)
{
	char s[68];
	long got;

	if (!p) {
		put(l, "NULL");
		return;
	}
	got = read_string ? read_string(s, p, pid) : 0;
	if (got <= 0) {
		put_hex(l, p);
		return;
	}
	put_char(l, '"');
	for (long i = 0; i < got && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i == 48 && got > 52) {
			put(l, "\"...");
			return;
		}
		if (c == '"' || c == '\\') {
			put_char(l, '\\');
			put_char(l, (char)c);
		} else if (c < 0x20 || c >= 0x7f) {
			put(l, "\\x");
			put_char(l, "0123456789abcdef"[c >> 4]);
			put_char(l, "0123456789abcdef"[c & 15]);
		} else {
			put_char(l, (char)c);
		}
	}
	put_char(l, '"');
}

/* (arrays, not pointers: no relocation for the loader to apply in every
 * process, policy or not) */
static const char families[][16] = {
	[AF_UNIX] = "AF_UNIX",		 [AF_INET] = "AF_INET",
	[AF_INET6] = "AF_INET6",	 [AF_NETLINK] = "AF_NETLINK",
	[AF_PACKET] = "AF_PACKET",	 [AF_VSOCK] = "AF_VSOCK",
	[AF_BLUETOOTH] = "AF_BLUETOOTH",
};

static void put_args(struct line *l, const uint64_t *a, int native, uint32_t nr,
		     long pid, reporter_read_fn *read_string)
{
	/* the formats are the native ABI's; other calls show registers */
	const char *format = native ? syscall_format(nr) : NULL;
	put_char(l, '(');
	for (int i = 0; i < 6 && (format ? format[i] != '\0' : 1); i++) {
		char kind = format ? format[i] : 'x';

		if (i)
			put(l, ", ");
		switch (kind) {
		case 'd':
			put_signed(l, (int32_t)a[i]);
			break;
		case 'f':
			put_signed(l, (int32_t)a[i]);
			break;
		case 'D':
			if ((int32_t)a[i] == AT_FDCWD)
				put(l, "AT_FDCWD");
			else
				put_signed(l, (int32_t)a[i]);
			break;
		case 'u':
			put_unsigned(l, a[i], 10);
			break;
		case 'o':
			if (a[i])
				put_char(l, '0');
			put_unsigned(l, a[i], 8);
			break;
		case 's':
			put_string(l, a[i], pid, read_string);
			break;
		case 'a':
			if (a[i] < sizeof(families) / sizeof(*families) &&
			    families[a[i]][0])
				put(l, families[a[i]]);
			else
				put_unsigned(l, a[i], 10);
			break;
		default: /* x, p */
			put_hex(l, a[i]);
		}
	}
	put_char(l, ')');
}

/* This process's pid, or 0 if it cannot be known without a call the
 * policy denies. */
static long my_pid(void)
{
	if (((const struct report_head *)table)->flags & REPORT_GETPID)
		return sys1(SYS_getpid, 0);
	return self ? self->pid : 0;
}

size_t reporter_format(const void *block, const struct report_entry *e,
		       const struct reporter_call *call,
		       reporter_read_fn *read_string, char *buf, size_t size)
{
	uint32_t nr = call->nr;
	int native = call->arch == AUDIT_ARCH_X86_64 && !(nr & 0x40000000u);
	const char *name = native ? report_name(block, nr) : NULL;
	struct line l = {buf, 0, size};

	if (!size)
		return 0;
	put(&l, "seccomp-shim[");
	if (call->pid)
		put_signed(&l, call->pid);
	else
		put_char(&l, '?');
	put(&l, "] ");
	put(&l, call->program ? call->program : "?");
	put(&l, ": ");
	if (name) {
		put(&l, name);
	} else {
		put(&l, "syscall ");
		put_unsigned(&l, nr & ~0x40000000u, 10);
		put(&l, call->arch == AUDIT_ARCH_I386	  ? " (i386)"
			: nr & 0x40000000u		  ? " (x32)"
			: call->arch == AUDIT_ARCH_X86_64 ? ""
							  : " (ABI ");
		if (call->arch != AUDIT_ARCH_I386 &&
		    call->arch != AUDIT_ARCH_X86_64) {
			put_hex(&l, call->arch);
			put_char(&l, ')');
		}
	}
	put_args(&l, call->args, native && name, nr, call->pid, read_string);
	put(&l, " denied by ");
	put(&l, report_string(block, e->file));
	if (e->line) {
		put_char(&l, ':');
		put_unsigned(&l, e->line, 10);
	}
	put(&l, " (");
	put(&l, e->kind == REPORT_DEFAULT ? "default = "
		: e->kind == REPORT_NEWER ? "newer_syscalls = "
		: e->kind == REPORT_ABI	  ? "ABI not in architectures: "
					  : "");
	put(&l, report_string(block, e->text));
	put(&l, ")\n");
	l.buf[l.n] = '\0';
	return l.n;
}

/* The line for a denied call, from the signal's registers, on stderr. */
static void report(const siginfo_t *info, const greg_t *r,
		   const struct report_entry *e)
{
	struct reporter_call call;
	char buf[1024];
	size_t n;

	/* (field by field: no call of libc's memset in the handler) */
	call.arch = (uint32_t)info->si_arch;
	call.nr = (uint32_t)info->si_syscall;
	call.pid = my_pid();
	call.program = program;
	if (info->si_arch == AUDIT_ARCH_I386) {
		const int regs[6] = {REG_RBX, REG_RCX, REG_RDX,
				     REG_RSI, REG_RDI, REG_RBP};

		for (int i = 0; i < 6; i++)
			call.args[i] = (uint32_t)r[regs[i]];
	} else {
		const int regs[6] = {REG_RDI, REG_RSI, REG_RDX,
				     REG_R10, REG_R8,  REG_R9};

		for (int i = 0; i < 6; i++)
			call.args[i] = (uint64_t)r[regs[i]];
	}
	n = reporter_format(table, e, &call, read_memory, buf, sizeof(buf));
	/* One write: lines from threads do not mix (a pipe takes up to
	 * PIPE_BUF bytes whole, a file's offset is locked per write). */
	source_write_all(2, buf, n);
}

/* --- the actions -----------------------------------------------------------
 */

static void install(const struct ksigaction *sa)
{
	sys5(SYS_rt_sigaction, SIGSYS, sa, 0, 8, REPORT_SIGNAL_MARK);
}

/* The kill the policy wrote, by the filter's own hand. */
static void die(int thread)
{
	const struct ksigaction dfl = {0, KSA_RESTORER, reporter_restore, 0};

	sys2(SYS_prctl, REPORT_KILL_OPTION, thread);
	/* (only without the shim's rule: its filter was not installed) */
	install(&dfl);
	sys2(SYS_kill, sys1(SYS_getpid, 0), SIGSYS);
	for (;;)
		sys1(SYS_exit_group, 128 + SIGSYS);
}

/* SIGSYS for the program: its handler, or what SIG_DFL/SIG_IGN does. */
static void pass_on(int sig, siginfo_t *info, void *context)
{
	struct ksigaction sa = program_sigsys;

	if (sa.handler == SIG_DFL || sa.handler == SIG_IGN) {
		/* the kernel makes a seccomp SIGSYS fatal even if ignored */
		if (sa.handler == SIG_IGN && info->si_code != SYS_SECCOMP)
			return;
		die(0);
	}
	if (sa.flags & SA_SIGINFO)
		((void (*)(int, siginfo_t *, void *))sa.handler)(sig, info,
								 context);
	else
		((void (*)(int))sa.handler)(sig);
}

/* The shim's own action for SIGSYS. */
static void shim_action(struct ksigaction *sa);

/*
 * rt_sigaction(sig, act, oact, size), made for real with the marker, so
 * that the policy decides it and the kernel checks the pointers; then
 * SIGSYS gets the shim's handler back (the program's is recorded), and a
 * handler's mask that blocks SIGSYS is made again without it.
 */
static void emulate_sigaction(greg_t *r)
{
	const struct ksigaction *act = (const void *)r[REG_RSI];
	struct ksigaction *oact = (void *)r[REG_RDX];
	long sig = r[REG_RDI];
	long rc = sys5(SYS_rt_sigaction, sig, act, oact, r[REG_R10],
		       REPORT_SIGNAL_MARK);

	if (rc == 0 && sig == SIGSYS) {
		struct ksigaction old = program_sigsys, mine;

		program_sigsys = *act; /* (the kernel has read it) */
		shim_action(&mine);
		install(&mine);
		if (oact)
			*oact = old;
	} else if (rc == 0 && (act->mask & BIT(SIGSYS))) {
		struct ksigaction copy = *act;

		copy.mask &= ~BIT(SIGSYS);
		sys5(SYS_rt_sigaction, sig, &copy, 0, 8, REPORT_SIGNAL_MARK);
	}
	r[REG_RAX] = rc;
}

/*
 * rt_sigprocmask(how, set, oset, size), made for real with the marker
 * (the policy decides, the kernel checks the pointers and writes oset:
 * the handler runs with the mask of the call, having no sa_mask and
 * SA_NODEFER); then the same change to the mask the handler returns to,
 * without SIGSYS.
 */
static void emulate_sigmask(ucontext_t *uc)
{
	greg_t *r = uc->uc_mcontext.gregs;
	uint64_t *mask = (uint64_t *)(void *)&uc->uc_sigmask;
	long rc = sys5(SYS_rt_sigprocmask, r[REG_RDI], r[REG_RSI], r[REG_RDX],
		       r[REG_R10], REPORT_SIGNAL_MARK);

	if (rc == 0) {
		uint64_t want = *(const uint64_t *)r[REG_RSI];

		if (r[REG_RDI] == SIG_BLOCK)
			*mask |= want;
		else if (r[REG_RDI] == SIG_UNBLOCK)
			*mask &= ~want;
		else
			*mask = want;
		*mask &= ~(BIT(SIGKILL) | BIT(SIGSTOP) | BIT(SIGSYS));
	}
	r[REG_RAX] = rc;
}

static void on_sigsys(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	greg_t *r = uc->uc_mcontext.gregs;
	const struct report_entry *e = NULL;
	int saved = errno;

	if (info->si_code == SYS_SECCOMP)
		e = report_entry(table, (uint32_t)info->si_errno);
	if (!e) {
		pass_on(sig, info, context);
	} else if ((e->kind == REPORT_SIGACTION || e->kind == REPORT_SIGMASK) &&
		   (info->si_arch != AUDIT_ARCH_X86_64 ||
		    (info->si_syscall & 0x40000000))) {
		r[REG_RAX] = -ENOSYS; /* (another ABI's layout: not here) */
	} else if (e->kind == REPORT_SIGACTION) {
		emulate_sigaction(r);
	} else if (e->kind == REPORT_SIGMASK) {
		emulate_sigmask(uc);
	} else {
		report(info, r, e);
		if ((e->action & 0xffff0000u) == 0x00050000u) { /* errno */
			r[REG_RAX] = -(greg_t)(e->action & 0xffffu);
		} else if (e->action == 0x80000000u) { /* kill */
			die(0);
		} else if (e->action == 0) { /* kill-thread */
			die(1);
		} else { /* trap: the program's SIGSYS, as without the shim */
			info->si_errno = (int)(e->action & 0xffffu);
			pass_on(sig, info, context);
		}
	}
	errno = saved;
}

/* --- starting ---------------------------------------------------------------
 */

void reporter_program(const char *argv0)
{
	const char *name = argv0;

	for (const char *c = argv0; c && *c; c++)
		if (*c == '/' && c[1])
			name = c + 1;
	if (name && *name)
		program = name;
}

static void shim_action(struct ksigaction *sa)
{
	*sa = (struct ksigaction){(void *)on_sigsys,
				  SA_SIGINFO | SA_NODEFER | KSA_RESTORER,
				  reporter_restore, 0};
}

static struct self *self_page(void)
{
	long page = sys6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page < 0 && page > -4096)
		return NULL;
	if (sys4(SYS_madvise, page, 4096, MADV_WIPEONFORK, REPORT_OWN_MARK) <
	    0) {
		sys2(SYS_munmap, page, 4096);
		return NULL;
	}
	return (struct self *)page;
}

/* This process's /proc/self/mem, read-only, for strings (REPORT_READ_MEM):
 * a descriptor the program could use to read its own memory, which it can
 * anyway; closed at exec, and unused after a fork (the page is wiped). */
static void open_memory(const struct report_head *head, int filtered)
{
	static const char path[] = "/proc/self/mem";
	struct stat st;
	long fd;

	if (!self || self->mem_fd || !(head->flags & REPORT_READ_MEM) ||
	    (filtered && !(head->flags & REPORT_OPEN_MEM)))
		return;
	fd = sys4(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (sys_fstat(fd, &st) < 0) {
		sys1(SYS_close, fd);
		return;
	}
	self->mem_fd = (int)fd + 1;
	self->mem_dev = (uint64_t)st.st_dev;
	self->mem_ino = (uint64_t)st.st_ino;
}

int reporter_start(const void *block, size_t len, int filtered,
		   const char *file, struct shim_error *err)
{
	struct ksigaction sa;
	uint64_t unblock = BIT(SIGSYS);
	struct ksigaction old;
	long copy;

	if (!report_check(block, len))
		return error_set(err, file, 0, "bad table of reports");
	copy = sys6(SYS_mmap, 0, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (copy < 0 && copy > -4096)
		return error_set(err, file, 0,
				 "cannot keep the table of reports: %s",
				 strerror((int)-copy));
	memcpy((void *)copy, block, len);
	sys3(SYS_mprotect, copy, len, PROT_READ);
	table = (const void *)copy;
	shim_action(&sa);
	/* The handler first: under the filter (a child of a reporting
	 * tree), a call below that the policy denies is then reported and
	 * answered, not fatal. */
	if (sys5(SYS_rt_sigaction, SIGSYS, &sa, &old, 8, REPORT_OWN_MARK) < 0)
		return error_set(err, file, 0,
				 "cannot install the SIGSYS handler");
	if (old.handler != (void *)on_sigsys)
		program_sigsys = old; /* SIG_IGN can survive execve */
	sys5(SYS_rt_sigprocmask, SIG_UNBLOCK, &unblock, 0, 8, REPORT_OWN_MARK);
	/* The pid, for when the policy denies getpid: only where the call
	 * cannot be one the policy denies, and forgotten at a fork, so that
	 * a child does not show (or read) its parent's. */
	if (!self)
		self = self_page();
	if (self)
		self->pid = !filtered || (((const struct report_head *)table)
						  ->flags &
					  REPORT_GETPID)
				    ? sys1(SYS_getpid, 0)
				    : 0;
	open_memory(table, filtered);
	return 0;
}
