/*
 * array.c - the Array constructor and the Array.prototype methods that
 * change or copy arrays (ECMA-262 23.1: 23.1.1 constructor, 23.1.2 static
 * methods, 23.1.3 push/pop/shift/unshift/splice/slice/concat/reverse/fill/
 * copyWithin/with/toReversed/toSpliced, [Symbol.unscopables]).
 *
 * The searching, iterating and string-producing methods and the Array
 * Iterator live in array_iter.c, sort/toSorted in array_sort.c; the three
 * files share array_int.h.  Every method is the spec's generic algorithm,
 * which works on any array-like; fast paths for plain fast arrays (see
 * array_int.h) are taken only where they cannot be told apart from it.
 *
 * This file must not reach into the object model beyond object.h: arrays
 * grow and shrink through wf_array_push / wf_array_set_length, and only
 * existing slots of u.array.values are edited in place.
 */
#include <math.h>
#include "builtins/array_int.h"

/* ---------------------------------------------------------------- helpers */

int wf_arr_len(JSContext *ctx, JSValueConst obj, int64_t *plen)
{
    JSValue v;
    int ret;

    if (JS_VALUE_GET_TAG(obj) == JS_TAG_OBJECT && wf_obj(obj)->class_id == JS_CLASS_ARRAY) {
        /* an Array's length is an own data property: no getter can run */
        *plen = wf_array_length(wf_obj(obj));
        return 0;
    }
    v = wf_obj_get(ctx, obj, JS_ATOM_length, obj);
    if (JS_IsException(v))
        return -1;
    ret = wf_to_length(ctx, plen, v);
    JS_FreeValue(ctx, v);
    return ret;
}

int wf_arr_try_get(JSContext *ctx, JSValueConst obj, int64_t k, JSValue *pv)
{
    int r;

    if (wf_arr_fast_elem(obj, k, pv))
        return 1;
    *pv = JS_UNDEFINED;
    r = wf_obj_has_int64(ctx, obj, k);
    if (r <= 0)
        return r;
    *pv = wf_obj_get_int64(ctx, obj, k);
    if (JS_IsException(*pv)) {
        *pv = JS_UNDEFINED;
        return -1;
    }
    return 1;
}

JSValue wf_arr_get(JSContext *ctx, JSValueConst obj, int64_t k)
{
    JSValue v;
    if (wf_arr_fast_elem(obj, k, &v))
        return v;
    return wf_obj_get_int64(ctx, obj, k);
}

int wf_arr_set_len(JSContext *ctx, JSValueConst obj, int64_t len)
{
    return wf_obj_set(ctx, obj, JS_ATOM_length, JS_NewInt64(ctx, len), obj, JS_PROP_THROW);
}

/* Whether the prototype chain from p surely holds none of the indices
   from .. to-1.  A fast array keeps every index in u.array (a hole or an
   odd attribute makes it slow); an ordinary object keeps them in its
   shape as integer atoms, looked up one by one when there are few, else
   any integer atom disqualifies it.  Anything exotic might answer
   anything.  Indices past 2^31-2 would be string atoms: the caller's
   array is too small to reach them (fast arrays stop below). */
static bool proto_chain_lacks(JSObject *p, uint32_t from, uint32_t to)
{
    if (!wf_atom_uint_fits(to))
        return false;
    for (; p; p = p->shape->proto) {
        JSShape *sh = p->shape;
        if (p->class_id == JS_CLASS_ARRAY) {
            /* its shape holds no index: they all live in u.array */
            if (!p->fast_array || p->u.array.count > from)
                return false;
        } else if (p->class_id != JS_CLASS_OBJECT) {
            return false;
        } else if (to - from <= 4) {
            uint32_t i;
            for (i = from; i < to; i++) {
                if (wf_shape_find(sh, wf_atom_from_uint(i)) >= 0)
                    return false;
            }
        } else {
            int i;
            if (sh->prop_count > 128)   /* not worth the scan */
                return false;
            for (i = 0; i < sh->prop_count; i++) {
                if (wf_atom_is_int(sh->prop[i].atom))
                    return false;
            }
        }
    }
    return true;
}

/* Fast array with length == element count and a writable length: its
   indices below count are own writable data properties. */
static bool fast_own(JSValueConst obj, JSObject **pp)
{
    JSObject *p;
    int idx;

    if (JS_VALUE_GET_TAG(obj) != JS_TAG_OBJECT)
        return false;
    p = wf_obj(obj);
    if (p->class_id != JS_CLASS_ARRAY || !p->fast_array)
        return false;
    if (wf_array_length(p) != p->u.array.count)
        return false;
    /* an Array's length is its first property (object.c) */
    idx = p->shape->prop_count > 0 && p->shape->prop[0].atom == JS_ATOM_length ? 0 :
          wf_shape_find(p->shape, JS_ATOM_length);
    if (idx < 0 || !(p->shape->prop[idx].flags & JS_PROP_WRITABLE))
        return false;
    *pp = p;
    return true;
}

bool wf_arr_is_plain(JSContext *ctx, JSValueConst obj, uint32_t n_new)
{
    JSObject *p;
    uint32_t count;
    (void)ctx;
    if (!fast_own(obj, &p) || !p->extensible)
        return false;
    count = p->u.array.count;
    if (n_new > UINT32_MAX - 1 - count)
        return false;
    return proto_chain_lacks(p->shape->proto, count, count + n_new);
}

static JSValue throw_invalid_length(JSContext *ctx)
{
    return JS_ThrowRangeError(ctx, "Invalid array length");
}

static JSValue throw_too_long(JSContext *ctx, const char *method)
{
    return JS_ThrowTypeError(ctx, "Array.prototype.%s: resulting length would exceed 2^53-1", method);
}

/* ---------------------------------------------------- the result builder */

void wf_arr_out_plain(WFArrayOut *out)
{
    out->obj = JS_UNDEFINED;
    out->buf = NULL;
    out->count = 0;
    out->size = 0;
    out->owned = true;
}

void wf_arr_out_free(JSContext *ctx, WFArrayOut *out)
{
    uint32_t i;
    for (i = 0; i < out->count; i++)
        JS_FreeValue(ctx, out->buf[i]);
    js_free(ctx, out->buf);
    JS_FreeValue(ctx, out->obj);
    wf_arr_out_plain(out);
}

int wf_arr_out_species(JSContext *ctx, WFArrayOut *out, JSValueConst orig, int64_t len)
{
    JSValue c, arg, res;
    int is_arr;

    wf_arr_out_plain(out);
    is_arr = wf_is_array(ctx, orig);
    if (is_arr < 0)
        return -1;
    c = JS_UNDEFINED;
    if (is_arr) {
        c = wf_obj_get(ctx, orig, JS_ATOM_constructor, orig);
        if (JS_IsException(c))
            return -1;
        if (wf_is_constructor(c)) {
            /* an Array constructor of another realm means "our Array" */
            JSContext *realm = wf_function_realm(ctx, c);
            if (!realm) {
                JS_FreeValue(ctx, c);
                return -1;
            }
            if (realm != ctx && JS_IsObject(realm->array_ctor) &&
                wf_same_value(c, realm->array_ctor)) {
                JS_FreeValue(ctx, c);
                c = JS_UNDEFINED;
            }
        }
        if (JS_IsObject(c)) {
            JSValue s = wf_obj_get(ctx, c, JS_ATOM_Symbol_species, c);
            JS_FreeValue(ctx, c);
            if (JS_IsException(s))
                return -1;
            c = JS_IsNull(s) ? JS_UNDEFINED : s;
        }
        /* Construct(%Array%, «len») is ArrayCreate(len) with the realm's
           Array.prototype (a non-writable, non-configurable property):
           nobody can tell it from the buffered result. */
        if (JS_IsObject(c) && wf_same_value(c, ctx->array_ctor)) {
            JS_FreeValue(ctx, c);
            c = JS_UNDEFINED;
        }
    }
    if (JS_IsUndefined(c)) {
        if (len > (int64_t)UINT32_MAX) {
            throw_invalid_length(ctx);
            return -1;
        }
        return 0;   /* buffered ArrayCreate(len) */
    }
    if (!wf_is_constructor(c)) {
        JS_FreeValue(ctx, c);
        JS_ThrowTypeError(ctx, "the [Symbol.species] of the array's constructor is not a constructor");
        return -1;
    }
    arg = JS_NewInt64(ctx, len);
    res = wf_construct(ctx, c, c, 1, &arg);
    JS_FreeValue(ctx, c);
    if (JS_IsException(res))
        return -1;
    out->obj = res;
    out->owned = false;
    return 0;
}

/* Turn the buffered prefix into the real array (a hole is coming). */
static int out_materialize(JSContext *ctx, WFArrayOut *out)
{
    JSValue arr;
    if (out->count)
        arr = wf_array_from_values(ctx, out->count, out->buf);
    else
        arr = wf_array_new(ctx, 0);
    js_free(ctx, out->buf);
    out->buf = NULL;
    out->count = out->size = 0;
    if (JS_IsException(arr))
        return -1;
    out->obj = arr;
    return 0;
}

int wf_arr_out_put_slow(JSContext *ctx, WFArrayOut *out, int64_t idx, JSValue v)
{
    if (JS_IsUndefined(out->obj)) {
        if (idx == (int64_t)out->count && out->count < (1u << 30)) {
            if (out->count == out->size) {
                uint32_t new_size = out->size ? out->size + out->size / 2 + 8 : 16;
                JSValue *nb = js_realloc(ctx, out->buf, sizeof(JSValue) * (size_t)new_size);
                if (!nb) {
                    JS_FreeValue(ctx, v);
                    return -1;
                }
                out->buf = nb;
                out->size = new_size;
            }
            out->buf[out->count++] = v;
            return 0;
        }
        if (out_materialize(ctx, out) < 0) {
            JS_FreeValue(ctx, v);
            return -1;
        }
    }
    return wf_obj_define_int64(ctx, out->obj, idx, v, JS_PROP_C_W_E | JS_PROP_THROW);
}

/* Reserve room for n more buffered elements (bulk copies). */
static int out_reserve(JSContext *ctx, WFArrayOut *out, uint64_t n)
{
    uint64_t need = (uint64_t)out->count + n, grown;
    JSValue *nb;
    if (need <= out->size)
        return 0;
    if (need >= (1u << 30)) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    grown = (uint64_t)out->size + out->size / 2;
    if (grown > need && grown < (1u << 30))
        need = grown;
    nb = js_realloc(ctx, out->buf, sizeof(JSValue) * (size_t)need);
    if (!nb)
        return -1;
    out->buf = nb;
    out->size = (uint32_t)need;
    return 0;
}

JSValue wf_arr_out_finish(JSContext *ctx, WFArrayOut *out, int64_t len, bool set_len)
{
    JSValue r;
    if (JS_IsUndefined(out->obj) && out_materialize(ctx, out) < 0)
        return JS_EXCEPTION;
    if (out->owned)
        set_len = len != (int64_t)wf_array_length(wf_obj(out->obj));
    r = out->obj;
    out->obj = JS_UNDEFINED;
    if (set_len && wf_arr_set_len(ctx, r, len) < 0) {
        JS_FreeValue(ctx, r);
        return JS_EXCEPTION;
    }
    return r;
}

/* Bulk-copy values[from, to) of a fast source into a buffered result.
   Returns 1 if done, 0 if not applicable, -1 on exception. */
static int out_copy_fast(JSContext *ctx, WFArrayOut *out, JSValueConst src,
                         int64_t from, int64_t to)
{
    JSValue *vals;
    uint32_t count;
    int64_t k;

    if (!JS_IsUndefined(out->obj) || !wf_array_get_fast(src, &vals, &count) ||
        to > (int64_t)count || from >= to)
        return 0;
    if (out_reserve(ctx, out, (uint64_t)(to - from)) < 0)
        return -1;
    for (k = from; k < to; k++)
        out->buf[out->count++] = JS_DupValue(ctx, vals[k]);
    return 1;
}

/* ------------------------------------------------------ the constructor */

static JSValue js_array_constructor(JSContext *ctx, JSValueConst new_target,
                                    int argc, JSValueConst *argv)
{
    JSValue proto, arr;
    int i;

    proto = wf_get_prototype_from_ctor(ctx, new_target, JS_CLASS_ARRAY);
    if (JS_IsException(proto))
        return JS_EXCEPTION;
    if (argc == 1 && JS_IsNumber(argv[0])) {
        uint32_t n;
        if (JS_VALUE_GET_TAG(argv[0]) == JS_TAG_INT) {
            int32_t i32 = JS_VALUE_GET_INT(argv[0]);
            if (i32 < 0)
                goto bad_len;
            n = (uint32_t)i32;
        } else {
            double d = JS_VALUE_GET_FLOAT64(argv[0]);
            n = wf_double_to_uint32(d);
            if ((double)n != d)
                goto bad_len;
        }
        arr = wf_array_create(ctx, n, proto);
        JS_FreeValue(ctx, proto);
        return arr;
    }
    arr = wf_array_create(ctx, 0, proto);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(arr))
        return arr;
    for (i = 0; i < argc; i++) {
        if (wf_array_push(ctx, arr, JS_DupValue(ctx, argv[i])) < 0) {
            JS_FreeValue(ctx, arr);
            return JS_EXCEPTION;
        }
    }
    return arr;
bad_len:
    JS_FreeValue(ctx, proto);
    return throw_invalid_length(ctx);
}

/* ------------------------------------------------------- static methods */

/* Array.from's and Array.of's target: Construct(C, args) when `this` is a
   constructor other than our own %Array% (whose result nobody can see
   before we return, so it is buffered), else ArrayCreate. */
static int from_target(JSContext *ctx, WFArrayOut *out, JSValueConst c,
                       int argc, JSValueConst *argv)
{
    wf_arr_out_plain(out);
    if (wf_is_constructor(c) && !wf_same_value(c, ctx->array_ctor)) {
        JSValue r = wf_construct(ctx, c, c, argc, argv);
        if (JS_IsException(r))
            return -1;
        out->obj = r;
        out->owned = false;
        return 0;
    }
    if (argc == 1) {
        /* ArrayCreate(len) / new Array(len): only the RangeError shows */
        double d;
        if (wf_to_number(ctx, &d, argv[0]) < 0)
            return -1;
        if (d > (double)UINT32_MAX) {
            throw_invalid_length(ctx);
            return -1;
        }
    }
    return 0;
}

static JSValue js_array_from(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    JSValueConst items = argv[0], mapfn = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSValueConst this_arg = argc > 2 ? argv[2] : JS_UNDEFINED;
    JSValue method = JS_UNDEFINED, iter = JS_UNDEFINED, next = JS_UNDEFINED;
    JSValue alike = JS_UNDEFINED, v, args[2];
    WFArrayOut out;
    bool mapping = !JS_IsUndefined(mapfn), done;
    int64_t k, len;

    wf_arr_out_plain(&out);
    if (mapping && !wf_is_callable(mapfn))
        return wf_throw_not_function(ctx, mapfn);
    method = wf_get_method(ctx, items, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return JS_EXCEPTION;
    if (!JS_IsUndefined(method)) {
        if (from_target(ctx, &out, this_val, 0, NULL) < 0)
            goto fail;
        if (JS_IsUndefined(out.obj) && wf_arr_iter_is_pristine(ctx, items, method)) {
            /* Walk the array as its iterator would: the iterator object,
               its next calls and result objects are all invisible. */
            for (k = 0;; k++) {
                if (!wf_arr_fast_elem(items, k, &v)) {
                    if (wf_arr_len(ctx, items, &len) < 0)
                        goto fail;
                    if (k >= len)
                        break;
                    v = wf_obj_get_int64(ctx, items, k);
                    if (JS_IsException(v))
                        goto fail;
                }
                if (mapping) {
                    args[0] = v;
                    args[1] = JS_NewInt64(ctx, k);
                    JSValue mv = wf_call(ctx, mapfn, this_arg, 2, args);
                    JS_FreeValue(ctx, v);
                    if (JS_IsException(mv))
                        goto fail;
                    v = mv;
                }
                if (wf_arr_out_put(ctx, &out, k, v) < 0)
                    goto fail;
            }
            JS_FreeValue(ctx, method);
            return wf_arr_out_finish(ctx, &out, k, true);
        }
        iter = wf_get_iterator_from_method(ctx, items, method, &next);
        if (JS_IsException(iter))
            goto fail;
        for (k = 0;; k++) {
            if (k >= WF_MAX_SAFE_INTEGER) {
                JS_ThrowTypeError(ctx, "Array.from: too many elements");
                goto fail_close;
            }
            v = wf_iterator_step_value(ctx, iter, next, &done);
            if (JS_IsException(v))
                goto fail;
            if (done)
                break;
            if (mapping) {
                args[0] = v;
                args[1] = JS_NewInt64(ctx, k);
                JSValue mv = wf_call(ctx, mapfn, this_arg, 2, args);
                JS_FreeValue(ctx, v);
                if (JS_IsException(mv))
                    goto fail_close;
                v = mv;
            }
            if (wf_arr_out_put(ctx, &out, k, v) < 0)
                goto fail_close;
        }
        JS_FreeValue(ctx, method);
        JS_FreeValue(ctx, iter);
        JS_FreeValue(ctx, next);
        return wf_arr_out_finish(ctx, &out, k, true);
    }

    /* array-like */
    alike = wf_to_object(ctx, items);
    if (JS_IsException(alike))
        goto fail;
    if (wf_arr_len(ctx, alike, &len) < 0)
        goto fail;
    {
        JSValue lenv = JS_NewInt64(ctx, len);
        if (from_target(ctx, &out, this_val, 1, &lenv) < 0)
            goto fail;
    }
    for (k = 0; k < len; k++) {
        v = wf_arr_get(ctx, alike, k);
        if (JS_IsException(v))
            goto fail;
        if (mapping) {
            args[0] = v;
            args[1] = JS_NewInt64(ctx, k);
            JSValue mv = wf_call(ctx, mapfn, this_arg, 2, args);
            JS_FreeValue(ctx, v);
            if (JS_IsException(mv))
                goto fail;
            v = mv;
        }
        if (wf_arr_out_put(ctx, &out, k, v) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, alike);
    return wf_arr_out_finish(ctx, &out, len, true);

fail_close:
    wf_iterator_close(ctx, iter, true);
fail:
    JS_FreeValue(ctx, method);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, alike);
    wf_arr_out_free(ctx, &out);
    return JS_EXCEPTION;
}

static JSValue js_array_of(JSContext *ctx, JSValueConst this_val,
                           int argc, JSValueConst *argv)
{
    WFArrayOut out;
    JSValue lenv = JS_NewInt32(ctx, argc);
    int k;

    if (from_target(ctx, &out, this_val, 1, &lenv) < 0)
        return JS_EXCEPTION;
    for (k = 0; k < argc; k++) {
        if (wf_arr_out_put(ctx, &out, k, JS_DupValue(ctx, argv[k])) < 0) {
            wf_arr_out_free(ctx, &out);
            return JS_EXCEPTION;
        }
    }
    return wf_arr_out_finish(ctx, &out, argc, true);
}

static JSValue js_array_isArray(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    int r;
    (void)this_val;
    (void)argc;
    r = wf_is_array(ctx, argv[0]);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

static JSValue js_array_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

/* ------------------------------------------------- push, pop, shift ... */

static JSValue js_array_push(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    JSValue obj;
    int64_t len;
    int i;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_is_plain(ctx, obj, (uint32_t)argc)) {
        for (i = 0; i < argc; i++) {
            if (wf_array_push(ctx, obj, JS_DupValue(ctx, argv[i])) < 0)
                goto fail;
        }
        len = wf_array_length(wf_obj(obj));
        JS_FreeValue(ctx, obj);
        return JS_NewInt64(ctx, len);
    }
    if (wf_arr_len(ctx, obj, &len) < 0)
        goto fail;
    if (len + argc > WF_MAX_SAFE_INTEGER) {
        throw_too_long(ctx, "push");
        goto fail;
    }
    for (i = 0; i < argc; i++) {
        if (wf_obj_set_int64(ctx, obj, len + i, JS_DupValue(ctx, argv[i]), JS_PROP_THROW) < 0)
            goto fail;
    }
    len += argc;
    if (wf_arr_set_len(ctx, obj, len) < 0)
        goto fail;
    JS_FreeValue(ctx, obj);
    return JS_NewInt64(ctx, len);
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* pop (magic 0) and shift (magic 1). */
static JSValue js_array_pop(JSContext *ctx, JSValueConst this_val,
                            int argc, JSValueConst *argv, int shift)
{
    JSValue obj, res = JS_UNDEFINED, v;
    JSObject *p;
    int64_t len, k;
    (void)argc;
    (void)argv;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (fast_own(obj, &p) && p->u.array.count > 0) {
        uint32_t count = p->u.array.count;
        JSValue *vals = p->u.array.values;
        if (shift) {
            res = vals[0];
            memmove(vals, vals + 1, sizeof(JSValue) * (count - 1));
        } else {
            res = vals[count - 1];
        }
        vals[count - 1] = JS_UNDEFINED;
        if (wf_array_set_length(ctx, p, JS_NewUint32(ctx, count - 1), JS_PROP_THROW) < 0)
            goto fail;
        JS_FreeValue(ctx, obj);
        return res;
    }
    if (wf_arr_len(ctx, obj, &len) < 0)
        goto fail;
    if (len == 0) {
        if (wf_arr_set_len(ctx, obj, 0) < 0)
            goto fail;
        JS_FreeValue(ctx, obj);
        return JS_UNDEFINED;
    }
    if (!shift) {
        res = wf_obj_get_int64(ctx, obj, len - 1);
        if (JS_IsException(res))
            goto fail;
    } else {
        res = wf_obj_get_int64(ctx, obj, 0);
        if (JS_IsException(res))
            goto fail;
        for (k = 1; k < len; k++) {
            int r = wf_arr_try_get(ctx, obj, k, &v);
            if (r < 0)
                goto fail;
            if (r)
                r = wf_obj_set_int64(ctx, obj, k - 1, v, JS_PROP_THROW);
            else
                r = wf_obj_delete_int64(ctx, obj, k - 1, JS_PROP_THROW);
            if (r < 0)
                goto fail;
        }
    }
    if (wf_obj_delete_int64(ctx, obj, len - 1, JS_PROP_THROW) < 0)
        goto fail;
    if (wf_arr_set_len(ctx, obj, len - 1) < 0)
        goto fail;
    JS_FreeValue(ctx, obj);
    return res;
fail:
    JS_FreeValue(ctx, res);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* Grow a plain fast array by n undefined elements; on failure the array
   is put back to its old length. */
static int fast_grow(JSContext *ctx, JSObject *p, uint32_t n)
{
    JSValue obj = JS_MKPTR(JS_TAG_OBJECT, p);
    uint32_t old = p->u.array.count, i;
    for (i = 0; i < n; i++) {
        if (wf_array_push(ctx, obj, JS_UNDEFINED) < 0) {
            JSValue exc = JS_GetException(ctx);
            wf_array_set_length(ctx, p, JS_NewUint32(ctx, old), 0);
            JS_Throw(ctx, exc);
            return -1;
        }
    }
    return 0;
}

static JSValue js_array_unshift(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    JSValue obj, v;
    int64_t len, k;
    int i, r;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (argc > 0 && wf_arr_is_plain(ctx, obj, (uint32_t)argc)) {
        JSObject *p = wf_obj(obj);
        uint32_t count = p->u.array.count;
        if (fast_grow(ctx, p, (uint32_t)argc) < 0)
            goto fail;
        if (count)
            memmove(p->u.array.values + argc, p->u.array.values, sizeof(JSValue) * count);
        for (i = 0; i < argc; i++)
            p->u.array.values[i] = JS_DupValue(ctx, argv[i]);
        len = p->u.array.count;
        JS_FreeValue(ctx, obj);
        return JS_NewInt64(ctx, len);
    }
    if (wf_arr_len(ctx, obj, &len) < 0)
        goto fail;
    if (argc > 0) {
        if (len + argc > WF_MAX_SAFE_INTEGER) {
            throw_too_long(ctx, "unshift");
            goto fail;
        }
        for (k = len; k > 0; k--) {
            r = wf_arr_try_get(ctx, obj, k - 1, &v);
            if (r < 0)
                goto fail;
            if (r)
                r = wf_obj_set_int64(ctx, obj, k + argc - 1, v, JS_PROP_THROW);
            else
                r = wf_obj_delete_int64(ctx, obj, k + argc - 1, JS_PROP_THROW);
            if (r < 0)
                goto fail;
        }
        for (i = 0; i < argc; i++) {
            if (wf_obj_set_int64(ctx, obj, i, JS_DupValue(ctx, argv[i]), JS_PROP_THROW) < 0)
                goto fail;
        }
    }
    len += argc;
    if (wf_arr_set_len(ctx, obj, len) < 0)
        goto fail;
    JS_FreeValue(ctx, obj);
    return JS_NewInt64(ctx, len);
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ------------------------------------------------------ slice / splice */

static JSValue js_array_slice(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv)
{
    JSValue obj, v;
    WFArrayOut out;
    int64_t len, k, final, n;
    int r;
    (void)argc;

    wf_arr_out_plain(&out);
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0 ||
        wf_to_relative_index(ctx, &k, argv[0], len, 0) < 0 ||
        wf_to_relative_index(ctx, &final, argv[1], len, len) < 0)
        goto fail;
    if (wf_arr_out_species(ctx, &out, obj, final > k ? final - k : 0) < 0)
        goto fail;
    n = 0;
    r = out_copy_fast(ctx, &out, obj, k, final);
    if (r < 0)
        goto fail;
    if (r) {
        n = final - k;
        k = final;
    }
    for (; k < final; k++, n++) {
        r = wf_arr_try_get(ctx, obj, k, &v);
        if (r < 0)
            goto fail;
        if (r && wf_arr_out_put(ctx, &out, n, v) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, obj);
    return wf_arr_out_finish(ctx, &out, n, true);
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* Start and delete count shared by splice and toSpliced. */
static int splice_args(JSContext *ctx, int argc, JSValueConst *argv, int64_t len,
                       int64_t *pstart, int64_t *pdel)
{
    if (wf_to_relative_index(ctx, pstart, argc > 0 ? argv[0] : JS_UNDEFINED, len, 0) < 0)
        return -1;
    if (argc == 0) {
        *pdel = 0;
    } else if (argc == 1) {
        *pdel = len - *pstart;
    } else {
        double d;
        if (wf_to_integer_or_infinity(ctx, &d, argv[1]) < 0)
            return -1;
        if (d < 0)
            d = 0;
        if (d > (double)(len - *pstart))
            d = (double)(len - *pstart);
        *pdel = (int64_t)d;
    }
    return 0;
}

/* splice on a plain fast array with a buffered result: the elements move
   inside u.array.  Values dropped from the array are freed at the end,
   once the array is consistent again. */
static int splice_fast(JSContext *ctx, JSObject *p, WFArrayOut *out, uint32_t start,
                       uint32_t del, int n_items, JSValueConst *items)
{
    uint32_t count = p->u.array.count, i;
    JSValue *vals, *dropped;

    if (out_reserve(ctx, out, del) < 0)
        return -1;
    dropped = out->buf;     /* the removed elements become the result */
    if (n_items > (int)del) {
        if (fast_grow(ctx, p, (uint32_t)n_items - del) < 0)
            return -1;
        vals = p->u.array.values;
        if (del)
            memcpy(dropped, vals + start, sizeof(JSValue) * del);
        if (count - start - del)
            memmove(vals + start + n_items, vals + start + del,
                    sizeof(JSValue) * (count - start - del));
    } else {
        vals = p->u.array.values;
        if (del)
            memcpy(dropped, vals + start, sizeof(JSValue) * del);
        if (count - start - del)
            memmove(vals + start + n_items, vals + start + del,
                    sizeof(JSValue) * (count - start - del));
        for (i = count - (del - (uint32_t)n_items); i < count; i++)
            vals[i] = JS_UNDEFINED;
        if (del != (uint32_t)n_items &&
            wf_array_set_length(ctx, p, JS_NewUint32(ctx, count - del + (uint32_t)n_items),
                                JS_PROP_THROW) < 0) {
            /* cannot fail on a plain array; keep the removed values */
            out->count = del;
            return -1;
        }
        vals = p->u.array.values;
    }
    for (i = 0; i < (uint32_t)n_items; i++)
        vals[start + i] = JS_DupValue(ctx, items[i]);
    out->count = del;
    return 0;
}

static JSValue js_array_splice(JSContext *ctx, JSValueConst this_val,
                               int argc, JSValueConst *argv)
{
    JSValue obj, v;
    WFArrayOut out;
    int64_t len, start, del, k, new_len;
    int n_items = argc > 2 ? argc - 2 : 0, i, r;
    JSValueConst *items = argv + 2;

    wf_arr_out_plain(&out);
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0 ||
        splice_args(ctx, argc, argv, len, &start, &del) < 0)
        goto fail;
    new_len = len + n_items - del;
    if (new_len > WF_MAX_SAFE_INTEGER) {
        throw_too_long(ctx, "splice");
        goto fail;
    }
    if (wf_arr_out_species(ctx, &out, obj, del) < 0)
        goto fail;
    if (JS_IsUndefined(out.obj) && new_len < UINT32_MAX &&
        wf_arr_is_plain(ctx, obj, n_items > del ? (uint32_t)(n_items - del) : 0) &&
        wf_array_length(wf_obj(obj)) == len) {
        if (splice_fast(ctx, wf_obj(obj), &out, (uint32_t)start, (uint32_t)del,
                        n_items, items) < 0)
            goto fail;
        JS_FreeValue(ctx, obj);
        return wf_arr_out_finish(ctx, &out, del, true);
    }

    for (k = 0; k < del; k++) {
        r = wf_arr_try_get(ctx, obj, start + k, &v);
        if (r < 0)
            goto fail;
        if (r && wf_arr_out_put(ctx, &out, k, v) < 0)
            goto fail;
    }
    v = wf_arr_out_finish(ctx, &out, del, true);
    if (JS_IsException(v))
        goto fail;
    out.obj = v;    /* keep it for the cleanup path */

    if (n_items < del) {
        for (k = start; k < len - del; k++) {
            r = wf_arr_try_get(ctx, obj, k + del, &v);
            if (r < 0)
                goto fail;
            if (r)
                r = wf_obj_set_int64(ctx, obj, k + n_items, v, JS_PROP_THROW);
            else
                r = wf_obj_delete_int64(ctx, obj, k + n_items, JS_PROP_THROW);
            if (r < 0)
                goto fail;
        }
        for (k = len; k > new_len; k--) {
            if (wf_obj_delete_int64(ctx, obj, k - 1, JS_PROP_THROW) < 0)
                goto fail;
        }
    } else if (n_items > del) {
        for (k = len - del; k > start; k--) {
            r = wf_arr_try_get(ctx, obj, k + del - 1, &v);
            if (r < 0)
                goto fail;
            if (r)
                r = wf_obj_set_int64(ctx, obj, k + n_items - 1, v, JS_PROP_THROW);
            else
                r = wf_obj_delete_int64(ctx, obj, k + n_items - 1, JS_PROP_THROW);
            if (r < 0)
                goto fail;
        }
    }
    for (i = 0; i < n_items; i++) {
        if (wf_obj_set_int64(ctx, obj, start + i, JS_DupValue(ctx, items[i]), JS_PROP_THROW) < 0)
            goto fail;
    }
    if (wf_arr_set_len(ctx, obj, new_len) < 0)
        goto fail;
    JS_FreeValue(ctx, obj);
    v = out.obj;
    out.obj = JS_UNDEFINED;
    return v;
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ------------------------------------------------------------- concat */

static int is_concat_spreadable(JSContext *ctx, JSValueConst v)
{
    JSValue s;
    if (!JS_IsObject(v))
        return 0;
    s = wf_obj_get(ctx, v, JS_ATOM_Symbol_isConcatSpreadable, v);
    if (JS_IsException(s))
        return -1;
    if (!JS_IsUndefined(s)) {
        int r = wf_to_boolean(s);
        JS_FreeValue(ctx, s);
        return r;
    }
    return wf_is_array(ctx, v);
}

static JSValue js_array_concat(JSContext *ctx, JSValueConst this_val,
                               int argc, JSValueConst *argv)
{
    JSValue obj, v;
    WFArrayOut out;
    int64_t n = 0, len, k;
    int i, r;

    wf_arr_out_plain(&out);
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_out_species(ctx, &out, obj, 0) < 0)
        goto fail;
    for (i = -1; i < argc; i++) {
        JSValueConst e = i < 0 ? (JSValueConst)obj : argv[i];
        r = is_concat_spreadable(ctx, e);
        if (r < 0)
            goto fail;
        if (r) {
            if (wf_arr_len(ctx, e, &len) < 0)
                goto fail;
            if (n + len > WF_MAX_SAFE_INTEGER) {
                throw_too_long(ctx, "concat");
                goto fail;
            }
            k = 0;
            if ((int64_t)out.count == n) {
                r = out_copy_fast(ctx, &out, e, 0, len);
                if (r < 0)
                    goto fail;
                if (r)
                    k = len;
            }
            for (; k < len; k++) {
                r = wf_arr_try_get(ctx, e, k, &v);
                if (r < 0)
                    goto fail;
                if (r && wf_arr_out_put(ctx, &out, n + k, v) < 0)
                    goto fail;
            }
            n += len;
        } else {
            if (n >= WF_MAX_SAFE_INTEGER) {
                throw_too_long(ctx, "concat");
                goto fail;
            }
            if (wf_arr_out_put(ctx, &out, n, JS_DupValue(ctx, e)) < 0)
                goto fail;
            n++;
        }
    }
    JS_FreeValue(ctx, obj);
    return wf_arr_out_finish(ctx, &out, n, true);
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* --------------------------------------- reverse, fill, copyWithin */

static JSValue js_array_reverse(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    JSValue obj, lo_v = JS_UNDEFINED, up_v = JS_UNDEFINED;
    JSValue *vals;
    uint32_t count;
    int64_t len, lower, upper;
    int lo_ok, up_ok, r;
    (void)argc;
    (void)argv;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_fast_rw(obj, &vals, &count) && count == wf_array_length(wf_obj(obj))) {
        uint32_t i, j;
        for (i = 0, j = count; i + 1 < j; i++) {
            JSValue t = vals[i];
            vals[i] = vals[--j];
            vals[j] = t;
        }
        return obj;
    }
    if (wf_arr_len(ctx, obj, &len) < 0)
        goto fail;
    for (lower = 0; lower < len / 2; lower++) {
        upper = len - lower - 1;
        lo_ok = wf_arr_try_get(ctx, obj, lower, &lo_v);
        if (lo_ok < 0)
            goto fail;
        up_ok = wf_arr_try_get(ctx, obj, upper, &up_v);
        if (up_ok < 0)
            goto fail;
        if (up_ok) {
            r = wf_obj_set_int64(ctx, obj, lower, up_v, JS_PROP_THROW);
            up_v = JS_UNDEFINED;
        } else if (lo_ok) {
            r = wf_obj_delete_int64(ctx, obj, lower, JS_PROP_THROW);
        } else {
            continue;
        }
        if (r < 0)
            goto fail;
        if (lo_ok) {
            r = wf_obj_set_int64(ctx, obj, upper, lo_v, JS_PROP_THROW);
            lo_v = JS_UNDEFINED;
        } else {
            r = wf_obj_delete_int64(ctx, obj, upper, JS_PROP_THROW);
        }
        if (r < 0)
            goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, lo_v);
    JS_FreeValue(ctx, up_v);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_array_fill(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    JSValue obj;
    JSValue *vals;
    uint32_t count;
    int64_t len, k, final;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0 ||
        wf_to_relative_index(ctx, &k, WF_ARG(1), len, 0) < 0 ||
        wf_to_relative_index(ctx, &final, WF_ARG(2), len, len) < 0)
        goto fail;
    if (wf_arr_fast_rw(obj, &vals, &count) && final <= (int64_t)count) {
        /* own writable data properties: Set is a plain store */
        for (; k < final; k++) {
            JSValue old = vals[k];
            vals[k] = JS_DupValue(ctx, argv[0]);
            JS_FreeValue(ctx, old);
        }
        return obj;
    }
    for (; k < final; k++) {
        if (wf_obj_set_int64(ctx, obj, k, JS_DupValue(ctx, argv[0]), JS_PROP_THROW) < 0)
            goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_array_copyWithin(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    JSValue obj, v;
    JSValue *vals;
    uint32_t n_fast;
    int64_t len, to, from, final, count, dir;
    int r;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0 ||
        wf_to_relative_index(ctx, &to, argv[0], len, 0) < 0 ||
        wf_to_relative_index(ctx, &from, argv[1], len, 0) < 0 ||
        wf_to_relative_index(ctx, &final, WF_ARG(2), len, len) < 0)
        goto fail;
    count = final - from;
    if (len - to < count)
        count = len - to;
    if (count <= 0)
        return obj;
    if (from < to && to < from + count) {
        dir = -1;
        from += count - 1;
        to += count - 1;
    } else {
        dir = 1;
    }
    if (wf_arr_fast_rw(obj, &vals, &n_fast) && len <= (int64_t)n_fast) {
        for (; count > 0; count--, from += dir, to += dir) {
            JSValue old = vals[to];
            vals[to] = JS_DupValue(ctx, vals[from]);
            JS_FreeValue(ctx, old);
        }
        return obj;
    }
    for (; count > 0; count--, from += dir, to += dir) {
        r = wf_arr_try_get(ctx, obj, from, &v);
        if (r < 0)
            goto fail;
        if (r)
            r = wf_obj_set_int64(ctx, obj, to, v, JS_PROP_THROW);
        else
            r = wf_obj_delete_int64(ctx, obj, to, JS_PROP_THROW);
        if (r < 0)
            goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ------------------------------------ with, toReversed, toSpliced */

/* Copy Get(obj, k) for k in [from, to) into out at *pidx onwards. */
static int copy_range(JSContext *ctx, WFArrayOut *out, int64_t *pidx, JSValueConst obj,
                      int64_t from, int64_t to)
{
    int64_t k;
    int r = 0;
    if ((int64_t)out->count == *pidx)
        r = out_copy_fast(ctx, out, obj, from, to);
    if (r) {
        if (r > 0)
            *pidx += to - from;
        return r < 0 ? -1 : 0;
    }
    for (k = from; k < to; k++) {
        JSValue v = wf_arr_get(ctx, obj, k);
        if (JS_IsException(v))
            return -1;
        if (wf_arr_out_put(ctx, out, (*pidx)++, v) < 0)
            return -1;
    }
    return 0;
}

static JSValue js_array_with(JSContext *ctx, JSValueConst this_val,
                             int argc, JSValueConst *argv)
{
    JSValue obj;
    WFArrayOut out;
    int64_t len, idx, n = 0;
    double rel;
    (void)argc;

    wf_arr_out_plain(&out);
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0 ||
        wf_to_integer_or_infinity(ctx, &rel, argv[0]) < 0)
        goto fail;
    if (rel < 0)
        rel += (double)len;
    if (rel < 0 || rel >= (double)len) {
        JS_ThrowRangeError(ctx, "Array.prototype.with: index out of range");
        goto fail;
    }
    idx = (int64_t)rel;
    if (len > (int64_t)UINT32_MAX) {
        throw_invalid_length(ctx);
        goto fail;
    }
    if (copy_range(ctx, &out, &n, obj, 0, idx) < 0 ||
        wf_arr_out_put(ctx, &out, n++, JS_DupValue(ctx, argv[1])) < 0 ||
        copy_range(ctx, &out, &n, obj, idx + 1, len) < 0)
        goto fail;
    JS_FreeValue(ctx, obj);
    return wf_arr_out_finish(ctx, &out, len, false);
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_array_toReversed(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    JSValue obj, v;
    WFArrayOut out;
    int64_t len, k;
    (void)argc;
    (void)argv;

    wf_arr_out_plain(&out);
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0)
        goto fail;
    if (len > (int64_t)UINT32_MAX) {
        throw_invalid_length(ctx);
        goto fail;
    }
    for (k = 0; k < len; k++) {
        v = wf_arr_get(ctx, obj, len - 1 - k);
        if (JS_IsException(v))
            goto fail;
        if (wf_arr_out_put(ctx, &out, k, v) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, obj);
    return wf_arr_out_finish(ctx, &out, len, false);
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_array_toSpliced(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv)
{
    JSValue obj;
    WFArrayOut out;
    int64_t len, start, skip, new_len, n = 0;
    int n_items = argc > 2 ? argc - 2 : 0, i;

    wf_arr_out_plain(&out);
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (wf_arr_len(ctx, obj, &len) < 0 ||
        splice_args(ctx, argc, argv, len, &start, &skip) < 0)
        goto fail;
    new_len = len + n_items - skip;
    if (new_len > WF_MAX_SAFE_INTEGER) {
        throw_too_long(ctx, "toSpliced");
        goto fail;
    }
    if (new_len > (int64_t)UINT32_MAX) {
        throw_invalid_length(ctx);
        goto fail;
    }
    if (copy_range(ctx, &out, &n, obj, 0, start) < 0)
        goto fail;
    for (i = 0; i < n_items; i++) {
        if (wf_arr_out_put(ctx, &out, n++, JS_DupValue(ctx, argv[i + 2])) < 0)
            goto fail;
    }
    if (copy_range(ctx, &out, &n, obj, start + skip, len) < 0)
        goto fail;
    JS_FreeValue(ctx, obj);
    return wf_arr_out_finish(ctx, &out, new_len, false);
fail:
    wf_arr_out_free(ctx, &out);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ------------------------------------------------------------ tables */

static const JSCFunctionListEntry js_array_funcs[] = {
    JS_CFUNC_DEF("isArray", 1, js_array_isArray),
    JS_CFUNC_DEF("from", 1, js_array_from),
    JS_CFUNC_DEF("fromAsync", 1, wf_array_from_async),
    JS_CFUNC_DEF("of", 0, js_array_of),
    JS_CGETSET_DEF("[Symbol.species]", js_array_get_species, NULL),
};

static const JSCFunctionListEntry js_array_proto_funcs[] = {
    JS_CFUNC_DEF("concat", 1, js_array_concat),
    JS_CFUNC_DEF("copyWithin", 2, js_array_copyWithin),
    JS_CFUNC_DEF("fill", 1, js_array_fill),
    JS_CFUNC_MAGIC_DEF("pop", 0, js_array_pop, 0),
    JS_CFUNC_DEF("push", 1, js_array_push),
    JS_CFUNC_DEF("reverse", 0, js_array_reverse),
    JS_CFUNC_MAGIC_DEF("shift", 0, js_array_pop, 1),
    JS_CFUNC_DEF("slice", 2, js_array_slice),
    JS_CFUNC_DEF("splice", 2, js_array_splice),
    JS_CFUNC_DEF("toReversed", 0, js_array_toReversed),
    JS_CFUNC_DEF("toSpliced", 2, js_array_toSpliced),
    JS_CFUNC_DEF("unshift", 1, js_array_unshift),
    JS_CFUNC_DEF("with", 2, js_array_with),
};

/* 23.1.3.41 Array.prototype[%Symbol.unscopables%] */
static const char *const js_array_unscopables[] = {
    "at", "copyWithin", "entries", "fill", "find", "findIndex", "findLast",
    "findLastIndex", "flat", "flatMap", "includes", "keys", "toReversed",
    "toSorted", "toSpliced", "values",
};

static int init_unscopables(JSContext *ctx, JSValueConst proto)
{
    JSValue obj = wf_obj_new(ctx, JS_NULL, JS_CLASS_OBJECT);
    int i;
    if (JS_IsException(obj))
        return -1;
    for (i = 0; i < countof(js_array_unscopables); i++) {
        if (JS_DefinePropertyValueStr(ctx, obj, js_array_unscopables[i], JS_TRUE,
                                      JS_PROP_C_W_E) < 0) {
            JS_FreeValue(ctx, obj);
            return -1;
        }
    }
    return JS_DefinePropertyValue(ctx, proto, JS_ATOM_Symbol_unscopables, obj,
                                  JS_PROP_CONFIGURABLE);
}

int wf_init_array(JSContext *ctx)
{
    JSValue proto = ctx->class_proto[JS_CLASS_ARRAY], ctor;

    /* Array.prototype is itself an Array exotic object (23.1.3) */
    if (!JS_IsObject(proto)) {
        proto = wf_array_create(ctx, 0, ctx->class_proto[JS_CLASS_OBJECT]);
        if (JS_IsException(proto))
            return -1;
        ctx->class_proto[JS_CLASS_ARRAY] = proto;
    }
    if (JS_SetPropertyFunctionList(ctx, proto, js_array_proto_funcs,
                                   countof(js_array_proto_funcs)) < 0 ||
        JS_SetPropertyFunctionList(ctx, proto, wf_arr_iter_proto_funcs,
                                   wf_arr_iter_proto_funcs_count) < 0 ||
        JS_SetPropertyFunctionList(ctx, proto, wf_arr_sort_proto_funcs,
                                   wf_arr_sort_proto_funcs_count) < 0 ||
        wf_arr_iter_init(ctx, proto) < 0 ||
        init_unscopables(ctx, proto) < 0)
        return -1;

    ctor = wf_define_ctor(ctx, js_array_constructor, "Array", 1,
                          JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctx->array_ctor);
    ctx->array_ctor = ctor;
    return JS_SetPropertyFunctionList(ctx, ctor, js_array_funcs, countof(js_array_funcs));
}
