/*
 * gc.c - reference counting free path and the cycle collector.
 *
 * Freeing.  When a GC cell's count reaches zero it is moved to
 * rt->gc_zero_ref_count_list; the outermost wf_gc_free_cell drains that
 * list in a loop (release the cell's contents through its kind's hook, then
 * free its block), so freeing a long chain of objects never recurses on the
 * C stack.
 *
 * Cycles (trial deletion).  wf_gc_collect:
 *   1. moves every cell to rt->tmp_obj_list and, for each, subtracts the
 *      references it holds from its children's counts;
 *   2. a cell whose count stays above zero is referenced from outside the
 *      heap (C stack, VM stack, the embedder, the pending exception...): it
 *      is live and goes back to rt->gc_obj_list;
 *   3. the live cells' references are added back, which makes every cell
 *      they reach live too (appended to gc_obj_list, so the same loop
 *      visits it);
 *   4. what is left on tmp_obj_list is garbage: its own references are added
 *      back so all counts are exact again, then
 *   5. the contents of every garbage cell are released (phase
 *      REMOVE_CYCLES: a garbage cell whose count drops to zero is left
 *      alone, it is on the garbage list), and
 *   6. the garbage blocks are freed, then anything that dropped to zero on
 *      the way is freed by the normal path.
 * The header's `mark` byte is the collector's scratch state.
 *
 * This file knows the cell kinds only through the hooks declared in gc.h.
 */
#include <stdio.h>
#include <stdint.h>

#include "quickjs.h"
#include "engine/gc.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/bigint.h"

enum { MARK_NONE = 0, MARK_LIVE = 1, MARK_GARBAGE = 2 };

#define GC_DEFAULT_THRESHOLD (256 * 1024)

static void mark_children(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func)
{
    switch (h->gc_kind) {
    case WF_GC_OBJECT:
        wf_object_gc_mark(rt, h, mark_func);
        break;
    case WF_GC_FUNCTION_BYTECODE:
        wf_bytecode_gc_mark(rt, h, mark_func);
        break;
    case WF_GC_SHAPE:
        wf_shape_gc_mark(rt, h, mark_func);
        break;
    case WF_GC_VAR_REF:
        wf_var_ref_gc_mark(rt, h, mark_func);
        break;
    case WF_GC_ASYNC_FUNCTION:
        wf_async_frame_gc_mark(rt, h, mark_func);
        break;
    case WF_GC_CONTEXT:
        wf_context_gc_mark(rt, h, mark_func);
        break;
    }
}

static void free_contents(JSRuntime *rt, JSGCObjectHeader *h)
{
    switch (h->gc_kind) {
    case WF_GC_OBJECT:
        wf_object_gc_free(rt, h);
        break;
    case WF_GC_FUNCTION_BYTECODE:
        wf_bytecode_gc_free(rt, h);
        break;
    case WF_GC_SHAPE:
        wf_shape_gc_free(rt, h);
        break;
    case WF_GC_VAR_REF:
        wf_var_ref_gc_free(rt, h);
        break;
    case WF_GC_ASYNC_FUNCTION:
        wf_async_frame_gc_free(rt, h);
        break;
    case WF_GC_CONTEXT:
        wf_context_gc_free(rt, h);
        break;
    }
}

void wf_gc_add(JSRuntime *rt, JSGCObjectHeader *h, WFGCKind kind)
{
    h->ref_count = 1;
    h->gc_kind = (uint8_t)kind;
    h->mark = MARK_NONE;
    h->flags = 0;
    list_add_tail(&h->link, &rt->gc_obj_list);
}

static void drain_zero_list(JSRuntime *rt)
{
    struct list_head *el;
    rt->gc_phase = WF_GC_PHASE_FREEING;
    while (!list_empty(&rt->gc_zero_ref_count_list)) {
        el = rt->gc_zero_ref_count_list.next;
        JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
        free_contents(rt, h);
        list_del(&h->link);
        js_free_rt(rt, h);
    }
    rt->gc_phase = WF_GC_PHASE_NONE;
}

void wf_gc_free_cell(JSRuntime *rt, JSGCObjectHeader *h)
{
    if (rt->gc_phase == WF_GC_PHASE_REMOVE_CYCLES && h->mark == MARK_GARBAGE)
        return;     /* the collector frees it */
    list_del(&h->link);
    list_add_tail(&h->link, &rt->gc_zero_ref_count_list);
    if (rt->gc_phase == WF_GC_PHASE_NONE)
        drain_zero_list(rt);
}

/* ------------------------------------------------------------------ */
/* Trial deletion */

static void decref_child(JSRuntime *rt, JSGCObjectHeader *h)
{
    (void)rt;
    h->ref_count--;
}

static void scan_child(JSRuntime *rt, JSGCObjectHeader *h)
{
    h->ref_count++;
    if (h->mark == MARK_NONE) {
        h->mark = MARK_LIVE;
        list_del(&h->link);
        list_add_tail(&h->link, &rt->gc_obj_list);
    }
}

static void incref_child(JSRuntime *rt, JSGCObjectHeader *h)
{
    (void)rt;
    h->ref_count++;
}

/* Move every cell of 'from' to the end of 'to'. */
static void list_move_all(struct list_head *to, struct list_head *from)
{
    if (list_empty(from))
        return;
    struct list_head *first = from->next, *last = from->prev;
    first->prev = to->prev;
    to->prev->next = first;
    last->next = to;
    to->prev = last;
    init_list_head(from);
}

/* Free the cells of rt->tmp_obj_list (all marked garbage, counts exact). */
static void free_garbage(JSRuntime *rt)
{
    struct list_head *el, *el1;

    rt->gc_phase = WF_GC_PHASE_REMOVE_CYCLES;
    list_for_each(el, &rt->tmp_obj_list) {
        JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
        free_contents(rt, h);
    }
    list_for_each_safe(el, el1, &rt->tmp_obj_list) {
        JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
        list_del(&h->link);
        js_free_rt(rt, h);
    }
    rt->gc_phase = WF_GC_PHASE_NONE;
    if (!list_empty(&rt->gc_zero_ref_count_list))
        drain_zero_list(rt);
}

void wf_gc_collect(JSRuntime *rt)
{
    struct list_head *el, *el1;

    if (rt->gc_phase != WF_GC_PHASE_NONE)
        return;     /* called from a finalizer: not now */
    rt->gc_phase = WF_GC_PHASE_DECREF;

    /* 1. subtract internal references */
    init_list_head(&rt->tmp_obj_list);
    list_move_all(&rt->tmp_obj_list, &rt->gc_obj_list);
    list_for_each(el, &rt->tmp_obj_list)
        list_entry(el, JSGCObjectHeader, link)->mark = MARK_NONE;
    list_for_each(el, &rt->tmp_obj_list)
        mark_children(rt, list_entry(el, JSGCObjectHeader, link), decref_child);

    /* 2. roots */
    list_for_each_safe(el, el1, &rt->tmp_obj_list) {
        JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
        if (h->ref_count > 0) {
            h->mark = MARK_LIVE;
            list_del(&h->link);
            list_add_tail(&h->link, &rt->gc_obj_list);
        }
    }

    /* 3. everything reachable from a root is live; scan_child appends to
       gc_obj_list, so this loop reaches the new cells too */
    for (el = rt->gc_obj_list.next; el != &rt->gc_obj_list; el = el->next)
        mark_children(rt, list_entry(el, JSGCObjectHeader, link), scan_child);

    /* 4. the rest is garbage: make its counts exact again */
    list_for_each(el, &rt->tmp_obj_list)
        list_entry(el, JSGCObjectHeader, link)->mark = MARK_GARBAGE;
    list_for_each(el, &rt->tmp_obj_list)
        mark_children(rt, list_entry(el, JSGCObjectHeader, link), incref_child);

    if (rt->dump_flags & JS_DUMP_GC) {
        int n = 0;
        list_for_each(el, &rt->tmp_obj_list)
            n++;
        printf("GC: %d cells in cycles freed\n", n);
    }

    /* 5-6. release and free */
    free_garbage(rt);
}

void wf_gc_maybe_collect(JSRuntime *rt)
{
    size_t sz = rt->malloc_state.malloc_size;
    if (js_likely(sz <= rt->malloc_gc_threshold) || rt->gc_phase != WF_GC_PHASE_NONE)
        return;
    wf_gc_collect(rt);
    if (rt->malloc_gc_threshold != SIZE_MAX) {
        sz = rt->malloc_state.malloc_size;
        rt->malloc_gc_threshold = sz + (sz >> 1);
        if (rt->malloc_gc_threshold < GC_DEFAULT_THRESHOLD)
            rt->malloc_gc_threshold = GC_DEFAULT_THRESHOLD;
    }
}

void wf_gc_mark_value(JSRuntime *rt, JSValueConst v, JS_MarkFunc *mark_func)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_OBJECT:
    case JS_TAG_FUNCTION_BYTECODE:
        mark_func(rt, (JSGCObjectHeader *)JS_VALUE_GET_PTR(v));
        break;
    default:
        break;
    }
}

void JS_MarkValue(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    wf_gc_mark_value(rt, val, mark_func);
}

void JS_RunGC(JSRuntime *rt)
{
    wf_gc_collect(rt);
}

bool JS_IsLiveObject(JSRuntime *rt, JSValueConst obj)
{
    (void)rt;
    if (!JS_IsObject(obj))
        return false;
    return !wf_obj(obj)->free_mark;
}

/* ------------------------------------------------------------------ */
/* Tear-down */

static const char *kind_name(int kind)
{
    switch (kind) {
    case WF_GC_OBJECT: return "object";
    case WF_GC_FUNCTION_BYTECODE: return "function_bytecode";
    case WF_GC_SHAPE: return "shape";
    case WF_GC_VAR_REF: return "var_ref";
    case WF_GC_ASYNC_FUNCTION: return "async_function";
    case WF_GC_CONTEXT: return "context";
    default: return "unknown";
    }
}

void wf_gc_free_all(JSRuntime *rt, bool dump_leaks)
{
    struct list_head *el;

    if (list_empty(&rt->gc_obj_list))
        return;
    if (dump_leaks) {
        char buf[64];
        list_for_each(el, &rt->gc_obj_list) {
            JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
            if (h->gc_kind == WF_GC_OBJECT) {
                JSObject *p = (JSObject *)h;
                JSAtom name = p->class_id < (unsigned)rt->class_count ?
                              rt->class_array[p->class_id].class_name : JS_ATOM_NULL;
                printf("leak: %p object class=%s ref_count=%d\n", (void *)h,
                       name ? wf_atom_get_cstr(rt, buf, sizeof(buf), name) : "?",
                       h->ref_count);
            } else if (h->gc_kind != WF_GC_SHAPE) {
                /* shapes only follow the objects that use them */
                printf("leak: %p %s ref_count=%d\n", (void *)h, kind_name(h->gc_kind),
                       h->ref_count);
            }
        }
    }
    /* Treat every remaining cell as garbage of one big cycle (again if a
       finalizer created new cells meanwhile). */
    for (int round = 0; round < 8 && !list_empty(&rt->gc_obj_list); round++) {
        init_list_head(&rt->tmp_obj_list);
        list_move_all(&rt->tmp_obj_list, &rt->gc_obj_list);
        list_for_each(el, &rt->tmp_obj_list)
            list_entry(el, JSGCObjectHeader, link)->mark = MARK_GARBAGE;
        free_garbage(rt);
    }
}

void wf_gc_init(JSRuntime *rt)
{
    init_list_head(&rt->gc_obj_list);
    init_list_head(&rt->gc_zero_ref_count_list);
    init_list_head(&rt->tmp_obj_list);
    rt->gc_phase = WF_GC_PHASE_NONE;
    rt->malloc_gc_threshold = GC_DEFAULT_THRESHOLD;
}

/* ------------------------------------------------------------------ */
/* __JS_FreeValueRT: a counted value's count reached zero */

void __JS_FreeValueRT(JSRuntime *rt, JSValue v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_STRING:
    case JS_TAG_SYMBOL:
        /* a symbol's JSString is its atom: wf_str_free removes the entry */
        wf_str_free(rt, (JSString *)JS_VALUE_GET_PTR(v));
        break;
    case JS_TAG_OBJECT:
    case JS_TAG_FUNCTION_BYTECODE:
        wf_gc_free_cell(rt, (JSGCObjectHeader *)JS_VALUE_GET_PTR(v));
        break;
    case JS_TAG_BIG_INT:
        /* a heap BigInt holds no references (engine/bigint.h) */
        wf_bigint_free(rt, JS_VALUE_GET_PTR(v));
        break;
    case JS_TAG_STRING_ROPE:
    case JS_TAG_MODULE:
    default:
        /* never created with a count by the engine (modules are owned by
           module.c and freed by it) */
        break;
    }
}

void __JS_FreeValue(JSContext *ctx, JSValue v)
{
    __JS_FreeValueRT(ctx->rt, v);
}
