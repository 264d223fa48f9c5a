/*
 * benchrun: run one command under several configurations, alternately,
 * and print the medians side by side with their ratio to the first. A
 * benchmark, not a test: it judges nothing, it measures.
 *
 *   benchrun [-n RUNS] [-r REPEAT] [-i INPUT] [-f FLOOR]...
 *            -c LABEL [-e VAR=VALUE]... [-w WORD]...
 *            [-c LABEL [-e VAR=VALUE]... [-w WORD]...]...
 *            -- PROG [ARG...]
 *
 * Each -c starts a configuration; the -e after it set its environment (on top
 * of this one's, less LD_PRELOAD and SECCOMP_SHIM_POLICY, which only -e gives),
 * and the -w after it put words before PROG for it alone (a command that starts
 * PROG in its own way, such as env VAR=VALUE or a launcher, whose time counts
 * with PROG's). A sample runs PROG REPEAT times in a row (for start-up costs)
 * with stdout and stderr on /dev/null and stdin from INPUT (or /dev/null).
 * Within a sample the configurations take turns, REPEAT runs each, in an order
 * shuffled anew for every sample (the same shuffles in every run of benchrun):
 * what one run leaves the kernel to clean up after it (a filter's JIT image,
 * say) falls on every other configuration alike, not always on the one that
 * comes next. Wall time and CPU time are per run of PROG, max RSS the largest
 * of the sample. Each ratio is the median, over the samples, of the ratio
 * within a sample to the first configuration (and, after the table, to each
 * configuration labelled FLOOR by -f). Beside each wall-time ratio is the ratio
 * of the fastest samples ("best"): on a shared or virtual machine noise only
 * ever adds time, so a cost that shows in the medians and not in the best
 * samples is more likely noise than cost. A run that does not exit with status
 * 0 stops the benchmark with status 1.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONFIGS 12
#define MAX_ENV	    8
#define MAX_WORDS   8
#define MAX_FLOORS  4
#define PAUSE_US    2000

struct config {
	const char *label;
	const char *env[MAX_ENV];
	int n_env;
	const char *words[MAX_WORDS];
	int n_words;
	char **argv; /* the words, then PROG and its arguments */
	double *wall, *cpu, *rss;
};

static int usage(void)
{
	fprintf(stderr, "usage: benchrun [-n RUNS] [-r REPEAT] [-i INPUT] "
			"[-f FLOOR]... -c LABEL [-e VAR=VALUE]... [-w WORD]... "
			"-- PROG [ARG...]\n");
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

/* One run of c's command under c; adds to *cpu, raises *rss. 0 or -1. */
static int run_once(const struct config *c, const char *input, double *cpu,
		    double *rss)
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
		execvp(c->argv[0], c->argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &usage) < 0)
		return -1;
	*cpu += tv_ms(usage.ru_utime) + tv_ms(usage.ru_stime);
	if (usage.ru_maxrss > *rss)
		*rss = (double)usage.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "benchrun: %s: %s ended with %s %d\n", c->label,
			c->argv[0], WIFEXITED(status) ? "status" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status)
					  : WTERMSIG(status));
		return -1;
	}
	return 0;
}

/* c->argv: c's words, then prog[0..n) (PROG and its arguments). 0 or -1. */
static int command(struct config *c, char **prog, int n)
{
	c->argv = calloc((size_t)(c->n_words + n + 1), sizeof(*c->argv));
	if (!c->argv)
		return -1;
	for (int i = 0; i < c->n_words; i++)
		c->argv[i] = (char *)c->words[i];
	memcpy(&c->argv[c->n_words], prog, (size_t)n * sizeof(*prog));
	return 0;
}

/* order[0..n) a random permutation of 0..n-1 (xorshift64 from *seed). */
static void shuffle(int *order, int n, uint64_t *seed)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j, t;

		*seed ^= *seed << 13;
		*seed ^= *seed >> 7;
		*seed ^= *seed << 17;
		j = (int)(*seed % (uint64_t)(i + 1));
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(const double *values, int n)
{
	double sorted[n];

	memcpy(sorted, values, (size_t)n * sizeof(*values));
	qsort(sorted, (size_t)n, sizeof(*sorted), by_value);
	return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static double minimum(const double *values, int n)
{
	double m = values[0];

	for (int i = 1; i < n; i++)
		if (values[i] < m)
			m = values[i];
	return m;
}

/* The ratio of the fastest sample of a to the fastest of b. */
static double best_ratio(const double *a, const double *b, int n)
{
	return minimum(b, n) > 0 ? minimum(a, n) / minimum(b, n) : 0;
}

/* The median over the samples of a[i] / b[i]. */
static double median_ratio(const double *a, const double *b, int n)
{
	double ratios[n];

	for (int i = 0; i < n; i++)
		ratios[i] = b[i] > 0 ? a[i] / b[i] : 0;
	return median(ratios, n);
}

int main(int argc, char **argv)
{
	struct config configs[MAX_CONFIGS];
	const char *input = NULL, *floors[MAX_FLOORS];
	int runs = 11, repeat = 1, n = 0, n_floors = 0, opt;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;

	while ((opt = getopt(argc, argv, "+n:r:i:c:e:w:f:")) != -1) {
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
		case 'f':
			if (n_floors == MAX_FLOORS)
				return usage();
			floors[n_floors++] = optarg;
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
		case 'w':
			if (!n || configs[n - 1].n_words == MAX_WORDS)
				return usage();
			configs[n - 1].words[configs[n - 1].n_words++] = optarg;
			break;
		default:
			return usage();
		}
	}
	if (runs < 1 || repeat < 1 || !n || optind >= argc)
		return usage();
	for (int c = 0; c < n; c++) {
		if (command(&configs[c], &argv[optind], argc - optind) < 0)
			return 1;
		configs[c].wall = calloc((size_t)runs, sizeof(double));
		configs[c].cpu = calloc((size_t)runs, sizeof(double));
		configs[c].rss = calloc((size_t)runs, sizeof(double));
		if (!configs[c].wall || !configs[c].cpu || !configs[c].rss)
			return 1;
	}
	/* One warm-up sample, then samples in which the configurations take
	 * turns. */
	for (int i = -1; i < runs; i++) {
		double wall[MAX_CONFIGS] = {0}, cpu[MAX_CONFIGS] = {0};
		double rss[MAX_CONFIGS] = {0};
		int order[MAX_CONFIGS];

		shuffle(order, n, &seed);
		for (int k = 0; k < repeat; k++)
			for (int j = 0; j < n; j++) {
				int c = order[(j + k) % n];
				double start = now_ms();

				if (run_once(&configs[c], input, &cpu[c],
					     &rss[c]) < 0)
					return 1;
				wall[c] += now_ms() - start;
				/* let the kernel finish with this run (freeing
				 * a filter's JIT image, say) before the next */
				usleep(PAUSE_US);
			}
		for (int c = 0; i >= 0 && c < n; c++) {
			configs[c].wall[i] = wall[c] / repeat;
			configs[c].cpu[i] = cpu[c] / repeat;
			configs[c].rss[i] = rss[c];
		}
	}
	printf("%-46s %9s %6s %6s %9s %6s %8s %5s\n", "", "wall ms", "ratio",
	       "best", "CPU ms", "ratio", "RSS KiB", "ratio");
	for (int c = 0; c < n; c++) {
		double rss0 = median(configs[0].rss, runs);

		printf("%-46s %9.3f %6.3f %6.3f %9.3f %6.3f %8.0f %5.2f\n",
		       configs[c].label, median(configs[c].wall, runs),
		       median_ratio(configs[c].wall, configs[0].wall, runs),
		       best_ratio(configs[c].wall, configs[0].wall, runs),
		       median(configs[c].cpu, runs),
		       median_ratio(configs[c].cpu, configs[0].cpu, runs),
		       median(configs[c].rss, runs),
		       median(configs[c].rss, runs) / rss0);
	}
	for (int f = 0; f < n_floors; f++) {
		int base = -1;

		for (int c = 0; c < n; c++)
			if (strcmp(configs[c].label, floors[f]) == 0)
				base = c;
		if (base < 0) {
			fprintf(stderr, "benchrun: no configuration '%s'\n",
				floors[f]);
			return 2;
		}
		printf("   wall time against %s (ratio, best):\n", floors[f]);
		for (int c = 1; c < n; c++)
			if (c != base)
				printf("      %-44s %6.3f %6.3f\n",
				       configs[c].label,
				       median_ratio(configs[c].wall,
						    configs[base].wall, runs),
				       best_ratio(configs[c].wall,
						  configs[base].wall, runs));
	}
	printf("(medians of %d samples of %d run%s each, configurations taking "
	       "turns in a shuffled order; ratio: the median of the ratios "
	       "within a sample; best: "
	       "the fastest sample's wall time against the other's fastest)\n",
	       runs, repeat, repeat == 1 ? "" : "s");
	return 0;
}
