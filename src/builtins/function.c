/*
 * function.c - C function objects and the Function built-ins
 * (ECMA-262 10.3 built-in function objects, 10.4.1 bound function exotic
 * objects, 20.2 Function objects, 10.2.4.1 %ThrowTypeError%).
 *
 * Owns the classes C_FUNCTION, C_FUNCTION_DATA and BOUND_FUNCTION (their
 * call hooks, finalizers and GC marks), the public C function API
 * (JS_NewCFunction2/3, JS_NewCFunctionData, JS_SetConstructor,
 * JS_SetPropertyFunctionList) and the helpers the other families use to
 * register themselves (wf_define_ctor, wf_this_class).
 *
 * Bytecode functions belong to the interpreter (engine/function.c); this file
 * only asks it for their source text and for `new Function(...)`.
 */
#include <math.h>
#include <string.h>
#include "builtins/builtins.h"
#include "engine/interp.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Arguments beyond this many padded slots go to the heap. */
#define CFUNC_STACK_ARGS 16
/* Upper bound on the argument count of apply / bound calls: keeps one call
   from asking for gigabytes of argument slots. */
#define MAX_CALL_ARGS 65535

/* [[BoundTargetFunction]], [[BoundThis]], [[BoundArguments]]. */
typedef struct JSBoundFunction {
    JSValue func_obj;
    JSValue this_val;
    int argc;
    JSValue argv[];
} JSBoundFunction;

/* JS_NewCFunctionData: the function plus its captured values. */
typedef struct WFCFuncData {
    JSContext *realm;           /* not counted, as u.cfunc.realm */
    JSCFunctionData *func;
    uint8_t length;
    uint8_t data_len;
    int16_t magic;
    JSValue data[];
} WFCFuncData;

/* ---------------------------------------------------------------------- */
/* Property helpers                                                        */

static int def_value(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValue val, int flags)
{
    return wf_obj_define_value(ctx, obj, atom, val,
                               flags | JS_PROP_HAS_VALUE | JS_PROP_HAS_WRITABLE |
                               JS_PROP_HAS_ENUMERABLE | JS_PROP_HAS_CONFIGURABLE |
                               JS_PROP_THROW);
}

/* def_value for a property a C function object made here cannot have yet
   (its length, then its name): no descriptor validation needed.  val
   consumed. */
static int add_fresh_value(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValue val, int flags)
{
    JSProperty *pr = wf_obj_add_property(ctx, wf_obj(obj), atom, flags);
    if (!pr) {
        JS_FreeValue(ctx, val);
        return -1;
    }
    pr->u.value = val;
    return 0;
}

static int def_getset(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValueConst getter,
                      JSValueConst setter, int flags)
{
    return wf_obj_define(ctx, obj, atom, JS_UNDEFINED, getter, setter,
                         (flags & (JS_PROP_CONFIGURABLE | JS_PROP_ENUMERABLE)) |
                         JS_PROP_HAS_GET | JS_PROP_HAS_SET | JS_PROP_HAS_ENUMERABLE |
                         JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW);
}

static bool is_cproto_constructor(int cproto)
{
    return cproto == JS_CFUNC_constructor || cproto == JS_CFUNC_constructor_magic ||
           cproto == JS_CFUNC_constructor_or_func ||
           cproto == JS_CFUNC_constructor_or_func_magic;
}

/* ---------------------------------------------------------------------- */
/* Calling C functions                                                     */

/* Pads argv with undefined up to 'length' slots.  Returns the array to use:
   argv itself, the caller's stack buffer, or a heap block stored in *pheap
   (freed by the caller).  NULL on allocation failure. */
static JSValueConst *pad_args(JSContext *ctx, int argc, JSValueConst *argv, int length,
                              JSValue *stack_buf, JSValue **pheap)
{
    JSValue *buf;
    int i;

    *pheap = NULL;
    if (argc >= length)
        return argv ? argv : stack_buf;   /* NULL would read as an allocation failure */
    if (length <= CFUNC_STACK_ARGS) {
        buf = stack_buf;
    } else {
        buf = js_malloc(ctx, sizeof(JSValue) * (size_t)length);
        if (!buf)
            return NULL;
        *pheap = buf;
    }
    for (i = 0; i < argc; i++)
        buf[i] = argv[i];
    for (; i < length; i++)
        buf[i] = JS_UNDEFINED;
    return buf;
}

static JSValue cfunc_call(JSContext *caller_ctx, JSValueConst func_obj, JSValueConst this_val,
                          int argc, JSValueConst *argv, int flags)
{
    JSObject *p = wf_obj(func_obj);
    JSContext *ctx = p->u.cfunc.realm ? p->u.cfunc.realm : caller_ctx;
    JSRuntime *rt = ctx->rt;
    JSCFunctionType f = p->u.cfunc.c_function;
    int magic = p->u.cfunc.magic;
    JSValue stack_buf[CFUNC_STACK_ARGS];
    JSValue *heap_args;
    JSValueConst *args;
    JSValueConst this_obj = this_val;
    JSStackFrame sf;
    JSValue ret;
    double d1, d2;

    if (wf_check_stack_overflow(rt, 0))
        return wf_throw_stack_overflow(caller_ctx);
    args = pad_args(caller_ctx, argc, argv, p->u.cfunc.length, stack_buf, &heap_args);
    if (!args)
        return JS_EXCEPTION;
    wf_frame_push_native(rt, &sf, func_obj);
    sf.realm = ctx;

    switch (p->u.cfunc.cproto) {
    case JS_CFUNC_constructor:
    case JS_CFUNC_constructor_or_func:
        if (!(flags & JS_CALL_FLAG_CONSTRUCTOR)) {
            if (p->u.cfunc.cproto == JS_CFUNC_constructor) {
            must_use_new:
                ret = JS_ThrowTypeError(ctx, "constructor requires 'new'");
                break;
            }
            this_obj = JS_UNDEFINED;
        }
        /* this_obj is new_target here */
        ret = f.constructor(ctx, this_obj, argc, args);
        break;
    case JS_CFUNC_constructor_magic:
    case JS_CFUNC_constructor_or_func_magic:
        if (!(flags & JS_CALL_FLAG_CONSTRUCTOR)) {
            if (p->u.cfunc.cproto == JS_CFUNC_constructor_magic)
                goto must_use_new;
            this_obj = JS_UNDEFINED;
        }
        ret = f.constructor_magic(ctx, this_obj, argc, args, magic);
        break;
    case JS_CFUNC_generic:
        ret = f.generic(ctx, this_obj, argc, args);
        break;
    case JS_CFUNC_generic_magic:
        ret = f.generic_magic(ctx, this_obj, argc, args, magic);
        break;
    case JS_CFUNC_getter:
        ret = f.getter(ctx, this_obj);
        break;
    case JS_CFUNC_setter:
        ret = f.setter(ctx, this_obj, argc > 0 ? args[0] : JS_UNDEFINED);
        break;
    case JS_CFUNC_getter_magic:
        ret = f.getter_magic(ctx, this_obj, magic);
        break;
    case JS_CFUNC_setter_magic:
        ret = f.setter_magic(ctx, this_obj, argc > 0 ? args[0] : JS_UNDEFINED, magic);
        break;
    case JS_CFUNC_f_f:
        if (wf_to_number(ctx, &d1, argc > 0 ? args[0] : JS_UNDEFINED) < 0) {
            ret = JS_EXCEPTION;
            break;
        }
        ret = JS_NewFloat64(ctx, f.f_f(d1));
        break;
    case JS_CFUNC_f_f_f:
        if (wf_to_number(ctx, &d1, argc > 0 ? args[0] : JS_UNDEFINED) < 0 ||
            wf_to_number(ctx, &d2, argc > 1 ? args[1] : JS_UNDEFINED) < 0) {
            ret = JS_EXCEPTION;
            break;
        }
        ret = JS_NewFloat64(ctx, f.f_f_f(d1, d2));
        break;
    case JS_CFUNC_iterator_next: {
        int done = 0;
        ret = f.iterator_next(ctx, this_obj, argc, args, &done, magic);
        /* done == 2: the function built the result object itself */
        if (!JS_IsException(ret) && done != 2)
            ret = wf_iter_result(ctx, ret, done != 0);
        break;
    }
    default:
        ret = JS_ThrowInternalError(ctx, "bad C function kind %d", p->u.cfunc.cproto);
        break;
    }

    wf_frame_pop_native(rt, &sf);
    if (heap_args)
        js_free(caller_ctx, heap_args);
    return ret;
}

static JSValue cfunc_data_call(JSContext *caller_ctx, JSValueConst func_obj, JSValueConst this_val,
                               int argc, JSValueConst *argv, int flags)
{
    JSObject *p = wf_obj(func_obj);
    WFCFuncData *d = p->u.ptr;
    JSContext *ctx = d->realm ? d->realm : caller_ctx;
    JSRuntime *rt = ctx->rt;
    JSValue stack_buf[CFUNC_STACK_ARGS];
    JSValue *heap_args;
    JSValueConst *args;
    JSStackFrame sf;
    JSValue ret;

    (void)flags;  /* a constructor (JS_SetConstructorBit) gets new_target as this */
    if (wf_check_stack_overflow(rt, 0))
        return wf_throw_stack_overflow(caller_ctx);
    args = pad_args(caller_ctx, argc, argv, d->length, stack_buf, &heap_args);
    if (!args)
        return JS_EXCEPTION;
    wf_frame_push_native(rt, &sf, func_obj);
    sf.realm = ctx;
    ret = d->func(ctx, this_val, argc, args, d->magic, d->data);
    wf_frame_pop_native(rt, &sf);
    if (heap_args)
        js_free(caller_ctx, heap_args);
    return ret;
}

static void cfunc_data_finalizer(JSRuntime *rt, JSValueConst val)
{
    WFCFuncData *d = wf_obj(val)->u.ptr;
    int i;

    if (!d)
        return;
    for (i = 0; i < d->data_len; i++)
        JS_FreeValueRT(rt, d->data[i]);
    js_free_rt(rt, d);
    wf_obj(val)->u.ptr = NULL;
}

static void cfunc_data_gc_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    WFCFuncData *d = wf_obj(val)->u.ptr;
    int i;

    if (!d)
        return;
    for (i = 0; i < d->data_len; i++)
        JS_MarkValue(rt, d->data[i], mark_func);
}

/* [[Call]] and [[Construct]] of bound function exotic objects (10.4.1.1-2). */
static JSValue bound_call(JSContext *ctx, JSValueConst func_obj, JSValueConst this_val,
                          int argc, JSValueConst *argv, int flags)
{
    JSBoundFunction *bf = wf_obj(func_obj)->u.bound.bf;
    JSValue stack_buf[CFUNC_STACK_ARGS];
    JSValue *args;
    JSValueConst new_target;
    JSValue ret;
    int total, i;

    if (wf_check_stack_overflow(ctx->rt, 0))
        return wf_throw_stack_overflow(ctx);
    total = bf->argc + argc;
    if (total > MAX_CALL_ARGS)
        return JS_ThrowRangeError(ctx, "too many arguments in function call");
    if (total <= CFUNC_STACK_ARGS) {
        args = stack_buf;
    } else {
        args = js_malloc(ctx, sizeof(JSValue) * (size_t)total);
        if (!args)
            return JS_EXCEPTION;
    }
    for (i = 0; i < bf->argc; i++)
        args[i] = bf->argv[i];
    for (i = 0; i < argc; i++)
        args[bf->argc + i] = argv[i];

    if (flags & JS_CALL_FLAG_CONSTRUCTOR) {
        new_target = this_val;
        if (JS_IsObject(new_target) && wf_obj(new_target) == wf_obj(func_obj))
            new_target = bf->func_obj;
        ret = wf_construct(ctx, bf->func_obj, new_target, total, args);
    } else {
        ret = wf_call(ctx, bf->func_obj, bf->this_val, total, args);
    }
    if (args != stack_buf)
        js_free(ctx, args);
    return ret;
}

static void bound_finalizer(JSRuntime *rt, JSValueConst val)
{
    JSBoundFunction *bf = wf_obj(val)->u.bound.bf;
    int i;

    if (!bf)
        return;
    JS_FreeValueRT(rt, bf->func_obj);
    JS_FreeValueRT(rt, bf->this_val);
    for (i = 0; i < bf->argc; i++)
        JS_FreeValueRT(rt, bf->argv[i]);
    js_free_rt(rt, bf);
    wf_obj(val)->u.bound.bf = NULL;
}

static void bound_gc_mark(JSRuntime *rt, JSValueConst val, JS_MarkFunc *mark_func)
{
    JSBoundFunction *bf = wf_obj(val)->u.bound.bf;
    int i;

    if (!bf)
        return;
    JS_MarkValue(rt, bf->func_obj, mark_func);
    JS_MarkValue(rt, bf->this_val, mark_func);
    for (i = 0; i < bf->argc; i++)
        JS_MarkValue(rt, bf->argv[i], mark_func);
}

/* The hooks are per runtime; installing them again is harmless, so every
   path that makes a function object of these classes makes sure they are
   there (a context made with JS_NewContextRaw may create C functions before
   wf_init_function runs). */
void wf_cfunc_init_classes(JSRuntime *rt)
{
    wf_class_set_hooks(rt, JS_CLASS_C_FUNCTION, NULL, NULL, cfunc_call, NULL);
    wf_class_set_hooks(rt, JS_CLASS_C_FUNCTION_DATA, cfunc_data_finalizer,
                       cfunc_data_gc_mark, cfunc_data_call, NULL);
    wf_class_set_hooks(rt, JS_CLASS_BOUND_FUNCTION, bound_finalizer, bound_gc_mark,
                       bound_call, NULL);
}

static inline void ensure_classes(JSRuntime *rt)
{
    if (js_unlikely(rt->class_array[JS_CLASS_C_FUNCTION].call != cfunc_call))
        wf_cfunc_init_classes(rt);
}

/* Target of a bound function (borrowed), for GetFunctionRealm and friends. */
JSValueConst wf_bound_function_target(JSObject *p)
{
    return p->u.bound.bf ? p->u.bound.bf->func_obj : JS_UNDEFINED;
}

/* ---------------------------------------------------------------------- */
/* Names and lengths                                                       */

/* The value of a function's `name` for property key name (SetFunctionName). */
static JSValue func_name_str(JSContext *ctx, JSAtom name, const char *prefix)
{
    JSValue str, desc;

    if (name != JS_ATOM_NULL && wf_atom_is_symbol(ctx->rt, name)) {
        if (wf_atom_is_private(ctx->rt, name)) {
            str = JS_AtomToString(ctx, name);
        } else {
            WFStringBuilder sb;
            desc = wf_symbol_description(ctx, name);
            if (JS_IsException(desc))
                return JS_EXCEPTION;
            if (JS_IsUndefined(desc)) {
                str = wf_str_empty(ctx);
            } else {
                wf_sb_init(ctx, &sb, 16);
                wf_sb_putc(&sb, '[');
                wf_sb_put_value(&sb, desc);
                wf_sb_putc(&sb, ']');
                str = wf_sb_finish(&sb);
            }
            JS_FreeValue(ctx, desc);
        }
    } else if (name == JS_ATOM_NULL) {
        str = wf_str_empty(ctx);
    } else {
        str = JS_AtomToString(ctx, name);
    }
    if (JS_IsException(str))
        return JS_EXCEPTION;
    if (prefix) {
        JSValue pre = wf_str_new_utf8(ctx, prefix, strlen(prefix));
        JSValue sp;
        if (JS_IsException(pre)) {
            JS_FreeValue(ctx, str);
            return JS_EXCEPTION;
        }
        sp = wf_str_new_char(ctx, ' ');
        if (JS_IsException(sp)) {
            JS_FreeValue(ctx, pre);
            JS_FreeValue(ctx, str);
            return JS_EXCEPTION;
        }
        pre = wf_str_concat(ctx, pre, sp);
        if (JS_IsException(pre)) {
            JS_FreeValue(ctx, str);
            return JS_EXCEPTION;
        }
        str = wf_str_concat(ctx, pre, str);
        if (JS_IsException(str))
            return JS_EXCEPTION;
    }
    return str;
}

int wf_func_set_name(JSContext *ctx, JSValueConst func, JSAtom name, const char *prefix)
{
    JSValue str = func_name_str(ctx, name, prefix);
    if (JS_IsException(str))
        return -1;
    return def_value(ctx, func, JS_ATOM_name, str, JS_PROP_CONFIGURABLE);
}

/* The same for a C function object made here, which has no name yet. */
static int cfunc_set_name(JSContext *ctx, JSValueConst func, JSAtom name, const char *prefix)
{
    JSValue str = func_name_str(ctx, name, prefix);
    if (JS_IsException(str))
        return -1;
    return add_fresh_value(ctx, func, JS_ATOM_name, str, JS_PROP_CONFIGURABLE);
}

int wf_func_set_length(JSContext *ctx, JSValueConst func, double length)
{
    return def_value(ctx, func, JS_ATOM_length, wf_number(length), JS_PROP_CONFIGURABLE);
}

/* ---------------------------------------------------------------------- */
/* Creating C functions                                                    */

/* A C function object with its `length` but no `name` yet. */
static JSValue cfunc_new_unnamed(JSContext *ctx, JSCFunctionType f, int length,
                                 JSCFunctionEnum cproto, int magic, JSValueConst proto)
{
    JSValue obj;
    JSObject *p;

    ensure_classes(ctx->rt);
    if (length < 0)
        length = 0;
    if (length > 255)
        length = 255;
    obj = wf_obj_new(ctx, proto, JS_CLASS_C_FUNCTION);
    if (JS_IsException(obj))
        return obj;
    p = wf_obj(obj);
    p->u.cfunc.realm = ctx;
    p->u.cfunc.c_function = f;
    p->u.cfunc.length = (uint8_t)length;
    p->u.cfunc.cproto = (uint8_t)cproto;
    p->u.cfunc.magic = (int16_t)magic;
    p->is_constructor = is_cproto_constructor(cproto);
    if (add_fresh_value(ctx, obj, JS_ATOM_length, JS_NewInt32(ctx, length),
                        JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue wf_cfunc_new(JSContext *ctx, JSCFunction *func, JSAtom name, int length,
                     JSCFunctionEnum cproto, int magic, JSValueConst proto)
{
    JSCFunctionType f;
    JSValue obj;

    f.generic = func;
    obj = cfunc_new_unnamed(ctx, f, length, cproto, magic, proto);
    if (JS_IsException(obj))
        return obj;
    if (cfunc_set_name(ctx, obj, name, NULL) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue JS_NewCFunction3(JSContext *ctx, JSCFunction *func, const char *name,
                         int length, JSCFunctionEnum cproto, int magic,
                         JSValueConst proto_val)
{
    JSCFunctionType f;
    JSValue obj, str;

    f.generic = func;
    obj = cfunc_new_unnamed(ctx, f, length, cproto, magic, proto_val);
    if (JS_IsException(obj))
        return obj;
    str = wf_str_new_utf8(ctx, name ? name : "", name ? strlen(name) : 0);
    if (JS_IsException(str) ||
        add_fresh_value(ctx, obj, JS_ATOM_name, str, JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

JSValue JS_NewCFunction2(JSContext *ctx, JSCFunction *func, const char *name,
                         int length, JSCFunctionEnum cproto, int magic)
{
    return JS_NewCFunction3(ctx, func, name, length, cproto, magic, ctx->function_proto);
}

JSValue JS_NewCFunctionData(JSContext *ctx, JSCFunctionData *func, int length,
                            int magic, int data_len, JSValueConst *data)
{
    JSValue obj;
    WFCFuncData *d;
    int i;

    ensure_classes(ctx->rt);
    if (data_len < 0 || data_len > 255)
        return JS_ThrowRangeError(ctx, "invalid function data length");
    if (length < 0)
        length = 0;
    if (length > 255)
        length = 255;
    d = js_malloc(ctx, sizeof(*d) + sizeof(JSValue) * (size_t)data_len);
    if (!d)
        return JS_EXCEPTION;
    d->realm = ctx;
    d->func = func;
    d->length = (uint8_t)length;
    d->data_len = (uint8_t)data_len;
    d->magic = (int16_t)magic;
    for (i = 0; i < data_len; i++)
        d->data[i] = JS_DupValue(ctx, data[i]);
    obj = wf_obj_new(ctx, ctx->function_proto, JS_CLASS_C_FUNCTION_DATA);
    if (JS_IsException(obj)) {
        for (i = 0; i < data_len; i++)
            JS_FreeValue(ctx, d->data[i]);
        js_free(ctx, d);
        return obj;
    }
    wf_obj(obj)->u.ptr = d;
    if (wf_func_set_length(ctx, obj, length) < 0 ||
        def_value(ctx, obj, JS_ATOM_name, wf_str_empty(ctx), JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

/* The captured values of a JS_NewCFunctionData function (its own array:
   a few engine closures use slots as mutable cells); NULL otherwise. */
JSValue *wf_cfunc_data(JSValueConst func)
{
    WFCFuncData *d;
    if (!JS_IsObject(func) || wf_obj(func)->class_id != JS_CLASS_C_FUNCTION_DATA)
        return NULL;
    d = wf_obj(func)->u.ptr;
    return d ? d->data : NULL;
}

void wf_func_set_constructor(JSContext *ctx, JSValueConst ctor, JSValueConst proto)
{
    if (!JS_IsObject(ctor))
        return;
    /* failures here can only be out-of-memory, which stays pending */
    if (def_value(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, proto), 0) < 0)
        return;
    if (JS_IsObject(proto))
        def_value(ctx, proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE);
    wf_obj(ctor)->is_constructor = 1;
}

int JS_SetConstructor(JSContext *ctx, JSValueConst func_obj, JSValueConst proto)
{
    if (!JS_IsObject(func_obj)) {
        JS_ThrowTypeError(ctx, "not an object");
        return -1;
    }
    if (def_value(ctx, func_obj, JS_ATOM_prototype, JS_DupValue(ctx, proto), 0) < 0)
        return -1;
    if (JS_IsObject(proto) &&
        def_value(ctx, proto, JS_ATOM_constructor, JS_DupValue(ctx, func_obj),
                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        return -1;
    wf_obj(func_obj)->is_constructor = 1;
    return 0;
}

JSValue wf_define_ctor(JSContext *ctx, JSCFunction *func, const char *name, int length,
                       JSCFunctionEnum cproto, int magic, JSValueConst proto)
{
    JSValue ctor;
    JSAtom atom;

    ctor = JS_NewCFunction3(ctx, func, name, length, cproto, magic, ctx->function_proto);
    if (JS_IsException(ctor))
        return ctor;
    wf_obj(ctor)->is_constructor = 1;
    if (JS_IsObject(proto)) {
        if (def_value(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, proto), 0) < 0 ||
            def_value(ctx, proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            goto fail;
    }
    atom = JS_NewAtom(ctx, name);
    if (atom == JS_ATOM_NULL)
        goto fail;
    if (def_value(ctx, ctx->global_obj, atom, JS_DupValue(ctx, ctor),
                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeAtom(ctx, atom);
        goto fail;
    }
    JS_FreeAtom(ctx, atom);
    return ctor;
fail:
    JS_FreeValue(ctx, ctor);
    return JS_EXCEPTION;
}

JSObject *wf_this_class(JSContext *ctx, JSValueConst this_val, JSClassID id, const char *method)
{
    if (JS_IsObject(this_val) && wf_obj(this_val)->class_id == id)
        return wf_obj(this_val);
    JS_ThrowTypeError(ctx, "%s called on an incompatible receiver", method);
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* JS_SetPropertyFunctionList                                              */

/* Atom for an entry name: "[Symbol.xxx]" names the well-known symbol. */
static JSAtom entry_atom(JSContext *ctx, const char *name)
{
    size_t len = strlen(name);

    if (len > 9 && name[0] == '[' && name[len - 1] == ']' &&
        memcmp(name + 1, "Symbol.", 7) == 0) {
        JSAtom a;
        for (a = JS_ATOM_Symbol_toPrimitive; a <= JS_ATOM_Symbol_asyncIterator; a++) {
            JSString *s = wf_atom_get_str(ctx->rt, a);
            uint32_t i;
            if (!s || s->len != len - 2)
                continue;
            for (i = 0; i < s->len; i++) {
                if (wf_str_get(s, i) != (uint8_t)name[i + 1])
                    break;
            }
            if (i == s->len)
                return a;
        }
        JS_ThrowInternalError(ctx, "unknown well-known symbol %s", name);
        return JS_ATOM_NULL;
    }
    return JS_NewAtom(ctx, name);
}

/* A getter or setter function for a list entry, or undefined. */
static JSValue accessor_func(JSContext *ctx, JSCFunctionType f, JSAtom atom, bool is_set,
                             int cproto, int magic)
{
    JSValue fn;

    if (!f.generic)
        return JS_UNDEFINED;
    fn = cfunc_new_unnamed(ctx, f, is_set ? 1 : 0, cproto, magic, ctx->function_proto);
    if (JS_IsException(fn))
        return fn;
    if (cfunc_set_name(ctx, fn, atom, is_set ? "set" : "get") < 0) {
        JS_FreeValue(ctx, fn);
        return JS_EXCEPTION;
    }
    return fn;
}

static int set_list_entry(JSContext *ctx, JSValueConst obj, const JSCFunctionListEntry *e)
{
    JSAtom atom = entry_atom(ctx, e->name);
    JSValue val, getter, setter;
    int ret = -1;

    if (atom == JS_ATOM_NULL)
        return -1;
    switch (e->def_type) {
    case JS_DEF_CFUNC:
        val = cfunc_new_unnamed(ctx, e->u.func.cfunc, e->u.func.length, e->u.func.cproto,
                                e->magic, ctx->function_proto);
        if (JS_IsException(val))
            break;
        if (cfunc_set_name(ctx, val, atom, NULL) < 0) {
            JS_FreeValue(ctx, val);
            break;
        }
        ret = def_value(ctx, obj, atom, val, e->prop_flags);
        break;
    case JS_DEF_CGETSET:
    case JS_DEF_CGETSET_MAGIC: {
        bool m = e->def_type == JS_DEF_CGETSET_MAGIC;
        getter = accessor_func(ctx, e->u.getset.get, atom, false,
                               m ? JS_CFUNC_getter_magic : JS_CFUNC_getter, e->magic);
        if (JS_IsException(getter))
            break;
        setter = accessor_func(ctx, e->u.getset.set, atom, true,
                               m ? JS_CFUNC_setter_magic : JS_CFUNC_setter, e->magic);
        if (JS_IsException(setter)) {
            JS_FreeValue(ctx, getter);
            break;
        }
        ret = def_getset(ctx, obj, atom, getter, setter, e->prop_flags);
        JS_FreeValue(ctx, getter);
        JS_FreeValue(ctx, setter);
        break;
    }
    case JS_DEF_PROP_STRING:
        val = wf_str_new_utf8(ctx, e->u.str, strlen(e->u.str));
        if (!JS_IsException(val))
            ret = def_value(ctx, obj, atom, val, e->prop_flags);
        break;
    case JS_DEF_PROP_INT32:
        ret = def_value(ctx, obj, atom, JS_NewInt32(ctx, e->u.i32), e->prop_flags);
        break;
    case JS_DEF_PROP_INT64:
        ret = def_value(ctx, obj, atom, JS_NewInt64(ctx, e->u.i64), e->prop_flags);
        break;
    case JS_DEF_PROP_DOUBLE:
        ret = def_value(ctx, obj, atom, wf_number(e->u.f64), e->prop_flags);
        break;
    case JS_DEF_PROP_UNDEFINED:
        ret = def_value(ctx, obj, atom, JS_UNDEFINED, e->prop_flags);
        break;
    case JS_DEF_OBJECT:
        val = JS_NewObject(ctx);
        if (JS_IsException(val))
            break;
        if (JS_SetPropertyFunctionList(ctx, val, e->u.prop_list.tab, e->u.prop_list.len) < 0) {
            JS_FreeValue(ctx, val);
            break;
        }
        ret = def_value(ctx, obj, atom, val, e->prop_flags);
        break;
    case JS_DEF_ALIAS: {
        JSAtom from = entry_atom(ctx, e->u.alias.name);
        if (from == JS_ATOM_NULL)
            break;
        switch (e->u.alias.base) {
        case -1:
            val = JS_GetProperty(ctx, obj, from);
            break;
        case 0:
            val = JS_GetProperty(ctx, ctx->global_obj, from);
            break;
        case 1:
            val = JS_GetProperty(ctx, ctx->class_proto[JS_CLASS_ARRAY], from);
            break;
        default:
            val = JS_ThrowInternalError(ctx, "bad alias base");
            break;
        }
        JS_FreeAtom(ctx, from);
        if (!JS_IsException(val))
            ret = def_value(ctx, obj, atom, val, e->prop_flags);
        break;
    }
    default:
        JS_ThrowInternalError(ctx, "bad function list entry type %d", e->def_type);
        break;
    }
    JS_FreeAtom(ctx, atom);
    return ret;
}

int JS_SetPropertyFunctionList(JSContext *ctx, JSValueConst obj,
                               const JSCFunctionListEntry *tab, int len)
{
    JSValue hold[2] = { JS_UNDEFINED, JS_UNDEFINED };
    int i, ret = 0;

    /* Every C function made here passes through two shapes of its own
       (Function.prototype's empty shape, then {length}) on its way to the
       shared {length, name}; nothing else holds them, so each entry would
       allocate and free both.  Two placeholder objects keep them alive
       for the whole list. */
    if (len >= 8 && JS_IsObject(ctx->function_proto)) {
        hold[0] = JS_NewObjectProto(ctx, ctx->function_proto);
        hold[1] = JS_NewObjectProto(ctx, ctx->function_proto);
        if (JS_IsException(hold[0]) || JS_IsException(hold[1]) ||
            add_fresh_value(ctx, hold[1], JS_ATOM_length, JS_NewInt32(ctx, 0),
                            JS_PROP_CONFIGURABLE) < 0) {
            JS_FreeValue(ctx, hold[0]);
            JS_FreeValue(ctx, hold[1]);
            return -1;
        }
    }
    for (i = 0; i < len; i++) {
        if (set_list_entry(ctx, obj, &tab[i]) < 0) {
            ret = -1;
            break;
        }
        /* after the first entry the object's shape is normally its own:
           make room for the rest at once (no step-by-step growth) */
        if (i == 0 && len > 4 && JS_IsObject(obj) &&
            wf_shape_presize(ctx, wf_obj(obj), len - 1) < 0) {
            ret = -1;
            break;
        }
    }
    JS_FreeValue(ctx, hold[0]);
    JS_FreeValue(ctx, hold[1]);
    return ret;
}

/* ---------------------------------------------------------------------- */
/* Function constructor and Function.prototype                             */

static JSValue js_function_constructor(JSContext *ctx, JSValueConst new_target,
                                       int argc, JSValueConst *argv)
{
    return wf_function_constructor(ctx, new_target, argc, argv, 0);
}

/* Function.prototype itself: accepts any arguments, returns undefined. */
static JSValue js_function_proto(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    (void)ctx;
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_UNDEFINED;
}

/* %ThrowTypeError% */
static JSValue js_throw_type_error(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_ThrowTypeError(ctx, "'caller', 'callee', and 'arguments' properties may not "
                             "be accessed on strict mode functions or the arguments objects "
                             "for calls to them");
}

static JSValue js_function_call(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    if (!wf_is_callable(this_val))
        return wf_throw_not_function(ctx, this_val);
    if (argc <= 1)
        return wf_call(ctx, this_val, argc > 0 ? argv[0] : JS_UNDEFINED, 0, NULL);
    return wf_call(ctx, this_val, argv[0], argc - 1, argv + 1);
}

/* CreateListFromArrayLike (7.3.18) for apply: *pargv is a js_malloc'ed
   array of *pargc owned values (NULL when empty). */
static int build_arg_list(JSContext *ctx, JSValueConst arr, int *pargc, JSValue **pargv)
{
    JSValue len_val, *tab, *fast;
    uint32_t fast_count;
    int64_t len, i;

    *pargc = 0;
    *pargv = NULL;
    if (!JS_IsObject(arr)) {
        JS_ThrowTypeError(ctx, "CreateListFromArrayLike called on non-object");
        return -1;
    }
    len_val = JS_GetProperty(ctx, arr, JS_ATOM_length);
    if (JS_IsException(len_val))
        return -1;
    if (wf_to_length(ctx, &len, len_val) < 0) {
        JS_FreeValue(ctx, len_val);
        return -1;
    }
    JS_FreeValue(ctx, len_val);
    if (len > MAX_CALL_ARGS) {
        JS_ThrowRangeError(ctx, "too many arguments in function call");
        return -1;
    }
    if (len == 0)
        return 0;
    tab = js_malloc(ctx, sizeof(JSValue) * (size_t)len);
    if (!tab)
        return -1;
    if (wf_array_get_fast(arr, &fast, &fast_count) && fast_count == (uint32_t)len) {
        for (i = 0; i < len; i++)
            tab[i] = JS_DupValue(ctx, fast[i]);
    } else {
        for (i = 0; i < len; i++) {
            tab[i] = wf_obj_get_int64(ctx, arr, i);
            if (JS_IsException(tab[i])) {
                while (--i >= 0)
                    JS_FreeValue(ctx, tab[i]);
                js_free(ctx, tab);
                return -1;
            }
        }
    }
    *pargc = (int)len;
    *pargv = tab;
    return 0;
}

static void free_arg_list(JSContext *ctx, int argc, JSValue *argv)
{
    int i;

    for (i = 0; i < argc; i++)
        JS_FreeValue(ctx, argv[i]);
    js_free(ctx, argv);
}

static JSValue js_function_apply(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    JSValueConst this_arg = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst arr = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSValue *args, ret;
    int n;

    if (!wf_is_callable(this_val))
        return wf_throw_not_function(ctx, this_val);
    if (JS_IsUndefined(arr) || JS_IsNull(arr))
        return wf_call(ctx, this_val, this_arg, 0, NULL);
    if (build_arg_list(ctx, arr, &n, &args) < 0)
        return JS_EXCEPTION;
    ret = wf_call(ctx, this_val, this_arg, n, args);
    free_arg_list(ctx, n, args);
    return ret;
}

/* BoundFunctionCreate (10.4.1.3) plus the length and name steps of
   Function.prototype.bind (20.2.3.2). */
static JSValue js_function_bind(JSContext *ctx, JSValueConst this_val,
                                int argc, JSValueConst *argv)
{
    JSValue proto = JS_UNDEFINED, obj = JS_UNDEFINED, name = JS_UNDEFINED;
    JSBoundFunction *bf;
    JSObject *p;
    int nargs = argc > 1 ? argc - 1 : 0;
    double len = 0;
    int i, has;

    if (!wf_is_callable(this_val))
        return wf_throw_not_function(ctx, this_val);
    ensure_classes(ctx->rt);
    proto = wf_obj_get_proto(ctx, this_val);
    if (JS_IsException(proto))
        return proto;
    obj = wf_obj_new(ctx, proto, JS_CLASS_BOUND_FUNCTION);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj))
        return obj;
    p = wf_obj(obj);
    p->u.bound.bf = NULL;
    bf = js_malloc(ctx, sizeof(*bf) + sizeof(JSValue) * (size_t)nargs);
    if (!bf)
        goto fail;
    bf->func_obj = JS_DupValue(ctx, this_val);
    bf->this_val = JS_DupValue(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    bf->argc = nargs;
    for (i = 0; i < nargs; i++)
        bf->argv[i] = JS_DupValue(ctx, argv[i + 1]);
    p->u.bound.bf = bf;
    p->is_constructor = wf_is_constructor(this_val);

    /* length */
    has = wf_obj_get_own_property(ctx, NULL, this_val, JS_ATOM_length);
    if (has < 0)
        goto fail;
    if (has) {
        JSValue tl = JS_GetProperty(ctx, this_val, JS_ATOM_length);
        if (JS_IsException(tl))
            goto fail;
        if (JS_IsNumber(tl)) {
            double d = JS_VALUE_GET_TAG(tl) == JS_TAG_INT ? JS_VALUE_GET_INT(tl)
                                                          : JS_VALUE_GET_FLOAT64(tl);
            if (isinf(d)) {
                len = d > 0 ? d : 0;
            } else {
                d = wf_double_to_integer(d);
                len = d - nargs;
                if (len < 0)
                    len = 0;
            }
        }
        JS_FreeValue(ctx, tl);
    }
    if (wf_func_set_length(ctx, obj, len) < 0)
        goto fail;

    /* name */
    name = JS_GetProperty(ctx, this_val, JS_ATOM_name);
    if (JS_IsException(name))
        goto fail;
    if (!JS_IsString(name)) {
        JS_FreeValue(ctx, name);
        name = wf_str_empty(ctx);
    }
    name = wf_str_concat(ctx, JS_AtomToString(ctx, JS_ATOM_bound_), name);
    if (JS_IsException(name))
        goto fail;
    if (def_value(ctx, obj, JS_ATOM_name, name, JS_PROP_CONFIGURABLE) < 0)
        goto fail;
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static bool is_id_start(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_' || c >= 0x80;
}

static bool is_id_part(uint32_t c)
{
    return is_id_start(c) || (c >= '0' && c <= '9');
}

/* True if s[from..len) is an IdentifierName (rough check: ASCII rules,
   any non-ASCII accepted) or a [Symbol.xxx]-style computed name. */
static bool is_native_name(const JSString *s, uint32_t from)
{
    uint32_t i, len = s->len;

    if (from >= len)
        return false;
    if (wf_str_get(s, from) == '[') {
        if (wf_str_get(s, len - 1) != ']' || len - from < 3)
            return false;
        for (i = from + 1; i < len - 1; i++) {
            uint32_t c = wf_str_get(s, i);
            if (!is_id_part(c) && c != '.')
                return false;
        }
        return true;
    }
    if (!is_id_start(wf_str_get(s, from)))
        return false;
    for (i = from + 1; i < len; i++) {
        if (!is_id_part(wf_str_get(s, i)))
            return false;
    }
    return true;
}

/* "function name() { [native code] }" with a name only when it keeps the
   text inside the NativeFunction grammar. */
static JSValue native_source(JSContext *ctx, JSValueConst func)
{
    WFStringBuilder sb;
    JSPropertyDescriptor desc;
    int has;

    wf_sb_init(ctx, &sb, 48);
    wf_sb_puts(&sb, "function ");
    has = JS_IsObject(func) && wf_obj(func)->class_id != JS_CLASS_BOUND_FUNCTION ?
          wf_obj_get_own_property(ctx, &desc, func, JS_ATOM_name) : 0;
    if (has < 0) {
        wf_sb_free(&sb);
        return JS_EXCEPTION;
    }
    if (has) {
        if ((desc.flags & JS_PROP_TMASK) != JS_PROP_GETSET && JS_IsString(desc.value) &&
            JS_VALUE_GET_TAG(desc.value) == JS_TAG_STRING) {
            JSString *s = wf_str(desc.value);
            uint32_t from = 0;
            if (s->len > 4 && (wf_str_get(s, 0) == 'g' || wf_str_get(s, 0) == 's') &&
                wf_str_get(s, 1) == 'e' && wf_str_get(s, 2) == 't' && wf_str_get(s, 3) == ' ')
                from = 4;
            if (is_native_name(s, from))
                wf_sb_put_str(&sb, s, 0, s->len);
        }
        wf_desc_free(ctx, &desc);
    }
    wf_sb_puts(&sb, "() { [native code] }");
    return wf_sb_finish(&sb);
}

static bool is_bytecode_class(JSClassID id)
{
    return id == JS_CLASS_BYTECODE_FUNCTION || id == JS_CLASS_GENERATOR_FUNCTION ||
           id == JS_CLASS_ASYNC_FUNCTION || id == JS_CLASS_ASYNC_GENERATOR_FUNCTION;
}

static JSValue js_function_to_string(JSContext *ctx, JSValueConst this_val,
                                     int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    if (!wf_is_callable(this_val))
        return JS_ThrowTypeError(ctx, "Function.prototype.toString requires that 'this' be a Function");
    if (is_bytecode_class(wf_obj(this_val)->class_id)) {
        JSValue src = wf_function_source(ctx, this_val);
        if (!JS_IsUndefined(src))
            return src;
    }
    return native_source(ctx, this_val);
}

static JSValue js_function_has_instance(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv)
{
    int ret = wf_ordinary_is_instance_of(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, this_val);
    if (ret < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, ret);
}

static const JSCFunctionListEntry js_function_proto_funcs[] = {
    JS_CFUNC_DEF("call", 1, js_function_call),
    JS_CFUNC_DEF("apply", 2, js_function_apply),
    JS_CFUNC_DEF("bind", 1, js_function_bind),
    JS_CFUNC_DEF("toString", 0, js_function_to_string),
    JS_CFUNC_DEF2("[Symbol.hasInstance]", 1, js_function_has_instance, 0),
};

/* Turns the context's Function.prototype object into the C function the
   spec asks for (callable, returns undefined, length 0, name ""). */
static int init_function_proto(JSContext *ctx)
{
    JSObject *p = wf_obj(ctx->function_proto);

    if (p->class_id != JS_CLASS_C_FUNCTION && p->class_id != JS_CLASS_OBJECT)
        return 0;   /* the core made it something else: leave it */
    p->class_id = JS_CLASS_C_FUNCTION;
    p->is_callable = 1;
    p->u.cfunc.realm = ctx;
    p->u.cfunc.c_function.generic = js_function_proto;
    p->u.cfunc.length = 0;
    p->u.cfunc.cproto = JS_CFUNC_generic;
    p->u.cfunc.magic = 0;
    p->is_constructor = 0;
    if (wf_func_set_length(ctx, ctx->function_proto, 0) < 0)
        return -1;
    return def_value(ctx, ctx->function_proto, JS_ATOM_name, wf_str_empty(ctx),
                     JS_PROP_CONFIGURABLE);
}

static int init_throw_type_error(JSContext *ctx)
{
    JSValue f;
    JSCFunctionType ft;

    ft.generic = js_throw_type_error;
    f = cfunc_new_unnamed(ctx, ft, 0, JS_CFUNC_generic, 0, ctx->function_proto);
    if (JS_IsException(f))
        return -1;
    if (def_value(ctx, f, JS_ATOM_name, wf_str_empty(ctx), 0) < 0 ||
        def_value(ctx, f, JS_ATOM_length, JS_NewInt32(ctx, 0), 0) < 0 ||
        wf_obj_set_integrity(ctx, f, true) < 0) {
        JS_FreeValue(ctx, f);
        return -1;
    }
    JS_FreeValue(ctx, ctx->throw_type_error);
    ctx->throw_type_error = f;
    /* restricted function properties of Function.prototype (10.2.4) */
    if (def_getset(ctx, ctx->function_proto, JS_ATOM_caller, f, f, JS_PROP_CONFIGURABLE) < 0 ||
        def_getset(ctx, ctx->function_proto, JS_ATOM_arguments, f, f, JS_PROP_CONFIGURABLE) < 0)
        return -1;
    return 0;
}

int wf_init_function(JSContext *ctx)
{
    JSValue ctor;

    wf_cfunc_init_classes(ctx->rt);
    if (init_function_proto(ctx) < 0)
        return -1;
    if (JS_SetPropertyFunctionList(ctx, ctx->function_proto, js_function_proto_funcs,
                                   countof(js_function_proto_funcs)) < 0)
        return -1;
    if (init_throw_type_error(ctx) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, js_function_constructor, "Function", 1,
                          JS_CFUNC_constructor_or_func, 0, ctx->function_proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctx->function_ctor);
    ctx->function_ctor = ctor;
    return 0;
}
