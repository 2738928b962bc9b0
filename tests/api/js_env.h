/*
 * js_env.h - a runtime and a context for one C API test (include after
 * harness.h).  The runtime reports leaks (JS_DUMP_LEAKS) when it is freed.
 */
#ifndef WEFT_TEST_JS_ENV_H
#define WEFT_TEST_JS_ENV_H

#include "quickjs.h"

typedef struct Env {
    JSRuntime *rt;
    JSContext *ctx;
} Env;

static Env env_new(void)
{
    Env e;
    e.rt = JS_NewRuntime();
    ASSERT_NOT_NULL(e.rt);
    JS_SetDumpFlags(e.rt, JS_DUMP_LEAKS);
    e.ctx = JS_NewContext(e.rt);
    ASSERT_NOT_NULL(e.ctx);
    return e;
}

static void env_free(Env *e)
{
    JS_FreeContext(e->ctx);
    JS_FreeRuntime(e->rt);
}

#endif /* WEFT_TEST_JS_ENV_H */
