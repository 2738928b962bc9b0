/*
 * mem.c - the runtime's allocator and its accounting.
 *
 * Every byte the engine allocates goes through js_malloc_rt and friends so
 * that rt->malloc_state counts it.  The count is the allocator's usable size
 * of each block, so JS_SetMemoryLimit is exact: an allocation that would
 * take malloc_size past malloc_limit fails (the block is released again if
 * the allocator handed out more than asked), and malloc_size never exceeds
 * the limit.  A limit of 0 means "no limit" (quickjs-ng convention).
 *
 * If the embedder's JSMallocFunctions has no js_malloc_usable_size, every
 * block gets a 16-byte prefix holding its size (rt->mem_size_header), so
 * the accounting stays exact with any allocator.
 *
 * The JSContext variants (js_malloc, js_realloc...) raise the out-of-memory
 * error on failure.  This file must not touch objects, strings or the GC
 * beyond reading them for JS_ComputeMemoryUsage.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/jsstring.h"
#include "engine/error.h"

#define SIZE_HDR 16   /* prefix when the allocator cannot tell block sizes; keeps 16-byte alignment */

/* ------------------------------------------------------------------ */
/* Default allocator: the C library's. */

static void *def_calloc(void *opaque, size_t count, size_t size)
{
    (void)opaque;
    return calloc(count, size);
}

static void *def_malloc(void *opaque, size_t size)
{
    (void)opaque;
    return malloc(size);
}

static void def_free(void *opaque, void *ptr)
{
    (void)opaque;
    free(ptr);
}

static void *def_realloc(void *opaque, void *ptr, size_t size)
{
    (void)opaque;
    return realloc(ptr, size);
}

static size_t def_usable_size(const void *ptr)
{
    return malloc_usable_size((void *)ptr);
}

static const JSMallocFunctions def_malloc_funcs = {
    def_calloc, def_malloc, def_free, def_realloc, def_usable_size,
};

const JSMallocFunctions *wf_mem_default_funcs(void)
{
    return &def_malloc_funcs;
}

/* ------------------------------------------------------------------ */
/* Small-block cache.  The engine allocates and frees small blocks
   (objects, property arrays, closures' variable arrays, promise records)
   at a high rate, often in bursts that defeat the C library's own
   per-thread cache.  With the default allocator, a freed block whose
   usable size is 16k+8 bytes (what glibc hands out for small requests) up
   to MEM_CACHE_MAX_USABLE is kept on rt->mem_cache[k], up to
   MEM_CACHE_MAX_BYTES in all, and given to the next request of that
   class.  Cached blocks are not counted in malloc_state, so the memory
   limit, the GC threshold and the leak report see exactly the blocks in
   use.  Disabled under the sanitizers, which must see every free. */

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MEM_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define MEM_CACHE 0
#endif
#endif
#ifndef MEM_CACHE
#define MEM_CACHE 1
#endif

#define MEM_CACHE_MAX_USABLE (16 * (WF_MEM_CACHE_CLASSES - 1) + 8)
#define MEM_CACHE_MAX_BYTES ((size_t)2048 * 1024)

static inline bool mem_cache_on(JSRuntime *rt)
{
    if (js_unlikely(rt->mem_cache_mode == 0))
        rt->mem_cache_mode = MEM_CACHE && rt->mf.js_malloc == def_malloc &&
                             rt->mf.js_free == def_free && !rt->mem_size_header ? 1 : 2;
    return rt->mem_cache_mode == 1;
}

void wf_mem_cache_flush(JSRuntime *rt)
{
    for (int k = 0; k < WF_MEM_CACHE_CLASSES; k++) {
        void *b = rt->mem_cache[k];
        while (b) {
            void *next = *(void **)b;
            rt->mf.js_free(rt->malloc_state.opaque, b);
            b = next;
        }
        rt->mem_cache[k] = NULL;
    }
    rt->mem_cache_bytes = 0;
}

/* ------------------------------------------------------------------ */
/* Accounting core */

static inline size_t limit_of(const JSMallocState *s)
{
    return s->malloc_limit ? s->malloc_limit : SIZE_MAX;
}

/* Usable size of a block as counted (including our size prefix). */
static inline size_t block_size(JSRuntime *rt, const void *user_ptr)
{
    if (rt->mem_size_header)
        return *(const size_t *)((const char *)user_ptr - SIZE_HDR) + SIZE_HDR;
    return rt->mf.js_malloc_usable_size(user_ptr);
}

void *js_malloc_rt(JSRuntime *rt, size_t size)
{
    JSMallocState *s = &rt->malloc_state;
    size_t limit = limit_of(s), got;
    void *ptr;

    if (size == 0)
        size = 1;
    if (size <= MEM_CACHE_MAX_USABLE && mem_cache_on(rt)) {
        unsigned k = size <= 24 ? 1 : (unsigned)((size - 8 + 15) >> 4);
        void *b = rt->mem_cache[k];
        if (b) {
            size_t u = 16 * (size_t)k + 8;
            if (s->malloc_size > limit || u > limit - s->malloc_size)
                return NULL;
            rt->mem_cache[k] = *(void **)b;
            rt->mem_cache_bytes -= u;
            s->malloc_count++;
            s->malloc_size += u;
            return b;
        }
    }
    if (rt->mem_size_header) {
        if (size > SIZE_MAX - SIZE_HDR)
            return NULL;
        if (size + SIZE_HDR > limit - s->malloc_size || s->malloc_size > limit)
            return NULL;
        ptr = rt->mf.js_malloc(s->opaque, size + SIZE_HDR);
        if (!ptr)
            return NULL;
        *(size_t *)ptr = size;
        s->malloc_count++;
        s->malloc_size += size + SIZE_HDR;
        return (char *)ptr + SIZE_HDR;
    }
    if (s->malloc_size > limit || size > limit - s->malloc_size)
        return NULL;
    ptr = rt->mf.js_malloc(s->opaque, size);
    if (!ptr)
        return NULL;
    got = rt->mf.js_malloc_usable_size(ptr);
    if (got > limit - s->malloc_size) {
        /* the allocator rounded up past the limit */
        rt->mf.js_free(s->opaque, ptr);
        return NULL;
    }
    s->malloc_count++;
    s->malloc_size += got;
    return ptr;
}

void js_free_rt(JSRuntime *rt, void *ptr)
{
    JSMallocState *s = &rt->malloc_state;
    size_t u;
    if (!ptr)
        return;
    u = block_size(rt, ptr);
    s->malloc_count--;
    s->malloc_size -= u;
    if (u <= MEM_CACHE_MAX_USABLE && (u & 15) == 8 && u >= 24 && mem_cache_on(rt) &&
        rt->mem_cache_bytes + u <= MEM_CACHE_MAX_BYTES) {
        unsigned k = (unsigned)(u >> 4);
        *(void **)ptr = rt->mem_cache[k];
        rt->mem_cache[k] = ptr;
        rt->mem_cache_bytes += u;
        return;
    }
    if (rt->mem_size_header)
        ptr = (char *)ptr - SIZE_HDR;
    rt->mf.js_free(s->opaque, ptr);
}

void *js_mallocz_rt(JSRuntime *rt, size_t size)
{
    void *ptr = js_malloc_rt(rt, size);
    if (ptr)
        memset(ptr, 0, size ? size : 1);
    return ptr;
}

/* realloc(ptr, 0) frees and returns NULL. */
void *js_realloc_rt(JSRuntime *rt, void *ptr, size_t size)
{
    JSMallocState *s = &rt->malloc_state;
    size_t limit = limit_of(s), old, got;
    void *nptr;

    if (!ptr)
        return size ? js_malloc_rt(rt, size) : NULL;
    if (size == 0) {
        js_free_rt(rt, ptr);
        return NULL;
    }
    old = block_size(rt, ptr);
    if (rt->mem_size_header) {
        if (size > SIZE_MAX - SIZE_HDR)
            return NULL;
        if (size + SIZE_HDR > old && size + SIZE_HDR - old > limit - s->malloc_size)
            return NULL;
        nptr = rt->mf.js_realloc(s->opaque, (char *)ptr - SIZE_HDR, size + SIZE_HDR);
        if (!nptr)
            return NULL;
        *(size_t *)nptr = size;
        s->malloc_size = s->malloc_size - old + size + SIZE_HDR;
        return (char *)nptr + SIZE_HDR;
    }
    if (size > old && size - old > limit - s->malloc_size)
        return NULL;
    nptr = rt->mf.js_realloc(s->opaque, ptr, size);
    if (!nptr)
        return NULL;
    got = rt->mf.js_malloc_usable_size(nptr);
    s->malloc_size = s->malloc_size - old + got;
    /* Rounding may have taken us past the limit: the block is valid and
       already accounted, so shrink back to what was asked if possible. */
    if (s->malloc_size > limit && got > size) {
        void *p2 = rt->mf.js_realloc(s->opaque, nptr, size);
        if (p2) {
            nptr = p2;
            s->malloc_size = s->malloc_size - got + rt->mf.js_malloc_usable_size(nptr);
        }
    }
    return nptr;
}

size_t js_malloc_usable_size_rt(JSRuntime *rt, const void *ptr)
{
    if (!ptr)
        return 0;
    if (rt->mem_size_header)
        return *(const size_t *)((const char *)ptr - SIZE_HDR);
    return rt->mf.js_malloc_usable_size(ptr);
}

/* ------------------------------------------------------------------ */
/* Context variants: throw the out-of-memory error on failure. */

void *js_malloc(JSContext *ctx, size_t size)
{
    void *ptr = js_malloc_rt(ctx->rt, size);
    if (js_unlikely(!ptr))
        JS_ThrowOutOfMemory(ctx);
    return ptr;
}

void *js_mallocz(JSContext *ctx, size_t size)
{
    void *ptr = js_mallocz_rt(ctx->rt, size);
    if (js_unlikely(!ptr))
        JS_ThrowOutOfMemory(ctx);
    return ptr;
}

void *js_calloc(JSContext *ctx, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    return js_mallocz(ctx, count * size);
}

void js_free(JSContext *ctx, void *ptr)
{
    js_free_rt(ctx->rt, ptr);
}

void *js_realloc(JSContext *ctx, void *ptr, size_t size)
{
    void *nptr = js_realloc_rt(ctx->rt, ptr, size);
    if (js_unlikely(!nptr && size != 0))
        JS_ThrowOutOfMemory(ctx);
    return nptr;
}

/* Like js_realloc; *pslack receives the extra bytes the block really has. */
void *js_realloc2(JSContext *ctx, void *ptr, size_t size, size_t *pslack)
{
    void *nptr = js_realloc(ctx, ptr, size);
    if (nptr && pslack) {
        size_t u = js_malloc_usable_size_rt(ctx->rt, nptr);
        *pslack = u > size ? u - size : 0;
    }
    return nptr;
}

size_t js_malloc_usable_size(JSContext *ctx, const void *ptr)
{
    return js_malloc_usable_size_rt(ctx->rt, ptr);
}

char *js_strndup(JSContext *ctx, const char *s, size_t n)
{
    char *p = js_malloc(ctx, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *js_strdup(JSContext *ctx, const char *str)
{
    return js_strndup(ctx, str, strlen(str));
}

/* ------------------------------------------------------------------ */
/* Limits */

void JS_SetMemoryLimit(JSRuntime *rt, size_t limit)
{
    rt->malloc_state.malloc_limit = limit;
}

void JS_SetGCThreshold(JSRuntime *rt, size_t gc_threshold)
{
    rt->malloc_gc_threshold = gc_threshold;
}

size_t JS_GetGCThreshold(JSRuntime *rt)
{
    return rt->malloc_gc_threshold;
}

/* ------------------------------------------------------------------ */
/* JS_ComputeMemoryUsage / JS_DumpMemoryUsage */

static bool class_is_function(JSClassID id)
{
    return id == JS_CLASS_BYTECODE_FUNCTION || id == JS_CLASS_GENERATOR_FUNCTION ||
           id == JS_CLASS_ASYNC_FUNCTION || id == JS_CLASS_ASYNC_GENERATOR_FUNCTION;
}

void JS_ComputeMemoryUsage(JSRuntime *rt, JSMemoryUsage *s)
{
    struct list_head *el;
    int i;

    memset(s, 0, sizeof(*s));
    s->malloc_count = (int64_t)rt->malloc_state.malloc_count;
    s->malloc_size = (int64_t)rt->malloc_state.malloc_size;
    s->malloc_limit = rt->malloc_state.malloc_limit ? (int64_t)rt->malloc_state.malloc_limit : -1;
    s->memory_used_count = s->malloc_count;
    s->memory_used_size = s->malloc_size;

    s->atom_count = rt->atom_count;
    s->atom_size = (int64_t)(rt->atom_size * sizeof(rt->atom_array[0]) +
                             rt->atom_hash_size * sizeof(rt->atom_hash[0]));
    for (i = 1; i < rt->atom_size; i++) {
        JSString *p = rt->atom_array[i];
        if (p && !((uintptr_t)p & 1)) {
            size_t sz = js_malloc_usable_size_rt(rt, p);
            s->atom_size += (int64_t)sz;
            s->str_count++;
            s->str_size += (int64_t)sz;
        }
    }

    list_for_each(el, &rt->gc_obj_list) {
        JSGCObjectHeader *h = list_entry(el, JSGCObjectHeader, link);
        if (h->gc_kind == WF_GC_OBJECT) {
            JSObject *p = (JSObject *)h;
            s->obj_count++;
            s->obj_size += (int64_t)js_malloc_usable_size_rt(rt, p);
            if (p->prop) {
                s->prop_count += p->shape->prop_count - p->shape->deleted_prop_count;
                s->prop_size += (int64_t)js_malloc_usable_size_rt(rt, p->prop);
            }
            if (p->class_id == JS_CLASS_ARRAY || p->class_id == JS_CLASS_ARGUMENTS) {
                s->array_count++;
                if (p->fast_array) {
                    s->fast_array_count++;
                    s->fast_array_elements += p->u.array.count;
                    if (p->u.array.values)
                        s->obj_size += (int64_t)js_malloc_usable_size_rt(rt, p->u.array.values);
                }
            } else if (p->class_id == JS_CLASS_C_FUNCTION) {
                s->c_func_count++;
            } else if (class_is_function(p->class_id)) {
                s->js_func_count++;
            }
        } else if (h->gc_kind == WF_GC_SHAPE) {
            s->shape_count++;
            s->shape_size += (int64_t)js_malloc_usable_size_rt(rt, h);
        } else if (h->gc_kind == WF_GC_FUNCTION_BYTECODE) {
            s->js_func_size += (int64_t)js_malloc_usable_size_rt(rt, h);
        }
    }
    if (rt->shape_hash)
        s->shape_size += (int64_t)(rt->shape_hash_size * sizeof(rt->shape_hash[0]));
}

void JS_DumpMemoryUsage(FILE *fp, const JSMemoryUsage *s, JSRuntime *rt)
{
    fprintf(fp, "Weft memory usage -- %s\n", rt && rt->rt_info ? rt->rt_info : "runtime");
    if (s->malloc_limit > 0)
        fprintf(fp, "%-20s %10" PRId64 " bytes\n", "memory limit", s->malloc_limit);
    fprintf(fp, "%-20s %8s %12s\n", "NAME", "COUNT", "SIZE");
#define ROW(name, c, sz) \
    fprintf(fp, "%-20s %8" PRId64 " %12" PRId64 "\n", name, (int64_t)(c), (int64_t)(sz))
    ROW("memory allocated", s->malloc_count, s->malloc_size);
    ROW("memory used", s->memory_used_count, s->memory_used_size);
    ROW("atoms", s->atom_count, s->atom_size);
    ROW("strings", s->str_count, s->str_size);
    ROW("objects", s->obj_count, s->obj_size);
    ROW("properties", s->prop_count, s->prop_size);
    ROW("shapes", s->shape_count, s->shape_size);
    ROW("bytecode functions", s->js_func_count, s->js_func_size);
    ROW("C functions", s->c_func_count, 0);
    ROW("arrays", s->array_count, 0);
    ROW("fast arrays", s->fast_array_count, s->fast_array_elements);
    ROW("binary objects", s->binary_object_count, s->binary_object_size);
#undef ROW
}

/* ------------------------------------------------------------------ */
/* Blocks that leave a runtime (engine/serialize.c: messages between
   runtimes and ArrayBuffer stores moved by a transfer list).  A block is
   disowned (no longer counted by its runtime) and described by the
   allocator that made it, so it can be freed with no runtime, or adopted
   by another runtime that uses the same allocator. */

void wf_mem_owner_get(JSRuntime *rt, WFMemOwner *o)
{
    o->mf = rt->mf;
    o->opaque = rt->malloc_state.opaque;
    o->size_header = rt->mem_size_header;
}

void wf_mem_disown(JSRuntime *rt, void *ptr)
{
    JSMallocState *s = &rt->malloc_state;
    if (!ptr)
        return;
    s->malloc_count--;
    s->malloc_size -= block_size(rt, ptr);
}

bool wf_mem_same_owner(JSRuntime *rt, const WFMemOwner *o)
{
    return rt->mf.js_malloc == o->mf.js_malloc && rt->mf.js_free == o->mf.js_free &&
           rt->mf.js_realloc == o->mf.js_realloc &&
           rt->mf.js_malloc_usable_size == o->mf.js_malloc_usable_size &&
           rt->malloc_state.opaque == o->opaque && rt->mem_size_header == o->size_header;
}

int wf_mem_adopt(JSRuntime *rt, void *ptr)
{
    JSMallocState *s = &rt->malloc_state;
    size_t limit = limit_of(s), n = block_size(rt, ptr);
    if (s->malloc_size > limit || n > limit - s->malloc_size)
        return -1;
    s->malloc_count++;
    s->malloc_size += n;
    return 0;
}

void wf_mem_owner_free(const WFMemOwner *o, void *ptr)
{
    if (!ptr)
        return;
    if (o->size_header)
        ptr = (char *)ptr - SIZE_HDR;
    o->mf.js_free(o->opaque, ptr);
}
