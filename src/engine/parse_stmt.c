/*
 * parse_stmt.c - statements and declarations (ECMA-262 2025 clause 14),
 * directive prologues (11.2.1), labels, and the Annex B.3 statement
 * relaxations (function declarations in if-statement clauses, labelled
 * function declarations, `for (var x = e in o)`).
 *
 * Functions, classes and module items are parsed in parse_func.c.
 */
#include <string.h>

#include "engine/parse_int.h"

static WFAstNode *labeled_or_expr_stmt(Parser *p, bool list_item);

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

static void push_breakable(Parser *p, PBreakable *b, WFAstNode *n, bool loop)
{
    b->up = p->fn->breakables;
    b->node = n;
    b->is_loop = loop;
    p->fn->breakables = b;
}

static void pop_breakable(Parser *p, PBreakable *b)
{
    p->fn->breakables = b->up;
}

/* the labels that directly label the loop starting at `start` */
static void mark_loop_labels(Parser *p, WFAstNode *loop, uint32_t start)
{
    uint32_t pos = start;
    for (PLabel *l = p->fn->labels; l; l = l->up) {
        if (l->body_start != pos)
            break;
        l->loop = loop;
        pos = l->own_start;
    }
}

/* is `let` at the current token the start of a lexical declaration? */
static bool let_is_decl(Parser *p, bool list_item)
{
    const WFToken *pk;
    if (!wf_p_is_name(p, p->n_let))
        return false;
    pk = wf_p_peek(p);
    if (pk->type == TOK_LBRACKET)
        return true;
    if (pk->type == TOK_LBRACE || pk->type == TOK_IDENT) {
        if (!list_item && pk->nl_before)
            return false;
        return true;
    }
    /* `let yield`, `let await` (identifiers in some contexts) are IDENT */
    return false;
}

/* ---------------------------------------------------------------------- */
/* Variable declarations                                                   */

WFAstNode *wf_p_var_decl(Parser *p, uint8_t kind, int flags, bool for_head)
{
    WFAstNode *n;
    NodeVec v = {0};
    TRYN(n = wf_p_node_tok(p, WF_AST_VAR_DECL));
    n->u.var_decl.kind = kind;
    TRYN(wf_p_next(p));
    for (;;) {
        WFAstNode *d, *t;
        TRYN(d = wf_p_node_tok(p, WF_AST_VAR_DECLARATOR));
        if (kind != WF_VAR_VAR && wf_p_is_name(p, p->n_let)) {
            wf_p_error(p, "'let' cannot be a lexically bound name");
            return NULL;
        }
        TRYN(t = wf_p_binding_target(p));
        d->u.declarator.target = t;
        if (kind != WF_VAR_VAR) {
            DeclVec names = {0};
            TRYN(wf_p_collect_bound_names(p, t, &names, 0, NULL));
            for (uint32_t i = 0; i < names.count; i++)
                if (names.items[i].name == p->n_let) {
                    wf_p_error_at(p, names.items[i].line, names.items[i].col,
                                  "'let' cannot be a lexically bound name");
                    return NULL;
                }
        }
        if (p->tok.type == TOK_ASSIGN) {
            TRYN(wf_p_next(p));
            TRYN(d->u.declarator.init = wf_p_assign(p, flags & PF_NO_IN));
        } else if (!for_head) {
            if (kind == WF_VAR_CONST) {
                wf_p_error(p, "missing initializer in const declaration");
                return NULL;
            }
            if (t->kind != WF_AST_IDENT) {
                wf_p_error(p, "missing initializer in destructuring "
                              "declaration");
                return NULL;
            }
        }
        if (!for_head)
            TRYN(wf_p_declare_pattern(p, t,
                                      kind == WF_VAR_VAR     ? WF_DECL_VAR
                                      : kind == WF_VAR_LET   ? WF_DECL_LET
                                                             : WF_DECL_CONST,
                                      n, false));
        TRYN(wf_p_vec_push(p, &v, d));
        if (p->tok.type != TOK_COMMA)
            break;
        TRYN(wf_p_next(p));
    }
    n->u.var_decl.decls = wf_p_vec_list(&v);
    if (!for_head)
        TRYN(wf_p_semicolon(p));
    return n;
}

/* ---------------------------------------------------------------------- */
/* Blocks and statement lists                                              */

bool wf_p_statement_list(Parser *p, NodeVec *out, int end, bool directives)
{
    bool prologue = directives;
    bool octal = false;
    int oline = 0, ocol = 0;
    while (p->tok.type != end) {
        WFAstNode *s;
        if (p->tok.type == TOK_EOF)
            return wf_p_unexpected(p);
        if (prologue && p->tok.type == TOK_STRING) {
            TokPos t = wf_tok_pos(&p->tok);
            TRYB(s = wf_p_statement_list_item(p));
            if (s->kind == WF_AST_EXPR_STMT &&
                s->u.expr_stmt.expr->kind == WF_AST_STRING &&
                !(s->u.expr_stmt.expr->flags & WF_AST_F_PARENS) &&
                s->u.expr_stmt.expr->line == t.line &&
                s->u.expr_stmt.expr->col == t.col) {
                s->flags |= WF_AST_F_DIRECTIVE;
                if (t.legacy_octal && !octal) {
                    octal = true;
                    oline = t.bad_line;
                    ocol = t.bad_col;
                }
                if (t.end - t.start == 12 &&
                    !memcmp(p->lx.src + t.start + 1, "use strict", 10)) {
                    WFAstFunc *f = p->fn->f;
                    if (!f->has_simple_params)
                        return wf_p_error_at(p, t.line, t.col,
                                             "\"use strict\" not allowed in "
                                             "function with non-simple "
                                             "parameters");
                    f->has_use_strict = true;
                    f->strict = true;
                    p->fn->strict = true;
                }
                if (octal && p->fn->strict)
                    return wf_p_error_at(p, oline, ocol,
                                         "octal escape sequences are not "
                                         "allowed in strict mode");
            } else {
                prologue = false;
            }
        } else {
            prologue = false;
            TRYB(s = wf_p_statement_list_item(p));
        }
        TRYB(wf_p_vec_push(p, out, s));
    }
    return true;
}

WFAstNode *wf_p_block(Parser *p, bool catch_body)
{
    WFAstNode *n;
    PScope sc;
    NodeVec v = {0};
    if (p->tok.type != TOK_LBRACE) {
        wf_p_unexpected(p);
        return NULL;
    }
    TRYN(n = wf_p_node_tok(p, WF_AST_BLOCK));
    TRYN(wf_p_next(p));
    wf_p_push_scope(p, &sc, SC_BLOCK);
    sc.is_catch_body = catch_body;
    if (!wf_p_statement_list(p, &v, TOK_RBRACE, false)) {
        p->scope = sc.up;
        p->scope_depth--;
        return NULL;
    }
    wf_p_pop_scope(p, &sc);
    n->u.block.body = wf_p_vec_list(&v);
    n->u.block.scope = wf_p_decl_scope(&sc.lex);
    TRYN(wf_p_next(p));
    return n;
}

/* ---------------------------------------------------------------------- */
/* Statements                                                              */

/* body of if/else in sloppy mode may be a plain function declaration
   (Annex B.3.3.4): treated as if wrapped in a block */
static WFAstNode *if_clause(Parser *p)
{
    if (p->tok.type == TOK_FUNCTION) {
        WFAstNode *blk, *f;
        PScope sc;
        NodeVec v = {0};
        const WFToken *pk;
        if (p->fn->strict) {
            wf_p_error(p, "function declarations are not allowed in an if "
                          "statement in strict mode");
            return NULL;
        }
        pk = wf_p_peek(p);
        if (pk->type == TOK_STAR) {
            wf_p_error(p, "generator declaration not allowed here");
            return NULL;
        }
        TRYN(blk = wf_p_node_tok(p, WF_AST_BLOCK));
        wf_p_push_scope(p, &sc, SC_BLOCK);
        f = wf_p_function(p, FN_DECL, false, p->tok.start, p->tok.line,
                          p->tok.col);
        if (!f) {
            p->scope = sc.up;
            p->scope_depth--;
            return NULL;
        }
        wf_p_pop_scope(p, &sc);
        TRYN(wf_p_vec_push(p, &v, f));
        blk->u.block.body = wf_p_vec_list(&v);
        blk->u.block.scope = wf_p_decl_scope(&sc.lex);
        return blk;
    }
    return wf_p_statement(p);
}

static WFAstNode *if_stmt(Parser *p)
{
    WFAstNode *n;
    TRYN(n = wf_p_node_tok(p, WF_AST_IF));
    TRYN(wf_p_next(p));
    TRYN(wf_p_expect(p, TOK_LPAREN));
    TRYN(n->u.if_.test = wf_p_expression(p, 0));
    TRYN(wf_p_expect(p, TOK_RPAREN));
    TRYN(n->u.if_.cons = if_clause(p));
    if (p->tok.type == TOK_ELSE) {
        TRYN(wf_p_next(p));
        TRYN(n->u.if_.alt = if_clause(p));
    }
    return n;
}

static WFAstNode *loop_body(Parser *p, WFAstNode *loop)
{
    PBreakable b;
    WFAstNode *body;
    push_breakable(p, &b, loop, true);
    body = wf_p_statement(p);
    pop_breakable(p, &b);
    return body;
}

static WFAstNode *while_stmt(Parser *p)
{
    WFAstNode *n;
    TRYN(n = wf_p_node_tok(p, WF_AST_WHILE));
    mark_loop_labels(p, n, p->tok.start);
    TRYN(wf_p_next(p));
    TRYN(wf_p_expect(p, TOK_LPAREN));
    TRYN(n->u.while_.test = wf_p_expression(p, 0));
    TRYN(wf_p_expect(p, TOK_RPAREN));
    TRYN(n->u.while_.body = loop_body(p, n));
    return n;
}

static WFAstNode *do_stmt(Parser *p)
{
    WFAstNode *n;
    TRYN(n = wf_p_node_tok(p, WF_AST_DO_WHILE));
    mark_loop_labels(p, n, p->tok.start);
    TRYN(wf_p_next(p));
    TRYN(n->u.while_.body = loop_body(p, n));
    if (p->tok.type != TOK_WHILE) {
        wf_p_unexpected(p);
        return NULL;
    }
    TRYN(wf_p_next(p));
    TRYN(wf_p_expect(p, TOK_LPAREN));
    TRYN(n->u.while_.test = wf_p_expression(p, 0));
    TRYN(wf_p_expect(p, TOK_RPAREN));
    /* a semicolon after do-while is always optional (ASI rule 1 variant) */
    if (p->tok.type == TOK_SEMI)
        TRYN(wf_p_next(p));
    return n;
}

static bool for_stmt_inner(Parser *p, WFAstNode **out, uint32_t start,
                           int line, int col, PScope *sc)
{
    WFAstNode *n, *init = NULL, *decl = NULL;
    bool is_await = false, starts_async = false, starts_let = false;
    uint8_t dkind = 0;
    const WFToken *pk;

    TRYB(wf_p_next(p));
    if (p->tok.type == TOK_IDENT && p->tok.name == p->n_await &&
        (p->fn->await_mode != KW_IDENT ||
         (p->is_module && p->fn->kind == WF_FUNC_MODULE))) {
        if (p->tok.escaped)
            return wf_p_error(p, "keyword 'await' must not contain escapes");
        if (p->fn->await_mode == KW_ERR || p->fn->in_params)
            return wf_p_error(p, "for await is not allowed here");
        is_await = true;
        p->fn->f->has_await = true;
        TRYB(wf_p_next(p));
    }
    TRYB(wf_p_expect(p, TOK_LPAREN));
    TRYB(n = wf_p_node(p, WF_AST_FOR, line, col));
    mark_loop_labels(p, n, start);
    if (p->tok.type == TOK_SEMI) {
        /* for (; */
    } else if (p->tok.type == TOK_VAR) {
        dkind = WF_VAR_VAR;
        TRYB(decl = wf_p_var_decl(p, WF_VAR_VAR, PF_NO_IN, true));
    } else if (p->tok.type == TOK_CONST ||
               (wf_p_is_name(p, p->n_let) && let_is_decl(p, true))) {
        dkind = p->tok.type == TOK_CONST ? WF_VAR_CONST : WF_VAR_LET;
        TRYB(decl = wf_p_var_decl(p, dkind, PF_NO_IN, true));
    } else {
        if (wf_p_is_name(p, p->n_async)) {
            pk = wf_p_peek(p);
            if (pk->type == TOK_IDENT && pk->name == p->n_of && !pk->escaped)
                starts_async = true;
        }
        if (wf_p_is_name(p, p->n_let))
            starts_let = true;
        bool saved = p->cover_err;
        p->cover_err = false;
        TRYB(init = wf_p_expression(p, PF_NO_IN | PF_COVER));
        if (p->tok.type == TOK_IN || wf_p_is_name(p, p->n_of)) {
            bool is_of = p->tok.type != TOK_IN;
            if (is_of && starts_let)
                return wf_p_error_at(p, init->line, init->col,
                                     "for-of left side may not start with "
                                     "'let'");
            if (is_of && starts_async && !is_await &&
                init->kind == WF_AST_IDENT)
                return wf_p_error_at(p, init->line, init->col,
                                     "for-of left side may not be 'async'");
            if ((init->kind == WF_AST_ARRAY || init->kind == WF_AST_OBJECT) &&
                !(init->flags & WF_AST_F_PARENS)) {
                TRYB(wf_p_to_assign_target(p, init, true));
                p->cover_err = false;
            } else {
                if (p->cover_err)
                    return wf_p_error_at(p, p->cover_line, p->cover_col, "%s",
                                         p->cover_msg);
                if (init->kind == WF_AST_CALL && !p->fn->strict) {
                    /* Annex B: runtime ReferenceError */
                } else if (init->kind != WF_AST_IDENT &&
                    init->kind != WF_AST_MEMBER &&
                    init->kind != WF_AST_SUPER_MEMBER)
                    return wf_p_error_at(p, init->line, init->col,
                                         "invalid left-hand side in for-%s",
                                         is_of ? "of" : "in");
                else
                    TRYB(wf_p_to_assign_target(p, init, false));
            }
        } else if (p->cover_err) {
            return wf_p_error_at(p, p->cover_line, p->cover_col, "%s",
                                 p->cover_msg);
        }
        p->cover_err = saved;
    }

    if (p->tok.type == TOK_IN || wf_p_is_name(p, p->n_of)) {
        bool is_of = p->tok.type != TOK_IN;
        PBreakable b;
        if (is_await && !is_of)
            return wf_p_error(p, "for await requires 'of'");
        n->kind = is_of ? WF_AST_FOR_OF : WF_AST_FOR_IN;
        n->u.for_in.is_await = is_await;
        if (decl) {
            WFAstNode *d;
            if (decl->u.var_decl.decls.count != 1)
                return wf_p_error_at(p, decl->line, decl->col,
                                     "only one binding allowed in for-%s",
                                     is_of ? "of" : "in");
            d = decl->u.var_decl.decls.items[0];
            if (d->u.declarator.init &&
                (is_of || p->fn->strict || dkind != WF_VAR_VAR ||
                 d->u.declarator.target->kind != WF_AST_IDENT))
                return wf_p_error_at(p, d->line, d->col,
                                     "for-%s loop variable declaration may "
                                     "not have an initializer",
                                     is_of ? "of" : "in");
            TRYB(wf_p_declare_pattern(p, d->u.declarator.target,
                                      dkind == WF_VAR_VAR   ? WF_DECL_VAR
                                      : dkind == WF_VAR_LET ? WF_DECL_LET
                                                            : WF_DECL_CONST,
                                      decl, is_of));
            n->u.for_in.left = decl;
        } else {
            n->u.for_in.left = init;
        }
        TRYB(wf_p_next(p));
        if (is_of)
            TRYB(n->u.for_in.right = wf_p_assign(p, 0));
        else
            TRYB(n->u.for_in.right = wf_p_expression(p, 0));
        TRYB(wf_p_expect(p, TOK_RPAREN));
        push_breakable(p, &b, n, true);
        n->u.for_in.body = wf_p_statement(p);
        pop_breakable(p, &b);
        TRYB(n->u.for_in.body);
        n->u.for_in.scope = wf_p_decl_scope(&sc->lex);
        *out = n;
        return true;
    }
    if (is_await)
        return wf_p_error(p, "for await requires 'of'");
    if (decl) {
        for (uint32_t i = 0; i < decl->u.var_decl.decls.count; i++) {
            WFAstNode *d = decl->u.var_decl.decls.items[i];
            if (!d->u.declarator.init) {
                if (dkind == WF_VAR_CONST)
                    return wf_p_error_at(p, d->line, d->col,
                                         "missing initializer in const "
                                         "declaration");
                if (d->u.declarator.target->kind != WF_AST_IDENT)
                    return wf_p_error_at(p, d->line, d->col,
                                         "missing initializer in "
                                         "destructuring declaration");
            }
            TRYB(wf_p_declare_pattern(p, d->u.declarator.target,
                                      dkind == WF_VAR_VAR   ? WF_DECL_VAR
                                      : dkind == WF_VAR_LET ? WF_DECL_LET
                                                            : WF_DECL_CONST,
                                      decl, false));
        }
        n->u.for_.init = decl;
    } else {
        n->u.for_.init = init;
    }
    TRYB(wf_p_expect(p, TOK_SEMI));
    if (p->tok.type != TOK_SEMI)
        TRYB(n->u.for_.test = wf_p_expression(p, 0));
    TRYB(wf_p_expect(p, TOK_SEMI));
    if (p->tok.type != TOK_RPAREN)
        TRYB(n->u.for_.update = wf_p_expression(p, 0));
    TRYB(wf_p_expect(p, TOK_RPAREN));
    {
        PBreakable b;
        push_breakable(p, &b, n, true);
        n->u.for_.body = wf_p_statement(p);
        pop_breakable(p, &b);
        TRYB(n->u.for_.body);
    }
    n->u.for_.scope = wf_p_decl_scope(&sc->lex);
    *out = n;
    return true;
}

static WFAstNode *for_stmt(Parser *p)
{
    PScope sc;
    WFAstNode *n = NULL;
    uint32_t start = p->tok.start;
    int line = p->tok.line, col = p->tok.col;
    wf_p_push_scope(p, &sc, SC_FOR);
    if (!for_stmt_inner(p, &n, start, line, col, &sc)) {
        p->scope = sc.up;
        p->scope_depth--;
        return NULL;
    }
    wf_p_pop_scope(p, &sc);
    return n;
}

static WFAstNode *jump_stmt(Parser *p, bool is_break)
{
    WFAstNode *n;
    TRYN(n = wf_p_node_tok(p, is_break ? WF_AST_BREAK : WF_AST_CONTINUE));
    TRYN(wf_p_next(p));
    if (p->tok.type == TOK_IDENT && !p->tok.nl_before) {
        PLabel *l;
        WFAstName *name = p->tok.name;
        TRYN(wf_p_check_ident_ref(p, name, p->tok.escaped, p->tok.line,
                                  p->tok.col));
        for (l = p->fn->labels; l; l = l->up)
            if (l->name == name)
                break;
        if (!l) {
            wf_p_error(p, "undefined label '%s'", name->str);
            return NULL;
        }
        if (!is_break && !l->loop) {
            wf_p_error(p, "continue target '%s' is not a loop", name->str);
            return NULL;
        }
        n->u.jump.label = name;
        n->u.jump.target = is_break ? l->node : l->loop;
        TRYN(wf_p_next(p));
    } else {
        PBreakable *b = p->fn->breakables;
        if (!is_break)
            while (b && !b->is_loop)
                b = b->up;
        if (!b) {
            wf_p_error_at(p, n->line, n->col, is_break
                              ? "break must be inside a loop or switch"
                              : "continue must be inside a loop");
            return NULL;
        }
        n->u.jump.target = b->node;
    }
    TRYN(wf_p_semicolon(p));
    return n;
}

static WFAstNode *switch_stmt(Parser *p)
{
    WFAstNode *n;
    PScope sc;
    PBreakable b;
    NodeVec cases = {0};
    bool has_default = false;
    TRYN(n = wf_p_node_tok(p, WF_AST_SWITCH));
    TRYN(wf_p_next(p));
    TRYN(wf_p_expect(p, TOK_LPAREN));
    TRYN(n->u.switch_.disc = wf_p_expression(p, 0));
    TRYN(wf_p_expect(p, TOK_RPAREN));
    TRYN(wf_p_expect(p, TOK_LBRACE));
    wf_p_push_scope(p, &sc, SC_BLOCK);
    push_breakable(p, &b, n, false);
    while (p->tok.type != TOK_RBRACE) {
        WFAstNode *c;
        NodeVec body = {0};
        if (!(c = wf_p_node_tok(p, WF_AST_CASE)))
            goto fail;
        if (p->tok.type == TOK_CASE) {
            if (!wf_p_next(p) || !(c->u.case_.test = wf_p_expression(p, 0)))
                goto fail;
        } else if (p->tok.type == TOK_DEFAULT) {
            if (has_default) {
                wf_p_error(p, "more than one default clause in switch");
                goto fail;
            }
            has_default = true;
            if (!wf_p_next(p))
                goto fail;
        } else {
            wf_p_unexpected(p);
            goto fail;
        }
        if (!wf_p_expect(p, TOK_COLON))
            goto fail;
        while (p->tok.type != TOK_CASE && p->tok.type != TOK_DEFAULT &&
               p->tok.type != TOK_RBRACE) {
            WFAstNode *s;
            if (p->tok.type == TOK_EOF) {
                wf_p_unexpected(p);
                goto fail;
            }
            if (!(s = wf_p_statement_list_item(p)) ||
                !wf_p_vec_push(p, &body, s))
                goto fail;
        }
        c->u.case_.body = wf_p_vec_list(&body);
        if (!wf_p_vec_push(p, &cases, c))
            goto fail;
    }
    pop_breakable(p, &b);
    wf_p_pop_scope(p, &sc);
    n->u.switch_.cases = wf_p_vec_list(&cases);
    n->u.switch_.scope = wf_p_decl_scope(&sc.lex);
    TRYN(wf_p_next(p));
    return n;
fail:
    pop_breakable(p, &b);
    p->scope = sc.up;
    p->scope_depth--;
    return NULL;
}

static WFAstNode *try_stmt(Parser *p)
{
    WFAstNode *n;
    TRYN(n = wf_p_node_tok(p, WF_AST_TRY));
    TRYN(wf_p_next(p));
    TRYN(n->u.try_.block = wf_p_block(p, false));
    if (p->tok.type == TOK_CATCH) {
        PScope sc;
        TRYN(wf_p_next(p));
        wf_p_push_scope(p, &sc, SC_CATCH);
        if (p->tok.type == TOK_LPAREN) {
            WFAstNode *param;
            if (!wf_p_next(p) || !(param = wf_p_binding_target(p)))
                goto fail;
            n->u.try_.param = param;
            sc.catch_simple = param->kind == WF_AST_IDENT;
            {
                DeclVec names = {0};
                if (!wf_p_collect_bound_names(p, param, &names,
                                              WF_DECL_CATCH_PARAM, NULL))
                    goto fail;
                for (uint32_t i = 0; i < names.count; i++) {
                    WFAstDecl *d = &names.items[i];
                    if (wf_p_decl_find(&sc.lex, d->name)) {
                        wf_p_error_at(p, d->line, d->col,
                                      "duplicate catch parameter '%s'",
                                      d->name->str);
                        goto fail;
                    }
                    if (!wf_p_decl_add(p, &sc.lex, d->name,
                                       WF_DECL_CATCH_PARAM, d->node, d->line,
                                       d->col))
                        goto fail;
                }
            }
            if (!wf_p_expect(p, TOK_RPAREN))
                goto fail;
        }
        if (!(n->u.try_.handler = wf_p_block(p, true)))
            goto fail;
        wf_p_pop_scope(p, &sc);
        n->u.try_.catch_scope = wf_p_decl_scope(&sc.lex);
        if (0) {
        fail:
            p->scope = sc.up;
            p->scope_depth--;
            return NULL;
        }
    }
    if (p->tok.type == TOK_FINALLY) {
        TRYN(wf_p_next(p));
        TRYN(n->u.try_.finalizer = wf_p_block(p, false));
    }
    if (!n->u.try_.handler && !n->u.try_.finalizer) {
        wf_p_error(p, "missing catch or finally after try");
        return NULL;
    }
    return n;
}

static WFAstNode *statement_body(Parser *p)
{
    WFAstNode *n;
    switch (p->tok.type) {
    case TOK_LBRACE:
        return wf_p_block(p, false);
    case TOK_VAR:
        return wf_p_var_decl(p, WF_VAR_VAR, 0, false);
    case TOK_SEMI:
        TRYN(n = wf_p_node_tok(p, WF_AST_EMPTY));
        TRYN(wf_p_next(p));
        return n;
    case TOK_IF:
        return if_stmt(p);
    case TOK_FOR:
        return for_stmt(p);
    case TOK_WHILE:
        return while_stmt(p);
    case TOK_DO:
        return do_stmt(p);
    case TOK_CONTINUE:
        return jump_stmt(p, false);
    case TOK_BREAK:
        return jump_stmt(p, true);
    case TOK_RETURN: {
        PFunc *fc = p->fn;
        if (!fc->up || fc->kind == WF_FUNC_STATIC_BLOCK ||
            fc->kind == WF_FUNC_FIELD_INIT) {
            wf_p_error(p, "return not in a function");
            return NULL;
        }
        TRYN(n = wf_p_node_tok(p, WF_AST_RETURN));
        TRYN(wf_p_next(p));
        if (p->tok.type != TOK_SEMI && p->tok.type != TOK_RBRACE &&
            p->tok.type != TOK_EOF && !p->tok.nl_before)
            TRYN(n->u.ret.arg = wf_p_expression(p, 0));
        TRYN(wf_p_semicolon(p));
        return n;
    }
    case TOK_THROW:
        TRYN(n = wf_p_node_tok(p, WF_AST_THROW));
        TRYN(wf_p_next(p));
        if (p->tok.nl_before) {
            wf_p_error(p, "no line break is allowed after 'throw'");
            return NULL;
        }
        TRYN(n->u.ret.arg = wf_p_expression(p, 0));
        TRYN(wf_p_semicolon(p));
        return n;
    case TOK_WITH:
        if (p->fn->strict) {
            wf_p_error(p, "'with' is not allowed in strict mode");
            return NULL;
        }
        TRYN(n = wf_p_node_tok(p, WF_AST_WITH));
        TRYN(wf_p_next(p));
        TRYN(wf_p_expect(p, TOK_LPAREN));
        TRYN(n->u.with_.object = wf_p_expression(p, 0));
        TRYN(wf_p_expect(p, TOK_RPAREN));
        p->fn->f->has_with = true;
        p->fn->f->contains_with = true;
        TRYN(n->u.with_.body = wf_p_statement(p));
        return n;
    case TOK_SWITCH:
        return switch_stmt(p);
    case TOK_TRY:
        return try_stmt(p);
    case TOK_DEBUGGER:
        TRYN(n = wf_p_node_tok(p, WF_AST_DEBUGGER));
        TRYN(wf_p_next(p));
        TRYN(wf_p_semicolon(p));
        return n;
    case TOK_FUNCTION:
        wf_p_error(p, "function declarations are not allowed in a "
                      "single-statement context");
        return NULL;
    case TOK_CLASS:
    case TOK_CONST:
        wf_p_error(p, "lexical declarations are not allowed in a "
                      "single-statement context");
        return NULL;
    case TOK_IMPORT: {
        const WFToken *pk;
        pk = wf_p_peek(p);
        if (pk->type != TOK_LPAREN && pk->type != TOK_DOT) {
            wf_p_error(p, "import declarations may only appear at the top "
                          "level of a module");
            return NULL;
        }
        break;
    }
    case TOK_EXPORT:
        wf_p_error(p, "export declarations may only appear at the top "
                      "level of a module");
        return NULL;
    case TOK_IDENT:
        if (wf_p_is_name(p, p->n_let)) {
            const WFToken *pk;
            pk = wf_p_peek(p);
            if (pk->type == TOK_LBRACKET) {
                wf_p_error(p, "lexical declarations are not allowed in a "
                              "single-statement context");
                return NULL;
            }
        } else if (wf_p_is_name(p, p->n_async)) {
            const WFToken *pk;
            pk = wf_p_peek(p);
            if (pk->type == TOK_FUNCTION && !pk->nl_before) {
                wf_p_error(p, "async function declarations are not allowed "
                              "in a single-statement context");
                return NULL;
            }
        }
        break;
    default:
        break;
    }
    return labeled_or_expr_stmt(p, false);
}

WFAstNode *wf_p_statement(Parser *p)
{
    WFAstNode *n;
    TRYN(wf_p_enter(p));
    n = statement_body(p);
    wf_p_leave(p);
    return n;
}

static WFAstNode *labeled_or_expr_stmt(Parser *p, bool list_item)
{
    WFAstNode *n, *e;
    TokPos t = wf_tok_pos(&p->tok);
    TRYN(e = wf_p_expression(p, 0));
    if (e->kind == WF_AST_IDENT && !(e->flags & WF_AST_F_PARENS) &&
        t.type == TOK_IDENT && p->tok.type == TOK_COLON &&
        e->line == t.line && e->col == t.col) {
        PLabel lab;
        WFAstName *name = e->u.ident.name;
        for (PLabel *l = p->fn->labels; l; l = l->up)
            if (l->name == name) {
                wf_p_error_at(p, t.line, t.col, "duplicate label '%s'",
                              name->str);
                return NULL;
            }
        TRYN(n = wf_p_node(p, WF_AST_LABELED, t.line, t.col));
        n->u.labeled.label = name;
        TRYN(wf_p_next(p));
        memset(&lab, 0, sizeof(lab));
        lab.up = p->fn->labels;
        lab.name = name;
        lab.node = n;
        lab.body_start = p->tok.start;
        lab.own_start = t.start;
        p->fn->labels = &lab;
        if (p->tok.type == TOK_FUNCTION) {
            const WFToken *pk;
            pk = wf_p_peek(p);
            if (p->fn->strict || !list_item || pk->type == TOK_STAR) {
                wf_p_error(p, "function declaration cannot be labeled here");
                p->fn->labels = lab.up;
                return NULL;
            }
            n->u.labeled.body = wf_p_function(p, FN_DECL, false, p->tok.start,
                                              p->tok.line, p->tok.col);
        } else {
            bool chain = false;
            if (p->tok.type == TOK_IDENT) {
                const WFToken *pk;
                chain = true;
                if (wf_p_is_name(p, p->n_let) || wf_p_is_name(p, p->n_async)) {
                    pk = wf_p_peek(p);
                    if (pk->type == TOK_LBRACKET || pk->type == TOK_FUNCTION)
                        chain = false;
                }
            }
            if (!wf_p_enter(p)) {
                p->fn->labels = lab.up;
                return NULL;
            }
            if (chain)
                n->u.labeled.body = labeled_or_expr_stmt(p, list_item);
            else
                n->u.labeled.body = statement_body(p);
            wf_p_leave(p);
        }
        p->fn->labels = lab.up;
        TRYN(n->u.labeled.body);
        return n;
    }
    TRYN(n = wf_p_node(p, WF_AST_EXPR_STMT, e->line, e->col));
    n->u.expr_stmt.expr = e;
    TRYN(wf_p_semicolon(p));
    return n;
}

static WFAstNode *list_item_body(Parser *p)
{
    const WFToken *pk;
    switch (p->tok.type) {
    case TOK_FUNCTION:
        return wf_p_function(p, FN_DECL, false, p->tok.start, p->tok.line,
                             p->tok.col);
    case TOK_CLASS:
        return wf_p_class(p, true, false);
    case TOK_CONST:
        return wf_p_var_decl(p, WF_VAR_CONST, 0, false);
    case TOK_IMPORT:
        pk = wf_p_peek(p);
        if (pk->type == TOK_LPAREN || pk->type == TOK_DOT)
            break;
        if (!p->is_module || p->fn->up || p->scope != p->fn->scope) {
            wf_p_error(p, "import declarations may only appear at the top "
                          "level of a module");
            return NULL;
        }
        return wf_p_import_decl(p);
    case TOK_EXPORT:
        if (!p->is_module || p->fn->up || p->scope != p->fn->scope) {
            wf_p_error(p, "export declarations may only appear at the top "
                          "level of a module");
            return NULL;
        }
        return wf_p_export_decl(p);
    case TOK_IDENT:
        if (let_is_decl(p, true))
            return wf_p_var_decl(p, WF_VAR_LET, 0, false);
        if (wf_p_is_name(p, p->n_async)) {
            pk = wf_p_peek(p);
            if (pk->type == TOK_FUNCTION && !pk->nl_before) {
                uint32_t start = p->tok.start;
                int line = p->tok.line, col = p->tok.col;
                TRYN(wf_p_next(p));
                return wf_p_function(p, FN_DECL, true, start, line, col);
            }
        }
        break;
    default:
        break;
    }
    if (p->tok.type == TOK_IDENT)
        return labeled_or_expr_stmt(p, true);
    return statement_body(p);
}

WFAstNode *wf_p_statement_list_item(Parser *p)
{
    WFAstNode *n;
    TRYN(wf_p_enter(p));
    n = list_item_body(p);
    wf_p_leave(p);
    return n;
}
