/*
 * emit_func.c - functions, programs and patterns: compiling a function AST
 * into its own bytecode (FunctionDeclarationInstantiation, ECMA-262
 * 10.2.11: parameters, `arguments`, hoisted declarations, the special
 * bindings this / new.target / home object), Script and eval bodies
 * (GlobalDeclarationInstantiation 16.1.7, EvalDeclarationInstantiation
 * 19.2.1.3), and destructuring of array and object patterns in bindings,
 * parameters and assignments (8.6.2, 13.15.5).
 */
#include <string.h>

#include "engine/emit.h"
#include "engine/state.h"
#include "engine/atom.h"

/* ---------------------------------------------------------------------- */
/* Patterns                                                                */

static bool decl_is_init(uint8_t decl)
{
    return decl != 0xff && decl != WF_DECL_VAR;
}

static int emit_pattern(WFFuncDef *fd, WFAstNode *t, uint8_t decl);

/* Stores the value on the stack into a simple target that was prepared
   (member targets) or is an identifier. */
static int store_target(WFFuncDef *fd, WFAstNode *t, uint8_t decl, WFRefInfo *ri, bool prepared)
{
    if (prepared && ri->kind == WF_REF_IDENT_DYN)
        return wf_emit_ref_put(fd, ri, false);
    if (t->kind == WF_AST_IDENT) {
        JSAtom name = wf_name_atom(fd->c, t->u.ident.name);
        wf_emit_pos(fd, t->line, t->col);
        if (wf_emit_ident_put(fd, name, false, decl_is_init(decl)) < 0)
            return -1;
        if (decl_is_init(decl))
            wf_mark_initialized(fd, name);
        return 0;
    }
    if (prepared)
        return wf_emit_ref_store(fd, ri, false);
    return emit_pattern(fd, t, decl);
}

static bool target_needs_ref(WFAstNode *t)
{
    return t->kind == WF_AST_MEMBER || t->kind == WF_AST_SUPER_MEMBER;
}

static int ref_count(WFRefInfo *ri)
{
    switch (ri->kind) {
    case WF_REF_FIELD: return 1;
    case WF_REF_ELEM: return 2;
    case WF_REF_SUPER: return 3;
    default: return 0;
    }
}

/* Evaluates the reference of a simple target before its value (13.15.5.6,
   14.3.3.3): member targets, and identifiers of var / assignment patterns
   that a with object may hold.  Returns the number of values pushed, or -1. */
static int prepare_target(WFFuncDef *fd, WFAstNode *t, uint8_t decl, WFRefInfo *ri,
                          bool *prepared)
{
    *prepared = false;
    if (target_needs_ref(t)) {
        if (wf_emit_ref_prepare(fd, t, ri) < 0)
            return -1;
        *prepared = true;
        return ref_count(ri);
    }
    if (t->kind == WF_AST_IDENT && !decl_is_init(decl)) {
        int r;
        wf_emit_pos(fd, t->line, t->col);
        r = wf_emit_ident_find(fd, wf_name_atom(fd->c, t->u.ident.name), ri);
        if (r < 0)
            return -1;
        *prepared = r > 0;
        return r;
    }
    return 0;
}


/* [v] -> [v or default] */
static int emit_default(WFFuncDef *fd, WFAstNode *target, WFAstNode *def)
{
    int l = wf_new_label(fd);
    wf_emit_op(fd, OP_dup);
    wf_emit_op(fd, OP_is_undefined);
    wf_emit_jump(fd, OP_if_false, l);
    wf_emit_op(fd, OP_drop);
    if (target->kind == WF_AST_IDENT) {
        if (wf_emit_expr_named(fd, def, wf_name_atom(fd->c, target->u.ident.name)) < 0)
            return -1;
    } else if (wf_emit_expr(fd, def) < 0) {
        return -1;
    }
    wf_emit_label(fd, l);
    return 0;
}

static int emit_array_pattern(WFFuncDef *fd, WFAstNode *p, uint8_t decl)
{
    WFAstList *el = &p->u.array.elements;
    uint32_t i;
    int ret = -1;
    WFBlock iter_blk;
    wf_emit_pos(fd, p->line, p->col);
    wf_emit_op(fd, OP_for_of_start);
    /* a yield inside the pattern resumed with return() closes the iterator */
    wf_block_push(fd, &iter_blk, WF_BLK_FOR_OF, p);
    for (i = 0; i < el->count; i++) {
        WFAstNode *e = el->items[i];
        WFAstNode *target, *def = NULL;
        WFRefInfo ri;
        bool prepared = false;
        int depth = 0;
        if (!e) {
            wf_emit_op_u8(fd, OP_for_of_next, 0);
            wf_emit_op(fd, OP_drop);
            wf_emit_op(fd, OP_drop);
            continue;
        }
        if (e->kind == WF_AST_REST) {
            target = e->u.spread.arg;
            depth = prepare_target(fd, target, decl, &ri, &prepared);
            if (depth < 0)
                goto done;
            wf_emit_op_u8(fd, OP_iterator_rest, (uint8_t)depth);
            if (store_target(fd, target, decl, &ri, prepared) < 0)
                goto done;
            continue;
        }
        target = e;
        if (e->kind == WF_AST_ASSIGN_PATTERN) {
            target = e->u.assign_pattern.target;
            def = e->u.assign_pattern.def;
        }
        depth = prepare_target(fd, target, decl, &ri, &prepared);
        if (depth < 0)
            goto done;
        wf_emit_pos(fd, e->line, e->col);
        wf_emit_op_u8(fd, OP_for_of_next, (uint8_t)depth);
        wf_emit_op(fd, OP_drop);            /* done */
        if (def && emit_default(fd, target, def) < 0)
            goto done;
        if (store_target(fd, target, decl, &ri, prepared) < 0)
            goto done;
    }
    wf_emit_op(fd, OP_iterator_close);
    ret = 0;
done:
    wf_block_pop(fd, &iter_blk);
    return ret;
}

static int emit_object_pattern(WFFuncDef *fd, WFAstNode *p, uint8_t decl)
{
    WFAstList *props = &p->u.object.props;
    int src, keys = -1, ktmp = -1, lok, ret = -1;
    uint32_t i;
    bool has_rest = props->count > 0 && props->items[props->count - 1]->kind == WF_AST_REST;

    /* RequireObjectCoercible(value) */
    lok = wf_new_label(fd);
    wf_emit_pos(fd, p->line, p->col);
    wf_emit_op(fd, OP_dup);
    wf_emit_op(fd, OP_is_undefined_or_null);
    wf_emit_jump(fd, OP_if_false, lok);
    wf_emit_op(fd, OP_to_object);       /* throws the TypeError */
    wf_emit_label(fd, lok);
    src = wf_temp_alloc(fd);
    if (src < 0)
        return -1;
    wf_emit_loc(fd, OP_put_loc, src);
    if (has_rest) {
        keys = wf_temp_alloc(fd);
        if (keys < 0)
            goto done;
        wf_emit_op_u16(fd, OP_array_from, 0);
        wf_emit_loc(fd, OP_put_loc, keys);
    }
    for (i = 0; i < props->count; i++) {
        WFAstNode *pr = props->items[i];
        WFAstNode *target, *def = NULL;
        WFRefInfo ri;
        bool prepared = false;
        JSAtom atom = JS_ATOM_NULL;
        if (pr->kind == WF_AST_REST) {
            WFAstNode *t = pr->u.spread.arg;
            if (prepare_target(fd, t, decl, &ri, &prepared) < 0)
                goto done;
            wf_emit_op(fd, OP_object);
            wf_emit_loc(fd, OP_get_loc, src);
            wf_emit_loc(fd, OP_get_loc, keys);
            wf_emit_op(fd, OP_copy_data_properties_excl);
            if (store_target(fd, t, decl, &ri, prepared) < 0)
                goto done;
            continue;
        }
        wf_emit_pos(fd, pr->line, pr->col);
        if (pr->u.prop.computed) {
            if (ktmp < 0) {
                ktmp = wf_temp_alloc(fd);
                if (ktmp < 0)
                    goto done;
            }
            if (wf_emit_expr(fd, pr->u.prop.key) < 0)
                goto done;
            wf_emit_op(fd, OP_to_propkey);
            wf_emit_loc(fd, OP_put_loc, ktmp);
            if (has_rest) {
                wf_emit_loc(fd, OP_get_loc, keys);
                wf_emit_loc(fd, OP_get_loc, ktmp);
                wf_emit_op(fd, OP_append_value);
                wf_emit_op(fd, OP_drop);
            }
        } else {
            atom = wf_prop_key_atom(fd->c, pr->u.prop.key);
            if (atom == JS_ATOM_NULL)
                goto done;
            if (has_rest) {
                wf_emit_loc(fd, OP_get_loc, keys);
                if (wf_atom_is_int(atom))
                    wf_emit_push_int(fd, (int32_t)wf_atom_to_uint(atom));
                else
                    wf_emit_push_atom(fd, atom);
                wf_emit_op(fd, OP_append_value);
                wf_emit_op(fd, OP_drop);
            }
        }
        target = pr->u.prop.value;
        if (target->kind == WF_AST_ASSIGN_PATTERN) {
            def = target->u.assign_pattern.def;
            target = target->u.assign_pattern.target;
        }
        if (prepare_target(fd, target, decl, &ri, &prepared) < 0) {
            wf_atom_free(fd->c->ctx->rt, atom);
            goto done;
        }
        wf_emit_loc(fd, OP_get_loc, src);
        if (pr->u.prop.computed) {
            wf_emit_loc(fd, OP_get_loc, ktmp);
            wf_emit_op(fd, OP_get_array_el);
        } else {
            wf_emit_field(fd, OP_get_field, atom);
            wf_atom_free(fd->c->ctx->rt, atom);
        }
        if (def && emit_default(fd, target, def) < 0)
            goto done;
        if (store_target(fd, target, decl, &ri, prepared) < 0)
            goto done;
    }
    ret = 0;
done:
    /* drop the references the temporaries hold */
    if (!fd->c->failed) {
        wf_emit_op(fd, OP_undefined);
        wf_emit_loc(fd, OP_put_loc, src);
        if (keys >= 0) {
            wf_emit_op(fd, OP_undefined);
            wf_emit_loc(fd, OP_put_loc, keys);
        }
    }
    wf_temp_free(fd, ktmp);
    wf_temp_free(fd, keys);
    wf_temp_free(fd, src);
    return ret;
}

static int emit_pattern(WFFuncDef *fd, WFAstNode *t, uint8_t decl)
{
    WFCompiler *c = fd->c;
    int ret;
    if (c->failed)
        return -1;
    if (++c->depth > WF_EMIT_MAX_DEPTH) {
        c->depth--;
        return wf_compile_error(c, t->line, t->col, "pattern nested too deeply");
    }
    switch (t->kind) {
    case WF_AST_IDENT:
        ret = store_target(fd, t, decl, NULL, false);
        break;
    case WF_AST_ARRAY_PATTERN:
        ret = emit_array_pattern(fd, t, decl);
        break;
    case WF_AST_OBJECT_PATTERN:
        ret = emit_object_pattern(fd, t, decl);
        break;
    case WF_AST_ASSIGN_PATTERN:
        ret = emit_default(fd, t->u.assign_pattern.target, t->u.assign_pattern.def);
        if (ret == 0)
            ret = emit_pattern(fd, t->u.assign_pattern.target, decl);
        break;
    case WF_AST_MEMBER:
    case WF_AST_SUPER_MEMBER: {
        /* a member target reached without preparation: evaluate the
           reference after the value (only used for for-in/of heads) */
        WFRefInfo ri;
        int n;
        if (wf_emit_ref_prepare(fd, t, &ri) < 0) {
            ret = -1;
            break;
        }
        n = ref_count(&ri);
        /* [v ref..] -> [ref.. v] */
        if (n == 1)
            wf_emit_op(fd, OP_swap);
        else if (n == 2)
            wf_emit_op(fd, OP_rot3l);
        else if (n == 3)
            wf_emit_op(fd, OP_rot4l);
        ret = wf_emit_ref_store(fd, &ri, false);
        break;
    }
    case WF_AST_CALL:
        if (fd->is_strict) {
            ret = wf_compile_error(c, t->line, t->col, "invalid destructuring target");
            break;
        }
        /* B.3.6: the call runs, then the store throws */
        wf_emit_op(fd, OP_drop);
        ret = wf_emit_expr_void(fd, t);
        if (ret == 0)
            ret = wf_emit_invalid_target(fd);
        break;
    default:
        ret = wf_compile_error(c, t->line, t->col, "invalid destructuring target");
        break;
    }
    c->depth--;
    return c->failed ? -1 : ret;
}

int wf_emit_binding(WFFuncDef *fd, WFAstNode *target, uint8_t decl)
{
    return emit_pattern(fd, target, decl);
}

int wf_emit_destructure(WFFuncDef *fd, WFAstNode *pattern, uint8_t decl, bool keep)
{
    if (keep)
        wf_emit_op(fd, OP_dup);
    return emit_pattern(fd, pattern, decl);
}

/* ---------------------------------------------------------------------- */
/* Functions                                                               */

static int add_special(WFFuncDef *fd, JSAtom name, uint8_t kind)
{
    int idx = wf_var_add(fd, 0, name, kind);
    if (idx >= 0)
        fd->vars[idx].initialized = true;
    return idx;
}

static bool func_is_methodlike(uint8_t kind)
{
    return kind == WF_FUNC_METHOD || kind == WF_FUNC_GETTER || kind == WF_FUNC_SETTER ||
           kind == WF_FUNC_CLASS_CONSTRUCTOR || kind == WF_FUNC_DERIVED_CONSTRUCTOR ||
           kind == WF_FUNC_FIELD_INIT || kind == WF_FUNC_STATIC_BLOCK;
}

/* Declares the var-scoped names of a function body (10.2.11 steps 27-28). */
static int declare_body_vars(WFFuncDef *fd, WFAstScope *vs)
{
    uint32_t i;
    for (i = 0; i < vs->count; i++) {
        WFAstDecl *d = &vs->decls[i];
        JSAtom name = wf_name_atom(fd->c, d->name);
        int idx, pidx;
        if (d->kind != WF_DECL_VAR && d->kind != WF_DECL_FUNCTION && d->kind != WF_DECL_ANNEXB_FUNC)
            continue;
        if (wf_scope_find(fd, fd->body_scope, name) >= 0)
            continue;
        if (fd->simple_params) {
            if (wf_arg_find(fd, name) >= 0)
                continue;
            if (name == JS_ATOM_arguments && fd->arguments_var >= 0)
                continue;
        }
        idx = wf_var_add(fd, fd->body_scope, name, WF_SLOT_NORMAL);
        if (idx < 0)
            return -1;
        fd->vars[idx].decl = d->kind;
        fd->vars[idx].initialized = true;
        if (!fd->simple_params && d->kind != WF_DECL_FUNCTION) {
            /* separate var environment: starts with the parameter's value */
            pidx = wf_scope_find(fd, 0, name);
            if (pidx >= 0) {
                wf_emit_loc(fd, OP_get_loc, pidx);
                wf_emit_loc(fd, OP_put_loc, idx);
            }
        }
    }
    return fd->c->failed ? -1 : 0;
}

static int declare_lexicals(WFFuncDef *fd, WFAstScope *ls)
{
    uint32_t i;
    for (i = 0; i < ls->count; i++) {
        WFAstDecl *d = &ls->decls[i];
        JSAtom name = wf_name_atom(fd->c, d->name);
        int idx;
        if (d->kind != WF_DECL_LET && d->kind != WF_DECL_CONST && d->kind != WF_DECL_CLASS)
            continue;
        if (wf_scope_find(fd, fd->body_scope, name) >= 0)
            continue;
        idx = wf_var_add(fd, fd->body_scope, name, WF_SLOT_NORMAL);
        if (idx < 0)
            return -1;
        fd->vars[idx].decl = d->kind;
        fd->vars[idx].is_lexical = true;
        fd->vars[idx].is_const = d->kind == WF_DECL_CONST;
        wf_emit_tdz_init(fd, idx);
    }
    return fd->c->failed ? -1 : 0;
}

/* Non-simple parameter lists: each parameter is a TDZ binding in scope 0,
   initialised in order from arg_buf (10.2.11 step 25-26). */
static int emit_params(WFFuncDef *fd)
{
    WFAstFunc *f = fd->ast;
    uint32_t i;
    for (i = 0; i < f->params.count; i++) {
        WFAstNode *p = f->params.items[i];
        wf_emit_pos(fd, p->line, p->col);
        if (p->kind == WF_AST_REST) {
            wf_emit_op_u16(fd, OP_rest, (uint16_t)i);
            if (emit_pattern(fd, p->u.spread.arg, WF_DECL_PARAM) < 0)
                return -1;
            continue;
        }
        wf_emit_arg(fd, OP_get_arg, (int)i);
        if (emit_pattern(fd, p, WF_DECL_PARAM) < 0)
            return -1;
    }
    return 0;
}

static uint8_t func_kind_code(WFAstFunc *f)
{
    if (f->is_generator)
        return f->is_async ? WF_FUNC_KIND_ASYNC_GENERATOR : WF_FUNC_KIND_GENERATOR;
    return f->is_async ? WF_FUNC_KIND_ASYNC : WF_FUNC_KIND_NORMAL;
}

int wf_emit_function_body(WFFuncDef *fd)
{
    WFAstFunc *f = fd->ast;
    WFCompiler *c = fd->c;
    bool non_arrow = !fd->is_arrow;
    bool eval_all = f->contains_direct_eval;
    uint32_t i;

    if (wf_scope_push(fd) < 0)          /* scope 0: parameters */
        return -1;
    /* parameters */
    if (fd->simple_params) {
        for (i = 0; i < f->params.count; i++) {
            WFAstNode *p = f->params.items[i];
            if (wf_arg_add(fd, wf_name_atom(c, p->u.ident.name)) < 0)
                return -1;
        }
    } else {
        for (i = 0; i < f->params.count; i++) {
            if (f->params.items[i]->kind == WF_AST_REST)
                break;
            if (wf_arg_add(fd, JS_ATOM_NULL) < 0)
                return -1;
        }
        for (i = 0; i < f->param_scope.count; i++) {
            WFAstDecl *d = &f->param_scope.decls[i];
            JSAtom name;
            int idx;
            if (d->kind != WF_DECL_PARAM)
                continue;
            name = wf_name_atom(c, d->name);
            if (wf_scope_find(fd, 0, name) >= 0)
                continue;
            idx = wf_var_add(fd, 0, name, WF_SLOT_NORMAL);
            if (idx < 0)
                return -1;
            fd->vars[idx].is_lexical = true;
            fd->vars[idx].decl = WF_DECL_PARAM;
        }
    }
    fd->defined_arg_count = (uint16_t)f->length;
    /* own name of a named function expression */
    if (f->is_named_expr && f->name) {
        int idx = wf_var_add(fd, -1, wf_name_atom(c, f->name), WF_SLOT_FUNC_NAME);
        if (idx < 0)
            return -1;
        fd->vars[idx].is_const = true;
        fd->vars[idx].initialized = true;
        fd->func_name_var = idx;
    }
    /* special bindings */
    if (non_arrow) {
        if (f->uses_this || eval_all || fd->is_class_ctor) {
            fd->this_var = add_special(fd, JS_ATOM_this, WF_SLOT_THIS);
            if (fd->this_var < 0)
                return -1;
            if (fd->is_derived_ctor) {
                fd->vars[fd->this_var].is_lexical = true;
                fd->vars[fd->this_var].initialized = false;
            }
        }
        if (f->uses_new_target || eval_all || (fd->is_derived_ctor && f->uses_super_call)) {
            fd->new_target_var = add_special(fd, JS_ATOM__new_target_, WF_SLOT_NEW_TARGET);
            if (fd->new_target_var < 0)
                return -1;
        }
        if ((f->uses_super_property || eval_all) && func_is_methodlike(f->kind)) {
            fd->home_object_var = add_special(fd, JS_ATOM__home_object_, WF_SLOT_HOME_OBJECT);
            if (fd->home_object_var < 0)
                return -1;
        }
        if (fd->is_derived_ctor && (f->uses_super_call || eval_all)) {
            fd->this_func_var = add_special(fd, JS_ATOM__this_active_func_, WF_SLOT_THIS_FUNC);
            if (fd->this_func_var < 0)
                return -1;
        }
        /* 10.2.11 steps 18-20: a parameter named arguments always wins; a
           function or lexical declaration named arguments only when there
           are no parameter expressions */
        bool param_named = false;
        for (i = 0; i < f->param_scope.count; i++) {
            if (f->param_scope.decls[i].kind == WF_DECL_PARAM &&
                wf_name_atom(c, f->param_scope.decls[i].name) == JS_ATOM_arguments)
                param_named = true;
        }
        if ((f->uses_arguments || eval_all) && !param_named &&
            !(f->args_is_param_or_lex && fd->simple_params) &&
            f->kind != WF_FUNC_FIELD_INIT && f->kind != WF_FUNC_STATIC_BLOCK) {
            fd->arguments_var = add_special(fd, JS_ATOM_arguments, WF_SLOT_ARGUMENTS);
            if (fd->arguments_var < 0)
                return -1;
        }
    }
    if (f->has_direct_eval && !fd->is_strict) {
        fd->eval_var_obj_var = wf_var_add(fd, -1, JS_ATOM__var_, WF_SLOT_EVAL_VAR_OBJ);
        if (fd->eval_var_obj_var < 0)
            return -1;
        fd->vars[fd->eval_var_obj_var].initialized = true;
    }
    if (f->has_direct_eval && wf_scope_capture_all(fd) < 0)
        return -1;

    /* prologue */
    wf_emit_pos(fd, fd->line, fd->col);
    if (fd->this_var >= 0) {
        if (fd->is_derived_ctor) {
            wf_emit_op_u16(fd, OP_set_loc_uninitialized, (uint16_t)fd->this_var);
        } else {
            uint32_t pos = fd->code.len;
            wf_emit_op(fd, OP_push_this);
            wf_emit_loc(fd, OP_put_loc, fd->this_var);
            /* strict code reads `this` with push_this; the slot is only for
               closures and eval */
            if (fd->is_strict)
                wf_opt_site(fd, pos, (int)(fd->code.len - pos), fd->this_var);
        }
    }
    if (fd->new_target_var >= 0) {
        wf_emit_op_u8(fd, OP_special_object, WF_SPECIAL_NEW_TARGET);
        wf_emit_loc(fd, OP_put_loc, fd->new_target_var);
    }
    if (fd->home_object_var >= 0) {
        wf_emit_op_u8(fd, OP_special_object, WF_SPECIAL_HOME_OBJECT);
        wf_emit_loc(fd, OP_put_loc, fd->home_object_var);
    }
    if (fd->this_func_var >= 0) {
        wf_emit_op_u8(fd, OP_special_object, WF_SPECIAL_THIS_FUNC);
        wf_emit_loc(fd, OP_put_loc, fd->this_func_var);
    }
    if (fd->func_name_var >= 0) {
        wf_emit_op_u8(fd, OP_special_object, WF_SPECIAL_THIS_FUNC);
        wf_emit_loc(fd, OP_put_loc, fd->func_name_var);
    }
    if (fd->arguments_var >= 0) {
        wf_emit_op_u8(fd, OP_special_object,
                      (!fd->is_strict && fd->simple_params) ? WF_SPECIAL_MAPPED_ARGUMENTS :
                      WF_SPECIAL_ARGUMENTS);
        wf_emit_loc(fd, OP_put_loc, fd->arguments_var);
    }
    if (fd->eval_var_obj_var >= 0) {
        wf_emit_op_u8(fd, OP_special_object, WF_SPECIAL_VAR_OBJECT);
        wf_emit_loc(fd, OP_put_loc, fd->eval_var_obj_var);
    }
    if (!fd->simple_params) {
        /* parameter bindings start in their TDZ */
        int k;
        for (k = fd->scopes[0].first; k >= 0; k = fd->vars[k].scope_next) {
            if (fd->vars[k].decl == WF_DECL_PARAM)
                wf_emit_tdz_init(fd, k);
        }
        if (emit_params(fd) < 0)
            return -1;
    }

    /* body */
    fd->body_scope = wf_scope_push(fd);
    if (fd->body_scope < 0)
        return -1;
    if (declare_body_vars(fd, &f->var_scope) < 0)
        return -1;
    if (declare_lexicals(fd, &f->lex_scope) < 0)
        return -1;
    if (wf_emit_hoisted_functions(fd, &f->var_scope, false) < 0)
        return -1;
    if (fd->func_kind == WF_FUNC_KIND_GENERATOR || fd->func_kind == WF_FUNC_KIND_ASYNC_GENERATOR)
        wf_emit_op(fd, OP_initial_yield);
    if (fd->is_class_ctor && !fd->is_derived_ctor && f->home_class &&
        f->home_class->has_instance_fields && wf_emit_ctor_prologue_fields(fd) < 0)
        return -1;
    if (wf_emit_stmt_list(fd, &f->body) < 0)
        return -1;
    if (!wf_emit_is_dead(fd)) {
        if (fd->is_derived_ctor) {
            wf_emit_op_u16(fd, OP_get_loc_checkthis, (uint16_t)fd->this_var);
            wf_emit_op(fd, OP_return);
        } else {
            wf_emit_op(fd, OP_return_undef);
        }
    }
    return c->failed ? -1 : 0;
}

JSValue wf_compile_func_ast(WFCompiler *c, WFFuncDef *parent, WFAstFunc *f, JSAtom name)
{
    WFFuncDef *fd;
    JSValue v;
    fd = wf_fd_new(c, parent, f);
    if (!fd)
        return JS_EXCEPTION;
    fd->line = parent ? parent->cur_line : 1;
    fd->col = parent ? parent->cur_col : 1;
    fd->code_kind = WF_CODE_FUNCTION;
    fd->func_kind = func_kind_code(f);
    fd->is_strict = f->strict;
    fd->is_arrow = f->kind == WF_FUNC_ARROW;
    fd->is_method = f->kind == WF_FUNC_METHOD || f->kind == WF_FUNC_GETTER ||
                    f->kind == WF_FUNC_SETTER || f->kind == WF_FUNC_FIELD_INIT ||
                    f->kind == WF_FUNC_STATIC_BLOCK;
    fd->is_class_ctor = f->kind == WF_FUNC_CLASS_CONSTRUCTOR ||
                        f->kind == WF_FUNC_DERIVED_CONSTRUCTOR;
    fd->is_derived_ctor = f->kind == WF_FUNC_DERIVED_CONSTRUCTOR;
    fd->is_field_init = f->kind == WF_FUNC_FIELD_INIT || f->kind == WF_FUNC_STATIC_BLOCK;
    fd->has_this_binding = !fd->is_arrow;
    fd->simple_params = f->has_simple_params;
    fd->has_eval_call = f->has_direct_eval;
    fd->contains_eval = f->contains_direct_eval;
    fd->needs_home_object = f->uses_super_property || f->uses_super_call;
    fd->arguments_allowed = f->kind != WF_FUNC_FIELD_INIT && f->kind != WF_FUNC_STATIC_BLOCK;
    fd->new_target_allowed = !fd->is_arrow;
    fd->super_allowed = func_is_methodlike(f->kind);
    fd->super_call_allowed = fd->is_derived_ctor;
    if (fd->is_arrow && parent) {
        /* arrows see the enclosing function's new.target, super, arguments */
        fd->new_target_allowed = parent->new_target_allowed;
        fd->super_allowed = parent->super_allowed;
        fd->super_call_allowed = parent->super_call_allowed;
        fd->arguments_allowed = parent->arguments_allowed;
    }
    fd->src_start = f->src_start;
    fd->src_end = f->src_end;
    if (f->name)
        fd->func_name = wf_atom_dup(c->ctx->rt, wf_name_atom(c, f->name));
    else if (name != JS_ATOM_NULL)
        fd->func_name = wf_atom_dup(c->ctx->rt, name);
    fd->cur_line = fd->line;
    fd->cur_col = fd->col;
    if (wf_emit_function_body(fd) < 0) {
        wf_fd_free(fd);
        return JS_EXCEPTION;
    }
    v = wf_fd_finish(fd);
    wf_fd_free(fd);
    return v;
}

int wf_emit_function(WFFuncDef *fd, WFAstFunc *f, JSAtom name)
{
    JSValue v = wf_compile_func_ast(fd->c, fd, f, name);
    int idx;
    if (JS_IsException(v))
        return -1;
    idx = wf_cpool_add(fd, v);
    if (idx < 0)
        return -1;
    wf_emit_op_u32(fd, OP_fclosure, (uint32_t)idx);
    return 0;
}
