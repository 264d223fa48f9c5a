/* Check suite: the hardening switches (compiler/harden.c). */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/capability.h>
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

/* --- hardening switches ------------------------------------------------ */
START_TEST(test_harden_parse)
{
	struct policy p;
	struct shim_error err;
	const struct harden_setting *h = p.harden;

	ck_assert_int_eq(harden_find("restrict_namespaces"), HARDEN_NAMESPACES);
	ck_assert_int_eq(harden_find("RestrictNamespaces"), -1);
	ck_assert_str_eq(harden_key(HARDEN_REALTIME), "restrict_realtime");
	ck_assert_int_eq(
		parse_text(HEAD "restrict_address_families = AF_UNIX, AF_INET "
				"AF_LOCAL\n"
				"memory_deny_write_execute = yes\n"
				"restrict_namespaces = net ipc\n"
				"lock_personality = no\n"
				"restrict_suid_sgid = yes\n"
				"no_new_privs = yes\n",
			   &p, &err),
		0);
	ck_assert_uint_eq(h[HARDEN_ADDRESS_FAMILIES].line, 4);
	ck_assert_str_eq(h[HARDEN_ADDRESS_FAMILIES].file, "FILE");
	ck_assert_int_eq(h[HARDEN_ADDRESS_FAMILIES].on, 1);
	ck_assert_int_eq(h[HARDEN_ADDRESS_FAMILIES].deny_listed, 0);
	ck_assert_uint_eq(h[HARDEN_ADDRESS_FAMILIES].families,
			  1u << AF_UNIX | 1u << AF_INET);
	ck_assert_int_eq(h[HARDEN_WRITE_EXECUTE].on, 1);
	ck_assert_uint_eq(h[HARDEN_NAMESPACES].namespaces,
			  CLONE_NEWCGROUP | CLONE_NEWNS | CLONE_NEWPID |
				  CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWTIME);
	ck_assert_uint_eq(h[HARDEN_PERSONALITY].line, 7);
	ck_assert_int_eq(h[HARDEN_PERSONALITY].on, 0); /* "no": off */
	ck_assert_int_eq(h[HARDEN_SUID_SGID].on, 1);
	ck_assert_uint_eq(h[HARDEN_REALTIME].line, 0);
	ck_assert_int_eq(h[HARDEN_NO_NEW_PRIVS].on, 1);
	policy_free(&p);
	ck_assert_int_eq(parse_text(HEAD "restrict_address_families = "
					 "~AF_PACKET\n"
					 "restrict_namespaces = ~user, net\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(h[HARDEN_ADDRESS_FAMILIES].deny_listed, 1);
	ck_assert_uint_eq(h[HARDEN_ADDRESS_FAMILIES].families, 1u << AF_PACKET);
	ck_assert_uint_eq(h[HARDEN_NAMESPACES].namespaces,
			  CLONE_NEWUSER | CLONE_NEWNET);
	policy_free(&p);
	ck_assert_int_eq(parse_text(HEAD "restrict_address_families = none\n"
					 "restrict_namespaces = yes\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(h[HARDEN_ADDRESS_FAMILIES].on, 1);
	ck_assert_uint_eq(h[HARDEN_ADDRESS_FAMILIES].families, 0);
	ck_assert_uint_eq(h[HARDEN_NAMESPACES].namespaces,
			  CLONE_NEWCGROUP | CLONE_NEWIPC | CLONE_NEWNS |
				  CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWUSER |
				  CLONE_NEWUTS | CLONE_NEWTIME);
	policy_free(&p);
	expect_error(
		HEAD "no_new_privs = no\n",
		"seccomp-shim: FILE:4: no_new_privs cannot be 'no': the "
		"shim always sets NO_NEW_PRIVS before it installs a filter "
		"(the kernel requires it of processes without "
		"CAP_SYS_ADMIN, and it keeps set-user-ID programs from "
		"gaining privileges under the filter)");
	expect_error(HEAD "restrict_namespaces = yes net\n",
		     "seccomp-shim: FILE:4: unknown namespace type 'yes' in "
		     "restrict_namespaces (expected yes, no, or a list of "
		     "cgroup ipc mnt net pid user uts time)");
	expect_error("[policy]\nversion = 1\nmode = strict\n"
		     "lock_personality = no\n",
		     "seccomp-shim: FILE:4: 'lock_personality' applies only "
		     "to mode = filter (line 3 sets mode = strict)");
}
END_TEST

/* capability_bounding_set: the capabilities dropped, no rules, and a
 * digest of its own (a child under other capabilities adds its filter). */
static uint64_t digest_of(const char *text, size_t *insns)
{
	struct policy p;
	struct ruleset r;
	struct filter f;
	struct shim_error err;
	uint64_t digest = 0;

	ck_assert_int_eq(parse_text(text, &p, &err), 0);
	ck_assert_int_eq(policy_compile(&p, 0, 0, &r, &f, &digest, &err), 0);
	*insns = f.len;
	filter_free(&f);
	rules_free(&r);
	policy_free(&p);
	return digest;
}

START_TEST(test_harden_capabilities)
{
	const struct harden_setting *caps;
	struct policy p;
	struct shim_error err;
	char names[512];
	size_t plain_len, caps_len;

	ck_assert_int_eq(harden_find("capability_bounding_set"),
			 HARDEN_CAPABILITIES);
	ck_assert_int_eq(parse_text(HEAD "capability_bounding_set = "
					 "~CAP_SYS_ADMIN, perfmon\n",
				    &p, &err),
			 0);
	caps = &p.harden[HARDEN_CAPABILITIES];
	ck_assert_int_eq(caps->on, 1);
	ck_assert_uint_eq(caps->line, 4);
	ck_assert_uint_eq(caps->capabilities,
			  1ull << CAP_SYS_ADMIN | 1ull << CAP_PERFMON);
	ck_assert_str_eq(harden_capabilities_text(caps->capabilities, names,
						  sizeof(names)),
			 "CAP_SYS_ADMIN CAP_PERFMON");
	policy_free(&p);
	/* a list keeps those it names: every other one of the 64 goes */
	ck_assert_int_eq(parse_text(HEAD "capability_bounding_set = "
					 "CAP_NET_BIND_SERVICE CAP_CHOWN\n",
				    &p, &err),
			 0);
	caps = &p.harden[HARDEN_CAPABILITIES];
	ck_assert_uint_eq(caps->capabilities,
			  ~(1ull << CAP_NET_BIND_SERVICE | 1ull << CAP_CHOWN));
	ck_assert_str_eq(harden_capabilities_text(caps->capabilities, names,
						  sizeof(names)),
			 "every capability but CAP_CHOWN "
			 "CAP_NET_BIND_SERVICE");
	policy_free(&p);
	ck_assert_int_eq(
		parse_text(HEAD "capability_bounding_set = none\n", &p, &err),
		0);
	ck_assert_uint_eq(p.harden[HARDEN_CAPABILITIES].capabilities, ~0ull);
	ck_assert_str_eq(harden_capabilities_text(~0ull, names, sizeof(names)),
			 "every capability");
	policy_free(&p);
	ck_assert_str_eq(
		harden_capabilities_text(1ull << 63, names, sizeof(names)),
		"63");
	expect_error(HEAD "capability_bounding_set = ~CAP_SYS_ADMN\n",
		     "seccomp-shim: FILE:4: unknown capability 'CAP_SYS_ADMN' "
		     "in capability_bounding_set (expected names such as "
		     "CAP_SYS_ADMIN, or none)");
	expect_error(HEAD "capability_bounding_set = ~none\n",
		     "seccomp-shim: FILE:4: unknown capability 'none' in "
		     "capability_bounding_set (expected names such as "
		     "CAP_SYS_ADMIN, or none)");
	expect_error(HEAD "capability_bounding_set = none CAP_CHOWN\n",
		     "seccomp-shim: FILE:4: capability_bounding_set: 'none' "
		     "keeps no capability, and cannot be listed with any");
	expect_error(HEAD "capability_bounding_set = ~\n",
		     "seccomp-shim: FILE:4: 'capability_bounding_set =' needs "
		     "a list: the capabilities kept (CAP_CHOWN ...), ~LIST "
		     "for those dropped, or none");
	expect_error("[policy]\nversion = 1\nmode = strict\n"
		     "capability_bounding_set = none\n",
		     "seccomp-shim: FILE:4: 'capability_bounding_set' applies "
		     "only to mode = filter (line 3 sets mode = strict)");
	/* the same filter, another digest */
	ck_assert_uint_ne(
		digest_of(HEAD "[syscalls]\nmkdir = kill\n", &plain_len),
		digest_of(HEAD "capability_bounding_set = none\n"
			       "[syscalls]\nmkdir = kill\n",
			  &caps_len));
	ck_assert_uint_eq(plain_len, caps_len);
}
END_TEST

START_TEST(test_harden_beats_policy)
{
	/* A switch is tried before the policy's own lines: socket = allow
	 * does not let AF_PACKET through. */
	const char *text = HEAD "restrict_address_families = AF_UNIX AF_INET\n"
				"[syscalls]\n"
				"socket = errno:EACCES if a0 == AF_INET\n"
				"socket = allow\n";
	struct policy p;
	struct ruleset r;
	struct decided d;
	char msg[1200];

	d = decide(text, X86_64, "socket", AF_PACKET, SOCK_RAW, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	ck_assert_uint_eq(d.line, 4);
	/* the kernel reads the family as an int: so does the switch */
	d = decide(text, X86_64, "socket", 0x100000000ull | AF_PACKET, 3, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	d = decide(text, X86_64, "socket", 0x100000000ull | AF_UNIX, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 7);
	/* where the switch lets a call by, the policy decides as before */
	d = decide(text, X86_64, "socket", AF_INET, SOCK_STREAM, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
	ck_assert_uint_eq(d.line, 6);
	/* socketpair is not socket */
	d = decide(text, X86_64, "socketpair", AF_PACKET, 3, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	/* the rule names its key, file and line, first for the call */
	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	for (size_t i = 0; i < r.n_calls; i++) {
		if (strcmp(r.calls[i].name, "socket") != 0)
			continue;
		ck_assert_uint_eq(r.calls[i].n_rules, 3);
		ck_assert_str_eq(r.calls[i].rules[0].via,
				 "restrict_address_families");
		ck_assert_str_eq(r.calls[i].rules[0].file, "FILE");
		ck_assert_uint_eq(r.calls[i].rules[0].line, 4);
		ck_assert_ptr_eq(rules_rule(&r, "socket", 4),
				 &r.calls[i].rules[0]);
	}
	rules_free(&r);
	policy_free(&p);
	/* deny-list, and none */
	text = HEAD "restrict_address_families = ~AF_PACKET AF_NETLINK\n";
	ck_assert_uint_eq(
		decide(text, X86_64, "socket", AF_NETLINK, 3, 0).filter,
		SCMP_ACT_ERRNO(EAFNOSUPPORT));
	ck_assert_uint_eq(decide(text, X86_64, "socket", AF_INET6, 1, 0).filter,
			  SCMP_ACT_ALLOW);
	text = HEAD "restrict_address_families = none\n";
	ck_assert_uint_eq(decide(text, X86_64, "socket", AF_UNIX, 1, 0).filter,
			  SCMP_ACT_ERRNO(EAFNOSUPPORT));
	/* "no" and absence are the same */
	text = HEAD "restrict_namespaces = no\nmemory_deny_write_execute = no\n"
		    "[syscalls]\nunshare = errno:EACCES\n";
	d = decide(text, X86_64, "unshare", CLONE_NEWUSER, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
	d = decide(text, X86_64, "mmap", 0, 4096, PROT_WRITE | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
}
END_TEST

START_TEST(test_harden_memory_namespaces)
{
	const char *text = HEAD "memory_deny_write_execute = yes\n"
				"restrict_namespaces = net\n"
				"[syscalls]\nmmap = allow\nmprotect = allow\n"
				"clone3 = allow\nsetns = allow\n";
	struct decided d;

	d = decide(text, X86_64, "mmap", 0, 4096,
		   PROT_READ | PROT_WRITE | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 4);
	d = decide(text, X86_64, "mmap", 0, 4096, PROT_READ | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "mprotect", 0, 4096, PROT_READ | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mprotect", 0, 4096, PROT_READ);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "pkey_mprotect", 0, 4096, PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "shmat", 3, 0, SHM_EXEC | SHM_RDONLY);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "shmat", 3, 0, SHM_RDONLY);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	/* namespaces: net allowed, every other type denied */
	d = decide(text, X86_64, "unshare", CLONE_NEWNET, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "unshare", CLONE_NEWNET | CLONE_NEWUSER, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "unshare", CLONE_NEWTIME, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* x86_64's clone takes the flags first; its low byte is the exit
	 * signal, not CLONE_NEWTIME */
	d = decide(text, X86_64, "clone", CLONE_NEWPID | SIGCHLD, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "clone", 0x80 | CLONE_VM, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "clone", SIGCHLD, CLONE_NEWUSER, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "setns", 3, CLONE_NEWNET, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "setns", 3, 0, 0); /* any type */
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "setns", 3, CLONE_NEWNS, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* clone3's flags are behind a pointer: ENOSYS, whatever the policy */
	d = decide(text, X86_64, "clone3", 0, 88, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(ENOSYS));
	/* every type denied: setns altogether */
	text = HEAD "restrict_namespaces = yes\n[syscalls]\nsetns = allow\n";
	d = decide(text, X86_64, "setns", 3, CLONE_NEWNET, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* every type allowed: nothing to deny */
	text = HEAD "restrict_namespaces = cgroup ipc mnt net pid user uts "
		    "time\n";
	d = decide(text, X86_64, "clone3", 0, 88, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(ENOSYS)); /* the shim's */
	ck_assert_uint_eq(d.line, 0);
	d = decide(text, X86_64, "setns", 3, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
}
END_TEST

START_TEST(test_harden_modes_personality_realtime)
{
	const char *text = HEAD "restrict_suid_sgid = yes\n"
				"lock_personality = yes\n"
				"restrict_realtime = yes\n"
				"[syscalls]\n@file-system = allow\n"
				"personality = allow\n"
				"sched_setscheduler = allow\n"
				"sched_setattr = allow\n";
	uint64_t args[6] = {(uint64_t)AT_FDCWD, 0, O_WRONLY | O_CREAT, 04755};
	int openat = rules_nr(X86_64, "openat");
	struct decided d;

	d = decide(text, X86_64, "fchmodat", (uint64_t)AT_FDCWD, 0, 04755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 4);
	d = decide(text, X86_64, "fchmodat", (uint64_t)AT_FDCWD, 0, 02755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "fchmodat", (uint64_t)AT_FDCWD, 0, 01777);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "chmod", 0, 06755, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "fchmodat2", (uint64_t)AT_FDCWD, 0, 04755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mkdirat", (uint64_t)AT_FDCWD, 0, 02755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mknodat", (uint64_t)AT_FDCWD, 0,
		   S_IFREG | 04755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "creat", 0, 04700, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "open", 0, O_RDWR | O_CREAT, 02755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* the mode counts only where a file is made */
	d = decide(text, X86_64, "open", 0, O_RDWR, 02755);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(decide_args(text, X86_64, openat, args).filter,
			  SCMP_ACT_ERRNO(EPERM));
	args[2] = O_WRONLY | O_TMPFILE;
	ck_assert_uint_eq(decide_args(text, X86_64, openat, args).filter,
			  SCMP_ACT_ERRNO(EPERM));
	args[3] = 0600;
	ck_assert_uint_eq(decide_args(text, X86_64, openat, args).filter,
			  SCMP_ACT_ALLOW);
	args[2] = O_RDONLY;
	args[3] = 04755;
	ck_assert_uint_eq(decide_args(text, X86_64, openat, args).filter,
			  SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "openat2", (uint64_t)AT_FDCWD, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(ENOSYS));
	/* personality: the query and the default persona only */
	d = decide(text, X86_64, "personality", 0xffffffff, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "personality", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "personality", READ_IMPLIES_EXEC, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "personality", 8, 0, 0); /* PER_LINUX32 */
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* realtime: FIFO, RR, DEADLINE refused; the others allowed, with
	 * SCHED_RESET_ON_FORK or not; sched_setattr hides its policy */
	d = decide(text, X86_64, "sched_setscheduler", 0, SCHED_FIFO, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "sched_setscheduler", 0,
		   SCHED_RR | SCHED_RESET_ON_FORK, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "sched_setscheduler", 0, SCHED_DEADLINE, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "sched_setscheduler", 0,
		   SCHED_BATCH | SCHED_RESET_ON_FORK, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "sched_setscheduler", 0, SCHED_IDLE, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "sched_setattr", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(ENOSYS));
}
END_TEST

START_TEST(test_harden_i386)
{
	/* With the i386 ABI listed: socket() through socketcall carries
	 * its family behind a pointer, and is refused; shmat through ipc
	 * is checked; mmap2 as mmap. */
	const char *text = HEAD "architectures = x86\n"
				"restrict_address_families = AF_UNIX\n"
				"memory_deny_write_execute = yes\n"
				"[syscalls]\nsocketcall = allow\nipc = allow\n";
	struct decided d;

	d = decide(text, SCMP_ARCH_X86, "socketcall", 1 /* SYS_SOCKET */, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, SCMP_ARCH_X86, "socketcall", 8 /* SYS_SOCKETPAIR */, 0,
		   0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, SCMP_ARCH_X86, "socket", AF_INET, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	d = decide(text, SCMP_ARCH_X86, "socket", AF_UNIX, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, SCMP_ARCH_X86, "ipc", 21 /* SHMAT */, 3, SHM_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, SCMP_ARCH_X86, "ipc", 21, 3, SHM_RDONLY);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, SCMP_ARCH_X86, "ipc", 22 /* SHMDT */, 3, SHM_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, SCMP_ARCH_X86, "mmap2", 0, 4096,
		   PROT_WRITE | PROT_EXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	/* x86_64 alone has no socketcall, ipc or mmap2: their rules go */
	text = HEAD "restrict_address_families = AF_UNIX\n";
	d = decide(text, X86_64, "socket", AF_INET, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
}
END_TEST

START_TEST(test_harden_include)
{
	/* A switch set in an included file applies; one the including file
	 * sets replaces it, "no" included. */
	const char *base_text = "[policy]\nversion = 1\n"
				"restrict_namespaces = yes\n";
	struct policy p, base;
	struct ruleset r;
	struct shim_error err;
	uint64_t args[6] = {CLONE_NEWUSER};
	int unshare = rules_nr(X86_64, "unshare");
	unsigned int line;

	ck_assert_int_eq(
		parse_text(HEAD "[syscalls]\nunshare = allow\n", &p, &err), 0);
	ck_assert_int_eq(policy_parse(base_text, strlen(base_text), "base.ini",
				      &base, &err),
			 0);
	ck_assert_int_eq(policy_merge(&p, &base, &err), 0);
	ck_assert_uint_eq(p.harden[HARDEN_NAMESPACES].line, 3);
	ck_assert_str_eq(p.harden[HARDEN_NAMESPACES].file, "base.ini");
	ck_assert_int_eq(rules_resolve(&p, &r, &err), 0);
	ck_assert_uint_eq(rules_decide(&r, X86_64, unshare, args, &line),
			  SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(line, 3);
	ck_assert_str_eq(rules_rule(&r, "unshare", 3)->file, "base.ini");
	rules_free(&r);
	policy_free(&p);

	ck_assert_int_eq(parse_text(HEAD "restrict_namespaces = no\n"
					 "[syscalls]\nunshare = allow\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(policy_parse(base_text, strlen(base_text), "base.ini",
				      &base, &err),
			 0);
	ck_assert_int_eq(policy_merge(&p, &base, &err), 0);
	ck_assert_int_eq(rules_resolve(&p, &r, &err), 0);
	ck_assert_uint_eq(rules_decide(&r, X86_64, unshare, args, &line),
			  SCMP_ACT_ALLOW);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

Suite *harden_suite(void)
{
	Suite *s = suite_create("harden");
	TCase *tc;

	tc = tcase_create("harden");
	tcase_add_test(tc, test_harden_parse);
	tcase_add_test(tc, test_harden_capabilities);
	tcase_add_test(tc, test_harden_beats_policy);
	tcase_add_test(tc, test_harden_memory_namespaces);
	tcase_add_test(tc, test_harden_modes_personality_realtime);
	tcase_add_test(tc, test_harden_i386);
	tcase_add_test(tc, test_harden_include);
	suite_add_tcase(s, tc);
	return s;
}
