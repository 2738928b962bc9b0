/*
 * test_libc.c - the quickjs-libc C API: js_std_init_handlers /
 * js_std_free_handlers, js_std_add_helpers, js_std_loop,
 * js_std_loop_once, js_std_await, js_std_dump_error, js_load_file,
 * js_module_loader + js_module_set_import_meta, js_init_module_std/os,
 * js_std_promise_rejection_tracker, and one loop per thread.
 */
#include "harness.h"

#include <pthread.h>
#include <sys/stat.h>

#include "quickjs.h"
#include "quickjs-libc.h"
#include "weft-libc.h"
#include "runtime/runtime.h"

typedef struct Env {
    JSRuntime *rt;
    JSContext *ctx;
} Env;

/* A runtime set up the way the QuickJS samples do it. */
static Env env_new(void)
{
    Env e;
    e.rt = JS_NewRuntime();
    ASSERT_NOT_NULL(e.rt);
    JS_SetDumpFlags(e.rt, JS_DUMP_LEAKS);
    js_std_init_handlers(e.rt);
    JS_SetModuleLoaderFunc2(e.rt, NULL, js_module_loader, js_module_check_attributes, NULL);
    JS_SetHostPromiseRejectionTracker(e.rt, js_std_promise_rejection_tracker, NULL);
    e.ctx = JS_NewContext(e.rt);
    ASSERT_NOT_NULL(e.ctx);
    js_std_add_helpers(e.ctx, -1, NULL);
    return e;
}

static void env_free(Env *e)
{
    js_std_free_handlers(e->rt);
    JS_FreeContext(e->ctx);
    JS_FreeRuntime(e->rt);
}

static JSValue eval(JSContext *ctx, const char *code, int flags)
{
    return JS_Eval(ctx, code, strlen(code), "<test>", flags);
}

static void eval_ok(JSContext *ctx, const char *code)
{
    JSValue v = eval(ctx, code, JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(v))
        js_std_dump_error(ctx);
    ASSERT_FALSE(JS_IsException(v));
    JS_FreeValue(ctx, v);
}

static int32_t global_int(JSContext *ctx, const char *name)
{
    JSValue g = JS_GetGlobalObject(ctx);
    JSValue v = JS_GetPropertyStr(ctx, g, name);
    int32_t r = -12345;
    JS_FreeValue(ctx, g);
    ASSERT_EQ(JS_ToInt32(ctx, &r, v), 0);
    JS_FreeValue(ctx, v);
    return r;
}

/* Message of the pending exception (taken), in buf. */
static void take_message(JSContext *ctx, char *buf, size_t n)
{
    JSValue e = JS_GetException(ctx);
    JSValue m = JS_IsObject(e) ? JS_GetPropertyStr(ctx, e, "message") : JS_DupValue(ctx, e);
    const char *s = JS_ToCString(ctx, m);
    snprintf(buf, n, "%s", s ? s : "?");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, m);
    JS_FreeValue(ctx, e);
}

TEST_IMPL(loop_runs_timers_in_order)
{
    Env e = env_new();
    eval_ok(e.ctx, "var log = 0;"
                   "setTimeout(() => { log = log * 10 + 2; }, 20);"
                   "setTimeout(() => { log = log * 10 + 1; }, 5);"
                   "Promise.resolve().then(() => { log = log * 10 + 9; });");
    ASSERT_EQ(js_std_loop(e.ctx), 0);
    ASSERT_EQ(global_int(e.ctx, "log"), 912);
    /* the loop can be run again */
    eval_ok(e.ctx, "setTimeout(() => { log = 5; }, 1);");
    ASSERT_EQ(js_std_loop(e.ctx), 0);
    ASSERT_EQ(global_int(e.ctx, "log"), 5);
    env_free(&e);
}

TEST_IMPL(loop_reports_uncaught_error)
{
    Env e = env_new();
    char msg[128];
    eval_ok(e.ctx, "var after = 0;"
                   "setTimeout(() => { throw new Error('timer boom'); }, 1);"
                   "setTimeout(() => { after = 1; }, 50);");
    ASSERT_EQ(js_std_loop(e.ctx), -1);
    ASSERT_TRUE(JS_HasException(e.ctx));
    take_message(e.ctx, msg, sizeof msg);
    ASSERT_STR_EQ(msg, "timer boom");
    ASSERT_EQ(global_int(e.ctx, "after"), 0);
    /* the rest still runs when the loop is resumed */
    ASSERT_EQ(js_std_loop(e.ctx), 0);
    ASSERT_EQ(global_int(e.ctx, "after"), 1);
    env_free(&e);
}

TEST_IMPL(loop_reports_unhandled_rejection)
{
    Env e = env_new();
    char msg[128];
    eval_ok(e.ctx, "Promise.reject(new TypeError('not handled'));"
                   "var late = Promise.reject(new Error('handled late'));"
                   "late.catch(() => {});");
    ASSERT_EQ(js_std_loop(e.ctx), -1);
    take_message(e.ctx, msg, sizeof msg);
    ASSERT_STR_EQ(msg, "not handled");
    ASSERT_EQ(js_std_loop(e.ctx), 0);
    env_free(&e);
}

TEST_IMPL(std_await)
{
    Env e = env_new();
    char msg[128];
    JSValue v;
    int32_t n = 0;
    v = eval(e.ctx, "new Promise((res) => setTimeout(() => res(42), 10))", JS_EVAL_TYPE_GLOBAL);
    v = js_std_await(e.ctx, v);
    ASSERT_EQ(JS_ToInt32(e.ctx, &n, v), 0);
    ASSERT_EQ(n, 42);
    JS_FreeValue(e.ctx, v);
    v = eval(e.ctx, "new Promise((_, rej) => setTimeout(() => rej(new Error('no')), 1))",
             JS_EVAL_TYPE_GLOBAL);
    v = js_std_await(e.ctx, v);
    ASSERT_TRUE(JS_IsException(v));
    take_message(e.ctx, msg, sizeof msg);
    ASSERT_STR_EQ(msg, "no");
    /* a plain value comes back as it is */
    v = js_std_await(e.ctx, JS_NewInt32(e.ctx, 7));
    ASSERT_EQ(JS_ToInt32(e.ctx, &n, v), 0);
    ASSERT_EQ(n, 7);
    /* a promise nothing can settle is an error, not a hang */
    v = js_std_await(e.ctx, eval(e.ctx, "new Promise(() => {})", JS_EVAL_TYPE_GLOBAL));
    ASSERT_TRUE(JS_IsException(v));
    take_message(e.ctx, msg, sizeof msg);
    ASSERT_NOT_NULL(strstr(msg, "never settle"));
    env_free(&e);
}

TEST_IMPL(loop_once)
{
    Env e = env_new();
    int r;
    ASSERT_EQ(js_std_loop_once(e.ctx), -1);     /* nothing to do */
    eval_ok(e.ctx, "var fired = 0; setTimeout(() => { fired = 1; }, 30);");
    r = js_std_loop_once(e.ctx);
    ASSERT_GT(r, 0);
    ASSERT_LE(r, 30);
    for (int i = 0; i < 200 && r >= 0; i++) {
        struct timespec ts = { 0, 5 * 1000000L };
        nanosleep(&ts, NULL);
        r = js_std_loop_once(e.ctx);
    }
    ASSERT_EQ(r, -1);
    ASSERT_EQ(global_int(e.ctx, "fired"), 1);
    eval_ok(e.ctx, "setTimeout(() => { throw new Error('x'); }, 0);");
    for (int i = 0; i < 200 && (r = js_std_loop_once(e.ctx)) >= 0; i++) {
        struct timespec ts = { 0, 2 * 1000000L };
        nanosleep(&ts, NULL);
    }
    ASSERT_EQ(r, -2);
    ASSERT_TRUE(JS_HasException(e.ctx));
    JS_FreeValue(e.ctx, JS_GetException(e.ctx));
    env_free(&e);
}

TEST_IMPL(load_file)
{
    Env e = env_new();
    char path[64];
    size_t len = 0;
    uint8_t *buf;
    FILE *f;
    snprintf(path, sizeof path, "/tmp/weft-test-libc-%d.txt", (int)getpid());
    f = fopen(path, "wb");
    ASSERT_NOT_NULL(f);
    fputs("abc\0def", f);
    fclose(f);
    buf = js_load_file(e.ctx, &len, path);
    ASSERT_NOT_NULL(buf);
    ASSERT_EQ((int)len, 3);
    ASSERT_EQ(buf[len], 0);
    ASSERT_STR_EQ((char *)buf, "abc");
    js_free(e.ctx, buf);
    remove(path);
    errno = 0;
    ASSERT_NULL(js_load_file(e.ctx, &len, path));
    ASSERT_EQ(errno, ENOENT);
    ASSERT_FALSE(JS_HasException(e.ctx));
    env_free(&e);
}

/* Writes a file under dir. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    ASSERT_NOT_NULL(f);
    fputs(text, f);
    fclose(f);
}

TEST_IMPL(module_loader_and_import_meta)
{
    Env e = env_new();
    char dir[64], main_path[128], cmd[160];
    JSValue v;
    snprintf(dir, sizeof dir, "/tmp/weft-test-libc-mod-%d", (int)getpid());
    ASSERT_EQ(mkdir(dir, 0700), 0);
    write_file(dir, "dep.js", "export const url = import.meta.url; export const main = import.meta.main;");
    write_file(dir, "cfg.json", "{\"k\": [1, 2, 3]}");
    write_file(dir, "main.js",
               "import { url, main } from './dep.js';\n"
               "import cfg from './cfg.json' with { type: 'json' };\n"
               "import * as os from 'os';\n"
               "import { sprintf } from 'qjs:std';\n"
               "globalThis.result = sprintf('%s|%s|%d|%s', url.endsWith('/dep.js'), main,\n"
               "                            cfg.k.length, typeof os.setTimeout);\n");
    snprintf(main_path, sizeof main_path, "%s/main.js", dir);
    v = JS_LoadModule(e.ctx, "", main_path);
    if (JS_IsException(v))
        js_std_dump_error(e.ctx);
    ASSERT_FALSE(JS_IsException(v));
    v = js_std_await(e.ctx, v);
    ASSERT_FALSE(JS_IsException(v));
    JS_FreeValue(e.ctx, v);
    {
        JSValue g = JS_GetGlobalObject(e.ctx);
        JSValue r = JS_GetPropertyStr(e.ctx, g, "result");
        const char *s = JS_ToCString(e.ctx, r);
        ASSERT_STR_EQ(s, "true|false|3|function");
        JS_FreeCString(e.ctx, s);
        JS_FreeValue(e.ctx, r);
        JS_FreeValue(e.ctx, g);
    }
    /* js_module_set_import_meta on a module compiled by hand */
    {
        const char *src = "export const m = import.meta.main, f = import.meta.filename;";
        JSValue fn = JS_Eval(e.ctx, src, strlen(src), main_path,
                             JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
        ASSERT_FALSE(JS_IsException(fn));
        ASSERT_EQ(js_module_set_import_meta(e.ctx, fn, false, true), 0);
        JSValue meta = JS_GetImportMeta(e.ctx, JS_VALUE_GET_PTR(fn));
        JSValue m = JS_GetPropertyStr(e.ctx, meta, "main");
        JSValue url = JS_GetPropertyStr(e.ctx, meta, "url");
        const char *us = JS_ToCString(e.ctx, url);
        ASSERT_TRUE(JS_IsBool(m) && JS_VALUE_GET_BOOL(m));
        ASSERT_TRUE(strncmp(us, "file:///tmp/weft-test-libc-mod-", 31) == 0);
        JS_FreeCString(e.ctx, us);
        JS_FreeValue(e.ctx, url);
        JS_FreeValue(e.ctx, m);
        JS_FreeValue(e.ctx, meta);
        /* not a module: an error, no crash */
        ASSERT_EQ(js_module_set_import_meta(e.ctx, JS_NewInt32(e.ctx, 1), false, false), -1);
        JS_FreeValue(e.ctx, JS_GetException(e.ctx));
        v = JS_EvalFunction(e.ctx, fn);
        JS_FreeValue(e.ctx, js_std_await(e.ctx, v));
    }
    /* attribute checks */
    {
        JSValue a = eval(e.ctx, "({ type: 'json' })", JS_EVAL_TYPE_GLOBAL);
        JSValue b = eval(e.ctx, "({ type: 'css' })", JS_EVAL_TYPE_GLOBAL);
        ASSERT_EQ(js_module_test_json(e.ctx, a), 1);
        ASSERT_EQ(js_module_test_json(e.ctx, b), 0);
        ASSERT_EQ(js_module_check_attributes(e.ctx, NULL, a), 0);
        ASSERT_EQ(js_module_check_attributes(e.ctx, NULL, b), -1);
        JS_FreeValue(e.ctx, JS_GetException(e.ctx));
        JS_FreeValue(e.ctx, a);
        JS_FreeValue(e.ctx, b);
    }
    /* a missing module: QuickJS's default normalizer, the loader's error */
    v = JS_LoadModule(e.ctx, main_path, "./missing.js");
    ASSERT_TRUE(JS_IsException(v));
    {
        char msg[256];
        take_message(e.ctx, msg, sizeof msg);
        ASSERT_NOT_NULL(strstr(msg, "missing.js"));
    }
    /* and with weft's normalizer, the name of both sides */
    ASSERT_EQ(weft_runtime_setup(e.rt), 0);
    JS_SetModuleLoaderFunc2(e.rt, NULL, NULL, NULL, NULL);
    ASSERT_EQ(weft_runtime_setup(e.rt), 0);
    v = JS_LoadModule(e.ctx, main_path, "./missing.js");
    ASSERT_TRUE(JS_IsException(v));
    {
        char msg[256], want[200];
        take_message(e.ctx, msg, sizeof msg);
        snprintf(want, sizeof want, "cannot find module './missing.js' imported from %s", main_path);
        ASSERT_STR_EQ(msg, want);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ASSERT_EQ(system(cmd), 0);
    env_free(&e);
}

TEST_IMPL(init_module_under_another_name)
{
    Env e = env_new();
    JSValue v;
    ASSERT_NOT_NULL(js_init_module_std(e.ctx, "mystd"));
    ASSERT_NOT_NULL(js_init_module_os(e.ctx, "myos"));
    v = eval(e.ctx, "import { sprintf } from 'mystd'; import { platform } from 'myos';"
                    "globalThis.r = sprintf('%s-%d', platform, 7);",
             JS_EVAL_TYPE_MODULE);
    ASSERT_FALSE(JS_IsException(v));
    JS_FreeValue(e.ctx, js_std_await(e.ctx, v));
    {
        JSValue g = JS_GetGlobalObject(e.ctx);
        JSValue r = JS_GetPropertyStr(e.ctx, g, "r");
        const char *s = JS_ToCString(e.ctx, r);
        ASSERT_STR_EQ(s, "linux-7");
        JS_FreeCString(e.ctx, s);
        JS_FreeValue(e.ctx, r);
        JS_FreeValue(e.ctx, g);
    }
    env_free(&e);
}

/* Handles left behind (timers, fd handlers, signals, pending rejections)
   are all freed by js_std_free_handlers: the leak check does the rest. */
TEST_IMPL(free_handlers_with_pending_work)
{
    Env e = env_new();
    JSValue v = eval(e.ctx,
                     "import * as os from 'os';"
                     "setTimeout(() => {}, 100000); setInterval(() => {}, 5);"
                     "const [r, w] = os.pipe(); os.setReadHandler(r, () => {});"
                     "os.setWriteHandler(w, () => {});"
                     "os.signal(os.SIGUSR2, () => {});"
                     "globalThis.p = Promise.reject(new Error('left over'));",
                     JS_EVAL_TYPE_MODULE);
    ASSERT_FALSE(JS_IsException(v));
    JS_FreeValue(e.ctx, v);
    env_free(&e);
}

/* No handlers at all: the functions degrade to running the jobs. */
TEST_IMPL(loop_without_handlers)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue v = eval(ctx, "var x = 0; Promise.resolve().then(() => { x = 3; })",
                     JS_EVAL_TYPE_GLOBAL);
    JS_FreeValue(ctx, v);
    ASSERT_EQ(js_std_loop(ctx), 0);
    ASSERT_EQ(global_int(ctx, "x"), 3);
    ASSERT_EQ(js_std_loop_once(ctx), -1);
    js_std_free_handlers(rt);       /* harmless */
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

static void *thread_main(void *arg)
{
    int *out = arg;
    Env e = env_new();
    eval_ok(e.ctx, "var n = 0; const t = setInterval(() => { if (++n === 5) clearInterval(t); }, 2);");
    if (js_std_loop(e.ctx) == 0)
        *out = global_int(e.ctx, "n");
    env_free(&e);
    return NULL;
}

TEST_IMPL(one_loop_per_thread)
{
    pthread_t th[4];
    int res[4] = { 0, 0, 0, 0 };
    int i;
    for (i = 0; i < 4; i++)
        ASSERT_EQ(pthread_create(&th[i], NULL, thread_main, &res[i]), 0);
    for (i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        ASSERT_EQ(res[i], 5);
    }
}

TEST_IMPL(weft_runtime_setup)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx;
    JSValue v;
    ASSERT_EQ(weft_runtime_setup(rt), 0);
    ASSERT_EQ(weft_runtime_setup(rt), 0);       /* idempotent */
    ctx = JS_NewContext(rt);
    js_std_add_helpers(ctx, 0, NULL);
    v = eval(ctx, "scriptArgs.length", JS_EVAL_TYPE_GLOBAL);
    ASSERT_EQ(JS_VALUE_GET_INT(v), 0);
    v = eval(ctx, "import 'std'; import './does-not-exist.js';", JS_EVAL_TYPE_MODULE);
    ASSERT_TRUE(JS_IsException(v) || JS_PromiseState(ctx, v) == JS_PROMISE_REJECTED);
    if (JS_IsException(v))
        JS_FreeValue(ctx, JS_GetException(ctx));
    else
        JS_FreeValue(ctx, v);
    js_std_free_handlers(rt);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

/* Precompiled bytecode (what weftc / qjsc emit) runs through
   js_std_eval_binary: a script, a library module loaded only, a main
   module importing it. */
/* Compiles src in a runtime of its own and returns its bytecode
   (malloc'ed copy), or NULL if the engine cannot write bytecode. */
static uint8_t *compile_to_binary(const char *src, const char *name, int type, size_t *plen)
{
    Env c = env_new();
    JSValue fn = JS_Eval(c.ctx, src, strlen(src), name, type | JS_EVAL_FLAG_COMPILE_ONLY);
    uint8_t *buf, *copy = NULL;
    ASSERT_FALSE(JS_IsException(fn));
    buf = JS_WriteObject(c.ctx, plen, fn, JS_WRITE_OBJ_BYTECODE);
    JS_FreeValue(c.ctx, fn);
    if (buf) {
        copy = malloc(*plen);
        ASSERT_NOT_NULL(copy);
        memcpy(copy, buf, *plen);
        js_free(c.ctx, buf);
    } else {
        JS_FreeValue(c.ctx, JS_GetException(c.ctx));
    }
    env_free(&c);
    return copy;
}

/* Precompiled bytecode (what weftc / qjsc emit) runs through
   js_std_eval_binary: a script, a library module loaded only, a main
   module importing it. */
TEST_IMPL(eval_binary)
{
    Env e;
    uint8_t *script, *lib, *mod;
    size_t slen, llen, mlen;
    script = compile_to_binary("globalThis.fromBinary = 6 * 7;", "<bin>", JS_EVAL_TYPE_GLOBAL, &slen);
    if (!script)
        TEST_SKIP("JS_WriteObject cannot write bytecode yet");
    lib = compile_to_binary("export const libValue = 5;", "binlib", JS_EVAL_TYPE_MODULE, &llen);
    mod = compile_to_binary("import { libValue } from 'binlib'; globalThis.modValue = libValue + 1;",
                            "binmain", JS_EVAL_TYPE_MODULE, &mlen);
    ASSERT_NOT_NULL(lib);
    ASSERT_NOT_NULL(mod);
    e = env_new();
    js_std_eval_binary(e.ctx, script, slen, 0);
    ASSERT_EQ(global_int(e.ctx, "fromBinary"), 42);
    js_std_eval_binary(e.ctx, lib, llen, 1);
    js_std_eval_binary(e.ctx, mod, mlen, 0);
    ASSERT_EQ(global_int(e.ctx, "modValue"), 6);
    env_free(&e);
    free(script);
    free(lib);
    free(mod);
}

/* The runtime layer's hooks for the worker core: on_uncaught sees each
   uncaught error (0: the loop goes on), wf_rt_ref keeps the loop alive,
   wf_rt_stop ends js_std_loop. */
static int uncaught_count;
static int count_uncaught(JSContext *ctx, JSValueConst exc, void *opaque)
{
    (void)ctx;
    (void)exc;
    (void)opaque;
    uncaught_count++;
    return 0;
}

static JSValue js_stop_loop(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    wf_rt_unref(JS_GetRuntime(ctx));
    wf_rt_stop(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

TEST_IMPL(runtime_hooks)
{
    Env e = env_new();
    WfThreadState *ts = wf_rt_state(e.rt);
    JSValue g = JS_GetGlobalObject(e.ctx);
    ASSERT_NOT_NULL(ts);
    ASSERT_PTR_EQ(wf_rt_loop(e.ctx), &ts->loop);
    ts->on_uncaught = count_uncaught;
    uncaught_count = 0;
    eval_ok(e.ctx, "var done = 0;"
                   "setTimeout(() => { throw new Error('one'); }, 1);"
                   "Promise.reject(new Error('two'));"
                   "setTimeout(() => { done = 1; }, 10);");
    ASSERT_EQ(js_std_loop(e.ctx), 0);
    ASSERT_EQ(uncaught_count, 2);
    ASSERT_EQ(global_int(e.ctx, "done"), 1);
    /* keep-alive: the loop waits until stopLoop() runs */
    JS_SetPropertyStr(e.ctx, g, "stopLoop", JS_NewCFunction(e.ctx, js_stop_loop, "stopLoop", 0));
    JS_FreeValue(e.ctx, g);
    wf_rt_ref(e.rt);
    eval_ok(e.ctx, "setTimeout(() => { done = 2; stopLoop(); }, 5);");
    ASSERT_EQ(js_std_loop(e.ctx), 0);
    ASSERT_EQ(global_int(e.ctx, "done"), 2);
    ASSERT_EQ(ts->keepalive, 0);
    env_free(&e);
}

#define TEST_LIST(X)                     \
    X(runtime_hooks)                     \
    X(eval_binary)                       \
    X(loop_runs_timers_in_order)         \
    X(loop_reports_uncaught_error)       \
    X(loop_reports_unhandled_rejection)  \
    X(std_await)                         \
    X(loop_once)                         \
    X(load_file)                         \
    X(module_loader_and_import_meta)     \
    X(init_module_under_another_name)    \
    X(free_handlers_with_pending_work)   \
    X(loop_without_handlers)             \
    X(one_loop_per_thread)               \
    X(weft_runtime_setup)
HARNESS_MAIN(TEST_LIST)
