/*
 * bigint.h - BigInt values (ECMA-262 6.1.6.2 the BigInt type, 7.1.13
 * ToBigInt, 7.1.14 StringToBigInt, 21.2.1.1.1 NumberToBigInt).
 *
 * Representation.  A BigInt whose value fits in an int32 is always a
 * JS_TAG_SHORT_BIG_INT value (u.short_big_int); any other value is a
 * JS_TAG_BIG_INT value pointing to a reference-counted JSBigInt cell that
 * stores the sign and the magnitude as GMP limbs, least significant first,
 * with no high zero limb.  Every function here returns values in that
 * normal form, so two BigInts are equal exactly when their tags are equal
 * and their contents are equal.  A JSBigInt holds no references: it is one
 * js_malloc block that __JS_FreeValueRT frees with wf_bigint_free.
 *
 * Arithmetic runs on the cells' own limb arrays with GMP's mpn_* layer
 * (Toom/FFT multiplication, divide-and-conquer division and radix
 * conversion), so big operands cost sub-quadratic time.  Values are
 * limited to WF_BIGINT_MAX_BITS bits; larger results throw a RangeError.
 *
 * Ownership: JSValue arguments are consumed, JSValueConst borrowed.  Every
 * function that can fail returns JS_EXCEPTION (or -1) with the exception
 * pending.
 */
#ifndef WF_BIGINT_H
#define WF_BIGINT_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"

#ifndef WF_WARN_UNUSED
#if defined(__GNUC__)
#define WF_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define WF_WARN_UNUSED
#endif
#endif

/* Largest magnitude, in bits, of a BigInt (V8 uses the same limit). */
#define WF_BIGINT_MAX_BITS (1u << 30)

static inline bool wf_is_bigint(JSValueConst v)
{
    int tag = JS_VALUE_GET_TAG(v);
    return tag == JS_TAG_BIG_INT || tag == JS_TAG_SHORT_BIG_INT;
}

/* Freeing (gc.c's __JS_FreeValueRT, when the count reached zero). */
void wf_bigint_free(JSRuntime *rt, void *cell);

/* Creation. */
JSValue wf_bigint_from_int64(JSContext *ctx, int64_t v) WF_WARN_UNUSED;
JSValue wf_bigint_from_uint64(JSContext *ctx, uint64_t v) WF_WARN_UNUSED;
/* NumberToBigInt: RangeError when d is not an integer (NaN, ±Infinity,
   fractions). */
JSValue wf_bigint_from_number(JSContext *ctx, double d) WF_WARN_UNUSED;
/* The digits of a BigInt literal (ASCII, no prefix, separator or 'n'),
   radix 2, 8, 10 or 16: the compiler's constant. */
JSValue wf_bigint_from_digits(JSContext *ctx, const char *digits, size_t len, int radix) WF_WARN_UNUSED;
/* StringToBigInt (7.1.14) on a string value: the BigInt, JS_UNDEFINED when
   the text is not a StringIntegerLiteral, JS_EXCEPTION on failure. */
JSValue wf_string_to_bigint(JSContext *ctx, JSValueConst str) WF_WARN_UNUSED;
/* ToBigInt (7.1.13): TypeError for undefined, null, Number, Symbol;
   SyntaxError for a string that is not an integer. */
JSValue wf_to_bigint(JSContext *ctx, JSValueConst v) WF_WARN_UNUSED;

/* Conversion. */
/* 𝔽(ℝ(v)): the nearest double, ties to even (±Infinity beyond range). */
double wf_bigint_to_double(JSValueConst v);
/* BigInt::toString(v, radix), radix 2..36, as a string value. */
JSValue wf_bigint_to_string(JSContext *ctx, JSValueConst v, int radix) WF_WARN_UNUSED;
/* ℝ(v) modulo 2^64 (ToBigInt64 / ToBigUint64 on a BigInt). */
uint64_t wf_bigint_to_uint64_mod(JSValueConst v);
/* BigInt.asIntN / BigInt.asUintN (bits <= 2^53 - 1).  v consumed. */
JSValue wf_bigint_as_int_n(JSContext *ctx, uint64_t bits, JSValue v, bool is_signed) WF_WARN_UNUSED;

/* Comparison. */
bool wf_bigint_eq(JSValueConst a, JSValueConst b);           /* both BigInts */
int wf_bigint_cmp(JSValueConst a, JSValueConst b);           /* both BigInts: -1, 0, 1 */
/* Compare a BigInt with a Number: -1, 0, 1, or 2 when d is NaN. */
int wf_bigint_cmp_number(JSValueConst a, double d);
/* IsLessThan(a, b) when a or b is a BigInt and both are primitives:
   1 true, 0 false, 2 undefined, -1 exception (ToNumeric on a Symbol). */
int wf_bigint_less_than(JSContext *ctx, JSValueConst a, JSValueConst b) WF_WARN_UNUSED;
/* IsLooselyEqual(a, b) when one side is a BigInt and the other a String
   or a Number (the remaining steps of 7.2.14): true or false. */
int wf_bigint_loose_eq(JSContext *ctx, JSValueConst a, JSValueConst b) WF_WARN_UNUSED;
/* Hash compatible with SameValueZero (equal values, equal hashes). */
uint32_t wf_bigint_hash(JSValueConst v);

/* Operators: op is a WFBinOp / WFUnOp of engine/interp_int.h (ADD ... XOR
   except SHR; NEG, INC, DEC, NOT).  Operands are BigInts and consumed. */
JSValue wf_bigint_binary(JSContext *ctx, int op, JSValue a, JSValue b) WF_WARN_UNUSED;
JSValue wf_bigint_unary(JSContext *ctx, int op, JSValue a) WF_WARN_UNUSED;

/* Magnitude export/import in little-endian 64-bit words, for the
   serializer.  wf_bigint_export: returns the number of words needed and
   writes min(that, max_words) of them; *pneg gets the sign. */
uint32_t wf_bigint_export(JSValueConst v, bool *pneg, uint64_t *words, uint32_t max_words);
JSValue wf_bigint_import(JSContext *ctx, bool neg, const uint64_t *words, uint32_t n_words) WF_WARN_UNUSED;

#endif /* WF_BIGINT_H */
