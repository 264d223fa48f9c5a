/*
 * benchrun: run one command under several configurations, alternately,
 * and print the medians side by side with their ratio to the first. A
 * benchmark, not a test: it judges nothing, it measures.
 *
 *   benchrun [-n RUNS] [-r REPEAT] [-i INPUT]
 *            -c LABEL [-e VAR=VALUE]... [-c LABEL [-e VAR=VALUE]...]...
 *            -- PROG [ARG...]
 *
 * Each -c starts a configuration; the -e after it set its environment
 * (on top of this one's, less LD_PRELOAD and SECCOMP_SHIM_POLICY, which
 * only -e gives). A sample runs PROG REPEAT times in a row (for start-up
 * costs) with stdout and stderr on /dev/null and stdin from INPUT (or
 * /dev/null). Wall time and CPU time are per run of PROG; max RSS is the
 * largest of the sample. A run that does not exit with status 0 stops the
 * benchmark with status 1.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONFIGS 12
#define MAX_ENV	    8

struct config {
	const char *label;
	const char *env[MAX_ENV];
	int n_env;
	double *wall, *cpu, *rss;
};

static int usage(void)
{
	fprintf(stderr, "usage: benchrun [-n RUNS] [-r REPEAT] [-i INPUT] -c "
			"LABEL [-e VAR=VALUE]... -- PROG [ARG...]\n");
	return 2;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

/* One run of argv under c; adds to *cpu, raises *rss. 0 or -1. */
static int run_once(char **argv, const char *input, const struct config *c,
		    double *cpu, double *rss)
{
	struct rusage usage;
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
		for (int i = 0; i < c->n_env; i++)
			if (putenv((char *)c->env[i]))
				_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &usage) < 0)
		return -1;
	*cpu += tv_ms(usage.ru_utime) + tv_ms(usage.ru_stime);
	if (usage.ru_maxrss > *rss)
		*rss = (double)usage.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "benchrun: %s: %s ended with %s %d\n", c->label,
			argv[0], WIFEXITED(status) ? "status" : "signal",
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
	struct config configs[MAX_CONFIGS];
	const char *input = NULL;
	int runs = 11, repeat = 1, n = 0, opt;

	while ((opt = getopt(argc, argv, "+n:r:i:c:e:")) != -1) {
		switch (opt) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'r':
			repeat = atoi(optarg);
			break;
		case 'i':
			input = optarg;
			break;
		case 'c':
			if (n == MAX_CONFIGS)
				return usage();
			memset(&configs[n], 0, sizeof(configs[n]));
			configs[n++].label = optarg;
			break;
		case 'e':
			if (!n || configs[n - 1].n_env == MAX_ENV ||
			    !strchr(optarg, '='))
				return usage();
			configs[n - 1].env[configs[n - 1].n_env++] = optarg;
			break;
		default:
			return usage();
		}
	}
	if (runs < 1 || repeat < 1 || !n || optind >= argc)
		return usage();
	for (int c = 0; c < n; c++) {
		configs[c].wall = calloc((size_t)runs, sizeof(double));
		configs[c].cpu = calloc((size_t)runs, sizeof(double));
		configs[c].rss = calloc((size_t)runs, sizeof(double));
		if (!configs[c].wall || !configs[c].cpu || !configs[c].rss)
			return 1;
	}
	/* One warm-up sample each, then alternate so drift hits all alike. */
	for (int i = -1; i < runs; i++)
		for (int c = 0; c < n; c++) {
			double start = now_ms(), cpu = 0, rss = 0;

			for (int k = 0; k < repeat; k++)
				if (run_once(&argv[optind], input, &configs[c],
					     &cpu, &rss) < 0)
					return 1;
			if (i < 0)
				continue;
			configs[c].wall[i] = (now_ms() - start) / repeat;
			configs[c].cpu[i] = cpu / repeat;
			configs[c].rss[i] = rss;
		}
	printf("%-46s %10s %7s %10s %7s %9s %6s\n", "", "wall ms", "ratio",
	       "CPU ms", "ratio", "RSS KiB", "ratio");
	{
		double wall0 = median(configs[0].wall, runs);
		double cpu0 = median(configs[0].cpu, runs);
		double rss0 = median(configs[0].rss, runs);

		for (int c = 0; c < n; c++) {
			double wall = median(configs[c].wall, runs);
			double cpu = median(configs[c].cpu, runs);
			double rss = median(configs[c].rss, runs);

			printf("%-46s %10.3f %7.3f %10.3f %7.3f %9.0f %6.2f\n",
			       configs[c].label, wall, wall / wall0, cpu,
			       cpu0 > 0 ? cpu / cpu0 : 0, rss, rss / rss0);
		}
	}
	printf("(medians of %d samples of %d run%s each, alternating)\n", runs,
	       repeat, repeat == 1 ? "" : "s");
	return 0;
}
