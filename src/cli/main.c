/*
 * main.c - the `weft` command: run a script or ES module file, or a string
 * of code, then the event loop until nothing is left to do.
 *
 *   weft [options] file.js [args...]
 *   weft [options] -e 'code' [args...]
 *
 * Script or module: `.mjs` is a module, `.cjs` a script; otherwise a
 * source with top-level import/export is a module, and a source that is
 * not a valid script but is a valid module (top-level await) too.
 * `--script` / `--module` force the choice.  An uncaught exception or an
 * unhandled promise rejection prints the error with its stack (file:line:
 * col, the line and a caret for syntax errors) on stderr and exits with
 * status 1.  Everything an embedder would also need lives in src/runtime/
 * (quickjs-libc.h / weft-libc.h); this file only parses the command line.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"
#include "quickjs-libc.h"
#include "weft-libc.h"
#include "runtime/runtime.h"

#ifndef WEFT_VERSION
#define WEFT_VERSION "0.1.0"
#endif

enum { MODE_AUTO, MODE_SCRIPT, MODE_MODULE };

static void usage(FILE *f)
{
    fputs("usage: weft [options] [file.js | -e code] [args...]\n"
          "\n"
          "  -e, --eval CODE     run CODE instead of a file\n"
          "  -I, --include FILE  run FILE as a global script first (repeatable)\n"
          "      --script        run the file as a classic script\n"
          "  -m, --module        run the file as an ES module\n"
          "      --std           make 'std' and 'os' globals (std, os) for scripts\n"
          "  -h, --help          print this help\n"
          "  -v, --version       print the version\n"
          "\n"
          "A file is an ES module if it ends in .mjs or uses import/export or\n"
          "top-level await.  The script sees its name and arguments in the\n"
          "global `scriptArgs`; 'std' and 'os' (or 'qjs:std', 'qjs:os') can be\n"
          "imported.\n",
          f);
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* Prints the pending exception of ctx and returns -1. */
static int report(JSContext *ctx)
{
    WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
    JSValue exc = JS_GetException(ctx);
    bool in_promise = ts && ts->error_is_rejection;
    wf_rt_print_error(ctx, exc, in_promise ? "Uncaught (in promise) " : "Uncaught ");
    JS_FreeValue(ctx, exc);
    return -1;
}

/* Compiles `text` as the main program (deciding script or module when
   mode is MODE_AUTO) and runs its top level: JS_UNDEFINED for a script,
   the evaluation promise of a module, or JS_EXCEPTION. */
static JSValue run_main(JSContext *ctx, const char *name, const char *text, size_t len,
                        int mode)
{
    JSValue fn = JS_UNDEFINED;
    bool module = mode == MODE_MODULE;
    if (len >= 4 && text[0] == 'W' && text[1] == 'F' && text[2] == 1) {
        /* compiled by weftc (JS_WriteObject with JS_WRITE_OBJ_BYTECODE) */
        fn = JS_ReadObject(ctx, (const uint8_t *)text, len, JS_READ_OBJ_BYTECODE);
        if (JS_IsException(fn))
            return fn;
        module = JS_VALUE_GET_TAG(fn) == JS_TAG_MODULE;
        if (!module) {
            JSValue r = JS_EvalFunction(ctx, fn);
            if (JS_IsException(r))
                return r;
            JS_FreeValue(ctx, r);
            return JS_UNDEFINED;
        }
        mode = MODE_MODULE;
    } else if (mode == MODE_AUTO)
        module = JS_DetectModule(text, len);
    if (!module) {
        fn = JS_Eval(ctx, text, len, name, JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
        if (JS_IsException(fn) && mode == MODE_AUTO) {
            /* not a script: maybe a module without import/export
               (top-level await)?  Keep the script's error otherwise. */
            JSValue exc = JS_GetException(ctx);
            JSValue mfn = JS_Eval(ctx, text, len, name,
                                  JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
            if (JS_IsException(mfn)) {
                JS_FreeValue(ctx, JS_GetException(ctx));
                JS_Throw(ctx, exc);
                return JS_EXCEPTION;
            }
            JS_FreeValue(ctx, exc);
            fn = mfn;
            module = true;
        }
        if (!module) {
            JSValue r;
            if (JS_IsException(fn))
                return fn;
            r = JS_EvalFunction(ctx, fn);
            if (JS_IsException(r))
                return r;
            JS_FreeValue(ctx, r);
            return JS_UNDEFINED;
        }
    } else if (JS_VALUE_GET_TAG(fn) != JS_TAG_MODULE) {
        fn = JS_Eval(ctx, text, len, name, JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
        if (JS_IsException(fn))
            return fn;
    }
    if (js_module_set_import_meta(ctx, fn, true, true) < 0) {
        JS_FreeValue(ctx, fn);
        return JS_EXCEPTION;
    }
    return JS_EvalFunction(ctx, fn);
}

int main(int argc, char **argv)
{
    const char *includes[64];
    const char *eval_code = NULL, *file = NULL;
    int nincludes = 0, i, status = 0, mode = MODE_AUTO, k;
    bool std_globals = false;
    JSRuntime *rt = NULL;
    JSContext *ctx = NULL;
    JSValue result = JS_UNDEFINED;
    uint8_t *text = NULL;
    size_t len = 0;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            break;
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--version")) {
            printf("weft %s\n", WEFT_VERSION);
            return 0;
        } else if (!strcmp(a, "-e") || !strcmp(a, "--eval")) {
            if (++i >= argc) {
                fprintf(stderr, "weft: %s needs an argument\n", a);
                return 2;
            }
            eval_code = argv[i];
            i++;
            break;
        } else if (!strcmp(a, "-I") || !strcmp(a, "--include")) {
            if (++i >= argc) {
                fprintf(stderr, "weft: %s needs an argument\n", a);
                return 2;
            }
            if (nincludes == (int)(sizeof includes / sizeof includes[0])) {
                fprintf(stderr, "weft: too many --include files\n");
                return 2;
            }
            includes[nincludes++] = argv[i];
        } else if (!strcmp(a, "--script")) {
            mode = MODE_SCRIPT;
        } else if (!strcmp(a, "-m") || !strcmp(a, "--module")) {
            mode = MODE_MODULE;
        } else if (!strcmp(a, "--std")) {
            std_globals = true;
        } else {
            fprintf(stderr, "weft: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!eval_code) {
        if (i >= argc) {
            usage(stderr);
            return 2;
        }
        file = argv[i];
    }

    rt = JS_NewRuntime();
    if (!rt || weft_runtime_setup(rt) < 0) {
        fprintf(stderr, "weft: cannot create the runtime\n");
        if (rt)
            JS_FreeRuntime(rt);
        return 1;
    }
    ctx = JS_NewContext(rt);
    if (!ctx) {
        fprintf(stderr, "weft: cannot create the context\n");
        js_std_free_handlers(rt);
        JS_FreeRuntime(rt);
        return 1;
    }
    if (wf_rt_init_context(ctx, argc - i, argv + i) < 0) {
        status = 1;
        report(ctx);
        goto done;
    }

    if (std_globals) {
        static const char init[] = "import * as std from 'std'; import * as os from 'os';\n"
                                   "globalThis.std = std; globalThis.os = os;\n";
        JSValue r = JS_Eval(ctx, init, sizeof init - 1, "<std>", JS_EVAL_TYPE_MODULE);
        if (!JS_IsException(r))
            r = js_std_await(ctx, r);
        if (JS_IsException(r)) {
            report(ctx);
            status = 1;
            goto done;
        }
        JS_FreeValue(ctx, r);
    }

    for (k = 0; k < nincludes; k++) {
        size_t ilen;
        uint8_t *itext = js_load_file(ctx, &ilen, includes[k]);
        JSValue r;
        if (!itext) {
            fprintf(stderr, "weft: cannot read %s: %s\n", includes[k], strerror(errno));
            status = 1;
            goto done;
        }
        r = JS_Eval(ctx, (const char *)itext, ilen, includes[k], JS_EVAL_TYPE_GLOBAL);
        js_free(ctx, itext);
        if (JS_IsException(r)) {
            report(ctx);
            status = 1;
            goto done;
        }
        JS_FreeValue(ctx, r);
    }

    if (eval_code) {
        len = strlen(eval_code);
        wf_rt_add_source(ctx, "<cmdline>", eval_code, len);
        result = run_main(ctx, "<cmdline>", eval_code, len, mode);
    } else {
        text = js_load_file(ctx, &len, file);
        if (!text) {
            fflush(stdout);
            fprintf(stderr, "weft: cannot read %s: %s\n", file, strerror(errno));
            status = 1;
            goto done;
        }
        if (mode == MODE_AUTO && has_suffix(file, ".mjs"))
            mode = MODE_MODULE;
        else if (mode == MODE_AUTO && has_suffix(file, ".cjs"))
            mode = MODE_SCRIPT;
        result = run_main(ctx, file, (const char *)text, len, mode);
        js_free(ctx, text);
        text = NULL;
    }
    if (JS_IsException(result)) {
        report(ctx);
        status = 1;
        goto done;
    }
    if (JS_IsPromise(result) && JS_PromiseState(ctx, result) == JS_PROMISE_REJECTED) {
        /* the module threw during its synchronous evaluation */
        JSValue reason = JS_PromiseResult(ctx, result);
        js_std_promise_rejection_tracker(ctx, result, reason, true, NULL);
        wf_rt_print_error(ctx, reason, "Uncaught ");
        JS_FreeValue(ctx, reason);
        status = 1;
        goto done;
    }
    if (js_std_loop(ctx) < 0) {
        report(ctx);
        status = 1;
        goto done;
    }
    /* a module whose evaluation never finished: top-level await on a
       promise nothing can settle any more (Node's exit status 13) */
    if (JS_IsPromise(result) && JS_PromiseState(ctx, result) == JS_PROMISE_PENDING) {
        fflush(stdout);
        fprintf(stderr, "weft: warning: unsettled top-level await in %s\n",
                file ? file : "<cmdline>");
        status = 13;
    } else if (JS_IsPromise(result) && JS_PromiseState(ctx, result) == JS_PROMISE_REJECTED) {
        JSValue reason = JS_PromiseResult(ctx, result);
        wf_rt_print_error(ctx, reason, "Uncaught ");
        JS_FreeValue(ctx, reason);
        status = 1;
    }
done:
    fflush(stdout);
    JS_FreeValue(ctx, result);
    js_std_free_handlers(rt);
    JS_FreeContext(ctx);
    JS_FreeRuntime(rt);
    return status;
}
