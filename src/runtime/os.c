/*
 * os.c - the module 'os' (also 'qjs:os'): QuickJS's operating-system
 * binding.  Files and descriptors (open/close/read/write/seek, dup/dup2,
 * pipe, isatty, ttyGetWinSize, ttySetRaw), the file system (remove,
 * rename, realpath, getcwd, chdir, mkdir, stat/lstat, utimes,
 * symlink/readlink, readdir), processes (exec, waitpid, kill, signal),
 * the event loop (setReadHandler/setWriteHandler, setTimeout & co.,
 * sleepAsync), sleep, now, platform, the constants, and Worker (built by
 * worker.c).
 *
 * Conventions (QuickJS's): calls return a negative errno on failure, or
 * [value, errno] pairs for those that produce a value (realpath, getcwd,
 * stat, readlink, readdir); bad argument types throw.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "quickjs-libc.h"
#include "runtime/runtime.h"
#include "runtime/worker.h"

extern char **environ;

/* ---------------------------------------------------------------- helpers */

static JSValue ret_errno(JSContext *ctx, long r)
{
    return JS_NewInt64(ctx, r < 0 ? -(int64_t)errno : (int64_t)r);
}

static JSValue pair(JSContext *ctx, JSValue v, int err)
{
    JSValue arr[2];
    if (JS_IsException(v))
        return v;
    arr[0] = v;
    arr[1] = JS_NewInt32(ctx, err);
    return JS_NewArrayFrom(ctx, 2, arr);
}

static int arg_int(JSContext *ctx, int32_t *p, int argc, JSValueConst *argv, int i)
{
    return JS_ToInt32(ctx, p, i < argc ? argv[i] : JS_UNDEFINED);
}

static const char *arg_str(JSContext *ctx, int argc, JSValueConst *argv, int i)
{
    return JS_ToCString(ctx, i < argc ? argv[i] : JS_UNDEFINED);
}


/* ---------------------------------------------------------------- descriptors */

static JSValue js_os_open(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *name;
    int32_t flags = 0, mode = 0666;
    int fd;
    (void)this_val;
    name = arg_str(ctx, argc, argv, 0);
    if (!name)
        return JS_EXCEPTION;
    if (arg_int(ctx, &flags, argc, argv, 1) < 0 ||
        (argc > 2 && !JS_IsUndefined(argv[2]) && arg_int(ctx, &mode, argc, argv, 2) < 0)) {
        JS_FreeCString(ctx, name);
        return JS_EXCEPTION;
    }
    fd = open(name, flags | O_CLOEXEC, (mode_t)mode);
    JS_FreeCString(ctx, name);
    return ret_errno(ctx, fd);
}

static JSValue js_os_close(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int32_t fd;
    (void)this_val;
    if (arg_int(ctx, &fd, argc, argv, 0) < 0)
        return JS_EXCEPTION;
    return ret_errno(ctx, close(fd));
}

/* read/write(fd, buffer, offset, length): magic 0 read, 1 write */
static JSValue js_os_rw(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                        int magic)
{
    int32_t fd;
    uint8_t *buf;
    size_t len;
    int64_t pos = 0, cnt;
    ssize_t r;
    (void)this_val;
    if (arg_int(ctx, &fd, argc, argv, 0) < 0)
        return JS_EXCEPTION;
    if (wf_rt_get_bytes(ctx, argc > 1 ? argv[1] : JS_UNDEFINED, &buf, &len) < 0)
        return JS_EXCEPTION;
    if (argc > 2 && JS_ToInt64Ext(ctx, &pos, argv[2]) < 0)
        return JS_EXCEPTION;
    cnt = (int64_t)len - pos;
    if (argc > 3 && !JS_IsUndefined(argv[3]) && JS_ToInt64Ext(ctx, &cnt, argv[3]) < 0)
        return JS_EXCEPTION;
    if (wf_rt_get_bytes(ctx, argv[1], &buf, &len) < 0)
        return JS_EXCEPTION;
    if (pos < 0 || cnt < 0 || (uint64_t)pos + (uint64_t)cnt > len)
        return JS_ThrowRangeError(ctx, "read/write array buffer overflow");
    if (magic)
        r = write(fd, buf + pos, (size_t)cnt);
    else
        r = read(fd, buf + pos, (size_t)cnt);
    return ret_errno(ctx, (long)r);
}

static JSValue js_os_seek(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int32_t fd, whence = SEEK_SET;
    int64_t off;
    off_t r;
    bool big = argc > 1 && JS_IsBigInt(ctx, argv[1]);
    (void)this_val;
    if (arg_int(ctx, &fd, argc, argv, 0) < 0 ||
        JS_ToInt64Ext(ctx, &off, argc > 1 ? argv[1] : JS_UNDEFINED) < 0 ||
        (argc > 2 && arg_int(ctx, &whence, argc, argv, 2) < 0))
        return JS_EXCEPTION;
    r = lseek(fd, (off_t)off, whence);
    if (r < 0)
        r = -errno;
    return big ? JS_NewBigInt64(ctx, (int64_t)r) : JS_NewInt64(ctx, (int64_t)r);
}

static JSValue js_os_isatty(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int32_t fd;
    (void)this_val;
    if (arg_int(ctx, &fd, argc, argv, 0) < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, isatty(fd) == 1);
}

static JSValue js_os_tty_get_win_size(JSContext *ctx, JSValueConst this_val, int argc,
                                      JSValueConst *argv)
{
    int32_t fd;
    struct winsize ws;
    JSValue a[2];
    (void)this_val;
    if (arg_int(ctx, &fd, argc, argv, 0) < 0)
        return JS_EXCEPTION;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_col < 1 || ws.ws_row < 1)
        return JS_NULL;
    a[0] = JS_NewInt32(ctx, ws.ws_col);
    a[1] = JS_NewInt32(ctx, ws.ws_row);
    return JS_NewArrayFrom(ctx, 2, a);
}

/* ttySetRaw: the terminal's first saved mode is restored at exit.  The
   saved state is process-wide (one terminal) and written once: the first
   caller wins the compare-and-swap on tty_claimed, fills tty_saved, then
   publishes the descriptor in tty_saved_fd (release) for tty_restore. */
static struct termios tty_saved;
static int tty_claimed;
static int tty_saved_fd = -1;

static void tty_restore(void)
{
    int fd = __atomic_load_n(&tty_saved_fd, __ATOMIC_ACQUIRE);
    if (fd >= 0)
        tcsetattr(fd, TCSANOW, &tty_saved);
}

static JSValue js_os_tty_set_raw(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    int32_t fd;
    struct termios t;
    int expected = 0;
    (void)this_val;
    if (arg_int(ctx, &fd, argc, argv, 0) < 0)
        return JS_EXCEPTION;
    if (tcgetattr(fd, &t) != 0)
        return JS_NewInt32(ctx, -errno);
    if (__atomic_compare_exchange_n(&tty_claimed, &expected, 1, false,
                                    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        tty_saved = t;
        __atomic_store_n(&tty_saved_fd, fd, __ATOMIC_RELEASE);
        atexit(tty_restore);
    }
    t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | IEXTEN);
    t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    return JS_NewInt32(ctx, tcsetattr(fd, TCSANOW, &t) != 0 ? -errno : 0);
}

static JSValue js_os_dup(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                         int magic)
{
    int32_t a, b = 0;
    (void)this_val;
    if (arg_int(ctx, &a, argc, argv, 0) < 0 || (magic && arg_int(ctx, &b, argc, argv, 1) < 0))
        return JS_EXCEPTION;
    return ret_errno(ctx, magic ? dup2(a, b) : dup(a));
}

static JSValue js_os_pipe(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int fds[2];
    JSValue a[2];
    (void)this_val;
    (void)argc;
    (void)argv;
    if (pipe2(fds, O_CLOEXEC) < 0)
        return JS_NULL;
    a[0] = JS_NewInt32(ctx, fds[0]);
    a[1] = JS_NewInt32(ctx, fds[1]);
    return JS_NewArrayFrom(ctx, 2, a);
}

/* ---------------------------------------------------------------- file system */

/* magic: 0 remove, 1 chdir, 2 rmdir */
static JSValue js_os_path1(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                           int magic)
{
    const char *p = arg_str(ctx, argc, argv, 0);
    int r;
    (void)this_val;
    if (!p)
        return JS_EXCEPTION;
    if (magic == 0) {
        r = unlink(p);
        if (r < 0 && (errno == EISDIR || errno == EPERM)) {
            int e = errno;
            r = rmdir(p);
            if (r < 0 && errno == ENOTDIR)
                errno = e;
        }
    } else if (magic == 1) {
        r = chdir(p);
    } else {
        r = rmdir(p);
    }
    JS_FreeCString(ctx, p);
    return ret_errno(ctx, r);
}

/* magic: 0 rename, 1 symlink */
static JSValue js_os_path2(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                           int magic)
{
    const char *a, *b;
    int r;
    (void)this_val;
    a = arg_str(ctx, argc, argv, 0);
    if (!a)
        return JS_EXCEPTION;
    b = arg_str(ctx, argc, argv, 1);
    if (!b) {
        JS_FreeCString(ctx, a);
        return JS_EXCEPTION;
    }
    r = magic ? symlink(a, b) : rename(a, b);
    JS_FreeCString(ctx, a);
    JS_FreeCString(ctx, b);
    return ret_errno(ctx, r);
}

static JSValue js_os_mkdir(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *p = arg_str(ctx, argc, argv, 0);
    int32_t mode = 0777;
    int r;
    (void)this_val;
    if (!p)
        return JS_EXCEPTION;
    if (argc > 1 && !JS_IsUndefined(argv[1]) && arg_int(ctx, &mode, argc, argv, 1) < 0) {
        JS_FreeCString(ctx, p);
        return JS_EXCEPTION;
    }
    r = mkdir(p, (mode_t)mode);
    JS_FreeCString(ctx, p);
    return ret_errno(ctx, r);
}

static JSValue js_os_realpath(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    const char *p = arg_str(ctx, argc, argv, 0);
    char buf[PATH_MAX];
    int err = 0;
    (void)this_val;
    if (!p)
        return JS_EXCEPTION;
    if (!realpath(p, buf)) {
        err = errno;
        buf[0] = '\0';
    }
    JS_FreeCString(ctx, p);
    return pair(ctx, JS_NewString(ctx, buf), err);
}

static JSValue js_os_getcwd(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    char buf[PATH_MAX];
    int err = 0;
    (void)this_val;
    (void)argc;
    (void)argv;
    if (!getcwd(buf, sizeof buf)) {
        err = errno;
        buf[0] = '\0';
    }
    return pair(ctx, JS_NewString(ctx, buf), err);
}

static JSValue js_os_readlink(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv)
{
    const char *p = arg_str(ctx, argc, argv, 0);
    char buf[PATH_MAX];
    ssize_t n;
    int err = 0;
    (void)this_val;
    if (!p)
        return JS_EXCEPTION;
    n = readlink(p, buf, sizeof buf - 1);
    if (n < 0) {
        err = errno;
        n = 0;
    }
    buf[n] = '\0';
    JS_FreeCString(ctx, p);
    return pair(ctx, JS_NewStringLen(ctx, buf, (size_t)n), err);
}

static JSValue js_os_readdir(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv)
{
    const char *p = arg_str(ctx, argc, argv, 0);
    DIR *d;
    struct dirent *e;
    JSValue arr;
    uint32_t i = 0;
    (void)this_val;
    if (!p)
        return JS_EXCEPTION;
    arr = JS_NewArray(ctx);
    if (JS_IsException(arr)) {
        JS_FreeCString(ctx, p);
        return arr;
    }
    d = opendir(p);
    JS_FreeCString(ctx, p);
    if (!d)
        return pair(ctx, arr, errno);
    while ((e = readdir(d)) != NULL) {
        if (JS_SetPropertyUint32(ctx, arr, i++, JS_NewString(ctx, e->d_name)) < 0) {
            closedir(d);
            JS_FreeValue(ctx, arr);
            return JS_EXCEPTION;
        }
    }
    closedir(d);
    return pair(ctx, arr, 0);
}

static double ts_ms(const struct timespec *t)
{
    return (double)t->tv_sec * 1000.0 + (double)(t->tv_nsec / 1000000);
}

static JSValue js_os_stat(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv,
                          int magic)
{
    const char *p = arg_str(ctx, argc, argv, 0);
    struct stat st;
    JSValue obj;
    int r;
    (void)this_val;
    if (!p)
        return JS_EXCEPTION;
    r = magic ? lstat(p, &st) : stat(p, &st);
    JS_FreeCString(ctx, p);
    if (r < 0)
        return pair(ctx, JS_NULL, errno);
    obj = JS_NewObject(ctx);
    if (JS_IsException(obj))
        return obj;
#define SETF(name, v)                                                                   \
    if (JS_DefinePropertyValueStr(ctx, obj, name, v, JS_PROP_C_W_E) < 0)                \
        goto fail
    SETF("dev", JS_NewInt64(ctx, (int64_t)st.st_dev));
    SETF("ino", JS_NewInt64(ctx, (int64_t)st.st_ino));
    SETF("mode", JS_NewInt32(ctx, (int32_t)st.st_mode));
    SETF("nlink", JS_NewInt64(ctx, (int64_t)st.st_nlink));
    SETF("uid", JS_NewInt64(ctx, (int64_t)st.st_uid));
    SETF("gid", JS_NewInt64(ctx, (int64_t)st.st_gid));
    SETF("rdev", JS_NewInt64(ctx, (int64_t)st.st_rdev));
    SETF("size", JS_NewInt64(ctx, (int64_t)st.st_size));
    SETF("blocks", JS_NewInt64(ctx, (int64_t)st.st_blocks));
    SETF("atime", JS_NewFloat64(ctx, ts_ms(&st.st_atim)));
    SETF("mtime", JS_NewFloat64(ctx, ts_ms(&st.st_mtim)));
    SETF("ctime", JS_NewFloat64(ctx, ts_ms(&st.st_ctim)));
#undef SETF
    return pair(ctx, obj, 0);
fail:
    JS_FreeValue(ctx, obj);
    return JS_EXCEPTION;
}

static JSValue js_os_utimes(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    const char *p;
    double at, mt;
    struct timespec ts[2];
    int r;
    (void)this_val;
    if (JS_ToFloat64(ctx, &at, argc > 1 ? argv[1] : JS_UNDEFINED) < 0 ||
        JS_ToFloat64(ctx, &mt, argc > 2 ? argv[2] : JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    p = arg_str(ctx, argc, argv, 0);
    if (!p)
        return JS_EXCEPTION;
    ts[0].tv_sec = (time_t)(at / 1000);
    ts[0].tv_nsec = (long)((at - (double)ts[0].tv_sec * 1000) * 1e6);
    ts[1].tv_sec = (time_t)(mt / 1000);
    ts[1].tv_nsec = (long)((mt - (double)ts[1].tv_sec * 1000) * 1e6);
    if (ts[0].tv_nsec < 0 || ts[0].tv_nsec >= 1000000000L)
        ts[0].tv_nsec = 0;
    if (ts[1].tv_nsec < 0 || ts[1].tv_nsec >= 1000000000L)
        ts[1].tv_nsec = 0;
    r = utimensat(AT_FDCWD, p, ts, 0);
    JS_FreeCString(ctx, p);
    return ret_errno(ctx, r);
}

/* ---------------------------------------------------------------- processes */

static JSValue js_os_kill(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int32_t pid, sig = SIGTERM;
    (void)this_val;
    if (arg_int(ctx, &pid, argc, argv, 0) < 0 ||
        (argc > 1 && !JS_IsUndefined(argv[1]) && arg_int(ctx, &sig, argc, argv, 1) < 0))
        return JS_EXCEPTION;
    return ret_errno(ctx, kill(pid, sig));
}

static JSValue js_os_waitpid(JSContext *ctx, JSValueConst this_val, int argc,
                             JSValueConst *argv)
{
    int32_t pid, opts = 0;
    int status = 0, r;
    JSValue a[2];
    (void)this_val;
    if (arg_int(ctx, &pid, argc, argv, 0) < 0 ||
        (argc > 1 && arg_int(ctx, &opts, argc, argv, 1) < 0))
        return JS_EXCEPTION;
    do {
        r = waitpid(pid, &status, opts);
    } while (r < 0 && errno == EINTR);
    a[0] = JS_NewInt32(ctx, r < 0 ? -errno : r);
    a[1] = JS_NewInt32(ctx, status);
    return JS_NewArrayFrom(ctx, 2, a);
}

/* Frees a NULL-terminated array of js_malloc'ed strings. */
static void free_strv(JSContext *ctx, char **v)
{
    char **p;
    if (!v)
        return;
    for (p = v; *p; p++)
        js_free(ctx, *p);
    js_free(ctx, v);
}

static char *dup_cstr(JSContext *ctx, JSValueConst v)
{
    size_t len;
    const char *s = JS_ToCStringLen(ctx, &len, v);
    char *r;
    if (!s)
        return NULL;
    r = js_malloc(ctx, len + 1);
    if (r)
        memcpy(r, s, len + 1);
    JS_FreeCString(ctx, s);
    return r;
}

static int opt_get(JSContext *ctx, JSValueConst opts, const char *name, JSValue *pv)
{
    *pv = JS_GetPropertyStr(ctx, opts, name);
    return JS_IsException(*pv) ? -1 : 0;
}

static int opt_int(JSContext *ctx, JSValueConst opts, const char *name, int32_t *out,
                   bool *present)
{
    JSValue v;
    int r = 0;
    *present = false;
    if (opt_get(ctx, opts, name, &v) < 0)
        return -1;
    if (!JS_IsUndefined(v)) {
        *present = true;
        r = JS_ToInt32(ctx, out, v);
    }
    JS_FreeValue(ctx, v);
    return r;
}

/* exec(args, { block, usePath, file, cwd, stdin, stdout, stderr, env,
   uid, gid }): the exit status (-signal if killed) when blocking, else
   the pid; -errno when fork fails.  A program that cannot be started
   exits with status 127. */
static JSValue js_os_exec(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    JSValueConst args = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSValueConst opts = argc > 1 ? argv[1] : JS_UNDEFINED;
    char **cargv = NULL, **cenv = NULL, *file = NULL, *cwd = NULL;
    int64_t n = 0, i;
    bool block = true, use_path = true, has_uid = false, has_gid = false, pres;
    int32_t fd_in = -1, fd_out = -1, fd_err = -1, uid = 0, gid = 0;
    JSValue ret = JS_EXCEPTION, v;
    pid_t pid;
    (void)this_val;

    if (!JS_IsArray(ctx, args))
        return JS_ThrowTypeError(ctx, "exec: the arguments must be an array");
    if (JS_GetLength(ctx, args, &n) < 0)
        return JS_EXCEPTION;
    if (n < 1 || n > 65535)
        return JS_ThrowRangeError(ctx, "exec: invalid number of arguments");
    cargv = js_mallocz(ctx, sizeof(char *) * (size_t)(n + 1));
    if (!cargv)
        return JS_EXCEPTION;
    for (i = 0; i < n; i++) {
        v = JS_GetPropertyInt64(ctx, args, i);
        if (JS_IsException(v))
            goto done;
        cargv[i] = dup_cstr(ctx, v);
        JS_FreeValue(ctx, v);
        if (!cargv[i])
            goto done;
    }
    if (JS_IsObject(opts)) {
        int t;
        if (opt_get(ctx, opts, "block", &v) < 0)
            goto done;
        if (!JS_IsUndefined(v)) {
            t = JS_ToBool(ctx, v);
            block = t > 0;
        }
        JS_FreeValue(ctx, v);
        if (opt_get(ctx, opts, "usePath", &v) < 0)
            goto done;
        if (!JS_IsUndefined(v)) {
            t = JS_ToBool(ctx, v);
            use_path = t > 0;
        }
        JS_FreeValue(ctx, v);
        if (opt_get(ctx, opts, "file", &v) < 0)
            goto done;
        if (!JS_IsUndefined(v)) {
            file = dup_cstr(ctx, v);
            if (!file) {
                JS_FreeValue(ctx, v);
                goto done;
            }
        }
        JS_FreeValue(ctx, v);
        if (opt_get(ctx, opts, "cwd", &v) < 0)
            goto done;
        if (!JS_IsUndefined(v)) {
            cwd = dup_cstr(ctx, v);
            if (!cwd) {
                JS_FreeValue(ctx, v);
                goto done;
            }
        }
        JS_FreeValue(ctx, v);
        if (opt_int(ctx, opts, "stdin", &fd_in, &pres) < 0 ||
            opt_int(ctx, opts, "stdout", &fd_out, &pres) < 0 ||
            opt_int(ctx, opts, "stderr", &fd_err, &pres) < 0 ||
            opt_int(ctx, opts, "uid", &uid, &has_uid) < 0 ||
            opt_int(ctx, opts, "gid", &gid, &has_gid) < 0)
            goto done;
        if (opt_get(ctx, opts, "env", &v) < 0)
            goto done;
        if (JS_IsObject(v)) {
            JSPropertyEnum *tab;
            uint32_t len, k;
            if (JS_GetOwnPropertyNames(ctx, &tab, &len, v,
                                       JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0) {
                JS_FreeValue(ctx, v);
                goto done;
            }
            cenv = js_mallocz(ctx, sizeof(char *) * (len + 1));
            for (k = 0; cenv && k < len; k++) {
                const char *key = JS_AtomToCString(ctx, tab[k].atom);
                JSValue val = key ? JS_GetProperty(ctx, v, tab[k].atom) : JS_EXCEPTION;
                const char *sv = JS_IsException(val) ? NULL : JS_ToCString(ctx, val);
                if (key && sv) {
                    size_t kl = strlen(key), vl = strlen(sv);
                    cenv[k] = js_malloc(ctx, kl + vl + 2);
                    if (cenv[k]) {
                        memcpy(cenv[k], key, kl);
                        cenv[k][kl] = '=';
                        memcpy(cenv[k] + kl + 1, sv, vl + 1);
                    }
                }
                JS_FreeCString(ctx, key);
                JS_FreeCString(ctx, sv);
                JS_FreeValue(ctx, val);
                if (!cenv[k]) {
                    JS_FreePropertyEnum(ctx, tab, len);
                    JS_FreeValue(ctx, v);
                    goto done;
                }
            }
            JS_FreePropertyEnum(ctx, tab, len);
            if (!cenv) {
                JS_FreeValue(ctx, v);
                goto done;
            }
        }
        JS_FreeValue(ctx, v);
    }

    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        ret = JS_NewInt32(ctx, -errno);
        goto done;
    }
    if (pid == 0) {
        /* child: only async-signal-safe calls from here */
        const char *prog = file ? file : cargv[0];
        if (fd_in >= 0 && fd_in != 0)
            dup2(fd_in, 0);
        if (fd_out >= 0 && fd_out != 1)
            dup2(fd_out, 1);
        if (fd_err >= 0 && fd_err != 2)
            dup2(fd_err, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
        close_range(3, ~0U, 0);
#else
        {
            long maxfd = sysconf(_SC_OPEN_MAX), fd;
            if (maxfd < 0 || maxfd > 65536)
                maxfd = 65536;
            for (fd = 3; fd < maxfd; fd++)
                close((int)fd);
        }
#endif
        /* the child must not inherit the loop's blocked or handled signals */
        {
            sigset_t all;
            sigemptyset(&all);
            sigprocmask(SIG_SETMASK, &all, NULL);
        }
        if (cwd && chdir(cwd) < 0)
            _exit(127);
        if (has_gid && setgid((gid_t)gid) < 0)
            _exit(127);
        if (has_uid && setuid((uid_t)uid) < 0)
            _exit(127);
        if (use_path)
            execvpe(prog, cargv, cenv ? cenv : environ);
        else
            execve(prog, cargv, cenv ? cenv : environ);
        _exit(127);
    }
    if (block) {
        int status = 0, r;
        do {
            r = waitpid(pid, &status, 0);
        } while (r < 0 && errno == EINTR);
        if (r < 0)
            ret = JS_NewInt32(ctx, -errno);
        else if (WIFEXITED(status))
            ret = JS_NewInt32(ctx, WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
            ret = JS_NewInt32(ctx, -WTERMSIG(status));
        else
            ret = JS_NewInt32(ctx, status);
    } else {
        ret = JS_NewInt32(ctx, pid);
    }
done:
    free_strv(ctx, cargv);
    free_strv(ctx, cenv);
    js_free(ctx, file);
    js_free(ctx, cwd);
    return ret;
}

static JSValue js_os_getpid(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_NewInt32(ctx, (int32_t)getpid());
}

/* ---------------------------------------------------------------- loop */

static JSValue js_os_set_handler(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic)
{
    int32_t fd;
    (void)this_val;
    if (arg_int(ctx, &fd, argc, argv, 0) < 0)
        return JS_EXCEPTION;
    if (wf_fd_handler_set(ctx, fd, magic != 0, argc > 1 ? argv[1] : JS_UNDEFINED) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static JSValue js_os_signal(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    int32_t sig;
    JSValueConst fn = argc > 1 ? argv[1] : JS_UNDEFINED;
    int mode;
    (void)this_val;
    if (arg_int(ctx, &sig, argc, argv, 0) < 0)
        return JS_EXCEPTION;
    if (sig == SIGKILL || sig == SIGSTOP)
        return JS_ThrowRangeError(ctx, "signal %d cannot be caught", sig);
    /* QuickJS: null restores the default action, undefined ignores */
    mode = JS_IsNull(fn) ? 1 : JS_IsUndefined(fn) ? 2 : 0;
    if (wf_signal_set(ctx, sig, mode, fn) < 0)
        return JS_EXCEPTION;
    return JS_UNDEFINED;
}

static JSValue js_os_set_timer(JSContext *ctx, JSValueConst this_val, int argc,
                               JSValueConst *argv, int magic)
{
    int64_t delay = 0, id;
    (void)this_val;
    if (argc > 1 && !JS_IsUndefined(argv[1])) {
        double d;
        if (JS_ToFloat64(ctx, &d, argv[1]) < 0)
            return JS_EXCEPTION;
        delay = d != d || d < 0 ? 0 : d > 1e12 ? (int64_t)1e12 : (int64_t)d;
    }
    id = wf_timer_start(ctx, argc > 0 ? argv[0] : JS_UNDEFINED, delay, magic != 0,
                        argc > 2 ? argc - 2 : 0, argv + 2);
    if (id < 0)
        return JS_EXCEPTION;
    return JS_NewInt64(ctx, id);
}

static JSValue js_os_clear_timer(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    int64_t id;
    (void)this_val;
    if (argc < 1 || !JS_IsNumber(argv[0]))
        return JS_UNDEFINED;
    if (JS_ToInt64(ctx, &id, argv[0]) < 0)
        return JS_EXCEPTION;
    wf_timer_clear(ctx, id);
    return JS_UNDEFINED;
}

static JSValue js_os_sleep_async(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv)
{
    double d = 0;
    JSValue funcs[2], p;
    int64_t id;
    (void)this_val;
    if (argc > 0 && JS_ToFloat64(ctx, &d, argv[0]) < 0)
        return JS_EXCEPTION;
    p = JS_NewPromiseCapability(ctx, funcs);
    if (JS_IsException(p))
        return p;
    id = wf_timer_start(ctx, funcs[0], d != d || d < 0 ? 0 : d > 1e12 ? (int64_t)1e12 : (int64_t)d,
                        false, 0, NULL);
    JS_FreeValue(ctx, funcs[0]);
    JS_FreeValue(ctx, funcs[1]);
    if (id < 0) {
        JS_FreeValue(ctx, p);
        return JS_EXCEPTION;
    }
    return p;
}

static JSValue js_os_sleep(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    double d = 0;
    struct timespec ts;
    (void)this_val;
    if (argc > 0 && JS_ToFloat64(ctx, &d, argv[0]) < 0)
        return JS_EXCEPTION;
    if (!(d > 0))
        return JS_NewInt32(ctx, 0);
    if (d > 1e12)
        d = 1e12;
    ts.tv_sec = (time_t)(d / 1000);
    ts.tv_nsec = (long)((d - (double)ts.tv_sec * 1000) * 1e6);
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
    return JS_NewInt32(ctx, 0);
}

static JSValue js_os_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    return JS_NewFloat64(ctx, (double)uv_hrtime() / 1e6);
}

/* ---------------------------------------------------------------- module */

#define OS_INT(name) JS_PROP_INT32_DEF(#name, name, JS_PROP_CONFIGURABLE)

static const JSCFunctionListEntry os_funcs[] = {
    JS_CFUNC_DEF("open", 2, js_os_open),
    JS_CFUNC_DEF("close", 1, js_os_close),
    JS_CFUNC_MAGIC_DEF("read", 4, js_os_rw, 0),
    JS_CFUNC_MAGIC_DEF("write", 4, js_os_rw, 1),
    JS_CFUNC_DEF("seek", 3, js_os_seek),
    JS_CFUNC_DEF("isatty", 1, js_os_isatty),
    JS_CFUNC_DEF("ttyGetWinSize", 1, js_os_tty_get_win_size),
    JS_CFUNC_DEF("ttySetRaw", 1, js_os_tty_set_raw),
    JS_CFUNC_MAGIC_DEF("remove", 1, js_os_path1, 0),
    JS_CFUNC_MAGIC_DEF("chdir", 1, js_os_path1, 1),
    JS_CFUNC_MAGIC_DEF("rmdir", 1, js_os_path1, 2),
    JS_CFUNC_MAGIC_DEF("rename", 2, js_os_path2, 0),
    JS_CFUNC_MAGIC_DEF("symlink", 2, js_os_path2, 1),
    JS_CFUNC_DEF("mkdir", 1, js_os_mkdir),
    JS_CFUNC_DEF("realpath", 1, js_os_realpath),
    JS_CFUNC_DEF("getcwd", 0, js_os_getcwd),
    JS_CFUNC_DEF("readlink", 1, js_os_readlink),
    JS_CFUNC_DEF("readdir", 1, js_os_readdir),
    JS_CFUNC_MAGIC_DEF("stat", 1, js_os_stat, 0),
    JS_CFUNC_MAGIC_DEF("lstat", 1, js_os_stat, 1),
    JS_CFUNC_DEF("utimes", 3, js_os_utimes),
    JS_CFUNC_MAGIC_DEF("dup", 1, js_os_dup, 0),
    JS_CFUNC_MAGIC_DEF("dup2", 2, js_os_dup, 1),
    JS_CFUNC_DEF("pipe", 0, js_os_pipe),
    JS_CFUNC_DEF("kill", 2, js_os_kill),
    JS_CFUNC_DEF("exec", 2, js_os_exec),
    JS_CFUNC_DEF("waitpid", 2, js_os_waitpid),
    JS_CFUNC_DEF("getpid", 0, js_os_getpid),
    JS_CFUNC_MAGIC_DEF("setReadHandler", 2, js_os_set_handler, 0),
    JS_CFUNC_MAGIC_DEF("setWriteHandler", 2, js_os_set_handler, 1),
    JS_CFUNC_DEF("signal", 2, js_os_signal),
    JS_CFUNC_MAGIC_DEF("setTimeout", 2, js_os_set_timer, 0),
    JS_CFUNC_MAGIC_DEF("setInterval", 2, js_os_set_timer, 1),
    JS_CFUNC_DEF("clearTimeout", 1, js_os_clear_timer),
    JS_CFUNC_DEF("clearInterval", 1, js_os_clear_timer),
    JS_CFUNC_DEF("sleepAsync", 1, js_os_sleep_async),
    JS_CFUNC_DEF("sleep", 1, js_os_sleep),
    JS_CFUNC_DEF("now", 0, js_os_now),
    JS_PROP_STRING_DEF("platform", "linux", JS_PROP_CONFIGURABLE),
    OS_INT(O_RDONLY), OS_INT(O_WRONLY), OS_INT(O_RDWR), OS_INT(O_APPEND),
    OS_INT(O_CREAT), OS_INT(O_EXCL), OS_INT(O_TRUNC), OS_INT(O_NONBLOCK),
    OS_INT(S_IFMT), OS_INT(S_IFIFO), OS_INT(S_IFCHR), OS_INT(S_IFDIR),
    OS_INT(S_IFBLK), OS_INT(S_IFREG), OS_INT(S_IFSOCK), OS_INT(S_IFLNK),
    OS_INT(S_ISGID), OS_INT(S_ISUID),
    OS_INT(SIGINT), OS_INT(SIGABRT), OS_INT(SIGFPE), OS_INT(SIGILL), OS_INT(SIGSEGV),
    OS_INT(SIGTERM), OS_INT(SIGQUIT), OS_INT(SIGPIPE), OS_INT(SIGALRM), OS_INT(SIGUSR1),
    OS_INT(SIGUSR2), OS_INT(SIGCHLD), OS_INT(SIGCONT), OS_INT(SIGSTOP), OS_INT(SIGTSTP),
    OS_INT(SIGTTIN), OS_INT(SIGTTOU), OS_INT(SIGHUP), OS_INT(SIGKILL),
    OS_INT(WNOHANG),
};

#define OS_FUNCS_LEN ((int)(sizeof os_funcs / sizeof os_funcs[0]))

static int module_face(JSContext *ctx, JSModuleDef *m)
{
    JSAtom a = JS_GetModuleName(ctx, m);
    const char *n = JS_AtomToCString(ctx, a);
    int face;
    JS_FreeAtom(ctx, a);
    if (!n)
        return -1;
    face = !strncmp(n, "qjs:", 4);
    JS_FreeCString(ctx, n);
    return face;
}

int wf_os_module_init(JSContext *ctx, JSModuleDef *m)
{
    if (JS_SetModuleExportList(ctx, m, os_funcs, OS_FUNCS_LEN) < 0)
        return -1;
    {
        int face = module_face(ctx, m);
        JSValue w;
        if (face < 0)
            return -1;
        w = wf_worker_ctor(ctx, face);
        if (JS_IsException(w) || JS_SetModuleExport(ctx, m, "Worker", w) < 0)
            return -1;
    }
    return 0;
}

int wf_os_module_exports(JSContext *ctx, JSModuleDef *m)
{
    if (JS_AddModuleExportList(ctx, m, os_funcs, OS_FUNCS_LEN) < 0)
        return -1;
    if (JS_AddModuleExport(ctx, m, "Worker") < 0)
        return -1;
    return 0;
}
