/*
 * lexer.c - ECMAScript tokenizer (ECMA-262 2025 clause 12, Annex B.1 for
 * HTML-like comments, legacy octal literals and escapes).
 *
 * Also owns the per-arena name intern table (wf_ast_intern).
 * Must not know about strict mode or grammar context: the parser asks for a
 * regexp or template continuation explicitly and checks the flags the lexer
 * leaves on tokens.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/lexer.h"
#include "engine/num/num.h"
#include "engine/unicode/idchar.h"

/* ---------------------------------------------------------------------- */
/* Name interning                                                          */

typedef struct InternTable {
    WFAstName **buckets;
    uint32_t mask;          /* bucket count - 1 (power of two) */
    uint32_t count;
} InternTable;

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

static bool intern_grow(WFArena *a, InternTable *t)
{
    uint32_t nsize = t->mask ? (t->mask + 1) * 2 : 256;
    WFAstName **nb = wf_arena_alloc(a, nsize * sizeof(*nb));
    if (!nb)
        return false;
    for (uint32_t i = 0; t->buckets && i <= t->mask; i++) {
        WFAstName *n = t->buckets[i], *next;
        for (; n; n = next) {
            next = n->next;
            n->next = nb[n->hash & (nsize - 1)];
            nb[n->hash & (nsize - 1)] = n;
        }
    }
    t->buckets = nb;
    t->mask = nsize - 1;
    return true;
}

WFAstName *wf_ast_intern(WFArena *a, const char *name, size_t len)
{
    InternTable *t = a->interned;
    uint32_t h;
    WFAstName *n;
    char *s;

    if (!t) {
        t = wf_arena_alloc(a, sizeof(*t));
        if (!t)
            return NULL;
        a->interned = t;
    }
    if (t->count >= t->mask && !intern_grow(a, t))
        return NULL;
    h = hash_bytes(name, len);
    for (n = t->buckets[h & t->mask]; n; n = n->next) {
        if (n->hash == h && n->len == len && !memcmp(n->str, name, len))
            return n;
    }
    n = wf_arena_alloc(a, sizeof(*n));
    s = wf_arena_alloc(a, len + 1);
    if (!n || !s)
        return NULL;
    memcpy(s, name, len);
    s[len] = 0;
    n->str = s;
    n->len = (uint32_t)len;
    n->hash = h;
    n->next = t->buckets[h & t->mask];
    t->buckets[h & t->mask] = n;
    t->count++;
    return n;
}

/* ---------------------------------------------------------------------- */
/* UTF-8                                                                   */

size_t wf_lex_check_utf8(const uint8_t *s, size_t len, bool allow_surrogates)
{
    size_t i = 0;
    while (i < len) {
        uint8_t c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
                return i;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            uint8_t lo = 0x80, hi = 0xBF;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED && !allow_surrogates)
                hi = 0x9F;
            if (i + 2 >= len || s[i + 1] < lo || s[i + 1] > hi ||
                (s[i + 2] & 0xC0) != 0x80)
                return i;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            uint8_t lo = 0x80, hi = 0xBF;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
            if (i + 3 >= len || s[i + 1] < lo || s[i + 1] > hi ||
                (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
                return i;
            i += 4;
        } else {
            return i;
        }
    }
    return len;
}

/* Decodes the (valid) UTF-8 sequence at s[pos]; *n gets its length. */
static uint32_t decode_at(const WFLexer *lx, uint32_t pos, int *n)
{
    const uint8_t *s = lx->src + pos;
    uint8_t c = s[0];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (c < 0xF0) {
        *n = 3;
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
               (s[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
           ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* code point at pos, or -1 at end of input */
static int32_t peek_cp(const WFLexer *lx, uint32_t pos, int *n)
{
    if (pos >= lx->len) {
        *n = 0;
        return -1;
    }
    return (int32_t)decode_at(lx, pos, n);
}

static int utf8_encode(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static bool is_line_term(int32_t c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

static int hex_val(int32_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ---------------------------------------------------------------------- */
/* Errors, positions, buffers                                              */

int wf_lex_error(WFLexer *lx, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx->err_msg, 256, fmt, ap);
    va_end(ap);
    lx->err_line = line;
    lx->err_col = col;
    return TOK_ERROR;
}

static int lex_oom(WFLexer *lx)
{
    lx->oom = true;
    return wf_lex_error(lx, lx->st.line, 1, "out of memory");
}

int wf_lex_col_of(WFLexer *lx, uint32_t off)
{
    WFLexState *st = &lx->st;
    if (off < st->col_off) {
        st->col_off = st->line_start;
        st->col_val = 0;
    }
    for (uint32_t i = st->col_off; i < off; i++) {
        uint8_t b = lx->src[i];
        if ((b & 0xC0) != 0x80)
            st->col_val += (b >= 0xF0) ? 2 : 1;
    }
    st->col_off = off;
    return st->col_val + 1;
}

/* error at byte offset off, which must be on the current line */
static int err_at(WFLexer *lx, uint32_t off, const char *msg)
{
    return wf_lex_error(lx, lx->st.line, wf_lex_col_of(lx, off), "%s", msg);
}

static void new_line(WFLexer *lx, uint32_t next_pos)
{
    lx->st.line++;
    lx->st.line_start = next_pos;
    lx->st.col_off = next_pos;
    lx->st.col_val = 0;
}

static bool buf16_push(WFLexer *lx, uint16_t **buf, uint32_t *cap,
                       uint32_t *len, uint32_t unit)
{
    if (*len >= *cap) {
        uint32_t ncap = *cap ? *cap * 2 : 256;
        uint16_t *nb;
        if (ncap < *cap)
            return false;
        nb = wf_arena_alloc(lx->arena, (size_t)ncap * 2);
        if (!nb)
            return false;
        if (*len)
            memcpy(nb, *buf, (size_t)*len * 2);
        *buf = nb;
        *cap = ncap;
    }
    (*buf)[(*len)++] = (uint16_t)unit;
    return true;
}

static bool push_cp(WFLexer *lx, uint16_t **buf, uint32_t *cap, uint32_t *len,
                    uint32_t c)
{
    if (c >= 0x10000) {
        c -= 0x10000;
        return buf16_push(lx, buf, cap, len, 0xD800 + (c >> 10)) &&
               buf16_push(lx, buf, cap, len, 0xDC00 + (c & 0x3FF));
    }
    return buf16_push(lx, buf, cap, len, c);
}

static bool buf8_push(WFLexer *lx, const char *s, uint32_t n)
{
    if (lx->buf8_len + n > lx->buf8_cap) {
        uint32_t ncap = lx->buf8_cap ? lx->buf8_cap * 2 : 256;
        char *nb;
        while (ncap < lx->buf8_len + n)
            ncap *= 2;
        nb = wf_arena_alloc(lx->arena, ncap);
        if (!nb)
            return false;
        if (lx->buf8_len)
            memcpy(nb, lx->buf8, lx->buf8_len);
        lx->buf8 = nb;
        lx->buf8_cap = ncap;
    }
    if (n) {
        memcpy(lx->buf8 + lx->buf8_len, s, n);
        lx->buf8_len += n;
    }
    return true;
}

/* Copies code units into the arena as Latin-1 if possible, else UTF-16. */
static bool make_str(WFLexer *lx, const uint16_t *units, uint32_t len,
                     WFAstStr *out)
{
    bool wide = false;
    for (uint32_t i = 0; i < len; i++) {
        if (units[i] > 0xFF) {
            wide = true;
            break;
        }
    }
    out->len = len;
    out->wide = wide;
    if (len == 0) {
        out->u.s8 = NULL;
        return true;
    }
    if (wide) {
        uint16_t *p = wf_arena_dup(lx->arena, units, (size_t)len * 2);
        if (!p)
            return false;
        out->u.s16 = p;
    } else {
        uint8_t *p = wf_arena_alloc(lx->arena, len);
        if (!p)
            return false;
        for (uint32_t i = 0; i < len; i++)
            p[i] = (uint8_t)units[i];
        out->u.s8 = p;
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Init                                                                    */

void wf_lex_init(WFLexer *lx, WFArena *arena, const char *src, size_t len,
                 bool is_module, char *err_msg_buf)
{
    memset(lx, 0, sizeof(*lx));
    lx->src = (const uint8_t *)src;
    lx->len = (uint32_t)len;
    lx->arena = arena;
    lx->is_module = is_module;
    lx->err_msg = err_msg_buf;
    lx->st.line = 1;
}

void wf_lex_skip_hashbang(WFLexer *lx)
{
    if (lx->st.pos == 0 && lx->len >= 2 && lx->src[0] == '#' &&
        lx->src[1] == '!') {
        uint32_t p = 2;
        int n;
        while (p < lx->len) {
            int32_t c = peek_cp(lx, p, &n);
            if (is_line_term(c))
                break;
            p += n;
        }
        lx->st.pos = p;
    }
}

/* ---------------------------------------------------------------------- */
/* Keywords                                                                */

static const struct {
    const char *s;
    uint8_t len;
    int tok;
} keywords[] = {
    {"break", 5, TOK_BREAK},       {"case", 4, TOK_CASE},
    {"catch", 5, TOK_CATCH},       {"class", 5, TOK_CLASS},
    {"const", 5, TOK_CONST},       {"continue", 8, TOK_CONTINUE},
    {"debugger", 8, TOK_DEBUGGER}, {"default", 7, TOK_DEFAULT},
    {"delete", 6, TOK_DELETE},     {"do", 2, TOK_DO},
    {"else", 4, TOK_ELSE},         {"enum", 4, TOK_ENUM},
    {"export", 6, TOK_EXPORT},     {"extends", 7, TOK_EXTENDS},
    {"false", 5, TOK_FALSE},       {"finally", 7, TOK_FINALLY},
    {"for", 3, TOK_FOR},           {"function", 8, TOK_FUNCTION},
    {"if", 2, TOK_IF},             {"import", 6, TOK_IMPORT},
    {"in", 2, TOK_IN},             {"instanceof", 10, TOK_INSTANCEOF},
    {"new", 3, TOK_NEW},           {"null", 4, TOK_NULL},
    {"return", 6, TOK_RETURN},     {"super", 5, TOK_SUPER},
    {"switch", 6, TOK_SWITCH},     {"this", 4, TOK_THIS},
    {"throw", 5, TOK_THROW},       {"true", 4, TOK_TRUE},
    {"try", 3, TOK_TRY},           {"typeof", 6, TOK_TYPEOF},
    {"var", 3, TOK_VAR},           {"void", 4, TOK_VOID},
    {"while", 5, TOK_WHILE},       {"with", 4, TOK_WITH},
};

static int keyword_tok(const char *s, size_t len)
{
    if (len < 2 || len > 10 || s[0] < 'b' || s[0] > 'w')
        return TOK_IDENT;
    for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (keywords[i].len == len && keywords[i].s[0] == s[0] &&
            !memcmp(keywords[i].s, s, len))
            return keywords[i].tok;
    }
    return TOK_IDENT;
}

bool wf_lex_is_reserved_word(const WFAstName *name)
{
    return keyword_tok(name->str, name->len) != TOK_IDENT;
}

/* ---------------------------------------------------------------------- */
/* Identifiers                                                             */

/* Parses \uXXXX or \u{X...} at pos (pointing at the backslash). Returns the
   code point or -1 (error set) */
static int32_t read_unicode_escape(WFLexer *lx, uint32_t *ppos)
{
    uint32_t p = *ppos;
    uint32_t v = 0;
    if (p + 1 >= lx->len || lx->src[p + 1] != 'u') {
        err_at(lx, p, "invalid escape in identifier");
        return -1;
    }
    p += 2;
    if (p < lx->len && lx->src[p] == '{') {
        int nd = 0;
        p++;
        while (p < lx->len && hex_val(lx->src[p]) >= 0) {
            v = v * 16 + (uint32_t)hex_val(lx->src[p]);
            if (v > 0x10FFFF) {
                err_at(lx, p, "code point out of range in escape");
                return -1;
            }
            p++;
            nd++;
        }
        if (nd == 0 || p >= lx->len || lx->src[p] != '}') {
            err_at(lx, p, "invalid Unicode escape");
            return -1;
        }
        p++;
    } else {
        for (int i = 0; i < 4; i++) {
            int h = p < lx->len ? hex_val(lx->src[p]) : -1;
            if (h < 0) {
                err_at(lx, p, "invalid Unicode escape");
                return -1;
            }
            v = v * 16 + (uint32_t)h;
            p++;
        }
    }
    *ppos = p;
    return (int32_t)v;
}

/* Scans an IdentifierName starting at lx->st.pos (prefix bytes already
   consumed are in buf8 when private).  Sets t->name and t->escaped. */
static int scan_ident_name(WFLexer *lx, WFToken *t, bool is_private)
{
    uint32_t p = lx->st.pos, start = p;
    bool escaped = false, slow = false, first = true;
    const char *name;
    size_t name_len;

    lx->buf8_len = 0;
    if (is_private && !buf8_push(lx, "#", 1))
        return lex_oom(lx);
    for (;;) {
        int n;
        int32_t c;
        if (p >= lx->len)
            break;
        c = lx->src[p];
        if (c < 0x80 && c != '\\') {
            bool ok = first ? wf_unicode_is_id_start((uint32_t)c)
                            : wf_unicode_is_id_continue((uint32_t)c);
            if (!ok)
                break;
            if (slow && !buf8_push(lx, (const char *)lx->src + p, 1))
                return lex_oom(lx);
            p++;
        } else if (c == '\\') {
            char enc[4];
            uint32_t esc_start = p;
            int32_t v;
            if (!slow) {
                slow = true;
                if (!buf8_push(lx, (const char *)lx->src + start, p - start))
                    return lex_oom(lx);
            }
            v = read_unicode_escape(lx, &p);
            if (v < 0)
                return TOK_ERROR;
            if (first ? !wf_unicode_is_id_start((uint32_t)v)
                      : !wf_unicode_is_id_continue((uint32_t)v))
                return err_at(lx, esc_start, "invalid identifier escape");
            escaped = true;
            if (!buf8_push(lx, enc, (uint32_t)utf8_encode(enc, (uint32_t)v)))
                return lex_oom(lx);
        } else {
            c = peek_cp(lx, p, &n);
            if (first ? !wf_unicode_is_id_start((uint32_t)c)
                      : !wf_unicode_is_id_continue((uint32_t)c))
                break;
            if (slow && !buf8_push(lx, (const char *)lx->src + p, (uint32_t)n))
                return lex_oom(lx);
            p += (uint32_t)n;
        }
        first = false;
    }
    if (first)
        return err_at(lx, p, is_private ? "invalid private name"
                                        : "unexpected character");
    lx->st.pos = p;
    if (slow || is_private) {
        if (!slow && !buf8_push(lx, (const char *)lx->src + start, p - start))
            return lex_oom(lx);
        name = lx->buf8;
        name_len = lx->buf8_len;
    } else {
        name = (const char *)lx->src + start;
        name_len = p - start;
    }
    t->escaped = escaped;
    t->type = TOK_IDENT;
    if (is_private)
        t->type = TOK_PRIVATE;
    else if (!escaped)
        t->type = keyword_tok(name, name_len);
    t->name = wf_ast_intern(lx->arena, name, name_len);
    if (!t->name)
        return lex_oom(lx);
    return t->type;
}

/* ---------------------------------------------------------------------- */
/* Numbers                                                                 */

static bool is_digit_radix(int32_t c, int radix)
{
    int v = hex_val(c);
    return v >= 0 && v < radix;
}

/* Scans digits (with numeric separators if allowed) of the given radix,
   appending them to buf8.  Returns number of digits, -1 on error. */
static int scan_digits(WFLexer *lx, uint32_t *pp, int radix, bool seps)
{
    uint32_t p = *pp;
    int nd = 0;
    for (;;) {
        if (p >= lx->len)
            break;
        int32_t c = lx->src[p];
        if (c == '_' && seps) {
            if (nd == 0 || p + 1 >= lx->len ||
                !is_digit_radix(lx->src[p + 1], radix)) {
                err_at(lx, p, "invalid numeric separator");
                return -1;
            }
            p++;
            continue;
        }
        if (!is_digit_radix(c, radix))
            break;
        if (!buf8_push(lx, (const char *)lx->src + p, 1)) {
            lex_oom(lx);
            return -1;
        }
        nd++;
        p++;
    }
    *pp = p;
    return nd;
}

static int finish_number(WFLexer *lx, WFToken *t, uint32_t p)
{
    int n;
    int32_t c = peek_cp(lx, p, &n);
    if (c >= 0 && (c == '\\' || (c >= '0' && c <= '9') ||
                   wf_unicode_is_id_start((uint32_t)c)))
        return err_at(lx, p, "invalid number literal");
    lx->st.pos = p;
    return t->type;
}

static int scan_number(WFLexer *lx, WFToken *t)
{
    uint32_t p = lx->st.pos;
    const uint8_t *s = lx->src;
    size_t used;
    int radix = 10;

    lx->buf8_len = 0;
    t->type = TOK_NUMBER;
    if (s[p] == '0' && p + 1 < lx->len) {
        uint8_t c1 = s[p + 1] | 0x20;
        if (s[p + 1] == '_')
            return err_at(lx, p + 1, "invalid numeric separator");
        if (c1 == 'x' || c1 == 'o' || c1 == 'b') {
            radix = c1 == 'x' ? 16 : c1 == 'o' ? 8 : 2;
            p += 2;
            if (p < lx->len && s[p] == '_')
                return err_at(lx, p, "invalid numeric separator");
            int nd = scan_digits(lx, &p, radix, true);
            if (nd < 0)
                return TOK_ERROR;
            if (nd == 0)
                return err_at(lx, p, "missing digits in number literal");
            if (p < lx->len && s[p] == 'n') {
                p++;
                goto bigint;
            }
            t->num = wf_num_parse_radix(lx->buf8, lx->buf8_len, radix, &used);
            return finish_number(lx, t, p);
        }
        if (s[p + 1] >= '0' && s[p + 1] <= '9') {
            /* legacy octal (017) or non-octal decimal (08, 019) */
            bool octal = true;
            uint32_t q = p + 1;
            while (q < lx->len && s[q] >= '0' && s[q] <= '9') {
                if (s[q] >= '8')
                    octal = false;
                q++;
            }
            t->legacy_octal = true;
            if (octal) {
                if (!buf8_push(lx, (const char *)s + p + 1, q - p - 1))
                    return lex_oom(lx);
                t->num = wf_num_parse_radix(lx->buf8, lx->buf8_len, 8, &used);
                if (q < lx->len && (s[q] == '_' || s[q] == 'n' || s[q] == '.'))
                    return err_at(lx, q, "invalid number literal");
                return finish_number(lx, t, q);
            }
            /* NonOctalDecimalIntegerLiteral: may have fraction/exponent */
            if (!buf8_push(lx, (const char *)s + p, q - p))
                return lex_oom(lx);
            p = q;
            if (p < lx->len && (s[p] == '_' || s[p] == 'n'))
                return err_at(lx, p, "invalid number literal");
            goto fraction;
        }
    }
    if (s[p] != '.') {
        if (scan_digits(lx, &p, 10, true) < 0)
            return TOK_ERROR;
        if (p < lx->len && s[p] == 'n') {
            /* no leading zero except "0n" */
            if (lx->buf8_len > 1 && lx->buf8[0] == '0')
                return err_at(lx, p, "invalid BigInt literal");
            p++;
            goto bigint;
        }
    }
fraction:
    if (p < lx->len && s[p] == '.') {
        if (!buf8_push(lx, ".", 1))
            return lex_oom(lx);
        p++;
        if (p < lx->len && s[p] == '_')
            return err_at(lx, p, "invalid numeric separator");
        if (scan_digits(lx, &p, 10, true) < 0)
            return TOK_ERROR;
    }
    if (p < lx->len && (s[p] | 0x20) == 'e') {
        int nd;
        if (!buf8_push(lx, "e", 1))
            return lex_oom(lx);
        p++;
        if (p < lx->len && (s[p] == '+' || s[p] == '-')) {
            if (!buf8_push(lx, (const char *)s + p, 1))
                return lex_oom(lx);
            p++;
        }
        if (p < lx->len && s[p] == '_')
            return err_at(lx, p, "invalid numeric separator");
        nd = scan_digits(lx, &p, 10, true);
        if (nd < 0)
            return TOK_ERROR;
        if (nd == 0)
            return err_at(lx, p, "missing exponent digits");
    }
    t->num = wf_num_strtod(lx->buf8, lx->buf8_len, &used);
    return finish_number(lx, t, p);

bigint: {
        /* strip leading zeros (keep one) */
        const char *d = lx->buf8;
        uint32_t dl = lx->buf8_len;
        while (dl > 1 && d[0] == '0') {
            d++;
            dl--;
        }
        char *txt = wf_arena_alloc(lx->arena, dl + 1);
        if (!txt)
            return lex_oom(lx);
        memcpy(txt, d, dl);
        txt[dl] = 0;
        t->type = TOK_BIGINT;
        t->text = txt;
        t->text_len = dl;
        t->radix = radix;
        return finish_number(lx, t, p);
    }
}

/* ---------------------------------------------------------------------- */
/* Strings and templates                                                   */

/* Parses the escape sequence after a backslash at *pp (pointing after the
   backslash).  in_template: octal and \8 \9 are invalid (return -2 leaving
   the position after the bad char so the caller can continue scanning).
   Returns the code point, -3 for a line continuation, -1 on hard error. */
static int32_t read_escape(WFLexer *lx, uint32_t *pp, bool in_template,
                           bool *octal, uint32_t *bad_off)
{
    uint32_t p = *pp;
    int n;
    int32_t c = peek_cp(lx, p, &n);
    int32_t v;

    *bad_off = p - 1;
    if (c < 0) {
        err_at(lx, p, "unterminated string");
        return -1;
    }
    p += (uint32_t)n;
    switch (c) {
    case 'b': v = '\b'; break;
    case 't': v = '\t'; break;
    case 'n': v = '\n'; break;
    case 'v': v = '\v'; break;
    case 'f': v = '\f'; break;
    case 'r': v = '\r'; break;
    case '\r':
        if (p < lx->len && lx->src[p] == '\n')
            p++;
        new_line(lx, p);
        *pp = p;
        return -3;
    case '\n': case 0x2028: case 0x2029:
        new_line(lx, p);
        *pp = p;
        return -3;
    case 'x': {
        int h1 = p < lx->len ? hex_val(lx->src[p]) : -1;
        int h2 = p + 1 < lx->len ? hex_val(lx->src[p + 1]) : -1;
        if (h1 < 0 || h2 < 0) {
            *pp = p;
            if (in_template)
                return -2;
            err_at(lx, *bad_off, "invalid hexadecimal escape");
            return -1;
        }
        v = h1 * 16 + h2;
        p += 2;
        break;
    }
    case 'u': {
        uint32_t q = p - 2;
        char save[256];
        memcpy(save, lx->err_msg, sizeof(save));
        v = read_unicode_escape(lx, &q);
        if (v < 0) {
            if (in_template) {
                memcpy(lx->err_msg, save, sizeof(save));
                *pp = p;
                return -2;
            }
            return -1;
        }
        p = q;
        break;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6':
    case '7': {
        int32_t nx = p < lx->len ? lx->src[p] : -1;
        if (c == '0' && !(nx >= '0' && nx <= '9')) {
            v = 0;
            break;
        }
        if (in_template) {
            *pp = p;
            return -2;
        }
        *octal = true;
        v = c - '0';
        /* up to 3 digits, value <= 0377 */
        if (nx >= '0' && nx <= '7') {
            v = v * 8 + (nx - '0');
            p++;
            nx = p < lx->len ? lx->src[p] : -1;
            if (c <= '3' && nx >= '0' && nx <= '7') {
                v = v * 8 + (nx - '0');
                p++;
            }
        }
        break;
    }
    case '8': case '9':
        if (in_template) {
            *pp = p;
            return -2;
        }
        *octal = true;
        v = c;
        break;
    default:
        v = c;
        break;
    }
    *pp = p;
    return v;
}

static int scan_string(WFLexer *lx, WFToken *t, uint8_t quote)
{
    uint32_t p = lx->st.pos + 1;
    lx->buf16_len = 0;
    for (;;) {
        int n;
        int32_t c;
        if (p >= lx->len)
            return err_at(lx, lx->st.pos, "unterminated string literal");
        c = lx->src[p];
        if (c == quote) {
            p++;
            break;
        }
        if (c == '\\') {
            bool octal = false;
            uint32_t bad;
            int32_t v;
            p++;
            v = read_escape(lx, &p, false, &octal, &bad);
            if (v == -1)
                return TOK_ERROR;
            if (octal && !t->legacy_octal) {
                t->legacy_octal = true;
                t->bad_line = lx->st.line;
                t->bad_col = wf_lex_col_of(lx, bad);
            }
            if (v == -3)
                continue;
            if (!push_cp(lx, &lx->buf16, &lx->buf16_cap, &lx->buf16_len,
                         (uint32_t)v))
                return lex_oom(lx);
            continue;
        }
        if (c == '\n' || c == '\r')
            return err_at(lx, p, "unterminated string literal");
        c = peek_cp(lx, p, &n);
        p += (uint32_t)n;
        if (!push_cp(lx, &lx->buf16, &lx->buf16_cap, &lx->buf16_len,
                     (uint32_t)c))
            return lex_oom(lx);
    }
    lx->st.pos = p;
    t->type = TOK_STRING;
    if (!make_str(lx, lx->buf16, lx->buf16_len, &t->str))
        return lex_oom(lx);
    return TOK_STRING;
}

/* Scans template characters from lx->st.pos (just after '`' or '}') up to
   and including "${" or '`'. */
static int scan_template(WFLexer *lx, WFToken *t)
{
    uint32_t p = lx->st.pos;
    bool valid = true;
    lx->buf16_len = 0;
    lx->raw16_len = 0;
    t->tail = false;
    for (;;) {
        int n;
        int32_t c;
        if (p >= lx->len)
            return wf_lex_error(lx, t->line, t->col,
                                "unterminated template literal");
        c = lx->src[p];
        if (c == '`') {
            p++;
            t->tail = true;
            break;
        }
        if (c == '$' && p + 1 < lx->len && lx->src[p + 1] == '{') {
            p += 2;
            break;
        }
        if (c == '\\') {
            bool octal = false;
            uint32_t bad, q = p + 1;
            int32_t v;
            int bline = lx->st.line;
            v = read_escape(lx, &q, true, &octal, &bad);
            if (v == -1)
                return TOK_ERROR;
            /* raw: the escape text, with line terminators normalised */
            for (uint32_t r = p; r < q;) {
                int32_t rc = peek_cp(lx, r, &n);
                r += (uint32_t)n;
                if (rc == '\r') {
                    if (r < q && lx->src[r] == '\n')
                        r++;
                    rc = '\n';
                }
                if (!push_cp(lx, &lx->raw16, &lx->raw16_cap, &lx->raw16_len,
                             (uint32_t)rc))
                    return lex_oom(lx);
            }
            if (v == -2) {
                if (valid) {
                    valid = false;
                    t->bad_line = bline;
                    t->bad_col = wf_lex_col_of(lx, bad);
                }
            } else if (v != -3) {
                if (!push_cp(lx, &lx->buf16, &lx->buf16_cap, &lx->buf16_len,
                             (uint32_t)v))
                    return lex_oom(lx);
            }
            p = q;
            continue;
        }
        c = peek_cp(lx, p, &n);
        p += (uint32_t)n;
        if (c == '\r') {
            if (p < lx->len && lx->src[p] == '\n')
                p++;
            c = '\n';
            new_line(lx, p);
        } else if (c == '\n' || c == 0x2028 || c == 0x2029) {
            new_line(lx, p);
        }
        if (!push_cp(lx, &lx->buf16, &lx->buf16_cap, &lx->buf16_len,
                     (uint32_t)c) ||
            !push_cp(lx, &lx->raw16, &lx->raw16_cap, &lx->raw16_len,
                     (uint32_t)c))
            return lex_oom(lx);
    }
    lx->st.pos = p;
    t->type = TOK_TEMPLATE;
    t->cooked_valid = valid;
    if (!make_str(lx, lx->raw16, lx->raw16_len, &t->raw))
        return lex_oom(lx);
    if (valid) {
        if (!make_str(lx, lx->buf16, lx->buf16_len, &t->str))
            return lex_oom(lx);
    } else {
        memset(&t->str, 0, sizeof(t->str));
    }
    return TOK_TEMPLATE;
}

int wf_lex_rescan_template(WFLexer *lx, WFToken *t)
{
    /* t is the '}' token: continue right after it */
    lx->st.pos = t->start + 1;
    return scan_template(lx, t);
}

/* ---------------------------------------------------------------------- */
/* Regular expressions                                                     */

int wf_lex_rescan_regexp(WFLexer *lx, WFToken *t)
{
    uint32_t p = t->start + 1, body_end, fstart;
    bool in_class = false;
    char *txt;
    unsigned seen = 0;

    for (;;) {
        int n;
        int32_t c = peek_cp(lx, p, &n);
        if (c < 0 || is_line_term(c))
            return wf_lex_error(lx, t->line, t->col,
                                "unterminated regular expression literal");
        p += (uint32_t)n;
        if (c == '\\') {
            c = peek_cp(lx, p, &n);
            if (c < 0 || is_line_term(c))
                return wf_lex_error(lx, t->line, t->col,
                                    "unterminated regular expression literal");
            p += (uint32_t)n;
        } else if (c == '[') {
            in_class = true;
        } else if (c == ']') {
            in_class = false;
        } else if (c == '/' && !in_class) {
            break;
        }
    }
    body_end = p - 1;
    fstart = p;
    for (;;) {
        int n;
        int32_t c = peek_cp(lx, p, &n);
        if (c < 0)
            break;
        if (c == '\\')
            return err_at(lx, p, "invalid regular expression flags");
        if (!wf_unicode_is_id_continue((uint32_t)c))
            break;
        const char *fl = "dgimsuvy";
        const char *f = c < 128 ? strchr(fl, (int)c) : NULL;
        if (!f || !c)
            return err_at(lx, p, "invalid regular expression flags");
        unsigned bit = 1u << (f - fl);
        if (seen & bit)
            return err_at(lx, p, "duplicate regular expression flag");
        seen |= bit;
        p += (uint32_t)n;
    }
    if ((seen & (1u << 5)) && (seen & (1u << 6)))
        return err_at(lx, fstart, "regular expression flags 'u' and 'v' are exclusive");
    txt = wf_arena_alloc(lx->arena, (body_end - t->start - 1) + 1 +
                                        (p - fstart) + 1);
    if (!txt)
        return lex_oom(lx);
    memcpy(txt, lx->src + t->start + 1, body_end - t->start - 1);
    txt[body_end - t->start - 1] = 0;
    t->text = txt;
    t->text_len = body_end - t->start - 1;
    txt += t->text_len + 1;
    memcpy(txt, lx->src + fstart, p - fstart);
    txt[p - fstart] = 0;
    t->flags = txt;
    t->flags_len = p - fstart;
    t->type = TOK_REGEXP;
    lx->st.pos = p;
    t->end = p;
    return TOK_REGEXP;
}

/* ---------------------------------------------------------------------- */
/* Main scanner                                                            */

/* Skips white space and comments; returns false on error. */
static bool skip_space(WFLexer *lx, bool *nl)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->st.pos;
    bool at_start = p == 0;     /* `-->` may open the first line too */
    for (;;) {
        int n;
        int32_t c;
        if (p >= lx->len)
            break;
        c = s[p];
        switch (c) {
        case ' ': case '\t': case '\v': case '\f':
            p++;
            continue;
        case '\n':
            p++;
            new_line(lx, p);
            *nl = true;
            continue;
        case '\r':
            p++;
            if (p < lx->len && s[p] == '\n')
                p++;
            new_line(lx, p);
            *nl = true;
            continue;
        case '/':
            if (p + 1 < lx->len && s[p + 1] == '/') {
                p += 2;
                goto line_comment;
            }
            if (p + 1 < lx->len && s[p + 1] == '*') {
                uint32_t start = p;
                p += 2;
                for (;;) {
                    if (p >= lx->len) {
                        lx->st.pos = p;
                        err_at(lx, start, "unterminated comment");
                        return false;
                    }
                    c = s[p];
                    if (c == '*' && p + 1 < lx->len && s[p + 1] == '/') {
                        p += 2;
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        p++;
                        if (c == '\r' && p < lx->len && s[p] == '\n')
                            p++;
                        new_line(lx, p);
                        *nl = true;
                        continue;
                    }
                    if (c >= 0x80) {
                        c = peek_cp(lx, p, &n);
                        p += (uint32_t)n;
                        if (c == 0x2028 || c == 0x2029) {
                            new_line(lx, p);
                            *nl = true;
                        }
                        continue;
                    }
                    p++;
                }
                continue;
            }
            goto done;
        case '<':
            if (!lx->is_module && p + 3 < lx->len && s[p + 1] == '!' &&
                s[p + 2] == '-' && s[p + 3] == '-') {
                p += 4;
                goto line_comment;
            }
            goto done;
        case '-':
            if (!lx->is_module && (*nl || at_start) && p + 2 < lx->len &&
                s[p + 1] == '-' && s[p + 2] == '>') {
                p += 3;
                goto line_comment;
            }
            goto done;
        default:
            if (c < 0x80)
                goto done;
            c = peek_cp(lx, p, &n);
            if (c == 0x2028 || c == 0x2029) {
                p += (uint32_t)n;
                new_line(lx, p);
                *nl = true;
                continue;
            }
            if (wf_unicode_is_space((uint32_t)c)) {
                p += (uint32_t)n;
                continue;
            }
            goto done;
        }
    line_comment:
        while (p < lx->len) {
            c = s[p];
            if (c == '\n' || c == '\r')
                break;
            if (c >= 0x80) {
                c = peek_cp(lx, p, &n);
                if (c == 0x2028 || c == 0x2029)
                    break;
                p += (uint32_t)n;
            } else {
                p++;
            }
        }
    }
done:
    lx->st.pos = p;
    return true;
}

int wf_lex_next(WFLexer *lx, WFToken *t)
{
    bool nl = false;
    const uint8_t *s = lx->src;
    uint32_t p;
    int type;

    memset(t, 0, sizeof(*t));
    if (!skip_space(lx, &nl)) {
        t->type = TOK_ERROR;
        return TOK_ERROR;
    }
    p = lx->st.pos;
    t->nl_before = nl;
    t->start = p;
    t->line = lx->st.line;
    t->col = wf_lex_col_of(lx, p);
    if (p >= lx->len) {
        t->type = TOK_EOF;
        t->end = p;
        return TOK_EOF;
    }

#define P1(tk) do { type = (tk); p += 1; goto punct; } while (0)
#define PN(tk, k) do { type = (tk); p += (k); goto punct; } while (0)
#define AT(i) (p + (i) < lx->len ? s[p + (i)] : 0)

    switch (s[p]) {
    case '{': P1(TOK_LBRACE);
    case '}': P1(TOK_RBRACE);
    case '(': P1(TOK_LPAREN);
    case ')': P1(TOK_RPAREN);
    case '[': P1(TOK_LBRACKET);
    case ']': P1(TOK_RBRACKET);
    case ';': P1(TOK_SEMI);
    case ',': P1(TOK_COMMA);
    case ':': P1(TOK_COLON);
    case '~': P1(TOK_TILDE);
    case '.':
        if (AT(1) >= '0' && AT(1) <= '9')
            break;  /* number */
        if (AT(1) == '.' && AT(2) == '.')
            PN(TOK_ELLIPSIS, 3);
        P1(TOK_DOT);
    case '<':
        if (AT(1) == '<')
            { if (AT(2) == '=') PN(TOK_SHL_ASSIGN, 3); PN(TOK_SHL, 2); }
        if (AT(1) == '=') PN(TOK_LE, 2);
        P1(TOK_LT);
    case '>':
        if (AT(1) == '>') {
            if (AT(2) == '>') {
                if (AT(3) == '=') PN(TOK_SHR_ASSIGN, 4);
                PN(TOK_SHR, 3);
            }
            if (AT(2) == '=') PN(TOK_SAR_ASSIGN, 3);
            PN(TOK_SAR, 2);
        }
        if (AT(1) == '=') PN(TOK_GE, 2);
        P1(TOK_GT);
    case '=':
        if (AT(1) == '=') { if (AT(2) == '=') PN(TOK_SEQ, 3); PN(TOK_EQ, 2); }
        if (AT(1) == '>') PN(TOK_ARROW, 2);
        P1(TOK_ASSIGN);
    case '!':
        if (AT(1) == '=') { if (AT(2) == '=') PN(TOK_SNE, 3); PN(TOK_NE, 2); }
        P1(TOK_BANG);
    case '+':
        if (AT(1) == '+') PN(TOK_INC, 2);
        if (AT(1) == '=') PN(TOK_PLUS_ASSIGN, 2);
        P1(TOK_PLUS);
    case '-':
        if (AT(1) == '-') PN(TOK_DEC, 2);
        if (AT(1) == '=') PN(TOK_MINUS_ASSIGN, 2);
        P1(TOK_MINUS);
    case '*':
        if (AT(1) == '*') { if (AT(2) == '=') PN(TOK_EXP_ASSIGN, 3); PN(TOK_EXP, 2); }
        if (AT(1) == '=') PN(TOK_STAR_ASSIGN, 2);
        P1(TOK_STAR);
    case '%':
        if (AT(1) == '=') PN(TOK_PERCENT_ASSIGN, 2);
        P1(TOK_PERCENT);
    case '&':
        if (AT(1) == '&') { if (AT(2) == '=') PN(TOK_AND_ASSIGN, 3); PN(TOK_AND, 2); }
        if (AT(1) == '=') PN(TOK_AMP_ASSIGN, 2);
        P1(TOK_AMP);
    case '|':
        if (AT(1) == '|') { if (AT(2) == '=') PN(TOK_OR_ASSIGN, 3); PN(TOK_OR, 2); }
        if (AT(1) == '=') PN(TOK_BAR_ASSIGN, 2);
        P1(TOK_BAR);
    case '^':
        if (AT(1) == '=') PN(TOK_CARET_ASSIGN, 2);
        P1(TOK_CARET);
    case '?':
        if (AT(1) == '?') { if (AT(2) == '=') PN(TOK_NULLISH_ASSIGN, 3); PN(TOK_NULLISH, 2); }
        if (AT(1) == '.' && !(AT(2) >= '0' && AT(2) <= '9')) PN(TOK_OPTCHAIN, 2);
        P1(TOK_QUESTION);
    case '/':
        if (AT(1) == '=') PN(TOK_DIV_ASSIGN, 2);
        P1(TOK_DIV);
    case '"': case '\'':
        type = scan_string(lx, t, s[p]);
        t->end = lx->st.pos;
        return type;
    case '`':
        lx->st.pos = p + 1;
        type = scan_template(lx, t);
        t->end = lx->st.pos;
        return type;
    case '#':
        lx->st.pos = p + 1;
        type = scan_ident_name(lx, t, true);
        t->end = lx->st.pos;
        return type;
    default:
        break;
    }
#undef P1
#undef PN
#undef AT
    if ((s[p] >= '0' && s[p] <= '9') || s[p] == '.') {
        type = scan_number(lx, t);
        t->end = lx->st.pos;
        return type;
    }
    type = scan_ident_name(lx, t, false);
    t->end = lx->st.pos;
    return type;

punct:
    lx->st.pos = p;
    t->type = type;
    t->end = p;
    return type;
}
