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
