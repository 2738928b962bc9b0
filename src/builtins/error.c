/*
 * error.c - Error, the NativeError constructors and AggregateError
 * (ECMA-262 20.5), plus InternalError (not standard: the engine throws it
 * for "interrupted" and out-of-memory) and the V8-style extras the runtime
 * and Node layer rely on: a `stack` own property on every error,
 * Error.captureStackTrace and Error.stackTraceLimit.
 *
 * Error objects are ordinary objects of class ERROR (the [[ErrorData]]
 * slot); their prototypes are ordinary objects.  Throwing from C is the
 * core's business (engine/error.c); this file only builds the constructors.
 */
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Frames to leave out of `stack`: the constructor's own native frame. */
#define ERROR_CTOR_SKIP 1

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

/* Non-enumerable, writable, configurable data property; val consumed. */
static int def_hidden(JSContext *ctx, JSValueConst obj, JSAtom atom, JSValue val)
{
    return wf_obj_define_value(ctx, obj, atom, val,
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | JS_PROP_HAS_VALUE |
                               JS_PROP_HAS_WRITABLE | JS_PROP_HAS_ENUMERABLE |
                               JS_PROP_HAS_CONFIGURABLE | JS_PROP_THROW);
}

/* Names in JSErrorEnum order (JS_PLAIN_ERROR last). */
static const JSAtom error_names[JS_NATIVE_ERROR_COUNT + 1] = {
    [JS_EVAL_ERROR] = JS_ATOM_EvalError,
    [JS_RANGE_ERROR] = JS_ATOM_RangeError,
    [JS_REFERENCE_ERROR] = JS_ATOM_ReferenceError,
    [JS_SYNTAX_ERROR] = JS_ATOM_SyntaxError,
    [JS_TYPE_ERROR] = JS_ATOM_TypeError,
    [JS_URI_ERROR] = JS_ATOM_URIError,
    [JS_INTERNAL_ERROR] = JS_ATOM_InternalError,
    [JS_AGGREGATE_ERROR] = JS_ATOM_AggregateError,
    [JS_PLAIN_ERROR] = JS_ATOM_Error,
};

static JSValueConst intrinsic_proto(JSContext *ctx, int kind)
{
    if (kind == JS_PLAIN_ERROR)
        return ctx->class_proto[JS_CLASS_ERROR];
    return ctx->native_error_proto[kind];
}

/* GetPrototypeFromConstructor(newTarget, %<kind>.prototype%): new reference
   or JS_EXCEPTION. */
static JSValue error_proto_from_ctor(JSContext *ctx, JSValueConst new_target, int kind)
{
    JSValue proto;
    JSContext *realm;

    if (!JS_IsObject(new_target))
        return JS_DupValue(ctx, intrinsic_proto(ctx, kind));
    proto = JS_GetProperty(ctx, new_target, JS_ATOM_prototype);
    if (JS_IsException(proto) || JS_IsObject(proto))
        return proto;
    JS_FreeValue(ctx, proto);
    realm = wf_function_realm(ctx, new_target);
    if (!realm)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, intrinsic_proto(realm, kind));
}

/* InstallErrorCause (20.5.8.1). */
static int install_error_cause(JSContext *ctx, JSValueConst obj, JSValueConst options)
{
    JSValue cause;
    int r;

    if (!JS_IsObject(options))
        return 0;
    r = wf_obj_has(ctx, options, JS_ATOM_cause);
    if (r <= 0)
        return r;
    cause = JS_GetProperty(ctx, options, JS_ATOM_cause);
    if (JS_IsException(cause))
        return -1;
    return def_hidden(ctx, obj, JS_ATOM_cause, cause);
}

/* IteratorToList(GetIterator(iterable)) as an array. */
static JSValue iterable_to_array(JSContext *ctx, JSValueConst iterable)
{
    JSValue iter, next = JS_UNDEFINED, arr, v;
    bool done;

    iter = wf_get_iterator(ctx, iterable, false, &next);
    if (JS_IsException(iter))
        return iter;
    arr = wf_array_new(ctx, 0);
    if (JS_IsException(arr))
        goto fail;
    for (;;) {
        v = wf_iterator_step_value(ctx, iter, next, &done);
        if (JS_IsException(v))
            goto fail;
        if (done)
            break;
        if (wf_array_push(ctx, arr, v) < 0)
            goto fail;
    }
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return arr;
fail:
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, iter);
    JS_FreeValue(ctx, next);
    return JS_EXCEPTION;
}

/* Error, the NativeErrors and AggregateError; magic is the JSErrorEnum
   (JS_PLAIN_ERROR for Error itself). */
static JSValue js_error_constructor(JSContext *ctx, JSValueConst new_target,
                                    int argc, JSValueConst *argv, int magic)
{
    bool aggregate = magic == JS_AGGREGATE_ERROR;
    JSValueConst message = arg(argc, argv, aggregate ? 1 : 0);
    JSValueConst options = arg(argc, argv, aggregate ? 2 : 1);
    JSValue proto, obj, msg, errors;

    proto = error_proto_from_ctor(ctx, new_target, magic);
    if (JS_IsException(proto))
        return proto;
    obj = wf_obj_new(ctx, proto, JS_CLASS_ERROR);
    JS_FreeValue(ctx, proto);
    if (JS_IsException(obj))
        return obj;
    if (!JS_IsUndefined(message)) {
        msg = wf_to_string(ctx, message);
        if (JS_IsException(msg))
            goto fail;
        if (def_hidden(ctx, obj, JS_ATOM_message, msg) < 0)
            goto fail;
    }
    if (install_error_cause(ctx, obj, options) < 0)
        goto fail;
    if (aggregate) {
        errors = iterable_to_array(ctx, arg(argc, argv, 0));
        if (JS_IsException(errors))
            goto fail;
        if (def_hidden(ctx, obj, JS_ATOM_errors, errors) < 0)
            goto fail;
    }
    wf_error_capture_stack(ctx, obj, ERROR_CTOR_SKIP);
    return obj;
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

/* Error.prototype.toString (20.5.3.4). */
static JSValue js_error_proto_to_string(JSContext *ctx, JSValueConst this_val,
                                        int argc, JSValueConst *argv)
{
    JSValue name, msg;
    WFStringBuilder sb;

    (void)argc;
    (void)argv;
    if (!JS_IsObject(this_val))
        return wf_throw_not_object(ctx, this_val);
    name = JS_GetProperty(ctx, this_val, JS_ATOM_name);
    if (JS_IsException(name))
        return name;
    if (JS_IsUndefined(name))
        name = JS_AtomToString(ctx, JS_ATOM_Error);
    else
        name = wf_to_string_free(ctx, name);
    if (JS_IsException(name))
        return name;
    msg = JS_GetProperty(ctx, this_val, JS_ATOM_message);
    if (JS_IsException(msg)) {
        JS_FreeValue(ctx, name);
        return msg;
    }
    if (JS_IsUndefined(msg))
        msg = wf_str_empty(ctx);
    else
        msg = wf_to_string_free(ctx, msg);
    if (JS_IsException(msg)) {
        JS_FreeValue(ctx, name);
        return msg;
    }
    if (wf_str(name)->len == 0) {
        JS_FreeValue(ctx, name);
        return msg;
    }
    if (wf_str(msg)->len == 0) {
        JS_FreeValue(ctx, msg);
        return name;
    }
    wf_sb_init(ctx, &sb, wf_str(name)->len + wf_str(msg)->len + 2);
    wf_sb_put_str(&sb, wf_str(name), 0, wf_str(name)->len);
    wf_sb_puts(&sb, ": ");
    wf_sb_put_str(&sb, wf_str(msg), 0, wf_str(msg)->len);
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, msg);
    return wf_sb_finish(&sb);
}

/* Error.captureStackTrace(obj[, constructorOpt]): V8 extension.  Sets
   obj.stack (own, writable, configurable, not enumerable) to the header
   from obj's name/message and the current frames, without this call's
   own frame; with constructorOpt, without the frames up to and including
   its innermost call. */
static JSValue js_error_capture_stack_trace(JSContext *ctx, JSValueConst this_val,
                                            int argc, JSValueConst *argv)
{
    JSValueConst obj = arg(argc, argv, 0);
    JSValueConst fn = arg(argc, argv, 1);

    (void)this_val;
    if (!JS_IsObject(obj))
        return wf_throw_not_object(ctx, obj);
    wf_error_capture_stack_until(ctx, obj, 1, wf_is_callable(fn) ? fn : JS_UNDEFINED);
    return JS_UNDEFINED;
}

/* Error.isError(arg) (ES2026): the [[ErrorData]] slot, proxies excluded. */
static JSValue js_error_is_error(JSContext *ctx, JSValueConst this_val,
                                 int argc, JSValueConst *argv)
{
    JSValueConst v = arg(argc, argv, 0);

    (void)ctx;
    (void)this_val;
    return JS_NewBool(ctx, JS_IsObject(v) && wf_obj(v)->class_id == JS_CLASS_ERROR);
}

static const JSCFunctionListEntry js_error_funcs[] = {
    JS_CFUNC_DEF("captureStackTrace", 1, js_error_capture_stack_trace),
    JS_CFUNC_DEF("isError", 1, js_error_is_error),
    JS_PROP_INT32_DEF("stackTraceLimit", 10, JS_PROP_C_W_E),
};

static const JSCFunctionListEntry js_error_proto_funcs[] = {
    JS_CFUNC_DEF("toString", 0, js_error_proto_to_string),
    JS_PROP_STRING_DEF("name", "Error", JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE),
    JS_PROP_STRING_DEF("message", "", JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE),
};

/* Constructor `name` whose [[Prototype]] is func_proto, linked with proto
   and installed on the global object. */
static JSValue define_error_ctor(JSContext *ctx, int kind, int length,
                                 JSValueConst func_proto, JSValueConst proto)
{
    JSCFunctionType ft;
    JSValue ctor;
    JSAtom name = error_names[kind];
    char buf[64];

    ft.constructor_magic = js_error_constructor;
    ctor = JS_NewCFunction3(ctx, ft.generic,
                            wf_atom_get_cstr(ctx->rt, buf, sizeof(buf), name), length,
                            JS_CFUNC_constructor_or_func_magic, kind, func_proto);
    if (JS_IsException(ctor))
        return ctor;
    if (JS_SetConstructor(ctx, ctor, proto) < 0 ||
        def_hidden(ctx, ctx->global_obj, name, JS_DupValue(ctx, ctor)) < 0) {
        JS_FreeValue(ctx, ctor);
        return JS_EXCEPTION;
    }
    return ctor;
}

int wf_init_error(JSContext *ctx)
{
    JSValue proto, ctor, error_ctor;
    int kind;

    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_ERROR]);
    ctx->class_proto[JS_CLASS_ERROR] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_error_proto_funcs,
                                   countof(js_error_proto_funcs)) < 0)
        return -1;
    error_ctor = define_error_ctor(ctx, JS_PLAIN_ERROR, 1, ctx->function_proto, proto);
    if (JS_IsException(error_ctor))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, error_ctor, js_error_funcs, countof(js_error_funcs)) < 0)
        goto fail;

    for (kind = 0; kind < JS_NATIVE_ERROR_COUNT; kind++) {
        JSValue name;
        proto = JS_NewObjectProto(ctx, ctx->class_proto[JS_CLASS_ERROR]);
        if (JS_IsException(proto))
            goto fail;
        JS_FreeValue(ctx, ctx->native_error_proto[kind]);
        ctx->native_error_proto[kind] = proto;
        name = JS_AtomToString(ctx, error_names[kind]);
        if (JS_IsException(name) ||
            def_hidden(ctx, proto, JS_ATOM_name, name) < 0 ||
            def_hidden(ctx, proto, JS_ATOM_message, wf_str_empty(ctx)) < 0)
            goto fail;
        ctor = define_error_ctor(ctx, kind, kind == JS_AGGREGATE_ERROR ? 2 : 1,
                                 error_ctor, proto);
        if (JS_IsException(ctor))
            goto fail;
        JS_FreeValue(ctx, ctor);
    }
    JS_FreeValue(ctx, error_ctor);
    return 0;
fail:
    JS_FreeValue(ctx, error_ctor);
    return -1;
}
