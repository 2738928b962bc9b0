/*
 * interp.c - the bytecode interpreter: the VM stack of frames and the
 * dispatch loop (ECMA-262 10.2.1 [[Call]], 10.2.2 [[Construct]], 13-14 the
 * evaluation of expressions and statements as compiled by emit_*.c).
 *
 * Dispatch.  Under GCC/Clang the loop threads through a `static const`
 * table of label addresses (computed goto); defining WF_INTERP_USE_SWITCH
 * selects a plain switch, which is also a torture mode of the test suite.
 * Each opcode's case is its fast path (int32 arithmetic, own-property
 * inline caches, dense array elements, calls to bytecode functions); the
 * slow paths are out-of-line helpers in this file and in interp_ops.c /
 * interp_env.c.
 *
 * Calls.  A call to a bytecode function pushes a frame on the VM stack and
 * continues in the same C invocation; `return` pops back to the caller.
 * Only C code re-enters the loop (wf_interp_call), so the C stack grows
 * with C -> JS -> C nesting, not with JavaScript recursion.  The VM stack's
 * size is bounded (RangeError "Maximum call stack size exceeded").
 *
 * Exceptions.  A helper that fails leaves the exception pending and the
 * loop jumps to `exception`: it pops the operand stack down to the nearest
 * catch marker (closing iterators whose markers it passes), or, if the
 * frame has none, pops the frame and repeats in the caller.  Uncatchable
 * errors (interrupts, out of memory) skip the catch markers.
 *
 * Ownership invariant: every value between stack_buf and sp, in arg_buf,
 * var_buf and the frame's cur_func/this_val/new_target is owned by the
 * frame and freed exactly once, when popped or when the frame ends.
 */
#include <string.h>
#include <math.h>

#include "engine/interp_int.h"
#include "engine/bytecode.h"
#include "engine/compile.h"
#include "engine/module.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/jsstring.h"
#include "engine/function.h"
#include "engine/iter.h"
#include "engine/interp_ic.h"
#include "engine/abuf.h"

#if !defined(WF_INTERP_USE_SWITCH) && !(defined(__GNUC__) || defined(__clang__))
#define WF_INTERP_USE_SWITCH 1
#endif


/* Bytes of VM frames allowed per byte of JS_SetMaxStackSize: frames are
   smaller than the C frames they replace, so a given limit allows deeper
   recursion than a recursive interpreter would. */
#define WF_VM_STACK_FACTOR 4
#define WF_VM_CHUNK_SIZE (64 * 1024)
/* The first chunk is smaller: it is kept while the runtime is idle (see
   vm_free_chunk), and most programs (and every idle worker) never need
   more; deeper stacks continue in WF_VM_CHUNK_SIZE chunks.  Sized so the
   whole block stays within 16 KiB of the allocator. */
#define WF_VM_FIRST_CHUNK_SIZE (16 * 1024 - 64)

/* ---------------------------------------------------------------------- */
/* The VM stack                                                            */

typedef struct WFVMChunk {
    struct WFVMChunk *prev;
    size_t size;                /* usable bytes after the header */
    size_t used;
    size_t pad;                 /* keeps data[] 16-byte aligned */
    uint8_t data[];
} WFVMChunk;

struct WFVMStack {
    WFVMChunk *cur;
    WFVMChunk *spare;           /* one empty chunk kept to avoid thrashing at a boundary */
    size_t bytes;               /* bytes of frames in use */
    size_t limit;               /* vm_stack_limit() when last checked (slow path) */
};

static size_t vm_stack_limit(JSRuntime *rt)
{
    if (rt->stack_size == 0)
        return WF_VM_STACK_UNLIMITED;
    return rt->stack_size * WF_VM_STACK_FACTOR;
}

/* vm_alloc's slow path: first use, a new chunk, or a limit to check again
   (JS_SetMaxStackSize may have changed it since vs->limit was taken). */
static WF_NOINLINE void *vm_alloc_slow(JSContext *ctx, size_t size)
{
    JSRuntime *rt = ctx->rt;
    struct WFVMStack *vs = rt->vm_stack;
    WFVMChunk *c;
    void *ptr;

    if (!vs) {
        vs = js_mallocz_rt(rt, sizeof(*vs));
        if (!vs) {
            JS_ThrowOutOfMemory(ctx);
            return NULL;
        }
        rt->vm_stack = vs;
    }
    vs->limit = vm_stack_limit(rt);
    if (js_unlikely(vs->bytes + size > vs->limit)) {
        wf_throw_stack_overflow(ctx);
        return NULL;
    }
    c = vs->cur;
    if (!c || c->used + size > c->size) {
        if (vs->spare && vs->spare->size >= size) {
            c = vs->spare;
            vs->spare = NULL;
        } else {
            size_t csize = c ? WF_VM_CHUNK_SIZE : WF_VM_FIRST_CHUNK_SIZE;
            if (size > csize)
                csize = size;
            c = js_malloc_rt(rt, sizeof(WFVMChunk) + csize);
            if (!c) {
                JS_ThrowOutOfMemory(ctx);
                return NULL;
            }
            c->size = csize;
        }
        c->used = 0;
        c->prev = vs->cur;
        vs->cur = c;
    }
    ptr = c->data + c->used;
    c->used += size;
    vs->bytes += size;
    return ptr;
}

/* Allocate 'size' bytes (a multiple of 16) for a frame; NULL with a
   RangeError or out-of-memory error pending. */
static js_force_inline void *vm_alloc(JSContext *ctx, size_t size)
{
    struct WFVMStack *vs = ctx->rt->vm_stack;
    if (js_likely(vs != NULL)) {
        WFVMChunk *c = vs->cur;
        size_t used;
        if (js_likely(c != NULL) && js_likely((used = c->used) + size <= c->size) &&
            js_likely(vs->bytes + size <= vs->limit)) {
            c->used = used + size;
            vs->bytes += size;
            return c->data + used;
        }
    }
    return vm_alloc_slow(ctx, size);
}

static WF_NOINLINE void vm_free_chunk(struct WFVMStack *vs, JSRuntime *rt, WFVMChunk *c)
{
    /* the first chunk stays even when the VM is idle: every call from C
       (promise jobs, callbacks) would otherwise allocate and free it
       again; wf_interp_free_rt releases it */
    vs->cur = c->prev;
    if (vs->spare)
        js_free_rt(rt, vs->spare);
    vs->spare = c;
}

/* Frames are freed in LIFO order. */
static js_force_inline void vm_free(JSRuntime *rt, void *ptr, size_t size)
{
    struct WFVMStack *vs = rt->vm_stack;
    WFVMChunk *c = vs->cur;

    c->used -= size;
    vs->bytes -= size;
    (void)ptr;
    if (js_unlikely(c->used == 0) && c->prev)
        vm_free_chunk(vs, rt, c);
}

void wf_interp_free_rt(JSRuntime *rt)
{
    struct WFVMStack *vs = rt->vm_stack;
    if (!vs)
        return;
    while (vs->cur) {
        WFVMChunk *c = vs->cur;
        vs->cur = c->prev;
        js_free_rt(rt, c);
    }
    if (vs->spare)
        js_free_rt(rt, vs->spare);
    js_free_rt(rt, vs);
    rt->vm_stack = NULL;
}

/* ---------------------------------------------------------------------- */
/* Frames                                                                  */

#define FRAME_HEADER_SIZE ((sizeof(JSStackFrame) + 15) & ~(size_t)15)

/* Push a frame for bytecode 'b'.  On success func, this_val and new_target
   are taken over, and so are argv[0..argc) when move_args (else they are
   duplicated).  On failure nothing is taken and NULL is returned with the
   exception pending. */
static js_force_inline JSStackFrame *frame_push_inline(JSContext *ctx, JSValue func,
                                                       JSFunctionBytecode *b, JSVarRef **var_refs,
                                                       JSValue this_val, JSValue new_target,
                                                       int argc, JSValue *argv, bool move_args,
                                                       int flags)
{
    JSRuntime *rt = ctx->rt;
    int arg_alloc = argc > b->arg_count ? argc : b->arg_count;
    int nlocals = arg_alloc + b->var_count;
    size_t size = FRAME_HEADER_SIZE + ((size_t)nlocals + b->stack_size) * sizeof(JSValue);
    JSStackFrame *sf;
    JSValue *slots;
    int i;

    sf = vm_alloc(ctx, size);
    if (!sf)
        return NULL;
    slots = (JSValue *)((uint8_t *)sf + FRAME_HEADER_SIZE);
    if (move_args) {
        for (i = 0; i < argc; i++)
            slots[i] = argv[i];
    } else {
        for (i = 0; i < argc; i++)
            slots[i] = JS_DupValue(ctx, argv[i]);
    }
    for (i = argc; i < nlocals; i++)
        slots[i] = JS_UNDEFINED;
    sf->prev_frame = rt->current_stack_frame;
    sf->cur_func = func;
    sf->this_val = this_val;
    sf->new_target = new_target;
    sf->arg_buf = slots;
    sf->var_buf = slots + arg_alloc;
    sf->stack_buf = slots + nlocals;
    sf->sp = slots + nlocals;
    sf->cur_pc = b->code;
    init_list_head(&sf->var_ref_list);
    sf->b = b;
    sf->var_refs = var_refs;
    sf->realm = b->realm ? b->realm : ctx;
    sf->arg_count = argc;
    sf->arg_alloc = arg_alloc;
    sf->frame_size = (uint32_t)size;
    sf->flags = (uint16_t)flags;
    sf->call_argc = 0;
    rt->current_stack_frame = sf;
    return sf;
}

/* Out-of-line entry for the C-level callers; the loop inlines the above
   (passing JSValues through memory costs store-forwarding stalls). */
static WF_NOINLINE JSStackFrame *frame_push(JSContext *ctx, JSValue func, JSFunctionBytecode *b,
                                            JSVarRef **var_refs, JSValue this_val,
                                            JSValue new_target, int argc, JSValue *argv,
                                            bool move_args, int flags)
{
    /* entries from C pick up a JS_SetMaxStackSize made since the last one */
    if (ctx->rt->vm_stack)
        ctx->rt->vm_stack->limit = vm_stack_limit(ctx->rt);
    return frame_push_inline(ctx, func, b, var_refs, this_val, new_target, argc, argv,
                             move_args, flags);
}

/* Free what a frame owns (operand stack already emptied) and pop it. */
static js_force_inline void frame_pop_inline(JSRuntime *rt, JSStackFrame *sf)
{
    JSValue *p, *end;

    if (js_unlikely(sf->flags & WF_FRAME_HEAP)) {
        sf->sp = sf->stack_buf;
        wf_async_frame_finish(rt, sf);
        return;
    }

    if (js_unlikely(!list_empty(&sf->var_ref_list)))
        wf_frame_close_var_refs(rt, sf);
    end = sf->stack_buf;    /* = var_buf + var_count */
    for (p = sf->arg_buf; p < end; p++)
        JS_FreeValueRT(rt, *p);
    JS_FreeValueRT(rt, sf->cur_func);
    JS_FreeValueRT(rt, sf->this_val);
    JS_FreeValueRT(rt, sf->new_target);
    rt->current_stack_frame = sf->prev_frame;
    vm_free(rt, sf, sf->frame_size);
}

static WF_NOINLINE void frame_pop(JSRuntime *rt, JSStackFrame *sf)
{
    frame_pop_inline(rt, sf);
}

/* ---------------------------------------------------------------------- */
/* Small helpers                                                           */

#define IS_NUM_TAG(t) ((t) == JS_TAG_INT || (t) == JS_TAG_FLOAT64)
#define NUM_OF(v) (JS_VALUE_GET_TAG(v) == JS_TAG_INT ? (double)JS_VALUE_GET_INT(v) : JS_VALUE_GET_FLOAT64(v))


/* Instruction sizes, to resume a caller after the call instruction. */
static const uint8_t op_size[OP_COUNT] = {
#define DEF(id, size, n_pop, n_push, f) size,
#include "engine/opcodes.def"
#undef DEF
};

int wf_interp_poll_interrupt(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    ctx->interrupt_counter = WF_INTERRUPT_COUNTER_INIT;
    if (rt->interrupt_handler && rt->interrupt_handler(rt, rt->interrupt_opaque)) {
        wf_throw_interrupted(ctx);
        return -1;
    }
    return 0;
}

static inline int poll_interrupt(JSContext *ctx)
{
    if (js_unlikely(--ctx->interrupt_counter <= 0))
        return wf_interp_poll_interrupt(ctx);
    return 0;
}

/* Name of a frame slot for messages. */
static JSAtom loc_name(const JSFunctionBytecode *b, int idx)
{
    if (b->vardefs && idx < b->var_count)
        return b->vardefs[b->arg_count + idx].var_name;
    return JS_ATOM_NULL;
}

static JSAtom var_ref_name(const JSFunctionBytecode *b, int idx)
{
    if (b->closure_var && idx < b->closure_var_count)
        return b->closure_var[idx].var_name;
    return JS_ATOM_NULL;
}












/* The cached add transition applies to p: set atom to v (consumed).
   Returns false (nothing done) when it does not apply. */
static inline bool put_ic_add(JSContext *ctx, WFProtoIC *e, JSObject *p, JSAtom atom, JSValue v)
{
    JSShape *own = p->shape, *next = e->next;
    if (next == NULL || e->own != own || !p->extensible || p->is_exotic ||
        !proto_chain_lacks(own->proto, atom))
        return false;
    if (next->prop_size > own->prop_size) {
        JSProperty *np = js_realloc_rt(ctx->rt, p->prop, sizeof(JSProperty) * (size_t)next->prop_size);
        if (!np)
            return false;   /* the slow path reports the OOM */
        p->prop = np;
    }
    next->header.ref_count++;
    p->shape = next;
    own->header.ref_count--;    /* >= 1: the cache holds it */
    p->prop[next->prop_count - 1].u.value = v;
    return true;
}


/* The field cache of an instruction (ic index 0xFFFF: none, since
   ic_count <= 0xFFFF), or NULL. */
static inline WFFieldIC *field_ic(JSContext *ctx, JSFunctionBytecode *b, uint16_t idx)
{
    if (idx >= b->ic_count)
        return NULL;
    if (js_unlikely(!b->ic) && !wf_interp_ic_alloc(ctx, b))
        return NULL;
    return &field_ics(b)[idx];
}

static inline uint32_t *ic_slot(JSContext *ctx, JSFunctionBytecode *b, uint16_t idx)
{
    WFFieldIC *e = field_ic(ctx, b, idx);
    return e ? &e->slot : NULL;
}

/* Global variables through the per-function cache.  An entry names the
   slot of a global lexical binding (bit 31 of the index) or of a plain data
   property of the global object.  It stays valid while no global lexical
   binding has been added (they are never deleted, so their count identifies
   the set) and the cached shape slot still holds that name. */
static inline JSValue *global_slot_cached(JSContext *ctx, JSFunctionBytecode *b, JSAtom atom,
                                          int *pflags)
{
    uint32_t *e;
    JSObject *lp, *p;
    JSShape *sh;
    uint32_t idx;

    if (js_unlikely(!b->ic) && !wf_interp_ic_alloc(ctx, b))
        return NULL;
    if (!JS_IsObject(ctx->global_var_obj) || !JS_IsObject(ctx->global_obj))
        return NULL;
    lp = wf_obj(ctx->global_var_obj);
    e = global_ics(b) + 3 * ((atom * 0x9e3779b1u) >> 28);
    if (e[0] != atom || e[1] != (uint32_t)lp->shape->prop_count)
        return NULL;
    idx = e[2];
    p = (idx & GC_LEXICAL) ? lp : wf_obj(ctx->global_obj);
    idx &= ~GC_LEXICAL;
    sh = p->shape;
    if (idx < (uint32_t)sh->prop_count && sh->prop[idx].atom == atom &&
        (sh->prop[idx].flags & JS_PROP_TMASK) == JS_PROP_NORMAL) {
        *pflags = sh->prop[idx].flags;
        return &p->prop[idx].u.value;
    }
    return NULL;
}

static inline JSValue global_get_cached(JSContext *ctx, JSFunctionBytecode *b, JSAtom atom,
                                        bool throw_ref)
{
    int flags;
    JSValue *slot = global_slot_cached(ctx, b, atom, &flags);
    JSValue v;

    if (slot && !JS_IsUninitialized(*slot))
        return JS_DupValue(ctx, *slot);
    v = wf_global_get(ctx, atom, throw_ref);
    if (!JS_IsException(v))
        wf_interp_global_cache_fill(ctx, b, atom);
    return v;
}

/* PutValue on a global name; val consumed. */
static inline int global_put_cached(JSContext *ctx, JSFunctionBytecode *b, JSAtom atom,
                                    JSValue val, bool strict)
{
    int flags;
    JSValue *slot = global_slot_cached(ctx, b, atom, &flags);

    if (slot && (flags & JS_PROP_WRITABLE) && !JS_IsUninitialized(*slot)) {
        JSValue old = *slot;
        *slot = val;
        JS_FreeValue(ctx, old);
        return 0;
    }
    if (wf_global_put(ctx, atom, val, strict) < 0)
        return -1;
    wf_interp_global_cache_fill(ctx, b, atom);
    return 0;
}

/* obj.atom where obj is an object: own data properties through the own
   cache, properties of the prototype through the prototype cache, then a
   plain walk of ordinary prototypes, then the generic path for anything
   special.  ic_idx: the instruction's cache slot (0xFFFF: none).  With
   pgetter non-NULL, a plain bytecode getter is not called but returned in
   *pgetter (borrowed; the value is then JS_UNDEFINED). */
static js_force_inline JSValue get_field_obj_or_getter(JSContext *ctx, JSValueConst obj,
                                                       JSAtom atom, JSFunctionBytecode *b,
                                                       uint16_t ic_idx, JSObject **pgetter)
{
    JSObject *p = wf_obj(obj);
    WFFieldIC *e = field_ic(ctx, b, ic_idx);
    if (pgetter)
        *pgetter = NULL;
    if (js_likely(e != NULL) && js_likely(wf_shape_is_authoritative(p))) {
        JSShape *sh = p->shape;
        uint32_t k = e->slot - 1;
        if (js_likely(k < (uint32_t)sh->prop_count) && sh->prop[k].atom == atom &&
            (sh->prop[k].flags & JS_PROP_TMASK) == JS_PROP_NORMAL)
            return JS_DupValue(ctx, p->prop[k].u.value);
        if (e->own == sh) {
            JSObject *h = sh->proto;
            JSShape *hs;
            if (h && wf_shape_is_authoritative(h) && e->idx < (uint32_t)(hs = h->shape)->prop_count &&
                hs->prop[e->idx].atom == atom &&
                (hs->prop[e->idx].flags & JS_PROP_TMASK) == JS_PROP_NORMAL)
                return JS_DupValue(ctx, h->prop[e->idx].u.value);
        }
    }
    return wf_interp_get_field_slow(ctx, obj, atom, e, pgetter);
}

static js_force_inline JSValue get_field_obj(JSContext *ctx, JSValueConst obj, JSAtom atom,
                                             JSFunctionBytecode *b, uint16_t ic_idx)
{
    return get_field_obj_or_getter(ctx, obj, atom, b, ic_idx, NULL);
}

/* ---------------------------------------------------------------------- */
/* Calls that leave the loop                                               */

/* Call or construct any callee through the generic path (C functions push
   their own native frame for backtraces).  Borrowed arguments. */
static WF_NOINLINE JSValue call_generic(JSContext *ctx, JSValueConst func, JSValueConst this_obj,
                                        JSValueConst new_target, int argc, JSValueConst *argv,
                                        bool is_construct)
{
    if (is_construct)
        return wf_construct(ctx, func, new_target, argc, argv);
    return wf_call(ctx, func, this_obj, argc, argv);
}

static WF_COLD JSValue throw_not_constructor(JSContext *ctx, JSValueConst v)
{
    (void)v;
    return wf_throw_error(ctx, JS_TYPE_ERROR, "not a constructor");
}

/* ---------------------------------------------------------------------- */

static JSValue interp_run(JSContext *ctx, JSStackFrame *sf);


JSValue wf_interp_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                       int argc, JSValueConst *argv, int flags)
{
    JSRuntime *rt = ctx->rt;
    JSObject *p = wf_obj(func_obj);
    JSFunctionBytecode *b = p->u.func.bytecode;
    JSValue this_v, new_target;
    JSStackFrame *sf;
    int fflags = WF_FRAME_ENTRY;

    if (js_unlikely(wf_check_stack_overflow(rt, 0)))
        return wf_throw_stack_overflow(ctx);
    if (b->func_kind != WF_FUNC_KIND_NORMAL) {
        if (flags & JS_CALL_FLAG_CONSTRUCTOR)
            return throw_not_constructor(ctx, func_obj);
        return wf_async_call(ctx, func_obj, this_val, argc, argv);
    }
    if (flags & JS_CALL_FLAG_CONSTRUCTOR) {
        if (!p->is_constructor)
            return throw_not_constructor(ctx, func_obj);
        new_target = JS_DupValue(ctx, this_val);
        if (b->is_derived_class_constructor) {
            this_v = JS_UNINITIALIZED;
        } else {
            this_v = wf_obj_create_from_ctor(ctx, this_val, JS_CLASS_OBJECT);
            if (JS_IsException(this_v)) {
                JS_FreeValue(ctx, new_target);
                return this_v;
            }
        }
        fflags |= WF_FRAME_CONSTRUCT;
    } else {
        if (b->is_class_constructor) {
            char buf[64];
            return wf_throw_error(ctx, JS_TYPE_ERROR,
                                  "Class constructor %s cannot be invoked without 'new'",
                                  wf_atom_get_cstr(rt, buf, sizeof(buf), b->func_name));
        }
        this_v = JS_DupValue(ctx, this_val);
        new_target = JS_UNDEFINED;
    }
    sf = frame_push(ctx, JS_DupValue(ctx, func_obj), b, p->u.func.var_refs, this_v,
                    new_target, argc, (JSValue *)argv, false, fflags);
    if (!sf) {
        JS_FreeValue(ctx, func_obj);    /* the dup above */
        JS_FreeValue(ctx, this_v);
        JS_FreeValue(ctx, new_target);
        return JS_EXCEPTION;
    }
    return interp_run(ctx, sf);
}

JSValue wf_interp_run_program(JSContext *ctx, JSValue bfunc, JSValueConst this_val,
                              struct JSVarRef **var_refs, int flags)
{
    JSRuntime *rt = ctx->rt;
    JSFunctionBytecode *b;
    JSStackFrame *sf;
    JSValue ret;

    if (JS_VALUE_GET_TAG(bfunc) != JS_TAG_FUNCTION_BYTECODE) {
        JS_FreeValue(ctx, bfunc);
        return wf_throw_error(ctx, JS_INTERNAL_ERROR, "not a compiled program");
    }
    if (js_unlikely(wf_check_stack_overflow(rt, 0))) {
        JS_FreeValue(ctx, bfunc);
        return wf_throw_stack_overflow(ctx);
    }
    b = wf_bytecode(bfunc);
    /* the frame owns the bytecode through cur_func while it runs */
    sf = frame_push(ctx, JS_UNDEFINED, b, var_refs, JS_DupValue(ctx, this_val),
                    JS_UNDEFINED, 0, NULL, false, WF_FRAME_ENTRY | (flags & WF_FRAME_BARRIER));
    if (!sf) {
        JS_FreeValue(ctx, bfunc);
        JS_FreeValue(ctx, this_val);
        return JS_EXCEPTION;
    }
    ret = interp_run(ctx, sf);
    JS_FreeValue(ctx, bfunc);
    return ret;
}

/* ---------------------------------------------------------------------- */
/* Helpers for literal, class and method opcodes                           */






static int defvar_flags(int f)
{
    int r = 0;
    if (f & WF_DEFVAR_LEXICAL)
        r |= WF_GDECL_LEXICAL;
    if (f & WF_DEFVAR_CONST)
        r |= WF_GDECL_CONST;
    if (f & WF_DEFVAR_FUNCTION)
        r |= WF_GDECL_FUNCTION;
    if (f & WF_DEFVAR_EVAL)
        r |= WF_GDECL_EVAL;
    if (!(f & (WF_DEFVAR_LEXICAL | WF_DEFVAR_FUNCTION)))
        r |= WF_GDECL_VAR;
    return r;
}

/* Enter a bytecode function without leaving the loop.  Returns the new
   frame, or NULL: *fallback set means "use the generic call path",
   otherwise an exception is pending.  On success func, this_val,
   new_target and (move_args) the arguments are taken over. */
static js_force_inline JSStackFrame *enter_call(JSContext *ctx, JSValue func, JSValue this_val,
                                       JSValue new_target, int argc, JSValue *argv,
                                       bool move_args, bool is_construct, bool *fallback)
{
    JSObject *p;
    JSFunctionBytecode *fb;
    JSStackFrame *nsf;

    *fallback = true;
    if (!JS_IsObject(func))
        return NULL;
    p = wf_obj(func);
    if (p->class_id != JS_CLASS_BYTECODE_FUNCTION)
        return NULL;
    fb = p->u.func.bytecode;
    if (fb->func_kind != WF_FUNC_KIND_NORMAL)
        return NULL;
    if (is_construct) {
        if (!p->is_constructor)
            return NULL;
    } else if (fb->is_class_constructor) {
        return NULL;
    }
    *fallback = false;
    if (is_construct) {
        if (fb->is_derived_class_constructor) {
            this_val = JS_UNINITIALIZED;
        } else {
            this_val = JS_UNDEFINED;
            if (JS_IsObject(new_target) && wf_shape_is_authoritative(wf_obj(new_target))) {
                /* OrdinaryCreateFromConstructor with a plain data .prototype */
                JSShape *sh = wf_obj(new_target)->shape;
                int i = wf_shape_find(sh, JS_ATOM_prototype);
                if (i >= 0 && (sh->prop[i].flags & JS_PROP_TMASK) == JS_PROP_NORMAL &&
                    JS_IsObject(wf_obj(new_target)->prop[i].u.value))
                    this_val = wf_obj_new(ctx, wf_obj(new_target)->prop[i].u.value,
                                          JS_CLASS_OBJECT);
                else
                    this_val = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_OBJECT);
            } else {
                this_val = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_OBJECT);
            }
            if (JS_IsException(this_val))
                return NULL;
        }
    }
    nsf = frame_push_inline(ctx, func, fb, p->u.func.var_refs, this_val, new_target, argc, argv,
                            move_args, is_construct ? WF_FRAME_CONSTRUCT : 0);
    if (!nsf && is_construct)
        JS_FreeValue(ctx, this_val);
    return nsf;
}

static bool exception_is_uncatchable(JSContext *ctx)
{
    JSRuntime *rt = ctx->rt;
    JSValueConst e = rt->current_exception;
    if (rt->current_exception_is_uncatchable)
        return true;
    return JS_IsObject(e) && wf_obj(e)->is_uncatchable_error;
}

/* ---------------------------------------------------------------------- */
/* `x += str` where x is not a plain local.  The left string is referenced
   twice: by the operand stack and by the variable or property the next
   instructions will overwrite with the result.  Handing the variable's
   reference to the concatenation lets the string grow in place (linear
   appends).  Only done when nothing can observe the variable in between:
   the right operand is a primitive that converts without running code,
   and the store that follows is a plain slot write (own writable data
   property, initialized writable binding, closure variable or local).  */

static inline bool add_operand_is_inert(JSValueConst v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_STRING:
    case JS_TAG_INT:
    case JS_TAG_FLOAT64:
    case JS_TAG_BOOL:
    case JS_TAG_NULL:
    case JS_TAG_UNDEFINED:
        return true;
    default:
        return false;
    }
}



/* The fused `x += y` opcodes: *pres = old + rhs (both consumed).  'slot'
   is where the result will be stored, when that store is a plain slot
   write: if it still holds the string `old` and the right operand cannot
   run code, its reference is handed to the concatenation (in-place
   append) -- the store refills it right after. */
static inline int add_for_store(JSContext *ctx, JSValue *pres, JSValue old, JSValue rhs,
                                JSValue *slot)
{
    int to = JS_VALUE_GET_TAG(old), tr = JS_VALUE_GET_TAG(rhs);
    if (to == JS_TAG_INT && tr == JS_TAG_INT) {
        int32_t r;
        if (!__builtin_add_overflow(JS_VALUE_GET_INT(old), JS_VALUE_GET_INT(rhs), &r))
            *pres = JS_MKVAL(JS_TAG_INT, r);
        else
            *pres = __JS_NewFloat64((double)JS_VALUE_GET_INT(old) + JS_VALUE_GET_INT(rhs));
        return 0;
    }
    if ((to == JS_TAG_INT || to == JS_TAG_FLOAT64) && (tr == JS_TAG_INT || tr == JS_TAG_FLOAT64)) {
        *pres = wf_number(NUM_OF(old) + NUM_OF(rhs));
        return 0;
    }
    if (slot && to == JS_TAG_STRING && JS_VALUE_GET_TAG(*slot) == JS_TAG_STRING &&
        JS_VALUE_GET_PTR(*slot) == JS_VALUE_GET_PTR(old) && add_operand_is_inert(rhs) &&
        (tr != JS_TAG_STRING ||
         (uint64_t)wf_str(old)->len + wf_str(rhs)->len <= JS_STRING_LEN_MAX)) {
        *slot = JS_UNDEFINED;
        wf_str(old)->header.ref_count--;    /* >= 1: the operand's reference remains */
    }
    return wf_op_add_slow(ctx, pres, old, rhs);
}

/* The value slot of obj's own plain writable data property atom, or NULL. */
static inline JSValue *plain_field_slot(JSValueConst obj, JSAtom atom)
{
    JSObject *p;
    int i;
    if (!JS_IsObject(obj))
        return NULL;
    p = wf_obj(obj);
    if (!wf_shape_is_authoritative(p) || wf_atom_is_int(atom))
        return NULL;
    i = wf_shape_find(p->shape, atom);
    if (i >= 0 && (p->shape->prop[i].flags & (JS_PROP_TMASK | JS_PROP_WRITABLE | JS_PROP_LENGTH)) ==
                      JS_PROP_WRITABLE)
        return &p->prop[i].u.value;
    return NULL;
}

/* The slot a global assignment to atom writes directly, or NULL. */
static inline JSValue *plain_global_slot(JSContext *ctx, JSAtom atom)
{
    if (JS_IsObject(ctx->global_var_obj)) {
        JSObject *p = wf_obj(ctx->global_var_obj);
        int i = wf_shape_find(p->shape, atom);
        if (i >= 0)
            return (p->shape->prop[i].flags & JS_PROP_WRITABLE) ? &p->prop[i].u.value : NULL;
    }
    return plain_field_slot(ctx->global_obj, atom);
}

/* ---------------------------------------------------------------------- */
/* Private names (classes): own properties keyed by private symbols,
   reached without the object's exotic hooks and never inherited.          */







/* ---------------------------------------------------------------------- */
/* The dispatch loop                                                       */

#ifdef WF_INTERP_USE_SWITCH
#define CASE(op)        case op
#define DISPATCH()      goto dispatch_top
#define SWITCH_BEGIN    dispatch_top: sf->cur_pc = pc; switch (*pc++) {
#define SWITCH_END      default: goto invalid_op; }
#else
#define CASE(op)        case_##op
#define DISPATCH()      do { sf->cur_pc = pc; goto *dispatch_table[*pc++]; } while (0)
#define SWITCH_BEGIN    DISPATCH(); {
#define SWITCH_END      }
#endif

#define LOAD_FRAME() do {               \
        b = sf->b;                      \
        sp = sf->sp;                    \
        var_buf = sf->var_buf;          \
        arg_buf = sf->arg_buf;          \
        var_refs = sf->var_refs;        \
        ctx = sf->realm;                \
    } while (0)

/* set a slot, freeing the old value after the store */
#define SET_SLOT(slot, v) do {          \
        JSValue *slot_ = (slot);        \
        JSValue old_ = *slot_;          \
        *slot_ = (v);                   \
        JS_FreeValue(ctx, old_);        \
    } while (0)


JSValue wf_interp_run_frame(JSContext *ctx, JSStackFrame *sf)
{
    return interp_run(ctx, sf);
}

static JSValue interp_run(JSContext *ctx, JSStackFrame *sf)
{
    JSRuntime *rt = ctx->rt;
    JSFunctionBytecode *b;
    const uint8_t *pc;
    JSValue *sp, *var_buf, *arg_buf;
    JSVarRef **var_refs;
    JSValue ret_val;
    /* call set-up shared by the call opcodes */
    JSValue call_func, call_this, call_new_target;
    JSValue *call_argv;
    int call_argc, call_npop;
    bool call_construct;

#ifndef WF_INTERP_USE_SWITCH
    static const void *const dispatch_table[OP_COUNT] = {
#define DEF(id, size, n_pop, n_push, f) &&case_OP_##id,
#include "engine/opcodes.def"
#undef DEF
    };
#endif

    LOAD_FRAME();
    pc = sf->cur_pc;
    if (js_unlikely(sf->flags & WF_FRAME_RESUME_THROW)) {
        sf->flags &= ~WF_FRAME_RESUME_THROW;
        goto exception;
    }
    if (poll_interrupt(ctx) < 0)
        goto exception;

    SWITCH_BEGIN

    /* ---- suspension (generators, async functions) ---- */
    CASE(OP_initial_yield):
    CASE(OP_yield):
    CASE(OP_yield_star):
    CASE(OP_await): {
        int op = pc[-1];
        if (!(sf->flags & WF_FRAME_HEAP) || !(sf->flags & WF_FRAME_ENTRY)) {
            wf_throw_error(ctx, JS_INTERNAL_ERROR, "yield outside a generator frame");
            goto exception;
        }
        ret_val = op == OP_initial_yield ? JS_UNDEFINED : *--sp;
        sf->sp = sp;
        sf->cur_pc = pc;    /* resume after the instruction */
        wf_async_frame_suspend(rt, sf, op);
        return ret_val;
    }
    CASE(OP_invalid):
        goto invalid_op;

    /* ---- constants ---- */
    CASE(OP_push_i32):
        *sp++ = JS_MKVAL(JS_TAG_INT, wf_get_i32(pc));
        pc += 4;
        DISPATCH();
    CASE(OP_push_i16):
        *sp++ = JS_MKVAL(JS_TAG_INT, wf_get_i16(pc));
        pc += 2;
        DISPATCH();
    CASE(OP_push_i8):
        *sp++ = JS_MKVAL(JS_TAG_INT, (int8_t)*pc);
        pc += 1;
        DISPATCH();
    CASE(OP_push_minus1):
        *sp++ = JS_MKVAL(JS_TAG_INT, -1);
        DISPATCH();
    CASE(OP_push_0):
        *sp++ = JS_MKVAL(JS_TAG_INT, 0);
        DISPATCH();
    CASE(OP_push_1):
        *sp++ = JS_MKVAL(JS_TAG_INT, 1);
        DISPATCH();
    CASE(OP_push_2):
        *sp++ = JS_MKVAL(JS_TAG_INT, 2);
        DISPATCH();
    CASE(OP_push_3):
        *sp++ = JS_MKVAL(JS_TAG_INT, 3);
        DISPATCH();
    CASE(OP_push_4):
        *sp++ = JS_MKVAL(JS_TAG_INT, 4);
        DISPATCH();
    CASE(OP_push_5):
        *sp++ = JS_MKVAL(JS_TAG_INT, 5);
        DISPATCH();
    CASE(OP_push_6):
        *sp++ = JS_MKVAL(JS_TAG_INT, 6);
        DISPATCH();
    CASE(OP_push_7):
        *sp++ = JS_MKVAL(JS_TAG_INT, 7);
        DISPATCH();
    CASE(OP_push_const):
        *sp++ = JS_DupValue(ctx, b->cpool[wf_get_u32(pc)]);
        pc += 4;
        DISPATCH();
    CASE(OP_push_atom_value): {
        JSValue v = JS_AtomToString(ctx, wf_get_u32(pc));
        pc += 4;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_push_empty_string):
        *sp++ = wf_str_empty(ctx);
        DISPATCH();
    CASE(OP_undefined):
        *sp++ = JS_UNDEFINED;
        DISPATCH();
    CASE(OP_null):
        *sp++ = JS_NULL;
        DISPATCH();
    CASE(OP_push_false):
        *sp++ = JS_FALSE;
        DISPATCH();
    CASE(OP_push_true):
        *sp++ = JS_TRUE;
        DISPATCH();
    CASE(OP_push_this):
        if (b->is_strict || !b->has_this_binding || JS_IsObject(sf->this_val)) {
            *sp++ = JS_DupValue(ctx, sf->this_val);
        } else {
            JSValue v = wf_interp_coerce_this(ctx, sf->this_val);
            if (JS_IsException(v))
                goto exception;
            *sp++ = v;
        }
        DISPATCH();
    CASE(OP_object): {
        JSValue v = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_OBJECT);
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_special_object): {
        JSValue v;
        int kind = *pc++;
        switch (kind) {
        case WF_SPECIAL_ARGUMENTS:
            v = wf_arguments_new_unmapped(ctx, sf->arg_count, arg_buf);
            break;
        case WF_SPECIAL_MAPPED_ARGUMENTS:
            v = wf_arguments_new_mapped(ctx, sf);
            break;
        case WF_SPECIAL_THIS_FUNC:
            v = JS_DupValue(ctx, sf->cur_func);
            break;
        case WF_SPECIAL_NEW_TARGET:
            v = JS_DupValue(ctx, sf->new_target);
            break;
        case WF_SPECIAL_HOME_OBJECT:
            v = JS_UNDEFINED;
            if (JS_IsObject(sf->cur_func)) {
                JSObject *fp = wf_obj(sf->cur_func);
                if (fp->u.func.home_object)
                    v = JS_DupValue(ctx, JS_MKPTR(JS_TAG_OBJECT, fp->u.func.home_object));
            }
            break;
        case WF_SPECIAL_VAR_OBJECT:
            v = wf_obj_new(ctx, JS_NULL, JS_CLASS_OBJECT);
            break;
        default:
            v = wf_throw_error(ctx, JS_SYNTAX_ERROR, "import.meta is only valid in modules");
            break;
        }
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_rest): {
        int first = wf_get_u16(pc);
        JSValue v;
        pc += 2;
        v = wf_build_rest(ctx, first, sf->arg_count, arg_buf);
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_import_call): {
        /* compiler (module.c owns the semantics) */
        JSValue v = wf_module_dynamic_import(ctx, b->filename, sp[-2], sp[-1]);
        JS_FreeValue(ctx, sp[-2]);
        JS_FreeValue(ctx, sp[-1]);
        sp -= 2;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_regexp): {
        JSValue v = call_generic(ctx, ctx->regexp_ctor, JS_UNDEFINED, ctx->regexp_ctor, 2,
                                 sp - 2, true);
        JS_FreeValue(ctx, sp[-2]);
        JS_FreeValue(ctx, sp[-1]);
        sp -= 2;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_fclosure): {
        JSValue v = wf_closure_new(ctx, b->cpool[wf_get_u32(pc)], var_refs, sf);
        pc += 4;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }

    /* ---- stack manipulation ---- */
    CASE(OP_drop):
        JS_FreeValue(ctx, *--sp);
        DISPATCH();
    CASE(OP_nip):
        JS_FreeValue(ctx, sp[-2]);
        sp[-2] = sp[-1];
        sp--;
        DISPATCH();
    CASE(OP_nip1):
        JS_FreeValue(ctx, sp[-3]);
        sp[-3] = sp[-2];
        sp[-2] = sp[-1];
        sp--;
        DISPATCH();
    CASE(OP_dup):
        sp[0] = JS_DupValue(ctx, sp[-1]);
        sp++;
        DISPATCH();
    CASE(OP_dup1):
        sp[0] = sp[-1];
        sp[-1] = JS_DupValue(ctx, sp[-2]);
        sp++;
        DISPATCH();
    CASE(OP_dup2):
        sp[0] = JS_DupValue(ctx, sp[-2]);
        sp[1] = JS_DupValue(ctx, sp[-1]);
        sp += 2;
        DISPATCH();
    CASE(OP_dup3):
        sp[0] = JS_DupValue(ctx, sp[-3]);
        sp[1] = JS_DupValue(ctx, sp[-2]);
        sp[2] = JS_DupValue(ctx, sp[-1]);
        sp += 3;
        DISPATCH();
    CASE(OP_insert2): {
        JSValue a = sp[-2], bb = sp[-1];
        sp[-2] = JS_DupValue(ctx, bb);
        sp[-1] = a;
        sp[0] = bb;
        sp++;
        DISPATCH();
    }
    CASE(OP_insert3): {
        JSValue a = sp[-3], bb = sp[-2], c = sp[-1];
        sp[-3] = JS_DupValue(ctx, c);
        sp[-2] = a;
        sp[-1] = bb;
        sp[0] = c;
        sp++;
        DISPATCH();
    }
    CASE(OP_insert4): {
        JSValue a = sp[-4], bb = sp[-3], c = sp[-2], d = sp[-1];
        sp[-4] = JS_DupValue(ctx, d);
        sp[-3] = a;
        sp[-2] = bb;
        sp[-1] = c;
        sp[0] = d;
        sp++;
        DISPATCH();
    }
    CASE(OP_swap): {
        JSValue t = sp[-2];
        sp[-2] = sp[-1];
        sp[-1] = t;
        DISPATCH();
    }
    CASE(OP_swap2): {
        JSValue t1 = sp[-4], t2 = sp[-3];
        sp[-4] = sp[-2];
        sp[-3] = sp[-1];
        sp[-2] = t1;
        sp[-1] = t2;
        DISPATCH();
    }
    CASE(OP_rot3l): {
        JSValue t = sp[-3];
        sp[-3] = sp[-2];
        sp[-2] = sp[-1];
        sp[-1] = t;
        DISPATCH();
    }
    CASE(OP_rot3r): {
        JSValue t = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = t;
        DISPATCH();
    }
    CASE(OP_rot4l): {
        JSValue t = sp[-4];
        sp[-4] = sp[-3];
        sp[-3] = sp[-2];
        sp[-2] = sp[-1];
        sp[-1] = t;
        DISPATCH();
    }
    CASE(OP_rot5l): {
        JSValue t = sp[-5];
        sp[-5] = sp[-4];
        sp[-4] = sp[-3];
        sp[-3] = sp[-2];
        sp[-2] = sp[-1];
        sp[-1] = t;
        DISPATCH();
    }
    CASE(OP_perm3): {
        JSValue t = sp[-3];
        sp[-3] = sp[-2];
        sp[-2] = t;
        DISPATCH();
    }
    CASE(OP_perm4): {
        /* [a b c d] -> [c a b d] */
        JSValue a = sp[-4], bb = sp[-3], c = sp[-2];
        sp[-4] = c;
        sp[-3] = a;
        sp[-2] = bb;
        DISPATCH();
    }

    /* ---- calls ---- */
    CASE(OP_call):
        call_argc = wf_get_u16(pc);
        pc += 2;
        call_argv = sp - call_argc;
        call_func = call_argv[-1];
        call_this = JS_UNDEFINED;
        call_new_target = JS_UNDEFINED;
        call_npop = call_argc + 1;
        call_construct = false;
        goto do_call;
    CASE(OP_call_method):
        call_argc = wf_get_u16(pc);
        pc += 2;
        call_argv = sp - call_argc;
        call_func = call_argv[-1];
        call_this = call_argv[-2];
        call_new_target = JS_UNDEFINED;
        call_npop = call_argc + 2;
        call_construct = false;
        goto do_call;
    CASE(OP_call_constructor):
        call_argc = wf_get_u16(pc);
        pc += 2;
        call_argv = sp - call_argc;
        call_func = call_argv[-2];
        call_this = JS_UNDEFINED;
        call_new_target = call_argv[-1];
        call_npop = call_argc + 2;
        call_construct = true;
        goto do_call;
    CASE(OP_eval): {
        int scope_idx;
        call_argc = wf_get_u16(pc);
        scope_idx = wf_get_u16(pc + 2);
        pc += 4;
        call_argv = sp - call_argc;
        call_func = call_argv[-1];
        if (JS_IsObject(call_func) && JS_IsObject(ctx->eval_obj) &&
            JS_VALUE_GET_PTR(call_func) == JS_VALUE_GET_PTR(ctx->eval_obj)) {
            JSValue v;
            if (call_argc > 0 && JS_IsString(call_argv[0]))
                v = wf_eval_direct(ctx, sf, call_argv[0], scope_idx);
            else
                v = call_argc > 0 ? JS_DupValue(ctx, call_argv[0]) : JS_UNDEFINED;
            while (sp > call_argv - 1)
                JS_FreeValue(ctx, *--sp);
            if (JS_IsException(v))
                goto exception;
            *sp++ = v;
            DISPATCH();
        }
        call_this = JS_UNDEFINED;
        call_new_target = JS_UNDEFINED;
        call_npop = call_argc + 1;
        call_construct = false;
        goto do_call;
    }
    do_call: {
        JSStackFrame *nsf;
        bool fallback;
        JSValue v;

        sf->sp = sp - call_npop;
        nsf = enter_call(ctx, call_func, call_this, call_new_target, call_argc, call_argv,
                         true, call_construct, &fallback);
        if (nsf) {
            sf = nsf;
            LOAD_FRAME();
            pc = b->code;
            if (poll_interrupt(ctx) < 0)
                goto exception;
            DISPATCH();
        }
        if (!fallback)
            goto exception;
        v = call_generic(ctx, call_func, call_this, call_new_target, call_argc, call_argv,
                         call_construct);
        while (call_npop-- > 0)
            JS_FreeValue(ctx, *--sp);
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_apply): {
        int kind = wf_get_u16(pc);
        JSValue *vals;
        uint32_t cnt;
        JSValue v;
        pc += 2;
        if (kind == WF_APPLY_CONSTRUCT) {
            call_func = sp[-3];
            call_new_target = sp[-2];
            call_this = JS_UNDEFINED;
            call_construct = true;
        } else {
            call_this = sp[-3];
            call_func = sp[-2];
            call_new_target = JS_UNDEFINED;
            call_construct = false;
        }
        if (wf_array_get_fast(sp[-1], &vals, &cnt)) {
            JSStackFrame *nsf;
            bool fallback;
            sf->sp = sp - 3;
            nsf = enter_call(ctx, call_func, call_this, call_new_target, (int)cnt, vals,
                             false, call_construct, &fallback);
            if (nsf) {
                JS_FreeValue(ctx, sp[-1]);  /* the argument array; the rest moved */
                sf = nsf;
                LOAD_FRAME();
                pc = b->code;
                if (poll_interrupt(ctx) < 0)
                    goto exception;
                DISPATCH();
            }
            if (!fallback)
                goto exception;
            v = call_generic(ctx, call_func, call_this, call_new_target, (int)cnt, vals,
                             call_construct);
        } else {
            v = wf_apply_array(ctx, call_func, call_this, sp[-1], call_new_target,
                               call_construct);
        }
        JS_FreeValue(ctx, sp[-3]);
        JS_FreeValue(ctx, sp[-2]);
        JS_FreeValue(ctx, sp[-1]);
        sp -= 3;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_apply_eval): {
        int scope_idx = wf_get_u16(pc);
        JSValue func = sp[-2], arr = sp[-1], v;
        pc += 2;
        if (JS_IsObject(func) && JS_IsObject(ctx->eval_obj) &&
            JS_VALUE_GET_PTR(func) == JS_VALUE_GET_PTR(ctx->eval_obj)) {
            JSValue *vals;
            uint32_t cnt = 0;
            JSValue a0;
            /* the spread array is fresh and dense: its first element */
            if (wf_array_get_fast(arr, &vals, &cnt))
                a0 = cnt > 0 ? JS_DupValue(ctx, vals[0]) : JS_UNDEFINED;
            else
                a0 = wf_obj_get_uint32(ctx, arr, 0);
            if (JS_IsException(a0)) {
                v = a0;
            } else if (JS_IsString(a0)) {
                v = wf_eval_direct(ctx, sf, a0, scope_idx);
                JS_FreeValue(ctx, a0);
            } else {
                v = a0;
            }
        } else {
            v = wf_apply_array(ctx, func, JS_UNDEFINED, arr, JS_UNDEFINED, false);
        }
        JS_FreeValue(ctx, func);
        JS_FreeValue(ctx, arr);
        sp -= 2;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_array_from): {
        int n = wf_get_u16(pc);
        JSValue v;
        pc += 2;
        v = wf_array_from_values(ctx, (uint32_t)n, sp - n);
        sp -= n;        /* consumed, even on failure */
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_return):
        ret_val = *--sp;
        goto do_return;
    CASE(OP_return_undef):
        ret_val = JS_UNDEFINED;
        goto do_return;
    CASE(OP_check_ctor_return): {
        JSValue v = sp[-2], th = sp[-1];
        if (JS_IsObject(v)) {
            JS_FreeValue(ctx, th);
            sp--;
        } else if (!JS_IsUndefined(v)) {
            wf_throw_error(ctx, JS_TYPE_ERROR,
                           "Derived constructors may only return object or undefined");
            goto exception;
        } else if (JS_IsUninitialized(th)) {
            wf_interp_throw_kind(ctx, WF_THROW_THIS_UNINIT, JS_ATOM_NULL);
            goto exception;
        } else {
            sp[-2] = th;
            sp--;
        }
        DISPATCH();
    }
    CASE(OP_get_super): {
        JSValue v = wf_obj_get_proto(ctx, sp[-1]);
        if (JS_IsException(v))
            goto exception;
        JS_FreeValue(ctx, sp[-1]);
        sp[-1] = v;
        DISPATCH();
    }

    /* ---- exceptions and jumps ---- */
    CASE(OP_throw):
        JS_Throw(ctx, *--sp);
        goto exception;
    CASE(OP_throw_error): {
        JSAtom atom = wf_get_u32(pc);
        int kind = pc[4];
        pc += 5;
        wf_interp_throw_kind(ctx, kind, atom);
        goto exception;
    }
    CASE(OP_goto): {
        int32_t off = wf_get_i32(pc);
        pc += off;
        if (off <= 0 && poll_interrupt(ctx) < 0)
            goto exception;
        DISPATCH();
    }
#define IF_CASE(OPC, JUMP_IF)                                           \
    CASE(OPC): {                                                        \
        JSValue v = *--sp;                                              \
        int32_t off = wf_get_i32(pc);                                   \
        int truth;                                                      \
        if (JS_VALUE_GET_TAG(v) == JS_TAG_BOOL) {                       \
            truth = JS_VALUE_GET_BOOL(v);                               \
        } else {                                                        \
            truth = wf_to_boolean(v);                                   \
            JS_FreeValue(ctx, v);                                       \
        }                                                               \
        if ((truth != 0) == (JUMP_IF)) {                                \
            pc += off;                                                  \
            if (off <= 0 && poll_interrupt(ctx) < 0)                    \
                goto exception;                                         \
        } else {                                                        \
            pc += 4;                                                    \
        }                                                               \
        DISPATCH();                                                     \
    }
    IF_CASE(OP_if_false, false)
    IF_CASE(OP_if_true, true)
#undef IF_CASE
    CASE(OP_catch): {
        int32_t off = wf_get_i32(pc);
        *sp++ = JS_MKVAL(JS_TAG_CATCH_OFFSET, (int32_t)(pc + off - b->code));
        pc += 4;
        DISPATCH();
    }
    CASE(OP_gosub): {
        int32_t off = wf_get_i32(pc);
        *sp++ = JS_MKVAL(JS_TAG_INT, (int32_t)(pc + 4 - b->code));
        pc += off;
        DISPATCH();
    }
    CASE(OP_ret): {
        JSValue v = *--sp;
        uint32_t pos;
        if (JS_VALUE_GET_TAG(v) != JS_TAG_INT ||
            (pos = (uint32_t)JS_VALUE_GET_INT(v)) >= b->code_len) {
            JS_FreeValue(ctx, v);
            wf_throw_error(ctx, JS_INTERNAL_ERROR, "invalid ret value");
            goto exception;
        }
        pc = b->code + pos;
        DISPATCH();
    }

    /* ---- locals, arguments, closure variables ---- */
    CASE(OP_get_loc):
        *sp++ = JS_DupValue(ctx, var_buf[wf_get_u16(pc)]);
        pc += 2;
        DISPATCH();
    CASE(OP_put_loc):
        SET_SLOT(&var_buf[wf_get_u16(pc)], *--sp);
        pc += 2;
        DISPATCH();
    CASE(OP_set_loc):
        SET_SLOT(&var_buf[wf_get_u16(pc)], JS_DupValue(ctx, sp[-1]));
        pc += 2;
        DISPATCH();
    CASE(OP_get_arg):
        *sp++ = JS_DupValue(ctx, arg_buf[wf_get_u16(pc)]);
        pc += 2;
        DISPATCH();
    CASE(OP_put_arg):
        SET_SLOT(&arg_buf[wf_get_u16(pc)], *--sp);
        pc += 2;
        DISPATCH();
    CASE(OP_set_arg):
        SET_SLOT(&arg_buf[wf_get_u16(pc)], JS_DupValue(ctx, sp[-1]));
        pc += 2;
        DISPATCH();
    CASE(OP_get_var_ref):
        *sp++ = JS_DupValue(ctx, *var_refs[wf_get_u16(pc)]->pvalue);
        pc += 2;
        DISPATCH();
    CASE(OP_put_var_ref):
        SET_SLOT(var_refs[wf_get_u16(pc)]->pvalue, *--sp);
        pc += 2;
        DISPATCH();
    CASE(OP_set_var_ref):
        SET_SLOT(var_refs[wf_get_u16(pc)]->pvalue, JS_DupValue(ctx, sp[-1]));
        pc += 2;
        DISPATCH();
    CASE(OP_get_loc0): *sp++ = JS_DupValue(ctx, var_buf[0]); DISPATCH();
    CASE(OP_get_loc1): *sp++ = JS_DupValue(ctx, var_buf[1]); DISPATCH();
    CASE(OP_get_loc2): *sp++ = JS_DupValue(ctx, var_buf[2]); DISPATCH();
    CASE(OP_get_loc3): *sp++ = JS_DupValue(ctx, var_buf[3]); DISPATCH();
    CASE(OP_put_loc0): SET_SLOT(&var_buf[0], *--sp); DISPATCH();
    CASE(OP_put_loc1): SET_SLOT(&var_buf[1], *--sp); DISPATCH();
    CASE(OP_put_loc2): SET_SLOT(&var_buf[2], *--sp); DISPATCH();
    CASE(OP_put_loc3): SET_SLOT(&var_buf[3], *--sp); DISPATCH();
    CASE(OP_set_loc0): SET_SLOT(&var_buf[0], JS_DupValue(ctx, sp[-1])); DISPATCH();
    CASE(OP_set_loc1): SET_SLOT(&var_buf[1], JS_DupValue(ctx, sp[-1])); DISPATCH();
    CASE(OP_set_loc2): SET_SLOT(&var_buf[2], JS_DupValue(ctx, sp[-1])); DISPATCH();
    CASE(OP_set_loc3): SET_SLOT(&var_buf[3], JS_DupValue(ctx, sp[-1])); DISPATCH();
    CASE(OP_get_arg0): *sp++ = JS_DupValue(ctx, arg_buf[0]); DISPATCH();
    CASE(OP_get_arg1): *sp++ = JS_DupValue(ctx, arg_buf[1]); DISPATCH();
    CASE(OP_get_arg2): *sp++ = JS_DupValue(ctx, arg_buf[2]); DISPATCH();
    CASE(OP_get_arg3): *sp++ = JS_DupValue(ctx, arg_buf[3]); DISPATCH();
    CASE(OP_put_arg0): SET_SLOT(&arg_buf[0], *--sp); DISPATCH();
    CASE(OP_put_arg1): SET_SLOT(&arg_buf[1], *--sp); DISPATCH();
    CASE(OP_put_arg2): SET_SLOT(&arg_buf[2], *--sp); DISPATCH();
    CASE(OP_put_arg3): SET_SLOT(&arg_buf[3], *--sp); DISPATCH();
    CASE(OP_get_var_ref0): *sp++ = JS_DupValue(ctx, *var_refs[0]->pvalue); DISPATCH();
    CASE(OP_get_var_ref1): *sp++ = JS_DupValue(ctx, *var_refs[1]->pvalue); DISPATCH();
    CASE(OP_get_var_ref2): *sp++ = JS_DupValue(ctx, *var_refs[2]->pvalue); DISPATCH();
    CASE(OP_get_var_ref3): *sp++ = JS_DupValue(ctx, *var_refs[3]->pvalue); DISPATCH();
    CASE(OP_set_loc_uninitialized):
        SET_SLOT(&var_buf[wf_get_u16(pc)], JS_UNINITIALIZED);
        pc += 2;
        DISPATCH();
    CASE(OP_get_loc_check): {
        int idx = wf_get_u16(pc);
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(var_buf[idx]))) {
            wf_interp_throw_kind(ctx, WF_THROW_TDZ, loc_name(b, idx));
            goto exception;
        }
        *sp++ = JS_DupValue(ctx, var_buf[idx]);
        DISPATCH();
    }
    CASE(OP_get_loc_checkthis): {
        int idx = wf_get_u16(pc);
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(var_buf[idx]))) {
            wf_interp_throw_kind(ctx, WF_THROW_THIS_UNINIT, JS_ATOM_NULL);
            goto exception;
        }
        *sp++ = JS_DupValue(ctx, var_buf[idx]);
        DISPATCH();
    }
    CASE(OP_put_loc_check): {
        int idx = wf_get_u16(pc);
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(var_buf[idx]))) {
            wf_interp_throw_kind(ctx, WF_THROW_TDZ, loc_name(b, idx));
            goto exception;
        }
        SET_SLOT(&var_buf[idx], *--sp);
        DISPATCH();
    }
    CASE(OP_put_loc_check_init): {
        int idx = wf_get_u16(pc);
        pc += 2;
        if (js_unlikely(!JS_IsUninitialized(var_buf[idx]))) {
            wf_interp_throw_kind(ctx, WF_THROW_SUPER_TWICE, JS_ATOM_NULL);
            goto exception;
        }
        var_buf[idx] = *--sp;
        DISPATCH();
    }
    CASE(OP_get_var_ref_check): {
        int idx = wf_get_u16(pc);
        JSValue *pv = var_refs[idx]->pvalue;
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(*pv))) {
            wf_interp_throw_kind(ctx, WF_THROW_TDZ, var_ref_name(b, idx));
            goto exception;
        }
        *sp++ = JS_DupValue(ctx, *pv);
        DISPATCH();
    }
    CASE(OP_get_var_ref_checkthis): {
        int idx = wf_get_u16(pc);
        JSValue *pv = var_refs[idx]->pvalue;
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(*pv))) {
            wf_interp_throw_kind(ctx, WF_THROW_THIS_UNINIT, JS_ATOM_NULL);
            goto exception;
        }
        *sp++ = JS_DupValue(ctx, *pv);
        DISPATCH();
    }
    CASE(OP_put_var_ref_check): {
        int idx = wf_get_u16(pc);
        JSValue *pv = var_refs[idx]->pvalue;
        pc += 2;
        if (js_unlikely(JS_IsUninitialized(*pv))) {
            wf_interp_throw_kind(ctx, WF_THROW_TDZ, var_ref_name(b, idx));
            goto exception;
        }
        SET_SLOT(pv, *--sp);
        DISPATCH();
    }
    CASE(OP_put_var_ref_check_init): {
        int idx = wf_get_u16(pc);
        JSValue *pv = var_refs[idx]->pvalue;
        pc += 2;
        if (js_unlikely(!JS_IsUninitialized(*pv))) {
            wf_interp_throw_kind(ctx, WF_THROW_SUPER_TWICE, JS_ATOM_NULL);
            goto exception;
        }
        *pv = *--sp;
        DISPATCH();
    }
    CASE(OP_close_loc): {
        int idx = wf_get_u16(pc);
        pc += 2;
        if (!list_empty(&sf->var_ref_list))
            wf_frame_close_var_ref_slot(rt, sf, idx);
        DISPATCH();
    }

    /* ---- global variables ---- */
    CASE(OP_get_var):
    CASE(OP_get_var_undef): {
        JSAtom atom = wf_get_u32(pc);
        JSValue v;
        bool throw_ref = pc[-1] == OP_get_var;
        pc += 4;
        v = global_get_cached(ctx, b, atom, throw_ref);
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_put_var):
    CASE(OP_put_var_strict): {
        JSAtom atom = wf_get_u32(pc);
        bool strict = pc[-1] == OP_put_var_strict;
        pc += 4;
        if (global_put_cached(ctx, b, atom, *--sp, strict) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_put_var_init): {
        JSAtom atom = wf_get_u32(pc);
        pc += 4;
        if (wf_global_init_lexical(ctx, atom, *--sp) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_delete_var): {
        JSAtom atom = wf_get_u32(pc);
        int r;
        pc += 4;
        r = wf_global_delete(ctx, atom);
        if (r < 0)
            goto exception;
        *sp++ = JS_NewBool(ctx, r);
        DISPATCH();
    }
    CASE(OP_check_define_var): {
        JSAtom atom = wf_get_u32(pc);
        int flags = pc[4];
        pc += 5;
        if (wf_global_check_decl(ctx, atom, defvar_flags(flags)) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_define_var): {
        JSAtom atom = wf_get_u32(pc);
        int flags = pc[4];
        pc += 5;
        if (wf_global_declare(ctx, atom, defvar_flags(flags)) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_define_func): {
        JSAtom atom = wf_get_u32(pc);
        int flags = pc[4];
        pc += 5;
        if (wf_global_define_func(ctx, atom, *--sp, defvar_flags(flags) | WF_GDECL_FUNCTION) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_define_var_obj): {
        JSAtom atom = wf_get_u32(pc);
        int flags = pc[4];
        JSValue obj = sp[-2], v = sp[-1];
        int r = 0;
        pc += 5;
        sp -= 2;
        if (flags & 1) {
            r = wf_obj_get_own_property(ctx, NULL, obj, atom);
            if (r == 0)
                r = wf_obj_define_value(ctx, obj, atom, v, JS_PROP_C_W_E | JS_PROP_THROW);
            else
                JS_FreeValue(ctx, v);
        } else {
            r = wf_obj_define_value(ctx, obj, atom, v, JS_PROP_C_W_E | JS_PROP_THROW);
        }
        JS_FreeValue(ctx, obj);
        if (r < 0)
            goto exception;
        DISPATCH();
    }

    /* ---- with / eval var objects ---- */
    CASE(OP_with_get_var):
    CASE(OP_with_put_var):
    CASE(OP_with_delete_var):
    CASE(OP_with_get_ref): {
        int op = pc[-1];
        JSAtom atom = wf_get_u32(pc);
        int32_t off = wf_get_i32(pc + 4);
        int flags = pc[8];
        const uint8_t *target = pc + 4 + off;
        JSValue obj = sp[-1];
        int r;
        pc += 9;
        r = wf_interp_with_found(ctx, obj, atom, flags);
        if (r < 0)
            goto exception;
        if (!r) {
            JS_FreeValue(ctx, obj);
            sp--;
            DISPATCH();
        }
        switch (op) {
        case OP_with_get_var: {
            JSValue v = wf_interp_with_get_binding(ctx, obj, atom, b->is_strict);
            if (JS_IsException(v))
                goto exception;
            JS_FreeValue(ctx, obj);
            sp[-1] = v;
            break;
        }
        case OP_with_put_var: {
            /* [v obj] */
            JSValue v = sp[-2];
            r = wf_obj_has(ctx, obj, atom);
            if (r < 0)
                goto exception;
            if (r == 0 && b->is_strict) {
                wf_throw_reference_error_atom(ctx, "%s is not defined", atom);
                goto exception;
            }
            sp -= 2;
            r = wf_obj_set(ctx, obj, atom, v, obj, b->is_strict ? JS_PROP_THROW : 0);
            JS_FreeValue(ctx, obj);
            if (r < 0)
                goto exception;
            break;
        }
        case OP_with_delete_var: {
            r = wf_obj_delete(ctx, obj, atom, 0);
            if (r < 0)
                goto exception;
            JS_FreeValue(ctx, obj);
            sp[-1] = JS_NewBool(ctx, r);
            break;
        }
        default: {
            JSValue v = wf_interp_with_get_binding(ctx, obj, atom, b->is_strict);
            if (JS_IsException(v))
                goto exception;
            *sp++ = v;
            break;
        }
        }
        pc = target;
        DISPATCH();
    }

    /* ---- properties ---- */
    CASE(OP_get_field):
    CASE(OP_get_field2): {
        JSAtom atom = wf_get_u32(pc);
        JSValue obj = sp[-1], v;
        bool keep = pc[-1] == OP_get_field2;
        if (JS_IsObject(obj)) {
            JSObject *getter;
            v = get_field_obj_or_getter(ctx, obj, atom, b, wf_get_u16(pc + 4), &getter);
            if (getter) {
                /* a bytecode getter: run it in this loop; its return
                   value lands where the property value goes */
                JSStackFrame *nsf;
                bool fallback;
                JSValue gf = JS_DupValue(ctx, JS_MKPTR(JS_TAG_OBJECT, getter));
                JSValue th = keep ? JS_DupValue(ctx, obj) : obj;
                sf->sp = keep ? sp : sp - 1;
                nsf = enter_call(ctx, gf, th, JS_UNDEFINED, 0, NULL, true, false, &fallback);
                if (!nsf) {
                    JS_FreeValue(ctx, gf);
                    if (keep)
                        JS_FreeValue(ctx, th);
                    goto exception;
                }
                sf = nsf;
                LOAD_FRAME();
                pc = b->code;
                if (poll_interrupt(ctx) < 0)
                    goto exception;
                DISPATCH();
            }
        } else {
            v = wf_interp_get_field(ctx, obj, atom);
        }
        pc += 6;
        if (JS_IsException(v))
            goto exception;
        if (keep) {
            *sp++ = v;
        } else {
            JS_FreeValue(ctx, obj);
            sp[-1] = v;
        }
        DISPATCH();
    }
    CASE(OP_put_field): {
        JSAtom atom = wf_get_u32(pc);
        JSValue obj = sp[-2], v = sp[-1];
        uint16_t ic_idx = wf_get_u16(pc + 4);
        uint32_t *ic = ic_slot(ctx, b, ic_idx);
        JSShape *before = NULL;
        pc += 6;
        sp -= 2;
        if (JS_IsObject(obj) && wf_shape_is_authoritative(wf_obj(obj)) && !wf_atom_is_int(atom)) {
            JSObject *p = wf_obj(obj);
            int i = -1;
            JSProperty *pr = ic_find(p, atom, ic, &i);
            if (pr && (p->shape->prop[pr - p->prop].flags & (JS_PROP_WRITABLE | JS_PROP_LENGTH)) ==
                          JS_PROP_WRITABLE) {
                SET_SLOT(&pr->u.value, v);
                JS_FreeValue(ctx, obj);
                DISPATCH();
            }
            if (!pr && i < 0 && ic) {
                /* no own property: a new one, perhaps through a cached transition */
                if (put_ic_add(ctx, proto_ic(b, ic_idx), p, atom, v)) {
                    JS_FreeValue(ctx, obj);
                    DISPATCH();
                }
            }
            if (!pr && !p->is_exotic) {
                JSObject *setter = wf_interp_accessor_lookup(p, atom, true);
                if (setter) {
                    /* a bytecode setter: run it in this loop, obj and v
                       (popped) become its this and argument, its result is
                       dropped on return */
                    JSStackFrame *nsf;
                    bool fallback;
                    JSValue sfn = JS_DupValue(ctx, JS_MKPTR(JS_TAG_OBJECT, setter));
                    sf->sp = sp;
                    nsf = enter_call(ctx, sfn, obj, JS_UNDEFINED, 1, sp + 1, true, false,
                                     &fallback);
                    if (!nsf) {
                        JS_FreeValue(ctx, sfn);
                        JS_FreeValue(ctx, obj);
                        JS_FreeValue(ctx, v);
                        goto exception;
                    }
                    nsf->flags |= WF_FRAME_DISCARD;
                    sf = nsf;
                    LOAD_FRAME();
                    pc = b->code;
                    if (poll_interrupt(ctx) < 0)
                        goto exception;
                    DISPATCH();
                }
                if (i < 0 && ic && p->shape->is_hashed) {
                    before = p->shape;
                    before->header.ref_count++;     /* keeps it unchanged */
                }
            }
        }
        if (wf_interp_put_field(ctx, obj, atom, v, b->is_strict) < 0) {
            if (before)
                wf_gc_release(rt, &before->header);
            JS_FreeValue(ctx, obj);
            goto exception;
        }
        if (before) {
            JSShape *after = wf_obj(obj)->shape;
            if (after != before && after->is_hashed && after->proto == before->proto &&
                after->prop_count == before->prop_count + 1 &&
                after->prop[after->prop_count - 1].atom == atom &&
                after->prop[after->prop_count - 1].flags == JS_PROP_C_W_E &&
                proto_chain_lacks(before->proto, atom))
                wf_interp_put_ic_fill(rt, proto_ic(b, ic_idx), before, after);
            else
                wf_gc_release(rt, &before->header);
        }
        JS_FreeValue(ctx, obj);
        DISPATCH();
    }
    CASE(OP_get_array_el):
    CASE(OP_get_array_el2): {
        JSValue obj = sp[-2], key = sp[-1], v;
        bool keep = pc[-1] == OP_get_array_el2;
        if (JS_IsObject(obj) && JS_VALUE_GET_TAG(key) == JS_TAG_INT) {
            JSObject *p = wf_obj(obj);
            uint32_t idx = (uint32_t)JS_VALUE_GET_INT(key);
            if (p->fast_array && idx < p->u.array.count &&
                (p->class_id == JS_CLASS_ARRAY || p->class_id == JS_CLASS_ARGUMENTS)) {
                v = JS_DupValue(ctx, p->u.array.values[idx]);
                goto get_el_done;
            }
            if (wf_is_typed_array_class(p->class_id) && wf_ta_get_el_fast(p, idx, &v))
                goto get_el_done;
        } else if (JS_VALUE_GET_TAG(obj) == JS_TAG_STRING &&
                   JS_VALUE_GET_TAG(key) == JS_TAG_INT) {
            JSString *s = wf_str(obj);
            uint32_t idx = (uint32_t)JS_VALUE_GET_INT(key);
            if (idx < s->len) {
                v = wf_str_new_char(ctx, wf_str_get(s, idx));
                if (JS_IsException(v))
                    goto exception;
                goto get_el_done;
            }
        }
        sp--;   /* key consumed by the slow path */
        v = wf_interp_get_array_el(ctx, obj, key);
        sp++;
        sp[-1] = JS_UNDEFINED;
        if (JS_IsException(v))
            goto exception;
        key = JS_UNDEFINED;
    get_el_done:
        JS_FreeValue(ctx, key);
        if (keep) {
            sp[-1] = v;
        } else {
            JS_FreeValue(ctx, obj);
            sp[-2] = v;
            sp--;
        }
        DISPATCH();
    }
    CASE(OP_put_array_el): {
        JSValue obj = sp[-3], key = sp[-2], v = sp[-1];
        if (JS_IsObject(obj) && JS_VALUE_GET_TAG(key) == JS_TAG_INT) {
            JSObject *p = wf_obj(obj);
            uint32_t idx = (uint32_t)JS_VALUE_GET_INT(key);
            if (p->fast_array && idx < p->u.array.count &&
                (p->class_id == JS_CLASS_ARRAY || p->class_id == JS_CLASS_ARGUMENTS)) {
                SET_SLOT(&p->u.array.values[idx], v);
                JS_FreeValue(ctx, obj);
                sp -= 3;
                DISPATCH();
            }
            if (wf_is_typed_array_class(p->class_id) && wf_ta_put_el_fast(p, idx, v)) {
                JS_FreeValue(ctx, v);   /* a number: nothing to free, kept for symmetry */
                JS_FreeValue(ctx, obj);
                sp -= 3;
                DISPATCH();
            }
        }
        sp -= 3;
        if (wf_interp_put_array_el(ctx, obj, key, v, b->is_strict) < 0) {
            JS_FreeValue(ctx, obj);
            goto exception;
        }
        JS_FreeValue(ctx, obj);
        DISPATCH();
    }
    CASE(OP_get_length): {
        JSValue obj = sp[-1], v;
        if (JS_IsObject(obj) && wf_obj(obj)->class_id == JS_CLASS_ARRAY) {
            uint32_t len = wf_array_length(wf_obj(obj));
            v = len <= INT32_MAX ? JS_MKVAL(JS_TAG_INT, (int32_t)len) : wf_number(len);
        } else if (JS_VALUE_GET_TAG(obj) == JS_TAG_STRING) {
            v = JS_MKVAL(JS_TAG_INT, wf_str(obj)->len);
        } else {
            v = wf_interp_get_field(ctx, obj, JS_ATOM_length);
            if (JS_IsException(v))
                goto exception;
        }
        JS_FreeValue(ctx, obj);
        sp[-1] = v;
        DISPATCH();
    }
    CASE(OP_to_propkey): {
        JSValue v = wf_op_to_property_key(ctx, sp[-1]);
        if (JS_IsException(v)) {
            sp--;
            goto exception;
        }
        sp[-1] = v;
        DISPATCH();
    }
    CASE(OP_to_propkey2): {
        JSValue v;
        if (JS_IsUndefined(sp[-2]) || JS_IsNull(sp[-2])) {
            wf_interp_throw_invalid_base(ctx, sp[-2], JS_ATOM_NULL, false);
            goto exception;
        }
        v = wf_op_to_property_key(ctx, sp[-1]);
        if (JS_IsException(v)) {
            sp--;
            goto exception;
        }
        sp[-1] = v;
        DISPATCH();
    }
    CASE(OP_delete): {
        bool r;
        sp -= 2;
        if (wf_op_delete(ctx, &r, sp[0], sp[1], b->is_strict) < 0)
            goto exception;
        *sp++ = JS_NewBool(ctx, r);
        DISPATCH();
    }
    CASE(OP_get_super_value): {
        /* [this proto key] */
        JSValue th = sp[-3], proto = sp[-2], key = sp[-1], v;
        JSAtom atom;
        if (!JS_IsObject(proto)) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "super: prototype is not an object");
            goto exception;
        }
        atom = wf_to_property_key(ctx, key);
        if (atom == JS_ATOM_NULL)
            goto exception;
        v = wf_obj_get(ctx, proto, atom, th);
        JS_FreeAtom(ctx, atom);
        if (JS_IsException(v))
            goto exception;
        JS_FreeValue(ctx, th);
        JS_FreeValue(ctx, proto);
        JS_FreeValue(ctx, key);
        sp -= 3;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_put_super_value): {
        /* [this proto key v] */
        JSValue th = sp[-4], proto = sp[-3], key = sp[-2], v = sp[-1];
        JSAtom atom;
        int r;
        if (!JS_IsObject(proto)) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "super: prototype is not an object");
            goto exception;
        }
        atom = wf_to_property_key(ctx, key);
        if (atom == JS_ATOM_NULL)
            goto exception;
        sp--;
        r = wf_obj_set(ctx, proto, atom, v, th, b->is_strict ? JS_PROP_THROW : 0);
        JS_FreeAtom(ctx, atom);
        if (r < 0)
            goto exception;
        JS_FreeValue(ctx, th);
        JS_FreeValue(ctx, proto);
        JS_FreeValue(ctx, key);
        sp -= 3;
        DISPATCH();
    }

    /* ---- literals ---- */
    CASE(OP_define_field): {
        JSAtom atom = wf_get_u32(pc);
        pc += 4;
        if (JS_IsObject(sp[-2])) {
            /* CreateDataPropertyOrThrow of a new key on an ordinary
               extensible object (literals, class fields) simply adds it */
            JSObject *p = wf_obj(sp[-2]);
            if (!p->is_exotic && p->extensible && !wf_atom_is_int(atom) &&
                wf_shape_find(p->shape, atom) < 0) {
                JSProperty *pr = wf_obj_add_property(ctx, p, atom, JS_PROP_C_W_E);
                if (!pr)
                    goto exception;
                pr->u.value = *--sp;
                DISPATCH();
            }
        }
        if (wf_obj_define_value(ctx, sp[-2], atom, sp[-1], JS_PROP_C_W_E | JS_PROP_THROW) < 0) {
            sp--;
            goto exception;
        }
        sp--;
        DISPATCH();
    }
    CASE(OP_define_array_el): {
        JSAtom atom = wf_to_property_key(ctx, sp[-2]);
        int r;
        if (atom == JS_ATOM_NULL)
            goto exception;
        r = wf_obj_define_value(ctx, sp[-3], atom, sp[-1], JS_PROP_C_W_E | JS_PROP_THROW);
        JS_FreeAtom(ctx, atom);
        sp--;
        JS_FreeValue(ctx, *--sp);
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_append_value): {
        sp--;
        if (wf_array_push(ctx, sp[-1], sp[0]) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_append_hole): {
        JSObject *p = wf_obj(sp[-1]);
        uint32_t len = wf_array_length(p);
        if (wf_array_set_length(ctx, p, wf_number((double)len + 1), JS_PROP_THROW) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_append): {
        int r = wf_spread_append(ctx, sp[-2], sp[-1]);
        JS_FreeValue(ctx, *--sp);
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_copy_data_properties): {
        int r = wf_copy_data_properties(ctx, sp[-2], sp[-1], NULL, 0);
        JS_FreeValue(ctx, *--sp);
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_copy_data_properties_excl): {
        /* [target src keys] */
        int r = wf_interp_copy_data_excl(ctx, sp[-3], sp[-2], sp[-1]);
        JS_FreeValue(ctx, *--sp);
        JS_FreeValue(ctx, *--sp);
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_set_proto): {
        JSValue proto = sp[-1];
        if (JS_IsObject(proto) || JS_IsNull(proto)) {
            if (wf_obj_set_proto(ctx, sp[-2], proto, true) < 0)
                goto exception;
        }
        JS_FreeValue(ctx, *--sp);
        DISPATCH();
    }
    CASE(OP_define_method): {
        JSAtom atom = wf_get_u32(pc);
        int flags = pc[4];
        pc += 5;
        sp--;
        if (wf_interp_define_method(ctx, sp[-1], atom, sp[0], flags) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_define_method_computed): {
        /* [obj key fn] */
        int flags = *pc++;
        JSAtom atom = wf_to_property_key(ctx, sp[-2]);
        int r;
        if (atom == JS_ATOM_NULL)
            goto exception;
        sp--;
        r = wf_interp_define_method(ctx, sp[-2], atom, sp[0], flags);
        JS_FreeAtom(ctx, atom);
        JS_FreeValue(ctx, *--sp);
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_set_name): {
        JSAtom atom = wf_get_u32(pc);
        pc += 4;
        if (wf_func_set_name(ctx, sp[-1], atom, NULL) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_set_name_computed): {
        JSAtom atom = wf_to_property_key(ctx, sp[-2]);
        int r;
        if (atom == JS_ATOM_NULL)
            goto exception;
        r = wf_func_set_name(ctx, sp[-1], atom, NULL);
        JS_FreeAtom(ctx, atom);
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_set_home_object):
        wf_interp_set_home_object(ctx, sp[-1], sp[-2]);
        DISPATCH();
    CASE(OP_define_class): {
        JSAtom atom = wf_get_u32(pc);
        int flags = pc[4];
        pc += 5;
        if (wf_interp_define_class(ctx, sp, atom, flags) < 0)
            goto exception;
        DISPATCH();
    }

    /* ---- operators ---- */
    CASE(OP_neg): {
        JSValue v = sp[-1];
        if (JS_VALUE_GET_TAG(v) == JS_TAG_INT && JS_VALUE_GET_INT(v) != 0 &&
            JS_VALUE_GET_INT(v) != INT32_MIN) {
            sp[-1] = JS_MKVAL(JS_TAG_INT, -JS_VALUE_GET_INT(v));
        } else if (JS_VALUE_GET_TAG(v) == JS_TAG_FLOAT64 || JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
            sp[-1] = wf_number(-NUM_OF(v));
        } else {
            sp--;
            if (wf_op_unary_slow(ctx, &v, v, WF_UNOP_NEG) < 0)
                goto exception;
            *sp++ = v;
        }
        DISPATCH();
    }
    CASE(OP_plus): {
        JSValue v = sp[-1];
        if (!IS_NUM_TAG(JS_VALUE_GET_TAG(v))) {
            sp--;
            if (wf_op_unary_slow(ctx, &v, v, WF_UNOP_PLUS) < 0)
                goto exception;
            *sp++ = v;
        }
        DISPATCH();
    }
    CASE(OP_bnot): {
        JSValue v = sp[-1];
        if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
            sp[-1] = JS_MKVAL(JS_TAG_INT, ~JS_VALUE_GET_INT(v));
        } else {
            sp--;
            if (wf_op_unary_slow(ctx, &v, v, WF_UNOP_NOT) < 0)
                goto exception;
            *sp++ = v;
        }
        DISPATCH();
    }
    CASE(OP_lnot): {
        JSValue v = sp[-1];
        int truth;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_BOOL) {
            truth = JS_VALUE_GET_BOOL(v);
        } else {
            truth = wf_to_boolean(v);
            JS_FreeValue(ctx, v);
        }
        sp[-1] = JS_NewBool(ctx, !truth);
        DISPATCH();
    }
    CASE(OP_typeof): {
        JSValue v = wf_op_typeof(ctx, sp[-1]);
        if (JS_IsException(v)) {
            sp--;
            goto exception;
        }
        sp[-1] = v;
        DISPATCH();
    }
    CASE(OP_inc):
    CASE(OP_dec): {
        JSValue v = sp[-1];
        bool is_inc = pc[-1] == OP_inc;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
            int32_t r;
            if (!(is_inc ? __builtin_add_overflow(JS_VALUE_GET_INT(v), 1, &r)
                         : __builtin_sub_overflow(JS_VALUE_GET_INT(v), 1, &r))) {
                sp[-1] = JS_MKVAL(JS_TAG_INT, r);
                DISPATCH();
            }
        }
        sp--;
        if (wf_op_unary_slow(ctx, &v, v, is_inc ? WF_UNOP_INC : WF_UNOP_DEC) < 0)
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_post_inc):
    CASE(OP_post_dec): {
        JSValue v = sp[-1], r;
        bool is_inc = pc[-1] == OP_post_inc;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_INT) {
            int32_t ri;
            if (!(is_inc ? __builtin_add_overflow(JS_VALUE_GET_INT(v), 1, &ri)
                         : __builtin_sub_overflow(JS_VALUE_GET_INT(v), 1, &ri))) {
                *sp++ = JS_MKVAL(JS_TAG_INT, ri);
                DISPATCH();
            }
        }
        sp--;
        if (wf_op_unary_slow(ctx, &v, v, WF_UNOP_TONUMERIC) < 0)
            goto exception;
        *sp++ = v;
        if (wf_op_unary_slow(ctx, &r, JS_DupValue(ctx, v), is_inc ? WF_UNOP_INC : WF_UNOP_DEC) < 0)
            goto exception;
        *sp++ = r;
        DISPATCH();
    }
    CASE(OP_to_numeric): {
        JSValue v = sp[-1];
        if (!IS_NUM_TAG(JS_VALUE_GET_TAG(v))) {
            sp--;
            if (wf_op_unary_slow(ctx, &v, v, WF_UNOP_TONUMERIC) < 0)
                goto exception;
            *sp++ = v;
        }
        DISPATCH();
    }
    CASE(OP_to_string): {
        JSValue v = sp[-1];
        if (JS_VALUE_GET_TAG(v) != JS_TAG_STRING) {
            JSValue s = wf_to_string(ctx, v);
            JS_FreeValue(ctx, v);
            if (JS_IsException(s)) {
                sp--;
                goto exception;
            }
            sp[-1] = s;
        }
        DISPATCH();
    }
    CASE(OP_to_object): {
        JSValue v = sp[-1];
        if (!JS_IsObject(v)) {
            JSValue o = wf_to_object(ctx, v);
            if (JS_IsException(o))
                goto exception;
            JS_FreeValue(ctx, v);
            sp[-1] = o;
        }
        DISPATCH();
    }
    CASE(OP_add): {
        JSValue a = sp[-2], c = sp[-1], r;
        int ta = JS_VALUE_GET_TAG(a), tc = JS_VALUE_GET_TAG(c);
        if (ta == JS_TAG_INT && tc == JS_TAG_INT) {
            int32_t ri;
            if (!__builtin_add_overflow(JS_VALUE_GET_INT(a), JS_VALUE_GET_INT(c), &ri))
                sp[-2] = JS_MKVAL(JS_TAG_INT, ri);
            else
                sp[-2] = __JS_NewFloat64((double)JS_VALUE_GET_INT(a) + JS_VALUE_GET_INT(c));
            sp--;
            DISPATCH();
        }
        if (IS_NUM_TAG(ta) && IS_NUM_TAG(tc)) {
            sp[-2] = wf_number(NUM_OF(a) + NUM_OF(c));
            sp--;
            DISPATCH();
        }
        sp -= 2;
        if (ta == JS_TAG_STRING && wf_str(a)->header.ref_count > 1 && add_operand_is_inert(c) &&
            (tc != JS_TAG_STRING ||
             (uint64_t)wf_str(a)->len + wf_str(c)->len <= JS_STRING_LEN_MAX))
            wf_interp_add_take_targets(ctx, sf, pc, sp, a);
        if (wf_op_add_slow(ctx, &r, a, c) < 0)
            goto exception;
        *sp++ = r;
        DISPATCH();
    }
    CASE(OP_sub): {
        JSValue a = sp[-2], c = sp[-1], r;
        int ta = JS_VALUE_GET_TAG(a), tc = JS_VALUE_GET_TAG(c);
        if (ta == JS_TAG_INT && tc == JS_TAG_INT) {
            int32_t ri;
            if (!__builtin_sub_overflow(JS_VALUE_GET_INT(a), JS_VALUE_GET_INT(c), &ri))
                sp[-2] = JS_MKVAL(JS_TAG_INT, ri);
            else
                sp[-2] = __JS_NewFloat64((double)JS_VALUE_GET_INT(a) - JS_VALUE_GET_INT(c));
            sp--;
            DISPATCH();
        }
        if (IS_NUM_TAG(ta) && IS_NUM_TAG(tc)) {
            sp[-2] = wf_number(NUM_OF(a) - NUM_OF(c));
            sp--;
            DISPATCH();
        }
        sp -= 2;
        if (wf_op_binary_slow(ctx, &r, a, c, WF_BINOP_SUB) < 0)
            goto exception;
        *sp++ = r;
        DISPATCH();
    }
    CASE(OP_mul): {
        JSValue a = sp[-2], c = sp[-1], r;
        int ta = JS_VALUE_GET_TAG(a), tc = JS_VALUE_GET_TAG(c);
        if (ta == JS_TAG_INT && tc == JS_TAG_INT) {
            int32_t ri;
            int32_t x = JS_VALUE_GET_INT(a), y = JS_VALUE_GET_INT(c);
            /* a zero product may be -0 */
            if (!__builtin_mul_overflow(x, y, &ri) && (ri != 0 || (x >= 0 && y >= 0))) {
                sp[-2] = JS_MKVAL(JS_TAG_INT, ri);
                sp--;
                DISPATCH();
            }
            sp[-2] = wf_number((double)x * (double)y);
            sp--;
            DISPATCH();
        }
        if (IS_NUM_TAG(ta) && IS_NUM_TAG(tc)) {
            sp[-2] = wf_number(NUM_OF(a) * NUM_OF(c));
            sp--;
            DISPATCH();
        }
        sp -= 2;
        if (wf_op_binary_slow(ctx, &r, a, c, WF_BINOP_MUL) < 0)
            goto exception;
        *sp++ = r;
        DISPATCH();
    }
    CASE(OP_div): {
        JSValue a = sp[-2], c = sp[-1], r;
        if (IS_NUM_TAG(JS_VALUE_GET_TAG(a)) && IS_NUM_TAG(JS_VALUE_GET_TAG(c))) {
            sp[-2] = wf_number(NUM_OF(a) / NUM_OF(c));
            sp--;
            DISPATCH();
        }
        sp -= 2;
        if (wf_op_binary_slow(ctx, &r, a, c, WF_BINOP_DIV) < 0)
            goto exception;
        *sp++ = r;
        DISPATCH();
    }
    CASE(OP_mod): {
        JSValue a = sp[-2], c = sp[-1], r;
        if (JS_VALUE_GET_TAG(a) == JS_TAG_INT && JS_VALUE_GET_TAG(c) == JS_TAG_INT) {
            int32_t x = JS_VALUE_GET_INT(a), y = JS_VALUE_GET_INT(c);
            if (x >= 0 && y > 0) {
                sp[-2] = JS_MKVAL(JS_TAG_INT, x % y);
                sp--;
                DISPATCH();
            }
        }
        sp -= 2;
        if (wf_op_binary_slow(ctx, &r, a, c, WF_BINOP_MOD) < 0)
            goto exception;
        *sp++ = r;
        DISPATCH();
    }
    CASE(OP_pow): {
        JSValue a = sp[-2], c = sp[-1], r;
        sp -= 2;
        if (wf_op_binary_slow(ctx, &r, a, c, WF_BINOP_POW) < 0)
            goto exception;
        *sp++ = r;
        DISPATCH();
    }
#define BITOP_CASE(OPC, EXPR, KIND)                                      \
    CASE(OPC): {                                                        \
        JSValue a = sp[-2], c = sp[-1], r;                              \
        if (JS_VALUE_GET_TAG(a) == JS_TAG_INT && JS_VALUE_GET_TAG(c) == JS_TAG_INT) { \
            int32_t x = JS_VALUE_GET_INT(a), y = JS_VALUE_GET_INT(c);   \
            (void)x; (void)y;                                           \
            sp[-2] = (EXPR);                                            \
            sp--;                                                       \
            DISPATCH();                                                 \
        }                                                               \
        sp -= 2;                                                        \
        if (wf_op_binary_slow(ctx, &r, a, c, KIND) < 0)                 \
            goto exception;                                             \
        *sp++ = r;                                                      \
        DISPATCH();                                                     \
    }
    BITOP_CASE(OP_shl, JS_MKVAL(JS_TAG_INT, (int32_t)((uint32_t)x << (y & 31))), WF_BINOP_SHL)
    BITOP_CASE(OP_sar, JS_MKVAL(JS_TAG_INT, x >> (y & 31)), WF_BINOP_SAR)
    BITOP_CASE(OP_shr, wf_number((double)((uint32_t)x >> (y & 31))), WF_BINOP_SHR)
    BITOP_CASE(OP_and, JS_MKVAL(JS_TAG_INT, x & y), WF_BINOP_AND)
    BITOP_CASE(OP_or, JS_MKVAL(JS_TAG_INT, x | y), WF_BINOP_OR)
    BITOP_CASE(OP_xor, JS_MKVAL(JS_TAG_INT, x ^ y), WF_BINOP_XOR)
#undef BITOP_CASE

    /* A comparison immediately followed by if_true / if_false branches at
       once instead of pushing the boolean (the if instruction stays in
       place for any other path that reaches it). */
#define BRANCH_OR_PUSH(r) do {                                          \
        int nop_ = *pc;                                                 \
        if (nop_ == OP_if_true || nop_ == OP_if_false) {                \
            int32_t off_ = wf_get_i32(pc + 1);                          \
            if ((nop_ == OP_if_true) == (r)) {                          \
                pc += 1 + off_;                                         \
                if (off_ <= 0 && poll_interrupt(ctx) < 0)               \
                    goto exception;                                     \
            } else {                                                    \
                pc += 5;                                                \
            }                                                           \
        } else {                                                        \
            *sp++ = JS_NewBool(ctx, (r));                               \
        }                                                               \
        DISPATCH();                                                     \
    } while (0)

#define CMP_CASE(OPC, CMP, KIND)                                        \
    CASE(OPC): {                                                        \
        JSValue a = sp[-2], c = sp[-1];                                 \
        bool r;                                                         \
        if (JS_VALUE_GET_TAG(a) == JS_TAG_INT && JS_VALUE_GET_TAG(c) == JS_TAG_INT) { \
            r = JS_VALUE_GET_INT(a) CMP JS_VALUE_GET_INT(c);            \
        } else if (IS_NUM_TAG(JS_VALUE_GET_TAG(a)) && IS_NUM_TAG(JS_VALUE_GET_TAG(c))) { \
            r = NUM_OF(a) CMP NUM_OF(c);                                \
        } else {                                                        \
            sp -= 2;                                                    \
            if (wf_op_compare_slow(ctx, &r, a, c, KIND) < 0)            \
                goto exception;                                         \
            BRANCH_OR_PUSH(r);                                          \
        }                                                               \
        sp -= 2;                                                        \
        BRANCH_OR_PUSH(r);                                              \
    }
    CMP_CASE(OP_lt, <, WF_CMP_LT)
    CMP_CASE(OP_lte, <=, WF_CMP_LTE)
    CMP_CASE(OP_gt, >, WF_CMP_GT)
    CMP_CASE(OP_gte, >=, WF_CMP_GTE)
#undef CMP_CASE
    CASE(OP_eq):
    CASE(OP_neq): {
        JSValue a = sp[-2], c = sp[-1];
        bool r, is_neq = pc[-1] == OP_neq;
        if (JS_VALUE_GET_TAG(a) == JS_TAG_INT && JS_VALUE_GET_TAG(c) == JS_TAG_INT) {
            r = JS_VALUE_GET_INT(a) == JS_VALUE_GET_INT(c);
            sp--;
        } else {
            sp -= 2;
            if (wf_op_loose_eq(ctx, &r, a, c) < 0)
                goto exception;
            sp++;
        }
        sp[-1] = JS_NewBool(ctx, r != is_neq);
        DISPATCH();
    }
    CASE(OP_strict_eq):
    CASE(OP_strict_neq): {
        JSValue a = sp[-2], c = sp[-1];
        bool r, is_neq = pc[-1] == OP_strict_neq;
        if (JS_VALUE_GET_TAG(a) == JS_TAG_INT && JS_VALUE_GET_TAG(c) == JS_TAG_INT)
            r = JS_VALUE_GET_INT(a) == JS_VALUE_GET_INT(c);
        else
            r = wf_op_strict_eq(ctx, a, c);
        sp -= 2;
        r = r != is_neq;
        BRANCH_OR_PUSH(r);
    }
#undef BRANCH_OR_PUSH
    CASE(OP_in): {
        bool r;
        sp -= 2;
        if (wf_op_in(ctx, &r, sp[0], sp[1]) < 0)
            goto exception;
        *sp++ = JS_NewBool(ctx, r);
        DISPATCH();
    }
    CASE(OP_instanceof): {
        bool r;
        sp -= 2;
        if (wf_op_instanceof(ctx, &r, sp[0], sp[1]) < 0)
            goto exception;
        *sp++ = JS_NewBool(ctx, r);
        DISPATCH();
    }
    CASE(OP_is_undefined_or_null): {
        JSValue v = sp[-1];
        bool r = JS_IsUndefined(v) || JS_IsNull(v);
        JS_FreeValue(ctx, v);
        sp[-1] = JS_NewBool(ctx, r);
        DISPATCH();
    }
    CASE(OP_is_undefined): {
        JSValue v = sp[-1];
        bool r = JS_IsUndefined(v);
        JS_FreeValue(ctx, v);
        sp[-1] = JS_NewBool(ctx, r);
        DISPATCH();
    }
    CASE(OP_is_null): {
        JSValue v = sp[-1];
        bool r = JS_IsNull(v);
        JS_FreeValue(ctx, v);
        sp[-1] = JS_NewBool(ctx, r);
        DISPATCH();
    }
    CASE(OP_inc_loc): {
        JSValue v = var_buf[wf_get_u16(pc)];
        int32_t ri;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_INT &&
            !__builtin_add_overflow(JS_VALUE_GET_INT(v), 1, &ri)) {
            var_buf[wf_get_u16(pc)] = JS_MKVAL(JS_TAG_INT, ri);
            pc += 2;
            DISPATCH();
        }
        goto inc_dec_loc_slow;
    }
    CASE(OP_dec_loc): {
        JSValue v = var_buf[wf_get_u16(pc)];
        int32_t ri;
        if (JS_VALUE_GET_TAG(v) == JS_TAG_INT &&
            !__builtin_sub_overflow(JS_VALUE_GET_INT(v), 1, &ri)) {
            var_buf[wf_get_u16(pc)] = JS_MKVAL(JS_TAG_INT, ri);
            pc += 2;
            DISPATCH();
        }
        goto inc_dec_loc_slow;
    }
    inc_dec_loc_slow: {
        int idx = wf_get_u16(pc);
        bool is_inc = pc[-1] == OP_inc_loc;
        JSValue v = var_buf[idx], r;
        pc += 2;
        if (wf_op_unary_slow(ctx, &r, JS_DupValue(ctx, v), is_inc ? WF_UNOP_INC : WF_UNOP_DEC) < 0)
            goto exception;
        SET_SLOT(&var_buf[idx], r);
        DISPATCH();
    }
    CASE(OP_add_loc): {
        int idx = wf_get_u16(pc);
        JSValue a = var_buf[idx], c = sp[-1], r;
        int ta = JS_VALUE_GET_TAG(a), tc = JS_VALUE_GET_TAG(c);
        pc += 2;
        sp--;
        if (ta == JS_TAG_INT && tc == JS_TAG_INT) {
            int32_t ri;
            if (!__builtin_add_overflow(JS_VALUE_GET_INT(a), JS_VALUE_GET_INT(c), &ri))
                var_buf[idx] = JS_MKVAL(JS_TAG_INT, ri);
            else
                var_buf[idx] = __JS_NewFloat64((double)JS_VALUE_GET_INT(a) + JS_VALUE_GET_INT(c));
            DISPATCH();
        }
        if (IS_NUM_TAG(ta) && IS_NUM_TAG(tc)) {
            var_buf[idx] = wf_number(NUM_OF(a) + NUM_OF(c));
            DISPATCH();
        }
        if (ta == JS_TAG_STRING &&
            (tc == JS_TAG_INT || tc == JS_TAG_FLOAT64 || tc == JS_TAG_BOOL ||
             tc == JS_TAG_NULL || tc == JS_TAG_UNDEFINED ||
             (tc == JS_TAG_STRING &&
              (uint64_t)wf_str(a)->len + wf_str(c)->len <= JS_STRING_LEN_MAX))) {
            /* no user code can run: hand the slot's reference to the
               concatenation so a sole owner appends in place */
            var_buf[idx] = JS_UNDEFINED;
            if (wf_op_add_slow(ctx, &r, a, c) < 0)
                goto exception;
            var_buf[idx] = r;
            DISPATCH();
        }
        if (wf_op_add_slow(ctx, &r, JS_DupValue(ctx, a), c) < 0)
            goto exception;
        SET_SLOT(&var_buf[idx], r);
        DISPATCH();
    }

    /* ---- iteration ---- */
    CASE(OP_for_in_start): {
        JSValue v = wf_for_in_start(ctx, sp[-1]);
        if (JS_IsException(v)) {
            sp--;
            goto exception;
        }
        sp[-1] = v;
        DISPATCH();
    }
    CASE(OP_for_in_next): {
        bool done;
        JSValue k = wf_for_in_next(ctx, sp[-1], &done);
        if (JS_IsException(k))
            goto exception;
        *sp++ = k;
        *sp++ = JS_NewBool(ctx, done);
        DISPATCH();
    }
    CASE(OP_for_of_start): {
        JSValue next = JS_UNDEFINED, iter;
        iter = wf_for_of_start(ctx, sp[-1], &next);
        if (JS_IsException(iter))
            goto exception;
        JS_FreeValue(ctx, sp[-1]);
        sp[-1] = iter;
        *sp++ = next;
        *sp++ = JS_MKVAL(JS_TAG_CATCH_OFFSET, 0);
        DISPATCH();
    }
    CASE(OP_for_of_next): {
        int off = *pc++;
        JSValue *piter = sp - 3 - off;
        bool done;
        JSValue v;
        if (JS_IsUndefined(piter[0])) {
            *sp++ = JS_UNDEFINED;
            *sp++ = JS_TRUE;
            DISPATCH();
        }
        v = wf_for_of_step(ctx, piter, &done);
        if (JS_IsException(v)) {
            SET_SLOT(piter, JS_UNDEFINED);
            goto exception;
        }
        if (done)
            SET_SLOT(piter, JS_UNDEFINED);
        *sp++ = v;
        *sp++ = JS_NewBool(ctx, done);
        DISPATCH();
    }
    CASE(OP_iterator_close): {
        JSValue iter = sp[-3], next = sp[-2];
        int r = 0;
        sp -= 3;
        if (!JS_IsUndefined(iter) && !wf_for_of_is_array_mode(next)) {
            sf->sp = sp;
            r = wf_iterator_close(ctx, iter, false);
        }
        JS_FreeValue(ctx, iter);
        JS_FreeValue(ctx, next);
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_iterator_rest): {
        int off = *pc++;
        JSValue *piter = sp - 3 - off;
        JSValue arr = wf_array_new(ctx, 0);
        if (JS_IsException(arr))
            goto exception;
        while (!JS_IsUndefined(piter[0])) {
            bool done;
            JSValue v = wf_for_of_step(ctx, piter, &done);
            if (JS_IsException(v)) {
                SET_SLOT(piter, JS_UNDEFINED);
                JS_FreeValue(ctx, arr);
                goto exception;
            }
            if (done) {
                SET_SLOT(piter, JS_UNDEFINED);
                break;
            }
            if (wf_array_push(ctx, arr, v) < 0) {
                JS_FreeValue(ctx, arr);
                goto exception;
            }
        }
        *sp++ = arr;
        DISPATCH();
    }

    /* ---- private names ---- */
    CASE(OP_private_symbol): {
        JSValue v = wf_interp_private_symbol(ctx, wf_get_u32(pc));
        pc += 4;
        if (JS_IsException(v))
            goto exception;
        *sp++ = v;
        DISPATCH();
    }
    CASE(OP_get_private_field): {
        JSValue v = wf_interp_private_get(ctx, sp[-2], sp[-1]);
        if (JS_IsException(v))
            goto exception;
        JS_FreeValue(ctx, sp[-2]);
        JS_FreeValue(ctx, sp[-1]);
        sp[-2] = v;
        sp--;
        DISPATCH();
    }
    CASE(OP_put_private_field): {
        /* [obj v name] */
        int r = wf_interp_private_put(ctx, sp[-3], sp[-1], sp[-2]);
        JS_FreeValue(ctx, sp[-1]);
        JS_FreeValue(ctx, sp[-3]);
        sp -= 3;
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_define_private_field): {
        /* [obj name v] */
        int r = wf_interp_private_define(ctx, sp[-3], sp[-2], sp[-1]);
        JS_FreeValue(ctx, sp[-2]);
        sp -= 2;
        if (r < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_private_in): {
        /* [name obj] */
        JSValue name = sp[-2], obj = sp[-1];
        int flags;
        bool r;
        if (!JS_IsObject(obj)) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "cannot use 'in' operator on a non-object");
            goto exception;
        }
        r = wf_interp_private_find(wf_obj(obj), wf_symbol_to_atom(rt, name), &flags) != NULL;
        JS_FreeValue(ctx, name);
        JS_FreeValue(ctx, obj);
        sp[-2] = JS_NewBool(ctx, r);
        sp--;
        DISPATCH();
    }

    /* ---- fused `x += y` ---- */
    CASE(OP_add_put_loc): {
        int idx = wf_get_u16(pc);
        JSValue r;
        pc += 2;
        sp -= 2;
        if (add_for_store(ctx, &r, sp[0], sp[1], &var_buf[idx]) < 0)
            goto exception;
        SET_SLOT(&var_buf[idx], r);
        DISPATCH();
    }
    CASE(OP_add_put_var_ref): {
        int idx = wf_get_u16(pc);
        JSValue r, *pv = var_refs[idx]->pvalue;
        pc += 2;
        sp -= 2;
        if (add_for_store(ctx, &r, sp[0], sp[1], pv) < 0)
            goto exception;
        SET_SLOT(pv, r);
        DISPATCH();
    }
    CASE(OP_add_put_var): {
        JSAtom atom = wf_get_u32(pc);
        JSValue r;
        pc += 4;
        sp -= 2;
        if (add_for_store(ctx, &r, sp[0], sp[1], plain_global_slot(ctx, atom)) < 0)
            goto exception;
        if (global_put_cached(ctx, b, atom, r, b->is_strict) < 0)
            goto exception;
        DISPATCH();
    }
    CASE(OP_add_put_field): {
        /* [obj old rhs] */
        JSAtom atom = wf_get_u32(pc);
        uint32_t *ic = ic_slot(ctx, b, wf_get_u16(pc + 4));
        JSValue obj = sp[-3], r;
        JSValue *slot = plain_field_slot(obj, atom);
        pc += 6;
        sp -= 2;
        if (add_for_store(ctx, &r, sp[0], sp[1], slot) < 0)
            goto exception;
        sp--;
        /* the add may have run code: look the slot up again */
        if (JS_IsObject(obj) && wf_shape_is_authoritative(wf_obj(obj)) && !wf_atom_is_int(atom)) {
            JSObject *p = wf_obj(obj);
            int i = -1;
            JSProperty *pr = ic_find(p, atom, ic, &i);
            if (pr && (p->shape->prop[pr - p->prop].flags & (JS_PROP_WRITABLE | JS_PROP_LENGTH)) ==
                          JS_PROP_WRITABLE) {
                SET_SLOT(&pr->u.value, r);
                JS_FreeValue(ctx, obj);
                DISPATCH();
            }
        }
        if (wf_interp_put_field(ctx, obj, atom, r, b->is_strict) < 0) {
            JS_FreeValue(ctx, obj);
            goto exception;
        }
        JS_FreeValue(ctx, obj);
        DISPATCH();
    }

    /* ---- with: resolved references ---- */
    CASE(OP_with_find): {
        JSAtom atom = wf_get_u32(pc);
        int32_t off = wf_get_i32(pc + 4);
        int flags = pc[8];
        const uint8_t *target = pc + 4 + off;
        int r;
        pc += 9;
        r = wf_interp_with_found(ctx, sp[-1], atom, flags);
        if (r < 0)
            goto exception;
        if (r) {
            pc = target;
        } else {
            JS_FreeValue(ctx, sp[-1]);
            sp--;
        }
        DISPATCH();
    }
    CASE(OP_put_ref_value): {
        /* [obj v] */
        JSAtom atom = wf_get_u32(pc);
        JSValue obj = sp[-2], v = sp[-1];
        int r;
        pc += 4;
        /* SetMutableBinding: the binding may have been deleted meanwhile */
        r = JS_IsObject(obj) ? wf_obj_has(ctx, obj, atom) : 0;
        if (r < 0)
            goto exception;
        if (r == 0 && b->is_strict) {
            wf_throw_reference_error_atom(ctx, "%s is not defined", atom);
            goto exception;
        }
        sp -= 2;
        r = wf_interp_put_field(ctx, obj, atom, v, b->is_strict);
        JS_FreeValue(ctx, obj);
        if (r < 0)
            goto exception;
        DISPATCH();
    }

    /* ---- iterator protocol pieces (yield*, for await) ---- */
    CASE(OP_get_iterator): {
        bool is_async = *pc++ != 0;
        JSValue next = JS_UNDEFINED, iter;
        iter = wf_get_iterator(ctx, sp[-1], is_async, &next);
        if (JS_IsException(iter))
            goto exception;
        JS_FreeValue(ctx, sp[-1]);
        sp[-1] = iter;
        *sp++ = next;
        DISPATCH();
    }
    CASE(OP_iterator_get_method): {
        int which = *pc++;
        JSValue m = wf_get_method(ctx, sp[-1], which ? JS_ATOM_throw : JS_ATOM_return);
        if (JS_IsException(m))
            goto exception;
        *sp++ = m;
        DISPATCH();
    }
    CASE(OP_iterator_check_object):
        if (!JS_IsObject(sp[-1])) {
            wf_throw_error(ctx, JS_TYPE_ERROR, "iterator result is not an object");
            goto exception;
        }
        DISPATCH();
    CASE(OP_iterator_complete): {
        JSValue d = JS_IsObject(sp[-1]) ? get_field_obj(ctx, sp[-1], JS_ATOM_done, b, 0xFFFF)
                                        : wf_interp_get_field(ctx, sp[-1], JS_ATOM_done);
        if (JS_IsException(d))
            goto exception;
        *sp++ = JS_NewBool(ctx, wf_to_boolean(d));
        JS_FreeValue(ctx, d);
        DISPATCH();
    }
    CASE(OP_iterator_value): {
        JSValue v = JS_IsObject(sp[-1]) ? get_field_obj(ctx, sp[-1], JS_ATOM_value, b, 0xFFFF)
                                        : wf_interp_get_field(ctx, sp[-1], JS_ATOM_value);
        if (JS_IsException(v))
            goto exception;
        JS_FreeValue(ctx, sp[-1]);
        sp[-1] = v;
        DISPATCH();
    }

    /* ---- misc ---- */
    CASE(OP_nop):
    CASE(OP_debugger):
        DISPATCH();

    SWITCH_END

invalid_op:
    wf_throw_error(ctx, JS_INTERNAL_ERROR, "invalid opcode %d at pc %d", sf->cur_pc[0],
                   (int)(sf->cur_pc - b->code));
    goto exception;

do_return:
    while (sp > sf->stack_buf)
        JS_FreeValue(ctx, *--sp);
    if (js_unlikely(sf->flags & WF_FRAME_CONSTRUCT) && !JS_IsObject(ret_val)) {
        if (b->is_derived_class_constructor) {
            if (!JS_IsUndefined(ret_val)) {
                JS_FreeValue(ctx, ret_val);
                wf_throw_error(ctx, JS_TYPE_ERROR,
                               "Derived constructors may only return object or undefined");
                goto exception;
            }
            if (JS_IsUninitialized(sf->this_val)) {
                wf_interp_throw_kind(ctx, WF_THROW_THIS_UNINIT, JS_ATOM_NULL);
                goto exception;
            }
        }
        JS_FreeValue(ctx, ret_val);
        ret_val = JS_DupValue(ctx, sf->this_val);
    }
    {
        JSStackFrame *caller = sf->prev_frame;
        int fflags = sf->flags;
        frame_pop_inline(rt, sf);
        if (fflags & WF_FRAME_ENTRY)
            return ret_val;
        sf = caller;
        LOAD_FRAME();
        pc = sf->cur_pc + op_size[*sf->cur_pc];
        if (js_unlikely(fflags & WF_FRAME_DISCARD))
            JS_FreeValue(ctx, ret_val);     /* a setter's result */
        else
            *sp++ = ret_val;
        DISPATCH();
    }

exception:
    {
        bool uncatchable = exception_is_uncatchable(ctx);
        while (sp > sf->stack_buf) {
            JSValue v = *--sp;
            if (JS_VALUE_GET_TAG(v) == JS_TAG_CATCH_OFFSET) {
                int32_t pos = JS_VALUE_GET_INT(v);
                if (pos == 0) {
                    /* iterator marker: [iter next marker] */
                    if (!uncatchable && sp - sf->stack_buf >= 2 && JS_IsObject(sp[-2]) &&
                        !wf_for_of_is_array_mode(sp[-1])) {
                        sf->sp = sp;
                        wf_iterator_close(ctx, sp[-2], true);
                    }
                } else if (!uncatchable) {
                    *sp++ = JS_GetException(ctx);
                    pc = b->code + pos;
                    DISPATCH();
                }
            } else {
                JS_FreeValue(ctx, v);
            }
        }
        {
            JSStackFrame *caller = sf->prev_frame;
            bool entry = (sf->flags & WF_FRAME_ENTRY) != 0;
            frame_pop(rt, sf);
            if (entry)
                return JS_EXCEPTION;
            sf = caller;
            LOAD_FRAME();
            pc = sf->cur_pc;
            goto exception;
        }
    }
}
