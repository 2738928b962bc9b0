/*
 * interp_env.c - name resolution outside the frame and iteration helpers
 * of the interpreter:
 *   - the global environment (ECMA-262 9.1.1.4 global environment records,
 *     16.1.7 GlobalDeclarationInstantiation, 19.2.1.3
 *     EvalDeclarationInstantiation as far as globals go);
 *   - `with` object environments (9.1.1.2 HasBinding with @@unscopables);
 *   - for-in enumeration (14.7.5.9 EnumerateObjectProperties, 14.7.5.10
 *     %ForInIteratorPrototype% behaviour);
 *   - spread, apply and rest arrays.
 *
 * Global lexical bindings (let/const/class at script top level) live as
 * properties of ctx->global_var_obj, an internal object scripts never see:
 * a value of JS_UNINITIALIZED marks the TDZ and a non-writable property a
 * const.  They are read and written through the slot directly, so these
 * internal markers never leak through the object model's generic paths.
 */
#include <string.h>

#include "engine/interp_int.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/function.h"
#include "engine/iter.h"
#include "engine/jsstring.h"
#include "builtins/builtins.h"

/* ---------------------------------------------------------------------- */
/* Global lexical bindings                                                 */

/* The slot of global lexical binding 'name', or NULL. */
static JSProperty *lex_find(JSContext *ctx, JSAtom name, int *pflags)
{
    JSObject *p;
    int i;
    if (!JS_IsObject(ctx->global_var_obj))
        return NULL;
    p = wf_obj(ctx->global_var_obj);
    i = wf_shape_find(p->shape, name);
    if (i < 0)
        return NULL;
    if (pflags)
        *pflags = p->shape->prop[i].flags;
    return &p->prop[i];
}

static JSValue throw_tdz(JSContext *ctx, JSAtom name)
{
    return wf_throw_reference_error_atom(ctx, "Cannot access '%s' before initialization", name);
}

static JSValue throw_not_defined(JSContext *ctx, JSAtom name)
{
    return wf_throw_reference_error_atom(ctx, "%s is not defined", name);
}

static JSValue throw_redecl(JSContext *ctx, JSAtom name)
{
    char buf[128];
    return wf_throw_error(ctx, JS_SYNTAX_ERROR, "redeclaration of '%s'",
                          wf_atom_get_cstr(ctx->rt, buf, sizeof(buf), name));
}

/* ---------------------------------------------------------------------- */
/* Declaration instantiation                                               */

int wf_global_check_decl(JSContext *ctx, JSAtom name, int flags)
{
    JSValueConst global = ctx->global_obj;
    JSPropertyDescriptor desc;
    int r;

    if (lex_find(ctx, name, NULL)) {
        throw_redecl(ctx, name);
        return -1;
    }
    if (flags & WF_GDECL_LEXICAL) {
        /* HasRestrictedGlobalProperty (also catches script `var`s, which
           are non-configurable) */
        r = wf_obj_get_own_property(ctx, &desc, global, name);
        if (r < 0)
            return -1;
        if (r) {
            bool restricted = !(desc.flags & JS_PROP_CONFIGURABLE);
            wf_desc_free(ctx, &desc);
            if (restricted) {
                throw_redecl(ctx, name);
                return -1;
            }
        }
        return 0;
    }
    if (flags & WF_GDECL_FUNCTION) {
        /* CanDeclareGlobalFunction */
        r = wf_obj_get_own_property(ctx, &desc, global, name);
        if (r < 0)
            return -1;
        if (!r) {
            r = wf_obj_is_extensible(ctx, global);
            if (r < 0)
                return -1;
        } else {
            int f = desc.flags;
            bool is_data = !(f & (JS_PROP_GETSET)) &&
                           JS_IsUndefined(desc.getter) && JS_IsUndefined(desc.setter);
            wf_desc_free(ctx, &desc);
            r = (f & JS_PROP_CONFIGURABLE) ||
                (is_data && (f & JS_PROP_WRITABLE) && (f & JS_PROP_ENUMERABLE));
        }
        if (!r) {
            wf_throw_type_error_atom(ctx, "cannot define global function '%s'", name);
            return -1;
        }
        return 0;
    }
    /* CanDeclareGlobalVar */
    r = wf_obj_get_own_property(ctx, NULL, global, name);
    if (r < 0)
        return -1;
    if (!r) {
        r = wf_obj_is_extensible(ctx, global);
        if (r < 0)
            return -1;
        if (!r) {
            wf_throw_type_error_atom(ctx, "cannot define global variable '%s'", name);
            return -1;
        }
    }
    return 0;
}

int wf_global_declare(JSContext *ctx, JSAtom name, int flags)
{
    JSValueConst global = ctx->global_obj;
    int r;

    if (flags & WF_GDECL_LEXICAL) {
        if (!JS_IsObject(ctx->global_var_obj)) {
            wf_throw_error(ctx, JS_INTERNAL_ERROR, "no global lexical environment");
            return -1;
        }
        if (lex_find(ctx, name, NULL))
            return 0;
        return wf_obj_define_value(ctx, ctx->global_var_obj, name, JS_UNINITIALIZED,
                                   (flags & WF_GDECL_CONST) ? JS_PROP_ENUMERABLE
                                   : JS_PROP_ENUMERABLE | JS_PROP_WRITABLE);
    }
    /* CreateGlobalVarBinding(N, D) */
    r = wf_obj_get_own_property(ctx, NULL, global, name);
    if (r < 0)
        return -1;
    if (r)
        return 0;
    r = wf_obj_is_extensible(ctx, global);
    if (r <= 0)
        return r;
    return wf_obj_define(ctx, global, name, JS_UNDEFINED, JS_UNDEFINED, JS_UNDEFINED,
                         JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                         JS_PROP_HAS_CONFIGURABLE | JS_PROP_WRITABLE | JS_PROP_ENUMERABLE |
                         ((flags & WF_GDECL_EVAL) ? JS_PROP_CONFIGURABLE : 0) |
                         JS_PROP_THROW) < 0 ? -1 : 0;
}

int wf_global_define_func(JSContext *ctx, JSAtom name, JSValue fn, int flags)
{
    JSValueConst global = ctx->global_obj;
    JSPropertyDescriptor desc;
    int r, dflags;

    /* CreateGlobalFunctionBinding(N, V, D) */
    r = wf_obj_get_own_property(ctx, &desc, global, name);
    if (r < 0)
        goto fail;
    if (r == 0 || (desc.flags & JS_PROP_CONFIGURABLE)) {
        dflags = JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                 JS_PROP_HAS_CONFIGURABLE | JS_PROP_WRITABLE | JS_PROP_ENUMERABLE |
                 ((flags & WF_GDECL_EVAL) ? JS_PROP_CONFIGURABLE : 0);
    } else {
        dflags = JS_PROP_HAS_VALUE;
    }
    if (r)
        wf_desc_free(ctx, &desc);
    if (wf_obj_define(ctx, global, name, fn, JS_UNDEFINED, JS_UNDEFINED,
                      dflags | JS_PROP_THROW) < 0)
        goto fail;
    r = wf_obj_set(ctx, global, name, fn, global, 0);
    return r < 0 ? -1 : 0;
fail:
    JS_FreeValue(ctx, fn);
    return -1;
}

/* ---------------------------------------------------------------------- */
/* Reads and writes                                                        */

JSValue wf_global_get(JSContext *ctx, JSAtom name, bool throw_ref)
{
    JSValueConst global = ctx->global_obj;
    JSProperty *pr = lex_find(ctx, name, NULL);
    int r;

    if (pr) {
        if (JS_IsUninitialized(pr->u.value))
            return throw_tdz(ctx, name);
        return JS_DupValue(ctx, pr->u.value);
    }
    if (JS_IsObject(global)) {
        JSObject *p = wf_obj(global);
        if (!p->is_exotic) {
            int i = wf_shape_find(p->shape, name);
            if (i >= 0 && (p->shape->prop[i].flags & JS_PROP_TMASK) == JS_PROP_NORMAL)
                return JS_DupValue(ctx, p->prop[i].u.value);
        }
    }
    r = wf_obj_has(ctx, global, name);
    if (r < 0)
        return JS_EXCEPTION;
    if (!r)
        return throw_ref ? throw_not_defined(ctx, name) : JS_UNDEFINED;
    return wf_obj_get(ctx, global, name, global);
}

int wf_global_put(JSContext *ctx, JSAtom name, JSValue val, bool strict)
{
    JSValueConst global = ctx->global_obj;
    int pflags = 0, r;
    JSProperty *pr = lex_find(ctx, name, &pflags);

    if (pr) {
        if (JS_IsUninitialized(pr->u.value)) {
            JS_FreeValue(ctx, val);
            throw_tdz(ctx, name);
            return -1;
        }
        if (!(pflags & JS_PROP_WRITABLE)) {
            JS_FreeValue(ctx, val);
            wf_throw_type_error_atom(ctx, "Assignment to constant variable '%s'", name);
            return -1;
        }
        JSValue old = pr->u.value;
        pr->u.value = val;
        JS_FreeValue(ctx, old);
        return 0;
    }
    if (JS_IsObject(global)) {
        JSObject *p = wf_obj(global);
        if (!p->is_exotic) {
            int i = wf_shape_find(p->shape, name);
            if (i >= 0 && (p->shape->prop[i].flags & (JS_PROP_TMASK | JS_PROP_WRITABLE)) ==
                              (JS_PROP_NORMAL | JS_PROP_WRITABLE)) {
                JSValue old = p->prop[i].u.value;
                p->prop[i].u.value = val;
                JS_FreeValue(ctx, old);
                return 0;
            }
        }
    }
    if (strict) {
        r = wf_obj_has(ctx, global, name);
        if (r <= 0) {
            JS_FreeValue(ctx, val);
            if (r == 0)
                throw_not_defined(ctx, name);
            return -1;
        }
    }
    r = wf_obj_set(ctx, global, name, val, global, strict ? JS_PROP_THROW : 0);
    return r < 0 ? -1 : 0;
}

int wf_global_init_lexical(JSContext *ctx, JSAtom name, JSValue val)
{
    JSProperty *pr = lex_find(ctx, name, NULL);
    if (!pr) {
        /* declared by an earlier script that failed half way: create it */
        if (wf_global_declare(ctx, name, WF_GDECL_LEXICAL) < 0) {
            JS_FreeValue(ctx, val);
            return -1;
        }
        pr = lex_find(ctx, name, NULL);
        if (!pr) {
            JS_FreeValue(ctx, val);
            wf_throw_error(ctx, JS_INTERNAL_ERROR, "lexical binding lost");
            return -1;
        }
    }
    JSValue old = pr->u.value;
    pr->u.value = val;
    JS_FreeValue(ctx, old);
    return 0;
}

int wf_global_delete(JSContext *ctx, JSAtom name)
{
    if (lex_find(ctx, name, NULL))
        return 0;
    return wf_obj_delete(ctx, ctx->global_obj, name, 0);
}

int wf_global_has(JSContext *ctx, JSAtom name)
{
    if (lex_find(ctx, name, NULL))
        return 1;
    return wf_obj_has(ctx, ctx->global_obj, name);
}

/* ---------------------------------------------------------------------- */
/* with                                                                    */

int wf_with_has_binding(JSContext *ctx, JSValueConst obj, JSAtom name)
{
    JSValue unscopables, blocked;
    int r = wf_obj_has(ctx, obj, name);
    if (r <= 0)
        return r;
    unscopables = wf_obj_get(ctx, obj, JS_ATOM_Symbol_unscopables, obj);
    if (JS_IsException(unscopables))
        return -1;
    if (!JS_IsObject(unscopables)) {
        JS_FreeValue(ctx, unscopables);
        return 1;
    }
    blocked = wf_obj_get(ctx, unscopables, name, unscopables);
    JS_FreeValue(ctx, unscopables);
    if (JS_IsException(blocked))
        return -1;
    r = wf_to_boolean(blocked);
    JS_FreeValue(ctx, blocked);
    return !r;
}

/* ---------------------------------------------------------------------- */
/* for-in                                                                  */

/* The keys are collected when the loop starts: the object's own string
   keys in [[OwnPropertyKeys]] order, then each prototype's, skipping keys
   already seen at a closer level (enumerable or not: a non-enumerable own
   property shadows an enumerable inherited one).  Each step checks that the
   key is still present (a deleted property is not visited). */
typedef struct WFForIn {
    JSValue obj;                /* the object being enumerated */
    JSAtom *keys;
    uint32_t count, pos;
    bool check_has;             /* keys may disappear: check before each */
    JSShape *shape0;            /* obj's shape at the start (not counted, compared only) */
    int deleted0;               /* its deleted_prop_count then (shapes change in place) */
    bool single_level;          /* only obj contributed keys */
} WFForIn;

static void for_in_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFForIn *it = wf_obj(val)->u.ptr;
    if (!it)
        return;
    for (uint32_t i = it->pos; i < it->count; i++)
        JS_FreeAtomRT(rt, it->keys[i]);
    js_free_rt(rt, it->keys);
    JS_FreeValueRT(rt, it->obj);
    js_free_rt(rt, it);
}

static void for_in_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFForIn *it = wf_obj(val)->u.ptr;
    if (it)
        wf_gc_mark_value(rt, it->obj, mark_func);
}

void wf_for_in_init_class(JSRuntime *rt)
{
    wf_class_set_hooks(rt, JS_CLASS_FOR_IN_ITERATOR, for_in_finalizer, for_in_mark, NULL, NULL);
}

/* A small open-addressing set of atoms. */
typedef struct AtomSet {
    JSAtom *tab;
    uint32_t mask, count;
} AtomSet;

static uint32_t atom_hash(JSAtom a)
{
    uint32_t h = a * 0x9e3779b1u;
    return h ^ (h >> 15);
}

static int atom_set_add(JSContext *ctx, AtomSet *s, JSAtom a)   /* 1 added, 0 present, -1 OOM */
{
    uint32_t i;
    if ((s->count + 1) * 2 > s->mask + 1) {
        uint32_t nsize = s->mask ? (s->mask + 1) * 2 : 32;
        JSAtom *nt = js_mallocz(ctx, sizeof(JSAtom) * nsize);
        if (!nt)
            return -1;
        for (i = 0; s->tab && i <= s->mask; i++) {
            if (s->tab[i] != JS_ATOM_NULL) {
                uint32_t j = atom_hash(s->tab[i]) & (nsize - 1);
                while (nt[j] != JS_ATOM_NULL)
                    j = (j + 1) & (nsize - 1);
                nt[j] = s->tab[i];
            }
        }
        js_free(ctx, s->tab);
        s->tab = nt;
        s->mask = nsize - 1;
    }
    i = atom_hash(a) & s->mask;
    while (s->tab[i] != JS_ATOM_NULL) {
        if (s->tab[i] == a)
            return 0;
        i = (i + 1) & s->mask;
    }
    s->tab[i] = a;
    s->count++;
    return 1;
}

static bool atom_set_has(const AtomSet *s, JSAtom a)
{
    uint32_t i;
    if (!s->tab)
        return false;
    i = atom_hash(a) & s->mask;
    while (s->tab[i] != JS_ATOM_NULL) {
        if (s->tab[i] == a)
            return true;
        i = (i + 1) & s->mask;
    }
    return false;
}

static int for_in_push(JSContext *ctx, WFForIn *it, uint32_t *psize, JSAtom a)
{
    if (it->count >= *psize) {
        uint32_t nsize = *psize ? *psize * 2 : 16;
        JSAtom *nk = js_realloc(ctx, it->keys, sizeof(JSAtom) * nsize);
        if (!nk)
            return -1;
        it->keys = nk;
        *psize = nsize;
    }
    it->keys[it->count++] = JS_DupAtom(ctx, a);
    return 0;
}

JSValue wf_for_in_start(JSContext *ctx, JSValue obj)
{
    JSValue iter, cur = JS_UNDEFINED;
    WFForIn *it;
    AtomSet seen = { NULL, 0, 0 };
    uint32_t size = 0;
    int level = 0;

    iter = wf_obj_new(ctx, JS_NULL, JS_CLASS_FOR_IN_ITERATOR);
    if (JS_IsException(iter)) {
        JS_FreeValue(ctx, obj);
        return iter;
    }
    it = js_mallocz(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, iter);
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    it->obj = JS_UNDEFINED;
    wf_obj(iter)->u.ptr = it;
    if (JS_IsUndefined(obj) || JS_IsNull(obj)) {
        JS_FreeValue(ctx, obj);
        return iter;
    }
    cur = wf_to_object(ctx, obj);
    JS_FreeValue(ctx, obj);
    if (JS_IsException(cur))
        goto fail;
    it->obj = JS_DupValue(ctx, cur);
    it->shape0 = wf_obj(cur)->shape;
    it->deleted0 = it->shape0->deleted_prop_count;
    it->single_level = true;
    while (JS_IsObject(cur)) {
        JSPropertyEnum *tab = NULL;
        uint32_t len = 0, i;
        JSValue proto;
        bool more;

        if (wf_obj_own_keys(ctx, &tab, &len, cur, JS_GPN_STRING_MASK | JS_GPN_SET_ENUM) < 0)
            goto fail;
        proto = wf_obj_get_proto(ctx, cur);
        if (JS_IsException(proto)) {
            wf_prop_enum_free(ctx->rt, tab, len);
            goto fail;
        }
        more = JS_IsObject(proto);
        for (i = 0; i < len; i++) {
            JSAtom a = tab[i].atom;
            if (level > 0 && atom_set_has(&seen, a))
                continue;
            if (more && atom_set_add(ctx, &seen, a) < 0) {
                wf_prop_enum_free(ctx->rt, tab, len);
                JS_FreeValue(ctx, proto);
                goto fail;
            }
            if (tab[i].is_enumerable) {
                if (level > 0)
                    it->single_level = false;
                if (for_in_push(ctx, it, &size, a) < 0) {
                    wf_prop_enum_free(ctx->rt, tab, len);
                    JS_FreeValue(ctx, proto);
                    goto fail;
                }
            }
        }
        wf_prop_enum_free(ctx->rt, tab, len);
        JS_FreeValue(ctx, cur);
        cur = proto;
        level++;
    }
    JS_FreeValue(ctx, cur);
    js_free(ctx, seen.tab);
    it->check_has = true;
    return iter;
fail:
    JS_FreeValue(ctx, cur);
    js_free(ctx, seen.tab);
    JS_FreeValue(ctx, iter);
    return JS_EXCEPTION;
}

JSValue wf_for_in_next(JSContext *ctx, JSValueConst iter, bool *pdone)
{
    WFForIn *it = wf_obj(iter)->u.ptr;

    while (it && it->pos < it->count) {
        JSAtom a = it->keys[it->pos++];
        int r = 1;
        JSObject *p = wf_obj(it->obj);
        /* unchanged own shape and nothing inherited: the key is there */
        if (it->check_has && !(it->single_level && p->shape == it->shape0 &&
                               p->shape->deleted_prop_count == it->deleted0 && !p->is_exotic))
            r = wf_obj_has(ctx, it->obj, a);
        if (r < 0) {
            JS_FreeAtom(ctx, a);
            return JS_EXCEPTION;
        }
        if (r) {
            JSValue k = JS_AtomToString(ctx, a);
            JS_FreeAtom(ctx, a);
            *pdone = false;
            return k;
        }
        JS_FreeAtom(ctx, a);
    }
    *pdone = true;
    return JS_UNDEFINED;
}

/* ---------------------------------------------------------------------- */
/* Spread, apply, rest                                                     */

int wf_spread_append(JSContext *ctx, JSValueConst arr, JSValueConst iterable)
{
    JSValue next = JS_UNDEFINED, iter;
    bool done;

    iter = wf_get_iterator(ctx, iterable, false, &next);
    if (JS_IsException(iter))
        return -1;
    for (;;) {
        JSValue v = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        if (wf_array_push(ctx, arr, v) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return 0;
fail:
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return -1;
}

#define WF_MAX_APPLY_ARGS 65535

JSValue wf_apply_array(JSContext *ctx, JSValueConst func, JSValueConst this_obj,
                       JSValueConst arr, JSValueConst new_target, bool is_construct)
{
    JSValue *vals, ret, lenv;
    uint32_t cnt, i;
    int64_t len;

    if (wf_array_get_fast(arr, &vals, &cnt)) {
        if (is_construct)
            return wf_construct(ctx, func, new_target, (int)cnt, vals);
        return wf_call(ctx, func, this_obj, (int)cnt, vals);
    }
    if (!JS_IsObject(arr))
        return wf_throw_error(ctx, JS_TYPE_ERROR, "spread argument is not an object");
    lenv = wf_obj_get(ctx, arr, JS_ATOM_length, arr);
    if (JS_IsException(lenv))
        return lenv;
    if (wf_to_length(ctx, &len, lenv) < 0) {
        JS_FreeValue(ctx, lenv);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, lenv);
    if (len > WF_MAX_APPLY_ARGS)
        return wf_throw_error(ctx, JS_RANGE_ERROR, "too many arguments in function call");
    vals = js_malloc(ctx, sizeof(JSValue) * (size_t)(len ? len : 1));
    if (!vals)
        return JS_EXCEPTION;
    for (i = 0; i < (uint32_t)len; i++) {
        vals[i] = wf_obj_get_uint32(ctx, arr, i);
        if (JS_IsException(vals[i])) {
            while (i-- > 0)
                JS_FreeValue(ctx, vals[i]);
            js_free(ctx, vals);
            return JS_EXCEPTION;
        }
    }
    if (is_construct)
        ret = wf_construct(ctx, func, new_target, (int)len, vals);
    else
        ret = wf_call(ctx, func, this_obj, (int)len, vals);
    for (i = 0; i < (uint32_t)len; i++)
        JS_FreeValue(ctx, vals[i]);
    js_free(ctx, vals);
    return ret;
}

JSValue wf_build_rest(JSContext *ctx, int first, int argc, JSValueConst *argv)
{
    int n = argc > first ? argc - first : 0;
    JSValue arr = wf_array_new(ctx, (uint32_t)n);
    if (JS_IsException(arr))
        return arr;
    for (int i = 0; i < n; i++) {
        if (wf_array_push(ctx, arr, JS_DupValue(ctx, argv[first + i])) < 0) {
            JS_FreeValue(ctx, arr);
            return JS_EXCEPTION;
        }
    }
    return arr;
}

JSValue wf_template_object(JSContext *ctx, JSValue cooked, JSValue raw)
{
    if (wf_obj_set_integrity(ctx, raw, true) < 0)
        goto fail;
    if (wf_obj_define_value(ctx, cooked, JS_ATOM_raw, JS_DupValue(ctx, raw), JS_PROP_THROW) < 0)
        goto fail;
    if (wf_obj_set_integrity(ctx, cooked, true) < 0)
        goto fail;
    JS_FreeValue(ctx, raw);
    return cooked;
fail:
    JS_FreeValue(ctx, raw);
    JS_FreeValue(ctx, cooked);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------- */
/* for-of and array destructuring over Arrays                              */

/* GetIterator(obj, sync) for the for_of_start opcode.  When obj is an
   Array whose iteration is the original one (Array.prototype[@@iterator]
   and %ArrayIteratorPrototype%.next untouched), the ArrayIterator object
   and its `next` could never be seen by the script: the array itself
   stands for the iterator and *pnext is the int index of the next element
   (the "array mode" of the [iter next marker] triple, see
   wf_for_of_step).  Otherwise the ordinary iterator and next method. */
JSValue wf_for_of_start(JSContext *ctx, JSValueConst obj, JSValue *pnext)
{
    JSValue method, iter;

    *pnext = JS_UNDEFINED;
    if (!JS_IsObject(obj) || wf_obj(obj)->class_id != JS_CLASS_ARRAY)
        return wf_get_iterator(ctx, obj, false, pnext);
    method = wf_get_method(ctx, obj, JS_ATOM_Symbol_iterator);
    if (JS_IsException(method))
        return method;
    if (JS_IsUndefined(method))
        return JS_ThrowTypeError(ctx, "value is not iterable");
    if (wf_arr_iter_is_pristine(ctx, obj, method)) {
        JS_FreeValue(ctx, method);
        *pnext = JS_MKVAL(JS_TAG_INT, 0);
        return JS_DupValue(ctx, obj);
    }
    iter = wf_get_iterator_from_method(ctx, obj, method, pnext);
    JS_FreeValue(ctx, method);
    return iter;
}

/* IteratorStepValue on piter = [iter next]: the array mode steps as
   %ArrayIteratorPrototype%.next would (LengthOfArrayLike, then Get),
   without result objects.  Same contract as wf_iterator_step_value. */
JSValue wf_for_of_step(JSContext *ctx, JSValue *piter, bool *pdone)
{
    JSObject *p;
    uint32_t idx;
    JSValue v;

    if (JS_VALUE_GET_TAG(piter[1]) != JS_TAG_INT)
        return wf_iterator_step_value(ctx, piter[0], piter[1], pdone);
    p = wf_obj(piter[0]);
    idx = (uint32_t)JS_VALUE_GET_INT(piter[1]);
    *pdone = false;
    if (p->fast_array && idx < p->u.array.count) {
        v = JS_DupValue(ctx, p->u.array.values[idx]);
    } else {
        if (idx >= wf_array_length(p) || idx >= INT32_MAX) {
            *pdone = true;
            return JS_UNDEFINED;
        }
        v = wf_obj_get_uint32(ctx, piter[0], idx);
        if (JS_IsException(v)) {
            *pdone = true;
            return v;
        }
    }
    piter[1] = JS_MKVAL(JS_TAG_INT, (int32_t)(idx + 1));
    return v;
}
