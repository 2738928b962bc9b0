/*
 * harness.h - a small libuv-style harness for Weft's C tests.
 *
 * Include it FIRST in a test file (it sets the POSIX feature macros).
 *
 *   #include "harness.h"
 *   #include "quickjs.h"
 *
 *   TEST_IMPL(eval_simple) {
 *       ...
 *       ASSERT_EQ(x, 3);
 *       ASSERT_STR_EQ(s, "abc");
 *   }
 *
 *   #define TEST_LIST(X) \
 *       X(eval_simple)   \
 *       X(other_test)
 *   HARNESS_MAIN(TEST_LIST)
 *
 * Running the executable with no argument runs every test, each in its
 * own child process with a timeout (WEFT_TEST_TIMEOUT seconds, default 60),
 * shows the output of the tests that fail, and ends with the line
 * `N passed, N failed` (`, N skipped` when some were skipped).  The exit
 * status is 1 if a test failed.  `./test_x NAME` runs one test in-process
 * (handy under gdb: a failed assertion aborts there); `--list` lists them.
 *
 * Assertions print both values on failure.  A test that cannot run here
 * calls TEST_SKIP("why").
 */
#ifndef WEFT_TEST_HARNESS_H
#define WEFT_TEST_HARNESS_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct HarnessTest {
    const char *name;
    void (*fn)(void);
} HarnessTest;

#define HARNESS_EXIT_ASSERT 3
#define HARNESS_EXIT_SKIP   77

/* Set in the process that runs one test: in a forked child a failed
   assertion exits with HARNESS_EXIT_ASSERT, in-process it aborts. */
static bool harness_forked;

#define TEST_IMPL(name) static void test_##name(void)

#define HARNESS_ENTRY_(name) { #name, test_##name },
#define HARNESS_MAIN(list)                                              \
    static const HarnessTest harness_tests[] = { list(HARNESS_ENTRY_) { NULL, NULL } }; \
    int main(int argc, char **argv)                                     \
    {                                                                   \
        return harness_main(argc, argv, harness_tests);                 \
    }

static void harness_fail_(void)
{
    fflush(stdout);
    fflush(stderr);
    if (harness_forked)
        _exit(HARNESS_EXIT_ASSERT);
    abort();
}

#define HARNESS_REPORT_(file, line, ...)                                \
    do {                                                                \
        fflush(stdout);                                                 \
        fprintf(stderr, "Assertion failed at %s:%d: ", file, line);     \
        fprintf(stderr, __VA_ARGS__);                                   \
        fputc('\n', stderr);                                            \
        harness_fail_();                                                \
    } while (0)

#define ASSERT(cond)                                                    \
    do {                                                                \
        if (!(cond))                                                    \
            HARNESS_REPORT_(__FILE__, __LINE__, "%s", #cond);           \
    } while (0)

#define ASSERT_TRUE(a)  ASSERT(a)
#define ASSERT_FALSE(a) ASSERT(!(a))

/* Integer comparisons: both sides as int64_t. */
#define ASSERT_INT_OP_(a, op, b)                                        \
    do {                                                                \
        int64_t harness_a_ = (int64_t)(a), harness_b_ = (int64_t)(b);   \
        if (!(harness_a_ op harness_b_))                                \
            HARNESS_REPORT_(__FILE__, __LINE__,                         \
                            "%s %s %s (left: %" PRId64 ", right: %" PRId64 ")", \
                            #a, #op, #b, harness_a_, harness_b_);       \
    } while (0)

#define ASSERT_EQ(a, b) ASSERT_INT_OP_(a, ==, b)
#define ASSERT_NE(a, b) ASSERT_INT_OP_(a, !=, b)
#define ASSERT_LT(a, b) ASSERT_INT_OP_(a, <, b)
#define ASSERT_LE(a, b) ASSERT_INT_OP_(a, <=, b)
#define ASSERT_GT(a, b) ASSERT_INT_OP_(a, >, b)
#define ASSERT_GE(a, b) ASSERT_INT_OP_(a, >=, b)

#define ASSERT_UINT_EQ(a, b)                                            \
    do {                                                                \
        uint64_t harness_a_ = (uint64_t)(a), harness_b_ = (uint64_t)(b); \
        if (harness_a_ != harness_b_)                                   \
            HARNESS_REPORT_(__FILE__, __LINE__,                         \
                            "%s == %s (left: %" PRIu64 ", right: %" PRIu64 ")", \
                            #a, #b, harness_a_, harness_b_);            \
    } while (0)

/* Doubles compared exactly (NaN equals NaN, 0 and -0 differ). */
#define ASSERT_DOUBLE_EQ(a, b)                                          \
    do {                                                                \
        double harness_a_ = (a), harness_b_ = (b);                      \
        bool harness_same_ = (isnan(harness_a_) && isnan(harness_b_)) || \
            (harness_a_ == harness_b_ && signbit(harness_a_) == signbit(harness_b_)); \
        if (!harness_same_)                                             \
            HARNESS_REPORT_(__FILE__, __LINE__,                         \
                            "%s == %s (left: %.17g, right: %.17g)",     \
                            #a, #b, harness_a_, harness_b_);            \
    } while (0)

#define ASSERT_STR_OP_(a, b, want_equal)                                \
    do {                                                                \
        const char *harness_a_ = (a), *harness_b_ = (b);                \
        bool harness_eq_ = harness_a_ && harness_b_ ?                   \
            strcmp(harness_a_, harness_b_) == 0 : harness_a_ == harness_b_; \
        if (harness_eq_ != (want_equal))                                \
            HARNESS_REPORT_(__FILE__, __LINE__,                         \
                            "%s %s %s (left: \"%s\", right: \"%s\")",   \
                            #a, (want_equal) ? "==" : "!=", #b,         \
                            harness_a_ ? harness_a_ : "(null)",         \
                            harness_b_ ? harness_b_ : "(null)");        \
    } while (0)

#define ASSERT_STR_EQ(a, b) ASSERT_STR_OP_(a, b, true)
#define ASSERT_STR_NE(a, b) ASSERT_STR_OP_(a, b, false)

#define ASSERT_PTR_EQ(a, b)                                             \
    do {                                                                \
        const void *harness_a_ = (const void *)(a), *harness_b_ = (const void *)(b); \
        if (harness_a_ != harness_b_)                                   \
            HARNESS_REPORT_(__FILE__, __LINE__, "%s == %s (left: %p, right: %p)", \
                            #a, #b, harness_a_, harness_b_);            \
    } while (0)

#define ASSERT_NULL(a)     ASSERT_PTR_EQ(a, NULL)
#define ASSERT_NOT_NULL(a)                                              \
    do {                                                                \
        if ((a) == NULL)                                                \
            HARNESS_REPORT_(__FILE__, __LINE__, "%s != NULL", #a);      \
    } while (0)

#define TEST_SKIP(why)                                                  \
    do {                                                                \
        fprintf(stderr, "skipped: %s\n", why);                          \
        fflush(stdout);                                                 \
        fflush(stderr);                                                 \
        if (harness_forked)                                             \
            _exit(HARNESS_EXIT_SKIP);                                   \
        exit(0);                                                        \
    } while (0)

static double harness_now_(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *harness_signame_(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS:  return "SIGBUS";
    case SIGFPE:  return "SIGFPE";
    case SIGILL:  return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGALRM: return "SIGALRM";
    case SIGPIPE: return "SIGPIPE";
    default:      return "signal";
    }
}

/* Output captured from a child, kept up to a limit. */
typedef struct HarnessOut {
    char *buf;
    size_t len, cap;
} HarnessOut;

static void harness_out_add_(HarnessOut *o, const char *s, size_t n)
{
    const size_t limit = 1 << 20;
    if (o->len + n > limit)
        n = o->len < limit ? limit - o->len : 0;
    if (n == 0)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        char *nb;
        while (cap < o->len + n + 1)
            cap *= 2;
        nb = realloc(o->buf, cap);
        if (!nb)
            return;
        o->buf = nb;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

/* 0 pass, 1 fail, 2 skip */
static int harness_run_forked_(const HarnessTest *t, double timeout, double *elapsed)
{
    int fds[2], status = 0;
    pid_t pid;
    HarnessOut out = { NULL, 0, 0 };
    double start = harness_now_(), deadline = start + timeout;
    bool timed_out = false;
    int result;

    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) < 0) {
        perror("pipe");
        return 1;
    }
    pid = fork();
    if (pid < 0) {
        perror("fork");
        close(fds[0]);
        close(fds[1]);
        return 1;
    }
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[1]);
        harness_forked = true;
        t->fn();
        fflush(stdout);
        fflush(stderr);
        exit(0);    /* exit, not _exit: sanitizers' leak checks run here */
    }
    close(fds[1]);
    for (;;) {
        struct pollfd p = { fds[0], POLLIN, 0 };
        double left = deadline - harness_now_();
        int r;
        char tmp[4096];
        if (left <= 0) {
            kill(pid, SIGKILL);
            timed_out = true;
            break;
        }
        r = poll(&p, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        {
            ssize_t n = read(fds[0], tmp, sizeof tmp);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            harness_out_add_(&out, tmp, (size_t)n);
        }
    }
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    *elapsed = harness_now_() - start;

    if (timed_out) {
        printf("FAIL  %s: timed out after %.0f s\n", t->name, timeout);
        result = 1;
    } else if (WIFSIGNALED(status)) {
        printf("FAIL  %s: crashed (%s)\n", t->name, harness_signame_(WTERMSIG(status)));
        result = 1;
    } else if (WEXITSTATUS(status) == HARNESS_EXIT_SKIP) {
        printf("skip  %s\n", t->name);
        result = 2;
    } else if (WEXITSTATUS(status) != 0) {
        if (WEXITSTATUS(status) == HARNESS_EXIT_ASSERT)
            printf("FAIL  %s: assertion failed\n", t->name);
        else
            printf("FAIL  %s: exit status %d\n", t->name, WEXITSTATUS(status));
        result = 1;
    } else {
        printf("ok    %s (%.0f ms)\n", t->name, *elapsed * 1000);
        result = 0;
    }
    if ((result == 1 || result == 2) && out.len) {
        /* the test's output, indented */
        size_t i;
        fputs("    ", stdout);
        for (i = 0; i < out.len; i++) {
            putchar(out.buf[i]);
            if (out.buf[i] == '\n' && i + 1 < out.len)
                fputs("    ", stdout);
        }
        if (out.buf[out.len - 1] != '\n')
            putchar('\n');
    }
    free(out.buf);
    fflush(stdout);
    return result;
}

static int harness_main(int argc, char **argv, const HarnessTest *tests)
{
    const HarnessTest *t;
    const char *env = getenv("WEFT_TEST_TIMEOUT");
    double timeout = env && atof(env) > 0 ? atof(env) : 60;
    int passed = 0, failed = 0, skipped = 0;

    if (argc > 1 && !strcmp(argv[1], "--list")) {
        for (t = tests; t->name; t++)
            printf("%s\n", t->name);
        return 0;
    }
    if (argc > 1) {
        /* named tests, in this process */
        int i;
        for (i = 1; i < argc; i++) {
            for (t = tests; t->name; t++)
                if (!strcmp(t->name, argv[i]))
                    break;
            if (!t->name) {
                fprintf(stderr, "no test named '%s' (--list lists them)\n", argv[i]);
                return 2;
            }
            t->fn();
            printf("ok    %s\n", t->name);
        }
        return 0;
    }
    for (t = tests; t->name; t++) {
        double elapsed = 0;
        int r = harness_run_forked_(t, timeout, &elapsed);
        if (r == 0)
            passed++;
        else if (r == 1)
            failed++;
        else
            skipped++;
    }
    if (skipped)
        printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    else
        printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

#endif /* WEFT_TEST_HARNESS_H */
