/*
 * compilecheck.c - standalone driver for the compiler: compiles JavaScript
 * files to bytecode and prints the disassembly.
 *
 *   compilecheck [--strict] [--hex] [--pc2line] [--quiet] [--eval] file...
 *       compiles each file as a Script (--eval: as indirect eval code) and
 *       dumps its bytecode (children included) unless --quiet; prints
 *       "file:line:col: SyntaxError: message" for compile errors.
 *       Exit status 1 if any file failed.
 *
 * Build (links the engine library):
 *   cc -std=c11 -Iinclude -Isrc tools/compilecheck.c BUILD/libweft.a -lm -lpthread
 * A tool, not part of the engine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"
#include "engine/compile.h"
#include "engine/bytecode.h"

static char *read_file(const char *path, size_t *plen)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n + 1);
    if (!buf || fread(buf, 1, n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    fclose(f);
    *plen = (size_t)n;
    return buf;
}

static void print_exception(JSContext *ctx, const char *file)
{
    JSValue e = JS_GetException(ctx);
    JSValue s = JS_GetPropertyStr(ctx, e, "stack");
    const char *msg = JS_ToCString(ctx, JS_IsUndefined(s) ? e : s);
    fprintf(stderr, "%s: %s\n", file, msg ? msg : "(exception)");
    JS_FreeCString(ctx, msg);
    JS_FreeValue(ctx, s);
    JS_FreeValue(ctx, e);
}

int main(int argc, char **argv)
{
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx;
    int i, status = 0, flags = 0;
    bool quiet = false, as_eval = false;
    uint64_t dump = 0;
    if (!rt)
        return 2;
    ctx = JS_NewContext(rt);
    if (!ctx)
        return 2;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *src;
        size_t len;
        JSValue b;
        if (!strcmp(a, "--strict")) { flags |= JS_EVAL_FLAG_STRICT; continue; }
        if (!strcmp(a, "--hex")) { dump |= JS_DUMP_BYTECODE_HEX; continue; }
        if (!strcmp(a, "--pc2line")) { dump |= JS_DUMP_BYTECODE_PC2LINE; continue; }
        if (!strcmp(a, "--quiet")) { quiet = true; continue; }
        if (!strcmp(a, "--eval")) { as_eval = true; continue; }
        src = read_file(a, &len);
        if (!src) {
            fprintf(stderr, "%s: cannot read\n", a);
            status = 1;
            continue;
        }
        if (as_eval)
            b = wf_compile_eval(ctx, src, len, NULL, 0, (flags & JS_EVAL_FLAG_STRICT) != 0);
        else
            b = wf_compile_script(ctx, src, len, a, flags);
        free(src);
        if (JS_IsException(b)) {
            print_exception(ctx, a);
            status = 1;
            continue;
        }
        if (!quiet)
            wf_bytecode_dump(ctx, wf_bytecode(b), dump);
        else
            printf("%s: OK\n", a);
        JS_FreeValue(ctx, b);
    }
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    return status;
}
