/*
 * unorm.c - Unicode normalization forms NFC, NFD, NFKC, NFKD (UAX #15;
 * ECMA-262 22.1.3.15 String.prototype.normalize); see unicode.h.
 *
 * The whole string is decomposed into a buffer of code points (with their
 * combining classes), reordered, then composed in place.  Small strings
 * use a buffer on the C stack; larger ones go through the caller's
 * allocator.  Tables: unorm_data.h (generated).
 */
#include <string.h>

#include "engine/unicode/unicode.h"
#include "engine/unicode/unorm_data.h"

#define COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

#define SBASE 0xAC00
#define LBASE 0x1100
#define VBASE 0x1161
#define TBASE 0x11A7
#define LCOUNT 19
#define VCOUNT 21
#define TCOUNT 28
#define SCOUNT (LCOUNT * VCOUNT * TCOUNT)

int wf_unicode_ccc(uint32_t c)
{
    size_t lo = 0, hi = COUNTOF(uc_ccc_runs);
    if (c < 0x300 || c > 0x10FFFF)
        return 0;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if ((uc_ccc_runs[mid] >> 8) <= c)
            lo = mid;
        else
            hi = mid;
    }
    return (int)(uc_ccc_runs[lo] & 255);
}

/* decomposition of c in table keys/off, or NULL; *n = length in UTF-16 units */
static const uint16_t *decomp_find(const uint32_t *keys, const uint16_t *off, size_t n,
                                   uint32_t c, size_t *len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint32_t k = keys[mid] >> 8;
        if (k == c) {
            *len = keys[mid] & 255;
            return uc_decomp_pool + off[mid];
        }
        if (k < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    size_t lo = 0, hi = COUNTOF(uc_comp);
    if (a - LBASE < LCOUNT && b - VBASE < VCOUNT)
        return SBASE + ((a - LBASE) * VCOUNT + (b - VBASE)) * TCOUNT;
    if (a - SBASE < SCOUNT && (a - SBASE) % TCOUNT == 0 && b - TBASE - 1 < TCOUNT - 1)
        return a + (b - TBASE);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const uint32_t *e = uc_comp[mid];
        if (e[0] == a && e[1] == b)
            return e[2];
        if (e[0] < a || (e[0] == a && e[1] < b))
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Growable buffer of (ccc << 24) | code point. */
typedef struct NBuf {
    uint32_t *v;
    size_t len, cap;
    bool heap;
    const WFUnicodeAlloc *a;
} NBuf;

static int nbuf_push(NBuf *b, uint32_t c)
{
    if (b->len == b->cap) {
        size_t ncap = b->cap * 2;
        uint32_t *nv;
        if (!b->a || ncap > SIZE_MAX / sizeof(uint32_t))
            return -1;
        nv = b->a->realloc(b->a->opaque, b->heap ? b->v : NULL, ncap * sizeof(uint32_t));
        if (!nv)
            return -1;
        if (!b->heap)
            memcpy(nv, b->v, b->len * sizeof(uint32_t));
        b->v = nv;
        b->cap = ncap;
        b->heap = true;
    }
    b->v[b->len++] = ((uint32_t)wf_unicode_ccc(c) << 24) | c;
    return 0;
}

static int push_decomposed(NBuf *b, uint32_t c, bool compat)
{
    const uint16_t *d = NULL;
    size_t n = 0;
    if (c - SBASE < SCOUNT) {
        uint32_t s = c - SBASE, t = s % TCOUNT;
        if (nbuf_push(b, LBASE + s / (VCOUNT * TCOUNT)) ||
            nbuf_push(b, VBASE + (s % (VCOUNT * TCOUNT)) / TCOUNT))
            return -1;
        return t ? nbuf_push(b, TBASE + t) : 0;
    }
    if (c >= 0xA0) {
        if (compat)
            d = decomp_find(uc_nfkd_keys, uc_nfkd_off, COUNTOF(uc_nfkd_keys), c, &n);
        if (!d)
            d = decomp_find(uc_nfd_keys, uc_nfd_off, COUNTOF(uc_nfd_keys), c, &n);
    }
    if (!d)
        return nbuf_push(b, c);
    for (size_t i = 0; i < n; i++) {
        uint32_t x = d[i];
        if (x >= 0xD800 && x < 0xDC00 && i + 1 < n) {
            x = 0x10000 + ((x - 0xD800) << 10) + (d[i + 1] - 0xDC00);
            i++;
        }
        if (nbuf_push(b, x))
            return -1;
    }
    return 0;
}

/* Stable sort of v[0..n) by ccc (the top byte). */
static int sort_marks(const WFUnicodeAlloc *a, uint32_t *v, size_t n)
{
    if (n <= 32) {
        for (size_t i = 1; i < n; i++) {
            uint32_t x = v[i];
            size_t j = i;
            while (j > 0 && (v[j - 1] >> 24) > (x >> 24)) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return 0;
    }
    /* counting sort: long runs of marks must not be quadratic */
    size_t count[257];
    uint32_t *tmp;
    if (!a || n > SIZE_MAX / sizeof(uint32_t))
        return -1;
    tmp = a->realloc(a->opaque, NULL, n * sizeof(uint32_t));
    if (!tmp)
        return -1;
    memset(count, 0, sizeof(count));
    for (size_t i = 0; i < n; i++)
        count[(v[i] >> 24) + 1]++;
    for (int k = 1; k < 257; k++)
        count[k] += count[k - 1];
    for (size_t i = 0; i < n; i++)
        tmp[count[v[i] >> 24]++] = v[i];
    memcpy(v, tmp, n * sizeof(uint32_t));
    a->realloc(a->opaque, tmp, 0);
    return 0;
}

static size_t compose(uint32_t *v, size_t n)
{
    size_t w = 0;
    long starter = -1;
    uint32_t last_cc = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = v[i] & 0xFFFFFF, cc = v[i] >> 24;
        if (starter >= 0 && ((size_t)starter + 1 == w || (last_cc != 0 && last_cc < cc))) {
            uint32_t comp = compose_pair(v[starter] & 0xFFFFFF, c);
            if (comp) {
                v[starter] = comp;      /* composites are starters */
                continue;
            }
        }
        if (cc == 0)
            starter = (long)w;
        last_cc = cc;
        v[w++] = v[i];
    }
    return w;
}

static uint32_t unit_at(const void *s, bool wide, size_t i)
{
    return wide ? ((const uint16_t *)s)[i] : ((const uint8_t *)s)[i];
}

static int emit(const uint32_t *v, size_t n, WFUnicodeOut *out, void *opaque)
{
    uint16_t buf[256];
    size_t nb = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = v[i] & 0xFFFFFF;
        if (c > 0xFFFF) {
            buf[nb++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            buf[nb++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            buf[nb++] = (uint16_t)c;
        }
        if (nb >= COUNTOF(buf) - 2) {
            if (out(opaque, buf, nb))
                return -1;
            nb = 0;
        }
    }
    if (nb && out(opaque, buf, nb))
        return -1;
    return 0;
}

int wf_unicode_normalize(const WFUnicodeAlloc *a, int form, const void *s, size_t len,
                         bool wide, WFUnicodeOut *out, void *opaque)
{
    bool compat = form == WF_NORM_NFKC || form == WF_NORM_NFKD;
    bool comp = form == WF_NORM_NFC || form == WF_NORM_NFKC;
    uint32_t limit = comp && !compat ? 0x300 : compat ? 0xA0 : 0xC0;
    uint32_t stackbuf[256];
    NBuf b = { stackbuf, 0, COUNTOF(stackbuf), false, a };
    size_t i, start;
    int ret = -1;

    /* text below `limit` is unchanged by the form: pass it through */
    for (i = 0; i < len && unit_at(s, wide, i) < limit; i++)
        ;
    if (i == len) {
        uint16_t buf[256];
        for (start = 0; start < len;) {
            size_t k = 0;
            while (k < COUNTOF(buf) && start + k < len) {
                buf[k] = (uint16_t)unit_at(s, wide, start + k);
                k++;
            }
            if (out(opaque, buf, k))
                return -1;
            start += k;
        }
        return 0;
    }

    for (i = 0; i < len; i++) {
        uint32_t c = unit_at(s, wide, i);
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < len) {
            uint32_t d = unit_at(s, wide, i + 1);
            if (d >= 0xDC00 && d < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
                i++;
            }
        }
        if (push_decomposed(&b, c, compat))
            goto done;
    }
    /* canonical ordering of each run of non-starters */
    for (i = 0; i < b.len;) {
        if ((b.v[i] >> 24) == 0) {
            i++;
            continue;
        }
        start = i;
        while (i < b.len && (b.v[i] >> 24) != 0)
            i++;
        if (i - start > 1 && sort_marks(a, b.v + start, i - start))
            goto done;
    }
    if (comp)
        b.len = compose(b.v, b.len);
    ret = emit(b.v, b.len, out, opaque);
done:
    if (b.heap)
        a->realloc(a->opaque, b.v, 0);
    return ret;
}
