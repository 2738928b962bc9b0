/*
 * interp_ic.h - the interpreter's inline caches, shared by interp.c (the
 * fast paths, inlined in the dispatch loop) and interp_ic.c (filling,
 * marking and releasing them, and the slow property paths).  Private to
 * those two files.
 */
#ifndef WF_INTERP_IC_H
#define WF_INTERP_IC_H

#include "engine/interp_int.h"
#include "engine/bytecode.h"
#include "engine/object.h"
#include "engine/atom.h"

/* Own data property lookup through the inline cache slot *ic (a property
   index + 1, 0 when empty).  The cache validates itself against the
   object's current shape, so it needs no reference to the shape.  *pi gets
   the shape index found (-1 if absent) on a miss. */
static inline JSProperty *ic_find(JSObject *p, JSAtom atom, uint32_t *ic, int *pi)
{
    JSShape *sh = p->shape;
    int i;
    if (js_likely(ic != NULL)) {
        uint32_t idx = *ic;
        if (js_likely(idx != 0 && idx <= (uint32_t)sh->prop_count &&
                      sh->prop[idx - 1].atom == atom &&
                      (sh->prop[idx - 1].flags & JS_PROP_TMASK) == JS_PROP_NORMAL))
            return &p->prop[idx - 1];
    }
    i = wf_shape_find(sh, atom);
    *pi = i;
    if (i < 0 || (sh->prop[i].flags & JS_PROP_TMASK) != JS_PROP_NORMAL)
        return NULL;
    if (ic)
        *ic = (uint32_t)i + 1;
    return &p->prop[i];
}

/* b->ic is one block: ic_count field caches (WFFieldIC, one per get_field /
   get_field2 / put_field / add_put_field instruction), then
   WF_GLOBAL_CACHE entries of 3 words for global names, then the closure
   shape cache (wf_interp_shape_cache).  A field cache holds an own
   property slot, validated by content against the object's shape on every
   use (so it pins nothing), and a prototype or add-transition cache, which
   pins shapes with counted references: only hashed shapes are cached, and
   shape.c never changes a hashed shape that someone else also references,
   so "this shape has no such property" stays true; the holder's slot is
   checked by content on every hit.  function.c marks and releases the
   pinned shapes with the bytecode. */
#define WF_GLOBAL_CACHE 16

typedef struct WFFieldIC {
    uint32_t slot;              /* own property index + 1, 0: none */
    uint32_t idx;               /* prototype cache: slot in own->proto's shape */
    JSShape *own;               /* receiver's shape (hashed, counted): no such own property */
    JSShape *next;              /* put_field: own plus the property (hashed, counted), or NULL */
} WFFieldIC;

typedef WFFieldIC WFProtoIC;

static inline WFFieldIC *field_ics(const JSFunctionBytecode *b)
{
    return (WFFieldIC *)b->ic;
}

static inline uint32_t *global_ics(const JSFunctionBytecode *b)
{
    return (uint32_t *)((uint8_t *)b->ic + sizeof(WFFieldIC) * b->ic_count);
}

static inline WFProtoIC *proto_ic(JSFunctionBytecode *b, uint32_t idx)
{
    return &field_ics(b)[idx];
}

/* After the global caches: WF_SHAPE_CACHE_SIZE pinned shapes of the
   objects built for closures of this bytecode (wf_interp_shape_cache). */
static inline size_t shape_cache_offset(const JSFunctionBytecode *b)
{
    return sizeof(WFFieldIC) * b->ic_count + sizeof(uint32_t) * 3 * WF_GLOBAL_CACHE;
}

static inline JSShape **shape_cache(JSFunctionBytecode *b)
{
    return (JSShape **)((uint8_t *)b->ic + shape_cache_offset(b));
}

/* The prototype chain from proto has no property named atom and nothing
   that could intercept its creation by [[Set]]. */
static inline bool proto_chain_lacks(JSObject *proto, JSAtom atom)
{
    for (; proto; proto = proto->shape->proto) {
        if (proto->is_exotic || wf_shape_find(proto->shape, atom) >= 0)
            return false;
    }
    return true;
}

/* A plain bytecode function (normal kind, not a class constructor) that
   the loop can call like any other: a frame, no C recursion. */
static inline bool is_plain_bytecode_func(const JSObject *f)
{
    return f && f->class_id == JS_CLASS_BYTECODE_FUNCTION &&
           f->u.func.bytecode->func_kind == WF_FUNC_KIND_NORMAL &&
           !f->u.func.bytecode->is_class_constructor;
}

/* Global name cache entries (3 words: atom, count of global lexical
   bindings when filled, slot): bit 31 of the slot marks a lexical binding
   of ctx->global_var_obj, else a data property of the global object. */
#define GC_LEXICAL 0x80000000u

/* interp_ic.c */
/* Allocate b->ic (zeroed): NULL on OOM (no exception: callers go slow). */
uint32_t *wf_interp_ic_alloc(JSContext *ctx, JSFunctionBytecode *b);
/* put_field: remember the add transition own -> next ('own' is a counted
   reference the caller gives up). */
void wf_interp_put_ic_fill(JSRuntime *rt, WFProtoIC *e, JSShape *own, JSShape *next);
/* get_field: remember that own's prototype holds the property at idx. */
void wf_interp_proto_ic_fill(JSRuntime *rt, WFProtoIC *e, JSShape *own, uint32_t idx);
/* Remember where a global name lives after a slow lookup. */
void wf_interp_global_cache_fill(JSContext *ctx, JSFunctionBytecode *b, JSAtom atom);
/* get_field's slow path (see interp_ic.c). */
JSValue wf_interp_get_field_slow(JSContext *ctx, JSValueConst obj, JSAtom atom, WFFieldIC *e,
                                 JSObject **pgetter);
/* The plain bytecode getter (or setter) obj.atom would run, or NULL. */
JSObject *wf_interp_accessor_lookup(JSObject *p, JSAtom atom, bool is_set);

#endif /* WF_INTERP_IC_H */
