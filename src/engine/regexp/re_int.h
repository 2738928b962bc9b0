/*
 * re_int.h - private header of the regexp engine: the pattern's syntax
 * tree (re_parse.c builds it, re_compile.c turns it into bytecode),
 * character sets (re_charset.c), the bytecode format (re_compile.c writes
 * it, re_exec.c runs it).
 */
#ifndef WF_RE_INT_H
#define WF_RE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/regexp/regexp.h"

#define RE_INF UINT32_MAX          /* unbounded quantifier */
#define RE_MAX_CP 0x10FFFF

/* ------------------------------------------------------------ arena */

typedef struct ReArenaBlock ReArenaBlock;
typedef struct ReArena {
    const WFRegexpAlloc *a;
    ReArenaBlock *blocks;
    bool oom;
    /* first memory served from the caller's buffer (small patterns then
       need no allocation for their syntax tree) */
    unsigned char *local;
    size_t local_size, local_used;
} ReArena;

void *wf_re_arena_alloc(ReArena *ar, size_t size);
void wf_re_arena_free(ReArena *ar);

/* ------------------------------------------------------------ character sets */

/* Sorted, disjoint, non-adjacent inclusive ranges r[2i]..r[2i+1] once
   normalized; wf_re_cs_add appends and marks the set dirty. */
typedef struct ReCharSet {
    uint32_t *r;
    size_t n;            /* number of ranges */
    size_t cap;
    bool dirty;
} ReCharSet;

int wf_re_cs_add(ReArena *ar, ReCharSet *cs, uint32_t lo, uint32_t hi);
int wf_re_cs_add_set(ReArena *ar, ReCharSet *cs, const ReCharSet *b);
void wf_re_cs_normalize(ReCharSet *cs);
/* in place: cs = complement of cs within [0, max] */
int wf_re_cs_invert(ReArena *ar, ReCharSet *cs, uint32_t max);
int wf_re_cs_intersect(ReArena *ar, ReCharSet *cs, const ReCharSet *b);
int wf_re_cs_subtract(ReArena *ar, ReCharSet *cs, const ReCharSet *b);
/* cs = cs U canonicalize(cs) */
int wf_re_cs_close_case(ReArena *ar, ReCharSet *cs, bool unicode);
/* cs = { scf(c) : c in cs } (the v flag with i: MaybeSimpleCaseFolding) */
int wf_re_cs_fold(ReArena *ar, ReCharSet *cs);
/* cs = cs minus the code points scf moves (AllCharacters of v with i) */
int wf_re_cs_keep_canonical(ReArena *ar, ReCharSet *cs);
bool wf_re_cs_has(const ReCharSet *cs, uint32_t c);

/* ------------------------------------------------------------ syntax tree */

enum {
    RE_N_EMPTY,
    RE_N_CHAR,        /* u.c; flags: RE_F_ICASE */
    RE_N_CLASS,       /* u.cls */
    RE_N_ANY,         /* flags: RE_F_DOTALL */
    RE_N_BOL,         /* flags: RE_F_MULTILINE */
    RE_N_EOL,
    RE_N_WORDB,       /* flags: RE_F_ICASE (with u/v: the extra word chars) */
    RE_N_NWORDB,
    RE_N_GROUP,       /* u.group: capture index > 0, or 0 for (?:) */
    RE_N_SEQ,         /* u.list */
    RE_N_ALT,         /* u.list */
    RE_N_QUANT,       /* u.quant */
    RE_N_BACKREF,     /* u.ref; flags: RE_F_ICASE */
    RE_N_LOOK,        /* u.look */
};

#define RE_F_ICASE     1
#define RE_F_MULTILINE 2
#define RE_F_DOTALL    4

/* a string of a v-mode class (code points) */
typedef struct ReString {
    uint32_t *c;
    uint32_t n;
} ReString;

typedef struct ReNode ReNode;
struct ReNode {
    uint8_t type;
    uint8_t flags;
    union {
        uint32_t c;
        struct {
            ReCharSet set;
            ReString *str;       /* v mode: strings of length != 1 */
            uint32_t nstr;
            bool invert;
        } cls;
        struct {
            int index;
            ReNode *body;
        } group;
        struct {
            ReNode **items;
            uint32_t n;
        } list;
        struct {
            uint32_t min, max;
            bool greedy;
            int cap_first, cap_end;   /* captures inside: [first, end) */
            ReNode *body;
        } quant;
        struct {
            int *groups;
            uint32_t n;
            const uint16_t *name;     /* named reference (resolved later) */
            uint32_t name_len;
        } ref;
        struct {
            bool behind, negative;
            ReNode *body;
        } look;
    } u;
};

/* Result of parsing */
typedef struct ReGroupName {
    char *utf8;          /* NUL-terminated */
    size_t len;
} ReGroupName;

typedef struct ReAst {
    ReNode *root;
    int ncaptures;       /* including group 0 */
    ReGroupName *names;  /* [ncaptures]; names[0] unused */
    bool has_names;
} ReAst;

/* Parses pattern[0..len) (UTF-16 units) with flags.  Returns 0, or -1 with
   a message in err (ar->oom set if out of memory). */
int wf_re_parse(ReArena *ar, const uint16_t *pattern, size_t len, int flags, ReAst *ast,
                char *err, size_t errlen);

/* ------------------------------------------------------------ bytecode */

/*
 * Header (RE_HDR_SIZE bytes, little-endian):
 *   0  u16 flags              WF_RE_FLAG_*
 *   2  u16 capture count      including group 0
 *   4  u32 register count     loop counters and positions
 *   8  u32 code length
 *  12  u32 names offset       0 if no named groups; else for groups
 *                             1..count-1: u16 length, UTF-8 bytes, NUL
 *  16  u16 first unit 0       every match starts with one of the first
 *  18  u16 first unit 1       `nfirst` code units (a search speed-up)
 *  20  u8  anchored           1 if every match starts at index 0
 *  21  u8  nfirst             0 (unknown) to 3
 *  22  u16 first unit 2
 *  24  u32 filter offset      0, or the offset of a character-matching
 *                             instruction every match starts with (another
 *                             search speed-up, used when nfirst is 0)
 *  28  code, then the names and the filter instruction
 */
#define RE_HDR_SIZE 28
#define RE_CLASS_BITMAP 32   /* bytes of the Latin-1 bitmap of a class instruction */

/*
 * Opcodes.  Operands follow the opcode byte (u32/u16 little-endian);
 * offsets are relative to the end of the instruction.  The character
 * matchers have a backward form: opcode | RE_OP_BACK (lookbehind bodies
 * run right to left).
 */
enum {
    RE_OP_MATCH = 1,
    RE_OP_CHAR,          /* u32 c */
    RE_OP_CHAR_I,        /* u32 c (canonical): Canonicalize(ch) == c */
    RE_OP_ANY,           /* any but line terminators */
    RE_OP_ANY_ALL,
    RE_OP_CLASS,         /* u32 n, u8[32] Latin-1 bitmap, n x (u32 lo, u32 hi) */
    RE_OP_NCLASS,
    RE_OP_CLASS_I,       /* Canonicalize(ch) in the set */
    RE_OP_NCLASS_I,
    RE_OP_BACKREF,       /* u16 n, n x u16 group */
    RE_OP_BACKREF_I,
    RE_OP_BOL,
    RE_OP_BOL_M,
    RE_OP_EOL,
    RE_OP_EOL_M,
    RE_OP_WORDB,
    RE_OP_NWORDB,
    RE_OP_WORDB_UI,      /* with u/v + i: U+017F and U+212A are word chars */
    RE_OP_NWORDB_UI,
    RE_OP_JUMP,          /* i32 off */
    RE_OP_SPLIT_NEXT,    /* i32 off: try the next instruction, then off */
    RE_OP_SPLIT_JUMP,    /* i32 off: try off, then the next instruction */
    RE_OP_SAVE,          /* u16 slot: captures[slot] = pos */
    RE_OP_RESET,         /* u16 first, u16 end: captures of groups [first, end) undefined */
    RE_OP_SET_POS,       /* u16 reg: regs[reg] = pos */
    RE_OP_CHECK_ADV,     /* u16 reg: fail if pos == regs[reg] */
    RE_OP_LOOP_INIT,     /* u16 reg: regs[reg] = 0 */
    RE_OP_LOOP,          /* u16 reg, u32 min, u32 max, u8 greedy, i32 exit_off */
    RE_OP_LOOP_NEXT,     /* u16 reg, u16 posreg (0xFFFF: none), u32 min, i32 head_off */
    RE_OP_STAR,          /* u32 min, u32 max, u8 greedy, u32 atom_len; atom follows */
    RE_OP_LOOK,          /* u8 kind (bit0 negative, bit1 behind), i32 end_off */
    RE_OP_LOOK_END,
    RE_OP_FAIL,
    RE_OP__COUNT
};
#define RE_OP_BACK 0x80

static inline uint32_t re_get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint16_t re_get_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

#endif /* WF_RE_INT_H */
