/* Check suite: the argument widths (compiler/syscall-args.c). */
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

/* Every x86_64 call libseccomp names has its argument widths in the table
 * (or the mark of a call x86_64 lacks): no silent 64-bit guesses. */
START_TEST(test_syscall_args_complete)
{
	char missing[2048] = "";
	int named = 0;

	for (int nr = 0; nr < 4096; nr++) {
		char *name =
			seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);

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

Suite *syscall_args_suite(void)
{
	Suite *s = suite_create("syscall_args");
	TCase *tc;

	tc = tcase_create("syscall_args");
	tcase_add_test(tc, test_syscall_args_complete);
	suite_add_tcase(s, tc);
	return s;
}
