/*
 * serialize_write.c - the writer of the structured serialization format
 * (serialize_int.h): HTML StructuredSerializeInternal over Weft's objects,
 * the object and key tables (shared and circular references), transfer
 * lists (validated before anything is written, detached only after the
 * whole value was written) and the commit of a WFMessage.
 *
 * Runs user code only where HTML does: [[Get]] of properties (getters),
 * ToString of an Error's message, Error `name`, and the transfer list's
 * iterator.  Every object it meets is kept alive (counted) until the end,
 * so identity cannot be confused by an object freed and reallocated by a
 * getter.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/serialize_int.h"
#include "engine/object.h"
#include "engine/abuf.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/bigint.h"
#include "engine/iter.h"
#include "engine/sab.h"
#include "engine/bytecode.h"
#include "engine/regexp/regexp.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Message ArrayBuffers from this size on travel in a block of their own. */
#define WF_SER_OUT_OF_LINE 65536

/* The names an Error keeps (HTML StructuredSerializeInternal, Error case),
   in the order of the format's error codes. */
static const JSAtom err_name_atoms[WF_SER_ERR_NAME_COUNT] = {
    JS_ATOM_Error, JS_ATOM_EvalError, JS_ATOM_RangeError, JS_ATOM_ReferenceError,
    JS_ATOM_SyntaxError, JS_ATOM_TypeError, JS_ATOM_URIError,
};

/* ------------------------------------------------------------------ */
/* Writer: output buffer */

static int w_fail(WFWriter *w)
{
    if (!w->error) {
        w->error = true;
        JS_ThrowOutOfMemory(w->ctx);
    }
    return -1;
}

static int w_reserve(WFWriter *w, size_t n)
{
    size_t want, nsize;
    uint8_t *nb;
    if (w->error)
        return -1;
    if (n <= w->size - w->len)
        return 0;
    if (n > SIZE_MAX / 2 - w->len)
        return w_fail(w);
    want = w->len + n;
    nsize = w->size ? w->size : 256;
    while (nsize < want)
        nsize = nsize + nsize / 2 + 16;
    /* a large payload (an ArrayBuffer) gets exactly what it needs */
    if (n > 65536)
        nsize = want + 256;
    nb = js_realloc_rt(w->rt, w->buf, nsize);
    if (!nb)
        return w_fail(w);
    w->buf = nb;
    w->size = nsize;
    return 0;
}

int wf_ser_put_u8(WFWriter *w, uint8_t v)
{
    if (w->len >= w->size && w_reserve(w, 1) < 0)
        return -1;
    w->buf[w->len++] = v;
    return 0;
}

int wf_ser_put_bytes(WFWriter *w, const void *p, size_t n)
{
    if (w_reserve(w, n) < 0)
        return -1;
    if (n)
        memcpy(w->buf + w->len, p, n);
    w->len += n;
    return 0;
}

int wf_ser_put_uleb(WFWriter *w, uint64_t v)
{
    if (w_reserve(w, 10) < 0)
        return -1;
    while (v >= 0x80) {
        w->buf[w->len++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    w->buf[w->len++] = (uint8_t)v;
    return 0;
}

int wf_ser_put_sleb(WFWriter *w, int64_t v)
{
    return wf_ser_put_uleb(w, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

int wf_ser_put_u32(WFWriter *w, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    return wf_ser_put_bytes(w, b, 4);
}

int wf_ser_put_f64(WFWriter *w, double d)
{
    uint64_t u;
    uint8_t b[8];
    memcpy(&u, &d, 8);
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(u >> (8 * i));
    return wf_ser_put_bytes(w, b, 8);
}

int wf_ser_put_jsstring(WFWriter *w, const JSString *s)
{
    uint32_t n = s->len;
    if (!s->is_wide) {
        if (wf_ser_put_u8(w, T_STRING8) < 0 || wf_ser_put_uleb(w, n) < 0)
            return -1;
        return wf_ser_put_bytes(w, s->u.str8, n);
    }
    if (wf_ser_put_u8(w, T_STRING16) < 0 || wf_ser_put_uleb(w, n) < 0 ||
        w_reserve(w, (size_t)n * 2) < 0)
        return -1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(w->buf + w->len, s->u.str16, (size_t)n * 2);
    w->len += (size_t)n * 2;
#else
    for (uint32_t i = 0; i < n; i++) {
        w->buf[w->len++] = (uint8_t)s->u.str16[i];
        w->buf[w->len++] = (uint8_t)(s->u.str16[i] >> 8);
    }
#endif
    return 0;
}

int wf_ser_put_atom(WFWriter *w, JSAtom a)
{
    JSString *s;
    if (wf_atom_is_int(a)) {
        if (wf_ser_put_u8(w, T_INT32) < 0)
            return -1;
        return wf_ser_put_sleb(w, (int64_t)wf_atom_to_uint(a));
    }
    s = wf_atom_get_str(w->rt, a);
    if (s && wf_atom_type(w->rt, a) == WF_ATOM_TYPE_STRING)
        return wf_ser_put_jsstring(w, s);
    /* symbols: only inside compiled code (private names, well-known
       symbols); a value never names one */
    if (!(w->flags & JS_WRITE_OBJ_BYTECODE)) {
        wf_throw_data_clone_error(w->ctx, "a symbol cannot be serialized");
        w->error = true;
        return -1;
    }
    if (wf_atom_is_const(a)) {
        if (wf_ser_put_u8(w, T_SYMBOL_CONST) < 0)
            return -1;
        return wf_ser_put_uleb(w, a);
    } else {
        JSValue d = wf_symbol_description(w->ctx, a);
        int r;
        if (JS_IsException(d))
            return w_fail(w);
        r = wf_ser_put_u8(w, T_SYMBOL_NEW);
        if (!r)
            r = wf_ser_put_u8(w, (uint8_t)wf_atom_type(w->rt, a));
        if (!r)
            r = JS_IsUndefined(d) ? wf_ser_put_u8(w, T_UNDEFINED) : wf_ser_put_jsstring(w, wf_str(d));
        JS_FreeValue(w->ctx, d);
        return r;
    }
}

/* ------------------------------------------------------------------ */
/* Writer: object and key tables */

static inline uint32_t ptr_hash(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

static int obj_hash_grow(WFWriter *w)
{
    uint32_t nsize = w->obj_hash_size ? w->obj_hash_size * 2 : 64, i;
    uint32_t *nh = js_mallocz_rt(w->rt, sizeof(uint32_t) * nsize);
    if (!nh)
        return w_fail(w);
    for (i = 0; i < w->n_objs; i++) {
        uint32_t h = ptr_hash(w->objs[i].p) & (nsize - 1);
        while (nh[h])
            h = (h + 1) & (nsize - 1);
        nh[h] = i + 1;
    }
    js_free_rt(w->rt, w->obj_hash);
    w->obj_hash = nh;
    w->obj_hash_size = nsize;
    return 0;
}

static WFSerObj *obj_find(WFWriter *w, JSObject *p)
{
    uint32_t h, i;
    if (!w->obj_hash_size)
        return NULL;
    h = ptr_hash(p) & (w->obj_hash_size - 1);
    while ((i = w->obj_hash[h]) != 0) {
        if (w->objs[i - 1].p == p)
            return &w->objs[i - 1];
        h = (h + 1) & (w->obj_hash_size - 1);
    }
    return NULL;
}

/* Record p (not yet present); returns its entry (valid until the next add). */
static WFSerObj *obj_add(WFWriter *w, JSObject *p)
{
    WFSerObj *e;
    uint32_t h;
    if ((w->n_objs + 1) * 2 > w->obj_hash_size && obj_hash_grow(w) < 0)
        return NULL;
    if (w->n_objs >= w->objs_size) {
        uint32_t ns = w->objs_size ? w->objs_size * 2 : 32;
        WFSerObj *no = js_realloc_rt(w->rt, w->objs, sizeof(WFSerObj) * ns);
        if (!no) {
            w_fail(w);
            return NULL;
        }
        w->objs = no;
        w->objs_size = ns;
    }
    e = &w->objs[w->n_objs];
    e->p = p;
    p->header.ref_count++;
    e->index = UINT32_MAX;
    e->transfer = -1;
    e->on_stack = false;
    h = ptr_hash(p) & (w->obj_hash_size - 1);
    while (w->obj_hash[h])
        h = (h + 1) & (w->obj_hash_size - 1);
    w->obj_hash[h] = ++w->n_objs;
    return e;
}

static int key_hash_grow(WFWriter *w)
{
    uint32_t nsize = w->key_hash_size ? w->key_hash_size * 2 : 64, i;
    uint32_t *nh = js_mallocz_rt(w->rt, sizeof(uint32_t) * nsize);
    if (!nh)
        return w_fail(w);
    for (i = 0; i < w->n_keys; i++) {
        uint32_t h = (w->keys[i] * 0x9E3779B1u) & (nsize - 1);
        while (nh[h])
            h = (h + 1) & (nsize - 1);
        nh[h] = i + 1;
    }
    js_free_rt(w->rt, w->key_hash);
    w->key_hash = nh;
    w->key_hash_size = nsize;
    return 0;
}

/* Write a key: K_REF when seen before, else K_STR; integers as K_INDEX,
   JS_ATOM_NULL as K_END. */
int wf_ser_put_key(WFWriter *w, JSAtom a)
{
    uint32_t h, i;
    if (a == JS_ATOM_NULL)
        return wf_ser_put_u8(w, K_END);
    if (wf_atom_is_int(a)) {
        if (wf_ser_put_u8(w, K_INDEX) < 0)
            return -1;
        return wf_ser_put_uleb(w, wf_atom_to_uint(a));
    }
    if (w->key_hash_size) {
        h = (a * 0x9E3779B1u) & (w->key_hash_size - 1);
        while ((i = w->key_hash[h]) != 0) {
            if (w->keys[i - 1] == a) {
                if (wf_ser_put_u8(w, K_REF) < 0)
                    return -1;
                return wf_ser_put_uleb(w, i - 1);
            }
            h = (h + 1) & (w->key_hash_size - 1);
        }
    }
    if ((w->n_keys + 1) * 2 > w->key_hash_size && key_hash_grow(w) < 0)
        return -1;
    if (w->n_keys >= w->keys_size) {
        uint32_t ns = w->keys_size ? w->keys_size * 2 : 32;
        JSAtom *nk = js_realloc_rt(w->rt, w->keys, sizeof(JSAtom) * ns);
        if (!nk)
            return w_fail(w);
        w->keys = nk;
        w->keys_size = ns;
    }
    /* the atom stays alive: a key table entry holds a reference */
    w->keys[w->n_keys] = wf_atom_dup(w->rt, a);
    h = (a * 0x9E3779B1u) & (w->key_hash_size - 1);
    while (w->key_hash[h])
        h = (h + 1) & (w->key_hash_size - 1);
    w->key_hash[h] = ++w->n_keys;
    if (wf_ser_put_u8(w, K_STR) < 0)
        return -1;
    return wf_ser_put_atom(w, a);
}

void wf_ser_writer_free(WFWriter *w)
{
    uint32_t i;
    for (i = 0; i < w->n_objs; i++)
        JS_FreeValueRT(w->rt, JS_MKPTR(JS_TAG_OBJECT, w->objs[i].p));
    js_free_rt(w->rt, w->objs);
    js_free_rt(w->rt, w->obj_hash);
    for (i = 0; i < w->n_keys; i++)
        wf_atom_free(w->rt, w->keys[i]);
    js_free_rt(w->rt, w->keys);
    js_free_rt(w->rt, w->key_hash);
    js_free_rt(w->rt, w->sab_tab);
    js_free_rt(w->rt, w->sources);
    for (i = 0; i < w->n_copies; i++)
        js_free_rt(w->rt, w->copies[i].data);
    js_free_rt(w->rt, w->copies);
    for (i = 0; i < w->n_transfer; i++)
        JS_FreeValueRT(w->rt, w->transfer[i]);
    js_free_rt(w->rt, w->transfer);
    js_free_rt(w->rt, w->transfer_is_host);
    js_free_rt(w->rt, w->buf);
    w->buf = NULL;
}

void wf_ser_writer_init(WFWriter *w, JSContext *ctx, int flags)
{
    memset(w, 0, sizeof(*w));
    w->ctx = ctx;
    w->rt = ctx->rt;
    w->flags = flags;
}

/* ------------------------------------------------------------------ */
/* Writer: values */

static int w_throw_dce(WFWriter *w, const char *what)
{
    wf_throw_data_clone_error(w->ctx, "%s could not be cloned", what);
    w->error = true;
    return -1;
}

static int w_throw_transfer(WFWriter *w, const char *msg)
{
    wf_throw_data_clone_error(w->ctx, "%s", msg);
    w->error = true;
    return -1;
}

static int w_exc(WFWriter *w)
{
    w->error = true;
    return -1;
}

static int write_bigint(WFWriter *w, JSValueConst v)
{
    uint64_t small[4], *words = small;
    bool neg;
    uint32_t n = wf_bigint_export(v, &neg, small, countof(small));
    int r;
    if (n > countof(small)) {
        words = js_malloc_rt(w->rt, sizeof(uint64_t) * n);
        if (!words)
            return w_fail(w);
        wf_bigint_export(v, &neg, words, n);
    }
    r = wf_ser_put_u8(w, T_BIGINT);
    if (!r)
        r = wf_ser_put_u8(w, neg);
    if (!r)
        r = wf_ser_put_uleb(w, n);
    for (uint32_t i = 0; i < n && !r; i++) {
        uint8_t b[8];
        for (int k = 0; k < 8; k++)
            b[k] = (uint8_t)(words[i] >> (8 * k));
        r = wf_ser_put_bytes(w, b, 8);
    }
    if (words != small)
        js_free_rt(w->rt, words);
    return r;
}

static int write_number(WFWriter *w, double d)
{
    if (d >= INT32_MIN && d <= INT32_MAX && d == (int32_t)d &&
        !(d == 0 && 1 / d < 0)) {
        if (wf_ser_put_u8(w, T_INT32) < 0)
            return -1;
        return wf_ser_put_sleb(w, (int32_t)d);
    }
    if (wf_ser_put_u8(w, T_FLOAT64) < 0)
        return -1;
    return wf_ser_put_f64(w, d);
}

/* [[Get]] of an own property that is still there (HasOwnProperty), fast
   for ordinary data properties: 1 and *pv (new reference), 0 gone, -1. */
static int get_own_value(WFWriter *w, JSValueConst obj, JSAtom a, JSValue *pv)
{
    JSContext *ctx = w->ctx;
    JSObject *p = wf_obj(obj);
    int r;
    if (p->fast_array && wf_atom_is_int(a)) {
        uint32_t idx = wf_atom_to_uint(a);
        if (idx < p->u.array.count) {
            *pv = JS_DupValue(ctx, p->u.array.values[idx]);
            return 1;
        }
    }
    if (!p->is_exotic) {
        int i = wf_shape_find(p->shape, a);
        if (i < 0)
            return 0;
        if ((p->shape->prop[i].flags & JS_PROP_TMASK) == JS_PROP_NORMAL) {
            *pv = JS_DupValue(ctx, p->prop[i].u.value);
            return 1;
        }
    } else {
        r = wf_obj_get_own_property(ctx, NULL, obj, a);
        if (r <= 0)
            return r;
    }
    *pv = wf_obj_get(ctx, obj, a, obj);
    return JS_IsException(*pv) ? -1 : 1;
}

/* The own enumerable string-keyed properties, as keys and values. */
/* The keys of an ordinary object with only string keys, from its shape
   (creation order is [[OwnPropertyKeys]] order then), counted: the
   common case without allocating.  false: take the general path. */
#define SHAPE_KEYS_MAX 32
static bool shape_keys(WFWriter *w, JSObject *p, JSPropertyEnum *tab, uint32_t *plen)
{
    JSShape *sh = p->shape;
    uint32_t n = 0;
    if (p->is_exotic || p->fast_array || sh->prop_count - sh->deleted_prop_count > SHAPE_KEYS_MAX)
        return false;
    for (int i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *pr = &sh->prop[i];
        if (pr->atom == JS_ATOM_NULL || !(pr->flags & JS_PROP_ENUMERABLE))
            continue;
        if (wf_atom_is_int(pr->atom))
            return false;
        if (wf_atom_is_symbol(w->rt, pr->atom))
            continue;
        tab[n].atom = pr->atom;
        tab[n].is_enumerable = true;
        n++;
    }
    for (uint32_t i = 0; i < n; i++)
        wf_atom_dup(w->rt, tab[i].atom);
    *plen = n;
    return true;
}

/* A dense array with no other own property than `length`: its keys are
   0 .. count-1, written as K_NEXT without building a key list.  Each
   element is looked up again (a getter met on the way may have changed
   the array), as HasOwnProperty + [[Get]] of the snapshotted keys. */
static int write_dense_array(WFWriter *w, JSValueConst obj, uint32_t count)
{
    JSContext *ctx = w->ctx;
    uint32_t i;
    for (i = 0; i < count; i++) {
        JSObject *p = wf_obj(obj);
        JSValue v;
        int got, r;
        if (p->fast_array && i < p->u.array.count) {
            v = JS_DupValue(ctx, p->u.array.values[i]);
            got = 1;
        } else {
            got = get_own_value(w, obj, wf_atom_from_uint(i), &v);
            if (got < 0)
                return w_exc(w);
        }
        if (!got) {
            /* a hole now: the rest are written with explicit indices */
            for (i++; i < count; i++) {
                got = get_own_value(w, obj, wf_atom_from_uint(i), &v);
                if (got < 0)
                    return w_exc(w);
                if (!got)
                    continue;
                r = wf_ser_put_u8(w, K_INDEX);
                if (!r)
                    r = wf_ser_put_uleb(w, i);
                if (!r)
                    r = wf_ser_write_value(w, v);
                JS_FreeValue(ctx, v);
                if (r)
                    return -1;
            }
            break;
        }
        r = wf_ser_put_u8(w, K_NEXT);
        if (!r)
            r = wf_ser_write_value(w, v);
        JS_FreeValue(ctx, v);
        if (r)
            return -1;
    }
    return wf_ser_put_u8(w, K_END);
}

static int write_properties(WFWriter *w, JSValueConst obj, bool is_array)
{
    JSContext *ctx = w->ctx;
    JSPropertyEnum small[SHAPE_KEYS_MAX], *tab = NULL;
    uint32_t len = 0, i;
    int64_t last = -1;
    int r = 0;

    if (is_array) {
        JSObject *p = wf_obj(obj);
        if (p->fast_array && p->shape->prop_count - p->shape->deleted_prop_count == 1 &&
            p->u.array.count <= wf_array_length(p) && wf_atom_uint_fits(p->u.array.count))
            return write_dense_array(w, obj, p->u.array.count);
    }

    if (!is_array && shape_keys(w, wf_obj(obj), small, &len)) {
        tab = small;
    } else if (wf_obj_own_keys(ctx, &tab, &len, obj, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0) {
        return w_exc(w);
    }
    for (i = 0; i < len && !r; i++) {
        JSAtom a = tab[i].atom;
        JSValue v;
        int got = get_own_value(w, obj, a, &v);
        if (got < 0) {
            r = w_exc(w);
            break;
        }
        if (!got)
            continue;
        if (wf_atom_is_int(a)) {
            uint32_t idx = wf_atom_to_uint(a);
            if (is_array && (int64_t)idx == last + 1) {
                r = wf_ser_put_u8(w, K_NEXT);
            } else {
                r = wf_ser_put_u8(w, K_INDEX);
                if (!r)
                    r = wf_ser_put_uleb(w, idx);
            }
            last = idx;
        } else {
            r = wf_ser_put_key(w, a);
        }
        if (!r)
            r = wf_ser_write_value(w, v);
        JS_FreeValue(ctx, v);
    }
    if (tab == small) {
        for (i = 0; i < len; i++)
            wf_atom_free(w->rt, small[i].atom);
    } else {
        wf_prop_enum_free(w->rt, tab, len);
    }
    if (r)
        return -1;
    return wf_ser_put_u8(w, K_END);
}

static int write_error(WFWriter *w, JSValueConst obj)
{
    JSContext *ctx = w->ctx;
    JSValue name, msg = JS_UNDEFINED, stack = JS_UNDEFINED, cause = JS_UNDEFINED;
    JSPropertyDescriptor d;
    uint8_t code = 0, fields = 0;
    int r;

    name = wf_obj_get(ctx, obj, JS_ATOM_name, obj);
    if (JS_IsException(name))
        return w_exc(w);
    if (JS_VALUE_GET_TAG(name) == JS_TAG_STRING) {
        for (int i = 0; i < countof(err_name_atoms); i++) {
            JSString *s = wf_atom_get_str(w->rt, err_name_atoms[i]);
            if (wf_str_eq(s, wf_str(name))) {
                code = (uint8_t)i;
                break;
            }
        }
    }
    JS_FreeValue(ctx, name);

    r = wf_obj_get_own_property(ctx, &d, obj, JS_ATOM_message);
    if (r < 0)
        return w_exc(w);
    if (r) {
        if (!(d.flags & JS_PROP_GETSET)) {
            msg = wf_to_string(ctx, d.value);
            if (JS_IsException(msg)) {
                wf_desc_free(ctx, &d);
                return w_exc(w);
            }
            fields |= 1;
        }
        wf_desc_free(ctx, &d);
    }
    r = wf_obj_get_own_property(ctx, &d, obj, JS_ATOM_stack);
    if (r < 0)
        goto fail;
    if (r) {
        if (!(d.flags & JS_PROP_GETSET) && JS_VALUE_GET_TAG(d.value) == JS_TAG_STRING) {
            stack = JS_DupValue(ctx, d.value);
            fields |= 2;
        }
        wf_desc_free(ctx, &d);
    }
    r = wf_obj_get_own_property(ctx, &d, obj, JS_ATOM_cause);
    if (r < 0)
        goto fail;
    if (r) {
        if (!(d.flags & JS_PROP_GETSET)) {
            cause = JS_DupValue(ctx, d.value);
            fields |= 4;
        }
        wf_desc_free(ctx, &d);
    }
    r = wf_ser_put_u8(w, T_ERROR);
    if (!r)
        r = wf_ser_put_u8(w, code);
    if (!r)
        r = wf_ser_put_u8(w, fields);
    if (!r && (fields & 1))
        r = wf_ser_put_jsstring(w, wf_str(msg));
    if (!r && (fields & 2))
        r = wf_ser_put_jsstring(w, wf_str(stack));
    if (!r && (fields & 4))
        r = wf_ser_write_value(w, cause);
    JS_FreeValue(ctx, msg);
    JS_FreeValue(ctx, stack);
    JS_FreeValue(ctx, cause);
    return r;
fail:
    JS_FreeValue(ctx, msg);
    JS_FreeValue(ctx, stack);
    JS_FreeValue(ctx, cause);
    return w_exc(w);
}

static int write_mapset(WFWriter *w, JSValueConst obj, bool is_set)
{
    JSValue *tab;
    uint32_t n, i, per = is_set ? 1 : 2;
    int r;
    if (wf_mapset_snapshot(w->ctx, obj, &tab, &n) < 0)
        return w_exc(w);
    r = wf_ser_put_u8(w, is_set ? T_SET : T_MAP);
    if (!r)
        r = wf_ser_put_uleb(w, n);
    for (i = 0; i < n * per && !r; i++)
        r = wf_ser_write_value(w, tab[i]);
    for (i = 0; i < n * per; i++)
        JS_FreeValue(w->ctx, tab[i]);
    js_free(w->ctx, tab);
    return r;
}

static int write_array_buffer(WFWriter *w, JSObject *p)
{
    WFArrayBuffer *ab = wf_abuf(p);
    size_t len;
    if (p->class_id == JS_CLASS_SHARED_ARRAY_BUFFER) {
        void *data;
        if (!(w->flags & JS_WRITE_OBJ_SAB))
            return w_throw_dce(w, "SharedArrayBuffer (JS_WRITE_OBJ_SAB not set)");
        data = wf_sab_data(JS_MKPTR(JS_TAG_OBJECT, p));
        if (!data)
            return w_throw_dce(w, "SharedArrayBuffer over embedder memory");
        if (w->n_sab >= w->sab_size) {
            uint32_t ns = w->sab_size ? w->sab_size * 2 : 4;
            void **nt = js_realloc_rt(w->rt, w->sab_tab, sizeof(void *) * ns);
            if (!nt)
                return w_fail(w);
            w->sab_tab = nt;
            w->sab_size = ns;
        }
        w->sab_tab[w->n_sab] = data;
        if (wf_ser_put_u8(w, T_SAB) < 0)
            return -1;
        return wf_ser_put_uleb(w, w->n_sab++);
    }
    if (ab->detached)
        return w_throw_dce(w, "a detached ArrayBuffer");
    len = ab->byte_length;
    if (w->message && len >= WF_SER_OUT_OF_LINE) {
        /* one copy into a block of its own, which the reader adopts */
        WFMsgStore *st;
        if (w->n_copies >= w->copies_size) {
            uint32_t ns = w->copies_size ? w->copies_size * 2 : 4;
            WFMsgStore *nc = js_realloc_rt(w->rt, w->copies, sizeof(*nc) * ns);
            if (!nc)
                return w_fail(w);
            w->copies = nc;
            w->copies_size = ns;
        }
        st = &w->copies[w->n_copies];
        st->data = js_malloc_rt(w->rt, len);
        if (!st->data)
            return w_fail(w);
        memcpy(st->data, ab->data, len);
        st->len = len;
        st->max_len = ab->resizable ? ab->max_byte_length : len;
        st->resizable = ab->resizable;
        if (wf_ser_put_u8(w, T_TRANSFER_AB) < 0)
            return -1;
        return wf_ser_put_uleb(w, w->n_transfer + w->n_copies++);
    }
    if (ab->resizable) {
        if (wf_ser_put_u8(w, T_RESIZABLE_AB) < 0 || wf_ser_put_uleb(w, len) < 0 ||
            wf_ser_put_uleb(w, ab->max_byte_length) < 0)
            return -1;
    } else {
        if (wf_ser_put_u8(w, T_ARRAY_BUFFER) < 0 || wf_ser_put_uleb(w, len) < 0)
            return -1;
    }
    return wf_ser_put_bytes(w, ab->data, len);
}

static int write_view(WFWriter *w, JSObject *p)
{
    WFArrayBufferView *v = wf_view(p);
    size_t blen;
    if (wf_view_out_of_bounds(v, &blen))
        return w_throw_dce(w, "an out-of-bounds or detached view");
    if (p->class_id == JS_CLASS_DATAVIEW) {
        if (wf_ser_put_u8(w, T_DATAVIEW) < 0)
            return -1;
    } else {
        if (wf_ser_put_u8(w, T_TYPED_ARRAY) < 0 || wf_ser_put_u8(w, (uint8_t)wf_ta_type(p->class_id)) < 0)
            return -1;
    }
    if (wf_ser_put_u8(w, v->track_rab) < 0 || wf_ser_put_uleb(w, v->byte_offset) < 0 ||
        wf_ser_put_uleb(w, v->track_rab ? 0 : v->length) < 0)
        return -1;
    return wf_ser_write_value(w, JS_MKPTR(JS_TAG_OBJECT, v->buffer));
}

static int write_object(WFWriter *w, JSValueConst v)
{
    JSContext *ctx = w->ctx;
    JSObject *p = wf_obj(v);
    WFSerObj *e = obj_find(w, p);
    uint32_t index;
    int r;

    if (e) {
        if (e->index != UINT32_MAX && (w->flags & JS_WRITE_OBJ_REFERENCE)) {
            if (wf_ser_put_u8(w, T_OBJECT_REF) < 0)
                return -1;
            return wf_ser_put_uleb(w, e->index);
        }
        if (e->on_stack) {
            JS_ThrowTypeError(ctx, "circular reference (serializing without JS_WRITE_OBJ_REFERENCE)");
            return w_exc(w);
        }
    } else {
        e = obj_add(w, p);
        if (!e)
            return -1;
    }
    index = w->next_index++;
    e->index = index;
    if (e->transfer >= 0) {
        bool host = w->transfer_is_host[e->transfer];
        if (wf_ser_put_u8(w, host ? T_TRANSFER_HOST : T_TRANSFER_AB) < 0)
            return -1;
        return wf_ser_put_uleb(w, (uint32_t)e->transfer);
    }
    if (wf_check_stack_overflow(w->rt, 0)) {
        wf_throw_stack_overflow(ctx);
        return w_exc(w);
    }
    e->on_stack = true;
    /* e may move from here on (the table grows): remember the slot */
    {
        uint32_t slot = (uint32_t)(e - w->objs);
        switch (p->class_id) {
        case JS_CLASS_OBJECT:
        case JS_CLASS_ARGUMENTS:
            r = wf_ser_put_u8(w, T_OBJECT);
            if (!r)
                r = write_properties(w, v, false);
            break;
        case JS_CLASS_ARRAY:
            r = wf_ser_put_u8(w, T_ARRAY);
            if (!r)
                r = wf_ser_put_uleb(w, wf_array_length(p));
            if (!r)
                r = write_properties(w, v, true);
            break;
        case JS_CLASS_BOOLEAN:
            r = wf_ser_put_u8(w, T_BOOL_OBJ);
            if (!r)
                r = wf_ser_put_u8(w, JS_VALUE_GET_BOOL(wf_obj_data(p)) != 0);
            break;
        case JS_CLASS_NUMBER:
            r = wf_ser_put_u8(w, T_NUMBER_OBJ);
            if (!r)
                r = wf_ser_write_value(w, wf_obj_data(p));
            break;
        case JS_CLASS_STRING:
            r = wf_ser_put_u8(w, T_STRING_OBJ);
            if (!r)
                r = wf_ser_write_value(w, wf_obj_data(p));
            break;
        case JS_CLASS_BIG_INT:
            r = wf_ser_put_u8(w, T_BIGINT_OBJ);
            if (!r)
                r = wf_ser_write_value(w, wf_obj_data(p));
            break;
        case JS_CLASS_DATE: {
            double t;
            JSValueConst tv = wf_obj_data(p);
            t = JS_VALUE_GET_TAG(tv) == JS_TAG_INT ? JS_VALUE_GET_INT(tv) :
                JS_VALUE_GET_TAG(tv) == JS_TAG_FLOAT64 ? JS_VALUE_GET_FLOAT64(tv) : JS_FLOAT64_NAN;
            r = wf_ser_put_u8(w, T_DATE);
            if (!r)
                r = wf_ser_put_f64(w, t);
            break;
        }
        case JS_CLASS_REGEXP: {
            JSValueConst src;
            JSValue li;
            int fl;
            if (!wf_regexp_get_source_flags(v, &src, &fl)) {
                r = w_throw_dce(w, "an uninitialized RegExp");
                break;
            }
            r = wf_ser_put_u8(w, T_REGEXP);
            if (!r)
                r = wf_ser_write_value(w, src);
            if (!r)
                r = wf_ser_put_u8(w, (uint8_t)fl);
            if (r)
                break;
            /* lastIndex is a non-configurable own data property: no code runs */
            li = wf_obj_get(ctx, v, JS_ATOM_lastIndex, v);
            if (JS_IsException(li)) {
                r = w_exc(w);
                break;
            }
            if (!JS_IsNumber(li)) {
                JS_FreeValue(ctx, li);
                li = JS_NewInt32(ctx, 0);
            }
            r = wf_ser_write_value(w, li);
            break;
        }
        case JS_CLASS_MAP:
        case JS_CLASS_SET:
            r = write_mapset(w, v, p->class_id == JS_CLASS_SET);
            break;
        case JS_CLASS_ERROR:
            r = write_error(w, v);
            break;
        case JS_CLASS_ARRAY_BUFFER:
        case JS_CLASS_SHARED_ARRAY_BUFFER:
            r = write_array_buffer(w, p);
            break;
        case JS_CLASS_DATAVIEW:
            r = write_view(w, p);
            break;
        default:
            if (wf_is_typed_array_class(p->class_id)) {
                r = write_view(w, p);
            } else if ((p->class_id == JS_CLASS_BYTECODE_FUNCTION) &&
                       (w->flags & JS_WRITE_OBJ_BYTECODE)) {
                r = w_throw_dce(w, "a function object (serialize its bytecode instead)");
            } else if (p->is_callable) {
                r = w_throw_dce(w, "a function");
            } else {
                JSAtom cn = w->rt->class_array[p->class_id].class_name;
                char buf[64];
                char what[96];
                snprintf(what, sizeof(what), "#<%s>",
                         cn ? wf_atom_get_cstr(w->rt, buf, sizeof(buf), cn) : "Object");
                r = w_throw_dce(w, what);
            }
            break;
        }
        w->objs[slot].on_stack = false;
    }
    return r;
}

int wf_ser_write_value(WFWriter *w, JSValueConst v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_UNDEFINED:
        return wf_ser_put_u8(w, T_UNDEFINED);
    case JS_TAG_NULL:
        return wf_ser_put_u8(w, T_NULL);
    case JS_TAG_BOOL:
        return wf_ser_put_u8(w, JS_VALUE_GET_BOOL(v) ? T_TRUE : T_FALSE);
    case JS_TAG_INT:
        if (wf_ser_put_u8(w, T_INT32) < 0)
            return -1;
        return wf_ser_put_sleb(w, JS_VALUE_GET_INT(v));
    case JS_TAG_FLOAT64:
        return write_number(w, JS_VALUE_GET_FLOAT64(v));
    case JS_TAG_SHORT_BIG_INT:
    case JS_TAG_BIG_INT:
        return write_bigint(w, v);
    case JS_TAG_STRING:
        return wf_ser_put_jsstring(w, wf_str(v));
    case JS_TAG_STRING_ROPE: {
        JSValue s = wf_to_string(w->ctx, v);
        int r;
        if (JS_IsException(s))
            return w_exc(w);
        r = wf_ser_put_jsstring(w, wf_str(s));
        JS_FreeValue(w->ctx, s);
        return r;
    }
    case JS_TAG_SYMBOL:
        return w_throw_dce(w, "a symbol");
    case JS_TAG_OBJECT:
        return write_object(w, v);
    case JS_TAG_FUNCTION_BYTECODE:
        if (!(w->flags & JS_WRITE_OBJ_BYTECODE))
            return w_throw_dce(w, "compiled code (JS_WRITE_OBJ_BYTECODE not set)");
        return wf_ser_write_bytecode(w, v);
    case JS_TAG_MODULE:
        if (!(w->flags & JS_WRITE_OBJ_BYTECODE))
            return w_throw_dce(w, "a module (JS_WRITE_OBJ_BYTECODE not set)");
        return wf_ser_write_module(w, v);
    default:
        return w_throw_dce(w, "an internal value");
    }
}

/* Header, then the value. */
int wf_ser_write_root(WFWriter *w, JSValueConst v)
{
    uint8_t flags = (w->flags & JS_WRITE_OBJ_BYTECODE) ? WF_SER_HDR_BYTECODE : 0;
    if (wf_ser_put_u8(w, WF_SER_MAGIC0) < 0 || wf_ser_put_u8(w, WF_SER_MAGIC1) < 0 ||
        wf_ser_put_u8(w, WF_SER_VERSION) < 0 || wf_ser_put_u8(w, flags) < 0)
        return -1;
    if ((flags & WF_SER_HDR_BYTECODE) && wf_ser_put_u32(w, wf_ser_bytecode_fingerprint()) < 0)
        return -1;
    return wf_ser_write_value(w, v);
}

/* ------------------------------------------------------------------ */
/* Messages and transfer lists */

/* The transfer list (an iterable of objects), each kept counted. */
static int collect_transfer(WFWriter *w, JSValueConst transfer)
{
    JSContext *ctx = w->ctx;
    JSValue iter, next;
    uint32_t size = 0;
    bool done;

    if (JS_IsUndefined(transfer))
        return 0;
    iter = wf_get_iterator(ctx, transfer, false, &next);
    if (JS_IsException(iter))
        return w_exc(w);
    for (;;) {
        JSValue v = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        if (!JS_IsObject(v)) {
            JS_FreeValue(ctx, v);
            JS_ThrowTypeError(ctx, "transfer list items must be objects");
            wf_iterator_close(ctx, iter, true);
            goto fail;
        }
        if (w->n_transfer >= size) {
            uint32_t ns = size ? size * 2 : 4;
            JSValue *nt = js_realloc_rt(w->rt, w->transfer, sizeof(JSValue) * ns);
            uint8_t *nh = nt ? js_realloc_rt(w->rt, w->transfer_is_host, ns) : NULL;
            if (nt)
                w->transfer = nt;
            if (!nh) {
                JS_FreeValue(ctx, v);
                JS_ThrowOutOfMemory(ctx);
                wf_iterator_close(ctx, iter, true);
                goto fail;
            }
            w->transfer_is_host = nh;
            size = ns;
        }
        w->transfer_is_host[w->n_transfer] = 0;
        w->transfer[w->n_transfer++] = v;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return 0;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return w_exc(w);
}

/* HTML StructuredSerializeWithTransfer, step 4: every transferable must be
   new, an ArrayBuffer that is not detached, or a host object its hooks
   accept.  Entered in the memory map before the value is written. */
static int validate_transfer(WFWriter *w)
{
    for (uint32_t i = 0; i < w->n_transfer; i++) {
        JSObject *p = wf_obj(w->transfer[i]);
        WFSerObj *e;
        if (obj_find(w, p))
            return w_throw_transfer(w, "the transfer list contains an object twice");
        if (p->class_id == JS_CLASS_ARRAY_BUFFER) {
            if (wf_abuf(p)->detached)
                return w_throw_transfer(w, "the transfer list contains a detached ArrayBuffer");
        } else if (p->class_id == JS_CLASS_SHARED_ARRAY_BUFFER) {
            return w_throw_transfer(w, "a SharedArrayBuffer cannot be transferred (it is shared, not moved)");
        } else {
            int r = w->hooks ? w->hooks->can_transfer(w->ctx, w->transfer[i], w->hooks->opaque) : 0;
            if (r < 0)
                return w_exc(w);
            if (!r)
                return w_throw_transfer(w, "the transfer list contains an object that cannot be transferred");
            w->transfer_is_host[i] = 1;
        }
        e = obj_add(w, p);
        if (!e)
            return -1;
        e->transfer = (int32_t)i;
    }
    return 0;
}

static void *disown(JSRuntime *rt, void *ptr)
{
    wf_mem_disown(rt, ptr);
    return ptr;
}

/* After a successful write: build the message, then (nothing can fail any
   more) detach the transferred buffers and host objects. */
static WFMessage *commit_message(WFWriter *w)
{
    JSRuntime *rt = w->rt;
    uint32_t n = w->n_transfer, i;
    WFMessage *m = js_mallocz_rt(rt, sizeof(*m));
    uint8_t **copies = NULL;

    if (!m)
        goto oom;
    if (n + w->n_copies) {
        m->stores = js_mallocz_rt(rt, sizeof(WFMsgStore) * (n + w->n_copies));
        m->hosts = js_mallocz_rt(rt, sizeof(void *) * (n ? n : 1));
        copies = js_mallocz_rt(rt, sizeof(uint8_t *) * n);
        if (!m->stores || !m->hosts || !copies)
            goto oom;
        /* buffers over memory this runtime does not own are copied now */
        for (i = 0; i < n; i++) {
            WFArrayBuffer *ab;
            if (w->transfer_is_host[i])
                continue;
            ab = wf_abuf(wf_obj(w->transfer[i]));
            if (ab->owned && !ab->free_func)
                continue;
            copies[i] = js_malloc_rt(rt, ab->byte_length ? ab->byte_length : 1);
            if (!copies[i])
                goto oom;
            if (ab->byte_length)
                memcpy(copies[i], ab->data, ab->byte_length);
        }
    }
    if (w->n_sab) {
        m->sabs = js_malloc_rt(rt, sizeof(void *) * w->n_sab);
        if (!m->sabs)
            goto oom;
        memcpy(m->sabs, w->sab_tab, sizeof(void *) * w->n_sab);
    }
    /* shrink the bytes to their size: the message may wait a long time */
    if (w->size > w->len + 64) {
        uint8_t *nb = js_realloc_rt(rt, w->buf, w->len);
        if (nb) {
            w->buf = nb;
            w->size = w->len;
        }
    }

    /* --- nothing fails from here --- */
    for (i = 0; i < w->n_sab; i++)
        wf_sab_dup(rt, m->sabs[i]);
    m->n_sabs = w->n_sab;
    for (i = 0; i < n; i++) {
        JSValueConst obj = w->transfer[i];
        if (w->transfer_is_host[i]) {
            m->hosts[i] = w->hooks->transfer(w->ctx, obj, w->hooks->opaque);
        } else {
            WFArrayBuffer *ab = wf_abuf(wf_obj(obj));
            WFMsgStore *st = &m->stores[i];
            st->len = ab->byte_length;
            st->max_len = ab->resizable ? ab->max_byte_length : ab->byte_length;
            st->resizable = ab->resizable;
            if (copies[i]) {
                st->data = disown(rt, copies[i]);
            } else {
                st->data = disown(rt, ab->data);
                ab->data = NULL;
                ab->owned = false;
            }
            wf_array_buffer_detach(rt, ab);
        }
    }
    for (i = 0; i < w->n_copies; i++) {
        m->stores[n + i] = w->copies[i];
        m->stores[n + i].data = disown(rt, w->copies[i].data);
        w->copies[i].data = NULL;
    }
    m->n_stores = n + w->n_copies;
    m->n_hosts = n;
    m->hooks = w->hooks;
    js_free_rt(rt, copies);
    m->data = disown(rt, w->buf);
    m->len = w->len;
    w->buf = NULL;
    disown(rt, m->sabs);
    disown(rt, m->stores);
    disown(rt, m->hosts);
    wf_mem_owner_get(rt, &m->owner);
    return disown(rt, m);
oom:
    if (copies) {
        for (i = 0; i < n; i++)
            js_free_rt(rt, copies[i]);
        js_free_rt(rt, copies);
    }
    if (m) {
        js_free_rt(rt, m->stores);
        js_free_rt(rt, m->hosts);
        js_free_rt(rt, m->sabs);
        js_free_rt(rt, m);
    }
    w_fail(w);
    return NULL;
}

WFMessage *wf_message_write(JSContext *ctx, JSValueConst val, JSValueConst transfer,
                            int flags, const WFCloneHostHooks *hooks)
{
    WFWriter w;
    WFMessage *m = NULL;
    if (flags & JS_WRITE_OBJ_BYTECODE) {
        JS_ThrowTypeError(ctx, "messages cannot carry compiled code");
        return NULL;
    }
    wf_ser_writer_init(&w, ctx, flags | JS_WRITE_OBJ_SAB | JS_WRITE_OBJ_REFERENCE);
    w.message = true;
    w.hooks = hooks;
    if (collect_transfer(&w, transfer) == 0 && validate_transfer(&w) == 0 &&
        wf_ser_write_root(&w, val) == 0)
        m = commit_message(&w);
    wf_ser_writer_free(&w);
    return m;
}
