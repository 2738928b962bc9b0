/*
 * module.c - ECMAScript module records at run time (ECMA-262 16.2.1):
 * loading requested modules through the host loader, linking
 * (ResolveExport, InitializeEnvironment), evaluation, module namespace
 * exotic objects (10.4.6), import.meta, dynamic import(), C modules
 * (JS_NewCModule) and the module part of the public API.
 *
 * The compiler (compile.c, wf_compile_module) fills the records; see
 * module.h for the environment layout.  Evaluation follows the spec's
 * algorithm for cyclic module records with top-level await: module
 * bodies with await run as async functions and settle through promise
 * reactions (engine/../builtins/promise.c).
 */
#include <string.h>
#include <stdio.h>

#include "engine/module.h"
#include "engine/state.h"
#include "engine/atom.h"
#include "engine/error.h"
#include "engine/object.h"
#include "engine/function.h"
#include "engine/jsstring.h"
#include "engine/interp.h"
#include "engine/interp_int.h"
#include "builtins/builtins.h"

/* ---------------------------------------------------------------------- */
/* Records                                                                 */

JSModuleDef *wf_module_new(JSContext *ctx, JSAtom name)
{
    JSModuleDef *m = js_mallocz(ctx, sizeof(*m));
    if (!m)
        return NULL;
    m->header.ref_count = 1;
    m->name = JS_DupAtom(ctx, name);
    m->meta_slot = -1;
    m->body = JS_UNDEFINED;
    m->init = JS_UNDEFINED;
    m->eval_error = JS_UNDEFINED;
    m->cap_promise = m->cap_resolve = m->cap_reject = JS_UNDEFINED;
    m->namespace_obj = JS_UNDEFINED;
    m->meta_obj = JS_UNDEFINED;
    m->json_value = JS_UNDEFINED;
    m->status = WF_MOD_NEW;
    list_add_tail(&m->link, &ctx->loaded_modules);
    return m;
}

void wf_module_free(JSContext *ctx, JSModuleDef *m)
{
    JSRuntime *rt = ctx->rt;
    int i;
    for (i = 0; i < m->req_count; i++) {
        JS_FreeAtomRT(rt, m->reqs[i].specifier);
        JS_FreeValueRT(rt, m->reqs[i].attributes);
    }
    js_free_rt(rt, m->reqs);
    for (i = 0; i < m->import_count; i++) {
        if (m->imports[i].import_name != JS_ATOM_NULL)
            JS_FreeAtomRT(rt, m->imports[i].import_name);
    }
    js_free_rt(rt, m->imports);
    for (i = 0; i < m->export_count; i++) {
        JS_FreeAtomRT(rt, m->exports[i].export_name);
        if (m->exports[i].import_name != JS_ATOM_NULL)
            JS_FreeAtomRT(rt, m->exports[i].import_name);
    }
    js_free_rt(rt, m->exports);
    js_free_rt(rt, m->star_exports);
    for (i = 0; i < m->slot_count; i++)
        JS_FreeAtomRT(rt, m->slots[i].var_name);
    js_free_rt(rt, m->slots);
    if (m->env) {
        for (i = 0; i < m->slot_count; i++) {
            if (m->env[i])
                wf_var_ref_release(rt, m->env[i]);
        }
        js_free_rt(rt, m->env);
    }
    JS_FreeValueRT(rt, m->body);
    JS_FreeValueRT(rt, m->init);
    JS_FreeValueRT(rt, m->eval_error);
    JS_FreeValueRT(rt, m->cap_promise);
    JS_FreeValueRT(rt, m->cap_resolve);
    JS_FreeValueRT(rt, m->cap_reject);
    JS_FreeValueRT(rt, m->namespace_obj);
    JS_FreeValueRT(rt, m->meta_obj);
    JS_FreeValueRT(rt, m->json_value);
    js_free_rt(rt, m->async_parents);
    JS_FreeAtomRT(rt, m->name);
    js_free_rt(rt, m);
}

void wf_module_free_all(JSContext *ctx)
{
    /* values first (they may refer to other records), then the records */
    struct list_head *el, *el1;
    if (!ctx->loaded_modules.next)
        return;
    /* the values released here may hold the last references to the
       context, which is being torn down by our caller: keep it alive */
    ctx->header.ref_count++;
    list_for_each_safe(el, el1, &ctx->loaded_modules) {
        JSModuleDef *m = list_entry(el, JSModuleDef, link);
        list_del(&m->link);
        wf_module_free(ctx, m);
    }
    init_list_head(&ctx->loaded_modules);
    ctx->header.ref_count--;
}

void wf_module_gc_mark(JSRuntime *rt, JSContext *ctx, JS_MarkFunc *mark_func)
{
    struct list_head *el;
    int i;
    if (!ctx->loaded_modules.next)
        return;
    list_for_each(el, &ctx->loaded_modules) {
        JSModuleDef *m = list_entry(el, JSModuleDef, link);
        for (i = 0; i < m->req_count; i++)
            wf_gc_mark_value(rt, m->reqs[i].attributes, mark_func);
        if (m->env) {
            for (i = 0; i < m->slot_count; i++) {
                if (m->env[i])
                    mark_func(rt, &m->env[i]->header);
            }
        }
        wf_gc_mark_value(rt, m->body, mark_func);
        wf_gc_mark_value(rt, m->init, mark_func);
        wf_gc_mark_value(rt, m->eval_error, mark_func);
        wf_gc_mark_value(rt, m->cap_promise, mark_func);
        wf_gc_mark_value(rt, m->cap_resolve, mark_func);
        wf_gc_mark_value(rt, m->cap_reject, mark_func);
        wf_gc_mark_value(rt, m->namespace_obj, mark_func);
        wf_gc_mark_value(rt, m->meta_obj, mark_func);
        wf_gc_mark_value(rt, m->json_value, mark_func);
    }
}

static JSModuleDef *find_module(JSContext *ctx, JSAtom name)
{
    struct list_head *el;
    list_for_each(el, &ctx->loaded_modules) {
        JSModuleDef *m = list_entry(el, JSModuleDef, link);
        if (m->name == name)
            return m;
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Host loader                                                             */

void JS_SetModuleLoaderFunc(JSRuntime *rt, JSModuleNormalizeFunc *module_normalize,
                            JSModuleLoaderFunc *module_loader, void *opaque)
{
    rt->module_normalize = module_normalize;
    rt->module_loader = module_loader;
    rt->module_loader2 = NULL;
    rt->module_check_attrs = NULL;
    rt->module_loader_opaque = opaque;
}

void JS_SetModuleLoaderFunc2(JSRuntime *rt, JSModuleNormalizeFunc *module_normalize,
                             JSModuleLoaderFunc2 *module_loader,
                             JSModuleCheckSupportedImportAttributes *module_check_attrs,
                             void *opaque)
{
    rt->module_normalize = module_normalize;
    rt->module_loader = NULL;
    rt->module_loader2 = module_loader;
    rt->module_check_attrs = module_check_attrs;
    rt->module_loader_opaque = opaque;
}

/* Default normalization: "./x" and "../x" relative to the directory of
   the base name; other names unchanged.  js_malloc'ed. */
static char *default_normalize(JSContext *ctx, const char *base, const char *name)
{
    size_t blen, nlen;
    char *r, *p;
    if (name[0] != '.') {
        r = js_malloc(ctx, strlen(name) + 1);
        if (r)
            strcpy(r, name);
        return r;
    }
    p = strrchr(base, '/');
    blen = p ? (size_t)(p - base) : 0;
    nlen = strlen(name);
    r = js_malloc(ctx, blen + nlen + 2);
    if (!r)
        return NULL;
    memcpy(r, base, blen);
    r[blen] = '\0';
    while (1) {
        if (name[0] == '.' && name[1] == '/') {
            name += 2;
        } else if (name[0] == '.' && name[1] == '.' && name[2] == '/') {
            char *q = strrchr(r, '/');
            if (!q || !strcmp(q, "/..") || (q == r && blen == 0))
                break;
            *q = '\0';
            name += 3;
        } else {
            break;
        }
    }
    if (r[0] != '\0')
        strcat(r, "/");
    strcat(r, name);
    return r;
}

/* Normalizes `spec` against the referrer's name; new C string (js_malloc). */
static char *normalize_name(JSContext *ctx, JSAtom referrer, JSAtom spec)
{
    const char *base = referrer != JS_ATOM_NULL ? JS_AtomToCString(ctx, referrer) : NULL;
    const char *name = JS_AtomToCString(ctx, spec);
    char *r = NULL;
    if (!name || (referrer != JS_ATOM_NULL && !base))
        goto done;
    if (ctx->rt->module_normalize) {
        char *n = ctx->rt->module_normalize(ctx, base ? base : "", name,
                                            ctx->rt->module_loader_opaque);
        /* the host allocated it with js_malloc (QuickJS convention) */
        r = n;
    } else {
        r = default_normalize(ctx, base ? base : "", name);
        if (!r)
            JS_ThrowOutOfMemory(ctx);
    }
done:
    JS_FreeCString(ctx, base);
    JS_FreeCString(ctx, name);
    return r;
}

/* HostLoadImportedModule: the record for `spec` requested by code named
   `referrer`, loaded through the host if needed; NULL with an exception. */
static JSModuleDef *load_module(JSContext *ctx, JSAtom referrer, JSAtom spec,
                                JSValueConst attributes)
{
    JSRuntime *rt = ctx->rt;
    char *cname;
    JSAtom name;
    JSModuleDef *m;
    cname = normalize_name(ctx, referrer, spec);
    if (!cname)
        return NULL;
    name = JS_NewAtom(ctx, cname);
    if (name == JS_ATOM_NULL) {
        js_free(ctx, cname);
        return NULL;
    }
    m = find_module(ctx, name);
    JS_FreeAtom(ctx, name);
    if (m) {
        js_free(ctx, cname);
        return m;
    }
    if (rt->module_check_attrs && !JS_IsUndefined(attributes) &&
        rt->module_check_attrs(ctx, rt->module_loader_opaque, attributes) < 0) {
        js_free(ctx, cname);
        return NULL;
    }
    /* import ... with { type: "json" }: the source the host hands to
       JS_Eval(JS_EVAL_TYPE_MODULE) is compiled as a JSON module */
    {
        bool json = false;
        if (JS_IsObject(attributes)) {
            JSValue t = JS_GetPropertyStr(ctx, attributes, "type");
            const char *ts;
            if (JS_IsException(t)) {
                js_free(ctx, cname);
                return NULL;
            }
            if (JS_IsString(t)) {
                ts = JS_ToCString(ctx, t);
                json = ts && !strcmp(ts, "json");
                if (ts && !json) {
                    wf_throw_error(ctx, JS_TYPE_ERROR, "unsupported module type '%s'", ts);
                    JS_FreeCString(ctx, ts);
                    JS_FreeValue(ctx, t);
                    js_free(ctx, cname);
                    return NULL;
                }
                JS_FreeCString(ctx, ts);
            }
            JS_FreeValue(ctx, t);
        }
        ctx->module_json_pending = json;
    }
    if (rt->module_loader2) {
        m = rt->module_loader2(ctx, cname, rt->module_loader_opaque, attributes);
    } else if (rt->module_loader) {
        m = rt->module_loader(ctx, cname, rt->module_loader_opaque);
    } else {
        wf_throw_error(ctx, JS_REFERENCE_ERROR, "could not load module '%s'", cname);
        m = NULL;
    }
    ctx->module_json_pending = false;
    js_free(ctx, cname);
    return m;
}

/* Loads every module requested by m, recursively (LoadRequestedModules,
   synchronous host). */
static int load_requested(JSContext *ctx, JSModuleDef *m)
{
    int i;
    if (m->status != WF_MOD_NEW)
        return 0;
    m->status = WF_MOD_UNLINKED;
    for (i = 0; i < m->req_count; i++) {
        WFModuleRequest *r = &m->reqs[i];
        if (!r->module) {
            r->module = load_module(ctx, m->name, r->specifier, r->attributes);
            if (!r->module)
                goto fail;
        }
        if (load_requested(ctx, r->module) < 0)
            goto fail;
    }
    return 0;
fail:
    m->status = WF_MOD_NEW;
    return -1;
}

/* ---------------------------------------------------------------------- */
/* ResolveExport                                                           */

#define RESOLVE_NS  (-2)        /* binding is the module's namespace */

typedef struct Resolution {
    JSModuleDef *m;             /* NULL: not found */
    int slot;                   /* env slot, or RESOLVE_NS */
    bool ambiguous;
} Resolution;

typedef struct ResolveSet {
    struct { JSModuleDef *m; JSAtom name; } *e;
    int n, size;
} ResolveSet;

static int resolve_export(JSContext *ctx, JSModuleDef *m, JSAtom name, ResolveSet *set,
                          Resolution *res)
{
    int i;
    Resolution star;
    res->m = NULL;
    res->slot = -1;
    res->ambiguous = false;
    for (i = 0; i < set->n; i++) {
        if (set->e[i].m == m && set->e[i].name == name)
            return 0;       /* circular import request */
    }
    if (set->n >= set->size) {
        int ns = set->size ? set->size * 2 : 16;
        void *n = js_realloc(ctx, set->e, sizeof(set->e[0]) * ns);
        if (!n)
            return -1;
        set->e = n;
        set->size = ns;
    }
    set->e[set->n].m = m;
    set->e[set->n].name = name;
    set->n++;
    for (i = 0; i < m->export_count; i++) {
        WFExportEntry *e = &m->exports[i];
        if (e->export_name != name)
            continue;
        if (e->req < 0) {
            res->m = m;
            res->slot = e->slot;
            return 0;
        }
        if (e->import_name == JS_ATOM_NULL) {
            res->m = m->reqs[e->req].module;
            res->slot = RESOLVE_NS;
            return 0;
        }
        return resolve_export(ctx, m->reqs[e->req].module, e->import_name, set, res);
    }
    if (name == JS_ATOM_default)
        return 0;
    star.m = NULL;
    star.slot = -1;
    star.ambiguous = false;
    for (i = 0; i < m->star_export_count; i++) {
        Resolution r;
        if (resolve_export(ctx, m->reqs[m->star_exports[i]].module, name, set, &r) < 0)
            return -1;
        if (r.ambiguous) {
            *res = r;
            return 0;
        }
        if (!r.m)
            continue;
        if (!star.m) {
            star = r;
        } else if (r.m != star.m || r.slot != star.slot) {
            res->ambiguous = true;
            return 0;
        }
    }
    *res = star;
    return 0;
}

static int resolve(JSContext *ctx, JSModuleDef *m, JSAtom name, Resolution *res)
{
    ResolveSet set = { NULL, 0, 0 };
    int r = resolve_export(ctx, m, name, &set, res);
    js_free(ctx, set.e);
    if (r < 0)
        JS_ThrowOutOfMemory(ctx);
    return r;
}

/* GetExportedNames (16.2.1.6.2) */
typedef struct NameList {
    JSAtom *a;
    int n, size;
} NameList;

static int names_add(JSContext *ctx, NameList *l, JSAtom a)
{
    int i;
    for (i = 0; i < l->n; i++) {
        if (l->a[i] == a)
            return 0;
    }
    if (l->n >= l->size) {
        int ns = l->size ? l->size * 2 : 16;
        JSAtom *n = js_realloc(ctx, l->a, sizeof(JSAtom) * ns);
        if (!n)
            return -1;
        l->a = n;
        l->size = ns;
    }
    l->a[l->n++] = a;
    return 0;
}

static int exported_names(JSContext *ctx, JSModuleDef *m, NameList *out, NameList *visited)
{
    int i, k;
    for (i = 0; i < visited->n; i++) {
        if (visited->a[i] == (JSAtom)(uintptr_t)m)
            return 0;
    }
    /* the visited set holds module pointers squeezed into atoms' place:
       only compared for identity */
    if (visited->n >= visited->size) {
        int ns = visited->size ? visited->size * 2 : 8;
        JSAtom *n = js_realloc(ctx, visited->a, sizeof(JSAtom) * ns);
        if (!n)
            return -1;
        visited->a = n;
        visited->size = ns;
    }
    (void)k;
    visited->a[visited->n++] = (JSAtom)(uintptr_t)m;
    for (i = 0; i < m->export_count; i++) {
        if (names_add(ctx, out, m->exports[i].export_name) < 0)
            return -1;
    }
    for (i = 0; i < m->star_export_count; i++) {
        NameList star = { NULL, 0, 0 };
        JSModuleDef *sm = m->reqs[m->star_exports[i]].module;
        if (exported_names(ctx, sm, &star, visited) < 0) {
            js_free(ctx, star.a);
            return -1;
        }
        for (k = 0; k < star.n; k++) {
            if (star.a[k] != JS_ATOM_default && names_add(ctx, out, star.a[k]) < 0) {
                js_free(ctx, star.a);
                return -1;
            }
        }
        js_free(ctx, star.a);
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Namespace objects (10.4.6)                                              */

typedef struct WFNamespace {
    JSModuleDef *m;
    int count;
    JSAtom *names;              /* sorted by code units */
    JSVarRef **refs;            /* the binding, or NULL with values[i] */
    JSValue *values;            /* namespace re-exports (export * as) */
} WFNamespace;

static WFNamespace *ns_of(JSValueConst obj)
{
    return (WFNamespace *)wf_obj(obj)->u.ptr;
}

static int ns_find(WFNamespace *ns, JSAtom a)
{
    int i;
    for (i = 0; i < ns->count; i++) {
        if (ns->names[i] == a)
            return i;
    }
    return -1;
}

static JSValue ns_value(JSContext *ctx, WFNamespace *ns, int i)
{
    JSValue v;
    if (!ns->refs[i])
        return JS_DupValue(ctx, ns->values[i]);
    v = *ns->refs[i]->pvalue;
    if (JS_IsUninitialized(v))
        return wf_throw_reference_error_atom(ctx, "Cannot access '%s' before initialization",
                                             ns->names[i]);
    return JS_DupValue(ctx, v);
}

static int ns_get_own_property(JSContext *ctx, JSPropertyDescriptor *desc, JSValueConst obj,
                               JSAtom prop)
{
    WFNamespace *ns = ns_of(obj);
    int i;
    if (prop == JS_ATOM_Symbol_toStringTag) {
        if (desc) {
            desc->flags = 0;
            desc->value = JS_AtomToString(ctx, JS_ATOM_Module);
            desc->getter = desc->setter = JS_UNDEFINED;
        }
        return 1;
    }
    i = ns_find(ns, prop);
    if (i < 0)
        return 0;
    {
        JSValue v = ns_value(ctx, ns, i);
        if (JS_IsException(v))
            return -1;
        if (desc) {
            desc->flags = JS_PROP_WRITABLE | JS_PROP_ENUMERABLE;
            desc->value = v;
            desc->getter = desc->setter = JS_UNDEFINED;
        } else {
            JS_FreeValue(ctx, v);
        }
    }
    return 1;
}

static int ns_get_own_property_names(JSContext *ctx, JSPropertyEnum **ptab, uint32_t *plen,
                                     JSValueConst obj)
{
    WFNamespace *ns = ns_of(obj);
    JSPropertyEnum *tab = js_malloc(ctx, sizeof(*tab) * (ns->count + 1));
    int i;
    if (!tab)
        return -1;
    for (i = 0; i < ns->count; i++) {
        tab[i].is_enumerable = true;
        tab[i].atom = JS_DupAtom(ctx, ns->names[i]);
    }
    tab[ns->count].is_enumerable = false;
    tab[ns->count].atom = JS_DupAtom(ctx, JS_ATOM_Symbol_toStringTag);
    *ptab = tab;
    *plen = ns->count + 1;
    return 0;
}

static int ns_delete_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    (void)ctx;
    if (prop == JS_ATOM_Symbol_toStringTag)
        return 0;
    return ns_find(ns_of(obj), prop) < 0;
}

static int ns_define_own_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                                  JSValueConst val, JSValueConst getter, JSValueConst setter,
                                  int flags)
{
    JSPropertyDescriptor cur;
    int r;
    bool ok = true;
    (void)getter;
    (void)setter;
    r = ns_get_own_property(ctx, &cur, obj, prop);
    if (r < 0)
        return -1;
    if (r == 0)
        ok = false;
    else {
        if ((flags & JS_PROP_HAS_CONFIGURABLE) && (flags & JS_PROP_CONFIGURABLE))
            ok = false;
        if ((flags & JS_PROP_HAS_ENUMERABLE) &&
            !(flags & JS_PROP_ENUMERABLE) != !(cur.flags & JS_PROP_ENUMERABLE))
            ok = false;
        if (flags & (JS_PROP_HAS_GET | JS_PROP_HAS_SET))
            ok = false;
        if ((flags & JS_PROP_HAS_WRITABLE) &&
            !(flags & JS_PROP_WRITABLE) != !(cur.flags & JS_PROP_WRITABLE))
            ok = false;
        if (ok && (flags & JS_PROP_HAS_VALUE) && !JS_IsSameValue(ctx, val, cur.value))
            ok = false;
        wf_desc_free(ctx, &cur);
    }
    if (!ok && (flags & JS_PROP_THROW)) {
        wf_throw_type_error_atom(ctx, "cannot redefine property '%s' of a module namespace", prop);
        return -1;
    }
    return ok;
}

static int ns_has_property(JSContext *ctx, JSValueConst obj, JSAtom prop)
{
    (void)ctx;
    if (prop == JS_ATOM_Symbol_toStringTag)
        return 1;
    return ns_find(ns_of(obj), prop) >= 0;
}

static JSValue ns_get_property(JSContext *ctx, JSValueConst obj, JSAtom prop,
                               JSValueConst receiver)
{
    WFNamespace *ns = ns_of(obj);
    int i;
    (void)receiver;
    if (prop == JS_ATOM_Symbol_toStringTag)
        return JS_AtomToString(ctx, JS_ATOM_Module);
    i = ns_find(ns, prop);
    if (i < 0)
        return JS_UNDEFINED;
    return ns_value(ctx, ns, i);
}

static int ns_set_property(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValueConst value,
                           JSValueConst receiver, int flags)
{
    (void)obj;
    (void)value;
    (void)receiver;
    if (flags & (JS_PROP_THROW | JS_PROP_THROW_STRICT)) {
        wf_throw_type_error_atom(ctx, "cannot assign to '%s' of a module namespace", prop);
        return -1;
    }
    return 0;
}

static const JSClassExoticMethods ns_exotic = {
    .get_own_property = ns_get_own_property,
    .get_own_property_names = ns_get_own_property_names,
    .delete_property = ns_delete_property,
    .define_own_property = ns_define_own_property,
    .has_property = ns_has_property,
    .get_property = ns_get_property,
    .set_property = ns_set_property,
};

static void ns_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFNamespace *ns = ns_of(val);
    int i;
    if (!ns)
        return;
    for (i = 0; i < ns->count; i++) {
        JS_FreeAtomRT(rt, ns->names[i]);
        if (ns->refs[i])
            wf_var_ref_release(rt, ns->refs[i]);
        else
            JS_FreeValueRT(rt, ns->values[i]);
    }
    js_free_rt(rt, ns->names);
    js_free_rt(rt, ns->refs);
    js_free_rt(rt, ns->values);
    js_free_rt(rt, ns);
}

static void ns_gc_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFNamespace *ns = ns_of(val);
    int i;
    if (!ns)
        return;
    for (i = 0; i < ns->count; i++) {
        if (ns->refs[i])
            mark_func(rt, &ns->refs[i]->header);
        else
            wf_gc_mark_value(rt, ns->values[i], mark_func);
    }
}

static int atom_cmp(JSRuntime *rt, JSAtom a, JSAtom b)
{
    JSString *sa = wf_atom_get_str(rt, a), *sb = wf_atom_get_str(rt, b);
    if (!sa || !sb)
        return 0;
    return wf_str_cmp(sa, sb);
}

static JSValue get_namespace(JSContext *ctx, JSModuleDef *m);

/* fills a new namespace object (m->namespace_obj is set already, so that
   cyclic `export * as ns` finds it) */
static int fill_namespace(JSContext *ctx, JSModuleDef *m, WFNamespace *ns)
{
    NameList names = { NULL, 0, 0 }, visited = { NULL, 0, 0 };
    int i, j, n = 0, ret = -1;
    if (exported_names(ctx, m, &names, &visited) < 0) {
        JS_ThrowOutOfMemory(ctx);
        goto done;
    }
    /* sort (binary insertion: few comparisons, which are the costly part;
       a C module such as 'os' exports ~80 names) */
    for (i = 1; i < names.n; i++) {
        JSAtom a = names.a[i];
        int lo = 0, hi = i;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (atom_cmp(ctx->rt, names.a[mid], a) > 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        for (j = i; j > lo; j--)
            names.a[j] = names.a[j - 1];
        names.a[lo] = a;
    }
    ns->names = js_mallocz(ctx, sizeof(JSAtom) * (names.n + 1));
    ns->refs = js_mallocz(ctx, sizeof(JSVarRef *) * (names.n + 1));
    ns->values = js_mallocz(ctx, sizeof(JSValue) * (names.n + 1));
    if (!ns->names || !ns->refs || !ns->values) {
        JS_ThrowOutOfMemory(ctx);
        goto done;
    }
    for (i = 0; i < names.n; i++) {
        Resolution r;
        if (resolve(ctx, m, names.a[i], &r) < 0)
            goto done;
        if (!r.m || r.ambiguous)
            continue;           /* excluded names (ambiguous star exports) */
        ns->names[n] = JS_DupAtom(ctx, names.a[i]);
        if (r.slot == RESOLVE_NS) {
            JSValue v = get_namespace(ctx, r.m);
            if (JS_IsException(v)) {
                JS_FreeAtom(ctx, ns->names[n]);
                goto done;
            }
            ns->values[n] = v;
        } else {
            if (!r.m->env || !r.m->env[r.slot]) {
                JS_FreeAtom(ctx, ns->names[n]);
                wf_throw_error(ctx, JS_INTERNAL_ERROR, "module binding not linked");
                goto done;
            }
            ns->refs[n] = wf_var_ref_dup(r.m->env[r.slot]);
        }
        n++;
        ns->count = n;
    }
    ret = 0;
done:
    js_free(ctx, names.a);
    js_free(ctx, visited.a);
    return ret;
}

static JSValue get_namespace(JSContext *ctx, JSModuleDef *m)
{
    JSRuntime *rt = ctx->rt;
    JSValue obj;
    WFNamespace *ns;
    if (!JS_IsUndefined(m->namespace_obj))
        return JS_DupValue(ctx, m->namespace_obj);
    if (!rt->class_array[JS_CLASS_MODULE_NS].exotic)
        wf_class_set_hooks(rt, JS_CLASS_MODULE_NS, ns_finalizer, ns_gc_mark, NULL, &ns_exotic);
    ns = js_mallocz(ctx, sizeof(*ns));
    if (!ns)
        return JS_ThrowOutOfMemory(ctx);
    ns->m = m;
    obj = wf_obj_new(ctx, JS_NULL, JS_CLASS_MODULE_NS);
    if (JS_IsException(obj)) {
        js_free(ctx, ns);
        return obj;
    }
    wf_obj(obj)->u.ptr = ns;
    wf_obj(obj)->extensible = 0;
    m->namespace_obj = JS_DupValue(ctx, obj);
    if (fill_namespace(ctx, m, ns) < 0) {
        JS_FreeValue(ctx, m->namespace_obj);
        m->namespace_obj = JS_UNDEFINED;
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue JS_GetModuleNamespace(JSContext *ctx, JSModuleDef *m)
{
    return get_namespace(ctx, m);
}

JSAtom JS_GetModuleName(JSContext *ctx, JSModuleDef *m)
{
    return JS_DupAtom(ctx, m->name);
}

JSValue JS_GetImportMeta(JSContext *ctx, JSModuleDef *m)
{
    if (JS_IsUndefined(m->meta_obj)) {
        JSValue o = wf_obj_new(ctx, JS_NULL, JS_CLASS_OBJECT);
        if (JS_IsException(o))
            return o;
        m->meta_obj = o;
    }
    return JS_DupValue(ctx, m->meta_obj);
}

/* ---------------------------------------------------------------------- */
/* C modules                                                               */

JSModuleDef *JS_NewCModule(JSContext *ctx, const char *name_str, JSModuleInitFunc *func)
{
    JSAtom name = JS_NewAtom(ctx, name_str);
    JSModuleDef *m;
    if (name == JS_ATOM_NULL)
        return NULL;
    m = wf_module_new(ctx, name);
    JS_FreeAtom(ctx, name);
    if (!m) {
        JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    m->c_init = func;
    m->status = WF_MOD_NEW;
    return m;
}

/* Room for n more exports (and their slots) of a C module: the arrays get
   exactly their final size, once per export list rather than once per
   name.  0, or -1 (nothing changed but the block sizes). */
static int c_exports_reserve(JSContext *ctx, JSModuleDef *m, int n)
{
    JSClosureVar *ns;
    WFExportEntry *ne;
    JSVarRef **nenv;
    ns = js_realloc(ctx, m->slots, sizeof(*ns) * (size_t)(m->slot_count + n));
    if (!ns)
        return -1;
    m->slots = ns;
    nenv = js_realloc(ctx, m->env, sizeof(*nenv) * (size_t)(m->slot_count + n));
    if (!nenv)
        return -1;
    m->env = nenv;
    ne = js_realloc(ctx, m->exports, sizeof(*ne) * (size_t)(m->export_count + n));
    if (!ne)
        return -1;
    m->exports = ne;
    return 0;
}

/* Add one export to a C module whose arrays have room (c_exports_reserve). */
static int c_export_add(JSContext *ctx, JSModuleDef *m, const char *name_str)
{
    JSAtom name = JS_NewAtom(ctx, name_str);
    JSVarRef *ref;
    if (name == JS_ATOM_NULL)
        return -1;
    ref = wf_var_ref_new_detached(ctx, JS_UNDEFINED);
    if (!ref) {
        JS_FreeAtom(ctx, name);
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    memset(&m->slots[m->slot_count], 0, sizeof(m->slots[0]));
    m->slots[m->slot_count].var_name = JS_DupAtom(ctx, name);
    m->env[m->slot_count] = ref;
    m->exports[m->export_count].export_name = name;
    m->exports[m->export_count].slot = m->slot_count;
    m->exports[m->export_count].req = -1;
    m->exports[m->export_count].import_name = JS_ATOM_NULL;
    m->export_count++;
    m->slot_count++;
    return 0;
}

int JS_AddModuleExport(JSContext *ctx, JSModuleDef *m, const char *name_str)
{
    if (c_exports_reserve(ctx, m, 1) < 0) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    return c_export_add(ctx, m, name_str);
}

int JS_SetModuleExport(JSContext *ctx, JSModuleDef *m, const char *export_name, JSValue val)
{
    JSAtom name = JS_NewAtom(ctx, export_name);
    int i;
    if (name == JS_ATOM_NULL) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    for (i = 0; i < m->export_count; i++) {
        WFExportEntry *e = &m->exports[i];
        if (e->export_name == name && e->slot >= 0 && m->env && m->env[e->slot]) {
            JSValue *pv = m->env[e->slot]->pvalue;
            JSValue old = *pv;
            *pv = val;
            JS_FreeValue(ctx, old);
            JS_FreeAtom(ctx, name);
            return 0;
        }
    }
    JS_FreeAtom(ctx, name);
    JS_FreeValue(ctx, val);
    wf_throw_error(ctx, JS_REFERENCE_ERROR, "export '%s' not declared by the module", export_name);
    return -1;
}

int JS_AddModuleExportList(JSContext *ctx, JSModuleDef *m, const JSCFunctionListEntry *tab,
                           int len)
{
    int i;
    if (len <= 0)
        return 0;
    if (c_exports_reserve(ctx, m, len) < 0) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    for (i = 0; i < len; i++) {
        if (c_export_add(ctx, m, tab[i].name) < 0)
            return -1;
    }
    return 0;
}

int JS_SetModuleExportList(JSContext *ctx, JSModuleDef *m, const JSCFunctionListEntry *tab,
                           int len)
{
    int i;
    JSValue obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return -1;
    /* build the values through the ordinary function-list machinery */
    if (JS_SetPropertyFunctionList(ctx, obj, tab, len) < 0) {
        JS_FreeValue(ctx, obj);
        return -1;
    }
    for (i = 0; i < len; i++) {
        JSValue v = JS_GetPropertyStr(ctx, obj, tab[i].name);
        if (JS_IsException(v) || JS_SetModuleExport(ctx, m, tab[i].name, v) < 0) {
            JS_FreeValue(ctx, obj);
            return -1;
        }
    }
    JS_FreeValue(ctx, obj);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Linking (16.2.1.5.1)                                                    */

/* Creates the module's own bindings (the imports come later). */
static int create_env(JSContext *ctx, JSModuleDef *m)
{
    int i;
    if (m->env || m->c_init)
        return 0;
    if (m->slot_count == 0)
        return 0;
    m->env = js_mallocz(ctx, sizeof(JSVarRef *) * m->slot_count);
    if (!m->env)
        goto oom;
    for (i = 0; i < m->slot_count; i++) {
        bool is_import = false;
        int k;
        for (k = 0; k < m->import_count; k++) {
            if (m->imports[k].slot == i)
                is_import = true;
        }
        if (is_import)
            continue;
        if (m->is_json) {
            m->env[i] = wf_var_ref_new_detached(ctx, JS_DupValue(ctx, m->json_value));
        } else if (i == m->meta_slot) {
            JSValue meta = JS_GetImportMeta(ctx, m);
            if (JS_IsException(meta))
                return -1;
            m->env[i] = wf_var_ref_new_detached(ctx, meta);
        } else {
            m->env[i] = wf_var_ref_new_detached(ctx, m->slots[i].is_lexical ? JS_UNINITIALIZED :
                                                JS_UNDEFINED);
        }
        if (!m->env[i])
            goto oom;
    }
    return 0;
oom:
    JS_ThrowOutOfMemory(ctx);
    return -1;
}

static void throw_resolve_error(JSContext *ctx, JSModuleDef *m, JSAtom name, bool ambiguous,
                                JSModuleDef *from)
{
    char b1[64], b2[128];
    wf_throw_error(ctx, JS_SYNTAX_ERROR, "%s export '%s' in module '%s'%s",
                   ambiguous ? "ambiguous" : "missing",
                   wf_atom_get_cstr(ctx->rt, b1, sizeof(b1), name),
                   wf_atom_get_cstr(ctx->rt, b2, sizeof(b2), m->name),
                   from ? " (requested by an import)" : "");
}

/* InitializeEnvironment, after the requested modules were visited. */
static int init_env(JSContext *ctx, JSModuleDef *m)
{
    int i;
    JSValue f, r;
    if (m->c_init) {
        if (m->c_init(ctx, m) < 0)
            return -1;
        return 0;
    }
    /* indirect exports must resolve */
    for (i = 0; i < m->export_count; i++) {
        WFExportEntry *e = &m->exports[i];
        Resolution res;
        if (e->req < 0)
            continue;
        if (resolve(ctx, m, e->export_name, &res) < 0)
            return -1;
        if (!res.m || res.ambiguous) {
            throw_resolve_error(ctx, m->reqs[e->req].module,
                                e->import_name ? e->import_name : e->export_name,
                                res.ambiguous, m);
            return -1;
        }
    }
    for (i = 0; i < m->import_count; i++) {
        WFImportEntry *ie = &m->imports[i];
        JSModuleDef *im = m->reqs[ie->req].module;
        JSValue ns;
        if (m->env[ie->slot])
            continue;
        if (ie->import_name == JS_ATOM_NULL) {
            ns = get_namespace(ctx, im);
            if (JS_IsException(ns))
                return -1;
            m->env[ie->slot] = wf_var_ref_new_detached(ctx, ns);
        } else {
            Resolution res;
            if (resolve(ctx, im, ie->import_name, &res) < 0)
                return -1;
            if (!res.m || res.ambiguous) {
                throw_resolve_error(ctx, im, ie->import_name, res.ambiguous, m);
                return -1;
            }
            if (res.slot == RESOLVE_NS) {
                ns = get_namespace(ctx, res.m);
                if (JS_IsException(ns))
                    return -1;
                m->env[ie->slot] = wf_var_ref_new_detached(ctx, ns);
            } else {
                if (!res.m->env || !res.m->env[res.slot]) {
                    wf_throw_error(ctx, JS_INTERNAL_ERROR, "module binding not created");
                    return -1;
                }
                m->env[ie->slot] = wf_var_ref_dup(res.m->env[res.slot]);
            }
        }
        if (!m->env[ie->slot]) {
            JS_ThrowOutOfMemory(ctx);
            return -1;
        }
    }
    /* hoisted function declarations */
    if (!JS_IsUndefined(m->init)) {
        f = wf_closure_new(ctx, m->init, m->env, NULL);
        if (JS_IsException(f))
            return -1;
        r = wf_call(ctx, f, JS_UNDEFINED, 0, NULL);
        JS_FreeValue(ctx, f);
        if (JS_IsException(r))
            return -1;
        JS_FreeValue(ctx, r);
    }
    return 0;
}

typedef struct ModStack {
    JSModuleDef **a;
    int n, size;
} ModStack;

static int stack_push(JSContext *ctx, ModStack *s, JSModuleDef *m)
{
    if (s->n >= s->size) {
        int ns = s->size ? s->size * 2 : 16;
        JSModuleDef **n = js_realloc(ctx, s->a, sizeof(*n) * ns);
        if (!n)
            return -1;
        s->a = n;
        s->size = ns;
    }
    s->a[s->n++] = m;
    return 0;
}

static int inner_link(JSContext *ctx, JSModuleDef *m, ModStack *st, int index)
{
    int i;
    if (m->status == WF_MOD_LINKING || m->status == WF_MOD_LINKED ||
        m->status == WF_MOD_EVALUATING_ASYNC || m->status == WF_MOD_EVALUATED ||
        m->status == WF_MOD_EVALUATING)
        return index;
    m->status = WF_MOD_LINKING;
    m->dfs_index = m->dfs_ancestor_index = index++;
    if (stack_push(ctx, st, m) < 0) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    if (create_env(ctx, m) < 0)
        return -1;
    for (i = 0; i < m->req_count; i++) {
        JSModuleDef *r = m->reqs[i].module;
        index = inner_link(ctx, r, st, index);
        if (index < 0)
            return -1;
        if (r->status == WF_MOD_LINKING && r->dfs_ancestor_index < m->dfs_ancestor_index)
            m->dfs_ancestor_index = r->dfs_ancestor_index;
    }
    if (init_env(ctx, m) < 0)
        return -1;
    if (m->dfs_ancestor_index == m->dfs_index) {
        JSModuleDef *x;
        do {
            x = st->a[--st->n];
            x->status = WF_MOD_LINKED;
        } while (x != m);
    }
    return index;
}

static int link_module(JSContext *ctx, JSModuleDef *m)
{
    ModStack st = { NULL, 0, 0 };
    int r = inner_link(ctx, m, &st, 0), i;
    if (r < 0) {
        /* back to unlinked: drop the half-made environments */
        for (i = 0; i < st.n; i++) {
            JSModuleDef *x = st.a[i];
            int k;
            x->status = WF_MOD_UNLINKED;
            if (x->env && !x->c_init) {
                for (k = 0; k < x->slot_count; k++) {
                    if (x->env[k])
                        wf_var_ref_release(ctx->rt, x->env[k]);
                }
                js_free(ctx, x->env);
                x->env = NULL;
            }
        }
    }
    js_free(ctx, st.a);
    return r < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------------- */
/* Evaluation (16.2.1.5.3), with top-level await                           */

static JSValue module_value(JSModuleDef *m)
{
    return JS_MKPTR(JS_TAG_MODULE, m);
}

static JSModuleDef *module_of(JSValueConst v)
{
    return (JSModuleDef *)JS_VALUE_GET_PTR(v);
}

static int call_cap(JSContext *ctx, JSValueConst fn, JSValueConst arg)
{
    JSValue r;
    if (JS_IsUndefined(fn))
        return 0;
    r = wf_call(ctx, fn, JS_UNDEFINED, 1, &arg);
    if (JS_IsException(r))
        return -1;
    JS_FreeValue(ctx, r);
    return 0;
}

static void async_rejected(JSContext *ctx, JSModuleDef *m, JSValueConst error);
static void async_fulfilled(JSContext *ctx, JSModuleDef *m);

static JSValue on_async_fulfilled(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv, int magic, JSValueConst *data)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    (void)magic;
    async_fulfilled(ctx, module_of(data[0]));
    return JS_UNDEFINED;
}

static JSValue on_async_rejected(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic, JSValueConst *data)
{
    (void)this_val;
    (void)magic;
    async_rejected(ctx, module_of(data[0]), argc > 0 ? argv[0] : JS_UNDEFINED);
    return JS_UNDEFINED;
}

/* Runs the body of a module without top-level await. */
static int execute_module(JSContext *ctx, JSModuleDef *m)
{
    JSValue f, r;
    if (m->c_init || JS_IsUndefined(m->body))
        return 0;
    f = wf_closure_new(ctx, m->body, m->env, NULL);
    if (JS_IsException(f))
        return -1;
    r = wf_call(ctx, f, JS_UNDEFINED, 0, NULL);
    JS_FreeValue(ctx, f);
    if (JS_IsException(r))
        return -1;
    JS_FreeValue(ctx, r);
    return 0;
}

/* ExecuteAsyncModule: the body is an async function; its promise settles
   the module. */
static int execute_async_module(JSContext *ctx, JSModuleDef *m)
{
    JSValue f, p, ful = JS_UNDEFINED, rej = JS_UNDEFINED, data = module_value(m);
    int ret = -1;
    f = wf_closure_new(ctx, m->body, m->env, NULL);
    if (JS_IsException(f))
        return -1;
    p = wf_call(ctx, f, JS_UNDEFINED, 0, NULL);
    JS_FreeValue(ctx, f);
    if (JS_IsException(p))
        return -1;
    ful = JS_NewCFunctionData(ctx, on_async_fulfilled, 0, 0, 1, &data);
    rej = JS_NewCFunctionData(ctx, on_async_rejected, 1, 0, 1, &data);
    if (!JS_IsException(ful) && !JS_IsException(rej) && wf_is_promise(p) &&
        wf_promise_then(ctx, p, ful, rej, NULL) >= 0)
        ret = 0;
    else if (!wf_is_promise(p))
        wf_throw_error(ctx, JS_INTERNAL_ERROR, "async module body did not return a promise");
    JS_FreeValue(ctx, ful);
    JS_FreeValue(ctx, rej);
    JS_FreeValue(ctx, p);
    return ret;
}

static int64_t next_async_order(JSContext *ctx)
{
    /* IncrementModuleAsyncEvaluationCount: per agent; a per-context count
       kept in the first loaded record is enough for ordering */
    static const int64_t step = 1;
    struct list_head *el;
    int64_t max = 0;
    list_for_each(el, &ctx->loaded_modules) {
        JSModuleDef *x = list_entry(el, JSModuleDef, link);
        if (x->async_eval_order > max)
            max = x->async_eval_order;
    }
    return max + step;
}

static int add_async_parent(JSContext *ctx, JSModuleDef *req, JSModuleDef *parent)
{
    if (req->async_parent_count >= req->async_parent_size) {
        int ns = req->async_parent_size ? req->async_parent_size * 2 : 4;
        JSModuleDef **n = js_realloc(ctx, req->async_parents, sizeof(*n) * ns);
        if (!n) {
            JS_ThrowOutOfMemory(ctx);
            return -1;
        }
        req->async_parents = n;
        req->async_parent_size = ns;
    }
    req->async_parents[req->async_parent_count++] = parent;
    return 0;
}

static int inner_evaluate(JSContext *ctx, JSModuleDef *m, ModStack *st, int index)
{
    int i;
    if (m->c_init) {
        if (m->status < WF_MOD_EVALUATED)
            m->status = WF_MOD_EVALUATED;
        return index;
    }
    if (m->status == WF_MOD_EVALUATED || m->status == WF_MOD_EVALUATING_ASYNC) {
        if (m->has_error) {
            JS_Throw(ctx, JS_DupValue(ctx, m->eval_error));
            return -1;
        }
        return index;
    }
    if (m->status == WF_MOD_EVALUATING)
        return index;
    m->status = WF_MOD_EVALUATING;
    m->dfs_index = m->dfs_ancestor_index = index++;
    m->pending_async_deps = 0;
    if (stack_push(ctx, st, m) < 0) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    for (i = 0; i < m->req_count; i++) {
        JSModuleDef *r = m->reqs[i].module;
        index = inner_evaluate(ctx, r, st, index);
        if (index < 0)
            return -1;
        if (r->c_init)
            continue;
        if (r->status == WF_MOD_EVALUATING) {
            if (r->dfs_ancestor_index < m->dfs_ancestor_index)
                m->dfs_ancestor_index = r->dfs_ancestor_index;
        } else {
            r = r->cycle_root ? r->cycle_root : r;
            if (r->has_error) {
                JS_Throw(ctx, JS_DupValue(ctx, r->eval_error));
                return -1;
            }
        }
        if (r->async_evaluation) {
            m->pending_async_deps++;
            if (add_async_parent(ctx, r, m) < 0)
                return -1;
        }
    }
    if (m->pending_async_deps > 0 || m->has_tla) {
        m->async_evaluation = true;
        m->async_eval_order = next_async_order(ctx);
        if (m->pending_async_deps == 0 && execute_async_module(ctx, m) < 0)
            return -1;
    } else if (execute_module(ctx, m) < 0) {
        return -1;
    }
    if (m->dfs_ancestor_index == m->dfs_index) {
        JSModuleDef *x;
        do {
            x = st->a[--st->n];
            x->status = x->async_evaluation ? WF_MOD_EVALUATING_ASYNC : WF_MOD_EVALUATED;
            x->cycle_root = m;
        } while (x != m);
    }
    return index;
}

/* GatherAvailableAncestors */
static int gather_ancestors(JSContext *ctx, JSModuleDef *m, ModStack *exec)
{
    int i, k;
    for (i = 0; i < m->async_parent_count; i++) {
        JSModuleDef *p = m->async_parents[i];
        bool in = false;
        for (k = 0; k < exec->n; k++) {
            if (exec->a[k] == p)
                in = true;
        }
        if (in || (p->cycle_root && p->cycle_root->has_error))
            continue;
        if (--p->pending_async_deps == 0) {
            if (stack_push(ctx, exec, p) < 0)
                return -1;
            if (!p->has_tla && gather_ancestors(ctx, p, exec) < 0)
                return -1;
        }
    }
    return 0;
}

static void async_rejected(JSContext *ctx, JSModuleDef *m, JSValueConst error)
{
    int i;
    if (m->status == WF_MOD_EVALUATED)
        return;
    m->has_error = true;
    JS_FreeValue(ctx, m->eval_error);
    m->eval_error = JS_DupValue(ctx, error);
    m->status = WF_MOD_EVALUATED;
    for (i = 0; i < m->async_parent_count; i++)
        async_rejected(ctx, m->async_parents[i], error);
    if (!JS_IsUndefined(m->cap_reject) && call_cap(ctx, m->cap_reject, error) < 0) {
        JSValue e = JS_GetException(ctx);
        JS_FreeValue(ctx, e);
    }
}

static void async_fulfilled(JSContext *ctx, JSModuleDef *m)
{
    ModStack exec = { NULL, 0, 0 };
    int i, j;
    if (m->status == WF_MOD_EVALUATED)
        return;
    m->async_evaluation = false;
    m->status = WF_MOD_EVALUATED;
    if (!JS_IsUndefined(m->cap_resolve))
        call_cap(ctx, m->cap_resolve, JS_UNDEFINED);
    if (gather_ancestors(ctx, m, &exec) < 0)
        goto done;
    /* by [[AsyncEvaluationOrder]] */
    for (i = 1; i < exec.n; i++) {
        JSModuleDef *x = exec.a[i];
        for (j = i - 1; j >= 0 && exec.a[j]->async_eval_order > x->async_eval_order; j--)
            exec.a[j + 1] = exec.a[j];
        exec.a[j + 1] = x;
    }
    for (i = 0; i < exec.n; i++) {
        JSModuleDef *x = exec.a[i];
        if (x->status == WF_MOD_EVALUATED)
            continue;
        if (x->has_tla) {
            if (execute_async_module(ctx, x) < 0) {
                JSValue e = JS_GetException(ctx);
                async_rejected(ctx, x, e);
                JS_FreeValue(ctx, e);
            }
        } else if (execute_module(ctx, x) < 0) {
            JSValue e = JS_GetException(ctx);
            async_rejected(ctx, x, e);
            JS_FreeValue(ctx, e);
        } else {
            x->async_evaluation = false;
            x->status = WF_MOD_EVALUATED;
            if (!JS_IsUndefined(x->cap_resolve))
                call_cap(ctx, x->cap_resolve, JS_UNDEFINED);
        }
    }
done:
    js_free(ctx, exec.a);
}

/* Evaluate(): the module's top-level promise (new reference). */
static JSValue evaluate_module(JSContext *ctx, JSModuleDef *m)
{
    ModStack st = { NULL, 0, 0 };
    JSValue funcs[2], p;
    int r, i;
    if ((m->status == WF_MOD_EVALUATING_ASYNC || m->status == WF_MOD_EVALUATED) &&
        m->cycle_root)
        m = m->cycle_root;
    if (!JS_IsUndefined(m->cap_promise))
        return JS_DupValue(ctx, m->cap_promise);
    p = wf_promise_new_capability(ctx, JS_UNDEFINED, funcs);
    if (JS_IsException(p))
        return p;
    m->cap_promise = JS_DupValue(ctx, p);
    m->cap_resolve = funcs[0];
    m->cap_reject = funcs[1];
    r = inner_evaluate(ctx, m, &st, 0);
    if (r < 0) {
        JSValue err = JS_GetException(ctx);
        for (i = 0; i < st.n; i++) {
            JSModuleDef *x = st.a[i];
            x->status = WF_MOD_EVALUATED;
            x->has_error = true;
            JS_FreeValue(ctx, x->eval_error);
            x->eval_error = JS_DupValue(ctx, err);
        }
        if (call_cap(ctx, m->cap_reject, err) < 0) {
            JS_FreeValue(ctx, err);
            JS_FreeValue(ctx, p);
            js_free(ctx, st.a);
            return JS_EXCEPTION;
        }
        JS_FreeValue(ctx, err);
    } else if (!m->async_evaluation) {
        if (call_cap(ctx, m->cap_resolve, JS_UNDEFINED) < 0) {
            JS_FreeValue(ctx, p);
            js_free(ctx, st.a);
            return JS_EXCEPTION;
        }
    }
    js_free(ctx, st.a);
    return p;
}

/* Load, link and evaluate (JS_EvalFunction on a module).  Linking errors
   are thrown; evaluation errors reject the returned promise. */
JSValue wf_module_run(JSContext *ctx, JSModuleDef *m)
{
    if (load_requested(ctx, m) < 0)
        return JS_EXCEPTION;
    if (link_module(ctx, m) < 0)
        return JS_EXCEPTION;
    return evaluate_module(ctx, m);
}

JSValue JS_LoadModule(JSContext *ctx, const char *basename, const char *filename)
{
    JSAtom base = JS_NewAtom(ctx, basename ? basename : "");
    JSAtom spec = JS_NewAtom(ctx, filename);
    JSModuleDef *m;
    if (base == JS_ATOM_NULL || spec == JS_ATOM_NULL) {
        JS_FreeAtom(ctx, base);
        JS_FreeAtom(ctx, spec);
        return JS_EXCEPTION;
    }
    m = load_module(ctx, base, spec, JS_UNDEFINED);
    JS_FreeAtom(ctx, base);
    JS_FreeAtom(ctx, spec);
    if (!m)
        return JS_EXCEPTION;
    return wf_module_run(ctx, m);
}

/* ---------------------------------------------------------------------- */
/* Dynamic import, script or module names                                  */

static JSValue on_import_evaluated(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic, JSValueConst *data)
{
    /* data: [module, resolve, reject] */
    JSModuleDef *m = module_of(data[0]);
    JSValue ns;
    (void)this_val;
    (void)argc;
    (void)argv;
    (void)magic;
    ns = get_namespace(ctx, m);
    if (JS_IsException(ns)) {
        JSValue e = JS_GetException(ctx);
        call_cap(ctx, data[2], e);
        JS_FreeValue(ctx, e);
    } else {
        call_cap(ctx, data[1], ns);
        JS_FreeValue(ctx, ns);
    }
    return JS_UNDEFINED;
}

/* data: [module, resolve, reject]: link, evaluate, then resolve with the
   namespace */
static JSValue on_import_loaded(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv, int magic, JSValueConst *data)
{
    JSModuleDef *m = module_of(data[0]);
    JSValue ep, ful;
    (void)this_val;
    (void)argc;
    (void)argv;
    (void)magic;
    if (link_module(ctx, m) < 0)
        goto reject;
    ep = evaluate_module(ctx, m);
    if (JS_IsException(ep))
        goto reject;
    ful = JS_NewCFunctionData(ctx, on_import_evaluated, 0, 0, 3, data);
    if (JS_IsException(ful) || wf_promise_then(ctx, ep, ful, data[2], NULL) < 0) {
        JS_FreeValue(ctx, ful);
        JS_FreeValue(ctx, ep);
        goto reject;
    }
    JS_FreeValue(ctx, ful);
    JS_FreeValue(ctx, ep);
    return JS_UNDEFINED;
reject:
    {
        JSValue e = JS_GetException(ctx);
        call_cap(ctx, data[2], e);
        JS_FreeValue(ctx, e);
    }
    return JS_UNDEFINED;
}

/* import(specifier, options) (13.3.10.1 + ContinueDynamicImport) */
JSValue wf_module_dynamic_import(JSContext *ctx, JSAtom referrer, JSValueConst specifier,
                                 JSValueConst options)
{
    JSValue funcs[2], p, str = JS_UNDEFINED, attrs = JS_UNDEFINED, ep, ful;
    JSModuleDef *m;
    JSAtom spec = JS_ATOM_NULL;
    JSValue data[3];

    p = wf_promise_new_capability(ctx, JS_UNDEFINED, funcs);
    if (JS_IsException(p))
        return p;
    str = JS_ToString(ctx, specifier);
    if (JS_IsException(str))
        goto reject;
    if (!JS_IsUndefined(options)) {
        if (!JS_IsObject(options)) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "import() options must be an object");
            goto reject;
        }
        attrs = JS_GetPropertyStr(ctx, options, "with");
        if (JS_IsException(attrs))
            goto reject;
        if (!JS_IsUndefined(attrs)) {
            /* EnumerableOwnProperties(attributes, key+value), copied into a
               plain object so that nothing observes later reads */
            JSPropertyEnum *tab;
            uint32_t len, i;
            JSValue copy;
            if (!JS_IsObject(attrs)) {
                wf_throw_error(ctx, JS_TYPE_ERROR, "import() attributes must be an object");
                goto reject;
            }
            if (wf_obj_own_keys(ctx, &tab, &len, attrs, JS_GPN_STRING_MASK) < 0)
                goto reject;
            copy = JS_NewObject(ctx);
            if (JS_IsException(copy)) {
                wf_prop_enum_free(ctx->rt, tab, len);
                goto reject;
            }
            for (i = 0; i < len; i++) {
                JSPropertyDescriptor desc;
                JSValue v;
                int r = wf_obj_get_own_property(ctx, &desc, attrs, tab[i].atom);
                if (r < 0)
                    goto attr_fail;
                if (r == 0)
                    continue;
                r = (desc.flags & JS_PROP_ENUMERABLE) != 0;
                wf_desc_free(ctx, &desc);
                if (!r)
                    continue;
                v = JS_GetProperty(ctx, attrs, tab[i].atom);
                if (JS_IsException(v))
                    goto attr_fail;
                if (!JS_IsString(v)) {
                    JS_FreeValue(ctx, v);
                    wf_throw_error(ctx, JS_TYPE_ERROR, "import attribute values must be strings");
                    goto attr_fail;
                }
                if (JS_SetProperty(ctx, copy, tab[i].atom, v) < 0)
                    goto attr_fail;
                continue;
            attr_fail:
                wf_prop_enum_free(ctx->rt, tab, len);
                JS_FreeValue(ctx, copy);
                goto reject;
            }
            wf_prop_enum_free(ctx->rt, tab, len);
            JS_FreeValue(ctx, attrs);
            attrs = copy;
        }
    }
    spec = JS_ValueToAtom(ctx, str);
    if (spec == JS_ATOM_NULL)
        goto reject;
    m = load_module(ctx, referrer, spec, attrs);
    if (!m)
        goto reject;
    if (load_requested(ctx, m) < 0)
        goto reject;
    /* ContinueDynamicImport: link and evaluate in a promise job, once the
       (here synchronous) loading has finished */
    data[0] = module_value(m);
    data[1] = funcs[0];
    data[2] = funcs[1];
    ep = wf_promise_resolve(ctx, ctx->promise_ctor, JS_UNDEFINED);
    if (JS_IsException(ep))
        goto reject;
    ful = JS_NewCFunctionData(ctx, on_import_loaded, 0, 0, 3, data);
    if (JS_IsException(ful) || wf_promise_then(ctx, ep, ful, funcs[1], NULL) < 0) {
        JS_FreeValue(ctx, ful);
        JS_FreeValue(ctx, ep);
        goto reject;
    }
    JS_FreeValue(ctx, ful);
    JS_FreeValue(ctx, ep);
    goto done;
reject:
    {
        JSValue e = JS_GetException(ctx);
        if (call_cap(ctx, funcs[1], e) < 0) {
            JS_FreeValue(ctx, e);
            JS_FreeValue(ctx, p);
            p = JS_EXCEPTION;
            goto done;
        }
        JS_FreeValue(ctx, e);
    }
done:
    if (spec != JS_ATOM_NULL)
        JS_FreeAtom(ctx, spec);
    JS_FreeValue(ctx, str);
    JS_FreeValue(ctx, attrs);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    return p;
}

JSAtom JS_GetScriptOrModuleName(JSContext *ctx, int n_stack_levels)
{
    JSStackFrame *sf = ctx->rt->current_stack_frame;
    for (; sf; sf = sf->prev_frame) {
        if (!sf->b)
            continue;
        if (n_stack_levels-- > 0)
            continue;
        return JS_DupAtom(ctx, sf->b->filename);
    }
    return JS_ATOM_NULL;
}
