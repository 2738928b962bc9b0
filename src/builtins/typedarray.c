/*
 * typedarray.c - typed array objects (ECMA-262 10.4.5 TypedArray exotic
 * objects, 23.2.1 %TypedArray%, 23.2.2 %TypedArray% properties, 23.2.4
 * abstract operations, 23.2.5-23.2.7 the concrete constructors) and the
 * QuickJS C API for typed arrays.
 *
 * A typed array is an object of one of the twelve JS_CLASS_*_ARRAY classes
 * whose u.ptr is a WFArrayBufferView (engine/abuf.h).  Its integer-indexed
 * elements live in the buffer, never in the shape: the exotic hooks below
 * answer every key that is a CanonicalNumericIndexString and hand the other
 * keys to the ordinary algorithm (which for a key absent from the shape
 * means: continue with the prototype, or add a property).
 *
 * The prototype methods are in typedarray_proto.c, Uint8Array's base64 and
 * hex functions in typedarray_b64.c.
 */
#include "builtins/typedarray_int.h"

#define THROW_FLAGS (JS_PROP_THROW | JS_PROP_THROW_STRICT)

const uint8_t wf_ta_size_log2_tab[WF_TA_COUNT] = {
    0, 0, 0, 1, 1, 2, 2, 3, 3, 1, 2, 3,
};

static const char *const ta_names[WF_TA_COUNT] = {
    "Uint8ClampedArray", "Int8Array", "Uint8Array", "Int16Array", "Uint16Array",
    "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array",
    "Float16Array", "Float32Array", "Float64Array",
};

/* ------------------------------------------------------------------ */
/* Elements */

int wf_ta_value_to_raw(JSContext *ctx, JSTypedArrayEnum t, JSValueConst v, uint64_t *praw)
{
    double d;
    if (wf_ta_type_is_bigint(t)) {
        int64_t x;
        if (JS_ToBigInt64(ctx, &x, v))
            return -1;
        *praw = (uint64_t)x;
        return 0;
    }
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT:
        *praw = wf_ta_int_to_raw(t, JS_VALUE_GET_INT(v));
        return 0;
    case JS_TAG_FLOAT64:
        d = JS_VALUE_GET_FLOAT64(v);
        break;
    default:
        if (wf_to_number(ctx, &d, v))
            return -1;
        break;
    }
    *praw = wf_ta_double_to_raw(t, d);
    return 0;
}

JSObject *wf_ta_this(JSContext *ctx, JSValueConst v, const char *what)
{
    if (wf_is_typed_array(v))
        return wf_obj(v);
    JS_ThrowTypeError(ctx, "%s: not a typed array", what);
    return NULL;
}

JSObject *wf_ta_validate(JSContext *ctx, JSValueConst v, size_t *plen, const char *what)
{
    JSObject *p = wf_ta_this(ctx, v, what);
    size_t bl;
    if (!p)
        return NULL;
    if (wf_view_out_of_bounds(wf_view(p), &bl)) {
        JS_ThrowTypeError(ctx, "%s: the typed array is detached or out of bounds", what);
        return NULL;
    }
    *plen = bl >> wf_view(p)->size_log2;
    return p;
}

bool wf_ta_valid_index(JSObject *p, double index)
{
    WFArrayBufferView *v = wf_view(p);
    if (wf_abuf(v->buffer)->detached)
        return false;
    if (!(index >= 0) || index != trunc(index))
        return false;                   /* NaN, negatives, fractions */
    if (index == 0 && signbit(index))
        return false;                   /* -0 */
    return index < (double)wf_ta_length(v);
}

JSValue wf_ta_get(JSContext *ctx, JSObject *p, uint64_t idx)
{
    WFArrayBufferView *v = wf_view(p);
    size_t bl;
    int s = v->size_log2;
    if (wf_view_out_of_bounds(v, &bl) || idx >= (bl >> s))
        return JS_UNDEFINED;
    return wf_ta_raw_to_value(ctx, wf_ta_type(p->class_id),
                              wf_ta_load(wf_view_data(v) + ((size_t)idx << s), s));
}

void wf_ta_set_raw(JSObject *p, uint64_t idx, uint64_t raw)
{
    WFArrayBufferView *v = wf_view(p);
    size_t bl;
    int s = v->size_log2;
    if (wf_view_out_of_bounds(v, &bl) || idx >= (bl >> s))
        return;
    wf_ta_store(wf_view_data(v) + ((size_t)idx << s), s, raw);
}

int wf_ta_set(JSContext *ctx, JSObject *p, double index, JSValueConst val)
{
    uint64_t raw;
    if (wf_ta_value_to_raw(ctx, wf_ta_type(p->class_id), val, &raw))
        return -1;
    /* the conversion may have detached or shrunk the buffer */
    if (wf_ta_valid_index(p, index))
        wf_ta_set_raw(p, (uint64_t)index, raw);
    return 0;
}

bool wf_typed_array_get_fast(JSContext *ctx, JSObject *p, uint32_t idx, JSValue *pv)
{
    WFArrayBufferView *v = wf_view(p);
    size_t bl;
    int s = v->size_log2;
    if (wf_ta_get_el_fast(p, idx, pv))
        return true;
    if (wf_view_out_of_bounds(v, &bl) || idx >= (bl >> s))
        return false;
    *pv = wf_ta_raw_to_value(ctx, wf_ta_type(p->class_id),
                             wf_ta_load(wf_view_data(v) + ((size_t)idx << s), s));
    return true;
}

bool wf_typed_array_set_fast(JSContext *ctx, JSObject *p, uint32_t idx, JSValueConst val)
{
    JSTypedArrayEnum t = wf_ta_type(p->class_id);
    uint64_t raw;
    (void)ctx;
    if (wf_ta_put_el_fast(p, idx, val))
        return true;
    if (wf_ta_type_is_bigint(t)) {
        if (!wf_is_bigint(val))
            return false;
        raw = wf_bigint_to_uint64_mod(val);
    } else if (JS_VALUE_GET_TAG(val) == JS_TAG_INT) {
        raw = wf_ta_int_to_raw(t, JS_VALUE_GET_INT(val));
    } else if (JS_VALUE_GET_TAG(val) == JS_TAG_FLOAT64) {
        raw = wf_ta_double_to_raw(t, JS_VALUE_GET_FLOAT64(val));
    } else {
        return false;
    }
    wf_ta_set_raw(p, idx, raw);
    return true;
}

int wf_typed_array_get_length(JSContext *ctx, JSValueConst obj, int64_t *plen)
{
    size_t len;
    if (!wf_ta_validate(ctx, obj, &len, "Array Iterator")) {
        *plen = 0;
        return -1;
    }
    *plen = (int64_t)len;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Objects */

static void view_finalizer(JSRuntime *rt, JSValueConst val)
{
    JSObject *p = wf_obj(val);
    WFArrayBufferView *v = p->u.ptr;
    if (v) {
        JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_OBJECT, v->buffer));
        js_free_rt(rt, v);
        p->u.ptr = NULL;
    }
}

static void view_gc_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFArrayBufferView *v = wf_obj(val)->u.ptr;
    if (v)
        mark_func(rt, &v->buffer->header);
}

/* A view object of class cid over buffer; JS_EXCEPTION on OOM. */
static JSValue view_create(JSContext *ctx, JSValueConst proto, JSClassID cid, JSValueConst buffer,
                           size_t byte_offset, size_t length, bool track_rab, int size_log2)
{
    JSValue obj = wf_obj_new(ctx, proto, cid);
    WFArrayBufferView *v;
    if (JS_IsException(obj))
        return obj;
    v = js_malloc(ctx, sizeof(*v));
    if (!v) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    v->buffer = wf_obj(JS_DupValue(ctx, buffer));
    v->byte_offset = byte_offset;
    v->length = track_rab ? 0 : length;
    v->track_rab = track_rab;
    v->size_log2 = (uint8_t)size_log2;
    wf_obj(obj)->u.ptr = v;
    return obj;
}

JSValue wf_typed_array_new(JSContext *ctx, JSClassID cid, JSValueConst buffer,
                           size_t byte_offset, size_t length, bool track_rab)
{
    return view_create(ctx, ctx->class_proto[cid], cid, buffer, byte_offset, length, track_rab,
                       wf_ta_size_log2(wf_ta_type(cid)));
}

JSValue wf_dataview_new(JSContext *ctx, JSValueConst buffer, size_t byte_offset,
                        size_t byte_length, bool track_rab)
{
    return view_create(ctx, ctx->class_proto[JS_CLASS_DATAVIEW], JS_CLASS_DATAVIEW, buffer,
                       byte_offset, byte_length, track_rab, 0);
}

void wf_view_class_init(JSRuntime *rt, JSClassID cid)
{
    wf_class_set_hooks(rt, cid, view_finalizer, view_gc_mark, NULL, NULL);
}

JSValue wf_view_create(JSContext *ctx, JSValueConst proto, JSClassID cid, JSValueConst buffer,
                       size_t byte_offset, size_t length, bool track_rab)
{
    return view_create(ctx, proto, cid, buffer, byte_offset, length, track_rab,
                       wf_is_typed_array_class(cid) ? wf_ta_size_log2(wf_ta_type(cid)) : 0);
}

/* AllocateTypedArray with a length: a fresh buffer of len elements. */
static JSValue ta_alloc_proto(JSContext *ctx, JSValueConst proto, JSTypedArrayEnum t, uint64_t len)
{
    int s = wf_ta_size_log2(t);
    JSValue buf, obj;
    if (len > (WF_ABUF_MAX_BYTE_LENGTH >> s))
        return JS_ThrowRangeError(ctx, "invalid typed array length %llu", (unsigned long long)len);
    buf = wf_array_buffer_alloc(ctx, JS_UNDEFINED, len << s, false, 0);
    if (JS_IsException(buf))
        return buf;
    obj = view_create(ctx, proto, JS_CLASS_UINT8C_ARRAY + t, buf, 0, (size_t)len, false, s);
    JS_FreeValue(ctx, buf);
    return obj;
}

JSValue wf_ta_alloc(JSContext *ctx, JSTypedArrayEnum t, uint64_t len)
{
    return ta_alloc_proto(ctx, ctx->class_proto[JS_CLASS_UINT8C_ARRAY + t], t, len);
}

/* ------------------------------------------------------------------ */
/* The exotic internal methods (10.4.5) */

/* CanonicalNumericIndexString of a property key: true and *pd when the key
   is a numeric string (int atoms always are). */
static bool ta_numeric_key(JSContext *ctx, JSAtom atom, double *pd)
{
    JSString *s;
    uint32_t c;
    if (wf_atom_is_int(atom)) {
        *pd = wf_atom_to_uint(atom);
        return true;
    }
    if (wf_atom_type(ctx->rt, atom) != WF_ATOM_TYPE_STRING)
        return false;
    s = wf_atom_get_str(ctx->rt, atom);
    if (!s || s->len == 0)
        return false;
    /* a canonical numeric string starts with a digit, '-', "Infinity" or "NaN" */
    c = wf_str_get(s, 0);
    if (!((c >= '0' && c <= '9') || c == '-' || c == 'I' || c == 'N'))
        return false;
    return wf_canonical_numeric_index(ctx, JS_MKPTR(JS_TAG_STRING, s), pd);
}

/* [[GetOwnProperty]] for keys the shape does not hold. */
static int ta_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc,
                               JSValueConst obj, JSAtom prop)
{
    JSObject *p = wf_obj(obj);
    double d;
    JSValue v;
    if (!ta_numeric_key(ctx, prop, &d) || !wf_ta_valid_index(p, d))
        return 0;
    if (desc) {
        v = wf_ta_get(ctx, p, (uint64_t)d);
        if (JS_IsException(v))
            return -1;
        desc->flags = JS_PROP_C_W_E;
        desc->value = v;
        desc->getter = JS_UNDEFINED;
        desc->setter = JS_UNDEFINED;
    }
    return 1;
}

/* [[HasProperty]] (the shape was looked at by the caller). */
static int ta_has_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSObject *p = wf_obj(obj), *proto;
    JSValue po;
    double d;
    int r;
    if (ta_numeric_key(ctx, prop, &d))
        return wf_ta_valid_index(p, d);
    proto = p->shape->proto;
    if (!proto)
        return 0;
    po = wf_obj_value(proto);
    r = wf_obj_has(ctx, po, prop);
    JS_FreeValue(ctx, po);
    return r;
}

/* [[DefineOwnProperty]] for keys the shape does not hold. */
static int ta_define_own_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                  JSValueConst val, JSValueConst getter,
                                  JSValueConst setter, int flags)
{
    JSObject *p = wf_obj(obj);
    JSProperty *pr;
    double d;

    if (ta_numeric_key(ctx, prop, &d)) {
        if (!wf_ta_valid_index(p, d))
            return 0;
        if ((flags & JS_PROP_HAS_CONFIGURABLE) && !(flags & JS_PROP_CONFIGURABLE))
            return 0;
        if ((flags & JS_PROP_HAS_ENUMERABLE) && !(flags & JS_PROP_ENUMERABLE))
            return 0;
        if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET))
            return 0;
        if ((flags & JS_PROP_HAS_WRITABLE) && !(flags & JS_PROP_WRITABLE))
            return 0;
        if ((flags & JS_PROP_HAS_VALUE) && wf_ta_set(ctx, p, d, val))
            return -1;
        return 1;
    }
    /* OrdinaryDefineOwnProperty of a new property */
    if (!p->extensible)
        return 0;
    if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) {
        pr = wf_obj_add_property(ctx, p, prop, (flags & (JS_PROP_CONFIGURABLE | JS_PROP_ENUMERABLE)) |
                                 JS_PROP_GETSET);
        if (!pr)
            return -1;
        pr->u.getset.getter = ((flags & JS_PROP_HAS_GET) && JS_IsObject(getter)) ?
                              wf_obj(JS_DupValue(ctx, getter)) : NULL;
        pr->u.getset.setter = ((flags & JS_PROP_HAS_SET) && JS_IsObject(setter)) ?
                              wf_obj(JS_DupValue(ctx, setter)) : NULL;
    } else {
        pr = wf_obj_add_property(ctx, p, prop, flags & JS_PROP_C_W_E);
        if (!pr)
            return -1;
        pr->u.value = (flags & JS_PROP_HAS_VALUE) ? JS_DupValue(ctx, val) : JS_UNDEFINED;
    }
    return 1;
}

static int ta_delete_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    double d;
    if (ta_numeric_key(ctx, prop, &d))
        return !wf_ta_valid_index(wf_obj(obj), d);
    return 1;
}

/* The integer indices; the shape adds the string and symbol keys. */
static int ta_get_own_property_names(JSContext *ctx, JSPropertyEnum **ptab,
                                     uint32_t *plen, JSValueConst obj)
{
    size_t len = wf_ta_length(wf_view(wf_obj(obj))), i;
    JSPropertyEnum *tab;
    *ptab = NULL;
    *plen = 0;
    if (len > UINT32_MAX) {
        JS_ThrowRangeError(ctx, "too many properties");
        return -1;
    }
    tab = js_malloc(ctx, sizeof(*tab) * (len ? len : 1));
    if (!tab)
        return -1;
    for (i = 0; i < len; i++) {
        JSAtom a = wf_atom_new_uint32(ctx, (uint32_t)i);
        if (a == JS_ATOM_NULL) {
            wf_prop_enum_free(ctx->rt, tab, (uint32_t)i);
            return -1;
        }
        tab[i].atom = a;
        tab[i].is_enumerable = true;
    }
    *ptab = tab;
    *plen = (uint32_t)len;
    return 0;
}

static JSValue ta_get_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                               JSValueConst receiver)
{
    JSObject *p = wf_obj(obj), *proto;
    JSValue po, r;
    double d;
    if (wf_atom_is_int(prop))
        return wf_ta_get(ctx, p, wf_atom_to_uint(prop));
    if (ta_numeric_key(ctx, prop, &d)) {
        if (!wf_ta_valid_index(p, d))
            return JS_UNDEFINED;
        return wf_ta_get(ctx, p, (uint64_t)d);
    }
    proto = p->shape->proto;
    if (!proto)
        return JS_UNDEFINED;
    po = wf_obj_value(proto);
    r = wf_obj_get(ctx, po, prop, receiver);
    JS_FreeValue(ctx, po);
    return r;
}

/* OrdinarySetWithOwnDescriptor, steps 2.b-e, when the own descriptor is a
   writable data property (or absent at the end of the chain). */
static int set_on_receiver(JSContext *ctx, JSValueConst receiver, JSAtom prop,
                           JSValueConst val, int flags)
{
    JSPropertyDescriptor d;
    int r;
    if (!JS_IsObject(receiver))
        return 0;
    r = wf_obj_get_own_property(ctx, &d, receiver, prop);
    if (r < 0)
        return -1;
    if (r) {
        wf_desc_free(ctx, &d);
        if ((d.flags & JS_PROP_GETSET) || !(d.flags & JS_PROP_WRITABLE))
            return 0;
        return wf_obj_define(ctx, receiver, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                             JS_PROP_HAS_VALUE | (flags & THROW_FLAGS));
    }
    return wf_obj_define(ctx, receiver, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                         JS_PROP_C_W_E | JS_PROP_HAS_VALUE | JS_PROP_HAS_CONFIGURABLE |
                         JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE | (flags & THROW_FLAGS));
}

/* [[Set]] (10.4.5.5) for keys the shape does not hold. */
static int ta_set_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                           JSValueConst val, JSValueConst receiver, int flags)
{
    JSObject *p = wf_obj(obj), *proto;
    JSValue po;
    double d;
    int r;

    if (ta_numeric_key(ctx, prop, &d)) {
        if (JS_IsObject(receiver) && wf_obj(receiver) == p)
            return wf_ta_set(ctx, p, d, val) ? -1 : 1;
        if (!wf_ta_valid_index(p, d))
            return 1;
        return set_on_receiver(ctx, receiver, prop, val, flags);
    }
    proto = p->shape->proto;
    if (!proto)
        return set_on_receiver(ctx, receiver, prop, val, flags);
    po = wf_obj_value(proto);
    r = wf_obj_set(ctx, po, prop, JS_DupValue(ctx, val), receiver, flags);
    JS_FreeValue(ctx, po);
    return r;
}

/* [[PreventExtensions]] (10.4.5.x): an array that can gain or lose
   elements when its buffer is resized (IsTypedArrayFixedLength false)
   cannot become non-extensible. */
static int ta_prevent_extensions(JSContext *ctx, JSValueConst obj)
{
    JSObject *p = wf_obj(obj);
    WFArrayBufferView *v = wf_view(p);
    WFArrayBuffer *ab = wf_abuf(v->buffer);
    (void)ctx;
    if (v->track_rab || (ab->resizable && !ab->shared))
        return 0;
    p->extensible = 0;
    return 1;
}

static const WFObjectHooks ta_hooks = {
    .prevent_extensions = ta_prevent_extensions,
};

static const JSClassExoticMethods ta_exotic = {
    .get_own_property = ta_get_own_property,
    .get_own_property_names = ta_get_own_property_names,
    .delete_property = ta_delete_property,
    .define_own_property = ta_define_own_property,
    .has_property = ta_has_property,
    .get_property = ta_get_property,
    .set_property = ta_set_property,
};

/* ------------------------------------------------------------------ */
/* Constructors (23.2.5.1) */

/* IteratorToList for an Array whose iteration is unobservable: the same
   Gets of "length" and of each index the Array Iterator would do. */
static int array_to_list(JSContext *ctx, JSValueConst arr, JSValue **pvals, uint32_t *pcount)
{
    JSValue *vals = NULL, *nv, v;
    uint32_t count = 0, size = 0, fcount;
    int64_t len;

    for (;;) {
        JSValue *fvals;
        if (wf_array_get_fast(arr, &fvals, &fcount)) {
            len = fcount;
        } else {
            v = wf_obj_get(ctx, arr, JS_ATOM_length, arr);
            if (JS_IsException(v))
                goto fail;
            if (wf_to_length(ctx, &len, v)) {
                JS_FreeValue(ctx, v);
                goto fail;
            }
            JS_FreeValue(ctx, v);
            fvals = NULL;
        }
        if ((int64_t)count >= len)
            break;
        if (count == size) {
            uint32_t nsize = size ? size * 2 : 16;
            if ((int64_t)nsize > len)
                nsize = (uint32_t)(len < UINT32_MAX ? len : UINT32_MAX);
            if (nsize <= size) {
                JS_ThrowRangeError(ctx, "too many values");
                goto fail;
            }
            nv = js_realloc(ctx, vals, sizeof(JSValue) * nsize);
            if (!nv)
                goto fail;
            vals = nv;
            size = nsize;
        }
        if (fvals) {
            v = JS_DupValue(ctx, fvals[count]);
        } else {
            v = wf_obj_get_int64(ctx, arr, count);
            if (JS_IsException(v))
                goto fail;
        }
        vals[count++] = v;
    }
    *pvals = vals;
    *pcount = count;
    return 0;
fail:
    for (uint32_t i = 0; i < count; i++)
        JS_FreeValue(ctx, vals[i]);
    js_free(ctx, vals);
    return -1;
}

/* IteratorToList(GetIteratorFromMethod(obj, method)): *pvals (js_malloc'd,
   each value owned) and *pcount; -1 on exception. */
static int iterate_to_list(JSContext *ctx, JSValueConst obj, JSValueConst method,
                           JSValue **pvals, uint32_t *pcount)
{
    JSValue iter, next, v, *vals = NULL, *nv;
    uint32_t count = 0, size = 0;
    bool done;

    *pvals = NULL;
    *pcount = 0;
    if (wf_arr_iter_is_pristine(ctx, obj, method))
        return array_to_list(ctx, obj, pvals, pcount);
    iter = wf_get_iterator_from_method(ctx, obj, method, &next);
    if (JS_IsException(iter))
        return -1;
    for (;;) {
        v = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        if (count == size) {
            uint32_t nsize = size ? size * 2 : 16;
            if (nsize < size) {
                JS_FreeValue(ctx, v);
                JS_ThrowRangeError(ctx, "too many values");
                wf_iterator_close(ctx, iter, true);
                goto fail;
            }
            nv = js_realloc(ctx, vals, sizeof(JSValue) * nsize);
            if (!nv) {
                JS_FreeValue(ctx, v);
                wf_iterator_close(ctx, iter, true);
                goto fail;
            }
            vals = nv;
            size = nsize;
        }
        vals[count++] = v;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    *pvals = vals;
    *pcount = count;
    return 0;
fail:
    for (uint32_t i = 0; i < count; i++)
        JS_FreeValue(ctx, vals[i]);
    js_free(ctx, vals);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return -1;
}

static void free_list(JSContext *ctx, JSValue *vals, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++)
        JS_FreeValue(ctx, vals[i]);
    js_free(ctx, vals);
}

/* InitializeTypedArrayFromTypedArray (23.2.5.1.2) */
static JSValue ta_from_typed_array(JSContext *ctx, JSValueConst proto, JSTypedArrayEnum t,
                                   JSObject *src)
{
    WFArrayBufferView *sv = wf_view(src);
    JSTypedArrayEnum st = wf_ta_type(src->class_id);
    int s = wf_ta_size_log2(t), ss = sv->size_log2;
    size_t src_bytes, n, k;
    JSValue buf, obj;

    if (wf_view_out_of_bounds(sv, &src_bytes))
        return JS_ThrowTypeError(ctx, "%s: the source typed array is detached or out of bounds",
                                 ta_names[t]);
    n = src_bytes >> ss;
    if (st == t) {
        buf = wf_array_buffer_clone(ctx, sv->buffer, sv->byte_offset, src_bytes);
    } else {
        uint8_t *dst, *from;
        if (n > (WF_ABUF_MAX_BYTE_LENGTH >> s))
            return JS_ThrowRangeError(ctx, "invalid typed array length %zu", n);
        buf = wf_array_buffer_alloc(ctx, JS_UNDEFINED, (uint64_t)n << s, false, 0);
        if (JS_IsException(buf))
            return buf;
        if (wf_ta_type_is_bigint(st) != wf_ta_type_is_bigint(t)) {
            JS_FreeValue(ctx, buf);
            return JS_ThrowTypeError(ctx, "%s: cannot mix BigInt and Number typed arrays",
                                     ta_names[t]);
        }
        dst = wf_abuf(wf_obj(buf))->data;
        from = wf_view_data(sv);
        for (k = 0; k < n; k++) {
            uint64_t raw = wf_ta_load(from + (k << ss), ss);
            if (!wf_ta_type_is_bigint(t))
                raw = wf_ta_double_to_raw(t, wf_ta_raw_to_double(st, raw));
            wf_ta_store(dst + (k << s), s, raw);
        }
    }
    if (JS_IsException(buf))
        return buf;
    obj = view_create(ctx, proto, JS_CLASS_UINT8C_ARRAY + t, buf, 0, n, false, s);
    JS_FreeValue(ctx, buf);
    return obj;
}

/* InitializeTypedArrayFromArrayBuffer (23.2.5.1.3) */
static JSValue ta_from_buffer(JSContext *ctx, JSValueConst proto, JSTypedArrayEnum t,
                              JSValueConst buffer, JSValueConst byte_offset, JSValueConst length)
{
    WFArrayBuffer *ab = wf_abuf(wf_obj(buffer));
    int s = wf_ta_size_log2(t);
    uint64_t offset, new_len = 0, new_bytes, buf_len;
    bool track = false;

    if (wf_to_index(ctx, &offset, byte_offset))
        return JS_EXCEPTION;
    if (offset & ((1u << s) - 1))
        return JS_ThrowRangeError(ctx, "%s: start offset must be a multiple of %d",
                                  ta_names[t], 1 << s);
    if (!JS_IsUndefined(length) && wf_to_index(ctx, &new_len, length))
        return JS_EXCEPTION;
    if (ab->detached)
        return JS_ThrowTypeError(ctx, "%s: the buffer is detached", ta_names[t]);
    buf_len = wf_abuf_byte_length(ab);
    if (JS_IsUndefined(length) && ab->resizable) {
        if (offset > buf_len)
            return JS_ThrowRangeError(ctx, "%s: start offset %llu is outside the buffer",
                                      ta_names[t], (unsigned long long)offset);
        track = true;
        new_bytes = 0;
    } else if (JS_IsUndefined(length)) {
        if (buf_len & ((1u << s) - 1))
            return JS_ThrowRangeError(ctx, "%s: buffer length must be a multiple of %d",
                                      ta_names[t], 1 << s);
        if (offset > buf_len)
            return JS_ThrowRangeError(ctx, "%s: start offset %llu is outside the buffer",
                                      ta_names[t], (unsigned long long)offset);
        new_bytes = buf_len - offset;
    } else {
        new_bytes = new_len << s;
        if (offset + new_bytes > buf_len)
            return JS_ThrowRangeError(ctx, "%s: invalid length %llu for the buffer",
                                      ta_names[t], (unsigned long long)new_len);
    }
    return view_create(ctx, proto, JS_CLASS_UINT8C_ARRAY + t, buffer, (size_t)offset,
                       (size_t)(new_bytes >> s), track, s);
}

/* InitializeTypedArrayFromList / FromArrayLike (23.2.5.1.4, 23.2.5.1.5) */
static JSValue ta_from_object(JSContext *ctx, JSValueConst proto, JSTypedArrayEnum t,
                              JSValueConst src)
{
    JSValue method, obj, *vals, v;
    uint32_t count, k;
    int64_t len;

    method = wf_get_method(ctx, src, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return method;
    if (!JS_IsUndefined(method)) {
        int r = iterate_to_list(ctx, src, method, &vals, &count);
        JS_FreeValue(ctx, method);
        if (r)
            return JS_EXCEPTION;
        obj = ta_alloc_proto(ctx, proto, t, count);
        if (JS_IsException(obj)) {
            free_list(ctx, vals, count);
            return obj;
        }
        for (k = 0; k < count; k++) {
            if (wf_ta_set(ctx, wf_obj(obj), k, vals[k]))
                break;
        }
        free_list(ctx, vals, count);
        if (k < count) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
        return obj;
    }
    v = wf_obj_get(ctx, src, JS_ATOM_length, src);
    if (JS_IsException(v))
        return v;
    if (wf_to_length(ctx, &len, v)) {
        JS_FreeValue(ctx, v);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, v);
    obj = ta_alloc_proto(ctx, proto, t, (uint64_t)len);
    if (JS_IsException(obj))
        return obj;
    for (int64_t i = 0; i < len; i++) {
        int r;
        v = wf_obj_get_int64(ctx, src, i);
        if (JS_IsException(v))
            goto fail;
        r = wf_ta_set(ctx, wf_obj(obj), (double)i, v);
        JS_FreeValue(ctx, v);
        if (r)
            goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_typed_array_constructor(JSContext *ctx, JSValueConst new_target,
                                          int argc, JSValueConst *argv, int magic)
{
    JSTypedArrayEnum t = wf_ta_type((JSClassID)magic);
    JSValueConst a0 = WF_TA_ARG(0);
    JSValue proto, r;

    if (!JS_IsObject(a0)) {
        uint64_t len;
        if (wf_to_index(ctx, &len, a0))
            return JS_EXCEPTION;
        proto = wf_get_prototype_from_ctor(ctx, new_target, (JSClassID)magic);
        if (JS_IsException(proto))
            return proto;
        r = ta_alloc_proto(ctx, proto, t, len);
        JS_FreeValue(ctx, proto);
        return r;
    }
    proto = wf_get_prototype_from_ctor(ctx, new_target, (JSClassID)magic);
    if (JS_IsException(proto))
        return proto;
    if (wf_is_typed_array_class(wf_obj(a0)->class_id))
        r = ta_from_typed_array(ctx, proto, t, wf_obj(a0));
    else if (wf_is_array_buffer_class(wf_obj(a0)->class_id))
        r = ta_from_buffer(ctx, proto, t, a0, WF_TA_ARG(1), WF_TA_ARG(2));
    else
        r = ta_from_object(ctx, proto, t, a0);
    JS_FreeValue(ctx, proto);
    return r;
}

/* 23.2.1.1 %TypedArray%(): abstract. */
static JSValue js_typed_array_base_constructor(JSContext *ctx, JSValueConst new_target,
                                               int argc, JSValueConst *argv)
{
    (void)new_target;
    (void)argc;
    (void)argv;
    return JS_ThrowTypeError(ctx, "TypedArray is an abstract class: it cannot be called or constructed");
}

/* ------------------------------------------------------------------ */
/* Creation operations (23.2.4) */

JSValue wf_ta_create_from_ctor(JSContext *ctx, JSValueConst ctor, int argc, JSValueConst *argv)
{
    JSValue obj = wf_construct(ctx, ctor, ctor, argc, argv);
    size_t len;
    if (JS_IsException(obj))
        return obj;
    if (!wf_ta_validate(ctx, obj, &len, "TypedArray creation")) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    if (argc == 1 && JS_IsNumber(argv[0])) {
        double want;
        wf_to_number(ctx, &want, argv[0]);
        if ((double)len < want) {
            JS_FreeValue(ctx, obj);
            return JS_ThrowTypeError(ctx, "TypedArray creation: the new typed array is too short");
        }
    }
    return obj;
}

JSValue wf_ta_species_create(JSContext *ctx, JSObject *exemplar, int argc, JSValueConst *argv)
{
    JSTypedArrayEnum t = wf_ta_type(exemplar->class_id);
    JSValue ctor, obj;
    ctor = wf_species_constructor(ctx, JS_MKPTR(JS_TAG_OBJECT, exemplar), ctx->typed_array_ctors[t]);
    if (JS_IsException(ctor))
        return ctor;
    obj = wf_ta_create_from_ctor(ctx, ctor, argc, argv);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(obj))
        return obj;
    if (wf_ta_type_is_bigint(wf_ta_type(wf_obj(obj)->class_id)) != wf_ta_type_is_bigint(t)) {
        JS_FreeValue(ctx, obj);
        return JS_ThrowTypeError(ctx, "TypedArray species: cannot mix BigInt and Number typed arrays");
    }
    return obj;
}

/* The intrinsic constructors cannot be observed (their `prototype` is
   read-only and non-configurable), so creating through them is allocating
   directly. */
JSValue wf_ta_create_same_type(JSContext *ctx, JSObject *exemplar, uint64_t len)
{
    return wf_ta_alloc(ctx, wf_ta_type(exemplar->class_id), len);
}

/* ------------------------------------------------------------------ */
/* %TypedArray% functions (23.2.2) */

/* 23.2.2.1 %TypedArray%.from(source [, mapfn [, thisArg]]) */
static JSValue js_typed_array_from(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    JSValueConst source = WF_TA_ARG(0), mapfn = WF_TA_ARG(1), this_arg = WF_TA_ARG(2);
    JSValue method, target = JS_UNDEFINED, arr = JS_UNDEFINED, lenv, *vals = NULL, v, m;
    uint32_t count = 0;
    int64_t len, k;
    bool mapping = !JS_IsUndefined(mapfn);

    if (!wf_is_constructor(this_val))
        return JS_ThrowTypeError(ctx, "TypedArray.from: this is not a constructor");
    if (mapping && !wf_is_callable(mapfn))
        return JS_ThrowTypeError(ctx, "TypedArray.from: the mapping function is not callable");
    method = wf_get_method(ctx, source, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return method;
    if (!JS_IsUndefined(method)) {
        int r = iterate_to_list(ctx, source, method, &vals, &count);
        JS_FreeValue(ctx, method);
        if (r)
            return JS_EXCEPTION;
        len = count;
    } else {
        arr = wf_to_object(ctx, source);
        if (JS_IsException(arr))
            return arr;
        v = wf_obj_get(ctx, arr, JS_ATOM_length, arr);
        if (JS_IsException(v))
            goto fail;
        if (wf_to_length(ctx, &len, v)) {
            JS_FreeValue(ctx, v);
            goto fail;
        }
        JS_FreeValue(ctx, v);
    }
    lenv = JS_NewInt64(ctx, len);
    target = wf_ta_create_from_ctor(ctx, this_val, 1, &lenv);
    if (JS_IsException(target))
        goto fail;
    for (k = 0; k < len; k++) {
        int r;
        if (vals) {
            v = JS_DupValue(ctx, vals[k]);
        } else {
            v = wf_obj_get_int64(ctx, arr, k);
            if (JS_IsException(v))
                goto fail;
        }
        if (mapping) {
            JSValueConst args[2];
            args[0] = v;
            args[1] = JS_NewInt64(ctx, k);
            m = wf_call(ctx, mapfn, this_arg, 2, args);
            JS_FreeValue(ctx, v);
            if (JS_IsException(m))
                goto fail;
            v = m;
        }
        r = wf_obj_set_int64(ctx, target, k, v, JS_PROP_THROW);
        if (r < 0)
            goto fail;
    }
    if (vals)
        free_list(ctx, vals, count);
    JS_FreeValue(ctx, arr);
    return target;
fail:
    if (vals)
        free_list(ctx, vals, count);
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, target);
    return JS_EXCEPTION;
}

/* 23.2.2.2 %TypedArray%.of(...items) */
static JSValue js_typed_array_of(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    JSValue lenv, obj;
    int k;
    if (!wf_is_constructor(this_val))
        return JS_ThrowTypeError(ctx, "TypedArray.of: this is not a constructor");
    lenv = JS_NewInt32(ctx, argc);
    obj = wf_ta_create_from_ctor(ctx, this_val, 1, &lenv);
    if (JS_IsException(obj))
        return obj;
    for (k = 0; k < argc; k++) {
        if (wf_obj_set_int64(ctx, obj, k, JS_DupValue(ctx, argv[k]), JS_PROP_THROW) < 0) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
    }
    return obj;
}

static JSValue js_typed_array_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

/* ------------------------------------------------------------------ */
/* C API */

JSValue JS_NewTypedArray(JSContext *ctx, int argc, JSValueConst *argv,
                         JSTypedArrayEnum array_type)
{
    JSValueConst ctor;
    if ((unsigned)array_type >= WF_TA_COUNT)
        return JS_ThrowRangeError(ctx, "JS_NewTypedArray: invalid array type %d", (int)array_type);
    ctor = ctx->typed_array_ctors[array_type];
    if (!JS_IsObject(ctor))
        return JS_ThrowTypeError(ctx, "JS_NewTypedArray: typed arrays are not available in this context");
    return wf_construct(ctx, ctor, ctor, argc, argv);
}

JSValue JS_GetTypedArrayBuffer(JSContext *ctx, JSValueConst obj, size_t *pbyte_offset,
                               size_t *pbyte_length, size_t *pbytes_per_element)
{
    JSObject *p = wf_ta_this(ctx, obj, "JS_GetTypedArrayBuffer");
    WFArrayBufferView *v;
    size_t bl;
    if (!p)
        return JS_EXCEPTION;
    v = wf_view(p);
    if (wf_view_out_of_bounds(v, &bl))
        return JS_ThrowTypeError(ctx, "JS_GetTypedArrayBuffer: the typed array is detached or out of bounds");
    if (pbyte_offset)
        *pbyte_offset = v->byte_offset;
    if (pbyte_length)
        *pbyte_length = bl;
    if (pbytes_per_element)
        *pbytes_per_element = (size_t)1 << v->size_log2;
    return wf_obj_value(v->buffer);
}

int JS_GetTypedArrayType(JSValueConst obj)
{
    if (!wf_is_typed_array(obj))
        return -1;
    return (int)wf_ta_type(wf_obj(obj)->class_id);
}

uint8_t *JS_GetUint8Array(JSContext *ctx, size_t *psize, JSValueConst obj)
{
    WFArrayBufferView *v;
    size_t bl;
    *psize = 0;
    if (!JS_IsObject(obj) || wf_obj(obj)->class_id != JS_CLASS_UINT8_ARRAY) {
        JS_ThrowTypeError(ctx, "not a Uint8Array");
        return NULL;
    }
    v = wf_view(wf_obj(obj));
    if (wf_view_out_of_bounds(v, &bl)) {
        JS_ThrowTypeError(ctx, "the Uint8Array is detached or out of bounds");
        return NULL;
    }
    *psize = bl;
    return wf_view_data(v);
}

JSValue JS_NewUint8Array(JSContext *ctx, uint8_t *buf, size_t len,
                         JSFreeArrayBufferDataFunc *free_func, void *opaque,
                         bool is_shared)
{
    JSValue b = JS_NewArrayBuffer(ctx, buf, len, free_func, opaque, is_shared), r;
    if (JS_IsException(b))
        return b;
    r = wf_typed_array_new(ctx, JS_CLASS_UINT8_ARRAY, b, 0, len, false);
    JS_FreeValue(ctx, b);
    return r;
}

JSValue JS_NewUint8ArrayCopy(JSContext *ctx, const uint8_t *buf, size_t len)
{
    JSValue b = JS_NewArrayBufferCopy(ctx, buf, len), r;
    if (JS_IsException(b))
        return b;
    r = wf_typed_array_new(ctx, JS_CLASS_UINT8_ARRAY, b, 0, len, false);
    JS_FreeValue(ctx, b);
    return r;
}

/* ------------------------------------------------------------------ */
/* Set-up */

static const JSCFunctionListEntry js_typed_array_base_funcs[] = {
    JS_CFUNC_DEF("from", 1, js_typed_array_from),
    JS_CFUNC_DEF("of", 0, js_typed_array_of),
    JS_CGETSET_DEF("[Symbol.species]", js_typed_array_get_species, NULL),
};

static int def_bytes_per_element(JSContext *ctx, JSValueConst obj, int size)
{
    return JS_DefinePropertyValueStr(ctx, obj, "BYTES_PER_ELEMENT", JS_NewInt32(ctx, size), 0);
}

int wf_init_typedarray(JSContext *ctx)
{
    JSValue base_proto, base_ctor, v;
    JSAtom name;
    int t;

    for (t = 0; t < WF_TA_COUNT; t++) {
        wf_class_set_hooks(ctx->rt, JS_CLASS_UINT8C_ARRAY + t, view_finalizer, view_gc_mark,
                           NULL, &ta_exotic);
        wf_class_set_object_hooks(ctx->rt, JS_CLASS_UINT8C_ARRAY + t, &ta_hooks);
    }

    /* %TypedArray%.prototype */
    base_proto = JS_NewObject(ctx);
    if (JS_IsException(base_proto))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, base_proto, wf_ta_proto_funcs, wf_ta_proto_funcs_count) < 0)
        goto fail_proto;
    /* toString is Array.prototype.toString itself (23.2.3.32), and
       [Symbol.iterator] is values (23.2.3.37) */
    v = wf_obj_get(ctx, ctx->class_proto[JS_CLASS_ARRAY], JS_ATOM_toString,
                   ctx->class_proto[JS_CLASS_ARRAY]);
    if (JS_IsException(v) ||
        JS_DefinePropertyValue(ctx, base_proto, JS_ATOM_toString, v,
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto fail_proto;
    v = wf_obj_get(ctx, base_proto, JS_ATOM_values, base_proto);
    if (JS_IsException(v) ||
        JS_DefinePropertyValue(ctx, base_proto, JS_ATOM_Symbol_iterator, v,
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto fail_proto;

    /* %TypedArray% */
    base_ctor = JS_NewCFunction3(ctx, js_typed_array_base_constructor, "TypedArray", 0,
                                 JS_CFUNC_constructor_or_func, 0, ctx->function_proto);
    if (JS_IsException(base_ctor))
        goto fail_proto;
    JS_FreeValue(ctx, ctx->typed_array_ctor);
    ctx->typed_array_ctor = base_ctor;
    if (JS_SetConstructor(ctx, base_ctor, base_proto) < 0 ||
        JS_SetPropertyFunctionList(ctx, base_ctor, js_typed_array_base_funcs,
                                   countof(js_typed_array_base_funcs)) < 0)
        goto fail_proto;

    for (t = 0; t < WF_TA_COUNT; t++) {
        JSClassID cid = JS_CLASS_UINT8C_ARRAY + t;
        int size = 1 << wf_ta_size_log2((JSTypedArrayEnum)t);
        JSValue proto, ctor;
        JSCFunctionType ft;

        proto = JS_NewObjectProto(ctx, base_proto);
        if (JS_IsException(proto))
            goto fail_proto;
        JS_FreeValue(ctx, ctx->class_proto[cid]);
        ctx->class_proto[cid] = proto;
        if (def_bytes_per_element(ctx, proto, size) < 0)
            goto fail_proto;
        ft.constructor_magic = js_typed_array_constructor;
        ctor = JS_NewCFunction3(ctx, ft.constructor, ta_names[t], 3,
                                JS_CFUNC_constructor_magic, (int)cid, base_ctor);
        if (JS_IsException(ctor))
            goto fail_proto;
        JS_FreeValue(ctx, ctx->typed_array_ctors[t]);
        ctx->typed_array_ctors[t] = ctor;
        if (JS_SetConstructor(ctx, ctor, proto) < 0 || def_bytes_per_element(ctx, ctor, size) < 0)
            goto fail_proto;
        if (t == JS_TYPED_ARRAY_UINT8 &&
            (JS_SetPropertyFunctionList(ctx, ctor, wf_u8_b64_funcs, wf_u8_b64_funcs_count) < 0 ||
             JS_SetPropertyFunctionList(ctx, proto, wf_u8_b64_proto_funcs,
                                        wf_u8_b64_proto_funcs_count) < 0))
            goto fail_proto;
        name = JS_NewAtom(ctx, ta_names[t]);
        if (name == JS_ATOM_NULL)
            goto fail_proto;
        if (JS_DefinePropertyValue(ctx, ctx->global_obj, name, JS_DupValue(ctx, ctor),
                                   JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
            JS_FreeAtom(ctx, name);
            goto fail_proto;
        }
        JS_FreeAtom(ctx, name);
    }
    JS_FreeValue(ctx, base_proto);
    return 0;
fail_proto:
    JS_FreeValue(ctx, base_proto);
    return -1;
}
