/*
 * test_json.c - the public JSON API: JS_ParseJSON (UTF-8 input, SyntaxError
 * with position and file name, deep nesting) and JS_JSONStringify
 * (replacer, space, undefined result, cycles).
 */
#include "harness.h"
#include "js_env.h"

#include "quickjs.h"

/* JS_JSONStringify(v, undefined, space) as a C string compared to want. */
static void expect_json(JSContext *ctx, JSValueConst v, JSValueConst space, const char *want)
{
    JSValue s = JS_JSONStringify(ctx, v, JS_UNDEFINED, space);
    const char *cs;
    ASSERT(!JS_IsException(s));
    cs = JS_ToCString(ctx, s);
    ASSERT_NOT_NULL(cs);
    ASSERT_STR_EQ(cs, want);
    JS_FreeCString(ctx, cs);
    JS_FreeValue(ctx, s);
}

/* The pending exception's message (owned C string, free with JS_FreeCString). */
static const char *exception_message(JSContext *ctx, const char *want_name)
{
    JSValue e = JS_GetException(ctx), name, msg;
    const char *cs, *nm;
    name = JS_GetPropertyStr(ctx, e, "name");
    nm = JS_ToCString(ctx, name);
    ASSERT_NOT_NULL(nm);
    ASSERT_STR_EQ(nm, want_name);
    JS_FreeCString(ctx, nm);
    JS_FreeValue(ctx, name);
    msg = JS_GetPropertyStr(ctx, e, "message");
    cs = JS_ToCString(ctx, msg);
    JS_FreeValue(ctx, msg);
    JS_FreeValue(ctx, e);
    ASSERT_NOT_NULL(cs);
    return cs;
}

TEST_IMPL(parse_values)
{
    Env e = env_new();
    const char *text = "{\"a\": [1, 2.5, \"\xc3\xa9t\xc3\xa9\", true, null], \"b\": {\"c\": -0}}";
    JSValue v = JS_ParseJSON(e.ctx, text, strlen(text), "data.json");
    JSValue a, x;
    const char *cs;
    double d;

    ASSERT(!JS_IsException(v));
    ASSERT(JS_IsObject(v));
    a = JS_GetPropertyStr(e.ctx, v, "a");
    ASSERT(JS_IsArray(e.ctx, a));
    x = JS_GetPropertyUint32(e.ctx, a, 1);
    ASSERT_EQ(JS_ToFloat64(e.ctx, &d, x), 0);
    ASSERT_DOUBLE_EQ(d, 2.5);
    JS_FreeValue(e.ctx, x);
    x = JS_GetPropertyUint32(e.ctx, a, 2);
    cs = JS_ToCString(e.ctx, x);
    ASSERT_STR_EQ(cs, "\xc3\xa9t\xc3\xa9");   /* UTF-8 in, UTF-8 out */
    JS_FreeCString(e.ctx, cs);
    JS_FreeValue(e.ctx, x);
    JS_FreeValue(e.ctx, a);
    expect_json(e.ctx, v, JS_UNDEFINED, "{\"a\":[1,2.5,\"\xc3\xa9t\xc3\xa9\",true,null],\"b\":{\"c\":0}}");
    JS_FreeValue(e.ctx, v);

    /* a length, not a NUL, ends the input */
    v = JS_ParseJSON(e.ctx, "[7]garbage", 3, "<len>");
    ASSERT(!JS_IsException(v));
    expect_json(e.ctx, v, JS_UNDEFINED, "[7]");
    JS_FreeValue(e.ctx, v);
    env_free(&e);
}

TEST_IMPL(parse_errors)
{
    Env e = env_new();
    const char *text = "{\n  \"a\": 1,\n  \"b\": tru\n}";
    const char *msg;
    JSValue v = JS_ParseJSON(e.ctx, text, strlen(text), "conf.json");

    ASSERT(JS_IsException(v));
    msg = exception_message(e.ctx, "SyntaxError");
    ASSERT_NOT_NULL(strstr(msg, "line 3 column 11"));
    ASSERT_NOT_NULL(strstr(msg, "position"));
    JS_FreeCString(e.ctx, msg);

    v = JS_ParseJSON(e.ctx, "", 0, NULL);
    ASSERT(JS_IsException(v));
    msg = exception_message(e.ctx, "SyntaxError");
    JS_FreeCString(e.ctx, msg);

    v = JS_ParseJSON(e.ctx, "[1,]", 4, "x.json");
    ASSERT(JS_IsException(v));
    msg = exception_message(e.ctx, "SyntaxError");
    JS_FreeCString(e.ctx, msg);
    env_free(&e);
}

TEST_IMPL(parse_deep_nesting)
{
    Env e = env_new();
    size_t n = 1000000, i;
    char *buf = malloc(2 * n);
    JSValue v;
    const char *msg;

    ASSERT_NOT_NULL(buf);
    for (i = 0; i < n; i++) {
        buf[i] = '[';
        buf[2 * n - 1 - i] = ']';
    }
    v = JS_ParseJSON(e.ctx, buf, 2 * n, "deep.json");
    ASSERT(JS_IsException(v));
    msg = exception_message(e.ctx, "RangeError");
    JS_FreeCString(e.ctx, msg);
    free(buf);
    env_free(&e);
}

TEST_IMPL(stringify)
{
    Env e = env_new();
    JSValue obj = JS_NewObject(e.ctx), arr = JS_NewArray(e.ctx), r, fn;
    const char *code = "(function (k, v) { return typeof v === 'number' ? v * 10 : v; })";

    JS_SetPropertyStr(e.ctx, obj, "n", JS_NewInt32(e.ctx, 4));
    JS_SetPropertyStr(e.ctx, obj, "s", JS_NewString(e.ctx, "q\"\n"));
    JS_SetPropertyUint32(e.ctx, arr, 0, JS_NewBool(e.ctx, 1));
    JS_SetPropertyStr(e.ctx, obj, "a", JS_DupValue(e.ctx, arr));
    JS_SetPropertyStr(e.ctx, obj, "u", JS_UNDEFINED);
    expect_json(e.ctx, obj, JS_UNDEFINED, "{\"n\":4,\"s\":\"q\\\"\\n\",\"a\":[true]}");
    expect_json(e.ctx, obj, JS_NewInt32(e.ctx, 1), "{\n \"n\": 4,\n \"s\": \"q\\\"\\n\",\n \"a\": [\n  true\n ]\n}");

    fn = JS_Eval(e.ctx, code, strlen(code), "<r>", JS_EVAL_TYPE_GLOBAL);
    ASSERT(!JS_IsException(fn));
    r = JS_JSONStringify(e.ctx, obj, fn, JS_UNDEFINED);
    ASSERT(!JS_IsException(r));
    {
        const char *cs = JS_ToCString(e.ctx, r);
        ASSERT_STR_EQ(cs, "{\"n\":40,\"s\":\"q\\\"\\n\",\"a\":[true]}");
        JS_FreeCString(e.ctx, cs);
    }
    JS_FreeValue(e.ctx, r);
    JS_FreeValue(e.ctx, fn);

    /* undefined in, undefined out (not an exception) */
    r = JS_JSONStringify(e.ctx, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED);
    ASSERT(JS_IsUndefined(r));

    /* a cycle is a TypeError */
    JS_SetPropertyStr(e.ctx, arr, "self", JS_DupValue(e.ctx, obj));
    JS_SetPropertyUint32(e.ctx, arr, 1, JS_DupValue(e.ctx, obj));
    r = JS_JSONStringify(e.ctx, obj, JS_UNDEFINED, JS_UNDEFINED);
    ASSERT(JS_IsException(r));
    {
        const char *msg = exception_message(e.ctx, "TypeError");
        ASSERT_NOT_NULL(strstr(msg, "circular"));
        JS_FreeCString(e.ctx, msg);
    }
    /* break the cycle so the runtime frees cleanly */
    JS_SetPropertyUint32(e.ctx, arr, 1, JS_NULL);
    JS_FreeValue(e.ctx, arr);
    JS_FreeValue(e.ctx, obj);
    env_free(&e);
}

#define TEST_LIST(X)        \
    X(parse_values)         \
    X(parse_errors)         \
    X(parse_deep_nesting)   \
    X(stringify)

HARNESS_MAIN(TEST_LIST)
