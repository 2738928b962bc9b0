/*
 * array_async.c - Array.fromAsync (ES2026, 23.1.2.2): the asynchronous
 * Array.from, for async iterables, sync iterables (through
 * CreateAsyncFromSyncIterator) and array-likes.
 *
 * The spec writes it as an async abstract closure run by
 * AsyncFunctionStart.  Here it is a small state machine: each Await is
 * PromiseResolve(%Promise%, v) + PerformPromiseThen with two C closures
 * that resume the machine (so it takes exactly the ticks an `await`
 * takes), and any abrupt completion rejects the returned promise.  The
 * machine's state lives in a dense internal Array (so the collector sees
 * every value it holds) shared by the closures; JavaScript never sees it.
 */
#include "builtins/builtins.h"
#include "builtins/array_int.h"

#define MAX_SAFE_INT 9007199254740991LL

/* Slots of the state array. */
enum {
    S_C,            /* the this value of Array.fromAsync */
    S_ITER,         /* iterator (iterator mode) or arrayLike */
    S_NEXT,         /* the iterator's next method; undefined: array-like mode */
    S_MAPFN,        /* undefined: no mapping */
    S_THIS,         /* thisArg */
    S_A,            /* the result */
    S_RESOLVE,
    S_REJECT,
    S_K,            /* index, a number */
    S_LEN,          /* array-like length, a number */
    S_ERR,          /* the error being thrown while the iterator closes */
    S_COUNT
};

/* What an Await resumes (closure magic = kind * 2 + is_reject). */
enum {
    AW_NEXT,            /* Await(nextResult) */
    AW_MAPPED_ITER,     /* Await(mappedValue), iterator mode */
    AW_CLOSE,           /* Await(return()) in AsyncIteratorClose with a throw */
    AW_VALUE,           /* Await(kValue), array-like mode */
    AW_MAPPED_LIKE,     /* Await(mappedValue), array-like mode */
};

static JSValue *slots(JSValueConst state)
{
    JSValue *v;
    uint32_t n;
    if (!wf_array_get_fast(state, &v, &n) || n != S_COUNT)
        return NULL;    /* cannot happen: the array never escapes */
    return v;
}

static void slot_set(JSContext *ctx, JSValueConst state, int i, JSValue v)
{
    JSValue *s = slots(state), old = s[i];
    s[i] = v;
    JS_FreeValue(ctx, old);
}

static int64_t slot_int(JSValueConst state, int i)
{
    JSValue v = slots(state)[i];
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT)
        return JS_VALUE_GET_INT(v);
    return (int64_t)JS_VALUE_GET_FLOAT64(v);
}

/* Settle the result promise; returns JS_UNDEFINED. */
static JSValue settle(JSContext *ctx, JSValueConst state, bool is_reject, JSValueConst v)
{
    JSValue f = JS_DupValue(ctx, slots(state)[is_reject ? S_REJECT : S_RESOLVE]);
    JSValue r = wf_call(ctx, f, JS_UNDEFINED, 1, &v);
    JS_FreeValue(ctx, f);
    if (JS_IsException(r))
        return JS_EXCEPTION;
    JS_FreeValue(ctx, r);
    return JS_UNDEFINED;
}

/* Reject with the pending exception, unless it is uncatchable (interrupt,
   out of memory): that one propagates. */
static JSValue reject_pending(JSContext *ctx, JSValueConst state)
{
    JSValue exc, r;
    if (ctx->rt->current_exception_is_uncatchable)
        return JS_EXCEPTION;
    exc = JS_GetException(ctx);
    r = settle(ctx, state, true, exc);
    JS_FreeValue(ctx, exc);
    return r;
}

static JSValue resume(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                      int magic, JSValueConst *data);

/* Await(v) then resume with `kind`; v consumed.  -1 with an exception. */
static int await_value(JSContext *ctx, JSValueConst state, JSValue v, int kind)
{
    JSValue p, on_ok, on_err;
    int r;

    p = wf_promise_resolve(ctx, ctx->promise_ctor, v);
    JS_FreeValue(ctx, v);
    if (JS_IsException(p))
        return -1;
    on_ok = JS_NewCFunctionData(ctx, resume, 1, kind * 2, 1, &state);
    on_err = JS_NewCFunctionData(ctx, resume, 1, kind * 2 + 1, 1, &state);
    if (JS_IsException(on_ok) || JS_IsException(on_err))
        r = -1;
    else
        r = wf_promise_then(ctx, p, on_ok, on_err, NULL);
    JS_FreeValue(ctx, on_ok);
    JS_FreeValue(ctx, on_err);
    JS_FreeValue(ctx, p);
    return r;
}

/* AsyncIteratorClose(iteratorRecord, ThrowCompletion(err)); err consumed.
   The error always wins; `return` is still called and its result awaited. */
static JSValue close_with(JSContext *ctx, JSValueConst state, JSValue err)
{
    JSValueConst iter = slots(state)[S_ITER];
    JSValue ret, r;

    ret = wf_get_method(ctx, iter, JS_ATOM_return);
    if (JS_IsException(ret) || JS_IsUndefined(ret))
        goto reject;
    r = wf_call(ctx, ret, iter, 0, NULL);
    JS_FreeValue(ctx, ret);
    if (JS_IsException(r))
        goto reject;
    slot_set(ctx, state, S_ERR, err);
    if (await_value(ctx, state, r, AW_CLOSE) < 0) {
        err = JS_DupValue(ctx, slots(state)[S_ERR]);
        goto reject;
    }
    return JS_UNDEFINED;
reject:
    if (ctx->rt->current_exception_is_uncatchable) {
        JS_FreeValue(ctx, err);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, JS_GetException(ctx));
    r = settle(ctx, state, true, err);
    JS_FreeValue(ctx, err);
    return r;
}

static JSValue close_pending(JSContext *ctx, JSValueConst state)
{
    if (ctx->rt->current_exception_is_uncatchable)
        return JS_EXCEPTION;
    return close_with(ctx, state, JS_GetException(ctx));
}

/* Set(A, "length", len, true), then resolve with A. */
static JSValue finish(JSContext *ctx, JSValueConst state, int64_t len)
{
    JSValueConst a = slots(state)[S_A];
    if (JS_SetProperty(ctx, a, JS_ATOM_length, JS_NewInt64(ctx, len)) < 0)
        return reject_pending(ctx, state);
    return settle(ctx, state, false, slots(state)[S_A]);
}

/* Iterator mode, step iv: call next() and await its result. */
static JSValue step_iter(JSContext *ctx, JSValueConst state)
{
    int64_t k = slot_int(state, S_K);
    JSValue r;

    if (k >= MAX_SAFE_INT) {
        JS_ThrowTypeError(ctx, "Array.fromAsync: too many elements");
        return close_pending(ctx, state);
    }
    r = wf_call(ctx, slots(state)[S_NEXT], slots(state)[S_ITER], 0, NULL);
    if (JS_IsException(r) || await_value(ctx, state, r, AW_NEXT) < 0)
        return reject_pending(ctx, state);
    return JS_UNDEFINED;
}

/* CreateDataPropertyOrThrow(A, k, v) and k + 1; v consumed. */
static int put_next(JSContext *ctx, JSValueConst state, JSValue v)
{
    int64_t k = slot_int(state, S_K);
    if (wf_obj_define_int64(ctx, slots(state)[S_A], k, v, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
        return -1;
    slot_set(ctx, state, S_K, JS_NewInt64(ctx, k + 1));
    return 0;
}

/* Iterator mode: the awaited result of next(). */
static JSValue on_next_result(JSContext *ctx, JSValueConst state, JSValueConst res)
{
    JSValue done_v, value, mapped, args[2];
    int done;

    if (!JS_IsObject(res)) {
        wf_throw_not_object(ctx, res);
        return reject_pending(ctx, state);
    }
    done_v = JS_GetProperty(ctx, res, JS_ATOM_done);
    if (JS_IsException(done_v))
        return reject_pending(ctx, state);
    done = JS_ToBool(ctx, done_v);
    JS_FreeValue(ctx, done_v);
    if (done)
        return finish(ctx, state, slot_int(state, S_K));
    value = JS_GetProperty(ctx, res, JS_ATOM_value);
    if (JS_IsException(value))
        return reject_pending(ctx, state);
    if (JS_IsUndefined(slots(state)[S_MAPFN])) {
        if (put_next(ctx, state, value) < 0)
            return close_pending(ctx, state);
        return step_iter(ctx, state);
    }
    args[0] = value;
    args[1] = JS_NewInt64(ctx, slot_int(state, S_K));
    mapped = wf_call(ctx, slots(state)[S_MAPFN], slots(state)[S_THIS], 2, args);
    JS_FreeValue(ctx, value);
    if (JS_IsException(mapped) || await_value(ctx, state, mapped, AW_MAPPED_ITER) < 0)
        return close_pending(ctx, state);
    return JS_UNDEFINED;
}

/* Array-like mode, step vii: Get(arrayLike, k) and await it, or finish. */
static JSValue step_like(JSContext *ctx, JSValueConst state)
{
    int64_t k = slot_int(state, S_K), len = slot_int(state, S_LEN);
    JSValue v;

    if (k >= len)
        return finish(ctx, state, len);
    v = wf_obj_get_int64(ctx, slots(state)[S_ITER], k);
    if (JS_IsException(v) || await_value(ctx, state, v, AW_VALUE) < 0)
        return reject_pending(ctx, state);
    return JS_UNDEFINED;
}

static JSValue resume(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                      int magic, JSValueConst *data)
{
    JSValueConst state = data[0];
    JSValueConst v = argc > 0 ? argv[0] : JS_UNDEFINED;
    bool is_reject = magic & 1;
    JSValue mapped, args[2];

    (void)this_val;
    switch (magic >> 1) {
    case AW_NEXT:
        if (is_reject)
            return settle(ctx, state, true, v);
        return on_next_result(ctx, state, v);
    case AW_MAPPED_ITER:
        if (is_reject)
            return close_with(ctx, state, JS_DupValue(ctx, v));
        if (put_next(ctx, state, JS_DupValue(ctx, v)) < 0)
            return close_pending(ctx, state);
        return step_iter(ctx, state);
    case AW_CLOSE:
        /* the original error wins over whatever return() gave */
        return settle(ctx, state, true, slots(state)[S_ERR]);
    case AW_VALUE:
        if (is_reject)
            return settle(ctx, state, true, v);
        if (JS_IsUndefined(slots(state)[S_MAPFN])) {
            if (put_next(ctx, state, JS_DupValue(ctx, v)) < 0)
                return reject_pending(ctx, state);
            return step_like(ctx, state);
        }
        args[0] = (JSValue)v;
        args[1] = JS_NewInt64(ctx, slot_int(state, S_K));
        mapped = wf_call(ctx, slots(state)[S_MAPFN], slots(state)[S_THIS], 2, args);
        if (JS_IsException(mapped) || await_value(ctx, state, mapped, AW_MAPPED_LIKE) < 0)
            return reject_pending(ctx, state);
        return JS_UNDEFINED;
    case AW_MAPPED_LIKE:
        if (is_reject)
            return settle(ctx, state, true, v);
        if (put_next(ctx, state, JS_DupValue(ctx, v)) < 0)
            return reject_pending(ctx, state);
        return step_like(ctx, state);
    default:
        return JS_UNDEFINED;
    }
}

/* The synchronous start of the closure (up to the first Await). */
static JSValue start(JSContext *ctx, JSValueConst state, JSValueConst items)
{
    JSValueConst c = slots(state)[S_C];
    JSValueConst mapfn = slots(state)[S_MAPFN];
    JSValue using_async = JS_UNDEFINED, using_sync = JS_UNDEFINED;
    JSValue iter, next = JS_UNDEFINED, a, obj, lenv;
    int64_t len;

    if (!JS_IsUndefined(mapfn) && !wf_is_callable(mapfn)) {
        wf_throw_not_function(ctx, mapfn);
        return reject_pending(ctx, state);
    }
    using_async = wf_get_method(ctx, items, JS_ATOM_Symbol_asyncIterator);
    if (JS_IsException(using_async))
        return reject_pending(ctx, state);
    if (JS_IsUndefined(using_async)) {
        using_sync = wf_get_method(ctx, items, JS_ATOM_Symbol_iterator);
        if (JS_IsException(using_sync))
            return reject_pending(ctx, state);
    }
    if (!JS_IsUndefined(using_async) || !JS_IsUndefined(using_sync)) {
        if (!JS_IsUndefined(using_async)) {
            iter = wf_get_iterator_from_method(ctx, items, using_async, &next);
            JS_FreeValue(ctx, using_async);
        } else {
            JSValue sync_next = JS_UNDEFINED;
            JSValue sync = wf_get_iterator_from_method(ctx, items, using_sync, &sync_next);
            JS_FreeValue(ctx, using_sync);
            iter = JS_IsException(sync) ? JS_EXCEPTION
                                        : wf_async_from_sync_iterator(ctx, sync, sync_next, &next);
        }
        if (JS_IsException(iter))
            return reject_pending(ctx, state);
        slot_set(ctx, state, S_ITER, iter);
        slot_set(ctx, state, S_NEXT, next);
        if (wf_is_constructor(c))
            a = JS_CallConstructor(ctx, c, 0, NULL);
        else
            a = wf_array_create(ctx, 0, ctx->class_proto[JS_CLASS_ARRAY]);
        if (JS_IsException(a))
            return reject_pending(ctx, state);
        slot_set(ctx, state, S_A, a);
        return step_iter(ctx, state);
    }

    /* neither async nor sync iterable: an array-like */
    obj = wf_to_object(ctx, items);
    if (JS_IsException(obj))
        return reject_pending(ctx, state);
    slot_set(ctx, state, S_ITER, obj);
    lenv = JS_GetProperty(ctx, obj, JS_ATOM_length);
    if (JS_IsException(lenv))
        return reject_pending(ctx, state);
    if (wf_to_length(ctx, &len, lenv) < 0) {
        JS_FreeValue(ctx, lenv);
        return reject_pending(ctx, state);
    }
    JS_FreeValue(ctx, lenv);
    if (wf_is_constructor(c)) {
        JSValue arg = JS_NewInt64(ctx, len);
        a = JS_CallConstructor(ctx, c, 1, &arg);
    } else {
        a = wf_array_create(ctx, (uint64_t)len, ctx->class_proto[JS_CLASS_ARRAY]);
    }
    if (JS_IsException(a))
        return reject_pending(ctx, state);
    slot_set(ctx, state, S_A, a);
    slot_set(ctx, state, S_LEN, JS_NewInt64(ctx, len));
    return step_like(ctx, state);
}

/* Array.fromAsync ( asyncItems [ , mapfn [ , thisArg ] ] ) */
JSValue wf_array_from_async(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst items = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValue funcs[2], promise, state, r, init[S_COUNT];
    int i;

    promise = wf_promise_new_capability(ctx, JS_UNDEFINED, funcs);
    if (JS_IsException(promise))
        return promise;
    for (i = 0; i < S_COUNT; i++)
        init[i] = JS_UNDEFINED;
    init[S_C] = JS_DupValue(ctx, this_val);
    init[S_MAPFN] = JS_DupValue(ctx, argc > 1 ? argv[1] : JS_UNDEFINED);
    init[S_THIS] = JS_DupValue(ctx, argc > 2 ? argv[2] : JS_UNDEFINED);
    init[S_RESOLVE] = funcs[0];
    init[S_REJECT] = funcs[1];
    init[S_K] = JS_NewInt32(ctx, 0);
    init[S_LEN] = JS_NewInt32(ctx, 0);
    state = wf_array_from_values(ctx, S_COUNT, init);
    if (JS_IsException(state)) {
        JS_FreeValue(ctx, promise);
        return state;
    }
    r = start(ctx, state, items);
    JS_FreeValue(ctx, state);
    if (JS_IsException(r)) {
        JS_FreeValue(ctx, promise);
        return r;
    }
    return promise;
}
