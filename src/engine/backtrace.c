/*
 * backtrace.c - the `stack` property of error objects, built from the
 * interpreter's frame chain (rt->current_stack_frame):
 *
 *     Name: message
 *         at fn (file:line:col)
 *         at new Foo (file:line:col)  (constructor calls)
 *         at Type.method (file:line:col)  (receiver's constructor name)
 *         at file:line:col            (script code, anonymous functions)
 *         at name (native)            (C functions)
 *
 * Positions come from the compiler's pc -> line/column table
 * (wf_bytecode_find_pos) at the frame's saved pc.  Building a backtrace
 * never runs JavaScript: names and messages are read from data properties
 * only (an accessor is treated as absent), so it is safe while throwing a
 * stack overflow or inside a finalizer.  The number of frames follows
 * Error.stackTraceLimit when it is a number (V8's extension), 10 otherwise.
 */
#include <stdio.h>
#include <string.h>

#include "engine/interp_int.h"
#include "engine/bytecode.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/error.h"
#include "engine/conv.h"

#define WF_DEFAULT_STACK_LIMIT 10
#define WF_MAX_STACK_LIMIT 1000

/* A data property along the prototype chain, without running code
   (borrowed; JS_UNDEFINED when absent or an accessor). */
static JSValueConst get_data_prop(JSValueConst obj, JSAtom atom)
{
    JSObject *p;
    int depth = 0;
    if (!JS_IsObject(obj))
        return JS_UNDEFINED;
    p = wf_obj(obj);
    while (p && depth++ < 64) {
        int i = wf_shape_find(p->shape, atom);
        if (i >= 0) {
            if ((p->shape->prop[i].flags & JS_PROP_TMASK) == JS_PROP_NORMAL)
                return p->prop[i].u.value;
            return JS_UNDEFINED;
        }
        if (p->is_exotic && p->class_id == JS_CLASS_PROXY)
            break;
        p = p->shape->proto;
    }
    return JS_UNDEFINED;
}

void wf_frame_position(JSStackFrame *sf, int *pline, int *pcol)
{
    const JSFunctionBytecode *b = sf->b;
    *pline = 0;
    *pcol = 0;
    if (!b || (sf->flags & WF_FRAME_NATIVE))
        return;
    if (sf->cur_pc && sf->cur_pc >= b->code && sf->cur_pc < b->code + b->code_len)
        wf_bytecode_find_pos(b, (uint32_t)(sf->cur_pc - b->code), pline, pcol);
    else {
        *pline = b->line;
        *pcol = b->col;
    }
}

static int stack_limit(JSContext *ctx)
{
    JSValueConst ctor = get_data_prop(ctx->class_proto[JS_CLASS_ERROR], JS_ATOM_constructor);
    JSValueConst v;
    double d;
    if (!JS_IsObject(ctor))
        return WF_DEFAULT_STACK_LIMIT;
    v = get_data_prop(ctor, JS_ATOM_stackTraceLimit);
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT)
        d = JS_VALUE_GET_INT(v);
    else if (JS_VALUE_GET_TAG(v) == JS_TAG_FLOAT64)
        d = JS_VALUE_GET_FLOAT64(v);
    else
        return JS_IsUndefined(v) ? WF_DEFAULT_STACK_LIMIT : 0;
    if (!(d > 0))
        return 0;
    if (d > WF_MAX_STACK_LIMIT)
        return WF_MAX_STACK_LIMIT;
    return (int)d;
}

static void put_atom(WFStringBuilder *sb, JSRuntime *rt, JSAtom a)
{
    JSString *s;
    if (a == JS_ATOM_NULL)
        return;
    if (wf_atom_is_int(a)) {
        char buf[16];
        snprintf(buf, sizeof(buf), "%u", wf_atom_to_uint(a));
        wf_sb_puts(sb, buf);
        return;
    }
    s = wf_atom_get_str(rt, a);
    if (s)
        wf_sb_put_str(sb, s, 0, s->len);
}

static void put_string_value(WFStringBuilder *sb, JSValueConst v)
{
    if (JS_VALUE_GET_TAG(v) == JS_TAG_STRING)
        wf_sb_put_str(sb, wf_str(v), 0, wf_str(v)->len);
}

/* The type shown before a method's name, V8 style ("Array.map",
   "Bar.m"): the receiver's constructor name, or the receiver's own name
   when it is a function (static methods).  Nothing for plain calls, the
   global object, arrows and constructor calls. */
static void put_receiver_type(WFStringBuilder *sb, JSContext *ctx, JSStackFrame *sf)
{
    JSValueConst name = JS_UNDEFINED;
    if (!JS_IsObject(sf->this_val) || (sf->flags & WF_FRAME_CONSTRUCT) ||
        (sf->b && sf->b->is_arrow))
        return;
    if (wf_obj(sf->this_val) == wf_obj(ctx->global_obj))
        return;
    if (wf_is_callable(sf->this_val)) {
        name = get_data_prop(sf->this_val, JS_ATOM_name);
    } else {
        JSValueConst ctor = get_data_prop(sf->this_val, JS_ATOM_constructor);
        if (JS_IsObject(ctor))
            name = get_data_prop(ctor, JS_ATOM_name);
    }
    if (JS_VALUE_GET_TAG(name) == JS_TAG_STRING && wf_str(name)->len > 0) {
        put_string_value(sb, name);
        wf_sb_puts(sb, ".");
    }
}

/* Function name of a frame for display (data properties only), with
   "new " for constructor calls and the receiver's type for methods. */
static void put_frame_name(WFStringBuilder *sb, JSContext *ctx, JSStackFrame *sf, bool *has_name)
{
    JSValueConst name = JS_UNDEFINED;
    JSAtom atom = JS_ATOM_NULL;
    *has_name = false;
    if (JS_IsObject(sf->cur_func))
        name = get_data_prop(sf->cur_func, JS_ATOM_name);
    if (!(JS_VALUE_GET_TAG(name) == JS_TAG_STRING && wf_str(name)->len > 0)) {
        name = JS_UNDEFINED;
        if (sf->b && sf->b->func_name != JS_ATOM_NULL && sf->b->func_name != JS_ATOM_empty_string &&
            sf->b->code_kind == WF_CODE_FUNCTION)
            atom = sf->b->func_name;
        else
            return;
    }
    if (sf->flags & WF_FRAME_CONSTRUCT)
        wf_sb_puts(sb, "new ");
    else
        put_receiver_type(sb, ctx, sf);
    if (atom != JS_ATOM_NULL)
        put_atom(sb, ctx->rt, atom);
    else
        put_string_value(sb, name);
    *has_name = true;
}

static void put_position(WFStringBuilder *sb, JSContext *ctx, JSStackFrame *sf)
{
    char buf[32];
    int line, col;
    wf_frame_position(sf, &line, &col);
    if (sf->b->filename != JS_ATOM_NULL)
        put_atom(sb, ctx->rt, sf->b->filename);
    else
        wf_sb_puts(sb, "<anonymous>");
    snprintf(buf, sizeof(buf), ":%d:%d", line, col);
    wf_sb_puts(sb, buf);
}

void wf_error_capture_stack(JSContext *ctx, JSValueConst obj, int skip)
{
    wf_error_capture_stack_until(ctx, obj, skip, JS_UNDEFINED);
}

void wf_error_capture_stack_until(JSContext *ctx, JSValueConst obj, int skip, JSValueConst hide_until)
{
    JSRuntime *rt = ctx->rt;
    WFStringBuilder sb;
    JSStackFrame *sf;
    JSValueConst name, msg;
    JSValue str;
    int limit, n = 0;
    bool in_oom = rt->in_out_of_memory;

    if (!JS_IsObject(obj) || in_oom)
        return;
    limit = stack_limit(ctx);
    if (wf_sb_init(ctx, &sb, 64) < 0) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return;
    }
    name = get_data_prop(obj, JS_ATOM_name);
    msg = get_data_prop(obj, JS_ATOM_message);
    if (JS_VALUE_GET_TAG(name) == JS_TAG_STRING)
        put_string_value(&sb, name);
    else if (JS_IsUndefined(name))
        wf_sb_puts(&sb, "Error");
    if (JS_VALUE_GET_TAG(msg) == JS_TAG_STRING && wf_str(msg)->len > 0) {
        if (JS_VALUE_GET_TAG(name) != JS_TAG_STRING || wf_str(name)->len > 0)
            wf_sb_puts(&sb, ": ");
        put_string_value(&sb, msg);
    }

    sf = rt->current_stack_frame;
    /* skip the innermost native frames (the error constructor itself) */
    while (sf && skip > 0 && (sf->flags & WF_FRAME_NATIVE)) {
        sf = sf->prev_frame;
        skip--;
    }
    /* Error.captureStackTrace(obj, fn): drop the frames up to and
       including the innermost call of fn; none left if fn is not found */
    if (JS_IsObject(hide_until)) {
        JSStackFrame *f;
        for (f = sf; f; f = f->prev_frame) {
            if (JS_IsObject(f->cur_func) && wf_obj(f->cur_func) == wf_obj(hide_until))
                break;
            if (f->flags & WF_FRAME_BARRIER) {
                f = NULL;
                break;
            }
        }
        sf = f ? f->prev_frame : NULL;
        if (f && (f->flags & WF_FRAME_BARRIER))
            sf = NULL;
    }
    for (; sf && n < limit; sf = sf->prev_frame, n++) {
        bool has_name;
        wf_sb_puts(&sb, "\n    at ");
        if ((sf->flags & WF_FRAME_NATIVE) || !sf->b) {
            put_frame_name(&sb, ctx, sf, &has_name);
            if (!has_name)
                wf_sb_puts(&sb, "<anonymous>");
            wf_sb_puts(&sb, " (native)");
        } else {
            put_frame_name(&sb, ctx, sf, &has_name);
            if (has_name) {
                wf_sb_puts(&sb, " (");
                put_position(&sb, ctx, sf);
                wf_sb_puts(&sb, ")");
            } else {
                put_position(&sb, ctx, sf);
            }
        }
        if (sf->flags & WF_FRAME_BARRIER)
            break;
    }
    str = wf_sb_finish(&sb);
    if (JS_IsException(str)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return;
    }
    if (wf_obj_define_value(ctx, obj, JS_ATOM_stack, str,
                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        JS_FreeValue(ctx, JS_GetException(ctx));
}
