/*
 * Try to clear NO_NEW_PRIVS and to leave seccomp filter mode, so that a
 * set-user-ID program or a new filter could change the rules. Neither can
 * be undone: prctl(PR_SET_NO_NEW_PRIVS, 0) is EINVAL, and
 * PR_SET_SECCOMP with mode 0 (disabled) is refused.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

int main(void)
{
	int nnp = prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0);
	int nnp_err = errno;
	int off = prctl(PR_SET_SECCOMP, SECCOMP_MODE_DISABLED, 0, 0, 0);
	int off_err = errno;

	if (nnp == 0 || prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		printf("ESCAPED: NO_NEW_PRIVS cleared\n");
	else if (off == 0 || prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 2)
		printf("ESCAPED: seccomp disabled\n");
	else
		printf("blocked: clear NO_NEW_PRIVS: %s; disable seccomp: %s\n",
		       strerror(nnp_err), strerror(off_err));
	return 0;
}
