/*
 * structuredclone.c - globalThis.structuredClone(value, { transfer })
 * (HTML 2.7.x "structuredClone"), over the engine's serializer
 * (engine/serialize.h): a write and a read in the same realm, so
 * transferred ArrayBuffers move their bytes without copying.
 */
#include "builtins/builtins.h"
#include "engine/serialize.h"

static JSValue js_global_structured_clone(JSContext *ctx, JSValueConst this_val,
                                          int argc, JSValueConst *argv)
{
    JSValue transfer = JS_UNDEFINED, r;
    (void)this_val;
    if (argc < 1)
        return JS_ThrowTypeError(ctx, "structuredClone: 1 argument required, but only 0 present");
    if (argc > 1 && !JS_IsUndefined(argv[1]) && !JS_IsNull(argv[1])) {
        /* StructuredSerializeOptions: a dictionary with `transfer` */
        if (!JS_IsObject(argv[1]))
            return JS_ThrowTypeError(ctx, "structuredClone: options must be an object");
        transfer = JS_GetPropertyStr(ctx, argv[1], "transfer");
        if (JS_IsException(transfer))
            return transfer;
        if (JS_IsNull(transfer)) {
            JS_FreeValue(ctx, transfer);
            return JS_ThrowTypeError(ctx, "structuredClone: transfer must be a sequence");
        }
    }
    r = wf_structured_clone(ctx, argv[0], transfer);
    JS_FreeValue(ctx, transfer);
    return r;
}

static const JSCFunctionListEntry js_structured_clone_funcs[] = {
    JS_CFUNC_DEF("structuredClone", 1, js_global_structured_clone),
};

int wf_init_structuredclone(JSContext *ctx)
{
    return JS_SetPropertyFunctionList(ctx, ctx->global_obj, js_structured_clone_funcs, 1);
}
