/*
 * parse_expr.c - expressions (ECMA-262 2025 clause 13), destructuring
 * patterns (13.15.5, 14.3.3) and the cover grammars behind arrow functions
 * and destructuring assignment.
 *
 * Cover grammar: object/array literals and parenthesized lists are parsed
 * as expressions; constructs valid only in patterns (`{a = 1}`, duplicate
 * `__proto__`) leave a pending error in the parser (p->cover_err) which is
 * dropped when the expression turns into a pattern and reported otherwise.
 */
#include <string.h>

#include "engine/parse_int.h"

typedef struct CoverSave {
    bool err;
    int line, col;
    const char *msg;
} CoverSave;

static void cover_save(Parser *p, CoverSave *s)
{
    s->err = p->cover_err;
    s->line = p->cover_line;
    s->col = p->cover_col;
    s->msg = p->cover_msg;
    p->cover_err = false;
}

/* keeps the earliest pending error */
static void cover_restore(Parser *p, const CoverSave *s)
{
    if (s->err) {
        p->cover_err = true;
        p->cover_line = s->line;
        p->cover_col = s->col;
        p->cover_msg = s->msg;
    }
}

static void cover_set(Parser *p, int line, int col, const char *msg)
{
    if (!p->cover_err) {
        p->cover_err = true;
        p->cover_line = line;
        p->cover_col = col;
        p->cover_msg = msg;
    }
}

static bool cover_fail(Parser *p)
{
    return wf_p_error_at(p, p->cover_line, p->cover_col, "%s", p->cover_msg);
}

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

static bool is_bare_arrow(const WFAstNode *n)
{
    return n->kind == WF_AST_ARROW && !(n->flags & WF_AST_F_PARENS);
}

static bool is_literal_pattern(const WFAstNode *n)
{
    return (n->kind == WF_AST_ARRAY || n->kind == WF_AST_OBJECT) &&
           !(n->flags & WF_AST_F_PARENS);
}

/* ---------------------------------------------------------------------- */
/* Assignment targets and patterns                                         */

static bool target_error(Parser *p, WFAstNode *n)
{
    return wf_p_error_at(p, n->line, n->col, "invalid assignment target");
}

static bool check_simple_ident_target(Parser *p, WFAstNode *n)
{
    if (p->fn->strict &&
        (n->u.ident.name == p->n_eval || n->u.ident.name == p->n_arguments))
        return wf_p_error_at(p, n->line, n->col,
                             "cannot assign to '%s' in strict mode",
                             n->u.ident.name->str);
    return true;
}

static bool to_assign_elem(Parser *p, WFAstNode *n);

/* Validates n as an assignment target; converts literals to patterns when
   pattern_ok. */
bool wf_p_to_assign_target(Parser *p, WFAstNode *n, bool pattern_ok)
{
    switch (n->kind) {
    case WF_AST_IDENT:
        return check_simple_ident_target(p, n);
    case WF_AST_MEMBER:
    case WF_AST_SUPER_MEMBER:
        return true;
    case WF_AST_ARRAY_PATTERN:
    case WF_AST_OBJECT_PATTERN:
        if (!pattern_ok || (n->flags & WF_AST_F_PARENS))
            return target_error(p, n);
        return true;
    case WF_AST_ARRAY: {
        uint32_t cnt = n->u.array.elements.count;
        if (!pattern_ok || (n->flags & WF_AST_F_PARENS))
            return target_error(p, n);
        for (uint32_t i = 0; i < cnt; i++) {
            WFAstNode *e = n->u.array.elements.items[i];
            if (!e)
                continue;
            if (e->kind == WF_AST_SPREAD) {
                WFAstNode *a = e->u.spread.arg;
                if (i != cnt - 1 || (n->flags & WF_AST_F_INTERNAL))
                    return wf_p_error_at(p, e->line, e->col,
                                         "rest element must be last");
                if (a->kind == WF_AST_ASSIGN && !(a->flags & WF_AST_F_PARENS))
                    return target_error(p, a);
                TRYB(wf_p_to_assign_target(p, a, true));
                e->kind = WF_AST_REST;
                continue;
            }
            TRYB(to_assign_elem(p, e));
        }
        n->flags &= ~WF_AST_F_INTERNAL;
        n->kind = WF_AST_ARRAY_PATTERN;
        return true;
    }
    case WF_AST_OBJECT: {
        uint32_t cnt = n->u.object.props.count;
        if (!pattern_ok || (n->flags & WF_AST_F_PARENS))
            return target_error(p, n);
        for (uint32_t i = 0; i < cnt; i++) {
            WFAstNode *pr = n->u.object.props.items[i];
            switch (pr->u.prop.kind) {
            case WF_PROP_SPREAD: {
                WFAstNode *a = pr->u.prop.value;
                if (i != cnt - 1 || (n->flags & WF_AST_F_INTERNAL))
                    return wf_p_error_at(p, pr->line, pr->col,
                                         "rest element must be last");
                if (a->kind != WF_AST_IDENT && a->kind != WF_AST_MEMBER &&
                    a->kind != WF_AST_SUPER_MEMBER)
                    return target_error(p, a);
                TRYB(wf_p_to_assign_target(p, a, false));
                pr->kind = WF_AST_REST;
                pr->u.spread.arg = a;
                break;
            }
            case WF_PROP_INIT:
            case WF_PROP_PROTO:
                pr->u.prop.kind = WF_PROP_INIT;
                TRYB(to_assign_elem(p, pr->u.prop.value));
                break;
            default:
                return target_error(p, pr);
            }
        }
        n->flags &= ~WF_AST_F_INTERNAL;
        n->kind = WF_AST_OBJECT_PATTERN;
        return true;
    }
    default:
        return target_error(p, n);
    }
}

static bool to_assign_elem(Parser *p, WFAstNode *n)
{
    if (n->kind == WF_AST_ASSIGN && !(n->flags & WF_AST_F_PARENS)) {
        WFAstNode *t = n->u.assign.target, *v = n->u.assign.value;
        if (n->u.assign.op != WF_OP_ASSIGN)
            return target_error(p, n);
        TRYB(wf_p_to_assign_target(p, t, true));
        n->kind = WF_AST_ASSIGN_PATTERN;
        n->u.assign_pattern.target = t;
        n->u.assign_pattern.def = v;
        return true;
    }
    if (n->kind == WF_AST_ASSIGN_PATTERN) {
        WFAstNode *t = n->u.assign_pattern.target;
        if (t->kind == WF_AST_IDENT)
            return check_simple_ident_target(p, t);
        return wf_p_to_assign_target(p, t, true);
    }
    return wf_p_to_assign_target(p, n, true);
}

/* Converts an expression (arrow parameter) to a binding pattern. */
WFAstNode *wf_p_to_binding(Parser *p, WFAstNode *n)
{
    if (n->flags & WF_AST_F_PARENS) {
        wf_p_error_at(p, n->line, n->col, "invalid destructuring target");
        return NULL;
    }
    switch (n->kind) {
    case WF_AST_IDENT:
        TRYN(wf_p_check_binding_ident(p, n->u.ident.name, n->u.ident.escaped,
                                      n->line, n->col));
        return n;
    case WF_AST_ASSIGN: {
        WFAstNode *t = n->u.assign.target, *v = n->u.assign.value;
        if (n->u.assign.op != WF_OP_ASSIGN) {
            wf_p_error_at(p, n->line, n->col, "invalid destructuring target");
            return NULL;
        }
        TRYN(t = wf_p_to_binding(p, t));
        n->kind = WF_AST_ASSIGN_PATTERN;
        n->u.assign_pattern.target = t;
        n->u.assign_pattern.def = v;
        return n;
    }
    case WF_AST_ASSIGN_PATTERN:
        TRYN(n->u.assign_pattern.target =
                 wf_p_to_binding(p, n->u.assign_pattern.target));
        return n;
    case WF_AST_REST:
    case WF_AST_SPREAD:
        if (n->u.spread.arg->kind == WF_AST_ASSIGN ||
            n->u.spread.arg->kind == WF_AST_ASSIGN_PATTERN) {
            wf_p_error_at(p, n->line, n->col, "invalid rest element");
            return NULL;
        }
        TRYN(n->u.spread.arg = wf_p_to_binding(p, n->u.spread.arg));
        n->kind = WF_AST_REST;
        return n;
    case WF_AST_ARRAY:
    case WF_AST_ARRAY_PATTERN: {
        uint32_t cnt = n->u.array.elements.count;
        for (uint32_t i = 0; i < cnt; i++) {
            WFAstNode *e = n->u.array.elements.items[i];
            if (!e)
                continue;
            if ((e->kind == WF_AST_SPREAD || e->kind == WF_AST_REST) &&
                (i != cnt - 1 || (n->flags & WF_AST_F_INTERNAL))) {
                wf_p_error_at(p, e->line, e->col, "rest element must be last");
                return NULL;
            }
            TRYN(n->u.array.elements.items[i] = wf_p_to_binding(p, e));
        }
        n->flags &= ~WF_AST_F_INTERNAL;
        n->kind = WF_AST_ARRAY_PATTERN;
        return n;
    }
    case WF_AST_OBJECT:
    case WF_AST_OBJECT_PATTERN: {
        uint32_t cnt = n->u.object.props.count;
        for (uint32_t i = 0; i < cnt; i++) {
            WFAstNode *pr = n->u.object.props.items[i];
            if (pr->kind == WF_AST_REST ||
                (pr->kind == WF_AST_PROPERTY &&
                 pr->u.prop.kind == WF_PROP_SPREAD)) {
                WFAstNode *a = pr->kind == WF_AST_REST ? pr->u.spread.arg
                                                       : pr->u.prop.value;
                if (i != cnt - 1 || (n->flags & WF_AST_F_INTERNAL)) {
                    wf_p_error_at(p, pr->line, pr->col,
                                  "rest element must be last");
                    return NULL;
                }
                if (a->kind != WF_AST_IDENT) {
                    wf_p_error_at(p, a->line, a->col, "invalid rest element");
                    return NULL;
                }
                TRYN(a = wf_p_to_binding(p, a));
                pr->kind = WF_AST_REST;
                pr->u.spread.arg = a;
                continue;
            }
            if (pr->u.prop.kind != WF_PROP_INIT &&
                pr->u.prop.kind != WF_PROP_PROTO) {
                wf_p_error_at(p, pr->line, pr->col,
                              "invalid destructuring target");
                return NULL;
            }
            pr->u.prop.kind = WF_PROP_INIT;
            TRYN(pr->u.prop.value = wf_p_to_binding(p, pr->u.prop.value));
        }
        n->flags &= ~WF_AST_F_INTERNAL;
        n->kind = WF_AST_OBJECT_PATTERN;
        return n;
    }
    default:
        wf_p_error_at(p, n->line, n->col, "invalid destructuring target");
        return NULL;
    }
}

/* ---------------------------------------------------------------------- */
/* Binding patterns                                                        */

static WFAstNode *binding_ident(Parser *p)
{
    WFAstNode *n;
    if (p->tok.type != TOK_IDENT) {
        wf_p_unexpected(p);
        return NULL;
    }
    TRYN(wf_p_check_binding_ident(p, p->tok.name, p->tok.escaped, p->tok.line,
                                  p->tok.col));
    TRYN(n = wf_p_node_tok(p, WF_AST_IDENT));
    n->u.ident.name = p->tok.name;
    n->u.ident.escaped = p->tok.escaped;
    TRYN(wf_p_next(p));
    return n;
}

WFAstNode *wf_p_property_key(Parser *p, bool *computed, bool allow_private)
{
    WFAstNode *n;
    *computed = false;
    switch (p->tok.type) {
    case TOK_STRING:
        if (p->tok.legacy_octal && p->fn->strict) {
            wf_p_error_at(p, p->tok.bad_line, p->tok.bad_col,
                          "octal escape sequences are not allowed in strict "
                          "mode");
            return NULL;
        }
        TRYN(n = wf_p_node_tok(p, WF_AST_STRING));
        n->u.str.str = p->tok.str;
        n->u.str.has_octal_escape = p->tok.legacy_octal;
        break;
    case TOK_NUMBER:
        if (p->tok.legacy_octal && p->fn->strict) {
            wf_p_error(p, "legacy octal literals are not allowed in strict "
                          "mode");
            return NULL;
        }
        TRYN(n = wf_p_node_tok(p, WF_AST_NUMBER));
        n->u.num.value = p->tok.num;
        break;
    case TOK_BIGINT:
        TRYN(n = wf_p_node_tok(p, WF_AST_BIGINT));
        n->u.bigint.digits = p->tok.text;
        n->u.bigint.len = p->tok.text_len;
        n->u.bigint.radix = (uint8_t)p->tok.radix;
        break;
    case TOK_LBRACKET:
        TRYN(wf_p_next(p));
        TRYN(n = wf_p_assign(p, 0));
        if (p->tok.type != TOK_RBRACKET) {
            wf_p_unexpected(p);
            return NULL;
        }
        *computed = true;
        break;
    case TOK_PRIVATE:
        if (!allow_private) {
            wf_p_unexpected(p);
            return NULL;
        }
        if (p->tok.name == p->n_hash_constructor) {
            wf_p_error(p, "'#constructor' is not a valid private name");
            return NULL;
        }
        TRYN(n = wf_p_node_tok(p, WF_AST_PRIVATE_NAME));
        n->u.private_name.name = p->tok.name;
        break;
    default:
        if (p->tok.type == TOK_IDENT || p->tok.type >= TOK_FIRST_KEYWORD) {
            TRYN(n = wf_p_node_tok(p, WF_AST_IDENT));
            n->u.ident.name = p->tok.name;
            n->u.ident.escaped = p->tok.escaped;
            break;
        }
        wf_p_unexpected(p);
        return NULL;
    }
    TRYN(wf_p_next(p));
    return n;
}

static WFAstNode *binding_element_default(Parser *p, WFAstNode *t)
{
    WFAstNode *n, *d;
    if (p->tok.type != TOK_ASSIGN)
        return t;
    TRYN(n = wf_p_node(p, WF_AST_ASSIGN_PATTERN, t->line, t->col));
    TRYN(wf_p_next(p));
    TRYN(d = wf_p_assign(p, 0));
    n->u.assign_pattern.target = t;
    n->u.assign_pattern.def = d;
    return n;
}

static WFAstNode *array_binding(Parser *p)
{
    WFAstNode *n;
    NodeVec v = {0};
    TRYN(n = wf_p_node_tok(p, WF_AST_ARRAY_PATTERN));
    TRYN(wf_p_next(p));
    while (p->tok.type != TOK_RBRACKET) {
        if (p->tok.type == TOK_COMMA) {
            TRYN(wf_p_vec_push(p, &v, NULL));
            TRYN(wf_p_next(p));
            continue;
        }
        if (p->tok.type == TOK_ELLIPSIS) {
            WFAstNode *r;
            TRYN(r = wf_p_node_tok(p, WF_AST_REST));
            TRYN(wf_p_next(p));
            TRYN(r->u.spread.arg = wf_p_binding_target(p));
            TRYN(wf_p_vec_push(p, &v, r));
            if (p->tok.type != TOK_RBRACKET) {
                wf_p_error(p, "rest element must be last");
                return NULL;
            }
            break;
        }
        WFAstNode *e;
        TRYN(e = wf_p_binding_element(p));
        TRYN(wf_p_vec_push(p, &v, e));
        if (p->tok.type != TOK_RBRACKET)
            TRYN(wf_p_expect(p, TOK_COMMA));
    }
    TRYN(wf_p_next(p));
    n->u.array.elements = wf_p_vec_list(&v);
    return n;
}

static WFAstNode *object_binding(Parser *p)
{
    WFAstNode *n;
    NodeVec v = {0};
    TRYN(n = wf_p_node_tok(p, WF_AST_OBJECT_PATTERN));
    TRYN(wf_p_next(p));
    while (p->tok.type != TOK_RBRACE) {
        WFAstNode *pr;
        if (p->tok.type == TOK_ELLIPSIS) {
            TRYN(pr = wf_p_node_tok(p, WF_AST_REST));
            TRYN(wf_p_next(p));
            TRYN(pr->u.spread.arg = binding_ident(p));
            TRYN(wf_p_vec_push(p, &v, pr));
            if (p->tok.type != TOK_RBRACE) {
                wf_p_error(p, "rest element must be last");
                return NULL;
            }
            break;
        }
        int ktype = p->tok.type;
        bool kesc = p->tok.escaped, computed;
        int kline = p->tok.line, kcol = p->tok.col;
        TRYN(pr = wf_p_node_tok(p, WF_AST_PROPERTY));
        TRYN(pr->u.prop.key = wf_p_property_key(p, &computed, false));
        pr->u.prop.computed = computed;
        pr->u.prop.kind = WF_PROP_INIT;
        if (p->tok.type == TOK_COLON) {
            TRYN(wf_p_next(p));
            TRYN(pr->u.prop.value = wf_p_binding_element(p));
        } else {
            WFAstNode *id;
            WFAstName *name = pr->u.prop.key->kind == WF_AST_IDENT
                                  ? pr->u.prop.key->u.ident.name
                                  : NULL;
            if (ktype != TOK_IDENT || computed) {
                if (ktype >= TOK_FIRST_KEYWORD) {
                    wf_p_error_at(p, kline, kcol, "unexpected keyword '%s'",
                                  name->str);
                    return NULL;
                }
                wf_p_unexpected(p);
                return NULL;
            }
            TRYN(wf_p_check_binding_ident(p, name, kesc, kline, kcol));
            TRYN(id = wf_p_node(p, WF_AST_IDENT, kline, kcol));
            id->u.ident.name = name;
            id->u.ident.escaped = kesc;
            pr->u.prop.shorthand = true;
            TRYN(pr->u.prop.value = binding_element_default(p, id));
        }
        TRYN(wf_p_vec_push(p, &v, pr));
        if (p->tok.type != TOK_RBRACE)
            TRYN(wf_p_expect(p, TOK_COMMA));
    }
    TRYN(wf_p_next(p));
    n->u.object.props = wf_p_vec_list(&v);
    return n;
}

WFAstNode *wf_p_binding_target(Parser *p)
{
    WFAstNode *n;
    TRYN(wf_p_enter(p));
    if (p->tok.type == TOK_LBRACKET)
        n = array_binding(p);
    else if (p->tok.type == TOK_LBRACE)
        n = object_binding(p);
    else
        n = binding_ident(p);
    wf_p_leave(p);
    return n;
}

WFAstNode *wf_p_binding_element(Parser *p)
{
    WFAstNode *t;
    TRYN(t = wf_p_binding_target(p));
    return binding_element_default(p, t);
}

/* ---------------------------------------------------------------------- */
/* Primary expressions                                                     */

WFAstNode *wf_p_template(Parser *p, bool tagged)
{
    WFAstNode *n;
    NodeVec q = {0}, e = {0};
    TRYN(n = wf_p_node_tok(p, WF_AST_TEMPLATE));
    for (;;) {
        WFAstNode *el;
        if (p->tok.type != TOK_TEMPLATE) {
            wf_p_unexpected(p);
            return NULL;
        }
        if (!p->tok.cooked_valid && !tagged) {
            wf_p_error_at(p, p->tok.bad_line, p->tok.bad_col,
                          "invalid escape sequence in template literal");
            return NULL;
        }
        TRYN(el = wf_p_node_tok(p, WF_AST_TEMPLATE_ELEM));
        el->u.tmpl_elem.cooked = p->tok.str;
        el->u.tmpl_elem.cooked_valid = p->tok.cooked_valid;
        el->u.tmpl_elem.raw = p->tok.raw;
        TRYN(wf_p_vec_push(p, &q, el));
        if (p->tok.tail) {
            TRYN(wf_p_next(p));
            break;
        }
        TRYN(wf_p_next(p));
        WFAstNode *x;
        TRYN(x = wf_p_expression(p, 0));
        TRYN(wf_p_vec_push(p, &e, x));
        if (p->tok.type != TOK_RBRACE) {
            wf_p_unexpected(p);
            return NULL;
        }
        if (wf_lex_rescan_template(&p->lx, &p->tok) == TOK_ERROR) {
            if (p->lx.oom)
                wf_p_oom(p);
            else
                wf_p_error_at(p, p->lx.err_line, p->lx.err_col, "%s",
                              p->lx.err_msg);
            return NULL;
        }
        p->tok.end = p->lx.st.pos;
    }
    n->u.tmpl.quasis = wf_p_vec_list(&q);
    n->u.tmpl.exprs = wf_p_vec_list(&e);
    return n;
}

NOINLINE static WFAstNode *array_literal(Parser *p)
{
    WFAstNode *n;
    NodeVec v = {0};
    TRYN(n = wf_p_node_tok(p, WF_AST_ARRAY));
    TRYN(wf_p_next(p));
    while (p->tok.type != TOK_RBRACKET) {
        WFAstNode *e;
        if (p->tok.type == TOK_COMMA) {
            TRYN(wf_p_vec_push(p, &v, NULL));
            TRYN(wf_p_next(p));
            continue;
        }
        if (p->tok.type == TOK_ELLIPSIS) {
            TRYN(e = wf_p_node_tok(p, WF_AST_SPREAD));
            TRYN(wf_p_next(p));
            TRYN(e->u.spread.arg = wf_p_assign(p, PF_COVER));
            TRYN(wf_p_vec_push(p, &v, e));
            if (p->tok.type == TOK_COMMA) {
                TRYN(wf_p_next(p));
                if (p->tok.type == TOK_RBRACKET)
                    n->flags |= WF_AST_F_INTERNAL;
            } else if (p->tok.type != TOK_RBRACKET) {
                wf_p_unexpected(p);
                return NULL;
            }
            continue;
        }
        TRYN(e = wf_p_assign(p, PF_COVER));
        TRYN(wf_p_vec_push(p, &v, e));
        if (p->tok.type != TOK_RBRACKET)
            TRYN(wf_p_expect(p, TOK_COMMA));
    }
    TRYN(wf_p_next(p));
    n->u.array.elements = wf_p_vec_list(&v);
    return n;
}

static bool is_proto_key(Parser *p, WFAstNode *key)
{
    if (key->kind == WF_AST_IDENT)
        return key->u.ident.name == p->n_proto;
    if (key->kind == WF_AST_STRING) {
        const WFAstStr *s = &key->u.str.str;
        if (s->len != 9 || s->wide)
            return false;
        return !memcmp(s->u.s8, "__proto__", 9);
    }
    return false;
}

/* token after `async` / `get` / `set` that makes it a modifier */
static bool is_key_start(const WFToken *t)
{
    return t->type == TOK_IDENT || t->type >= TOK_FIRST_KEYWORD ||
           t->type == TOK_STRING || t->type == TOK_NUMBER ||
           t->type == TOK_BIGINT || t->type == TOK_LBRACKET ||
           t->type == TOK_PRIVATE;
}

NOINLINE static WFAstNode *object_literal(Parser *p)
{
    WFAstNode *n;
    NodeVec v = {0};
    bool has_proto = false;
    TRYN(n = wf_p_node_tok(p, WF_AST_OBJECT));
    TRYN(wf_p_next(p));
    while (p->tok.type != TOK_RBRACE) {
        WFAstNode *pr;
        const WFToken *pk;
        bool is_async = false, is_gen = false, computed;
        uint8_t kind = WF_PROP_INIT;
        uint32_t start = p->tok.start;
        int line = p->tok.line, col = p->tok.col;
        TRYN(pr = wf_p_node_tok(p, WF_AST_PROPERTY));
        if (p->tok.type == TOK_ELLIPSIS) {
            TRYN(wf_p_next(p));
            pr->u.prop.kind = WF_PROP_SPREAD;
            TRYN(pr->u.prop.value = wf_p_assign(p, PF_COVER));
            TRYN(wf_p_vec_push(p, &v, pr));
            if (p->tok.type == TOK_COMMA) {
                TRYN(wf_p_next(p));
                if (p->tok.type == TOK_RBRACE)
                    n->flags |= WF_AST_F_INTERNAL;
            } else if (p->tok.type != TOK_RBRACE) {
                wf_p_unexpected(p);
                return NULL;
            }
            continue;
        }
        if (wf_p_is_name(p, p->n_async)) {
            pk = wf_p_peek(p);
            if (!pk->nl_before && (is_key_start(pk) || pk->type == TOK_STAR)) {
                is_async = true;
                TRYN(wf_p_next(p));
            }
        }
        if (p->tok.type == TOK_STAR) {
            is_gen = true;
            TRYN(wf_p_next(p));
        }
        if (!is_async && !is_gen &&
            (wf_p_is_name(p, p->n_get) || wf_p_is_name(p, p->n_set))) {
            pk = wf_p_peek(p);
            if (is_key_start(pk)) {
                kind = p->tok.name == p->n_get ? WF_PROP_GETTER
                                               : WF_PROP_SETTER;
                TRYN(wf_p_next(p));
            }
        }
        int ktype = p->tok.type;
        bool kesc = p->tok.escaped;
        int kline = p->tok.line, kcol = p->tok.col;
        TRYN(pr->u.prop.key = wf_p_property_key(p, &computed, false));
        pr->u.prop.computed = computed;
        if (is_async || is_gen || kind != WF_PROP_INIT ||
            p->tok.type == TOK_LPAREN) {
            uint8_t fk = kind == WF_PROP_GETTER   ? WF_FUNC_GETTER
                         : kind == WF_PROP_SETTER ? WF_FUNC_SETTER
                                                  : WF_FUNC_METHOD;
            pr->u.prop.kind = kind == WF_PROP_INIT ? WF_PROP_METHOD : kind;
            TRYN(pr->u.prop.value = wf_p_method(p, fk, is_async, is_gen, start,
                                                line, col, NULL, false));
            pr->u.prop.value->u.func.func->is_computed_key = computed;
        } else if (p->tok.type == TOK_COLON) {
            TRYN(wf_p_next(p));
            pr->u.prop.kind = WF_PROP_INIT;
            if (!computed && is_proto_key(p, pr->u.prop.key)) {
                pr->u.prop.kind = WF_PROP_PROTO;
                if (has_proto)
                    cover_set(p, kline, kcol,
                              "duplicate __proto__ property in object literal");
                has_proto = true;
            }
            TRYN(pr->u.prop.value = wf_p_assign(p, PF_COVER));
        } else {
            WFAstNode *id;
            WFAstName *name = pr->u.prop.key->u.ident.name;
            if (ktype != TOK_IDENT || computed) {
                if (ktype >= TOK_FIRST_KEYWORD)
                    wf_p_error_at(p, kline, kcol, "unexpected keyword '%s'",
                                  pr->u.prop.key->u.ident.name->str);
                else
                    wf_p_unexpected(p);
                return NULL;
            }
            TRYN(wf_p_check_ident_ref(p, name, kesc, kline, kcol));
            TRYN(id = wf_p_node(p, WF_AST_IDENT, kline, kcol));
            id->u.ident.name = name;
            id->u.ident.escaped = kesc;
            pr->u.prop.shorthand = true;
            pr->u.prop.kind = WF_PROP_INIT;
            if (p->tok.type == TOK_ASSIGN) {
                WFAstNode *ap;
                cover_set(p, p->tok.line, p->tok.col,
                          "invalid shorthand property initializer");
                TRYN(ap = wf_p_node(p, WF_AST_ASSIGN_PATTERN, kline, kcol));
                TRYN(wf_p_next(p));
                ap->u.assign_pattern.target = id;
                TRYN(ap->u.assign_pattern.def = wf_p_assign(p, 0));
                id = ap;
            }
            pr->u.prop.value = id;
        }
        TRYN(wf_p_vec_push(p, &v, pr));
        if (p->tok.type != TOK_RBRACE)
            TRYN(wf_p_expect(p, TOK_COMMA));
    }
    TRYN(wf_p_next(p));
    n->u.object.props = wf_p_vec_list(&v);
    return n;
}

/* Arguments of a call: '(' already current. */
bool wf_p_args(Parser *p, NodeVec *args, bool cover, bool *trailing_after_spread)
{
    TRYB(wf_p_next(p));
    while (p->tok.type != TOK_RPAREN) {
        WFAstNode *a;
        if (p->tok.type == TOK_ELLIPSIS) {
            TRYB(a = wf_p_node_tok(p, WF_AST_SPREAD));
            TRYB(wf_p_next(p));
            TRYB(a->u.spread.arg = wf_p_assign(p, cover ? PF_COVER : 0));
            TRYB(wf_p_vec_push(p, args, a));
            if (p->tok.type == TOK_COMMA) {
                TRYB(wf_p_next(p));
                if (p->tok.type == TOK_RPAREN && trailing_after_spread)
                    *trailing_after_spread = true;
            } else if (p->tok.type != TOK_RPAREN) {
                return wf_p_unexpected(p);
            }
            continue;
        }
        TRYB(a = wf_p_assign(p, cover ? PF_COVER : 0));
        TRYB(wf_p_vec_push(p, args, a));
        if (p->tok.type != TOK_RPAREN)
            TRYB(wf_p_expect(p, TOK_COMMA));
    }
    return wf_p_next(p);
}

typedef struct Counters {
    uint32_t this_, args, eval, sp, sc, nt;
} Counters;

static void counters_get(Parser *p, Counters *c)
{
    c->this_ = p->c_this;
    c->args = p->c_args;
    c->eval = p->c_eval;
    c->sp = p->c_superprop;
    c->sc = p->c_supercall;
    c->nt = p->c_newtarget;
}

static WFAstNode *make_arrow(Parser *p, NodeVec *params, bool is_async,
                             uint32_t start, int line, int col, int flags,
                             const Counters *c, int64_t cover_start)
{
    PFunc *fc = p->fn;
    if (fc->last_yield >= cover_start) {
        wf_p_error(p, "yield expression not allowed in arrow parameters");
        return NULL;
    }
    if (fc->last_await >= cover_start) {
        wf_p_error(p, "await expression not allowed in arrow parameters");
        return NULL;
    }
    if (is_async && fc->last_await_ident >= cover_start) {
        wf_p_error(p, "'await' is not allowed in async arrow parameters");
        return NULL;
    }
    return wf_p_arrow(p, params, is_async, start, line, col, flags, c->this_,
                      c->args, c->eval, c->sp, c->sc, c->nt);
}

/* '(' ... ')' : parenthesized expression or arrow parameters */
NOINLINE static WFAstNode *paren_or_arrow(Parser *p, int flags)
{
    uint32_t start = p->tok.start;
    int line = p->tok.line, col = p->tok.col;
    NodeVec items = {0};
    bool rest = false, trailing = false;
    Counters c;
    CoverSave cs;
    WFAstNode *e;

    counters_get(p, &c);
    cover_save(p, &cs);
    TRYN(wf_p_next(p));
    while (p->tok.type != TOK_RPAREN) {
        if (p->tok.type == TOK_ELLIPSIS) {
            WFAstNode *r;
            TRYN(r = wf_p_node_tok(p, WF_AST_REST));
            TRYN(wf_p_next(p));
            TRYN(r->u.spread.arg = wf_p_binding_target(p));
            TRYN(wf_p_vec_push(p, &items, r));
            rest = true;
            if (p->tok.type != TOK_RPAREN) {
                wf_p_unexpected(p);
                return NULL;
            }
            break;
        }
        TRYN(e = wf_p_assign(p, PF_COVER));
        TRYN(wf_p_vec_push(p, &items, e));
        if (p->tok.type == TOK_COMMA) {
            TRYN(wf_p_next(p));
            if (p->tok.type == TOK_RPAREN)
                trailing = true;
        } else if (p->tok.type != TOK_RPAREN) {
            wf_p_unexpected(p);
            return NULL;
        }
    }
    TRYN(wf_p_next(p));
    if (p->tok.type == TOK_ARROW && !p->tok.nl_before) {
        p->cover_err = false;
        cover_restore(p, &cs);
        for (uint32_t i = 0; i < items.count; i++)
            TRYN(items.items[i] = wf_p_to_binding(p, items.items[i]));
        return make_arrow(p, &items, false, start, line, col, flags, &c,
                          (int64_t)start);
    }
    if (items.count == 0 || rest || trailing) {
        wf_p_unexpected(p);
        return NULL;
    }
    if (p->cover_err) {
        cover_fail(p);
        return NULL;
    }
    cover_restore(p, &cs);
    if (items.count == 1) {
        e = items.items[0];
    } else {
        TRYN(e = wf_p_node(p, WF_AST_SEQUENCE, items.items[0]->line,
                           items.items[0]->col));
        e->u.seq.exprs = wf_p_vec_list(&items);
    }
    e->flags |= WF_AST_F_PARENS;
    return e;
}

static WFAstNode *ident_node(Parser *p, const TokPos *t)
{
    WFAstNode *n;
    TRYN(n = wf_p_node(p, WF_AST_IDENT, t->line, t->col));
    n->u.ident.name = t->name;
    n->u.ident.escaped = t->escaped;
    return n;
}

/* identifier in expression position (possibly `x => ...`, `async ...`) */
NOINLINE static WFAstNode *primary_ident(Parser *p, int flags)
{
    TokPos t = wf_tok_pos(&p->tok);
    WFAstNode *n;
    Counters c;

    counters_get(p, &c);
    if (t.name == p->n_async && !t.escaped) {
        TRYN(wf_p_next(p));
        if (p->tok.nl_before)
            goto plain;
        if (p->tok.type == TOK_FUNCTION)
            return wf_p_function(p, FN_EXPR, true, t.start, t.line, t.col);
        if (p->tok.type == TOK_IDENT) {
            /* async x => ... */
            NodeVec v = {0};
            int64_t cstart = p->tok.start;
            const WFToken *pk;
            pk = wf_p_peek(p);
            if (pk->type != TOK_ARROW)
                goto plain;
            TRYN(wf_p_check_binding_ident(p, p->tok.name, p->tok.escaped,
                                          p->tok.line, p->tok.col));
            { TokPos cur = wf_tok_pos(&p->tok); TRYN(n = ident_node(p, &cur)); }
            TRYN(wf_p_next(p));
            if (p->tok.type != TOK_ARROW || p->tok.nl_before) {
                wf_p_unexpected(p);
                return NULL;
            }
            TRYN(wf_p_vec_push(p, &v, n));
            (void)cstart;
            return make_arrow(p, &v, true, t.start, t.line, t.col, flags, &c,
                              INT64_MAX);
        }
        if (p->tok.type == TOK_LPAREN) {
            /* async(...) call or async arrow head */
            NodeVec args = {0};
            bool tas = false;
            CoverSave cs;
            WFAstNode *callee;
            int pl = p->tok.line, pc = p->tok.col;
            cover_save(p, &cs);
            TRYN(wf_p_args(p, &args, true, &tas));
            if (p->tok.type == TOK_ARROW && !p->tok.nl_before) {
                p->cover_err = false;
                cover_restore(p, &cs);
                for (uint32_t i = 0; i < args.count; i++) {
                    WFAstNode *a = args.items[i];
                    if (a->kind == WF_AST_SPREAD &&
                        (i != args.count - 1 || tas)) {
                        wf_p_error_at(p, a->line, a->col,
                                      "rest parameter must be last");
                        return NULL;
                    }
                    TRYN(args.items[i] = wf_p_to_binding(p, a));
                }
                return make_arrow(p, &args, true, t.start, t.line, t.col, flags,
                                  &c, (int64_t)t.start);
            }
            if (p->cover_err) {
                cover_fail(p);
                return NULL;
            }
            cover_restore(p, &cs);
            TRYN(wf_p_check_ident_ref(p, t.name, t.escaped, t.line, t.col));
            TRYN(callee = ident_node(p, &t));
            TRYN(n = wf_p_node(p, WF_AST_CALL, t.line, t.col));
            n->u.call.callee = callee;
            n->u.call.args = wf_p_vec_list(&args);
            n->u.call.pos_line = pl;
            n->u.call.pos_col = pc;
            return n;
        }
        goto plain;
    }
    TRYN(wf_p_next(p));
plain:
    if (p->tok.type == TOK_ARROW && !p->tok.nl_before) {
        NodeVec v = {0};
        TRYN(n = ident_node(p, &t));
        TRYN(wf_p_vec_push(p, &v, n));
        TRYN(wf_p_check_binding_ident(p, t.name, t.escaped, t.line, t.col));
        return make_arrow(p, &v, false, t.start, t.line, t.col, flags, &c,
                          INT64_MAX);
    }
    TRYN(wf_p_check_ident_ref(p, t.name, t.escaped, t.line, t.col));
    return ident_node(p, &t);
}

static WFAstNode *primary(Parser *p, int flags)
{
    WFAstNode *n;
    switch (p->tok.type) {
    case TOK_IDENT:
        return primary_ident(p, flags);
    case TOK_THIS:
        wf_p_use_this(p);
        TRYN(n = wf_p_node_tok(p, WF_AST_THIS));
        break;
    case TOK_NULL:
        TRYN(n = wf_p_node_tok(p, WF_AST_NULL));
        break;
    case TOK_TRUE:
    case TOK_FALSE:
        TRYN(n = wf_p_node_tok(p, WF_AST_BOOL));
        n->u.boolean.value = p->tok.type == TOK_TRUE;
        break;
    case TOK_NUMBER:
    case TOK_STRING:
    case TOK_BIGINT: {
        bool computed;
        return wf_p_property_key(p, &computed, false);
    }
    case TOK_TEMPLATE:
        return wf_p_template(p, false);
    case TOK_DIV:
    case TOK_DIV_ASSIGN:
        if (wf_lex_rescan_regexp(&p->lx, &p->tok) == TOK_ERROR) {
            if (p->lx.oom)
                wf_p_oom(p);
            else
                wf_p_error_at(p, p->lx.err_line, p->lx.err_col, "%s",
                              p->lx.err_msg);
            return NULL;
        }
        TRYN(n = wf_p_node_tok(p, WF_AST_REGEXP));
        n->u.regexp.pattern = p->tok.text;
        n->u.regexp.pattern_len = p->tok.text_len;
        n->u.regexp.flags = p->tok.flags;
        n->u.regexp.flags_len = p->tok.flags_len;
        if (p->opt->validate_regexp) {
            char msg[200];
            msg[0] = 0;
            if (!p->opt->validate_regexp(p->opt->re_opaque, p->tok.text,
                                         p->tok.text_len, p->tok.flags,
                                         p->tok.flags_len, msg, sizeof(msg))) {
                wf_p_error(p, "invalid regular expression: %s", msg);
                return NULL;
            }
        }
        break;
    case TOK_LBRACKET:
        return array_literal(p);
    case TOK_LBRACE:
        return object_literal(p);
    case TOK_LPAREN:
        return paren_or_arrow(p, flags);
    case TOK_FUNCTION:
        return wf_p_function(p, FN_EXPR, false, p->tok.start, p->tok.line,
                             p->tok.col);
    case TOK_CLASS:
        return wf_p_class(p, false, true);
    default:
        wf_p_unexpected(p);
        return NULL;
    }
    TRYN(wf_p_next(p));
    return n;
}

/* ---------------------------------------------------------------------- */
/* Member, call, new, super, import                                        */

static WFAstNode *super_expr(Parser *p, bool allow_call)
{
    WFAstNode *n;
    int line = p->tok.line, col = p->tok.col;
    PFunc *fc = wf_p_nonarrow(p);
    bool top = fc && !fc->up;
    TRYN(wf_p_next(p));
    if (p->tok.type == TOK_LPAREN && allow_call) {
        NodeVec args = {0};
        bool ok = fc && fc->kind == WF_FUNC_DERIVED_CONSTRUCTOR;
        if (top && p->opt->is_eval && p->opt->allow_super_call)
            ok = true;
        if (!ok) {
            wf_p_error_at(p, line, col, "'super' call is not allowed here");
            return NULL;
        }
        TRYN(n = wf_p_node(p, WF_AST_SUPER_CALL, line, col));
        n->u.call.pos_line = p->tok.line;
        n->u.call.pos_col = p->tok.col;
        TRYN(wf_p_args(p, &args, false, NULL));
        n->u.call.args = wf_p_vec_list(&args);
        p->c_supercall++;
        wf_p_use_this(p);
        for (PFunc *u = p->fn; u; u = u->up) {
            u->f->uses_super_call = true;
            if (!u->is_arrow)
                break;
        }
        return n;
    }
    if (p->tok.type == TOK_DOT || p->tok.type == TOK_LBRACKET) {
        bool ok = fc && (fc->kind == WF_FUNC_METHOD ||
                         fc->kind == WF_FUNC_GETTER ||
                         fc->kind == WF_FUNC_SETTER ||
                         fc->kind == WF_FUNC_CLASS_CONSTRUCTOR ||
                         fc->kind == WF_FUNC_DERIVED_CONSTRUCTOR ||
                         fc->kind == WF_FUNC_FIELD_INIT ||
                         fc->kind == WF_FUNC_STATIC_BLOCK);
        if (top && p->opt->is_eval && p->opt->allow_super_property)
            ok = true;
        if (!ok) {
            wf_p_error_at(p, line, col, "'super' property is not allowed here");
            return NULL;
        }
        TRYN(n = wf_p_node(p, WF_AST_SUPER_MEMBER, line, col));
        if (p->tok.type == TOK_DOT) {
            TRYN(wf_p_next(p));
            if (p->tok.type != TOK_IDENT && p->tok.type < TOK_FIRST_KEYWORD) {
                wf_p_unexpected(p);
                return NULL;
            }
            n->u.member.name = p->tok.name;
            n->u.member.pos_line = p->tok.line;
            n->u.member.pos_col = p->tok.col;
            TRYN(wf_p_next(p));
        } else {
            n->u.member.pos_line = p->tok.line;
            n->u.member.pos_col = p->tok.col;
            TRYN(wf_p_next(p));
            TRYN(n->u.member.prop = wf_p_expression(p, 0));
            TRYN(wf_p_expect(p, TOK_RBRACKET));
        }
        p->c_superprop++;
        wf_p_use_this(p);
        for (PFunc *u = p->fn; u; u = u->up) {
            u->f->uses_super_property = true;
            if (!u->is_arrow)
                break;
        }
        return n;
    }
    wf_p_error_at(p, line, col, "'super' keyword unexpected here");
    return NULL;
}

static bool new_target_ok(Parser *p)
{
    PFunc *fc = wf_p_nonarrow(p);
    if (fc && fc->up)
        return true;    /* inside a non-arrow function (or field init) */
    return p->opt->is_eval && p->opt->allow_new_target;
}

static WFAstNode *import_expr(Parser *p, bool allow_call)
{
    WFAstNode *n;
    int line = p->tok.line, col = p->tok.col;
    TRYN(wf_p_next(p));
    if (p->tok.type == TOK_DOT) {
        TRYN(wf_p_next(p));
        if (!wf_p_is_name(p, p->n_meta)) {
            wf_p_unexpected(p);
            return NULL;
        }
        if (!p->is_module) {
            wf_p_error_at(p, line, col,
                          "'import.meta' is only valid in module code");
            return NULL;
        }
        TRYN(n = wf_p_node(p, WF_AST_IMPORT_META, line, col));
        TRYN(wf_p_next(p));
        return n;
    }
    if (p->tok.type == TOK_LPAREN && allow_call) {
        TRYN(n = wf_p_node(p, WF_AST_IMPORT_CALL, line, col));
        TRYN(wf_p_next(p));
        TRYN(n->u.import_call.source = wf_p_assign(p, 0));
        if (p->tok.type == TOK_COMMA) {
            TRYN(wf_p_next(p));
            if (p->tok.type != TOK_RPAREN) {
                TRYN(n->u.import_call.options = wf_p_assign(p, 0));
                if (p->tok.type == TOK_COMMA)
                    TRYN(wf_p_next(p));
            }
        }
        TRYN(wf_p_expect(p, TOK_RPAREN));
        return n;
    }
    wf_p_unexpected(p);
    return NULL;
}

static WFAstNode *suffixes(Parser *p, WFAstNode *e, bool allow_call);

static WFAstNode *new_expr(Parser *p)
{
    WFAstNode *n, *callee;
    int line = p->tok.line, col = p->tok.col;
    TRYN(wf_p_enter(p));
    TRYN(wf_p_next(p));
    if (p->tok.type == TOK_DOT) {
        TRYN(wf_p_next(p));
        if (!wf_p_is_name(p, p->n_target)) {
            wf_p_unexpected(p);
            return NULL;
        }
        if (!new_target_ok(p)) {
            wf_p_error_at(p, line, col, "'new.target' is not allowed here");
            return NULL;
        }
        p->c_newtarget++;
        for (PFunc *u = p->fn; u; u = u->up) {
            u->f->uses_new_target = true;
            if (!u->is_arrow)
                break;
        }
        TRYN(n = wf_p_node(p, WF_AST_NEW_TARGET, line, col));
        TRYN(wf_p_next(p));
        wf_p_leave(p);
        return n;
    }
    if (p->tok.type == TOK_NEW)
        callee = new_expr(p);
    else if (p->tok.type == TOK_SUPER)
        callee = super_expr(p, false);
    else if (p->tok.type == TOK_IMPORT) {
        const WFToken *pk;
        pk = wf_p_peek(p);
        if (pk->type == TOK_LPAREN) {
            wf_p_error(p, "cannot use new with import()");
            return NULL;
        }
        callee = import_expr(p, false);
    } else
        callee = primary(p, 0);
    TRYN(callee);
    if (is_bare_arrow(callee)) {
        wf_p_error_at(p, callee->line, callee->col, "invalid use of arrow");
        return NULL;
    }
    TRYN(callee = suffixes(p, callee, false));
    TRYN(n = wf_p_node(p, WF_AST_NEW, line, col));
    n->u.call.callee = callee;
    n->u.call.pos_line = line;
    n->u.call.pos_col = col;
    if (p->tok.type == TOK_LPAREN) {
        NodeVec args = {0};
        n->u.call.pos_line = p->tok.line;
        n->u.call.pos_col = p->tok.col;
        TRYN(wf_p_args(p, &args, false, NULL));
        n->u.call.args = wf_p_vec_list(&args);
    }
    wf_p_leave(p);
    return n;
}

static WFAstNode *suffixes(Parser *p, WFAstNode *e, bool allow_call)
{
    bool in_chain = false;
    WFAstNode *n;
    for (;;) {
        bool optional = false;
        switch (p->tok.type) {
        case TOK_OPTCHAIN:
            if (!allow_call) {
                wf_p_error(p, "optional chain not allowed in new expression");
                return NULL;
            }
            TRYN(wf_p_next(p));
            in_chain = true;
            optional = true;
            if (p->tok.type == TOK_LPAREN)
                goto call;
            if (p->tok.type == TOK_LBRACKET)
                goto index;
            if (p->tok.type == TOK_TEMPLATE) {
                wf_p_error(p, "tagged template in optional chain");
                return NULL;
            }
            goto name;
        case TOK_DOT:
            TRYN(wf_p_next(p));
        name:
            TRYN(n = wf_p_node(p, WF_AST_MEMBER, e->line, e->col));
            n->u.member.object = e;
            n->u.member.optional = optional;
            n->u.member.pos_line = p->tok.line;
            n->u.member.pos_col = p->tok.col;
            if (p->tok.type == TOK_PRIVATE) {
                n->u.member.is_private = true;
                wf_p_private_ref(p, p->tok.name, p->tok.line, p->tok.col);
            } else if (p->tok.type != TOK_IDENT &&
                       p->tok.type < TOK_FIRST_KEYWORD) {
                wf_p_unexpected(p);
                return NULL;
            }
            n->u.member.name = p->tok.name;
            TRYN(wf_p_next(p));
            e = n;
            break;
        case TOK_LBRACKET:
        index:
            TRYN(n = wf_p_node(p, WF_AST_MEMBER, e->line, e->col));
            n->u.member.object = e;
            n->u.member.optional = optional;
            n->u.member.pos_line = p->tok.line;
            n->u.member.pos_col = p->tok.col;
            TRYN(wf_p_next(p));
            TRYN(n->u.member.prop = wf_p_expression(p, 0));
            TRYN(wf_p_expect(p, TOK_RBRACKET));
            e = n;
            break;
        case TOK_LPAREN:
            if (!allow_call)
                goto done;
        call: {
            NodeVec args = {0};
            TRYN(n = wf_p_node(p, WF_AST_CALL, e->line, e->col));
            n->u.call.callee = e;
            n->u.call.optional = optional;
            n->u.call.pos_line = p->tok.line;
            n->u.call.pos_col = p->tok.col;
            TRYN(wf_p_args(p, &args, false, NULL));
            n->u.call.args = wf_p_vec_list(&args);
            if (e->kind == WF_AST_IDENT && e->u.ident.name == p->n_eval &&
                !optional) {
                n->u.call.is_direct_eval = true;
                wf_p_use_eval(p);
            }
            e = n;
            break;
        }
        case TOK_TEMPLATE:
            if (in_chain) {
                wf_p_error(p, "tagged template in optional chain");
                return NULL;
            }
            TRYN(n = wf_p_node(p, WF_AST_TAGGED_TEMPLATE, e->line, e->col));
            n->u.tagged.tag = e;
            n->u.tagged.site_id = p->tagged_sites++;
            TRYN(n->u.tagged.quasi = wf_p_template(p, true));
            e = n;
            break;
        default:
            goto done;
        }
    }
done:
    if (in_chain) {
        TRYN(n = wf_p_node(p, WF_AST_OPTIONAL_CHAIN, e->line, e->col));
        n->u.chain.expr = e;
        e = n;
    }
    return e;
}

static WFAstNode *call_member(Parser *p, int flags)
{
    WFAstNode *e;
    switch (p->tok.type) {
    case TOK_NEW:
        e = new_expr(p);
        break;
    case TOK_SUPER:
        e = super_expr(p, true);
        break;
    case TOK_IMPORT:
        e = import_expr(p, true);
        break;
    default:
        e = primary(p, flags);
        break;
    }
    TRYN(e);
    if (is_bare_arrow(e))
        return e;
    return suffixes(p, e, true);
}

WFAstNode *wf_p_lhs(Parser *p)
{
    WFAstNode *e;
    TRYN(e = call_member(p, 0));
    if (is_bare_arrow(e)) {
        wf_p_error_at(p, e->line, e->col, "invalid use of arrow function");
        return NULL;
    }
    return e;
}

/* ---------------------------------------------------------------------- */
/* Unary / update / binary                                                 */

static bool check_update_target(Parser *p, WFAstNode *e)
{
    if (e->kind == WF_AST_IDENT)
        return check_simple_ident_target(p, e);
    if (e->kind == WF_AST_MEMBER || e->kind == WF_AST_SUPER_MEMBER)
        return true;
    if (e->kind == WF_AST_CALL && !p->fn->strict)
        return true;    /* Annex B: runtime ReferenceError */
    return wf_p_error_at(p, e->line, e->col,
                         "invalid update expression operand");
}

static WFAstNode *unary(Parser *p, int flags);

static WFAstNode *postfix(Parser *p, int flags)
{
    WFAstNode *e, *n;
    TRYN(e = call_member(p, flags));
    if (is_bare_arrow(e))
        return e;
    if ((p->tok.type == TOK_INC || p->tok.type == TOK_DEC) &&
        !p->tok.nl_before) {
        TRYN(check_update_target(p, e));
        TRYN(n = wf_p_node(p, WF_AST_UPDATE, e->line, e->col));
        n->u.update.op = p->tok.type == TOK_INC ? WF_OP_INC : WF_OP_DEC;
        n->u.update.prefix = false;
        n->u.update.arg = e;
        TRYN(wf_p_next(p));
        return n;
    }
    return e;
}

static bool is_private_ref(const WFAstNode *e)
{
    if (e->kind == WF_AST_OPTIONAL_CHAIN)
        e = e->u.chain.expr;
    return e->kind == WF_AST_MEMBER && e->u.member.is_private;
}

static WFAstNode *unary_body(Parser *p, int flags)
{
    WFAstNode *n, *a;
    int op;
    int line = p->tok.line, col = p->tok.col;
    switch (p->tok.type) {
    case TOK_DELETE: op = WF_OP_DELETE; break;
    case TOK_VOID: op = WF_OP_VOID; break;
    case TOK_TYPEOF: op = WF_OP_TYPEOF; break;
    case TOK_PLUS: op = WF_OP_PLUS; break;
    case TOK_MINUS: op = WF_OP_NEG; break;
    case TOK_BANG: op = WF_OP_NOT; break;
    case TOK_TILDE: op = WF_OP_BNOT; break;
    case TOK_INC:
    case TOK_DEC:
        op = p->tok.type == TOK_INC ? WF_OP_INC : WF_OP_DEC;
        TRYN(wf_p_next(p));
        TRYN(a = unary(p, 0));
        if (is_bare_arrow(a)) {
            wf_p_error_at(p, a->line, a->col, "invalid use of arrow function");
            return NULL;
        }
        TRYN(check_update_target(p, a));
        TRYN(n = wf_p_node(p, WF_AST_UPDATE, line, col));
        n->u.update.op = (uint8_t)op;
        n->u.update.prefix = true;
        n->u.update.arg = a;
        return n;
    case TOK_IDENT:
        if (p->tok.name == p->n_await &&
            (p->fn->await_mode != KW_IDENT ||
             (p->is_module && p->fn->kind == WF_FUNC_MODULE))) {
            if (p->tok.escaped) {
                wf_p_error(p, "keyword 'await' must not contain escapes");
                return NULL;
            }
            if (p->fn->in_params || p->fn->await_mode == KW_ERR) {
                wf_p_error(p, "await expression is not allowed here");
                return NULL;
            }
            p->fn->last_await = p->tok.start;
            p->fn->f->has_await = true;
            TRYN(wf_p_next(p));
            TRYN(a = unary(p, 0));
            if (is_bare_arrow(a)) {
                wf_p_error_at(p, a->line, a->col,
                              "invalid use of arrow function");
                return NULL;
            }
            TRYN(n = wf_p_node(p, WF_AST_AWAIT, line, col));
            n->u.spread.arg = a;
            return n;
        }
        return postfix(p, flags);
    default:
        return postfix(p, flags);
    }
    TRYN(wf_p_next(p));
    TRYN(a = unary(p, 0));
    if (is_bare_arrow(a)) {
        wf_p_error_at(p, a->line, a->col, "invalid use of arrow function");
        return NULL;
    }
    if (op == WF_OP_DELETE) {
        const WFAstNode *x = a;
        if (p->fn->strict && x->kind == WF_AST_IDENT) {
            wf_p_error_at(p, line, col,
                          "cannot delete an unqualified identifier in strict "
                          "mode");
            return NULL;
        }
        if (is_private_ref(x)) {
            wf_p_error_at(p, line, col, "cannot delete a private field");
            return NULL;
        }
    }
    TRYN(n = wf_p_node(p, WF_AST_UNARY, line, col));
    n->u.unary.op = (uint8_t)op;
    n->u.unary.arg = a;
    return n;
}

static WFAstNode *unary(Parser *p, int flags)
{
    WFAstNode *n;
    TRYN(wf_p_enter(p));
    n = unary_body(p, flags);
    wf_p_leave(p);
    return n;
}

/* precedence of a binary operator token (0: not one) */
static int binop_prec(int tok, int flags, int *op)
{
    switch (tok) {
    case TOK_NULLISH: *op = WF_OP_NULLISH; return 1;
    case TOK_OR: *op = WF_OP_OR; return 1;
    case TOK_AND: *op = WF_OP_AND; return 2;
    case TOK_BAR: *op = WF_OP_BOR; return 3;
    case TOK_CARET: *op = WF_OP_BXOR; return 4;
    case TOK_AMP: *op = WF_OP_BAND; return 5;
    case TOK_EQ: *op = WF_OP_EQ; return 6;
    case TOK_NE: *op = WF_OP_NE; return 6;
    case TOK_SEQ: *op = WF_OP_STRICT_EQ; return 6;
    case TOK_SNE: *op = WF_OP_STRICT_NE; return 6;
    case TOK_LT: *op = WF_OP_LT; return 7;
    case TOK_GT: *op = WF_OP_GT; return 7;
    case TOK_LE: *op = WF_OP_LE; return 7;
    case TOK_GE: *op = WF_OP_GE; return 7;
    case TOK_INSTANCEOF: *op = WF_OP_INSTANCEOF; return 7;
    case TOK_IN:
        if (flags & PF_NO_IN)
            return 0;
        *op = WF_OP_IN;
        return 7;
    case TOK_SHL: *op = WF_OP_SHL; return 8;
    case TOK_SAR: *op = WF_OP_SAR; return 8;
    case TOK_SHR: *op = WF_OP_SHR; return 8;
    case TOK_PLUS: *op = WF_OP_ADD; return 9;
    case TOK_MINUS: *op = WF_OP_SUB; return 9;
    case TOK_STAR: *op = WF_OP_MUL; return 10;
    case TOK_DIV: *op = WF_OP_DIV; return 10;
    case TOK_PERCENT: *op = WF_OP_MOD; return 10;
    case TOK_EXP: *op = WF_OP_EXP; return 11;
    default: return 0;
    }
}

static bool is_logical(const WFAstNode *n, int op1, int op2)
{
    return n->kind == WF_AST_LOGICAL && !(n->flags & WF_AST_F_PARENS) &&
           (n->u.binary.op == op1 || n->u.binary.op == op2);
}

static WFAstNode *binary(Parser *p, int min_prec, int flags)
{
    WFAstNode *left;
    int op, prec;

    if (p->tok.type == TOK_PRIVATE) {
        /* #x in obj */
        WFAstNode *n;
        int fl = flags;
        if (min_prec > 7 || (fl & PF_NO_IN)) {
            wf_p_unexpected(p);
            return NULL;
        }
        TRYN(n = wf_p_node_tok(p, WF_AST_PRIVATE_IN));
        n->u.private_in.name = p->tok.name;
        wf_p_private_ref(p, p->tok.name, p->tok.line, p->tok.col);
        TRYN(wf_p_next(p));
        if (p->tok.type != TOK_IN) {
            wf_p_unexpected(p);
            return NULL;
        }
        TRYN(wf_p_next(p));
        TRYN(wf_p_enter(p));
        n->u.private_in.right = binary(p, 8, flags);
        wf_p_leave(p);
        TRYN(n->u.private_in.right);
        if (is_bare_arrow(n->u.private_in.right)) {
            wf_p_error_at(p, n->u.private_in.right->line,
                          n->u.private_in.right->col,
                          "invalid use of arrow function");
            return NULL;
        }
        left = n;
    } else {
        TRYN(left = unary(p, flags));
        if (is_bare_arrow(left))
            return left;
    }
    for (;;) {
        WFAstNode *right, *n;
        int line, col;
        prec = binop_prec(p->tok.type, flags, &op);
        if (!prec || prec < min_prec)
            break;
        line = p->tok.line;
        col = p->tok.col;
        if (op == WF_OP_EXP &&
            (left->kind == WF_AST_UNARY || left->kind == WF_AST_AWAIT) &&
            !(left->flags & WF_AST_F_PARENS)) {
            wf_p_error_at(p, line, col,
                          "unparenthesized unary expression cannot be the "
                          "left operand of '**'");
            return NULL;
        }
        TRYN(wf_p_next(p));
        TRYN(wf_p_enter(p));
        right = binary(p, op == WF_OP_EXP ? prec : prec + 1, flags);
        wf_p_leave(p);
        TRYN(right);
        if (is_bare_arrow(right)) {
            wf_p_error_at(p, right->line, right->col,
                          "invalid use of arrow function");
            return NULL;
        }
        if (op == WF_OP_NULLISH) {
            if (is_logical(left, WF_OP_AND, WF_OP_OR) ||
                is_logical(right, WF_OP_AND, WF_OP_OR)) {
                wf_p_error_at(p, line, col,
                              "cannot mix '?\?' with '&&' or '||' without "
                              "parentheses");
                return NULL;
            }
        } else if (op == WF_OP_OR || op == WF_OP_AND) {
            if (is_logical(left, WF_OP_NULLISH, WF_OP_NULLISH) ||
                is_logical(right, WF_OP_NULLISH, WF_OP_NULLISH)) {
                wf_p_error_at(p, line, col,
                              "cannot mix '?\?' with '&&' or '||' without "
                              "parentheses");
                return NULL;
            }
            if (op == WF_OP_OR && is_logical(left, WF_OP_NULLISH, WF_OP_NULLISH)) {
                wf_p_error_at(p, line, col, "cannot mix '?\?' and '||'");
                return NULL;
            }
        }
        TRYN(n = wf_p_node(p,
                           (op == WF_OP_AND || op == WF_OP_OR ||
                            op == WF_OP_NULLISH)
                               ? WF_AST_LOGICAL
                               : WF_AST_BINARY,
                           left->line, left->col));
        n->u.binary.op = (uint8_t)op;
        n->u.binary.left = left;
        n->u.binary.right = right;
        left = n;
        if (op == WF_OP_NULLISH && p->tok.type == TOK_OR) {
            wf_p_error(p, "cannot mix '?\?' and '||'");
            return NULL;
        }
    }
    if (left->kind == WF_AST_PRIVATE_IN && !(min_prec <= 7)) {
        wf_p_unexpected(p);
        return NULL;
    }
    return left;
}

static WFAstNode *conditional(Parser *p, int flags)
{
    WFAstNode *test, *n;
    TRYN(test = binary(p, 1, flags));
    if (is_bare_arrow(test) || p->tok.type != TOK_QUESTION)
        return test;
    if (test->kind == WF_AST_PRIVATE_IN) {
        /* fine: (#x in o) ? a : b */
    }
    TRYN(n = wf_p_node(p, WF_AST_CONDITIONAL, test->line, test->col));
    TRYN(wf_p_next(p));
    n->u.cond.test = test;
    TRYN(n->u.cond.cons = wf_p_assign(p, 0));
    TRYN(wf_p_expect(p, TOK_COLON));
    TRYN(n->u.cond.alt = wf_p_assign(p, flags & PF_NO_IN));
    return n;
}

static int assign_op(int tok)
{
    switch (tok) {
    case TOK_ASSIGN: return WF_OP_ASSIGN;
    case TOK_PLUS_ASSIGN: return WF_OP_ADD;
    case TOK_MINUS_ASSIGN: return WF_OP_SUB;
    case TOK_STAR_ASSIGN: return WF_OP_MUL;
    case TOK_DIV_ASSIGN: return WF_OP_DIV;
    case TOK_PERCENT_ASSIGN: return WF_OP_MOD;
    case TOK_EXP_ASSIGN: return WF_OP_EXP;
    case TOK_SHL_ASSIGN: return WF_OP_SHL;
    case TOK_SAR_ASSIGN: return WF_OP_SAR;
    case TOK_SHR_ASSIGN: return WF_OP_SHR;
    case TOK_AMP_ASSIGN: return WF_OP_BAND;
    case TOK_BAR_ASSIGN: return WF_OP_BOR;
    case TOK_CARET_ASSIGN: return WF_OP_BXOR;
    case TOK_AND_ASSIGN: return WF_OP_AND;
    case TOK_OR_ASSIGN: return WF_OP_OR;
    case TOK_NULLISH_ASSIGN: return WF_OP_NULLISH;
    default: return 0;
    }
}

static WFAstNode *yield_expr(Parser *p, int flags)
{
    WFAstNode *n;
    if (p->tok.escaped) {
        wf_p_error(p, "keyword 'yield' must not contain escapes");
        return NULL;
    }
    if (p->fn->in_params || p->fn->yield_mode == KW_ERR) {
        wf_p_error(p, "yield expression is not allowed here");
        return NULL;
    }
    p->fn->last_yield = p->tok.start;
    TRYN(n = wf_p_node_tok(p, WF_AST_YIELD));
    TRYN(wf_p_next(p));
    if (p->tok.nl_before)
        return n;
    if (p->tok.type == TOK_STAR) {
        n->u.yield.delegate = true;
        TRYN(wf_p_next(p));
        TRYN(n->u.yield.arg = wf_p_assign(p, flags & PF_NO_IN));
        return n;
    }
    switch (p->tok.type) {
    case TOK_RPAREN: case TOK_RBRACKET: case TOK_RBRACE: case TOK_COMMA:
    case TOK_SEMI: case TOK_COLON: case TOK_EOF: case TOK_QUESTION:
        return n;
    case TOK_IN:
        if (flags & PF_NO_IN)
            return n;
        break;
    default:
        if (binop_prec(p->tok.type, 0, &(int){0}) &&
            p->tok.type != TOK_DIV && p->tok.type != TOK_PLUS &&
            p->tok.type != TOK_MINUS && p->tok.type != TOK_LT)
            return n;
        if (assign_op(p->tok.type) && p->tok.type != TOK_DIV_ASSIGN)
            return n;
        if (p->tok.type == TOK_ARROW)
            return n;
        break;
    }
    TRYN(n->u.yield.arg = wf_p_assign(p, flags & PF_NO_IN));
    return n;
}

static WFAstNode *assign_body(Parser *p, int flags)
{
    WFAstNode *lhs, *n;
    CoverSave cs;
    int op;

    if (p->tok.type == TOK_IDENT && p->tok.name == p->n_yield &&
        p->fn->yield_mode != KW_IDENT)
        return yield_expr(p, flags);
    cover_save(p, &cs);
    TRYN(lhs = conditional(p, flags));
    if (is_bare_arrow(lhs)) {
        cover_restore(p, &cs);
        return lhs;
    }
    op = assign_op(p->tok.type);
    if (op) {
        if (op == WF_OP_ASSIGN && is_literal_pattern(lhs)) {
            TRYN(wf_p_to_assign_target(p, lhs, true));
            p->cover_err = false;
        } else {
            if (p->cover_err) {
                cover_fail(p);
                return NULL;
            }
            if (lhs->kind == WF_AST_CALL && !p->fn->strict &&
                op != WF_OP_AND && op != WF_OP_OR && op != WF_OP_NULLISH) {
                /* Annex B: runtime ReferenceError for f() = x */
            } else if (lhs->kind != WF_AST_IDENT &&
                       lhs->kind != WF_AST_MEMBER &&
                       lhs->kind != WF_AST_SUPER_MEMBER) {
                wf_p_error_at(p, lhs->line, lhs->col,
                              "invalid assignment target");
                return NULL;
            }
            if (lhs->kind != WF_AST_CALL)
                TRYN(wf_p_to_assign_target(p, lhs, false));
        }
        cover_restore(p, &cs);
        TRYN(n = wf_p_node(p, WF_AST_ASSIGN, lhs->line, lhs->col));
        TRYN(wf_p_next(p));
        n->u.assign.op = (uint8_t)op;
        n->u.assign.target = lhs;
        TRYN(n->u.assign.value = wf_p_assign(p, flags & PF_NO_IN));
        return n;
    }
    if (p->cover_err &&
        (!(flags & PF_COVER) || !is_literal_pattern(lhs))) {
        cover_fail(p);
        return NULL;
    }
    cover_restore(p, &cs);
    return lhs;
}

WFAstNode *wf_p_assign(Parser *p, int flags)
{
    WFAstNode *n;
    TRYN(wf_p_enter(p));
    n = assign_body(p, flags);
    wf_p_leave(p);
    return n;
}

WFAstNode *wf_p_expression(Parser *p, int flags)
{
    WFAstNode *e, *n;
    NodeVec v = {0};
    TRYN(e = wf_p_assign(p, flags));
    if (p->tok.type != TOK_COMMA)
        return e;
    TRYN(wf_p_vec_push(p, &v, e));
    while (p->tok.type == TOK_COMMA) {
        TRYN(wf_p_next(p));
        TRYN(e = wf_p_assign(p, flags & ~PF_COVER));
        TRYN(wf_p_vec_push(p, &v, e));
    }
    TRYN(n = wf_p_node(p, WF_AST_SEQUENCE, v.items[0]->line, v.items[0]->col));
    n->u.seq.exprs = wf_p_vec_list(&v);
    return n;
}
