/*
 * interp_async.c - frames that outlive a call: the suspended bodies of
 * generators, async functions and async generators (ECMA-262 27.5
 * GeneratorStart/Resume, 27.7 AsyncFunctionStart, 27.6 AsyncGenerator).
 *
 * A WFAsyncFrame is a GC cell holding one JSStackFrame and its slots.
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

void wf_async_frame_suspend(JSRuntime *rt, JSStackFrame *sf, bool at_start)
{
    WFAsyncFrame *af = wf_async_frame_of(sf);
    rt->current_stack_frame = sf->prev_frame;
    sf->prev_frame = NULL;
    af->state = at_start ? WF_ASYNC_SUSPENDED_START : WF_ASYNC_SUSPENDED_YIELD;
}

/* Run a suspended frame until it suspends again or ends. */
static JSValue async_frame_run(JSContext *ctx, WFAsyncFrame *af)
{
    JSRuntime *rt = ctx->rt;
    JSStackFrame *sf = &af->frame;

    sf->prev_frame = rt->current_stack_frame;
    rt->current_stack_frame = sf;
    af->state = WF_ASYNC_EXECUTING;
    return wf_interp_run_frame(ctx, sf);
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

void wf_generator_init_class(JSRuntime *rt)
{
    wf_class_set_hooks(rt, JS_CLASS_GENERATOR, generator_finalizer, generator_mark, NULL, NULL);
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

JSValue wf_async_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                      int argc, JSValueConst *argv)
{
    JSFunctionBytecode *b = wf_obj(func_obj)->u.func.bytecode;
    WFAsyncFrame *af;
    JSValue ret, proto, gen;

    if (b->func_kind != WF_FUNC_KIND_GENERATOR)
        return wf_throw_error(ctx, JS_INTERNAL_ERROR, "async functions are not supported yet");
    af = async_frame_new(ctx, func_obj, this_val, argc, argv);
    if (!af)
        return JS_EXCEPTION;
    /* FunctionDeclarationInstantiation runs now, up to initial_yield */
    ret = async_frame_run(ctx, af);
    if (JS_IsException(ret)) {
        wf_gc_release(ctx->rt, &af->header);
        return ret;
    }
    JS_FreeValue(ctx, ret);
    proto = wf_obj_get(ctx, func_obj, JS_ATOM_prototype, func_obj);
    if (JS_IsException(proto))
        goto fail;
    if (!JS_IsObject(proto)) {
        JSContext *realm = b->realm ? b->realm : ctx;
        JS_FreeValue(ctx, proto);
        proto = JS_DupValue(ctx, realm->class_proto[JS_CLASS_GENERATOR]);
    }
    gen = wf_obj_new(ctx, proto, JS_CLASS_GENERATOR);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(gen))
        goto fail;
    wf_obj(gen)->u.ptr = af;
    if (af->state == WF_ASYNC_COMPLETED)
        generator_complete(ctx, wf_obj(gen));
    return gen;
fail:
    if (af->state != WF_ASYNC_COMPLETED)
        async_frame_free_values(ctx->rt, af);
    wf_gc_release(ctx->rt, &af->header);
    return JS_EXCEPTION;
}

JSValue wf_generator_resume(JSContext *ctx, JSValueConst gen, JSValueConst v, int mode)
{
    JSObject *gp;
    WFAsyncFrame *af;
    JSStackFrame *sf;
    JSValue ret;
    bool raw = false;

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
            return wf_iter_result(ctx, JS_UNDEFINED, true);
        case WF_GEN_RETURN:
            return wf_iter_result(ctx, JS_DupValue(ctx, v), true);
        default:
            return JS_Throw(ctx, JS_DupValue(ctx, v));
        }
    }
    if (js_unlikely(wf_check_stack_overflow(ctx->rt, 0)))
        return wf_throw_stack_overflow(ctx);
    sf = &af->frame;
    if (af->state == WF_ASYNC_SUSPENDED_YIELD) {
        int op = *sf->cur_pc;
        if (op == OP_yield_star) {
            *sf->sp++ = JS_DupValue(ctx, v);
            *sf->sp++ = JS_MKVAL(JS_TAG_INT, mode);
        } else if (mode == WF_GEN_THROW) {
            JS_Throw(ctx, JS_DupValue(ctx, v));
            sf->flags |= WF_FRAME_RESUME_THROW;
        } else {
            *sf->sp++ = JS_DupValue(ctx, v);
            *sf->sp++ = JS_NewBool(ctx, mode == WF_GEN_RETURN);
        }
    }
    sf->cur_pc++;       /* past initial_yield / yield / yield_star */
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
        return wf_iter_result(ctx, ret, true);
    }
    raw = *sf->cur_pc == OP_yield_star;
    JS_FreeValue(ctx, gen);
    if (raw)
        return ret;
    return wf_iter_result(ctx, ret, false);
}
