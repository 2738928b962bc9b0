/*
 * test_promise.c - the job queue and promise embedding API:
 * JS_EnqueueJob / JS_ExecutePendingJob / JS_IsJobPending,
 * JS_NewPromiseCapability, JS_PromiseState / JS_PromiseResult,
 * JS_IsPromise and the host rejection tracker; plus async functions
 * driven from C.
 */
#include "harness.h"

#include "quickjs.h"

static JSValue eval(JSContext *ctx, const char *code)
{
    return JS_Eval(ctx, code, strlen(code), "<promise>", JS_EVAL_TYPE_GLOBAL);
}

static int drain(JSRuntime *rt)
{
    int n = 0;
    for (;;) {
        JSContext *c;
        int r = JS_ExecutePendingJob(rt, &c);
        if (r <= 0) {
            ASSERT_EQ(r, 0);
            return n;
        }
        n++;
    }
}

static int job_runs;
static JSValue count_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    int32_t v = 0;
    ASSERT_EQ(argc, 1);
    ASSERT_EQ(JS_ToInt32(ctx, &v, argv[0]), 0);
    job_runs += v;
    return JS_UNDEFINED;
}

TEST_IMPL(job_queue)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue arg = JS_NewInt32(ctx, 5);

    ASSERT_FALSE(JS_IsJobPending(rt));
    ASSERT_EQ(JS_EnqueueJob(ctx, count_job, 1, &arg), 0);
    ASSERT_EQ(JS_EnqueueJob(ctx, count_job, 1, &arg), 0);
    ASSERT_TRUE(JS_IsJobPending(rt));
    ASSERT_EQ(drain(rt), 2);
    ASSERT_EQ(job_runs, 10);
    /* jobs left pending are freed with the runtime */
    ASSERT_EQ(JS_EnqueueJob(ctx, count_job, 1, &arg), 0);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

TEST_IMPL(capability_and_state)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue funcs[2], p, r, v;

    p = JS_NewPromiseCapability(ctx, funcs);
    ASSERT(!JS_IsException(p));
    ASSERT_TRUE(JS_IsPromise(p));
    ASSERT_EQ(JS_PromiseState(ctx, p), JS_PROMISE_PENDING);
    v = JS_NewInt32(ctx, 42);
    r = JS_Call(ctx, funcs[0], JS_UNDEFINED, 1, &v);
    ASSERT(!JS_IsException(r));
    JS_FreeValue(ctx, r);
    ASSERT_EQ(JS_PromiseState(ctx, p), JS_PROMISE_FULFILLED);
    v = JS_PromiseResult(ctx, p);
    ASSERT_EQ(JS_VALUE_GET_INT(v), 42);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    JS_FreeValue(ctx, p);
    ASSERT_EQ(JS_PromiseState(ctx, JS_UNDEFINED), JS_PROMISE_NOT_A_PROMISE);
    ASSERT_FALSE(JS_IsPromise(JS_NewInt32(ctx, 1)));
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

static int rejections, handled_later;
static void tracker(JSContext *ctx, JSValueConst promise, JSValueConst reason,
                    bool is_handled, void *opaque)
{
    (void)ctx;
    (void)promise;
    (void)reason;
    (void)opaque;
    if (is_handled)
        handled_later++;
    else
        rejections++;
}

TEST_IMPL(rejection_tracker)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue v;

    JS_SetHostPromiseRejectionTracker(rt, tracker, NULL);
    v = eval(ctx, "var p = Promise.reject(1); Promise.reject(2).catch(() => {}); 0");
    ASSERT(!JS_IsException(v));
    JS_FreeValue(ctx, v);
    drain(rt);
    /* both were rejected without a handler; the second got one at once */
    ASSERT_EQ(rejections, 2);
    ASSERT_EQ(handled_later, 1);
    v = eval(ctx, "p.catch(() => {}); 0");
    JS_FreeValue(ctx, v);
    drain(rt);
    ASSERT_EQ(handled_later, 2);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

TEST_IMPL(async_function_from_c)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue f, p, v;
    int32_t out = 0;

    JS_SetDumpFlags(rt, JS_DUMP_LEAKS);
    f = eval(ctx, "(async function (n) { let s = 0; for (let i = 0; i < n; i++) s += await i; return s; })");
    ASSERT(!JS_IsException(f));
    v = JS_NewInt32(ctx, 10);
    p = JS_Call(ctx, f, JS_UNDEFINED, 1, &v);
    ASSERT_TRUE(JS_IsPromise(p));
    ASSERT_EQ(JS_PromiseState(ctx, p), JS_PROMISE_PENDING);
    ASSERT_GT(drain(rt), 0);
    ASSERT_EQ(JS_PromiseState(ctx, p), JS_PROMISE_FULFILLED);
    v = JS_PromiseResult(ctx, p);
    ASSERT_EQ(JS_ToInt32(ctx, &out, v), 0);
    ASSERT_EQ(out, 45);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, p);
    /* an async function abandoned at an await is freed with the runtime */
    v = eval(ctx, "(async () => { await new Promise(() => {}); })(); 0");
    JS_FreeValue(ctx, v);
    drain(rt);
    JS_FreeValue(ctx, f);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

#define TEST_LIST(X)             \
    X(job_queue)                 \
    X(capability_and_state)      \
    X(rejection_tracker)         \
    X(async_function_from_c)
HARNESS_MAIN(TEST_LIST)
