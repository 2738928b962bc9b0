/*
 * emit.h - private interface of the bytecode compiler: scope.c (bindings,
 * identifier resolution, closure capture), emit_code.c (code buffer,
 * labels, constants, positions, peephole clean-up and finalisation into
 * JSFunctionBytecode), emit_expr.c (expressions, generators' yield),
 * emit_stmt.c (statements), emit_func.c (functions, programs' bodies,
 * destructuring patterns), emit_class.c (classes, private names, super())
 * and compile.c (the driver: scripts, eval, new Function, modules).  Not
 * for use outside the compiler.
 *
 * Model.  The compiler walks the AST once per function.  A WFFuncDef is
 * the function being compiled; it owns its locals (WFVar), its block scopes
 * (WFScope, a tree: each scope has a parent) and the list of closure
 * variables it captures.  The enclosing function's WFFuncDef is alive while
 * a child is compiled, with its current scope at the child's definition
 * point, so identifiers are resolved in one pass: walk the scopes of the
 * current function outwards, then those of the parent function from the
 * child's definition scope, and so on; a binding found in another function
 * is captured through a chain of closure variables.
 *
 * Direct eval compiles the eval code as a child of a "virtual" WFFuncDef
 * rebuilt from the caller's bytecode (vardefs, scope_parent, closure_var).
 * A virtual function's outer bindings are its closure variables, searched
 * in order (they were captured in resolution order: see
 * wf_scope_capture_all).  A module's bindings are the closure variables
 * of a virtual "environment" function too (module.h).
 *
 * Output clean-up (emit_code.c, at wf_fd_finish): TDZ initialisations and
 * `this` copies that no access needs are removed (WFOptSite), jumps are
 * threaded (goto to goto / to return), then nops are compacted away.
 *
 * Errors: functions returning int return 0 or -1; on -1 an exception is
 * pending in c->ctx (SyntaxError with position, or out of memory) and
 * c->failed is set.
 */
#ifndef WF_EMIT_H
#define WF_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"
#include "engine/ast.h"
#include "engine/arena.h"
#include "engine/bytecode.h"

/* Opcodes the compiler emits only once the interpreter implements them
   (see /work/notes/backend-chat.md); 0 = use the older equivalent. */
#ifndef WF_HAVE_FUSED_ADD
#define WF_HAVE_FUSED_ADD 1     /* add_put_loc / add_put_var_ref / add_put_var / add_put_field */
#endif
#ifndef WF_HAVE_WITH_FIND
#define WF_HAVE_WITH_FIND 1     /* with_find / put_ref_value */
#endif

#define WF_EMIT_MAX_DEPTH 1000      /* recursion guard (statements + expressions) */
#define WF_MAX_LOCALS     65534     /* u16 slot indices (0xFFFF reserved) */

typedef struct WFCompiler WFCompiler;
typedef struct WFFuncDef WFFuncDef;

/* A growable byte buffer (js_realloc). */
typedef struct WFBuf {
    uint8_t *data;
    uint32_t len, size;
} WFBuf;

typedef struct WFVar {
    JSAtom name;            /* owned by the WFFuncDef (freed with it) */
    int scope;              /* scope index; args: 0 */
    int scope_next;         /* next local of the same scope, -1: end */
    uint8_t kind;           /* WFSlotKind */
    uint8_t decl;           /* WFDeclKind of the declaration, 0xff: none */
    bool is_const;          /* assignment throws (or is ignored: FUNC_NAME) */
    bool is_lexical;        /* TDZ applies */
    bool is_captured;       /* a closure refers to it */
    bool initialized;       /* compile time: the declaration's initialisation
                               was emitted and no jump can reach a use
                               before it, so uses need no TDZ check */
    bool always_check;      /* switch case block: uses always checked */
    bool is_arg;            /* lives in arg_buf (WFFuncDef.args) */
    bool checked_use;       /* some access (here or in a closure) checks TDZ */
} WFVar;

/* An instruction that can be removed at the end if a local turns out to
   need it not: TDZ initialisation (set_loc_uninitialized) of a binding
   that no access checks, or the copy of `this` into its slot when nothing
   captured it. */
typedef struct WFOptSite {
    uint32_t pos;           /* code offset */
    uint16_t len;           /* bytes */
    int var;                /* local index */
} WFOptSite;

typedef struct WFScope {
    int parent;             /* enclosing scope, -1 for the outermost */
    int first;              /* first local of the scope (WFVar.scope_next list) */
    bool is_switch;         /* bindings need TDZ checks everywhere */
    bool maybe_captured;    /* contains a closure / eval: close on jumps out */
} WFScope;

/* Where a binding lives, seen from its owner function. */
typedef enum WFLocKind {
    WF_LOC_NONE,            /* not found: global */
    WF_LOC_LOCAL,           /* var_buf slot */
    WF_LOC_ARG,             /* arg_buf slot */
    WF_LOC_CVAR,            /* owner's closure variable */
} WFLocKind;

typedef struct WFLoc {
    WFFuncDef *owner;
    uint8_t kind;           /* WFLocKind */
    int idx;
} WFLoc;

#define WF_MAX_DYN 64       /* dynamic (with / eval var object) checks per reference */

/* A resolved identifier, seen from the function being compiled. */
typedef struct WFRef {
    JSAtom name;            /* borrowed */
    uint8_t kind;           /* WFLocKind, relative to the current function
                               (CVAR: current function's closure var) */
    int idx;
    bool is_const;
    bool is_lexical;        /* TDZ checks may be needed */
    bool need_check;        /* emit checked accesses */
    bool is_func_name;      /* named function expression binding */
    bool is_this_check;     /* derived constructor `this` */
    uint8_t slot_kind;      /* WFSlotKind of the binding */
    int ndyn;
    struct {
        uint8_t kind;       /* WF_LOC_LOCAL / ARG / CVAR in the current function */
        int idx;
        bool is_with;       /* with object (else eval var object) */
    } dyn[WF_MAX_DYN];
} WFRef;

/* Jump targets for break / continue and what leaving a construct needs. */
typedef enum WFBlockKind {
    WF_BLK_LOOP,            /* break / continue target */
    WF_BLK_SWITCH,          /* break target */
    WF_BLK_LABEL,           /* labeled statement: break target */
    WF_BLK_SCOPE,           /* block scope: close captured slots */
    WF_BLK_TRY,             /* a catch marker on the stack: drop */
    WF_BLK_FINALLY,         /* leaving runs the finally block (gosub) */
    WF_BLK_FINALLY_BODY,    /* [value ret_addr] on the stack: drop 2 */
    WF_BLK_FOR_IN,          /* [enum] on the stack: drop */
    WF_BLK_FOR_OF,          /* [iter next marker]: iterator_close */
    WF_BLK_STACK,           /* n plain values on the stack: drop them */
    WF_BLK_FOR_AWAIT,       /* [iter next]: AsyncIteratorClose */
} WFBlockKind;

typedef struct WFBlock {
    struct WFBlock *prev;
    uint8_t kind;           /* WFBlockKind */
    WFAstNode *node;        /* LOOP/SWITCH/LABEL: the statement node */
    int label_break;        /* -1 if none */
    int label_cont;         /* -1 if none */
    int label_finally;      /* WF_BLK_FINALLY */
    int scope;              /* WF_BLK_SCOPE */
    int count;              /* WF_BLK_STACK */
    int sp_base;            /* operand stack depth inside the construct
                               (its own values included) */
} WFBlock;

/* Optional chain being compiled: where short circuits go. */
typedef struct WFChain {
    struct WFChain *prev;
    int label_null1;        /* one chain value on the stack: drop it */
    int label_null2;        /* two values (callee: this + func) */
    bool used1, used2;
} WFChain;

typedef struct WFLabelSlot {
    int pos;                /* code offset, -1 until placed */
    int depth;              /* operand stack depth at the label, -1 unknown */
} WFLabelSlot;

typedef struct WFReloc {
    int label;
    uint32_t pos;           /* offset of the i32 operand */
} WFReloc;

struct WFFuncDef {
    WFCompiler *c;
    WFFuncDef *parent;
    int parent_scope;       /* parent's scope where this function is defined */
    WFAstFunc *ast;         /* NULL for virtual and synthetic functions */
    bool is_virtual;        /* rebuilt from a caller's bytecode (direct eval) */
    const JSFunctionBytecode *vb;   /* is_virtual: the bytecode */

    WFVar *args;
    int arg_count, arg_size;
    WFVar *vars;
    int var_count, var_size;
    WFScope *scopes;
    int scope_count, scope_size;
    int cur_scope;
    int body_scope;         /* scope of the body's var/lexical declarations */

    JSClosureVar *cvars;
    int cvar_count, cvar_size;

    WFBuf code;
    WFBuf pc2line;
    uint32_t pos_pc;        /* pc of the last pc2line entry */
    int pos_line, pos_col;  /* position of the last pc2line entry */
    int cur_line, cur_col;  /* position for the next instruction */
    JSValue *cpool;
    int cpool_count, cpool_size;
    WFLabelSlot *labels;
    int label_count, label_size;
    WFReloc *relocs;
    int reloc_count, reloc_size;
    int ic_count;
    int last_op_pos;        /* offset of the last instruction, -1 after a label */
    int sp;                 /* operand stack depth tracked while emitting */
    bool sp_valid;          /* false in dead code after goto/return/throw */
    int op_sp_before;       /* depth before the last instruction */
    WFOptSite *opt_sites;
    int opt_site_count, opt_site_size;
    int *temp_free;         /* released hidden temporaries, reused LIFO */
    int temp_free_count, temp_free_size;        /* offset of the last instruction, -1 after a label */

    /* special slots, -1 if absent */
    int this_var;           /* "this" */
    int new_target_var;
    int home_object_var;
    int this_func_var;
    int arguments_var;
    int eval_var_obj_var;   /* "<var>" */
    int func_name_var;      /* own name of a named function expression */
    int completion_var;     /* completion value of scripts / eval code */
    int ret_var;            /* return value while finally blocks run */

    uint8_t func_kind;      /* WFFuncKindCode */
    uint8_t code_kind;      /* WFCodeKind */
    bool is_strict;
    bool is_arrow;
    bool is_method;
    bool is_derived_ctor;
    bool is_class_ctor;
    bool is_field_init;
    bool has_this_binding;
    bool has_eval_call;     /* a direct eval in this very function */
    bool contains_eval;     /* direct eval here or in a nested function */
    bool global_vars;       /* var declarations are global bindings (script,
                               sloppy eval at global level) */
    bool eval_vars_outer;   /* sloppy eval inside a function: var
                               declarations go to the caller's var env */
    bool simple_params;
    bool new_target_allowed, super_allowed, super_call_allowed, arguments_allowed;
    bool needs_home_object;

    WFBlock *block;         /* innermost break/continue construct */
    WFChain *chain;         /* innermost optional chain */
    JSAtom func_name;       /* owned */
    int line, col;
    uint32_t src_start, src_end;
    uint16_t defined_arg_count;
};

struct WFCompiler {
    JSContext *ctx;
    WFArena *arena;
    const char *src;            /* UTF-8 source */
    size_t src_len;
    const char *filename;       /* C string for messages */
    JSAtom filename_atom;       /* owned */
    WFSource *source;           /* counted */
    bool failed;
    int depth;                  /* recursion guard */
    /* atoms cached in WFAstName.aux: freed at the end */
    JSAtom *name_atoms;
    int name_atom_count, name_atom_size;
};

/* ---- emit_code.c: buffers, instructions, labels, constants ---- */
int wf_buf_put(WFCompiler *c, WFBuf *b, const void *data, uint32_t len);
void wf_buf_free(JSContext *ctx, WFBuf *b);

/* Sets the source position of the next instructions (0 = keep). */
static inline void wf_emit_pos(WFFuncDef *fd, int line, int col)
{
    if (line > 0) {
        fd->cur_line = line;
        fd->cur_col = col;
    }
}
void wf_emit_op(WFFuncDef *fd, WFOpcode op);
void wf_emit_u8(WFFuncDef *fd, uint8_t v);
void wf_emit_u16(WFFuncDef *fd, uint16_t v);
void wf_emit_u32(WFFuncDef *fd, uint32_t v);
void wf_emit_op_u8(WFFuncDef *fd, WFOpcode op, uint8_t v);
void wf_emit_op_u16(WFFuncDef *fd, WFOpcode op, uint16_t v);
void wf_emit_op_u32(WFFuncDef *fd, WFOpcode op, uint32_t v);
/* atom operands: the bytecode takes its own reference */
void wf_emit_op_atom(WFFuncDef *fd, WFOpcode op, JSAtom atom);
void wf_emit_op_atom_u8(WFFuncDef *fd, WFOpcode op, JSAtom atom, uint8_t v);
void wf_emit_field(WFFuncDef *fd, WFOpcode op, JSAtom atom);  /* + IC slot */
void wf_emit_push_int(WFFuncDef *fd, int32_t v);
void wf_emit_push_number(WFFuncDef *fd, double d);
void wf_emit_push_atom(WFFuncDef *fd, JSAtom atom);          /* string value */
void wf_emit_loc(WFFuncDef *fd, WFOpcode op, int idx);       /* get/put/set_loc short forms */
void wf_emit_arg(WFFuncDef *fd, WFOpcode op, int idx);
void wf_emit_var_ref(WFFuncDef *fd, WFOpcode op, int idx);
int wf_new_label(WFFuncDef *fd);
void wf_emit_label(WFFuncDef *fd, int label);
void wf_emit_jump(WFFuncDef *fd, WFOpcode op, int label);    /* goto, if_true, if_false, catch, gosub */
void wf_emit_with(WFFuncDef *fd, WFOpcode op, JSAtom atom, int label, uint8_t flags);
/* Adds a constant (consumed); returns its index or -1. */
int wf_cpool_add(WFFuncDef *fd, JSValue v);
void wf_emit_push_const(WFFuncDef *fd, JSValue v);            /* consumed */
/* set_loc_uninitialized idx, removable when the binding is never checked */
void wf_emit_tdz_init(WFFuncDef *fd, int idx);
/* Records [pos, pos+len) as removable when local `var` is unused by
   closures and unchecked (see WFOptSite). */
void wf_opt_site(WFFuncDef *fd, uint32_t pos, int len, int var);
/* eval argc scope (variable stack effect) */
void wf_emit_eval_op(WFFuncDef *fd, int argc, int scope);
/* true if the last emitted instruction ends the block (goto, return...) */
bool wf_emit_is_dead(WFFuncDef *fd);

/* Errors. */
int wf_compile_error(WFCompiler *c, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
int wf_compile_oom(WFCompiler *c);
int wf_not_supported(WFCompiler *c, const WFAstNode *n, const char *what);

/* Atoms. */
JSAtom wf_name_atom(WFCompiler *c, WFAstName *name);      /* borrowed (cached) */
/* Atom alive until the end of the compilation (borrowed), JS_ATOM_NULL on OOM. */
JSAtom wf_compiler_atom(WFCompiler *c, const char *str, size_t len);
JSAtom wf_str_atom(WFCompiler *c, const WFAstStr *s);    /* new reference */
JSValue wf_ast_str_value(WFCompiler *c, const WFAstStr *s);

/* Function definitions. */
WFFuncDef *wf_fd_new(WFCompiler *c, WFFuncDef *parent, WFAstFunc *ast);
void wf_fd_free(WFFuncDef *fd);
/* Builds the bytecode (stack size, relocations, tables) and frees nothing:
   the caller frees fd.  Returns a JS_TAG_FUNCTION_BYTECODE value or
   JS_EXCEPTION. */
JSValue wf_fd_finish(WFFuncDef *fd);

/* ---- scope.c ---- */
int wf_scope_push(WFFuncDef *fd);                        /* new scope under cur_scope */
void wf_scope_pop(WFFuncDef *fd);                        /* back to the parent */
/* New local in scope 'scope'; returns its index or -1. name is dup'ed. */
int wf_var_add(WFFuncDef *fd, int scope, JSAtom name, uint8_t kind);
int wf_arg_add(WFFuncDef *fd, JSAtom name);
int wf_hidden_var(WFFuncDef *fd);                        /* unnamed temporary */
int wf_temp_alloc(WFFuncDef *fd);                        /* reusable temporary */
void wf_temp_free(WFFuncDef *fd, int idx);
/* Local declared in exactly this scope, or -1. */
int wf_scope_find(WFFuncDef *fd, int scope, JSAtom name);
int wf_arg_find(WFFuncDef *fd, JSAtom name);
/* Resolves 'name' from the current scope of fd (captures as needed). */
int wf_resolve(WFFuncDef *fd, JSAtom name, WFRef *ref);
/* true if name resolves to no binding (global), capturing nothing */
bool wf_resolve_is_global(WFFuncDef *fd, JSAtom name);
/* Makes the location usable from fd: same function -> itself; else the
   index of a closure variable of fd (added through the chain). */
int wf_loc_access(WFFuncDef *fd, const WFLoc *loc, uint8_t *pkind, int *pidx);
/* A function with direct eval: capture every binding visible from it. */
int wf_scope_capture_all(WFFuncDef *fd);
/* Closes captured (or maybe captured when 'conservative') lexical slots of
   a scope. */
void wf_scope_emit_close(WFFuncDef *fd, int scope, bool conservative);
/* Virtual parent rebuilt from a caller bytecode (direct eval). */
WFFuncDef *wf_scope_virtual_from_bytecode(WFCompiler *c, const JSFunctionBytecode *b);

/* A reference kept on the operand stack (13.15.2: evaluated once). */
typedef enum WFRefKind {
    WF_REF_IDENT,           /* nothing on the stack (static binding) */
    WF_REF_IDENT_DYN,       /* [base] (with object or undefined) once read */
    WF_REF_FIELD,           /* [obj] */
    WF_REF_ELEM,            /* [obj key] */
    WF_REF_SUPER,           /* [this proto key] */
    WF_REF_PRIVATE,         /* [obj] (private name) */
    WF_REF_INVALID,         /* nothing: a call (sloppy web-compat target),
                               any access throws a ReferenceError */
} WFRefKind;

typedef struct WFRefInfo {
    WFRefKind kind;
    JSAtom atom;            /* IDENT / FIELD (borrowed) */
    WFRef ref;              /* IDENT */
    WFAstName *pname;       /* PRIVATE: "#x" */
    int line, col;
} WFRefInfo;

/* ---- emit_expr.c ---- */
/* Evaluates the reference part of an assignment target. */
int wf_emit_ref_prepare(WFFuncDef *fd, WFAstNode *t, WFRefInfo *ri);
/* Stores [ref.. v] -> [] (or [v] when keep).  For WF_REF_IDENT_DYN the
   base must have been pushed by wf_emit_ref_get. */
int wf_emit_ref_put(WFFuncDef *fd, WFRefInfo *ri, bool keep);
/* Plain store of [v] into a prepared reference that was never read
   (assignment, destructuring targets). */
int wf_emit_ref_store(WFFuncDef *fd, WFRefInfo *ri, bool keep);
/* Resolves an identifier target early (with / eval var objects): 1 with
   [base] pushed (WF_REF_IDENT_DYN), 0 with nothing pushed, -1 on error. */
int wf_emit_ident_find(WFFuncDef *fd, JSAtom name, WFRefInfo *ri);
/* Throws ReferenceError "Invalid assignment target" (Annex B call targets). */
int wf_emit_invalid_target(WFFuncDef *fd);
int wf_emit_expr(WFFuncDef *fd, WFAstNode *n);            /* pushes one value */
int wf_emit_expr_void(WFFuncDef *fd, WFAstNode *n);       /* pushes nothing */
/* Expression with NamedEvaluation: anonymous functions/classes get 'name'. */
int wf_emit_expr_named(WFFuncDef *fd, WFAstNode *n, JSAtom name);
int wf_emit_cond_jump(WFFuncDef *fd, WFAstNode *n, bool jump_if, int label);
/* Identifier access with a resolved reference. */
int wf_emit_ident_get(WFFuncDef *fd, JSAtom name, bool is_typeof);
/* Stores the value on the stack into the identifier; keep: leave it. */
int wf_emit_ident_put(WFFuncDef *fd, JSAtom name, bool keep, bool is_init);
/* name = value with the reference resolved first (with / eval var objects). */
int wf_emit_assign_name(WFFuncDef *fd, JSAtom name, WFAstNode *value, JSAtom fname, bool want);
/* Emits the value of a property key (computed or not) as a value. */
int wf_emit_prop_key(WFFuncDef *fd, WFAstNode *key, bool computed);
/* Atom of a non-computed property key (new reference), JS_ATOM_NULL on error. */
JSAtom wf_prop_key_atom(WFCompiler *c, WFAstNode *key);
int wf_emit_call_args(WFFuncDef *fd, WFAstList *args, bool *spread);
bool wf_is_anonymous_fn(WFAstNode *n);

/* ---- emit_stmt.c ---- */
int wf_emit_stmt(WFFuncDef *fd, WFAstNode *n);
int wf_emit_stmt_list(WFFuncDef *fd, WFAstList *list);
/* Declares the bindings of an AST scope in a new block scope and emits
   TDZ initialisation and hoisted function declarations. */
int wf_emit_enter_scope(WFFuncDef *fd, WFAstScope *sc, WFAstNode *owner);
void wf_emit_leave_scope(WFFuncDef *fd);
int wf_emit_hoisted_functions(WFFuncDef *fd, WFAstScope *sc, bool global);
/* Marks the binding `name` of the current scope initialized (TDZ over). */
void wf_mark_initialized(WFFuncDef *fd, JSAtom name);
void wf_block_push(WFFuncDef *fd, WFBlock *b, uint8_t kind, WFAstNode *node);
void wf_block_pop(WFFuncDef *fd, WFBlock *b);
/* Emits the exit code of blocks from the innermost up to (excluding) 'to'. */
void wf_emit_unwind(WFFuncDef *fd, WFBlock *to);
int wf_emit_return(WFFuncDef *fd, bool has_value);        /* value on the stack if has_value */

/* ---- emit_func.c ---- */
/* Compiles a child function and pushes the closure (fclosure). name: the
   inferred name for anonymous functions (JS_ATOM_NULL: none). */
int wf_emit_function(WFFuncDef *fd, WFAstFunc *f, JSAtom name);
/* Compiles the body of fd (prologue, declarations, statements). */
int wf_emit_function_body(WFFuncDef *fd);
int wf_emit_class(WFFuncDef *fd, WFAstClass *cls, JSAtom name, bool is_decl);
/* Binding initialisation of a pattern from the value on the stack
   (consumed).  decl: WF_DECL_* of the binding (var/let/const/param), or
   0xff for assignment patterns. */
int wf_emit_binding(WFFuncDef *fd, WFAstNode *target, uint8_t decl);
/* Assignment to a destructuring pattern (value on the stack; keep: leave it). */
int wf_emit_destructure(WFFuncDef *fd, WFAstNode *pattern, uint8_t decl, bool keep);
/* ---- emit_class.c ---- */
int wf_emit_private_get(WFFuncDef *fd, WFAstName *name);            /* [obj] -> [v] */
int wf_emit_private_put(WFFuncDef *fd, WFAstName *name, bool keep); /* [obj v] -> [] */
int wf_emit_private_in(WFFuncDef *fd, WFAstName *name);             /* [obj] -> [bool] */
int wf_emit_super_call(WFFuncDef *fd, WFAstNode *n);                /* [] -> [] */
/* Base class constructors: instance fields at the start of the body. */
int wf_emit_ctor_prologue_fields(WFFuncDef *fd);

/* Compiles a function AST into a bytecode value (used by compile.c). */
JSValue wf_compile_func_ast(WFCompiler *c, WFFuncDef *parent, WFAstFunc *f, JSAtom name);

#endif /* WF_EMIT_H */
