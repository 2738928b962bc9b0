/*
 * re_rt.h - glue between a JSRuntime and the regexp engine (regexp.h).
 */
#ifndef WF_RE_RT_H
#define WF_RE_RT_H

#include "quickjs.h"
#include "engine/regexp/regexp.h"

/* fills *a with an allocator on rt's counted heap (js_realloc_rt) */
void wf_regexp_alloc_init(WFRegexpAlloc *a, JSRuntime *rt);

#endif /* WF_RE_RT_H */
