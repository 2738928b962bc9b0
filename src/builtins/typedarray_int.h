/*
 * typedarray_int.h - private header of the binary data family
 * (arraybuffer.c, typedarray.c, typedarray_proto.c, typedarray_b64.c,
 * dataview.c); nothing outside them includes it.
 *
 * It holds the element codec (ECMA-262 25.1.3.15 RawBytesToNumeric,
 * 25.1.3.18 NumericToRawBytes, the ToInt8 ... ToUint8Clamp conversions),
 * the typed array abstract operations the method files share
 * (ValidateTypedArray, TypedArrayGetElement/SetElement, the typed array
 * creation operations of 23.2.4) and the method tables each file adds.
 *
 * Raw elements travel as uint64_t holding the element's bytes in native
 * byte order in the low bits, so that copying, filling and sorting never
 * depend on the element type.
 */
#ifndef WF_TYPEDARRAY_INT_H
#define WF_TYPEDARRAY_INT_H

#include <math.h>
#include "builtins/builtins.h"
#include "engine/abuf.h"
#include "engine/bigint.h"

#ifndef countof
#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))
#endif

#define WF_TA_COUNT (JS_CLASS_FLOAT64_ARRAY - JS_CLASS_UINT8C_ARRAY + 1)
#define WF_MAX_SAFE_INT 9007199254740991.0   /* 2^53 - 1 */

/* Argument i of a built-in, undefined past argc. */
#define WF_TA_ARG(i) ((i) < argc ? argv[i] : JS_UNDEFINED)

extern const uint8_t wf_ta_size_log2_tab[WF_TA_COUNT];   /* JSTypedArrayEnum order */

static inline int wf_ta_size_log2(JSTypedArrayEnum t)
{
    return wf_ta_size_log2_tab[t];
}

/* ---- element codec ---- */

static inline uint64_t wf_ta_load(const uint8_t *ptr, int size_log2)
{
    switch (size_log2) {
    case 0:
        return *ptr;
    case 1: {
        uint16_t x;
        memcpy(&x, ptr, 2);
        return x;
    }
    case 2: {
        uint32_t x;
        memcpy(&x, ptr, 4);
        return x;
    }
    default: {
        uint64_t x;
        memcpy(&x, ptr, 8);
        return x;
    }
    }
}

static inline void wf_ta_store(uint8_t *ptr, int size_log2, uint64_t raw)
{
    switch (size_log2) {
    case 0:
        *ptr = (uint8_t)raw;
        break;
    case 1: {
        uint16_t x = (uint16_t)raw;
        memcpy(ptr, &x, 2);
        break;
    }
    case 2: {
        uint32_t x = (uint32_t)raw;
        memcpy(ptr, &x, 4);
        break;
    }
    default:
        memcpy(ptr, &raw, 8);
        break;
    }
}

/* ToUint8Clamp on a Number: round half to even, saturating. */
static inline uint8_t wf_to_uint8_clamp(double d)
{
    double f;
    if (!(d > 0))
        return 0;               /* NaN, -0, negatives */
    if (d >= 255)
        return 255;
    f = floor(d);
    if (d - f > 0.5 || (d - f == 0.5 && fmod(f, 2) != 0))
        f += 1;
    return (uint8_t)f;
}

/* NumericToRawBytes for a Number and a non-BigInt type. */
static inline uint64_t wf_ta_double_to_raw(JSTypedArrayEnum t, double d)
{
    switch (t) {
    case JS_TYPED_ARRAY_UINT8C:
        return wf_to_uint8_clamp(d);
    case JS_TYPED_ARRAY_FLOAT16:
        return wf_f16_from_double(d);
    case JS_TYPED_ARRAY_FLOAT32: {
        float f = (float)d;
        uint32_t u;
        memcpy(&u, &f, 4);
        return u;
    }
    case JS_TYPED_ARRAY_FLOAT64: {
        uint64_t u;
        memcpy(&u, &d, 8);
        return u;
    }
    default:
        /* ToInt8 ... ToUint32 are ToInt32 modulo the width: the store
           keeps the low bytes */
        return (uint32_t)wf_double_to_int32(d);
    }
}

static inline uint64_t wf_ta_int_to_raw(JSTypedArrayEnum t, int32_t i)
{
    switch (t) {
    case JS_TYPED_ARRAY_UINT8C:
        return i < 0 ? 0 : i > 255 ? 255 : (uint64_t)i;
    case JS_TYPED_ARRAY_FLOAT16:
    case JS_TYPED_ARRAY_FLOAT32:
    case JS_TYPED_ARRAY_FLOAT64:
        return wf_ta_double_to_raw(t, (double)i);
    default:
        return (uint32_t)i;
    }
}

/* RawBytesToNumeric: the value of a raw element (JS_EXCEPTION only when a
   BigInt cannot be allocated). */
static inline JSValue wf_ta_raw_to_value(JSContext *ctx, JSTypedArrayEnum t, uint64_t raw)
{
    switch (t) {
    case JS_TYPED_ARRAY_UINT8C:
    case JS_TYPED_ARRAY_UINT8:
        return JS_MKVAL(JS_TAG_INT, (uint8_t)raw);
    case JS_TYPED_ARRAY_INT8:
        return JS_MKVAL(JS_TAG_INT, (int8_t)raw);
    case JS_TYPED_ARRAY_INT16:
        return JS_MKVAL(JS_TAG_INT, (int16_t)raw);
    case JS_TYPED_ARRAY_UINT16:
        return JS_MKVAL(JS_TAG_INT, (uint16_t)raw);
    case JS_TYPED_ARRAY_INT32:
        return JS_MKVAL(JS_TAG_INT, (int32_t)raw);
    case JS_TYPED_ARRAY_UINT32:
        return JS_NewUint32(ctx, (uint32_t)raw);
    case JS_TYPED_ARRAY_BIG_INT64:
        return JS_NewBigInt64(ctx, (int64_t)raw);
    case JS_TYPED_ARRAY_BIG_UINT64:
        return JS_NewBigUint64(ctx, raw);
    case JS_TYPED_ARRAY_FLOAT16:
        return wf_number(wf_f16_to_double((uint16_t)raw));
    case JS_TYPED_ARRAY_FLOAT32: {
        float f;
        uint32_t u = (uint32_t)raw;
        memcpy(&f, &u, 4);
        return wf_number(f);
    }
    default: {
        double d;
        memcpy(&d, &raw, 8);
        return wf_number(d);
    }
    }
}

/* The element's value as a double (non-BigInt types). */
static inline double wf_ta_raw_to_double(JSTypedArrayEnum t, uint64_t raw)
{
    switch (t) {
    case JS_TYPED_ARRAY_UINT8C:
    case JS_TYPED_ARRAY_UINT8:
        return (uint8_t)raw;
    case JS_TYPED_ARRAY_INT8:
        return (int8_t)raw;
    case JS_TYPED_ARRAY_INT16:
        return (int16_t)raw;
    case JS_TYPED_ARRAY_UINT16:
        return (uint16_t)raw;
    case JS_TYPED_ARRAY_INT32:
        return (int32_t)raw;
    case JS_TYPED_ARRAY_UINT32:
        return (uint32_t)raw;
    case JS_TYPED_ARRAY_FLOAT16:
        return wf_f16_to_double((uint16_t)raw);
    case JS_TYPED_ARRAY_FLOAT32: {
        float f;
        uint32_t u = (uint32_t)raw;
        memcpy(&f, &u, 4);
        return f;
    }
    case JS_TYPED_ARRAY_FLOAT64: {
        double d;
        memcpy(&d, &raw, 8);
        return d;
    }
    default:
        return 0;
    }
}

/* ToNumber or ToBigInt (by element type) then NumericToRawBytes: -1 on
   exception.  May run JavaScript. */
int wf_ta_value_to_raw(JSContext *ctx, JSTypedArrayEnum t, JSValueConst v, uint64_t *praw);

/* ---- typed array objects ---- */

static inline bool wf_is_typed_array(JSValueConst v)
{
    return JS_IsObject(v) && wf_is_typed_array_class(wf_obj(v)->class_id);
}

/* RequireInternalSlot(v, [[TypedArrayName]]): the object, or NULL with a
   TypeError naming `what`. */
JSObject *wf_ta_this(JSContext *ctx, JSValueConst v, const char *what);
/* ValidateTypedArray(v, seq-cst): TypeError when v is not a typed array or
   is out of bounds; *plen = TypedArrayLength. */
JSObject *wf_ta_validate(JSContext *ctx, JSValueConst v, size_t *plen, const char *what);
/* IsValidIntegerIndex(O, index). */
bool wf_ta_valid_index(JSObject *p, double index);
/* TypedArrayGetElement(O, idx): undefined when idx is not a valid index. */
JSValue wf_ta_get(JSContext *ctx, JSObject *p, uint64_t idx);
/* TypedArraySetElement(O, index, v): convert, then store if index is still
   valid.  -1 on exception. */
int wf_ta_set(JSContext *ctx, JSObject *p, double index, JSValueConst v);
/* Store an already converted raw element if idx is a valid index. */
void wf_ta_set_raw(JSObject *p, uint64_t idx, uint64_t raw);

/* TypedArrayCreateFromConstructor(ctor, args) (23.2.4.2). */
JSValue wf_ta_create_from_ctor(JSContext *ctx, JSValueConst ctor, int argc, JSValueConst *argv);
/* TypedArraySpeciesCreate(exemplar, args) (23.2.4.1). */
JSValue wf_ta_species_create(JSContext *ctx, JSObject *exemplar, int argc, JSValueConst *argv);
/* TypedArrayCreateSameType(exemplar, «len») (23.2.4.3). */
JSValue wf_ta_create_same_type(JSContext *ctx, JSObject *exemplar, uint64_t len);
/* A new typed array of type t and len elements over a fresh ArrayBuffer,
   with the realm's intrinsic prototype (AllocateTypedArray). */
JSValue wf_ta_alloc(JSContext *ctx, JSTypedArrayEnum t, uint64_t len);

/* Method tables: typedarray_proto.c fills %TypedArray%.prototype;
   typedarray_b64.c adds Uint8Array's base64/hex functions. */
extern const JSCFunctionListEntry wf_ta_proto_funcs[];
extern const int wf_ta_proto_funcs_count;
extern const JSCFunctionListEntry wf_u8_b64_funcs[];        /* on Uint8Array */
extern const int wf_u8_b64_funcs_count;
extern const JSCFunctionListEntry wf_u8_b64_proto_funcs[];  /* on Uint8Array.prototype */
extern const int wf_u8_b64_proto_funcs_count;

/* typedarray.c: DataView objects share the view record and its hooks. */
void wf_view_class_init(JSRuntime *rt, JSClassID cid);
/* A view object (typed array or DataView) of class cid with prototype
   proto over buffer; bounds checked by the caller. */
JSValue wf_view_create(JSContext *ctx, JSValueConst proto, JSClassID cid, JSValueConst buffer,
                       size_t byte_offset, size_t length, bool track_rab);

/* arraybuffer.c: CloneArrayBuffer(src, offset, len) into a new
   %ArrayBuffer% (fixed length). */
JSValue wf_array_buffer_clone(JSContext *ctx, JSObject *src, size_t offset, size_t len);

#endif /* WF_TYPEDARRAY_INT_H */
