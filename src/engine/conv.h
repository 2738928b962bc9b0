/*
 * conv.h - type conversion and comparison (ECMA-262 7.1, 7.2).
 *
 * All functions borrow their JSValueConst arguments.  Those returning int
 * return -1 with an exception pending on failure.
 */
#ifndef WF_CONV_H
#define WF_CONV_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"

typedef enum WFHint { WF_HINT_DEFAULT, WF_HINT_NUMBER, WF_HINT_STRING } WFHint;

/* Number value from a double: an int-tagged value when d is an int32 and
   not -0, else a float64 (= JS_NewNumber). */
static inline JSValue wf_number(double d)
{
    /* range check first: converting NaN or an out-of-range double to int
       is undefined behaviour */
    if (d >= INT32_MIN && d <= INT32_MAX) {
        int32_t i = (int32_t)d;
        if ((double)i == d && !(d == 0 && __builtin_signbit(d)))
            return JS_MKVAL(JS_TAG_INT, i);
    }
    return __JS_NewFloat64(d);
}

JSValue wf_to_primitive(JSContext *ctx, JSValueConst v, WFHint hint);
int wf_to_boolean(JSValueConst v);                             /* never fails */
int wf_to_number(JSContext *ctx, double *pres, JSValueConst v);  /* = JS_ToFloat64 */
JSValue wf_to_number_value(JSContext *ctx, JSValueConst v);      /* Number value */
JSValue wf_to_numeric(JSContext *ctx, JSValueConst v);           /* Number or BigInt */
int wf_to_integer_or_infinity(JSContext *ctx, double *pres, JSValueConst v);
int wf_to_int32(JSContext *ctx, int32_t *pres, JSValueConst v);
int wf_to_uint32(JSContext *ctx, uint32_t *pres, JSValueConst v);
int wf_to_length(JSContext *ctx, int64_t *pres, JSValueConst v);   /* 0 .. 2^53-1 */
int wf_to_index(JSContext *ctx, uint64_t *pres, JSValueConst v);   /* ToIndex, RangeError */
/* Relative index as used by slice/at/fill...: ToIntegerOrInfinity(v), then
   negative values count from len, result clamped to [0, len].  When v is
   undefined, *pres = def. */
int wf_to_relative_index(JSContext *ctx, int64_t *pres, JSValueConst v, int64_t len, int64_t def);
JSValue wf_to_string(JSContext *ctx, JSValueConst v);            /* string value */
JSValue wf_to_string_free(JSContext *ctx, JSValue v);            /* consumes v */
/* ToString for messages and property keys of symbols ("Symbol(x)"). */
JSValue wf_to_string_or_symbol(JSContext *ctx, JSValueConst v);
JSValue wf_to_object(JSContext *ctx, JSValueConst v);            /* TypeError for null/undefined */
JSAtom wf_to_property_key(JSContext *ctx, JSValueConst v);      /* JS_ATOM_NULL on exception */
/* RequireObjectCoercible: TypeError for null/undefined, naming 'what'. */
int wf_require_object_coercible(JSContext *ctx, JSValueConst v, const char *what);

/* Pure numeric helpers. */
int32_t wf_double_to_int32(double d);        /* ToInt32 on a number */
uint32_t wf_double_to_uint32(double d);
double wf_double_to_integer(double d);       /* ToIntegerOrInfinity on a number: NaN → 0, trunc, -0 → 0 */
/* Number::toString(x, radix) as a string value. */
JSValue wf_number_to_string(JSContext *ctx, double d, int radix);
/* StringToNumber on a string value. */
double wf_string_to_number(JSValueConst str);
/* CanonicalNumericIndexString: true and *pd set if the string is canonical numeric. */
bool wf_canonical_numeric_index(JSContext *ctx, JSValueConst str, double *pd);

/* Equality. */
bool wf_strict_eq(JSValueConst a, JSValueConst b);
bool wf_same_value(JSValueConst a, JSValueConst b);
bool wf_same_value_zero(JSValueConst a, JSValueConst b);
int wf_loose_eq(JSContext *ctx, JSValueConst a, JSValueConst b);  /* -1 exception */
/* IsLessThan on primitives already converted (strings or numerics):
   returns 1 true, 0 false, 2 undefined (NaN), -1 exception. */
int wf_less_than(JSContext *ctx, JSValueConst a, JSValueConst b, bool left_first);
/* typeof as an atom (JS_ATOM_undefined, JS_ATOM_object, ...). */
JSAtom wf_typeof_atom(JSContext *ctx, JSValueConst v);

#endif /* WF_CONV_H */
