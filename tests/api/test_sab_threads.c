/*
 * test_sab_threads.c - one SharedArrayBuffer shared by runtimes on several
 * threads: Atomics read-modify-writes give exact totals, Atomics.wait /
 * notify hand a token around a ring of 8 threads and count exactly, an
 * interrupt wakes a blocked wait, waitAsync settles across threads, a
 * growable SAB grows for every holder, and embedder
 * JSSharedArrayBufferFunctions see every reference.
 *
 * The scripts touch shared memory only through Atomics, so this must run
 * clean under ThreadSanitizer (-DWEFT_ENABLE_TSAN=ON).  The store is
 * handed between runtimes with the engine's store API (engine/sab.h), the
 * same calls the structured clone makes.
 */
#include "harness.h"

#include <pthread.h>
#include <stdatomic.h>

#include "quickjs.h"
#include "weft.h"
#include "engine/sab.h"

#define NTHREADS 8

static void sleep_us(long us)
{
    struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
    nanosleep(&ts, NULL);
}

typedef struct Worker {
    int id;
    void *store;                /* the SAB store (the main thread holds a reference) */
    const char *script;         /* run with `sab` and `id` defined */
    JSRuntime *rt;              /* published once the runtime exists */
    _Atomic(int) rt_ready;
    char result[128];           /* the script's completion value as a string */
    char error[256];
} Worker;

static void format_exception(JSContext *ctx, char *buf, size_t size)
{
    JSValue e = JS_GetException(ctx);
    const char *s = JS_ToCString(ctx, e);
    snprintf(buf, size, "exception: %s", s ? s : "?");
    if (s)
        JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, e);
}

/* A new context whose global `sab` is a SharedArrayBuffer over store. */
static JSContext *context_with_sab(JSRuntime *rt, void *store, int id)
{
    JSContext *ctx = JS_NewContext(rt);
    JSValue global;
    if (!ctx)
        return NULL;
    global = JS_GetGlobalObject(ctx);
    JS_SetPropertyStr(ctx, global, "sab", wf_sab_from_data(ctx, store));
    JS_SetPropertyStr(ctx, global, "id", JS_NewInt32(ctx, id));
    JS_FreeValue(ctx, global);
    return ctx;
}

static void *worker_main(void *arg)
{
    Worker *w = arg;
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx;
    JSValue v;

    if (!rt) {
        snprintf(w->error, sizeof w->error, "JS_NewRuntime failed");
        atomic_store(&w->rt_ready, 1);
        return NULL;
    }
    JS_UpdateStackTop(rt);
    ctx = context_with_sab(rt, w->store, w->id);
    w->rt = rt;
    atomic_store(&w->rt_ready, 1);
    if (!ctx) {
        snprintf(w->error, sizeof w->error, "JS_NewContext failed");
        JS_FreeRuntime(rt);
        return NULL;
    }
    v = JS_Eval(ctx, w->script, strlen(w->script), "<worker>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v)) {
        format_exception(ctx, w->error, sizeof w->error);
    } else {
        const char *s = JS_ToCString(ctx, v);
        snprintf(w->result, sizeof w->result, "%s", s ? s : "?");
        if (s)
            JS_FreeCString(ctx, s);
    }
    JS_FreeValue(ctx, v);
    JS_FreeContext(ctx);
    atomic_store(&w->rt_ready, 2);     /* the runtime goes away now */
    JS_FreeRuntime(rt);
    return NULL;
}

/* The main thread's runtime holding the SAB `sab` (created by src). */
typedef struct Main {
    JSRuntime *rt;
    JSContext *ctx;
    void *store;
} Main;

static void main_open(Main *m, const char *src)
{
    JSValue v, global, sab;
    m->rt = JS_NewRuntime();
    ASSERT_NOT_NULL(m->rt);
    m->ctx = JS_NewContext(m->rt);
    ASSERT_NOT_NULL(m->ctx);
    v = JS_Eval(m->ctx, src, strlen(src), "<main>", JS_EVAL_TYPE_GLOBAL);
    ASSERT_FALSE(JS_IsException(v));
    JS_FreeValue(m->ctx, v);
    global = JS_GetGlobalObject(m->ctx);
    sab = JS_GetPropertyStr(m->ctx, global, "sab");
    m->store = wf_sab_data(sab);
    ASSERT_NOT_NULL(m->store);
    JS_FreeValue(m->ctx, sab);
    JS_FreeValue(m->ctx, global);
}

/* Evaluates src in the main runtime and returns it as an int64. */
static int64_t main_eval_int(Main *m, const char *src)
{
    int64_t r = -1;
    JSValue v = JS_Eval(m->ctx, src, strlen(src), "<main>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v)) {
        char buf[256];
        format_exception(m->ctx, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        ASSERT(0);
    }
    ASSERT_EQ(JS_ToInt64(m->ctx, &r, v), 0);
    JS_FreeValue(m->ctx, v);
    return r;
}

static void main_close(Main *m)
{
    JS_FreeContext(m->ctx);
    JS_FreeRuntime(m->rt);
}

static void run_workers(Worker *w, int n, void *store, const char *script)
{
    pthread_t th[NTHREADS];
    int i;
    for (i = 0; i < n; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        w[i].store = store;
        w[i].script = script;
        ASSERT_EQ(pthread_create(&th[i], NULL, worker_main, &w[i]), 0);
    }
    for (i = 0; i < n; i++)
        ASSERT_EQ(pthread_join(th[i], NULL), 0);
    for (i = 0; i < n; i++)
        ASSERT_STR_EQ(w[i].error, "");
}

#define ADD_ROUNDS 20000

TEST_IMPL(atomics_add_exact_totals)
{
    static const char script[] =
        "var ia = new Int32Array(sab), ba = new BigInt64Array(sab, 64);\n"
        "for (var i = 0; i < 20000; i++) {\n"
        "  Atomics.add(ia, 0, 1);\n"
        "  Atomics.sub(ia, 1, 2);\n"
        "  Atomics.add(ba, 0, 3n);\n"
        "  Atomics.or(ia, 2, 1 << id);\n"
        "  Atomics.add(ia, 3 + id, 1);\n"
        "  var old;\n"
        "  do { old = Atomics.load(ia, 12); } while (Atomics.compareExchange(ia, 12, old, old + 5) !== old);\n"
        "}\n"
        "'done'";
    Main m;
    Worker w[NTHREADS];
    int i;

    main_open(&m, "var sab = new SharedArrayBuffer(128); var ia = new Int32Array(sab);");
    run_workers(w, NTHREADS, m.store, script);
    for (i = 0; i < NTHREADS; i++)
        ASSERT_STR_EQ(w[i].result, "done");
    ASSERT_EQ(main_eval_int(&m, "Atomics.load(ia, 0)"), NTHREADS * ADD_ROUNDS);
    ASSERT_EQ(main_eval_int(&m, "Atomics.load(ia, 1)"), -2 * NTHREADS * ADD_ROUNDS);
    ASSERT_EQ(main_eval_int(&m, "Number(Atomics.load(new BigInt64Array(sab, 64), 0))"),
              3 * NTHREADS * ADD_ROUNDS);
    ASSERT_EQ(main_eval_int(&m, "Atomics.load(ia, 2)"), (1 << NTHREADS) - 1);
    for (i = 0; i < NTHREADS; i++) {
        char src[64];
        snprintf(src, sizeof src, "Atomics.load(ia, %d)", 3 + i);
        ASSERT_EQ(main_eval_int(&m, src), ADD_ROUNDS);
    }
    ASSERT_EQ(main_eval_int(&m, "Atomics.load(ia, 12)"), 5 * NTHREADS * ADD_ROUNDS);
    main_close(&m);
}

#define RING_ROUNDS 300

TEST_IMPL(wait_notify_token_ring)
{
    /* ia[0]: whose turn; ia[1]: passes; ia[2]: wakes counted by notify.
       Each thread waits for its turn with Atomics.wait, passes the token
       to the next one and wakes every waiter. */
    static const char script[] =
        "var ia = new Int32Array(sab), n = 8, waits = 0;\n"
        "for (var r = 0; r < 300; r++) {\n"
        "  for (;;) {\n"
        "    var t = Atomics.load(ia, 0);\n"
        "    if (t === id) break;\n"
        "    Atomics.wait(ia, 0, t);\n"
        "    waits++;\n"
        "  }\n"
        "  Atomics.add(ia, 1, 1);\n"
        "  Atomics.store(ia, 0, (id + 1) % n);\n"
        "  Atomics.add(ia, 2, Atomics.notify(ia, 0));\n"
        "}\n"
        "'done'";
    Main m;
    Worker w[NTHREADS];
    int i;

    main_open(&m, "var sab = new SharedArrayBuffer(16); var ia = new Int32Array(sab);");
    run_workers(w, NTHREADS, m.store, script);
    for (i = 0; i < NTHREADS; i++)
        ASSERT_STR_EQ(w[i].result, "done");
    ASSERT_EQ(main_eval_int(&m, "Atomics.load(ia, 1)"), NTHREADS * RING_ROUNDS);
    ASSERT_EQ(main_eval_int(&m, "Atomics.load(ia, 0)"), 0);
    /* nobody is left waiting */
    ASSERT_EQ(main_eval_int(&m, "Atomics.notify(ia, 0)"), 0);
    main_close(&m);
}

TEST_IMPL(notify_counts_exactly)
{
    /* 7 waiters on ia[0]; the main thread wakes them 2 + 5 and then
       finds no one.  ia[1] counts threads about to wait. */
    static const char script[] =
        "var ia = new Int32Array(sab);\n"
        "Atomics.add(ia, 1, 1);\n"
        "Atomics.wait(ia, 0, 0)";
    Worker w[NTHREADS - 1];
    pthread_t th[NTHREADS - 1];
    Main m;
    int i, n = NTHREADS - 1;
    int64_t woken = 0, r;

    main_open(&m, "var sab = new SharedArrayBuffer(16); var ia = new Int32Array(sab);");
    for (i = 0; i < n; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        w[i].store = m.store;
        w[i].script = script;
        ASSERT_EQ(pthread_create(&th[i], NULL, worker_main, &w[i]), 0);
    }
    while (main_eval_int(&m, "Atomics.load(ia, 1)") < n)
        sleep_us(1000);
    sleep_us(50000);  /* let them reach the wait; a late one is still counted below */
    r = main_eval_int(&m, "Atomics.notify(ia, 0, 2)");
    ASSERT_LE(r, 2);
    woken += r;
    while (woken < n) {
        r = main_eval_int(&m, "Atomics.notify(ia, 0, 5)");
        ASSERT_LE(r, 5);
        woken += r;
        if (woken < n)
            sleep_us(1000);
    }
    ASSERT_EQ(woken, n);
    ASSERT_EQ(main_eval_int(&m, "Atomics.notify(ia, 0)"), 0);
    for (i = 0; i < n; i++)
        ASSERT_EQ(pthread_join(th[i], NULL), 0);
    for (i = 0; i < n; i++) {
        ASSERT_STR_EQ(w[i].error, "");
        ASSERT_STR_EQ(w[i].result, "ok");
    }
    main_close(&m);
}

TEST_IMPL(interrupt_wakes_wait)
{
    static const char script[] =
        "var ia = new Int32Array(sab);\n"
        "Atomics.store(ia, 1, 1);\n"
        "try { Atomics.wait(ia, 0, 0); 'returned' } catch (e) { 'caught' }";
    Main m;
    Worker w;
    pthread_t th;

    main_open(&m, "var sab = new SharedArrayBuffer(16); var ia = new Int32Array(sab);");
    memset(&w, 0, sizeof w);
    w.store = m.store;
    w.script = script;
    ASSERT_EQ(pthread_create(&th, NULL, worker_main, &w), 0);
    while (main_eval_int(&m, "Atomics.load(ia, 1)") == 0)
        sleep_us(1000);
    sleep_us(20000);
    /* the worker's runtime lives until its script ends */
    ASSERT_EQ(atomic_load(&w.rt_ready), 1);
    weft_atomics_interrupt(w.rt);
    ASSERT_EQ(pthread_join(th, NULL), 0);
    /* uncatchable: the script ends with the interrupt error */
    ASSERT_STR_EQ(w.error, "exception: InternalError: interrupted");
    main_close(&m);
}

TEST_IMPL(wait_async_across_threads)
{
    /* the worker notifies; the main runtime's waitAsync promise settles
       on the main thread */
    static const char script[] =
        "var ia = new Int32Array(sab);\n"
        "while (Atomics.load(ia, 1) === 0) ;\n"
        "var n = 0; while ((n = Atomics.notify(ia, 0)) === 0) ;\n"
        "String(n)";
    Main m;
    Worker w;
    pthread_t th;
    int64_t t;
    int settled = 0;

    main_open(&m, "var sab = new SharedArrayBuffer(16); var ia = new Int32Array(sab);\n"
                  "var res = 'pending', timed = 'pending';\n"
                  "Atomics.waitAsync(ia, 0, 0).value.then(v => { res = v; });\n"
                  "Atomics.waitAsync(ia, 2, 0, 10).value.then(v => { timed = v; });\n"
                  "Atomics.store(ia, 1, 1);");
    memset(&w, 0, sizeof w);
    w.store = m.store;
    w.script = script;
    ASSERT_EQ(pthread_create(&th, NULL, worker_main, &w), 0);
    while (settled < 2) {
        JSContext *jctx;
        int r;
        t = weft_atomics_async_timeout(m.rt);
        ASSERT_GE(t, 0);
        weft_atomics_async_sleep(m.rt, 1000);
        r = weft_atomics_run_async(m.rt);
        ASSERT_GE(r, 0);
        settled += r;
        while (JS_ExecutePendingJob(m.rt, &jctx) > 0)
            ;
    }
    ASSERT_EQ(weft_atomics_async_timeout(m.rt), -1);
    ASSERT_EQ(pthread_join(th, NULL), 0);
    ASSERT_STR_EQ(w.error, "");
    ASSERT_STR_EQ(w.result, "1");
    ASSERT_EQ(main_eval_int(&m, "res === 'ok' && timed === 'timed-out' ? 1 : 0"), 1);
    main_close(&m);
}

TEST_IMPL(growable_grows_for_every_holder)
{
    static const char script[] =
        "var before = sab.byteLength;\n"
        "sab.grow(64 + 16 * id);\n"            /* the grows race; lengths only go up */
        "var ia = new Int32Array(sab);\n"      /* length-tracking */
        "Atomics.add(ia, 15, 1);\n"
        "before >= 16 && sab.growable && sab.maxByteLength === 1024 ? 'ok' : 'bad'";
    Main m;
    Worker w[4];
    int i;

    main_open(&m, "var sab = new SharedArrayBuffer(16, { maxByteLength: 1024 });\n"
                  "var ia = new Int32Array(sab);");
    for (i = 0; i < 4; i++) {
        /* a grow that would shrink throws: run them in order of size */
        run_workers(&w[i], 1, m.store, script);
    }
    for (i = 0; i < 4; i++)
        ASSERT_STR_EQ(w[i].result, "ok");
    ASSERT_EQ(main_eval_int(&m, "sab.byteLength"), 64);
    ASSERT_EQ(main_eval_int(&m, "ia.length"), 16);
    ASSERT_EQ(main_eval_int(&m, "Atomics.load(ia, 15)"), 4);
    ASSERT_EQ(main_eval_int(&m, "try { sab.grow(32); 0 } catch (e) { e instanceof RangeError ? 1 : 2 }"), 1);
    main_close(&m);
}

/* Embedder functions: a count in front of each block. */
typedef struct Counts {
    _Atomic(int) allocs, frees, dups, live;
} Counts;

typedef struct Block {
    _Atomic(int) refs;
    int pad[3];
} Block;

static void *emb_alloc(void *opaque, size_t size)
{
    Counts *c = opaque;
    Block *b = malloc(sizeof(Block) + size);
    if (!b)
        return NULL;
    atomic_init(&b->refs, 1);
    atomic_fetch_add(&c->allocs, 1);
    atomic_fetch_add(&c->live, 1);
    return b + 1;
}

static void emb_dup(void *opaque, void *ptr)
{
    Counts *c = opaque;
    Block *b = (Block *)ptr - 1;
    atomic_fetch_add(&c->dups, 1);
    atomic_fetch_add(&b->refs, 1);
}

static void emb_free(void *opaque, void *ptr)
{
    Counts *c = opaque;
    Block *b = (Block *)ptr - 1;
    atomic_fetch_add(&c->frees, 1);
    if (atomic_fetch_sub(&b->refs, 1) == 1) {
        atomic_fetch_sub(&c->live, 1);
        free(b);
    }
}

TEST_IMPL(embedder_sab_functions)
{
    Counts c;
    JSSharedArrayBufferFunctions sf = { emb_alloc, emb_free, emb_dup, &c };
    JSRuntime *rt;
    JSContext *ctx;
    Worker w[2];
    JSValue v, sab;
    void *store;
    int64_t x;

    memset(&c, 0, sizeof c);
    rt = JS_NewRuntime();
    ASSERT_NOT_NULL(rt);
    JS_SetSharedArrayBufferFunctions(rt, &sf);
    ctx = JS_NewContext(rt);
    ASSERT_NOT_NULL(ctx);
    sab = JS_Eval(ctx, "new SharedArrayBuffer(8)", 24, "<e>", JS_EVAL_TYPE_GLOBAL);
    ASSERT_FALSE(JS_IsException(sab));
    ASSERT_EQ(atomic_load(&c.allocs), 1);
    store = wf_sab_data(sab);
    ASSERT_NOT_NULL(store);
    run_workers(w, 2, store,
                "var ia = new Int32Array(sab); Atomics.add(ia, 0, 21); ia.length");
    ASSERT_STR_EQ(w[0].result, "2");
    /* each worker object took and dropped one reference */
    ASSERT_EQ(atomic_load(&c.dups), 2);
    ASSERT_EQ(atomic_load(&c.frees), 2);
    ASSERT_EQ(atomic_load(&c.live), 1);
    {
        JSValue global = JS_GetGlobalObject(ctx);
        JS_SetPropertyStr(ctx, global, "s", sab);
        JS_FreeValue(ctx, global);
    }
    v = JS_Eval(ctx, "Atomics.load(new Int32Array(s), 0)", 34, "<e>", JS_EVAL_TYPE_GLOBAL);
    ASSERT_EQ(JS_ToInt64(ctx, &x, v), 0);
    ASSERT_EQ(x, 42);
    JS_FreeValue(ctx, v);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    ASSERT_EQ(atomic_load(&c.live), 0);
    ASSERT_EQ(atomic_load(&c.frees), 3);
}

TEST_IMPL(store_outlives_its_runtime)
{
    /* the runtime that made the SAB goes first; another still uses it */
    Main m;
    Worker w;
    void *store;
    main_open(&m, "var sab = new SharedArrayBuffer(8); Atomics.store(new Int32Array(sab), 0, 7);");
    store = m.store;
    wf_sab_dup(NULL, store);
    main_close(&m);
    run_workers(&w, 1, store, "Atomics.load(new Int32Array(sab), 0)");
    ASSERT_STR_EQ(w.result, "7");
    wf_sab_free(NULL, store);
}

TEST_IMPL(cannot_block)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    static const char src[] =
        "var ia = new Int32Array(new SharedArrayBuffer(4));\n"
        "var r = []; try { Atomics.wait(ia, 0, 0, 0); } catch (e) { r.push(e.constructor.name); }\n"
        "r.push(Atomics.waitAsync(ia, 0, 0, 0).value); r.join()";
    JSValue v;
    const char *s;
    JS_SetCanBlock(rt, false);
    v = JS_Eval(ctx, src, strlen(src), "<b>", JS_EVAL_TYPE_GLOBAL);
    s = JS_ToCString(ctx, v);
    ASSERT_STR_EQ(s, "TypeError,timed-out");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, v);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

#define TEST_LIST(X)                    \
    X(atomics_add_exact_totals)         \
    X(wait_notify_token_ring)           \
    X(notify_counts_exactly)            \
    X(interrupt_wakes_wait)             \
    X(wait_async_across_threads)        \
    X(growable_grows_for_every_holder)  \
    X(embedder_sab_functions)           \
    X(store_outlives_its_runtime)       \
    X(cannot_block)

HARNESS_MAIN(TEST_LIST)
