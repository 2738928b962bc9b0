/*
 * mapset.c - Map, Set and their iterators (ECMA-262 24.1, 24.2).
 *
 * A map is a hash table whose records also sit on a list in insertion
 * order.  Deleting a record frees its key and value at once but leaves the
 * record on the list while an iterator (or a method walking the set, such as
 * forEach) holds it, so a live walk always finds its way to the next
 * record: entries added during a walk are visited, deleted ones are skipped,
 * exactly as the spec's index-based loops over [[MapData]] behave.
 *
 * Keys are compared with SameValueZero; -0 is stored as +0.
 */
#include <math.h>
#include "builtins/builtins.h"
#include "engine/bigint.h"

enum { MS_MAP = 0, MS_SET = 1 };
enum { MS_ITER_KEYS, MS_ITER_VALUES, MS_ITER_ENTRIES };

typedef struct MapRecord MapRecord;
typedef struct MapState MapState;

struct MapRecord {
    int ref_count;              /* 1 for the table + 1 per walker holding it */
    bool empty;                 /* deleted: key and value already freed */
    MapState *map;              /* NULL once the map itself is gone */
    struct list_head link;      /* insertion order */
    MapRecord *hash_next;
    JSValue key;
    JSValue value;              /* JS_UNDEFINED for sets */
};

struct MapState {
    bool is_set;
    uint32_t count;             /* live records */
    uint32_t hash_size;         /* power of two */
    MapRecord **hash;
    struct list_head records;
};

typedef struct MapIterator {
    JSValue obj;                /* the Map or Set; JS_UNDEFINED when done */
    MapRecord *cur;             /* last record returned, held; NULL at start */
    int kind;                   /* MS_ITER_* */
} MapIterator;

static MapState *map_state(JSValueConst obj)
{
    return (MapState *)wf_obj(obj)->u.ptr;
}

/* The Map/Set behind `this`, or a TypeError naming the method. */
static MapState *map_this(JSContext *ctx, JSValueConst this_val, int magic, const char *method)
{
    JSObject *p = wf_this_class(ctx, this_val, magic == MS_SET ? JS_CLASS_SET : JS_CLASS_MAP, method);
    return p ? (MapState *)p->u.ptr : NULL;
}

/* SameValueZero-compatible hash: numbers hash by value whatever their tag. */
static uint32_t map_hash_key(JSValueConst key)
{
    uint64_t h;
    switch (JS_VALUE_GET_TAG(key)) {
    case JS_TAG_INT:
        h = (uint64_t)(uint32_t)JS_VALUE_GET_INT(key) * 0x9E3779B97F4A7C15ull;
        break;
    case JS_TAG_FLOAT64: {
        double d = JS_VALUE_GET_FLOAT64(key);
        if (d >= INT32_MIN && d <= INT32_MAX && d == (int32_t)d) {
            h = (uint64_t)(uint32_t)(int32_t)d * 0x9E3779B97F4A7C15ull;
        } else if (isnan(d)) {
            h = 0x7ff8;
        } else {
            uint64_t bits;
            memcpy(&bits, &d, sizeof(bits));
            h = bits * 0x9E3779B97F4A7C15ull;
        }
        break;
    }
    case JS_TAG_STRING:
        h = wf_str_hash(wf_str(key));
        break;
    case JS_TAG_BOOL:
        h = 0x51 + JS_VALUE_GET_BOOL(key);
        break;
    case JS_TAG_NULL:
        h = 0x71;
        break;
    case JS_TAG_UNDEFINED:
        h = 0x73;
        break;
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:   /* by value: equal heap BigInts are distinct cells */
        return wf_bigint_hash(key);
    default:  /* objects and symbols: identity */
        h = (uint64_t)(uintptr_t)JS_VALUE_GET_PTR(key) * 0x9E3779B97F4A7C15ull;
        break;
    }
    return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* -0 becomes +0 (CanonicalizeKeyedCollectionKey). */
static JSValueConst map_normalize_key(JSValueConst key)
{
    if (JS_VALUE_GET_TAG(key) == JS_TAG_FLOAT64 && JS_VALUE_GET_FLOAT64(key) == 0)
        return JS_MKVAL(JS_TAG_INT, 0);
    return key;
}

static MapRecord *map_find(MapState *s, JSValueConst key)
{
    MapRecord *r;
    if (!s->hash)
        return NULL;
    for (r = s->hash[map_hash_key(key) & (s->hash_size - 1)]; r; r = r->hash_next) {
        if (wf_same_value_zero(r->key, key))
            return r;
    }
    return NULL;
}

static int map_grow(JSContext *ctx, MapState *s)
{
    uint32_t new_size = s->hash_size ? s->hash_size * 2 : 8, i;
    MapRecord **tab = js_mallocz(ctx, sizeof(*tab) * new_size);
    MapRecord *r, *next;
    if (!tab)
        return -1;
    for (i = 0; i < s->hash_size; i++) {
        for (r = s->hash[i]; r; r = next) {
            uint32_t h = map_hash_key(r->key) & (new_size - 1);
            next = r->hash_next;
            r->hash_next = tab[h];
            tab[h] = r;
        }
    }
    js_free(ctx, s->hash);
    s->hash = tab;
    s->hash_size = new_size;
    return 0;
}

/* Appends a record for a key known to be absent; key and value are borrowed. */
static MapRecord *map_add(JSContext *ctx, MapState *s, JSValueConst key, JSValueConst value)
{
    MapRecord *r;
    uint32_t h;
    if (s->count >= s->hash_size && map_grow(ctx, s) < 0)
        return NULL;
    r = js_malloc(ctx, sizeof(*r));
    if (!r)
        return NULL;
    r->ref_count = 1;
    r->empty = false;
    r->map = s;
    r->key = JS_DupValue(ctx, map_normalize_key(key));
    r->value = JS_DupValue(ctx, value);
    h = map_hash_key(r->key) & (s->hash_size - 1);
    r->hash_next = s->hash[h];
    s->hash[h] = r;
    list_add_tail(&r->link, &s->records);
    s->count++;
    return r;
}

static void map_release_record(JSRuntime *rt, MapRecord *r)
{
    if (--r->ref_count > 0)
        return;
    if (r->map)
        list_del(&r->link);
    js_free_rt(rt, r);
}

static void map_unhash(MapState *s, MapRecord *r)
{
    MapRecord **pr = &s->hash[map_hash_key(r->key) & (s->hash_size - 1)];
    while (*pr != r)
        pr = &(*pr)->hash_next;
    *pr = r->hash_next;
}

static void map_delete_record(JSRuntime *rt, MapState *s, MapRecord *r)
{
    map_unhash(s, r);
    r->empty = true;
    s->count--;
    JS_FreeValueRT(rt, r->key);
    JS_FreeValueRT(rt, r->value);
    r->key = JS_UNDEFINED;
    r->value = JS_UNDEFINED;
    map_release_record(rt, r);
}

/* Next live record after 'cur' (NULL: from the start), moving the walker's
   hold from cur to the result.  NULL at the end. */
static MapRecord *map_walk_next(JSRuntime *rt, MapState *s, MapRecord *cur)
{
    struct list_head *el = cur ? cur->link.next : s->records.next;
    MapRecord *r = NULL;
    for (; el != &s->records; el = el->next) {
        MapRecord *c = list_entry(el, MapRecord, link);
        if (!c->empty) {
            r = c;
            r->ref_count++;
            break;
        }
    }
    if (cur)
        map_release_record(rt, cur);
    return r;
}

static void map_finalizer(JSRuntime *rt, JSValueConst obj)
{
    MapState *s = map_state(obj);
    struct list_head *el, *el1;
    if (!s)
        return;
    list_for_each_safe(el, el1, &s->records) {
        MapRecord *r = list_entry(el, MapRecord, link);
        if (!r->empty) {
            JS_FreeValueRT(rt, r->key);
            JS_FreeValueRT(rt, r->value);
        }
        list_del(&r->link);
        r->map = NULL;
        r->empty = true;
        r->key = r->value = JS_UNDEFINED;
        /* records held by a walker are freed by the walker */
        if (--r->ref_count <= 0)
            js_free_rt(rt, r);
    }
    js_free_rt(rt, s->hash);
    js_free_rt(rt, s);
}

static void map_gc_mark(JSRuntime *rt, JSValueConst obj, JS_MarkFunc *mark_func)
{
    MapState *s = map_state(obj);
    struct list_head *el;
    if (!s)
        return;
    list_for_each(el, &s->records) {
        MapRecord *r = list_entry(el, MapRecord, link);
        if (!r->empty) {
            JS_MarkValue(rt, r->key, mark_func);
            JS_MarkValue(rt, r->value, mark_func);
        }
    }
}

static void map_clear(JSRuntime *rt, MapState *s)
{
    struct list_head *el, *el1;
    list_for_each_safe(el, el1, &s->records) {
        MapRecord *r = list_entry(el, MapRecord, link);
        if (!r->empty)
            map_delete_record(rt, s, r);
    }
}

/* A new empty Map or Set object with the given prototype source. */
static JSValue map_new(JSContext *ctx, JSValueConst new_target, int magic)
{
    JSClassID cid = magic == MS_SET ? JS_CLASS_SET : JS_CLASS_MAP;
    JSValue obj = wf_obj_create_from_ctor(ctx, new_target, cid);
    MapState *s;
    if (JS_IsException(obj))
        return obj;
    s = js_mallocz(ctx, sizeof(*s));
    if (!s) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    s->is_set = magic == MS_SET;
    init_list_head(&s->records);
    wf_obj(obj)->u.ptr = s;
    return obj;
}

/* AddEntriesFromIterable / the Set constructor's loop: calls obj.set(k, v)
   for each [k, v] entry (is_set false) or obj.add(v) for each value, closing
   the iterator on an abrupt completion.  Shared with WeakMap and WeakSet. */
int wf_add_entries_from_iterable(JSContext *ctx, JSValueConst obj, JSValueConst iterable, bool is_set)
{
    JSValue adder, iter = JS_UNDEFINED, next = JS_UNDEFINED;
    JSValue item = JS_UNDEFINED, k = JS_UNDEFINED, v = JS_UNDEFINED, ret;
    bool done;

    adder = JS_GetProperty(ctx, obj, is_set ? JS_ATOM_add : JS_ATOM_set);
    if (JS_IsException(adder))
        return -1;
    if (!wf_is_callable(adder)) {
        JS_ThrowTypeError(ctx, "'%s' of the new collection is not a function", is_set ? "add" : "set");
        goto fail;
    }
    iter = wf_get_iterator(ctx, iterable, false, &next);
    if (JS_IsException(iter))
        goto fail;
    for (;;) {
        item = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(item))
            goto fail;
        if (done)
            break;
        if (is_set) {
            ret = wf_call(ctx, adder, obj, 1, (JSValueConst *)&item);
        } else {
            JSValueConst args[2];
            if (!JS_IsObject(item)) {
                JS_ThrowTypeError(ctx, "iterator value is not an entry object");
                goto fail_close;
            }
            k = JS_GetPropertyUint32(ctx, item, 0);
            if (JS_IsException(k))
                goto fail_close;
            v = JS_GetPropertyUint32(ctx, item, 1);
            if (JS_IsException(v))
                goto fail_close;
            args[0] = k;
            args[1] = v;
            ret = wf_call(ctx, adder, obj, 2, args);
            JS_FreeValue(ctx, k);
            JS_FreeValue(ctx, v);
            k = v = JS_UNDEFINED;
        }
        if (JS_IsException(ret))
            goto fail_close;
        JS_FreeValue(ctx, ret);
        JS_FreeValue(ctx, item);
        item = JS_UNDEFINED;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, adder);
    return 0;
fail_close:
    wf_iterator_close(ctx, iter, true);
fail:
    JS_FreeValue(ctx, item);
    JS_FreeValue(ctx, k);
    JS_FreeValue(ctx, v);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, adder);
    return -1;
}

/* new Map(iterable) / new Set(iterable) */
static JSValue js_map_constructor(JSContext *ctx, JSValueConst new_target,
                                  int argc, JSValueConst *argv, int magic)
{
    JSValueConst iterable = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValue obj;

    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Constructor %s requires 'new'", magic == MS_SET ? "Set" : "Map");
    obj = map_new(ctx, new_target, magic);
    if (JS_IsException(obj) || JS_IsUndefined(iterable) || JS_IsNull(iterable))
        return obj;
    if (wf_add_entries_from_iterable(ctx, obj, iterable, magic == MS_SET) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_map_set(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    MapState *s = map_this(ctx, this_val, magic, magic == MS_SET ? "Set.prototype.add" : "Map.prototype.set");
    JSValueConst key = map_normalize_key(argv[0]);
    JSValueConst value = magic == MS_SET ? JS_UNDEFINED : (argc > 1 ? argv[1] : JS_UNDEFINED);
    MapRecord *r;
    if (!s)
        return JS_EXCEPTION;
    r = map_find(s, key);
    if (r) {
        JS_FreeValue(ctx, r->value);
        r->value = JS_DupValue(ctx, value);
    } else if (!map_add(ctx, s, key, value)) {
        return JS_EXCEPTION;
    }
    return JS_DupValue(ctx, this_val);
}

static JSValue js_map_get(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    MapState *s = map_this(ctx, this_val, magic, "Map.prototype.get");
    MapRecord *r;
    (void)argc;
    if (!s)
        return JS_EXCEPTION;
    r = map_find(s, map_normalize_key(argv[0]));
    return r ? JS_DupValue(ctx, r->value) : JS_UNDEFINED;
}

static JSValue js_map_has(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    MapState *s = map_this(ctx, this_val, magic, magic == MS_SET ? "Set.prototype.has" : "Map.prototype.has");
    (void)argc;
    if (!s)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, map_find(s, map_normalize_key(argv[0])) != NULL);
}

static JSValue js_map_delete(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    MapState *s = map_this(ctx, this_val, magic, magic == MS_SET ? "Set.prototype.delete" : "Map.prototype.delete");
    MapRecord *r;
    (void)argc;
    if (!s)
        return JS_EXCEPTION;
    r = map_find(s, map_normalize_key(argv[0]));
    if (!r)
        return JS_FALSE;
    map_delete_record(ctx->rt, s, r);
    return JS_TRUE;
}

static JSValue js_map_clear(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    MapState *s = map_this(ctx, this_val, magic, magic == MS_SET ? "Set.prototype.clear" : "Map.prototype.clear");
    (void)argc;
    (void)argv;
    if (!s)
        return JS_EXCEPTION;
    map_clear(ctx->rt, s);
    return JS_UNDEFINED;
}

static JSValue js_map_get_size(JSContext *ctx, JSValueConst this_val, int magic)
{
    MapState *s = map_this(ctx, this_val, magic, magic == MS_SET ? "get Set.prototype.size" : "get Map.prototype.size");
    if (!s)
        return JS_EXCEPTION;
    return JS_NewUint32(ctx, s->count);
}

static JSValue js_map_for_each(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int magic)
{
    MapState *s = map_this(ctx, this_val, magic, magic == MS_SET ? "Set.prototype.forEach" : "Map.prototype.forEach");
    JSValueConst this_arg = argc > 1 ? argv[1] : JS_UNDEFINED;
    MapRecord *r = NULL;
    if (!s)
        return JS_EXCEPTION;
    if (!wf_is_callable(argv[0]))
        return wf_throw_not_function(ctx, argv[0]);
    while ((r = map_walk_next(ctx->rt, s, r)) != NULL) {
        JSValueConst args[3];
        JSValue key = JS_DupValue(ctx, r->key), value = JS_DupValue(ctx, r->value), ret;
        args[0] = magic == MS_SET ? key : value;
        args[1] = key;
        args[2] = this_val;
        ret = wf_call(ctx, argv[0], this_arg, 3, args);
        JS_FreeValue(ctx, key);
        JS_FreeValue(ctx, value);
        if (JS_IsException(ret)) {
            map_release_record(ctx->rt, r);
            return JS_EXCEPTION;
        }
        JS_FreeValue(ctx, ret);
    }
    return JS_UNDEFINED;
}

/* Map.groupBy(items, callback) */
static JSValue js_map_group_by(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue map, iter, next = JS_UNDEFINED, value = JS_UNDEFINED, key = JS_UNDEFINED;
    JSValueConst args[2];
    MapState *s;
    int64_t k = 0;
    bool done;
    (void)this_val;
    (void)argc;

    if (wf_require_object_coercible(ctx, argv[0], "Map.groupBy") < 0)
        return JS_EXCEPTION;
    if (!wf_is_callable(argv[1]))
        return wf_throw_not_function(ctx, argv[1]);
    map = map_new(ctx, JS_UNDEFINED, MS_MAP);
    if (JS_IsException(map))
        return map;
    s = map_state(map);
    iter = wf_get_iterator(ctx, argv[0], false, &next);
    if (JS_IsException(iter))
        goto fail;
    for (;; k++) {
        MapRecord *r;
        value = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(value))
            goto fail;
        if (done)
            break;
        if (k >= ((int64_t)1 << 53) - 1) {
            JS_ThrowTypeError(ctx, "too many elements");
            goto fail_close;
        }
        args[0] = value;
        args[1] = JS_NewInt64(ctx, k);
        key = wf_call(ctx, argv[1], JS_UNDEFINED, 2, args);
        if (JS_IsException(key))
            goto fail_close;
        r = map_find(s, map_normalize_key(key));
        if (!r) {
            JSValue group = JS_NewArray(ctx);
            if (JS_IsException(group))
                goto fail_close;
            r = map_add(ctx, s, key, group);
            JS_FreeValue(ctx, group);
            if (!r)
                goto fail_close;
        }
        JS_FreeValue(ctx, key);
        key = JS_UNDEFINED;
        if (wf_array_push(ctx, r->value, value) < 0) {
            value = JS_UNDEFINED;
            goto fail_close;
        }
        value = JS_UNDEFINED;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return map;
fail_close:
    wf_iterator_close(ctx, iter, true);
fail:
    JS_FreeValue(ctx, key);
    JS_FreeValue(ctx, value);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, map);
    return JS_EXCEPTION;
}

/* ---- Set methods taking another set-like (GetSetRecord, 24.2.1.2) ---- */

typedef struct SetRecord {
    JSValueConst set;
    double size;
    JSValue has;
    JSValue keys;
} SetRecord;

static int get_set_record(JSContext *ctx, SetRecord *rec, JSValueConst obj)
{
    JSValue v;
    double d;
    rec->set = obj;
    rec->has = rec->keys = JS_UNDEFINED;
    if (!JS_IsObject(obj)) {
        JS_ThrowTypeError(ctx, "set-like argument must be an object");
        return -1;
    }
    v = JS_GetProperty(ctx, obj, JS_ATOM_size);
    if (JS_IsException(v))
        return -1;
    if (wf_to_number(ctx, &d, v) < 0) {
        JS_FreeValue(ctx, v);
        return -1;
    }
    JS_FreeValue(ctx, v);
    if (isnan(d)) {
        JS_ThrowTypeError(ctx, "set-like size is NaN");
        return -1;
    }
    d = wf_double_to_integer(d);
    if (d < 0) {
        JS_ThrowRangeError(ctx, "set-like size is negative");
        return -1;
    }
    rec->size = d;
    rec->has = JS_GetProperty(ctx, obj, JS_ATOM_has);
    if (JS_IsException(rec->has))
        return -1;
    if (!wf_is_callable(rec->has)) {
        JS_ThrowTypeError(ctx, "set-like 'has' is not a function");
        return -1;
    }
    rec->keys = JS_GetProperty(ctx, obj, JS_ATOM_keys);
    if (JS_IsException(rec->keys))
        return -1;
    if (!wf_is_callable(rec->keys)) {
        JS_ThrowTypeError(ctx, "set-like 'keys' is not a function");
        return -1;
    }
    return 0;
}

static void set_record_free(JSContext *ctx, SetRecord *rec)
{
    JS_FreeValue(ctx, rec->has);
    JS_FreeValue(ctx, rec->keys);
}

/* GetIteratorFromMethod(rec.set, rec.keys) with the "next" read once. */
static JSValue set_record_keys_iter(JSContext *ctx, SetRecord *rec, JSValue *pnext)
{
    JSValue iter = wf_call(ctx, rec->keys, rec->set, 0, NULL);
    *pnext = JS_UNDEFINED;
    if (JS_IsException(iter))
        return iter;
    if (!JS_IsObject(iter)) {
        JS_FreeValue(ctx, iter);
        return JS_ThrowTypeError(ctx, "keys() did not return an object");
    }
    *pnext = JS_GetProperty(ctx, iter, JS_ATOM_next);
    if (JS_IsException(*pnext)) {
        JS_FreeValue(ctx, iter);
        return JS_EXCEPTION;
    }
    return iter;
}

/* ToBoolean(Call(rec.has, rec.set, value)): -1 on exception. */
static int set_record_has(JSContext *ctx, SetRecord *rec, JSValueConst value)
{
    JSValue r = wf_call(ctx, rec->has, rec->set, 1, &value);
    int b;
    if (JS_IsException(r))
        return -1;
    b = JS_ToBool(ctx, r);
    JS_FreeValue(ctx, r);
    return b;
}

/* A new Set (intrinsic prototype) holding a copy of s. */
static JSValue set_copy(JSContext *ctx, MapState *s)
{
    JSValue obj = map_new(ctx, JS_UNDEFINED, MS_SET);
    struct list_head *el;
    if (JS_IsException(obj))
        return obj;
    list_for_each(el, &s->records) {
        MapRecord *r = list_entry(el, MapRecord, link);
        if (!r->empty && !map_add(ctx, map_state(obj), r->key, JS_UNDEFINED)) {
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
    }
    return obj;
}

enum {
    SET_OP_UNION, SET_OP_INTERSECTION, SET_OP_DIFFERENCE, SET_OP_SYMMETRIC_DIFFERENCE,
    SET_OP_IS_SUBSET, SET_OP_IS_SUPERSET, SET_OP_IS_DISJOINT,
};

static const char *const set_op_names[] = {
    "Set.prototype.union", "Set.prototype.intersection", "Set.prototype.difference",
    "Set.prototype.symmetricDifference", "Set.prototype.isSubsetOf",
    "Set.prototype.isSupersetOf", "Set.prototype.isDisjointFrom",
};

/* Walks this set live, calling other.has(e) for each element: used by the
   operations whose spec loops over O.[[SetData]] by index. */
static JSValue set_op_walk_this(JSContext *ctx, MapState *s, SetRecord *rec, int op, JSValue result)
{
    MapRecord *r = NULL;
    MapState *rs = JS_IsUndefined(result) ? NULL : map_state(result);
    while ((r = map_walk_next(ctx->rt, s, r)) != NULL) {
        JSValue e = JS_DupValue(ctx, r->key);
        int in = set_record_has(ctx, rec, e);
        MapRecord *found;
        if (in < 0) {
            JS_FreeValue(ctx, e);
            map_release_record(ctx->rt, r);
            JS_FreeValue(ctx, result);
            return JS_EXCEPTION;
        }
        switch (op) {
        case SET_OP_INTERSECTION:
            if (in && !map_find(rs, e) && !map_add(ctx, rs, e, JS_UNDEFINED))
                goto oom;
            break;
        case SET_OP_DIFFERENCE:
            if (in && (found = map_find(rs, e)) != NULL)
                map_delete_record(ctx->rt, rs, found);
            break;
        case SET_OP_IS_SUBSET:
            if (!in)
                goto answer_false;
            break;
        case SET_OP_IS_DISJOINT:
            if (in)
                goto answer_false;
            break;
        }
        JS_FreeValue(ctx, e);
        continue;
    answer_false:
        JS_FreeValue(ctx, e);
        map_release_record(ctx->rt, r);
        return JS_FALSE;
    oom:
        JS_FreeValue(ctx, e);
        map_release_record(ctx->rt, r);
        JS_FreeValue(ctx, result);
        return JS_EXCEPTION;
    }
    return JS_IsUndefined(result) ? JS_TRUE : result;
}

/* Iterates other.keys(): used by the operations that walk the argument. */
static JSValue set_op_walk_other(JSContext *ctx, MapState *s, SetRecord *rec, int op, JSValue result)
{
    JSValue next, iter = set_record_keys_iter(ctx, rec, &next);
    MapState *rs = JS_IsUndefined(result) ? NULL : map_state(result);
    bool done;
    if (JS_IsException(iter))
        goto fail;
    for (;;) {
        JSValue v = wf_iterator_step_value(ctx, iter, next, &done);
        JSValueConst e;
        MapRecord *found;
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        e = map_normalize_key(v);
        switch (op) {
        case SET_OP_UNION:
            if (!map_find(rs, e) && !map_add(ctx, rs, e, JS_UNDEFINED))
                goto fail_v;
            break;
        case SET_OP_INTERSECTION:
            if (map_find(s, e) && !map_find(rs, e) && !map_add(ctx, rs, e, JS_UNDEFINED))
                goto fail_v;
            break;
        case SET_OP_DIFFERENCE:
            if ((found = map_find(rs, e)) != NULL)
                map_delete_record(ctx->rt, rs, found);
            break;
        case SET_OP_SYMMETRIC_DIFFERENCE:
            found = map_find(rs, e);
            if (map_find(s, e)) {
                if (found)
                    map_delete_record(ctx->rt, rs, found);
            } else if (!found && !map_add(ctx, rs, e, JS_UNDEFINED)) {
                goto fail_v;
            }
            break;
        case SET_OP_IS_SUPERSET:
            if (!map_find(s, e))
                goto answer_false;
            break;
        case SET_OP_IS_DISJOINT:
            if (map_find(s, e))
                goto answer_false;
            break;
        }
        JS_FreeValue(ctx, v);
        continue;
    answer_false:
        JS_FreeValue(ctx, v);
        if (wf_iterator_close(ctx, iter, false) < 0)
            goto fail;
        JS_FreeValue(ctx, iter);
        JS_FreeValue(ctx, next);
        return JS_FALSE;
    fail_v:
        JS_FreeValue(ctx, v);
        goto fail;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return JS_IsUndefined(result) ? JS_TRUE : result;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, result);
    return JS_EXCEPTION;
}

static JSValue js_set_op(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv, int op)
{
    MapState *s = map_this(ctx, this_val, MS_SET, set_op_names[op]);
    SetRecord rec;
    JSValue result = JS_UNDEFINED, ret;
    (void)argc;
    if (!s)
        return JS_EXCEPTION;
    if (get_set_record(ctx, &rec, argv[0]) < 0) {
        set_record_free(ctx, &rec);
        return JS_EXCEPTION;
    }
    switch (op) {
    case SET_OP_UNION:
    case SET_OP_SYMMETRIC_DIFFERENCE:
        result = set_copy(ctx, s);
        ret = JS_IsException(result) ? result : set_op_walk_other(ctx, s, &rec, op, result);
        break;
    case SET_OP_INTERSECTION:
        result = map_new(ctx, JS_UNDEFINED, MS_SET);
        if (JS_IsException(result))
            ret = result;
        else if (s->count <= rec.size)
            ret = set_op_walk_this(ctx, s, &rec, op, result);
        else
            ret = set_op_walk_other(ctx, s, &rec, op, result);
        break;
    case SET_OP_DIFFERENCE:
        result = set_copy(ctx, s);
        if (JS_IsException(result))
            ret = result;
        else if (s->count <= rec.size)
            ret = set_op_walk_this(ctx, s, &rec, op, result);
        else
            ret = set_op_walk_other(ctx, s, &rec, op, result);
        break;
    case SET_OP_IS_SUBSET:
        ret = s->count > rec.size ? JS_FALSE : set_op_walk_this(ctx, s, &rec, op, JS_UNDEFINED);
        break;
    case SET_OP_IS_SUPERSET:
        ret = s->count < rec.size ? JS_FALSE : set_op_walk_other(ctx, s, &rec, op, JS_UNDEFINED);
        break;
    default: /* SET_OP_IS_DISJOINT */
        if (s->count <= rec.size)
            ret = set_op_walk_this(ctx, s, &rec, op, JS_UNDEFINED);
        else
            ret = set_op_walk_other(ctx, s, &rec, op, JS_UNDEFINED);
        break;
    }
    set_record_free(ctx, &rec);
    return ret;
}

/* ---- iterators ---- */

static void map_iterator_finalizer(JSRuntime *rt, JSValueConst obj)
{
    MapIterator *it = wf_obj(obj)->u.ptr;
    if (!it)
        return;
    if (it->cur)
        map_release_record(rt, it->cur);
    JS_FreeValueRT(rt, it->obj);
    js_free_rt(rt, it);
}

static void map_iterator_gc_mark(JSRuntime *rt, JSValueConst obj, JS_MarkFunc *mark_func)
{
    MapIterator *it = wf_obj(obj)->u.ptr;
    if (it)
        JS_MarkValue(rt, it->obj, mark_func);
}

/* magic: MS_ITER_* kind, plus 4 for sets */
static JSValue js_map_iterator_create(JSContext *ctx, JSValueConst this_val,
                                      int argc, JSValueConst *argv, int magic)
{
    int is_set = magic >> 2, kind = magic & 3;
    static const char *const names[2][3] = {
        { "Map.prototype.keys", "Map.prototype.values", "Map.prototype.entries" },
        { "Set.prototype.keys", "Set.prototype.values", "Set.prototype.entries" },
    };
    MapState *s = map_this(ctx, this_val, is_set, names[is_set][kind]);
    JSClassID cid = is_set ? JS_CLASS_SET_ITERATOR : JS_CLASS_MAP_ITERATOR;
    MapIterator *it;
    JSValue obj;
    (void)argc;
    (void)argv;
    if (!s)
        return JS_EXCEPTION;
    obj = JS_NewObjectProtoClass(ctx, wf_class_proto(ctx, cid), cid);
    if (JS_IsException(obj))
        return obj;
    it = js_malloc(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    it->obj = JS_DupValue(ctx, this_val);
    it->cur = NULL;
    it->kind = kind;
    wf_obj(obj)->u.ptr = it;
    return obj;
}

static JSValue js_map_iterator_next(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv, int magic)
{
    JSObject *p = wf_this_class(ctx, this_val, magic == MS_SET ? JS_CLASS_SET_ITERATOR : JS_CLASS_MAP_ITERATOR,
                                magic == MS_SET ? "%SetIteratorPrototype%.next" : "%MapIteratorPrototype%.next");
    MapIterator *it;
    MapRecord *r;
    JSValue result;
    (void)argc;
    (void)argv;
    if (!p)
        return JS_EXCEPTION;
    it = p->u.ptr;
    if (JS_IsUndefined(it->obj))
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    r = map_walk_next(ctx->rt, map_state(it->obj), it->cur);
    it->cur = r;
    if (!r) {
        JS_FreeValue(ctx, it->obj);
        it->obj = JS_UNDEFINED;
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    }
    switch (it->kind) {
    case MS_ITER_KEYS:
        result = JS_DupValue(ctx, r->key);
        break;
    case MS_ITER_VALUES:
        result = JS_DupValue(ctx, magic == MS_SET ? r->key : r->value);
        break;
    default: {
        JSValue pair[2];
        pair[0] = JS_DupValue(ctx, r->key);
        pair[1] = JS_DupValue(ctx, magic == MS_SET ? r->key : r->value);
        result = wf_array_from_values(ctx, 2, pair);
        if (JS_IsException(result))
            return result;
        break;
    }
    }
    return wf_iter_result(ctx, result, false);
}

static JSValue js_get_this(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

static const JSCFunctionListEntry js_map_funcs[] = {
    JS_CFUNC_DEF("groupBy", 2, js_map_group_by),
    JS_CGETSET_DEF("[Symbol.species]", js_get_this, NULL),
};

static const JSCFunctionListEntry js_map_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("get", 1, js_map_get, MS_MAP),
    JS_CFUNC_MAGIC_DEF("set", 2, js_map_set, MS_MAP),
    JS_CFUNC_MAGIC_DEF("has", 1, js_map_has, MS_MAP),
    JS_CFUNC_MAGIC_DEF("delete", 1, js_map_delete, MS_MAP),
    JS_CFUNC_MAGIC_DEF("clear", 0, js_map_clear, MS_MAP),
    JS_CGETSET_MAGIC_DEF("size", js_map_get_size, NULL, MS_MAP),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_map_for_each, MS_MAP),
    JS_CFUNC_MAGIC_DEF("keys", 0, js_map_iterator_create, MS_ITER_KEYS),
    JS_CFUNC_MAGIC_DEF("values", 0, js_map_iterator_create, MS_ITER_VALUES),
    JS_CFUNC_MAGIC_DEF("entries", 0, js_map_iterator_create, MS_ITER_ENTRIES),
    JS_ALIAS_DEF("[Symbol.iterator]", "entries"),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Map", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_set_funcs[] = {
    JS_CGETSET_DEF("[Symbol.species]", js_get_this, NULL),
};

static const JSCFunctionListEntry js_set_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("add", 1, js_map_set, MS_SET),
    JS_CFUNC_MAGIC_DEF("has", 1, js_map_has, MS_SET),
    JS_CFUNC_MAGIC_DEF("delete", 1, js_map_delete, MS_SET),
    JS_CFUNC_MAGIC_DEF("clear", 0, js_map_clear, MS_SET),
    JS_CGETSET_MAGIC_DEF("size", js_map_get_size, NULL, MS_SET),
    JS_CFUNC_MAGIC_DEF("forEach", 1, js_map_for_each, MS_SET),
    JS_CFUNC_MAGIC_DEF("union", 1, js_set_op, SET_OP_UNION),
    JS_CFUNC_MAGIC_DEF("intersection", 1, js_set_op, SET_OP_INTERSECTION),
    JS_CFUNC_MAGIC_DEF("difference", 1, js_set_op, SET_OP_DIFFERENCE),
    JS_CFUNC_MAGIC_DEF("symmetricDifference", 1, js_set_op, SET_OP_SYMMETRIC_DIFFERENCE),
    JS_CFUNC_MAGIC_DEF("isSubsetOf", 1, js_set_op, SET_OP_IS_SUBSET),
    JS_CFUNC_MAGIC_DEF("isSupersetOf", 1, js_set_op, SET_OP_IS_SUPERSET),
    JS_CFUNC_MAGIC_DEF("isDisjointFrom", 1, js_set_op, SET_OP_IS_DISJOINT),
    JS_CFUNC_MAGIC_DEF("values", 0, js_map_iterator_create, 4 | MS_ITER_VALUES),
    JS_ALIAS_DEF("keys", "values"),
    JS_CFUNC_MAGIC_DEF("entries", 0, js_map_iterator_create, 4 | MS_ITER_ENTRIES),
    JS_ALIAS_DEF("[Symbol.iterator]", "values"),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Set", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_map_iterator_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 0, js_map_iterator_next, MS_MAP),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Map Iterator", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_set_iterator_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 0, js_map_iterator_next, MS_SET),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Set Iterator", JS_PROP_CONFIGURABLE),
};

static int init_one(JSContext *ctx, int magic, const char *name,
                    const JSCFunctionListEntry *ctor_funcs, int n_ctor,
                    const JSCFunctionListEntry *proto_funcs, int n_proto,
                    JSClassID iter_cid, const JSCFunctionListEntry *iter_funcs, int n_iter)
{
    JSClassID cid = magic == MS_SET ? JS_CLASS_SET : JS_CLASS_MAP;
    JSValue proto, ctor, iter_proto;
    JSCFunctionType ft;

    wf_class_set_hooks(ctx->rt, cid, map_finalizer, map_gc_mark, NULL, NULL);
    wf_class_set_hooks(ctx->rt, iter_cid, map_iterator_finalizer, map_iterator_gc_mark, NULL, NULL);

    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[cid] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, proto_funcs, n_proto) < 0)
        return -1;
    ft.constructor_magic = js_map_constructor;
    ctor = wf_define_ctor(ctx, ft.constructor, name, 0,
                          JS_CFUNC_constructor_magic, magic, proto);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, ctor_funcs, n_ctor) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);

    iter_proto = JS_NewObjectProto(ctx, ctx->iterator_proto);
    if (JS_IsException(iter_proto))
        return -1;
    ctx->class_proto[iter_cid] = iter_proto;
    return JS_SetPropertyFunctionList(ctx, iter_proto, iter_funcs, n_iter);
}

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

int wf_init_mapset(JSContext *ctx)
{
    if (init_one(ctx, MS_MAP, "Map", js_map_funcs, countof(js_map_funcs),
                 js_map_proto_funcs, countof(js_map_proto_funcs),
                 JS_CLASS_MAP_ITERATOR, js_map_iterator_proto_funcs,
                 countof(js_map_iterator_proto_funcs)) < 0)
        return -1;
    return init_one(ctx, MS_SET, "Set", js_set_funcs, countof(js_set_funcs),
                    js_set_proto_funcs, countof(js_set_proto_funcs),
                    JS_CLASS_SET_ITERATOR, js_set_iterator_proto_funcs,
                    countof(js_set_iterator_proto_funcs));
}

bool JS_IsMap(JSValueConst val)
{
    return JS_IsObject(val) && wf_obj(val)->class_id == JS_CLASS_MAP;
}

/* ------------------------------------------------------------------ */
/* For the structured clone (engine/serialize.c; declared in
   engine/serialize_int.h): [[MapData]] / [[SetData]] without user code. */

/* A new empty Map (is_set false) or Set of the realm. */
JSValue wf_mapset_new(JSContext *ctx, bool is_set)
{
    return map_new(ctx, JS_UNDEFINED, is_set ? MS_SET : MS_MAP);
}

/* The live entries in order, as new references: keys and values
   interleaved for a Map (2 * count values), keys for a Set.  *ptab is
   js_malloc'd (NULL when empty).  -1 on OOM. */
int wf_mapset_snapshot(JSContext *ctx, JSValueConst obj, JSValue **ptab, uint32_t *pcount)
{
    MapState *s = map_state(obj);
    uint32_t per = s->is_set ? 1 : 2, n = 0;
    JSValue *tab = NULL;
    struct list_head *el;

    *ptab = NULL;
    *pcount = 0;
    if (s->count == 0)
        return 0;
    tab = js_malloc(ctx, sizeof(JSValue) * per * s->count);
    if (!tab)
        return -1;
    list_for_each(el, &s->records) {
        MapRecord *r = list_entry(el, MapRecord, link);
        if (r->empty)
            continue;
        tab[n * per] = JS_DupValue(ctx, r->key);
        if (per == 2)
            tab[n * per + 1] = JS_DupValue(ctx, r->value);
        n++;
    }
    *ptab = tab;
    *pcount = n;
    return 0;
}

/* Map.prototype.set / Set.prototype.add on the internal data (borrowed
   key and value; value ignored for a Set).  -1 on OOM. */
int wf_mapset_add(JSContext *ctx, JSValueConst obj, JSValueConst key, JSValueConst value)
{
    MapState *s = map_state(obj);
    MapRecord *r = map_find(s, map_normalize_key(key));
    if (r) {
        if (!s->is_set) {
            JS_FreeValue(ctx, r->value);
            r->value = JS_DupValue(ctx, value);
        }
        return 0;
    }
    return map_add(ctx, s, key, s->is_set ? JS_UNDEFINED : value) ? 0 : -1;
}
