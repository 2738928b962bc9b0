/*
 * bigint.c - the BigInt function and BigInt.prototype (ECMA-262 21.2).
 *
 * The values and their arithmetic live in engine/bigint.c; this file is
 * only the JavaScript-facing surface.  BigInt.prototype is an ordinary
 * object (not a BigInt wrapper); Object(1n) wrappers have class BIG_INT
 * and keep the value in u.object_data (engine/conv.c's ToObject).
 */
#include "builtins/builtins.h"
#include "engine/bigint.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* 21.2.1.1 BigInt(value): a conversion function, not a constructor. */
static JSValue js_bigint_constructor(JSContext *ctx, JSValueConst new_target,
                                     int argc, JSValueConst *argv)
{
    JSValue prim, r;
    (void)argc;
    if (!JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "BigInt is not a constructor");
    prim = wf_to_primitive(ctx, argv[0], WF_HINT_NUMBER);
    if (JS_IsException(prim))
        return prim;
    switch (JS_VALUE_GET_TAG(prim)) {
    case JS_TAG_INT:
        return wf_bigint_from_int64(ctx, JS_VALUE_GET_INT(prim));
    case JS_TAG_FLOAT64:
        return wf_bigint_from_number(ctx, JS_VALUE_GET_FLOAT64(prim));
    default:
        r = wf_to_bigint(ctx, prim);
        JS_FreeValue(ctx, prim);
        return r;
    }
}

/* thisBigIntValue(value): new reference, or JS_EXCEPTION. */
static JSValue this_bigint_value(JSContext *ctx, JSValueConst v, const char *method)
{
    if (wf_is_bigint(v))
        return JS_DupValue(ctx, v);
    if (JS_IsObject(v) && wf_obj(v)->class_id == JS_CLASS_BIG_INT) {
        JSValueConst d = wf_obj_data(wf_obj(v));
        if (wf_is_bigint(d))
            return JS_DupValue(ctx, d);
    }
    return JS_ThrowTypeError(ctx, "BigInt.prototype.%s requires that 'this' be a BigInt", method);
}

/* toString(radix) (magic 0) and toLocaleString() (magic 1: no Intl, so
   the same text as toString()). */
static JSValue js_bigint_to_string(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv, int magic)
{
    JSValue x, r;
    int radix = 10;
    x = this_bigint_value(ctx, this_val, magic ? "toLocaleString" : "toString");
    if (JS_IsException(x))
        return x;
    if (!magic && argc > 0 && !JS_IsUndefined(argv[0])) {
        double d;
        if (wf_to_integer_or_infinity(ctx, &d, argv[0]) < 0) {
            JS_FreeValue(ctx, x);
            return JS_EXCEPTION;
        }
        if (!(d >= 2 && d <= 36)) {
            JS_FreeValue(ctx, x);
            return JS_ThrowRangeError(ctx, "toString() radix must be between 2 and 36");
        }
        radix = (int)d;
    }
    r = wf_bigint_to_string(ctx, x, radix);
    JS_FreeValue(ctx, x);
    return r;
}

static JSValue js_bigint_value_of(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    return this_bigint_value(ctx, this_val, "valueOf");
}

/* BigInt.asIntN (magic 1) / BigInt.asUintN (magic 0). */
static JSValue js_bigint_as_n(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv, int magic)
{
    uint64_t bits;
    JSValue b;
    (void)this_val;
    (void)argc;
    if (wf_to_index(ctx, &bits, argv[0]) < 0)
        return JS_EXCEPTION;
    b = wf_to_bigint(ctx, argv[1]);
    if (JS_IsException(b))
        return b;
    return wf_bigint_as_int_n(ctx, bits, b, magic != 0);
}

static const JSCFunctionListEntry js_bigint_funcs[] = {
    JS_CFUNC_MAGIC_DEF("asIntN", 2, js_bigint_as_n, 1),
    JS_CFUNC_MAGIC_DEF("asUintN", 2, js_bigint_as_n, 0),
};

static const JSCFunctionListEntry js_bigint_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("toString", 0, js_bigint_to_string, 0),
    JS_CFUNC_MAGIC_DEF("toLocaleString", 0, js_bigint_to_string, 1),
    JS_CFUNC_DEF("valueOf", 0, js_bigint_value_of),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "BigInt", JS_PROP_CONFIGURABLE),
};

int wf_init_bigint(JSContext *ctx)
{
    JSValue proto, ctor;
    int r;
    proto = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_BIG_INT]);
    ctx->class_proto[JS_CLASS_BIG_INT] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_bigint_proto_funcs,
                                   countof(js_bigint_proto_funcs)) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, js_bigint_constructor, "BigInt", 1,
                          JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    r = JS_SetPropertyFunctionList(ctx, ctor, js_bigint_funcs, countof(js_bigint_funcs));
    JS_FreeValue(ctx, ctor);
    return r < 0 ? -1 : 0;
}
