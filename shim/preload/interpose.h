/*
 * Strict mode's hold on the allocator and on _exit, without exporting
 * anything: a preloaded library that exported malloc would sit between
 * every process and glibc's allocator, strict or not (each call one jump
 * more, in every program on a machine that preloads the shim). Instead,
 * a process entering strict mode has the slots of its loaded objects'
 * global offset tables that lead to the malloc family, mallopt,
 * malloc_trim, _exit and _Exit rewritten to lead to the shim's functions,
 * which pass allocations through the heap guard (heap.h) and end the
 * process with exit rather than exit_group (strict.h). No other process
 * ever calls into the shim.
 *
 * Calls that do not go through an object's global offset table are not
 * routed: a function pointer the program got from dlsym before the
 * switch, say. x86_64 relocations (JUMP_SLOT, GLOB_DAT, 64).
 */
#ifndef SHIM_INTERPOSE_H
#define SHIM_INTERPOSE_H

#include "error.h"

/*
 * interpose_strict - route every loaded object's calls of those functions
 * to the shim's (heap_check_allocator must have found glibc's first).
 * Makes system calls (mprotect, on relocation read-only pages); call it
 * before the switch. file and line name the policy line in messages.
 * Returns 0, or a negative errno with err filled in.
 */
int interpose_strict(const char *file, unsigned int line,
		     struct shim_error *err);

#endif
