/*
 * iter.c - the iteration protocol for C callers (ECMA-262 7.4: GetIterator,
 * GetIteratorFromMethod, IteratorStepValue, IteratorClose,
 * CreateIterResultObject).
 *
 * Used by the interpreter (for-of, spread, destructuring, yield*) and by the
 * built-ins (Array.from, Map/Set constructors, Object.fromEntries, ...).
 * Pure protocol: it knows nothing of particular iterator classes, so any
 * fast path for arrays belongs to the caller.
 */
#include "engine/iter.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/function.h"

JSValue wf_get_iterator_from_method(JSContext *ctx, JSValueConst obj, JSValueConst method,
                                    JSValue *pnext)
{
    JSValue iter, next;

    *pnext = JS_UNDEFINED;
    iter = wf_call(ctx, method, obj, 0, NULL);
    if (JS_IsException(iter))
        return iter;
    if (!JS_IsObject(iter)) {
        JS_FreeValue(ctx, iter);
        return JS_ThrowTypeError(ctx, "iterator must be an object");
    }
    next = JS_GetProperty(ctx, iter, JS_ATOM_next);
    if (JS_IsException(next)) {
        JS_FreeValue(ctx, iter);
        return next;
    }
    *pnext = next;
    return iter;
}

JSValue wf_get_iterator(JSContext *ctx, JSValueConst obj, bool is_async, JSValue *pnext)
{
    JSValue method, iter, next;

    *pnext = JS_UNDEFINED;
    if (is_async) {
        method = wf_get_method(ctx, obj, JS_ATOM_Symbol_asyncIterator);
        if (JS_IsException(method))
            return method;
        if (JS_IsUndefined(method)) {
            method = wf_get_method(ctx, obj, JS_ATOM_Symbol_iterator);
            if (JS_IsException(method))
                return method;
            if (JS_IsUndefined(method))
                return JS_ThrowTypeError(ctx, "value is not async iterable");
            iter = wf_get_iterator_from_method(ctx, obj, method, &next);
            JS_FreeValue(ctx, method);
            if (JS_IsException(iter))
                return iter;
            return wf_async_from_sync_iterator(ctx, iter, next, pnext);
        }
    } else {
        method = wf_get_method(ctx, obj, JS_ATOM_Symbol_iterator);
        if (JS_IsException(method))
            return method;
        if (JS_IsUndefined(method))
            return JS_ThrowTypeError(ctx, "value is not iterable");
    }
    iter = wf_get_iterator_from_method(ctx, obj, method, pnext);
    JS_FreeValue(ctx, method);
    return iter;
}

JSValue wf_iterator_step_value(JSContext *ctx, JSValueConst iter, JSValueConst next, bool *pdone)
{
    JSValue res, v;
    int done;

    *pdone = true;
    /* built-in iterators whose result objects nobody else sees */
    {
        int r = wf_array_iterator_step_fast(ctx, iter, next, &v, pdone);
        if (!r)
            r = wf_generator_step_fast(ctx, iter, next, &v, pdone);
        if (r)
            return r < 0 ? JS_EXCEPTION : v;
    }
    res = wf_call(ctx, next, iter, 0, NULL);
    if (JS_IsException(res))
        return res;
    if (!JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        return JS_ThrowTypeError(ctx, "iterator result is not an object");
    }
    v = JS_GetProperty(ctx, res, JS_ATOM_done);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, res);
        return v;
    }
    done = wf_to_boolean(v);
    JS_FreeValue(ctx, v);
    if (done) {
        JS_FreeValue(ctx, res);
        return JS_UNDEFINED;
    }
    v = JS_GetProperty(ctx, res, JS_ATOM_value);
    JS_FreeValue(ctx, res);
    if (!JS_IsException(v))
        *pdone = false;
    return v;
}

/* IteratorClose (7.4.11).  For a throw completion the original exception
   wins over anything `return` does, except an uncatchable error (an
   interrupt), which must keep unwinding; nothing runs at all when the
   original exception is itself uncatchable. */
int wf_iterator_close(JSContext *ctx, JSValueConst iter, bool is_throw)
{
    JSRuntime *rt = ctx->rt;
    JSValue method, res, exc;

    if (is_throw) {
        if (rt->current_exception_is_uncatchable)
            return -1;
        exc = JS_GetException(ctx);
        method = wf_get_method(ctx, iter, JS_ATOM_return);
        if (!JS_IsException(method) && !JS_IsUndefined(method)) {
            res = wf_call(ctx, method, iter, 0, NULL);
            JS_FreeValue(ctx, res);
        }
        JS_FreeValue(ctx, method);
        if (JS_HasException(ctx)) {
            if (rt->current_exception_is_uncatchable) {
                JS_FreeValue(ctx, exc);
                return -1;
            }
            JS_FreeValue(ctx, JS_GetException(ctx));
        }
        JS_Throw(ctx, exc);
        return -1;
    }
    method = wf_get_method(ctx, iter, JS_ATOM_return);
    if (JS_IsException(method))
        return -1;
    if (JS_IsUndefined(method))
        return 0;
    res = wf_call_free(ctx, method, iter, 0, NULL);
    if (JS_IsException(res))
        return -1;
    if (!JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        JS_ThrowTypeError(ctx, "iterator return() result is not an object");
        return -1;
    }
    JS_FreeValue(ctx, res);
    return 0;
}

JSValue wf_iter_result(JSContext *ctx, JSValue value, bool done)
{
    JSValue obj = JS_NewObject(ctx);
    JSProperty *pr;

    if (JS_IsException(obj)) {
        JS_FreeValue(ctx, value);
        return obj;
    }
    /* a fresh ordinary object: the properties are added without checks */
    pr = wf_obj_add_property(ctx, wf_obj(obj), JS_ATOM_value, JS_PROP_C_W_E);
    if (!pr) {
        JS_FreeValue(ctx, value);
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    pr->u.value = value;
    pr = wf_obj_add_property(ctx, wf_obj(obj), JS_ATOM_done, JS_PROP_C_W_E);
    if (!pr) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    pr->u.value = JS_NewBool(ctx, done);
    return obj;
}
