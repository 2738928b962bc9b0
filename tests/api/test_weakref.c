/*
 * test_weakref.c - weak references and the collector: WeakRef (kept
 * objects, cleared targets), FinalizationRegistry (cleanup jobs,
 * unregister, dead registries), WeakMap/WeakSet ephemerons (values and
 * cycles reachable only through dead keys are collected), symbols as weak
 * targets, JS_RunGC, and a runtime torn down with weak state left.
 *
 * Each scenario is JavaScript run with a global gc() (JS_RunGC) and a
 * global check(cond, what) that records failures in `failures`.
 */
#include "harness.h"

#include "quickjs.h"

static JSValue js_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    JS_RunGC(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

typedef struct Env {
    JSRuntime *rt;
    JSContext *ctx;
} Env;

static void env_init(Env *e)
{
    JSValue g;
    e->rt = JS_NewRuntime();
    ASSERT_NOT_NULL(e->rt);
    e->ctx = JS_NewContext(e->rt);
    ASSERT_NOT_NULL(e->ctx);
    g = JS_GetGlobalObject(e->ctx);
    ASSERT_EQ(JS_SetPropertyStr(e->ctx, g, "gc", JS_NewCFunction(e->ctx, js_gc, "gc", 0)), 1);
    JS_FreeValue(e->ctx, g);
}

static void env_free(Env *e)
{
    JS_FreeContext(e->ctx);
    JS_FreeRuntime(e->rt);
}

static void print_exception(JSContext *ctx)
{
    JSValue exc = JS_GetException(ctx);
    const char *s = JS_ToCString(ctx, exc);
    printf("exception: %s\n", s ? s : "?");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, exc);
}

/* Run a script; it must not throw. */
static void run(Env *e, const char *code)
{
    JSValue v = JS_Eval(e->ctx, code, strlen(code), "<weakref>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v)) {
        print_exception(e->ctx);
        printf("in: %s\n", code);
    }
    ASSERT_FALSE(JS_IsException(v));
    JS_FreeValue(e->ctx, v);
}

/* Run the pending jobs; none may throw. */
static void drain(Env *e)
{
    for (;;) {
        JSContext *c;
        int r = JS_ExecutePendingJob(e->rt, &c);
        if (r < 0)
            print_exception(c);
        ASSERT_GE(r, 0);
        if (r == 0)
            break;
    }
}

/* Evaluate an expression that must be true. */
static void expect(Env *e, const char *expr)
{
    JSValue v = JS_Eval(e->ctx, expr, strlen(expr), "<expect>", JS_EVAL_TYPE_GLOBAL);
    int b;
    if (JS_IsException(v))
        print_exception(e->ctx);
    ASSERT_FALSE(JS_IsException(v));
    b = JS_ToBool(e->ctx, v);
    JS_FreeValue(e->ctx, v);
    if (!b)
        printf("false: %s\n", expr);
    ASSERT_TRUE(b);
}

TEST_IMPL(weakref_kept_until_job_ends)
{
    Env e;
    env_init(&e);
    /* a cycle, so only the collector can free it */
    run(&e, "var o = {}; o.self = o; var wr = new WeakRef(o); o = null;"
            "gc(); var same_job = wr.deref() !== undefined;");
    expect(&e, "same_job");
    /* JS_RunGC with no JavaScript on the stack ends the job */
    JS_RunGC(e.rt);
    expect(&e, "wr.deref() === undefined");
    env_free(&e);
}

TEST_IMPL(weakref_job_boundary)
{
    Env e;
    env_init(&e);
    run(&e, "var log = [];"
            "var wr = new WeakRef((() => { var a = {}; a.a = a; return a; })());"
            "log.push(wr.deref() !== undefined);"
            "Promise.resolve().then(() => { gc(); log.push(wr.deref() === undefined); });");
    drain(&e);
    expect(&e, "log.join() === 'true,true'");
    env_free(&e);
}

TEST_IMPL(weakref_live_target_stays)
{
    Env e;
    env_init(&e);
    run(&e, "var keep = { x: 1 }; keep.self = keep; var wr = new WeakRef(keep);");
    JS_RunGC(e.rt);
    expect(&e, "wr.deref() === keep && wr.deref().x === 1");
    /* a WeakRef to itself, and a WeakRef dropped before its target */
    run(&e, "var w2 = new WeakRef(keep); w2 = null; var self_ref = {}; self_ref.wr = new WeakRef(self_ref);");
    JS_RunGC(e.rt);
    expect(&e, "self_ref.wr.deref() === self_ref");
    env_free(&e);
}

TEST_IMPL(finalization_callback_runs_as_job)
{
    Env e;
    env_init(&e);
    run(&e, "var got = [];"
            "var fr = new FinalizationRegistry(h => got.push(h));"
            "(function () { var a = {}; a.a = a; fr.register(a, 'cycle'); })();"
            "fr.register({}, 'plain');"          /* freed by its count */
            "fr.register(Symbol('s'), 'symbol');"
            "var kept = {}; fr.register(kept, 'kept');");
    JS_RunGC(e.rt);
    expect(&e, "got.length === 0");     /* only in a job */
    drain(&e);
    expect(&e, "got.sort().join() === 'cycle,plain,symbol'");
    env_free(&e);
}

TEST_IMPL(finalization_unregister)
{
    Env e;
    env_init(&e);
    run(&e, "var got = [];"
            "var fr = new FinalizationRegistry(h => got.push(h));"
            "var tok = {};"
            "var t1 = {}; t1.t = t1; var t2 = {}; t2.t = t2;"
            "fr.register(t1, 'a', tok); fr.register(t2, 'b', tok);"
            "var t3 = {}; fr.register(t3, 'c', t3);"     /* token == target */
            "var r1 = fr.unregister(tok), r2 = fr.unregister(tok);"
            "t1 = t2 = null;");
    expect(&e, "r1 === true && r2 === false");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.length === 0");
    run(&e, "t3 = null;");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.join() === 'c'");
    /* unregister after the target died but before the job ran */
    run(&e, "var t4 = {}; t4.t = t4; var tok4 = {}; fr.register(t4, 'd', tok4); t4 = null;");
    JS_RunGC(e.rt);
    expect(&e, "fr.unregister(tok4) === true");
    drain(&e);
    expect(&e, "got.join() === 'c'");
    env_free(&e);
}

TEST_IMPL(finalization_dead_registry)
{
    Env e;
    env_init(&e);
    run(&e, "var got = [];"
            "var target = {};"
            "(function () { var fr = new FinalizationRegistry(h => got.push(h));"
            "  fr.self = fr; fr.register(target, 'x'); })();");
    JS_RunGC(e.rt);     /* the registry (a cycle) dies first */
    run(&e, "target = null;");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.length === 0");
    env_free(&e);
}

TEST_IMPL(finalization_callback_throws)
{
    Env e;
    JSContext *c;
    int r, n = 0;
    env_init(&e);
    run(&e, "var got = [];"
            "var fr = new FinalizationRegistry(h => { got.push(h); if (h === 1) throw new Error('boom'); });"
            "fr.register({}, 1); fr.register({}, 2);");
    while ((r = JS_ExecutePendingJob(e.rt, &c)) != 0) {
        if (r < 0) {
            JSValue exc = JS_GetException(c);
            JS_FreeValue(c, exc);
            n++;
        }
    }
    ASSERT_EQ(n, 1);
    /* the cell left over runs in a later job */
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.join() === '1,2'");
    env_free(&e);
}

TEST_IMPL(ephemeron_value_dies_with_key)
{
    Env e;
    env_init(&e);
    run(&e, "var got = [];"
            "var fr = new FinalizationRegistry(h => got.push(h));"
            "var wm = new WeakMap();"
            "(function () {"
            "  var k = {}; var v = { back: k };"     /* the value refers to its key */
            "  wm.set(k, v); fr.register(k, 'key'); fr.register(v, 'value');"
            "})();");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.sort().join() === 'key,value'");
    env_free(&e);
}

TEST_IMPL(ephemeron_live_key_keeps_value)
{
    Env e;
    env_init(&e);
    run(&e, "var got = [];"
            "var fr = new FinalizationRegistry(h => got.push(h));"
            "var wm = new WeakMap(); var k = {};"
            "(function () { var v = { back: k, n: 42 }; wm.set(k, v); fr.register(v, 'value'); })();"
            /* a chain: k -> a -> b through the map */
            "(function () { var a = {}, b = { n: 7 }; wm.set(a, b); wm.set(k.a = a, b); fr.register(b, 'b'); })();");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.length === 0 && wm.get(k).n === 42 && wm.get(k).back === k && wm.get(k.a).n === 7");
    run(&e, "delete k.a;");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.join() === 'b'");
    env_free(&e);
}

TEST_IMPL(ephemeron_cycles_between_maps)
{
    Env e;
    env_init(&e);
    run(&e, "var got = [];"
            "var fr = new FinalizationRegistry(h => got.push(h));"
            "var m1 = new WeakMap(), m2 = new WeakMap();"
            "var root = {};"
            "(function () {"
            "  var a = {}, b = {}, c = {};"
            "  m1.set(root, a); m2.set(a, b); m1.set(b, c); m2.set(c, a);"   /* root -> a -> b -> c -> a */
            "  fr.register(a, 'a'); fr.register(b, 'b'); fr.register(c, 'c');"
            "})();");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.length === 0 && m2.get(m1.get(root)) !== undefined");
    run(&e, "root = null;");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.sort().join() === 'a,b,c'");
    env_free(&e);
}

TEST_IMPL(ephemeron_dead_map_releases_values)
{
    Env e;
    env_init(&e);
    run(&e, "var got = [];"
            "var fr = new FinalizationRegistry(h => got.push(h));"
            "var key = {};"
            "(function () { var m = new WeakMap(); m.self = m; var v = { m };"
            "  m.set(key, v); fr.register(v, 'v'); })();"
            "(function () { var s = new WeakSet(); s.add(key); s.add(s); })();");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "got.join() === 'v'");
    env_free(&e);
}

TEST_IMPL(symbols_as_weak_targets)
{
    Env e;
    env_init(&e);
    run(&e, "var got = [];"
            "var fr = new FinalizationRegistry(h => got.push(h));"
            "var wm = new WeakMap(), ws = new WeakSet();"
            "var live = Symbol('live');"
            "wm.set(live, 1); ws.add(live);"
            "(function () { var s = Symbol('dead'); var v = {}; wm.set(s, v); ws.add(s); fr.register(v, 'value of dead symbol'); })();"
            "var wr = new WeakRef(Symbol('w'));"
            "var threw = false; try { new WeakRef(Symbol.for('reg')); } catch (e) { threw = e instanceof TypeError; }"
            "var wk = new WeakRef(Symbol.iterator);");
    JS_RunGC(e.rt);
    drain(&e);
    expect(&e, "threw && wm.get(live) === 1 && ws.has(live) && wk.deref() === Symbol.iterator");
    expect(&e, "wr.deref() === undefined && got.join() === 'value of dead symbol'");
    env_free(&e);
}

TEST_IMPL(many_entries_and_gc_threshold)
{
    Env e;
    env_init(&e);
    JS_SetGCThreshold(e.rt, 64 * 1024);
    run(&e, "var wm = new WeakMap(); var keep = [];"
            "for (var i = 0; i < 20000; i++) { var k = { i }; k.k = k; wm.set(k, { k, i });"
            "  if (i % 100 === 0) keep.push(k); }"
            "var ok = true; for (var k of keep) ok = ok && wm.get(k).i === k.i;");
    JS_RunGC(e.rt);
    expect(&e, "ok && keep.every(k => wm.get(k).k === k)");
    env_free(&e);
}

TEST_IMPL(teardown_with_weak_state)
{
    Env e;
    env_init(&e);
    JS_SetDumpFlags(e.rt, 0);
    /* kept objects, pending cleanup jobs, live maps and registries whose
       targets are still alive when the runtime goes (ASan checks it) */
    run(&e, "var fr = new FinalizationRegistry(() => {}); var o = {}; o.o = o;"
            "fr.register(o, 1, o); var wr = new WeakRef(o); var wm = new WeakMap(); wm.set(o, fr);"
            "fr.register({}, 2); var s = Symbol(); wm.set(s, wm); new WeakRef(s);");
    env_free(&e);
}

TEST_IMPL(teardown_contexts_not_freed)
{
    /* the embedder forgets its contexts: the runtime tears them down one
       by one while registries in them still have live targets */
    JSRuntime *rt = JS_NewRuntime();
    JSContext *c1 = JS_NewContext(rt), *c2 = JS_NewContext(rt);
    static const char code[] =
        "var fr = new FinalizationRegistry(h => {}); var ts = [];"
        "for (var i = 0; i < 10; i++) { var t = { i }; ts.push(t); fr.register(t, i, t); }"
        "var wm = new WeakMap(); for (var t of ts) wm.set(t, { t, fr });"
        "var wr = new WeakRef(ts[0]);";
    JSValue v;
    ASSERT_NOT_NULL(c1);
    ASSERT_NOT_NULL(c2);
    v = JS_Eval(c1, code, strlen(code), "<c1>", JS_EVAL_TYPE_GLOBAL);
    ASSERT_FALSE(JS_IsException(v));
    JS_FreeValue(c1, v);
    v = JS_Eval(c2, code, strlen(code), "<c2>", JS_EVAL_TYPE_GLOBAL);
    ASSERT_FALSE(JS_IsException(v));
    JS_FreeValue(c2, v);
    JS_FreeRuntime(rt);
}

#define TEST_LIST(X)                        \
    X(weakref_kept_until_job_ends)          \
    X(weakref_job_boundary)                 \
    X(weakref_live_target_stays)            \
    X(finalization_callback_runs_as_job)    \
    X(finalization_unregister)              \
    X(finalization_dead_registry)           \
    X(finalization_callback_throws)         \
    X(ephemeron_value_dies_with_key)        \
    X(ephemeron_live_key_keeps_value)       \
    X(ephemeron_cycles_between_maps)        \
    X(ephemeron_dead_map_releases_values)   \
    X(symbols_as_weak_targets)              \
    X(many_entries_and_gc_threshold)        \
    X(teardown_with_weak_state)             \
    X(teardown_contexts_not_freed)
HARNESS_MAIN(TEST_LIST)
