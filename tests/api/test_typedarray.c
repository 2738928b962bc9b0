/*
 * test_typedarray.c - the public ArrayBuffer and typed array API:
 * JS_NewArrayBuffer (external memory and its free callback, on collection
 * and on detach), JS_NewArrayBufferCopy, JS_GetArrayBuffer,
 * JS_DetachArrayBuffer, JS_IsArrayBuffer, JS_NewTypedArray,
 * JS_GetTypedArrayBuffer, JS_GetTypedArrayType, JS_GetUint8Array,
 * JS_NewUint8Array and JS_NewUint8ArrayCopy.
 */
#include "harness.h"
#include "js_env.h"

#include "quickjs.h"

static JSValue eval(JSContext *ctx, const char *code)
{
    JSValue v = JS_Eval(ctx, code, strlen(code), "<test>", JS_EVAL_TYPE_GLOBAL);
    ASSERT(!JS_IsException(v));
    return v;
}

/* The pending exception is a TypeError; clears it. */
static void expect_type_error(JSContext *ctx)
{
    JSValue e = JS_GetException(ctx), name;
    const char *cs;
    name = JS_GetPropertyStr(ctx, e, "name");
    cs = JS_ToCString(ctx, name);
    ASSERT_NOT_NULL(cs);
    ASSERT_STR_EQ(cs, "TypeError");
    JS_FreeCString(ctx, cs);
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, e);
}

typedef struct Block {
    uint8_t bytes[16];
    int frees;
} Block;

static void free_block(JSRuntime *rt, void *opaque, void *ptr)
{
    Block *b = opaque;
    (void)rt;
    ASSERT_PTR_EQ(ptr, b->bytes);
    b->frees++;
}

TEST_IMPL(external_buffer)
{
    Env e = env_new();
    Block blk;
    JSValue ab, global, r;
    size_t size;
    uint8_t *p;

    memset(&blk, 0, sizeof blk);
    blk.bytes[3] = 42;
    ab = JS_NewArrayBuffer(e.ctx, blk.bytes, sizeof blk.bytes, free_block, &blk, false);
    ASSERT(!JS_IsException(ab));
    ASSERT(JS_IsArrayBuffer(ab));
    p = JS_GetArrayBuffer(e.ctx, &size, ab);
    ASSERT_PTR_EQ(p, blk.bytes);
    ASSERT_UINT_EQ(size, 16);

    /* script sees and changes the caller's memory */
    global = JS_GetGlobalObject(e.ctx);
    JS_SetPropertyStr(e.ctx, global, "ab", JS_DupValue(e.ctx, ab));
    r = eval(e.ctx, "var u = new Uint8Array(ab); u[0] = 7; u[3]");
    ASSERT_EQ(JS_VALUE_GET_INT(r), 42);
    ASSERT_EQ(blk.bytes[0], 7);

    /* detaching releases the memory once; views see length 0 */
    JS_DetachArrayBuffer(e.ctx, ab);
    ASSERT(!JS_HasException(e.ctx));
    ASSERT_EQ(blk.frees, 1);
    p = JS_GetArrayBuffer(e.ctx, &size, ab);
    ASSERT_NULL(p);
    ASSERT_UINT_EQ(size, 0);
    expect_type_error(e.ctx);
    r = eval(e.ctx, "u.length + ab.byteLength + (ab.detached ? 100 : 0)");
    ASSERT_EQ(JS_VALUE_GET_INT(r), 100);
    JS_DetachArrayBuffer(e.ctx, ab);        /* twice: nothing more */
    ASSERT_EQ(blk.frees, 1);
    JS_FreeValue(e.ctx, ab);
    JS_FreeValue(e.ctx, global);

    /* collected without detaching: freed when the runtime goes */
    memset(&blk, 0, sizeof blk);
    ab = JS_NewArrayBuffer(e.ctx, blk.bytes, 8, free_block, &blk, false);
    ASSERT(!JS_IsException(ab));
    JS_FreeValue(e.ctx, ab);
    ASSERT_EQ(blk.frees, 1);

    /* no free function: never freed */
    ab = JS_NewArrayBuffer(e.ctx, blk.bytes, 8, NULL, NULL, false);
    ASSERT(!JS_IsException(ab));
    JS_FreeValue(e.ctx, ab);
    env_free(&e);
}

TEST_IMPL(copy_and_errors)
{
    Env e = env_new();
    static const uint8_t src[4] = { 1, 2, 3, 4 };
    JSValue ab, obj;
    size_t size;
    uint8_t *p;

    ab = JS_NewArrayBufferCopy(e.ctx, src, sizeof src);
    ASSERT(!JS_IsException(ab));
    p = JS_GetArrayBuffer(e.ctx, &size, ab);
    ASSERT_NOT_NULL(p);
    ASSERT(p != src);
    ASSERT_UINT_EQ(size, 4);
    ASSERT_EQ(p[3], 4);
    JS_FreeValue(e.ctx, ab);

    /* bad arguments raise TypeErrors, never crash */
    obj = JS_NewObject(e.ctx);
    ASSERT(!JS_IsArrayBuffer(obj));
    ASSERT_NULL(JS_GetArrayBuffer(e.ctx, &size, obj));
    expect_type_error(e.ctx);
    JS_DetachArrayBuffer(e.ctx, obj);
    expect_type_error(e.ctx);
    JS_DetachArrayBuffer(e.ctx, JS_UNDEFINED);
    expect_type_error(e.ctx);
    ASSERT_EQ(JS_GetTypedArrayType(obj), -1);
    ASSERT_NULL(JS_GetUint8Array(e.ctx, &size, obj));
    expect_type_error(e.ctx);
    ASSERT(JS_IsException(JS_GetTypedArrayBuffer(e.ctx, obj, NULL, NULL, NULL)));
    expect_type_error(e.ctx);
    JS_FreeValue(e.ctx, obj);
    env_free(&e);
}

TEST_IMPL(typed_arrays)
{
    Env e = env_new();
    JSValue ab, ta, args[3], buf, global, r;
    size_t off, len, bpe, size;
    uint8_t *p;

    /* new Int16Array(3) */
    args[0] = JS_NewInt32(e.ctx, 3);
    ta = JS_NewTypedArray(e.ctx, 1, args, JS_TYPED_ARRAY_INT16);
    ASSERT(!JS_IsException(ta));
    ASSERT_EQ(JS_GetTypedArrayType(ta), JS_TYPED_ARRAY_INT16);
    buf = JS_GetTypedArrayBuffer(e.ctx, ta, &off, &len, &bpe);
    ASSERT(JS_IsArrayBuffer(buf));
    ASSERT_UINT_EQ(off, 0);
    ASSERT_UINT_EQ(len, 6);
    ASSERT_UINT_EQ(bpe, 2);
    JS_FreeValue(e.ctx, buf);
    JS_FreeValue(e.ctx, ta);

    /* new Float32Array(buffer, 4, 2) */
    ab = JS_NewArrayBufferCopy(e.ctx, (const uint8_t *)"\0\0\0\0\0\0\200\077\0\0\0\0", 12);
    args[0] = ab;
    args[1] = JS_NewInt32(e.ctx, 4);
    args[2] = JS_NewInt32(e.ctx, 2);
    ta = JS_NewTypedArray(e.ctx, 3, args, JS_TYPED_ARRAY_FLOAT32);
    ASSERT(!JS_IsException(ta));
    buf = JS_GetTypedArrayBuffer(e.ctx, ta, &off, &len, NULL);
    ASSERT_UINT_EQ(off, 4);
    ASSERT_UINT_EQ(len, 8);
    ASSERT(JS_VALUE_GET_PTR(buf) == JS_VALUE_GET_PTR(ab));
    JS_FreeValue(e.ctx, buf);
    global = JS_GetGlobalObject(e.ctx);
    JS_SetPropertyStr(e.ctx, global, "f", JS_DupValue(e.ctx, ta));
    r = eval(e.ctx, "f[0] === 1 && f.length === 2");
    ASSERT(JS_ToBool(e.ctx, r));
    JS_FreeValue(e.ctx, ta);

    /* a bad type or a bad argument */
    ASSERT(JS_IsException(JS_NewTypedArray(e.ctx, 0, NULL, (JSTypedArrayEnum)99)));
    JS_FreeValue(e.ctx, JS_GetException(e.ctx));
    args[1] = JS_NewInt32(e.ctx, 1);
    ASSERT(JS_IsException(JS_NewTypedArray(e.ctx, 2, args, JS_TYPED_ARRAY_INT32)));
    JS_FreeValue(e.ctx, JS_GetException(e.ctx));     /* RangeError: misaligned */
    JS_FreeValue(e.ctx, ab);

    /* Uint8Array helpers */
    ta = JS_NewUint8ArrayCopy(e.ctx, (const uint8_t *)"abc", 3);
    ASSERT(!JS_IsException(ta));
    ASSERT_EQ(JS_GetTypedArrayType(ta), JS_TYPED_ARRAY_UINT8);
    p = JS_GetUint8Array(e.ctx, &size, ta);
    ASSERT_NOT_NULL(p);
    ASSERT_UINT_EQ(size, 3);
    ASSERT_EQ(p[2], 'c');
    JS_SetPropertyStr(e.ctx, global, "u", JS_DupValue(e.ctx, ta));
    r = eval(e.ctx, "u.subarray(1)");
    p = JS_GetUint8Array(e.ctx, &size, r);
    ASSERT_NOT_NULL(p);
    ASSERT_UINT_EQ(size, 2);
    ASSERT_EQ(p[0], 'b');
    JS_FreeValue(e.ctx, r);
    /* not a Uint8Array */
    r = eval(e.ctx, "new Int8Array(2)");
    ASSERT_NULL(JS_GetUint8Array(e.ctx, &size, r));
    expect_type_error(e.ctx);
    JS_FreeValue(e.ctx, r);
    /* detached */
    r = eval(e.ctx, "u.buffer.transfer(); 0");
    ASSERT_NULL(JS_GetUint8Array(e.ctx, &size, ta));
    expect_type_error(e.ctx);
    ASSERT(JS_IsException(JS_GetTypedArrayBuffer(e.ctx, ta, NULL, NULL, NULL)));
    expect_type_error(e.ctx);
    JS_FreeValue(e.ctx, ta);

    {
        Block blk;
        memset(&blk, 0, sizeof blk);
        ta = JS_NewUint8Array(e.ctx, blk.bytes, 5, free_block, &blk, false);
        ASSERT(!JS_IsException(ta));
        p = JS_GetUint8Array(e.ctx, &size, ta);
        ASSERT_PTR_EQ(p, blk.bytes);
        ASSERT_UINT_EQ(size, 5);
        JS_FreeValue(e.ctx, ta);
        JS_SetPropertyStr(e.ctx, global, "u", JS_UNDEFINED);
        JS_RunGC(e.rt);
        ASSERT_EQ(blk.frees, 1);
    }
    JS_FreeValue(e.ctx, global);
    env_free(&e);
}

#define TEST_LIST(X)        \
    X(external_buffer)      \
    X(copy_and_errors)      \
    X(typed_arrays)

HARNESS_MAIN(TEST_LIST)
