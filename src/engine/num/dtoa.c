/*
 * dtoa.c - double -> shortest decimal text (ECMA-262 6.1.6.1.20
 * Number::toString) and Number.prototype.toString(radix).
 *
 * Shortest digits: Grisu3 (Loitsch, "Printing Floating-Point Numbers
 * Quickly and Accurately with Integers", 2010) on 64-bit integers settles
 * about 99.5% of doubles; when it cannot prove its answer shortest and
 * closest it reports failure and the exact free-format algorithm of Steele
 * & White / Dragon4 on big integers decides.  Integers below 2^53 are
 * printed directly.  Boundaries are inclusive when the significand is even,
 * because text exactly halfway between two doubles reads back as the even
 * one (round-half-even), so "1e+23" is the shortest form of the double
 * nearest 1e23.  Among shortest candidates the closest to the exact value
 * is chosen, ties to the even digit.
 */
#include "engine/num/num.h"
#include "engine/num/num_int.h"

#include <math.h>
#include <string.h>

/* 10^k for k = -348, -340, ..., 340: the 64-bit significand rounded to
   nearest and the binary exponent, f * 2^e.  Computed with exact rational
   arithmetic: e is chosen so that 2^63 <= 10^k / 2^e < 2^64. */
static const struct {
    uint64_t f;
    int16_t e;
} cached_pow[WF_CACHED_POW_COUNT] = {
    { 0xfa8fd5a0081c0288u, -1220 }, /* 1e-348 */
    { 0xbaaee17fa23ebf76u, -1193 }, /* 1e-340 */
    { 0x8b16fb203055ac76u, -1166 }, /* 1e-332 */
    { 0xcf42894a5dce35eau, -1140 }, /* 1e-324 */
    { 0x9a6bb0aa55653b2du, -1113 }, /* 1e-316 */
    { 0xe61acf033d1a45dfu, -1087 }, /* 1e-308 */
    { 0xab70fe17c79ac6cau, -1060 }, /* 1e-300 */
    { 0xff77b1fcbebcdc4fu, -1034 }, /* 1e-292 */
    { 0xbe5691ef416bd60cu, -1007 }, /* 1e-284 */
    { 0x8dd01fad907ffc3cu,  -980 }, /* 1e-276 */
    { 0xd3515c2831559a83u,  -954 }, /* 1e-268 */
    { 0x9d71ac8fada6c9b5u,  -927 }, /* 1e-260 */
    { 0xea9c227723ee8bcbu,  -901 }, /* 1e-252 */
    { 0xaecc49914078536du,  -874 }, /* 1e-244 */
    { 0x823c12795db6ce57u,  -847 }, /* 1e-236 */
    { 0xc21094364dfb5637u,  -821 }, /* 1e-228 */
    { 0x9096ea6f3848984fu,  -794 }, /* 1e-220 */
    { 0xd77485cb25823ac7u,  -768 }, /* 1e-212 */
    { 0xa086cfcd97bf97f4u,  -741 }, /* 1e-204 */
    { 0xef340a98172aace5u,  -715 }, /* 1e-196 */
    { 0xb23867fb2a35b28eu,  -688 }, /* 1e-188 */
    { 0x84c8d4dfd2c63f3bu,  -661 }, /* 1e-180 */
    { 0xc5dd44271ad3cdbau,  -635 }, /* 1e-172 */
    { 0x936b9fcebb25c996u,  -608 }, /* 1e-164 */
    { 0xdbac6c247d62a584u,  -582 }, /* 1e-156 */
    { 0xa3ab66580d5fdaf6u,  -555 }, /* 1e-148 */
    { 0xf3e2f893dec3f126u,  -529 }, /* 1e-140 */
    { 0xb5b5ada8aaff80b8u,  -502 }, /* 1e-132 */
    { 0x87625f056c7c4a8bu,  -475 }, /* 1e-124 */
    { 0xc9bcff6034c13053u,  -449 }, /* 1e-116 */
    { 0x964e858c91ba2655u,  -422 }, /* 1e-108 */
    { 0xdff9772470297ebdu,  -396 }, /* 1e-100 */
    { 0xa6dfbd9fb8e5b88fu,  -369 }, /* 1e-92 */
    { 0xf8a95fcf88747d94u,  -343 }, /* 1e-84 */
    { 0xb94470938fa89bcfu,  -316 }, /* 1e-76 */
    { 0x8a08f0f8bf0f156bu,  -289 }, /* 1e-68 */
    { 0xcdb02555653131b6u,  -263 }, /* 1e-60 */
    { 0x993fe2c6d07b7facu,  -236 }, /* 1e-52 */
    { 0xe45c10c42a2b3b06u,  -210 }, /* 1e-44 */
    { 0xaa242499697392d3u,  -183 }, /* 1e-36 */
    { 0xfd87b5f28300ca0eu,  -157 }, /* 1e-28 */
    { 0xbce5086492111aebu,  -130 }, /* 1e-20 */
    { 0x8cbccc096f5088ccu,  -103 }, /* 1e-12 */
    { 0xd1b71758e219652cu,   -77 }, /* 1e-4 */
    { 0x9c40000000000000u,   -50 }, /* 1e4 */
    { 0xe8d4a51000000000u,   -24 }, /* 1e12 */
    { 0xad78ebc5ac620000u,     3 }, /* 1e20 */
    { 0x813f3978f8940984u,    30 }, /* 1e28 */
    { 0xc097ce7bc90715b3u,    56 }, /* 1e36 */
    { 0x8f7e32ce7bea5c70u,    83 }, /* 1e44 */
    { 0xd5d238a4abe98068u,   109 }, /* 1e52 */
    { 0x9f4f2726179a2245u,   136 }, /* 1e60 */
    { 0xed63a231d4c4fb27u,   162 }, /* 1e68 */
    { 0xb0de65388cc8ada8u,   189 }, /* 1e76 */
    { 0x83c7088e1aab65dbu,   216 }, /* 1e84 */
    { 0xc45d1df942711d9au,   242 }, /* 1e92 */
    { 0x924d692ca61be758u,   269 }, /* 1e100 */
    { 0xda01ee641a708deau,   295 }, /* 1e108 */
    { 0xa26da3999aef774au,   322 }, /* 1e116 */
    { 0xf209787bb47d6b85u,   348 }, /* 1e124 */
    { 0xb454e4a179dd1877u,   375 }, /* 1e132 */
    { 0x865b86925b9bc5c2u,   402 }, /* 1e140 */
    { 0xc83553c5c8965d3du,   428 }, /* 1e148 */
    { 0x952ab45cfa97a0b3u,   455 }, /* 1e156 */
    { 0xde469fbd99a05fe3u,   481 }, /* 1e164 */
    { 0xa59bc234db398c25u,   508 }, /* 1e172 */
    { 0xf6c69a72a3989f5cu,   534 }, /* 1e180 */
    { 0xb7dcbf5354e9beceu,   561 }, /* 1e188 */
    { 0x88fcf317f22241e2u,   588 }, /* 1e196 */
    { 0xcc20ce9bd35c78a5u,   614 }, /* 1e204 */
    { 0x98165af37b2153dfu,   641 }, /* 1e212 */
    { 0xe2a0b5dc971f303au,   667 }, /* 1e220 */
    { 0xa8d9d1535ce3b396u,   694 }, /* 1e228 */
    { 0xfb9b7cd9a4a7443cu,   720 }, /* 1e236 */
    { 0xbb764c4ca7a44410u,   747 }, /* 1e244 */
    { 0x8bab8eefb6409c1au,   774 }, /* 1e252 */
    { 0xd01fef10a657842cu,   800 }, /* 1e260 */
    { 0x9b10a4e5e9913129u,   827 }, /* 1e268 */
    { 0xe7109bfba19c0c9du,   853 }, /* 1e276 */
    { 0xac2820d9623bf429u,   880 }, /* 1e284 */
    { 0x80444b5e7aa7cf85u,   907 }, /* 1e292 */
    { 0xbf21e44003acdd2du,   933 }, /* 1e300 */
    { 0x8e679c2f5e44ff8fu,   960 }, /* 1e308 */
    { 0xd433179d9c8cb841u,   986 }, /* 1e316 */
    { 0x9e19db92b4e31ba9u,  1013 }, /* 1e324 */
    { 0xeb96bf6ebadf77d9u,  1039 }, /* 1e332 */
    { 0xaf87023b9bf0ee6bu,  1066 }, /* 1e340 */
};

WFDiyFp wf_num_cached_pow(int index)
{
    WFDiyFp r;
    r.f = cached_pow[index].f;
    r.e = cached_pow[index].e;
    return r;
}

/* ---------------------------------------------------------------------
 * Grisu3
 *
 * Scaling by a cached power c = 10^K brings w, m- and m+ (the value and
 * the two rounding boundaries) to a fixed-point form with exponent in
 * [-60, -32].  Each scaled quantity is off by less than one unit, so the
 * true interval lies inside (M- - 1, M+ + 1) ("unsafe") and contains
 * [M- + 1, M+ - 1] ("safe").  Digits of the upper end are produced until
 * a candidate falls inside the unsafe interval: nothing shorter can be
 * inside the true interval.  The candidate is then moved toward w and
 * accepted only if it is provably the closest and inside the safe
 * interval; otherwise the caller falls back to the exact method.
 */

#define GRISU_ALPHA (-60)
#define GRISU_GAMMA (-32)

static int round_weed(char *buf, int len, uint64_t dist_high_w,
                      uint64_t unsafe, uint64_t rest, uint64_t ten_kappa,
                      uint64_t unit)
{
    /* w is known to lie in [w_high - 2 unit, w_high]; distances are from
       the top of the unsafe interval. */
    uint64_t small_dist = dist_high_w - unit; /* to w + unit */
    uint64_t big_dist = dist_high_w + unit;   /* to w - unit */

    /* Step the last digit down while that gets closer to w + unit. */
    while (rest < small_dist && unsafe - rest >= ten_kappa &&
           (rest + ten_kappa < small_dist ||
            small_dist - rest >= rest + ten_kappa - small_dist)) {
        buf[len - 1]--;
        rest += ten_kappa;
    }
    /* If one more step would be closer to w - unit, we cannot tell which
       candidate is the closest. */
    if (rest < big_dist && unsafe - rest >= ten_kappa &&
        (rest + ten_kappa < big_dist ||
         big_dist - rest > rest + ten_kappa - big_dist))
        return 0;
    /* Inside the safe interval (with one unit of margin)? */
    return 2 * unit <= rest && rest + 4 * unit <= unsafe;
}

static const uint32_t pow10_u32[10] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u,
    100000000u, 1000000000u
};

/* Returns the digit count, 0 on failure. */
static int grisu3(double v, char *digits, int *point)
{
    uint64_t f;
    int e;
    wf_dbl_split(v, &f, &e);

    WFDiyFp w = { f, e };
    WFDiyFp mp = { (f << 1) + 1, e - 1 };
    WFDiyFp mm;
    if (f == ((uint64_t)1 << 52) && e > -1074) {
        mm.f = (f << 2) - 1;
        mm.e = e - 2;
    } else {
        mm.f = (f << 1) - 1;
        mm.e = e - 1;
    }
    w = wf_diy_normalize(w);
    mp = wf_diy_normalize(mp);
    mm.f <<= mm.e - mp.e;
    mm.e = mp.e;

    /* pick c so that w.e + c.e + 64 lands in [alpha, gamma] */
    int i = (int)(((double)(GRISU_ALPHA - w.e - 64 + 63) * 0.30102999566398114 -
                   WF_CACHED_POW_MIN) / WF_CACHED_POW_STEP);
    if (i < 0)
        i = 0;
    if (i > WF_CACHED_POW_COUNT - 1)
        i = WF_CACHED_POW_COUNT - 1;
    while (i < WF_CACHED_POW_COUNT - 1 && w.e + cached_pow[i].e + 64 < GRISU_ALPHA)
        i++;
    while (i > 0 && w.e + cached_pow[i].e + 64 > GRISU_GAMMA)
        i--;
    WFDiyFp c = wf_num_cached_pow(i);
    int K = WF_CACHED_POW_MIN + WF_CACHED_POW_STEP * i;

    WFDiyFp W = wf_diy_mul(w, c);
    WFDiyFp Wp = wf_diy_mul(mp, c);
    WFDiyFp Wm = wf_diy_mul(mm, c);
    if (W.e < GRISU_ALPHA || W.e > GRISU_GAMMA)
        return 0; /* cannot happen with the table above */

    uint64_t unit = 1;
    uint64_t too_high = Wp.f + unit;
    uint64_t too_low = Wm.f - unit;
    uint64_t unsafe = too_high - too_low;
    int shift = -W.e;
    uint64_t one = (uint64_t)1 << shift;
    uint32_t p1 = (uint32_t)(too_high >> shift);
    uint64_t p2 = too_high & (one - 1);

    int kappa = 1;
    while (kappa < 10 && p1 >= pow10_u32[kappa])
        kappa++;
    /* now 10^(kappa-1) <= p1 < 10^kappa */
    int len = 0;
    while (kappa > 0) {
        uint32_t div = pow10_u32[kappa - 1];
        uint32_t d = p1 / div;
        p1 %= div;
        digits[len++] = (char)('0' + d);
        kappa--;
        uint64_t rest = ((uint64_t)p1 << shift) + p2;
        if (rest < unsafe) {
            if (!round_weed(digits, len, too_high - W.f, unsafe, rest,
                            (uint64_t)div << shift, unit))
                return 0;
            *point = len + kappa - K;
            return len;
        }
    }
    for (;;) {
        p2 *= 10;
        unit *= 10;
        unsafe *= 10;
        digits[len++] = (char)('0' + (int)(p2 >> shift));
        p2 &= one - 1;
        kappa--;
        if (p2 < unsafe) {
            if (!round_weed(digits, len, (too_high - W.f) * unit, unsafe, p2,
                            one, unit))
                return 0;
            *point = len + kappa - K;
            return len;
        }
        if (len >= 18)
            return 0;
    }
}

/* ---------------------------------------------------------------------
 * Exact shortest digits (Steele & White free-format, Dragon4 style).
 *
 * v = r / s, and the half-gaps to the neighbouring doubles are m+ / s and
 * m- / s.  Digits are produced until the truncated or the incremented
 * candidate lies within the rounding interval.
 */
static int exact_shortest(double v, char *digits, int *point)
{
    uint64_t f;
    int e;
    wf_dbl_split(v, &f, &e);
    int even = (f & 1) == 0;
    int lower_closer = f == ((uint64_t)1 << 52) && e > -1074;

    WFBig r, s, mp, mm;
    wf_big_set_u64(&r, f);
    if (e >= 0) {
        wf_big_set_u64(&mp, 1);
        wf_big_shl(&mp, e);
        wf_big_copy(&mm, &mp);
        if (lower_closer) {
            wf_big_shl(&r, e + 2);
            wf_big_set_u64(&s, 4);
            wf_big_shl(&mp, 1);
        } else {
            wf_big_shl(&r, e + 1);
            wf_big_set_u64(&s, 2);
        }
    } else {
        wf_big_set_u64(&mm, 1);
        if (lower_closer) {
            wf_big_shl(&r, 2);
            wf_big_set_u64(&s, 1);
            wf_big_shl(&s, 2 - e);
            wf_big_set_u64(&mp, 2);
        } else {
            wf_big_shl(&r, 1);
            wf_big_set_u64(&s, 1);
            wf_big_shl(&s, 1 - e);
            wf_big_set_u64(&mp, 1);
        }
    }

    /* k estimate from the bit length: never above the true value, at most
       one below; the loop below fixes it. */
    int bl = 0;
    for (uint64_t t = f; t; t >>= 1)
        bl++;
    int k = (int)ceil((double)(e + bl - 1) * 0.30102999566398114 - 1e-10);
    if (k >= 0)
        wf_big_mul_pow10(&s, k);
    else {
        wf_big_mul_pow10(&r, -k);
        wf_big_mul_pow10(&mp, -k);
        wf_big_mul_pow10(&mm, -k);
    }
    for (;;) {
        int c = wf_big_add_cmp(&r, &mp, &s);
        if (c > 0 || (even && c == 0)) {
            wf_big_muladd_small(&s, 10, 0);
            k++;
        } else
            break;
    }

    int len = 0;
    for (;;) {
        wf_big_muladd_small(&r, 10, 0);
        wf_big_muladd_small(&mp, 10, 0);
        wf_big_muladd_small(&mm, 10, 0);
        uint32_t d = wf_big_div_digit(&r, &s);
        int cl = wf_big_cmp(&r, &mm);
        int ch = wf_big_add_cmp(&r, &mp, &s);
        int low_ok = even ? cl <= 0 : cl < 0;
        int high_ok = even ? ch >= 0 : ch > 0;
        if (!low_ok && !high_ok) {
            digits[len++] = (char)('0' + d);
            if (len >= 19)
                break; /* cannot happen; keeps the buffer safe */
            continue;
        }
        if (low_ok && high_ok) {
            /* both candidates round-trip: take the closer, ties to even */
            WFBig r2;
            wf_big_copy(&r2, &r);
            wf_big_shl(&r2, 1);
            int c = wf_big_cmp(&r2, &s);
            if (c > 0 || (c == 0 && (d & 1)))
                d++;
        } else if (high_ok)
            d++;
        digits[len++] = (char)('0' + d);
        break;
    }
    *point = k;
    return len;
}

/* Digits of an integer below 2^64, no leading zeros; returns the count. */
static int u64_digits(uint64_t v, char *out)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

int wf_num_shortest(double v, char *digits, int *point)
{
#ifdef WF_NUM_TEST_SLOW_PATHS /* test build: check the exact method alone */
    return exact_shortest(v, digits, point);
#endif
    if (v < 9007199254740992.0 && v == (double)(uint64_t)v) {
        int n = u64_digits((uint64_t)v, digits);
        *point = n;
        while (n > 1 && digits[n - 1] == '0')
            n--;
        return n;
    }
    int n = grisu3(v, digits, point);
    if (n == 0)
        n = exact_shortest(v, digits, point);
    return n;
}

static int write_special(double d, char *buf)
{
    const char *s = d != d ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    size_t n = strlen(s);
    memcpy(buf, s, n + 1);
    return (int)n;
}

/* Exponent suffix "e+N" / "e-N" */
static int write_exp(char *p, int x)
{
    int n = 0;
    p[n++] = 'e';
    if (x < 0) {
        p[n++] = '-';
        x = -x;
    } else
        p[n++] = '+';
    return n + u64_digits((uint64_t)x, p + n);
}

int wf_num_dtoa(double d, char *buf)
{
    if (d != d || d - d != 0)
        return write_special(d, buf);
    if (d == 0) {
        buf[0] = '0';
        buf[1] = 0;
        return 1;
    }
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    char dg[24];
    int n;
    int k = wf_num_shortest(d, dg, &n);
    /* ECMA-262 Number::toString step 6-12, with k digits and the decimal
       point after n of them */
    if (k <= n && n <= 21) {
        memcpy(p, dg, (size_t)k);
        p += k;
        for (int i = k; i < n; i++)
            *p++ = '0';
    } else if (0 < n && n <= 21) {
        memcpy(p, dg, (size_t)n);
        p += n;
        *p++ = '.';
        memcpy(p, dg + n, (size_t)(k - n));
        p += k - n;
    } else if (-6 < n && n <= 0) {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -n; i++)
            *p++ = '0';
        memcpy(p, dg, (size_t)k);
        p += k;
    } else {
        *p++ = dg[0];
        if (k > 1) {
            *p++ = '.';
            memcpy(p, dg + 1, (size_t)(k - 1));
            p += k - 1;
        }
        p += write_exp(p, n - 1);
    }
    *p = 0;
    return (int)(p - buf);
}

/* ---------------------------------------------------------------------
 * Number.prototype.toString(radix), radix != 10.
 *
 * ECMA-262 leaves the digits implementation-approximated; programs and
 * tests compare with V8, so this follows V8's published method: fraction
 * digits are produced by multiplying by the radix until the remaining
 * fraction is within the precision of the input (half the gap to the next
 * double), rounding the last digit half to even with carry propagation;
 * integer digits come from repeated division, and the digits of an integer
 * part too large for the double's precision are written as zeros.
 */
static const char radix_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

int wf_num_to_radix(double d, int radix, char *buf)
{
    if (radix == 10 || radix < 2 || radix > 36)
        return wf_num_dtoa(d, buf);
    if (d != d || d - d != 0)
        return write_special(d, buf);
    /* integer digits grow left from the middle, fraction digits right */
    char tmp[2200];
    int mid = 1100;
    int ic = mid, fc = mid;
    int neg = d < 0;
    if (neg)
        d = -d;
    double integer = floor(d);
    double fraction = d - integer;
    double next = wf_dbl_from_bits(wf_dbl_bits(d) + 1);
    double delta = 0.5 * (next - d);
    double min_sub = wf_dbl_from_bits(1);
    if (!(delta >= min_sub))
        delta = min_sub;
    if (fraction >= delta) {
        tmp[fc++] = '.';
        do {
            fraction *= radix;
            delta *= radix;
            int digit = (int)fraction;
            tmp[fc++] = radix_chars[digit];
            fraction -= digit;
            if (fraction > 0.5 || (fraction == 0.5 && (digit & 1))) {
                if (fraction + delta > 1) {
                    /* round up, propagating the carry leftwards; digits that
                       overflow become trailing zeros and are dropped */
                    for (;;) {
                        fc--;
                        if (fc == mid) {
                            integer += 1;
                            break;
                        }
                        char ch = tmp[fc];
                        int dv = ch > '9' ? ch - 'a' + 10 : ch - '0';
                        if (dv + 1 < radix) {
                            tmp[fc++] = radix_chars[dv + 1];
                            break;
                        }
                    }
                    break;
                }
            }
        } while (fraction >= delta && fc < 2190);
    }
    /* Exponent() > 0 in V8's terms: the quotient is at least 2^53, so its
       last digit is beyond the double's precision. */
    while (integer / radix >= 9007199254740992.0) {
        integer /= radix;
        tmp[--ic] = '0';
    }
    do {
        double rem = fmod(integer, radix);
        tmp[--ic] = radix_chars[(int)rem];
        integer = (integer - rem) / radix;
    } while (integer > 0);
    if (neg)
        tmp[--ic] = '-';
    int n = fc - ic;
    memcpy(buf, tmp + ic, (size_t)n);
    buf[n] = 0;
    return n;
}
