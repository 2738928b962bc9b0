/*
 * object_int.h - private contract between object.c (class table,
 * creation, GC hooks, helpers), object_ops.c (the internal methods and the
 * public property API) and array_exotic.c (fast arrays, Array `length`,
 * String wrapper indices).  Nothing outside these three files includes it.
 */
#ifndef WF_OBJECT_INT_H
#define WF_OBJECT_INT_H

#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/jsstring.h"

/* Largest element count kept in a fast array (its keys must be int atoms). */
#define WF_FAST_ARRAY_MAX (JS_ATOM_MAX_INT - 1)

static inline const JSClassExoticMethods *wf_obj_exotic(JSRuntime *rt, JSObject *p)
{
    return rt->class_array[p->class_id].exotic;
}

static inline const WFObjectHooks *wf_obj_hooks(JSRuntime *rt, JSObject *p)
{
    return rt->class_array[p->class_id].obj_hooks;
}

/* Report a failed internal method: TypeError when flags ask to throw
   (JS_PROP_THROW or JS_PROP_THROW_STRICT: the interpreter passes THROW only
   in strict code), else false.  fmt has one %s for the key. */
int wf_obj_fail(JSContext *ctx, int flags, const char *fmt, JSAtom prop);

/* object.c: run a JS_PROP_AUTOINIT initialiser for slot idx of p and turn
   it into a data property.  -1 on exception. */
int wf_obj_autoinit(JSContext *ctx, JSObject *p, int idx);
/* Prototype used for property lookups on a primitive (borrowed, may be NULL). */
JSObject *wf_prim_proto(JSContext *ctx, JSValueConst v);

/* array_exotic.c */
int wf_fast_array_to_slow(JSContext *ctx, JSObject *p);
/* Append v (consumed) as element count; caller checked it is allowed. */
int wf_fast_array_append(JSContext *ctx, JSObject *p, JSValue v);
/* Store an array's length (no element is touched). */
void wf_array_store_length(JSObject *p, uint32_t len);
/* [[DefineOwnProperty]](A, "length", desc) for arrays (10.4.2.4). 'flags'
   hold the descriptor's JS_PROP_HAS_* bits; val is the value when
   JS_PROP_HAS_VALUE. */
int wf_array_define_length(JSContext *ctx, JSObject *p, JSValueConst val, int flags);
/* A String wrapper's own index property: 1 present (desc filled if not
   NULL), 0 absent. */
int wf_string_get_own(JSContext *ctx, JSPropertyDescriptor *desc, JSObject *p, JSAtom prop);

static inline uint32_t wf_string_obj_len(JSObject *p)
{
    JSValueConst v = p->u.object_data;
    return JS_VALUE_GET_TAG(v) == JS_TAG_STRING ? wf_str(v)->len : 0;
}

#endif /* WF_OBJECT_INT_H */
