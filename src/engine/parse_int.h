/*
 * parse_int.h - private interface shared by parse_expr.c, parse_stmt.c,
 * parse_func.c and parse_scope.c.  Not for use outside the parser.
 *
 * Error convention: every parse function returns NULL / false after
 * recording the first error in the parser (p->failed); callers just
 * propagate.  Recursion depth is bounded by WF_PARSE_MAX_DEPTH.
 */
#ifndef WF_PARSE_INT_H
#define WF_PARSE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/ast.h"
#include "engine/lexer.h"
#include "engine/parse.h"

/* ---- growable vectors (arena) ---- */

typedef struct NodeVec {
    WFAstNode **items;
    uint32_t count, cap;
} NodeVec;

typedef struct DeclVec {
    WFAstDecl *items;
    uint32_t count, cap;
    uint32_t *hidx;         /* hash index (open addressing) or NULL */
    uint32_t hcap;          /* power of two, 0 = linear search */
} DeclVec;

/* ---- scopes ---- */

enum {
    SC_FUNC,        /* function / program top level (var scope) */
    SC_BLOCK,       /* block, switch case block */
    SC_CATCH,       /* catch parameter scope */
    SC_FOR,         /* let/const head of a for statement */
    SC_CLASS,       /* class scope */
};

typedef struct PScope {
    struct PScope *up;
    uint8_t kind;
    bool catch_simple;      /* SC_CATCH: the parameter is an identifier */
    bool is_catch_body;     /* SC_BLOCK directly under a catch */
    int depth;
    DeclVec lex;            /* lexical declarations (catch: params) */
    DeclVec vars;           /* var names declared in this scope or below */
} PScope;

typedef struct PLabel {
    struct PLabel *up;
    WFAstName *name;
    WFAstNode *node;        /* LABELED node (break target) */
    WFAstNode *loop;        /* loop it labels directly, or NULL */
    uint32_t body_start;    /* byte offset of the labeled body */
    uint32_t own_start;     /* byte offset of the label itself */
} PLabel;

typedef struct PBreakable {
    struct PBreakable *up;
    WFAstNode *node;
    bool is_loop;
} PBreakable;

typedef struct AnnexB {
    WFAstName *name;
    WFAstNode *node;        /* FUNC_DECL */
    PScope *scope;          /* block that declares it */
    int depth;              /* depth of that block */
    bool dead;
} AnnexB;

/* yield / await handling in a function context */
enum {
    KW_IDENT = 0,           /* plain identifier (subject to strictness) */
    KW_OP = 1,              /* operator: yield / await expressions allowed */
    KW_ERR = 2,             /* reserved here; expressions are errors */
};

typedef struct PFunc {
    struct PFunc *up;
    WFAstFunc *f;
    PScope *scope;          /* top scope of the body */
    DeclVec params;         /* bound names of the parameters */
    uint8_t kind;           /* WFFuncKind */
    bool is_arrow;
    bool strict;
    bool in_params;         /* parsing the formal parameters */
    uint8_t yield_mode;     /* KW_* */
    uint8_t await_mode;     /* KW_* */
    PLabel *labels;
    PBreakable *breakables;
    AnnexB *annexb;
    uint32_t annexb_count, annexb_cap;
    /* byte offsets of the last yield / await expression and of the last
       `await` identifier in this function (arrow parameter checks) */
    int64_t last_yield, last_await, last_await_ident;
} PFunc;

/* private-name context of a class body */
typedef struct PrivRef {
    WFAstName *name;
    int line, col;
} PrivRef;

typedef struct PClass {
    struct PClass *up;
    WFAstClass *cls;
    DeclVec names;          /* declared private names */
    PrivRef *refs;          /* unresolved references */
    uint32_t nrefs, refs_cap;
} PClass;

/* ---- parser ---- */

/* the few token fields kept across a lookahead (a WFToken is big) */
typedef struct TokPos {
    WFAstName *name;
    uint32_t start, end;
    int line, col;
    int type;
    bool escaped, legacy_octal;
    int bad_line, bad_col;
} TokPos;

static inline TokPos wf_tok_pos(const WFToken *t)
{
    TokPos r;
    r.name = t->name;
    r.start = t->start;
    r.end = t->end;
    r.line = t->line;
    r.col = t->col;
    r.type = t->type;
    r.escaped = t->escaped;
    r.legacy_octal = t->legacy_octal;
    r.bad_line = t->bad_line;
    r.bad_col = t->bad_col;
    return r;
}

typedef struct Parser {
    WFLexer lx;
    WFToken tok;            /* current token */
    WFToken pk;             /* scratch for wf_p_peek */
    uintptr_t stack_base;   /* C stack position at entry */
    size_t stack_budget;    /* bytes of C stack the parser may use */
    uint32_t prev_end;      /* end offset of the previous token */
    int prev_line;          /* line of the previous token's end */
    WFArena *arena;
    WFParseError *err;
    const WFParseOptions *opt;
    bool failed;
    bool is_module;
    PFunc *fn;
    PScope *scope;
    PClass *cls;
    int depth;              /* recursion depth */
    int scope_depth;
    /* pending cover-grammar error (valid only if this becomes a pattern) */
    bool cover_err;
    int cover_line, cover_col;
    const char *cover_msg;
    /* monotonic counters of uses (to attribute them to arrows afterwards) */
    uint32_t c_this, c_args, c_eval, c_superprop, c_supercall, c_newtarget;
    uint32_t tagged_sites;
    /* module */
    DeclVec exported;       /* exported names (duplicate check) */
    NodeVec export_refs;    /* EXPORT_SPEC nodes whose local must exist */
    /* interned names */
    WFAstName *n_let, *n_static, *n_yield, *n_await, *n_async, *n_of,
        *n_get, *n_set, *n_eval, *n_arguments, *n_constructor, *n_prototype,
        *n_proto, *n_target, *n_meta, *n_from, *n_as, *n_default,
        *n_hash_constructor, *n_implements, *n_interface, *n_package,
        *n_private, *n_protected, *n_public, *n_anonymous, *n_star_default;
} Parser;

/* ---- parse_expr.c ---- */
enum {
    PF_NO_IN = 1,           /* `in` is not an operator (for-init) */
    PF_COVER = 2,           /* the result may become a pattern */
};
WFAstNode *wf_p_expression(Parser *p, int flags);
WFAstNode *wf_p_assign(Parser *p, int flags);
WFAstNode *wf_p_lhs(Parser *p);     /* LeftHandSideExpression (extends) */
/* binding patterns (nothing is declared; callers use wf_p_declare_pattern) */
WFAstNode *wf_p_binding_target(Parser *p);
WFAstNode *wf_p_binding_element(Parser *p);
WFAstNode *wf_p_to_binding(Parser *p, WFAstNode *n);
WFAstNode *wf_p_template(Parser *p, bool tagged);
bool wf_p_args(Parser *p, NodeVec *args, bool cover, bool *trailing_after_spread);
bool wf_p_to_assign_target(Parser *p, WFAstNode *n, bool pattern_ok);
WFAstNode *wf_p_property_key(Parser *p, bool *computed, bool allow_private);

/* ---- parse_stmt.c ---- */
WFAstNode *wf_p_statement(Parser *p);
WFAstNode *wf_p_statement_list_item(Parser *p);
/* parses statements up to `end` (TOK_RBRACE or TOK_EOF) with a directive
   prologue if `directives`; returns false on error. */
bool wf_p_statement_list(Parser *p, NodeVec *out, int end, bool directives);
WFAstNode *wf_p_block(Parser *p, bool catch_body);
WFAstNode *wf_p_var_decl(Parser *p, uint8_t kind, int flags, bool for_head);

/* ---- parse_func.c ---- */
enum {
    FN_DECL = 1,            /* function declaration */
    FN_EXPR = 2,
    FN_DEFAULT = 4,         /* export default: name optional */
};
WFAstNode *wf_p_function(Parser *p, int how, bool is_async, uint32_t start,
                         int line, int col);
WFAstNode *wf_p_method(Parser *p, uint8_t fkind, bool is_async, bool is_gen,
                       uint32_t start, int line, int col, WFAstClass *home,
                       bool is_static);
WFAstNode *wf_p_arrow(Parser *p, NodeVec *params, bool is_async,
                      uint32_t start, int line, int col, int flags,
                      uint32_t cover_this, uint32_t cover_args,
                      uint32_t cover_eval, uint32_t cover_sp,
                      uint32_t cover_sc, uint32_t cover_nt);
WFAstNode *wf_p_class(Parser *p, bool is_decl, bool name_optional);
WFAstNode *wf_p_import_decl(Parser *p);
WFAstNode *wf_p_export_decl(Parser *p);
bool wf_p_check_module_exports(Parser *p);
void wf_p_private_ref(Parser *p, WFAstName *name, int line, int col);

/* ---- parse_scope.c ---- */
bool wf_p_error_at(Parser *p, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
bool wf_p_error(Parser *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
bool wf_p_unexpected(Parser *p);
bool wf_p_oom(Parser *p);
void *wf_p_alloc(Parser *p, size_t n);
WFAstNode *wf_p_node(Parser *p, int kind, int line, int col);
WFAstNode *wf_p_node_tok(Parser *p, int kind);  /* at the current token */
bool wf_p_vec_push(Parser *p, NodeVec *v, WFAstNode *n);
WFAstList wf_p_vec_list(NodeVec *v);
bool wf_p_next(Parser *p);
/* scans the token after the current one into p->pk (no side effects) */
const WFToken *wf_p_peek(Parser *p);
bool wf_p_expect(Parser *p, int type);
bool wf_p_semicolon(Parser *p);
bool wf_p_is_name(Parser *p, WFAstName *name);   /* unescaped contextual kw */
bool wf_p_enter(Parser *p);     /* recursion guard */
void wf_p_stack_init(Parser *p, size_t budget);
static inline void wf_p_leave(Parser *p) { p->depth--; }

WFAstDecl *wf_p_decl_find(DeclVec *v, WFAstName *name);
WFAstDecl *wf_p_decl_add(Parser *p, DeclVec *v, WFAstName *name, uint8_t kind,
                         WFAstNode *node, int line, int col);
WFAstScope wf_p_decl_scope(DeclVec *v);

void wf_p_push_scope(Parser *p, PScope *s, uint8_t kind);
bool wf_p_pop_scope(Parser *p, PScope *s);
/* declare a binding (kind WFDeclKind) in the current scope with all
   redeclaration checks.  for_of_var: var in a for-of head (Annex B.3.4) */
bool wf_p_declare(Parser *p, WFAstName *name, uint8_t kind, WFAstNode *node,
                  int line, int col, bool plain_function);
bool wf_p_declare_var(Parser *p, WFAstName *name, WFAstNode *node, int line,
                      int col, bool for_of_var);
/* declare all names bound by a pattern */
bool wf_p_declare_pattern(Parser *p, WFAstNode *pat, uint8_t kind,
                          WFAstNode *owner, bool for_of_var);
bool wf_p_collect_bound_names(Parser *p, WFAstNode *pat, DeclVec *out,
                              uint8_t kind, WFAstNode *owner);

/* identifier checks */
bool wf_p_is_strict_reserved(Parser *p, WFAstName *n);
bool wf_p_check_ident_ref(Parser *p, WFAstName *name, bool escaped, int line,
                          int col);
bool wf_p_check_binding_ident(Parser *p, WFAstName *name, bool escaped,
                              int line, int col);
void wf_p_use_this(Parser *p);
bool wf_p_use_arguments(Parser *p, int line, int col);
void wf_p_use_eval(Parser *p);
PFunc *wf_p_nonarrow(Parser *p);

/* function context */
void wf_p_push_func(Parser *p, PFunc *fc, WFAstFunc *f, PScope *top);
bool wf_p_pop_func(Parser *p, PFunc *fc);

#define TRYN(x) do { if (!(x)) return NULL; } while (0)
#define TRYB(x) do { if (!(x)) return false; } while (0)

#define TOKIS(p, t) ((p)->tok.type == (t))

#endif /* WF_PARSE_INT_H */
