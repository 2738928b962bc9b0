/*
 * gc.h - reference counting and the cycle collector.
 *
 * Every heap cell that can take part in a cycle (objects, shapes, function
 * bytecode, closed-over variables, contexts...) starts with a
 * JSGCObjectHeader and sits on rt->gc_obj_list.  Reference counting frees
 * most garbage at once; wf_gc_collect() finds cycles by trial deletion:
 * subtract the references held by cells on the list from each other, what
 * stays above zero is reachable from outside (C stack, VM stack, embedder),
 * everything reachable from those is restored, the rest is freed.
 *
 * Freeing is never recursive: a cell whose count drops to zero is queued on
 * rt->gc_zero_ref_count_list and the queue is drained in a loop, so freeing
 * a million-element linked list cannot overflow the C stack.
 */
#ifndef WF_GC_H
#define WF_GC_H

#include "quickjs.h"
#include "engine/list.h"

typedef enum WFGCKind {
    WF_GC_OBJECT,             /* JSObject */
    WF_GC_FUNCTION_BYTECODE,  /* JSFunctionBytecode (engine/function.h) */
    WF_GC_SHAPE,              /* JSShape */
    WF_GC_VAR_REF,            /* JSVarRef: a closed-over variable */
    WF_GC_ASYNC_FUNCTION,     /* suspended frame of a generator / async function */
    WF_GC_CONTEXT,            /* JSContext */
} WFGCKind;

struct JSGCObjectHeader {
    int ref_count;            /* must be first: same layout as JSRefCountHeader */
    uint8_t gc_kind;          /* WFGCKind */
    uint8_t mark;             /* collector scratch */
    uint16_t flags;           /* kind-specific bits, free for the owner */
    struct list_head link;    /* rt->gc_obj_list, or a collector work list */
};

/* Initialise a new cell: ref_count 1, put on rt->gc_obj_list. */
void wf_gc_add(JSRuntime *rt, JSGCObjectHeader *h, WFGCKind kind);
/* Called when h->ref_count reached 0 (from __JS_FreeValueRT or a module that
   holds raw header pointers).  Never recursive: the cell is queued and the
   queue drained by the outermost call. */
void wf_gc_free_cell(JSRuntime *rt, JSGCObjectHeader *h);
/* Drop one reference to a cell held as a raw pointer. */
static inline void wf_gc_release(JSRuntime *rt, JSGCObjectHeader *h)
{
    if (--h->ref_count <= 0)
        wf_gc_free_cell(rt, h);
}
/* Run the cycle collector (JS_RunGC). */
void wf_gc_collect(JSRuntime *rt);
/* Collect if the allocated bytes passed the threshold (JS_SetGCThreshold);
   called when objects are created. */
void wf_gc_maybe_collect(JSRuntime *rt);
/* Visit the value's cell if it is a GC cell (objects, bytecode...). */
void wf_gc_mark_value(JSRuntime *rt, JSValueConst v, JS_MarkFunc *mark_func);

/* Runtime set-up: empty lists, default threshold. */
void wf_gc_init(JSRuntime *rt);
/* Free every cell still on the GC lists (runtime tear-down, after a last
   collection).  With dump_leaks, first print each one (class name and
   reference count) on stdout. */
void wf_gc_free_all(JSRuntime *rt, bool dump_leaks);

/* Collector phases (rt->gc_phase). */
enum {
    WF_GC_PHASE_NONE,
    WF_GC_PHASE_FREEING,        /* draining gc_zero_ref_count_list */
    WF_GC_PHASE_DECREF,         /* trial deletion running: no cell may be freed */
    WF_GC_PHASE_REMOVE_CYCLES,  /* releasing the contents of garbage cells */
};

/* Per-kind hooks the collector dispatches to; each is implemented by the
   module owning the kind (objects: object.c, shapes: shape.c, bytecode and
   var refs and async frames: function.c, contexts: context.c).

   Contract of the hooks:
   - gc_mark(rt, h, mark_func) calls mark_func(rt, child) once for every
     counted reference the cell holds to another GC cell (JS_MarkValue does
     it for a JSValue; var refs, shapes... are passed by their header).  It
     must not allocate, free or change counts.
   - gc_free(rt, h) releases every reference the cell holds (JS_FreeValueRT,
     wf_gc_release...) and frees the cell's side allocations, but NOT the
     cell's own block: the collector frees that with js_free_rt once it is
     safe (during cycle removal other garbage cells may still point at it).
     So every cell must be one js_malloc_rt block with its header first. */
void wf_object_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func);
void wf_object_gc_free(JSRuntime *rt, JSGCObjectHeader *h);
void wf_shape_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func);
void wf_shape_gc_free(JSRuntime *rt, JSGCObjectHeader *h);
void wf_bytecode_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func);
void wf_bytecode_gc_free(JSRuntime *rt, JSGCObjectHeader *h);
void wf_var_ref_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func);
void wf_var_ref_gc_free(JSRuntime *rt, JSGCObjectHeader *h);
void wf_async_frame_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func);
void wf_async_frame_gc_free(JSRuntime *rt, JSGCObjectHeader *h);
void wf_context_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func);
void wf_context_gc_free(JSRuntime *rt, JSGCObjectHeader *h);

#endif /* WF_GC_H */
