/*
 * conv.c - type conversion and comparison (ECMA-262 7.1 type conversion,
 * 7.2 testing and comparison) and the public JS_To* / JS_Is*Equal API.
 *
 * Number <-> text goes through engine/num (shortest round-trip output,
 * correctly rounded input).  BigInt values, their text and their mixed
 * comparisons with Numbers and Strings come from engine/bigint.c.
 */
#include <math.h>
#include <string.h>
#include <stdio.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/conv.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/error.h"
#include "engine/function.h"
#include "engine/num/num.h"
#include "engine/bigint.h"

/* ------------------------------------------------------------------ */
/* ToPrimitive */

static JSValue ordinary_to_primitive(JSContext *ctx, JSValueConst v, WFHint hint)
{
    JSAtom order[2];
    int i;
    if (hint == WF_HINT_STRING) {
        order[0] = JS_ATOM_toString;
        order[1] = JS_ATOM_valueOf;
    } else {
        order[0] = JS_ATOM_valueOf;
        order[1] = JS_ATOM_toString;
    }
    for (i = 0; i < 2; i++) {
        JSValue f = wf_obj_get(ctx, v, order[i], v), r;
        if (JS_IsException(f))
            return f;
        if (wf_is_callable(f)) {
            r = wf_call_free(ctx, f, v, 0, NULL);
            if (JS_IsException(r) || !JS_IsObject(r))
                return r;
            JS_FreeValue(ctx, r);
        } else {
            JS_FreeValue(ctx, f);
        }
    }
    return wf_throw_error(ctx, JS_TYPE_ERROR, "cannot convert object to primitive value");
}

JSValue wf_to_primitive(JSContext *ctx, JSValueConst v, WFHint hint)
{
    JSValue ex, r, h;
    JSAtom ha;
    if (!JS_IsObject(v))
        return JS_DupValue(ctx, v);
    ex = wf_get_method(ctx, v, JS_ATOM_Symbol_toPrimitive);
    if (JS_IsException(ex))
        return ex;
    if (JS_IsUndefined(ex))
        return ordinary_to_primitive(ctx, v, hint == WF_HINT_DEFAULT ? WF_HINT_NUMBER : hint);
    ha = hint == WF_HINT_STRING ? JS_ATOM_string : hint == WF_HINT_NUMBER ? JS_ATOM_number
                                                                          : JS_ATOM_default;
    h = JS_AtomToString(ctx, ha);
    r = wf_call_free(ctx, ex, v, 1, (JSValueConst *)&h);
    JS_FreeValue(ctx, h);
    if (JS_IsException(r))
        return r;
    if (JS_IsObject(r)) {
        JS_FreeValue(ctx, r);
        return wf_throw_error(ctx, JS_TYPE_ERROR, "[Symbol.toPrimitive] must return a primitive value");
    }
    return r;
}

/* ------------------------------------------------------------------ */
/* ToBoolean / ToNumber */

int wf_to_boolean(JSValueConst v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT:
    case JS_TAG_BOOL:
        return JS_VALUE_GET_INT(v) != 0;
    case JS_TAG_NULL:
    case JS_TAG_UNDEFINED:
    case JS_TAG_UNINITIALIZED:
    case JS_TAG_EXCEPTION:
        return 0;
    case JS_TAG_FLOAT64: {
        double d = JS_VALUE_GET_FLOAT64(v);
        return !isnan(d) && d != 0;
    }
    case JS_TAG_STRING:
        return wf_str(v)->len != 0;
    case JS_TAG_SHORT_BIG_INT:
        return JS_VALUE_GET_SHORT_BIG_INT(v) != 0;
    case JS_TAG_BIG_INT:
        return 1;   /* heap BigInts are never zero (zero is short) */
    case JS_TAG_OBJECT:
        return !wf_obj(v)->is_HTMLDDA;
    default:
        return 1;
    }
}

static inline bool is_js_space(uint32_t c)
{
    if (c < 0x80)
        return c == 0x20 || (c >= 0x09 && c <= 0x0D);
    return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

double wf_string_to_number(JSValueConst str)
{
    const JSString *p = wf_str(str);
    uint32_t start = 0, end = p->len, i, n;
    char buf[4096];

    while (start < end && is_js_space(wf_str_get(p, start)))
        start++;
    while (end > start && is_js_space(wf_str_get(p, end - 1)))
        end--;
    if (!p->is_wide)
        return wf_num_from_string((const char *)p->u.str8 + start, end - start);
    /* wide: a unit above 0xff cannot be part of a number; narrow the rest.
       (Wide numeric text longer than the buffer would need a heap copy;
       such input does not occur in practice and reads as NaN.) */
    n = end - start;
    if (n > sizeof(buf))
        return NAN;
    for (i = 0; i < n; i++) {
        uint16_t c = p->u.str16[start + i];
        if (c > 0xff)
            return NAN;
        buf[i] = (char)c;
    }
    return wf_num_from_string(buf, n);
}

int wf_to_number(JSContext *ctx, double *pres, JSValueConst v)
{
    JSValue prim;
    int r;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT:
        *pres = JS_VALUE_GET_INT(v);
        return 0;
    case JS_TAG_FLOAT64:
        *pres = JS_VALUE_GET_FLOAT64(v);
        return 0;
    case JS_TAG_BOOL:
        *pres = JS_VALUE_GET_INT(v) != 0;
        return 0;
    case JS_TAG_NULL:
        *pres = 0;
        return 0;
    case JS_TAG_UNDEFINED:
        *pres = NAN;
        return 0;
    case JS_TAG_STRING:
        *pres = wf_string_to_number(v);
        return 0;
    case JS_TAG_SYMBOL:
        *pres = NAN;
        wf_throw_error(ctx, JS_TYPE_ERROR, "cannot convert a Symbol value to a number");
        return -1;
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        *pres = NAN;
        wf_throw_error(ctx, JS_TYPE_ERROR, "cannot convert a BigInt value to a number");
        return -1;
    case JS_TAG_OBJECT:
        prim = wf_to_primitive(ctx, v, WF_HINT_NUMBER);
        if (JS_IsException(prim)) {
            *pres = NAN;
            return -1;
        }
        r = wf_to_number(ctx, pres, prim);
        JS_FreeValue(ctx, prim);
        return r;
    default:
        *pres = NAN;
        return 0;
    }
}

JSValue wf_to_number_value(JSContext *ctx, JSValueConst v)
{
    double d;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT || JS_VALUE_GET_TAG(v) == JS_TAG_FLOAT64)
        return v;
    if (wf_to_number(ctx, &d, v))
        return JS_EXCEPTION;
    return wf_number(d);
}

JSValue wf_to_numeric(JSContext *ctx, JSValueConst v)
{
    JSValue prim, r;
    int tag = JS_VALUE_GET_TAG(v);
    if (tag == JS_TAG_INT || tag == JS_TAG_FLOAT64)
        return v;
    if (tag == JS_TAG_BIG_INT || tag == JS_TAG_SHORT_BIG_INT)
        return JS_DupValue(ctx, v);
    prim = wf_to_primitive(ctx, v, WF_HINT_NUMBER);
    if (JS_IsException(prim))
        return prim;
    tag = JS_VALUE_GET_TAG(prim);
    if (tag == JS_TAG_BIG_INT || tag == JS_TAG_SHORT_BIG_INT)
        return prim;
    r = wf_to_number_value(ctx, prim);
    JS_FreeValue(ctx, prim);
    return r;
}

/* ------------------------------------------------------------------ */
/* Integer conversions */

double wf_double_to_integer(double d)
{
    if (isnan(d))
        return 0;
    d = trunc(d);
    return d == 0 ? 0 : d;   /* -0 -> +0 */
}

uint32_t wf_double_to_uint32(double d)
{
    if (!isfinite(d))
        return 0;
    if (d >= 0 && d < 4294967296.0)
        return (uint32_t)d;
    d = fmod(trunc(d), 4294967296.0);
    if (d < 0)
        d += 4294967296.0;
    return (uint32_t)d;
}

int32_t wf_double_to_int32(double d)
{
    if (d >= -2147483648.0 && d < 2147483648.0)
        return (int32_t)d;
    return (int32_t)wf_double_to_uint32(d);
}

int wf_to_integer_or_infinity(JSContext *ctx, double *pres, JSValueConst v)
{
    double d;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
        *pres = JS_VALUE_GET_INT(v);
        return 0;
    }
    if (wf_to_number(ctx, &d, v)) {
        *pres = 0;
        return -1;
    }
    *pres = wf_double_to_integer(d);
    return 0;
}

int wf_to_int32(JSContext *ctx, int32_t *pres, JSValueConst v)
{
    double d;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
        *pres = JS_VALUE_GET_INT(v);
        return 0;
    }
    if (wf_to_number(ctx, &d, v)) {
        *pres = 0;
        return -1;
    }
    *pres = wf_double_to_int32(d);
    return 0;
}

int wf_to_uint32(JSContext *ctx, uint32_t *pres, JSValueConst v)
{
    double d;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
        *pres = (uint32_t)JS_VALUE_GET_INT(v);
        return 0;
    }
    if (wf_to_number(ctx, &d, v)) {
        *pres = 0;
        return -1;
    }
    *pres = wf_double_to_uint32(d);
    return 0;
}

#define MAX_SAFE_INTEGER 9007199254740991.0

int wf_to_length(JSContext *ctx, int64_t *pres, JSValueConst v)
{
    double d;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
        int32_t i = JS_VALUE_GET_INT(v);
        *pres = i < 0 ? 0 : i;
        return 0;
    }
    if (wf_to_integer_or_infinity(ctx, &d, v)) {
        *pres = 0;
        return -1;
    }
    if (d <= 0)
        *pres = 0;
    else if (d >= MAX_SAFE_INTEGER)
        *pres = (int64_t)MAX_SAFE_INTEGER;
    else
        *pres = (int64_t)d;
    return 0;
}

int wf_to_index(JSContext *ctx, uint64_t *pres, JSValueConst v)
{
    double d;
    if (JS_IsUndefined(v)) {
        *pres = 0;
        return 0;
    }
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT && JS_VALUE_GET_INT(v) >= 0) {
        *pres = (uint64_t)JS_VALUE_GET_INT(v);
        return 0;
    }
    if (wf_to_integer_or_infinity(ctx, &d, v)) {
        *pres = 0;
        return -1;
    }
    if (d < 0 || d > MAX_SAFE_INTEGER) {
        *pres = 0;
        wf_throw_error(ctx, JS_RANGE_ERROR, "invalid array index");
        return -1;
    }
    *pres = (uint64_t)d;
    return 0;
}

int wf_to_relative_index(JSContext *ctx, int64_t *pres, JSValueConst v, int64_t len, int64_t def)
{
    double d;
    if (JS_IsUndefined(v)) {
        *pres = def;
        return 0;
    }
    if (wf_to_integer_or_infinity(ctx, &d, v)) {
        *pres = 0;
        return -1;
    }
    if (d < 0) {
        d += (double)len;
        if (d < 0)
            d = 0;
    } else if (d > (double)len) {
        d = (double)len;
    }
    *pres = (int64_t)d;
    return 0;
}

/* ------------------------------------------------------------------ */
/* ToString */

static JSValue int_to_string(JSContext *ctx, int32_t v)
{
    char buf[16], *q = buf + sizeof(buf);
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    do {
        *--q = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--q = '-';
    return wf_str_new8(ctx, (const uint8_t *)q, (uint32_t)(buf + sizeof(buf) - q));
}

JSValue wf_number_to_string(JSContext *ctx, double d, int radix)
{
    char buf[1100];
    int len;
    if (radix == 10) {
        if (d >= INT32_MIN && d <= INT32_MAX && d == (int32_t)d && !(d == 0 && signbit(d)))
            return int_to_string(ctx, (int32_t)d);
        len = wf_num_dtoa(d, buf);
    } else {
        len = wf_num_to_radix(d, radix, buf);
    }
    return wf_str_new8(ctx, (const uint8_t *)buf, (uint32_t)len);
}

JSValue wf_to_string(JSContext *ctx, JSValueConst v)
{
    JSValue prim, r;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_STRING:
        return JS_DupValue(ctx, v);
    case JS_TAG_INT:
        return int_to_string(ctx, JS_VALUE_GET_INT(v));
    case JS_TAG_FLOAT64:
        return wf_number_to_string(ctx, JS_VALUE_GET_FLOAT64(v), 10);
    case JS_TAG_BOOL:
        return JS_AtomToString(ctx, JS_VALUE_GET_BOOL(v) ? JS_ATOM_true : JS_ATOM_false);
    case JS_TAG_NULL:
        return JS_AtomToString(ctx, JS_ATOM_null);
    case JS_TAG_UNDEFINED:
        return JS_AtomToString(ctx, JS_ATOM_undefined);
    case JS_TAG_SYMBOL:
        return wf_throw_error(ctx, JS_TYPE_ERROR, "cannot convert a Symbol value to a string");
    case JS_TAG_SHORT_BIG_INT:
        return int_to_string(ctx, JS_VALUE_GET_SHORT_BIG_INT(v));
    case JS_TAG_BIG_INT:
        return wf_bigint_to_string(ctx, v, 10);
    case JS_TAG_OBJECT:
        prim = wf_to_primitive(ctx, v, WF_HINT_STRING);
        if (JS_IsException(prim))
            return prim;
        r = wf_to_string(ctx, prim);
        JS_FreeValue(ctx, prim);
        return r;
    case JS_TAG_EXCEPTION:
        return JS_EXCEPTION;
    default:
        return JS_AtomToString(ctx, JS_ATOM_undefined);
    }
}

JSValue wf_to_string_free(JSContext *ctx, JSValue v)
{
    JSValue r;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_STRING)
        return v;
    r = wf_to_string(ctx, v);
    JS_FreeValue(ctx, v);
    return r;
}

JSValue wf_to_string_or_symbol(JSContext *ctx, JSValueConst v)
{
    if (JS_VALUE_GET_TAG(v) == JS_TAG_SYMBOL) {
        JSAtom a = wf_symbol_to_atom(ctx->rt, v);
        JSValue d = wf_symbol_description(ctx, a), r, open;
        if (JS_IsException(d))
            return d;
        if (JS_IsUndefined(d))
            d = wf_str_empty(ctx);
        open = wf_str_from_cstr(ctx, "Symbol(");
        if (JS_IsException(open)) {
            JS_FreeValue(ctx, d);
            return open;
        }
        r = wf_str_concat(ctx, open, d);
        if (JS_IsException(r))
            return r;
        return wf_str_concat(ctx, r, wf_str_from_cstr(ctx, ")"));
    }
    return wf_to_string(ctx, v);
}

/* ------------------------------------------------------------------ */
/* ToObject / ToPropertyKey */

JSValue wf_to_object(JSContext *ctx, JSValueConst v)
{
    JSClassID id;
    JSValue obj;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_OBJECT:
        return JS_DupValue(ctx, v);
    case JS_TAG_NULL:
    case JS_TAG_UNDEFINED:
        return wf_throw_error(ctx, JS_TYPE_ERROR, "cannot convert undefined or null to object");
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        id = JS_CLASS_NUMBER;
        break;
    case JS_TAG_BOOL:
        id = JS_CLASS_BOOLEAN;
        break;
    case JS_TAG_STRING:
        id = JS_CLASS_STRING;
        break;
    case JS_TAG_SYMBOL:
        id = JS_CLASS_SYMBOL;
        break;
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        id = JS_CLASS_BIG_INT;
        break;
    default:
        return wf_throw_error(ctx, JS_TYPE_ERROR, "cannot convert value to object");
    }
    obj = wf_obj_new(ctx, ctx->class_proto[id], id);
    if (JS_IsException(obj))
        return obj;
    wf_obj(obj)->u.object_data = JS_DupValue(ctx, v);
    if (id == JS_CLASS_STRING &&
        wf_obj_define_value(ctx, obj, JS_ATOM_length, JS_NewUint32(ctx, wf_str(v)->len), 0) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSAtom wf_to_property_key(JSContext *ctx, JSValueConst v)
{
    JSValue prim, s;
    JSAtom a;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT: {
        int32_t i = JS_VALUE_GET_INT(v);
        if (i >= 0 && wf_atom_uint_fits((uint32_t)i))
            return wf_atom_from_uint((uint32_t)i);
        break;
    }
    case JS_TAG_FLOAT64: {
        double d = JS_VALUE_GET_FLOAT64(v);
        if (d >= 0 && d < JS_ATOM_MAX_INT && d == (uint32_t)d && !(d == 0 && signbit(d)))
            return wf_atom_from_uint((uint32_t)d);
        break;
    }
    case JS_TAG_STRING:
        return wf_atom_new_str(ctx, wf_str(JS_DupValue(ctx, v)));
    case JS_TAG_SYMBOL:
        return wf_atom_dup(ctx->rt, wf_symbol_to_atom(ctx->rt, v));
    case JS_TAG_OBJECT:
        prim = wf_to_primitive(ctx, v, WF_HINT_STRING);
        if (JS_IsException(prim))
            return JS_ATOM_NULL;
        a = wf_to_property_key(ctx, prim);
        JS_FreeValue(ctx, prim);
        return a;
    default:
        break;
    }
    s = wf_to_string(ctx, v);
    if (JS_IsException(s))
        return JS_ATOM_NULL;
    return wf_atom_new_str(ctx, wf_str(s));
}

int wf_require_object_coercible(JSContext *ctx, JSValueConst v, const char *what)
{
    if (JS_IsNull(v) || JS_IsUndefined(v)) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "%s called on null or undefined", what ? what : "method");
        return -1;
    }
    return 0;
}

bool wf_canonical_numeric_index(JSContext *ctx, JSValueConst str, double *pd)
{
    JSString *p = wf_str(str);
    JSValue s;
    double d;
    bool r;
    if (p->len == 2 && wf_str_get(p, 0) == '-' && wf_str_get(p, 1) == '0') {
        *pd = -0.0;
        return true;
    }
    d = wf_string_to_number(str);
    s = wf_number_to_string(ctx, d, 10);
    if (JS_IsException(s)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    r = wf_str_eq(wf_str(s), p);
    JS_FreeValue(ctx, s);
    if (r)
        *pd = d;
    return r;
}

/* ------------------------------------------------------------------ */
/* Equality and comparison */

static inline double num_of(JSValueConst v)
{
    return JS_VALUE_GET_TAG(v) == JS_TAG_INT ? (double)JS_VALUE_GET_INT(v) : JS_VALUE_GET_FLOAT64(v);
}

static inline bool is_num_tag(int tag)
{
    return tag == JS_TAG_INT || tag == JS_TAG_FLOAT64;
}

static bool bigint_eq(JSValueConst a, JSValueConst b)
{
    return wf_bigint_eq(a, b);
}

static inline bool is_bigint_tag(int tag)
{
    return tag == JS_TAG_BIG_INT || tag == JS_TAG_SHORT_BIG_INT;
}

bool wf_strict_eq(JSValueConst a, JSValueConst b)
{
    int ta = JS_VALUE_GET_TAG(a), tb = JS_VALUE_GET_TAG(b);
    if (is_num_tag(ta) && is_num_tag(tb)) {
        if (ta == JS_TAG_INT && tb == JS_TAG_INT)
            return JS_VALUE_GET_INT(a) == JS_VALUE_GET_INT(b);
        return num_of(a) == num_of(b);
    }
    if (is_bigint_tag(ta) && is_bigint_tag(tb))
        return bigint_eq(a, b);
    if (ta != tb)
        return false;
    switch (ta) {
    case JS_TAG_UNDEFINED:
    case JS_TAG_NULL:
        return true;
    case JS_TAG_BOOL:
        return JS_VALUE_GET_BOOL(a) == JS_VALUE_GET_BOOL(b);
    case JS_TAG_STRING:
        return wf_str_eq(wf_str(a), wf_str(b));
    default:
        return JS_VALUE_GET_PTR(a) == JS_VALUE_GET_PTR(b);
    }
}

bool wf_same_value(JSValueConst a, JSValueConst b)
{
    int ta = JS_VALUE_GET_TAG(a), tb = JS_VALUE_GET_TAG(b);
    if (is_num_tag(ta) && is_num_tag(tb)) {
        double x = num_of(a), y = num_of(b);
        if (isnan(x))
            return isnan(y);
        if (x == 0 && y == 0)
            return signbit(x) == signbit(y);
        return x == y;
    }
    return wf_strict_eq(a, b);
}

bool wf_same_value_zero(JSValueConst a, JSValueConst b)
{
    int ta = JS_VALUE_GET_TAG(a), tb = JS_VALUE_GET_TAG(b);
    if (is_num_tag(ta) && is_num_tag(tb)) {
        double x = num_of(a), y = num_of(b);
        if (isnan(x))
            return isnan(y);
        return x == y;
    }
    return wf_strict_eq(a, b);
}

static bool is_nullish(JSValueConst v)
{
    int t = JS_VALUE_GET_TAG(v);
    return t == JS_TAG_NULL || t == JS_TAG_UNDEFINED ||
           (t == JS_TAG_OBJECT && wf_obj(v)->is_HTMLDDA);
}

int wf_loose_eq(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    int ta, tb, r;
    JSValue prim;

    for (;;) {
        ta = JS_VALUE_GET_TAG(a);
        tb = JS_VALUE_GET_TAG(b);
        if ((ta == tb && ta != JS_TAG_OBJECT) || (is_num_tag(ta) && is_num_tag(tb)) ||
            (is_bigint_tag(ta) && is_bigint_tag(tb)))
            return wf_strict_eq(a, b);
        if (ta == JS_TAG_OBJECT && tb == JS_TAG_OBJECT)
            return wf_obj(a) == wf_obj(b);
        if (is_nullish(a) && is_nullish(b))
            return 1;
        if (is_nullish(a) != is_nullish(b) &&
            (ta == JS_TAG_NULL || ta == JS_TAG_UNDEFINED || tb == JS_TAG_NULL || tb == JS_TAG_UNDEFINED))
            return 0;
        if (is_num_tag(ta) && tb == JS_TAG_STRING)
            return num_of(a) == wf_string_to_number(b);
        if (ta == JS_TAG_STRING && is_num_tag(tb))
            return wf_string_to_number(a) == num_of(b);
        if (is_bigint_tag(ta) && tb == JS_TAG_STRING)
            return wf_bigint_loose_eq(ctx, a, b);   /* StringToBigInt */
        if (ta == JS_TAG_STRING && is_bigint_tag(tb)) {
            JSValueConst t = a;
            a = b;
            b = t;
            continue;
        }
        if (ta == JS_TAG_BOOL) {
            return wf_loose_eq(ctx, JS_MKVAL(JS_TAG_INT, JS_VALUE_GET_BOOL(a)), b);
        }
        if (tb == JS_TAG_BOOL) {
            return wf_loose_eq(ctx, a, JS_MKVAL(JS_TAG_INT, JS_VALUE_GET_BOOL(b)));
        }
        if (tb == JS_TAG_OBJECT && (ta == JS_TAG_STRING || is_num_tag(ta) || is_bigint_tag(ta) ||
                                    ta == JS_TAG_SYMBOL)) {
            prim = wf_to_primitive(ctx, b, WF_HINT_DEFAULT);
            if (JS_IsException(prim))
                return -1;
            r = wf_loose_eq(ctx, a, prim);
            JS_FreeValue(ctx, prim);
            return r;
        }
        if (ta == JS_TAG_OBJECT && (tb == JS_TAG_STRING || is_num_tag(tb) || is_bigint_tag(tb) ||
                                    tb == JS_TAG_SYMBOL)) {
            prim = wf_to_primitive(ctx, a, WF_HINT_DEFAULT);
            if (JS_IsException(prim))
                return -1;
            r = wf_loose_eq(ctx, prim, b);
            JS_FreeValue(ctx, prim);
            return r;
        }
        if ((is_bigint_tag(ta) && is_num_tag(tb)) || (is_num_tag(ta) && is_bigint_tag(tb)))
            return wf_bigint_loose_eq(ctx, a, b);   /* exact mathematical comparison */
        return 0;
    }
}

int wf_less_than(JSContext *ctx, JSValueConst a, JSValueConst b, bool left_first)
{
    int ta = JS_VALUE_GET_TAG(a), tb = JS_VALUE_GET_TAG(b);
    double x, y;
    (void)left_first;   /* the operands are primitives already */
    if (ta == JS_TAG_STRING && tb == JS_TAG_STRING)
        return wf_str_cmp(wf_str(a), wf_str(b)) < 0;
    if (ta == JS_TAG_INT && tb == JS_TAG_INT)
        return JS_VALUE_GET_INT(a) < JS_VALUE_GET_INT(b);
    if (is_bigint_tag(ta) || is_bigint_tag(tb)) {
        return wf_bigint_less_than(ctx, a, b);
    } else {
        if (wf_to_number(ctx, &x, a) || wf_to_number(ctx, &y, b))
            return -1;
    }
    if (isnan(x) || isnan(y))
        return 2;
    return x < y;
}

JSAtom wf_typeof_atom(JSContext *ctx, JSValueConst v)
{
    (void)ctx;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_UNDEFINED:
        return JS_ATOM_undefined;
    case JS_TAG_NULL:
        return JS_ATOM_object;
    case JS_TAG_BOOL:
        return JS_ATOM_boolean;
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        return JS_ATOM_number;
    case JS_TAG_STRING:
        return JS_ATOM_string;
    case JS_TAG_SYMBOL:
        return JS_ATOM_symbol;
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        return JS_ATOM_bigint;
    case JS_TAG_OBJECT:
        if (wf_obj(v)->is_HTMLDDA)
            return JS_ATOM_undefined;
        return wf_obj(v)->is_callable ? JS_ATOM_function : JS_ATOM_object;
    default:
        return JS_ATOM_undefined;
    }
}

/* ------------------------------------------------------------------ */
/* Public API */

JSValue JS_NewNumber(JSContext *ctx, double d)
{
    (void)ctx;
    return wf_number(d);
}

int JS_ToBool(JSContext *ctx, JSValueConst val)
{
    (void)ctx;
    if (JS_IsException(val))
        return -1;
    return wf_to_boolean(val);
}

int JS_ToInt32(JSContext *ctx, int32_t *pres, JSValueConst val)
{
    return wf_to_int32(ctx, pres, val);
}

int JS_ToInt64(JSContext *ctx, int64_t *pres, JSValueConst val)
{
    double d;
    if (JS_VALUE_GET_TAG(val) == JS_TAG_INT) {
        *pres = JS_VALUE_GET_INT(val);
        return 0;
    }
    if (wf_to_number(ctx, &d, val)) {
        *pres = 0;
        return -1;
    }
    if (!isfinite(d)) {
        *pres = 0;
    } else if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
        *pres = (int64_t)d;
    } else {
        /* modulo 2^64 */
        double m = fmod(trunc(d), 18446744073709551616.0);
        if (m < 0)
            m += 18446744073709551616.0;
        *pres = (int64_t)(uint64_t)m;
    }
    return 0;
}

int JS_ToInt64Ext(JSContext *ctx, int64_t *pres, JSValueConst val)
{
    if (is_bigint_tag(JS_VALUE_GET_TAG(val))) {
        *pres = (int64_t)wf_bigint_to_uint64_mod(val);   /* BigInt.asIntN(64, val) */
        return 0;
    }
    return JS_ToInt64(ctx, pres, val);
}

int JS_ToIndex(JSContext *ctx, uint64_t *plen, JSValueConst val)
{
    return wf_to_index(ctx, plen, val);
}

int JS_ToFloat64(JSContext *ctx, double *pres, JSValueConst val)
{
    return wf_to_number(ctx, pres, val);
}

JSValue JS_ToNumber(JSContext *ctx, JSValueConst val)
{
    return wf_to_number_value(ctx, val);
}

JSValue JS_ToString(JSContext *ctx, JSValueConst val)
{
    return wf_to_string(ctx, val);
}

JSValue JS_ToPropertyKey(JSContext *ctx, JSValueConst val)
{
    JSAtom a = wf_to_property_key(ctx, val);
    JSValue r;
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_atom_to_value(ctx, a);
    wf_atom_free(ctx->rt, a);
    return r;
}

bool JS_IsEqual(JSContext *ctx, JSValueConst op1, JSValueConst op2)
{
    return wf_loose_eq(ctx, op1, op2) > 0;
}

bool JS_IsStrictEqual(JSContext *ctx, JSValueConst op1, JSValueConst op2)
{
    (void)ctx;
    return wf_strict_eq(op1, op2);
}

bool JS_IsSameValue(JSContext *ctx, JSValueConst op1, JSValueConst op2)
{
    (void)ctx;
    return wf_same_value(op1, op2);
}

bool JS_IsSameValueZero(JSContext *ctx, JSValueConst op1, JSValueConst op2)
{
    (void)ctx;
    return wf_same_value_zero(op1, op2);
}
