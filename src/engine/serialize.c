/*
 * serialize.c - structured serialization: the HTML structured clone
 * algorithm (StructuredSerializeInternal / StructuredDeserialize, with
 * transfer lists) over Weft's binary format (serialize_int.h).  This file
 * holds the DataCloneError and the QuickJS API (JS_WriteObject[2],
 * JS_ReadObject[2]); the writer is serialize_write.c, the reader
 * serialize_read.c, compiled code serialize_bc.c, and the messages of
 * serialize.h are split between the writer (wf_message_write) and the
 * reader (wf_message_read / wf_message_free).
 *
 * What is read from a value follows HTML: own enumerable string keys in
 * [[OwnPropertyKeys]] order, each checked again with HasOwnProperty and
 * read with [[Get]] (getters run, in order); Map and Set entries are
 * snapshotted first; Errors give name (one of the seven native names, else
 * "Error"), message, stack and cause.  RegExps also keep lastIndex, as
 * ARCHITECTURE.md asks.  Prototypes are not kept: a class instance arrives
 * as a plain object.  Compiled code (T_FUNCTION_BC, T_MODULE) is refused
 * unless JS_READ_OBJ_BYTECODE is given, and never on the message path.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/serialize_int.h"
#include "engine/object.h"
#include "engine/error.h"

/* ------------------------------------------------------------------ */
/* DataCloneError */

static JSValue data_clone_errorv(JSContext *ctx, const char *fmt, va_list ap)
{
    JSValue err = wf_error_newv(ctx, JS_PLAIN_ERROR, fmt, ap);
    if (JS_IsException(err))
        return err;
    if (JS_DefinePropertyValue(ctx, err, JS_ATOM_name, JS_NewString(ctx, "DataCloneError"),
                               JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, err);
        return JS_EXCEPTION;
    }
    /* DOMException's legacy code for DataCloneError */
    if (JS_DefinePropertyValueStr(ctx, err, "code", JS_NewInt32(ctx, 25),
                                  JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0) {
        JS_FreeValue(ctx, err);
        return JS_EXCEPTION;
    }
    wf_error_capture_stack(ctx, err, 0);
    return err;
}

JSValue wf_data_clone_error_new(JSContext *ctx, const char *fmt, ...)
{
    va_list ap;
    JSValue r;
    va_start(ap, fmt);
    r = data_clone_errorv(ctx, fmt, ap);
    va_end(ap);
    return r;
}

JSValue wf_throw_data_clone_error(JSContext *ctx, const char *fmt, ...)
{
    va_list ap;
    JSValue r;
    va_start(ap, fmt);
    r = data_clone_errorv(ctx, fmt, ap);
    va_end(ap);
    if (JS_IsException(r))
        return r;
    return JS_Throw(ctx, r);
}

/* ------------------------------------------------------------------ */
/* QuickJS API */

uint8_t *JS_WriteObject2(JSContext *ctx, size_t *psize, JSValueConst obj, int flags,
                         JSSABTab *psab_tab)
{
    WFWriter w;
    uint8_t *buf;

    if (psab_tab) {
        psab_tab->tab = NULL;
        psab_tab->len = 0;
    }
    *psize = 0;
    wf_ser_writer_init(&w, ctx, flags);
    if (wf_ser_write_root(&w, obj) < 0) {
        wf_ser_writer_free(&w);
        return NULL;
    }
    if (psab_tab && w.n_sab) {
        psab_tab->tab = js_malloc(ctx, sizeof(uint8_t *) * w.n_sab);
        if (!psab_tab->tab) {
            wf_ser_writer_free(&w);
            return NULL;
        }
        memcpy(psab_tab->tab, w.sab_tab, sizeof(uint8_t *) * w.n_sab);
        psab_tab->len = w.n_sab;
    }
    buf = w.buf;
    *psize = w.len;
    w.buf = NULL;
    wf_ser_writer_free(&w);
    return buf;
}

uint8_t *JS_WriteObject(JSContext *ctx, size_t *psize, JSValueConst obj, int flags)
{
    return JS_WriteObject2(ctx, psize, obj, flags, NULL);
}

JSValue JS_ReadObject2(JSContext *ctx, const uint8_t *buf, size_t buf_len, int flags,
                       JSSABTab *psab_tab)
{
    WFReader r;
    JSValue v;
    if (!buf && buf_len)
        return JS_ThrowTypeError(ctx, "JS_ReadObject: no buffer");
    wf_ser_reader_init(&r, ctx, buf ? buf : (const uint8_t *)"", buf_len, flags);
    if (psab_tab) {
        r.sab_tab = psab_tab->tab;
        r.n_sab = psab_tab->len;
    }
    v = wf_ser_read_root(&r);
    wf_ser_reader_free(&r);
    return v;
}

JSValue JS_ReadObject(JSContext *ctx, const uint8_t *buf, size_t buf_len, int flags)
{
    return JS_ReadObject2(ctx, buf, buf_len, flags, NULL);
}
