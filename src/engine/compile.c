/*
 * compile.c - the compiler driver: UTF-8 source -> AST (parse.h) -> scope
 * analysis and bytecode (scope.c, emit_*.c) -> JSFunctionBytecode.
 *
 * Programs: a Script's top-level var and function declarations become
 * properties of the global object and its let/const/class bindings global
 * lexical bindings (GlobalDeclarationInstantiation, ECMA-262 16.1.7), done
 * by check_define_var / define_var / define_func at the start of the code.
 * Eval code (19.2.1.3 EvalDeclarationInstantiation): strict eval has its
 * own variables; sloppy eval at global level declares configurable global
 * vars; sloppy direct eval inside a function declares its vars in that
 * function's variable environment: an existing var/parameter of the
 * function, or else a property of the function's eval var object.
 *
 * The AST arena lives only during one call.  Errors are thrown as
 * SyntaxError with file/line/column.
 */
#include <string.h>

#include "engine/compile.h"
#include "engine/emit.h"
#include "engine/parse.h"
#include "engine/lexer.h"
#include "engine/state.h"
#include "engine/atom.h"
#include "engine/error.h"
#include "engine/module.h"
#include "engine/object.h"
#include "engine/regexp/re_rt.h"

typedef enum EvalVarMode {
    EVM_MODULE,     /* module body: bindings are module environment slots */
    EVM_NONE,       /* scripts */
    EVM_GLOBAL,     /* var declarations are global bindings */
    EVM_LOCAL,      /* strict eval: own variables */
    EVM_OUTER,      /* sloppy eval in a function: caller's var env */
} EvalVarMode;

static int compiler_init(WFCompiler *c, JSContext *ctx, WFArena *arena, const char *src,
                         size_t len, const char *filename)
{
    memset(c, 0, sizeof(*c));
    c->ctx = ctx;
    c->arena = arena;
    c->src = src;
    c->src_len = len;
    c->filename = filename ? filename : "<input>";
    c->filename_atom = JS_NewAtom(ctx, c->filename);
    if (c->filename_atom == JS_ATOM_NULL)
        return -1;
    c->source = wf_source_new(ctx->rt, src, len);
    if (!c->source) {
        JS_ThrowOutOfMemory(ctx);
        return -1;
    }
    return 0;
}

static void compiler_free(WFCompiler *c)
{
    JSRuntime *rt = c->ctx->rt;
    int i;
    for (i = 0; i < c->name_atom_count; i++)
        wf_atom_free(rt, c->name_atoms[i]);
    js_free(c->ctx, c->name_atoms);
    c->name_atoms = NULL;
    if (c->filename_atom != JS_ATOM_NULL)
        wf_atom_free(rt, c->filename_atom);
    if (c->source)
        wf_source_release(rt, c->source);
}

/* Checks UTF-8 and throws the parse error with its position. */
static WFAstNode *parse_program(WFCompiler *c, const WFParseOptions *opt)
{
    WFParseError err;
    WFAstNode *prog;
    size_t bad = wf_lex_check_utf8((const uint8_t *)c->src, c->src_len, opt->is_eval);
    if (bad != c->src_len) {
        /* position of the bad byte */
        int line = 1, col = 1;
        size_t i;
        for (i = 0; i < bad; i++) {
            if (c->src[i] == '\n') {
                line++;
                col = 1;
            } else if (((uint8_t)c->src[i] & 0xc0) != 0x80) {
                col++;
            }
        }
        wf_compile_error(c, line, col, "invalid UTF-8 in source text");
        return NULL;
    }
    memset(&err, 0, sizeof(err));
    /* early errors of regular expression literals (regexp engine) */
    WFParseOptions ropt = *opt;
    WFRegexpAlloc re_alloc;
    if (!ropt.validate_regexp) {
        wf_regexp_alloc_init(&re_alloc, c->ctx->rt);
        ropt.validate_regexp = wf_regexp_validate;
        ropt.re_opaque = &re_alloc;
    }
    prog = wf_parse_program(c->arena, c->src, c->src_len, &ropt, &err);
    if (!prog) {
        if (err.out_of_memory)
            wf_compile_oom(c);
        else
            wf_compile_error(c, err.line, err.col, "%s", err.message);
        return NULL;
    }
    return prog;
}

/* ---------------------------------------------------------------------- */
/* Program bodies                                                          */

static bool is_var_like(uint8_t kind)
{
    return kind == WF_DECL_VAR || kind == WF_DECL_ANNEXB_FUNC;
}

/* GlobalDeclarationInstantiation (and EvalDeclarationInstantiation with a
   global variable environment). */
static int emit_global_decls(WFFuncDef *fd, WFAstFunc *f, bool is_eval)
{
    WFCompiler *c = fd->c;
    uint8_t ev = is_eval ? WF_DEFVAR_EVAL : 0;
    uint32_t i;
    /* checks first: nothing is created if one fails */
    if (!is_eval) {
        for (i = 0; i < f->lex_scope.count; i++) {
            WFAstDecl *d = &f->lex_scope.decls[i];
            wf_emit_pos(fd, d->line, d->col);
            wf_emit_op_atom_u8(fd, OP_check_define_var, wf_name_atom(c, d->name),
                               WF_DEFVAR_LEXICAL |
                               (d->kind == WF_DECL_CONST ? WF_DEFVAR_CONST : 0));
        }
    }
    for (i = 0; i < f->var_scope.count; i++) {
        WFAstDecl *d = &f->var_scope.decls[i];
        wf_emit_pos(fd, d->line, d->col);
        if (d->kind == WF_DECL_FUNCTION)
            wf_emit_op_atom_u8(fd, OP_check_define_var, wf_name_atom(c, d->name),
                               WF_DEFVAR_FUNCTION | ev);
        else if (is_var_like(d->kind))
            wf_emit_op_atom_u8(fd, OP_check_define_var, wf_name_atom(c, d->name), ev);
    }
    if (!is_eval) {
        for (i = 0; i < f->lex_scope.count; i++) {
            WFAstDecl *d = &f->lex_scope.decls[i];
            wf_emit_op_atom_u8(fd, OP_define_var, wf_name_atom(c, d->name),
                               WF_DEFVAR_LEXICAL |
                               (d->kind == WF_DECL_CONST ? WF_DEFVAR_CONST : 0));
        }
    }
    if (wf_emit_hoisted_functions(fd, &f->var_scope, true) < 0)
        return -1;
    for (i = 0; i < f->var_scope.count; i++) {
        WFAstDecl *d = &f->var_scope.decls[i];
        if (is_var_like(d->kind))
            wf_emit_op_atom_u8(fd, OP_define_var, wf_name_atom(c, d->name), ev);
    }
    return c->failed ? -1 : 0;
}

/* Where a sloppy direct eval's var declaration `name` goes. */
typedef enum EvalTarget { ET_EXISTING, ET_EVO, ET_GLOBAL } EvalTarget;

static int eval_var_target(WFFuncDef *fd, JSAtom name, const WFAstDecl *d, WFLoc *evo)
{
    WFFuncDef *v = fd->parent;
    int s, idx;
    char buf[64];
    if (!v)
        return ET_GLOBAL;
    /* the caller's scopes from the eval call outwards */
    for (s = fd->parent_scope; s >= 0; s = v->scopes[s].parent) {
        idx = wf_scope_find(v, s, name);
        if (idx >= 0) {
            WFVar *var = &v->vars[idx];
            if (v->code_kind == WF_CODE_FUNCTION && s <= 1) {
                /* the function's own var environment */
                if (var->is_lexical)
                    goto redecl;
                return ET_EXISTING;
            }
            /* a block binding between the eval and the var environment
               (B.3.4: a catch parameter does not count) */
            if (var->decl != WF_DECL_CATCH_PARAM)
                goto redecl;
        }
        if (s == 0 && v->code_kind == WF_CODE_FUNCTION && wf_arg_find(v, name) >= 0)
            return ET_EXISTING;
    }
    if (v->code_kind == WF_CODE_FUNCTION) {
        if (v->eval_var_obj_var < 0)
            return ET_GLOBAL;
        evo->owner = v;
        evo->kind = WF_LOC_LOCAL;
        evo->idx = v->eval_var_obj_var;
        return ET_EVO;
    }
    if (v->code_kind == WF_CODE_EVAL) {
        int k;
        for (k = 0; k < v->cvar_count; k++) {
            JSClosureVar *cv = &v->cvars[k];
            if (cv->var_kind == WF_SLOT_EVAL_VAR_OBJ) {
                evo->owner = v;
                evo->kind = WF_LOC_CVAR;
                evo->idx = k;
                return ET_EVO;
            }
            if (cv->var_name == name && cv->var_kind != WF_SLOT_WITH_OBJ) {
                if (cv->is_lexical)
                    goto redecl;
                return ET_EXISTING;
            }
        }
    }
    return ET_GLOBAL;
redecl:
    return wf_compile_error(fd->c, d->line, d->col, "Identifier '%s' has already been declared",
                            wf_atom_get_cstr(fd->c->ctx->rt, buf, sizeof(buf), name));
}

static void emit_loc_get(WFFuncDef *fd, uint8_t kind, int idx)
{
    if (kind == WF_LOC_LOCAL)
        wf_emit_loc(fd, OP_get_loc, idx);
    else if (kind == WF_LOC_ARG)
        wf_emit_arg(fd, OP_get_arg, idx);
    else
        wf_emit_var_ref(fd, OP_get_var_ref, idx);
}

/* EvalDeclarationInstantiation for a sloppy eval inside a function. */
static int emit_eval_outer_decls(WFFuncDef *fd, WFAstFunc *f)
{
    WFCompiler *c = fd->c;
    uint32_t i;
    int pass;
    /* eval in a parameter expression may not declare `arguments` */
    if (fd->parent && fd->parent->code_kind == WF_CODE_FUNCTION && fd->parent_scope == 0 &&
        !fd->parent->is_arrow) {
        for (i = 0; i < f->var_scope.count; i++) {
            WFAstDecl *d = &f->var_scope.decls[i];
            if (wf_name_atom(c, d->name) == JS_ATOM_arguments)
                return wf_compile_error(c, d->line, d->col,
                                        "'arguments' cannot be declared by eval in a parameter expression");
        }
    }
    /* pass 0: check every name (errors before any binding is created);
       pass 1: create the bindings */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < f->var_scope.count; i++) {
            WFAstDecl *d = &f->var_scope.decls[i];
            JSAtom name = wf_name_atom(c, d->name);
            WFLoc evo;
            int t;
            uint8_t k;
            int idx;
            if (!is_var_like(d->kind) && d->kind != WF_DECL_FUNCTION)
                continue;
            t = eval_var_target(fd, name, d, &evo);
            if (t < 0)
                return -1;
            if (pass == 0) {
                if (t == ET_GLOBAL)
                    wf_emit_op_atom_u8(fd, OP_check_define_var, name,
                                       WF_DEFVAR_EVAL | (d->kind == WF_DECL_FUNCTION ?
                                                         WF_DEFVAR_FUNCTION : 0));
                continue;
            }
            wf_emit_pos(fd, d->line, d->col);
            if (d->kind == WF_DECL_FUNCTION) {
                WFAstFunc *fn = d->node->u.func.func;
                if (t == ET_EVO) {
                    if (wf_loc_access(fd, &evo, &k, &idx) < 0)
                        return -1;
                    emit_loc_get(fd, k, idx);
                }
                if (wf_emit_function(fd, fn, name) < 0)
                    return -1;
                if (t == ET_EVO)
                    wf_emit_op_atom_u8(fd, OP_define_var_obj, name, 0);
                else if (t == ET_GLOBAL)
                    wf_emit_op_atom_u8(fd, OP_define_func, name, WF_DEFVAR_EVAL);
                else if (wf_emit_ident_put(fd, name, false, false) < 0)
                    return -1;
            } else {
                if (t == ET_EVO) {
                    if (wf_loc_access(fd, &evo, &k, &idx) < 0)
                        return -1;
                    emit_loc_get(fd, k, idx);
                    wf_emit_op(fd, OP_undefined);
                    wf_emit_op_atom_u8(fd, OP_define_var_obj, name, 1);
                } else if (t == ET_GLOBAL) {
                    wf_emit_op_atom_u8(fd, OP_define_var, name, WF_DEFVAR_EVAL);
                }
            }
        }
    }
    return c->failed ? -1 : 0;
}

/* Lexical declarations of eval code are its own locals. */
static int declare_program_lexicals(WFFuncDef *fd, WFAstFunc *f)
{
    uint32_t i;
    for (i = 0; i < f->lex_scope.count; i++) {
        WFAstDecl *d = &f->lex_scope.decls[i];
        JSAtom name = wf_name_atom(fd->c, d->name);
        int idx;
        if (wf_scope_find(fd, fd->body_scope, name) >= 0)
            continue;
        idx = wf_var_add(fd, fd->body_scope, name, WF_SLOT_NORMAL);
        if (idx < 0)
            return -1;
        fd->vars[idx].decl = d->kind;
        fd->vars[idx].is_lexical = d->kind != WF_DECL_FUNCTION;
        fd->vars[idx].is_const = d->kind == WF_DECL_CONST;
        if (fd->vars[idx].is_lexical)
            wf_emit_tdz_init(fd, idx);
        else
            fd->vars[idx].initialized = true;
    }
    return fd->c->failed ? -1 : 0;
}

/* Strict eval: vars and functions are locals of the eval code. */
static int declare_program_vars(WFFuncDef *fd, WFAstFunc *f)
{
    uint32_t i;
    for (i = 0; i < f->var_scope.count; i++) {
        WFAstDecl *d = &f->var_scope.decls[i];
        JSAtom name = wf_name_atom(fd->c, d->name);
        int idx;
        if (wf_scope_find(fd, fd->body_scope, name) >= 0)
            continue;
        idx = wf_var_add(fd, fd->body_scope, name, WF_SLOT_NORMAL);
        if (idx < 0)
            return -1;
        fd->vars[idx].decl = d->kind;
        fd->vars[idx].initialized = true;
    }
    return wf_emit_hoisted_functions(fd, &f->var_scope, false);
}

static int emit_program(WFFuncDef *fd, WFAstFunc *f, EvalVarMode mode)
{
    WFCompiler *c = fd->c;
    if (wf_scope_push(fd) < 0)
        return -1;
    fd->body_scope = wf_scope_push(fd);
    if (fd->body_scope < 0)
        return -1;
    if (mode != EVM_MODULE) {
        fd->completion_var = wf_hidden_var(fd);
        if (fd->completion_var < 0)
            return -1;
    }
    /* `this` of the program, captured by arrow functions (scripts and
       global-level eval; eval inside a function reads the caller's) */
    if ((f->uses_this || f->contains_direct_eval) &&
        (!fd->parent || fd->parent->code_kind != WF_CODE_FUNCTION ||
         wf_resolve_is_global(fd, JS_ATOM_this))) {
        fd->this_var = wf_var_add(fd, 0, JS_ATOM_this, WF_SLOT_THIS);
        if (fd->this_var < 0)
            return -1;
        fd->vars[fd->this_var].initialized = true;
        wf_emit_op(fd, OP_push_this);
        wf_emit_loc(fd, OP_put_loc, fd->this_var);
    }
    if (f->has_direct_eval && mode != EVM_NONE && mode != EVM_GLOBAL && fd->parent &&
        wf_scope_capture_all(fd) < 0)
        return -1;
    if (f->has_direct_eval && mode == EVM_GLOBAL && fd->parent &&
        wf_scope_capture_all(fd) < 0)
        return -1;
    wf_emit_pos(fd, 1, 1);
    switch (mode) {
    case EVM_MODULE:
        break;      /* bindings and hoisted functions are set up at link time */
    case EVM_NONE:
        if (emit_global_decls(fd, f, false) < 0)
            return -1;
        break;
    case EVM_GLOBAL:
        if (declare_program_lexicals(fd, f) < 0 || emit_global_decls(fd, f, true) < 0)
            return -1;
        break;
    case EVM_LOCAL:
        if (declare_program_lexicals(fd, f) < 0 || declare_program_vars(fd, f) < 0)
            return -1;
        break;
    case EVM_OUTER:
        if (declare_program_lexicals(fd, f) < 0 || emit_eval_outer_decls(fd, f) < 0)
            return -1;
        break;
    }
    if (wf_emit_stmt_list(fd, &f->body) < 0)
        return -1;
    if (!wf_emit_is_dead(fd)) {
        if (mode == EVM_MODULE) {
            wf_emit_op(fd, OP_return_undef);
        } else {
            wf_emit_loc(fd, OP_get_loc, fd->completion_var);
            wf_emit_op(fd, OP_return);
        }
    }
    return c->failed ? -1 : 0;
}

static void setup_program_fd(WFFuncDef *fd, WFAstFunc *f, WFCodeKind kind)
{
    fd->code_kind = kind;
    fd->func_kind = WF_FUNC_KIND_NORMAL;
    fd->is_strict = f->strict;
    fd->simple_params = true;
    fd->has_eval_call = f->has_direct_eval;
    fd->contains_eval = f->contains_direct_eval;
    fd->arguments_allowed = true;
    fd->line = 1;
    fd->col = 1;
    fd->cur_line = 1;
    fd->cur_col = 1;
    fd->src_start = f->src_start;
    fd->src_end = f->src_end;
}

/* ---------------------------------------------------------------------- */
/* Modules                                                                 */

/* The module environment: a virtual function whose closure variables are
   the module's bindings (env slots, module.h). */
static int env_add(WFFuncDef *env, JSAtom name, bool lexical, bool is_const, uint8_t kind)
{
    JSClosureVar *cv;
    int k;
    for (k = 0; k < env->cvar_count; k++) {
        if (env->cvars[k].var_name == name)
            return k;
    }
    if (env->cvar_count >= env->cvar_size) {
        int ns = env->cvar_size ? env->cvar_size * 2 : 16;
        JSClosureVar *n = js_realloc(env->c->ctx, env->cvars, sizeof(*n) * ns);
        if (!n)
            return wf_compile_oom(env->c);
        env->cvars = n;
        env->cvar_size = ns;
    }
    cv = &env->cvars[env->cvar_count];
    memset(cv, 0, sizeof(*cv));
    cv->is_lexical = lexical;
    cv->is_const = is_const;
    cv->var_kind = kind;
    cv->var_idx = (uint16_t)env->cvar_count;
    cv->var_name = wf_atom_dup(env->c->ctx->rt, name);
    return env->cvar_count++;
}

static int env_find(WFFuncDef *env, JSAtom name)
{
    int k;
    for (k = 0; k < env->cvar_count; k++) {
        if (env->cvars[k].var_name == name)
            return k;
    }
    return -1;
}

static JSAtom meta_atom(WFCompiler *c)
{
    return wf_compiler_atom(c, "import.meta", 11);
}

/* Request index for a module specifier (+ attributes), added if new. */
static int module_request(WFCompiler *c, JSModuleDef *m, WFAstNode *src, WFAstList *attrs)
{
    JSContext *ctx = c->ctx;
    JSAtom spec = wf_str_atom(c, &src->u.str.str);
    JSValue at = JS_UNDEFINED;
    int i;
    uint32_t k;
    if (spec == JS_ATOM_NULL)
        return -1;
    if (attrs && attrs->count > 0) {
        at = JS_NewObject(ctx);
        if (JS_IsException(at))
            goto oom;
        for (k = 0; k < attrs->count; k++) {
            WFAstNode *a = attrs->items[k];
            JSValue v = wf_ast_str_value(c, &a->u.import_attr.value->u.str.str);
            if (JS_IsException(v) ||
                JS_SetProperty(ctx, at, wf_name_atom(c, a->u.import_attr.key), v) < 0)
                goto oom;
        }
    }
    /* one request per specifier without attributes */
    if (JS_IsUndefined(at)) {
        for (i = 0; i < m->req_count; i++) {
            if (m->reqs[i].specifier == spec && JS_IsUndefined(m->reqs[i].attributes)) {
                wf_atom_free(ctx->rt, spec);
                return i;
            }
        }
    }
    {
        WFModuleRequest *n = js_realloc(ctx, m->reqs, sizeof(*n) * (m->req_count + 1));
        if (!n)
            goto oom;
        m->reqs = n;
        n[m->req_count].specifier = spec;
        n[m->req_count].attributes = at;
        n[m->req_count].module = NULL;
        return m->req_count++;
    }
oom:
    JS_FreeValue(ctx, at);
    wf_atom_free(ctx->rt, spec);
    return wf_compile_oom(c);
}

static int add_import(WFCompiler *c, JSModuleDef *m, int req, JSAtom import_name, int slot)
{
    WFImportEntry *n = js_realloc(c->ctx, m->imports, sizeof(*n) * (m->import_count + 1));
    if (!n)
        return wf_compile_oom(c);
    m->imports = n;
    n[m->import_count].req = req;
    n[m->import_count].import_name = import_name == JS_ATOM_NULL ? JS_ATOM_NULL :
                                     wf_atom_dup(c->ctx->rt, import_name);
    n[m->import_count].slot = slot;
    m->import_count++;
    return 0;
}

static int add_export(WFCompiler *c, JSModuleDef *m, JSAtom name, int slot, int req,
                      JSAtom import_name)
{
    WFExportEntry *n = js_realloc(c->ctx, m->exports, sizeof(*n) * (m->export_count + 1));
    if (!n)
        return wf_compile_oom(c);
    m->exports = n;
    n[m->export_count].export_name = wf_atom_dup(c->ctx->rt, name);
    n[m->export_count].slot = slot;
    n[m->export_count].req = req;
    n[m->export_count].import_name = import_name == JS_ATOM_NULL ? JS_ATOM_NULL :
                                     wf_atom_dup(c->ctx->rt, import_name);
    m->export_count++;
    return 0;
}

/* Export of a local name: an import binding is re-exported indirectly
   (16.2.1.7.1 ParseModule step 10). */
static int export_local(WFCompiler *c, JSModuleDef *m, WFFuncDef *env, JSAtom export_name,
                        JSAtom local)
{
    int slot = env_find(env, local), i;
    if (slot < 0)
        return wf_compile_error(c, 1, 1, "export of undeclared binding");
    for (i = 0; i < m->import_count; i++) {
        /* (a namespace import re-exported: an indirect export of the
           whole namespace, ES2022 ParseModule step 10.b.ii.1) */
        if (m->imports[i].slot == slot)
            return add_export(c, m, export_name, -1, m->imports[i].req,
                              m->imports[i].import_name);
    }
    return add_export(c, m, export_name, slot, -1, JS_ATOM_NULL);
}

/* Builds the environment slots and the import/export entries. */
static int module_bindings(WFCompiler *c, JSModuleDef *m, WFFuncDef *env, WFAstFunc *f)
{
    uint32_t i, k;
    /* declarations */
    for (i = 0; i < f->var_scope.count; i++) {
        if (env_add(env, wf_name_atom(c, f->var_scope.decls[i].name), false, false,
                    WF_SLOT_NORMAL) < 0)
            return -1;
    }
    for (i = 0; i < f->lex_scope.count; i++) {
        WFAstDecl *d = &f->lex_scope.decls[i];
        bool lex = d->kind != WF_DECL_FUNCTION;
        bool cst = d->kind == WF_DECL_CONST || d->kind == WF_DECL_IMPORT;
        if (!d->name)
            continue;
        if (env_add(env, wf_name_atom(c, d->name), lex, cst, WF_SLOT_NORMAL) < 0)
            return -1;
    }
    if (env_add(env, JS_ATOM_star_default_star, true, false, WF_SLOT_NORMAL) < 0)
        return -1;
    m->meta_slot = env_add(env, meta_atom(c), false, true, WF_SLOT_CLASS_HIDDEN);
    if (m->meta_slot < 0)
        return -1;
    /* module requests in source order (their evaluation order) */
    for (i = 0; i < f->body.count; i++) {
        WFAstNode *n = f->body.items[i];
        int r = 0;
        if (n->kind == WF_AST_IMPORT_DECL)
            r = module_request(c, m, n->u.import_decl.source, &n->u.import_decl.attrs);
        else if (n->kind == WF_AST_EXPORT_NAMED && n->u.export_named.source)
            r = module_request(c, m, n->u.export_named.source, &n->u.export_named.attrs);
        else if (n->kind == WF_AST_EXPORT_ALL)
            r = module_request(c, m, n->u.export_all.source, &n->u.export_all.attrs);
        if (r < 0)
            return -1;
    }
    /* imports first (exports of import bindings refer to them) */
    for (i = 0; i < f->body.count; i++) {
        WFAstNode *n = f->body.items[i];
        int req;
        if (n->kind != WF_AST_IMPORT_DECL)
            continue;
        req = module_request(c, m, n->u.import_decl.source, &n->u.import_decl.attrs);
        if (req < 0)
            return -1;
        for (k = 0; k < n->u.import_decl.specs.count; k++) {
            WFAstNode *sp = n->u.import_decl.specs.items[k];
            int slot = env_find(env, wf_name_atom(c, sp->u.spec.local));
            if (slot < 0)
                return wf_compile_error(c, sp->line, sp->col, "internal error: import binding");
            if (add_import(c, m, req, sp->u.spec.imported ?
                           wf_name_atom(c, sp->u.spec.imported) : JS_ATOM_NULL, slot) < 0)
                return -1;
        }
    }
    for (i = 0; i < f->body.count; i++) {
        WFAstNode *n = f->body.items[i];
        int req;
        switch (n->kind) {
        case WF_AST_EXPORT_NAMED:
            if (n->u.export_named.decl) {
                WFAstNode *d = n->u.export_named.decl;
                uint32_t j;
                if (d->kind == WF_AST_FUNC_DECL) {
                    JSAtom a = wf_name_atom(c, d->u.func.func->name);
                    if (export_local(c, m, env, a, a) < 0)
                        return -1;
                } else if (d->kind == WF_AST_CLASS_DECL) {
                    JSAtom a = wf_name_atom(c, d->u.cls.cls->name);
                    if (export_local(c, m, env, a, a) < 0)
                        return -1;
                } else {
                    /* every name bound by the declaration */
                    WFAstScope *scopes[2] = { &f->var_scope, &f->lex_scope };
                    int si;
                    for (si = 0; si < 2; si++) {
                        for (j = 0; j < scopes[si]->count; j++) {
                            WFAstDecl *dd = &scopes[si]->decls[j];
                            if (dd->node == d && dd->name) {
                                JSAtom a = wf_name_atom(c, dd->name);
                                if (export_local(c, m, env, a, a) < 0)
                                    return -1;
                            }
                        }
                    }
                }
            } else if (n->u.export_named.source) {
                req = module_request(c, m, n->u.export_named.source, &n->u.export_named.attrs);
                if (req < 0)
                    return -1;
                for (k = 0; k < n->u.export_named.specs.count; k++) {
                    WFAstNode *sp = n->u.export_named.specs.items[k];
                    if (add_export(c, m, wf_name_atom(c, sp->u.spec.local), -1, req,
                                   wf_name_atom(c, sp->u.spec.imported)) < 0)
                        return -1;
                }
            } else {
                for (k = 0; k < n->u.export_named.specs.count; k++) {
                    WFAstNode *sp = n->u.export_named.specs.items[k];
                    if (export_local(c, m, env, wf_name_atom(c, sp->u.spec.local),
                                     wf_name_atom(c, sp->u.spec.imported)) < 0)
                        return -1;
                }
            }
            break;
        case WF_AST_EXPORT_DEFAULT: {
            WFAstNode *v = n->u.export_default.value;
            JSAtom local = JS_ATOM_star_default_star;
            if (v->kind == WF_AST_FUNC_DECL && v->u.func.func->name)
                local = wf_name_atom(c, v->u.func.func->name);
            else if (v->kind == WF_AST_CLASS_DECL && v->u.cls.cls->name)
                local = wf_name_atom(c, v->u.cls.cls->name);
            if (add_export(c, m, JS_ATOM_default, env_find(env, local), -1, JS_ATOM_NULL) < 0)
                return -1;
            break;
        }
        case WF_AST_EXPORT_ALL:
            req = module_request(c, m, n->u.export_all.source, &n->u.export_all.attrs);
            if (req < 0)
                return -1;
            if (n->u.export_all.exported) {
                if (add_export(c, m, wf_name_atom(c, n->u.export_all.exported), -1, req,
                               JS_ATOM_NULL) < 0)
                    return -1;
            } else {
                int *ns = js_realloc(c->ctx, m->star_exports,
                                     sizeof(int) * (m->star_export_count + 1));
                if (!ns)
                    return wf_compile_oom(c);
                m->star_exports = ns;
                ns[m->star_export_count++] = req;
            }
            break;
        default:
            break;
        }
    }
    return c->failed ? -1 : 0;
}

/* The init code: creates the module's function declarations (16.2.1.6.4
   InitializeEnvironment step 24) so importers can call them before the
   module body runs. */
static JSValue module_init_code(WFCompiler *c, WFFuncDef *env, WFAstFunc *f)
{
    WFFuncDef *ifd = wf_fd_new(c, env, NULL);
    JSValue ret = JS_EXCEPTION;
    uint32_t i;
    if (!ifd)
        return JS_EXCEPTION;
    ifd->code_kind = WF_CODE_FUNCTION;
    ifd->is_strict = true;
    ifd->simple_params = true;
    ifd->line = ifd->col = ifd->cur_line = ifd->cur_col = 1;
    if (wf_scope_push(ifd) < 0)
        goto done;
    ifd->body_scope = wf_scope_push(ifd);
    for (i = 0; i < f->lex_scope.count; i++) {
        WFAstDecl *d = &f->lex_scope.decls[i];
        if (d->kind != WF_DECL_FUNCTION || !d->node || d->node->kind != WF_AST_FUNC_DECL ||
            !d->name)
            continue;
        wf_emit_pos(ifd, d->node->line, d->node->col);
        if (wf_emit_function(ifd, d->node->u.func.func, wf_name_atom(c, d->name)) < 0 ||
            wf_emit_ident_put(ifd, wf_name_atom(c, d->name), false, true) < 0)
            goto done;
    }
    /* export default function () {} */
    for (i = 0; i < f->body.count; i++) {
        WFAstNode *n = f->body.items[i];
        if (n->kind == WF_AST_EXPORT_DEFAULT &&
            n->u.export_default.value->kind == WF_AST_FUNC_DECL &&
            !n->u.export_default.value->u.func.func->name) {
            wf_emit_pos(ifd, n->line, n->col);
            if (wf_emit_function(ifd, n->u.export_default.value->u.func.func,
                                 JS_ATOM_default) < 0 ||
                wf_emit_ident_put(ifd, JS_ATOM_star_default_star, false, true) < 0)
                goto done;
        }
    }
    wf_emit_op(ifd, OP_return_undef);
    ret = wf_fd_finish(ifd);
done:
    wf_fd_free(ifd);
    return ret;
}

/* A JSON module (import attributes type "json"): its default export is
   the parsed value (ParseJSONModule). */
static JSValue compile_json_module(JSContext *ctx, const char *src, size_t len,
                                   const char *filename)
{
    JSValue v = JS_ParseJSON(ctx, src, len, filename);
    JSModuleDef *m;
    JSAtom name;
    if (JS_IsException(v))
        return v;
    name = JS_NewAtom(ctx, filename);
    if (name == JS_ATOM_NULL) {
        JS_FreeValue(ctx, v);
        return JS_EXCEPTION;
    }
    m = wf_module_new(ctx, name);
    if (!m)
        goto oom;
    m->is_json = true;
    m->json_value = v;
    v = JS_UNDEFINED;
    m->slots = js_mallocz(ctx, sizeof(JSClosureVar));
    m->exports = js_mallocz(ctx, sizeof(WFExportEntry));
    if (!m->slots || !m->exports)
        goto oom;
    m->slots[0].var_name = JS_DupAtom(ctx, JS_ATOM_default);
    m->slot_count = 1;
    m->exports[0].export_name = JS_DupAtom(ctx, JS_ATOM_default);
    m->exports[0].slot = 0;
    m->exports[0].req = -1;
    m->exports[0].import_name = JS_ATOM_NULL;
    m->export_count = 1;
    JS_FreeAtom(ctx, name);
    return JS_MKPTR(JS_TAG_MODULE, m);
oom:
    JS_FreeAtom(ctx, name);
    JS_FreeValue(ctx, v);
    return JS_ThrowOutOfMemory(ctx);
}

JSValue wf_compile_module(JSContext *ctx, const char *src, size_t len, const char *filename)
{
    WFArena arena;
    WFCompiler c;
    WFParseOptions opt;
    WFAstNode *prog;
    WFFuncDef *env = NULL, *fd = NULL;
    WFAstFunc *f;
    JSModuleDef *m = NULL;
    JSValue ret = JS_EXCEPTION, body, init;
    JSAtom name;
    int i;

    if (ctx->module_json_pending) {
        ctx->module_json_pending = false;
        return compile_json_module(ctx, src, len, filename ? filename : "<input>");
    }
    wf_arena_init(&arena, ctx->rt);
    if (compiler_init(&c, ctx, &arena, src, len, filename) < 0)
        goto done;
    memset(&opt, 0, sizeof(opt));
    opt.filename = c.filename;
    opt.is_module = true;
    opt.strict = true;
    opt.allow_await = true;
    prog = parse_program(&c, &opt);
    if (!prog)
        goto done;
    f = prog->u.program.func;
    name = JS_NewAtom(ctx, c.filename);
    if (name == JS_ATOM_NULL)
        goto done;
    m = wf_module_new(ctx, name);
    JS_FreeAtom(ctx, name);
    if (!m)
        goto done;
    env = wf_fd_new(&c, NULL, NULL);
    if (!env)
        goto fail;
    env->is_virtual = true;
    env->code_kind = WF_CODE_MODULE;
    env->is_strict = true;
    if (module_bindings(&c, m, env, f) < 0)
        goto fail;
    /* body */
    fd = wf_fd_new(&c, env, f);
    if (!fd)
        goto fail;
    setup_program_fd(fd, f, WF_CODE_MODULE);
    fd->is_strict = true;
    fd->func_kind = f->has_await ? WF_FUNC_KIND_ASYNC : WF_FUNC_KIND_NORMAL;
    if (emit_program(fd, f, EVM_MODULE) < 0)
        goto fail;
    body = wf_fd_finish(fd);
    if (JS_IsException(body))
        goto fail;
    m->body = body;
    m->has_tla = f->has_await;
    init = module_init_code(&c, env, f);
    if (JS_IsException(init))
        goto fail;
    m->init = init;
    /* slot descriptors for the runtime */
    m->slot_count = env->cvar_count;
    if (env->cvar_count > 0) {
        m->slots = js_malloc(ctx, sizeof(JSClosureVar) * env->cvar_count);
        if (!m->slots) {
            wf_compile_oom(&c);
            goto fail;
        }
        for (i = 0; i < env->cvar_count; i++) {
            m->slots[i] = env->cvars[i];
            wf_atom_dup(ctx->rt, m->slots[i].var_name);
        }
    }
    m->status = WF_MOD_NEW;
    ret = JS_MKPTR(JS_TAG_MODULE, m);
    m = NULL;
fail:
    if (m) {
        /* the failed record stays registered but unusable: drop it */
        list_del(&m->link);
        init_list_head(&m->link);
        wf_module_free(ctx, m);
    }
done:
    wf_fd_free(fd);
    wf_fd_free(env);
    compiler_free(&c);
    wf_arena_free_all(&arena);
    return ret;
}

/* ---------------------------------------------------------------------- */
/* Entry points                                                            */

JSValue wf_compile_script(JSContext *ctx, const char *src, size_t len,
                          const char *filename, int eval_flags)
{
    WFArena arena;
    WFCompiler c;
    WFParseOptions opt;
    WFAstNode *prog;
    WFFuncDef *fd = NULL;
    JSValue ret = JS_EXCEPTION;

    wf_arena_init(&arena, ctx->rt);
    if (compiler_init(&c, ctx, &arena, src, len, filename) < 0)
        goto done;
    if ((eval_flags & JS_EVAL_TYPE_MASK) == JS_EVAL_TYPE_MODULE) {
        wf_compile_error(&c, 1, 1, "modules are compiled by wf_compile_module");
        goto done;
    }
    memset(&opt, 0, sizeof(opt));
    opt.filename = c.filename;
    opt.strict = (eval_flags & JS_EVAL_FLAG_STRICT) != 0;
    opt.allow_arguments = true;
    prog = parse_program(&c, &opt);
    if (!prog)
        goto done;
    fd = wf_fd_new(&c, NULL, prog->u.program.func);
    if (!fd)
        goto done;
    setup_program_fd(fd, prog->u.program.func, WF_CODE_SCRIPT);
    fd->global_vars = true;
    if (emit_program(fd, prog->u.program.func, EVM_NONE) < 0)
        goto done;
    ret = wf_fd_finish(fd);
done:
    wf_fd_free(fd);
    compiler_free(&c);
    wf_arena_free_all(&arena);
    return ret;
}

static bool is_private_kind(uint8_t k)
{
    return k == WF_SLOT_PRIVATE_FIELD || k == WF_SLOT_PRIVATE_METHOD ||
           k == WF_SLOT_PRIVATE_ACCESSOR || k == WF_SLOT_PRIVATE_GETTER ||
           k == WF_SLOT_PRIVATE_SETTER;
}

/* Parser callback: is the private name visible at the direct eval call
   site?  It is when the caller has it as a local or a closure variable
   (functions containing direct eval capture every visible binding). */
static bool private_name_visible(void *opaque, const char *name, size_t len)
{
    const JSFunctionBytecode *b = opaque;
    JSRuntime *rt = b->realm->rt;
    char buf[256];
    uint32_t i;
    for (i = 0; i < (uint32_t)b->arg_count + b->var_count; i++) {
        const JSVarDef *vd = &b->vardefs[i];
        if (is_private_kind(vd->var_kind)) {
            const char *s = wf_atom_get_cstr(rt, buf, sizeof(buf), vd->var_name);
            if (strlen(s) == len && !memcmp(s, name, len))
                return true;
        }
    }
    for (i = 0; i < b->closure_var_count; i++) {
        const JSClosureVar *cv = &b->closure_var[i];
        if (is_private_kind(cv->var_kind)) {
            const char *s = wf_atom_get_cstr(rt, buf, sizeof(buf), cv->var_name);
            if (strlen(s) == len && !memcmp(s, name, len))
                return true;
        }
    }
    return false;
}

/* true if a sloppy eval whose caller is v declares its vars globally */
static bool caller_var_env_is_global(const JSFunctionBytecode *b)
{
    uint32_t k;
    if (!b || b->code_kind == WF_CODE_SCRIPT || b->code_kind == WF_CODE_MODULE)
        return true;
    if (b->code_kind == WF_CODE_FUNCTION)
        return false;
    /* eval code: function level iff it reaches an eval var object */
    for (k = 0; k < b->closure_var_count; k++) {
        if (b->closure_var[k].var_kind == WF_SLOT_EVAL_VAR_OBJ)
            return false;
    }
    return true;
}

JSValue wf_compile_eval(JSContext *ctx, const char *src, size_t len,
                        const JSFunctionBytecode *caller, int scope_idx, bool strict)
{
    WFArena arena;
    WFCompiler c;
    WFParseOptions opt;
    WFAstNode *prog;
    WFFuncDef *v = NULL, *fd = NULL;
    WFAstFunc *f;
    EvalVarMode mode;
    JSValue ret = JS_EXCEPTION;
    char fname[128];
    const char *filename = "<eval>";

    if (caller && caller->filename != JS_ATOM_NULL)
        filename = wf_atom_get_cstr(ctx->rt, fname, sizeof(fname), caller->filename);
    wf_arena_init(&arena, ctx->rt);
    if (compiler_init(&c, ctx, &arena, src, len, filename) < 0)
        goto done;
    memset(&opt, 0, sizeof(opt));
    opt.filename = c.filename;
    opt.is_eval = true;
    opt.strict = strict;
    opt.allow_arguments = true;
    if (caller) {
        opt.allow_new_target = caller->new_target_allowed;
        opt.allow_super_property = caller->super_allowed;
        opt.allow_super_call = caller->super_call_allowed;
        opt.allow_arguments = caller->arguments_allowed;
        opt.in_class_field_init = caller->is_field_init ||
            (caller->code_kind == WF_CODE_FUNCTION && !caller->arguments_allowed);
        opt.private_name_visible = private_name_visible;
        opt.opaque = (void *)caller;
    }
    prog = parse_program(&c, &opt);
    if (!prog)
        goto done;
    f = prog->u.program.func;
    if (caller) {
        v = wf_scope_virtual_from_bytecode(&c, caller);
        if (!v)
            goto done;
        v->cur_scope = (scope_idx >= 0 && scope_idx < v->scope_count) ? scope_idx :
                       (v->scope_count > 0 ? v->scope_count - 1 : -1);
    }
    fd = wf_fd_new(&c, v, f);
    if (!fd)
        goto done;
    setup_program_fd(fd, f, WF_CODE_EVAL);
    if (v) {
        fd->new_target_allowed = caller->new_target_allowed;
        fd->super_allowed = caller->super_allowed;
        fd->super_call_allowed = caller->super_call_allowed;
        fd->arguments_allowed = caller->arguments_allowed;
        fd->is_field_init = caller->is_field_init;
    }
    if (f->strict)
        mode = EVM_LOCAL;
    else if (caller_var_env_is_global(caller))
        mode = EVM_GLOBAL;
    else
        mode = EVM_OUTER;
    fd->global_vars = mode == EVM_GLOBAL;
    fd->eval_vars_outer = mode == EVM_OUTER;
    if (emit_program(fd, f, mode) < 0)
        goto done;
    ret = wf_fd_finish(fd);
done:
    wf_fd_free(fd);
    wf_fd_free(v);
    compiler_free(&c);
    wf_arena_free_all(&arena);
    return ret;
}

JSValue wf_compile_function_ctor(JSContext *ctx, const char *params, size_t params_len,
                                 const char *body, size_t body_len, int kind)
{
    WFArena arena;
    WFCompiler c;
    WFParseError err;
    WFAstNode *node;
    const char *text = NULL;
    size_t text_len = 0;
    JSValue ret = JS_EXCEPTION;

    wf_arena_init(&arena, ctx->rt);
    memset(&c, 0, sizeof(c));
    c.ctx = ctx;
    c.arena = &arena;
    c.filename = "<anonymous>";
    if (wf_lex_check_utf8((const uint8_t *)params, params_len, true) != params_len ||
        wf_lex_check_utf8((const uint8_t *)body, body_len, true) != body_len) {
        c.filename_atom = JS_ATOM_NULL;
        wf_compile_error(&c, 1, 1, "invalid UTF-8 in source text");
        goto done;
    }
    memset(&err, 0, sizeof(err));
    node = wf_parse_function_ctor2(&arena, params, params_len, body, body_len, kind,
                                   &text, &text_len, &err);
    if (!node) {
        if (err.out_of_memory)
            JS_ThrowOutOfMemory(ctx);
        else
            wf_throw_syntax_error_at(ctx, c.filename, err.line, err.col, err.message);
        goto done;
    }
    if (compiler_init(&c, ctx, &arena, text, text_len, "<anonymous>") < 0)
        goto done;
    ret = wf_compile_func_ast(&c, NULL, node->u.func.func, JS_ATOM_anonymous);
done:
    compiler_free(&c);
    wf_arena_free_all(&arena);
    return ret;
}
