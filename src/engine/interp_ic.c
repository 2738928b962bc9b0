/*
 * interp_ic.c - the interpreter's inline caches (see interp_ic.h and the
 * layout comment there): allocating, filling, marking and releasing them,
 * and the property slow paths that fill them.  The fast paths that read
 * them are in interp.c, inlined in the dispatch loop.
 */
#include "engine/interp_ic.h"
#include "engine/state.h"

uint32_t *wf_interp_ic_alloc(JSContext *ctx, JSFunctionBytecode *b)
{
    b->ic = js_mallocz_rt(ctx->rt, shape_cache_offset(b) +
                                       sizeof(JSShape *) * WF_SHAPE_CACHE_SIZE);
    return b->ic;
}

JSShape **wf_interp_shape_cache(JSContext *ctx, JSFunctionBytecode *b)
{
    if (js_unlikely(!b->ic) && !wf_interp_ic_alloc(ctx, b))
        return NULL;
    return shape_cache(b);
}

void wf_interp_ic_mark(JSRuntime *rt, JSFunctionBytecode *b, JS_MarkFunc *mark_func)
{
    JSShape **sc;
    if (!b->ic)
        return;
    for (uint32_t i = 0; i < b->ic_count; i++) {
        WFProtoIC *e = proto_ic(b, i);
        if (e->own)
            mark_func(rt, &e->own->header);
        if (e->next)
            mark_func(rt, &e->next->header);
    }
    sc = shape_cache(b);
    for (int i = 0; i < WF_SHAPE_CACHE_SIZE; i++) {
        if (sc[i])
            mark_func(rt, &sc[i]->header);
    }
}

void wf_interp_ic_release(JSRuntime *rt, JSFunctionBytecode *b)
{
    JSShape **sc;
    if (!b->ic)
        return;
    for (uint32_t i = 0; i < b->ic_count; i++) {
        WFProtoIC *e = proto_ic(b, i);
        if (e->own) {
            JSShape *own = e->own;
            e->own = NULL;
            wf_gc_release(rt, &own->header);
        }
        if (e->next) {
            JSShape *next = e->next;
            e->next = NULL;
            wf_gc_release(rt, &next->header);
        }
    }
    sc = shape_cache(b);
    for (int i = 0; i < WF_SHAPE_CACHE_SIZE; i++) {
        if (sc[i]) {
            JSShape *sh = sc[i];
            sc[i] = NULL;
            wf_gc_release(rt, &sh->header);
        }
    }
}

/* put_field adding a property: the transition own -> next taken by an
   ordinary object (a plain [[Set]] that created an own data property, with
   no such property on the prototype chain).  Both shapes are pinned: a
   hashed shape referenced twice is never changed, and objects built the
   same way keep finding them.  'own' is a reference the caller gives up. */
void wf_interp_put_ic_fill(JSRuntime *rt, WFProtoIC *e, JSShape *own, JSShape *next)
{
    JSShape *old_own = e->own, *old_next = e->next;
    next->header.ref_count++;
    e->own = own;
    e->next = next;
    e->idx = 0;
    if (old_own)
        wf_gc_release(rt, &old_own->header);
    if (old_next)
        wf_gc_release(rt, &old_next->header);
}

void wf_interp_proto_ic_fill(JSRuntime *rt, WFProtoIC *e, JSShape *own, uint32_t idx)
{
    JSShape *old = e->own, *old_next = e->next;
    own->header.ref_count++;
    e->own = own;
    e->next = NULL;
    e->idx = idx;
    if (old)
        wf_gc_release(rt, &old->header);
    if (old_next)
        wf_gc_release(rt, &old_next->header);
}

/* Remember where a global name lives after a slow lookup. */
void wf_interp_global_cache_fill(JSContext *ctx, JSFunctionBytecode *b, JSAtom atom)
{
    JSObject *lp, *gp;
    uint32_t *e;
    int i;

    if (!b->ic || !JS_IsObject(ctx->global_var_obj) || !JS_IsObject(ctx->global_obj))
        return;
    lp = wf_obj(ctx->global_var_obj);
    gp = wf_obj(ctx->global_obj);
    e = global_ics(b) + 3 * ((atom * 0x9e3779b1u) >> 28);
    i = wf_shape_find(lp->shape, atom);
    if (i >= 0) {
        e[2] = (uint32_t)i | GC_LEXICAL;
    } else {
        if (!wf_shape_is_authoritative(gp))
            return;
        i = wf_shape_find(gp->shape, atom);
        if (i < 0 || (gp->shape->prop[i].flags & JS_PROP_TMASK) != JS_PROP_NORMAL)
            return;
        e[2] = (uint32_t)i;
    }
    e[0] = atom;
    e[1] = (uint32_t)lp->shape->prop_count;
}

/* get_field_obj's slow path.  With pgetter, a plain bytecode getter found
   on an ordinary object chain is not called but returned in *pgetter
   (borrowed; the value is then JS_UNDEFINED). */
JSValue wf_interp_get_field_slow(JSContext *ctx, JSValueConst obj, JSAtom atom,
                                 WFFieldIC *e, JSObject **pgetter)
{
    JSObject *p = wf_obj(obj);
    if (js_likely(wf_shape_is_authoritative(p) && !wf_atom_is_int(atom))) {
        uint32_t *ic = e ? &e->slot : NULL;
        JSShape *own = p->shape;
        JSProperty *pr;
        int i = -1, depth = 0;

        pr = ic_find(p, atom, ic, &i);
        if (pr)
            return JS_DupValue(ctx, pr->u.value);
        for (;;) {
            if (i >= 0) {
                if ((p->shape->prop[i].flags & JS_PROP_TMASK) == JS_PROP_NORMAL) {
                    if (depth == 1 && e && own->is_hashed)
                        wf_interp_proto_ic_fill(ctx->rt, e, own, (uint32_t)i);
                    return JS_DupValue(ctx, p->prop[i].u.value);
                }
                if (pgetter && !p->is_exotic &&
                    (p->shape->prop[i].flags & JS_PROP_TMASK) == JS_PROP_GETSET &&
                    is_plain_bytecode_func(p->prop[i].u.getset.getter)) {
                    *pgetter = p->prop[i].u.getset.getter;
                    return JS_UNDEFINED;
                }
                break;
            }
            p = p->shape->proto;
            depth++;
            if (!p)
                return JS_UNDEFINED;
            if (!wf_shape_is_authoritative(p))
                break;
            i = wf_shape_find(p->shape, atom);
        }
    }
    return wf_obj_get(ctx, obj, atom, obj);
}

/* The accessor function (getter, or setter when is_set) that obj.atom
   would run, when it is a plain bytecode function the loop can call like
   any other (a frame, no C recursion); NULL otherwise (no such accessor,
   an exotic object on the way, a C function, a class constructor...). */
JSObject *wf_interp_accessor_lookup(JSObject *p, JSAtom atom, bool is_set)
{
    if (wf_atom_is_int(atom))
        return NULL;
    for (; p; p = p->shape->proto) {
        JSShape *sh;
        JSObject *f;
        int i;
        if (p->is_exotic)
            return NULL;
        sh = p->shape;
        i = wf_shape_find(sh, atom);
        if (i < 0)
            continue;
        if ((sh->prop[i].flags & JS_PROP_TMASK) != JS_PROP_GETSET)
            return NULL;
        f = is_set ? p->prop[i].u.getset.setter : p->prop[i].u.getset.getter;
        return is_plain_bytecode_func(f) ? f : NULL;
    }
    return NULL;
}

