/*
 * agent.c - $262.agent for the test262 runner (INTERPRETING.md "agent"):
 * each agent is a real thread with its own runtime and context, so the
 * multi-agent Atomics tests exercise the engine's waiter table across
 * threads.
 *
 * Main side ($262.agent of the test's realm): start(src) runs src in a new
 * agent and returns once it runs; broadcast(sab, num) hands the
 * SharedArrayBuffer (by reference: the same backing store) and the number
 * to every agent and returns when each one took it (or left or ended);
 * getReport() pops a report or returns null; sleep(ms); monotonicNow().
 * Agent side: receiveBroadcast(cb), report(v), sleep(ms), leaving(),
 * monotonicNow().  After its script and callback an agent keeps running
 * promise jobs and Atomics.waitAsync settlements until none is pending.
 *
 * Sharing the SAB uses the engine's store API (engine/sab.h: the same
 * calls the structured clone makes), not the public API alone.
 *
 * The hub below is the only state shared between the threads; it lives in
 * the forked child of one test.  At the end of the test the main thread
 * stops the agents: a flag that their interrupt handlers and their loops
 * see, plus weft_atomics_interrupt to wake an Atomics.wait, then joins.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quickjs.h"
#include "weft.h"
#include "engine/sab.h"
#include "run262.h"

#define MAX_AGENTS 64
#define BROADCAST_LIMIT_MS 20000    /* broadcast gives up waiting after this */

typedef struct Report {
    struct Report *next;
    char *text;
} Report;

typedef struct Agent {
    pthread_t thread;
    char *src;
    JSRuntime *rt;                  /* NULL once the agent's runtime is gone */
    JSValue callback;               /* receiveBroadcast's function (agent thread only) */
    bool started;                   /* running its script */
    bool has_callback;              /* called receiveBroadcast */
    bool left;                      /* called leaving() */
    bool exited;                    /* thread done */
    unsigned taken_seq;             /* last broadcast taken */
} Agent;

typedef struct AgentHub {
    pthread_mutex_t lock;
    pthread_cond_t cond;            /* any change below */
    Agent agents[MAX_AGENTS];
    int nagents;
    bool stopping;                  /* end of the test: agents stop */
    unsigned bcast_seq;             /* broadcasts so far */
    void *bcast_store;              /* counted reference to the SAB store */
    bool bcast_bigint;
    int64_t bcast_int;              /* BigInt value */
    double bcast_num;               /* Number value */
    Report *reports, *reports_tail;
} AgentHub;

/* The hub of this test process.  Set by agent_hub_init before any agent
   exists and read by the threads; freed by agent_hub_stop. */
static AgentHub *hub;

static double monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void deadline_after(struct timespec *ts, double ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += (time_t)(ms / 1000);
    ts->tv_nsec += (long)((ms - (double)(time_t)(ms / 1000) * 1000) * 1e6);
    if (ts->tv_nsec >= 1000000000) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000;
    }
}

static int def_func(JSContext *ctx, JSValueConst obj, const char *name, JSCFunction *fn, int length)
{
    JSValue f = JS_NewCFunction(ctx, fn, name, length);
    if (JS_IsException(f))
        return -1;
    return JS_DefinePropertyValueStr(ctx, obj, name, f, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}

static void print_exception(JSContext *ctx, const char *who)
{
    JSValue e = JS_GetException(ctx);
    const char *s = JS_ToCString(ctx, e);
    printf("%s: uncaught %s\n", who, s ? s : "(exception)");
    fflush(stdout);
    if (s)
        JS_FreeCString(ctx, s);
    else
        JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeValue(ctx, e);
}

/* ---------------------------------------------------------------- shared */

/* sleep(ms): the calling thread sleeps, waking early when the test ends. */
static JSValue js_agent_sleep(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double ms;
    struct timespec ts;
    (void)this_val;
    if (JS_ToFloat64(ctx, &ms, argc > 0 ? argv[0] : JS_UNDEFINED))
        return JS_EXCEPTION;
    if (!(ms > 0))
        return JS_UNDEFINED;
    if (ms > 1e7)
        ms = 1e7;
    deadline_after(&ts, ms);
    pthread_mutex_lock(&hub->lock);
    while (!hub->stopping) {
        if (pthread_cond_timedwait(&hub->cond, &hub->lock, &ts) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&hub->lock);
    return JS_UNDEFINED;
}

static JSValue js_agent_monotonic_now(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_NewFloat64(ctx, monotonic_ms());
}

/* ---------------------------------------------------------------- agent side */

static Agent *self_agent(JSContext *ctx)
{
    return JS_GetRuntimeOpaque(JS_GetRuntime(ctx));
}

static JSValue js_agent_receive_broadcast(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv)
{
    Agent *a = self_agent(ctx);
    (void)this_val;
    if (argc < 1 || !JS_IsFunction(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "receiveBroadcast: not a function");
    JS_FreeValue(ctx, a->callback);
    a->callback = JS_DupValue(ctx, argv[0]);
    pthread_mutex_lock(&hub->lock);
    a->has_callback = true;
    pthread_cond_broadcast(&hub->cond);
    pthread_mutex_unlock(&hub->lock);
    return JS_UNDEFINED;
}

static JSValue js_agent_report(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    Report *r;
    const char *s;
    (void)this_val;
    s = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!s)
        return JS_EXCEPTION;
    r = malloc(sizeof(*r));
    if (!r || !(r->text = strdup(s))) {
        free(r);
        JS_FreeCString(ctx, s);
        return JS_ThrowOutOfMemory(ctx);
    }
    JS_FreeCString(ctx, s);
    r->next = NULL;
    pthread_mutex_lock(&hub->lock);
    if (hub->reports_tail)
        hub->reports_tail->next = r;
    else
        hub->reports = r;
    hub->reports_tail = r;
    pthread_cond_broadcast(&hub->cond);
    pthread_mutex_unlock(&hub->lock);
    return JS_UNDEFINED;
}

static JSValue js_agent_leaving(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    Agent *a = self_agent(ctx);
    (void)this_val;
    (void)argc;
    (void)argv;
    pthread_mutex_lock(&hub->lock);
    a->left = true;
    pthread_cond_broadcast(&hub->cond);
    pthread_mutex_unlock(&hub->lock);
    return JS_UNDEFINED;
}

static int agent_interrupt(JSRuntime *rt, void *opaque)
{
    int stop;
    (void)rt;
    (void)opaque;
    pthread_mutex_lock(&hub->lock);
    stop = hub->stopping;
    pthread_mutex_unlock(&hub->lock);
    return stop;
}

static bool agent_stopping(void)
{
    return agent_interrupt(NULL, NULL) != 0;
}

/* Promise jobs and waitAsync settlements until none is pending. */
static void agent_drain(JSRuntime *rt)
{
    for (;;) {
        JSContext *jctx = NULL;
        int r;
        if (agent_stopping())
            return;
        if (weft_atomics_run_async(rt) < 0) {
            /* the exception is in one of the realm's contexts: ours */
        }
        r = JS_ExecutePendingJob(rt, &jctx);
        if (r < 0 && jctx) {
            print_exception(jctx, "agent");
            continue;
        }
        if (r > 0)
            continue;
        if (weft_atomics_async_timeout(rt) < 0)
            return;
        weft_atomics_async_sleep(rt, 50);
    }
}

static int setup_agent_realm(JSContext *ctx)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue d = JS_NewObject(ctx), ag = JS_NewObject(ctx);
    int ret = -1;
    if (JS_IsException(d) || JS_IsException(ag))
        goto done;
    if (def_func(ctx, ag, "receiveBroadcast", js_agent_receive_broadcast, 1) < 0 ||
        def_func(ctx, ag, "report", js_agent_report, 1) < 0 ||
        def_func(ctx, ag, "sleep", js_agent_sleep, 1) < 0 ||
        def_func(ctx, ag, "leaving", js_agent_leaving, 0) < 0 ||
        def_func(ctx, ag, "monotonicNow", js_agent_monotonic_now, 0) < 0)
        goto done;
    if (JS_DefinePropertyValueStr(ctx, d, "agent", ag, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        ag = JS_UNDEFINED;
        goto done;
    }
    ag = JS_UNDEFINED;
    ret = JS_DefinePropertyValueStr(ctx, global, "$262", d, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    d = JS_UNDEFINED;
done:
    JS_FreeValue(ctx, ag);
    JS_FreeValue(ctx, d);
    JS_FreeValue(ctx, global);
    return ret < 0 ? -1 : 0;
}

static void *agent_main(void *arg)
{
    Agent *a = arg;
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = rt ? JS_NewContext(rt) : NULL;
    JSValue r;

    a->callback = JS_UNDEFINED;
    if (ctx) {
        JS_SetRuntimeOpaque(rt, a);
        JS_SetCanBlock(rt, true);
        JS_SetInterruptHandler(rt, agent_interrupt, NULL);
        if (setup_agent_realm(ctx) < 0) {
            print_exception(ctx, "agent setup");
            JS_FreeContext(ctx);
            ctx = NULL;
        }
    }
    pthread_mutex_lock(&hub->lock);
    a->rt = ctx ? rt : NULL;
    a->started = true;
    pthread_cond_broadcast(&hub->cond);
    pthread_mutex_unlock(&hub->lock);
    if (!ctx)
        goto end;

    r = JS_Eval(ctx, a->src, strlen(a->src), "<agent>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(r))
        print_exception(ctx, "agent");
    JS_FreeValue(ctx, r);
    agent_drain(rt);

    /* deliver broadcasts to the callback until the test ends */
    while (JS_IsFunction(ctx, a->callback)) {
        JSValue args[2];
        pthread_mutex_lock(&hub->lock);
        while (!hub->stopping && !a->left && a->taken_seq == hub->bcast_seq)
            pthread_cond_wait(&hub->cond, &hub->lock);
        if (hub->stopping || a->taken_seq == hub->bcast_seq) {
            pthread_mutex_unlock(&hub->lock);
            break;
        }
        args[0] = wf_sab_from_data(ctx, hub->bcast_store);
        args[1] = hub->bcast_bigint ? JS_NewBigInt64(ctx, hub->bcast_int)
                                    : JS_NewFloat64(ctx, hub->bcast_num);
        a->taken_seq = hub->bcast_seq;
        pthread_cond_broadcast(&hub->cond);
        pthread_mutex_unlock(&hub->lock);
        r = JS_Call(ctx, a->callback, JS_UNDEFINED, 2, (JSValueConst *)args);
        JS_FreeValue(ctx, args[0]);
        JS_FreeValue(ctx, args[1]);
        if (JS_IsException(r))
            print_exception(ctx, "agent");
        JS_FreeValue(ctx, r);
        agent_drain(rt);
        if (a->left)
            break;
    }
    JS_FreeValue(ctx, a->callback);
    a->callback = JS_UNDEFINED;
    /* the main thread must not interrupt a runtime being freed */
    pthread_mutex_lock(&hub->lock);
    a->rt = NULL;
    pthread_mutex_unlock(&hub->lock);
    JS_FreeContext(ctx);
end:
    if (rt)
        JS_FreeRuntime(rt);
    pthread_mutex_lock(&hub->lock);
    a->exited = true;
    pthread_cond_broadcast(&hub->cond);
    pthread_mutex_unlock(&hub->lock);
    return NULL;
}

/* ---------------------------------------------------------------- main side */

static JSValue js_agent_start(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *src;
    Agent *a;
    (void)this_val;
    src = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!src)
        return JS_EXCEPTION;
    pthread_mutex_lock(&hub->lock);
    if (hub->nagents >= MAX_AGENTS) {
        pthread_mutex_unlock(&hub->lock);
        JS_FreeCString(ctx, src);
        return JS_ThrowRangeError(ctx, "too many agents");
    }
    a = &hub->agents[hub->nagents];
    memset(a, 0, sizeof(*a));
    a->src = strdup(src);
    a->taken_seq = hub->bcast_seq;
    JS_FreeCString(ctx, src);
    if (!a->src || pthread_create(&a->thread, NULL, agent_main, a) != 0) {
        free(a->src);
        pthread_mutex_unlock(&hub->lock);
        return JS_ThrowInternalError(ctx, "cannot start an agent");
    }
    hub->nagents++;
    while (!a->started)
        pthread_cond_wait(&hub->cond, &hub->lock);
    pthread_mutex_unlock(&hub->lock);
    return JS_UNDEFINED;
}

static JSValue js_agent_broadcast(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    void *store = wf_sab_data(argc > 0 ? argv[0] : JS_UNDEFINED);
    JSValueConst v = argc > 1 ? argv[1] : JS_UNDEFINED;
    bool is_big = JS_IsBigInt(ctx, v);
    int64_t big = 0;
    double num = 0;
    struct timespec ts;
    int i;
    (void)this_val;

    if (!store)
        return JS_ThrowTypeError(ctx, "broadcast: not a SharedArrayBuffer");
    if (is_big) {
        if (JS_ToBigInt64(ctx, &big, v))
            return JS_EXCEPTION;
    } else if (!JS_IsUndefined(v) && JS_ToFloat64(ctx, &num, v)) {
        return JS_EXCEPTION;
    }
    wf_sab_dup(JS_GetRuntime(ctx), store);
    deadline_after(&ts, BROADCAST_LIMIT_MS);
    pthread_mutex_lock(&hub->lock);
    if (hub->bcast_store)
        wf_sab_free(NULL, hub->bcast_store);
    hub->bcast_store = store;
    hub->bcast_bigint = is_big;
    hub->bcast_int = big;
    hub->bcast_num = num;
    hub->bcast_seq++;
    pthread_cond_broadcast(&hub->cond);
    for (;;) {
        bool all = true;
        for (i = 0; i < hub->nagents; i++) {
            Agent *a = &hub->agents[i];
            if (a->taken_seq != hub->bcast_seq && !a->exited && !a->left)
                all = false;
        }
        if (all || pthread_cond_timedwait(&hub->cond, &hub->lock, &ts) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&hub->lock);
    return JS_UNDEFINED;
}

static JSValue js_agent_get_report(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    Report *r;
    JSValue s;
    (void)this_val;
    (void)argc;
    (void)argv;
    pthread_mutex_lock(&hub->lock);
    r = hub->reports;
    if (r) {
        hub->reports = r->next;
        if (!hub->reports)
            hub->reports_tail = NULL;
    }
    pthread_mutex_unlock(&hub->lock);
    if (!r)
        return JS_NULL;
    s = JS_NewString(ctx, r->text);
    free(r->text);
    free(r);
    return s;
}

int agent_hub_init(void)
{
    pthread_condattr_t attr;
    hub = calloc(1, sizeof(*hub));
    if (!hub)
        return -1;
    pthread_mutex_init(&hub->lock, NULL);
    pthread_condattr_init(&attr);
    pthread_cond_init(&hub->cond, &attr);
    pthread_condattr_destroy(&attr);
    return 0;
}

int agent_setup_main(JSContext *ctx, JSValueConst d262)
{
    JSValue ag = JS_NewObject(ctx);
    if (JS_IsException(ag))
        return -1;
    if (def_func(ctx, ag, "start", js_agent_start, 1) < 0 ||
        def_func(ctx, ag, "broadcast", js_agent_broadcast, 2) < 0 ||
        def_func(ctx, ag, "getReport", js_agent_get_report, 0) < 0 ||
        def_func(ctx, ag, "sleep", js_agent_sleep, 1) < 0 ||
        def_func(ctx, ag, "monotonicNow", js_agent_monotonic_now, 0) < 0) {
        JS_FreeValue(ctx, ag);
        return -1;
    }
    return JS_DefinePropertyValueStr(ctx, d262, "agent", ag,
                                     JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0 ? -1 : 0;
}

void agent_hub_stop(void)
{
    int i;
    Report *r;
    if (!hub)
        return;
    pthread_mutex_lock(&hub->lock);
    hub->stopping = true;
    for (i = 0; i < hub->nagents; i++)
        if (hub->agents[i].rt)
            weft_atomics_interrupt(hub->agents[i].rt);
    pthread_cond_broadcast(&hub->cond);
    pthread_mutex_unlock(&hub->lock);
    for (i = 0; i < hub->nagents; i++) {
        pthread_join(hub->agents[i].thread, NULL);
        free(hub->agents[i].src);
    }
    while ((r = hub->reports)) {
        hub->reports = r->next;
        free(r->text);
        free(r);
    }
    if (hub->bcast_store)
        wf_sab_free(NULL, hub->bcast_store);
    pthread_cond_destroy(&hub->cond);
    pthread_mutex_destroy(&hub->lock);
    free(hub);
    hub = NULL;
}
