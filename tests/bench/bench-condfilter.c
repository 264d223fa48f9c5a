/*
 * The conditional floor of make bench: a preloaded library that attaches
 * the smallest filter we could write by hand that decides the benchmark's
 * read and write calls as its conditional policy does (allow if a0 <= 1024
 * and a2 <= 1048576, else EBADF; fd is 32 bits wide, count 64) and
 * allows the rest: what argument checks on the hot calls cost at least.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define ARG_HI(i) (ARG_LO(i) + 4)

__attribute__((constructor)) static void bench_condfilter(void)
{
	struct sock_filter insns[] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, arch)),
		/* 1 */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		/* 2 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		/* 3 */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		/* 4 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_read, 2, 0),
		/* 5 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_write, 1, 0),
		/* 6 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* 7 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
		/* 8 */ BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 1024, 5, 0),
		/* 9 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_HI(2)),
		/* 10 */ BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 0, 3, 0),
		/* 11 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(2)),
		/* 12 */ BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 1048576, 1, 0),
		/* 13 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* 14 */
		BPF_STMT(BPF_RET | BPF_K,
			 SECCOMP_RET_ERRNO | (EBADF & SECCOMP_RET_DATA)),
	};
	struct sock_fprog prog = {sizeof(insns) / sizeof(*insns), insns};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		_exit(125);
}
