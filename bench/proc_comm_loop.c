/*
 * The floor for GoplsEnvironment.Bench.ps1: the least work that still finds every gopls and reads its
 * environment. One pass lists /proc, reads /proc/N/comm of every numeric entry and, when the name is
 * "gopls", reads /proc/N/environ to the end. No user check, no ancestors, no parsing: whatever the module
 * does beyond this is overhead it chooses to pay.
 *
 * Usage: proc_comm_loop ITERATIONS WARMUP
 * Runs WARMUP untimed passes, then ITERATIONS passes each timed with clock_gettime, and prints one line:
 * "median_ms=<float> found=<gopls environments read in the last pass> processes=<numeric entries seen>".
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char s_environ[1 << 20];

/* Reads a whole file and discards it; returns the byte count or -1. */
static long read_all(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    long total = 0;
    for (;;) {
        ssize_t n = read(fd, s_environ, sizeof s_environ);
        if (n <= 0) {
            break;
        }
        total += n;
    }
    close(fd);
    return total;
}

/* One pass over /proc; stores how many numeric entries and gopls environments it saw. */
static int scan(int *processes, int *found)
{
    DIR *dir = opendir("/proc");
    if (dir == NULL) {
        return -1;
    }
    char path[64];
    char comm[64];
    struct dirent *entry;
    *processes = 0;
    *found = 0;
    while ((entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] < '0' || name[0] > '9') {
            continue;
        }
        (*processes)++;
        snprintf(path, sizeof path, "/proc/%s/comm", name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            continue; /* gone since readdir */
        }
        ssize_t n = read(fd, comm, sizeof comm - 1);
        close(fd);
        if (n == 6 && memcmp(comm, "gopls\n", 6) == 0) {
            snprintf(path, sizeof path, "/proc/%s/environ", name);
            if (read_all(path) >= 0) {
                (*found)++;
            }
        }
    }
    closedir(dir);
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int iterations = argc == 3 ? atoi(argv[1]) : 0;
    int warmup = argc == 3 ? atoi(argv[2]) : -1;
    if (iterations < 1 || warmup < 0) {
        fprintf(stderr, "usage: %s ITERATIONS WARMUP\n", argv[0]);
        return 2;
    }

    double *times = calloc((size_t)iterations, sizeof *times);
    if (times == NULL) {
        return 1;
    }
    int processes = 0, found = 0;
    for (int i = 0; i < warmup + iterations; i++) {
        double start = now_ms();
        if (scan(&processes, &found) != 0) {
            perror("opendir /proc");
            return 1;
        }
        if (i >= warmup) {
            times[i - warmup] = now_ms() - start;
        }
    }

    qsort(times, (size_t)iterations, sizeof *times, compare_doubles);
    double median = iterations % 2 ? times[iterations / 2]
                                   : (times[iterations / 2 - 1] + times[iterations / 2]) / 2;
    printf("median_ms=%.4f found=%d processes=%d\n", median, found, processes);
    free(times);
    return 0;
}
