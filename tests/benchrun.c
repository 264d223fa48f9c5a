/*
 * benchrun: run a program unconfined and under the shim, alternately, and
 * print the medians side by side with their ratio. A benchmark, not a test:
 * it judges nothing, it measures.
 *
 *   benchrun [-n RUNS] [-i INPUT] -l LIB -p POLICY -- PROG [ARG...]
 *
 * Each run has stdout and stderr on /dev/null and stdin from INPUT (or
 * /dev/null). Unconfined runs have neither LD_PRELOAD nor
 * SECCOMP_SHIM_POLICY; confined runs have LD_PRELOAD=LIB and
 * SECCOMP_SHIM_POLICY=POLICY. A run that does not exit with status 0 stops
 * the benchmark with status 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sample {
	double wall_ms, cpu_ms, rss_kib;
};

static int usage(void)
{
	fprintf(stderr, "usage: benchrun [-n RUNS] [-i INPUT] -l LIB -p "
			"POLICY -- PROG [ARG...]\n");
	return 2;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One run; confined says whether under the shim. Returns 0 or -1. */
static int run_once(char **argv, const char *input, const char *lib,
		    const char *policy, int confined, struct sample *sample)
{
	struct rusage usage;
	double start = now_ms();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int in = open(input ? input : "/dev/null", O_RDONLY);
		int out = open("/dev/null", O_WRONLY);

		if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
		    dup2(out, 2) < 0)
			_exit(127);
		unsetenv("LD_PRELOAD");
		unsetenv("SECCOMP_SHIM_POLICY");
		if (confined && (setenv("LD_PRELOAD", lib, 1) ||
				 setenv("SECCOMP_SHIM_POLICY", policy, 1)))
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &usage) < 0)
		return -1;
	sample->wall_ms = now_ms() - start;
	sample->cpu_ms =
		usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 +
		usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
	sample->rss_kib = (double)usage.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "benchrun: %s run of %s ended with %s %d\n",
			confined ? "confined" : "unconfined", argv[0],
			WIFEXITED(status) ? "status" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status)
					  : WTERMSIG(status));
		return -1;
	}
	return 0;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *values, int n)
{
	qsort(values, (size_t)n, sizeof(*values), by_value);
	return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	const char *input = NULL, *lib = NULL, *policy = NULL;
	int runs = 11, opt;
	struct sample sample;
	double *values[2][3];
	const char *names[3] = {"wall time, ms", "CPU time, ms",
				"max RSS, KiB"};

	while ((opt = getopt(argc, argv, "+n:i:l:p:")) != -1) {
		switch (opt) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'i':
			input = optarg;
			break;
		case 'l':
			lib = optarg;
			break;
		case 'p':
			policy = optarg;
			break;
		default:
			return usage();
		}
	}
	if (runs < 1 || !lib || !policy || optind >= argc)
		return usage();
	for (int c = 0; c < 2; c++)
		for (int m = 0; m < 3; m++) {
			values[c][m] = calloc((size_t)runs, sizeof(double));
			if (!values[c][m])
				return 1;
		}
	/* One warm-up run each, then alternate so drift hits both alike. */
	for (int i = -1; i < runs; i++)
		for (int c = 0; c < 2; c++) {
			if (run_once(&argv[optind], input, lib, policy, c,
				     &sample) < 0)
				return 1;
			if (i < 0)
				continue;
			values[c][0][i] = sample.wall_ms;
			values[c][1][i] = sample.cpu_ms;
			values[c][2][i] = sample.rss_kib;
		}
	printf("%-16s %12s %12s %8s   (median of %d runs each)\n", "",
	       "unconfined", "confined", "ratio", runs);
	for (int m = 0; m < 3; m++) {
		double a = median(values[0][m], runs);
		double b = median(values[1][m], runs);

		printf("%-16s %12.1f %12.1f %8.2f\n", names[m], a, b,
		       a > 0 ? b / a : 0);
	}
	return 0;
}
