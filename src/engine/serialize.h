/*
 * serialize.h - structured serialization (the HTML structured clone
 * algorithm over Weft's own versioned binary format) for messages between
 * runtimes, plus compiled code (JS_WRITE_OBJ_BYTECODE).  The public face
 * is JS_WriteObject[2] / JS_ReadObject[2] in quickjs.h; this header is the
 * engine's interface for the runtime layer (ports, workers, structuredClone).
 *
 * A WFMessage is a serialized value that belongs to no runtime: its bytes,
 * the SharedArrayBuffer references it holds (one count per entry, taken
 * with wf_sab_dup), the ArrayBuffer backing stores moved into it by a
 * transfer list, and the host objects (message ports) transferred through
 * the hooks below.  It can be read once, by any runtime on any thread, or
 * freed unread from any thread with no runtime at all: freeing releases
 * everything it holds (stores, SAB counts, host data via hooks->release).
 *
 * Memory.  The message's blocks come from the writing runtime's allocator
 * and are taken out of that runtime's accounting (they are "in flight");
 * the message remembers the allocator functions so that it can be freed
 * anywhere.  A transferred ArrayBuffer store is moved, not copied, when
 * the reading runtime uses the same allocator (same functions and opaque):
 * the reader adopts the block into its accounting (a RangeError if that
 * passes its memory limit).  With a different allocator the reader copies
 * the bytes and the message frees the original.  An embedder whose
 * allocator opaque dies with its runtime must therefore read or free its
 * messages before freeing the sending runtime.
 *
 * Errors.  Values that cannot be cloned (functions, symbols, WeakMap,
 * WeakSet, WeakRef, FinalizationRegistry, Proxy, promises, host objects not
 * in the transfer list...) throw a DataCloneError: an Error whose name is
 * 'DataCloneError'.  Transfer lists with duplicates, detached buffers,
 * SharedArrayBuffers or non-transferable objects throw one too.  On any
 * failure nothing is detached and no message exists.
 */
#ifndef WF_SERIALIZE_H
#define WF_SERIALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "quickjs.h"

/* How a host moves its own objects (message ports) through a transfer list.
   All members are required when hooks are given. */
typedef struct WFCloneHostHooks {
    /* Writer, while validating the transfer list: is obj (not an
       ArrayBuffer) an object of the host's that can be transferred now?
       1 yes, 0 no (the writer throws DataCloneError), -1 the hook threw
       (its own DataCloneError, e.g. "port is the source port").  Must have
       no side effect: the write may still fail afterwards. */
    int (*can_transfer)(JSContext *ctx, JSValueConst obj, void *opaque);
    /* Writer, after the whole value was written: detach obj in the sender
       and return the data that stands for it in the message (non-NULL,
       owned by the message from now on).  Must not fail. */
    void *(*transfer)(JSContext *ctx, JSValueConst obj, void *opaque);
    /* Reader: the receiver's object for data.  Takes ownership of data even
       when it fails (JS_EXCEPTION). */
    JSValue (*receive)(JSContext *ctx, void *data, void *opaque);
    /* A message freed without `data` having been received: release it.
       Any thread, no runtime. */
    void (*release)(void *data, void *opaque);
    void *opaque;
} WFCloneHostHooks;

typedef struct WFMessage WFMessage;

/* Serializes val for another runtime.  transfer: JS_UNDEFINED or an
   iterable of objects (ArrayBuffers, and host objects accepted by
   hooks->can_transfer).  flags: JS_WRITE_OBJ_* (JS_WRITE_OBJ_SAB and
   JS_WRITE_OBJ_REFERENCE are implied; JS_WRITE_OBJ_BYTECODE is refused on
   this path).  hooks may be NULL.  Returns the message, or NULL with an
   exception pending (nothing detached, nothing sent). */
WFMessage *wf_message_write(JSContext *ctx, JSValueConst val, JSValueConst transfer,
                            int flags, const WFCloneHostHooks *hooks);
/* Deserializes msg in ctx and frees it (in every case).  Bytecode is never
   accepted.  Returns the value, or JS_EXCEPTION (a malformed message is a
   SyntaxError; out of memory / over the memory limit a RangeError or the
   OOM error). */
JSValue wf_message_read(JSContext *ctx, WFMessage *msg);
/* Frees an unread message: any thread, no runtime.  NULL is ignored. */
void wf_message_free(WFMessage *msg);
/* Serialized size in bytes, transferred stores not included (statistics). */
size_t wf_message_byte_size(const WFMessage *msg);

/* structuredClone(value, { transfer }) in one runtime: write + read. */
JSValue wf_structured_clone(JSContext *ctx, JSValueConst val, JSValueConst transfer);

/* A new DataCloneError (not thrown) / throw one: JS_EXCEPTION. */
JSValue wf_data_clone_error_new(JSContext *ctx, const char *fmt, ...) __js_printf_like(2, 3);
JSValue wf_throw_data_clone_error(JSContext *ctx, const char *fmt, ...) __js_printf_like(2, 3);

#endif /* WF_SERIALIZE_H */
