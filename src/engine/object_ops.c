/*
 * object_ops.c - the internal methods of objects (ECMA-262 10.1 ordinary
 * objects, with the dispatch to exotic behaviour) and the public property
 * API built on them.
 *
 * Every method first looks at the object's own storage: the shape (hash
 * lookup), then, for objects flagged is_exotic, the fast array elements,
 * the String wrapper's indices, or the class's JSClassExoticMethods.
 * Exotic hooks: get_property / set_property / has_property replace the
 * whole operation (Proxy); get_own_property / define_own_property /
 * delete_property / get_own_property_names extend the ordinary storage (they
 * are asked only after the shape says the key is not an ordinary
 * property).  The methods JSClassExoticMethods has no slot for are
 * WFObjectHooks (state.h).
 *
 * Failure reporting: JS_PROP_THROW and JS_PROP_THROW_STRICT both make a
 * failed [[Set]]/[[Delete]]/[[DefineOwnProperty]] throw a TypeError; the
 * interpreter passes JS_PROP_THROW only in strict code.
 */
#include <string.h>
#include <stdlib.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/object_int.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/function.h"
#include "engine/interp.h"
#include "engine/abuf.h"

#define THROW_FLAGS (JS_PROP_THROW | JS_PROP_THROW_STRICT)

static inline JSValue obj_val(JSObject *p)
{
    return JS_MKPTR(JS_TAG_OBJECT, p);
}

/* Value of a JS_PROP_VARREF slot (new reference) or JS_EXCEPTION (TDZ). */
static JSValue varref_get(JSContext *ctx, JSObject *p, int idx)
{
    JSValue v = *p->prop[idx].u.var_ref->pvalue;
    if (js_unlikely(JS_IsUninitialized(v)))
        return wf_throw_reference_error_atom(ctx, "%s is not initialized", p->shape->prop[idx].atom);
    return JS_DupValue(ctx, v);
}

static void set_slot_value(JSContext *ctx, JSValue *slot, JSValue v)
{
    JSValue old = *slot;
    *slot = v;
    JS_FreeValue(ctx, old);
}

/* Call a getter object (NULL: undefined) on receiver. */
static JSValue call_getter(JSContext *ctx, JSObject *getter, JSValueConst receiver)
{
    if (!getter)
        return JS_UNDEFINED;
    return wf_call_free(ctx, wf_obj_value(getter), receiver, 0, NULL);
}

/* Call a setter (val consumed); -1, or 1.  A missing setter fails. */
static int call_setter(JSContext *ctx, JSObject *setter, JSValueConst receiver, JSValue val,
                       int flags, JSAtom prop)
{
    JSValue r;
    if (!setter) {
        JS_FreeValue(ctx, val);
        return wf_obj_fail(ctx, flags, "no setter for property '%s'", prop);
    }
    r = wf_call_free(ctx, wf_obj_value(setter), receiver, 1, (JSValueConst *)&val);
    JS_FreeValue(ctx, val);
    if (JS_IsException(r))
        return -1;
    JS_FreeValue(ctx, r);
    return 1;
}

/* ------------------------------------------------------------------ */
/* [[GetOwnProperty]] */

int wf_obj_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc,
                            JSValueConst obj, JSAtom prop)
{
    JSObject *p;
    int idx;

    if (!JS_IsObject(obj))
        return 0;
    p = wf_obj(obj);
retry:
    idx = wf_shape_find(p->shape, prop);
    if (idx >= 0) {
        int f = (int)p->shape->prop[idx].flags;
        switch (f & JS_PROP_TMASK) {
        case JS_PROP_AUTOINIT:
            if (wf_obj_autoinit(ctx, p, idx))
                return -1;
            goto retry;
        case JS_PROP_GETSET:
            if (desc) {
                JSProperty *pr = &p->prop[idx];
                desc->flags = (f & (JS_PROP_CONFIGURABLE | JS_PROP_ENUMERABLE)) | JS_PROP_GETSET;
                desc->value = JS_UNDEFINED;
                desc->getter = pr->u.getset.getter ? wf_obj_value(pr->u.getset.getter) : JS_UNDEFINED;
                desc->setter = pr->u.getset.setter ? wf_obj_value(pr->u.getset.setter) : JS_UNDEFINED;
            }
            return 1;
        case JS_PROP_VARREF:
            if (desc) {
                JSValue v = varref_get(ctx, p, idx);
                if (JS_IsException(v))
                    return -1;
                desc->flags = f & JS_PROP_C_W_E;
                desc->value = v;
                desc->getter = desc->setter = JS_UNDEFINED;
            }
            return 1;
        default:
            if (desc) {
                desc->flags = f & JS_PROP_C_W_E;
                desc->value = JS_DupValue(ctx, p->prop[idx].u.value);
                desc->getter = desc->setter = JS_UNDEFINED;
            }
            return 1;
        }
    }
    if (p->is_exotic) {
        if (p->fast_array) {
            if (wf_atom_is_int(prop)) {
                uint32_t i = wf_atom_to_uint(prop);
                if (i < p->u.array.count) {
                    if (desc) {
                        desc->flags = JS_PROP_C_W_E;
                        desc->value = JS_DupValue(ctx, p->u.array.values[i]);
                        desc->getter = desc->setter = JS_UNDEFINED;
                    }
                    return 1;
                }
            }
        } else if (p->class_id == JS_CLASS_STRING) {
            return wf_string_get_own(ctx, desc, p, prop);
        }
        {
            const JSClassExoticMethods *em = wf_obj_exotic(ctx->rt, p);
            if (em && em->get_own_property) {
                JSPropertyDescriptor tmp;
                int r = em->get_own_property(ctx, desc ? desc : &tmp, obj, prop);
                if (r > 0 && !desc)
                    wf_desc_free(ctx, &tmp);
                return r;
            }
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* [[Get]] */

static JSValue get_special(JSContext *ctx, JSObject *p, int idx, JSValueConst receiver)
{
    switch (p->shape->prop[idx].flags & JS_PROP_TMASK) {
    case JS_PROP_GETSET:
        return call_getter(ctx, p->prop[idx].u.getset.getter, receiver);
    case JS_PROP_VARREF:
        return varref_get(ctx, p, idx);
    case JS_PROP_AUTOINIT: {
        JSAtom atom = p->shape->prop[idx].atom;
        if (wf_obj_autoinit(ctx, p, idx))
            return JS_EXCEPTION;
        return wf_obj_get(ctx, obj_val(p), atom, receiver);
    }
    default:
        return JS_DupValue(ctx, p->prop[idx].u.value);
    }
}

static JSValue get_from_desc(JSContext *ctx, JSPropertyDescriptor *d, JSValueConst receiver)
{
    if (d->flags & JS_PROP_GETSET) {
        JSValue g = d->getter, r;
        JS_FreeValue(ctx, d->setter);
        JS_FreeValue(ctx, d->value);
        if (JS_IsUndefined(g))
            return JS_UNDEFINED;
        r = wf_call(ctx, g, receiver, 0, NULL);
        JS_FreeValue(ctx, g);
        return r;
    }
    JS_FreeValue(ctx, d->getter);
    JS_FreeValue(ctx, d->setter);
    return d->value;
}

JSValue wf_obj_get(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst receiver)
{
    JSObject *p;
    int tag = JS_VALUE_GET_TAG(obj);

    if (js_unlikely(tag != JS_TAG_OBJECT)) {
        switch (tag) {
        case JS_TAG_NULL:
        case JS_TAG_UNDEFINED:
            return wf_throw_type_error_atom(ctx, tag == JS_TAG_NULL ?
                                            "cannot read property '%s' of null" :
                                            "cannot read property '%s' of undefined", prop);
        case JS_TAG_STRING: {
            JSString *s = wf_str(obj);
            if (wf_atom_is_int(prop)) {
                uint32_t i = wf_atom_to_uint(prop);
                if (i < s->len)
                    return wf_str_new_char(ctx, wf_str_get(s, i));
            } else if (prop == JS_ATOM_length) {
                return JS_MKVAL(JS_TAG_INT, (int32_t)s->len);
            }
            break;
        }
        default:
            break;
        }
        p = wf_prim_proto(ctx, obj);
        if (!p)
            return JS_UNDEFINED;
    } else {
        p = wf_obj(obj);
    }

    for (;;) {
        JSShape *sh = p->shape;
        int idx = wf_shape_find(sh, prop);
        if (idx >= 0) {
            if (js_likely(!(sh->prop[idx].flags & JS_PROP_TMASK)))
                return JS_DupValue(ctx, p->prop[idx].u.value);
            return get_special(ctx, p, idx, receiver);
        }
        if (js_unlikely(p->is_exotic)) {
            if (p->fast_array) {
                if (wf_atom_is_int(prop)) {
                    uint32_t i = wf_atom_to_uint(prop);
                    if (i < p->u.array.count)
                        return JS_DupValue(ctx, p->u.array.values[i]);
                }
            } else if (p->class_id == JS_CLASS_STRING) {
                JSPropertyDescriptor d;
                if (wf_string_get_own(ctx, &d, p, prop))
                    return d.value;
            } else {
                const JSClassExoticMethods *em = wf_obj_exotic(ctx->rt, p);
                if (em) {
                    if (em->get_property) {
                        /* the hook owns the rest of the lookup; keep p alive */
                        JSValue po = wf_obj_value(p), r;
                        r = em->get_property(ctx, po, prop, receiver);
                        JS_FreeValue(ctx, po);
                        return r;
                    }
                    if (em->get_own_property) {
                        JSPropertyDescriptor d;
                        int r = em->get_own_property(ctx, &d, obj_val(p), prop);
                        if (r < 0)
                            return JS_EXCEPTION;
                        if (r)
                            return get_from_desc(ctx, &d, receiver);
                    }
                }
            }
        }
        p = sh->proto;
        if (!p)
            return JS_UNDEFINED;
    }
}

/* ------------------------------------------------------------------ */
/* [[HasProperty]] */

int wf_obj_has(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSObject *p;
    if (!JS_IsObject(obj)) {
        wf_throw_type_error_atom(ctx, "cannot use 'in' operator to search for '%s' in a non-object", prop);
        return -1;
    }
    p = wf_obj(obj);
    for (;;) {
        if (wf_shape_find(p->shape, prop) >= 0)
            return 1;
        if (p->is_exotic) {
            const JSClassExoticMethods *em = wf_obj_exotic(ctx->rt, p);
            if (em && em->has_property) {
                JSValue po = wf_obj_value(p);
                int r = em->has_property(ctx, po, prop);
                JS_FreeValue(ctx, po);
                return r;
            }
            int r = wf_obj_get_own_property(ctx, NULL, obj_val(p), prop);
            if (r)
                return r;
        }
        p = p->shape->proto;
        if (!p)
            return 0;
    }
}

/* ------------------------------------------------------------------ */
/* [[DefineOwnProperty]] */

static inline bool same_obj(JSObject *cur, JSValueConst v)
{
    if (JS_IsUndefined(v))
        return cur == NULL;
    return JS_IsObject(v) && wf_obj(v) == cur;
}

static inline JSObject *accessor_ptr(JSContext *ctx, JSValueConst v)
{
    (void)ctx;
    if (JS_IsObject(v))
        return wf_obj(wf_obj_value(wf_obj(v)));
    return NULL;
}

/* ValidateAndApplyPropertyDescriptor on an existing shape property. */
static int define_existing(JSContext *ctx, JSObject *p, int idx, JSAtom prop,
                           JSValueConst val, JSValueConst getter, JSValueConst setter, int flags)
{
    JSRuntime *rt = ctx->rt;
    JSShapeProperty *prs = &p->shape->prop[idx];
    int pf = (int)prs->flags, kind = pf & JS_PROP_TMASK, nf;
    bool is_accessor_desc = (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) != 0;
    bool is_data_desc = (flags & (JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE)) != 0;

    if (kind == JS_PROP_AUTOINIT) {
        if (wf_obj_autoinit(ctx, p, idx))
            return -1;
        idx = wf_shape_find(p->shape, prop);
        if (idx < 0)
            return wf_obj_define(ctx, obj_val(p), prop, val, getter, setter, flags);
        prs = &p->shape->prop[idx];
        pf = (int)prs->flags;
        kind = pf & JS_PROP_TMASK;
    }
    if ((pf & JS_PROP_LENGTH) && p->class_id == JS_CLASS_ARRAY && (flags & JS_PROP_HAS_VALUE))
        return wf_array_define_length(ctx, p, val, flags);

    if (!(pf & JS_PROP_CONFIGURABLE)) {
        if ((flags & JS_PROP_HAS_CONFIGURABLE) && (flags & JS_PROP_CONFIGURABLE))
            goto fail;
        if ((flags & JS_PROP_HAS_ENUMERABLE) && ((flags ^ pf) & JS_PROP_ENUMERABLE))
            goto fail;
        if (is_accessor_desc) {
            if (kind != JS_PROP_GETSET)
                goto fail;
            if ((flags & JS_PROP_HAS_GET) && !same_obj(p->prop[idx].u.getset.getter, getter))
                goto fail;
            if ((flags & JS_PROP_HAS_SET) && !same_obj(p->prop[idx].u.getset.setter, setter))
                goto fail;
        } else if (is_data_desc) {
            if (kind == JS_PROP_GETSET)
                goto fail;
            if (!(pf & JS_PROP_WRITABLE)) {
                if ((flags & JS_PROP_HAS_WRITABLE) && (flags & JS_PROP_WRITABLE))
                    goto fail;
                if (flags & JS_PROP_HAS_VALUE) {
                    JSValueConst cur = kind == JS_PROP_VARREF ? *p->prop[idx].u.var_ref->pvalue
                                                              : p->prop[idx].u.value;
                    if (!wf_same_value(val, cur))
                        goto fail;
                }
            }
        }
    }

    /* new flags */
    nf = pf & ~JS_PROP_TMASK;
    if (flags & JS_PROP_HAS_CONFIGURABLE)
        nf = (nf & ~JS_PROP_CONFIGURABLE) | (flags & JS_PROP_CONFIGURABLE);
    if (flags & JS_PROP_HAS_ENUMERABLE)
        nf = (nf & ~JS_PROP_ENUMERABLE) | (flags & JS_PROP_ENUMERABLE);
    if (is_accessor_desc) {
        nf = (nf & ~JS_PROP_WRITABLE) | JS_PROP_GETSET;
    } else if (is_data_desc || kind != JS_PROP_GETSET) {
        if (kind == JS_PROP_GETSET)
            nf &= ~JS_PROP_WRITABLE;   /* accessor -> data: writable defaults to false */
        if (flags & JS_PROP_HAS_WRITABLE)
            nf = (nf & ~JS_PROP_WRITABLE) | (flags & JS_PROP_WRITABLE);
        if (kind == JS_PROP_VARREF && (nf & JS_PROP_WRITABLE))
            nf |= JS_PROP_VARREF;      /* stays mapped while writable */
    } else {
        nf |= JS_PROP_GETSET;          /* generic descriptor on an accessor */
    }

    if (nf != pf) {
        if (wf_shape_unshare(ctx, p))
            return -1;
        prs = &p->shape->prop[idx];
    }
    {
        JSProperty *pr = &p->prop[idx];
        int nkind = nf & JS_PROP_TMASK;
        if (nkind == JS_PROP_GETSET) {
            if (kind != JS_PROP_GETSET) {
                JSProperty old = *pr;
                pr->u.getset.getter = NULL;
                pr->u.getset.setter = NULL;
                prs->flags = (uint32_t)nf;
                wf_prop_free(rt, &old, kind);
            } else {
                prs->flags = (uint32_t)nf;
            }
            if (flags & JS_PROP_HAS_GET) {
                JSObject *old = pr->u.getset.getter;
                pr->u.getset.getter = accessor_ptr(ctx, getter);
                if (old)
                    JS_FreeValue(ctx, obj_val(old));
            }
            if (flags & JS_PROP_HAS_SET) {
                JSObject *old = pr->u.getset.setter;
                pr->u.getset.setter = accessor_ptr(ctx, setter);
                if (old)
                    JS_FreeValue(ctx, obj_val(old));
            }
        } else if (nkind == JS_PROP_VARREF) {
            prs->flags = (uint32_t)nf;
            if (flags & JS_PROP_HAS_VALUE)
                set_slot_value(ctx, pr->u.var_ref->pvalue, JS_DupValue(ctx, val));
        } else {
            /* data result */
            if (kind == JS_PROP_GETSET) {
                JSProperty old = *pr;
                pr->u.value = (flags & JS_PROP_HAS_VALUE) ? JS_DupValue(ctx, val) : JS_UNDEFINED;
                prs->flags = (uint32_t)nf;
                wf_prop_free(rt, &old, JS_PROP_GETSET);
            } else if (kind == JS_PROP_VARREF) {
                /* unmapping (writable:false): keep the current value */
                JSVarRef *vr = pr->u.var_ref;
                if (flags & JS_PROP_HAS_VALUE)
                    set_slot_value(ctx, vr->pvalue, JS_DupValue(ctx, val));
                pr->u.value = JS_DupValue(ctx, *vr->pvalue);
                prs->flags = (uint32_t)nf;
                wf_gc_release(rt, &vr->header);
            } else {
                prs->flags = (uint32_t)nf;
                if (flags & JS_PROP_HAS_VALUE)
                    set_slot_value(ctx, &pr->u.value, JS_DupValue(ctx, val));
            }
        }
    }
    return 1;
fail:
    return wf_obj_fail(ctx, flags, "cannot redefine property '%s'", prop);
}

/* A descriptor that leaves an element {value, writable, enumerable,
   configurable: all true} as it is (so a fast array can stay fast). */
static bool desc_keeps_cwe(int flags)
{
    if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET))
        return false;
    if ((flags & JS_PROP_HAS_CONFIGURABLE) && !(flags & JS_PROP_CONFIGURABLE))
        return false;
    if ((flags & JS_PROP_HAS_WRITABLE) && !(flags & JS_PROP_WRITABLE))
        return false;
    if ((flags & JS_PROP_HAS_ENUMERABLE) && !(flags & JS_PROP_ENUMERABLE))
        return false;
    return true;
}

/* A new property defined from this descriptor is a plain CWE data property. */
static bool desc_is_cwe_data(int flags)
{
    return (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) == 0 &&
           (flags & JS_PROP_C_W_E) == JS_PROP_C_W_E;
}

int wf_obj_define(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst val,
                  JSValueConst getter, JSValueConst setter, int flags)
{
    JSObject *p;
    JSProperty *pr;
    int idx;
    uint32_t aidx = 0;
    bool is_index = false;

    if (!JS_IsObject(obj)) {
        wf_throw_not_object(ctx, obj);
        return -1;
    }
    p = wf_obj(obj);
retry:
    idx = wf_shape_find(p->shape, prop);
    if (idx >= 0)
        return define_existing(ctx, p, idx, prop, val, getter, setter, flags);

    if (p->is_exotic) {
        if (p->fast_array) {
            if (wf_atom_is_int(prop)) {
                uint32_t i = wf_atom_to_uint(prop);
                if (i < p->u.array.count) {
                    if (desc_keeps_cwe(flags)) {
                        if (flags & JS_PROP_HAS_VALUE)
                            set_slot_value(ctx, &p->u.array.values[i], JS_DupValue(ctx, val));
                        return 1;
                    }
                    if (wf_fast_array_to_slow(ctx, p))
                        return -1;
                    goto retry;
                }
                if (i == p->u.array.count && p->extensible && desc_is_cwe_data(flags) &&
                    i < WF_FAST_ARRAY_MAX) {
                    if (p->class_id == JS_CLASS_ARRAY) {
                        uint32_t len = wf_array_length(p);
                        if (i >= len && !(p->shape->prop[0].flags & JS_PROP_WRITABLE))
                            return wf_obj_fail(ctx, flags, "cannot add element '%s': length is read-only", prop);
                    }
                    if (wf_fast_array_append(ctx, p, (flags & JS_PROP_HAS_VALUE) ?
                                             JS_DupValue(ctx, val) : JS_UNDEFINED))
                        return -1;
                    return 1;
                }
            }
            /* any other key: elements must become ordinary properties when
               the new one is an index (order and attributes) */
            if (p->u.array.count && wf_atom_is_array_index(ctx->rt, &aidx, prop)) {
                if (wf_fast_array_to_slow(ctx, p))
                    return -1;
            } else if (p->u.array.count == 0 && wf_atom_is_array_index(ctx->rt, &aidx, prop)) {
                p->fast_array = 0;
                js_free(ctx, p->u.array.values);
                p->u.array.values = NULL;
                p->u.array.size = 0;
            }
        } else if (p->class_id == JS_CLASS_STRING) {
            JSPropertyDescriptor cur;
            if (wf_string_get_own(ctx, &cur, p, prop)) {
                /* a String's index: only an identical redefinition succeeds */
                bool ok = !(flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) &&
                          !((flags & JS_PROP_HAS_CONFIGURABLE) && (flags & JS_PROP_CONFIGURABLE)) &&
                          !((flags & JS_PROP_HAS_ENUMERABLE) && !(flags & JS_PROP_ENUMERABLE)) &&
                          !((flags & JS_PROP_HAS_WRITABLE) && (flags & JS_PROP_WRITABLE)) &&
                          (!(flags & JS_PROP_HAS_VALUE) || wf_same_value(val, cur.value));
                JS_FreeValue(ctx, cur.value);
                if (ok)
                    return 1;
                return wf_obj_fail(ctx, flags, "cannot redefine property '%s'", prop);
            }
        } else {
            const JSClassExoticMethods *em = wf_obj_exotic(ctx->rt, p);
            if (em && em->define_own_property) {
                int r = em->define_own_property(ctx, obj, prop, val, getter, setter, flags);
                if (r == 0)
                    return wf_obj_fail(ctx, flags, "cannot define property '%s'", prop);
                return r;
            }
        }
    }

    /* a new property */
    if (!p->extensible)
        return wf_obj_fail(ctx, flags, "cannot define property '%s': object is not extensible", prop);
    if (p->class_id == JS_CLASS_ARRAY && wf_atom_is_array_index(ctx->rt, &aidx, prop)) {
        is_index = true;
        if (aidx >= wf_array_length(p) && !(p->shape->prop[0].flags & JS_PROP_WRITABLE))
            return wf_obj_fail(ctx, flags, "cannot add element '%s': length is read-only", prop);
    }
    if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) {
        pr = wf_obj_add_property(ctx, p, prop, (flags & (JS_PROP_CONFIGURABLE | JS_PROP_ENUMERABLE)) |
                                 JS_PROP_GETSET);
        if (!pr)
            return -1;
        pr->u.getset.getter = (flags & JS_PROP_HAS_GET) ? accessor_ptr(ctx, getter) : NULL;
        pr->u.getset.setter = (flags & JS_PROP_HAS_SET) ? accessor_ptr(ctx, setter) : NULL;
    } else {
        pr = wf_obj_add_property(ctx, p, prop, flags & JS_PROP_C_W_E);
        if (!pr)
            return -1;
        pr->u.value = (flags & JS_PROP_HAS_VALUE) ? JS_DupValue(ctx, val) : JS_UNDEFINED;
    }
    if (is_index && aidx >= wf_array_length(p))
        wf_array_store_length(p, aidx + 1);
    return 1;
}

int wf_obj_define_value(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValue val, int flags)
{
    int r = wf_obj_define(ctx, obj, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                          flags | JS_PROP_HAS_VALUE | JS_PROP_HAS_CONFIGURABLE |
                          JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE);
    JS_FreeValue(ctx, val);
    return r;
}

/* ------------------------------------------------------------------ */
/* [[Set]] */

/* Create or update the data property on the receiver (OrdinarySet, steps
   2.c-e).  val consumed. */
static int set_on_receiver(JSContext *ctx, JSValueConst receiver, JSAtom prop, JSValue val,
                           int flags)
{
    JSPropertyDescriptor d;
    int r;
    if (!JS_IsObject(receiver)) {
        JS_FreeValue(ctx, val);
        return wf_obj_fail(ctx, flags, "cannot create property '%s' on a primitive value", prop);
    }
    r = wf_obj_get_own_property(ctx, &d, receiver, prop);
    if (r < 0) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    if (r) {
        wf_desc_free(ctx, &d);
        if ((d.flags & JS_PROP_GETSET) || !(d.flags & JS_PROP_WRITABLE)) {
            JS_FreeValue(ctx, val);
            return wf_obj_fail(ctx, flags, "cannot assign to read-only property '%s'", prop);
        }
        r = wf_obj_define(ctx, receiver, prop, val, JS_UNDEFINED, JS_UNDEFINED,
                          JS_PROP_HAS_VALUE | (flags & THROW_FLAGS));
        JS_FreeValue(ctx, val);
        return r;
    }
    return wf_obj_define_value(ctx, receiver, prop, val, JS_PROP_C_W_E | (flags & THROW_FLAGS));
}

/* The receiver is the object where the lookup started and it has no own
   property 'prop': add it. */
static int add_own(JSContext *ctx, JSObject *p, JSAtom prop, JSValue val, int flags)
{
    JSProperty *pr;
    if (p->is_exotic) {
        if (p->fast_array && wf_atom_is_int(prop) && p->extensible &&
            wf_atom_to_uint(prop) == p->u.array.count && p->u.array.count < WF_FAST_ARRAY_MAX &&
            (p->class_id != JS_CLASS_ARRAY ||
             (p->shape->prop[0].flags & JS_PROP_WRITABLE) ||
             p->u.array.count < wf_array_length(p)))
            return wf_fast_array_append(ctx, p, val) ? -1 : 1;
        return wf_obj_define_value(ctx, obj_val(p), prop, val, JS_PROP_C_W_E | (flags & THROW_FLAGS));
    }
    if (!p->extensible) {
        JS_FreeValue(ctx, val);
        return wf_obj_fail(ctx, flags, "cannot add property '%s': object is not extensible", prop);
    }
    pr = wf_obj_add_property(ctx, p, prop, JS_PROP_C_W_E);
    if (!pr) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    pr->u.value = val;
    return 1;
}

int wf_obj_set(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValue val,
               JSValueConst receiver, int flags)
{
    JSObject *p, *p1;
    bool own_absent = false;   /* receiver == obj and obj has no own 'prop' */
    int tag = JS_VALUE_GET_TAG(obj), idx;

    if (js_unlikely(tag != JS_TAG_OBJECT)) {
        if (tag == JS_TAG_NULL || tag == JS_TAG_UNDEFINED) {
            JS_FreeValue(ctx, val);
            wf_throw_type_error_atom(ctx, tag == JS_TAG_NULL ?
                                     "cannot set property '%s' of null" :
                                     "cannot set property '%s' of undefined", prop);
            return -1;
        }
        if (tag == JS_TAG_STRING) {
            JSString *s = wf_str(obj);
            if ((wf_atom_is_int(prop) && wf_atom_to_uint(prop) < s->len) || prop == JS_ATOM_length) {
                JS_FreeValue(ctx, val);
                return wf_obj_fail(ctx, flags, "cannot assign to read-only property '%s'", prop);
            }
        }
        p1 = wf_prim_proto(ctx, obj);
        goto walk;
    }
    p = wf_obj(obj);
    if (js_likely(JS_IsObject(receiver) && wf_obj(receiver) == p)) {
        JSShape *sh = p->shape;
        idx = wf_shape_find(sh, prop);
        if (idx >= 0) {
            int pf = (int)sh->prop[idx].flags;
            if (js_likely((pf & (JS_PROP_TMASK | JS_PROP_WRITABLE | JS_PROP_LENGTH)) == JS_PROP_WRITABLE)) {
                set_slot_value(ctx, &p->prop[idx].u.value, val);
                return 1;
            }
            switch (pf & JS_PROP_TMASK) {
            case JS_PROP_GETSET:
                return call_setter(ctx, p->prop[idx].u.getset.setter, receiver, val, flags, prop);
            case JS_PROP_AUTOINIT:
                if (wf_obj_autoinit(ctx, p, idx)) {
                    JS_FreeValue(ctx, val);
                    return -1;
                }
                return wf_obj_set(ctx, obj, prop, val, receiver, flags);
            case JS_PROP_VARREF:
                if (pf & JS_PROP_WRITABLE) {
                    JSValue *pv = p->prop[idx].u.var_ref->pvalue;
                    if (JS_IsUninitialized(*pv)) {
                        JS_FreeValue(ctx, val);
                        wf_throw_reference_error_atom(ctx, "%s is not initialized", prop);
                        return -1;
                    }
                    set_slot_value(ctx, pv, val);
                    return 1;
                }
                break;
            default:
                if ((pf & JS_PROP_LENGTH) && (pf & JS_PROP_WRITABLE) && p->class_id == JS_CLASS_ARRAY) {
                    int r = wf_array_set_length(ctx, p, val, flags);
                    return r;
                }
                break;
            }
            JS_FreeValue(ctx, val);
            return wf_obj_fail(ctx, flags, "cannot assign to read-only property '%s'", prop);
        }
        if (p->is_exotic) {
            if (p->fast_array) {
                if (wf_atom_is_int(prop) && wf_atom_to_uint(prop) < p->u.array.count) {
                    set_slot_value(ctx, &p->u.array.values[wf_atom_to_uint(prop)], val);
                    return 1;
                }
            } else if (p->class_id == JS_CLASS_STRING) {
                if (wf_string_get_own(ctx, NULL, p, prop)) {
                    JS_FreeValue(ctx, val);
                    return wf_obj_fail(ctx, flags, "cannot assign to read-only property '%s'", prop);
                }
            } else {
                const JSClassExoticMethods *em = wf_obj_exotic(ctx->rt, p);
                if (em && em->set_property) {
                    int r = em->set_property(ctx, obj, prop, val, receiver, flags);
                    JS_FreeValue(ctx, val);
                    if (r == 0)
                        return wf_obj_fail(ctx, flags, "cannot set property '%s'", prop);
                    return r;
                }
                if (em && em->get_own_property)
                    goto walk_from_p;   /* let the generic walk read the descriptor */
            }
        }
        own_absent = true;
        p1 = sh->proto;
    } else {
    walk_from_p:
        p1 = p;
    }

walk:
    for (; p1; p1 = p1->shape->proto) {
        JSShape *sh = p1->shape;
        idx = wf_shape_find(sh, prop);
        if (idx >= 0) {
            int pf = (int)sh->prop[idx].flags;
            switch (pf & JS_PROP_TMASK) {
            case JS_PROP_GETSET:
                return call_setter(ctx, p1->prop[idx].u.getset.setter, receiver, val, flags, prop);
            case JS_PROP_AUTOINIT: {
                JSValue po = wf_obj_value(p1);
                int r;
                if (wf_obj_autoinit(ctx, p1, idx)) {
                    JS_FreeValue(ctx, po);
                    JS_FreeValue(ctx, val);
                    return -1;
                }
                r = wf_obj_set(ctx, po, prop, val, receiver, flags);
                JS_FreeValue(ctx, po);
                return r;
            }
            default:
                if (!(pf & JS_PROP_WRITABLE)) {
                    JS_FreeValue(ctx, val);
                    return wf_obj_fail(ctx, flags, "cannot assign to read-only property '%s'", prop);
                }
                goto found_data;
            }
        }
        if (p1->is_exotic) {
            if (p1->fast_array) {
                if (wf_atom_is_int(prop) && wf_atom_to_uint(prop) < p1->u.array.count)
                    goto found_data;
            } else if (p1->class_id == JS_CLASS_STRING) {
                if (wf_string_get_own(ctx, NULL, p1, prop)) {
                    JS_FreeValue(ctx, val);
                    return wf_obj_fail(ctx, flags, "cannot assign to read-only property '%s'", prop);
                }
            } else {
                const JSClassExoticMethods *em = wf_obj_exotic(ctx->rt, p1);
                if (em && em->set_property) {
                    JSValue po = wf_obj_value(p1);
                    int r = em->set_property(ctx, po, prop, val, receiver, flags);
                    JS_FreeValue(ctx, po);
                    JS_FreeValue(ctx, val);
                    if (r == 0)
                        return wf_obj_fail(ctx, flags, "cannot set property '%s'", prop);
                    return r;
                }
                if (em && em->get_own_property) {
                    JSPropertyDescriptor d;
                    int r = em->get_own_property(ctx, &d, obj_val(p1), prop);
                    if (r < 0) {
                        JS_FreeValue(ctx, val);
                        return -1;
                    }
                    if (r) {
                        if (d.flags & JS_PROP_GETSET) {
                            JSValue s = d.setter, ret;
                            JS_FreeValue(ctx, d.getter);
                            JS_FreeValue(ctx, d.value);
                            if (JS_IsUndefined(s)) {
                                JS_FreeValue(ctx, val);
                                return wf_obj_fail(ctx, flags, "no setter for property '%s'", prop);
                            }
                            ret = wf_call(ctx, s, receiver, 1, (JSValueConst *)&val);
                            JS_FreeValue(ctx, s);
                            JS_FreeValue(ctx, val);
                            if (JS_IsException(ret))
                                return -1;
                            JS_FreeValue(ctx, ret);
                            return 1;
                        }
                        wf_desc_free(ctx, &d);
                        if (!(d.flags & JS_PROP_WRITABLE)) {
                            JS_FreeValue(ctx, val);
                            return wf_obj_fail(ctx, flags, "cannot assign to read-only property '%s'", prop);
                        }
                        goto found_data;
                    }
                }
            }
        }
    }
    /* not found anywhere: create on the receiver */
    if (own_absent)
        return add_own(ctx, wf_obj(receiver), prop, val, flags);
found_data:
    return set_on_receiver(ctx, receiver, prop, val, flags);
}

/* ------------------------------------------------------------------ */
/* [[Delete]] */

int wf_obj_delete(JSContext *ctx, JSValueConst obj, JSAtom prop, int flags)
{
    JSObject *p;
    int idx;

    if (!JS_IsObject(obj)) {
        int tag = JS_VALUE_GET_TAG(obj);
        if (tag == JS_TAG_NULL || tag == JS_TAG_UNDEFINED) {
            wf_throw_type_error_atom(ctx, "cannot delete property '%s' of null or undefined", prop);
            return -1;
        }
        if (tag == JS_TAG_STRING &&
            ((wf_atom_is_int(prop) && wf_atom_to_uint(prop) < wf_str(obj)->len) || prop == JS_ATOM_length))
            return wf_obj_fail(ctx, flags, "cannot delete property '%s'", prop);
        return 1;
    }
    p = wf_obj(obj);
retry:
    idx = wf_shape_find(p->shape, prop);
    if (idx >= 0) {
        if (!(p->shape->prop[idx].flags & JS_PROP_CONFIGURABLE))
            return wf_obj_fail(ctx, flags, "cannot delete property '%s'", prop);
        if (wf_shape_unshare(ctx, p))
            return -1;
        wf_shape_delete_prop(ctx->rt, p, idx);
        return 1;
    }
    if (p->is_exotic) {
        if (p->fast_array) {
            if (wf_atom_is_int(prop)) {
                uint32_t i = wf_atom_to_uint(prop);
                if (i < p->u.array.count) {
                    if (i == p->u.array.count - 1) {
                        JSValue v = p->u.array.values[i];
                        p->u.array.count--;
                        JS_FreeValue(ctx, v);
                        return 1;
                    }
                    if (wf_fast_array_to_slow(ctx, p))
                        return -1;
                    goto retry;
                }
            }
        } else if (p->class_id == JS_CLASS_STRING) {
            if (wf_string_get_own(ctx, NULL, p, prop))
                return wf_obj_fail(ctx, flags, "cannot delete property '%s'", prop);
        } else {
            const JSClassExoticMethods *em = wf_obj_exotic(ctx->rt, p);
            if (em && em->delete_property) {
                int r = em->delete_property(ctx, obj, prop);
                if (r == 0)
                    return wf_obj_fail(ctx, flags, "cannot delete property '%s'", prop);
                return r;
            }
        }
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* [[OwnPropertyKeys]] */

void wf_prop_enum_free(JSRuntime *rt, JSPropertyEnum *tab, uint32_t len)
{
    if (!tab)
        return;
    for (uint32_t i = 0; i < len; i++)
        wf_atom_free(rt, tab[i].atom);
    js_free_rt(rt, tab);
}

typedef struct KeyEnt {
    uint32_t idx;       /* for index keys */
    JSAtom atom;        /* not counted */
    bool enumerable;
} KeyEnt;

static int cmp_index(const void *a, const void *b)
{
    uint32_t x = ((const KeyEnt *)a)->idx, y = ((const KeyEnt *)b)->idx;
    return x < y ? -1 : x > y;
}

enum { KIND_INDEX, KIND_STRING, KIND_SYMBOL, KIND_SKIP };

static int key_kind(JSRuntime *rt, JSAtom a, uint32_t *pidx, int flags)
{
    int t;
    if (wf_atom_is_array_index(rt, pidx, a))
        return (flags & JS_GPN_STRING_MASK) ? KIND_INDEX : KIND_SKIP;
    t = wf_atom_type(rt, a);
    if (t == WF_ATOM_TYPE_STRING)
        return (flags & JS_GPN_STRING_MASK) ? KIND_STRING : KIND_SKIP;
    if (t == WF_ATOM_TYPE_PRIVATE)
        return (flags & JS_GPN_PRIVATE_MASK) ? KIND_SYMBOL : KIND_SKIP;
    return (flags & JS_GPN_SYMBOL_MASK) ? KIND_SYMBOL : KIND_SKIP;
}

int wf_obj_own_keys(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                    JSValueConst obj, int flags)
{
    JSRuntime *rt = ctx->rt;
    JSObject *p;
    JSShape *sh;
    const JSClassExoticMethods *em;
    JSPropertyEnum *xtab = NULL, *tab = NULL;
    uint32_t xlen = 0, i, n_fast = 0, n_total, n_idx = 0, n_str = 0, n_sym = 0, pos;
    KeyEnt *ents = NULL;
    int kind;
    uint32_t idx;

    *ptab = NULL;
    *plen = 0;
    if (!JS_IsObject(obj)) {
        wf_throw_not_object(ctx, obj);
        return -1;
    }
    p = wf_obj(obj);
    em = p->is_exotic ? wf_obj_exotic(rt, p) : NULL;
    if (em && em->get_own_property_names) {
        if (em->get_own_property_names(ctx, &xtab, &xlen, obj) < 0)
            return -1;
    }
    sh = p->shape;
    if (p->fast_array)
        n_fast = p->u.array.count;
    else if (p->class_id == JS_CLASS_STRING)
        n_fast = wf_string_obj_len(p);
    if (xtab && n_fast == 0 && (sh->prop_count == sh->deleted_prop_count ||
                                p->class_id == JS_CLASS_PROXY)) {
        /* only the hook's keys (Proxy; its shape holds private names at
           most): keep its order, just filter */
        uint32_t k = 0;
        for (i = 0; i < xlen; i++) {
            JSAtom a = xtab[i].atom;
            bool keep = key_kind(rt, a, &idx, flags) != KIND_SKIP;
            /* a proxy's enumerability is only known by asking its trap; a
               module namespace's [[GetOwnProperty]] throws for a binding
               in its TDZ */
            if (keep && ((flags & JS_GPN_ENUM_ONLY) ||
                         ((flags & JS_GPN_SET_ENUM) && (p->class_id == JS_CLASS_PROXY ||
                                                        p->class_id == JS_CLASS_MODULE_NS)))) {
                JSPropertyDescriptor d;
                int r = wf_obj_get_own_property(ctx, &d, obj, a);
                if (r < 0) {
                    uint32_t j;
                    for (j = 0; j < k; j++)
                        wf_atom_free(rt, xtab[j].atom);
                    for (j = i; j < xlen; j++)
                        wf_atom_free(rt, xtab[j].atom);
                    js_free(ctx, xtab);
                    return -1;
                }
                xtab[i].is_enumerable = r && (d.flags & JS_PROP_ENUMERABLE);
                if (flags & JS_GPN_ENUM_ONLY)
                    keep = xtab[i].is_enumerable;
                if (r)
                    wf_desc_free(ctx, &d);
            }
            if (keep)
                xtab[k++] = xtab[i];
            else
                wf_atom_free(rt, a);
        }
        *ptab = xtab;
        *plen = k;
        return 0;
    }
    n_total = n_fast + (uint32_t)(sh->prop_count - sh->deleted_prop_count) + xlen;
    ents = js_malloc(ctx, sizeof(KeyEnt) * (n_total ? n_total : 1) * 1);
    if (!ents)
        goto fail;

    /* pass 1: classify; index keys go first in ents, in any order */
    pos = 0;
    if (flags & JS_GPN_STRING_MASK) {
        for (i = 0; i < n_fast; i++) {
            ents[pos].idx = i;
            ents[pos].atom = JS_ATOM_NULL;   /* made below */
            ents[pos].enumerable = true;
            pos++;
        }
    }
    for (int k = 0; k < sh->prop_count; k++) {
        JSShapeProperty *prs = &sh->prop[k];
        if (prs->atom == JS_ATOM_NULL)
            continue;
        kind = key_kind(rt, prs->atom, &idx, flags);
        if (kind == KIND_INDEX) {
            ents[pos].idx = idx;
            ents[pos].atom = prs->atom;
            ents[pos].enumerable = (prs->flags & JS_PROP_ENUMERABLE) != 0;
            pos++;
        }
    }
    for (i = 0; i < xlen; i++) {
        kind = key_kind(rt, xtab[i].atom, &idx, flags);
        if (kind == KIND_INDEX && wf_shape_find(sh, xtab[i].atom) < 0) {
            ents[pos].idx = idx;
            ents[pos].atom = xtab[i].atom;
            ents[pos].enumerable = xtab[i].is_enumerable;
            pos++;
        }
    }
    n_idx = pos;
    if (n_idx > n_fast)
        qsort(ents, n_idx, sizeof(KeyEnt), cmp_index);
    /* strings, then symbols, each in creation order (shape, then hook) */
    for (int pass = KIND_STRING; pass <= KIND_SYMBOL; pass++) {
        for (int k = 0; k < sh->prop_count; k++) {
            JSShapeProperty *prs = &sh->prop[k];
            if (prs->atom == JS_ATOM_NULL)
                continue;
            if (key_kind(rt, prs->atom, &idx, flags) == pass) {
                ents[pos].atom = prs->atom;
                ents[pos].enumerable = (prs->flags & JS_PROP_ENUMERABLE) != 0;
                pos++;
            }
        }
        for (i = 0; i < xlen; i++) {
            if (key_kind(rt, xtab[i].atom, &idx, flags) == pass && wf_shape_find(sh, xtab[i].atom) < 0) {
                ents[pos].atom = xtab[i].atom;
                ents[pos].enumerable = xtab[i].is_enumerable;
                pos++;
            }
        }
        if (pass == KIND_STRING)
            n_str = pos - n_idx;
        else
            n_sym = pos - n_idx - n_str;
    }
    (void)n_sym;

    /* exotic keys' enumerability is only known by asking */
    if ((flags & JS_GPN_ENUM_ONLY) && xlen) {
        for (i = 0; i < pos; i++) {
            JSPropertyDescriptor d;
            int r;
            if (ents[i].atom == JS_ATOM_NULL || wf_shape_find(p->shape, ents[i].atom) >= 0)
                continue;
            r = wf_obj_get_own_property(ctx, &d, obj, ents[i].atom);
            if (r < 0)
                goto fail;
            if (r) {
                ents[i].enumerable = (d.flags & JS_PROP_ENUMERABLE) != 0;
                wf_desc_free(ctx, &d);
            } else {
                ents[i].enumerable = false;
            }
        }
    }

    tab = js_malloc(ctx, sizeof(JSPropertyEnum) * (pos ? pos : 1));
    if (!tab)
        goto fail;
    n_total = 0;
    for (i = 0; i < pos; i++) {
        JSAtom a;
        if ((flags & JS_GPN_ENUM_ONLY) && !ents[i].enumerable)
            continue;
        if (ents[i].atom == JS_ATOM_NULL) {
            a = wf_atom_new_uint32(ctx, ents[i].idx);
            if (a == JS_ATOM_NULL) {
                wf_prop_enum_free(rt, tab, n_total);
                tab = NULL;
                goto fail;
            }
        } else {
            a = wf_atom_dup(rt, ents[i].atom);
        }
        tab[n_total].atom = a;
        tab[n_total].is_enumerable = ents[i].enumerable;
        n_total++;
    }
    js_free(ctx, ents);
    wf_prop_enum_free(rt, xtab, xlen);
    *ptab = tab;
    *plen = n_total;
    return 0;
fail:
    js_free(ctx, ents);
    wf_prop_enum_free(rt, xtab, xlen);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Prototype and extensibility */

JSValue wf_obj_get_proto(JSContext *ctx, JSValueConst obj)
{
    JSObject *p;
    const WFObjectHooks *h;
    if (!JS_IsObject(obj)) {
        p = wf_prim_proto(ctx, obj);
        if (JS_IsNull(obj) || JS_IsUndefined(obj))
            return wf_throw_error(ctx, JS_TYPE_ERROR, "cannot convert undefined or null to object");
        return p ? wf_obj_value(p) : JS_NULL;
    }
    p = wf_obj(obj);
    h = wf_obj_hooks(ctx->rt, p);
    if (h && h->get_prototype_of)
        return h->get_prototype_of(ctx, obj);
    p = p->shape->proto;
    return p ? wf_obj_value(p) : JS_NULL;
}

int wf_obj_set_proto(JSContext *ctx, JSValueConst obj, JSValueConst proto, bool throw_flag)
{
    JSObject *p, *np, *q;
    const WFObjectHooks *h;
    int r;

    if (!JS_IsObject(proto) && !JS_IsNull(proto)) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "object prototype may only be an object or null");
        return -1;
    }
    if (!JS_IsObject(obj)) {
        if (JS_IsNull(obj) || JS_IsUndefined(obj)) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "cannot set prototype of undefined or null");
            return -1;
        }
        return 1;
    }
    p = wf_obj(obj);
    h = wf_obj_hooks(ctx->rt, p);
    if (h && h->set_prototype_of) {
        r = h->set_prototype_of(ctx, obj, proto);
        if (r == 0 && throw_flag) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "proxy: cannot set prototype");
            return -1;
        }
        return r;
    }
    np = JS_IsObject(proto) ? wf_obj(proto) : NULL;
    if (p->shape->proto == np)
        return 1;
    if (p->is_immutable_proto)
        goto fail;
    if (!p->extensible)
        goto fail;
    for (q = np; q; q = q->shape->proto) {
        const WFObjectHooks *qh;
        if (q == p)
            goto fail;
        qh = wf_obj_hooks(ctx->rt, q);
        if (qh && qh->get_prototype_of)
            break;
    }
    if (wf_obj_set_proto_raw(ctx, p, np))
        return -1;
    return 1;
fail:
    if (throw_flag) {
        wf_throw_error(ctx, JS_TYPE_ERROR, p->is_immutable_proto ? "immutable prototype object cannot have its prototype set" :
                       !p->extensible ? "object is not extensible" : "cyclic __proto__ value");
        return -1;
    }
    return 0;
}

int wf_obj_is_extensible(JSContext *ctx, JSValueConst obj)
{
    JSObject *p;
    const WFObjectHooks *h;
    if (!JS_IsObject(obj))
        return 0;
    p = wf_obj(obj);
    h = wf_obj_hooks(ctx->rt, p);
    if (h && h->is_extensible)
        return h->is_extensible(ctx, obj);
    return p->extensible;
}

int wf_obj_prevent_extensions(JSContext *ctx, JSValueConst obj)
{
    JSObject *p;
    const WFObjectHooks *h;
    if (!JS_IsObject(obj))
        return 1;
    p = wf_obj(obj);
    h = wf_obj_hooks(ctx->rt, p);
    if (h && h->prevent_extensions)
        return h->prevent_extensions(ctx, obj);
    p->extensible = 0;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Keys by value and by integer */

/* An int-tagged, non-negative value as an int atom without conversion. */
static inline bool value_is_int_key(JSValueConst v, uint32_t *pidx)
{
    if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
        int32_t i = JS_VALUE_GET_INT(v);
        if (i >= 0 && wf_atom_uint_fits((uint32_t)i)) {
            *pidx = (uint32_t)i;
            return true;
        }
    }
    return false;
}

JSValue wf_obj_get_value(JSContext *ctx, JSValueConst obj, JSValue prop)
{
    uint32_t i;
    JSAtom a;
    JSValue r;
    if (js_likely(value_is_int_key(prop, &i))) {
        if (JS_IsObject(obj)) {
            JSObject *p = wf_obj(obj);
            JSValue v;
            if (p->fast_array && i < p->u.array.count)
                return JS_DupValue(ctx, p->u.array.values[i]);
            if (wf_is_typed_array_class(p->class_id) && wf_typed_array_get_fast(ctx, p, i, &v))
                return v;
        } else if (JS_VALUE_GET_TAG(obj) == JS_TAG_STRING && i < wf_str(obj)->len) {
            return wf_str_new_char(ctx, wf_str_get(wf_str(obj), i));
        }
        return wf_obj_get(ctx, obj, wf_atom_from_uint(i), obj);
    }
    if (JS_IsNull(obj) || JS_IsUndefined(obj)) {
        JS_FreeValue(ctx, prop);
        return wf_throw_error(ctx, JS_TYPE_ERROR, "cannot read properties of %s",
                              JS_IsNull(obj) ? "null" : "undefined");
    }
    a = wf_to_property_key(ctx, prop);
    JS_FreeValue(ctx, prop);
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_obj_get(ctx, obj, a, obj);
    wf_atom_free(ctx->rt, a);
    return r;
}

int wf_obj_set_value(JSContext *ctx, JSValueConst obj, JSValue prop, JSValue val, int flags)
{
    uint32_t i;
    JSAtom a;
    int r;
    if (js_likely(value_is_int_key(prop, &i))) {
        if (JS_IsObject(obj)) {
            JSObject *p = wf_obj(obj);
            if (p->fast_array && i < p->u.array.count) {
                set_slot_value(ctx, &p->u.array.values[i], val);
                return 1;
            }
            /* a typed array element never runs code when val is already
               of the element's numeric type */
            if (wf_is_typed_array_class(p->class_id) && wf_typed_array_set_fast(ctx, p, i, val)) {
                JS_FreeValue(ctx, val);
                return 1;
            }
        }
        return wf_obj_set(ctx, obj, wf_atom_from_uint(i), val, obj, flags);
    }
    if (JS_IsNull(obj) || JS_IsUndefined(obj)) {
        JS_FreeValue(ctx, prop);
        JS_FreeValue(ctx, val);
        wf_throw_error(ctx, JS_TYPE_ERROR, "cannot set properties of %s",
                       JS_IsNull(obj) ? "null" : "undefined");
        return -1;
    }
    a = wf_to_property_key(ctx, prop);
    JS_FreeValue(ctx, prop);
    if (a == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    r = wf_obj_set(ctx, obj, a, val, obj, flags);
    wf_atom_free(ctx->rt, a);
    return r;
}

/* Atom for an integer key (JS_ATOM_NULL with an exception on OOM). */
static JSAtom int64_atom(JSContext *ctx, int64_t idx)
{
    char buf[32];
    int len;
    if (idx >= 0 && idx <= UINT32_MAX && wf_atom_uint_fits((uint32_t)idx))
        return wf_atom_from_uint((uint32_t)idx);
    len = snprintf(buf, sizeof(buf), "%lld", (long long)idx);
    return wf_atom_new_len(ctx, buf, (size_t)len);
}

JSValue wf_obj_get_uint32(JSContext *ctx, JSValueConst obj, uint32_t idx)
{
    return wf_obj_get_int64(ctx, obj, idx);
}

JSValue wf_obj_get_int64(JSContext *ctx, JSValueConst obj, int64_t idx)
{
    JSAtom a;
    JSValue r;
    if (JS_IsObject(obj) && idx >= 0) {
        JSObject *p = wf_obj(obj);
        if (p->fast_array && (uint64_t)idx < p->u.array.count)
            return JS_DupValue(ctx, p->u.array.values[idx]);
    }
    a = int64_atom(ctx, idx);
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_obj_get(ctx, obj, a, obj);
    wf_atom_free(ctx->rt, a);
    return r;
}

int wf_obj_set_int64(JSContext *ctx, JSValueConst obj, int64_t idx, JSValue val, int flags)
{
    JSAtom a;
    int r;
    if (JS_IsObject(obj) && idx >= 0) {
        JSObject *p = wf_obj(obj);
        if (p->fast_array && (uint64_t)idx < p->u.array.count) {
            set_slot_value(ctx, &p->u.array.values[idx], val);
            return 1;
        }
    }
    a = int64_atom(ctx, idx);
    if (a == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    r = wf_obj_set(ctx, obj, a, val, obj, flags);
    wf_atom_free(ctx->rt, a);
    return r;
}

int wf_obj_define_int64(JSContext *ctx, JSValueConst obj, int64_t idx, JSValue val, int flags)
{
    JSAtom a;
    int r;
    if (JS_IsObject(obj) && idx >= 0 && (flags & JS_PROP_C_W_E) == JS_PROP_C_W_E) {
        JSObject *p = wf_obj(obj);
        if (p->fast_array && p->class_id == JS_CLASS_ARRAY && p->extensible &&
            (uint64_t)idx == p->u.array.count && idx < WF_FAST_ARRAY_MAX &&
            ((p->shape->prop[0].flags & JS_PROP_WRITABLE) || (uint64_t)idx < wf_array_length(p)))
            return wf_fast_array_append(ctx, p, val) ? -1 : 1;
    }
    a = int64_atom(ctx, idx);
    if (a == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    r = wf_obj_define_value(ctx, obj, a, val, flags);
    wf_atom_free(ctx->rt, a);
    return r;
}

int wf_obj_delete_int64(JSContext *ctx, JSValueConst obj, int64_t idx, int flags)
{
    JSAtom a = int64_atom(ctx, idx);
    int r;
    if (a == JS_ATOM_NULL)
        return -1;
    r = wf_obj_delete(ctx, obj, a, flags);
    wf_atom_free(ctx->rt, a);
    return r;
}

int wf_obj_has_int64(JSContext *ctx, JSValueConst obj, int64_t idx)
{
    JSAtom a;
    int r;
    if (JS_IsObject(obj) && idx >= 0) {
        JSObject *p = wf_obj(obj);
        if (p->fast_array && (uint64_t)idx < p->u.array.count)
            return 1;
    }
    a = int64_atom(ctx, idx);
    if (a == JS_ATOM_NULL)
        return -1;
    r = wf_obj_has(ctx, obj, a);
    wf_atom_free(ctx->rt, a);
    return r;
}

/* ------------------------------------------------------------------ */
/* Public property API */

JSValue JS_GetProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop)
{
    return wf_obj_get(ctx, this_obj, prop, this_obj);
}

JSValue JS_GetPropertyUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx)
{
    return wf_obj_get_int64(ctx, this_obj, idx);
}

JSValue JS_GetPropertyInt64(JSContext *ctx, JSValueConst this_obj, int64_t idx)
{
    return wf_obj_get_int64(ctx, this_obj, idx);
}

JSValue JS_GetPropertyStr(JSContext *ctx, JSValueConst this_obj, const char *prop)
{
    JSAtom a = JS_NewAtom(ctx, prop);
    JSValue r;
    if (a == JS_ATOM_NULL)
        return JS_EXCEPTION;
    r = wf_obj_get(ctx, this_obj, a, this_obj);
    JS_FreeAtom(ctx, a);
    return r;
}

JSValue JS_GetPropertyValue(JSContext *ctx, JSValueConst this_obj, JSValue prop)
{
    return wf_obj_get_value(ctx, this_obj, prop);
}

int JS_SetProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValue val)
{
    return wf_obj_set(ctx, this_obj, prop, val, this_obj, JS_PROP_THROW);
}

int JS_SetPropertyUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx, JSValue val)
{
    return wf_obj_set_int64(ctx, this_obj, idx, val, JS_PROP_THROW);
}

int JS_SetPropertyInt64(JSContext *ctx, JSValueConst this_obj, int64_t idx, JSValue val)
{
    return wf_obj_set_int64(ctx, this_obj, idx, val, JS_PROP_THROW);
}

int JS_SetPropertyStr(JSContext *ctx, JSValueConst this_obj, const char *prop, JSValue val)
{
    JSAtom a = JS_NewAtom(ctx, prop);
    int r;
    if (a == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    r = wf_obj_set(ctx, this_obj, a, val, this_obj, JS_PROP_THROW);
    JS_FreeAtom(ctx, a);
    return r;
}

int JS_SetPropertyValue(JSContext *ctx, JSValueConst this_obj, JSValue prop, JSValue val)
{
    return wf_obj_set_value(ctx, this_obj, prop, val, JS_PROP_THROW);
}

int JS_HasProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop)
{
    return wf_obj_has(ctx, this_obj, prop);
}

int JS_IsExtensible(JSContext *ctx, JSValueConst obj)
{
    return wf_obj_is_extensible(ctx, obj);
}

int JS_PreventExtensions(JSContext *ctx, JSValueConst obj)
{
    return wf_obj_prevent_extensions(ctx, obj);
}

int JS_DeleteProperty(JSContext *ctx, JSValueConst obj, JSAtom prop, int flags)
{
    return wf_obj_delete(ctx, obj, prop, flags);
}

int JS_SetPrototype(JSContext *ctx, JSValueConst obj, JSValueConst proto_val)
{
    return wf_obj_set_proto(ctx, obj, proto_val, true);
}

/* Returns a new reference (quickjs-ng semantics). */
JSValue JS_GetPrototype(JSContext *ctx, JSValueConst val)
{
    return wf_obj_get_proto(ctx, val);
}

int JS_GetLength(JSContext *ctx, JSValueConst obj, int64_t *pres)
{
    JSValue v;
    int r;
    if (JS_IsObject(obj) && wf_obj(obj)->class_id == JS_CLASS_ARRAY) {
        *pres = wf_array_length(wf_obj(obj));
        return 0;
    }
    v = wf_obj_get(ctx, obj, JS_ATOM_length, obj);
    if (JS_IsException(v)) {
        *pres = 0;
        return -1;
    }
    r = wf_to_length(ctx, pres, v);
    JS_FreeValue(ctx, v);
    return r;
}

int JS_SetLength(JSContext *ctx, JSValueConst obj, int64_t len)
{
    return wf_obj_set(ctx, obj, JS_ATOM_length, JS_NewInt64(ctx, len), obj, JS_PROP_THROW);
}

int JS_SealObject(JSContext *ctx, JSValueConst obj)
{
    return wf_obj_set_integrity(ctx, obj, false);
}

int JS_FreezeObject(JSContext *ctx, JSValueConst obj)
{
    return wf_obj_set_integrity(ctx, obj, true);
}

int JS_GetOwnPropertyNames(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                           JSValueConst obj, int flags)
{
    if (!(flags & (JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK | JS_GPN_PRIVATE_MASK)))
        flags |= JS_GPN_STRING_MASK;
    return wf_obj_own_keys(ctx, ptab, plen, obj, flags);
}

int JS_GetOwnProperty(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj, JSAtom prop)
{
    if (!JS_IsObject(obj)) {
        wf_throw_not_object(ctx, obj);
        return -1;
    }
    return wf_obj_get_own_property(ctx, desc, obj, prop);
}

void JS_FreePropertyEnum(JSContext *ctx, JSPropertyEnum *tab, uint32_t len)
{
    wf_prop_enum_free(ctx->rt, tab, len);
}

int JS_DefineProperty(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValueConst val,
                      JSValueConst getter, JSValueConst setter, int flags)
{
    return wf_obj_define(ctx, this_obj, prop, val, getter, setter, flags);
}

int JS_DefinePropertyValue(JSContext *ctx, JSValueConst this_obj, JSAtom prop, JSValue val, int flags)
{
    return wf_obj_define_value(ctx, this_obj, prop, val, flags);
}

int JS_DefinePropertyValueUint32(JSContext *ctx, JSValueConst this_obj, uint32_t idx,
                                 JSValue val, int flags)
{
    return wf_obj_define_int64(ctx, this_obj, idx, val, flags);
}

int JS_DefinePropertyValueStr(JSContext *ctx, JSValueConst this_obj, const char *prop,
                              JSValue val, int flags)
{
    JSAtom a = JS_NewAtom(ctx, prop);
    int r;
    if (a == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    r = wf_obj_define_value(ctx, this_obj, a, val, flags);
    JS_FreeAtom(ctx, a);
    return r;
}

int JS_DefinePropertyValueValue(JSContext *ctx, JSValueConst this_obj, JSValue prop,
                                JSValue val, int flags)
{
    JSAtom a = wf_to_property_key(ctx, prop);
    int r;
    JS_FreeValue(ctx, prop);
    if (a == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    r = wf_obj_define_value(ctx, this_obj, a, val, flags);
    JS_FreeAtom(ctx, a);
    return r;
}

int JS_DefinePropertyGetSet(JSContext *ctx, JSValueConst this_obj, JSAtom prop,
                            JSValue getter, JSValue setter, int flags)
{
    int r = wf_obj_define(ctx, this_obj, prop, JS_UNDEFINED, getter, setter,
                          flags | JS_PROP_HAS_GET | JS_PROP_HAS_SET |
                          JS_PROP_HAS_CONFIGURABLE | JS_PROP_HAS_ENUMERABLE);
    JS_FreeValue(ctx, getter);
    JS_FreeValue(ctx, setter);
    return r;
}
