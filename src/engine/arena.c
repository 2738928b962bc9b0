/*
 * arena.c - bump allocator for the front end; see arena.h.
 */
#include <string.h>

#include "quickjs.h"
#include "engine/arena.h"

#define ARENA_BLOCK_SIZE (64 * 1024)

struct WFArenaBlock {
    WFArenaBlock *next;
    size_t size;            /* usable bytes after the header */
    /* data follows, 16-aligned */
};

#define BLOCK_HDR ((sizeof(WFArenaBlock) + 15) & ~(size_t)15)

void wf_arena_init(WFArena *a, JSRuntime *rt)
{
    a->rt = rt;
    a->blocks = NULL;
    a->cur = a->end = NULL;
    a->total = 0;
    a->interned = NULL;
}

void *wf_arena_alloc(WFArena *a, size_t n)
{
    char *p;
    n = (n + 7) & ~(size_t)7;
    if (n == 0)
        n = 8;
    if ((size_t)(a->end - a->cur) < n) {
        size_t sz = ARENA_BLOCK_SIZE;
        WFArenaBlock *b;
        if (n > ARENA_BLOCK_SIZE / 4) {
            /* big request: own block, keep bumping in the current one */
            if (n > SIZE_MAX - BLOCK_HDR)
                return NULL;
            b = js_malloc_rt(a->rt, BLOCK_HDR + n);
            if (!b)
                return NULL;
            b->size = n;
            a->total += BLOCK_HDR + n;
            if (a->blocks) {
                b->next = a->blocks->next;
                a->blocks->next = b;
            } else {
                b->next = NULL;
                a->blocks = b;
            }
            p = (char *)b + BLOCK_HDR;
            memset(p, 0, n);
            return p;
        }
        b = js_malloc_rt(a->rt, BLOCK_HDR + sz);
        if (!b)
            return NULL;
        b->size = sz;
        b->next = a->blocks;
        a->blocks = b;
        a->total += BLOCK_HDR + sz;
        a->cur = (char *)b + BLOCK_HDR;
        a->end = a->cur + sz;
    }
    p = a->cur;
    a->cur += n;
    memset(p, 0, n);
    return p;
}

void *wf_arena_dup(WFArena *a, const void *src, size_t n)
{
    void *p = wf_arena_alloc(a, n);
    if (p && n)
        memcpy(p, src, n);
    return p;
}

void wf_arena_free_all(WFArena *a)
{
    WFArenaBlock *b = a->blocks, *next;
    while (b) {
        next = b->next;
        js_free_rt(a->rt, b);
        b = next;
    }
    a->blocks = NULL;
    a->cur = a->end = NULL;
    a->total = 0;
    a->interned = NULL;
}
