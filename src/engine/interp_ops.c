/*
 * interp_ops.c - the slow paths of the interpreter's operators: everything
 * the dispatch loop does not handle inline on int32/float64 operands
 * (ECMA-262 13.5 unary operators, 13.6 - 13.12 binary operators,
 * 13.10 relational operators incl. `in` and `instanceof`, 13.11 equality,
 * 13.5.1 delete, 7.1 ToPrimitive / ToNumeric ordering).
 *
 * Operand order: both operands are converted in evaluation order (left
 * first) before any type check, so user valueOf/toString hooks run exactly
 * as the spec says.  Every function consumes its JSValue operands on success
 * and on failure.
 */
#include <math.h>
#include <string.h>

#include "engine/interp_int.h"
#include "engine/object.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/jsstring.h"
#include "engine/atom.h"
#include "engine/bigint.h"
#include "builtins/builtins.h"

static inline bool is_bigint(JSValueConst v)
{
    int tag = JS_VALUE_GET_TAG(v);
    return tag == JS_TAG_BIG_INT || tag == JS_TAG_SHORT_BIG_INT;
}

static inline bool is_string(JSValueConst v)
{
    int tag = JS_VALUE_GET_TAG(v);
    return tag == JS_TAG_STRING || tag == JS_TAG_STRING_ROPE;
}

/* A converted numeric operand as a double (int or float64 tag). */
static inline double num_of(JSValueConst v)
{
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT)
        return JS_VALUE_GET_INT(v);
    return JS_VALUE_GET_FLOAT64(v);
}

/* BigInt arithmetic is the BigInt module's (engine/bigint.h); it takes the
   same WFBinOp / WFUnOp codes. */
static int bigint_binary(JSContext *ctx, JSValue *pres, JSValue a, JSValue b, WFBinOp op)
{
    *pres = wf_bigint_binary(ctx, op, a, b);   /* consumes a and b */
    return JS_IsException(*pres) ? -1 : 0;
}

static int bigint_unary(JSContext *ctx, JSValue *pres, JSValue a, WFUnOp op)
{
    *pres = wf_bigint_unary(ctx, op, a);
    return JS_IsException(*pres) ? -1 : 0;
}

/* Number::remainder: the sign of the result is the dividend's. */
static double js_fmod(double a, double b)
{
    if (!isfinite(a) || b == 0 || isnan(b))
        return NAN;
    if (isinf(b))
        return a;
    if (a == 0)
        return a;
    return fmod(a, b);
}

static JSValue number_binary(double a, double b, WFBinOp op)
{
    switch (op) {
    case WF_BINOP_ADD: return wf_number(a + b);
    case WF_BINOP_SUB: return wf_number(a - b);
    case WF_BINOP_MUL: return wf_number(a * b);
    case WF_BINOP_DIV: return wf_number(a / b);
    case WF_BINOP_MOD: return wf_number(js_fmod(a, b));
    case WF_BINOP_POW: return wf_number(wf_math_pow(a, b));
    case WF_BINOP_SHL:
        return JS_MKVAL(JS_TAG_INT, (int32_t)((uint32_t)wf_double_to_int32(a) <<
                                              (wf_double_to_uint32(b) & 31)));
    case WF_BINOP_SAR:
        return JS_MKVAL(JS_TAG_INT, wf_double_to_int32(a) >> (wf_double_to_uint32(b) & 31));
    case WF_BINOP_SHR: {
        uint32_t r = wf_double_to_uint32(a) >> (wf_double_to_uint32(b) & 31);
        return wf_number((double)r);
    }
    case WF_BINOP_AND:
        return JS_MKVAL(JS_TAG_INT, wf_double_to_int32(a) & wf_double_to_int32(b));
    case WF_BINOP_OR:
        return JS_MKVAL(JS_TAG_INT, wf_double_to_int32(a) | wf_double_to_int32(b));
    case WF_BINOP_XOR:
        return JS_MKVAL(JS_TAG_INT, wf_double_to_int32(a) ^ wf_double_to_int32(b));
    }
    return JS_UNDEFINED;
}

/* Both operands already primitive-numeric (Number or BigInt); consumed. */
static int numeric_binary(JSContext *ctx, JSValue *pres, JSValue a, JSValue b, WFBinOp op)
{
    bool ba = is_bigint(a), bb = is_bigint(b);
    if (ba || bb) {
        if (ba != bb) {
            JS_FreeValue(ctx, a);
            JS_FreeValue(ctx, b);
            wf_throw_error(ctx, JS_TYPE_ERROR,
                           "Cannot mix BigInt and other types, use explicit conversions");
            return -1;
        }
        if (op == WF_BINOP_SHR) {
            JS_FreeValue(ctx, a);
            JS_FreeValue(ctx, b);
            wf_throw_error(ctx, JS_TYPE_ERROR, "BigInts have no unsigned right shift, use >> instead");
            return -1;
        }
        return bigint_binary(ctx, pres, a, b, op);
    }
    *pres = number_binary(num_of(a), num_of(b), op);
    return 0;
}

int wf_op_binary_slow(JSContext *ctx, JSValue *pres, JSValue a, JSValue b, WFBinOp op)
{
    JSValue na, nb;

    if (op == WF_BINOP_ADD)
        return wf_op_add_slow(ctx, pres, a, b);
    na = wf_to_numeric(ctx, a);
    JS_FreeValue(ctx, a);
    if (JS_IsException(na)) {
        JS_FreeValue(ctx, b);
        return -1;
    }
    nb = wf_to_numeric(ctx, b);
    JS_FreeValue(ctx, b);
    if (JS_IsException(nb)) {
        JS_FreeValue(ctx, na);
        return -1;
    }
    return numeric_binary(ctx, pres, na, nb, op);
}

int wf_op_add_slow(JSContext *ctx, JSValue *pres, JSValue a, JSValue b)
{
    JSValue pa, pb;

    if (is_string(a) && is_string(b)) {
        *pres = wf_str_concat(ctx, a, b);
        return JS_IsException(*pres) ? -1 : 0;
    }
    if (JS_IsObject(a)) {
        pa = wf_to_primitive(ctx, a, WF_HINT_DEFAULT);
        JS_FreeValue(ctx, a);
        if (JS_IsException(pa)) {
            JS_FreeValue(ctx, b);
            return -1;
        }
    } else {
        pa = a;
    }
    if (JS_IsObject(b)) {
        pb = wf_to_primitive(ctx, b, WF_HINT_DEFAULT);
        JS_FreeValue(ctx, b);
        if (JS_IsException(pb)) {
            JS_FreeValue(ctx, pa);
            return -1;
        }
    } else {
        pb = b;
    }
    if (is_string(pa) || is_string(pb)) {
        JSValue sa, sb;
        if (is_string(pa)) {
            sa = pa;
        } else {
            sa = wf_to_string(ctx, pa);
            JS_FreeValue(ctx, pa);
            if (JS_IsException(sa)) {
                JS_FreeValue(ctx, pb);
                return -1;
            }
        }
        if (is_string(pb)) {
            sb = pb;
        } else {
            sb = wf_to_string(ctx, pb);
            JS_FreeValue(ctx, pb);
            if (JS_IsException(sb)) {
                JS_FreeValue(ctx, sa);
                return -1;
            }
        }
        *pres = wf_str_concat(ctx, sa, sb);
        return JS_IsException(*pres) ? -1 : 0;
    }
    /* ToNumeric on primitives */
    a = wf_to_numeric(ctx, pa);
    JS_FreeValue(ctx, pa);
    if (JS_IsException(a)) {
        JS_FreeValue(ctx, pb);
        return -1;
    }
    b = wf_to_numeric(ctx, pb);
    JS_FreeValue(ctx, pb);
    if (JS_IsException(b)) {
        JS_FreeValue(ctx, a);
        return -1;
    }
    return numeric_binary(ctx, pres, a, b, WF_BINOP_ADD);
}

int wf_op_compare_slow(JSContext *ctx, bool *pres, JSValue a, JSValue b, WFCmpOp op)
{
    JSValue pa, pb;
    int r;

    pa = wf_to_primitive(ctx, a, WF_HINT_NUMBER);
    JS_FreeValue(ctx, a);
    if (JS_IsException(pa)) {
        JS_FreeValue(ctx, b);
        return -1;
    }
    pb = wf_to_primitive(ctx, b, WF_HINT_NUMBER);
    JS_FreeValue(ctx, b);
    if (JS_IsException(pb)) {
        JS_FreeValue(ctx, pa);
        return -1;
    }
    switch (op) {
    case WF_CMP_LT:
        r = wf_less_than(ctx, pa, pb, true);
        *pres = (r == 1);
        break;
    case WF_CMP_GT:
        r = wf_less_than(ctx, pb, pa, false);
        *pres = (r == 1);
        break;
    case WF_CMP_LTE:
        r = wf_less_than(ctx, pb, pa, false);
        *pres = (r == 0);
        break;
    default: /* GTE */
        r = wf_less_than(ctx, pa, pb, true);
        *pres = (r == 0);
        break;
    }
    JS_FreeValue(ctx, pa);
    JS_FreeValue(ctx, pb);
    return r < 0 ? -1 : 0;
}

int wf_op_unary_slow(JSContext *ctx, JSValue *pres, JSValue a, WFUnOp op)
{
    JSValue n;
    double d;

    if (op == WF_UNOP_PLUS) {
        n = wf_to_number_value(ctx, a);
        JS_FreeValue(ctx, a);
        if (JS_IsException(n))
            return -1;
        *pres = n;
        return 0;
    }
    n = wf_to_numeric(ctx, a);
    JS_FreeValue(ctx, a);
    if (JS_IsException(n))
        return -1;
    if (op == WF_UNOP_TONUMERIC) {
        *pres = n;
        return 0;
    }
    if (is_bigint(n))
        return bigint_unary(ctx, pres, n, op);
    d = num_of(n);
    switch (op) {
    case WF_UNOP_NEG:
        *pres = wf_number(-d);
        break;
    case WF_UNOP_INC:
        *pres = wf_number(d + 1);
        break;
    case WF_UNOP_DEC:
        *pres = wf_number(d - 1);
        break;
    case WF_UNOP_NOT:
        *pres = JS_MKVAL(JS_TAG_INT, ~wf_double_to_int32(d));
        break;
    default:
        *pres = n;
        break;
    }
    return 0;
}

int wf_op_loose_eq(JSContext *ctx, bool *pres, JSValue a, JSValue b)
{
    int r = wf_loose_eq(ctx, a, b);
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    if (r < 0)
        return -1;
    *pres = r != 0;
    return 0;
}

bool wf_op_strict_eq(JSContext *ctx, JSValue a, JSValue b)
{
    bool r = wf_strict_eq(a, b);
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    return r;
}

JSValue wf_op_typeof(JSContext *ctx, JSValue a)
{
    JSAtom atom = wf_typeof_atom(ctx, a);
    JS_FreeValue(ctx, a);
    return JS_AtomToString(ctx, atom);
}

int wf_op_in(JSContext *ctx, bool *pres, JSValue key, JSValue obj)
{
    JSAtom atom;
    int r;

    if (!JS_IsObject(obj)) {
        JS_FreeValue(ctx, key);
        JS_FreeValue(ctx, obj);
        wf_throw_error(ctx, JS_TYPE_ERROR, "cannot use 'in' operator on a non-object");
        return -1;
    }
    atom = wf_to_property_key(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    r = wf_obj_has(ctx, obj, atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (r < 0)
        return -1;
    *pres = r != 0;
    return 0;
}

int wf_op_instanceof(JSContext *ctx, bool *pres, JSValue val, JSValue ctor)
{
    int r = wf_instanceof(ctx, val, ctor);
    JS_FreeValue(ctx, val);
    JS_FreeValue(ctx, ctor);
    if (r < 0)
        return -1;
    *pres = r != 0;
    return 0;
}

int wf_op_delete(JSContext *ctx, bool *pres, JSValue obj, JSValue key, bool strict)
{
    JSValue o;
    JSAtom atom;
    int r;

    o = wf_to_object(ctx, obj);
    JS_FreeValue(ctx, obj);
    if (JS_IsException(o)) {
        JS_FreeValue(ctx, key);
        return -1;
    }
    atom = wf_to_property_key(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, o);
        return -1;
    }
    r = wf_obj_delete(ctx, o, atom, strict ? JS_PROP_THROW : 0);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, o);
    if (r < 0)
        return -1;
    *pres = r != 0;
    return 0;
}

JSValue wf_op_to_property_key(JSContext *ctx, JSValue key)
{
    JSAtom atom;
    JSValue v;

    switch (JS_VALUE_GET_TAG(key)) {
    case JS_TAG_INT:
    case JS_TAG_STRING:
    case JS_TAG_SYMBOL:
        return key;
    default:
        break;
    }
    atom = wf_to_property_key(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    v = wf_atom_to_value(ctx, atom);
    JS_FreeAtom(ctx, atom);
    return v;
}
