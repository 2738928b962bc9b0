/*
 * sab.c - SharedArrayBuffer backing stores (see sab.h) and the objects that
 * wrap them.  Covers the allocation part of ECMA-262 25.2.2
 * AllocateSharedArrayBuffer and the store side of 25.2.5.3 grow; the
 * constructor and prototype are in builtins/arraybuffer.c.
 *
 * This file owns no mutable static state: a store is reached only through
 * the objects and messages that hold references to it.  It must not touch
 * the Atomics waiter table (atomics_wait.c), which keys waiters by the
 * addresses of store bytes.
 */
#define _DEFAULT_SOURCE
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "engine/sab.h"
#include "engine/abuf.h"
#include "engine/state.h"
#include "engine/error.h"

/* How the block was obtained, hence how it is released. */
enum {
    SAB_KIND_CALLOC,            /* calloc, free */
    SAB_KIND_MMAP,              /* anonymous mapping, munmap */
    SAB_KIND_EMBEDDER,          /* funcs.sab_alloc, funcs.sab_free */
};

#define SAB_MAGIC 0x57534142u   /* "WSAB": catches a foreign pointer in debug builds */

/* Reservations from this size up are mapped lazily (untouched pages cost
   nothing, which matters for a large maxByteLength). */
#define SAB_MMAP_THRESHOLD ((size_t)1 << 20)

typedef struct SabHeader {
    _Atomic(uint32_t) ref_count;    /* own count (kinds CALLOC/MMAP, or no sab_dup) */
    uint32_t magic;
    _Atomic(size_t) length;         /* [[ArrayBufferByteLength]], grows only */
    size_t max_length;              /* bytes reserved after the header */
    size_t block_size;              /* header + reservation (munmap needs it) */
    uint8_t kind;                   /* SAB_KIND_* */
    bool growable;
    JSSharedArrayBufferFunctions funcs; /* SAB_KIND_EMBEDDER: how to dup/free */
} SabHeader;

/* Header size rounded to a cache line, so the bytes keep the alignment
   (16 at least) that 8-byte atomics need. */
#define SAB_HDR_SIZE (((sizeof(SabHeader) + 63) / 64) * 64)

static inline SabHeader *hdr(void *data)
{
    SabHeader *h = data;
    assert(h->magic == SAB_MAGIC);
    return h;
}

void *wf_sab_store_new(JSRuntime *rt, size_t len, size_t max_len, bool growable)
{
    const JSSharedArrayBufferFunctions *sf = rt ? &rt->sab_funcs : NULL;
    size_t size;
    SabHeader *h;
    uint8_t kind;

    if (!growable)
        max_len = len;
    if (len > max_len || max_len > SIZE_MAX - SAB_HDR_SIZE)
        return NULL;
    size = SAB_HDR_SIZE + max_len;
    if (sf && sf->sab_alloc) {
        h = sf->sab_alloc(sf->sab_opaque, size);
        if (!h)
            return NULL;
        memset(h, 0, size);
        kind = SAB_KIND_EMBEDDER;
        h->funcs = *sf;
    } else if (size >= SAB_MMAP_THRESHOLD) {
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        h = p;                  /* fresh anonymous pages are zero */
        kind = SAB_KIND_MMAP;
    } else {
        h = calloc(1, size);
        if (!h)
            return NULL;
        kind = SAB_KIND_CALLOC;
    }
    atomic_init(&h->ref_count, 1);
    h->magic = SAB_MAGIC;
    atomic_init(&h->length, len);
    h->max_length = max_len;
    h->block_size = size;
    h->kind = kind;
    h->growable = growable;
    return h;
}

uint8_t *wf_sab_store_bytes(void *data)
{
    return (uint8_t *)hdr(data) + SAB_HDR_SIZE;
}

size_t wf_sab_store_length(void *data)
{
    return atomic_load(&hdr(data)->length);
}

size_t wf_sab_store_max_length(void *data)
{
    return hdr(data)->max_length;
}

bool wf_sab_store_growable(void *data)
{
    return hdr(data)->growable;
}

_Atomic(size_t) *wf_sab_store_length_ptr(void *data)
{
    SabHeader *h = hdr(data);
    return h->growable ? &h->length : NULL;
}

int wf_sab_store_grow(void *data, size_t new_len)
{
    SabHeader *h = hdr(data);
    size_t cur = atomic_load(&h->length);
    assert(new_len <= h->max_length);
    /* the bytes past the length are zero already: publishing the new
       length is the whole grow; a racing grow wins or loses as a unit */
    for (;;) {
        if (new_len < cur)
            return -1;
        if (new_len == cur)
            return 0;
        if (atomic_compare_exchange_weak(&h->length, &cur, new_len))
            return 0;
    }
}

static void store_release(SabHeader *h)
{
    switch (h->kind) {
    case SAB_KIND_MMAP:
        munmap(h, h->block_size);
        break;
    case SAB_KIND_EMBEDDER: {
        JSSharedArrayBufferFunctions f = h->funcs;
        h->magic = 0;
        if (f.sab_free)
            f.sab_free(f.sab_opaque, h);
        break;
    }
    default:
        h->magic = 0;
        free(h);
        break;
    }
}

void wf_sab_dup(JSRuntime *rt, void *data)
{
    SabHeader *h = hdr(data);
    (void)rt;
    if (h->kind == SAB_KIND_EMBEDDER && h->funcs.sab_dup) {
        h->funcs.sab_dup(h->funcs.sab_opaque, h);
        return;
    }
    atomic_fetch_add_explicit(&h->ref_count, 1, memory_order_relaxed);
}

void wf_sab_free(JSRuntime *rt, void *data)
{
    SabHeader *h = hdr(data);
    (void)rt;
    if (h->kind == SAB_KIND_EMBEDDER && h->funcs.sab_dup) {
        /* the embedder counts: every drop is theirs to see */
        h->funcs.sab_free(h->funcs.sab_opaque, h);
        return;
    }
    /* release on the last drop; acquire so that every thread's writes to
       the bytes happen before the block is given back */
    if (atomic_fetch_sub_explicit(&h->ref_count, 1, memory_order_acq_rel) == 1)
        store_release(h);
}

/* ------------------------------------------------------------------ */
/* Objects */

/* free_func of a buffer record over a store: drops the object's
   reference.  Its address also marks the record as store-backed. */
static void sab_object_release(JSRuntime *rt, void *opaque, void *ptr)
{
    (void)ptr;
    wf_sab_free(rt, opaque);
}

void *wf_sab_data(JSValueConst obj)
{
    WFArrayBuffer *ab = wf_array_buffer_get(obj);
    if (!ab || !ab->shared || ab->free_func != sab_object_release)
        return NULL;
    return ab->opaque;
}

/* Wraps a store the caller holds one reference to; the reference passes
   to the object (dropped on failure). */
static JSValue sab_wrap(JSContext *ctx, JSValueConst proto, void *data)
{
    SabHeader *h = hdr(data);
    JSValue obj;
    if (JS_IsUndefined(proto))
        proto = ctx->class_proto[JS_CLASS_SHARED_ARRAY_BUFFER];
    obj = wf_array_buffer_new_external(ctx, JS_CLASS_SHARED_ARRAY_BUFFER,
                                       wf_sab_store_bytes(data), atomic_load(&h->length),
                                       h->growable, h->max_length, sab_object_release, data,
                                       wf_sab_store_length_ptr(data));
    if (JS_IsException(obj)) {
        wf_sab_free(ctx->rt, data);
        return obj;
    }
    if (JS_VALUE_GET_PTR(proto) != JS_VALUE_GET_PTR(ctx->class_proto[JS_CLASS_SHARED_ARRAY_BUFFER]) &&
        JS_SetPrototype(ctx, obj, proto) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue wf_sab_from_data(JSContext *ctx, void *data)
{
    if (!data)
        return JS_ThrowTypeError(ctx, "not a SharedArrayBuffer store");
    wf_sab_dup(ctx->rt, data);
    return sab_wrap(ctx, JS_UNDEFINED, data);
}

JSValue wf_sab_new_object(JSContext *ctx, JSValueConst proto, uint64_t len, bool growable,
                          uint64_t max_len)
{
    void *data;
    if (growable && len > max_len)
        return JS_ThrowRangeError(ctx, "byteLength %llu exceeds maxByteLength %llu",
                                  (unsigned long long)len, (unsigned long long)max_len);
    if (len > WF_ABUF_MAX_BYTE_LENGTH || (growable && max_len > WF_ABUF_MAX_BYTE_LENGTH))
        return JS_ThrowRangeError(ctx, "SharedArrayBuffer length %llu is too large",
                                  (unsigned long long)(growable ? max_len : len));
    data = wf_sab_store_new(ctx->rt, (size_t)len, (size_t)max_len, growable);
    if (!data)
        return JS_ThrowRangeError(ctx, "cannot allocate a SharedArrayBuffer of %llu bytes",
                                  (unsigned long long)(growable ? max_len : len));
    return sab_wrap(ctx, proto, data);
}

void JS_SetSharedArrayBufferFunctions(JSRuntime *rt, const JSSharedArrayBufferFunctions *sf)
{
    if (sf)
        rt->sab_funcs = *sf;
    else
        memset(&rt->sab_funcs, 0, sizeof(rt->sab_funcs));
}
