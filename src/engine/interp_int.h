/*
 * interp_int.h - private interface between the interpreter's files:
 * interp.c (dispatch loop), interp_ops.c (operator slow paths),
 * interp_env.c (global / with / for-in / spread helpers), function.c
 * (closures, var refs, arguments objects), backtrace.c and eval.c.
 *
 * Not for use outside the interpreter: other modules go through interp.h,
 * function.h and error.h.
 *
 * Conventions: operand-consuming helpers take JSValue (consumed) and write
 * their result through a pointer; they return 0, or -1 with the exception
 * pending (operands freed in both cases).
 */
#ifndef WF_INTERP_INT_H
#define WF_INTERP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "quickjs.h"
#include "engine/state.h"
#include "engine/interp.h"
#include "engine/object.h"

struct JSFunctionBytecode;

#ifndef WF_UNUSED_RESULT
#if defined(__GNUC__)
#define WF_UNUSED_RESULT __attribute__((warn_unused_result))
#else
#define WF_UNUSED_RESULT
#endif
#endif

#if defined(__GNUC__)
#define WF_NOINLINE __attribute__((noinline))
#define WF_COLD __attribute__((cold, noinline))
#else
#define WF_NOINLINE
#define WF_COLD
#endif

/* Operands are little-endian and unaligned (bytecode.h). */
static inline uint16_t wf_get_u16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}
static inline int16_t wf_get_i16(const uint8_t *p)
{
    int16_t v;
    memcpy(&v, p, 2);
    return v;
}
static inline uint32_t wf_get_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static inline int32_t wf_get_i32(const uint8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Objects whose own shape properties are exactly their string-keyed own
   properties (arrays and arguments objects are exotic only for their
   elements, which are never in the shape): the property caches and the
   fast paths may read their shape directly. */
static inline bool wf_shape_is_authoritative(const JSObject *p)
{
    return !p->is_exotic || p->class_id == JS_CLASS_ARRAY || p->class_id == JS_CLASS_ARGUMENTS;
}

/* interp_obj.c: slow paths of the property / literal / class opcodes. */
JSValue wf_interp_throw_kind(JSContext *ctx, int kind, JSAtom atom);   /* WFThrowKind */
JSValue wf_interp_throw_invalid_base(JSContext *ctx, JSValueConst base, JSAtom atom, bool is_set);
JSValue wf_interp_get_field(JSContext *ctx, JSValueConst obj, JSAtom atom);  /* GetValue(obj.atom) */
int wf_interp_put_field(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValue val,
                        bool strict) WF_UNUSED_RESULT;                 /* val consumed */
JSValue wf_interp_get_array_el(JSContext *ctx, JSValueConst obj, JSValue key);  /* key consumed */
int wf_interp_put_array_el(JSContext *ctx, JSValueConst obj, JSValue key, JSValue val,
                           bool strict) WF_UNUSED_RESULT;              /* key, val consumed */
/* OrdinaryCallBindThis coercion of a sloppy function's this. */
JSValue wf_interp_coerce_this(JSContext *ctx, JSValueConst this_val);
void wf_interp_set_home_object(JSContext *ctx, JSValueConst fn, JSValueConst home);
int wf_interp_define_method(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValue fn,
                            int flags) WF_UNUSED_RESULT;               /* fn consumed */
/* define_class: sp[-2] parent, sp[-1] ctor -> sp[-2] ctor, sp[-1] proto. */
int wf_interp_define_class(JSContext *ctx, JSValue *sp, JSAtom name, int flags) WF_UNUSED_RESULT;
/* `with` HasBinding (1/0/-1) and GetBindingValue. */
int wf_interp_with_found(JSContext *ctx, JSValueConst obj, JSAtom atom, int flags);
JSValue wf_interp_with_get_binding(JSContext *ctx, JSValueConst obj, JSAtom atom, bool strict);
/* `x += s` peephole: hand the store target's references to the concat. */
void wf_interp_add_take_targets(JSContext *ctx, JSStackFrame *sf, const uint8_t *pc,
                                JSValue *below, JSValueConst a);
/* Private names. */
JSProperty *wf_interp_private_find(JSObject *p, JSAtom atom, int *pflags);
JSValue wf_interp_private_get(JSContext *ctx, JSValueConst obj, JSValueConst name);
int wf_interp_private_put(JSContext *ctx, JSValueConst obj, JSValueConst name,
                          JSValue val) WF_UNUSED_RESULT;
int wf_interp_private_define(JSContext *ctx, JSValueConst obj, JSValueConst name,
                             JSValue val) WF_UNUSED_RESULT;
JSValue wf_interp_private_symbol(JSContext *ctx, JSAtom descr);
int wf_interp_copy_data_excl(JSContext *ctx, JSValueConst target, JSValueConst src,
                             JSValueConst keys) WF_UNUSED_RESULT;

/* Binary operators handled by wf_op_binary_slow (also the BigInt kinds). */
typedef enum WFBinOp {
    WF_BINOP_ADD,
    WF_BINOP_SUB,
    WF_BINOP_MUL,
    WF_BINOP_DIV,
    WF_BINOP_MOD,
    WF_BINOP_POW,
    WF_BINOP_SHL,
    WF_BINOP_SAR,
    WF_BINOP_SHR,
    WF_BINOP_AND,
    WF_BINOP_OR,
    WF_BINOP_XOR,
} WFBinOp;

typedef enum WFCmpOp {
    WF_CMP_LT,
    WF_CMP_LTE,
    WF_CMP_GT,
    WF_CMP_GTE,
} WFCmpOp;

typedef enum WFUnOp {
    WF_UNOP_NEG,
    WF_UNOP_PLUS,       /* ToNumber: TypeError on BigInt */
    WF_UNOP_INC,
    WF_UNOP_DEC,
    WF_UNOP_NOT,        /* bitwise ~ */
    WF_UNOP_TONUMERIC,  /* postfix ++/-- old value */
} WFUnOp;

/* interp_ops.c: operators (ECMA-262 13.5 - 13.15, 7.1 conversions). */
int wf_op_binary_slow(JSContext *ctx, JSValue *pres, JSValue a, JSValue b, WFBinOp op) WF_UNUSED_RESULT;
/* Add when at least one operand is not a number; a is consumed (in-place
   string append when a is a string with ref_count 1). */
int wf_op_add_slow(JSContext *ctx, JSValue *pres, JSValue a, JSValue b) WF_UNUSED_RESULT;
/* Relational comparison: *pres = true/false. */
int wf_op_compare_slow(JSContext *ctx, bool *pres, JSValue a, JSValue b, WFCmpOp op) WF_UNUSED_RESULT;
int wf_op_unary_slow(JSContext *ctx, JSValue *pres, JSValue a, WFUnOp op) WF_UNUSED_RESULT;
int wf_op_loose_eq(JSContext *ctx, bool *pres, JSValue a, JSValue b) WF_UNUSED_RESULT;
bool wf_op_strict_eq(JSContext *ctx, JSValue a, JSValue b);    /* consumes both */
JSValue wf_op_typeof(JSContext *ctx, JSValue a);               /* string value */
int wf_op_in(JSContext *ctx, bool *pres, JSValue key, JSValue obj) WF_UNUSED_RESULT;
int wf_op_instanceof(JSContext *ctx, bool *pres, JSValue val, JSValue ctor) WF_UNUSED_RESULT;
/* delete obj[key]: *pres = result; strict mode throws on failure. */
int wf_op_delete(JSContext *ctx, bool *pres, JSValue obj, JSValue key, bool strict) WF_UNUSED_RESULT;
/* ToPropertyKey for computed member access keeps ints as ints. */
JSValue wf_op_to_property_key(JSContext *ctx, JSValue key);

/* interp_env.c: environments. */
/* GlobalDeclarationInstantiation checks and bindings.  flags: WF_GDECL_*. */
enum {
    WF_GDECL_VAR      = 1 << 0,  /* var: CanDeclareGlobalVar / CreateGlobalVarBinding */
    WF_GDECL_FUNCTION = 1 << 1,  /* function: CanDeclareGlobalFunction */
    WF_GDECL_LEXICAL  = 1 << 2,  /* let/class: lexical binding in global_var_obj */
    WF_GDECL_CONST    = 1 << 3,  /* const (with LEXICAL) */
    WF_GDECL_EVAL     = 1 << 4,  /* declared by eval code: deletable */
};
/* Check only (step 1 of GlobalDeclarationInstantiation): SyntaxError or
   TypeError when the name cannot be declared. */
int wf_global_check_decl(JSContext *ctx, JSAtom name, int flags) WF_UNUSED_RESULT;
/* Create the binding: var → undefined property if absent; lexical →
   uninitialized binding in global_var_obj. */
int wf_global_declare(JSContext *ctx, JSAtom name, int flags) WF_UNUSED_RESULT;
/* CreateGlobalFunctionBinding(name, fn, deletable). fn consumed. */
int wf_global_define_func(JSContext *ctx, JSAtom name, JSValue fn, int flags) WF_UNUSED_RESULT;
/* Reads a global name: lexical bindings first, then the global object.
   Absent: ReferenceError if throw_ref, else undefined (typeof x). */
JSValue wf_global_get(JSContext *ctx, JSAtom name, bool throw_ref);
/* PutValue on a global reference.  val consumed. */
int wf_global_put(JSContext *ctx, JSAtom name, JSValue val, bool strict) WF_UNUSED_RESULT;
/* Initialise a lexical global (let/const/class declaration).  val consumed. */
int wf_global_init_lexical(JSContext *ctx, JSAtom name, JSValue val) WF_UNUSED_RESULT;
/* delete of an unqualified global name (sloppy mode). */
int wf_global_delete(JSContext *ctx, JSAtom name) WF_UNUSED_RESULT;
/* true if the global name resolves (for typeof / strict checks). */
int wf_global_has(JSContext *ctx, JSAtom name) WF_UNUSED_RESULT;

/* `with` object environment: HasBinding (HasProperty + @@unscopables). */
int wf_with_has_binding(JSContext *ctx, JSValueConst obj, JSAtom name) WF_UNUSED_RESULT;

/* for-in: iterator object over obj's enumerable string keys. */
JSValue wf_for_in_start(JSContext *ctx, JSValue obj);
/* Next key: *pdone set at the end.  Returns the key (string) or JS_UNDEFINED. */
JSValue wf_for_in_next(JSContext *ctx, JSValueConst iter, bool *pdone);

/* for_of_start / for_of_next / iterator_rest: GetIterator and
   IteratorStepValue, with an "array mode" for Arrays iterated the original
   way: iter is the array itself and next an int index (no iterator object
   nor result objects); such a triple is never closed (Arrays have no
   iterator `return`).  Contracts as wf_get_iterator /
   wf_iterator_step_value; wf_for_of_step updates piter[1]. */
JSValue wf_for_of_start(JSContext *ctx, JSValueConst obj, JSValue *pnext);
JSValue wf_for_of_step(JSContext *ctx, JSValue *piter, bool *pdone);
static inline bool wf_for_of_is_array_mode(JSValueConst next)
{
    return JS_VALUE_GET_TAG(next) == JS_TAG_INT;
}

/* Spread: array of the values of an iterable (for [...x] and f(...x)). */
int wf_spread_append(JSContext *ctx, JSValueConst arr, JSValueConst iterable) WF_UNUSED_RESULT;
/* Function.prototype.apply style call: args from a (fast or generic)
   array-like. */
JSValue wf_apply_array(JSContext *ctx, JSValueConst func, JSValueConst this_obj,
                       JSValueConst arr, JSValueConst new_target, bool is_construct);
/* Rest parameters / argument arrays: new array of argv[first..argc). */
JSValue wf_build_rest(JSContext *ctx, int first, int argc, JSValueConst *argv);
/* GetTemplateObject: freeze raw, define cooked.raw, freeze cooked. */
JSValue wf_template_object(JSContext *ctx, JSValue cooked, JSValue raw);

/* function.c: closures and arguments objects. */
/* New function object for bytecode 'b' (JS_TAG_FUNCTION_BYTECODE value,
   borrowed) in frame sf (parent's var refs from cur_var_refs). */
JSValue wf_closure_new(JSContext *ctx, JSValueConst bfunc, JSVarRef **cur_var_refs,
                       JSStackFrame *sf);
JSValue wf_arguments_new_unmapped(JSContext *ctx, int argc, JSValueConst *argv);
JSValue wf_arguments_new_mapped(JSContext *ctx, JSStackFrame *sf);
/* close_loc: detach the open var ref of local slot idx, if any. */
void wf_frame_close_var_ref_slot(JSRuntime *rt, JSStackFrame *sf, int idx);
/* Ensure the for-in iterator class hooks (interp_env.c). */
void wf_for_in_init_class(JSRuntime *rt);

/* eval.c: direct eval of the string src from frame sf (the `eval` and
   `apply_eval` opcodes); returns the completion value. */
JSValue wf_eval_direct(JSContext *ctx, JSStackFrame *sf, JSValueConst src, int scope_idx);

/* interp_async.c: suspended frames of generators and async functions.
   The frame lives in a GC cell so generator objects and promise jobs can
   hold it; while it runs it is linked into rt->current_stack_frame like
   any other frame (flags WF_FRAME_HEAP | WF_FRAME_ENTRY). */
enum {
    WF_ASYNC_SUSPENDED_START,   /* created, body not started */
    WF_ASYNC_SUSPENDED_YIELD,   /* stopped at yield / await */
    WF_ASYNC_EXECUTING,
    WF_ASYNC_COMPLETED,         /* returned or threw: slots freed */
};

typedef struct WFAsyncFrame {
    JSGCObjectHeader header;    /* WF_GC_ASYNC_FUNCTION */
    uint8_t state;              /* WF_ASYNC_* */
    uint8_t suspend_op;         /* the opcode it stopped at (0: not started) */
    JSStackFrame frame;         /* arg_buf / var_buf / stack_buf point into slots */
    JSValue slots[];
} WFAsyncFrame;

/* interp.c: the bytecode's inline caches hold shape references (prototype
   caches): marked and released with the bytecode (function.c). */
void wf_interp_ic_mark(JSRuntime *rt, struct JSFunctionBytecode *b, JS_MarkFunc *mark_func);
void wf_interp_ic_release(JSRuntime *rt, struct JSFunctionBytecode *b);
/* Shapes pinned (counted references, released with the caches) so that
   the objects made for every closure of b find their shapes in the shared
   table instead of building them again when the last closure died:
   WF_SHAPE_CACHE_SIZE slots, NULL on OOM.  Only shapes whose prototype is
   a realm intrinsic are pinned (nothing user-made is kept alive). */
#define WF_SHAPE_CACHE_SIZE 6
struct JSShape **wf_interp_shape_cache(JSContext *ctx, struct JSFunctionBytecode *b);

/* interp.c: run (or resume) a frame that is already linked as the
   innermost frame; returns at its return, uncaught throw or suspension. */
JSValue wf_interp_run_frame(JSContext *ctx, JSStackFrame *sf);

/* interp_async.c */
static inline WFAsyncFrame *wf_async_frame_of(JSStackFrame *sf)
{
    return (WFAsyncFrame *)((char *)sf - offsetof(WFAsyncFrame, frame));
}
/* A heap frame ended (return or uncaught throw): free its values, unlink it. */
void wf_async_frame_finish(JSRuntime *rt, JSStackFrame *sf);
/* A heap frame stops at initial_yield / yield / yield_star / await (sp and
   the pc after the instruction saved). */
void wf_async_frame_suspend(JSRuntime *rt, JSStackFrame *sf, int op);
/* [[Call]] of generator / async function kinds (from wf_interp_call). */
JSValue wf_async_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                      int argc, JSValueConst *argv);
/* Installs the GENERATOR, ASYNC_GENERATOR and ASYNC_FUNCTION_RESOLVE hooks. */
void wf_generator_init_class(JSRuntime *rt);

/* backtrace.c */
/* Source position of a frame's current instruction (0,0 if unknown). */
void wf_frame_position(JSStackFrame *sf, int *pline, int *pcol);

#endif /* WF_INTERP_INT_H */
