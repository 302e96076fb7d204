//! Tree-sitter node kinds and field names, resolved to ids once so that the walk
//! dispatches on integers and a misspelt kind fails a test instead of matching nothing.

use std::sync::OnceLock;

use tree_sitter::{Language, Node};

/// The tree-sitter-python language.
pub fn language() -> Language {
    tree_sitter_python::LANGUAGE.into()
}

macro_rules! kinds {
    ($($variant:ident = $name:literal,)*) => {
        /// The named node kinds the engine looks at; every other kind is `Other`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum NodeKind {
            $($variant,)*
            /// A parse error region.
            Error,
            /// Any kind the engine does not look at.
            Other,
        }

        impl NodeKind {
            /// Every kind with its tree-sitter name, for resolution and the typo test.
            pub(crate) const NAMED: &'static [(NodeKind, &'static str)] = &[$((NodeKind::$variant, $name),)*];
        }
    };
}

macro_rules! fields {
    ($($variant:ident = $name:literal,)*) => {
        /// The field names the engine reads.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(usize)]
        pub enum Field {
            $($variant,)*
        }

        impl Field {
            pub(crate) const NAMED: &'static [(Field, &'static str)] = &[$((Field::$variant, $name),)*];
        }
    };
}

kinds! {
    AliasedImport = "aliased_import",
    ArgumentList = "argument_list",
    AsPattern = "as_pattern",
    AsPatternTarget = "as_pattern_target",
    AssertStatement = "assert_statement",
    Assignment = "assignment",
    Attribute = "attribute",
    AugmentedAssignment = "augmented_assignment",
    Await = "await",
    BinaryOperator = "binary_operator",
    Block = "block",
    BooleanOperator = "boolean_operator",
    BreakStatement = "break_statement",
    Call = "call",
    CaseClause = "case_clause",
    Chevron = "chevron",
    ClassDefinition = "class_definition",
    Comment = "comment",
    ComparisonOperator = "comparison_operator",
    ConcatenatedString = "concatenated_string",
    ConditionalExpression = "conditional_expression",
    ContinueStatement = "continue_statement",
    DecoratedDefinition = "decorated_definition",
    Decorator = "decorator",
    DefaultParameter = "default_parameter",
    DeleteStatement = "delete_statement",
    Dictionary = "dictionary",
    DictionaryComprehension = "dictionary_comprehension",
    DictionarySplat = "dictionary_splat",
    DictionarySplatPattern = "dictionary_splat_pattern",
    DottedName = "dotted_name",
    ElifClause = "elif_clause",
    Ellipsis = "ellipsis",
    ElseClause = "else_clause",
    EscapeSequence = "escape_sequence",
    ExceptClause = "except_clause",
    ExecStatement = "exec_statement",
    ExpressionList = "expression_list",
    ExpressionStatement = "expression_statement",
    False = "false",
    FinallyClause = "finally_clause",
    Float = "float",
    ForInClause = "for_in_clause",
    ForStatement = "for_statement",
    FunctionDefinition = "function_definition",
    FutureImportStatement = "future_import_statement",
    GeneratorExpression = "generator_expression",
    GlobalStatement = "global_statement",
    Identifier = "identifier",
    IfClause = "if_clause",
    IfStatement = "if_statement",
    ImportFromStatement = "import_from_statement",
    ImportPrefix = "import_prefix",
    ImportStatement = "import_statement",
    Integer = "integer",
    Interpolation = "interpolation",
    KeywordArgument = "keyword_argument",
    KeywordSeparator = "keyword_separator",
    Lambda = "lambda",
    LambdaParameters = "lambda_parameters",
    LineContinuation = "line_continuation",
    List = "list",
    ListComprehension = "list_comprehension",
    ListPattern = "list_pattern",
    ListSplat = "list_splat",
    ListSplatPattern = "list_splat_pattern",
    MatchStatement = "match_statement",
    Module = "module",
    NamedExpression = "named_expression",
    None = "none",
    NonlocalStatement = "nonlocal_statement",
    NotOperator = "not_operator",
    Pair = "pair",
    Parameters = "parameters",
    ParenthesizedExpression = "parenthesized_expression",
    ParenthesizedListSplat = "parenthesized_list_splat",
    PassStatement = "pass_statement",
    PatternList = "pattern_list",
    PositionalSeparator = "positional_separator",
    PrintStatement = "print_statement",
    RaiseStatement = "raise_statement",
    RelativeImport = "relative_import",
    ReturnStatement = "return_statement",
    Set = "set",
    SetComprehension = "set_comprehension",
    Slice = "slice",
    String = "string",
    StringContent = "string_content",
    StringEnd = "string_end",
    StringStart = "string_start",
    Subscript = "subscript",
    True = "true",
    TryStatement = "try_statement",
    Tuple = "tuple",
    TuplePattern = "tuple_pattern",
    Type = "type",
    TypedDefaultParameter = "typed_default_parameter",
    TypedParameter = "typed_parameter",
    UnaryOperator = "unary_operator",
    WhileStatement = "while_statement",
    WildcardImport = "wildcard_import",
    WithClause = "with_clause",
    WithItem = "with_item",
    WithStatement = "with_statement",
    Yield = "yield",
}

fields! {
    Alias = "alias",
    Alternative = "alternative",
    Argument = "argument",
    Arguments = "arguments",
    Attribute = "attribute",
    Body = "body",
    Cause = "cause",
    Code = "code",
    Condition = "condition",
    Consequence = "consequence",
    Definition = "definition",
    Function = "function",
    Key = "key",
    Left = "left",
    ModuleName = "module_name",
    Name = "name",
    Object = "object",
    Operator = "operator",
    Operators = "operators",
    Parameters = "parameters",
    ReturnType = "return_type",
    Right = "right",
    Subscript = "subscript",
    Superclasses = "superclasses",
    Type = "type",
    Value = "value",
}

/// tree-sitter's id for ERROR nodes (`ts_builtin_sym_error`).
const ERROR_ID: u16 = u16::MAX;

struct Tables {
    /// Indexed by tree-sitter kind id.
    kinds: Vec<NodeKind>,
    /// Indexed by `Field as usize`.
    fields: Vec<Option<std::num::NonZeroU16>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let language = language();
        let mut kinds = vec![NodeKind::Other; language.node_kind_count()];
        for &(kind, name) in NodeKind::NAMED {
            let id = language.id_for_node_kind(name, true);
            if let Some(slot) = kinds.get_mut(usize::from(id)).filter(|_| id != 0) {
                *slot = kind;
            }
        }

        let fields = Field::NAMED.iter().map(|&(_, name)| language.field_id_for_name(name)).collect();
        Tables { kinds, fields }
    })
}

impl NodeKind {
    /// The kind of a node; `Error` for ERROR nodes, `Other` for kinds not listed.
    #[inline]
    pub fn of(node: Node<'_>) -> NodeKind {
        NodeKind::from_id(node.kind_id())
    }

    /// The kind for a tree-sitter kind id of a named node. Anonymous tokens have ids of
    /// their own, which map to `Other`.
    #[inline]
    pub(crate) fn from_id(id: u16) -> NodeKind {
        if id == ERROR_ID {
            return NodeKind::Error;
        }
        tables().kinds.get(usize::from(id)).copied().unwrap_or(NodeKind::Other)
    }
}

/// The child of `node` in `field`, by the field's resolved id.
#[inline]
pub fn field<'tree>(node: Node<'tree>, field: Field) -> Option<Node<'tree>> {
    let id = tables().fields[field as usize]?;
    node.child_by_field_id(id.get())
}

/// Every child of `node` in `field`.
pub fn field_children<'tree>(node: Node<'tree>, field: Field) -> Vec<Node<'tree>> {
    let Some(id) = tables().fields[field as usize] else {
        return Vec::new();
    };
    let mut cursor = node.walk();
    node.children_by_field_id(id, &mut cursor).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_field_resolves() {
        let language = language();
        for &(_, name) in NodeKind::NAMED {
            assert_ne!(language.id_for_node_kind(name, true), 0, "unknown node kind {name:?}");
        }
        for &(_, name) in Field::NAMED {
            assert!(language.field_id_for_name(name).is_some(), "unknown field {name:?}");
        }
        assert_eq!(language.id_for_node_kind("ERROR", true), ERROR_ID);
        // Anonymous tokens never share an id with a named kind the engine dispatches on.
        for id in 0..language.node_kind_count() as u16 {
            if !language.node_kind_is_named(id) {
                assert_eq!(NodeKind::from_id(id), NodeKind::Other, "{:?}", language.node_kind_for_id(id));
            }
        }
        for (index, &(field, _)) in Field::NAMED.iter().enumerate() {
            assert_eq!(field as usize, index);
        }
    }
}
