/*
 * sab.h - SharedArrayBuffer backing stores (ECMA-262 25.2): bytes that live
 * outside any one runtime, shared by every runtime (thread) that holds a
 * SharedArrayBuffer over them.
 *
 * A store is one block: a header (reference count, current and maximum
 * length, growable flag, how to release the block) followed by the bytes.
 * The bytes are reserved for maxByteLength when the store is made and
 * zero-filled, so growing only publishes a larger length: the bytes never
 * move, and a pointer into them stays valid for as long as the store lives.
 * That is what lets the Atomics waiter table key waiters by address.
 *
 * Store identity.  A store is named by the address of its block (`data` in
 * the functions below), which is also the pointer the embedder's sab_alloc
 * returned when JSSharedArrayBufferFunctions are set: an embedder that
 * keeps counts of the entries of a JSSABTab with its own sab_dup/sab_free
 * gets the pointers it handed out.  It is NOT the address of the first
 * byte (JS_GetArrayBuffer gives that): treat it as opaque.
 *
 * Counting.  Each SharedArrayBuffer object holds one reference; a message
 * in flight holds one (the serializer takes it with wf_sab_dup and the
 * receiver's wf_sab_from_data takes its own, after which the message's is
 * dropped with wf_sab_free).  The count is atomic and the store remembers
 * how it was allocated, so any thread, with any runtime (or none), may drop
 * the last reference.  With embedder functions, dup/free are the
 * embedder's sab_dup/sab_free on the block (the embedder counts); without
 * sab_dup the store counts itself and calls sab_free once.
 *
 * Memory of the default stores comes from the C library (calloc, or mmap
 * for large reservations), not from a runtime's allocator: a store outlives
 * the runtime that made it and is not counted in its memory limit.
 */
#ifndef WF_SAB_H
#define WF_SAB_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "quickjs.h"

/* A new store of max_len reserved bytes (max_len = len when !growable),
   current length len, count 1, allocated with rt's
   JSSharedArrayBufferFunctions if set.  NULL when it cannot be allocated
   (nothing thrown: the caller raises the RangeError). */
void *wf_sab_store_new(JSRuntime *rt, size_t len, size_t max_len, bool growable);
/* The first byte of a store. */
uint8_t *wf_sab_store_bytes(void *data);
/* Current length (seq-cst load), maximum length, growable. */
size_t wf_sab_store_length(void *data);
size_t wf_sab_store_max_length(void *data);
bool wf_sab_store_growable(void *data);
/* Where a growable store publishes its length (atomic); NULL if fixed. */
_Atomic(size_t) *wf_sab_store_length_ptr(void *data);
/* Grow to new_len (<= max length): 0, or -1 if new_len is smaller than
   the current length (another thread may have grown it first; the grow is
   then not done).  Equal lengths succeed. */
int wf_sab_store_grow(void *data, size_t new_len);

/* The store identity of a SharedArrayBuffer object whose bytes are a store
   (every SAB made by the constructor, wf_sab_from_data or a clone), else
   NULL (not a SAB, or a SAB wrapping embedder memory through
   JS_NewArrayBuffer(..., is_shared = true)).  Borrowed: no count taken. */
void *wf_sab_data(JSValueConst obj);
/* A new SharedArrayBuffer object of ctx's realm over the store: same
   bytes, same length/maxByteLength/growable as the sender's.  Takes its
   own reference (the caller keeps its own).  JS_EXCEPTION on OOM. */
JSValue wf_sab_from_data(JSContext *ctx, void *data);
/* Add / drop one reference to a store (any thread; rt may be NULL). */
void wf_sab_dup(JSRuntime *rt, void *data);
void wf_sab_free(JSRuntime *rt, void *data);

/* A SharedArrayBuffer object with prototype proto (JS_UNDEFINED: the
   realm's %SharedArrayBuffer.prototype%) over a new zeroed store
   (AllocateSharedArrayBuffer).  RangeError when len > max_len or the size
   is impossible. */
JSValue wf_sab_new_object(JSContext *ctx, JSValueConst proto, uint64_t len, bool growable,
                          uint64_t max_len);

#endif /* WF_SAB_H */
