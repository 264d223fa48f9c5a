/*
 * seccomp-shim: the command-line front door, over the same core as the
 * preload library (one parser, one table, one compiler).
 *
 *   seccomp-shim run [-p POLICY] [--before-exec] [--] CMD [ARG...]
 *   seccomp-shim check [--strict] POLICY...
 *   seccomp-shim explain [--pfc] [--bpf FILE] POLICY [SYSCALL [ARG...]]
 *   seccomp-shim groups [@NAME...]
 *
 * Data goes to stdout, errors and warnings to stderr.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/xattr.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action.h"
#include "cache.h"
#include "condition.h"
#include "confine.h"
#include "constants.h"
#include "convert.h"
#include "error.h"
#include "filter.h"
#include "groups.h"
#include "compile.h"
#include "landlock-rules.h"
#include "landlock.h"
#include "learn.h"
#include "lint.h"
#include "listing.h"
#include "policy.h"
#include "report.h"
#include "rules.h"
#include "source.h"
#include "suggest.h"

/* Exit statuses (seccomp-shim(1)). */
#define EXIT_INVALID	 1 /* check: a policy is invalid (or warned, --strict) */
#define EXIT_USAGE	 2   /* bad command line */
#define EXIT_REFUSED	 125 /* run: the shim refused (as the library does) */
#define EXIT_CANNOT_EXEC 126
#define EXIT_NOT_FOUND	 127

/* The built-in default policy: conf/default.ini, made into a string. */
extern const char default_policy_text[];

#define DEFAULT_POLICY_NAME "default"

/* Where shipped policies are: $SECCOMP_SHIM_CONFDIR, or the installed. */
static const char *shipped_dir(void)
{
	const char *dir = getenv("SECCOMP_SHIM_CONFDIR");

	return dir && *dir ? dir : SYSCONFDIR "/seccomp-shim";
}

__attribute__((format(printf, 1, 2))) static void complain(const char *fmt, ...)
{
	va_list ap;

	fputs("seccomp-shim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void print_error(const struct shim_error *err)
{
	char line[sizeof(err->file) + sizeof(err->message) + 32];

	error_format(err, line, sizeof(line));
	fprintf(stderr, "%s\n", line);
}

/* --- policies: by path, by shipped name, or the built-in one ------------ */

/* The shipped policy whose name is nearest to name (suggest.h), or NULL. */
static const char *nearest_shipped(const char *name)
{
	static char found[NAME_MAX + 1];
	const char *names[64];
	char *copies[64];
	size_t n = 0;
	const char *near;
	struct dirent *e;
	DIR *d = opendir(shipped_dir());

	while (d && n < 64 && (e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".ini") == 0) {
			copies[n] = strndup(e->d_name, len - 4);
			if (copies[n])
				names[n] = copies[n], n++;
		}
	}
	if (d)
		closedir(d);
	near = suggest_pick(name, names, n);
	if (near)
		snprintf(found, sizeof(found), "%s", near);
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	return near ? found : NULL;
}

/*
 * What a POLICY argument names: "default", the built-in policy (*builtin
 * set, the text returned); a file (made absolute if asked, since children
 * resolve the path again); or a policy shipped in the configuration directory
 * ("deny-kernel-admin" or "deny-kernel-admin.ini"). Returns a malloc'd
 * setting, or NULL with a message printed.
 */
static char *policy_setting(const char *name, int absolute, int *builtin)
{
	char path[PATH_MAX], *resolved;
	struct stat st;

	*builtin = 0;
	if (strcmp(name, DEFAULT_POLICY_NAME) == 0) {
		*builtin = 1;
		return strdup(default_policy_text);
	}
	if (strchr(name, '/') || stat(name, &st) == 0) {
		if (!absolute)
			return strdup(name);
		resolved = realpath(name, NULL);
		if (!resolved)
			complain("%s: cannot open policy: %s", name,
				 strerror(errno));
		return resolved;
	}
	snprintf(path, sizeof(path), "%s/%s%s", shipped_dir(), name,
		 strstr(name, ".ini") ? "" : ".ini");
	if (stat(path, &st) == 0)
		return strdup(path);
	{
		char phrase[96];

		complain("%s: no such policy file, and no policy of that name "
			 "in %s%s",
			 name, shipped_dir(),
			 suggest_phrase(nearest_shipped(name), phrase,
					sizeof(phrase)));
	}
	return NULL;
}

/* A policy loaded as far as the kernel: resolved and compiled. */
struct loaded {
	struct policy policy;
	struct ruleset rules;
	struct filter filter;
	int resolved, built;
};

static void unload(struct loaded *l)
{
	if (l->built)
		filter_free(&l->filter);
	if (l->resolved)
		rules_free(&l->rules);
	policy_free(&l->policy);
}

static int load(const char *setting, int builtin, struct loaded *l,
		struct shim_error *err)
{
	uint64_t digest;
	int rc;

	memset(l, 0, sizeof(*l));
	if (builtin)
		rc = policy_parse(setting, strlen(setting),
				  "(built-in default policy)", &l->policy, err);
	else
		rc = source_load(setting, &l->policy, err);
	if (rc < 0)
		return rc;
	if (l->policy.mode == POLICY_MODE_STRICT)
		return 0;
	/* Exactly what the library would install, probe rules included. */
	rc = policy_compile(&l->policy, compiled_origin(setting),
			    compiled_relative_key(setting), &l->rules,
			    &l->filter, &digest, err);
	if (rc < 0) {
		policy_free(&l->policy);
		return rc;
	}
	l->resolved = l->built = 1;
	return 0;
}

/* Compile the loaded policy again, reporting to the kernel's log rather
 * than stderr. */
static int compile_logging_kernel(struct loaded *l, const char *setting,
				  struct shim_error *err)
{
	uint64_t digest;

	if (l->built)
		filter_free(&l->filter);
	if (l->resolved)
		rules_free(&l->rules);
	l->built = l->resolved = 0;
	l->policy.log = POLICY_LOG_KERNEL;
	if (policy_compile(&l->policy, compiled_origin(setting),
			    compiled_relative_key(setting), &l->rules,
			   &l->filter, &digest, err) < 0)
		return -1;
	l->built = l->resolved = 1;
	return 0;
}

static int cache_policy(const char *setting, char *where, size_t size,
			int loud);

/* --- run ------------------------------------------------------------------ */

/* The dynamic loader the ELF file open at fd asks for (PT_INTERP), into
 * interp (size bytes); 1 if it asks for one, 0 if not (static), -1 if fd
 * is no x86_64 ELF file this machine runs natively. */
static int elf_loader(int fd, char *interp, size_t size)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_X86_64 || eh.e_phentsize != sizeof(ph))
		return -1;
	for (unsigned int i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph),
			  (off_t)(eh.e_phoff + i * sizeof(ph))) != sizeof(ph))
			return -1;
		if (ph.p_type != PT_INTERP)
			continue;
		if (ph.p_filesz < 2 || ph.p_filesz > size ||
		    pread(fd, interp, ph.p_filesz, (off_t)ph.p_offset) !=
			    (ssize_t)ph.p_filesz ||
		    interp[ph.p_filesz - 1] != '\0')
			return -1;
		return 1;
	}
	return 0;
}

/* The dynamic loader this command runs under (its own PT_INTERP). */
static int own_loader(struct stat *st)
{
	char interp[PATH_MAX];
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	int rc = fd < 0 ? -1 : elf_loader(fd, interp, sizeof(interp));

	if (fd >= 0)
		close(fd);
	return rc == 1 && stat(interp, st) == 0 ? 0 : -1;
}

/*
 * Whether executing path loads the preload library: the file the kernel
 * loads (path, or for a script the interpreter its "#!" line names, up to
 * 4 deep) is an x86_64 ELF program whose dynamic loader is the one this
 * command runs under (glibc's, which honours LD_PRELOAD), and executing it
 * does not put the process in secure mode (set-user-ID or -group-ID bits,
 * file capabilities: then the loader ignores LD_PRELOAD). Anything else
 * (a static program, another loader, a 32-bit program, a file that is no
 * ELF) cannot be proved; why says what then. The first image is what
 * counts: whatever it executes inherits its filter.
 */
static int preload_reaches(const char *path, int depth, char *why,
			   size_t size)
{
	char head[PATH_MAX + 3], interp[PATH_MAX];
	struct stat st, ours;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int rc;

	if (fd < 0) {
		snprintf(why, size, "LD_PRELOAD cannot be shown to reach %s: "
				    "it cannot be read (%s)",
			 path, strerror(errno));
		return 0;
	}
	n = pread(fd, head, sizeof(head) - 1, 0);
	if (n > 2 && head[0] == '#' && head[1] == '!') {
		char *start, *end;

		close(fd);
		if (depth == 4) {
			snprintf(why, size,
				 "LD_PRELOAD cannot be shown to reach %s: #! "
				 "interpreters nest deeper than 4",
				 path);
			return 0;
		}
		/* A script: the kernel loads its interpreter. */
		head[n] = '\0';
		end = head + 2 + strcspn(head + 2, "\n");
		*end = '\0';
		start = head + 2 + strspn(head + 2, " \t");
		start[strcspn(start, " \t")] = '\0';
		return preload_reaches(start, depth + 1, why, size);
	}
	rc = elf_loader(fd, interp, sizeof(interp));
	if (rc == 1 && fstat(fd, &st) == 0 &&
	    (st.st_mode & (S_ISUID | S_ISGID)))
		rc = 2;
	if (rc == 1 && fgetxattr(fd, "security.capability", NULL, 0) >= 0)
		rc = 3;
	close(fd);
	if (rc == 1 && (own_loader(&ours) < 0 || stat(interp, &st) < 0 ||
			st.st_dev != ours.st_dev || st.st_ino != ours.st_ino))
		rc = 4;
	switch (rc) {
	case 1:
		return 1;
	case 0:
		snprintf(why, size,
			 "LD_PRELOAD cannot reach %s: it is statically linked",
			 path);
		break;
	case 2:
	case 3:
		snprintf(why, size, "LD_PRELOAD cannot reach %s: it is %s",
			 path,
			 rc == 2 ? "set-user-ID or set-group-ID"
				 : "given file capabilities");
		break;
	case 4:
		snprintf(why, size,
			 "LD_PRELOAD cannot reach %s: it asks for the loader "
			 "%.256s, not this system's",
			 path, interp);
		break;
	default:
		snprintf(why, size,
			 "LD_PRELOAD cannot reach %s: it is no 64-bit x86_64 "
			 "ELF program",
			 path);
	}
	return 0;
}

/* The file execvp would run for name, into path; 0 or -errno. */
static int find_program(const char *name, char *path, size_t size)
{
	const char *dirs = getenv("PATH");
	int saw_eacces = 0;

	if (strchr(name, '/')) {
		snprintf(path, size, "%s", name);
		return access(path, X_OK) == 0 ? 0 : -errno;
	}
	if (!dirs)
		dirs = "/usr/local/bin:/usr/bin:/bin";
	while (*dirs) {
		size_t len = strcspn(dirs, ":");
		struct stat st;

		snprintf(path, size, "%.*s%s%s", (int)len, dirs, len ? "/" : "",
			 name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(path, X_OK) == 0)
				return 0;
			saw_eacces = 1;
		}
		dirs += len + (dirs[len] == ':');
	}
	return saw_eacces ? -EACCES : -ENOENT;
}

/* The preload library: an x86_64 shared object, or a message. */
static int check_library(const char *lib)
{
	Elf64_Ehdr eh;
	int fd = open(lib, O_RDONLY | O_CLOEXEC);
	int ok;

	if (fd < 0) {
		complain("%s: cannot open the preload library: %s (set "
			 "SECCOMP_SHIM_LIB to its path)",
			 lib, strerror(errno));
		return -1;
	}
	ok = pread(fd, &eh, sizeof(eh), 0) == sizeof(eh) &&
	     memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 &&
	     eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_type == ET_DYN &&
	     eh.e_machine == EM_X86_64;
	close(fd);
	if (!ok)
		complain("%s: not an x86_64 shared library", lib);
	return ok ? 0 : -1;
}

/* Whether the cache holds setting compiled, current and trusted. */
static int run_cached(const char *setting)
{
	struct cache_room room;
	struct compiled compiled;

	if (!cache_lookup(setting, compiled_origin(setting), 0, &room,
			  &compiled))
		return 0;
	compiled_free(&compiled);
	return 1;
}

/*
 * run --log: the policy setting names, reporting on stderr: inline text
 * that includes the file and says log = stderr (an including file's key
 * wins), or the built-in text with the key added. Frees setting; NULL if
 * out of memory.
 */
static char *with_reports(char *setting, int builtin)
{
	static const char head[] = "[policy]\n";
	char *text = NULL;

	if (builtin) {
		char *at = strstr(setting, head);

		if (at && asprintf(&text, "%.*s%slog = stderr\n%s",
				   (int)(at - setting), setting, head,
				   at + strlen(head)) < 0)
			text = NULL;
	} else if (asprintf(&text,
			    "[policy]\nversion = 1\ninclude = %s\n"
			    "log = stderr\n",
			    setting) < 0) {
		text = NULL;
	}
	if (!text)
		complain("out of memory");
	free(setting);
	return text;
}

static const char run_usage[] =
	"usage: seccomp-shim run [-p POLICY] [--log] [--before-exec] [--] CMD "
	"[ARG...]\n"
	"Run CMD confined by POLICY (a file, or the name of a policy "
	"in\n" SYSCONFDIR "/seccomp-shim; without -p the built-in default).\n"
	"  -p, --policy POLICY  the policy\n"
	"  --log                report denied calls on stderr (log = "
	"stderr),\n"
	"                       whatever the policy says\n"
	"  --before-exec        install the filter here, before executing "
	"CMD\n"
	"                       (done without asking where LD_PRELOAD "
	"cannot be\n"
	"                       shown to reach CMD: static programs and "
	"the like)\n"
	"  -h, --help           this help\n"
	"Exit status: CMD's; 125 if the policy or the library is refused, 126\n"
	"if CMD cannot be executed, 127 if it is not found.\n";

static int cmd_run(int argc, char **argv)
{
	static const struct option options[] = {
		{"policy", required_argument, NULL, 'p'},
		{"before-exec", no_argument, NULL, 'B'},
		{"log", no_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = DEFAULT_POLICY_NAME, *lib, *preload;
	int log = 0;
	char path[PATH_MAX], why[PATH_MAX + 64], *setting, *both = NULL;
	struct shim_error err;
	struct loaded loaded;
	int before_exec = 0, builtin, cached, opt, rc, status;

	while ((opt = getopt_long(argc, argv, "+p:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			name = optarg;
			break;
		case 'B':
			before_exec = 1;
			break;
		case 'L':
			log = 1;
			break;
		case 'h':
			fputs(run_usage, stdout);
			return 0;
		default:
			fputs(run_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(run_usage, stderr);
		return EXIT_USAGE;
	}
	setting = policy_setting(name, 1, &builtin);
	if (setting && log && !builtin) {
		struct policy strict;

		if (source_load(setting, &strict, &err) == 0) {
			int is_strict = strict.mode == POLICY_MODE_STRICT;

			policy_free(&strict);
			if (is_strict) {
				complain("%s: --log: strict mode cannot report "
					 "(the kernel kills on any call but "
					 "read, write, exit and sigreturn)",
					 setting);
				free(setting);
				return EXIT_REFUSED;
			}
		}
	}
	if (setting && log)
		setting = with_reports(setting, builtin);
	if (!setting)
		return EXIT_REFUSED;
	memset(&loaded, 0, sizeof(loaded));
	status = EXIT_REFUSED;
	rc = find_program(argv[optind], path, sizeof(path));
	if (rc < 0) {
		complain("%s: %s", argv[optind],
			 rc == -ENOENT ? "command not found" : strerror(-rc));
		status = rc == -ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC;
		goto out;
	}
	/* What LD_PRELOAD cannot be shown to reach gets the filter from
	 * here, before it is executed: run confines whatever it executes. */
	if (!before_exec && !preload_reaches(path, 0, why, sizeof(why)))
		before_exec = 2;
	/* A policy the cache holds compiled, current and trusted has been
	 * checked already: nothing to compile or store (the library reads the
	 * same entry). Otherwise refuse a bad policy here, before anything
	 * runs, and cache it for the command's first start. */
	cached = !before_exec && run_cached(setting);
	if (!cached && load(setting, builtin, &loaded, &err) < 0) {
		print_error(&err);
		goto out;
	}
	if (before_exec) {
		if (loaded.policy.mode == POLICY_MODE_STRICT) {
			if (before_exec == 2)
				complain("%s: strict mode cannot be entered "
					 "before exec (it does not allow "
					 "execve), and %s",
					 loaded.policy.file, why);
			else
				complain("%s: strict mode cannot be entered "
					 "before exec: strict mode does not "
					 "allow execve",
					 loaded.policy.file);
			goto out;
		}
		/* The reports need the library in the program: the kernel's
		 * log has them instead (the same decisions). */
		if (loaded.policy.log == POLICY_LOG_STDERR) {
			complain("%s: log = stderr needs the library in the "
				 "program, and %s: denied calls go to the "
				 "kernel's log instead (log = kernel)",
				 loaded.policy.file,
				 before_exec == 2 ? why
						  : "--before-exec leaves it "
						    "out");
			if (compile_logging_kernel(&loaded, setting, &err) <
			    0) {
				print_error(&err);
				goto out;
			}
		}
		if (confine_filter_flags(&loaded.filter, loaded.rules.landlock,
					 loaded.rules.landlock_len,
					 loaded.policy.harden[HARDEN_WRITE_EXECUTE]
						 .on,
					 loaded.policy.log == POLICY_LOG_KERNEL
						 ? SECCOMP_FILTER_FLAG_LOG
						 : 0,
					 loaded.policy.file, &err) < 0) {
			print_error(&err);
			goto out;
		}
		execv(path, &argv[optind]);
		complain("%s: cannot execute: %s%s", path, strerror(errno),
			 errno == EPERM || errno == EACCES
				 ? " (does the policy allow execve?)"
				 : "");
		status = EXIT_CANNOT_EXEC;
		goto out;
	}
	lib = getenv("SECCOMP_SHIM_LIB");
	if (!lib || !*lib)
		lib = LIBDIR "/libseccomp-shim.so";
	if (check_library(lib) < 0)
		goto out;
	/* The child's first start then finds the policy compiled (best
	 * effort: a policy another user owns, say, is compiled there). */
	if (!cached)
		cache_policy(setting, NULL, 0, 0);
	/* Add to LD_PRELOAD, after what is there already. */
	preload = getenv("LD_PRELOAD");
	both = malloc((preload ? strlen(preload) : 0) + strlen(lib) + 2);
	if (!both)
		goto out;
	if (preload && *preload)
		sprintf(both, "%s %s", preload, lib);
	else
		strcpy(both, lib);
	if (setenv("LD_PRELOAD", both, 1) ||
	    setenv("SECCOMP_SHIM_POLICY", setting, 1)) {
		complain("cannot set the environment: %s", strerror(errno));
		goto out;
	}
	execv(path, &argv[optind]);
	complain("%s: cannot execute: %s", path, strerror(errno));
	status = EXIT_CANNOT_EXEC;
out:
	free(both);
	unload(&loaded);
	free(setting);
	return status;
}

/* --- check ---------------------------------------------------------------- */

static const char check_usage[] =
	"usage: seccomp-shim check [--strict] [--verbose] POLICY...\n"
	"Check each POLICY (a file, or a shipped policy's name): errors and\n"
	"warnings on stderr as FILE:LINE: ..., a summary on stdout.\n"
	"  --strict        warnings fail too\n"
	"  -v, --verbose   each warning on a line of its own, with why (the\n"
	"                  known ways out a line allows are grouped without)\n"
	"  -h, --help      this help\n"
	"Exit status: 0 if every policy is valid, 1 if one is not (or, with\n"
	"--strict, has warnings), 2 for a bad command line.\n";

/* The calls a line of the policy decides (not only the shim's rules). */
static size_t calls_with_rules(const struct ruleset *rules)
{
	size_t n = 0;

	for (size_t i = 0; i < rules->n_calls; i++)
		for (size_t j = 0; j < rules->calls[i].n_rules; j++)
			if (rules->calls[i].rules[j].line) {
				n++;
				break;
			}
	return n;
}

/*
 * What this kernel's Landlock makes of the policy (landlock.h): said on
 * stderr, as FILE:LINE: warnings that the policy's count leaves out (they
 * are this machine's, not the policy's), with errors for listed paths
 * that do not exist here. Returns 0, or -1 if the program would be
 * refused here.
 */
static int check_landlock(const struct loaded *l)
{
	const struct policy *p = &l->policy;
	int abi = landlock_version(), refused = 0;
	struct landlock_rule *rules;
	struct shim_error err;
	uint64_t handled, fs, net, scopes;
	char names[256];
	size_t n;

	if (!landlock_rules_wanted(p)) {
		if (abi < LANDLOCK_ABI_NEEDED)
			fprintf(stderr,
				"seccomp-shim: %s: warning: this kernel has no "
				"Landlock%s: the filter applies without the "
				"domain that keeps the program from other "
				"processes\n",
				p->file, abi ? " of ABI 2 or later" : "");
		return 0;
	}
	if (landlock_rules_expand(p, &rules, &n, &handled, &err) < 0) {
		print_error(&err);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const char *path = rules[i].path;
		struct stat st;

		if (strncmp(path, "@cwd", 4) == 0)
			path = path[4] ? path + 5 : ".";
		if (!rules[i].optional && stat(path, &st) < 0) {
			fprintf(stderr,
				"seccomp-shim: %s:%u: [landlock] %s: cannot "
				"open %s: %s\n",
				rules[i].file, rules[i].line, rules[i].key,
				rules[i].path, strerror(errno));
			refused = -1;
		}
	}
	free(rules);
	fs = abi < LANDLOCK_ABI_NEEDED ? handled
				       : handled & ~landlock_fs_rights(abi);
	net = p->landlock.handled_net & ~landlock_net_rights(abi);
	scopes = p->landlock.scoped & ~landlock_scopes(abi);
	if (!fs && !net && !scopes)
		return refused;
	names[0] = '\0';
	if (fs)
		landlock_rights_text(fs, 0, names, sizeof(names));
	if (net) {
		size_t used = strlen(names);

		if (used)
			names[used++] = ' ';
		landlock_rights_text(net, 1, names + used,
				     sizeof(names) - used);
	}
	if (scopes)
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%sscope", names[0] ? " " : "");
	if (p->landlock.best_effort) {
		fprintf(stderr,
			"seccomp-shim: %s:%u: warning: this kernel's Landlock "
			"(ABI %d) cannot enforce %s: enforce = best_effort "
			"drops %s\n",
			p->landlock.enforce_file, p->landlock.enforce_line, abi,
			names, abi < LANDLOCK_ABI_NEEDED ? "the whole domain"
							 : "them");
		return refused;
	}
	if (abi < LANDLOCK_ABI_NEEDED)
		fprintf(stderr,
			"seccomp-shim: %s: this kernel has no Landlock%s, "
			"which the [landlock] section needs: the program "
			"would be refused here (set enforce = best_effort to "
			"run it without)\n",
			p->file, abi ? " of ABI 2 or later" : "");
	else
		fprintf(stderr,
			"seccomp-shim: %s: this kernel's Landlock (ABI %d) "
			"cannot enforce %s, which the [landlock] section "
			"restricts: the program would be refused here (set "
			"enforce = best_effort to run it with what the kernel "
			"has)\n",
			p->file, abi, names);
	return -1;
}

/* One warning line on stderr. */
static void print_warning(const char *file, unsigned int line,
			  const char *message)
{
	if (line)
		fprintf(stderr, "seccomp-shim: %s:%u: warning: %s\n", file, line,
			message);
	else
		fprintf(stderr, "seccomp-shim: %s: warning: %s\n", file,
			message);
}

/*
 * check's warnings: each on a line of its own with verbose; else the
 * known ways out that one line leaves allowed (the default, mostly)
 * together on one line, so that a first small policy gets a few lines.
 */
static void print_warnings(const struct lint_warning *w, size_t n,
			   const char *policy_file, int verbose)
{
	for (size_t i = 0; i < n; i++) {
		const char *file = w[i].file ? w[i].file : policy_file;
		char line[1024];
		size_t used, more = 0, same = 0;

		for (size_t j = 0; j < n; j++)
			same += w[j].escape[0] && w[j].line == w[i].line &&
				w[j].file == w[i].file;
		if (verbose || !w[i].escape[0] || same == 1) {
			print_warning(file, w[i].line, w[i].message);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (w[j].escape[0] && w[j].line == w[i].line &&
			    w[j].file == w[i].file)
				more = 1;
		if (more)
			continue; /* said with the first of its line */
		used = (size_t)snprintf(line, sizeof(line),
					"allowed, and known ways out of a "
					"sandbox: %s",
					w[i].escape);
		for (size_t j = i + 1; j < n; j++)
			if (w[j].escape[0] && w[j].line == w[i].line &&
			    w[j].file == w[i].file && used < sizeof(line))
				used += (size_t)snprintf(line + used,
							 sizeof(line) - used,
							 ", %s", w[j].escape);
		if (used < sizeof(line))
			snprintf(line + used, sizeof(line) - used,
				 " (check --verbose says why)");
		print_warning(file, w[i].line, line);
	}
}

static int check_one(const char *name, int strict, int verbose)
{
	struct lint_warning warnings[LINT_MAX_WARNINGS];
	struct shim_error err;
	struct loaded loaded;
	char *setting;
	int builtin, invalid = 0;
	size_t n = 0;

	setting = policy_setting(name, 0, &builtin);
	if (!setting)
		return -1;
	if (load(setting, builtin, &loaded, &err) < 0) {
		print_error(&err);
		free(setting);
		return -1;
	}
	if (loaded.policy.mode == POLICY_MODE_STRICT) {
		printf("%s: valid: strict mode, heap %zu bytes\n",
		       loaded.policy.file, loaded.policy.heap);
	} else {
		if (check_landlock(&loaded) < 0)
			invalid = 1;
		n = lint_policy(&loaded.policy, &loaded.rules, warnings,
				LINT_MAX_WARNINGS);
		print_warnings(warnings, n, loaded.policy.file, verbose);
		size_t calls = calls_with_rules(&loaded.rules);

		if (!invalid)
			printf("%s: valid: %zu system call%s with rules, %zu "
			       "BPF instructions, %zu warning%s\n",
			       loaded.policy.file, calls,
			       calls == 1 ? "" : "s", loaded.filter.len, n,
			       n == 1 ? "" : "s");
	}
	unload(&loaded);
	free(setting);
	return invalid || (strict && n) ? -1 : 0;
}

static int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{"strict", no_argument, NULL, 'S'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int strict = 0, verbose = 0, failed = 0, opt;

	while ((opt = getopt_long(argc, argv, "hv", options, NULL)) != -1) {
		switch (opt) {
		case 'S':
			strict = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			fputs(check_usage, stdout);
			return 0;
		default:
			fputs(check_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(check_usage, stderr);
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++)
		if (check_one(argv[i], strict, verbose) < 0)
			failed = 1;
	fflush(stdout);
	return failed ? EXIT_INVALID : 0;
}

/* --- compile ---------------------------------------------------------------- */

static const char compile_usage[] =
	"usage: seccomp-shim compile POLICY...\n"
	"Compile each POLICY (a file, a shipped policy's name, or \"default\")\n"
	"into the cache of compiled policies, where the library finds it: its\n"
	"starts then load no compiler. A file is cached under the name given\n"
	"and under its absolute path (which seccomp-shim run passes on).\n"
	"  -h, --help  this help\n"
	"Exit status: 0, 1 if a policy is invalid or cannot be cached, 2 for a\n"
	"bad command line.\n";

/*
 * Compile the policy setting names and store it in the cache; where it
 * went in where. Returns 0, or -1 with a message printed (loudly only if
 * loud: seccomp-shim run caches as a courtesy).
 */
static int cache_policy(const char *setting, char *where, size_t size,
			int loud)
{
	struct compiled compiled;
	struct shim_error err;
	int rc;

	if (policy_compile_source(setting, 0, &compiled, &err) < 0) {
		if (loud)
			print_error(&err);
		return -1;
	}
	rc = cache_store(setting, &compiled, where, size);
	if (rc < 0 && loud) {
		char dir[PATH_MAX];

		if (rc == -EPERM && source_is_inline(setting))
			complain("%s: not cached: only root caches inline "
				 "policy text",
				 compiled.file);
		else if (rc == -EPERM && compiled.owner != geteuid())
			complain("%s: not cached: only the policy file's owner "
				 "(uid %u) may cache it",
				 compiled.file, (unsigned int)compiled.owner);
		else if (cache_directory(dir, sizeof(dir)) < 0)
			complain("%s: not cached: the cache is off "
				 "(SECCOMP_SHIM_CACHE is not an absolute path, "
				 "or HOME is unset)",
				 compiled.file);
		else
			complain("%s: not cached: %s: %s%s", compiled.file,
				 dir, strerror(-rc),
				 rc == -EPERM ? " (it must be this user's, "
						"writable by this user alone)"
					      : "");
	}
	compiled_free(&compiled);
	return rc < 0 ? -1 : 0;
}

static int compile_one(const char *name)
{
	char where[PATH_MAX + 64];
	char *setting, *absolute;
	int builtin, rc;

	setting = policy_setting(name, 0, &builtin);
	if (!setting)
		return -1;
	rc = cache_policy(setting, where, sizeof(where), 1);
	if (rc == 0)
		printf("%s: cached in %s\n",
		       builtin ? DEFAULT_POLICY_NAME : setting, where);
	absolute = rc == 0 && !builtin ? realpath(setting, NULL) : NULL;
	if (absolute && strcmp(absolute, setting) != 0) {
		rc = cache_policy(absolute, where, sizeof(where), 1);
		if (rc == 0)
			printf("%s: cached in %s\n", absolute, where);
	}
	free(absolute);
	free(setting);
	return rc;
}

static int cmd_compile(int argc, char **argv)
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int failed = 0, opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(compile_usage, stdout);
			return 0;
		}
		fputs(compile_usage, stderr);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		fputs(compile_usage, stderr);
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++)
		if (compile_one(argv[i]) < 0)
			failed = 1;
	fflush(stdout);
	return failed ? EXIT_INVALID : 0;
}

/* --- explain -------------------------------------------------------------- */

static const char explain_usage[] =
	"usage: seccomp-shim explain [--arch ABI] [--pfc] [--bpf FILE] "
	"POLICY [SYSCALL [ARG...]]\n"
	"Without SYSCALL, the resolved rules: each system call the policy\n"
	"names, its lines in the order they are tried, and where each comes\n"
	"from. With SYSCALL (a name, or a number) and arguments (numbers or\n"
	"constants such as AF_INET or O_WRONLY|O_CREAT), the decision and "
	"the\n"
	"line that made it. Options may also follow POLICY.\n"
	"  --arch ABI   x86_64 (the default) or x86 (i386)\n"
	"  --pfc        print the compiled BPF program, one instruction a "
	"line\n"
	"  --bpf FILE   write the compiled BPF program (struct sock_filter\n"
	"               array, as the kernel takes it) to FILE\n"
	"  -h, --help   this help\n"
	"Exit status: 0, 1 if the policy is invalid, 2 for a bad command "
	"line.\n";

/* Whether the filter accepts calls through ABI arch (an AUDIT_ARCH_*). */
static int abi_listed(const struct ruleset *rules, uint32_t arch)
{
	if (arch == AUDIT_ARCH_X86_64)
		return 1;
	for (size_t i = 0; i < rules->n_arches; i++)
		if (rules->arches[i] == arch)
			return 1;
	return 0;
}

/* Where a rule came from, "FILE:LINE (via @group)"; file if none. */
static void rule_origin(const struct rule *rule, const char *file, char *buf,
			size_t size)
{
	if (!rule) {
		snprintf(buf, size, "%s", file);
		return;
	}
	if (!rule->line) {
		snprintf(buf, size, "%s", rule->via ? rule->via : "(the shim)");
		return;
	}
	snprintf(buf, size, "%s:%u%s%s", rule->file ? rule->file : file,
		 rule->line, rule->via ? " via " : "",
		 rule->via ? rule->via : "");
}

/* explain's lines for the [landlock] section and the domain. */
static void print_landlock(const struct policy *p)
{
	const struct policy_landlock *ll = &p->landlock;
	int abi = landlock_version();
	struct landlock_rule *rules;
	struct shim_error err;
	uint64_t handled, base = LANDLOCK_FS_EXECUTE | LANDLOCK_FS_REFER;
	char names[512];
	size_t n;

	printf("# Landlock: %s", abi ? "" : "none on this kernel");
	if (abi)
		printf("ABI %d on this kernel", abi);
	if (!landlock_rules_wanted(p)) {
		printf("; the base domain: it restricts nothing but the reach "
		       "to processes outside\n");
		return;
	}
	printf("; enforce = %s\n",
	       ll->best_effort ? "best_effort" : "required");
	if (landlock_rules_expand(p, &rules, &n, &handled, &err) < 0)
		return;
	if (handled)
		printf("%-22s %s\n", "(restricted)",
		       landlock_rights_text(handled, 0, names, sizeof(names)));
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX + 2];

		snprintf(path, sizeof(path), "%s%s",
			 rules[i].optional ? "-" : "", rules[i].path);
		printf("%-22s %-14s %s:%u  %s\n", path, rules[i].key,
		       rules[i].file, rules[i].line,
		       landlock_rights_text(rules[i].access, 0, names,
					    sizeof(names)));
	}
	free(rules);
	if (base & ~handled)
		printf("%-22s %-14s %s\n", "/", "(base)",
		       landlock_rights_text(base & ~handled, 0, names,
					    sizeof(names)));
	for (size_t i = 0; i < ll->n_ports; i++)
		printf("port %-17u %-14s %s:%u\n", ll->ports[i].port,
		       landlock_rights_text(ll->ports[i].access, 1, names,
					    sizeof(names)),
		       ll->ports[i].file, ll->ports[i].line);
	if (ll->handled_net)
		printf("%-22s %s: any other port is denied\n", "(other ports)",
		       landlock_rights_text(ll->handled_net, 1, names,
					    sizeof(names)));
	if (ll->scope_line)
		printf("%-22s %-14s %s:%u\n", "(scope)",
		       !ll->scoped ? "none"
		       : ll->scoped == LANDLOCK_SCOPE_SIGNAL ? "signal"
		       : ll->scoped == LANDLOCK_SCOPE_ABSTRACT_UNIX
			       ? "abstract_unix"
			       : "signal abstract_unix",
		       ll->scope_file, ll->scope_line);
}

/* The action a policy wrote, where log = stderr made it a trap that
 * reports it (report.h). */
static uint32_t shown_action(const struct ruleset *rules, uint32_t action)
{
	const struct report_entry *e;

	if (!rules->report || (action & 0xffff0000u) != SCMP_ACT_TRAP)
		return action;
	e = report_entry(rules->report, action & 0xffffu);
	return e ? e->action : action;
}

static void print_table(const struct loaded *l)
{
	const struct policy *p = &l->policy;
	char action[48], cond[512], origin[PATH_MAX + 64];

	action_format(shown_action(&l->rules, l->rules.default_action), action,
		      sizeof(action));
	printf("# %s\n", p->file);
	printf("%-22s %-14s %s:%u\n", "(default)", action,
	       p->default_file ? p->default_file : p->file, p->default_line);
	action_format(shown_action(&l->rules, l->rules.newer_action), action,
		      sizeof(action));
	printf("%-22s %-14s %s\n", "(newer system calls)", action,
	       p->newer_line ? "newer_syscalls" : "(the shim's default)");
	printf("%-22s %-14s %s\n", "(i386 calls)",
	       abi_listed(&l->rules, AUDIT_ARCH_I386) ? "as x86_64" : "kill",
	       p->arches_line ? "architectures" : "(native only)");
	for (size_t i = 0; i < l->rules.n_calls; i++) {
		const struct call_rules *call = &l->rules.calls[i];

		for (size_t j = 0; j < call->n_rules; j++) {
			const struct rule *rule = &call->rules[j];

			action_format(shown_action(&l->rules, rule->action),
				      action, sizeof(action));
			rule_origin(rule, p->file, origin, sizeof(origin));
			if (rule->cond->n_alts)
				condition_format(rule->cond, cond,
						 sizeof(cond));
			printf("%-22s %-14s %s%s%s\n", j ? "" : call->name,
			       action, origin,
			       rule->cond->n_alts ? "  if " : "",
			       rule->cond->n_alts ? cond : "");
		}
	}
}

/* An argument: a number, a constant, or several joined with '|'. */
static int parse_argument(const char *text, uint64_t *value)
{
	char term[128];

	*value = 0;
	while (*text) {
		size_t len = strcspn(text, "|");
		uint64_t v;
		char *end;

		if (len == 0 || len >= sizeof(term))
			return -1;
		memcpy(term, text, len);
		term[len] = '\0';
		errno = 0;
		if (term[0] == '-')
			v = (uint64_t)strtoll(term, &end, 0);
		else
			v = strtoull(term, &end, 0);
		if (errno || *end) {
			if (constant_lookup(term, &v) < 0)
				return -1;
		}
		*value |= v;
		text += len + (text[len] == '|');
	}
	return 0;
}

/*
 * x86_64 system calls newer than what this libseccomp names (the kernel's
 * arch/x86/entry/syscalls/syscall_64.tbl, up to Linux 6.18): a policy
 * cannot name them, and newer_syscalls decides them.
 */
static const char *const newer_than_libseccomp[] = {
	"uretprobe",	     "uprobe",		 "statmount",
	"listmount",	     "lsm_get_self_attr", "lsm_set_self_attr",
	"lsm_list_modules",  "mseal",		 "setxattrat",
	"getxattrat",	     "listxattrat",	 "removexattrat",
	"open_tree_attr",    "file_getattr",	 "file_setattr",
};

/* The number of the call text names on ABI scmp_arch (a name or a
 * number), its name (or "syscall N") into name; or -1, said why. */
static int call_number(const char *text, uint32_t scmp_arch, uint32_t arch,
		       char *name, size_t size)
{
	const char *abi = arch == AUDIT_ARCH_I386 ? "x86" : "x86_64";
	char *end, *known;
	long number = strtol(text, &end, 0);

	if (*text && !*end) {
		if (number < 0 || number > 0x7fffffff) {
			complain("%s: not a system call number", text);
			return -1;
		}
		known = seccomp_syscall_resolve_num_arch(scmp_arch,
							 (int)number);
		if (known)
			snprintf(name, size, "%s", known);
		else
			snprintf(name, size, "syscall %ld", number);
		free(known);
		return (int)number;
	}
	snprintf(name, size, "%s", text);
	number = rules_nr(scmp_arch, text);
	if (number >= 0)
		return (int)number;
	for (size_t i = 0; i < sizeof(newer_than_libseccomp) /
				       sizeof(*newer_than_libseccomp);
	     i++)
		if (strcmp(text, newer_than_libseccomp[i]) == 0) {
			complain("%s: libseccomp %u.%u.%u does not know this "
				 "call (newer than its table): a policy "
				 "cannot name it, and newer_syscalls decides "
				 "it; give its number to ask about it",
				 text, seccomp_version()->major,
				 seccomp_version()->minor,
				 seccomp_version()->micro);
			return -1;
		}
	complain("%s: no such system call on %s", text, abi);
	return -1;
}

static int explain_call(const struct loaded *l, uint32_t arch, int argc,
			char **argv)
{
	struct seccomp_data data = {0};
	uint64_t args[6] = {0};
	char action[48], origin[PATH_MAX + 64];
	uint32_t scmp_arch =
		arch == AUDIT_ARCH_I386 ? SCMP_ARCH_X86 : SCMP_ARCH_X86_64;
	uint32_t decided, ran;
	unsigned int line;
	char name[64];
	int nr;

	nr = call_number(argv[0], scmp_arch, arch, name, sizeof(name));
	if (nr < 0)
		return EXIT_USAGE;
	if (argc > 7) {
		complain("a system call has at most 6 arguments");
		return EXIT_USAGE;
	}
	for (int i = 1; i < argc; i++)
		if (parse_argument(argv[i], &args[i - 1]) < 0) {
			complain("'%s': not a number or a known constant",
				 argv[i]);
			return EXIT_USAGE;
		}
	decided = rules_decide(&l->rules, arch, nr, args, &line);
	/* Ask the compiled program too: the two must agree. */
	data.nr = nr;
	data.arch = arch;
	memcpy(data.args, args, sizeof(args));
	ran = filter_run(&l->filter, &data);
	action_format(decided, action, sizeof(action));
	if (ran != decided) {
		complain("internal error: the compiled filter returns 0x%08x "
			 "where the policy says %s",
			 ran, action);
		return EXIT_INVALID;
	}
	action_format(shown_action(&l->rules, decided), action,
		      sizeof(action));
	printf("%s(", name);
	for (int i = 0; i < 6 && i < argc - 1; i++)
		printf("%s0x%llx", i ? ", " : "", (unsigned long long)args[i]);
	printf(") -> %s", action);
	if (line) {
		rule_origin(rules_rule(&l->rules, name, line),
			    l->policy.file, origin, sizeof(origin));
		printf("  (%s)\n", origin);
	} else {
		/* the default, an implicit rule of the shim, or the ABI: a
		 * rule of the shim's if one of the call's rules holds */
		int shims = 0;

		for (size_t i = 0; i < l->rules.n_calls && !shims; i++) {
			const struct call_rules *call = &l->rules.calls[i];
			unsigned int widths = rules_widths(call, arch);

			if (strcmp(call->name, name) != 0)
				continue;
			for (size_t j = 0; j < call->n_rules && !shims; j++)
				shims = condition_holds(call->rules[j].cond,
							args, widths);
		}
		if (!abi_listed(&l->rules, arch))
			printf("  (an ABI the policy does not list)\n");
		else if (strncmp(name, "syscall ", 8) == 0)
			printf("  (newer_syscalls: a call newer than "
			       "libseccomp's table)\n");
		else if (shims)
			printf("  (the shim's own rule for %s)\n", name);
		else
			printf("  (default, %s:%u)\n",
			       l->policy.default_file ? l->policy.default_file
						      : l->policy.file,
			       l->policy.default_line);
	}
	return 0;
}

static int write_bpf(const struct filter *filter, const char *path)
{
	FILE *out = fopen(path, "wb");

	if (!out ||
	    fwrite(filter->insns, sizeof(*filter->insns), filter->len, out) !=
		    filter->len ||
	    fclose(out) != 0) {
		complain("%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* explain's options, wherever they stand before the call's name. */
struct explain_options {
	const char *bpf;
	uint32_t arch;
	int pfc;
};

/* Read options from argv (getopt's way, from argv[1]) up to the first
 * word that is not one. Returns 0, 1 for --help, or -1. */
static int explain_options(int argc, char **argv, struct explain_options *o)
{
	static const struct option options[] = {
		{"arch", required_argument, NULL, 'a'},
		{"pfc", no_argument, NULL, 'P'},
		{"bpf", required_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (opt) {
		case 'a':
			if (strcmp(optarg, "x86_64") == 0 ||
			    strcmp(optarg, "native") == 0)
				o->arch = AUDIT_ARCH_X86_64;
			else if (strcmp(optarg, "x86") == 0 ||
				 strcmp(optarg, "i386") == 0)
				o->arch = AUDIT_ARCH_I386;
			else {
				complain("--arch: '%s' is not x86_64 or x86",
					 optarg);
				return -1;
			}
			break;
		case 'P':
			o->pfc = 1;
			break;
		case 'b':
			o->bpf = optarg;
			break;
		case 'h':
			return 1;
		default:
			return -1;
		}
	}
	return 0;
}

static int cmd_explain(int argc, char **argv)
{
	struct explain_options o = {NULL, AUDIT_ARCH_X86_64, 0};
	const char *bpf;
	uint32_t arch;
	struct shim_error err;
	struct loaded loaded;
	int pfc, builtin, rc = 0, policy_at, call_at;
	char *setting;

	/* options before the policy, then between it and the call (after
	 * the call's name, words are its arguments: -100 is one) */
	rc = explain_options(argc, argv, &o);
	policy_at = optind;
	call_at = policy_at + 1;
	while (rc == 0 && call_at < argc && argv[call_at][0] == '-' &&
	       argv[call_at][1] && !isdigit((unsigned char)argv[call_at][1])) {
		/* one option (and its value) at a time, as getopt reads it */
		char *one[4] = {argv[0], argv[call_at], NULL, NULL};
		int n = 2;

		if (call_at + 1 < argc && !strchr(argv[call_at], '=') &&
		    (strcmp(argv[call_at], "--arch") == 0 ||
		     strcmp(argv[call_at], "--bpf") == 0))
			one[n++] = argv[call_at + 1];
		optind = 0;
		rc = explain_options(n, one, &o);
		call_at += n - 1;
	}
	if (rc != 0) {
		fputs(explain_usage, rc > 0 ? stdout : stderr);
		return rc > 0 ? 0 : EXIT_USAGE;
	}
	bpf = o.bpf;
	arch = o.arch;
	pfc = o.pfc;
	if (policy_at >= argc) {
		fputs(explain_usage, stderr);
		return EXIT_USAGE;
	}
	optind = policy_at;
	setting = policy_setting(argv[optind], 0, &builtin);
	if (!setting)
		return EXIT_INVALID;
	if (load(setting, builtin, &loaded, &err) < 0) {
		print_error(&err);
		free(setting);
		return EXIT_INVALID;
	}
	free(setting);
	if (loaded.policy.mode == POLICY_MODE_STRICT) {
		printf("# %s\nstrict mode: read, write, exit and rt_sigreturn "
		       "are allowed; any other call kills the process "
		       "(SIGKILL)\n",
		       loaded.policy.file);
		if (pfc || bpf)
			complain("strict mode has no BPF program");
		unload(&loaded);
		return pfc || bpf ? EXIT_USAGE : 0;
	}
	check_landlock(&loaded);
	if (pfc) {
		char line[128];

		printf("# %s: %zu instructions\n", loaded.policy.file,
		       loaded.filter.len);
		for (size_t i = 0; i < loaded.filter.len; i++)
			printf("%s\n", listing_line(&loaded.filter, i, line,
						    sizeof(line)));
	}
	if (bpf && write_bpf(&loaded.filter, bpf) < 0)
		rc = EXIT_INVALID;
	if (call_at < argc)
		rc = rc ? rc
			: explain_call(&loaded, arch, argc - call_at,
				       &argv[call_at]);
	else if (!pfc && !bpf) {
		print_table(&loaded);
		print_landlock(&loaded.policy);
	}
	unload(&loaded);
	return rc;
}

/* --- groups --------------------------------------------------------------- */

static const char groups_usage[] =
	"usage: seccomp-shim groups [--calls] [@NAME...]\n"
	"The built-in groups and their members (systemd's names and sets),\n"
	"or only the groups named.\n"
	"  --calls     every system call name a policy can use here (the\n"
	"              native ABI's, as the linked libseccomp names them)\n"
	"  -h, --help  this help\n"
	"Exit status: 0, 1 if a group is unknown.\n";

static void print_group(const struct group *group)
{
	printf("%s\n    # %s\n", group->name, group->description);
	for (const char *const *m = group->members; *m; m++)
		printf("    %s\n", *m);
}

static int cmd_groups(int argc, char **argv)
{
	int failed = 0;

	if (argc > 1 &&
	    (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(groups_usage, stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--calls") == 0) {
		uint32_t arch = seccomp_arch_native();
		uint32_t last = rules_last_known(arch);

		for (uint32_t nr = 0; nr <= last; nr++) {
			char *name =
				seccomp_syscall_resolve_num_arch(arch, (int)nr);

			if (name)
				puts(name);
			free(name);
		}
		return 0;
	}
	if (argc == 1) {
		for (size_t i = 0; i < group_count; i++) {
			if (i)
				putchar('\n');
			print_group(&group_table[i]);
		}
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		const struct group *group = group_find(argv[i]);

		if (!group) {
			const char *names[256];
			char phrase[96];
			size_t n = 0;

			for (size_t g = 0; g < group_count && n < 256; g++)
				names[n++] = group_table[g].name;
			complain("%s: no such group (seccomp-shim groups "
				 "lists them)%s",
				 argv[i],
				 suggest_phrase(suggest_pick(argv[i], names, n),
						phrase, sizeof(phrase)));
			failed = 1;
			continue;
		}
		if (i > 1)
			putchar('\n');
		print_group(group);
	}
	return failed ? EXIT_INVALID : 0;
}

/* --- main ----------------------------------------------------------------- */

static const char learn_usage[] =
	"usage: seccomp-shim learn [-o POLICY] [--merge POLICY] [--] CMD "
	"[ARG...]\n"
	"Run CMD, and every thread and process it starts, recording the "
	"system\n"
	"calls they make; then write a policy that allows those and denies "
	"the\n"
	"rest: to POLICY (-o), back into the --merge POLICY, or to\n"
	"./" LEARN_DEFAULT_OUTPUT " (the command's output is left alone).\n"
	"  -o, --output POLICY  where the policy goes\n"
	"  -m, --merge POLICY   add this run to a policy learn wrote before\n"
	"  -h, --help           this help\n"
	"Exit status: CMD's (128 + N if a signal N ended it); 125 if the\n"
	"recording or the policy fails, 127 if CMD is not found.\n";

/* Write text to path whole, or not at all (a temporary file, renamed). */
static int write_file(const char *path, const char *text)
{
	size_t len = strlen(path), done = 0, size = strlen(text);
	char *temp = malloc(len + 8);
	int fd, rc = 0;

	if (!temp)
		return -ENOMEM;
	snprintf(temp, len + 8, "%s.XXXXXX", path);
	fd = mkstemp(temp);
	if (fd < 0) {
		rc = -errno;
		free(temp);
		return rc;
	}
	while (rc == 0 && done < size) {
		ssize_t n = write(fd, text + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			rc = n < 0 ? -errno : -EIO;
		else
			done += (size_t)n;
	}
	if (rc == 0 && fchmod(fd, 0644) != 0)
		rc = -errno;
	if (close(fd) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(temp, path) != 0)
		rc = -errno;
	if (rc < 0)
		unlink(temp);
	free(temp);
	return rc;
}

static int cmd_learn(int argc, char **argv)
{
	static const struct option options[] = {
		{"output", required_argument, NULL, 'o'},
		{"merge", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL, *merge = NULL;
	char path[PATH_MAX], *sources = NULL, *text = NULL;
	struct learned learned = {0};
	struct shim_error err;
	struct policy policy;
	struct ruleset rules;
	struct filter filter;
	uint64_t digest;
	int opt, rc, wstatus = 0, status = EXIT_REFUSED;

	while ((opt = getopt_long(argc, argv, "+o:m:h", options, NULL)) !=
	       -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'm':
			merge = optarg;
			break;
		case 'h':
			fputs(learn_usage, stdout);
			return 0;
		default:
			fputs(learn_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(learn_usage, stderr);
		return EXIT_USAGE;
	}
	rc = find_program(argv[optind], path, sizeof(path));
	if (rc < 0) {
		complain("%s: %s", argv[optind],
			 rc == -ENOENT ? "command not found" : strerror(-rc));
		return rc == -ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC;
	}
	if (merge) {
		char *old = NULL;
		size_t len;

		rc = source_read(merge, &old, &len, NULL, &err);
		if (rc == 0)
			rc = learn_merge(old, merge, &learned, &sources, &err);
		free(old);
		if (rc < 0) {
			print_error(&err);
			learn_free(&learned);
			return EXIT_REFUSED;
		}
	}
	if (!output)
		output = merge;
	if (!output) {
		/* Not stdout: the command's own output goes there. */
		FILE *f = fopen(LEARN_DEFAULT_OUTPUT, "r");
		char head[sizeof(LEARN_HEADER)] = "";

		output = LEARN_DEFAULT_OUTPUT;
		if (f && (!fgets(head, sizeof(head), f) ||
			  strcmp(head, LEARN_HEADER) != 0)) {
			fclose(f);
			complain("%s: exists, and learn did not write it: "
				 "not replaced (name a file with -o)",
				 output);
			goto out;
		}
		if (f)
			fclose(f);
	}
	if (learn_run(argv + optind, &learned, &wstatus, &err) < 0) {
		print_error(&err);
		goto out;
	}
	text = learn_write(&learned, sources, argv + optind);
	if (!text) {
		complain("out of memory");
		goto out;
	}
	/* What it wrote must be a policy the shim takes. */
	if (policy_parse(text, strlen(text), "(learned policy)", &policy,
			 &err) < 0 ||
	    (rc = policy_compile(&policy, 0, 0, &rules, &filter, &digest,
				 &err),
	     policy_free(&policy), rc < 0)) {
		print_error(&err);
		goto out;
	}
	filter_free(&filter);
	rules_free(&rules);
	rc = write_file(output, text);
	if (rc < 0) {
		complain("%s: cannot write: %s", output, strerror(-rc));
		goto out;
	}
	fprintf(stderr,
		"seccomp-shim: learned %zu system calls (%lu calls; this run: "
		"%lu tasks)%s%s\n",
		learned.n_calls, learned.total, learned.tasks,
		"; written to ", output);
	if (learned.unknown)
		complain("warning: %lu calls to system calls libseccomp has "
			 "no name for: the policy leaves them to "
			 "newer_syscalls (errno:ENOSYS)",
			 learned.unknown);
	status = WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus)
				      : WEXITSTATUS(wstatus);
out:
	free(text);
	free(sources);
	learn_free(&learned);
	return status;
}

/* --- convert ---------------------------------------------------------- */

static const char convert_usage[] =
	"usage: seccomp-shim convert [--from json|ini] [--caps LIST] "
	"[--kernel X.Y] [-o OUT] IN\n"
	"Convert a Docker/OCI seccomp profile (JSON) into a policy that decides\n"
	"as the profile does under runc, for a container with the capabilities\n"
	"LIST (default: docker-default; also all, none, or CAP_* names, comma\n"
	"separated) on this machine's kernel (or X.Y); or a policy (INI) into\n"
	"an OCI profile that decides as it does. The direction is --from's, or\n"
	"the input's: JSON if it starts with '{'. The result goes to OUT or\n"
	"stdout; warnings to stderr (and into a policy as comments).\n";

/* convert, a policy into a profile: the JSON text, or NULL (said why). */
static char *policy_to_oci(const char *path)
{
	struct convert_notes notes = {0};
	struct shim_error err;
	struct policy policy;
	struct ruleset rules;
	char *json = NULL;
	int rc = source_load(path, &policy, &err);

	if (rc < 0) {
		print_error(&err);
		return NULL;
	}
	memset(&rules, 0, sizeof(rules));
	if (policy.mode == POLICY_MODE_FILTER)
		rc = rules_resolve(&policy, &rules, &err);
	if (rc == 0) {
		rc = convert_policy_to_oci(&policy, &rules, &json, &notes,
					   &err);
		if (policy.mode == POLICY_MODE_FILTER)
			rules_free(&rules);
	}
	policy_free(&policy);
	for (size_t i = 0; i < notes.n; i++)
		complain("warning: %s", notes.text[i]);
	convert_notes_free(&notes);
	if (rc < 0)
		print_error(&err);
	return rc < 0 ? NULL : json;
}

static int cmd_convert(int argc, char **argv)
{
	static const struct option options[] = {
		{"caps", required_argument, NULL, 'c'},
		{"kernel", required_argument, NULL, 'k'},
		{"output", required_argument, NULL, 'o'},
		{"from", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct convert_target target = {convert_docker_caps(), "amd64", 0, 0};
	const char *from = NULL;
	struct convert_notes notes = {0};
	struct shim_error err;
	const char *output = NULL, *kernel = NULL;
	char *text = NULL, *policy = NULL, why[128];
	struct utsname uts;
	size_t len;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			if (convert_caps_parse(optarg, &target.caps, why,
					       sizeof(why)) < 0) {
				complain("--caps: %s", why);
				return EXIT_USAGE;
			}
			break;
		case 'k':
			kernel = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "ini") != 0) {
				complain("--from: json or ini, not '%s'",
					 optarg);
				return EXIT_USAGE;
			}
			from = optarg;
			break;
		case 'h':
			fputs(convert_usage, stdout);
			return 0;
		default:
			fputs(convert_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs(convert_usage, stderr);
		return EXIT_USAGE;
	}
	if (!kernel) {
		if (uname(&uts) != 0) {
			complain("uname: %s", strerror(errno));
			return EXIT_USAGE;
		}
		kernel = uts.release;
	}
	if (sscanf(kernel, "%u.%u", &target.major, &target.minor) != 2) {
		complain("--kernel: '%s' is not a version (X.Y)", kernel);
		return EXIT_USAGE;
	}
	rc = source_read(argv[optind], &text, &len, NULL, &err);
	if (rc < 0) {
		print_error(&err);
		return SHIM_EXIT_REFUSED;
	}
	if (!from)
		from = text[strspn(text, " \t\r\n")] == '{' ? "json" : "ini";
	if (strcmp(from, "ini") == 0) {
		free(text);
		policy = policy_to_oci(argv[optind]);
		if (!policy)
			return SHIM_EXIT_REFUSED;
		goto write;
	}
	rc = convert_oci_to_policy(text, len, argv[optind], &target, &policy,
				   &notes, &err);
	free(text);
	for (size_t i = 0; i < notes.n; i++)
		complain("warning: %s", notes.text[i]);
	if (notes.dropped)
		complain("warning: and %zu more", notes.dropped);
	convert_notes_free(&notes);
	if (rc < 0) {
		print_error(&err);
		return SHIM_EXIT_REFUSED;
	}
	/* What it wrote must load as any policy does. */
	{
		struct policy parsed;
		struct ruleset rules;

		rc = policy_parse(policy, strlen(policy), "(converted policy)",
				  &parsed, &err);
		if (rc == 0) {
			memset(&rules, 0, sizeof(rules));
			rc = rules_resolve(&parsed, &rules, &err);
			if (rc == 0)
				rules_free(&rules);
			policy_free(&parsed);
		}
		if (rc < 0) {
			complain("the converted policy does not load (a bug "
				 "in convert):");
			print_error(&err);
			free(policy);
			return SHIM_EXIT_REFUSED;
		}
	}
write:
	if (output) {
		rc = write_file(output, policy);
		if (rc < 0)
			complain("%s: %s", output, strerror(-rc));
	} else if (fputs(policy, stdout) == EOF || fflush(stdout) != 0) {
		rc = -EIO;
	}
	free(policy);
	return rc < 0 ? SHIM_EXIT_REFUSED : 0;
}

static const char usage[] =
	"usage: seccomp-shim COMMAND [ARG...]\n"
	"Confine unmodified programs with seccomp, through "
	"libseccomp-shim.so.\n"
	"\n"
	"  run [-p|--policy POLICY] [--log] [--before-exec] [--] CMD [ARG...]\n"
	"      run CMD confined by POLICY (without -p: the built-in default)\n"
	"  check [--strict] [-v|--verbose] POLICY...\n"
	"      check policies: errors, warnings, what this kernel enforces\n"
	"  compile POLICY...\n"
	"      compile policies into the cache\n"
	"  explain [--arch ABI] [--pfc] [--bpf FILE] POLICY [SYSCALL [ARG...]]\n"
	"      the rules (and the Landlock domain), or one decision\n"
	"  groups [--calls] [@NAME...]\n"
	"      the built-in system call groups\n"
	"  learn [-o|--output POLICY] [-m|--merge POLICY] [--] CMD [ARG...]\n"
	"      a policy from what CMD calls\n"
	"  convert [--from json|ini] [--caps LIST] [--kernel X.Y] [-o|--output "
	"OUT] IN\n"
	"      a Docker/OCI profile as a policy, or a policy as a profile\n"
	"Every command takes -h, --help.\n"
	"\n"
	"seccomp-shim COMMAND --help says more; see seccomp-shim(1) and\n"
	"seccomp-shim.ini(5).\n";

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{"run", cmd_run},
		{"check", cmd_check},
		{"compile", cmd_compile},
		{"explain", cmd_explain},
		{"groups", cmd_groups},
		{"learn", cmd_learn},
		{"convert", cmd_convert},
	};
	const char *abi = getenv("SECCOMP_SHIM_LANDLOCK_ABI");

	/* as the library reads it (landlock.h): tests' lower kernels */
	if (abi)
		landlock_limit(atoi(abi));
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("seccomp-shim %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	complain("unknown command '%s' (seccomp-shim --help lists them)",
		 argv[1]);
	return EXIT_USAGE;
}
