/*
 * regexp.h - Weft's regular expression engine (ECMA-262 22.2): a parser
 * and compiler from pattern text to bytecode, and a backtracking matcher
 * over Latin-1 or UTF-16 subjects.
 *
 * The engine knows nothing about JSValues: the RegExp built-in
 * (src/builtins/regexp.c) calls it with raw strings.  All memory comes from
 * the caller's allocator; the matcher keeps its backtracking state in
 * memory (never on the C stack), bounded by a limit, and calls the caller's
 * interrupt callback periodically.
 */
#ifndef WF_REGEXP_H
#define WF_REGEXP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocator: realloc(opaque, NULL, n) allocates, realloc(opaque, p, 0)
   frees (returns NULL); NULL on failure. */
typedef struct WFRegexpAlloc {
    void *(*realloc)(void *opaque, void *ptr, size_t size);
    void *opaque;
} WFRegexpAlloc;

/* Flags (RegExp [[OriginalFlags]]) */
enum {
    WF_RE_FLAG_GLOBAL = 1 << 0,       /* g */
    WF_RE_FLAG_IGNORECASE = 1 << 1,   /* i */
    WF_RE_FLAG_MULTILINE = 1 << 2,    /* m */
    WF_RE_FLAG_DOTALL = 1 << 3,       /* s */
    WF_RE_FLAG_UNICODE = 1 << 4,      /* u */
    WF_RE_FLAG_STICKY = 1 << 5,       /* y */
    WF_RE_FLAG_HASINDICES = 1 << 6,   /* d */
    WF_RE_FLAG_UNICODESETS = 1 << 7,  /* v */
};

/* Encodings of pattern text */
enum {
    WF_RE_PAT_LATIN1 = 0,   /* uint8_t code units */
    WF_RE_PAT_UTF16 = 1,    /* uint16_t code units (lone surrogates allowed) */
    WF_RE_PAT_UTF8 = 2,     /* UTF-8 source text (the lexer's literals) */
};

/* Parses a flags string (Latin-1 or UTF-16).  Returns the WF_RE_FLAG_* set,
   or -1 if a character is not a flag, is repeated, or u and v are both
   present. */
int wf_regexp_parse_flags(const void *s, size_t len, bool wide);

/* Compiles a pattern.  On success returns 0 and stores the bytecode (from
   the allocator; the caller frees it with alloc->realloc(p, 0)) and its
   length.  Returns -1 with a message in err on a syntax error, -2 if out
   of memory (err says so too). */
int wf_regexp_compile(const WFRegexpAlloc *alloc, const void *pattern, size_t len,
                      int pattern_enc, int flags, uint8_t **pbytecode, size_t *plen,
                      char *err, size_t errlen);

/* The parser's early-error hook (WFParseOptions.validate_regexp):
   re_opaque is a `const WFRegexpAlloc *`.  Checks the flags and the UTF-8
   pattern; false with a message in msg on a syntax error.  Running out of
   memory is not reported as a syntax error (returns true). */
bool wf_regexp_validate(void *re_opaque, const char *pattern, size_t len,
                        const char *flags, size_t flags_len, char *msg, size_t msg_size);

/* Facts about compiled bytecode */
int wf_regexp_flags(const uint8_t *bytecode);
/* number of capture groups including group 0 (the whole match) */
int wf_regexp_capture_count(const uint8_t *bytecode);
/* true if the pattern has named groups */
bool wf_regexp_has_named_groups(const uint8_t *bytecode);
/* UTF-8 name of group `group` (1..count-1) or NULL if unnamed; *len set.
   Several groups may share a name (in different alternatives). */
const char *wf_regexp_group_name(const uint8_t *bytecode, int group, size_t *len);

/* Execution errors (WFRegexpExecCtx.error) */
enum {
    WF_RE_OK = 0,
    WF_RE_ERR_NOMEM = 1,        /* the allocator failed */
    WF_RE_ERR_INTERRUPTED = 2,  /* the interrupt callback asked to stop */
    WF_RE_ERR_LIMIT = 3,        /* the backtracking stack limit was reached */
};

typedef struct WFRegexpExecCtx {
    const WFRegexpAlloc *alloc;
    /* called every few thousand steps; non-zero stops the match */
    int (*interrupt)(void *opaque);
    void *opaque;
    size_t stack_limit;     /* bytes of backtracking state; 0: 256 MiB */
    bool ignore_sticky;     /* search forward even if the pattern has y */
    int error;              /* out: WF_RE_ERR_* when exec returns -1 */
} WFRegexpExecCtx;

/* Runs the matcher on subject[0..len) (Latin-1 bytes or UTF-16 units),
   starting at index `start`: with the sticky flag only there, otherwise at
   the first index >= start where the pattern matches (advancing by code
   point with u/v).  captures receives 2 * capture_count int32 values
   (start, end) in code units, -1 for groups that did not participate.
   Returns 1 on a match, 0 if none, -1 on error (ectx->error). */
int wf_regexp_exec(const uint8_t *bytecode, const void *subject, uint32_t len, bool is_wide,
                   uint32_t start, int32_t *captures, WFRegexpExecCtx *ectx);

#endif /* WF_REGEXP_H */
