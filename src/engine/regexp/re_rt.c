/*
 * re_rt.c - the runtime's allocator as the regexp and Unicode layers'
 * allocator (js_realloc_rt: counted against JS_SetMemoryLimit), and the
 * parser's early-error hook for regular expression literals.
 */
#include "quickjs.h"

#include "engine/regexp/regexp.h"
#include "engine/regexp/re_rt.h"

static void *rt_realloc(void *opaque, void *ptr, size_t size)
{
    return js_realloc_rt((JSRuntime *)opaque, ptr, size);
}

void wf_regexp_alloc_init(WFRegexpAlloc *a, JSRuntime *rt)
{
    a->realloc = rt_realloc;
    a->opaque = rt;
}
