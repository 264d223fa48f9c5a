/*
 * nomem: the compiler and the converter out of memory. Each run makes the
 * Nth allocation and every one after it fail, for N = 0, 1, 2, ... until
 * the work is done (a policy compiled, converted into an OCI profile, a
 * profile converted into a policy):
 * every run before must end in -ENOMEM with "out of memory", never
 * another error, a crash or a hang. Each run is a child of its own, so
 * what a failed run leaves behind cannot hide the next one's.
 *
 * The allocator is glibc's, reached through its __libc_* names by the
 * malloc family this program defines (glibc's own strdup and asprintf
 * allocate through them too). Not run under valgrind or the sanitizers,
 * which bring their own malloc.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compile.h"
#include "compiled.h"
#include "convert.h"
#include "error.h"
#include "policy.h"
#include "rules.h"
#include "source.h"

static long allowed = -1; /* allocations left; -1: no limit */

/* In the dynamic symbol table (the build hides symbols by default), so
 * that libc, json-c, libseccomp and inih allocate through these too. */
#define EXPORTED __attribute__((visibility("default")))

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1 /* ASan's malloc is the one to keep */
#else
#define UNDER_ASAN 0
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);

static int may_allocate(void)
{
	if (allowed == 0) {
		errno = ENOMEM;
		return 0;
	}
	if (allowed > 0)
		allowed--;
	return 1;
}

EXPORTED void *malloc(size_t size)
{
	return may_allocate() ? __libc_malloc(size) : NULL;
}

EXPORTED void *calloc(size_t n, size_t size)
{
	return may_allocate() ? __libc_calloc(n, size) : NULL;
}

EXPORTED void *realloc(void *ptr, size_t size)
{
	return may_allocate() ? __libc_realloc(ptr, size) : NULL;
}
#endif

/* The work each run does, once: 0 done, with what it made in *result (the
 * filter's digest and sizes, or the converted text, malloc'd), or a
 * negative errno with err. */
enum work { COMPILE, TO_OCI, TO_POLICY };

static int work(enum work what, const char *input, size_t len, char **result,
		struct shim_error *err)
{
	struct convert_target target = {0, "amd64", 6, 1};
	struct convert_notes notes = {0};
	struct compiled compiled;
	struct policy policy;
	struct ruleset rules;
	int rc = 0;

	*result = NULL;
	switch (what) {
	case COMPILE:
		rc = policy_compile_source(input, 0, &compiled, err);
		if (rc == 0) {
			allowed = -1;
			if (asprintf(result, "%016llx %zu %zu %zu",
				     (unsigned long long)compiled.digest,
				     compiled.filter.len, compiled.report_len,
				     compiled.landlock_len) < 0)
				*result = NULL;
			compiled_free(&compiled);
		}
		break;
	case TO_OCI:
		rc = source_load(input, &policy, err);
		if (rc < 0)
			break;
		rc = rules_resolve(&policy, &rules, err);
		if (rc == 0) {
			rc = convert_policy_to_oci(&policy, &rules, result,
						   &notes, err);
			rules_free(&rules);
		}
		policy_free(&policy);
		break;
	case TO_POLICY:
		rc = convert_oci_to_policy(input, len, "profile.json", &target,
					   result, &notes, err);
		break;
	}
	convert_notes_free(&notes);
	return rc;
}

/* What a run ended in, as its exit status. */
enum outcome { DONE, NO_MEMORY, JSON_C, WRONG };

/*
 * One run with n allocations allowed: DONE with what the unlimited run
 * made (reference), NO_MEMORY (-ENOMEM, "out of memory"), JSON_C (json-c
 * 0.16 does not report its own failed allocations: a profile it could not
 * read whole is said to be malformed, which still refuses it), or WRONG.
 */
static enum outcome run(enum work what, const char *input, size_t len,
			const char *reference, long n)
{
	struct shim_error err;
	char *result;
	int rc;

	allowed = n;
	rc = work(what, input, len, &result, &err);
	allowed = -1;
	if (rc == 0 && result && strcmp(result, reference) == 0)
		return DONE;
	if (rc == 0) {
		fprintf(stderr,
			"nomem: %ld allocations: done, but not as "
			"with memory enough\n",
			n);
		return WRONG;
	}
	if (rc == -ENOMEM && strcmp(err.message, "out of memory") == 0)
		return NO_MEMORY;
	if (what == TO_POLICY && rc == -EINVAL &&
	    strncmp(err.message, "column ", 7) == 0)
		return JSON_C;
	fprintf(stderr, "nomem: %ld allocations: %d, %s:%u: %s\n", n, rc,
		err.file, err.line, err.message);
	return WRONG;
}

/* Every N until the work is done; 0, or 1 said why. */
static int sweep(const char *label, enum work what, const char *input,
		 size_t len)
{
	struct shim_error err;
	char *reference;
	long n, json_c = 0;

	if (work(what, input, len, &reference, &err) < 0 || !reference) {
		fprintf(stderr, "nomem: %s: %s\n", label, err.message);
		return 1;
	}
	for (n = 0;; n++) {
		pid_t pid = fork();
		int status;

		if (pid < 0) {
			perror("nomem: fork");
			return 1;
		}
		if (pid == 0)
			_exit(run(what, input, len, reference, n));
		if (waitpid(pid, &status, 0) != pid) {
			perror("nomem: waitpid");
			return 1;
		}
		if (!WIFEXITED(status)) {
			fprintf(stderr,
				"nomem: %s, %ld allocations: killed by "
				"signal %d\n",
				label, n, WTERMSIG(status));
			return 1;
		}
		if (WEXITSTATUS(status) == DONE)
			break;
		if (WEXITSTATUS(status) == JSON_C)
			json_c++;
		else if (WEXITSTATUS(status) != NO_MEMORY)
			return 1;
	}
	free(reference);
	if (n == 0) {
		fprintf(stderr, "nomem: %s without allocating?\n", label);
		return 1;
	}
	printf("nomem: %s: %ld runs short of memory, %ld of them -ENOMEM",
	       label, n, n - json_c);
	if (json_c)
		printf(", %ld a malformed profile (json-c)", json_c);
	printf("; done, as with memory enough, with %ld allocations\n", n);
	return 0;
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	char setting[4096], path[4096], *profile;
	/* the converter's share: conditions, a group line, an ABI, log */
	static const char small[] =
		"[policy]\nversion = 1\ndefault = errno:EPERM\n"
		"architectures = x86\nlog = kernel\n[syscalls]\n"
		"read = allow\nwrite = allow if a0 == 1 || a0 == 2\n"
		"socket = allow if a0 in {AF_UNIX, AF_INET} && a1 != 3\n"
		"ioctl = errno:ENOTTY if a1 & 0xff00 == 0x5400\n"
		"@sync = allow\nexit_group = allow\n";
	size_t len;
	struct shim_error err;

	if (UNDER_ASAN) {
		printf("nomem: skipped: built with ASan, whose malloc stays\n");
		return 77;
	}
	if (!top) {
		fprintf(stderr, "nomem: top_srcdir is not set\n");
		return 99;
	}
	/* every stage: an include, groups of its own and built-in ones,
	 * conditions, the switches, log = stderr's table, Landlock's */
	snprintf(setting, sizeof(setting),
		 "[policy]\nversion = 1\ninclude = %s/conf/default.ini\n"
		 "log = stderr\nrestrict_address_families = AF_UNIX AF_INET\n"
		 "memory_deny_write_execute = yes\n"
		 "[syscalls]\nmkdir = errno:EPERM\n"
		 "socket = allow if a0 in {AF_UNIX, AF_INET} && a1 != 3\n"
		 "@mine = errno:EACCES if a0 == 1 || a1 & 7 == 2\n"
		 "[group:@mine]\nmembers = chmod @sync\n"
		 "[landlock]\nwrite = /tmp -/nonexistent\nread = @sys\n"
		 "connect_tcp = 443\n[paths:@sys]\nmembers = /usr /etc\n",
		 top);
	snprintf(path, sizeof(path),
		 "%s/tests/policies/convert/docker-like.json", top);
	if (source_read(path, &profile, &len, NULL, &err) < 0) {
		fprintf(stderr, "nomem: %s: %s\n", path, err.message);
		return 99;
	}
	/* NOMEM_AT=N: that compile alone, in this process (for a debugger) */
	if (getenv("NOMEM_AT"))
		return run(COMPILE, setting, 0, "", atol(getenv("NOMEM_AT")));
	if (sweep("compile", COMPILE, setting, 0) ||
	    sweep("policy to OCI", TO_OCI, small, 0) ||
	    sweep("profile to policy", TO_POLICY, profile, len)) {
		free(profile);
		return 1;
	}
	free(profile);
	return 0;
}
