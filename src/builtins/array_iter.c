/*
 * array_iter.c - the Array.prototype methods that walk an array without
 * changing it, and the Array Iterator (ECMA-262 23.1.3: at, every, filter,
 * find, findIndex, findLast, findLastIndex, flat, flatMap, forEach,
 * includes, indexOf, join, lastIndexOf, map, reduce, reduceRight, some,
 * toLocaleString, toString, keys, values, entries, [Symbol.iterator];
 * 23.1.5 Array Iterator objects).
 *
 * Shares array_int.h with array.c and array_sort.c.  Callbacks can change
 * the array under a loop, so fast-array shortcuts are re-checked at every
 * element (wf_arr_try_get / wf_arr_get); only loops that run no
 * JavaScript (indexOf, includes, lastIndexOf) scan u.array directly.
 */
#include <math.h>
#include "builtins/array_int.h"
#include "engine/iter.h"

enum { ITER_KEYS, ITER_VALUES, ITER_ENTRIES };

static JSValue to_object_len(JSContext *ctx, JSValueConst this_val, int64_t *plen)
{
    JSValue obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, plen) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* Call(fn, this_arg, «v, k, obj»); v is borrowed. */
static JSValue call3(JSContext *ctx, JSValueConst fn, JSValueConst this_arg,
                     JSValueConst v, int64_t k, JSValueConst obj)
{
    JSValueConst args[3];
    args[0] = v;
    args[1] = JS_NewInt64(ctx, k);
    args[2] = obj;
    return wf_call(ctx, fn, this_arg, 3, args);
}

/* ----------------------------------------------------------------- at */

static JSValue js_array_at(JSContext *ctx, JSValueConst this_val,
                           int argc, JSValueConst *argv)
{
    JSValue obj, res;
    int64_t len;
    double rel;
    (void)argc;

    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (wf_to_integer_or_infinity(ctx, &rel, argv[0]) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    if (rel < 0)
        rel += (double)len;
    if (rel < 0 || rel >= (double)len) {
        JS_FreeValue(ctx, obj);
        return JS_UNDEFINED;
    }
    res = wf_arr_get(ctx, obj, (int64_t)rel);
    JS_FreeValue(ctx, obj);
    return res;
}

/* ---------------------------------------------- every, some, forEach */

enum { EVERY, SOME, FOR_EACH };

static JSValue js_array_every(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv, int kind)
{
    JSValue obj, v, res;
    JSValueConst cb = argv[0], this_arg = WF_ARG(1);
    int64_t len, k;
    int r;

    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (!wf_is_callable(cb)) {
        wf_throw_not_function(ctx, cb);
        goto fail;
    }
    for (k = 0; k < len; k++) {
        r = wf_arr_try_get(ctx, obj, k, &v);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        res = call3(ctx, cb, this_arg, v, k, obj);
        JS_FreeValue(ctx, v);
        if (JS_IsException(res))
            goto fail;
        if (kind == FOR_EACH) {
            JS_FreeValue(ctx, res);
            continue;
        }
        r = wf_to_boolean(res);
        JS_FreeValue(ctx, res);
        if (kind == EVERY && !r) {
            JS_FreeValue(ctx, obj);
            return JS_FALSE;
        }
        if (kind == SOME && r) {
            JS_FreeValue(ctx, obj);
            return JS_TRUE;
        }
    }
    JS_FreeValue(ctx, obj);
    return kind == EVERY ? JS_TRUE : kind == SOME ? JS_FALSE : JS_UNDEFINED;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* -------------------------------------------------------- map, filter */

static JSValue js_array_map(JSContext *ctx, JSValueConst this_val,
                            int argc, JSValueConst *argv)
{
    JSValue obj, v, res;
    JSValueConst cb = argv[0], this_arg = WF_ARG(1);
    WFArrayOut out;
    int64_t len, k;
    int r;

    wf_arr_out_plain(&out);
    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (!wf_is_callable(cb)) {
        wf_throw_not_function(ctx, cb);
        goto fail;
    }
    if (wf_arr_out_species(ctx, &out, obj, len) < 0)
        goto fail;
    for (k = 0; k < len; k++) {
        r = wf_arr_try_get(ctx, obj, k, &v);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        res = call3(ctx, cb, this_arg, v, k, obj);
        JS_FreeValue(ctx, v);
        if (JS_IsException(res) || wf_arr_out_put(ctx, &out, k, res) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, obj);
    return wf_arr_out_finish(ctx, &out, len, false);
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_array_filter(JSContext *ctx, JSValueConst this_val,
                               int argc, JSValueConst *argv)
{
    JSValue obj, v, res;
    JSValueConst cb = argv[0], this_arg = WF_ARG(1);
    WFArrayOut out;
    int64_t len, k, to = 0;
    int r;

    wf_arr_out_plain(&out);
    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (!wf_is_callable(cb)) {
        wf_throw_not_function(ctx, cb);
        goto fail;
    }
    if (wf_arr_out_species(ctx, &out, obj, 0) < 0)
        goto fail;
    for (k = 0; k < len; k++) {
        r = wf_arr_try_get(ctx, obj, k, &v);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        res = call3(ctx, cb, this_arg, v, k, obj);
        if (JS_IsException(res)) {
            JS_FreeValue(ctx, v);
            goto fail;
        }
        r = wf_to_boolean(res);
        JS_FreeValue(ctx, res);
        if (r) {
            if (wf_arr_out_put(ctx, &out, to++, v) < 0)
                goto fail;
        } else {
            JS_FreeValue(ctx, v);
        }
    }
    JS_FreeValue(ctx, obj);
    return wf_arr_out_finish(ctx, &out, to, false);
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ------------------------------------------------------- find family */

#define FIND_INDEX 1    /* return the index, not the value */
#define FIND_LAST  2    /* walk from the end */

static JSValue js_array_find(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv, int magic)
{
    JSValue obj, v, res;
    JSValueConst pred = argv[0], this_arg = WF_ARG(1);
    int64_t len, k, step;
    int r;

    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (!wf_is_callable(pred)) {
        wf_throw_not_function(ctx, pred);
        goto fail;
    }
    k = (magic & FIND_LAST) ? len - 1 : 0;
    step = (magic & FIND_LAST) ? -1 : 1;
    for (; k >= 0 && k < len; k += step) {
        v = wf_arr_get(ctx, obj, k);
        if (JS_IsException(v))
            goto fail;
        res = call3(ctx, pred, this_arg, v, k, obj);
        if (JS_IsException(res)) {
            JS_FreeValue(ctx, v);
            goto fail;
        }
        r = wf_to_boolean(res);
        JS_FreeValue(ctx, res);
        if (r) {
            JS_FreeValue(ctx, obj);
            if (magic & FIND_INDEX) {
                JS_FreeValue(ctx, v);
                return JS_NewInt64(ctx, k);
            }
            return v;
        }
        JS_FreeValue(ctx, v);
    }
    JS_FreeValue(ctx, obj);
    return (magic & FIND_INDEX) ? JS_NewInt32(ctx, -1) : JS_UNDEFINED;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ------------------------------------------------ reduce, reduceRight */

static JSValue js_array_reduce(JSContext *ctx, JSValueConst this_val,
                               int argc, JSValueConst *argv, int right)
{
    JSValue obj, acc = JS_UNDEFINED, v, res;
    JSValueConst cb = argv[0], args[4];
    int64_t len, k, step = right ? -1 : 1;
    int r;

    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (!wf_is_callable(cb)) {
        wf_throw_not_function(ctx, cb);
        goto fail;
    }
    k = right ? len - 1 : 0;
    if (argc >= 2) {
        acc = JS_DupValue(ctx, argv[1]);
    } else {
        for (r = 0; !r && k >= 0 && k < len; k += step) {
            r = wf_arr_try_get(ctx, obj, k, &acc);
            if (r < 0)
                goto fail;
        }
        if (!r) {
            JS_ThrowTypeError(ctx, "Reduce of empty array with no initial value");
            goto fail;
        }
    }
    for (; k >= 0 && k < len; k += step) {
        r = wf_arr_try_get(ctx, obj, k, &v);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        args[0] = acc;
        args[1] = v;
        args[2] = JS_NewInt64(ctx, k);
        args[3] = obj;
        res = wf_call(ctx, cb, JS_UNDEFINED, 4, args);
        JS_FreeValue(ctx, v);
        JS_FreeValue(ctx, acc);
        acc = res;
        if (JS_IsException(res)) {
            acc = JS_UNDEFINED;
            goto fail;
        }
    }
    JS_FreeValue(ctx, obj);
    return acc;
fail:
    JS_FreeValue(ctx, acc);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ----------------------------------------------------- flat, flatMap */

/* FlattenIntoArray (23.1.3.13.1): returns the next target index, or -1. */
static int64_t flatten_into(JSContext *ctx, WFArrayOut *out, JSValueConst src,
                            int64_t src_len, int64_t start, double depth,
                            JSValueConst mapper, JSValueConst this_arg)
{
    JSValue v, mv;
    int64_t target = start, k, elen;
    int r;

    if (wf_check_stack_overflow(ctx->rt, 0)) {
        wf_throw_stack_overflow(ctx);
        return -1;
    }
    for (k = 0; k < src_len; k++) {
        r = wf_arr_try_get(ctx, src, k, &v);
        if (r < 0)
            return -1;
        if (!r)
            continue;
        if (!JS_IsUndefined(mapper)) {
            mv = call3(ctx, mapper, this_arg, v, k, src);
            JS_FreeValue(ctx, v);
            if (JS_IsException(mv))
                return -1;
            v = mv;
        }
        r = 0;
        if (depth > 0) {
            r = wf_is_array(ctx, v);
            if (r < 0)
                goto fail;
        }
        if (r) {
            if (wf_arr_len(ctx, v, &elen) < 0)
                goto fail;
            target = flatten_into(ctx, out, v, elen, target,
                                  isinf(depth) ? depth : depth - 1, JS_UNDEFINED, JS_UNDEFINED);
            JS_FreeValue(ctx, v);
            if (target < 0)
                return -1;
        } else {
            if (target >= WF_MAX_SAFE_INTEGER) {
                JS_ThrowTypeError(ctx, "Array.prototype.flat: result too long");
                goto fail;
            }
            if (wf_arr_out_put(ctx, out, target++, v) < 0)
                return -1;
        }
    }
    return target;
fail:
    JS_FreeValue(ctx, v);
    return -1;
}

static JSValue js_array_flat(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv, int is_map)
{
    JSValue obj;
    JSValueConst mapper = JS_UNDEFINED, this_arg = JS_UNDEFINED;
    WFArrayOut out;
    int64_t len, n;
    double depth = 1;

    wf_arr_out_plain(&out);
    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (is_map) {
        mapper = WF_ARG(0);
        this_arg = WF_ARG(1);
        if (!wf_is_callable(mapper)) {
            wf_throw_not_function(ctx, mapper);
            goto fail;
        }
    } else if (argc > 0 && !JS_IsUndefined(argv[0])) {
        if (wf_to_integer_or_infinity(ctx, &depth, argv[0]) < 0)
            goto fail;
        if (depth < 0)
            depth = 0;
    }
    if (wf_arr_out_species(ctx, &out, obj, 0) < 0)
        goto fail;
    n = flatten_into(ctx, &out, obj, len, 0, depth, mapper, this_arg);
    if (n < 0)
        goto fail;
    JS_FreeValue(ctx, obj);
    return wf_arr_out_finish(ctx, &out, n, false);
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ------------------------------------- indexOf, lastIndexOf, includes */

/* IsStrictlyEqual / SameValueZero without a call for the common int case. */
static inline bool elem_eq(JSValueConst a, JSValueConst b, bool zero)
{
    if (JS_VALUE_GET_TAG(a) == JS_TAG_INT && JS_VALUE_GET_TAG(b) == JS_TAG_INT)
        return JS_VALUE_GET_INT(a) == JS_VALUE_GET_INT(b);
    return zero ? wf_same_value_zero(a, b) : wf_strict_eq(a, b);
}

/* indexOf (magic 0) and includes (magic 1). */
static JSValue js_array_indexOf(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv, int includes)
{
    JSValue obj, v;
    JSValueConst target = argv[0];
    JSValue *vals;
    uint32_t count;
    int64_t len, k = 0;
    double n;
    int r;

    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (len == 0)
        goto not_found;
    if (wf_to_integer_or_infinity(ctx, &n, WF_ARG(1)) < 0)
        goto fail;
    if (n >= (double)len)
        goto not_found;
    if (n >= 0)
        k = (int64_t)n;
    else if (n + (double)len > 0)
        k = (int64_t)(n + (double)len);
    if (wf_array_get_fast(obj, &vals, &count)) {
        /* no JavaScript runs in this loop: the elements stay put */
        int64_t end = len < (int64_t)count ? len : (int64_t)count;
        for (; k < end; k++) {
            if (elem_eq(vals[k], target, includes))
                goto found;
        }
    }
    for (; k < len; k++) {
        if (includes) {
            v = wf_arr_get(ctx, obj, k);
            if (JS_IsException(v))
                goto fail;
            r = 1;
        } else {
            r = wf_arr_try_get(ctx, obj, k, &v);
            if (r < 0)
                goto fail;
        }
        if (r) {
            bool eq = elem_eq(v, target, includes);
            JS_FreeValue(ctx, v);
            if (eq)
                goto found;
        }
    }
not_found:
    JS_FreeValue(ctx, obj);
    return includes ? JS_FALSE : JS_NewInt32(ctx, -1);
found:
    JS_FreeValue(ctx, obj);
    return includes ? JS_TRUE : JS_NewInt64(ctx, k);
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_array_lastIndexOf(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv)
{
    JSValue obj, v;
    JSValueConst target = argv[0];
    JSValue *vals;
    uint32_t count;
    int64_t len, k;
    double n;
    int r;

    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (len == 0)
        goto not_found;
    if (argc > 1) {
        if (wf_to_integer_or_infinity(ctx, &n, argv[1]) < 0)
            goto fail;
    } else {
        n = (double)(len - 1);
    }
    if (n >= 0)
        k = n > (double)(len - 1) ? len - 1 : (int64_t)n;
    else if (n + (double)len >= 0)
        k = (int64_t)(n + (double)len);
    else
        goto not_found;
    if (wf_array_get_fast(obj, &vals, &count)) {
        for (; k >= 0 && k < (int64_t)count; k--) {
            if (elem_eq(vals[k], target, false))
                goto found;
        }
    }
    for (; k >= 0; k--) {
        r = wf_arr_try_get(ctx, obj, k, &v);
        if (r < 0)
            goto fail;
        if (r) {
            bool eq = elem_eq(v, target, false);
            JS_FreeValue(ctx, v);
            if (eq)
                goto found;
        }
    }
not_found:
    JS_FreeValue(ctx, obj);
    return JS_NewInt32(ctx, -1);
found:
    JS_FreeValue(ctx, obj);
    return JS_NewInt64(ctx, k);
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ------------------------------------- join, toString, toLocaleString */

static int sb_put_string(WFStringBuilder *sb, JSValueConst s)
{
    if (JS_VALUE_GET_TAG(s) == JS_TAG_STRING)
        return wf_sb_put_str(sb, wf_str(s), 0, wf_str(s)->len);
    return wf_sb_put_value(sb, s);
}

/* join (magic 0) and toLocaleString (magic 1). */
static JSValue js_array_join(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv, int locale)
{
    JSValue obj, sep = JS_UNDEFINED, v;
    WFStringBuilder sb;
    int64_t len, k;
    int r;

    if (wf_check_stack_overflow(ctx->rt, 0))
        return wf_throw_stack_overflow(ctx);
    obj = to_object_len(ctx, this_val, &len);
    if (JS_IsException(obj))
        return obj;
    if (!locale && argc > 0 && !JS_IsUndefined(argv[0])) {
        sep = wf_to_string(ctx, argv[0]);
        if (JS_IsException(sep)) {
            JS_FreeValue(ctx, obj);
            return sep;
        }
    }
    if (wf_sb_init(ctx, &sb, 0) < 0) {
        JS_FreeValue(ctx, sep);
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    for (k = 0; k < len; k++) {
        if (k > 0) {
            /* the list separator of ECMA-262's toLocaleString is
               implementation-defined; "," matches the other engines */
            r = JS_IsUndefined(sep) ? wf_sb_putc(&sb, ',') : sb_put_string(&sb, sep);
            if (r < 0)
                goto fail;
        }
        v = wf_arr_get(ctx, obj, k);
        if (JS_IsException(v))
            goto fail;
        if (JS_IsUndefined(v) || JS_IsNull(v))
            continue;
        if (locale) {
            JSValue s = wf_invoke(ctx, v, JS_ATOM_toLocaleString, 0, NULL);
            JS_FreeValue(ctx, v);
            if (JS_IsException(s))
                goto fail;
            v = s;
        }
        if (JS_VALUE_GET_TAG(v) == JS_TAG_STRING)
            r = sb_put_string(&sb, v);
        else
            r = wf_sb_put_value(&sb, v);
        JS_FreeValue(ctx, v);
        if (r < 0)
            goto fail;
    }
    JS_FreeValue(ctx, sep);
    JS_FreeValue(ctx, obj);
    return wf_sb_finish(&sb);
fail:
    wf_sb_free(&sb);
    JS_FreeValue(ctx, sep);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* %Object.prototype.toString% applied to an object, for Array.prototype.
   toString when `join` is not callable.  wf_obj_to_string_tag gives the
   builtinTag (it does the IsArray check, which throws for a revoked
   proxy); @@toStringTag overrides it when it is a string. */
static JSValue object_to_string(JSContext *ctx, JSValueConst obj)
{
    WFStringBuilder sb;
    JSValue tag, t;

    tag = wf_obj_to_string_tag(ctx, obj);
    if (JS_IsException(tag))
        return tag;
    t = wf_obj_get(ctx, obj, JS_ATOM_Symbol_toStringTag, obj);
    if (JS_IsException(t)) {
        JS_FreeValue(ctx, tag);
        return t;
    }
    if (JS_IsString(t)) {
        JS_FreeValue(ctx, tag);
        tag = t;
    } else {
        JS_FreeValue(ctx, t);
    }
    if (wf_sb_init(ctx, &sb, 16) < 0) {
        JS_FreeValue(ctx, tag);
        return JS_EXCEPTION;
    }
    wf_sb_puts(&sb, "[object ");
    sb_put_string(&sb, tag);
    wf_sb_putc(&sb, ']');
    JS_FreeValue(ctx, tag);
    return wf_sb_finish(&sb);
}

static JSValue js_array_toString(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    JSValue obj, fn, res;
    (void)argc;
    (void)argv;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    fn = wf_obj_get(ctx, obj, JS_ATOM_join, obj);
    if (JS_IsException(fn)) {
        res = fn;
    } else if (wf_is_callable(fn)) {
        res = wf_call(ctx, fn, obj, 0, NULL);
        JS_FreeValue(ctx, fn);
    } else {
        JS_FreeValue(ctx, fn);
        res = object_to_string(ctx, obj);
    }
    JS_FreeValue(ctx, obj);
    return res;
}

/* ------------------------------------------------ Array Iterator objects */

typedef struct ArrayIter {
    JSValue obj;        /* iterated object; JS_UNDEFINED once finished */
    int64_t index;      /* next index */
    int kind;           /* ITER_KEYS / ITER_VALUES / ITER_ENTRIES */
} ArrayIter;

static void array_iter_finalizer(JSRuntime *rt, JSValueConst val)
{
    ArrayIter *it = wf_obj(val)->u.ptr;
    if (it) {
        JS_FreeValueRT(rt, it->obj);
        js_free_rt(rt, it);
    }
}

static void array_iter_gc_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    ArrayIter *it = wf_obj(val)->u.ptr;
    if (it)
        JS_MarkValue(rt, it->obj, mark_func);
}

/* CreateArrayIterator(obj, kind) (23.1.5.1); also what the typed arrays'
   keys/values/entries return. */
JSValue wf_array_iterator_new(JSContext *ctx, JSValueConst obj, int kind)
{
    JSValue iter;
    ArrayIter *it;

    iter = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_ARRAY_ITERATOR], JS_CLASS_ARRAY_ITERATOR);
    if (JS_IsException(iter))
        return iter;
    it = js_malloc(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, iter);
        return JS_EXCEPTION;
    }
    it->obj = JS_DupValue(ctx, obj);
    it->index = 0;
    it->kind = kind;
    wf_obj(iter)->u.ptr = it;
    return iter;
}

static JSValue js_array_iterator_create(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv, int kind)
{
    JSValue obj, iter;
    (void)argc;
    (void)argv;
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    iter = wf_array_iterator_new(ctx, obj, kind);
    JS_FreeValue(ctx, obj);
    return iter;
}

static bool is_typed_array_class(JSClassID id)
{
    return id >= JS_CLASS_UINT8C_ARRAY && id <= JS_CLASS_FLOAT64_ARRAY;
}

/* %ArrayIteratorPrototype%.next (23.1.5.2.1).  The spec runs the iterator
   as a generator closure: once it has thrown, or returned done, it stays
   done. */
static JSValue js_array_iterator_next(JSContext *ctx, JSValueConst this_val,
                                      int argc, JSValueConst *argv)
{
    JSObject *p;
    ArrayIter *it;
    JSValue v, pair[2];
    int64_t len, idx;
    (void)argc;
    (void)argv;

    p = wf_this_class(ctx, this_val, JS_CLASS_ARRAY_ITERATOR, "Array Iterator next");
    if (!p)
        return JS_EXCEPTION;
    it = p->u.ptr;
    if (!it || JS_IsUndefined(it->obj))
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    idx = it->index;
    if (it->kind == ITER_VALUES && wf_arr_fast_elem(it->obj, idx, &v)) {
        it->index++;
        return wf_iter_result(ctx, v, false);
    }
    if (is_typed_array_class(wf_obj(it->obj)->class_id)) {
        /* TypedArrayLength, with the TypeError of an out-of-bounds one */
        if (wf_typed_array_get_length(ctx, it->obj, &len) < 0)
            goto fail;
    } else if (wf_arr_len(ctx, it->obj, &len) < 0) {
        goto fail;
    }
    if (idx >= len) {
        JS_FreeValue(ctx, it->obj);
        it->obj = JS_UNDEFINED;
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    }
    it->index = idx + 1;
    if (it->kind == ITER_KEYS)
        return wf_iter_result(ctx, JS_NewInt64(ctx, idx), false);
    v = wf_arr_get(ctx, it->obj, idx);
    if (JS_IsException(v))
        goto fail;
    if (it->kind == ITER_VALUES)
        return wf_iter_result(ctx, v, false);
    pair[0] = JS_NewInt64(ctx, idx);
    pair[1] = v;
    v = wf_array_from_values(ctx, 2, pair);
    if (JS_IsException(v))
        goto fail;
    return wf_iter_result(ctx, v, false);
fail:
    JS_FreeValue(ctx, it->obj);
    it->obj = JS_UNDEFINED;
    return JS_EXCEPTION;
}

/* IteratorStepValue fast path (engine/iter.h): `next` is this file's
   %ArrayIteratorPrototype%.next and the next element of a values iterator
   is a dense element: step without allocating the result object.  0: not
   applicable, nothing done (the generic call handles the rest). */
int wf_array_iterator_step_fast(JSContext *ctx, JSValueConst iter, JSValueConst next,
                                JSValue *pv, bool *pdone)
{
    JSObject *fn, *p;
    ArrayIter *it;
    (void)ctx;
    if (!JS_IsObject(next) || !JS_IsObject(iter))
        return 0;
    fn = wf_obj(next);
    p = wf_obj(iter);
    if (fn->class_id != JS_CLASS_C_FUNCTION ||
        fn->u.cfunc.c_function.generic != js_array_iterator_next ||
        p->class_id != JS_CLASS_ARRAY_ITERATOR)
        return 0;
    it = p->u.ptr;
    if (!it || it->kind != ITER_VALUES || JS_IsUndefined(it->obj) ||
        !wf_arr_fast_elem(it->obj, it->index, pv))
        return 0;
    it->index++;
    *pdone = false;
    return 1;
}

bool wf_arr_iter_is_pristine(JSContext *ctx, JSValueConst obj, JSValueConst method)
{
    JSObject *proto, *fn;
    JSShapeProperty *prs;
    JSValue v;
    int idx;

    if (!JS_IsObject(obj) || wf_obj(obj)->class_id != JS_CLASS_ARRAY)
        return false;
    if (!JS_IsObject(method) || !JS_IsObject(ctx->array_proto_values) ||
        JS_VALUE_GET_PTR(method) != JS_VALUE_GET_PTR(ctx->array_proto_values))
        return false;
    if (!JS_IsObject(ctx->class_proto[JS_CLASS_ARRAY_ITERATOR]))
        return false;
    proto = wf_obj(ctx->class_proto[JS_CLASS_ARRAY_ITERATOR]);
    idx = wf_shape_find(proto->shape, JS_ATOM_next);
    if (idx < 0)
        return false;
    prs = wf_shape_prop(proto->shape, idx);
    if ((prs->flags & JS_PROP_TMASK) != JS_PROP_NORMAL)
        return false;
    v = proto->prop[idx].u.value;
    if (!JS_IsObject(v))
        return false;
    fn = wf_obj(v);
    return fn->class_id == JS_CLASS_C_FUNCTION &&
           fn->u.cfunc.c_function.generic == js_array_iterator_next;
}

/* ------------------------------------------------------------- tables */

const JSCFunctionListEntry wf_arr_iter_proto_funcs[] = {
    JS_CFUNC_DEF("at", 1, js_array_at),
    JS_CFUNC_MAGIC_DEF("entries", 0, js_array_iterator_create, ITER_ENTRIES),
    JS_CFUNC_MAGIC_DEF("every", 1, js_array_every, EVERY),
    JS_CFUNC_DEF("filter", 1, js_array_filter),
    JS_CFUNC_MAGIC_DEF("find", 1, js_array_find, 0),
    JS_CFUNC_MAGIC_DEF("findIndex", 1, js_array_find, FIND_INDEX),
    JS_CFUNC_MAGIC_DEF("findLast", 1, js_array_find, FIND_LAST),
    JS_CFUNC_MAGIC_DEF("findLastIndex", 1, js_array_find, FIND_LAST | FIND_INDEX),
    JS_CFUNC_MAGIC_DEF("flat", 0, js_array_flat, 0),
    JS_CFUNC_MAGIC_DEF("flatMap", 1, js_array_flat, 1),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_array_every, FOR_EACH),
    JS_CFUNC_MAGIC_DEF("includes", 1, js_array_indexOf, 1),
    JS_CFUNC_MAGIC_DEF("indexOf", 1, js_array_indexOf, 0),
    JS_CFUNC_MAGIC_DEF("join", 1, js_array_join, 0),
    JS_CFUNC_MAGIC_DEF("keys", 0, js_array_iterator_create, ITER_KEYS),
    JS_CFUNC_DEF("lastIndexOf", 1, js_array_lastIndexOf),
    JS_CFUNC_DEF("map", 1, js_array_map),
    JS_CFUNC_MAGIC_DEF("reduce", 1, js_array_reduce, 0),
    JS_CFUNC_MAGIC_DEF("reduceRight", 1, js_array_reduce, 1),
    JS_CFUNC_MAGIC_DEF("some", 1, js_array_every, SOME),
    JS_CFUNC_MAGIC_DEF("toLocaleString", 0, js_array_join, 1),
    JS_CFUNC_DEF("toString", 0, js_array_toString),
    JS_CFUNC_MAGIC_DEF("values", 0, js_array_iterator_create, ITER_VALUES),
};
const int wf_arr_iter_proto_funcs_count = countof(wf_arr_iter_proto_funcs);

static const JSCFunctionListEntry js_array_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("next", 0, js_array_iterator_next),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Array Iterator", JS_PROP_CONFIGURABLE),
};

int wf_arr_iter_init(JSContext *ctx, JSValueConst array_proto)
{
    JSValue iter_proto, values;

    wf_class_set_hooks(ctx->rt, JS_CLASS_ARRAY_ITERATOR, array_iter_finalizer,
                       array_iter_gc_mark, NULL, NULL);
    iter_proto = JS_NewObjectProto(ctx, ctx->iterator_proto);
    if (JS_IsException(iter_proto))
        return -1;
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_ARRAY_ITERATOR]);
    ctx->class_proto[JS_CLASS_ARRAY_ITERATOR] = iter_proto;
    if (JS_SetPropertyFunctionList(ctx, iter_proto, js_array_iterator_proto_funcs,
                                   countof(js_array_iterator_proto_funcs)) < 0)
        return -1;

    /* Array.prototype[Symbol.iterator] is the very function object of
       Array.prototype.values (23.1.3.40) */
    values = wf_obj_get(ctx, array_proto, JS_ATOM_values, array_proto);
    if (JS_IsException(values))
        return -1;
    JS_FreeValue(ctx, ctx->array_proto_values);
    ctx->array_proto_values = JS_DupValue(ctx, values);
    return JS_DefinePropertyValue(ctx, array_proto, JS_ATOM_Symbol_iterator, values,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
}
