/*
 * arena.h - bump allocator for the front end (AST, names, strings).
 *
 * Memory comes in big blocks from the runtime allocator (js_malloc_rt) so
 * it is counted against the memory limit; everything is released at once by
 * wf_arena_free_all().  Not thread-safe; one arena per parse.
 */
#ifndef WF_ARENA_H
#define WF_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct JSRuntime JSRuntime;

typedef struct WFArenaBlock WFArenaBlock;

typedef struct WFArena {
    JSRuntime *rt;          /* allocator owner */
    WFArenaBlock *blocks;   /* most recent block first */
    char *cur, *end;        /* free space in the current block */
    size_t total;           /* bytes obtained from the runtime */
    void *interned;         /* name intern table (ast.c / lexer.c) */
} WFArena;

void wf_arena_init(WFArena *a, JSRuntime *rt);
/* Returns n bytes aligned to 8 (zeroed), or NULL on out-of-memory. */
void *wf_arena_alloc(WFArena *a, size_t n);
/* Like wf_arena_alloc, but copies n bytes from src. NULL on out-of-memory. */
void *wf_arena_dup(WFArena *a, const void *src, size_t n);
void wf_arena_free_all(WFArena *a);

#endif /* WF_ARENA_H */
