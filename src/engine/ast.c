/*
 * ast.c - generic helpers over the AST of ast.h: node kind names and a
 * child iterator (for walkers that do not care about every kind).
 *
 * Name interning (wf_ast_intern) lives in lexer.c next to its only hot user.
 */
#include "engine/ast.h"

static const char *const kind_names[WF_AST_KIND_COUNT] = {
    [WF_AST_PROGRAM] = "Program",
    [WF_AST_EMPTY] = "Empty",
    [WF_AST_EXPR_STMT] = "ExprStmt",
    [WF_AST_BLOCK] = "Block",
    [WF_AST_VAR_DECL] = "VarDecl",
    [WF_AST_VAR_DECLARATOR] = "Declarator",
    [WF_AST_FUNC_DECL] = "FuncDecl",
    [WF_AST_CLASS_DECL] = "ClassDecl",
    [WF_AST_IF] = "If",
    [WF_AST_FOR] = "For",
    [WF_AST_FOR_IN] = "ForIn",
    [WF_AST_FOR_OF] = "ForOf",
    [WF_AST_WHILE] = "While",
    [WF_AST_DO_WHILE] = "DoWhile",
    [WF_AST_CONTINUE] = "Continue",
    [WF_AST_BREAK] = "Break",
    [WF_AST_RETURN] = "Return",
    [WF_AST_THROW] = "Throw",
    [WF_AST_WITH] = "With",
    [WF_AST_SWITCH] = "Switch",
    [WF_AST_CASE] = "Case",
    [WF_AST_LABELED] = "Labeled",
    [WF_AST_TRY] = "Try",
    [WF_AST_DEBUGGER] = "Debugger",
    [WF_AST_IMPORT_DECL] = "ImportDecl",
    [WF_AST_IMPORT_SPEC] = "ImportSpec",
    [WF_AST_EXPORT_NAMED] = "ExportNamed",
    [WF_AST_EXPORT_SPEC] = "ExportSpec",
    [WF_AST_EXPORT_DEFAULT] = "ExportDefault",
    [WF_AST_EXPORT_ALL] = "ExportAll",
    [WF_AST_IMPORT_ATTR] = "ImportAttr",
    [WF_AST_IDENT] = "Ident",
    [WF_AST_THIS] = "This",
    [WF_AST_NULL] = "Null",
    [WF_AST_BOOL] = "Bool",
    [WF_AST_NUMBER] = "Number",
    [WF_AST_BIGINT] = "BigInt",
    [WF_AST_STRING] = "String",
    [WF_AST_TEMPLATE] = "Template",
    [WF_AST_TEMPLATE_ELEM] = "TemplateElem",
    [WF_AST_TAGGED_TEMPLATE] = "TaggedTemplate",
    [WF_AST_REGEXP] = "RegExp",
    [WF_AST_ARRAY] = "Array",
    [WF_AST_OBJECT] = "Object",
    [WF_AST_PROPERTY] = "Property",
    [WF_AST_FUNC_EXPR] = "FuncExpr",
    [WF_AST_ARROW] = "Arrow",
    [WF_AST_CLASS_EXPR] = "ClassExpr",
    [WF_AST_CLASS_MEMBER] = "ClassMember",
    [WF_AST_UNARY] = "Unary",
    [WF_AST_UPDATE] = "Update",
    [WF_AST_BINARY] = "Binary",
    [WF_AST_LOGICAL] = "Logical",
    [WF_AST_ASSIGN] = "Assign",
    [WF_AST_CONDITIONAL] = "Conditional",
    [WF_AST_SEQUENCE] = "Sequence",
    [WF_AST_CALL] = "Call",
    [WF_AST_NEW] = "New",
    [WF_AST_MEMBER] = "Member",
    [WF_AST_OPTIONAL_CHAIN] = "OptionalChain",
    [WF_AST_SUPER_MEMBER] = "SuperMember",
    [WF_AST_SUPER_CALL] = "SuperCall",
    [WF_AST_NEW_TARGET] = "NewTarget",
    [WF_AST_IMPORT_META] = "ImportMeta",
    [WF_AST_IMPORT_CALL] = "ImportCall",
    [WF_AST_SPREAD] = "Spread",
    [WF_AST_YIELD] = "Yield",
    [WF_AST_AWAIT] = "Await",
    [WF_AST_PRIVATE_NAME] = "PrivateName",
    [WF_AST_PRIVATE_IN] = "PrivateIn",
    [WF_AST_ARRAY_PATTERN] = "ArrayPattern",
    [WF_AST_OBJECT_PATTERN] = "ObjectPattern",
    [WF_AST_ASSIGN_PATTERN] = "AssignPattern",
    [WF_AST_REST] = "Rest",
};

const char *wf_ast_kind_name(int kind)
{
    if (kind < 0 || kind >= WF_AST_KIND_COUNT || !kind_names[kind])
        return "?";
    return kind_names[kind];
}

#define VISIT(slot)                                                           \
    do {                                                                      \
        if ((slot) && !fn(opaque, &(slot)))                                   \
            return false;                                                     \
    } while (0)

static bool visit_list(WFAstList *l, WFAstVisitFn fn, void *opaque)
{
    for (uint32_t i = 0; i < l->count; i++)
        VISIT(l->items[i]);
    return true;
}

#define VISIT_LIST(l)                                                         \
    do {                                                                      \
        if (!visit_list(&(l), fn, opaque))                                    \
            return false;                                                     \
    } while (0)

bool wf_ast_for_each_child(WFAstNode *n, WFAstVisitFn fn, void *opaque)
{
    switch (n->kind) {
    case WF_AST_PROGRAM:
        VISIT_LIST(n->u.program.func->body);
        break;
    case WF_AST_EXPR_STMT:
        VISIT(n->u.expr_stmt.expr);
        break;
    case WF_AST_BLOCK:
        VISIT_LIST(n->u.block.body);
        break;
    case WF_AST_VAR_DECL:
        VISIT_LIST(n->u.var_decl.decls);
        break;
    case WF_AST_VAR_DECLARATOR:
        VISIT(n->u.declarator.target);
        VISIT(n->u.declarator.init);
        break;
    case WF_AST_FUNC_DECL:
    case WF_AST_FUNC_EXPR:
    case WF_AST_ARROW: {
        WFAstFunc *f = n->u.func.func;
        VISIT(f->id);
        VISIT_LIST(f->params);
        VISIT_LIST(f->body);
        break;
    }
    case WF_AST_CLASS_DECL:
    case WF_AST_CLASS_EXPR: {
        WFAstClass *c = n->u.cls.cls;
        VISIT(c->id);
        VISIT(c->superclass);
        VISIT(c->constructor);
        VISIT_LIST(c->members);
        break;
    }
    case WF_AST_IF:
        VISIT(n->u.if_.test);
        VISIT(n->u.if_.cons);
        VISIT(n->u.if_.alt);
        break;
    case WF_AST_CONDITIONAL:
        VISIT(n->u.cond.test);
        VISIT(n->u.cond.cons);
        VISIT(n->u.cond.alt);
        break;
    case WF_AST_FOR:
        VISIT(n->u.for_.init);
        VISIT(n->u.for_.test);
        VISIT(n->u.for_.update);
        VISIT(n->u.for_.body);
        break;
    case WF_AST_FOR_IN:
    case WF_AST_FOR_OF:
        VISIT(n->u.for_in.left);
        VISIT(n->u.for_in.right);
        VISIT(n->u.for_in.body);
        break;
    case WF_AST_WHILE:
    case WF_AST_DO_WHILE:
        VISIT(n->u.while_.test);
        VISIT(n->u.while_.body);
        break;
    case WF_AST_RETURN:
    case WF_AST_THROW:
        VISIT(n->u.ret.arg);
        break;
    case WF_AST_WITH:
        VISIT(n->u.with_.object);
        VISIT(n->u.with_.body);
        break;
    case WF_AST_SWITCH:
        VISIT(n->u.switch_.disc);
        VISIT_LIST(n->u.switch_.cases);
        break;
    case WF_AST_CASE:
        VISIT(n->u.case_.test);
        VISIT_LIST(n->u.case_.body);
        break;
    case WF_AST_LABELED:
        VISIT(n->u.labeled.body);
        break;
    case WF_AST_TRY:
        VISIT(n->u.try_.block);
        VISIT(n->u.try_.param);
        VISIT(n->u.try_.handler);
        VISIT(n->u.try_.finalizer);
        break;
    case WF_AST_IMPORT_DECL:
        VISIT_LIST(n->u.import_decl.specs);
        VISIT(n->u.import_decl.source);
        VISIT_LIST(n->u.import_decl.attrs);
        break;
    case WF_AST_IMPORT_SPEC:
    case WF_AST_EXPORT_SPEC:
        VISIT(n->u.spec.local_id);
        break;
    case WF_AST_EXPORT_NAMED:
        VISIT(n->u.export_named.decl);
        VISIT_LIST(n->u.export_named.specs);
        VISIT(n->u.export_named.source);
        VISIT_LIST(n->u.export_named.attrs);
        break;
    case WF_AST_EXPORT_DEFAULT:
        VISIT(n->u.export_default.value);
        break;
    case WF_AST_EXPORT_ALL:
        VISIT(n->u.export_all.source);
        VISIT_LIST(n->u.export_all.attrs);
        break;
    case WF_AST_IMPORT_ATTR:
        VISIT(n->u.import_attr.value);
        break;
    case WF_AST_TEMPLATE: {
        /* in source order: quasi, expr, quasi, ... */
        for (uint32_t i = 0; i < n->u.tmpl.quasis.count; i++) {
            VISIT(n->u.tmpl.quasis.items[i]);
            if (i < n->u.tmpl.exprs.count)
                VISIT(n->u.tmpl.exprs.items[i]);
        }
        break;
    }
    case WF_AST_TAGGED_TEMPLATE:
        VISIT(n->u.tagged.tag);
        VISIT(n->u.tagged.quasi);
        break;
    case WF_AST_ARRAY:
    case WF_AST_ARRAY_PATTERN:
        VISIT_LIST(n->u.array.elements);
        break;
    case WF_AST_OBJECT:
    case WF_AST_OBJECT_PATTERN:
        VISIT_LIST(n->u.object.props);
        break;
    case WF_AST_PROPERTY:
        VISIT(n->u.prop.key);
        VISIT(n->u.prop.value);
        break;
    case WF_AST_CLASS_MEMBER:
        VISIT(n->u.member_def.key);
        VISIT(n->u.member_def.value);
        break;
    case WF_AST_UNARY:
        VISIT(n->u.unary.arg);
        break;
    case WF_AST_UPDATE:
        VISIT(n->u.update.arg);
        break;
    case WF_AST_BINARY:
    case WF_AST_LOGICAL:
        VISIT(n->u.binary.left);
        VISIT(n->u.binary.right);
        break;
    case WF_AST_ASSIGN:
        VISIT(n->u.assign.target);
        VISIT(n->u.assign.value);
        break;
    case WF_AST_SEQUENCE:
        VISIT_LIST(n->u.seq.exprs);
        break;
    case WF_AST_CALL:
    case WF_AST_NEW:
    case WF_AST_SUPER_CALL:
        VISIT(n->u.call.callee);
        VISIT_LIST(n->u.call.args);
        break;
    case WF_AST_MEMBER:
    case WF_AST_SUPER_MEMBER:
        VISIT(n->u.member.object);
        VISIT(n->u.member.prop);
        break;
    case WF_AST_OPTIONAL_CHAIN:
        VISIT(n->u.chain.expr);
        break;
    case WF_AST_IMPORT_CALL:
        VISIT(n->u.import_call.source);
        VISIT(n->u.import_call.options);
        break;
    case WF_AST_SPREAD:
    case WF_AST_REST:
    case WF_AST_AWAIT:
        VISIT(n->u.spread.arg);
        break;
    case WF_AST_YIELD:
        VISIT(n->u.yield.arg);
        break;
    case WF_AST_PRIVATE_IN:
        VISIT(n->u.private_in.right);
        break;
    case WF_AST_ASSIGN_PATTERN:
        VISIT(n->u.assign_pattern.target);
        VISIT(n->u.assign_pattern.def);
        break;
    default:
        break;
    }
    return true;
}
