/* seccomp-shim run (seccomp-shim(1)). */
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

#include "command.h"

/* --- run ------------------------------------------------------------------ */

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
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_X86_64 ||
	    eh.e_phentsize != sizeof(ph))
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
static int preload_reaches(const char *path, int depth, char *why, size_t size)
{
	char head[PATH_MAX + 3], interp[PATH_MAX];
	struct stat st, ours;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int rc;

	if (fd < 0) {
		snprintf(why, size,
			 "LD_PRELOAD cannot be shown to reach %s: "
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
int command_find_program(const char *name, char *path, size_t size)
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
		command_complain("%s: cannot open the preload library: %s (set "
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
		command_complain("%s: not an x86_64 shared library", lib);
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
		command_complain("out of memory");
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

/* The setting to run under: the policy POLICY names, wrapped to report on
 * stderr for --log (refused for strict mode, which cannot). NULL, said
 * why, when there is none. */
static char *run_setting(const char *name, int log, int *builtin)
{
	char *setting = command_policy_setting(name, 1, builtin);
	struct shim_error err;
	struct policy strict;

	if (!setting || !log)
		return setting;
	if (!*builtin && source_load(setting, &strict, &err) == 0) {
		int is_strict = strict.mode == POLICY_MODE_STRICT;

		policy_free(&strict);
		if (is_strict) {
			command_complain("%s: --log: strict mode cannot report "
					 "(the kernel kills on any call but "
					 "read, write, exit and sigreturn)",
					 setting);
			free(setting);
			return NULL;
		}
	}
	return with_reports(setting, *builtin);
}

/*
 * Run path under the loaded policy installed here, before it is executed
 * (before_exec 2: because LD_PRELOAD cannot reach it, why says so). Returns
 * only on failure, with the exit status.
 */
static int run_before_exec(struct loaded *loaded, const char *setting,
			   int before_exec, const char *why, const char *path,
			   char **argv)
{
	struct confine_extras extras;
	struct shim_error err;

	if (loaded->policy.mode == POLICY_MODE_STRICT) {
		if (before_exec == 2)
			command_complain("%s: strict mode cannot be entered "
					 "before exec (it does not allow "
					 "execve), and %s",
					 loaded->policy.file, why);
		else
			command_complain("%s: strict mode cannot be entered "
					 "before exec: strict mode does not "
					 "allow execve",
					 loaded->policy.file);
		return EXIT_REFUSED;
	}
	/* The reports need the library in the program: the kernel's log has
	 * them instead (the same decisions). */
	if (loaded->policy.log == POLICY_LOG_STDERR) {
		command_complain("%s: log = stderr needs the library in the "
				 "program, and %s: denied calls go to the "
				 "kernel's log instead (log = kernel)",
				 loaded->policy.file,
				 before_exec == 2 ? why
						  : "--before-exec leaves it "
						    "out");
		if (compile_logging_kernel(loaded, setting, &err) < 0) {
			command_print_error(&err);
			return EXIT_REFUSED;
		}
	}
	extras = (struct confine_extras){
		.mdwe = loaded->policy.harden[HARDEN_WRITE_EXECUTE].on,
		.drop_caps =
			loaded->policy.harden[HARDEN_CAPABILITIES].capabilities,
		.flags = loaded->policy.log == POLICY_LOG_KERNEL
				 ? SECCOMP_FILTER_FLAG_LOG
				 : 0,
	};
	if (confine_filter_flags(&loaded->filter, loaded->rules.landlock,
				 loaded->rules.landlock_len, &extras,
				 loaded->policy.file, &err) < 0) {
		command_print_error(&err);
		return EXIT_REFUSED;
	}
	execv(path, argv);
	command_complain("%s: cannot execute: %s%s", path, strerror(errno),
			 errno == EPERM || errno == EACCES
				 ? " (does the policy allow execve?)"
				 : "");
	return EXIT_CANNOT_EXEC;
}

/*
 * Run path with the library added to the end of LD_PRELOAD and the
 * setting in SECCOMP_SHIM_POLICY, the policy cached first unless it is.
 * Returns only on failure, with the exit status.
 */
static int run_preloaded(const char *setting, int cached, const char *path,
			 char **argv)
{
	const char *lib = getenv("SECCOMP_SHIM_LIB"), *preload;
	char *both;

	if (!lib || !*lib)
		lib = LIBDIR "/libseccomp-shim.so";
	if (check_library(lib) < 0)
		return EXIT_REFUSED;
	/* The child's first start then finds the policy compiled (best
	 * effort: a policy another user owns, say, is compiled there). */
	if (!cached)
		command_cache_policy(setting, NULL, 0, 0);
	/* Add to LD_PRELOAD, after what is there already. */
	preload = getenv("LD_PRELOAD");
	both = malloc((preload ? strlen(preload) : 0) + strlen(lib) + 2);
	if (!both) {
		command_complain("out of memory");
		return EXIT_REFUSED;
	}
	if (preload && *preload)
		sprintf(both, "%s %s", preload, lib);
	else
		strcpy(both, lib);
	if (setenv("LD_PRELOAD", both, 1) ||
	    setenv("SECCOMP_SHIM_POLICY", setting, 1)) {
		command_complain("cannot set the environment: %s",
				 strerror(errno));
		free(both);
		return EXIT_REFUSED;
	}
	free(both);
	execv(path, argv);
	command_complain("%s: cannot execute: %s", path, strerror(errno));
	return EXIT_CANNOT_EXEC;
}

int cmd_run(int argc, char **argv)
{
	static const struct option options[] = {
		{"policy", required_argument, NULL, 'p'},
		{"before-exec", no_argument, NULL, 'B'},
		{"log", no_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *name = DEFAULT_POLICY_NAME;
	char path[PATH_MAX], why[PATH_MAX + 64], *setting;
	struct shim_error err;
	struct loaded loaded;
	int before_exec = 0, log = 0, builtin, cached, opt, rc, status;

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
	setting = run_setting(name, log, &builtin);
	if (!setting)
		return EXIT_REFUSED;
	memset(&loaded, 0, sizeof(loaded));
	status = EXIT_REFUSED;
	rc = command_find_program(argv[optind], path, sizeof(path));
	if (rc < 0) {
		command_complain("%s: %s", argv[optind],
				 rc == -ENOENT ? "command not found"
					       : strerror(-rc));
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
	if (!cached && command_load(setting, builtin, &loaded, &err) < 0) {
		command_print_error(&err);
		goto out;
	}
	if (before_exec)
		status = run_before_exec(&loaded, setting, before_exec, why,
					 path, &argv[optind]);
	else
		status = run_preloaded(setting, cached, path, &argv[optind]);
out:
	command_unload(&loaded);
	free(setting);
	return status;
}
