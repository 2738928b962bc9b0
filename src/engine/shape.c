/*
 * shape.c - hidden classes (shapes): an object's prototype and its ordered
 * list of property keys with their attribute flags.
 *
 * Objects created the same way share one shape: shared shapes are "hashed"
 * in rt->shape_hash by (prototype, property list), and adding a property to
 * an object whose shape is hashed looks the successor up by the incremental
 * hash (a transition), so the second object built like the first walks the
 * same chain of shapes.  A hashed shape is immutable.  Deleting a property,
 * changing attributes or growing a shape nobody else uses works on an
 * unhashed shape owned by one object (copied first if shared).
 *
 * Layout: one block holds the JSShape, prop[prop_size] and the property
 * hash buckets (prop_hash_mask + 1 entries, 1-based indices chained through
 * JSShapeProperty.hash_next).  A shape holds counted references to its
 * prototype and to every atom in its list.
 *
 * The object side (values in JSObject.prop) is kept in step here only for
 * the operations that must resize or move slots.
 */
#include <string.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/error.h"
#include "engine/gc.h"
#include "engine/interp.h"

#define SHAPE_INITIAL_SIZE 4
#define SHAPE_MAX_PROPS ((1 << 26) - 2)

static size_t shape_bytes(int prop_size, uint32_t hash_size)
{
    return sizeof(JSShape) + sizeof(JSShapeProperty) * (size_t)prop_size +
           sizeof(uint32_t) * hash_size;
}

static uint32_t hash_size_for(int prop_size)
{
    uint32_t n = 4;
    while (n < (uint32_t)prop_size)
        n <<= 1;
    return n;
}

static uint32_t proto_hash(JSObject *proto)
{
    uint64_t v = (uint64_t)(uintptr_t)proto;
    v ^= v >> 29;
    return (uint32_t)(v * 0x9E3779B97F4A7C15ull >> 32);
}

static inline uint32_t hash_step(uint32_t h, JSAtom atom, int flags)
{
    h = (h + atom) * 0x9E3779B1u;
    h = (h + (uint32_t)flags) * 0x85EBCA6Bu;
    return h ^ (h >> 15);
}

static void prop_hash_rebuild(JSShape *sh)
{
    int i;
    memset(sh->prop_hash, 0, sizeof(uint32_t) * (sh->prop_hash_mask + 1));
    for (i = 0; i < sh->prop_count; i++) {
        JSShapeProperty *pr = &sh->prop[i];
        pr->hash_next = 0;
        if (pr->atom != JS_ATOM_NULL) {
            uint32_t b = wf_shape_prop_bucket(pr->atom, sh->prop_hash_mask);
            pr->hash_next = sh->prop_hash[b];
            sh->prop_hash[b] = (uint32_t)i + 1;
        }
    }
}

/* ------------------------------------------------------------------ */
/* The table of shared shapes */

static int shape_table_resize(JSRuntime *rt, int bits)
{
    int size = 1 << bits, i;
    JSShape **t = js_mallocz_rt(rt, sizeof(JSShape *) * (size_t)size);
    if (!t)
        return -1;
    for (i = 0; i < rt->shape_hash_size; i++) {
        JSShape *sh = rt->shape_hash[i], *next;
        for (; sh; sh = next) {
            uint32_t b = sh->hash >> (32 - bits);
            next = sh->shape_hash_next;
            sh->shape_hash_next = t[b];
            t[b] = sh;
        }
    }
    js_free_rt(rt, rt->shape_hash);
    rt->shape_hash = t;
    rt->shape_hash_bits = bits;
    rt->shape_hash_size = size;
    return 0;
}

static inline JSShape **bucket_of(JSRuntime *rt, uint32_t h)
{
    return &rt->shape_hash[h >> (32 - rt->shape_hash_bits)];
}

/* 0 on success; -1 if the table could not be created (the shape then just
   stays unshared). */
static int shape_hash_insert(JSRuntime *rt, JSShape *sh)
{
    JSShape **b;
    if (!rt->shape_hash) {
        if (shape_table_resize(rt, 8))
            return -1;
    } else if (rt->shape_hash_count >= rt->shape_hash_size * 2 && rt->shape_hash_bits < 28) {
        shape_table_resize(rt, rt->shape_hash_bits + 1);   /* failure: longer chains */
    }
    b = bucket_of(rt, sh->hash);
    sh->shape_hash_next = *b;
    *b = sh;
    sh->is_hashed = 1;
    rt->shape_hash_count++;
    return 0;
}

static void shape_hash_remove(JSRuntime *rt, JSShape *sh)
{
    JSShape **pp = bucket_of(rt, sh->hash);
    while (*pp != sh)
        pp = &(*pp)->shape_hash_next;
    *pp = sh->shape_hash_next;
    sh->shape_hash_next = NULL;
    sh->is_hashed = 0;
    rt->shape_hash_count--;
}

/* ------------------------------------------------------------------ */
/* Allocation */

/* New unhashed shape with no property (count 1, on the GC list). */
static JSShape *shape_alloc(JSRuntime *rt, JSObject *proto, int prop_size)
{
    uint32_t hs = hash_size_for(prop_size);
    JSShape *sh = js_malloc_rt(rt, shape_bytes(prop_size, hs));
    if (!sh)
        return NULL;
    wf_gc_add(rt, &sh->header, WF_GC_SHAPE);
    sh->is_hashed = 0;
    sh->hash = proto_hash(proto);
    sh->prop_hash_mask = hs - 1;
    sh->prop_size = prop_size;
    sh->prop_count = 0;
    sh->deleted_prop_count = 0;
    sh->shape_hash_next = NULL;
    sh->proto = proto;
    if (proto)
        proto->header.ref_count++;
    sh->prop_hash = (uint32_t *)&sh->prop[prop_size];
    memset(sh->prop_hash, 0, sizeof(uint32_t) * hs);
    return sh;
}

/* Unhashed copy of sh with room for prop_size properties. */
static JSShape *shape_clone(JSRuntime *rt, JSShape *sh, int prop_size)
{
    JSShape *n;
    int i;
    if (prop_size < sh->prop_count)
        prop_size = sh->prop_count;
    n = shape_alloc(rt, sh->proto, prop_size);
    if (!n)
        return NULL;
    n->hash = sh->hash;
    n->prop_count = sh->prop_count;
    n->deleted_prop_count = sh->deleted_prop_count;
    memcpy(n->prop, sh->prop, sizeof(JSShapeProperty) * (size_t)sh->prop_count);
    for (i = 0; i < n->prop_count; i++) {
        if (n->prop[i].atom != JS_ATOM_NULL)
            wf_atom_dup(rt, n->prop[i].atom);
    }
    prop_hash_rebuild(n);
    return n;
}

/* Grow p's own property value array to hold n slots. */
static int obj_prop_reserve(JSContext *ctx, JSObject *p, int old_size, int n)
{
    JSProperty *np;
    if (n <= old_size && p->prop)
        return 0;
    np = js_realloc(ctx, p->prop, sizeof(JSProperty) * (size_t)n);
    if (!np)
        return -1;
    p->prop = np;
    return 0;
}

/* Replace p's unshared shape by a bigger copy (the block moves). */
static int shape_grow(JSContext *ctx, JSObject *p, int new_size)
{
    JSRuntime *rt = ctx->rt;
    JSShape *sh = p->shape, *n;
    uint32_t hs;
    if (new_size > SHAPE_MAX_PROPS) {
        wf_throw_error(ctx, JS_RANGE_ERROR, "too many properties");
        return -1;
    }
    if (obj_prop_reserve(ctx, p, sh->prop_size, new_size))
        return -1;
    hs = hash_size_for(new_size);
    n = js_malloc(ctx, shape_bytes(new_size, hs));
    if (!n)
        return -1;
    memcpy(n, sh, sizeof(JSShape) + sizeof(JSShapeProperty) * (size_t)sh->prop_count);
    /* take sh's place on the GC list */
    n->header.link.prev->next = &n->header.link;
    n->header.link.next->prev = &n->header.link;
    n->prop_size = new_size;
    n->prop_hash_mask = hs - 1;
    n->prop_hash = (uint32_t *)&n->prop[new_size];
    prop_hash_rebuild(n);
    js_free_rt(rt, sh);
    p->shape = n;
    return 0;
}

int wf_shape_reserve(JSContext *ctx, JSObject *p, int n)
{
    if (p->shape->is_hashed || p->shape->header.ref_count != 1) {
        if (wf_shape_unshare(ctx, p))
            return -1;
    }
    if (n <= p->shape->prop_size)
        return 0;
    return shape_grow(ctx, p, n);
}

/* A hint: p is about to get about n more properties.  If p's shape is its
   own (count 1), make room for them at once instead of growing step by
   step; a hashed shape stays hashed (same properties, same hash).  Shared
   shapes are left alone.  0, or -1 with an exception on OOM. */
int wf_shape_presize(JSContext *ctx, JSObject *p, int n)
{
    JSShape *sh = p->shape;
    int want, r;
    bool hashed;

    if (sh->header.ref_count != 1 || n <= 0 || n > SHAPE_MAX_PROPS - sh->prop_count)
        return 0;
    want = sh->prop_count + n;
    if (want <= sh->prop_size)
        return 0;
    hashed = sh->is_hashed;
    if (hashed)
        shape_hash_remove(ctx->rt, sh);
    r = shape_grow(ctx, p, want);
    if (hashed)
        shape_hash_insert(ctx->rt, p->shape);   /* failure: stays unshared */
    return r;
}

/* ------------------------------------------------------------------ */
/* Finding shared shapes */

static bool same_props(const JSShape *a, const JSShapeProperty *props, int count)
{
    for (int i = 0; i < count; i++) {
        if (a->prop[i].atom != props[i].atom || a->prop[i].flags != props[i].flags)
            return false;
    }
    return true;
}

/* The hashed successor of sh with (atom, flags) appended, or NULL. */
static JSShape *find_transition(JSRuntime *rt, JSShape *sh, JSAtom atom, int flags)
{
    uint32_t h;
    JSShape *s;
    if (!rt->shape_hash)
        return NULL;
    h = hash_step(sh->hash, atom, flags);
    for (s = *bucket_of(rt, h); s; s = s->shape_hash_next) {
        if (s->hash == h && s->proto == sh->proto && s->prop_count == sh->prop_count + 1 &&
            s->prop[sh->prop_count].atom == atom && s->prop[sh->prop_count].flags == (uint32_t)flags &&
            same_props(s, sh->prop, sh->prop_count))
            return s;
    }
    return NULL;
}

JSShape *wf_shape_initial(JSContext *ctx, JSObject *proto)
{
    JSRuntime *rt = ctx->rt;
    uint32_t h = proto_hash(proto);
    JSShape *sh;
    if (rt->shape_hash) {
        for (sh = *bucket_of(rt, h); sh; sh = sh->shape_hash_next) {
            if (sh->hash == h && sh->proto == proto && sh->prop_count == 0) {
                sh->header.ref_count++;
                return sh;
            }
        }
    }
    sh = shape_alloc(rt, proto, SHAPE_INITIAL_SIZE);
    if (!sh) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    shape_hash_insert(rt, sh);
    return sh;
}

/* ------------------------------------------------------------------ */
/* Changing an object's shape */

int wf_shape_unshare(JSContext *ctx, JSObject *p)
{
    JSRuntime *rt = ctx->rt;
    JSShape *sh = p->shape, *n;
    if (sh->header.ref_count == 1) {
        if (sh->is_hashed)
            shape_hash_remove(rt, sh);
        return 0;
    }
    n = shape_clone(rt, sh, sh->prop_size);
    if (!n) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    p->shape = n;
    wf_gc_release(rt, &sh->header);
    return 0;
}

/* Append to p's unshared shape (not in the table). */
static JSProperty *append_prop(JSContext *ctx, JSObject *p, JSAtom atom, int flags)
{
    JSShape *sh = p->shape;
    JSShapeProperty *pr;
    uint32_t b;
    if (sh->prop_count >= sh->prop_size) {
        int ns = sh->prop_size < 8 ? 8 : sh->prop_size + sh->prop_size / 2;
        if (shape_grow(ctx, p, ns))
            return NULL;
        sh = p->shape;
    }
    pr = &sh->prop[sh->prop_count];
    pr->atom = wf_atom_dup(ctx->rt, atom);
    pr->flags = (uint32_t)flags;
    b = wf_shape_prop_bucket(atom, sh->prop_hash_mask);
    pr->hash_next = sh->prop_hash[b];
    sh->prop_hash[b] = (uint32_t)sh->prop_count + 1;
    sh->prop_count++;
    return &p->prop[sh->prop_count - 1];
}

JSProperty *wf_obj_add_property(JSContext *ctx, JSObject *p, JSAtom atom, int flags)
{
    JSRuntime *rt = ctx->rt;
    JSShape *sh = p->shape, *n;
    JSProperty *pr;
    uint32_t old_hash;

    if (!sh->is_hashed)
        return append_prop(ctx, p, atom, flags);

    n = find_transition(rt, sh, atom, flags);
    if (n) {
        if (n->prop_size > sh->prop_size && obj_prop_reserve(ctx, p, sh->prop_size, n->prop_size))
            return NULL;
        n->header.ref_count++;
        p->shape = n;
        wf_gc_release(rt, &sh->header);
        return &p->prop[n->prop_count - 1];
    }
    old_hash = sh->hash;
    if (sh->header.ref_count == 1) {
        shape_hash_remove(rt, sh);
    } else {
        int size = sh->prop_count + 1 > sh->prop_size ? sh->prop_size + sh->prop_size / 2 + 1
                                                      : sh->prop_size;
        if (size > SHAPE_MAX_PROPS) {
            wf_throw_error(ctx, JS_RANGE_ERROR, "too many properties");
            return NULL;
        }
        if (obj_prop_reserve(ctx, p, sh->prop_size, size))
            return NULL;
        n = shape_clone(rt, sh, size);
        if (!n) {
            JS_ThrowOutOfMemory(ctx);
            return NULL;
        }
        p->shape = n;
        wf_gc_release(rt, &sh->header);
    }
    pr = append_prop(ctx, p, atom, flags);
    sh = p->shape;
    if (!pr) {
        /* sh is unshared now; it simply stays so */
        return NULL;
    }
    sh->hash = hash_step(old_hash, atom, flags);
    shape_hash_insert(rt, sh);
    return pr;
}

/* Hashed shape equal to (proto, props of sh): existing or NULL. */
static JSShape *find_same(JSRuntime *rt, JSObject *proto, const JSShape *sh, uint32_t h)
{
    JSShape *s;
    if (!rt->shape_hash)
        return NULL;
    for (s = *bucket_of(rt, h); s; s = s->shape_hash_next) {
        if (s->hash == h && s->proto == proto && s->prop_count == sh->prop_count &&
            same_props(s, sh->prop, sh->prop_count))
            return s;
    }
    return NULL;
}

int wf_obj_set_proto_raw(JSContext *ctx, JSObject *p, JSObject *proto)
{
    JSRuntime *rt = ctx->rt;
    JSShape *sh = p->shape, *n;
    JSObject *old;
    if (sh->proto == proto)
        return 0;
    if (sh->is_hashed) {
        /* stay shared: the shape with the same properties under the new
           prototype */
        uint32_t h = proto_hash(proto);
        for (int i = 0; i < sh->prop_count; i++)
            h = hash_step(h, sh->prop[i].atom, (int)sh->prop[i].flags);
        n = find_same(rt, proto, sh, h);
        if (n) {
            if (n->prop_size > sh->prop_size &&
                obj_prop_reserve(ctx, p, sh->prop_size, n->prop_size))
                return -1;
            n->header.ref_count++;
        } else {
            n = shape_clone(rt, sh, sh->prop_size);
            if (!n) {
                JS_ThrowOutOfMemory(ctx);
                return -1;
            }
            old = n->proto;
            n->proto = proto;
            if (proto)
                proto->header.ref_count++;
            if (old)
                JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_OBJECT, old));
            n->hash = h;
            shape_hash_insert(rt, n);
        }
        p->shape = n;
        wf_gc_release(rt, &sh->header);
        return 0;
    }
    if (wf_shape_unshare(ctx, p))
        return -1;
    sh = p->shape;
    old = sh->proto;
    sh->proto = proto;
    if (proto)
        proto->header.ref_count++;
    if (old)
        JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_OBJECT, old));
    return 0;
}

/* ------------------------------------------------------------------ */
/* Deleting */

void wf_prop_free(JSRuntime *rt, JSProperty *pr, int flags)
{
    switch (flags & JS_PROP_TMASK) {
    case JS_PROP_NORMAL:
        JS_FreeValueRT(rt, pr->u.value);
        break;
    case JS_PROP_GETSET:
        if (pr->u.getset.getter)
            JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_OBJECT, pr->u.getset.getter));
        if (pr->u.getset.setter)
            JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_OBJECT, pr->u.getset.setter));
        break;
    case JS_PROP_VARREF:
        if (pr->u.var_ref)
            wf_gc_release(rt, &pr->u.var_ref->header);
        break;
    case JS_PROP_AUTOINIT:
        break;
    }
}

static void shape_compact(JSObject *p)
{
    JSShape *sh = p->shape;
    int i, j = 0;
    for (i = 0; i < sh->prop_count; i++) {
        if (sh->prop[i].atom == JS_ATOM_NULL)
            continue;
        if (i != j) {
            sh->prop[j] = sh->prop[i];
            p->prop[j] = p->prop[i];
        }
        j++;
    }
    sh->prop_count = j;
    sh->deleted_prop_count = 0;
    prop_hash_rebuild(sh);
}

void wf_shape_delete_prop(JSRuntime *rt, JSObject *p, int idx)
{
    JSShape *sh = p->shape;
    JSShapeProperty *pr = &sh->prop[idx];
    uint32_t b = wf_shape_prop_bucket(pr->atom, sh->prop_hash_mask);
    int flags = (int)pr->flags;
    JSProperty slot = p->prop[idx];

    if (sh->prop_hash[b] == (uint32_t)idx + 1) {
        sh->prop_hash[b] = pr->hash_next;
    } else {
        uint32_t i = sh->prop_hash[b];
        while (sh->prop[i - 1].hash_next != (uint32_t)idx + 1)
            i = sh->prop[i - 1].hash_next;
        sh->prop[i - 1].hash_next = pr->hash_next;
    }
    wf_atom_free(rt, pr->atom);
    pr->atom = JS_ATOM_NULL;
    pr->flags = 0;
    pr->hash_next = 0;
    p->prop[idx].u.value = JS_UNDEFINED;
    sh->deleted_prop_count++;
    if (idx == sh->prop_count - 1) {
        /* the last slot: just drop it */
        sh->prop_count--;
        sh->deleted_prop_count--;
    } else if (sh->deleted_prop_count >= 8 && sh->deleted_prop_count >= sh->prop_count / 2) {
        shape_compact(p);
    }
    /* last: freeing the value may run finalizers */
    wf_prop_free(rt, &slot, flags);
}

/* ------------------------------------------------------------------ */
/* GC hooks */

void wf_shape_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func)
{
    JSShape *sh = (JSShape *)h;
    if (sh->proto)
        mark_func(rt, &sh->proto->header);
}

void wf_shape_gc_free(JSRuntime *rt, JSGCObjectHeader *h)
{
    JSShape *sh = (JSShape *)h;
    JSObject *proto = sh->proto;
    if (sh->is_hashed)
        shape_hash_remove(rt, sh);
    for (int i = 0; i < sh->prop_count; i++) {
        if (sh->prop[i].atom != JS_ATOM_NULL)
            wf_atom_free(rt, sh->prop[i].atom);
    }
    /* prop_count stays: when the collector frees a cycle, an object may be
       freed after its shape and still needs the slots to free its values */
    sh->proto = NULL;
    if (proto)
        JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_OBJECT, proto));
}

void wf_shape_free_table(JSRuntime *rt)
{
    js_free_rt(rt, rt->shape_hash);
    rt->shape_hash = NULL;
    rt->shape_hash_size = rt->shape_hash_count = 0;
    rt->shape_hash_bits = 0;
}
