/*
 * lexer.h - ECMAScript tokenizer (ECMA-262 2025 clause 12).
 *
 * Works on UTF-8 text that the caller has validated (wf_lex_check_utf8).
 * The lexer knows nothing about strict mode: it records facts (legacy octal
 * literal, octal escape, escaped identifier) on the token and the parser
 * decides.  The parser also decides when a '/' starts a regular expression
 * and when a '}' continues a template (wf_lex_rescan_*).
 */
#ifndef WF_LEXER_H
#define WF_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/arena.h"
#include "engine/ast.h"

typedef enum WFTokType {
    TOK_ERROR = -1,
    TOK_EOF = 0,
    TOK_IDENT,          /* identifier or contextual keyword (name, escaped) */
    TOK_PRIVATE,        /* #name (name includes '#') */
    TOK_NUMBER,
    TOK_BIGINT,
    TOK_STRING,
    TOK_TEMPLATE,       /* template part (tail flag) */
    TOK_REGEXP,         /* only after wf_lex_rescan_regexp */
    /* punctuators */
    TOK_LBRACE, TOK_RBRACE, TOK_LPAREN, TOK_RPAREN, TOK_LBRACKET, TOK_RBRACKET,
    TOK_DOT, TOK_ELLIPSIS, TOK_SEMI, TOK_COMMA, TOK_LT, TOK_GT, TOK_LE, TOK_GE,
    TOK_EQ, TOK_NE, TOK_SEQ, TOK_SNE, TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_PERCENT,
    TOK_EXP, TOK_INC, TOK_DEC, TOK_SHL, TOK_SAR, TOK_SHR, TOK_AMP, TOK_BAR,
    TOK_CARET, TOK_BANG, TOK_TILDE, TOK_AND, TOK_OR, TOK_NULLISH, TOK_QUESTION,
    TOK_OPTCHAIN, TOK_COLON, TOK_ASSIGN, TOK_PLUS_ASSIGN, TOK_MINUS_ASSIGN,
    TOK_STAR_ASSIGN, TOK_PERCENT_ASSIGN, TOK_EXP_ASSIGN, TOK_SHL_ASSIGN,
    TOK_SAR_ASSIGN, TOK_SHR_ASSIGN, TOK_AMP_ASSIGN, TOK_BAR_ASSIGN,
    TOK_CARET_ASSIGN, TOK_AND_ASSIGN, TOK_OR_ASSIGN, TOK_NULLISH_ASSIGN,
    TOK_ARROW, TOK_DIV, TOK_DIV_ASSIGN,
    /* reserved words (never produced for escaped spellings) */
    TOK_FIRST_KEYWORD,
    TOK_BREAK = TOK_FIRST_KEYWORD, TOK_CASE, TOK_CATCH, TOK_CLASS, TOK_CONST,
    TOK_CONTINUE, TOK_DEBUGGER, TOK_DEFAULT, TOK_DELETE, TOK_DO, TOK_ELSE,
    TOK_ENUM, TOK_EXPORT, TOK_EXTENDS, TOK_FALSE, TOK_FINALLY, TOK_FOR,
    TOK_FUNCTION, TOK_IF, TOK_IMPORT, TOK_IN, TOK_INSTANCEOF, TOK_NEW, TOK_NULL,
    TOK_RETURN, TOK_SUPER, TOK_SWITCH, TOK_THIS, TOK_THROW, TOK_TRUE, TOK_TRY,
    TOK_TYPEOF, TOK_VAR, TOK_VOID, TOK_WHILE, TOK_WITH,
    TOK_LAST_KEYWORD = TOK_WITH,
} WFTokType;

typedef struct WFToken {
    int type;               /* WFTokType */
    uint32_t start, end;    /* byte offsets [start, end) */
    int line, col;          /* start position (1-based; col in UTF-16 units) */
    bool nl_before;         /* a line terminator precedes the token */
    bool escaped;           /* IDENT: contains \u escapes */
    bool legacy_octal;      /* NUMBER: 017 / 08 form; STRING: octal escape or
                               \8 \9 (error in strict code) */
    bool tail;              /* TEMPLATE: ends with '`' (else with "${") */
    bool cooked_valid;      /* TEMPLATE: no invalid escape */
    int bad_line, bad_col;  /* TEMPLATE: position of the invalid escape;
                               STRING: position of the octal escape */
    WFAstName *name;        /* IDENT, PRIVATE */
    double num;             /* NUMBER */
    WFAstStr str;           /* STRING; TEMPLATE cooked */
    WFAstStr raw;           /* TEMPLATE raw */
    const char *text;       /* BIGINT digits / REGEXP pattern (NUL-term.) */
    uint32_t text_len;
    const char *flags;      /* REGEXP flags */
    uint32_t flags_len;
    int radix;              /* BIGINT */
} WFToken;

/* Lexer position; copy it to backtrack (peek / rescan). */
typedef struct WFLexState {
    uint32_t pos;           /* byte offset of the next char */
    int line;               /* current line */
    uint32_t col_off;       /* byte offset whose column is col_val */
    int col_val;            /* column (0-based, UTF-16 units) at col_off */
    uint32_t line_start;    /* byte offset of the start of the line */
} WFLexState;

typedef struct WFLexer {
    const uint8_t *src;
    uint32_t len;
    WFLexState st;
    bool is_module;         /* HTML-like comments are not allowed */
    WFArena *arena;
    /* error (when a function returns TOK_ERROR / false) */
    char *err_msg;          /* buffer of 256 bytes owned by the caller */
    int err_line, err_col;
    bool oom;
    /* scratch buffer for strings/identifiers (arena, grows) */
    uint16_t *buf16;
    uint32_t buf16_cap;
    uint32_t buf16_len;
    uint16_t *raw16;        /* second buffer: template raw strings */
    uint32_t raw16_cap, raw16_len;
    char *buf8;
    uint32_t buf8_cap, buf8_len;
} WFLexer;

/* Returns the byte offset of the first invalid UTF-8 sequence, or len if the
   text is valid (no surrogates, no overlong forms, <= U+10FFFF). */
/* Offset of the first byte that is not UTF-8, or len.  allow_surrogates
   accepts U+D800..U+DFFF encoded as 3 bytes: code from a JavaScript string
   (eval, the Function constructor) may hold lone surrogates. */
size_t wf_lex_check_utf8(const uint8_t *s, size_t len, bool allow_surrogates);

void wf_lex_init(WFLexer *lx, WFArena *arena, const char *src, size_t len,
                 bool is_module, char *err_msg_buf);
/* Skips a leading hashbang comment (#!... ) if present. */
void wf_lex_skip_hashbang(WFLexer *lx);
/* Scans the next token into *t.  Returns t->type (TOK_ERROR on error). */
int wf_lex_next(WFLexer *lx, WFToken *t);
/* Rescans the '/' or '/=' token t as a regular expression literal. */
int wf_lex_rescan_regexp(WFLexer *lx, WFToken *t);
/* Rescans the '}' token t as the continuation of a template literal. */
int wf_lex_rescan_template(WFLexer *lx, WFToken *t);
/* Column (1-based, UTF-16 units) of byte offset off on the current line
   (off must be >= the lexer's line start). */
int wf_lex_col_of(WFLexer *lx, uint32_t off);

/* true if the name is a ReservedWord that can never be an identifier
   (if, class, enum, ...), for escaped identifiers. */
bool wf_lex_is_reserved_word(const WFAstName *name);

/* Reports an error at (line, col); returns TOK_ERROR. */
int wf_lex_error(WFLexer *lx, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif /* WF_LEXER_H */
