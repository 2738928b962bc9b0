/*
 * object.c - the Object constructor and Object.prototype (ECMA-262 20.1,
 * B.2.2 the __proto__ accessor and the legacy __defineGetter__ family).
 *
 * Everything here goes through the object model's internal methods
 * (engine/object.h), so proxies and other exotic objects see each step the
 * spec performs, in the spec's order.  Object.prototype's immutable
 * [[Prototype]] (10.4.7) is enforced by the object model's SetPrototypeOf.
 */
#include <string.h>
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

/* CreateDataPropertyOrThrow: val consumed. */
static int create_data_prop(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValue val)
{
    return wf_obj_define_value(ctx, obj, atom, val,
                               JS_PROP_C_W_E | JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE |
                               JS_PROP_HAS_ENUMERABLE | JS_PROP_HAS_CONFIGURABLE |
                               JS_PROP_THROW);
}

/* DefinePropertyOrThrow with a descriptor from wf_to_property_descriptor. */
static int define_from_desc(JSContext *ctx, JSValueConst obj, JSAtom atom,
                            const JSPropertyDescriptor *desc)
{
    return wf_obj_define(ctx, obj, atom, desc->value, desc->getter, desc->setter,
                         desc->flags | JS_PROP_THROW | JS_PROP_DEFINE_PROPERTY);
}

static JSValue object_new(JSContext *ctx)
{
    return wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
}

/* ---------------------------------------------------------------------- */
/* Object constructor                                                      */

static JSValue js_object_constructor(JSContext *ctx, JSValueConst new_target,
                                     int argc, JSValueConst *argv);

static bool is_this_object_ctor(JSContext *ctx, JSValueConst v)
{
    JSObject *p;

    if (!JS_IsObject(v))
        return false;
    p = wf_obj(v);
    return p->class_id == JS_CLASS_C_FUNCTION &&
           p->u.cfunc.c_function.constructor_or_func == js_object_constructor &&
           p->u.cfunc.realm == ctx;
}

static JSValue js_object_constructor(JSContext *ctx, JSValueConst new_target,
                                     int argc, JSValueConst *argv)
{
    JSValueConst v = arg(argc, argv, 0);

    if (!JS_IsUndefined(new_target) && !is_this_object_ctor(ctx, new_target))
        return wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_OBJECT);
    if (JS_IsUndefined(v) || JS_IsNull(v))
        return object_new(ctx);
    return wf_to_object(ctx, v);
}

/* ---------------------------------------------------------------------- */
/* Object static methods                                                   */

static JSValue js_object_assign(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    JSValue to, from = JS_UNDEFINED, v;
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, j;
    JSPropertyDescriptor desc;
    int i, r;

    (void)this_val;
    to = wf_to_object(ctx, arg(argc, argv, 0));
    if (JS_IsException(to))
        return to;
    for (i = 1; i < argc; i++) {
        if (JS_IsUndefined(argv[i]) || JS_IsNull(argv[i]))
            continue;
        from = wf_to_object(ctx, argv[i]);
        if (JS_IsException(from))
            goto fail;
        if (wf_obj_own_keys(ctx, &tab, &len, from, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
            goto fail;
        for (j = 0; j < len; j++) {
            r = wf_obj_get_own_property(ctx, &desc, from, tab[j].atom);
            if (r < 0)
                goto fail;
            if (!r)
                continue;
            r = (desc.flags & JS_PROP_ENUMERABLE) != 0;
            wf_desc_free(ctx, &desc);
            if (!r)
                continue;
            v = wf_obj_get(ctx, from, tab[j].atom, from);
            if (JS_IsException(v))
                goto fail;
            if (wf_obj_set(ctx, to, tab[j].atom, v, to, JS_PROP_THROW) < 0)
                goto fail;
        }
        wf_prop_enum_free(ctx->rt, tab, len);
        tab = NULL;
        JS_FreeValue(ctx, from);
        from = JS_UNDEFINED;
    }
    return to;
fail:
    if (tab)
        wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, from);
    JS_FreeValue(ctx, to);
    return JS_EXCEPTION;
}

/* ObjectDefineProperties (20.1.2.3.1): obj is an object. */
static int object_define_properties(JSContext *ctx, JSValueConst obj, JSValueConst properties)
{
    JSValue props, desc_obj;
    JSPropertyEnum *tab = NULL;
    JSPropertyDescriptor *descs = NULL, pd;
    uint32_t len = 0, n = 0, i;
    int r, ret = -1;

    props = wf_to_object(ctx, properties);
    if (JS_IsException(props))
        return -1;
    if (wf_obj_own_keys(ctx, &tab, &len, props, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
        goto done;
    if (len > 0) {
        descs = js_malloc(ctx, sizeof(*descs) * len);
        if (!descs)
            goto done;
    }
    /* the `atom` of each kept key is remembered in tab[n].atom order */
    for (i = 0; i < len; i++) {
        r = wf_obj_get_own_property(ctx, &pd, props, tab[i].atom);
        if (r < 0)
            goto done;
        if (!r)
            continue;
        r = (pd.flags & JS_PROP_ENUMERABLE) != 0;
        wf_desc_free(ctx, &pd);
        if (!r)
            continue;
        desc_obj = wf_obj_get(ctx, props, tab[i].atom, props);
        if (JS_IsException(desc_obj))
            goto done;
        r = wf_to_property_descriptor(ctx, &descs[n], desc_obj);
        JS_FreeValue(ctx, desc_obj);
        if (r < 0)
            goto done;
        /* reuse tab: slot n holds the key of descriptor n */
        if (n != i) {
            JSAtom t = tab[n].atom;
            tab[n].atom = tab[i].atom;
            tab[i].atom = t;
        }
        n++;
    }
    for (i = 0; i < n; i++) {
        if (define_from_desc(ctx, obj, tab[i].atom, &descs[i]) < 0)
            goto done;
    }
    ret = 0;
done:
    for (i = 0; i < n; i++)
        wf_desc_free(ctx, &descs[i]);
    js_free(ctx, descs);
    if (tab)
        wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, props);
    return ret;
}

static JSValue js_object_create(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    JSValueConst proto = arg(argc, argv, 0), props = arg(argc, argv, 1);
    JSValue obj;

    (void)this_val;
    if (!JS_IsObject(proto) && !JS_IsNull(proto))
        return JS_ThrowTypeError(ctx, "Object prototype may only be an Object or null");
    obj = wf_obj_new(ctx, proto, JS_CLASS_OBJECT);
    if (JS_IsException(obj))
        return obj;
    if (!JS_IsUndefined(props) && object_define_properties(ctx, obj, props) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue js_object_define_properties(JSContext *ctx, JSValueConst this_val,
                                           int argc, JSValueConst *argv)
{
    JSValueConst obj = arg(argc, argv, 0);

    (void)this_val;
    if (!JS_IsObject(obj))
        return wf_throw_not_object(ctx, obj);
    if (object_define_properties(ctx, obj, arg(argc, argv, 1)) < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, obj);
}

static JSValue js_object_define_property(JSContext *ctx, JSValueConst this_val,
                                         int argc, JSValueConst *argv)
{
    JSValueConst obj = arg(argc, argv, 0);
    JSPropertyDescriptor desc;
    JSAtom atom;
    int r;

    (void)this_val;
    if (!JS_IsObject(obj))
        return wf_throw_not_object(ctx, obj);
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    if (wf_to_property_descriptor(ctx, &desc, arg(argc, argv, 2)) < 0) {
        JS_FreeAtom(ctx, atom);
        return JS_EXCEPTION;
    }
    r = define_from_desc(ctx, obj, atom, &desc);
    wf_desc_free(ctx, &desc);
    JS_FreeAtom(ctx, atom);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, obj);
}

enum { KIND_KEYS, KIND_VALUES, KIND_ENTRIES };

/* EnumerableOwnProperties (7.3.23). */
static JSValue enumerable_own_properties(JSContext *ctx, JSValueConst v, int kind)
{
    JSValue obj, arr = JS_UNDEFINED, val, pair;
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, i;
    JSPropertyDescriptor desc;
    int r;

    obj = wf_to_object(ctx, v);
    if (JS_IsException(obj))
        return obj;
    if (wf_obj_own_keys(ctx, &tab, &len, obj, JS_GPN_STRING_MASK) < 0)
        goto fail;
    arr = wf_array_new(ctx, len);
    if (JS_IsException(arr))
        goto fail;
    for (i = 0; i < len; i++) {
        JSAtom atom = tab[i].atom;
        r = wf_obj_get_own_property(ctx, &desc, obj, atom);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        r = (desc.flags & JS_PROP_ENUMERABLE) != 0;
        wf_desc_free(ctx, &desc);
        if (!r)
            continue;
        if (kind == KIND_KEYS) {
            val = JS_AtomToString(ctx, atom);
        } else {
            val = wf_obj_get(ctx, obj, atom, obj);
            if (!JS_IsException(val) && kind == KIND_ENTRIES) {
                JSValue kv[2];
                kv[0] = JS_AtomToString(ctx, atom);
                if (JS_IsException(kv[0])) {
                    JS_FreeValue(ctx, val);
                    goto fail;
                }
                kv[1] = val;
                pair = wf_array_from_values(ctx, 2, kv);
                val = pair;
            }
        }
        if (JS_IsException(val))
            goto fail;
        if (wf_array_push(ctx, arr, val) < 0)
            goto fail;
    }
    wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, obj);
    return arr;
fail:
    if (tab)
        wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_object_keys(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv, int magic)
{
    (void)this_val;
    return enumerable_own_properties(ctx, arg(argc, argv, 0), magic);
}

/* freeze / seal (magic 1 / 0). */
static JSValue js_object_freeze(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv, int freeze)
{
    JSValueConst obj = arg(argc, argv, 0);
    int r;

    (void)this_val;
    if (!JS_IsObject(obj))
        return JS_DupValue(ctx, obj);
    r = wf_obj_set_integrity(ctx, obj, freeze != 0);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return JS_ThrowTypeError(ctx, freeze ? "cannot freeze object" : "cannot seal object");
    return JS_DupValue(ctx, obj);
}

/* isFrozen / isSealed (magic 1 / 0). */
static JSValue js_object_is_frozen(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv, int frozen)
{
    JSValueConst obj = arg(argc, argv, 0);
    int r;

    (void)this_val;
    if (!JS_IsObject(obj))
        return JS_TRUE;
    r = wf_obj_test_integrity(ctx, obj, frozen != 0);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

static JSValue js_object_from_entries(JSContext *ctx, JSValueConst this_val,
                                      int argc, JSValueConst *argv)
{
    JSValueConst iterable = arg(argc, argv, 0);
    JSValue obj, iter = JS_UNDEFINED, next = JS_UNDEFINED, item = JS_UNDEFINED, k, v;
    JSAtom atom;
    bool done;

    (void)this_val;
    if (wf_require_object_coercible(ctx, iterable, "Object.fromEntries") < 0)
        return JS_EXCEPTION;
    obj = object_new(ctx);
    if (JS_IsException(obj))
        return obj;
    iter = wf_get_iterator(ctx, iterable, false, &next);
    if (JS_IsException(iter))
        goto fail;
    for (;;) {
        item = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(item))
            goto fail;
        if (done)
            break;
        if (!JS_IsObject(item)) {
            wf_throw_not_object(ctx, item);
            goto fail_close;
        }
        k = wf_obj_get_uint32(ctx, item, 0);
        if (JS_IsException(k))
            goto fail_close;
        v = wf_obj_get_uint32(ctx, item, 1);
        if (JS_IsException(v)) {
            JS_FreeValue(ctx, k);
            goto fail_close;
        }
        atom = wf_to_property_key(ctx, k);
        JS_FreeValue(ctx, k);
        if (atom == JS_ATOM_NULL) {
            JS_FreeValue(ctx, v);
            goto fail_close;
        }
        if (create_data_prop(ctx, obj, atom, v) < 0) {
            JS_FreeAtom(ctx, atom);
            goto fail_close;
        }
        JS_FreeAtom(ctx, atom);
        JS_FreeValue(ctx, item);
        item = JS_UNDEFINED;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return obj;
fail_close:
    wf_iterator_close(ctx, iter, true);
fail:
    JS_FreeValue(ctx, item);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_object_get_own_property_descriptor(JSContext *ctx, JSValueConst this_val,
                                                     int argc, JSValueConst *argv)
{
    JSValue obj, ret;
    JSPropertyDescriptor desc;
    JSAtom atom;
    int r;

    (void)this_val;
    obj = wf_to_object(ctx, arg(argc, argv, 0));
    if (JS_IsException(obj))
        return obj;
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    r = wf_obj_get_own_property(ctx, &desc, obj, atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return JS_UNDEFINED;
    ret = wf_from_property_descriptor(ctx, &desc);
    wf_desc_free(ctx, &desc);
    return ret;
}

static JSValue js_object_get_own_property_descriptors(JSContext *ctx, JSValueConst this_val,
                                                      int argc, JSValueConst *argv)
{
    JSValue obj, res = JS_UNDEFINED, d;
    JSPropertyEnum *tab = NULL;
    JSPropertyDescriptor desc;
    uint32_t len = 0, i;
    int r;

    (void)this_val;
    obj = wf_to_object(ctx, arg(argc, argv, 0));
    if (JS_IsException(obj))
        return obj;
    if (wf_obj_own_keys(ctx, &tab, &len, obj, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
        goto fail;
    res = object_new(ctx);
    if (JS_IsException(res))
        goto fail;
    for (i = 0; i < len; i++) {
        r = wf_obj_get_own_property(ctx, &desc, obj, tab[i].atom);
        if (r < 0)
            goto fail;
        if (!r)
            continue;
        d = wf_from_property_descriptor(ctx, &desc);
        wf_desc_free(ctx, &desc);
        if (JS_IsException(d))
            goto fail;
        if (create_data_prop(ctx, res, tab[i].atom, d) < 0)
            goto fail;
    }
    wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, obj);
    return res;
fail:
    if (tab)
        wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, res);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* GetOwnPropertyKeys (20.1.2.11.1): magic is the JS_GPN_* type mask. */
static JSValue js_object_get_own_property_names(JSContext *ctx, JSValueConst this_val,
                                                int argc, JSValueConst *argv, int magic)
{
    JSValue obj, arr = JS_UNDEFINED, v;
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, i;

    (void)this_val;
    obj = wf_to_object(ctx, arg(argc, argv, 0));
    if (JS_IsException(obj))
        return obj;
    if (wf_obj_own_keys(ctx, &tab, &len, obj, magic) < 0)
        goto fail;
    arr = wf_array_new(ctx, len);
    if (JS_IsException(arr))
        goto fail;
    for (i = 0; i < len; i++) {
        v = wf_atom_to_value(ctx, tab[i].atom);
        if (JS_IsException(v))
            goto fail;
        if (wf_array_push(ctx, arr, v) < 0)
            goto fail;
    }
    wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, obj);
    return arr;
fail:
    if (tab)
        wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_object_get_prototype_of(JSContext *ctx, JSValueConst this_val,
                                          int argc, JSValueConst *argv)
{
    JSValue obj, proto;

    (void)this_val;
    obj = wf_to_object(ctx, arg(argc, argv, 0));
    if (JS_IsException(obj))
        return obj;
    proto = wf_obj_get_proto(ctx, obj);
    JS_FreeValue(ctx, obj);
    return proto;
}

/* GroupBy (7.3.35) with property keys: Object.groupBy. */
static JSValue js_object_group_by(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv)
{
    JSValueConst items = arg(argc, argv, 0), callback = arg(argc, argv, 1);
    JSValue groups = JS_UNDEFINED, res = JS_UNDEFINED, iter = JS_UNDEFINED;
    JSValue next = JS_UNDEFINED, value = JS_UNDEFINED, key, list, args[2];
    JSAtom *order = NULL, atom;
    uint32_t n_order = 0, size_order = 0, i;
    int64_t k = 0;
    bool done;

    (void)this_val;
    if (wf_require_object_coercible(ctx, items, "Object.groupBy") < 0)
        return JS_EXCEPTION;
    if (!wf_is_callable(callback))
        return wf_throw_not_function(ctx, callback);
    /* groups: null-prototype object from key to its array; `order` keeps
       the keys in first-seen order, as the result needs */
    groups = wf_obj_new(ctx, JS_NULL, JS_CLASS_OBJECT);
    if (JS_IsException(groups))
        return groups;
    iter = wf_get_iterator(ctx, items, false, &next);
    if (JS_IsException(iter))
        goto fail;
    for (;;) {
        if (k >= ((int64_t)1 << 53) - 1) {
            JS_ThrowTypeError(ctx, "too many elements");
            goto fail_close;
        }
        value = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(value))
            goto fail;
        if (done)
            break;
        args[0] = value;
        args[1] = JS_NewInt64(ctx, k);
        key = wf_call(ctx, callback, JS_UNDEFINED, 2, args);
        if (JS_IsException(key))
            goto fail_close;
        atom = wf_to_property_key(ctx, key);
        JS_FreeValue(ctx, key);
        if (atom == JS_ATOM_NULL)
            goto fail_close;
        list = wf_obj_get(ctx, groups, atom, groups);
        if (JS_IsException(list)) {
            JS_FreeAtom(ctx, atom);
            goto fail_close;
        }
        if (JS_IsUndefined(list)) {
            if (n_order == size_order) {
                uint32_t ns = size_order ? size_order * 2 : 8;
                JSAtom *no = js_realloc(ctx, order, sizeof(JSAtom) * ns);
                if (!no) {
                    JS_FreeAtom(ctx, atom);
                    goto fail_close;
                }
                order = no;
                size_order = ns;
            }
            list = wf_array_new(ctx, 0);
            if (JS_IsException(list) ||
                create_data_prop(ctx, groups, atom, JS_DupValue(ctx, list)) < 0) {
                JS_FreeValue(ctx, list);
                JS_FreeAtom(ctx, atom);
                goto fail_close;
            }
            order[n_order++] = atom;
        } else {
            JS_FreeAtom(ctx, atom);
        }
        if (wf_array_push(ctx, list, value) < 0) {
            value = JS_UNDEFINED;
            JS_FreeValue(ctx, list);
            goto fail_close;
        }
        value = JS_UNDEFINED;
        JS_FreeValue(ctx, list);
        k++;
    }
    res = wf_obj_new(ctx, JS_NULL, JS_CLASS_OBJECT);
    if (JS_IsException(res))
        goto fail;
    for (i = 0; i < n_order; i++) {
        list = wf_obj_get(ctx, groups, order[i], groups);
        if (JS_IsException(list) || create_data_prop(ctx, res, order[i], list) < 0)
            goto fail;
    }
    goto done;
fail_close:
    wf_iterator_close(ctx, iter, true);
fail:
    JS_FreeValue(ctx, res);
    res = JS_EXCEPTION;
done:
    JS_FreeValue(ctx, value);
    for (i = 0; i < n_order; i++)
        JS_FreeAtom(ctx, order[i]);
    js_free(ctx, order);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    JS_FreeValue(ctx, groups);
    return res;
}

static JSValue js_object_has_own(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    JSValue obj;
    JSAtom atom;
    int r;

    (void)this_val;
    obj = wf_to_object(ctx, arg(argc, argv, 0));
    if (JS_IsException(obj))
        return obj;
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    r = wf_obj_get_own_property(ctx, NULL, obj, atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

static JSValue js_object_is(JSContext *ctx, JSValueConst this_val,
                            int argc, JSValueConst *argv)
{
    (void)this_val;
    return JS_NewBool(ctx, wf_same_value(arg(argc, argv, 0), arg(argc, argv, 1)));
}

static JSValue js_object_is_extensible(JSContext *ctx, JSValueConst this_val,
                                       int argc, JSValueConst *argv)
{
    JSValueConst obj = arg(argc, argv, 0);
    int r;

    (void)this_val;
    if (!JS_IsObject(obj))
        return JS_FALSE;
    r = wf_obj_is_extensible(ctx, obj);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

static JSValue js_object_prevent_extensions(JSContext *ctx, JSValueConst this_val,
                                            int argc, JSValueConst *argv)
{
    JSValueConst obj = arg(argc, argv, 0);
    int r;

    (void)this_val;
    if (!JS_IsObject(obj))
        return JS_DupValue(ctx, obj);
    r = wf_obj_prevent_extensions(ctx, obj);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return JS_ThrowTypeError(ctx, "cannot prevent extensions");
    return JS_DupValue(ctx, obj);
}

static JSValue js_object_set_prototype_of(JSContext *ctx, JSValueConst this_val,
                                          int argc, JSValueConst *argv)
{
    JSValueConst obj = arg(argc, argv, 0), proto = arg(argc, argv, 1);

    (void)this_val;
    if (wf_require_object_coercible(ctx, obj, "Object.setPrototypeOf") < 0)
        return JS_EXCEPTION;
    if (!JS_IsObject(proto) && !JS_IsNull(proto))
        return JS_ThrowTypeError(ctx, "Object prototype may only be an Object or null");
    if (!JS_IsObject(obj))
        return JS_DupValue(ctx, obj);
    if (wf_obj_set_proto(ctx, obj, proto, true) < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, obj);
}

/* ---------------------------------------------------------------------- */
/* Object.prototype                                                        */

static JSValue js_object_proto_has_own_property(JSContext *ctx, JSValueConst this_val,
                                                int argc, JSValueConst *argv)
{
    JSValue obj;
    JSAtom atom;
    int r;

    atom = wf_to_property_key(ctx, arg(argc, argv, 0));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj)) {
        JS_FreeAtom(ctx, atom);
        return obj;
    }
    r = wf_obj_get_own_property(ctx, NULL, obj, atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

static JSValue js_object_proto_is_prototype_of(JSContext *ctx, JSValueConst this_val,
                                               int argc, JSValueConst *argv)
{
    JSValueConst v = arg(argc, argv, 0);
    JSValue obj, cur, proto;
    int ret = 0;

    if (!JS_IsObject(v))
        return JS_FALSE;
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    cur = JS_DupValue(ctx, v);
    for (;;) {
        proto = wf_obj_get_proto(ctx, cur);
        JS_FreeValue(ctx, cur);
        if (JS_IsException(proto)) {
            ret = -1;
            break;
        }
        if (JS_IsNull(proto))
            break;
        if (wf_obj(proto) == wf_obj(obj)) {
            JS_FreeValue(ctx, proto);
            ret = 1;
            break;
        }
        cur = proto;
    }
    JS_FreeValue(ctx, obj);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static JSValue js_object_proto_property_is_enumerable(JSContext *ctx, JSValueConst this_val,
                                                      int argc, JSValueConst *argv)
{
    JSValue obj;
    JSPropertyDescriptor desc;
    JSAtom atom;
    int r;

    atom = wf_to_property_key(ctx, arg(argc, argv, 0));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj)) {
        JS_FreeAtom(ctx, atom);
        return obj;
    }
    r = wf_obj_get_own_property(ctx, &desc, obj, atom);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return JS_FALSE;
    r = (desc.flags & JS_PROP_ENUMERABLE) != 0;
    wf_desc_free(ctx, &desc);
    return JS_NewBool(ctx, r);
}

static JSValue js_object_proto_to_locale_string(JSContext *ctx, JSValueConst this_val,
                                                int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    return wf_invoke(ctx, this_val, JS_ATOM_toString, 0, NULL);
}

static JSValue js_object_proto_to_string(JSContext *ctx, JSValueConst this_val,
                                         int argc, JSValueConst *argv)
{
    JSValue obj, tag, builtin;
    WFStringBuilder sb;

    (void)argc;
    (void)argv;
    if (JS_IsUndefined(this_val))
        return JS_NewString(ctx, "[object Undefined]");
    if (JS_IsNull(this_val))
        return JS_NewString(ctx, "[object Null]");
    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    /* builtinTag first: IsArray may throw (revoked proxy) before the Get */
    builtin = wf_obj_to_string_tag(ctx, obj);
    if (JS_IsException(builtin)) {
        JS_FreeValue(ctx, obj);
        return builtin;
    }
    tag = wf_obj_get(ctx, obj, JS_ATOM_Symbol_toStringTag, obj);
    JS_FreeValue(ctx, obj);
    if (JS_IsException(tag)) {
        JS_FreeValue(ctx, builtin);
        return tag;
    }
    wf_sb_init(ctx, &sb, 32);
    wf_sb_puts(&sb, "[object ");
    wf_sb_put_value(&sb, JS_IsString(tag) ? tag : builtin);
    wf_sb_putc(&sb, ']');
    JS_FreeValue(ctx, tag);
    JS_FreeValue(ctx, builtin);
    return wf_sb_finish(&sb);
}

static JSValue js_object_proto_value_of(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    return wf_to_object(ctx, this_val);
}

static JSValue js_object_proto_get_proto(JSContext *ctx, JSValueConst this_val)
{
    JSValue obj, proto;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    proto = wf_obj_get_proto(ctx, obj);
    JS_FreeValue(ctx, obj);
    return proto;
}

static JSValue js_object_proto_set_proto(JSContext *ctx, JSValueConst this_val, JSValueConst proto)
{
    if (wf_require_object_coercible(ctx, this_val, "Object.prototype.__proto__") < 0)
        return JS_EXCEPTION;
    if (!JS_IsObject(proto) && !JS_IsNull(proto))
        return JS_UNDEFINED;
    if (!JS_IsObject(this_val))
        return JS_UNDEFINED;
    if (wf_obj_set_proto(ctx, this_val, proto, true) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* __defineGetter__ / __defineSetter__ (magic 0 / 1), B.2.2.2-3. */
static JSValue js_object_proto_define_getter(JSContext *ctx, JSValueConst this_val,
                                             int argc, JSValueConst *argv, int is_setter)
{
    JSValueConst fn = arg(argc, argv, 1);
    JSValue obj;
    JSAtom atom;
    int r, flags;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    if (!wf_is_callable(fn)) {
        JS_FreeValue(ctx, obj);
        return wf_throw_not_function(ctx, fn);
    }
    atom = wf_to_property_key(ctx, arg(argc, argv, 0));
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    flags = JS_PROP_ENUMERABLE | JS_PROP_CONFIGURABLE | JS_PROP_HAS_ENUMERABLE |
            JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW | JS_PROP_DEFINE_PROPERTY;
    if (is_setter)
        r = wf_obj_define(ctx, obj, atom, JS_UNDEFINED, JS_UNDEFINED, fn, flags | JS_PROP_HAS_SET);
    else
        r = wf_obj_define(ctx, obj, atom, JS_UNDEFINED, fn, JS_UNDEFINED, flags | JS_PROP_HAS_GET);
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

/* __lookupGetter__ / __lookupSetter__ (magic 0 / 1), B.2.2.4-5. */
static JSValue js_object_proto_lookup_getter(JSContext *ctx, JSValueConst this_val,
                                             int argc, JSValueConst *argv, int is_setter)
{
    JSValue obj, proto, ret = JS_UNDEFINED;
    JSPropertyDescriptor desc;
    JSAtom atom;
    int r;

    obj = wf_to_object(ctx, this_val);
    if (JS_IsException(obj))
        return obj;
    atom = wf_to_property_key(ctx, arg(argc, argv, 0));
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    for (;;) {
        r = wf_obj_get_own_property(ctx, &desc, obj, atom);
        if (r < 0) {
            ret = JS_EXCEPTION;
            break;
        }
        if (r) {
            if ((desc.flags & JS_PROP_GETSET) == JS_PROP_GETSET)
                ret = JS_DupValue(ctx, is_setter ? desc.setter : desc.getter);
            wf_desc_free(ctx, &desc);
            break;
        }
        proto = wf_obj_get_proto(ctx, obj);
        JS_FreeValue(ctx, obj);
        obj = JS_UNDEFINED;
        if (JS_IsException(proto)) {
            ret = JS_EXCEPTION;
            break;
        }
        if (JS_IsNull(proto))
            break;
        obj = proto;
    }
    JS_FreeAtom(ctx, atom);
    JS_FreeValue(ctx, obj);
    return ret;
}

static const JSCFunctionListEntry js_object_funcs[] = {
    JS_CFUNC_DEF("assign", 2, js_object_assign),
    JS_CFUNC_DEF("create", 2, js_object_create),
    JS_CFUNC_DEF("defineProperties", 2, js_object_define_properties),
    JS_CFUNC_DEF("defineProperty", 3, js_object_define_property),
    JS_CFUNC_MAGIC_DEF("entries", 1, js_object_keys, KIND_ENTRIES),
    JS_CFUNC_MAGIC_DEF("freeze", 1, js_object_freeze, 1),
    JS_CFUNC_DEF("fromEntries", 1, js_object_from_entries),
    JS_CFUNC_DEF("getOwnPropertyDescriptor", 2, js_object_get_own_property_descriptor),
    JS_CFUNC_DEF("getOwnPropertyDescriptors", 1, js_object_get_own_property_descriptors),
    JS_CFUNC_MAGIC_DEF("getOwnPropertyNames", 1, js_object_get_own_property_names,
                       JS_GPN_STRING_MASK),
    JS_CFUNC_MAGIC_DEF("getOwnPropertySymbols", 1, js_object_get_own_property_names,
                       JS_GPN_SYMBOL_MASK),
    JS_CFUNC_DEF("getPrototypeOf", 1, js_object_get_prototype_of),
    JS_CFUNC_DEF("groupBy", 2, js_object_group_by),
    JS_CFUNC_DEF("hasOwn", 2, js_object_has_own),
    JS_CFUNC_DEF("is", 2, js_object_is),
    JS_CFUNC_DEF("isExtensible", 1, js_object_is_extensible),
    JS_CFUNC_MAGIC_DEF("isFrozen", 1, js_object_is_frozen, 1),
    JS_CFUNC_MAGIC_DEF("isSealed", 1, js_object_is_frozen, 0),
    JS_CFUNC_MAGIC_DEF("keys", 1, js_object_keys, KIND_KEYS),
    JS_CFUNC_DEF("preventExtensions", 1, js_object_prevent_extensions),
    JS_CFUNC_MAGIC_DEF("seal", 1, js_object_freeze, 0),
    JS_CFUNC_DEF("setPrototypeOf", 2, js_object_set_prototype_of),
    JS_CFUNC_MAGIC_DEF("values", 1, js_object_keys, KIND_VALUES),
};

static const JSCFunctionListEntry js_object_proto_funcs[] = {
    JS_CFUNC_DEF("hasOwnProperty", 1, js_object_proto_has_own_property),
    JS_CFUNC_DEF("isPrototypeOf", 1, js_object_proto_is_prototype_of),
    JS_CFUNC_DEF("propertyIsEnumerable", 1, js_object_proto_property_is_enumerable),
    JS_CFUNC_DEF("toLocaleString", 0, js_object_proto_to_locale_string),
    JS_CFUNC_DEF("toString", 0, js_object_proto_to_string),
    JS_CFUNC_DEF("valueOf", 0, js_object_proto_value_of),
    JS_CGETSET_DEF("__proto__", js_object_proto_get_proto, js_object_proto_set_proto),
    JS_CFUNC_MAGIC_DEF("__defineGetter__", 2, js_object_proto_define_getter, 0),
    JS_CFUNC_MAGIC_DEF("__defineSetter__", 2, js_object_proto_define_getter, 1),
    JS_CFUNC_MAGIC_DEF("__lookupGetter__", 1, js_object_proto_lookup_getter, 0),
    JS_CFUNC_MAGIC_DEF("__lookupSetter__", 1, js_object_proto_lookup_getter, 1),
};

int wf_init_object(JSContext *ctx)
{
    JSValueConst proto = ctx->class_proto[JS_CLASS_OBJECT];
    JSValue ctor;

    wf_obj(proto)->is_immutable_proto = 1;   /* 10.4.7 */
    if (JS_SetPropertyFunctionList(ctx, proto, js_object_proto_funcs,
                                   countof(js_object_proto_funcs)) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, js_object_constructor, "Object", 1,
                          JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_object_funcs, countof(js_object_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);
    return 0;
}
