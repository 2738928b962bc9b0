/*
 * re_rt.c - the runtime's allocator as the regexp and Unicode layers'
 * allocator (js_realloc_rt: counted against JS_SetMemoryLimit), and the
 * parser's early-error hook for regular expression literals, and the
 * runtime's cache of compiled patterns.
 *
 * The cache: a loop that evaluates a regexp literal (or calls `new
 * RegExp(s)` with the same s) would otherwise compile the same pattern on
 * every iteration.  A small direct-mapped table keyed by the pattern's
 * code units and the flags keeps the most recent compilations; every
 * object made from the same source holds a counted reference to one
 * WFRegexpCode.  The table holds copies of the patterns, never JS values,
 * so it has no part in garbage collection.
 */
#include <string.h>

#include "quickjs.h"

#include "engine/state.h"
#include "engine/regexp/regexp.h"
#include "engine/regexp/re_rt.h"

#define RE_CACHE_SIZE 64            /* slots, a power of two */
#define RE_CACHE_MAX_PATTERN 4096   /* bytes: longer patterns are not cached */

typedef struct RECacheSlot {
    uint8_t *key;                   /* pattern bytes as given, NULL: empty */
    size_t key_len;                 /* bytes */
    int enc;                        /* WF_RE_PAT_* */
    int flags;
    WFRegexpCode *code;             /* counted */
} RECacheSlot;

struct WFRegexpCache {
    RECacheSlot slot[RE_CACHE_SIZE];
};

static void *rt_realloc(void *opaque, void *ptr, size_t size)
{
    return js_realloc_rt((JSRuntime *)opaque, ptr, size);
}

void wf_regexp_alloc_init(WFRegexpAlloc *a, JSRuntime *rt)
{
    a->realloc = rt_realloc;
    a->opaque = rt;
}

/* ---------------------------------------------------------------- cache */

void wf_regexp_code_release(JSRuntime *rt, WFRegexpCode *c)
{
    if (c && --c->ref_count == 0) {
        js_free_rt(rt, c->bc);
        js_free_rt(rt, c);
    }
}

static void slot_clear(JSRuntime *rt, RECacheSlot *sl)
{
    js_free_rt(rt, sl->key);
    sl->key = NULL;
    wf_regexp_code_release(rt, sl->code);
    sl->code = NULL;
}

void wf_regexp_cache_free(JSRuntime *rt)
{
    struct WFRegexpCache *c = rt->regexp_cache;
    if (!c)
        return;
    for (int i = 0; i < RE_CACHE_SIZE; i++)
        slot_clear(rt, &c->slot[i]);
    js_free_rt(rt, c);
    rt->regexp_cache = NULL;
}

static uint32_t key_hash(const uint8_t *p, size_t n, int enc, int flags)
{
    uint32_t h = 2166136261u ^ (uint32_t)flags ^ ((uint32_t)enc << 16);
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

WFRegexpCode *wf_regexp_code_get(JSRuntime *rt, const void *pattern, size_t len,
                                 int pattern_enc, int flags, char *err, size_t errlen, int *perr)
{
    size_t nbytes = pattern_enc == WF_RE_PAT_UTF16 ? len * 2 : len;
    RECacheSlot *sl = NULL;
    WFRegexpCode *code;
    WFRegexpAlloc a;
    uint8_t *bc;
    size_t bc_len;
    int r;

    if (nbytes <= RE_CACHE_MAX_PATTERN) {
        if (!rt->regexp_cache) {
            rt->regexp_cache = js_mallocz_rt(rt, sizeof(struct WFRegexpCache));
        }
        if (rt->regexp_cache) {
            uint32_t h = key_hash(pattern, nbytes, pattern_enc, flags);
            sl = &rt->regexp_cache->slot[h & (RE_CACHE_SIZE - 1)];
            if (sl->key && sl->key_len == nbytes && sl->enc == pattern_enc && sl->flags == flags &&
                memcmp(sl->key, pattern, nbytes) == 0) {
                sl->code->ref_count++;
                return sl->code;
            }
        }
    }
    wf_regexp_alloc_init(&a, rt);
    r = wf_regexp_compile(&a, pattern, len, pattern_enc, flags, &bc, &bc_len, err, errlen);
    if (r < 0) {
        *perr = r == -2 ? -2 : -1;
        return NULL;
    }
    code = js_malloc_rt(rt, sizeof(*code));
    if (!code) {
        js_free_rt(rt, bc);
        *perr = -2;
        return NULL;
    }
    code->ref_count = 1;
    code->bc = bc;
    code->len = bc_len;
    if (sl) {
        uint8_t *key = js_malloc_rt(rt, nbytes ? nbytes : 1);
        if (key) {
            slot_clear(rt, sl);
            memcpy(key, pattern, nbytes);
            sl->key = key;
            sl->key_len = nbytes;
            sl->enc = pattern_enc;
            sl->flags = flags;
            sl->code = code;
            code->ref_count++;
        }
    }
    return code;
}
