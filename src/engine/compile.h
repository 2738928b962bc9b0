/*
 * compile.h - the compiler driver: source text -> parse (parse.h) -> scope
 * analysis (scope.c) -> bytecode (emit_*.c) -> JSFunctionBytecode.
 *
 * Every entry point returns a JS_TAG_FUNCTION_BYTECODE value (a new
 * reference to a JSFunctionBytecode, engine/bytecode.h) or JS_EXCEPTION with
 * the error pending: a SyntaxError carrying file/line/column for bad source
 * (wf_throw_syntax_error_at), or out of memory.  The AST arena is always
 * freed before returning.  Nothing here runs JavaScript.
 */
#ifndef WF_COMPILE_H
#define WF_COMPILE_H

#include <stdbool.h>
#include <stddef.h>
#include "quickjs.h"
#include "engine/bytecode.h"

/* A Script (code_kind WF_CODE_SCRIPT), run by the VM with no parent frame
   (closure_var_count == 0), this = the global this, and returning the
   script's completion value.  eval_flags: JS_EVAL_FLAG_STRICT; the type
   bits must be JS_EVAL_TYPE_GLOBAL (modules go through
   wf_compile_module).  src need not be NUL terminated.  Invalid UTF-8 is a
   SyntaxError. */
JSValue wf_compile_script(JSContext *ctx, const char *src, size_t len,
                          const char *filename, int eval_flags);

/* Eval code (code_kind WF_CODE_EVAL).
   - Indirect eval, or direct eval from code that has no enclosing function
     scope to see: caller == NULL.  The code runs like a script (var and
     function declarations become configurable global bindings unless the
     code is strict), with this = the global this for indirect eval.
   - Direct eval: caller is the bytecode of the function that contains the
     `eval` / `apply_eval` instruction, scope_idx its u16 operand.  The
     result's closure variables refer to the caller's frame exactly like
     those of a child function created by `fclosure` in that frame
     (is_local: caller's arg/var slot; else caller's closure_var index), so
     the VM instantiates it the same way, then calls it with this = the
     caller frame's this value (the eval code reads this/new.target/
     arguments through the caller's slots when the caller is a function).
   strict: the caller is strict code (the eval code is strict if this is
   set or if it has its own "use strict").  Returns the completion value of
   the eval code when run. */
JSValue wf_compile_eval(JSContext *ctx, const char *src, size_t len,
                        const JSFunctionBytecode *caller, int scope_idx,
                        bool strict);

/* CreateDynamicFunction's parse and compile step (new Function(...),
   GeneratorFunction...): kind 0 normal, 1 generator, 2 async, 3 async
   generator.  params/body are the joined parameter text and the body
   text (UTF-8).  Returns the bytecode of the function itself, closed over
   the global scope only (closure_var_count == 0): the VM creates the
   function object like fclosure with no parent frame and the prototype
   from new_target. */
JSValue wf_compile_function_ctor(JSContext *ctx, const char *params, size_t params_len,
                                 const char *body, size_t body_len, int kind);

/* Modules: wf_compile_module in engine/module.h (it returns a module
   record, not a bytecode). */

#endif /* WF_COMPILE_H */
