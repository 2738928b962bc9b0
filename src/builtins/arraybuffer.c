/*
 * arraybuffer.c - ArrayBuffer (ECMA-262 25.1: the constructor,
 * ArrayBuffer.isView, the prototype with resize / transfer / slice) and the
 * QuickJS C API for buffers (JS_NewArrayBuffer, JS_DetachArrayBuffer, ...).
 *
 * The buffer record (WFArrayBuffer) and the view record are described in
 * engine/abuf.h.  A resizable buffer is reallocated by resize(); its views
 * recompute their bounds at every access, so nothing here knows the views.
 * transfer() moves the bytes of a runtime-owned buffer to the new object
 * (realloc when the length changes) instead of copying them.
 *
 * SharedArrayBuffer (25.2: the constructor, the prototype with grow and
 * slice) is at the end.  Its objects use the same record (shared = true)
 * over a backing store of engine/sab.c, which lives outside the runtime.
 */
#include "builtins/typedarray_int.h"
#include "engine/sab.h"

/* ------------------------------------------------------------------ */
/* Records */

static void abuf_free_data(JSRuntime *rt, WFArrayBuffer *ab)
{
    if (ab->free_func)
        ab->free_func(rt, ab->opaque, ab->data);
    else if (ab->owned)
        js_free_rt(rt, ab->data);
    ab->data = NULL;
    ab->free_func = NULL;
    ab->opaque = NULL;
    ab->owned = false;
}

static void array_buffer_finalizer(JSRuntime *rt, JSValueConst val)
{
    JSObject *p = wf_obj(val);
    WFArrayBuffer *ab = p->u.ptr;
    if (ab) {
        abuf_free_data(rt, ab);
        js_free_rt(rt, ab);
        p->u.ptr = NULL;
    }
}

void wf_array_buffer_detach(JSRuntime *rt, WFArrayBuffer *ab)
{
    if (ab->detached || ab->shared)
        return;
    abuf_free_data(rt, ab);
    ab->byte_length = 0;
    ab->detached = true;
}

WFArrayBuffer *wf_array_buffer_get(JSValueConst obj)
{
    if (!JS_IsObject(obj) || !wf_is_array_buffer_class(wf_obj(obj)->class_id))
        return NULL;
    return wf_abuf(wf_obj(obj));
}

/* A zero-filled block of len bytes (one byte at least, so that a live
   buffer's data is never NULL), or NULL with a RangeError: CreateByteDataBlock
   reports an impossible size as a RangeError, not as out-of-memory. */
static uint8_t *abuf_alloc_block(JSContext *ctx, uint64_t len)
{
    uint8_t *d;
    if (len > WF_ABUF_MAX_BYTE_LENGTH) {
        JS_ThrowRangeError(ctx, "array buffer length %llu is too large", (unsigned long long)len);
        return NULL;
    }
    d = js_malloc_rt(ctx->rt, len ? (size_t)len : 1);
    if (!d) {
        JS_ThrowRangeError(ctx, "cannot allocate an array buffer of %llu bytes",
                           (unsigned long long)len);
        return NULL;
    }
    memset(d, 0, len ? (size_t)len : 1);
    return d;
}

/* Object of class_id with prototype proto around a new record (fields
   zero); the caller fills the record.  JS_EXCEPTION on OOM. */
static JSValue abuf_new_object(JSContext *ctx, JSValueConst proto, JSClassID class_id,
                               WFArrayBuffer **pab)
{
    JSValue obj = wf_obj_new(ctx, proto, class_id);
    WFArrayBuffer *ab;
    if (JS_IsException(obj))
        return obj;
    ab = js_mallocz(ctx, sizeof(*ab));
    if (!ab) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    wf_obj(obj)->u.ptr = ab;
    *pab = ab;
    return obj;
}

JSValue wf_array_buffer_alloc(JSContext *ctx, JSValueConst new_target, uint64_t len,
                              bool resizable, uint64_t max_len)
{
    JSValue proto, obj;
    WFArrayBuffer *ab;
    uint8_t *data;

    if (resizable && len > max_len)
        return JS_ThrowRangeError(ctx, "byteLength %llu exceeds maxByteLength %llu",
                                  (unsigned long long)len, (unsigned long long)max_len);
    proto = wf_get_prototype_from_ctor(ctx, new_target, JS_CLASS_ARRAY_BUFFER);
    if (JS_IsException(proto))
        return proto;
    data = abuf_alloc_block(ctx, len);
    if (!data) {
        JS_FreeValue(ctx, proto);
        return JS_EXCEPTION;
    }
    if (resizable && max_len > WF_ABUF_MAX_BYTE_LENGTH) {
        js_free_rt(ctx->rt, data);
        JS_FreeValue(ctx, proto);
        return JS_ThrowRangeError(ctx, "maxByteLength %llu is too large",
                                  (unsigned long long)max_len);
    }
    obj = abuf_new_object(ctx, proto, JS_CLASS_ARRAY_BUFFER, &ab);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj)) {
        js_free_rt(ctx->rt, data);
        return obj;
    }
    ab->data = data;
    ab->owned = true;
    ab->byte_length = (size_t)len;
    ab->resizable = resizable;
    ab->max_byte_length = resizable ? (size_t)max_len : (size_t)len;
    return obj;
}

JSValue wf_array_buffer_new_external(JSContext *ctx, JSClassID class_id, uint8_t *data,
                                     size_t len, bool resizable, size_t max_len,
                                     JSFreeArrayBufferDataFunc *free_func, void *opaque,
                                     _Atomic(size_t) *shared_length)
{
    WFArrayBuffer *ab;
    JSValue obj = abuf_new_object(ctx, ctx->class_proto[class_id], class_id, &ab);
    if (JS_IsException(obj))
        return obj;
    ab->data = data;
    ab->byte_length = len;
    ab->resizable = resizable;
    ab->max_byte_length = resizable ? max_len : len;
    ab->shared = class_id == JS_CLASS_SHARED_ARRAY_BUFFER;
    ab->free_func = free_func;
    ab->opaque = opaque;
    ab->shared_length = shared_length;
    return obj;
}

JSValue wf_array_buffer_clone(JSContext *ctx, JSObject *src, size_t offset, size_t len)
{
    JSValue obj = wf_array_buffer_alloc(ctx, JS_UNDEFINED, len, false, 0);
    WFArrayBuffer *sab = wf_abuf(src);
    if (JS_IsException(obj))
        return obj;
    if (len)
        memcpy(wf_abuf(wf_obj(obj))->data, sab->data + offset, len);
    return obj;
}

/* ------------------------------------------------------------------ */
/* Constructor */

/* 25.1.4.1 ArrayBuffer(length [, options]) */
static JSValue js_array_buffer_constructor(JSContext *ctx, JSValueConst new_target,
                                           int argc, JSValueConst *argv)
{
    uint64_t len, max_len = 0;
    bool resizable = false;
    JSValueConst options = WF_TA_ARG(1);

    if (wf_to_index(ctx, &len, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    /* GetArrayBufferMaxByteLengthOption */
    if (JS_IsObject(options)) {
        JSValue v = wf_obj_get(ctx, options, JS_ATOM_maxByteLength, options);
        if (JS_IsException(v))
            return v;
        if (!JS_IsUndefined(v)) {
            int r = wf_to_index(ctx, &max_len, v);
            JS_FreeValue(ctx, v);
            if (r)
                return JS_EXCEPTION;
            resizable = true;
        }
    }
    return wf_array_buffer_alloc(ctx, new_target, len, resizable, max_len);
}

/* 25.1.5.1 ArrayBuffer.isView(arg) */
static JSValue js_array_buffer_isView(JSContext *ctx, JSValueConst this_val,
                                      int argc, JSValueConst *argv)
{
    JSValueConst v = WF_TA_ARG(0);
    JSClassID id;
    (void)ctx;
    (void)this_val;
    if (!JS_IsObject(v))
        return JS_FALSE;
    id = wf_obj(v)->class_id;
    return JS_NewBool(ctx, wf_is_typed_array_class(id) || id == JS_CLASS_DATAVIEW);
}

static JSValue js_array_buffer_get_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

/* ------------------------------------------------------------------ */
/* Prototype */

/* RequireInternalSlot(this, [[ArrayBufferData]]) and IsSharedArrayBuffer
   false: the record, or NULL with a TypeError. */
static WFArrayBuffer *abuf_this(JSContext *ctx, JSValueConst this_val, const char *what)
{
    if (JS_IsObject(this_val) && wf_obj(this_val)->class_id == JS_CLASS_ARRAY_BUFFER) {
        WFArrayBuffer *ab = wf_abuf(wf_obj(this_val));
        if (ab && !ab->shared)
            return ab;
    }
    JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.%s called on a value that is not an ArrayBuffer", what);
    return NULL;
}

enum { AB_GET_BYTE_LENGTH, AB_GET_MAX_BYTE_LENGTH, AB_GET_RESIZABLE, AB_GET_DETACHED };

static JSValue js_array_buffer_get(JSContext *ctx, JSValueConst this_val, int magic)
{
    static const char *const names[] = { "byteLength", "maxByteLength", "resizable", "detached" };
    WFArrayBuffer *ab = abuf_this(ctx, this_val, names[magic]);
    if (!ab)
        return JS_EXCEPTION;
    switch (magic) {
    case AB_GET_BYTE_LENGTH:
        return JS_NewInt64(ctx, ab->detached ? 0 : (int64_t)ab->byte_length);
    case AB_GET_MAX_BYTE_LENGTH:
        if (ab->detached)
            return JS_MKVAL(JS_TAG_INT, 0);
        return JS_NewInt64(ctx, (int64_t)(ab->resizable ? ab->max_byte_length : ab->byte_length));
    case AB_GET_RESIZABLE:
        return JS_NewBool(ctx, ab->resizable);
    default:
        return JS_NewBool(ctx, ab->detached);
    }
}

/* 25.1.6.6 ArrayBuffer.prototype.resize(newLength) */
static JSValue js_array_buffer_resize(JSContext *ctx, JSValueConst this_val,
                                      int argc, JSValueConst *argv)
{
    WFArrayBuffer *ab = abuf_this(ctx, this_val, "resize");
    uint64_t new_len;
    if (!ab)
        return JS_EXCEPTION;
    if (!ab->resizable)
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.resize: the buffer is not resizable");
    if (wf_to_index(ctx, &new_len, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    if (ab->detached)
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.resize: the buffer is detached");
    if (new_len > ab->max_byte_length)
        return JS_ThrowRangeError(ctx, "ArrayBuffer.prototype.resize: %llu exceeds maxByteLength %llu",
                                  (unsigned long long)new_len,
                                  (unsigned long long)ab->max_byte_length);
    if (ab->owned && !ab->free_func) {
        uint8_t *d = js_realloc_rt(ctx->rt, ab->data, new_len ? (size_t)new_len : 1);
        if (!d)
            return JS_ThrowRangeError(ctx, "ArrayBuffer.prototype.resize: cannot allocate %llu bytes",
                                      (unsigned long long)new_len);
        ab->data = d;
    }
    /* external resizable blocks are max_byte_length long already */
    if (new_len > ab->byte_length)
        memset(ab->data + ab->byte_length, 0, (size_t)new_len - ab->byte_length);
    ab->byte_length = (size_t)new_len;
    return JS_UNDEFINED;
}

/* 25.1.6.7 ArrayBuffer.prototype.slice(start, end) */
static JSValue js_array_buffer_slice(JSContext *ctx, JSValueConst this_val,
                                     int argc, JSValueConst *argv)
{
    WFArrayBuffer *ab = abuf_this(ctx, this_val, "slice"), *nab;
    int64_t len, first, final, new_len;
    JSValue ctor, nb, arg;
    JSObject *np;

    if (!ab)
        return JS_EXCEPTION;
    if (ab->detached)
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.slice: the buffer is detached");
    len = (int64_t)ab->byte_length;
    if (wf_to_relative_index(ctx, &first, WF_TA_ARG(0), len, 0) ||
        wf_to_relative_index(ctx, &final, WF_TA_ARG(1), len, len))
        return JS_EXCEPTION;
    new_len = final > first ? final - first : 0;
    ctor = wf_species_constructor(ctx, this_val, ctx->array_buffer_ctor);
    if (JS_IsException(ctor))
        return ctor;
    arg = JS_NewInt64(ctx, new_len);
    nb = wf_construct(ctx, ctor, ctor, 1, &arg);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(nb))
        return nb;
    if (!JS_IsObject(nb) || wf_obj(nb)->class_id != JS_CLASS_ARRAY_BUFFER ||
        wf_abuf(wf_obj(nb))->shared) {
        JS_FreeValue(ctx, nb);
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.slice: the species constructor did not return an ArrayBuffer");
    }
    np = wf_obj(nb);
    nab = wf_abuf(np);
    if (nab->detached) {
        JS_FreeValue(ctx, nb);
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.slice: the new buffer is detached");
    }
    if (np == wf_obj(this_val)) {
        JS_FreeValue(ctx, nb);
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.slice: the species constructor returned the same buffer");
    }
    if ((int64_t)nab->byte_length < new_len) {
        JS_FreeValue(ctx, nb);
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.slice: the new buffer is too small");
    }
    /* the species constructor may have detached or resized this buffer */
    if (ab->detached) {
        JS_FreeValue(ctx, nb);
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.slice: the buffer is detached");
    }
    if (first < (int64_t)ab->byte_length) {
        int64_t count = (int64_t)ab->byte_length - first;
        if (count > new_len)
            count = new_len;
        memmove(nab->data, ab->data + first, (size_t)count);
    }
    return nb;
}

/* 25.1.6.8 transfer / 25.1.6.9 transferToFixedLength: ArrayBufferCopyAndDetach
   (25.1.3.3).  magic 1 = to fixed length. */
static JSValue js_array_buffer_transfer(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv, int magic)
{
    WFArrayBuffer *ab = abuf_this(ctx, this_val, magic ? "transferToFixedLength" : "transfer"), *nab;
    uint64_t new_len;
    bool resizable;
    size_t max_len;
    JSValue nb;

    if (!ab)
        return JS_EXCEPTION;
    if (JS_IsUndefined(WF_TA_ARG(0))) {
        new_len = ab->byte_length;
    } else if (wf_to_index(ctx, &new_len, argv[0])) {
        return JS_EXCEPTION;
    }
    if (ab->detached)
        return JS_ThrowTypeError(ctx, "ArrayBuffer.prototype.%s: the buffer is detached",
                                 magic ? "transferToFixedLength" : "transfer");
    resizable = !magic && ab->resizable;
    max_len = resizable ? ab->max_byte_length : 0;
    if (resizable && new_len > max_len)
        return JS_ThrowRangeError(ctx, "ArrayBuffer.prototype.transfer: %llu exceeds maxByteLength %llu",
                                  (unsigned long long)new_len, (unsigned long long)max_len);
    if (new_len > WF_ABUF_MAX_BYTE_LENGTH)
        return JS_ThrowRangeError(ctx, "array buffer length %llu is too large",
                                  (unsigned long long)new_len);

    if (ab->owned && !ab->free_func) {
        /* move the block to the new buffer */
        uint8_t *d = ab->data;
        if (new_len != ab->byte_length) {
            d = js_realloc_rt(ctx->rt, d, new_len ? (size_t)new_len : 1);
            if (!d)
                return JS_ThrowRangeError(ctx, "cannot allocate an array buffer of %llu bytes",
                                          (unsigned long long)new_len);
            ab->data = d;
            if (new_len > ab->byte_length)
                memset(d + ab->byte_length, 0, (size_t)new_len - ab->byte_length);
        }
        nb = abuf_new_object(ctx, ctx->class_proto[JS_CLASS_ARRAY_BUFFER], JS_CLASS_ARRAY_BUFFER, &nab);
        if (JS_IsException(nb)) {
            /* keep this buffer consistent with its (possibly moved) block */
            if (new_len < ab->byte_length)
                ab->byte_length = (size_t)new_len;
            return nb;
        }
        nab->data = d;
        nab->owned = true;
        ab->data = NULL;
        ab->owned = false;
    } else {
        size_t copy = ab->byte_length < new_len ? ab->byte_length : (size_t)new_len;
        nb = wf_array_buffer_alloc(ctx, JS_UNDEFINED, new_len, false, 0);
        if (JS_IsException(nb))
            return nb;
        nab = wf_abuf(wf_obj(nb));
        memcpy(nab->data, ab->data, copy);
    }
    nab->byte_length = (size_t)new_len;
    nab->resizable = resizable;
    nab->max_byte_length = resizable ? max_len : (size_t)new_len;
    wf_array_buffer_detach(ctx->rt, ab);
    return nb;
}

/* ------------------------------------------------------------------ */
/* C API */

JSValue JS_NewArrayBuffer(JSContext *ctx, uint8_t *buf, size_t len,
                          JSFreeArrayBufferDataFunc *free_func, void *opaque,
                          bool is_shared)
{
    return wf_array_buffer_new_external(ctx, is_shared ? JS_CLASS_SHARED_ARRAY_BUFFER : JS_CLASS_ARRAY_BUFFER,
                                        buf, len, false, len, free_func, opaque, NULL);
}

JSValue JS_NewArrayBufferCopy(JSContext *ctx, const uint8_t *buf, size_t len)
{
    JSValue obj = wf_array_buffer_alloc(ctx, JS_UNDEFINED, len, false, 0);
    if (!JS_IsException(obj) && len)
        memcpy(wf_abuf(wf_obj(obj))->data, buf, len);
    return obj;
}

void JS_DetachArrayBuffer(JSContext *ctx, JSValueConst obj)
{
    if (!JS_IsObject(obj) || wf_obj(obj)->class_id != JS_CLASS_ARRAY_BUFFER ||
        wf_abuf(wf_obj(obj))->shared) {
        JS_ThrowTypeError(ctx, "JS_DetachArrayBuffer: not an ArrayBuffer");
        return;
    }
    wf_array_buffer_detach(ctx->rt, wf_abuf(wf_obj(obj)));
}

uint8_t *JS_GetArrayBuffer(JSContext *ctx, size_t *psize, JSValueConst obj)
{
    WFArrayBuffer *ab = wf_array_buffer_get(obj);
    *psize = 0;
    if (!ab) {
        JS_ThrowTypeError(ctx, "not an ArrayBuffer");
        return NULL;
    }
    if (ab->detached) {
        JS_ThrowTypeError(ctx, "the ArrayBuffer is detached");
        return NULL;
    }
    *psize = wf_abuf_byte_length(ab);
    return ab->data;
}

bool JS_IsArrayBuffer(JSValueConst obj)
{
    return JS_IsObject(obj) && wf_obj(obj)->class_id == JS_CLASS_ARRAY_BUFFER;
}

/* ------------------------------------------------------------------ */
/* SharedArrayBuffer */

/* GetArrayBufferMaxByteLengthOption(options): 0 and *pset false when
   absent; -1 on exception. */
static int get_max_byte_length_option(JSContext *ctx, JSValueConst options, uint64_t *pmax,
                                      bool *pset)
{
    JSValue v;
    int r;
    *pset = false;
    *pmax = 0;
    if (!JS_IsObject(options))
        return 0;
    v = wf_obj_get(ctx, options, JS_ATOM_maxByteLength, options);
    if (JS_IsException(v))
        return -1;
    if (JS_IsUndefined(v))
        return 0;
    r = wf_to_index(ctx, pmax, v);
    JS_FreeValue(ctx, v);
    if (r)
        return -1;
    *pset = true;
    return 0;
}

/* 25.2.3.1 SharedArrayBuffer(length [, options]) */
static JSValue js_shared_array_buffer_constructor(JSContext *ctx, JSValueConst new_target,
                                                  int argc, JSValueConst *argv)
{
    uint64_t len, max_len;
    bool growable;
    JSValue proto, obj;

    if (wf_to_index(ctx, &len, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    if (get_max_byte_length_option(ctx, WF_TA_ARG(1), &max_len, &growable))
        return JS_EXCEPTION;
    /* AllocateSharedArrayBuffer */
    if (growable && len > max_len)
        return JS_ThrowRangeError(ctx, "byteLength %llu exceeds maxByteLength %llu",
                                  (unsigned long long)len, (unsigned long long)max_len);
    proto = wf_get_prototype_from_ctor(ctx, new_target, JS_CLASS_SHARED_ARRAY_BUFFER);
    if (JS_IsException(proto))
        return proto;
    obj = wf_sab_new_object(ctx, proto, len, growable, max_len);
    JS_FreeValue(ctx, proto);
    return obj;
}

/* RequireInternalSlot(this, [[ArrayBufferData]]) and IsSharedArrayBuffer
   true: the record, or NULL with a TypeError. */
static WFArrayBuffer *sab_this(JSContext *ctx, JSValueConst this_val, const char *what)
{
    if (JS_IsObject(this_val) && wf_obj(this_val)->class_id == JS_CLASS_SHARED_ARRAY_BUFFER) {
        WFArrayBuffer *ab = wf_abuf(wf_obj(this_val));
        if (ab && ab->shared)
            return ab;
    }
    JS_ThrowTypeError(ctx, "SharedArrayBuffer.prototype.%s called on a value that is not a SharedArrayBuffer",
                      what);
    return NULL;
}

enum { SAB_GET_BYTE_LENGTH, SAB_GET_MAX_BYTE_LENGTH, SAB_GET_GROWABLE };

static JSValue js_shared_array_buffer_get(JSContext *ctx, JSValueConst this_val, int magic)
{
    static const char *const names[] = { "byteLength", "maxByteLength", "growable" };
    WFArrayBuffer *ab = sab_this(ctx, this_val, names[magic]);
    if (!ab)
        return JS_EXCEPTION;
    switch (magic) {
    case SAB_GET_BYTE_LENGTH:
        return JS_NewInt64(ctx, (int64_t)wf_abuf_byte_length(ab));
    case SAB_GET_MAX_BYTE_LENGTH:
        return JS_NewInt64(ctx, (int64_t)(ab->resizable ? ab->max_byte_length
                                                        : wf_abuf_byte_length(ab)));
    default:
        return JS_NewBool(ctx, ab->resizable);
    }
}

/* 25.2.5.3 SharedArrayBuffer.prototype.grow(newLength) */
static JSValue js_shared_array_buffer_grow(JSContext *ctx, JSValueConst this_val,
                                           int argc, JSValueConst *argv)
{
    WFArrayBuffer *ab = sab_this(ctx, this_val, "grow");
    uint64_t new_len;
    void *store;
    if (!ab)
        return JS_EXCEPTION;
    if (!ab->resizable)
        return JS_ThrowTypeError(ctx, "SharedArrayBuffer.prototype.grow: the buffer is not growable");
    if (wf_to_index(ctx, &new_len, WF_TA_ARG(0)))
        return JS_EXCEPTION;
    if (new_len > ab->max_byte_length)
        return JS_ThrowRangeError(ctx, "SharedArrayBuffer.prototype.grow: %llu exceeds maxByteLength %llu",
                                  (unsigned long long)new_len,
                                  (unsigned long long)ab->max_byte_length);
    store = wf_sab_data(this_val);
    if (!store || !ab->shared_length)
        return JS_ThrowTypeError(ctx, "SharedArrayBuffer.prototype.grow: the buffer is not growable");
    if (wf_sab_store_grow(store, (size_t)new_len) < 0)
        return JS_ThrowRangeError(ctx, "SharedArrayBuffer.prototype.grow: cannot shrink from %llu to %llu",
                                  (unsigned long long)wf_abuf_byte_length(ab),
                                  (unsigned long long)new_len);
    return JS_UNDEFINED;
}

/* 25.2.5.6 SharedArrayBuffer.prototype.slice(start, end) */
static JSValue js_shared_array_buffer_slice(JSContext *ctx, JSValueConst this_val,
                                            int argc, JSValueConst *argv)
{
    WFArrayBuffer *ab = sab_this(ctx, this_val, "slice"), *nab;
    int64_t len, first, final, new_len, cur;
    JSValue ctor, nb, arg;

    if (!ab)
        return JS_EXCEPTION;
    len = (int64_t)wf_abuf_byte_length(ab);
    if (wf_to_relative_index(ctx, &first, WF_TA_ARG(0), len, 0) ||
        wf_to_relative_index(ctx, &final, WF_TA_ARG(1), len, len))
        return JS_EXCEPTION;
    new_len = final > first ? final - first : 0;
    ctor = wf_species_constructor(ctx, this_val, ctx->shared_array_buffer_ctor);
    if (JS_IsException(ctor))
        return ctor;
    arg = JS_NewInt64(ctx, new_len);
    nb = wf_construct(ctx, ctor, ctor, 1, &arg);
    JS_FreeValue(ctx, ctor);
    if (JS_IsException(nb))
        return nb;
    if (!JS_IsObject(nb) || wf_obj(nb)->class_id != JS_CLASS_SHARED_ARRAY_BUFFER ||
        !wf_abuf(wf_obj(nb))->shared) {
        JS_FreeValue(ctx, nb);
        return JS_ThrowTypeError(ctx, "SharedArrayBuffer.prototype.slice: the species constructor did not return a SharedArrayBuffer");
    }
    nab = wf_abuf(wf_obj(nb));
    if (nab->data == ab->data) {
        JS_FreeValue(ctx, nb);
        return JS_ThrowTypeError(ctx, "SharedArrayBuffer.prototype.slice: the species constructor returned the same buffer");
    }
    if ((int64_t)wf_abuf_byte_length(nab) < new_len) {
        JS_FreeValue(ctx, nb);
        return JS_ThrowTypeError(ctx, "SharedArrayBuffer.prototype.slice: the new buffer is too small");
    }
    cur = (int64_t)wf_abuf_byte_length(ab);
    if (first < cur) {
        int64_t count = cur - first;
        if (count > new_len)
            count = new_len;
        memmove(nab->data, ab->data + first, (size_t)count);
    }
    return nb;
}

static const JSCFunctionListEntry js_shared_array_buffer_funcs[] = {
    JS_CGETSET_DEF("[Symbol.species]", js_array_buffer_get_species, NULL),
};

static const JSCFunctionListEntry js_shared_array_buffer_proto_funcs[] = {
    JS_CGETSET_MAGIC_DEF("byteLength", js_shared_array_buffer_get, NULL, SAB_GET_BYTE_LENGTH),
    JS_CGETSET_MAGIC_DEF("growable", js_shared_array_buffer_get, NULL, SAB_GET_GROWABLE),
    JS_CGETSET_MAGIC_DEF("maxByteLength", js_shared_array_buffer_get, NULL, SAB_GET_MAX_BYTE_LENGTH),
    JS_CFUNC_DEF("grow", 1, js_shared_array_buffer_grow),
    JS_CFUNC_DEF("slice", 2, js_shared_array_buffer_slice),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "SharedArrayBuffer", JS_PROP_CONFIGURABLE),
};

/* ------------------------------------------------------------------ */
/* Set-up */

static const JSCFunctionListEntry js_array_buffer_funcs[] = {
    JS_CFUNC_DEF("isView", 1, js_array_buffer_isView),
    JS_CGETSET_DEF("[Symbol.species]", js_array_buffer_get_species, NULL),
};

static const JSCFunctionListEntry js_array_buffer_proto_funcs[] = {
    JS_CGETSET_MAGIC_DEF("byteLength", js_array_buffer_get, NULL, AB_GET_BYTE_LENGTH),
    JS_CGETSET_MAGIC_DEF("maxByteLength", js_array_buffer_get, NULL, AB_GET_MAX_BYTE_LENGTH),
    JS_CGETSET_MAGIC_DEF("resizable", js_array_buffer_get, NULL, AB_GET_RESIZABLE),
    JS_CGETSET_MAGIC_DEF("detached", js_array_buffer_get, NULL, AB_GET_DETACHED),
    JS_CFUNC_DEF("resize", 1, js_array_buffer_resize),
    JS_CFUNC_DEF("slice", 2, js_array_buffer_slice),
    JS_CFUNC_MAGIC_DEF("transfer", 0, js_array_buffer_transfer, 0),
    JS_CFUNC_MAGIC_DEF("transferToFixedLength", 0, js_array_buffer_transfer, 1),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "ArrayBuffer", JS_PROP_CONFIGURABLE),
};

/* One of the two buffer constructors with its prototype: stored in
   class_proto[class_id] and *pctor. */
static int init_buffer_ctor(JSContext *ctx, JSClassID class_id, JSCFunction *func,
                            const char *name, JSValue *pctor,
                            const JSCFunctionListEntry *proto_funcs, int n_proto_funcs,
                            const JSCFunctionListEntry *ctor_funcs, int n_ctor_funcs)
{
    JSValue proto, ctor;
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->class_proto[class_id]);
    ctx->class_proto[class_id] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, proto_funcs, n_proto_funcs) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, func, name, 1, JS_CFUNC_constructor, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, *pctor);
    *pctor = ctor;
    return JS_SetPropertyFunctionList(ctx, ctor, ctor_funcs, n_ctor_funcs);
}

int wf_init_arraybuffer(JSContext *ctx)
{
    wf_class_set_hooks(ctx->rt, JS_CLASS_ARRAY_BUFFER, array_buffer_finalizer, NULL, NULL, NULL);
    wf_class_set_hooks(ctx->rt, JS_CLASS_SHARED_ARRAY_BUFFER, array_buffer_finalizer, NULL, NULL, NULL);
    if (init_buffer_ctor(ctx, JS_CLASS_ARRAY_BUFFER, js_array_buffer_constructor, "ArrayBuffer",
                         &ctx->array_buffer_ctor,
                         js_array_buffer_proto_funcs, countof(js_array_buffer_proto_funcs),
                         js_array_buffer_funcs, countof(js_array_buffer_funcs)) < 0)
        return -1;
    return init_buffer_ctor(ctx, JS_CLASS_SHARED_ARRAY_BUFFER, js_shared_array_buffer_constructor,
                            "SharedArrayBuffer", &ctx->shared_array_buffer_ctor,
                            js_shared_array_buffer_proto_funcs,
                            countof(js_shared_array_buffer_proto_funcs),
                            js_shared_array_buffer_funcs, countof(js_shared_array_buffer_funcs));
}
