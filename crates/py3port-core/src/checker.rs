//! The walk: one pre-order cursor walk per top-level statement, dispatching each node to
//! the rules registered for its kind, and recording what the rest of the engine needs
//! (dialect evidence, suppression comments, parse errors).
//!
//! Each top-level statement is a unit whose results ([`UnitFacts`]) depend only on its
//! own text and on the module context (future imports, source encoding), so that the
//! document API can re-walk only the statements an edit touched.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use tree_sitter::Node;

use crate::ast;
use crate::diagnostic::{Confidence, Diagnostic, Fix};
use crate::dialect::{self, Evidence};
use crate::infer::Ty;
use crate::parse::{Parsed, Patch, PatchKind};
use crate::registry::{Family, RULES, Rule};
use crate::rules::CheckFn;
use crate::semantic::{self, ImportFact, Scope, ScopeKind};
use crate::settings::{RuleTable, Settings};
use crate::suppression::{self, Directive, Suppression};
use crate::syntax_kind::{Field, NodeKind, field, field_children};
use crate::text::TextRange;

/// Where a candidate diagnostic applies, decided once the file's dialect is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DialectGate {
    /// Whatever the dialect.
    Any,
    /// Not in Python 3 code: there, the construct means what Python 3 says.
    NotPython3,
    /// Not in Python 3 code. Unless the file is certainly Python 2, the construct may be
    /// Python 3 code already: medium confidence, and a safe fix becomes unsafe.
    NotPython3HighInPython2,
    /// Only in code that is Python 2: a file whose dialect is Python 2 (its syntax, the
    /// project's metadata, `source = "py2"`), or one that uses removed builtins outside
    /// Python-2 branches. For constructs that are valid Python 3 with another meaning
    /// (`input()`), which a fix of that file, or one already ported, leaves behind.
    Python2,
}

/// A diagnostic before the file-level decisions (dialect, suppressions, settings).
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub diagnostic: Diagnostic,
    pub gate: DialectGate,
    /// For a removed builtin: the name, so that a binding of it in the module drops the
    /// candidate (bindings in functions are resolved during the walk).
    pub unless_bound: Option<String>,
    /// A function scope binds `unless_bound`: not the builtin.
    pub shadowed: bool,
    /// With `unless_bound`: a module-level import of this module does not count as a
    /// binding (`os.getcwdu` is reported where `os` is the `os` module or unbound).
    pub bound_module: Option<&'static str>,
    /// For a module attribute (`string.letters`): kept only if this local name is an
    /// import of this module.
    pub requires_import: Option<(String, String)>,
    /// In code that runs only on Python 2 (a version check, an import shim); such
    /// candidates are dropped for every family but `syntax`.
    pub in_py2_branch: bool,
    /// The fix is unsafe where the project or this file defines a method of this name.
    pub unsafe_if_method: Option<&'static str>,
    /// Imports the fix needs; added at the file's import position when decided.
    pub imports: Vec<ImportRequest>,
    /// A different fix to use when the module binds this name (`it.__next__()` instead of
    /// `next(it)` when `next` is rebound).
    pub if_bound: Option<(String, Option<Fix>)>,
    /// Fixes that must be applied together: the leader (an import) gets every member's
    /// edits (its usages); without a leader, members get no fix.
    pub link: Option<(String, bool)>,
    /// Dropped when some statement of the module records this marker.
    pub unless_marker: Option<&'static str>,
    /// How the fix behaves with `target = "py2-py3"`, when the rule decides case by case
    /// (otherwise `compat::for_rule` decides for the rule).
    pub compat: Option<crate::compat::Compat>,
    /// The fix is withheld when some statement of the module records one of these
    /// markers (removing `from __future__ import print_function` while a `print` still
    /// depends on it).
    pub fix_unless_markers: Vec<&'static str>,
    /// A severity the rule chose for this case (an API removed only after the target
    /// version is a warning); a severity set in the settings still wins.
    pub severity: Option<crate::diagnostic::Severity>,
}

/// An import a fix needs: `import module` or `from module import name`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct ImportRequest {
    pub module: &'static str,
    pub name: Option<&'static str>,
    /// Put the import next to the import of this module, as 2to3 does for `atexit`.
    pub after: Option<&'static str>,
}

impl ImportRequest {
    /// The statement that makes the import.
    pub(crate) fn statement(&self) -> String {
        match self.name {
            Some(name) => format!("from {} import {name}", self.module),
            None => format!("import {}", self.module),
        }
    }

    /// Whether an existing import already provides it.
    pub(crate) fn satisfied_by(&self, fact: &ImportFact) -> bool {
        match self.name {
            Some(name) => fact.local == name && fact.target == format!("{}.{name}", self.module),
            None => fact.is_module && fact.local == self.module && fact.target == self.module,
        }
    }
}

impl Candidate {
    pub(crate) fn new(diagnostic: Diagnostic, gate: DialectGate) -> Self {
        Self {
            diagnostic,
            gate,
            unless_bound: None,
            shadowed: false,
            bound_module: None,
            requires_import: None,
            in_py2_branch: false,
            unsafe_if_method: None,
            imports: Vec::new(),
            if_bound: None,
            link: None,
            unless_marker: None,
            fix_unless_markers: Vec::new(),
            compat: None,
            severity: None,
        }
    }
}

/// What the walk learns from one top-level statement.
#[derive(Clone, Debug, Default)]
pub(crate) struct UnitFacts {
    pub range: TextRange,
    pub candidates: Vec<Candidate>,
    /// The first construct that only Python 3 accepts.
    pub py3_evidence: Option<Evidence>,
    /// The first construct that only Python 2 accepts.
    pub py2_evidence: Option<Evidence>,
    pub suppressions: Vec<Suppression>,
    pub ignore_file: bool,
    /// ERROR nodes and MISSING nodes, outermost only.
    pub errors: Vec<ParseError>,
    /// Names bound at module level by this statement.
    pub module_bindings: Vec<String>,
    /// Modules imported with `from module import *` at module level.
    pub star_imports: Vec<String>,
    /// Every import in the statement, module level or not.
    pub imports: Vec<ImportFact>,
    /// Names of functions defined in class bodies (methods).
    pub methods: Vec<String>,
    /// Facts rules record for the file-level decision (`urllib.parse` is used, so
    /// `import urllib` is Python 3 code).
    pub markers: Vec<&'static str>,
    /// The module-level names the unit's analysis depended on (see `Checker::rebinds`):
    /// an edit that changes what the module binds re-walks the unit only if it asked
    /// about a changed name.
    pub module_queries: Vec<String>,
}

impl UnitFacts {
    pub(crate) fn shift(&mut self, delta: i64) {
        self.range = self.range.shifted(delta);
        for candidate in &mut self.candidates {
            candidate.diagnostic.shift(delta);
        }
        for evidence in [&mut self.py2_evidence, &mut self.py3_evidence].into_iter().flatten() {
            evidence.range = evidence.range.shifted(delta);
        }
        for suppression in &mut self.suppressions {
            suppression.comment = suppression.comment.shifted(delta);
        }
        for error in &mut self.errors {
            error.range = error.range.shifted(delta);
        }
    }
}

/// A region the parser could not make sense of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub range: TextRange,
    /// For a MISSING node, what was expected.
    pub missing: Option<String>,
}

impl ParseError {
    /// A MISSING token the tree hides (see `ast::hidden_parse_errors`).
    pub(crate) fn hidden(range: TextRange, expected: Option<&str>) -> Self {
        ParseError { range, missing: expected.map(str::to_owned) }
    }
}

/// Module-level facts that every unit's analysis may depend on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ModuleContext {
    pub future: FutureFeatures,
    /// The PEP 263 encoding declared in the first two lines, lower-cased.
    pub encoding: Option<String>,
    /// The line terminator of the first line, used for inserted lines.
    pub newline: &'static str,
    /// The top-level package the file belongs to, when the edge knows it.
    pub package: Option<String>,
    /// Modules next to the file in its package, when the edge knows them.
    pub siblings: Option<Vec<String>>,
    /// Names the module binds at module level, sorted (for builtins it rebinds).
    pub bound: Vec<String>,
    /// Module-level names bound exactly once, to a literal of a known type (sorted).
    pub constants: Vec<(String, Ty)>,
    /// Module-level classes without base classes: classic classes on Python 2, unless
    /// the module sets `__metaclass__` (sorted).
    pub classic_classes: Vec<String>,
    /// The `urllib` submodules the module reads as `urllib.<name>` (sorted), when it uses
    /// `six.moves` (whose `urllib` holds them all); empty otherwise.
    pub urllib_submodules: Vec<&'static str>,
}

/// The name a unit records when it asks for [`ModuleContext::urllib_submodules`].
pub(crate) const URLLIB_SUBMODULES_QUERY: &str = "<urllib submodules>";

/// The name a unit records when it asks whether the module has a `bytes` constant (see
/// [`Checker::may_hold_bytes`]).
pub(crate) const BYTES_CONSTANT_QUERY: &str = "<bytes constant>";

/// `urllib`'s submodules, as `six.moves.urllib` has them.
pub(crate) const URLLIB_SUBMODULES: &[&str] = &["error", "parse", "request", "response", "robotparser"];

/// The submodules read as `urllib.<name>` anywhere in the module.
fn urllib_submodules(source: &str, root: Node<'_>) -> Vec<&'static str> {
    let mut used = Vec::new();
    // Only modules that import six.moves need it; the text says so cheaply.
    if !source.contains("six.moves") {
        return used;
    }
    ast::walk_named(root, |node| {
        if NodeKind::of(node) == NodeKind::Attribute
            && let (Some(object), Some(attribute)) = (field(node, Field::Object), field(node, Field::Attribute))
            && NodeKind::of(object) == NodeKind::Identifier
            && &source[object.byte_range()] == "urllib"
            && let Some(sub) = URLLIB_SUBMODULES.iter().find(|s| **s == &source[attribute.byte_range()])
            && !used.contains(sub)
        {
            used.push(*sub);
        }
        true
    });
    used.sort_unstable();
    used
}

/// `from __future__` imports at the head of the module.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FutureFeatures {
    pub print_function: bool,
    pub unicode_literals: bool,
    pub division: bool,
    pub absolute_import: bool,
}

impl ModuleContext {
    pub(crate) fn of(source: &str, root: Node<'_>, context: &crate::analysis::FileContext) -> Self {
        let mut future = FutureFeatures::default();
        let mut cursor = root.walk();
        for statement in root.named_children(&mut cursor) {
            match NodeKind::of(statement) {
                NodeKind::Comment => {}
                NodeKind::ExpressionStatement
                    if statement.named_child_count() == 1
                        && matches!(
                            statement.named_child(0).map(NodeKind::of),
                            Some(NodeKind::String | NodeKind::ConcatenatedString)
                        ) => {}
                NodeKind::FutureImportStatement => {
                    let mut names = statement.walk();
                    for name in statement.children_by_field_name("name", &mut names) {
                        let name = match NodeKind::of(name) {
                            NodeKind::AliasedImport => field(name, Field::Name).unwrap_or(name),
                            _ => name,
                        };
                        match &source[name.byte_range()] {
                            "print_function" => future.print_function = true,
                            "unicode_literals" => future.unicode_literals = true,
                            "division" => future.division = true,
                            "absolute_import" => future.absolute_import = true,
                            _ => {}
                        }
                    }
                }
                _ => break,
            }
        }
        let newline = match source.find(['\n', '\r']) {
            Some(i) if source[i..].starts_with("\r\n") => "\r\n",
            Some(i) if source.as_bytes()[i] == b'\r' => "\r",
            _ => "\n",
        };
        let package = context.module_name.as_deref().map(|name| name.split('.').next().unwrap_or(name).to_owned());
        // `import __main__` is the running script, and a module importing its own name
        // (`from sysconfig import ...` in `distutils/sysconfig.py`) means the absolute one.
        let own_name = context.module_name.as_deref().and_then(|name| name.rsplit('.').next());
        let siblings = context.siblings.as_ref().map(|siblings| {
            siblings
                .iter()
                .filter(|s| !matches!(s.as_str(), "__main__" | "__init__") && Some(s.as_str()) != own_name)
                .cloned()
                .collect()
        });
        let (bound, constants) = module_bindings(source, root);
        let mut classic_classes: Vec<String> = if bound.iter().any(|name| name == "__metaclass__") {
            Vec::new()
        } else {
            let mut cursor = root.walk();
            root.named_children(&mut cursor)
                .filter_map(|statement| {
                    let class = match NodeKind::of(statement) {
                        NodeKind::DecoratedDefinition => field(statement, Field::Definition)?,
                        _ => statement,
                    };
                    let classic = NodeKind::of(class) == NodeKind::ClassDefinition
                        && field(class, Field::Superclasses).is_none_or(|bases| ast::code_children(bases).is_empty());
                    classic.then(|| field(class, Field::Name).map(|n| source[n.byte_range()].to_owned())).flatten()
                })
                .collect()
        };
        classic_classes.sort_unstable();
        Self {
            future,
            encoding: crate::encoding::declared_encoding(source).map(str::to_ascii_lowercase),
            newline,
            package,
            siblings,
            bound,
            constants,
            classic_classes,
            urllib_submodules: urllib_submodules(source, root),
        }
    }

    /// The module-level names whose bindings, constant types or classic-class status
    /// differ between `self` and `other`, when nothing else differs (`None` otherwise: the
    /// future imports, the encoding, the package... affect every statement).
    pub(crate) fn changed_names(&self, other: &ModuleContext) -> Option<Vec<String>> {
        let same_shape = self.future == other.future
            && self.encoding == other.encoding
            && self.newline == other.newline
            && self.package == other.package
            && self.siblings == other.siblings;
        if !same_shape {
            return None;
        }
        let mut changed = Vec::new();
        let mut difference = |a: &[String], b: &[String]| {
            for name in a.iter().filter(|n| b.binary_search(n).is_err()) {
                changed.push(name.clone());
            }
        };
        difference(&self.bound, &other.bound);
        difference(&other.bound, &self.bound);
        difference(&self.classic_classes, &other.classic_classes);
        difference(&other.classic_classes, &self.classic_classes);
        for (name, ty) in self.constants.iter().chain(&other.constants) {
            if self.constant(name) != Some(*ty) || other.constant(name) != Some(*ty) {
                changed.push(name.clone());
            }
        }
        if self.urllib_submodules != other.urllib_submodules {
            changed.push(URLLIB_SUBMODULES_QUERY.to_owned());
        }
        if self.has_bytes_constant() != other.has_bytes_constant() {
            changed.push(BYTES_CONSTANT_QUERY.to_owned());
        }
        changed.sort_unstable();
        changed.dedup();
        Some(changed)
    }

    /// Whether `name` is a module-level classic class.
    pub(crate) fn is_classic_class(&self, name: &str) -> bool {
        self.classic_classes.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }

    /// Whether the module binds `name` anywhere at module level.
    pub(crate) fn rebinds(&self, name: &str) -> bool {
        self.bound.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }

    /// Whether a module-level constant is `bytes`.
    fn has_bytes_constant(&self) -> bool {
        self.constants.iter().any(|(_, ty)| *ty == Ty::Bytes)
    }

    /// The type of a module-level constant.
    pub(crate) fn constant(&self, name: &str) -> Option<Ty> {
        self.constants.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok().map(|i| self.constants[i].1)
    }
}

/// The names bound at module level (descending into `if`, `try`, `with`, `for` and
/// `while` blocks, not into functions or classes), and those bound exactly once to a
/// literal.
fn module_bindings(source: &str, root: Node<'_>) -> (Vec<String>, Vec<(String, Ty)>) {
    // Name -> (bindings counted, the literal type of the only one).
    fn bind<'s>(bound: &mut FxHashMap<&'s str, (u32, Option<Ty>)>, text: &'s str, ty: Option<Ty>, weight: u32) {
        let entry = bound.entry(text).or_insert((0, ty));
        entry.0 += weight;
        if entry.0 > 1 {
            entry.1 = None;
        }
    }
    let mut bound: FxHashMap<&str, (u32, Option<Ty>)> = FxHashMap::default();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let kind = NodeKind::of(node);
        match kind {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition => {
                if let Some(name) = field(node, Field::Name) {
                    bind(&mut bound, &source[name.byte_range()], None, 2);
                }
                continue;
            }
            NodeKind::Assignment | NodeKind::AugmentedAssignment | NodeKind::ForStatement => {
                if let Some(left) = field(node, Field::Left) {
                    let mut names = Vec::new();
                    semantic::target_names(left, &mut names);
                    let literal = (kind == NodeKind::Assignment && NodeKind::of(left) == NodeKind::Identifier)
                        .then(|| field(node, Field::Right))
                        .flatten()
                        .and_then(|value| crate::infer::literal_type(source, value));
                    for name in names {
                        bind(&mut bound, &source[name.byte_range()], literal, if literal.is_some() { 1 } else { 2 });
                    }
                }
            }
            NodeKind::ImportStatement | NodeKind::ImportFromStatement => {
                for (range, _) in semantic::imports(source, node, true) {
                    if let Some(range) = range {
                        let text = &source[range.to_usize()];
                        bind(&mut bound, text.split('.').next().unwrap_or(text), None, 2);
                    }
                }
                continue;
            }
            NodeKind::WithItem | NodeKind::ExceptClause => {
                let mut inner = node.walk();
                let targets: Vec<Node<'_>> = node.named_children(&mut inner).collect();
                for target in targets.iter().skip(1) {
                    let mut names = Vec::new();
                    semantic::target_names(*target, &mut names);
                    for name in names {
                        bind(&mut bound, &source[name.byte_range()], None, 2);
                    }
                }
            }
            _ => {}
        }
        // Statements and the blocks that hold them; not expressions.
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor).filter(|child| {
            matches!(
                NodeKind::of(*child),
                NodeKind::Block
                    | NodeKind::ExpressionStatement
                    | NodeKind::Assignment
                    | NodeKind::AugmentedAssignment
                    | NodeKind::IfStatement
                    | NodeKind::ElifClause
                    | NodeKind::ElseClause
                    | NodeKind::TryStatement
                    | NodeKind::ExceptClause
                    | NodeKind::FinallyClause
                    | NodeKind::WithStatement
                    | NodeKind::WithClause
                    | NodeKind::WithItem
                    | NodeKind::ForStatement
                    | NodeKind::WhileStatement
                    | NodeKind::DecoratedDefinition
                    | NodeKind::FunctionDefinition
                    | NodeKind::ClassDefinition
                    | NodeKind::ImportStatement
                    | NodeKind::ImportFromStatement
            )
        }));
    }
    let mut names: Vec<String> = bound.keys().map(|name| (*name).to_owned()).collect();
    names.sort_unstable();
    let mut constants: Vec<(String, Ty)> =
        bound.iter().filter_map(|(name, (count, ty))| (*count == 1).then_some(((*name).to_owned(), (*ty)?))).collect();
    constants.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (names, constants)
}

/// The state of a walk over one unit, handed to every rule.
pub(crate) struct Checker<'a> {
    pub source: &'a str,
    pub parsed: &'a Parsed,
    pub module: &'a ModuleContext,
    pub settings: &'a Settings,
    facts: UnitFacts,
    scopes: Vec<Scope<'a>>,
    /// Code that runs only on Python 2, in this unit.
    py2_regions: Vec<TextRange>,
    /// Code inside `with self.assertWarns(...)`, `warnings.catch_warnings()` and the like:
    /// deprecated APIs used there are used on purpose.
    warning_regions: Vec<TextRange>,
    /// The ancestors of the node being visited, innermost last.
    parents: Vec<Node<'a>>,
    /// What inference learned about names in this unit: (scope node id, name) to what
    /// the scope binds the name to.
    pub(crate) infer_cache: std::cell::RefCell<FxHashMap<(usize, String), crate::infer::Binding>>,
    /// The names each scope of this unit binds, by scope node id (see `infer`).
    pub(crate) scope_tables: std::cell::RefCell<FxHashMap<usize, std::rc::Rc<crate::infer::ScopeTable>>>,
    /// The module-level names this unit's rules asked about (`rebinds`, `constant`,
    /// `is_classic_class`).
    module_queries: std::cell::RefCell<Vec<String>>,
    /// Functions of this unit known to be generators (or not), by node id.
    pub(crate) generators: std::cell::RefCell<FxHashMap<usize, bool>>,
    /// The id of the node being visited.
    current: usize,
    /// The last string literal split by [`Checker::string_parts`]: the rules that look at
    /// a string all ask for its parts.
    /// Kept as ranges (prefix, content), so that the checker stays covariant.
    last_string: std::cell::Cell<Option<(usize, Option<StringRanges>)>>,
    /// The ids of the `except` clauses around the node being visited.
    except_clauses: Vec<usize>,
    /// Where in `parents` the outermost function, lambda or class is, if any (kept as the
    /// walk goes: looking for it in `parents` would cost the depth at every node).
    outermost_scope: Option<usize>,
    /// The last answer of [`Checker::may_hold_bytes`], by the id of the function it read
    /// (`usize::MAX` for the unit).
    may_hold_bytes: std::cell::Cell<Option<(usize, bool)>>,
}

/// A string literal's prefix and content ranges (see [`Checker::string_parts`]).
type StringRanges = (TextRange, TextRange);

impl<'a> Checker<'a> {
    /// [`ast::string_parts`] of `node`, remembered for the next rule that asks.
    pub(crate) fn string_parts(&self, node: Node<'_>) -> Option<ast::StringParts<'a>> {
        if let Some((id, ranges)) = self.last_string.get()
            && id == node.id()
        {
            let (prefix_range, content) = ranges?;
            return Some(ast::StringParts {
                prefix: self.slice(prefix_range),
                prefix_range,
                quote: self.slice(TextRange::new(prefix_range.end(), content.start())),
                content,
            });
        }
        let parts = ast::string_parts(self.source, node);
        self.last_string.set(Some((node.id(), parts.map(|parts| (parts.prefix_range, parts.content)))));
        parts
    }

    /// The source text of a node (from the original text, not the recovery patches).
    #[inline]
    pub fn text(&self, node: Node<'_>) -> &'a str {
        self.source.get(node.byte_range()).unwrap_or("")
    }

    #[inline]
    pub fn slice(&self, range: TextRange) -> &'a str {
        self.source.get(range.to_usize()).unwrap_or("")
    }

    /// The recovery patch at the start of `node`, if recovery rewrote it.
    pub fn patch(&self, node: Node<'_>) -> Option<PatchKind> {
        if self.parsed.patches.is_empty() {
            return None;
        }
        self.parsed.patch_at(crate::text::to_u32(node.start_byte())).map(|Patch { kind, .. }| kind)
    }

    /// Reports a diagnostic that applies whatever the file's dialect.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.report_gated(diagnostic, DialectGate::Any);
    }

    pub fn report_gated(&mut self, diagnostic: Diagnostic, gate: DialectGate) {
        let candidate = Candidate::new(diagnostic, gate);
        self.push(candidate);
    }

    /// Reports a candidate with its conditions filled in by the rule.
    pub fn push(&mut self, mut candidate: Candidate) {
        let diagnostic = &candidate.diagnostic;
        if diagnostic.rule.family() == Family::Syntax {
            if candidate.gate == DialectGate::Any && self.facts.py2_evidence.is_none() {
                self.facts.py2_evidence = Some(Evidence { range: diagnostic.range, what: diagnostic.rule.name() });
            }
        } else {
            let start = diagnostic.range.start();
            candidate.in_py2_branch = self.py2_regions.iter().any(|region| region.contains(start));
        }
        self.facts.candidates.push(candidate);
    }

    /// Reports a candidate about the builtin `name`: dropped if a scope around the use
    /// binds the name (`unicode = str`, `def unicode(...)`, `from six import unichr`).
    /// Reports `module.attribute` for a standard module: dropped if `name` is bound to
    /// anything but an import of `module` (a parameter named `string`, `os = None`).
    pub fn push_module_attribute(&mut self, mut candidate: Candidate, name: &'a str, module: &'static str) {
        candidate.bound_module = Some(module);
        self.push_unless_bound(candidate, name);
    }

    pub fn push_unless_bound(&mut self, mut candidate: Candidate, name: &'a str) {
        candidate.unless_bound = Some(name.to_owned());
        let index = self.facts.candidates.len();
        let start = candidate.diagnostic.range.start();
        if let Some(scope) = self.scopes.iter_mut().rev().find(|scope| scope.inner.contains(start)) {
            scope.pending.push((index, name));
        }
        self.push(candidate);
    }

    /// For a node inside the node being visited (the same node or a descendant, not
    /// inside a lambda or comprehension of it), the functions, lambdas and classes whose
    /// bodies hold it, innermost first; `None` for other nodes.
    /// The ancestors of `node`, innermost first, up to the module: from the walk's stack
    /// when `node` is the node being visited (`Node::parent` searches from the root).
    pub(crate) fn ancestors(&self, node: Node<'a>) -> Vec<Node<'a>> {
        let mut ancestors: Vec<Node<'a>> =
            if node.id() == self.current { self.parents.iter().rev().copied().collect() } else { Vec::new() };
        let mut outermost = ancestors.last().copied().unwrap_or(node);
        while let Some(parent) = outermost.parent() {
            ancestors.push(parent);
            outermost = parent;
        }
        ancestors
    }

    pub(crate) fn enclosing_scopes_of(&self, node: Node<'_>) -> Option<Vec<Node<'a>>> {
        let current = self.parents.last().map(|parent| (parent.start_byte(), parent.end_byte()))?;
        if node.start_byte() < current.0 || node.end_byte() > current.1 {
            return None;
        }
        let start = node.start_byte();
        Some(
            self.parents
                .iter()
                .rev()
                .filter(|ancestor| {
                    matches!(
                        NodeKind::of(**ancestor),
                        NodeKind::FunctionDefinition | NodeKind::ClassDefinition | NodeKind::Lambda
                    ) && field(**ancestor, Field::Body)
                        .is_some_and(|body| body.start_byte() <= start && start < body.end_byte())
                })
                .copied()
                .collect(),
        )
    }

    /// Whether the module binds `name` at module level; recorded, so that an edit that
    /// changes module-level names re-walks only the statements that asked.
    pub(crate) fn rebinds(&self, name: &str) -> bool {
        self.record_query(name);
        self.module.rebinds(name)
    }

    /// The type of a module-level constant (recorded as `rebinds` is).
    pub(crate) fn constant(&self, name: &str) -> Option<Ty> {
        self.record_query(name);
        self.module.constant(name)
    }

    /// Whether anything `node` (the node being visited) may infer as `bytes`: a module
    /// constant that is, or a text that may hold a source of `bytes` (see
    /// [`crate::infer::text_may_hold_bytes`]): the text of the outermost function, lambda or
    /// class around `node` (a method's defaults see the class body), else of the unit.
    /// Inference reads nothing else (the scopes whose names `node` sees, all inside that
    /// text, and the module's constants), so the rules that need `bytes` somewhere skip a
    /// node where this is false.
    pub(crate) fn may_hold_bytes(&self, node: Node<'_>) -> bool {
        self.record_query(BYTES_CONSTANT_QUERY);
        if self.module.has_bytes_constant() {
            return true;
        }
        let function = self.outermost_scope.filter(|_| node.id() == self.current).and_then(|at| self.parents.get(at));
        let (key, range) = match function {
            Some(function) => (function.id(), function.byte_range()),
            None => (usize::MAX, self.facts.range.to_usize()),
        };
        if let Some((known_key, known)) = self.may_hold_bytes.get()
            && known_key == key
        {
            return known;
        }
        let known = crate::infer::text_may_hold_bytes(self.source.get(range).unwrap_or(self.source));
        self.may_hold_bytes.set(Some((key, known)));
        known
    }

    /// Whether `name` is a module-level classic class (recorded as `rebinds` is).
    pub(crate) fn is_classic_class(&self, name: &str) -> bool {
        self.record_query(name);
        self.module.is_classic_class(name)
    }

    /// The `urllib` submodules the module reads (recorded as `rebinds` is).
    pub(crate) fn urllib_submodules(&self) -> &'a [&'static str] {
        self.record_query(URLLIB_SUBMODULES_QUERY);
        &self.module.urllib_submodules
    }

    fn record_query(&self, name: &str) {
        let mut queries = self.module_queries.borrow_mut();
        if !queries.iter().any(|q| q == name) {
            queries.push(name.to_owned());
        }
    }

    /// Whether an `except` clause encloses the node being visited.
    pub fn in_except_clause(&self) -> bool {
        !self.except_clauses.is_empty()
    }

    /// Records a marker for the file-level decision.
    pub fn mark(&mut self, marker: &'static str) {
        if !self.facts.markers.contains(&marker) {
            self.facts.markers.push(marker);
        }
    }

    pub fn py3_evidence(&mut self, range: TextRange, what: &'static str) {
        if self.facts.py3_evidence.is_none() {
            self.facts.py3_evidence = Some(Evidence { range, what });
        }
    }
}

/// `kind -> rules` dispatch, built once from the rules' declarations: rules called on
/// every node of a kind, and rules called only on nodes of a kind with a given name.
struct Dispatch {
    all: Vec<Vec<(Rule, CheckFn)>>,
    by_name: Vec<FxHashMap<&'static str, Vec<(Rule, CheckFn)>>>,
    /// The names rules are called on as identifiers or attributes, where no rule is called
    /// on every node of the kinds a plain list holds (see `Dispatch::plain_list`); `None`
    /// where one is, and no list is plain.
    list_names: Option<FxHashSet<&'static str>>,
}

/// The kinds of the nodes a plain list holds (see `Dispatch::plain_list`).
const PLAIN_LIST_KINDS: &[NodeKind] = &[
    NodeKind::Identifier,
    NodeKind::Attribute,
    NodeKind::KeywordArgument,
    NodeKind::DefaultParameter,
    NodeKind::True,
    NodeKind::False,
    NodeKind::None,
    NodeKind::Ellipsis,
];

/// Python's keywords, and the words tree-sitter reads as one somewhere: a list holding
/// one is not plain (`f(a if b else c)`, `f(x for x in y)`, `f(not a)`). `None` is a
/// plain list's (a node no rule is called on); `True` and `False` are not, as rules are
/// called on them where Python 2 binds them (`def f(True=1)`).
const KEYWORDS: &[&str] = &[
    "False", "True", "and", "as", "assert", "async", "await", "break", "case", "class", "continue", "def", "del",
    "elif", "else", "except", "exec", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "match", "nonlocal", "not", "or", "pass", "print", "raise", "return", "try", "type", "while", "with", "yield",
];

impl Dispatch {
    /// Whether the walk may leave out what follows an attribute's object (its `.` and
    /// name, about a tenth of the nodes of real code): where no rule is called on that
    /// name, and the text between the object and the name is a `.` and blanks, with no
    /// room for a comment (a suppression). Only in a unit without errors, where the name
    /// is not a MISSING node.
    fn attribute_rest_unread(&self, source: &str, node: Node<'_>, name: &str) -> bool {
        let identifier = NodeKind::Identifier as usize;
        if !self.all[identifier].is_empty() || self.by_name[identifier].contains_key(name) {
            return false;
        }
        let Some(text) = source.get(node.byte_range()) else { return false };
        let Some(before_name) = text.strip_suffix(name) else { return false };
        let Some(object) = before_name.trim_end_matches([' ', '\t', '\x0c']).strip_suffix('.') else { return false };
        !object.trim_end_matches([' ', '\t', '\x0c']).ends_with(['\n', '\r', '\\'])
    }

    /// Whether the walk may leave out what a list (arguments, parameters, a tuple, a list,
    /// the targets of a `for`) holds: where its text, inside its brackets, is names, `.`,
    /// `,`, `=` and blanks only, with no keyword and no name a rule is called on. Such a
    /// list holds names, attributes and keyword arguments or defaults that no rule is
    /// called on, and nothing else: no literal, no operator, no comment, no nested scope.
    /// About a tenth of the nodes of real code. Only in a unit without errors.
    fn plain_list(&self, kind: NodeKind, text: &str) -> bool {
        let Some(names) = &self.list_names else { return false };
        // Only these have brackets of their own: the parentheses of `lambda (a, b): a` are
        // a tuple parameter's.
        let bracketed =
            matches!(kind, NodeKind::ArgumentList | NodeKind::Parameters | NodeKind::Tuple | NodeKind::List);
        let inner = match text.as_bytes() {
            [b'(', .., b')'] | [b'[', .., b']'] if bracketed => &text[1..text.len() - 1],
            _ => text,
        };
        let mut word_start = None;
        for (at, byte) in inner.bytes().chain([b' ']).enumerate() {
            if byte.is_ascii_alphanumeric() || byte == b'_' {
                word_start.get_or_insert(at);
                continue;
            }
            if let Some(start) = word_start.take() {
                let word = &inner[start..at];
                if word.starts_with(|c: char| c.is_ascii_digit()) || KEYWORDS.contains(&word) || names.contains(word) {
                    return false;
                }
            }
            match byte {
                b',' | b'.' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {}
                b'=' if inner.as_bytes().get(at + 1) != Some(&b'=') => {}
                _ => return false,
            }
        }
        true
    }
}

fn dispatch_table() -> &'static Dispatch {
    static TABLE: OnceLock<Dispatch> = OnceLock::new();
    TABLE.get_or_init(|| {
        let count = NodeKind::Other as usize + 1;
        let mut dispatch =
            Dispatch { all: vec![Vec::new(); count], by_name: vec![FxHashMap::default(); count], list_names: None };
        for meta in RULES {
            let Some(check) = meta.decl.check else { continue };
            for &kind in meta.decl.kinds {
                let keyed = matches!(
                    kind,
                    NodeKind::Identifier | NodeKind::Call | NodeKind::Attribute | NodeKind::FunctionDefinition
                );
                if meta.decl.names.is_empty() || !keyed {
                    dispatch.all[kind as usize].push((meta.rule, check));
                } else {
                    for name in meta.decl.names {
                        dispatch.by_name[kind as usize].entry(name).or_default().push((meta.rule, check));
                    }
                }
            }
        }
        let unkeyed = PLAIN_LIST_KINDS.iter().any(|&kind| {
            let keyed = matches!(kind, NodeKind::Identifier | NodeKind::Attribute);
            !dispatch.all[kind as usize].is_empty()
                || (!keyed && !dispatch.by_name[kind as usize].is_empty())
                || crate::dialect::observes(kind)
        });
        if !unkeyed {
            let keyed = [NodeKind::Identifier, NodeKind::Attribute];
            dispatch.list_names =
                Some(keyed.iter().flat_map(|&kind| dispatch.by_name[kind as usize].keys().copied()).collect());
        }
        dispatch
    })
}

/// The name keyed rules are looked up by: an identifier's text, a call's function name
/// (or the method name of `x.m(...)`), an attribute's name, a function definition's name.
/// `exact`: the unit has no parse error, so that a call's text starts with its function's.
fn dispatch_name<'a>(source: &'a str, kind: NodeKind, node: Node<'_>, exact: bool) -> Option<&'a str> {
    let name = match kind {
        NodeKind::Identifier => node,
        NodeKind::Attribute => return attribute_name(source, node),
        NodeKind::FunctionDefinition => field(node, Field::Name)?,
        NodeKind::Call => {
            if exact && let Some(name) = source.get(node.byte_range()).and_then(called_name) {
                return Some(name);
            }
            // The function is a call's first child.
            let function = node.child(0)?;
            match NodeKind::of(function) {
                NodeKind::Identifier => function,
                NodeKind::Attribute => return attribute_name(source, function),
                _ => return None,
            }
        }
        _ => return None,
    };
    source.get(name.byte_range())
}

/// The name of the function a call's text calls, where the text shows it plainly: a name,
/// or the last name of a chain of attributes (`a.b.c`), then blanks and the arguments in
/// parentheses with no parenthesis inside, so that they are the call's own (in
/// `a.b().c()` they are not); `None` where only the tree can tell. Cheaper than finding
/// the function child.
fn called_name(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let blanks = |mut at: usize| {
        while bytes.get(at).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\x0c')) {
            at += 1;
        }
        at
    };
    let mut at = 0;
    loop {
        let start = at;
        if !bytes.get(at).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
            return None;
        }
        while bytes.get(at).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
            at += 1;
        }
        let name = &text[start..at];
        at = blanks(at);
        match bytes.get(at) {
            Some(b'(') => {
                let arguments = bytes[at + 1..].strip_suffix(b")")?;
                let plain = !matches!(name, "True" | "False" | "None");
                return (plain && memchr::memchr2(b'(', b')', arguments).is_none()).then_some(name);
            }
            Some(b'.') => at = blanks(at + 1),
            _ => return None,
        }
    }
}

/// The name of the attribute `node` reads: the identifier its text ends with (cheaper than
/// finding the `attribute` child), or that child where the text alone cannot tell (a
/// non-ASCII name, or none where error recovery left the name out).
fn attribute_name<'a>(source: &'a str, node: Node<'_>) -> Option<&'a str> {
    let text = source.get(node.byte_range())?;
    let bytes = text.as_bytes();
    let mut start = bytes.len();
    while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
        start -= 1;
    }
    let name = &text[start..];
    // Before the name: `.`, a blank or a line continuation, never part of the name (the
    // last byte of a non-ASCII character is not ASCII).
    let whole = start > 0 && bytes[start - 1].is_ascii();
    if whole && name.starts_with(|c: char| !c.is_ascii_digit()) && !node.has_error() {
        return Some(name);
    }
    source.get(field(node, Field::Attribute)?.byte_range())
}

/// Walks one top-level node (a statement, a comment or an error region).
pub(crate) fn walk_unit<'a>(
    unit: Node<'a>,
    source: &'a str,
    parsed: &'a Parsed,
    module: &'a ModuleContext,
    settings: &'a Settings,
    rules: &RuleTable,
) -> UnitFacts {
    let mut checker = Checker {
        source,
        parsed,
        module,
        settings,
        facts: UnitFacts { range: TextRange::from_usize(unit.byte_range()), ..UnitFacts::default() },
        scopes: vec![Scope::new(ScopeKind::Module, usize::MAX, TextRange::new(0, u32::MAX))],
        py2_regions: Vec::new(),
        warning_regions: Vec::new(),
        parents: Vec::new(),
        infer_cache: std::cell::RefCell::default(),
        generators: std::cell::RefCell::default(),
        module_queries: std::cell::RefCell::default(),
        scope_tables: std::cell::RefCell::default(),
        current: usize::MAX,
        last_string: std::cell::Cell::new(None),
        may_hold_bytes: std::cell::Cell::new(None),
        except_clauses: Vec::new(),
        outermost_scope: None,
    };
    let table = dispatch_table();
    // Only a unit with an error holds MISSING nodes (they count in its error cost).
    let may_miss = unit.has_error();
    // Whether the walk may leave out nodes no rule reads (never where MISSING nodes may be).
    let may_skip = !may_miss && !full_walk::on();
    let mut cursor = unit.walk();
    // The depths (lengths of `checker.parents`) whose remaining children are not visited:
    // an attribute's `.` and name after its object (see `attribute_rest_unread`).
    let mut first_child_only: Vec<usize> = Vec::new();
    // For each node in `checker.parents`, how many of its children the cursor has not
    // reached yet: after the last, asking the cursor for a next sibling (which it looks
    // for by climbing out of hidden nodes) would cost more than the walk's step.
    let mut unreached: Vec<u32> = Vec::new();
    loop {
        let node = cursor.node();
        let kind = NodeKind::from_id(node.kind_id());
        let mut descend = true;
        let mut only_first = false;
        if may_miss {
            ast::hidden_parse_errors(source, node, |range, expected| {
                checker.facts.errors.push(ParseError::hidden(range, expected));
            });
        }
        if may_miss && node.is_missing() {
            checker.facts.errors.push(ParseError {
                range: TextRange::from_usize(node.byte_range()),
                missing: Some(node.kind().to_owned()),
            });
        } else if kind != NodeKind::Other {
            match kind {
                NodeKind::Error => {
                    checker
                        .facts
                        .errors
                        .push(ParseError { range: TextRange::from_usize(node.byte_range()), missing: None });
                }
                NodeKind::Comment => {
                    let text = checker.text(node);
                    let range = TextRange::from_usize(node.byte_range());
                    match suppression::parse_comment(text) {
                        Some(Directive::IgnoreFile) => checker.facts.ignore_file = true,
                        Some(Directive::Line(rules)) => {
                            checker.facts.suppressions.push(Suppression { rules, comment: range });
                        }
                        None => {}
                    }
                    descend = false;
                }
                // Only f-strings have anything but literal text inside.
                NodeKind::String => descend = is_format_string(checker.source, node),
                NodeKind::ArgumentList
                | NodeKind::Parameters
                | NodeKind::LambdaParameters
                | NodeKind::Tuple
                | NodeKind::List
                | NodeKind::ExpressionList
                | NodeKind::PatternList => {
                    descend = !may_skip || !table.plain_list(kind, checker.text(node));
                    if !descend {
                        full_walk::left_out();
                    }
                }
                _ => {}
            }
            checker.current = node.id();
            checker.enter(kind, node);
            dialect::observe(&mut checker, kind, node);
            for &(rule, check) in &table.all[kind as usize] {
                // Syntax rules always run: what they find is the evidence that a file is
                // Python 2, whichever rules are enabled.
                if rules.enabled(rule) || rule.family() == Family::Syntax {
                    check(&mut checker, node);
                }
            }
            let keyed = &table.by_name[kind as usize];
            if !keyed.is_empty() {
                let name = dispatch_name(source, kind, node, may_skip);
                if let Some(checks) = name.and_then(|name| keyed.get(name)) {
                    for &(rule, check) in checks {
                        if rules.enabled(rule) || rule.family() == Family::Syntax {
                            check(&mut checker, node);
                        }
                    }
                }
                only_first = kind == NodeKind::Attribute
                    && may_skip
                    && name.is_some_and(|name| table.attribute_rest_unread(source, node, name));
            }
        }
        // A leaf has no child to find: cheaper to ask it than the cursor. The count is of
        // the children the cursor visits (through hidden nodes, comments included).
        let children = if descend { node.child_count() } else { 0 };
        if children > 0 && cursor.goto_first_child() {
            if checker.outermost_scope.is_none()
                && matches!(kind, NodeKind::FunctionDefinition | NodeKind::Lambda | NodeKind::ClassDefinition)
            {
                checker.outermost_scope = Some(checker.parents.len());
            }
            checker.parents.push(node);
            unreached.push(children - 1);
            if only_first {
                first_child_only.push(checker.parents.len());
                full_walk::left_out();
            }
            continue;
        }
        // The node the cursor is on: `node`, then each parent on the way up.
        let mut left = node;
        loop {
            checker.leave(left);
            let last = may_skip && unreached.last() == Some(&0);
            if first_child_only.last() == Some(&checker.parents.len()) {
                first_child_only.pop();
            } else if !last && cursor.goto_next_sibling() {
                if let Some(count) = unreached.last_mut() {
                    *count = count.saturating_sub(1);
                }
                break;
            }
            if !cursor.goto_parent() {
                checker.finish();
                return checker.facts;
            }
            left = checker.parents.pop().unwrap_or_else(|| cursor.node());
            unreached.pop();
            if checker.outermost_scope == Some(checker.parents.len()) {
                checker.outermost_scope = None;
            }
        }
    }
}

/// Scope and binding bookkeeping during the walk.
impl<'a> Checker<'a> {
    /// The parent of the node being visited (cheaper than `Node::parent`, which searches
    /// from the root), or of any other node. The walk's stack starts below the unit, so
    /// the unit's own parent (the module) comes from the tree.
    pub fn parent(&self, node: Node<'a>) -> Option<Node<'a>> {
        match self.parents.last() {
            Some(parent) if node.id() == self.current => Some(*parent),
            _ => node.parent(),
        }
    }

    fn bind(&mut self, name: Node<'_>) {
        self.bind_text(self.text(name));
    }

    fn bind_parameters(&mut self, parameters: Node<'_>) {
        semantic::parameter_texts(self.source, parameters).into_iter().for_each(|name| self.bind_text(name));
    }

    fn bind_text(&mut self, text: &'a str) {
        if text.is_empty() {
            return;
        }
        let global = self.scopes.last().is_some_and(|scope| scope.globals.contains(&text));
        if global || self.scopes.len() == 1 {
            self.facts.module_bindings.push(text.to_owned());
            if let Some(module) = self.scopes.first_mut() {
                module.bindings.push(text);
            }
        } else if let Some(scope) = self.scopes.last_mut() {
            scope.bindings.push(text);
        }
    }

    fn bind_target(&mut self, target: Node<'_>) {
        let mut names = Vec::new();
        semantic::target_names(target, &mut names);
        for name in names {
            self.bind(name);
        }
    }

    fn open_scope(&mut self, kind: ScopeKind, node: Node<'_>) {
        let inner = match kind {
            ScopeKind::Module => TextRange::new(0, u32::MAX),
            // A comprehension's first iterable is strictly evaluated outside it, but binding
            // a builtin's name as a comprehension variable is too rare to model.
            ScopeKind::Function
                if NodeKind::of(node) != NodeKind::FunctionDefinition && NodeKind::of(node) != NodeKind::Lambda =>
            {
                ast::range(node)
            }
            _ => field(node, Field::Body).map_or_else(|| ast::range(node), ast::range),
        };
        self.scopes.push(Scope::new(kind, node.id(), inner));
    }

    /// Called before the rules for each named node.
    fn enter(&mut self, kind: NodeKind, node: Node<'a>) {
        match kind {
            NodeKind::FunctionDefinition | NodeKind::ClassDefinition => {
                if let Some(name) = field(node, Field::Name) {
                    if kind == NodeKind::FunctionDefinition
                        && self.scopes.last().is_some_and(|s| s.kind == ScopeKind::Class)
                    {
                        self.facts.methods.push(self.text(name).to_owned());
                    }
                    self.bind(name);
                }
                self.open_scope(
                    if kind == NodeKind::ClassDefinition { ScopeKind::Class } else { ScopeKind::Function },
                    node,
                );
                if let Some(parameters) = field(node, Field::Parameters) {
                    self.bind_parameters(parameters);
                }
            }
            NodeKind::Lambda => {
                self.open_scope(ScopeKind::Function, node);
                if let Some(parameters) = field(node, Field::Parameters) {
                    self.bind_parameters(parameters);
                }
            }
            NodeKind::ListComprehension
            | NodeKind::SetComprehension
            | NodeKind::DictionaryComprehension
            | NodeKind::GeneratorExpression => self.open_scope(ScopeKind::Function, node),
            NodeKind::ForInClause | NodeKind::ForStatement => {
                if let Some(left) = field(node, Field::Left) {
                    self.bind_target(left);
                }
            }
            NodeKind::Assignment | NodeKind::AugmentedAssignment => {
                if let Some(left) = field(node, Field::Left) {
                    self.bind_target(left);
                }
            }
            NodeKind::NamedExpression => {
                if let Some(name) = field(node, Field::Name) {
                    self.bind(name);
                }
            }
            NodeKind::AsPattern => {
                if let Some(alias) = field(node, Field::Alias) {
                    self.bind_target(alias);
                }
            }
            NodeKind::ExceptClause => {
                // Python 2's `except E, e:` binds `e`.
                let values = field_children(node, Field::Value);
                if let [_, target] = values.as_slice() {
                    self.bind_target(*target);
                }
                self.shim_region(node);
                self.except_clauses.push(node.id());
            }
            NodeKind::GlobalStatement => {
                let names: Vec<&'a str> = ast::named_children(node).into_iter().map(|n| self.text(n)).collect();
                if let Some(scope) = self.scopes.last_mut() {
                    scope.globals.extend(names);
                }
            }
            NodeKind::ImportStatement | NodeKind::ImportFromStatement | NodeKind::FutureImportStatement => {
                self.record_imports(node);
            }
            NodeKind::IfStatement => self.version_regions(node),
            NodeKind::WithStatement => self.warning_regions(node),
            NodeKind::ConditionalExpression => self.conditional_regions(node),
            NodeKind::TryStatement => self.try_regions(node),
            _ => {}
        }
    }

    fn record_imports(&mut self, node: Node<'a>) {
        let module_level = self.scopes.len() == 1;
        if NodeKind::of(node) == NodeKind::ImportFromStatement
            && ast::named_children(node).iter().any(|child| NodeKind::of(*child) == NodeKind::WildcardImport)
        {
            if let Some(module) = field(node, Field::ModuleName) {
                let module = self.text(module).split_whitespace().collect::<String>();
                if module_level {
                    self.facts.star_imports.push(module.clone());
                }
                self.facts.imports.push(ImportFact {
                    local: "*".into(),
                    target: module,
                    is_module: false,
                    module_level,
                });
            }
            return;
        }
        for (range, fact) in semantic::imports(self.source, node, module_level) {
            if let Some(range) = range {
                let name = self.slice(range);
                let name = name.split('.').next().unwrap_or(name);
                // Bind the name as a slice of the source.
                let global = self.scopes.last().is_some_and(|scope| scope.globals.contains(&name));
                if global || module_level {
                    if let Some(module) = self.scopes.first_mut() {
                        module.bindings.push(name);
                    }
                } else if let Some(scope) = self.scopes.last_mut() {
                    scope.bindings.push(name);
                }
            }
            self.facts.imports.push(fact);
        }
    }

    /// `if <python 2 check>:` makes its body Python 2 only; `if <python 3 check>:` makes
    /// its `else` (and `elif`s) Python 2 only.
    fn version_regions(&mut self, node: Node<'_>) {
        let Some(condition) = field(node, Field::Condition) else { return };
        let Some(py2) = semantic::version_check(self.source, condition) else { return };
        if py2 {
            if let Some(body) = field(node, Field::Consequence) {
                self.py2_regions.push(ast::range(body));
            }
        } else {
            let consequence_end = field(node, Field::Consequence).map_or(node.start_byte(), |c| c.end_byte());
            if consequence_end < node.end_byte() {
                self.py2_regions.push(TextRange::from_usize(consequence_end..node.end_byte()));
            }
        }
    }

    /// `with self.assertWarns(DeprecationWarning):` and friends: the body exercises
    /// deprecated APIs on purpose.
    fn warning_regions(&mut self, node: Node<'_>) {
        const CATCHERS: &[&str] = &[
            "assertWarns",
            "assertWarnsRegex",
            "catch_warnings",
            "check_warnings",
            "warns",
            "deprecated_call",
            "assertDeprecated",
        ];
        let catches =
            ast::named_children(node).into_iter().filter(|c| NodeKind::of(*c) == NodeKind::WithClause).any(|clause| {
                let text = self.text(clause);
                CATCHERS.iter().any(|name| text.contains(&format!("{name}(")))
            });
        if catches && let Some(body) = field(node, Field::Body) {
            self.warning_regions.push(ast::range(body));
        }
    }

    /// Whether `range` is inside a block that captures warnings on purpose.
    pub fn in_warning_capture(&self, range: TextRange) -> bool {
        self.warning_regions.iter().any(|region| region.contains_range(range))
    }

    /// `x if PY2 else y`: the branch that runs only on Python 2.
    fn conditional_regions(&mut self, node: Node<'_>) {
        let parts = ast::code_children(node);
        let [consequence, condition, alternative] = parts.as_slice() else { return };
        match semantic::version_check(self.source, *condition) {
            Some(true) => self.py2_regions.push(ast::range(*consequence)),
            Some(false) => self.py2_regions.push(ast::range(*alternative)),
            None => {}
        }
    }

    /// `try: import cPickle as pickle / except ImportError: import pickle`: both sides of
    /// an import or name shim are compatibility code, not uses of Python 2 APIs.
    fn try_regions(&mut self, node: Node<'_>) {
        let Some(body) = field(node, Field::Body) else { return };
        let short_body = ast::block_statements(body).len() <= 2;
        let shim = ast::named_children(node).into_iter().filter(|c| NodeKind::of(*c) == NodeKind::ExceptClause).any(
            |clause| {
                semantic::caught_names(self.source, clause).iter().any(|name| match name.as_str() {
                    "ImportError" | "ModuleNotFoundError" | "NameError" => true,
                    "AttributeError" | "" => short_body,
                    _ => false,
                })
            },
        );
        if shim {
            self.py2_regions.push(ast::range(body));
        }
    }

    /// An `except ImportError:` (or `NameError`) handler is a fallback: compatibility code.
    fn shim_region(&mut self, clause: Node<'_>) {
        let fallback = semantic::caught_names(self.source, clause).iter().any(|name| {
            matches!(name.as_str(), "ImportError" | "ModuleNotFoundError" | "NameError" | "AttributeError")
        });
        if fallback {
            self.py2_regions.push(ast::range(clause));
        }
    }

    /// Called after a node's subtree.
    fn leave(&mut self, node: Node<'_>) {
        if self.scopes.len() > 1 && self.scopes.last().is_some_and(|scope| scope.node == node.id()) {
            self.close_scope();
        }
        if self.except_clauses.last() == Some(&node.id()) {
            self.except_clauses.pop();
        }
    }

    /// Closes the innermost scope: its pending names are resolved against its bindings,
    /// or passed out (a function skips the class bodies around it).
    fn close_scope(&mut self) {
        let Some(scope) = self.scopes.pop() else { return };
        let mut unresolved = Vec::new();
        for (index, name) in scope.pending {
            if scope.bindings.contains(&name) {
                self.facts.candidates[index].shadowed = true;
            } else {
                unresolved.push((index, name));
            }
        }
        let skip_classes = scope.kind == ScopeKind::Function;
        let target = self.scopes.iter_mut().rev().find(|s| !(skip_classes && s.kind == ScopeKind::Class));
        if let Some(target) = target {
            target.pending.extend(unresolved);
        }
    }

    /// Closes every scope still open (an unterminated unit) and records what the module
    /// scope learned.
    fn finish(&mut self) {
        while self.scopes.len() > 1 {
            self.close_scope();
        }
        self.facts.module_queries = std::mem::take(&mut *self.module_queries.borrow_mut());
    }
}

/// The range of the line holding `range`'s start, without its terminator.
pub(crate) fn line_of(source: &str, range: TextRange) -> TextRange {
    let bytes = source.as_bytes();
    let start = range.start() as usize;
    let line_start =
        bytes[..start.min(bytes.len())].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1);
    let line_end = bytes[start.min(bytes.len())..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| start + i);
    TextRange::from_usize(line_start..line_end)
}

/// Helpers that many rules share.
impl<'a> Checker<'a> {
    /// A fix is offered only where the node's subtree parsed cleanly and no parse
    /// error sits beside it on its lines.
    pub fn fixable(&self, node: Node<'_>) -> bool {
        // Without a parse error anywhere, none is beside the node.
        let error_beside = || self.parsed.tree.root_node().has_error() && ast::error_beside(node);
        !node.has_error() && !error_beside()
    }

    /// `fix` if the node parsed cleanly, else `None`.
    pub fn fix_if_clean(&self, node: Node<'_>, fix: Option<Fix>) -> Option<Fix> {
        if self.fixable(node) { fix } else { None }
    }

    pub fn range(&self, node: Node<'_>) -> TextRange {
        TextRange::from_usize(node.byte_range())
    }

    /// A diagnostic on `node` with `confidence`.
    pub fn diagnostic(&self, rule: Rule, node: Node<'_>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule, self.range(node), message).with_confidence(Confidence::High)
    }

    /// The leading whitespace of the line `offset` is on.
    pub fn indentation_at(&self, offset: u32) -> &str {
        let line = line_of(self.source, TextRange::empty(offset));
        let text = self.slice(line);
        let width = text.len() - text.trim_start_matches([' ', '\t', '\x0c']).len();
        &text[..width]
    }

    /// The line terminator the file uses (of its first line), for inserted lines.
    pub fn newline(&self) -> &'static str {
        self.module.newline
    }

    /// The text of the unit being walked: what a rule may look at beyond its node.
    pub fn unit_text(&self) -> &'a str {
        self.slice(self.facts.range)
    }
}

/// Whether a string node is an f-string (or t-string), from its prefix letters.
fn is_format_string(source: &str, node: Node<'_>) -> bool {
    let start = node.start_byte();
    source.as_bytes()[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .any(|b| matches!(b, b'f' | b'F' | b't' | b'T'))
}

/// For tests: a walk of every node, to compare with the walk that leaves out the nodes no
/// rule reads, and a count of the nodes left out.
mod full_walk {
    #[cfg(test)]
    thread_local! {
        pub(super) static ON: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        pub(super) static LEFT_OUT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Whether the walk must visit every node (only ever in tests).
    pub(super) fn on() -> bool {
        #[cfg(test)]
        return ON.with(std::cell::Cell::get);
        #[cfg(not(test))]
        false
    }

    /// Counts a node whose children the walk leaves out (only in tests).
    pub(super) fn left_out() {
        #[cfg(test)]
        LEFT_OUT.with(|count| count.set(count.get() + 1));
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::full_walk;
    use crate::{FileContext, Rule, SettingValue, Settings, check};

    fn rules_found(source: &str) -> Vec<Rule> {
        let mut settings = Settings::default();
        settings.set("select", SettingValue::List(vec![SettingValue::String("ALL".into())])).unwrap();
        check(source, &settings, &FileContext::default()).diagnostics.iter().map(|d| d.rule).collect()
    }

    /// A call's function name is read from its text only where the text shows it plainly,
    /// with the call's own arguments; otherwise the tree is asked (`None`).
    #[test]
    fn called_names_from_the_text() {
        for (text, name) in [
            ("f(x)", Some("f")),
            ("a.b(c, 'd')", Some("b")),
            ("a . b\t(c)", Some("b")),
            ("f (x for x in y)", Some("f")),
            ("self.iteritems().next()", None),
            ("f(x)(y)", None),
            ("f(g(x))", None),
            ("None(x)", None),
            ("\u{e9}(x)", None),
            ("f\\\n(x)", None),
            ("a[0](x)", None),
            ("(a)(x)", None),
            ("1(x)", None),
        ] {
            assert_eq!(super::called_name(text), name, "{text}");
        }
    }

    /// The rules about `bytes` see what inference sees: a method's defaults read the class
    /// body, and any prefix with a `b` makes a `bytes` literal.
    #[test]
    fn bytes_sources_are_found_where_inference_finds_them() {
        for source in [
            "class Codec:\n    SEP = b'\\n'\n    def join(self, parts, sep=SEP + u'x'):\n        return parts\n",
            "def f():\n    return ub'a' + u'b'\n",
        ] {
            assert!(rules_found(source).contains(&Rule::BytesTextMix), "{source}");
        }
    }

    /// The walk leaves out an attribute's `.` and name only where nothing there is read:
    /// a comment between the object and the name (a suppression) is still read, and so is
    /// a name a rule looks at (`obj.async`) or a name the parser had to make up.
    #[test]
    fn what_follows_an_attribute_object_is_read_where_it_matters() {
        let plain = "import os\nx = (os\n     .getcwdu())\n";
        assert!(rules_found(plain).contains(&Rule::OsGetcwdu), "{:?}", rules_found(plain));
        for source in [
            "import os\nx = (os  # py3port: ignore-file\n     .getcwdu())\n",
            "import os\nx = (os.  # py3port: ignore-file\n     getcwdu())\n",
        ] {
            assert_eq!(rules_found(source), Vec::new(), "{source}");
        }
        assert!(rules_found("x = obj.async\n").contains(&Rule::KeywordAsIdentifier));
        let missing = rules_found("x = (obj.)\n");
        assert!(missing.contains(&Rule::ParseError), "{missing:?}");
    }

    fn python_files(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                python_files(&path, files);
            } else if path.extension().is_some_and(|e| e == "py") {
                files.push(path);
            }
        }
    }

    /// The nodes the walk leaves out change nothing: every rule fixture, fuzz regression
    /// and lib2to3 case gives the same diagnostics as with a walk of every node.
    #[test]
    fn leaving_out_unread_nodes_changes_no_diagnostic() {
        let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut files = Vec::new();
        python_files(&tests.join("fixtures"), &mut files);
        python_files(&tests.join("data/fuzz"), &mut files);
        let mut sources: Vec<String> = files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect();
        assert!(sources.len() > 150, "the fixtures are missing: {}", sources.len());
        let cases = std::fs::read_to_string(tests.join("conformance/lib2to3_cases.jsonl")).unwrap();
        for line in cases.lines() {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            sources.push(case["before"].as_str().unwrap().to_owned());
        }
        let mut settings = Settings::default();
        settings.set("select", SettingValue::List(vec![SettingValue::String("ALL".into())])).unwrap();
        let context = FileContext::default();
        for source in &sources {
            let walked = |everything: bool| {
                full_walk::ON.with(|on| on.set(everything));
                format!("{:?}", check(source, &settings, &context).diagnostics)
            };
            let (all, some) = (walked(true), walked(false));
            full_walk::ON.with(|on| on.set(false));
            assert_eq!(all, some, "{source}");
        }
        let left_out = full_walk::LEFT_OUT.with(std::cell::Cell::get);
        assert!(left_out > 2000, "the walk left out too few nodes' children to compare: {left_out}");
    }
}
