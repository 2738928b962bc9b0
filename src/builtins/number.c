/*
 * number.c - the Number constructor and Number.prototype (ECMA-262 21.1),
 * and the global value properties and functions that go with numbers:
 * NaN, Infinity, undefined (19.1), isFinite, isNaN, parseFloat, parseInt
 * (19.2).  Number.parseFloat and Number.parseInt are the very same
 * function objects as the globals (21.1.2.12-13).
 *
 * All text <-> number conversion is done by src/engine/num/ (shortest
 * round-trip output, correctly rounded input, locale-independent).
 */
#include <math.h>
#include <string.h>
#include "builtins/builtins.h"
#include "engine/num/num.h"
#include "engine/bigint.h"
#include "engine/unicode/idchar.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Big enough for every output of src/engine/num (radix 2 of 5e-324 is the
   longest: 1,077 bytes with the sign). */
#define NUM_TEXT_SIZE 1100

static JSValue ascii_value(JSContext *ctx, const char *buf, int len)
{
    return wf_str_new8(ctx, (const uint8_t *)buf, (uint32_t)len);
}

/* Number::toString(x) as a string value. */
static JSValue number_text(JSContext *ctx, double x)
{
    char buf[WF_NUM_BUF_SIZE];
    return ascii_value(ctx, buf, wf_num_dtoa(x, buf));
}

/* StrWhiteSpaceChar: WhiteSpace or LineTerminator. */
static bool is_str_space(uint32_t c)
{
    if (c < 0x80)
        return (c >= 0x09 && c <= 0x0d) || c == 0x20;
    return c == 0x2028 || c == 0x2029 || wf_unicode_is_space(c);
}

/* Copy the run of characters of p from `start` accepted by `ok` (all ASCII)
   as bytes into stack_buf, or a js_malloc'ed buffer when longer.  Returns
   the buffer (NULL with an exception on allocation failure); the caller
   frees it with js_free when it is not stack_buf. */
static char *ascii_run(JSContext *ctx, const JSString *p, uint32_t start,
                       bool (*ok)(uint32_t), char *stack_buf, size_t stack_size,
                       size_t *plen)
{
    uint32_t end = start;
    while (end < p->len && ok(wf_str_get(p, end)))
        end++;
    size_t n = end - start;
    char *buf = stack_buf;
    if (n + 1 > stack_size) {
        buf = js_malloc(ctx, n + 1);
        if (!buf)
            return NULL;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)wf_str_get(p, start + (uint32_t)i);
    buf[n] = 0;
    *plen = n;
    return buf;
}

static bool is_float_char(uint32_t c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' ||
           c == '+' || c == '-' || c == 'I' || c == 'n' || c == 'f' ||
           c == 'i' || c == 't' || c == 'y';
}

static bool is_alnum_char(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 𝔽(ℝ(b)) for a BigInt: the nearest double, ties to even
   (engine/bigint.c).  Never fails. */
static int bigint_to_double(JSContext *ctx, JSValueConst v, double *pd)
{
    (void)ctx;
    *pd = wf_bigint_to_double(v);
    return 0;
}

/* thisNumberValue(value) */
static int this_number_value(JSContext *ctx, JSValueConst v, double *pd, const char *method)
{
    JSValueConst x = v;
    if (JS_IsObject(v) && wf_obj(v)->class_id == JS_CLASS_NUMBER)
        x = wf_obj_data(wf_obj(v));
    switch (JS_VALUE_GET_TAG(x)) {
    case JS_TAG_INT:
        *pd = JS_VALUE_GET_INT(x);
        return 0;
    case JS_TAG_FLOAT64:
        *pd = JS_VALUE_GET_FLOAT64(x);
        return 0;
    default:
        JS_ThrowTypeError(ctx, "Number.prototype.%s requires that 'this' be a Number", method);
        return -1;
    }
}

/* ---------------------------------------------------------------------- */
/* Number constructor                                                      */

static JSValue js_number_constructor(JSContext *ctx, JSValueConst new_target,
                                     int argc, JSValueConst *argv)
{
    double d = 0;
    if (argc > 0) {
        JSValue prim = wf_to_numeric(ctx, argv[0]);
        if (JS_IsException(prim))
            return prim;
        int tag = JS_VALUE_GET_TAG(prim);
        if (tag == JS_TAG_INT)
            d = JS_VALUE_GET_INT(prim);
        else if (JS_TAG_IS_FLOAT64(tag))
            d = JS_VALUE_GET_FLOAT64(prim);
        else {
            int r = bigint_to_double(ctx, prim, &d);
            JS_FreeValue(ctx, prim);
            if (r < 0)
                return JS_EXCEPTION;
        }
    }
    if (JS_IsUndefined(new_target))
        return wf_number(d);
    JSValue obj = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_NUMBER);
    if (JS_IsException(obj))
        return obj;
    wf_obj(obj)->u.object_data = wf_number(d);
    return obj;
}

/* ---------------------------------------------------------------------- */
/* Number.prototype                                                        */

static JSValue js_number_to_string(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv, int magic)
{
    double x, r;
    int radix = 10;
    if (this_number_value(ctx, this_val, &x, magic ? "toLocaleString" : "toString") < 0)
        return JS_EXCEPTION;
    if (!magic && argc > 0 && !JS_IsUndefined(argv[0])) {
        if (wf_to_integer_or_infinity(ctx, &r, argv[0]) < 0)
            return JS_EXCEPTION;
        if (!(r >= 2 && r <= 36))
            return JS_ThrowRangeError(ctx, "toString() radix must be between 2 and 36");
        radix = (int)r;
    }
    if (radix == 10)
        return number_text(ctx, x);
    char buf[NUM_TEXT_SIZE];
    return ascii_value(ctx, buf, wf_num_to_radix(x, radix, buf));
}

static JSValue js_number_value_of(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv)
{
    double x;
    (void)argc;
    (void)argv;
    if (this_number_value(ctx, this_val, &x, "valueOf") < 0)
        return JS_EXCEPTION;
    return wf_number(x);
}

static JSValue js_number_to_fixed(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv)
{
    double x, f;
    (void)argc;
    if (this_number_value(ctx, this_val, &x, "toFixed") < 0)
        return JS_EXCEPTION;
    if (wf_to_integer_or_infinity(ctx, &f, argv[0]) < 0)
        return JS_EXCEPTION;
    if (!(f >= 0 && f <= 100))
        return JS_ThrowRangeError(ctx, "toFixed() digits argument must be between 0 and 100");
    if (!isfinite(x) || fabs(x) >= 1e21)
        return number_text(ctx, x);
    char buf[160];
    return ascii_value(ctx, buf, wf_num_to_fixed(x, (int)f, buf));
}

static JSValue js_number_to_exponential(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv)
{
    double x, f;
    (void)argc;
    if (this_number_value(ctx, this_val, &x, "toExponential") < 0)
        return JS_EXCEPTION;
    if (wf_to_integer_or_infinity(ctx, &f, argv[0]) < 0)
        return JS_EXCEPTION;
    if (!isfinite(x))
        return number_text(ctx, x);
    if (!(f >= 0 && f <= 100))
        return JS_ThrowRangeError(ctx, "toExponential() argument must be between 0 and 100");
    char buf[WF_NUM_BUF_SIZE];
    int digits = JS_IsUndefined(argv[0]) ? -1 : (int)f;
    return ascii_value(ctx, buf, wf_num_to_exponential(x, digits, buf));
}

static JSValue js_number_to_precision(JSContext *ctx, JSValueConst this_val,
                                      int argc, JSValueConst *argv)
{
    double x, p;
    (void)argc;
    if (this_number_value(ctx, this_val, &x, "toPrecision") < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(argv[0]))
        return number_text(ctx, x);
    if (wf_to_integer_or_infinity(ctx, &p, argv[0]) < 0)
        return JS_EXCEPTION;
    if (!isfinite(x))
        return number_text(ctx, x);
    if (!(p >= 1 && p <= 100))
        return JS_ThrowRangeError(ctx, "toPrecision() argument must be between 1 and 100");
    char buf[WF_NUM_BUF_SIZE];
    return ascii_value(ctx, buf, wf_num_to_precision(x, (int)p, buf));
}

/* ---------------------------------------------------------------------- */
/* Number.isXxx (no coercion)                                              */

enum { NUM_IS_FINITE, NUM_IS_INTEGER, NUM_IS_NAN, NUM_IS_SAFE_INTEGER };

static JSValue js_number_is(JSContext *ctx, JSValueConst this_val,
                            int argc, JSValueConst *argv, int magic)
{
    (void)this_val;
    (void)argc;
    JSValueConst v = argv[0];
    int tag = JS_VALUE_GET_TAG(v);
    if (tag == JS_TAG_INT)
        return JS_NewBool(ctx, magic != NUM_IS_NAN);
    if (!JS_TAG_IS_FLOAT64(tag))
        return JS_FALSE;
    double d = JS_VALUE_GET_FLOAT64(v);
    bool r;
    switch (magic) {
    case NUM_IS_FINITE:
        r = isfinite(d);
        break;
    case NUM_IS_INTEGER:
        r = isfinite(d) && trunc(d) == d;
        break;
    case NUM_IS_NAN:
        r = isnan(d);
        break;
    default:
        r = isfinite(d) && trunc(d) == d && fabs(d) <= 9007199254740991.0;
        break;
    }
    return JS_NewBool(ctx, r);
}

/* ---------------------------------------------------------------------- */
/* Global functions                                                        */

/* isNaN(number), isFinite(number): with ToNumber. */
static JSValue js_global_is(JSContext *ctx, JSValueConst this_val,
                            int argc, JSValueConst *argv, int magic)
{
    double d;
    (void)this_val;
    (void)argc;
    if (wf_to_number(ctx, &d, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, magic == NUM_IS_NAN ? isnan(d) : isfinite(d));
}

static JSValue js_global_parse_float(JSContext *ctx, JSValueConst this_val,
                                     int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    JSValue s = wf_to_string(ctx, argv[0]);
    if (JS_IsException(s))
        return s;
    const JSString *p = wf_str(s);
    uint32_t i = 0;
    while (i < p->len && is_str_space(wf_str_get(p, i)))
        i++;
    char stack_buf[256];
    size_t n;
    char *buf = ascii_run(ctx, p, i, is_float_char, stack_buf, sizeof stack_buf, &n);
    JS_FreeValue(ctx, s);
    if (!buf)
        return JS_EXCEPTION;
    size_t k = 0;
    int neg = 0;
    if (n > 0 && (buf[0] == '+' || buf[0] == '-')) {
        neg = buf[0] == '-';
        k = 1;
    }
    double d;
    size_t consumed;
    if (n - k >= 8 && memcmp(buf + k, "Infinity", 8) == 0)
        d = INFINITY;
    else {
        d = wf_num_strtod(buf + k, n - k, &consumed);
        if (consumed == 0)
            d = NAN;
    }
    if (buf != stack_buf)
        js_free(ctx, buf);
    return wf_number(neg ? -d : d);
}

static JSValue js_global_parse_int(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    JSValue s = wf_to_string(ctx, argv[0]);
    if (JS_IsException(s))
        return s;
    int32_t r;
    if (wf_to_int32(ctx, &r, argv[1]) < 0) {
        JS_FreeValue(ctx, s);
        return JS_EXCEPTION;
    }
    const JSString *p = wf_str(s);
    uint32_t i = 0;
    while (i < p->len && is_str_space(wf_str_get(p, i)))
        i++;
    int neg = 0;
    if (i < p->len && (wf_str_get(p, i) == '+' || wf_str_get(p, i) == '-')) {
        neg = wf_str_get(p, i) == '-';
        i++;
    }
    bool strip_prefix = true;
    if (r != 0) {
        if (r < 2 || r > 36) {
            JS_FreeValue(ctx, s);
            return __JS_NewFloat64(NAN);
        }
        if (r != 16)
            strip_prefix = false;
    } else
        r = 10;
    if (strip_prefix && i + 1 < p->len && wf_str_get(p, i) == '0' &&
        (wf_str_get(p, i + 1) == 'x' || wf_str_get(p, i + 1) == 'X')) {
        i += 2;
        r = 16;
    }
    char stack_buf[256];
    size_t n;
    char *buf = ascii_run(ctx, p, i, is_alnum_char, stack_buf, sizeof stack_buf, &n);
    JS_FreeValue(ctx, s);
    if (!buf)
        return JS_EXCEPTION;
    size_t consumed;
    double d = wf_num_parse_radix(buf, n, r, &consumed);
    if (buf != stack_buf)
        js_free(ctx, buf);
    if (consumed == 0)
        return __JS_NewFloat64(NAN);
    return wf_number(neg ? -d : d);
}

/* ---------------------------------------------------------------------- */
/* Tables                                                                  */

static const JSCFunctionListEntry js_global_number_funcs[] = {
    JS_CFUNC_DEF("parseInt", 2, js_global_parse_int),
    JS_CFUNC_DEF("parseFloat", 1, js_global_parse_float),
    JS_CFUNC_MAGIC_DEF("isNaN", 1, js_global_is, NUM_IS_NAN),
    JS_CFUNC_MAGIC_DEF("isFinite", 1, js_global_is, NUM_IS_FINITE),
    JS_PROP_DOUBLE_DEF("NaN", NAN, 0),
    JS_PROP_DOUBLE_DEF("Infinity", INFINITY, 0),
    JS_PROP_UNDEFINED_DEF("undefined", 0),
};

static const JSCFunctionListEntry js_number_funcs[] = {
    JS_PROP_DOUBLE_DEF("EPSILON", 2.220446049250313e-16, 0),
    JS_PROP_DOUBLE_DEF("MAX_SAFE_INTEGER", 9007199254740991.0, 0),
    JS_PROP_DOUBLE_DEF("MIN_SAFE_INTEGER", -9007199254740991.0, 0),
    JS_PROP_DOUBLE_DEF("MAX_VALUE", 1.7976931348623157e308, 0),
    JS_PROP_DOUBLE_DEF("MIN_VALUE", 5e-324, 0),
    JS_PROP_DOUBLE_DEF("NaN", NAN, 0),
    JS_PROP_DOUBLE_DEF("NEGATIVE_INFINITY", -INFINITY, 0),
    JS_PROP_DOUBLE_DEF("POSITIVE_INFINITY", INFINITY, 0),
    JS_CFUNC_MAGIC_DEF("isFinite", 1, js_number_is, NUM_IS_FINITE),
    JS_CFUNC_MAGIC_DEF("isInteger", 1, js_number_is, NUM_IS_INTEGER),
    JS_CFUNC_MAGIC_DEF("isNaN", 1, js_number_is, NUM_IS_NAN),
    JS_CFUNC_MAGIC_DEF("isSafeInteger", 1, js_number_is, NUM_IS_SAFE_INTEGER),
    /* the same function objects as the globals (base 0: global object) */
    JS_ALIAS_BASE_DEF("parseFloat", "parseFloat", 0),
    JS_ALIAS_BASE_DEF("parseInt", "parseInt", 0),
};

static const JSCFunctionListEntry js_number_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("toString", 1, js_number_to_string, 0),
    JS_CFUNC_MAGIC_DEF("toLocaleString", 0, js_number_to_string, 1),
    JS_CFUNC_DEF("toFixed", 1, js_number_to_fixed),
    JS_CFUNC_DEF("toExponential", 1, js_number_to_exponential),
    JS_CFUNC_DEF("toPrecision", 1, js_number_to_precision),
    JS_CFUNC_DEF("valueOf", 0, js_number_value_of),
};

int wf_init_number(JSContext *ctx)
{
    JSValue proto, ctor;

    if (JS_SetPropertyFunctionList(ctx, ctx->global_obj, js_global_number_funcs,
                                   countof(js_global_number_funcs)) < 0)
        return -1;

    /* Number.prototype is itself a Number object whose value is +0. */
    proto = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_NUMBER);
    if (JS_IsException(proto))
        return -1;
    wf_obj(proto)->u.object_data = JS_MKVAL(JS_TAG_INT, 0);
    ctx->class_proto[JS_CLASS_NUMBER] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_number_proto_funcs,
                                   countof(js_number_proto_funcs)) < 0)
        return -1;

    ctor = wf_define_ctor(ctx, js_number_constructor, "Number", 1,
                          JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_number_funcs, countof(js_number_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);
    return 0;
}
