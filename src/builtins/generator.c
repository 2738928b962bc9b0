/*
 * generator.c - %GeneratorFunction%, %GeneratorFunction.prototype% and
 * %GeneratorPrototype% (ECMA-262 27.3 GeneratorFunction objects, 27.5
 * Generator objects), and their async counterparts: %AsyncFunction% (27.7),
 * %AsyncGeneratorFunction% (27.4) and %AsyncGeneratorPrototype% (27.6).
 *
 * The generator machinery itself (heap frames, suspension at yield,
 * resumption) is the interpreter's (engine/interp_async.c); this file only
 * builds the objects scripts see and forwards next/return/throw to
 * wf_generator_resume.  GeneratorFunction is not a global: it is reached
 * through Object.getPrototypeOf(function* () {}).constructor.
 */
#include "builtins/builtins.h"
#include "engine/interp.h"
#include "engine/iter.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

/* GeneratorFunction / AsyncFunction / AsyncGeneratorFunction
   (...params, body): magic is the CreateDynamicFunction kind. */
static JSValue js_dynamic_function_ctor(JSContext *ctx, JSValueConst new_target,
                                        int argc, JSValueConst *argv, int magic)
{
    return wf_function_constructor(ctx, new_target, argc, argv, magic);
}

static JSValue js_async_generator_request(JSContext *ctx, JSValueConst this_val, int argc,
                                          JSValueConst *argv, int magic)
{
    return wf_async_generator_request(ctx, this_val, arg(argc, argv, 0), magic);
}

/* 27.5.1.2 - 27.5.1.4 next / return / throw (magic: WF_GEN_*) */
static JSValue js_generator_resume(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic)
{
    return wf_generator_resume(ctx, this_val, arg(argc, argv, 0), magic);
}

/* The original %GeneratorPrototype%.next (engine/iter.h fast path). */
bool wf_is_generator_next(JSValueConst f)
{
    JSObject *p;
    if (!JS_IsObject(f))
        return false;
    p = wf_obj(f);
    return p->class_id == JS_CLASS_C_FUNCTION &&
           p->u.cfunc.c_function.generic_magic == js_generator_resume &&
           p->u.cfunc.magic == WF_GEN_NEXT;
}

static const JSCFunctionListEntry js_generator_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 1, js_generator_resume, WF_GEN_NEXT),
    JS_CFUNC_MAGIC_DEF("return", 1, js_generator_resume, WF_GEN_RETURN),
    JS_CFUNC_MAGIC_DEF("throw", 1, js_generator_resume, WF_GEN_THROW),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Generator", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_async_generator_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 1, js_async_generator_request, WF_GEN_NEXT),
    JS_CFUNC_MAGIC_DEF("return", 1, js_async_generator_request, WF_GEN_RETURN),
    JS_CFUNC_MAGIC_DEF("throw", 1, js_async_generator_request, WF_GEN_THROW),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "AsyncGenerator", JS_PROP_CONFIGURABLE),
};

/* One family: Xfunction constructor, Xfunction.prototype and (for the
   generator kinds) the prototype of their instances' objects. */
typedef struct FamilyDef {
    const char *ctor_name;
    const char *fn_tag;                         /* @@toStringTag of Xfunction.prototype */
    int kind;                                   /* CreateDynamicFunction kind */
    JSClassID fn_class;                         /* class_proto slot of the functions */
    JSClassID obj_class;                        /* class_proto slot of the objects, 0: none */
    const JSCFunctionListEntry *obj_funcs;
    int obj_funcs_count;
} FamilyDef;

static int init_family(JSContext *ctx, const FamilyDef *f, JSValueConst obj_parent)
{
    JSValue obj_proto = JS_UNDEFINED, fn_proto, ctor;
    JSCFunctionListEntry tag = JS_PROP_STRING_DEF("[Symbol.toStringTag]", f->fn_tag,
                                                  JS_PROP_CONFIGURABLE);

    fn_proto = wf_obj_new(ctx, ctx->function_proto, JS_CLASS_OBJECT);
    if (JS_IsException(fn_proto))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, fn_proto, &tag, 1) < 0)
        goto fail;
    if (f->obj_class) {
        obj_proto = wf_obj_new(ctx, obj_parent, JS_CLASS_OBJECT);
        if (JS_IsException(obj_proto))
            goto fail;
        if (JS_SetPropertyFunctionList(ctx, obj_proto, f->obj_funcs, f->obj_funcs_count) < 0 ||
            wf_obj_define_value(ctx, fn_proto, JS_ATOM_prototype, JS_DupValue(ctx, obj_proto),
                                JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0 ||
            wf_obj_define_value(ctx, obj_proto, JS_ATOM_constructor, JS_DupValue(ctx, fn_proto),
                                JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0)
            goto fail;
    }
    /* the constructor's [[Prototype]] is %Function% */
    ctor = JS_NewCFunction3(ctx, (JSCFunction *)(void (*)(void))js_dynamic_function_ctor,
                            f->ctor_name, 1,
                            JS_CFUNC_constructor_or_func_magic, f->kind,
                            JS_IsObject(ctx->function_ctor) ? ctx->function_ctor
                                                            : ctx->function_proto);
    if (JS_IsException(ctor))
        goto fail;
    wf_obj(ctor)->is_constructor = 1;
    if (wf_obj_define_value(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, fn_proto),
                            JS_PROP_THROW) < 0 ||
        wf_obj_define_value(ctx, fn_proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                            JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0) {
        JS_FreeValue(ctx, ctor);
        goto fail;
    }
    JS_FreeValue(ctx, ctor);
    if (f->obj_class) {
        JS_FreeValue(ctx, ctx->class_proto[f->obj_class]);
        ctx->class_proto[f->obj_class] = obj_proto;
    }
    JS_FreeValue(ctx, ctx->class_proto[f->fn_class]);
    ctx->class_proto[f->fn_class] = fn_proto;
    return 0;
fail:
    JS_FreeValue(ctx, obj_proto);
    JS_FreeValue(ctx, fn_proto);
    return -1;
}

int wf_init_generator(JSContext *ctx)
{
    static const FamilyDef gen = {
        "GeneratorFunction", "GeneratorFunction", 1, JS_CLASS_GENERATOR_FUNCTION,
        JS_CLASS_GENERATOR, js_generator_proto_funcs, countof(js_generator_proto_funcs),
    };
    static const FamilyDef async_fn = {
        "AsyncFunction", "AsyncFunction", 2, JS_CLASS_ASYNC_FUNCTION, 0, NULL, 0,
    };
    static const FamilyDef async_gen = {
        "AsyncGeneratorFunction", "AsyncGeneratorFunction", 3,
        JS_CLASS_ASYNC_GENERATOR_FUNCTION, JS_CLASS_ASYNC_GENERATOR,
        js_async_generator_proto_funcs, countof(js_async_generator_proto_funcs),
    };
    JSValueConst async_iter = JS_IsObject(ctx->async_iterator_proto)
                              ? ctx->async_iterator_proto : ctx->class_proto[JS_CLASS_OBJECT];

    if (init_family(ctx, &gen, ctx->iterator_proto) < 0 ||
        init_family(ctx, &async_fn, JS_UNDEFINED) < 0 ||
        init_family(ctx, &async_gen, async_iter) < 0)
        return -1;
    return 0;
}
