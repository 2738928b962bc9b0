/*
 * bignum.c - small fixed-capacity big integers for number <-> text
 * conversion (the exact slow paths of dtoa.c and strtod.c).
 *
 * Schoolbook arithmetic on 32-bit limbs.  The operands stay below a few
 * thousand bits (see num_int.h), so quadratic algorithms are the right
 * choice.  No allocation, no global state.
 */
#include "engine/num/num_int.h"

#include <string.h>

static void trim(WFBig *b)
{
    while (b->len > 0 && b->d[b->len - 1] == 0)
        b->len--;
}

void wf_big_set_u64(WFBig *b, uint64_t v)
{
    b->overflow = 0;
    b->d[0] = (uint32_t)v;
    b->d[1] = (uint32_t)(v >> 32);
    b->len = 2;
    trim(b);
}

void wf_big_copy(WFBig *dst, const WFBig *src)
{
    dst->len = src->len;
    dst->overflow = src->overflow;
    memcpy(dst->d, src->d, (size_t)src->len * sizeof(uint32_t));
}

void wf_big_muladd_small(WFBig *b, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < b->len; i++) {
        uint64_t t = (uint64_t)b->d[i] * m + carry;
        b->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) {
        if (b->len < WF_BIG_LIMBS)
            b->d[b->len++] = (uint32_t)carry;
        else
            b->overflow = 1;
    }
    trim(b);
}

void wf_big_mul_pow5(WFBig *b, int n)
{
    /* 5^13 is the largest power of five below 2^32. */
    static const uint32_t pow5[14] = {
        1u, 5u, 25u, 125u, 625u, 3125u, 15625u, 78125u, 390625u, 1953125u,
        9765625u, 48828125u, 244140625u, 1220703125u
    };
    while (n >= 13) {
        wf_big_muladd_small(b, pow5[13], 0);
        n -= 13;
    }
    if (n > 0)
        wf_big_muladd_small(b, pow5[n], 0);
}

void wf_big_shl(WFBig *b, int n)
{
    if (b->len == 0 || n <= 0)
        return;
    int limbs = n / 32, bits = n % 32;
    int newlen = b->len + limbs + (bits ? 1 : 0);
    if (newlen > WF_BIG_LIMBS) {
        b->overflow = 1;
        /* keep as many low limbs as fit: the value is wrong anyway, but
           memory stays safe */
        newlen = WF_BIG_LIMBS;
        if (limbs >= WF_BIG_LIMBS) {
            b->len = 0;
            return;
        }
    }
    if (bits == 0) {
        for (int i = newlen - 1; i >= limbs; i--)
            b->d[i] = b->d[i - limbs];
    } else {
        for (int i = newlen - 1; i >= limbs; i--) {
            int src = i - limbs;
            uint32_t hi = src < b->len ? b->d[src] << bits : 0;
            uint32_t lo = (src >= 1 && src - 1 < b->len) ? b->d[src - 1] >> (32 - bits) : 0;
            b->d[i] = hi | lo;
        }
    }
    for (int i = 0; i < limbs && i < WF_BIG_LIMBS; i++)
        b->d[i] = 0;
    b->len = newlen;
    trim(b);
}

void wf_big_mul_pow10(WFBig *b, int n)
{
    wf_big_mul_pow5(b, n);
    wf_big_shl(b, n);
}

void wf_big_add(WFBig *a, const WFBig *c)
{
    int n = a->len > c->len ? a->len : c->len;
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint64_t t = carry;
        if (i < a->len)
            t += a->d[i];
        if (i < c->len)
            t += c->d[i];
        a->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    a->len = n;
    if (carry) {
        if (n < WF_BIG_LIMBS)
            a->d[a->len++] = (uint32_t)carry;
        else
            a->overflow = 1;
    }
}

void wf_big_sub(WFBig *a, const WFBig *c)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->len; i++) {
        int64_t t = (int64_t)a->d[i] - borrow - (i < c->len ? (int64_t)c->d[i] : 0);
        borrow = 0;
        if (t < 0) {
            t += (int64_t)1 << 32;
            borrow = 1;
        }
        a->d[i] = (uint32_t)t;
    }
    trim(a);
}

int wf_big_cmp(const WFBig *a, const WFBig *c)
{
    if (a->len != c->len)
        return a->len < c->len ? -1 : 1;
    for (int i = a->len - 1; i >= 0; i--) {
        if (a->d[i] != c->d[i])
            return a->d[i] < c->d[i] ? -1 : 1;
    }
    return 0;
}

int wf_big_add_cmp(const WFBig *a, const WFBig *b, const WFBig *c)
{
    int n = a->len > b->len ? a->len : b->len;
    if (n + 1 < c->len)
        return -1;
    if (n > c->len)
        return 1;
    /* Compare from the top: borrow-free comparison of a + b against c
       needs the carries from below, so compute the sum limbs first. */
    uint32_t sum[WF_BIG_LIMBS + 1];
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint64_t t = carry;
        if (i < a->len)
            t += a->d[i];
        if (i < b->len)
            t += b->d[i];
        sum[i] = (uint32_t)t;
        carry = t >> 32;
    }
    int slen = n;
    if (carry)
        sum[slen++] = (uint32_t)carry;
    while (slen > 0 && sum[slen - 1] == 0)
        slen--;
    if (slen != c->len)
        return slen < c->len ? -1 : 1;
    for (int i = slen - 1; i >= 0; i--) {
        if (sum[i] != c->d[i])
            return sum[i] < c->d[i] ? -1 : 1;
    }
    return 0;
}

uint32_t wf_big_divmod_small(WFBig *b, uint32_t div)
{
    uint64_t rem = 0;
    for (int i = b->len - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | b->d[i];
        b->d[i] = (uint32_t)(cur / div);
        rem = cur % div;
    }
    trim(b);
    return (uint32_t)rem;
}

int wf_big_bitlen(const WFBig *b)
{
    if (b->len == 0)
        return 0;
    uint32_t top = b->d[b->len - 1];
    int n = 0;
    while (top) {
        n++;
        top >>= 1;
    }
    return (b->len - 1) * 32 + n;
}

/* The top three limbs as a double, and the limb index they start at. */
static double approx(const WFBig *b, int *base)
{
    double v = 0;
    int lo = b->len - 3;
    if (lo < 0)
        lo = 0;
    for (int i = b->len - 1; i >= lo; i--)
        v = v * 4294967296.0 + b->d[i];
    *base = lo;
    return v;
}

uint32_t wf_big_div_digit(WFBig *r, const WFBig *s)
{
    if (wf_big_cmp(r, s) < 0)
        return 0;
    int br, bs;
    double ar = approx(r, &br), as = approx(s, &bs);
    double ratio = ar / as;
    for (int i = bs; i < br; i++)
        ratio *= 4294967296.0;
    uint32_t q;
    if (ratio < 1)
        q = 0;
    else if (ratio > 2147483647.0)
        q = 2147483647u;
    else
        q = (uint32_t)ratio;
    if (q > 0) {
        WFBig t;
        wf_big_copy(&t, s);
        wf_big_muladd_small(&t, q, 0);
        while (wf_big_cmp(&t, r) > 0) {
            q--;
            wf_big_sub(&t, s);
        }
        wf_big_sub(r, &t);
    }
    while (wf_big_cmp(r, s) >= 0) {
        wf_big_sub(r, s);
        q++;
    }
    return q;
}

/* bits [pos, pos+64) of b (pos may be negative: zeros shifted in) */
static uint64_t bits_at(const WFBig *b, int pos)
{
    uint64_t v = 0;
    for (int k = 0; k < 64; k += 32) {
        /* 32 bits starting at pos + k */
        int p = pos + k;
        uint32_t w = 0;
        if (p >= 0) {
            int li = p / 32, sh = p % 32;
            uint32_t lo = li < b->len ? b->d[li] : 0;
            uint32_t hi = li + 1 < b->len ? b->d[li + 1] : 0;
            w = sh ? (lo >> sh) | (hi << (32 - sh)) : lo;
        } else if (p > -32) {
            w = (b->len > 0 ? b->d[0] : 0) << (-p);
        }
        v |= (uint64_t)w << k;
    }
    return v;
}

/* any bit below position pos set? */
static int low_bits_nonzero(const WFBig *b, int pos)
{
    if (pos <= 0)
        return 0;
    int li = pos / 32, sh = pos % 32;
    for (int i = 0; i < li && i < b->len; i++) {
        if (b->d[i])
            return 1;
    }
    if (sh && li < b->len && (b->d[li] & ((1u << sh) - 1)))
        return 1;
    return 0;
}

double wf_big_to_double(const WFBig *b)
{
    int L = wf_big_bitlen(b);
    if (L == 0)
        return 0.0;
    if (L > 1024)
        return wf_dbl_from_bits((uint64_t)0x7ff << 52);
    /* Keep 53 bits, round half to even using the next bit and the sticky
       rest. */
    int pos = L - 53; /* value = top53 * 2^pos + rest */
    uint64_t top = bits_at(b, pos) & (((uint64_t)1 << 53) - 1);
    if (pos > 0) {
        int half = (int)((bits_at(b, pos - 1)) & 1);
        int sticky = low_bits_nonzero(b, pos - 1);
        if (half && (sticky || (top & 1)))
            top++;
        if (top == ((uint64_t)1 << 53)) {
            top >>= 1;
            pos++;
        }
    }
    int exp = pos + 52; /* unbiased exponent of the leading bit */
    if (exp > 1023)
        return wf_dbl_from_bits((uint64_t)0x7ff << 52);
    return wf_dbl_from_bits(((uint64_t)(exp + 1023) << 52) | (top & (((uint64_t)1 << 52) - 1)));
}

int wf_big_to_decimal(WFBig *b, char *out)
{
    /* Peel off nine digits at a time from the bottom, then reverse. */
    uint32_t chunks[WF_BIG_LIMBS * 32 / 29 + 2];
    int nc = 0;
    while (b->len > 0)
        chunks[nc++] = wf_big_divmod_small(b, 1000000000u);
    if (nc == 0)
        return 0;
    int n = 0;
    uint32_t top = chunks[nc - 1];
    char tmp[10];
    int t = 0;
    while (top) {
        tmp[t++] = (char)('0' + top % 10);
        top /= 10;
    }
    while (t > 0)
        out[n++] = tmp[--t];
    for (int i = nc - 2; i >= 0; i--) {
        uint32_t c = chunks[i];
        for (int k = 8; k >= 0; k--) {
            out[n + k] = (char)('0' + c % 10);
            c /= 10;
        }
        n += 9;
    }
    return n;
}

/* ---- DiyFp ---- */

WFDiyFp wf_diy_mul(WFDiyFp a, WFDiyFp b)
{
    WFDiyFp r;
#if defined(__SIZEOF_INT128__)
    unsigned __int128 p = (unsigned __int128)a.f * b.f;
    uint64_t hi = (uint64_t)(p >> 64), lo = (uint64_t)p;
    r.f = hi + (lo >> 63);
#else
    uint64_t a1 = a.f >> 32, a0 = a.f & 0xffffffffu;
    uint64_t b1 = b.f >> 32, b0 = b.f & 0xffffffffu;
    uint64_t p11 = a1 * b1, p10 = a1 * b0, p01 = a0 * b1, p00 = a0 * b0;
    uint64_t mid = (p00 >> 32) + (p10 & 0xffffffffu) + (p01 & 0xffffffffu);
    mid += (uint64_t)1 << 31; /* round */
    r.f = p11 + (p10 >> 32) + (p01 >> 32) + (mid >> 32);
#endif
    r.e = a.e + b.e + 64;
    return r;
}

WFDiyFp wf_diy_normalize(WFDiyFp a)
{
    if (a.f == 0)
        return a;
    while (!(a.f & ((uint64_t)0xffc << 52))) {
        a.f <<= 10;
        a.e -= 10;
    }
    while (!(a.f & ((uint64_t)1 << 63))) {
        a.f <<= 1;
        a.e -= 1;
    }
    return a;
}
