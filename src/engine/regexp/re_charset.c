/*
 * re_charset.c - the regexp compiler's memory arena and character sets
 * (CharSet of ECMA-262 22.2.2: ranges of code points or code units, with
 * the set operations of the v flag and the case closures of the i flag).
 */
#include <stdlib.h>
#include <string.h>

#include "engine/regexp/re_int.h"
#include "engine/unicode/unicode.h"

/* ------------------------------------------------------------ arena */

struct ReArenaBlock {
    ReArenaBlock *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char data[];
};

void *wf_re_arena_alloc(ReArena *ar, size_t size)
{
    ReArenaBlock *b = ar->blocks;
    size = (size + 15) & ~(size_t)15;
    if (ar->local && ar->local_size - ar->local_used >= size) {
        void *p = ar->local + ar->local_used;
        ar->local_used += size;
        return p;
    }
    if (!b || b->size - b->used < size) {
        size_t bs = size > 8000 ? size : 8000;
        b = ar->a->realloc(ar->a->opaque, NULL, sizeof(ReArenaBlock) + bs);
        if (!b) {
            ar->oom = true;
            return NULL;
        }
        b->size = bs;
        b->used = 0;
        b->next = ar->blocks;
        ar->blocks = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

void wf_re_arena_free(ReArena *ar)
{
    ReArenaBlock *b = ar->blocks, *n;
    for (; b; b = n) {
        n = b->next;
        ar->a->realloc(ar->a->opaque, b, 0);
    }
    ar->blocks = NULL;
}

/* ------------------------------------------------------------ sets */

static int cs_reserve(ReArena *ar, ReCharSet *cs, size_t n)
{
    if (n <= cs->cap)
        return 0;
    size_t ncap = cs->cap ? cs->cap * 2 : 8;
    while (ncap < n)
        ncap *= 2;
    uint32_t *r = wf_re_arena_alloc(ar, ncap * 2 * sizeof(uint32_t));
    if (!r)
        return -1;
    if (cs->n)
        memcpy(r, cs->r, cs->n * 2 * sizeof(uint32_t));
    cs->r = r;                 /* the old array stays in the arena */
    cs->cap = ncap;
    return 0;
}

int wf_re_cs_add(ReArena *ar, ReCharSet *cs, uint32_t lo, uint32_t hi)
{
    if (cs_reserve(ar, cs, cs->n + 1))
        return -1;
    cs->r[2 * cs->n] = lo;
    cs->r[2 * cs->n + 1] = hi;
    cs->n++;
    cs->dirty = true;
    return 0;
}

int wf_re_cs_add_set(ReArena *ar, ReCharSet *cs, const ReCharSet *b)
{
    if (b->n == 0)
        return 0;
    if (cs_reserve(ar, cs, cs->n + b->n))
        return -1;
    memcpy(cs->r + 2 * cs->n, b->r, b->n * 2 * sizeof(uint32_t));
    cs->n += b->n;
    cs->dirty = true;
    return 0;
}

static int cmp_range(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

void wf_re_cs_normalize(ReCharSet *cs)
{
    size_t w = 0;
    if (!cs->dirty)
        return;
    cs->dirty = false;
    if (cs->n < 2)
        return;
    qsort(cs->r, cs->n, 2 * sizeof(uint32_t), cmp_range);
    for (size_t i = 1; i < cs->n; i++) {
        uint32_t lo = cs->r[2 * i], hi = cs->r[2 * i + 1];
        if (lo <= cs->r[2 * w + 1] + 1 && cs->r[2 * w + 1] != UINT32_MAX) {
            if (hi > cs->r[2 * w + 1])
                cs->r[2 * w + 1] = hi;
        } else {
            w++;
            cs->r[2 * w] = lo;
            cs->r[2 * w + 1] = hi;
        }
    }
    cs->n = w + 1;
}

int wf_re_cs_invert(ReArena *ar, ReCharSet *cs, uint32_t max)
{
    ReCharSet out = { 0 };
    uint32_t next = 0;
    wf_re_cs_normalize(cs);
    for (size_t i = 0; i < cs->n; i++) {
        uint32_t lo = cs->r[2 * i], hi = cs->r[2 * i + 1];
        if (lo > max)
            break;
        if (lo > next && wf_re_cs_add(ar, &out, next, lo - 1))
            return -1;
        next = hi + 1;
        if (hi >= max)
            goto done;
    }
    if (next <= max && wf_re_cs_add(ar, &out, next, max))
        return -1;
done:
    out.dirty = false;
    *cs = out;
    return 0;
}

int wf_re_cs_intersect(ReArena *ar, ReCharSet *cs, const ReCharSet *b0)
{
    ReCharSet out = { 0 }, b = *b0;
    size_t i = 0, j = 0;
    wf_re_cs_normalize(cs);
    wf_re_cs_normalize(&b);
    while (i < cs->n && j < b.n) {
        uint32_t lo = cs->r[2 * i] > b.r[2 * j] ? cs->r[2 * i] : b.r[2 * j];
        uint32_t hi = cs->r[2 * i + 1] < b.r[2 * j + 1] ? cs->r[2 * i + 1] : b.r[2 * j + 1];
        if (lo <= hi && wf_re_cs_add(ar, &out, lo, hi))
            return -1;
        if (cs->r[2 * i + 1] < b.r[2 * j + 1])
            i++;
        else
            j++;
    }
    out.dirty = false;
    *cs = out;
    return 0;
}

int wf_re_cs_subtract(ReArena *ar, ReCharSet *cs, const ReCharSet *b0)
{
    ReCharSet nb = { 0 };
    if (wf_re_cs_add_set(ar, &nb, b0) || wf_re_cs_invert(ar, &nb, UINT32_MAX - 1))
        return -1;
    return wf_re_cs_intersect(ar, cs, &nb);
}

bool wf_re_cs_has(const ReCharSet *cs, uint32_t c)
{
    size_t lo = 0, hi = cs->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < cs->r[2 * mid])
            hi = mid;
        else if (c > cs->r[2 * mid + 1])
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

typedef struct AddCtx {
    ReArena *ar;
    ReCharSet *cs;
} AddCtx;

static int add_cb(void *opaque, uint32_t lo, uint32_t hi)
{
    AddCtx *x = opaque;
    return wf_re_cs_add(x->ar, x->cs, lo, hi);
}

int wf_re_cs_close_case(ReArena *ar, ReCharSet *cs, bool unicode)
{
    ReCharSet src = { 0 };
    AddCtx x = { ar, cs };
    wf_re_cs_normalize(cs);
    if (wf_re_cs_add_set(ar, &src, cs))
        return -1;
    for (size_t i = 0; i < src.n; i++)
        if (wf_unicode_canonicalize_ranges(unicode, src.r[2 * i], src.r[2 * i + 1], add_cb, &x))
            return -1;
    wf_re_cs_normalize(cs);
    return 0;
}

int wf_re_cs_keep_canonical(ReArena *ar, ReCharSet *cs)
{
    ReCharSet dom = { 0 };
    AddCtx x = { ar, &dom };
    if (wf_unicode_canonicalize_domain(true, add_cb, &x))
        return -1;
    return wf_re_cs_subtract(ar, cs, &dom);
}

int wf_re_cs_fold(ReArena *ar, ReCharSet *cs)
{
    /* { scf(c) } = (cs U scf(cs)) minus the code points scf moves */
    ReCharSet dom = { 0 };
    AddCtx x = { ar, &dom };
    if (wf_re_cs_close_case(ar, cs, true))
        return -1;
    if (wf_unicode_canonicalize_domain(true, add_cb, &x))
        return -1;
    return wf_re_cs_subtract(ar, cs, &dom);
}
