/*
 * malloc-loop ROUNDS: ROUNDS rounds of 64 malloc()s of 16 to 1024 bytes,
 * then 64 free()s: a program whose time is the allocator (make bench),
 * where a preloaded library that interposes the malloc family (the shim
 * does, for strict mode) adds its cost to every call.
 */
#include <stdlib.h>

#define BLOCKS 64

/* What the blocks held, kept so that no write and no block can be dropped. */
static volatile unsigned long checksum;

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 300000;
	unsigned char *blocks[BLOCKS];
	size_t sizes[BLOCKS];
	unsigned long sum = 0;

	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < BLOCKS; i++) {
			/* sizes vary within a round and from round to round,
			 * over the small bins most programs use */
			sizes[i] = 16 + (size_t)((i * 37 + r) % 64) * 16;
			blocks[i] = malloc(sizes[i]);
			if (!blocks[i])
				return 1;
			blocks[i][0] = (unsigned char)i;
			blocks[i][sizes[i] - 1] = (unsigned char)r;
		}
		for (int i = 0; i < BLOCKS; i++) {
			sum += blocks[i][0] + blocks[i][sizes[i] - 1];
			free(blocks[i]);
		}
	}
	checksum = sum;
	return 0;
}
