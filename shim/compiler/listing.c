/* The listing of listing.h. */
#include "config.h"

#include <linux/audit.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>

#include "action.h"
#include "listing.h"

/* The seccomp_data field at offset k of a 32-bit load. */
static void field_name(uint32_t k, char *buf, size_t size)
{
	if (k == 0)
		snprintf(buf, size, "nr");
	else if (k == 4)
		snprintf(buf, size, "arch");
	else if (k == 8 || k == 12)
		snprintf(buf, size, "instruction_pointer (%s half)",
			 k == 8 ? "low" : "high");
	else if (k >= 16 && k < 64)
		snprintf(buf, size, "a%u (%s half)", (k - 16) / 8,
			 k % 8 ? "high" : "low");
	else
		snprintf(buf, size, "?");
}

static void return_name(uint32_t k, char *buf, size_t size)
{
	uint32_t data = k & SECCOMP_RET_DATA;
	const char *name;

	switch (k & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
		snprintf(buf, size, "KILL_PROCESS");
		return;
	case SECCOMP_RET_KILL_THREAD:
		snprintf(buf, size, "KILL_THREAD");
		return;
	case SECCOMP_RET_TRAP:
		snprintf(buf, size, "TRAP");
		return;
	case SECCOMP_RET_ERRNO:
		name = errno_name((int)data);
		if (name)
			snprintf(buf, size, "ERRNO(%s)", name);
		else
			snprintf(buf, size, "ERRNO(%u)", data);
		return;
	case SECCOMP_RET_USER_NOTIF:
		snprintf(buf, size, "USER_NOTIF");
		return;
	case SECCOMP_RET_TRACE:
		snprintf(buf, size, "TRACE(%u)", data);
		return;
	case SECCOMP_RET_LOG:
		snprintf(buf, size, "LOG");
		return;
	case SECCOMP_RET_ALLOW:
		snprintf(buf, size, "ALLOW");
		return;
	}
	snprintf(buf, size, "0x%08x", k);
}

/*
 * The system call a comparison at index compares the number with, as
 * "  ; NAME", or "": the accumulator holds the number when the nearest
 * load before it is of nr, and the ABI is the one the nearest comparison
 * with an AUDIT_ARCH_* value before it names (the compiler tests the ABI,
 * then loads the number, in each ABI's block).
 */
static void call_name(const struct filter *filter, size_t index, char *buf,
		      size_t size)
{
	uint32_t arch = 0, k = filter->insns[index].k, scmp;
	size_t i = index;
	char *name;

	buf[0] = '\0';
	/* the x32 range's start and the end of every range are bounds */
	if (k == 0x40000000u || k == 0xffffffffu)
		return;
	while (i-- > 0) {
		const struct sock_filter *insn = &filter->insns[i];

		if (insn->code == (BPF_LD | BPF_W | BPF_ABS)) {
			if (insn->k != 0)
				return;
			break;
		}
	}
	if (i == (size_t)-1)
		return;
	while (i-- > 0) {
		const struct sock_filter *insn = &filter->insns[i];

		if (insn->code == (BPF_JMP | BPF_JEQ | BPF_K) &&
		    (insn->k == AUDIT_ARCH_X86_64 ||
		     insn->k == AUDIT_ARCH_I386)) {
			arch = insn->k;
			break;
		}
	}
	scmp = arch == AUDIT_ARCH_I386 ? SCMP_ARCH_X86
	       : k & 0x40000000u       ? SCMP_ARCH_X32
				       : SCMP_ARCH_X86_64;
	if (!arch)
		return;
	name = seccomp_syscall_resolve_num_arch(scmp, (int)k);
	if (name)
		snprintf(buf, size, "  ; %s%s", name,
			 scmp == SCMP_ARCH_X32	 ? " (x32)"
			 : scmp == SCMP_ARCH_X86 ? " (i386)"
						 : "");
	free(name);
}

const char *listing_line(const struct filter *filter, size_t index, char *buf,
			 size_t size)
{
	const struct sock_filter *insn = &filter->insns[index];
	size_t next = index + 1;
	char what[48];
	const char *op = NULL;

	switch (insn->code) {
	case BPF_LD | BPF_W | BPF_ABS:
		field_name(insn->k, what, sizeof(what));
		snprintf(buf, size, "%04zu: ld   [%u]  ; %s", index, insn->k,
			 what);
		return buf;
	case BPF_ALU | BPF_AND | BPF_K:
		snprintf(buf, size, "%04zu: and  #0x%x", index, insn->k);
		return buf;
	case BPF_JMP | BPF_JA:
		snprintf(buf, size, "%04zu: ja   %04zu", index, next + insn->k);
		return buf;
	case BPF_RET | BPF_K:
		return_name(insn->k, what, sizeof(what));
		snprintf(buf, size, "%04zu: ret  %s", index, what);
		return buf;
	case BPF_JMP | BPF_JEQ | BPF_K:
		op = "jeq ";
		break;
	case BPF_JMP | BPF_JGT | BPF_K:
		op = "jgt ";
		break;
	case BPF_JMP | BPF_JGE | BPF_K:
		op = "jge ";
		break;
	case BPF_JMP | BPF_JSET | BPF_K:
		op = "jset";
		break;
	default:
		snprintf(buf, size,
			 "%04zu: code 0x%04x jt %u jf %u k 0x%x  ; not an "
			 "instruction the compiler emits",
			 index, insn->code, insn->jt, insn->jf, insn->k);
		return buf;
	}
	if (insn->code != (BPF_JMP | BPF_JSET | BPF_K))
		call_name(filter, index, what, sizeof(what));
	else
		what[0] = '\0';
	snprintf(buf, size, "%04zu: %s #0x%x  true %04zu  false %04zu%s", index,
		 op, insn->k, next + insn->jt, next + insn->jf, what);
	return buf;
}
