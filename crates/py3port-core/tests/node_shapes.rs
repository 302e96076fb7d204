//! How tree-sitter-python 0.25 represents each Python 2 construct the rules rely on. A
//! grammar upgrade that changes a shape fails here first, with the new shape to compare.

use py3port_core::parse;

fn shape(source: &str) -> String {
    let parsed = parse(source);
    let sexp = parsed.tree.root_node().to_sexp();
    if parsed.patches.is_empty() {
        sexp
    } else {
        let patches: Vec<String> = parsed.patches.iter().map(|p| format!("{:?}@{:?}", p.kind, p.range)).collect();
        format!("{sexp}\npatches: {}", patches.join(", "))
    }
}

#[test]
fn print_statement_forms() {
    insta::assert_snapshot!(shape("print 'a', b,"), @r#"(module (print_statement argument: (string (string_start) (string_content) (string_end)) argument: (identifier)))"#);
    insta::assert_snapshot!(shape("print >>f, x"), @"(module (print_statement (chevron (identifier)) argument: (identifier)))");
    insta::assert_snapshot!(shape("print"), @"(module (expression_statement (identifier)))");
    insta::assert_snapshot!(shape("print (a, b)"), @"(module (expression_statement (call function: (identifier) arguments: (argument_list (identifier) (identifier)))))");
    insta::assert_snapshot!(shape("print -1"), @"(module (expression_statement (binary_operator left: (identifier) right: (integer))))");
}

#[test]
fn exec_statement_forms() {
    insta::assert_snapshot!(shape("exec code in g, l"), @"(module (exec_statement code: (identifier) (identifier) (identifier)))");
    insta::assert_snapshot!(shape("exec (code) in ns"), @"(module (expression_statement (comparison_operator (call function: (identifier) arguments: (argument_list (identifier))) (identifier))))");
    insta::assert_snapshot!(shape("exec code % x in ns"), @r"
    (module (delete_statement (comparison_operator (binary_operator left: (identifier) right: (identifier)) (identifier))))
    patches: ExecStatement@0..4
    ");
}

#[test]
fn operators_and_literals() {
    insta::assert_snapshot!(shape("x = `a`"), @"(module (expression_statement (assignment left: (identifier) right: (string (string_start) (string_content) (string_end)))))");
    insta::assert_snapshot!(shape("a <> b"), @"(module (expression_statement (comparison_operator (identifier) (identifier))))");
    insta::assert_snapshot!(shape("x = 0777L"), @"(module (expression_statement (assignment left: (identifier) right: (integer))))");
    insta::assert_snapshot!(shape("x = ur'a'"), @"(module (expression_statement (assignment left: (identifier) right: (string (string_start) (string_content) (string_end)))))");
}

#[test]
fn exceptions_and_parameters() {
    insta::assert_snapshot!(shape("try:\n    pass\nexcept E as e:\n    pass\n"), @"(module (try_statement body: (block (pass_statement)) (except_clause value: (as_pattern (identifier) alias: (as_pattern_target (identifier))) (block (pass_statement)))))");
    insta::assert_snapshot!(shape("try:\n    pass\nexcept (A, B), e:\n    pass\n"), @"(module (try_statement body: (block (pass_statement)) (except_clause value: (tuple (identifier) (identifier)) value: (identifier) (block (pass_statement)))))");
    insta::assert_snapshot!(shape("try:\n    pass\nexcept E, (a, b):\n    pass\n"), @"(module (try_statement body: (block (pass_statement)) (except_clause value: (identifier) value: (tuple (identifier) (identifier)) (block (pass_statement)))))");
    insta::assert_snapshot!(shape("raise E, V, T"), @"(module (raise_statement (expression_list (identifier) (identifier) (identifier))))");
    insta::assert_snapshot!(shape("def f((a, b), c=1): pass"), @"(module (function_definition name: (identifier) parameters: (parameters (tuple_pattern (identifier) (identifier)) (default_parameter name: (identifier) value: (integer))) body: (block (pass_statement))))");
    insta::assert_snapshot!(shape("lambda ((x)): x"), @"(module (expression_statement (lambda parameters: (lambda_parameters (tuple_pattern (tuple_pattern (identifier)))) body: (identifier))))");
    insta::assert_snapshot!(shape("[x for x in 1, 2]"), @"(module (expression_statement (list_comprehension body: (identifier) (for_in_clause left: (identifier) right: (integer) right: (integer)))))");
}

#[test]
fn recovered_keywords() {
    insta::assert_snapshot!(shape("def f(async=False): pass"), @r"
    (module (function_definition name: (identifier) parameters: (parameters (default_parameter name: (identifier) value: (identifier))) body: (block (pass_statement))))
    patches: KeywordName@6..11, KeywordConstant@12..17
    ");
    insta::assert_snapshot!(shape("True, False = 1, 0"), @r"
    (module (expression_statement (assignment left: (pattern_list (identifier) (identifier)) right: (expression_list (integer) (integer)))))
    patches: KeywordConstant@0..4, KeywordConstant@6..11
    ");
}
