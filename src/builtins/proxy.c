/*
 * proxy.c - Proxy exotic objects and the Proxy constructor (ECMA-262 10.5
 * Proxy Object Internal Methods, 28.2 Proxy Objects).
 *
 * A proxy is a JS_CLASS_PROXY object whose u.ptr is a WFProxy holding
 * [[ProxyTarget]] and [[ProxyHandler]]; revoking sets both to null.  Every
 * internal method is reached through the object model's dispatch: the
 * JSClassExoticMethods hooks (get/set/has/delete/define/getOwnProperty/
 * ownKeys), the WFObjectHooks (getPrototypeOf/setPrototypeOf/isExtensible/
 * preventExtensions/IsArray) and the class `call` hook ([[Call]] and
 * [[Construct]]).  A proxy object never has ordinary properties of its own
 * except private names (class fields), which the interpreter keeps in its
 * shape, as the spec keeps them in [[PrivateElements]].
 *
 * Each method reads the target and handler into counted locals before it
 * runs any JavaScript: a trap may revoke the proxy while the method is
 * still using them, and the spec's algorithms keep the values they read.
 * Each method also checks the C stack first, so a chain of proxies (a
 * proxy whose target is a proxy...) ends in a RangeError, not a crash.
 *
 * This file touches nothing but the object model's public internal API
 * (engine/object.h) and the call API (engine/function.h).
 */
#include <stdlib.h>
#include <string.h>
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* JS_PROP_HAS_* bits of a (possibly partial) property descriptor. */
#define DESC_HAS_ALL (JS_PROP_HAS_CONFIGURABLE | JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE | \
                      JS_PROP_HAS_GET | JS_PROP_HAS_SET | JS_PROP_HAS_VALUE)

typedef struct WFProxy {
    JSValue target;     /* [[ProxyTarget]]: an object, JS_NULL once revoked */
    JSValue handler;    /* [[ProxyHandler]]: an object, JS_NULL once revoked */
} WFProxy;

/* The target and handler of one internal-method call, plus its trap. */
typedef struct TrapCtx {
    JSValue target;     /* counted */
    JSValue handler;    /* counted */
    JSValue trap;       /* counted; JS_UNDEFINED when the handler has none */
} TrapCtx;

static inline WFProxy *proxy_data(JSValueConst obj)
{
    return (WFProxy *)wf_obj(obj)->u.ptr;
}

static void trap_ctx_free(JSContext *ctx, TrapCtx *t)
{
    JS_FreeValue(ctx, t->target);
    JS_FreeValue(ctx, t->handler);
    JS_FreeValue(ctx, t->trap);
}

static int throw_revoked(JSContext *ctx, const char *op)
{
    JS_ThrowTypeError(ctx, "cannot perform '%s' on a proxy that has been revoked", op);
    return -1;
}

/* Steps 1-5 of every proxy internal method: ValidateNonRevokedProxy, read
   target and handler, GetMethod(handler, name).  -1 with an exception, or
   0 with *t filled (the caller frees it with trap_ctx_free). */
static int trap_begin(JSContext *ctx, JSValueConst obj, JSAtom name, const char *op, TrapCtx *t)
{
    WFProxy *s = proxy_data(obj);

    t->target = t->handler = t->trap = JS_UNDEFINED;
    if (wf_check_stack_overflow(ctx->rt, 0)) {
        wf_throw_stack_overflow(ctx);
        return -1;
    }
    if (!s || !JS_IsObject(s->handler))
        return throw_revoked(ctx, op);
    t->target = JS_DupValue(ctx, s->target);
    t->handler = JS_DupValue(ctx, s->handler);
    t->trap = wf_get_method(ctx, t->handler, name);
    if (JS_IsException(t->trap)) {
        t->trap = JS_UNDEFINED;
        trap_ctx_free(ctx, t);
        return -1;
    }
    return 0;
}

/* Call(trap, handler, args) (the result owned), or JS_EXCEPTION. */
static JSValue trap_call(JSContext *ctx, TrapCtx *t, int argc, JSValueConst *argv)
{
    return wf_call(ctx, t->trap, t->handler, argc, argv);
}

/* ToBoolean(Call(trap, handler, args)): -1, 0 or 1. */
static int trap_call_bool(JSContext *ctx, TrapCtx *t, int argc, JSValueConst *argv)
{
    JSValue r = trap_call(ctx, t, argc, argv);
    int b;
    if (JS_IsException(r))
        return -1;
    b = wf_to_boolean(r);
    JS_FreeValue(ctx, r);
    return b;
}

static int throw_invariant(JSContext *ctx, const char *trap, const char *why, JSAtom prop)
{
    char buf[64];
    if (prop == JS_ATOM_NULL)
        JS_ThrowTypeError(ctx, "proxy '%s' trap: %s", trap, why);
    else
        JS_ThrowTypeError(ctx, "proxy '%s' trap: %s (property '%s')", trap, why,
                          wf_atom_get_cstr(ctx->rt, buf, sizeof(buf), prop));
    return -1;
}

/* ------------------------------------------------------------------ */
/* Property descriptors */

/* A descriptor is "partial" when it carries JS_PROP_HAS_* bits (what the
   caller of [[DefineOwnProperty]] passes and what ToPropertyDescriptor
   returns), and "complete" in the object model's own form (what
   [[GetOwnProperty]] returns): attribute bits plus JS_PROP_GETSET for an
   accessor, every field present. */

static inline bool desc_is_accessor(int partial_flags)
{
    return (partial_flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) != 0;
}

static inline bool desc_is_data(int partial_flags)
{
    return (partial_flags & (JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE)) != 0;
}

/* IsCompatiblePropertyDescriptor(extensible, desc, current) (10.1.6.2):
   ValidateAndApplyPropertyDescriptor with no object to apply to.  desc is
   partial, current complete or NULL (absent). */
static bool is_compatible_desc(bool extensible, const JSPropertyDescriptor *desc,
                               const JSPropertyDescriptor *current)
{
    int f = desc->flags, cf;
    bool cur_accessor;

    if (!current)
        return extensible;
    cf = current->flags;
    if (!(f & DESC_HAS_ALL))
        return true;
    if (cf & JS_PROP_CONFIGURABLE)
        return true;
    if ((f & JS_PROP_HAS_CONFIGURABLE) && (f & JS_PROP_CONFIGURABLE))
        return false;
    if ((f & JS_PROP_HAS_ENUMERABLE) && ((f ^ cf) & JS_PROP_ENUMERABLE))
        return false;
    cur_accessor = (cf & JS_PROP_GETSET) != 0;
    if ((desc_is_accessor(f) || desc_is_data(f)) && desc_is_accessor(f) != cur_accessor)
        return false;
    if (cur_accessor) {
        if ((f & JS_PROP_HAS_GET) && !wf_same_value(desc->getter, current->getter))
            return false;
        if ((f & JS_PROP_HAS_SET) && !wf_same_value(desc->setter, current->setter))
            return false;
    } else if (!(cf & JS_PROP_WRITABLE)) {
        if ((f & JS_PROP_HAS_WRITABLE) && (f & JS_PROP_WRITABLE))
            return false;
        if ((f & JS_PROP_HAS_VALUE) && !wf_same_value(desc->value, current->value))
            return false;
    }
    return true;
}

/* FromPropertyDescriptor for a partial descriptor: only the fields it has,
   in the spec's order (value, writable, get, set, enumerable, configurable). */
static JSValue from_partial_desc(JSContext *ctx, int flags, JSValueConst val,
                                 JSValueConst getter, JSValueConst setter)
{
    JSValue obj = JS_NewObject(ctx);
    const int cwe = JS_PROP_C_W_E | JS_PROP_THROW;

    if (JS_IsException(obj))
        return obj;
    if ((flags & JS_PROP_HAS_VALUE) &&
        wf_obj_define_value(ctx, obj, JS_ATOM_value, JS_DupValue(ctx, val), cwe) < 0)
        goto fail;
    if ((flags & JS_PROP_HAS_WRITABLE) &&
        wf_obj_define_value(ctx, obj, JS_ATOM_writable, JS_NewBool(ctx, flags & JS_PROP_WRITABLE), cwe) < 0)
        goto fail;
    if ((flags & JS_PROP_HAS_GET) &&
        wf_obj_define_value(ctx, obj, JS_ATOM_get, JS_DupValue(ctx, getter), cwe) < 0)
        goto fail;
    if ((flags & JS_PROP_HAS_SET) &&
        wf_obj_define_value(ctx, obj, JS_ATOM_set, JS_DupValue(ctx, setter), cwe) < 0)
        goto fail;
    if ((flags & JS_PROP_HAS_ENUMERABLE) &&
        wf_obj_define_value(ctx, obj, JS_ATOM_enumerable, JS_NewBool(ctx, flags & JS_PROP_ENUMERABLE), cwe) < 0)
        goto fail;
    if ((flags & JS_PROP_HAS_CONFIGURABLE) &&
        wf_obj_define_value(ctx, obj, JS_ATOM_configurable, JS_NewBool(ctx, flags & JS_PROP_CONFIGURABLE), cwe) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* The property key as a value for a trap argument. */
static inline JSValue key_value(JSContext *ctx, JSAtom prop)
{
    return wf_atom_to_value(ctx, prop);
}

/* target.[[GetOwnProperty]](P) for the invariant checks: -1, 0, 1. */
static int target_desc(JSContext *ctx, JSPropertyDescriptor *d, JSValueConst target, JSAtom prop)
{
    int r = wf_obj_get_own_property(ctx, d, target, prop);
    if (r <= 0)
        d->value = d->getter = d->setter = JS_UNDEFINED;
    return r;
}

/* ------------------------------------------------------------------ */
/* [[GetPrototypeOf]] (10.5.1) */

static JSValue proxy_get_prototype_of(JSContext *ctx, JSValueConst obj)
{
    TrapCtx t;
    JSValue proto, tproto;
    JSValueConst args[1];
    int ext;

    if (trap_begin(ctx, obj, JS_ATOM_getPrototypeOf, "getPrototypeOf", &t) < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(t.trap)) {
        proto = wf_obj_get_proto(ctx, t.target);
        trap_ctx_free(ctx, &t);
        return proto;
    }
    args[0] = t.target;
    proto = trap_call(ctx, &t, 1, args);
    if (JS_IsException(proto))
        goto fail;
    if (!JS_IsObject(proto) && !JS_IsNull(proto)) {
        throw_invariant(ctx, "getPrototypeOf", "result is neither an object nor null", JS_ATOM_NULL);
        goto fail;
    }
    ext = wf_obj_is_extensible(ctx, t.target);
    if (ext < 0)
        goto fail;
    if (!ext) {
        tproto = wf_obj_get_proto(ctx, t.target);
        if (JS_IsException(tproto))
            goto fail;
        if (!wf_same_value(proto, tproto)) {
            JS_FreeValue(ctx, tproto);
            throw_invariant(ctx, "getPrototypeOf",
                            "result differs from the prototype of the non-extensible target",
                            JS_ATOM_NULL);
            goto fail;
        }
        JS_FreeValue(ctx, tproto);
    }
    trap_ctx_free(ctx, &t);
    return proto;
fail:
    JS_FreeValue(ctx, proto);
    trap_ctx_free(ctx, &t);
    return JS_EXCEPTION;
}

/* ------------------------------------------------------------------ */
/* [[SetPrototypeOf]] (10.5.2) */

static int proxy_set_prototype_of(JSContext *ctx, JSValueConst obj, JSValueConst proto)
{
    TrapCtx t;
    JSValue tproto;
    JSValueConst args[2];
    int r, ext;

    if (trap_begin(ctx, obj, JS_ATOM_setPrototypeOf, "setPrototypeOf", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        r = wf_obj_set_proto(ctx, t.target, proto, false);
        trap_ctx_free(ctx, &t);
        return r;
    }
    args[0] = t.target;
    args[1] = proto;
    r = trap_call_bool(ctx, &t, 2, args);
    if (r <= 0)
        goto done;
    ext = wf_obj_is_extensible(ctx, t.target);
    if (ext < 0) {
        r = -1;
        goto done;
    }
    if (!ext) {
        tproto = wf_obj_get_proto(ctx, t.target);
        if (JS_IsException(tproto)) {
            r = -1;
            goto done;
        }
        if (!wf_same_value(proto, tproto))
            r = throw_invariant(ctx, "setPrototypeOf",
                                "returned true but the non-extensible target has another prototype",
                                JS_ATOM_NULL);
        JS_FreeValue(ctx, tproto);
    }
done:
    trap_ctx_free(ctx, &t);
    return r;
}

/* ------------------------------------------------------------------ */
/* [[IsExtensible]] (10.5.3) */

static int proxy_is_extensible(JSContext *ctx, JSValueConst obj)
{
    TrapCtx t;
    JSValueConst args[1];
    int r, tr;

    if (trap_begin(ctx, obj, JS_ATOM_isExtensible, "isExtensible", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        r = wf_obj_is_extensible(ctx, t.target);
        trap_ctx_free(ctx, &t);
        return r;
    }
    args[0] = t.target;
    r = trap_call_bool(ctx, &t, 1, args);
    if (r >= 0) {
        tr = wf_obj_is_extensible(ctx, t.target);
        if (tr < 0)
            r = -1;
        else if (tr != r)
            r = throw_invariant(ctx, "isExtensible", "result differs from the target's extensibility",
                                JS_ATOM_NULL);
    }
    trap_ctx_free(ctx, &t);
    return r;
}

/* ------------------------------------------------------------------ */
/* [[PreventExtensions]] (10.5.4) */

static int proxy_prevent_extensions(JSContext *ctx, JSValueConst obj)
{
    TrapCtx t;
    JSValueConst args[1];
    int r, ext;

    if (trap_begin(ctx, obj, JS_ATOM_preventExtensions, "preventExtensions", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        r = wf_obj_prevent_extensions(ctx, t.target);
        trap_ctx_free(ctx, &t);
        return r;
    }
    args[0] = t.target;
    r = trap_call_bool(ctx, &t, 1, args);
    if (r > 0) {
        ext = wf_obj_is_extensible(ctx, t.target);
        if (ext < 0)
            r = -1;
        else if (ext)
            r = throw_invariant(ctx, "preventExtensions", "returned true but the target is extensible",
                                JS_ATOM_NULL);
    }
    trap_ctx_free(ctx, &t);
    return r;
}

/* ------------------------------------------------------------------ */
/* [[GetOwnProperty]] (10.5.5) */

static int proxy_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc,
                                  JSValueConst obj, JSAtom prop)
{
    TrapCtx t;
    JSValue res = JS_UNDEFINED, key;
    JSValueConst args[2];
    JSPropertyDescriptor td, rd;
    int tr, ext, ret = -1, f;

    if (desc)
        desc->value = desc->getter = desc->setter = JS_UNDEFINED;
    if (wf_atom_is_private(ctx->rt, prop))
        return 0;   /* private names live in the proxy's own shape */
    if (trap_begin(ctx, obj, JS_ATOM_getOwnPropertyDescriptor, "getOwnPropertyDescriptor", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        ret = wf_obj_get_own_property(ctx, desc, t.target, prop);
        trap_ctx_free(ctx, &t);
        return ret;
    }
    key = key_value(ctx, prop);
    if (JS_IsException(key)) {
        trap_ctx_free(ctx, &t);
        return -1;
    }
    args[0] = t.target;
    args[1] = key;
    res = trap_call(ctx, &t, 2, args);
    JS_FreeValue(ctx, key);
    if (JS_IsException(res)) {
        trap_ctx_free(ctx, &t);
        return -1;
    }
    if (!JS_IsObject(res) && !JS_IsUndefined(res)) {
        JS_FreeValue(ctx, res);
        throw_invariant(ctx, "getOwnPropertyDescriptor", "result is neither an object nor undefined", prop);
        trap_ctx_free(ctx, &t);
        return -1;
    }
    tr = target_desc(ctx, &td, t.target, prop);
    if (tr < 0) {
        JS_FreeValue(ctx, res);
        trap_ctx_free(ctx, &t);
        return -1;
    }
    if (JS_IsUndefined(res)) {
        if (!tr) {
            ret = 0;
            goto done_td;
        }
        if (!(td.flags & JS_PROP_CONFIGURABLE)) {
            throw_invariant(ctx, "getOwnPropertyDescriptor",
                            "reported a non-configurable property of the target as absent", prop);
            goto done_td;
        }
        ext = wf_obj_is_extensible(ctx, t.target);
        if (ext < 0)
            goto done_td;
        if (!ext) {
            throw_invariant(ctx, "getOwnPropertyDescriptor",
                            "reported a property of the non-extensible target as absent", prop);
            goto done_td;
        }
        ret = 0;
        goto done_td;
    }
    ext = wf_obj_is_extensible(ctx, t.target);
    if (ext < 0)
        goto done_td;
    if (wf_to_property_descriptor(ctx, &rd, res) < 0)
        goto done_td;
    /* CompletePropertyDescriptor */
    f = rd.flags;
    if (!desc_is_accessor(f))
        f |= JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE;
    else
        f |= JS_PROP_HAS_GET | JS_PROP_HAS_SET;
    f |= JS_PROP_HAS_ENUMERABLE | JS_PROP_HAS_CONFIGURABLE;
    rd.flags = f;
    if (!is_compatible_desc(ext != 0, &rd, tr ? &td : NULL)) {
        throw_invariant(ctx, "getOwnPropertyDescriptor",
                        "result is not compatible with the target's property", prop);
        goto done_rd;
    }
    if (!(f & JS_PROP_CONFIGURABLE)) {
        if (!tr || (td.flags & JS_PROP_CONFIGURABLE)) {
            throw_invariant(ctx, "getOwnPropertyDescriptor",
                            "reported a property as non-configurable that is configurable or absent on the target",
                            prop);
            goto done_rd;
        }
        if ((f & JS_PROP_HAS_WRITABLE) && !(f & JS_PROP_WRITABLE) && (td.flags & JS_PROP_WRITABLE)) {
            throw_invariant(ctx, "getOwnPropertyDescriptor",
                            "reported a property as non-configurable and non-writable that is writable on the target",
                            prop);
            goto done_rd;
        }
    }
    ret = 1;
    if (desc) {
        /* to the object model's complete form */
        desc->flags = f & (JS_PROP_CONFIGURABLE | JS_PROP_ENUMERABLE);
        if (desc_is_accessor(f)) {
            desc->flags |= JS_PROP_GETSET;
            desc->getter = rd.getter;
            desc->setter = rd.setter;
            JS_FreeValue(ctx, rd.value);
        } else {
            desc->flags |= f & JS_PROP_WRITABLE;
            desc->value = rd.value;
            JS_FreeValue(ctx, rd.getter);
            JS_FreeValue(ctx, rd.setter);
        }
        goto done_td;
    }
done_rd:
    wf_desc_free(ctx, &rd);
done_td:
    if (tr > 0)
        wf_desc_free(ctx, &td);
    JS_FreeValue(ctx, res);
    trap_ctx_free(ctx, &t);
    return ret;
}

/* ------------------------------------------------------------------ */
/* [[DefineOwnProperty]] (10.5.6) */

static int proxy_define_own_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                     JSValueConst val, JSValueConst getter, JSValueConst setter,
                                     int flags)
{
    TrapCtx t;
    JSValue desc_obj, key;
    JSValueConst args[3];
    JSPropertyDescriptor d, td;
    int r, tr, ext;
    bool setting_config_false;

    if (wf_atom_is_private(ctx->rt, prop)) {
        /* private elements are the proxy's own: never forwarded */
        JSProperty *pr;
        JSObject *p = wf_obj(obj);
        pr = wf_obj_add_property(ctx, p, prop, flags & JS_PROP_WRITABLE);
        if (!pr)
            return -1;
        pr->u.value = JS_DupValue(ctx, val);
        return 1;
    }
    if (trap_begin(ctx, obj, JS_ATOM_defineProperty, "defineProperty", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        r = wf_obj_define(ctx, t.target, prop, val, getter, setter, flags);
        trap_ctx_free(ctx, &t);
        return r;
    }
    d.flags = flags & (DESC_HAS_ALL | JS_PROP_C_W_E);
    d.value = val;
    d.getter = getter;
    d.setter = setter;
    desc_obj = from_partial_desc(ctx, d.flags, val, getter, setter);
    if (JS_IsException(desc_obj)) {
        trap_ctx_free(ctx, &t);
        return -1;
    }
    key = key_value(ctx, prop);
    if (JS_IsException(key)) {
        JS_FreeValue(ctx, desc_obj);
        trap_ctx_free(ctx, &t);
        return -1;
    }
    args[0] = t.target;
    args[1] = key;
    args[2] = desc_obj;
    r = trap_call_bool(ctx, &t, 3, args);
    JS_FreeValue(ctx, key);
    JS_FreeValue(ctx, desc_obj);
    if (r <= 0) {
        trap_ctx_free(ctx, &t);
        return r;
    }
    tr = target_desc(ctx, &td, t.target, prop);
    if (tr < 0) {
        trap_ctx_free(ctx, &t);
        return -1;
    }
    ext = wf_obj_is_extensible(ctx, t.target);
    if (ext < 0) {
        r = -1;
        goto done;
    }
    setting_config_false = (d.flags & JS_PROP_HAS_CONFIGURABLE) && !(d.flags & JS_PROP_CONFIGURABLE);
    if (!tr) {
        if (!ext) {
            r = throw_invariant(ctx, "defineProperty",
                                "added a property to the non-extensible target", prop);
            goto done;
        }
        if (setting_config_false) {
            r = throw_invariant(ctx, "defineProperty",
                                "defined a non-configurable property that does not exist on the target",
                                prop);
            goto done;
        }
    } else {
        if (!is_compatible_desc(ext != 0, &d, &td)) {
            r = throw_invariant(ctx, "defineProperty",
                                "the descriptor is not compatible with the target's property", prop);
            goto done;
        }
        if (setting_config_false && (td.flags & JS_PROP_CONFIGURABLE)) {
            r = throw_invariant(ctx, "defineProperty",
                                "defined a non-configurable property that is configurable on the target",
                                prop);
            goto done;
        }
        if (!(td.flags & JS_PROP_GETSET) && !(td.flags & JS_PROP_CONFIGURABLE) &&
            (td.flags & JS_PROP_WRITABLE) &&
            (d.flags & JS_PROP_HAS_WRITABLE) && !(d.flags & JS_PROP_WRITABLE)) {
            r = throw_invariant(ctx, "defineProperty",
                                "made a property non-writable that is non-configurable and writable on the target",
                                prop);
            goto done;
        }
    }
    r = 1;
done:
    if (tr > 0)
        wf_desc_free(ctx, &td);
    trap_ctx_free(ctx, &t);
    return r;
}

/* ------------------------------------------------------------------ */
/* [[HasProperty]] (10.5.7) */

static int proxy_has(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    TrapCtx t;
    JSValue key;
    JSValueConst args[2];
    JSPropertyDescriptor td;
    int r, tr, ext;

    if (wf_atom_is_private(ctx->rt, prop))
        return 0;
    if (trap_begin(ctx, obj, JS_ATOM_has, "has", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        r = wf_obj_has(ctx, t.target, prop);
        trap_ctx_free(ctx, &t);
        return r;
    }
    key = key_value(ctx, prop);
    if (JS_IsException(key)) {
        trap_ctx_free(ctx, &t);
        return -1;
    }
    args[0] = t.target;
    args[1] = key;
    r = trap_call_bool(ctx, &t, 2, args);
    JS_FreeValue(ctx, key);
    if (r == 0) {
        tr = target_desc(ctx, &td, t.target, prop);
        if (tr < 0) {
            r = -1;
        } else if (tr) {
            if (!(td.flags & JS_PROP_CONFIGURABLE)) {
                r = throw_invariant(ctx, "has", "reported a non-configurable property of the target as absent",
                                    prop);
            } else {
                ext = wf_obj_is_extensible(ctx, t.target);
                if (ext < 0)
                    r = -1;
                else if (!ext)
                    r = throw_invariant(ctx, "has",
                                        "reported a property of the non-extensible target as absent", prop);
            }
            wf_desc_free(ctx, &td);
        }
    }
    trap_ctx_free(ctx, &t);
    return r;
}

/* ------------------------------------------------------------------ */
/* [[Get]] (10.5.8) */

static JSValue proxy_get(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst receiver)
{
    TrapCtx t;
    JSValue key, res;
    JSValueConst args[3];
    JSPropertyDescriptor td;
    int tr;

    if (wf_atom_is_private(ctx->rt, prop))
        return JS_UNDEFINED;
    if (trap_begin(ctx, obj, JS_ATOM_get, "get", &t) < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(t.trap)) {
        res = wf_obj_get(ctx, t.target, prop, receiver);
        trap_ctx_free(ctx, &t);
        return res;
    }
    key = key_value(ctx, prop);
    if (JS_IsException(key)) {
        trap_ctx_free(ctx, &t);
        return JS_EXCEPTION;
    }
    args[0] = t.target;
    args[1] = key;
    args[2] = receiver;
    res = trap_call(ctx, &t, 3, args);
    JS_FreeValue(ctx, key);
    if (JS_IsException(res))
        goto done;
    tr = target_desc(ctx, &td, t.target, prop);
    if (tr < 0) {
        JS_FreeValue(ctx, res);
        res = JS_EXCEPTION;
        goto done;
    }
    if (tr) {
        if (!(td.flags & JS_PROP_CONFIGURABLE)) {
            if (td.flags & JS_PROP_GETSET) {
                if (JS_IsUndefined(td.getter) && !JS_IsUndefined(res)) {
                    throw_invariant(ctx, "get",
                                    "returned a value for a non-configurable accessor property without a getter",
                                    prop);
                    JS_FreeValue(ctx, res);
                    res = JS_EXCEPTION;
                }
            } else if (!(td.flags & JS_PROP_WRITABLE) && !wf_same_value(res, td.value)) {
                throw_invariant(ctx, "get",
                                "returned another value than the non-writable, non-configurable property of the target",
                                prop);
                JS_FreeValue(ctx, res);
                res = JS_EXCEPTION;
            }
        }
        wf_desc_free(ctx, &td);
    }
done:
    trap_ctx_free(ctx, &t);
    return res;
}

/* ------------------------------------------------------------------ */
/* [[Set]] (10.5.9).  val is borrowed (the object model frees it). */

static int proxy_set(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst val,
                     JSValueConst receiver, int flags)
{
    TrapCtx t;
    JSValue key;
    JSValueConst args[4];
    JSPropertyDescriptor td;
    int r, tr;

    if (wf_atom_is_private(ctx->rt, prop))
        return 0;
    if (trap_begin(ctx, obj, JS_ATOM_set, "set", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        r = wf_obj_set(ctx, t.target, prop, JS_DupValue(ctx, val), receiver, flags);
        trap_ctx_free(ctx, &t);
        return r;
    }
    key = key_value(ctx, prop);
    if (JS_IsException(key)) {
        trap_ctx_free(ctx, &t);
        return -1;
    }
    args[0] = t.target;
    args[1] = key;
    args[2] = val;
    args[3] = receiver;
    r = trap_call_bool(ctx, &t, 4, args);
    JS_FreeValue(ctx, key);
    if (r <= 0)
        goto done;
    tr = target_desc(ctx, &td, t.target, prop);
    if (tr < 0) {
        r = -1;
        goto done;
    }
    if (tr) {
        if (!(td.flags & JS_PROP_CONFIGURABLE)) {
            if (td.flags & JS_PROP_GETSET) {
                if (JS_IsUndefined(td.setter))
                    r = throw_invariant(ctx, "set",
                                        "succeeded for a non-configurable accessor property without a setter",
                                        prop);
            } else if (!(td.flags & JS_PROP_WRITABLE) && !wf_same_value(val, td.value)) {
                r = throw_invariant(ctx, "set",
                                    "changed the value of a non-writable, non-configurable property of the target",
                                    prop);
            }
        }
        wf_desc_free(ctx, &td);
    }
done:
    trap_ctx_free(ctx, &t);
    return r;
}

/* ------------------------------------------------------------------ */
/* [[Delete]] (10.5.10) */

static int proxy_delete(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    TrapCtx t;
    JSValue key;
    JSValueConst args[2];
    JSPropertyDescriptor td;
    int r, tr, ext;

    if (wf_atom_is_private(ctx->rt, prop))
        return 1;
    if (trap_begin(ctx, obj, JS_ATOM_deleteProperty, "deleteProperty", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        r = wf_obj_delete(ctx, t.target, prop, 0);
        trap_ctx_free(ctx, &t);
        return r;
    }
    key = key_value(ctx, prop);
    if (JS_IsException(key)) {
        trap_ctx_free(ctx, &t);
        return -1;
    }
    args[0] = t.target;
    args[1] = key;
    r = trap_call_bool(ctx, &t, 2, args);
    JS_FreeValue(ctx, key);
    if (r <= 0)
        goto done;
    tr = target_desc(ctx, &td, t.target, prop);
    if (tr < 0) {
        r = -1;
        goto done;
    }
    if (tr) {
        if (!(td.flags & JS_PROP_CONFIGURABLE)) {
            r = throw_invariant(ctx, "deleteProperty", "deleted a non-configurable property of the target",
                                prop);
        } else {
            ext = wf_obj_is_extensible(ctx, t.target);
            if (ext < 0)
                r = -1;
            else if (!ext)
                r = throw_invariant(ctx, "deleteProperty",
                                    "deleted a property of the non-extensible target", prop);
        }
        wf_desc_free(ctx, &td);
    }
done:
    trap_ctx_free(ctx, &t);
    return r;
}

/* ------------------------------------------------------------------ */
/* [[OwnPropertyKeys]] (10.5.11) */

static int cmp_atom(const void *a, const void *b)
{
    JSAtom x = *(const JSAtom *)a, y = *(const JSAtom *)b;
    return x < y ? -1 : x > y;
}

/* Index of atom a in the sorted array tab[0..n-1], or -1. */
static int32_t find_atom(const JSAtom *tab, uint32_t n, JSAtom a)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (tab[mid] == a)
            return (int32_t)mid;
        if (tab[mid] < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* CreateListFromArrayLike(obj, property-key): the keys as counted atoms in
   *ptab (js_malloc'd, freed with wf_prop_enum_free).  -1 on exception. */
static int keys_from_array_like(JSContext *ctx, JSValueConst arr, JSPropertyEnum **ptab, uint32_t *plen)
{
    JSPropertyEnum *tab = NULL, *ntab;
    uint32_t n = 0, size = 0;
    int64_t len, i;
    JSValue v;

    *ptab = NULL;
    *plen = 0;
    if (!JS_IsObject(arr)) {
        throw_invariant(ctx, "ownKeys", "result is not an object", JS_ATOM_NULL);
        return -1;
    }
    v = wf_obj_get(ctx, arr, JS_ATOM_length, arr);
    if (JS_IsException(v))
        return -1;
    if (wf_to_length(ctx, &len, v) < 0) {
        JS_FreeValue(ctx, v);
        return -1;
    }
    JS_FreeValue(ctx, v);
    for (i = 0; i < len; i++) {
        JSAtom a;
        v = wf_obj_get_int64(ctx, arr, i);
        if (JS_IsException(v))
            goto fail;
        if (!JS_IsString(v) && !JS_IsSymbol(v)) {
            JS_FreeValue(ctx, v);
            throw_invariant(ctx, "ownKeys", "result contains a value that is neither a string nor a symbol",
                            JS_ATOM_NULL);
            goto fail;
        }
        a = wf_to_property_key(ctx, v);
        JS_FreeValue(ctx, v);
        if (a == JS_ATOM_NULL)
            goto fail;
        if (n == size) {
            uint32_t nsize = size ? size * 2 : 8;
            if (nsize > UINT32_MAX / 2 / sizeof(JSPropertyEnum)) {
                JS_FreeAtom(ctx, a);
                JS_ThrowRangeError(ctx, "too many keys");
                goto fail;
            }
            ntab = js_realloc(ctx, tab, sizeof(JSPropertyEnum) * nsize);
            if (!ntab) {
                JS_FreeAtom(ctx, a);
                goto fail;
            }
            tab = ntab;
            size = nsize;
        }
        tab[n].atom = a;
        tab[n].is_enumerable = false;
        n++;
    }
    if (!tab) {
        tab = js_malloc(ctx, sizeof(JSPropertyEnum));
        if (!tab)
            return -1;
    }
    *ptab = tab;
    *plen = n;
    return 0;
fail:
    wf_prop_enum_free(ctx->rt, tab, n);
    return -1;
}

static int proxy_own_keys(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen, JSValueConst obj)
{
    TrapCtx t;
    JSValue res;
    JSValueConst args[1];
    JSPropertyEnum *tab = NULL, *ttab = NULL;
    uint32_t len = 0, tlen = 0, i, n_unchecked;
    JSAtom *sorted = NULL;
    uint8_t *seen = NULL;
    int ext, r;
    bool has_nonconfig = false;

    *ptab = NULL;
    *plen = 0;
    if (trap_begin(ctx, obj, JS_ATOM_ownKeys, "ownKeys", &t) < 0)
        return -1;
    if (JS_IsUndefined(t.trap)) {
        r = wf_obj_own_keys(ctx, &tab, &len, t.target, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK);
        trap_ctx_free(ctx, &t);
        if (r < 0)
            return -1;
        if (!tab) {
            tab = js_malloc(ctx, sizeof(JSPropertyEnum));
            if (!tab)
                return -1;
            len = 0;
        }
        for (i = 0; i < len; i++)
            tab[i].is_enumerable = false;
        *ptab = tab;
        *plen = len;
        return 0;
    }
    args[0] = t.target;
    res = trap_call(ctx, &t, 1, args);
    if (JS_IsException(res))
        goto fail;
    r = keys_from_array_like(ctx, res, &tab, &len);
    JS_FreeValue(ctx, res);
    if (r < 0)
        goto fail;

    /* no duplicates: sort a copy and look at neighbours */
    sorted = js_malloc(ctx, sizeof(JSAtom) * (len ? len : 1));
    seen = js_mallocz(ctx, len ? len : 1);
    if (!sorted || !seen)
        goto fail;
    for (i = 0; i < len; i++)
        sorted[i] = tab[i].atom;
    qsort(sorted, len, sizeof(JSAtom), cmp_atom);
    for (i = 1; i < len; i++) {
        if (sorted[i] == sorted[i - 1]) {
            throw_invariant(ctx, "ownKeys", "result contains a duplicate key", sorted[i]);
            goto fail;
        }
    }

    ext = wf_obj_is_extensible(ctx, t.target);
    if (ext < 0)
        goto fail;
    if (wf_obj_own_keys(ctx, &ttab, &tlen, t.target, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
        goto fail;
    /* is_enumerable is reused to mean "non-configurable on the target" */
    for (i = 0; i < tlen; i++) {
        JSPropertyDescriptor td;
        r = wf_obj_get_own_property(ctx, &td, t.target, ttab[i].atom);
        if (r < 0)
            goto fail;
        ttab[i].is_enumerable = r > 0 && !(td.flags & JS_PROP_CONFIGURABLE);
        if (ttab[i].is_enumerable)
            has_nonconfig = true;
        if (r > 0)
            wf_desc_free(ctx, &td);
    }
    if (ext && !has_nonconfig)
        goto done;
    n_unchecked = len;
    for (i = 0; i < tlen; i++) {
        int32_t k;
        if (!ttab[i].is_enumerable)
            continue;
        k = find_atom(sorted, len, ttab[i].atom);
        if (k < 0 || seen[k]) {
            throw_invariant(ctx, "ownKeys", "result omits a non-configurable key of the target",
                            ttab[i].atom);
            goto fail;
        }
        seen[k] = 1;
        n_unchecked--;
    }
    if (ext)
        goto done;
    for (i = 0; i < tlen; i++) {
        int32_t k;
        if (ttab[i].is_enumerable)
            continue;
        k = find_atom(sorted, len, ttab[i].atom);
        if (k < 0 || seen[k]) {
            throw_invariant(ctx, "ownKeys", "result omits a key of the non-extensible target",
                            ttab[i].atom);
            goto fail;
        }
        seen[k] = 1;
        n_unchecked--;
    }
    if (n_unchecked) {
        throw_invariant(ctx, "ownKeys", "result contains a key the non-extensible target does not have",
                        JS_ATOM_NULL);
        goto fail;
    }
done:
    js_free(ctx, sorted);
    js_free(ctx, seen);
    wf_prop_enum_free(ctx->rt, ttab, tlen);
    trap_ctx_free(ctx, &t);
    *ptab = tab;
    *plen = len;
    return 0;
fail:
    js_free(ctx, sorted);
    js_free(ctx, seen);
    wf_prop_enum_free(ctx->rt, ttab, tlen);
    wf_prop_enum_free(ctx->rt, tab, len);
    trap_ctx_free(ctx, &t);
    return -1;
}

/* ------------------------------------------------------------------ */
/* IsArray (7.2.2) sees through proxies */

static int proxy_is_array(JSContext *ctx, JSValueConst obj)
{
    WFProxy *s = proxy_data(obj);
    if (wf_check_stack_overflow(ctx->rt, 0)) {
        wf_throw_stack_overflow(ctx);
        return -1;
    }
    if (!s || !JS_IsObject(s->handler))
        return throw_revoked(ctx, "IsArray");
    return wf_is_array(ctx, s->target);
}

/* ------------------------------------------------------------------ */
/* [[Call]] and [[Construct]] (10.5.12, 10.5.13) */

static JSValue proxy_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                          int argc, JSValueConst *argv, int flags)
{
    bool construct = (flags & JS_CALL_FLAG_CONSTRUCTOR) != 0;
    TrapCtx t;
    JSValue arr, res, *vals;
    JSValueConst args[3];
    int i;

    if (trap_begin(ctx, func_obj, construct ? JS_ATOM_construct : JS_ATOM_apply,
                   construct ? "construct" : "apply", &t) < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(t.trap)) {
        if (construct)
            res = wf_construct(ctx, t.target, this_val, argc, argv);
        else
            res = wf_call(ctx, t.target, this_val, argc, argv);
        trap_ctx_free(ctx, &t);
        return res;
    }
    vals = js_malloc(ctx, sizeof(JSValue) * (size_t)(argc > 0 ? argc : 1));
    if (!vals) {
        trap_ctx_free(ctx, &t);
        return JS_EXCEPTION;
    }
    for (i = 0; i < argc; i++)
        vals[i] = JS_DupValue(ctx, argv[i]);
    arr = wf_array_from_values(ctx, (uint32_t)argc, vals);
    js_free(ctx, vals);
    if (JS_IsException(arr)) {
        trap_ctx_free(ctx, &t);
        return arr;
    }
    args[0] = t.target;
    if (construct) {
        args[1] = arr;
        args[2] = this_val;     /* newTarget */
    } else {
        args[1] = this_val;
        args[2] = arr;
    }
    res = trap_call(ctx, &t, 3, args);
    JS_FreeValue(ctx, arr);
    if (construct && !JS_IsException(res) && !JS_IsObject(res)) {
        JS_FreeValue(ctx, res);
        throw_invariant(ctx, "construct", "result is not an object", JS_ATOM_NULL);
        res = JS_EXCEPTION;
    }
    trap_ctx_free(ctx, &t);
    return res;
}

/* ------------------------------------------------------------------ */
/* Class hooks */

JSValueConst wf_proxy_target(JSObject *p)
{
    WFProxy *s = (WFProxy *)p->u.ptr;
    return s ? s->target : JS_NULL;
}

static void proxy_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFProxy *s = proxy_data(val);
    if (!s)
        return;
    JS_FreeValueRT(rt, s->target);
    JS_FreeValueRT(rt, s->handler);
    js_free_rt(rt, s);
}

static void proxy_gc_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFProxy *s = proxy_data(val);
    if (!s)
        return;
    JS_MarkValue(rt, s->target, mark_func);
    JS_MarkValue(rt, s->handler, mark_func);
}

static const JSClassExoticMethods proxy_exotic = {
    .get_own_property = proxy_get_own_property,
    .get_own_property_names = proxy_own_keys,
    .delete_property = proxy_delete,
    .define_own_property = proxy_define_own_property,
    .has_property = proxy_has,
    .get_property = proxy_get,
    .set_property = proxy_set,
};

static const WFObjectHooks proxy_object_hooks = {
    .get_prototype_of = proxy_get_prototype_of,
    .set_prototype_of = proxy_set_prototype_of,
    .is_extensible = proxy_is_extensible,
    .prevent_extensions = proxy_prevent_extensions,
    .is_array = proxy_is_array,
};

/* ------------------------------------------------------------------ */
/* Proxy constructor and Proxy.revocable (28.2) */

/* ProxyCreate(target, handler) (10.5.14). */
static JSValue proxy_create(JSContext *ctx, JSValueConst target, JSValueConst handler)
{
    JSValue obj;
    JSObject *p;
    WFProxy *s;

    if (!JS_IsObject(target))
        return JS_ThrowTypeError(ctx, "Proxy target must be an object");
    if (!JS_IsObject(handler))
        return JS_ThrowTypeError(ctx, "Proxy handler must be an object");
    s = js_malloc(ctx, sizeof(*s));
    if (!s)
        return JS_EXCEPTION;
    obj = wf_obj_new(ctx, JS_NULL, JS_CLASS_PROXY);
    if (JS_IsException(obj)) {
        js_free(ctx, s);
        return obj;
    }
    s->target = JS_DupValue(ctx, target);
    s->handler = JS_DupValue(ctx, handler);
    p = wf_obj(obj);
    p->u.ptr = s;
    p->is_callable = wf_is_callable(target);
    p->is_constructor = wf_is_constructor(target);
    return obj;
}

static JSValue js_proxy_constructor(JSContext *ctx, JSValueConst new_target,
                                    int argc, JSValueConst *argv)
{
    if (JS_IsUndefined(new_target))
        return JS_ThrowTypeError(ctx, "Constructor Proxy requires 'new'");
    return proxy_create(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, argc > 1 ? argv[1] : JS_UNDEFINED);
}

/* A revocation function: func_data[0] is [[RevocableProxy]], set to null
   by the first call. */
static JSValue js_proxy_revoke(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                               int magic, JSValueConst *func_data)
{
    JSValue *slot = (JSValue *)&func_data[0];
    JSValue proxy = *slot;
    WFProxy *s;

    (void)this_val;
    (void)argc;
    (void)argv;
    (void)magic;
    if (!JS_IsObject(proxy))
        return JS_UNDEFINED;
    *slot = JS_NULL;
    s = proxy_data(proxy);
    if (s) {
        JSValue target = s->target, handler = s->handler;
        s->target = JS_NULL;
        s->handler = JS_NULL;
        JS_FreeValue(ctx, target);
        JS_FreeValue(ctx, handler);
    }
    JS_FreeValue(ctx, proxy);
    return JS_UNDEFINED;
}

static JSValue js_proxy_revocable(JSContext *ctx, JSValueConst this_val,
                                  int argc, JSValueConst *argv)
{
    JSValue proxy, revoke, res;
    const int dflags = JS_PROP_C_W_E | JS_PROP_THROW;

    (void)this_val;
    proxy = proxy_create(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, argc > 1 ? argv[1] : JS_UNDEFINED);
    if (JS_IsException(proxy))
        return proxy;
    revoke = JS_NewCFunctionData(ctx, js_proxy_revoke, 0, 0, 1, (JSValueConst *)&proxy);
    if (JS_IsException(revoke)) {
        JS_FreeValue(ctx, proxy);
        return revoke;
    }
    res = JS_NewObject(ctx);
    if (JS_IsException(res)) {
        JS_FreeValue(ctx, proxy);
        JS_FreeValue(ctx, revoke);
        return res;
    }
    if (wf_obj_define_value(ctx, res, JS_ATOM_proxy, proxy, dflags) < 0) {
        JS_FreeValue(ctx, revoke);
        JS_FreeValue(ctx, res);
        return JS_EXCEPTION;
    }
    if (wf_obj_define_value(ctx, res, JS_ATOM_revoke, revoke, dflags) < 0) {
        JS_FreeValue(ctx, res);
        return JS_EXCEPTION;
    }
    return res;
}

static const JSCFunctionListEntry js_proxy_funcs[] = {
    JS_CFUNC_DEF("revocable", 2, js_proxy_revocable),
};

int wf_init_proxy(JSContext *ctx)
{
    JSValue ctor;

    wf_class_set_hooks(ctx->rt, JS_CLASS_PROXY, proxy_finalizer, proxy_gc_mark, proxy_call,
                       &proxy_exotic);
    wf_class_set_object_hooks(ctx->rt, JS_CLASS_PROXY, &proxy_object_hooks);
    /* no Proxy.prototype: proxies have no [[Prototype]] of their own */
    ctor = wf_define_ctor(ctx, js_proxy_constructor, "Proxy", 2, JS_CFUNC_constructor, 0,
                          JS_UNDEFINED);
    if (JS_IsException(ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_proxy_funcs, countof(js_proxy_funcs)) < 0) {
        JS_FreeValue(ctx, ctor);
        return -1;
    }
    JS_FreeValue(ctx, ctor);
    return 0;
}
