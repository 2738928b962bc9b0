/*
 * interp_obj.c - out-of-line paths of the interpreter's property, object
 * literal, class and private-name opcodes (ECMA-262 13.3.2 property
 * accessors and 6.2.5 references on any base, 13.2.5 object initializers,
 * 15.7 class definitions, 6.2.12 private names, 9.1.1.2 object environment
 * records), plus the in-place string append helper of `x += s`.
 *
 * The dispatch loop (interp.c) keeps the fast paths; everything here is
 * reached when a fast path does not apply.  Values follow the loop's
 * ownership rules (see interp_int.h).
 */
#include <string.h>

#include "engine/interp_int.h"
#include "engine/bytecode.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/jsstring.h"
#include "engine/function.h"

JSValue wf_interp_throw_kind(JSContext *ctx, int kind, JSAtom atom)
{
    char buf[128];
    const char *name = atom != JS_ATOM_NULL ?
        wf_atom_get_cstr(ctx->rt, buf, sizeof(buf), atom) : "variable";

    switch (kind) {
    case WF_THROW_CONST_ASSIGN:
        return wf_throw_error(ctx, JS_TYPE_ERROR, "Assignment to constant variable '%s'", name);
    case WF_THROW_TDZ:
        return wf_throw_error(ctx, JS_REFERENCE_ERROR,
                              "Cannot access '%s' before initialization", name);
    case WF_THROW_NOT_DEFINED:
        return wf_throw_error(ctx, JS_REFERENCE_ERROR, "%s is not defined", name);
    case WF_THROW_SYNTAX:
        return wf_throw_error(ctx, JS_SYNTAX_ERROR, "%s", name);
    case WF_THROW_TYPE:
        return wf_throw_error(ctx, JS_TYPE_ERROR, "%s", name);
    case WF_THROW_SUPER_TWICE:
        return wf_throw_error(ctx, JS_REFERENCE_ERROR, "Super constructor may only be called once");
    case WF_THROW_THIS_UNINIT:
        return wf_throw_error(ctx, JS_REFERENCE_ERROR,
                              "Must call super constructor in derived class before "
                              "accessing 'this' or returning from derived constructor");
    case WF_THROW_DELETE_SUPER:
        return wf_throw_error(ctx, JS_REFERENCE_ERROR, "Unsupported reference to 'super'");
    case WF_THROW_REFERENCE:
        return wf_throw_error(ctx, JS_REFERENCE_ERROR, "%s", name);
    default:
        return wf_throw_error(ctx, JS_INTERNAL_ERROR, "invalid throw_error kind %d", kind);
    }
}

JSValue wf_interp_throw_invalid_base(JSContext *ctx, JSValueConst base, JSAtom atom,
                                          bool is_set)
{
    char buf[128];
    const char *what = JS_IsNull(base) ? "null" : "undefined";
    if (atom == JS_ATOM_NULL)
        return wf_throw_error(ctx, JS_TYPE_ERROR, "cannot %s properties of %s",
                              is_set ? "set" : "read", what);
    return wf_throw_error(ctx, JS_TYPE_ERROR, "cannot %s property '%s' of %s",
                          is_set ? "set" : "read",
                          wf_atom_get_cstr(ctx->rt, buf, sizeof(buf), atom), what);
}

/* The prototype that property lookups on a primitive start from. */
static JSValueConst primitive_proto(JSContext *ctx, JSValueConst v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        return ctx->class_proto[JS_CLASS_NUMBER];
    case JS_TAG_BOOL:
        return ctx->class_proto[JS_CLASS_BOOLEAN];
    case JS_TAG_STRING:
    case JS_TAG_STRING_ROPE:
        return ctx->class_proto[JS_CLASS_STRING];
    case JS_TAG_SYMBOL:
        return ctx->class_proto[JS_CLASS_SYMBOL];
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        return ctx->class_proto[JS_CLASS_BIG_INT];
    default:
        return ctx->class_proto[JS_CLASS_OBJECT];
    }
}

/* GetValue(obj.atom) for any base. */
JSValue wf_interp_get_field(JSContext *ctx, JSValueConst obj, JSAtom atom)
{
    int tag = JS_VALUE_GET_TAG(obj);
    if (tag == JS_TAG_OBJECT)
        return wf_obj_get(ctx, obj, atom, obj);
    if (tag == JS_TAG_UNDEFINED || tag == JS_TAG_NULL)
        return wf_interp_throw_invalid_base(ctx, obj, atom, false);
    if (tag == JS_TAG_STRING) {
        JSString *s = wf_str(obj);
        if (atom == JS_ATOM_length)
            return JS_MKVAL(JS_TAG_INT, s->len);
        if (wf_atom_is_int(atom)) {
            uint32_t i = wf_atom_to_uint(atom);
            if (i < s->len)
                return wf_str_new_char(ctx, wf_str_get(s, i));
        }
    }
    return wf_obj_get(ctx, primitive_proto(ctx, obj), atom, obj);
}

/* PutValue(obj.atom, val): val consumed. */
int wf_interp_put_field(JSContext *ctx, JSValueConst obj, JSAtom atom,
                                      JSValue val, bool strict)
{
    int tag = JS_VALUE_GET_TAG(obj);
    int flags = strict ? JS_PROP_THROW : 0;
    if (tag == JS_TAG_OBJECT)
        return wf_obj_set(ctx, obj, atom, val, obj, flags);
    if (tag == JS_TAG_UNDEFINED || tag == JS_TAG_NULL) {
        JS_FreeValue(ctx, val);
        wf_interp_throw_invalid_base(ctx, obj, atom, true);
        return -1;
    }
    if (tag == JS_TAG_STRING) {
        JSString *s = wf_str(obj);
        if (atom == JS_ATOM_length ||
            (wf_atom_is_int(atom) && wf_atom_to_uint(atom) < s->len)) {
            JS_FreeValue(ctx, val);
            if (strict) {
                char buf[64];
                wf_throw_error(ctx, JS_TYPE_ERROR, "cannot assign to read only property '%s'",
                               wf_atom_get_cstr(ctx->rt, buf, sizeof(buf), atom));
                return -1;
            }
            return 0;
        }
    }
    /* the wrapper object would be unobservable: set on its prototype
       with the primitive as receiver (setters see it; data writes fail) */
    return wf_obj_set(ctx, primitive_proto(ctx, obj), atom, val, obj, flags);
}

/* obj[key] for any base; key consumed. */
JSValue wf_interp_get_array_el(JSContext *ctx, JSValueConst obj, JSValue key)
{
    JSAtom atom;
    JSValue v;
    int tag = JS_VALUE_GET_TAG(obj);

    if (tag == JS_TAG_OBJECT)
        return wf_obj_get_value(ctx, obj, key);
    if (tag == JS_TAG_UNDEFINED || tag == JS_TAG_NULL) {
        JSAtom a = JS_ATOM_NULL;
        if (JS_VALUE_GET_TAG(key) == JS_TAG_STRING || JS_VALUE_GET_TAG(key) == JS_TAG_INT)
            a = wf_to_property_key(ctx, key);
        wf_interp_throw_invalid_base(ctx, obj, a, false);
        if (a != JS_ATOM_NULL)
            JS_FreeAtom(ctx, a);
        JS_FreeValue(ctx, key);
        return JS_EXCEPTION;
    }
    atom = wf_to_property_key(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    v = wf_interp_get_field(ctx, obj, atom);
    JS_FreeAtom(ctx, atom);
    return v;
}

/* obj[key] = val; key and val consumed. */
int wf_interp_put_array_el(JSContext *ctx, JSValueConst obj, JSValue key,
                                         JSValue val, bool strict)
{
    JSAtom atom;
    int ret, tag = JS_VALUE_GET_TAG(obj);

    if (tag == JS_TAG_OBJECT)
        return wf_obj_set_value(ctx, obj, key, val, strict ? JS_PROP_THROW : 0);
    if (tag == JS_TAG_UNDEFINED || tag == JS_TAG_NULL) {
        JS_FreeValue(ctx, key);
        JS_FreeValue(ctx, val);
        wf_interp_throw_invalid_base(ctx, obj, JS_ATOM_NULL, true);
        return -1;
    }
    atom = wf_to_property_key(ctx, key);
    JS_FreeValue(ctx, key);
    if (atom == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    ret = wf_interp_put_field(ctx, obj, atom, val, strict);
    JS_FreeAtom(ctx, atom);
    return ret;
}

/* OrdinaryCallBindThis for sloppy functions (push_this). */
JSValue wf_interp_coerce_this(JSContext *ctx, JSValueConst this_val)
{
    if (JS_IsUndefined(this_val) || JS_IsNull(this_val))
        return JS_DupValue(ctx, ctx->global_obj);
    return wf_to_object(ctx, this_val);
}

/* fn.[[HomeObject]] = home (both borrowed). */
void wf_interp_set_home_object(JSContext *ctx, JSValueConst fn, JSValueConst home)
{
    JSObject *p;
    if (!JS_IsObject(fn) || !JS_IsObject(home))
        return;
    p = wf_obj(fn);
    switch (p->class_id) {
    case JS_CLASS_BYTECODE_FUNCTION:
    case JS_CLASS_GENERATOR_FUNCTION:
    case JS_CLASS_ASYNC_FUNCTION:
    case JS_CLASS_ASYNC_GENERATOR_FUNCTION: {
        JSObject *old = p->u.func.home_object;
        p->u.func.home_object = wf_obj(JS_DupValue(ctx, home));
        if (old)
            JS_FreeValue(ctx, JS_MKPTR(JS_TAG_OBJECT, old));
        break;
    }
    default:
        break;
    }
}

/* wf_interp_define_method core: fn consumed. */
int wf_interp_define_method(JSContext *ctx, JSValueConst obj, JSAtom atom,
                                     JSValue fn, int flags)
{
    int kind = flags & WF_METHOD_KIND_MASK;
    int pflags = JS_PROP_HAS_CONFIGURABLE | JS_PROP_CONFIGURABLE | JS_PROP_HAS_ENUMERABLE |
                 JS_PROP_THROW;
    int ret;

    if (flags & WF_METHOD_ENUMERABLE)
        pflags |= JS_PROP_ENUMERABLE;
    wf_interp_set_home_object(ctx, fn, obj);
    if (wf_func_set_name(ctx, fn, atom, kind == WF_METHOD_GETTER ? "get" :
                         kind == WF_METHOD_SETTER ? "set" : NULL) < 0) {
        JS_FreeValue(ctx, fn);
        return -1;
    }
    switch (kind) {
    case WF_METHOD_GETTER:
        ret = wf_obj_define(ctx, obj, atom, JS_UNDEFINED, fn, JS_UNDEFINED,
                            pflags | JS_PROP_HAS_GET);
        break;
    case WF_METHOD_SETTER:
        ret = wf_obj_define(ctx, obj, atom, JS_UNDEFINED, JS_UNDEFINED, fn,
                            pflags | JS_PROP_HAS_SET);
        break;
    default:
        ret = wf_obj_define(ctx, obj, atom, fn, JS_UNDEFINED, JS_UNDEFINED,
                            pflags | JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE |
                            JS_PROP_WRITABLE);
        break;
    }
    JS_FreeValue(ctx, fn);
    return ret < 0 ? -1 : 0;
}

/* ClassDefinitionEvaluation core (wf_interp_define_class): sp[-2] = parent,
   sp[-1] = ctor -> sp[-2] = ctor, sp[-1] = proto. */
int wf_interp_define_class(JSContext *ctx, JSValue *sp, JSAtom name, int flags)
{
    JSValue parent = sp[-2], ctor = sp[-1];
    JSValue proto_parent, ctor_parent, proto = JS_UNDEFINED;

    if (flags & WF_CLASS_HAS_HERITAGE) {
        if (JS_IsNull(parent)) {
            proto_parent = JS_NULL;
            ctor_parent = JS_DupValue(ctx, ctx->function_proto);
        } else if (!wf_is_constructor(parent)) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "parent class must be a constructor");
            return -1;
        } else {
            proto_parent = wf_obj_get(ctx, parent, JS_ATOM_prototype, parent);
            if (JS_IsException(proto_parent))
                return -1;
            if (!JS_IsObject(proto_parent) && !JS_IsNull(proto_parent)) {
                JS_FreeValue(ctx, proto_parent);
                wf_throw_error(ctx, JS_TYPE_ERROR,
                               "parent prototype must be an object or null");
                return -1;
            }
            ctor_parent = JS_DupValue(ctx, parent);
        }
    } else {
        proto_parent = JS_DupValue(ctx, ctx->class_proto[JS_CLASS_OBJECT]);
        ctor_parent = JS_DupValue(ctx, ctx->function_proto);
    }
    proto = wf_obj_new(ctx, proto_parent, JS_CLASS_OBJECT);
    JS_FreeValue(ctx, proto_parent);
    if (JS_IsException(proto))
        goto fail;
    if (wf_obj_set_proto(ctx, ctor, ctor_parent, true) < 0)
        goto fail;
    wf_interp_set_home_object(ctx, ctor, proto);
    if (wf_obj_define_value(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, proto),
                            JS_PROP_THROW) < 0)
        goto fail;
    if (wf_obj_define_value(ctx, proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0)
        goto fail;
    if (name != JS_ATOM_empty_string && name != JS_ATOM_NULL) {
        if (wf_func_set_name(ctx, ctor, name, NULL) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, ctor_parent);
    JS_FreeValue(ctx, parent);
    sp[-2] = ctor;
    sp[-1] = proto;
    return 0;
fail:
    JS_FreeValue(ctx, ctor_parent);
    JS_FreeValue(ctx, proto);
    return -1;
}

/* `with` / eval var object lookups: 1 found, 0 not, -1 exception. */
int wf_interp_with_found(JSContext *ctx, JSValueConst obj, JSAtom atom, int flags)
{
    if (!JS_IsObject(obj))
        return 0;
    if (flags & WF_WITH_IS_WITH)
        return wf_with_has_binding(ctx, obj, atom);
    return wf_obj_has(ctx, obj, atom);
}

/* GetBindingValue of an object environment (9.1.1.2.6): the binding may
   have disappeared since HasBinding (a getter of @@unscopables...). */
JSValue wf_interp_with_get_binding(JSContext *ctx, JSValueConst obj, JSAtom atom, bool strict)
{
    int r = wf_obj_has(ctx, obj, atom);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r) {
        if (strict)
            return wf_throw_reference_error_atom(ctx, "%s is not defined", atom);
        return JS_UNDEFINED;
    }
    return wf_obj_get(ctx, obj, atom, obj);
}

/* The slot that the store instruction at pc writes, or NULL if it is not
   a plain slot write. 'below' is the stack slot under the add's left
   operand (the object of `o.x += ...`). */
static JSValue *store_slot(JSContext *ctx, JSStackFrame *sf, const uint8_t *pc, JSValue *below)
{
    int op = *pc;
    JSObject *p;
    JSAtom atom;
    int i;

    switch (op) {
    case OP_put_field:
        /* reached through insert2: [obj r] -> [r obj r] */
        if (!JS_IsObject(below[-1]))
            return NULL;
        p = wf_obj(below[-1]);
        atom = wf_get_u32(pc + 1);
        if (!wf_shape_is_authoritative(p) || wf_atom_is_int(atom))
            return NULL;
        i = wf_shape_find(p->shape, atom);
        if (i >= 0 && (p->shape->prop[i].flags & (JS_PROP_TMASK | JS_PROP_WRITABLE |
                                                    JS_PROP_LENGTH)) == JS_PROP_WRITABLE)
            return &p->prop[i].u.value;
        return NULL;
    case OP_put_var:
    case OP_put_var_strict:
        atom = wf_get_u32(pc + 1);
        if (JS_IsObject(ctx->global_var_obj)) {
            p = wf_obj(ctx->global_var_obj);
            i = wf_shape_find(p->shape, atom);
            if (i >= 0)
                return (p->shape->prop[i].flags & JS_PROP_WRITABLE) ? &p->prop[i].u.value : NULL;
        }
        if (!JS_IsObject(ctx->global_obj))
            return NULL;
        p = wf_obj(ctx->global_obj);
        if (!wf_shape_is_authoritative(p))
            return NULL;
        i = wf_shape_find(p->shape, atom);
        if (i >= 0 && (p->shape->prop[i].flags & (JS_PROP_TMASK | JS_PROP_WRITABLE)) ==
                          JS_PROP_WRITABLE)
            return &p->prop[i].u.value;
        return NULL;
    case OP_put_var_ref:
    case OP_put_var_ref_check:
    case OP_set_var_ref:
        if (sf->var_refs && wf_get_u16(pc + 1) < sf->b->closure_var_count)
            return sf->var_refs[wf_get_u16(pc + 1)]->pvalue;
        return NULL;
    case OP_put_loc:
    case OP_set_loc:
    case OP_put_loc_check:
        if (wf_get_u16(pc + 1) < sf->b->var_count)
            return &sf->var_buf[wf_get_u16(pc + 1)];
        return NULL;
    case OP_put_loc0: case OP_put_loc1: case OP_put_loc2: case OP_put_loc3:
        if (op - OP_put_loc0 < sf->b->var_count)
            return &sf->var_buf[op - OP_put_loc0];
        return NULL;
    case OP_put_arg:
    case OP_set_arg:
        if (wf_get_u16(pc + 1) < sf->arg_alloc)
            return &sf->arg_buf[wf_get_u16(pc + 1)];
        return NULL;
    default:
        return NULL;
    }
}

/* If every other reference to the string a is held by slots that the
   instructions after the add overwrite with its result (`x += s`, with
   the result also kept as a completion value: dup; put x; put_loc c),
   move those references to the operand so the concatenation owns the
   string alone. */
void wf_interp_add_take_targets(JSContext *ctx, JSStackFrame *sf, const uint8_t *pc,
                                         JSValue *below, JSValueConst a)
{
    JSValue *slots[2];
    int n = 0, i;
    void *ptr = JS_VALUE_GET_PTR(a);

    {
        bool dup = *pc == OP_dup || *pc == OP_insert2;
        if (*pc == OP_insert2 && pc[1] != OP_put_field)
            return;
        if (dup)
            pc++;
        slots[n++] = store_slot(ctx, sf, pc, below);
        if (dup && slots[0]) {
            /* the duplicate goes to the next store (script completion) */
            pc += wf_op_info[*pc].size;
            slots[n++] = store_slot(ctx, sf, pc, below);
        }
    }
    for (i = 0; i < n; i++) {
        if (!slots[i] || JS_VALUE_GET_TAG(*slots[i]) != JS_TAG_STRING ||
            JS_VALUE_GET_PTR(*slots[i]) != ptr)
            n = i;  /* only a prefix of plain stores counts */
    }
    if (n == 0 || (n == 2 && slots[0] == slots[1]) || wf_str(a)->header.ref_count != 1 + n)
        return;
    for (i = 0; i < n; i++) {
        *slots[i] = JS_UNDEFINED;
        wf_str(a)->header.ref_count--;
    }
}

static WF_COLD JSValue throw_private(JSContext *ctx, const char *fmt, JSAtom atom)
{
    return wf_throw_type_error_atom(ctx, fmt, atom);
}

/* The own property slot for private name 'atom', or NULL. */
JSProperty *wf_interp_private_find(JSObject *p, JSAtom atom, int *pflags)
{
    int i = wf_shape_find(p->shape, atom);
    if (i < 0)
        return NULL;
    *pflags = p->shape->prop[i].flags;
    return &p->prop[i];
}

JSValue wf_interp_private_get(JSContext *ctx, JSValueConst obj, JSValueConst name)
{
    JSAtom atom = wf_symbol_to_atom(ctx->rt, name);
    JSProperty *pr;
    int flags;

    if (!JS_IsObject(obj) || !(pr = wf_interp_private_find(wf_obj(obj), atom, &flags)))
        return throw_private(ctx, "Cannot read private member %s from an object whose "
                             "class did not declare it", atom);
    if ((flags & JS_PROP_TMASK) == JS_PROP_GETSET) {
        JSObject *getter = pr->u.getset.getter;
        if (!getter)
            return throw_private(ctx, "'%s' was defined without a getter", atom);
        return wf_call(ctx, JS_MKPTR(JS_TAG_OBJECT, getter), obj, 0, NULL);
    }
    return JS_DupValue(ctx, pr->u.value);
}

/* val consumed */
int wf_interp_private_put(JSContext *ctx, JSValueConst obj, JSValueConst name, JSValue val)
{
    JSAtom atom = wf_symbol_to_atom(ctx->rt, name);
    JSProperty *pr;
    int flags;

    if (!JS_IsObject(obj) || !(pr = wf_interp_private_find(wf_obj(obj), atom, &flags))) {
        JS_FreeValue(ctx, val);
        throw_private(ctx, "Cannot write private member %s to an object whose class "
                      "did not declare it", atom);
        return -1;
    }
    if ((flags & JS_PROP_TMASK) == JS_PROP_GETSET) {
        JSObject *setter = pr->u.getset.setter;
        JSValue r;
        if (!setter) {
            JS_FreeValue(ctx, val);
            throw_private(ctx, "'%s' was defined without a setter", atom);
            return -1;
        }
        r = wf_call(ctx, JS_MKPTR(JS_TAG_OBJECT, setter), obj, 1, &val);
        JS_FreeValue(ctx, val);
        if (JS_IsException(r))
            return -1;
        JS_FreeValue(ctx, r);
        return 0;
    }
    if (!(flags & JS_PROP_WRITABLE)) {
        JS_FreeValue(ctx, val);
        throw_private(ctx, "Private method %s is not writable", atom);
        return -1;
    }
    {
        JSValue old = pr->u.value;
        pr->u.value = val;
        JS_FreeValue(ctx, old);
    }
    return 0;
}

/* val consumed */
int wf_interp_private_define(JSContext *ctx, JSValueConst obj, JSValueConst name,
                                      JSValue val)
{
    JSAtom atom = wf_symbol_to_atom(ctx->rt, name);
    JSProperty *pr;
    int flags;

    if (!JS_IsObject(obj)) {
        JS_FreeValue(ctx, val);
        wf_throw_not_object(ctx, obj);
        return -1;
    }
    if (wf_interp_private_find(wf_obj(obj), atom, &flags)) {
        JS_FreeValue(ctx, val);
        throw_private(ctx, "Cannot initialize %s twice on the same object", atom);
        return -1;
    }
    pr = wf_obj_add_property(ctx, wf_obj(obj), atom, JS_PROP_WRITABLE);
    if (!pr) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    pr->u.value = val;
    return 0;
}

JSValue wf_interp_private_symbol(JSContext *ctx, JSAtom descr)
{
    JSValue str = JS_AtomToString(ctx, descr), v;
    JSAtom atom;
    if (JS_IsException(str))
        return str;
    atom = wf_atom_new_symbol(ctx, wf_str(str), WF_ATOM_TYPE_PRIVATE);
    if (atom == JS_ATOM_NULL)
        return JS_EXCEPTION;
    v = wf_atom_to_value(ctx, atom);
    JS_FreeAtom(ctx, atom);
    return v;
}

/* copy_data_properties_excl: CopyDataProperties(target, src, keys of the
   array `keys`) for object rest patterns. */
int wf_interp_copy_data_excl(JSContext *ctx, JSValueConst target, JSValueConst src,
                             JSValueConst keys)
{
    JSValue *vals;
    uint32_t cnt = 0, i, n = 0;
    JSAtom excl_buf[16], *excl = excl_buf;
    int r = 0;

    if (!wf_array_get_fast(keys, &vals, &cnt))
        cnt = 0;
    if (cnt > 16) {
        excl = js_malloc(ctx, sizeof(JSAtom) * cnt);
        if (!excl)
            return -1;
    }
    for (i = 0; i < cnt; i++) {
        JSAtom a = wf_to_property_key(ctx, vals[i]);
        if (a == JS_ATOM_NULL) {
            r = -1;
            break;
        }
        excl[n++] = a;
    }
    if (r == 0)
        r = wf_copy_data_properties(ctx, target, src, excl, (int)n);
    for (i = 0; i < n; i++)
        JS_FreeAtom(ctx, excl[i]);
    if (excl != excl_buf)
        js_free(ctx, excl);
    return r;
}
