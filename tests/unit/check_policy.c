/* Check suite: the parser (compiler/policy.c), policy files and every malformed
 * fixture. */
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

/* --- parser: accepted forms -------------------------------------------- */
START_TEST(test_parse_minimal)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(HEAD, &p, &err), 0);
	ck_assert_int_eq(p.mode, POLICY_MODE_FILTER);
	ck_assert_uint_eq(p.default_action, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(p.n_entries, 0);
	ck_assert_uint_eq(p.n_arches, 0);
	ck_assert_str_eq(p.file, "FILE");
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_strict)
{
	static const struct {
		const char *heap;
		size_t bytes;
	} sizes[] = {
		{"0", 0},
		{"4096", 4096},
		{"100K", 100 << 10},
		{"64M", (size_t)64 << 20},
		{"3G", (size_t)3 << 30},
		{"1024G", (size_t)1 << 40},
	};
	char text[128];
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(
		parse_text("[policy]\nversion = 1\nmode = strict\n", &p, &err),
		0);
	ck_assert_int_eq(p.mode, POLICY_MODE_STRICT);
	ck_assert_uint_eq(p.heap, POLICY_HEAP_DEFAULT);
	ck_assert_int_eq(p.stdout_full, 0);
	ck_assert_uint_eq(p.mode_line, 3);
	policy_free(&p);
	ck_assert_int_eq(parse_text("[policy]\nversion = 1\nmode = strict\n"
				    "stdout_buffer = full\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(p.stdout_full, 1);
	policy_free(&p);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		snprintf(text, sizeof(text),
			 "[policy]\nheap = %s\nmode = strict\nversion = 1\n",
			 sizes[i].heap);
		ck_assert_msg(parse_text(text, &p, &err) == 0, "%s: %s",
			      sizes[i].heap, err.message);
		ck_assert_uint_eq(p.heap, sizes[i].bytes);
		ck_assert_uint_eq(p.heap_line, 2);
		policy_free(&p);
	}
}
END_TEST

START_TEST(test_heap_chunks)
{
	/* glibc's chunk sizes on x86_64: n + 8 rounded up to 16, >= 32. */
	ck_assert_uint_eq(heap_chunk_size(0), 32);
	ck_assert_uint_eq(heap_chunk_size(24), 32);
	ck_assert_uint_eq(heap_chunk_size(25), 48);
	ck_assert_uint_eq(heap_chunk_size(1000), 1008);
	ck_assert_uint_eq(heap_chunk_size(1 << 20), (1 << 20) + 16);
	ck_assert_uint_eq(heap_chunk_size(SIZE_MAX), 0);
	ck_assert_uint_eq(heap_chunk_size(PTRDIFF_MAX), 0);
	/* glibc hands out a chunk of that size, or one less than a minimum
	 * chunk larger when the rest would be too small to keep apart.
	 * (Only where malloc is glibc's: not under AddressSanitizer or
	 * valgrind, which bring their own.) */
	void *probe = malloc(1);
	size_t usable = malloc_usable_size(probe);

	free(probe);
	if (usable != 24) /* glibc's smallest chunk holds 24 bytes */
		return;
	for (size_t n = 0; n < 5000; n += 7) {
		void *p = malloc(n);
		size_t chunk = malloc_usable_size(p) + 8;

		ck_assert_uint_eq(chunk % 16, 0);
		ck_assert_uint_ge(chunk, heap_chunk_size(n));
		ck_assert_uint_lt(chunk, heap_chunk_size(n) + 32);
		free(p);
	}
}
END_TEST

START_TEST(test_parse_forms)
{
	/* Comments of both kinds, anywhere; indentation; CRLF; a BOM; blank
	 * lines; spaces around '=' and inside section brackets. */
	static const char text[] = "\xef\xbb\xbf# a policy\r\n"
				   "; another comment\n"
				   "[ policy ]   # trailing\n"
				   "  version=1\n"
				   "\tmode = filter ; inline\n"
				   "default   =   errno:ENOSYS\r\n"
				   "\n"
				   "[syscalls]\n"
				   "mkdir = errno:EPERM   # no mkdir\n"
				   "    mkdirat = kill\n"
				   "socket = errno:13\n"
				   "_llseek = trap\n";
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(text, &p, &err), 0);
	ck_assert_uint_eq(p.default_action, SCMP_ACT_ERRNO(ENOSYS));
	ck_assert_uint_eq(p.n_entries, 4);
	ck_assert_str_eq(p.entries[0].name, "mkdir");
	ck_assert_uint_eq(p.entries[0].action, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(p.entries[0].line, 9);
	ck_assert_str_eq(p.entries[1].name, "mkdirat");
	ck_assert_uint_eq(p.entries[1].action, SCMP_ACT_KILL_PROCESS);
	ck_assert_uint_eq(p.entries[1].line, 10);
	ck_assert_uint_eq(p.entries[2].action, SCMP_ACT_ERRNO(13));
	ck_assert_uint_eq(p.entries[3].line, 12);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_no_final_newline)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(HEAD "[syscalls]\nmkdir = kill", &p, &err),
			 0);
	ck_assert_uint_eq(p.n_entries, 1);
	ck_assert_uint_eq(p.entries[0].line, 5);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_arches)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(
		parse_text(HEAD "architectures = native, x86 x32\n", &p, &err),
		0);
	ck_assert_uint_eq(p.n_arches, 3);
	ck_assert_uint_eq(p.arches[0], seccomp_arch_native());
	ck_assert_uint_eq(p.arches[1], SCMP_ARCH_X86);
	ck_assert_uint_eq(p.arches[2], SCMP_ARCH_X32);
	policy_free(&p);
	ck_assert_int_eq(parse_text(HEAD "architectures = aarch64\n", &p, &err),
			 0);
	ck_assert_uint_eq(p.arches[0], SCMP_ARCH_AARCH64);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_many_entries)
{
	/* Enough lines to grow the entry array several times. */
	char *text = malloc(64 * 1024);
	size_t len = (size_t)sprintf(text, HEAD "[syscalls]\n");
	const char *name;
	int n = 0;
	struct policy p;
	struct shim_error err;

	for (int nr = 0; nr < 460; nr++) {
		name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (!name)
			continue;
		len += (size_t)sprintf(text + len, "%s = errno:EPERM\n", name);
		free((void *)name);
		n++;
	}
	ck_assert_int_eq(policy_parse(text, len, "FILE", &p, &err), 0);
	ck_assert_uint_eq(p.n_entries, (size_t)n);
	ck_assert_uint_eq(p.entries[n - 1].line, (unsigned int)n + 4);
	policy_free(&p);
	free(text);
}
END_TEST

/* --- sources ----------------------------------------------------------- */
START_TEST(test_source_inline)
{
	ck_assert(source_is_inline("[policy]\nversion = 1\n"));
	ck_assert(!source_is_inline("/etc/seccomp-shim/p.ini"));
	ck_assert(!source_is_inline("[policy] version = 1"));
}
END_TEST

START_TEST(test_source_errors)
{
	struct shim_error err;
	char *text;
	size_t len;
	char msg[1200];

	ck_assert_int_lt(
		source_read("/nonexistent/p.ini", &text, &len, NULL, &err), 0);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg, "seccomp-shim: /nonexistent/p.ini: cannot open "
			      "policy: No such file or directory");
	ck_assert_int_lt(source_read("/", &text, &len, NULL, &err), 0);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg,
			 "seccomp-shim: /: cannot read policy: not a regular "
			 "file");
}
END_TEST

/* Whether a line of the man page's source sets name in bold (".B name",
 * ".BI name", ".BR name", a quoted "name = ..."). */
static int man_names(const char *page, const char *name)
{
	static const char *const macros[] = {"\n.B ",	"\n.BI ",   "\n.BR ",
					     "\n.B \"", "\n.BI \"", "\n.BR \"",
					     "\\fB"};
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(macros) / sizeof(*macros); i++)
		for (const char *at = strstr(page, macros[i]); at;
		     at = strstr(at + 1, macros[i])) {
			const char *word = at + strlen(macros[i]);

			if (strncmp(word, name, n) == 0 && word[n] &&
			    strchr(" \n\"\\", word[n]))
				return 1;
		}
	return 0;
}

/* Every key of the parser's tables is in seccomp-shim.ini(5) (the tables
 * are the one list: tests/live/man.sh checks the rendered page has none
 * but these). */
START_TEST(test_keys_documented)
{
	const char *top = getenv("top_srcdir");
	static const char *const landlock_other[] = {"bind_tcp", "connect_tcp",
						     "scope", "enforce"};
	char path[4096], missing[1024] = "", *page;
	const struct landlock_key *keys;
	size_t len, n, count = 0;
	const char *name;
	unsigned int modes;

	snprintf(path, sizeof(path), "%s/shim/man/seccomp-shim.ini.5.in",
		 top ? top : ".");
	page = slurp(path, &len);
	for (size_t i = 0; (name = policy_key(i, &modes)); i++, count++) {
		ck_assert(modes & (POLICY_KEY_FILTER | POLICY_KEY_STRICT));
		if (!man_names(page, name))
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), " %s",
				 name);
	}
	ck_assert_uint_ge(count, 16);
	keys = landlock_keys(&n);
	for (size_t i = 0; i < n + 4; i++) {
		const char *k = i < n ? keys[i].name : landlock_other[i - n];

		if (!man_names(page, k))
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), " %s", k);
	}
	free(page);
	ck_assert_msg(missing[0] == '\0', "not in seccomp-shim.ini(5):%s",
		      missing);
}
END_TEST

START_TEST(test_fixtures)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[4200];
	struct dirent *entry;
	int checked = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/policies/bad", top ? top : ".");
	d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((entry = readdir(d))) {
		size_t n = strlen(entry->d_name), len, elen;
		char *text, *expected, msg[1200];
		struct policy p;
		struct ruleset r;
		struct shim_error err;
		struct filter f;
		uint64_t digest;
		int rc;

		if (n < 5 || strcmp(entry->d_name + n - 4, ".ini") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		text = slurp(path, &len);
		snprintf(path, sizeof(path), "%s/%.*s.err", dir, (int)n - 4,
			 entry->d_name);
		expected = slurp(path, &elen);
		while (elen && expected[elen - 1] == '\n')
			expected[--elen] = '\0';

		rc = policy_parse(text, len, "FILE", &p, &err);
		if (rc == 0) {
			/* all of compiling: resolving, reports, the filter */
			rc = policy_compile(&p, 0, 0, &r, &f, &digest, &err);
			if (rc == 0) {
				filter_free(&f);
				rules_free(&r);
			}
			policy_free(&p);
		}
		ck_assert_msg(rc < 0, "%s was accepted", entry->d_name);
		error_format(&err, msg, sizeof(msg));
		ck_assert_msg(strcmp(msg, expected) == 0,
			      "%s:\n got      %s\n expected %s", entry->d_name,
			      msg, expected);
		free(text);
		free(expected);
		checked++;
	}
	closedir(d);
	ck_assert_int_ge(checked, 20);
}
END_TEST

Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_minimal);
	tcase_add_test(tc, test_parse_forms);
	tcase_add_test(tc, test_parse_strict);
	tcase_add_test(tc, test_heap_chunks);
	tcase_add_test(tc, test_parse_no_final_newline);
	tcase_add_test(tc, test_parse_arches);
	tcase_add_test(tc, test_parse_many_entries);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_source_inline);
	tcase_add_test(tc, test_source_errors);
	tcase_add_test(tc, test_fixtures);
	tcase_add_test(tc, test_keys_documented);
	suite_add_tcase(s, tc);
	return s;
}
