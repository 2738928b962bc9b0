/*
 * fixed.c - Number.prototype.toFixed, toExponential and toPrecision
 * (ECMA-262 21.1.3.3, 21.1.3.2, 21.1.3.5).
 *
 * These round the exact value of the double, not its shortest form: the
 * spec asks for the n with n / 10^f closest to x, the larger n on a tie,
 * so (1.005).toFixed(2) is "1.00" (1.005 is stored as 1.00499999...) and
 * (0.5).toFixed(0) is "1".  A double is m * 2^e, which is exactly
 * m * 5^-e / 10^-e when e < 0, so its complete decimal expansion (at most
 * 767 significant digits) comes from one big-integer product.  Rounding
 * half up on an exact expansion needs only the first dropped digit.
 */
#include "engine/num/num.h"
#include "engine/num/num_int.h"

#include <string.h>

#define EXACT_MAX 800 /* significant digits of any double: <= 767 */

static int u64_to_digits(uint64_t v, char *out)
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

/* All significant digits of a positive finite double, trailing zeros
   removed; v = 0.DIGITS * 10^point. */
static int exact_digits(double v, char *digits, int *point)
{
    uint64_t f;
    int e;
    wf_dbl_split(v, &f, &e);
    while (!(f & 1)) {
        f >>= 1;
        e++;
    }
    /* 5^k for k <= 27 fits in 64 bits */
    static const uint64_t p5[28] = {
        1ull, 5ull, 25ull, 125ull, 625ull, 3125ull, 15625ull, 78125ull,
        390625ull, 1953125ull, 9765625ull, 48828125ull, 244140625ull,
        1220703125ull, 6103515625ull, 30517578125ull, 152587890625ull,
        762939453125ull, 3814697265625ull, 19073486328125ull,
        95367431640625ull, 476837158203125ull, 2384185791015625ull,
        11920928955078125ull, 59604644775390625ull, 298023223876953125ull,
        1490116119384765625ull, 7450580596923828125ull
    };
    int n, frac_digits = 0;
    if (e >= 0 && e <= 10) {
        n = u64_to_digits(f << e, digits);
    } else if (e < 0 && -e <= 27 && f <= UINT64_MAX / p5[-e]) {
        n = u64_to_digits(f * p5[-e], digits);
        frac_digits = -e;
    } else {
        WFBig b;
        wf_big_set_u64(&b, f);
        if (e >= 0)
            wf_big_shl(&b, e);
        else {
            wf_big_mul_pow5(&b, -e);
            frac_digits = -e;
        }
        char tmp[WF_BIG_LIMBS * 10 + 10];
        n = wf_big_to_decimal(&b, tmp);
        if (n > EXACT_MAX)
            n = EXACT_MAX; /* cannot happen: a double has fewer digits */
        memcpy(digits, tmp, (size_t)n);
    }
    *point = n - frac_digits;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    return n;
}

/* Round the expansion to `keep` significant digits, half up.  Returns the
   new digit count (0 if the result is zero); may bump *point. */
static int round_digits(char *digits, int n, int *point, int keep)
{
    if (keep < 0)
        return 0;
    if (keep >= n)
        return n;
    int up = digits[keep] >= '5';
    n = keep;
    if (!up)
        return n;
    int i = n - 1;
    while (i >= 0 && digits[i] == '9') {
        digits[i] = '0';
        i--;
    }
    if (i < 0) {
        digits[0] = '1';
        (*point)++;
        return n > 0 ? n : 1;
    }
    digits[i]++;
    return n;
}

static int write_exp(char *p, int x)
{
    int n = 0;
    p[n++] = 'e';
    if (x < 0) {
        p[n++] = '-';
        x = -x;
    } else
        p[n++] = '+';
    return n + u64_to_digits((uint64_t)x, p + n);
}

static int write_special(double d, char *buf)
{
    const char *s = d != d ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    size_t n = strlen(s);
    memcpy(buf, s, n + 1);
    return (int)n;
}

int wf_num_to_fixed(double d, int fd, char *buf)
{
    if (d != d || d - d != 0)
        return write_special(d, buf);
    if (fd < 0)
        fd = 0;
    if (fd > 100)
        fd = 100;
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    if (d >= 1e21) /* the caller should have used ToString */
        return (int)(p - buf) + wf_num_dtoa(d, p);
    char dg[EXACT_MAX + 2];
    int n = 0, point = 0;
    if (d != 0) {
        n = exact_digits(d, dg, &point);
        n = round_digits(dg, n, &point, point + fd);
    }
    if (n == 0)
        point = 0;
    /* integer part */
    if (point <= 0)
        *p++ = '0';
    else {
        for (int i = 0; i < point; i++)
            *p++ = i < n ? dg[i] : '0';
    }
    if (fd > 0) {
        *p++ = '.';
        for (int i = 0; i < fd; i++) {
            int idx = point + i;
            *p++ = (idx >= 0 && idx < n) ? dg[idx] : '0';
        }
    }
    *p = 0;
    return (int)(p - buf);
}

int wf_num_to_exponential(double d, int fd, char *buf)
{
    if (d != d || d - d != 0)
        return write_special(d, buf);
    if (fd > 100)
        fd = 100;
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    char dg[EXACT_MAX + 2];
    int n, point;
    if (d == 0) {
        n = 1;
        dg[0] = '0';
        point = 1;
    } else if (fd < 0) {
        n = wf_num_shortest(d, dg, &point);
    } else {
        n = exact_digits(d, dg, &point);
        n = round_digits(dg, n, &point, fd + 1);
    }
    int total = fd < 0 ? n : fd + 1;
    *p++ = dg[0];
    if (total > 1) {
        *p++ = '.';
        for (int i = 1; i < total; i++)
            *p++ = i < n ? dg[i] : '0';
    }
    p += write_exp(p, d == 0 ? 0 : point - 1);
    *p = 0;
    return (int)(p - buf);
}

int wf_num_to_precision(double d, int prec, char *buf)
{
    if (d != d || d - d != 0)
        return write_special(d, buf);
    if (prec < 1)
        prec = 1;
    if (prec > 100)
        prec = 100;
    char *p = buf;
    if (d < 0) {
        *p++ = '-';
        d = -d;
    }
    char dg[EXACT_MAX + 2];
    int n, point;
    if (d == 0) {
        n = 1;
        dg[0] = '0';
        point = 1;
    } else {
        n = exact_digits(d, dg, &point);
        n = round_digits(dg, n, &point, prec);
    }
    int e = point - 1;
    if (e < -6 || e >= prec) {
        *p++ = dg[0];
        if (prec > 1) {
            *p++ = '.';
            for (int i = 1; i < prec; i++)
                *p++ = i < n ? dg[i] : '0';
        }
        p += write_exp(p, e);
    } else if (e >= 0) {
        for (int i = 0; i <= e; i++)
            *p++ = i < n ? dg[i] : '0';
        if (prec > e + 1) {
            *p++ = '.';
            for (int i = e + 1; i < prec; i++)
                *p++ = i < n ? dg[i] : '0';
        }
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -(e + 1); i++)
            *p++ = '0';
        for (int i = 0; i < prec; i++)
            *p++ = i < n ? dg[i] : '0';
    }
    *p = 0;
    return (int)(p - buf);
}
