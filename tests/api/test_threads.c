/*
 * test_threads.c - runtimes on several threads at once.  Each thread owns
 * its runtime and context (nothing is shared), so this must run clean
 * under ThreadSanitizer (-DWEFT_ENABLE_TSAN=ON).
 */
#include "harness.h"

#include <pthread.h>

#include "quickjs.h"

#define NTHREADS 8

typedef struct Job {
    int id;
    int iterations;
    int64_t result;     /* what the script computed */
    int64_t expected;
    char error[256];    /* set when the thread could not run the script */
} Job;

static void *run_job(void *arg)
{
    Job *job = arg;
    JSRuntime *rt;
    JSContext *ctx;
    JSValue v;
    char code[512];

    rt = JS_NewRuntime();
    if (!rt) {
        snprintf(job->error, sizeof job->error, "JS_NewRuntime failed");
        return NULL;
    }
    JS_UpdateStackTop(rt);
    ctx = JS_NewContext(rt);
    if (!ctx) {
        snprintf(job->error, sizeof job->error, "JS_NewContext failed");
        JS_FreeRuntime(rt);
        return NULL;
    }
    /* Loops, closures, objects, strings and arrays: exercises allocation
       and the collector in every thread at once. */
    snprintf(code, sizeof code,
             "var id = %d, n = %d, sum = 0;\n"
             "function add(a) { return function (b) { return a + b; }; }\n"
             "var parts = [];\n"
             "for (var i = 0; i < n; i++) {\n"
             "  var o = { k: i, s: 'v' + i };\n"
             "  sum = add(sum)(o.k %% 7 + id);\n"
             "  if (i %% 1000 === 0) parts.push(o.s);\n"
             "}\n"
             "sum + parts.length;\n",
             job->id, job->iterations);
    v = JS_Eval(ctx, code, strlen(code), "<thread>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v)) {
        JSValue exc = JS_GetException(ctx);
        const char *s = JS_ToCString(ctx, exc);
        snprintf(job->error, sizeof job->error, "exception: %s", s ? s : "?");
        if (s)
            JS_FreeCString(ctx, s);
        JS_FreeValue(ctx, exc);
    } else if (JS_ToInt64(ctx, &job->result, v) < 0) {
        snprintf(job->error, sizeof job->error, "result is not a number");
    }
    JS_FreeValue(ctx, v);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    return NULL;
}

static int64_t expected_result(int id, int n)
{
    int64_t sum = 0;
    int i;
    for (i = 0; i < n; i++)
        sum += i % 7 + id;
    return sum + (n + 999) / 1000;
}

static void run_threads(int iterations)
{
    pthread_t th[NTHREADS];
    Job jobs[NTHREADS];
    int i;
    for (i = 0; i < NTHREADS; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].id = i;
        jobs[i].iterations = iterations + i * 1000;
        jobs[i].expected = expected_result(i, jobs[i].iterations);
        ASSERT_EQ(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    }
    for (i = 0; i < NTHREADS; i++)
        ASSERT_EQ(pthread_join(th[i], NULL), 0);
    for (i = 0; i < NTHREADS; i++) {
        ASSERT_STR_EQ(jobs[i].error, "");
        ASSERT_EQ(jobs[i].result, jobs[i].expected);
    }
}

TEST_IMPL(eight_runtimes_in_parallel)
{
    run_threads(20000);
}

TEST_IMPL(many_short_lived_runtimes)
{
    /* start-up and tear-down race each other */
    int round;
    for (round = 0; round < 3; round++)
        run_threads(100);
}

#define TEST_LIST(X)                \
    X(eight_runtimes_in_parallel)   \
    X(many_short_lived_runtimes)

HARNESS_MAIN(TEST_LIST)
