/*
 * re_compile.c - turns the syntax tree of a pattern into the matcher's
 * bytecode (format in re_int.h), following the matcher semantics of
 * ECMA-262 22.2.2 (direction of lookbehind, RepeatMatcher's capture reset
 * and empty check, class strings longest first); also the public entry
 * points wf_regexp_compile / validate / parse_flags and the bytecode
 * accessors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/regexp/re_int.h"
#include "engine/unicode/unicode.h"

typedef struct ReComp {
    const WFRegexpAlloc *a;
    uint8_t *buf;
    size_t len, cap;
    bool oom;
    bool u;
    int nregs;
    int depth;
} ReComp;

/* ------------------------------------------------------------ buffer */

static void grow(ReComp *C, size_t n)
{
    if (C->oom || C->len + n <= C->cap)
        return;
    size_t ncap = C->cap ? C->cap * 2 : 256;
    while (ncap < C->len + n)
        ncap *= 2;
    uint8_t *b = C->a->realloc(C->a->opaque, C->buf, ncap);
    if (!b) {
        C->oom = true;
        return;
    }
    C->buf = b;
    C->cap = ncap;
}

static void emit_u8(ReComp *C, uint32_t v)
{
    grow(C, 1);
    if (!C->oom)
        C->buf[C->len++] = (uint8_t)v;
}

static void emit_u16(ReComp *C, uint32_t v)
{
    emit_u8(C, v & 0xFF);
    emit_u8(C, (v >> 8) & 0xFF);
}

static void emit_u32(ReComp *C, uint32_t v)
{
    grow(C, 4);
    if (C->oom)
        return;
    for (int i = 0; i < 4; i++)
        C->buf[C->len++] = (uint8_t)(v >> (8 * i));
}

static void put_u32(ReComp *C, size_t at, uint32_t v)
{
    if (C->oom)
        return;
    for (int i = 0; i < 4; i++)
        C->buf[at + (size_t)i] = (uint8_t)(v >> (8 * i));
}

/* emits an instruction with a 32-bit offset operand to be patched;
   returns the position of the operand */
static size_t emit_jump(ReComp *C, int op)
{
    emit_u8(C, (uint32_t)op);
    size_t at = C->len;
    emit_u32(C, 0);
    return at;
}

/* patches the offset at `at` (operand end = at + 4) to point to `target` */
static void patch(ReComp *C, size_t at, size_t target)
{
    put_u32(C, at, (uint32_t)(int32_t)((long)target - (long)(at + 4)));
}

/* ------------------------------------------------------------ analysis */

static uint32_t sat_add(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/* minimum number of code units a node consumes */
static uint32_t min_len(const ReNode *n)
{
    uint32_t m, x;
    switch (n->type) {
    case RE_N_CHAR:
    case RE_N_ANY:
        return 1;
    case RE_N_CLASS:
        m = 1;
        for (uint32_t i = 0; i < n->u.cls.nstr; i++)
            if (n->u.cls.str[i].n < m)
                m = n->u.cls.str[i].n;
        return m;
    case RE_N_GROUP:
        return min_len(n->u.group.body);
    case RE_N_SEQ:
        m = 0;
        for (uint32_t i = 0; i < n->u.list.n; i++)
            m = sat_add(m, min_len(n->u.list.items[i]));
        return m;
    case RE_N_ALT:
        m = UINT32_MAX;
        for (uint32_t i = 0; i < n->u.list.n; i++)
            if ((x = min_len(n->u.list.items[i])) < m)
                m = x;
        return m;
    case RE_N_QUANT:
        x = min_len(n->u.quant.body);
        if (n->u.quant.min == 0 || x == 0)
            return 0;
        return x > UINT32_MAX / n->u.quant.min ? UINT32_MAX : x * n->u.quant.min;
    default:
        return 0;
    }
}

static bool is_simple(const ReNode *n)
{
    return n->type == RE_N_CHAR || n->type == RE_N_ANY ||
           (n->type == RE_N_CLASS && n->u.cls.nstr == 0);
}

/* ------------------------------------------------------------ emission */

static int emit_node(ReComp *C, const ReNode *n, bool back);

static void emit_char(ReComp *C, uint32_t c, bool icase, bool back)
{
    uint32_t b = back ? RE_OP_BACK : 0;
    if (icase) {
        emit_u8(C, RE_OP_CHAR_I | b);
        emit_u32(C, wf_unicode_canonicalize(c, C->u));
    } else {
        emit_u8(C, RE_OP_CHAR | b);
        emit_u32(C, c);
    }
}

static void emit_set(ReComp *C, const ReCharSet *cs, bool invert, bool icase, bool back)
{
    int op;
    if (!invert && !icase && cs->n == 1 && cs->r[0] == cs->r[1]) {
        emit_char(C, cs->r[0], false, back);
        return;
    }
    op = icase ? (invert ? RE_OP_NCLASS_I : RE_OP_CLASS_I) : (invert ? RE_OP_NCLASS : RE_OP_CLASS);
    emit_u8(C, (uint32_t)op | (back ? RE_OP_BACK : 0));
    emit_u32(C, (uint32_t)cs->n);
    {
        /* Latin-1 bitmap: bit c says whether c (Canonicalize(c) with i)
           lies in the ranges, before any inversion */
        uint8_t bm[RE_CLASS_BITMAP];
        memset(bm, 0, sizeof(bm));
        for (uint32_t c = 0; c < 256; c++) {
            uint32_t k = icase ? wf_unicode_canonicalize(c, C->u) : c;
            for (size_t i = 0; i < cs->n && k >= cs->r[2 * i]; i++) {   /* sorted */
                if (k <= cs->r[2 * i + 1]) {
                    bm[c >> 3] |= (uint8_t)(1u << (c & 7));
                    break;
                }
            }
        }
        for (size_t i = 0; i < sizeof(bm); i++)
            emit_u8(C, bm[i]);
    }
    for (size_t i = 0; i < 2 * cs->n; i++)
        emit_u32(C, cs->r[i]);
}

static int cmp_strlen_desc(const void *a, const void *b)
{
    const ReString *x = a, *y = b;
    return x->n > y->n ? -1 : x->n < y->n;
}

static int emit_class(ReComp *C, const ReNode *n, bool back)
{
    bool icase = (n->flags & RE_F_ICASE) != 0;
    if (n->u.cls.nstr == 0) {
        emit_set(C, &n->u.cls.set, n->u.cls.invert, icase, back);
        return 0;
    }
    /* v mode with strings: the longest strings first, then the characters
       (22.2.2.9 CompileAtom for a ClassSetExpression) */
    ReString *s = n->u.cls.str;
    uint32_t ns = n->u.cls.nstr;
    size_t *fix = C->a->realloc(C->a->opaque, NULL, (ns + 1) * sizeof(size_t));
    if (!fix) {
        C->oom = true;
        return -1;
    }
    qsort(s, ns, sizeof(ReString), cmp_strlen_desc);
    uint32_t nfix = 0;
    bool has_empty = ns > 0 && s[ns - 1].n == 0;
    uint32_t nonempty = has_empty ? ns - 1 : ns;
    for (uint32_t i = 0; i < nonempty; i++) {
        size_t split = emit_jump(C, RE_OP_SPLIT_NEXT);
        for (uint32_t k = 0; k < s[i].n; k++)
            emit_char(C, s[i].c[back ? s[i].n - 1 - k : k], icase, back);
        fix[nfix++] = emit_jump(C, RE_OP_JUMP);
        patch(C, split, C->len);
    }
    if (n->u.cls.set.n) {
        if (has_empty) {
            size_t split = emit_jump(C, RE_OP_SPLIT_NEXT);
            emit_set(C, &n->u.cls.set, false, icase, back);
            fix[nfix++] = emit_jump(C, RE_OP_JUMP);
            patch(C, split, C->len);
        } else {
            emit_set(C, &n->u.cls.set, false, icase, back);
        }
    } else if (!has_empty) {
        emit_u8(C, RE_OP_FAIL);
    }
    for (uint32_t i = 0; i < nfix; i++)
        patch(C, fix[i], C->len);
    C->a->realloc(C->a->opaque, fix, 0);
    return 0;
}

static int emit_quant(ReComp *C, const ReNode *n, bool back)
{
    const ReNode *body = n->u.quant.body;
    uint32_t min = n->u.quant.min, max = n->u.quant.max;
    bool greedy = n->u.quant.greedy;
    bool caps = n->u.quant.cap_first < n->u.quant.cap_end;
    bool empty = min_len(body) == 0;

    if (max == 0)
        return 0;
    if (min == 1 && max == 1)
        return emit_node(C, body, back);
    if (is_simple(body)) {
        emit_u8(C, RE_OP_STAR);
        emit_u32(C, min);
        emit_u32(C, max);
        emit_u8(C, greedy);
        size_t at = C->len;
        emit_u32(C, 0);
        size_t start = C->len;
        if (emit_node(C, body, back))
            return -1;
        put_u32(C, at, (uint32_t)(C->len - start));
        return 0;
    }
    if (min == 0 && (max == 1 || max == RE_INF)) {
        /* x? and x*: no counter needed */
        int posreg = empty ? C->nregs++ : -1;
        size_t head = C->len;
        size_t split = emit_jump(C, greedy ? RE_OP_SPLIT_NEXT : RE_OP_SPLIT_JUMP);
        if (posreg >= 0) {
            emit_u8(C, RE_OP_SET_POS);
            emit_u16(C, (uint32_t)posreg);
        }
        if (caps) {
            emit_u8(C, RE_OP_RESET);
            emit_u16(C, (uint32_t)n->u.quant.cap_first);
            emit_u16(C, (uint32_t)n->u.quant.cap_end);
        }
        if (emit_node(C, body, back))
            return -1;
        if (posreg >= 0) {
            emit_u8(C, RE_OP_CHECK_ADV);
            emit_u16(C, (uint32_t)posreg);
        }
        if (max == RE_INF) {
            size_t j = emit_jump(C, RE_OP_JUMP);
            patch(C, j, head);
        }
        patch(C, split, C->len);
        return 0;
    }
    /* general counted loop */
    int reg = C->nregs++;
    int posreg = empty ? C->nregs++ : -1;
    emit_u8(C, RE_OP_LOOP_INIT);
    emit_u16(C, (uint32_t)reg);
    size_t head = C->len;
    emit_u8(C, RE_OP_LOOP);
    emit_u16(C, (uint32_t)reg);
    emit_u32(C, min);
    emit_u32(C, max);
    emit_u8(C, greedy);
    size_t exit_at = C->len;
    emit_u32(C, 0);
    if (posreg >= 0) {
        emit_u8(C, RE_OP_SET_POS);
        emit_u16(C, (uint32_t)posreg);
    }
    if (caps) {
        emit_u8(C, RE_OP_RESET);
        emit_u16(C, (uint32_t)n->u.quant.cap_first);
        emit_u16(C, (uint32_t)n->u.quant.cap_end);
    }
    if (emit_node(C, body, back))
        return -1;
    emit_u8(C, RE_OP_LOOP_NEXT);
    emit_u16(C, (uint32_t)reg);
    emit_u16(C, posreg >= 0 ? (uint32_t)posreg : 0xFFFF);
    emit_u32(C, min);
    size_t h = C->len;
    emit_u32(C, 0);
    patch(C, h, head);
    patch(C, exit_at, C->len);
    return 0;
}

static int emit_node(ReComp *C, const ReNode *n, bool back)
{
    uint32_t b = back ? RE_OP_BACK : 0;
    if (C->oom)
        return -1;
    switch (n->type) {
    case RE_N_EMPTY:
        return 0;
    case RE_N_CHAR:
        emit_char(C, n->u.c, (n->flags & RE_F_ICASE) != 0, back);
        return 0;
    case RE_N_CLASS:
        return emit_class(C, n, back);
    case RE_N_ANY:
        emit_u8(C, (n->flags & RE_F_DOTALL ? RE_OP_ANY_ALL : RE_OP_ANY) | b);
        return 0;
    case RE_N_BOL:
        emit_u8(C, n->flags & RE_F_MULTILINE ? RE_OP_BOL_M : RE_OP_BOL);
        return 0;
    case RE_N_EOL:
        emit_u8(C, n->flags & RE_F_MULTILINE ? RE_OP_EOL_M : RE_OP_EOL);
        return 0;
    case RE_N_WORDB:
        emit_u8(C, n->flags & RE_F_ICASE ? RE_OP_WORDB_UI : RE_OP_WORDB);
        return 0;
    case RE_N_NWORDB:
        emit_u8(C, n->flags & RE_F_ICASE ? RE_OP_NWORDB_UI : RE_OP_NWORDB);
        return 0;
    case RE_N_GROUP: {
        int idx = n->u.group.index;
        if (idx) {
            emit_u8(C, RE_OP_SAVE);
            emit_u16(C, (uint32_t)(2 * idx + (back ? 1 : 0)));
        }
        if (emit_node(C, n->u.group.body, back))
            return -1;
        if (idx) {
            emit_u8(C, RE_OP_SAVE);
            emit_u16(C, (uint32_t)(2 * idx + (back ? 0 : 1)));
        }
        return 0;
    }
    case RE_N_SEQ:
        for (uint32_t i = 0; i < n->u.list.n; i++)
            if (emit_node(C, n->u.list.items[back ? n->u.list.n - 1 - i : i], back))
                return -1;
        return 0;
    case RE_N_ALT: {
        size_t *fix = C->a->realloc(C->a->opaque, NULL, n->u.list.n * sizeof(size_t));
        if (!fix) {
            C->oom = true;
            return -1;
        }
        for (uint32_t i = 0; i < n->u.list.n; i++) {
            size_t split = 0;
            if (i + 1 < n->u.list.n)
                split = emit_jump(C, RE_OP_SPLIT_NEXT);
            if (emit_node(C, n->u.list.items[i], back)) {
                C->a->realloc(C->a->opaque, fix, 0);
                return -1;
            }
            if (i + 1 < n->u.list.n) {
                fix[i] = emit_jump(C, RE_OP_JUMP);
                patch(C, split, C->len);
            }
        }
        for (uint32_t i = 0; i + 1 < n->u.list.n; i++)
            patch(C, fix[i], C->len);
        C->a->realloc(C->a->opaque, fix, 0);
        return 0;
    }
    case RE_N_QUANT:
        return emit_quant(C, n, back);
    case RE_N_BACKREF:
        emit_u8(C, (n->flags & RE_F_ICASE ? RE_OP_BACKREF_I : RE_OP_BACKREF) | b);
        emit_u16(C, n->u.ref.n);
        for (uint32_t i = 0; i < n->u.ref.n; i++)
            emit_u16(C, (uint32_t)n->u.ref.groups[i]);
        return 0;
    case RE_N_LOOK: {
        emit_u8(C, RE_OP_LOOK);
        emit_u8(C, (n->u.look.negative ? 1u : 0u) | (n->u.look.behind ? 2u : 0u));
        size_t at = C->len;
        emit_u32(C, 0);
        if (emit_node(C, n->u.look.body, n->u.look.behind))
            return -1;
        emit_u8(C, RE_OP_LOOK_END);
        patch(C, at, C->len);
        return 0;
    }
    default:
        return -1;
    }
}

/* The code units a match can start with: up to 3, *n = 0 if unknown. */
static void first_units(const ReNode *n, bool u, uint16_t out[3], int *cnt)
{
    *cnt = 0;
    switch (n->type) {
    case RE_N_CHAR: {
        uint32_t c = n->u.c;
        uint16_t unit = (uint16_t)(c > 0xFFFF ? 0xD800 + ((c - 0x10000) >> 10) : c);
        if (!(n->flags & RE_F_ICASE)) {
            out[(*cnt)++] = unit;
            return;
        }
        /* i: the ASCII letters and their few non-ASCII equivalents */
        c = wf_unicode_canonicalize(c, u);
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return;
        out[(*cnt)++] = (uint16_t)(c | 0x20);
        out[(*cnt)++] = (uint16_t)(c & ~0x20u);
        if (u && (c | 0x20) == 's')
            out[(*cnt)++] = 0x17F;
        else if (u && (c | 0x20) == 'k')
            out[(*cnt)++] = 0x212A;
        return;
    }
    case RE_N_GROUP:
        first_units(n->u.group.body, u, out, cnt);
        return;
    case RE_N_ALT: {
        /* the union over the alternatives, if every one is known */
        int k = 0;
        for (uint32_t i = 0; i < n->u.list.n; i++) {
            uint16_t o[3];
            int c;
            first_units(n->u.list.items[i], u, o, &c);
            if (c == 0)
                return;
            for (int j = 0; j < c; j++) {
                int seen = 0;
                for (int m = 0; m < k; m++)
                    seen |= out[m] == o[j];
                if (seen)
                    continue;
                if (k == 3)
                    return;
                out[k++] = o[j];
            }
        }
        *cnt = k;
        return;
    }
    case RE_N_QUANT:
        if (n->u.quant.min >= 1)
            first_units(n->u.quant.body, u, out, cnt);
        return;
    case RE_N_SEQ:
        for (uint32_t i = 0; i < n->u.list.n; i++) {
            const ReNode *x = n->u.list.items[i];
            if (x->type == RE_N_BOL || x->type == RE_N_EOL || x->type == RE_N_WORDB ||
                x->type == RE_N_NWORDB || x->type == RE_N_LOOK)
                continue;
            first_units(x, u, out, cnt);
            return;
        }
        return;
    default:
        return;
    }
}

/* the node every match starts with that matches one character, or NULL */
static const ReNode *first_char_node(const ReNode *n)
{
    switch (n->type) {
    case RE_N_CHAR:
        return n;
    case RE_N_CLASS:
        return n->u.cls.nstr == 0 ? n : NULL;
    case RE_N_GROUP:
        return first_char_node(n->u.group.body);
    case RE_N_QUANT:
        return n->u.quant.min >= 1 ? first_char_node(n->u.quant.body) : NULL;
    case RE_N_SEQ:
        for (uint32_t i = 0; i < n->u.list.n; i++) {
            const ReNode *x = n->u.list.items[i];
            if (x->type == RE_N_BOL || x->type == RE_N_EOL || x->type == RE_N_WORDB ||
                x->type == RE_N_NWORDB || x->type == RE_N_LOOK)
                continue;
            return first_char_node(x);
        }
        return NULL;
    default:
        return NULL;
    }
}

static bool anchored(const ReNode *n)
{
    switch (n->type) {
    case RE_N_BOL:
        return !(n->flags & RE_F_MULTILINE);
    case RE_N_GROUP:
        return anchored(n->u.group.body);
    case RE_N_SEQ:
        return n->u.list.n > 0 && anchored(n->u.list.items[0]);
    case RE_N_ALT:
        for (uint32_t i = 0; i < n->u.list.n; i++)
            if (!anchored(n->u.list.items[i]))
                return false;
        return true;
    default:
        return false;
    }
}

/* ------------------------------------------------------------ public */

int wf_regexp_parse_flags(const void *s, size_t len, bool wide)
{
    static const char letters[] = "gimsuydv";
    int flags = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = wide ? ((const uint16_t *)s)[i] : ((const uint8_t *)s)[i];
        const char *p = c && c < 128 ? strchr(letters, (int)c) : NULL;
        if (!p)
            return -1;
        int bit = 1 << (p - letters);
        if (flags & bit)
            return -1;
        flags |= bit;
    }
    if ((flags & WF_RE_FLAG_UNICODE) && (flags & WF_RE_FLAG_UNICODESETS))
        return -1;
    return flags;
}

/* pattern text -> UTF-16 units (from the allocator) */
static uint16_t *to_utf16(const WFRegexpAlloc *a, const void *pat, size_t len, int enc, size_t *out_len)
{
    uint16_t *u = a->realloc(a->opaque, NULL, (len ? len : 1) * sizeof(uint16_t));
    size_t n = 0;
    if (!u)
        return NULL;
    if (enc == WF_RE_PAT_UTF16) {
        if (len)
            memcpy(u, pat, len * sizeof(uint16_t));
        n = len;
    } else if (enc == WF_RE_PAT_LATIN1) {
        for (size_t i = 0; i < len; i++)
            u[i] = ((const uint8_t *)pat)[i];
        n = len;
    } else {
        const uint8_t *s = pat;
        for (size_t i = 0; i < len;) {
            uint32_t c = s[i], need = 0;
            if (c < 0x80) {
                need = 0;
            } else if ((c & 0xE0) == 0xC0) {
                c &= 0x1F;
                need = 1;
            } else if ((c & 0xF0) == 0xE0) {
                c &= 0x0F;
                need = 2;
            } else if ((c & 0xF8) == 0xF0) {
                c &= 0x07;
                need = 3;
            } else {
                c = 0xFFFD;
            }
            i++;
            for (uint32_t k = 0; k < need && i < len && (s[i] & 0xC0) == 0x80; k++, i++)
                c = (c << 6) | (s[i] & 0x3F);
            if (c > 0xFFFF) {
                u[n++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
                u[n++] = (uint16_t)(0xDC00 + ((c - 0x10000) & 0x3FF));
            } else {
                u[n++] = (uint16_t)c;
            }
        }
    }
    *out_len = n;
    return u;
}

int wf_regexp_compile(const WFRegexpAlloc *alloc, const void *pattern, size_t len,
                      int pattern_enc, int flags, uint8_t **pbytecode, size_t *plen,
                      char *err, size_t errlen)
{
    _Alignas(max_align_t) unsigned char local[3072];
    ReArena ar = { alloc, NULL, false, local, sizeof(local), 0 };
    ReAst ast;
    ReComp C;
    size_t ulen = 0;
    int ret = -1;
    uint16_t *pat;

    *pbytecode = NULL;
    *plen = 0;
    if (errlen)
        err[0] = 0;
    if (pattern_enc == WF_RE_PAT_UTF16) {
        pat = (uint16_t *)pattern;      /* parsed in place */
        ulen = len;
    } else {
        pat = to_utf16(alloc, pattern, len, pattern_enc, &ulen);
    }
    if (!pat && len) {
        snprintf(err, errlen, "out of memory");
        return -2;
    }
    memset(&C, 0, sizeof(C));
    C.a = alloc;
    C.u = (flags & (WF_RE_FLAG_UNICODE | WF_RE_FLAG_UNICODESETS)) != 0;
    if (wf_re_parse(&ar, pat, ulen, flags, &ast, err, errlen)) {
        ret = ar.oom ? -2 : -1;
        goto done;
    }
    grow(&C, RE_HDR_SIZE);
    if (!C.oom) {
        memset(C.buf, 0, RE_HDR_SIZE);
        C.len = RE_HDR_SIZE;
    }
    /* group 0 */
    emit_u8(&C, RE_OP_SAVE);
    emit_u16(&C, 0);
    emit_node(&C, ast.root, false);
    emit_u8(&C, RE_OP_SAVE);
    emit_u16(&C, 1);
    emit_u8(&C, RE_OP_MATCH);
    size_t code_len = C.len - RE_HDR_SIZE, names_off = 0, filter_off = 0;
    {
        const ReNode *fc = first_char_node(ast.root);
        if (fc) {
            filter_off = C.len;
            if (emit_node(&C, fc, false))
                filter_off = 0;
        }
    }
    if (ast.has_names) {
        names_off = C.len;
        for (int g = 1; g < ast.ncaptures; g++) {
            const ReGroupName *nm = &ast.names[g];
            size_t l = nm->utf8 ? nm->len : 0;
            emit_u16(&C, (uint32_t)l);
            for (size_t i = 0; i < l; i++)
                emit_u8(&C, (uint8_t)nm->utf8[i]);
            emit_u8(&C, 0);
        }
    }
    if (C.oom || C.len > 0x7FFFFFF0 || C.nregs > 0xFFFE) {
        snprintf(err, errlen, C.oom ? "out of memory" : "regular expression too large");
        ret = C.oom ? -2 : -1;
        goto done;
    }
    C.buf[0] = (uint8_t)flags;
    C.buf[1] = (uint8_t)(flags >> 8);
    C.buf[2] = (uint8_t)ast.ncaptures;
    C.buf[3] = (uint8_t)(ast.ncaptures >> 8);
    put_u32(&C, 4, (uint32_t)C.nregs);
    put_u32(&C, 8, (uint32_t)code_len);
    put_u32(&C, 12, (uint32_t)names_off);
    put_u32(&C, 24, (uint32_t)filter_off);
    {
        uint16_t fu[3] = { 0, 0, 0 };
        int nf;
        first_units(ast.root, C.u, fu, &nf);
        C.buf[16] = (uint8_t)fu[0];
        C.buf[17] = (uint8_t)(fu[0] >> 8);
        C.buf[18] = (uint8_t)fu[1];
        C.buf[19] = (uint8_t)(fu[1] >> 8);
        C.buf[21] = (uint8_t)nf;
        C.buf[22] = (uint8_t)fu[2];
        C.buf[23] = (uint8_t)(fu[2] >> 8);
    }
    C.buf[20] = anchored(ast.root);
    *pbytecode = C.buf;
    *plen = C.len;
    C.buf = NULL;
    ret = 0;
done:
    if (C.buf)
        alloc->realloc(alloc->opaque, C.buf, 0);
    wf_re_arena_free(&ar);
    if (pattern_enc != WF_RE_PAT_UTF16)
        alloc->realloc(alloc->opaque, pat, 0);
    return ret;
}

bool wf_regexp_validate(void *re_opaque, const char *pattern, size_t len,
                        const char *flags, size_t flags_len, char *msg, size_t msg_size)
{
    const WFRegexpAlloc *a = re_opaque;
    uint8_t *bc;
    size_t bl;
    int f = wf_regexp_parse_flags(flags, flags_len, false);
    if (f < 0) {
        snprintf(msg, msg_size, "invalid regular expression flags");
        return false;
    }
    int r = wf_regexp_compile(a, pattern, len, WF_RE_PAT_UTF8, f, &bc, &bl, msg, msg_size);
    if (r == 0) {
        a->realloc(a->opaque, bc, 0);
        return true;
    }
    return r == -2;          /* out of memory is not a syntax error */
}

int wf_regexp_flags(const uint8_t *bc)
{
    return re_get_u16(bc);
}

int wf_regexp_capture_count(const uint8_t *bc)
{
    return re_get_u16(bc + 2);
}

bool wf_regexp_has_named_groups(const uint8_t *bc)
{
    return re_get_u32(bc + 12) != 0;
}

const char *wf_regexp_group_name(const uint8_t *bc, int group, size_t *len)
{
    uint32_t off = re_get_u32(bc + 12);
    int n = wf_regexp_capture_count(bc);
    if (!off || group < 1 || group >= n)
        return NULL;
    const uint8_t *p = bc + off;
    for (int g = 1; g < group; g++)
        p += 2 + re_get_u16(p) + 1;
    *len = re_get_u16(p);
    return *len ? (const char *)p + 2 : NULL;
}
