/*
 * host.c - runs one test262 test inside a (forked) child process.
 *
 * Follows test262's INTERPRETING.md: a new realm per test with `print` and
 * `$262` (global, evalScript, createRealm, detachArrayBuffer, gc); the
 * harness files assert.js and sta.js (doneprintHandle.js for async tests)
 * and the test's includes are evaluated first unless the test is raw; the
 * strict run prefixes the source with "use strict";.  A negative test
 * passes only if an error of the expected constructor is thrown in the
 * expected phase: parse errors must come out of compilation alone
 * (JS_EVAL_FLAG_COMPILE_ONLY), before anything runs.
 *
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quickjs.h"
#include "weft.h"
#include "run262.h"

/* The whole QuickJS API exists now (the former probe of optional parts
   is gone): these are always on. */
#define HAVE_JOBS 1
#define HAVE_PROMISE_STATE 1
#define HAVE_EVAL_FUNCTION 1
#define HAVE_DETACH 1
#define HAVE_MODULE_LOADER 1

#define MAX_REALMS 64

/* State of the child, reachable from the runtime's opaque pointer. */
typedef struct Host {
    const HostConfig *cfg;
    JSRuntime *rt;
    JSContext *realms[MAX_REALMS];  /* [0] is the test's realm */
    int nrealms;
    bool async_done;                /* print('Test262:AsyncTestComplete') seen */
    char *async_failure;            /* first Test262:AsyncTestFailure message */
} Host;

static int setup_realm(Host *h, JSContext *ctx);

/* ---------------------------------------------------------------- $262 */

static JSValue js_print(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    Host *h = JS_GetRuntimeOpaque(JS_GetRuntime(ctx));
    int i;
    (void)this_val;
    for (i = 0; i < argc; i++) {
        size_t n;
        const char *s = JS_ToCStringLen(ctx, &n, argv[i]);
        if (!s)
            return JS_EXCEPTION;
        if (i == 0 && h) {
            if (!strcmp(s, "Test262:AsyncTestComplete"))
                h->async_done = true;
            else if (!strncmp(s, "Test262:AsyncTestFailure:", 25) && !h->async_failure)
                h->async_failure = strdup(s + 25);
        }
        if (i)
            fputc(' ', stdout);
        fwrite(s, 1, n, stdout);
        JS_FreeCString(ctx, s);
    }
    fputc('\n', stdout);
    fflush(stdout);
    return JS_UNDEFINED;
}

static JSValue js_eval_script(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    size_t n;
    const char *src;
    JSValue r;
    (void)this_val;
    src = JS_ToCStringLen(ctx, &n, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!src)
        return JS_EXCEPTION;
    r = JS_Eval(ctx, src, n, "<evalScript>", JS_EVAL_TYPE_GLOBAL);
    JS_FreeCString(ctx, src);
    return r;
}

static JSValue js_create_realm(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv)
{
    Host *h = JS_GetRuntimeOpaque(JS_GetRuntime(ctx));
    JSContext *nctx;
    JSValue global, r;
    (void)this_val;
    (void)argc;
    (void)argv;
    if (!h || h->nrealms >= MAX_REALMS)
        return JS_ThrowRangeError(ctx, "too many realms");
    nctx = JS_NewContext(h->rt);
    if (!nctx)
        return JS_ThrowOutOfMemory(ctx);
    h->realms[h->nrealms++] = nctx;
    if (setup_realm(h, nctx) < 0) {
        JSValue e = JS_GetException(nctx);
        return JS_Throw(ctx, e);
    }
    global = JS_GetGlobalObject(nctx);
    r = JS_GetPropertyStr(nctx, global, "$262");
    JS_FreeValue(nctx, global);
    return r;
}

static JSValue js_detach_array_buffer(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    (void)this_val;
#ifdef HAVE_DETACH
    if (HAVE_DETACH) {
        if (argc < 1)
            return JS_ThrowTypeError(ctx, "detachArrayBuffer: no buffer");
        JS_DetachArrayBuffer(ctx, argv[0]);
        if (JS_HasException(ctx))
            return JS_EXCEPTION;
        return JS_NULL;
    }
#endif
    (void)argc;
    (void)argv;
    return JS_ThrowTypeError(ctx, "detachArrayBuffer: not supported");
}

static JSValue js_gc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    JS_RunGC(JS_GetRuntime(ctx));
    return JS_UNDEFINED;
}

static int def_func(JSContext *ctx, JSValueConst obj, const char *name, JSCFunction *fn,
                    int length)
{
    JSValue f = JS_NewCFunction(ctx, fn, name, length);
    if (JS_IsException(f))
        return -1;
    return JS_DefinePropertyValueStr(ctx, obj, name, f,
                                     JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}

/* print and $262 on the realm's global object. */
static int setup_realm(Host *h, JSContext *ctx)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue d = JS_NewObject(ctx);
    int ret = -1;
    (void)h;
    if (JS_IsException(d))
        goto done;
    if (def_func(ctx, global, "print", js_print, 1) < 0 ||
        def_func(ctx, d, "evalScript", js_eval_script, 1) < 0 ||
        def_func(ctx, d, "createRealm", js_create_realm, 0) < 0 ||
        def_func(ctx, d, "detachArrayBuffer", js_detach_array_buffer, 1) < 0 ||
        def_func(ctx, d, "gc", js_gc, 0) < 0 ||
        agent_setup_main(ctx, d) < 0)
        goto done;
    if (JS_DefinePropertyValueStr(ctx, d, "global", JS_DupValue(ctx, global),
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto done;
    ret = JS_DefinePropertyValueStr(ctx, global, "$262", d,
                                    JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    d = JS_UNDEFINED;
    if (ret >= 0)
        ret = 0;
done:
    JS_FreeValue(ctx, d);
    JS_FreeValue(ctx, global);
    return ret;
}

/* ---------------------------------------------------------------- modules */

#ifdef HAVE_MODULE_LOADER
/* Test262 imports are "./name.js" beside the test; the engine's default
   normalization makes them paths relative to the importing file. */
static JSModuleDef *load_module(JSContext *ctx, const char *name, void *opaque)
{
    size_t len;
    char *src;
    JSValue fn;
    JSModuleDef *m;
    (void)opaque;
    src = read_whole_file(name, &len);
    if (!src) {
        JS_ThrowReferenceError(ctx, "cannot load module '%s'", name);
        return NULL;
    }
    fn = JS_Eval(ctx, src, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    free(src);
    if (JS_IsException(fn))
        return NULL;
    m = JS_VALUE_GET_PTR(fn);
    JS_FreeValue(ctx, fn);
    return m;
}
#endif

/* ---------------------------------------------------------------- verdicts */

/* The constructor name of a thrown value ("" if none). */
static char *ctor_name(JSContext *ctx, JSValueConst v)
{
    JSValue c, n;
    char *r = NULL;
    if (!JS_IsObject(v))
        return strdup("");
    c = JS_GetPropertyStr(ctx, v, "constructor");
    if (JS_IsException(c)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return strdup("");
    }
    n = JS_IsObject(c) ? JS_GetPropertyStr(ctx, c, "name") : JS_UNDEFINED;
    if (JS_IsException(n))
        JS_FreeValue(ctx, JS_GetException(ctx));
    else if (JS_IsString(n)) {
        const char *s = JS_ToCString(ctx, n);
        if (s) {
            r = strdup(s);
            JS_FreeCString(ctx, s);
        }
    }
    JS_FreeValue(ctx, n);
    JS_FreeValue(ctx, c);
    return r ? r : strdup("");
}

/* "Name: message" of a thrown value, for the report (malloc'd). */
static char *describe(JSContext *ctx, JSValueConst v)
{
    char buf[1024];
    if (JS_IsObject(v)) {
        char *name = ctor_name(ctx, v);
        JSValue msg = JS_GetPropertyStr(ctx, v, "message");
        const char *m = NULL;
        if (JS_IsException(msg)) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            msg = JS_UNDEFINED;
        }
        if (!JS_IsUndefined(msg))
            m = JS_ToCString(ctx, msg);
        if (!m && JS_HasException(ctx))
            JS_FreeValue(ctx, JS_GetException(ctx));
        snprintf(buf, sizeof buf, "%s: %s", *name ? name : "Object", m ? m : "");
        if (m)
            JS_FreeCString(ctx, m);
        JS_FreeValue(ctx, msg);
        free(name);
    } else {
        const char *s = JS_ToCString(ctx, v);
        if (!s) {
            JS_FreeValue(ctx, JS_GetException(ctx));
            snprintf(buf, sizeof buf, "(a value that cannot be converted to a string)");
        } else {
            snprintf(buf, sizeof buf, "%s", s);
            JS_FreeCString(ctx, s);
        }
    }
    /* one line */
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return strdup(buf);
}

static int verdict(bool pass, const char *fmt, const char *a, const char *b, const char *c)
{
    fflush(stdout);
    fputs("\n" RESULT_MARK, stdout);
    if (pass) {
        fputs("PASS\n", stdout);
    } else {
        fputs("FAIL ", stdout);
        fprintf(stdout, fmt, a ? a : "", b ? b : "", c ? c : "");
        fputc('\n', stdout);
    }
    fflush(stdout);
    return pass ? 0 : 1;
}

/* Checks a thrown value against the expected negative type and phase. */
static int negative_verdict(JSContext *ctx, const TestMeta *meta, const char *phase,
                            JSValue exc)
{
    char *name = ctor_name(ctx, exc);
    char *desc = describe(ctx, exc);
    int r;
    if (!meta->neg_phase)
        r = verdict(false, "%s threw %s", phase, desc, NULL);
    else if (strcmp(meta->neg_phase, phase) != 0)
        r = verdict(false, "expected %s error in phase %s, got %s", meta->neg_type,
                    meta->neg_phase, desc);
    else if (strcmp(name, meta->neg_type) != 0)
        r = verdict(false, "expected %s, got %s%s", meta->neg_type, desc, "");
    else
        r = verdict(true, NULL, NULL, NULL, NULL);
    free(name);
    free(desc);
    JS_FreeValue(ctx, exc);
    return r;
}

/* Runs the job queue; returns false (exception pending in *pctx) if a job
   threw. */
static bool run_jobs(Host *h, JSContext **pctx, bool wait_async)
{
#ifdef HAVE_JOBS
    while (HAVE_JOBS) {
        JSContext *jctx = NULL;
        int r;
        /* Atomics.waitAsync settlements come before the next job */
        if (weft_atomics_run_async(h->rt) < 0)
            return false;
        r = JS_ExecutePendingJob(h->rt, &jctx);
        if (r == 0) {
            /* an async test may still be waiting for a waitAsync promise */
            if (wait_async && !h->async_done && !h->async_failure &&
                weft_atomics_async_timeout(h->rt) >= 0) {
                weft_atomics_async_sleep(h->rt, 100);
                continue;
            }
            return true;
        }
        if (r < 0) {
            if (jctx)
                *pctx = jctx;
            return false;
        }
    }
#endif
    (void)h;
    (void)pctx;
    return true;
}

static const HarnessFile *find_harness(const HostConfig *cfg, const char *name)
{
    int i;
    for (i = 0; i < cfg->nharness; i++)
        if (!strcmp(cfg->harness[i].name, name))
            return &cfg->harness[i];
    return NULL;
}

static int eval_harness(Host *h, JSContext *ctx, const char *name)
{
    const HarnessFile *f = find_harness(h->cfg, name);
    JSValue r;
    char fname[300];
    if (!f)
        return verdict(false, "missing harness file %s", name, NULL, NULL);
    snprintf(fname, sizeof fname, "harness/%s", name);
    r = JS_Eval(ctx, f->text, f->len, fname, JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(r)) {
        JSValue e = JS_GetException(ctx);
        char *d = describe(ctx, e);
        int v = verdict(false, "harness %s threw %s", name, d, NULL);
        free(d);
        JS_FreeValue(ctx, e);
        return v;
    }
    JS_FreeValue(ctx, r);
    return -1;  /* ok: go on */
}

static int run_in_realm(Host *h, JSContext *ctx, const char *path, const TestMeta *meta,
                        bool strict)
{
    bool module = meta->flags & T_MODULE;
    int type = module ? JS_EVAL_TYPE_MODULE : JS_EVAL_TYPE_GLOBAL;
    size_t len = 0, slen;
    char *text, *src;
    JSValue fn, r;
    int v, i;

    if (!(meta->flags & T_RAW)) {
        if ((v = eval_harness(h, ctx, "assert.js")) >= 0 ||
            (v = eval_harness(h, ctx, "sta.js")) >= 0)
            return v;
        if ((meta->flags & T_ASYNC) && (v = eval_harness(h, ctx, "doneprintHandle.js")) >= 0)
            return v;
        for (i = 0; i < meta->nincludes; i++)
            if ((v = eval_harness(h, ctx, meta->includes[i])) >= 0)
                return v;
    }

    text = read_whole_file(path, &len);
    if (!text)
        return verdict(false, "cannot read %s", path, NULL, NULL);
    /* module code is strict already, and a prefix would move a hashbang
       off the first line */
    if (strict && !module) {
        static const char prefix[] = "\"use strict\";\n";
        src = malloc(sizeof prefix + len);
        if (!src) {
            free(text);
            return verdict(false, "out of memory", NULL, NULL, NULL);
        }
        memcpy(src, prefix, sizeof prefix - 1);
        memcpy(src + sizeof prefix - 1, text, len + 1);
        slen = len + sizeof prefix - 1;
        free(text);
    } else {
        src = text;
        slen = len;
    }

    /* Parse first: parse-phase errors must appear before anything runs. */
    fn = JS_Eval(ctx, src, slen, path, type | JS_EVAL_FLAG_COMPILE_ONLY);
    if (JS_IsException(fn)) {
        free(src);
        return negative_verdict(ctx, meta, "parse", JS_GetException(ctx));
    }
    if (meta->neg_phase && !strcmp(meta->neg_phase, "parse")) {
        JS_FreeValue(ctx, fn);
        free(src);
        return verdict(false, "expected a %s at parse time, but it compiled", meta->neg_type,
                       NULL, NULL);
    }

#ifdef HAVE_EVAL_FUNCTION
    if (HAVE_EVAL_FUNCTION) {
        r = JS_EvalFunction(ctx, fn);   /* consumes fn */
    } else
#endif
    {
        JS_FreeValue(ctx, fn);
        r = JS_Eval(ctx, src, slen, path, type);
    }
    free(src);
    if (JS_IsException(r)) {
        /* module linking errors are resolution errors */
        const char *phase = "runtime";
        if (module && meta->neg_phase && !strcmp(meta->neg_phase, "resolution"))
            phase = "resolution";
        return negative_verdict(ctx, meta, phase, JS_GetException(ctx));
    }
#ifdef HAVE_PROMISE_STATE
    if (HAVE_PROMISE_STATE && module && JS_IsObject(r)) {
        /* a module evaluates to a promise */
        JSContext *jctx = ctx;
        if (!run_jobs(h, &jctx, false)) {
            JS_FreeValue(ctx, r);
            return negative_verdict(jctx, meta, "runtime", JS_GetException(jctx));
        }
        if (JS_PromiseState(ctx, r) == 2) {
            JSValue reason = JS_PromiseResult(ctx, r);
            const char *phase = meta->neg_phase && !strcmp(meta->neg_phase, "resolution")
                ? "resolution" : "runtime";
            JS_FreeValue(ctx, r);
            return negative_verdict(ctx, meta, phase, reason);
        }
    }
#endif
    JS_FreeValue(ctx, r);
    {
        JSContext *jctx = ctx;
        if (!run_jobs(h, &jctx, (meta->flags & T_ASYNC) != 0))
            return negative_verdict(jctx, meta, "runtime", JS_GetException(jctx));
    }
    if (meta->neg_phase)
        return verdict(false, "expected %s (phase %s), nothing was thrown", meta->neg_type,
                       meta->neg_phase, NULL);
    if (meta->flags & T_ASYNC) {
        if (h->async_failure)
            return verdict(false, "async test failed: %s", h->async_failure, NULL, NULL);
        if (!h->async_done)
            return verdict(false, "async test did not print Test262:AsyncTestComplete",
                           NULL, NULL, NULL);
    }
    return verdict(true, NULL, NULL, NULL, NULL);
}

int host_run_test(const HostConfig *cfg, const char *path, const TestMeta *meta, bool strict)
{
    Host h;
    JSContext *ctx;
    int status, i;

    memset(&h, 0, sizeof h);
    h.cfg = cfg;
    h.rt = JS_NewRuntime();
    if (!h.rt)
        return verdict(false, "JS_NewRuntime failed", NULL, NULL, NULL);
    JS_SetRuntimeOpaque(h.rt, &h);
    JS_SetCanBlock(h.rt, !(meta->flags & T_CAN_BLOCK_F));
    if (agent_hub_init() < 0) {
        JS_FreeRuntime(h.rt);
        return verdict(false, "out of memory", NULL, NULL, NULL);
    }
#ifdef HAVE_MODULE_LOADER
    if (HAVE_MODULE_LOADER)
        JS_SetModuleLoaderFunc(h.rt, NULL, load_module, NULL);
#endif
    ctx = JS_NewContext(h.rt);
    if (!ctx) {
        JS_FreeRuntime(h.rt);
        return verdict(false, "JS_NewContext failed", NULL, NULL, NULL);
    }
    h.realms[h.nrealms++] = ctx;
    if (setup_realm(&h, ctx) < 0) {
        JSValue e = JS_GetException(ctx);
        char *d = describe(ctx, e);
        status = verdict(false, "setting up the realm threw %s", d, NULL, NULL);
        free(d);
        JS_FreeValue(ctx, e);
    } else {
        status = run_in_realm(&h, ctx, path, meta, strict);
    }
    /* Tear down (an engine crash here is still reported: the verdict is
       written, but the parent sees the signal).  Agents first: they may
       be blocked on memory the test's runtime shares with them. */
    agent_hub_stop();
    for (i = h.nrealms - 1; i >= 0; i--)
        JS_FreeContext(h.realms[i]);
    JS_FreeRuntime(h.rt);
    free(h.async_failure);
    return status;
}
