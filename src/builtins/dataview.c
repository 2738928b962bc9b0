/*
 * dataview.c - DataView (ECMA-262 25.3): the constructor (fixed or
 * length-tracking over a resizable buffer), the buffer / byteLength /
 * byteOffset accessors and the get/set methods for every element type in
 * either byte order.
 *
 * A DataView shares the view record of typed arrays (engine/abuf.h) with
 * size_log2 = 0 and `length` = [[ByteLength]]; its bounds are recomputed
 * from the buffer at every access (IsViewOutOfBounds, GetViewByteLength).
 */
#include "builtins/typedarray_int.h"

static bool host_is_little_endian(void)
{
    const uint16_t one = 1;
    uint8_t b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static uint64_t bswap_raw(uint64_t x, int size)
{
    switch (size) {
    case 2:
        return __builtin_bswap16((uint16_t)x);
    case 4:
        return __builtin_bswap32((uint32_t)x);
    case 8:
        return __builtin_bswap64(x);
    default:
        return x;
    }
}

/* 25.3.2.1 DataView(buffer [, byteOffset [, byteLength]]) */
static JSValue js_dataview_constructor(JSContext *ctx, JSValueConst new_target,
                                       int argc, JSValueConst *argv)
{
    JSValueConst buffer = WF_TA_ARG(0), length = WF_TA_ARG(2);
    WFArrayBuffer *ab = wf_array_buffer_get(buffer);
    uint64_t offset, view_len = 0, buf_len;
    bool track = false;
    JSValue proto, obj;

    if (!ab)
        return JS_ThrowTypeError(ctx, "DataView: the first argument must be an ArrayBuffer or SharedArrayBuffer");
    if (wf_to_index(ctx, &offset, WF_TA_ARG(1)))
        return JS_EXCEPTION;
    if (ab->detached)
        return JS_ThrowTypeError(ctx, "DataView: the buffer is detached");
    buf_len = wf_abuf_byte_length(ab);
    if (offset > buf_len)
        return JS_ThrowRangeError(ctx, "DataView: start offset %llu is outside the buffer",
                                  (unsigned long long)offset);
    if (JS_IsUndefined(length)) {
        if (ab->resizable)
            track = true;
        else
            view_len = buf_len - offset;
    } else {
        if (wf_to_index(ctx, &view_len, length))
            return JS_EXCEPTION;
        if (offset + view_len > buf_len)
            return JS_ThrowRangeError(ctx, "DataView: invalid length %llu for the buffer",
                                      (unsigned long long)view_len);
    }
    proto = wf_get_prototype_from_ctor(ctx, new_target, JS_CLASS_DATAVIEW);
    if (JS_IsException(proto))
        return proto;
    /* getting the prototype may have run code that detached or shrank the buffer */
    if (ab->detached) {
        JS_FreeValue(ctx, proto);
        return JS_ThrowTypeError(ctx, "DataView: the buffer is detached");
    }
    buf_len = wf_abuf_byte_length(ab);
    if (offset > buf_len || (!JS_IsUndefined(length) && offset + view_len > buf_len)) {
        JS_FreeValue(ctx, proto);
        return JS_ThrowRangeError(ctx, "DataView: the view does not fit in the buffer");
    }
    obj = wf_view_create(ctx, proto, JS_CLASS_DATAVIEW, buffer, (size_t)offset, (size_t)view_len, track);
    JS_FreeValue(ctx, proto);
    return obj;
}

static JSObject *dataview_this(JSContext *ctx, JSValueConst this_val, const char *what)
{
    return wf_this_class(ctx, this_val, JS_CLASS_DATAVIEW, what);
}

enum { DV_BUFFER, DV_BYTE_LENGTH, DV_BYTE_OFFSET };

static JSValue js_dataview_get(JSContext *ctx, JSValueConst this_val, int magic)
{
    static const char *const names[] = {
        "DataView.prototype.buffer", "DataView.prototype.byteLength", "DataView.prototype.byteOffset",
    };
    JSObject *p = dataview_this(ctx, this_val, names[magic]);
    WFArrayBufferView *v;
    size_t bl;
    if (!p)
        return JS_EXCEPTION;
    v = wf_view(p);
    if (magic == DV_BUFFER)
        return wf_obj_value(v->buffer);
    if (wf_view_out_of_bounds(v, &bl))
        return JS_ThrowTypeError(ctx, "%s: the view is detached or out of bounds", names[magic]);
    return JS_NewInt64(ctx, (int64_t)(magic == DV_BYTE_LENGTH ? bl : v->byte_offset));
}

/* magic = the JSTypedArrayEnum of the element type; Uint8Clamped is not
   used.  25.3.1.5 GetViewValue. */
static JSValue js_dataview_getValue(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv, int magic)
{
    JSTypedArrayEnum t = (JSTypedArrayEnum)magic;
    int s = wf_ta_size_log2(t);
    JSObject *p = dataview_this(ctx, this_val, "DataView.prototype.get");
    WFArrayBufferView *v;
    uint64_t idx, raw;
    size_t bl;
    bool little;

    if (!p)
        return JS_EXCEPTION;
    if (wf_to_index(ctx, &idx, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    little = wf_to_boolean(WF_TA_ARG(1));
    v = wf_view(p);
    if (wf_view_out_of_bounds(v, &bl))
        return JS_ThrowTypeError(ctx, "DataView: the view is detached or out of bounds");
    if (idx + ((uint64_t)1 << s) > bl)
        return JS_ThrowRangeError(ctx, "DataView: offset %llu is out of bounds", (unsigned long long)idx);
    raw = wf_ta_load(wf_view_data(v) + idx, s);
    if (little != host_is_little_endian())
        raw = bswap_raw(raw, 1 << s);
    return wf_ta_raw_to_value(ctx, t, raw);
}

/* 25.3.1.6 SetViewValue */
static JSValue js_dataview_setValue(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv, int magic)
{
    JSTypedArrayEnum t = (JSTypedArrayEnum)magic;
    int s = wf_ta_size_log2(t);
    JSObject *p = dataview_this(ctx, this_val, "DataView.prototype.set");
    WFArrayBufferView *v;
    uint64_t idx, raw;
    size_t bl;
    bool little;

    if (!p)
        return JS_EXCEPTION;
    if (wf_to_index(ctx, &idx, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    if (wf_ta_value_to_raw(ctx, t, WF_TA_ARG(1), &raw))
        return JS_EXCEPTION;
    little = wf_to_boolean(WF_TA_ARG(2));
    v = wf_view(p);
    if (wf_view_out_of_bounds(v, &bl))
        return JS_ThrowTypeError(ctx, "DataView: the view is detached or out of bounds");
    if (idx + ((uint64_t)1 << s) > bl)
        return JS_ThrowRangeError(ctx, "DataView: offset %llu is out of bounds", (unsigned long long)idx);
    if (little != host_is_little_endian())
        raw = bswap_raw(raw, 1 << s);
    wf_ta_store(wf_view_data(v) + idx, s, raw);
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry js_dataview_proto_funcs[] = {
    JS_CGETSET_MAGIC_DEF("buffer", js_dataview_get, NULL, DV_BUFFER),
    JS_CGETSET_MAGIC_DEF("byteLength", js_dataview_get, NULL, DV_BYTE_LENGTH),
    JS_CGETSET_MAGIC_DEF("byteOffset", js_dataview_get, NULL, DV_BYTE_OFFSET),
    JS_CFUNC_MAGIC_DEF("getInt8", 1, js_dataview_getValue, JS_TYPED_ARRAY_INT8),
    JS_CFUNC_MAGIC_DEF("getUint8", 1, js_dataview_getValue, JS_TYPED_ARRAY_UINT8),
    JS_CFUNC_MAGIC_DEF("getInt16", 1, js_dataview_getValue, JS_TYPED_ARRAY_INT16),
    JS_CFUNC_MAGIC_DEF("getUint16", 1, js_dataview_getValue, JS_TYPED_ARRAY_UINT16),
    JS_CFUNC_MAGIC_DEF("getInt32", 1, js_dataview_getValue, JS_TYPED_ARRAY_INT32),
    JS_CFUNC_MAGIC_DEF("getUint32", 1, js_dataview_getValue, JS_TYPED_ARRAY_UINT32),
    JS_CFUNC_MAGIC_DEF("getFloat16", 1, js_dataview_getValue, JS_TYPED_ARRAY_FLOAT16),
    JS_CFUNC_MAGIC_DEF("getFloat32", 1, js_dataview_getValue, JS_TYPED_ARRAY_FLOAT32),
    JS_CFUNC_MAGIC_DEF("getFloat64", 1, js_dataview_getValue, JS_TYPED_ARRAY_FLOAT64),
    JS_CFUNC_MAGIC_DEF("getBigInt64", 1, js_dataview_getValue, JS_TYPED_ARRAY_BIG_INT64),
    JS_CFUNC_MAGIC_DEF("getBigUint64", 1, js_dataview_getValue, JS_TYPED_ARRAY_BIG_UINT64),
    JS_CFUNC_MAGIC_DEF("setInt8", 2, js_dataview_setValue, JS_TYPED_ARRAY_INT8),
    JS_CFUNC_MAGIC_DEF("setUint8", 2, js_dataview_setValue, JS_TYPED_ARRAY_UINT8),
    JS_CFUNC_MAGIC_DEF("setInt16", 2, js_dataview_setValue, JS_TYPED_ARRAY_INT16),
    JS_CFUNC_MAGIC_DEF("setUint16", 2, js_dataview_setValue, JS_TYPED_ARRAY_UINT16),
    JS_CFUNC_MAGIC_DEF("setInt32", 2, js_dataview_setValue, JS_TYPED_ARRAY_INT32),
    JS_CFUNC_MAGIC_DEF("setUint32", 2, js_dataview_setValue, JS_TYPED_ARRAY_UINT32),
    JS_CFUNC_MAGIC_DEF("setFloat16", 2, js_dataview_setValue, JS_TYPED_ARRAY_FLOAT16),
    JS_CFUNC_MAGIC_DEF("setFloat32", 2, js_dataview_setValue, JS_TYPED_ARRAY_FLOAT32),
    JS_CFUNC_MAGIC_DEF("setFloat64", 2, js_dataview_setValue, JS_TYPED_ARRAY_FLOAT64),
    JS_CFUNC_MAGIC_DEF("setBigInt64", 2, js_dataview_setValue, JS_TYPED_ARRAY_BIG_INT64),
    JS_CFUNC_MAGIC_DEF("setBigUint64", 2, js_dataview_setValue, JS_TYPED_ARRAY_BIG_UINT64),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "DataView", JS_PROP_CONFIGURABLE),
};

int wf_init_dataview(JSContext *ctx)
{
    JSValue proto, ctor;

    wf_view_class_init(ctx->rt, JS_CLASS_DATAVIEW);
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_DATAVIEW]);
    ctx->class_proto[JS_CLASS_DATAVIEW] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_dataview_proto_funcs,
                                   countof(js_dataview_proto_funcs)) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, js_dataview_constructor, "DataView", 1,
                          JS_CFUNC_constructor, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctor);
    return 0;
}
