/*
 * emit_class.c - bytecode for classes (ECMA-262 15.7
 * ClassDefinitionEvaluation): the class scope and its inner binding,
 * heritage, constructor (explicit or default), methods and accessors,
 * public and private fields, private methods, static elements and blocks,
 * super() calls and private member access.
 *
 * Layout.  Each class scope holds, as locals of the enclosing function:
 *   - the inner name binding (const, TDZ until the class is defined);
 *   - one private name symbol per private name "#x" (slot kinds
 *     WF_SLOT_PRIVATE_*), made by private_symbol when the scope is entered;
 *   - "#x:fn" / "#x:get" / "#x:set": private method and accessor functions;
 *   - "<class_fields_init>": the instance initializer (a synthetic method
 *     defining private methods and fields on `this`), or undefined;
 *   - hidden slots for the computed keys of fields.
 * Private methods and accessors are recorded on instances as private
 * properties keyed by their name (value: the method, or undefined for
 * accessors), which gives the spec's "brand" behaviour: an object has all
 * of a class's private methods or none.
 */
#include <string.h>
#include <stdio.h>

#include "engine/emit.h"
#include "engine/state.h"
#include "engine/atom.h"

/* Atom for "<name><suffix>" kept alive until the end of the compilation. */
static JSAtom suffixed_atom(WFCompiler *c, WFAstName *name, const char *suffix)
{
    char buf[512];
    int n = snprintf(buf, sizeof(buf), "%s%s", name->str, suffix);
    if (n < 0 || (size_t)n >= sizeof(buf)) {
        wf_compile_error(c, 0, 0, "private name too long");
        return JS_ATOM_NULL;
    }
    return wf_compiler_atom(c, buf, (size_t)n);
}

/* ---------------------------------------------------------------------- */
/* Private member access                                                   */

static int resolve_slot(WFFuncDef *fd, JSAtom name, WFRef *ref)
{
    if (wf_resolve(fd, name, ref) < 0)
        return -1;
    return 0;
}

static void emit_ref_value(WFFuncDef *fd, const WFRef *ref)
{
    switch (ref->kind) {
    case WF_LOC_LOCAL: wf_emit_loc(fd, OP_get_loc, ref->idx); break;
    case WF_LOC_ARG: wf_emit_arg(fd, OP_get_arg, ref->idx); break;
    case WF_LOC_CVAR: wf_emit_var_ref(fd, OP_get_var_ref, ref->idx); break;
    default: wf_emit_op(fd, OP_undefined); break;
    }
}

static int private_ref(WFFuncDef *fd, WFAstName *name, WFRef *ref)
{
    if (resolve_slot(fd, wf_name_atom(fd->c, name), ref) < 0)
        return -1;
    if (ref->kind == WF_LOC_NONE)
        return wf_compile_error(fd->c, fd->cur_line, fd->cur_col,
                                "undeclared private name '%s'", name->str);
    return 0;
}

/* Pushes the private accessor function "#x:get"/"#x:set"; false if the
   class declared none. */
static int push_accessor(WFFuncDef *fd, WFAstName *name, bool setter, bool *found)
{
    WFRef ref;
    JSAtom a = suffixed_atom(fd->c, name, setter ? ":set" : ":get");
    if (a == JS_ATOM_NULL)
        return -1;
    if (resolve_slot(fd, a, &ref) < 0)
        return -1;
    *found = ref.kind != WF_LOC_NONE;
    if (*found)
        emit_ref_value(fd, &ref);
    return 0;
}

static int throw_type(WFFuncDef *fd, const char *fmt, const char *arg)
{
    char buf[300];
    JSAtom a;
    snprintf(buf, sizeof(buf), fmt, arg);
    a = wf_compiler_atom(fd->c, buf, strlen(buf));
    if (a == JS_ATOM_NULL)
        return -1;
    wf_emit_op_atom_u8(fd, OP_throw_error, a, WF_THROW_TYPE);
    return 0;
}

static bool is_accessor_kind(uint8_t k)
{
    return k == WF_SLOT_PRIVATE_ACCESSOR || k == WF_SLOT_PRIVATE_GETTER ||
           k == WF_SLOT_PRIVATE_SETTER;
}

/* [obj] -> [value] */
int wf_emit_private_get(WFFuncDef *fd, WFAstName *name)
{
    WFRef ref;
    bool found;
    if (private_ref(fd, name, &ref) < 0)
        return -1;
    if (is_accessor_kind(ref.slot_kind)) {
        /* brand check, then call the getter with this = obj */
        wf_emit_op(fd, OP_dup);
        emit_ref_value(fd, &ref);
        wf_emit_op(fd, OP_get_private_field);
        wf_emit_op(fd, OP_drop);
        found = false;
        if (ref.slot_kind != WF_SLOT_PRIVATE_SETTER &&
            push_accessor(fd, name, false, &found) < 0)
            return -1;
        if (!found) {
            if (throw_type(fd, "'%s' was defined without a getter", name->str) < 0)
                return -1;
            wf_emit_op(fd, OP_undefined);   /* keeps the stack shape */
        }
        wf_emit_op_u16(fd, OP_call_method, 0);
        return 0;
    }
    emit_ref_value(fd, &ref);
    wf_emit_op(fd, OP_get_private_field);
    return 0;
}

/* [obj v] -> [] or [v] (keep) */
int wf_emit_private_put(WFFuncDef *fd, WFAstName *name, bool keep)
{
    WFRef ref;
    bool found;
    if (private_ref(fd, name, &ref) < 0)
        return -1;
    if (ref.slot_kind == WF_SLOT_PRIVATE_METHOD) {
        /* brand check first (TypeError either way) */
        if (throw_type(fd, "'%s' is a private method and cannot be assigned", name->str) < 0)
            return -1;
        wf_emit_op(fd, OP_drop);
        if (!keep)
            wf_emit_op(fd, OP_drop);
        return 0;
    }
    if (is_accessor_kind(ref.slot_kind)) {
        /* [obj v] -> setter.call(obj, v) */
        if (keep)
            wf_emit_op(fd, OP_insert2);     /* [v obj v] */
        wf_emit_op(fd, OP_swap);            /* [v obj] */
        wf_emit_op(fd, OP_dup);
        emit_ref_value(fd, &ref);
        wf_emit_op(fd, OP_get_private_field);
        wf_emit_op(fd, OP_drop);            /* [v obj] */
        found = false;
        if (ref.slot_kind != WF_SLOT_PRIVATE_GETTER &&
            push_accessor(fd, name, true, &found) < 0)
            return -1;
        if (!found) {
            if (throw_type(fd, "'%s' was defined without a setter", name->str) < 0)
                return -1;
            wf_emit_op(fd, OP_undefined);
        }
        /* [v obj setter] -> [obj setter v] */
        wf_emit_op(fd, OP_rot3l);
        wf_emit_op_u16(fd, OP_call_method, 1);
        wf_emit_op(fd, OP_drop);
        return 0;
    }
    if (keep)
        wf_emit_op(fd, OP_insert2);
    emit_ref_value(fd, &ref);
    wf_emit_op(fd, OP_put_private_field);
    return 0;
}

/* `#x in obj`: [obj] -> [bool] */
int wf_emit_private_in(WFFuncDef *fd, WFAstName *name)
{
    WFRef ref;
    if (private_ref(fd, name, &ref) < 0)
        return -1;
    emit_ref_value(fd, &ref);
    wf_emit_op(fd, OP_swap);
    wf_emit_op(fd, OP_private_in);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* super() and field initialisation                                        */

/* [] -> []: runs the instance initializer of the innermost class on `this`
   (undefined initializer: nothing). */
static int emit_fields_init_call(WFFuncDef *fd)
{
    WFRef ref;
    int lskip = wf_new_label(fd), lend = wf_new_label(fd);
    if (resolve_slot(fd, JS_ATOM__class_fields_init_, &ref) < 0)
        return -1;
    if (ref.kind == WF_LOC_NONE)
        return 0;
    emit_ref_value(fd, &ref);
    wf_emit_op(fd, OP_dup);
    wf_emit_op(fd, OP_is_undefined);
    wf_emit_jump(fd, OP_if_true, lskip);
    if (wf_emit_ident_get(fd, JS_ATOM_this, false) < 0)
        return -1;
    wf_emit_op(fd, OP_swap);
    wf_emit_op_u16(fd, OP_call_method, 0);
    wf_emit_op(fd, OP_drop);
    wf_emit_jump(fd, OP_goto, lend);
    wf_emit_label(fd, lskip);
    wf_emit_op(fd, OP_drop);
    wf_emit_label(fd, lend);
    return 0;
}

int wf_emit_ctor_prologue_fields(WFFuncDef *fd)
{
    return emit_fields_init_call(fd);
}

/* Binds `this` with the value on the stack (keeps it). */
static int emit_bind_this(WFFuncDef *fd)
{
    WFRef ref;
    if (resolve_slot(fd, JS_ATOM_this, &ref) < 0)
        return -1;
    wf_emit_op(fd, OP_dup);
    switch (ref.kind) {
    case WF_LOC_LOCAL:
        wf_emit_op_u16(fd, OP_put_loc_check_init, (uint16_t)ref.idx);
        break;
    case WF_LOC_CVAR:
        wf_emit_op_u16(fd, OP_put_var_ref_check_init, (uint16_t)ref.idx);
        break;
    default:
        return wf_compile_error(fd->c, fd->cur_line, fd->cur_col,
                                "'super' keyword unexpected here");
    }
    return 0;
}

/* super(args): 13.3.7.1 SuperCall */
int wf_emit_super_call(WFFuncDef *fd, WFAstNode *n)
{
    bool spread;
    int argc;
    if (wf_emit_ident_get(fd, JS_ATOM__this_active_func_, false) < 0)
        return -1;
    wf_emit_op(fd, OP_get_super);
    if (wf_emit_ident_get(fd, JS_ATOM__new_target_, false) < 0)
        return -1;
    argc = wf_emit_call_args(fd, &n->u.call.args, &spread);
    if (argc < 0)
        return -1;
    wf_emit_pos(fd, n->line, n->col);
    if (spread)
        wf_emit_op_u16(fd, OP_apply, WF_APPLY_CONSTRUCT);
    else
        wf_emit_op_u16(fd, OP_call_constructor, (uint16_t)argc);
    if (emit_bind_this(fd) < 0)
        return -1;
    wf_emit_op(fd, OP_drop);
    return emit_fields_init_call(fd);
}

/* ---------------------------------------------------------------------- */
/* Class definition                                                        */

typedef struct ClassCtx {
    WFAstClass *cls;
    JSAtom name;
    int scope;                  /* class scope in fd */
    int inner_var;              /* inner name binding, -1 */
    int fields_init_var;        /* "<class_fields_init>" */
    int *key_vars;              /* per member: computed field key slot, -1 */
} ClassCtx;

static WFAstNode *field_value_expr(WFAstNode *member)
{
    WFAstNode *v = member->u.member_def.value;
    WFAstFunc *f;
    if (!v)
        return NULL;
    f = v->u.func.func;
    if (f->body.count == 0)
        return NULL;
    v = f->body.items[0];
    return v->kind == WF_AST_RETURN ? v->u.ret.arg : NULL;
}

static int loc_push(WFFuncDef *child, WFFuncDef *owner, int idx)
{
    WFLoc loc;
    uint8_t k;
    int i;
    loc.owner = owner;
    loc.kind = WF_LOC_LOCAL;
    loc.idx = idx;
    if (wf_loc_access(child, &loc, &k, &i) < 0)
        return -1;
    if (k == WF_LOC_LOCAL)
        wf_emit_loc(child, OP_get_loc, i);
    else
        wf_emit_var_ref(child, OP_get_var_ref, i);
    return 0;
}

/* Compiles the instance (or static) initializer: a synthetic method run
   with this = the new instance (or the constructor).  Pushes its closure,
   or nothing and returns 0 with *pempty when there is nothing to do. */
static int emit_initializer(WFFuncDef *fd, ClassCtx *cc, bool is_static, bool *pempty)
{
    WFCompiler *c = fd->c;
    WFAstClass *cls = cc->cls;
    WFFuncDef *ifd;
    uint32_t i;
    bool any = false, uses_super = false, has_eval = false, contains_eval = false;
    bool uses_nt = false;
    JSValue bval;
    int idx, ret = -1;

    for (i = 0; i < cls->members.count; i++) {
        WFAstNode *m = cls->members.items[i];
        uint8_t k = m->u.member_def.kind;
        if (m->u.member_def.is_static != is_static)
            continue;
        if (k == WF_CM_FIELD || (k == WF_CM_STATIC_BLOCK && is_static)) {
            any = true;
            if (m->u.member_def.value) {
                WFAstFunc *f = m->u.member_def.value->u.func.func;
                uses_super |= f->uses_super_property;
                has_eval |= f->has_direct_eval;
                contains_eval |= f->contains_direct_eval;
                uses_nt |= f->uses_new_target;
            }
        } else if (m->u.member_def.key && m->u.member_def.key->kind == WF_AST_PRIVATE_NAME) {
            any = true;     /* private method / accessor to install */
        }
    }
    *pempty = !any;
    if (!any)
        return 0;

    ifd = wf_fd_new(c, fd, NULL);
    if (!ifd)
        return -1;
    ifd->line = fd->cur_line;
    ifd->col = fd->cur_col;
    ifd->cur_line = ifd->line;
    ifd->cur_col = ifd->col;
    ifd->code_kind = WF_CODE_FUNCTION;
    ifd->is_strict = true;
    ifd->is_method = true;
    ifd->is_field_init = true;
    ifd->has_this_binding = true;
    ifd->simple_params = true;
    ifd->has_eval_call = has_eval;
    ifd->contains_eval = contains_eval;
    ifd->needs_home_object = uses_super;
    ifd->super_allowed = true;
    ifd->new_target_allowed = true;
    ifd->arguments_allowed = false;
    ifd->func_name = wf_atom_dup(c->ctx->rt, is_static ? JS_ATOM__static_computed_field_ :
                                 JS_ATOM__class_fields_init_);
    if (wf_scope_push(ifd) < 0)
        goto done;
    ifd->this_var = wf_var_add(ifd, 0, JS_ATOM_this, WF_SLOT_THIS);
    if (ifd->this_var < 0)
        goto done;
    ifd->vars[ifd->this_var].initialized = true;
    if (uses_super || contains_eval) {
        ifd->home_object_var = wf_var_add(ifd, 0, JS_ATOM__home_object_, WF_SLOT_HOME_OBJECT);
        if (ifd->home_object_var < 0)
            goto done;
        ifd->vars[ifd->home_object_var].initialized = true;
    }
    if (uses_nt || contains_eval) {
        ifd->new_target_var = wf_var_add(ifd, 0, JS_ATOM__new_target_, WF_SLOT_NEW_TARGET);
        if (ifd->new_target_var < 0)
            goto done;
        ifd->vars[ifd->new_target_var].initialized = true;
    }
    if (has_eval && wf_scope_capture_all(ifd) < 0)
        goto done;
    ifd->body_scope = wf_scope_push(ifd);
    if (ifd->body_scope < 0)
        goto done;
    wf_emit_op(ifd, OP_push_this);
    wf_emit_loc(ifd, OP_put_loc, ifd->this_var);
    if (ifd->home_object_var >= 0) {
        wf_emit_op_u8(ifd, OP_special_object, WF_SPECIAL_HOME_OBJECT);
        wf_emit_loc(ifd, OP_put_loc, ifd->home_object_var);
    }
    if (ifd->new_target_var >= 0) {
        wf_emit_op_u8(ifd, OP_special_object, WF_SPECIAL_NEW_TARGET);
        wf_emit_loc(ifd, OP_put_loc, ifd->new_target_var);
    }
    /* private methods and accessors first (PrivateMethodOrAccessorAdd) */
    for (i = 0; i < cls->private_names.count; i++) {
        WFAstDecl *d = &cls->private_names.decls[i];
        WFRef ref;
        if (d->is_static != is_static || d->kind == WF_DECL_PRIVATE_FIELD)
            continue;
        wf_emit_loc(ifd, OP_get_loc, ifd->this_var);
        if (resolve_slot(ifd, wf_name_atom(c, d->name), &ref) < 0)
            goto done;
        emit_ref_value(ifd, &ref);
        if (d->kind == WF_DECL_PRIVATE_METHOD) {
            WFRef fref;
            JSAtom a = suffixed_atom(c, d->name, ":fn");
            if (a == JS_ATOM_NULL || resolve_slot(ifd, a, &fref) < 0)
                goto done;
            emit_ref_value(ifd, &fref);
        } else {
            wf_emit_op(ifd, OP_undefined);
        }
        wf_emit_op(ifd, OP_define_private_field);
        wf_emit_op(ifd, OP_drop);
    }
    /* fields and static blocks in order */
    for (i = 0; i < cls->members.count; i++) {
        WFAstNode *m = cls->members.items[i];
        uint8_t k = m->u.member_def.kind;
        WFAstNode *key = m->u.member_def.key;
        WFAstNode *val;
        if (m->u.member_def.is_static != is_static)
            continue;
        wf_emit_pos(ifd, m->line, m->col);
        if (k == WF_CM_STATIC_BLOCK) {
            wf_emit_loc(ifd, OP_get_loc, ifd->this_var);
            if (wf_emit_function(ifd, m->u.member_def.value->u.func.func, JS_ATOM_NULL) < 0)
                goto done;
            wf_emit_op(ifd, OP_set_home_object);
            wf_emit_op_u16(ifd, OP_call_method, 0);
            wf_emit_op(ifd, OP_drop);
            continue;
        }
        if (k != WF_CM_FIELD)
            continue;
        val = field_value_expr(m);
        wf_emit_loc(ifd, OP_get_loc, ifd->this_var);
        if (key->kind == WF_AST_PRIVATE_NAME) {
            WFRef ref;
            JSAtom a = wf_name_atom(c, key->u.private_name.name);
            if (resolve_slot(ifd, a, &ref) < 0)
                goto done;
            emit_ref_value(ifd, &ref);
            if (val) {
                if (wf_emit_expr_named(ifd, val, a) < 0)
                    goto done;
            } else {
                wf_emit_op(ifd, OP_undefined);
            }
            wf_emit_op(ifd, OP_define_private_field);
        } else if (m->u.member_def.computed) {
            if (loc_push(ifd, fd, cc->key_vars[i]) < 0)
                goto done;
            if (val) {
                if (wf_emit_expr(ifd, val) < 0)
                    goto done;
                if (wf_is_anonymous_fn(val))
                    wf_emit_op(ifd, OP_set_name_computed);
            } else {
                wf_emit_op(ifd, OP_undefined);
            }
            wf_emit_op(ifd, OP_define_array_el);
        } else {
            JSAtom a = wf_prop_key_atom(c, key);
            int r;
            if (a == JS_ATOM_NULL)
                goto done;
            r = val ? wf_emit_expr_named(ifd, val, a) : 0;
            if (!val)
                wf_emit_op(ifd, OP_undefined);
            if (r == 0)
                wf_emit_op_atom(ifd, OP_define_field, a);
            wf_atom_free(c->ctx->rt, a);
            if (r < 0)
                goto done;
        }
        wf_emit_op(ifd, OP_drop);
    }
    wf_emit_op(ifd, OP_return_undef);
    bval = wf_fd_finish(ifd);
    if (JS_IsException(bval))
        goto done;
    idx = wf_cpool_add(fd, bval);
    if (idx < 0)
        goto done;
    wf_emit_op_u32(fd, OP_fclosure, (uint32_t)idx);
    ret = 0;
done:
    wf_fd_free(ifd);
    return ret;
}

/* The constructor's bytecode when the class has none (15.7.14 step 14). */
static JSValue default_ctor(WFFuncDef *fd, ClassCtx *cc)
{
    WFCompiler *c = fd->c;
    WFAstClass *cls = cc->cls;
    bool derived = cls->superclass != NULL;
    WFFuncDef *cfd = wf_fd_new(c, fd, NULL);
    JSValue ret = JS_EXCEPTION;
    if (!cfd)
        return JS_EXCEPTION;
    cfd->line = fd->cur_line;
    cfd->col = fd->cur_col;
    cfd->cur_line = cfd->line;
    cfd->cur_col = cfd->col;
    cfd->code_kind = WF_CODE_FUNCTION;
    cfd->is_strict = true;
    cfd->is_class_ctor = true;
    cfd->is_derived_ctor = derived;
    cfd->has_this_binding = true;
    cfd->simple_params = true;
    cfd->new_target_allowed = true;
    cfd->super_allowed = true;
    cfd->super_call_allowed = derived;
    cfd->func_name = wf_atom_dup(c->ctx->rt, cc->name);
    cfd->src_start = cls->src_start;
    cfd->src_end = cls->src_end;
    if (wf_scope_push(cfd) < 0)
        goto done;
    cfd->this_var = wf_var_add(cfd, 0, JS_ATOM_this, WF_SLOT_THIS);
    if (cfd->this_var < 0)
        goto done;
    cfd->body_scope = wf_scope_push(cfd);
    if (derived) {
        cfd->vars[cfd->this_var].is_lexical = true;
        wf_emit_op_u16(cfd, OP_set_loc_uninitialized, (uint16_t)cfd->this_var);
        /* super(...arguments) without observable iteration */
        wf_emit_op_u8(cfd, OP_special_object, WF_SPECIAL_THIS_FUNC);
        wf_emit_op(cfd, OP_get_super);
        wf_emit_op_u8(cfd, OP_special_object, WF_SPECIAL_NEW_TARGET);
        wf_emit_op_u8(cfd, OP_special_object, WF_SPECIAL_ARGUMENTS);
        wf_emit_op_u16(cfd, OP_apply, WF_APPLY_CONSTRUCT);
        wf_emit_op_u16(cfd, OP_put_loc_check_init, (uint16_t)cfd->this_var);
        cfd->vars[cfd->this_var].initialized = true;
    } else {
        cfd->vars[cfd->this_var].initialized = true;
        wf_emit_op(cfd, OP_push_this);
        wf_emit_loc(cfd, OP_put_loc, cfd->this_var);
    }
    if (emit_fields_init_call(cfd) < 0)
        goto done;
    if (derived) {
        wf_emit_loc(cfd, OP_get_loc, cfd->this_var);
        wf_emit_op(cfd, OP_return);
    } else {
        wf_emit_op(cfd, OP_return_undef);
    }
    ret = wf_fd_finish(cfd);
done:
    wf_fd_free(cfd);
    return ret;
}

static int emit_ctor(WFFuncDef *fd, ClassCtx *cc)
{
    WFAstClass *cls = cc->cls;
    JSValue bval;
    int idx;
    if (cls->constructor) {
        bval = wf_compile_func_ast(fd->c, fd, cls->constructor->u.func.func, cc->name);
        if (!JS_IsException(bval)) {
            JSFunctionBytecode *b = wf_bytecode(bval);
            b->src_start = cls->src_start;
            b->src_end = cls->src_end;
            if (b->func_name != cc->name) {
                wf_atom_free(fd->c->ctx->rt, b->func_name);
                b->func_name = wf_atom_dup(fd->c->ctx->rt, cc->name);
            }
        }
    } else {
        bval = default_ctor(fd, cc);
    }
    if (JS_IsException(bval))
        return -1;
    idx = wf_cpool_add(fd, bval);
    if (idx < 0)
        return -1;
    wf_emit_op_u32(fd, OP_fclosure, (uint32_t)idx);
    return 0;
}

static int declare_class_scope(WFFuncDef *fd, ClassCtx *cc)
{
    WFCompiler *c = fd->c;
    WFAstClass *cls = cc->cls;
    uint32_t i;
    int s = wf_scope_push(fd), idx;
    if (s < 0)
        return -1;
    cc->scope = s;
    cc->inner_var = -1;
    if (cls->name) {
        idx = wf_var_add(fd, s, wf_name_atom(c, cls->name), WF_SLOT_NORMAL);
        if (idx < 0)
            return -1;
        fd->vars[idx].is_const = true;
        fd->vars[idx].is_lexical = true;
        fd->vars[idx].decl = WF_DECL_CLASS_INNER;
        wf_emit_tdz_init(fd, idx);
        cc->inner_var = idx;
    }
    cc->fields_init_var = wf_var_add(fd, s, JS_ATOM__class_fields_init_, WF_SLOT_CLASS_HIDDEN);
    if (cc->fields_init_var < 0)
        return -1;
    fd->vars[cc->fields_init_var].initialized = true;
    wf_emit_op(fd, OP_undefined);
    wf_emit_loc(fd, OP_put_loc, cc->fields_init_var);
    for (i = 0; i < cls->private_names.count; i++) {
        WFAstDecl *d = &cls->private_names.decls[i];
        JSAtom name = wf_name_atom(c, d->name);
        uint8_t kind = d->kind == WF_DECL_PRIVATE_FIELD ? WF_SLOT_PRIVATE_FIELD :
                       d->kind == WF_DECL_PRIVATE_METHOD ? WF_SLOT_PRIVATE_METHOD :
                       d->kind == WF_DECL_PRIVATE_GETTER ? WF_SLOT_PRIVATE_GETTER :
                       d->kind == WF_DECL_PRIVATE_SETTER ? WF_SLOT_PRIVATE_SETTER :
                       WF_SLOT_PRIVATE_ACCESSOR;
        idx = wf_var_add(fd, s, name, kind);
        if (idx < 0)
            return -1;
        fd->vars[idx].initialized = true;
        fd->vars[idx].is_const = true;
        wf_emit_op_atom(fd, OP_private_symbol, name);
        wf_emit_loc(fd, OP_put_loc, idx);
        if (d->kind != WF_DECL_PRIVATE_FIELD) {
            static const char *const sfx[3] = { ":fn", ":get", ":set" };
            int k;
            for (k = 0; k < 3; k++) {
                JSAtom a;
                bool want = (k == 0 && d->kind == WF_DECL_PRIVATE_METHOD) ||
                            (k == 1 && (d->kind == WF_DECL_PRIVATE_GETTER ||
                                        d->kind == WF_DECL_PRIVATE_ACCESSOR)) ||
                            (k == 2 && (d->kind == WF_DECL_PRIVATE_SETTER ||
                                        d->kind == WF_DECL_PRIVATE_ACCESSOR));
                if (!want)
                    continue;
                a = suffixed_atom(c, d->name, sfx[k]);
                if (a == JS_ATOM_NULL)
                    return -1;
                idx = wf_var_add(fd, s, a, WF_SLOT_CLASS_HIDDEN);
                if (idx < 0)
                    return -1;
                fd->vars[idx].initialized = true;
            }
        }
    }
    return 0;
}

/* Defines one method / accessor with [ctor proto] on the stack. */
static int emit_method(WFFuncDef *fd, ClassCtx *cc, WFAstNode *m)
{
    WFCompiler *c = fd->c;
    uint8_t k = m->u.member_def.kind;
    bool is_static = m->u.member_def.is_static;
    WFAstNode *key = m->u.member_def.key;
    WFAstFunc *f = m->u.member_def.value->u.func.func;
    uint8_t flags = k == WF_CM_GETTER ? WF_METHOD_GETTER :
                    k == WF_CM_SETTER ? WF_METHOD_SETTER : WF_METHOD_NORMAL;
    (void)cc;
    wf_emit_pos(fd, m->line, m->col);
    if (key->kind == WF_AST_PRIVATE_NAME) {
        WFAstName *pn = key->u.private_name.name;
        JSAtom slot = suffixed_atom(c, pn, k == WF_CM_GETTER ? ":get" :
                                    k == WF_CM_SETTER ? ":set" : ":fn");
        JSAtom fname;
        char buf[300];
        int idx;
        if (slot == JS_ATOM_NULL)
            return -1;
        snprintf(buf, sizeof(buf), "%s%s", k == WF_CM_GETTER ? "get " :
                 k == WF_CM_SETTER ? "set " : "", pn->str);
        fname = wf_compiler_atom(c, buf, strlen(buf));
        if (fname == JS_ATOM_NULL)
            return -1;
        /* [ctor proto] -> home object on top */
        if (is_static)
            wf_emit_op(fd, OP_swap);
        wf_emit_op(fd, OP_dup);
        if (wf_emit_function(fd, f, fname) < 0)
            return -1;
        wf_emit_op(fd, OP_set_home_object);
        wf_emit_op(fd, OP_nip);
        idx = wf_scope_find(fd, cc->scope, slot);
        if (idx < 0)
            return wf_compile_error(c, m->line, m->col, "internal compiler error: private slot");
        wf_emit_loc(fd, OP_put_loc, idx);
        if (is_static)
            wf_emit_op(fd, OP_swap);
        return 0;
    }
    if (is_static)
        wf_emit_op(fd, OP_swap);
    if (m->u.member_def.computed) {
        if (wf_emit_prop_key(fd, key, true) < 0)
            return -1;
        if (wf_emit_function(fd, f, JS_ATOM_NULL) < 0)
            return -1;
        wf_emit_op_u8(fd, OP_define_method_computed, flags);
    } else {
        JSAtom a = wf_prop_key_atom(c, key);
        int r;
        if (a == JS_ATOM_NULL)
            return -1;
        r = wf_emit_function(fd, f, a);
        if (r == 0)
            wf_emit_op_atom_u8(fd, OP_define_method, a, flags);
        wf_atom_free(c->ctx->rt, a);
        if (r < 0)
            return -1;
    }
    if (is_static)
        wf_emit_op(fd, OP_swap);
    return 0;
}

int wf_emit_class(WFFuncDef *fd, WFAstClass *cls, JSAtom name, bool is_decl)
{
    WFCompiler *c = fd->c;
    ClassCtx cc;
    WFBlock scope_blk;
    uint32_t i;
    bool empty;
    int ret = -1;
    (void)is_decl;

    memset(&cc, 0, sizeof(cc));
    cc.cls = cls;
    cc.name = cls->name ? wf_name_atom(c, cls->name) :
              (name != JS_ATOM_NULL ? name : JS_ATOM_empty_string);
    if (cls->members.count > 0) {
        cc.key_vars = js_malloc(c->ctx, sizeof(int) * cls->members.count);
        if (!cc.key_vars)
            return wf_compile_oom(c);
        for (i = 0; i < cls->members.count; i++)
            cc.key_vars[i] = -1;
    }
    if (declare_class_scope(fd, &cc) < 0)
        goto done;
    wf_block_push(fd, &scope_blk, WF_BLK_SCOPE, NULL);
    scope_blk.scope = cc.scope;
    /* heritage, evaluated in the class scope (inner name in its TDZ) */
    if (cls->superclass) {
        if (wf_emit_expr(fd, cls->superclass) < 0)
            goto done_blk;
    } else {
        wf_emit_op(fd, OP_undefined);
    }
    if (emit_ctor(fd, &cc) < 0)
        goto done_blk;
    wf_emit_op_atom_u8(fd, OP_define_class, cc.name,
                       cls->superclass ? WF_CLASS_HAS_HERITAGE : 0);   /* [ctor proto] */
    /* elements in order */
    for (i = 0; i < cls->members.count; i++) {
        WFAstNode *m = cls->members.items[i];
        uint8_t k = m->u.member_def.kind;
        if (k == WF_CM_METHOD || k == WF_CM_GETTER || k == WF_CM_SETTER) {
            if (emit_method(fd, &cc, m) < 0)
                goto done_blk;
        } else if (k == WF_CM_FIELD && m->u.member_def.computed) {
            int v = wf_hidden_var(fd);
            if (v < 0)
                goto done_blk;
            cc.key_vars[i] = v;
            if (wf_emit_prop_key(fd, m->u.member_def.key, true) < 0)
                goto done_blk;
            wf_emit_loc(fd, OP_put_loc, v);
        }
    }
    /* instance initializer: home object = proto */
    wf_emit_op(fd, OP_dup);                             /* [ctor proto proto] */
    if (emit_initializer(fd, &cc, false, &empty) < 0)
        goto done_blk;
    if (!empty) {
        wf_emit_op(fd, OP_set_home_object);             /* [ctor proto proto init] */
        wf_emit_loc(fd, OP_put_loc, cc.fields_init_var);
    }
    wf_emit_op(fd, OP_drop);
    wf_emit_op(fd, OP_drop);                            /* [ctor] */
    if (cc.inner_var >= 0) {
        wf_emit_op(fd, OP_dup);
        wf_emit_loc(fd, OP_put_loc, cc.inner_var);
        fd->vars[cc.inner_var].initialized = true;
    }
    /* static elements, this = the constructor */
    wf_emit_op(fd, OP_dup);                             /* [ctor ctor] */
    if (emit_initializer(fd, &cc, true, &empty) < 0)
        goto done_blk;
    if (!empty) {
        wf_emit_op(fd, OP_set_home_object);             /* [ctor ctor init] */
        wf_emit_op_u16(fd, OP_call_method, 0);
    }
    wf_emit_op(fd, OP_drop);                            /* [ctor] */
    ret = 0;
done_blk:
    wf_block_pop(fd, &scope_blk);
    if (ret == 0)
        wf_emit_leave_scope(fd);
done:
    js_free(c->ctx, cc.key_vars);
    return ret;
}
