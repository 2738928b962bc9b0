/*
 * function.c - bytecode function objects and what they capture
 * (ECMA-262 10.2 ECMAScript function objects: OrdinaryFunctionCreate,
 * MakeConstructor, 10.4.4 arguments exotic objects, 9.1 environments as
 * closed-over variables).
 *
 * - Closures: a function object of class BYTECODE_FUNCTION (or one of the
 *   generator / async kinds) holds a counted reference to its
 *   JSFunctionBytecode, an array of counted JSVarRefs (one per closure
 *   variable of the bytecode) and an optional home object.
 * - Var refs: see interp.h for the open / detached life cycle.
 * - Arguments objects: unmapped ones are plain data properties plus a
 *   throwing `callee`; mapped ones alias the parameters through
 *   JS_PROP_VARREF properties that point at the argument slots' var refs
 *   (object.c reads and writes *var_ref->pvalue and drops the mapping when
 *   the property is redefined, 10.4.4.2).
 * - The GC hooks of bytecode cells, var refs and suspended frames.
 *
 * Must not touch the object model's internals beyond object.h.
 */
#include <string.h>

#include "engine/interp_int.h"
#include "engine/bytecode.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/error.h"
#include "engine/conv.h"
#include "engine/function.h"
#include "builtins/builtins.h"

/* ---------------------------------------------------------------------- */
/* Var refs                                                                */

JSVarRef *wf_var_ref_new_detached(JSContext *ctx, JSValue v)
{
    JSVarRef *vr = js_malloc(ctx, sizeof(*vr));
    if (!vr) {
        JS_FreeValue(ctx, v);
        return NULL;
    }
    wf_gc_add(ctx->rt, &vr->header, WF_GC_VAR_REF);
    vr->value = v;
    vr->pvalue = &vr->value;
    vr->is_detached = 1;
    vr->is_arg = 0;
    vr->var_idx = 0;
    vr->var_ref_link.prev = vr->var_ref_link.next = NULL;
    return vr;
}

JSVarRef *wf_frame_get_var_ref(JSContext *ctx, JSStackFrame *sf, int idx, bool is_arg)
{
    struct list_head *el;
    JSVarRef *vr;

    list_for_each(el, &sf->var_ref_list) {
        vr = list_entry(el, JSVarRef, var_ref_link);
        if (vr->var_idx == idx && vr->is_arg == is_arg)
            return wf_var_ref_dup(vr);
    }
    vr = js_malloc(ctx, sizeof(*vr));
    if (!vr)
        return NULL;
    /* the count of 1 set by wf_gc_add is the frame's reference */
    wf_gc_add(ctx->rt, &vr->header, WF_GC_VAR_REF);
    vr->value = JS_UNDEFINED;
    vr->pvalue = is_arg ? &sf->arg_buf[idx] : &sf->var_buf[idx];
    vr->is_detached = 0;
    vr->is_arg = is_arg;
    vr->var_idx = (uint16_t)idx;
    list_add_tail(&vr->var_ref_link, &sf->var_ref_list);
    return wf_var_ref_dup(vr);
}

/* Detach: the var ref takes its own copy of the slot's value. */
static void var_ref_detach(JSRuntime *rt, JSVarRef *vr, bool move)
{
    JSValue *slot = vr->pvalue;
    if (move) {
        vr->value = *slot;
        *slot = JS_UNDEFINED;
    } else {
        vr->value = JS_DupValueRT(rt, *slot);
    }
    vr->pvalue = &vr->value;
    vr->is_detached = 1;
    list_del(&vr->var_ref_link);
    wf_var_ref_release(rt, vr);     /* the frame's reference */
}

void wf_frame_close_var_refs(JSRuntime *rt, JSStackFrame *sf)
{
    while (!list_empty(&sf->var_ref_list)) {
        JSVarRef *vr = list_entry(sf->var_ref_list.next, JSVarRef, var_ref_link);
        var_ref_detach(rt, vr, true);
    }
}

/* close_loc: a new iteration of a loop gets fresh bindings; closures made
   in the previous iteration keep the old value. */
void wf_frame_close_var_ref_slot(JSRuntime *rt, JSStackFrame *sf, int idx)
{
    struct list_head *el, *el1;
    list_for_each_safe(el, el1, &sf->var_ref_list) {
        JSVarRef *vr = list_entry(el, JSVarRef, var_ref_link);
        if (vr->var_idx == idx && !vr->is_arg) {
            var_ref_detach(rt, vr, false);
            break;
        }
    }
}

void wf_var_ref_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func)
{
    JSVarRef *vr = (JSVarRef *)h;
    /* an open var ref's value belongs to its frame, which marks it (heap
       frames) or is a root (VM stack frames) */
    if (vr->is_detached)
        wf_gc_mark_value(rt, vr->value, mark_func);
}

void wf_var_ref_gc_free(JSRuntime *rt, JSGCObjectHeader *h)
{
    JSVarRef *vr = (JSVarRef *)h;
    if (vr->is_detached) {
        JSValue v = vr->value;
        vr->value = JS_UNDEFINED;
        JS_FreeValueRT(rt, v);
    } else if (vr->var_ref_link.next) {
        /* only reachable when a heap frame dies in a cycle */
        list_del(&vr->var_ref_link);
    }
}

/* ---------------------------------------------------------------------- */
/* Bytecode cells                                                          */

void wf_bytecode_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func)
{
    JSFunctionBytecode *b = (JSFunctionBytecode *)h;
    for (uint32_t i = 0; i < b->cpool_count; i++)
        wf_gc_mark_value(rt, b->cpool[i], mark_func);
    if (b->realm)
        mark_func(rt, &b->realm->header);
    wf_interp_ic_mark(rt, b, mark_func);
}

void wf_bytecode_gc_free(JSRuntime *rt, JSGCObjectHeader *h)
{
    wf_interp_ic_release(rt, (JSFunctionBytecode *)h);
    wf_bytecode_free_contents(rt, (JSFunctionBytecode *)h);
}

/* ---------------------------------------------------------------------- */
/* Function objects                                                        */

static void js_bytecode_function_finalizer(JSRuntime *rt, JSValueConst val)
{
    JSObject *p = wf_obj(val);
    JSFunctionBytecode *b = p->u.func.bytecode;
    JSVarRef **var_refs = p->u.func.var_refs;
    JSObject *home = p->u.func.home_object;

    p->u.func.bytecode = NULL;
    p->u.func.var_refs = NULL;
    p->u.func.home_object = NULL;
    if (home)
        JS_FreeValueRT(rt, JS_MKPTR(JS_TAG_OBJECT, home));
    if (var_refs) {
        for (int i = 0; b && i < b->closure_var_count; i++) {
            if (var_refs[i])
                wf_var_ref_release(rt, var_refs[i]);
        }
        js_free_rt(rt, var_refs);
    }
    if (b)
        wf_gc_release(rt, &b->header);
}

static void js_bytecode_function_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    JSObject *p = wf_obj(val);
    JSFunctionBytecode *b = p->u.func.bytecode;

    if (p->u.func.home_object)
        mark_func(rt, &p->u.func.home_object->header);
    if (!b)
        return;
    if (p->u.func.var_refs) {
        for (int i = 0; i < b->closure_var_count; i++) {
            JSVarRef *vr = p->u.func.var_refs[i];
            if (vr)
                mark_func(rt, &vr->header);
        }
    }
    mark_func(rt, &b->header);
}

/* Add a property that does not exist yet to a fresh ordinary object; val
   consumed. */
static int add_data_prop(JSContext *ctx, JSObject *p, JSAtom atom, JSValue val, int flags)
{
    JSProperty *pr = wf_obj_add_property(ctx, p, atom, flags);
    if (!pr) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    pr->u.value = val;
    return 0;
}

static JSClassID class_of_kind(int func_kind)
{
    switch (func_kind) {
    case WF_FUNC_KIND_GENERATOR: return JS_CLASS_GENERATOR_FUNCTION;
    case WF_FUNC_KIND_ASYNC: return JS_CLASS_ASYNC_FUNCTION;
    case WF_FUNC_KIND_ASYNC_GENERATOR: return JS_CLASS_ASYNC_GENERATOR_FUNCTION;
    default: return JS_CLASS_BYTECODE_FUNCTION;
    }
}

static JSValueConst proto_of_kind(JSContext *ctx, int func_kind)
{
    JSValueConst proto = ctx->function_proto;
    if (func_kind != WF_FUNC_KIND_NORMAL) {
        JSValueConst p = ctx->class_proto[class_of_kind(func_kind)];
        if (JS_IsObject(p))
            proto = p;
    }
    return proto;
}

/* Pin obj's current shape in slot i of a closure shape cache (see
   wf_interp_shape_cache): shared shapes only. */
static inline void shape_pin(JSRuntime *rt, JSShape **sc, int i, JSObject *obj)
{
    JSShape *sh = obj->shape, *old;
    if (!sc || sc[i] == sh || !sh->is_hashed)
        return;
    old = sc[i];
    sh->header.ref_count++;
    sc[i] = sh;
    if (old)
        wf_gc_release(rt, &old->header);
}

/* MakeConstructor / the generator kinds' `prototype` (10.2.5, 15.5.4). */
static int define_prototype(JSContext *ctx, JSValueConst func, const JSFunctionBytecode *b,
                            JSShape **sc)
{
    JSValue proto;

    switch (b->func_kind) {
    case WF_FUNC_KIND_GENERATOR:
    case WF_FUNC_KIND_ASYNC_GENERATOR: {
        JSClassID id = b->func_kind == WF_FUNC_KIND_GENERATOR ? JS_CLASS_GENERATOR
                                                              : JS_CLASS_ASYNC_GENERATOR;
        JSValueConst pp = ctx->class_proto[id];
        proto = wf_obj_new(ctx, JS_IsObject(pp) ? pp : ctx->class_proto[JS_CLASS_OBJECT],
                           JS_CLASS_OBJECT);
        if (JS_IsException(proto))
            return -1;
        break;
    }
    case WF_FUNC_KIND_NORMAL:
        proto = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
        if (JS_IsException(proto))
            return -1;
        if (add_data_prop(ctx, wf_obj(proto), JS_ATOM_constructor, JS_DupValue(ctx, func),
                          JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
            JS_FreeValue(ctx, proto);
            return -1;
        }
        shape_pin(ctx->rt, sc, 4, wf_obj(proto));
        break;
    default:
        return 0;
    }
    if (add_data_prop(ctx, wf_obj(func), JS_ATOM_prototype, proto,
                      b->is_class_constructor ? 0 : JS_PROP_WRITABLE) < 0)
        return -1;
    shape_pin(ctx->rt, sc, 3, wf_obj(func));
    return 0;
}

JSValue wf_closure_new(JSContext *ctx, JSValueConst bfunc, JSVarRef **cur_var_refs,
                       JSStackFrame *sf)
{
    JSFunctionBytecode *b = wf_bytecode(bfunc);
    JSValue func;
    JSObject *p;
    JSVarRef **var_refs = NULL;
    JSShape **sc = NULL;

    func = wf_obj_new(ctx, proto_of_kind(ctx, b->func_kind), class_of_kind(b->func_kind));
    if (JS_IsException(func))
        return func;
    p = wf_obj(func);
    /* the shapes of a closure (prototype = a realm intrinsic) die with the
       last closure; pinning them saves building them for every closure */
    sc = wf_interp_shape_cache(ctx, b);
    shape_pin(ctx->rt, sc, 0, p);
    b->header.ref_count++;
    p->u.func.bytecode = b;
    p->u.func.var_refs = NULL;
    p->u.func.home_object = NULL;
    if (b->closure_var_count) {
        var_refs = js_mallocz(ctx, sizeof(var_refs[0]) * b->closure_var_count);
        if (!var_refs)
            goto fail;
        p->u.func.var_refs = var_refs;
        for (int i = 0; i < b->closure_var_count; i++) {
            const JSClosureVar *cv = &b->closure_var[i];
            if (cv->is_local) {
                var_refs[i] = wf_frame_get_var_ref(ctx, sf, cv->var_idx, cv->is_arg);
                if (!var_refs[i])
                    goto fail;
            } else if (cur_var_refs && cur_var_refs[cv->var_idx]) {
                var_refs[i] = wf_var_ref_dup(cur_var_refs[cv->var_idx]);
            } else {
                /* a variable the parent never had: a detached undefined
                   binding keeps the VM safe on inconsistent input */
                var_refs[i] = wf_var_ref_new_detached(ctx, JS_UNDEFINED);
                if (!var_refs[i])
                    goto fail;
            }
        }
    }
    p->is_constructor = b->is_constructor;
    p->is_class_ctor = b->is_class_constructor;
    p->is_derived_ctor = b->is_derived_class_constructor;

    /* a fresh object: its own properties can be added without checks */
    if (add_data_prop(ctx, p, JS_ATOM_length, JS_MKVAL(JS_TAG_INT, b->defined_arg_count),
                      JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    shape_pin(ctx->rt, sc, 1, p);
    if (b->func_name != JS_ATOM_NULL) {
        JSValue name = JS_AtomToString(ctx, b->func_name);
        if (JS_IsException(name) ||
            add_data_prop(ctx, p, JS_ATOM_name, name, JS_PROP_CONFIGURABLE) < 0)
            goto fail;
        shape_pin(ctx->rt, sc, 2, p);
    }
    if (b->has_prototype && define_prototype(ctx, func, b, sc) < 0)
        goto fail;
    return func;
fail:
    JS_FreeValue(ctx, func);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------- */
/* Arguments objects (10.4.4)                                              */

static int define_arguments_common(JSContext *ctx, JSValueConst obj, int argc)
{
    if (wf_obj_define_value(ctx, obj, JS_ATOM_length, JS_MKVAL(JS_TAG_INT, argc),
                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        return -1;
    if (wf_obj_define_value(ctx, obj, JS_ATOM_Symbol_iterator,
                            JS_DupValue(ctx, ctx->array_proto_values),
                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        return -1;
    return 0;
}

JSValue wf_arguments_new_unmapped(JSContext *ctx, int argc, JSValueConst *argv)
{
    JSValue obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_ARGUMENTS);
    if (JS_IsException(obj))
        return obj;
    if (define_arguments_common(ctx, obj, argc) < 0)
        goto fail;
    for (int i = 0; i < argc; i++) {
        if (wf_obj_define_value(ctx, obj, wf_atom_from_uint((uint32_t)i),
                                JS_DupValue(ctx, argv[i]), JS_PROP_C_W_E) < 0)
            goto fail;
    }
    if (wf_obj_define(ctx, obj, JS_ATOM_callee, JS_UNDEFINED,
                      ctx->throw_type_error, ctx->throw_type_error,
                      JS_PROP_HAS_GET | JS_PROP_HAS_SET | JS_PROP_HAS_ENUMERABLE |
                      JS_PROP_HAS_CONFIGURABLE) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* A parameter index is mapped when no later parameter has the same name
   (sloppy functions may repeat names: the last one wins, 10.4.4.7). */
static bool arg_is_mapped(const JSFunctionBytecode *b, int i)
{
    JSAtom name;
    if (!b->vardefs)
        return true;
    name = b->vardefs[i].var_name;
    for (int j = i + 1; j < b->arg_count; j++) {
        if (b->vardefs[j].var_name == name)
            return false;
    }
    return true;
}

JSValue wf_arguments_new_mapped(JSContext *ctx, JSStackFrame *sf)
{
    const JSFunctionBytecode *b = sf->b;
    int argc = sf->arg_count;
    JSValue obj = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_MAPPED_ARGUMENTS);
    JSObject *p;

    if (JS_IsException(obj))
        return obj;
    p = wf_obj(obj);
    if (define_arguments_common(ctx, obj, argc) < 0)
        goto fail;
    for (int i = 0; i < argc; i++) {
        JSAtom key = wf_atom_from_uint((uint32_t)i);
        if (b && i < b->arg_count && arg_is_mapped(b, i)) {
            JSVarRef *vr = wf_frame_get_var_ref(ctx, sf, i, true);
            JSProperty *pr;
            if (!vr)
                goto fail;
            pr = wf_obj_add_property(ctx, p, key, JS_PROP_C_W_E | JS_PROP_VARREF);
            if (!pr) {
                wf_var_ref_release(ctx->rt, vr);
                goto fail;
            }
            pr->u.var_ref = vr;
        } else {
            if (wf_obj_define_value(ctx, obj, key, JS_DupValue(ctx, sf->arg_buf[i]),
                                    JS_PROP_C_W_E) < 0)
                goto fail;
        }
    }
    if (wf_obj_define_value(ctx, obj, JS_ATOM_callee, JS_DupValue(ctx, sf->cur_func),
                            JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------- */
/* Realms and class hooks                                                  */

JSContext *wf_function_realm(JSContext *ctx, JSValueConst func)
{
    JSObject *p;
    if (!JS_IsObject(func))
        return ctx;
    p = wf_obj(func);
    /* a bound function's or a proxy's realm is its target's (loop: chains
       can be long); a revoked proxy throws */
    while (p->class_id == JS_CLASS_BOUND_FUNCTION || p->class_id == JS_CLASS_PROXY) {
        JSValueConst target;
        if (p->class_id == JS_CLASS_PROXY) {
            target = wf_proxy_target(p);
            if (JS_IsNull(target)) {
                wf_throw_error(ctx, JS_TYPE_ERROR, "cannot get the realm of a revoked proxy");
                return NULL;
            }
        } else {
            target = wf_bound_function_target(p);
        }
        if (!JS_IsObject(target))
            return ctx;
        p = wf_obj(target);
    }
    switch (p->class_id) {
    case JS_CLASS_BYTECODE_FUNCTION:
    case JS_CLASS_GENERATOR_FUNCTION:
    case JS_CLASS_ASYNC_FUNCTION:
    case JS_CLASS_ASYNC_GENERATOR_FUNCTION:
        if (p->u.func.bytecode && p->u.func.bytecode->realm)
            return p->u.func.bytecode->realm;
        break;
    case JS_CLASS_C_FUNCTION:
        if (p->u.cfunc.realm)
            return p->u.cfunc.realm;
        break;
    default:
        break;
    }
    return ctx;
}

void wf_function_init_classes(JSRuntime *rt)
{
    static const JSClassID ids[] = {
        JS_CLASS_BYTECODE_FUNCTION, JS_CLASS_GENERATOR_FUNCTION,
        JS_CLASS_ASYNC_FUNCTION, JS_CLASS_ASYNC_GENERATOR_FUNCTION,
    };
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        wf_class_set_hooks(rt, ids[i], js_bytecode_function_finalizer,
                           js_bytecode_function_mark, wf_interp_call, NULL);
    }
    wf_for_in_init_class(rt);
    wf_generator_init_class(rt);
    wf_promise_init_classes(rt);
}
