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
 * Weak references (gc.h) are records hung on a per-target list in a
 * runtime-wide hash keyed by the target's address; the object and symbol
 * free paths call back here and the records' owners are told.  WeakMap
 * entries are ephemerons: step 1 also subtracts each entry's reference to
 * its value, step 3 gives it back (making the value live) only once both
 * the map and the key are live, repeating until nothing changes, and step
 * 4 gives back the references of the entries left over, so counts are exact
 * again before anything is freed.  A value reachable only through an entry
 * whose key is garbage is therefore garbage too, cycles through values
 * included.
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
    if (!list_empty(&rt->fr_pending_list))
        wf_weakref_flush(rt);
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
    else if (!list_empty(&rt->fr_pending_list))
        wf_weakref_flush(rt);
}

/* ------------------------------------------------------------------ */
/* Weak targets */

typedef struct WFWeakTarget {
    void *ptr;                      /* the JSObject or the symbol's JSString */
    struct WFWeakTarget *hash_next;
    struct list_head records;       /* WFWeakRecord.link */
    uint8_t is_symbol;
    uint8_t kept;                   /* on rt->kept_objs */
    uint8_t dying;                  /* its records are being told */
} WFWeakTarget;

static uint32_t ptr_hash(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

static WFWeakTarget *target_find(JSRuntime *rt, const void *ptr)
{
    WFWeakTarget *t;
    if (!rt->weak_target_hash_size)
        return NULL;
    for (t = rt->weak_target_hash[ptr_hash(ptr) & (rt->weak_target_hash_size - 1)]; t; t = t->hash_next) {
        if (t->ptr == ptr)
            return t;
    }
    return NULL;
}

static int target_table_grow(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    uint32_t new_size = rt->weak_target_hash_size ? rt->weak_target_hash_size * 2 : 16, i;
    WFWeakTarget **tab = js_mallocz(ctx, sizeof(*tab) * new_size), *t, *next;
    if (!tab)
        return -1;
    for (i = 0; i < rt->weak_target_hash_size; i++) {
        for (t = rt->weak_target_hash[i]; t; t = next) {
            uint32_t h = ptr_hash(t->ptr) & (new_size - 1);
            next = t->hash_next;
            t->hash_next = tab[h];
            tab[h] = t;
        }
    }
    js_free(ctx, rt->weak_target_hash);
    rt->weak_target_hash = tab;
    rt->weak_target_hash_size = new_size;
    return 0;
}

static WFWeakTarget *target_get(JSContext *ctx, JSValueConst v)
{
    JSRuntime *rt = ctx->rt;
    void *ptr = JS_VALUE_GET_PTR(v);
    WFWeakTarget *t = target_find(rt, ptr);
    uint32_t h;
    if (t)
        return t;
    if (rt->weak_target_count >= rt->weak_target_hash_size && target_table_grow(ctx) < 0)
        return NULL;
    t = js_malloc(ctx, sizeof(*t));
    if (!t)
        return NULL;
    t->ptr = ptr;
    t->is_symbol = JS_VALUE_GET_TAG(v) == JS_TAG_SYMBOL;
    t->kept = 0;
    t->dying = 0;
    init_list_head(&t->records);
    h = ptr_hash(ptr) & (rt->weak_target_hash_size - 1);
    t->hash_next = rt->weak_target_hash[h];
    rt->weak_target_hash[h] = t;
    rt->weak_target_count++;
    if (!t->is_symbol)
        ((JSObject *)ptr)->is_weak_target = 1;
    return t;
}

static void target_unhash(JSRuntime *rt, WFWeakTarget *t)
{
    WFWeakTarget **pt = &rt->weak_target_hash[ptr_hash(t->ptr) & (rt->weak_target_hash_size - 1)];
    while (*pt != t)
        pt = &(*pt)->hash_next;
    *pt = t->hash_next;
}

static void target_free(JSRuntime *rt, WFWeakTarget *t)
{
    target_unhash(rt, t);
    if (!t->is_symbol)
        ((JSObject *)t->ptr)->is_weak_target = 0;
    js_free_rt(rt, t);
    if (--rt->weak_target_count == 0) {
        js_free_rt(rt, rt->weak_target_hash);
        rt->weak_target_hash = NULL;
        rt->weak_target_hash_size = 0;
    }
}

/* A target that no record and no kept reference needs any more. */
static void target_release_if_unused(JSRuntime *rt, WFWeakTarget *t)
{
    if (list_empty(&t->records) && !t->kept && !t->dying)
        target_free(rt, t);
}

bool wf_can_be_held_weakly(JSContext *ctx, JSValueConst v)
{
    if (JS_IsObject(v))
        return true;
    if (JS_IsSymbol(v)) {
        int type = wf_atom_type(ctx->rt, wf_symbol_to_atom(ctx->rt, v));
        return type == WF_ATOM_TYPE_SYMBOL;
    }
    return false;
}

int wf_weak_record_add(JSContext *ctx, WFWeakRecord *r, JSValueConst target)
{
    WFWeakTarget *t = target_get(ctx, target);
    if (!t) {
        r->target = NULL;
        return -1;
    }
    r->target = t;
    r->gc_restored = 0;
    list_add_tail(&r->link, &t->records);
    return 0;
}

void wf_weak_record_remove(JSRuntime *rt, WFWeakRecord *r)
{
    WFWeakTarget *t = r->target;
    if (!t)
        return;
    r->target = NULL;
    list_del(&r->link);
    target_release_if_unused(rt, t);
}

JSValueConst wf_weak_record_target(const WFWeakRecord *r)
{
    if (!r->target)
        return JS_UNDEFINED;
    return JS_MKPTR(r->target->is_symbol ? JS_TAG_SYMBOL : JS_TAG_OBJECT, r->target->ptr);
}

struct list_head *wf_weak_records_of(JSRuntime *rt, JSValueConst v)
{
    WFWeakTarget *t;
    if (!JS_IsObject(v) && !JS_IsSymbol(v))
        return NULL;
    t = target_find(rt, JS_VALUE_GET_PTR(v));
    return t ? &t->records : NULL;
}

/* The target at ptr is being freed: tell every record.  A hook may remove
   other records of the same target (a FinalizationRegistry cell whose
   token is its target), so take them one at a time. */
static void target_dead(JSRuntime *rt, void *ptr)
{
    WFWeakTarget *t = target_find(rt, ptr);
    if (!t)
        return;
    t->dying = 1;
    while (!list_empty(&t->records)) {
        WFWeakRecord *r = list_entry(t->records.next, WFWeakRecord, link);
        list_del(&r->link);
        r->target = NULL;
        r->on_dead(rt, r);
    }
    t->dying = 0;
    /* a kept target holds a count, so it cannot be dying; be safe anyway */
    t->kept = 0;
    target_free(rt, t);
}

void wf_weak_target_free(JSRuntime *rt, JSObject *p)
{
    target_dead(rt, p);
    p->is_weak_target = 0;
}

void wf_weak_symbol_free(JSRuntime *rt, void *sym_str)
{
    if (rt->weak_target_count)
        target_dead(rt, sym_str);
}

/* ---- kept objects ---- */

int wf_gc_keep_during_job(JSContext *ctx, JSValueConst v)
{
    JSRuntime *rt = ctx->rt;
    WFWeakTarget *t = target_get(ctx, v);
    if (!t)
        return -1;
    if (t->kept)
        return 0;
    if (rt->kept_count >= rt->kept_size) {
        uint32_t n = rt->kept_size ? rt->kept_size * 2 : 8;
        JSValue *a = js_realloc(ctx, rt->kept_objs, sizeof(*a) * n);
        if (!a) {
            target_release_if_unused(rt, t);
            return -1;
        }
        rt->kept_objs = a;
        rt->kept_size = n;
    }
    t->kept = 1;
    rt->kept_objs[rt->kept_count++] = JS_DupValue(ctx, v);
    return 0;
}

void wf_gc_clear_kept_objects(JSRuntime *rt)
{
    while (rt->kept_count) {
        /* detach the array first: freeing may run hooks that keep more */
        JSValue *a = rt->kept_objs;
        uint32_t n = rt->kept_count, i;
        rt->kept_objs = NULL;
        rt->kept_count = rt->kept_size = 0;
        for (i = 0; i < n; i++) {
            WFWeakTarget *t = target_find(rt, JS_VALUE_GET_PTR(a[i]));
            if (t) {
                t->kept = 0;
                target_release_if_unused(rt, t);
            }
        }
        for (i = 0; i < n; i++)
            JS_FreeValueRT(rt, a[i]);
        js_free_rt(rt, a);
    }
}

/* ---- ephemerons in the collector ---- */

#define FOR_EACH_EPHEMERON(rt, r, body)                                         \
    do {                                                                        \
        for (uint32_t b_ = 0; b_ < (rt)->weak_target_hash_size; b_++) {         \
            for (WFWeakTarget *t_ = (rt)->weak_target_hash[b_]; t_; t_ = t_->hash_next) { \
                struct list_head *el_;                                          \
                list_for_each(el_, &t_->records) {                              \
                    WFWeakRecord *r = list_entry(el_, WFWeakRecord, link);      \
                    if (r->value) { body }                                      \
                }                                                               \
            }                                                                   \
        }                                                                       \
    } while (0)

static void decref_child(JSRuntime *rt, JSGCObjectHeader *h);
static void scan_child(JSRuntime *rt, JSGCObjectHeader *h);
static void incref_child(JSRuntime *rt, JSGCObjectHeader *h);

static void ephemerons_decref(JSRuntime *rt)
{
    FOR_EACH_EPHEMERON(rt, r, {
        r->gc_restored = 0;
        wf_gc_mark_value(rt, *r->value, decref_child);
    });
}

static bool target_is_live(const WFWeakTarget *t)
{
    return t->is_symbol || ((JSGCObjectHeader *)t->ptr)->mark == MARK_LIVE;
}

/* Give live maps' entries with live keys their value back; true if any. */
static bool ephemerons_scan(JSRuntime *rt)
{
    bool changed = false;
    FOR_EACH_EPHEMERON(rt, r, {
        if (!r->gc_restored && r->owner->mark == MARK_LIVE && target_is_live(r->target)) {
            r->gc_restored = 1;
            if (JS_VALUE_GET_TAG(*r->value) == JS_TAG_OBJECT ||
                JS_VALUE_GET_TAG(*r->value) == JS_TAG_FUNCTION_BYTECODE) {
                wf_gc_mark_value(rt, *r->value, scan_child);
                changed = true;
            }
        }
    });
    return changed;
}

/* The entries not given back in step 3: make their counts exact. */
static void ephemerons_restore(JSRuntime *rt)
{
    FOR_EACH_EPHEMERON(rt, r, {
        if (!r->gc_restored)
            wf_gc_mark_value(rt, *r->value, incref_child);
        r->gc_restored = 0;
    });
}

void wf_gc_collect(JSRuntime *rt)
{
    struct list_head *el, *el1;

    if (rt->gc_phase != WF_GC_PHASE_NONE)
        return;     /* called from a finalizer: not now */
    /* no JavaScript running: whatever job kept WeakRef targets is over */
    if (!rt->current_stack_frame && rt->kept_count)
        wf_gc_clear_kept_objects(rt);
    rt->gc_phase = WF_GC_PHASE_DECREF;

    /* 1. subtract internal references */
    init_list_head(&rt->tmp_obj_list);
    list_move_all(&rt->tmp_obj_list, &rt->gc_obj_list);
    list_for_each(el, &rt->tmp_obj_list)
        list_entry(el, JSGCObjectHeader, link)->mark = MARK_NONE;
    list_for_each(el, &rt->tmp_obj_list)
        mark_children(rt, list_entry(el, JSGCObjectHeader, link), decref_child);
    ephemerons_decref(rt);

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
       gc_obj_list, so this loop reaches the new cells too.  Ephemeron
       values whose map and key are both live are live too, which can make
       more keys live: repeat until nothing changes. */
    el = &rt->gc_obj_list;
    do {
        while (el->next != &rt->gc_obj_list) {
            el = el->next;
            mark_children(rt, list_entry(el, JSGCObjectHeader, link), scan_child);
        }
    } while (ephemerons_scan(rt));

    /* 4. the rest is garbage: make its counts exact again */
    list_for_each(el, &rt->tmp_obj_list)
        list_entry(el, JSGCObjectHeader, link)->mark = MARK_GARBAGE;
    list_for_each(el, &rt->tmp_obj_list)
        mark_children(rt, list_entry(el, JSGCObjectHeader, link), incref_child);
    ephemerons_restore(rt);

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

size_t wf_gc_suspend(JSRuntime *rt)
{
    size_t saved = rt->malloc_gc_threshold;
    rt->malloc_gc_threshold = SIZE_MAX;
    return saved;
}

void wf_gc_resume(JSRuntime *rt, size_t saved)
{
    size_t sz;
    if (rt->malloc_gc_threshold != SIZE_MAX)       /* JS_SetGCThreshold meanwhile */
        return;
    sz = rt->malloc_state.malloc_size;
    if (saved != SIZE_MAX && sz > saved)
        saved = sz + (sz >> 1);
    rt->malloc_gc_threshold = saved;
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

    wf_gc_clear_kept_objects(rt);
    js_free_rt(rt, rt->kept_objs);
    rt->kept_objs = NULL;
    rt->kept_size = 0;

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
    init_list_head(&rt->fr_pending_list);
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
