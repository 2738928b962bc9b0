/*
 * test_runtime.c - the embedding API basics: runtimes, contexts, eval,
 * conversions, properties, C functions, exceptions, memory limits, and the
 * runtime/context factories of the QuickJS workers document.
 */
#include "harness.h"
#include "js_env.h"

#include "quickjs.h"

/* A runtime + context with leak reporting on; freed by env_free. */

/* Evaluates code as a global script and returns the result (owned). */
static JSValue eval(JSContext *ctx, const char *code)
{
    return JS_Eval(ctx, code, strlen(code), "<test>", JS_EVAL_TYPE_GLOBAL);
}

static int32_t eval_int(JSContext *ctx, const char *code)
{
    JSValue v = eval(ctx, code);
    int32_t r = 0;
    ASSERT(!JS_IsException(v));
    ASSERT_EQ(JS_ToInt32(ctx, &r, v), 0);
    JS_FreeValue(ctx, v);
    return r;
}

static bool eval_bool(JSContext *ctx, const char *code)
{
    JSValue v = eval(ctx, code);
    int b;
    ASSERT(!JS_IsException(v));
    b = JS_ToBool(ctx, v);
    ASSERT_GE(b, 0);
    JS_FreeValue(ctx, v);
    return b != 0;
}

TEST_IMPL(eval_simple)
{
    Env e = env_new();
    JSValue v = eval(e.ctx, "1+2");
    int32_t r = 0;
    ASSERT(!JS_IsException(v));
    ASSERT(JS_IsNumber(v));
    ASSERT_EQ(JS_ToInt32(e.ctx, &r, v), 0);
    ASSERT_EQ(r, 3);
    JS_FreeValue(e.ctx, v);
    ASSERT_EQ(eval_int(e.ctx, "var a = 20; a * 2 + 2"), 42);
    ASSERT_EQ(eval_int(e.ctx, "a"), 20);     /* globals persist */
    env_free(&e);
}

TEST_IMPL(eval_strings)
{
    Env e = env_new();
    JSValue v = eval(e.ctx, "'wo' + 'rld' + 1");
    const char *s;
    ASSERT(JS_IsString(v));
    s = JS_ToCString(e.ctx, v);
    ASSERT_STR_EQ(s, "world1");
    JS_FreeCString(e.ctx, s);
    JS_FreeValue(e.ctx, v);
    env_free(&e);
}

TEST_IMPL(conversions)
{
    Env e = env_new();
    JSValue v;
    double d = 0;
    int64_t i64 = 0;
    int32_t i32 = 0;

    v = JS_NewFloat64(e.ctx, 4294967296.0 + 5);
    ASSERT_EQ(JS_ToInt32(e.ctx, &i32, v), 0);
    ASSERT_EQ(i32, 5);                       /* ToInt32 wraps modulo 2^32 */
    ASSERT_EQ(JS_ToInt64(e.ctx, &i64, v), 0);
    ASSERT_EQ(i64, 4294967301LL);

    v = JS_NewString(e.ctx, "  12.5  ");
    ASSERT_EQ(JS_ToFloat64(e.ctx, &d, v), 0);
    ASSERT_DOUBLE_EQ(d, 12.5);
    JS_FreeValue(e.ctx, v);

    ASSERT_EQ(JS_ToBool(e.ctx, JS_NewInt32(e.ctx, 0)), 0);
    ASSERT_EQ(JS_ToBool(e.ctx, JS_NULL), 0);
    ASSERT_EQ(JS_ToBool(e.ctx, JS_TRUE), 1);
    env_free(&e);
}

TEST_IMPL(memory_limit)
{
    Env e = env_new();
    JSValue v, exc;
    JS_SetMemoryLimit(e.rt, 2 * 1024 * 1024);
    /* Grows until the limit stops it (bounded in case it does not). */
    v = eval(e.ctx,
             "var a = []; for (var i = 0; i < 3000000; i++) a.push({ i: i, s: 'abc' + i });"
             "'no limit'");
    ASSERT(JS_IsException(v));
    exc = JS_GetException(e.ctx);
    JS_FreeValue(e.ctx, exc);
    /* The context stays usable once memory is available again. */
    JS_SetMemoryLimit(e.rt, 0);
    ASSERT_EQ(eval_int(e.ctx, "a = null; 40 + 2"), 42);
    env_free(&e);
}

TEST_IMPL(object_properties)
{
    Env e = env_new();
    JSValue obj = JS_NewObject(e.ctx), global, v;
    int32_t r = 0;
    const char *s;

    ASSERT(JS_IsObject(obj));
    ASSERT_GE(JS_SetPropertyStr(e.ctx, obj, "x", JS_NewInt32(e.ctx, 42)), 0);
    ASSERT_GE(JS_SetPropertyStr(e.ctx, obj, "name", JS_NewString(e.ctx, "weft")), 0);

    v = JS_GetPropertyStr(e.ctx, obj, "x");
    ASSERT_EQ(JS_ToInt32(e.ctx, &r, v), 0);
    ASSERT_EQ(r, 42);
    JS_FreeValue(e.ctx, v);

    v = JS_GetPropertyStr(e.ctx, obj, "name");
    s = JS_ToCString(e.ctx, v);
    ASSERT_STR_EQ(s, "weft");
    JS_FreeCString(e.ctx, s);
    JS_FreeValue(e.ctx, v);

    v = JS_GetPropertyStr(e.ctx, obj, "missing");
    ASSERT(JS_IsUndefined(v));

    /* visible from JavaScript once on the global object */
    global = JS_GetGlobalObject(e.ctx);
    ASSERT_GE(JS_SetPropertyStr(e.ctx, global, "o", obj), 0);
    JS_FreeValue(e.ctx, global);
    ASSERT_EQ(eval_int(e.ctx, "o.x + o.name.length"), 46);
    ASSERT(eval_bool(e.ctx, "Object.keys(o).join() === 'x,name'"));
    env_free(&e);
}

static JSValue js_add(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double a = 0, b = 0;
    (void)this_val;
    if (argc < 2)
        return JS_ThrowTypeError(ctx, "add needs 2 arguments, got %d", argc);
    if (JS_ToFloat64(ctx, &a, argv[0]) < 0 || JS_ToFloat64(ctx, &b, argv[1]) < 0)
        return JS_EXCEPTION;
    return JS_NewFloat64(ctx, a + b);
}

TEST_IMPL(c_function)
{
    Env e = env_new();
    JSValue global = JS_GetGlobalObject(e.ctx);
    JSValue f = JS_NewCFunction(e.ctx, js_add, "add", 2);
    ASSERT(JS_IsFunction(e.ctx, f));
    ASSERT_GE(JS_SetPropertyStr(e.ctx, global, "add", f), 0);
    JS_FreeValue(e.ctx, global);

    ASSERT_EQ(eval_int(e.ctx, "add(2, 40)"), 42);
    ASSERT_EQ(eval_int(e.ctx, "add.length"), 2);
    ASSERT(eval_bool(e.ctx, "add.name === 'add'"));
    ASSERT(eval_bool(e.ctx,
                     "var caught; try { add(1) } catch (e) { caught = e }"
                     "caught instanceof TypeError && caught.message === 'add needs 2 arguments, got 1'"));
    env_free(&e);
}

TEST_IMPL(exceptions)
{
    Env e = env_new();
    JSValue r, exc, v;
    const char *s;
    int32_t n = 0;

    /* thrown from C */
    r = JS_ThrowTypeError(e.ctx, "bad value %d", 5);
    ASSERT(JS_IsException(r));
    ASSERT(JS_HasException(e.ctx));
    exc = JS_GetException(e.ctx);
    ASSERT(!JS_HasException(e.ctx));
    ASSERT(JS_IsError(e.ctx, exc));
    v = JS_GetPropertyStr(e.ctx, exc, "message");
    s = JS_ToCString(e.ctx, v);
    ASSERT_STR_EQ(s, "bad value 5");
    JS_FreeCString(e.ctx, s);
    JS_FreeValue(e.ctx, v);
    v = JS_GetPropertyStr(e.ctx, exc, "name");
    s = JS_ToCString(e.ctx, v);
    ASSERT_STR_EQ(s, "TypeError");
    JS_FreeCString(e.ctx, s);
    JS_FreeValue(e.ctx, v);
    JS_FreeValue(e.ctx, exc);

    /* thrown from JavaScript */
    r = eval(e.ctx, "throw new RangeError('too far')");
    ASSERT(JS_IsException(r));
    exc = JS_GetException(e.ctx);
    ASSERT(JS_IsError(e.ctx, exc));
    JS_FreeValue(e.ctx, exc);

    /* any value can be thrown */
    r = eval(e.ctx, "throw 42");
    ASSERT(JS_IsException(r));
    exc = JS_GetException(e.ctx);
    ASSERT(!JS_IsError(e.ctx, exc));
    ASSERT_EQ(JS_ToInt32(e.ctx, &n, exc), 0);
    ASSERT_EQ(n, 42);

    /* syntax errors are errors too */
    r = eval(e.ctx, "var = ;");
    ASSERT(JS_IsException(r));
    exc = JS_GetException(e.ctx);
    ASSERT(JS_IsError(e.ctx, exc));
    v = JS_GetPropertyStr(e.ctx, exc, "name");
    s = JS_ToCString(e.ctx, v);
    ASSERT_STR_EQ(s, "SyntaxError");
    JS_FreeCString(e.ctx, s);
    JS_FreeValue(e.ctx, v);
    JS_FreeValue(e.ctx, exc);
    env_free(&e);
}

/* The runtime and context factories of the QuickJS workers document. */
static JSRuntime *my_worker_runtime_factory(void)
{
    JSRuntime *rt = JS_NewRuntime();
    if (!rt)
        return NULL;
    JS_SetMemoryLimit(rt, 64 * 1024 * 1024);  /* 64 MB per worker */
    JS_SetGCThreshold(rt, 1024 * 1024);       /* 1 MB GC threshold */
    return rt;
}

static JSValue js_custom_double(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    int32_t x = 0;
    (void)this_val;
    if (argc > 0 && JS_ToInt32(ctx, &x, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, x * 2);
}

static JSValue create_custom_api(JSContext *ctx)
{
    JSValue api = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, api, "version", JS_NewString(ctx, "1.0"));
    JS_SetPropertyStr(ctx, api, "double", JS_NewCFunction(ctx, js_custom_double, "double", 1));
    return api;
}

static JSContext *my_worker_context_factory(JSRuntime *rt)
{
    JSContext *ctx = JS_NewContext(rt);
    JSValue global;
    if (!ctx)
        return NULL;
    global = JS_GetGlobalObject(ctx);
    JS_SetPropertyStr(ctx, global, "customAPI", create_custom_api(ctx));
    JS_FreeValue(ctx, global);
    return ctx;
}

TEST_IMPL(worker_factories)
{
    JSRuntime *rt = my_worker_runtime_factory();
    JSContext *ctx;
    ASSERT_NOT_NULL(rt);
    ASSERT_UINT_EQ(JS_GetGCThreshold(rt), 1024 * 1024);
    ctx = my_worker_context_factory(rt);
    ASSERT_NOT_NULL(ctx);
    ASSERT(JS_GetRuntime(ctx) == rt);
    ASSERT(eval_bool(ctx, "typeof customAPI === 'object' && customAPI.version === '1.0'"));
    ASSERT_EQ(eval_int(ctx, "customAPI.double(21)"), 42);
    /* work that crosses the GC threshold many times */
    ASSERT_EQ(eval_int(ctx,
                       "var keep = 0; for (var i = 0; i < 200000; i++) {"
                       "  var o = { a: [i, i + 1], s: 'x' + i }; keep += o.a[1] - o.a[0]; }"
                       "keep"), 200000);
    JS_RunGC(rt);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

TEST_IMPL(two_contexts_one_runtime)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *a, *b;
    ASSERT_NOT_NULL(rt);
    a = JS_NewContext(rt);
    b = JS_NewContext(rt);
    ASSERT_NOT_NULL(a);
    ASSERT_NOT_NULL(b);
    ASSERT_EQ(eval_int(a, "var shared = 1; shared"), 1);
    /* separate global objects */
    ASSERT(eval_bool(b, "typeof shared === 'undefined'"));
    JS_FreeContext(a);
    JS_FreeContext(b);
    JS_FreeRuntime(rt);
}

#define TEST_LIST(X)          \
    X(eval_simple)            \
    X(eval_strings)           \
    X(conversions)            \
    X(memory_limit)           \
    X(object_properties)      \
    X(c_function)             \
    X(exceptions)             \
    X(worker_factories)       \
    X(two_contexts_one_runtime)

HARNESS_MAIN(TEST_LIST)
