/*
 * bytecode.h - compiled functions: the contract between the compiler
 * (scope.c, emit_*.c, compile.c) and the interpreter (interp.c, function.c).
 *
 * A JSFunctionBytecode is an immutable GC cell produced by the compiler for
 * every function, script, eval body and module.  The interpreter runs it
 * in a frame made of:
 *
 *   arg_buf[max(argc, arg_count)]   the arguments (missing ones undefined)
 *   var_buf[var_count]              locals: vars, let/const/class (block
 *                                   scoped ones included), hidden slots
 *   stack[stack_size]               the operand stack
 *
 * Opcodes, their operands and stack effects are listed in opcodes.def.
 *
 * Invariants the VM may rely on:
 * - stack_size is the exact maximum operand stack depth reached on every
 *   path (catch markers and gosub return addresses included).
 * - var_buf starts as undefined; the compiler emits set_loc_uninitialized
 *   for lexical slots before their scope is entered (TDZ).
 * - A closure variable (JSClosureVar) of a child function refers to a slot
 *   of the frame in which `fclosure` runs (is_local) or to an entry of the
 *   parent function's own closure variable list (!is_local).  The VM creates
 *   a JSVarRef per captured (frame, slot) pair, shared by every closure of
 *   that frame that captures the slot, and detaches it (copies the value
 *   into the var ref) on `close_loc idx` and when the frame returns.
 * - Every instruction that can throw has a pc2line entry at or before its
 *   first byte (see wf_bytecode_find_pos).
 *
 * Direct eval: see wf_compile_eval in compile.h and the `eval` /
 * `apply_eval` opcodes.  A function containing direct eval keeps the names
 * of all its variables and has every variable visible from it captured.
 *
 * The compiler owns this file; changes are announced in
 * /work/notes/backend-chat.md.
 */
#ifndef WF_BYTECODE_H
#define WF_BYTECODE_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"
#include "engine/gc.h"

/* ---------------------------------------------------------------------- */
/* Opcodes                                                                 */

/* Operand formats (opcodes.def 5th column).  All operands are stored
   little-endian and unaligned right after the opcode byte.  A label is an
   i32 offset relative to the address of the label operand itself
   (target = pc_of_operand + offset). */
typedef enum WFOpFormat {
    WF_FMT_none,
    WF_FMT_u8,
    WF_FMT_i8,
    WF_FMT_u16,
    WF_FMT_i16,
    WF_FMT_i32,
    WF_FMT_u32,
    WF_FMT_npop,        /* u16 argc: n_pop = column value + argc */
    WF_FMT_npop_u16,    /* u16 argc, u16 scope index (eval) */
    WF_FMT_loc,         /* u16 index into var_buf */
    WF_FMT_arg,         /* u16 index into arg_buf */
    WF_FMT_var_ref,     /* u16 index into the function's closure variables */
    WF_FMT_const,       /* u32 index into cpool */
    WF_FMT_atom,        /* u32 JSAtom */
    WF_FMT_atom_u8,     /* u32 JSAtom, u8 flags */
    WF_FMT_atom_u16,    /* u32 JSAtom, u16 inline cache index */
    WF_FMT_atom_label_u8, /* u32 JSAtom, i32 label (relative to its own
                             address), u8 flags */
    WF_FMT_label,       /* i32 label */
    WF_FMT_u16_u8,      /* u16, u8 */
} WFOpFormat;

typedef enum WFOpcode {
#define DEF(id, size, n_pop, n_push, f) OP_##id,
#include "engine/opcodes.def"
#undef DEF
    OP_COUNT,
} WFOpcode;

typedef struct WFOpInfo {
    const char *name;
    uint8_t size;       /* bytes including the opcode */
    uint8_t n_pop;      /* for npop formats: fixed part (argc added) */
    uint8_t n_push;
    uint8_t fmt;        /* WFOpFormat */
} WFOpInfo;

/* Indexed by opcode (bytecode.c). */
extern const WFOpInfo wf_op_info[OP_COUNT];

/* Operand of special_object. */
typedef enum WFSpecialObject {
    WF_SPECIAL_ARGUMENTS,         /* unmapped arguments object (strict /
                                     non-simple parameter list) */
    WF_SPECIAL_MAPPED_ARGUMENTS,  /* mapped arguments object aliasing
                                     arg_buf (sloppy, simple params) */
    WF_SPECIAL_THIS_FUNC,         /* the function object being run */
    WF_SPECIAL_NEW_TARGET,        /* new.target (undefined for [[Call]]) */
    WF_SPECIAL_HOME_OBJECT,       /* [[HomeObject]] of the running function
                                     (undefined if none) */
    WF_SPECIAL_VAR_OBJECT,        /* a new object with null prototype (the
                                     eval var object of a sloppy function
                                     with direct eval) */
    WF_SPECIAL_IMPORT_META,       /* import.meta of the running module */
} WFSpecialObject;

/* Operand of throw_error: which error to throw; the atom names the
   variable or property. */
typedef enum WFThrowKind {
    WF_THROW_CONST_ASSIGN,   /* TypeError "Assignment to constant variable." */
    WF_THROW_TDZ,            /* ReferenceError "Cannot access 'x' before initialization" */
    WF_THROW_NOT_DEFINED,    /* ReferenceError "x is not defined" */
    WF_THROW_SYNTAX,         /* SyntaxError, message = the atom's text */
    WF_THROW_TYPE,           /* TypeError, message = the atom's text */
    WF_THROW_SUPER_TWICE,    /* ReferenceError "Super constructor may only be called once" */
    WF_THROW_THIS_UNINIT,    /* ReferenceError "Must call super constructor in derived
                                class before accessing 'this' or returning from
                                derived constructor" */
    WF_THROW_DELETE_SUPER,   /* ReferenceError "Unsupported reference to 'super'" */
    WF_THROW_REFERENCE,      /* ReferenceError, message = the atom's text */
} WFThrowKind;

/* Flags of check_define_var / define_var / define_func (global and eval
   declaration instantiation, ECMA-262 16.1.7 and 19.2.1.3). */
#define WF_DEFVAR_LEXICAL   0x01  /* let/const/class binding in ctx->global_var_obj */
#define WF_DEFVAR_CONST     0x02  /* with LEXICAL: immutable binding */
#define WF_DEFVAR_FUNCTION  0x04  /* a function declaration (CanDeclareGlobalFunction) */
#define WF_DEFVAR_EVAL      0x08  /* eval code: var/function bindings are
                                     configurable (deletable) */

/* Flags of define_method / define_method_computed. */
#define WF_METHOD_KIND_MASK   0x03
#define WF_METHOD_NORMAL      0x00  /* data property, value = the function */
#define WF_METHOD_GETTER      0x01
#define WF_METHOD_SETTER      0x02
#define WF_METHOD_ENUMERABLE  0x04  /* object literals: enumerable; classes: not */

/* Flags of the with_* opcodes. */
#define WF_WITH_IS_WITH       0x01  /* a `with` object: honour @@unscopables
                                       (clear: the eval var object) */

/* Kind of apply. */
#define WF_APPLY_CALL         0     /* [this func array] -> [ret] */
#define WF_APPLY_CONSTRUCT    1     /* [func new_target array] -> [ret] */

/* Flags of define_class. */
#define WF_CLASS_HAS_HERITAGE 0x01  /* `extends` present: parent on the stack */

/* ---------------------------------------------------------------------- */
/* Variables                                                               */

/* What a slot or closure variable holds (JSVarDef.var_kind,
   JSClosureVar.var_kind). */
typedef enum WFSlotKind {
    WF_SLOT_NORMAL,          /* var / let / const / class / param / function */
    WF_SLOT_FUNC_NAME,       /* named function expression's own name */
    WF_SLOT_THIS,            /* `this` of a non-arrow function ("this") */
    WF_SLOT_NEW_TARGET,      /* "new.target" */
    WF_SLOT_HOME_OBJECT,     /* "<home_object>" */
    WF_SLOT_THIS_FUNC,       /* "this.active_func": the running function */
    WF_SLOT_ARGUMENTS,       /* "arguments" created by the prologue */
    WF_SLOT_WITH_OBJ,        /* "<with>": the object of a with statement */
    WF_SLOT_EVAL_VAR_OBJ,    /* "<var>": var object of a sloppy function
                               with direct eval (eval-declared vars) */
    WF_SLOT_HIDDEN,          /* compiler temporary, never resolved by name */
    WF_SLOT_PRIVATE_FIELD,   /* "#x": private name symbol of a field */
    WF_SLOT_PRIVATE_METHOD,  /* "#x": private name symbol of a method */
    WF_SLOT_PRIVATE_ACCESSOR,/* "#x": private name symbol of a getter+setter */
    WF_SLOT_CLASS_HIDDEN,    /* class internals found by name
                                ("<class_fields_init>", "#x:get"...) */
    WF_SLOT_PRIVATE_GETTER,  /* "#x": private name of a getter only */
    WF_SLOT_PRIVATE_SETTER,  /* "#x": private name of a setter only */
} WFSlotKind;

/* One argument or local (JSFunctionBytecode.vardefs). */
typedef struct JSVarDef {
    JSAtom var_name;        /* owned; JS_ATOM_NULL for unnamed temporaries */
    int32_t scope_level;    /* block scope id (0: the function's var scope);
                               see JSFunctionBytecode.scope_parent */
    uint8_t is_const : 1;   /* const, class inner name, function name */
    uint8_t is_lexical : 1; /* let/const/class: TDZ-checked */
    uint8_t is_captured : 1;/* some closure refers to it */
    uint8_t var_kind : 5;   /* WFSlotKind */
} JSVarDef;

typedef struct JSClosureVar {
    uint8_t is_local : 1;   /* var_idx is a slot of the parent's frame */
    uint8_t is_arg : 1;     /* with is_local: the slot is in arg_buf */
    uint8_t is_const : 1;
    uint8_t is_lexical : 1; /* accesses are TDZ-checked */
    uint8_t var_kind : 4;   /* WFSlotKind */
    uint16_t var_idx;       /* parent slot, or parent closure var index */
    JSAtom var_name;        /* owned */
} JSClosureVar;

/* ---------------------------------------------------------------------- */
/* Function bytecode                                                       */

typedef enum WFFuncKindCode {
    WF_FUNC_KIND_NORMAL = 0,
    WF_FUNC_KIND_GENERATOR = 1,
    WF_FUNC_KIND_ASYNC = 2,
    WF_FUNC_KIND_ASYNC_GENERATOR = 3,
} WFFuncKindCode;

/* What the bytecode is (JSFunctionBytecode.code_kind). */
typedef enum WFCodeKind {
    WF_CODE_FUNCTION,       /* function, method, arrow, class constructor... */
    WF_CODE_SCRIPT,         /* a Script: run with this = global this */
    WF_CODE_EVAL,           /* eval code (direct or indirect) */
    WF_CODE_MODULE,         /* module body */
} WFCodeKind;

/* Shared source text, for Function.prototype.toString: one per compiled
   Script/eval/module, referenced by every function in it. */
typedef struct WFSource {
    int ref_count;
    uint32_t len;           /* bytes */
    char data[];            /* UTF-8, NUL terminated */
} WFSource;

typedef struct JSFunctionBytecode {
    JSGCObjectHeader header;    /* WF_GC_FUNCTION_BYTECODE */
    uint8_t *code;
    uint32_t code_len;
    uint16_t arg_count;         /* formal parameter slots (incl. rest) */
    uint16_t var_count;         /* var_buf slots */
    uint16_t defined_arg_count; /* the function's `length` */
    uint16_t stack_size;        /* max operand stack depth */
    uint16_t closure_var_count;
    uint8_t func_kind;          /* WFFuncKindCode */
    uint8_t code_kind;          /* WFCodeKind */

    /* flags */
    uint8_t is_strict : 1;
    uint8_t is_arrow : 1;               /* this/arguments/new.target lexical */
    uint8_t is_method : 1;              /* has a home object; not a constructor */
    uint8_t is_class_constructor : 1;   /* [[Call]] throws TypeError */
    uint8_t is_derived_class_constructor : 1; /* this starts uninitialized */
    uint8_t is_constructor : 1;         /* gets [[Construct]] and (normal
                                           functions) a .prototype */
    uint8_t has_simple_parameter_list : 1;
    uint8_t has_prototype : 1;          /* fclosure creates .prototype
                                           (normal functions, generators) */
    uint8_t needs_home_object : 1;      /* uses super.x or super(...) */
    uint8_t new_target_allowed : 1;
    uint8_t super_call_allowed : 1;
    uint8_t super_allowed : 1;
    uint8_t arguments_allowed : 1;
    uint8_t has_eval_call : 1;          /* contains a direct eval call */
    uint8_t uses_arguments : 1;         /* creates an arguments object */
    uint8_t uses_mapped_arguments : 1;
    uint8_t has_this_binding : 1;       /* not an arrow / eval / field init */
    uint8_t is_field_init : 1;          /* class field initializer */
    uint8_t has_debug_names : 1;        /* scope_parent present */

    JSValue *cpool;             /* numbers, strings, child bytecode
                                   (JS_TAG_FUNCTION_BYTECODE), template
                                   objects, BigInts; owned */
    uint32_t cpool_count;
    JSVarDef *vardefs;          /* arg_count + var_count entries: the args
                                   first, then the locals */
    JSClosureVar *closure_var;  /* closure_var_count entries */

    /* Scope tree of the locals, for direct eval (has_debug_names):
       scope_parent[s] is the enclosing scope of block scope s
       (scope_parent[0] = -1); scope_count entries. */
    int32_t *scope_parent;
    uint32_t scope_count;

    JSAtom func_name;           /* owned; JS_ATOM_empty_string if anonymous */
    JSAtom filename;            /* owned */
    int line, col;              /* position of the function start (1-based) */
    uint8_t *pc2line;           /* see wf_bytecode_find_pos */
    uint32_t pc2line_len;

    WFSource *source;           /* shared source buffer, counted; may be NULL */
    uint32_t src_start, src_end;/* the function's text in source->data */

    uint32_t ic_count;          /* inline cache slots used by get_field /
                                   get_field2 / put_field (numbered 0..,
                                   at most 0xFFFF; 0xFFFF in an operand
                                   means none) */
    uint32_t *ic;               /* VM-owned caches (layout private to
                                   interp.c: field, global and closure-shape
                                   caches), allocated lazily by the VM (NULL
                                   at creation), never serialized; freed by
                                   free_contents after wf_interp_ic_release */
    JSContext *realm;           /* counted reference (a GC cell) */
} JSFunctionBytecode;

static inline JSFunctionBytecode *wf_bytecode(JSValueConst v)
{
    return (JSFunctionBytecode *)JS_VALUE_GET_PTR(v);
}

/* ---------------------------------------------------------------------- */
/* bytecode.c                                                              */

/* Source position of the instruction starting at byte offset pc: the last
   pc2line entry at or before pc.  Returns the function start if none. */
void wf_bytecode_find_pos(const JSFunctionBytecode *b, uint32_t pc,
                          int *pline, int *pcol);

/* Release everything a bytecode owns (atoms, cpool values, tables,
   source, realm), not the cell itself: called by wf_bytecode_gc_free
   (function.c), after which gc.c frees the block.  A bytecode is only freed
   through its reference count. */
void wf_bytecode_free_contents(JSRuntime *rt, JSFunctionBytecode *b);

/* Print the disassembly of b (and its children) to stdout, honouring the
   JS_DUMP_BYTECODE_* bits of flags (HEX, PC2LINE). */
void wf_bytecode_dump(JSContext *ctx, const JSFunctionBytecode *b, uint64_t flags);

/* WFSource reference counting. */
WFSource *wf_source_new(JSRuntime *rt, const char *text, size_t len);  /* NULL on OOM */
void wf_source_release(JSRuntime *rt, WFSource *s);

/* pc2line encoding: a sequence of entries, each
       uleb128(pc delta) uleb128(zigzag(line delta)) uleb128(col)
   relative to the previous entry (the first one relative to pc 0, line 0);
   zigzag(d) = (d << 1) ^ (d >> 31).  An entry gives the position of the
   instructions from its pc up to the next entry.  Decoders stop at
   pc2line_len. */

#endif /* WF_BYTECODE_H */
