/*
 * num_int.h - private header shared by the files of src/engine/num/.
 *
 * Two tools the conversions need in both directions:
 *   - WFBig, a fixed-capacity unsigned big integer on the stack (no
 *     allocation).  The conversions bound their operands: the largest one
 *     met is about 3,740 bits (an 801-digit decimal times 2^1075 in the
 *     string -> double comparison), so 4,160 bits of capacity is enough.
 *     Every operation still checks the capacity and sets `overflow` instead
 *     of writing out of bounds, so a logic error can give a wrong digit but
 *     never corrupt memory.
 *   - WFDiyFp, a 64-bit significand with a binary exponent ("do it yourself
 *     floating point") and the table of cached powers of ten, used by the
 *     fast paths of both directions.
 *
 * Nothing here is visible outside src/engine/num/.
 */
#ifndef WF_NUM_INT_H
#define WF_NUM_INT_H

#include <stdint.h>
#include <stddef.h>

#define WF_BIG_LIMBS 130 /* 32-bit limbs: 4,160 bits */

typedef struct WFBig {
    int len;                     /* limbs in use; d[len-1] != 0 unless len == 0 */
    int overflow;                /* set if a result did not fit (never expected) */
    uint32_t d[WF_BIG_LIMBS];    /* little-endian limbs */
} WFBig;

void wf_big_set_u64(WFBig *b, uint64_t v);
void wf_big_copy(WFBig *dst, const WFBig *src);
static inline int wf_big_is_zero(const WFBig *b) { return b->len == 0; }
/* b = b * m + add */
void wf_big_muladd_small(WFBig *b, uint32_t m, uint32_t add);
void wf_big_mul_pow5(WFBig *b, int n);
void wf_big_mul_pow10(WFBig *b, int n);
void wf_big_shl(WFBig *b, int n);
/* a += c; a -= c (requires a >= c) */
void wf_big_add(WFBig *a, const WFBig *c);
void wf_big_sub(WFBig *a, const WFBig *c);
/* sign of a - c */
int wf_big_cmp(const WFBig *a, const WFBig *c);
/* sign of (a + b) - c */
int wf_big_add_cmp(const WFBig *a, const WFBig *b, const WFBig *c);
/* b /= div, returns the remainder; div != 0 */
uint32_t wf_big_divmod_small(WFBig *b, uint32_t div);
/* q = floor(r / s), r = r mod s, for a quotient known to be small (< 2^31) */
uint32_t wf_big_div_digit(WFBig *r, const WFBig *s);
int wf_big_bitlen(const WFBig *b);
/* Correctly rounded (half to even) conversion; Infinity when too large. */
double wf_big_to_double(const WFBig *b);
/* Decimal digits of b (no leading zeros; "0" never written: returns 0 for
   b == 0) into out, which must hold 10 * b->len + 10 bytes.  Destroys b. */
int wf_big_to_decimal(WFBig *b, char *out);

/* ---- DiyFp ---- */

typedef struct WFDiyFp {
    uint64_t f;                  /* significand */
    int e;                       /* value = f * 2^e */
} WFDiyFp;

/* Product rounded to the upper 64 bits: error at most half a unit. */
WFDiyFp wf_diy_mul(WFDiyFp a, WFDiyFp b);
WFDiyFp wf_diy_normalize(WFDiyFp a);

/* Cached powers of ten: 10^k for k = WF_CACHED_POW_MIN + 8 i, normalized
   (top bit set) and rounded to nearest. */
#define WF_CACHED_POW_MIN (-348)
#define WF_CACHED_POW_STEP 8
#define WF_CACHED_POW_COUNT 87
WFDiyFp wf_num_cached_pow(int index);

/* ---- doubles ---- */

static inline uint64_t wf_dbl_bits(double d)
{
    union { double d; uint64_t u; } x;
    x.d = d;
    return x.u;
}

static inline double wf_dbl_from_bits(uint64_t u)
{
    union { double d; uint64_t u; } x;
    x.u = u;
    return x.d;
}

/* Split a finite non-negative double into f * 2^e, f < 2^53 with the hidden
   bit included for normal numbers, e >= -1074.  Zero gives f = 0,
   e = -1074. */
static inline void wf_dbl_split(double d, uint64_t *f, int *e)
{
    uint64_t u = wf_dbl_bits(d);
    int be = (int)((u >> 52) & 0x7ff);
    uint64_t frac = u & (((uint64_t)1 << 52) - 1);
    if (be == 0) {
        *f = frac;
        *e = -1074;
    } else {
        *f = frac | ((uint64_t)1 << 52);
        *e = be - 1075;
    }
}

/* Shortest round-trip digits of a positive finite double (no NUL), the
   closest to the exact value among those, ties to even; returns the digit
   count and sets *point so that d = 0.DIGITS * 10^point.  digits must
   hold 20 bytes.  Defined in dtoa.c. */
int wf_num_shortest(double d, char *digits, int *point);

#endif /* WF_NUM_INT_H */
