/*
 * ucase.c - case mapping and folding (Unicode 17.0, UAX #44 / SpecialCasing
 * unconditional mappings and Final_Sigma; ECMA-262 22.1.3.28 toLowerCase,
 * 22.1.3.30 toUpperCase, 22.2.2.7.3 Canonicalize); see unicode.h.
 *
 * The mapping tables (ucase_data.h, generated) are runs of code points
 * first, first + stride, ... (count of them) that all map to cp + delta.
 */
#include "engine/unicode/unicode.h"
#include "engine/unicode/ucase_data.h"

#define COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

#define RUN_FIRST(k)  ((k) >> 11)
#define RUN_COUNT(k)  ((((k) >> 1) & 0x3FF) + 1)
#define RUN_STRIDE(k) (((k) & 1) + 1)

/* index of the last run whose first code point is <= c, or -1 */
static long run_index(const uint32_t *keys, size_t n, uint32_t c)
{
    size_t lo = 0, hi = n;
    if (n == 0 || c < RUN_FIRST(keys[0]))
        return -1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (RUN_FIRST(keys[mid]) <= c)
            lo = mid;
        else
            hi = mid;
    }
    return (long)lo;
}

static uint32_t map_lookup(const uint32_t *keys, const int32_t *delta, size_t n, uint32_t c)
{
    long i;
    if (c > 0x10FFFF || (i = run_index(keys, n, c)) < 0)
        return c;
    uint32_t k = keys[i], off = c - RUN_FIRST(k), stride = RUN_STRIDE(k);
    if (off % stride == 0 && off / stride < RUN_COUNT(k))
        return (uint32_t)((int32_t)c + delta[i]);
    return c;
}

#define MAP(name, c) map_lookup(name##_keys, name##_delta, COUNTOF(name##_keys), c)

uint32_t wf_unicode_to_upper_simple(uint32_t c)
{
    if (c < 128)
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    return MAP(uc_upper, c);
}

uint32_t wf_unicode_to_lower_simple(uint32_t c)
{
    if (c < 128)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    return MAP(uc_lower, c);
}

uint32_t wf_unicode_fold_simple(uint32_t c)
{
    if (c < 128)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    return MAP(uc_fold, c);
}

uint32_t wf_unicode_canonicalize(uint32_t c, bool unicode)
{
    if (unicode)
        return wf_unicode_fold_simple(c);
    if (c < 128)
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    if (c > 0xFFFF)
        return c;
    return MAP(uc_canon, c);
}

static const UCSpecial *special_find(const UCSpecial *t, size_t n, uint32_t c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t[mid].c == c)
            return &t[mid];
        if (t[mid].c < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int wf_unicode_to_upper_full(uint32_t c, uint32_t out[3])
{
    const UCSpecial *sp;
    if (c >= 0xDF && (sp = special_find(uc_special_upper, COUNTOF(uc_special_upper), c))) {
        for (int i = 0; i < sp->n; i++)
            out[i] = sp->out[i];
        return sp->n;
    }
    out[0] = wf_unicode_to_upper_simple(c);
    return 1;
}

int wf_unicode_to_lower_full(uint32_t c, uint32_t out[3])
{
    const UCSpecial *sp;
    if (c >= 0x130 && (sp = special_find(uc_special_lower, COUNTOF(uc_special_lower), c))) {
        for (int i = 0; i < sp->n; i++)
            out[i] = sp->out[i];
        return sp->n;
    }
    out[0] = wf_unicode_to_lower_simple(c);
    return 1;
}

/* ---- canonicalization of ranges, for RegExp character classes */

static int map_ranges(const uint32_t *keys, const int32_t *delta, size_t n, uint32_t lo,
                      uint32_t hi, WFUnicodeRangeFn *fn, void *opaque)
{
    long i = run_index(keys, n, lo);
    size_t j = i < 0 ? 0 : (size_t)i;
    for (; j < n && RUN_FIRST(keys[j]) <= hi; j++) {
        uint32_t k = keys[j], first = RUN_FIRST(k), stride = RUN_STRIDE(k);
        uint32_t last = first + (RUN_COUNT(k) - 1) * stride;
        uint32_t a = first, b = last;
        int ret;
        if (last < lo)
            continue;
        if (a < lo)
            a = first + (lo - first + stride - 1) / stride * stride;
        if (b > hi)
            b = first + (hi - first) / stride * stride;
        if (a > b)
            continue;
        if (stride == 1) {
            ret = fn(opaque, (uint32_t)((int32_t)a + delta[j]), (uint32_t)((int32_t)b + delta[j]));
            if (ret)
                return ret;
        } else {
            for (uint32_t c = a; c <= b; c += 2) {
                uint32_t m = (uint32_t)((int32_t)c + delta[j]);
                if ((ret = fn(opaque, m, m)) != 0)
                    return ret;
            }
        }
    }
    return 0;
}

int wf_unicode_canonicalize_ranges(bool unicode, uint32_t lo, uint32_t hi,
                                   WFUnicodeRangeFn *fn, void *opaque)
{
    int ret;
    if (unicode)
        return map_ranges(uc_fold_keys, uc_fold_delta, COUNTOF(uc_fold_keys), lo, hi, fn, opaque);
    /* legacy: ASCII letters are outside the table */
    if (lo <= 'z' && hi >= 'a') {
        uint32_t a = lo < 'a' ? 'a' : lo, b = hi > 'z' ? 'z' : hi;
        if ((ret = fn(opaque, a - 32, b - 32)) != 0)
            return ret;
    }
    if (hi > 0xFFFF)
        hi = 0xFFFF;
    if (lo > hi)
        return 0;
    return map_ranges(uc_canon_keys, uc_canon_delta, COUNTOF(uc_canon_keys), lo, hi, fn, opaque);
}

static int domain_of(const uint32_t *keys, size_t n, WFUnicodeRangeFn *fn, void *opaque)
{
    for (size_t j = 0; j < n; j++) {
        uint32_t k = keys[j], first = RUN_FIRST(k), stride = RUN_STRIDE(k), cnt = RUN_COUNT(k);
        int ret;
        if (stride == 1) {
            if ((ret = fn(opaque, first, first + cnt - 1)) != 0)
                return ret;
        } else {
            for (uint32_t i = 0; i < cnt; i++)
                if ((ret = fn(opaque, first + 2 * i, first + 2 * i)) != 0)
                    return ret;
        }
    }
    return 0;
}

int wf_unicode_canonicalize_domain(bool unicode, WFUnicodeRangeFn *fn, void *opaque)
{
    int ret;
    if (unicode)
        return domain_of(uc_fold_keys, COUNTOF(uc_fold_keys), fn, opaque);
    if ((ret = fn(opaque, 'a', 'z')) != 0)
        return ret;
    return domain_of(uc_canon_keys, COUNTOF(uc_canon_keys), fn, opaque);
}

/* ---- whole strings */

static uint32_t str_at(const void *s, bool wide, size_t i)
{
    return wide ? ((const uint16_t *)s)[i] : ((const uint8_t *)s)[i];
}

/* code point starting at index i; *n = its length in code units */
static uint32_t cp_at(const void *s, size_t len, bool wide, size_t i, size_t *n)
{
    uint32_t c = str_at(s, wide, i);
    *n = 1;
    if (wide && c >= 0xD800 && c < 0xDC00 && i + 1 < len) {
        uint32_t d = str_at(s, wide, i + 1);
        if (d >= 0xDC00 && d < 0xE000) {
            *n = 2;
            return 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        }
    }
    return c;
}

/* code point ending just before index i (i > 0); *n = its length */
static uint32_t cp_before(const void *s, bool wide, size_t i, size_t *n)
{
    uint32_t c = str_at(s, wide, i - 1);
    *n = 1;
    if (wide && c >= 0xDC00 && c < 0xE000 && i >= 2) {
        uint32_t h = str_at(s, wide, i - 2);
        if (h >= 0xD800 && h < 0xDC00) {
            *n = 2;
            return 0x10000 + ((h - 0xD800) << 10) + (c - 0xDC00);
        }
    }
    return c;
}

/* Final_Sigma (Unicode 3.13 table 3-17) for the sigma at [i, i + 1):
   after skipping case-ignorable characters, a cased letter before it and
   none after it.  (A character that is both, like U+0345, is skipped.) */
static bool is_final_sigma(const void *s, size_t len, bool wide, size_t i)
{
    size_t j = i, n;
    uint32_t c = 0;
    bool found = false;
    while (j > 0) {
        c = cp_before(s, wide, j, &n);
        j -= n;
        if (!wf_unicode_has_property(WF_UBIN_Case_Ignorable, c)) {
            found = true;
            break;
        }
    }
    if (!found || !wf_unicode_has_property(WF_UBIN_Cased, c))
        return false;
    for (j = i + 1; j < len; j += n) {
        c = cp_at(s, len, wide, j, &n);
        if (!wf_unicode_has_property(WF_UBIN_Case_Ignorable, c))
            return !wf_unicode_has_property(WF_UBIN_Cased, c);
    }
    return true;
}

int wf_unicode_case_string(bool to_upper, const void *s, size_t len, bool wide,
                           WFUnicodeOut *out, void *opaque)
{
    uint16_t buf[256];
    size_t nb = 0, i = 0, n;
    while (i < len) {
        uint32_t c = cp_at(s, len, wide, i, &n), m[3];
        int k;
        if (c < 128) {
            m[0] = to_upper ? (c >= 'a' && c <= 'z' ? c - 32 : c)
                            : (c >= 'A' && c <= 'Z' ? c + 32 : c);
            k = 1;
        } else if (to_upper) {
            k = wf_unicode_to_upper_full(c, m);
        } else if (c == 0x3A3 && is_final_sigma(s, len, wide, i)) {
            m[0] = 0x3C2;
            k = 1;
        } else {
            k = wf_unicode_to_lower_full(c, m);
        }
        for (int j = 0; j < k; j++) {
            if (m[j] > 0xFFFF) {
                buf[nb++] = (uint16_t)(0xD800 + ((m[j] - 0x10000) >> 10));
                buf[nb++] = (uint16_t)(0xDC00 + ((m[j] - 0x10000) & 0x3FF));
            } else {
                buf[nb++] = (uint16_t)m[j];
            }
        }
        if (nb > COUNTOF(buf) - 8) {
            if (out(opaque, buf, nb))
                return -1;
            nb = 0;
        }
        i += n;
    }
    if (nb && out(opaque, buf, nb))
        return -1;
    return 0;
}

bool wf_unicode_case_is_identity(bool to_upper, const void *s, size_t len, bool wide)
{
    size_t i = 0, n;
    while (i < len) {
        uint32_t c = cp_at(s, len, wide, i, &n), m[3];
        int k;
        if (c < 128) {
            if (to_upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'))
                return false;
        } else {
            k = to_upper ? wf_unicode_to_upper_full(c, m) : wf_unicode_to_lower_full(c, m);
            if (k != 1 || m[0] != c)
                return false;
        }
        i += n;
    }
    return true;
}
