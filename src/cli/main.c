/*
 * main.c - the `weft` command: run a script file or a string of code.
 *
 *   weft [options] file.js [args...]
 *   weft [options] -e 'code' [args...]
 *
 * Uses only the public API (quickjs.h) and the console (runtime/console.h);
 * nothing here is needed by an embedder.  An uncaught exception prints the
 * error (with file:line:col and a caret for syntax errors) on stderr and
 * exits with status 1.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"
#include "runtime/console.h"

#if defined(__has_include)
#if __has_include("weft_api_probe.h")
#include "weft_api_probe.h"
#endif
#endif

/* Optional parts of the API (see cmake/ApiProbe.cmake): quickjs.h may
   declare them before the engine defines them, so they are weak
   references, NULL until they exist. */
#ifdef WEFT_HAVE_JS_ExecutePendingJob
#pragma weak JS_ExecutePendingJob
#define HAVE_JOBS (JS_ExecutePendingJob != NULL)
#endif
#if defined(WEFT_HAVE_JS_PromiseState) && defined(WEFT_HAVE_JS_PromiseResult)
#pragma weak JS_PromiseState
#pragma weak JS_PromiseResult
#define HAVE_PROMISE_STATE (JS_PromiseState != NULL && JS_PromiseResult != NULL)
#endif

#ifdef WEFT_HAVE_JS_SetHostPromiseRejectionTracker
#pragma weak JS_SetHostPromiseRejectionTracker
#define HAVE_REJECTION_TRACKER (JS_SetHostPromiseRejectionTracker != NULL)
#endif

#ifndef WEFT_VERSION
#define WEFT_VERSION "0.1.0"
#endif

/* A source evaluated by this run, kept to quote the line of a syntax error. */
typedef struct Source {
    const char *name;
    char *text;
    size_t len;
} Source;

#define MAX_SOURCES 64

/* A promise rejected with no handler (yet). */
typedef struct Rejection {
    JSValue promise;
    JSValue reason;
} Rejection;

typedef struct Cli {
    JSRuntime *rt;
    JSContext *ctx;
    Source sources[MAX_SOURCES];
    int nsources;
    Rejection *rejections;      /* unhandled so far, in order */
    int nrejections, rejections_cap;
} Cli;

static void usage(FILE *f)
{
    fputs("usage: weft [options] [file.js | -e code] [args...]\n"
          "\n"
          "  -e, --eval CODE     run CODE instead of a file\n"
          "  -I, --include FILE  run FILE as a global script first (repeatable)\n"
          "      --script        run the file as a classic script\n"
          "  -m, --module        run the file as an ES module\n"
          "  -h, --help          print this help\n"
          "  -v, --version       print the version\n"
          "\n"
          "The script sees its name and arguments in the global `scriptArgs`.\n",
          f);
}

/* Reads a whole file, NUL-terminated (the engine requires it).  Returns
   NULL with errno set on failure. */
static char *read_file(const char *path, size_t *plen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t n;
        if (cap - len < 4096) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                int e = errno;
                free(buf);
                fclose(f);
                errno = e ? e : EIO;
                return NULL;
            }
            break;
        }
    }
    fclose(f);
    buf[len] = '\0';
    *plen = len;
    return buf;
}

static const Source *find_source(Cli *cli, const char *name)
{
    int i;
    for (i = cli->nsources - 1; i >= 0; i--)
        if (!strcmp(cli->sources[i].name, name))
            return &cli->sources[i];
    return NULL;
}

/* C string of obj[prop] when it is a string (JS_FreeCString it), else NULL. */
static const char *get_str_prop(JSContext *ctx, JSValueConst obj, const char *prop)
{
    JSValue v = JS_GetPropertyStr(ctx, obj, prop);
    const char *s = NULL;
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return NULL;
    }
    if (JS_IsString(v))
        s = JS_ToCString(ctx, v);
    JS_FreeValue(ctx, v);
    return s;
}

static bool get_int_prop(JSContext *ctx, JSValueConst obj, const char *prop, int64_t *out)
{
    JSValue v = JS_GetPropertyStr(ctx, obj, prop);
    bool ok = false;
    if (JS_IsException(v)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    if (JS_IsNumber(v))
        ok = JS_ToInt64(ctx, out, v) == 0;
    JS_FreeValue(ctx, v);
    return ok;
}

/* file:line:col, the source line and a caret under the column. */
static bool print_syntax_location(Cli *cli, JSValueConst err)
{
    JSContext *ctx = cli->ctx;
    const char *file = get_str_prop(ctx, err, "fileName");
    int64_t line = 0, col = 0;
    const Source *src;
    if (!file)
        return false;
    if (!get_int_prop(ctx, err, "lineNumber", &line) || line < 1) {
        JS_FreeCString(ctx, file);
        return false;
    }
    if (!get_int_prop(ctx, err, "columnNumber", &col) || col < 1)
        col = 0;
    if (col)
        fprintf(stderr, "%s:%lld:%lld\n", file, (long long)line, (long long)col);
    else
        fprintf(stderr, "%s:%lld\n", file, (long long)line);
    src = find_source(cli, file);
    if (src) {
        const char *p = src->text, *end = src->text + src->len, *eol;
        int64_t l = 1;
        while (l < line && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl) {
                p = end;
                break;
            }
            p = nl + 1;
            l++;
        }
        if (l == line && p <= end) {
            eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol)
                eol = end;
            if (eol > p && eol[-1] == '\r')
                eol--;
            fwrite(p, 1, (size_t)(eol - p), stderr);
            fputc('\n', stderr);
            if (col) {
                /* one blank per code point before the column; tabs kept */
                int64_t c = 1;
                const char *q = p;
                while (c < col && q < eol) {
                    unsigned char ch = (unsigned char)*q;
                    fputc(ch == '\t' ? '\t' : ' ', stderr);
                    q++;
                    while (q < eol && ((unsigned char)*q & 0xc0) == 0x80)
                        q++;
                    c++;
                }
                fputs("^\n", stderr);
            }
        }
    }
    JS_FreeCString(ctx, file);
    return true;
}

/* Prints an uncaught exception (or unhandled rejection) on stderr. */
static void report_exception2(Cli *cli, JSValueConst exc, bool in_promise)
{
    JSContext *ctx = cli->ctx;
    fflush(stdout);
    if (JS_IsObject(exc) && JS_IsError(ctx, exc)) {
        if (in_promise)
            fputs("Uncaught (in promise) ", stderr);
        const char *name = get_str_prop(ctx, exc, "name");
        const char *msg = get_str_prop(ctx, exc, "message");
        const char *stack = get_str_prop(ctx, exc, "stack");
        char *header;
        size_t hlen;
        const char *n = name ? name : "Error", *m = msg ? msg : "";
        hlen = strlen(n) + strlen(m) + 3;
        header = malloc(hlen);
        if (header) {
            if (!*n)
                snprintf(header, hlen, "%s", m);
            else if (!*m)
                snprintf(header, hlen, "%s", n);
            else
                snprintf(header, hlen, "%s: %s", n, m);
        }
        if (name && !strcmp(name, "SyntaxError") && print_syntax_location(cli, exc)) {
            fprintf(stderr, "%s\n", header ? header : "SyntaxError");
        } else if (stack && header && !strncmp(stack, header, strlen(header))) {
            size_t sl = strlen(stack);
            while (sl && stack[sl - 1] == '\n')
                sl--;
            fwrite(stack, 1, sl, stderr);
            fputc('\n', stderr);
        } else {
            fprintf(stderr, "%s\n", header ? header : n);
            if (stack) {
                /* an engine stack that lists only the frames */
                const char *p = stack;
                size_t sl;
                while (*p == ' ' || *p == '\t')
                    p++;
                if (!strncmp(p, "at ", 3)) {
                    sl = strlen(stack);
                    while (sl && stack[sl - 1] == '\n')
                        sl--;
                    fwrite(stack, 1, sl, stderr);
                    fputc('\n', stderr);
                }
            }
        }
        free(header);
        if (name)
            JS_FreeCString(ctx, name);
        if (msg)
            JS_FreeCString(ctx, msg);
        if (stack)
            JS_FreeCString(ctx, stack);
    } else {
        size_t len = 0;
        char *s = weft_console_inspect(ctx, exc, &len);
        if (s) {
            fputs(in_promise ? "Uncaught (in promise) " : "Uncaught ", stderr);
            fwrite(s, 1, len, stderr);
            fputc('\n', stderr);
            js_free(ctx, s);
        } else {
            JS_FreeValue(ctx, JS_GetException(ctx));
            fputs("Uncaught exception (unprintable)\n", stderr);
        }
    }
    fflush(stderr);
}

static void report_exception(Cli *cli, JSValueConst exc)
{
    report_exception2(cli, exc, false);
}

/* Takes the pending exception, prints it, returns -1. */
static int fail_with_exception(Cli *cli)
{
    JSValue exc = JS_GetException(cli->ctx);
    report_exception(cli, exc);
    JS_FreeValue(cli->ctx, exc);
    return -1;
}

#ifdef HAVE_REJECTION_TRACKER
/* Remembers rejections without handlers; a handler added later (in the
   same run of jobs) takes the promise off the list. */
static void track_rejection(JSContext *ctx, JSValueConst promise, JSValueConst reason,
                            bool is_handled, void *opaque)
{
    Cli *cli = opaque;
    int i;
    if (is_handled) {
        for (i = 0; i < cli->nrejections; i++) {
            if (JS_VALUE_GET_PTR(cli->rejections[i].promise) == JS_VALUE_GET_PTR(promise)) {
                JS_FreeValue(ctx, cli->rejections[i].promise);
                JS_FreeValue(ctx, cli->rejections[i].reason);
                memmove(&cli->rejections[i], &cli->rejections[i + 1],
                        sizeof(Rejection) * (size_t)(cli->nrejections - i - 1));
                cli->nrejections--;
                return;
            }
        }
        return;
    }
    if (cli->nrejections == cli->rejections_cap) {
        int cap = cli->rejections_cap ? cli->rejections_cap * 2 : 8;
        Rejection *r = realloc(cli->rejections, sizeof(Rejection) * (size_t)cap);
        if (!r)
            return;
        cli->rejections = r;
        cli->rejections_cap = cap;
    }
    cli->rejections[cli->nrejections].promise = JS_DupValue(ctx, promise);
    cli->rejections[cli->nrejections].reason = JS_DupValue(ctx, reason);
    cli->nrejections++;
}
#endif

static void free_rejections(Cli *cli)
{
    int i;
    for (i = 0; i < cli->nrejections; i++) {
        JS_FreeValue(cli->ctx, cli->rejections[i].promise);
        JS_FreeValue(cli->ctx, cli->rejections[i].reason);
    }
    free(cli->rejections);
    cli->rejections = NULL;
    cli->nrejections = cli->rejections_cap = 0;
}

/* After the jobs ran: a rejection nobody handled ends the program like an
   uncaught exception.  Returns -1 after printing it. */
static int check_rejections(Cli *cli)
{
    if (cli->nrejections == 0)
        return 0;
    report_exception2(cli, cli->rejections[0].reason, true);
    return -1;
}

/* Runs queued promise jobs until none is left.  Returns -1 after printing
   an uncaught exception from a job. */
static int run_jobs(Cli *cli)
{
#ifdef HAVE_JOBS
    while (HAVE_JOBS) {
        JSContext *jctx = NULL;
        int r = JS_ExecutePendingJob(cli->rt, &jctx);
        if (r == 0)
            break;
        if (r < 0) {
            JSContext *ctx = jctx ? jctx : cli->ctx;
            JSValue exc = JS_GetException(ctx);
            report_exception(cli, exc);
            JS_FreeValue(ctx, exc);
            return -1;
        }
    }
#else
    (void)cli;
#endif
    return 0;
}

/* Evaluates source text; returns 0, or -1 after printing the exception. */
static int eval_source(Cli *cli, const char *name, char *text, size_t len, int flags)
{
    JSContext *ctx = cli->ctx;
    JSValue r;
    if (cli->nsources < MAX_SOURCES) {
        cli->sources[cli->nsources].name = name;
        cli->sources[cli->nsources].text = text;
        cli->sources[cli->nsources].len = len;
        cli->nsources++;
    }
    r = JS_Eval(ctx, text, len, name, flags);
    if (JS_IsException(r))
        return fail_with_exception(cli);
    if (run_jobs(cli) < 0 || check_rejections(cli) < 0) {
        JS_FreeValue(ctx, r);
        return -1;
    }
#ifdef HAVE_PROMISE_STATE
    /* A module's evaluation gives a promise: a rejection is uncaught. */
    if (HAVE_PROMISE_STATE && (flags & JS_EVAL_TYPE_MASK) == JS_EVAL_TYPE_MODULE && JS_IsObject(r) &&
        JS_PromiseState(ctx, r) == 2) {
        JSValue reason = JS_PromiseResult(ctx, r);
        report_exception(cli, reason);
        JS_FreeValue(ctx, reason);
        JS_FreeValue(ctx, r);
        return -1;
    }
#endif
    JS_FreeValue(ctx, r);
    return 0;
}

static int eval_file(Cli *cli, const char *path, int flags)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fflush(stdout);
        fprintf(stderr, "weft: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    /* The text stays alive (owned by cli->sources) to quote syntax errors. */
    if (cli->nsources >= MAX_SOURCES) {
        int r = eval_source(cli, path, text, len, flags);
        free(text);
        return r;
    }
    return eval_source(cli, path, text, len, flags);
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static int set_script_args(JSContext *ctx, int argc, char **argv)
{
    JSValue global = JS_GetGlobalObject(ctx);
    JSValue arr = JS_NewArray(ctx);
    int i, ret = -1;
    if (JS_IsException(arr))
        goto done;
    for (i = 0; i < argc; i++) {
        JSValue s = JS_NewString(ctx, argv[i]);
        if (JS_IsException(s) || JS_SetPropertyUint32(ctx, arr, (uint32_t)i, s) < 0) {
            JS_FreeValue(ctx, arr);
            goto done;
        }
    }
    if (JS_DefinePropertyValueStr(ctx, global, "scriptArgs", arr,
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
        goto done;
    ret = 0;
done:
    JS_FreeValue(ctx, global);
    return ret;
}

int main(int argc, char **argv)
{
    Cli cli;
    const char *includes[64];
    const char *eval_code = NULL, *file = NULL;
    int nincludes = 0, i, status = 0, mode = 0; /* 0 auto, 1 script, 2 module */
    int flags;

    memset(&cli, 0, sizeof cli);
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
            mode = 1;
        } else if (!strcmp(a, "-m") || !strcmp(a, "--module")) {
            mode = 2;
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

    cli.rt = JS_NewRuntime();
    if (!cli.rt) {
        fprintf(stderr, "weft: cannot create the runtime\n");
        return 1;
    }
    cli.ctx = JS_NewContext(cli.rt);
    if (!cli.ctx) {
        fprintf(stderr, "weft: cannot create the context\n");
        JS_FreeRuntime(cli.rt);
        return 1;
    }
#ifdef HAVE_REJECTION_TRACKER
    if (HAVE_REJECTION_TRACKER)
        JS_SetHostPromiseRejectionTracker(cli.rt, track_rejection, &cli);
#endif
    if (weft_console_init(cli.ctx) < 0 ||
        set_script_args(cli.ctx, argc - i, argv + i) < 0) {
        fail_with_exception(&cli);
        status = 1;
        goto done;
    }

    for (int k = 0; k < nincludes; k++) {
        if (eval_file(&cli, includes[k], JS_EVAL_TYPE_GLOBAL) < 0) {
            status = 1;
            goto done;
        }
    }

    /* TODO: detect modules by content (JS_DetectModule) and CommonJS. */
    if (mode == 2 || (mode == 0 && file && has_suffix(file, ".mjs")))
        flags = JS_EVAL_TYPE_MODULE;
    else
        flags = JS_EVAL_TYPE_GLOBAL;

    if (eval_code) {
        size_t len = strlen(eval_code);
        char *text = malloc(len + 1);
        if (!text) {
            fprintf(stderr, "weft: out of memory\n");
            status = 1;
            goto done;
        }
        memcpy(text, eval_code, len + 1);
        if (eval_source(&cli, "<cmdline>", text, len, flags) < 0)
            status = 1;
        if (cli.nsources == 0 || cli.sources[cli.nsources - 1].text != text)
            free(text);
    } else if (eval_file(&cli, file, flags) < 0) {
        status = 1;
    }

done:
    fflush(stdout);
    free_rejections(&cli);
    JS_FreeContext(cli.ctx);
    JS_FreeRuntime(cli.rt);
    for (i = 0; i < cli.nsources; i++)
        free(cli.sources[i].text);
    return status;
}
