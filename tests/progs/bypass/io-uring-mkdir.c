/*
 * Make a directory through io_uring (IORING_OP_MKDIRAT), where no seccomp
 * filter sees the operation: under a policy that allows everything but
 * mkdir and mkdirat, the directory appears if io_uring_setup is allowed.
 * The shim keeps io_uring off unless a policy names its calls. Usage:
 * io-uring-mkdir PATH; prints what happened.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct io_uring_params p;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
	unsigned int *sq_tail, *sq_array, *cq_head, *cq_tail;
	char *sq, *cq;
	struct stat st;
	long fd, rc;

	if (argc != 2)
		return 2;
	memset(&p, 0, sizeof(p));
	fd = syscall(SYS_io_uring_setup, 4, &p);
	if (fd < 0) {
		printf("blocked: io_uring_setup: %s\n", strerror(errno));
		return 0;
	}
	sq = mmap(NULL, p.sq_off.array + p.sq_entries * sizeof(unsigned int),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, (int)fd,
		  IORING_OFF_SQ_RING);
	cq = mmap(NULL,
		  p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, (int)fd,
		  IORING_OFF_CQ_RING);
	sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, (int)fd,
		    IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) {
		printf("cannot map the ring: %s\n", strerror(errno));
		return 1;
	}
	sq_tail = (unsigned int *)(sq + p.sq_off.tail);
	sq_array = (unsigned int *)(sq + p.sq_off.array);
	cq_head = (unsigned int *)(cq + p.cq_off.head);
	cq_tail = (unsigned int *)(cq + p.cq_off.tail);
	cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);

	memset(&sqes[0], 0, sizeof(sqes[0]));
	sqes[0].opcode = IORING_OP_MKDIRAT;
	sqes[0].fd = AT_FDCWD;
	sqes[0].addr = (unsigned long)argv[1];
	sqes[0].len = 0700;
	sq_array[0] = 0;
	__atomic_store_n(sq_tail, *sq_tail + 1, __ATOMIC_RELEASE);
	rc = syscall(SYS_io_uring_enter, (int)fd, 1, 1, IORING_ENTER_GETEVENTS,
		     NULL, 0);
	if (rc < 0) {
		printf("blocked: io_uring_enter: %s\n", strerror(errno));
		return 0;
	}
	if (__atomic_load_n(cq_tail, __ATOMIC_ACQUIRE) != *cq_head &&
	    cqes[*cq_head & (p.cq_entries - 1)].res < 0)
		printf("blocked: IORING_OP_MKDIRAT: %s\n",
		       strerror(-cqes[*cq_head & (p.cq_entries - 1)].res));
	else if (stat(argv[1], &st) == 0)
		printf("ESCAPED: %s made through io_uring\n", argv[1]);
	else
		printf("no directory, and no answer\n");
	return 0;
}
