//! Lightweight type inference for the behaviour rules: what an expression will be on
//! Python 3 after a straightforward port, when the code shows it.
//!
//! Deliberately small and local, so that what it says can be trusted: literals, the
//! operators over them, the return types of builtins and of common standard-library
//! functions, and names bound exactly once in their scope (or only by `for i in
//! range(...)`), looked up through the enclosing functions and then the module's
//! top-level constants ([`ModuleContext::constants`]). Anything else is
//! [`Ty::Unknown`], and the rules report it with medium confidence or not at all.
//!
//! [`ModuleContext::constants`]: crate::checker::ModuleContext

use tree_sitter::Node;

use crate::ast;
use crate::checker::Checker;
use crate::syntax_kind::{Field, NodeKind, field};

/// The type of an expression on Python 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Ty {
    /// `int` (Python 2's `int` and `long`) or `bool`.
    Int,
    Float,
    Complex,
    /// `bytes`: `b''`, `.encode()`, `struct.pack()`, `zlib.compress()`, ...
    Bytes,
    /// `str`: a string literal without `b`, `.decode()`, `str()`, `'%s' % x`, ...
    Text,
    None,
    List,
    Tuple,
    Dict,
    Set,
    Unknown,
}

impl Ty {
    pub(crate) fn is_known(self) -> bool {
        self != Ty::Unknown
    }
}

/// How deep inference follows names and sub-expressions.
const MAX_DEPTH: u8 = 8;

/// The type of `node` on Python 3, as far as the code shows it.
pub(crate) fn infer(cx: &Checker<'_>, node: Node<'_>) -> Ty {
    infer_at(cx, node, 0)
}

fn infer_at(cx: &Checker<'_>, node: Node<'_>, depth: u8) -> Ty {
    if depth > MAX_DEPTH {
        return Ty::Unknown;
    }
    let next = depth + 1;
    match NodeKind::of(node) {
        NodeKind::Integer => {
            let text = cx.text(node);
            if text.ends_with(['j', 'J']) { Ty::Complex } else { Ty::Int }
        }
        NodeKind::Float => {
            if cx.text(node).ends_with(['j', 'J']) {
                Ty::Complex
            } else {
                Ty::Float
            }
        }
        NodeKind::True | NodeKind::False => Ty::Int,
        NodeKind::None => Ty::None,
        NodeKind::String => match ast::string_parts(cx.source, node) {
            Some(parts) if parts.is_bytes() => Ty::Bytes,
            Some(_) => Ty::Text,
            None => Ty::Unknown,
        },
        NodeKind::ConcatenatedString => {
            ast::named_children(node).first().map_or(Ty::Unknown, |s| infer_at(cx, *s, next))
        }
        NodeKind::List | NodeKind::ListComprehension => Ty::List,
        NodeKind::Tuple => Ty::Tuple,
        NodeKind::Dictionary | NodeKind::DictionaryComprehension => Ty::Dict,
        NodeKind::Set | NodeKind::SetComprehension => Ty::Set,
        NodeKind::ParenthesizedExpression => {
            ast::named_children(node).first().map_or(Ty::Unknown, |inner| infer_at(cx, *inner, next))
        }
        NodeKind::UnaryOperator => {
            let operand = field(node, Field::Argument).map_or(Ty::Unknown, |a| infer_at(cx, a, next));
            match operand {
                Ty::Int | Ty::Float | Ty::Complex => operand,
                _ => Ty::Unknown,
            }
        }
        NodeKind::NotOperator => Ty::Int,
        NodeKind::ComparisonOperator => Ty::Int,
        NodeKind::BinaryOperator => binary(cx, node, next),
        NodeKind::ConditionalExpression => {
            let children = ast::named_children(node);
            match children.as_slice() {
                [body, _, alternative] => {
                    let (a, b) = (infer_at(cx, *body, next), infer_at(cx, *alternative, next));
                    if a == b { a } else { Ty::Unknown }
                }
                _ => Ty::Unknown,
            }
        }
        NodeKind::Call => call(cx, node, next),
        NodeKind::Attribute => attribute_constant(cx, node),
        NodeKind::Identifier => name(cx, node, next),
        _ => Ty::Unknown,
    }
}

fn binary(cx: &Checker<'_>, node: Node<'_>, depth: u8) -> Ty {
    let (Some(left), Some(right), Some(operator)) =
        (field(node, Field::Left), field(node, Field::Right), field(node, Field::Operator))
    else {
        return Ty::Unknown;
    };
    let (l, r) = (infer_at(cx, left, depth), infer_at(cx, right, depth));
    match operator.kind() {
        "%" if matches!(l, Ty::Text | Ty::Bytes) => l,
        "+" if l == r && matches!(l, Ty::Text | Ty::Bytes | Ty::List | Ty::Tuple) => l,
        // Text plus anything is text, or a `TypeError`.
        "+" if (l == Ty::Text && !r.is_known()) || (r == Ty::Text && !l.is_known()) => Ty::Text,
        "*" if matches!((l, r), (Ty::Text | Ty::Bytes | Ty::List | Ty::Tuple, Ty::Int)) => l,
        "*" if matches!((l, r), (Ty::Int, Ty::Text | Ty::Bytes | Ty::List | Ty::Tuple)) => r,
        "|" | "&" | "^" | "-" if l == Ty::Set && r == Ty::Set => Ty::Set,
        "+" | "-" | "*" | "%" | "//" | "**" => numeric(l, r, operator.kind() == "**"),
        // Python 2's `/` on two integers is an integer; callers that care about `/`
        // (the division rule) look at the operands themselves.
        "/" => match numeric(l, r, false) {
            Ty::Int => Ty::Unknown,
            other => other,
        },
        "<<" | ">>" | "&" | "|" | "^" if l == Ty::Int && r == Ty::Int => Ty::Int,
        _ => Ty::Unknown,
    }
}

/// The result of an arithmetic operator on two numbers.
fn numeric(left: Ty, right: Ty, power: bool) -> Ty {
    match (left, right) {
        (Ty::Complex, Ty::Int | Ty::Float | Ty::Complex) | (Ty::Int | Ty::Float, Ty::Complex) => Ty::Complex,
        (Ty::Float, Ty::Int | Ty::Float) | (Ty::Int, Ty::Float) => Ty::Float,
        // `2 ** -1` is a float; an integer power is an integer only when it is known
        // not to be negative, which this does not track.
        (Ty::Int, Ty::Int) if power => Ty::Unknown,
        (Ty::Int, Ty::Int) => Ty::Int,
        _ => Ty::Unknown,
    }
}

/// `math.pi`, `sys.maxint`, `sys.maxsize`.
fn attribute_constant(cx: &Checker<'_>, node: Node<'_>) -> Ty {
    match dotted(cx, node).as_deref() {
        Some("math.pi" | "math.e" | "math.tau" | "math.inf" | "math.nan" | "sys.float_info.epsilon") => Ty::Float,
        Some("sys.maxint" | "sys.maxsize" | "sys.maxunicode" | "sys.hexversion") => Ty::Int,
        _ => Ty::Unknown,
    }
}

/// `a.b.c` as text, when the expression is a chain of names.
pub(crate) fn dotted(cx: &Checker<'_>, node: Node<'_>) -> Option<String> {
    match NodeKind::of(node) {
        NodeKind::Identifier => Some(cx.text(node).to_owned()),
        NodeKind::Attribute => {
            let object = dotted(cx, field(node, Field::Object)?)?;
            Some(format!("{object}.{}", cx.text(field(node, Field::Attribute)?)))
        }
        _ => None,
    }
}

/// Builtins and standard-library functions whose result type is fixed, by dotted name.
const RETURNS: &[(&str, Ty)] = &[
    ("len", Ty::Int),
    ("int", Ty::Int),
    ("long", Ty::Int),
    ("ord", Ty::Int),
    ("hash", Ty::Int),
    ("id", Ty::Int),
    ("bool", Ty::Int),
    ("float", Ty::Float),
    ("complex", Ty::Complex),
    ("str", Ty::Text),
    ("unicode", Ty::Text),
    ("repr", Ty::Text),
    ("hex", Ty::Text),
    ("oct", Ty::Text),
    ("bin", Ty::Text),
    ("chr", Ty::Text),
    ("unichr", Ty::Text),
    ("format", Ty::Text),
    ("bytes", Ty::Bytes),
    ("bytearray", Ty::Bytes),
    ("list", Ty::List),
    ("sorted", Ty::List),
    ("tuple", Ty::Tuple),
    ("dict", Ty::Dict),
    ("set", Ty::Set),
    ("frozenset", Ty::Set),
    ("divmod", Ty::Tuple),
    ("os.getpid", Ty::Int),
    ("os.getppid", Ty::Int),
    ("os.getuid", Ty::Int),
    ("os.path.getsize", Ty::Int),
    ("os.urandom", Ty::Bytes),
    ("os.getcwd", Ty::Text),
    ("time.time", Ty::Float),
    ("time.clock", Ty::Float),
    ("time.mktime", Ty::Float),
    ("time.monotonic", Ty::Float),
    ("time.perf_counter", Ty::Float),
    ("time.strftime", Ty::Text),
    ("random.random", Ty::Float),
    ("random.uniform", Ty::Float),
    ("random.gauss", Ty::Float),
    ("random.randint", Ty::Int),
    ("random.randrange", Ty::Int),
    ("random.getrandbits", Ty::Int),
    ("struct.calcsize", Ty::Int),
    ("struct.pack", Ty::Bytes),
    ("zlib.compress", Ty::Bytes),
    ("zlib.decompress", Ty::Bytes),
    ("zlib.crc32", Ty::Int),
    ("zlib.adler32", Ty::Int),
    ("binascii.hexlify", Ty::Bytes),
    ("binascii.unhexlify", Ty::Bytes),
    ("binascii.b2a_hex", Ty::Bytes),
    ("binascii.a2b_hex", Ty::Bytes),
    ("binascii.crc32", Ty::Int),
    ("base64.b64encode", Ty::Bytes),
    ("base64.b64decode", Ty::Bytes),
    ("base64.urlsafe_b64encode", Ty::Bytes),
    ("base64.urlsafe_b64decode", Ty::Bytes),
    ("base64.b32encode", Ty::Bytes),
    ("base64.b16encode", Ty::Bytes),
    ("base64.encodestring", Ty::Bytes),
    ("base64.decodestring", Ty::Bytes),
    ("pickle.dumps", Ty::Bytes),
    ("cPickle.dumps", Ty::Bytes),
    ("marshal.dumps", Ty::Bytes),
    ("json.dumps", Ty::Text),
    ("math.sqrt", Ty::Float),
    ("math.exp", Ty::Float),
    ("math.log", Ty::Float),
    ("math.log10", Ty::Float),
    ("math.log2", Ty::Float),
    ("math.pow", Ty::Float),
    ("math.sin", Ty::Float),
    ("math.cos", Ty::Float),
    ("math.tan", Ty::Float),
    ("math.atan2", Ty::Float),
    ("math.hypot", Ty::Float),
    ("math.fabs", Ty::Float),
    ("math.radians", Ty::Float),
    ("math.degrees", Ty::Float),
];

/// Methods whose result type does not depend on the receiver's type here.
const METHOD_RETURNS: &[(&str, Ty)] = &[
    ("encode", Ty::Bytes),
    ("decode", Ty::Text),
    ("digest", Ty::Bytes),
    ("hexdigest", Ty::Text),
    ("count", Ty::Int),
    ("find", Ty::Int),
    ("rfind", Ty::Int),
    ("bit_length", Ty::Int),
    ("total_seconds", Ty::Float),
    ("recv", Ty::Bytes),
];

fn call(cx: &Checker<'_>, node: Node<'_>, depth: u8) -> Ty {
    let Some(function) = field(node, Field::Function) else { return Ty::Unknown };
    if NodeKind::of(function) == NodeKind::Attribute
        && let Some(method) = field(function, Field::Attribute)
    {
        let method = cx.text(method);
        let object = field(function, Field::Object);
        // `"-".join(x)` and `"x".upper()` keep the receiver's type.
        if let Some(object) = object.filter(|o| matches!(NodeKind::of(*o), NodeKind::String)) {
            let receiver = infer_at(cx, object, depth);
            if matches!(
                method,
                "join"
                    | "upper"
                    | "lower"
                    | "strip"
                    | "lstrip"
                    | "rstrip"
                    | "replace"
                    | "format"
                    | "title"
                    | "ljust"
                    | "rjust"
                    | "center"
                    | "zfill"
            ) {
                return receiver;
            }
        }
        if let Some(&(_, ty)) = METHOD_RETURNS.iter().find(|(name, _)| *name == method) {
            // A module's function of the same name (`string.count`) is not the method.
            let module_function = object.is_some_and(|o| {
                NodeKind::of(o) == NodeKind::Identifier && matches!(cx.text(o), "string" | "codecs" | "operator")
            });
            if !module_function {
                return ty;
            }
        }
    }
    let Some(name) = dotted(cx, function) else { return Ty::Unknown };
    // A builtin's name rebound in the module (`str = unicode`) is not the builtin.
    if !name.contains('.') && cx.module.rebinds(&name) {
        return Ty::Unknown;
    }
    match name.as_str() {
        "abs" => {
            let argument = ast::named_children(field(node, Field::Arguments).unwrap_or(node)).first().copied();
            argument.map_or(Ty::Unknown, |a| match infer_at(cx, a, depth) {
                Ty::Complex => Ty::Float,
                ty @ (Ty::Int | Ty::Float) => ty,
                _ => Ty::Unknown,
            })
        }
        // Python 2's `round()` returns a float; Python 3's an int (one argument).
        "round" | "math.floor" | "math.ceil" => Ty::Unknown,
        "subprocess.check_output" => {
            let arguments = field(node, Field::Arguments).map(ast::named_children).unwrap_or_default();
            let text_mode = arguments.iter().any(|a| {
                NodeKind::of(*a) == NodeKind::KeywordArgument
                    && field(*a, Field::Name)
                        .is_some_and(|n| matches!(cx.text(n), "universal_newlines" | "text" | "encoding" | "errors"))
            });
            if text_mode { Ty::Text } else { Ty::Bytes }
        }
        _ => RETURNS.iter().find(|(n, _)| *n == name).map_or(Ty::Unknown, |(_, ty)| *ty),
    }
}

/// A name: its only binding in the nearest scope that binds it.
fn name(cx: &Checker<'_>, node: Node<'_>, depth: u8) -> Ty {
    let text = cx.text(node);
    let mut scope = enclosing_scope(node);
    while let Some(current) = scope {
        match scope_binding(cx, current, text, depth) {
            Binding::Unbound => {}
            Binding::Known(ty) => return ty,
            Binding::Opaque => return Ty::Unknown,
        }
        // Class bodies are not visible from the methods inside them.
        scope = enclosing_scope(current);
        while let Some(class) = scope.filter(|s| NodeKind::of(*s) == NodeKind::ClassDefinition) {
            scope = enclosing_scope(class);
        }
    }
    cx.module.constant(text).unwrap_or(Ty::Unknown)
}

/// The function, lambda or class whose body holds `node`, if any (`None` at module
/// level).
fn enclosing_scope(node: Node<'_>) -> Option<Node<'_>> {
    let mut child = node;
    let mut current = node.parent();
    while let Some(parent) = current {
        match NodeKind::of(parent) {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition | NodeKind::Lambda
                if field(parent, Field::Body) == Some(child) =>
            {
                return Some(parent);
            }
            NodeKind::Module => return None,
            _ => {}
        }
        child = parent;
        current = parent.parent();
    }
    None
}

enum Binding {
    Unbound,
    Known(Ty),
    Opaque,
}

/// What `scope` binds `name` to: every binding must agree on one known type.
fn scope_binding(cx: &Checker<'_>, scope: Node<'_>, name: &str, depth: u8) -> Binding {
    if let Some(parameters) = field(scope, Field::Parameters) {
        let mut names = Vec::new();
        crate::semantic::parameter_names(parameters, &mut names);
        if names.iter().any(|n| cx.text(*n) == name) {
            return Binding::Opaque;
        }
    }
    let Some(body) = field(scope, Field::Body) else { return Binding::Unbound };
    let key = (scope.id(), name.to_owned());
    if let Some(cached) = cx.infer_cache.borrow().get(&key) {
        return match cached {
            Some(ty) => Binding::Known(*ty),
            None => Binding::Opaque,
        };
    }
    let result = scan_bindings(cx, body, name, depth);
    if !matches!(result, Binding::Unbound) {
        let value = match result {
            Binding::Known(ty) => Some(ty),
            _ => None,
        };
        cx.infer_cache.borrow_mut().insert(key, value);
    }
    result
}

fn scan_bindings(cx: &Checker<'_>, body: Node<'_>, name: &str, depth: u8) -> Binding {
    let mut found: Option<Ty> = None;
    let mut any = false;
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        let kind = NodeKind::of(node);
        let agree = |found: &mut Option<Ty>, ty: Ty| -> bool {
            if !ty.is_known() || found.is_some_and(|f| f != ty) {
                return false;
            }
            *found = Some(ty);
            true
        };
        match kind {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition => {
                if field(node, Field::Name).is_some_and(|n| cx.text(n) == name) {
                    return Binding::Opaque;
                }
                continue;
            }
            NodeKind::Lambda
            | NodeKind::ListComprehension
            | NodeKind::SetComprehension
            | NodeKind::DictionaryComprehension
            | NodeKind::GeneratorExpression => continue,
            NodeKind::Assignment => {
                if let Some(left) = field(node, Field::Left) {
                    let mut names = Vec::new();
                    crate::semantic::target_names(left, &mut names);
                    if names.iter().any(|n| cx.text(*n) == name) {
                        any = true;
                        let simple = NodeKind::of(left) == NodeKind::Identifier;
                        let value = field(node, Field::Right).filter(|_| simple);
                        // `a = b = 0` nests an assignment as the value.
                        let value = value.map(|v| {
                            let mut v = v;
                            while NodeKind::of(v) == NodeKind::Assignment {
                                match field(v, Field::Right) {
                                    Some(right) => v = right,
                                    None => break,
                                }
                            }
                            v
                        });
                        match value {
                            Some(value) if agree(&mut found, infer_at(cx, value, depth + 1)) => {}
                            _ => return Binding::Opaque,
                        }
                    }
                }
            }
            NodeKind::AugmentedAssignment if field(node, Field::Left).is_some_and(|l| cx.text(l) == name) => {
                any = true;
                let operator = field(node, Field::Operator).map(|o| o.kind()).unwrap_or_default();
                let value = field(node, Field::Right).map_or(Ty::Unknown, |v| infer_at(cx, v, depth + 1));
                let keeps_int = matches!(operator, "+=" | "-=" | "*=" | "//=" | "%=") && value == Ty::Int;
                if !keeps_int || !agree(&mut found, Ty::Int) {
                    return Binding::Opaque;
                }
            }
            // `exec` may bind anything.
            NodeKind::ExecStatement => return Binding::Opaque,
            NodeKind::ExceptClause
                if crate::rules::helpers::except_target(cx, node).is_some_and(|t| cx.text(t) == name) =>
            {
                return Binding::Opaque;
            }
            NodeKind::ForStatement | NodeKind::ForInClause => {
                if let Some(left) = field(node, Field::Left) {
                    let mut names = Vec::new();
                    crate::semantic::target_names(left, &mut names);
                    if names.iter().any(|n| cx.text(*n) == name) {
                        any = true;
                        let over_range = NodeKind::of(left) == NodeKind::Identifier
                            && field(node, Field::Right).is_some_and(|r| {
                                NodeKind::of(r) == NodeKind::Call
                                    && matches!(ast::call_name(cx.source, r), Some("range" | "xrange"))
                                    && !cx.module.rebinds("range")
                            });
                        if !over_range || !agree(&mut found, Ty::Int) {
                            return Binding::Opaque;
                        }
                    }
                }
            }
            NodeKind::ImportStatement
            | NodeKind::ImportFromStatement
            | NodeKind::GlobalStatement
            | NodeKind::NonlocalStatement
            | NodeKind::WithItem
            | NodeKind::AsPattern
            | NodeKind::NamedExpression
            | NodeKind::DeleteStatement
                if mentions(cx, node, name) =>
            {
                return Binding::Opaque;
            }
            _ => {}
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if !matches!(NodeKind::of(child), NodeKind::String | NodeKind::Comment | NodeKind::Integer) {
                stack.push(child);
            }
        }
    }
    match found {
        Some(ty) if any => Binding::Known(ty),
        _ if any => Binding::Opaque,
        _ => Binding::Unbound,
    }
}

/// Whether an identifier with this text occurs in `node` (for statements that may bind
/// it in ways not tracked).
fn mentions(cx: &Checker<'_>, node: Node<'_>, name: &str) -> bool {
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if NodeKind::of(current) == NodeKind::Identifier && cx.text(current) == name {
            return true;
        }
        let mut cursor = current.walk();
        stack.extend(current.named_children(&mut cursor));
    }
    false
}

/// The type of a module-level constant's value: literals and simple arithmetic only.
pub(crate) fn literal_type(source: &str, node: Node<'_>) -> Option<Ty> {
    match NodeKind::of(node) {
        NodeKind::Integer => Some(if source[node.byte_range()].ends_with(['j', 'J']) { Ty::Complex } else { Ty::Int }),
        NodeKind::Float => Some(if source[node.byte_range()].ends_with(['j', 'J']) { Ty::Complex } else { Ty::Float }),
        NodeKind::True | NodeKind::False => Some(Ty::Int),
        NodeKind::String => {
            let parts = ast::string_parts(source, node)?;
            Some(if parts.is_bytes() { Ty::Bytes } else { Ty::Text })
        }
        NodeKind::UnaryOperator => {
            let ty = literal_type(source, field(node, Field::Argument)?)?;
            matches!(ty, Ty::Int | Ty::Float | Ty::Complex).then_some(ty)
        }
        NodeKind::BinaryOperator => {
            let operator = field(node, Field::Operator)?.kind();
            let left = literal_type(source, field(node, Field::Left)?)?;
            let right = literal_type(source, field(node, Field::Right)?)?;
            match operator {
                "+" | "-" | "*" | "%" | "//" | "<<" | ">>" | "|" | "&" => match numeric(left, right, false) {
                    Ty::Unknown => None,
                    ty => Some(ty),
                },
                _ => None,
            }
        }
        NodeKind::ParenthesizedExpression => literal_type(source, *ast::named_children(node).first()?),
        _ => None,
    }
}
