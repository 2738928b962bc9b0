/*
 * boolean.c - the Boolean constructor and Boolean.prototype (ECMA-262 20.3).
 */
#include "builtins/builtins.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static JSValue js_boolean_constructor(JSContext *ctx, JSValueConst new_target,
                                      int argc, JSValueConst *argv)
{
    (void)argc;
    bool b = wf_to_boolean(argv[0]);
    if (JS_IsUndefined(new_target))
        return JS_NewBool(ctx, b);
    JSValue obj = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_BOOLEAN);
    if (JS_IsException(obj))
        return obj;
    wf_obj(obj)->u.object_data = JS_NewBool(ctx, b);
    return obj;
}

/* thisBooleanValue(value): 0 or 1, -1 with a TypeError. */
static int this_boolean_value(JSContext *ctx, JSValueConst v, const char *method)
{
    if (JS_VALUE_GET_TAG(v) == JS_TAG_BOOL)
        return JS_VALUE_GET_BOOL(v) != 0;
    if (JS_IsObject(v) && wf_obj(v)->class_id == JS_CLASS_BOOLEAN) {
        JSValueConst d = wf_obj_data(wf_obj(v));
        if (JS_VALUE_GET_TAG(d) == JS_TAG_BOOL)
            return JS_VALUE_GET_BOOL(d) != 0;
    }
    JS_ThrowTypeError(ctx, "Boolean.prototype.%s requires that 'this' be a Boolean", method);
    return -1;
}

static JSValue js_boolean_to_string(JSContext *ctx, JSValueConst this_val,
                                    int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    int b = this_boolean_value(ctx, this_val, "toString");
    if (b < 0)
        return JS_EXCEPTION;
    return wf_atom_to_value(ctx, b ? JS_ATOM_true : JS_ATOM_false);
}

static JSValue js_boolean_value_of(JSContext *ctx, JSValueConst this_val,
                                   int argc, JSValueConst *argv)
{
    (void)argc;
    (void)argv;
    int b = this_boolean_value(ctx, this_val, "valueOf");
    if (b < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, b);
}

static const JSCFunctionListEntry js_boolean_proto_funcs[] = {
    JS_CFUNC_DEF("toString", 0, js_boolean_to_string),
    JS_CFUNC_DEF("valueOf", 0, js_boolean_value_of),
};

int wf_init_boolean(JSContext *ctx)
{
    /* Boolean.prototype is itself a Boolean object whose value is false. */
    JSValue proto = wf_obj_new(ctx, ctx->class_proto[JS_CLASS_OBJECT], JS_CLASS_BOOLEAN);
    if (JS_IsException(proto))
        return -1;
    wf_obj(proto)->u.object_data = JS_FALSE;
    ctx->class_proto[JS_CLASS_BOOLEAN] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_boolean_proto_funcs,
                                   countof(js_boolean_proto_funcs)) < 0)
        return -1;
    JSValue ctor = wf_define_ctor(ctx, js_boolean_constructor, "Boolean", 1,
                                  JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctor);
    return 0;
}
