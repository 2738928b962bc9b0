/*
 * weak.c - WeakMap and WeakSet (ECMA-262 24.3, 24.4).
 *
 * An entry never keeps its key object alive.  Every object used as a key is
 * flagged (JSObject.is_weak_target) and has a WFWeakTarget record in a
 * runtime-wide hash listing its entries; when the object is freed, the
 * object free path calls wf_weak_target_free(), which removes those entries
 * from their maps and releases their values.  Nothing in the language can
 * observe when that happens, so the collector needs no extra ordering.
 *
 * Limitation (to be lifted with WeakRef/FinalizationRegistry): values are
 * held strongly, so a value that refers back to its own key keeps the key
 * alive for as long as the map lives (no ephemeron tracing in the cycle
 * collector yet).  Non-registered symbols used as keys are held strongly;
 * only memory use differs from a real weak reference.
 */
#include "builtins/builtins.h"

enum { WK_MAP = 0, WK_SET = 1 };

typedef struct WFWeakTarget {
    JSObject *obj;
    struct WFWeakTarget *hash_next;
    struct list_head entries;       /* WeakEntry.target_link */
} WFWeakTarget;

typedef struct WeakMapState WeakMapState;

typedef struct WeakEntry {
    struct WeakEntry *hash_next;    /* map's hash chain */
    struct list_head map_link;      /* map's entry list */
    struct list_head target_link;   /* target's entry list (object keys only) */
    WeakMapState *map;
    WFWeakTarget *target;           /* NULL for symbol keys */
    void *key_ptr;                  /* the key's cell, for lookup */
    JSValue sym;                    /* symbol key, held; JS_UNDEFINED for objects */
    JSValue value;
} WeakEntry;

struct WeakMapState {
    uint32_t count;
    uint32_t hash_size;             /* power of two */
    WeakEntry **hash;
    struct list_head entries;
};

static uint32_t ptr_hash(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

/* ---- the runtime's table of weak targets ---- */

static WFWeakTarget *target_find(JSRuntime *rt, JSObject *obj)
{
    WFWeakTarget *t;
    if (!rt->weak_target_hash_size)
        return NULL;
    for (t = rt->weak_target_hash[ptr_hash(obj) & (rt->weak_target_hash_size - 1)]; t; t = t->hash_next) {
        if (t->obj == obj)
            return t;
    }
    return NULL;
}

static int target_table_grow(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    uint32_t new_size = rt->weak_target_hash_size ? rt->weak_target_hash_size * 2 : 16, i;
    WFWeakTarget **tab = js_mallocz(ctx, sizeof(*tab) * new_size), *t, *next;
    if (!tab)
        return -1;
    for (i = 0; i < rt->weak_target_hash_size; i++) {
        for (t = rt->weak_target_hash[i]; t; t = next) {
            uint32_t h = ptr_hash(t->obj) & (new_size - 1);
            next = t->hash_next;
            t->hash_next = tab[h];
            tab[h] = t;
        }
    }
    js_free(ctx, rt->weak_target_hash);
    rt->weak_target_hash = tab;
    rt->weak_target_hash_size = new_size;
    return 0;
}

static WFWeakTarget *target_get(JSContext *ctx, JSObject *obj)
{
    JSRuntime *rt = ctx->rt;
    WFWeakTarget *t = obj->is_weak_target ? target_find(rt, obj) : NULL;
    uint32_t h;
    if (t)
        return t;
    if (rt->weak_target_count >= rt->weak_target_hash_size && target_table_grow(ctx) < 0)
        return NULL;
    t = js_malloc(ctx, sizeof(*t));
    if (!t)
        return NULL;
    t->obj = obj;
    init_list_head(&t->entries);
    h = ptr_hash(obj) & (rt->weak_target_hash_size - 1);
    t->hash_next = rt->weak_target_hash[h];
    rt->weak_target_hash[h] = t;
    rt->weak_target_count++;
    obj->is_weak_target = 1;
    return t;
}

static void target_remove(JSRuntime *rt, WFWeakTarget *t)
{
    WFWeakTarget **pt = &rt->weak_target_hash[ptr_hash(t->obj) & (rt->weak_target_hash_size - 1)];
    while (*pt != t)
        pt = &(*pt)->hash_next;
    *pt = t->hash_next;
    t->obj->is_weak_target = 0;
    js_free_rt(rt, t);
    if (--rt->weak_target_count == 0) {
        js_free_rt(rt, rt->weak_target_hash);
        rt->weak_target_hash = NULL;
        rt->weak_target_hash_size = 0;
    }
}

/* ---- entries ---- */

static void entry_unhash(WeakMapState *s, WeakEntry *e)
{
    WeakEntry **pe = &s->hash[ptr_hash(e->key_ptr) & (s->hash_size - 1)];
    while (*pe != e)
        pe = &(*pe)->hash_next;
    *pe = e->hash_next;
}

/* Unlink an entry from its map and its target and free it. */
static void entry_delete(JSRuntime *rt, WeakEntry *e)
{
    WeakMapState *s = e->map;
    entry_unhash(s, e);
    list_del(&e->map_link);
    s->count--;
    if (e->target) {
        WFWeakTarget *t = e->target;
        list_del(&e->target_link);
        if (list_empty(&t->entries))
            target_remove(rt, t);
    }
    JS_FreeValueRT(rt, e->sym);
    JS_FreeValueRT(rt, e->value);
    js_free_rt(rt, e);
}

void wf_weak_target_free(JSRuntime *rt, JSObject *p)
{
    WFWeakTarget *t = target_find(rt, p);
    if (!t) {
        p->is_weak_target = 0;
        return;
    }
    /* the last entry_delete frees t itself: do not look at t after it */
    for (;;) {
        WeakEntry *e = list_entry(t->entries.next, WeakEntry, target_link);
        bool last = e->target_link.next == &t->entries;
        entry_delete(rt, e);
        if (last)
            break;
    }
}

/* CanBeHeldWeakly (ECMA-262 9.13). */
static bool can_be_held_weakly(JSContext *ctx, JSValueConst v)
{
    if (JS_IsObject(v))
        return true;
    if (JS_IsSymbol(v))
        return wf_atom_type(ctx->rt, wf_symbol_to_atom(ctx->rt, v)) != WF_ATOM_TYPE_GLOBAL_SYMBOL;
    return false;
}

static WeakEntry *entry_find(WeakMapState *s, JSValueConst key)
{
    WeakEntry *e;
    void *ptr;
    if (!s->hash_size || (!JS_IsObject(key) && !JS_IsSymbol(key)))
        return NULL;
    ptr = JS_VALUE_GET_PTR(key);
    for (e = s->hash[ptr_hash(ptr) & (s->hash_size - 1)]; e; e = e->hash_next) {
        if (e->key_ptr == ptr)
            return e;
    }
    return NULL;
}

static int map_grow(JSContext *ctx, WeakMapState *s)
{
    uint32_t new_size = s->hash_size ? s->hash_size * 2 : 8, i;
    WeakEntry **tab = js_mallocz(ctx, sizeof(*tab) * new_size), *e, *next;
    if (!tab)
        return -1;
    for (i = 0; i < s->hash_size; i++) {
        for (e = s->hash[i]; e; e = next) {
            uint32_t h = ptr_hash(e->key_ptr) & (new_size - 1);
            next = e->hash_next;
            e->hash_next = tab[h];
            tab[h] = e;
        }
    }
    js_free(ctx, s->hash);
    s->hash = tab;
    s->hash_size = new_size;
    return 0;
}

/* Adds an entry for a key known to be absent and valid; borrows both. */
static int entry_add(JSContext *ctx, WeakMapState *s, JSValueConst key, JSValueConst value)
{
    WeakEntry *e;
    uint32_t h;
    if (s->count >= s->hash_size && map_grow(ctx, s) < 0)
        return -1;
    e = js_malloc(ctx, sizeof(*e));
    if (!e)
        return -1;
    e->map = s;
    e->key_ptr = JS_VALUE_GET_PTR(key);
    e->value = JS_DupValue(ctx, value);
    if (JS_IsObject(key)) {
        e->target = target_get(ctx, wf_obj(key));
        if (!e->target) {
            JS_FreeValue(ctx, e->value);
            js_free(ctx, e);
            return -1;
        }
        e->sym = JS_UNDEFINED;
        list_add_tail(&e->target_link, &e->target->entries);
    } else {
        e->target = NULL;
        e->sym = JS_DupValue(ctx, key);
    }
    h = ptr_hash(e->key_ptr) & (s->hash_size - 1);
    e->hash_next = s->hash[h];
    s->hash[h] = e;
    list_add_tail(&e->map_link, &s->entries);
    s->count++;
    return 0;
}

/* ---- classes ---- */

static WeakMapState *weak_state(JSValueConst obj)
{
    return (WeakMapState *)wf_obj(obj)->u.ptr;
}

static void weak_finalizer(JSRuntime *rt, JSValueConst obj)
{
    WeakMapState *s = weak_state(obj);
    if (!s)
        return;
    while (!list_empty(&s->entries))
        entry_delete(rt, list_entry(s->entries.next, WeakEntry, map_link));
    js_free_rt(rt, s->hash);
    js_free_rt(rt, s);
}

static void weak_gc_mark(JSRuntime *rt, JSValueConst obj, JS_MarkFunc *mark_func)
{
    WeakMapState *s = weak_state(obj);
    struct list_head *el;
    if (!s)
        return;
    list_for_each(el, &s->entries) {
        WeakEntry *e = list_entry(el, WeakEntry, map_link);
        JS_MarkValue(rt, e->value, mark_func);
    }
}

static WeakMapState *weak_this(JSContext *ctx, JSValueConst this_val, int magic, const char *method)
{
    JSObject *p = wf_this_class(ctx, this_val, magic == WK_SET ? JS_CLASS_WEAKSET : JS_CLASS_WEAKMAP, method);
    return p ? (WeakMapState *)p->u.ptr : NULL;
}

static JSValue js_weak_constructor(JSContext *ctx, JSValueConst new_target,
                                   int argc, JSValueConst *argv, int magic)
{
    JSValueConst iterable = argc > 0 ? argv[0] : JS_UNDEFINED;
    WeakMapState *s;
    JSValue obj;

    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Constructor %s requires 'new'", magic == WK_SET ? "WeakSet" : "WeakMap");
    obj = wf_obj_create_from_ctor(ctx, new_target, magic == WK_SET ? JS_CLASS_WEAKSET : JS_CLASS_WEAKMAP);
    if (JS_IsException(obj))
        return obj;
    s = js_mallocz(ctx, sizeof(*s));
    if (!s) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    init_list_head(&s->entries);
    wf_obj(obj)->u.ptr = s;
    if (!JS_IsUndefined(iterable) && !JS_IsNull(iterable)
        && wf_add_entries_from_iterable(ctx, obj, iterable, magic == WK_SET) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_weak_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    WeakMapState *s = weak_this(ctx, this_val, magic, magic == WK_SET ? "WeakSet.prototype.add" : "WeakMap.prototype.set");
    JSValueConst value = magic == WK_SET ? JS_UNDEFINED : (argc > 1 ? argv[1] : JS_UNDEFINED);
    WeakEntry *e;
    if (!s)
        return JS_EXCEPTION;
    if (!can_be_held_weakly(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "Invalid value used %s", magic == WK_SET ? "in weak set" : "as weak map key");
    e = entry_find(s, argv[0]);
    if (e) {
        JS_FreeValue(ctx, e->value);
        e->value = JS_DupValue(ctx, value);
    } else if (entry_add(ctx, s, argv[0], value) < 0) {
        return JS_EXCEPTION;
    }
    return JS_DupValue(ctx, this_val);
}

static JSValue js_weak_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    WeakMapState *s = weak_this(ctx, this_val, magic, "WeakMap.prototype.get");
    WeakEntry *e;
    (void)argc;
    if (!s)
        return JS_EXCEPTION;
    e = entry_find(s, argv[0]);
    return e ? JS_DupValue(ctx, e->value) : JS_UNDEFINED;
}

static JSValue js_weak_has(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    WeakMapState *s = weak_this(ctx, this_val, magic, magic == WK_SET ? "WeakSet.prototype.has" : "WeakMap.prototype.has");
    (void)argc;
    if (!s)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, entry_find(s, argv[0]) != NULL);
}

static JSValue js_weak_delete(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    WeakMapState *s = weak_this(ctx, this_val, magic, magic == WK_SET ? "WeakSet.prototype.delete" : "WeakMap.prototype.delete");
    WeakEntry *e;
    (void)argc;
    if (!s)
        return JS_EXCEPTION;
    e = entry_find(s, argv[0]);
    if (!e)
        return JS_FALSE;
    entry_delete(ctx->rt, e);
    return JS_TRUE;
}

static const JSCFunctionListEntry js_weakmap_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("set", 2, js_weak_set, WK_MAP),
    JS_CFUNC_MAGIC_DEF("get", 1, js_weak_get, WK_MAP),
    JS_CFUNC_MAGIC_DEF("has", 1, js_weak_has, WK_MAP),
    JS_CFUNC_MAGIC_DEF("delete", 1, js_weak_delete, WK_MAP),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakMap", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_weakset_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("add", 1, js_weak_set, WK_SET),
    JS_CFUNC_MAGIC_DEF("has", 1, js_weak_has, WK_SET),
    JS_CFUNC_MAGIC_DEF("delete", 1, js_weak_delete, WK_SET),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "WeakSet", JS_PROP_CONFIGURABLE),
};

static int init_one(JSContext *ctx, int magic, const char *name,
                    const JSCFunctionListEntry *funcs, int n_funcs)
{
    JSClassID cid = magic == WK_SET ? JS_CLASS_WEAKSET : JS_CLASS_WEAKMAP;
    JSCFunctionType ft;
    JSValue proto, ctor;

    wf_class_set_hooks(ctx->rt, cid, weak_finalizer, weak_gc_mark, NULL, NULL);
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[cid] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, funcs, n_funcs) < 0)
        return -1;
    ft.constructor_magic = js_weak_constructor;
    ctor = wf_define_ctor(ctx, ft.constructor, name, 0, JS_CFUNC_constructor_magic, magic, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctor);
    return 0;
}

int wf_init_weak(JSContext *ctx)
{
    if (init_one(ctx, WK_MAP, "WeakMap", js_weakmap_proto_funcs,
                 (int)(sizeof(js_weakmap_proto_funcs) / sizeof(js_weakmap_proto_funcs[0]))) < 0)
        return -1;
    return init_one(ctx, WK_SET, "WeakSet", js_weakset_proto_funcs,
                    (int)(sizeof(js_weakset_proto_funcs) / sizeof(js_weakset_proto_funcs[0])));
}
