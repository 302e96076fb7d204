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

use std::rc::Rc;

use rustc_hash::FxHashMap;
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

/// A flag in the depth: infer without looking up names in functions (only literals,
/// operators, calls and module constants), which is cheap.
const SHALLOW: u8 = 0x80;

/// The type of `node` on Python 3, as far as the code shows it.
pub(crate) fn infer(cx: &Checker<'_>, node: Node<'_>) -> Ty {
    infer_at(cx, node, 0)
}

/// The type of `node` as far as it shows without following names bound in functions:
/// cheap, for a first look before [`infer`].
pub(crate) fn infer_shallow(cx: &Checker<'_>, node: Node<'_>) -> Ty {
    infer_at(cx, node, SHALLOW)
}

fn infer_at(cx: &Checker<'_>, node: Node<'_>, depth: u8) -> Ty {
    if depth & !SHALLOW > MAX_DEPTH {
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
        NodeKind::String => match cx.string_parts(node) {
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

/// Whether `text` may hold a source of `bytes` for inference: a `bytes` literal, or the
/// name of a function or method that [`RETURNS`] or [`METHOD_RETURNS`] types as `bytes`
/// (or `check_output`). Only a `false` is relied on: `bytes` comes from nowhere else, but
/// a name in a comment or a longer name counts too.
pub(crate) fn text_may_hold_bytes(text: &str) -> bool {
    static WORDS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut words: Vec<&'static str> = RETURNS
            .iter()
            .chain(METHOD_RETURNS)
            .filter(|(_, ty)| *ty == Ty::Bytes)
            .map(|(name, _)| name.rsplit('.').next().unwrap_or(name))
            .chain(["check_output"])
            .collect();
        // A word that holds another is found by the other.
        let all = words.clone();
        words.retain(|word| !all.iter().any(|other| other != word && word.contains(other)));
        words.sort_unstable();
        words.dedup();
        words.into_iter().map(memchr::memmem::Finder::new).collect()
    });
    let bytes = text.as_bytes();
    // A quote after a prefix with a `b` (`b''`, `rb""`, `BR''`, and any mix of prefix
    // letters the parser takes: `ub''`, ``b`x` ``), the prefix not the end of a longer word
    // (`'cb'` ends with one).
    let literal = memchr::memchr3_iter(b'\'', b'"', b'`', bytes).any(|at| {
        let prefix = bytes[..at].iter().rev().take_while(|b| b"bBrRuUfFtT".contains(b)).count();
        let starts_word =
            at.checked_sub(prefix + 1).is_none_or(|i| !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_'));
        starts_word && bytes[at - prefix..at].iter().any(|b| b.eq_ignore_ascii_case(&b'b'))
    });
    literal || words.iter().any(|word| word.find(bytes).is_some())
}

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
    // Look the function up without building its dotted name where possible: a builtin
    // (`len`), or `module.function` (`struct.pack`).
    let quick = match NodeKind::of(function) {
        NodeKind::Identifier => Some(returns(cx.text(function), "")),
        NodeKind::Attribute => match (field(function, Field::Object), field(function, Field::Attribute)) {
            (Some(object), Some(attribute)) if NodeKind::of(object) == NodeKind::Identifier => {
                Some(returns(cx.text(object), cx.text(attribute)))
            }
            _ => None,
        },
        _ => Some(None),
    };
    if let Some(found) = quick {
        let special = matches!(cx.text(function), "abs" | "round" | "subprocess.check_output");
        if !special {
            if NodeKind::of(function) == NodeKind::Identifier && cx.rebinds(cx.text(function)) {
                return Ty::Unknown;
            }
            return found.unwrap_or(Ty::Unknown);
        }
    }
    let Some(name) = dotted(cx, function) else { return Ty::Unknown };
    // A builtin's name rebound in the module (`str = unicode`) is not the builtin.
    if !name.contains('.') && cx.rebinds(&name) {
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

/// The return type of a builtin (`module` is the name, `function` empty) or of
/// `module.function`, from [`RETURNS`].
fn returns(module: &str, function: &str) -> Option<Ty> {
    static TABLE: std::sync::OnceLock<FxHashMap<(&'static str, &'static str), Ty>> = std::sync::OnceLock::new();
    let table = TABLE
        .get_or_init(|| RETURNS.iter().map(|(name, ty)| (name.rsplit_once('.').unwrap_or((name, "")), *ty)).collect());
    table.get(&(module, function)).copied()
}

/// A name: its only binding in the nearest scope that binds it.
fn name(cx: &Checker<'_>, node: Node<'_>, depth: u8) -> Ty {
    let text = cx.text(node);
    if depth & SHALLOW == 0 {
        // The scopes around the node, innermost first: from the walk's ancestors when the
        // node is part of the node being visited (`Node::parent` searches from the root).
        let scopes: Vec<Node<'_>> = match cx.enclosing_scopes_of(node) {
            Some(scopes) => scopes,
            None => {
                let mut scopes = Vec::new();
                let mut scope = enclosing_scope(node);
                while let Some(current) = scope {
                    scopes.push(current);
                    scope = enclosing_scope(current);
                }
                scopes
            }
        };
        // Class bodies are not visible from the functions inside them.
        let visible =
            |(index, scope): &(usize, Node<'_>)| *index == 0 || NodeKind::of(*scope) != NodeKind::ClassDefinition;
        // Where no scope around writes anything a type could come from (`name = ...`,
        // `name += 1`, `for name in range(...)`), each binding is opaque or absent and
        // the answer is the module's constant or nothing: a text search says so without
        // building the scopes' tables.
        if scopes.iter().copied().enumerate().filter(visible).all(|(_, scope)| !may_type(cx.text(scope), text))
            && cx.constant(text).is_none()
        {
            return Ty::Unknown;
        }
        for (_, scope) in scopes.iter().copied().enumerate().filter(visible) {
            match scope_binding(cx, scope, text, depth) {
                Binding::Unbound => {}
                Binding::Known(ty) => return ty,
                Binding::Opaque => return Ty::Unknown,
            }
        }
    } else if cx.rebinds(text) && cx.constant(text).is_none() {
        return Ty::Unknown;
    }
    cx.constant(text).unwrap_or(Ty::Unknown)
}

/// Whether `scope_text` may bind `name` in a way [`scope_table`] types: an assignment to
/// it, an augmented assignment, or a `for` loop over it. Anything that looks like one
/// counts (a keyword argument `name=`, an annotation `name:`, a comparison `name <=`,
/// `name` before a line continuation, the words in a string or a comment): only a `false`
/// is relied on.
fn may_type(scope_text: &str, name: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    scope_text.match_indices(name).any(|(at, _)| {
        // Part of a longer name, or an attribute.
        if scope_text[..at].chars().next_back().is_some_and(|c| is_word(c) || c == '.')
            || scope_text[at + name.len()..].chars().next().is_some_and(is_word)
        {
            return false;
        }
        // Blanks, form feeds and (before the name) line continuations may stand between
        // `for` and the name, or the name and its operator.
        let before = scope_text[..at].trim_end_matches([' ', '\t', '\x0c', '\\', '\n', '\r']);
        if before.rsplit(|c: char| !is_word(c)).next() == Some("for") {
            return true;
        }
        let after = scope_text[at + name.len()..].trim_start_matches([' ', '\t', '\x0c']);
        let mut rest = after.chars();
        match rest.next() {
            Some('=') => rest.next() != Some('='),
            Some(':' | '\\') => true,
            Some('+' | '-' | '*' | '/' | '%' | '@' | '&' | '|' | '^' | '<' | '>') => {
                after[1..].trim_start_matches(['*', '/', '<', '>']).starts_with('=')
            }
            _ => false,
        }
    })
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

#[derive(Clone, Copy, Debug)]
pub(crate) enum Binding {
    Unbound,
    Known(Ty),
    Opaque,
}

/// What `scope` binds `name` to: every binding must agree on one known type.
fn scope_binding(cx: &Checker<'_>, scope: Node<'_>, name: &str, depth: u8) -> Binding {
    let key = (scope.id(), name.to_owned());
    if let Some(cached) = cx.infer_cache.borrow().get(&key) {
        return *cached;
    }
    // A parameter is bound to whatever the caller passes: no need to walk the body to
    // know that (the common `if mode == "r":`).
    if !cx.scope_tables.borrow().contains_key(&scope.id()) && is_parameter(cx, scope, name) {
        cx.infer_cache.borrow_mut().insert(key, Binding::Opaque);
        return Binding::Opaque;
    }
    let table = scope_table(cx, scope);
    let result = match table.get(name) {
        None => Binding::Unbound,
        Some(sites) => {
            let mut found: Option<Ty> = None;
            let mut result = Binding::Opaque;
            for site in sites {
                let ty = match *site {
                    Site::Value(start, end) => scope
                        .descendant_for_byte_range(start as usize, end as usize)
                        .map_or(Ty::Unknown, |value| infer_at(cx, value, depth + 1)),
                    Site::Int => Ty::Int,
                    Site::Opaque => Ty::Unknown,
                };
                if !ty.is_known() || found.is_some_and(|f| f != ty) {
                    found = None;
                    break;
                }
                found = Some(ty);
            }
            if let Some(ty) = found {
                result = Binding::Known(ty);
            }
            result
        }
    };
    cx.infer_cache.borrow_mut().insert(key, result);
    result
}

/// Whether `name` is a parameter of the function or lambda `scope`.
fn is_parameter(cx: &Checker<'_>, scope: Node<'_>, name: &str) -> bool {
    let Some(parameters) = field(scope, Field::Parameters) else { return false };
    crate::semantic::parameter_texts(cx.source, parameters).contains(&name)
}

/// How one statement binds a name, for [`scope_binding`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Site {
    /// `name = value`: the value's range.
    Value(u32, u32),
    /// An integer for sure: `for name in range(...)`, `name += 1` (where the other
    /// bindings are integers too).
    Int,
    /// Anything else: a parameter, an import, `for a, b in ...`, `with ... as name`.
    Opaque,
}

/// The names a scope (a function, lambda or class) binds, and how; built once per scope
/// and unit, so that inferring every name costs one walk of the scope.
pub(crate) type ScopeTable = FxHashMap<String, Vec<Site>>;

fn scope_table(cx: &Checker<'_>, scope: Node<'_>) -> Rc<ScopeTable> {
    if let Some(table) = cx.scope_tables.borrow().get(&scope.id()) {
        return Rc::clone(table);
    }
    let mut table: ScopeTable = FxHashMap::default();
    let mut add = |name: &str, site: Site| table.entry(name.to_owned()).or_default().push(site);
    if let Some(parameters) = field(scope, Field::Parameters) {
        let mut names = Vec::new();
        crate::semantic::parameter_names(parameters, &mut names);
        for name in names {
            add(cx.text(name), Site::Opaque);
        }
    }
    let Some(body) = field(scope, Field::Body) else { return Rc::new(table) };
    // Only statements bind names, and an assignment expression (`:=`), which can hide in
    // any expression: without one, expressions need not be entered.
    let walrus = cx.text(body).contains(":=");
    ast::walk_named(body, |node| {
        let kind = NodeKind::of(node);
        match kind {
            NodeKind::Call
            | NodeKind::Attribute
            | NodeKind::Subscript
            | NodeKind::ArgumentList
            | NodeKind::BinaryOperator
            | NodeKind::BooleanOperator
            | NodeKind::ComparisonOperator
            | NodeKind::NotOperator
            | NodeKind::UnaryOperator
            | NodeKind::ConditionalExpression
            | NodeKind::ParenthesizedExpression
            | NodeKind::Dictionary
            | NodeKind::List
            | NodeKind::Tuple
            | NodeKind::Set
            | NodeKind::ConcatenatedString
                if !walrus =>
            {
                return false;
            }
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition => {
                if let Some(name) = field(node, Field::Name) {
                    add(cx.text(name), Site::Opaque);
                }
                return false;
            }
            NodeKind::Lambda
            | NodeKind::ListComprehension
            | NodeKind::SetComprehension
            | NodeKind::DictionaryComprehension
            | NodeKind::GeneratorExpression
            | NodeKind::String
            | NodeKind::Comment
            | NodeKind::Integer
            | NodeKind::Float => return false,
            // Statements that hold only expressions, which bind nothing but `x := y` and, for
            // the parser, `y as x`.
            NodeKind::ReturnStatement
            | NodeKind::RaiseStatement
            | NodeKind::AssertStatement
            | NodeKind::PassStatement
            | NodeKind::PrintStatement
            | NodeKind::Decorator
                if !walrus && !ast::contains_word(cx.text(node), "as") =>
            {
                return false;
            }
            // A call or another expression: an assignment has its `=`, or its `:` (`x: int`).
            NodeKind::ExpressionStatement
                if !walrus && !cx.text(node).contains(['=', ':']) && !ast::contains_word(cx.text(node), "as") =>
            {
                return false;
            }
            NodeKind::Assignment => {
                if let Some(left) = field(node, Field::Left) {
                    let simple = NodeKind::of(left) == NodeKind::Identifier;
                    // `a = b = 0` nests an assignment as the value.
                    let mut value = field(node, Field::Right);
                    while let Some(v) = value.filter(|v| NodeKind::of(*v) == NodeKind::Assignment) {
                        value = field(v, Field::Right);
                    }
                    let mut names = Vec::new();
                    crate::semantic::target_names(left, &mut names);
                    for name in names {
                        let site = match value.filter(|_| simple) {
                            Some(v) => Site::Value(v.start_byte() as u32, v.end_byte() as u32),
                            None => Site::Opaque,
                        };
                        add(cx.text(name), site);
                    }
                }
                // Nothing below binds, but the next assignment of `a = b = 0` (or `x := y`,
                // `y as x`).
                return walrus
                    || field(node, Field::Right).is_some_and(|r| NodeKind::of(r) == NodeKind::Assignment)
                    || ast::contains_word(cx.text(node), "as");
            }
            NodeKind::AugmentedAssignment => {
                if let Some(left) = field(node, Field::Left).filter(|l| NodeKind::of(*l) == NodeKind::Identifier) {
                    let operator = field(node, Field::Operator).map(|o| o.kind()).unwrap_or_default();
                    // Literals only: the table is being built, names cannot be looked up.
                    let int_value =
                        field(node, Field::Right).is_some_and(|v| literal_type(cx.source, v) == Some(Ty::Int));
                    let keeps_int = matches!(operator, "+=" | "-=" | "*=" | "//=" | "%=") && int_value;
                    add(cx.text(left), if keeps_int { Site::Int } else { Site::Opaque });
                }
                return walrus || ast::contains_word(cx.text(node), "as");
            }
            NodeKind::ForStatement | NodeKind::ForInClause => {
                if let Some(left) = field(node, Field::Left) {
                    let over_range = NodeKind::of(left) == NodeKind::Identifier
                        && field(node, Field::Right).is_some_and(|r| {
                            NodeKind::of(r) == NodeKind::Call
                                && matches!(ast::call_name(cx.source, r), Some("range" | "xrange"))
                                && !cx.rebinds("range")
                        });
                    let mut names = Vec::new();
                    crate::semantic::target_names(left, &mut names);
                    for name in names {
                        add(cx.text(name), if over_range { Site::Int } else { Site::Opaque });
                    }
                }
            }
            NodeKind::ExceptClause => {
                if let Some(target) = crate::rules::helpers::except_target(cx, node) {
                    add(cx.text(target), Site::Opaque);
                }
            }
            NodeKind::ImportStatement
            | NodeKind::ImportFromStatement
            | NodeKind::GlobalStatement
            | NodeKind::NonlocalStatement
            | NodeKind::WithItem
            | NodeKind::AsPattern
            | NodeKind::NamedExpression
            | NodeKind::DeleteStatement => {
                // Every name mentioned may be bound here (what is below is read here).
                let mut inner = vec![node];
                while let Some(current) = inner.pop() {
                    if NodeKind::of(current) == NodeKind::Identifier {
                        add(cx.text(current), Site::Opaque);
                    }
                    let mut cursor = current.walk();
                    inner.extend(current.named_children(&mut cursor));
                }
                return false;
            }
            // `exec` may bind anything: mark the scope with a name no identifier has.
            NodeKind::ExecStatement => add(EXEC_MARK, Site::Opaque),
            _ => {}
        }
        true
    });
    if table.contains_key(EXEC_MARK) {
        // Nothing in a scope with `exec` is known.
        let names: Vec<String> = table.keys().cloned().collect();
        for name in names {
            table.insert(name, vec![Site::Opaque]);
        }
    }
    let table = Rc::new(table);
    cx.scope_tables.borrow_mut().insert(scope.id(), Rc::clone(&table));
    table
}

const EXEC_MARK: &str = "<exec>";

/// The type of a module-level constant's value: literals and simple arithmetic only.
pub(crate) fn literal_type(source: &str, node: Node<'_>) -> Option<Ty> {
    literal_type_within(source, node, MAX_LITERAL_DEPTH)
}

/// How deep [`literal_type`] looks into nested operators and parentheses: constants are
/// shallow, and a recursion bounded by the input would overflow the stack on hostile
/// input (10,000 nested parentheses).
const MAX_LITERAL_DEPTH: u32 = 32;

fn literal_type_within(source: &str, node: Node<'_>, depth: u32) -> Option<Ty> {
    let depth = depth.checked_sub(1)?;
    let literal_type = |node| literal_type_within(source, node, depth);
    match NodeKind::of(node) {
        NodeKind::Integer => Some(if source[node.byte_range()].ends_with(['j', 'J']) { Ty::Complex } else { Ty::Int }),
        NodeKind::Float => Some(if source[node.byte_range()].ends_with(['j', 'J']) { Ty::Complex } else { Ty::Float }),
        NodeKind::True | NodeKind::False => Some(Ty::Int),
        NodeKind::String => {
            let parts = ast::string_parts(source, node)?;
            Some(if parts.is_bytes() { Ty::Bytes } else { Ty::Text })
        }
        NodeKind::UnaryOperator => {
            let ty = literal_type(field(node, Field::Argument)?)?;
            matches!(ty, Ty::Int | Ty::Float | Ty::Complex).then_some(ty)
        }
        NodeKind::BinaryOperator => {
            let operator = field(node, Field::Operator)?.kind();
            let left = literal_type(field(node, Field::Left)?)?;
            let right = literal_type(field(node, Field::Right)?)?;
            match operator {
                "+" | "-" | "*" | "%" | "//" | "<<" | ">>" | "|" | "&" => match numeric(left, right, false) {
                    Ty::Unknown => None,
                    ty => Some(ty),
                },
                _ => None,
            }
        }
        NodeKind::ParenthesizedExpression => literal_type(*ast::named_children(node).first()?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{METHOD_RETURNS, RETURNS, Ty, may_type, text_may_hold_bytes};

    /// `may_type` may say yes too often, never too rarely: every way `scope_table` types a
    /// name is a yes.
    /// Every source of `bytes` inference knows is found in the text; code without one is
    /// not.
    #[test]
    fn text_may_hold_bytes_finds_every_source_of_bytes() {
        for (name, ty) in RETURNS.iter().chain(METHOD_RETURNS) {
            let call = if METHOD_RETURNS.iter().any(|(m, _)| m == name) {
                format!("y = x.{name}()\n")
            } else {
                format!("y = {name}(x)\n")
            };
            assert!(*ty != Ty::Bytes || text_may_hold_bytes(&call), "{call}");
        }
        for call in ["y = len(x)", "y = str(x) + os.getcwd()", "y = x.decode() + x.upper()"] {
            assert!(!text_may_hold_bytes(call), "{call}");
        }
        for literal in ["b''", "B\"x\"", "rb'x'", "bR'x'", "Rb\"\"", "BR'''x'''", "f(b'x')", "ub'a'", "fb'a'", "b`x`"] {
            assert!(text_may_hold_bytes(literal), "{literal}");
        }
        assert!(text_may_hold_bytes("out = subprocess.check_output(cmd)"));
        for code in ["x = 'a' + y.strip()", "u'x' + r'y'", "ub = 1", "len(b)", "'ab' 'cb'", ""] {
            assert!(!text_may_hold_bytes(code), "{code}");
        }
    }

    /// A binding anywhere in a function makes a name's type unknown, whichever statement
    /// holds it: the walk that builds a scope's table leaves out only what binds nothing.
    #[test]
    fn scope_tables_see_every_binding_statement() {
        use crate::{FileContext, Rule, SettingValue, Settings, check};
        let mut settings = Settings::default();
        settings.set("source", SettingValue::String("py2".into())).unwrap();
        let mixes = |binding: &str| {
            let source = format!("def f(y):\n    x = b''\n    {binding}\n    return x + 'a'\n");
            check(&source, &settings, &FileContext::default()).diagnostics.iter().any(|d| d.rule == Rule::BytesTextMix)
        };
        for unbinding in ["pass", "print x", "f(x)", "return x", "assert x", "raise E(x)", "x == y", "y[x] = 1"] {
            assert!(mixes(unbinding), "{unbinding}");
        }
        for binding in [
            "x: int",
            "x += 1",
            "a = x = 1",
            "x, z = y",
            "import x",
            "from m import x",
            "for x in y: pass",
            "with f() as x: pass",
            "del x",
            "global x",
            "if (x := y): pass",
            "f(x := 1)",
            "exec 'x = 1'",
            "def x(): pass",
            "class x: pass",
            "if y:\n        x = y\n    else:\n        pass",
            "try:\n        pass\n    except E as x:\n        pass",
            "while y:\n        for x in y: pass",
            "assert y as x",
            "z = y as x",
            "y as x",
        ] {
            assert!(!mixes(binding), "{binding}");
        }
    }

    #[test]
    fn may_type_finds_every_typed_binding() {
        for typed in [
            "x = f()",
            "a = x = b''",
            "x=1",
            "x += 1",
            "x //= 2",
            "x **= 2",
            "x >>= 1",
            "for x in range(3): pass",
            "for  x\tin xrange(3): pass",
            "x: int = 1",
            "x \\\n    = 1",
            "for \\\n        x in range(3): pass",
            "x\x0c= 7",
            "x\x0c+= 1",
            "for\x0cx in range(3): pass",
        ] {
            assert!(may_type(typed, "x"), "{typed:?}");
        }
        for untyped in [
            "x == 1",
            "f(x)",
            "self.x = 1",
            "xy = 1",
            "y_x = 1",
            "print x",
            "x != y",
            "x - 1",
            "for a, y in x.items(): pass",
        ] {
            assert!(!may_type(untyped, "x"), "{untyped:?}");
        }
    }
}
