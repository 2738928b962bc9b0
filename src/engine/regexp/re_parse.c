/*
 * re_parse.c - parser of regular expression patterns (ECMA-262 22.2.1
 * Patterns with its early errors, and Annex B.1.2 legacy syntax when
 * neither u nor v is given) into the syntax tree of re_int.h.
 *
 * Character classes are resolved to sets here, with the flags in force at
 * that point (the i modifier of (?i:...) included): case closure for i, and
 * with v the set operations on case-folded sets (MaybeSimpleCaseFolding).
 * Recursion is bounded by RE_MAX_DEPTH nesting levels.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/regexp/re_int.h"
#include "engine/unicode/unicode.h"

#define RE_MAX_DEPTH 400     /* about 200 KiB of C stack at most */

/* An alternative of a disjunction, for the duplicate group name rule
   (22.2.1.1 MightBothParticipate). */
typedef struct AltRec {
    int parent, disj, index, depth;
} AltRec;

typedef struct ReParser {
    ReArena *ar;
    const uint16_t *p;
    size_t len, pos;
    bool u, v;             /* u or v flag; v flag */
    bool named;            /* [NamedCaptureGroups] */
    uint8_t mods;          /* RE_F_* in force */
    int ncap_total;        /* capture groups (without 0), from the prescan */
    int ncap;              /* groups opened so far */
    ReGroupName *names;    /* [ncap_total + 1] */
    int *group_alt;        /* [ncap_total + 1] AltRec of each group */
    AltRec *alts;
    int nalts, cap_alts, cur_alt, ndisj;
    ReNode **named_refs;   /* \k<name> nodes to resolve */
    int nrefs, cap_refs;
    int depth;
    uint32_t namebuf[256]; /* a group name being parsed (keeps it off the C stack) */
    char *err;
    size_t errlen;
    bool failed;
} ReParser;

static void *perr(ReParser *P, const char *fmt, ...)
{
    if (!P->failed) {
        va_list ap;
        P->failed = true;
        va_start(ap, fmt);
        vsnprintf(P->err, P->errlen, fmt, ap);
        va_end(ap);
    }
    return NULL;
}

static void *poom(ReParser *P)
{
    P->ar->oom = true;
    return perr(P, "out of memory");
}

static ReNode *new_node(ReParser *P, int type)
{
    ReNode *n = wf_re_arena_alloc(P->ar, sizeof(ReNode));
    if (!n)
        return poom(P);
    memset(n, 0, sizeof(*n));
    n->type = (uint8_t)type;
    return n;
}

static int peek(ReParser *P)
{
    return P->pos < P->len ? P->p[P->pos] : -1;
}

static int peek_at(ReParser *P, size_t k)
{
    return P->pos + k < P->len ? P->p[P->pos + k] : -1;
}

static bool is_hi(uint32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
static bool is_lo(uint32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

/* the source character at pos (a code point with u/v), advancing */
static uint32_t next_char(ReParser *P)
{
    uint32_t c = P->p[P->pos++];
    if (P->u && is_hi(c) && P->pos < P->len && is_lo(P->p[P->pos]))
        c = 0x10000 + ((c - 0xD800) << 10) + (P->p[P->pos++] - 0xDC00);
    return c;
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

static bool is_syntax_char(int c)
{
    return c > 0 && c < 128 && strchr("^$\\.*+?()[]{}|", c) != NULL;
}

/* ------------------------------------------------------------ sets */

static uint32_t max_char(ReParser *P)
{
    return P->u ? RE_MAX_CP : 0xFFFF;
}

static int set_add_digits(ReParser *P, ReCharSet *cs)
{
    return wf_re_cs_add(P->ar, cs, '0', '9');
}

static int set_add_space(ReParser *P, ReCharSet *cs)
{
    static const uint32_t r[][2] = {
        { 9, 13 }, { 0x20, 0x20 }, { 0xA0, 0xA0 }, { 0x1680, 0x1680 }, { 0x2000, 0x200A },
        { 0x2028, 0x2029 }, { 0x202F, 0x202F }, { 0x205F, 0x205F }, { 0x3000, 0x3000 },
        { 0xFEFF, 0xFEFF },
    };
    for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
        if (wf_re_cs_add(P->ar, cs, r[i][0], r[i][1]))
            return -1;
    return 0;
}

static int set_add_word(ReParser *P, ReCharSet *cs)
{
    if (wf_re_cs_add(P->ar, cs, '0', '9') || wf_re_cs_add(P->ar, cs, 'A', 'Z') ||
        wf_re_cs_add(P->ar, cs, '_', '_') || wf_re_cs_add(P->ar, cs, 'a', 'z'))
        return -1;
    if (P->u && (P->mods & RE_F_ICASE) &&
        (wf_re_cs_add(P->ar, cs, 0x17F, 0x17F) || wf_re_cs_add(P->ar, cs, 0x212A, 0x212A)))
        return -1;
    return 0;
}

/* v with i: sets live in case-folded space */
static bool vfold(ReParser *P)
{
    return P->v && (P->mods & RE_F_ICASE);
}

/* CharacterComplement (22.2.2.9.x): within AllCharacters */
static int set_complement(ReParser *P, ReCharSet *cs)
{
    if (wf_re_cs_invert(P->ar, cs, max_char(P)))
        return -1;
    if (vfold(P))
        return wf_re_cs_keep_canonical(P->ar, cs);
    return 0;
}

typedef struct PropCtx {
    ReArena *ar;
    ReCharSet *cs;
} PropCtx;

static int prop_range_cb(void *opaque, uint32_t lo, uint32_t hi)
{
    PropCtx *x = opaque;
    return wf_re_cs_add(x->ar, x->cs, lo, hi);
}

/* A class operand in v mode: a set and strings (length != 1). */
typedef struct ClassVal {
    ReCharSet set;
    ReString *str;
    uint32_t nstr, capstr;
    bool may_strings;      /* MayContainStrings */
} ClassVal;

static int cv_add_string(ReParser *P, ClassVal *cv, const uint32_t *c, uint32_t n)
{
    if (n == 1)
        return wf_re_cs_add(P->ar, &cv->set, c[0], c[0]);
    for (uint32_t i = 0; i < cv->nstr; i++)
        if (cv->str[i].n == n && memcmp(cv->str[i].c, c, n * sizeof(uint32_t)) == 0)
            return 0;
    if (cv->nstr == cv->capstr) {
        uint32_t ncap = cv->capstr ? cv->capstr * 2 : 8;
        ReString *s = wf_re_arena_alloc(P->ar, ncap * sizeof(ReString));
        if (!s)
            return -1;
        if (cv->nstr)
            memcpy(s, cv->str, cv->nstr * sizeof(ReString));
        cv->str = s;
        cv->capstr = ncap;
    }
    uint32_t *copy = wf_re_arena_alloc(P->ar, (n ? n : 1) * sizeof(uint32_t));
    if (!copy)
        return -1;
    memcpy(copy, c, n * sizeof(uint32_t));
    cv->str[cv->nstr].c = copy;
    cv->str[cv->nstr].n = n;
    cv->nstr++;
    return 0;
}

typedef struct StrCtx {
    ReParser *P;
    ClassVal *cv;
} StrCtx;

static int prop_string_cb(void *opaque, const uint32_t *cps, size_t n)
{
    StrCtx *x = opaque;
    uint32_t buf[16];
    for (size_t i = 0; i < n && i < 16; i++)
        buf[i] = vfold(x->P) ? wf_unicode_fold_simple(cps[i]) : cps[i];
    return cv_add_string(x->P, x->cv, buf, (uint32_t)n);
}

/* \p{...} / \P{...} after the 'p' or 'P'; fills cv (strings only for v) */
static int parse_property(ReParser *P, bool negated, ClassVal *cv)
{
    char name[64], value[64];
    size_t nl = 0, vl = 0;
    bool has_value = false;
    WFUnicodeProp prop;
    if (peek(P) != '{')
        return perr(P, "invalid property name"), -1;
    P->pos++;
    for (;;) {
        int c = peek(P);
        if (c < 0)
            return perr(P, "invalid property name"), -1;
        P->pos++;
        if (c == '}')
            break;
        if (c == '=' && !has_value) {
            has_value = true;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return perr(P, "invalid property name"), -1;
        if (has_value) {
            if (vl >= sizeof(value) - 1)
                return perr(P, "invalid property name"), -1;
            value[vl++] = (char)c;
        } else {
            if (nl >= sizeof(name) - 1)
                return perr(P, "invalid property name"), -1;
            name[nl++] = (char)c;
        }
    }
    if (nl == 0 || (has_value && vl == 0) ||
        wf_unicode_lookup_property(name, nl, has_value ? value : NULL, vl, P->v && !negated, &prop))
        return perr(P, "invalid property name"), -1;
    PropCtx x = { P->ar, &cv->set };
    if (wf_unicode_prop_ranges(&prop, prop_range_cb, &x))
        return poom(P), -1;
    if (prop.kind == WF_UPROP_STRINGS) {
        StrCtx sx = { P, cv };
        cv->may_strings = true;
        if (wf_unicode_prop_strings(&prop, prop_string_cb, &sx))
            return poom(P), -1;
    }
    if (vfold(P) && wf_re_cs_fold(P->ar, &cv->set))
        return poom(P), -1;
    if (negated && set_complement(P, &cv->set))
        return poom(P), -1;
    return 0;
}

/* \d \D \s \S \w \W (c is the letter) into cs */
static int class_escape_set(ReParser *P, int c, ReCharSet *cs)
{
    int r;
    switch (c | 0x20) {
    case 'd': r = set_add_digits(P, cs); break;
    case 's': r = set_add_space(P, cs); break;
    default: r = set_add_word(P, cs); break;
    }
    if (!r && vfold(P))
        r = wf_re_cs_fold(P->ar, cs);
    if (!r && c >= 'A' && c <= 'Z')
        r = set_complement(P, cs);
    if (r)
        poom(P);
    return r;
}

/* ------------------------------------------------------------ escapes */

/* RegExpUnicodeEscapeSequence after "\u" (unicode: [+UnicodeMode]).
   Returns the code point, or -1 if the text is not one (pos unchanged). */
static int64_t parse_u_escape(ReParser *P, bool unicode)
{
    size_t save = P->pos;
    uint32_t c = 0;
    if (unicode && peek(P) == '{') {
        int digits = 0, h;
        P->pos++;
        while ((h = hexval(peek(P))) >= 0) {
            c = c * 16 + (uint32_t)h;
            if (c > RE_MAX_CP)
                goto bad;
            digits++;
            P->pos++;
        }
        if (!digits || peek(P) != '}')
            goto bad;
        P->pos++;
        return c;
    }
    for (int i = 0; i < 4; i++) {
        int h = hexval(peek_at(P, (size_t)i));
        if (h < 0)
            goto bad;
        c = c * 16 + (uint32_t)h;
    }
    P->pos += 4;
    if (unicode && is_hi(c) && peek(P) == '\\' && peek_at(P, 1) == 'u') {
        uint32_t d = 0;
        int i;
        for (i = 0; i < 4; i++) {
            int h = hexval(peek_at(P, 2 + (size_t)i));
            if (h < 0)
                break;
            d = d * 16 + (uint32_t)h;
        }
        if (i == 4 && is_lo(d)) {
            P->pos += 6;
            c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        }
    }
    return c;
bad:
    P->pos = save;
    return -1;
}

/* Legacy octal escape (B.1.2) starting at pos (first digit 0-7) */
static uint32_t parse_legacy_octal(ReParser *P)
{
    uint32_t c = (uint32_t)(P->p[P->pos++] - '0');
    int d = peek(P);
    if (d >= '0' && d <= '7') {
        c = c * 8 + (uint32_t)(d - '0');
        P->pos++;
        d = peek(P);
        if (c < 040 && d >= '0' && d <= '7') {
            c = c * 8 + (uint32_t)(d - '0');
            P->pos++;
        }
    }
    return c;
}

/*
 * CharacterEscape after the backslash (pos at the letter), for atoms and
 * classes.  Returns the character, or -1 on error, or -2 if (legacy
 * syntax) the backslash stands for itself: pos is then at the character
 * after it.
 */
static int64_t parse_char_escape(ReParser *P, bool in_class)
{
    int c = peek(P);
    int64_t r;
    switch (c) {
    case 'f': P->pos++; return '\f';
    case 'n': P->pos++; return '\n';
    case 'r': P->pos++; return '\r';
    case 't': P->pos++; return '\t';
    case 'v': P->pos++; return '\v';
    case 'c': {
        int d = peek_at(P, 1);
        if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z')) {
            P->pos += 2;
            return d % 32;
        }
        if (!P->u && in_class && ((d >= '0' && d <= '9') || d == '_')) {
            P->pos += 2;
            return d % 32;
        }
        if (P->u)
            return perr(P, "invalid unicode escape"), -1;
        return -2;             /* "\" then "c" */
    }
    case 'x': {
        int h1 = hexval(peek_at(P, 1)), h2 = hexval(peek_at(P, 2));
        if (h1 >= 0 && h2 >= 0) {
            P->pos += 3;
            return h1 * 16 + h2;
        }
        if (P->u)
            return perr(P, "invalid escape"), -1;
        P->pos++;
        return 'x';
    }
    case 'u':
        P->pos++;
        r = parse_u_escape(P, P->u);
        if (r >= 0)
            return r;
        if (P->u)
            return perr(P, "invalid unicode escape"), -1;
        return 'u';
    case '0':
        if (!(peek_at(P, 1) >= '0' && peek_at(P, 1) <= '9')) {
            P->pos++;
            return 0;
        }
        if (P->u)
            return perr(P, "invalid decimal escape"), -1;
        return parse_legacy_octal(P);
    case -1:
        return perr(P, "\\ at end of pattern"), -1;
    default:
        break;
    }
    if (c >= '1' && c <= '9') {
        /* (in classes; atoms handle back references before) */
        if (P->u)
            return perr(P, "invalid escape"), -1;
        if (c >= '8') {
            P->pos++;
            return c;
        }
        return parse_legacy_octal(P);
    }
    if (P->u) {
        if (is_syntax_char(c) || c == '/' || (in_class && c == '-')) {
            P->pos++;
            return c;
        }
        return perr(P, "invalid escape"), -1;
    }
    if (c == 'k' && P->named)
        return perr(P, "invalid escape"), -1;
    return next_char(P);
}

/* ------------------------------------------------------------ names */

/* RegExpIdentifierName after '<'; consumes the '>' */
static int parse_group_name(ReParser *P, uint32_t *buf, size_t cap, size_t *plen)
{
    size_t n = 0;
    for (;;) {
        int64_t c;
        if (peek(P) < 0)
            return perr(P, "invalid capture group name"), -1;
        if (peek(P) == '>') {
            P->pos++;
            break;
        }
        if (peek(P) == '\\') {
            P->pos++;
            if (peek(P) != 'u')
                return perr(P, "invalid capture group name"), -1;
            P->pos++;
            c = parse_u_escape(P, true);
            if (c < 0)
                return perr(P, "invalid Unicode escape in group name"), -1;
        } else {
            uint32_t x = P->p[P->pos++];
            if (is_hi(x) && P->pos < P->len && is_lo(P->p[P->pos]))
                x = 0x10000 + ((x - 0xD800) << 10) + (P->p[P->pos++] - 0xDC00);
            c = x;
        }
        if (n == 0 ? !wf_unicode_is_id_start((uint32_t)c)
                   : !wf_unicode_is_id_continue((uint32_t)c))
            return perr(P, "invalid capture group name"), -1;
        if (n >= cap)
            return perr(P, "capture group name too long"), -1;
        buf[n++] = (uint32_t)c;
    }
    if (n == 0)
        return perr(P, "invalid capture group name"), -1;
    *plen = n;
    return 0;
}

static char *to_utf8(ReParser *P, const uint32_t *c, size_t n, size_t *outlen)
{
    char *s = wf_re_arena_alloc(P->ar, n * 4 + 1), *q = s;
    if (!s)
        return poom(P);
    for (size_t i = 0; i < n; i++) {
        uint32_t x = c[i];
        if (x < 0x80) {
            *q++ = (char)x;
        } else if (x < 0x800) {
            *q++ = (char)(0xC0 | (x >> 6));
            *q++ = (char)(0x80 | (x & 0x3F));
        } else if (x < 0x10000) {
            *q++ = (char)(0xE0 | (x >> 12));
            *q++ = (char)(0x80 | ((x >> 6) & 0x3F));
            *q++ = (char)(0x80 | (x & 0x3F));
        } else {
            *q++ = (char)(0xF0 | (x >> 18));
            *q++ = (char)(0x80 | ((x >> 12) & 0x3F));
            *q++ = (char)(0x80 | ((x >> 6) & 0x3F));
            *q++ = (char)(0x80 | (x & 0x3F));
        }
    }
    *q = 0;
    *outlen = (size_t)(q - s);
    return s;
}

/* true if the groups a and b (indices) may both participate */
static bool might_both_participate(ReParser *P, int a, int b)
{
    int x = P->group_alt[a], y = P->group_alt[b];
    while (P->alts[x].depth > P->alts[y].depth)
        x = P->alts[x].parent;
    while (P->alts[y].depth > P->alts[x].depth)
        y = P->alts[y].parent;
    if (x == y)
        return true;
    while (P->alts[x].parent != P->alts[y].parent) {
        x = P->alts[x].parent;
        y = P->alts[y].parent;
    }
    return !(P->alts[x].disj == P->alts[y].disj && P->alts[x].index != P->alts[y].index);
}

/* ------------------------------------------------------------ classes */

/* A class atom of a non-v class: a character or a set. */
typedef struct CAtom {
    bool is_set;
    uint32_t c;
    ReCharSet set;
} CAtom;

/* returns 0, -1 error; for a set, a->is_set */
static int parse_class_atom(ReParser *P, CAtom *a)
{
    memset(a, 0, sizeof(*a));
    if (peek(P) != '\\') {
        a->c = next_char(P);
        return 0;
    }
    P->pos++;
    int c = peek(P);
    switch (c) {
    case 'b':
        P->pos++;
        a->c = 8;
        return 0;
    case '-':
        if (P->u) {
            P->pos++;
            a->c = '-';
            return 0;
        }
        break;
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
        P->pos++;
        a->is_set = true;
        return class_escape_set(P, c, &a->set);
    case 'p': case 'P':
        if (P->u) {
            ClassVal cv;
            memset(&cv, 0, sizeof(cv));
            P->pos++;
            if (parse_property(P, c == 'P', &cv))
                return -1;
            a->is_set = true;
            a->set = cv.set;
            return 0;
        }
        break;
    case 'k':
        if (!P->named) {
            P->pos++;
            a->c = 'k';
            return 0;
        }
        break;
    default:
        break;
    }
    int64_t r = parse_char_escape(P, true);
    if (r == -1)
        return -1;
    if (r == -2) {              /* "\c" stands for "\" */
        a->c = '\\';
        return 0;
    }
    a->c = (uint32_t)r;
    return 0;
}

/* NonemptyClassRanges (non-v); pos after '[' and '^'; consumes ']' */
static int parse_class_ranges(ReParser *P, ReCharSet *cs)
{
    for (;;) {
        CAtom a, b;
        if (peek(P) < 0)
            return perr(P, "unterminated character class"), -1;
        if (peek(P) == ']') {
            P->pos++;
            return 0;
        }
        if (parse_class_atom(P, &a))
            return -1;
        if (peek(P) == '-' && peek_at(P, 1) != ']' && peek_at(P, 1) >= 0) {
            P->pos++;
            if (parse_class_atom(P, &b))
                return -1;
            if (a.is_set || b.is_set) {
                if (P->u)
                    return perr(P, "invalid character class range"), -1;
                /* B.1.2: a union of both and '-' */
                if ((a.is_set ? wf_re_cs_add_set(P->ar, cs, &a.set) : wf_re_cs_add(P->ar, cs, a.c, a.c)) ||
                    (b.is_set ? wf_re_cs_add_set(P->ar, cs, &b.set) : wf_re_cs_add(P->ar, cs, b.c, b.c)) ||
                    wf_re_cs_add(P->ar, cs, '-', '-'))
                    return poom(P), -1;
                continue;
            }
            if (a.c > b.c)
                return perr(P, "range out of order in character class"), -1;
            if (wf_re_cs_add(P->ar, cs, a.c, b.c))
                return poom(P), -1;
            continue;
        }
        if (a.is_set ? wf_re_cs_add_set(P->ar, cs, &a.set) : wf_re_cs_add(P->ar, cs, a.c, a.c))
            return poom(P), -1;
    }
}

/* ---- v mode (22.2.1 ClassSetExpression) */

static int parse_class_contents_v(ReParser *P, ClassVal *out);

static bool is_class_set_syntax(int c)
{
    return c > 0 && c < 128 && strchr("()[]{}/-\\|", c) != NULL;
}

static bool is_class_set_reserved_double(int c)
{
    return c > 0 && c < 128 && strchr("&!#$%*+,.:;<=>?@^`~", c) != NULL;
}

static bool is_class_set_reserved_punct(int c)
{
    return c > 0 && c < 128 && strchr("&-!#%,:;<=>@`~", c) != NULL;
}

/* ClassSetCharacter; returns the code point or -1 */
static int64_t parse_class_set_char(ReParser *P)
{
    int c = peek(P);
    if (c < 0)
        return perr(P, "unterminated character class"), -1;
    if (c == '\\') {
        P->pos++;
        c = peek(P);
        if (c == 'b') {
            P->pos++;
            return 8;
        }
        if (is_class_set_reserved_punct(c)) {
            P->pos++;
            return c;
        }
        return parse_char_escape(P, false);
    }
    if (is_class_set_reserved_double(c) && peek_at(P, 1) == c)
        return perr(P, "invalid set operation in character class"), -1;
    if (is_class_set_syntax(c))
        return perr(P, "invalid character in character class"), -1;
    return next_char(P);
}

static uint32_t vf(ReParser *P, uint32_t c)
{
    return vfold(P) ? wf_unicode_fold_simple(c) : c;
}

/* \q{...} after "\q"; adds to cv */
static int parse_class_string_disjunction(ReParser *P, ClassVal *cv)
{
    uint32_t buf[256];
    size_t n = 0;
    if (peek(P) != '{')
        return perr(P, "invalid escape"), -1;
    P->pos++;
    for (;;) {
        int c = peek(P);
        if (c == '}' || c == '|') {
            if (n != 1)
                cv->may_strings = true;
            if (cv_add_string(P, cv, buf, (uint32_t)n))
                return poom(P), -1;
            n = 0;
            P->pos++;
            if (c == '}')
                return 0;
            continue;
        }
        int64_t x = parse_class_set_char(P);
        if (x < 0)
            return -1;
        if (n >= sizeof(buf) / sizeof(buf[0]))
            return perr(P, "class string too long"), -1;
        buf[n++] = vf(P, (uint32_t)x);
    }
}

/* ClassSetOperand or the start of a ClassSetRange.  *is_char tells a
   single character (which may begin a range). */
static int parse_class_set_operand(ReParser *P, ClassVal *cv, bool *is_char, uint32_t *ch)
{
    int c = peek(P);
    *is_char = false;
    memset(cv, 0, sizeof(*cv));
    if (c == '[') {
        P->pos++;
        if (++P->depth > RE_MAX_DEPTH)
            return perr(P, "regular expression too deeply nested"), -1;
        int r = parse_class_contents_v(P, cv);
        P->depth--;
        return r;
    }
    if (c == '\\') {
        int d = peek_at(P, 1);
        switch (d) {
        case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
            P->pos += 2;
            return class_escape_set(P, d, &cv->set);
        case 'p': case 'P':
            P->pos += 2;
            return parse_property(P, d == 'P', cv);
        case 'q':
            P->pos += 2;
            return parse_class_string_disjunction(P, cv);
        default:
            break;
        }
    }
    int64_t x = parse_class_set_char(P);
    if (x < 0)
        return -1;
    *is_char = true;
    *ch = (uint32_t)x;
    return 0;
}

static int cv_union(ReParser *P, ClassVal *a, const ClassVal *b)
{
    if (wf_re_cs_add_set(P->ar, &a->set, &b->set))
        return -1;
    for (uint32_t i = 0; i < b->nstr; i++)
        if (cv_add_string(P, a, b->str[i].c, b->str[i].n))
            return -1;
    a->may_strings |= b->may_strings;
    return 0;
}

static bool cv_has_string(const ClassVal *a, const ReString *s)
{
    for (uint32_t i = 0; i < a->nstr; i++)
        if (a->str[i].n == s->n && memcmp(a->str[i].c, s->c, s->n * sizeof(uint32_t)) == 0)
            return true;
    return false;
}

static void cv_filter_strings(ClassVal *a, const ClassVal *b, bool keep_if_in_b)
{
    uint32_t w = 0;
    for (uint32_t i = 0; i < a->nstr; i++)
        if (cv_has_string(b, &a->str[i]) == keep_if_in_b)
            a->str[w++] = a->str[i];
    a->nstr = w;
}

/* ClassContents with v; pos after '['; consumes ']' */
static int parse_class_contents_v(ReParser *P, ClassVal *out)
{
    bool negated = false;
    int op = 0;              /* 0 none yet / union, 1 &&, 2 -- */
    int noperands = 0;
    memset(out, 0, sizeof(*out));
    if (peek(P) == '^') {
        negated = true;
        P->pos++;
    }
    for (;;) {
        ClassVal cv;
        bool is_char;
        uint32_t ch;
        int c = peek(P);
        if (c < 0)
            return perr(P, "unterminated character class"), -1;
        if (c == ']') {
            P->pos++;
            break;
        }
        if (noperands > 0 && (c == '&' || c == '-') && peek_at(P, 1) == c) {
            int this_op = c == '&' ? 1 : 2;
            if (op == 0 && noperands > 1)
                return perr(P, "invalid set operation in character class"), -1;
            if (op != 0 && op != this_op)
                return perr(P, "invalid set operation in character class"), -1;
            op = this_op;
            P->pos += 2;
            if (this_op == 1 && peek(P) == '&')
                return perr(P, "invalid character in character class"), -1;
            if (peek(P) == ']')
                return perr(P, "invalid set operation in character class"), -1;
            if (parse_class_set_operand(P, &cv, &is_char, &ch))
                return -1;
            if (is_char) {
                if (peek(P) == '-' && peek_at(P, 1) != '-')
                    return perr(P, "invalid set operation in character class"), -1;
                if (wf_re_cs_add(P->ar, &cv.set, vf(P, ch), vf(P, ch)))
                    return poom(P), -1;
            }
            if (this_op == 1) {
                if (wf_re_cs_intersect(P->ar, &out->set, &cv.set))
                    return poom(P), -1;
                cv_filter_strings(out, &cv, true);
                out->may_strings = out->may_strings && cv.may_strings;
            } else {
                if (wf_re_cs_subtract(P->ar, &out->set, &cv.set))
                    return poom(P), -1;
                cv_filter_strings(out, &cv, false);
            }
            noperands++;
            continue;
        }
        if (op != 0)
            return perr(P, "invalid set operation in character class"), -1;
        if (parse_class_set_operand(P, &cv, &is_char, &ch))
            return -1;
        if (is_char && peek(P) == '-' && peek_at(P, 1) != '-') {
            ClassVal cv2;
            bool is_char2;
            uint32_t ch2;
            P->pos++;
            if (parse_class_set_operand(P, &cv2, &is_char2, &ch2))
                return -1;
            if (!is_char2)
                return perr(P, "invalid character class range"), -1;
            if (ch > ch2)
                return perr(P, "range out of order in character class"), -1;
            if (wf_re_cs_add(P->ar, &cv.set, ch, ch2) ||
                (vfold(P) && wf_re_cs_fold(P->ar, &cv.set)))
                return poom(P), -1;
            is_char = false;
            /* a range is not an operand of && or -- */
            if (noperands == 0 && ((peek(P) == '&' && peek_at(P, 1) == '&') ||
                                   (peek(P) == '-' && peek_at(P, 1) == '-')))
                return perr(P, "invalid set operation in character class"), -1;
            noperands++;
        } else if (is_char) {
            if (wf_re_cs_add(P->ar, &cv.set, vf(P, ch), vf(P, ch)))
                return poom(P), -1;
        }
        if (noperands == 0) {
            *out = cv;
            if (out->set.dirty)
                wf_re_cs_normalize(&out->set);
        } else if (cv_union(P, out, &cv)) {
            return poom(P), -1;
        }
        noperands++;
    }
    wf_re_cs_normalize(&out->set);
    if (negated) {
        if (out->may_strings)
            return perr(P, "negated character class may contain strings"), -1;
        if (set_complement(P, &out->set))
            return poom(P), -1;
    }
    return 0;
}

/* '[' ... ']' at pos (after '['): a class node */
static ReNode *parse_class(ReParser *P)
{
    ReNode *n = new_node(P, RE_N_CLASS);
    if (!n)
        return NULL;
    if (P->v) {
        ClassVal cv;
        if (parse_class_contents_v(P, &cv))
            return NULL;
        n->u.cls.set = cv.set;
        n->u.cls.str = cv.str;
        n->u.cls.nstr = cv.nstr;
        n->flags = P->mods & RE_F_ICASE;
        return n;
    }
    if (peek(P) == '^') {
        n->u.cls.invert = true;
        P->pos++;
    }
    if (parse_class_ranges(P, &n->u.cls.set))
        return NULL;
    n->flags = P->mods & RE_F_ICASE;
    if ((n->flags & RE_F_ICASE) && wf_re_cs_close_case(P->ar, &n->u.cls.set, P->u))
        return poom(P);
    wf_re_cs_normalize(&n->u.cls.set);
    return n;
}

/* a class node for an atom escape set (\d, \p{...}) */
static ReNode *set_node(ReParser *P, ClassVal *cv)
{
    ReNode *n = new_node(P, RE_N_CLASS);
    if (!n)
        return NULL;
    n->flags = P->mods & RE_F_ICASE;
    n->u.cls.set = cv->set;
    n->u.cls.str = cv->str;
    n->u.cls.nstr = cv->nstr;
    if (!P->v && (n->flags & RE_F_ICASE) && wf_re_cs_close_case(P->ar, &n->u.cls.set, P->u))
        return poom(P);
    wf_re_cs_normalize(&n->u.cls.set);
    return n;
}

/* ------------------------------------------------------------ atoms and terms */

static ReNode *parse_disjunction(ReParser *P);

static ReNode *char_node(ReParser *P, uint32_t c)
{
    ReNode *n = new_node(P, RE_N_CHAR);
    if (!n)
        return NULL;
    n->u.c = c;
    n->flags = P->mods & RE_F_ICASE;
    return n;
}

/* {n}, {n,}, {n,m} at pos; returns 1 (and fills) if it is one, 0 if not */
static int parse_braces(ReParser *P, uint32_t *min, uint32_t *max, bool consume)
{
    size_t i = P->pos + 1;
    uint64_t a = 0, b;
    bool digits = false;
    if (peek(P) != '{')
        return 0;
    while (i < P->len && P->p[i] >= '0' && P->p[i] <= '9') {
        a = a * 10 + (P->p[i] - '0');
        if (a > RE_INF - 1)
            a = RE_INF - 1;
        digits = true;
        i++;
    }
    if (!digits)
        return 0;
    b = a;
    if (i < P->len && P->p[i] == ',') {
        i++;
        if (i < P->len && P->p[i] >= '0' && P->p[i] <= '9') {
            b = 0;
            while (i < P->len && P->p[i] >= '0' && P->p[i] <= '9') {
                b = b * 10 + (P->p[i] - '0');
                if (b > RE_INF - 1)
                    b = RE_INF - 1;
                i++;
            }
        } else {
            b = RE_INF;
        }
    }
    if (i >= P->len || P->p[i] != '}')
        return 0;
    if (consume) {
        P->pos = i + 1;
        *min = (uint32_t)a;
        *max = (uint32_t)b;
    }
    return 1;
}

static ReNode *parse_group(ReParser *P);

static ReNode *parse_atom_escape(ReParser *P)
{
    int c;
    P->pos++;                 /* the backslash */
    c = peek(P);
    if (c >= '1' && c <= '9') {
        size_t save = P->pos;
        uint64_t v = 0;
        while (peek(P) >= '0' && peek(P) <= '9') {
            v = v * 10 + (uint64_t)(peek(P) - '0');
            if (v > 1000000)
                v = 1000000;
            P->pos++;
        }
        if (v <= (uint64_t)P->ncap_total) {
            ReNode *n = new_node(P, RE_N_BACKREF);
            if (!n)
                return NULL;
            n->flags = P->mods & RE_F_ICASE;
            n->u.ref.groups = wf_re_arena_alloc(P->ar, sizeof(int));
            if (!n->u.ref.groups)
                return poom(P);
            n->u.ref.groups[0] = (int)v;
            n->u.ref.n = 1;
            return n;
        }
        if (P->u)
            return perr(P, "back reference to a group that does not exist");
        P->pos = save;
        if (c >= '8')
            return char_node(P, (uint32_t)P->p[P->pos++]);
        return char_node(P, parse_legacy_octal(P));
    }
    switch (c) {
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W': {
        ClassVal cv;
        memset(&cv, 0, sizeof(cv));
        P->pos++;
        if (class_escape_set(P, c, &cv.set))
            return NULL;
        return set_node(P, &cv);
    }
    case 'p': case 'P':
        if (P->u) {
            ClassVal cv;
            memset(&cv, 0, sizeof(cv));
            P->pos++;
            if (parse_property(P, c == 'P', &cv))
                return NULL;
            return set_node(P, &cv);
        }
        break;
    case 'k':
        if (P->named) {
            uint32_t *buf = P->namebuf;
            size_t n;
            ReNode *node;
            P->pos++;
            if (peek(P) != '<')
                return perr(P, "invalid named reference");
            P->pos++;
            size_t start = P->pos;
            if (parse_group_name(P, buf, 256, &n))
                return NULL;
            node = new_node(P, RE_N_BACKREF);
            if (!node)
                return NULL;
            node->flags = P->mods & RE_F_ICASE;
            node->u.ref.name = P->p + start;
            node->u.ref.name_len = (uint32_t)(P->pos - 1 - start);
            if (P->nrefs == P->cap_refs) {
                int ncap = P->cap_refs ? P->cap_refs * 2 : 8;
                ReNode **r = wf_re_arena_alloc(P->ar, (size_t)ncap * sizeof(ReNode *));
                if (!r)
                    return poom(P);
                if (P->nrefs)
                    memcpy(r, P->named_refs, (size_t)P->nrefs * sizeof(ReNode *));
                P->named_refs = r;
                P->cap_refs = ncap;
            }
            P->named_refs[P->nrefs++] = node;
            return node;
        }
        P->pos++;
        return char_node(P, 'k');
    default:
        break;
    }
    int64_t r = parse_char_escape(P, false);
    if (r == -1)
        return NULL;
    if (r == -2)
        return char_node(P, '\\');
    return char_node(P, (uint32_t)r);
}

static ReNode *parse_atom(ReParser *P)
{
    int c = peek(P);
    uint32_t mn, mx;
    switch (c) {
    case '.': {
        ReNode *n = new_node(P, RE_N_ANY);
        if (!n)
            return NULL;
        P->pos++;
        n->flags = P->mods & RE_F_DOTALL;
        return n;
    }
    case '(':
        return parse_group(P);
    case '[':
        P->pos++;
        return parse_class(P);
    case '\\':
        return parse_atom_escape(P);
    case '*': case '+': case '?':
        return perr(P, "nothing to repeat");
    case '{':
        if (P->u)
            return perr(P, parse_braces(P, &mn, &mx, false) ? "nothing to repeat"
                                                             : "lone quantifier brackets");
        if (parse_braces(P, &mn, &mx, false))
            return perr(P, "nothing to repeat");
        P->pos++;
        return char_node(P, '{');
    case '}': case ']':
        if (P->u)
            return perr(P, "lone quantifier brackets");
        P->pos++;
        return char_node(P, (uint32_t)c);
    default:
        return char_node(P, next_char(P));
    }
}

/* counts the capture groups inside n (already numbered) */
static ReNode *parse_group(ReParser *P)
{
    ReNode *n, *body;
    uint8_t save_mods = P->mods;
    P->pos++;                                 /* '(' */
    if (++P->depth > RE_MAX_DEPTH)
        return perr(P, "regular expression too deeply nested");
    if (peek(P) == '?') {
        int c = peek_at(P, 1);
        if (c == '=' || c == '!' || (c == '<' && (peek_at(P, 2) == '=' || peek_at(P, 2) == '!'))) {
            bool behind = c == '<';
            bool neg = (behind ? peek_at(P, 2) : c) == '!';
            P->pos += behind ? 3 : 2;
            n = new_node(P, RE_N_LOOK);
            if (!n || !(body = parse_disjunction(P)))
                return NULL;
            if (peek(P) != ')')
                return perr(P, "unterminated group");
            P->pos++;
            n->u.look.behind = behind;
            n->u.look.negative = neg;
            n->u.look.body = body;
            P->depth--;
            return n;
        }
        if (c == '<') {
            uint32_t *buf = P->namebuf;
            size_t len;
            int idx;
            P->pos += 2;
            if (parse_group_name(P, buf, 256, &len))
                return NULL;
            idx = ++P->ncap;
            if (idx > P->ncap_total)
                return perr(P, "invalid group");
            P->names[idx].utf8 = to_utf8(P, buf, len, &P->names[idx].len);
            if (!P->names[idx].utf8)
                return NULL;
            P->group_alt[idx] = P->cur_alt;
            for (int j = 1; j < idx; j++) {
                if (P->names[j].utf8 && P->names[j].len == P->names[idx].len &&
                    memcmp(P->names[j].utf8, P->names[idx].utf8, P->names[idx].len) == 0 &&
                    might_both_participate(P, j, idx))
                    return perr(P, "duplicate capture group name");
            }
            n = new_node(P, RE_N_GROUP);
            if (!n)
                return NULL;
            n->u.group.index = idx;
        } else if (c == ':') {
            P->pos += 2;
            n = new_node(P, RE_N_GROUP);
            if (!n)
                return NULL;
        } else {
            /* modifiers (?ims-ims:...) */
            uint8_t add = 0, rem = 0, *cur = &add;
            bool dash = false;
            P->pos++;
            for (;;) {
                int m = peek(P);
                uint8_t bit = m == 'i' ? RE_F_ICASE : m == 'm' ? RE_F_MULTILINE : m == 's' ? RE_F_DOTALL : 0;
                if (bit) {
                    if ((add | rem) & bit)
                        return perr(P, "repeated flag in modifiers");
                    *cur |= bit;
                    P->pos++;
                } else if (m == '-' && !dash) {
                    dash = true;
                    cur = &rem;
                    P->pos++;
                } else if (m == ':') {
                    P->pos++;
                    break;
                } else {
                    return perr(P, "invalid group");
                }
            }
            if (dash && !add && !rem)
                return perr(P, "invalid group modifiers");
            P->mods = (uint8_t)((P->mods | add) & ~rem);
            n = new_node(P, RE_N_GROUP);
            if (!n)
                return NULL;
        }
    } else {
        int idx = ++P->ncap;
        if (idx > P->ncap_total)
            return perr(P, "invalid group");
        P->group_alt[idx] = P->cur_alt;
        n = new_node(P, RE_N_GROUP);
        if (!n)
            return NULL;
        n->u.group.index = idx;
    }
    body = parse_disjunction(P);
    if (!body)
        return NULL;
    if (peek(P) != ')')
        return perr(P, "unterminated group");
    P->pos++;
    P->mods = save_mods;
    n->u.group.body = body;
    P->depth--;
    return n;
}

static ReNode *parse_term(ReParser *P, int first_cap)
{
    int c = peek(P);
    ReNode *atom, *q;
    uint32_t min, max;
    bool quantifiable = true;
    switch (c) {
    case '^':
    case '$':
        P->pos++;
        atom = new_node(P, c == '^' ? RE_N_BOL : RE_N_EOL);
        if (atom)
            atom->flags = P->mods & RE_F_MULTILINE;
        quantifiable = false;
        break;
    case '\\':
        if (peek_at(P, 1) == 'b' || peek_at(P, 1) == 'B') {
            atom = new_node(P, peek_at(P, 1) == 'b' ? RE_N_WORDB : RE_N_NWORDB);
            P->pos += 2;
            if (atom)
                atom->flags = P->u ? (P->mods & RE_F_ICASE) : 0;
            quantifiable = false;
            break;
        }
        atom = parse_atom(P);
        break;
    case '(':
        atom = parse_atom(P);
        if (atom && atom->type == RE_N_LOOK)
            quantifiable = !P->u && !atom->u.look.behind;   /* B.1.2 QuantifiableAssertion */
        break;
    default:
        atom = parse_atom(P);
        break;
    }
    if (!atom)
        return NULL;
    c = peek(P);
    if (c == '*') {
        min = 0, max = RE_INF;
    } else if (c == '+') {
        min = 1, max = RE_INF;
    } else if (c == '?') {
        min = 0, max = 1;
    } else if (c == '{' && parse_braces(P, &min, &max, false)) {
        ;
    } else {
        if (c == '{' && P->u)
            return perr(P, "incomplete quantifier");
        return atom;
    }
    if (!quantifiable)
        return perr(P, "nothing to repeat");
    if (c == '{') {
        parse_braces(P, &min, &max, true);
        if (min > max)
            return perr(P, "numbers out of order in {} quantifier");
    } else {
        P->pos++;
    }
    q = new_node(P, RE_N_QUANT);
    if (!q)
        return NULL;
    q->u.quant.min = min;
    q->u.quant.max = max;
    q->u.quant.greedy = true;
    if (peek(P) == '?') {
        q->u.quant.greedy = false;
        P->pos++;
    }
    q->u.quant.body = atom;
    q->u.quant.cap_first = first_cap;
    q->u.quant.cap_end = P->ncap + 1;
    return q;
}

static int push_alt(ReParser *P, int disj, int index)
{
    if (P->nalts == P->cap_alts) {
        int ncap = P->cap_alts ? P->cap_alts * 2 : 16;
        AltRec *a = wf_re_arena_alloc(P->ar, (size_t)ncap * sizeof(AltRec));
        if (!a)
            return poom(P), -1;
        if (P->nalts)
            memcpy(a, P->alts, (size_t)P->nalts * sizeof(AltRec));
        P->alts = a;
        P->cap_alts = ncap;
    }
    AltRec *r = &P->alts[P->nalts];
    r->parent = P->cur_alt;
    r->disj = disj;
    r->index = index;
    r->depth = P->cur_alt >= 0 ? P->alts[P->cur_alt].depth + 1 : 0;
    P->cur_alt = P->nalts++;
    return 0;
}

typedef struct NodeVec {
    ReNode **v;
    uint32_t n, cap;
} NodeVec;

static int vec_push(ReParser *P, NodeVec *vec, ReNode *x)
{
    if (vec->n == vec->cap) {
        uint32_t ncap = vec->cap ? vec->cap * 2 : 8;
        ReNode **v = wf_re_arena_alloc(P->ar, ncap * sizeof(ReNode *));
        if (!v)
            return poom(P), -1;
        if (vec->n)
            memcpy(v, vec->v, vec->n * sizeof(ReNode *));
        vec->v = v;
        vec->cap = ncap;
    }
    vec->v[vec->n++] = x;
    return 0;
}

static ReNode *parse_alternative(ReParser *P)
{
    NodeVec items = { 0 };
    ReNode *seq;
    while (peek(P) >= 0 && peek(P) != '|' && peek(P) != ')') {
        ReNode *t = parse_term(P, P->ncap + 1);
        if (!t || vec_push(P, &items, t))
            return NULL;
    }
    if (items.n == 1)
        return items.v[0];
    seq = new_node(P, items.n ? RE_N_SEQ : RE_N_EMPTY);
    if (!seq)
        return NULL;
    seq->u.list.items = items.v;
    seq->u.list.n = items.n;
    return seq;
}

static ReNode *parse_disjunction(ReParser *P)
{
    NodeVec alts = { 0 };
    int disj = P->ndisj++, saved = P->cur_alt;
    ReNode *n;
    for (int i = 0;; i++) {
        if (push_alt(P, disj, i))
            return NULL;
        ReNode *a = parse_alternative(P);
        P->cur_alt = saved;
        if (!a || vec_push(P, &alts, a))
            return NULL;
        if (peek(P) != '|')
            break;
        P->pos++;
    }
    if (alts.n == 1)
        return alts.v[0];
    n = new_node(P, RE_N_ALT);
    if (!n)
        return NULL;
    n->u.list.items = alts.v;
    n->u.list.n = alts.n;
    return n;
}

/* Counts capture groups and notes named groups (a first pass, needed for
   \N and \k before the groups they refer to). */
static void prescan(ReParser *P, int *ncap, bool *has_names)
{
    int depth = 0;          /* class nesting (v) */
    *ncap = 0;
    *has_names = false;
    for (size_t i = 0; i < P->len; i++) {
        uint16_t c = P->p[i];
        if (c == '\\') {
            i++;
            continue;
        }
        if (depth > 0) {
            if (c == ']')
                depth--;
            else if (c == '[' && P->v)
                depth++;
            continue;
        }
        if (c == '[') {
            depth = 1;
        } else if (c == '(') {
            if (i + 1 < P->len && P->p[i + 1] == '?') {
                if (i + 3 < P->len && P->p[i + 2] == '<' && P->p[i + 3] != '=' && P->p[i + 3] != '!') {
                    (*ncap)++;
                    *has_names = true;
                }
            } else {
                (*ncap)++;
            }
        }
    }
}

int wf_re_parse(ReArena *ar, const uint16_t *pattern, size_t len, int flags, ReAst *ast,
                char *err, size_t errlen)
{
    ReParser P;
    bool has_names;
    memset(&P, 0, sizeof(P));
    P.ar = ar;
    P.p = pattern;
    P.len = len;
    P.u = (flags & (WF_RE_FLAG_UNICODE | WF_RE_FLAG_UNICODESETS)) != 0;
    P.v = (flags & WF_RE_FLAG_UNICODESETS) != 0;
    P.mods = (uint8_t)(((flags & WF_RE_FLAG_IGNORECASE) ? RE_F_ICASE : 0) |
                       ((flags & WF_RE_FLAG_MULTILINE) ? RE_F_MULTILINE : 0) |
                       ((flags & WF_RE_FLAG_DOTALL) ? RE_F_DOTALL : 0));
    P.err = err;
    P.errlen = errlen;
    P.cur_alt = -1;
    prescan(&P, &P.ncap_total, &has_names);
    if (P.ncap_total > 65000)
        return perr(&P, "too many capture groups"), -1;
    P.named = P.u || has_names;
    P.names = wf_re_arena_alloc(ar, (size_t)(P.ncap_total + 1) * sizeof(ReGroupName));
    P.group_alt = wf_re_arena_alloc(ar, (size_t)(P.ncap_total + 1) * sizeof(int));
    if (!P.names || !P.group_alt)
        return poom(&P), -1;
    memset(P.names, 0, (size_t)(P.ncap_total + 1) * sizeof(ReGroupName));
    ReNode *root = parse_disjunction(&P);
    if (!root)
        return -1;
    if (P.pos < P.len) {
        /* only ')' stops a top-level disjunction early */
        perr(&P, "unmatched ')'");
        return -1;
    }
    /* resolve \k<name> */
    for (int i = 0; i < P.nrefs; i++) {
        ReNode *r = P.named_refs[i];
        uint32_t buf[256];
        size_t n = 0, ulen;
        ReParser Q = P;
        Q.p = r->u.ref.name;
        Q.len = r->u.ref.name_len + 1;   /* include the '>' */
        Q.pos = 0;
        if (parse_group_name(&Q, buf, 256, &n))
            return -1;
        char *u8 = to_utf8(&P, buf, n, &ulen);
        if (!u8)
            return -1;
        int count = 0;
        for (int g = 1; g <= P.ncap_total; g++)
            if (P.names[g].utf8 && P.names[g].len == ulen && memcmp(P.names[g].utf8, u8, ulen) == 0)
                count++;
        if (!count)
            return perr(&P, "invalid named capture referenced"), -1;
        r->u.ref.groups = wf_re_arena_alloc(ar, (size_t)count * sizeof(int));
        if (!r->u.ref.groups)
            return poom(&P), -1;
        for (int g = 1; g <= P.ncap_total; g++)
            if (P.names[g].utf8 && P.names[g].len == ulen && memcmp(P.names[g].utf8, u8, ulen) == 0)
                r->u.ref.groups[r->u.ref.n++] = g;
    }
    ast->root = root;
    ast->ncaptures = P.ncap_total + 1;
    ast->names = P.names;
    ast->has_names = has_names;
    return 0;
}
