/*
 * test_factory.c - the worker C API of quickjs-libc.h / weft-libc.h, used
 * the way an embedder does: the seed's runtime and context factory samples
 * (as written, `customAPI` visible inside workers), the debugging sample,
 * factories returning NULL (new os.Worker throws in the parent; the process
 * goes on), Weft's factory variants with a user pointer and destroy
 * callbacks, a worker over its 64 MB memory limit, a message the worker
 * cannot read (onmessageerror), and many workers in sequence leaving no
 * thread behind.
 *
 * Each test writes its JavaScript files to a fresh temporary directory and
 * runs main.js there as a module with the public API only, then reads
 * globalThis.out.
 */
#include "harness.h"

#include <stdatomic.h>
#include <sys/stat.h>

#include "quickjs.h"
#include "quickjs-libc.h"
#include "weft-libc.h"
#include "runtime/worker.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char tmpdir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    f = fopen(path, "w");
    ASSERT_NOT_NULL(f);
    fputs(text, f);
    fclose(f);
}

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/weft-factory-XXXXXX");
    ASSERT_NOT_NULL(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
}

static JSValue js_live_workers(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_NewInt32(ctx, wf_worker_live_count());
}

/* Runs tmpdir/main.js as the main module of a fresh runtime set up like
   an embedder would, with its event loop; returns String(globalThis.out)
   (malloc'd). */
static char *run_main(void)
{
    JSRuntime *rt;
    JSContext *ctx;
    char path[512];
    uint8_t *src;
    size_t len;
    JSValue v, out;
    const char *s;
    char *result;

    rt = JS_NewRuntime();
    ASSERT_NOT_NULL(rt);
    js_std_init_handlers(rt);
    JS_SetModuleLoaderFunc2(rt, NULL, js_module_loader, js_module_check_attributes, NULL);
    ctx = JS_NewContext(rt);
    ASSERT_NOT_NULL(ctx);
    js_std_add_helpers(ctx, 0, NULL);
    {
        JSValue global = JS_GetGlobalObject(ctx);
        JS_SetPropertyStr(ctx, global, "liveWorkers",
                          JS_NewCFunction(ctx, js_live_workers, "liveWorkers", 0));
        JS_FreeValue(ctx, global);
    }

    snprintf(path, sizeof path, "%s/main.js", tmpdir);
    src = js_load_file(ctx, &len, path);
    ASSERT_NOT_NULL(src);
    v = JS_Eval(ctx, (const char *)src, len, path, JS_EVAL_TYPE_MODULE);
    js_free(ctx, src);
    if (JS_IsException(v))
        js_std_dump_error(ctx);
    ASSERT_FALSE(JS_IsException(v));
    if (js_std_loop(ctx) < 0) {
        js_std_dump_error(ctx);
        ASSERT(0 && "uncaught error in main.js");
    }
    if (JS_IsPromise(v) && JS_PromiseState(ctx, v) == JS_PROMISE_REJECTED) {
        JS_Throw(ctx, JS_PromiseResult(ctx, v));
        js_std_dump_error(ctx);
        ASSERT(0 && "main.js rejected");
    }
    JS_FreeValue(ctx, v);

    {
        JSValue global = JS_GetGlobalObject(ctx);
        out = JS_GetPropertyStr(ctx, global, "out");
        JS_FreeValue(ctx, global);
    }
    s = JS_ToCString(ctx, out);
    ASSERT_NOT_NULL(s);
    result = strdup(s);
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, out);

    js_std_free_handlers(rt);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    ASSERT_EQ(wf_worker_live_count(), 0);
    return result;
}

/* ------------------------------------------------------------------ */
/* The seed's samples                                                  */

/* customAPI of the context factory sample: { name, add(a, b) }. */
static JSValue custom_add(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int32_t a = 0, b = 0;
    (void)this_val;
    if (argc >= 2 && (JS_ToInt32(ctx, &a, argv[0]) < 0 || JS_ToInt32(ctx, &b, argv[1]) < 0))
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, a + b);
}

static JSValue create_custom_api(JSContext *ctx)
{
    JSValue api = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, api, "name", JS_NewString(ctx, "custom"));
    JS_SetPropertyStr(ctx, api, "add", JS_NewCFunction(ctx, custom_add, "add", 2));
    return api;
}

/* ---- "Custom Runtime Factory", as written ---- */
static JSRuntime *my_worker_runtime_factory(void)
{
JSRuntime *rt = JS_NewRuntime();
if (!rt)
return NULL;
// Configure worker runtime
JS_SetMemoryLimit(rt, 64 * 1024 * 1024); // 64 MB per worker
JS_SetGCThreshold(rt, 1024 * 1024); // 1 MB GC threshold
return rt;
}

/* ---- "Custom Context Factory", as written ---- */
static JSContext *my_worker_context_factory(JSRuntime *rt)
{
JSContext *ctx = JS_NewContext(rt);
if (!ctx)
return NULL;
// Add custom global objects to worker context
JSValue global = JS_GetGlobalObject(ctx);
JS_SetPropertyStr(ctx, global, "customAPI", create_custom_api(ctx));
JS_FreeValue(ctx, global);
return ctx;
}

/* ---- "Enable Debug Output" (in a worker runtime factory) ---- */
static JSRuntime *debug_worker_runtime_factory(void)
{
// In worker runtime factory
JSRuntime *rt = JS_NewRuntime();
JS_SetRuntimeInfo(rt, "Worker Runtime");
JS_SetDumpFlags(rt, JS_DUMP_LEAKS | JS_DUMP_MEM);
return rt;
}

static const char echo_worker[] =
    "import * as os from 'os';\n"
    "os.Worker.parent.onmessage = (msg) => {\n"
    "  os.Worker.parent.postMessage({\n"
    "    msg,\n"
    "    api: typeof customAPI === 'object' ? customAPI.name + ':' + customAPI.add(2, 3) : 'none',\n"
    "  });\n"
    "  os.Worker.parent.onmessage = null;\n"
    "};\n";

static const char echo_main[] =
    "import * as os from 'os';\n"
    "globalThis.out = 'no reply';\n"
    "const w = new os.Worker('./worker.js');\n"
    "w.onmessage = (m) => { globalThis.out = m.msg + ' ' + m.api; w.onmessage = null; };\n"
    "w.onerror = (e) => { globalThis.out = 'error: ' + e; w.onerror = null; };\n"
    "w.postMessage('hello');\n";

/* The context factory sample: customAPI is there inside the worker. */
TEST_IMPL(context_factory_sample)
{
    char *out;
    make_tmpdir();
    write_file("worker.js", echo_worker);
    write_file("main.js", echo_main);
    js_std_set_worker_new_runtime_func(my_worker_runtime_factory);
    js_std_set_worker_new_context_func(my_worker_context_factory);
    out = run_main();
    ASSERT_STR_EQ(out, "hello custom:5");
    free(out);
    /* back to the defaults: no customAPI */
    js_std_set_worker_new_runtime_func(NULL);
    js_std_set_worker_new_context_func(NULL);
    out = run_main();
    ASSERT_STR_EQ(out, "hello none");
    free(out);
    remove_tmpdir();
}

/* The runtime factory sample's 64 MB limit: a worker that allocates past
   it gets an out-of-memory error, which reaches the parent's onerror; the
   process goes on. */
TEST_IMPL(memory_limit_sample)
{
    char *out;
    make_tmpdir();
    write_file("worker.js",
               "import * as os from 'os';\n"
               "const keep = [];\n"
               "for (let i = 0; i < 1e6; i++) keep.push(new Array(1e5).fill(i));\n"
               "os.Worker.parent.postMessage('not reached');\n");
    write_file("main.js",
               "import * as os from 'os';\n"
               "globalThis.out = 'no error';\n"
               "const w = new os.Worker('./worker.js');\n"
               "w.onmessage = (m) => { globalThis.out = 'message: ' + m; };\n"
               "w.onerror = (e) => {\n"
               "  globalThis.out = e.name + ': ' + e.message;\n"
               "  w.terminate();\n"
               "};\n");
    js_std_set_worker_new_runtime_func(my_worker_runtime_factory);
    out = run_main();
    printf("worker over its limit: %s\n", out);
    ASSERT(strstr(out, "memory") != NULL);
    free(out);
    remove_tmpdir();
}

/* The debugging sample's factory: the worker runs; at its end the runtime
   dumps its memory use (on stderr). */
TEST_IMPL(debug_factory_sample)
{
    char *out;
    make_tmpdir();
    write_file("worker.js", echo_worker);
    write_file("main.js", echo_main);
    js_std_set_worker_new_runtime_func(debug_worker_runtime_factory);
    out = run_main();
    ASSERT_STR_EQ(out, "hello none");
    free(out);
    remove_tmpdir();
}

/* ------------------------------------------------------------------ */
/* Factories that fail                                                 */

static JSRuntime *null_runtime_factory(void)
{
    return NULL;
}

static JSContext *null_context_factory(JSRuntime *rt)
{
    (void)rt;
    return NULL;
}

static const char throws_main[] =
    "import * as os from 'os';\n"
    "try {\n"
    "  new os.Worker('./worker.js');\n"
    "  globalThis.out = 'created';\n"
    "} catch (e) {\n"
    "  globalThis.out = 'threw ' + e.name + ': ' + e.message;\n"
    "}\n";

TEST_IMPL(factory_returns_null)
{
    char *out;
    make_tmpdir();
    write_file("worker.js", echo_worker);
    write_file("main.js", throws_main);
    js_std_set_worker_new_runtime_func(null_runtime_factory);
    out = run_main();
    ASSERT(strncmp(out, "threw ", 6) == 0);
    ASSERT(strstr(out, "runtime factory") != NULL);
    free(out);

    js_std_set_worker_new_runtime_func(NULL);
    js_std_set_worker_new_context_func(null_context_factory);
    out = run_main();
    ASSERT(strncmp(out, "threw ", 6) == 0);
    ASSERT(strstr(out, "context factory") != NULL);
    free(out);

    /* and with working factories again, workers are made */
    js_std_set_worker_new_context_func(NULL);
    out = run_main();
    ASSERT_STR_EQ(out, "created");
    free(out);
    remove_tmpdir();
}

/* ------------------------------------------------------------------ */
/* Weft's variants: a user pointer and destroy callbacks              */

typedef struct Counts {
    atomic_int rt_made, rt_freed, ctx_made, ctx_freed;
    atomic_int bad_opaque;
} Counts;

static JSRuntime *counted_rt_new(void *opaque)
{
    Counts *c = opaque;
    JSRuntime *rt = JS_NewRuntime();
    if (rt) {
        atomic_fetch_add(&c->rt_made, 1);
        JS_SetRuntimeOpaque(rt, c);
    }
    return rt;
}

static void counted_rt_free(JSRuntime *rt, void *opaque)
{
    Counts *c = opaque;
    if (JS_GetRuntimeOpaque(rt) != c)
        atomic_fetch_add(&c->bad_opaque, 1);
    atomic_fetch_add(&c->rt_freed, 1);
}

static JSContext *counted_ctx_new(JSRuntime *rt, void *opaque)
{
    Counts *c = opaque;
    JSContext *ctx = my_worker_context_factory(rt);
    if (ctx) {
        atomic_fetch_add(&c->ctx_made, 1);
        JS_SetContextOpaque(ctx, c);
    }
    return ctx;
}

static void counted_ctx_free(JSContext *ctx, void *opaque)
{
    Counts *c = opaque;
    if (JS_GetContextOpaque(ctx) != c)
        atomic_fetch_add(&c->bad_opaque, 1);
    atomic_fetch_add(&c->ctx_freed, 1);
}

TEST_IMPL(weft_factories)
{
    static Counts c;
    char *out;
    make_tmpdir();
    write_file("worker.js", echo_worker);
    write_file("main.js",
               "import * as os from 'os';\n"
               "const replies = [];\n"
               "for (let i = 0; i < 3; i++) {\n"
               "  const w = new os.Worker('./worker.js');\n"
               "  w.onmessage = (m) => { replies.push(m.api); w.onmessage = null;\n"
               "                         globalThis.out = replies.join(','); };\n"
               "  w.postMessage(i);\n"
               "}\n");
    weft_std_set_worker_runtime_factory(counted_rt_new, counted_rt_free, &c);
    weft_std_set_worker_context_factory(counted_ctx_new, counted_ctx_free, &c);
    out = run_main();
    ASSERT_STR_EQ(out, "custom:5,custom:5,custom:5");
    free(out);
    ASSERT_EQ(atomic_load(&c.rt_made), 3);
    ASSERT_EQ(atomic_load(&c.rt_freed), 3);
    ASSERT_EQ(atomic_load(&c.ctx_made), 3);
    ASSERT_EQ(atomic_load(&c.ctx_freed), 3);
    ASSERT_EQ(atomic_load(&c.bad_opaque), 0);

    /* a context factory failing after the runtime was made: the runtime
       is still handed back to its destroy callback */
    weft_std_set_worker_context_factory(NULL, NULL, NULL);
    js_std_set_worker_new_context_func(null_context_factory);
    write_file("main.js", throws_main);
    out = run_main();
    ASSERT(strncmp(out, "threw ", 6) == 0);
    free(out);
    ASSERT_EQ(atomic_load(&c.rt_made), 4);
    ASSERT_EQ(atomic_load(&c.rt_freed), 4);
    weft_std_set_worker_runtime_factory(NULL, NULL, NULL);
    js_std_set_worker_new_context_func(NULL);
    remove_tmpdir();
}

/* ------------------------------------------------------------------ */
/* onmessageerror: the worker cannot read a message (over its limit)   */

static JSRuntime *small_runtime_factory(void)
{
    JSRuntime *rt = JS_NewRuntime();
    if (rt)
        JS_SetMemoryLimit(rt, 4 * 1024 * 1024);
    return rt;
}

TEST_IMPL(message_error)
{
    char *out;
    make_tmpdir();
    write_file("worker.js",
               "import * as os from 'os';\n"
               "const p = os.Worker.parent;\n"
               "p.onmessage = (m) => { p.postMessage('read ' + m.byteLength); };\n"
               "p.onmessageerror = (e) => { p.postMessage('messageerror ' + e.name); };\n");
    write_file("main.js",
               "import * as os from 'os';\n"
               "const w = new os.Worker('./worker.js');\n"
               "const got = [];\n"
               "w.onmessage = (m) => {\n"
               "  got.push(m);\n"
               "  globalThis.out = got.join(', ');\n"
               "  if (got.length === 2) w.terminate();\n"
               "};\n"
               "w.postMessage(new ArrayBuffer(16 * 1024 * 1024));\n"
               "w.postMessage(new ArrayBuffer(16));\n");
    js_std_set_worker_new_runtime_func(small_runtime_factory);
    out = run_main();
    printf("%s\n", out);
    ASSERT(strncmp(out, "messageerror ", 13) == 0);
    ASSERT(strstr(out, ", read 16") != NULL);
    free(out);
    remove_tmpdir();
}

/* ------------------------------------------------------------------ */
/* Many workers in sequence, and at once                               */

TEST_IMPL(thousand_in_sequence)
{
    char *out;
    make_tmpdir();
    write_file("worker.js",
               "import * as os from 'os';\n"
               "os.Worker.parent.postMessage(1);\n");
    write_file("main.js",
               "import * as os from 'os';\n"
               "let n = 0;\n"
               "const one = () => {\n"
               "  if (n === 1000) { globalThis.out = 'done ' + n; return; }\n"
               "  const w = new os.Worker('./worker.js');\n"
               "  w.onmessage = (m) => { n += m; w.onmessage = null; one(); };\n"
               "};\n"
               "one();\n");
    out = run_main();
    ASSERT_STR_EQ(out, "done 1000");
    free(out);
    remove_tmpdir();
}

/* Workers still running when the parent's runtime ends are terminated and
   joined by js_std_free_handlers: spinning, blocked, idle, and nested. */
TEST_IMPL(teardown_terminates)
{
    char *out;
    make_tmpdir();
    write_file("spin.js", "for (;;) {}\n");
    write_file("wait.js",
               "const v = new Int32Array(new SharedArrayBuffer(4));\n"
               "Atomics.wait(v, 0, 0);\n");
    write_file("idle.js",
               "import * as os from 'os';\n"
               "os.Worker.parent.onmessage = () => {};\n");
    write_file("nest.js",
               "import * as os from 'os';\n"
               "new os.Worker('./spin.js');\n"
               "new os.Worker('./idle.js');\n"
               "os.Worker.parent.onmessage = () => {};\n");
    write_file("main.js",
               "import * as os from 'os';\n"
               "for (const f of ['spin', 'wait', 'idle', 'nest'])\n"
               "  for (let i = 0; i < 4; i++) new os.Worker('./' + f + '.js');\n"
               "globalThis.out = 'started';\n");
    out = run_main();
    ASSERT_STR_EQ(out, "started");
    free(out);
    remove_tmpdir();
}

/* A worker whose parent dropped its Worker object (garbage collected) is
   told so, and ends although it still has os.Worker.parent.onmessage. */
TEST_IMPL(orphaned_worker_ends)
{
    char *out;
    make_tmpdir();
    write_file("idle.js",
               "import * as os from 'os';\n"
               "os.Worker.parent.onmessage = () => {};\n");
    write_file("main.js",
               "import * as os from 'os';\n"
               "import * as std from 'std';\n"
               "let w = new os.Worker('./idle.js');\n"
               "w = null;\n"
               "std.gc();\n"
               "let tries = 0;\n"
               "const check = () => {\n"
               "  if (liveWorkers() === 0) { globalThis.out = 'ended'; return; }\n"
               "  if (++tries > 500) { globalThis.out = 'still running'; return; }\n"
               "  os.setTimeout(check, 10);\n"
               "};\n"
               "check();\n");
    out = run_main();
    ASSERT_STR_EQ(out, "ended");
    free(out);
    remove_tmpdir();
}

#define TEST_LIST(X)              \
    X(context_factory_sample)     \
    X(memory_limit_sample)        \
    X(debug_factory_sample)       \
    X(factory_returns_null)       \
    X(weft_factories)             \
    X(message_error)              \
    X(thousand_in_sequence)       \
    X(teardown_terminates)        \
    X(orphaned_worker_ends)
HARNESS_MAIN(TEST_LIST)
