/*
 * emit_stmt.c - bytecode for statements (ECMA-262 14): blocks and their
 * lexical scopes, declarations, if, loops (per-iteration bindings of
 * for (let ...)), for-in, for-of with IteratorClose on abrupt exits,
 * switch, labels, break/continue, return through finally blocks,
 * try/catch/finally, throw, with, debugger; plus completion values of
 * scripts and eval code.
 *
 * Leaving a construct early (break, continue, return) runs the exit code
 * of every construct in between (WFBlock chain): dropping catch markers
 * and for-in enumerators, closing iterators, running finally blocks
 * (gosub) and detaching captured block-scoped bindings (close_loc).
 */
#include <string.h>

#include "engine/emit.h"
#include "engine/state.h"
#include "engine/atom.h"

/* ---------------------------------------------------------------------- */
/* Blocks                                                                  */

void wf_block_push(WFFuncDef *fd, WFBlock *b, uint8_t kind, WFAstNode *node)
{
    memset(b, 0, sizeof(*b));
    b->kind = kind;
    b->node = node;
    b->label_break = b->label_cont = b->label_finally = -1;
    b->scope = -1;
    b->sp_base = fd->sp;
    b->prev = fd->block;
    fd->block = b;
}

void wf_block_pop(WFFuncDef *fd, WFBlock *b)
{
    fd->block = b->prev;
}

static void emit_block_exit(WFFuncDef *fd, WFBlock *b, bool for_return)
{
    int i;
    switch (b->kind) {
    case WF_BLK_SCOPE:
        if (!for_return)
            wf_scope_emit_close(fd, b->scope, true);
        break;
    case WF_BLK_TRY:
    case WF_BLK_FOR_IN:
        wf_emit_op(fd, OP_drop);
        break;
    case WF_BLK_FINALLY:
        wf_emit_op(fd, OP_undefined);
        wf_emit_jump(fd, OP_gosub, b->label_finally);
        wf_emit_op(fd, OP_drop);
        break;
    case WF_BLK_FINALLY_BODY:
        wf_emit_op(fd, OP_drop);
        wf_emit_op(fd, OP_drop);
        break;
    case WF_BLK_FOR_OF:
        wf_emit_op(fd, OP_iterator_close);
        break;
    case WF_BLK_STACK:
        for (i = 0; i < b->count; i++)
            wf_emit_op(fd, OP_drop);
        break;
    case WF_BLK_FOR_AWAIT: {
        /* [iter next] -> AsyncIteratorClose(iter, normal completion) */
        int lskip = wf_new_label(fd), lend = wf_new_label(fd);
        wf_emit_op(fd, OP_drop);
        wf_emit_op_u8(fd, OP_iterator_get_method, 0);
        wf_emit_op(fd, OP_dup);
        wf_emit_op(fd, OP_is_undefined);
        wf_emit_jump(fd, OP_if_true, lskip);
        wf_emit_op_u16(fd, OP_call_method, 0);
        wf_emit_op(fd, OP_await);
        wf_emit_op(fd, OP_iterator_check_object);
        wf_emit_op(fd, OP_drop);
        wf_emit_jump(fd, OP_goto, lend);
        wf_emit_label(fd, lskip);
        wf_emit_op(fd, OP_drop);
        wf_emit_op(fd, OP_drop);
        wf_emit_label(fd, lend);
        break;
    }
    default:
        break;
    }
}

void wf_emit_unwind(WFFuncDef *fd, WFBlock *to)
{
    WFBlock *b;
    for (b = fd->block; b && b != to; b = b->prev) {
        /* expression temporaries above the construct (yield in an
           expression resumed with return()) */
        while (fd->sp_valid && fd->sp > b->sp_base)
            wf_emit_op(fd, OP_drop);
        emit_block_exit(fd, b, to == NULL);
    }
}

/* true if leaving every block needs code other than scope closes */
static bool unwind_needs_code(WFFuncDef *fd)
{
    WFBlock *b;
    for (b = fd->block; b; b = b->prev) {
        if (b->kind != WF_BLK_LOOP && b->kind != WF_BLK_SWITCH &&
            b->kind != WF_BLK_LABEL && b->kind != WF_BLK_SCOPE)
            return true;
    }
    return false;
}

static int emit_final_return(WFFuncDef *fd, bool has_value)
{
    if (fd->is_derived_ctor) {
        if (has_value) {
            wf_emit_loc(fd, OP_get_loc, fd->this_var);
            wf_emit_op(fd, OP_check_ctor_return);
        } else {
            wf_emit_op_u16(fd, OP_get_loc_checkthis, (uint16_t)fd->this_var);
        }
        wf_emit_op(fd, OP_return);
        return 0;
    }
    wf_emit_op(fd, has_value ? OP_return : OP_return_undef);
    return 0;
}

int wf_emit_return(WFFuncDef *fd, bool has_value)
{
    if (!unwind_needs_code(fd))
        return emit_final_return(fd, has_value);
    if (fd->ret_var < 0) {
        fd->ret_var = wf_hidden_var(fd);
        if (fd->ret_var < 0)
            return -1;
    }
    if (!has_value)
        wf_emit_op(fd, OP_undefined);
    wf_emit_loc(fd, OP_put_loc, fd->ret_var);
    wf_emit_unwind(fd, NULL);
    wf_emit_loc(fd, OP_get_loc, fd->ret_var);
    if (!has_value && !fd->is_derived_ctor) {
        wf_emit_op(fd, OP_return);
        return 0;
    }
    return emit_final_return(fd, true);
}

/* ---------------------------------------------------------------------- */
/* Scopes and declarations                                                 */

static bool decl_is_lexical(uint8_t kind)
{
    return kind == WF_DECL_LET || kind == WF_DECL_CONST || kind == WF_DECL_CLASS ||
           kind == WF_DECL_CLASS_INNER;
}

int wf_emit_enter_scope(WFFuncDef *fd, WFAstScope *sc, WFAstNode *owner)
{
    uint32_t i;
    int s;
    (void)owner;
    s = wf_scope_push(fd);
    if (s < 0)
        return -1;
    for (i = 0; i < sc->count; i++) {
        WFAstDecl *d = &sc->decls[i];
        JSAtom name = wf_name_atom(fd->c, d->name);
        int idx;
        WFVar *v;
        if (d->kind >= WF_DECL_PRIVATE_FIELD)
            continue;
        if (wf_scope_find(fd, s, name) >= 0)
            continue;
        idx = wf_var_add(fd, s, name, WF_SLOT_NORMAL);
        if (idx < 0)
            return -1;
        v = &fd->vars[idx];
        v->decl = d->kind;
        v->is_lexical = decl_is_lexical(d->kind);
        v->is_const = d->kind == WF_DECL_CONST || d->kind == WF_DECL_CLASS_INNER;
        if (v->is_lexical)
            wf_emit_tdz_init(fd, idx);
        else
            v->initialized = true;
    }
    return wf_emit_hoisted_functions(fd, sc, false);
}

void wf_emit_leave_scope(WFFuncDef *fd)
{
    if (!wf_emit_is_dead(fd))
        wf_scope_emit_close(fd, fd->cur_scope, false);
    wf_scope_pop(fd);
}

/* Instantiates the function declarations of a scope (block-level ones,
   or a function body's when !global). */
int wf_emit_hoisted_functions(WFFuncDef *fd, WFAstScope *sc, bool global)
{
    uint32_t i;
    for (i = 0; i < sc->count; i++) {
        WFAstDecl *d = &sc->decls[i];
        WFAstFunc *f;
        JSAtom name;
        if (d->kind != WF_DECL_FUNCTION || !d->node || d->node->kind != WF_AST_FUNC_DECL)
            continue;
        f = d->node->u.func.func;
        name = wf_name_atom(fd->c, d->name);
        wf_emit_pos(fd, d->node->line, d->node->col);
        if (wf_emit_function(fd, f, name) < 0)
            return -1;
        if (global) {
            wf_emit_op_atom_u8(fd, OP_define_func, name,
                               fd->code_kind == WF_CODE_EVAL ? WF_DEFVAR_EVAL : 0);
        } else {
            if (wf_emit_ident_put(fd, name, false, true) < 0)
                return -1;
        }
    }
    return fd->c->failed ? -1 : 0;
}

/* Marks the binding `name` of the current scope initialized. */
void wf_mark_initialized(WFFuncDef *fd, JSAtom name)
{
    int idx = wf_scope_find(fd, fd->cur_scope, name);
    if (idx >= 0 && !fd->scopes[fd->cur_scope].is_switch)
        fd->vars[idx].initialized = true;
}

static int emit_var_decl(WFFuncDef *fd, WFAstNode *n)
{
    uint32_t i;
    uint8_t vk = n->u.var_decl.kind;
    uint8_t decl = vk == WF_VAR_LET ? WF_DECL_LET : vk == WF_VAR_CONST ? WF_DECL_CONST : WF_DECL_VAR;
    for (i = 0; i < n->u.var_decl.decls.count; i++) {
        WFAstNode *d = n->u.var_decl.decls.items[i];
        WFAstNode *t = d->u.declarator.target;
        WFAstNode *init = d->u.declarator.init;
        wf_emit_pos(fd, d->line, d->col);
        if (t->kind == WF_AST_IDENT) {
            JSAtom name = wf_name_atom(fd->c, t->u.ident.name);
            if (decl == WF_DECL_VAR) {
                /* 14.3.2.1: ResolveBinding before the initializer */
                if (init && wf_emit_assign_name(fd, name, init, name, false) < 0)
                    return -1;
                continue;
            }
            if (!init) {
                wf_emit_op(fd, OP_undefined);
            } else if (wf_emit_expr_named(fd, init, name) < 0) {
                return -1;
            }
            wf_emit_pos(fd, t->line, t->col);
            if (wf_emit_ident_put(fd, name, false, decl != WF_DECL_VAR) < 0)
                return -1;
            if (decl != WF_DECL_VAR)
                wf_mark_initialized(fd, name);
        } else {
            if (!init)
                return wf_compile_error(fd->c, d->line, d->col, "missing initializer");
            if (wf_emit_expr(fd, init) < 0)
                return -1;
            if (wf_emit_binding(fd, t, decl) < 0)
                return -1;
        }
    }
    return 0;
}

/* Annex B.3.3: evaluating a function declaration in a block copies the
   block binding to the var binding of the same name. */
static bool annexb_hoisted(WFFuncDef *fd, WFAstNode *n)
{
    WFAstScope *vs;
    WFAstFunc *f = n->u.func.func;
    JSAtom name;
    uint32_t i;
    bool named = false;
    int s;
    if (!fd->ast || fd->is_strict || !f->name)
        return false;
    /* the parser lists one B.3.3 var binding per name */
    vs = &fd->ast->var_scope;
    for (i = 0; i < vs->count; i++) {
        uint8_t k = vs->decls[i].kind;
        if (vs->decls[i].name == f->name &&
            (k == WF_DECL_ANNEXB_FUNC || k == WF_DECL_VAR || k == WF_DECL_FUNCTION))
            named = true;
    }
    if (!named)
        return false;
    /* B.3.3.1: never for a parameter name, nor `arguments` */
    if (fd->code_kind == WF_CODE_FUNCTION) {
        if (wf_name_atom(fd->c, f->name) == JS_ATOM_arguments)
            return false;
        for (i = 0; i < fd->ast->param_scope.count; i++) {
            if (fd->ast->param_scope.decls[i].name == f->name &&
                fd->ast->param_scope.decls[i].kind == WF_DECL_PARAM)
                return false;
        }
    }
    /* this declaration qualifies if `var name` here would not clash with a
       lexical binding of an enclosing block (the parameters were checked
       by the parser for the name) */
    name = wf_name_atom(fd->c, f->name);
    if (fd->cur_scope < 0)
        return false;
    for (s = fd->scopes[fd->cur_scope].parent; s >= 0 && s != fd->body_scope;
         s = fd->scopes[s].parent) {
        int idx = wf_scope_find(fd, s, name);
        if (idx >= 0 && fd->vars[idx].decl != WF_DECL_CATCH_PARAM)
            return false;
    }
    return true;
}

static int emit_func_decl_stmt(WFFuncDef *fd, WFAstNode *n)
{
    WFAstFunc *f = n->u.func.func;
    JSAtom name;
    int saved;
    if (fd->cur_scope == fd->body_scope || !f->name || !annexb_hoisted(fd, n))
        return 0;
    name = wf_name_atom(fd->c, f->name);
    if (wf_emit_ident_get(fd, name, false) < 0)
        return -1;
    saved = fd->cur_scope;
    fd->cur_scope = fd->body_scope;
    if (wf_emit_ident_put(fd, name, false, false) < 0)
        return -1;
    fd->cur_scope = saved;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Control flow                                                            */

static void set_completion_undefined(WFFuncDef *fd)
{
    if (fd->completion_var >= 0) {
        wf_emit_op(fd, OP_undefined);
        wf_emit_loc(fd, OP_put_loc, fd->completion_var);
    }
}

static int emit_block(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock blk;
    int ret;
    if (n->u.block.scope.count == 0)
        return wf_emit_stmt_list(fd, &n->u.block.body);
    if (wf_emit_enter_scope(fd, &n->u.block.scope, n) < 0)
        return -1;
    wf_block_push(fd, &blk, WF_BLK_SCOPE, n);
    blk.scope = fd->cur_scope;
    ret = wf_emit_stmt_list(fd, &n->u.block.body);
    wf_block_pop(fd, &blk);
    wf_emit_leave_scope(fd);
    return ret;
}

static int emit_if(WFFuncDef *fd, WFAstNode *n)
{
    int lelse = wf_new_label(fd), lend;
    set_completion_undefined(fd);
    if (wf_emit_cond_jump(fd, n->u.if_.test, false, lelse) < 0)
        return -1;
    if (wf_emit_stmt(fd, n->u.if_.cons) < 0)
        return -1;
    if (n->u.if_.alt) {
        lend = wf_new_label(fd);
        if (!wf_emit_is_dead(fd))
            wf_emit_jump(fd, OP_goto, lend);
        wf_emit_label(fd, lelse);
        if (wf_emit_stmt(fd, n->u.if_.alt) < 0)
            return -1;
        wf_emit_label(fd, lend);
    } else {
        wf_emit_label(fd, lelse);
    }
    return 0;
}

static int emit_while(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock loop;
    int lbody = wf_new_label(fd), ltest = wf_new_label(fd);
    set_completion_undefined(fd);
    wf_block_push(fd, &loop, WF_BLK_LOOP, n);
    loop.label_break = wf_new_label(fd);
    loop.label_cont = ltest;
    wf_emit_jump(fd, OP_goto, ltest);
    wf_emit_label(fd, lbody);
    if (wf_emit_stmt(fd, n->u.while_.body) < 0)
        return -1;
    wf_emit_label(fd, ltest);
    wf_emit_pos(fd, n->u.while_.test->line, n->u.while_.test->col);
    if (wf_emit_cond_jump(fd, n->u.while_.test, true, lbody) < 0)
        return -1;
    wf_emit_label(fd, loop.label_break);
    wf_block_pop(fd, &loop);
    return 0;
}

static int emit_do_while(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock loop;
    int lbody = wf_new_label(fd);
    set_completion_undefined(fd);
    wf_block_push(fd, &loop, WF_BLK_LOOP, n);
    loop.label_break = wf_new_label(fd);
    loop.label_cont = wf_new_label(fd);
    wf_emit_label(fd, lbody);
    if (wf_emit_stmt(fd, n->u.while_.body) < 0)
        return -1;
    wf_emit_label(fd, loop.label_cont);
    if (wf_emit_cond_jump(fd, n->u.while_.test, true, lbody) < 0)
        return -1;
    wf_emit_label(fd, loop.label_break);
    wf_block_pop(fd, &loop);
    return 0;
}

/* close_loc of the captured bindings of scope s (per-iteration copies) */
static void emit_iteration_close(WFFuncDef *fd, int s)
{
    wf_scope_emit_close(fd, s, false);
}

static int emit_for(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock loop, scope_blk;
    WFAstNode *init = n->u.for_.init;
    bool has_scope = n->u.for_.scope.count > 0;
    int lbody = wf_new_label(fd), ltest = wf_new_label(fd);
    int head_scope = -1;
    uint32_t close_pos;

    set_completion_undefined(fd);
    if (has_scope) {
        if (wf_emit_enter_scope(fd, &n->u.for_.scope, n) < 0)
            return -1;
        head_scope = fd->cur_scope;
        wf_block_push(fd, &scope_blk, WF_BLK_SCOPE, n);
        scope_blk.scope = head_scope;
    }
    if (init) {
        if (init->kind == WF_AST_VAR_DECL) {
            if (emit_var_decl(fd, init) < 0)
                return -1;
        } else if (wf_emit_expr_void(fd, init) < 0) {
            return -1;
        }
    }
    if (head_scope >= 0)
        emit_iteration_close(fd, head_scope);   /* closures made by init */
    wf_block_push(fd, &loop, WF_BLK_LOOP, n);
    loop.label_break = wf_new_label(fd);
    loop.label_cont = wf_new_label(fd);
    wf_emit_jump(fd, OP_goto, ltest);
    wf_emit_label(fd, lbody);
    if (wf_emit_stmt(fd, n->u.for_.body) < 0)
        return -1;
    wf_emit_label(fd, loop.label_cont);
    /* per-iteration copy: which head bindings are captured is only known
       once the test (emitted below) is compiled, so room is reserved here
       and filled in afterwards (unused bytes are nops, removed later) */
    close_pos = fd->code.len;
    if (head_scope >= 0) {
        int k;
        for (k = fd->scopes[head_scope].first; k >= 0; k = fd->vars[k].scope_next) {
            wf_emit_op(fd, OP_nop);
            wf_emit_op(fd, OP_nop);
            wf_emit_op(fd, OP_nop);
        }
    }
    if (n->u.for_.update && wf_emit_expr_void(fd, n->u.for_.update) < 0)
        return -1;
    wf_emit_label(fd, ltest);
    if (n->u.for_.test) {
        wf_emit_pos(fd, n->u.for_.test->line, n->u.for_.test->col);
        if (wf_emit_cond_jump(fd, n->u.for_.test, true, lbody) < 0)
            return -1;
    } else {
        wf_emit_jump(fd, OP_goto, lbody);
    }
    if (head_scope >= 0 && !fd->c->failed) {
        int k;
        uint32_t pos = close_pos;
        for (k = fd->scopes[head_scope].first; k >= 0; k = fd->vars[k].scope_next) {
            if (fd->vars[k].is_captured || fd->contains_eval) {
                fd->code.data[pos] = OP_close_loc;
                fd->code.data[pos + 1] = (uint8_t)k;
                fd->code.data[pos + 2] = (uint8_t)(k >> 8);
                pos += 3;
            }
        }
    }
    wf_emit_label(fd, loop.label_break);
    wf_block_pop(fd, &loop);
    if (has_scope) {
        wf_block_pop(fd, &scope_blk);
        wf_emit_leave_scope(fd);
    }
    return 0;
}

/* Assigns the value on the stack to the head of a for-in/of loop. */
static int emit_for_in_target(WFFuncDef *fd, WFAstNode *left)
{
    if (left->kind == WF_AST_VAR_DECL) {
        WFAstNode *d = left->u.var_decl.decls.items[0];
        WFAstNode *t = d->u.declarator.target;
        uint8_t vk = left->u.var_decl.kind;
        uint8_t decl = vk == WF_VAR_LET ? WF_DECL_LET : vk == WF_VAR_CONST ? WF_DECL_CONST :
                       WF_DECL_VAR;
        if (t->kind == WF_AST_IDENT) {
            JSAtom name = wf_name_atom(fd->c, t->u.ident.name);
            if (wf_emit_ident_put(fd, name, false, decl != WF_DECL_VAR) < 0)
                return -1;
            if (decl != WF_DECL_VAR)
                wf_mark_initialized(fd, name);
            return 0;
        }
        return wf_emit_binding(fd, t, decl);
    }
    if (left->kind == WF_AST_ARRAY_PATTERN || left->kind == WF_AST_OBJECT_PATTERN)
        return wf_emit_destructure(fd, left, 0xff, false);
    return wf_emit_binding(fd, left, 0xff);
}

/* for await (x of y) (14.7.5.6 with iteratorKind async): the iterator
   stays on the stack as [iter next]; the body runs under a catch marker so
   that a throw closes the iterator (AsyncIteratorClose, errors of the
   close ignored) before propagating. */
static int emit_for_await(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock loop, scope_blk, iter_blk, try_blk;
    WFAstNode *left = n->u.for_in.left;
    bool has_scope = n->u.for_in.scope.count > 0;
    int head_scope = -1, tmp;
    int lnext = wf_new_label(fd), ldone = wf_new_label(fd), lexc = wf_new_label(fd);
    int lend = wf_new_label(fd);

    set_completion_undefined(fd);
    if (has_scope) {
        if (wf_emit_enter_scope(fd, &n->u.for_in.scope, n) < 0)
            return -1;
        head_scope = fd->cur_scope;
        wf_block_push(fd, &scope_blk, WF_BLK_SCOPE, n);
        scope_blk.scope = head_scope;
    }
    tmp = wf_temp_alloc(fd);
    if (tmp < 0)
        return -1;
    if (wf_emit_expr(fd, n->u.for_in.right) < 0)
        return -1;
    if (head_scope >= 0)
        emit_iteration_close(fd, head_scope);
    wf_emit_pos(fd, n->u.for_in.right->line, n->u.for_in.right->col);
    wf_emit_op_u8(fd, OP_get_iterator, 1);              /* [it nx] */
    wf_block_push(fd, &iter_blk, WF_BLK_FOR_AWAIT, n);
    wf_block_push(fd, &loop, WF_BLK_LOOP, n);
    loop.label_break = wf_new_label(fd);
    loop.label_cont = wf_new_label(fd);
    wf_emit_label(fd, lnext);
    wf_emit_pos(fd, n->line, n->col);
    wf_emit_op(fd, OP_dup2);
    wf_emit_op_u16(fd, OP_call_method, 0);
    wf_emit_op(fd, OP_await);
    wf_emit_op(fd, OP_iterator_check_object);
    wf_emit_op(fd, OP_iterator_complete);
    wf_emit_jump(fd, OP_if_true, ldone);                /* [it nx res] */
    wf_emit_op(fd, OP_iterator_value);
    wf_emit_loc(fd, OP_put_loc, tmp);
    wf_emit_jump(fd, OP_catch, lexc);                   /* [it nx m] */
    wf_block_push(fd, &try_blk, WF_BLK_TRY, n);
    wf_emit_loc(fd, OP_get_loc, tmp);
    wf_emit_op(fd, OP_undefined);
    wf_emit_loc(fd, OP_put_loc, tmp);
    if (emit_for_in_target(fd, left) < 0)
        return -1;
    if (wf_emit_stmt(fd, n->u.for_in.body) < 0)
        return -1;
    wf_block_pop(fd, &try_blk);
    if (!wf_emit_is_dead(fd))
        wf_emit_op(fd, OP_drop);
    wf_emit_label(fd, loop.label_cont);
    if (head_scope >= 0)
        emit_iteration_close(fd, head_scope);
    wf_emit_jump(fd, OP_goto, lnext);
    /* exception in the body: close (ignoring its errors) and rethrow */
    wf_emit_label(fd, lexc);                            /* [it nx exc] */
    {
        int lign = wf_new_label(fd), lafter = wf_new_label(fd), lskip = wf_new_label(fd);
        int itmp = wf_temp_alloc(fd);
        if (itmp < 0)
            return -1;
        wf_emit_loc(fd, OP_put_loc, tmp);
        wf_emit_op(fd, OP_drop);
        wf_emit_loc(fd, OP_put_loc, itmp);              /* [] */
        wf_emit_jump(fd, OP_catch, lign);               /* [m] */
        wf_emit_loc(fd, OP_get_loc, itmp);
        wf_emit_op_u8(fd, OP_iterator_get_method, 0);
        wf_emit_op(fd, OP_dup);
        wf_emit_op(fd, OP_is_undefined);
        wf_emit_jump(fd, OP_if_true, lskip);
        wf_emit_op_u16(fd, OP_call_method, 0);
        wf_emit_op(fd, OP_await);
        wf_emit_op(fd, OP_drop);
        wf_emit_op(fd, OP_drop);                        /* marker */
        wf_emit_jump(fd, OP_goto, lafter);
        wf_emit_label(fd, lskip);                       /* [m it undefined] */
        wf_emit_op(fd, OP_drop);
        wf_emit_op(fd, OP_drop);
        wf_emit_op(fd, OP_drop);
        wf_emit_jump(fd, OP_goto, lafter);
        wf_emit_label(fd, lign);                        /* [exc2] */
        wf_emit_op(fd, OP_drop);
        wf_emit_label(fd, lafter);
        wf_emit_op(fd, OP_undefined);
        wf_emit_loc(fd, OP_put_loc, itmp);
        wf_emit_loc(fd, OP_get_loc, tmp);
        wf_emit_op(fd, OP_throw);
        wf_temp_free(fd, itmp);
    }
    wf_emit_label(fd, ldone);                           /* [it nx res] */
    wf_emit_op(fd, OP_drop);
    wf_emit_op(fd, OP_drop);
    wf_emit_op(fd, OP_drop);
    wf_emit_jump(fd, OP_goto, lend);
    wf_emit_label(fd, loop.label_break);                /* [it nx] */
    wf_block_pop(fd, &loop);
    wf_block_pop(fd, &iter_blk);
    emit_block_exit(fd, &iter_blk, false);
    wf_emit_label(fd, lend);
    wf_temp_free(fd, tmp);
    if (has_scope) {
        wf_block_pop(fd, &scope_blk);
        wf_emit_leave_scope(fd);
    }
    return 0;
}

static int emit_for_in_of(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock loop, scope_blk, iter_blk;
    WFAstNode *left = n->u.for_in.left;
    bool is_of = n->kind == WF_AST_FOR_OF;
    bool has_scope = n->u.for_in.scope.count > 0;
    int head_scope = -1;
    int lnext = wf_new_label(fd), ldone = wf_new_label(fd);
    bool pattern_head = false;

    if (is_of && n->u.for_in.is_await)
        return emit_for_await(fd, n);
    set_completion_undefined(fd);
    /* Annex B: for (var x = init in obj) */
    if (!is_of && left->kind == WF_AST_VAR_DECL) {
        WFAstNode *d = left->u.var_decl.decls.items[0];
        if (d->u.declarator.init) {
            WFAstNode *t = d->u.declarator.target;
            JSAtom name = wf_name_atom(fd->c, t->u.ident.name);
            if (wf_emit_expr_named(fd, d->u.declarator.init, name) < 0 ||
                wf_emit_ident_put(fd, name, false, false) < 0)
                return -1;
        }
    }
    if (has_scope) {
        /* TDZ scope for the right-hand side (14.7.5.6 step 2) */
        if (wf_emit_enter_scope(fd, &n->u.for_in.scope, n) < 0)
            return -1;
        head_scope = fd->cur_scope;
        wf_block_push(fd, &scope_blk, WF_BLK_SCOPE, n);
        scope_blk.scope = head_scope;
        if (left->kind == WF_AST_VAR_DECL &&
            left->u.var_decl.decls.items[0]->u.declarator.target->kind != WF_AST_IDENT)
            pattern_head = true;
    }
    if (wf_emit_expr(fd, n->u.for_in.right) < 0)
        return -1;
    /* closures made by the right-hand side keep the TDZ bindings */
    if (head_scope >= 0)
        emit_iteration_close(fd, head_scope);
    wf_emit_pos(fd, n->u.for_in.right->line, n->u.for_in.right->col);
    wf_emit_op(fd, is_of ? OP_for_of_start : OP_for_in_start);
    wf_block_push(fd, &iter_blk, is_of ? WF_BLK_FOR_OF : WF_BLK_FOR_IN, n);
    wf_block_push(fd, &loop, WF_BLK_LOOP, n);
    loop.label_break = wf_new_label(fd);
    loop.label_cont = wf_new_label(fd);
    wf_emit_label(fd, lnext);
    wf_emit_pos(fd, n->line, n->col);
    if (is_of)
        wf_emit_op_u8(fd, OP_for_of_next, 0);
    else
        wf_emit_op(fd, OP_for_in_next);
    wf_emit_jump(fd, OP_if_true, ldone);
    if (pattern_head) {
        int i;
        for (i = fd->scopes[head_scope].first; i >= 0; i = fd->vars[i].scope_next)
            wf_emit_tdz_init(fd, i);
    }
    if (emit_for_in_target(fd, left) < 0)
        return -1;
    if (wf_emit_stmt(fd, n->u.for_in.body) < 0)
        return -1;
    wf_emit_label(fd, loop.label_cont);
    if (head_scope >= 0)
        emit_iteration_close(fd, head_scope);
    wf_emit_jump(fd, OP_goto, lnext);
    wf_emit_label(fd, ldone);
    wf_emit_op(fd, OP_drop);            /* the undefined value / key */
    wf_emit_label(fd, loop.label_break);
    wf_block_pop(fd, &loop);
    wf_block_pop(fd, &iter_blk);
    wf_emit_op(fd, is_of ? OP_iterator_close : OP_drop);
    if (has_scope) {
        wf_block_pop(fd, &scope_blk);
        wf_emit_leave_scope(fd);
    }
    return 0;
}

static WFBlock *find_jump_target(WFFuncDef *fd, WFAstNode *target, bool is_continue)
{
    WFBlock *b;
    for (b = fd->block; b; b = b->prev) {
        if (b->node != target)
            continue;
        if (is_continue) {
            if (b->kind == WF_BLK_LOOP)
                return b;
        } else if (b->kind == WF_BLK_LOOP || b->kind == WF_BLK_SWITCH || b->kind == WF_BLK_LABEL) {
            return b;
        }
    }
    return NULL;
}

static int emit_jump_stmt(WFFuncDef *fd, WFAstNode *n)
{
    bool is_cont = n->kind == WF_AST_CONTINUE;
    WFBlock *b = find_jump_target(fd, n->u.jump.target, is_cont);
    if (!b)
        return wf_compile_error(fd->c, n->line, n->col, "internal compiler error: no %s target",
                                is_cont ? "continue" : "break");
    wf_emit_unwind(fd, b);
    wf_emit_jump(fd, OP_goto, is_cont ? b->label_cont : b->label_break);
    return 0;
}

static int emit_switch(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock sw, scope_blk;
    WFAstList *cases = &n->u.switch_.cases;
    bool has_scope = n->u.switch_.scope.count > 0;
    int *labels;
    int ldefault = -1;
    uint32_t i;
    int ret = -1;

    set_completion_undefined(fd);
    if (wf_emit_expr(fd, n->u.switch_.disc) < 0)
        return -1;
    labels = js_malloc(fd->c->ctx, sizeof(int) * (cases->count + 1));
    if (!labels)
        return wf_compile_oom(fd->c);
    if (has_scope) {
        int s;
        uint32_t k;
        s = wf_scope_push(fd);
        if (s < 0)
            goto done;
        fd->scopes[s].is_switch = true;
        for (k = 0; k < n->u.switch_.scope.count; k++) {
            WFAstDecl *d = &n->u.switch_.scope.decls[k];
            JSAtom name = wf_name_atom(fd->c, d->name);
            int idx;
            if (wf_scope_find(fd, s, name) >= 0)
                continue;
            idx = wf_var_add(fd, s, name, WF_SLOT_NORMAL);
            if (idx < 0)
                goto done;
            fd->vars[idx].decl = d->kind;
            fd->vars[idx].is_lexical = decl_is_lexical(d->kind);
            fd->vars[idx].is_const = d->kind == WF_DECL_CONST;
            fd->vars[idx].always_check = true;
            if (fd->vars[idx].is_lexical)
                wf_emit_tdz_init(fd, idx);
            else
                fd->vars[idx].initialized = true;
        }
        if (wf_emit_hoisted_functions(fd, &n->u.switch_.scope, false) < 0)
            goto done;
        wf_block_push(fd, &scope_blk, WF_BLK_SCOPE, n);
        scope_blk.scope = fd->cur_scope;
    }
    wf_block_push(fd, &sw, WF_BLK_SWITCH, n);
    sw.sp_base = fd->sp - 1;    /* the discriminant is gone in case bodies */
    sw.label_break = wf_new_label(fd);
    for (i = 0; i < cases->count; i++) {
        WFAstNode *cs = cases->items[i];
        labels[i] = wf_new_label(fd);
        if (!cs->u.case_.test) {
            ldefault = labels[i];
            continue;
        }
        {
            int lnext = wf_new_label(fd);
            wf_emit_op(fd, OP_dup);
            if (wf_emit_expr(fd, cs->u.case_.test) < 0)
                goto done;
            wf_emit_op(fd, OP_strict_eq);
            wf_emit_jump(fd, OP_if_false, lnext);
            wf_emit_op(fd, OP_drop);
            wf_emit_jump(fd, OP_goto, labels[i]);
            wf_emit_label(fd, lnext);
        }
    }
    wf_emit_op(fd, OP_drop);
    wf_emit_jump(fd, OP_goto, ldefault >= 0 ? ldefault : sw.label_break);
    for (i = 0; i < cases->count; i++) {
        WFAstNode *cs = cases->items[i];
        wf_emit_label(fd, labels[i]);
        if (wf_emit_stmt_list(fd, &cs->u.case_.body) < 0)
            goto done;
    }
    wf_emit_label(fd, sw.label_break);
    wf_block_pop(fd, &sw);
    if (has_scope) {
        wf_block_pop(fd, &scope_blk);
        wf_emit_leave_scope(fd);
    }
    ret = 0;
done:
    js_free(fd->c->ctx, labels);
    return ret;
}

static int emit_labeled(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock blk;
    int ret;
    wf_block_push(fd, &blk, WF_BLK_LABEL, n);
    blk.label_break = wf_new_label(fd);
    ret = wf_emit_stmt(fd, n->u.labeled.body);
    wf_emit_label(fd, blk.label_break);
    wf_block_pop(fd, &blk);
    return ret;
}

static int emit_catch_clause(WFFuncDef *fd, WFAstNode *n)
{
    /* exception on the stack */
    WFAstNode *param = n->u.try_.param;
    WFBlock scope_blk;
    bool has_scope = n->u.try_.catch_scope.count > 0;
    int ret;
    if (has_scope) {
        if (wf_emit_enter_scope(fd, &n->u.try_.catch_scope, n) < 0)
            return -1;
        /* the catch parameter is initialised at once: no TDZ */
        wf_block_push(fd, &scope_blk, WF_BLK_SCOPE, n);
        scope_blk.scope = fd->cur_scope;
    }
    if (!param) {
        wf_emit_op(fd, OP_drop);
    } else if (param->kind == WF_AST_IDENT) {
        JSAtom name = wf_name_atom(fd->c, param->u.ident.name);
        if (wf_emit_ident_put(fd, name, false, true) < 0)
            return -1;
        wf_mark_initialized(fd, name);
    } else if (wf_emit_binding(fd, param, WF_DECL_CATCH_PARAM) < 0) {
        return -1;
    }
    ret = emit_block(fd, n->u.try_.handler);
    if (has_scope) {
        wf_block_pop(fd, &scope_blk);
        wf_emit_leave_scope(fd);
    }
    return ret;
}

static int emit_try(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock fin_blk, try_blk;
    bool has_finally = n->u.try_.finalizer != NULL;
    bool has_catch = n->u.try_.handler != NULL;
    int lcatch = wf_new_label(fd), lend = wf_new_label(fd);
    int lfinally = -1, lfin_normal = -1, lexc = -1;

    set_completion_undefined(fd);
    if (has_finally) {
        wf_block_push(fd, &fin_blk, WF_BLK_FINALLY, n);
        lfinally = wf_new_label(fd);
        fin_blk.label_finally = lfinally;
        lfin_normal = wf_new_label(fd);
        lexc = wf_new_label(fd);
    }
    /* try block */
    wf_emit_jump(fd, OP_catch, lcatch);
    wf_block_push(fd, &try_blk, WF_BLK_TRY, n);
    if (emit_block(fd, n->u.try_.block) < 0)
        return -1;
    wf_block_pop(fd, &try_blk);
    if (!wf_emit_is_dead(fd)) {
        wf_emit_op(fd, OP_drop);
        wf_emit_jump(fd, OP_goto, has_finally ? lfin_normal : lend);
    }
    wf_emit_label(fd, lcatch);
    if (has_catch) {
        if (has_finally) {
            /* protect the handler so the finally block runs on throw; the
               marker must sit below the exception being bound */
            WFBlock try2;
            int tmp = wf_hidden_var(fd);
            if (tmp < 0)
                return -1;
            wf_emit_loc(fd, OP_put_loc, tmp);
            wf_emit_jump(fd, OP_catch, lexc);           /* [m2] */
            wf_emit_loc(fd, OP_get_loc, tmp);           /* [m2 exc] */
            wf_emit_op(fd, OP_undefined);
            wf_emit_loc(fd, OP_put_loc, tmp);
            wf_block_push(fd, &try2, WF_BLK_TRY, n);
            if (emit_catch_clause(fd, n) < 0)
                return -1;
            wf_block_pop(fd, &try2);
            if (!wf_emit_is_dead(fd)) {
                wf_emit_op(fd, OP_drop);
                wf_emit_jump(fd, OP_goto, lfin_normal);
            }
        } else {
            if (emit_catch_clause(fd, n) < 0)
                return -1;
        }
    } else {
        /* try/finally: the exception goes straight to the finally path */
        wf_emit_jump(fd, OP_goto, lexc);
    }
    if (has_finally) {
        WFBlock body_blk;
        wf_block_pop(fd, &fin_blk);
        wf_emit_label(fd, lexc);                        /* [exc] */
        wf_emit_jump(fd, OP_gosub, lfinally);
        wf_emit_op(fd, OP_throw);
        wf_emit_label(fd, lfin_normal);
        wf_emit_op(fd, OP_undefined);
        wf_emit_jump(fd, OP_gosub, lfinally);
        wf_emit_op(fd, OP_drop);
        wf_emit_jump(fd, OP_goto, lend);
        wf_emit_label(fd, lfinally);                    /* [v ret] */
        wf_block_push(fd, &body_blk, WF_BLK_FINALLY_BODY, n);
        {
            /* the completion value of try/catch survives the finally block */
            int saved = -1;
            if (fd->completion_var >= 0) {
                saved = wf_hidden_var(fd);
                if (saved < 0)
                    return -1;
                wf_emit_loc(fd, OP_get_loc, fd->completion_var);
                wf_emit_loc(fd, OP_put_loc, saved);
                /* an abrupt exit of the finally block carries its own
                   value (UpdateEmpty(F, undefined)) */
                wf_emit_op(fd, OP_undefined);
                wf_emit_loc(fd, OP_put_loc, fd->completion_var);
            }
            if (emit_block(fd, n->u.try_.finalizer) < 0)
                return -1;
            if (saved >= 0 && !wf_emit_is_dead(fd)) {
                wf_emit_loc(fd, OP_get_loc, saved);
                wf_emit_loc(fd, OP_put_loc, fd->completion_var);
            }
        }
        wf_block_pop(fd, &body_blk);
        if (!wf_emit_is_dead(fd))
            wf_emit_op(fd, OP_ret);
    }
    wf_emit_label(fd, lend);
    return 0;
}

static int emit_with(WFFuncDef *fd, WFAstNode *n)
{
    WFBlock scope_blk;
    int s, idx, ret;
    set_completion_undefined(fd);
    if (wf_emit_expr(fd, n->u.with_.object) < 0)
        return -1;
    wf_emit_pos(fd, n->line, n->col);
    wf_emit_op(fd, OP_to_object);
    s = wf_scope_push(fd);
    if (s < 0)
        return -1;
    idx = wf_var_add(fd, s, JS_ATOM__with_, WF_SLOT_WITH_OBJ);
    if (idx < 0)
        return -1;
    fd->vars[idx].initialized = true;
    wf_emit_loc(fd, OP_put_loc, idx);
    wf_block_push(fd, &scope_blk, WF_BLK_SCOPE, n);
    scope_blk.scope = s;
    ret = wf_emit_stmt(fd, n->u.with_.body);
    wf_block_pop(fd, &scope_blk);
    wf_emit_leave_scope(fd);
    return ret;
}

/* ---------------------------------------------------------------------- */
/* Dispatcher                                                              */

static int emit_stmt_inner(WFFuncDef *fd, WFAstNode *n)
{
    WFCompiler *c = fd->c;
    wf_emit_pos(fd, n->line, n->col);
    switch (n->kind) {
    case WF_AST_EMPTY:
        return 0;
    case WF_AST_EXPR_STMT:
        if (fd->completion_var >= 0) {
            if (wf_emit_expr(fd, n->u.expr_stmt.expr) < 0)
                return -1;
            wf_emit_loc(fd, OP_put_loc, fd->completion_var);
            return 0;
        }
        return wf_emit_expr_void(fd, n->u.expr_stmt.expr);
    case WF_AST_BLOCK:
        return emit_block(fd, n);
    case WF_AST_VAR_DECL:
        return emit_var_decl(fd, n);
    case WF_AST_FUNC_DECL:
        return emit_func_decl_stmt(fd, n);
    case WF_AST_CLASS_DECL: {
        WFAstClass *cls = n->u.cls.cls;
        JSAtom name = wf_name_atom(c, cls->name);
        if (wf_emit_class(fd, cls, name, true) < 0)
            return -1;
        if (wf_emit_ident_put(fd, name, false, true) < 0)
            return -1;
        wf_mark_initialized(fd, name);
        return 0;
    }
    case WF_AST_IF:
        return emit_if(fd, n);
    case WF_AST_FOR:
        return emit_for(fd, n);
    case WF_AST_FOR_IN:
    case WF_AST_FOR_OF:
        return emit_for_in_of(fd, n);
    case WF_AST_WHILE:
        return emit_while(fd, n);
    case WF_AST_DO_WHILE:
        return emit_do_while(fd, n);
    case WF_AST_CONTINUE:
    case WF_AST_BREAK:
        return emit_jump_stmt(fd, n);
    case WF_AST_RETURN:
        if (n->u.ret.arg) {
            if (wf_emit_expr(fd, n->u.ret.arg) < 0)
                return -1;
            wf_emit_pos(fd, n->line, n->col);
            if (fd->func_kind == WF_FUNC_KIND_ASYNC_GENERATOR)
                wf_emit_op(fd, OP_await);
        }
        return wf_emit_return(fd, n->u.ret.arg != NULL);
    case WF_AST_THROW:
        if (wf_emit_expr(fd, n->u.ret.arg) < 0)
            return -1;
        wf_emit_pos(fd, n->line, n->col);
        wf_emit_op(fd, OP_throw);
        return 0;
    case WF_AST_WITH:
        return emit_with(fd, n);
    case WF_AST_SWITCH:
        return emit_switch(fd, n);
    case WF_AST_LABELED:
        return emit_labeled(fd, n);
    case WF_AST_TRY:
        return emit_try(fd, n);
    case WF_AST_DEBUGGER:
        wf_emit_op(fd, OP_debugger);
        return 0;
    case WF_AST_IMPORT_DECL:
    case WF_AST_EXPORT_ALL:
        return 0;       /* bindings are made at link time (module.c) */
    case WF_AST_EXPORT_NAMED:
        if (n->u.export_named.decl)
            return wf_emit_stmt(fd, n->u.export_named.decl);
        return 0;
    case WF_AST_EXPORT_DEFAULT: {
        WFAstNode *v = n->u.export_default.value;
        if (v->kind == WF_AST_FUNC_DECL)
            return 0;   /* created by the module's init code */
        if (v->kind == WF_AST_CLASS_DECL) {
            WFAstClass *cls = v->u.cls.cls;
            JSAtom name = cls->name ? wf_name_atom(c, cls->name) : JS_ATOM_star_default_star;
            if (wf_emit_class(fd, cls, cls->name ? name : JS_ATOM_default, true) < 0)
                return -1;
            return wf_emit_ident_put(fd, name, false, true);
        }
        if (wf_emit_expr_named(fd, v, JS_ATOM_default) < 0)
            return -1;
        return wf_emit_ident_put(fd, JS_ATOM_star_default_star, false, true);
    }
    default:
        return wf_compile_error(c, n->line, n->col, "unexpected node in statement (%d)", n->kind);
    }
}

int wf_emit_stmt(WFFuncDef *fd, WFAstNode *n)
{
    WFCompiler *c = fd->c;
    int ret;
    if (c->failed)
        return -1;
    if (++c->depth > WF_EMIT_MAX_DEPTH || wf_check_stack_overflow(c->ctx->rt, 0)) {
        c->depth--;
        return wf_compile_error(c, n->line, n->col, "statement nested too deeply");
    }
    ret = emit_stmt_inner(fd, n);
    c->depth--;
    if (c->failed)
        ret = -1;
    return ret;
}

int wf_emit_stmt_list(WFFuncDef *fd, WFAstList *list)
{
    uint32_t i;
    for (i = 0; i < list->count; i++) {
        if (wf_emit_stmt(fd, list->items[i]) < 0)
            return -1;
    }
    return 0;
}
