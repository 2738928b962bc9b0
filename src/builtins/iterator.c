/*
 * iterator.c - %IteratorPrototype%, the Iterator constructor and the
 * iterator helpers (ECMA-262 27.1.2 - 27.1.4, Iterator.concat from
 * ES2026), and %AsyncIteratorPrototype% (27.1.3).
 *
 * The spec writes the lazy helpers (map, filter, take, drop, flatMap,
 * concat) as generator closures.  Here each helper object (class
 * ITERATOR_HELPER) is a small state machine: its state follows the
 * generator states (suspended-start, suspended-yield, executing,
 * completed) so re-entrancy and return() behave as the spec's
 * GeneratorResume / GeneratorResumeAbrupt describe.  Iterator.from's
 * wrapper (%WrapForValidIteratorPrototype%) is class ITERATOR_WRAP.
 *
 * Also %AsyncFromSyncIteratorPrototype% (27.1.6): for-await and yield* over
 * a sync iterable go through wf_get_iterator (engine/iter.c), which calls
 * wf_async_from_sync_iterator here because it needs the promise family.
 */
#include <math.h>
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define MAX_SAFE_INTEGER 9007199254740991.0

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

/* ---------------------------------------------------------------------- */
/* Helper objects                                                          */

typedef enum HelperKind {
    HELPER_MAP,
    HELPER_FILTER,
    HELPER_TAKE,
    HELPER_DROP,
    HELPER_FLAT_MAP,
    HELPER_CONCAT,
} HelperKind;

typedef enum HelperState {
    ST_SUSPENDED_START,
    ST_SUSPENDED_YIELD,
    ST_EXECUTING,
    ST_COMPLETED,
} HelperState;

typedef struct IterHelper {
    uint8_t kind;               /* HelperKind */
    uint8_t state;              /* HelperState */
    bool inner_alive;           /* flatMap / concat: inside inner_iter */
    JSValue iter;               /* underlying iterator record (undefined for concat) */
    JSValue next;
    JSValue func;               /* mapper / predicate */
    double remaining;           /* take / drop: what is left of the limit (may be +inf) */
    int64_t counter;
    JSValue inner_iter;         /* flatMap / concat: current inner iterator record */
    JSValue inner_next;
    /* concat: the (iterable, open method) pairs still to visit */
    uint32_t concat_count;
    uint32_t concat_pos;
    JSValue *concat_items;      /* 2 * concat_count values */
} IterHelper;

typedef struct IterWrap {
    JSValue iter;
    JSValue next;
} IterWrap;

/* Drop everything the helper holds: called when it completes. */
static void helper_release(JSRuntime *rt, IterHelper *h)
{
    uint32_t i;

    JS_FreeValueRT(rt, h->iter);
    JS_FreeValueRT(rt, h->next);
    JS_FreeValueRT(rt, h->func);
    JS_FreeValueRT(rt, h->inner_iter);
    JS_FreeValueRT(rt, h->inner_next);
    h->iter = h->next = h->func = h->inner_iter = h->inner_next = JS_UNDEFINED;
    if (h->concat_items) {
        for (i = 0; i < 2 * h->concat_count; i++)
            JS_FreeValueRT(rt, h->concat_items[i]);
        js_free_rt(rt, h->concat_items);
        h->concat_items = NULL;
    }
    h->concat_count = h->concat_pos = 0;
    h->inner_alive = false;
}

static void helper_finalizer(JSRuntime *rt, JSValueConst val)
{
    IterHelper *h = wf_obj(val)->u.ptr;

    if (h) {
        helper_release(rt, h);
        js_free_rt(rt, h);
        wf_obj(val)->u.ptr = NULL;
    }
}

static void helper_gc_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    IterHelper *h = wf_obj(val)->u.ptr;
    uint32_t i;

    if (!h)
        return;
    JS_MarkValue(rt, h->iter, mark_func);
    JS_MarkValue(rt, h->next, mark_func);
    JS_MarkValue(rt, h->func, mark_func);
    JS_MarkValue(rt, h->inner_iter, mark_func);
    JS_MarkValue(rt, h->inner_next, mark_func);
    for (i = 0; h->concat_items && i < 2 * h->concat_count; i++)
        JS_MarkValue(rt, h->concat_items[i], mark_func);
}

static void wrap_finalizer(JSRuntime *rt, JSValueConst val)
{
    IterWrap *w = wf_obj(val)->u.ptr;

    if (w) {
        JS_FreeValueRT(rt, w->iter);
        JS_FreeValueRT(rt, w->next);
        js_free_rt(rt, w);
        wf_obj(val)->u.ptr = NULL;
    }
}

static void wrap_gc_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    IterWrap *w = wf_obj(val)->u.ptr;

    if (w) {
        JS_MarkValue(rt, w->iter, mark_func);
        JS_MarkValue(rt, w->next, mark_func);
    }
}

/* New helper object; iter and next consumed (may be undefined). */
static JSValue helper_new(JSContext *ctx, HelperKind kind, JSValue iter, JSValue next,
                          JSValueConst func, double remaining)
{
    JSValue obj;
    IterHelper *h;

    obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_ITERATOR_HELPER], JS_CLASS_ITERATOR_HELPER);
    if (JS_IsException(obj))
        goto fail;
    h = js_mallocz(ctx, sizeof(*h));
    if (!h) {
        JS_FreeValue(ctx, obj);
        goto fail;
    }
    h->kind = (uint8_t)kind;
    h->state = ST_SUSPENDED_START;
    h->iter = iter;
    h->next = next;
    h->func = JS_DupValue(ctx, func);
    h->remaining = remaining;
    h->inner_iter = JS_UNDEFINED;
    h->inner_next = JS_UNDEFINED;
    wf_obj(obj)->u.ptr = h;
    return obj;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------- */
/* Iterator records                                                        */

/* GetIteratorDirect (7.4.2): *pnext = obj.next (not checked for
   callability: the spec calls it later and lets that fail). */
static int get_iterator_direct(JSContext *ctx, JSValueConst obj, JSValue *pnext)
{
    *pnext = JS_GetProperty(ctx, obj, JS_ATOM_next);
    return JS_IsException(*pnext) ? -1 : 0;
}

/* IteratorStep without reading `value`: -1 exception, 0 more, 1 done. */
static int iterator_step(JSContext *ctx, JSValueConst iter, JSValueConst next)
{
    JSValue res, d;
    int done;

    res = wf_call(ctx, next, iter, 0, NULL);
    if (JS_IsException(res))
        return -1;
    if (!JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        JS_ThrowTypeError(ctx, "iterator result is not an object");
        return -1;
    }
    d = JS_GetProperty(ctx, res, JS_ATOM_done);
    JS_FreeValue(ctx, res);
    if (JS_IsException(d))
        return -1;
    done = wf_to_boolean(d);
    JS_FreeValue(ctx, d);
    return done ? 1 : 0;
}

/* GetIteratorFlattenable (7.4.13).  Returns the iterator, *pnext its next
   method; strings are iterated only when allow_strings. */
static JSValue get_iterator_flattenable(JSContext *ctx, JSValueConst obj, bool allow_strings,
                                        JSValue *pnext)
{
    JSValue method, iter;

    *pnext = JS_UNDEFINED;
    if (!JS_IsObject(obj) && !(allow_strings && JS_IsString(obj)))
        return JS_ThrowTypeError(ctx, "value is not an object");
    method = wf_get_method(ctx, obj, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return method;
    if (JS_IsUndefined(method))
        iter = JS_DupValue(ctx, obj);
    else
        iter = wf_call_free(ctx, method, obj, 0, NULL);
    if (JS_IsException(iter))
        return iter;
    if (!JS_IsObject(iter)) {
        JS_FreeValue(ctx, iter);
        return JS_ThrowTypeError(ctx, "iterator is not an object");
    }
    if (get_iterator_direct(ctx, iter, pnext) < 0) {
        JS_FreeValue(ctx, iter);
        return JS_EXCEPTION;
    }
    return iter;
}

/* Throws the pending error after closing obj as an iterator whose next
   method was never read (the argument checks of the prototype methods). */
static JSValue close_with_error(JSContext *ctx, JSValueConst obj)
{
    wf_iterator_close(ctx, obj, true);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------- */
/* Running a helper                                                        */

/* IfAbruptCloseIterator on the underlying iterator, keeping the error. */
static int close_outer_throw(JSContext *ctx, IterHelper *h)
{
    wf_iterator_close(ctx, h->iter, true);
    return -1;
}

/* Runs the helper's closure up to its next Yield: 1 and *pvalue set when it
   yields, 0 when it returns, -1 when it throws. */
static int helper_step(JSContext *ctx, IterHelper *h, JSValue *pvalue)
{
    JSValue v, r, args[2];
    bool done;
    int t;

    *pvalue = JS_UNDEFINED;
    switch (h->kind) {
    case HELPER_MAP:
        v = wf_iterator_step_value(ctx, h->iter, h->next, &done);
        if (JS_IsException(v))
            return -1;
        if (done)
            return 0;
        args[0] = v;
        args[1] = JS_NewInt64(ctx, h->counter);
        r = wf_call(ctx, h->func, JS_UNDEFINED, 2, args);
        JS_FreeValue(ctx, v);
        if (JS_IsException(r))
            return close_outer_throw(ctx, h);
        h->counter++;
        *pvalue = r;
        return 1;

    case HELPER_FILTER:
        for (;;) {
            v = wf_iterator_step_value(ctx, h->iter, h->next, &done);
            if (JS_IsException(v))
                return -1;
            if (done)
                return 0;
            args[0] = v;
            args[1] = JS_NewInt64(ctx, h->counter);
            r = wf_call(ctx, h->func, JS_UNDEFINED, 2, args);
            if (JS_IsException(r)) {
                JS_FreeValue(ctx, v);
                return close_outer_throw(ctx, h);
            }
            h->counter++;
            t = wf_to_boolean(r);
            JS_FreeValue(ctx, r);
            if (t) {
                *pvalue = v;
                return 1;
            }
            JS_FreeValue(ctx, v);
        }

    case HELPER_TAKE:
        if (h->remaining == 0) {
            /* IteratorClose(iterated, ReturnCompletion(undefined)) */
            if (wf_iterator_close(ctx, h->iter, false) < 0)
                return -1;
            return 0;
        }
        if (!isinf(h->remaining))
            h->remaining--;
        v = wf_iterator_step_value(ctx, h->iter, h->next, &done);
        if (JS_IsException(v))
            return -1;
        if (done)
            return 0;
        *pvalue = v;
        return 1;

    case HELPER_DROP:
        while (h->remaining > 0) {
            if (!isinf(h->remaining))
                h->remaining--;
            t = iterator_step(ctx, h->iter, h->next);
            if (t < 0)
                return -1;
            if (t)
                return 0;
        }
        v = wf_iterator_step_value(ctx, h->iter, h->next, &done);
        if (JS_IsException(v))
            return -1;
        if (done)
            return 0;
        *pvalue = v;
        return 1;

    case HELPER_FLAT_MAP:
        for (;;) {
            if (!h->inner_alive) {
                v = wf_iterator_step_value(ctx, h->iter, h->next, &done);
                if (JS_IsException(v))
                    return -1;
                if (done)
                    return 0;
                args[0] = v;
                args[1] = JS_NewInt64(ctx, h->counter);
                r = wf_call(ctx, h->func, JS_UNDEFINED, 2, args);
                JS_FreeValue(ctx, v);
                if (JS_IsException(r))
                    return close_outer_throw(ctx, h);
                h->inner_iter = get_iterator_flattenable(ctx, r, false, &h->inner_next);
                JS_FreeValue(ctx, r);
                if (JS_IsException(h->inner_iter)) {
                    h->inner_iter = JS_UNDEFINED;
                    return close_outer_throw(ctx, h);
                }
                h->inner_alive = true;
                h->counter++;
            }
            v = wf_iterator_step_value(ctx, h->inner_iter, h->inner_next, &done);
            if (JS_IsException(v))
                return close_outer_throw(ctx, h);
            if (!done) {
                *pvalue = v;
                return 1;
            }
            h->inner_alive = false;
            JS_FreeValue(ctx, h->inner_iter);
            JS_FreeValue(ctx, h->inner_next);
            h->inner_iter = h->inner_next = JS_UNDEFINED;
        }

    case HELPER_CONCAT:
        for (;;) {
            if (!h->inner_alive) {
                JSValueConst item, method;
                if (h->concat_pos >= h->concat_count)
                    return 0;
                item = h->concat_items[2 * h->concat_pos];
                method = h->concat_items[2 * h->concat_pos + 1];
                h->concat_pos++;
                r = wf_call(ctx, method, item, 0, NULL);
                if (JS_IsException(r))
                    return -1;
                if (!JS_IsObject(r)) {
                    JS_FreeValue(ctx, r);
                    JS_ThrowTypeError(ctx, "iterator is not an object");
                    return -1;
                }
                if (get_iterator_direct(ctx, r, &h->inner_next) < 0) {
                    JS_FreeValue(ctx, r);
                    return -1;
                }
                h->inner_iter = r;
                h->inner_alive = true;
            }
            v = wf_iterator_step_value(ctx, h->inner_iter, h->inner_next, &done);
            if (JS_IsException(v))
                return -1;
            if (!done) {
                *pvalue = v;
                return 1;
            }
            h->inner_alive = false;
            JS_FreeValue(ctx, h->inner_iter);
            JS_FreeValue(ctx, h->inner_next);
            h->inner_iter = h->inner_next = JS_UNDEFINED;
        }
    }
    return 0;
}

/* A return completion delivered at the helper's Yield (GeneratorResumeAbrupt
   on a suspended-yield helper): close what the closure holds. */
static int helper_close(JSContext *ctx, IterHelper *h)
{
    switch (h->kind) {
    case HELPER_FLAT_MAP:
        if (h->inner_alive) {
            if (wf_iterator_close(ctx, h->inner_iter, false) < 0)
                return close_outer_throw(ctx, h);
        }
        return wf_iterator_close(ctx, h->iter, false);
    case HELPER_CONCAT:
        if (h->inner_alive)
            return wf_iterator_close(ctx, h->inner_iter, false);
        return 0;
    default:
        return wf_iterator_close(ctx, h->iter, false);
    }
}

static IterHelper *this_helper(JSContext *ctx, JSValueConst this_val, const char *method)
{
    JSObject *p = wf_this_class(ctx, this_val, JS_CLASS_ITERATOR_HELPER, method);
    IterHelper *h;

    if (!p)
        return NULL;
    h = p->u.ptr;
    if (h->state == ST_EXECUTING) {
        JS_ThrowTypeError(ctx, "iterator helper is already running");
        return NULL;
    }
    return h;
}

/* %IteratorHelperPrototype%.next (27.1.2.1.1). */
static JSValue js_iterator_helper_next(JSContext *ctx, JSValueConst this_val,
                                       int argc, JSValueConst *argv)
{
    IterHelper *h = this_helper(ctx, this_val, "Iterator Helper next");
    JSValue value;
    int r;

    (void)argc;
    (void)argv;
    if (!h)
        return JS_EXCEPTION;
    if (h->state == ST_COMPLETED)
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    h->state = ST_EXECUTING;
    r = helper_step(ctx, h, &value);
    if (r <= 0) {
        h->state = ST_COMPLETED;
        helper_release(ctx->rt, h);
        if (r < 0)
            return JS_EXCEPTION;
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    }
    h->state = ST_SUSPENDED_YIELD;
    return wf_iter_result(ctx, value, false);
}

/* %IteratorHelperPrototype%.return (27.1.2.1.2). */
static JSValue js_iterator_helper_return(JSContext *ctx, JSValueConst this_val,
                                         int argc, JSValueConst *argv)
{
    IterHelper *h = this_helper(ctx, this_val, "Iterator Helper return");
    int r = 0;

    (void)argc;
    (void)argv;
    if (!h)
        return JS_EXCEPTION;
    switch (h->state) {
    case ST_SUSPENDED_START:
        h->state = ST_COMPLETED;
        /* concat has no underlying iterator before it starts */
        if (h->kind != HELPER_CONCAT)
            r = wf_iterator_close(ctx, h->iter, false);
        break;
    case ST_SUSPENDED_YIELD:
        h->state = ST_EXECUTING;
        r = helper_close(ctx, h);
        h->state = ST_COMPLETED;
        break;
    default:
        break;
    }
    helper_release(ctx->rt, h);
    if (r < 0)
        return JS_EXCEPTION;
    return wf_iter_result(ctx, JS_UNDEFINED, true);
}

/* ---------------------------------------------------------------------- */
/* Iterator.prototype methods                                              */

/* map / filter / flatMap (magic = HelperKind). */
static JSValue js_iterator_proto_map(JSContext *ctx, JSValueConst this_val,
                                     int argc, JSValueConst *argv, int magic)
{
    JSValueConst func = arg(argc, argv, 0);
    JSValue next;

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    if (!wf_is_callable(func)) {
        wf_throw_not_function(ctx, func);
        return close_with_error(ctx, this_val);
    }
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    return helper_new(ctx, (HelperKind)magic, JS_DupValue(ctx, this_val), next, func, 0);
}

/* take / drop (magic = HelperKind). */
static JSValue js_iterator_proto_take(JSContext *ctx, JSValueConst this_val,
                                      int argc, JSValueConst *argv, int magic)
{
    JSValue next;
    double d;

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    if (wf_to_number(ctx, &d, arg(argc, argv, 0)) < 0)
        return close_with_error(ctx, this_val);
    if (isnan(d)) {
        JS_ThrowRangeError(ctx, "%s: limit must be a number", magic == HELPER_TAKE ? "take" : "drop");
        return close_with_error(ctx, this_val);
    }
    if (isfinite(d) && d > MAX_SAFE_INTEGER) {
        JS_ThrowRangeError(ctx, "%s: limit is too large", magic == HELPER_TAKE ? "take" : "drop");
        return close_with_error(ctx, this_val);
    }
    d = wf_double_to_integer(d);
    if (d < 0) {
        JS_ThrowRangeError(ctx, "%s: limit must not be negative", magic == HELPER_TAKE ? "take" : "drop");
        return close_with_error(ctx, this_val);
    }
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    return helper_new(ctx, (HelperKind)magic, JS_DupValue(ctx, this_val), next, JS_UNDEFINED, d);
}

static JSValue js_iterator_proto_reduce(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv)
{
    JSValueConst reducer = arg(argc, argv, 0);
    JSValue next, acc, v, args[3];
    int64_t counter;
    bool done;

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    if (!wf_is_callable(reducer)) {
        wf_throw_not_function(ctx, reducer);
        return close_with_error(ctx, this_val);
    }
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    if (argc < 2) {
        acc = wf_iterator_step_value(ctx, this_val, next, &done);
        if (JS_IsException(acc))
            goto fail;
        if (done) {
            JS_ThrowTypeError(ctx, "reduce of empty iterator with no initial value");
            goto fail;
        }
        counter = 1;
    } else {
        acc = JS_DupValue(ctx, argv[1]);
        counter = 0;
    }
    for (;;) {
        v = wf_iterator_step_value(ctx, this_val, next, &done);
        if (JS_IsException(v)) {
            JS_FreeValue(ctx, acc);
            goto fail;
        }
        if (done)
            break;
        args[0] = acc;
        args[1] = v;
        args[2] = JS_NewInt64(ctx, counter);
        v = wf_call(ctx, reducer, JS_UNDEFINED, 3, args);
        JS_FreeValue(ctx, args[0]);
        JS_FreeValue(ctx, args[1]);
        if (JS_IsException(v)) {
            wf_iterator_close(ctx, this_val, true);
            goto fail;
        }
        acc = v;
        counter++;
    }
    JS_FreeValue(ctx, next);
    return acc;
fail:
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}

static JSValue js_iterator_proto_to_array(JSContext *ctx, JSValueConst this_val,
                                          int argc, JSValueConst *argv)
{
    JSValue next, arr, v;
    bool done;

    (void)argc;
    (void)argv;
    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    arr = wf_array_new(ctx, 0);
    if (JS_IsException(arr))
        goto fail;
    for (;;) {
        v = wf_iterator_step_value(ctx, this_val, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        if (wf_array_push(ctx, arr, v) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, next);
    return arr;
fail:
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}

enum { EAGER_FOR_EACH, EAGER_SOME, EAGER_EVERY, EAGER_FIND };

/* forEach / some / every / find (magic EAGER_*). */
static JSValue js_iterator_proto_for_each(JSContext *ctx, JSValueConst this_val,
                                          int argc, JSValueConst *argv, int magic)
{
    JSValueConst fn = arg(argc, argv, 0);
    JSValue next, v, r, args[2], ret;
    int64_t counter = 0;
    bool done;
    int t;

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    if (!wf_is_callable(fn)) {
        wf_throw_not_function(ctx, fn);
        return close_with_error(ctx, this_val);
    }
    if (get_iterator_direct(ctx, this_val, &next) < 0)
        return JS_EXCEPTION;
    for (;;) {
        v = wf_iterator_step_value(ctx, this_val, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        args[0] = v;
        args[1] = JS_NewInt64(ctx, counter);
        r = wf_call(ctx, fn, JS_UNDEFINED, 2, args);
        if (JS_IsException(r)) {
            JS_FreeValue(ctx, v);
            wf_iterator_close(ctx, this_val, true);
            goto fail;
        }
        counter++;
        if (magic == EAGER_FOR_EACH) {
            JS_FreeValue(ctx, r);
            JS_FreeValue(ctx, v);
            continue;
        }
        t = wf_to_boolean(r);
        JS_FreeValue(ctx, r);
        if ((magic == EAGER_EVERY) != (t != 0)) {
            /* found the answer: IteratorClose with a normal completion */
            if (magic == EAGER_FIND)
                ret = v;
            else {
                JS_FreeValue(ctx, v);
                ret = JS_NewBool(ctx, magic == EAGER_SOME);
            }
            if (wf_iterator_close(ctx, this_val, false) < 0) {
                JS_FreeValue(ctx, ret);
                goto fail;
            }
            JS_FreeValue(ctx, next);
            return ret;
        }
        JS_FreeValue(ctx, v);
    }
    JS_FreeValue(ctx, next);
    switch (magic) {
    case EAGER_SOME:
        return JS_FALSE;
    case EAGER_EVERY:
        return JS_TRUE;
    default:
        return JS_UNDEFINED;
    }
fail:
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}

static JSValue js_iterator_proto_iterator(JSContext *ctx, JSValueConst this_val,
                                          int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    return JS_DupValue(ctx, this_val);
}

/* SetterThatIgnoresPrototypeProperties (27.1.4.1.1 / ES2025 7.3.36). */
static JSValue setter_ignoring_proto(JSContext *ctx, JSValueConst this_val, JSValueConst home,
                                     JSAtom p, JSValueConst v)
{
    int r;

    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    if (JS_IsObject(home) && wf_obj(this_val) == wf_obj(home))
        return JS_ThrowTypeError(ctx, "cannot assign to this property of Iterator.prototype");
    r = wf_obj_get_own_property(ctx, NULL, this_val, p);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r) {
        r = wf_obj_define_value(ctx, this_val, p, JS_DupValue(ctx, v),
                                JS_PROP_C_W_E | JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE |
                                JS_PROP_HAS_ENUMERABLE | JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW);
    } else {
        r = wf_obj_set(ctx, this_val, p, JS_DupValue(ctx, v), this_val, JS_PROP_THROW);
    }
    return r < 0 ? JS_EXCEPTION : JS_UNDEFINED;
}

static JSValue js_iterator_proto_get_tag(JSContext *ctx, JSValueConst this_val)
{
    (void)this_val;
    return JS_AtomToString(ctx, JS_ATOM_Iterator);
}

static JSValue js_iterator_proto_set_tag(JSContext *ctx, JSValueConst this_val, JSValueConst v)
{
    return setter_ignoring_proto(ctx, this_val, ctx->iterator_proto,
                                 JS_ATOM_Symbol_toStringTag, v);
}

/* Iterator.prototype.constructor's getter: data[0] is %Iterator%. */
static JSValue js_iterator_proto_get_ctor(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv, int magic, JSValueConst *data)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    (void)magic;
    return JS_DupValue(ctx, data[0]);
}

static JSValue js_iterator_proto_set_ctor(JSContext *ctx, JSValueConst this_val,
                                          JSValueConst v)
{
    return setter_ignoring_proto(ctx, this_val, ctx->iterator_proto, JS_ATOM_constructor, v);
}

/* ---------------------------------------------------------------------- */
/* Iterator constructor and statics                                        */

static JSValue js_iterator_constructor(JSContext *ctx, JSValueConst new_target,
                                       int argc, JSValueConst *argv)
{
    JSValue proto, obj;
    JSObject *p;

    (void)argc;
    (void)argv;
    if (!JS_IsObject(new_target))
        return JS_ThrowTypeError(ctx, "Iterator cannot be called without new");
    p = wf_obj(new_target);
    if (p->class_id == JS_CLASS_C_FUNCTION &&
        p->u.cfunc.c_function.constructor == js_iterator_constructor && p->u.cfunc.realm == ctx)
        return JS_ThrowTypeError(ctx, "Iterator is an abstract class");
    proto = wf_get_prototype_from_ctor(ctx, new_target, JS_CLASS_ITERATOR);
    if (JS_IsException(proto))
        return proto;
    obj = wf_obj_new(ctx, proto, JS_CLASS_OBJECT);
    JS_FreeValue(ctx, proto);
    return obj;
}

/* OrdinaryHasInstance(%Iterator%, v): %Iterator%.prototype is not writable
   or configurable, so this is a walk of v's chain looking for it. */
static int is_iterator_instance(JSContext *ctx, JSValueConst v)
{
    JSValue cur, proto;

    if (!JS_IsObject(v))
        return 0;
    cur = JS_DupValue(ctx, v);
    for (;;) {
        proto = wf_obj_get_proto(ctx, cur);
        JS_FreeValue(ctx, cur);
        if (JS_IsException(proto))
            return -1;
        if (JS_IsNull(proto))
            return 0;
        if (wf_obj(proto) == wf_obj(ctx->iterator_proto)) {
            JS_FreeValue(ctx, proto);
            return 1;
        }
        cur = proto;
    }
}

static JSValue js_iterator_from(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    JSValue iter, next, obj;
    IterWrap *w;
    int r;

    (void)this_val;
    iter = get_iterator_flattenable(ctx, arg(argc, argv, 0), true, &next);
    if (JS_IsException(iter))
        return iter;
    r = is_iterator_instance(ctx, iter);
    if (r < 0)
        goto fail;
    if (r) {
        JS_FreeValue(ctx, next);
        return iter;
    }
    obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_ITERATOR_WRAP], JS_CLASS_ITERATOR_WRAP);
    if (JS_IsException(obj))
        goto fail;
    w = js_malloc(ctx, sizeof(*w));
    if (!w) {
        JS_FreeValue(ctx, obj);
        goto fail;
    }
    w->iter = iter;
    w->next = next;
    wf_obj(obj)->u.ptr = w;
    return obj;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}

/* Iterator.concat (ES2026 27.1.3.2.x). */
static JSValue js_iterator_concat(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv)
{
    JSValue *items = NULL, method, obj;
    IterHelper *h;
    int i, n = 0;

    (void)this_val;
    if (argc > 0) {
        items = js_malloc(ctx, sizeof(JSValue) * 2 * (size_t)argc);
        if (!items)
            return JS_EXCEPTION;
    }
    for (i = 0; i < argc; i++) {
        if (!JS_IsObject(argv[i])) {
            wf_throw_not_object(ctx, argv[i]);
            goto fail;
        }
        method = wf_get_method(ctx, argv[i], JS_ATOM_Symbol_iterator);
        if (JS_IsException(method))
            goto fail;
        if (JS_IsUndefined(method)) {
            JS_ThrowTypeError(ctx, "Iterator.concat: argument %d is not iterable", i);
            goto fail;
        }
        items[2 * n] = JS_DupValue(ctx, argv[i]);
        items[2 * n + 1] = method;
        n++;
    }
    obj = helper_new(ctx, HELPER_CONCAT, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED, 0);
    if (JS_IsException(obj))
        goto fail;
    h = wf_obj(obj)->u.ptr;
    h->concat_items = items;
    h->concat_count = (uint32_t)n;
    return obj;
fail:
    for (i = 0; i < 2 * n; i++)
        JS_FreeValue(ctx, items[i]);
    js_free(ctx, items);
    return JS_EXCEPTION;
}

/* %WrapForValidIteratorPrototype% (27.1.3.2.1.1). */
static JSValue js_iterator_wrap_next(JSContext *ctx, JSValueConst this_val,
                                     int argc, JSValueConst *argv)
{
    JSObject *p = wf_this_class(ctx, this_val, JS_CLASS_ITERATOR_WRAP, "next");
    IterWrap *w;

    (void)argc;
    (void)argv;
    if (!p)
        return JS_EXCEPTION;
    w = p->u.ptr;
    return wf_call(ctx, w->next, w->iter, 0, NULL);
}

static JSValue js_iterator_wrap_return(JSContext *ctx, JSValueConst this_val,
                                       int argc, JSValueConst *argv)
{
    JSObject *p = wf_this_class(ctx, this_val, JS_CLASS_ITERATOR_WRAP, "return");
    IterWrap *w;
    JSValue method;

    (void)argc;
    (void)argv;
    if (!p)
        return JS_EXCEPTION;
    w = p->u.ptr;
    method = wf_get_method(ctx, w->iter, JS_ATOM_return);
    if (JS_IsException(method))
        return method;
    if (JS_IsUndefined(method))
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    return wf_call_free(ctx, method, w->iter, 0, NULL);
}

static JSValue js_async_iterator_proto_iterator(JSContext *ctx, JSValueConst this_val,
                                                int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    return JS_DupValue(ctx, this_val);
}

/* ---------------------------------------------------------------------- */
/* %AsyncFromSyncIteratorPrototype% (27.1.6)                               */

/* CreateAsyncFromSyncIterator: sync_iter and sync_next consumed; returns
   the async iterator and its next method in *pnext. */
JSValue wf_async_from_sync_iterator(JSContext *ctx, JSValue sync_iter, JSValue sync_next,
                                    JSValue *pnext)
{
    JSValue obj;
    IterWrap *w;

    *pnext = JS_UNDEFINED;
    obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_ASYNC_FROM_SYNC_ITERATOR],
                     JS_CLASS_ASYNC_FROM_SYNC_ITERATOR);
    if (JS_IsException(obj))
        goto fail;
    w = js_malloc(ctx, sizeof(*w));
    if (!w) {
        JS_FreeValue(ctx, obj);
        goto fail;
    }
    w->iter = sync_iter;
    w->next = sync_next;
    wf_obj(obj)->u.ptr = w;
    *pnext = JS_GetProperty(ctx, obj, JS_ATOM_next);
    if (JS_IsException(*pnext)) {
        *pnext = JS_UNDEFINED;
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
fail:
    JS_FreeValue(ctx, sync_iter);
    JS_FreeValue(ctx, sync_next);
    return JS_EXCEPTION;
}

/* A PromiseCapability of %Promise% being filled by one method call:
   cap[0] the promise, cap[1] resolve, cap[2] reject. */
static void cap_free(JSContext *ctx, JSValue *cap)
{
    JS_FreeValue(ctx, cap[0]);
    JS_FreeValue(ctx, cap[1]);
    JS_FreeValue(ctx, cap[2]);
}

/* Settles the capability with resolve (which = 1) or reject (2) and returns
   its promise; v borrowed. */
static JSValue cap_settle(JSContext *ctx, JSValue *cap, int which, JSValueConst v)
{
    JSValue r = wf_call(ctx, cap[which], JS_UNDEFINED, 1, &v);
    JSValue promise;

    if (JS_IsException(r)) {
        cap_free(ctx, cap);
        return r;
    }
    JS_FreeValue(ctx, r);
    promise = cap[0];
    JS_FreeValue(ctx, cap[1]);
    JS_FreeValue(ctx, cap[2]);
    return promise;
}

/* IfAbruptRejectPromise: rejects with the pending exception (uncatchable
   errors keep unwinding). */
static JSValue cap_reject_pending(JSContext *ctx, JSValue *cap)
{
    JSValue exc, ret;

    if (ctx->rt->current_exception_is_uncatchable) {
        cap_free(ctx, cap);
        return JS_EXCEPTION;
    }
    exc = JS_GetException(ctx);
    ret = cap_settle(ctx, cap, 2, exc);
    JS_FreeValue(ctx, exc);
    return ret;
}

static JSValue cap_reject_type_error(JSContext *ctx, JSValue *cap, const char *msg)
{
    JS_ThrowTypeError(ctx, "%s", msg);
    return cap_reject_pending(ctx, cap);
}

/* The closures of AsyncFromSyncIteratorContinuation: unwrap (magic 0,
   data[0] = done) builds the iterator result; closeIterator (magic 1,
   data[0] = the sync iterator) closes it and rethrows. */
static JSValue afs_closure(JSContext *ctx, JSValueConst this_val, int argc,
                           JSValueConst *argv, int magic, JSValueConst *data)
{
    JSValueConst v = arg(argc, argv, 0);

    (void)this_val;
    if (magic == 0)
        return wf_iter_result(ctx, JS_DupValue(ctx, v), JS_ToBool(ctx, data[0]) != 0);
    JS_Throw(ctx, JS_DupValue(ctx, v));
    wf_iterator_close(ctx, data[0], true);
    return JS_EXCEPTION;
}

/* AsyncFromSyncIteratorContinuation (27.1.6.4); result consumed. */
static JSValue afs_continuation(JSContext *ctx, JSValue result, JSValue *cap,
                                JSValueConst sync_iter, bool close_on_rejection)
{
    JSValue v, value, wrapper, on_ful, on_rej = JS_UNDEFINED, done_val;
    bool done;
    int r;

    v = JS_GetProperty(ctx, result, JS_ATOM_done);
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, result);
        return cap_reject_pending(ctx, cap);
    }
    done = wf_to_boolean(v);
    JS_FreeValue(ctx, v);
    value = JS_GetProperty(ctx, result, JS_ATOM_value);
    JS_FreeValue(ctx, result);
    if (JS_IsException(value))
        return cap_reject_pending(ctx, cap);
    wrapper = wf_promise_resolve(ctx, ctx->promise_ctor, value);
    JS_FreeValue(ctx, value);
    if (JS_IsException(wrapper)) {
        if (!done && close_on_rejection)
            wf_iterator_close(ctx, sync_iter, true);
        return cap_reject_pending(ctx, cap);
    }
    done_val = JS_NewBool(ctx, done);
    on_ful = JS_NewCFunctionData(ctx, afs_closure, 1, 0, 1, &done_val);
    if (JS_IsException(on_ful))
        goto fail;
    if (!done && close_on_rejection) {
        on_rej = JS_NewCFunctionData(ctx, afs_closure, 1, 1, 1, &sync_iter);
        if (JS_IsException(on_rej)) {
            JS_FreeValue(ctx, on_ful);
            goto fail;
        }
    }
    r = wf_promise_then(ctx, wrapper, on_ful, on_rej, cap);
    JS_FreeValue(ctx, on_ful);
    JS_FreeValue(ctx, on_rej);
    JS_FreeValue(ctx, wrapper);
    if (r < 0) {
        cap_free(ctx, cap);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, cap[1]);
    JS_FreeValue(ctx, cap[2]);
    return cap[0];
fail:
    JS_FreeValue(ctx, wrapper);
    cap_free(ctx, cap);
    return JS_EXCEPTION;
}

enum { AFS_NEXT, AFS_RETURN, AFS_THROW };

/* %AsyncFromSyncIteratorPrototype%.next / return / throw (magic AFS_*). */
static JSValue js_async_from_sync_method(JSContext *ctx, JSValueConst this_val,
                                         int argc, JSValueConst *argv, int magic)
{
    JSObject *p = wf_this_class(ctx, this_val, JS_CLASS_ASYNC_FROM_SYNC_ITERATOR,
                                "%AsyncFromSyncIteratorPrototype% method");
    IterWrap *w;
    JSValue cap[3], method, result;

    if (!p)
        return JS_EXCEPTION;
    w = p->u.ptr;
    cap[0] = wf_promise_new_capability(ctx, JS_UNDEFINED, &cap[1]);
    if (JS_IsException(cap[0]))
        return cap[0];
    if (magic == AFS_NEXT) {
        /* the argument is passed only when present */
        result = wf_call(ctx, w->next, w->iter, argc > 0 ? 1 : 0, argv);
        if (JS_IsException(result))
            return cap_reject_pending(ctx, cap);
        if (!JS_IsObject(result)) {
            JS_FreeValue(ctx, result);
            return cap_reject_type_error(ctx, cap, "iterator result is not an object");
        }
        return afs_continuation(ctx, result, cap, w->iter, true);
    }
    method = wf_get_method(ctx, w->iter, magic == AFS_RETURN ? JS_ATOM_return : JS_ATOM_throw);
    if (JS_IsException(method))
        return cap_reject_pending(ctx, cap);
    if (JS_IsUndefined(method)) {
        if (magic == AFS_RETURN) {
            JSValue res = wf_iter_result(ctx, JS_DupValue(ctx, arg(argc, argv, 0)), true);
            if (JS_IsException(res))
                return cap_reject_pending(ctx, cap);
            method = cap_settle(ctx, cap, 1, res);
            JS_FreeValue(ctx, res);
            return method;
        }
        /* no throw method: close the sync iterator, then reject with a
           TypeError (the protocol was violated) */
        if (wf_iterator_close(ctx, w->iter, false) < 0)
            return cap_reject_pending(ctx, cap);
        return cap_reject_type_error(ctx, cap, "the iterator does not have a throw method");
    }
    result = wf_call_free(ctx, method, w->iter, argc > 0 ? 1 : 0, argv);
    if (JS_IsException(result))
        return cap_reject_pending(ctx, cap);
    if (!JS_IsObject(result)) {
        JS_FreeValue(ctx, result);
        return cap_reject_type_error(ctx, cap, "iterator result is not an object");
    }
    return afs_continuation(ctx, result, cap, w->iter, magic == AFS_THROW);
}

static const JSCFunctionListEntry js_iterator_funcs[] = {
    JS_CFUNC_DEF("from", 1, js_iterator_from),
    JS_CFUNC_DEF("concat", 0, js_iterator_concat),
};

static const JSCFunctionListEntry js_iterator_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("map", 1, js_iterator_proto_map, HELPER_MAP),
    JS_CFUNC_MAGIC_DEF("filter", 1, js_iterator_proto_map, HELPER_FILTER),
    JS_CFUNC_MAGIC_DEF("take", 1, js_iterator_proto_take, HELPER_TAKE),
    JS_CFUNC_MAGIC_DEF("drop", 1, js_iterator_proto_take, HELPER_DROP),
    JS_CFUNC_MAGIC_DEF("flatMap", 1, js_iterator_proto_map, HELPER_FLAT_MAP),
    JS_CFUNC_DEF("reduce", 1, js_iterator_proto_reduce),
    JS_CFUNC_DEF("toArray", 0, js_iterator_proto_to_array),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_iterator_proto_for_each, EAGER_FOR_EACH),
    JS_CFUNC_MAGIC_DEF("some", 1, js_iterator_proto_for_each, EAGER_SOME),
    JS_CFUNC_MAGIC_DEF("every", 1, js_iterator_proto_for_each, EAGER_EVERY),
    JS_CFUNC_MAGIC_DEF("find", 1, js_iterator_proto_for_each, EAGER_FIND),
    JS_CFUNC_DEF("[Symbol.iterator]", 0, js_iterator_proto_iterator),
    JS_CGETSET_DEF("[Symbol.toStringTag]", js_iterator_proto_get_tag, js_iterator_proto_set_tag),
};

static const JSCFunctionListEntry js_iterator_helper_proto_funcs[] = {
    JS_CFUNC_DEF("next", 0, js_iterator_helper_next),
    JS_CFUNC_DEF("return", 0, js_iterator_helper_return),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Iterator Helper", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_iterator_wrap_proto_funcs[] = {
    JS_CFUNC_DEF("next", 0, js_iterator_wrap_next),
    JS_CFUNC_DEF("return", 0, js_iterator_wrap_return),
};

static const JSCFunctionListEntry js_async_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("[Symbol.asyncIterator]", 0, js_async_iterator_proto_iterator),
};

static const JSCFunctionListEntry js_async_from_sync_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 1, js_async_from_sync_method, AFS_NEXT),
    JS_CFUNC_MAGIC_DEF("return", 1, js_async_from_sync_method, AFS_RETURN),
    JS_CFUNC_MAGIC_DEF("throw", 1, js_async_from_sync_method, AFS_THROW),
};

/* Iterator.prototype.constructor: an accessor (ES2025) whose getter
   returns %Iterator%. */
static int define_ctor_accessor(JSContext *ctx, JSValueConst ctor)
{
    JSValue getter, setter;
    JSCFunctionType ft;
    int r;

    getter = JS_NewCFunctionData(ctx, js_iterator_proto_get_ctor, 0, 0, 1, &ctor);
    if (JS_IsException(getter))
        return -1;
    if (wf_func_set_name(ctx, getter, JS_ATOM_constructor, "get") < 0) {
        JS_FreeValue(ctx, getter);
        return -1;
    }
    ft.setter = js_iterator_proto_set_ctor;
    setter = JS_NewCFunction2(ctx, ft.generic, "set constructor", 1, JS_CFUNC_setter, 0);
    if (JS_IsException(setter)) {
        JS_FreeValue(ctx, getter);
        return -1;
    }
    r = wf_obj_define(ctx, ctx->iterator_proto, JS_ATOM_constructor, JS_UNDEFINED, getter, setter,
                      JS_PROP_CONFIGURABLE | JS_PROP_HAS_GET | JS_PROP_HAS_SET |
                      JS_PROP_HAS_CONFIGURABLE | JS_PROP_HAS_ENUMERABLE | JS_PROP_THROW);
    JS_FreeValue(ctx, getter);
    JS_FreeValue(ctx, setter);
    return r;
}

static JSValue new_proto(JSContext *ctx, JSValueConst parent, JSClassID id,
                         const JSCFunctionListEntry *tab, int len)
{
    JSValue proto = JS_NewObjectProto(ctx, parent);

    if (JS_IsException(proto))
        return proto;
    if (JS_SetPropertyFunctionList(ctx, proto, tab, len) < 0) {
        JS_FreeValue(ctx, proto);
        return JS_EXCEPTION;
    }
    if (id) {
        JS_FreeValue(ctx, ctx->class_proto[id]);
        ctx->class_proto[id] = JS_DupValue(ctx, proto);
    }
    return proto;
}

int wf_init_iterator(JSContext *ctx)
{
    JSValue proto, ctor;
    JSCFunctionType ft;

    wf_class_set_hooks(ctx->rt, JS_CLASS_ITERATOR_HELPER, helper_finalizer, helper_gc_mark,
                       NULL, NULL);
    wf_class_set_hooks(ctx->rt, JS_CLASS_ITERATOR_WRAP, wrap_finalizer, wrap_gc_mark, NULL, NULL);
    wf_class_set_hooks(ctx->rt, JS_CLASS_ASYNC_FROM_SYNC_ITERATOR, wrap_finalizer, wrap_gc_mark,
                       NULL, NULL);

    /* %IteratorPrototype% */
    proto = new_proto(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_ITERATOR,
                      js_iterator_proto_funcs, countof(js_iterator_proto_funcs));
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->iterator_proto);
    ctx->iterator_proto = proto;

    ft.constructor = js_iterator_constructor;
    ctor = wf_define_ctor(ctx, ft.generic, "Iterator", 0, JS_CFUNC_constructor, 0, JS_UNDEFINED);
    if (JS_IsException(ctor))
        return -1;
    /* Iterator.prototype is {W: false, E: false, C: false}; `constructor`
       on the prototype is the accessor, not a data property */
    if (wf_obj_define_value(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, proto),
                            JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                            JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW) < 0 ||
        JS_SetPropertyFunctionList(ctx, ctor, js_iterator_funcs, countof(js_iterator_funcs)) < 0 ||
        define_ctor_accessor(ctx, ctor) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);

    /* %IteratorHelperPrototype% and %WrapForValidIteratorPrototype% */
    proto = new_proto(ctx, ctx->iterator_proto, JS_CLASS_ITERATOR_HELPER,
                      js_iterator_helper_proto_funcs, countof(js_iterator_helper_proto_funcs));
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, proto);
    proto = new_proto(ctx, ctx->iterator_proto, JS_CLASS_ITERATOR_WRAP,
                      js_iterator_wrap_proto_funcs, countof(js_iterator_wrap_proto_funcs));
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, proto);

    /* %AsyncIteratorPrototype% */
    proto = new_proto(ctx, ctx->class_proto[JS_CLASS_OBJECT], 0,
                      js_async_iterator_proto_funcs, countof(js_async_iterator_proto_funcs));
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->async_iterator_proto);
    ctx->async_iterator_proto = proto;

    /* %AsyncFromSyncIteratorPrototype% */
    proto = new_proto(ctx, ctx->async_iterator_proto, JS_CLASS_ASYNC_FROM_SYNC_ITERATOR,
                      js_async_from_sync_proto_funcs, countof(js_async_from_sync_proto_funcs));
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, proto);
    return 0;
}
