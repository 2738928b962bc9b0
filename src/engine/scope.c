/*
 * scope.c - scope analysis for the compiler: locals and block scopes of a
 * function being compiled, identifier resolution (ECMA-262 9.1
 * ResolveBinding / GetIdentifierReference done at compile time), closure
 * capture, and the dynamic lookups needed under `with` and sloppy direct
 * eval.
 *
 * Resolution walks the block scopes of the current function outwards, then
 * its parameter scope, its eval var object (dynamic), its own name (named
 * function expressions), then continues in the enclosing function from the
 * scope where the current function was defined.  `with` objects met on the
 * way are recorded as dynamic checks, in order; the static binding found at
 * the end (or the global object) is the fall-back.
 *
 * Scope numbering inside a function: scope 0 holds the parameters and the
 * special bindings (this, new.target, arguments, home object, active
 * function); the body's var and top-level lexical declarations are in
 * fd->body_scope (a child of 0); blocks nest below.  Locals that are not
 * found by name (temporaries, the function's own name, the eval var
 * object) have scope -1 and are on no scope list.
 */
#include <string.h>

#include "engine/emit.h"
#include "engine/state.h"
#include "engine/atom.h"

/* ---------------------------------------------------------------------- */
/* Scopes and locals                                                       */

int wf_scope_push(WFFuncDef *fd)
{
    WFScope *sc;
    if (fd->scope_count >= fd->scope_size) {
        int ns = fd->scope_size ? fd->scope_size * 2 : 8;
        WFScope *nsc = js_realloc(fd->c->ctx, fd->scopes, sizeof(*nsc) * ns);
        if (!nsc)
            return wf_compile_oom(fd->c);
        fd->scopes = nsc;
        fd->scope_size = ns;
    }
    sc = &fd->scopes[fd->scope_count];
    sc->parent = fd->cur_scope;
    sc->first = -1;
    sc->is_switch = false;
    sc->maybe_captured = false;
    fd->cur_scope = fd->scope_count++;
    return fd->cur_scope;
}

void wf_scope_pop(WFFuncDef *fd)
{
    if (fd->cur_scope >= 0)
        fd->cur_scope = fd->scopes[fd->cur_scope].parent;
}

static WFVar *grow_vars(WFFuncDef *fd, WFVar **parr, int *pcount, int *psize)
{
    if (*pcount >= *psize) {
        int ns = *psize ? *psize * 2 : 16;
        WFVar *nv = js_realloc(fd->c->ctx, *parr, sizeof(*nv) * ns);
        if (!nv) {
            wf_compile_oom(fd->c);
            return NULL;
        }
        *parr = nv;
        *psize = ns;
    }
    return &(*parr)[*pcount];
}

int wf_var_add(WFFuncDef *fd, int scope, JSAtom name, uint8_t kind)
{
    WFVar *v;
    if (fd->c->failed)
        return -1;
    if (fd->var_count >= WF_MAX_LOCALS) {
        wf_compile_error(fd->c, fd->line, fd->col, "too many local variables");
        return -1;
    }
    v = grow_vars(fd, &fd->vars, &fd->var_count, &fd->var_size);
    if (!v)
        return -1;
    memset(v, 0, sizeof(*v));
    v->name = wf_atom_dup(fd->c->ctx->rt, name);
    v->scope = scope;
    v->kind = kind;
    v->decl = 0xff;
    v->scope_next = -1;
    if (scope >= 0) {
        v->scope_next = fd->scopes[scope].first;
        fd->scopes[scope].first = fd->var_count;
    }
    return fd->var_count++;
}

int wf_arg_add(WFFuncDef *fd, JSAtom name)
{
    WFVar *v;
    if (fd->c->failed)
        return -1;
    if (fd->arg_count >= WF_MAX_LOCALS) {
        wf_compile_error(fd->c, fd->line, fd->col, "too many parameters");
        return -1;
    }
    v = grow_vars(fd, &fd->args, &fd->arg_count, &fd->arg_size);
    if (!v)
        return -1;
    memset(v, 0, sizeof(*v));
    v->name = wf_atom_dup(fd->c->ctx->rt, name);
    v->scope = 0;
    v->scope_next = -1;
    v->kind = WF_SLOT_NORMAL;
    v->decl = WF_DECL_PARAM;
    v->is_arg = true;
    v->initialized = true;
    return fd->arg_count++;
}

int wf_hidden_var(WFFuncDef *fd)
{
    int idx = wf_var_add(fd, -1, JS_ATOM_NULL, WF_SLOT_HIDDEN);
    if (idx >= 0)
        fd->vars[idx].initialized = true;
    return idx;
}

int wf_temp_alloc(WFFuncDef *fd)
{
    if (fd->temp_free_count > 0)
        return fd->temp_free[--fd->temp_free_count];
    return wf_hidden_var(fd);
}

void wf_temp_free(WFFuncDef *fd, int idx)
{
    if (idx < 0)
        return;
    if (fd->temp_free_count >= fd->temp_free_size) {
        int ns = fd->temp_free_size ? fd->temp_free_size * 2 : 8;
        int *nt = js_realloc(fd->c->ctx, fd->temp_free, sizeof(int) * ns);
        if (!nt)
            return;     /* the slot is simply not reused */
        fd->temp_free = nt;
        fd->temp_free_size = ns;
    }
    fd->temp_free[fd->temp_free_count++] = idx;
}

int wf_scope_find(WFFuncDef *fd, int scope, JSAtom name)
{
    int i;
    if (scope < 0)
        return -1;
    for (i = fd->scopes[scope].first; i >= 0; i = fd->vars[i].scope_next) {
        if (fd->vars[i].name == name && fd->vars[i].kind != WF_SLOT_WITH_OBJ &&
            fd->vars[i].kind != WF_SLOT_HIDDEN)
            return i;
    }
    return -1;
}

int wf_arg_find(WFFuncDef *fd, JSAtom name)
{
    int i;
    /* last one wins for duplicate sloppy parameters */
    for (i = fd->arg_count - 1; i >= 0; i--) {
        if (fd->args[i].name == name)
            return i;
    }
    return -1;
}

/* ---------------------------------------------------------------------- */
/* Resolution                                                              */

typedef struct DynList {
    WFLoc loc[WF_MAX_DYN];
    bool is_with[WF_MAX_DYN];
    int count;
    bool overflow;
} DynList;

static void dyn_add(DynList *dl, WFFuncDef *owner, uint8_t kind, int idx, bool is_with)
{
    if (dl->count >= WF_MAX_DYN) {
        dl->overflow = true;
        return;
    }
    dl->loc[dl->count].owner = owner;
    dl->loc[dl->count].kind = kind;
    dl->loc[dl->count].idx = idx;
    dl->is_with[dl->count] = is_with;
    dl->count++;
}

/* Searches the bindings of f itself, from scope s outwards.  With objects
   and the eval var object met on the way go to dl. */
static bool lookup_own(WFFuncDef *f, int s, JSAtom name, WFLoc *loc, DynList *dl)
{
    int i;
    for (; s >= 0; s = f->scopes[s].parent) {
        for (i = f->scopes[s].first; i >= 0; i = f->vars[i].scope_next) {
            WFVar *v = &f->vars[i];
            if (v->kind == WF_SLOT_WITH_OBJ) {
                if (dl)
                    dyn_add(dl, f, WF_LOC_LOCAL, i, true);
            } else if (v->name == name && v->kind != WF_SLOT_HIDDEN) {
                loc->owner = f;
                loc->kind = WF_LOC_LOCAL;
                loc->idx = i;
                return true;
            }
        }
        if (s == 0) {
            i = wf_arg_find(f, name);
            if (i >= 0) {
                loc->owner = f;
                loc->kind = WF_LOC_ARG;
                loc->idx = i;
                return true;
            }
        }
    }
    if (f->eval_var_obj_var >= 0 && dl)
        dyn_add(dl, f, WF_LOC_LOCAL, f->eval_var_obj_var, false);
    if (f->func_name_var >= 0 && f->vars[f->func_name_var].name == name) {
        loc->owner = f;
        loc->kind = WF_LOC_LOCAL;
        loc->idx = f->func_name_var;
        return true;
    }
    return false;
}

/* Searches the closure variables of a virtual function, in order. */
static bool lookup_virtual_cvars(WFFuncDef *f, JSAtom name, WFLoc *loc, DynList *dl)
{
    int k;
    for (k = 0; k < f->cvar_count; k++) {
        JSClosureVar *cv = &f->cvars[k];
        if (cv->var_kind == WF_SLOT_WITH_OBJ || cv->var_kind == WF_SLOT_EVAL_VAR_OBJ) {
            if (dl)
                dyn_add(dl, f, WF_LOC_CVAR, k, cv->var_kind == WF_SLOT_WITH_OBJ);
        } else if (cv->var_name == name && cv->var_kind != WF_SLOT_HIDDEN) {
            loc->owner = f;
            loc->kind = WF_LOC_CVAR;
            loc->idx = k;
            return true;
        }
    }
    return false;
}

/* Description of the binding at loc, for flags and names. */
static void loc_info(const WFLoc *loc, JSAtom *pname, bool *pconst, bool *plex,
                     uint8_t *pkind, bool *pcheck)
{
    WFFuncDef *o = loc->owner;
    if (loc->kind == WF_LOC_CVAR) {
        JSClosureVar *cv = &o->cvars[loc->idx];
        *pname = cv->var_name;
        *pconst = cv->is_const;
        *plex = cv->is_lexical;
        *pkind = cv->var_kind;
        *pcheck = cv->is_lexical;
    } else {
        WFVar *v = loc->kind == WF_LOC_ARG ? &o->args[loc->idx] : &o->vars[loc->idx];
        *pname = v->name;
        *pconst = v->is_const;
        *plex = v->is_lexical;
        *pkind = v->kind;
        *pcheck = v->is_lexical && (o->is_virtual || !v->initialized || v->always_check);
    }
}

static int find_cvar(WFFuncDef *fd, bool is_local, bool is_arg, int idx)
{
    int k;
    for (k = 0; k < fd->cvar_count; k++) {
        JSClosureVar *cv = &fd->cvars[k];
        if (cv->is_local == is_local && cv->is_arg == is_arg && cv->var_idx == idx)
            return k;
    }
    return -1;
}

static int add_cvar(WFFuncDef *fd, bool is_local, bool is_arg, int idx, const WFLoc *loc)
{
    JSClosureVar *cv;
    JSAtom name;
    bool is_const, is_lex, check;
    uint8_t kind;
    int k = find_cvar(fd, is_local, is_arg, idx);
    if (k >= 0)
        return k;
    if (fd->cvar_count >= 0xffff) {
        wf_compile_error(fd->c, fd->line, fd->col, "too many closure variables");
        return -1;
    }
    if (fd->cvar_count >= fd->cvar_size) {
        int ns = fd->cvar_size ? fd->cvar_size * 2 : 8;
        JSClosureVar *ncv = js_realloc(fd->c->ctx, fd->cvars, sizeof(*ncv) * ns);
        if (!ncv) {
            wf_compile_oom(fd->c);
            return -1;
        }
        fd->cvars = ncv;
        fd->cvar_size = ns;
    }
    loc_info(loc, &name, &is_const, &is_lex, &kind, &check);
    cv = &fd->cvars[fd->cvar_count];
    memset(cv, 0, sizeof(*cv));
    cv->is_local = is_local;
    cv->is_arg = is_arg;
    cv->is_const = is_const;
    cv->is_lexical = is_lex;
    cv->var_kind = kind;
    cv->var_idx = (uint16_t)idx;
    cv->var_name = wf_atom_dup(fd->c->ctx->rt, name);
    return fd->cvar_count++;
}

/* Closure variable of fd reaching loc (owned by an ancestor of fd). */
static int capture(WFFuncDef *fd, const WFLoc *loc)
{
    if (!fd->parent)
        return -1;
    if (fd->parent == loc->owner) {
        WFFuncDef *o = loc->owner;
        if (loc->kind == WF_LOC_LOCAL)
            o->vars[loc->idx].is_captured = true;
        else if (loc->kind == WF_LOC_ARG)
            o->args[loc->idx].is_captured = true;
        return add_cvar(fd, loc->kind != WF_LOC_CVAR, loc->kind == WF_LOC_ARG, loc->idx, loc);
    } else {
        int pidx = capture(fd->parent, loc);
        if (pidx < 0)
            return -1;
        return add_cvar(fd, false, false, pidx, loc);
    }
}

int wf_loc_access(WFFuncDef *fd, const WFLoc *loc, uint8_t *pkind, int *pidx)
{
    if (loc->owner == fd) {
        *pkind = loc->kind;
        *pidx = loc->idx;
        return 0;
    }
    *pidx = capture(fd, loc);
    *pkind = WF_LOC_CVAR;
    return *pidx < 0 ? -1 : 0;
}

int wf_resolve(WFFuncDef *fd, JSAtom name, WFRef *ref)
{
    DynList dl;
    WFLoc loc;
    WFFuncDef *f = fd;
    int s = fd->cur_scope;
    bool found = false;
    int i;

    dl.count = 0;
    dl.overflow = false;
    ref->name = name;
    ref->kind = WF_LOC_NONE;
    ref->idx = -1;
    ref->is_const = ref->is_lexical = ref->need_check = false;
    ref->is_func_name = ref->is_this_check = false;
    ref->slot_kind = WF_SLOT_NORMAL;
    ref->ndyn = 0;
    for (;;) {
        if (lookup_own(f, s, name, &loc, &dl)) {
            found = true;
            break;
        }
        if (f->is_virtual) {
            found = lookup_virtual_cvars(f, name, &loc, &dl);
            break;
        }
        if (!f->parent)
            break;
        s = f->parent_scope;
        f = f->parent;
    }
    if (dl.overflow)
        return wf_compile_error(fd->c, fd->cur_line, fd->cur_col,
                                "too many nested with statements");
    for (i = 0; i < dl.count; i++) {
        uint8_t k;
        int idx;
        if (wf_loc_access(fd, &dl.loc[i], &k, &idx) < 0)
            return -1;
        ref->dyn[i].kind = k;
        ref->dyn[i].idx = idx;
        ref->dyn[i].is_with = dl.is_with[i];
    }
    ref->ndyn = dl.count;
    if (found) {
        JSAtom n;
        uint8_t k;
        int idx;
        loc_info(&loc, &n, &ref->is_const, &ref->is_lexical, &ref->slot_kind, &ref->need_check);
        if (wf_loc_access(fd, &loc, &k, &idx) < 0)
            return -1;
        ref->kind = k;
        ref->idx = idx;
        ref->is_func_name = ref->slot_kind == WF_SLOT_FUNC_NAME;
        ref->is_this_check = ref->slot_kind == WF_SLOT_THIS && ref->need_check;
    }
    return 0;
}

bool wf_resolve_is_global(WFFuncDef *fd, JSAtom name)
{
    WFLoc loc;
    WFFuncDef *f = fd;
    int s = fd->cur_scope;
    for (;;) {
        if (lookup_own(f, s, name, &loc, NULL))
            return false;
        if (f->is_virtual)
            return !lookup_virtual_cvars(f, name, &loc, NULL);
        if (!f->parent)
            return true;
        s = f->parent_scope;
        f = f->parent;
    }
}

/* ---------------------------------------------------------------------- */
/* Direct eval support                                                     */

static bool atom_in(const JSAtom *list, int n, JSAtom a)
{
    int i;
    for (i = 0; i < n; i++) {
        if (list[i] == a)
            return true;
    }
    return false;
}

/* Seen-names list used by capture_all (js_malloc'ed, grows). */
typedef struct NameSet {
    JSAtom *a;
    int n, size;
} NameSet;

static int nameset_add(WFCompiler *c, NameSet *ns, JSAtom a)
{
    if (ns->n >= ns->size) {
        int sz = ns->size ? ns->size * 2 : 32;
        JSAtom *na = js_realloc(c->ctx, ns->a, sizeof(*na) * sz);
        if (!na)
            return wf_compile_oom(c);
        ns->a = na;
        ns->size = sz;
    }
    ns->a[ns->n++] = a;
    return 0;
}

static int capture_one(WFFuncDef *fd, NameSet *seen, WFFuncDef *owner, uint8_t kind,
                       int idx, JSAtom name, uint8_t slot_kind)
{
    WFLoc loc;
    bool dynamic = slot_kind == WF_SLOT_WITH_OBJ || slot_kind == WF_SLOT_EVAL_VAR_OBJ;
    if (slot_kind == WF_SLOT_HIDDEN || name == JS_ATOM_NULL)
        return 0;
    if (!dynamic) {
        if (atom_in(seen->a, seen->n, name))
            return 0;
        if (nameset_add(fd->c, seen, name) < 0)
            return -1;
    }
    loc.owner = owner;
    loc.kind = kind;
    loc.idx = idx;
    return capture(fd, &loc) < 0 ? -1 : 0;
}

int wf_scope_capture_all(WFFuncDef *fd)
{
    NameSet seen = { NULL, 0, 0 };
    WFFuncDef *f = fd->parent;
    int s = fd->parent_scope;
    int i, ret = -1;

    while (f) {
        for (; s >= 0; s = f->scopes[s].parent) {
            for (i = f->scopes[s].first; i >= 0; i = f->vars[i].scope_next) {
                if (capture_one(fd, &seen, f, WF_LOC_LOCAL, i, f->vars[i].name,
                                f->vars[i].kind) < 0)
                    goto done;
            }
            if (s == 0) {
                for (i = f->arg_count - 1; i >= 0; i--) {
                    if (capture_one(fd, &seen, f, WF_LOC_ARG, i, f->args[i].name,
                                    WF_SLOT_NORMAL) < 0)
                        goto done;
                }
            }
        }
        if (f->eval_var_obj_var >= 0 &&
            capture_one(fd, &seen, f, WF_LOC_LOCAL, f->eval_var_obj_var, JS_ATOM__var_,
                        WF_SLOT_EVAL_VAR_OBJ) < 0)
            goto done;
        if (f->func_name_var >= 0 &&
            capture_one(fd, &seen, f, WF_LOC_LOCAL, f->func_name_var,
                        f->vars[f->func_name_var].name, WF_SLOT_FUNC_NAME) < 0)
            goto done;
        if (f->is_virtual) {
            for (i = 0; i < f->cvar_count; i++) {
                if (capture_one(fd, &seen, f, WF_LOC_CVAR, i, f->cvars[i].var_name,
                                f->cvars[i].var_kind) < 0)
                    goto done;
            }
            break;
        }
        s = f->parent_scope;
        f = f->parent;
    }
    /* every local of fd is visible to the eval code */
    for (i = 0; i < fd->var_count; i++)
        fd->vars[i].is_captured = true;
    for (i = 0; i < fd->arg_count; i++)
        fd->args[i].is_captured = true;
    ret = 0;
done:
    js_free(fd->c->ctx, seen.a);
    return ret;
}

void wf_scope_emit_close(WFFuncDef *fd, int scope, bool conservative)
{
    int i;
    if (scope < 0)
        return;
    for (i = fd->scopes[scope].first; i >= 0; i = fd->vars[i].scope_next) {
        WFVar *v = &fd->vars[i];
        if (v->is_captured || (conservative && v->kind != WF_SLOT_WITH_OBJ) ||
            fd->contains_eval)
            wf_emit_op_u16(fd, OP_close_loc, (uint16_t)i);
    }
}

WFFuncDef *wf_scope_virtual_from_bytecode(WFCompiler *c, const JSFunctionBytecode *b)
{
    WFFuncDef *fd = wf_fd_new(c, NULL, NULL);
    JSRuntime *rt = c->ctx->rt;
    uint32_t i;
    if (!fd)
        return NULL;
    fd->is_virtual = true;
    fd->vb = b;
    fd->is_strict = b->is_strict;
    fd->code_kind = b->code_kind;
    fd->is_arrow = b->is_arrow;
    fd->func_kind = b->func_kind;
    fd->is_derived_ctor = b->is_derived_class_constructor;
    /* scopes */
    if (b->has_debug_names && b->scope_count > 0) {
        fd->scopes = js_malloc(c->ctx, sizeof(WFScope) * b->scope_count);
        if (!fd->scopes)
            goto oom;
        fd->scope_size = fd->scope_count = b->scope_count;
        for (i = 0; i < b->scope_count; i++) {
            fd->scopes[i].parent = b->scope_parent[i];
            fd->scopes[i].first = -1;
            fd->scopes[i].is_switch = false;
            fd->scopes[i].maybe_captured = true;
        }
    }
    for (i = 0; i < b->arg_count; i++) {
        if (wf_arg_add(fd, b->vardefs ? b->vardefs[i].var_name : JS_ATOM_NULL) < 0)
            goto fail;
    }
    for (i = 0; i < b->var_count; i++) {
        const JSVarDef *vd = &b->vardefs[b->arg_count + i];
        int scope = vd->scope_level;
        int idx;
        WFVar *v;
        if (scope >= fd->scope_count)
            scope = -1;
        idx = wf_var_add(fd, scope, vd->var_name, vd->var_kind);
        if (idx < 0)
            goto fail;
        v = &fd->vars[idx];
        v->is_const = vd->is_const;
        v->is_lexical = vd->is_lexical;
        v->is_captured = true;
        if (vd->var_kind == WF_SLOT_EVAL_VAR_OBJ)
            fd->eval_var_obj_var = idx;
        else if (vd->var_kind == WF_SLOT_FUNC_NAME)
            fd->func_name_var = idx;
    }
    if (b->closure_var_count > 0) {
        fd->cvars = js_malloc(c->ctx, sizeof(JSClosureVar) * b->closure_var_count);
        if (!fd->cvars)
            goto oom;
        fd->cvar_size = b->closure_var_count;
        for (i = 0; i < b->closure_var_count; i++) {
            fd->cvars[i] = b->closure_var[i];
            wf_atom_dup(rt, fd->cvars[i].var_name);
            fd->cvar_count++;
        }
    }
    return fd;
oom:
    wf_compile_oom(c);
fail:
    wf_fd_free(fd);
    return NULL;
}
