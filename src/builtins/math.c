/*
 * math.c - the Math object (ECMA-262 21.3), plus wf_math_pow, the
 * Number::exponentiate used by both Math.pow and the ** operator.
 *
 * The transcendental functions use the C library (the spec leaves their
 * precision to the implementation; C99 Annex F gives the special values the
 * spec asks for).  Everything whose result the spec pins down exactly is
 * written here: pow's NaN cases, round, max/min, hypot's special values,
 * fround, f16round (round to nearest even binary16) and sumPrecise (the
 * exactly rounded sum, with a fixed-point accumulator wide enough for every
 * double).  Math.random keeps its xorshift128+ state in the context.
 */
#include <math.h>
#include <string.h>
#include <time.h>
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static uint64_t dbl_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double dbl_from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Number::exponentiate (6.1.6.1.3).  C's pow agrees except that the spec
   gives NaN for a NaN exponent even when the base is 1, and for a base of
   +-1 with an infinite exponent. */
double wf_math_pow(double x, double y)
{
    if (isnan(y))
        return NAN;
    if (isinf(y) && fabs(x) == 1)
        return NAN;
    return pow(x, y);
}

/* ---------------------------------------------------------------------- */
/* Functions of one number returning a number value with integer tagging  */

enum {
    M_ABS, M_CEIL, M_FLOOR, M_ROUND, M_SIGN, M_TRUNC, M_FROUND, M_F16ROUND,
};

/* Math.round: the integer closest to x, halves toward +Infinity, -0 kept
   for x in [-0.5, -0]. */
static double math_round(double x)
{
    if (!isfinite(x) || x == 0)
        return x;
    if (x > 0 && x < 0.5)
        return 0.0;
    if (x < 0 && x >= -0.5)
        return -0.0;
    if (fabs(x) >= 4503599627370496.0) /* 2^52: already an integer */
        return x;
    double r = floor(x);
    if (x - r >= 0.5) /* exact: x - floor(x) needs no rounding here */
        r += 1;
    return r;
}

/* Round a non-negative value below 2^11 to an integer, ties to even. */
static double round_half_even_small(double t)
{
    double fl = floor(t);
    double diff = t - fl;
    if (diff > 0.5 || (diff == 0.5 && fmod(fl, 2) != 0))
        fl += 1;
    return fl;
}

/* Math.f16round: nearest IEEE binary16 value, ties to even, computed from
   the double directly (going through float would round twice). */
static double math_f16round(double x)
{
    if (!isfinite(x) || x == 0)
        return x;
    double a = fabs(x), r;
    if (a >= 65520.0) /* half of the way from 65504 to 2^16 and beyond */
        r = INFINITY;
    else if (a < 6.103515625e-05) {
        /* subnormal binary16: multiples of 2^-24 */
        r = round_half_even_small(a * 16777216.0) / 16777216.0;
    } else {
        /* 11 significant bits: quantum 2^(e-10) where 2^e <= a < 2^(e+1) */
        int e = (int)((dbl_bits(a) >> 52) & 0x7ff) - 1023;
        double q = ldexp(1.0, e - 10);
        r = round_half_even_small(a / q) * q;
    }
    return x < 0 ? -r : r;
}

static JSValue js_math_unary(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv, int magic)
{
    double x, r;
    (void)this_val;
    (void)argc;
    JSValueConst v = argv[0];
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
        int32_t i = JS_VALUE_GET_INT(v);
        switch (magic) {
        case M_ABS:
            if (i == INT32_MIN)
                return __JS_NewFloat64(2147483648.0);
            return JS_MKVAL(JS_TAG_INT, i < 0 ? -i : i);
        case M_SIGN:
            return JS_MKVAL(JS_TAG_INT, (i > 0) - (i < 0));
        case M_CEIL: case M_FLOOR: case M_ROUND: case M_TRUNC:
            return JS_MKVAL(JS_TAG_INT, i);
        default:
            break;
        }
    }
    if (wf_to_number(ctx, &x, v) < 0)
        return JS_EXCEPTION;
    switch (magic) {
    case M_ABS: r = fabs(x); break;
    case M_CEIL: r = ceil(x); break;
    case M_FLOOR: r = floor(x); break;
    case M_ROUND: r = math_round(x); break;
    case M_SIGN: r = isnan(x) || x == 0 ? x : x > 0 ? 1.0 : -1.0; break;
    case M_TRUNC: r = trunc(x); break;
    case M_FROUND: r = (double)(float)x; break;
    default: r = math_f16round(x); break;
    }
    return wf_number(r);
}

static JSValue js_math_clz32(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    uint32_t u;
    (void)this_val;
    (void)argc;
    if (wf_to_uint32(ctx, &u, argv[0]) < 0)
        return JS_EXCEPTION;
    return JS_MKVAL(JS_TAG_INT, u ? __builtin_clz(u) : 32);
}

static JSValue js_math_imul(JSContext *ctx, JSValueConst this_val,
                            int argc, JSValueConst *argv)
{
    int32_t a, b;
    (void)this_val;
    (void)argc;
    if (wf_to_int32(ctx, &a, argv[0]) < 0 || wf_to_int32(ctx, &b, argv[1]) < 0)
        return JS_EXCEPTION;
    return JS_MKVAL(JS_TAG_INT, (int32_t)((uint32_t)a * (uint32_t)b));
}

/* Math.max (magic 0) and Math.min (magic 1): every argument is converted,
   in order, even after a NaN; -0 is smaller than +0. */
static JSValue js_math_min_max(JSContext *ctx, JSValueConst this_val,
                               int argc, JSValueConst *argv, int is_min)
{
    (void)this_val;
    int i = 0;
    /* all-int fast path */
    if (argc > 0 && JS_VALUE_GET_TAG(argv[0]) == JS_TAG_INT) {
        int32_t r = JS_VALUE_GET_INT(argv[0]);
        for (i = 1; i < argc && JS_VALUE_GET_TAG(argv[i]) == JS_TAG_INT; i++) {
            int32_t v = JS_VALUE_GET_INT(argv[i]);
            if (is_min ? v < r : v > r)
                r = v;
        }
        if (i == argc)
            return JS_MKVAL(JS_TAG_INT, r);
    }
    double r = is_min ? INFINITY : -INFINITY;
    bool nan = false;
    for (int k = 0; k < argc; k++) {
        double d;
        if (wf_to_number(ctx, &d, argv[k]) < 0)
            return JS_EXCEPTION;
        if (isnan(d))
            nan = true;
        else if (is_min ? (d < r || (d == 0 && r == 0 && signbit(d)))
                        : (d > r || (d == 0 && r == 0 && !signbit(d))))
            r = d;
    }
    return wf_number(nan ? NAN : r);
}

/* Math.hypot: all arguments converted first; Infinity wins over NaN. */
static JSValue js_math_hypot(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    (void)this_val;
    double stack_vals[16];
    double *vals = stack_vals;
    if (argc > (int)countof(stack_vals)) {
        vals = js_malloc(ctx, sizeof(double) * (size_t)argc);
        if (!vals)
            return JS_EXCEPTION;
    }
    bool inf = false, nan = false;
    double max = 0;
    for (int i = 0; i < argc; i++) {
        if (wf_to_number(ctx, &vals[i], argv[i]) < 0) {
            if (vals != stack_vals)
                js_free(ctx, vals);
            return JS_EXCEPTION;
        }
        double a = fabs(vals[i]);
        if (isinf(a))
            inf = true;
        else if (isnan(a))
            nan = true;
        else if (a > max)
            max = a;
    }
    double r;
    if (inf)
        r = INFINITY;
    else if (nan)
        r = NAN;
    else if (max == 0)
        r = 0;
    else {
        /* scale by the largest magnitude, compensated sum of squares (the
           method V8 uses, so results agree bit for bit) */
        double sum = 0, comp = 0;
        for (int i = 0; i < argc; i++) {
            double t = vals[i] / max;
            double y = t * t - comp;
            double s = sum + y;
            comp = (s - sum) - y;
            sum = s;
        }
        r = sqrt(sum) * max;
    }
    if (vals != stack_vals)
        js_free(ctx, vals);
    return wf_number(r);
}

/* ---------------------------------------------------------------------- */
/* Math.random                                                             */

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void random_seed(JSContext *ctx)
{
    /* Different per context and per run: the context's address, the time
       and the clock.  Not for cryptography. */
    uint64_t s = (uint64_t)(uintptr_t)ctx ^ ((uint64_t)time(NULL) << 20) ^
                 ((uint64_t)clock() << 40);
    ctx->random_state[0] = splitmix64(&s);
    ctx->random_state[1] = splitmix64(&s);
    if (!ctx->random_state[0] && !ctx->random_state[1])
        ctx->random_state[1] = 1;
}

static JSValue js_math_random(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    uint64_t *st = ctx->random_state;
    if (!st[0] && !st[1])
        random_seed(ctx);
    /* xorshift128+ */
    uint64_t x = st[0], y = st[1];
    st[0] = y;
    x ^= x << 23;
    st[1] = x ^ y ^ (x >> 17) ^ (y >> 26);
    uint64_t r = st[1] + y;
    return __JS_NewFloat64((double)(r >> 11) * (1.0 / 9007199254740992.0));
}

/* ---------------------------------------------------------------------- */
/* Math.sumPrecise                                                         */

/* Exact fixed-point sum in two's complement: bit 0 weighs 2^-1074, the
   largest double reaches bit 2097, and 53 more bits absorb up to 2^53
   addends: 35 limbs of 64 bits. */
#define SUM_LIMBS 35

typedef struct SumAcc {
    uint64_t w[SUM_LIMBS];
} SumAcc;

static void acc_add(SumAcc *a, double d)
{
    uint64_t u = dbl_bits(d);
    int neg = (int)(u >> 63);
    int be = (int)((u >> 52) & 0x7ff);
    uint64_t m = u & (((uint64_t)1 << 52) - 1);
    int shift = 0;
    if (be) {
        m |= (uint64_t)1 << 52;
        shift = be - 1;
    }
    if (!m)
        return;
    int li = shift / 64, bi = shift % 64;
    uint64_t part[2] = { m << bi, bi ? m >> (64 - bi) : 0 };
    if (!neg) {
        uint64_t carry = 0;
        for (int i = li; i < SUM_LIMBS; i++) {
            uint64_t add = (i - li < 2) ? part[i - li] : 0;
            uint64_t s = a->w[i] + add;
            uint64_t c1 = s < add;
            uint64_t s2 = s + carry;
            uint64_t c2 = s2 < carry;
            a->w[i] = s2;
            carry = c1 | c2;
            if (!carry && i - li >= 1)
                break;
        }
    } else {
        uint64_t borrow = 0;
        for (int i = li; i < SUM_LIMBS; i++) {
            uint64_t sub = (i - li < 2) ? part[i - li] : 0;
            uint64_t old = a->w[i];
            uint64_t s = old - sub;
            uint64_t b1 = old < sub;
            uint64_t s2 = s - borrow;
            uint64_t b2 = s < borrow;
            a->w[i] = s2;
            borrow = b1 | b2;
            if (!borrow && i - li >= 1)
                break;
        }
    }
}

/* bit i of the magnitude */
static int acc_bit(const SumAcc *a, int i)
{
    return (int)((a->w[i / 64] >> (i % 64)) & 1);
}

/* The accumulated value rounded to nearest, ties to even. */
static double acc_to_double(SumAcc *a)
{
    int neg = (int)(a->w[SUM_LIMBS - 1] >> 63);
    if (neg) {
        uint64_t carry = 1;
        for (int i = 0; i < SUM_LIMBS; i++) {
            uint64_t v = ~a->w[i] + carry;
            carry = carry && v == 0;
            a->w[i] = v;
        }
    }
    int top = SUM_LIMBS - 1;
    while (top >= 0 && a->w[top] == 0)
        top--;
    if (top < 0)
        return 0.0;
    int H = top * 64 + 63 - __builtin_clzll(a->w[top]);
    double r;
    if (H < 53) {
        r = dbl_from_bits(a->w[0]); /* m * 2^-1074: the bit pattern itself */
    } else {
        int lo = H - 52;
        uint64_t mant = 0;
        for (int i = H; i >= lo; i--)
            mant = (mant << 1) | (uint64_t)acc_bit(a, i);
        int round = acc_bit(a, lo - 1);
        int sticky = 0;
        for (int i = 0; i < (lo - 1) / 64 && !sticky; i++)
            sticky = a->w[i] != 0;
        for (int i = ((lo - 1) / 64) * 64; i < lo - 1 && !sticky; i++)
            sticky = acc_bit(a, i);
        if (round && (sticky || (mant & 1)))
            mant++;
        if (mant == ((uint64_t)1 << 53)) {
            mant >>= 1;
            lo++;
        }
        int be = lo + 1;
        if (be >= 2047)
            r = INFINITY;
        else
            r = dbl_from_bits(((uint64_t)be << 52) | (mant & (((uint64_t)1 << 52) - 1)));
    }
    return neg ? -r : r;
}

enum { SUM_MINUS_ZERO, SUM_FINITE, SUM_PLUS_INF, SUM_MINUS_INF, SUM_NAN };

static JSValue js_math_sum_precise(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    JSValueConst items = argv[0];
    JSValue iter, next = JS_UNDEFINED;
    SumAcc acc;
    int state = SUM_MINUS_ZERO;
    uint64_t count = 0;

    if (wf_require_object_coercible(ctx, items, "Math.sumPrecise") < 0)
        return JS_EXCEPTION;
    iter = wf_get_iterator(ctx, items, false, &next);
    if (JS_IsException(iter))
        return JS_EXCEPTION;
    memset(&acc, 0, sizeof acc);
    for (;;) {
        bool done;
        JSValue v = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        if (++count >= ((uint64_t)1 << 53)) {
            JS_FreeValue(ctx, v);
            JS_ThrowRangeError(ctx, "Math.sumPrecise: too many values");
            wf_iterator_close(ctx, iter, true);
            goto fail;
        }
        double d;
        int tag = JS_VALUE_GET_TAG(v);
        if (tag == JS_TAG_INT)
            d = JS_VALUE_GET_INT(v);
        else if (JS_TAG_IS_FLOAT64(tag))
            d = JS_VALUE_GET_FLOAT64(v);
        else {
            JS_FreeValue(ctx, v);
            JS_ThrowTypeError(ctx, "Math.sumPrecise: value is not a number");
            wf_iterator_close(ctx, iter, true);
            goto fail;
        }
        if (state == SUM_NAN)
            continue;
        if (isnan(d))
            state = SUM_NAN;
        else if (d == INFINITY)
            state = state == SUM_MINUS_INF ? SUM_NAN : SUM_PLUS_INF;
        else if (d == -INFINITY)
            state = state == SUM_PLUS_INF ? SUM_NAN : SUM_MINUS_INF;
        else if (!(d == 0 && signbit(d)) && (state == SUM_MINUS_ZERO || state == SUM_FINITE)) {
            state = SUM_FINITE;
            acc_add(&acc, d);
        }
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    switch (state) {
    case SUM_NAN: return __JS_NewFloat64(NAN);
    case SUM_PLUS_INF: return __JS_NewFloat64(INFINITY);
    case SUM_MINUS_INF: return __JS_NewFloat64(-INFINITY);
    case SUM_MINUS_ZERO: return __JS_NewFloat64(-0.0);
    default: return wf_number(acc_to_double(&acc));
    }
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------- */
/* Tables                                                                  */

static const JSCFunctionListEntry js_math_funcs[] = {
    JS_CFUNC_MAGIC_DEF("abs", 1, js_math_unary, M_ABS),
    JS_CFUNC_SPECIAL_DEF("acos", 1, f_f, acos),
    JS_CFUNC_SPECIAL_DEF("acosh", 1, f_f, acosh),
    JS_CFUNC_SPECIAL_DEF("asin", 1, f_f, asin),
    JS_CFUNC_SPECIAL_DEF("asinh", 1, f_f, asinh),
    JS_CFUNC_SPECIAL_DEF("atan", 1, f_f, atan),
    JS_CFUNC_SPECIAL_DEF("atanh", 1, f_f, atanh),
    JS_CFUNC_SPECIAL_DEF("atan2", 2, f_f_f, atan2),
    JS_CFUNC_SPECIAL_DEF("cbrt", 1, f_f, cbrt),
    JS_CFUNC_MAGIC_DEF("ceil", 1, js_math_unary, M_CEIL),
    JS_CFUNC_DEF("clz32", 1, js_math_clz32),
    JS_CFUNC_SPECIAL_DEF("cos", 1, f_f, cos),
    JS_CFUNC_SPECIAL_DEF("cosh", 1, f_f, cosh),
    JS_CFUNC_SPECIAL_DEF("exp", 1, f_f, exp),
    JS_CFUNC_SPECIAL_DEF("expm1", 1, f_f, expm1),
    JS_CFUNC_MAGIC_DEF("floor", 1, js_math_unary, M_FLOOR),
    JS_CFUNC_MAGIC_DEF("fround", 1, js_math_unary, M_FROUND),
    JS_CFUNC_MAGIC_DEF("f16round", 1, js_math_unary, M_F16ROUND),
    JS_CFUNC_DEF("hypot", 2, js_math_hypot),
    JS_CFUNC_DEF("imul", 2, js_math_imul),
    JS_CFUNC_SPECIAL_DEF("log", 1, f_f, log),
    JS_CFUNC_SPECIAL_DEF("log1p", 1, f_f, log1p),
    JS_CFUNC_SPECIAL_DEF("log10", 1, f_f, log10),
    JS_CFUNC_SPECIAL_DEF("log2", 1, f_f, log2),
    JS_CFUNC_MAGIC_DEF("max", 2, js_math_min_max, 0),
    JS_CFUNC_MAGIC_DEF("min", 2, js_math_min_max, 1),
    JS_CFUNC_SPECIAL_DEF("pow", 2, f_f_f, wf_math_pow),
    JS_CFUNC_DEF("random", 0, js_math_random),
    JS_CFUNC_MAGIC_DEF("round", 1, js_math_unary, M_ROUND),
    JS_CFUNC_MAGIC_DEF("sign", 1, js_math_unary, M_SIGN),
    JS_CFUNC_SPECIAL_DEF("sin", 1, f_f, sin),
    JS_CFUNC_SPECIAL_DEF("sinh", 1, f_f, sinh),
    JS_CFUNC_SPECIAL_DEF("sqrt", 1, f_f, sqrt),
    JS_CFUNC_SPECIAL_DEF("tan", 1, f_f, tan),
    JS_CFUNC_SPECIAL_DEF("tanh", 1, f_f, tanh),
    JS_CFUNC_MAGIC_DEF("trunc", 1, js_math_unary, M_TRUNC),
    JS_CFUNC_DEF("sumPrecise", 1, js_math_sum_precise),
    JS_PROP_DOUBLE_DEF("E", 2.718281828459045, 0),
    JS_PROP_DOUBLE_DEF("LN10", 2.302585092994046, 0),
    JS_PROP_DOUBLE_DEF("LN2", 0.6931471805599453, 0),
    JS_PROP_DOUBLE_DEF("LOG10E", 0.4342944819032518, 0),
    JS_PROP_DOUBLE_DEF("LOG2E", 1.4426950408889634, 0),
    JS_PROP_DOUBLE_DEF("PI", 3.141592653589793, 0),
    JS_PROP_DOUBLE_DEF("SQRT1_2", 0.7071067811865476, 0),
    JS_PROP_DOUBLE_DEF("SQRT2", 1.4142135623730951, 0),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Math", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_math_obj[] = {
    JS_OBJECT_DEF("Math", js_math_funcs, countof(js_math_funcs),
                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE),
};

int wf_init_math(JSContext *ctx)
{
    if (!ctx->random_state[0] && !ctx->random_state[1])
        random_seed(ctx);
    return JS_SetPropertyFunctionList(ctx, ctx->global_obj, js_math_obj, countof(js_math_obj));
}
