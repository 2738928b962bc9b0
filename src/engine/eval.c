/*
 * eval.c - running source text: JS_Eval / JS_EvalThis / JS_EvalFunction,
 * direct and indirect eval (ECMA-262 19.2.1 PerformEval), the Function
 * constructor family (20.2.1.1.1 CreateDynamicFunction), the source text of
 * functions (20.2.3.5 Function.prototype.toString) and JS_DetectModule.
 *
 * Compilation is the compiler's (compile.h); this file converts strings to
 * the UTF-8 the compiler reads (lone surrogates kept as 3-byte sequences so
 * that eval("'\uD800'") round-trips), instantiates the compiled code in the
 * right environment and runs it through the interpreter.
 */
#include <string.h>

#include "engine/interp_int.h"
#include "engine/bytecode.h"
#include "engine/compile.h"
#include "engine/module.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/conv.h"
#include "engine/error.h"
#include "engine/jsstring.h"
#include "engine/function.h"

/* ---------------------------------------------------------------------- */
/* JS_Eval                                                                 */

JSValue JS_EvalThis(JSContext *ctx, JSValueConst this_obj, const char *input, size_t input_len,
                    const char *filename, int eval_flags)
{
    JSValue bfunc;
    int fflags = 0;

    if (!input)
        return wf_throw_error(ctx, JS_TYPE_ERROR, "JS_Eval: no input");
    if ((eval_flags & JS_EVAL_TYPE_MASK) == JS_EVAL_TYPE_MODULE) {
        /* compiler: module records (module.c) */
        JSValue m = wf_compile_module(ctx, input, input_len, filename ? filename : "<input>");
        JSValue r;
        if (JS_IsException(m) || (eval_flags & JS_EVAL_FLAG_COMPILE_ONLY))
            return m;
        r = wf_module_run(ctx, JS_VALUE_GET_PTR(m));
        return r;
    }
    bfunc = wf_compile_script(ctx, input, input_len, filename ? filename : "<input>",
                              eval_flags);
    if (JS_IsException(bfunc))
        return bfunc;
    if (eval_flags & JS_EVAL_FLAG_COMPILE_ONLY)
        return bfunc;
    if (eval_flags & JS_EVAL_FLAG_BACKTRACE_BARRIER)
        fflags |= WF_FRAME_BARRIER;
    return wf_interp_run_program(ctx, bfunc, this_obj, NULL, fflags);
}

JSValue JS_Eval(JSContext *ctx, const char *input, size_t input_len, const char *filename,
                int eval_flags)
{
    return JS_EvalThis(ctx, ctx->global_obj, input, input_len, filename, eval_flags);
}

JSValue JS_EvalFunction(JSContext *ctx, JSValue fun_obj)
{
    if (JS_VALUE_GET_TAG(fun_obj) == JS_TAG_MODULE)   /* compiler: module.c */
        return wf_module_run(ctx, JS_VALUE_GET_PTR(fun_obj));
    if (JS_VALUE_GET_TAG(fun_obj) == JS_TAG_FUNCTION_BYTECODE)
        return wf_interp_run_program(ctx, fun_obj, ctx->global_obj, NULL, 0);
    JS_FreeValue(ctx, fun_obj);
    return wf_throw_error(ctx, JS_TYPE_ERROR, "JS_EvalFunction: not a compiled script");
}

/* ---------------------------------------------------------------------- */
/* eval                                                                    */

/* Closure variables of a compiled eval body, resolved in frame sf (or
   none when sf is NULL): new array of counted var refs. */
static JSVarRef **eval_var_refs(JSContext *ctx, const JSFunctionBytecode *eb, JSStackFrame *sf)
{
    JSVarRef **refs;
    int n = eb->closure_var_count;

    if (n == 0)
        return NULL;
    refs = js_mallocz(ctx, sizeof(refs[0]) * n);
    if (!refs)
        return NULL;
    for (int i = 0; i < n; i++) {
        const JSClosureVar *cv = &eb->closure_var[i];
        if (sf && cv->is_local) {
            refs[i] = wf_frame_get_var_ref(ctx, sf, cv->var_idx, cv->is_arg);
        } else if (sf && sf->var_refs && sf->b && cv->var_idx < sf->b->closure_var_count &&
                   sf->var_refs[cv->var_idx]) {
            refs[i] = wf_var_ref_dup(sf->var_refs[cv->var_idx]);
        } else {
            refs[i] = wf_var_ref_new_detached(ctx, JS_UNDEFINED);
        }
        if (!refs[i]) {
            while (i-- > 0)
                wf_var_ref_release(ctx->rt, refs[i]);
            js_free(ctx, refs);
            return NULL;
        }
    }
    return refs;
}

static void free_var_refs(JSContext *ctx, JSVarRef **refs, int n)
{
    if (!refs)
        return;
    for (int i = 0; i < n; i++) {
        if (refs[i])
            wf_var_ref_release(ctx->rt, refs[i]);
    }
    js_free(ctx, refs);
}

/* Compile and run eval code.  sf: the caller's frame for direct eval. */
static JSValue perform_eval(JSContext *ctx, JSValueConst src, JSStackFrame *sf, int scope_idx,
                            bool strict, JSValueConst this_val)
{
    const char *str;
    size_t len;
    JSValue bfunc, ret;
    JSFunctionBytecode *eb;
    JSVarRef **refs = NULL;
    int nrefs;

    str = JS_ToCStringLen2(ctx, &len, src, true);
    if (!str)
        return JS_EXCEPTION;
    bfunc = wf_compile_eval(ctx, str, len, sf ? sf->b : NULL, scope_idx, strict);
    JS_FreeCString(ctx, str);
    if (JS_IsException(bfunc))
        return bfunc;
    eb = wf_bytecode(bfunc);
    nrefs = eb->closure_var_count;
    if (nrefs) {
        refs = eval_var_refs(ctx, eb, sf);
        if (!refs) {
            JS_FreeValue(ctx, bfunc);
            return JS_EXCEPTION;
        }
    }
    ret = wf_interp_run_program(ctx, bfunc, this_val, refs, 0);
    free_var_refs(ctx, refs, nrefs);
    return ret;
}

JSValue wf_eval_direct(JSContext *ctx, JSStackFrame *sf, JSValueConst src, int scope_idx)
{
    JSValueConst this_val = sf->this_val;
    if (JS_IsUninitialized(this_val))
        this_val = JS_UNDEFINED;
    return perform_eval(ctx, src, sf, scope_idx, sf->b && sf->b->is_strict, this_val);
}

JSValue wf_eval_indirect(JSContext *ctx, JSValueConst src)
{
    if (!JS_IsString(src))
        return JS_DupValue(ctx, src);
    return perform_eval(ctx, src, NULL, 0, false, ctx->global_obj);
}

/* ---------------------------------------------------------------------- */
/* CreateDynamicFunction                                                   */

static JSClassID fctor_class(int kind)
{
    switch (kind) {
    case 1: return JS_CLASS_GENERATOR_FUNCTION;
    case 2: return JS_CLASS_ASYNC_FUNCTION;
    case 3: return JS_CLASS_ASYNC_GENERATOR_FUNCTION;
    default: return JS_CLASS_BYTECODE_FUNCTION;
    }
}

JSValue wf_function_constructor(JSContext *ctx, JSValueConst new_target, int argc,
                                JSValueConst *argv, int kind)
{
    WFStringBuilder sb;
    JSValue params = JS_UNDEFINED, body = JS_UNDEFINED, bfunc, func, proto;
    const char *ps = NULL, *bs = NULL;
    size_t plen = 0, blen = 0;
    int i;

    /* ToString of every argument, in order, before parsing */
    if (wf_sb_init(ctx, &sb, 32) < 0)
        return JS_EXCEPTION;
    for (i = 0; i < argc - 1; i++) {
        if (i > 0)
            wf_sb_putc(&sb, ',');
        if (wf_sb_put_value(&sb, argv[i]) < 0) {
            wf_sb_free(&sb);
            return JS_EXCEPTION;
        }
    }
    params = wf_sb_finish(&sb);
    if (JS_IsException(params))
        return params;
    if (argc > 0) {
        body = wf_to_string(ctx, argv[argc - 1]);
        if (JS_IsException(body)) {
            JS_FreeValue(ctx, params);
            return body;
        }
    } else {
        body = wf_str_empty(ctx);
    }
    ps = JS_ToCStringLen2(ctx, &plen, params, true);
    bs = ps ? JS_ToCStringLen2(ctx, &blen, body, true) : NULL;
    JS_FreeValue(ctx, params);
    JS_FreeValue(ctx, body);
    if (!ps || !bs) {
        JS_FreeCString(ctx, ps);
        return JS_EXCEPTION;
    }
    bfunc = wf_compile_function_ctor(ctx, ps, plen, bs, blen, kind);
    JS_FreeCString(ctx, ps);
    JS_FreeCString(ctx, bs);
    if (JS_IsException(bfunc))
        return bfunc;
    func = wf_closure_new(ctx, bfunc, NULL, NULL);
    JS_FreeValue(ctx, bfunc);
    if (JS_IsException(func))
        return func;
    /* GetPrototypeFromConstructor(newTarget, fallbackProto) */
    if (JS_IsObject(new_target)) {
        proto = wf_obj_get(ctx, new_target, JS_ATOM_prototype, new_target);
        if (JS_IsException(proto))
            goto fail;
        if (JS_IsObject(proto)) {
            if (wf_obj_set_proto(ctx, func, proto, true) < 0) {
                JS_FreeValue(ctx, proto);
                goto fail;
            }
        } else {
            /* the fallback is the intrinsic of new_target's realm */
            JSContext *realm = wf_function_realm(ctx, new_target);
            JSValueConst fb;
            if (!realm) {   /* revoked proxy */
                JS_FreeValue(ctx, proto);
                goto fail;
            }
            fb = fctor_class(kind) == JS_CLASS_BYTECODE_FUNCTION
                 ? realm->function_proto
                 : realm->class_proto[fctor_class(kind)];
            if (JS_IsObject(fb) && wf_obj_set_proto(ctx, func, fb, true) < 0) {
                JS_FreeValue(ctx, proto);
                goto fail;
            }
        }
        JS_FreeValue(ctx, proto);
    }
    return func;
fail:
    JS_FreeValue(ctx, func);
    return JS_EXCEPTION;
}

/* ---------------------------------------------------------------------- */
/* Function.prototype.toString                                             */

JSValue wf_function_source(JSContext *ctx, JSValueConst func)
{
    JSObject *p;
    const JSFunctionBytecode *b;

    if (!JS_IsObject(func))
        return JS_UNDEFINED;
    p = wf_obj(func);
    switch (p->class_id) {
    case JS_CLASS_BYTECODE_FUNCTION:
    case JS_CLASS_GENERATOR_FUNCTION:
    case JS_CLASS_ASYNC_FUNCTION:
    case JS_CLASS_ASYNC_GENERATOR_FUNCTION:
        break;
    default:
        return JS_UNDEFINED;
    }
    b = p->u.func.bytecode;
    if (!b || !b->source || b->src_end <= b->src_start || b->src_end > b->source->len)
        return JS_UNDEFINED;
    return wf_str_new_utf8(ctx, b->source->data + b->src_start, b->src_end - b->src_start);
}

/* ---------------------------------------------------------------------- */
/* JS_DetectModule                                                         */

static bool ident_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '$' || c >= 0x80;
}

/* Heuristic: a statement starting with `import` (not `import(` or
   `import.meta`... which scripts may use too) or `export` at the top of a
   line, outside comments and strings. */
bool JS_DetectModule(const char *input, size_t input_len)
{
    const unsigned char *p = (const unsigned char *)input, *end = p + input_len;
    bool line_start = true;

    while (p < end) {
        unsigned char c = *p;
        if (c == '\n') {
            line_start = true;
            p++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == ';' || c == '}') {
            p++;
        } else if (c == '/' && p + 1 < end && p[1] == '/') {
            while (p < end && *p != '\n')
                p++;
        } else if (c == '/' && p + 1 < end && p[1] == '*') {
            p += 2;
            while (p + 1 < end && !(p[0] == '*' && p[1] == '/'))
                p++;
            p += 2;
        } else if (c == '"' || c == '\'' || c == '`') {
            unsigned char q = c;
            p++;
            while (p < end && *p != q) {
                if (*p == '\\')
                    p++;
                p++;
            }
            p++;
            line_start = false;
        } else if (line_start && ident_char(c)) {
            const unsigned char *s = p;
            while (p < end && ident_char(*p))
                p++;
            if ((p - s == 6 && !memcmp(s, "export", 6)) ) {
                return true;
            }
            if (p - s == 6 && !memcmp(s, "import", 6)) {
                const unsigned char *q = p;
                while (q < end && (*q == ' ' || *q == '\t'))
                    q++;
                if (q < end && *q != '(' && *q != '.')
                    return true;
            }
            line_start = false;
        } else {
            line_start = false;
            p++;
        }
    }
    return false;
}
