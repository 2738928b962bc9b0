/*
 * interp_async.c - frames that outlive a call: the suspended bodies of
 * generators, async functions and async generators (ECMA-262 27.5
 * GeneratorStart/Resume, 27.7 AsyncFunctionStart, 27.6 AsyncGenerator).
 *
 * A WFAsyncFrame is a GC cell holding one JSStackFrame and its slots.
 * Generators, async functions and async generators all drive such a frame:
 * run it until it returns, throws or stops at initial_yield / yield /
 * yield_star / await, then act on the reason it stopped.  `await` attaches
 * a resume object (class ASYNC_FUNCTION_RESOLVE) to the awaited promise;
 * the promise job calls wf_async_reaction, which resumes the frame.
 * While suspended, the frame's saved sp bounds the live operand stack and
 * the collector can see every value it holds; while it runs, the values
 * are treated as roots (the running loop keeps sp in a register), so the
 * mark hook reports nothing for an executing frame.
 */
#include <string.h>

#include "engine/interp_int.h"
#include "engine/bytecode.h"
#include "engine/object.h"
#include "engine/error.h"
#include "engine/iter.h"
#include "engine/atom.h"
#include "engine/conv.h"
#include "builtins/builtins.h"

static void async_frame_free_values(JSRuntime *rt, WFAsyncFrame *af)
{
    JSStackFrame *sf = &af->frame;
    JSValue *p, *end;

    if (!list_empty(&sf->var_ref_list))
        wf_frame_close_var_refs(rt, sf);
    if (sf->b) {
        end = sf->var_buf + sf->b->var_count;
        for (p = sf->arg_buf; p < end; p++) {
            JSValue v = *p;
            *p = JS_UNDEFINED;
            JS_FreeValueRT(rt, v);
        }
        for (p = sf->stack_buf; p < sf->sp; p++) {
            JSValue v = *p;
            *p = JS_UNDEFINED;
            JS_FreeValueRT(rt, v);
        }
        sf->sp = sf->stack_buf;
    }
    JS_FreeValueRT(rt, sf->cur_func);
    JS_FreeValueRT(rt, sf->this_val);
    JS_FreeValueRT(rt, sf->new_target);
    sf->cur_func = sf->this_val = sf->new_target = JS_UNDEFINED;
    af->state = WF_ASYNC_COMPLETED;
}

void wf_async_frame_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func)
{
    WFAsyncFrame *af = (WFAsyncFrame *)h;
    JSStackFrame *sf = &af->frame;
    struct list_head *el;
    JSValue *p, *end;

    if (af->state == WF_ASYNC_COMPLETED || af->state == WF_ASYNC_EXECUTING)
        return;
    wf_gc_mark_value(rt, sf->cur_func, mark_func);
    wf_gc_mark_value(rt, sf->this_val, mark_func);
    wf_gc_mark_value(rt, sf->new_target, mark_func);
    if (!sf->b)
        return;
    end = sf->var_buf + sf->b->var_count;
    for (p = sf->arg_buf; p < end; p++)
        wf_gc_mark_value(rt, *p, mark_func);
    for (p = sf->stack_buf; p < sf->sp; p++)
        wf_gc_mark_value(rt, *p, mark_func);
    list_for_each(el, &sf->var_ref_list) {
        JSVarRef *vr = list_entry(el, JSVarRef, var_ref_link);
        mark_func(rt, &vr->header);
    }
}

void wf_async_frame_gc_free(JSRuntime *rt, JSGCObjectHeader *h)
{
    WFAsyncFrame *af = (WFAsyncFrame *)h;
    if (af->state != WF_ASYNC_COMPLETED)
        async_frame_free_values(rt, af);
}

/* ---------------------------------------------------------------------- */
/* Heap frames                                                             */

static WFAsyncFrame *async_frame_new(JSContext *ctx, JSValueConst func, JSValueConst this_val,
                                     int argc, JSValueConst *argv)
{
    JSObject *p = wf_obj(func);
    JSFunctionBytecode *b = p->u.func.bytecode;
    int arg_alloc = argc > b->arg_count ? argc : b->arg_count;
    size_t nslots = (size_t)arg_alloc + b->var_count + b->stack_size;
    WFAsyncFrame *af;
    JSStackFrame *sf;
    int i;

    af = js_malloc(ctx, sizeof(WFAsyncFrame) + nslots * sizeof(JSValue));
    if (!af)
        return NULL;
    sf = &af->frame;
    sf->arg_buf = af->slots;
    sf->var_buf = af->slots + arg_alloc;
    sf->stack_buf = sf->var_buf + b->var_count;
    sf->sp = sf->stack_buf;
    for (i = 0; i < argc; i++)
        af->slots[i] = JS_DupValue(ctx, argv[i]);
    for (; i < arg_alloc + b->var_count; i++)
        af->slots[i] = JS_UNDEFINED;
    sf->cur_func = JS_DupValue(ctx, func);
    sf->this_val = JS_DupValue(ctx, this_val);
    sf->new_target = JS_UNDEFINED;
    sf->cur_pc = b->code;
    init_list_head(&sf->var_ref_list);
    sf->b = b;
    sf->var_refs = p->u.func.var_refs;
    sf->realm = b->realm ? b->realm : ctx;
    sf->arg_count = argc;
    sf->arg_alloc = arg_alloc;
    sf->frame_size = 0;
    sf->flags = WF_FRAME_HEAP | WF_FRAME_ENTRY;
    sf->call_argc = 0;
    sf->prev_frame = NULL;
    af->state = WF_ASYNC_SUSPENDED_START;
    af->suspend_op = 0;
    wf_gc_add(ctx->rt, &af->header, WF_GC_ASYNC_FUNCTION);
    return af;
}

void wf_async_frame_finish(JSRuntime *rt, JSStackFrame *sf)
{
    WFAsyncFrame *af = wf_async_frame_of(sf);
    rt->current_stack_frame = sf->prev_frame;
    sf->prev_frame = NULL;
    async_frame_free_values(rt, af);
}

void wf_async_frame_suspend(JSRuntime *rt, JSStackFrame *sf, int op)
{
    WFAsyncFrame *af = wf_async_frame_of(sf);
    rt->current_stack_frame = sf->prev_frame;
    sf->prev_frame = NULL;
    af->suspend_op = (uint8_t)op;
    af->state = op == OP_initial_yield ? WF_ASYNC_SUSPENDED_START : WF_ASYNC_SUSPENDED_YIELD;
}

/* How a suspended frame is resumed. */
enum { RESUME_NEXT = WF_GEN_NEXT, RESUME_THROW = WF_GEN_THROW, RESUME_RETURN = WF_GEN_RETURN };

/* Deliver the resumption to the instruction the frame stopped at. */
static void resume_push(JSContext *ctx, WFAsyncFrame *af, JSValueConst v, int mode)
{
    JSStackFrame *sf = &af->frame;
    switch (af->suspend_op) {
    case OP_yield:
        if (mode == RESUME_THROW)
            goto do_throw;
        *sf->sp++ = JS_DupValue(ctx, v);
        *sf->sp++ = JS_NewBool(ctx, mode == RESUME_RETURN);
        break;
    case OP_yield_star:
        *sf->sp++ = JS_DupValue(ctx, v);
        *sf->sp++ = JS_MKVAL(JS_TAG_INT, mode);
        break;
    case OP_await:
        if (mode == RESUME_THROW)
            goto do_throw;
        *sf->sp++ = JS_DupValue(ctx, v);
        break;
    default:    /* not started, or initial_yield: nothing to deliver */
        break;
    }
    return;
do_throw:
    JS_Throw(ctx, JS_DupValue(ctx, v));
    sf->flags |= WF_FRAME_RESUME_THROW;
}

/* Run a suspended frame until it suspends again or ends: the returned
   value is the completion (state COMPLETED) or the operand of the
   instruction it stopped at; JS_EXCEPTION when it threw. */
static JSValue async_frame_run(JSContext *ctx, WFAsyncFrame *af)
{
    JSRuntime *rt = ctx->rt;
    JSStackFrame *sf = &af->frame;

    sf->prev_frame = rt->current_stack_frame;
    rt->current_stack_frame = sf;
    af->state = WF_ASYNC_EXECUTING;
    return wf_interp_run_frame(ctx, sf);
}

static bool pending_is_uncatchable(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    return rt->current_exception_is_uncatchable ||
           JS_IsUncatchableError(ctx, rt->current_exception);
}

/* ---------------------------------------------------------------------- */
/* Generators (27.5)                                                       */

/* A generator object (class GENERATOR) owns its frame until it completes;
   u.ptr is the WFAsyncFrame (counted), NULL once completed. */

static void generator_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFAsyncFrame *af = wf_obj(val)->u.ptr;
    wf_obj(val)->u.ptr = NULL;
    if (af)
        wf_gc_release(rt, &af->header);
}

static void generator_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFAsyncFrame *af = wf_obj(val)->u.ptr;
    if (af)
        mark_func(rt, &af->header);
}

static void generator_complete(JSContext *ctx, JSObject *gp)
{
    WFAsyncFrame *af = gp->u.ptr;
    gp->u.ptr = NULL;
    if (af) {
        if (af->state != WF_ASYNC_COMPLETED)
            async_frame_free_values(ctx->rt, af);
        wf_gc_release(ctx->rt, &af->header);
    }
}

/* OrdinaryCreateFromConstructor(func, fallback intrinsic) for the objects
   a generator function call returns. */
static JSValue gen_object_new(JSContext *ctx, JSValueConst func_obj, JSClassID class_id)
{
    JSFunctionBytecode *b = wf_obj(func_obj)->u.func.bytecode;
    JSValue proto, obj;

    proto = wf_obj_get(ctx, func_obj, JS_ATOM_prototype, func_obj);
    if (JS_IsException(proto))
        return proto;
    if (!JS_IsObject(proto)) {
        JSContext *realm = b->realm ? b->realm : ctx;
        JS_FreeValue(ctx, proto);
        proto = JS_DupValue(ctx, realm->class_proto[class_id]);
    }
    obj = wf_obj_new(ctx, proto, class_id);
    JS_FreeValue(ctx, proto);
    return obj;
}

static JSValue generator_call(JSContext *ctx, JSValueConst func_obj, WFAsyncFrame *af,
                              JSClassID class_id)
{
    JSValue ret, gen;

    /* FunctionDeclarationInstantiation runs now, up to initial_yield */
    ret = async_frame_run(ctx, af);
    if (JS_IsException(ret)) {
        wf_gc_release(ctx->rt, &af->header);
        return ret;
    }
    JS_FreeValue(ctx, ret);
    gen = gen_object_new(ctx, func_obj, class_id);
    if (JS_IsException(gen)) {
        if (af->state != WF_ASYNC_COMPLETED)
            async_frame_free_values(ctx->rt, af);
        wf_gc_release(ctx->rt, &af->header);
        return gen;
    }
    return gen;
}

/* GeneratorResume / GeneratorResumeAbrupt without the result object: the
   value, with *pdone set when the generator returned (or was already
   done), or JS_EXCEPTION.  *praw is set when the value is the inner
   iterator's result object of a yield* (passed on as is). */
static JSValue generator_resume(JSContext *ctx, JSValueConst gen, JSValueConst v, int mode,
                                bool *pdone, bool *praw)
{
    JSObject *gp;
    WFAsyncFrame *af;
    JSValue ret;

    *pdone = true;
    *praw = false;
    if (!JS_IsObject(gen) || wf_obj(gen)->class_id != JS_CLASS_GENERATOR)
        return wf_throw_error(ctx, JS_TYPE_ERROR, "not a generator");
    gp = wf_obj(gen);
    af = gp->u.ptr;
    if (af && af->state == WF_ASYNC_EXECUTING)
        return wf_throw_error(ctx, JS_TYPE_ERROR, "generator is already running");
    if (af && af->state == WF_ASYNC_SUSPENDED_START && mode != WF_GEN_NEXT)
        generator_complete(ctx, gp);
    af = gp->u.ptr;
    if (!af) {
        switch (mode) {
        case WF_GEN_NEXT:
            return JS_UNDEFINED;
        case WF_GEN_RETURN:
            return JS_DupValue(ctx, v);
        default:
            return JS_Throw(ctx, JS_DupValue(ctx, v));
        }
    }
    if (js_unlikely(wf_check_stack_overflow(ctx->rt, 0)))
        return wf_throw_stack_overflow(ctx);
    resume_push(ctx, af, v, mode);
    /* keep the generator (and so the frame) alive while it runs */
    gen = JS_DupValue(ctx, gen);
    ret = async_frame_run(ctx, af);
    if (JS_IsException(ret)) {
        generator_complete(ctx, gp);
        JS_FreeValue(ctx, gen);
        return ret;
    }
    if (af->state == WF_ASYNC_COMPLETED) {
        generator_complete(ctx, gp);
        JS_FreeValue(ctx, gen);
        return ret;
    }
    *praw = af->suspend_op == OP_yield_star;
    *pdone = false;
    JS_FreeValue(ctx, gen);
    return ret;
}

JSValue wf_generator_resume(JSContext *ctx, JSValueConst gen, JSValueConst v, int mode)
{
    bool done, raw;
    JSValue ret = generator_resume(ctx, gen, v, mode, &done, &raw);
    if (JS_IsException(ret) || raw)
        return ret;     /* yield*: the inner iterator's result object as is */
    return wf_iter_result(ctx, ret, done);
}

/* IteratorStepValue on a generator whose `next` is the original
   %GeneratorPrototype%.next: the same steps without allocating the result
   object, which nobody else could see.  Returns 0 when not applicable
   (nothing done), 1 with *pv / *pdone set, or -1 with an exception. */
int wf_generator_step_fast(JSContext *ctx, JSValueConst iter, JSValueConst next, JSValue *pv,
                           bool *pdone)
{
    JSValue ret, d;
    bool raw;

    if (!JS_IsObject(iter) || wf_obj(iter)->class_id != JS_CLASS_GENERATOR ||
        !wf_is_generator_next(next))
        return 0;
    ret = generator_resume(ctx, iter, JS_UNDEFINED, WF_GEN_NEXT, pdone, &raw);
    if (JS_IsException(ret)) {
        *pdone = true;
        return -1;
    }
    if (!raw) {
        *pv = ret;
        return 1;
    }
    /* the inner result object of yield*: read it like any other */
    *pdone = true;
    if (!JS_IsObject(ret)) {
        JS_FreeValue(ctx, ret);
        JS_ThrowTypeError(ctx, "iterator result is not an object");
        return -1;
    }
    d = JS_GetProperty(ctx, ret, JS_ATOM_done);
    if (JS_IsException(d)) {
        JS_FreeValue(ctx, ret);
        return -1;
    }
    if (wf_to_boolean(d)) {
        JS_FreeValue(ctx, d);
        JS_FreeValue(ctx, ret);
        *pv = JS_UNDEFINED;
        return 1;
    }
    JS_FreeValue(ctx, d);
    *pv = JS_GetProperty(ctx, ret, JS_ATOM_value);
    JS_FreeValue(ctx, ret);
    if (JS_IsException(*pv))
        return -1;
    *pdone = false;
    return 1;
}

/* ---------------------------------------------------------------------- */
/* Resume objects (class ASYNC_FUNCTION_RESOLVE)                           */

enum {
    RESUME_ASYNC_FUNCTION,      /* continue an async function */
    RESUME_ASYNC_GENERATOR,     /* continue an async generator at await */
    RESUME_AG_AWAIT_RETURN,     /* AsyncGeneratorAwaitReturn's closures */
};

typedef struct WFResume {
    int kind;
    WFAsyncFrame *af;           /* counted; async functions */
    JSValue promise;            /* async functions: the result promise */
    JSValue gen;                /* async generators: the generator object */
} WFResume;

static void resume_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFResume *r = wf_obj(val)->u.ptr;
    if (!r)
        return;
    wf_obj(val)->u.ptr = NULL;
    if (r->af)
        wf_gc_release(rt, &r->af->header);
    JS_FreeValueRT(rt, r->promise);
    JS_FreeValueRT(rt, r->gen);
    js_free_rt(rt, r);
}

static void resume_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFResume *r = wf_obj(val)->u.ptr;
    if (!r)
        return;
    if (r->af)
        mark_func(rt, &r->af->header);
    wf_gc_mark_value(rt, r->promise, mark_func);
    wf_gc_mark_value(rt, r->gen, mark_func);
}

static JSValue resume_new(JSContext *ctx, int kind, WFAsyncFrame *af, JSValueConst promise,
                          JSValueConst gen)
{
    JSValue obj = wf_obj_new(ctx, JS_NULL, JS_CLASS_ASYNC_FUNCTION_RESOLVE);
    WFResume *r;
    if (JS_IsException(obj))
        return obj;
    r = js_malloc(ctx, sizeof(*r));
    if (!r) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    r->kind = kind;
    r->af = af;
    if (af)
        af->header.ref_count++;
    r->promise = JS_DupValue(ctx, promise);
    r->gen = JS_DupValue(ctx, gen);
    wf_obj(obj)->u.ptr = r;
    return obj;
}

/* Await(v) for a frame that stopped at `await`: PromiseResolve(%Promise%,
   v) then resume through 'resumer' when it settles.  Returns 1 when the
   frame must instead be resumed at once by throwing the pending exception,
   0 when attached, -1 for an uncatchable error. */
static int await_value(JSContext *ctx, JSValue v, JSValueConst resumer)
{
    JSValue p = wf_promise_resolve(ctx, ctx->promise_ctor, v);
    int r;
    JS_FreeValue(ctx, v);
    if (JS_IsException(p))
        return pending_is_uncatchable(ctx) ? -1 : 1;
    r = wf_promise_then_internal(ctx, p, resumer);
    JS_FreeValue(ctx, p);
    return r < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------------- */
/* Async functions (27.7)                                                  */

/* Runs the async function from its current suspension; settles its
   promise when it ends.  JS_EXCEPTION only for uncatchable errors. */
static JSValue async_function_step(JSContext *ctx, JSValueConst resumer, JSValueConst v, int mode)
{
    WFResume *r = wf_obj(resumer)->u.ptr;
    WFAsyncFrame *af = r->af;
    JSValue arg = JS_DupValue(ctx, v), ret;

    for (;;) {
        int k;
        resume_push(ctx, af, arg, mode);
        JS_FreeValue(ctx, arg);
        ret = async_frame_run(ctx, af);
        if (JS_IsException(ret)) {
            JSValue err;
            if (pending_is_uncatchable(ctx))
                return JS_EXCEPTION;
            err = JS_GetException(ctx);
            k = wf_promise_settle(ctx, r->promise, err, true);
            JS_FreeValue(ctx, err);
            return k < 0 ? JS_EXCEPTION : JS_UNDEFINED;
        }
        if (af->state == WF_ASYNC_COMPLETED) {
            k = wf_promise_settle(ctx, r->promise, ret, false);
            JS_FreeValue(ctx, ret);
            return k < 0 ? JS_EXCEPTION : JS_UNDEFINED;
        }
        /* stopped at await */
        k = await_value(ctx, ret, resumer);
        if (k <= 0)
            return k < 0 ? JS_EXCEPTION : JS_UNDEFINED;
        arg = JS_GetException(ctx);
        mode = RESUME_THROW;
    }
}

static JSValue async_function_call(JSContext *ctx, WFAsyncFrame *af)
{
    JSValue promise, resumer, r;

    promise = wf_promise_new(ctx);
    if (JS_IsException(promise)) {
        wf_gc_release(ctx->rt, &af->header);
        return promise;
    }
    resumer = resume_new(ctx, RESUME_ASYNC_FUNCTION, af, promise, JS_UNDEFINED);
    wf_gc_release(ctx->rt, &af->header);    /* the resumer holds it now */
    if (JS_IsException(resumer)) {
        JS_FreeValue(ctx, promise);
        return resumer;
    }
    r = async_function_step(ctx, resumer, JS_UNDEFINED, RESUME_NEXT);
    JS_FreeValue(ctx, resumer);
    if (JS_IsException(r)) {
        JS_FreeValue(ctx, promise);
        return r;
    }
    return promise;
}

/* ---------------------------------------------------------------------- */
/* Async generators (27.6)                                                 */

enum {
    AG_SUSPENDED_START,
    AG_SUSPENDED_YIELD,
    AG_EXECUTING,
    AG_AWAITING_RETURN,
    AG_COMPLETED,
};

typedef struct WFAGRequest {
    struct list_head link;
    int mode;                   /* RESUME_NEXT / THROW / RETURN */
    JSValue value;
    JSValue promise;            /* the capability's promise (%Promise%) */
} WFAGRequest;

typedef struct WFAsyncGen {
    int state;                  /* AG_* */
    WFAsyncFrame *af;           /* counted; NULL once completed */
    struct list_head queue;     /* WFAGRequest */
} WFAsyncGen;

static WFAsyncGen *async_gen_data(JSValueConst v)
{
    if (!JS_IsObject(v) || wf_obj(v)->class_id != JS_CLASS_ASYNC_GENERATOR)
        return NULL;
    return wf_obj(v)->u.ptr;
}

static void ag_request_free(JSRuntime *rt, WFAGRequest *q)
{
    list_del(&q->link);
    JS_FreeValueRT(rt, q->value);
    JS_FreeValueRT(rt, q->promise);
    js_free_rt(rt, q);
}

static void async_gen_release_frame(JSRuntime *rt, WFAsyncGen *g)
{
    WFAsyncFrame *af = g->af;
    g->af = NULL;
    if (af) {
        if (af->state != WF_ASYNC_COMPLETED)
            async_frame_free_values(rt, af);
        wf_gc_release(rt, &af->header);
    }
}

static void async_gen_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFAsyncGen *g = wf_obj(val)->u.ptr;
    if (!g)
        return;
    wf_obj(val)->u.ptr = NULL;
    while (!list_empty(&g->queue))
        ag_request_free(rt, list_entry(g->queue.next, WFAGRequest, link));
    if (g->af)
        wf_gc_release(rt, &g->af->header);
    js_free_rt(rt, g);
}

static void async_gen_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFAsyncGen *g = wf_obj(val)->u.ptr;
    struct list_head *el;
    if (!g)
        return;
    if (g->af)
        mark_func(rt, &g->af->header);
    list_for_each(el, &g->queue) {
        WFAGRequest *q = list_entry(el, WFAGRequest, link);
        wf_gc_mark_value(rt, q->value, mark_func);
        wf_gc_mark_value(rt, q->promise, mark_func);
    }
}

/* AsyncGeneratorCompleteStep: settle the oldest request. */
static int ag_complete_step(JSContext *ctx, WFAsyncGen *g, JSValueConst value, bool is_throw,
                            bool done)
{
    WFAGRequest *q;
    JSValue promise, res;
    int r;

    if (list_empty(&g->queue))
        return 0;
    q = list_entry(g->queue.next, WFAGRequest, link);
    promise = JS_DupValue(ctx, q->promise);
    ag_request_free(ctx->rt, q);
    if (is_throw) {
        r = wf_promise_settle(ctx, promise, value, true);
    } else {
        res = wf_iter_result(ctx, JS_DupValue(ctx, value), done);
        if (JS_IsException(res)) {
            JS_FreeValue(ctx, promise);
            return -1;
        }
        r = wf_promise_settle(ctx, promise, res, false);
        JS_FreeValue(ctx, res);
    }
    JS_FreeValue(ctx, promise);
    return r;
}

static int ag_await_return(JSContext *ctx, JSValueConst gen);

/* AsyncGeneratorDrainQueue */
static int ag_drain_queue(JSContext *ctx, JSValueConst gen)
{
    WFAsyncGen *g = async_gen_data(gen);
    while (g && !list_empty(&g->queue)) {
        WFAGRequest *q = list_entry(g->queue.next, WFAGRequest, link);
        if (q->mode == RESUME_RETURN) {
            g->state = AG_AWAITING_RETURN;
            return ag_await_return(ctx, gen);
        }
        if (ag_complete_step(ctx, g, q->mode == RESUME_THROW ? q->value : JS_UNDEFINED,
                             q->mode == RESUME_THROW, true) < 0)
            return -1;
    }
    return 0;
}

/* AsyncGeneratorAwaitReturn */
static int ag_await_return(JSContext *ctx, JSValueConst gen)
{
    WFAsyncGen *g = async_gen_data(gen);
    WFAGRequest *q = list_entry(g->queue.next, WFAGRequest, link);
    JSValue p, resumer;
    int r;

    p = wf_promise_resolve(ctx, ctx->promise_ctor, q->value);
    if (JS_IsException(p)) {
        JSValue err;
        if (pending_is_uncatchable(ctx))
            return -1;
        err = JS_GetException(ctx);
        g->state = AG_COMPLETED;
        r = ag_complete_step(ctx, g, err, true, true);
        JS_FreeValue(ctx, err);
        if (r < 0)
            return -1;
        return ag_drain_queue(ctx, gen);
    }
    resumer = resume_new(ctx, RESUME_AG_AWAIT_RETURN, NULL, JS_UNDEFINED, gen);
    if (JS_IsException(resumer)) {
        JS_FreeValue(ctx, p);
        return -1;
    }
    r = wf_promise_then_internal(ctx, p, resumer);
    JS_FreeValue(ctx, resumer);
    JS_FreeValue(ctx, p);
    return r;
}

/* Run the async generator's body from its current suspension with the
   given resumption, handling await / yield / completion. */
static int ag_run(JSContext *ctx, JSValueConst gen, JSValueConst v, int mode)
{
    WFAsyncGen *g = async_gen_data(gen);
    WFAsyncFrame *af = g->af;
    JSValue arg = JS_DupValue(ctx, v), ret, resumer = JS_UNDEFINED;
    int r = 0;

    g->state = AG_EXECUTING;
    for (;;) {
        resume_push(ctx, af, arg, mode);
        JS_FreeValue(ctx, arg);
        ret = async_frame_run(ctx, af);
        if (JS_IsException(ret) || af->state == WF_ASYNC_COMPLETED) {
            bool threw = JS_IsException(ret);
            if (threw) {
                if (pending_is_uncatchable(ctx)) {
                    r = -1;
                    break;
                }
                ret = JS_GetException(ctx);
            }
            g->state = AG_COMPLETED;
            async_gen_release_frame(ctx->rt, g);
            r = ag_complete_step(ctx, g, ret, threw, true);
            JS_FreeValue(ctx, ret);
            if (r == 0)
                r = ag_drain_queue(ctx, gen);
            break;
        }
        if (af->suspend_op == OP_await) {
            if (JS_IsUndefined(resumer)) {
                resumer = resume_new(ctx, RESUME_ASYNC_GENERATOR, NULL, JS_UNDEFINED, gen);
                if (JS_IsException(resumer)) {
                    JS_FreeValue(ctx, ret);
                    r = -1;
                    break;
                }
            }
            r = await_value(ctx, ret, resumer);
            if (r <= 0)
                break;
            arg = JS_GetException(ctx);
            mode = RESUME_THROW;
            r = 0;
            continue;
        }
        /* yield / yield_star: AsyncGeneratorYield (the value is awaited by
           the compiled code) */
        r = ag_complete_step(ctx, g, ret, false, false);
        JS_FreeValue(ctx, ret);
        if (r < 0)
            break;
        if (list_empty(&g->queue)) {
            g->state = AG_SUSPENDED_YIELD;
            break;
        }
        /* the next request continues the body at once */
        {
            WFAGRequest *q = list_entry(g->queue.next, WFAGRequest, link);
            arg = JS_DupValue(ctx, q->value);
            mode = q->mode;
        }
    }
    JS_FreeValue(ctx, resumer);
    return r;
}

JSValue wf_async_generator_request(JSContext *ctx, JSValueConst gen, JSValueConst v, int mode)
{
    WFAsyncGen *g = async_gen_data(gen);
    JSValue promise;
    WFAGRequest *q;
    int state;

    promise = wf_promise_new(ctx);
    if (JS_IsException(promise))
        return promise;
    if (!g) {
        /* AsyncGeneratorValidate failed: a rejected promise */
        JSValue err = wf_error_new(ctx, JS_TYPE_ERROR, "not an async generator");
        if (JS_IsException(err) ||
            wf_promise_settle(ctx, promise, err, true) < 0) {
            JS_FreeValue(ctx, err);
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
        JS_FreeValue(ctx, err);
        return promise;
    }
    state = g->state;
    if (mode == RESUME_THROW && state == AG_SUSPENDED_START) {
        g->state = state = AG_COMPLETED;
        async_gen_release_frame(ctx->rt, g);
    }
    if (state == AG_COMPLETED && mode != RESUME_RETURN) {
        int r;
        if (mode == RESUME_THROW) {
            r = wf_promise_settle(ctx, promise, v, true);
        } else {
            JSValue res = wf_iter_result(ctx, JS_UNDEFINED, true);
            if (JS_IsException(res)) {
                JS_FreeValue(ctx, promise);
                return res;
            }
            r = wf_promise_settle(ctx, promise, res, false);
            JS_FreeValue(ctx, res);
        }
        if (r < 0) {
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
        return promise;
    }
    /* AsyncGeneratorEnqueue */
    q = js_malloc(ctx, sizeof(*q));
    if (!q) {
        JS_FreeValue(ctx, promise);
        return JS_EXCEPTION;
    }
    q->mode = mode;
    q->value = JS_DupValue(ctx, v);
    q->promise = JS_DupValue(ctx, promise);
    list_add_tail(&q->link, &g->queue);
    if (mode == RESUME_RETURN && (state == AG_SUSPENDED_START || state == AG_COMPLETED)) {
        if (state == AG_SUSPENDED_START)
            async_gen_release_frame(ctx->rt, g);
        g->state = AG_AWAITING_RETURN;
        if (ag_await_return(ctx, gen) < 0) {
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
    } else if (state == AG_SUSPENDED_START || state == AG_SUSPENDED_YIELD) {
        if (js_unlikely(wf_check_stack_overflow(ctx->rt, 0))) {
            JS_FreeValue(ctx, promise);
            return wf_throw_stack_overflow(ctx);
        }
        gen = JS_DupValue(ctx, gen);
        if (ag_run(ctx, gen, v, mode) < 0) {
            JS_FreeValue(ctx, gen);
            JS_FreeValue(ctx, promise);
            return JS_EXCEPTION;
        }
        JS_FreeValue(ctx, gen);
    }
    return promise;
}

static JSValue async_generator_call(JSContext *ctx, JSValueConst func_obj, WFAsyncFrame *af)
{
    JSValue gen = generator_call(ctx, func_obj, af, JS_CLASS_ASYNC_GENERATOR);
    WFAsyncGen *g;
    if (JS_IsException(gen))
        return gen;
    g = js_malloc(ctx, sizeof(*g));
    if (!g) {
        if (af->state != WF_ASYNC_COMPLETED)
            async_frame_free_values(ctx->rt, af);
        wf_gc_release(ctx->rt, &af->header);
        JS_FreeValue(ctx, gen);
        return JS_EXCEPTION;
    }
    g->state = af->state == WF_ASYNC_COMPLETED ? AG_COMPLETED : AG_SUSPENDED_START;
    g->af = af;
    init_list_head(&g->queue);
    wf_obj(gen)->u.ptr = g;
    if (g->state == AG_COMPLETED)
        async_gen_release_frame(ctx->rt, g);
    return gen;
}

/* ---------------------------------------------------------------------- */
/* Entry points                                                            */

JSValue wf_async_reaction(JSContext *ctx, JSValueConst handler, JSValueConst arg, bool is_reject)
{
    WFResume *r = wf_obj(handler)->u.ptr;
    int mode = is_reject ? RESUME_THROW : RESUME_NEXT;

    if (!r)
        return JS_UNDEFINED;
    switch (r->kind) {
    case RESUME_ASYNC_FUNCTION:
        if (!r->af || r->af->state != WF_ASYNC_SUSPENDED_YIELD)
            return JS_UNDEFINED;
        return async_function_step(ctx, handler, arg, mode);
    case RESUME_ASYNC_GENERATOR: {
        WFAsyncGen *g = async_gen_data(r->gen);
        if (!g || !g->af || g->af->state != WF_ASYNC_SUSPENDED_YIELD)
            return JS_UNDEFINED;
        return ag_run(ctx, r->gen, arg, mode) < 0 ? JS_EXCEPTION : JS_UNDEFINED;
    }
    default: {
        /* AsyncGeneratorAwaitReturn's onFulfilled / onRejected */
        WFAsyncGen *g = async_gen_data(r->gen);
        if (!g)
            return JS_UNDEFINED;
        g->state = AG_COMPLETED;
        if (ag_complete_step(ctx, g, arg, is_reject, true) < 0 ||
            ag_drain_queue(ctx, r->gen) < 0)
            return JS_EXCEPTION;
        return JS_UNDEFINED;
    }
    }
}

JSValue wf_async_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                      int argc, JSValueConst *argv)
{
    JSFunctionBytecode *b = wf_obj(func_obj)->u.func.bytecode;
    WFAsyncFrame *af = async_frame_new(ctx, func_obj, this_val, argc, argv);

    if (!af)
        return JS_EXCEPTION;
    switch (b->func_kind) {
    case WF_FUNC_KIND_GENERATOR: {
        JSValue gen = generator_call(ctx, func_obj, af, JS_CLASS_GENERATOR);
        if (!JS_IsException(gen)) {
            wf_obj(gen)->u.ptr = af;
            if (af->state == WF_ASYNC_COMPLETED)
                generator_complete(ctx, wf_obj(gen));
        }
        return gen;
    }
    case WF_FUNC_KIND_ASYNC:
        return async_function_call(ctx, af);
    default:
        return async_generator_call(ctx, func_obj, af);
    }
}

void wf_generator_init_class(JSRuntime *rt)
{
    wf_class_set_hooks(rt, JS_CLASS_GENERATOR, generator_finalizer, generator_mark, NULL, NULL);
    wf_class_set_hooks(rt, JS_CLASS_ASYNC_GENERATOR, async_gen_finalizer, async_gen_mark,
                       NULL, NULL);
    wf_class_set_hooks(rt, JS_CLASS_ASYNC_FUNCTION_RESOLVE, resume_finalizer, resume_mark,
                       NULL, NULL);
}
