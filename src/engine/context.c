/*
 * context.c - runtimes and contexts (realms): creation, tear-down, the
 * intrinsics set-up order, and the runtime/context settings of the public
 * API (stack size, dump flags, interrupt handler, opaque pointers...).
 *
 * A context is a GC cell (WF_GC_CONTEXT): the embedder's JS_NewContext /
 * JS_DupContext references and the bytecode of its functions keep it alive;
 * its hooks here mark and release the intrinsics it holds.
 *
 * JS_NewContext builds Object.prototype (null prototype, immutable
 * prototype), Function.prototype (a C function returning undefined) and
 * the global object, then runs the families' wf_init_* in the order of
 * builtins/builtins.h and preallocates the out-of-memory error.
 */
#include <string.h>
#include <time.h>

#include "quickjs.h"
#include "engine/module.h"
#include "engine/state.h"
#include "engine/gc.h"
#include "engine/atom.h"
#include "engine/object.h"
#include "engine/error.h"
#include "engine/function.h"
#include "engine/interp.h"
#include "builtins/builtins.h"
#include "engine/regexp/re_rt.h"
#include "engine/atomics_wait.h"

/* ------------------------------------------------------------------ */
/* Runtime */

JSRuntime *JS_NewRuntime2(const JSMallocFunctions *mf, void *opaque)
{
    JSRuntime *rt;
    size_t sz;

    if (!mf || !mf->js_malloc || !mf->js_free || !mf->js_realloc)
        return NULL;
    rt = mf->js_malloc(opaque, sizeof(JSRuntime));
    if (!rt)
        return NULL;
    memset(rt, 0, sizeof(*rt));
    rt->mf = *mf;
    rt->malloc_state.opaque = opaque;
    rt->mem_size_header = mf->js_malloc_usable_size == NULL;
    /* the runtime block itself is counted like any other */
    sz = mf->js_malloc_usable_size ? mf->js_malloc_usable_size(rt) : sizeof(JSRuntime);
    rt->malloc_state.malloc_count = 1;
    rt->malloc_state.malloc_size = sz;

    init_list_head(&rt->context_list);
    init_list_head(&rt->job_list);
    wf_gc_init(rt);
    rt->current_exception = JS_UNINITIALIZED;
    rt->can_block = true;
    rt->stack_size = JS_DEFAULT_STACK_SIZE;
    JS_UpdateStackTop(rt);

    if (wf_atom_init(rt) || wf_class_init(rt) || wf_atomics_init_rt(rt))
        goto fail;
    wf_function_init_classes(rt);
    wf_cfunc_init_classes(rt);
    return rt;
fail:
    JS_FreeRuntime(rt);
    return NULL;
}

JSRuntime *JS_NewRuntime(void)
{
    return JS_NewRuntime2(wf_mem_default_funcs(), NULL);
}

void JS_FreeRuntime(JSRuntime *rt)
{
    bool dump_leaks;
    JSMallocFunctions mf;
    void *opaque;

    if (!rt)
        return;
    wf_atomics_free_rt(rt);     /* pending waitAsync waiters hold values */
    dump_leaks = (rt->dump_flags & JS_DUMP_LEAKS) != 0;
    if (rt->dump_flags & JS_DUMP_MEM) {
        JSMemoryUsage u;
        JS_ComputeMemoryUsage(rt, &u);
        JS_DumpMemoryUsage(stdout, &u, rt);
    }
    {
        JSValue e = rt->current_exception;
        rt->current_exception = JS_UNDEFINED;
        JS_FreeValueRT(rt, e);
    }
    /* jobs that never ran hold values: drop them before the collection */
    wf_job_free_all(rt);
    /* a context the embedder freed may still be held by a cycle of its own
       objects: collect those before calling what is left a leak */
    if (rt->atom_array)
        wf_gc_collect(rt);
    /* contexts the embedder did not free: drop what they hold; their cells
       are reclaimed with the other leftovers below */
    while (!list_empty(&rt->context_list)) {
        JSContext *ctx = list_entry(rt->context_list.next, JSContext, link);
        if (dump_leaks)
            printf("leak: context %p not freed (ref_count=%d)\n", (void *)ctx, ctx->header.ref_count);
        wf_context_gc_free(rt, &ctx->header);   /* unlinks it */
    }
    if (rt->atom_array) {
        wf_gc_collect(rt);
        wf_gc_free_all(rt, dump_leaks);
    }
    wf_interp_free_rt(rt);
    wf_regexp_cache_free(rt);
    wf_shape_free_table(rt);
    if (rt->class_array)
        wf_class_free_all(rt);
    if (rt->atom_array)
        wf_atom_free_all(rt);
    wf_mem_cache_flush(rt);
    if (dump_leaks && rt->malloc_state.malloc_count > 1) {
        printf("leak: %zu bytes in %zu blocks still allocated\n",
               rt->malloc_state.malloc_size - (rt->mf.js_malloc_usable_size ?
                   rt->mf.js_malloc_usable_size(rt) : sizeof(JSRuntime)),
               rt->malloc_state.malloc_count - 1);
    }
    mf = rt->mf;
    opaque = rt->malloc_state.opaque;
    mf.js_free(opaque, rt);
}

void JS_SetRuntimeInfo(JSRuntime *rt, const char *info)
{
    if (rt)
        rt->rt_info = info;
}

void JS_SetDumpFlags(JSRuntime *rt, uint64_t flags)
{
    rt->dump_flags = flags;
}

uint64_t JS_GetDumpFlags(JSRuntime *rt)
{
    return rt->dump_flags;
}

static void update_stack_limit(JSRuntime *rt)
{
    if (rt->stack_size == 0 || rt->stack_size >= rt->stack_top)
        rt->stack_limit = 0;
    else
        rt->stack_limit = rt->stack_top - rt->stack_size;
}

void JS_SetMaxStackSize(JSRuntime *rt, size_t stack_size)
{
    rt->stack_size = stack_size;
    update_stack_limit(rt);
}

/* The current C frame becomes the top of the stack: call it from the thread
   that will run the runtime (a worker thread after creating it elsewhere). */
void JS_UpdateStackTop(JSRuntime *rt)
{
    rt->stack_top = (uintptr_t)__builtin_frame_address(0);
    update_stack_limit(rt);
}

void *JS_GetRuntimeOpaque(JSRuntime *rt)
{
    return rt->user_opaque;
}

void JS_SetRuntimeOpaque(JSRuntime *rt, void *opaque)
{
    rt->user_opaque = opaque;
}

void JS_SetInterruptHandler(JSRuntime *rt, JSInterruptHandler *cb, void *opaque)
{
    rt->interrupt_handler = cb;
    rt->interrupt_opaque = opaque;
}

void JS_SetCanBlock(JSRuntime *rt, bool can_block)
{
    rt->can_block = can_block;
}

const char *JS_GetVersion(void)
{
#define WF_STR2(x) #x
#define WF_STR(x) WF_STR2(x)
    return WF_STR(QJS_VERSION_MAJOR) "." WF_STR(QJS_VERSION_MINOR) "." WF_STR(QJS_VERSION_PATCH)
           QJS_VERSION_SUFFIX;
#undef WF_STR
#undef WF_STR2
}

/* ------------------------------------------------------------------ */
/* Context GC hooks */

#define CTX_VALUES(X)                     \
    X(function_proto) X(function_ctor) X(array_ctor) X(regexp_ctor) X(promise_ctor) \
    X(array_buffer_ctor) X(shared_array_buffer_ctor) X(typed_array_ctor) \
    X(iterator_proto) X(async_iterator_proto) X(array_proto_values) X(throw_type_error) \
    X(eval_obj) X(global_obj) X(global_var_obj) X(oom_error)

void wf_context_gc_mark(JSRuntime *rt, JSGCObjectHeader *h, JS_MarkFunc *mark_func)
{
    JSContext *ctx = (JSContext *)h;
    int i;
    wf_module_gc_mark(rt, ctx, mark_func);     /* module.c: values held by modules */
    if (ctx->class_proto) {
        for (i = 0; i < rt->class_count; i++)
            wf_gc_mark_value(rt, ctx->class_proto[i], mark_func);
    }
    for (i = 0; i < JS_NATIVE_ERROR_COUNT; i++)
        wf_gc_mark_value(rt, ctx->native_error_proto[i], mark_func);
#define MARK(f) wf_gc_mark_value(rt, ctx->f, mark_func);
    CTX_VALUES(MARK)
#undef MARK
    for (i = 0; i < (int)(sizeof(ctx->typed_array_ctors) / sizeof(JSValue)); i++)
        wf_gc_mark_value(rt, ctx->typed_array_ctors[i], mark_func);
}

void wf_context_gc_free(JSRuntime *rt, JSGCObjectHeader *h)
{
    JSContext *ctx = (JSContext *)h;
    JSValue *cp = ctx->class_proto;
    int i;

    if (ctx->link.next) {
        list_del(&ctx->link);
        ctx->link.next = ctx->link.prev = NULL;
    }
    wf_module_free_all(ctx);                    /* module.c */
    /* clear every slot before releasing: finalizers may look at ctx */
#define FREE(f) { JSValue v = ctx->f; ctx->f = JS_UNDEFINED; JS_FreeValueRT(rt, v); }
    CTX_VALUES(FREE)
#undef FREE
    for (i = 0; i < (int)(sizeof(ctx->typed_array_ctors) / sizeof(JSValue)); i++) {
        JSValue v = ctx->typed_array_ctors[i];
        ctx->typed_array_ctors[i] = JS_UNDEFINED;
        JS_FreeValueRT(rt, v);
    }
    for (i = 0; i < JS_NATIVE_ERROR_COUNT; i++) {
        JSValue v = ctx->native_error_proto[i];
        ctx->native_error_proto[i] = JS_UNDEFINED;
        JS_FreeValueRT(rt, v);
    }
    if (cp) {
        int n = rt->class_count;
        ctx->class_proto = NULL;
        for (i = 0; i < n; i++)
            JS_FreeValueRT(rt, cp[i]);
        js_free_rt(rt, cp);
    }
}

/* ------------------------------------------------------------------ */
/* Context creation */

static JSValue function_proto_call(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv)
{
    (void)ctx;
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_UNDEFINED;
}

static uint64_t mix64(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Object.prototype, Function.prototype, the global object. */
static int context_init_basics(JSContext *ctx)
{
    JSObject *op, *fp, *g, *gv;
    JSClassID fclasses[] = { JS_CLASS_C_FUNCTION, JS_CLASS_BYTECODE_FUNCTION,
                             JS_CLASS_BOUND_FUNCTION, JS_CLASS_C_FUNCTION_DATA };

    op = wf_obj_new_ptr(ctx, NULL, JS_CLASS_OBJECT);
    if (!op)
        return -1;
    op->is_immutable_proto = 1;
    ctx->class_proto[JS_CLASS_OBJECT] = JS_MKPTR(JS_TAG_OBJECT, op);

    fp = wf_obj_new_ptr(ctx, op, JS_CLASS_C_FUNCTION);
    if (!fp)
        return -1;
    fp->u.cfunc.realm = ctx;
    fp->u.cfunc.c_function.generic = function_proto_call;
    fp->u.cfunc.length = 0;
    fp->u.cfunc.cproto = JS_CFUNC_generic;
    fp->u.cfunc.magic = 0;
    fp->is_callable = 1;
    ctx->function_proto = JS_MKPTR(JS_TAG_OBJECT, fp);
    for (size_t i = 0; i < sizeof(fclasses) / sizeof(fclasses[0]); i++)
        ctx->class_proto[fclasses[i]] = JS_DupValue(ctx, ctx->function_proto);

    g = wf_obj_new_ptr(ctx, op, JS_CLASS_OBJECT);
    if (!g)
        return -1;
    ctx->global_obj = JS_MKPTR(JS_TAG_OBJECT, g);
    gv = wf_obj_new_ptr(ctx, NULL, JS_CLASS_OBJECT);
    if (!gv)
        return -1;
    ctx->global_var_obj = JS_MKPTR(JS_TAG_OBJECT, gv);
    return 0;
}

typedef int InitFunc(JSContext *ctx);

static JSContext *context_new(JSRuntime *rt, bool raw);

/* The order of builtins/builtins.h. */
static InitFunc *const base_inits[] = {
    wf_init_object, wf_init_function, wf_init_error, wf_init_symbol, wf_init_iterator,
    wf_init_generator,
    wf_init_array, wf_init_string, wf_init_number, wf_init_boolean, wf_init_math,
    wf_init_reflect,
};

static int run_inits(JSContext *ctx, InitFunc *const *tab, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (tab[i](ctx) < 0)
            return -1;
    }
    return 0;
}

/* The intrinsics are all reachable from the new context, so a collection
   while they are made would find no garbage of theirs (JS_NewContext makes
   ~150 KB of cells): the GC trigger is suspended meanwhile. */
JSContext *wf_context_new(JSRuntime *rt, bool raw)
{
    size_t saved = wf_gc_suspend(rt);
    JSContext *ctx = context_new(rt, raw);
    wf_gc_resume(rt, saved);
    return ctx;
}

static JSContext *context_new(JSRuntime *rt, bool raw)
{
    JSContext *ctx;
    int i;

    ctx = js_mallocz_rt(rt, sizeof(JSContext));
    if (!ctx)
        return NULL;
    ctx->rt = rt;
    init_list_head(&ctx->loaded_modules);   /* module.c */
    ctx->class_proto = js_malloc_rt(rt, sizeof(JSValue) * (size_t)rt->class_count);
    if (!ctx->class_proto) {
        js_free_rt(rt, ctx);
        return NULL;
    }
    for (i = 0; i < rt->class_count; i++)
        ctx->class_proto[i] = JS_NULL;
    for (i = 0; i < JS_NATIVE_ERROR_COUNT; i++)
        ctx->native_error_proto[i] = JS_UNDEFINED;
#define INIT(f) ctx->f = JS_UNDEFINED;
    CTX_VALUES(INIT)
#undef INIT
    for (i = 0; i < (int)(sizeof(ctx->typed_array_ctors) / sizeof(JSValue)); i++)
        ctx->typed_array_ctors[i] = JS_UNDEFINED;
    ctx->random_state[0] = mix64((uint64_t)(uintptr_t)ctx ^ (uint64_t)time(NULL));
    ctx->random_state[1] = mix64(ctx->random_state[0] ^ (uint64_t)(uintptr_t)rt);
    ctx->interrupt_counter = WF_INTERRUPT_COUNTER_INIT;
    ctx->is_raw = raw;
    wf_gc_add(rt, &ctx->header, WF_GC_CONTEXT);
    list_add_tail(&ctx->link, &rt->context_list);

    if (context_init_basics(ctx))
        goto fail;
    if (!raw) {
        if (JS_AddIntrinsicBaseObjects(ctx) < 0 || JS_AddIntrinsicJSON(ctx) < 0 ||
            JS_AddIntrinsicDate(ctx) < 0 || JS_AddPerformance(ctx) < 0 ||
            JS_AddIntrinsicMapSet(ctx) < 0 || JS_AddIntrinsicRegExp(ctx) < 0 ||
            JS_AddIntrinsicProxy(ctx) < 0 || JS_AddIntrinsicBigInt(ctx) < 0 ||
            JS_AddIntrinsicTypedArrays(ctx) < 0 || JS_AddIntrinsicPromise(ctx) < 0)
            goto fail;
        /* globalThis & co. last: they see every constructor */
        if (wf_init_global(ctx) < 0 || wf_init_structuredclone(ctx) < 0)
            goto fail;
    }
    return ctx;
fail:
    JS_FreeValueRT(rt, JS_GetException(ctx));
    JS_FreeContext(ctx);
    return NULL;
}

JSContext *JS_NewContext(JSRuntime *rt)
{
    return wf_context_new(rt, false);
}

JSContext *JS_NewContextRaw(JSRuntime *rt)
{
    return wf_context_new(rt, true);
}

/* Object, Function, Error, Symbol, Iterator, Array, String, Number, Boolean,
   Math and the global functions.  In a full context the global functions
   are added by wf_context_new after the other families. */
int JS_AddIntrinsicBaseObjects(JSContext *ctx)
{
    if (run_inits(ctx, base_inits, sizeof(base_inits) / sizeof(base_inits[0])) < 0)
        return -1;
    if (wf_error_init_oom(ctx) < 0)
        return -1;
    if (ctx->is_raw)
        return wf_init_global(ctx);
    return 0;
}

int JS_AddIntrinsicJSON(JSContext *ctx)
{
    return wf_init_json(ctx);
}

int JS_AddIntrinsicMapSet(JSContext *ctx)
{
    if (wf_init_mapset(ctx) < 0 || wf_init_weak(ctx) < 0)
        return -1;
    return wf_init_weakref(ctx);
}

/* Families that do not exist yet: their owners replace these bodies (and
   add the call to wf_context_new) when they land.  Until then they add
   nothing and succeed. */
int JS_AddIntrinsicDate(JSContext *ctx) { return wf_init_date(ctx); }
int JS_AddIntrinsicEval(JSContext *ctx) { (void)ctx; return 0; }
int JS_AddIntrinsicRegExpCompiler(JSContext *ctx) { (void)ctx; return 0; }
int JS_AddIntrinsicRegExp(JSContext *ctx) { return wf_init_regexp(ctx); }
int JS_AddIntrinsicProxy(JSContext *ctx) { return wf_init_proxy(ctx); }
int JS_AddIntrinsicTypedArrays(JSContext *ctx)
{
    if (wf_init_arraybuffer(ctx) < 0 || wf_init_typedarray(ctx) < 0 ||
        wf_init_dataview(ctx) < 0)
        return -1;
    return wf_init_atomics(ctx);
}
int JS_AddIntrinsicPromise(JSContext *ctx) { return wf_init_promise(ctx); }
int JS_AddIntrinsicBigInt(JSContext *ctx) { return wf_init_bigint(ctx); }
int JS_AddIntrinsicWeakRef(JSContext *ctx) { return wf_init_weakref(ctx); }
int JS_AddPerformance(JSContext *ctx) { return wf_init_performance(ctx); }

void JS_FreeContext(JSContext *ctx)
{
    if (!ctx)
        return;
    wf_gc_release(ctx->rt, &ctx->header);
}

JSContext *JS_DupContext(JSContext *ctx)
{
    ctx->header.ref_count++;
    return ctx;
}

void *JS_GetContextOpaque(JSContext *ctx)
{
    return ctx->user_opaque;
}

void JS_SetContextOpaque(JSContext *ctx, void *opaque)
{
    ctx->user_opaque = opaque;
}

JSRuntime *JS_GetRuntime(JSContext *ctx)
{
    return ctx->rt;
}

/* Consumes obj. */
void JS_SetClassProto(JSContext *ctx, JSClassID class_id, JSValue obj)
{
    JSValue old;
    if (class_id >= (JSClassID)ctx->rt->class_count) {
        JS_FreeValue(ctx, obj);
        return;
    }
    old = ctx->class_proto[class_id];
    ctx->class_proto[class_id] = obj;
    JS_FreeValue(ctx, old);
}

JSValue JS_GetClassProto(JSContext *ctx, JSClassID class_id)
{
    if (class_id >= (JSClassID)ctx->rt->class_count)
        return JS_NULL;
    return JS_DupValue(ctx, ctx->class_proto[class_id]);
}

JSValue JS_GetFunctionProto(JSContext *ctx)
{
    return JS_DupValue(ctx, ctx->function_proto);
}

JSValue JS_GetGlobalObject(JSContext *ctx)
{
    return JS_DupValue(ctx, ctx->global_obj);
}
