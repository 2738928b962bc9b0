/*
 * emit_expr.c - bytecode for expressions (ECMA-262 13: identifiers,
 * literals, templates, member access, calls, optional chains, operators,
 * assignment and update on every reference kind).
 *
 * Stack discipline: wf_emit_expr pushes exactly one value;
 * wf_emit_expr_void pushes nothing.  References are kept on the operand
 * stack while a compound assignment runs so that the reference is
 * evaluated once (13.15.2).
 */
#include <string.h>
#include <stdio.h>

#include "engine/emit.h"
#include "engine/state.h"
#include "engine/atom.h"
#include "engine/jsstring.h"
#include "engine/object.h"
#include "engine/num/num.h"
#include "engine/bigint.h"
#include "engine/bigint.h"

static int emit_expr(WFFuncDef *fd, WFAstNode *n, bool want);

/* ---------------------------------------------------------------------- */
/* Identifiers                                                             */

static bool is_special_name(JSAtom a)
{
    return a == JS_ATOM_this || a == JS_ATOM__new_target_ ||
           a == JS_ATOM__home_object_ || a == JS_ATOM__this_active_func_;
}

static int resolve(WFFuncDef *fd, JSAtom name, WFRef *ref)
{
    if (wf_resolve(fd, name, ref) < 0)
        return -1;
    if (is_special_name(name))
        ref->ndyn = 0;
    return 0;
}

static void emit_slot_get(WFFuncDef *fd, uint8_t kind, int idx)
{
    switch (kind) {
    case WF_LOC_LOCAL: wf_emit_loc(fd, OP_get_loc, idx); break;
    case WF_LOC_ARG: wf_emit_arg(fd, OP_get_arg, idx); break;
    case WF_LOC_CVAR: wf_emit_var_ref(fd, OP_get_var_ref, idx); break;
    default: wf_emit_op(fd, OP_undefined); break;
    }
}

/* The TDZ state of a local is observed by a checked access. */
static void note_checked(WFFuncDef *fd, const WFRef *ref)
{
    if (ref->kind == WF_LOC_LOCAL && ref->need_check && ref->idx < fd->var_count)
        fd->vars[ref->idx].checked_use = true;
}

static void emit_static_get(WFFuncDef *fd, const WFRef *ref, bool is_typeof)
{
    note_checked(fd, ref);
    switch (ref->kind) {
    case WF_LOC_LOCAL:
        if (ref->need_check)
            wf_emit_op_u16(fd, ref->is_this_check ? OP_get_loc_checkthis : OP_get_loc_check,
                           (uint16_t)ref->idx);
        else
            wf_emit_loc(fd, OP_get_loc, ref->idx);
        break;
    case WF_LOC_ARG:
        wf_emit_arg(fd, OP_get_arg, ref->idx);
        break;
    case WF_LOC_CVAR:
        if (ref->need_check)
            wf_emit_op_u16(fd, ref->is_this_check ? OP_get_var_ref_checkthis :
                           OP_get_var_ref_check, (uint16_t)ref->idx);
        else
            wf_emit_var_ref(fd, OP_get_var_ref, ref->idx);
        break;
    default:
        if (ref->name == JS_ATOM_this)
            wf_emit_op(fd, OP_push_this);
        else if (ref->name == JS_ATOM__new_target_ || ref->name == JS_ATOM__home_object_)
            wf_emit_op(fd, OP_undefined);
        else
            wf_emit_op_atom(fd, is_typeof ? OP_get_var_undef : OP_get_var, ref->name);
        break;
    }
}

/* [v] -> [] */
static void emit_static_put(WFFuncDef *fd, const WFRef *ref, bool is_init)
{
    if (!is_init)
        note_checked(fd, ref);
    if (!is_init && ref->is_const) {
        if (ref->is_func_name && !fd->is_strict) {
            wf_emit_op(fd, OP_drop);
            return;
        }
        wf_emit_op(fd, OP_drop);
        if (ref->need_check) {
            emit_static_get(fd, ref, false);
            wf_emit_op(fd, OP_drop);
        }
        wf_emit_op_atom_u8(fd, OP_throw_error, ref->name, WF_THROW_CONST_ASSIGN);
        return;
    }
    switch (ref->kind) {
    case WF_LOC_LOCAL:
        if (ref->need_check && !is_init)
            wf_emit_op_u16(fd, OP_put_loc_check, (uint16_t)ref->idx);
        else
            wf_emit_loc(fd, OP_put_loc, ref->idx);
        break;
    case WF_LOC_ARG:
        wf_emit_arg(fd, OP_put_arg, ref->idx);
        break;
    case WF_LOC_CVAR:
        if (ref->need_check && !is_init)
            wf_emit_op_u16(fd, OP_put_var_ref_check, (uint16_t)ref->idx);
        else
            wf_emit_op_u16(fd, OP_put_var_ref, (uint16_t)ref->idx);
        break;
    default:
        if (is_init)
            wf_emit_op_atom(fd, OP_put_var_init, ref->name);
        else
            wf_emit_op_atom(fd, fd->is_strict ? OP_put_var_strict : OP_put_var, ref->name);
        break;
    }
}

static uint8_t dyn_flags(const WFRef *ref, int i)
{
    return ref->dyn[i].is_with ? WF_WITH_IS_WITH : 0;
}

int wf_emit_ident_get(WFFuncDef *fd, JSAtom name, bool is_typeof)
{
    WFRef ref;
    int i, ldone = -1;
    if (name == JS_ATOM_this && fd->this_var >= 0 && fd->is_strict && !fd->is_derived_ctor &&
        fd->code_kind == WF_CODE_FUNCTION) {
        /* own `this` of strict code: no coercion, read it directly */
        wf_emit_op(fd, OP_push_this);
        return 0;
    }
    if (resolve(fd, name, &ref) < 0)
        return -1;
    if (ref.ndyn > 0) {
        ldone = wf_new_label(fd);
        for (i = 0; i < ref.ndyn; i++) {
            emit_slot_get(fd, ref.dyn[i].kind, ref.dyn[i].idx);
            wf_emit_with(fd, OP_with_get_var, name, ldone, dyn_flags(&ref, i));
        }
    }
    emit_static_get(fd, &ref, is_typeof);
    if (ldone >= 0)
        wf_emit_label(fd, ldone);
    return 0;
}

int wf_emit_ident_put(WFFuncDef *fd, JSAtom name, bool keep, bool is_init)
{
    WFRef ref;
    int i, ldone = -1;
    if (resolve(fd, name, &ref) < 0)
        return -1;
    if (keep)
        wf_emit_op(fd, OP_dup);
    if (ref.ndyn > 0 && !is_init) {
        ldone = wf_new_label(fd);
        for (i = 0; i < ref.ndyn; i++) {
            emit_slot_get(fd, ref.dyn[i].kind, ref.dyn[i].idx);
            wf_emit_with(fd, OP_with_put_var, name, ldone, dyn_flags(&ref, i));
        }
    }
    emit_static_put(fd, &ref, is_init);
    if (ldone >= 0)
        wf_emit_label(fd, ldone);
    return 0;
}

/* Pushes [this func] for a call through an identifier (this = the with
   object when found in one, else undefined).  Returns true if a `this`
   was pushed (false: only [func]). */
static int emit_ident_callee(WFFuncDef *fd, JSAtom name, bool need_this)
{
    WFRef ref;
    int i, lfound;
    if (resolve(fd, name, &ref) < 0)
        return -1;
    if (ref.ndyn == 0) {
        if (need_this)
            wf_emit_op(fd, OP_undefined);
        emit_static_get(fd, &ref, false);
        return need_this ? 1 : 0;
    }
    lfound = wf_new_label(fd);
    for (i = 0; i < ref.ndyn; i++) {
        emit_slot_get(fd, ref.dyn[i].kind, ref.dyn[i].idx);
        wf_emit_with(fd, OP_with_get_ref, name, lfound, dyn_flags(&ref, i));
    }
    wf_emit_op(fd, OP_undefined);
    emit_static_get(fd, &ref, false);
    wf_emit_label(fd, lfound);
    return 1;
}

static int emit_ident_delete(WFFuncDef *fd, JSAtom name)
{
    WFRef ref;
    int i, ldone = -1;
    if (resolve(fd, name, &ref) < 0)
        return -1;
    if (ref.ndyn > 0) {
        ldone = wf_new_label(fd);
        for (i = 0; i < ref.ndyn; i++) {
            emit_slot_get(fd, ref.dyn[i].kind, ref.dyn[i].idx);
            wf_emit_with(fd, OP_with_delete_var, name, ldone, dyn_flags(&ref, i));
        }
    }
    if (ref.kind == WF_LOC_NONE)
        wf_emit_op_atom(fd, OP_delete_var, name);
    else
        wf_emit_op(fd, OP_push_false);
    if (ldone >= 0)
        wf_emit_label(fd, ldone);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

bool wf_is_anonymous_fn(WFAstNode *n)
{
    if (!n)
        return false;
    switch (n->kind) {
    case WF_AST_FUNC_EXPR:
        return n->u.func.func->name == NULL;
    case WF_AST_ARROW:
        return true;
    case WF_AST_CLASS_EXPR:
        return n->u.cls.cls->name == NULL;
    default:
        return false;
    }
}

int wf_emit_expr_named(WFFuncDef *fd, WFAstNode *n, JSAtom name)
{
    if (n && name != JS_ATOM_NULL && wf_is_anonymous_fn(n)) {
        if (n->kind == WF_AST_CLASS_EXPR)
            return wf_emit_class(fd, n->u.cls.cls, name, false);
        wf_emit_pos(fd, n->line, n->col);
        return wf_emit_function(fd, n->u.func.func, name);
    }
    return wf_emit_expr(fd, n);
}

static JSAtom number_key_atom(WFCompiler *c, double d)
{
    char buf[WF_NUM_BUF_SIZE];
    int len;
    JSAtom a;
    if (d >= 0 && d <= JS_ATOM_MAX_INT && d == (double)(uint32_t)d)
        return wf_atom_new_uint32(c->ctx, (uint32_t)d);
    len = wf_num_dtoa(d, buf);
    a = wf_atom_new_len(c->ctx, buf, len);
    if (a == JS_ATOM_NULL)
        c->failed = true;
    return a;
}

JSAtom wf_prop_key_atom(WFCompiler *c, WFAstNode *key)
{
    switch (key->kind) {
    case WF_AST_IDENT:
        return wf_atom_dup(c->ctx->rt, wf_name_atom(c, key->u.ident.name));
    case WF_AST_STRING: {
        JSAtom a = wf_str_atom(c, &key->u.str.str);
        uint32_t idx;
        /* canonical numeric strings are int atoms */
        if (a != JS_ATOM_NULL && !wf_atom_is_int(a) &&
            wf_atom_is_array_index(c->ctx->rt, &idx, a) && idx <= JS_ATOM_MAX_INT) {
            JSAtom b = wf_atom_new_uint32(c->ctx, idx);
            wf_atom_free(c->ctx->rt, a);
            return b;
        }
        return a;
    }
    case WF_AST_NUMBER:
        return number_key_atom(c, key->u.num.value);
    case WF_AST_BIGINT: {
        /* the key is the decimal string of the value */
        JSValue v = wf_bigint_from_digits(c->ctx, key->u.bigint.digits, key->u.bigint.len,
                                          key->u.bigint.radix);
        JSValue str;
        JSAtom a;
        if (JS_IsException(v)) {
            c->failed = true;
            return JS_ATOM_NULL;
        }
        str = wf_bigint_to_string(c->ctx, v, 10);
        JS_FreeValue(c->ctx, v);
        if (JS_IsException(str)) {
            c->failed = true;
            return JS_ATOM_NULL;
        }
        a = wf_atom_new_str(c->ctx, wf_str(str));
        if (a == JS_ATOM_NULL) {
            c->failed = true;
            return JS_ATOM_NULL;
        }
        {
            uint32_t idx;
            if (!wf_atom_is_int(a) && wf_atom_is_array_index(c->ctx->rt, &idx, a) &&
                idx <= JS_ATOM_MAX_INT) {
                JSAtom b2 = wf_atom_new_uint32(c->ctx, idx);
                wf_atom_free(c->ctx->rt, a);
                return b2;
            }
        }
        return a;
    }
    default:
        wf_compile_error(c, key->line, key->col, "invalid property key");
        return JS_ATOM_NULL;
    }
}

int wf_emit_prop_key(WFFuncDef *fd, WFAstNode *key, bool computed)
{
    if (computed) {
        if (wf_emit_expr(fd, key) < 0)
            return -1;
        wf_emit_op(fd, OP_to_propkey);
    } else {
        JSAtom a = wf_prop_key_atom(fd->c, key);
        if (a == JS_ATOM_NULL)
            return -1;
        if (wf_atom_is_int(a))
            wf_emit_push_int(fd, (int32_t)wf_atom_to_uint(a));
        else
            wf_emit_push_atom(fd, a);
        wf_atom_free(fd->c->ctx->rt, a);
    }
    return fd->c->failed ? -1 : 0;
}

/* Pushes `this` (TDZ-checked in derived constructors). */
static int emit_this(WFFuncDef *fd)
{
    return wf_emit_ident_get(fd, JS_ATOM_this, false);
}

/* [.. ] -> [.. proto]: the home object's prototype, for super.x */
static int emit_super_base(WFFuncDef *fd)
{
    if (wf_emit_ident_get(fd, JS_ATOM__home_object_, false) < 0)
        return -1;
    wf_emit_op(fd, OP_get_super);
    return 0;
}

/* Pushes [this proto key] for super.x / super[x] (13.3.7.1 order:
   this, key expression, ToPropertyKey, then the home object's prototype). */
static int emit_super_ref(WFFuncDef *fd, WFAstNode *n)
{
    if (emit_this(fd) < 0)
        return -1;
    if (n->u.member.prop) {
        if (wf_emit_expr(fd, n->u.member.prop) < 0)
            return -1;
    } else {
        wf_emit_push_atom(fd, wf_name_atom(fd->c, n->u.member.name));
    }
    if (emit_super_base(fd) < 0)
        return -1;
    wf_emit_op(fd, OP_swap);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Optional chains                                                         */

/* Short circuit of an optional link: the top `depth` (1 or 2) values are
   the chain so far; jump to the chain end if the top one is nullish. */
static int emit_chain_check(WFFuncDef *fd, int depth, WFAstNode *n)
{
    WFChain *ch = fd->chain;
    if (!ch)
        return wf_compile_error(fd->c, n->line, n->col,
                                "internal compiler error: optional link outside a chain");
    wf_emit_op(fd, OP_dup);
    wf_emit_op(fd, OP_is_undefined_or_null);
    if (depth == 1) {
        wf_emit_jump(fd, OP_if_true, ch->label_null1);
        ch->used1 = true;
    } else {
        wf_emit_jump(fd, OP_if_true, ch->label_null2);
        ch->used2 = true;
    }
    return 0;
}

/* Not inlined: GCC's -Wdangling-pointer cannot see that chain_end
   unlinks the caller's local chain record before it goes away. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void chain_begin(WFFuncDef *fd, WFChain *ch)
{
    ch->prev = fd->chain;
    ch->label_null1 = wf_new_label(fd);
    ch->label_null2 = wf_new_label(fd);
    ch->used1 = ch->used2 = false;
    fd->chain = ch;
}

/* Ends a chain: nvals values are produced on both paths (1 or 2); the
   short-circuit result is `fill` (OP_undefined or OP_push_true). */
static void chain_end(WFFuncDef *fd, WFChain *ch, int nvals, WFOpcode fill)
{
    int lend = wf_new_label(fd);
    fd->chain = ch->prev;
    if (!ch->used1 && !ch->used2)
        return;
    wf_emit_jump(fd, OP_goto, lend);
    wf_emit_label(fd, ch->label_null2);
    if (ch->used2)
        wf_emit_op(fd, OP_drop);
    wf_emit_label(fd, ch->label_null1);
    wf_emit_op(fd, OP_drop);
    wf_emit_op(fd, fill);
    if (nvals == 2)
        wf_emit_op(fd, fill);
    wf_emit_label(fd, lend);
}

/* ---------------------------------------------------------------------- */
/* Member access                                                           */

static int emit_member_obj(WFFuncDef *fd, WFAstNode *n)
{
    if (wf_emit_expr(fd, n->u.member.object) < 0)
        return -1;
    if (n->u.member.optional && emit_chain_check(fd, 1, n) < 0)
        return -1;
    return 0;
}

static int check_private(WFFuncDef *fd, WFAstNode *n)
{
    (void)fd;
    (void)n;
    return 0;
}

/* [obj] -> [v] or [obj] -> [obj v] (get2) for a member whose object is
   already on the stack */
static int emit_member_access(WFFuncDef *fd, WFAstNode *n, bool get2)
{
    if (n->u.member.is_private) {
        wf_emit_pos(fd, n->u.member.pos_line, n->u.member.pos_col);
        if (get2)
            wf_emit_op(fd, OP_dup);
        return wf_emit_private_get(fd, n->u.member.name);
    }
    if (n->u.member.prop) {
        if (wf_emit_expr(fd, n->u.member.prop) < 0)
            return -1;
        wf_emit_pos(fd, n->u.member.pos_line, n->u.member.pos_col);
        wf_emit_op(fd, get2 ? OP_get_array_el2 : OP_get_array_el);
    } else {
        JSAtom a = wf_name_atom(fd->c, n->u.member.name);
        wf_emit_pos(fd, n->u.member.pos_line, n->u.member.pos_col);
        if (a == JS_ATOM_length && !get2)
            wf_emit_op(fd, OP_get_length);
        else
            wf_emit_field(fd, get2 ? OP_get_field2 : OP_get_field, a);
    }
    return 0;
}

/* Pushes the callee of a call: returns 1 if [this func] was pushed, 0 if
   only [func] (need_this forces 1), -1 on error. */
static int emit_callee(WFFuncDef *fd, WFAstNode *callee, bool need_this)
{
    switch (callee->kind) {
    case WF_AST_MEMBER:
        if (emit_member_obj(fd, callee) < 0 || emit_member_access(fd, callee, true) < 0)
            return -1;
        return 1;
    case WF_AST_SUPER_MEMBER:
        if (emit_this(fd) < 0)
            return -1;
        wf_emit_op(fd, OP_dup);
        if (callee->u.member.prop) {
            if (wf_emit_expr(fd, callee->u.member.prop) < 0)
                return -1;
        } else {
            wf_emit_push_atom(fd, wf_name_atom(fd->c, callee->u.member.name));
        }
        if (emit_super_base(fd) < 0)
            return -1;
        wf_emit_op(fd, OP_swap);
        wf_emit_pos(fd, callee->u.member.pos_line, callee->u.member.pos_col);
        wf_emit_op(fd, OP_get_super_value);
        return 1;
    case WF_AST_IDENT:
        return emit_ident_callee(fd, wf_name_atom(fd->c, callee->u.ident.name), need_this);
    case WF_AST_OPTIONAL_CHAIN: {
        /* (a?.b)() keeps the reference: this = a */
        WFAstNode *e = callee->u.chain.expr;
        if (e->kind == WF_AST_MEMBER) {
            WFChain ch;
            chain_begin(fd, &ch);
            if (emit_member_obj(fd, e) < 0 || emit_member_access(fd, e, true) < 0)
                return -1;
            chain_end(fd, &ch, 2, OP_undefined);
            return 1;
        }
        break;
    }
    default:
        break;
    }
    if (need_this)
        wf_emit_op(fd, OP_undefined);
    if (wf_emit_expr(fd, callee) < 0)
        return -1;
    return need_this ? 1 : 0;
}

/* Arguments: pushes them (returns their count, spread false) or one array
   (spread true).  -1 on error. */
int wf_emit_call_args(WFFuncDef *fd, WFAstList *args, bool *spread)
{
    uint32_t i, k;
    *spread = false;
    for (i = 0; i < args->count; i++) {
        if (args->items[i]->kind == WF_AST_SPREAD)
            *spread = true;
    }
    if (!*spread) {
        if (args->count > 65535)
            return wf_compile_error(fd->c, fd->cur_line, fd->cur_col, "too many arguments");
        for (i = 0; i < args->count; i++) {
            if (wf_emit_expr(fd, args->items[i]) < 0)
                return -1;
        }
        return (int)args->count;
    }
    for (k = 0; k < args->count && args->items[k]->kind != WF_AST_SPREAD; k++) {
        if (wf_emit_expr(fd, args->items[k]) < 0)
            return -1;
    }
    wf_emit_op_u16(fd, OP_array_from, (uint16_t)k);
    for (i = k; i < args->count; i++) {
        WFAstNode *a = args->items[i];
        if (a->kind == WF_AST_SPREAD) {
            if (wf_emit_expr(fd, a->u.spread.arg) < 0)
                return -1;
            wf_emit_pos(fd, a->line, a->col);
            wf_emit_op(fd, OP_append);
        } else {
            if (wf_emit_expr(fd, a) < 0)
                return -1;
            wf_emit_op(fd, OP_append_value);
        }
    }
    return 0;
}

static int current_scope_index(WFFuncDef *fd)
{
    return fd->cur_scope < 0 ? 0 : fd->cur_scope;
}

static int emit_call(WFFuncDef *fd, WFAstNode *n)
{
    WFAstNode *callee = n->u.call.callee;
    bool spread;
    int has_this, argc;
    int line = n->line, col = n->col;

    if (n->u.call.is_direct_eval) {
        /* eval(...): callee read as a plain value, the VM decides */
        if (wf_emit_ident_get(fd, wf_name_atom(fd->c, callee->u.ident.name), false) < 0)
            return -1;
        argc = wf_emit_call_args(fd, &n->u.call.args, &spread);
        if (argc < 0)
            return -1;
        wf_emit_pos(fd, line, col);
        if (spread) {
            wf_emit_op_u16(fd, OP_apply_eval, (uint16_t)current_scope_index(fd));
        } else {
            wf_emit_eval_op(fd, argc, current_scope_index(fd));
        }
        return 0;
    }
    /* spread needs [this func array] */
    {
        uint32_t i;
        bool any_spread = false;
        for (i = 0; i < n->u.call.args.count; i++) {
            if (n->u.call.args.items[i]->kind == WF_AST_SPREAD)
                any_spread = true;
        }
        has_this = emit_callee(fd, callee, any_spread);
    }
    if (has_this < 0)
        return -1;
    if (callee->kind == WF_AST_MEMBER) {
        line = callee->u.member.pos_line;
        col = callee->u.member.pos_col;
    }
    if (n->u.call.optional && emit_chain_check(fd, has_this ? 2 : 1, n) < 0)
        return -1;
    argc = wf_emit_call_args(fd, &n->u.call.args, &spread);
    if (argc < 0)
        return -1;
    wf_emit_pos(fd, line, col);
    if (spread)
        wf_emit_op_u16(fd, OP_apply, WF_APPLY_CALL);
    else if (has_this)
        wf_emit_op_u16(fd, OP_call_method, (uint16_t)argc);
    else
        wf_emit_op_u16(fd, OP_call, (uint16_t)argc);
    return 0;
}

static int emit_new(WFFuncDef *fd, WFAstNode *n)
{
    bool spread;
    int argc;
    if (wf_emit_expr(fd, n->u.call.callee) < 0)
        return -1;
    wf_emit_op(fd, OP_dup);
    argc = wf_emit_call_args(fd, &n->u.call.args, &spread);
    if (argc < 0)
        return -1;
    wf_emit_pos(fd, n->line, n->col);
    if (spread)
        wf_emit_op_u16(fd, OP_apply, WF_APPLY_CONSTRUCT);
    else
        wf_emit_op_u16(fd, OP_call_constructor, (uint16_t)argc);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Literals                                                                */

static int emit_template(WFFuncDef *fd, WFAstNode *n)
{
    WFAstList *q = &n->u.tmpl.quasis, *e = &n->u.tmpl.exprs;
    uint32_t i;
    bool have = false;
    for (i = 0; i < q->count; i++) {
        WFAstNode *qe = q->items[i];
        if (qe->u.tmpl_elem.cooked.len > 0 || (i == 0 && e->count == 0)) {
            wf_emit_push_const(fd, wf_ast_str_value(fd->c, &qe->u.tmpl_elem.cooked));
            if (have)
                wf_emit_op(fd, OP_add);
            have = true;
        }
        if (i < e->count) {
            if (wf_emit_expr(fd, e->items[i]) < 0)
                return -1;
            wf_emit_pos(fd, e->items[i]->line, e->items[i]->col);
            wf_emit_op(fd, OP_to_string);
            if (have)
                wf_emit_op(fd, OP_add);
            have = true;
        }
    }
    return fd->c->failed ? -1 : 0;
}

/* The template object of a tagged template site (13.2.8.4
   GetTemplateObject), built once at compile time and kept in the constant
   pool, so every evaluation of the site sees the same frozen object. */
static JSValue make_template_object(WFCompiler *c, WFAstNode *tmpl)
{
    JSContext *ctx = c->ctx;
    WFAstList *q = &tmpl->u.tmpl.quasis;
    JSValue cooked = JS_UNDEFINED, raw = JS_UNDEFINED;
    uint32_t i;
    cooked = wf_array_new(ctx, q->count);
    raw = wf_array_new(ctx, q->count);
    if (JS_IsException(cooked) || JS_IsException(raw))
        goto fail;
    for (i = 0; i < q->count; i++) {
        WFAstNode *qe = q->items[i];
        JSValue cv = qe->u.tmpl_elem.cooked_valid ?
                     wf_ast_str_value(c, &qe->u.tmpl_elem.cooked) : JS_UNDEFINED;
        JSValue rv;
        if (JS_IsException(cv))
            goto fail;
        if (wf_obj_define_int64(ctx, cooked, i, cv, JS_PROP_ENUMERABLE) < 0)
            goto fail;
        rv = wf_ast_str_value(c, &qe->u.tmpl_elem.raw);
        if (JS_IsException(rv))
            goto fail;
        if (wf_obj_define_int64(ctx, raw, i, rv, JS_PROP_ENUMERABLE) < 0)
            goto fail;
    }
    if (wf_obj_set_integrity(ctx, raw, true) < 0)
        goto fail;
    if (wf_obj_define_value(ctx, cooked, JS_ATOM_raw, raw, 0) < 0) {
        raw = JS_UNDEFINED;
        goto fail;
    }
    raw = JS_UNDEFINED;
    if (wf_obj_set_integrity(ctx, cooked, true) < 0)
        goto fail;
    return cooked;
fail:
    JS_FreeValue(ctx, cooked);
    JS_FreeValue(ctx, raw);
    c->failed = true;
    return JS_EXCEPTION;
}

static int emit_tagged_template(WFFuncDef *fd, WFAstNode *n)
{
    WFAstNode *tmpl = n->u.tagged.quasi;
    WFAstList *e = &tmpl->u.tmpl.exprs;
    JSValue obj;
    int has_this;
    uint32_t i;
    has_this = emit_callee(fd, n->u.tagged.tag, false);
    if (has_this < 0)
        return -1;
    obj = make_template_object(fd->c, tmpl);
    if (JS_IsException(obj))
        return -1;
    wf_emit_push_const(fd, obj);
    for (i = 0; i < e->count; i++) {
        if (wf_emit_expr(fd, e->items[i]) < 0)
            return -1;
    }
    if (e->count + 1 > 65535)
        return wf_compile_error(fd->c, n->line, n->col, "too many arguments");
    wf_emit_pos(fd, n->line, n->col);
    wf_emit_op_u16(fd, has_this ? OP_call_method : OP_call, (uint16_t)(e->count + 1));
    return 0;
}

static int emit_regexp(WFFuncDef *fd, WFAstNode *n)
{
    JSContext *ctx = fd->c->ctx;
    wf_emit_push_const(fd, wf_str_new_wtf8(ctx, n->u.regexp.pattern, n->u.regexp.pattern_len));
    wf_emit_push_const(fd, wf_str_new_utf8(ctx, n->u.regexp.flags, n->u.regexp.flags_len));
    wf_emit_pos(fd, n->line, n->col);
    wf_emit_op(fd, OP_regexp);
    return fd->c->failed ? -1 : 0;
}

static int emit_bigint(WFFuncDef *fd, WFAstNode *n)
{
    wf_emit_push_const(fd, wf_bigint_from_digits(fd->c->ctx, n->u.bigint.digits,
                                                 n->u.bigint.len, n->u.bigint.radix));
    return fd->c->failed ? -1 : 0;
}

static int emit_array(WFFuncDef *fd, WFAstNode *n)
{
    WFAstList *el = &n->u.array.elements;
    uint32_t i, k;
    for (k = 0; k < el->count; k++) {
        WFAstNode *e = el->items[k];
        if (!e || e->kind == WF_AST_SPREAD)
            break;
        if (k >= 65535)
            break;
        if (wf_emit_expr(fd, e) < 0)
            return -1;
    }
    wf_emit_op_u16(fd, OP_array_from, (uint16_t)k);
    for (i = k; i < el->count; i++) {
        WFAstNode *e = el->items[i];
        if (!e) {
            wf_emit_op(fd, OP_append_hole);
        } else if (e->kind == WF_AST_SPREAD) {
            if (wf_emit_expr(fd, e->u.spread.arg) < 0)
                return -1;
            wf_emit_pos(fd, e->line, e->col);
            wf_emit_op(fd, OP_append);
        } else {
            if (wf_emit_expr(fd, e) < 0)
                return -1;
            wf_emit_op(fd, OP_append_value);
        }
    }
    return 0;
}

static int emit_object(WFFuncDef *fd, WFAstNode *n)
{
    WFAstList *props = &n->u.object.props;
    uint32_t i;
    wf_emit_op(fd, OP_object);
    for (i = 0; i < props->count; i++) {
        WFAstNode *p = props->items[i];
        uint8_t kind = p->u.prop.kind;
        wf_emit_pos(fd, p->line, p->col);
        if (kind == WF_PROP_SPREAD) {
            if (wf_emit_expr(fd, p->u.prop.value) < 0)
                return -1;
            wf_emit_op(fd, OP_copy_data_properties);
            continue;
        }
        if (kind == WF_PROP_PROTO) {
            if (wf_emit_expr(fd, p->u.prop.value) < 0)
                return -1;
            wf_emit_op(fd, OP_set_proto);
            continue;
        }
        if (kind == WF_PROP_METHOD || kind == WF_PROP_GETTER || kind == WF_PROP_SETTER) {
            uint8_t flags = WF_METHOD_ENUMERABLE |
                            (kind == WF_PROP_GETTER ? WF_METHOD_GETTER :
                             kind == WF_PROP_SETTER ? WF_METHOD_SETTER : WF_METHOD_NORMAL);
            WFAstFunc *f = p->u.prop.value->u.func.func;
            if (p->u.prop.computed) {
                if (wf_emit_prop_key(fd, p->u.prop.key, true) < 0)
                    return -1;
                if (wf_emit_function(fd, f, JS_ATOM_NULL) < 0)
                    return -1;
                wf_emit_op_u8(fd, OP_define_method_computed, flags);
            } else {
                JSAtom a = wf_prop_key_atom(fd->c, p->u.prop.key);
                if (a == JS_ATOM_NULL)
                    return -1;
                if (wf_emit_function(fd, f, a) < 0) {
                    wf_atom_free(fd->c->ctx->rt, a);
                    return -1;
                }
                wf_emit_op_atom_u8(fd, OP_define_method, a, flags);
                wf_atom_free(fd->c->ctx->rt, a);
            }
            continue;
        }
        /* key: value */
        if (p->u.prop.computed) {
            if (wf_emit_prop_key(fd, p->u.prop.key, true) < 0)
                return -1;
            if (wf_emit_expr(fd, p->u.prop.value) < 0)
                return -1;
            if (wf_is_anonymous_fn(p->u.prop.value))
                wf_emit_op(fd, OP_set_name_computed);
            wf_emit_op(fd, OP_define_array_el);
        } else {
            JSAtom a = wf_prop_key_atom(fd->c, p->u.prop.key);
            int r;
            if (a == JS_ATOM_NULL)
                return -1;
            r = wf_emit_expr_named(fd, p->u.prop.value, a);
            if (r == 0)
                wf_emit_op_atom(fd, OP_define_field, a);
            wf_atom_free(fd->c->ctx->rt, a);
            if (r < 0)
                return -1;
        }
    }
    return fd->c->failed ? -1 : 0;
}

/* ---------------------------------------------------------------------- */
/* Operators                                                               */

static WFOpcode binary_opcode(uint8_t op)
{
    switch (op) {
    case WF_OP_ADD: return OP_add;
    case WF_OP_SUB: return OP_sub;
    case WF_OP_MUL: return OP_mul;
    case WF_OP_DIV: return OP_div;
    case WF_OP_MOD: return OP_mod;
    case WF_OP_EXP: return OP_pow;
    case WF_OP_SHL: return OP_shl;
    case WF_OP_SAR: return OP_sar;
    case WF_OP_SHR: return OP_shr;
    case WF_OP_BAND: return OP_and;
    case WF_OP_BOR: return OP_or;
    case WF_OP_BXOR: return OP_xor;
    case WF_OP_EQ: return OP_eq;
    case WF_OP_NE: return OP_neq;
    case WF_OP_STRICT_EQ: return OP_strict_eq;
    case WF_OP_STRICT_NE: return OP_strict_neq;
    case WF_OP_LT: return OP_lt;
    case WF_OP_LE: return OP_lte;
    case WF_OP_GT: return OP_gt;
    case WF_OP_GE: return OP_gte;
    case WF_OP_IN: return OP_in;
    case WF_OP_INSTANCEOF: return OP_instanceof;
    default: return OP_invalid;
    }
}

static bool is_logical_op(uint8_t op)
{
    return op == WF_OP_AND || op == WF_OP_OR || op == WF_OP_NULLISH;
}

/* [v] -> [v] if the logical operator short-circuits (jumps to label with
   v on the stack), else [] and falls through */
static void emit_logical_test(WFFuncDef *fd, uint8_t op, int label)
{
    wf_emit_op(fd, OP_dup);
    if (op == WF_OP_NULLISH) {
        wf_emit_op(fd, OP_is_undefined_or_null);
        wf_emit_jump(fd, OP_if_false, label);
    } else {
        wf_emit_jump(fd, op == WF_OP_AND ? OP_if_false : OP_if_true, label);
    }
    wf_emit_op(fd, OP_drop);
}

static int emit_binary(WFFuncDef *fd, WFAstNode *n)
{
    uint8_t op = n->u.binary.op;
    if (n->kind == WF_AST_LOGICAL) {
        int lend = wf_new_label(fd);
        if (wf_emit_expr(fd, n->u.binary.left) < 0)
            return -1;
        emit_logical_test(fd, op, lend);
        if (wf_emit_expr(fd, n->u.binary.right) < 0)
            return -1;
        wf_emit_label(fd, lend);
        return 0;
    }
    if (wf_emit_expr(fd, n->u.binary.left) < 0 || wf_emit_expr(fd, n->u.binary.right) < 0)
        return -1;
    wf_emit_pos(fd, n->line, n->col);
    wf_emit_op(fd, binary_opcode(op));
    return 0;
}

int wf_emit_cond_jump(WFFuncDef *fd, WFAstNode *n, bool jump_if, int label)
{
    if (n->kind == WF_AST_UNARY && n->u.unary.op == WF_OP_NOT)
        return wf_emit_cond_jump(fd, n->u.unary.arg, !jump_if, label);
    if (n->kind == WF_AST_LOGICAL && n->u.binary.op != WF_OP_NULLISH) {
        bool is_and = n->u.binary.op == WF_OP_AND;
        if (is_and != jump_if) {
            /* and, jump if false / or, jump if true: either side decides */
            if (wf_emit_cond_jump(fd, n->u.binary.left, jump_if, label) < 0)
                return -1;
            return wf_emit_cond_jump(fd, n->u.binary.right, jump_if, label);
        } else {
            int lskip = wf_new_label(fd);
            if (wf_emit_cond_jump(fd, n->u.binary.left, !jump_if, lskip) < 0)
                return -1;
            if (wf_emit_cond_jump(fd, n->u.binary.right, jump_if, label) < 0)
                return -1;
            wf_emit_label(fd, lskip);
            return 0;
        }
    }
    if (wf_emit_expr(fd, n) < 0)
        return -1;
    wf_emit_jump(fd, jump_if ? OP_if_true : OP_if_false, label);
    return 0;
}

static int emit_unary(WFFuncDef *fd, WFAstNode *n, bool want)
{
    WFAstNode *arg = n->u.unary.arg;
    switch (n->u.unary.op) {
    case WF_OP_TYPEOF:
        if (arg->kind == WF_AST_IDENT && !(arg->flags & 0)) {
            if (wf_emit_ident_get(fd, wf_name_atom(fd->c, arg->u.ident.name), true) < 0)
                return -1;
        } else if (wf_emit_expr(fd, arg) < 0) {
            return -1;
        }
        wf_emit_op(fd, OP_typeof);
        break;
    case WF_OP_DELETE:
        switch (arg->kind) {
        case WF_AST_IDENT:
            if (emit_ident_delete(fd, wf_name_atom(fd->c, arg->u.ident.name)) < 0)
                return -1;
            break;
        case WF_AST_MEMBER:
            if (check_private(fd, arg) < 0 || emit_member_obj(fd, arg) < 0)
                return -1;
            if (arg->u.member.prop) {
                if (wf_emit_expr(fd, arg->u.member.prop) < 0)
                    return -1;
            } else {
                wf_emit_push_atom(fd, wf_name_atom(fd->c, arg->u.member.name));
            }
            wf_emit_pos(fd, n->line, n->col);
            wf_emit_op(fd, OP_delete);
            break;
        case WF_AST_SUPER_MEMBER:
            /* the reference is evaluated, then ReferenceError */
            if (emit_super_ref(fd, arg) < 0)
                return -1;
            wf_emit_pos(fd, n->line, n->col);
            wf_emit_op_atom_u8(fd, OP_throw_error, JS_ATOM_super, WF_THROW_DELETE_SUPER);
            /* keep the stack shape for the analysis of dead code */
            wf_emit_op(fd, OP_drop);
            wf_emit_op(fd, OP_drop);
            break;
        case WF_AST_OPTIONAL_CHAIN: {
            WFAstNode *e = arg->u.chain.expr;
            WFChain ch;
            chain_begin(fd, &ch);
            if (e->kind == WF_AST_MEMBER) {
                if (check_private(fd, e) < 0 || emit_member_obj(fd, e) < 0)
                    return -1;
                if (e->u.member.prop) {
                    if (wf_emit_expr(fd, e->u.member.prop) < 0)
                        return -1;
                } else {
                    wf_emit_push_atom(fd, wf_name_atom(fd->c, e->u.member.name));
                }
                wf_emit_pos(fd, n->line, n->col);
                wf_emit_op(fd, OP_delete);
            } else {
                if (emit_expr(fd, e, false) < 0)
                    return -1;
                wf_emit_op(fd, OP_push_true);
            }
            chain_end(fd, &ch, 1, OP_push_true);
            break;
        }
        default:
            if (emit_expr(fd, arg, false) < 0)
                return -1;
            wf_emit_op(fd, OP_push_true);
            break;
        }
        break;
    case WF_OP_VOID:
        if (emit_expr(fd, arg, false) < 0)
            return -1;
        if (want)
            wf_emit_op(fd, OP_undefined);
        return 0;
    default:
        if (wf_emit_expr(fd, arg) < 0)
            return -1;
        wf_emit_pos(fd, n->line, n->col);
        switch (n->u.unary.op) {
        case WF_OP_NEG: wf_emit_op(fd, OP_neg); break;
        case WF_OP_PLUS: wf_emit_op(fd, OP_plus); break;
        case WF_OP_NOT: wf_emit_op(fd, OP_lnot); break;
        case WF_OP_BNOT: wf_emit_op(fd, OP_bnot); break;
        default:
            return wf_compile_error(fd->c, n->line, n->col, "invalid unary operator");
        }
        break;
    }
    if (!want)
        wf_emit_op(fd, OP_drop);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Assignment and update                                                   */

/* Evaluates the reference part of target: pushes what WFRefInfo says. */
int wf_emit_ref_prepare(WFFuncDef *fd, WFAstNode *t, WFRefInfo *ri)
{
    ri->line = t->line;
    ri->col = t->col;
    switch (t->kind) {
    case WF_AST_IDENT:
        ri->atom = wf_name_atom(fd->c, t->u.ident.name);
        if (resolve(fd, ri->atom, &ri->ref) < 0)
            return -1;
        ri->kind = ri->ref.ndyn > 0 ? WF_REF_IDENT_DYN : WF_REF_IDENT;
        return 0;
    case WF_AST_MEMBER:
        if (check_private(fd, t) < 0)
            return -1;
        if (wf_emit_expr(fd, t->u.member.object) < 0)
            return -1;
        ri->line = t->u.member.pos_line;
        ri->col = t->u.member.pos_col;
        if (t->u.member.is_private) {
            ri->kind = WF_REF_PRIVATE;
            ri->pname = t->u.member.name;
        } else if (t->u.member.prop) {
            if (wf_emit_expr(fd, t->u.member.prop) < 0)
                return -1;
            ri->kind = WF_REF_ELEM;
        } else {
            ri->kind = WF_REF_FIELD;
            ri->atom = wf_name_atom(fd->c, t->u.member.name);
        }
        return 0;
    case WF_AST_SUPER_MEMBER:
        ri->kind = WF_REF_SUPER;
        return emit_super_ref(fd, t);
    case WF_AST_CALL:
        /* B.3.6 web compatibility: f() = v evaluates f() and throws */
        if (fd->is_strict)
            return wf_compile_error(fd->c, t->line, t->col, "invalid assignment target");
        ri->kind = WF_REF_INVALID;
        if (wf_emit_expr_void(fd, t) < 0)
            return -1;
        return wf_emit_invalid_target(fd);
    default:
        return wf_compile_error(fd->c, t->line, t->col, "invalid assignment target");
    }
}

/* Reads the current value, keeping the reference: [ref..] -> [ref.. v].
   For WF_REF_IDENT_DYN this resolves the base first (pushes [base v]). */
static int emit_ref_get(WFFuncDef *fd, WFRefInfo *ri)
{
    wf_emit_pos(fd, ri->line, ri->col);
    switch (ri->kind) {
    case WF_REF_IDENT:
        emit_static_get(fd, &ri->ref, false);
        break;
    case WF_REF_IDENT_DYN: {
        int lfound = wf_new_label(fd), i;
        for (i = 0; i < ri->ref.ndyn; i++) {
            emit_slot_get(fd, ri->ref.dyn[i].kind, ri->ref.dyn[i].idx);
            wf_emit_with(fd, OP_with_get_ref, ri->atom, lfound, dyn_flags(&ri->ref, i));
        }
        wf_emit_op(fd, OP_undefined);
        emit_static_get(fd, &ri->ref, false);
        wf_emit_label(fd, lfound);
        break;
    }
    case WF_REF_FIELD:
        wf_emit_op(fd, OP_dup);
        wf_emit_field(fd, OP_get_field, ri->atom);
        break;
    case WF_REF_ELEM:
        wf_emit_op(fd, OP_to_propkey2);
        wf_emit_op(fd, OP_dup2);
        wf_emit_op(fd, OP_get_array_el);
        break;
    case WF_REF_SUPER:
        wf_emit_op(fd, OP_to_propkey);  /* once, for the get and the put */
        wf_emit_op(fd, OP_dup3);
        wf_emit_op(fd, OP_get_super_value);
        break;
    case WF_REF_PRIVATE:
        wf_emit_op(fd, OP_dup);
        return wf_emit_private_get(fd, ri->pname);
    case WF_REF_INVALID:
        if (wf_emit_invalid_target(fd) < 0)
            return -1;
        wf_emit_op(fd, OP_undefined);   /* dead: keeps the stack shape */
        break;
    }
    return 0;
}

int wf_emit_invalid_target(WFFuncDef *fd)
{
    JSAtom a = wf_compiler_atom(fd->c, "Invalid assignment target", 25);
    if (a == JS_ATOM_NULL)
        return -1;
    wf_emit_op_atom_u8(fd, OP_throw_error, a, WF_THROW_REFERENCE);
    return 0;
}

/* Stores: [ref.. v] -> [] or [v] (keep). */
int wf_emit_ref_put(WFFuncDef *fd, WFRefInfo *ri, bool keep)
{
    wf_emit_pos(fd, ri->line, ri->col);
    switch (ri->kind) {
    case WF_REF_IDENT:
        if (keep)
            wf_emit_op(fd, OP_dup);
        emit_static_put(fd, &ri->ref, false);
        break;
    case WF_REF_IDENT_DYN: {
        /* [base v]: base is the with object, or undefined for the static
           binding */
        int lstatic = wf_new_label(fd), lend = wf_new_label(fd);
        if (keep)
            wf_emit_op(fd, OP_insert2);          /* [v base v] */
        wf_emit_op(fd, OP_swap);                 /* [.. v base] */
        wf_emit_op(fd, OP_dup);
        wf_emit_jump(fd, OP_if_false, lstatic);  /* [.. v base] */
        wf_emit_op(fd, OP_swap);                 /* [.. base v] */
        if (WF_HAVE_WITH_FIND)
            wf_emit_op_atom(fd, OP_put_ref_value, ri->atom);
        else
            wf_emit_field(fd, OP_put_field, ri->atom);
        wf_emit_jump(fd, OP_goto, lend);
        wf_emit_label(fd, lstatic);
        wf_emit_op(fd, OP_drop);
        emit_static_put(fd, &ri->ref, false);
        wf_emit_label(fd, lend);
        break;
    }
    case WF_REF_FIELD:
        if (keep)
            wf_emit_op(fd, OP_insert2);
        wf_emit_field(fd, OP_put_field, ri->atom);
        break;
    case WF_REF_ELEM:
        if (keep)
            wf_emit_op(fd, OP_insert3);
        wf_emit_op(fd, OP_put_array_el);
        break;
    case WF_REF_SUPER:
        if (keep)
            wf_emit_op(fd, OP_insert4);
        wf_emit_op(fd, OP_put_super_value);
        break;
    case WF_REF_PRIVATE:
        return wf_emit_private_put(fd, ri->pname, keep);
    case WF_REF_INVALID:
        if (wf_emit_invalid_target(fd) < 0)
            return -1;
        if (!keep)
            wf_emit_op(fd, OP_drop);    /* dead */
        break;
    }
    return 0;
}

int wf_emit_ref_store(WFFuncDef *fd, WFRefInfo *ri, bool keep)
{
    if (ri->kind == WF_REF_IDENT) {
        wf_emit_pos(fd, ri->line, ri->col);
        return wf_emit_ident_put(fd, ri->atom, keep, false);
    }
    return wf_emit_ref_put(fd, ri, keep);
}

/* Number of values a prepared reference keeps on the stack. */
static int ref_depth(const WFRefInfo *ri)
{
    switch (ri->kind) {
    case WF_REF_IDENT: return 0;
    case WF_REF_IDENT_DYN: return 1;
    case WF_REF_FIELD: return 1;
    case WF_REF_PRIVATE: return 1;
    case WF_REF_INVALID: return 0;
    case WF_REF_ELEM: return 2;
    case WF_REF_SUPER: return 3;
    }
    return 0;
}

static void emit_drop_n(WFFuncDef *fd, int n)
{
    while (n-- > 0)
        wf_emit_op(fd, OP_drop);
}

#if WF_HAVE_FUSED_ADD
/* Returns 0 if emitted, 1 if the target does not qualify, -1 on error. */
static int emit_fused_add(WFFuncDef *fd, WFAstNode *t, WFAstNode *v, WFAstNode *n)
{
    if (t->kind == WF_AST_IDENT) {
        JSAtom name = wf_name_atom(fd->c, t->u.ident.name);
        WFRef ref;
        if (resolve(fd, name, &ref) < 0)
            return -1;
        if (ref.ndyn > 0 || ref.is_const || ref.kind == WF_LOC_ARG)
            return 1;
        wf_emit_pos(fd, t->line, t->col);
        emit_static_get(fd, &ref, false);
        if (wf_emit_expr(fd, v) < 0)
            return -1;
        wf_emit_pos(fd, n->line, n->col);
        switch (ref.kind) {
        case WF_LOC_LOCAL:
            wf_emit_op_u16(fd, OP_add_put_loc, (uint16_t)ref.idx);
            break;
        case WF_LOC_CVAR:
            wf_emit_op_u16(fd, OP_add_put_var_ref, (uint16_t)ref.idx);
            break;
        default:
            wf_emit_op_atom(fd, OP_add_put_var, name);
            break;
        }
        return 0;
    }
    if (t->kind == WF_AST_MEMBER && !t->u.member.prop && !t->u.member.is_private) {
        JSAtom name = wf_name_atom(fd->c, t->u.member.name);
        if (wf_emit_expr(fd, t->u.member.object) < 0)
            return -1;
        wf_emit_pos(fd, t->u.member.pos_line, t->u.member.pos_col);
        wf_emit_op(fd, OP_dup);
        wf_emit_field(fd, OP_get_field, name);
        if (wf_emit_expr(fd, v) < 0)
            return -1;
        wf_emit_pos(fd, n->line, n->col);
        wf_emit_field(fd, OP_add_put_field, name);
        return 0;
    }
    return 1;
}
#endif

static int emit_yield(WFFuncDef *fd, WFAstNode *n, bool want);

/* Resolves an identifier target before its value is computed: under with
   / eval var objects pushes [base] (a WF_REF_IDENT_DYN reference) and
   returns 1; otherwise pushes nothing and returns 0. */
int wf_emit_ident_find(WFFuncDef *fd, JSAtom name, WFRefInfo *ri)
{
    int lfound, i;
    ri->atom = name;
    ri->line = fd->cur_line;
    ri->col = fd->cur_col;
    if (resolve(fd, name, &ri->ref) < 0)
        return -1;
    if (ri->ref.ndyn == 0 || !WF_HAVE_WITH_FIND) {
        ri->kind = WF_REF_IDENT;
        return 0;
    }
    ri->kind = WF_REF_IDENT_DYN;
    lfound = wf_new_label(fd);
    for (i = 0; i < ri->ref.ndyn; i++) {
        emit_slot_get(fd, ri->ref.dyn[i].kind, ri->ref.dyn[i].idx);
        wf_emit_with(fd, OP_with_find, name, lfound, dyn_flags(&ri->ref, i));
    }
    wf_emit_op(fd, OP_undefined);
    wf_emit_label(fd, lfound);
    return 1;
}

/* `name = value` (13.15.2): under with / eval var objects the reference is
   resolved before the value is evaluated.  fname: name given to an
   anonymous function value (JS_ATOM_NULL: none). */
int wf_emit_assign_name(WFFuncDef *fd, JSAtom name, WFAstNode *v, JSAtom fname, bool want)
{
    WFRef ref;
    int line = fd->cur_line, col = fd->cur_col;
    if (resolve(fd, name, &ref) < 0)
        return -1;
    if (ref.ndyn > 0 && WF_HAVE_WITH_FIND) {
        WFRefInfo dri;
        int lfound = wf_new_label(fd), i;
        for (i = 0; i < ref.ndyn; i++) {
            emit_slot_get(fd, ref.dyn[i].kind, ref.dyn[i].idx);
            wf_emit_with(fd, OP_with_find, name, lfound, dyn_flags(&ref, i));
        }
        wf_emit_op(fd, OP_undefined);
        wf_emit_label(fd, lfound);              /* [base] */
        if (wf_emit_expr_named(fd, v, fname) < 0)
            return -1;
        dri.kind = WF_REF_IDENT_DYN;
        dri.atom = name;
        dri.ref = ref;
        dri.line = line;
        dri.col = col;
        return wf_emit_ref_put(fd, &dri, want);
    }
    if (wf_emit_expr_named(fd, v, fname) < 0)
        return -1;
    wf_emit_pos(fd, line, col);
    return wf_emit_ident_put(fd, name, want, false);
}

static int emit_assign(WFFuncDef *fd, WFAstNode *n, bool want)
{
    WFAstNode *t = n->u.assign.target;
    WFAstNode *v = n->u.assign.value;
    uint8_t op = n->u.assign.op;
    WFRefInfo ri;

    if (t->kind == WF_AST_ARRAY_PATTERN || t->kind == WF_AST_OBJECT_PATTERN) {
        if (wf_emit_expr(fd, v) < 0)
            return -1;
        return wf_emit_destructure(fd, t, 0xff, want);
    }
    if (op == WF_OP_ASSIGN) {
        if (t->kind == WF_AST_IDENT) {
            JSAtom name = wf_name_atom(fd->c, t->u.ident.name);
            wf_emit_pos(fd, t->line, t->col);
            return wf_emit_assign_name(fd, name, v, (t->flags & WF_AST_F_PARENS) ? JS_ATOM_NULL : name,
                                       want);
        }
        if (wf_emit_ref_prepare(fd, t, &ri) < 0)
            return -1;
        if (wf_emit_expr(fd, v) < 0)
            return -1;
        return wf_emit_ref_put(fd, &ri, want);
    }
    if (is_logical_op(op)) {
        /* a ||= b: b is evaluated and stored only if needed */
        int lskip = wf_new_label(fd), lend = wf_new_label(fd);
        int depth;
        if (wf_emit_ref_prepare(fd, t, &ri) < 0 || emit_ref_get(fd, &ri) < 0)
            return -1;
        depth = ref_depth(&ri);
        if (ri.kind == WF_REF_IDENT_DYN)
            depth = 1;
        wf_emit_op(fd, OP_dup);
        if (op == WF_OP_NULLISH) {
            wf_emit_op(fd, OP_is_undefined_or_null);
            wf_emit_jump(fd, OP_if_false, lskip);
        } else {
            wf_emit_jump(fd, op == WF_OP_AND ? OP_if_false : OP_if_true, lskip);
        }
        wf_emit_op(fd, OP_drop);
        if (t->kind == WF_AST_IDENT && !(t->flags & WF_AST_F_PARENS)) {
            if (wf_emit_expr_named(fd, v, ri.atom) < 0)
                return -1;
        } else if (wf_emit_expr(fd, v) < 0) {
            return -1;
        }
        if (wf_emit_ref_put(fd, &ri, want) < 0)
            return -1;
        wf_emit_jump(fd, OP_goto, lend);
        wf_emit_label(fd, lskip);
        /* [ref.. v] -> [v] or [] */
        if (want) {
            int i;
            for (i = 0; i < depth; i++)
                wf_emit_op(fd, OP_nip);
        } else {
            emit_drop_n(fd, depth + 1);
        }
        wf_emit_label(fd, lend);
        return 0;
    }
    /* `x += e` with the value unused: fused add-and-store ops that read
       the old value first (spec order) and let string appends happen in
       place */
#if WF_HAVE_FUSED_ADD
    if (op == WF_OP_ADD && !want) {
        int r = emit_fused_add(fd, t, v, n);
        if (r <= 0)
            return r;
    }
#endif
    if (wf_emit_ref_prepare(fd, t, &ri) < 0 || emit_ref_get(fd, &ri) < 0)
        return -1;
    if (wf_emit_expr(fd, v) < 0)
        return -1;
    wf_emit_pos(fd, n->line, n->col);
    wf_emit_op(fd, binary_opcode(op));
    return wf_emit_ref_put(fd, &ri, want);
}

static int emit_update(WFFuncDef *fd, WFAstNode *n, bool want)
{
    WFAstNode *t = n->u.update.arg;
    bool inc = n->u.update.op == WF_OP_INC;
    bool prefix = n->u.update.prefix;
    WFRefInfo ri;

    if (t->kind == WF_AST_IDENT) {
        JSAtom name = wf_name_atom(fd->c, t->u.ident.name);
        WFRef ref;
        if (resolve(fd, name, &ref) < 0)
            return -1;
        if (ref.kind == WF_LOC_LOCAL && ref.ndyn == 0 && !ref.is_const && !ref.need_check) {
            wf_emit_pos(fd, n->line, n->col);
            if (!want) {
                wf_emit_op_u16(fd, inc ? OP_inc_loc : OP_dec_loc, (uint16_t)ref.idx);
                return 0;
            }
            if (prefix) {
                wf_emit_op_u16(fd, inc ? OP_inc_loc : OP_dec_loc, (uint16_t)ref.idx);
                wf_emit_loc(fd, OP_get_loc, ref.idx);
            } else {
                wf_emit_loc(fd, OP_get_loc, ref.idx);
                wf_emit_op(fd, inc ? OP_post_inc : OP_post_dec);
                wf_emit_loc(fd, OP_put_loc, ref.idx);
            }
            return 0;
        }
    }
    if (wf_emit_ref_prepare(fd, t, &ri) < 0 || emit_ref_get(fd, &ri) < 0)
        return -1;
    wf_emit_pos(fd, n->line, n->col);
    if (prefix || !want) {
        wf_emit_op(fd, inc ? OP_inc : OP_dec);
        return wf_emit_ref_put(fd, &ri, want);
    }
    /* postfix with value: [ref.. old new] -> store new, leave old */
    wf_emit_op(fd, inc ? OP_post_inc : OP_post_dec);
    switch (ri.kind) {
    case WF_REF_IDENT:
        emit_static_put(fd, &ri.ref, false);
        return 0;
    case WF_REF_INVALID:
        return wf_emit_ref_put(fd, &ri, false);
    case WF_REF_IDENT_DYN:
    case WF_REF_FIELD:
    case WF_REF_PRIVATE:
        wf_emit_op(fd, OP_perm3);       /* [old base new] */
        break;
    case WF_REF_ELEM:
        wf_emit_op(fd, OP_perm4);       /* [old obj key new] */
        break;
    case WF_REF_SUPER:
        /* [this proto key old new] -> [old this proto key new] */
        wf_emit_op(fd, OP_swap);        /* [t p k new old] */
        wf_emit_op(fd, OP_rot5l);       /* [p k new old t] */
        wf_emit_op(fd, OP_rot5l);       /* [k new old t p] */
        wf_emit_op(fd, OP_rot5l);       /* [new old t p k] */
        wf_emit_op(fd, OP_rot5l);       /* [old t p k new] */
        break;
    }
    return wf_emit_ref_put(fd, &ri, false);
}

/* ---------------------------------------------------------------------- */
/* Generators                                                              */

static bool is_async_gen(WFFuncDef *fd)
{
    return fd->func_kind == WF_FUNC_KIND_ASYNC_GENERATOR;
}

/* AsyncIteratorClose / IteratorClose for a normal completion of the
   iterator in temp slot `it` (errors propagate). */
static void emit_close_iter_slot(WFFuncDef *fd, int it, bool is_async)
{
    int lskip = wf_new_label(fd), lend = wf_new_label(fd);
    wf_emit_loc(fd, OP_get_loc, it);
    wf_emit_op_u8(fd, OP_iterator_get_method, 0);   /* [it m] */
    wf_emit_op(fd, OP_dup);
    wf_emit_op(fd, OP_is_undefined);
    wf_emit_jump(fd, OP_if_true, lskip);
    wf_emit_op_u16(fd, OP_call_method, 0);
    if (is_async)
        wf_emit_op(fd, OP_await);
    wf_emit_op(fd, OP_iterator_check_object);
    wf_emit_op(fd, OP_drop);
    wf_emit_jump(fd, OP_goto, lend);
    wf_emit_label(fd, lskip);
    wf_emit_op(fd, OP_drop);
    wf_emit_op(fd, OP_drop);
    wf_emit_label(fd, lend);
}

/* yield* (15.5.5 YieldExpression : yield * AssignmentExpression) */
static int emit_yield_star(WFFuncDef *fd, WFAstNode *n)
{
    bool as = is_async_gen(fd);
    int it = wf_temp_alloc(fd), nx = wf_temp_alloc(fd), rv = wf_temp_alloc(fd);
    int kd = wf_temp_alloc(fd);
    int lloop = wf_new_label(fd), lthrow = wf_new_label(fd), lreturn = wf_new_label(fd);
    int lcheck = wf_new_label(fd), lyield = wf_new_label(fd), ldone = wf_new_label(fd);
    int lnothrow = wf_new_label(fd), lnoreturn = wf_new_label(fd);
    if (it < 0 || nx < 0 || rv < 0 || kd < 0)
        return -1;
    if (wf_emit_expr(fd, n->u.yield.arg) < 0)
        return -1;
    wf_emit_pos(fd, n->line, n->col);
    wf_emit_op_u8(fd, OP_get_iterator, as ? 1 : 0);
    wf_emit_loc(fd, OP_put_loc, nx);
    wf_emit_loc(fd, OP_put_loc, it);
    wf_emit_op(fd, OP_undefined);
    wf_emit_loc(fd, OP_put_loc, rv);
    wf_emit_push_int(fd, 0);
    wf_emit_loc(fd, OP_put_loc, kd);
    wf_emit_label(fd, lloop);
    wf_emit_loc(fd, OP_get_loc, kd);
    wf_emit_push_int(fd, 1);
    wf_emit_op(fd, OP_strict_eq);
    wf_emit_jump(fd, OP_if_true, lthrow);
    wf_emit_loc(fd, OP_get_loc, kd);
    wf_emit_push_int(fd, 2);
    wf_emit_op(fd, OP_strict_eq);
    wf_emit_jump(fd, OP_if_true, lreturn);
    /* next(received) */
    wf_emit_loc(fd, OP_get_loc, it);
    wf_emit_loc(fd, OP_get_loc, nx);
    wf_emit_loc(fd, OP_get_loc, rv);
    wf_emit_op_u16(fd, OP_call_method, 1);
    if (as)
        wf_emit_op(fd, OP_await);
    wf_emit_op(fd, OP_iterator_check_object);
    wf_emit_jump(fd, OP_goto, lcheck);
    /* throw(received) */
    wf_emit_label(fd, lthrow);
    wf_emit_loc(fd, OP_get_loc, it);
    wf_emit_op_u8(fd, OP_iterator_get_method, 1);
    wf_emit_op(fd, OP_dup);
    wf_emit_op(fd, OP_is_undefined);
    wf_emit_jump(fd, OP_if_true, lnothrow);
    wf_emit_loc(fd, OP_get_loc, rv);
    wf_emit_op_u16(fd, OP_call_method, 1);
    if (as)
        wf_emit_op(fd, OP_await);
    wf_emit_op(fd, OP_iterator_check_object);
    wf_emit_jump(fd, OP_goto, lcheck);
    wf_emit_label(fd, lnothrow);
    wf_emit_op(fd, OP_drop);
    wf_emit_op(fd, OP_drop);
    emit_close_iter_slot(fd, it, as);
    {
        JSAtom a = wf_compiler_atom(fd->c, "The iterator does not provide a 'throw' method", 46);
        if (a == JS_ATOM_NULL)
            return -1;
        wf_emit_op_atom_u8(fd, OP_throw_error, a, WF_THROW_TYPE);
    }
    /* return(received) */
    wf_emit_label(fd, lreturn);
    if (as) {
        /* AsyncGeneratorUnwrapYieldResumption: the value is awaited first;
           a rejection turns the resumption into a throw */
        int lok = wf_new_label(fd), lrej = wf_new_label(fd);
        wf_emit_jump(fd, OP_catch, lrej);
        wf_emit_loc(fd, OP_get_loc, rv);
        wf_emit_op(fd, OP_await);
        wf_emit_loc(fd, OP_put_loc, rv);
        wf_emit_op(fd, OP_drop);
        wf_emit_jump(fd, OP_goto, lok);
        wf_emit_label(fd, lrej);
        wf_emit_loc(fd, OP_put_loc, rv);
        wf_emit_push_int(fd, 1);
        wf_emit_loc(fd, OP_put_loc, kd);
        wf_emit_jump(fd, OP_goto, lloop);
        wf_emit_label(fd, lok);
    }
    wf_emit_loc(fd, OP_get_loc, it);
    wf_emit_op_u8(fd, OP_iterator_get_method, 0);
    wf_emit_op(fd, OP_dup);
    wf_emit_op(fd, OP_is_undefined);
    wf_emit_jump(fd, OP_if_true, lnoreturn);
    wf_emit_loc(fd, OP_get_loc, rv);
    wf_emit_op_u16(fd, OP_call_method, 1);
    if (as)
        wf_emit_op(fd, OP_await);
    wf_emit_op(fd, OP_iterator_check_object);
    wf_emit_op(fd, OP_iterator_complete);
    wf_emit_jump(fd, OP_if_false, lyield);
    wf_emit_op(fd, OP_iterator_value);
    if (as)
        wf_emit_op(fd, OP_await);
    if (wf_emit_return(fd, true) < 0)
        return -1;
    wf_emit_label(fd, lnoreturn);
    wf_emit_op(fd, OP_drop);
    wf_emit_op(fd, OP_drop);
    wf_emit_loc(fd, OP_get_loc, rv);
    if (as)
        wf_emit_op(fd, OP_await);   /* 27.6.3.8 step 7.c.iii.2 */
    if (wf_emit_return(fd, true) < 0)
        return -1;
    /* [res]: done? */
    wf_emit_label(fd, lcheck);
    wf_emit_op(fd, OP_iterator_complete);
    wf_emit_jump(fd, OP_if_true, ldone);
    wf_emit_label(fd, lyield);
    if (as)
        wf_emit_op(fd, OP_iterator_value);
    wf_emit_op(fd, OP_yield_star);                      /* [received kind] */
    wf_emit_loc(fd, OP_put_loc, kd);
    wf_emit_loc(fd, OP_put_loc, rv);
    wf_emit_jump(fd, OP_goto, lloop);
    wf_emit_label(fd, ldone);
    wf_emit_op(fd, OP_iterator_value);
    wf_emit_op(fd, OP_undefined);
    wf_emit_op(fd, OP_dup);
    wf_emit_loc(fd, OP_put_loc, it);
    wf_emit_op(fd, OP_dup);
    wf_emit_loc(fd, OP_put_loc, nx);
    wf_emit_loc(fd, OP_put_loc, rv);
    wf_temp_free(fd, kd);
    wf_temp_free(fd, rv);
    wf_temp_free(fd, nx);
    wf_temp_free(fd, it);
    return 0;
}

static int emit_yield(WFFuncDef *fd, WFAstNode *n, bool want)
{
    int l;
    if (n->u.yield.delegate) {
        if (emit_yield_star(fd, n) < 0)
            return -1;
    } else {
        if (n->u.yield.arg) {
            if (wf_emit_expr(fd, n->u.yield.arg) < 0)
                return -1;
        } else {
            wf_emit_op(fd, OP_undefined);
        }
        wf_emit_pos(fd, n->line, n->col);
        if (is_async_gen(fd))
            wf_emit_op(fd, OP_await);
        wf_emit_op(fd, OP_yield);                       /* [received is_return] */
        l = wf_new_label(fd);
        wf_emit_jump(fd, OP_if_false, l);
        if (is_async_gen(fd))
            wf_emit_op(fd, OP_await);
        if (wf_emit_return(fd, true) < 0)
            return -1;
        wf_emit_label(fd, l);
    }
    if (!want)
        wf_emit_op(fd, OP_drop);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Dispatcher                                                              */

static int emit_conditional(WFFuncDef *fd, WFAstNode *n, bool want)
{
    int lelse = wf_new_label(fd), lend = wf_new_label(fd);
    if (wf_emit_cond_jump(fd, n->u.cond.test, false, lelse) < 0)
        return -1;
    if (emit_expr(fd, n->u.cond.cons, want) < 0)
        return -1;
    wf_emit_jump(fd, OP_goto, lend);
    wf_emit_label(fd, lelse);
    if (emit_expr(fd, n->u.cond.alt, want) < 0)
        return -1;
    wf_emit_label(fd, lend);
    return 0;
}

static int emit_expr_inner(WFFuncDef *fd, WFAstNode *n, bool want)
{
    WFCompiler *c = fd->c;
    uint32_t i;

    switch (n->kind) {
    case WF_AST_NULL:
        if (want) wf_emit_op(fd, OP_null);
        return 0;
    case WF_AST_BOOL:
        if (want) wf_emit_op(fd, n->u.boolean.value ? OP_push_true : OP_push_false);
        return 0;
    case WF_AST_NUMBER:
        if (want) wf_emit_push_number(fd, n->u.num.value);
        return 0;
    case WF_AST_STRING:
        if (want) {
            if (n->u.str.str.len == 0)
                wf_emit_op(fd, OP_push_empty_string);
            else
                wf_emit_push_const(fd, wf_ast_str_value(c, &n->u.str.str));
        }
        return c->failed ? -1 : 0;
    case WF_AST_BIGINT:
        if (emit_bigint(fd, n) < 0)
            return -1;
        break;
    case WF_AST_TEMPLATE:
        if (emit_template(fd, n) < 0)
            return -1;
        break;
    case WF_AST_TAGGED_TEMPLATE:
        if (emit_tagged_template(fd, n) < 0)
            return -1;
        break;
    case WF_AST_REGEXP:
        if (emit_regexp(fd, n) < 0)
            return -1;
        break;
    case WF_AST_ARRAY:
        if (emit_array(fd, n) < 0)
            return -1;
        break;
    case WF_AST_OBJECT:
        if (emit_object(fd, n) < 0)
            return -1;
        break;
    case WF_AST_IDENT:
        wf_emit_pos(fd, n->line, n->col);
        if (wf_emit_ident_get(fd, wf_name_atom(c, n->u.ident.name), false) < 0)
            return -1;
        break;
    case WF_AST_THIS:
        wf_emit_pos(fd, n->line, n->col);
        if (emit_this(fd) < 0)
            return -1;
        break;
    case WF_AST_NEW_TARGET:
        if (wf_emit_ident_get(fd, JS_ATOM__new_target_, false) < 0)
            return -1;
        break;
    case WF_AST_FUNC_EXPR:
    case WF_AST_ARROW:
        wf_emit_pos(fd, n->line, n->col);
        if (!want)
            return 0;
        return wf_emit_function(fd, n->u.func.func, JS_ATOM_NULL);
    case WF_AST_CLASS_EXPR:
        if (wf_emit_class(fd, n->u.cls.cls, JS_ATOM_NULL, false) < 0)
            return -1;
        break;
    case WF_AST_UNARY:
        return emit_unary(fd, n, want);
    case WF_AST_UPDATE:
        return emit_update(fd, n, want);
    case WF_AST_BINARY:
    case WF_AST_LOGICAL:
        if (emit_binary(fd, n) < 0)
            return -1;
        break;
    case WF_AST_ASSIGN:
        return emit_assign(fd, n, want);
    case WF_AST_CONDITIONAL:
        return emit_conditional(fd, n, want);
    case WF_AST_SEQUENCE:
        for (i = 0; i < n->u.seq.exprs.count; i++) {
            bool last = i + 1 == n->u.seq.exprs.count;
            if (emit_expr(fd, n->u.seq.exprs.items[i], last && want) < 0)
                return -1;
        }
        return 0;
    case WF_AST_CALL:
        if (emit_call(fd, n) < 0)
            return -1;
        break;
    case WF_AST_NEW:
        if (emit_new(fd, n) < 0)
            return -1;
        break;
    case WF_AST_MEMBER:
        if (emit_member_obj(fd, n) < 0 || emit_member_access(fd, n, false) < 0)
            return -1;
        break;
    case WF_AST_SUPER_MEMBER:
        if (emit_super_ref(fd, n) < 0)
            return -1;
        wf_emit_pos(fd, n->u.member.pos_line, n->u.member.pos_col);
        wf_emit_op(fd, OP_get_super_value);
        break;
    case WF_AST_OPTIONAL_CHAIN: {
        WFChain ch;
        chain_begin(fd, &ch);
        if (wf_emit_expr(fd, n->u.chain.expr) < 0)
            return -1;
        chain_end(fd, &ch, 1, OP_undefined);
        break;
    }
    case WF_AST_SUPER_CALL:
        if (wf_emit_super_call(fd, n) < 0)
            return -1;
        if (want && wf_emit_ident_get(fd, JS_ATOM_this, false) < 0)
            return -1;
        return 0;
    case WF_AST_IMPORT_META:
        if (wf_emit_ident_get(fd, wf_compiler_atom(c, "import.meta", 11), false) < 0)
            return -1;
        break;
    case WF_AST_IMPORT_CALL:
        if (wf_emit_expr(fd, n->u.import_call.source) < 0)
            return -1;
        if (n->u.import_call.options) {
            if (wf_emit_expr(fd, n->u.import_call.options) < 0)
                return -1;
        } else {
            wf_emit_op(fd, OP_undefined);
        }
        wf_emit_pos(fd, n->line, n->col);
        wf_emit_op(fd, OP_import_call);
        break;
    case WF_AST_YIELD:
        return emit_yield(fd, n, want);
    case WF_AST_AWAIT:
        if (wf_emit_expr(fd, n->u.spread.arg) < 0)
            return -1;
        wf_emit_pos(fd, n->line, n->col);
        wf_emit_op(fd, OP_await);
        break;
    case WF_AST_PRIVATE_IN:
        if (wf_emit_expr(fd, n->u.private_in.right) < 0)
            return -1;
        wf_emit_pos(fd, n->line, n->col);
        if (wf_emit_private_in(fd, n->u.private_in.name) < 0)
            return -1;
        break;
    case WF_AST_SPREAD:
        return wf_compile_error(c, n->line, n->col, "unexpected spread element");
    default:
        return wf_compile_error(c, n->line, n->col, "unexpected node in expression (%d)",
                                n->kind);
    }
    if (!want)
        wf_emit_op(fd, OP_drop);
    return c->failed ? -1 : 0;
}

static int emit_expr(WFFuncDef *fd, WFAstNode *n, bool want)
{
    WFCompiler *c = fd->c;
    int ret;
    if (c->failed)
        return -1;
    if (++c->depth > WF_EMIT_MAX_DEPTH || wf_check_stack_overflow(c->ctx->rt, 0)) {
        c->depth--;
        return wf_compile_error(c, n->line, n->col, "expression nested too deeply");
    }
    ret = emit_expr_inner(fd, n, want);
    c->depth--;
    if (c->failed)
        ret = -1;
    return ret;
}

int wf_emit_expr(WFFuncDef *fd, WFAstNode *n)
{
    return emit_expr(fd, n, true);
}

int wf_emit_expr_void(WFFuncDef *fd, WFAstNode *n)
{
    return emit_expr(fd, n, false);
}
