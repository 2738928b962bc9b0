/*
 * bigint.c - BigInt values and arithmetic (ECMA-262 6.1.6.2, 7.1.13,
 * 7.1.14, 21.2.1.1.1).  See bigint.h for the representation.
 *
 * Operands are read through a BigView: sign + magnitude as a limb array,
 * borrowed from the heap cell or built in the view's own two limbs for a
 * short value.  Results are computed into a freshly allocated cell and
 * normalised by big_finish (high zero limbs dropped, int32-sized values
 * returned as short BigInts), which is the one place that enforces the
 * normal form every comparison relies on.
 *
 * Two's complement (bitwise operators, asIntN/asUintN) is produced on the
 * fly: a negative magnitude m is written as 2^(64n) - m with mpn_neg in a
 * buffer one limb wider than either operand, so the sign bit is always in
 * the top limb.
 *
 * GMP's temporary space for big multiplications, divisions and radix
 * conversions comes from GMP's own allocator (the C heap), not from the
 * runtime's: GMP's allocator hooks are process-wide, and Weft has no
 * mutable process-wide state.  That space is bounded by a small multiple
 * of the operands' size, which the runtime does count.
 */
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/bigint.h"
#include "engine/state.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/jsstring.h"
#include "engine/interp_int.h"   /* WFBinOp, WFUnOp */
#include "engine/num/num.h"

#if GMP_NAIL_BITS != 0
#error "Weft needs a GMP build without nail bits"
#endif

typedef mp_limb_t limb_t;
#define LIMB_BITS GMP_NUMB_BITS
#define MAX_LIMBS ((mp_size_t)((WF_BIGINT_MAX_BITS + LIMB_BITS - 1) / LIMB_BITS))

typedef struct JSBigInt {
    JSRefCountHeader header;    /* must be first */
    uint32_t len;               /* limbs in use, >= 1, d[len - 1] != 0 */
    uint8_t neg;                /* 1: the value is negative */
    limb_t d[];                 /* magnitude, least significant limb first */
} JSBigInt;

/* An operand: magnitude {d, n} (n == 0 for zero, else d[n-1] != 0) and
   sign.  Views are filled in place and never copied (d may point at
   small[]). */
typedef struct BigView {
    const limb_t *d;
    mp_size_t n;
    bool neg;
    limb_t small[64 / LIMB_BITS + 1];
} BigView;

static inline JSBigInt *big_cell(JSValueConst v)
{
    return (JSBigInt *)JS_VALUE_GET_PTR(v);
}

static inline JSValue short_big(int32_t v)
{
    JSValue r = JS_MKVAL(JS_TAG_SHORT_BIG_INT, 0);
    r.u.short_big_int = v;
    return r;
}

/* View of a magnitude given as a uint64. */
static void view_u64(BigView *b, uint64_t m, bool neg)
{
    mp_size_t n = 0;
    while (m) {
        b->small[n++] = (limb_t)m;
#if LIMB_BITS < 64
        m >>= LIMB_BITS;
#else
        m = 0;
#endif
    }
    b->d = b->small;
    b->n = n;
    b->neg = neg && n > 0;
}

static void view_of(BigView *b, JSValueConst v)
{
    if (JS_VALUE_GET_TAG(v) == JS_TAG_SHORT_BIG_INT) {
        int32_t x = JS_VALUE_GET_SHORT_BIG_INT(v);
        view_u64(b, x < 0 ? (uint64_t)0 - (uint64_t)(int64_t)x : (uint64_t)x, x < 0);
    } else {
        JSBigInt *p = big_cell(v);
        b->d = p->d;
        b->n = p->len;
        b->neg = p->neg;
    }
}

static inline int clz_limb(limb_t x)
{
#if LIMB_BITS == 64
    return __builtin_clzll((unsigned long long)x);
#else
    return __builtin_clz((unsigned)x) - (int)(sizeof(unsigned) * 8 - LIMB_BITS);
#endif
}

/* Number of significant bits of a magnitude (0 for zero). */
static uint64_t mag_bits(const limb_t *d, mp_size_t n)
{
    if (n == 0)
        return 0;
    return (uint64_t)n * LIMB_BITS - (uint64_t)clz_limb(d[n - 1]);
}

static int mag_cmp(const limb_t *a, mp_size_t an, const limb_t *b, mp_size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    if (an == 0)
        return 0;
    int c = mpn_cmp(a, b, an);
    return c < 0 ? -1 : c > 0;
}

/* Bits [pos, pos + 64) of a magnitude. */
static uint64_t mag_bits_at(const limb_t *d, mp_size_t n, uint64_t pos)
{
    uint64_t r = 0;
    unsigned got = 0, o = (unsigned)(pos % LIMB_BITS);
    mp_size_t i = (mp_size_t)(pos / LIMB_BITS);
    while (got < 64 && i < n) {
        r |= (uint64_t)(d[i] >> o) << got;
        got += LIMB_BITS - o;
        o = 0;
        i++;
    }
    return r;
}

/* True if any bit below 'pos' is set. */
static bool mag_any_below(const limb_t *d, mp_size_t n, uint64_t pos)
{
    mp_size_t i, k = (mp_size_t)(pos / LIMB_BITS);
    unsigned o = (unsigned)(pos % LIMB_BITS);
    for (i = 0; i < k && i < n; i++) {
        if (d[i])
            return true;
    }
    if (o && k < n && (d[k] & (((limb_t)1 << o) - 1)))
        return true;
    return false;
}

static JSValue throw_too_big(JSContext *ctx)
{
    return JS_ThrowRangeError(ctx, "Maximum BigInt size exceeded");
}

/* ------------------------------------------------------------------ */
/* Cells */

/* A new cell with room for n >= 1 limbs (contents uninitialised). */
static JSBigInt *big_alloc(JSContext *ctx, mp_size_t n)
{
    JSBigInt *p;
    if (n > MAX_LIMBS + 4) {
        throw_too_big(ctx);
        return NULL;
    }
    if (n < 1)
        n = 1;
    p = js_malloc(ctx, sizeof(JSBigInt) + (size_t)n * sizeof(limb_t));
    if (!p)
        return NULL;
    p->header.ref_count = 1;
    p->len = (uint32_t)n;
    p->neg = 0;
    return p;
}

/* Temporary limb buffer (not a cell). */
static limb_t *limbs_alloc(JSContext *ctx, mp_size_t n)
{
    if (n > 2 * MAX_LIMBS + 8) {
        throw_too_big(ctx);
        return NULL;
    }
    return js_malloc(ctx, (size_t)(n < 1 ? 1 : n) * sizeof(limb_t));
}

void wf_bigint_free(JSRuntime *rt, void *cell)
{
    js_free_rt(rt, cell);
}

/* Magnitude that fits an int32 with the given sign? */
static bool mag_to_int32(const limb_t *d, mp_size_t n, bool neg, int32_t *pv)
{
    uint64_t m;
    if (n == 0) {
        *pv = 0;
        return true;
    }
    if (mag_bits(d, n) > 32)
        return false;
    m = mag_bits_at(d, n, 0);
    if (neg ? m > ((uint64_t)1 << 31) : m > INT32_MAX)
        return false;
    *pv = neg ? (int32_t)(0 - (int64_t)m) : (int32_t)m;
    return true;
}

/* Normalise the first n limbs of r as the value with sign neg; consumes r.
   Returns a short BigInt when the value fits. */
static JSValue big_finish(JSContext *ctx, JSBigInt *r, mp_size_t n, bool neg)
{
    int32_t v;
    while (n > 0 && r->d[n - 1] == 0)
        n--;
    if (mag_to_int32(r->d, n, neg, &v)) {
        js_free(ctx, r);
        return short_big(v);
    }
    if (mag_bits(r->d, n) > WF_BIGINT_MAX_BITS) {
        js_free(ctx, r);
        return throw_too_big(ctx);
    }
    if ((mp_size_t)r->len > n + 8 && (mp_size_t)r->len > 2 * n) {
        /* shrink; on failure keep the bigger block */
        JSBigInt *q = js_realloc_rt(ctx->rt, r, sizeof(JSBigInt) + (size_t)n * sizeof(limb_t));
        if (q)
            r = q;
    }
    r->len = (uint32_t)n;
    r->neg = neg;
    return JS_MKPTR(JS_TAG_BIG_INT, r);
}

/* A BigInt with the magnitude {d, n} (copied) and sign neg. */
static JSValue big_make(JSContext *ctx, const limb_t *d, mp_size_t n, bool neg)
{
    int32_t v;
    JSBigInt *r;
    if (mag_to_int32(d, n, neg, &v))
        return short_big(v);
    r = big_alloc(ctx, n);
    if (!r)
        return JS_EXCEPTION;
    mpn_copyi(r->d, d, n);
    return big_finish(ctx, r, n, neg);
}

static JSValue big_of_view(JSContext *ctx, const BigView *b)
{
    return big_make(ctx, b->d, b->n, b->neg);
}

JSValue wf_bigint_from_int64(JSContext *ctx, int64_t v)
{
    BigView b;
    if (v >= INT32_MIN && v <= INT32_MAX)
        return short_big((int32_t)v);
    view_u64(&b, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, v < 0);
    return big_of_view(ctx, &b);
}

JSValue wf_bigint_from_uint64(JSContext *ctx, uint64_t v)
{
    BigView b;
    if (v <= INT32_MAX)
        return short_big((int32_t)v);
    view_u64(&b, v, false);
    return big_of_view(ctx, &b);
}

/* ------------------------------------------------------------------ */
/* Additive and multiplicative operators on views */

/* a + (negate_b ? -b : b) */
static JSValue big_addsub(JSContext *ctx, const BigView *a, const BigView *b, bool negate_b)
{
    bool bneg = b->neg != negate_b;
    JSBigInt *r;
    if (b->n == 0)
        return big_of_view(ctx, a);
    if (a->n == 0)
        return big_make(ctx, b->d, b->n, bneg);
    if (a->neg == bneg) {
        const BigView *x = a, *y = b;
        if (x->n < y->n) {
            x = b;
            y = a;
        }
        r = big_alloc(ctx, x->n + 1);
        if (!r)
            return JS_EXCEPTION;
        r->d[x->n] = mpn_add(r->d, x->d, x->n, y->d, y->n);
        return big_finish(ctx, r, x->n + 1, a->neg);
    } else {
        int c = mag_cmp(a->d, a->n, b->d, b->n);
        if (c == 0)
            return short_big(0);
        if (c < 0) {
            r = big_alloc(ctx, b->n);
            if (!r)
                return JS_EXCEPTION;
            mpn_sub(r->d, b->d, b->n, a->d, a->n);
            return big_finish(ctx, r, b->n, bneg);
        }
        r = big_alloc(ctx, a->n);
        if (!r)
            return JS_EXCEPTION;
        mpn_sub(r->d, a->d, a->n, b->d, b->n);
        return big_finish(ctx, r, a->n, a->neg);
    }
}

static JSValue big_mul(JSContext *ctx, const BigView *a, const BigView *b)
{
    const BigView *x = a, *y = b;
    JSBigInt *r;
    if (a->n == 0 || b->n == 0)
        return short_big(0);
    if (x->n < y->n) {
        x = b;
        y = a;
    }
    if (mag_bits(a->d, a->n) + mag_bits(b->d, b->n) - 1 > WF_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    r = big_alloc(ctx, x->n + y->n);
    if (!r)
        return JS_EXCEPTION;
    if (x->n == 1)
        r->d[1] = mpn_mul_1(r->d, x->d, 1, y->d[0]);
    else
        mpn_mul(r->d, x->d, x->n, y->d, y->n);
    return big_finish(ctx, r, x->n + y->n, a->neg != b->neg);
}

/* Truncating division: quotient (want_rem false) or remainder. */
static JSValue big_divmod(JSContext *ctx, const BigView *a, const BigView *b, bool want_rem)
{
    JSBigInt *q, *r;
    mp_size_t qn;
    if (b->n == 0)
        return JS_ThrowRangeError(ctx, "Division by zero");
    if (a->n < b->n)
        return want_rem ? big_of_view(ctx, a) : short_big(0);
    qn = a->n - b->n + 1;
    q = big_alloc(ctx, qn);
    if (!q)
        return JS_EXCEPTION;
    r = big_alloc(ctx, b->n);
    if (!r) {
        js_free(ctx, q);
        return JS_EXCEPTION;
    }
    mpn_tdiv_qr(q->d, r->d, 0, a->d, a->n, b->d, b->n);
    if (want_rem) {
        js_free(ctx, q);
        return big_finish(ctx, r, b->n, a->neg);
    }
    js_free(ctx, r);
    return big_finish(ctx, q, qn, a->neg != b->neg);
}

/* ------------------------------------------------------------------ */
/* Shifts */

/* a * 2^k */
static JSValue big_shl(JSContext *ctx, const BigView *a, uint64_t k)
{
    mp_size_t limbs, rn;
    unsigned bits;
    JSBigInt *r;
    if (a->n == 0)
        return short_big(0);
    if (k > WF_BIGINT_MAX_BITS || mag_bits(a->d, a->n) + k > WF_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    limbs = (mp_size_t)(k / LIMB_BITS);
    bits = (unsigned)(k % LIMB_BITS);
    rn = a->n + limbs + 1;
    r = big_alloc(ctx, rn);
    if (!r)
        return JS_EXCEPTION;
    if (limbs)
        mpn_zero(r->d, limbs);
    if (bits) {
        r->d[rn - 1] = mpn_lshift(r->d + limbs, a->d, a->n, bits);
    } else {
        mpn_copyi(r->d + limbs, a->d, a->n);
        r->d[rn - 1] = 0;
    }
    return big_finish(ctx, r, rn, a->neg);
}

/* floor(a / 2^k) */
static JSValue big_sar(JSContext *ctx, const BigView *a, uint64_t k)
{
    mp_size_t limbs, rn;
    unsigned bits;
    bool round_up;
    JSBigInt *r;
    if (a->n == 0)
        return short_big(0);
    if (k >= mag_bits(a->d, a->n))
        return short_big(a->neg ? -1 : 0);
    limbs = (mp_size_t)(k / LIMB_BITS);
    bits = (unsigned)(k % LIMB_BITS);
    rn = a->n - limbs;
    /* floor of a negative value: magnitude rounds up when bits are lost */
    round_up = a->neg && mag_any_below(a->d, a->n, k);
    r = big_alloc(ctx, rn + 1);
    if (!r)
        return JS_EXCEPTION;
    if (bits)
        mpn_rshift(r->d, a->d + limbs, rn, bits);
    else
        mpn_copyi(r->d, a->d + limbs, rn);
    r->d[rn] = round_up ? mpn_add_1(r->d, r->d, rn, 1) : 0;
    return big_finish(ctx, r, rn + 1, a->neg);
}

/* a << s (left) or a >> s, s a BigInt of any sign. */
static JSValue big_shift(JSContext *ctx, const BigView *a, const BigView *s, bool left)
{
    uint64_t k;
    if (s->neg)
        left = !left;
    if (s->n == 0 || a->n == 0)
        return big_of_view(ctx, a);
    if (mag_bits(s->d, s->n) > 63) {
        if (left)
            return throw_too_big(ctx);
        return short_big(a->neg ? -1 : 0);
    }
    k = mag_bits_at(s->d, s->n, 0);
    return left ? big_shl(ctx, a, k) : big_sar(ctx, a, k);
}

/* ------------------------------------------------------------------ */
/* Two's complement: bitwise operators, asIntN / asUintN */

/* Low n limbs of the two's complement of a (sign-extended). */
static void to_twos(limb_t *out, mp_size_t n, const BigView *a)
{
    mp_size_t m = a->n < n ? a->n : n;
    if (m)
        mpn_copyi(out, a->d, m);
    if (n > m)
        mpn_zero(out + m, n - m);
    if (a->neg)
        mpn_neg(out, out, n);
}

static JSValue big_bitop(JSContext *ctx, const BigView *a, const BigView *b, int op)
{
    mp_size_t n = (a->n > b->n ? a->n : b->n) + 1;
    limb_t *tb;
    JSBigInt *r;
    bool neg;
    r = big_alloc(ctx, n);
    if (!r)
        return JS_EXCEPTION;
    tb = limbs_alloc(ctx, n);
    if (!tb) {
        js_free(ctx, r);
        return JS_EXCEPTION;
    }
    to_twos(r->d, n, a);
    to_twos(tb, n, b);
    switch (op) {
    case WF_BINOP_AND: mpn_and_n(r->d, r->d, tb, n); break;
    case WF_BINOP_OR:  mpn_ior_n(r->d, r->d, tb, n); break;
    default:           mpn_xor_n(r->d, r->d, tb, n); break;
    }
    js_free(ctx, tb);
    neg = (r->d[n - 1] >> (LIMB_BITS - 1)) != 0;
    if (neg)
        mpn_neg(r->d, r->d, n);   /* magnitude of a negative result */
    return big_finish(ctx, r, n, neg);
}

JSValue wf_bigint_as_int_n(JSContext *ctx, uint64_t bits, JSValue v, bool is_signed)
{
    BigView a;
    mp_size_t n;
    unsigned top;
    JSBigInt *r;
    bool neg = false;

    view_of(&a, v);
    if (bits == 0 || a.n == 0) {
        JS_FreeValue(ctx, v);
        return short_big(0);
    }
    /* values already in range come back unchanged */
    if (is_signed ? mag_bits(a.d, a.n) < bits : (!a.neg && mag_bits(a.d, a.n) <= bits))
        return v;
    if (bits > WF_BIGINT_MAX_BITS) {
        JS_FreeValue(ctx, v);
        return throw_too_big(ctx);
    }
    n = (mp_size_t)((bits + LIMB_BITS - 1) / LIMB_BITS);
    top = (unsigned)(bits % LIMB_BITS);   /* 0: the top limb is full */
    r = big_alloc(ctx, n);
    if (!r) {
        JS_FreeValue(ctx, v);
        return JS_EXCEPTION;
    }
    to_twos(r->d, n, &a);
    JS_FreeValue(ctx, v);
    if (top)
        r->d[n - 1] &= ((limb_t)1 << top) - 1;
    if (is_signed) {
        unsigned sb = (unsigned)((bits - 1) % LIMB_BITS);
        if ((r->d[n - 1] >> sb) & 1) {
            /* value - 2^bits: its magnitude is the two's complement within bits */
            neg = true;
            mpn_neg(r->d, r->d, n);
            if (top)
                r->d[n - 1] &= ((limb_t)1 << top) - 1;
        }
    }
    return big_finish(ctx, r, n, neg);
}

uint64_t wf_bigint_to_uint64_mod(JSValueConst v)
{
    BigView a;
    uint64_t m;
    view_of(&a, v);
    m = mag_bits_at(a.d, a.n, 0);
    return a.neg ? (uint64_t)0 - m : m;
}

/* ------------------------------------------------------------------ */
/* Exponentiation */

static JSValue big_pow(JSContext *ctx, const BigView *a, const BigView *e)
{
    uint64_t k, abits, cap_bits;
    mp_size_t cap, cn;
    JSBigInt *x, *y, *t;
    bool neg;
    int i;

    if (e->neg)
        return JS_ThrowRangeError(ctx, "Exponent must be non-negative");
    if (e->n == 0)
        return short_big(1);
    if (a->n == 0)
        return short_big(0);
    neg = a->neg && (e->d[0] & 1);
    if (a->n == 1 && a->d[0] == 1)
        return short_big(neg ? -1 : 1);
    if (mag_bits(e->d, e->n) > 32)
        return throw_too_big(ctx);
    k = mag_bits_at(e->d, e->n, 0);
    abits = mag_bits(a->d, a->n);
    /* |a|^k >= 2^((abits-1)k) */
    if ((abits - 1) * k >= WF_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    if (mpn_popcount(a->d, a->n) == 1) {
        /* ±2^j: a shift */
        BigView one;
        view_u64(&one, 1, neg);
        return big_shl(ctx, &one, (abits - 1) * k);
    }
    if (k == 1)
        return big_of_view(ctx, a);
    cap_bits = abits * k;
    if (cap_bits > (uint64_t)WF_BIGINT_MAX_BITS + LIMB_BITS)
        return throw_too_big(ctx);
    cap = (mp_size_t)(cap_bits / LIMB_BITS) + 2 + a->n;
    x = big_alloc(ctx, cap);
    if (!x)
        return JS_EXCEPTION;
    y = big_alloc(ctx, cap);
    if (!y) {
        js_free(ctx, x);
        return JS_EXCEPTION;
    }
    /* left-to-right binary powering: x = a^(prefix of k's bits) */
    mpn_copyi(x->d, a->d, a->n);
    cn = a->n;
    for (i = 62 - __builtin_clzll(k); i >= 0; i--) {
        mpn_sqr(y->d, x->d, cn);
        cn *= 2;
        while (y->d[cn - 1] == 0)
            cn--;
        t = x; x = y; y = t;
        if ((k >> i) & 1) {
            if (a->n == 1)
                y->d[cn] = mpn_mul_1(y->d, x->d, cn, a->d[0]);
            else
                mpn_mul(y->d, x->d, cn, a->d, a->n);
            cn += a->n;
            while (y->d[cn - 1] == 0)
                cn--;
            t = x; x = y; y = t;
        }
    }
    js_free(ctx, y);
    return big_finish(ctx, x, cn, neg);
}

/* ------------------------------------------------------------------ */
/* Operators */

/* Both short: exact in int64 for + - * / % & | ^. */
static bool short_binary(int op, int64_t x, int64_t y, int64_t *pr)
{
    switch (op) {
    case WF_BINOP_ADD: *pr = x + y; return true;
    case WF_BINOP_SUB: *pr = x - y; return true;
    case WF_BINOP_MUL: *pr = x * y; return true;
    case WF_BINOP_DIV: if (!y) return false; *pr = x / y; return true;
    case WF_BINOP_MOD: if (!y) return false; *pr = x % y; return true;
    case WF_BINOP_AND: *pr = x & y; return true;
    case WF_BINOP_OR:  *pr = x | y; return true;
    case WF_BINOP_XOR: *pr = x ^ y; return true;
    case WF_BINOP_SHL:
        if (y >= 0 && y < 32) {
            *pr = (int64_t)((uint64_t)x << y);
            return true;
        }
        if (y < 0 && y > -64) {
            *pr = x >> -y;
            return true;
        }
        return false;
    case WF_BINOP_SAR:
        if (y >= 0 && y < 64) {
            *pr = x >> y;
            return true;
        }
        if (y < 0 && y > -32) {
            *pr = (int64_t)((uint64_t)x << -y);
            return true;
        }
        return false;
    default:
        return false;
    }
}

JSValue wf_bigint_binary(JSContext *ctx, int op, JSValue a, JSValue b)
{
    BigView va, vb;
    JSValue r;

    if (JS_VALUE_GET_TAG(a) == JS_TAG_SHORT_BIG_INT && JS_VALUE_GET_TAG(b) == JS_TAG_SHORT_BIG_INT) {
        int64_t x;
        if (short_binary(op, JS_VALUE_GET_SHORT_BIG_INT(a), JS_VALUE_GET_SHORT_BIG_INT(b), &x))
            return wf_bigint_from_int64(ctx, x);
    }
    view_of(&va, a);
    view_of(&vb, b);
    switch (op) {
    case WF_BINOP_ADD: r = big_addsub(ctx, &va, &vb, false); break;
    case WF_BINOP_SUB: r = big_addsub(ctx, &va, &vb, true); break;
    case WF_BINOP_MUL: r = big_mul(ctx, &va, &vb); break;
    case WF_BINOP_DIV: r = big_divmod(ctx, &va, &vb, false); break;
    case WF_BINOP_MOD: r = big_divmod(ctx, &va, &vb, true); break;
    case WF_BINOP_POW: r = big_pow(ctx, &va, &vb); break;
    case WF_BINOP_SHL: r = big_shift(ctx, &va, &vb, true); break;
    case WF_BINOP_SAR: r = big_shift(ctx, &va, &vb, false); break;
    case WF_BINOP_AND:
    case WF_BINOP_OR:
    case WF_BINOP_XOR: r = big_bitop(ctx, &va, &vb, op); break;
    default:
        r = JS_ThrowTypeError(ctx, "BigInts have no unsigned right shift, use >> instead");
        break;
    }
    JS_FreeValue(ctx, a);
    JS_FreeValue(ctx, b);
    return r;
}

JSValue wf_bigint_unary(JSContext *ctx, int op, JSValue a)
{
    BigView va, one;
    JSValue r;

    if (JS_VALUE_GET_TAG(a) == JS_TAG_SHORT_BIG_INT) {
        int64_t x = JS_VALUE_GET_SHORT_BIG_INT(a);
        switch (op) {
        case WF_UNOP_NEG: return wf_bigint_from_int64(ctx, -x);
        case WF_UNOP_INC: return wf_bigint_from_int64(ctx, x + 1);
        case WF_UNOP_DEC: return wf_bigint_from_int64(ctx, x - 1);
        case WF_UNOP_NOT: return wf_bigint_from_int64(ctx, ~x);
        default: break;
        }
    }
    view_of(&va, a);
    switch (op) {
    case WF_UNOP_NEG:
        r = big_make(ctx, va.d, va.n, !va.neg);
        break;
    case WF_UNOP_INC:
        view_u64(&one, 1, false);
        r = big_addsub(ctx, &va, &one, false);
        break;
    case WF_UNOP_DEC:
        view_u64(&one, 1, false);
        r = big_addsub(ctx, &va, &one, true);
        break;
    case WF_UNOP_NOT:
        /* ~a = -a - 1 */
        va.neg = !va.neg;
        view_u64(&one, 1, false);
        r = big_addsub(ctx, &va, &one, true);
        break;
    case WF_UNOP_PLUS:
        r = JS_ThrowTypeError(ctx, "cannot convert a BigInt value to a number");
        break;
    default:
        r = JS_DupValue(ctx, a);
        break;
    }
    JS_FreeValue(ctx, a);
    return r;
}

/* ------------------------------------------------------------------ */
/* Numbers */

double wf_bigint_to_double(JSValueConst v)
{
    BigView a;
    uint64_t L, u;
    double d;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_SHORT_BIG_INT)
        return JS_VALUE_GET_SHORT_BIG_INT(v);
    view_of(&a, v);
    L = mag_bits(a.d, a.n);
    if (L <= 64) {
        d = (double)mag_bits_at(a.d, a.n, 0);
    } else if (L > 1025) {
        d = INFINITY;
    } else {
        /* the top 64 bits, with every lower bit folded into bit 0 (a
           sticky bit far below the rounding position keeps round-to-
           nearest-even exact); one rounding in the conversion, ldexp is
           exact or overflows to Infinity as it should */
        u = mag_bits_at(a.d, a.n, L - 64);
        if (mag_any_below(a.d, a.n, L - 64))
            u |= 1;
        d = ldexp((double)u, (int)(L - 64));
    }
    return a.neg ? -d : d;
}

/* Exact magnitude of an integral finite double into buf (>= 1088 / LIMB_BITS
   + 2 limbs); returns the limb count. */
#define DBL_LIMBS (1088 / LIMB_BITS + 2)
static mp_size_t double_to_mag(double d, limb_t *buf)
{
    int e;
    double m = frexp(fabs(d), &e);      /* |d| = m * 2^e, m in [0.5, 1) */
    uint64_t mant;
    mp_size_t n, i;
    BigView v;
    if (d == 0)
        return 0;
    mant = (uint64_t)ldexp(m, 53);      /* exact */
    e -= 53;
    if (e < 0) {
        mant >>= -e;                    /* exact: d is an integer */
        e = 0;
    }
    view_u64(&v, mant, false);
    n = v.n + e / LIMB_BITS + 1;
    for (i = 0; i < n; i++)
        buf[i] = 0;
    i = e / LIMB_BITS;
    if (e % LIMB_BITS)
        buf[i + v.n] = mpn_lshift(buf + i, v.d, v.n, (unsigned)(e % LIMB_BITS));
    else
        mpn_copyi(buf + i, v.d, v.n);
    while (n > 0 && buf[n - 1] == 0)
        n--;
    return n;
}

JSValue wf_bigint_from_number(JSContext *ctx, double d)
{
    limb_t buf[DBL_LIMBS];
    mp_size_t n;
    if (!isfinite(d) || trunc(d) != d) {
        char num[WF_NUM_BUF_SIZE];
        wf_num_dtoa(d, num);
        return JS_ThrowRangeError(ctx, "The number %s cannot be converted to a BigInt because it is not an integer", num);
    }
    if (d >= INT32_MIN && d <= INT32_MAX)
        return short_big((int32_t)d);
    n = double_to_mag(d, buf);
    return big_make(ctx, buf, n, d < 0);
}

int wf_bigint_cmp_number(JSValueConst a, double d)
{
    BigView va;
    limb_t buf[DBL_LIMBS];
    mp_size_t n;
    double t;
    int c;
    if (isnan(d))
        return 2;
    if (isinf(d))
        return d > 0 ? -1 : 1;
    if (JS_VALUE_GET_TAG(a) == JS_TAG_SHORT_BIG_INT) {
        double x = JS_VALUE_GET_SHORT_BIG_INT(a);
        return x < d ? -1 : x > d;
    }
    view_of(&va, a);
    t = trunc(d);
    /* compare with trunc(d) exactly, then let the fraction decide */
    if (va.neg != (t < 0)) {
        c = va.neg ? -1 : 1;
    } else {
        n = double_to_mag(t, buf);
        c = mag_cmp(va.d, va.n, buf, n);
        if (va.neg)
            c = -c;
    }
    if (c == 0 && t != d)
        c = d > t ? -1 : 1;
    return c;
}

/* ------------------------------------------------------------------ */
/* Comparison */

int wf_bigint_cmp(JSValueConst a, JSValueConst b)
{
    BigView va, vb;
    int c;
    if (JS_VALUE_GET_TAG(a) == JS_TAG_SHORT_BIG_INT && JS_VALUE_GET_TAG(b) == JS_TAG_SHORT_BIG_INT) {
        int32_t x = JS_VALUE_GET_SHORT_BIG_INT(a), y = JS_VALUE_GET_SHORT_BIG_INT(b);
        return x < y ? -1 : x > y;
    }
    view_of(&va, a);
    view_of(&vb, b);
    if (va.neg != vb.neg)
        return va.neg ? -1 : 1;
    c = mag_cmp(va.d, va.n, vb.d, vb.n);
    return va.neg ? -c : c;
}

bool wf_bigint_eq(JSValueConst a, JSValueConst b)
{
    int ta = JS_VALUE_GET_TAG(a), tb = JS_VALUE_GET_TAG(b);
    JSBigInt *p, *q;
    if (ta != tb)
        return false;   /* normal form: a short and a heap value differ */
    if (ta == JS_TAG_SHORT_BIG_INT)
        return JS_VALUE_GET_SHORT_BIG_INT(a) == JS_VALUE_GET_SHORT_BIG_INT(b);
    p = big_cell(a);
    q = big_cell(b);
    return p == q || (p->len == q->len && p->neg == q->neg &&
                      mpn_cmp(p->d, q->d, p->len) == 0);
}

uint32_t wf_bigint_hash(JSValueConst v)
{
    uint64_t h;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_SHORT_BIG_INT) {
        h = (uint64_t)(uint32_t)JS_VALUE_GET_SHORT_BIG_INT(v) * 0x9E3779B97F4A7C15ull;
    } else {
        JSBigInt *p = big_cell(v);
        uint32_t i;
        h = p->neg ? 0x2545F4914F6CDD1Dull : 0x6A09E667F3BCC909ull;
        for (i = 0; i < p->len; i++)
            h = (h ^ (uint64_t)p->d[i]) * 0x100000001B3ull + (h >> 29);
    }
    return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* ------------------------------------------------------------------ */
/* Text */

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

JSValue wf_bigint_to_string(JSContext *ctx, JSValueConst v, int radix)
{
    BigView a;
    limb_t *tmp = NULL;
    unsigned char *buf;
    size_t cap, len, i, start;
    JSValue r;
    bool pow2 = (radix & (radix - 1)) == 0;

    if (JS_VALUE_GET_TAG(v) == JS_TAG_SHORT_BIG_INT) {
        char sbuf[40];
        int32_t x = JS_VALUE_GET_SHORT_BIG_INT(v);
        uint64_t m = x < 0 ? (uint64_t)0 - (uint64_t)(int64_t)x : (uint64_t)x;
        int p = (int)sizeof(sbuf);
        do {
            sbuf[--p] = digit_chars[m % (unsigned)radix];
            m /= (unsigned)radix;
        } while (m);
        if (x < 0)
            sbuf[--p] = '-';
        return wf_str_new8(ctx, (const uint8_t *)sbuf + p, (uint32_t)(sizeof(sbuf) - p));
    }
    view_of(&a, v);
    /* digits for a.n full limbs, plus the extra character mpn_get_str wants */
    cap = (size_t)((double)a.n * LIMB_BITS / log2((double)radix)) + 3;
    if (cap + 1 > JS_STRING_LEN_MAX + (size_t)64)
        return JS_ThrowRangeError(ctx, "invalid string length");
    buf = js_malloc(ctx, cap + 1);
    if (!buf)
        return JS_EXCEPTION;
    if (!pow2) {
        /* mpn_get_str clobbers its input for other radices */
        tmp = limbs_alloc(ctx, a.n);
        if (!tmp) {
            js_free(ctx, buf);
            return JS_EXCEPTION;
        }
        mpn_copyi(tmp, a.d, a.n);
    }
    len = mpn_get_str(buf + 1, radix, pow2 ? (limb_t *)a.d : tmp, a.n);
    if (tmp)
        js_free(ctx, tmp);
    start = 1;
    while (start < len && buf[start] == 0)
        start++;
    for (i = start; i <= len; i++)
        buf[i] = (unsigned char)digit_chars[buf[i]];
    if (a.neg)
        buf[--start] = '-';
    r = wf_str_new8(ctx, buf + start, (uint32_t)(len + 1 - start));
    js_free(ctx, buf);
    return r;
}

static inline int digit_value(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c |= 0x20;
    if (c >= 'a' && c <= 'z')
        return (int)(c - 'a' + 10);
    return 99;
}

/* Digit values (most significant first, each < radix) to a BigInt. */
static JSValue digits_to_bigint(JSContext *ctx, const unsigned char *vals, size_t len,
                                int radix, bool neg)
{
    double bits_per_digit = log2((double)radix);
    mp_size_t cap, rn;
    JSBigInt *r;
    while (len > 0 && vals[0] == 0) {
        vals++;
        len--;
    }
    if (len == 0)
        return short_big(0);
    if ((double)len * bits_per_digit < 63) {
        uint64_t m = 0;
        size_t i;
        BigView b;
        for (i = 0; i < len; i++)
            m = m * (unsigned)radix + vals[i];
        view_u64(&b, m, neg);
        return big_of_view(ctx, &b);
    }
    if ((double)(len - 1) * bits_per_digit > WF_BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    cap = (mp_size_t)((double)len * bits_per_digit / LIMB_BITS) + 3;
    r = big_alloc(ctx, cap);
    if (!r)
        return JS_EXCEPTION;
    rn = (mp_size_t)mpn_set_str(r->d, vals, len, radix);
    return big_finish(ctx, r, rn, neg);
}

/* Text of ASCII digits (already validated) to a BigInt. */
static JSValue text_to_bigint(JSContext *ctx, const JSString *s, const char *cs,
                              size_t start, size_t len, int radix, bool neg)
{
    unsigned char stack_buf[64], *vals = stack_buf;
    size_t i;
    JSValue r;
    if (len > sizeof(stack_buf)) {
        vals = js_malloc(ctx, len);
        if (!vals)
            return JS_EXCEPTION;
    }
    for (i = 0; i < len; i++)
        vals[i] = (unsigned char)digit_value(s ? wf_str_get(s, (uint32_t)(start + i))
                                               : (unsigned char)cs[start + i]);
    r = digits_to_bigint(ctx, vals, len, radix, neg);
    if (vals != stack_buf)
        js_free(ctx, vals);
    return r;
}

JSValue wf_bigint_from_digits(JSContext *ctx, const char *digits, size_t len, int radix)
{
    return text_to_bigint(ctx, NULL, digits, 0, len, radix, false);
}

/* WhiteSpace or LineTerminator (StrWhiteSpaceChar). */
static bool is_str_space(uint32_t c)
{
    if (c < 0x80)
        return c == 0x20 || (c >= 0x09 && c <= 0x0D);
    return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

JSValue wf_string_to_bigint(JSContext *ctx, JSValueConst str)
{
    const JSString *s = wf_str(str);
    uint32_t start = 0, end = s->len, i;
    int radix = 10;
    bool neg = false;

    while (start < end && is_str_space(wf_str_get(s, start)))
        start++;
    while (end > start && is_str_space(wf_str_get(s, end - 1)))
        end--;
    if (start == end)
        return short_big(0);
    if (end - start >= 2 && wf_str_get(s, start) == '0') {
        uint32_t c = wf_str_get(s, start + 1) | 0x20;
        if (c == 'x' || c == 'o' || c == 'b') {
            radix = c == 'x' ? 16 : c == 'o' ? 8 : 2;
            start += 2;
            if (start == end)
                return JS_UNDEFINED;
        }
    }
    if (radix == 10) {
        uint32_t c = wf_str_get(s, start);
        if (c == '+' || c == '-') {
            neg = c == '-';
            start++;
            if (start == end)
                return JS_UNDEFINED;
        }
    }
    for (i = start; i < end; i++) {
        if (digit_value(wf_str_get(s, i)) >= radix)
            return JS_UNDEFINED;
    }
    return text_to_bigint(ctx, s, NULL, start, end - start, radix, neg);
}

JSValue wf_to_bigint(JSContext *ctx, JSValueConst v)
{
    JSValue prim = wf_to_primitive(ctx, v, WF_HINT_NUMBER), r;
    if (JS_IsException(prim))
        return prim;
    switch (JS_VALUE_GET_TAG(prim)) {
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        return prim;
    case JS_TAG_BOOL:
        return short_big(JS_VALUE_GET_BOOL(prim) != 0);
    case JS_TAG_STRING:
        r = wf_string_to_bigint(ctx, prim);
        if (JS_IsUndefined(r)) {
            size_t len;
            const char *s = JS_ToCStringLen(ctx, &len, prim);
            if (s) {
                r = JS_ThrowSyntaxError(ctx, "cannot convert \"%.*s%s\" to a BigInt",
                                        len > 40 ? 40 : (int)len, s, len > 40 ? "..." : "");
                JS_FreeCString(ctx, s);
            } else {
                r = JS_EXCEPTION;
            }
        }
        JS_FreeValue(ctx, prim);
        return r;
    case JS_TAG_UNDEFINED:
        return JS_ThrowTypeError(ctx, "cannot convert undefined to a BigInt");
    case JS_TAG_NULL:
        return JS_ThrowTypeError(ctx, "cannot convert null to a BigInt");
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        return JS_ThrowTypeError(ctx, "cannot convert a Number to a BigInt");
    case JS_TAG_SYMBOL:
        JS_FreeValue(ctx, prim);
        return JS_ThrowTypeError(ctx, "cannot convert a Symbol to a BigInt");
    default:
        JS_FreeValue(ctx, prim);
        return JS_ThrowTypeError(ctx, "cannot convert value to a BigInt");
    }
}

/* ------------------------------------------------------------------ */
/* Mixed comparisons (7.2.12 IsLessThan, 7.2.14 IsLooselyEqual) */

int wf_bigint_less_than(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    JSValue na, nb;
    int r;
    bool ba = wf_is_bigint(a), bb = wf_is_bigint(b);

    if (ba && JS_VALUE_GET_TAG(b) == JS_TAG_STRING) {
        nb = wf_string_to_bigint(ctx, b);
        if (JS_IsException(nb))
            return -1;
        if (JS_IsUndefined(nb))
            return 2;
        r = wf_bigint_cmp(a, nb) < 0;
        JS_FreeValue(ctx, nb);
        return r;
    }
    if (bb && JS_VALUE_GET_TAG(a) == JS_TAG_STRING) {
        na = wf_string_to_bigint(ctx, a);
        if (JS_IsException(na))
            return -1;
        if (JS_IsUndefined(na))
            return 2;
        r = wf_bigint_cmp(na, b) < 0;
        JS_FreeValue(ctx, na);
        return r;
    }
    na = wf_to_numeric(ctx, a);
    if (JS_IsException(na))
        return -1;
    nb = wf_to_numeric(ctx, b);
    if (JS_IsException(nb)) {
        JS_FreeValue(ctx, na);
        return -1;
    }
    ba = wf_is_bigint(na);
    bb = wf_is_bigint(nb);
    if (ba && bb) {
        r = wf_bigint_cmp(na, nb) < 0;
    } else if (ba) {
        double d;
        if (wf_to_number(ctx, &d, nb) < 0) {
            r = -1;
        } else {
            r = wf_bigint_cmp_number(na, d);
            r = r == 2 ? 2 : r < 0;
        }
    } else if (bb) {
        double d;
        if (wf_to_number(ctx, &d, na) < 0) {
            r = -1;
        } else {
            r = wf_bigint_cmp_number(nb, d);
            r = r == 2 ? 2 : r > 0;
        }
    } else {
        double x, y;
        if (wf_to_number(ctx, &x, na) < 0 || wf_to_number(ctx, &y, nb) < 0)
            r = -1;
        else
            r = (isnan(x) || isnan(y)) ? 2 : x < y;
    }
    JS_FreeValue(ctx, na);
    JS_FreeValue(ctx, nb);
    return r;
}

int wf_bigint_loose_eq(JSContext *ctx, JSValueConst a, JSValueConst b)
{
    JSValueConst x = a, y = b;
    int tag;
    if (!wf_is_bigint(x)) {
        x = b;
        y = a;
    }
    if (wf_is_bigint(y))
        return wf_bigint_eq(x, y);
    tag = JS_VALUE_GET_TAG(y);
    if (tag == JS_TAG_STRING) {
        JSValue n = wf_string_to_bigint(ctx, y);
        int r;
        if (JS_IsException(n))
            return -1;
        if (JS_IsUndefined(n))
            return 0;
        r = wf_bigint_eq(x, n);
        JS_FreeValue(ctx, n);
        return r;
    }
    if (tag == JS_TAG_INT)
        return wf_bigint_cmp_number(x, JS_VALUE_GET_INT(y)) == 0;
    if (tag == JS_TAG_FLOAT64)
        return wf_bigint_cmp_number(x, JS_VALUE_GET_FLOAT64(y)) == 0;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Serializer support */

uint32_t wf_bigint_export(JSValueConst v, bool *pneg, uint64_t *words, uint32_t max_words)
{
    BigView a;
    uint64_t bits;
    uint32_t n, i;
    view_of(&a, v);
    *pneg = a.neg;
    bits = mag_bits(a.d, a.n);
    n = (uint32_t)((bits + 63) / 64);
    for (i = 0; i < n && i < max_words; i++)
        words[i] = mag_bits_at(a.d, a.n, (uint64_t)i * 64);
    return n;
}

JSValue wf_bigint_import(JSContext *ctx, bool neg, const uint64_t *words, uint32_t n_words)
{
    mp_size_t n = (mp_size_t)(((uint64_t)n_words * 64 + LIMB_BITS - 1) / LIMB_BITS), i;
    JSBigInt *r;
    if (n_words == 0)
        return short_big(0);
    if ((uint64_t)n_words * 64 > (uint64_t)WF_BIGINT_MAX_BITS + 64)
        return throw_too_big(ctx);
    r = big_alloc(ctx, n);
    if (!r)
        return JS_EXCEPTION;
    for (i = 0; i < n; i++) {
#if LIMB_BITS == 64
        r->d[i] = (limb_t)words[i];
#else
        r->d[i] = (limb_t)(words[i / 2] >> (32 * (i % 2)));
#endif
    }
    return big_finish(ctx, r, n, neg);
}

/* ------------------------------------------------------------------ */
/* Public API */

JSValue JS_NewBigInt64(JSContext *ctx, int64_t v)
{
    return wf_bigint_from_int64(ctx, v);
}

JSValue JS_NewBigUint64(JSContext *ctx, uint64_t v)
{
    return wf_bigint_from_uint64(ctx, v);
}

/* ToBigInt64 / ToBigUint64 (7.1.15, 7.1.16). */
static int to_big64(JSContext *ctx, uint64_t *pres, JSValueConst val)
{
    JSValue b = wf_to_bigint(ctx, val);
    if (JS_IsException(b)) {
        *pres = 0;
        return -1;
    }
    *pres = wf_bigint_to_uint64_mod(b);
    JS_FreeValue(ctx, b);
    return 0;
}

int JS_ToBigInt64(JSContext *ctx, int64_t *pres, JSValueConst val)
{
    uint64_t u;
    int r = to_big64(ctx, &u, val);
    *pres = (int64_t)u;
    return r;
}

int JS_ToBigUint64(JSContext *ctx, uint64_t *pres, JSValueConst val)
{
    return to_big64(ctx, pres, val);
}
