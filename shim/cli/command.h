/*
 * What the seccomp-shim command's subcommands share: exit statuses,
 * messages, naming a policy, loading one as far as the kernel. Each
 * subcommand is a file of its own (cmd-*.c), main.c the table of them.
 */
#ifndef SHIM_COMMAND_H
#define SHIM_COMMAND_H

#include <stddef.h>

#include "error.h"
#include "filter.h"
#include "policy.h"
#include "rules.h"

/* Exit statuses (seccomp-shim(1)). */
#define EXIT_INVALID	 1   /* check: a policy is invalid (or warned) */
#define EXIT_USAGE	 2   /* bad command line */
#define EXIT_REFUSED	 125 /* run: the shim refused (as the library does) */
#define EXIT_CANNOT_EXEC 126
#define EXIT_NOT_FOUND	 127

/* The built-in default policy: conf/default.ini, made into a string. */
extern const char default_policy_text[];

#define DEFAULT_POLICY_NAME "default"

/* command_shipped_dir - where shipped policies are: $SECCOMP_SHIM_CONFDIR,
 * or the installed directory. */
const char *command_shipped_dir(void);

/* command_complain - "seccomp-shim: " and the message, on stderr. */
void command_complain(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* command_print_error - err as FILE:LINE: message, on stderr. */
void command_print_error(const struct shim_error *err);

/*
 * command_policy_setting - what a POLICY argument names: "default", the
 * built-in policy (*builtin set, the text returned); a file (made absolute
 * if asked, since children resolve the path again); or a shipped policy's
 * name. Returns a malloc'd setting, or NULL with a message printed.
 */
char *command_policy_setting(const char *name, int absolute, int *builtin);

/* A policy loaded as far as the kernel: resolved and compiled. */
struct loaded {
	struct policy policy;
	struct ruleset rules;
	struct filter filter;
	int resolved, built;
};

/* command_load - load setting (builtin: the text) exactly as the library
 * would install it. Returns 0, or a negative errno with err filled in. */
int command_load(const char *setting, int builtin, struct loaded *l,
		 struct shim_error *err);

/* command_unload - release what command_load holds. */
void command_unload(struct loaded *l);

/*
 * command_cache_policy - compile setting and store it in the cache; where
 * it went in where (size bytes). Returns 0, or -1 with a message printed
 * (only if loud).
 */
int command_cache_policy(const char *setting, char *where, size_t size,
			 int loud);

/* command_check_landlock - say on stderr what this kernel's Landlock
 * makes of l's [landlock] section. Returns 0, or -1 if the program would
 * be refused here. */
int command_check_landlock(const struct loaded *l);

/* command_write_file - write text to path whole, or not at all. Returns 0,
 * or -1 with a message printed. */
int command_write_file(const char *path, const char *text);

/* command_find_program - the file execvp would run for name, into path
 * (size bytes). Returns 0 or a negative errno. */
int command_find_program(const char *name, char *path, size_t size);

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_groups(int argc, char **argv);
int cmd_learn(int argc, char **argv);
int cmd_convert(int argc, char **argv);

#endif
