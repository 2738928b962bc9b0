/*
 * object.c - the class table, object creation, the objects' GC hooks and
 * the helpers of ECMA-262 7.3 that built-ins share (GetMethod,
 * SpeciesConstructor, OrdinaryHasInstance, CopyDataProperties, property
 * descriptor conversion), plus the public API for classes, opaque data and
 * object creation.
 *
 * The internal methods themselves ([[Get]], [[Set]], [[DefineOwnProperty]]
 * ...) are in object_ops.c; fast arrays, Array `length` and String wrapper
 * indices in array_exotic.c.  The three share object_int.h.
 *
 * Ownership of JSObject.u: object.c releases u.array (ARRAY, ARGUMENTS) and
 * u.object_data (NUMBER, STRING, BOOLEAN, SYMBOL, BIG_INT, DATE) itself;
 * every other class's data belongs to the class's finalizer and gc_mark.
 */
#include <stdatomic.h>
#include <string.h>

#include "quickjs.h"
#include "engine/state.h"
#include "engine/object.h"
#include "engine/object_int.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/function.h"
#include "engine/gc.h"
#include "engine/interp.h"

/* ------------------------------------------------------------------ */
/* Class table */

static const char *const builtin_class_names[JS_CLASS_INIT_COUNT] = {
    NULL,
#define DEF(id, name) name,
#include "engine/classes.def"
#undef DEF
};

static bool class_is_callable(JSClassID id)
{
    switch (id) {
    case JS_CLASS_C_FUNCTION:
    case JS_CLASS_BYTECODE_FUNCTION:
    case JS_CLASS_BOUND_FUNCTION:
    case JS_CLASS_C_FUNCTION_DATA:
    case JS_CLASS_GENERATOR_FUNCTION:
    case JS_CLASS_PROMISE_RESOLVE_FUNCTION:
    case JS_CLASS_PROMISE_REJECT_FUNCTION:
    case JS_CLASS_ASYNC_FUNCTION:
    case JS_CLASS_ASYNC_FUNCTION_RESOLVE:
    case JS_CLASS_ASYNC_FUNCTION_REJECT:
    case JS_CLASS_ASYNC_GENERATOR_FUNCTION:
        return true;
    default:
        return false;
    }
}

static bool class_has_object_data(JSClassID id)
{
    switch (id) {
    case JS_CLASS_NUMBER:
    case JS_CLASS_STRING:
    case JS_CLASS_BOOLEAN:
    case JS_CLASS_SYMBOL:
    case JS_CLASS_BIG_INT:
    case JS_CLASS_DATE:
        return true;
    default:
        return false;
    }
}

int wf_class_init(JSRuntime *rt)
{
    int i;
    rt->class_array = js_mallocz_rt(rt, sizeof(JSClass) * JS_CLASS_INIT_COUNT);
    if (!rt->class_array)
        return -1;
    rt->class_count = JS_CLASS_INIT_COUNT;
    for (i = 1; i < JS_CLASS_INIT_COUNT; i++) {
        const char *name = builtin_class_names[i];
        rt->class_array[i].class_name = wf_atom_new_rt(rt, name, strlen(name));
        if (!rt->class_array[i].class_name)
            return -1;
    }
    return 0;
}

void wf_class_free_all(JSRuntime *rt)
{
    for (int i = 0; i < rt->class_count; i++) {
        if (rt->class_array[i].class_name)
            wf_atom_free(rt, rt->class_array[i].class_name);
    }
    js_free_rt(rt, rt->class_array);
    rt->class_array = NULL;
    rt->class_count = 0;
}

void wf_class_set_hooks(JSRuntime *rt, JSClassID id, JSClassFinalizer *finalizer,
                        JSClassGCMark *gc_mark, JSClassCall *call,
                        const JSClassExoticMethods *exotic)
{
    JSClass *c;
    if (id >= (JSClassID)rt->class_count)
        return;
    c = &rt->class_array[id];
    if (finalizer)
        c->finalizer = finalizer;
    if (gc_mark)
        c->gc_mark = gc_mark;
    if (call)
        c->call = call;
    if (exotic)
        c->exotic = exotic;
}

void wf_class_set_object_hooks(JSRuntime *rt, JSClassID id, const WFObjectHooks *hooks)
{
    if (id < (JSClassID)rt->class_count)
        rt->class_array[id].obj_hooks = hooks;
}

/* Process-wide class id counter.  This is the engine's only mutable global:
   class ids must agree between runtimes because embedders keep them in
   static variables shared by all threads (one JSClassID per C class, used
   with every worker's runtime).  It only grows; access is atomic. */
static _Atomic uint32_t next_class_id = JS_CLASS_INIT_COUNT;

JSClassID JS_NewClassID(JSRuntime *rt, JSClassID *pclass_id)
{
    JSClassID id, expected = 0;
    (void)rt;
    /* *pclass_id is typically a static shared by threads: publish the new
       id with a compare-and-swap so every thread ends up with the same. */
    id = __atomic_load_n(pclass_id, __ATOMIC_ACQUIRE);
    if (id != 0)
        return id;
    id = atomic_fetch_add(&next_class_id, 1);
    if (!__atomic_compare_exchange_n(pclass_id, &expected, id, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        id = expected;   /* another thread won; its id is the one */
    return id;
}

bool JS_IsRegisteredClass(JSRuntime *rt, JSClassID class_id)
{
    return class_id < (JSClassID)rt->class_count && rt->class_array[class_id].class_name != 0;
}

static int grow_classes(JSRuntime *rt, int new_count)
{
    JSClass *c;
    struct list_head *el;

    /* every context's class_proto first: a failure leaves the table as is */
    list_for_each(el, &rt->context_list) {
        JSContext *ctx = list_entry(el, JSContext, link);
        JSValue *t = js_realloc_rt(rt, ctx->class_proto, sizeof(JSValue) * (size_t)new_count);
        if (!t)
            return -1;
        for (int i = rt->class_count; i < new_count; i++)
            t[i] = JS_NULL;
        ctx->class_proto = t;
    }
    c = js_realloc_rt(rt, rt->class_array, sizeof(JSClass) * (size_t)new_count);
    if (!c)
        return -1;
    memset(c + rt->class_count, 0, sizeof(JSClass) * (size_t)(new_count - rt->class_count));
    rt->class_array = c;
    rt->class_count = new_count;
    return 0;
}

int JS_NewClass(JSRuntime *rt, JSClassID class_id, const JSClassDef *class_def)
{
    JSClass *c;
    JSAtom name;
    if (class_id == 0 || class_id >= (1 << 16) || !class_def || !class_def->class_name)
        return -1;
    if (class_id >= (JSClassID)rt->class_count) {
        int n = rt->class_count;
        while (n <= (int)class_id)
            n = n + n / 2 + 4;
        if (n > (1 << 16))
            n = 1 << 16;
        if (grow_classes(rt, n))
            return -1;
    }
    c = &rt->class_array[class_id];
    if (c->class_name)
        return -1;     /* already registered */
    name = wf_atom_new_rt(rt, class_def->class_name, strlen(class_def->class_name));
    if (!name)
        return -1;
    c->class_name = name;
    c->finalizer = class_def->finalizer;
    c->gc_mark = class_def->gc_mark;
    c->call = class_def->call;
    c->exotic = class_def->exotic;
    c->obj_hooks = NULL;
    return 0;
}

JSClassID JS_GetClassID(JSValueConst v)
{
    if (!JS_IsObject(v))
        return JS_INVALID_CLASS_ID;
    return wf_obj(v)->class_id;
}

/* ------------------------------------------------------------------ */
/* Creation */

JSObject *wf_obj_new_ptr(JSContext *ctx, JSObject *proto, JSClassID class_id)
{
    JSRuntime *rt = ctx->rt;
    const JSClass *cls;
    JSShape *sh;
    JSObject *p;

    if (js_unlikely(class_id >= (JSClassID)rt->class_count)) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "invalid class id %u", (unsigned)class_id);
        return NULL;
    }
    wf_gc_maybe_collect(rt);
    sh = wf_shape_initial(ctx, proto);
    if (!sh)
        return NULL;
    p = js_malloc(ctx, sizeof(JSObject));
    if (!p) {
        wf_gc_release(rt, &sh->header);
        return NULL;
    }
    p->prop = js_malloc(ctx, sizeof(JSProperty) * (size_t)sh->prop_size);
    if (!p->prop) {
        js_free(ctx, p);
        wf_gc_release(rt, &sh->header);
        return NULL;
    }
    cls = &rt->class_array[class_id];
    p->class_id = (uint16_t)class_id;
    p->extensible = 1;
    p->fast_array = 0;
    p->is_constructor = 0;
    p->is_exotic = cls->exotic != NULL || class_id == JS_CLASS_ARRAY ||
                   class_id == JS_CLASS_ARGUMENTS || class_id == JS_CLASS_STRING;
    p->is_uncatchable_error = 0;
    p->is_class_ctor = 0;
    p->is_derived_ctor = 0;
    p->is_HTMLDDA = 0;
    p->free_mark = 0;
    p->is_weak_target = 0;
    p->is_callable = class_is_callable(class_id) || cls->call != NULL;
    p->is_immutable_proto = 0;
    p->shape = sh;
    memset(&p->u, 0, sizeof(p->u));
    wf_gc_add(rt, &p->header, WF_GC_OBJECT);

    switch (class_id) {
    case JS_CLASS_ARRAY: {
        JSProperty *pr;
        p->fast_array = 1;
        pr = wf_obj_add_property(ctx, p, JS_ATOM_length, JS_PROP_WRITABLE | JS_PROP_LENGTH);
        if (!pr) {
            JS_FreeValue(ctx, JS_MKPTR(JS_TAG_OBJECT, p));
            return NULL;
        }
        pr->u.value = JS_MKVAL(JS_TAG_INT, 0);
        break;
    }
    case JS_CLASS_ARGUMENTS:
        p->fast_array = 1;
        break;
    default:
        if (class_has_object_data(class_id))
            p->u.object_data = JS_UNDEFINED;
        break;
    }
    return p;
}

JSValue wf_obj_new(JSContext *ctx, JSValueConst proto, JSClassID class_id)
{
    JSObject *p = wf_obj_new_ptr(ctx, JS_IsObject(proto) ? wf_obj(proto) : NULL, class_id);
    if (!p)
        return JS_EXCEPTION;
    return JS_MKPTR(JS_TAG_OBJECT, p);
}

JSValue wf_get_prototype_from_ctor(JSContext *ctx, JSValueConst new_target, JSClassID class_id)
{
    JSValue proto;
    if (JS_IsUndefined(new_target) || !JS_IsObject(new_target))
        return JS_DupValue(ctx, ctx->class_proto[class_id]);
    proto = wf_obj_get(ctx, new_target, JS_ATOM_prototype, new_target);
    if (JS_IsException(proto))
        return proto;
    if (!JS_IsObject(proto)) {
        JSContext *realm;
        JS_FreeValue(ctx, proto);
        realm = wf_function_realm(ctx, new_target);
        if (!realm)
            return JS_EXCEPTION;
        proto = JS_DupValue(ctx, realm->class_proto[class_id]);
    }
    return proto;
}

JSValue wf_obj_create_from_ctor(JSContext *ctx, JSValueConst new_target, JSClassID class_id)
{
    JSValue proto = wf_get_prototype_from_ctor(ctx, new_target, class_id), obj;
    if (JS_IsException(proto))
        return proto;
    obj = wf_obj_new(ctx, proto, class_id);
    JS_FreeValue(ctx, proto);
    return obj;
}

/* ------------------------------------------------------------------ */
/* GC hooks */

void wf_object_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func)
{
    JSObject *p = (JSObject *)h;
    JSShape *sh = p->shape;
    const JSClass *cls;
    int i;

    if (!sh)
        return;     /* already released */
    mark_func(rt, &sh->header);
    for (i = 0; i < sh->prop_count; i++) {
        const JSShapeProperty *prs = &sh->prop[i];
        JSProperty *pr = &p->prop[i];
        if (prs->atom == JS_ATOM_NULL)
            continue;
        switch (prs->flags & JS_PROP_TMASK) {
        case JS_PROP_NORMAL:
            wf_gc_mark_value(rt, pr->u.value, mark_func);
            break;
        case JS_PROP_GETSET:
            if (pr->u.getset.getter)
                mark_func(rt, &pr->u.getset.getter->header);
            if (pr->u.getset.setter)
                mark_func(rt, &pr->u.getset.setter->header);
            break;
        case JS_PROP_VARREF:
            if (pr->u.var_ref)
                mark_func(rt, &pr->u.var_ref->header);
            break;
        default:
            break;
        }
    }
    if (p->fast_array) {
        for (uint32_t k = 0; k < p->u.array.count; k++)
            wf_gc_mark_value(rt, p->u.array.values[k], mark_func);
    } else if (class_has_object_data(p->class_id)) {
        wf_gc_mark_value(rt, p->u.object_data, mark_func);
    }
    cls = &rt->class_array[p->class_id];
    if (cls->gc_mark)
        cls->gc_mark(rt, JS_MKPTR(JS_TAG_OBJECT, p), mark_func);
}

void wf_object_gc_free(JSRuntime *rt, JSGCObjectHeader *h)
{
    JSObject *p = (JSObject *)h;
    JSShape *sh = p->shape;
    const JSClass *cls;
    int i;

    p->free_mark = 1;
    if (p->is_weak_target) {
        p->is_weak_target = 0;
        wf_weak_target_free(rt, p);
    }
    if (sh) {
        p->shape = NULL;
        for (i = 0; i < sh->prop_count; i++) {
            if (sh->prop[i].atom != JS_ATOM_NULL)
                wf_prop_free(rt, &p->prop[i], (int)sh->prop[i].flags);
        }
        js_free_rt(rt, p->prop);
        p->prop = NULL;
        wf_gc_release(rt, &sh->header);
    }
    if (p->class_id == JS_CLASS_ARRAY || p->class_id == JS_CLASS_ARGUMENTS) {
        JSValue *v = p->u.array.values;
        uint32_t n = p->fast_array ? p->u.array.count : 0;
        p->u.array.values = NULL;
        p->u.array.count = p->u.array.size = 0;
        for (uint32_t k = 0; k < n; k++)
            JS_FreeValueRT(rt, v[k]);
        js_free_rt(rt, v);
    } else if (class_has_object_data(p->class_id)) {
        JSValue v = p->u.object_data;
        p->u.object_data = JS_UNDEFINED;
        JS_FreeValueRT(rt, v);
    }
    cls = &rt->class_array[p->class_id];
    if (cls->finalizer)
        cls->finalizer(rt, JS_MKPTR(JS_TAG_OBJECT, p));
}

/* ------------------------------------------------------------------ */
/* JS_PROP_AUTOINIT */

int wf_obj_define_autoinit(JSContext *ctx, JSValueConst obj, JSAtom prop,
                           const WFAutoInitDef *def, int flags)
{
    JSObject *p;
    JSProperty *pr;
    if (!JS_IsObject(obj)) {
        wf_throw_not_object(ctx, obj);
        return -1;
    }
    p = wf_obj(obj);
    if (wf_shape_find(p->shape, prop) >= 0) {
        /* replace: drop the old one first */
        if (wf_obj_delete(ctx, obj, prop, JS_PROP_THROW) < 0)
            return -1;
    }
    pr = wf_obj_add_property(ctx, p, prop, (flags & JS_PROP_C_W_E) | JS_PROP_AUTOINIT);
    if (!pr)
        return -1;
    pr->u.init.realm_and_id = (uintptr_t)ctx;
    pr->u.init.opaque = (void *)def;
    return 0;
}

int wf_obj_autoinit(JSContext *ctx, JSObject *p, int idx)
{
    JSShapeProperty *prs = &p->shape->prop[idx];
    JSAtom atom = prs->atom;
    JSContext *realm = (JSContext *)p->prop[idx].u.init.realm_and_id;
    const WFAutoInitDef *def = p->prop[idx].u.init.opaque;
    JSValue v;

    v = def->init(realm, p, atom, def->opaque);
    if (JS_IsException(v))
        return -1;
    /* the initialiser may have changed the object */
    idx = wf_shape_find(p->shape, atom);
    if (idx < 0 || (p->shape->prop[idx].flags & JS_PROP_TMASK) != JS_PROP_AUTOINIT) {
        JS_FreeValue(ctx, v);
        return 0;
    }
    if (wf_shape_unshare(ctx, p)) {
        JS_FreeValue(ctx, v);
        return -1;
    }
    prs = &p->shape->prop[idx];
    prs->flags &= ~JS_PROP_TMASK;
    p->prop[idx].u.value = v;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Small shared helpers */

int wf_obj_fail(JSContext *ctx, int flags, const char *fmt, JSAtom prop)
{
    if (flags & (JS_PROP_THROW | JS_PROP_THROW_STRICT)) {
        wf_throw_type_error_atom(ctx, fmt, prop);
        return -1;
    }
    return 0;
}

JSObject *wf_prim_proto(JSContext *ctx, JSValueConst v)
{
    JSClassID id;
    JSValueConst proto;
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        id = JS_CLASS_NUMBER;
        break;
    case JS_TAG_BOOL:
        id = JS_CLASS_BOOLEAN;
        break;
    case JS_TAG_STRING:
    case JS_TAG_STRING_ROPE:
        id = JS_CLASS_STRING;
        break;
    case JS_TAG_SYMBOL:
        id = JS_CLASS_SYMBOL;
        break;
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        id = JS_CLASS_BIG_INT;
        break;
    case JS_TAG_OBJECT:
        return wf_obj(v);
    default:
        return NULL;
    }
    proto = ctx->class_proto[id];
    return JS_IsObject(proto) ? wf_obj(proto) : NULL;
}

bool wf_is_callable(JSValueConst v)
{
    return JS_IsObject(v) && wf_obj(v)->is_callable;
}

bool wf_is_constructor(JSValueConst v)
{
    return JS_IsObject(v) && wf_obj(v)->is_constructor;
}

JSValue wf_get_method(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    JSValue f = wf_obj_get(ctx, obj, prop, obj);
    if (JS_IsException(f))
        return f;
    if (JS_IsUndefined(f) || JS_IsNull(f))
        return JS_UNDEFINED;
    if (!wf_is_callable(f)) {
        JS_FreeValue(ctx, f);
        return wf_throw_type_error_atom(ctx, "%s is not a function", prop);
    }
    return f;
}

JSValue wf_species_constructor(JSContext *ctx, JSValueConst obj, JSValueConst default_ctor)
{
    JSValue c, s;
    c = wf_obj_get(ctx, obj, JS_ATOM_constructor, obj);
    if (JS_IsException(c))
        return c;
    if (JS_IsUndefined(c))
        return JS_DupValue(ctx, default_ctor);
    if (!JS_IsObject(c)) {
        JS_FreeValue(ctx, c);
        return wf_throw_error(ctx, JS_TYPE_ERROR, "constructor is not an object");
    }
    s = wf_obj_get(ctx, c, JS_ATOM_Symbol_species, c);
    JS_FreeValue(ctx, c);
    if (JS_IsException(s))
        return s;
    if (JS_IsUndefined(s) || JS_IsNull(s))
        return JS_DupValue(ctx, default_ctor);
    if (!wf_is_constructor(s)) {
        JS_FreeValue(ctx, s);
        return wf_throw_error(ctx, JS_TYPE_ERROR, "[Symbol.species] is not a constructor");
    }
    return s;
}

int wf_ordinary_is_instance_of(JSContext *ctx, JSValueConst val, JSValueConst ctor)
{
    JSValue proto, v;
    int ret = 0;

    if (!wf_is_callable(ctor))
        return 0;
    if (wf_obj(ctor)->class_id == JS_CLASS_BOUND_FUNCTION && wf_obj(ctor)->u.bound.bf)
        return wf_instanceof(ctx, val, wf_bound_function_target(wf_obj(ctor)));
    if (!JS_IsObject(val))
        return 0;
    proto = wf_obj_get(ctx, ctor, JS_ATOM_prototype, ctor);
    if (JS_IsException(proto))
        return -1;
    if (!JS_IsObject(proto)) {
        JS_FreeValue(ctx, proto);
        wf_throw_error(ctx, JS_TYPE_ERROR, "'prototype' of the right-hand side of instanceof is not an object");
        return -1;
    }
    v = JS_DupValue(ctx, val);
    for (;;) {
        JSValue next;
        if (wf_check_stack_overflow(ctx->rt, 0)) {   /* deep proxy chains */
            wf_throw_stack_overflow(ctx);
            ret = -1;
            break;
        }
        next = wf_obj_get_proto(ctx, v);
        JS_FreeValue(ctx, v);
        if (JS_IsException(next)) {
            ret = -1;
            break;
        }
        if (JS_IsNull(next)) {
            ret = 0;
            break;
        }
        if (wf_obj(next) == wf_obj(proto)) {
            JS_FreeValue(ctx, next);
            ret = 1;
            break;
        }
        v = next;
    }
    JS_FreeValue(ctx, proto);
    return ret;
}

int wf_instanceof(JSContext *ctx, JSValueConst val, JSValueConst target)
{
    JSValue h, r;
    int ret;
    if (!JS_IsObject(target)) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "right-hand side of 'instanceof' is not an object");
        return -1;
    }
    h = wf_get_method(ctx, target, JS_ATOM_Symbol_hasInstance);
    if (JS_IsException(h))
        return -1;
    if (!JS_IsUndefined(h)) {
        r = wf_call_free(ctx, h, target, 1, (JSValueConst *)&val);
        if (JS_IsException(r))
            return -1;
        ret = wf_to_boolean(r);
        JS_FreeValue(ctx, r);
        return ret;
    }
    if (!wf_is_callable(target)) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "right-hand side of 'instanceof' is not callable");
        return -1;
    }
    return wf_ordinary_is_instance_of(ctx, val, target);
}

JSValue wf_obj_to_string_tag(JSContext *ctx, JSValueConst val)
{
    JSAtom tag;
    int r;
    switch (JS_VALUE_GET_TAG(val)) {
    case JS_TAG_UNDEFINED:
        tag = JS_ATOM_Undefined;
        break;
    case JS_TAG_NULL:
        tag = JS_ATOM_Null;
        break;
    case JS_TAG_OBJECT:
        r = wf_is_array(ctx, val);
        if (r < 0)
            return JS_EXCEPTION;
        if (r) {
            tag = JS_ATOM_Array;
            break;
        }
        switch (wf_obj(val)->class_id) {
        case JS_CLASS_ARGUMENTS:
        case JS_CLASS_MAPPED_ARGUMENTS:
            tag = JS_ATOM_Arguments;
            break;
        case JS_CLASS_ERROR:
            tag = JS_ATOM_Error;
            break;
        case JS_CLASS_BOOLEAN:
            tag = JS_ATOM_Boolean;
            break;
        case JS_CLASS_NUMBER:
            tag = JS_ATOM_Number;
            break;
        case JS_CLASS_STRING:
            tag = JS_ATOM_String;
            break;
        case JS_CLASS_DATE:
            tag = JS_ATOM_Date;
            break;
        case JS_CLASS_REGEXP:
            tag = JS_ATOM_RegExp;
            break;
        default:
            tag = wf_is_callable(val) ? JS_ATOM_Function : JS_ATOM_Object;
            break;
        }
        break;
    case JS_TAG_BOOL:
        tag = JS_ATOM_Boolean;
        break;
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
        tag = JS_ATOM_Number;
        break;
    case JS_TAG_STRING:
        tag = JS_ATOM_String;
        break;
    default:
        tag = JS_ATOM_Object;
        break;
    }
    return JS_AtomToString(ctx, tag);
}

int wf_copy_data_properties(JSContext *ctx, JSValueConst target, JSValueConst source,
                            const JSAtom *excluded, int n_excluded)
{
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, i;
    JSValue from;
    int ret = -1;

    if (JS_IsUndefined(source) || JS_IsNull(source))
        return 0;
    from = wf_to_object(ctx, source);
    if (JS_IsException(from))
        return -1;
    if (wf_obj_own_keys(ctx, &tab, &len, from, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
        goto done;
    for (i = 0; i < len; i++) {
        JSPropertyDescriptor desc;
        JSAtom key = tab[i].atom;
        int k, r;
        for (k = 0; k < n_excluded; k++)
            if (excluded[k] == key)
                break;
        if (k < n_excluded)
            continue;
        r = wf_obj_get_own_property(ctx, &desc, from, key);
        if (r < 0)
            goto done;
        if (r == 0)
            continue;
        wf_desc_free(ctx, &desc);
        if (!(desc.flags & JS_PROP_ENUMERABLE))
            continue;
        JSValue v = wf_obj_get(ctx, from, key, from);
        if (JS_IsException(v))
            goto done;
        if (wf_obj_define_value(ctx, target, key, v, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
            goto done;
    }
    ret = 0;
done:
    if (tab)
        wf_prop_enum_free(ctx->rt, tab, len);
    JS_FreeValue(ctx, from);
    return ret;
}

int wf_obj_set_integrity(JSContext *ctx, JSValueConst obj, bool freeze)
{
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, i;
    JSObject *p;
    int r;

    if (!JS_IsObject(obj))
        return 1;
    p = wf_obj(obj);
    r = wf_obj_prevent_extensions(ctx, obj);
    if (r <= 0)
        return r;
    if (!wf_obj_hooks(ctx->rt, p) && !wf_obj_exotic(ctx->rt, p) &&
        p->class_id != JS_CLASS_STRING) {
        /* ordinary storage: change the flags in one pass */
        JSShape *sh;
        if (p->fast_array && p->u.array.count && wf_fast_array_to_slow(ctx, p))
            return -1;
        if (wf_shape_unshare(ctx, p))
            return -1;
        sh = p->shape;
        for (int k = 0; k < sh->prop_count; k++) {
            JSShapeProperty *prs = &sh->prop[k];
            if (prs->atom == JS_ATOM_NULL || wf_atom_is_private(ctx->rt, prs->atom))
                continue;
            prs->flags &= ~JS_PROP_CONFIGURABLE;
            if (!freeze)
                continue;
            switch (prs->flags & JS_PROP_TMASK) {
            case JS_PROP_GETSET:
                break;
            case JS_PROP_VARREF: {
                /* a frozen mapped argument stops aliasing its variable */
                JSVarRef *vr = p->prop[k].u.var_ref;
                p->prop[k].u.value = JS_DupValue(ctx, *vr->pvalue);
                wf_gc_release(ctx->rt, &vr->header);
                prs->flags = (prs->flags & ~(JS_PROP_TMASK | JS_PROP_WRITABLE));
                break;
            }
            case JS_PROP_AUTOINIT:
                /* materialise first so the value can be frozen */
                if (wf_obj_autoinit(ctx, p, k))
                    return -1;
                sh = p->shape;
                prs = &sh->prop[k];
                prs->flags &= ~(JS_PROP_CONFIGURABLE | JS_PROP_WRITABLE);
                break;
            default:
                prs->flags &= ~JS_PROP_WRITABLE;
                break;
            }
        }
        return 1;
    }
    if (wf_obj_own_keys(ctx, &tab, &len, obj, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
        return -1;
    for (i = 0; i < len; i++) {
        int flags = JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW;
        if (freeze) {
            JSPropertyDescriptor desc;
            r = wf_obj_get_own_property(ctx, &desc, obj, tab[i].atom);
            if (r < 0)
                goto fail;
            if (r == 0)
                continue;
            wf_desc_free(ctx, &desc);
            if (!(desc.flags & JS_PROP_GETSET))
                flags |= JS_PROP_HAS_WRITABLE;
        }
        if (wf_obj_define(ctx, obj, tab[i].atom, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED, flags) < 0)
            goto fail;
    }
    wf_prop_enum_free(ctx->rt, tab, len);
    return 1;
fail:
    wf_prop_enum_free(ctx->rt, tab, len);
    return -1;
}

int wf_obj_test_integrity(JSContext *ctx, JSValueConst obj, bool frozen)
{
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, i;
    int r, ret = 1;

    if (!JS_IsObject(obj))
        return 1;
    r = wf_obj_is_extensible(ctx, obj);
    if (r != 0)
        return r < 0 ? -1 : 0;
    if (wf_obj_own_keys(ctx, &tab, &len, obj, JS_GPN_STRING_MASK | JS_GPN_SYMBOL_MASK) < 0)
        return -1;
    for (i = 0; i < len && ret == 1; i++) {
        JSPropertyDescriptor desc;
        r = wf_obj_get_own_property(ctx, &desc, obj, tab[i].atom);
        if (r < 0) {
            ret = -1;
            break;
        }
        if (r == 0)
            continue;
        wf_desc_free(ctx, &desc);
        if (desc.flags & JS_PROP_CONFIGURABLE)
            ret = 0;
        else if (frozen && !(desc.flags & JS_PROP_GETSET) && (desc.flags & JS_PROP_WRITABLE))
            ret = 0;
    }
    wf_prop_enum_free(ctx->rt, tab, len);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Property descriptors */

void wf_desc_free(JSContext *ctx, JSPropertyDescriptor *desc)
{
    JS_FreeValue(ctx, desc->value);
    JS_FreeValue(ctx, desc->getter);
    JS_FreeValue(ctx, desc->setter);
}

#define DESC_HAS_MASK (JS_PROP_HAS_CONFIGURABLE | JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE | \
                       JS_PROP_HAS_GET | JS_PROP_HAS_SET | JS_PROP_HAS_VALUE)

JSValue wf_from_property_descriptor(JSContext *ctx, const JSPropertyDescriptor *desc)
{
    JSValue obj;
    int f;
    bool partial;
    if (!desc)
        return JS_UNDEFINED;
    f = desc->flags;
    partial = (f & DESC_HAS_MASK) != 0;
    obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
    if (partial) {
        if ((f & JS_PROP_HAS_VALUE) &&
            wf_obj_define_value(ctx, obj, JS_ATOM_value, JS_DupValue(ctx, desc->value), JS_PROP_C_W_E) < 0)
            goto fail;
        if ((f & JS_PROP_HAS_WRITABLE) &&
            wf_obj_define_value(ctx, obj, JS_ATOM_writable, JS_NewBool(ctx, f & JS_PROP_WRITABLE), JS_PROP_C_W_E) < 0)
            goto fail;
        if ((f & JS_PROP_HAS_GET) &&
            wf_obj_define_value(ctx, obj, JS_ATOM_get, JS_DupValue(ctx, desc->getter), JS_PROP_C_W_E) < 0)
            goto fail;
        if ((f & JS_PROP_HAS_SET) &&
            wf_obj_define_value(ctx, obj, JS_ATOM_set, JS_DupValue(ctx, desc->setter), JS_PROP_C_W_E) < 0)
            goto fail;
        if ((f & JS_PROP_HAS_ENUMERABLE) &&
            wf_obj_define_value(ctx, obj, JS_ATOM_enumerable, JS_NewBool(ctx, f & JS_PROP_ENUMERABLE), JS_PROP_C_W_E) < 0)
            goto fail;
        if ((f & JS_PROP_HAS_CONFIGURABLE) &&
            wf_obj_define_value(ctx, obj, JS_ATOM_configurable, JS_NewBool(ctx, f & JS_PROP_CONFIGURABLE), JS_PROP_C_W_E) < 0)
            goto fail;
        return obj;
    }
    if (f & JS_PROP_GETSET) {
        if (wf_obj_define_value(ctx, obj, JS_ATOM_get, JS_DupValue(ctx, desc->getter), JS_PROP_C_W_E) < 0 ||
            wf_obj_define_value(ctx, obj, JS_ATOM_set, JS_DupValue(ctx, desc->setter), JS_PROP_C_W_E) < 0)
            goto fail;
    } else {
        if (wf_obj_define_value(ctx, obj, JS_ATOM_value, JS_DupValue(ctx, desc->value), JS_PROP_C_W_E) < 0 ||
            wf_obj_define_value(ctx, obj, JS_ATOM_writable, JS_NewBool(ctx, f & JS_PROP_WRITABLE), JS_PROP_C_W_E) < 0)
            goto fail;
    }
    if (wf_obj_define_value(ctx, obj, JS_ATOM_enumerable, JS_NewBool(ctx, f & JS_PROP_ENUMERABLE), JS_PROP_C_W_E) < 0 ||
        wf_obj_define_value(ctx, obj, JS_ATOM_configurable, JS_NewBool(ctx, f & JS_PROP_CONFIGURABLE), JS_PROP_C_W_E) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* One field of ToPropertyDescriptor: 1 present (*pv owned), 0 absent. */
static int desc_field(JSContext *ctx, JSValueConst obj, JSAtom name, JSValue *pv)
{
    int r = wf_obj_has(ctx, obj, name);
    if (r <= 0)
        return r;
    *pv = wf_obj_get(ctx, obj, name, obj);
    return JS_IsException(*pv) ? -1 : 1;
}

int wf_to_property_descriptor(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj)
{
    JSValue v = JS_UNDEFINED;
    int r, flags = 0;

    desc->flags = 0;
    desc->value = desc->getter = desc->setter = JS_UNDEFINED;
    if (!JS_IsObject(obj)) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "property descriptor must be an object");
        return -1;
    }
#define BOOL_FIELD(atom, has, bit)                              \
    r = desc_field(ctx, obj, atom, &v);                         \
    if (r < 0)                                                  \
        goto fail;                                              \
    if (r) {                                                    \
        flags |= has;                                           \
        if (wf_to_boolean(v))                                   \
            flags |= bit;                                       \
        JS_FreeValue(ctx, v);                                   \
    }
    BOOL_FIELD(JS_ATOM_enumerable, JS_PROP_HAS_ENUMERABLE, JS_PROP_ENUMERABLE)
    BOOL_FIELD(JS_ATOM_configurable, JS_PROP_HAS_CONFIGURABLE, JS_PROP_CONFIGURABLE)
    r = desc_field(ctx, obj, JS_ATOM_value, &v);
    if (r < 0)
        goto fail;
    if (r) {
        flags |= JS_PROP_HAS_VALUE;
        desc->value = v;
    }
    BOOL_FIELD(JS_ATOM_writable, JS_PROP_HAS_WRITABLE, JS_PROP_WRITABLE)
#undef BOOL_FIELD
    r = desc_field(ctx, obj, JS_ATOM_get, &v);
    if (r < 0)
        goto fail;
    if (r) {
        flags |= JS_PROP_HAS_GET;
        desc->getter = v;
        if (!JS_IsUndefined(v) && !wf_is_callable(v)) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "getter is not a function");
            goto fail;
        }
    }
    r = desc_field(ctx, obj, JS_ATOM_set, &v);
    if (r < 0)
        goto fail;
    if (r) {
        flags |= JS_PROP_HAS_SET;
        desc->setter = v;
        if (!JS_IsUndefined(v) && !wf_is_callable(v)) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "setter is not a function");
            goto fail;
        }
    }
    if ((flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET)) &&
        (flags & (JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE))) {
        wf_throw_error(ctx, JS_TYPE_ERROR, "invalid property descriptor: cannot both specify accessors and a value or writable attribute");
        goto fail;
    }
    desc->flags = flags;
    return 0;
fail:
    wf_desc_free(ctx, desc);
    desc->value = desc->getter = desc->setter = JS_UNDEFINED;
    return -1;
}

/* ------------------------------------------------------------------ */
/* Public API: creation, classes, opaque data */

JSValue JS_NewObjectProtoClass(JSContext *ctx, JSValueConst proto, JSClassID class_id)
{
    return wf_obj_new(ctx, proto, class_id);
}

JSValue JS_NewObjectClass(JSContext *ctx, JSClassID class_id)
{
    if (class_id >= (JSClassID)ctx->rt->class_count)
        return wf_throw_error(ctx, JS_TYPE_ERROR, "invalid class id %u", (unsigned)class_id);
    return wf_obj_new(ctx, ctx->class_proto[class_id], class_id);
}

JSValue JS_NewObjectProto(JSContext *ctx, JSValueConst proto)
{
    return wf_obj_new(ctx, proto, JS_CLASS_OBJECT);
}

JSValue JS_NewObject(JSContext *ctx)
{
    return wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
}

JSValue JS_NewObjectFrom(JSContext *ctx, int count, const JSAtom *props, const JSValue *values)
{
    JSValue obj = JS_NewObject(ctx);
    int i;
    if (JS_IsException(obj)) {
        for (i = 0; i < count; i++)
            JS_FreeValue(ctx, values[i]);
        return obj;
    }
    for (i = 0; i < count; i++) {
        if (wf_obj_define_value(ctx, obj, props[i], values[i], JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
            for (i++; i < count; i++)
                JS_FreeValue(ctx, values[i]);
            JS_FreeValue(ctx, obj);
            return JS_EXCEPTION;
        }
    }
    return obj;
}

JSValue JS_NewArray(JSContext *ctx)
{
    return wf_array_new(ctx, 0);
}

JSValue JS_NewArrayFrom(JSContext *ctx, int count, const JSValue *values)
{
    if (count < 0)
        return wf_throw_error(ctx, JS_RANGE_ERROR, "invalid array length");
    return wf_array_from_values(ctx, (uint32_t)count, (JSValue *)values);
}

bool JS_IsArray(JSContext *ctx, JSValueConst val)
{
    int r = wf_is_array(ctx, val);
    if (r < 0) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    return r != 0;
}

bool JS_IsFunction(JSContext *ctx, JSValueConst val)
{
    (void)ctx;
    return wf_is_callable(val);
}

bool JS_IsConstructor(JSContext *ctx, JSValueConst val)
{
    (void)ctx;
    return wf_is_constructor(val);
}

bool JS_SetConstructorBit(JSContext *ctx, JSValueConst func_obj, bool val)
{
    (void)ctx;
    if (!JS_IsObject(func_obj))
        return false;
    wf_obj(func_obj)->is_constructor = val;
    return true;
}

int JS_SetOpaque(JSValueConst obj, void *opaque)
{
    JSObject *p;
    if (!JS_IsObject(obj))
        return -1;
    p = wf_obj(obj);
    if (p->class_id < JS_CLASS_INIT_COUNT)
        return -1;     /* engine classes use u for their own data */
    p->u.opaque = opaque;
    return 0;
}

void *JS_GetOpaque(JSValueConst obj, JSClassID class_id)
{
    JSObject *p;
    if (!JS_IsObject(obj))
        return NULL;
    p = wf_obj(obj);
    if (p->class_id != class_id || class_id < JS_CLASS_INIT_COUNT)
        return NULL;
    return p->u.opaque;
}

void *JS_GetOpaque2(JSContext *ctx, JSValueConst obj, JSClassID class_id)
{
    void *p = JS_GetOpaque(obj, class_id);
    if (!p) {
        char buf[64];
        const char *name = "object";
        if (class_id < (JSClassID)ctx->rt->class_count && ctx->rt->class_array[class_id].class_name)
            name = wf_atom_get_cstr(ctx->rt, buf, sizeof(buf), ctx->rt->class_array[class_id].class_name);
        wf_throw_error(ctx, JS_TYPE_ERROR, "%s object expected", name);
    }
    return p;
}

void *JS_GetAnyOpaque(JSValueConst obj, JSClassID *class_id)
{
    JSObject *p;
    if (!JS_IsObject(obj)) {
        if (class_id)
            *class_id = JS_INVALID_CLASS_ID;
        return NULL;
    }
    p = wf_obj(obj);
    if (class_id)
        *class_id = p->class_id;
    return p->class_id >= JS_CLASS_INIT_COUNT ? p->u.opaque : NULL;
}

int JS_IsInstanceOf(JSContext *ctx, JSValueConst val, JSValueConst obj)
{
    return wf_instanceof(ctx, val, obj);
}
