/*
 * test_bigint.c - the public BigInt API: JS_NewBigInt64 / JS_NewBigUint64,
 * JS_ToBigInt64 / JS_ToBigUint64 (ToBigInt then modulo 2^64, TypeError /
 * SyntaxError like ToBigInt), JS_ToInt64Ext, JS_IsBigInt, and a memory
 * limit hit by a huge BigInt (RangeError or out-of-memory, never a crash).
 */
#include "harness.h"
#include "js_env.h"

#include "quickjs.h"

static JSValue eval(JSContext *ctx, const char *src)
{
    return JS_Eval(ctx, src, strlen(src), "<test>", JS_EVAL_TYPE_GLOBAL);
}

/* String(v) compared to want. */
static void expect_str(JSContext *ctx, JSValueConst v, const char *want)
{
    const char *s = JS_ToCString(ctx, v);
    ASSERT_NOT_NULL(s);
    ASSERT_STR_EQ(s, want);
    JS_FreeCString(ctx, s);
}

TEST_IMPL(bigint_new)
{
    Env e = env_new();
    JSValue v = JS_NewBigInt64(e.ctx, INT64_MIN);
    ASSERT(JS_IsBigInt(e.ctx, v));
    expect_str(e.ctx, v, "-9223372036854775808");
    JS_FreeValue(e.ctx, v);
    v = JS_NewBigInt64(e.ctx, -5);
    expect_str(e.ctx, v, "-5");
    JS_FreeValue(e.ctx, v);
    v = JS_NewBigUint64(e.ctx, UINT64_MAX);
    expect_str(e.ctx, v, "18446744073709551615");
    /* a value made in C equals the same value made by JavaScript */
    JSValue w = eval(e.ctx, "2n ** 64n - 1n");
    ASSERT(JS_IsStrictEqual(e.ctx, v, w));
    JS_FreeValue(e.ctx, w);
    JS_FreeValue(e.ctx, v);
    v = JS_NewBigUint64(e.ctx, 7);
    ASSERT(JS_IsBigInt(e.ctx, v));
    w = eval(e.ctx, "7n");
    ASSERT(JS_IsStrictEqual(e.ctx, v, w));
    JS_FreeValue(e.ctx, w);
    JS_FreeValue(e.ctx, v);
    env_free(&e);
}

TEST_IMPL(bigint_to_64)
{
    Env e = env_new();
    int64_t i;
    uint64_t u;
    JSValue v = eval(e.ctx, "2n ** 64n + 2n ** 63n + 5n");
    ASSERT_EQ(JS_ToBigInt64(e.ctx, &i, v), 0);
    ASSERT(i == INT64_MIN + 5);
    ASSERT_EQ(JS_ToBigUint64(e.ctx, &u, v), 0);
    ASSERT(u == ((uint64_t)1 << 63) + 5);
    ASSERT_EQ(JS_ToInt64Ext(e.ctx, &i, v), 0);
    ASSERT(i == INT64_MIN + 5);
    JS_FreeValue(e.ctx, v);

    v = eval(e.ctx, "-1n");
    ASSERT_EQ(JS_ToBigUint64(e.ctx, &u, v), 0);
    ASSERT(u == UINT64_MAX);
    JS_FreeValue(e.ctx, v);

    /* ToBigInt: booleans and strings convert, Numbers do not */
    ASSERT_EQ(JS_ToBigInt64(e.ctx, &i, JS_TRUE), 0);
    ASSERT(i == 1);
    v = JS_NewString(e.ctx, " 0x10 ");
    ASSERT_EQ(JS_ToBigInt64(e.ctx, &i, v), 0);
    ASSERT(i == 16);
    JS_FreeValue(e.ctx, v);
    ASSERT_EQ(JS_ToBigInt64(e.ctx, &i, JS_NewInt32(e.ctx, 3)), -1);
    JSValue ex = JS_GetException(e.ctx);
    ASSERT(JS_IsError(e.ctx, ex));
    JS_FreeValue(e.ctx, ex);
    v = JS_NewString(e.ctx, "1.5");
    ASSERT_EQ(JS_ToBigUint64(e.ctx, &u, v), -1);
    JS_FreeValue(e.ctx, v);
    JS_FreeValue(e.ctx, JS_GetException(e.ctx));

    /* JS_ToInt64Ext still takes Numbers */
    ASSERT_EQ(JS_ToInt64Ext(e.ctx, &i, JS_NewFloat64(e.ctx, -7.9)), 0);
    ASSERT(i == -7);
    env_free(&e);
}

TEST_IMPL(bigint_memory_limit)
{
    Env e = env_new();
    JS_SetMemoryLimit(e.rt, 8 * 1024 * 1024);
    JSValue v = eval(e.ctx, "let x = 3n; for (let i = 0; i < 40; i++) x = x * x; x");
    ASSERT(JS_IsException(v));
    JS_FreeValue(e.ctx, JS_GetException(e.ctx));
    JS_SetMemoryLimit(e.rt, 0);
    v = eval(e.ctx, "(7n ** 1000n).toString().length");
    ASSERT_EQ(JS_VALUE_GET_INT(v), 846);
    env_free(&e);
}

#define TEST_LIST(X) \
    X(bigint_new)    \
    X(bigint_to_64)  \
    X(bigint_memory_limit)
HARNESS_MAIN(TEST_LIST)
