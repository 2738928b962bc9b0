/*
 * test_interrupt.c - JS_SetInterruptHandler: the interpreter polls the
 * handler at calls and backward jumps; a non-zero answer ends the script
 * with an uncatchable InternalError that neither `catch` nor `finally`
 * blocks of the script can intercept, and the runtime stays usable.
 * Also checks that deep recursion gives a catchable RangeError.
 */
#include "harness.h"

#include "quickjs.h"

typedef struct Counter {
    int calls;      /* handler invocations */
    int stop_after; /* answer 1 from this call on (0: never) */
} Counter;

static int handler(JSRuntime *rt, void *opaque)
{
    Counter *c = opaque;
    (void)rt;
    c->calls++;
    return c->stop_after && c->calls >= c->stop_after;
}

static JSValue eval(JSContext *ctx, const char *code)
{
    return JS_Eval(ctx, code, strlen(code), "<interrupt>", JS_EVAL_TYPE_GLOBAL);
}

/* Runs code that must be interrupted; returns the exception (owned). */
static JSValue expect_interrupt(JSContext *ctx, const char *code)
{
    JSValue v = eval(ctx, code);
    ASSERT(JS_IsException(v));
    v = JS_GetException(ctx);
    ASSERT(JS_IsUncatchableError(ctx, v));
    return v;
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

TEST_IMPL(interrupt_infinite_loop)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    Counter c = { 0, 3 };
    JSValue e;

    JS_SetInterruptHandler(rt, handler, &c);
    e = expect_interrupt(ctx, "for (;;) {}");
    JS_FreeValue(ctx, e);
    ASSERT_GE(c.calls, 3);
    /* still usable afterwards */
    c.stop_after = 0;
    ASSERT_EQ(eval_int(ctx, "1 + 2"), 3);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

TEST_IMPL(interrupt_not_catchable)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    Counter c = { 0, 2 };
    JSValue e, flag;

    JS_SetInterruptHandler(rt, handler, &c);
    e = expect_interrupt(ctx,
        "var caught = false, fin = false;"
        "try { while (true) {} } catch (e) { caught = true; } finally { fin = true; }");
    JS_FreeValue(ctx, e);
    c.stop_after = 0;
    flag = eval(ctx, "caught || fin");
    ASSERT(!JS_IsException(flag));
    ASSERT_EQ(JS_ToBool(ctx, flag), 0);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

TEST_IMPL(interrupt_recursion_and_calls)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    Counter c = { 0, 5 };
    JSValue e;

    JS_SetInterruptHandler(rt, handler, &c);
    /* no backward jump: only calls poll */
    e = expect_interrupt(ctx, "function f(n) { return n > 0 ? f(n - 1) + f(n - 1) : 0; } f(40);");
    JS_FreeValue(ctx, e);
    /* through native callbacks */
    c.calls = 0;
    e = expect_interrupt(ctx, "var a = []; for (var i = 0; i < 1000; i++) a.push(i);"
                              "for (;;) a.map(function (x) { return x; });");
    JS_FreeValue(ctx, e);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

TEST_IMPL(interrupt_handler_says_continue)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    Counter c = { 0, 0 };

    JS_SetInterruptHandler(rt, handler, &c);
    ASSERT_EQ(eval_int(ctx, "var s = 0; for (var i = 0; i < 1000000; i++) s += i & 1; s"), 500000);
    ASSERT_GT(c.calls, 0);
    JS_SetInterruptHandler(rt, NULL, NULL);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

TEST_IMPL(deep_recursion_range_error)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue v;

    v = eval(ctx, "function r(n) { return n ? r(n - 1) + 1 : 0 } r(1000000)");
    ASSERT(JS_IsException(v));
    v = JS_GetException(ctx);
    ASSERT(!JS_IsUncatchableError(ctx, v));
    JS_FreeValue(ctx, v);
    ASSERT_EQ(eval_int(ctx, "r(100)"), 100);
    ASSERT_EQ(eval_int(ctx, "var ok = 0; try { r(1e7) } catch (e) { ok = e instanceof RangeError } ok ? 1 : 0"), 1);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

#define TEST_LIST(X)                       \
    X(interrupt_infinite_loop)             \
    X(interrupt_not_catchable)             \
    X(interrupt_recursion_and_calls)       \
    X(interrupt_handler_says_continue)     \
    X(deep_recursion_range_error)
HARNESS_MAIN(TEST_LIST)
