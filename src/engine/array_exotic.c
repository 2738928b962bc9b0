/*
 * array_exotic.c - Array exotic objects (ECMA-262 10.4.2) with their fast
 * dense storage, and the index properties of String exotic objects
 * (10.4.3).
 *
 * Fast arrays: while an Array (or an unmapped arguments object) has only
 * plain {writable, enumerable, configurable} elements 0..count-1 they live
 * in p->u.array.values and p->fast_array is set; `length` may exceed count
 * (trailing holes).  Anything else (a hole in the middle, an index past
 * count, an accessor or non-default attribute, more than WF_FAST_ARRAY_MAX
 * elements) converts the elements to ordinary properties first
 * (wf_fast_array_to_slow); the array never becomes fast again.
 *
 * `length` of an Array is the first shape property (index 0) with the
 * JS_PROP_LENGTH flag; its value is always a Number holding a uint32.
 */
#include <string.h>
#include <stdlib.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/object_int.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/conv.h"
#include "engine/error.h"

/* ------------------------------------------------------------------ */
/* Length */

uint32_t wf_array_length(JSObject *p)
{
    JSValueConst v = p->prop[0].u.value;
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT)
        return (uint32_t)JS_VALUE_GET_INT(v);
    return (uint32_t)JS_VALUE_GET_FLOAT64(v);
}

void wf_array_store_length(JSObject *p, uint32_t len)
{
    p->prop[0].u.value = len <= INT32_MAX ? JS_MKVAL(JS_TAG_INT, (int32_t)len)
                                          : __JS_NewFloat64((double)len);
}

/* ------------------------------------------------------------------ */
/* Fast storage */

static int fast_reserve(JSContext *ctx, JSObject *p, uint32_t n)
{
    JSValue *v;
    uint64_t size;
    if (n <= p->u.array.size)
        return 0;
    size = (uint64_t)p->u.array.size + p->u.array.size / 2 + 4;
    if (size < n)
        size = n;
    if (size > WF_FAST_ARRAY_MAX)
        size = WF_FAST_ARRAY_MAX;
    v = js_realloc(ctx, p->u.array.values, sizeof(JSValue) * (size_t)size);
    if (!v)
        return -1;
    /* use the allocator's slack too */
    size = js_malloc_usable_size(ctx, v) / sizeof(JSValue);
    if (size > WF_FAST_ARRAY_MAX)
        size = WF_FAST_ARRAY_MAX;
    p->u.array.values = v;
    p->u.array.size = (uint32_t)size;
    return 0;
}

int wf_fast_array_append(JSContext *ctx, JSObject *p, JSValue v)
{
    uint32_t n = p->u.array.count;
    if (n >= p->u.array.size && fast_reserve(ctx, p, n + 1)) {
        JS_FreeValue(ctx, v);
        return -1;
    }
    p->u.array.values[n] = v;
    p->u.array.count = n + 1;
    if (p->class_id == JS_CLASS_ARRAY && n + 1 > wf_array_length(p))
        wf_array_store_length(p, n + 1);
    return 0;
}

int wf_fast_array_to_slow(JSContext *ctx, JSObject *p)
{
    uint32_t n = p->u.array.count, i;
    JSValue *vals = p->u.array.values;
    JSShape *sh;

    if (!p->fast_array)
        return 0;
    if (n) {
        sh = p->shape;
        if ((uint64_t)sh->prop_count + n > (1 << 26) - 2) {
            wf_throw_error(ctx, JS_RANGE_ERROR, "too many properties");
            return -1;
        }
        /* reserve everything first: the appends below cannot fail */
        if (wf_shape_reserve(ctx, p, sh->prop_count + (int)n))
            return -1;
        for (i = 0; i < n; i++) {
            JSProperty *pr = wf_obj_add_property(ctx, p, wf_atom_from_uint(i), JS_PROP_C_W_E);
            pr->u.value = vals[i];
        }
    }
    js_free(ctx, vals);
    p->u.array.values = NULL;
    p->u.array.count = 0;
    p->u.array.size = 0;
    p->fast_array = 0;
    return 0;
}

bool wf_array_get_fast(JSValueConst obj, JSValue **pvalues, uint32_t *pcount)
{
    JSObject *p;
    if (!JS_IsObject(obj))
        return false;
    p = wf_obj(obj);
    if (p->class_id != JS_CLASS_ARRAY || !p->fast_array || p->u.array.count != wf_array_length(p))
        return false;
    *pvalues = p->u.array.values;
    *pcount = p->u.array.count;
    return true;
}

/* ------------------------------------------------------------------ */
/* Creation */

JSValue wf_array_new(JSContext *ctx, uint32_t len_hint)
{
    JSObject *p = wf_obj_new_ptr(ctx, JS_IsObject(ctx->class_proto[JS_CLASS_ARRAY]) ?
                                 wf_obj(ctx->class_proto[JS_CLASS_ARRAY]) : NULL, JS_CLASS_ARRAY);
    if (!p)
        return JS_EXCEPTION;
    if (len_hint && fast_reserve(ctx, p, len_hint < WF_FAST_ARRAY_MAX ? len_hint : WF_FAST_ARRAY_MAX)) {
        JS_FreeValue(ctx, JS_MKPTR(JS_TAG_OBJECT, p));
        return JS_EXCEPTION;
    }
    return JS_MKPTR(JS_TAG_OBJECT, p);
}

JSValue wf_array_create(JSContext *ctx, uint64_t len, JSValueConst proto)
{
    JSObject *p;
    if (len > UINT32_MAX)
        return wf_throw_error(ctx, JS_RANGE_ERROR, "invalid array length");
    p = wf_obj_new_ptr(ctx, JS_IsObject(proto) ? wf_obj(proto) : NULL, JS_CLASS_ARRAY);
    if (!p)
        return JS_EXCEPTION;
    wf_array_store_length(p, (uint32_t)len);
    return JS_MKPTR(JS_TAG_OBJECT, p);
}

JSValue wf_array_from_values(JSContext *ctx, uint32_t count, JSValue *values)
{
    JSValue arr = wf_array_new(ctx, 0);
    JSObject *p;
    uint32_t i;
    if (JS_IsException(arr) || (count && fast_reserve(ctx, wf_obj(arr), count))) {
        for (i = 0; i < count; i++)
            JS_FreeValue(ctx, values[i]);
        JS_FreeValue(ctx, arr);
        return JS_EXCEPTION;
    }
    p = wf_obj(arr);
    for (i = 0; i < count; i++)
        p->u.array.values[i] = values[i];
    p->u.array.count = count;
    wf_array_store_length(p, count);
    return arr;
}

int wf_array_push(JSContext *ctx, JSValueConst arr, JSValue val)
{
    JSObject *p;
    int64_t len;
    if (JS_IsObject(arr)) {
        p = wf_obj(arr);
        if (p->class_id == JS_CLASS_ARRAY && p->fast_array && p->extensible &&
            p->u.array.count == wf_array_length(p) && p->u.array.count < WF_FAST_ARRAY_MAX &&
            (p->shape->prop[0].flags & JS_PROP_WRITABLE))
            return wf_fast_array_append(ctx, p, val);
    }
    if (JS_GetLength(ctx, arr, &len) < 0) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    return wf_obj_define_int64(ctx, arr, len, val, JS_PROP_C_W_E | JS_PROP_THROW) < 0 ? -1 : 0;
}

int wf_is_array(JSContext *ctx, JSValueConst v)
{
    JSObject *p;
    const WFObjectHooks *h;
    if (!JS_IsObject(v))
        return 0;
    p = wf_obj(v);
    if (p->class_id == JS_CLASS_ARRAY)
        return 1;
    h = wf_obj_hooks(ctx->rt, p);
    if (h && h->is_array)
        return h->is_array(ctx, v);
    return 0;
}

/* ------------------------------------------------------------------ */
/* ArraySetLength */

typedef struct IdxAtom {
    uint32_t idx;
    JSAtom atom;
} IdxAtom;

static int cmp_desc(const void *a, const void *b)
{
    uint32_t x = ((const IdxAtom *)a)->idx, y = ((const IdxAtom *)b)->idx;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Delete the elements >= new_len, highest first; stops at a
   non-configurable one.  Returns the resulting length, or -1 (OOM). */
static int64_t truncate_elements(JSContext *ctx, JSObject *p, uint32_t new_len)
{
    if (p->fast_array) {
        uint32_t n = p->u.array.count, i;
        if (new_len < n) {
            JSValue *v = p->u.array.values;
            p->u.array.count = new_len;
            for (i = new_len; i < n; i++)
                JS_FreeValue(ctx, v[i]);
        }
        return new_len;
    } else {
        JSShape *sh = p->shape;
        IdxAtom *list;
        int n = 0, k;
        uint32_t idx;
        int64_t result = new_len;

        for (k = 0; k < sh->prop_count; k++) {
            if (sh->prop[k].atom != JS_ATOM_NULL &&
                wf_atom_is_array_index(ctx->rt, &idx, sh->prop[k].atom) && idx >= new_len)
                n++;
        }
        if (n == 0)
            return new_len;
        list = js_malloc(ctx, sizeof(IdxAtom) * (size_t)n);
        if (!list)
            return -1;
        n = 0;
        for (k = 0; k < sh->prop_count; k++) {
            if (sh->prop[k].atom != JS_ATOM_NULL &&
                wf_atom_is_array_index(ctx->rt, &idx, sh->prop[k].atom) && idx >= new_len) {
                list[n].idx = idx;
                list[n].atom = wf_atom_dup(ctx->rt, sh->prop[k].atom);
                n++;
            }
        }
        qsort(list, (size_t)n, sizeof(IdxAtom), cmp_desc);
        for (k = 0; k < n; k++) {
            int i2 = wf_shape_find(p->shape, list[k].atom);
            if (i2 < 0)
                continue;
            if (!(p->shape->prop[i2].flags & JS_PROP_CONFIGURABLE)) {
                result = (int64_t)list[k].idx + 1;
                break;
            }
            if (wf_shape_unshare(ctx, p)) {
                result = -1;
                break;
            }
            wf_shape_delete_prop(ctx->rt, p, i2);
        }
        for (k = 0; k < n; k++)
            wf_atom_free(ctx->rt, list[k].atom);
        js_free(ctx, list);
        return result;
    }
}

int wf_array_define_length(JSContext *ctx, JSObject *p, JSValueConst val, int flags)
{
    uint32_t new_len, old_len;
    double num;
    bool new_writable;
    int64_t res;
    JSValue hold;
    int ret;

    /* the conversions may run user code: keep p alive */
    hold = wf_obj_value(p);
    if (wf_to_uint32(ctx, &new_len, val) < 0 || wf_to_number(ctx, &num, val) < 0) {
        JS_FreeValue(ctx, hold);
        return -1;
    }
    if ((double)new_len != num) {
        JS_FreeValue(ctx, hold);
        wf_throw_error(ctx, JS_RANGE_ERROR, "invalid array length");
        return -1;
    }
    /* the other fields must be compatible with {writable: w, enumerable:
       false, configurable: false} */
    if ((flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) ||
        ((flags & JS_PROP_HAS_CONFIGURABLE) && (flags & JS_PROP_CONFIGURABLE)) ||
        ((flags & JS_PROP_HAS_ENUMERABLE) && (flags & JS_PROP_ENUMERABLE)))
        goto fail;
    old_len = wf_array_length(p);
    if (!(p->shape->prop[0].flags & JS_PROP_WRITABLE)) {
        if ((flags & JS_PROP_HAS_WRITABLE) && (flags & JS_PROP_WRITABLE))
            goto fail;
        if (new_len != old_len)
            goto fail;
        ret = 1;
        goto done;
    }
    new_writable = !(flags & JS_PROP_HAS_WRITABLE) || (flags & JS_PROP_WRITABLE);
    if (new_len >= old_len) {
        wf_array_store_length(p, new_len);
    } else {
        res = truncate_elements(ctx, p, new_len);
        if (res < 0) {
            JS_FreeValue(ctx, hold);
            return -1;
        }
        wf_array_store_length(p, (uint32_t)res);
        if ((uint64_t)res != new_len) {
            if (!new_writable && !wf_shape_unshare(ctx, p))
                p->shape->prop[0].flags &= ~JS_PROP_WRITABLE;
            goto fail;
        }
    }
    if (!new_writable) {
        if (wf_shape_unshare(ctx, p)) {
            JS_FreeValue(ctx, hold);
            return -1;
        }
        p->shape->prop[0].flags &= ~JS_PROP_WRITABLE;
    }
    ret = 1;
done:
    JS_FreeValue(ctx, hold);
    return ret;
fail:
    JS_FreeValue(ctx, hold);
    return wf_obj_fail(ctx, flags, "cannot set property '%s'", JS_ATOM_length);
}

int wf_array_set_length(JSContext *ctx, JSObject *p, JSValue len, int flags)
{
    int r = wf_array_define_length(ctx, p, len, JS_PROP_HAS_VALUE | (flags & (JS_PROP_THROW | JS_PROP_THROW_STRICT)));
    JS_FreeValue(ctx, len);
    return r;
}

/* ------------------------------------------------------------------ */
/* String exotic objects */

int wf_string_get_own(JSContext *ctx, JSPropertyDescriptor *desc, JSObject *p, JSAtom prop)
{
    JSValueConst s = p->u.object_data;
    uint32_t i;
    if (JS_VALUE_GET_TAG(s) != JS_TAG_STRING || !wf_atom_is_int(prop))
        return 0;
    i = wf_atom_to_uint(prop);
    if (i >= wf_str(s)->len)
        return 0;
    if (desc) {
        desc->value = wf_str_new_char(ctx, wf_str_get(wf_str(s), i));
        if (JS_IsException(desc->value))
            return -1;
        desc->flags = JS_PROP_ENUMERABLE;
        desc->getter = desc->setter = JS_UNDEFINED;
    }
    return 1;
}
