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
/* Suspend the allocation trigger while making cells that are all reachable
   from what is being built (a context's intrinsics, a deserialized value):
   a collection then could free none of them.  wf_gc_resume puts the trigger
   back, moved as if a collection had just run when the heap passed it.
   Nests: an inner suspend/resume pair leaves the outer suspension alone. */
size_t wf_gc_suspend(JSRuntime *rt);
void wf_gc_resume(JSRuntime *rt, size_t saved);
/* Visit the value's cell if it is a GC cell (objects, bytecode...). */
void wf_gc_mark_value(JSRuntime *rt, JSValueConst v, JS_MarkFunc *mark_func);

/* Runtime set-up: empty lists, default threshold. */
void wf_gc_init(JSRuntime *rt);
/* Free every cell still on the GC lists (runtime tear-down, after a last
   collection).  With dump_leaks, first print each one (class name and
   reference count) on stdout. */
void wf_gc_free_all(JSRuntime *rt, bool dump_leaks);

/* ------------------------------------------------------------------ */
/* Weak references (ECMA-262 9.9 Processing Model of WeakRef and
   FinalizationRegistry Targets; 24.3 WeakMap, 24.4 WeakSet).

   A weak reference does not count.  Its holder embeds one WFWeakRecord per
   weak reference and registers it on the target (an object, or a symbol
   that CanBeHeldWeakly).  When the target dies (its count reaches zero or
   the cycle collector frees it), every record on it is unlinked
   (r->target becomes NULL) and its on_dead hook runs.  on_dead runs while
   cells are being freed: it may release values and free memory, but must
   not allocate or run JavaScript.

   Ephemerons: a record whose `value` is not NULL (a WeakMap entry) holds a
   counted reference *value that the collector treats as reachable only
   while both `owner` (the map) and the target are.  The owner must NOT
   report *value from its gc_mark hook.

   Kept objects: WeakRef's constructor and deref() put their target on the
   runtime's kept list (AddToKeptObjects), a strong reference dropped when
   the current job ends (ClearKeptObjects: JS_ExecutePendingJob, or a
   collection with no JavaScript on the stack). */
typedef struct WFWeakRecord WFWeakRecord;
typedef void WFWeakDeadFunc(JSRuntime *rt, WFWeakRecord *r);
struct WFWeakRecord {
    struct list_head link;          /* the target's record list */
    struct WFWeakTarget *target;    /* NULL: not registered, or the target died */
    WFWeakDeadFunc *on_dead;        /* called once r is unlinked from a dead target */
    JSGCObjectHeader *owner;        /* ephemeron: the cell holding *value */
    JSValue *value;                 /* ephemeron value (counted by owner), or NULL */
    uint8_t gc_restored;            /* collector scratch */
};

/* CanBeHeldWeakly (9.13): an object, or a symbol not from Symbol.for. */
bool wf_can_be_held_weakly(JSContext *ctx, JSValueConst v);
/* Register r (fields on_dead/owner/value set by the caller) on target,
   which must satisfy wf_can_be_held_weakly.  -1 on out of memory
   (exception pending). */
int wf_weak_record_add(JSContext *ctx, WFWeakRecord *r, JSValueConst target);
/* Unregister r (no-op if it is not registered). */
void wf_weak_record_remove(JSRuntime *rt, WFWeakRecord *r);
/* The target of a registered record (borrowed). */
JSValueConst wf_weak_record_target(const WFWeakRecord *r);
/* The records registered on v (list of WFWeakRecord.link), or NULL. */
struct list_head *wf_weak_records_of(JSRuntime *rt, JSValueConst v);
/* A symbol's count reached zero (atom.c); objects: wf_weak_target_free. */
void wf_weak_symbol_free(JSRuntime *rt, void *sym_str);
/* AddToKeptObjects(v): -1 on out of memory (exception pending). */
int wf_gc_keep_during_job(JSContext *ctx, JSValueConst v);
/* ClearKeptObjects. */
void wf_gc_clear_kept_objects(JSRuntime *rt);
/* builtins/weakref.c: after freeing, turn the registries that got cleared
   cells into cleanup jobs (HostEnqueueFinalizationRegistryCleanupJob). */
void wf_weakref_flush(JSRuntime *rt);

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
