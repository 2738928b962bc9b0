/*
 * ast.h - the abstract syntax tree built by the parser (parse_*.c) and read
 * by scope analysis and the bytecode compiler.
 *
 * Covers all of ECMAScript 2025 syntax.  Every node, name and string lives in
 * a WFArena (engine/arena.h) and dies with it; nothing here is refcounted and
 * nothing points into the runtime's heap.  The tree is immutable once
 * wf_parse_program() returns, except for the `aux` slots, which belong to the
 * backend (the parser sets them to NULL).
 *
 * CHANGE LOG (renames are announced here; additions are listed too):
 *   v1  first version.
 *   v1.1 additions: WF_AST_F_ANNEXB, wf_ast_kind_name, wf_ast_for_each_child
 *        (ast.c); CALL accepted as assignment/update/for-in-of target in
 *        sloppy code (Annex B runtime ReferenceError, see u.assign);
 *        WF_DECL_FUNC_NAME is never produced.  No renames so far.
 *
 * Conventions
 * - line/col are 1-based; col counts UTF-16 code units from the line start.
 * - Identifier names are interned per arena (WFAstName): equal names have equal
 *   pointers.  Private names are interned WITH their '#' ("#x"), so they never
 *   collide with identifiers.  wf_ast_intern() interns extra names (e.g. for
 *   the backend's "arguments", "eval", "*default*").
 * - Strings (WFAstStr) hold code units: Latin-1 bytes when every unit is
 *   <= 0xFF (wide == false), else UTF-16 units (wide == true; lone
 *   surrogates possible).  Never NUL-terminated; data may be NULL when len==0.
 * - Lists (WFAstList) are arrays of node pointers; a NULL item is an elision
 *   (array hole) where the list's comment says so.
 * - Non-computed property keys (object literal, class element, pattern
 *   property) are WF_AST_IDENT nodes used as NAMES, never as variable
 *   references; a generic walker must not resolve them.  Check the `computed`
 *   flag of the owner.
 */
#ifndef WF_AST_H
#define WF_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/arena.h"

typedef struct WFAstNode WFAstNode;
typedef struct WFAstFunc WFAstFunc;
typedef struct WFAstClass WFAstClass;

/* ---------------------------------------------------------------------- */
/* Names and strings                                                       */

typedef struct WFAstName {
    const char *str;        /* UTF-8, NUL-terminated, always well-formed */
    uint32_t len;           /* bytes, without the NUL */
    uint32_t hash;          /* hash of the bytes (FNV-1a) */
    struct WFAstName *next; /* intern hash chain (private to the arena) */
    void *aux;              /* free for the backend (e.g. a cached JSAtom) */
} WFAstName;

typedef struct WFAstStr {
    uint32_t len;           /* number of code units */
    bool wide;              /* false: s8 (Latin-1); true: s16 (UTF-16) */
    union {
        const uint8_t *s8;
        const uint16_t *s16;
    } u;
} WFAstStr;

typedef struct WFAstList {
    WFAstNode **items;
    uint32_t count;
} WFAstList;

/* Interns name[0..len) (UTF-8) in the arena; NULL on out-of-memory. */
WFAstName *wf_ast_intern(WFArena *a, const char *name, size_t len);

/* ---------------------------------------------------------------------- */
/* Declarations and scopes                                                 */

typedef enum WFDeclKind {
    WF_DECL_VAR,            /* var (and var-scoped names of a script/eval) */
    WF_DECL_LET,
    WF_DECL_CONST,
    WF_DECL_CLASS,          /* class declaration (mutable lexical binding) */
    WF_DECL_FUNCTION,       /* function declaration: lexical in blocks and at
                               module top level; var-scoped at function and
                               script top level (then it is in var_scope) */
    WF_DECL_ANNEXB_FUNC,    /* var binding created by Annex B.3.3 for a
                               function declared in a block (node = that
                               WF_AST_FUNC_DECL, which has annexb_hoisted) */
    WF_DECL_PARAM,          /* formal parameter */
    WF_DECL_CATCH_PARAM,    /* catch (e) / catch ({a, b}) */
    WF_DECL_IMPORT,         /* import binding (immutable, live) */
    WF_DECL_CLASS_INNER,    /* the class's own name inside its body (const) */
    WF_DECL_FUNC_NAME,      /* reserved: not produced by the parser (a named
                               function expression's own binding is implied
                               by WFAstFunc.is_named_expr + name) */
    /* private names (WFAstClass.private_names) */
    WF_DECL_PRIVATE_FIELD,
    WF_DECL_PRIVATE_METHOD,
    WF_DECL_PRIVATE_GETTER,
    WF_DECL_PRIVATE_SETTER,
    WF_DECL_PRIVATE_ACCESSOR, /* getter + setter pair with the same name */
} WFDeclKind;

typedef struct WFAstDecl {
    WFAstName *name;
    uint8_t kind;           /* WFDeclKind */
    bool is_static;         /* private names: static element */
    WFAstNode *node;        /* declaring node: VAR_DECL / FUNC_DECL /
                               CLASS_DECL / IMPORT_SPEC / CLASS_MEMBER ...;
                               for params and catch params the IDENT node */
    int line, col;          /* position of the binding identifier */
} WFAstDecl;

typedef struct WFAstScope {
    WFAstDecl *decls;       /* in source order */
    uint32_t count;
    void *aux;              /* free for the backend */
} WFAstScope;

/* ---------------------------------------------------------------------- */
/* Operators                                                               */

typedef enum WFAstOp {
    WF_OP_NONE,
    /* binary */
    WF_OP_ADD, WF_OP_SUB, WF_OP_MUL, WF_OP_DIV, WF_OP_MOD, WF_OP_EXP,
    WF_OP_SHL, WF_OP_SAR, WF_OP_SHR, WF_OP_BAND, WF_OP_BOR, WF_OP_BXOR,
    WF_OP_EQ, WF_OP_NE, WF_OP_STRICT_EQ, WF_OP_STRICT_NE,
    WF_OP_LT, WF_OP_LE, WF_OP_GT, WF_OP_GE, WF_OP_IN, WF_OP_INSTANCEOF,
    /* logical (WF_AST_LOGICAL and logical assignment) */
    WF_OP_AND, WF_OP_OR, WF_OP_NULLISH,
    /* unary (WF_AST_UNARY) */
    WF_OP_NEG, WF_OP_PLUS, WF_OP_NOT, WF_OP_BNOT, WF_OP_TYPEOF, WF_OP_VOID,
    WF_OP_DELETE,
    /* update (WF_AST_UPDATE) */
    WF_OP_INC, WF_OP_DEC,
    /* assignment: '=' is WF_OP_ASSIGN; compound ones use the binary or
       logical operator (x += 1 -> WF_OP_ADD, x ??= 1 -> WF_OP_NULLISH) */
    WF_OP_ASSIGN,
} WFAstOp;

/* ---------------------------------------------------------------------- */
/* Node kinds                                                              */

typedef enum WFAstKind {
    /* ---- program ---- */
    WF_AST_PROGRAM,         /* u.program */

    /* ---- statements ---- */
    WF_AST_EMPTY,           /* ; */
    WF_AST_EXPR_STMT,       /* u.expr_stmt */
    WF_AST_BLOCK,           /* u.block (has a scope) */
    WF_AST_VAR_DECL,        /* u.var_decl: var/let/const declaration list */
    WF_AST_VAR_DECLARATOR,  /* u.declarator */
    WF_AST_FUNC_DECL,       /* u.func */
    WF_AST_CLASS_DECL,      /* u.cls */
    WF_AST_IF,              /* u.if_ */
    WF_AST_FOR,             /* u.for_ (has a scope for let/const heads) */
    WF_AST_FOR_IN,          /* u.for_in (has a scope) */
    WF_AST_FOR_OF,          /* u.for_in (has a scope; is_await: for await) */
    WF_AST_WHILE,           /* u.while_ */
    WF_AST_DO_WHILE,        /* u.while_ */
    WF_AST_CONTINUE,        /* u.jump */
    WF_AST_BREAK,           /* u.jump */
    WF_AST_RETURN,          /* u.ret (arg may be NULL) */
    WF_AST_THROW,           /* u.ret */
    WF_AST_WITH,            /* u.with_ */
    WF_AST_SWITCH,          /* u.switch_ (has a scope: the case block) */
    WF_AST_CASE,            /* u.case_ (test NULL for default:) */
    WF_AST_LABELED,         /* u.labeled */
    WF_AST_TRY,             /* u.try_ */
    WF_AST_DEBUGGER,
    WF_AST_IMPORT_DECL,     /* u.import_decl */
    WF_AST_IMPORT_SPEC,     /* u.spec (inside IMPORT_DECL) */
    WF_AST_EXPORT_NAMED,    /* u.export_named: export {..} [from ".."],
                               export var/let/const/function/class */
    WF_AST_EXPORT_SPEC,     /* u.spec (inside EXPORT_NAMED) */
    WF_AST_EXPORT_DEFAULT,  /* u.export_default */
    WF_AST_EXPORT_ALL,      /* u.export_all: export * [as ns] from ".." */
    WF_AST_IMPORT_ATTR,     /* u.import_attr: key: "value" in with {..} */

    /* ---- expressions ---- */
    WF_AST_IDENT,           /* u.ident (variable reference or binding) */
    WF_AST_THIS,
    WF_AST_NULL,
    WF_AST_BOOL,            /* u.boolean */
    WF_AST_NUMBER,          /* u.num */
    WF_AST_BIGINT,          /* u.bigint */
    WF_AST_STRING,          /* u.str */
    WF_AST_TEMPLATE,        /* u.tmpl: untagged `a${b}c` */
    WF_AST_TEMPLATE_ELEM,   /* u.tmpl_elem: one quasi */
    WF_AST_TAGGED_TEMPLATE, /* u.tagged */
    WF_AST_REGEXP,          /* u.regexp */
    WF_AST_ARRAY,           /* u.array (NULL item = hole; SPREAD items) */
    WF_AST_OBJECT,          /* u.object (PROPERTY items) */
    WF_AST_PROPERTY,        /* u.prop (object literal / object pattern) */
    WF_AST_FUNC_EXPR,       /* u.func (also method / accessor values) */
    WF_AST_ARROW,           /* u.func */
    WF_AST_CLASS_EXPR,      /* u.cls */
    WF_AST_CLASS_MEMBER,    /* u.member_def (inside WFAstClass.members) */
    WF_AST_UNARY,           /* u.unary */
    WF_AST_UPDATE,          /* u.update */
    WF_AST_BINARY,          /* u.binary (arithmetic, comparison, in, ...) */
    WF_AST_LOGICAL,         /* u.binary with op AND / OR / NULLISH */
    WF_AST_ASSIGN,          /* u.assign */
    WF_AST_CONDITIONAL,     /* u.cond */
    WF_AST_SEQUENCE,        /* u.seq */
    WF_AST_CALL,            /* u.call */
    WF_AST_NEW,             /* u.call (optional always false) */
    WF_AST_MEMBER,          /* u.member: a.b, a[b], a.#b */
    WF_AST_OPTIONAL_CHAIN,  /* u.chain: boundary of an optional chain */
    WF_AST_SUPER_MEMBER,    /* u.member with object NULL: super.x, super[x] */
    WF_AST_SUPER_CALL,      /* u.call with callee NULL: super(...) */
    WF_AST_NEW_TARGET,
    WF_AST_IMPORT_META,
    WF_AST_IMPORT_CALL,     /* u.import_call: import(src [, options]) */
    WF_AST_SPREAD,          /* u.spread: ...x in arrays, calls, new */
    WF_AST_YIELD,           /* u.yield */
    WF_AST_AWAIT,           /* u.spread (arg) */
    WF_AST_PRIVATE_NAME,    /* u.private_name: #x as class element key */
    WF_AST_PRIVATE_IN,      /* u.private_in: #x in obj */

    /* ---- patterns (binding and assignment targets) ---- */
    WF_AST_ARRAY_PATTERN,   /* u.array (NULL = hole; last may be REST) */
    WF_AST_OBJECT_PATTERN,  /* u.object (PROPERTY items with value = target
                               pattern; last may be REST) */
    WF_AST_ASSIGN_PATTERN,  /* u.assign_pattern: target = default */
    WF_AST_REST,            /* u.spread: ...target in patterns / params */

    WF_AST_KIND_COUNT
} WFAstKind;

/* ---------------------------------------------------------------------- */
/* Functions                                                               */

typedef enum WFFuncKind {
    WF_FUNC_NORMAL,             /* function declaration / expression */
    WF_FUNC_ARROW,
    WF_FUNC_METHOD,             /* object / class method (has home object) */
    WF_FUNC_GETTER,
    WF_FUNC_SETTER,
    WF_FUNC_CLASS_CONSTRUCTOR,  /* base class constructor */
    WF_FUNC_DERIVED_CONSTRUCTOR,/* constructor of a class with extends */
    WF_FUNC_FIELD_INIT,         /* one class field initializer; body is one
                                   RETURN of the initializer expression */
    WF_FUNC_STATIC_BLOCK,       /* static { ... } */
    WF_FUNC_SCRIPT,             /* Program of a script */
    WF_FUNC_MODULE,             /* Program of a module */
    WF_FUNC_EVAL,               /* Program of eval code */
} WFFuncKind;

struct WFAstFunc {
    uint8_t kind;               /* WFFuncKind */
    bool is_generator;
    bool is_async;
    bool strict;                /* body is strict code */
    bool has_use_strict;        /* own "use strict" directive */
    bool has_simple_params;     /* IsSimpleParameterList */
    bool is_expr_body;          /* arrow with concise body (body = 1 RETURN) */
    bool is_static;             /* class static method / static field init */
    bool is_named_expr;         /* function expression with its own name
                                   binding (scope: WF_DECL_FUNC_NAME) */
    bool is_computed_key;       /* method with a computed key */

    /* What the body uses.  For arrows the flag is set on the arrow AND on
       every enclosing function up to and including the first non-arrow one
       (whose this/arguments/new.target/super the arrow sees). Field
       initializers and static blocks act as non-arrow functions here. */
    bool uses_arguments;        /* identifier `arguments` referenced */
    bool uses_this;             /* this, or super(...)/super.x (need this) */
    bool has_direct_eval;       /* eval(...) call by plain identifier */
    bool uses_super_property;   /* super.x / super[x] */
    bool uses_super_call;       /* super(...) */
    bool uses_new_target;
    bool has_with;              /* with statement directly in this function */
    bool contains_direct_eval;  /* has_direct_eval here or in any nested
                                   function (all depths) */
    bool contains_with;         /* with here or in any nested function */
    bool has_await;             /* module: top-level await appears */
    bool args_is_param_or_lex;  /* a parameter, or a let/const/class/function
                                   declared at body top level, is named
                                   `arguments` (then no arguments object) */

    WFAstName *name;            /* binding name or NULL (no name inference:
                                   NamedEvaluation is the backend's job) */
    WFAstNode *id;              /* IDENT node of the name, or NULL */
    WFAstList params;           /* patterns: IDENT, ARRAY_PATTERN,
                                   OBJECT_PATTERN, ASSIGN_PATTERN (default),
                                   REST (last) */
    uint32_t length;            /* expected argument count (params before the
                                   first default or rest) */
    WFAstList body;             /* statements (Program: also import/export) */

    WFAstScope param_scope;     /* names bound by params (WF_DECL_PARAM), in
                                   order, duplicates kept (sloppy simple
                                   lists: the last one wins).  The own name
                                   of a named function expression is not
                                   here: see is_named_expr / name */
    WFAstScope var_scope;       /* var-scoped names: var, top-level function
                                   declarations (kind FUNCTION, node = the
                                   FUNC_DECL, last one wins), Annex B hoisted
                                   block functions (ANNEXB_FUNC). Each name
                                   appears once (first declaration, except
                                   FUNCTION entries which replace VAR ones). */
    WFAstScope lex_scope;       /* lexical declarations at body top level:
                                   let/const/class (module: also functions
                                   and imports) */

    WFAstClass *home_class;     /* class of methods/ctors/field inits */
    WFAstFunc *parent;          /* enclosing function (NULL for Program) */

    uint32_t src_start, src_end;/* byte offsets of the source text for
                                   Function.prototype.toString */
    void *aux;                  /* free for the backend */
};

/* ---------------------------------------------------------------------- */
/* Classes                                                                 */

typedef enum WFClassMemberKind {
    WF_CM_METHOD,
    WF_CM_GETTER,
    WF_CM_SETTER,
    WF_CM_FIELD,            /* value = FUNC_EXPR (FIELD_INIT) or NULL */
    WF_CM_STATIC_BLOCK,     /* value = FUNC_EXPR (STATIC_BLOCK); key NULL */
} WFClassMemberKind;

struct WFAstClass {
    WFAstName *name;            /* NULL for anonymous class expressions */
    WFAstNode *id;              /* IDENT or NULL */
    WFAstNode *superclass;      /* extends expression or NULL */
    WFAstNode *constructor;     /* FUNC_EXPR (kind CLASS_CONSTRUCTOR or
                                   DERIVED_CONSTRUCTOR) or NULL = default */
    WFAstList members;          /* CLASS_MEMBER nodes, source order,
                                   constructor excluded */
    WFAstScope scope;           /* class scope: WF_DECL_CLASS_INNER name */
    WFAstScope private_names;   /* WF_DECL_PRIVATE_* declared in the body */
    bool has_instance_fields;   /* any non-static field or private method */
    uint32_t src_start, src_end;/* source text (Function.prototype.toString) */
    void *aux;                  /* free for the backend */
};

/* ---------------------------------------------------------------------- */
/* Node                                                                    */

/* Node flags */
#define WF_AST_F_PARENS     0x01  /* expression was parenthesized */
#define WF_AST_F_DIRECTIVE  0x02  /* EXPR_STMT is a directive-prologue string */
#define WF_AST_F_ANNEXB     0x04  /* FUNC_DECL in a block whose name is also
                                     var-bound (Annex B.3.3): evaluating the
                                     declaration copies the block binding to
                                     the var binding */
#define WF_AST_F_INTERNAL   0x8000 /* parser-internal, always clear */

typedef enum WFPropKind {
    WF_PROP_INIT,           /* key: value  (also shorthand, see flag) */
    WF_PROP_PROTO,          /* __proto__: value (non-computed, non-shorthand) */
    WF_PROP_METHOD,         /* key() {}  value = FUNC_EXPR */
    WF_PROP_GETTER,
    WF_PROP_SETTER,
    WF_PROP_SPREAD,         /* ...expr (value); key NULL */
} WFPropKind;

typedef enum WFVarKind { WF_VAR_VAR, WF_VAR_LET, WF_VAR_CONST } WFVarKind;

struct WFAstNode {
    uint16_t kind;          /* WFAstKind */
    uint16_t flags;         /* WF_AST_F_* */
    int line, col;          /* start of the node */
    void *aux;              /* free for the backend */
    union {
        struct { WFAstFunc *func; } program;   /* func->kind SCRIPT/MODULE/EVAL */

        /* statements */
        struct { WFAstNode *expr; } expr_stmt;
        struct { WFAstList body; WFAstScope scope; } block;
        struct {
            uint8_t kind;           /* WFVarKind */
            WFAstList decls;        /* VAR_DECLARATOR */
        } var_decl;
        struct { WFAstNode *target; WFAstNode *init; } declarator;
        struct { WFAstNode *test, *cons, *alt; } if_;
        struct {
            WFAstNode *init;        /* VAR_DECL, expression or NULL */
            WFAstNode *test, *update, *body;
            WFAstScope scope;       /* let/const of the head (per-iteration
                                       copies are the backend's job) */
        } for_;
        struct {
            WFAstNode *left;        /* VAR_DECL with one declarator (init
                                       only for Annex B `for (var x = 1 in`),
                                       or an assignment target / pattern */
            WFAstNode *right, *body;
            bool is_await;          /* for await (..of..) */
            WFAstScope scope;       /* let/const of the head */
        } for_in;
        struct { WFAstNode *test, *body; } while_;
        struct {
            WFAstName *label;       /* NULL if none */
            WFAstNode *target;      /* the loop/switch/labeled statement it
                                       leaves or continues (for labeled
                                       continue: the loop itself) */
        } jump;
        struct { WFAstNode *arg; } ret;
        struct { WFAstNode *object, *body; } with_;
        struct {
            WFAstNode *disc;
            WFAstList cases;        /* CASE nodes */
            WFAstScope scope;
        } switch_;
        struct { WFAstNode *test; WFAstList body; } case_;
        struct { WFAstName *label; WFAstNode *body; } labeled;
        struct {
            WFAstNode *block;       /* BLOCK */
            WFAstNode *param;       /* catch binding pattern, NULL if
                                       `catch {` or no catch */
            WFAstNode *handler;     /* BLOCK or NULL */
            WFAstNode *finalizer;   /* BLOCK or NULL */
            WFAstScope catch_scope; /* WF_DECL_CATCH_PARAM names */
        } try_;

        /* modules.  Module export/import names are WFAstName (string
           export names are well-formed, so always valid UTF-8). */
        struct {
            WFAstList specs;        /* IMPORT_SPEC */
            WFAstNode *source;      /* STRING */
            WFAstList attrs;        /* IMPORT_ATTR */
        } import_decl;
        struct {
            WFAstName *imported;    /* IMPORT_SPEC: "default", a name, or NULL
                                       for `* as ns`; EXPORT_SPEC: local name
                                       (or the imported name with `from`) */
            WFAstName *local;       /* IMPORT_SPEC: local binding;
                                       EXPORT_SPEC: exported name */
            WFAstNode *local_id;    /* IDENT of the local binding (import), or
                                       of the referenced binding (export
                                       without from), else NULL */
        } spec;
        struct {
            WFAstNode *decl;        /* VAR_DECL / FUNC_DECL / CLASS_DECL, or
                                       NULL when specs are used */
            WFAstList specs;        /* EXPORT_SPEC */
            WFAstNode *source;      /* STRING for re-exports, else NULL */
            WFAstList attrs;
        } export_named;
        struct {
            WFAstNode *value;       /* FUNC_DECL / CLASS_DECL (possibly
                                       anonymous: name NULL; bound to the
                                       local "*default*") or an expression */
        } export_default;
        struct {
            WFAstName *exported;    /* `export * as ns`: ns; else NULL */
            WFAstNode *source;      /* STRING */
            WFAstList attrs;
        } export_all;
        struct { WFAstName *key; WFAstNode *value; /* STRING */ } import_attr;

        /* expressions */
        struct {
            WFAstName *name;
            bool escaped;           /* written with \u escapes */
        } ident;
        struct { bool value; } boolean;
        struct { double value; } num;
        struct {
            const char *digits;     /* ASCII digits without prefix,
                                       separators or 'n'; NUL-terminated */
            uint32_t len;
            uint8_t radix;          /* 2, 8, 10 or 16 */
        } bigint;
        struct {
            WFAstStr str;
            bool has_octal_escape;  /* legacy octal / \8 \9 escape used */
        } str;
        struct {
            WFAstList quasis;       /* TEMPLATE_ELEM, count = exprs + 1 */
            WFAstList exprs;
        } tmpl;
        struct {
            WFAstStr cooked;        /* valid when cooked_valid */
            bool cooked_valid;      /* false: invalid escape (tagged only;
                                       the cooked value is undefined) */
            WFAstStr raw;           /* raw text, CR/CRLF normalised to LF */
        } tmpl_elem;
        struct {
            WFAstNode *tag;
            WFAstNode *quasi;       /* TEMPLATE */
            uint32_t site_id;       /* unique per tagged template in the
                                       parse (for the template object cache) */
        } tagged;
        struct {
            const char *pattern;    /* UTF-8 source text between the slashes,
                                       exactly as written; NUL-terminated */
            uint32_t pattern_len;
            const char *flags;      /* subset of "dgimsuvy", validated;
                                       NUL-terminated */
            uint32_t flags_len;
        } regexp;
        struct { WFAstList elements; } array;
        struct { WFAstList props; } object;
        struct {
            uint8_t kind;           /* WFPropKind */
            bool computed;          /* key is an expression: [k] */
            bool shorthand;         /* {a} / {a = 1} (value is IDENT or
                                       ASSIGN_PATTERN) */
            WFAstNode *key;         /* IDENT (as a name), STRING, NUMBER,
                                       BIGINT or computed expression; NULL
                                       for SPREAD / pattern REST */
            WFAstNode *value;       /* expression, FUNC_EXPR for methods and
                                       accessors, pattern in OBJECT_PATTERN;
                                       in a pattern the REST item is a REST
                                       node directly in props, not a PROPERTY */
        } prop;
        struct { WFAstFunc *func; } func;   /* FUNC_DECL, FUNC_EXPR, ARROW */
        struct { WFAstClass *cls; } cls;    /* CLASS_DECL, CLASS_EXPR */
        struct {
            uint8_t kind;           /* WFClassMemberKind */
            bool is_static;
            bool computed;          /* key is an expression */
            WFAstNode *key;         /* IDENT (name), STRING, NUMBER, BIGINT,
                                       PRIVATE_NAME or computed expression;
                                       NULL for static blocks */
            WFAstNode *value;       /* FUNC_EXPR (method/getter/setter: kind
                                       METHOD/GETTER/SETTER; field: kind
                                       FIELD_INIT or NULL; static block) */
        } member_def;
        struct { uint8_t op; WFAstNode *arg; } unary;
        struct { uint8_t op; bool prefix; WFAstNode *arg; } update;
        struct { uint8_t op; WFAstNode *left, *right; } binary;
        struct {
            uint8_t op;             /* WF_OP_ASSIGN or compound operator */
            WFAstNode *target;      /* IDENT, MEMBER, SUPER_MEMBER, or (op ==
                                       ASSIGN only) ARRAY_/OBJECT_PATTERN.
                                       In sloppy code also CALL (Annex B
                                       "runtime errors for function call
                                       assignment targets"; not for logical
                                       ops): evaluate the call, then throw a
                                       ReferenceError.  Same for UPDATE args
                                       and FOR_IN/FOR_OF left sides. */
            WFAstNode *value;
        } assign;
        struct { WFAstNode *test, *cons, *alt; } cond;
        struct { WFAstList exprs; } seq;
        struct {
            WFAstNode *callee;      /* NULL for SUPER_CALL */
            WFAstList args;         /* SPREAD items allowed */
            bool optional;          /* f?.() : short-circuits to the end of
                                       the enclosing OPTIONAL_CHAIN */
            bool is_direct_eval;    /* callee is the plain identifier `eval`
                                       (not parenthesized, not optional) */
            int pos_line, pos_col;  /* for stack traces: the '(' (NEW: the
                                       `new` keyword if no arguments) */
        } call;
        struct {
            WFAstNode *object;      /* NULL for SUPER_MEMBER */
            WFAstName *name;        /* a.b: "b"; a.#b: "#b"; NULL if computed */
            WFAstNode *prop;        /* computed: a[prop]; else NULL */
            bool is_private;        /* a.#b */
            bool optional;          /* a?.b / a?.[b]: short-circuits to the
                                       end of the enclosing OPTIONAL_CHAIN */
            int pos_line, pos_col;  /* the property name or '[' */
        } member;
        struct {
            WFAstNode *expr;        /* the whole chain a?.b.c(); every
                                       optional link inside (up to the next
                                       nested OPTIONAL_CHAIN) jumps here and
                                       yields undefined */
        } chain;
        struct { WFAstNode *source, *options; /* options may be NULL */ } import_call;
        struct { WFAstNode *arg; } spread;  /* SPREAD, REST, AWAIT */
        struct { WFAstNode *arg; bool delegate; } yield;
        struct { WFAstName *name; /* "#x" */ } private_name;
        struct { WFAstName *name; /* "#x" */ WFAstNode *right; } private_in;
        struct { WFAstNode *target, *def; } assign_pattern;
    } u;
};

/* ---------------------------------------------------------------------- */
/* Generic helpers (ast.c)                                                 */

/* "Ident", "Call", ... for dumps and messages */
const char *wf_ast_kind_name(int kind);

/* Calls fn(opaque, &child) for every non-NULL child of n in source order
   (a visitor may replace *slot).  Stops and returns false as soon as fn
   does.  Function nodes yield id, params, body; class nodes id,
   superclass, constructor, members.  Name-only IDENT nodes (non-computed
   keys, function/class ids, import/export spec ids) are children too:
   check the owner before treating an IDENT as a reference. */
typedef bool (*WFAstVisitFn)(void *opaque, WFAstNode **slot);
bool wf_ast_for_each_child(WFAstNode *n, WFAstVisitFn fn, void *opaque);

#endif /* WF_AST_H */
