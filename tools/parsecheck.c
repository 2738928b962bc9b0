/*
 * parsecheck.c - standalone driver for the front end (lexer + parser).
 *
 *   parsecheck [--module] [--strict] [--quiet] [--dump] file...
 *       parses each file; prints "file: OK" or
 *       "file:line:col: SyntaxError: message".  Exit status 1 if any failed.
 *   parsecheck --test262 DIR [--list-failures] [--skip-features a,b,...]
 *       walks DIR (e.g. test262/test/language), reads each test's YAML
 *       frontmatter and checks that negative parse tests fail to parse and
 *       all other tests parse (in every mode the flags ask for).
 *   parsecheck [--module] --oom file
 *       fails the k-th arena allocation for every k until the parse
 *       succeeds; checks each failure reports out_of_memory.
 *   parsecheck --fnctor [--kind N] PARAMS BODY
 *       runs CreateDynamicFunction parsing on the two strings.
 *
 * A tool, not part of the engine: it uses malloc through a tiny shim of
 * js_malloc_rt / js_free_rt.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"
#include "engine/parse.h"

/* ---- allocator shim (the real one lives in the runtime) ---- */
static long fail_after = -1;    /* --oom: fail the Nth allocation */

void *js_malloc_rt(JSRuntime *rt, size_t size)
{
    (void)rt;
    if (fail_after == 0)
        return NULL;
    if (fail_after > 0)
        fail_after--;
    return malloc(size);
}

void js_free_rt(JSRuntime *rt, void *ptr)
{
    (void)rt;
    free(ptr);
}

void *js_realloc_rt(JSRuntime *rt, void *ptr, size_t size)
{
    (void)rt;
    return realloc(ptr, size);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* ---- AST dump (--dump) ---- */

static void print_str(const WFAstStr *s)
{
    putchar('"');
    for (uint32_t i = 0; i < s->len; i++) {
        unsigned c = s->wide ? s->u.s16[i] : s->u.s8[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            putchar((int)c);
        else
            printf("\\u%04x", c);
    }
    putchar('"');
}

static void print_scope(const char *what, const WFAstScope *s)
{
    static const char *const kinds[] = {"var", "let", "const", "class",
        "function", "annexb", "param", "catch", "import", "class-inner",
        "fname", "#field", "#method", "#get", "#set", "#accessor"};
    if (!s->count)
        return;
    printf(" %s{", what);
    for (uint32_t i = 0; i < s->count; i++)
        printf("%s%s:%s", i ? " " : "", s->decls[i].name->str,
               kinds[s->decls[i].kind]);
    printf("}");
}

static int dump_depth;
static bool dump_visit(void *opaque, WFAstNode **slot);

static void dump_node(WFAstNode *n)
{
    printf("%*s%s @%d:%d", dump_depth * 2, "", wf_ast_kind_name(n->kind),
           n->line, n->col);
    if (n->flags & WF_AST_F_PARENS)
        printf(" (parens)");
    switch (n->kind) {
    case WF_AST_IDENT: printf(" %s%s", n->u.ident.name->str,
                              n->u.ident.escaped ? " (escaped)" : ""); break;
    case WF_AST_NUMBER: printf(" %.17g", n->u.num.value); break;
    case WF_AST_BIGINT: printf(" %s radix %d", n->u.bigint.digits,
                               n->u.bigint.radix); break;
    case WF_AST_STRING: putchar(' '); print_str(&n->u.str.str); break;
    case WF_AST_TEMPLATE_ELEM:
        printf(" cooked=");
        if (n->u.tmpl_elem.cooked_valid) print_str(&n->u.tmpl_elem.cooked);
        else printf("undefined");
        printf(" raw="); print_str(&n->u.tmpl_elem.raw); break;
    case WF_AST_REGEXP: printf(" /%s/%s", n->u.regexp.pattern,
                               n->u.regexp.flags); break;
    case WF_AST_BOOL: printf(" %s", n->u.boolean.value ? "true" : "false"); break;
    case WF_AST_UNARY: case WF_AST_UPDATE: case WF_AST_BINARY:
    case WF_AST_LOGICAL: case WF_AST_ASSIGN:
        printf(" op=%d", n->u.binary.op); break;
    case WF_AST_MEMBER: case WF_AST_SUPER_MEMBER:
        if (n->u.member.name) printf(" .%s", n->u.member.name->str);
        if (n->u.member.optional) printf(" optional");
        printf(" pos=%d:%d", n->u.member.pos_line, n->u.member.pos_col); break;
    case WF_AST_CALL: case WF_AST_NEW: case WF_AST_SUPER_CALL:
        if (n->u.call.optional) printf(" optional");
        if (n->u.call.is_direct_eval) printf(" direct-eval");
        printf(" pos=%d:%d", n->u.call.pos_line, n->u.call.pos_col); break;
    case WF_AST_PROPERTY: printf(" kind=%d%s%s", n->u.prop.kind,
        n->u.prop.computed ? " computed" : "",
        n->u.prop.shorthand ? " shorthand" : ""); break;
    case WF_AST_CLASS_MEMBER: printf(" kind=%d%s%s", n->u.member_def.kind,
        n->u.member_def.is_static ? " static" : "",
        n->u.member_def.computed ? " computed" : ""); break;
    case WF_AST_VAR_DECL: printf(" kind=%d", n->u.var_decl.kind); break;
    case WF_AST_BREAK: case WF_AST_CONTINUE:
        if (n->u.jump.label) printf(" %s", n->u.jump.label->str);
        printf(" -> %s@%d:%d", wf_ast_kind_name(n->u.jump.target->kind),
               n->u.jump.target->line, n->u.jump.target->col); break;
    case WF_AST_LABELED: printf(" %s", n->u.labeled.label->str); break;
    case WF_AST_PRIVATE_NAME: printf(" %s", n->u.private_name.name->str); break;
    case WF_AST_PRIVATE_IN: printf(" %s", n->u.private_in.name->str); break;
    case WF_AST_IMPORT_SPEC: case WF_AST_EXPORT_SPEC:
        printf(" %s as %s", n->u.spec.imported ? n->u.spec.imported->str : "*",
               n->u.spec.local->str); break;
    case WF_AST_EXPORT_ALL:
        if (n->u.export_all.exported)
            printf(" as %s", n->u.export_all.exported->str);
        break;
    case WF_AST_YIELD: if (n->u.yield.delegate) printf(" *"); break;
    case WF_AST_FOR_OF: if (n->u.for_in.is_await) printf(" await"); break;
    case WF_AST_BLOCK: print_scope("lex", &n->u.block.scope); break;
    case WF_AST_SWITCH: print_scope("lex", &n->u.switch_.scope); break;
    case WF_AST_FOR: print_scope("lex", &n->u.for_.scope); break;
    case WF_AST_FOR_IN: print_scope("lex", &n->u.for_in.scope); break;
    case WF_AST_TRY: print_scope("catch", &n->u.try_.catch_scope); break;
    case WF_AST_FUNC_DECL: case WF_AST_FUNC_EXPR: case WF_AST_ARROW:
    case WF_AST_PROGRAM: {
        WFAstFunc *f = n->kind == WF_AST_PROGRAM ? n->u.program.func
                                                 : n->u.func.func;
        printf(" fkind=%d%s%s%s%s len=%u src=[%u,%u)", f->kind,
               f->is_async ? " async" : "", f->is_generator ? " gen" : "",
               f->strict ? " strict" : "",
               f->has_simple_params ? "" : " non-simple", f->length,
               f->src_start, f->src_end);
        printf("%s%s%s%s%s%s%s%s",
               f->uses_this ? " this" : "", f->uses_arguments ? " arguments" : "",
               f->has_direct_eval ? " eval" : "",
               f->contains_direct_eval ? " contains-eval" : "",
               f->uses_super_property ? " super.x" : "",
               f->uses_super_call ? " super()" : "",
               f->uses_new_target ? " new.target" : "",
               f->has_with ? " with" : "");
        if (n->flags & WF_AST_F_ANNEXB) printf(" annexB");
        print_scope("params", &f->param_scope);
        print_scope("vars", &f->var_scope);
        print_scope("lex", &f->lex_scope);
        break;
    }
    case WF_AST_CLASS_DECL: case WF_AST_CLASS_EXPR:
        print_scope("scope", &n->u.cls.cls->scope);
        print_scope("private", &n->u.cls.cls->private_names);
        printf(" src=[%u,%u)", n->u.cls.cls->src_start, n->u.cls.cls->src_end);
        break;
    default: break;
    }
    putchar('\n');
    dump_depth++;
    wf_ast_for_each_child(n, dump_visit, NULL);
    dump_depth--;
}

static bool dump_visit(void *opaque, WFAstNode **slot)
{
    (void)opaque;
    dump_node(*slot);
    return true;
}

static bool dump_ast;

static bool parse_text(const char *src, size_t len, bool module, bool strict,
                       WFParseError *err)
{
    WFArena arena;
    WFParseOptions opt;
    WFAstNode *n;
    memset(&opt, 0, sizeof(opt));
    opt.is_module = module;
    opt.strict = strict;
    wf_arena_init(&arena, NULL);
    n = wf_parse_program(&arena, src, len, &opt, err);
    if (n && dump_ast)
        dump_node(n);
    wf_arena_free_all(&arena);
    return n != NULL;
}

/* ---- test262 mode ---- */

static struct {
    long total, pass, fail;
    long neg_total, neg_fail, skipped;
    bool verbose, list;
    const char *skip_features;  /* comma-separated */
} T;

/* true if the frontmatter lists one of the comma-separated features */
static bool fm_has_feature(const char *fm, const char *list)
{
    const char *f = strstr(fm, "features:");
    const char *end;
    if (!f || !list)
        return false;
    end = strchr(f, ']');
    if (!end)
        end = f + strlen(f);
    while (*list) {
        const char *c = strchr(list, ',');
        size_t n = c ? (size_t)(c - list) : strlen(list);
        for (const char *p = f; p + n <= end; p++) {
            if (!strncmp(p, list, n) && (p[-1] == ' ' || p[-1] == '[' ||
                                         p[-1] == ',') &&
                (p[n] == ',' || p[n] == ']' || p[n] == ' ' || p[n] == '\n'))
                return true;
        }
        list += n;
        if (*list == ',')
            list++;
    }
    return false;
}

static bool fm_has_flag(const char *fm, const char *flag)
{
    const char *f = strstr(fm, "flags:");
    if (!f)
        return false;
    const char *end = strchr(f, ']');
    const char *nl = strchr(f, '\n');
    if (!end || (nl && nl < strchr(f, '[') ))
        end = nl;
    size_t n = strlen(flag);
    for (const char *p = f; p && p < end; p++) {
        if (!strncmp(p, flag, n) && !(p[n] >= 'a' && p[n] <= 'z') &&
            !(p[n] >= 'A' && p[n] <= 'Z') && !(p[-1] >= 'a' && p[-1] <= 'z'))
            return true;
    }
    return false;
}

static int visit(const char *path, const struct stat *sb, int type,
                 struct FTW *ftw)
{
    size_t len, plen = strlen(path);
    char *src, *fm, *fme;
    bool negative, module, only_strict, no_strict, raw, ok = true;
    WFParseError err;
    (void)sb;
    (void)ftw;
    if (type != FTW_F || plen < 3 || strcmp(path + plen - 3, ".js"))
        return 0;
    if (strstr(path, "_FIXTURE"))
        return 0;
    src = read_file(path, &len);
    if (!src)
        return 0;
    fm = strstr(src, "/*---");
    fme = fm ? strstr(fm, "---*/") : NULL;
    if (!fm || !fme) {
        free(src);
        return 0;
    }
    {
        size_t n = (size_t)(fme - fm);
        char *front = malloc(n + 1);
        memcpy(front, fm, n);
        front[n] = 0;
        const char *neg = strstr(front, "negative:");
        negative = neg && strstr(neg, "phase: parse");
        module = fm_has_flag(front, "module");
        only_strict = fm_has_flag(front, "onlyStrict");
        no_strict = fm_has_flag(front, "noStrict");
        raw = fm_has_flag(front, "raw");
        if (fm_has_feature(front, T.skip_features)) {
            T.skipped++;
            free(front);
            free(src);
            return 0;
        }
        free(front);
    }
    T.total++;
    if (negative)
        T.neg_total++;
    for (int mode = 0; mode < 2 && ok; mode++) {
        bool strict = mode == 1, r;
        if (module && mode == 1)
            break;
        if (!module) {
            if (strict && (no_strict || raw))
                continue;
            if (!strict && only_strict)
                continue;
        }
        r = parse_text(src, len, module, strict && !module, &err);
        if (r == negative) {
            ok = false;
            if (T.list) {
                if (r)
                    printf("FAIL %s%s: parsed but should fail\n", path,
                           strict ? " (strict)" : "");
                else
                    printf("FAIL %s%s: %d:%d: %s\n", path,
                           strict ? " (strict)" : "", err.line, err.col,
                           err.message);
            }
        }
    }
    if (ok) {
        T.pass++;
    } else {
        T.fail++;
        if (negative)
            T.neg_fail++;
    }
    free(src);
    return 0;
}

int main(int argc, char **argv)
{
    bool module = false, strict = false, quiet = false;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--test262") && i + 1 < argc) {
            const char *dir = argv[++i];
            for (int j = i + 1; j < argc; j++) {
                if (!strcmp(argv[j], "--verbose"))
                    T.verbose = true;
                if (!strcmp(argv[j], "--list-failures"))
                    T.list = true;
                if (!strcmp(argv[j], "--skip-features") && j + 1 < argc)
                    T.skip_features = argv[j + 1];
            }
            nftw(dir, visit, 32, FTW_PHYS);
            printf("%s: %ld tests, %ld pass, %ld fail (%.2f%%); negative "
                   "%ld (%ld fail), positive %ld (%ld fail); %ld skipped\n",
                   dir, T.total, T.pass, T.fail,
                   T.total ? 100.0 * (double)T.pass / (double)T.total : 0.0,
                   T.neg_total, T.neg_fail, T.total - T.neg_total,
                   T.fail - T.neg_fail, T.skipped);
            return T.fail ? 1 : 0;
        }
        if (!strcmp(argv[i], "--fnctor") && i + 2 < argc) {
            WFArena arena;
            WFParseError err;
            const char *src;
            size_t slen;
            int kind = 0;
            if (!strcmp(argv[i + 1], "--kind") && i + 4 < argc) {
                kind = atoi(argv[i + 2]);
                i += 2;
            }
            wf_arena_init(&arena, NULL);
            WFAstNode *n = wf_parse_function_ctor2(
                &arena, argv[i + 1], strlen(argv[i + 1]), argv[i + 2],
                strlen(argv[i + 2]), kind, &src, &slen, &err);
            if (n)
                printf("OK: %s\n", src);
            else
                printf("%d:%d: SyntaxError: %s\n", err.line, err.col,
                       err.message);
            wf_arena_free_all(&arena);
            return n ? 0 : 1;
        }
        if (!strcmp(argv[i], "--oom") && i + 1 < argc) {
            /* fail allocation k for k = 0, 1, ... until the parse succeeds */
            size_t len;
            char *src = read_file(argv[++i], &len);
            WFParseError err;
            long k;
            if (!src)
                return 1;
            for (k = 0;; k++) {
                fail_after = k;
                if (parse_text(src, len, module, strict, &err))
                    break;
                if (!err.out_of_memory) {
                    printf("allocation %ld: error without OOM flag: %s\n", k,
                           err.message);
                    break;
                }
            }
            fail_after = -1;
            printf("%s: survived %ld failing allocations\n", argv[i], k);
            free(src);
            continue;
        }
        if (!strcmp(argv[i], "--module")) {
            module = true;
            continue;
        }
        if (!strcmp(argv[i], "--strict")) {
            strict = true;
            continue;
        }
        if (!strcmp(argv[i], "--dump")) {
            dump_ast = true;
            continue;
        }
        if (!strcmp(argv[i], "--quiet")) {
            quiet = true;
            continue;
        }
        {
            size_t len;
            char *src = read_file(argv[i], &len);
            WFParseError err;
            if (!src) {
                fprintf(stderr, "%s: cannot read\n", argv[i]);
                status = 1;
                continue;
            }
            if (parse_text(src, len, module, strict, &err)) {
                if (!quiet)
                    printf("%s: OK\n", argv[i]);
            } else {
                printf("%s:%d:%d: SyntaxError: %s\n", argv[i], err.line,
                       err.col, err.message);
                status = 1;
            }
            free(src);
        }
    }
    return status;
}
