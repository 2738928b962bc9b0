/*
 * re_rt.h - glue between a JSRuntime and the regexp engine (regexp.h).
 */
#ifndef WF_RE_RT_H
#define WF_RE_RT_H

#include "quickjs.h"
#include "engine/regexp/regexp.h"

/* fills *a with an allocator on rt's counted heap (js_realloc_rt) */
void wf_regexp_alloc_init(WFRegexpAlloc *a, JSRuntime *rt);

/* Compiled bytecode shared by every RegExp object made from the same
   source and flags (each evaluation of a literal still makes a new
   object; only the compilation is shared).  Read-only once made. */
typedef struct WFRegexpCode {
    int ref_count;
    size_t len;                 /* bytes of bc */
    uint8_t *bc;
} WFRegexpCode;

/* The code for pattern (len units, pattern_enc WF_RE_PAT_*) and flags:
   from the runtime's small cache of recent compilations, or compiled now
   and cached.  Returns a new reference, or NULL with *perr = -1 and a
   message in err (syntax error) or -2 (out of memory). */
WFRegexpCode *wf_regexp_code_get(JSRuntime *rt, const void *pattern, size_t len,
                                 int pattern_enc, int flags, char *err, size_t errlen, int *perr);
void wf_regexp_code_release(JSRuntime *rt, WFRegexpCode *c);
/* Runtime tear-down: drop the cache. */
void wf_regexp_cache_free(JSRuntime *rt);

#endif /* WF_RE_RT_H */
