/*
 * typedarray_proto.c - the methods of %TypedArray%.prototype (ECMA-262
 * 23.2.3), installed by wf_init_typedarray (typedarray.c).
 *
 * Every method starts with ValidateTypedArray, which fixes `len`; after any
 * call that can run JavaScript (a callback, a valueOf, a species
 * constructor) the buffer may have been detached or resized, so element
 * reads go through wf_ta_get (undefined out of bounds) and writes through
 * wf_ta_set / wf_ta_set_raw (ignored out of bounds), exactly as the spec's
 * Get and Set on integer indices behave.  Methods that touch the bytes
 * directly (copyWithin, fill, set, slice, sort, reverse) re-validate first
 * and bound every copy by the view's current length.
 */
#include <stdlib.h>
#include "builtins/typedarray_int.h"

#define TA_NAME(m) "TypedArray.prototype." m

/* ------------------------------------------------------------------ */
/* Accessors */

enum { GET_BUFFER, GET_BYTE_LENGTH, GET_BYTE_OFFSET, GET_LENGTH };

static JSValue js_ta_get_view(JSContext *ctx, JSValueConst this_val, int magic)
{
    static const char *const names[] = {
        TA_NAME("buffer"), TA_NAME("byteLength"), TA_NAME("byteOffset"), TA_NAME("length"),
    };
    JSObject *p = wf_ta_this(ctx, this_val, names[magic]);
    WFArrayBufferView *v;
    size_t bl;
    if (!p)
        return JS_EXCEPTION;
    v = wf_view(p);
    if (magic == GET_BUFFER)
        return wf_obj_value(v->buffer);
    if (wf_view_out_of_bounds(v, &bl))
        return JS_MKVAL(JS_TAG_INT, 0);
    switch (magic) {
    case GET_BYTE_LENGTH:
        return JS_NewInt64(ctx, (int64_t)bl);
    case GET_BYTE_OFFSET:
        return JS_NewInt64(ctx, (int64_t)v->byte_offset);
    default:
        return JS_NewInt64(ctx, (int64_t)(bl >> v->size_log2));
    }
}

/* 23.2.3.38 get %TypedArray%.prototype[@@toStringTag] */
static JSValue js_ta_get_to_string_tag(JSContext *ctx, JSValueConst this_val)
{
    if (!wf_is_typed_array(this_val))
        return JS_UNDEFINED;
    return JS_AtomToString(ctx, ctx->rt->class_array[wf_obj(this_val)->class_id].class_name);
}

/* ------------------------------------------------------------------ */
/* Element access */

/* 23.2.3.1 at(index) */
static JSValue js_ta_at(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("at"));
    double rel, k;
    if (!p)
        return JS_EXCEPTION;
    if (wf_to_integer_or_infinity(ctx, &rel, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    k = rel >= 0 ? rel : (double)len + rel;
    if (k < 0 || k >= (double)len)
        return JS_UNDEFINED;
    return wf_ta_get(ctx, p, (uint64_t)k);
}

/* 23.2.3.37 with(index, value) */
static JSValue js_ta_with(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, cur, k;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("with")), *q;
    JSTypedArrayEnum t;
    double rel, actual;
    uint64_t raw;
    JSValue a;
    int s;

    if (!p)
        return JS_EXCEPTION;
    t = wf_ta_type(p->class_id);
    s = wf_ta_size_log2(t);
    if (wf_to_integer_or_infinity(ctx, &rel, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    actual = rel >= 0 ? rel : (double)len + rel;
    if (wf_ta_value_to_raw(ctx, t, WF_TA_ARG(1), &raw))
        return JS_EXCEPTION;
    if (!wf_ta_valid_index(p, actual))
        return JS_ThrowRangeError(ctx, TA_NAME("with") ": index out of range");
    a = wf_ta_create_same_type(ctx, p, len);
    if (JS_IsException(a))
        return a;
    q = wf_obj(a);
    cur = wf_ta_length(wf_view(p));
    for (k = 0; k < len; k++) {
        if (k == (size_t)actual) {
            wf_ta_set_raw(q, k, raw);
        } else if (k < cur) {
            wf_ta_set_raw(q, k, wf_ta_load(wf_view_data(wf_view(p)) + (k << s), s));
        } else if (wf_ta_set(ctx, q, (double)k, JS_UNDEFINED)) {
            /* Get gave undefined: NaN for Numbers, a TypeError for BigInts */
            JS_FreeValue(ctx, a);
            return JS_EXCEPTION;
        }
    }
    return a;
}

/* ------------------------------------------------------------------ */
/* Iteration with a callback */

enum { IT_EVERY, IT_SOME, IT_FOR_EACH, IT_FIND, IT_FIND_INDEX, IT_FIND_LAST, IT_FIND_LAST_INDEX };

static JSValue js_ta_iterate(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv, int magic)
{
    static const char *const names[] = {
        TA_NAME("every"), TA_NAME("some"), TA_NAME("forEach"), TA_NAME("find"),
        TA_NAME("findIndex"), TA_NAME("findLast"), TA_NAME("findLastIndex"),
    };
    size_t len, i;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, names[magic]);
    JSValueConst cb = WF_TA_ARG(0), this_arg = WF_TA_ARG(1);
    bool backward = magic == IT_FIND_LAST || magic == IT_FIND_LAST_INDEX;

    if (!p)
        return JS_EXCEPTION;
    if (!wf_is_callable(cb))
        return JS_ThrowTypeError(ctx, "%s: the callback is not a function", names[magic]);
    for (i = 0; i < len; i++) {
        size_t k = backward ? len - 1 - i : i;
        JSValue v = wf_ta_get(ctx, p, k), r;
        JSValueConst args[3];
        int b;
        if (JS_IsException(v))
            return v;
        args[0] = v;
        args[1] = JS_NewInt64(ctx, (int64_t)k);
        args[2] = this_val;
        r = wf_call(ctx, cb, this_arg, 3, args);
        if (JS_IsException(r)) {
            JS_FreeValue(ctx, v);
            return r;
        }
        if (magic == IT_FOR_EACH) {
            JS_FreeValue(ctx, r);
            JS_FreeValue(ctx, v);
            continue;
        }
        b = wf_to_boolean(r);
        JS_FreeValue(ctx, r);
        switch (magic) {
        case IT_EVERY:
            JS_FreeValue(ctx, v);
            if (!b)
                return JS_FALSE;
            break;
        case IT_SOME:
            JS_FreeValue(ctx, v);
            if (b)
                return JS_TRUE;
            break;
        case IT_FIND:
        case IT_FIND_LAST:
            if (b)
                return v;
            JS_FreeValue(ctx, v);
            break;
        default:
            JS_FreeValue(ctx, v);
            if (b)
                return JS_NewInt64(ctx, (int64_t)k);
            break;
        }
    }
    switch (magic) {
    case IT_EVERY:
        return JS_TRUE;
    case IT_SOME:
        return JS_FALSE;
    case IT_FIND_INDEX:
    case IT_FIND_LAST_INDEX:
        return JS_MKVAL(JS_TAG_INT, -1);
    default:
        return JS_UNDEFINED;
    }
}

/* 23.2.3.10 filter(callbackfn [, thisArg]) */
static JSValue js_ta_filter(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, k, n = 0;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("filter"));
    JSValueConst cb = WF_TA_ARG(0), this_arg = WF_TA_ARG(1);
    JSValue *kept = NULL, a = JS_UNDEFINED, nv;

    if (!p)
        return JS_EXCEPTION;
    if (!wf_is_callable(cb))
        return JS_ThrowTypeError(ctx, TA_NAME("filter") ": the callback is not a function");
    kept = js_malloc(ctx, sizeof(JSValue) * (len ? len : 1));
    if (!kept)
        return JS_EXCEPTION;
    for (k = 0; k < len; k++) {
        JSValue v = wf_ta_get(ctx, p, k), r;
        JSValueConst args[3];
        if (JS_IsException(v))
            goto fail;
        args[0] = v;
        args[1] = JS_NewInt64(ctx, (int64_t)k);
        args[2] = this_val;
        r = wf_call(ctx, cb, this_arg, 3, args);
        if (JS_IsException(r)) {
            JS_FreeValue(ctx, v);
            goto fail;
        }
        if (wf_to_boolean(r))
            kept[n++] = v;
        else
            JS_FreeValue(ctx, v);
        JS_FreeValue(ctx, r);
    }
    nv = JS_NewInt64(ctx, (int64_t)n);
    a = wf_ta_species_create(ctx, p, 1, &nv);
    if (JS_IsException(a))
        goto fail;
    for (k = 0; k < n; k++) {
        if (wf_ta_set(ctx, wf_obj(a), (double)k, kept[k]))
            goto fail;
    }
    for (k = 0; k < n; k++)
        JS_FreeValue(ctx, kept[k]);
    js_free(ctx, kept);
    return a;
fail:
    for (k = 0; k < n; k++)
        JS_FreeValue(ctx, kept[k]);
    js_free(ctx, kept);
    JS_FreeValue(ctx, a);
    return JS_EXCEPTION;
}

/* 23.2.3.20 map(callbackfn [, thisArg]) */
static JSValue js_ta_map(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, k;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("map"));
    JSValueConst cb = WF_TA_ARG(0), this_arg = WF_TA_ARG(1);
    JSValue a, lv;

    if (!p)
        return JS_EXCEPTION;
    if (!wf_is_callable(cb))
        return JS_ThrowTypeError(ctx, TA_NAME("map") ": the callback is not a function");
    lv = JS_NewInt64(ctx, (int64_t)len);
    a = wf_ta_species_create(ctx, p, 1, &lv);
    if (JS_IsException(a))
        return a;
    for (k = 0; k < len; k++) {
        JSValue v = wf_ta_get(ctx, p, k), r;
        JSValueConst args[3];
        int ret;
        if (JS_IsException(v))
            goto fail;
        args[0] = v;
        args[1] = JS_NewInt64(ctx, (int64_t)k);
        args[2] = this_val;
        r = wf_call(ctx, cb, this_arg, 3, args);
        JS_FreeValue(ctx, v);
        if (JS_IsException(r))
            goto fail;
        ret = wf_ta_set(ctx, wf_obj(a), (double)k, r);
        JS_FreeValue(ctx, r);
        if (ret)
            goto fail;
    }
    return a;
fail:
    JS_FreeValue(ctx, a);
    return JS_EXCEPTION;
}

/* 23.2.3.23 reduce / 23.2.3.24 reduceRight */
static JSValue js_ta_reduce(JSContext *ctx, JSValueConst this_val, int argc,
                            JSValueConst *argv, int right)
{
    const char *name = right ? TA_NAME("reduceRight") : TA_NAME("reduce");
    size_t len, i = 0;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, name);
    JSValueConst cb = WF_TA_ARG(0);
    JSValue acc;

    if (!p)
        return JS_EXCEPTION;
    if (!wf_is_callable(cb))
        return JS_ThrowTypeError(ctx, "%s: the callback is not a function", name);
    if (argc >= 2) {
        acc = JS_DupValue(ctx, argv[1]);
    } else {
        if (len == 0)
            return JS_ThrowTypeError(ctx, "%s of an empty typed array with no initial value", name);
        acc = wf_ta_get(ctx, p, right ? len - 1 : 0);
        if (JS_IsException(acc))
            return acc;
        i = 1;
    }
    for (; i < len; i++) {
        size_t k = right ? len - 1 - i : i;
        JSValue v = wf_ta_get(ctx, p, k), r;
        JSValueConst args[4];
        if (JS_IsException(v)) {
            JS_FreeValue(ctx, acc);
            return v;
        }
        args[0] = acc;
        args[1] = v;
        args[2] = JS_NewInt64(ctx, (int64_t)k);
        args[3] = this_val;
        r = wf_call(ctx, cb, JS_UNDEFINED, 4, args);
        JS_FreeValue(ctx, v);
        JS_FreeValue(ctx, acc);
        if (JS_IsException(r))
            return r;
        acc = r;
    }
    return acc;
}

/* ------------------------------------------------------------------ */
/* Searching */

enum { SEARCH_INCLUDES, SEARCH_INDEX_OF, SEARCH_LAST_INDEX_OF };

/* 23.2.3.16 includes, 23.2.3.17 indexOf, 23.2.3.19 lastIndexOf */
static JSValue js_ta_search(JSContext *ctx, JSValueConst this_val, int argc,
                            JSValueConst *argv, int magic)
{
    static const char *const names[] = {
        TA_NAME("includes"), TA_NAME("indexOf"), TA_NAME("lastIndexOf"),
    };
    size_t len, cur;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, names[magic]);
    JSValueConst search = WF_TA_ARG(0);
    JSTypedArrayEnum t;
    int64_t k, end;
    double n;
    int s;

    if (!p)
        return JS_EXCEPTION;
    if (len == 0)
        return magic == SEARCH_INCLUDES ? JS_FALSE : JS_MKVAL(JS_TAG_INT, -1);
    t = wf_ta_type(p->class_id);
    s = wf_ta_size_log2(t);
    if (magic == SEARCH_LAST_INDEX_OF) {
        if (argc > 1) {
            if (wf_to_integer_or_infinity(ctx, &n, argv[1]))
                return JS_EXCEPTION;
        } else {
            n = (double)len - 1;
        }
        if (n == -INFINITY)
            return JS_MKVAL(JS_TAG_INT, -1);
        k = n >= 0 ? (n < (double)len - 1 ? (int64_t)n : (int64_t)len - 1) : (int64_t)((double)len + n);
        if (k < 0)
            return JS_MKVAL(JS_TAG_INT, -1);
    } else {
        if (wf_to_integer_or_infinity(ctx, &n, WF_TA_ARG(1)))
            return JS_EXCEPTION;
        if (n == INFINITY)
            return magic == SEARCH_INCLUDES ? JS_FALSE : JS_MKVAL(JS_TAG_INT, -1);
        if (n >= 0)
            k = (int64_t)n;
        else if ((double)len + n > 0)
            k = (int64_t)((double)len + n);
        else
            k = 0;
    }
    /* fromIndex's valueOf may have shrunk or detached the buffer: indices
       past the current length read as undefined (includes) or are absent
       (indexOf, lastIndexOf) */
    cur = wf_ta_length(wf_view(p));
    if (magic == SEARCH_INCLUDES && JS_IsUndefined(search) && cur < len && k < (int64_t)len)
        return JS_TRUE;
    end = (int64_t)(cur < len ? cur : len);

    if (!wf_ta_type_is_bigint(t) && JS_IsNumber(search)) {
        double x = JS_VALUE_GET_TAG(search) == JS_TAG_INT ? JS_VALUE_GET_INT(search)
                                                           : JS_VALUE_GET_FLOAT64(search);
        const uint8_t *d = wf_view_data(wf_view(p));
        bool nan_ok = magic == SEARCH_INCLUDES && isnan(x);
        if (magic == SEARCH_LAST_INDEX_OF) {
            if (k >= end)
                k = end - 1;
            for (; k >= 0; k--) {
                if (wf_ta_raw_to_double(t, wf_ta_load(d + ((size_t)k << s), s)) == x)
                    return JS_NewInt64(ctx, k);
            }
        } else {
            for (; k < end; k++) {
                double e = wf_ta_raw_to_double(t, wf_ta_load(d + ((size_t)k << s), s));
                if (e == x || (nan_ok && isnan(e)))
                    return magic == SEARCH_INCLUDES ? JS_TRUE : JS_NewInt64(ctx, k);
            }
        }
    } else if (wf_ta_type_is_bigint(t) && wf_is_bigint(search)) {
        if (magic == SEARCH_LAST_INDEX_OF && k >= end)
            k = end - 1;
        for (; magic == SEARCH_LAST_INDEX_OF ? k >= 0 : k < end;
             magic == SEARCH_LAST_INDEX_OF ? k-- : k++) {
            JSValue e = wf_ta_get(ctx, p, (uint64_t)k);
            bool eq;
            if (JS_IsException(e))
                return e;
            eq = wf_strict_eq(e, search);
            JS_FreeValue(ctx, e);
            if (eq)
                return magic == SEARCH_INCLUDES ? JS_TRUE : JS_NewInt64(ctx, k);
        }
    }
    /* any other value equals no element */
    return magic == SEARCH_INCLUDES ? JS_FALSE : JS_MKVAL(JS_TAG_INT, -1);
}

/* ------------------------------------------------------------------ */
/* Strings */

/* 23.2.3.18 join(separator), 23.2.3.31 toLocaleString() (magic 1) */
static JSValue js_ta_join(JSContext *ctx, JSValueConst this_val, int argc,
                          JSValueConst *argv, int locale)
{
    const char *name = locale ? TA_NAME("toLocaleString") : TA_NAME("join");
    size_t len, k;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, name);
    JSValue sep = JS_UNDEFINED;
    WFStringBuilder sb;

    if (!p)
        return JS_EXCEPTION;
    if (!locale && !JS_IsUndefined(WF_TA_ARG(0))) {
        sep = wf_to_string(ctx, argv[0]);
        if (JS_IsException(sep))
            return sep;
    }
    if (wf_sb_init(ctx, &sb, (uint32_t)(len < 1024 ? len * 4 : 4096)) < 0) {
        JS_FreeValue(ctx, sep);
        return JS_EXCEPTION;
    }
    for (k = 0; k < len; k++) {
        JSValue e;
        int r = 0;
        if (k > 0) {
            if (JS_IsUndefined(sep))
                r = wf_sb_putc(&sb, ',');
            else
                r = wf_sb_put_value(&sb, sep);
            if (r < 0)
                goto fail;
        }
        e = wf_ta_get(ctx, p, k);
        if (JS_IsException(e))
            goto fail;
        if (JS_IsUndefined(e))
            continue;
        if (locale) {
            JSValue s = wf_invoke(ctx, e, JS_ATOM_toLocaleString, 0, NULL);
            JS_FreeValue(ctx, e);
            if (JS_IsException(s))
                goto fail;
            r = wf_sb_put_value(&sb, s);
            JS_FreeValue(ctx, s);
        } else {
            r = wf_sb_put_value(&sb, e);
            JS_FreeValue(ctx, e);
        }
        if (r < 0)
            goto fail;
    }
    JS_FreeValue(ctx, sep);
    return wf_sb_finish(&sb);
fail:
    wf_sb_free(&sb);
    JS_FreeValue(ctx, sep);
    return JS_EXCEPTION;
}

/* ------------------------------------------------------------------ */
/* Iterators */

static JSValue js_ta_iterator(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv, int kind)
{
    static const char *const names[] = { TA_NAME("keys"), TA_NAME("values"), TA_NAME("entries") };
    size_t len;
    (void)argc;
    (void)argv;
    if (!wf_ta_validate(ctx, this_val, &len, names[kind]))
        return JS_EXCEPTION;
    return wf_array_iterator_new(ctx, this_val, kind);
}

/* ------------------------------------------------------------------ */
/* In-place changes */

/* 23.2.3.6 copyWithin(target, start [, end]) */
static JSValue js_ta_copyWithin(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, bl;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("copyWithin"));
    WFArrayBufferView *v;
    int64_t to, from, final, count;

    if (!p)
        return JS_EXCEPTION;
    if (wf_to_relative_index(ctx, &to, WF_TA_ARG(0), (int64_t)len, 0) ||
        wf_to_relative_index(ctx, &from, WF_TA_ARG(1), (int64_t)len, 0) ||
        wf_to_relative_index(ctx, &final, WF_TA_ARG(2), (int64_t)len, (int64_t)len))
        return JS_EXCEPTION;
    count = final - from;
    if ((int64_t)len - to < count)
        count = (int64_t)len - to;
    if (count > 0) {
        uint64_t to_b, from_b, n;
        int64_t cur;
        int s;
        v = wf_view(p);
        if (wf_view_out_of_bounds(v, &bl))
            return JS_ThrowTypeError(ctx, TA_NAME("copyWithin") ": the typed array is detached or out of bounds");
        s = v->size_log2;
        /* the valueOf calls may have shrunk the array: copy the longest
           prefix that still fits */
        cur = (int64_t)(bl >> s);
        if (cur - from < count)
            count = cur - from;
        if (cur - to < count)
            count = cur - to;
        if (count > 0) {
            to_b = (uint64_t)to << s;
            from_b = (uint64_t)from << s;
            n = (uint64_t)count << s;
            memmove(wf_view_data(v) + to_b, wf_view_data(v) + from_b, (size_t)n);
        }
    }
    return JS_DupValue(ctx, this_val);
}

/* 23.2.3.9 fill(value [, start [, end]]) */
static JSValue js_ta_fill(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, cur;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("fill"));
    WFArrayBufferView *v;
    int64_t k, final;
    uint64_t raw;
    uint8_t *d;
    int s;

    if (!p)
        return JS_EXCEPTION;
    if (wf_ta_value_to_raw(ctx, wf_ta_type(p->class_id), WF_TA_ARG(0), &raw) ||
        wf_to_relative_index(ctx, &k, WF_TA_ARG(1), (int64_t)len, 0) ||
        wf_to_relative_index(ctx, &final, WF_TA_ARG(2), (int64_t)len, (int64_t)len))
        return JS_EXCEPTION;
    v = wf_view(p);
    if (wf_view_out_of_bounds(v, &cur))
        return JS_ThrowTypeError(ctx, TA_NAME("fill") ": the typed array is detached or out of bounds");
    s = v->size_log2;
    cur >>= s;
    if (final > (int64_t)cur)
        final = (int64_t)cur;
    d = wf_view_data(v);
    if (s == 0) {
        if (final > k)
            memset(d + k, (int)(uint8_t)raw, (size_t)(final - k));
    } else {
        for (; k < final; k++)
            wf_ta_store(d + ((size_t)k << s), s, raw);
    }
    return JS_DupValue(ctx, this_val);
}

/* 23.2.3.25 reverse() */
static JSValue js_ta_reverse(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, i, j;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("reverse"));
    uint8_t *d;
    int s;
    (void)argc;
    (void)argv;
    if (!p)
        return JS_EXCEPTION;
    s = wf_view(p)->size_log2;
    d = wf_view_data(wf_view(p));
    for (i = 0, j = len; i + 1 < j; i++) {
        uint64_t a, b;
        j--;
        a = wf_ta_load(d + (i << s), s);
        b = wf_ta_load(d + (j << s), s);
        wf_ta_store(d + (i << s), s, b);
        wf_ta_store(d + (j << s), s, a);
    }
    return JS_DupValue(ctx, this_val);
}

/* 23.2.3.33 toReversed() */
static JSValue js_ta_toReversed(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, k;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("toReversed"));
    JSValue a;
    uint8_t *src, *dst;
    int s;
    (void)argc;
    (void)argv;
    if (!p)
        return JS_EXCEPTION;
    a = wf_ta_create_same_type(ctx, p, len);
    if (JS_IsException(a))
        return a;
    s = wf_view(p)->size_log2;
    src = wf_view_data(wf_view(p));
    dst = wf_view_data(wf_view(wf_obj(a)));
    for (k = 0; k < len; k++)
        wf_ta_store(dst + (k << s), s, wf_ta_load(src + ((len - 1 - k) << s), s));
    return a;
}

/* ------------------------------------------------------------------ */
/* set (23.2.3.26) */

/* SetTypedArrayFromTypedArray (23.2.3.26.2) */
static int set_from_typed_array(JSContext *ctx, JSObject *p, double offset, JSObject *sp)
{
    WFArrayBufferView *tv = wf_view(p), *sv = wf_view(sp);
    JSTypedArrayEnum tt = wf_ta_type(p->class_id), st = wf_ta_type(sp->class_id);
    int ts = tv->size_log2, ss = sv->size_log2;
    size_t tbl, sbl, tlen, slen, k;
    uint8_t *dst, *src, *tmp = NULL;

    if (wf_view_out_of_bounds(tv, &tbl)) {
        JS_ThrowTypeError(ctx, TA_NAME("set") ": the typed array is detached or out of bounds");
        return -1;
    }
    tlen = tbl >> ts;
    if (wf_view_out_of_bounds(sv, &sbl)) {
        JS_ThrowTypeError(ctx, TA_NAME("set") ": the source typed array is detached or out of bounds");
        return -1;
    }
    slen = sbl >> ss;
    if (offset == INFINITY || (double)slen + offset > (double)tlen) {
        JS_ThrowRangeError(ctx, TA_NAME("set") ": the source does not fit at this offset");
        return -1;
    }
    if (wf_ta_type_is_bigint(tt) != wf_ta_type_is_bigint(st)) {
        JS_ThrowTypeError(ctx, TA_NAME("set") ": cannot mix BigInt and Number typed arrays");
        return -1;
    }
    dst = wf_view_data(tv) + ((size_t)offset << ts);
    src = wf_view_data(sv);
    if (tt == st) {
        memmove(dst, src, sbl);
        return 0;
    }
    if (wf_abuf(tv->buffer)->data == wf_abuf(sv->buffer)->data) {
        /* same block: read the whole source first (CloneArrayBuffer) */
        tmp = js_malloc(ctx, sbl ? sbl : 1);
        if (!tmp)
            return -1;
        memcpy(tmp, src, sbl);
        src = tmp;
    }
    for (k = 0; k < slen; k++) {
        uint64_t raw = wf_ta_load(src + (k << ss), ss);
        if (!wf_ta_type_is_bigint(tt))
            raw = wf_ta_double_to_raw(tt, wf_ta_raw_to_double(st, raw));
        wf_ta_store(dst + (k << ts), ts, raw);
    }
    js_free(ctx, tmp);
    return 0;
}

/* SetTypedArrayFromArrayLike (23.2.3.26.1) */
static int set_from_array_like(JSContext *ctx, JSObject *p, double offset, JSValueConst source)
{
    size_t tbl, tlen;
    int64_t slen, k;
    JSValue src, v;
    int r = -1;

    if (wf_view_out_of_bounds(wf_view(p), &tbl)) {
        JS_ThrowTypeError(ctx, TA_NAME("set") ": the typed array is detached or out of bounds");
        return -1;
    }
    tlen = tbl >> wf_view(p)->size_log2;
    src = wf_to_object(ctx, source);
    if (JS_IsException(src))
        return -1;
    v = wf_obj_get(ctx, src, JS_ATOM_length, src);
    if (JS_IsException(v))
        goto done;
    if (wf_to_length(ctx, &slen, v)) {
        JS_FreeValue(ctx, v);
        goto done;
    }
    JS_FreeValue(ctx, v);
    if (offset == INFINITY || (double)slen + offset > (double)tlen) {
        JS_ThrowRangeError(ctx, TA_NAME("set") ": the source does not fit at this offset");
        goto done;
    }
    for (k = 0; k < slen; k++) {
        JSValue *vals;
        uint32_t count;
        int ret;
        if (wf_array_get_fast(src, &vals, &count) && k < (int64_t)count)
            v = JS_DupValue(ctx, vals[k]);
        else
            v = wf_obj_get_int64(ctx, src, k);
        if (JS_IsException(v))
            goto done;
        ret = wf_ta_set(ctx, p, offset + (double)k, v);
        JS_FreeValue(ctx, v);
        if (ret)
            goto done;
    }
    r = 0;
done:
    JS_FreeValue(ctx, src);
    return r;
}

static JSValue js_ta_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSObject *p = wf_ta_this(ctx, this_val, TA_NAME("set"));
    JSValueConst source = WF_TA_ARG(0);
    double offset;
    int r;
    if (!p)
        return JS_EXCEPTION;
    if (wf_to_integer_or_infinity(ctx, &offset, WF_TA_ARG(1)))
        return JS_EXCEPTION;
    if (offset < 0)
        return JS_ThrowRangeError(ctx, TA_NAME("set") ": negative offset");
    if (wf_is_typed_array(source))
        r = set_from_typed_array(ctx, p, offset, wf_obj(source));
    else
        r = set_from_array_like(ctx, p, offset, source);
    return r ? JS_EXCEPTION : JS_UNDEFINED;
}

/* ------------------------------------------------------------------ */
/* Copies */

/* 23.2.3.27 slice(start, end) */
static JSValue js_ta_slice(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t len, cur;
    JSObject *p = wf_ta_validate(ctx, this_val, &len, TA_NAME("slice")), *q;
    int64_t k, final, count, n;
    JSValue a, cv;

    if (!p)
        return JS_EXCEPTION;
    if (wf_to_relative_index(ctx, &k, WF_TA_ARG(0), (int64_t)len, 0) ||
        wf_to_relative_index(ctx, &final, WF_TA_ARG(1), (int64_t)len, (int64_t)len))
        return JS_EXCEPTION;
    count = final > k ? final - k : 0;
    cv = JS_NewInt64(ctx, count);
    a = wf_ta_species_create(ctx, p, 1, &cv);
    if (JS_IsException(a))
        return a;
    if (count <= 0)
        return a;
    if (wf_view_out_of_bounds(wf_view(p), &cur)) {
        JS_FreeValue(ctx, a);
        return JS_ThrowTypeError(ctx, TA_NAME("slice") ": the typed array is detached or out of bounds");
    }
    cur >>= wf_view(p)->size_log2;
    if (final > (int64_t)cur)
        final = (int64_t)cur;
    count = final > k ? final - k : 0;
    q = wf_obj(a);
    if (q->class_id == p->class_id) {
        WFArrayBufferView *sv = wf_view(p), *tv = wf_view(q);
        int s = sv->size_log2;
        size_t nbytes = (size_t)count << s, tbl;
        uint8_t *src, *dst;
        if (wf_view_out_of_bounds(tv, &tbl))
            tbl = 0;
        if (nbytes > tbl)
            nbytes = tbl;
        src = wf_view_data(sv) + ((size_t)k << s);
        dst = wf_view_data(tv);
        if (sv->buffer == tv->buffer) {
            /* byte by byte, upwards, as the spec copies */
            for (size_t i = 0; i < nbytes; i++)
                dst[i] = src[i];
        } else if (nbytes) {
            memcpy(dst, src, nbytes);
        }
        return a;
    }
    for (n = 0; k < final; k++, n++) {
        JSValue v = wf_ta_get(ctx, p, (uint64_t)k);
        int r;
        if (JS_IsException(v))
            goto fail;
        r = wf_ta_set(ctx, q, (double)n, v);
        JS_FreeValue(ctx, v);
        if (r)
            goto fail;
    }
    return a;
fail:
    JS_FreeValue(ctx, a);
    return JS_EXCEPTION;
}

/* 23.2.3.30 subarray(start, end) */
static JSValue js_ta_subarray(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSObject *p = wf_ta_this(ctx, this_val, TA_NAME("subarray"));
    WFArrayBufferView *v;
    size_t src_len, bl;
    int64_t start, end;
    JSValueConst args[3];
    int nargs = 2;

    if (!p)
        return JS_EXCEPTION;
    v = wf_view(p);
    src_len = wf_view_out_of_bounds(v, &bl) ? 0 : bl >> v->size_log2;
    if (wf_to_relative_index(ctx, &start, WF_TA_ARG(0), (int64_t)src_len, 0))
        return JS_EXCEPTION;
    args[0] = JS_MKPTR(JS_TAG_OBJECT, v->buffer);
    args[1] = JS_NewInt64(ctx, (int64_t)(v->byte_offset + ((size_t)start << v->size_log2)));
    if (!(v->track_rab && JS_IsUndefined(WF_TA_ARG(1)))) {
        if (wf_to_relative_index(ctx, &end, WF_TA_ARG(1), (int64_t)src_len, (int64_t)src_len))
            return JS_EXCEPTION;
        args[2] = JS_NewInt64(ctx, end > start ? end - start : 0);
        nargs = 3;
    }
    return wf_ta_species_create(ctx, p, nargs, args);
}

/* ------------------------------------------------------------------ */
/* Sorting (23.2.3.29 sort, 23.2.3.34 toSorted) */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* CompareTypedArrayElements for Numbers: NaN last, -0 before +0. */
static int cmp_f64(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    if (isnan(x))
        return isnan(y) ? 0 : 1;
    if (isnan(y))
        return -1;
    if (x < y)
        return -1;
    if (x > y)
        return 1;
    if (x == 0 && y == 0)
        return (int)(signbit(y) != 0) - (int)(signbit(x) != 0);
    return 0;
}

/* Sort n elements of type t at d in place with the default order. */
static int sort_default(JSContext *ctx, JSTypedArrayEnum t, uint8_t *d, size_t n)
{
    int s = wf_ta_size_log2(t);
    uint64_t *buf;
    size_t k;
    if (n < 2)
        return 0;
    buf = js_malloc(ctx, sizeof(uint64_t) * n);
    if (!buf)
        return -1;
    switch (t) {
    case JS_TYPED_ARRAY_FLOAT16:
    case JS_TYPED_ARRAY_FLOAT32:
    case JS_TYPED_ARRAY_FLOAT64:
        for (k = 0; k < n; k++) {
            double x = wf_ta_raw_to_double(t, wf_ta_load(d + (k << s), s));
            memcpy(&buf[k], &x, 8);
        }
        qsort(buf, n, 8, cmp_f64);
        for (k = 0; k < n; k++) {
            double x;
            memcpy(&x, &buf[k], 8);
            wf_ta_store(d + (k << s), s, wf_ta_double_to_raw(t, x));
        }
        break;
    case JS_TYPED_ARRAY_INT8:
    case JS_TYPED_ARRAY_INT16:
    case JS_TYPED_ARRAY_INT32:
    case JS_TYPED_ARRAY_BIG_INT64:
        for (k = 0; k < n; k++) {
            uint64_t raw = wf_ta_load(d + (k << s), s);
            int sh = 64 - (8 << s);
            int64_t x = (int64_t)(raw << sh) >> sh;     /* sign-extend */
            memcpy(&buf[k], &x, 8);
        }
        qsort(buf, n, 8, cmp_i64);
        for (k = 0; k < n; k++)
            wf_ta_store(d + (k << s), s, buf[k]);
        break;
    default:
        for (k = 0; k < n; k++)
            buf[k] = wf_ta_load(d + (k << s), s);
        qsort(buf, n, 8, cmp_u64);
        for (k = 0; k < n; k++)
            wf_ta_store(d + (k << s), s, buf[k]);
        break;
    }
    js_free(ctx, buf);
    return 0;
}

/* SortCompare with a comparator: -1 exception, else *pres < 0, 0, > 0. */
static int sort_compare(JSContext *ctx, JSValueConst cmp, JSValueConst x, JSValueConst y, double *pres)
{
    JSValueConst args[2];
    JSValue r;
    double d;
    args[0] = x;
    args[1] = y;
    r = wf_call(ctx, cmp, JS_UNDEFINED, 2, args);
    if (JS_IsException(r))
        return -1;
    if (wf_to_number(ctx, &d, r)) {
        JS_FreeValue(ctx, r);
        return -1;
    }
    JS_FreeValue(ctx, r);
    *pres = isnan(d) ? 0 : d;
    return 0;
}

/* Stable merge sort of vals[0..n) with a user comparator: -1 on exception
   (vals keeps every value, in some order). */
static int sort_values(JSContext *ctx, JSValue *vals, size_t n, JSValueConst cmp)
{
    JSValue *tmp, *src, *dst, *t;
    size_t width, i;
    if (n < 2)
        return 0;
    tmp = js_malloc(ctx, sizeof(JSValue) * n);
    if (!tmp)
        return -1;
    src = vals;
    dst = tmp;
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi) {
                double c;
                if (sort_compare(ctx, cmp, src[b], src[a], &c)) {
                    /* keep every value exactly once in vals */
                    while (a < mid)
                        dst[o++] = src[a++];
                    while (b < hi)
                        dst[o++] = src[b++];
                    for (o = hi; o < n; o++)
                        dst[o] = src[o];
                    if (dst != vals)
                        memcpy(vals, dst, sizeof(JSValue) * n);
                    js_free(ctx, tmp);
                    return -1;
                }
                /* take from the right only when strictly smaller: stable */
                if (c < 0)
                    dst[o++] = src[b++];
                else
                    dst[o++] = src[a++];
            }
            while (a < mid)
                dst[o++] = src[a++];
            while (b < hi)
                dst[o++] = src[b++];
        }
        t = src;
        src = dst;
        dst = t;
    }
    if (src != vals)
        memcpy(vals, src, sizeof(JSValue) * n);
    js_free(ctx, tmp);
    return 0;
}

/* Read p's len elements (Get), sort them with cmp and store them into q
   (Set, which ignores indices out of bounds). */
static int sort_with_comparator(JSContext *ctx, JSObject *p, size_t len, JSValueConst cmp, JSObject *q)
{
    JSValue *vals;
    size_t k, n = 0;
    int r = -1;
    vals = js_malloc(ctx, sizeof(JSValue) * (len ? len : 1));
    if (!vals)
        return -1;
    for (k = 0; k < len; k++) {
        JSValue v = wf_ta_get(ctx, p, k);
        if (JS_IsException(v))
            goto done;
        vals[n++] = v;
    }
    if (sort_values(ctx, vals, n, cmp))
        goto done;
    for (k = 0; k < n; k++) {
        if (wf_ta_set(ctx, q, (double)k, vals[k]))
            goto done;
    }
    r = 0;
done:
    for (k = 0; k < n; k++)
        JS_FreeValue(ctx, vals[k]);
    js_free(ctx, vals);
    return r;
}

static JSValue js_ta_sort(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst cmp = WF_TA_ARG(0);
    size_t len;
    JSObject *p;

    if (!JS_IsUndefined(cmp) && !wf_is_callable(cmp))
        return JS_ThrowTypeError(ctx, TA_NAME("sort") ": the comparator is not a function");
    p = wf_ta_validate(ctx, this_val, &len, TA_NAME("sort"));
    if (!p)
        return JS_EXCEPTION;
    if (JS_IsUndefined(cmp)) {
        if (sort_default(ctx, wf_ta_type(p->class_id), wf_view_data(wf_view(p)), len))
            return JS_EXCEPTION;
    } else if (sort_with_comparator(ctx, p, len, cmp, p)) {
        return JS_EXCEPTION;
    }
    return JS_DupValue(ctx, this_val);
}

static JSValue js_ta_toSorted(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst cmp = WF_TA_ARG(0);
    size_t len;
    JSObject *p, *q;
    JSValue a;

    if (!JS_IsUndefined(cmp) && !wf_is_callable(cmp))
        return JS_ThrowTypeError(ctx, TA_NAME("toSorted") ": the comparator is not a function");
    p = wf_ta_validate(ctx, this_val, &len, TA_NAME("toSorted"));
    if (!p)
        return JS_EXCEPTION;
    a = wf_ta_create_same_type(ctx, p, len);
    if (JS_IsException(a))
        return a;
    q = wf_obj(a);
    if (JS_IsUndefined(cmp)) {
        int s = wf_view(p)->size_log2;
        memcpy(wf_view_data(wf_view(q)), wf_view_data(wf_view(p)), len << s);
        if (sort_default(ctx, wf_ta_type(p->class_id), wf_view_data(wf_view(q)), len))
            goto fail;
    } else if (sort_with_comparator(ctx, p, len, cmp, q)) {
        goto fail;
    }
    return a;
fail:
    JS_FreeValue(ctx, a);
    return JS_EXCEPTION;
}

/* ------------------------------------------------------------------ */
/* Table */

const JSCFunctionListEntry wf_ta_proto_funcs[] = {
    JS_CFUNC_DEF("at", 1, js_ta_at),
    JS_CGETSET_MAGIC_DEF("buffer", js_ta_get_view, NULL, GET_BUFFER),
    JS_CGETSET_MAGIC_DEF("byteLength", js_ta_get_view, NULL, GET_BYTE_LENGTH),
    JS_CGETSET_MAGIC_DEF("byteOffset", js_ta_get_view, NULL, GET_BYTE_OFFSET),
    JS_CFUNC_DEF("copyWithin", 2, js_ta_copyWithin),
    JS_CFUNC_MAGIC_DEF("entries", 0, js_ta_iterator, 2),
    JS_CFUNC_MAGIC_DEF("every", 1, js_ta_iterate, IT_EVERY),
    JS_CFUNC_DEF("fill", 1, js_ta_fill),
    JS_CFUNC_DEF("filter", 1, js_ta_filter),
    JS_CFUNC_MAGIC_DEF("find", 1, js_ta_iterate, IT_FIND),
    JS_CFUNC_MAGIC_DEF("findIndex", 1, js_ta_iterate, IT_FIND_INDEX),
    JS_CFUNC_MAGIC_DEF("findLast", 1, js_ta_iterate, IT_FIND_LAST),
    JS_CFUNC_MAGIC_DEF("findLastIndex", 1, js_ta_iterate, IT_FIND_LAST_INDEX),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_ta_iterate, IT_FOR_EACH),
    JS_CFUNC_MAGIC_DEF("includes", 1, js_ta_search, SEARCH_INCLUDES),
    JS_CFUNC_MAGIC_DEF("indexOf", 1, js_ta_search, SEARCH_INDEX_OF),
    JS_CFUNC_MAGIC_DEF("join", 1, js_ta_join, 0),
    JS_CFUNC_MAGIC_DEF("keys", 0, js_ta_iterator, 0),
    JS_CFUNC_MAGIC_DEF("lastIndexOf", 1, js_ta_search, SEARCH_LAST_INDEX_OF),
    JS_CGETSET_MAGIC_DEF("length", js_ta_get_view, NULL, GET_LENGTH),
    JS_CFUNC_DEF("map", 1, js_ta_map),
    JS_CFUNC_MAGIC_DEF("reduce", 1, js_ta_reduce, 0),
    JS_CFUNC_MAGIC_DEF("reduceRight", 1, js_ta_reduce, 1),
    JS_CFUNC_DEF("reverse", 0, js_ta_reverse),
    JS_CFUNC_DEF("set", 1, js_ta_set),
    JS_CFUNC_DEF("slice", 2, js_ta_slice),
    JS_CFUNC_MAGIC_DEF("some", 1, js_ta_iterate, IT_SOME),
    JS_CFUNC_DEF("sort", 1, js_ta_sort),
    JS_CFUNC_DEF("subarray", 2, js_ta_subarray),
    JS_CFUNC_MAGIC_DEF("toLocaleString", 0, js_ta_join, 1),
    JS_CFUNC_DEF("toReversed", 0, js_ta_toReversed),
    JS_CFUNC_DEF("toSorted", 1, js_ta_toSorted),
    JS_CFUNC_MAGIC_DEF("values", 0, js_ta_iterator, 1),
    JS_CFUNC_DEF("with", 2, js_ta_with),
    JS_CGETSET_DEF("[Symbol.toStringTag]", js_ta_get_to_string_tag, NULL),
};
const int wf_ta_proto_funcs_count = countof(wf_ta_proto_funcs);
