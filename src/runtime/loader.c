/*
 * loader.c - the file module loader: name resolution (relative imports
 * from the importing file, file:// URLs, the built-in 'std'/'os'/'qjs:*'
 * modules), loading JavaScript and JSON modules from files, import.meta
 * (url, filename, dirname, main, resolve) and import attributes.
 *
 * A specifier that names no file is an error at resolution time, naming
 * both sides: "cannot find module './x.js' imported from /dir/main.js".
 * Bare names other than the built-ins are paths relative to the working
 * directory, as in QuickJS.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quickjs-libc.h"
#include "runtime/runtime.h"

static bool is_builtin_name(const char *name)
{
    return !strcmp(name, "std") || !strcmp(name, "os") || !strncmp(name, "qjs:", 4) ||
           !strncmp(name, "node:", 5);
}

JSModuleDef *wf_rt_builtin_module(JSContext *ctx, const char *name)
{
    if (!strcmp(name, "std") || !strcmp(name, "qjs:std"))
        return js_init_module_std(ctx, name);
    if (!strcmp(name, "os") || !strcmp(name, "qjs:os"))
        return js_init_module_os(ctx, name);
    return NULL;
}

/* ---------------------------------------------------------------- paths */

/* "dir" + "/" + "rel" with "." and ".." segments removed (a leading ".."
   of a relative result is kept).  js_malloc'ed, NULL on OOM (pending). */
static char *path_join(JSContext *ctx, const char *dir, size_t dlen, const char *rel)
{
    size_t rlen = strlen(rel), cap = dlen + rlen + 2, n = 0;
    char *out = js_malloc(ctx, cap + 1);
    const char *p;
    char *tmp;
    bool abs;
    if (!out)
        return NULL;
    tmp = js_malloc(ctx, cap + 1);
    if (!tmp) {
        js_free(ctx, out);
        return NULL;
    }
    if (rel[0] == '/' || dlen == 0) {
        memcpy(tmp, rel, rlen + 1);
    } else {
        memcpy(tmp, dir, dlen);
        tmp[dlen] = '/';
        memcpy(tmp + dlen + 1, rel, rlen + 1);
    }
    abs = tmp[0] == '/';
    if (abs)
        out[n++] = '/';
    p = tmp;
    while (*p) {
        const char *e;
        size_t sl;
        while (*p == '/')
            p++;
        if (!*p)
            break;
        e = strchr(p, '/');
        sl = e ? (size_t)(e - p) : strlen(p);
        if (sl == 1 && p[0] == '.') {
            /* skip */
        } else if (sl == 2 && p[0] == '.' && p[1] == '.') {
            /* drop the last segment unless it is itself ".." or the root */
            size_t start = abs ? 1 : 0, k = n;
            while (k > start && out[k - 1] == '/')
                k--;
            if (k > start) {
                size_t j = k;
                while (j > start && out[j - 1] != '/')
                    j--;
                if (!(k - j == 2 && out[j] == '.' && out[j + 1] == '.')) {
                    n = j;
                    goto next;
                }
            } else if (abs) {
                goto next;      /* "/.." is "/" */
            }
            if (n > start && out[n - 1] != '/')
                out[n++] = '/';
            out[n++] = '.';
            out[n++] = '.';
        } else {
            if (n > 0 && out[n - 1] != '/')
                out[n++] = '/';
            memcpy(out + n, p, sl);
            n += sl;
        }
    next:
        p += sl;
    }
    while (n > 1 && out[n - 1] == '/')
        n--;
    if (n == 0)
        out[n++] = '.';
    out[n] = '\0';
    js_free(ctx, tmp);
    return out;
}

/* Length of the directory part of a module name ("a/b/c.js" -> 3, "c.js" -> 0). */
static size_t dir_len(const char *name)
{
    const char *s = strrchr(name, '/');
    if (!s)
        return 0;
    if (s == name)
        return 1;
    return (size_t)(s - name);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The path of a file: URL (percent-decoded), js_malloc'ed, or NULL
   (no exception) when `url` is not one. */
static char *file_url_path(JSContext *ctx, const char *url)
{
    const char *p;
    char *out, *q;
    if (strncmp(url, "file://", 7) != 0)
        return NULL;
    p = url + 7;
    if (!strncmp(p, "localhost/", 10))
        p += 9;
    out = js_malloc(ctx, strlen(p) + 1);
    if (!out)
        return NULL;
    for (q = out; *p && *p != '?' && *p != '#'; p++) {
        if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            *q++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
            p += 2;
        } else {
            *q++ = *p;
        }
    }
    *q = '\0';
    return out;
}

/* file:// URL of an absolute path, js_malloc'ed. */
static char *path_to_url(JSContext *ctx, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *out = js_malloc(ctx, 7 + 3 * n + 1), *q;
    const unsigned char *p;
    if (!out)
        return NULL;
    memcpy(out, "file://", 7);
    q = out + 7;
    for (p = (const unsigned char *)path; *p; p++) {
        unsigned c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("/-_.~!$&'()*+,;=:@", (int)c)) {
            *q++ = (char)c;
        } else {
            *q++ = '%';
            *q++ = hex[c >> 4];
            *q++ = hex[c & 15];
        }
    }
    *q = '\0';
    return out;
}

/* Absolute form of a path (cwd prepended), js_malloc'ed. */
static char *absolute_path(JSContext *ctx, const char *path, bool use_realpath)
{
    char buf[PATH_MAX];
    if (use_realpath && realpath(path, buf))
        return js_strdup(ctx, buf);
    if (path[0] == '/')
        return path_join(ctx, "", 0, path);
    if (!getcwd(buf, sizeof buf))
        return js_strdup(ctx, path);
    return path_join(ctx, buf, strlen(buf), path);
}

/* Resolves `name` against the module named `base`, without checking the
   file: a js_malloc'ed module name. */
static char *resolve_name(JSContext *ctx, const char *base, const char *name)
{
    char *path;
    if (is_builtin_name(name))
        return js_strdup(ctx, name);
    path = file_url_path(ctx, name);
    if (path) {
        char *r = path_join(ctx, "", 0, path);
        js_free(ctx, path);
        return r;
    }
    if (name[0] == '/')
        return path_join(ctx, "", 0, name);
    if (name[0] == '.' && (name[1] == '/' || (name[1] == '.' && name[2] == '/') ||
                           name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) {
        char *bpath = NULL;
        char *r;
        if (base && strncmp(base, "file://", 7) == 0)
            bpath = file_url_path(ctx, base);
        if (bpath) {
            r = path_join(ctx, bpath, dir_len(bpath), name);
            js_free(ctx, bpath);
            return r;
        }
        if (!base || base[0] == '<' || base[0] == '\0')
            return path_join(ctx, "", 0, name);
        return path_join(ctx, base, dir_len(base), name);
    }
    return js_strdup(ctx, name);     /* relative to the working directory */
}

char *wf_rt_module_normalize(JSContext *ctx, const char *base, const char *name,
                             void *opaque)
{
    char *r;
    struct stat st;
    (void)opaque;
    r = resolve_name(ctx, base, name);
    if (!r) {
        if (!JS_HasException(ctx))
            JS_ThrowOutOfMemory(ctx);
        return NULL;
    }
    if (is_builtin_name(r))
        return r;
    if (stat(r, &st) != 0 || S_ISDIR(st.st_mode)) {
        JSValue err;
        js_free(ctx, r);
        JS_ThrowPlainError(ctx, "cannot find module '%s' imported from %s", name,
                           base && *base ? base : "<input>");
        err = JS_GetException(ctx);
        if (JS_IsObject(err))
            JS_DefinePropertyValueStr(ctx, err, "code",
                                      JS_NewString(ctx, "ERR_MODULE_NOT_FOUND"), JS_PROP_C_W_E);
        JS_Throw(ctx, err);
        return NULL;
    }
    return r;
}

/* ---------------------------------------------------------------- attributes */

int js_module_test_json(JSContext *ctx, JSValueConst attributes)
{
    JSValue t;
    const char *s;
    int r = 0;
    if (!JS_IsObject(attributes))
        return 0;
    t = JS_GetPropertyStr(ctx, attributes, "type");
    if (JS_IsException(t)) {
        JS_FreeValue(ctx, JS_GetException(ctx));
        return 0;
    }
    if (JS_IsString(t)) {
        s = JS_ToCString(ctx, t);
        r = s && !strcmp(s, "json");
        JS_FreeCString(ctx, s);
    }
    JS_FreeValue(ctx, t);
    return r;
}

int js_module_check_attributes(JSContext *ctx, void *opaque, JSValueConst attributes)
{
    JSPropertyEnum *tab = NULL;
    uint32_t len = 0, i;
    int ret = 0;
    (void)opaque;
    if (!JS_IsObject(attributes))
        return 0;
    if (JS_GetOwnPropertyNames(ctx, &tab, &len, attributes,
                               JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
        return -1;
    for (i = 0; i < len && ret == 0; i++) {
        const char *k = JS_AtomToCString(ctx, tab[i].atom);
        if (!k) {
            ret = -1;
            break;
        }
        if (strcmp(k, "type") != 0) {
            JS_ThrowTypeError(ctx, "unsupported import attribute '%s'", k);
            ret = -1;
        }
        JS_FreeCString(ctx, k);
    }
    JS_FreePropertyEnum(ctx, tab, len);
    if (ret == 0) {
        JSValue t = JS_GetPropertyStr(ctx, attributes, "type");
        if (JS_IsException(t))
            return -1;
        if (!JS_IsUndefined(t) && !js_module_test_json(ctx, attributes)) {
            const char *s = JS_ToCString(ctx, t);
            JS_ThrowTypeError(ctx, "unsupported module type '%s'", s ? s : "?");
            JS_FreeCString(ctx, s);
            ret = -1;
        }
        JS_FreeValue(ctx, t);
    }
    return ret;
}

/* ---------------------------------------------------------------- import.meta */

/* import.meta.resolve(specifier): data[0] is the module's name. */
static JSValue js_meta_resolve(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv, int magic, JSValueConst *data)
{
    const char *base, *spec;
    char *r, *abs, *url;
    JSValue ret;
    (void)this_val;
    (void)magic;
    spec = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!spec)
        return JS_EXCEPTION;
    base = JS_ToCString(ctx, data[0]);
    if (!base) {
        JS_FreeCString(ctx, spec);
        return JS_EXCEPTION;
    }
    r = resolve_name(ctx, base, spec);
    JS_FreeCString(ctx, base);
    if (!r) {
        JS_FreeCString(ctx, spec);
        return JS_EXCEPTION;
    }
    if (is_builtin_name(r) || strstr(spec, "://")) {
        ret = JS_NewString(ctx, is_builtin_name(r) ? r : spec);
        js_free(ctx, r);
        JS_FreeCString(ctx, spec);
        return ret;
    }
    JS_FreeCString(ctx, spec);
    abs = absolute_path(ctx, r, false);
    js_free(ctx, r);
    if (!abs)
        return JS_EXCEPTION;
    url = path_to_url(ctx, abs);
    js_free(ctx, abs);
    if (!url)
        return JS_EXCEPTION;
    ret = JS_NewString(ctx, url);
    js_free(ctx, url);
    return ret;
}

int js_module_set_import_meta(JSContext *ctx, JSValueConst func_val, bool use_realpath,
                              bool is_main)
{
    JSModuleDef *m;
    JSAtom name_atom;
    const char *name = NULL;
    char *path = NULL, *url = NULL;
    JSValue meta = JS_UNDEFINED, fn, data;
    int ret = -1;

    if (JS_VALUE_GET_TAG(func_val) != JS_TAG_MODULE) {
        JS_ThrowTypeError(ctx, "js_module_set_import_meta: not a module");
        return -1;
    }
    m = JS_VALUE_GET_PTR(func_val);
    name_atom = JS_GetModuleName(ctx, m);
    name = JS_AtomToCString(ctx, name_atom);
    JS_FreeAtom(ctx, name_atom);
    if (!name)
        return -1;
    meta = JS_GetImportMeta(ctx, m);
    if (JS_IsException(meta))
        goto done;
    if (strstr(name, "://") || name[0] == '<') {
        url = js_strdup(ctx, name);
        if (!url)
            goto done;
    } else {
        size_t dl;
        path = absolute_path(ctx, name, use_realpath);
        if (!path)
            goto done;
        url = path_to_url(ctx, path);
        if (!url)
            goto done;
        dl = dir_len(path);
        if (JS_DefinePropertyValueStr(ctx, meta, "filename", JS_NewString(ctx, path),
                                      JS_PROP_C_W_E) < 0 ||
            JS_DefinePropertyValueStr(ctx, meta, "dirname", JS_NewStringLen(ctx, path, dl),
                                      JS_PROP_C_W_E) < 0)
            goto done;
    }
    if (JS_DefinePropertyValueStr(ctx, meta, "url", JS_NewString(ctx, url), JS_PROP_C_W_E) < 0 ||
        JS_DefinePropertyValueStr(ctx, meta, "main", JS_NewBool(ctx, is_main),
                                  JS_PROP_C_W_E) < 0)
        goto done;
    data = JS_NewString(ctx, name);
    if (JS_IsException(data))
        goto done;
    fn = JS_NewCFunctionData(ctx, js_meta_resolve, 1, 0, 1, &data);
    JS_FreeValue(ctx, data);
    if (JS_IsException(fn) ||
        JS_DefinePropertyValueStr(ctx, meta, "resolve", fn, JS_PROP_C_W_E) < 0)
        goto done;
    if (is_main) {
        WfThreadState *ts = wf_rt_state(JS_GetRuntime(ctx));
        if (ts) {
            js_free_rt(JS_GetRuntime(ctx), ts->main_module);
            ts->main_module = js_strdup(ctx, name);
        }
    }
    ret = 0;
done:
    JS_FreeValue(ctx, meta);
    JS_FreeCString(ctx, name);
    js_free(ctx, path);
    js_free(ctx, url);
    return ret;
}

/* ---------------------------------------------------------------- loader */

JSModuleDef *js_module_loader(JSContext *ctx, const char *module_name, void *opaque,
                              JSValueConst attributes)
{
    uint8_t *buf;
    size_t len;
    JSValue func;
    /* `attributes` is never read: the engine has already chosen JSON or
       JavaScript from them, and QuickJS-style code installs this loader
       through the 3-argument JS_SetModuleLoaderFunc too. */
    (void)opaque;
    (void)attributes;
    if (is_builtin_name(module_name)) {
        JSModuleDef *m = wf_rt_builtin_module(ctx, module_name);
        if (!m && !JS_HasException(ctx))
            JS_ThrowReferenceError(ctx, "cannot find module '%s'", module_name);
        return m;
    }
    buf = js_load_file(ctx, &len, module_name);
    if (!buf) {
        int e = errno;
        JS_ThrowReferenceError(ctx, "could not load module '%s': %s", module_name,
                               strerror(e));
        return NULL;
    }
    func = JS_Eval(ctx, (const char *)buf, len, module_name,
                   JS_EVAL_TYPE_MODULE | JS_EVAL_FLAG_COMPILE_ONLY);
    js_free(ctx, buf);
    if (JS_IsException(func))
        return NULL;
    if (js_module_set_import_meta(ctx, func, true, false) < 0) {
        JS_FreeValue(ctx, func);
        return NULL;
    }
    return JS_VALUE_GET_PTR(func);
}
