/*
 * test_cfunc.c - C function objects through the public API:
 * JS_NewCFunction2/3, JS_NewCFunctionData, JS_SetConstructor and
 * JS_SetPropertyFunctionList with every JS_DEF_* entry kind and every
 * JSCFunctionEnum calling convention.
 */
#include "harness.h"
#include "js_env.h"

#include "quickjs.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Evaluates a JS expression that must be true; prints it otherwise. */
static void check(JSContext *ctx, const char *code)
{
    JSValue r = JS_Eval(ctx, code, strlen(code), "<test>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(r)) {
        JSValue e = JS_GetException(ctx);
        const char *s = JS_ToCString(ctx, e);
        fprintf(stderr, "exception in `%s`: %s\n", code, s ? s : "?");
        JS_FreeCString(ctx, s);
        JS_FreeValue(ctx, e);
        ASSERT(0);
    }
    if (!JS_IsBool(r) || !JS_VALUE_GET_BOOL(r)) {
        fprintf(stderr, "not true: %s\n", code);
        JS_FreeValue(ctx, r);
        ASSERT(0);
    }
}

/* ---------------------------------------------------------------- the C side */

/* argc as seen by the function (never padded) */
static JSValue f_argc(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argv;
    return JS_NewInt32(ctx, argc);
}

/* declared length 3: argv[2] must be readable even when argc < 3 */
static JSValue f_pad(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    return JS_NewBool(ctx, JS_IsUndefined(argv[2]) && JS_IsUndefined(argv[1]));
}

/* declared length 40: the heap-padded path */
static JSValue f_pad_big(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    return JS_NewBool(ctx, argc == 1 && JS_IsUndefined(argv[39]) &&
                      JS_VALUE_GET_TAG(argv[0]) == JS_TAG_INT);
}

static JSValue f_this(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    return JS_DupValue(ctx, this_val);
}

static JSValue f_magic(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                       int magic)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_NewInt32(ctx, magic);
}

/* constructor: returns {nt: new_target} */
static JSValue f_ctor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    JSValue obj = JS_NewObject(ctx);
    (void)argc;
    (void)argv;
    JS_SetPropertyStr(ctx, obj, "nt", JS_DupValue(ctx, new_target));
    return obj;
}

static JSValue f_ctor_magic(JSContext *ctx, JSValueConst new_target, int argc,
                            JSValueConst *argv, int magic)
{
    JSValue obj = JS_NewObject(ctx);
    (void)argc;
    (void)argv;
    JS_SetPropertyStr(ctx, obj, "nt", JS_DupValue(ctx, new_target));
    JS_SetPropertyStr(ctx, obj, "magic", JS_NewInt32(ctx, magic));
    return obj;
}

static double f_double(double x) { return x * 2; }
static double f_sub(double x, double y) { return x - y; }

static JSValue f_get(JSContext *ctx, JSValueConst this_val)
{
    return JS_GetPropertyStr(ctx, this_val, "_v");
}

static JSValue f_set(JSContext *ctx, JSValueConst this_val, JSValueConst v)
{
    if (JS_SetPropertyStr(ctx, this_val, "_v", JS_DupValue(ctx, v)) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static JSValue f_get_magic(JSContext *ctx, JSValueConst this_val, int magic)
{
    (void)this_val;
    return JS_NewInt32(ctx, magic);
}

static JSValue f_set_magic(JSContext *ctx, JSValueConst this_val, JSValueConst v, int magic)
{
    int32_t n;
    if (JS_ToInt32(ctx, &n, v) < 0)
        return JS_EXCEPTION;
    if (JS_SetPropertyStr(ctx, this_val, "_m", JS_NewInt32(ctx, n + magic)) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* iterator_next: counts this.i up to this.n */
static JSValue f_next(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                      int *pdone, int magic)
{
    int32_t i, n;
    JSValue v;
    (void)argc;
    (void)argv;
    v = JS_GetPropertyStr(ctx, this_val, "i");
    if (JS_ToInt32(ctx, &i, v) < 0) {
        JS_FreeValue(ctx, v);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, v);
    v = JS_GetPropertyStr(ctx, this_val, "n");
    if (JS_ToInt32(ctx, &n, v) < 0) {
        JS_FreeValue(ctx, v);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, v);
    if (i >= n) {
        *pdone = 1;
        return JS_UNDEFINED;
    }
    JS_SetPropertyStr(ctx, this_val, "i", JS_NewInt32(ctx, i + 1));
    *pdone = 0;
    return JS_NewInt32(ctx, i * magic);
}

static JSValue f_throw(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_ThrowRangeError(ctx, "from C");
}

static JSValue f_data(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                      int magic, JSValueConst *data)
{
    int32_t a = 0, b = 0;
    (void)this_val;
    if (JS_ToInt32(ctx, &a, data[0]) < 0 || JS_ToInt32(ctx, &b, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewInt32(ctx, a * 100 + b * 10 + magic + argc * 1000);
}

static const JSCFunctionListEntry nested_funcs[] = {
    JS_CFUNC_DEF("argc", 0, f_argc),
    JS_PROP_INT32_DEF("n", 42, JS_PROP_C_W_E),
};

static const JSCFunctionListEntry test_funcs[] = {
    JS_CFUNC_DEF("argc", 1, f_argc),
    JS_CFUNC_DEF("pad", 3, f_pad),
    JS_CFUNC_DEF("padBig", 40, f_pad_big),
    JS_CFUNC_DEF("self", 0, f_this),
    JS_CFUNC_MAGIC_DEF("magic7", 0, f_magic, 7),
    JS_CFUNC_MAGIC_DEF("magicNeg", 0, f_magic, -3),
    JS_CFUNC_SPECIAL_DEF("Ctor", 0, constructor, f_ctor),
    JS_CFUNC_SPECIAL_DEF("CtorOrFunc", 0, constructor_or_func, f_ctor),
    { "CtorMagic", JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE, JS_DEF_CFUNC, 9,
      { .func = { 0, JS_CFUNC_constructor_magic, { .constructor_magic = f_ctor_magic } } } },
    { "CtorOrFuncMagic", JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE, JS_DEF_CFUNC, 11,
      { .func = { 0, JS_CFUNC_constructor_or_func_magic, { .constructor_magic = f_ctor_magic } } } },
    JS_CFUNC_SPECIAL_DEF("dbl", 1, f_f, f_double),
    JS_CFUNC_SPECIAL_DEF("sub", 2, f_f_f, f_sub),
    JS_CGETSET_DEF("acc", f_get, f_set),
    JS_CGETSET_DEF("ro", f_get, NULL),
    JS_CGETSET_MAGIC_DEF("m5", f_get_magic, f_set_magic, 5),
    JS_ITERATOR_NEXT_DEF("next", 0, f_next, 2),
    JS_CFUNC_DEF("thrower", 0, f_throw),
    JS_PROP_STRING_DEF("s", "str\xc3\xa9", JS_PROP_CONFIGURABLE),
    JS_PROP_INT32_DEF("i32", -5, JS_PROP_C_W_E),
    JS_PROP_INT64_DEF("i64", (int64_t)1 << 40, 0),
    JS_PROP_DOUBLE_DEF("d", 1.5, JS_PROP_WRITABLE),
    JS_PROP_UNDEFINED_DEF("u", JS_PROP_ENUMERABLE),
    JS_OBJECT_DEF("nested", nested_funcs, countof(nested_funcs), JS_PROP_ENUMERABLE),
    JS_ALIAS_DEF("argcAlias", "argc"),
    JS_ALIAS_BASE_DEF("globalObject", "Object", 0),
    JS_CFUNC_DEF("[Symbol.iterator]", 0, f_this),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Test", JS_PROP_CONFIGURABLE),
};

static void install(Env *e)
{
    JSValue t = JS_NewObject(e->ctx), g = JS_GetGlobalObject(e->ctx);
    ASSERT_EQ(JS_SetPropertyFunctionList(e->ctx, t, test_funcs, countof(test_funcs)), 0);
    ASSERT_EQ(JS_SetPropertyStr(e->ctx, g, "t", t), 1);
    JS_FreeValue(e->ctx, g);
    check(e->ctx, "function d(o, k) { return Object.getOwnPropertyDescriptor(o, k); } true");
}

/* ---------------------------------------------------------------- tests */

TEST_IMPL(generic_and_padding)
{
    Env e = env_new();
    install(&e);
    check(e.ctx, "t.argc() === 0 && t.argc(1, 2, 3) === 3");
    check(e.ctx, "t.argc.length === 1 && t.argc.name === 'argc'");
    check(e.ctx, "t.pad() === true && t.pad(1) === true && t.pad.length === 3");
    check(e.ctx, "t.padBig(1) === true && t.padBig.length === 40");
    check(e.ctx, "t.self() === t && t.self.call(5) === 5");
    check(e.ctx, "var dd = d(t, 'argc'); dd.writable && !dd.enumerable && dd.configurable");
    check(e.ctx, "var dn = d(t.argc, 'name'); !dn.writable && !dn.enumerable && dn.configurable");
    check(e.ctx, "Object.getPrototypeOf(t.argc) === Function.prototype");
    check(e.ctx, "t.argc.toString() === 'function argc() { [native code] }'");
    check(e.ctx, "try { new t.argc(); false } catch (x) { x instanceof TypeError }");
    check(e.ctx, "try { t.thrower(); false } catch (x) { x instanceof RangeError && x.message === 'from C' }");
    env_free(&e);
}

TEST_IMPL(magic_and_constructors)
{
    Env e = env_new();
    install(&e);
    check(e.ctx, "t.magic7() === 7 && t.magicNeg() === -3");
    check(e.ctx, "try { t.Ctor(); false } catch (x) { x instanceof TypeError }");
    check(e.ctx, "new t.Ctor().nt === t.Ctor");
    check(e.ctx, "t.CtorOrFunc().nt === undefined && new t.CtorOrFunc().nt === t.CtorOrFunc");
    check(e.ctx, "try { t.CtorMagic(); false } catch (x) { x instanceof TypeError }");
    check(e.ctx, "var cm = new t.CtorMagic(); cm.nt === t.CtorMagic && cm.magic === 9");
    check(e.ctx, "t.CtorOrFuncMagic().magic === 11 && t.CtorOrFuncMagic().nt === undefined");
    check(e.ctx, "t.CtorOrFunc.prototype = {}; class Sub extends t.CtorOrFunc {}; new Sub().nt === Sub");
    env_free(&e);
}

TEST_IMPL(numeric_protos)
{
    Env e = env_new();
    install(&e);
    check(e.ctx, "t.dbl(3) === 6 && t.dbl('4') === 8 && Number.isNaN(t.dbl())");
    check(e.ctx, "t.sub(5, 2) === 3 && Number.isNaN(t.sub(1))");
    check(e.ctx, "try { t.dbl(Symbol()); false } catch (x) { x instanceof TypeError }");
    check(e.ctx, "t.dbl(0.5) === 1");
    env_free(&e);
}

TEST_IMPL(getters_setters)
{
    Env e = env_new();
    install(&e);
    check(e.ctx, "t.acc = 5; t.acc === 5 && t._v === 5");
    check(e.ctx, "var ad = d(t, 'acc'); ad.get.name === 'get acc' && ad.set.name === 'set acc'");
    check(e.ctx, "ad.get.length === 0 && ad.set.length === 1 && !ad.enumerable && ad.configurable");
    check(e.ctx, "d(t, 'ro').set === undefined");
    check(e.ctx, "t.m5 === 5");
    check(e.ctx, "t.m5 = 10; t._m === 15");
    check(e.ctx, "d(t, 'm5').get.name === 'get m5'");
    env_free(&e);
}

TEST_IMPL(iterator_next_proto)
{
    Env e = env_new();
    install(&e);
    check(e.ctx, "var it = { i: 0, n: 3, next: t.next }; var r = it.next(); "
                 "r.value === 0 && r.done === false");
    check(e.ctx, "it.next().value === 2 && it.next().value === 4");
    check(e.ctx, "var r2 = it.next(); r2.done === true && r2.value === undefined");
    check(e.ctx, "var it2 = { i: 0, n: 2, next: t.next, [Symbol.iterator]() { return this; } };"
                 "var acc = []; for (var v of it2) acc.push(v); acc.join() === '0,2'");
    env_free(&e);
}

TEST_IMPL(value_entries)
{
    Env e = env_new();
    install(&e);
    check(e.ctx, "t.s === 'str\\u00e9' && t.i32 === -5 && t.i64 === 2 ** 40 && t.d === 1.5");
    check(e.ctx, "'u' in t && t.u === undefined && d(t, 'u').enumerable && !d(t, 'u').writable");
    check(e.ctx, "var ds = d(t, 's'); !ds.writable && !ds.enumerable && ds.configurable");
    check(e.ctx, "var di = d(t, 'i32'); di.writable && di.enumerable && di.configurable");
    check(e.ctx, "var d6 = d(t, 'i64'); !d6.writable && !d6.enumerable && !d6.configurable");
    check(e.ctx, "d(t, 'd').writable && !d(t, 'd').configurable");
    check(e.ctx, "t.nested.n === 42 && t.nested.argc(1) === 1 && d(t, 'nested').enumerable");
    check(e.ctx, "Object.getPrototypeOf(t.nested) === Object.prototype");
    check(e.ctx, "t.argcAlias === t.argc && t.globalObject === Object");
    check(e.ctx, "t[Symbol.iterator]() === t && t[Symbol.iterator].name === '[Symbol.iterator]'");
    check(e.ctx, "Object.prototype.toString.call(t) === '[object Test]'");
    env_free(&e);
}

TEST_IMPL(new_cfunction_variants)
{
    Env e = env_new();
    JSContext *ctx = e.ctx;
    JSValue g = JS_GetGlobalObject(ctx), f, proto, data[1];

    /* JS_NewCFunction2 with a NULL name */
    f = JS_NewCFunction2(ctx, f_argc, NULL, 2, JS_CFUNC_generic, 0);
    ASSERT_FALSE(JS_IsException(f));
    JS_SetPropertyStr(ctx, g, "anon", f);
    check(ctx, "anon.name === '' && anon.length === 2 && anon(1) === 1");

    /* JS_NewCFunction3 with a custom prototype */
    proto = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, proto, "marker", JS_NewInt32(ctx, 1));
    f = JS_NewCFunction3(ctx, f_argc, "withProto", 0, JS_CFUNC_generic, 0, proto);
    JS_FreeValue(ctx, proto);
    JS_SetPropertyStr(ctx, g, "withProto", f);
    check(ctx, "withProto.marker === 1 && withProto() === 0 && typeof withProto === 'function'");

    /* JS_NewCFunctionData keeps its data alive and passes magic */
    data[0] = JS_NewInt32(ctx, 4);
    f = JS_NewCFunctionData(ctx, f_data, 1, 3, 1, data);
    ASSERT_FALSE(JS_IsException(f));
    JS_SetPropertyStr(ctx, g, "withData", f);
    check(ctx, "withData(5) === 1453 && withData(2, 0) === 2423 && withData.length === 1");
    check(ctx, "withData.name === '' && Object.getPrototypeOf(withData) === Function.prototype");
    check(ctx, "try { new withData(1); false } catch (x) { x instanceof TypeError }");

    /* data holding an object that points back at the function: a cycle
       the collector must free (JS_DUMP_LEAKS reports it otherwise) */
    data[0] = JS_NewObject(ctx);
    f = JS_NewCFunctionData(ctx, f_data, 0, 0, 1, data);
    JS_SetPropertyStr(ctx, data[0], "fn", JS_DupValue(ctx, f));
    JS_FreeValue(ctx, data[0]);
    JS_FreeValue(ctx, f);

    /* JS_SetConstructor links prototype and constructor */
    f = JS_NewCFunction2(ctx, f_ctor, "Made", 0, JS_CFUNC_constructor, 0);
    proto = JS_NewObject(ctx);
    ASSERT_EQ(JS_SetConstructor(ctx, f, proto), 0);
    JS_FreeValue(ctx, proto);
    JS_SetPropertyStr(ctx, g, "Made", f);
    check(ctx, "Made.prototype.constructor === Made && new Made().nt === Made");
    check(ctx, "var pd = Object.getOwnPropertyDescriptor(Made, 'prototype');"
               "!pd.writable && !pd.enumerable && !pd.configurable");
    check(ctx, "var cd = Object.getOwnPropertyDescriptor(Made.prototype, 'constructor');"
               "cd.writable && !cd.enumerable && cd.configurable");
    JS_FreeValue(ctx, g);
    env_free(&e);
}

#define TEST_LIST(X)              \
    X(generic_and_padding)        \
    X(magic_and_constructors)     \
    X(numeric_protos)             \
    X(getters_setters)            \
    X(iterator_next_proto)        \
    X(value_entries)              \
    X(new_cfunction_variants)
HARNESS_MAIN(TEST_LIST)
