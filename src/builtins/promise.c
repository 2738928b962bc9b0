/*
 * promise.c - Promise (ECMA-262 27.2): promise objects, resolving
 * functions, reactions and their jobs, the constructor, Promise.prototype
 * then/catch/finally and the combinators all/allSettled/any/race, plus
 * resolve/reject/withResolvers/try.  Also the engine's access to promises
 * (builtins.h "promise.c" section) used by async functions and modules,
 * and the QuickJS promise API (JS_NewPromiseCapability, JS_PromiseState...).
 *
 * A promise is an object of class PROMISE whose u.ptr is a WFPromise.
 * Reactions wait in two lists while the promise is pending; settling moves
 * them to the runtime's job queue (engine/job.c).  A reaction's handler is
 * a callable, undefined (pass-through), or an internal object of class
 * ASYNC_FUNCTION_RESOLVE: then the job resumes a suspended async function
 * or async generator (wf_async_reaction) instead of calling anything, which
 * is how `await` attaches to a promise without creating closures.
 */
#include <string.h>

#include "builtins/builtins.h"
#include "engine/interp.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum { P_PENDING = JS_PROMISE_PENDING, P_FULFILLED = JS_PROMISE_FULFILLED,
       P_REJECTED = JS_PROMISE_REJECTED };

typedef struct WFReaction {
    struct list_head link;
    JSValue handler;            /* callable, undefined, or an internal resume object */
    JSValue cap_promise;        /* result capability (undefined: none) */
    JSValue cap_resolve;
    JSValue cap_reject;
    bool second;                /* [1] of the pair perform_then allocates */
} WFReaction;

typedef struct WFPromise {
    int state;                  /* P_* */
    bool is_handled;
    JSValue result;
    struct list_head reactions[2];  /* [0] fulfill, [1] reject */
} WFPromise;

/* The [[AlreadyResolved]] record shared by a pair of resolving functions. */
typedef struct WFResolveRecord {
    int ref_count;
    bool resolved;
} WFResolveRecord;

typedef struct WFResolvingFunc {
    JSValue promise;
    WFResolveRecord *rec;
} WFResolvingFunc;

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

static WFPromise *promise_data(JSValueConst v)
{
    if (!JS_IsObject(v) || wf_obj(v)->class_id != JS_CLASS_PROMISE)
        return NULL;
    return wf_obj(v)->u.ptr;
}

bool wf_is_promise(JSValueConst v)
{
    return promise_data(v) != NULL;
}

/* ---------------------------------------------------------------------- */
/* Class hooks                                                             */

static void reaction_free(JSRuntime *rt, WFReaction *r)
{
    list_del(&r->link);
    JS_FreeValueRT(rt, r->handler);
    JS_FreeValueRT(rt, r->cap_promise);
    JS_FreeValueRT(rt, r->cap_resolve);
    JS_FreeValueRT(rt, r->cap_reject);
    /* a pair is one block, freed with its second reaction (every caller
       frees the fulfill reactions before the reject ones) */
    if (r->second)
        js_free_rt(rt, r - 1);
}

static void promise_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFPromise *s = wf_obj(val)->u.ptr;
    if (!s)
        return;
    for (int i = 0; i < 2; i++) {
        while (!list_empty(&s->reactions[i]))
            reaction_free(rt, list_entry(s->reactions[i].next, WFReaction, link));
    }
    JS_FreeValueRT(rt, s->result);
    js_free_rt(rt, s);
    wf_obj(val)->u.ptr = NULL;
}

static void promise_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFPromise *s = wf_obj(val)->u.ptr;
    struct list_head *el;
    if (!s)
        return;
    wf_gc_mark_value(rt, s->result, mark_func);
    for (int i = 0; i < 2; i++) {
        list_for_each(el, &s->reactions[i]) {
            WFReaction *r = list_entry(el, WFReaction, link);
            wf_gc_mark_value(rt, r->handler, mark_func);
            wf_gc_mark_value(rt, r->cap_promise, mark_func);
            wf_gc_mark_value(rt, r->cap_resolve, mark_func);
            wf_gc_mark_value(rt, r->cap_reject, mark_func);
        }
    }
}

static void resolving_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFResolvingFunc *f = wf_obj(val)->u.ptr;
    if (!f)
        return;
    JS_FreeValueRT(rt, f->promise);
    if (--f->rec->ref_count == 0)
        js_free_rt(rt, f->rec);
    js_free_rt(rt, f);
    wf_obj(val)->u.ptr = NULL;
}

static void resolving_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFResolvingFunc *f = wf_obj(val)->u.ptr;
    if (f)
        wf_gc_mark_value(rt, f->promise, mark_func);
}

static int promise_settle_internal(JSContext *ctx, JSValueConst promise, JSValueConst value,
                                   bool is_reject);

/* [[Call]] of a resolving function (27.2.1.3.1 / 27.2.1.3.2). */
static JSValue resolving_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                              int argc, JSValueConst *argv, int flags)
{
    JSObject *p = wf_obj(func_obj);
    WFResolvingFunc *f = p->u.ptr;
    (void)this_val;
    if (flags & JS_CALL_FLAG_CONSTRUCTOR)
        return wf_throw_error(ctx, JS_TYPE_ERROR, "not a constructor");
    if (!f || f->rec->resolved)
        return JS_UNDEFINED;
    f->rec->resolved = true;
    if (promise_settle_internal(ctx, f->promise, arg(argc, argv, 0),
                                p->class_id == JS_CLASS_PROMISE_REJECT_FUNCTION) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

void wf_promise_init_classes(JSRuntime *rt)
{
    wf_class_set_hooks(rt, JS_CLASS_PROMISE, promise_finalizer, promise_mark, NULL, NULL);
    wf_class_set_hooks(rt, JS_CLASS_PROMISE_RESOLVE_FUNCTION, resolving_finalizer,
                       resolving_mark, resolving_call, NULL);
    wf_class_set_hooks(rt, JS_CLASS_PROMISE_REJECT_FUNCTION, resolving_finalizer,
                       resolving_mark, resolving_call, NULL);
}

/* ---------------------------------------------------------------------- */
/* Core algorithms                                                         */

static JSValue promise_create(JSContext *ctx, JSValueConst proto)
{
    JSValue obj = wf_obj_new(ctx, proto, JS_CLASS_PROMISE);
    WFPromise *s;
    if (JS_IsException(obj))
        return obj;
    s = js_mallocz(ctx, sizeof(*s));
    if (!s) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    s->state = P_PENDING;
    s->result = JS_UNDEFINED;
    init_list_head(&s->reactions[0]);
    init_list_head(&s->reactions[1]);
    wf_obj(obj)->u.ptr = s;
    return obj;
}

JSValue wf_promise_new(JSContext *ctx)
{
    return promise_create(ctx, ctx->class_proto[JS_CLASS_PROMISE]);
}

static void track_rejection(JSContext *ctx, JSValueConst promise, bool is_handled)
{
    JSRuntime *rt = ctx->rt;
    WFPromise *s = promise_data(promise);
    if (rt->promise_tracker)
        rt->promise_tracker(ctx, promise, s ? s->result : JS_UNDEFINED, is_handled,
                            rt->promise_tracker_opaque);
}

/* CreateResolvingFunctions(promise): funcs[0] resolve, funcs[1] reject. */
static int create_resolving_functions(JSContext *ctx, JSValueConst promise, JSValue *funcs)
{
    WFResolveRecord *rec = js_mallocz(ctx, sizeof(*rec));
    if (!rec)
        return -1;
    rec->ref_count = 0;
    funcs[0] = funcs[1] = JS_UNDEFINED;
    for (int i = 0; i < 2; i++) {
        JSValue f = wf_obj_new(ctx, ctx->function_proto,
                               i ? JS_CLASS_PROMISE_REJECT_FUNCTION
                                 : JS_CLASS_PROMISE_RESOLVE_FUNCTION);
        WFResolvingFunc *rf;
        JSProperty *pr;
        if (JS_IsException(f))
            goto fail;
        rf = js_malloc(ctx, sizeof(*rf));
        if (!rf) {
            JS_FreeValue(ctx, f);
            goto fail;
        }
        rf->promise = JS_DupValue(ctx, promise);
        rf->rec = rec;
        rec->ref_count++;
        wf_obj(f)->u.ptr = rf;
        funcs[i] = f;
        /* a fresh function object: add length and name without checks */
        pr = wf_obj_add_property(ctx, wf_obj(f), JS_ATOM_length, JS_PROP_CONFIGURABLE);
        if (!pr)
            goto fail;
        pr->u.value = JS_MKVAL(JS_TAG_INT, 1);
        pr = wf_obj_add_property(ctx, wf_obj(f), JS_ATOM_name, JS_PROP_CONFIGURABLE);
        if (!pr)
            goto fail;
        pr->u.value = wf_str_empty(ctx);
    }
    return 0;
fail:
    if (rec->ref_count == 0)
        js_free(ctx, rec);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    funcs[0] = funcs[1] = JS_UNDEFINED;
    return -1;
}

/* PromiseReactionJob(reaction, argument): argv = [handler, cap_promise,
   cap_resolve, cap_reject, argument, is_reject]. */
static JSValue promise_reaction_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    JSValueConst handler = argv[0], cap_promise = argv[1], argument = argv[4];
    bool is_reject = JS_ToBool(ctx, argv[5]);
    JSValue res;
    bool abrupt;
    (void)argc;

    if (JS_IsObject(handler) && wf_obj(handler)->class_id == JS_CLASS_ASYNC_FUNCTION_RESOLVE)
        return wf_async_reaction(ctx, handler, argument, is_reject);
    if (JS_IsUndefined(handler)) {
        res = JS_DupValue(ctx, argument);
        abrupt = is_reject;
    } else {
        res = wf_call(ctx, handler, JS_UNDEFINED, 1, &argument);
        abrupt = JS_IsException(res);
        if (abrupt) {
            if (JS_IsUncatchableError(ctx, ctx->rt->current_exception))
                return JS_EXCEPTION;
            res = JS_GetException(ctx);
        }
    }
    if (JS_IsUndefined(cap_promise)) {
        JS_FreeValue(ctx, res);
        return JS_UNDEFINED;
    }
    if (JS_IsUndefined(argv[2]) && JS_IsUndefined(argv[3]) && wf_is_promise(cap_promise)) {
        /* an internal capability (js_promise_then on %Promise%): its
           resolving functions were never made, since no script could see
           them; resolve or reject the derived promise as they would */
        int r = promise_settle_internal(ctx, cap_promise, res, abrupt);
        JS_FreeValue(ctx, res);
        return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
    }
    {
        JSValue r = wf_call(ctx, abrupt ? argv[3] : argv[2], JS_UNDEFINED, 1,
                            (JSValueConst *)&res);
        JS_FreeValue(ctx, res);
        return r;
    }
}

/* Enqueues the reaction's job; r's values move into the job (r is freed
   right after by every caller). */
static int enqueue_reaction(JSContext *ctx, WFReaction *r, JSValueConst argument, bool is_reject)
{
    JSValue *a = wf_job_enqueue_slots(ctx, promise_reaction_job, 6);
    if (!a)
        return -1;
    a[0] = r->handler;
    a[1] = r->cap_promise;
    a[2] = r->cap_resolve;
    a[3] = r->cap_reject;
    a[4] = JS_DupValue(ctx, argument);
    a[5] = JS_NewBool(ctx, is_reject);
    r->handler = r->cap_promise = r->cap_resolve = r->cap_reject = JS_UNDEFINED;
    return 0;
}

/* FulfillPromise / RejectPromise + TriggerPromiseReactions. */
static void promise_settle_final(JSContext *ctx, JSValueConst promise, JSValueConst value,
                                 bool is_reject)
{
    WFPromise *s = promise_data(promise);
    struct list_head *el, *el1;

    if (!s || s->state != P_PENDING)
        return;
    s->result = JS_DupValue(ctx, value);
    s->state = is_reject ? P_REJECTED : P_FULFILLED;
    if (is_reject && !s->is_handled)
        track_rejection(ctx, promise, false);
    list_for_each_safe(el, el1, &s->reactions[is_reject]) {
        WFReaction *r = list_entry(el, WFReaction, link);
        enqueue_reaction(ctx, r, value, is_reject);
    }
    for (int i = 0; i < 2; i++) {
        while (!list_empty(&s->reactions[i]))
            reaction_free(ctx->rt, list_entry(s->reactions[i].next, WFReaction, link));
    }
}

/* PromiseResolveThenableJob(promise, thenable, then). */
static JSValue promise_resolve_thenable_job(JSContext *ctx, int argc, JSValueConst *argv)
{
    JSValue funcs[2], res;
    (void)argc;
    if (create_resolving_functions(ctx, argv[0], funcs) < 0)
        return JS_EXCEPTION;
    res = wf_call(ctx, argv[2], argv[1], 2, (JSValueConst *)funcs);
    if (JS_IsException(res) && !JS_IsUncatchableError(ctx, ctx->rt->current_exception)) {
        JSValue err = JS_GetException(ctx);
        res = wf_call(ctx, funcs[1], JS_UNDEFINED, 1, (JSValueConst *)&err);
        JS_FreeValue(ctx, err);
    }
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return res;
}

/* The body of a resolve function (27.2.1.3.2 steps 7-16) or of a reject
   function, once [[AlreadyResolved]] has been checked. */
static int promise_settle_internal(JSContext *ctx, JSValueConst promise, JSValueConst value,
                                   bool is_reject)
{
    JSValue then;

    if (is_reject || !JS_IsObject(value)) {
        promise_settle_final(ctx, promise, value, is_reject);
        return 0;
    }
    if (JS_VALUE_GET_PTR(value) == JS_VALUE_GET_PTR(promise)) {
        JSValue err = wf_error_new(ctx, JS_TYPE_ERROR, "promise resolved with itself");
        if (JS_IsException(err))
            return -1;
        promise_settle_final(ctx, promise, err, true);
        JS_FreeValue(ctx, err);
        return 0;
    }
    then = wf_obj_get(ctx, value, JS_ATOM_then, value);
    if (JS_IsException(then)) {
        JSValue err;
        if (JS_IsUncatchableError(ctx, ctx->rt->current_exception))
            return -1;
        err = JS_GetException(ctx);
        promise_settle_final(ctx, promise, err, true);
        JS_FreeValue(ctx, err);
        return 0;
    }
    if (!wf_is_callable(then)) {
        JS_FreeValue(ctx, then);
        promise_settle_final(ctx, promise, value, false);
        return 0;
    }
    {
        JSValueConst args[3] = { promise, value, then };
        int r = JS_EnqueueJob(ctx, promise_resolve_thenable_job, 3, args);
        JS_FreeValue(ctx, then);
        return r;
    }
}

int wf_promise_settle(JSContext *ctx, JSValueConst promise, JSValueConst value, bool is_reject)
{
    return promise_settle_internal(ctx, promise, value, is_reject);
}

/* PerformPromiseThen(promise, on_ful, on_rej, capability) */
static int perform_then(JSContext *ctx, JSValueConst promise, JSValueConst on_ful,
                        JSValueConst on_rej, const JSValue *cap)
{
    WFPromise *s = promise_data(promise);
    WFReaction *r[2], *pair;
    int i;

    pair = js_malloc(ctx, 2 * sizeof(WFReaction));
    if (!pair)
        return -1;
    for (i = 0; i < 2; i++) {
        JSValueConst h = i ? on_rej : on_ful;
        r[i] = &pair[i];
        r[i]->second = i == 1;
        if (JS_IsObject(h) && (wf_is_callable(h) ||
                               wf_obj(h)->class_id == JS_CLASS_ASYNC_FUNCTION_RESOLVE))
            r[i]->handler = JS_DupValue(ctx, h);
        else
            r[i]->handler = JS_UNDEFINED;
        r[i]->cap_promise = cap ? JS_DupValue(ctx, cap[0]) : JS_UNDEFINED;
        r[i]->cap_resolve = cap ? JS_DupValue(ctx, cap[1]) : JS_UNDEFINED;
        r[i]->cap_reject = cap ? JS_DupValue(ctx, cap[2]) : JS_UNDEFINED;
    }
    if (s->state == P_PENDING) {
        list_add_tail(&r[0]->link, &s->reactions[0]);
        list_add_tail(&r[1]->link, &s->reactions[1]);
    } else {
        int k = s->state == P_REJECTED;
        if (k && !s->is_handled)
            track_rejection(ctx, promise, true);
        init_list_head(&r[0]->link);
        init_list_head(&r[1]->link);
        i = enqueue_reaction(ctx, r[k], s->result, k);
        reaction_free(ctx->rt, r[0]);
        reaction_free(ctx->rt, r[1]);
        if (i < 0)
            return -1;
    }
    s->is_handled = true;
    return 0;
}

int wf_promise_then(JSContext *ctx, JSValueConst promise, JSValueConst on_fulfilled,
                    JSValueConst on_rejected, const JSValue *cap)
{
    if (!promise_data(promise)) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "not a promise");
        return -1;
    }
    return perform_then(ctx, promise, on_fulfilled, on_rejected, cap);
}

int wf_promise_then_internal(JSContext *ctx, JSValueConst promise, JSValueConst handler)
{
    if (!promise_data(promise))
        return -1;
    return perform_then(ctx, promise, handler, handler, NULL);
}

/* The GetCapabilitiesExecutor closure: data[0] resolve, data[1] reject
   (filled in place: the data array is owned by this function object). */
static JSValue capability_executor(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic, JSValueConst *func_data)
{
    JSValue *data = (JSValue *)func_data;
    (void)this_val;
    (void)magic;
    if (!JS_IsUndefined(data[0]) || !JS_IsUndefined(data[1]))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "promise capability executor already called");
    data[0] = JS_DupValue(ctx, arg(argc, argv, 0));
    data[1] = JS_DupValue(ctx, arg(argc, argv, 1));
    return JS_UNDEFINED;
}

static bool is_intrinsic_promise_ctor(JSContext *ctx, JSValueConst c)
{
    return JS_IsObject(c) && JS_IsObject(ctx->promise_ctor) &&
           JS_VALUE_GET_PTR(c) == JS_VALUE_GET_PTR(ctx->promise_ctor);
}

/* NewPromiseCapability(C): returns the promise, funcs[0..1] = resolve,
   reject. */
JSValue wf_promise_new_capability(JSContext *ctx, JSValueConst ctor, JSValue *funcs)
{
    JSValue executor, promise, data[2] = { JS_UNDEFINED, JS_UNDEFINED };
    JSValue *d;

    if (JS_IsUndefined(ctor) || is_intrinsic_promise_ctor(ctx, ctor)) {
        /* %Promise% itself: the executor would be unobservable */
        promise = wf_promise_new(ctx);
        if (JS_IsException(promise))
            return promise;
        if (create_resolving_functions(ctx, promise, funcs) < 0) {
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
        return promise;
    }
    if (!wf_is_constructor(ctor))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "not a constructor");
    executor = JS_NewCFunctionData(ctx, capability_executor, 2, 0, 2, data);
    if (JS_IsException(executor))
        return executor;
    promise = wf_construct(ctx, ctor, ctor, 1, (JSValueConst *)&executor);
    if (JS_IsException(promise))
        goto fail;
    d = wf_cfunc_data(executor);
    if (!wf_is_callable(d[0]) || !wf_is_callable(d[1])) {
        JS_FreeValue(ctx, promise);
        wf_throw_error(ctx, JS_TYPE_ERROR, "promise capability functions are not callable");
        goto fail;
    }
    funcs[0] = JS_DupValue(ctx, d[0]);
    funcs[1] = JS_DupValue(ctx, d[1]);
    JS_FreeValue(ctx, executor);
    return promise;
fail:
    JS_FreeValue(ctx, executor);
    return JS_EXCEPTION;
}

/* PromiseResolve(C, x) */
JSValue wf_promise_resolve(JSContext *ctx, JSValueConst ctor, JSValueConst x)
{
    JSValue funcs[2], promise, r;

    if (wf_is_promise(x)) {
        JSValue xc = wf_obj_get(ctx, x, JS_ATOM_constructor, x);
        bool same;
        if (JS_IsException(xc))
            return xc;
        same = wf_same_value(xc, ctor);
        JS_FreeValue(ctx, xc);
        if (same)
            return JS_DupValue(ctx, x);
    }
    if (JS_IsUndefined(ctor) || is_intrinsic_promise_ctor(ctx, ctor)) {
        /* %Promise%: resolve the new promise as its unseen resolve
           function would */
        promise = wf_promise_new(ctx);
        if (JS_IsException(promise))
            return promise;
        if (promise_settle_internal(ctx, promise, x, false) < 0) {
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
        return promise;
    }
    promise = wf_promise_new_capability(ctx, ctor, funcs);
    if (JS_IsException(promise))
        return promise;
    r = wf_call(ctx, funcs[0], JS_UNDEFINED, 1, &x);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (JS_IsException(r)) {
        JS_FreeValue(ctx, promise);
        return r;
    }
    JS_FreeValue(ctx, r);
    return promise;
}

/* ---------------------------------------------------------------------- */
/* Constructor and prototype                                               */

static JSValue js_promise_ctor(JSContext *ctx, JSValueConst new_target, int argc,
                               JSValueConst *argv)
{
    JSValueConst executor = arg(argc, argv, 0);
    JSValue proto, promise, funcs[2], r;

    if (JS_IsUndefined(new_target))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "Promise constructor requires 'new'");
    if (!wf_is_callable(executor))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "Promise resolver is not a function");
    proto = wf_get_prototype_from_ctor(ctx, new_target, JS_CLASS_PROMISE);
    if (JS_IsException(proto))
        return proto;
    promise = promise_create(ctx, proto);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(promise))
        return promise;
    if (create_resolving_functions(ctx, promise, funcs) < 0) {
        JS_FreeValue(ctx, promise);
        return JS_EXCEPTION;
    }
    r = wf_call(ctx, executor, JS_UNDEFINED, 2, (JSValueConst *)funcs);
    if (JS_IsException(r)) {
        JSValue err;
        if (JS_IsUncatchableError(ctx, ctx->rt->current_exception))
            goto fail;
        err = JS_GetException(ctx);
        r = wf_call(ctx, funcs[1], JS_UNDEFINED, 1, (JSValueConst *)&err);
        JS_FreeValue(ctx, err);
        if (JS_IsException(r))
            goto fail;
    }
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return promise;
fail:
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    JS_FreeValue(ctx, promise);
    return JS_EXCEPTION;
}

static JSValue js_promise_get_species(JSContext *ctx, JSValueConst this_val);

/* true when SpeciesConstructor(p, %Promise%) is %Promise% and finding
   that out runs no user code: p has no own property, its prototype is
   %Promise.prototype% whose "constructor" is the data property %Promise%,
   whose @@species is the built-in getter */
static bool species_is_intrinsic(JSContext *ctx, JSValueConst p)
{
    JSValueConst pv = ctx->class_proto[JS_CLASS_PROMISE], v;
    JSObject *o = wf_obj(p), *proto, *c;
    int i;
    if (!JS_IsObject(pv) || !JS_IsObject(ctx->promise_ctor))
        return false;
    proto = wf_obj(pv);
    if (o->shape->proto != proto || o->shape->prop_count != 0 || proto->is_exotic)
        return false;
    i = wf_shape_find(proto->shape, JS_ATOM_constructor);
    if (i < 0 || (proto->shape->prop[i].flags & JS_PROP_TMASK) != JS_PROP_NORMAL)
        return false;
    v = proto->prop[i].u.value;
    if (!JS_IsObject(v) || JS_VALUE_GET_PTR(v) != JS_VALUE_GET_PTR(ctx->promise_ctor))
        return false;
    c = wf_obj(v);
    if (c->is_exotic)
        return false;
    i = wf_shape_find(c->shape, JS_ATOM_Symbol_species);
    if (i < 0 || (c->shape->prop[i].flags & JS_PROP_TMASK) != JS_PROP_GETSET)
        return false;
    c = c->prop[i].u.getset.getter;
    return c && c->class_id == JS_CLASS_C_FUNCTION &&
           (void *)c->u.cfunc.c_function.generic == (void *)js_promise_get_species;
}

static JSValue js_promise_then(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv)
{
    JSValue c, cap[3];

    if (!wf_is_promise(this_val))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "Promise.prototype.then called on a non-promise");
    if (species_is_intrinsic(ctx, this_val))
        c = JS_UNDEFINED;
    else
        c = wf_species_constructor(ctx, this_val, ctx->promise_ctor);
    if (JS_IsException(c))
        return c;
    if (JS_IsUndefined(c) || is_intrinsic_promise_ctor(ctx, c)) {
        /* NewPromiseCapability(%Promise%): the resolving functions would
           stay unseen; the reaction job settles the promise directly */
        cap[0] = wf_promise_new(ctx);
        cap[1] = cap[2] = JS_UNDEFINED;
    } else {
        cap[0] = wf_promise_new_capability(ctx, c, &cap[1]);
    }
    JS_FreeValue(ctx, c);
    if (JS_IsException(cap[0]))
        return cap[0];
    if (perform_then(ctx, this_val, arg(argc, argv, 0), arg(argc, argv, 1), cap) < 0) {
        JS_FreeValue(ctx, cap[0]);
        cap[0] = JS_EXCEPTION;
    }
    JS_FreeValue(ctx, cap[1]);
    JS_FreeValue(ctx, cap[2]);
    return cap[0];
}

static JSValue js_promise_catch(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv)
{
    JSValueConst args[2] = { JS_UNDEFINED, arg(argc, argv, 0) };
    return wf_invoke(ctx, this_val, JS_ATOM_then, 2, args);
}

/* finally's closures: data[0] onFinally, data[1] C; magic 0 thenFinally,
   1 catchFinally.  The thunks: data[0] the value, magic 0 return, 1 throw. */
static JSValue finally_thunk(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv, int magic, JSValueConst *data)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    if (magic)
        return JS_Throw(ctx, JS_DupValue(ctx, data[0]));
    return JS_DupValue(ctx, data[0]);
}

static JSValue finally_step(JSContext *ctx, JSValueConst this_val, int argc,
                            JSValueConst *argv, int magic, JSValueConst *data)
{
    JSValueConst value = arg(argc, argv, 0);
    JSValue result, promise, thunk, r;
    (void)this_val;

    result = wf_call(ctx, data[0], JS_UNDEFINED, 0, NULL);
    if (JS_IsException(result))
        return result;
    promise = wf_promise_resolve(ctx, data[1], result);
    JS_FreeValue(ctx, result);
    if (JS_IsException(promise))
        return promise;
    thunk = JS_NewCFunctionData(ctx, finally_thunk, 0, magic, 1, &value);
    if (JS_IsException(thunk)) {
        JS_FreeValue(ctx, promise);
        return thunk;
    }
    r = wf_invoke(ctx, promise, JS_ATOM_then, 1, (JSValueConst *)&thunk);
    JS_FreeValue(ctx, thunk);
    JS_FreeValue(ctx, promise);
    return r;
}

static JSValue js_promise_finally(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValueConst on_finally = arg(argc, argv, 0);
    JSValue c, fns[2] = { JS_UNDEFINED, JS_UNDEFINED }, r;

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    c = wf_species_constructor(ctx, this_val, ctx->promise_ctor);
    if (JS_IsException(c))
        return c;
    if (!wf_is_callable(on_finally)) {
        fns[0] = JS_DupValue(ctx, on_finally);
        fns[1] = JS_DupValue(ctx, on_finally);
    } else {
        JSValueConst data[2] = { on_finally, c };
        for (int i = 0; i < 2; i++) {
            fns[i] = JS_NewCFunctionData(ctx, finally_step, 1, i, 2, data);
            if (JS_IsException(fns[i])) {
                JS_FreeValue(ctx, fns[0]);
                JS_FreeValue(ctx, c);
                return JS_EXCEPTION;
            }
        }
    }
    JS_FreeValue(ctx, c);
    r = wf_invoke(ctx, this_val, JS_ATOM_then, 2, (JSValueConst *)fns);
    JS_FreeValue(ctx, fns[0]);
    JS_FreeValue(ctx, fns[1]);
    return r;
}

/* ---------------------------------------------------------------------- */
/* Statics                                                                 */

static JSValue js_promise_resolve(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    return wf_promise_resolve(ctx, this_val, arg(argc, argv, 0));
}

static JSValue js_promise_reject(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    JSValue funcs[2], promise, r;
    JSValueConst reason = arg(argc, argv, 0);

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    promise = wf_promise_new_capability(ctx, this_val, funcs);
    if (JS_IsException(promise))
        return promise;
    r = wf_call(ctx, funcs[1], JS_UNDEFINED, 1, &reason);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (JS_IsException(r)) {
        JS_FreeValue(ctx, promise);
        return r;
    }
    JS_FreeValue(ctx, r);
    return promise;
}

static JSValue js_promise_with_resolvers(JSContext *ctx, JSValueConst this_val, int argc,
                                         JSValueConst *argv)
{
    JSValue funcs[2], promise, obj;
    (void)argc;
    (void)argv;
    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    promise = wf_promise_new_capability(ctx, this_val, funcs);
    if (JS_IsException(promise))
        return promise;
    obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
    if (JS_IsException(obj) ||
        wf_obj_define_value(ctx, obj, JS_ATOM_promise, promise, JS_PROP_C_W_E | JS_PROP_THROW) < 0 ||
        wf_obj_define_value(ctx, obj, JS_ATOM_resolve, funcs[0], JS_PROP_C_W_E | JS_PROP_THROW) < 0 ||
        wf_obj_define_value(ctx, obj, JS_ATOM_reject, funcs[1], JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_promise_try(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    JSValue funcs[2], promise, res, r;
    bool abrupt;

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    promise = wf_promise_new_capability(ctx, this_val, funcs);
    if (JS_IsException(promise))
        return promise;
    res = wf_call(ctx, arg(argc, argv, 0), JS_UNDEFINED, argc > 1 ? argc - 1 : 0, argv + 1);
    abrupt = JS_IsException(res);
    if (abrupt) {
        if (JS_IsUncatchableError(ctx, ctx->rt->current_exception)) {
            r = JS_EXCEPTION;
            goto done;
        }
        res = JS_GetException(ctx);
    }
    r = wf_call(ctx, funcs[abrupt], JS_UNDEFINED, 1, (JSValueConst *)&res);
    JS_FreeValue(ctx, res);
done:
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (JS_IsException(r)) {
        JS_FreeValue(ctx, promise);
        return r;
    }
    JS_FreeValue(ctx, r);
    return promise;
}

/* ---------------------------------------------------------------------- */
/* Combinators (27.2.4.1 all, .2 allSettled, .3 any, .5 race)              */

enum { COMB_ALL, COMB_ALL_SETTLED, COMB_ANY, COMB_RACE };

/* Element functions: data = [values array, remaining box, index, resolve or
   reject of the capability, already-called flag].  The remaining counter
   lives in slot 0 of the box's data (another data function used only as a
   mutable cell).  magic: COMB_ALL, COMB_ALL_SETTLED + 0 fulfilled / + 1
   rejected (magic 1 and 2), COMB_ANY (3). */
enum { EL_VALUES, EL_REMAINING, EL_INDEX, EL_CAP_FN, EL_CALLED, EL_COUNT };

static JSValue *cell_of(JSValueConst box)
{
    return wf_cfunc_data(box);
}

static JSValue remaining_dec(JSValueConst box)
{
    JSValue *c = cell_of(box);
    int n = JS_VALUE_GET_INT(c[0]) - 1;
    c[0] = JS_MKVAL(JS_TAG_INT, n);
    return c[0];
}

static JSValue cell_fn(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                       int magic, JSValueConst *data)
{
    (void)ctx; (void)this_val; (void)argc; (void)argv; (void)magic; (void)data;
    return JS_UNDEFINED;
}

static JSValue make_settled_record(JSContext *ctx, bool rejected, JSValueConst x)
{
    JSValue obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
    if (JS_IsException(obj))
        return obj;
    if (wf_obj_define_value(ctx, obj, JS_ATOM_status,
                            JS_AtomToString(ctx, rejected ? JS_ATOM_rejected : JS_ATOM_fulfilled),
                            JS_PROP_C_W_E | JS_PROP_THROW) < 0 ||
        wf_obj_define_value(ctx, obj, rejected ? JS_ATOM_reason : JS_ATOM_value,
                            JS_DupValue(ctx, x), JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue combinator_finish(JSContext *ctx, JSValueConst values, JSValueConst fn, bool any)
{
    JSValue arg0, r;
    if (any) {
        arg0 = wf_error_new(ctx, JS_AGGREGATE_ERROR, "All promises were rejected");
        if (JS_IsException(arg0))
            return arg0;
        if (wf_obj_define_value(ctx, arg0, JS_ATOM_errors, JS_DupValue(ctx, values),
                                JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0) {
            JS_FreeValue(ctx, arg0);
            return JS_EXCEPTION;
        }
    } else {
        arg0 = JS_DupValue(ctx, values);
    }
    r = wf_call(ctx, fn, JS_UNDEFINED, 1, (JSValueConst *)&arg0);
    JS_FreeValue(ctx, arg0);
    return r;
}

static JSValue element_fn(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                          int magic, JSValueConst *func_data)
{
    JSValue *data = (JSValue *)func_data;
    JSValueConst x = arg(argc, argv, 0);
    JSValue v;
    (void)this_val;

    {
        JSValue *called = cell_of(data[EL_CALLED]);
        if (JS_ToBool(ctx, called[0]))
            return JS_UNDEFINED;
        called[0] = JS_TRUE;
    }
    if (magic == 1 || magic == 2)
        v = make_settled_record(ctx, magic == 2, x);
    else
        v = JS_DupValue(ctx, x);
    if (JS_IsException(v))
        return v;
    if (wf_obj_define_int64(ctx, data[EL_VALUES], JS_VALUE_GET_INT(data[EL_INDEX]), v,
                            JS_PROP_C_W_E | JS_PROP_THROW) < 0)
        return JS_EXCEPTION;
    if (JS_VALUE_GET_INT(remaining_dec(data[EL_REMAINING])) == 0)
        return combinator_finish(ctx, data[EL_VALUES], data[EL_CAP_FN], magic == 3);
    return JS_UNDEFINED;
}

/* The loop of PerformPromiseAll & co; *pdone tells whether the iterator
   finished (then it must not be closed on error). */
static JSValue perform_combinator(JSContext *ctx, int kind, JSValueConst iter, JSValueConst next,
                                  JSValueConst c, JSValueConst promise, const JSValue *funcs,
                                  JSValueConst resolve_fn, bool *pdone)
{
    JSValue values = JS_UNDEFINED, box = JS_UNDEFINED;
    int64_t index = 0;

    *pdone = false;
    if (kind != COMB_RACE) {
        JSValue init = JS_MKVAL(JS_TAG_INT, 1);
        values = wf_array_new(ctx, 0);
        if (JS_IsException(values))
            return values;
        box = JS_NewCFunctionData(ctx, cell_fn, 0, 0, 1, &init);
        if (JS_IsException(box))
            goto fail;
    }
    for (;;) {
        JSValue v, next_promise, on_ful, on_rej, r;
        JSValueConst then_args[2];

        v = wf_iterator_step_value(ctx, iter, next, pdone);
        if (JS_IsException(v)) {
            *pdone = true;
            goto fail;
        }
        if (*pdone) {
            if (kind != COMB_RACE) {
                if (JS_VALUE_GET_INT(remaining_dec(box)) == 0) {
                    r = combinator_finish(ctx, values,
                                          kind == COMB_ANY ? funcs[1] : funcs[0],
                                          kind == COMB_ANY);
                    if (JS_IsException(r))
                        goto fail;
                    JS_FreeValue(ctx, r);
                }
            }
            break;
        }
        if (kind != COMB_RACE) {
            if (wf_obj_define_int64(ctx, values, index, JS_UNDEFINED,
                                    JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
                JS_FreeValue(ctx, v);
                goto fail;
            }
        }
        next_promise = wf_call(ctx, resolve_fn, c, 1, (JSValueConst *)&v);
        JS_FreeValue(ctx, v);
        if (JS_IsException(next_promise))
            goto fail;
        on_ful = JS_DupValue(ctx, funcs[0]);
        on_rej = JS_DupValue(ctx, funcs[1]);
        if (kind != COMB_RACE) {
            JSValue data[EL_COUNT], f = JS_FALSE, called;
            JSValue *cell = cell_of(box);
            /* [[AlreadyCalled]], shared by allSettled's pair of functions */
            called = JS_NewCFunctionData(ctx, cell_fn, 0, 0, 1, &f);
            if (JS_IsException(called)) {
                JS_FreeValue(ctx, on_ful);
                JS_FreeValue(ctx, on_rej);
                JS_FreeValue(ctx, next_promise);
                goto fail;
            }
            data[EL_VALUES] = values;
            data[EL_REMAINING] = box;
            data[EL_INDEX] = JS_MKVAL(JS_TAG_INT, (int32_t)index);
            data[EL_CALLED] = called;
            cell[0] = JS_MKVAL(JS_TAG_INT, JS_VALUE_GET_INT(cell[0]) + 1);
            if (kind == COMB_ALL || kind == COMB_ALL_SETTLED) {
                data[EL_CAP_FN] = funcs[0];
                JS_FreeValue(ctx, on_ful);
                on_ful = JS_NewCFunctionData(ctx, element_fn, 1,
                                             kind == COMB_ALL ? 0 : 1, EL_COUNT, data);
            }
            if (kind == COMB_ALL_SETTLED) {
                JS_FreeValue(ctx, on_rej);
                on_rej = JS_NewCFunctionData(ctx, element_fn, 1, 2, EL_COUNT, data);
            }
            if (kind == COMB_ANY) {
                data[EL_CAP_FN] = funcs[1];
                JS_FreeValue(ctx, on_rej);
                on_rej = JS_NewCFunctionData(ctx, element_fn, 1, 3, EL_COUNT, data);
            }
            JS_FreeValue(ctx, called);
        }
        if (JS_IsException(on_ful) || JS_IsException(on_rej)) {
            JS_FreeValue(ctx, on_ful);
            JS_FreeValue(ctx, on_rej);
            JS_FreeValue(ctx, next_promise);
            goto fail;
        }
        then_args[0] = on_ful;
        then_args[1] = on_rej;
        r = wf_invoke(ctx, next_promise, JS_ATOM_then, 2, then_args);
        JS_FreeValue(ctx, on_ful);
        JS_FreeValue(ctx, on_rej);
        JS_FreeValue(ctx, next_promise);
        if (JS_IsException(r))
            goto fail;
        JS_FreeValue(ctx, r);
        index++;
    }
    JS_FreeValue(ctx, values);
    JS_FreeValue(ctx, box);
    return JS_DupValue(ctx, promise);
fail:
    JS_FreeValue(ctx, values);
    JS_FreeValue(ctx, box);
    return JS_EXCEPTION;
}

static JSValue js_promise_combinator(JSContext *ctx, JSValueConst this_val, int argc,
                                     JSValueConst *argv, int kind)
{
    JSValue funcs[2], promise, resolve_fn = JS_UNDEFINED, iter = JS_UNDEFINED;
    JSValue next = JS_UNDEFINED, r;
    bool done = true;

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    promise = wf_promise_new_capability(ctx, this_val, funcs);
    if (JS_IsException(promise))
        return promise;
    resolve_fn = wf_obj_get(ctx, this_val, JS_ATOM_resolve, this_val);
    if (JS_IsException(resolve_fn))
        goto reject;
    if (!wf_is_callable(resolve_fn)) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "Promise resolve is not a function");
        goto reject;
    }
    iter = wf_get_iterator(ctx, arg(argc, argv, 0), false, &next);
    if (JS_IsException(iter))
        goto reject;
    r = perform_combinator(ctx, kind, iter, next, this_val, promise, funcs, resolve_fn, &done);
    if (JS_IsException(r)) {
        if (!done)
            wf_iterator_close(ctx, iter, true);
        goto reject;
    }
    JS_FreeValue(ctx, r);
    goto out;
reject:
    /* IfAbruptRejectPromise */
    if (!JS_IsUncatchableError(ctx, ctx->rt->current_exception)) {
        JSValue err = JS_GetException(ctx);
        r = wf_call(ctx, funcs[1], JS_UNDEFINED, 1, (JSValueConst *)&err);
        JS_FreeValue(ctx, err);
        if (!JS_IsException(r)) {
            JS_FreeValue(ctx, r);
            goto out;
        }
    }
    JS_FreeValue(ctx, promise);
    promise = JS_EXCEPTION;
out:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, resolve_fn);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return promise;
}

static JSValue js_promise_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

static const JSCFunctionListEntry js_promise_proto_funcs[] = {
    JS_CFUNC_DEF("then", 2, js_promise_then),
    JS_CFUNC_DEF("catch", 1, js_promise_catch),
    JS_CFUNC_DEF("finally", 1, js_promise_finally),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Promise", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_promise_funcs[] = {
    JS_CFUNC_MAGIC_DEF("all", 1, js_promise_combinator, COMB_ALL),
    JS_CFUNC_MAGIC_DEF("allSettled", 1, js_promise_combinator, COMB_ALL_SETTLED),
    JS_CFUNC_MAGIC_DEF("any", 1, js_promise_combinator, COMB_ANY),
    JS_CFUNC_MAGIC_DEF("race", 1, js_promise_combinator, COMB_RACE),
    JS_CFUNC_DEF("reject", 1, js_promise_reject),
    JS_CFUNC_DEF("resolve", 1, js_promise_resolve),
    JS_CFUNC_DEF("try", 1, js_promise_try),
    JS_CFUNC_DEF("withResolvers", 0, js_promise_with_resolvers),
    JS_CGETSET_DEF("[Symbol.species]", js_promise_get_species, NULL),
};

int wf_init_promise(JSContext *ctx)
{
    JSValue proto, ctor;

    proto = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
    if (JS_IsException(proto))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, proto, js_promise_proto_funcs,
                                   countof(js_promise_proto_funcs)) < 0)
        goto fail;
    ctor = wf_define_ctor(ctx, (JSCFunction *)js_promise_ctor, "Promise", 1,
                          JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        goto fail;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_promise_funcs, countof(js_promise_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        goto fail;
    }
    JS_FreeValue(ctx, ctx->promise_ctor);
    ctx->promise_ctor = ctor;
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_PROMISE]);
    ctx->class_proto[JS_CLASS_PROMISE] = proto;
    return 0;
fail:
    JS_FreeValue(ctx, proto);
    return -1;
}

/* ---------------------------------------------------------------------- */
/* QuickJS API                                                             */

JSValue JS_NewPromiseCapability(JSContext *ctx, JSValue *resolving_funcs)
{
    return wf_promise_new_capability(ctx, JS_UNDEFINED, resolving_funcs);
}

JSPromiseStateEnum JS_PromiseState(JSContext *ctx, JSValueConst promise)
{
    WFPromise *s = promise_data(promise);
    (void)ctx;
    return s ? (JSPromiseStateEnum)s->state : JS_PROMISE_NOT_A_PROMISE;
}

JSValue JS_PromiseResult(JSContext *ctx, JSValueConst promise)
{
    WFPromise *s = promise_data(promise);
    if (!s)
        return JS_UNDEFINED;
    return JS_DupValue(ctx, s->result);
}

bool JS_IsPromise(JSValueConst val)
{
    return wf_is_promise(val);
}

void JS_SetHostPromiseRejectionTracker(JSRuntime *rt, JSHostPromiseRejectionTracker *cb,
                                       void *opaque)
{
    rt->promise_tracker = cb;
    rt->promise_tracker_opaque = opaque;
}
