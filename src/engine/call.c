/*
 * call.c - Call(F, V, args), Construct(F, args, newTarget) and
 * Invoke(V, P, args) (ECMA-262 7.3.13-7.3.15) for C callers, and their
 * public API.
 *
 * A call dispatches on the callee's class `call` hook (state.h JSClass):
 * bytecode functions (interp.c), C functions and bound functions
 * (builtins/function.c), proxies...  For [[Construct]] the hook receives
 * new_target in this_val and JS_CALL_FLAG_CONSTRUCTOR in flags.  Every entry
 * checks the C stack so deep C recursion (getters calling getters...)
 * raises RangeError instead of crashing.
 */
#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/function.h"
#include "engine/error.h"

JSValue wf_call(JSContext *ctx, JSValueConst func, JSValueConst this_obj,
                int argc, JSValueConst *argv)
{
    JSRuntime *rt = ctx->rt;
    JSObject *p;
    JSClassCall *call;

    if (js_unlikely(!JS_IsObject(func) || !wf_obj(func)->is_callable))
        return wf_throw_not_function(ctx, func);
    p = wf_obj(func);
    call = rt->class_array[p->class_id].call;
    if (js_unlikely(!call))
        return wf_throw_not_function(ctx, func);
    if (js_unlikely(p->is_class_ctor))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "class constructors must be invoked with 'new'");
    if (js_unlikely(wf_check_stack_overflow(rt, 0)))
        return wf_throw_stack_overflow(ctx);
    return call(ctx, func, this_obj, argc, argv, 0);
}

JSValue wf_call_free(JSContext *ctx, JSValue func, JSValueConst this_obj,
                     int argc, JSValueConst *argv)
{
    JSValue r = wf_call(ctx, func, this_obj, argc, argv);
    JS_FreeValue(ctx, func);
    return r;
}

JSValue wf_construct(JSContext *ctx, JSValueConst func, JSValueConst new_target,
                     int argc, JSValueConst *argv)
{
    JSRuntime *rt = ctx->rt;
    JSClassCall *call;

    if (js_unlikely(!wf_is_constructor(func)))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "not a constructor");
    call = rt->class_array[wf_obj(func)->class_id].call;
    if (js_unlikely(!call))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "not a constructor");
    if (js_unlikely(wf_check_stack_overflow(rt, 0)))
        return wf_throw_stack_overflow(ctx);
    return call(ctx, func, new_target, argc, argv, JS_CALL_FLAG_CONSTRUCTOR);
}

JSValue wf_invoke(JSContext *ctx, JSValueConst this_obj, JSAtom method,
                  int argc, JSValueConst *argv)
{
    JSValue f = wf_obj_get(ctx, this_obj, method, this_obj);
    if (JS_IsException(f))
        return f;
    return wf_call_free(ctx, f, this_obj, argc, argv);
}

JSValue JS_Call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_obj,
                int argc, JSValueConst *argv)
{
    return wf_call(ctx, func_obj, this_obj, argc, argv);
}

JSValue JS_Invoke(JSContext *ctx, JSValueConst this_val, JSAtom atom,
                  int argc, JSValueConst *argv)
{
    return wf_invoke(ctx, this_val, atom, argc, argv);
}

JSValue JS_CallConstructor(JSContext *ctx, JSValueConst func_obj,
                           int argc, JSValueConst *argv)
{
    return wf_construct(ctx, func_obj, func_obj, argc, argv);
}

JSValue JS_CallConstructor2(JSContext *ctx, JSValueConst func_obj,
                            JSValueConst new_target, int argc, JSValueConst *argv)
{
    return wf_construct(ctx, func_obj, new_target, argc, argv);
}
