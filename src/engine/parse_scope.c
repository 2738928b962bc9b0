/*
 * parse_scope.c - parser infrastructure: token stream, errors, node
 * allocation, and the declaration bookkeeping behind the early errors of
 * ECMA-262 (redeclarations: 14.2.1, 14.7.*, 15.2.1, 16.1.1, 16.2.1; Annex
 * B.3.2-B.3.4 relaxations; reserved identifiers: 13.1.1).
 *
 * Must not build statements or expressions itself.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/parse_int.h"

/* ---------------------------------------------------------------------- */
/* Errors                                                                  */

static bool verror_at(Parser *p, int line, int col, const char *fmt,
                      va_list ap)
{
    if (p->failed)
        return false;
    p->failed = true;
    vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
    p->err->line = line;
    p->err->col = col;
    return false;
}

bool wf_p_error_at(Parser *p, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror_at(p, line, col, fmt, ap);
    va_end(ap);
    return false;
}

bool wf_p_error(Parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror_at(p, p->tok.line, p->tok.col, fmt, ap);
    va_end(ap);
    return false;
}

bool wf_p_oom(Parser *p)
{
    if (!p->failed) {
        p->failed = true;
        p->err->out_of_memory = true;
        snprintf(p->err->message, sizeof(p->err->message), "out of memory");
        p->err->line = p->tok.line;
        p->err->col = p->tok.col;
    }
    return false;
}

static const char *tok_desc(const WFToken *t, char *buf, size_t n)
{
    switch (t->type) {
    case TOK_EOF: return "end of input";
    case TOK_IDENT: snprintf(buf, n, "identifier '%s'", t->name->str); return buf;
    case TOK_PRIVATE: snprintf(buf, n, "private name '%s'", t->name->str); return buf;
    case TOK_NUMBER: case TOK_BIGINT: return "number";
    case TOK_STRING: return "string";
    case TOK_TEMPLATE: return "template literal";
    case TOK_REGEXP: return "regular expression";
    default:
        if (t->type >= TOK_FIRST_KEYWORD && t->name) {
            snprintf(buf, n, "keyword '%s'", t->name->str);
            return buf;
        }
        return NULL;
    }
}

bool wf_p_unexpected(Parser *p)
{
    char buf[96];
    const char *d = tok_desc(&p->tok, buf, sizeof(buf));
    if (d)
        return wf_p_error(p, "unexpected %s", d);
    {
        uint32_t n = p->tok.end - p->tok.start;
        if (n > 8)
            n = 8;
        return wf_p_error(p, "unexpected token '%.*s'", (int)n,
                          (const char *)p->lx.src + p->tok.start);
    }
}

/* ---------------------------------------------------------------------- */
/* Allocation                                                              */

void *wf_p_alloc(Parser *p, size_t n)
{
    void *r = wf_arena_alloc(p->arena, n);
    if (!r)
        wf_p_oom(p);
    return r;
}

WFAstNode *wf_p_node(Parser *p, int kind, int line, int col)
{
    WFAstNode *n = wf_p_alloc(p, sizeof(WFAstNode));
    if (!n)
        return NULL;
    n->kind = (uint16_t)kind;
    n->line = line;
    n->col = col;
    return n;
}

WFAstNode *wf_p_node_tok(Parser *p, int kind)
{
    return wf_p_node(p, kind, p->tok.line, p->tok.col);
}

bool wf_p_vec_push(Parser *p, NodeVec *v, WFAstNode *n)
{
    if (v->count >= v->cap) {
        uint32_t ncap = v->cap ? v->cap * 2 : 4;
        WFAstNode **ni = wf_p_alloc(p, ncap * sizeof(*ni));
        if (!ni)
            return false;
        if (v->count)
            memcpy(ni, v->items, v->count * sizeof(*ni));
        v->items = ni;
        v->cap = ncap;
    }
    v->items[v->count++] = n;
    return true;
}

WFAstList wf_p_vec_list(NodeVec *v)
{
    WFAstList l;
    l.items = v->items;
    l.count = v->count;
    return l;
}

/* ---------------------------------------------------------------------- */
/* Tokens                                                                  */

bool wf_p_next(Parser *p)
{
    if (p->failed)
        return false;
    p->prev_end = p->tok.end;
    p->prev_line = p->lx.st.line;
    if (wf_lex_next(&p->lx, &p->tok) == TOK_ERROR) {
        if (p->lx.oom)
            return wf_p_oom(p);
        p->failed = true;
        p->err->line = p->lx.err_line;
        p->err->col = p->lx.err_col;
        return false;
    }
    return true;
}

const WFToken *wf_p_peek(Parser *p)
{
    WFLexState save = p->lx.st;
    char msg[256];
    int t;
    memcpy(msg, p->lx.err_msg, sizeof(msg));
    t = wf_lex_next(&p->lx, &p->pk);
    p->lx.st = save;
    memcpy(p->lx.err_msg, msg, sizeof(msg));
    if (t == TOK_ERROR && p->lx.oom)
        wf_p_oom(p);
    return &p->pk;
}

bool wf_p_expect(Parser *p, int type)
{
    if (p->tok.type != type)
        return wf_p_unexpected(p);
    return wf_p_next(p);
}

bool wf_p_semicolon(Parser *p)
{
    if (p->tok.type == TOK_SEMI)
        return wf_p_next(p);
    if (p->tok.type == TOK_RBRACE || p->tok.type == TOK_EOF ||
        p->tok.nl_before)
        return true;
    return wf_p_unexpected(p);
}

bool wf_p_is_name(Parser *p, WFAstName *name)
{
    return p->tok.type == TOK_IDENT && p->tok.name == name && !p->tok.escaped;
}

static uintptr_t stack_pos(void)
{
#if defined(__GNUC__) || defined(__clang__)
    return (uintptr_t)__builtin_frame_address(0);
#else
    volatile char c = 0;
    return (uintptr_t)&c;
#endif
}

void wf_p_stack_init(Parser *p, size_t budget)
{
    p->stack_base = stack_pos();
    p->stack_budget = budget ? budget : WF_PARSE_DEFAULT_STACK;
}

/* Recursion guard: both a nesting count and the C stack actually used
   since the parser was entered (stacks grow down on every supported
   target; the absolute difference keeps it safe either way). */
bool wf_p_enter(Parser *p)
{
    uintptr_t here = stack_pos();
    size_t used = here < p->stack_base ? p->stack_base - here
                                       : here - p->stack_base;
    if (++p->depth > WF_PARSE_MAX_DEPTH || used > p->stack_budget) {
        p->depth--;
        return wf_p_error(p, "nesting too deep");
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Declaration vectors                                                     */

static void hidx_insert(DeclVec *v, uint32_t i)
{
    uint32_t h = v->items[i].name->hash & (v->hcap - 1);
    while (v->hidx[h])
        h = (h + 1) & (v->hcap - 1);
    v->hidx[h] = i + 1;
}

WFAstDecl *wf_p_decl_find(DeclVec *v, WFAstName *name)
{
    if (!v->hcap) {
        for (uint32_t i = 0; i < v->count; i++)
            if (v->items[i].name == name)
                return &v->items[i];
        return NULL;
    }
    for (uint32_t h = name->hash & (v->hcap - 1); v->hidx[h];
         h = (h + 1) & (v->hcap - 1)) {
        WFAstDecl *d = &v->items[v->hidx[h] - 1];
        if (d->name == name)
            return d;
    }
    return NULL;
}

WFAstDecl *wf_p_decl_add(Parser *p, DeclVec *v, WFAstName *name, uint8_t kind,
                         WFAstNode *node, int line, int col)
{
    WFAstDecl *d;
    if (v->count >= v->cap) {
        uint32_t ncap = v->cap ? v->cap * 2 : 4;
        WFAstDecl *ni = wf_p_alloc(p, ncap * sizeof(*ni));
        if (!ni)
            return NULL;
        if (v->count)
            memcpy(ni, v->items, v->count * sizeof(*ni));
        v->items = ni;
        v->cap = ncap;
    }
    d = &v->items[v->count++];
    d->name = name;
    d->kind = kind;
    d->is_static = false;
    d->node = node;
    d->line = line;
    d->col = col;
    if (v->count > 8) {
        if (v->count * 2 > v->hcap) {
            uint32_t ncap = v->hcap ? v->hcap * 2 : 32;
            while (ncap < v->count * 2)
                ncap *= 2;
            v->hidx = wf_p_alloc(p, ncap * sizeof(uint32_t));
            if (!v->hidx)
                return NULL;
            v->hcap = ncap;
            for (uint32_t i = 0; i < v->count; i++)
                hidx_insert(v, i);
        } else {
            hidx_insert(v, v->count - 1);
        }
    }
    return d;
}

WFAstScope wf_p_decl_scope(DeclVec *v)
{
    WFAstScope s;
    s.decls = v->items;
    s.count = v->count;
    s.aux = NULL;
    return s;
}

/* ---------------------------------------------------------------------- */
/* Scopes                                                                  */

void wf_p_push_scope(Parser *p, PScope *s, uint8_t kind)
{
    memset(s, 0, sizeof(*s));
    s->kind = kind;
    s->up = p->scope;
    s->depth = ++p->scope_depth;
    p->scope = s;
}

/* Annex B.3.3: a block function survives closing scope s unless s declares
   the same name lexically (other than the function itself). */
static void annexb_filter(Parser *p, PScope *s)
{
    PFunc *fc = p->fn;
    if (!fc)
        return;
    for (uint32_t i = 0; i < fc->annexb_count; i++) {
        AnnexB *a = &fc->annexb[i];
        WFAstDecl *d;
        if (a->dead || a->depth <= s->depth || a->scope == s)
            continue;
        d = wf_p_decl_find(&s->lex, a->name);
        if (!d)
            continue;
        if (s->kind == SC_CATCH && s->catch_simple)
            continue;
        a->dead = true;
    }
}

bool wf_p_pop_scope(Parser *p, PScope *s)
{
    annexb_filter(p, s);
    /* clear the parser-internal "plain function" marks */
    for (uint32_t i = 0; i < s->lex.count; i++)
        if (s->lex.items[i].node &&
            s->lex.items[i].node->kind == WF_AST_FUNC_DECL)
            s->lex.items[i].node->flags &= ~WF_AST_F_INTERNAL;
    p->scope = s->up;
    p->scope_depth--;
    return true;
}

static bool redeclared(Parser *p, WFAstName *name, int line, int col)
{
    return wf_p_error_at(p, line, col, "redeclaration of '%s'", name->str);
}

bool wf_p_declare_var(Parser *p, WFAstName *name, WFAstNode *node, int line,
                      int col, bool for_of_var)
{
    PScope *s;
    for (s = p->scope; s; s = s->up) {
        WFAstDecl *d = wf_p_decl_find(&s->lex, name);
        if (s->kind == SC_FUNC) {
            if (d)
                return redeclared(p, name, line, col);
            if (!wf_p_decl_find(&s->vars, name))
                TRYB(wf_p_decl_add(p, &s->vars, name, WF_DECL_VAR, node, line,
                                   col));
            return true;
        }
        if (d) {
            /* B.3.4: `var e` may redeclare a simple catch parameter */
            (void)for_of_var;
            if (!(s->kind == SC_CATCH && s->catch_simple))
                return redeclared(p, name, line, col);
        }
        if (s->kind != SC_CATCH && !wf_p_decl_find(&s->vars, name))
            TRYB(wf_p_decl_add(p, &s->vars, name, WF_DECL_VAR, node, line,
                               col));
    }
    return true;
}

static bool add_annexb(Parser *p, WFAstName *name, WFAstNode *node)
{
    PFunc *fc = p->fn;
    AnnexB *a;
    if (fc->annexb_count >= fc->annexb_cap) {
        uint32_t ncap = fc->annexb_cap ? fc->annexb_cap * 2 : 4;
        AnnexB *na = wf_p_alloc(p, ncap * sizeof(*na));
        if (!na)
            return false;
        if (fc->annexb_count)
            memcpy(na, fc->annexb, fc->annexb_count * sizeof(*na));
        fc->annexb = na;
        fc->annexb_cap = ncap;
    }
    a = &fc->annexb[fc->annexb_count++];
    a->name = name;
    a->node = node;
    a->scope = p->scope;
    a->depth = p->scope->depth;
    a->dead = false;
    return true;
}

bool wf_p_declare(Parser *p, WFAstName *name, uint8_t kind, WFAstNode *node,
                  int line, int col, bool plain_function)
{
    PScope *s = p->scope;
    WFAstDecl *d;

    if (kind == WF_DECL_VAR)
        return wf_p_declare_var(p, name, node, line, col, false);

    if (kind == WF_DECL_FUNCTION && s->kind == SC_FUNC && !p->fn->up &&
        p->is_module) {
        /* module top level: functions are lexical */
    } else if (kind == WF_DECL_FUNCTION && s->kind == SC_FUNC) {
        /* var-scoped function declaration */
        if (wf_p_decl_find(&s->lex, name))
            return redeclared(p, name, line, col);
        d = wf_p_decl_find(&s->vars, name);
        if (d) {
            d->kind = WF_DECL_FUNCTION;
            d->node = node;
            d->line = line;
            d->col = col;
            return true;
        }
        return wf_p_decl_add(p, &s->vars, name, WF_DECL_FUNCTION, node, line,
                             col) != NULL;
    }

    /* lexical declaration */
    d = wf_p_decl_find(&s->lex, name);
    if (d) {
        if (!(kind == WF_DECL_FUNCTION && d->kind == WF_DECL_FUNCTION &&
              plain_function && !p->fn->strict && s->kind != SC_FUNC &&
              d->node && (d->node->flags & WF_AST_F_INTERNAL)))
            return redeclared(p, name, line, col);
    }
    if (wf_p_decl_find(&s->vars, name))
        return redeclared(p, name, line, col);
    if (s->kind == SC_FUNC && wf_p_decl_find(&p->fn->params, name))
        return redeclared(p, name, line, col);
    if (s->is_catch_body && s->up && s->up->kind == SC_CATCH &&
        wf_p_decl_find(&s->up->lex, name))
        return redeclared(p, name, line, col);
    if (kind == WF_DECL_FUNCTION && plain_function && node)
        node->flags |= WF_AST_F_INTERNAL; /* plain function: duplicates ok */
    TRYB(wf_p_decl_add(p, &s->lex, name, kind, node, line, col));
    if (kind == WF_DECL_FUNCTION && plain_function && !p->fn->strict &&
        s->kind != SC_FUNC)
        TRYB(add_annexb(p, name, node));
    return true;
}

bool wf_p_collect_bound_names(Parser *p, WFAstNode *pat, DeclVec *out,
                              uint8_t kind, WFAstNode *owner)
{
    if (!pat)
        return true;
    switch (pat->kind) {
    case WF_AST_IDENT:
        return wf_p_decl_add(p, out, pat->u.ident.name, kind,
                             owner ? owner : pat, pat->line, pat->col) != NULL;
    case WF_AST_ASSIGN_PATTERN:
        return wf_p_collect_bound_names(p, pat->u.assign_pattern.target, out,
                                        kind, owner);
    case WF_AST_REST:
        return wf_p_collect_bound_names(p, pat->u.spread.arg, out, kind, owner);
    case WF_AST_ARRAY_PATTERN:
        for (uint32_t i = 0; i < pat->u.array.elements.count; i++)
            TRYB(wf_p_collect_bound_names(p, pat->u.array.elements.items[i],
                                          out, kind, owner));
        return true;
    case WF_AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < pat->u.object.props.count; i++) {
            WFAstNode *pr = pat->u.object.props.items[i];
            if (pr->kind == WF_AST_PROPERTY)
                pr = pr->u.prop.value;
            TRYB(wf_p_collect_bound_names(p, pr, out, kind, owner));
        }
        return true;
    default:
        return true;
    }
}

/* declares every name bound by pat */
bool wf_p_declare_pattern(Parser *p, WFAstNode *pat, uint8_t kind,
                          WFAstNode *owner, bool for_of_var)
{
    if (!pat)
        return true;
    switch (pat->kind) {
    case WF_AST_IDENT:
        if (kind == WF_DECL_VAR)
            return wf_p_declare_var(p, pat->u.ident.name, owner ? owner : pat,
                                    pat->line, pat->col, for_of_var);
        return wf_p_declare(p, pat->u.ident.name, kind, owner ? owner : pat,
                            pat->line, pat->col, false);
    case WF_AST_ASSIGN_PATTERN:
        return wf_p_declare_pattern(p, pat->u.assign_pattern.target, kind,
                                    owner, for_of_var);
    case WF_AST_REST:
        return wf_p_declare_pattern(p, pat->u.spread.arg, kind, owner,
                                    for_of_var);
    case WF_AST_ARRAY_PATTERN:
        for (uint32_t i = 0; i < pat->u.array.elements.count; i++)
            TRYB(wf_p_declare_pattern(p, pat->u.array.elements.items[i], kind,
                                      owner, for_of_var));
        return true;
    case WF_AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < pat->u.object.props.count; i++) {
            WFAstNode *pr = pat->u.object.props.items[i];
            if (pr->kind == WF_AST_PROPERTY)
                pr = pr->u.prop.value;
            TRYB(wf_p_declare_pattern(p, pr, kind, owner, for_of_var));
        }
        return true;
    default:
        return true;
    }
}

/* ---------------------------------------------------------------------- */
/* Identifiers                                                             */

bool wf_p_is_strict_reserved(Parser *p, WFAstName *n)
{
    return n == p->n_implements || n == p->n_interface || n == p->n_let ||
           n == p->n_package || n == p->n_private || n == p->n_protected ||
           n == p->n_public || n == p->n_static || n == p->n_yield;
}

static bool in_static_block(Parser *p)
{
    /* directly in a class static block (any function, arrows included,
       is a boundary for the `await` restriction) */
    return p->fn->kind == WF_FUNC_STATIC_BLOCK;
}

static bool check_ident_common(Parser *p, WFAstName *name, bool escaped,
                               int line, int col)
{
    if (escaped && wf_lex_is_reserved_word(name))
        return wf_p_error_at(p, line, col,
                             "keyword '%s' must not contain escapes",
                             name->str);
    if (p->fn->strict && wf_p_is_strict_reserved(p, name))
        return wf_p_error_at(p, line, col,
                             "'%s' is a reserved word in strict mode",
                             name->str);
    if (name == p->n_yield && p->fn->yield_mode != KW_IDENT)
        return wf_p_error_at(p, line, col,
                             "'yield' is not a valid identifier here");
    if (name == p->n_await) {
        if (p->is_module || p->fn->await_mode != KW_IDENT || in_static_block(p))
            return wf_p_error_at(p, line, col,
                                 "'await' is not a valid identifier here");
        if (p->fn->last_await_ident < (int64_t)p->tok.start ||
            p->fn->last_await_ident < 0)
            p->fn->last_await_ident = p->tok.start;
    }
    return true;
}

bool wf_p_check_ident_ref(Parser *p, WFAstName *name, bool escaped, int line,
                          int col)
{
    TRYB(check_ident_common(p, name, escaped, line, col));
    if (name == p->n_arguments)
        return wf_p_use_arguments(p, line, col);
    return true;
}

bool wf_p_check_binding_ident(Parser *p, WFAstName *name, bool escaped,
                              int line, int col)
{
    TRYB(check_ident_common(p, name, escaped, line, col));
    if (p->fn->strict && (name == p->n_eval || name == p->n_arguments))
        return wf_p_error_at(p, line, col,
                             "'%s' cannot be a binding name in strict mode",
                             name->str);
    return true;
}

PFunc *wf_p_nonarrow(Parser *p)
{
    PFunc *fc = p->fn;
    while (fc && fc->is_arrow)
        fc = fc->up;
    return fc;
}

void wf_p_use_this(Parser *p)
{
    p->c_this++;
    for (PFunc *fc = p->fn; fc; fc = fc->up) {
        fc->f->uses_this = true;
        if (!fc->is_arrow)
            break;
    }
}

bool wf_p_use_arguments(Parser *p, int line, int col)
{
    PFunc *fc;
    p->c_args++;
    for (fc = p->fn; fc; fc = fc->up) {
        fc->f->uses_arguments = true;
        if (!fc->is_arrow)
            break;
    }
    if (fc && (fc->kind == WF_FUNC_FIELD_INIT ||
               fc->kind == WF_FUNC_STATIC_BLOCK))
        return wf_p_error_at(p, line, col,
                             "'arguments' is not allowed in class field "
                             "initializers or static blocks");
    if (fc && !fc->up && p->opt->is_eval && !p->opt->allow_arguments &&
        p->opt->in_class_field_init)
        return wf_p_error_at(p, line, col,
                             "'arguments' is not allowed in class field "
                             "initializers");
    return true;
}

void wf_p_use_eval(Parser *p)
{
    PFunc *fc;
    p->c_eval++;
    for (fc = p->fn; fc; fc = fc->up) {
        fc->f->has_direct_eval = true;
        if (!fc->is_arrow)
            break;
    }
    /* eval can reference this/arguments/new.target/super.x of the nearest
       non-arrow function */
    for (fc = p->fn; fc; fc = fc->up) {
        fc->f->contains_direct_eval = true;
    }
}

/* ---------------------------------------------------------------------- */
/* Function contexts                                                       */

void wf_p_push_func(Parser *p, PFunc *fc, WFAstFunc *f, PScope *top)
{
    memset(fc, 0, sizeof(*fc));
    fc->up = p->fn;
    fc->f = f;
    fc->kind = f->kind;
    fc->is_arrow = f->kind == WF_FUNC_ARROW;
    fc->strict = p->fn ? p->fn->strict : false;
    fc->last_yield = fc->last_await = fc->last_await_ident = -1;
    f->parent = p->fn ? p->fn->f : NULL;
    p->fn = fc;
    fc->scope = top;
    wf_p_push_scope(p, top, SC_FUNC);
}

/* Finishes a function context: Annex B hoisting and scope lists. */
bool wf_p_pop_func(Parser *p, PFunc *fc)
{
    PScope *s = fc->scope;
    WFAstFunc *f = fc->f;

    /* Annex B.3.3: surviving block functions become var bindings unless
       the name is lexical at top level or a parameter */
    for (uint32_t i = 0; i < fc->annexb_count; i++) {
        AnnexB *a = &fc->annexb[i];
        WFAstDecl *d;
        if (a->dead || wf_p_decl_find(&s->lex, a->name) ||
            wf_p_decl_find(&fc->params, a->name))
            continue;
        if (fc->strict)
            continue;
        a->node->flags |= WF_AST_F_ANNEXB;
        d = wf_p_decl_find(&s->vars, a->name);
        if (!d)
            TRYB(wf_p_decl_add(p, &s->vars, a->name, WF_DECL_ANNEXB_FUNC,
                               a->node, a->node->line, a->node->col));
    }
    f->var_scope = wf_p_decl_scope(&s->vars);
    f->lex_scope = wf_p_decl_scope(&s->lex);
    for (uint32_t i = 0; i < s->lex.count; i++)
        if (s->lex.items[i].name == p->n_arguments)
            f->args_is_param_or_lex = true;
    if (wf_p_decl_find(&fc->params, p->n_arguments))
        f->args_is_param_or_lex = true;
    {
        WFAstDecl *d = wf_p_decl_find(&s->vars, p->n_arguments);
        if (d && d->kind == WF_DECL_FUNCTION)
            f->args_is_param_or_lex = true;
    }
    if (f->has_with || f->contains_with) {
        for (PFunc *u = fc->up; u; u = u->up)
            u->f->contains_with = true;
    }
    wf_p_pop_scope(p, s);
    p->fn = fc->up;
    return true;
}
