/*
 * weakref.c - WeakRef and FinalizationRegistry (ECMA-262 26.1, 26.2).
 *
 * Both hold their targets through weak records (engine/gc.h): nothing here
 * keeps a target alive except AddToKeptObjects, which WeakRef's constructor
 * and deref() use so that a target seen during a job survives until the job
 * ends.
 *
 * A FinalizationRegistry cell holds its held value strongly (reported by the
 * registry's gc_mark), its target and its unregister token weakly.  When a
 * target dies the cell moves to the registry's `cleared` list and the
 * registry goes on rt->fr_pending_list; once the freeing is over the
 * collector calls wf_weakref_flush, which queues one cleanup job per such
 * registry (HostEnqueueFinalizationRegistryCleanupJob).  The job calls the
 * cleanup callback once per cleared cell, in the order the targets died.  A
 * registry that dies first takes its cells with it: no callback runs.
 * cleanupSome is not provided (it left the proposal; test262 does not test
 * it).
 *
 * This file must not touch the collector's internals: only the gc.h API.
 */
#include "builtins/builtins.h"

/* ---------------------------------------------------------------------- */
/* WeakRef */

typedef struct WeakRefState {
    WFWeakRecord rec;               /* on the target; rec.target NULL once it died */
} WeakRefState;

static void weakref_target_dead(JSRuntime *rt, WFWeakRecord *r)
{
    (void)rt;
    (void)r;    /* rec.target is NULL now: deref() returns undefined */
}

static void weakref_finalizer(JSRuntime *rt, JSValueConst obj)
{
    WeakRefState *s = wf_obj(obj)->u.ptr;
    if (!s)
        return;
    wf_weak_record_remove(rt, &s->rec);
    js_free_rt(rt, s);
}

/* WeakRef ( target ) (26.1.1.1) */
static JSValue js_weakref_constructor(JSContext *ctx, JSValueConst new_target,
                                      int argc, JSValueConst *argv)
{
    JSValueConst target = argc > 0 ? argv[0] : JS_UNDEFINED;
    WeakRefState *s;
    JSValue obj;

    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Constructor WeakRef requires 'new'");
    if (!wf_can_be_held_weakly(ctx, target))
        return JS_ThrowTypeError(ctx, "WeakRef: invalid target (an object or a non-registered symbol is required)");
    obj = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_WEAK_REF);
    if (JS_IsException(obj))
        return obj;
    s = js_malloc(ctx, sizeof(*s));
    if (!s)
        goto fail;
    s->rec.on_dead = weakref_target_dead;
    s->rec.owner = NULL;
    s->rec.value = NULL;
    if (wf_weak_record_add(ctx, &s->rec, target) < 0) {
        js_free(ctx, s);
        goto fail;
    }
    wf_obj(obj)->u.ptr = s;
    if (wf_gc_keep_during_job(ctx, target) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* WeakRef.prototype.deref ( ) (26.1.3.2) */
static JSValue js_weakref_deref(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    JSObject *p = wf_this_class(ctx, this_val, JS_CLASS_WEAK_REF, "WeakRef.prototype.deref");
    WeakRefState *s;
    JSValueConst target;

    (void)argc;
    (void)argv;
    if (!p)
        return JS_EXCEPTION;
    s = p->u.ptr;
    if (!s || !s->rec.target)
        return JS_UNDEFINED;
    target = wf_weak_record_target(&s->rec);
    if (wf_gc_keep_during_job(ctx, target) < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, target);
}

static const JSCFunctionListEntry js_weakref_proto_funcs[] = {
    JS_CFUNC_DEF("deref", 0, js_weakref_deref),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakRef", JS_PROP_CONFIGURABLE),
};

/* ---------------------------------------------------------------------- */
/* FinalizationRegistry */

typedef struct FRState {
    JSObject *obj;                  /* the registry (not counted) */
    JSContext *realm;               /* counted: the cleanup job runs in it */
    JSValue cleanup;                /* [[CleanupCallback]] */
    struct list_head cells;         /* FRCell.link: live targets */
    struct list_head cleared;       /* FRCell.link: dead targets, awaiting the callback */
    struct list_head pending_link;  /* rt->fr_pending_list, or empty */
    bool job_queued;                /* a cleanup job holds the registry */
} FRState;

typedef struct FRCell {
    struct list_head link;          /* FRState.cells or .cleared */
    FRState *reg;
    WFWeakRecord target_rec;        /* [[WeakRefTarget]] */
    WFWeakRecord token_rec;         /* [[UnregisterToken]]; target NULL: empty */
    JSValue held;                   /* [[HeldValue]], counted */
} FRCell;

static void cell_free(JSRuntime *rt, FRCell *c)
{
    list_del(&c->link);
    wf_weak_record_remove(rt, &c->target_rec);
    wf_weak_record_remove(rt, &c->token_rec);
    JS_FreeValueRT(rt, c->held);
    js_free_rt(rt, c);
}

static void fr_target_dead(JSRuntime *rt, WFWeakRecord *r)
{
    FRCell *c = list_entry(r, FRCell, target_rec);
    FRState *s = c->reg;
    list_del(&c->link);
    list_add_tail(&c->link, &s->cleared);
    if (!s->job_queued && list_empty(&s->pending_link))
        list_add_tail(&s->pending_link, &rt->fr_pending_list);
}

static void fr_token_dead(JSRuntime *rt, WFWeakRecord *r)
{
    (void)rt;
    (void)r;    /* nobody can pass the token to unregister() any more */
}

static void fr_finalizer(JSRuntime *rt, JSValueConst obj)
{
    FRState *s = wf_obj(obj)->u.ptr;
    if (!s)
        return;
    if (!list_empty(&s->pending_link))
        list_del(&s->pending_link);
    while (!list_empty(&s->cells))
        cell_free(rt, list_entry(s->cells.next, FRCell, link));
    while (!list_empty(&s->cleared))
        cell_free(rt, list_entry(s->cleared.next, FRCell, link));
    JS_FreeValueRT(rt, s->cleanup);
    if (s->realm)
        wf_gc_release(rt, &s->realm->header);
    js_free_rt(rt, s);
}

static void fr_gc_mark(JSRuntime *rt, JSValueConst obj, JS_MarkFunc *mark_func)
{
    FRState *s = wf_obj(obj)->u.ptr;
    struct list_head *el;
    if (!s)
        return;
    JS_MarkValue(rt, s->cleanup, mark_func);
    if (s->realm)
        mark_func(rt, &s->realm->header);
    list_for_each(el, &s->cells)
        JS_MarkValue(rt, list_entry(el, FRCell, link)->held, mark_func);
    list_for_each(el, &s->cleared)
        JS_MarkValue(rt, list_entry(el, FRCell, link)->held, mark_func);
}

/* The cleanup job (9.10.4.1 HostEnqueueFinalizationRegistryCleanupJob +
   CleanupFinalizationRegistry): argv[0] is the registry. */
static JSValue fr_cleanup_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    JSObject *p = wf_obj(argv[0]);
    FRState *s = p->u.ptr;

    (void)argc;
    s->job_queued = false;
    while (!list_empty(&s->cleared)) {
        FRCell *c = list_entry(s->cleared.next, FRCell, link);
        JSValue held = c->held, cb, r;
        c->held = JS_UNDEFINED;
        cell_free(ctx->rt, c);
        cb = JS_DupValue(ctx, s->cleanup);
        r = JS_Call(ctx, cb, JS_UNDEFINED, 1, (JSValueConst *)&held);
        JS_FreeValue(ctx, cb);
        JS_FreeValue(ctx, held);
        if (JS_IsException(r)) {
            /* the rest waits for another job */
            if (!list_empty(&s->cleared) && list_empty(&s->pending_link))
                list_add_tail(&s->pending_link, &ctx->rt->fr_pending_list);
            return r;
        }
        JS_FreeValue(ctx, r);
    }
    return JS_UNDEFINED;
}

void wf_weakref_flush(JSRuntime *rt)
{
    JSValue saved;
    bool saved_uncatchable;

    if (list_empty(&rt->context_list)) {
        /* runtime tear-down: no more jobs */
        while (!list_empty(&rt->fr_pending_list)) {
            struct list_head *el = rt->fr_pending_list.next;
            list_del(el);
            init_list_head(el);
        }
        return;
    }
    /* queueing must not disturb an exception the caller has pending */
    saved = rt->current_exception;
    saved_uncatchable = rt->current_exception_is_uncatchable;
    rt->current_exception = JS_UNINITIALIZED;
    while (!list_empty(&rt->fr_pending_list)) {
        FRState *s = list_entry(rt->fr_pending_list.next, FRState, pending_link);
        JSValue reg = JS_MKPTR(JS_TAG_OBJECT, s->obj);
        list_del(&s->pending_link);
        init_list_head(&s->pending_link);
        if (!s->realm->link.next)
            continue;   /* its realm was torn down with the runtime: no job */
        if (JS_EnqueueJob(s->realm, fr_cleanup_job, 1, &reg) < 0) {
            /* out of memory: try again after the next collection */
            list_add_tail(&s->pending_link, &rt->fr_pending_list);
            JS_FreeValueRT(rt, rt->current_exception);
            rt->current_exception = JS_UNINITIALIZED;
            break;
        }
        s->job_queued = true;
    }
    JS_FreeValueRT(rt, rt->current_exception);
    rt->current_exception = saved;
    rt->current_exception_is_uncatchable = saved_uncatchable;
}

static FRState *fr_this(JSContext *ctx, JSValueConst this_val, const char *method)
{
    JSObject *p = wf_this_class(ctx, this_val, JS_CLASS_FINALIZATION_REGISTRY, method);
    if (!p)
        return NULL;
    if (!p->u.ptr) {
        JS_ThrowTypeError(ctx, "%s called on an incompatible receiver", method);
        return NULL;
    }
    return p->u.ptr;
}

/* FinalizationRegistry ( cleanupCallback ) (26.2.1.1) */
static JSValue js_fr_constructor(JSContext *ctx, JSValueConst new_target,
                                 int argc, JSValueConst *argv)
{
    JSValueConst cb = argc > 0 ? argv[0] : JS_UNDEFINED;
    FRState *s;
    JSValue obj;

    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Constructor FinalizationRegistry requires 'new'");
    if (!JS_IsFunction(ctx, cb))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry: the cleanup callback is not a function");
    obj = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_FINALIZATION_REGISTRY);
    if (JS_IsException(obj))
        return obj;
    s = js_mallocz(ctx, sizeof(*s));
    if (!s) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    s->obj = wf_obj(obj);
    s->realm = JS_DupContext(ctx);
    s->cleanup = JS_DupValue(ctx, cb);
    init_list_head(&s->cells);
    init_list_head(&s->cleared);
    init_list_head(&s->pending_link);
    wf_obj(obj)->u.ptr = s;
    return obj;
}

/* FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] ) */
static JSValue js_fr_register(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv)
{
    FRState *s = fr_this(ctx, this_val, "FinalizationRegistry.prototype.register");
    JSValueConst target = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst held = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSValueConst token = argc > 2 ? argv[2] : JS_UNDEFINED;
    bool has_token;
    FRCell *c;

    if (!s)
        return JS_EXCEPTION;
    if (!wf_can_be_held_weakly(ctx, target))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry.prototype.register: invalid target");
    if (JS_IsStrictEqual(ctx, target, held))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry.prototype.register: the target and the held value are the same");
    has_token = wf_can_be_held_weakly(ctx, token);
    if (!has_token && !JS_IsUndefined(token))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry.prototype.register: invalid unregister token");
    c = js_malloc(ctx, sizeof(*c));
    if (!c)
        return JS_EXCEPTION;
    c->reg = s;
    c->held = JS_UNDEFINED;
    c->target_rec.on_dead = fr_target_dead;
    c->target_rec.owner = NULL;
    c->target_rec.value = NULL;
    c->token_rec.on_dead = fr_token_dead;
    c->token_rec.owner = NULL;
    c->token_rec.value = NULL;
    c->token_rec.target = NULL;
    if (wf_weak_record_add(ctx, &c->target_rec, target) < 0) {
        js_free(ctx, c);
        return JS_EXCEPTION;
    }
    if (has_token && wf_weak_record_add(ctx, &c->token_rec, token) < 0) {
        wf_weak_record_remove(ctx->rt, &c->target_rec);
        js_free(ctx, c);
        return JS_EXCEPTION;
    }
    c->held = JS_DupValue(ctx, held);
    list_add_tail(&c->link, &s->cells);
    return JS_UNDEFINED;
}

/* FinalizationRegistry.prototype.unregister ( unregisterToken ) */
static JSValue js_fr_unregister(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    FRState *s = fr_this(ctx, this_val, "FinalizationRegistry.prototype.unregister");
    JSValueConst token = argc > 0 ? argv[0] : JS_UNDEFINED;
    struct list_head *recs, *el;
    bool removed = false;

    if (!s)
        return JS_EXCEPTION;
    if (!wf_can_be_held_weakly(ctx, token))
        return JS_ThrowTypeError(ctx, "FinalizationRegistry.prototype.unregister: invalid unregister token");
    /* the token's own records name the cells.  Freeing a cell can unlink
       other records of the same value (its target when token == target)
       and free the list itself with the last one: rescan after each. */
    for (;;) {
        FRCell *found = NULL;
        recs = wf_weak_records_of(ctx->rt, token);
        if (!recs)
            break;
        list_for_each(el, recs) {
            WFWeakRecord *r = list_entry(el, WFWeakRecord, link);
            if (r->on_dead == fr_token_dead && list_entry(r, FRCell, token_rec)->reg == s) {
                found = list_entry(r, FRCell, token_rec);
                break;
            }
        }
        if (!found)
            break;
        cell_free(ctx->rt, found);
        removed = true;
    }
    return JS_NewBool(ctx, removed);
}

static const JSCFunctionListEntry js_fr_proto_funcs[] = {
    JS_CFUNC_DEF("register", 2, js_fr_register),
    JS_CFUNC_DEF("unregister", 1, js_fr_unregister),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "FinalizationRegistry", JS_PROP_CONFIGURABLE),
};

/* ---------------------------------------------------------------------- */

static int init_class(JSContext *ctx, JSClassID cid, const char *name, JSCFunction *ctor_func,
                      const JSCFunctionListEntry *funcs, int n_funcs)
{
    JSValue proto, ctor;

    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->class_proto[cid]);
    ctx->class_proto[cid] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, funcs, n_funcs) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, ctor_func, name, 1, JS_CFUNC_constructor, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctor);
    return 0;
}

int wf_init_weakref(JSContext *ctx)
{
    wf_class_set_hooks(ctx->rt, JS_CLASS_WEAK_REF, weakref_finalizer, NULL, NULL, NULL);
    wf_class_set_hooks(ctx->rt, JS_CLASS_FINALIZATION_REGISTRY, fr_finalizer, fr_gc_mark, NULL, NULL);
    if (init_class(ctx, JS_CLASS_WEAK_REF, "WeakRef", js_weakref_constructor, js_weakref_proto_funcs,
                   (int)(sizeof(js_weakref_proto_funcs) / sizeof(js_weakref_proto_funcs[0]))) < 0)
        return -1;
    return init_class(ctx, JS_CLASS_FINALIZATION_REGISTRY, "FinalizationRegistry", js_fr_constructor,
                      js_fr_proto_funcs, (int)(sizeof(js_fr_proto_funcs) / sizeof(js_fr_proto_funcs[0])));
}
