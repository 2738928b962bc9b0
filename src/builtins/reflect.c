/*
 * reflect.c - the Reflect object (ECMA-262 28.1).
 *
 * Each function is a thin, argument-checking door onto one internal method
 * of the object model (engine/object.h), so proxies see exactly the trap
 * calls the spec describes.  Failures of the internal methods are returned
 * as false, never thrown: nothing here passes JS_PROP_THROW.
 */
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Upper bound on an argument list built from an array-like: keeps one call
   from asking for gigabytes of argument slots. */
#define MAX_CALL_ARGS 65535

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

/* The target of every Reflect function must be an object. */
static bool check_target(JSContext *ctx, JSValueConst v, const char *fname)
{
    if (JS_IsObject(v))
        return true;
    JS_ThrowTypeError(ctx, "Reflect.%s called on a non-object", fname);
    return false;
}

static void free_list(JSContext *ctx, JSValue *tab, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        JS_FreeValue(ctx, tab[i]);
    js_free(ctx, tab);
}

/* CreateListFromArrayLike(obj) (7.3.18): values in *ptab (owned, free with
   free_list).  -1 on exception. */
static int list_from_array_like(JSContext *ctx, JSValueConst obj, JSValue **ptab, uint32_t *plen)
{
    JSValue v, *tab;
    int64_t len;
    uint32_t i;

    *ptab = NULL;
    *plen = 0;
    if (!JS_IsObject(obj)) {
        JS_ThrowTypeError(ctx, "argument list must be an object");
        return -1;
    }
    v = wf_obj_get(ctx, obj, JS_ATOM_length, obj);
    if (JS_IsException(v))
        return -1;
    if (wf_to_length(ctx, &len, v) < 0) {
        JS_FreeValue(ctx, v);
        return -1;
    }
    JS_FreeValue(ctx, v);
    if (len > MAX_CALL_ARGS) {
        JS_ThrowRangeError(ctx, "too many arguments in function call");
        return -1;
    }
    tab = js_malloc(ctx, sizeof(JSValue) * (size_t)(len ? len : 1));
    if (!tab)
        return -1;
    for (i = 0; i < (uint32_t)len; i++) {
        v = wf_obj_get_int64(ctx, obj, i);
        if (JS_IsException(v)) {
            free_list(ctx, tab, i);
            return -1;
        }
        tab[i] = v;
    }
    *ptab = tab;
    *plen = (uint32_t)len;
    return 0;
}

/* Reflect.apply(target, thisArgument, argumentsList) */
static JSValue js_reflect_apply(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSValue *args, ret;
    uint32_t n;

    (void)this_val;
    if (!wf_is_callable(target))
        return wf_throw_not_function(ctx, target);
    if (list_from_array_like(ctx, arg(argc, argv, 2), &args, &n) < 0)
        return JS_EXCEPTION;
    ret = wf_call(ctx, target, arg(argc, argv, 1), (int)n, (JSValueConst *)args);
    free_list(ctx, args, n);
    return ret;
}

/* Reflect.construct(target, argumentsList [, newTarget]) */
static JSValue js_reflect_construct(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSValueConst new_target = argc > 2 ? argv[2] : target;
    JSValue *args, ret;
    uint32_t n;

    (void)this_val;
    if (!wf_is_constructor(target))
        return JS_ThrowTypeError(ctx, "Reflect.construct: target is not a constructor");
    if (!wf_is_constructor(new_target))
        return JS_ThrowTypeError(ctx, "Reflect.construct: newTarget is not a constructor");
    if (list_from_array_like(ctx, arg(argc, argv, 1), &args, &n) < 0)
        return JS_EXCEPTION;
    ret = wf_construct(ctx, target, new_target, (int)n, (JSValueConst *)args);
    free_list(ctx, args, n);
    return ret;
}

/* Reflect.defineProperty(target, propertyKey, attributes) */
static JSValue js_reflect_define_property(JSContext *ctx, JSValueConst this_val,
                                          int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSPropertyDescriptor desc;
    JSAtom atom;
    int r;

    (void)this_val;
    if (!check_target(ctx, target, "defineProperty"))
        return JS_EXCEPTION;
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    if (wf_to_property_descriptor(ctx, &desc, arg(argc, argv, 2)) < 0) {
        JS_FreeAtom(ctx, atom);
        return JS_EXCEPTION;
    }
    r = wf_obj_define(ctx, target, atom, desc.value, desc.getter, desc.setter, desc.flags);
    wf_desc_free(ctx, &desc);
    JS_FreeAtom(ctx, atom);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

/* Reflect.deleteProperty(target, propertyKey) */
static JSValue js_reflect_delete_property(JSContext *ctx, JSValueConst this_val,
                                          int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSAtom atom;
    int r;

    (void)this_val;
    if (!check_target(ctx, target, "deleteProperty"))
        return JS_EXCEPTION;
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_obj_delete(ctx, target, atom, 0);
    JS_FreeAtom(ctx, atom);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

/* Reflect.get(target, propertyKey [, receiver]) */
static JSValue js_reflect_get(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSValueConst receiver = argc > 2 ? argv[2] : target;
    JSAtom atom;
    JSValue r;

    (void)this_val;
    if (!check_target(ctx, target, "get"))
        return JS_EXCEPTION;
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_obj_get(ctx, target, atom, receiver);
    JS_FreeAtom(ctx, atom);
    return r;
}

/* Reflect.getOwnPropertyDescriptor(target, propertyKey) */
static JSValue js_reflect_get_own_property_descriptor(JSContext *ctx, JSValueConst this_val,
                                                      int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSPropertyDescriptor desc;
    JSAtom atom;
    JSValue ret;
    int r;

    (void)this_val;
    if (!check_target(ctx, target, "getOwnPropertyDescriptor"))
        return JS_EXCEPTION;
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_obj_get_own_property(ctx, &desc, target, atom);
    JS_FreeAtom(ctx, atom);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return JS_UNDEFINED;
    ret = wf_from_property_descriptor(ctx, &desc);
    wf_desc_free(ctx, &desc);
    return ret;
}

/* Reflect.getPrototypeOf(target) */
static JSValue js_reflect_get_prototype_of(JSContext *ctx, JSValueConst this_val,
                                           int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);

    (void)this_val;
    if (!check_target(ctx, target, "getPrototypeOf"))
        return JS_EXCEPTION;
    return wf_obj_get_proto(ctx, target);
}

/* Reflect.has(target, propertyKey) */
static JSValue js_reflect_has(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSAtom atom;
    int r;

    (void)this_val;
    if (!check_target(ctx, target, "has"))
        return JS_EXCEPTION;
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_obj_has(ctx, target, atom);
    JS_FreeAtom(ctx, atom);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

/* Reflect.isExtensible(target) */
static JSValue js_reflect_is_extensible(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    int r;

    (void)this_val;
    if (!check_target(ctx, target, "isExtensible"))
        return JS_EXCEPTION;
    r = wf_obj_is_extensible(ctx, target);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

/* Reflect.ownKeys(target) */
static JSValue js_reflect_own_keys(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, i;
    JSValue arr;

    (void)this_val;
    if (!check_target(ctx, target, "ownKeys"))
        return JS_EXCEPTION;
    if (wf_obj_own_keys(ctx, &tab, &len, target, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
        return JS_EXCEPTION;
    arr = wf_array_new(ctx, len);
    if (JS_IsException(arr))
        goto done;
    for (i = 0; i < len; i++) {
        JSValue k = wf_atom_to_value(ctx, tab[i].atom);
        if (JS_IsException(k) || wf_array_push(ctx, arr, k) < 0) {
            JS_FreeValue(ctx, arr);
            arr = JS_EXCEPTION;
            break;
        }
    }
done:
    wf_prop_enum_free(ctx->rt, tab, len);
    return arr;
}

/* Reflect.preventExtensions(target) */
static JSValue js_reflect_prevent_extensions(JSContext *ctx, JSValueConst this_val,
                                             int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    int r;

    (void)this_val;
    if (!check_target(ctx, target, "preventExtensions"))
        return JS_EXCEPTION;
    r = wf_obj_prevent_extensions(ctx, target);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

/* Reflect.set(target, propertyKey, V [, receiver]) */
static JSValue js_reflect_set(JSContext *ctx, JSValueConst this_val,
                              int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0);
    JSValueConst receiver = argc > 3 ? argv[3] : target;
    JSAtom atom;
    int r;

    (void)this_val;
    if (!check_target(ctx, target, "set"))
        return JS_EXCEPTION;
    atom = wf_to_property_key(ctx, arg(argc, argv, 1));
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_obj_set(ctx, target, atom, JS_DupValue(ctx, arg(argc, argv, 2)), receiver, 0);
    JS_FreeAtom(ctx, atom);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

/* Reflect.setPrototypeOf(target, proto) */
static JSValue js_reflect_set_prototype_of(JSContext *ctx, JSValueConst this_val,
                                           int argc, JSValueConst *argv)
{
    JSValueConst target = arg(argc, argv, 0), proto = arg(argc, argv, 1);
    int r;

    (void)this_val;
    if (!check_target(ctx, target, "setPrototypeOf"))
        return JS_EXCEPTION;
    if (!JS_IsObject(proto) && !JS_IsNull(proto))
        return JS_ThrowTypeError(ctx, "Reflect.setPrototypeOf: prototype must be an object or null");
    r = wf_obj_set_proto(ctx, target, proto, false);
    if (r < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, r);
}

static const JSCFunctionListEntry js_reflect_funcs[] = {
    JS_CFUNC_DEF("apply", 3, js_reflect_apply),
    JS_CFUNC_DEF("construct", 2, js_reflect_construct),
    JS_CFUNC_DEF("defineProperty", 3, js_reflect_define_property),
    JS_CFUNC_DEF("deleteProperty", 2, js_reflect_delete_property),
    JS_CFUNC_DEF("get", 2, js_reflect_get),
    JS_CFUNC_DEF("getOwnPropertyDescriptor", 2, js_reflect_get_own_property_descriptor),
    JS_CFUNC_DEF("getPrototypeOf", 1, js_reflect_get_prototype_of),
    JS_CFUNC_DEF("has", 2, js_reflect_has),
    JS_CFUNC_DEF("isExtensible", 1, js_reflect_is_extensible),
    JS_CFUNC_DEF("ownKeys", 1, js_reflect_own_keys),
    JS_CFUNC_DEF("preventExtensions", 1, js_reflect_prevent_extensions),
    JS_CFUNC_DEF("set", 3, js_reflect_set),
    JS_CFUNC_DEF("setPrototypeOf", 2, js_reflect_set_prototype_of),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Reflect", JS_PROP_CONFIGURABLE),
};

int wf_init_reflect(JSContext *ctx)
{
    JSValue obj = JS_NewObject(ctx);

    if (JS_IsException(obj))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, obj, js_reflect_funcs, countof(js_reflect_funcs)) < 0) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    return wf_obj_define_value(ctx, ctx->global_obj, JS_ATOM_Reflect, obj,
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0 ? -1 : 0;
}
