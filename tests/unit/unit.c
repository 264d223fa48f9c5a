/* What the Check suites share (unit.h). */
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

int parse_text(const char *text, struct policy *p, struct shim_error *err)
{
	return policy_parse(text, strlen(text), "FILE", p, err);
}

/* Parse and resolve text; on failure, the formatted error in msg. */
int load_text(const char *text, struct policy *p, struct ruleset *r, char *msg,
	      size_t size)
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

void expect_error(const char *text, const char *expected)
{
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_lt(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_str_eq(msg, expected);
}

struct decided decide_args(const char *text, uint32_t arch, int nr,
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

struct decided decide_raw(const char *text, uint32_t arch, int nr, uint64_t a0,
			  uint64_t a1, uint64_t a2)
{
	uint64_t args[6] = {a0, a1, a2, 0, 0, 0};

	return decide_args(text, arch, nr, args);
}

struct decided decide(const char *text, uint32_t arch, const char *name,
		      uint64_t a0, uint64_t a1, uint64_t a2)
{
	return decide_raw(text, arch, rules_nr(arch, name), a0, a1, a2);
}

/* What filter and policy decide for a number, not a name. */
uint32_t decide_nr(const char *text, uint32_t arch, int nr)
{
	return decide_raw(text, arch, nr, 0, 0, 0).filter;
}

/* --- every malformed-policy fixture against its expected message ------- */
char *slurp(const char *path, size_t *len)
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
