/*
 * serialize_read.c - the reader of the structured serialization format
 * (serialize_int.h): StructuredDeserialize for JS_ReadObject2 and for
 * WFMessage (moved ArrayBuffer stores, SharedArrayBuffer references, host
 * objects through the hooks).
 *
 * The input is hostile: every length is checked against the bytes left
 * before anything is allocated, every tag, key and object index is
 * validated, views are checked against their buffer, and malformed data
 * raises a SyntaxError ("invalid serialized data ... at byte N").  The
 * reader never runs user code: it creates objects of the realm's
 * intrinsics and defines data properties.  Every object it creates is kept
 * in the object table (counted) until the end, so a reference can never
 * reach a freed object.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/serialize_int.h"
#include "engine/gc.h"
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

/* The error kinds of the format's error codes (serialize_write.c). */
static const int err_name_kind[WF_SER_ERR_NAME_COUNT] = {
    JS_PLAIN_ERROR, JS_EVAL_ERROR, JS_RANGE_ERROR, JS_REFERENCE_ERROR,
    JS_SYNTAX_ERROR, JS_TYPE_ERROR, JS_URI_ERROR,
};

/* JSTypedArrayEnum order. */
static const uint8_t ta_size_log2[] = { 0, 0, 0, 1, 1, 2, 2, 3, 3, 1, 2, 3 };

/* ------------------------------------------------------------------ */
/* Reader: input */

int wf_ser_bad(WFReader *r, const char *what)
{
    if (!r->error) {
        r->error = true;
        JS_ThrowSyntaxError(r->ctx, "invalid serialized data: %s (at byte %zu)", what,
                            (size_t)(r->p - r->start));
    }
    return -1;
}

static int r_exc(WFReader *r)
{
    r->error = true;
    return -1;
}

int wf_ser_get_u8(WFReader *r, uint8_t *pv)
{
    if (r->p >= r->end)
        return wf_ser_bad(r, "unexpected end");
    *pv = *r->p++;
    return 0;
}

int wf_ser_get_bytes(WFReader *r, void *dst, size_t n)
{
    if ((size_t)(r->end - r->p) < n)
        return wf_ser_bad(r, "unexpected end");
    if (n)
        memcpy(dst, r->p, n);
    r->p += n;
    return 0;
}

int wf_ser_get_uleb(WFReader *r, uint64_t *pv)
{
    uint64_t v = 0;
    int shift = 0;
    for (;;) {
        uint8_t b;
        if (r->p >= r->end)
            return wf_ser_bad(r, "unexpected end");
        b = *r->p++;
        if (shift == 63 && (b & 0x7e))
            return wf_ser_bad(r, "integer too large");
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
        shift += 7;
        if (shift > 63)
            return wf_ser_bad(r, "integer too long");
    }
    *pv = v;
    return 0;
}

int wf_ser_get_uleb32(WFReader *r, uint32_t *pv)
{
    uint64_t v;
    if (wf_ser_get_uleb(r, &v) < 0)
        return -1;
    if (v > UINT32_MAX)
        return wf_ser_bad(r, "integer too large");
    *pv = (uint32_t)v;
    return 0;
}

int wf_ser_get_sleb32(WFReader *r, int32_t *pv)
{
    uint64_t u;
    int64_t v;
    if (wf_ser_get_uleb(r, &u) < 0)
        return -1;
    v = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
    if (v < INT32_MIN || v > INT32_MAX)
        return wf_ser_bad(r, "integer too large");
    *pv = (int32_t)v;
    return 0;
}

int wf_ser_get_u32(WFReader *r, uint32_t *pv)
{
    uint8_t b[4] = { 0 };
    if (wf_ser_get_bytes(r, b, 4) < 0)
        return -1;
    *pv = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

int wf_ser_get_f64(WFReader *r, double *pd)
{
    uint8_t b[8] = { 0 };
    uint64_t u = 0;
    if (wf_ser_get_bytes(r, b, 8) < 0)
        return -1;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)b[i] << (8 * i);
    memcpy(pd, &u, 8);
    return 0;
}

/* After the tag. */
static JSValue read_string_body(WFReader *r, bool wide)
{
    uint32_t len, i;
    JSString *s;
    size_t nbytes;
    bool narrow = true;
    if (wf_ser_get_uleb32(r, &len) < 0)
        return JS_EXCEPTION;
    if (len > JS_STRING_LEN_MAX) {
        wf_ser_bad(r, "string too long");
        return JS_EXCEPTION;
    }
    nbytes = (size_t)len << wide;
    if ((size_t)(r->end - r->p) < nbytes) {
        wf_ser_bad(r, "unexpected end");
        return JS_EXCEPTION;
    }
    if (wide) {
        for (i = 0; i < len && narrow; i++)
            narrow = r->p[2 * i + 1] == 0;
    }
    /* a string is wide only when it must be (jsstring.h) */
    s = wf_str_alloc(r->ctx, len, !narrow);
    if (!s) {
        r_exc(r);
        return JS_EXCEPTION;
    }
    if (!wide) {
        memcpy(s->u.str8, r->p, len);
        s->u.str8[len] = 0;
    } else if (narrow) {
        for (i = 0; i < len; i++)
            s->u.str8[i] = r->p[2 * i];
        s->u.str8[len] = 0;
    } else {
        for (i = 0; i < len; i++)
            s->u.str16[i] = (uint16_t)(r->p[2 * i] | r->p[2 * i + 1] << 8);
    }
    r->p += nbytes;
    return JS_MKPTR(JS_TAG_STRING, s);
}

JSValue wf_ser_get_string(WFReader *r)
{
    uint8_t tag = 0;
    if (wf_ser_get_u8(r, &tag) < 0)
        return JS_EXCEPTION;
    if (tag != T_STRING8 && tag != T_STRING16) {
        wf_ser_bad(r, "string expected");
        return JS_EXCEPTION;
    }
    return read_string_body(r, tag == T_STRING16);
}

JSAtom wf_ser_get_atom(WFReader *r)
{
    uint8_t tag = 0;
    JSValue s;
    JSAtom a;
    if (wf_ser_get_u8(r, &tag) < 0)
        return JS_ATOM_NULL;
    if (tag == T_INT32) {
        int32_t v;
        if (wf_ser_get_sleb32(r, &v) < 0)
            return JS_ATOM_NULL;
        if (v < 0 || !wf_atom_uint_fits((uint32_t)v)) {
            wf_ser_bad(r, "bad integer key");
            return JS_ATOM_NULL;
        }
        return wf_atom_from_uint((uint32_t)v);
    }
    if ((tag == T_SYMBOL_CONST || tag == T_SYMBOL_NEW) && (r->flags & JS_READ_OBJ_BYTECODE)) {
        if (tag == T_SYMBOL_CONST) {
            uint32_t n;
            if (wf_ser_get_uleb32(r, &n) < 0)
                return JS_ATOM_NULL;
            if (n == JS_ATOM_NULL || n >= JS_ATOM_END || !wf_atom_is_symbol(r->rt, n)) {
                wf_ser_bad(r, "bad symbol");
                return JS_ATOM_NULL;
            }
            return n;
        } else {
            uint8_t type = 0, dt = 0;
            JSString *descr = NULL;
            if (wf_ser_get_u8(r, &type) < 0)
                return JS_ATOM_NULL;
            if (type != WF_ATOM_TYPE_SYMBOL && type != WF_ATOM_TYPE_PRIVATE &&
                type != WF_ATOM_TYPE_GLOBAL_SYMBOL) {
                wf_ser_bad(r, "bad symbol");
                return JS_ATOM_NULL;
            }
            if (r->p < r->end && *r->p == T_UNDEFINED && type != WF_ATOM_TYPE_GLOBAL_SYMBOL) {
                r->p++;
            } else {
                JSValue d = wf_ser_get_string(r);
                (void)dt;
                if (JS_IsException(d))
                    return JS_ATOM_NULL;
                descr = wf_str(d);
            }
            a = wf_atom_new_symbol(r->ctx, descr, type);
            if (a == JS_ATOM_NULL)
                r_exc(r);
            return a;
        }
    }
    if (tag != T_STRING8 && tag != T_STRING16) {
        wf_ser_bad(r, "key expected");
        return JS_ATOM_NULL;
    }
    s = read_string_body(r, tag == T_STRING16);
    if (JS_IsException(s))
        return JS_ATOM_NULL;
    /* canonical: "5" becomes the integer key 5 */
    a = JS_ValueToAtom(r->ctx, s);
    JS_FreeValue(r->ctx, s);
    if (a == JS_ATOM_NULL)
        r_exc(r);
    return a;
}

int wf_ser_reserve_obj(WFReader *r, uint32_t *pidx)
{
    if (r->n_objs >= r->objs_size) {
        uint32_t ns = r->objs_size ? r->objs_size * 2 : 32;
        JSValue *no = js_realloc_rt(r->rt, r->objs, sizeof(JSValue) * ns);
        if (!no) {
            JS_ThrowOutOfMemory(r->ctx);
            return r_exc(r);
        }
        r->objs = no;
        r->objs_size = ns;
    }
    r->objs[r->n_objs] = JS_UNDEFINED;
    *pidx = r->n_objs++;
    return 0;
}

void wf_ser_set_obj(WFReader *r, uint32_t idx, JSValueConst obj)
{
    r->objs[idx] = JS_DupValue(r->ctx, obj);
}

/* Reserve the next index and record obj there (obj borrowed). */
static int add_obj(WFReader *r, JSValueConst obj)
{
    uint32_t idx;
    if (wf_ser_reserve_obj(r, &idx) < 0)
        return -1;
    wf_ser_set_obj(r, idx, obj);
    return 0;
}

static JSAtom read_key(WFReader *r, uint8_t kind)
{
    if (kind == K_STR) {
        JSAtom a;
        if (r->n_keys >= r->keys_size) {
            uint32_t ns = r->keys_size ? r->keys_size * 2 : 32;
            JSAtom *nk = js_realloc_rt(r->rt, r->keys, sizeof(JSAtom) * ns);
            if (!nk) {
                JS_ThrowOutOfMemory(r->ctx);
                r_exc(r);
                return JS_ATOM_NULL;
            }
            r->keys = nk;
            r->keys_size = ns;
        }
        a = wf_ser_get_atom(r);
        if (a == JS_ATOM_NULL)
            return JS_ATOM_NULL;
        r->keys[r->n_keys++] = a;
        return wf_atom_dup(r->rt, a);
    }
    if (kind == K_REF) {
        uint32_t i;
        if (wf_ser_get_uleb32(r, &i) < 0)
            return JS_ATOM_NULL;
        if (i >= r->n_keys) {
            wf_ser_bad(r, "bad key reference");
            return JS_ATOM_NULL;
        }
        return wf_atom_dup(r->rt, r->keys[i]);
    }
    wf_ser_bad(r, "bad property key");
    return JS_ATOM_NULL;
}

JSAtom wf_ser_get_key(WFReader *r)
{
    uint8_t kind = 0;
    if (wf_ser_get_u8(r, &kind) < 0)
        return JS_ATOM_NULL;
    if (kind == K_END)
        return JS_ATOM_NULL;
    if (kind == K_INDEX) {
        uint32_t idx;
        if (wf_ser_get_uleb32(r, &idx) < 0)
            return JS_ATOM_NULL;
        if (!wf_atom_uint_fits(idx)) {
            wf_ser_bad(r, "bad index key");
            return JS_ATOM_NULL;
        }
        return wf_atom_from_uint(idx);
    }
    return read_key(r, kind);
}

/* Properties until K_END, defined as data properties (CreateDataProperty). */
static int read_properties(WFReader *r, JSValueConst obj, bool is_array)
{
    JSContext *ctx = r->ctx;
    int64_t last = -1;
    for (;;) {
        uint8_t kind = 0;
        JSValue v;
        JSObject *p;
        int res;
        if (wf_ser_get_u8(r, &kind) < 0)
            return -1;
        if (kind == K_END)
            return 0;
        if (kind == K_NEXT || kind == K_INDEX) {
            uint32_t idx;
            if (kind == K_NEXT) {
                if (!is_array || last + 1 >= (int64_t)JS_ATOM_MAX_INT)
                    return wf_ser_bad(r, "bad index key");
                idx = (uint32_t)(last + 1);
            } else {
                if (wf_ser_get_uleb32(r, &idx) < 0)
                    return -1;
                if (!wf_atom_uint_fits(idx))
                    return wf_ser_bad(r, "bad index key");
            }
            last = idx;
            v = wf_ser_read_value(r);
            if (JS_IsException(v))
                return -1;
            res = wf_obj_define_int64(ctx, obj, idx, v, JS_PROP_C_W_E | JS_PROP_THROW);
        } else {
            JSAtom a = read_key(r, kind);
            if (a == JS_ATOM_NULL)
                return -1;
            v = wf_ser_read_value(r);
            if (JS_IsException(v)) {
                wf_atom_free(r->rt, a);
                return -1;
            }
            p = wf_obj(obj);
            if (!is_array && !p->is_exotic && p->extensible && !wf_atom_is_int(a) &&
                wf_shape_find(p->shape, a) < 0) {
                /* a new key of a fresh ordinary object: append it */
                JSProperty *pr = wf_obj_add_property(ctx, p, a, JS_PROP_C_W_E);
                if (pr) {
                    pr->u.value = v;
                    res = 0;
                } else {
                    JS_FreeValue(ctx, v);
                    res = -1;
                }
            } else {
                res = wf_obj_define_value(ctx, obj, a, v, JS_PROP_C_W_E | JS_PROP_THROW);
            }
            wf_atom_free(r->rt, a);
        }
        if (res < 0)
            return r_exc(r);
    }
}

static JSValue read_error(WFReader *r)
{
    JSContext *ctx = r->ctx;
    uint8_t code = 0, fields = 0;
    JSValue obj, v;
    int kind;
    JSValueConst proto;

    if (wf_ser_get_u8(r, &code) < 0 || wf_ser_get_u8(r, &fields) < 0)
        return JS_EXCEPTION;
    if (code >= WF_SER_ERR_NAME_COUNT || (fields & ~7))
        return wf_ser_bad(r, "bad error record"), JS_EXCEPTION;
    kind = err_name_kind[code];
    proto = kind == JS_PLAIN_ERROR ? ctx->class_proto[JS_CLASS_ERROR] : ctx->native_error_proto[kind];
    obj = wf_obj_new(ctx, proto, JS_CLASS_ERROR);
    if (JS_IsException(obj))
        return r_exc(r), JS_EXCEPTION;
    if (add_obj(r, obj) < 0)
        goto fail;
    if (fields & 1) {
        v = wf_ser_get_string(r);
        if (JS_IsException(v))
            goto fail;
        if (wf_obj_define_value(ctx, obj, JS_ATOM_message, v, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            goto fail_exc;
    }
    if (fields & 2) {
        v = wf_ser_get_string(r);
        if (JS_IsException(v))
            goto fail;
        if (wf_obj_define_value(ctx, obj, JS_ATOM_stack, v, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            goto fail_exc;
    }
    if (fields & 4) {
        v = wf_ser_read_value(r);
        if (JS_IsException(v))
            goto fail;
        if (wf_obj_define_value(ctx, obj, JS_ATOM_cause, v, JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            goto fail_exc;
    }
    return obj;
fail_exc:
    r_exc(r);
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* The bytes of a new runtime-owned buffer of len bytes (at least 1). */
static JSValue new_owned_buffer(WFReader *r, uint8_t *data, size_t len, bool resizable,
                                size_t max_len)
{
    JSValue obj = wf_array_buffer_new_external(r->ctx, JS_CLASS_ARRAY_BUFFER, data, len,
                                               resizable, max_len, NULL, NULL, NULL);
    if (JS_IsException(obj)) {
        js_free_rt(r->rt, data);
        r_exc(r);
        return obj;
    }
    wf_abuf(wf_obj(obj))->owned = true;
    return obj;
}

static uint8_t *alloc_block(WFReader *r, uint64_t len)
{
    uint8_t *d = js_malloc_rt(r->rt, len ? (size_t)len : 1);
    if (!d) {
        JS_ThrowRangeError(r->ctx, "cannot allocate an array buffer of %llu bytes",
                           (unsigned long long)len);
        r_exc(r);
    }
    return d;
}

static JSValue read_array_buffer(WFReader *r, bool resizable)
{
    uint64_t len, max_len = 0;
    uint8_t *d;
    JSValue obj;
    if (wf_ser_get_uleb(r, &len) < 0)
        return JS_EXCEPTION;
    if (resizable) {
        if (wf_ser_get_uleb(r, &max_len) < 0)
            return JS_EXCEPTION;
        if (max_len < len || max_len > WF_ABUF_MAX_BYTE_LENGTH)
            return wf_ser_bad(r, "bad maxByteLength"), JS_EXCEPTION;
    }
    if (len > (uint64_t)(r->end - r->p))
        return wf_ser_bad(r, "unexpected end"), JS_EXCEPTION;
    d = alloc_block(r, len);
    if (!d)
        return JS_EXCEPTION;
    memcpy(d, r->p, (size_t)len);
    r->p += len;
    obj = new_owned_buffer(r, d, (size_t)len, resizable, (size_t)max_len);
    if (!JS_IsException(obj) && add_obj(r, obj) < 0) {
        JS_FreeValue(r->ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue read_sab(WFReader *r)
{
    uint32_t i;
    JSValue obj;
    if (wf_ser_get_uleb32(r, &i) < 0)
        return JS_EXCEPTION;
    if (!(r->flags & JS_READ_OBJ_SAB) || !r->sab_tab)
        return wf_ser_bad(r, "SharedArrayBuffer not allowed"), JS_EXCEPTION;
    if (i >= r->n_sab || !r->sab_tab[i])
        return wf_ser_bad(r, "bad SharedArrayBuffer index"), JS_EXCEPTION;
    obj = wf_sab_from_data(r->ctx, r->sab_tab[i]);
    if (JS_IsException(obj))
        return r_exc(r), obj;
    if (add_obj(r, obj) < 0) {
        JS_FreeValue(r->ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue read_transfer_ab(WFReader *r)
{
    struct WFMessage *m = r->msg;
    WFMsgStore *st;
    uint32_t i;
    uint8_t *d;
    JSValue obj;
    if (wf_ser_get_uleb32(r, &i) < 0)
        return JS_EXCEPTION;
    if (!m || i >= m->n_stores || !m->stores[i].data)
        return wf_ser_bad(r, "bad transferred buffer"), JS_EXCEPTION;
    st = &m->stores[i];
    if (wf_mem_same_owner(r->rt, &m->owner)) {
        /* move: the block joins this runtime's accounting */
        if (wf_mem_adopt(r->rt, st->data) < 0) {
            JS_ThrowRangeError(r->ctx, "cannot receive an array buffer of %zu bytes: memory limit",
                               st->len);
            return r_exc(r), JS_EXCEPTION;
        }
        d = st->data;
        st->data = NULL;
    } else {
        d = alloc_block(r, st->len);
        if (!d)
            return JS_EXCEPTION;
        memcpy(d, st->data, st->len);
        wf_mem_owner_free(&m->owner, st->data);
        st->data = NULL;
    }
    obj = new_owned_buffer(r, d, st->len, st->resizable, st->max_len);
    if (!JS_IsException(obj) && add_obj(r, obj) < 0) {
        JS_FreeValue(r->ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue read_transfer_host(WFReader *r)
{
    struct WFMessage *m = r->msg;
    uint32_t i;
    void *data;
    JSValue obj;
    if (wf_ser_get_uleb32(r, &i) < 0)
        return JS_EXCEPTION;
    if (!m || !m->hooks || i >= m->n_hosts || !m->hosts[i])
        return wf_ser_bad(r, "bad transferred object"), JS_EXCEPTION;
    data = m->hosts[i];
    m->hosts[i] = NULL;
    obj = m->hooks->receive(r->ctx, data, m->hooks->opaque);
    if (JS_IsException(obj))
        return r_exc(r), obj;
    if (add_obj(r, obj) < 0) {
        JS_FreeValue(r->ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* Typed array or DataView (ta_type -1). */
static JSValue read_view(WFReader *r, int ta_type)
{
    JSContext *ctx = r->ctx;
    uint8_t track = 0, t = 0;
    uint64_t offset, length;
    uint32_t idx;
    JSValue buf, obj;
    WFArrayBuffer *ab;
    size_t blen;
    int log2 = 0;

    if (ta_type >= 0) {
        if (wf_ser_get_u8(r, &t) < 0)
            return JS_EXCEPTION;
        if (t > JS_TYPED_ARRAY_FLOAT64)
            return wf_ser_bad(r, "bad typed array type"), JS_EXCEPTION;
        log2 = ta_size_log2[t];
    }
    if (wf_ser_get_u8(r, &track) < 0 || wf_ser_get_uleb(r, &offset) < 0 ||
        wf_ser_get_uleb(r, &length) < 0)
        return JS_EXCEPTION;
    if (track > 1)
        return wf_ser_bad(r, "bad view flags"), JS_EXCEPTION;
    if (wf_ser_reserve_obj(r, &idx) < 0)
        return JS_EXCEPTION;
    buf = wf_ser_read_value(r);
    if (JS_IsException(buf))
        return buf;
    ab = wf_array_buffer_get(buf);
    if (!ab || ab->detached) {
        JS_FreeValue(ctx, buf);
        return wf_ser_bad(r, "view over a non-buffer"), JS_EXCEPTION;
    }
    blen = wf_abuf_byte_length(ab);
    if ((offset & ((1u << log2) - 1)) || offset > blen ||
        (track && !ab->resizable) ||
        (!track && length > ((blen - offset) >> log2))) {
        JS_FreeValue(ctx, buf);
        return wf_ser_bad(r, "view out of bounds"), JS_EXCEPTION;
    }
    if (ta_type >= 0)
        obj = wf_typed_array_new(ctx, JS_CLASS_UINT8C_ARRAY + t, buf, (size_t)offset,
                                 (size_t)length, track);
    else
        obj = wf_dataview_new(ctx, buf, (size_t)offset, (size_t)length, track);
    JS_FreeValue(ctx, buf);
    if (JS_IsException(obj))
        return r_exc(r), obj;
    wf_ser_set_obj(r, idx, obj);
    return obj;
}

static JSValue read_map_set(WFReader *r, bool is_set)
{
    JSContext *ctx = r->ctx;
    uint64_t count, i;
    JSValue obj = wf_mapset_new(ctx, is_set);
    if (JS_IsException(obj))
        return r_exc(r), obj;
    if (add_obj(r, obj) < 0 || wf_ser_get_uleb(r, &count) < 0)
        goto fail;
    /* each entry takes at least one byte per value */
    if (count > (uint64_t)(r->end - r->p)) {
        wf_ser_bad(r, "bad entry count");
        goto fail;
    }
    for (i = 0; i < count; i++) {
        JSValue k = wf_ser_read_value(r), v = JS_UNDEFINED;
        int res;
        if (JS_IsException(k))
            goto fail;
        if (!is_set) {
            v = wf_ser_read_value(r);
            if (JS_IsException(v)) {
                JS_FreeValue(ctx, k);
                goto fail;
            }
        }
        res = wf_mapset_add(ctx, obj, k, v);
        JS_FreeValue(ctx, k);
        JS_FreeValue(ctx, v);
        if (res < 0) {
            r_exc(r);
            goto fail;
        }
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue read_wrapper(WFReader *r, uint8_t tag)
{
    JSContext *ctx = r->ctx;
    JSValue prim, obj;
    uint32_t idx;
    if (wf_ser_reserve_obj(r, &idx) < 0)
        return JS_EXCEPTION;
    if (tag == T_BOOL_OBJ) {
        uint8_t b = 0;
        if (wf_ser_get_u8(r, &b) < 0)
            return JS_EXCEPTION;
        if (b > 1)
            return wf_ser_bad(r, "bad boolean"), JS_EXCEPTION;
        prim = JS_NewBool(ctx, b);
    } else {
        uint8_t t = r->p < r->end ? *r->p : 0;
        bool ok = tag == T_NUMBER_OBJ ? (t == T_INT32 || t == T_FLOAT64) :
                  tag == T_STRING_OBJ ? (t == T_STRING8 || t == T_STRING16) : t == T_BIGINT;
        if (!ok)
            return wf_ser_bad(r, "bad wrapped value"), JS_EXCEPTION;
        prim = wf_ser_read_value(r);
        if (JS_IsException(prim))
            return prim;
    }
    obj = wf_to_object(ctx, prim);
    JS_FreeValue(ctx, prim);
    if (JS_IsException(obj))
        return r_exc(r), obj;
    wf_ser_set_obj(r, idx, obj);
    return obj;
}

static JSValue read_regexp(WFReader *r)
{
    static const char flag_chars[] = "gimsuydv";   /* WF_RE_FLAG_* bit order */
    JSContext *ctx = r->ctx;
    JSValue src, fl, obj, li;
    uint32_t idx;
    uint8_t bits = 0;
    char fbuf[9];
    int n = 0;

    if (wf_ser_reserve_obj(r, &idx) < 0)
        return JS_EXCEPTION;
    src = wf_ser_get_string(r);
    if (JS_IsException(src))
        return src;
    if (wf_ser_get_u8(r, &bits) < 0) {
        JS_FreeValue(ctx, src);
        return JS_EXCEPTION;
    }
    for (int i = 0; i < 8; i++) {
        if (bits & (1 << i))
            fbuf[n++] = flag_chars[i];
    }
    fbuf[n] = 0;
    fl = JS_NewString(ctx, fbuf);
    obj = JS_IsException(fl) ? JS_EXCEPTION : wf_regexp_create(ctx, src, fl);
    JS_FreeValue(ctx, src);
    JS_FreeValue(ctx, fl);
    if (JS_IsException(obj)) {
        /* a pattern that does not compile is malformed input */
        JS_FreeValue(ctx, JS_GetException(ctx));
        return wf_ser_bad(r, "bad regular expression"), JS_EXCEPTION;
    }
    wf_ser_set_obj(r, idx, obj);
    li = wf_ser_read_value(r);
    if (JS_IsException(li))
        goto fail;
    if (!JS_IsNumber(li)) {
        JS_FreeValue(ctx, li);
        wf_ser_bad(r, "bad lastIndex");
        goto fail;
    }
    if (wf_obj_set(ctx, obj, JS_ATOM_lastIndex, li, obj, JS_PROP_THROW) < 0) {
        r_exc(r);
        goto fail;
    }
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue read_object(WFReader *r, uint8_t tag)
{
    JSContext *ctx = r->ctx;
    JSValue obj;
    if (tag == T_ARRAY) {
        uint32_t len;
        if (wf_ser_get_uleb32(r, &len) < 0)
            return JS_EXCEPTION;
        obj = wf_array_create(ctx, len, ctx->class_proto[JS_CLASS_ARRAY]);
    } else {
        obj = JS_NewObject(ctx);
    }
    if (JS_IsException(obj))
        return r_exc(r), obj;
    if (add_obj(r, obj) < 0 || read_properties(r, obj, tag == T_ARRAY) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue wf_ser_read_value(WFReader *r)
{
    JSContext *ctx = r->ctx;
    uint8_t tag = 0;

    if (wf_check_stack_overflow(r->rt, 0)) {
        wf_throw_stack_overflow(ctx);
        return r_exc(r), JS_EXCEPTION;
    }
    if (wf_ser_get_u8(r, &tag) < 0)
        return JS_EXCEPTION;
    switch (tag) {
    case T_UNDEFINED:
        return JS_UNDEFINED;
    case T_NULL:
        return JS_NULL;
    case T_FALSE:
        return JS_FALSE;
    case T_TRUE:
        return JS_TRUE;
    case T_INT32: {
        int32_t v;
        if (wf_ser_get_sleb32(r, &v) < 0)
            return JS_EXCEPTION;
        return JS_NewInt32(ctx, v);
    }
    case T_FLOAT64: {
        double d;
        if (wf_ser_get_f64(r, &d) < 0)
            return JS_EXCEPTION;
        return JS_NewFloat64(ctx, d);
    }
    case T_BIGINT: {
        uint8_t neg = 0;
        uint64_t n = 0, small[4], *words = small;
        JSValue v;
        if (wf_ser_get_u8(r, &neg) < 0 || wf_ser_get_uleb(r, &n) < 0)
            return JS_EXCEPTION;
        if (neg > 1 || n > (uint64_t)(r->end - r->p) / 8 || n * 64 > (uint64_t)WF_BIGINT_MAX_BITS + 64)
            return wf_ser_bad(r, "bad BigInt"), JS_EXCEPTION;
        if (n > countof(small)) {
            words = js_malloc_rt(r->rt, sizeof(uint64_t) * (size_t)n);
            if (!words) {
                JS_ThrowOutOfMemory(ctx);
                return r_exc(r), JS_EXCEPTION;
            }
        }
        for (uint64_t i = 0; i < n; i++) {
            uint64_t u = 0;
            for (int k = 0; k < 8; k++)
                u |= (uint64_t)r->p[k] << (8 * k);
            r->p += 8;
            words[i] = u;
        }
        v = wf_bigint_import(ctx, neg, words, (uint32_t)n);
        if (words != small)
            js_free_rt(r->rt, words);
        if (JS_IsException(v))
            r_exc(r);
        return v;
    }
    case T_STRING8:
    case T_STRING16:
        return read_string_body(r, tag == T_STRING16);
    case T_OBJECT_REF: {
        uint32_t i;
        if (wf_ser_get_uleb32(r, &i) < 0)
            return JS_EXCEPTION;
        if (!(r->flags & JS_READ_OBJ_REFERENCE))
            return wf_ser_bad(r, "object references not allowed"), JS_EXCEPTION;
        if (i >= r->n_objs || !JS_IsObject(r->objs[i]))
            return wf_ser_bad(r, "bad object reference"), JS_EXCEPTION;
        return JS_DupValue(ctx, r->objs[i]);
    }
    case T_OBJECT:
    case T_ARRAY:
        return read_object(r, tag);
    case T_BOOL_OBJ:
    case T_NUMBER_OBJ:
    case T_STRING_OBJ:
    case T_BIGINT_OBJ:
        return read_wrapper(r, tag);
    case T_DATE: {
        double t;
        JSValue obj;
        if (wf_ser_get_f64(r, &t) < 0)
            return JS_EXCEPTION;
        obj = JS_NewDate(ctx, t);
        if (JS_IsException(obj))
            return r_exc(r), obj;
        if (add_obj(r, obj) < 0) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
        return obj;
    }
    case T_REGEXP:
        return read_regexp(r);
    case T_MAP:
    case T_SET:
        return read_map_set(r, tag == T_SET);
    case T_ERROR:
        return read_error(r);
    case T_ARRAY_BUFFER:
    case T_RESIZABLE_AB:
        return read_array_buffer(r, tag == T_RESIZABLE_AB);
    case T_SAB:
        return read_sab(r);
    case T_TRANSFER_AB:
        return read_transfer_ab(r);
    case T_TRANSFER_HOST:
        return read_transfer_host(r);
    case T_TYPED_ARRAY:
        return read_view(r, 0);
    case T_DATAVIEW:
        return read_view(r, -1);
    case T_FUNCTION_BC:
    case T_MODULE:
        if (!(r->flags & JS_READ_OBJ_BYTECODE))
            return wf_ser_bad(r, "compiled code not allowed"), JS_EXCEPTION;
        return tag == T_FUNCTION_BC ? wf_ser_read_bytecode(r) : wf_ser_read_module(r);
    default:
        return wf_ser_bad(r, "bad tag"), JS_EXCEPTION;
    }
}

void wf_ser_reader_init(WFReader *r, JSContext *ctx, const uint8_t *buf, size_t len, int flags)
{
    memset(r, 0, sizeof(*r));
    r->ctx = ctx;
    r->rt = ctx->rt;
    r->start = r->p = buf;
    r->end = buf + len;
    r->flags = flags;
}

void wf_ser_reader_free(WFReader *r)
{
    uint32_t i;
    for (i = 0; i < r->n_objs; i++)
        JS_FreeValueRT(r->rt, r->objs[i]);
    js_free_rt(r->rt, r->objs);
    for (i = 0; i < r->n_keys; i++)
        wf_atom_free(r->rt, r->keys[i]);
    js_free_rt(r->rt, r->keys);
    for (i = 0; i < r->n_sources; i++)
        wf_source_release(r->rt, r->sources[i]);
    js_free_rt(r->rt, r->sources);
}

JSValue wf_ser_read_root(WFReader *r)
{
    uint8_t m0 = 0, m1 = 0, ver = 0, hflags = 0;
    JSValue v;
    if (wf_ser_get_u8(r, &m0) < 0 || wf_ser_get_u8(r, &m1) < 0 ||
        wf_ser_get_u8(r, &ver) < 0 || wf_ser_get_u8(r, &hflags) < 0)
        return JS_EXCEPTION;
    if (m0 != WF_SER_MAGIC0 || m1 != WF_SER_MAGIC1)
        return wf_ser_bad(r, "not Weft serialized data"), JS_EXCEPTION;
    if (ver != WF_SER_VERSION)
        return wf_ser_bad(r, "unsupported format version"), JS_EXCEPTION;
    if (hflags & ~WF_SER_HDR_BYTECODE)
        return wf_ser_bad(r, "bad header flags"), JS_EXCEPTION;
    if (hflags & WF_SER_HDR_BYTECODE) {
        uint32_t fp;
        if (!(r->flags & JS_READ_OBJ_BYTECODE))
            return wf_ser_bad(r, "compiled code not allowed"), JS_EXCEPTION;
        if (wf_ser_get_u32(r, &fp) < 0)
            return JS_EXCEPTION;
        if (fp != wf_ser_bytecode_fingerprint())
            return wf_ser_bad(r, "bytecode of another Weft version"), JS_EXCEPTION;
    }
    /* everything the reader makes is reachable from the value it builds:
       a collection meanwhile would find nothing to free (and cost 30% of
       reading a large graph) */
    {
        size_t saved = wf_gc_suspend(r->rt);
        v = wf_ser_read_value(r);
        wf_gc_resume(r->rt, saved);
    }
    if (JS_IsException(v))
        return v;
    if (r->p != r->end) {
        JS_FreeValue(r->ctx, v);
        return wf_ser_bad(r, "trailing bytes"), JS_EXCEPTION;
    }
    return v;
}

void wf_message_free(WFMessage *m)
{
    WFMemOwner owner;
    uint32_t i;
    if (!m)
        return;
    owner = m->owner;
    for (i = 0; i < m->n_sabs; i++)
        wf_sab_free(NULL, m->sabs[i]);
    for (i = 0; i < m->n_stores; i++)
        wf_mem_owner_free(&owner, m->stores[i].data);
    for (i = 0; i < m->n_hosts; i++) {
        if (m->hosts[i])
            m->hooks->release(m->hosts[i], m->hooks->opaque);
    }
    wf_mem_owner_free(&owner, m->sabs);
    wf_mem_owner_free(&owner, m->stores);
    wf_mem_owner_free(&owner, m->hosts);
    wf_mem_owner_free(&owner, m->data);
    wf_mem_owner_free(&owner, m);
}

size_t wf_message_byte_size(const WFMessage *m)
{
    return m ? m->len : 0;
}

JSValue wf_message_read(JSContext *ctx, WFMessage *m)
{
    WFReader r;
    JSValue v;
    wf_ser_reader_init(&r, ctx, m->data, m->len, JS_READ_OBJ_SAB | JS_READ_OBJ_REFERENCE);
    r.sab_tab = (uint8_t **)m->sabs;
    r.n_sab = m->n_sabs;
    r.msg = m;
    v = wf_ser_read_root(&r);
    wf_ser_reader_free(&r);
    wf_message_free(m);
    return v;
}

JSValue wf_structured_clone(JSContext *ctx, JSValueConst val, JSValueConst transfer)
{
    WFMessage *m = wf_message_write(ctx, val, transfer, 0, NULL);
    if (!m)
        return JS_EXCEPTION;
    return wf_message_read(ctx, m);
}
