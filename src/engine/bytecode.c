/*
 * bytecode.c - JSFunctionBytecode support shared by the compiler and the
 * interpreter: the opcode table, releasing a bytecode's contents, the
 * pc -> source position lookup used by backtraces, the shared source
 * buffer, and a disassembler (JS_DUMP_BYTECODE_* dump flags and
 * tools/compilecheck).
 */
#include <stdio.h>
#include <string.h>
#include <inttypes.h>

#include "engine/bytecode.h"
#include "engine/state.h"
#include "engine/atom.h"
#include "engine/jsstring.h"

const WFOpInfo wf_op_info[OP_COUNT] = {
#define DEF(id, size, n_pop, n_push, f) { #id, size, n_pop, n_push, WF_FMT_##f },
#include "engine/opcodes.def"
#undef DEF
};

/* ---------------------------------------------------------------------- */
/* Source buffer                                                           */

WFSource *wf_source_new(JSRuntime *rt, const char *text, size_t len)
{
    WFSource *s;
    if (len > UINT32_MAX - 1)
        return NULL;
    s = js_malloc_rt(rt, sizeof(WFSource) + len + 1);
    if (!s)
        return NULL;
    s->ref_count = 1;
    s->len = (uint32_t)len;
    if (len)
        memcpy(s->data, text, len);
    s->data[len] = '\0';
    return s;
}

void wf_source_release(JSRuntime *rt, WFSource *s)
{
    if (s && --s->ref_count <= 0)
        js_free_rt(rt, s);
}

/* ---------------------------------------------------------------------- */
/* Releasing                                                               */

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

void wf_bytecode_free_contents(JSRuntime *rt, JSFunctionBytecode *b)
{
    uint32_t i, pc;
    if (b->code) {
        /* atoms held by instruction operands */
        for (pc = 0; pc < b->code_len;) {
            uint8_t op = b->code[pc];
            const WFOpInfo *oi;
            if (op >= OP_COUNT)
                break;
            oi = &wf_op_info[op];
            if (pc + oi->size > b->code_len)
                break;
            switch (oi->fmt) {
            case WF_FMT_atom:
            case WF_FMT_atom_u8:
            case WF_FMT_atom_u16:
            case WF_FMT_atom_label_u8:
                wf_atom_free(rt, rd32(b->code + pc + 1));
                break;
            default:
                break;
            }
            pc += oi->size;
        }
        js_free_rt(rt, b->code);
        b->code = NULL;
    }
    if (b->cpool) {
        for (i = 0; i < b->cpool_count; i++)
            JS_FreeValueRT(rt, b->cpool[i]);
        js_free_rt(rt, b->cpool);
        b->cpool = NULL;
    }
    if (b->vardefs) {
        for (i = 0; i < (uint32_t)b->arg_count + b->var_count; i++)
            wf_atom_free(rt, b->vardefs[i].var_name);
        js_free_rt(rt, b->vardefs);
        b->vardefs = NULL;
    }
    if (b->closure_var) {
        for (i = 0; i < b->closure_var_count; i++)
            wf_atom_free(rt, b->closure_var[i].var_name);
        js_free_rt(rt, b->closure_var);
        b->closure_var = NULL;
    }
    js_free_rt(rt, b->scope_parent);
    b->scope_parent = NULL;
    js_free_rt(rt, b->pc2line);
    b->pc2line = NULL;
    js_free_rt(rt, b->ic);
    b->ic = NULL;
    if (b->func_name != JS_ATOM_NULL)
        wf_atom_free(rt, b->func_name);
    b->func_name = JS_ATOM_NULL;
    if (b->filename != JS_ATOM_NULL)
        wf_atom_free(rt, b->filename);
    b->filename = JS_ATOM_NULL;
    wf_source_release(rt, b->source);
    b->source = NULL;
    if (b->realm) {
        JSContext *realm = b->realm;
        b->realm = NULL;
        wf_gc_release(rt, &realm->header);
    }
}

/* ---------------------------------------------------------------------- */
/* Positions                                                               */

static uint32_t read_uleb(const uint8_t **pp, const uint8_t *end)
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

void wf_bytecode_find_pos(const JSFunctionBytecode *b, uint32_t pc, int *pline, int *pcol)
{
    const uint8_t *p = b->pc2line, *end;
    uint32_t cur_pc = 0;
    int line = 0, col = 0;
    bool found = false;
    if (!p) {
        *pline = b->line;
        *pcol = b->col;
        return;
    }
    end = p + b->pc2line_len;
    while (p < end) {
        uint32_t dpc = read_uleb(&p, end);
        uint32_t zz = read_uleb(&p, end);
        int32_t dline = (int32_t)(zz >> 1) ^ -(int32_t)(zz & 1);
        uint32_t c = read_uleb(&p, end);
        if (cur_pc + dpc > pc)
            break;
        cur_pc += dpc;
        line += dline;
        col = (int)c;
        found = true;
    }
    if (!found) {
        *pline = b->line;
        *pcol = b->col;
    } else {
        *pline = line;
        *pcol = col;
    }
}

/* ---------------------------------------------------------------------- */
/* Disassembler                                                            */

static void print_atom(JSRuntime *rt, JSAtom a)
{
    char buf[64];
    if (a == JS_ATOM_NULL) {
        printf("<null>");
        return;
    }
    printf("%s", wf_atom_get_cstr(rt, buf, sizeof(buf), a));
}

static void print_value(JSContext *ctx, JSValueConst v)
{
    switch (JS_VALUE_GET_TAG(v)) {
    case JS_TAG_INT:
        printf("%d", JS_VALUE_GET_INT(v));
        break;
    case JS_TAG_FLOAT64:
        printf("%.17g", JS_VALUE_GET_FLOAT64(v));
        break;
    case JS_TAG_STRING: {
        JSString *s = wf_str(v);
        uint32_t i;
        putchar('"');
        for (i = 0; i < s->len && i < 40; i++) {
            uint32_t c = wf_str_get(s, i);
            if (c >= 32 && c < 127 && c != '"')
                putchar((int)c);
            else
                printf("\\u%04x", c);
        }
        if (s->len > 40)
            printf("...");
        putchar('"');
        break;
    }
    case JS_TAG_FUNCTION_BYTECODE: {
        JSFunctionBytecode *b = wf_bytecode(v);
        printf("<function ");
        print_atom(ctx->rt, b->func_name);
        printf(">");
        break;
    }
    case JS_TAG_OBJECT:
        printf("<object>");
        break;
    case JS_TAG_BIG_INT:
    case JS_TAG_SHORT_BIG_INT:
        printf("<bigint>");
        break;
    default:
        printf("<tag %d>", JS_VALUE_GET_TAG(v));
        break;
    }
}

static void print_var_name(JSRuntime *rt, const JSFunctionBytecode *b, int idx, bool is_arg)
{
    int n = is_arg ? idx : b->arg_count + idx;
    if (b->vardefs && idx < (is_arg ? b->arg_count : b->var_count) &&
        b->vardefs[n].var_name != JS_ATOM_NULL) {
        printf(" (");
        print_atom(rt, b->vardefs[n].var_name);
        printf(")");
    }
}

static void dump_one(JSContext *ctx, const JSFunctionBytecode *b, uint64_t flags)
{
    JSRuntime *rt = ctx->rt;
    uint32_t pc, i;
    static const char *const kinds[] = { "function", "script", "eval", "module" };
    printf("\n%s ", b->code_kind < 4 ? kinds[b->code_kind] : "?");
    print_atom(rt, b->func_name);
    printf(" (");
    print_atom(rt, b->filename);
    printf(":%d:%d)%s%s%s\n", b->line, b->col, b->is_strict ? " strict" : "",
           b->is_arrow ? " arrow" : "", b->has_eval_call ? " eval" : "");
    printf("  args=%d vars=%d length=%d stack=%d closure_vars=%d cpool=%u ic=%u\n",
           b->arg_count, b->var_count, b->defined_arg_count, b->stack_size,
           b->closure_var_count, b->cpool_count, b->ic_count);
    for (i = 0; i < (uint32_t)b->arg_count + b->var_count && b->vardefs; i++) {
        const JSVarDef *vd = &b->vardefs[i];
        printf("  %s%u: ", i < b->arg_count ? "arg" : "loc",
               i < b->arg_count ? i : i - b->arg_count);
        print_atom(rt, vd->var_name);
        printf(" scope=%d%s%s%s kind=%d\n", vd->scope_level, vd->is_const ? " const" : "",
               vd->is_lexical ? " lexical" : "", vd->is_captured ? " captured" : "",
               vd->var_kind);
    }
    for (i = 0; i < b->closure_var_count; i++) {
        const JSClosureVar *cv = &b->closure_var[i];
        printf("  cvar%u: ", i);
        print_atom(rt, cv->var_name);
        printf(" %s%u%s%s kind=%d\n", cv->is_local ? (cv->is_arg ? "parent arg" : "parent loc") :
               "parent cvar", cv->var_idx, cv->is_const ? " const" : "",
               cv->is_lexical ? " lexical" : "", cv->var_kind);
    }
    for (pc = 0; pc < b->code_len;) {
        uint8_t op = b->code[pc];
        const WFOpInfo *oi;
        const uint8_t *p;
        if (op >= OP_COUNT) {
            printf("  %5u: <bad opcode %u>\n", pc, op);
            break;
        }
        oi = &wf_op_info[op];
        p = b->code + pc + 1;
        if (flags & JS_DUMP_BYTECODE_PC2LINE) {
            int line, col;
            wf_bytecode_find_pos(b, pc, &line, &col);
            printf("  %4d:%-3d", line, col);
        }
        printf("  %5u: ", pc);
        if (flags & JS_DUMP_BYTECODE_HEX) {
            for (i = 0; i < 10; i++) {
                if (i < oi->size)
                    printf("%02x ", b->code[pc + i]);
                else
                    printf("   ");
            }
        }
        printf("%s", oi->name);
        switch (oi->fmt) {
        case WF_FMT_u8: printf(" %u", p[0]); break;
        case WF_FMT_i8: printf(" %d", (int8_t)p[0]); break;
        case WF_FMT_u16: printf(" %u", rd16(p)); break;
        case WF_FMT_i16: printf(" %d", (int16_t)rd16(p)); break;
        case WF_FMT_i32: printf(" %d", (int32_t)rd32(p)); break;
        case WF_FMT_u32: printf(" %u", rd32(p)); break;
        case WF_FMT_npop: printf(" %u", rd16(p)); break;
        case WF_FMT_npop_u16: printf(" %u scope=%u", rd16(p), rd16(p + 2)); break;
        case WF_FMT_u16_u8: printf(" %u %u", rd16(p), p[2]); break;
        case WF_FMT_loc:
            printf(" %u", rd16(p));
            print_var_name(rt, b, rd16(p), false);
            break;
        case WF_FMT_arg:
            printf(" %u", rd16(p));
            print_var_name(rt, b, rd16(p), true);
            break;
        case WF_FMT_var_ref:
            printf(" %u", rd16(p));
            if (rd16(p) < b->closure_var_count) {
                printf(" (");
                print_atom(rt, b->closure_var[rd16(p)].var_name);
                printf(")");
            }
            break;
        case WF_FMT_const:
            printf(" %u: ", rd32(p));
            if (rd32(p) < b->cpool_count)
                print_value(ctx, b->cpool[rd32(p)]);
            break;
        case WF_FMT_atom:
            putchar(' ');
            print_atom(rt, rd32(p));
            break;
        case WF_FMT_atom_u8:
            putchar(' ');
            print_atom(rt, rd32(p));
            printf(" %u", p[4]);
            break;
        case WF_FMT_atom_u16:
            putchar(' ');
            print_atom(rt, rd32(p));
            printf(" ic=%u", rd16(p + 4));
            break;
        case WF_FMT_atom_label_u8:
            putchar(' ');
            print_atom(rt, rd32(p));
            printf(" -> %u %u", (uint32_t)(pc + 5 + (int32_t)rd32(p + 4)), p[8]);
            break;
        case WF_FMT_label:
            printf(" -> %u", (uint32_t)(pc + 1 + (int32_t)rd32(p)));
            break;
        default:
            break;
        }
        /* short forms carry their index in the opcode */
        if (op >= OP_get_loc0 && op <= OP_set_loc3)
            print_var_name(rt, b, (op - OP_get_loc0) % 4, false);
        else if (op >= OP_get_arg0 && op <= OP_put_arg3)
            print_var_name(rt, b, (op - OP_get_arg0) % 4, true);
        putchar('\n');
        pc += oi->size;
    }
}

void wf_bytecode_dump(JSContext *ctx, const JSFunctionBytecode *b, uint64_t flags)
{
    uint32_t i;
    dump_one(ctx, b, flags);
    for (i = 0; i < b->cpool_count; i++) {
        if (JS_VALUE_GET_TAG(b->cpool[i]) == JS_TAG_FUNCTION_BYTECODE)
            wf_bytecode_dump(ctx, wf_bytecode(b->cpool[i]), flags);
    }
    fflush(stdout);
}
