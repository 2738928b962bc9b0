/*
 * weak.c - WeakMap and WeakSet (ECMA-262 24.3, 24.4).
 *
 * An entry never keeps its key alive.  Each entry registers a weak record
 * (engine/gc.h) on its key, an object or a symbol that can be held weakly;
 * when the key dies the record's hook deletes the entry and releases its
 * value.  WeakMap entries are ephemerons: the map's gc_mark hook does NOT
 * report the values; the cycle collector treats a value as reachable only
 * while both the map and the key are, so a value that refers back to its
 * own key (or a cycle through several maps) does not keep anything alive.
 */
#include "builtins/builtins.h"

enum { WK_MAP = 0, WK_SET = 1 };

typedef struct WeakMapState WeakMapState;

typedef struct WeakEntry {
    struct WeakEntry *hash_next;    /* map's hash chain */
    struct list_head map_link;      /* map's entry list */
    WeakMapState *map;
    void *key_ptr;                  /* the key's cell, for lookup */
    JSValue value;                  /* counted; an ephemeron for the collector */
    WFWeakRecord rec;               /* on the key */
} WeakEntry;

struct WeakMapState {
    JSObject *obj;                  /* the map itself (not counted) */
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

/* ---- entries ---- */

static void entry_unhash(WeakMapState *s, WeakEntry *e)
{
    WeakEntry **pe = &s->hash[ptr_hash(e->key_ptr) & (s->hash_size - 1)];
    while (*pe != e)
        pe = &(*pe)->hash_next;
    *pe = e->hash_next;
}

/* Unlink an entry from its map and its key and free it. */
static void entry_delete(JSRuntime *rt, WeakEntry *e)
{
    WeakMapState *s = e->map;
    entry_unhash(s, e);
    list_del(&e->map_link);
    s->count--;
    wf_weak_record_remove(rt, &e->rec);
    JS_FreeValueRT(rt, e->value);
    js_free_rt(rt, e);
}

/* The key died. */
static void entry_key_dead(JSRuntime *rt, WFWeakRecord *r)
{
    entry_delete(rt, list_entry(r, WeakEntry, rec));
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
static int entry_add(JSContext *ctx, WeakMapState *s, bool is_set, JSValueConst key, JSValueConst value)
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
    e->rec.on_dead = entry_key_dead;
    e->rec.owner = &s->obj->header;
    e->rec.value = is_set ? NULL : &e->value;
    if (wf_weak_record_add(ctx, &e->rec, key) < 0) {
        js_free(ctx, e);
        return -1;
    }
    e->value = JS_DupValue(ctx, value);
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
    s->obj = wf_obj(obj);
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
    if (!wf_can_be_held_weakly(ctx, argv[0]))
        return JS_ThrowTypeError(ctx, "Invalid value used %s", magic == WK_SET ? "in weak set" : "as weak map key");
    e = entry_find(s, argv[0]);
    if (e) {
        JSValue old = e->value;
        e->value = JS_DupValue(ctx, value);
        JS_FreeValue(ctx, old);
    } else if (entry_add(ctx, s, magic == WK_SET, argv[0], value) < 0) {
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

    wf_class_set_hooks(ctx->rt, cid, weak_finalizer, NULL, NULL, NULL);
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
