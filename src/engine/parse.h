/*
 * parse.h - the parser: UTF-8 source text -> AST (engine/ast.h) with all
 * early errors of ECMA-262 (2025) checked.
 *
 * The parser never touches the runtime's heap apart from the arena, keeps
 * no global state and bounds its recursion (see WF_PARSE_MAX_DEPTH), so it
 * is safe on hostile input and on small thread stacks.
 */
#ifndef WF_PARSE_H
#define WF_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/arena.h"
#include "engine/ast.h"

/* Maximum nesting of expressions/statements before "nesting too deep". */
#define WF_PARSE_MAX_DEPTH 1000
/* C stack the parser may use when WFParseOptions.stack_budget is 0. */
#define WF_PARSE_DEFAULT_STACK (128 * 1024)

typedef struct WFParseError {
    char message[256];      /* without file/line prefix */
    int line;               /* 1-based */
    int col;                /* 1-based, UTF-16 code units */
    bool out_of_memory;     /* the arena could not grow; message is "out of memory" */
} WFParseError;

typedef struct WFParseOptions {
    const char *filename;   /* informational */
    bool is_module;         /* module goal: strict, import/export, top-level await */
    bool strict;            /* script (or eval code) starts strict */
    bool is_eval;           /* eval code (Program kind WF_FUNC_EVAL) */
    /* direct eval: what the surrounding code allows */
    bool allow_new_target;
    bool allow_super_property;
    bool allow_super_call;
    bool allow_arguments;   /* false in class field initializers */
    bool allow_await;       /* eval inside an async function: no effect
                               (await is never allowed in eval code), kept
                               for completeness */
    bool in_class_field_init;
    /* Private names visible from the enclosing classes (direct eval inside
       a class body).  Called with the name including '#'.  NULL: none. */
    bool (*private_name_visible)(void *opaque, const char *name, size_t len);
    void *opaque;
    /* Optional early validation of RegularExpressionLiteral patterns (the
       regexp compiler's syntax check, ECMA-262 13.2.7.2).  Returns false
       and writes a message (no position) to msg on a syntax error.  NULL:
       only the flags are checked here. */
    bool (*validate_regexp)(void *re_opaque, const char *pattern, size_t len,
                            const char *flags, size_t flags_len, char *msg,
                            size_t msg_size);
    void *re_opaque;
    /* Bytes of C stack the parser may use below its entry point before it
       reports "nesting too deep"; 0 means WF_PARSE_DEFAULT_STACK.  Callers
       should pass what is left of the thread's stack minus a margin. */
    size_t stack_budget;
} WFParseOptions;

/* Function kinds for wf_parse_function_ctor */
enum {
    WF_FCTOR_NORMAL = 0,
    WF_FCTOR_GENERATOR = 1,
    WF_FCTOR_ASYNC = 2,
    WF_FCTOR_ASYNC_GENERATOR = 3,
};

/* Parses a Script / Module / eval body.  Returns the PROGRAM node, or NULL
   with *err filled.  opt may be NULL (sloppy script). */
WFAstNode *wf_parse_program(WFArena *arena, const char *src, size_t len,
                            const WFParseOptions *opt, WFParseError *err);

/* CreateDynamicFunction: parses the parameter text and the body text
   separately (each must be valid on its own), then checks the combination.
   kind: WF_FCTOR_*.  Returns a FUNC_EXPR node (name "anonymous") whose
   src_start/src_end cover the synthesized source text, which is returned in
   *src_out (arena memory, NUL-terminated) when src_out is not NULL. */
WFAstNode *wf_parse_function_ctor(WFArena *arena, const char *params,
                                  size_t params_len, const char *body,
                                  size_t body_len, int kind,
                                  WFParseError *err);
/* Same, also returning the synthesized source text "(async )function( *)
   anonymous(params\n) {\nbody\n}" (arena memory) and its length. */
WFAstNode *wf_parse_function_ctor2(WFArena *arena, const char *params,
                                   size_t params_len, const char *body,
                                   size_t body_len, int kind,
                                   const char **src_out, size_t *src_len_out,
                                   WFParseError *err);

#endif /* WF_PARSE_H */
