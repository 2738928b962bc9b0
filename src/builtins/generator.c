/*
 * generator.c - %GeneratorFunction%, %GeneratorFunction.prototype% and
 * %GeneratorPrototype% (ECMA-262 27.3 GeneratorFunction objects, 27.5
 * Generator objects).
 *
 * The generator machinery itself (heap frames, suspension at yield,
 * resumption) is the interpreter's (engine/interp_async.c); this file only
 * builds the objects scripts see and forwards next/return/throw to
 * wf_generator_resume.  GeneratorFunction is not a global: it is reached
 * through Object.getPrototypeOf(function* () {}).constructor.
 */
#include "builtins/builtins.h"
#include "engine/interp.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

static inline JSValueConst arg(int argc, JSValueConst *argv, int i)
{
    return i < argc ? argv[i] : JS_UNDEFINED;
}

/* 27.3.1.1 GeneratorFunction(...params, body) */
static JSValue js_generator_function_ctor(JSContext *ctx, JSValueConst new_target,
                                          int argc, JSValueConst *argv)
{
    return wf_function_constructor(ctx, new_target, argc, argv, 1);
}

/* 27.5.1.2 - 27.5.1.4 next / return / throw (magic: WF_GEN_*) */
static JSValue js_generator_resume(JSContext *ctx, JSValueConst this_val, int argc,
                                   JSValueConst *argv, int magic)
{
    return wf_generator_resume(ctx, this_val, arg(argc, argv, 0), magic);
}

static const JSCFunctionListEntry js_generator_proto_funcs[] = {
    JS_CFUNC_MAGIC_DEF("next", 1, js_generator_resume, WF_GEN_NEXT),
    JS_CFUNC_MAGIC_DEF("return", 1, js_generator_resume, WF_GEN_RETURN),
    JS_CFUNC_MAGIC_DEF("throw", 1, js_generator_resume, WF_GEN_THROW),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "Generator", JS_PROP_CONFIGURABLE),
};

static const JSCFunctionListEntry js_generator_function_proto_funcs[] = {
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "GeneratorFunction", JS_PROP_CONFIGURABLE),
};

int wf_init_generator(JSContext *ctx)
{
    JSValue gen_proto, genfn_proto, ctor;

    /* %GeneratorPrototype%: inherits from %IteratorPrototype% */
    gen_proto = wf_obj_new(ctx, ctx->iterator_proto, JS_CLASS_OBJECT);
    if (JS_IsException(gen_proto))
        return -1;
    if (JS_SetPropertyFunctionList(ctx, gen_proto, js_generator_proto_funcs,
                                   countof(js_generator_proto_funcs)) < 0)
        goto fail_gp;
    /* %GeneratorFunction.prototype% */
    genfn_proto = wf_obj_new(ctx, ctx->function_proto, JS_CLASS_OBJECT);
    if (JS_IsException(genfn_proto))
        goto fail_gp;
    if (JS_SetPropertyFunctionList(ctx, genfn_proto, js_generator_function_proto_funcs,
                                   countof(js_generator_function_proto_funcs)) < 0 ||
        wf_obj_define_value(ctx, genfn_proto, JS_ATOM_prototype, JS_DupValue(ctx, gen_proto),
                            JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0 ||
        wf_obj_define_value(ctx, gen_proto, JS_ATOM_constructor, JS_DupValue(ctx, genfn_proto),
                            JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0)
        goto fail_both;
    /* %GeneratorFunction%: [[Prototype]] is %Function% */
    ctor = JS_NewCFunction3(ctx, (JSCFunction *)js_generator_function_ctor, "GeneratorFunction",
                            1, JS_CFUNC_constructor_or_func, 0,
                            JS_IsObject(ctx->function_ctor) ? ctx->function_ctor
                                                            : ctx->function_proto);
    if (JS_IsException(ctor))
        goto fail_both;
    wf_obj(ctor)->is_constructor = 1;
    if (wf_obj_define_value(ctx, ctor, JS_ATOM_prototype, JS_DupValue(ctx, genfn_proto),
                            JS_PROP_THROW) < 0 ||
        wf_obj_define_value(ctx, genfn_proto, JS_ATOM_constructor, JS_DupValue(ctx, ctor),
                            JS_PROP_CONFIGURABLE | JS_PROP_THROW) < 0) {
        JS_FreeValue(ctx, ctor);
        goto fail_both;
    }
    JS_FreeValue(ctx, ctor);
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_GENERATOR]);
    ctx->class_proto[JS_CLASS_GENERATOR] = gen_proto;
    JS_FreeValue(ctx, ctx->class_proto[JS_CLASS_GENERATOR_FUNCTION]);
    ctx->class_proto[JS_CLASS_GENERATOR_FUNCTION] = genfn_proto;
    return 0;
fail_both:
    JS_FreeValue(ctx, genfn_proto);
fail_gp:
    JS_FreeValue(ctx, gen_proto);
    return -1;
}
