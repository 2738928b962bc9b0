/*
 * emit_code.c - the compiler's output side: code buffer, instructions and
 * their operands, labels and relocations, the constant pool, the pc ->
 * source position table, and the final assembly of a WFFuncDef into a
 * JSFunctionBytecode (stack depth analysis included).
 *
 * Out-of-memory while emitting is sticky: the emit_* helpers return
 * nothing, set c->failed (with the exception pending) and ignore further
 * output; the statement/expression walkers check c->failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/emit.h"
#include "engine/state.h"
#include "engine/atom.h"
#include "engine/error.h"
#include "engine/jsstring.h"
#include "engine/conv.h"

/* ---------------------------------------------------------------------- */
/* Errors                                                                  */

int wf_compile_error(WFCompiler *c, int line, int col, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    if (c->failed)
        return -1;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    c->failed = true;
    wf_throw_syntax_error_at(c->ctx, c->filename, line, col, buf);
    return -1;
}

int wf_compile_oom(WFCompiler *c)
{
    if (!c->failed) {
        c->failed = true;
        JS_ThrowOutOfMemory(c->ctx);
    }
    return -1;
}

int wf_not_supported(WFCompiler *c, const WFAstNode *n, const char *what)
{
    return wf_compile_error(c, n ? n->line : 0, n ? n->col : 0,
                            "not supported yet: %s", what);
}

/* ---------------------------------------------------------------------- */
/* Buffers                                                                 */

int wf_buf_put(WFCompiler *c, WFBuf *b, const void *data, uint32_t len)
{
    if (c->failed)
        return -1;
    if (b->len + len > b->size) {
        uint32_t ns = b->size ? b->size * 2 : 64;
        uint8_t *nd;
        while (ns < b->len + len)
            ns *= 2;
        nd = js_realloc(c->ctx, b->data, ns);
        if (!nd) {
            c->failed = true;
            return -1;
        }
        b->data = nd;
        b->size = ns;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

void wf_buf_free(JSContext *ctx, WFBuf *b)
{
    js_free(ctx, b->data);
    b->data = NULL;
    b->len = b->size = 0;
}

static void put_uleb(WFFuncDef *fd, WFBuf *b, uint32_t v)
{
    uint8_t tmp[5];
    int n = 0;
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        if (v)
            byte |= 0x80;
        tmp[n++] = byte;
    } while (v);
    wf_buf_put(fd->c, b, tmp, n);
}

static void put_sleb(WFFuncDef *fd, WFBuf *b, int32_t v)
{
    /* zigzag */
    put_uleb(fd, b, ((uint32_t)v << 1) ^ (uint32_t)(v >> 31));
}

/* ---------------------------------------------------------------------- */
/* Instructions                                                            */

static void emit_bytes(WFFuncDef *fd, const void *p, uint32_t n)
{
    wf_buf_put(fd->c, &fd->code, p, n);
}

/* Records the source position of the instruction about to start. */
static void emit_pc2line(WFFuncDef *fd)
{
    uint32_t pc = fd->code.len;
    if (fd->cur_line <= 0)
        return;
    if (fd->cur_line == fd->pos_line && fd->cur_col == fd->pos_col)
        return;
    put_uleb(fd, &fd->pc2line, pc - fd->pos_pc);
    put_sleb(fd, &fd->pc2line, fd->cur_line - fd->pos_line);
    put_uleb(fd, &fd->pc2line, (uint32_t)fd->cur_col);
    fd->pos_pc = pc;
    fd->pos_line = fd->cur_line;
    fd->pos_col = fd->cur_col;
}

/* Tracks the operand stack depth (fall-through effect of op). */
static void track_sp(WFFuncDef *fd, WFOpcode op)
{
    const WFOpInfo *oi = &wf_op_info[op];
    fd->op_sp_before = fd->sp;
    if (!fd->sp_valid)
        return;
    switch (op) {
    case OP_gosub:
        break;      /* the finally block pops its return address */
    case OP_goto:
    case OP_return:
    case OP_return_undef:
    case OP_throw:
    case OP_throw_error:
    case OP_ret:
        fd->sp_valid = false;
        break;
    default:
        fd->sp += oi->n_push - oi->n_pop;
        break;
    }
}

void wf_emit_op(WFFuncDef *fd, WFOpcode op)
{
    uint8_t b = (uint8_t)op;
    emit_pc2line(fd);
    fd->last_op_pos = fd->code.len;
    track_sp(fd, op);
    emit_bytes(fd, &b, 1);
}

void wf_opt_site(WFFuncDef *fd, uint32_t pos, int len, int var)
{
    if (fd->c->failed)
        return;
    if (fd->opt_site_count >= fd->opt_site_size) {
        int ns = fd->opt_site_size ? fd->opt_site_size * 2 : 16;
        WFOptSite *n = js_realloc(fd->c->ctx, fd->opt_sites, sizeof(*n) * ns);
        if (!n)
            return;     /* the instruction simply stays */
        fd->opt_sites = n;
        fd->opt_site_size = ns;
    }
    fd->opt_sites[fd->opt_site_count].pos = pos;
    fd->opt_sites[fd->opt_site_count].len = (uint16_t)len;
    fd->opt_sites[fd->opt_site_count].var = var;
    fd->opt_site_count++;
}

void wf_emit_tdz_init(WFFuncDef *fd, int idx)
{
    uint32_t pos = fd->code.len;
    wf_emit_op_u16(fd, OP_set_loc_uninitialized, (uint16_t)idx);
    wf_opt_site(fd, pos, 3, idx);
}

void wf_emit_eval_op(WFFuncDef *fd, int argc, int scope)
{
    wf_emit_op(fd, OP_eval);
    fd->sp -= argc;
    wf_emit_u16(fd, (uint16_t)argc);
    wf_emit_u16(fd, (uint16_t)scope);
}

void wf_emit_u8(WFFuncDef *fd, uint8_t v)
{
    emit_bytes(fd, &v, 1);
}

void wf_emit_u16(WFFuncDef *fd, uint16_t v)
{
    uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
    emit_bytes(fd, b, 2);
}

void wf_emit_u32(WFFuncDef *fd, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    emit_bytes(fd, b, 4);
}

void wf_emit_op_u8(WFFuncDef *fd, WFOpcode op, uint8_t v)
{
    wf_emit_op(fd, op);
    wf_emit_u8(fd, v);
}

void wf_emit_op_u16(WFFuncDef *fd, WFOpcode op, uint16_t v)
{
    wf_emit_op(fd, op);
    if (wf_op_info[op].fmt == WF_FMT_npop)
        fd->sp -= v;
    wf_emit_u16(fd, v);
}

void wf_emit_op_u32(WFFuncDef *fd, WFOpcode op, uint32_t v)
{
    wf_emit_op(fd, op);
    wf_emit_u32(fd, v);
}

static void emit_atom_operand(WFFuncDef *fd, JSAtom atom)
{
    if (fd->c->failed)
        return;
    /* The reference is taken only if the operand really lands in the
       buffer, so that freeing a partial buffer releases what it holds. */
    if (wf_buf_put(fd->c, &fd->code, (uint8_t[4]){ (uint8_t)atom, (uint8_t)(atom >> 8),
                   (uint8_t)(atom >> 16), (uint8_t)(atom >> 24) }, 4) == 0)
        wf_atom_dup(fd->c->ctx->rt, atom);
}

void wf_emit_op_atom(WFFuncDef *fd, WFOpcode op, JSAtom atom)
{
    wf_emit_op(fd, op);
    emit_atom_operand(fd, atom);
}

void wf_emit_op_atom_u8(WFFuncDef *fd, WFOpcode op, JSAtom atom, uint8_t v)
{
    wf_emit_op(fd, op);
    emit_atom_operand(fd, atom);
    wf_emit_u8(fd, v);
}

void wf_emit_field(WFFuncDef *fd, WFOpcode op, JSAtom atom)
{
    uint16_t ic = 0xFFFF;
    if (fd->ic_count < 0xFFFF)
        ic = (uint16_t)fd->ic_count++;
    wf_emit_op(fd, op);
    emit_atom_operand(fd, atom);
    wf_emit_u16(fd, ic);
}

void wf_emit_push_int(WFFuncDef *fd, int32_t v)
{
    if (v >= -1 && v <= 7) {
        wf_emit_op(fd, (WFOpcode)(OP_push_0 + v));
    } else if (v >= INT8_MIN && v <= INT8_MAX) {
        wf_emit_op_u8(fd, OP_push_i8, (uint8_t)(int8_t)v);
    } else if (v >= INT16_MIN && v <= INT16_MAX) {
        wf_emit_op_u16(fd, OP_push_i16, (uint16_t)(int16_t)v);
    } else {
        wf_emit_op_u32(fd, OP_push_i32, (uint32_t)v);
    }
}

void wf_emit_push_number(WFFuncDef *fd, double d)
{
    int32_t i = (int32_t)d;
    if (d >= INT32_MIN && d <= INT32_MAX && (double)i == d &&
        !(d == 0 && __builtin_signbit(d))) {
        wf_emit_push_int(fd, i);
        return;
    }
    wf_emit_push_const(fd, __JS_NewFloat64(d));
}

void wf_emit_push_atom(WFFuncDef *fd, JSAtom atom)
{
    if (atom == JS_ATOM_empty_string)
        wf_emit_op(fd, OP_push_empty_string);
    else
        wf_emit_op_atom(fd, OP_push_atom_value, atom);
}

void wf_emit_loc(WFFuncDef *fd, WFOpcode op, int idx)
{
    if (idx < 4) {
        switch (op) {
        case OP_get_loc: wf_emit_op(fd, (WFOpcode)(OP_get_loc0 + idx)); return;
        case OP_put_loc: wf_emit_op(fd, (WFOpcode)(OP_put_loc0 + idx)); return;
        case OP_set_loc: wf_emit_op(fd, (WFOpcode)(OP_set_loc0 + idx)); return;
        default: break;
        }
    }
    wf_emit_op_u16(fd, op, (uint16_t)idx);
}

void wf_emit_arg(WFFuncDef *fd, WFOpcode op, int idx)
{
    if (idx < 4) {
        switch (op) {
        case OP_get_arg: wf_emit_op(fd, (WFOpcode)(OP_get_arg0 + idx)); return;
        case OP_put_arg: wf_emit_op(fd, (WFOpcode)(OP_put_arg0 + idx)); return;
        default: break;
        }
    }
    wf_emit_op_u16(fd, op, (uint16_t)idx);
}

void wf_emit_var_ref(WFFuncDef *fd, WFOpcode op, int idx)
{
    if (idx < 4 && op == OP_get_var_ref) {
        wf_emit_op(fd, (WFOpcode)(OP_get_var_ref0 + idx));
        return;
    }
    wf_emit_op_u16(fd, op, (uint16_t)idx);
}

/* ---------------------------------------------------------------------- */
/* Labels                                                                  */

int wf_new_label(WFFuncDef *fd)
{
    if (fd->label_count >= fd->label_size) {
        int ns = fd->label_size ? fd->label_size * 2 : 32;
        WFLabelSlot *nl = js_realloc(fd->c->ctx, fd->labels, sizeof(*nl) * ns);
        if (!nl) {
            wf_compile_oom(fd->c);
            return 0;
        }
        fd->labels = nl;
        fd->label_size = ns;
    }
    fd->labels[fd->label_count].pos = -1;
    fd->labels[fd->label_count].depth = -1;
    return fd->label_count++;
}

void wf_emit_label(WFFuncDef *fd, int label)
{
    if (fd->c->failed || label < 0 || label >= fd->label_count)
        return;
    fd->labels[label].pos = fd->code.len;
    fd->last_op_pos = -1;
    if (!fd->sp_valid) {
        if (fd->labels[label].depth >= 0) {
            fd->sp = fd->labels[label].depth;
            fd->sp_valid = true;
        }
    } else if (fd->labels[label].depth < 0) {
        fd->labels[label].depth = fd->sp;
    }
}

static void label_depth(WFFuncDef *fd, int label, int depth)
{
    if (fd->c->failed || label < 0 || label >= fd->label_count)
        return;
    if (fd->labels[label].depth < 0 && depth >= 0)
        fd->labels[label].depth = depth;
}

static void add_reloc(WFFuncDef *fd, int label)
{
    if (fd->c->failed)
        return;
    if (fd->reloc_count >= fd->reloc_size) {
        int ns = fd->reloc_size ? fd->reloc_size * 2 : 64;
        WFReloc *nr = js_realloc(fd->c->ctx, fd->relocs, sizeof(*nr) * ns);
        if (!nr) {
            wf_compile_oom(fd->c);
            return;
        }
        fd->relocs = nr;
        fd->reloc_size = ns;
    }
    fd->relocs[fd->reloc_count].label = label;
    fd->relocs[fd->reloc_count].pos = fd->code.len;
    fd->reloc_count++;
}

void wf_emit_jump(WFFuncDef *fd, WFOpcode op, int label)
{
    bool valid = fd->sp_valid;
    wf_emit_op(fd, op);
    if (valid) {
        int b = fd->op_sp_before;
        label_depth(fd, label, op == OP_goto ? b : (op == OP_if_true || op == OP_if_false) ?
                    b - 1 : b + 1);
    }
    add_reloc(fd, label);
    wf_emit_u32(fd, 0);
}

void wf_emit_with(WFFuncDef *fd, WFOpcode op, JSAtom atom, int label, uint8_t flags)
{
    bool valid = fd->sp_valid;
    wf_emit_op(fd, op);
    if (valid) {
        int b = fd->op_sp_before;
        label_depth(fd, label, op == OP_with_put_var ? b - 2 : op == OP_with_get_ref ? b + 1 : b);
    }
    emit_atom_operand(fd, atom);
    add_reloc(fd, label);
    wf_emit_u32(fd, 0);
    wf_emit_u8(fd, flags);
}

bool wf_emit_is_dead(WFFuncDef *fd)
{
    uint8_t op;
    if (fd->last_op_pos < 0 || fd->c->failed)
        return false;
    op = fd->code.data[fd->last_op_pos];
    return op == OP_goto || op == OP_return || op == OP_return_undef ||
           op == OP_throw || op == OP_throw_error || op == OP_ret;
}

/* ---------------------------------------------------------------------- */
/* Constants                                                               */

int wf_cpool_add(WFFuncDef *fd, JSValue v)
{
    JSContext *ctx = fd->c->ctx;
    if (fd->c->failed) {
        JS_FreeValue(ctx, v);
        return -1;
    }
    if (JS_IsException(v)) {
        fd->c->failed = true;
        return -1;
    }
    if (fd->cpool_count >= fd->cpool_size) {
        int ns = fd->cpool_size ? fd->cpool_size * 2 : 16;
        JSValue *np = js_realloc(ctx, fd->cpool, sizeof(*np) * ns);
        if (!np) {
            JS_FreeValue(ctx, v);
            wf_compile_oom(fd->c);
            return -1;
        }
        fd->cpool = np;
        fd->cpool_size = ns;
    }
    fd->cpool[fd->cpool_count] = v;
    return fd->cpool_count++;
}

void wf_emit_push_const(WFFuncDef *fd, JSValue v)
{
    int idx = wf_cpool_add(fd, v);
    if (idx >= 0)
        wf_emit_op_u32(fd, OP_push_const, (uint32_t)idx);
}

/* ---------------------------------------------------------------------- */
/* Atoms and strings                                                       */

JSAtom wf_name_atom(WFCompiler *c, WFAstName *name)
{
    JSAtom a;
    if (name->aux)
        return (JSAtom)(uintptr_t)name->aux;
    if (c->failed)
        return JS_ATOM_empty_string;
    a = wf_atom_new_len(c->ctx, name->str, name->len);
    if (a == JS_ATOM_NULL) {
        c->failed = true;
        return JS_ATOM_empty_string;
    }
    if (c->name_atom_count >= c->name_atom_size) {
        int ns = c->name_atom_size ? c->name_atom_size * 2 : 64;
        JSAtom *na = js_realloc(c->ctx, c->name_atoms, sizeof(*na) * ns);
        if (!na) {
            wf_atom_free(c->ctx->rt, a);
            wf_compile_oom(c);
            return JS_ATOM_empty_string;
        }
        c->name_atoms = na;
        c->name_atom_size = ns;
    }
    c->name_atoms[c->name_atom_count++] = a;
    name->aux = (void *)(uintptr_t)a;
    return a;
}

static int keep_atom(WFCompiler *c, JSAtom a)
{
    if (c->name_atom_count >= c->name_atom_size) {
        int ns = c->name_atom_size ? c->name_atom_size * 2 : 64;
        JSAtom *na = js_realloc(c->ctx, c->name_atoms, sizeof(*na) * ns);
        if (!na) {
            wf_atom_free(c->ctx->rt, a);
            return wf_compile_oom(c);
        }
        c->name_atoms = na;
        c->name_atom_size = ns;
    }
    c->name_atoms[c->name_atom_count++] = a;
    return 0;
}

JSAtom wf_compiler_atom(WFCompiler *c, const char *str, size_t len)
{
    JSAtom a;
    if (c->failed)
        return JS_ATOM_NULL;
    a = wf_atom_new_len(c->ctx, str, len);
    if (a == JS_ATOM_NULL) {
        c->failed = true;
        return JS_ATOM_NULL;
    }
    if (keep_atom(c, a) < 0)
        return JS_ATOM_NULL;
    return a;
}

JSValue wf_ast_str_value(WFCompiler *c, const WFAstStr *s)
{
    if (s->len == 0)
        return wf_str_empty(c->ctx);
    if (s->wide)
        return wf_str_new16(c->ctx, s->u.s16, s->len);
    return wf_str_new8(c->ctx, s->u.s8, s->len);
}

JSAtom wf_str_atom(WFCompiler *c, const WFAstStr *s)
{
    JSValue v;
    JSAtom a;
    if (c->failed)
        return JS_ATOM_NULL;
    v = wf_ast_str_value(c, s);
    if (JS_IsException(v)) {
        c->failed = true;
        return JS_ATOM_NULL;
    }
    a = wf_atom_new_str(c->ctx, wf_str(v));
    if (a == JS_ATOM_NULL)
        c->failed = true;
    return a;
}

/* ---------------------------------------------------------------------- */
/* Function definitions                                                    */

WFFuncDef *wf_fd_new(WFCompiler *c, WFFuncDef *parent, WFAstFunc *ast)
{
    WFFuncDef *fd = js_mallocz(c->ctx, sizeof(*fd));
    if (!fd) {
        wf_compile_oom(c);
        return NULL;
    }
    fd->c = c;
    fd->parent = parent;
    fd->parent_scope = parent ? parent->cur_scope : -1;
    fd->ast = ast;
    fd->cur_scope = -1;
    fd->body_scope = -1;
    fd->this_var = fd->new_target_var = fd->home_object_var = -1;
    fd->this_func_var = fd->arguments_var = fd->eval_var_obj_var = -1;
    fd->func_name_var = fd->completion_var = fd->ret_var = -1;
    fd->last_op_pos = -1;
    fd->sp_valid = true;
    fd->func_name = JS_ATOM_empty_string;
    return fd;
}

/* Releases the atom operands held by a (possibly partial) code buffer. */
static void free_code_atoms(JSRuntime *rt, const uint8_t *code, uint32_t len)
{
    uint32_t pc = 0;
    while (pc < len) {
        uint8_t op = code[pc];
        const WFOpInfo *oi;
        if (op >= OP_COUNT)
            break;
        oi = &wf_op_info[op];
        if (pc + oi->size > len)
            break;
        switch (oi->fmt) {
        case WF_FMT_atom:
        case WF_FMT_atom_u8:
        case WF_FMT_atom_u16:
        case WF_FMT_atom_label_u8: {
            JSAtom a = code[pc + 1] | (code[pc + 2] << 8) | (code[pc + 3] << 16) |
                       ((uint32_t)code[pc + 4] << 24);
            wf_atom_free(rt, a);
            break;
        }
        default:
            break;
        }
        pc += oi->size;
    }
}

void wf_fd_free(WFFuncDef *fd)
{
    JSContext *ctx;
    JSRuntime *rt;
    int i;
    if (!fd)
        return;
    ctx = fd->c->ctx;
    rt = ctx->rt;
    free_code_atoms(rt, fd->code.data, fd->code.len);
    wf_buf_free(ctx, &fd->code);
    wf_buf_free(ctx, &fd->pc2line);
    for (i = 0; i < fd->cpool_count; i++)
        JS_FreeValue(ctx, fd->cpool[i]);
    js_free(ctx, fd->cpool);
    for (i = 0; i < fd->arg_count; i++)
        wf_atom_free(rt, fd->args[i].name);
    js_free(ctx, fd->args);
    for (i = 0; i < fd->var_count; i++)
        wf_atom_free(rt, fd->vars[i].name);
    js_free(ctx, fd->vars);
    js_free(ctx, fd->scopes);
    for (i = 0; i < fd->cvar_count; i++)
        wf_atom_free(rt, fd->cvars[i].var_name);
    js_free(ctx, fd->cvars);
    js_free(ctx, fd->labels);
    js_free(ctx, fd->relocs);
    js_free(ctx, fd->temp_free);
    js_free(ctx, fd->opt_sites);
    wf_atom_free(rt, fd->func_name);
    js_free(ctx, fd);
}

/* ---------------------------------------------------------------------- */
/* Finalisation                                                            */

static uint32_t get_u32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint16_t get_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

/* ---- removal of unneeded instructions (see WFOptSite) ---- */

typedef struct P2LEntry {
    uint32_t pc;
    int line, col;
} P2LEntry;

static uint32_t rd_uleb(const uint8_t **pp, const uint8_t *end)
{
    const uint8_t *p = *pp;
    uint32_t v = 0;
    int shift = 0;
    while (p < end) {
        uint8_t b = *p++;
        if (shift < 32)
            v |= (uint32_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    *pp = p;
    return v;
}

/* Removes the OP_nop instructions, remapping labels, relocations and the
   pc2line table. */
static int compact_nops(WFFuncDef *fd)
{
    JSContext *ctx = fd->c->ctx;
    uint32_t len = fd->code.len, pc, out = 0;
    uint32_t *map;
    P2LEntry *ents = NULL;
    int nents = 0, sz = 0, i;
    const uint8_t *p, *end;
    bool any = false;

    for (pc = 0; pc < len; pc += wf_op_info[fd->code.data[pc]].size) {
        if (fd->code.data[pc] == OP_nop) {
            any = true;
            break;
        }
    }
    if (!any)
        return 0;
    map = js_malloc(ctx, sizeof(uint32_t) * (len + 1));
    if (!map)
        return wf_compile_oom(fd->c);
    /* the map first: nothing changes until every allocation succeeded */
    for (pc = 0; pc < len;) {
        uint8_t op = fd->code.data[pc];
        uint32_t n = wf_op_info[op].size;
        uint32_t k;
        for (k = 0; k < n; k++)
            map[pc + k] = out + (op == OP_nop ? 0 : k);
        if (op != OP_nop)
            out += n;
        pc += n;
    }
    map[len] = out;
    /* pc2line: decode, remap, re-encode */
    p = fd->pc2line.data;
    end = p + fd->pc2line.len;
    {
        uint32_t cpc = 0;
        int line = 0;
        while (p < end) {
            uint32_t dpc = rd_uleb(&p, end);
            uint32_t zz = rd_uleb(&p, end);
            uint32_t col = rd_uleb(&p, end);
            if (nents >= sz) {
                int ns = sz ? sz * 2 : 64;
                P2LEntry *ne = js_realloc(ctx, ents, sizeof(*ne) * ns);
                if (!ne) {
                    js_free(ctx, ents);
                    js_free(ctx, map);
                    return wf_compile_oom(fd->c);
                }
                ents = ne;
                sz = ns;
            }
            cpc += dpc;
            line += (int32_t)(zz >> 1) ^ -(int32_t)(zz & 1);
            ents[nents].pc = map[cpc <= len ? cpc : len];
            ents[nents].line = line;
            ents[nents].col = (int)col;
            nents++;
        }
    }
    /* compact the code (atom operands move with their instructions) */
    for (pc = 0; pc < len;) {
        uint8_t op = fd->code.data[pc];
        uint32_t n = wf_op_info[op].size;
        if (op != OP_nop)
            memmove(fd->code.data + map[pc], fd->code.data + pc, n);
        pc += n;
    }
    fd->code.len = out;
    fd->pc2line.len = 0;
    {
        uint32_t ppc = 0;
        int pline = 0;
        for (i = 0; i < nents; i++) {
            /* several entries may now share a pc: the last one wins */
            if (i + 1 < nents && ents[i + 1].pc == ents[i].pc)
                continue;
            put_uleb(fd, &fd->pc2line, ents[i].pc - ppc);
            put_sleb(fd, &fd->pc2line, ents[i].line - pline);
            put_uleb(fd, &fd->pc2line, (uint32_t)ents[i].col);
            ppc = ents[i].pc;
            pline = ents[i].line;
        }
    }
    js_free(ctx, ents);
    for (i = 0; i < fd->label_count; i++) {
        if (fd->labels[i].pos >= 0)
            fd->labels[i].pos = map[fd->labels[i].pos];
    }
    for (i = 0; i < fd->reloc_count; i++) {
        if (fd->relocs[i].label >= 0)
            fd->relocs[i].pos = map[fd->relocs[i].pos];
    }
    js_free(ctx, map);
    return fd->c->failed ? -1 : 0;
}

/* Jump threading: jumps to a `goto` go to its target; a `goto` to a
   return becomes the return; a `goto` to the next instruction goes.
   Runs before compact_nops (removed bytes become nops). */
static void thread_jumps(WFFuncDef *fd)
{
    uint8_t *code = fd->code.data;
    int *reloc_at;      /* code offset of a jump opcode -> reloc index */
    uint32_t len = fd->code.len;
    int i;
    reloc_at = js_malloc(fd->c->ctx, sizeof(int) * (len + 1));
    if (!reloc_at)
        return;
    for (i = 0; i <= (int)len; i++)
        reloc_at[i] = -1;
    for (i = 0; i < fd->reloc_count; i++) {
        uint32_t op_pos = fd->relocs[i].pos - 1;
        if (fd->relocs[i].pos >= 1 && fd->relocs[i].label >= 0 &&
            (code[op_pos] == OP_goto || code[op_pos] == OP_if_true || code[op_pos] == OP_if_false))
            reloc_at[op_pos] = i;
    }
    for (i = 0; i < fd->reloc_count; i++) {
        WFReloc *r = &fd->relocs[i];
        uint32_t op_pos = r->pos - 1;
        int hops = 0, t;
        if (reloc_at[op_pos] != i)
            continue;
        t = fd->labels[r->label].pos;
        while (t >= 0 && (uint32_t)t < len && code[t] == OP_goto && reloc_at[t] >= 0 &&
               hops++ < 8) {
            int nl = fd->relocs[reloc_at[t]].label;
            if (nl == r->label)
                break;
            r->label = nl;
            t = fd->labels[nl].pos;
        }
        if (code[op_pos] != OP_goto || t < 0 || (uint32_t)t >= len)
            continue;
        if (code[t] == OP_return || code[t] == OP_return_undef) {
            code[op_pos] = code[t];
            memset(code + op_pos + 1, OP_nop, 4);
            r->label = -1;
            reloc_at[op_pos] = -1;
        } else if ((uint32_t)t == op_pos + 5) {
            memset(code + op_pos, OP_nop, 5);
            r->label = -1;
            reloc_at[op_pos] = -1;
        }
    }
    js_free(fd->c->ctx, reloc_at);
}

static void remove_dead_sites(WFFuncDef *fd)
{
    int i;
    if (fd->contains_eval || fd->is_virtual)
        return;
    for (i = 0; i < fd->opt_site_count; i++) {
        WFOptSite *s = &fd->opt_sites[i];
        WFVar *v;
        if (s->var < 0 || s->var >= fd->var_count)
            continue;
        v = &fd->vars[s->var];
        if (v->is_captured || v->checked_use)
            continue;
        memset(fd->code.data + s->pos, OP_nop, s->len);
    }
}

static int resolve_relocs(WFFuncDef *fd)
{
    int i;
    for (i = 0; i < fd->reloc_count; i++) {
        WFReloc *r = &fd->relocs[i];
        int target;
        int32_t off;
        uint8_t *p;
        if (r->label < 0)
            continue;   /* removed by thread_jumps */
        target = fd->labels[r->label].pos;
        if (target < 0)
            return wf_compile_error(fd->c, fd->line, fd->col,
                                    "internal compiler error: unplaced label");
        off = target - (int32_t)r->pos;
        p = fd->code.data + r->pos;
        p[0] = (uint8_t)off;
        p[1] = (uint8_t)(off >> 8);
        p[2] = (uint8_t)(off >> 16);
        p[3] = (uint8_t)(off >> 24);
    }
    return 0;
}

/* Operand stack depth analysis: every reachable instruction is visited
   with the depth before it; jumps propagate to their targets.  Returns the
   maximum depth, or -1 (internal error). */
typedef struct SSState {
    int16_t *depth;     /* per pc: -1 unvisited */
    uint32_t *work;
    int work_count, work_size;
    int max;
    bool bad;
    JSContext *ctx;
} SSState;

static void ss_visit(SSState *s, uint32_t pc, int d)
{
    if (d < 0) {
        s->bad = true;
        return;
    }
    if (d > s->max)
        s->max = d;
    if (s->depth[pc] >= 0) {
        if (s->depth[pc] != d)
            s->bad = true;
        return;
    }
    if (d > 0x7fff) {
        s->bad = true;
        return;
    }
    s->depth[pc] = (int16_t)d;
    if (s->work_count >= s->work_size) {
        int ns = s->work_size ? s->work_size * 2 : 64;
        uint32_t *nw = js_realloc(s->ctx, s->work, sizeof(*nw) * ns);
        if (!nw) {
            s->bad = true;
            return;
        }
        s->work = nw;
        s->work_size = ns;
    }
    s->work[s->work_count++] = pc;
}

static int compute_stack_size(WFFuncDef *fd)
{
    SSState s;
    const uint8_t *code = fd->code.data;
    uint32_t len = fd->code.len;
    uint32_t i;
    memset(&s, 0, sizeof(s));
    s.ctx = fd->c->ctx;
    if (len == 0)
        return 0;
    s.depth = js_malloc(s.ctx, sizeof(int16_t) * len);
    if (!s.depth)
        return wf_compile_oom(fd->c);
    for (i = 0; i < len; i++)
        s.depth[i] = -1;
    ss_visit(&s, 0, 0);
    while (s.work_count > 0 && !s.bad) {
        uint32_t pc = s.work[--s.work_count];
        int d = s.depth[pc];
        uint8_t op = code[pc];
        const WFOpInfo *oi = &wf_op_info[op];
        uint32_t next = pc + oi->size;
        int n_pop = oi->n_pop;
        int target = -1, tdepth = 0;
        if (op >= OP_COUNT || next > len) {
            s.bad = true;
            break;
        }
        if (oi->fmt == WF_FMT_npop || oi->fmt == WF_FMT_npop_u16)
            n_pop += get_u16(code + pc + 1);
        if (d < n_pop) {
            s.bad = true;
            break;
        }
        switch (op) {
        case OP_goto:
            ss_visit(&s, pc + 1 + (int32_t)get_u32(code + pc + 1), d);
            continue;
        case OP_return:
        case OP_return_undef:
        case OP_throw:
        case OP_throw_error:
        case OP_ret:
            continue;
        case OP_if_true:
        case OP_if_false:
            target = pc + 1 + (int32_t)get_u32(code + pc + 1);
            tdepth = d - 1;
            break;
        case OP_catch:
            /* handler entry: marker replaced by the exception */
            target = pc + 1 + (int32_t)get_u32(code + pc + 1);
            tdepth = d + 1;
            break;
        case OP_gosub:
            /* the finally block runs with the return address pushed and
               comes back with it popped */
            ss_visit(&s, pc + 1 + (int32_t)get_u32(code + pc + 1), d + 1);
            ss_visit(&s, next, d);
            continue;
        case OP_with_get_var:
        case OP_with_delete_var:
            target = pc + 5 + (int32_t)get_u32(code + pc + 5);
            tdepth = d;         /* obj replaced by the value */
            break;
        case OP_with_put_var:
            target = pc + 5 + (int32_t)get_u32(code + pc + 5);
            tdepth = d - 2;
            break;
        case OP_with_get_ref:
            target = pc + 5 + (int32_t)get_u32(code + pc + 5);
            tdepth = d + 1;
            break;
        case OP_with_find:
            target = pc + 5 + (int32_t)get_u32(code + pc + 5);
            tdepth = d;
            break;
        default:
            break;
        }
        if (target >= 0) {
            if ((uint32_t)target >= len) {
                s.bad = true;
                break;
            }
            ss_visit(&s, target, tdepth);
        }
        if (next < len)
            ss_visit(&s, next, d - n_pop + oi->n_push);
        else if (next > len)
            s.bad = true;
    }
    js_free(s.ctx, s.depth);
    js_free(s.ctx, s.work);
    if (s.bad)
        return wf_compile_error(fd->c, fd->line, fd->col,
                                "internal compiler error: inconsistent stack");
    if (s.max > 0xffff)
        return wf_compile_error(fd->c, fd->line, fd->col, "function too complex");
    return s.max;
}

static void fill_vardef(JSVarDef *vd, const WFVar *v)
{
    vd->var_name = v->name;
    vd->scope_level = v->scope;
    vd->is_const = v->is_const;
    vd->is_lexical = v->is_lexical;
    vd->is_captured = v->is_captured;
    vd->var_kind = v->kind;
}

JSValue wf_fd_finish(WFFuncDef *fd)
{
    WFCompiler *c = fd->c;
    JSContext *ctx = c->ctx;
    JSRuntime *rt = ctx->rt;
    JSFunctionBytecode *b;
    int stack_size, i, nvars;

    /* every function ends with a return */
    if (!wf_emit_is_dead(fd) || fd->code.len == 0)
        wf_emit_op(fd, OP_return_undef);
    if (c->failed)
        return JS_EXCEPTION;
    remove_dead_sites(fd);
    thread_jumps(fd);
    if (compact_nops(fd) < 0)
        return JS_EXCEPTION;
    if (resolve_relocs(fd) < 0)
        return JS_EXCEPTION;
    stack_size = compute_stack_size(fd);
    if (stack_size < 0)
        return JS_EXCEPTION;
    if (fd->var_count > WF_MAX_LOCALS || fd->arg_count > WF_MAX_LOCALS ||
        fd->cvar_count > 0xffff) {
        wf_compile_error(c, fd->line, fd->col, "too many variables");
        return JS_EXCEPTION;
    }

    b = js_mallocz(ctx, sizeof(*b));
    if (!b) {
        wf_compile_oom(c);
        return JS_EXCEPTION;
    }
    wf_gc_add(rt, &b->header, WF_GC_FUNCTION_BYTECODE);
    /* From here on, b owns what is moved into it; wf_bytecode_free_contents
       copes with partially filled bytecode (the GC frees it on release). */
    b->code = fd->code.data;
    b->code_len = fd->code.len;
    fd->code.data = NULL;
    fd->code.len = fd->code.size = 0;
    b->pc2line = fd->pc2line.data;
    b->pc2line_len = fd->pc2line.len;
    fd->pc2line.data = NULL;
    fd->pc2line.len = fd->pc2line.size = 0;

    b->arg_count = (uint16_t)fd->arg_count;
    b->var_count = (uint16_t)fd->var_count;
    b->defined_arg_count = fd->defined_arg_count;
    b->stack_size = (uint16_t)stack_size;
    b->func_kind = fd->func_kind;
    b->code_kind = fd->code_kind;
    b->is_strict = fd->is_strict;
    b->is_arrow = fd->is_arrow;
    b->is_method = fd->is_method;
    b->is_class_constructor = fd->is_class_ctor;
    b->is_derived_class_constructor = fd->is_derived_ctor;
    b->has_simple_parameter_list = fd->simple_params;
    b->needs_home_object = fd->needs_home_object;
    b->new_target_allowed = fd->new_target_allowed;
    b->super_call_allowed = fd->super_call_allowed;
    b->super_allowed = fd->super_allowed;
    b->arguments_allowed = fd->arguments_allowed;
    b->has_eval_call = fd->has_eval_call;
    b->uses_arguments = fd->arguments_var >= 0;
    b->has_this_binding = fd->has_this_binding;
    b->is_field_init = fd->is_field_init;
    if (fd->code_kind == WF_CODE_FUNCTION && !fd->is_arrow && !fd->is_method &&
        !fd->is_field_init && fd->func_kind != WF_FUNC_KIND_ASYNC) {
        b->is_constructor = fd->func_kind == WF_FUNC_KIND_NORMAL;
        b->has_prototype = fd->func_kind == WF_FUNC_KIND_NORMAL ||
                           fd->func_kind == WF_FUNC_KIND_GENERATOR ||
                           fd->func_kind == WF_FUNC_KIND_ASYNC_GENERATOR;
    }
    if (fd->is_class_ctor) {
        b->is_constructor = 1;
        b->has_prototype = 0;
    }
    if (fd->is_method && (fd->func_kind == WF_FUNC_KIND_GENERATOR ||
                          fd->func_kind == WF_FUNC_KIND_ASYNC_GENERATOR))
        b->has_prototype = 1;

    b->cpool = fd->cpool;
    b->cpool_count = fd->cpool_count;
    fd->cpool = NULL;
    fd->cpool_count = fd->cpool_size = 0;

    nvars = fd->arg_count + fd->var_count;
    if (nvars > 0) {
        b->vardefs = js_mallocz(ctx, sizeof(JSVarDef) * nvars);
        if (!b->vardefs)
            goto oom;
        for (i = 0; i < fd->arg_count; i++) {
            fill_vardef(&b->vardefs[i], &fd->args[i]);
            fd->args[i].name = JS_ATOM_NULL;
        }
        for (i = 0; i < fd->var_count; i++) {
            fill_vardef(&b->vardefs[fd->arg_count + i], &fd->vars[i]);
            fd->vars[i].name = JS_ATOM_NULL;
        }
    }
    /* the names moved into vardefs; keep the counts right for wf_fd_free */
    if (fd->cvar_count > 0) {
        b->closure_var = fd->cvars;
        b->closure_var_count = (uint16_t)fd->cvar_count;
        fd->cvars = NULL;
        fd->cvar_count = fd->cvar_size = 0;
    }
    if (fd->has_eval_call || fd->contains_eval) {
        b->scope_count = fd->scope_count;
        if (fd->scope_count > 0) {
            b->scope_parent = js_malloc(ctx, sizeof(int32_t) * fd->scope_count);
            if (!b->scope_parent)
                goto oom;
            for (i = 0; i < fd->scope_count; i++)
                b->scope_parent[i] = fd->scopes[i].parent;
        }
        b->has_debug_names = 1;
    }
    b->func_name = fd->func_name;
    fd->func_name = JS_ATOM_empty_string;
    b->filename = wf_atom_dup(rt, c->filename_atom);
    b->line = fd->line;
    b->col = fd->col;
    if (c->source) {
        c->source->ref_count++;
        b->source = c->source;
        b->src_start = fd->src_start;
        b->src_end = fd->src_end;
    }
    b->ic_count = fd->ic_count;
    b->realm = ctx;
    ctx->header.ref_count++;
    return JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, b);
oom:
    wf_compile_oom(c);
    JS_FreeValue(ctx, JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, b));
    return JS_EXCEPTION;
}
