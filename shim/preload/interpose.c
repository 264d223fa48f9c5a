/*
 * Strict mode's functions, and the rewriting of the program's global
 * offset tables that routes its calls to them (interpose.h).
 */
#include "config.h"

#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heap.h"
#include "interpose.h"
#include "strict.h"

/* --- the functions calls are routed to --------------------------------- */

/* Before heap_arm (and after heap_disarm) each hands the call to glibc. */
static void *routed_malloc(size_t n)
{
	return heap_guarded ? heap_malloc(n) : heap_glibc.malloc(n);
}

static void routed_free(void *p)
{
	if (heap_guarded)
		heap_free(p);
	else
		heap_glibc.free(p);
}

static void *routed_calloc(size_t count, size_t size)
{
	return heap_guarded ? heap_calloc(count, size)
			    : heap_glibc.calloc(count, size);
}

static void *routed_realloc(void *p, size_t n)
{
	return heap_guarded ? heap_realloc(p, n) : heap_glibc.realloc(p, n);
}

static void *routed_memalign(size_t alignment, size_t n)
{
	return heap_guarded ? heap_memalign(alignment, n)
			    : heap_glibc.memalign(alignment, n);
}

static void *routed_aligned_alloc(size_t alignment, size_t n)
{
	return heap_guarded ? heap_memalign(alignment, n)
			    : heap_glibc.aligned_alloc(alignment, n);
}

static int routed_posix_memalign(void **p, size_t alignment, size_t n)
{
	return heap_guarded ? heap_posix_memalign(p, alignment, n)
			    : heap_glibc.posix_memalign(p, alignment, n);
}

static void *routed_valloc(size_t n)
{
	return heap_guarded ? heap_memalign(4096, n) : heap_glibc.valloc(n);
}

static void *routed_pvalloc(size_t n)
{
	const size_t page = 4096;

	if (!heap_guarded)
		return heap_glibc.pvalloc(n);
	if (n > SIZE_MAX - page) {
		errno = ENOMEM;
		return NULL;
	}
	return heap_memalign(page, n ? (n + page - 1) & ~(page - 1) : page);
}

static int routed_mallopt(int param, int value)
{
	return heap_guarded ? heap_mallopt(param, value)
			    : heap_glibc.mallopt(param, value);
}

static int routed_malloc_trim(size_t pad)
{
	if (heap_guarded)
		return 0; /* nothing given back: that would take a call */
	return heap_glibc.malloc_trim(pad);
}

static void routed_exit(int status)
{
	strict_exit(status);
}

/* The function name's calls are routed to, or NULL. (Names compared one
 * by one: a table of pointers would be relocations at every start.) */
static void *routed(const char *name)
{
	static const char names[][16] = {
		"malloc",   "free",	     "calloc",	       "realloc",
		"memalign", "aligned_alloc", "posix_memalign", "valloc",
		"pvalloc",  "mallopt",	     "malloc_trim",    "_exit",
		"_Exit",
	};
	size_t i = 0;

	while (i < sizeof(names) / sizeof(*names) && strcmp(names[i], name))
		i++;
	switch (i) {
	case 0:
		return (void *)routed_malloc;
	case 1:
		return (void *)routed_free;
	case 2:
		return (void *)routed_calloc;
	case 3:
		return (void *)routed_realloc;
	case 4:
		return (void *)routed_memalign;
	case 5:
		return (void *)routed_aligned_alloc;
	case 6:
		return (void *)routed_posix_memalign;
	case 7:
		return (void *)routed_valloc;
	case 8:
		return (void *)routed_pvalloc;
	case 9:
		return (void *)routed_mallopt;
	case 10:
		return (void *)routed_malloc_trim;
	case 11:
	case 12:
		return (void *)routed_exit;
	default:
		return NULL;
	}
}

/* --- rewriting the tables ------------------------------------------------ */

/* What one object's dynamic section says, and where its read-only
 * (after relocation) pages are. */
struct object {
	uintptr_t base;
	const ElfW(Sym) * symbols;
	const char *strings;
	const ElfW(Rela) * tables[2]; /* DT_RELA, DT_JMPREL */
	size_t sizes[2];
	uintptr_t relro_start, relro_end; /* page-aligned; equal: none */
	int writable;			  /* relro pages made writable */
};

/* An address from the dynamic section: the loader has made it absolute
 * where the section is writable (the vDSO's is not). */
static uintptr_t dynamic_address(const struct object *o, uintptr_t value)
{
	return value < o->base ? o->base + value : value;
}

static void read_dynamic(struct object *o, const ElfW(Dyn) * dyn)
{
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t at = dynamic_address(o, dyn->d_un.d_ptr);

		switch (dyn->d_tag) {
		case DT_SYMTAB:
			o->symbols = (const ElfW(Sym) *)at;
			break;
		case DT_STRTAB:
			o->strings = (const char *)at;
			break;
		case DT_RELA:
			o->tables[0] = (const ElfW(Rela) *)at;
			break;
		case DT_RELASZ:
			o->sizes[0] = dyn->d_un.d_val;
			break;
		case DT_JMPREL:
			o->tables[1] = (const ElfW(Rela) *)at;
			break;
		case DT_PLTRELSZ:
			o->sizes[1] = dyn->d_un.d_val;
			break;
		}
	}
}

/* Write value into the slot at, making the relocation read-only pages
 * writable first if at is among them. */
static int write_slot(struct object *o, uintptr_t at, uintptr_t value)
{
	if (at >= o->relro_start && at < o->relro_end && !o->writable) {
		if (mprotect((void *)o->relro_start,
			     o->relro_end - o->relro_start,
			     PROT_READ | PROT_WRITE) < 0)
			return -errno;
		o->writable = 1;
	}
	*(uintptr_t *)at = value;
	return 0;
}

static int route_table(struct object *o, const ElfW(Rela) * rela, size_t size)
{
	for (size_t i = 0; rela && i < size / sizeof(*rela); i++) {
		unsigned long type = ELF64_R_TYPE(rela[i].r_info);
		unsigned long symbol = ELF64_R_SYM(rela[i].r_info);
		uintptr_t at = o->base + rela[i].r_offset;
		void *to;
		int rc;

		if ((type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT &&
		     type != R_X86_64_64) ||
		    !symbol)
			continue;
		to = routed(o->strings + o->symbols[symbol].st_name);
		if (!to)
			continue;
		rc = write_slot(o, at,
				(uintptr_t)to +
					(type == R_X86_64_64
						 ? (uintptr_t)rela[i].r_addend
						 : 0));
		if (rc < 0)
			return rc;
	}
	return 0;
}

struct walk {
	uintptr_t own_base; /* the shim's own library: left alone */
	int rc;
};

static int route_object(struct dl_phdr_info *info, size_t size, void *data)
{
	struct walk *walk = data;
	struct object o = {.base = info->dlpi_addr};
	const ElfW(Dyn) *dynamic = NULL;
	uintptr_t page = (uintptr_t)getpagesize();

	if (info->dlpi_addr == walk->own_base)
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type == PT_DYNAMIC)
			dynamic = (const ElfW(Dyn) *)(o.base + ph->p_vaddr);
		else if (ph->p_type == PT_GNU_RELRO) {
			/* the pages the loader made read-only: the last
			 * partial one stays writable */
			o.relro_start = (o.base + ph->p_vaddr) & ~(page - 1);
			o.relro_end = (o.base + ph->p_vaddr + ph->p_memsz) &
				      ~(page - 1);
		}
	}
	if (!dynamic)
		return 0;
	read_dynamic(&o, dynamic);
	if (!o.symbols || !o.strings)
		return 0;
	for (int t = 0; t < 2 && walk->rc == 0; t++)
		walk->rc = route_table(&o, o.tables[t], o.sizes[t]);
	if (o.writable &&
	    mprotect((void *)o.relro_start, o.relro_end - o.relro_start,
		     PROT_READ) < 0 &&
	    walk->rc == 0)
		walk->rc = -errno;
	return walk->rc != 0;
}

int interpose_strict(const char *file, unsigned int line,
		     struct shim_error *err)
{
	struct walk walk = {0, 0};
	Dl_info own;

	if (!dladdr((void *)interpose_strict, &own))
		return error_set(err, file, line,
				 "mode = strict: cannot tell where the shim "
				 "is loaded");
	walk.own_base = (uintptr_t)own.dli_fbase;
	dl_iterate_phdr(route_object, &walk);
	if (walk.rc < 0)
		return error_set(err, file, line,
				 "mode = strict: cannot route the program's "
				 "malloc to the heap guard: %s",
				 strerror(-walk.rc));
	return 0;
}
