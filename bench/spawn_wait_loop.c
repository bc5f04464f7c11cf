/*
 * The baseline for ShellEnvironment.Bench.ps1: the shell's own start-up and nothing else. Each pass starts
 * PROGRAM ARGS... with posix_spawn in a session of its own, standard input on /dev/null and both outputs on
 * /dev/null, and waits for it with waitpid: what `zsh -i -l -c true` costs when nothing around it is slow.
 *
 * Usage: spawn_wait_loop ITERATIONS WARMUP PROGRAM [ARGS...]
 * Runs WARMUP untimed passes, then ITERATIONS passes each timed with clock_gettime, and prints one line:
 * "median_ms=<float> found=<passes that exited 0>".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#ifndef POSIX_SPAWN_SETSID
#define POSIX_SPAWN_SETSID 0x80
#endif

static int run_once(char **argv)
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &actions, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (rc != 0) {
        return -1;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s ITERATIONS WARMUP PROGRAM [ARGS...]\n", argv[0]);
        return 2;
    }
    int iterations = atoi(argv[1]);
    int warmup = atoi(argv[2]);
    if (iterations < 1) {
        return 2;
    }
    for (int i = 0; i < warmup; i++) {
        run_once(argv + 3);
    }
    double *times = calloc((size_t)iterations, sizeof *times);
    int ok = 0;
    for (int i = 0; i < iterations; i++) {
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        int r = run_once(argv + 3);
        clock_gettime(CLOCK_MONOTONIC, &end);
        if (r < 0) {
            fprintf(stderr, "posix_spawn %s failed\n", argv[3]);
            return 1;
        }
        ok += r;
        times[i] = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
    }
    qsort(times, (size_t)iterations, sizeof *times, compare);
    double median = iterations % 2 ? times[iterations / 2] : (times[iterations / 2 - 1] + times[iterations / 2]) / 2;
    printf("median_ms=%.3f found=%d\n", median, ok);
    free(times);
    return 0;
}
