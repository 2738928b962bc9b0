/*
 * serialize_bc.c - compiled code in the serialized format
 * (JS_WRITE_OBJ_BYTECODE / JS_READ_OBJ_BYTECODE): function bytecode
 * (engine/bytecode.h) and module records (engine/module.h), for weftc's
 * precompiled files and for embedded JavaScript.
 *
 * Atoms are runtime-specific numbers, so every atom a function holds (in
 * instruction operands, variable and closure names, names of the function
 * and its file) goes through the key table of the format and is
 * re-interned by the reader; instruction operands are written as zero and
 * the atoms follow the code in operand order.  The header of a file with
 * code carries a fingerprint of the opcode table and of the constant atoms,
 * so bytecode from another Weft build is refused instead of misread.
 *
 * Compiled code is trusted input: the reader checks the structure
 * (lengths, indices, that the instruction stream decodes and that every
 * atom is valid) but does not verify the code itself, which is why
 * JS_READ_OBJ_BYTECODE must never be given for data from elsewhere.
 */
#include <string.h>

#include "engine/serialize_int.h"
#include "engine/bytecode.h"
#include "engine/module.h"
#include "engine/object.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/list.h"

static const char *const const_atom_names[] = {
#define DEF(id, str) str,
#define DEF_SYMBOL(id, str) str,
#include "engine/atoms.def"
#undef DEF
#undef DEF_SYMBOL
};

uint32_t wf_ser_bytecode_fingerprint(void)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < OP_COUNT; i++) {
        const WFOpInfo *oi = &wf_op_info[i];
        for (const char *s = oi->name; s && *s; s++)
            h = (h ^ (uint8_t)*s) * 16777619u;
        h = (h ^ oi->size) * 16777619u;
        h = (h ^ oi->fmt) * 16777619u;
    }
    for (size_t i = 0; i < sizeof(const_atom_names) / sizeof(const_atom_names[0]); i++) {
        for (const char *s = const_atom_names[i]; *s; s++)
            h = (h ^ (uint8_t)*s) * 16777619u;
        h = (h ^ 0xff) * 16777619u;
    }
    return h;
}

static inline uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline bool fmt_has_atom(int fmt)
{
    return fmt == WF_FMT_atom || fmt == WF_FMT_atom_u8 || fmt == WF_FMT_atom_u16 ||
           fmt == WF_FMT_atom_label_u8;
}

/* The one-bit fields of JSFunctionBytecode that travel in the flags word,
   bit 0 first.  Append only: the order is part of the format. */
#define BC_FLAG_FIELDS(X)                                                    \
    X(is_strict) X(is_arrow) X(is_method) X(is_class_constructor)            \
    X(is_derived_class_constructor) X(is_constructor)                        \
    X(has_simple_parameter_list) X(has_prototype) X(needs_home_object)       \
    X(new_target_allowed) X(super_call_allowed) X(super_allowed)             \
    X(arguments_allowed) X(has_eval_call) X(uses_arguments)                  \
    X(uses_mapped_arguments) X(has_this_binding) X(is_field_init)            \
    X(has_debug_names)

enum {
#define X(field) BF_##field,
    BC_FLAG_FIELDS(X)
#undef X
    BF_COUNT
};

static uint32_t bc_flags(const JSFunctionBytecode *b)
{
    uint32_t f = 0;
#define X(field) f |= (uint32_t)(b->field ? 1 : 0) << BF_##field;
    BC_FLAG_FIELDS(X)
#undef X
    return f;
}

static void bc_set_flags(JSFunctionBytecode *b, uint32_t f)
{
#define X(field) b->field = (f >> BF_##field) & 1;
    BC_FLAG_FIELDS(X)
#undef X
}

/* ------------------------------------------------------------------ */
/* Writer */

static int put_closure_var(WFWriter *w, const JSClosureVar *cv)
{
    uint8_t f = (uint8_t)(cv->is_local | cv->is_arg << 1 | cv->is_const << 2 | cv->is_lexical << 3);
    if (wf_ser_put_u8(w, f) < 0 || wf_ser_put_u8(w, cv->var_kind) < 0 ||
        wf_ser_put_uleb(w, cv->var_idx) < 0)
        return -1;
    return wf_ser_put_key(w, cv->var_name);
}

/* A template object of the constant pool (frozen array with a frozen
   `raw` array): 1 written, 0 not a template object, -1. */
static int put_template(WFWriter *w, JSValueConst v)
{
    JSContext *ctx = w->ctx;
    JSObject *p = wf_obj(v);
    JSPropertyDescriptor d;
    JSValue raw = JS_UNDEFINED;
    int64_t n, i;
    int r;

    if (p->class_id != JS_CLASS_ARRAY || p->extensible)
        return 0;
    r = wf_obj_get_own_property(ctx, &d, v, JS_ATOM_raw);
    if (r < 0)
        return -1;
    if (!r)
        return 0;
    if (!(d.flags & JS_PROP_GETSET))
        raw = JS_DupValue(ctx, d.value);
    wf_desc_free(ctx, &d);
    if (!JS_IsObject(raw) || wf_obj(raw)->class_id != JS_CLASS_ARRAY) {
        JS_FreeValue(ctx, raw);
        return 0;
    }
    n = wf_array_length(p);
    r = wf_ser_put_u8(w, T_TEMPLATE);
    if (!r)
        r = wf_ser_put_uleb(w, (uint64_t)n);
    for (i = 0; i < n && !r; i++) {
        JSValue c = wf_obj_get_int64(ctx, v, i);
        if (JS_IsException(c)) {
            r = -1;
            break;
        }
        r = wf_ser_write_value(w, c);
        JS_FreeValue(ctx, c);
    }
    for (i = 0; i < n && !r; i++) {
        JSValue c = wf_obj_get_int64(ctx, raw, i);
        if (JS_IsException(c)) {
            r = -1;
            break;
        }
        r = wf_ser_write_value(w, c);
        JS_FreeValue(ctx, c);
    }
    JS_FreeValue(ctx, raw);
    return r < 0 ? -1 : 1;
}

static int put_source(WFWriter *w, const JSFunctionBytecode *b)
{
    uint32_t i;
    if (!b->source || (w->flags & JS_WRITE_OBJ_STRIP_SOURCE))
        return wf_ser_put_u8(w, 0);
    for (i = 0; i < w->n_sources; i++) {
        if (w->sources[i] == b->source)
            break;
    }
    if (i == w->n_sources) {
        if (w->n_sources >= w->sources_size) {
            uint32_t ns = w->sources_size ? w->sources_size * 2 : 4;
            WFSource **nt = js_realloc_rt(w->rt, w->sources, sizeof(*nt) * ns);
            if (!nt) {
                JS_ThrowOutOfMemory(w->ctx);
                w->error = true;
                return -1;
            }
            w->sources = nt;
            w->sources_size = ns;
        }
        w->sources[w->n_sources++] = b->source;
        if (wf_ser_put_u8(w, 1) < 0 || wf_ser_put_uleb(w, b->source->len) < 0 ||
            wf_ser_put_bytes(w, b->source->data, b->source->len) < 0)
            return -1;
    } else {
        if (wf_ser_put_u8(w, 2) < 0 || wf_ser_put_uleb(w, i) < 0)
            return -1;
    }
    if (wf_ser_put_uleb(w, b->src_start) < 0)
        return -1;
    return wf_ser_put_uleb(w, b->src_end);
}

int wf_ser_write_bytecode(WFWriter *w, JSValueConst v)
{
    const JSFunctionBytecode *b = wf_bytecode(v);
    bool debug = !(w->flags & JS_WRITE_OBJ_STRIP_DEBUG);
    uint32_t i, pc, nvars = (uint32_t)b->arg_count + b->var_count;
    size_t code_pos;

    if (wf_check_stack_overflow(w->rt, 0)) {
        JS_ThrowRangeError(w->ctx, "Maximum call stack size exceeded");
        w->error = true;
        return -1;
    }
    if (wf_ser_put_u8(w, T_FUNCTION_BC) < 0 || wf_ser_put_uleb(w, bc_flags(b)) < 0 ||
        wf_ser_put_u8(w, b->func_kind) < 0 || wf_ser_put_u8(w, b->code_kind) < 0 ||
        wf_ser_put_uleb(w, b->arg_count) < 0 || wf_ser_put_uleb(w, b->var_count) < 0 ||
        wf_ser_put_uleb(w, b->defined_arg_count) < 0 || wf_ser_put_uleb(w, b->stack_size) < 0 ||
        wf_ser_put_uleb(w, b->closure_var_count) < 0 || wf_ser_put_uleb(w, b->ic_count) < 0 ||
        wf_ser_put_key(w, b->func_name) < 0)
        return -1;
    /* positions */
    if (wf_ser_put_u8(w, debug) < 0)
        return -1;
    if (debug) {
        if (wf_ser_put_key(w, b->filename) < 0 || wf_ser_put_sleb(w, b->line) < 0 ||
            wf_ser_put_sleb(w, b->col) < 0 || wf_ser_put_uleb(w, b->pc2line_len) < 0 ||
            wf_ser_put_bytes(w, b->pc2line, b->pc2line_len) < 0)
            return -1;
    } else {
        if (wf_ser_put_key(w, b->filename) < 0)
            return -1;
    }
    for (i = 0; i < nvars; i++) {
        const JSVarDef *vd = &b->vardefs[i];
        if (wf_ser_put_key(w, vd->var_name) < 0 || wf_ser_put_sleb(w, vd->scope_level) < 0 ||
            wf_ser_put_u8(w, (uint8_t)(vd->is_const | vd->is_lexical << 1 | vd->is_captured << 2)) < 0 ||
            wf_ser_put_u8(w, vd->var_kind) < 0)
            return -1;
    }
    for (i = 0; i < b->closure_var_count; i++) {
        if (put_closure_var(w, &b->closure_var[i]) < 0)
            return -1;
    }
    if (wf_ser_put_uleb(w, b->scope_parent ? b->scope_count : 0) < 0)
        return -1;
    for (i = 0; b->scope_parent && i < b->scope_count; i++) {
        if (wf_ser_put_sleb(w, b->scope_parent[i]) < 0)
            return -1;
    }
    if (put_source(w, b) < 0)
        return -1;
    /* code, atom operands zeroed, then the atoms in operand order */
    if (wf_ser_put_uleb(w, b->code_len) < 0)
        return -1;
    code_pos = w->len;
    if (wf_ser_put_bytes(w, b->code, b->code_len) < 0)
        return -1;
    for (pc = 0; pc < b->code_len;) {
        const WFOpInfo *oi = &wf_op_info[b->code[pc]];
        if (fmt_has_atom(oi->fmt)) {
            wr32(w->buf + code_pos + pc + 1, 0);
            if (wf_ser_put_key(w, rd32(b->code + pc + 1)) < 0)
                return -1;
        }
        pc += oi->size;
    }
    if (wf_ser_put_uleb(w, b->cpool_count) < 0)
        return -1;
    for (i = 0; i < b->cpool_count; i++) {
        JSValueConst c = b->cpool[i];
        if (JS_IsObject(c)) {
            int r = put_template(w, c);
            if (r < 0) {
                w->error = true;
                return -1;
            }
            if (r)
                continue;
        }
        if (wf_ser_write_value(w, c) < 0)
            return -1;
    }
    return 0;
}

int wf_ser_write_module(WFWriter *w, JSValueConst v)
{
    const JSModuleDef *m = JS_VALUE_GET_PTR(v);
    int i;
    if (m->is_json || m->c_init) {
        JS_ThrowTypeError(w->ctx, "only JavaScript modules can be serialized");
        w->error = true;
        return -1;
    }
    if (wf_ser_put_u8(w, T_MODULE) < 0 || wf_ser_put_key(w, m->name) < 0 ||
        wf_ser_put_uleb(w, (uint32_t)m->req_count) < 0)
        return -1;
    for (i = 0; i < m->req_count; i++) {
        if (wf_ser_put_key(w, m->reqs[i].specifier) < 0 ||
            wf_ser_write_value(w, m->reqs[i].attributes) < 0)
            return -1;
    }
    if (wf_ser_put_uleb(w, (uint32_t)m->import_count) < 0)
        return -1;
    for (i = 0; i < m->import_count; i++) {
        const WFImportEntry *e = &m->imports[i];
        if (wf_ser_put_uleb(w, (uint32_t)e->req) < 0 || wf_ser_put_key(w, e->import_name) < 0 ||
            wf_ser_put_uleb(w, (uint32_t)e->slot) < 0)
            return -1;
    }
    if (wf_ser_put_uleb(w, (uint32_t)m->export_count) < 0)
        return -1;
    for (i = 0; i < m->export_count; i++) {
        const WFExportEntry *e = &m->exports[i];
        if (wf_ser_put_key(w, e->export_name) < 0 || wf_ser_put_sleb(w, e->slot) < 0 ||
            wf_ser_put_sleb(w, e->req) < 0 || wf_ser_put_key(w, e->import_name) < 0)
            return -1;
    }
    if (wf_ser_put_uleb(w, (uint32_t)m->star_export_count) < 0)
        return -1;
    for (i = 0; i < m->star_export_count; i++) {
        if (wf_ser_put_uleb(w, (uint32_t)m->star_exports[i]) < 0)
            return -1;
    }
    if (wf_ser_put_uleb(w, (uint32_t)m->slot_count) < 0)
        return -1;
    for (i = 0; i < m->slot_count; i++) {
        if (put_closure_var(w, &m->slots[i]) < 0)
            return -1;
    }
    if (wf_ser_put_sleb(w, m->meta_slot) < 0 || wf_ser_put_u8(w, m->has_tla) < 0)
        return -1;
    if (wf_ser_write_value(w, m->body) < 0)
        return -1;
    return wf_ser_write_value(w, m->init);
}

/* ------------------------------------------------------------------ */
/* Reader */

static int get_uleb16(WFReader *r, uint16_t *pv)
{
    uint32_t v;
    if (wf_ser_get_uleb32(r, &v) < 0)
        return -1;
    if (v > 0xffff)
        return wf_ser_bad(r, "count too large");
    *pv = (uint16_t)v;
    return 0;
}

/* A key that must be present (not K_END). */
static int get_atom(WFReader *r, JSAtom *pa, bool nullable)
{
    JSAtom a = wf_ser_get_key(r);
    if (a == JS_ATOM_NULL && (r->error || !nullable))
        return r->error ? -1 : wf_ser_bad(r, "missing name");
    *pa = a;
    return 0;
}

static int get_closure_var(WFReader *r, JSClosureVar *cv)
{
    uint8_t f = 0, kind = 0;
    uint16_t idx = 0;
    if (wf_ser_get_u8(r, &f) < 0 || wf_ser_get_u8(r, &kind) < 0 || get_uleb16(r, &idx) < 0)
        return -1;
    if ((f & ~0xf) || kind > 15)
        return wf_ser_bad(r, "bad closure variable");
    cv->is_local = f & 1;
    cv->is_arg = (f >> 1) & 1;
    cv->is_const = (f >> 2) & 1;
    cv->is_lexical = (f >> 3) & 1;
    cv->var_kind = kind;
    cv->var_idx = idx;
    return get_atom(r, &cv->var_name, true);
}

static JSValue read_template(WFReader *r)
{
    JSContext *ctx = r->ctx;
    uint32_t n, i;
    JSValue cooked, raw;
    if (wf_ser_get_uleb32(r, &n) < 0)
        return JS_EXCEPTION;
    if (n > (uint64_t)(r->end - r->p))
        return wf_ser_bad(r, "bad template"), JS_EXCEPTION;
    cooked = wf_array_new(ctx, n);
    raw = wf_array_new(ctx, n);
    if (JS_IsException(cooked) || JS_IsException(raw))
        goto fail_exc;
    for (i = 0; i < 2 * n; i++) {
        JSValue v = wf_ser_read_value(r);
        if (JS_IsException(v))
            goto fail;
        if (!JS_IsString(v) && !(i < n && JS_IsUndefined(v))) {
            JS_FreeValue(ctx, v);
            wf_ser_bad(r, "bad template");
            goto fail;
        }
        if (wf_obj_define_int64(ctx, i < n ? cooked : raw, i < n ? i : i - n, v,
                                JS_PROP_ENUMERABLE | JS_PROP_THROW) < 0)
            goto fail_exc;
    }
    if (wf_obj_set_integrity(ctx, raw, true) < 0)
        goto fail_exc;
    if (wf_obj_define_value(ctx, cooked, JS_ATOM_raw, raw, 0) < 0) {
        raw = JS_UNDEFINED;
        goto fail_exc;
    }
    raw = JS_UNDEFINED;
    if (wf_obj_set_integrity(ctx, cooked, true) < 0)
        goto fail_exc;
    return cooked;
fail_exc:
    r->error = true;
fail:
    JS_FreeValue(ctx, cooked);
    JS_FreeValue(ctx, raw);
    return JS_EXCEPTION;
}

static int get_source(WFReader *r, JSFunctionBytecode *b)
{
    uint8_t kind = 0;
    WFSource *src;
    uint32_t start, end;
    if (wf_ser_get_u8(r, &kind) < 0)
        return -1;
    if (kind == 0)
        return 0;
    if (kind == 1) {
        uint32_t len;
        if (wf_ser_get_uleb32(r, &len) < 0)
            return -1;
        if (len > (size_t)(r->end - r->p))
            return wf_ser_bad(r, "unexpected end");
        if (r->n_sources >= r->sources_size) {
            uint32_t ns = r->sources_size ? r->sources_size * 2 : 4;
            WFSource **nt = js_realloc_rt(r->rt, r->sources, sizeof(*nt) * ns);
            if (!nt) {
                JS_ThrowOutOfMemory(r->ctx);
                r->error = true;
                return -1;
            }
            r->sources = nt;
            r->sources_size = ns;
        }
        src = wf_source_new(r->rt, (const char *)r->p, len);
        if (!src) {
            JS_ThrowOutOfMemory(r->ctx);
            r->error = true;
            return -1;
        }
        r->p += len;
        r->sources[r->n_sources++] = src;
    } else if (kind == 2) {
        uint32_t i;
        if (wf_ser_get_uleb32(r, &i) < 0)
            return -1;
        if (i >= r->n_sources)
            return wf_ser_bad(r, "bad source reference");
        src = r->sources[i];
    } else {
        return wf_ser_bad(r, "bad source");
    }
    if (wf_ser_get_uleb32(r, &start) < 0 || wf_ser_get_uleb32(r, &end) < 0)
        return -1;
    if (start > end || end > src->len)
        return wf_ser_bad(r, "bad source range");
    src->ref_count++;
    b->source = src;
    b->src_start = start;
    b->src_end = end;
    return 0;
}

static inline uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* Operand checks of a loaded function: slots, closure variables, constants
   and inline caches in range, jumps onto instruction starts, fclosure on
   compiled functions.  Not a full verifier (the operand stack discipline
   is not checked): compiled code stays trusted input, this only turns the
   likely corruptions into an error instead of a wild access.  0 or -1. */
static int verify_operands(WFReader *r, const JSFunctionBytecode *b)
{
    uint8_t *starts = js_mallocz(r->ctx, b->code_len);
    uint32_t pc;
    int ret = 0;
    if (!starts) {
        r->error = true;
        return -1;
    }
    for (pc = 0; pc < b->code_len; pc += wf_op_info[b->code[pc]].size)
        starts[pc] = 1;
    for (pc = 0; pc < b->code_len && !ret; pc += wf_op_info[b->code[pc]].size) {
        const uint8_t *op = b->code + pc;
        int64_t target = -1;
        switch (wf_op_info[op[0]].fmt) {
        case WF_FMT_loc:
            ret = rd16(op + 1) >= b->var_count;
            break;
        case WF_FMT_arg:
            ret = rd16(op + 1) >= b->arg_count;
            break;
        case WF_FMT_var_ref:
            ret = rd16(op + 1) >= b->closure_var_count;
            break;
        case WF_FMT_const:
            ret = rd32(op + 1) >= b->cpool_count ||
                  (op[0] == OP_fclosure &&
                   JS_VALUE_GET_TAG(b->cpool[rd32(op + 1)]) != JS_TAG_FUNCTION_BYTECODE);
            if (!ret && op[0] == OP_fclosure) {
                /* the closure's captures name slots of this frame */
                const JSFunctionBytecode *c = wf_bytecode(b->cpool[rd32(op + 1)]);
                for (uint32_t i = 0; i < c->closure_var_count && !ret; i++) {
                    const JSClosureVar *cv = &c->closure_var[i];
                    ret = cv->var_idx >= (!cv->is_local ? b->closure_var_count :
                                          cv->is_arg ? b->arg_count : b->var_count);
                }
            }
            break;
        case WF_FMT_atom_u16:
            ret = rd16(op + 5) >= b->ic_count;
            break;
        case WF_FMT_label:
            target = (int64_t)pc + 1 + (int32_t)rd32(op + 1);
            break;
        case WF_FMT_atom_label_u8:
            target = (int64_t)pc + 5 + (int32_t)rd32(op + 5);
            break;
        default:
            break;
        }
        if (target >= 0 || wf_op_info[op[0]].fmt == WF_FMT_label ||
            wf_op_info[op[0]].fmt == WF_FMT_atom_label_u8)
            ret = ret || target < 0 || target >= b->code_len || !starts[target];
    }
    js_free(r->ctx, starts);
    return ret ? wf_ser_bad(r, "bad instruction operand") : 0;
}

JSValue wf_ser_read_bytecode(WFReader *r)
{
    JSContext *ctx = r->ctx;
    JSRuntime *rt = r->rt;
    JSFunctionBytecode *b;
    JSValue ret;
    uint32_t flags, i, pc, code_len, nvars, n;
    uint8_t fk = 0, ck = 0, dbg = 0;
    uint8_t *code = NULL;

    if (wf_check_stack_overflow(rt, 0))
        return wf_ser_bad(r, "nesting too deep"), JS_EXCEPTION;
    b = js_mallocz(ctx, sizeof(*b));
    if (!b)
        return r->error = true, JS_EXCEPTION;
    wf_gc_add(rt, &b->header, WF_GC_FUNCTION_BYTECODE);
    ret = JS_MKPTR(JS_TAG_FUNCTION_BYTECODE, b);
    b->func_name = JS_ATOM_NULL;
    b->realm = ctx;
    ctx->header.ref_count++;

    if (wf_ser_get_uleb32(r, &flags) < 0 || wf_ser_get_u8(r, &fk) < 0 || wf_ser_get_u8(r, &ck) < 0)
        goto fail;
    if ((flags >> BF_COUNT) || fk > WF_FUNC_KIND_ASYNC_GENERATOR || ck > WF_CODE_MODULE) {
        wf_ser_bad(r, "bad function header");
        goto fail;
    }
    bc_set_flags(b, flags);
    b->func_kind = fk;
    b->code_kind = ck;
    if (get_uleb16(r, &b->arg_count) < 0 || get_uleb16(r, &b->var_count) < 0 ||
        get_uleb16(r, &b->defined_arg_count) < 0 || get_uleb16(r, &b->stack_size) < 0)
        goto fail;
    {
        uint16_t ncv = 0;
        if (get_uleb16(r, &ncv) < 0 || wf_ser_get_uleb32(r, &b->ic_count) < 0)
            goto fail;
        /* the closure variables are read below; the count follows them */
        nvars = (uint32_t)b->arg_count + b->var_count;
        if (get_atom(r, &b->func_name, false) < 0)
            goto fail;
        if (wf_ser_get_u8(r, &dbg) < 0 || dbg > 1)
            goto bad;
        if (get_atom(r, &b->filename, true) < 0)
            goto fail;
        if (dbg) {
            int32_t line, col;
            uint32_t plen;
            if (wf_ser_get_sleb32(r, &line) < 0 || wf_ser_get_sleb32(r, &col) < 0 ||
                wf_ser_get_uleb32(r, &plen) < 0)
                goto fail;
            if (plen > (size_t)(r->end - r->p))
                goto bad;
            b->line = line;
            b->col = col;
            if (plen) {
                b->pc2line = js_malloc(ctx, plen);
                if (!b->pc2line)
                    goto fail_exc;
                memcpy(b->pc2line, r->p, plen);
                r->p += plen;
                b->pc2line_len = plen;
            }
        }
        if (nvars) {
            if (nvars * 4 > (size_t)(r->end - r->p))
                goto bad;
            b->vardefs = js_mallocz(ctx, sizeof(JSVarDef) * nvars);
            if (!b->vardefs) {
                b->arg_count = b->var_count = 0;
                goto fail_exc;
            }
        }
        for (i = 0; i < nvars; i++) {
            JSVarDef *vd = &b->vardefs[i];
            int32_t level;
            uint8_t f = 0, kind = 0;
            if (get_atom(r, &vd->var_name, true) < 0 || wf_ser_get_sleb32(r, &level) < 0 ||
                wf_ser_get_u8(r, &f) < 0 || wf_ser_get_u8(r, &kind) < 0)
                goto fail;
            if ((f & ~7) || kind > 31)
                goto bad;
            vd->scope_level = level;
            vd->is_const = f & 1;
            vd->is_lexical = (f >> 1) & 1;
            vd->is_captured = (f >> 2) & 1;
            vd->var_kind = kind;
        }
        if (ncv) {
            if (ncv * 4u > (size_t)(r->end - r->p))
                goto bad;
            b->closure_var = js_mallocz(ctx, sizeof(JSClosureVar) * ncv);
            if (!b->closure_var)
                goto fail_exc;
            b->closure_var_count = ncv;
            for (i = 0; i < ncv; i++) {
                if (get_closure_var(r, &b->closure_var[i]) < 0)
                    goto fail;
            }
        }
    }
    if (wf_ser_get_uleb32(r, &n) < 0)
        goto fail;
    if (n) {
        if (n > (size_t)(r->end - r->p))
            goto bad;
        b->scope_parent = js_malloc(ctx, sizeof(int32_t) * n);
        if (!b->scope_parent)
            goto fail_exc;
        b->scope_count = n;
        for (i = 0; i < n; i++) {
            if (wf_ser_get_sleb32(r, &b->scope_parent[i]) < 0)
                goto fail;
            if (b->scope_parent[i] < -1 || b->scope_parent[i] >= (int32_t)n)
                goto bad;
        }
    }
    if (get_source(r, b) < 0)
        goto fail;
    /* code */
    if (wf_ser_get_uleb32(r, &code_len) < 0)
        goto fail;
    if (code_len == 0 || code_len > (size_t)(r->end - r->p))
        goto bad;
    code = js_malloc(ctx, code_len);
    if (!code)
        goto fail_exc;
    memcpy(code, r->p, code_len);
    r->p += code_len;
    for (pc = 0; pc < code_len;) {
        const WFOpInfo *oi;
        if (code[pc] >= OP_COUNT)
            goto bad_code;
        oi = &wf_op_info[code[pc]];
        if (oi->size == 0 || oi->size > code_len - pc)
            goto bad_code;
        if (fmt_has_atom(oi->fmt)) {
            JSAtom a;
            if (get_atom(r, &a, false) < 0) {
                /* the atoms patched so far are released with the code */
                b->code = code;
                b->code_len = pc;
                code = NULL;
                goto fail;
            }
            wr32(code + pc + 1, a);
        }
        pc += oi->size;
    }
    b->code = code;
    b->code_len = code_len;
    code = NULL;
    /* constants */
    if (wf_ser_get_uleb32(r, &n) < 0)
        goto fail;
    if (n > (size_t)(r->end - r->p))
        goto bad;
    if (n) {
        b->cpool = js_malloc(ctx, sizeof(JSValue) * n);
        if (!b->cpool)
            goto fail_exc;
        for (i = 0; i < n; i++) {
            JSValue c;
            if (r->p < r->end && *r->p == T_TEMPLATE) {
                r->p++;
                c = read_template(r);
            } else {
                c = wf_ser_read_value(r);
            }
            if (JS_IsException(c))
                goto fail;
            b->cpool[b->cpool_count++] = c;
        }
    }
    if (verify_operands(r, b) < 0)
        goto fail;
    return ret;
bad_code:
    wf_ser_bad(r, "bad instruction stream");
    goto fail;
bad:
    wf_ser_bad(r, "bad compiled function");
    goto fail;
fail_exc:
    r->error = true;
fail:
    js_free(ctx, code);
    JS_FreeValue(ctx, ret);
    return JS_EXCEPTION;
}

static void module_discard(JSContext *ctx, JSModuleDef *m)
{
    list_del(&m->link);
    wf_module_free(ctx, m);
}

JSValue wf_ser_read_module(WFReader *r)
{
    JSContext *ctx = r->ctx;
    JSModuleDef *m;
    JSAtom name = JS_ATOM_NULL;
    uint32_t n, i;
    int32_t meta;
    uint8_t tla = 0;

    if (get_atom(r, &name, false) < 0)
        return JS_EXCEPTION;
    m = wf_module_new(ctx, name);
    JS_FreeAtom(ctx, name);
    if (!m)
        return r->error = true, JS_EXCEPTION;
    if (wf_ser_get_uleb32(r, &n) < 0)
        goto fail;
    if (n > (size_t)(r->end - r->p) || n > INT32_MAX / 2)
        goto bad;
    if (n) {
        m->reqs = js_mallocz(ctx, sizeof(WFModuleRequest) * n);
        if (!m->reqs)
            goto fail_exc;
        for (i = 0; i < n; i++) {
            WFModuleRequest *q = &m->reqs[i];
            q->attributes = JS_UNDEFINED;
            if (get_atom(r, &q->specifier, false) < 0)
                goto fail;
            m->req_count = (int)i + 1;
            q->attributes = wf_ser_read_value(r);
            if (JS_IsException(q->attributes)) {
                q->attributes = JS_UNDEFINED;
                goto fail;
            }
            if (!JS_IsUndefined(q->attributes) && !JS_IsObject(q->attributes))
                goto bad;
        }
    }
    if (wf_ser_get_uleb32(r, &n) < 0)
        goto fail;
    if (n > (size_t)(r->end - r->p) || n > INT32_MAX / 2)
        goto bad;
    if (n) {
        m->imports = js_mallocz(ctx, sizeof(WFImportEntry) * n);
        if (!m->imports)
            goto fail_exc;
        for (i = 0; i < n; i++) {
            WFImportEntry *e = &m->imports[i];
            uint32_t req, slot;
            if (wf_ser_get_uleb32(r, &req) < 0 || get_atom(r, &e->import_name, true) < 0)
                goto fail;
            m->import_count = (int)i + 1;
            if (wf_ser_get_uleb32(r, &slot) < 0)
                goto fail;
            if (req >= (uint32_t)m->req_count || slot > INT32_MAX)
                goto bad;
            e->req = (int)req;
            e->slot = (int)slot;
        }
    }
    if (wf_ser_get_uleb32(r, &n) < 0)
        goto fail;
    if (n > (size_t)(r->end - r->p) || n > INT32_MAX / 2)
        goto bad;
    if (n) {
        m->exports = js_mallocz(ctx, sizeof(WFExportEntry) * n);
        if (!m->exports)
            goto fail_exc;
        for (i = 0; i < n; i++) {
            WFExportEntry *e = &m->exports[i];
            int32_t slot, req;
            if (get_atom(r, &e->export_name, false) < 0)
                goto fail;
            m->export_count = (int)i + 1;
            if (wf_ser_get_sleb32(r, &slot) < 0 || wf_ser_get_sleb32(r, &req) < 0 ||
                get_atom(r, &e->import_name, true) < 0)
                goto fail;
            if (slot < -1 || req < -1 || req >= m->req_count || (slot < 0) == (req < 0))
                goto bad;
            e->slot = slot;
            e->req = req;
        }
    }
    if (wf_ser_get_uleb32(r, &n) < 0)
        goto fail;
    if (n > (size_t)(r->end - r->p) || n > INT32_MAX / 2)
        goto bad;
    if (n) {
        m->star_exports = js_malloc(ctx, sizeof(int) * n);
        if (!m->star_exports)
            goto fail_exc;
        for (i = 0; i < n; i++) {
            uint32_t req;
            if (wf_ser_get_uleb32(r, &req) < 0)
                goto fail;
            if (req >= (uint32_t)m->req_count)
                goto bad;
            m->star_exports[i] = (int)req;
            m->star_export_count = (int)i + 1;
        }
    }
    if (wf_ser_get_uleb32(r, &n) < 0)
        goto fail;
    if (n > (size_t)(r->end - r->p) || n > 0xffff)
        goto bad;
    if (n) {
        m->slots = js_mallocz(ctx, sizeof(JSClosureVar) * n);
        if (!m->slots)
            goto fail_exc;
        for (i = 0; i < n; i++) {
            if (get_closure_var(r, &m->slots[i]) < 0)
                goto fail;
            m->slot_count = (int)i + 1;
        }
    }
    for (i = 0; i < (uint32_t)m->import_count; i++) {
        if (m->imports[i].slot >= m->slot_count)
            goto bad;
    }
    for (i = 0; i < (uint32_t)m->export_count; i++) {
        if (m->exports[i].slot >= m->slot_count)
            goto bad;
    }
    if (wf_ser_get_sleb32(r, &meta) < 0 || wf_ser_get_u8(r, &tla) < 0)
        goto fail;
    if (meta < -1 || meta >= m->slot_count || tla > 1)
        goto bad;
    m->meta_slot = meta;
    m->has_tla = tla;
    m->body = wf_ser_read_value(r);
    if (JS_IsException(m->body)) {
        m->body = JS_UNDEFINED;
        goto fail;
    }
    m->init = wf_ser_read_value(r);
    if (JS_IsException(m->init)) {
        m->init = JS_UNDEFINED;
        goto fail;
    }
    if ((!JS_IsUndefined(m->body) && JS_VALUE_GET_TAG(m->body) != JS_TAG_FUNCTION_BYTECODE) ||
        (!JS_IsUndefined(m->init) && JS_VALUE_GET_TAG(m->init) != JS_TAG_FUNCTION_BYTECODE))
        goto bad;
    m->status = WF_MOD_NEW;
    return JS_MKPTR(JS_TAG_MODULE, m);
bad:
    wf_ser_bad(r, "bad module record");
    goto fail;
fail_exc:
    r->error = true;
fail:
    module_discard(ctx, m);
    return JS_EXCEPTION;
}
