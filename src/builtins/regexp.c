/*
 * regexp.c - the RegExp constructor, RegExp.prototype and the RegExp
 * String Iterator (ECMA-262 22.2.4 - 22.2.9), RegExp.escape, and Annex B's
 * RegExp.prototype.compile.
 *
 * The pattern compiler and matcher live in src/engine/regexp/ (regexp.h);
 * this file is the JavaScript face over them: the [[OriginalSource]],
 * [[OriginalFlags]] and [[RegExpMatcher]] slots (RegExpData), lastIndex,
 * the match result objects, and the Symbol.match/matchAll/replace/search/
 * split protocol, which goes through RegExpExec so that subclasses and
 * user exec methods are honoured.
 */
#include <stdio.h>
#include <string.h>

#include "builtins/builtins.h"
#include "engine/unicode/idchar.h"
#include "engine/interp.h"
#include "engine/regexp/regexp.h"
#include "engine/regexp/re_rt.h"

#define countof(a) ((int)(sizeof(a) / sizeof((a)[0])))

typedef struct RegExpData {
    JSValue source;      /* [[OriginalSource]]: a string */
    uint8_t *bc;         /* [[RegExpMatcher]]: bytecode, code->bc */
    size_t bc_len;
    int flags;           /* [[OriginalFlags]]: WF_RE_FLAG_* */
    WFRegexpCode *code;  /* counted; shared by the objects of one source (re_rt.h) */
} RegExpData;

static void regexp_finalizer(JSRuntime *rt, JSValueConst obj)
{
    RegExpData *d = wf_obj(obj)->u.ptr;
    if (d) {
        JS_FreeValueRT(rt, d->source);
        wf_regexp_code_release(rt, d->code);
        js_free_rt(rt, d);
    }
}

bool JS_IsRegExp(JSValueConst val)
{
    return JS_IsObject(val) && wf_obj(val)->class_id == JS_CLASS_REGEXP &&
           wf_obj(val)->u.ptr != NULL;
}

/* the RegExpData of an object with [[RegExpMatcher]], or NULL */
static RegExpData *regexp_data(JSValueConst v)
{
    if (!JS_IsObject(v) || wf_obj(v)->class_id != JS_CLASS_REGEXP)
        return NULL;
    return wf_obj(v)->u.ptr;
}

static RegExpData *this_regexp(JSContext *ctx, JSValueConst this_val, const char *method)
{
    RegExpData *d = regexp_data(this_val);
    if (!d)
        JS_ThrowTypeError(ctx, "RegExp.prototype.%s requires that 'this' be a RegExp object", method);
    return d;
}

static const void *str_chars(const JSString *p)
{
    return p->is_wide ? (const void *)p->u.str16 : (const void *)p->u.str8;
}

/* ---------------------------------------------------------------- creation */

/* IsRegExp (7.2.8): 1, 0, -1 on exception */
static int is_regexp(JSContext *ctx, JSValueConst v)
{
    JSValue m;
    if (!JS_IsObject(v))
        return 0;
    m = JS_GetProperty(ctx, v, JS_ATOM_Symbol_match);
    if (JS_IsException(m))
        return -1;
    if (!JS_IsUndefined(m)) {
        int r = wf_to_boolean(m);
        JS_FreeValue(ctx, m);
        return r;
    }
    return regexp_data(v) != NULL;
}

/* RegExpAlloc (22.2.3.2) */
static JSValue regexp_alloc(JSContext *ctx, JSValueConst new_target)
{
    JSValue obj = wf_obj_create_from_ctor(ctx, new_target, JS_CLASS_REGEXP);
    if (JS_IsException(obj))
        return obj;
    wf_obj(obj)->u.ptr = NULL;
    if (JS_DefinePropertyValue(ctx, obj, JS_ATOM_lastIndex, JS_NewInt32(ctx, 0),
                               JS_PROP_WRITABLE | JS_PROP_THROW) < 0) {
        JS_FreeValue(ctx, obj);
        return JS_EXCEPTION;
    }
    return obj;
}

static JSValue throw_syntax(JSContext *ctx, JSValueConst pattern, JSValueConst flags, const char *msg)
{
    size_t pl, fl;
    const char *p = JS_ToCStringLen(ctx, &pl, pattern);
    const char *f = JS_ToCStringLen(ctx, &fl, flags);
    if (p && f)
        JS_ThrowSyntaxError(ctx, "Invalid regular expression: /%.*s/%s: %s",
                            (int)(pl > 200 ? 200 : pl), p, f, msg);
    JS_FreeCString(ctx, p);
    JS_FreeCString(ctx, f);
    return JS_EXCEPTION;
}

/* RegExpInitialize (22.2.3.3): consumes nothing; returns obj (new
   reference) or JS_EXCEPTION */
static JSValue regexp_initialize(JSContext *ctx, JSValueConst obj, JSValueConst pattern,
                                 JSValueConst flags)
{
    JSValue p = JS_UNDEFINED, f = JS_UNDEFINED;
    JSString *ps, *fs;
    WFRegexpCode *code;
    char err[160];
    int fl, r;
    RegExpData *d;

    p = JS_IsUndefined(pattern) ? wf_str_empty(ctx) : wf_to_string(ctx, pattern);
    if (JS_IsException(p))
        return p;
    f = JS_IsUndefined(flags) ? wf_str_empty(ctx) : wf_to_string(ctx, flags);
    if (JS_IsException(f))
        goto fail;
    ps = wf_str(p);
    fs = wf_str(f);
    fl = wf_regexp_parse_flags(str_chars(fs), fs->len, fs->is_wide);
    if (fl < 0) {
        throw_syntax(ctx, p, f, "invalid flags");
        goto fail;
    }
    code = wf_regexp_code_get(ctx->rt, str_chars(ps), ps->len,
                              ps->is_wide ? WF_RE_PAT_UTF16 : WF_RE_PAT_LATIN1,
                              fl, err, sizeof(err), &r);
    if (!code) {
        if (r == -2)
            JS_ThrowOutOfMemory(ctx);
        else
            throw_syntax(ctx, p, f, err);
        goto fail;
    }
    d = wf_obj(obj)->u.ptr;
    if (!d) {
        d = js_mallocz(ctx, sizeof(*d));
        if (!d) {
            wf_regexp_code_release(ctx->rt, code);
            goto fail;
        }
        d->source = JS_UNDEFINED;
        wf_obj(obj)->u.ptr = d;
    }
    JS_FreeValue(ctx, d->source);
    wf_regexp_code_release(ctx->rt, d->code);
    d->source = p;
    d->code = code;
    d->bc = code->bc;
    d->bc_len = code->len;
    d->flags = fl;
    JS_FreeValue(ctx, f);
    if (JS_SetProperty(ctx, obj, JS_ATOM_lastIndex, JS_NewInt32(ctx, 0)) < 0)
        return JS_EXCEPTION;
    return JS_DupValue(ctx, obj);
fail:
    JS_FreeValue(ctx, p);
    JS_FreeValue(ctx, f);
    return JS_EXCEPTION;
}

/* RegExp(pattern, flags) (22.2.4.1) */
static JSValue js_regexp_constructor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv)
{
    JSValueConst pattern = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst flags = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSValue p = JS_UNDEFINED, f = JS_UNDEFINED, obj, ret;
    JSValueConst nt = new_target;
    RegExpData *pd;
    int is_re = is_regexp(ctx, pattern);

    if (is_re < 0)
        return JS_EXCEPTION;
    if (JS_IsUndefined(new_target)) {
        nt = ctx->regexp_ctor;
        if (is_re && JS_IsUndefined(flags)) {
            JSValue c = JS_GetProperty(ctx, pattern, JS_ATOM_constructor);
            bool same;
            if (JS_IsException(c))
                return c;
            same = wf_same_value(c, nt);
            JS_FreeValue(ctx, c);
            if (same)
                return JS_DupValue(ctx, pattern);
        }
    }
    if ((pd = regexp_data(pattern)) != NULL) {
        p = JS_DupValue(ctx, pd->source);
        if (JS_IsUndefined(flags)) {
            char buf[9];
            int n = 0;
            static const char letters[] = "dgimsuvy";
            static const int bits[] = { WF_RE_FLAG_HASINDICES, WF_RE_FLAG_GLOBAL, WF_RE_FLAG_IGNORECASE,
                                        WF_RE_FLAG_MULTILINE, WF_RE_FLAG_DOTALL, WF_RE_FLAG_UNICODE,
                                        WF_RE_FLAG_UNICODESETS, WF_RE_FLAG_STICKY };
            for (int i = 0; i < 8; i++)
                if (pd->flags & bits[i])
                    buf[n++] = letters[i];
            f = JS_NewStringLen(ctx, buf, (size_t)n);
            if (JS_IsException(f))
                goto fail;
        } else {
            f = JS_DupValue(ctx, flags);
        }
    } else if (is_re) {
        p = JS_GetProperty(ctx, pattern, JS_ATOM_source);
        if (JS_IsException(p))
            goto fail;
        if (JS_IsUndefined(flags)) {
            f = JS_GetProperty(ctx, pattern, JS_ATOM_flags);
            if (JS_IsException(f))
                goto fail;
        } else {
            f = JS_DupValue(ctx, flags);
        }
    } else {
        p = JS_DupValue(ctx, pattern);
        f = JS_DupValue(ctx, flags);
    }
    obj = regexp_alloc(ctx, nt);
    if (JS_IsException(obj))
        goto fail;
    ret = regexp_initialize(ctx, obj, p, f);
    JS_FreeValue(ctx, obj);
    JS_FreeValue(ctx, p);
    JS_FreeValue(ctx, f);
    return ret;
fail:
    JS_FreeValue(ctx, p);
    JS_FreeValue(ctx, f);
    return JS_EXCEPTION;
}

/* Annex B RegExp.prototype.compile(pattern, flags) (B.2.4.1) */
static JSValue js_regexp_compile(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst pattern = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst flags = argc > 1 ? argv[1] : JS_UNDEFINED;
    RegExpData *pd;
    if (!this_regexp(ctx, this_val, "compile"))
        return JS_EXCEPTION;
    if ((pd = regexp_data(pattern)) != NULL) {
        JSValue f, src, ret;
        char buf[9];
        int n = 0;
        static const char letters[] = "dgimsuvy";
        static const int bits[] = { WF_RE_FLAG_HASINDICES, WF_RE_FLAG_GLOBAL, WF_RE_FLAG_IGNORECASE,
                                    WF_RE_FLAG_MULTILINE, WF_RE_FLAG_DOTALL, WF_RE_FLAG_UNICODE,
                                    WF_RE_FLAG_UNICODESETS, WF_RE_FLAG_STICKY };
        if (!JS_IsUndefined(flags))
            return JS_ThrowTypeError(ctx, "RegExp.prototype.compile: flags must be undefined when the pattern is a RegExp");
        for (int i = 0; i < 8; i++)
            if (pd->flags & bits[i])
                buf[n++] = letters[i];
        f = JS_NewStringLen(ctx, buf, (size_t)n);
        if (JS_IsException(f))
            return f;
        src = JS_DupValue(ctx, pd->source);
        ret = regexp_initialize(ctx, this_val, src, f);
        JS_FreeValue(ctx, src);
        JS_FreeValue(ctx, f);
        return ret;
    }
    return regexp_initialize(ctx, this_val, pattern, flags);
}

static JSValue js_regexp_species(JSContext *ctx, JSValueConst this_val)
{
    return JS_DupValue(ctx, this_val);
}

/* ---------------------------------------------------------------- matching */

static int re_interrupt(void *opaque)
{
    JSContext *ctx = opaque;
    JSRuntime *rt = ctx->rt;
    return rt->interrupt_handler && rt->interrupt_handler(rt, rt->interrupt_opaque);
}

/* runs the matcher: 1 match, 0 none, -1 exception */
static int regexp_run(JSContext *ctx, const uint8_t *bc, const JSString *sp, uint32_t start,
                      int32_t *caps, bool search)
{
    WFRegexpAlloc a;
    WFRegexpExecCtx ex;
    int r;
    wf_regexp_alloc_init(&a, ctx->rt);
    memset(&ex, 0, sizeof(ex));
    ex.alloc = &a;
    ex.interrupt = re_interrupt;
    ex.opaque = ctx;
    ex.ignore_sticky = search;
    r = wf_regexp_exec(bc, str_chars(sp), sp->len, sp->is_wide, start, caps, &ex);
    if (r < 0) {
        if (ex.error == WF_RE_ERR_INTERRUPTED)
            wf_throw_interrupted(ctx);
        else if (ex.error == WF_RE_ERR_NOMEM)
            JS_ThrowOutOfMemory(ctx);
        else
            wf_throw_stack_overflow(ctx);
    }
    return r;
}

static int set_last_index(JSContext *ctx, JSValueConst rx, int64_t v)
{
    return JS_SetProperty(ctx, rx, JS_ATOM_lastIndex, JS_NewInt64(ctx, v));
}

static int get_length(JSContext *ctx, JSValueConst obj, JSAtom prop, int64_t *pres)
{
    JSValue v = JS_GetProperty(ctx, obj, prop);
    int r;
    if (JS_IsException(v))
        return -1;
    r = wf_to_length(ctx, pres, v);
    JS_FreeValue(ctx, v);
    return r;
}

static int def_prop(JSContext *ctx, JSValueConst obj, JSAtom prop, JSValue v)
{
    return JS_DefinePropertyValue(ctx, obj, prop, v, JS_PROP_C_W_E | JS_PROP_THROW);
}

static JSValue index_pair(JSContext *ctx, int32_t s, int32_t e)
{
    JSValue a = JS_NewArray(ctx);
    if (JS_IsException(a))
        return a;
    if (JS_DefinePropertyValueUint32(ctx, a, 0, JS_NewInt32(ctx, s), JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValueUint32(ctx, a, 1, JS_NewInt32(ctx, e), JS_PROP_C_W_E) < 0) {
        JS_FreeValue(ctx, a);
        return JS_EXCEPTION;
    }
    return a;
}

/* RegExpBuiltinExec (22.2.7.2): the match array, null, or JS_EXCEPTION;
   with test_only, true instead of the array (nothing observes it) */
static JSValue regexp_builtin_exec_ex(JSContext *ctx, JSValueConst rx, JSValueConst str, bool test_only)
{
    JSString *sp = wf_str(str);
    RegExpData *d;
    int64_t last_index;
    int32_t local_caps[32], *caps = local_caps;
    JSValue arr = JS_UNDEFINED, groups = JS_UNDEFINED, indices = JS_UNDEFINED, igroups = JS_UNDEFINED;
    JSValue vals_local[16], *vals = vals_local;
    JSAtom *names = NULL;
    int ncap, r, nvals = 0;
    bool global, sticky, has_indices;

    if (get_length(ctx, rx, JS_ATOM_lastIndex, &last_index) < 0)
        return JS_EXCEPTION;
    d = regexp_data(rx);
    if (!d)
        return JS_ThrowTypeError(ctx, "RegExp.prototype.exec requires that 'this' be a RegExp object");
    global = (d->flags & WF_RE_FLAG_GLOBAL) != 0;
    sticky = (d->flags & WF_RE_FLAG_STICKY) != 0;
    has_indices = (d->flags & WF_RE_FLAG_HASINDICES) != 0;
    if (!global && !sticky)
        last_index = 0;
    if (last_index > (int64_t)sp->len) {
        if ((global || sticky) && set_last_index(ctx, rx, 0) < 0)
            return JS_EXCEPTION;
        return JS_NULL;
    }
    ncap = wf_regexp_capture_count(d->bc);
    if (2 * ncap > countof(local_caps)) {
        caps = js_malloc(ctx, sizeof(int32_t) * 2 * (size_t)ncap);
        if (!caps)
            return JS_EXCEPTION;
    }
    r = regexp_run(ctx, d->bc, sp, (uint32_t)last_index, caps, false);
    if (r <= 0) {
        if (r == 0) {
            if ((global || sticky) && set_last_index(ctx, rx, 0) < 0)
                r = -1;
        }
        if (caps != local_caps)
            js_free(ctx, caps);
        return r < 0 ? JS_EXCEPTION : JS_NULL;
    }
    if ((global || sticky) && set_last_index(ctx, rx, caps[1]) < 0)
        goto fail;
    if (test_only) {
        if (caps != local_caps)
            js_free(ctx, caps);
        return JS_TRUE;
    }
    /* the regexp cannot change from here on: no user code runs.  The
       elements are collected first, then the array is made in one go
       (its string keys still come in the order index, input, groups). */
    if (ncap > countof(vals_local)) {
        vals = js_malloc(ctx, sizeof(JSValue) * (size_t)ncap);
        if (!vals) {
            vals = vals_local;
            goto fail;
        }
    }
    if (wf_regexp_has_named_groups(d->bc)) {
        groups = JS_NewObjectProto(ctx, JS_NULL);
        if (JS_IsException(groups))
            goto fail;
        names = js_mallocz(ctx, sizeof(JSAtom) * (size_t)ncap);
        if (!names)
            goto fail;
        for (int i = 1; i < ncap; i++) {
            size_t nl;
            const char *n = wf_regexp_group_name(d->bc, i, &nl);
            if (n && (names[i] = JS_NewAtomLen(ctx, n, nl)) == JS_ATOM_NULL)
                goto fail;
        }
    }
    if (has_indices) {
        indices = JS_NewArray(ctx);
        if (JS_IsException(indices))
            goto fail;
        if (names) {
            igroups = JS_NewObjectProto(ctx, JS_NULL);
            if (JS_IsException(igroups))
                goto fail;
        }
    }
    for (int i = 0; i < ncap; i++) {
        JSValue v = JS_UNDEFINED;
        bool matched = caps[2 * i] >= 0 && caps[2 * i + 1] >= 0;
        if (matched) {
            v = wf_str_sub(ctx, sp, (uint32_t)caps[2 * i], (uint32_t)caps[2 * i + 1]);
            if (JS_IsException(v))
                goto fail;
        }
        if (names && names[i] != JS_ATOM_NULL) {
            /* duplicate names: an earlier group of the same name that
               matched keeps its value */
            bool earlier = false;
            for (int j = 1; j < i; j++)
                if (names[j] == names[i] && caps[2 * j] >= 0 && caps[2 * j + 1] >= 0)
                    earlier = true;
            if (!earlier) {
                if (def_prop(ctx, groups, names[i], JS_DupValue(ctx, v)) < 0) {
                    JS_FreeValue(ctx, v);
                    goto fail;
                }
                if (has_indices) {
                    JSValue pair = matched ? index_pair(ctx, caps[2 * i], caps[2 * i + 1]) : JS_UNDEFINED;
                    if (JS_IsException(pair) || def_prop(ctx, igroups, names[i], pair) < 0) {
                        JS_FreeValue(ctx, v);
                        goto fail;
                    }
                }
            }
        }
        vals[nvals++] = v;
        if (has_indices) {
            JSValue pair = matched ? index_pair(ctx, caps[2 * i], caps[2 * i + 1]) : JS_UNDEFINED;
            if (JS_IsException(pair) ||
                JS_DefinePropertyValueUint32(ctx, indices, (uint32_t)i, pair, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
                goto fail;
        }
    }
    arr = wf_array_from_values(ctx, (uint32_t)nvals, vals);
    nvals = 0;      /* consumed */
    if (JS_IsException(arr))
        goto fail;
    if (def_prop(ctx, arr, JS_ATOM_index, JS_NewInt32(ctx, caps[0])) < 0 ||
        def_prop(ctx, arr, JS_ATOM_input, JS_DupValue(ctx, str)) < 0 ||
        def_prop(ctx, arr, JS_ATOM_groups, JS_DupValue(ctx, groups)) < 0)
        goto fail;
    if (has_indices) {
        if (def_prop(ctx, indices, JS_ATOM_groups, igroups) < 0) {
            igroups = JS_UNDEFINED;
            goto fail;
        }
        igroups = JS_UNDEFINED;
        if (def_prop(ctx, arr, JS_ATOM_indices, indices) < 0) {
            indices = JS_UNDEFINED;
            goto fail;
        }
        indices = JS_UNDEFINED;
    }
    if (names) {
        for (int i = 1; i < ncap; i++)
            if (names[i] != JS_ATOM_NULL)
                JS_FreeAtom(ctx, names[i]);
        js_free(ctx, names);
    }
    JS_FreeValue(ctx, groups);
    if (caps != local_caps)
        js_free(ctx, caps);
    if (vals != vals_local)
        js_free(ctx, vals);
    return arr;
fail:
    for (int i = 0; i < nvals; i++)
        JS_FreeValue(ctx, vals[i]);
    if (vals != vals_local)
        js_free(ctx, vals);
    if (names) {
        for (int i = 1; i < ncap; i++)
            if (names[i] != JS_ATOM_NULL)
                JS_FreeAtom(ctx, names[i]);
        js_free(ctx, names);
    }
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, groups);
    JS_FreeValue(ctx, indices);
    JS_FreeValue(ctx, igroups);
    if (caps != local_caps)
        js_free(ctx, caps);
    return JS_EXCEPTION;
}

static JSValue regexp_builtin_exec(JSContext *ctx, JSValueConst rx, JSValueConst str)
{
    return regexp_builtin_exec_ex(ctx, rx, str, false);
}

static JSValue js_regexp_exec(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s, ret;
    if (!this_regexp(ctx, this_val, "exec"))
        return JS_EXCEPTION;
    s = wf_to_string(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (JS_IsException(s))
        return s;
    ret = regexp_builtin_exec(ctx, this_val, s);
    JS_FreeValue(ctx, s);
    return ret;
}

static bool is_builtin_exec(JSValueConst f)
{
    return JS_IsObject(f) && wf_obj(f)->class_id == JS_CLASS_C_FUNCTION &&
           wf_obj(f)->u.cfunc.c_function.generic == js_regexp_exec;
}

/* RegExpExec (22.2.7.1); with test_only a built-in exec returns true
   instead of the match array */
static JSValue regexp_exec_ex(JSContext *ctx, JSValueConst rx, JSValueConst str, bool test_only)
{
    JSValue exec = JS_GetProperty(ctx, rx, JS_ATOM_exec), ret;
    if (JS_IsException(exec))
        return exec;
    if (is_builtin_exec(exec)) {
        /* %RegExp.prototype.exec% itself: no need for a call */
        JS_FreeValue(ctx, exec);
        if (!this_regexp(ctx, rx, "exec"))
            return JS_EXCEPTION;
        return regexp_builtin_exec_ex(ctx, rx, str, test_only);
    }
    if (wf_is_callable(exec)) {
        ret = wf_call(ctx, exec, rx, 1, &str);
        JS_FreeValue(ctx, exec);
        if (JS_IsException(ret))
            return ret;
        if (!JS_IsObject(ret) && !JS_IsNull(ret)) {
            JS_FreeValue(ctx, ret);
            return JS_ThrowTypeError(ctx, "exec result must be an object or null");
        }
        return ret;
    }
    JS_FreeValue(ctx, exec);
    if (!regexp_data(rx))
        return JS_ThrowTypeError(ctx, "RegExp exec method called on an incompatible receiver");
    return regexp_builtin_exec_ex(ctx, rx, str, test_only);
}

static JSValue regexp_exec(JSContext *ctx, JSValueConst rx, JSValueConst str)
{
    return regexp_exec_ex(ctx, rx, str, false);
}

static JSValue js_regexp_test(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s, m;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype.test called on a non-object");
    s = wf_to_string(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (JS_IsException(s))
        return s;
    m = regexp_exec_ex(ctx, this_val, s, true);
    JS_FreeValue(ctx, s);
    if (JS_IsException(m))
        return m;
    JS_FreeValue(ctx, m);
    return JS_NewBool(ctx, !JS_IsNull(m));
}

/* AdvanceStringIndex (22.2.7.3) */
static int64_t advance_index(const JSString *sp, int64_t index, bool unicode)
{
    uint32_t next;
    if (!unicode || index + 1 >= (int64_t)sp->len)
        return index + 1;
    wf_str_code_point_at(sp, (uint32_t)index, &next);
    return next;
}

/* flags string of rx as a C bitmask of the letters we test */
static int get_flags_string(JSContext *ctx, JSValueConst rx, JSValue *pflags)
{
    JSValue f = JS_GetProperty(ctx, rx, JS_ATOM_flags);
    if (JS_IsException(f))
        return -1;
    *pflags = wf_to_string(ctx, f);
    JS_FreeValue(ctx, f);
    return JS_IsException(*pflags) ? -1 : 0;
}

static bool str_has_char(JSValueConst s, uint32_t c)
{
    const JSString *p = wf_str(s);
    for (uint32_t i = 0; i < p->len; i++)
        if (wf_str_get(p, i) == c)
            return true;
    return false;
}

/* after an empty match of a global exec loop: lastIndex = Advance(lastIndex) */
static int bump_last_index(JSContext *ctx, JSValueConst rx, JSValueConst str, bool unicode)
{
    int64_t li;
    if (get_length(ctx, rx, JS_ATOM_lastIndex, &li) < 0)
        return -1;
    return set_last_index(ctx, rx, advance_index(wf_str(str), li, unicode));
}

/* ToString(Get(result, "0")) */
static JSValue match_string(JSContext *ctx, JSValueConst result)
{
    JSValue v = JS_GetPropertyUint32(ctx, result, 0);
    if (JS_IsException(v))
        return v;
    JSValue s = wf_to_string(ctx, v);
    JS_FreeValue(ctx, v);
    return s;
}

static bool regexp_is_pristine(JSContext *ctx, JSValueConst rx);

/* RegExp.prototype[Symbol.match] (22.2.6.8) */
static JSValue js_regexp_symbol_match(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s, flags = JS_UNDEFINED, arr = JS_UNDEFINED, ret = JS_EXCEPTION;
    bool unicode, global;
    uint32_t n = 0;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype[Symbol.match] called on a non-object");
    s = wf_to_string(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (JS_IsException(s))
        return s;
    if (regexp_is_pristine(ctx, this_val)) {
        /* the flags getters are the built-in ones: read the flags */
        int fl = regexp_data(this_val)->flags;
        global = (fl & WF_RE_FLAG_GLOBAL) != 0;
        unicode = (fl & (WF_RE_FLAG_UNICODE | WF_RE_FLAG_UNICODESETS)) != 0;
    } else {
        if (get_flags_string(ctx, this_val, &flags) < 0)
            goto done;
        global = str_has_char(flags, 'g');
        unicode = str_has_char(flags, 'u') || str_has_char(flags, 'v');
    }
    if (!global) {
        ret = regexp_exec(ctx, this_val, s);
        goto done;
    }
    if (set_last_index(ctx, this_val, 0) < 0)
        goto done;
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr))
        goto done;
    for (;;) {
        JSValue result = regexp_exec(ctx, this_val, s), ms;
        if (JS_IsException(result))
            goto done;
        if (JS_IsNull(result)) {
            if (n == 0) {
                ret = JS_NULL;
            } else {
                ret = arr;
                arr = JS_UNDEFINED;
            }
            goto done;
        }
        ms = match_string(ctx, result);
        JS_FreeValue(ctx, result);
        if (JS_IsException(ms))
            goto done;
        bool empty = wf_str(ms)->len == 0;
        if (JS_DefinePropertyValueUint32(ctx, arr, n++, ms, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
            goto done;
        if (empty && bump_last_index(ctx, this_val, s, unicode) < 0)
            goto done;
    }
done:
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, flags);
    JS_FreeValue(ctx, s);
    return ret;
}

/* ---- RegExp String Iterator (22.2.9) */

typedef struct RegExpStringIter {
    JSValue rx, str;
    bool global, unicode, done;
} RegExpStringIter;

static void rsi_finalizer(JSRuntime *rt, JSValueConst obj)
{
    RegExpStringIter *it = wf_obj(obj)->u.ptr;
    if (it) {
        JS_FreeValueRT(rt, it->rx);
        JS_FreeValueRT(rt, it->str);
        js_free_rt(rt, it);
    }
}

static void rsi_gc_mark(JSRuntime *rt, JSValueConst obj, JS_MarkFunc *mark_func)
{
    RegExpStringIter *it = wf_obj(obj)->u.ptr;
    if (it)
        JS_MarkValue(rt, it->rx, mark_func);
}

/* RegExp.prototype[Symbol.matchAll] (22.2.6.9) */
static JSValue js_regexp_symbol_match_all(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s, c = JS_UNDEFINED, flags = JS_UNDEFINED, matcher = JS_UNDEFINED, obj = JS_EXCEPTION;
    RegExpStringIter *it;
    int64_t li;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype[Symbol.matchAll] called on a non-object");
    s = wf_to_string(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (JS_IsException(s))
        return s;
    c = wf_species_constructor(ctx, this_val, ctx->regexp_ctor);
    if (JS_IsException(c))
        goto fail;
    if (get_flags_string(ctx, this_val, &flags) < 0)
        goto fail;
    {
        JSValueConst args[2] = { this_val, flags };
        matcher = wf_construct(ctx, c, c, 2, args);
    }
    if (JS_IsException(matcher))
        goto fail;
    if (get_length(ctx, this_val, JS_ATOM_lastIndex, &li) < 0 || set_last_index(ctx, matcher, li) < 0)
        goto fail;
    obj = JS_NewObjectProtoClass(ctx, wf_class_proto(ctx, JS_CLASS_REGEXP_STRING_ITERATOR),
                                 JS_CLASS_REGEXP_STRING_ITERATOR);
    if (JS_IsException(obj))
        goto fail;
    it = js_malloc(ctx, sizeof(*it));
    if (!it) {
        JS_FreeValue(ctx, obj);
        obj = JS_EXCEPTION;
        goto fail;
    }
    it->global = str_has_char(flags, 'g');
    it->unicode = str_has_char(flags, 'u') || str_has_char(flags, 'v');
    it->done = false;
    it->rx = matcher;
    it->str = s;
    wf_obj(obj)->u.ptr = it;
    JS_FreeValue(ctx, c);
    JS_FreeValue(ctx, flags);
    return obj;
fail:
    JS_FreeValue(ctx, matcher);
    JS_FreeValue(ctx, c);
    JS_FreeValue(ctx, flags);
    JS_FreeValue(ctx, s);
    return JS_EXCEPTION;
}

static JSValue js_regexp_string_iterator_next(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSObject *p = wf_this_class(ctx, this_val, JS_CLASS_REGEXP_STRING_ITERATOR,
                                "%RegExpStringIteratorPrototype%.next");
    RegExpStringIter *it;
    JSValue m, ms;
    (void)argc;
    (void)argv;
    if (!p)
        return JS_EXCEPTION;
    it = p->u.ptr;
    if (!it || it->done)
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    m = regexp_exec(ctx, it->rx, it->str);
    if (JS_IsException(m))
        return m;
    if (JS_IsNull(m)) {
        it->done = true;
        return wf_iter_result(ctx, JS_UNDEFINED, true);
    }
    if (!it->global) {
        it->done = true;
        return wf_iter_result(ctx, m, false);
    }
    ms = match_string(ctx, m);
    if (JS_IsException(ms)) {
        JS_FreeValue(ctx, m);
        return ms;
    }
    if (wf_str(ms)->len == 0 && bump_last_index(ctx, it->rx, it->str, it->unicode) < 0) {
        JS_FreeValue(ctx, ms);
        JS_FreeValue(ctx, m);
        return JS_EXCEPTION;
    }
    JS_FreeValue(ctx, ms);
    return wf_iter_result(ctx, m, false);
}

/* ---- Symbol.replace (22.2.6.11) */

typedef struct ValueList {
    JSValue *v;
    uint32_t n, cap;
} ValueList;

static int vl_push(JSContext *ctx, ValueList *l, JSValue v)
{
    if (l->n == l->cap) {
        uint32_t ncap = l->cap ? l->cap * 2 : 8;
        JSValue *nv = js_realloc(ctx, l->v, sizeof(JSValue) * ncap);
        if (!nv) {
            JS_FreeValue(ctx, v);
            return -1;
        }
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = v;
    return 0;
}

static void vl_free(JSContext *ctx, ValueList *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        JS_FreeValue(ctx, l->v[i]);
    js_free(ctx, l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* ---- fast path of Symbol.replace for unmodified regexps */

static bool is_cfunc(JSValueConst f, void *fn)
{
    return JS_IsObject(f) && wf_obj(f)->class_id == JS_CLASS_C_FUNCTION &&
           (void *)wf_obj(f)->u.cfunc.c_function.generic == fn;
}

/* true if %RegExp.prototype%'s own property `atom` is still the built-in
   data property (fn) or accessor with getter fn */
static bool proto_prop_is(JSContext *ctx, JSValueConst proto, JSAtom atom, void *fn, bool getter)
{
    JSPropertyDescriptor desc;
    bool ok;
    JSObject *po = wf_obj(proto);
    if (!po->is_exotic) {
        /* ordinary object: read the slot directly */
        int i = wf_shape_find(po->shape, atom);
        int kind;
        if (i < 0)
            return false;
        kind = po->shape->prop[i].flags & JS_PROP_TMASK;
        if (getter)
            return kind == JS_PROP_GETSET && po->prop[i].u.getset.getter &&
                   is_cfunc(JS_MKPTR(JS_TAG_OBJECT, po->prop[i].u.getset.getter), fn);
        return kind == JS_PROP_NORMAL && is_cfunc(po->prop[i].u.value, fn);
    }
    if (JS_GetOwnProperty(ctx, &desc, proto, atom) != 1) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    if (getter)
        ok = (desc.flags & JS_PROP_GETSET) && is_cfunc(desc.getter, fn);
    else
        ok = !(desc.flags & JS_PROP_GETSET) && is_cfunc(desc.value, fn);
    JS_FreeValue(ctx, desc.value);
    JS_FreeValue(ctx, desc.getter);
    JS_FreeValue(ctx, desc.setter);
    return ok;
}

static JSValue js_regexp_get_flags(JSContext *ctx, JSValueConst this_val);
static JSValue js_regexp_get_flag(JSContext *ctx, JSValueConst this_val, int magic);

/* rx is a RegExp whose only own property is a numeric lastIndex and whose
   prototype is an unmodified %RegExp.prototype%: then the Get/Set/Call
   steps of the replace algorithm on rx cannot run user code, and the
   matcher can be driven directly. */
static bool regexp_is_pristine(JSContext *ctx, JSValueConst rx)
{
    static const JSAtom flag_atoms[] = {
        JS_ATOM_hasIndices, JS_ATOM_global, JS_ATOM_ignoreCase, JS_ATOM_multiline,
        JS_ATOM_dotAll, JS_ATOM_unicode, JS_ATOM_unicodeSets, JS_ATOM_sticky,
    };
    JSValueConst proto = wf_class_proto(ctx, JS_CLASS_REGEXP);
    JSObject *p;
    if (!regexp_data(rx))
        return false;
    p = wf_obj(rx);
    if (!JS_IsObject(proto) || p->shape->proto != wf_obj(proto) || p->shape->prop_count != 1 ||
        p->shape->deleted_prop_count != 0 || p->shape->prop[0].atom != JS_ATOM_lastIndex ||
        (p->shape->prop[0].flags & JS_PROP_TMASK) != JS_PROP_NORMAL ||
        !JS_IsNumber(p->prop[0].u.value))
        return false;
    if (!proto_prop_is(ctx, proto, JS_ATOM_exec, (void *)js_regexp_exec, false) ||
        !proto_prop_is(ctx, proto, JS_ATOM_flags, (void *)js_regexp_get_flags, true))
        return false;
    for (int i = 0; i < countof(flag_atoms); i++)
        if (!proto_prop_is(ctx, proto, flag_atoms[i], (void *)js_regexp_get_flag, true))
            return false;
    return true;
}

/* the groups object of a match (null prototype), or undefined */
static JSValue make_groups(JSContext *ctx, const uint8_t *bc, JSString *sp, const int32_t *caps)
{
    int ncap = wf_regexp_capture_count(bc);
    JSValue g;
    if (!wf_regexp_has_named_groups(bc))
        return JS_UNDEFINED;
    g = JS_NewObjectProto(ctx, JS_NULL);
    if (JS_IsException(g))
        return g;
    for (int i = 1; i < ncap; i++) {
        size_t nl;
        const char *n = wf_regexp_group_name(bc, i, &nl);
        bool matched = caps[2 * i] >= 0 && caps[2 * i + 1] >= 0, earlier = false;
        if (!n)
            continue;
        for (int j = 1; j < i; j++) {
            size_t jl;
            const char *jn = wf_regexp_group_name(bc, j, &jl);
            if (jn && jl == nl && memcmp(jn, n, nl) == 0 && caps[2 * j] >= 0 && caps[2 * j + 1] >= 0)
                earlier = true;
        }
        if (earlier)
            continue;
        JSValue v = matched ? wf_str_sub(ctx, sp, (uint32_t)caps[2 * i], (uint32_t)caps[2 * i + 1])
                            : JS_UNDEFINED;
        JSAtom a = JS_NewAtomLen(ctx, n, nl);
        if (JS_IsException(v) || a == JS_ATOM_NULL || def_prop(ctx, g, a, v) < 0) {
            if (a != JS_ATOM_NULL)
                JS_FreeAtom(ctx, a);
            JS_FreeValue(ctx, g);
            return JS_EXCEPTION;
        }
        JS_FreeAtom(ctx, a);
    }
    return g;
}

static JSValue replace_fast(JSContext *ctx, JSValueConst rx, JSValueConst str, JSValueConst rv,
                            JSValueConst replace, bool functional)
{
    RegExpData *d = regexp_data(rx);
    JSString *sp = wf_str(str);
    uint8_t *bc = d->bc;
    WFRegexpCode *own_code = NULL;
    int ncap = wf_regexp_capture_count(bc);
    bool global = (d->flags & WF_RE_FLAG_GLOBAL) != 0, sticky = (d->flags & WF_RE_FLAG_STICKY) != 0;
    bool unicode = (d->flags & (WF_RE_FLAG_UNICODE | WF_RE_FLAG_UNICODESETS)) != 0;
    int32_t *all = NULL;
    size_t nmatch = 0, cap = 0;
    int64_t start = 0, next_pos = 0;
    WFStringBuilder sb;
    JSValue ret = JS_EXCEPTION;
    ValueList args = { 0 };
    JSValue keep_bc;

    /* a replacer function could call compile() on rx and free its
       matcher: keep a reference to the code for the group names */
    keep_bc = JS_DupValue(ctx, rx);
    if (functional) {
        own_code = d->code;     /* shared code is never changed: hold it */
        own_code->ref_count++;
    }
    if (!global) {
        int64_t li;
        if (get_length(ctx, rx, JS_ATOM_lastIndex, &li) < 0)
            goto fail0;
        start = sticky ? li : 0;
    }
    /* all the matches first (the replacer runs after them, as in the spec) */
    for (;;) {
        if (nmatch == cap) {
            size_t ncap2 = cap ? cap * 2 : 8;
            int32_t *na = js_realloc(ctx, all, sizeof(int32_t) * 2 * (size_t)ncap * ncap2);
            if (!na)
                goto fail0;
            all = na;
            cap = ncap2;
        }
        int32_t *caps = all + 2 * (size_t)ncap * nmatch;
        int r = start > (int64_t)sp->len ? 0 : regexp_run(ctx, bc, sp, (uint32_t)start, caps, false);
        if (r < 0)
            goto fail0;
        if (r == 0) {
            if ((global || sticky) && set_last_index(ctx, rx, 0) < 0)
                goto fail0;
            break;
        }
        nmatch++;
        if (!global) {
            if (sticky && set_last_index(ctx, rx, caps[1]) < 0)
                goto fail0;
            break;
        }
        start = caps[1] == caps[0] ? advance_index(sp, caps[1], unicode) : caps[1];
    }
    if (wf_sb_init(ctx, &sb, sp->len) < 0)
        goto fail0;
    for (size_t k = 0; k < nmatch; k++) {
        const int32_t *caps = all + 2 * (size_t)ncap * k;
        JSValue matched, repl, named;
        uint32_t position = (uint32_t)caps[0];
        vl_free(ctx, &args);
        matched = wf_str_sub(ctx, sp, (uint32_t)caps[0], (uint32_t)caps[1]);
        if (vl_push(ctx, &args, matched) < 0)
            goto fail;
        for (int i = 1; i < ncap; i++) {
            JSValue v = JS_UNDEFINED;
            if (caps[2 * i] >= 0 && caps[2 * i + 1] >= 0)
                v = wf_str_sub(ctx, sp, (uint32_t)caps[2 * i], (uint32_t)caps[2 * i + 1]);
            if (JS_IsException(v) || vl_push(ctx, &args, v) < 0)
                goto fail;
        }
        named = make_groups(ctx, bc, sp, caps);
        if (JS_IsException(named))
            goto fail;
        if (functional) {
            if (vl_push(ctx, &args, JS_NewInt32(ctx, (int32_t)position)) < 0 ||
                vl_push(ctx, &args, JS_DupValue(ctx, str)) < 0) {
                JS_FreeValue(ctx, named);
                goto fail;
            }
            if (!JS_IsUndefined(named) && vl_push(ctx, &args, JS_DupValue(ctx, named)) < 0) {
                JS_FreeValue(ctx, named);
                goto fail;
            }
            JSValue v = wf_call(ctx, rv, JS_UNDEFINED, (int)args.n, (JSValueConst *)args.v);
            repl = JS_IsException(v) ? v : wf_to_string(ctx, v);
            JS_FreeValue(ctx, v);
        } else {
            repl = wf_get_substitution(ctx, args.v[0], str, position, ncap - 1, args.v + 1, named, replace);
        }
        JS_FreeValue(ctx, named);
        if (JS_IsException(repl))
            goto fail;
        if ((int64_t)position >= next_pos) {
            if (wf_sb_put_str(&sb, sp, (uint32_t)next_pos, position) < 0 || wf_sb_put_value(&sb, repl) < 0) {
                JS_FreeValue(ctx, repl);
                goto fail;
            }
            next_pos = caps[1];
        }
        JS_FreeValue(ctx, repl);
    }
    if (next_pos < sp->len && wf_sb_put_str(&sb, sp, (uint32_t)next_pos, sp->len) < 0)
        goto fail;
    ret = wf_sb_finish(&sb);
    goto fail0;
fail:
    wf_sb_free(&sb);
fail0:
    vl_free(ctx, &args);
    js_free(ctx, all);
    wf_regexp_code_release(ctx->rt, own_code);
    JS_FreeValue(ctx, keep_bc);
    return ret;
}

static JSValue js_regexp_symbol_replace(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst rv = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSValue s, replace = JS_UNDEFINED, flags = JS_UNDEFINED, ret = JS_EXCEPTION;
    ValueList results = { 0 }, caps = { 0 };
    WFStringBuilder sb;
    bool functional, global, unicode = false, sb_live = false;
    JSString *sp;
    int64_t next_pos = 0;

    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype[Symbol.replace] called on a non-object");
    s = wf_to_string(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (JS_IsException(s))
        return s;
    sp = wf_str(s);
    functional = wf_is_callable(rv);
    if (!functional) {
        replace = wf_to_string(ctx, rv);
        if (JS_IsException(replace))
            goto done;
    }
    if (regexp_is_pristine(ctx, this_val)) {
        ret = replace_fast(ctx, this_val, s, rv, replace, functional);
        goto done;
    }
    if (get_flags_string(ctx, this_val, &flags) < 0)
        goto done;
    global = str_has_char(flags, 'g');
    if (global) {
        unicode = str_has_char(flags, 'u') || str_has_char(flags, 'v');
        if (set_last_index(ctx, this_val, 0) < 0)
            goto done;
    }
    for (;;) {
        JSValue result = regexp_exec(ctx, this_val, s);
        if (JS_IsException(result))
            goto done;
        if (JS_IsNull(result))
            break;
        if (vl_push(ctx, &results, result) < 0)
            goto done;
        if (!global)
            break;
        JSValue ms = match_string(ctx, result);
        if (JS_IsException(ms))
            goto done;
        bool empty = wf_str(ms)->len == 0;
        JS_FreeValue(ctx, ms);
        if (empty && bump_last_index(ctx, this_val, s, unicode) < 0)
            goto done;
    }
    if (wf_sb_init(ctx, &sb, sp->len) < 0)
        goto done;
    sb_live = true;
    for (uint32_t k = 0; k < results.n; k++) {
        JSValueConst result = results.v[k];
        JSValue matched = JS_UNDEFINED, named = JS_UNDEFINED, repl = JS_UNDEFINED, v;
        int64_t ncaps, position;
        double dpos;
        uint32_t mlen;
        if (get_length(ctx, result, JS_ATOM_length, &ncaps) < 0)
            goto done;
        ncaps = ncaps > 0 ? ncaps - 1 : 0;
        matched = match_string(ctx, result);
        if (JS_IsException(matched))
            goto done;
        mlen = wf_str(matched)->len;
        v = JS_GetProperty(ctx, result, JS_ATOM_index);
        if (JS_IsException(v) || wf_to_integer_or_infinity(ctx, &dpos, v) < 0) {
            JS_FreeValue(ctx, v);
            JS_FreeValue(ctx, matched);
            goto done;
        }
        JS_FreeValue(ctx, v);
        position = dpos < 0 ? 0 : dpos > sp->len ? sp->len : (int64_t)dpos;
        vl_free(ctx, &caps);
        for (int64_t n = 1; n <= ncaps; n++) {
            JSValue c = JS_GetPropertyInt64(ctx, result, n);
            if (JS_IsException(c))
                goto fail_one;
            if (!JS_IsUndefined(c)) {
                JSValue cs = wf_to_string(ctx, c);
                JS_FreeValue(ctx, c);
                if (JS_IsException(cs))
                    goto fail_one;
                c = cs;
            }
            if (vl_push(ctx, &caps, c) < 0)
                goto fail_one;
        }
        named = JS_GetProperty(ctx, result, JS_ATOM_groups);
        if (JS_IsException(named))
            goto fail_one;
        if (functional) {
            uint32_t na = 0, total = caps.n + 3 + (JS_IsUndefined(named) ? 0 : 1);
            JSValue *args = js_malloc(ctx, sizeof(JSValue) * total);
            if (!args)
                goto fail_one;
            args[na++] = matched;
            for (uint32_t i = 0; i < caps.n; i++)
                args[na++] = caps.v[i];
            args[na++] = JS_NewInt64(ctx, position);
            args[na++] = s;
            if (!JS_IsUndefined(named))
                args[na++] = named;
            v = wf_call(ctx, rv, JS_UNDEFINED, (int)na, (JSValueConst *)args);
            js_free(ctx, args);
            if (JS_IsException(v))
                goto fail_one;
            repl = wf_to_string(ctx, v);
            JS_FreeValue(ctx, v);
        } else {
            if (!JS_IsUndefined(named)) {
                JSValue o = wf_to_object(ctx, named);
                JS_FreeValue(ctx, named);
                named = o;
                if (JS_IsException(named))
                    goto fail_one;
            }
            repl = wf_get_substitution(ctx, matched, s, (uint32_t)position, (int)caps.n, caps.v,
                                       named, replace);
        }
        if (JS_IsException(repl))
            goto fail_one;
        if (position >= next_pos) {
            if (wf_sb_put_str(&sb, sp, (uint32_t)next_pos, (uint32_t)position) < 0 ||
                wf_sb_put_value(&sb, repl) < 0)
                goto fail_one;
            next_pos = position + mlen;
        }
        JS_FreeValue(ctx, repl);
        JS_FreeValue(ctx, named);
        JS_FreeValue(ctx, matched);
        continue;
    fail_one:
        JS_FreeValue(ctx, repl);
        JS_FreeValue(ctx, named);
        JS_FreeValue(ctx, matched);
        goto done;
    }
    if (next_pos < sp->len && wf_sb_put_str(&sb, sp, (uint32_t)next_pos, sp->len) < 0)
        goto done;
    sb_live = false;
    ret = wf_sb_finish(&sb);
done:
    if (sb_live)
        wf_sb_free(&sb);
    vl_free(ctx, &caps);
    vl_free(ctx, &results);
    JS_FreeValue(ctx, flags);
    JS_FreeValue(ctx, replace);
    JS_FreeValue(ctx, s);
    return ret;
}

/* RegExp.prototype[Symbol.search] (22.2.6.12) */
static JSValue js_regexp_symbol_search(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue s, prev = JS_UNDEFINED, cur = JS_UNDEFINED, result = JS_UNDEFINED, ret = JS_EXCEPTION;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype[Symbol.search] called on a non-object");
    s = wf_to_string(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (JS_IsException(s))
        return s;
    prev = JS_GetProperty(ctx, this_val, JS_ATOM_lastIndex);
    if (JS_IsException(prev))
        goto done;
    if (!wf_same_value(prev, JS_NewInt32(ctx, 0)) && set_last_index(ctx, this_val, 0) < 0)
        goto done;
    result = regexp_exec(ctx, this_val, s);
    if (JS_IsException(result))
        goto done;
    cur = JS_GetProperty(ctx, this_val, JS_ATOM_lastIndex);
    if (JS_IsException(cur))
        goto done;
    if (!wf_same_value(cur, prev) &&
        JS_SetProperty(ctx, this_val, JS_ATOM_lastIndex, JS_DupValue(ctx, prev)) < 0)
        goto done;
    if (JS_IsNull(result))
        ret = JS_NewInt32(ctx, -1);
    else
        ret = JS_GetProperty(ctx, result, JS_ATOM_index);
done:
    JS_FreeValue(ctx, result);
    JS_FreeValue(ctx, cur);
    JS_FreeValue(ctx, prev);
    JS_FreeValue(ctx, s);
    return ret;
}

/* true if the splitter made by constructor c can only be observed through
   its matches: c is %RegExp% and %RegExp.prototype%.exec is the built-in
   data property, so the per-position exec calls of the algorithm have no
   visible effect and a forward search gives the same result */
static bool split_is_pristine(JSContext *ctx, JSValueConst c)
{
    JSPropertyDescriptor desc;
    bool ok;
    if (!wf_same_value(c, ctx->regexp_ctor))
        return false;
    if (JS_GetOwnProperty(ctx, &desc, wf_class_proto(ctx, JS_CLASS_REGEXP), JS_ATOM_exec) != 1) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return false;
    }
    ok = !(desc.flags & JS_PROP_GETSET) && is_builtin_exec(desc.value);
    JS_FreeValue(ctx, desc.value);
    JS_FreeValue(ctx, desc.getter);
    JS_FreeValue(ctx, desc.setter);
    return ok;
}

static int push_value(JSContext *ctx, JSValueConst arr, uint32_t *n, JSValue v)
{
    if (JS_IsException(v))
        return -1;
    return JS_DefinePropertyValueUint32(ctx, arr, (*n)++, v, JS_PROP_C_W_E | JS_PROP_THROW);
}

/* the loop of 22.2.6.14 steps 19-25 with searches instead of sticky
   attempts at each position; returns arr (new reference) */
static JSValue split_fast(JSContext *ctx, JSValueConst splitter, JSValueConst str, JSValueConst arr,
                          uint32_t lim, bool unicode)
{
    RegExpData *d = regexp_data(splitter);
    JSString *sp = wf_str(str);
    int ncap = wf_regexp_capture_count(d->bc);
    int32_t local_caps[32], *caps = local_caps;
    int64_t p = 0, q = 0, size = sp->len;
    uint32_t n = 0;
    JSValue ret = JS_EXCEPTION;
    if (2 * ncap > countof(local_caps)) {
        caps = js_malloc(ctx, sizeof(int32_t) * 2 * (size_t)ncap);
        if (!caps)
            return JS_EXCEPTION;
    }
    while (q < size) {
        int r = regexp_run(ctx, d->bc, sp, (uint32_t)q, caps, true);
        int64_t e;
        if (r < 0)
            goto done;
        if (r == 0 || caps[0] >= size)     /* positions >= size are not tried */
            break;
        q = caps[0];
        e = caps[1] > size ? size : caps[1];
        if (e == p) {
            q = advance_index(sp, q, unicode);
            continue;
        }
        if (push_value(ctx, arr, &n, wf_str_sub(ctx, sp, (uint32_t)p, (uint32_t)q)) < 0)
            goto done;
        if (n == lim)
            goto ok;
        p = e;
        for (int i = 1; i < ncap; i++) {
            JSValue v = JS_UNDEFINED;
            if (caps[2 * i] >= 0 && caps[2 * i + 1] >= 0)
                v = wf_str_sub(ctx, sp, (uint32_t)caps[2 * i], (uint32_t)caps[2 * i + 1]);
            if (push_value(ctx, arr, &n, v) < 0)
                goto done;
            if (n == lim)
                goto ok;
        }
        q = p;
    }
    if (push_value(ctx, arr, &n, wf_str_sub(ctx, sp, (uint32_t)p, (uint32_t)size)) < 0)
        goto done;
ok:
    ret = JS_DupValue(ctx, arr);
done:
    if (caps != local_caps)
        js_free(ctx, caps);
    return ret;
}

/* RegExp.prototype[Symbol.split] (22.2.6.14) */
static JSValue js_regexp_symbol_split(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst limit = argc > 1 ? argv[1] : JS_UNDEFINED;
    JSValue s, c = JS_UNDEFINED, flags = JS_UNDEFINED, nflags = JS_UNDEFINED, splitter = JS_UNDEFINED;
    JSValue arr = JS_UNDEFINED, ret = JS_EXCEPTION, z = JS_UNDEFINED;
    JSString *sp;
    bool unicode;
    uint32_t lim = 0xFFFFFFFFu, n = 0;
    int64_t p = 0, q, size;

    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype[Symbol.split] called on a non-object");
    s = wf_to_string(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (JS_IsException(s))
        return s;
    sp = wf_str(s);
    c = wf_species_constructor(ctx, this_val, ctx->regexp_ctor);
    if (JS_IsException(c))
        goto done;
    if (get_flags_string(ctx, this_val, &flags) < 0)
        goto done;
    unicode = str_has_char(flags, 'u') || str_has_char(flags, 'v');
    if (str_has_char(flags, 'y'))
        nflags = JS_DupValue(ctx, flags);
    else
        nflags = wf_str_concat(ctx, JS_DupValue(ctx, flags), wf_str_new_char(ctx, 'y'));
    if (JS_IsException(nflags))
        goto done;
    {
        JSValueConst args[2] = { this_val, nflags };
        splitter = wf_construct(ctx, c, c, 2, args);
    }
    if (JS_IsException(splitter))
        goto done;
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr))
        goto done;
    if (!JS_IsUndefined(limit) && JS_ToUint32(ctx, &lim, limit) < 0)
        goto done;
    if (lim == 0)
        goto ok;
    size = sp->len;
    if (size > 0 && split_is_pristine(ctx, c)) {
        ret = split_fast(ctx, splitter, s, arr, lim, unicode);   /* its own reference */
        goto done;
    }
    if (size == 0) {
        z = regexp_exec(ctx, splitter, s);
        if (JS_IsException(z))
            goto done;
        if (JS_IsNull(z) &&
            JS_DefinePropertyValueUint32(ctx, arr, 0, JS_DupValue(ctx, s), JS_PROP_C_W_E | JS_PROP_THROW) < 0)
            goto done;
        goto ok;
    }
    q = p;
    while (q < size) {
        int64_t e;
        if (set_last_index(ctx, splitter, q) < 0)
            goto done;
        JS_FreeValue(ctx, z);
        z = regexp_exec(ctx, splitter, s);
        if (JS_IsException(z))
            goto done;
        if (JS_IsNull(z)) {
            q = advance_index(sp, q, unicode);
            continue;
        }
        if (get_length(ctx, splitter, JS_ATOM_lastIndex, &e) < 0)
            goto done;
        if (e > size)
            e = size;
        if (e == p) {
            q = advance_index(sp, q, unicode);
            continue;
        }
        JSValue t = wf_str_sub(ctx, sp, (uint32_t)p, (uint32_t)q);
        if (JS_IsException(t) ||
            JS_DefinePropertyValueUint32(ctx, arr, n++, t, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
            goto done;
        if (n == lim)
            goto ok;
        p = e;
        int64_t ncaps;
        if (get_length(ctx, z, JS_ATOM_length, &ncaps) < 0)
            goto done;
        for (int64_t i = 1; i < ncaps; i++) {
            JSValue cap = JS_GetPropertyInt64(ctx, z, i);
            if (JS_IsException(cap) ||
                JS_DefinePropertyValueUint32(ctx, arr, n++, cap, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
                goto done;
            if (n == lim)
                goto ok;
        }
        q = p;
    }
    {
        JSValue t = wf_str_sub(ctx, sp, (uint32_t)p, (uint32_t)size);
        if (JS_IsException(t) ||
            JS_DefinePropertyValueUint32(ctx, arr, n++, t, JS_PROP_C_W_E | JS_PROP_THROW) < 0)
            goto done;
    }
ok:
    ret = arr;
    arr = JS_UNDEFINED;
done:
    JS_FreeValue(ctx, z);
    JS_FreeValue(ctx, arr);
    JS_FreeValue(ctx, splitter);
    JS_FreeValue(ctx, nflags);
    JS_FreeValue(ctx, flags);
    JS_FreeValue(ctx, c);
    JS_FreeValue(ctx, s);
    return ret;
}

/* ---------------------------------------------------------------- accessors */

/* RegExp.prototype.flags (22.2.6.4) */
static JSValue js_regexp_get_flags(JSContext *ctx, JSValueConst this_val)
{
    static const struct { JSAtom atom; char c; } f[] = {
        { JS_ATOM_hasIndices, 'd' }, { JS_ATOM_global, 'g' }, { JS_ATOM_ignoreCase, 'i' },
        { JS_ATOM_multiline, 'm' }, { JS_ATOM_dotAll, 's' }, { JS_ATOM_unicode, 'u' },
        { JS_ATOM_unicodeSets, 'v' }, { JS_ATOM_sticky, 'y' },
    };
    char buf[9];
    int n = 0;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype.flags getter called on a non-object");
    for (int i = 0; i < countof(f); i++) {
        JSValue v = JS_GetProperty(ctx, this_val, f[i].atom);
        if (JS_IsException(v))
            return v;
        if (wf_to_boolean(v))
            buf[n++] = f[i].c;
        JS_FreeValue(ctx, v);
    }
    return JS_NewStringLen(ctx, buf, (size_t)n);
}

/* the flag getters (22.2.6.x RegExpHasFlag) */
static JSValue js_regexp_get_flag(JSContext *ctx, JSValueConst this_val, int magic)
{
    RegExpData *d;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp flag getter called on a non-object");
    d = regexp_data(this_val);
    if (!d) {
        if (wf_same_value(this_val, wf_class_proto(ctx, JS_CLASS_REGEXP)))
            return JS_UNDEFINED;
        return JS_ThrowTypeError(ctx, "RegExp flag getter called on an incompatible receiver");
    }
    return JS_NewBool(ctx, (d->flags & magic) != 0);
}

/* EscapeRegExpPattern (22.2.6.13.1) */
static JSValue escape_pattern(JSContext *ctx, JSValueConst src)
{
    JSString *p = wf_str(src);
    WFStringBuilder sb;
    bool in_class = false;
    if (p->len == 0)
        return JS_NewString(ctx, "(?:)");
    if (wf_sb_init(ctx, &sb, p->len) < 0)
        return JS_EXCEPTION;
    for (uint32_t i = 0; i < p->len; i++) {
        uint32_t c = wf_str_get(p, i);
        int r = 0;
        if (c == '\\' && i + 1 < p->len) {
            uint32_t d = wf_str_get(p, ++i);
            r = wf_sb_putc(&sb, '\\');
            if (d == '\n')
                r |= wf_sb_putc(&sb, 'n');
            else if (d == '\r')
                r |= wf_sb_putc(&sb, 'r');
            else if (d == 0x2028)
                r |= wf_sb_puts(&sb, "u2028");
            else if (d == 0x2029)
                r |= wf_sb_puts(&sb, "u2029");
            else
                r |= wf_sb_putc(&sb, d);
        } else if (c == '/' && !in_class) {
            r = wf_sb_puts(&sb, "\\/");
        } else if (c == '\n') {
            r = wf_sb_puts(&sb, "\\n");
        } else if (c == '\r') {
            r = wf_sb_puts(&sb, "\\r");
        } else if (c == 0x2028) {
            r = wf_sb_puts(&sb, "\\u2028");
        } else if (c == 0x2029) {
            r = wf_sb_puts(&sb, "\\u2029");
        } else {
            if (c == '[')
                in_class = true;
            else if (c == ']')
                in_class = false;
            r = wf_sb_putc(&sb, c);
        }
        if (r < 0) {
            wf_sb_free(&sb);
            return JS_EXCEPTION;
        }
    }
    return wf_sb_finish(&sb);
}

static JSValue js_regexp_get_source(JSContext *ctx, JSValueConst this_val)
{
    RegExpData *d;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype.source getter called on a non-object");
    d = regexp_data(this_val);
    if (!d) {
        if (wf_same_value(this_val, wf_class_proto(ctx, JS_CLASS_REGEXP)))
            return JS_NewString(ctx, "(?:)");
        return JS_ThrowTypeError(ctx, "RegExp.prototype.source getter called on an incompatible receiver");
    }
    return escape_pattern(ctx, d->source);
}

/* RegExp.prototype.toString (22.2.6.17) */
static JSValue js_regexp_to_string(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValue src, fl, ret;
    WFStringBuilder sb;
    (void)argc;
    (void)argv;
    if (!JS_IsObject(this_val))
        return JS_ThrowTypeError(ctx, "RegExp.prototype.toString called on a non-object");
    src = JS_GetProperty(ctx, this_val, JS_ATOM_source);
    if (JS_IsException(src))
        return src;
    ret = wf_to_string(ctx, src);
    JS_FreeValue(ctx, src);
    if (JS_IsException(ret))
        return ret;
    src = ret;
    fl = JS_GetProperty(ctx, this_val, JS_ATOM_flags);
    if (JS_IsException(fl)) {
        JS_FreeValue(ctx, src);
        return fl;
    }
    ret = wf_to_string(ctx, fl);
    JS_FreeValue(ctx, fl);
    if (JS_IsException(ret)) {
        JS_FreeValue(ctx, src);
        return ret;
    }
    fl = ret;
    if (wf_sb_init(ctx, &sb, wf_str(src)->len + wf_str(fl)->len + 2) < 0 ||
        wf_sb_putc(&sb, '/') < 0 || wf_sb_put_value(&sb, src) < 0 || wf_sb_putc(&sb, '/') < 0 ||
        wf_sb_put_value(&sb, fl) < 0) {
        wf_sb_free(&sb);
        ret = JS_EXCEPTION;
    } else {
        ret = wf_sb_finish(&sb);
    }
    JS_FreeValue(ctx, src);
    JS_FreeValue(ctx, fl);
    return ret;
}

/* RegExp.escape(S) (ES2025 22.2.5.1) */
static JSValue js_regexp_escape(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst sv = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSString *p;
    WFStringBuilder sb;
    (void)this_val;
    if (!JS_IsString(sv))
        return JS_ThrowTypeError(ctx, "RegExp.escape requires a string");
    p = wf_str(sv);
    if (wf_sb_init(ctx, &sb, p->len) < 0)
        return JS_EXCEPTION;
    for (uint32_t i = 0; i < p->len;) {
        uint32_t next, c = wf_str_code_point_at(p, i, &next);
        char buf[32];
        int r;
        if (i == 0 && ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) {
            snprintf(buf, sizeof(buf), "\\x%02x", c);
            r = wf_sb_puts(&sb, buf);
        } else if (c < 128 && (strchr("^$\\.*+?()[]{}|/", (int)c) != NULL && c != 0)) {
            buf[0] = '\\';
            buf[1] = (char)c;
            buf[2] = 0;
            r = wf_sb_puts(&sb, buf);
        } else if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') {
            static const char esc[] = "tnvfr";
            buf[0] = '\\';
            buf[1] = esc[c - '\t'];
            buf[2] = 0;
            r = wf_sb_puts(&sb, buf);
        } else if ((c < 128 && c != 0 && strchr(",-=<>#&!%:;@~'`\"", (int)c) != NULL) ||
                   wf_unicode_is_space(c) || c == 0x2028 || c == 0x2029 ||
                   (c >= 0xD800 && c <= 0xDFFF)) {
            if (c <= 0xFF)
                snprintf(buf, sizeof(buf), "\\x%02x", c);
            else
                snprintf(buf, sizeof(buf), "\\u%04x", c);
            r = wf_sb_puts(&sb, buf);
        } else {
            r = wf_sb_put_code_point(&sb, c);
        }
        if (r < 0) {
            wf_sb_free(&sb);
            return JS_EXCEPTION;
        }
        i = next;
    }
    return wf_sb_finish(&sb);
}

/* ---------------------------------------------------------------- set-up */

static const JSCFunctionListEntry js_regexp_funcs[] = {
    JS_CFUNC_DEF("escape", 1, js_regexp_escape),
    JS_CGETSET_DEF("[Symbol.species]", js_regexp_species, NULL),
};

static const JSCFunctionListEntry js_regexp_proto_funcs[] = {
    JS_CFUNC_DEF("compile", 2, js_regexp_compile),
    JS_CFUNC_DEF("exec", 1, js_regexp_exec),
    JS_CGETSET_MAGIC_DEF("dotAll", js_regexp_get_flag, NULL, WF_RE_FLAG_DOTALL),
    JS_CGETSET_DEF("flags", js_regexp_get_flags, NULL),
    JS_CGETSET_MAGIC_DEF("global", js_regexp_get_flag, NULL, WF_RE_FLAG_GLOBAL),
    JS_CGETSET_MAGIC_DEF("hasIndices", js_regexp_get_flag, NULL, WF_RE_FLAG_HASINDICES),
    JS_CGETSET_MAGIC_DEF("ignoreCase", js_regexp_get_flag, NULL, WF_RE_FLAG_IGNORECASE),
    JS_CGETSET_MAGIC_DEF("multiline", js_regexp_get_flag, NULL, WF_RE_FLAG_MULTILINE),
    JS_CGETSET_DEF("source", js_regexp_get_source, NULL),
    JS_CGETSET_MAGIC_DEF("sticky", js_regexp_get_flag, NULL, WF_RE_FLAG_STICKY),
    JS_CGETSET_MAGIC_DEF("unicode", js_regexp_get_flag, NULL, WF_RE_FLAG_UNICODE),
    JS_CGETSET_MAGIC_DEF("unicodeSets", js_regexp_get_flag, NULL, WF_RE_FLAG_UNICODESETS),
    JS_CFUNC_DEF("test", 1, js_regexp_test),
    JS_CFUNC_DEF("toString", 0, js_regexp_to_string),
    JS_CFUNC_DEF("[Symbol.match]", 1, js_regexp_symbol_match),
    JS_CFUNC_DEF("[Symbol.matchAll]", 1, js_regexp_symbol_match_all),
    JS_CFUNC_DEF("[Symbol.replace]", 2, js_regexp_symbol_replace),
    JS_CFUNC_DEF("[Symbol.search]", 1, js_regexp_symbol_search),
    JS_CFUNC_DEF("[Symbol.split]", 2, js_regexp_symbol_split),
};

static const JSCFunctionListEntry js_regexp_string_iterator_proto_funcs[] = {
    JS_CFUNC_DEF("next", 0, js_regexp_string_iterator_next),
    JS_PROP_STRING_DEF("[Symbol.toStringTag]", "RegExp String Iterator", JS_PROP_CONFIGURABLE),
};

int wf_init_regexp(JSContext *ctx)
{
    JSValue proto, ctor, iter_proto;

    wf_class_set_hooks(ctx->rt, JS_CLASS_REGEXP, regexp_finalizer, NULL, NULL, NULL);
    wf_class_set_hooks(ctx->rt, JS_CLASS_REGEXP_STRING_ITERATOR, rsi_finalizer, rsi_gc_mark, NULL, NULL);

    /* RegExp.prototype is an ordinary object (no [[RegExpMatcher]]) */
    proto = JS_NewObject(ctx);
    if (JS_IsException(proto))
        return -1;
    ctx->class_proto[JS_CLASS_REGEXP] = proto;
    if (JS_SetPropertyFunctionList(ctx, proto, js_regexp_proto_funcs, countof(js_regexp_proto_funcs)) < 0)
        return -1;
    ctor = wf_define_ctor(ctx, js_regexp_constructor, "RegExp", 2, JS_CFUNC_constructor_or_func, 0, proto);
    if (JS_IsException(ctor))
        return -1;
    JS_FreeValue(ctx, ctx->regexp_ctor);
    ctx->regexp_ctor = ctor;
    if (JS_SetPropertyFunctionList(ctx, ctor, js_regexp_funcs, countof(js_regexp_funcs)) < 0)
        return -1;

    iter_proto = JS_NewObjectProto(ctx, ctx->iterator_proto);
    if (JS_IsException(iter_proto))
        return -1;
    ctx->class_proto[JS_CLASS_REGEXP_STRING_ITERATOR] = iter_proto;
    return JS_SetPropertyFunctionList(ctx, iter_proto, js_regexp_string_iterator_proto_funcs,
                                      countof(js_regexp_string_iterator_proto_funcs));
}

/* ------------------------------------------------------------------ */
/* For the structured clone (engine/serialize.c; declared in
   engine/serialize_int.h). */

/* [[OriginalSource]] (borrowed) and [[OriginalFlags]] (WF_RE_FLAG_*) of a
   RegExp object: false if obj has no [[RegExpMatcher]]. */
bool wf_regexp_get_source_flags(JSValueConst obj, JSValueConst *psource, int *pflags)
{
    RegExpData *d = regexp_data(obj);
    if (!d)
        return false;
    *psource = d->source;
    *pflags = d->flags;
    return true;
}

/* RegExpCreate(source, flags) with the realm's %RegExp.prototype%; flags
   is a flags string.  JS_EXCEPTION (SyntaxError) if they do not compile. */
JSValue wf_regexp_create(JSContext *ctx, JSValueConst source, JSValueConst flags)
{
    JSValue obj = regexp_alloc(ctx, JS_UNDEFINED), r;
    if (JS_IsException(obj))
        return obj;
    r = regexp_initialize(ctx, obj, source, flags);
    JS_FreeValue(ctx, obj);
    return r;
}
