/*
 * strtod.c - decimal and radix text -> double, correctly rounded
 * (ECMA-262 7.1.4.1.1 StringToNumber, 19.2.4 parseFloat, 19.2.5 parseInt
 * digit conversion, and the numeric literals of the lexer).
 *
 * Round-half-even on the exact value of the text, for any number of
 * digits.  Three paths, fastest first:
 *   1. Clinger's: at most 15 significant digits and a power of ten that is
 *      itself exact, so one IEEE multiplication or division rounds once.
 *   2. A 64-bit approximation (first 19 digits times a cached power of ten)
 *      whose error is bounded by a few units; if the bits that will be
 *      dropped are not near the halfway point, the rounding is decided.
 *   3. Otherwise the approximation is within one ulp, and exact big-integer
 *      comparisons with the halfway points between neighbouring doubles
 *      settle it.
 * Only the first 800 significant digits are kept, plus a sticky "something
 * nonzero follows" digit.  That is exact: a halfway point between doubles
 * has at most 768 significant digits, so it can never fall strictly
 * between the kept prefix and the true value.
 *
 * Never uses the C library's strtod (locale-dependent).
 */
#include "engine/num/num.h"
#include "engine/num/num_int.h"

#include <float.h>
#include <string.h>

#define MAX_SIG 800

#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0 && !defined(WF_NUM_TEST_SLOW_PATHS)
#define CLINGER_FAST_PATH 1
static const double exact_pow10[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};
#endif

static double dbl_inf(void)
{
    return wf_dbl_from_bits((uint64_t)0x7ff << 52);
}

/* mant * 2^e2, which must be exactly representable or overflow; mant may
   be up to 2^53. */
static double make_double(uint64_t mant, int e2)
{
    if (mant == 0)
        return 0.0;
    while (mant >= ((uint64_t)1 << 53)) {
        mant >>= 1; /* only ever drops a zero bit */
        e2++;
    }
    while (mant < ((uint64_t)1 << 52) && e2 > -1074) {
        mant <<= 1;
        e2--;
    }
    if (mant < ((uint64_t)1 << 52))
        return wf_dbl_from_bits(mant); /* subnormal, e2 == -1074 */
    if (e2 + 52 > 1023)
        return dbl_inf();
    return wf_dbl_from_bits(((uint64_t)(e2 + 1075) << 52) |
                            (mant & (((uint64_t)1 << 52) - 1)));
}

/* 10^r, r < 8, normalized (exact) */
static WFDiyFp small_pow10(int r)
{
    static const uint32_t p[8] = { 1, 10, 100, 1000, 10000, 100000,
                                   1000000, 10000000 };
    WFDiyFp v = { p[r], 0 };
    return wf_diy_normalize(v);
}

/* Path 2.  Returns 1 if *out is certainly right; 0 if *out is only a
   guess within one ulp. */
static int approx_strtod(const char *dig, int nd, int x, double *out)
{
    int n19 = nd < 19 ? nd : 19;
    uint64_t D = 0;
    for (int i = 0; i < n19; i++)
        D = D * 10 + (uint64_t)(dig[i] - '0');
    int inexact = nd > n19; /* the last digit is never 0, so some is lost */
    int xe = x + (nd - n19);
    int idx = (xe - WF_CACHED_POW_MIN) / WF_CACHED_POW_STEP;
    if (xe < WF_CACHED_POW_MIN || idx >= WF_CACHED_POW_COUNT) {
        *out = 0;
        return 0;
    }
    int r = xe - (WF_CACHED_POW_MIN + WF_CACHED_POW_STEP * idx);
    WFDiyFp w = { D, 0 };
    w = wf_diy_normalize(w);
    if (r > 0)
        w = wf_diy_normalize(wf_diy_mul(w, small_pow10(r)));
    w = wf_diy_normalize(wf_diy_mul(w, wf_num_cached_pow(idx)));
    /* error bound in units of w.f: truncation (relative < 1e-18) plus the
       rounding of two products and of the cached power */
    uint64_t err = inexact ? 40 : 10;

    int t = w.e + 63; /* exponent of the leading bit */
    int p = t >= -1022 ? 53 : t + 1075; /* bits the double can keep */
    if (p <= -2) {
        *out = 0.0;
        return 1;
    }
    if (p <= 0) {
        *out = 0.0;
        return 0;
    }
    int drop = 64 - p; /* 11..63 */
    uint64_t mask = ((uint64_t)1 << drop) - 1;
    uint64_t low = w.f & mask, half = (uint64_t)1 << (drop - 1);
    uint64_t mant = w.f >> drop;
    int certain = (low > half ? low - half : half - low) > err;
    if (low > half)
        mant++;
    *out = make_double(mant, w.e + drop);
    return certain;
}

/* sign of D * 10^x - m * 2^y */
static int cmp_exact(const WFBig *D, int x, uint64_t m, int y)
{
    WFBig a, b;
    wf_big_copy(&a, D);
    wf_big_set_u64(&b, m);
    if (x >= 0)
        wf_big_mul_pow5(&a, x);
    else
        wf_big_mul_pow5(&b, -x);
    if (x - y >= 0)
        wf_big_shl(&a, x - y);
    else
        wf_big_shl(&b, y - x);
    return wf_big_cmp(&a, &b);
}

/* Path 3: move the guess until the value lies between its two halfway
   points (ties to the even significand). */
static double exact_strtod(const char *dig, int nd, int x, double guess)
{
    WFBig D;
    wf_big_set_u64(&D, 0);
    int i = 0;
    while (i < nd) {
        uint32_t chunk = 0, mul = 1;
        for (int k = 0; k < 9 && i < nd; k++, i++) {
            chunk = chunk * 10 + (uint32_t)(dig[i] - '0');
            mul *= 10;
        }
        wf_big_muladd_small(&D, mul, chunk);
    }
    double g = guess;
    for (int iter = 0; iter < 64; iter++) {
        uint64_t f;
        int e;
        if (g - g != 0)
            return g; /* Infinity */
        wf_dbl_split(g, &f, &e);
        int c = cmp_exact(&D, x, 2 * f + 1, e - 1);
        if (c > 0 || (c == 0 && (f & 1))) {
            g = wf_dbl_from_bits(wf_dbl_bits(g) + 1);
            continue;
        }
        if (f == 0)
            return g;
        if (f == ((uint64_t)1 << 52) && e > -1074)
            c = cmp_exact(&D, x, 4 * f - 1, e - 2);
        else
            c = cmp_exact(&D, x, 2 * f - 1, e - 1);
        if (c < 0 || (c == 0 && (f & 1))) {
            g = wf_dbl_from_bits(wf_dbl_bits(g) - 1);
            continue;
        }
        return g;
    }
    return g;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

double wf_num_strtod(const char *s, size_t len, size_t *consumed)
{
    char dig[MAX_SIG + 2];
    int nd = 0, sticky = 0, any = 0;
    int64_t x = 0;
    size_t i = 0;

    while (i < len && is_digit(s[i])) {
        any = 1;
        if (nd == 0 && s[i] == '0') {
            /* leading zero */
        } else if (nd < MAX_SIG)
            dig[nd++] = s[i];
        else {
            sticky |= s[i] != '0';
            x++;
        }
        i++;
    }
    if (i < len && s[i] == '.') {
        size_t j = i + 1;
        int anyf = 0;
        while (j < len && is_digit(s[j])) {
            anyf = 1;
            if (nd == 0 && s[j] == '0')
                x--;
            else if (nd < MAX_SIG) {
                dig[nd++] = s[j];
                x--;
            } else
                sticky |= s[j] != '0';
            j++;
        }
        if (any || anyf) {
            any = 1;
            i = j;
        }
    }
    if (!any) {
        *consumed = 0;
        return 0.0;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        int eneg = 0;
        if (j < len && (s[j] == '+' || s[j] == '-')) {
            eneg = s[j] == '-';
            j++;
        }
        if (j < len && is_digit(s[j])) {
            int64_t ev = 0;
            while (j < len && is_digit(s[j])) {
                if (ev < 1000000000)
                    ev = ev * 10 + (s[j] - '0');
                j++;
            }
            x += eneg ? -ev : ev;
            i = j;
        }
    }
    *consumed = i;

    if (!sticky) {
        while (nd > 0 && dig[nd - 1] == '0') {
            nd--;
            x++;
        }
    }
    if (nd == 0)
        return 0.0;
    if (x + nd > 310)
        return dbl_inf();
    if (x + nd < -324)
        return 0.0;
    if (sticky) {
        dig[nd++] = '1';
        x--;
    }
    int xi = (int)x;

#ifdef CLINGER_FAST_PATH
    /* one correctly rounded IEEE operation on exact operands */
    if (nd <= 15) {
        uint64_t D = 0;
        for (int k = 0; k < nd; k++)
            D = D * 10 + (uint64_t)(dig[k] - '0');
        double dv = (double)D; /* exact: D < 10^15 */
        if (xi >= 0 && xi <= 22)
            return dv * exact_pow10[xi];
        if (xi < 0 && xi >= -22)
            return dv / exact_pow10[-xi];
        if (xi > 22 && xi <= 22 + 15 - nd)
            return (dv * exact_pow10[xi - 22]) * 1e22;
    }
#endif
    double g;
    if (approx_strtod(dig, nd, xi, &g)) {
#ifndef WF_NUM_TEST_SLOW_PATHS /* test build: let the exact path check it */
        return g;
#endif
    }
    return exact_strtod(dig, nd, xi, g);
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* radix 2, 4, 8, 16, 32: the digits are bits; keep the leading 58+ bits,
   a sticky bit for the rest, then round half to even. */
static double parse_pow2(const char *s, size_t n, int radix)
{
    int k = 0;
    while ((1 << k) < radix)
        k++;
    size_t i = 0;
    while (i < n && s[i] == '0')
        i++;
    uint64_t m = 0;
    int64_t extra = 0; /* bits beyond m */
    int sticky = 0;
    for (; i < n; i++) {
        uint64_t v = (uint64_t)digit_value(s[i]);
        if ((m >> (63 - k)) == 0)
            m = (m << k) | v;
        else {
            if (extra < 4096)
                extra += k;
            sticky |= v != 0;
        }
    }
    if (m == 0)
        return 0.0;
    int L = 0;
    for (uint64_t t = m; t; t >>= 1)
        L++;
    if (L + extra > 1024)
        return dbl_inf();
    if (L <= 53)
        return make_double(m, (int)extra); /* extra == 0 here */
    int drop = L - 53;
    uint64_t low = m & (((uint64_t)1 << drop) - 1);
    uint64_t half = (uint64_t)1 << (drop - 1);
    uint64_t mant = m >> drop;
    if (low > half || (low == half && (sticky || (mant & 1))))
        mant++;
    return make_double(mant, drop + (int)extra);
}

double wf_num_parse_radix(const char *s, size_t len, int radix, size_t *consumed)
{
    size_t n = 0;
    if (radix < 2 || radix > 36) {
        *consumed = 0;
        return 0.0;
    }
    while (n < len && digit_value(s[n]) < radix)
        n++;
    *consumed = n;
    if (n == 0)
        return 0.0;
    if (radix == 10) {
        size_t c;
        return wf_num_strtod(s, n, &c);
    }
    if ((radix & (radix - 1)) == 0)
        return parse_pow2(s, n, radix);

    /* exact integer while it stays below 2^53 */
    size_t i = 0;
    uint64_t v = 0;
    while (i < n && v < ((uint64_t)1 << 53) / (uint64_t)radix) {
        v = v * (uint64_t)radix + (uint64_t)digit_value(s[i]);
        i++;
    }
    if (i == n)
        return (double)v;
    WFBig b;
    wf_big_set_u64(&b, v);
    /* batches of digits whose radix power fits in 32 bits */
    int batch = 1;
    uint32_t rp = (uint32_t)radix;
    while ((uint64_t)rp * (uint64_t)radix <= 0xffffffffu) {
        rp *= (uint32_t)radix;
        batch++;
    }
    while (i < n) {
        uint32_t chunk = 0, mul = 1;
        for (int k = 0; k < batch && i < n; k++, i++) {
            chunk = chunk * (uint32_t)radix + (uint32_t)digit_value(s[i]);
            mul *= (uint32_t)radix;
        }
        wf_big_muladd_small(&b, mul, chunk);
        if (b.len > 34) /* more than 1056 bits: beyond the double range */
            return dbl_inf();
    }
    return wf_big_to_double(&b);
}

static int prefix_radix(char c)
{
    switch (c) {
    case 'x': case 'X': return 16;
    case 'o': case 'O': return 8;
    case 'b': case 'B': return 2;
    default: return 0;
    }
}

double wf_num_from_string(const char *s, size_t len)
{
    const double nan = wf_dbl_from_bits((uint64_t)0x7ff8 << 48);
    if (len == 0)
        return 0.0;
    if (len >= 2 && s[0] == '0' && prefix_radix(s[1])) {
        size_t c;
        double v = wf_num_parse_radix(s + 2, len - 2, prefix_radix(s[1]), &c);
        return (c > 0 && c == len - 2) ? v : nan;
    }
    size_t i = 0;
    int neg = 0;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        i = 1;
    }
    if (len - i == 8 && memcmp(s + i, "Infinity", 8) == 0)
        return neg ? -dbl_inf() : dbl_inf();
    size_t c;
    double v = wf_num_strtod(s + i, len - i, &c);
    if (c == 0 || c != len - i)
        return nan;
    return neg ? -v : v;
}
