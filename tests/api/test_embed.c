/*
 * test_embed.c - JavaScript compiled at build time: tests/api/embed_sample.js
 * goes through weftc (weft_embed_js in CMakeLists.txt, cmake/WeftEmbedJS.cmake)
 * into a C array, which is loaded with JS_ReadObject(JS_READ_OBJ_BYTECODE)
 * and run with JS_EvalFunction, as the runtime does for its embedded code.
 */
#include "harness.h"

#include "quickjs.h"

extern const uint8_t weft_embed_sample[];
extern const uint32_t weft_embed_sample_size;

TEST_IMPL(embedded_script_runs)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = JS_NewContext(rt);
    JSValue fn, r;
    const char *s;
    static const char check[] =
        "JSON.stringify([embedded.greeting, String(embedded.big), embedded.list])";

    JS_SetDumpFlags(rt, JS_DUMP_LEAKS);
    ASSERT_GT(weft_embed_sample_size, 4);
    ASSERT_EQ(weft_embed_sample[0], 'W');
    fn = JS_ReadObject(ctx, weft_embed_sample, weft_embed_sample_size, JS_READ_OBJ_BYTECODE);
    ASSERT(!JS_IsException(fn));
    r = JS_EvalFunction(ctx, fn);
    ASSERT(!JS_IsException(r));
    JS_FreeValue(ctx, r);
    r = JS_Eval(ctx, check, strlen(check), "<check>", 0);
    ASSERT(!JS_IsException(r));
    s = JS_ToCString(ctx, r);
    ASSERT_STR_EQ(s, "[\"hello weft\",\"36893488147419103232\",[2,4,6]]");
    JS_FreeCString(ctx, s);
    JS_FreeValue(ctx, r);
    /* data, not code, without the flag */
    r = JS_ReadObject(ctx, weft_embed_sample, weft_embed_sample_size, 0);
    ASSERT(JS_IsException(r));
    JS_FreeValue(ctx, JS_GetException(ctx));
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
}

#define TEST_LIST(X) X(embedded_script_runs)

HARNESS_MAIN(TEST_LIST)
