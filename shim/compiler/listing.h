/*
 * A readable listing of a compiled filter, one instruction per line, for
 * `seccomp-shim explain --pfc`. Pure.
 */
#ifndef SHIM_LISTING_H
#define SHIM_LISTING_H

#include <stddef.h>

#include "filter.h"

/*
 * listing_line - instruction index of filter, in words, into buf: "0004:
 * jeq #0x3b  true 0005  false 0009", with the seccomp_data field an
 * offset loads and the meaning of a return value. Returns buf.
 */
const char *listing_line(const struct filter *filter, size_t index, char *buf,
			 size_t size);

#endif
