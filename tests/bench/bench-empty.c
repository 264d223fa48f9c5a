/* Floor (a) of make bench: a preloaded library that does nothing. */
__attribute__((constructor)) static void bench_empty(void)
{
}
