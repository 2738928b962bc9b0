/*
 * parse_func.c - functions, arrows, methods, classes (ECMA-262 2025 15.1-
 * 15.9), modules (16.2), the Program entry points and CreateDynamicFunction
 * (20.2.1.1.1).
 *
 * Owns the function-level early errors: parameter lists, "use strict"
 * with non-simple parameters, private names, class element rules, and
 * import/export name rules.
 */
#include <string.h>

#include "engine/parse_int.h"

/* ---------------------------------------------------------------------- */
/* Parameters and bodies                                                   */

static WFAstFunc *new_func(Parser *p, uint8_t kind, bool is_async, bool is_gen)
{
    WFAstFunc *f = wf_p_alloc(p, sizeof(WFAstFunc));
    if (!f)
        return NULL;
    f->kind = kind;
    f->is_async = is_async;
    f->is_generator = is_gen;
    f->has_simple_params = true;
    return f;
}

static void set_modes(PFunc *fc, bool is_async, bool is_gen)
{
    fc->yield_mode = is_gen ? KW_OP : KW_IDENT;
    fc->await_mode = is_async ? KW_OP : KW_IDENT;
}

/* Validates the parameter names: duplicates, strict-mode names.
   unique: duplicates are always errors (arrow, method, non-simple). */
static bool check_params(Parser *p, PFunc *fc, bool unique)
{
    WFAstFunc *f = fc->f;
    DeclVec seen = {0};
    if (!f->has_simple_params || fc->strict)
        unique = true;
    for (uint32_t i = 0; i < fc->params.count; i++) {
        WFAstDecl *d = &fc->params.items[i];
        if (fc->strict) {
            if (d->name == p->n_eval || d->name == p->n_arguments)
                return wf_p_error_at(p, d->line, d->col,
                                     "'%s' cannot be a parameter name in "
                                     "strict mode", d->name->str);
            if (wf_p_is_strict_reserved(p, d->name))
                return wf_p_error_at(p, d->line, d->col,
                                     "'%s' is a reserved word in strict mode",
                                     d->name->str);
        }
        if (unique) {
            if (wf_p_decl_find(&seen, d->name))
                return wf_p_error_at(p, d->line, d->col,
                                     "duplicate parameter name '%s'",
                                     d->name->str);
            TRYB(wf_p_decl_add(p, &seen, d->name, 0, NULL, 0, 0));
        }
    }
    return true;
}

static bool finish_params(Parser *p, PFunc *fc, NodeVec *params)
{
    WFAstFunc *f = fc->f;
    bool counting = true;
    f->params = wf_p_vec_list(params);
    f->length = 0;
    for (uint32_t i = 0; i < params->count; i++) {
        WFAstNode *pa = params->items[i];
        if (pa->kind != WF_AST_IDENT)
            f->has_simple_params = false;
        if (pa->kind == WF_AST_ASSIGN_PATTERN || pa->kind == WF_AST_REST)
            counting = false;
        if (counting)
            f->length++;
        TRYB(wf_p_collect_bound_names(p, pa, &fc->params, WF_DECL_PARAM,
                                      NULL));
    }
    f->param_scope = wf_p_decl_scope(&fc->params);
    return true;
}

/* '(' params ')' */
static bool formal_params(Parser *p, PFunc *fc, uint8_t fkind)
{
    NodeVec v = {0};
    TRYB(wf_p_expect(p, TOK_LPAREN));
    fc->in_params = true;
    if (fkind == WF_FUNC_GETTER) {
        if (p->tok.type != TOK_RPAREN)
            return wf_p_error(p, "getter must not have parameters");
    }
    while (p->tok.type != TOK_RPAREN) {
        WFAstNode *e;
        if (p->tok.type == TOK_ELLIPSIS) {
            if (fkind == WF_FUNC_SETTER)
                return wf_p_error(p, "setter cannot have a rest parameter");
            TRYB(e = wf_p_node_tok(p, WF_AST_REST));
            TRYB(wf_p_next(p));
            TRYB(e->u.spread.arg = wf_p_binding_target(p));
            TRYB(wf_p_vec_push(p, &v, e));
            if (p->tok.type != TOK_RPAREN)
                return wf_p_error(p, "rest parameter must be last");
            break;
        }
        TRYB(e = wf_p_binding_element(p));
        TRYB(wf_p_vec_push(p, &v, e));
        if (p->tok.type != TOK_RPAREN) {
            TRYB(wf_p_expect(p, TOK_COMMA));
            if (fkind == WF_FUNC_SETTER)
                return wf_p_error(p, "setter must have exactly one parameter");
        }
    }
    if (fkind == WF_FUNC_SETTER && v.count != 1)
        return wf_p_error(p, "setter must have exactly one parameter");
    fc->in_params = false;
    TRYB(wf_p_next(p));
    return finish_params(p, fc, &v);
}

/* '{' FunctionBody '}' ; then the retroactive strict checks */
static bool function_body(Parser *p, PFunc *fc, bool unique_params)
{
    NodeVec body = {0};
    WFAstFunc *f = fc->f;
    TRYB(check_params(p, fc, unique_params));
    if (p->tok.type != TOK_LBRACE)
        return wf_p_unexpected(p);
    TRYB(wf_p_next(p));
    TRYB(wf_p_statement_list(p, &body, TOK_RBRACE, true));
    f->body = wf_p_vec_list(&body);
    if (f->has_use_strict)
        TRYB(check_params(p, fc, unique_params));
    f->strict = fc->strict;
    return true;
}

/* ---------------------------------------------------------------------- */
/* Functions                                                               */

WFAstNode *wf_p_function(Parser *p, int how, bool is_async, uint32_t start,
                         int line, int col)
{
    WFAstFunc *f;
    WFAstNode *n, *id = NULL;
    PFunc fc;
    PScope top;
    bool is_gen = false;
    TokPos nt;

    TRYN(wf_p_next(p));     /* 'function' */
    if (p->tok.type == TOK_STAR) {
        is_gen = true;
        TRYN(wf_p_next(p));
    }
    TRYN(f = new_func(p, WF_FUNC_NORMAL, is_async, is_gen));
    TRYN(n = wf_p_node(p, (how & FN_DECL) ? WF_AST_FUNC_DECL : WF_AST_FUNC_EXPR,
                       line, col));
    n->u.func.func = f;
    f->src_start = start;
    nt = wf_tok_pos(&p->tok);
    if (p->tok.type == TOK_IDENT) {
        TRYN(id = wf_p_node_tok(p, WF_AST_IDENT));
        id->u.ident.name = p->tok.name;
        id->u.ident.escaped = p->tok.escaped;
        f->name = p->tok.name;
        f->id = id;
        if (how & FN_DECL) {
            TRYN(wf_p_check_binding_ident(p, nt.name, nt.escaped, nt.line,
                                          nt.col));
            TRYN(wf_p_declare(p, nt.name, WF_DECL_FUNCTION, n, nt.line,
                              nt.col, !is_async && !is_gen));
        }
        TRYN(wf_p_next(p));
    } else if ((how & FN_DECL) && !(how & FN_DEFAULT)) {
        wf_p_unexpected(p);
        return NULL;
    }
    wf_p_push_func(p, &fc, f, &top);
    set_modes(&fc, is_async, is_gen);
    if (id && !(how & FN_DECL)) {
        f->is_named_expr = true;
        if (!wf_p_check_binding_ident(p, nt.name, nt.escaped, nt.line,
                                      nt.col))
            goto fail;
    }
    if (!formal_params(p, &fc, WF_FUNC_NORMAL) ||
        !function_body(p, &fc, false))
        goto fail;
    if (id && f->has_use_strict) {
        /* the name is checked against the function's own strictness */
        if (!wf_p_check_binding_ident(p, nt.name, nt.escaped, nt.line,
                                      nt.col))
            goto fail;
    }
    f->src_end = p->tok.end;
    wf_p_pop_func(p, &fc);
    TRYN(wf_p_next(p));     /* '}' */
    return n;
fail:
    p->fn = fc.up;
    p->scope = top.up;
    return NULL;
}

WFAstNode *wf_p_method(Parser *p, uint8_t fkind, bool is_async, bool is_gen,
                       uint32_t start, int line, int col, WFAstClass *home,
                       bool is_static)
{
    WFAstFunc *f;
    WFAstNode *n;
    PFunc fc;
    PScope top;

    TRYN(f = new_func(p, fkind, is_async, is_gen));
    TRYN(n = wf_p_node(p, WF_AST_FUNC_EXPR, line, col));
    n->u.func.func = f;
    f->src_start = start;
    f->home_class = home;
    f->is_static = is_static;
    wf_p_push_func(p, &fc, f, &top);
    set_modes(&fc, is_async, is_gen);
    if (!formal_params(p, &fc, fkind) || !function_body(p, &fc, true))
        goto fail;
    f->src_end = p->tok.end;
    wf_p_pop_func(p, &fc);
    TRYN(wf_p_next(p));
    return n;
fail:
    p->fn = fc.up;
    p->scope = top.up;
    return NULL;
}

/* Functions inside arrow parameters were parsed before the arrow existed;
   make the arrow their parent. */
typedef struct Reparent {
    WFAstFunc *from, *to;
} Reparent;

static bool reparent_visit(void *opaque, WFAstNode **slot)
{
    Reparent *r = opaque;
    WFAstNode *n = *slot;
    if (n->kind == WF_AST_FUNC_DECL || n->kind == WF_AST_FUNC_EXPR ||
        n->kind == WF_AST_ARROW) {
        if (n->u.func.func->parent == r->from)
            n->u.func.func->parent = r->to;
        return true;
    }
    return wf_ast_for_each_child(n, reparent_visit, opaque);
}

WFAstNode *wf_p_arrow(Parser *p, NodeVec *params, bool is_async,
                      uint32_t start, int line, int col, int flags,
                      uint32_t cover_this, uint32_t cover_args,
                      uint32_t cover_eval, uint32_t cover_sp,
                      uint32_t cover_sc, uint32_t cover_nt)
{
    WFAstFunc *f;
    WFAstNode *n;
    PFunc fc;
    PScope top;

    TRYN(f = new_func(p, WF_FUNC_ARROW, is_async, false));
    TRYN(n = wf_p_node(p, WF_AST_ARROW, line, col));
    n->u.func.func = f;
    f->src_start = start;
    if (p->c_this > cover_this)
        f->uses_this = true;
    if (p->c_args > cover_args)
        f->uses_arguments = true;
    if (p->c_eval > cover_eval)
        f->has_direct_eval = f->contains_direct_eval = true;
    if (p->c_superprop > cover_sp)
        f->uses_super_property = true;
    if (p->c_supercall > cover_sc)
        f->uses_super_call = true;
    if (p->c_newtarget > cover_nt)
        f->uses_new_target = true;
    {
        Reparent r;
        r.from = p->fn->f;
        r.to = f;
        for (uint32_t i = 0; i < params->count; i++)
            reparent_visit(&r, &params->items[i]);
    }
    wf_p_push_func(p, &fc, f, &top);
    fc.yield_mode = KW_IDENT;
    fc.await_mode = is_async ? KW_OP : KW_IDENT;
    if (!finish_params(p, &fc, params))
        goto fail;
    /* names bound by the parameters, checked in the arrow's own context
       (async arrows reserve `await`) */
    for (uint32_t i = 0; i < fc.params.count; i++) {
        WFAstDecl *d = &fc.params.items[i];
        if (!wf_p_check_binding_ident(p, d->name, false, d->line, d->col))
            goto fail;
    }
    if (p->tok.type != TOK_ARROW) {
        wf_p_unexpected(p);
        goto fail;
    }
    if (!wf_p_next(p))
        goto fail;
    if (p->tok.type == TOK_LBRACE) {
        if (!function_body(p, &fc, true))
            goto fail;
        f->src_end = p->tok.end;
        wf_p_pop_func(p, &fc);
        TRYN(wf_p_next(p));
    } else {
        WFAstNode *e, *r;
        NodeVec body = {0};
        if (!check_params(p, &fc, true))
            goto fail;
        if (!(e = wf_p_assign(p, flags & PF_NO_IN)))
            goto fail;
        if (!(r = wf_p_node(p, WF_AST_RETURN, e->line, e->col)))
            goto fail;
        r->u.ret.arg = e;
        if (!wf_p_vec_push(p, &body, r))
            goto fail;
        f->body = wf_p_vec_list(&body);
        f->is_expr_body = true;
        f->strict = fc.strict;
        f->src_end = p->prev_end;
        wf_p_pop_func(p, &fc);
    }
    return n;
fail:
    p->fn = fc.up;
    p->scope = top.up;
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Classes                                                                 */

static bool declare_private(Parser *p, PClass *pc, WFAstName *name,
                            uint8_t kind, bool is_static, WFAstNode *member,
                            int line, int col)
{
    WFAstDecl *d = wf_p_decl_find(&pc->names, name);
    if (d) {
        if (d->is_static == is_static &&
            ((d->kind == WF_DECL_PRIVATE_GETTER &&
              kind == WF_DECL_PRIVATE_SETTER) ||
             (d->kind == WF_DECL_PRIVATE_SETTER &&
              kind == WF_DECL_PRIVATE_GETTER))) {
            d->kind = WF_DECL_PRIVATE_ACCESSOR;
            return true;
        }
        return wf_p_error_at(p, line, col, "duplicate private name '%s'",
                             name->str);
    }
    TRYB(d = wf_p_decl_add(p, &pc->names, name, kind, member, line, col));
    d->is_static = is_static;
    return true;
}

void wf_p_private_ref(Parser *p, WFAstName *name, int line, int col)
{
    PClass *pc = p->cls;
    if (!pc) {
        if (p->opt->private_name_visible &&
            p->opt->private_name_visible(p->opt->opaque, name->str, name->len))
            return;
        wf_p_error_at(p, line, col, "undeclared private name '%s'", name->str);
        return;
    }
    if (pc->nrefs >= pc->refs_cap) {
        uint32_t ncap = pc->refs_cap ? pc->refs_cap * 2 : 8;
        PrivRef *nr = wf_p_alloc(p, ncap * sizeof(*nr));
        if (!nr)
            return;
        if (pc->nrefs)
            memcpy(nr, pc->refs, pc->nrefs * sizeof(*nr));
        pc->refs = nr;
        pc->refs_cap = ncap;
    }
    pc->refs[pc->nrefs].name = name;
    pc->refs[pc->nrefs].line = line;
    pc->refs[pc->nrefs].col = col;
    pc->nrefs++;
}

static bool resolve_private_refs(Parser *p, PClass *pc)
{
    PClass *saved = p->cls;
    p->cls = pc->up;
    for (uint32_t i = 0; i < pc->nrefs && !p->failed; i++) {
        PrivRef *r = &pc->refs[i];
        if (!wf_p_decl_find(&pc->names, r->name))
            wf_p_private_ref(p, r->name, r->line, r->col);
    }
    p->cls = saved;
    return !p->failed;
}

static bool key_is(const WFAstNode *key, bool computed, const char *s,
                   WFAstName *name)
{
    size_t n = strlen(s);
    if (computed || !key)
        return false;
    if (key->kind == WF_AST_IDENT)
        return key->u.ident.name == name;
    if (key->kind == WF_AST_STRING) {
        const WFAstStr *st = &key->u.str.str;
        if (st->len != n || st->wide)
            return false;
        return !memcmp(st->u.s8, s, n);
    }
    return false;
}

static bool is_elem_name_end(int t)
{
    return t == TOK_LPAREN || t == TOK_ASSIGN || t == TOK_SEMI ||
           t == TOK_RBRACE;
}

static bool is_key_start2(const WFToken *t)
{
    return t->type == TOK_IDENT || t->type >= TOK_FIRST_KEYWORD ||
           t->type == TOK_STRING || t->type == TOK_NUMBER ||
           t->type == TOK_BIGINT || t->type == TOK_LBRACKET ||
           t->type == TOK_PRIVATE;
}

static WFAstNode *static_block(Parser *p, WFAstClass *cls, uint32_t start,
                               int line, int col)
{
    WFAstFunc *f;
    WFAstNode *n, *fn;
    PFunc fc;
    PScope top;
    NodeVec body = {0};

    TRYN(f = new_func(p, WF_FUNC_STATIC_BLOCK, false, false));
    TRYN(n = wf_p_node(p, WF_AST_CLASS_MEMBER, line, col));
    TRYN(fn = wf_p_node(p, WF_AST_FUNC_EXPR, line, col));
    fn->u.func.func = f;
    n->u.member_def.kind = WF_CM_STATIC_BLOCK;
    n->u.member_def.is_static = true;
    n->u.member_def.value = fn;
    f->home_class = cls;
    f->is_static = true;
    f->src_start = start;
    TRYN(wf_p_next(p));     /* '{' */
    wf_p_push_func(p, &fc, f, &top);
    fc.yield_mode = KW_IDENT;
    fc.await_mode = KW_ERR;
    if (!wf_p_statement_list(p, &body, TOK_RBRACE, false)) {
        p->fn = fc.up;
        p->scope = top.up;
        return NULL;
    }
    f->body = wf_p_vec_list(&body);
    f->strict = true;
    f->src_end = p->tok.end;
    wf_p_pop_func(p, &fc);
    TRYN(wf_p_next(p));
    return n;
}

static WFAstNode *field_init(Parser *p, WFAstClass *cls, bool is_static,
                             uint32_t start, int line, int col)
{
    WFAstFunc *f;
    WFAstNode *fn, *e, *r;
    PFunc fc;
    PScope top;
    NodeVec body = {0};
    uint8_t ym = p->fn->yield_mode != KW_IDENT ? KW_ERR : KW_IDENT;
    uint8_t am = p->fn->await_mode != KW_IDENT ? KW_ERR : KW_IDENT;

    TRYN(f = new_func(p, WF_FUNC_FIELD_INIT, false, false));
    TRYN(fn = wf_p_node(p, WF_AST_FUNC_EXPR, line, col));
    fn->u.func.func = f;
    f->home_class = cls;
    f->is_static = is_static;
    f->src_start = start;
    f->is_expr_body = true;
    wf_p_push_func(p, &fc, f, &top);
    fc.yield_mode = ym;
    fc.await_mode = am;
    if (!(e = wf_p_assign(p, 0)) ||
        !(r = wf_p_node(p, WF_AST_RETURN, e->line, e->col)) ||
        !wf_p_vec_push(p, &body, r)) {
        p->fn = fc.up;
        p->scope = top.up;
        return NULL;
    }
    r->u.ret.arg = e;
    f->body = wf_p_vec_list(&body);
    f->strict = true;
    f->src_end = p->prev_end;
    wf_p_pop_func(p, &fc);
    return fn;
}

static bool class_element(Parser *p, WFAstClass *cls, PClass *pc,
                          NodeVec *members, bool derived)
{
    WFAstNode *m, *key;
    const WFToken *pk;
    bool is_static = false, is_async = false, is_gen = false, computed;
    uint8_t kind = WF_CM_METHOD;
    uint32_t start = p->tok.start;
    int line = p->tok.line, col = p->tok.col;

    if (wf_p_is_name(p, p->n_static)) {
        pk = wf_p_peek(p);
        if (!is_elem_name_end(pk->type)) {
            is_static = true;
            TRYB(wf_p_next(p));
            if (p->tok.type == TOK_LBRACE) {
                TRYB(m = static_block(p, cls, start, line, col));
                return wf_p_vec_push(p, members, m);
            }
            start = p->tok.start;
        }
    }
    if (wf_p_is_name(p, p->n_async)) {
        pk = wf_p_peek(p);
        if (!pk->nl_before && (is_key_start2(pk) || pk->type == TOK_STAR)) {
            is_async = true;
            TRYB(wf_p_next(p));
        }
    }
    if (p->tok.type == TOK_STAR) {
        is_gen = true;
        TRYB(wf_p_next(p));
    }
    if (!is_async && !is_gen &&
        (wf_p_is_name(p, p->n_get) || wf_p_is_name(p, p->n_set))) {
        pk = wf_p_peek(p);
        if (is_key_start2(pk)) {
            kind = p->tok.name == p->n_get ? WF_CM_GETTER : WF_CM_SETTER;
            TRYB(wf_p_next(p));
        }
    }
    int kline = p->tok.line, kcol = p->tok.col;
    TRYB(key = wf_p_property_key(p, &computed, true));
    TRYB(m = wf_p_node(p, WF_AST_CLASS_MEMBER, line, col));
    m->u.member_def.is_static = is_static;
    m->u.member_def.computed = computed;
    m->u.member_def.key = key;

    if (p->tok.type == TOK_LPAREN || is_async || is_gen ||
        kind != WF_CM_METHOD) {
        uint8_t fk = kind == WF_CM_GETTER   ? WF_FUNC_GETTER
                     : kind == WF_CM_SETTER ? WF_FUNC_SETTER
                                            : WF_FUNC_METHOD;
        bool is_ctor = !is_static &&
                       key_is(key, computed, "constructor", p->n_constructor);
        if (is_ctor) {
            if (kind != WF_CM_METHOD || is_async || is_gen)
                return wf_p_error_at(p, kline, kcol,
                                     "class constructor may not be a special "
                                     "method");
            if (cls->constructor)
                return wf_p_error_at(p, kline, kcol,
                                     "duplicate class constructor");
            fk = derived ? WF_FUNC_DERIVED_CONSTRUCTOR
                         : WF_FUNC_CLASS_CONSTRUCTOR;
        }
        if (is_static && key_is(key, computed, "prototype", p->n_prototype))
            return wf_p_error_at(p, kline, kcol,
                                 "classes may not have a static property "
                                 "named 'prototype'");
        if (key->kind == WF_AST_PRIVATE_NAME)
            TRYB(declare_private(p, pc, key->u.private_name.name,
                                 kind == WF_CM_GETTER   ? WF_DECL_PRIVATE_GETTER
                                 : kind == WF_CM_SETTER ? WF_DECL_PRIVATE_SETTER
                                                        : WF_DECL_PRIVATE_METHOD,
                                 is_static, m, kline, kcol));
        TRYB(m->u.member_def.value = wf_p_method(p, fk, is_async, is_gen, start,
                                                 line, col, cls, is_static));
        m->u.member_def.value->u.func.func->is_computed_key = computed;
        m->u.member_def.kind = kind;
        if (is_ctor) {
            cls->constructor = m->u.member_def.value;
            return true;
        }
        if (key->kind == WF_AST_PRIVATE_NAME && !is_static)
            cls->has_instance_fields = true;
        return wf_p_vec_push(p, members, m);
    }

    /* field */
    if (key_is(key, computed, "constructor", p->n_constructor))
        return wf_p_error_at(p, kline, kcol,
                             "classes may not have a field named "
                             "'constructor'");
    if (is_static && key_is(key, computed, "prototype", p->n_prototype))
        return wf_p_error_at(p, kline, kcol,
                             "classes may not have a static field named "
                             "'prototype'");
    if (key->kind == WF_AST_PRIVATE_NAME)
        TRYB(declare_private(p, pc, key->u.private_name.name,
                             WF_DECL_PRIVATE_FIELD, is_static, m, kline, kcol));
    m->u.member_def.kind = WF_CM_FIELD;
    if (!is_static)
        cls->has_instance_fields = true;
    if (p->tok.type == TOK_ASSIGN) {
        TRYB(wf_p_next(p));
        TRYB(m->u.member_def.value =
                 field_init(p, cls, is_static, start, line, col));
    }
    TRYB(wf_p_semicolon(p));
    return wf_p_vec_push(p, members, m);
}

WFAstNode *wf_p_class(Parser *p, bool is_decl, bool name_optional)
{
    WFAstClass *cls;
    WFAstNode *n;
    PScope sc;
    PClass pc;
    NodeVec members = {0};
    bool saved_strict = p->fn->strict;
    uint32_t start = p->tok.start;
    bool ok = false;

    TRYN(cls = wf_p_alloc(p, sizeof(*cls)));
    TRYN(n = wf_p_node_tok(p, is_decl ? WF_AST_CLASS_DECL : WF_AST_CLASS_EXPR));
    n->u.cls.cls = cls;
    cls->src_start = start;
    TRYN(wf_p_next(p));
    p->fn->strict = true;
    memset(&pc, 0, sizeof(pc));
    wf_p_push_scope(p, &sc, SC_CLASS);
    if (p->tok.type == TOK_IDENT) {
        TokPos t = wf_tok_pos(&p->tok);
        if (!wf_p_check_binding_ident(p, t.name, t.escaped, t.line, t.col))
            goto out;
        if (t.name == p->n_let) {
            wf_p_error(p, "'let' cannot be a class name");
            goto out;
        }
        if (!(cls->id = wf_p_node_tok(p, WF_AST_IDENT)))
            goto out;
        cls->id->u.ident.name = t.name;
        cls->id->u.ident.escaped = t.escaped;
        cls->name = t.name;
        if (is_decl) {
            /* the outer binding lives in the enclosing scope */
            PScope *inner = p->scope;
            p->scope = inner->up;
            p->scope_depth--;
            ok = wf_p_declare(p, t.name, WF_DECL_CLASS, n, t.line, t.col,
                              false);
            p->scope = inner;
            p->scope_depth++;
            if (!ok)
                goto out;
            ok = false;
        }
        if (!wf_p_decl_add(p, &sc.lex, t.name, WF_DECL_CLASS_INNER, n, t.line,
                           t.col))
            goto out;
        if (!wf_p_next(p))
            goto out;
    } else if (is_decl && !name_optional) {
        wf_p_unexpected(p);
        goto out;
    }
    if (p->tok.type == TOK_EXTENDS) {
        if (!wf_p_next(p) || !(cls->superclass = wf_p_lhs(p)))
            goto out;
    }
    pc.up = p->cls;
    pc.cls = cls;
    p->cls = &pc;
    if (!wf_p_expect(p, TOK_LBRACE))
        goto out_cls;
    while (p->tok.type != TOK_RBRACE) {
        if (p->tok.type == TOK_SEMI) {
            if (!wf_p_next(p))
                goto out_cls;
            continue;
        }
        if (p->tok.type == TOK_EOF) {
            wf_p_unexpected(p);
            goto out_cls;
        }
        if (!wf_p_enter(p))
            goto out_cls;
        ok = class_element(p, cls, &pc, &members, cls->superclass != NULL);
        wf_p_leave(p);
        if (!ok)
            goto out_cls;
        ok = false;
    }
    cls->members = wf_p_vec_list(&members);
    cls->private_names = wf_p_decl_scope(&pc.names);
    cls->src_end = p->tok.end;
    p->cls = pc.up;
    if (!resolve_private_refs(p, &pc))
        goto out;
    if (!wf_p_next(p))
        goto out;
    ok = true;
    goto out;
out_cls:
    p->cls = pc.up;
out:
    wf_p_pop_scope(p, &sc);
    cls->scope = wf_p_decl_scope(&sc.lex);
    p->fn->strict = saved_strict;
    return ok ? n : NULL;
}

/* ---------------------------------------------------------------------- */
/* Modules                                                                 */

/* string literal -> module export name (must be well-formed Unicode) */
static WFAstName *str_to_name(Parser *p, const WFAstStr *s, int line, int col)
{
    char *buf;
    size_t n = 0;
    WFAstName *name;
    TRYN(buf = wf_p_alloc(p, (size_t)s->len * 3 + 1));
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = s->wide ? s->u.s16[i] : s->u.s8[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s->len && s->wide &&
            s->u.s16[i + 1] >= 0xDC00 && s->u.s16[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s->u.s16[i + 1] - 0xDC00);
            i++;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            wf_p_error_at(p, line, col,
                          "module export name must be well-formed Unicode");
            return NULL;
        }
        if (c < 0x80) {
            buf[n++] = (char)c;
        } else if (c < 0x800) {
            buf[n++] = (char)(0xC0 | (c >> 6));
            buf[n++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            buf[n++] = (char)(0xE0 | (c >> 12));
            buf[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[n++] = (char)(0x80 | (c & 0x3F));
        } else {
            buf[n++] = (char)(0xF0 | (c >> 18));
            buf[n++] = (char)(0x80 | ((c >> 12) & 0x3F));
            buf[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[n++] = (char)(0x80 | (c & 0x3F));
        }
    }
    name = wf_ast_intern(p->arena, buf, n);
    if (!name)
        wf_p_oom(p);
    return name;
}

/* ModuleExportName: IdentifierName or string */
static WFAstName *export_name(Parser *p, bool *is_string)
{
    WFAstName *name;
    *is_string = false;
    if (p->tok.type == TOK_STRING) {
        *is_string = true;
        TRYN(name = str_to_name(p, &p->tok.str, p->tok.line, p->tok.col));
    } else if (p->tok.type == TOK_IDENT || p->tok.type >= TOK_FIRST_KEYWORD) {
        name = p->tok.name;
    } else {
        wf_p_unexpected(p);
        return NULL;
    }
    TRYN(wf_p_next(p));
    return name;
}

static WFAstNode *module_source(Parser *p)
{
    WFAstNode *n;
    if (p->tok.type != TOK_STRING) {
        wf_p_unexpected(p);
        return NULL;
    }
    TRYN(n = wf_p_node_tok(p, WF_AST_STRING));
    n->u.str.str = p->tok.str;
    if (p->tok.legacy_octal) {
        wf_p_error_at(p, p->tok.bad_line, p->tok.bad_col,
                      "octal escape sequences are not allowed in strict mode");
        return NULL;
    }
    TRYN(wf_p_next(p));
    return n;
}

static bool with_clause(Parser *p, WFAstList *out)
{
    NodeVec v = {0};
    if (p->tok.type != TOK_WITH)
        return true;
    TRYB(wf_p_next(p));
    TRYB(wf_p_expect(p, TOK_LBRACE));
    while (p->tok.type != TOK_RBRACE) {
        WFAstNode *a;
        bool is_str;
        TRYB(a = wf_p_node_tok(p, WF_AST_IMPORT_ATTR));
        TRYB(a->u.import_attr.key = export_name(p, &is_str));
        for (uint32_t i = 0; i < v.count; i++)
            if (v.items[i]->u.import_attr.key == a->u.import_attr.key)
                return wf_p_error_at(p, a->line, a->col,
                                     "duplicate import attribute '%s'",
                                     a->u.import_attr.key->str);
        TRYB(wf_p_expect(p, TOK_COLON));
        TRYB(a->u.import_attr.value = module_source(p));
        TRYB(wf_p_vec_push(p, &v, a));
        if (p->tok.type != TOK_RBRACE)
            TRYB(wf_p_expect(p, TOK_COMMA));
    }
    TRYB(wf_p_next(p));
    *out = wf_p_vec_list(&v);
    return true;
}

static bool add_export(Parser *p, WFAstName *name, int line, int col)
{
    if (wf_p_decl_find(&p->exported, name))
        return wf_p_error_at(p, line, col, "duplicate export of '%s'",
                             name->str);
    return wf_p_decl_add(p, &p->exported, name, 0, NULL, line, col) != NULL;
}

static WFAstNode *import_spec(Parser *p, WFAstName *imported, TokPos *lt)
{
    WFAstNode *s, *id;
    TRYN(wf_p_check_binding_ident(p, lt->name, lt->escaped, lt->line, lt->col));
    TRYN(s = wf_p_node(p, WF_AST_IMPORT_SPEC, lt->line, lt->col));
    TRYN(id = wf_p_node(p, WF_AST_IDENT, lt->line, lt->col));
    id->u.ident.name = lt->name;
    id->u.ident.escaped = lt->escaped;
    s->u.spec.imported = imported;
    s->u.spec.local = lt->name;
    s->u.spec.local_id = id;
    TRYN(wf_p_declare(p, lt->name, WF_DECL_IMPORT, s, lt->line, lt->col,
                      false));
    return s;
}

WFAstNode *wf_p_import_decl(Parser *p)
{
    WFAstNode *n, *s;
    NodeVec specs = {0};
    TRYN(n = wf_p_node_tok(p, WF_AST_IMPORT_DECL));
    TRYN(wf_p_next(p));
    if (p->tok.type != TOK_STRING) {
        bool need_from = false;
        if (p->tok.type == TOK_IDENT) {
            TokPos lt = wf_tok_pos(&p->tok);
            TRYN(wf_p_next(p));
            TRYN(s = import_spec(p, p->n_default, &lt));
            TRYN(wf_p_vec_push(p, &specs, s));
            need_from = true;
            if (p->tok.type == TOK_COMMA) {
                TRYN(wf_p_next(p));
                need_from = false;
                if (p->tok.type != TOK_STAR && p->tok.type != TOK_LBRACE) {
                    wf_p_unexpected(p);
                    return NULL;
                }
            }
        }
        if (!need_from && p->tok.type == TOK_STAR) {
            TokPos lt;
            TRYN(wf_p_next(p));
            if (!wf_p_is_name(p, p->n_as)) {
                wf_p_unexpected(p);
                return NULL;
            }
            TRYN(wf_p_next(p));
            lt = wf_tok_pos(&p->tok);
            if (lt.type != TOK_IDENT) {
                wf_p_unexpected(p);
                return NULL;
            }
            TRYN(wf_p_next(p));
            TRYN(s = import_spec(p, NULL, &lt));
            TRYN(wf_p_vec_push(p, &specs, s));
        } else if (!need_from && p->tok.type == TOK_LBRACE) {
            TRYN(wf_p_next(p));
            while (p->tok.type != TOK_RBRACE) {
                TokPos it = wf_tok_pos(&p->tok), lt;
                bool is_str;
                WFAstName *imported;
                TRYN(imported = export_name(p, &is_str));
                if (wf_p_is_name(p, p->n_as)) {
                    TRYN(wf_p_next(p));
                    lt = wf_tok_pos(&p->tok);
                    if (lt.type != TOK_IDENT) {
                        wf_p_unexpected(p);
                        return NULL;
                    }
                    TRYN(wf_p_next(p));
                } else {
                    if (is_str || it.type != TOK_IDENT) {
                        wf_p_error_at(p, it.line, it.col,
                                      "import name must be followed by 'as'");
                        return NULL;
                    }
                    lt = it;
                }
                TRYN(s = import_spec(p, imported, &lt));
                TRYN(wf_p_vec_push(p, &specs, s));
                if (p->tok.type != TOK_RBRACE)
                    TRYN(wf_p_expect(p, TOK_COMMA));
            }
            TRYN(wf_p_next(p));
        } else if (!need_from) {
            wf_p_unexpected(p);
            return NULL;
        }
        if (!wf_p_is_name(p, p->n_from)) {
            wf_p_unexpected(p);
            return NULL;
        }
        TRYN(wf_p_next(p));
    }
    TRYN(n->u.import_decl.source = module_source(p));
    TRYN(with_clause(p, &n->u.import_decl.attrs));
    TRYN(wf_p_semicolon(p));
    n->u.import_decl.specs = wf_p_vec_list(&specs);
    return n;
}

static bool export_bound_names(Parser *p, WFAstNode *decl)
{
    DeclVec names = {0};
    if (decl->kind == WF_AST_VAR_DECL) {
        for (uint32_t i = 0; i < decl->u.var_decl.decls.count; i++)
            TRYB(wf_p_collect_bound_names(
                p, decl->u.var_decl.decls.items[i]->u.declarator.target,
                &names, 0, NULL));
    } else if (decl->kind == WF_AST_FUNC_DECL) {
        WFAstFunc *f = decl->u.func.func;
        return add_export(p, f->name, f->id->line, f->id->col);
    } else if (decl->kind == WF_AST_CLASS_DECL) {
        WFAstClass *c = decl->u.cls.cls;
        return add_export(p, c->name, c->id->line, c->id->col);
    }
    for (uint32_t i = 0; i < names.count; i++)
        TRYB(add_export(p, names.items[i].name, names.items[i].line,
                        names.items[i].col));
    return true;
}

WFAstNode *wf_p_export_decl(Parser *p)
{
    WFAstNode *n;
    const WFToken *pk;
    int line = p->tok.line, col = p->tok.col;
    TRYN(wf_p_next(p));
    if (p->tok.type == TOK_STAR) {
        TRYN(n = wf_p_node(p, WF_AST_EXPORT_ALL, line, col));
        TRYN(wf_p_next(p));
        if (wf_p_is_name(p, p->n_as)) {
            bool is_str;
            int l2, c2;
            TRYN(wf_p_next(p));
            l2 = p->tok.line;
            c2 = p->tok.col;
            TRYN(n->u.export_all.exported = export_name(p, &is_str));
            TRYN(add_export(p, n->u.export_all.exported, l2, c2));
        }
        if (!wf_p_is_name(p, p->n_from)) {
            wf_p_unexpected(p);
            return NULL;
        }
        TRYN(wf_p_next(p));
        TRYN(n->u.export_all.source = module_source(p));
        TRYN(with_clause(p, &n->u.export_all.attrs));
        TRYN(wf_p_semicolon(p));
        return n;
    }
    if (p->tok.type == TOK_DEFAULT) {
        WFAstNode *v;
        TRYN(n = wf_p_node(p, WF_AST_EXPORT_DEFAULT, line, col));
        TRYN(add_export(p, p->n_default, p->tok.line, p->tok.col));
        TRYN(wf_p_next(p));
        if (p->tok.type == TOK_FUNCTION) {
            TRYN(v = wf_p_function(p, FN_DECL | FN_DEFAULT, false, p->tok.start,
                                   p->tok.line, p->tok.col));
        } else if (p->tok.type == TOK_CLASS) {
            TRYN(v = wf_p_class(p, true, true));
        } else if (wf_p_is_name(p, p->n_async) &&
                   (pk = wf_p_peek(p), pk->type == TOK_FUNCTION &&
                                           !pk->nl_before)) {
            uint32_t start = p->tok.start;
            int l2 = p->tok.line, c2 = p->tok.col;
            TRYN(wf_p_next(p));
            TRYN(v = wf_p_function(p, FN_DECL | FN_DEFAULT, true, start, l2,
                                   c2));
        } else {
            TRYN(v = wf_p_assign(p, 0));
            TRYN(wf_p_semicolon(p));
        }
        n->u.export_default.value = v;
        return n;
    }
    TRYN(n = wf_p_node(p, WF_AST_EXPORT_NAMED, line, col));
    if (p->tok.type == TOK_LBRACE) {
        NodeVec specs = {0};
        bool any_string = false, any_reserved = false;
        int bad_line = 0, bad_col = 0;
        TRYN(wf_p_next(p));
        while (p->tok.type != TOK_RBRACE) {
            WFAstNode *s;
            TokPos lt = wf_tok_pos(&p->tok);
            bool is_str, is_str2;
            TRYN(s = wf_p_node_tok(p, WF_AST_EXPORT_SPEC));
            TRYN(s->u.spec.imported = export_name(p, &is_str));
            if ((is_str || lt.type != TOK_IDENT ||
                 wf_lex_is_reserved_word(s->u.spec.imported) ||
                 wf_p_is_strict_reserved(p, s->u.spec.imported) ||
                 s->u.spec.imported == p->n_await) &&
                !any_string && !any_reserved) {
                any_reserved = true;
                bad_line = lt.line;
                bad_col = lt.col;
            }
            (void)any_string;
            if (wf_p_is_name(p, p->n_as)) {
                int l2, c2;
                TRYN(wf_p_next(p));
                l2 = p->tok.line;
                c2 = p->tok.col;
                TRYN(s->u.spec.local = export_name(p, &is_str2));
                s->line = l2;
                s->col = c2;
            } else {
                s->u.spec.local = s->u.spec.imported;
            }
            if (!is_str && lt.type == TOK_IDENT) {
                WFAstNode *id;
                TRYN(id = wf_p_node(p, WF_AST_IDENT, lt.line, lt.col));
                id->u.ident.name = lt.name;
                id->u.ident.escaped = lt.escaped;
                s->u.spec.local_id = id;
            }
            TRYN(wf_p_vec_push(p, &specs, s));
            if (p->tok.type != TOK_RBRACE)
                TRYN(wf_p_expect(p, TOK_COMMA));
        }
        TRYN(wf_p_next(p));
        n->u.export_named.specs = wf_p_vec_list(&specs);
        for (uint32_t i = 0; i < specs.count; i++) {
            WFAstNode *s = specs.items[i];
            TRYN(add_export(p, s->u.spec.local, s->line, s->col));
        }
        if (wf_p_is_name(p, p->n_from)) {
            TRYN(wf_p_next(p));
            TRYN(n->u.export_named.source = module_source(p));
            TRYN(with_clause(p, &n->u.export_named.attrs));
            for (uint32_t i = 0; i < specs.count; i++)
                specs.items[i]->u.spec.local_id = NULL;
        } else {
            if (any_reserved) {
                wf_p_error_at(p, bad_line, bad_col,
                              "exported binding must be an identifier");
                return NULL;
            }
            for (uint32_t i = 0; i < specs.count; i++)
                TRYN(wf_p_vec_push(p, &p->export_refs, specs.items[i]));
        }
        TRYN(wf_p_semicolon(p));
        return n;
    }
    {
        WFAstNode *d = NULL;
        if (p->tok.type == TOK_VAR)
            d = wf_p_var_decl(p, WF_VAR_VAR, 0, false);
        else if (p->tok.type == TOK_CONST)
            d = wf_p_var_decl(p, WF_VAR_CONST, 0, false);
        else if (wf_p_is_name(p, p->n_let))
            d = wf_p_var_decl(p, WF_VAR_LET, 0, false);
        else if (p->tok.type == TOK_FUNCTION)
            d = wf_p_function(p, FN_DECL, false, p->tok.start, p->tok.line,
                              p->tok.col);
        else if (p->tok.type == TOK_CLASS)
            d = wf_p_class(p, true, false);
        else if (wf_p_is_name(p, p->n_async)) {
            pk = wf_p_peek(p);
            if (pk->type == TOK_FUNCTION && !pk->nl_before) {
                uint32_t start = p->tok.start;
                int l2 = p->tok.line, c2 = p->tok.col;
                TRYN(wf_p_next(p));
                d = wf_p_function(p, FN_DECL, true, start, l2, c2);
            } else {
                wf_p_unexpected(p);
            }
        } else {
            wf_p_unexpected(p);
        }
        TRYN(d);
        n->u.export_named.decl = d;
        TRYN(export_bound_names(p, d));
        return n;
    }
}

bool wf_p_check_module_exports(Parser *p)
{
    PScope *top = p->fn->scope;
    for (uint32_t i = 0; i < p->export_refs.count; i++) {
        WFAstNode *s = p->export_refs.items[i];
        WFAstName *name = s->u.spec.imported;
        if (!wf_p_decl_find(&top->lex, name) &&
            !wf_p_decl_find(&top->vars, name)) {
            WFAstNode *id = s->u.spec.local_id;
            return wf_p_error_at(p, id ? id->line : s->line,
                                 id ? id->col : s->col,
                                 "export of undeclared name '%s'", name->str);
        }
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Entry points                                                            */

static const WFParseOptions default_opts;

static bool parser_init(Parser *p, WFArena *arena, const char *src,
                        size_t len, const WFParseOptions *opt,
                        WFParseError *err, bool is_module, bool from_string)
{
    size_t bad;
    memset(p, 0, sizeof(*p));
    memset(err, 0, sizeof(*err));
    p->arena = arena;
    p->err = err;
    p->opt = opt ? opt : &default_opts;
    p->is_module = is_module;
    wf_p_stack_init(p, p->opt->stack_budget);
    wf_lex_init(&p->lx, arena, src, len, is_module, err->message);
    if (len > 0x7fffffff)
        return wf_p_error_at(p, 1, 1, "source text too long");
    bad = wf_lex_check_utf8((const uint8_t *)src, len, from_string);
    if (bad < len) {
        int line = 1;
        uint32_t ls = 0;
        for (size_t i = 0; i < bad; i++) {
            if (src[i] == '\n' ||
                (src[i] == '\r' && !(i + 1 < bad && src[i + 1] == '\n'))) {
                line++;
                ls = (uint32_t)i + 1;
            }
        }
        p->lx.st.line = line;
        p->lx.st.line_start = p->lx.st.col_off = ls;
        return wf_p_error_at(p, line, wf_lex_col_of(&p->lx, (uint32_t)bad),
                             "invalid UTF-8 in source text");
    }
#define INTERN(field, s)                                                      \
    do {                                                                      \
        if (!(p->field = wf_ast_intern(arena, s, sizeof(s) - 1)))             \
            return wf_p_oom(p);                                               \
    } while (0)
    INTERN(n_let, "let");
    INTERN(n_static, "static");
    INTERN(n_yield, "yield");
    INTERN(n_await, "await");
    INTERN(n_async, "async");
    INTERN(n_of, "of");
    INTERN(n_get, "get");
    INTERN(n_set, "set");
    INTERN(n_eval, "eval");
    INTERN(n_arguments, "arguments");
    INTERN(n_constructor, "constructor");
    INTERN(n_prototype, "prototype");
    INTERN(n_proto, "__proto__");
    INTERN(n_target, "target");
    INTERN(n_meta, "meta");
    INTERN(n_from, "from");
    INTERN(n_as, "as");
    INTERN(n_default, "default");
    INTERN(n_hash_constructor, "#constructor");
    INTERN(n_implements, "implements");
    INTERN(n_interface, "interface");
    INTERN(n_package, "package");
    INTERN(n_private, "private");
    INTERN(n_protected, "protected");
    INTERN(n_public, "public");
    INTERN(n_anonymous, "anonymous");
    INTERN(n_star_default, "*default*");
#undef INTERN
    return true;
}

WFAstNode *wf_parse_program(WFArena *arena, const char *src, size_t len,
                            const WFParseOptions *opt, WFParseError *err)
{
    Parser p;
    PFunc fc;
    PScope top;
    WFAstFunc *f;
    WFAstNode *n;
    NodeVec body = {0};
    bool is_module = opt && opt->is_module;

    if (!parser_init(&p, arena, src, len, opt, err, is_module, opt && opt->is_eval))
        return NULL;
    TRYN(f = new_func(&p, is_module          ? WF_FUNC_MODULE
                          : p.opt->is_eval   ? WF_FUNC_EVAL
                                             : WF_FUNC_SCRIPT,
                      false, false));
    TRYN(n = wf_p_node(&p, WF_AST_PROGRAM, 1, 1));
    n->u.program.func = f;
    f->src_start = 0;
    f->src_end = (uint32_t)len;
    wf_p_push_func(&p, &fc, f, &top);
    fc.strict = is_module || p.opt->strict;
    fc.yield_mode = KW_IDENT;
    fc.await_mode = is_module ? KW_OP : KW_IDENT;
    if (!is_module && p.opt->is_eval && p.opt->in_class_field_init)
        fc.kind = WF_FUNC_EVAL;
    wf_lex_skip_hashbang(&p.lx);
    if (!wf_p_next(&p) ||
        !wf_p_statement_list(&p, &body, TOK_EOF, true) ||
        (is_module && !wf_p_check_module_exports(&p)))
        return NULL;
    f->body = wf_p_vec_list(&body);
    f->strict = fc.strict;
    wf_p_pop_func(&p, &fc);
    if (p.failed)
        return NULL;
    return n;
}

/* --- CreateDynamicFunction --- */

static bool ctor_modes(int kind, bool *is_async, bool *is_gen)
{
    *is_gen = kind == WF_FCTOR_GENERATOR || kind == WF_FCTOR_ASYNC_GENERATOR;
    *is_async = kind == WF_FCTOR_ASYNC || kind == WF_FCTOR_ASYNC_GENERATOR;
    return true;
}

/* parses text as FormalParameters or FunctionBody on its own */
static bool ctor_check_part(WFArena *arena, const char *text, size_t len,
                            int kind, bool params, WFParseError *err)
{
    Parser p;
    PFunc prog_fc, fc;
    PScope prog_top, top;
    WFAstFunc *pf, *f;
    bool is_async, is_gen;

    ctor_modes(kind, &is_async, &is_gen);
    if (!parser_init(&p, arena, text, len, NULL, err, false, true))
        return false;
    TRYB(pf = new_func(&p, WF_FUNC_SCRIPT, false, false));
    TRYB(f = new_func(&p, WF_FUNC_NORMAL, is_async, is_gen));
    wf_p_push_func(&p, &prog_fc, pf, &prog_top);
    prog_fc.yield_mode = prog_fc.await_mode = KW_IDENT;
    wf_p_push_func(&p, &fc, f, &top);
    set_modes(&fc, is_async, is_gen);
    TRYB(wf_p_next(&p));
    if (params) {
        NodeVec v = {0};
        fc.in_params = true;
        while (p.tok.type != TOK_EOF) {
            WFAstNode *e;
            if (p.tok.type == TOK_ELLIPSIS) {
                TRYB(e = wf_p_node_tok(&p, WF_AST_REST));
                TRYB(wf_p_next(&p));
                TRYB(e->u.spread.arg = wf_p_binding_target(&p));
                TRYB(wf_p_vec_push(&p, &v, e));
                if (p.tok.type != TOK_EOF)
                    return wf_p_unexpected(&p);
                break;
            }
            TRYB(e = wf_p_binding_element(&p));
            TRYB(wf_p_vec_push(&p, &v, e));
            if (p.tok.type != TOK_EOF)
                TRYB(wf_p_expect(&p, TOK_COMMA));
        }
        fc.in_params = false;
        TRYB(finish_params(&p, &fc, &v));
        TRYB(check_params(&p, &fc, false));
    } else {
        NodeVec body = {0};
        TRYB(wf_p_statement_list(&p, &body, TOK_EOF, true));
    }
    return !p.failed;
}

WFAstNode *wf_parse_function_ctor2(WFArena *arena, const char *params,
                                   size_t params_len, const char *body,
                                   size_t body_len, int kind,
                                   const char **src_out, size_t *src_len_out,
                                   WFParseError *err)
{
    const char *prefix;
    size_t plen, total;
    char *src, *q;
    Parser p;
    PFunc fc;
    PScope top;
    WFAstFunc *f;
    WFAstNode *n, *fn;
    bool is_async, is_gen;

    ctor_modes(kind, &is_async, &is_gen);
    if (!ctor_check_part(arena, params, params_len, kind, true, err))
        return NULL;
    if (!ctor_check_part(arena, body, body_len, kind, false, err))
        return NULL;
    switch (kind) {
    case WF_FCTOR_GENERATOR: prefix = "function*"; break;
    case WF_FCTOR_ASYNC: prefix = "async function"; break;
    case WF_FCTOR_ASYNC_GENERATOR: prefix = "async function*"; break;
    default: prefix = "function"; break;
    }
    plen = strlen(prefix);
    total = plen + 11 + params_len + 5 + body_len + 2;
    src = wf_arena_alloc(arena, total + 1);
    if (!src) {
        memset(err, 0, sizeof(*err));
        err->out_of_memory = true;
        strcpy(err->message, "out of memory");
        return NULL;
    }
    q = src;
    memcpy(q, prefix, plen); q += plen;
    memcpy(q, " anonymous(", 11); q += 11;
    memcpy(q, params, params_len); q += params_len;
    memcpy(q, "\n) {\n", 5); q += 5;
    memcpy(q, body, body_len); q += body_len;
    memcpy(q, "\n}", 2); q += 2;
    *q = 0;
    total = (size_t)(q - src);
    if (src_out)
        *src_out = src;
    if (src_len_out)
        *src_len_out = total;

    if (!parser_init(&p, arena, src, total, NULL, err, false, true))
        return NULL;
    TRYN(f = new_func(&p, WF_FUNC_SCRIPT, false, false));
    TRYN(n = wf_p_node(&p, WF_AST_PROGRAM, 1, 1));
    n->u.program.func = f;
    wf_p_push_func(&p, &fc, f, &top);
    fc.yield_mode = fc.await_mode = KW_IDENT;
    TRYN(wf_p_next(&p));
    if (is_async)
        TRYN(wf_p_next(&p));    /* async */
    TRYN(fn = wf_p_function(&p, FN_EXPR, is_async, 0, 1, 1));
    if (p.tok.type != TOK_EOF) {
        wf_p_unexpected(&p);
        return NULL;
    }
    wf_p_pop_func(&p, &fc);
    fn->u.func.func->parent = NULL;
    return p.failed ? NULL : fn;
}

WFAstNode *wf_parse_function_ctor(WFArena *arena, const char *params,
                                  size_t params_len, const char *body,
                                  size_t body_len, int kind,
                                  WFParseError *err)
{
    return wf_parse_function_ctor2(arena, params, params_len, body, body_len,
                                   kind, NULL, NULL, err);
}
