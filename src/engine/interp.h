/*
 * interp.h - the interpreter's run-time structures: stack frames and
 * closed-over variables (ECMA-262 9.1 environment records as the VM sees
 * them, 10.2 ECMAScript function objects, 10.4.4 arguments objects).
 *
 * Frames.  JavaScript-to-JavaScript calls do not recurse in C: the dispatch
 * loop (interp.c) pushes a JSStackFrame on the runtime's VM stack (a chain of
 * chunks, bump-allocated, LIFO) and keeps running; `return` pops it.  C only
 * recurses when a C function (a built-in, a getter called by the object
 * model, the embedder) calls back into JavaScript; every such entry checks
 * wf_check_stack_overflow.  Deep JavaScript recursion is bounded by the bytes
 * of frames in use (WF_VM_STACK_LIMIT), so it raises RangeError without
 * touching the C stack, whatever its size (worker threads have small ones).
 *
 * A frame is one block: the JSStackFrame header, then the argument slots
 * (max(argc, formal count)), the local variable slots, and the operand stack
 * (the compiler's stack_size).  Generator and async function frames are
 * allocated on the heap instead, inside a WF_GC_ASYNC_FUNCTION cell, so they
 * can be suspended (saved pc + sp) and resumed by running the dispatch loop
 * with that frame as its entry frame.
 *
 * Native frames.  A C function call that wants to appear in backtraces
 * ("at name (native)") pushes a JSStackFrame with WF_FRAME_NATIVE and no
 * slots on the C stack with wf_frame_push_native / wf_frame_pop_native.
 *
 * Closed-over variables.  A captured local or argument is reached through a
 * JSVarRef.  While its frame runs the var ref is "open": pvalue points at the
 * frame slot and the var ref sits on the frame's var_ref_list; the frame
 * holds one counted reference to each open var ref.  When the frame returns
 * (or a per-iteration binding is renewed: the close_loc operation) the value
 * is copied into var_ref->value, pvalue is redirected there and the var ref
 * is "detached".  Every closure holds counted references to its var refs
 * (JSObject.u.func.var_refs).  Mapped arguments objects store their aliased
 * elements as JS_PROP_VARREF properties pointing at the var refs of the
 * argument slots, so `arguments[0] = 1` and `a = 1` see each other; module
 * and global bindings may use detached var refs the same way.
 *
 * Nothing here touches another module's internals; object.c reads
 * *var_ref->pvalue for JS_PROP_VARREF properties.
 */
#ifndef WF_INTERP_H
#define WF_INTERP_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"
#include "engine/list.h"
#include "engine/gc.h"
#include "engine/state.h"

struct JSFunctionBytecode;

/* ---------------------------------------------------------------------- */
/* Closed-over variables                                                   */

typedef struct JSVarRef {
    JSGCObjectHeader header;        /* WF_GC_VAR_REF */
    JSValue *pvalue;                /* the variable: a frame slot while open, &value once detached */
    JSValue value;                  /* owned storage once detached; JS_UNDEFINED while open */
    uint8_t is_detached;            /* pvalue == &value */
    uint8_t is_arg;                 /* open: the slot is in arg_buf (else var_buf) */
    uint16_t var_idx;               /* open: slot index in arg_buf / var_buf */
    struct list_head var_ref_link;  /* open: in the owning frame's var_ref_list */
} JSVarRef;

/* New detached var ref holding v (consumed); NULL with an exception on OOM. */
JSVarRef *wf_var_ref_new_detached(JSContext *ctx, JSValue v);
static inline JSVarRef *wf_var_ref_dup(JSVarRef *vr)
{
    vr->header.ref_count++;
    return vr;
}
static inline void wf_var_ref_release(JSRuntime *rt, JSVarRef *vr)
{
    wf_gc_release(rt, &vr->header);
}

/* ---------------------------------------------------------------------- */
/* Frames                                                                  */

enum {
    WF_FRAME_NATIVE      = 1 << 0,  /* C function: no slots, cur_pc NULL */
    WF_FRAME_ENTRY       = 1 << 1,  /* returning from it returns to C */
    WF_FRAME_HEAP        = 1 << 2,  /* generator / async frame, not on the VM stack */
    WF_FRAME_CONSTRUCT   = 1 << 3,  /* [[Construct]]: apply the return-value rules */
    WF_FRAME_BARRIER     = 1 << 4,  /* backtraces stop after this frame (JS_EVAL_FLAG_BACKTRACE_BARRIER) */
    WF_FRAME_DIRECT_EVAL = 1 << 5,  /* direct eval code: shares the caller's variables */
    WF_FRAME_RESUME_THROW = 1 << 6, /* internal: resume by throwing the pending exception */
    WF_FRAME_DISCARD     = 1 << 7,  /* internal: a setter run by put_field; its result is dropped */
};

typedef struct JSStackFrame {
    struct JSStackFrame *prev_frame;    /* caller; rt->current_stack_frame is the innermost */
    JSValue cur_func;                   /* function object (owned), or JS_UNDEFINED for native-less frames */
    JSValue this_val;                   /* `this` as passed (owned); sloppy-mode coercion is an opcode */
    JSValue new_target;                 /* owned; JS_UNDEFINED for [[Call]] */
    JSValue *arg_buf;                   /* arg_alloc slots; arguments beyond argc are undefined */
    JSValue *var_buf;                   /* the function's var_count local slots */
    JSValue *stack_buf;                 /* operand stack base */
    JSValue *sp;                        /* operand stack top, saved while the frame is not running */
    const uint8_t *cur_pc;              /* current instruction, saved at calls, throws, suspends */
    struct list_head var_ref_list;      /* open JSVarRefs on this frame's slots (counted) */
    struct JSFunctionBytecode *b;       /* the bytecode being run (borrowed from cur_func), NULL if native */
    struct JSVarRef **var_refs;         /* the closure's variables (borrowed), or the program's */
    JSContext *realm;                   /* the function's realm */
    int arg_count;                      /* actual argc (arguments.length) */
    int arg_alloc;                      /* slots in arg_buf: max(argc, formal count) */
    uint32_t frame_size;                /* bytes taken on the VM stack (0 for heap/native frames) */
    uint16_t flags;                     /* WF_FRAME_* */
    uint16_t call_argc;                 /* internal: caller stack slots to pop on return */
} JSStackFrame;

/* Native frame for backtraces; 'func' borrowed for the frame's life. */
static inline void wf_frame_push_native(JSRuntime *rt, JSStackFrame *sf, JSValueConst func)
{
    sf->prev_frame = rt->current_stack_frame;
    sf->cur_func = func;
    sf->this_val = JS_UNDEFINED;
    sf->new_target = JS_UNDEFINED;
    sf->arg_buf = sf->var_buf = sf->stack_buf = sf->sp = NULL;
    sf->cur_pc = NULL;
    init_list_head(&sf->var_ref_list);
    sf->b = NULL;
    sf->var_refs = NULL;
    sf->realm = NULL;
    sf->arg_count = sf->arg_alloc = 0;
    sf->frame_size = 0;
    sf->flags = WF_FRAME_NATIVE;
    sf->call_argc = 0;
    rt->current_stack_frame = sf;
}
static inline void wf_frame_pop_native(JSRuntime *rt, JSStackFrame *sf)
{
    rt->current_stack_frame = sf->prev_frame;
}

/* Interrupt polling: the context's counter is reset to this after each call
   of the runtime's interrupt handler (a torture build may lower it). */
#ifndef WF_INTERRUPT_COUNTER_INIT
#define WF_INTERRUPT_COUNTER_INIT 10000
#endif

/* Bytes of VM frames allowed when JS_SetMaxStackSize set no limit. */
#define WF_VM_STACK_UNLIMITED ((size_t)1 << 30)

/* ---------------------------------------------------------------------- */
/* Entry points (interp.c)                                                 */

/* [[Call]] / [[Construct]] of a bytecode function: the class call hook of
   JS_CLASS_BYTECODE_FUNCTION (flags: JS_CALL_FLAG_CONSTRUCTOR, then this_val
   is new_target). */
JSValue wf_interp_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                       int argc, JSValueConst *argv, int flags);
/* Run a compiled script / eval / module body (JSFunctionBytecode of kind
   "program") with the given `this`.  'bfunc' is a JS_TAG_FUNCTION_BYTECODE
   value (consumed).  'var_refs' are the closure variables (direct eval), or
   NULL. */
JSValue wf_interp_run_program(JSContext *ctx, JSValue bfunc, JSValueConst this_val,
                              struct JSVarRef **var_refs, int flags);
/* Free the VM stack's chunks (runtime tear-down). */
void wf_interp_free_rt(JSRuntime *rt);
/* Run the interrupt handler if the context's counter ran out: -1 and an
   uncatchable error pending when it asks to stop. */
int wf_interp_poll_interrupt(JSContext *ctx);

/* function.c: install the class hooks owned by the interpreter (bytecode
   function kinds, for-in iterators); called once per runtime after
   wf_class_init. */
void wf_function_init_classes(JSRuntime *rt);

/* interp_async.c: GeneratorResume / GeneratorResumeAbrupt on a generator
   object (class GENERATOR) for Generator.prototype.next / return / throw:
   the iterator result object, or JS_EXCEPTION. */
enum { WF_GEN_NEXT = 0, WF_GEN_THROW = 1, WF_GEN_RETURN = 2 };
JSValue wf_generator_resume(JSContext *ctx, JSValueConst gen, JSValueConst v, int mode);
/* AsyncGenerator.prototype.next / return / throw: a promise. */
JSValue wf_async_generator_request(JSContext *ctx, JSValueConst gen, JSValueConst v, int mode);
/* A promise reaction whose handler is an engine resume object (class
   ASYNC_FUNCTION_RESOLVE): continues the awaiting async function or async
   generator.  Called from promise jobs (builtins/promise.c). */
JSValue wf_async_reaction(JSContext *ctx, JSValueConst handler, JSValueConst arg, bool is_reject);

/* Close (detach) every open var ref of a frame; used when a frame ends. */
void wf_frame_close_var_refs(JSRuntime *rt, JSStackFrame *sf);
/* The var ref for slot idx of frame sf (created if needed): new reference,
   NULL on OOM. */
JSVarRef *wf_frame_get_var_ref(JSContext *ctx, JSStackFrame *sf, int idx, bool is_arg);

#endif /* WF_INTERP_H */
