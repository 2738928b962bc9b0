/*
 * abuf.h - array buffers and the views over them (ECMA-262 25.1
 * ArrayBuffer, 25.2 SharedArrayBuffer, 23.2 TypedArray, 25.3 DataView):
 * the records behind the objects, shared by the built-ins
 * (builtins/arraybuffer.c, typedarray*.c, dataview.c), the serializer, the
 * SharedArrayBuffer backing stores and the interpreter's element fast path.
 *
 * An ArrayBuffer or SharedArrayBuffer object (JS_CLASS_ARRAY_BUFFER,
 * JS_CLASS_SHARED_ARRAY_BUFFER) has u.ptr = WFArrayBuffer.  A typed array
 * (the twelve JS_CLASS_*_ARRAY classes) or a DataView (JS_CLASS_DATAVIEW)
 * has u.ptr = WFArrayBufferView, which holds a counted reference to the
 * buffer object and nothing else about its bytes: every access recomputes
 * the view's bounds from the buffer's current length (IsTypedArrayOutOfBounds,
 * TypedArrayLength, IsViewOutOfBounds), so detaching and resizing are seen
 * by every view without the buffer knowing its views.  Never keep a data
 * pointer across a call that can run JavaScript: the bytes may move
 * (resize) or go away (detach).
 *
 * Backing stores.  `data` is either memory of this runtime's allocator
 * (`owned`, freed with js_free_rt), or memory someone else owns, released
 * through free_func(rt, opaque, data).  A SharedArrayBuffer uses the second
 * form: its bytes live in a store outside any runtime with an atomic
 * reference count (engine/sab.c); free_func drops this object's reference.
 * A growable SharedArrayBuffer never moves its bytes and publishes its
 * current length through shared_length, which every reader loads
 * atomically (wf_abuf_byte_length).  Resizable ArrayBuffers, which belong to
 * one thread, are reallocated in place by resize().
 */
#ifndef WF_ABUF_H
#define WF_ABUF_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/conv.h"

/* Largest buffer Weft allocates (and largest maxByteLength it accepts): a
   request above it is "impossible to create" and throws a RangeError
   (CreateByteDataBlock) instead of reaching the allocator. */
#define WF_ABUF_MAX_BYTE_LENGTH ((uint64_t)1 << 40)

typedef struct WFArrayBuffer {
    uint8_t *data;              /* NULL only when detached or wrapping an empty external block */
    size_t byte_length;         /* [[ArrayBufferByteLength]]; 0 once detached; see wf_abuf_byte_length */
    size_t max_byte_length;     /* [[ArrayBufferMaxByteLength]]; = byte_length when fixed */
    bool resizable;             /* resizable ArrayBuffer or growable SharedArrayBuffer */
    bool shared;                /* SharedArrayBuffer: never detached */
    bool detached;
    bool owned;                 /* data comes from js_malloc_rt of the owning runtime */
    JSFreeArrayBufferDataFunc *free_func;   /* non-NULL: releases data (external or shared stores) */
    void *opaque;               /* free_func's argument */
    _Atomic(size_t) *shared_length;         /* growable SAB: the store's current length, else NULL */
} WFArrayBuffer;

typedef struct WFArrayBufferView {
    JSObject *buffer;           /* [[ViewedArrayBuffer]], counted */
    size_t byte_offset;         /* [[ByteOffset]] */
    size_t length;              /* typed array: [[ArrayLength]]; DataView: [[ByteLength]]; unused when track_rab */
    bool track_rab;             /* length is AUTO: follows a resizable buffer */
    uint8_t size_log2;          /* log2 of the element size; 0 for a DataView */
} WFArrayBufferView;

static inline bool wf_is_typed_array_class(JSClassID id)
{
    return id >= JS_CLASS_UINT8C_ARRAY && id <= JS_CLASS_FLOAT64_ARRAY;
}

static inline bool wf_is_array_buffer_class(JSClassID id)
{
    return id == JS_CLASS_ARRAY_BUFFER || id == JS_CLASS_SHARED_ARRAY_BUFFER;
}

/* The typed array kind of a typed array class (JSTypedArrayEnum order is
   the class order). */
static inline JSTypedArrayEnum wf_ta_type(JSClassID id)
{
    return (JSTypedArrayEnum)(id - JS_CLASS_UINT8C_ARRAY);
}

static inline bool wf_ta_type_is_bigint(JSTypedArrayEnum t)
{
    return t == JS_TYPED_ARRAY_BIG_INT64 || t == JS_TYPED_ARRAY_BIG_UINT64;
}

static inline WFArrayBuffer *wf_abuf(JSObject *buf)
{
    return (WFArrayBuffer *)buf->u.ptr;
}

static inline WFArrayBufferView *wf_view(JSObject *p)
{
    return (WFArrayBufferView *)p->u.ptr;
}

/* ArrayBufferByteLength(buf, seq-cst). */
static inline size_t wf_abuf_byte_length(const WFArrayBuffer *ab)
{
    if (ab->shared_length)
        return atomic_load(ab->shared_length);
    return ab->byte_length;
}

/* IsTypedArrayOutOfBounds / IsViewOutOfBounds: true when the buffer is
   detached or the view does not fit in it any more.  Otherwise stores the
   view's current byte length (TypedArrayByteLength / GetViewByteLength)
   in *pbyte_len. */
static inline bool wf_view_out_of_bounds(const WFArrayBufferView *v, size_t *pbyte_len)
{
    const WFArrayBuffer *ab = wf_abuf(v->buffer);
    size_t buf_len, end;
    if (ab->detached)
        return true;
    buf_len = wf_abuf_byte_length(ab);
    if (v->byte_offset > buf_len)
        return true;
    if (v->track_rab) {
        end = buf_len - v->byte_offset;
        *pbyte_len = end & ~(((size_t)1 << v->size_log2) - 1);
        return false;
    }
    end = v->length << v->size_log2;
    if (end > buf_len - v->byte_offset)
        return true;
    *pbyte_len = end;
    return false;
}

/* TypedArrayLength, 0 when out of bounds. */
static inline size_t wf_ta_length(const WFArrayBufferView *v)
{
    size_t n;
    if (wf_view_out_of_bounds(v, &n))
        return 0;
    return n >> v->size_log2;
}

/* Address of the view's first byte (valid only while in bounds). */
static inline uint8_t *wf_view_data(const WFArrayBufferView *v)
{
    return wf_abuf(v->buffer)->data + v->byte_offset;
}

/* Byte offset of element idx of typed array p when it is inside the buffer
   now, else (size_t)-1.  A detached buffer has length 0, so it fails. */
static inline size_t wf_ta_el_offset(const JSObject *p, uint32_t idx)
{
    const WFArrayBufferView *v = (const WFArrayBufferView *)p->u.ptr;
    const WFArrayBuffer *ab = (const WFArrayBuffer *)v->buffer->u.ptr;
    size_t blen = ab->shared_length ? atomic_load(ab->shared_length) : ab->byte_length;
    size_t off = v->byte_offset + ((size_t)idx << v->size_log2);
    size_t end;
    if (v->track_rab) {
        end = blen;
    } else {
        end = v->byte_offset + (v->length << v->size_log2);
        if (end > blen)
            return (size_t)-1;          /* out of bounds: no element at all */
    }
    if (off + ((size_t)1 << v->size_log2) > end)
        return (size_t)-1;
    return off;
}

/* The interpreter's inline element read: true and *pv when p (a typed
   array) has element idx and its type is not BigInt; false sends the
   caller to the general path.  Never allocates or throws. */
static inline bool wf_ta_get_el_fast(const JSObject *p, uint32_t idx, JSValue *pv)
{
    size_t off = wf_ta_el_offset(p, idx);
    const uint8_t *d;
    if (off == (size_t)-1)
        return false;
    d = wf_abuf(wf_view((JSObject *)p)->buffer)->data + off;
    switch (p->class_id) {
    case JS_CLASS_UINT8C_ARRAY:
    case JS_CLASS_UINT8_ARRAY:
        *pv = JS_MKVAL(JS_TAG_INT, *d);
        return true;
    case JS_CLASS_INT8_ARRAY:
        *pv = JS_MKVAL(JS_TAG_INT, (int8_t)*d);
        return true;
    case JS_CLASS_INT16_ARRAY: {
        int16_t x;
        memcpy(&x, d, 2);
        *pv = JS_MKVAL(JS_TAG_INT, x);
        return true;
    }
    case JS_CLASS_UINT16_ARRAY: {
        uint16_t x;
        memcpy(&x, d, 2);
        *pv = JS_MKVAL(JS_TAG_INT, x);
        return true;
    }
    case JS_CLASS_INT32_ARRAY: {
        int32_t x;
        memcpy(&x, d, 4);
        *pv = JS_MKVAL(JS_TAG_INT, x);
        return true;
    }
    case JS_CLASS_UINT32_ARRAY: {
        uint32_t x;
        memcpy(&x, d, 4);
        *pv = x <= INT32_MAX ? JS_MKVAL(JS_TAG_INT, (int32_t)x) : wf_number((double)x);
        return true;
    }
    case JS_CLASS_FLOAT32_ARRAY: {
        float x;
        memcpy(&x, d, 4);
        *pv = wf_number(x);
        return true;
    }
    case JS_CLASS_FLOAT64_ARRAY: {
        double x;
        memcpy(&x, d, 8);
        *pv = wf_number(x);
        return true;
    }
    default:
        return false;                   /* Float16 and BigInt types */
    }
}

/* The interpreter's inline element write of an int or float64 value into
   a non-BigInt typed array: true when done (an index outside the array
   stores nothing and is done too, as [[Set]] on a typed array does);
   false sends the caller to the general path (v needs a conversion that
   may run code, or the type is Float16/BigInt/Uint8Clamped). */
static inline bool wf_ta_put_el_fast(const JSObject *p, uint32_t idx, JSValueConst v)
{
    size_t off;
    uint8_t *d;
    int32_t i;
    double f;
    int tag = JS_VALUE_GET_TAG(v);
    if (tag == JS_TAG_INT) {
        i = JS_VALUE_GET_INT(v);
        f = i;
    } else if (tag == JS_TAG_FLOAT64) {
        f = JS_VALUE_GET_FLOAT64(v);
        if (p->class_id != JS_CLASS_FLOAT32_ARRAY && p->class_id != JS_CLASS_FLOAT64_ARRAY) {
            /* ToInt32 of an integral double in range; the rest takes
               the general path */
            if (!(f >= -2147483648.0 && f <= 2147483647.0) || f != (double)(int32_t)f)
                return false;
        }
        i = (int32_t)f;
    } else {
        return false;
    }
    switch (p->class_id) {
    case JS_CLASS_INT8_ARRAY:
    case JS_CLASS_UINT8_ARRAY:
    case JS_CLASS_INT16_ARRAY:
    case JS_CLASS_UINT16_ARRAY:
    case JS_CLASS_INT32_ARRAY:
    case JS_CLASS_UINT32_ARRAY:
    case JS_CLASS_FLOAT32_ARRAY:
    case JS_CLASS_FLOAT64_ARRAY:
        break;
    default:
        return false;
    }
    off = wf_ta_el_offset(p, idx);
    if (off == (size_t)-1)
        return true;
    d = wf_abuf(wf_view((JSObject *)p)->buffer)->data + off;
    switch (p->class_id) {
    case JS_CLASS_INT8_ARRAY:
    case JS_CLASS_UINT8_ARRAY:
        *d = (uint8_t)i;
        break;
    case JS_CLASS_INT16_ARRAY:
    case JS_CLASS_UINT16_ARRAY: {
        uint16_t x = (uint16_t)i;
        memcpy(d, &x, 2);
        break;
    }
    case JS_CLASS_INT32_ARRAY:
    case JS_CLASS_UINT32_ARRAY:
        memcpy(d, &i, 4);
        break;
    case JS_CLASS_FLOAT32_ARRAY: {
        float x = (float)f;
        memcpy(d, &x, 4);
        break;
    }
    default:
        memcpy(d, &f, 8);
        break;
    }
    return true;
}

/* IEEE 754 binary16 conversions, round to nearest, ties to even, straight
   from the double (going through float would round twice).  Math.f16round
   is wf_f16_to_double(wf_f16_from_double(x)). */
static inline uint16_t wf_f16_from_double(double d)
{
    uint64_t b, mant, rem, half;
    uint16_t sign;
    int e, s;
    uint32_t r;

    memcpy(&b, &d, sizeof(b));
    sign = (uint16_t)((b >> 48) & 0x8000);
    e = (int)((b >> 52) & 0x7ff);
    mant = b & (((uint64_t)1 << 52) - 1);
    if (e == 0x7ff)
        return (uint16_t)(sign | 0x7c00 | (mant ? 0x200 : 0));
    if (e == 0)
        return sign;                    /* zero or a double subnormal */
    e -= 1023;
    if (e > 15)
        return (uint16_t)(sign | 0x7c00);
    mant |= (uint64_t)1 << 52;
    if (e >= -14) {
        /* normal: keep 10 fraction bits out of 52 */
        r = (uint32_t)(mant >> 42);
        rem = mant & (((uint64_t)1 << 42) - 1);
        half = (uint64_t)1 << 41;
        if (rem > half || (rem == half && (r & 1)))
            r++;
        /* r holds the implicit bit at 0x400; a carry to 0x800 bumps the exponent */
        r += (uint32_t)(e + 14) << 10;
        if (r >= 0x7c00)
            return (uint16_t)(sign | 0x7c00);
        return (uint16_t)(sign | r);
    }
    /* subnormal half: units of 2^-24; value = mant * 2^(e-52) */
    s = 28 - e;
    if (s >= 54)
        return sign;
    r = (uint32_t)(mant >> s);
    rem = mant & (((uint64_t)1 << s) - 1);
    half = (uint64_t)1 << (s - 1);
    if (rem > half || (rem == half && (r & 1)))
        r++;                            /* may become 0x400: the smallest normal */
    return (uint16_t)(sign | r);
}

static inline double wf_f16_to_double(uint16_t h)
{
    int e = (h >> 10) & 0x1f;
    uint32_t m = h & 0x3ff;
    double v;
    if (e == 0) {
        v = (double)m * (1.0 / 16777216.0);                 /* m * 2^-24 */
    } else if (e == 31) {
        v = m ? __builtin_nan("") : __builtin_inf();
    } else {
        uint64_t b = ((uint64_t)(e - 15 + 1023) << 52) | ((uint64_t)m << 42);
        memcpy(&v, &b, sizeof(v));
    }
    return (h & 0x8000) ? -v : v;
}

/* ---- arraybuffer.c ---- */

/* AllocateArrayBuffer(constructor, len[, max_len]): a zero-filled
   ArrayBuffer whose prototype comes from new_target (undefined: the
   realm's %ArrayBuffer.prototype%).  resizable selects the resizable form
   with max_len.  RangeError when len > max_len or the size is impossible. */
JSValue wf_array_buffer_alloc(JSContext *ctx, JSValueConst new_target, uint64_t len,
                              bool resizable, uint64_t max_len);
/* A buffer object of class_id (ARRAY_BUFFER or SHARED_ARRAY_BUFFER) over
   memory the caller provides; free_func(rt, opaque, data) releases it
   (NULL: the buffer never frees it).  For a growable shared buffer,
   shared_length is where its length lives (else NULL).  The record is
   filled as given: resizable/max_len as for AllocateArrayBuffer. */
JSValue wf_array_buffer_new_external(JSContext *ctx, JSClassID class_id, uint8_t *data,
                                     size_t len, bool resizable, size_t max_len,
                                     JSFreeArrayBufferDataFunc *free_func, void *opaque,
                                     _Atomic(size_t) *shared_length);
/* DetachArrayBuffer: release the bytes, length 0, detached. */
void wf_array_buffer_detach(JSRuntime *rt, WFArrayBuffer *ab);
/* The buffer record of an ArrayBuffer or SharedArrayBuffer, else NULL. */
WFArrayBuffer *wf_array_buffer_get(JSValueConst obj);

/* ---- typedarray.c ---- */

/* A typed array of class cid over buffer (an ArrayBuffer or SAB object),
   with the intrinsic prototype; the caller checked the bounds.  track_rab:
   length is AUTO. */
JSValue wf_typed_array_new(JSContext *ctx, JSClassID cid, JSValueConst buffer,
                           size_t byte_offset, size_t length, bool track_rab);
/* Element fast paths for the interpreter's obj[idx]: p must be a typed
   array.  get: true and *pv (new reference) when idx is a valid integer
   index; false otherwise (absent: the caller returns undefined).  set:
   true when the store is done (v a Number for a Number array, or a BigInt
   for a BigInt array; an invalid index stores nothing and is still done);
   false when converting v could run JavaScript: the caller takes the
   generic [[Set]] path.  Neither runs JavaScript nor throws, except that
   get may throw (returns false with an exception pending only on OOM,
   which the caller sees through JS_HasException). */
bool wf_typed_array_get_fast(JSContext *ctx, JSObject *p, uint32_t idx, JSValue *pv);
bool wf_typed_array_set_fast(JSContext *ctx, JSObject *p, uint32_t idx, JSValueConst v);

/* ---- dataview.c ---- */

/* A DataView over buffer with the intrinsic prototype; bounds checked by
   the caller. */
JSValue wf_dataview_new(JSContext *ctx, JSValueConst buffer, size_t byte_offset,
                        size_t byte_length, bool track_rab);

#endif /* WF_ABUF_H */
