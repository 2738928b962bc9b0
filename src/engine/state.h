/*
 * state.h - the runtime (one per thread at a time) and its contexts (realms).
 *
 * A JSRuntime owns the allocator accounting, atoms, shapes, classes, the GC
 * lists, the pending exception and the interpreter's frame chain.  A
 * JSContext is a realm: its global object and intrinsics.  Nothing here is
 * shared between runtimes; see docs/ARCHITECTURE.md "Threading model".
 *
 * Fields are grouped by the module that owns them; other modules read them
 * but change them only through the owner's functions.
 */
#ifndef WF_STATE_H
#define WF_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include "quickjs.h"
#include "engine/list.h"
#include "engine/gc.h"
#include "engine/atom.h"

enum {
    JS_CLASS_INVALID = 0,
#define DEF(id, name) JS_CLASS_##id,
#include "engine/classes.def"
#undef DEF
    JS_CLASS_INIT_COUNT,  /* first id handed out by JS_NewClassID */
};

typedef enum JSErrorEnum {
    JS_EVAL_ERROR,
    JS_RANGE_ERROR,
    JS_REFERENCE_ERROR,
    JS_SYNTAX_ERROR,
    JS_TYPE_ERROR,
    JS_URI_ERROR,
    JS_INTERNAL_ERROR,
    JS_AGGREGATE_ERROR,
    JS_NATIVE_ERROR_COUNT,
    JS_PLAIN_ERROR = JS_NATIVE_ERROR_COUNT,  /* plain Error, for wf_throw_error */
} JSErrorEnum;

/* The internal methods JSClassExoticMethods has no slot for (Proxy, module
   namespaces).  A NULL member means the ordinary algorithm.  Installed with
   wf_class_set_object_hooks (object.h). */
typedef struct WFObjectHooks {
    JSValue (*get_prototype_of)(JSContext *ctx, JSValueConst obj);   /* new ref, JS_NULL, or JS_EXCEPTION */
    int (*set_prototype_of)(JSContext *ctx, JSValueConst obj, JSValueConst proto); /* -1, false, true */
    int (*is_extensible)(JSContext *ctx, JSValueConst obj);          /* -1, false, true */
    int (*prevent_extensions)(JSContext *ctx, JSValueConst obj);     /* -1, false, true */
    int (*is_array)(JSContext *ctx, JSValueConst obj);               /* IsArray: -1, false, true */
} WFObjectHooks;

struct JSClass {
    JSAtom class_name;              /* 0: slot unused */
    JSClassFinalizer *finalizer;
    JSClassGCMark *gc_mark;
    JSClassCall *call;              /* non-NULL: objects of this class are callable */
    const JSClassExoticMethods *exotic;
    const WFObjectHooks *obj_hooks; /* NULL: ordinary [[GetPrototypeOf]] etc. */
};

struct JSStackFrame;                /* interpreter frame, engine/function.h */
struct JSShape;

#define WF_MEM_CACHE_CLASSES 16     /* mem.c: small-block cache size classes */

struct JSRuntime {
    /* mem.c */
    JSMallocFunctions mf;
    JSMallocState malloc_state;
    const char *rt_info;            /* JS_SetRuntimeInfo, not owned */
    uint64_t dump_flags;
    bool mem_size_header;           /* allocator has no usable_size: we prefix a size word */
    void *mem_cache[WF_MEM_CACHE_CLASSES]; /* freed small blocks kept for reuse, by size class (mem.c) */
    size_t mem_cache_bytes;         /* bytes in mem_cache (not counted in malloc_state) */
    uint8_t mem_cache_mode;         /* 0 not decided yet, 1 cache on, 2 off (mem.c) */

    /* atom.c */
    int atom_hash_size;             /* power of two */
    int atom_count;                 /* atoms in use */
    int atom_size;                  /* capacity of atom_array */
    int atom_count_resize;          /* grow the hash when atom_count passes it */
    uint32_t *atom_hash;
    struct JSString **atom_array;   /* index = JSAtom; free slots form a list */
    int atom_free_index;            /* 0: no free slot */

    /* object.c (class table) */
    int class_count;
    JSClass *class_array;

    /* gc.c */
    struct list_head gc_obj_list;
    struct list_head gc_zero_ref_count_list;
    struct list_head tmp_obj_list;  /* collector work list */
    uint8_t gc_phase;               /* WF_GC_PHASE_* in gc.c */
    size_t malloc_gc_threshold;

    /* shape.c: hash of shared shapes */
    int shape_hash_bits;
    int shape_hash_size;
    int shape_hash_count;
    struct JSShape **shape_hash;

    /* context.c */
    struct list_head context_list;

    /* stack limits (JS_SetMaxStackSize / JS_UpdateStackTop) */
    uintptr_t stack_size;           /* 0: no limit */
    uintptr_t stack_top;
    uintptr_t stack_limit;          /* lowest allowed address */

    /* error.c: the pending exception */
    JSValue current_exception;
    bool current_exception_is_uncatchable;
    bool in_out_of_memory;          /* building the OOM error must not allocate */

    /* interp.c */
    struct JSStackFrame *current_stack_frame;
    struct WFVMStack *vm_stack;     /* frames of running bytecode (interp.c); NULL until the first call */
    JSInterruptHandler *interrupt_handler;
    void *interrupt_opaque;
    bool can_block;                 /* Atomics.wait allowed (host's CanBlock) */

    /* sab.c: JS_SetSharedArrayBufferFunctions (sab_alloc NULL: default stores) */
    JSSharedArrayBufferFunctions sab_funcs;
    /* atomics_wait.c: this runtime's waits; guarded by the waiter-table mutex */
    struct WFAtomicsAgent *atomics_agent;

    /* job queue (promise jobs), job.c */
    struct list_head job_list;
    JSHostPromiseRejectionTracker *promise_tracker;   /* builtins/promise.c */
    void *promise_tracker_opaque;

    /* gc.c: targets of weak references (WeakMap/WeakSet keys, WeakRef and
       FinalizationRegistry targets and tokens), and the kept objects */
    struct WFWeakTarget **weak_target_hash;
    uint32_t weak_target_hash_size;     /* power of two, 0: none yet */
    uint32_t weak_target_count;
    JSValue *kept_objs;                 /* AddToKeptObjects, counted */
    uint32_t kept_count;
    uint32_t kept_size;
    /* builtins/weakref.c: registries with cleared cells and no cleanup job queued */
    struct list_head fr_pending_list;
    /* regexp/re_rt.c: recently compiled patterns, shared between RegExp objects */
    struct WFRegexpCache *regexp_cache;

    /* builtins/date_tz.c: recently computed local time-zone offsets
       (localtime_r costs about a microsecond); all zero means empty */
    int64_t date_tz_cache[6];

    void *user_opaque;              /* JS_SetRuntimeOpaque */
    void *host_state;               /* runtime layer's per-thread state (src/runtime/runtime.h) */

    /* module.c: host module loader (JS_SetModuleLoaderFunc[2]) */
    JSModuleNormalizeFunc *module_normalize;
    JSModuleLoaderFunc *module_loader;
    JSModuleLoaderFunc2 *module_loader2;
    JSModuleCheckSupportedImportAttributes *module_check_attrs;
    void *module_loader_opaque;
};

struct JSContext {
    JSGCObjectHeader header;        /* contexts are GC cells (WF_GC_CONTEXT) */
    JSRuntime *rt;
    struct list_head link;          /* rt->context_list */

    JSValue *class_proto;           /* [rt->class_count]: intrinsic prototypes */
    JSValue function_proto;
    JSValue function_ctor;
    JSValue array_ctor;
    JSValue regexp_ctor;
    JSValue promise_ctor;
    JSValue array_buffer_ctor;      /* %ArrayBuffer% (builtins/arraybuffer.c) */
    JSValue shared_array_buffer_ctor; /* %SharedArrayBuffer% (builtins/arraybuffer.c) */
    JSValue typed_array_ctor;       /* %TypedArray% (builtins/typedarray.c) */
    JSValue typed_array_ctors[JS_CLASS_FLOAT64_ARRAY - JS_CLASS_UINT8C_ARRAY + 1]; /* %Int8Array%...: JSTypedArrayEnum order */
    JSValue native_error_proto[JS_NATIVE_ERROR_COUNT];
    JSValue iterator_proto;         /* %IteratorPrototype% */
    JSValue async_iterator_proto;
    JSValue array_proto_values;     /* %Array.prototype.values% */
    JSValue throw_type_error;       /* %ThrowTypeError% */
    JSValue eval_obj;               /* %eval%, to recognise direct eval */
    JSValue global_obj;
    JSValue global_var_obj;         /* global lexical bindings (let/const/class) */

    JSValue oom_error;              /* preallocated uncatchable InternalError("out of memory") */

    uint64_t random_state[2];       /* Math.random */
    int interrupt_counter;          /* counts down in the interpreter */
    bool is_raw;                    /* JS_NewContextRaw */
    struct list_head loaded_modules;/* module.c: JSModuleDef records */
    bool module_json_pending;       /* module.c: the host is loading a JSON module */
    void *user_opaque;              /* JS_SetContextOpaque */
};

/* Stack overflow check: true if 'alloca_size' more bytes of C stack would
   pass the runtime's limit.  Used by every recursive path (interpreter
   calls, parser, JSON, inspect...). */
static inline bool wf_check_stack_overflow(JSRuntime *rt, size_t alloca_size)
{
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0) - alloca_size;
    return js_unlikely(sp < rt->stack_limit);
}

/* context.c */
JSContext *wf_context_new(JSRuntime *rt, bool raw);
/* job.c: drop the jobs that never ran (runtime tear-down). */
void wf_job_free_all(JSRuntime *rt);
JSValue *wf_job_enqueue_slots(JSContext *ctx, JSJobFunc *job_func, int argc);
/* mem.c: the C library allocator used by JS_NewRuntime. */
const JSMallocFunctions *wf_mem_default_funcs(void);
/* mem.c: give the small-block cache back to the allocator (runtime
   tear-down, before the leak report). */
void wf_mem_cache_flush(JSRuntime *rt);
/* mem.c: blocks that leave a runtime (serialize.c).  wf_mem_disown stops
   counting a block of rt; the WFMemOwner (wf_mem_owner_get) then frees it
   without a runtime (wf_mem_owner_free), or a runtime with the same
   allocator (wf_mem_same_owner) counts it again (wf_mem_adopt: -1 when
   that passes its memory limit, nothing changed). */
typedef struct WFMemOwner {
    JSMallocFunctions mf;
    void *opaque;                   /* the allocator's opaque (JS_NewRuntime2) */
    bool size_header;               /* blocks carry mem.c's size prefix */
} WFMemOwner;
void wf_mem_owner_get(JSRuntime *rt, WFMemOwner *o);
void wf_mem_disown(JSRuntime *rt, void *ptr);
bool wf_mem_same_owner(JSRuntime *rt, const WFMemOwner *o);
int wf_mem_adopt(JSRuntime *rt, void *ptr);
void wf_mem_owner_free(const WFMemOwner *o, void *ptr);

/* Intrinsic prototype for a class, borrowed. */
static inline JSValueConst wf_class_proto(JSContext *ctx, JSClassID id)
{
    return ctx->class_proto[id];
}

#endif /* WF_STATE_H */
