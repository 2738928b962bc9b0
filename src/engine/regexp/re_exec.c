/*
 * re_exec.c - the backtracking matcher (ECMA-262 22.2.2 semantics) over
 * Latin-1 or UTF-16 subjects; bytecode format in re_int.h.
 *
 * All backtracking state lives on an explicit stack of 12-byte entries:
 * choice points (resume at pc with pos), undo records for captures and
 * registers (so a failed path restores them), lookaround markers, and the
 * compact entries of simple-atom loops (one entry for a whole run of a
 * greedy x*, however long).  The stack starts on the C stack and grows
 * through the caller's allocator up to a limit; the matcher itself never
 * recurses.  The interrupt callback runs every RE_CHECK_STEPS steps.
 *
 * A lookaround is atomic: when its body succeeds, the entries above its
 * marker are dropped except the undo records (a positive lookaround keeps
 * its captures, which a later failure must still undo); when backtracking
 * reaches the marker, the body has failed.
 */
#include <string.h>

#include "engine/regexp/re_int.h"
#include "engine/unicode/unicode.h"

#define RE_CHECK_STEPS 0x3FFF
#define RE_DEFAULT_LIMIT ((size_t)256 << 20)

enum { BT_CHOICE, BT_CAP, BT_REG, BT_LOOK, BT_STAR, BT_LAZY };

typedef struct BT {
    uint32_t k;          /* (pc offset << 3) | BT_* (or BT_* for undo records) */
    int32_t a, b;
} BT;

typedef struct Exec {
    const uint8_t *code;
    const uint8_t *s8;
    const uint16_t *s16;
    uint32_t len;
    bool wide, unicode;
    int32_t *caps;
    int ncap2;
    int32_t *regs;
    BT *st;
    size_t sp, cap, max_entries;
    bool st_heap;
    WFRegexpExecCtx *ectx;
    uint32_t steps;
} Exec;

static inline bool is_hi(uint32_t c) { return c >= 0xD800 && c <= 0xDBFF; }
static inline bool is_lo(uint32_t c) { return c >= 0xDC00 && c <= 0xDFFF; }

static inline uint32_t unit(const Exec *E, uint32_t i)
{
    return E->wide ? E->s16[i] : E->s8[i];
}

/* the character at pos going forward (pos < len); *np = the next pos */
static inline uint32_t get_fwd(const Exec *E, uint32_t pos, uint32_t *np)
{
    uint32_t c;
    if (!E->wide) {
        *np = pos + 1;
        return E->s8[pos];
    }
    c = E->s16[pos];
    if (E->unicode && is_hi(c) && pos + 1 < E->len && is_lo(E->s16[pos + 1])) {
        *np = pos + 2;
        return 0x10000 + ((c - 0xD800) << 10) + (E->s16[pos + 1] - 0xDC00);
    }
    *np = pos + 1;
    return c;
}

/* the character before pos going backward (pos > 0) */
static inline uint32_t get_bwd(const Exec *E, uint32_t pos, uint32_t *np)
{
    uint32_t c;
    if (!E->wide) {
        *np = pos - 1;
        return E->s8[pos - 1];
    }
    c = E->s16[pos - 1];
    if (E->unicode && is_lo(c) && pos >= 2 && is_hi(E->s16[pos - 2])) {
        *np = pos - 2;
        return 0x10000 + ((E->s16[pos - 2] - 0xD800) << 10) + (c - 0xDC00);
    }
    *np = pos - 1;
    return c;
}

static inline bool is_line_term(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

static inline bool is_word(uint32_t c, bool ui)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || (ui && (c == 0x17F || c == 0x212A));
}

/* p = the class operands: u32 n, the Latin-1 bitmap, n ranges */
static bool in_class(const uint8_t *p, uint32_t c)
{
    uint32_t n = re_get_u32(p), lo = 0, hi = n;
    p += 4 + RE_CLASS_BITMAP;
    if (n == 0 || c < re_get_u32(p) || c > re_get_u32(p + 8 * (n - 1) + 4))
        return false;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (c < re_get_u32(p + 8 * mid))
            hi = mid;
        else if (c > re_get_u32(p + 8 * mid + 4))
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static inline bool class_bit(const uint8_t *p, uint32_t c)
{
    return (p[4 + (c >> 3)] >> (c & 7)) & 1;
}

/* whether the unit at pos (< len) is c, or with ic canonicalizes to c
   (callers never use it with u/v on a wide subject) */
static inline bool unit_is(const Exec *E, uint32_t pos, uint32_t c, bool ic)
{
    uint32_t u;
    if (pos >= E->len)
        return false;
    u = unit(E, pos);
    if (u == c)
        return true;
    if (!ic)
        return false;
    if (u < 128 && !E->unicode)
        return (u >= 'a' && u <= 'z' ? u - 32 : u) == c;
    return wf_unicode_canonicalize(u, E->unicode) == c;
}

/* size of a character-matching instruction */
static size_t char_op_size(const uint8_t *op)
{
    switch (op[0] & 0x7F) {
    case RE_OP_CHAR:
    case RE_OP_CHAR_I:
        return 5;
    case RE_OP_ANY:
    case RE_OP_ANY_ALL:
        return 1;
    default:
        return 5 + RE_CLASS_BITMAP + 8 * (size_t)re_get_u32(op + 1);
    }
}

/* Runs one character-matching instruction at *ppos; advances on success. */
static bool match_char_slow(const Exec *E, const uint8_t *op, uint32_t *ppos)
{
    uint32_t pos = *ppos, np, c;
    bool back = (op[0] & RE_OP_BACK) != 0;
    if (back) {
        if (pos == 0)
            return false;
        c = get_bwd(E, pos, &np);
    } else {
        if (pos >= E->len)
            return false;
        c = get_fwd(E, pos, &np);
    }
    switch (op[0] & 0x7F) {
    case RE_OP_CHAR:
        if (c != re_get_u32(op + 1))
            return false;
        break;
    case RE_OP_CHAR_I:
        if (c != re_get_u32(op + 1) && wf_unicode_canonicalize(c, E->unicode) != re_get_u32(op + 1))
            return false;
        break;
    case RE_OP_ANY:
        if (is_line_term(c))
            return false;
        break;
    case RE_OP_ANY_ALL:
        break;
    case RE_OP_CLASS:
        if (!(c < 256 ? class_bit(op + 1, c) : in_class(op + 1, c)))
            return false;
        break;
    case RE_OP_NCLASS:
        if (c < 256 ? class_bit(op + 1, c) : in_class(op + 1, c))
            return false;
        break;
    case RE_OP_CLASS_I:
        if (!(c < 256 ? class_bit(op + 1, c) : in_class(op + 1, wf_unicode_canonicalize(c, E->unicode))))
            return false;
        break;
    case RE_OP_NCLASS_I:
        if (c < 256 ? class_bit(op + 1, c) : in_class(op + 1, wf_unicode_canonicalize(c, E->unicode)))
            return false;
        break;
    default:
        return false;
    }
    *ppos = np;
    return true;
}

/* the common case inline: a Latin-1 subject read forward */
static inline bool match_char(const Exec *E, const uint8_t *op, uint32_t *ppos)
{
    uint32_t pos = *ppos, c;
    bool ok;
    if (E->wide || (op[0] & RE_OP_BACK))
        return match_char_slow(E, op, ppos);
    if (pos >= E->len)
        return false;
    c = E->s8[pos];
    switch (op[0]) {
    case RE_OP_CHAR:
        ok = c == re_get_u32(op + 1);
        break;
    case RE_OP_CHAR_I:
        if (c >= 128 || E->unicode)
            return match_char_slow(E, op, ppos);
        ok = (c >= 'a' && c <= 'z' ? c - 32 : c) == re_get_u32(op + 1);
        break;
    case RE_OP_CLASS:
    case RE_OP_CLASS_I:
        ok = class_bit(op + 1, c);
        break;
    case RE_OP_NCLASS:
    case RE_OP_NCLASS_I:
        ok = !class_bit(op + 1, c);
        break;
    case RE_OP_ANY:
        ok = c != '\n' && c != '\r';
        break;
    default:
        return match_char_slow(E, op, ppos);
    }
    if (ok)
        *ppos = pos + 1;
    return ok;
}

static int grow_stack(Exec *E)
{
    size_t ncap = E->cap * 2;
    BT *n;
    if (ncap > E->max_entries)
        ncap = E->max_entries;
    if (ncap <= E->cap) {
        E->ectx->error = WF_RE_ERR_LIMIT;
        return -1;
    }
    n = E->ectx->alloc->realloc(E->ectx->alloc->opaque, E->st_heap ? E->st : NULL,
                                ncap * sizeof(BT));
    if (!n) {
        E->ectx->error = WF_RE_ERR_NOMEM;
        return -1;
    }
    if (!E->st_heap)
        memcpy(n, E->st, E->sp * sizeof(BT));
    E->st = n;
    E->cap = ncap;
    E->st_heap = true;
    return 0;
}

#define PUSH(kind, x, y)                                    \
    do {                                                    \
        if (E->sp == E->cap && grow_stack(E))               \
            return -1;                                      \
        E->st[E->sp].k = (kind);                            \
        E->st[E->sp].a = (int32_t)(x);                      \
        E->st[E->sp].b = (int32_t)(y);                      \
        E->sp++;                                            \
    } while (0)

#define OFF(p) ((uint32_t)((p) - E->code))

static int step(Exec *E)
{
    if ((++E->steps & RE_CHECK_STEPS) == 0 && E->ectx->interrupt &&
        E->ectx->interrupt(E->ectx->opaque)) {
        E->ectx->error = WF_RE_ERR_INTERRUPTED;
        return -1;
    }
    return 0;
}

/* compares the capture [s, e) with the input at *ppos */
static bool match_backref(const Exec *E, uint32_t s, uint32_t e, bool icase, bool back,
                          uint32_t *ppos)
{
    uint32_t pos = *ppos, n = e - s;
    if (!icase) {
        if (back) {
            if (pos < n)
                return false;
            for (uint32_t i = 0; i < n; i++)
                if (unit(E, s + i) != unit(E, pos - n + i))
                    return false;
            *ppos = pos - n;
        } else {
            if (E->len - pos < n)
                return false;
            for (uint32_t i = 0; i < n; i++)
                if (unit(E, s + i) != unit(E, pos + i))
                    return false;
            *ppos = pos + n;
        }
        return true;
    }
    if (back) {
        uint32_t i = e;
        while (i > s) {
            uint32_t ni, np, c1, c2;
            if (pos == 0)
                return false;
            c1 = get_bwd(E, i, &ni);
            if (ni < s) {              /* never split a pair at the edge */
                c1 = unit(E, i - 1);
                ni = i - 1;
            }
            c2 = get_bwd(E, pos, &np);
            if (c1 != c2 && wf_unicode_canonicalize(c1, E->unicode) !=
                                wf_unicode_canonicalize(c2, E->unicode))
                return false;
            i = ni;
            pos = np;
        }
    } else {
        uint32_t i = s;
        while (i < e) {
            uint32_t ni, np, c1, c2;
            if (pos >= E->len)
                return false;
            c1 = get_fwd(E, i, &ni);
            if (ni > e) {
                c1 = unit(E, i);
                ni = i + 1;
            }
            c2 = get_fwd(E, pos, &np);
            if (c1 != c2 && wf_unicode_canonicalize(c1, E->unicode) !=
                                wf_unicode_canonicalize(c2, E->unicode))
                return false;
            i = ni;
            pos = np;
        }
    }
    *ppos = pos;
    return true;
}

/* one position: 1 match, 0 no match, -1 error */
static int run(Exec *E, uint32_t start)
{
    const uint8_t *pc = E->code;
    uint32_t pos = start;
    int32_t look_top = -1;
    int32_t *caps = E->caps, *regs = E->regs;

    for (;;) {
        uint8_t op = *pc;
        switch (op & 0x7F) {
        case RE_OP_MATCH:
            return 1;
        case RE_OP_CHAR:
        case RE_OP_CHAR_I:
        case RE_OP_ANY:
        case RE_OP_ANY_ALL:
        case RE_OP_CLASS:
        case RE_OP_NCLASS:
        case RE_OP_CLASS_I:
        case RE_OP_NCLASS_I:
            if (!match_char(E, pc, &pos))
                goto fail;
            pc += char_op_size(pc);
            break;
        case RE_OP_FAIL:
            goto fail;
        case RE_OP_BOL:
            if (pos != 0)
                goto fail;
            pc++;
            break;
        case RE_OP_BOL_M:
            if (pos != 0 && !is_line_term(unit(E, pos - 1)))
                goto fail;
            pc++;
            break;
        case RE_OP_EOL:
            if (pos != E->len)
                goto fail;
            pc++;
            break;
        case RE_OP_EOL_M:
            if (pos != E->len && !is_line_term(unit(E, pos)))
                goto fail;
            pc++;
            break;
        case RE_OP_WORDB:
        case RE_OP_NWORDB:
        case RE_OP_WORDB_UI:
        case RE_OP_NWORDB_UI: {
            bool ui = (op & 0x7F) == RE_OP_WORDB_UI || (op & 0x7F) == RE_OP_NWORDB_UI;
            bool a = pos > 0 && is_word(unit(E, pos - 1), ui);
            bool b = pos < E->len && is_word(unit(E, pos), ui);
            bool want = (op & 0x7F) == RE_OP_WORDB || (op & 0x7F) == RE_OP_WORDB_UI;
            if ((a != b) != want)
                goto fail;
            pc++;
            break;
        }
        case RE_OP_JUMP:
            if (step(E))
                return -1;
            pc += 5 + (int32_t)re_get_u32(pc + 1);
            break;
        case RE_OP_SPLIT_NEXT:
            PUSH((OFF(pc + 5 + (int32_t)re_get_u32(pc + 1)) << 3) | BT_CHOICE, pos, 0);
            pc += 5;
            break;
        case RE_OP_SPLIT_JUMP:
            PUSH((OFF(pc + 5) << 3) | BT_CHOICE, pos, 0);
            pc += 5 + (int32_t)re_get_u32(pc + 1);
            break;
        case RE_OP_SAVE: {
            uint32_t slot = re_get_u16(pc + 1);
            PUSH(BT_CAP, slot, caps[slot]);
            caps[slot] = (int32_t)pos;
            pc += 3;
            break;
        }
        case RE_OP_RESET: {
            uint32_t first = re_get_u16(pc + 1), end = re_get_u16(pc + 3);
            for (uint32_t s = 2 * first; s < 2 * end; s++) {
                if (caps[s] != -1) {
                    PUSH(BT_CAP, s, caps[s]);
                    caps[s] = -1;
                }
            }
            pc += 5;
            break;
        }
        case RE_OP_SET_POS: {
            uint32_t r = re_get_u16(pc + 1);
            PUSH(BT_REG, r, regs[r]);
            regs[r] = (int32_t)pos;
            pc += 3;
            break;
        }
        case RE_OP_CHECK_ADV:
            if ((int32_t)pos == regs[re_get_u16(pc + 1)])
                goto fail;
            pc += 3;
            break;
        case RE_OP_LOOP_INIT: {
            uint32_t r = re_get_u16(pc + 1);
            PUSH(BT_REG, r, regs[r]);
            regs[r] = 0;
            pc += 3;
            break;
        }
        case RE_OP_LOOP: {
            uint32_t r = re_get_u16(pc + 1), min = re_get_u32(pc + 3), max = re_get_u32(pc + 7);
            bool greedy = pc[11] != 0;
            const uint8_t *body = pc + 16, *exit = body + (int32_t)re_get_u32(pc + 12);
            uint32_t cnt = (uint32_t)regs[r];
            if (step(E))
                return -1;
            if (cnt < min) {
                pc = body;
            } else if (max != RE_INF && cnt >= max) {
                pc = exit;
            } else if (greedy) {
                PUSH((OFF(exit) << 3) | BT_CHOICE, pos, 0);
                pc = body;
            } else {
                PUSH((OFF(body) << 3) | BT_CHOICE, pos, 0);
                pc = exit;
            }
            break;
        }
        case RE_OP_LOOP_NEXT: {
            uint32_t r = re_get_u16(pc + 1), pr = re_get_u16(pc + 3), min = re_get_u32(pc + 5);
            uint32_t cnt = (uint32_t)regs[r];
            if (pr != 0xFFFF && cnt >= min && (int32_t)pos == regs[pr])
                goto fail;
            PUSH(BT_REG, r, regs[r]);
            regs[r] = (int32_t)cnt + 1;
            pc += 13 + (int32_t)re_get_u32(pc + 9);
            break;
        }
        case RE_OP_STAR: {
            uint32_t min = re_get_u32(pc + 1), max = re_get_u32(pc + 5), count = 0;
            bool greedy = pc[9] != 0;
            const uint8_t *atom = pc + 14, *cont = atom + re_get_u32(pc + 10);
            uint32_t p = pos;
            while (count < min) {
                if (!match_char(E, atom, &p))
                    goto fail;
                count++;
            }
            if (greedy) {
                uint32_t minpos = p;
                while (count < max && match_char(E, atom, &p))
                    count++;
                if (p != minpos)
                    PUSH((OFF(pc) << 3) | BT_STAR, minpos, p);
            } else if (count < max) {
                PUSH((OFF(pc) << 3) | BT_LAZY, p, count);
            }
            pos = p;
            pc = cont;
            break;
        }
        case RE_OP_BACKREF:
        case RE_OP_BACKREF_I: {
            uint32_t n = re_get_u16(pc + 1);
            for (uint32_t i = 0; i < n; i++) {
                uint32_t g = re_get_u16(pc + 3 + 2 * i);
                int32_t s = caps[2 * g], e = caps[2 * g + 1];
                if (s >= 0 && e >= 0) {
                    if (!match_backref(E, (uint32_t)s, (uint32_t)e,
                                       (op & 0x7F) == RE_OP_BACKREF_I, (op & RE_OP_BACK) != 0, &pos))
                        goto fail;
                    break;
                }
            }
            pc += 3 + 2 * n;
            break;
        }
        case RE_OP_LOOK:
            PUSH((OFF(pc) << 3) | BT_LOOK, pos, look_top);
            look_top = (int32_t)E->sp - 1;
            pc += 6;
            break;
        case RE_OP_LOOK_END: {
            BT m = E->st[look_top];
            const uint8_t *lp = E->code + (m.k >> 3);
            if (lp[1] & 1) {
                /* negative lookaround: its body matched, so it fails */
                while (E->sp > (size_t)look_top) {
                    BT *e = &E->st[--E->sp];
                    if ((e->k & 7) == BT_CAP)
                        caps[e->a] = e->b;
                    else if ((e->k & 7) == BT_REG)
                        regs[e->a] = e->b;
                }
                look_top = m.b;
                goto fail;
            }
            size_t w = (size_t)look_top;
            for (size_t i = w + 1; i < E->sp; i++) {
                uint32_t kind = E->st[i].k & 7;
                if (kind == BT_CAP || kind == BT_REG)
                    E->st[w++] = E->st[i];
            }
            E->sp = w;
            pos = (uint32_t)m.a;
            look_top = m.b;
            pc = lp + 6 + (int32_t)re_get_u32(lp + 2);
            break;
        }
        default:
            E->ectx->error = WF_RE_ERR_LIMIT;
            return -1;
        }
        continue;

    fail:
        for (;;) {
            BT *e;
            if (E->sp == 0)
                return 0;
            e = &E->st[--E->sp];
            switch (e->k & 7) {
            case BT_CAP:
                caps[e->a] = e->b;
                continue;
            case BT_REG:
                regs[e->a] = e->b;
                continue;
            case BT_CHOICE:
                if (step(E))
                    return -1;
                pc = E->code + (e->k >> 3);
                pos = (uint32_t)e->a;
                goto resume;
            case BT_LOOK: {
                const uint8_t *lp = E->code + (e->k >> 3);
                look_top = e->b;
                if (lp[1] & 1) {
                    /* negative lookaround: the body failed, so it holds */
                    pos = (uint32_t)e->a;
                    pc = lp + 6 + (int32_t)re_get_u32(lp + 2);
                    goto resume;
                }
                continue;
            }
            case BT_STAR: {
                const uint8_t *sp = E->code + (e->k >> 3), *atom = sp + 14;
                uint32_t minpos = (uint32_t)e->a, cur = (uint32_t)e->b;
                bool back = (atom[0] & RE_OP_BACK) != 0;
                if (step(E))
                    return -1;
                if (!back && (!E->wide || !E->unicode)) {
                    /* the continuation starts with a literal: try only the
                       positions holding it */
                    const uint8_t *q = atom + re_get_u32(sp + 10);
                    while (*q == RE_OP_SAVE)
                        q += 3;
                    if (*q == RE_OP_CHAR || *q == RE_OP_CHAR_I) {
                        uint32_t want = re_get_u32(q + 1);
                        bool ic = *q == RE_OP_CHAR_I;
                        do
                            cur--;
                        while (cur > minpos && !unit_is(E, cur, want, ic));
                        if (!unit_is(E, cur, want, ic))
                            continue;       /* cur == minpos and no match: drop */
                        if (cur != minpos) {
                            e->b = (int32_t)cur;
                            E->sp++;
                        }
                        pos = cur;
                        pc = atom + re_get_u32(sp + 10);
                        goto resume;
                    }
                }
                if (!back) {
                    cur -= (E->unicode && E->wide && cur >= minpos + 2 && is_lo(E->s16[cur - 1]) &&
                            is_hi(E->s16[cur - 2])) ? 2 : 1;
                } else {
                    cur += (E->unicode && E->wide && cur + 2 <= minpos && is_hi(E->s16[cur]) &&
                            is_lo(E->s16[cur + 1])) ? 2 : 1;
                }
                if (cur != minpos) {
                    e->b = (int32_t)cur;
                    E->sp++;            /* keep the entry */
                }
                pos = cur;
                pc = atom + re_get_u32(sp + 10);
                goto resume;
            }
            case BT_LAZY: {
                const uint8_t *sp = E->code + (e->k >> 3), *atom = sp + 14;
                uint32_t p = (uint32_t)e->a, count = (uint32_t)e->b + 1;
                if (step(E))
                    return -1;
                if (!match_char(E, atom, &p))
                    continue;
                if (count < re_get_u32(sp + 5)) {
                    e->a = (int32_t)p;
                    e->b = (int32_t)count;
                    E->sp++;
                }
                pos = p;
                pc = atom + re_get_u32(sp + 10);
                goto resume;
            }
            default:
                continue;
            }
        }
    resume:;
    }
}

/* the first index >= pos holding one of the candidate units (never the
   low half of a pair with u/v), or len */
static uint32_t scan_first(const Exec *E, uint32_t pos, const uint16_t *first, int nfirst)
{
    uint32_t len = E->len;
    if (!E->wide) {
        if (nfirst == 1) {
            const uint8_t *q = pos < len ? memchr(E->s8 + pos, first[0], len - pos) : NULL;
            return q ? (uint32_t)(q - E->s8) : len;
        }
        for (; pos < len; pos++) {
            uint8_t c = E->s8[pos];
            if (c == first[0] || c == first[1] || (nfirst > 2 && c == first[2]))
                return pos;
        }
        return len;
    }
    for (; pos < len; pos++) {
        uint16_t c = E->s16[pos];
        if (c == first[0] || (nfirst > 1 && c == first[1]) || (nfirst > 2 && c == first[2])) {
            if (E->unicode && pos > 0 && is_lo(c) && is_hi(E->s16[pos - 1]))
                continue;
            return pos;
        }
    }
    return len;
}

int wf_regexp_exec(const uint8_t *bc, const void *subject, uint32_t len, bool is_wide,
                   uint32_t start, int32_t *captures, WFRegexpExecCtx *ectx)
{
    Exec E;
    BT local_stack[256];
    int32_t local_regs[32];
    int flags = wf_regexp_flags(bc);
    int ncap = wf_regexp_capture_count(bc);
    uint32_t nregs = re_get_u32(bc + 4), filter_off = re_get_u32(bc + 24);
    const uint8_t *filter = filter_off ? bc + filter_off : NULL;
    int nfirst = bc[21];
    uint16_t first[3] = { re_get_u16(bc + 16), re_get_u16(bc + 18), re_get_u16(bc + 22) };
    bool sticky = (flags & WF_RE_FLAG_STICKY) && !ectx->ignore_sticky, anch = bc[20] != 0;
    size_t limit = ectx->stack_limit ? ectx->stack_limit : RE_DEFAULT_LIMIT;
    int ret = 0;

    ectx->error = WF_RE_OK;
    for (int i = 0; i < 2 * ncap; i++)
        captures[i] = -1;
    if (start > len)
        return 0;
    memset(&E, 0, sizeof(E));
    E.code = bc + RE_HDR_SIZE;
    E.wide = is_wide;
    E.s8 = subject;
    E.s16 = subject;
    E.len = len;
    E.unicode = (flags & (WF_RE_FLAG_UNICODE | WF_RE_FLAG_UNICODESETS)) != 0;
    E.caps = captures;
    E.ncap2 = 2 * ncap;
    E.st = local_stack;
    E.cap = sizeof(local_stack) / sizeof(local_stack[0]);
    E.max_entries = limit / sizeof(BT);
    if (E.max_entries < E.cap)
        E.max_entries = E.cap;
    E.ectx = ectx;
    if (nregs <= sizeof(local_regs) / sizeof(local_regs[0])) {
        E.regs = local_regs;
    } else {
        E.regs = ectx->alloc->realloc(ectx->alloc->opaque, NULL, nregs * sizeof(int32_t));
        if (!E.regs) {
            ectx->error = WF_RE_ERR_NOMEM;
            return -1;
        }
    }
    for (uint32_t i = 0; i < nregs; i++)
        E.regs[i] = -1;
    /* with u/v an index inside a surrogate pair means the pair's start */
    if (E.unicode && is_wide && start > 0 && start < len && is_lo(E.s16[start]) &&
        is_hi(E.s16[start - 1]))
        start--;
    if (anch && !sticky && start > 0)
        goto done;
    if (sticky)
        nfirst = 0;
    if (!is_wide && nfirst) {
        /* only the Latin-1 candidates can occur */
        int k = 0;
        for (int i = 0; i < nfirst; i++)
            if (first[i] <= 0xFF)
                first[k++] = first[i];
        if (k == 0)
            goto done;
        nfirst = k;
    }

    for (uint32_t pos = start;;) {
        if (nfirst) {
            pos = scan_first(&E, pos, first, nfirst);
            if (pos >= len)
                break;
        } else if (filter && !sticky) {
            /* skip the positions where the first character cannot match */
            uint32_t p;
            while (pos < len && (p = pos, !match_char(&E, filter, &p))) {
                if (E.unicode && is_wide && pos + 1 < len && is_hi(E.s16[pos]) && is_lo(E.s16[pos + 1]))
                    pos += 2;
                else
                    pos++;
            }
            if (pos >= len)
                break;
        }
        E.sp = 0;
        ret = run(&E, pos);
        if (ret != 0)
            break;
        /* (a failed run has restored every capture to -1) */
        if (sticky || anch || pos >= len)
            break;
        if (step(&E)) {
            ret = -1;
            break;
        }
        if (E.unicode && is_wide && pos + 1 < len && is_hi(E.s16[pos]) && is_lo(E.s16[pos + 1]))
            pos += 2;
        else
            pos++;
    }
done:
    if (ret < 0)
        for (int i = 0; i < 2 * ncap; i++)
            captures[i] = -1;
    if (E.st_heap)
        ectx->alloc->realloc(ectx->alloc->opaque, E.st, 0);
    if (E.regs && E.regs != local_regs)
        ectx->alloc->realloc(ectx->alloc->opaque, E.regs, 0);
    return ret;
}
