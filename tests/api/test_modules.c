/*
 * test_modules.c - ES modules through the public API: an in-memory host
 * loader (JS_SetModuleLoaderFunc), JS_Eval(JS_EVAL_TYPE_MODULE) with
 * JS_EVAL_FLAG_COMPILE_ONLY + JS_EvalFunction, live bindings, cycles,
 * namespace objects, import.meta, top-level await, import(), link errors,
 * C modules (JS_NewCModule), JSON modules, and freeing everything (leaks
 * are reported by JS_DUMP_LEAKS).
 */
#include "harness.h"

#include "quickjs.h"

typedef struct Src {
    const char *name;
    const char *text;
} Src;

static const Src sources[] = {
    { "lib.js",
      "export let counter = 1;\n"
      "export function bump() { counter++; }\n"
      "export default 'lib default';\n"
      "export * from './more.js';\n" },
    { "more.js", "export const more = 'more'; export const shadow = 1;\n" },
    { "cyc_a.js",
      "import { b } from './cyc_b.js';\n"
      "export function a() { return 'a' + b(); }\n" },
    { "cyc_b.js",
      "import { a } from './cyc_a.js';\n"
      "export function b() { return 'b'; }\n"
      "export function callA() { return a(); }\n" },
    { "tla.js", "export const v = await Promise.resolve(42);\n" },
    { "bad_import.js", "import { nope } from './more.js';\n" },
    { "throws.js", "throw new Error('module failed');\n" },
    { "data.json", "{ \"k\": [1, 2] }" },
    { NULL, NULL },
};

static int loads;

static JSModuleDef *loader(JSContext *ctx, const char *name, void *opaque)
{
    const Src *s;
    (void)opaque;
    loads++;
    for (s = sources; s->name; s++) {
        if (!strcmp(s->name, name)) {
            JSValue m = JS_Eval(ctx, s->text, strlen(s->text), name,
                                JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
            if (JS_IsException(m))
                return NULL;
            return (JSModuleDef *)JS_VALUE_GET_PTR(m);
        }
    }
    JS_ThrowReferenceError(ctx, "no module '%s'", name);
    return NULL;
}

typedef struct Env {
    JSRuntime *rt;
    JSContext *ctx;
} Env;

static Env env_new(void)
{
    Env e;
    e.rt = JS_NewRuntime();
    ASSERT_NOT_NULL(e.rt);
    JS_SetDumpFlags(e.rt, JS_DUMP_LEAKS);
    JS_SetModuleLoaderFunc(e.rt, NULL, loader, NULL);
    e.ctx = JS_NewContext(e.rt);
    ASSERT_NOT_NULL(e.ctx);
    loads = 0;
    return e;
}

static void env_free(Env *e)
{
    JS_FreeContext(e->ctx);
    JS_FreeRuntime(e->rt);
}

static void run_jobs(Env *e)
{
    JSContext *c;
    int r;
    while ((r = JS_ExecutePendingJob(e->rt, &c)) != 0)
        ASSERT_GT(r, 0);
}

/* Runs module source `text` named `name`; returns its evaluation promise. */
static JSValue run_module(Env *e, const char *name, const char *text)
{
    JSValue m = JS_Eval(e->ctx, text, strlen(text), name,
                        JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    JSValue p;
    ASSERT(!JS_IsException(m));
    ASSERT(JS_IsModule(m));
    p = JS_EvalFunction(e->ctx, m);
    return p;
}

/* Global variable as a C string (freed by the caller with JS_FreeCString). */
static const char *global_str(Env *e, const char *name)
{
    JSValue g = JS_GetGlobalObject(e->ctx);
    JSValue v = JS_GetPropertyStr(e->ctx, g, name);
    const char *s = JS_ToCString(e->ctx, v);
    JS_FreeValue(e->ctx, v);
    JS_FreeValue(e->ctx, g);
    return s;
}

static void expect_global(Env *e, const char *name, const char *want)
{
    const char *s = global_str(e, name);
    ASSERT_NOT_NULL(s);
    ASSERT_STR_EQ(s, want);
    JS_FreeCString(e->ctx, s);
}

TEST_IMPL(static_imports)
{
    Env e = env_new();
    JSValue p = run_module(&e, "main.js",
        "import def, { counter, bump, more } from './lib.js';\n"
        "import * as ns from './lib.js';\n"
        "const before = counter; bump();\n"
        "globalThis.out = [def, before, counter, ns.counter, more, ns.shadow,\n"
        "                  Object.keys(ns).join(), ns[Symbol.toStringTag],\n"
        "                  Object.isExtensible(ns)].join('|');\n");
    ASSERT(!JS_IsException(p));
    run_jobs(&e);
    ASSERT_EQ(JS_PromiseState(e.ctx, p), JS_PROMISE_FULFILLED);
    JS_FreeValue(e.ctx, p);
    expect_global(&e, "out", "lib default|1|2|2|more|1|bump,counter,default,more,shadow|Module|false");
    ASSERT_EQ(loads, 2);
    env_free(&e);
}

TEST_IMPL(namespace_is_read_only)
{
    Env e = env_new();
    JSValue p = run_module(&e, "main.js",
        "import * as ns from './lib.js';\n"
        "let r = [];\n"
        "try { ns.counter = 5; } catch (x) { r.push(x.constructor.name); }\n"
        "try { delete ns.more; } catch (x) { r.push(x.constructor.name); }\n"
        "r.push(delete ns.nothing, 'more' in ns, Object.getPrototypeOf(ns));\n"
        "globalThis.out = r.join();\n");
    ASSERT(!JS_IsException(p));
    run_jobs(&e);
    JS_FreeValue(e.ctx, p);
    expect_global(&e, "out", "TypeError,TypeError,true,true,");
    env_free(&e);
}

TEST_IMPL(cycles_and_hoisting)
{
    Env e = env_new();
    JSValue p = run_module(&e, "main.js",
        "import { a } from './cyc_a.js';\n"
        "import { callA } from './cyc_b.js';\n"
        "globalThis.out = a() + callA();\n");
    ASSERT(!JS_IsException(p));
    run_jobs(&e);
    JS_FreeValue(e.ctx, p);
    expect_global(&e, "out", "abab");
    env_free(&e);
}

TEST_IMPL(top_level_await)
{
    Env e = env_new();
    JSValue p = run_module(&e, "main.js",
        "import { v } from './tla.js';\n"
        "globalThis.out = String(v + await 1);\n");
    ASSERT(!JS_IsException(p));
    ASSERT_EQ(JS_PromiseState(e.ctx, p), JS_PROMISE_PENDING);
    run_jobs(&e);
    ASSERT_EQ(JS_PromiseState(e.ctx, p), JS_PROMISE_FULFILLED);
    JS_FreeValue(e.ctx, p);
    expect_global(&e, "out", "43");
    env_free(&e);
}

TEST_IMPL(dynamic_import)
{
    Env e = env_new();
    JSValue p = run_module(&e, "main.js",
        "globalThis.out = 'pending';\n"
        "import('./lib.js').then(ns => { globalThis.out = ns.default; },\n"
        "                        x => { globalThis.out = 'failed ' + x; });\n"
        "import('./missing.js').catch(x => { globalThis.err = x.constructor.name; });\n");
    ASSERT(!JS_IsException(p));
    run_jobs(&e);
    JS_FreeValue(e.ctx, p);
    expect_global(&e, "out", "lib default");
    expect_global(&e, "err", "ReferenceError");
    env_free(&e);
}

TEST_IMPL(link_and_evaluation_errors)
{
    Env e = env_new();
    JSValue p, exc;
    const char *s;
    /* a missing export is a SyntaxError when linking: thrown */
    p = run_module(&e, "main.js", "import './bad_import.js';\n");
    ASSERT(JS_IsException(p));
    exc = JS_GetException(e.ctx);
    s = JS_ToCString(e.ctx, exc);
    ASSERT_NOT_NULL(s);
    ASSERT(strstr(s, "SyntaxError") != NULL);
    JS_FreeCString(e.ctx, s);
    JS_FreeValue(e.ctx, exc);
    /* an error while evaluating rejects the promise */
    p = run_module(&e, "main2.js", "import './throws.js';\n");
    ASSERT(!JS_IsException(p));
    run_jobs(&e);
    ASSERT_EQ(JS_PromiseState(e.ctx, p), JS_PROMISE_REJECTED);
    JS_FreeValue(e.ctx, p);
    env_free(&e);
}

static int c_init(JSContext *ctx, JSModuleDef *m)
{
    return JS_SetModuleExport(ctx, m, "answer", JS_NewInt32(ctx, 42));
}

TEST_IMPL(c_module)
{
    Env e = env_new();
    JSModuleDef *m = JS_NewCModule(e.ctx, "native", c_init);
    JSValue p;
    ASSERT_NOT_NULL(m);
    ASSERT_EQ(JS_AddModuleExport(e.ctx, m, "answer"), 0);
    p = run_module(&e, "main.js",
        "import { answer } from 'native';\n"
        "globalThis.out = String(answer);\n");
    ASSERT(!JS_IsException(p));
    run_jobs(&e);
    JS_FreeValue(e.ctx, p);
    expect_global(&e, "out", "42");
    env_free(&e);
}

TEST_IMPL(json_module_and_meta)
{
    Env e = env_new();
    JSValue p = run_module(&e, "main.js",
        "import data from './data.json' with { type: 'json' };\n"
        "globalThis.out = data.k.join() + '|' + typeof import.meta;\n");
    ASSERT(!JS_IsException(p));
    run_jobs(&e);
    JS_FreeValue(e.ctx, p);
    expect_global(&e, "out", "1,2|object");
    env_free(&e);
}

#define TEST_LIST(X)             \
    X(static_imports)            \
    X(namespace_is_read_only)    \
    X(cycles_and_hoisting)       \
    X(top_level_await)           \
    X(dynamic_import)            \
    X(link_and_evaluation_errors) \
    X(c_module)                  \
    X(json_module_and_meta)
HARNESS_MAIN(TEST_LIST)
