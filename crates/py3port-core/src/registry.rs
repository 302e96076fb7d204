//! The rule registry: one hand-sorted table of every rule with its stable code, its
//! kebab-case name and its default severity. What a rule looks at, whether it fixes, and
//! its documentation are declared next to its code, in the rule's own file.
//!
//! Codes are never reused or renumbered; a removed rule keeps its line.

use crate::diagnostic::Severity;
use crate::rules::{self, RuleDecl};

/// The kind of breakage a rule is about. Also the folder of the rule under `rules/` and
/// the JSON `family` field. Derived from the code: `PY31xx` is `syntax`, and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Python 2 syntax that Python 3 refuses to compile (`PY31xx`).
    Syntax,
    /// Removed or renamed builtins and methods (`PY32xx`).
    Builtins,
    /// Moved or removed standard-library modules and names (`PY33xx`).
    Stdlib,
    /// Code that still runs on Python 3 but means something else (`PY34xx`).
    Behaviour,
    /// Python 2 compatibility leftovers in Python 3 code (`PY35xx`, off by default).
    Leftovers,
    /// Dependencies without Python 3 support (`PY36xx`).
    Dependencies,
}

impl Family {
    pub const ALL: [Family; 6] =
        [Family::Syntax, Family::Builtins, Family::Stdlib, Family::Behaviour, Family::Leftovers, Family::Dependencies];

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::Builtins => "builtins",
            Family::Stdlib => "stdlib",
            Family::Behaviour => "behaviour",
            Family::Leftovers => "leftovers",
            Family::Dependencies => "dependencies",
        }
    }

    /// The family that owns a code, from its `PY3n` prefix.
    const fn of_code(code: &str) -> Family {
        match code.as_bytes()[3] {
            b'1' => Family::Syntax,
            b'2' => Family::Builtins,
            b'3' => Family::Stdlib,
            b'4' => Family::Behaviour,
            b'5' => Family::Leftovers,
            _ => Family::Dependencies,
        }
    }
}

/// Whether a rule offers fixes, as declared by the rule and checked by the test harness.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixAvailability {
    Never,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::Never => "never",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

/// Everything known about a rule: the registry line plus the rule's own declaration.
#[derive(Debug)]
pub struct RuleMeta {
    pub rule: Rule,
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub default_enabled: bool,
    pub(crate) decl: &'static RuleDecl,
}

impl RuleMeta {
    /// One sentence: what the rule flags.
    pub fn summary(&self) -> &'static str {
        self.decl.summary.trim()
    }

    /// The rule's documentation in Markdown (`## What it does`, `## Why is this bad?`,
    /// `## Example`, `Use instead:`, `## Fix safety`). Empty when the crate is built
    /// without the `docs` feature (the WASM analyzer ships docs as a separate asset).
    pub fn docs(&self) -> String {
        rules::dedent_docs(self.decl.docs)
    }

    pub fn fix_availability(&self) -> FixAvailability {
        self.decl.fix
    }

    /// The lib2to3 fixers this rule corresponds to; empty when none.
    pub fn lib2to3_fixers(&self) -> &'static [&'static str] {
        self.decl.lib2to3
    }

    /// The rows of the incompatibility catalogue this rule covers.
    pub fn catalogue_rows(&self) -> &'static [u16] {
        self.decl.catalogue
    }

    /// Whether the rule looks at code (rather than being emitted by the engine itself, as
    /// parse errors and unreadable files are).
    pub fn decl_has_check(&self) -> bool {
        self.decl.check.is_some()
    }

    /// Where the rule's documentation page lives.
    pub fn url(&self) -> String {
        format!("{DOCS_BASE_URL}/{}/", self.name)
    }
}

/// Base of the rule documentation pages generated under `docs/rules/`.
pub const DOCS_BASE_URL: &str = "https://py3port.github.io/py3port/rules";

macro_rules! registry {
    ($($code:literal, $name:literal, $variant:ident, $family:ident::$module:ident, $severity:ident, $enabled:literal;)*) => {
        /// A rule, by its registry variant. `Rule::meta()` gives everything about it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u16)]
        pub enum Rule {
            $($variant,)*
        }

        /// The registry, in code order.
        pub static RULES: &[RuleMeta] = &[
            $(RuleMeta {
                rule: Rule::$variant,
                code: $code,
                name: $name,
                family: Family::of_code($code),
                severity: Severity::$severity,
                default_enabled: $enabled,
                decl: &rules::$family::$module::DECL,
            },)*
        ];

        /// The folder each rule's file lives in, for the layout test.
        #[cfg(test)]
        pub(crate) static RULE_FOLDERS: &[(Rule, &str)] = &[$((Rule::$variant, stringify!($family)),)*];
    };
}

registry! {
    "PY3100", "parse-error",                   ParseError,                 syntax::parse_error,              Error,   true;
    "PY3101", "print-statement",               PrintStatement,             syntax::print_statement,          Error,   true;
    "PY3102", "exec-statement",                ExecStatement,              syntax::exec_statement,           Error,   true;
    "PY3103", "backquote-repr",                BackquoteRepr,              syntax::backquote_repr,           Error,   true;
    "PY3104", "diamond-not-equal",             DiamondNotEqual,            syntax::diamond_not_equal,        Error,   true;
    "PY3105", "old-octal-literal",             OldOctalLiteral,            syntax::old_octal_literal,        Error,   true;
    "PY3106", "long-suffix",                   LongSuffix,                 syntax::long_suffix,              Error,   true;
    "PY3107", "raw-unicode-literal",           RawUnicodeLiteral,          syntax::raw_unicode_literal,      Error,   true;
    "PY3108", "except-comma",                  ExceptComma,                syntax::except_comma,             Error,   true;
    "PY3109", "raise-comma",                   RaiseComma,                 syntax::raise_comma,              Error,   true;
    "PY3110", "tuple-parameter",               TupleParameter,             syntax::tuple_parameter,          Error,   true;
    "PY3111", "comprehension-bare-tuple",      ComprehensionBareTuple,     syntax::comprehension_bare_tuple, Error,   true;
    "PY3112", "import-star-in-function",       ImportStarInFunction,       syntax::import_star_in_function,  Error,   true;
    "PY3113", "inconsistent-tabs",             InconsistentTabs,           syntax::inconsistent_tabs,        Error,   true;
    "PY3114", "assignment-to-keyword-constant", AssignmentToKeywordConstant, syntax::assignment_to_keyword_constant, Error, true;
    "PY3115", "keyword-as-identifier",         KeywordAsIdentifier,        syntax::keyword_as_identifier,    Error,   true;
    "PY3116", "unicode-escape-in-str",         UnicodeEscapeInStr,         syntax::unicode_escape_in_str,    Error,   true;
    "PY3117", "non-ascii-bytes-literal",       NonAsciiBytesLiteral,       syntax::non_ascii_bytes_literal,  Error,   true;
    "PY3190", "file-too-large",                FileTooLarge,               syntax::file_too_large,           Info,    true;
    "PY3191", "undecodable-source",            UndecodableSource,          syntax::undecodable_source,       Error,   true;
    "PY3201", "apply-builtin",                 ApplyBuiltin,               builtins::apply_builtin,          Error,   true;
    "PY3202", "basestring-builtin",            BasestringBuiltin,          builtins::basestring_builtin,     Error,   true;
    "PY3203", "unicode-builtin",               UnicodeBuiltin,             builtins::unicode_builtin,        Error,   true;
    "PY3204", "unichr-builtin",                UnichrBuiltin,              builtins::unichr_builtin,         Error,   true;
    "PY3205", "long-builtin",                  LongBuiltin,                builtins::long_builtin,           Error,   true;
    "PY3206", "buffer-builtin",                BufferBuiltin,              builtins::buffer_builtin,         Error,   false;
    "PY3207", "execfile-builtin",              ExecfileBuiltin,            builtins::execfile_builtin,       Error,   true;
    "PY3208", "reduce-builtin",                ReduceBuiltin,              builtins::reduce_builtin,         Error,   true;
    "PY3209", "intern-builtin",                InternBuiltin,              builtins::intern_builtin,         Error,   true;
    "PY3210", "reload-builtin",                ReloadBuiltin,              builtins::reload_builtin,         Error,   true;
    "PY3211", "raw-input-builtin",             RawInputBuiltin,            builtins::raw_input_builtin,      Error,   true;
    "PY3212", "file-builtin",                  FileBuiltin,                builtins::file_builtin,           Error,   true;
    "PY3213", "cmp-builtin",                   CmpBuiltin,                 builtins::cmp_builtin,            Error,   true;
    "PY3214", "coerce-builtin",                CoerceBuiltin,              builtins::coerce_builtin,         Error,   true;
    "PY3215", "xrange-builtin",                XrangeBuiltin,              builtins::xrange_builtin,         Error,   true;
    "PY3216", "dict-iter-method",              DictIterMethod,             builtins::dict_iter_method,       Error,   true;
    "PY3217", "dict-view-method",              DictViewMethod,             builtins::dict_view_method,       Error,   true;
    "PY3218", "dict-has-key",                  DictHasKey,                 builtins::dict_has_key,           Error,   true;
    "PY3219", "next-method-call",              NextMethodCall,             builtins::next_method_call,       Error,   true;
    "PY3220", "xreadlines-method",             XreadlinesMethod,           builtins::xreadlines_method,      Error,   true;
    "PY3221", "function-attribute",            FunctionAttribute,          builtins::function_attribute,     Error,   true;
    "PY3222", "method-attribute",              MethodAttribute,            builtins::method_attribute,       Error,   true;
    "PY3223", "generator-throw-args",          GeneratorThrowArgs,         builtins::generator_throw_args,   Warning, true;
    "PY3224", "standard-error",                StandardError,              builtins::standard_error,         Error,   true;
    "PY3225", "string-exception",              StringException,            builtins::string_exception,       Error,   true;
    "PY3226", "sort-cmp-argument",             SortCmpArgument,            builtins::sort_cmp_argument,      Error,   true;
    "PY3227", "exception-message-attribute",   ExceptionMessageAttribute,  builtins::exception_message_attribute, Error, true;
    "PY3228", "str-decode",                    StrDecode,                  builtins::str_decode,             Error,   true;
    "PY3301", "renamed-module",                RenamedModule,              stdlib::renamed_module,           Error,   true;
    "PY3302", "urllib-module",                 UrllibModule,               stdlib::urllib_module,            Error,   true;
    "PY3303", "removed-module",                RemovedModule,              stdlib::removed_module,           Error,   true;
    "PY3304", "removed-later-module",          RemovedLaterModule,         stdlib::removed_later_module,     Error,   true;
    "PY3305", "os-getcwdu",                    OsGetcwdu,                  stdlib::os_getcwdu,               Error,   true;
    "PY3306", "sys-maxint",                    SysMaxint,                  stdlib::sys_maxint,               Error,   true;
    "PY3307", "sys-exc-attribute",             SysExcAttribute,            stdlib::sys_exc_attribute,        Error,   true;
    "PY3308", "sys-exc-clear",                 SysExcClear,                stdlib::sys_exc_clear,            Error,   true;
    "PY3309", "sys-exitfunc",                  SysExitfunc,                stdlib::sys_exitfunc,             Error,   true;
    "PY3310", "sys-setdefaultencoding",        SysSetdefaultencoding,      stdlib::sys_setdefaultencoding,   Error,   true;
    "PY3311", "types-constant",                TypesConstant,              stdlib::types_constant,           Error,   true;
    "PY3312", "operator-function",             OperatorFunction,           stdlib::operator_function,        Error,   true;
    "PY3313", "itertools-function",            ItertoolsFunction,          stdlib::itertools_function,       Error,   true;
    "PY3314", "string-module-function",        StringModuleFunction,       stdlib::string_module_function,   Error,   true;
    "PY3315", "deprecated-unittest-alias",     DeprecatedUnittestAlias,    stdlib::deprecated_unittest_alias, Warning, true;
    "PY3316", "collections-abc-alias",         CollectionsAbcAlias,        stdlib::collections_abc_alias,    Warning, true;
    "PY3317", "open-universal-newlines",       OpenUniversalNewlines,      stdlib::open_universal_newlines,  Warning, true;
    "PY3318", "email-legacy-module",           EmailLegacyModule,          stdlib::email_legacy_module,      Error,   true;
    "PY3319", "future-builtins-import",        FutureBuiltinsImport,       stdlib::future_builtins_import,   Error,   true;
    "PY3401", "dict-view-as-list",             DictViewAsList,             behaviour::dict_view_as_list,     Error,   true;
    "PY3402", "dict-keys-list-wrap",           DictKeysListWrap,           behaviour::dict_keys_list_wrap,   Warning, false;
    "PY3403", "range-as-list",                 RangeAsList,                behaviour::range_as_list,         Error,   true;
    "PY3404", "range-list-wrap",               RangeListWrap,              behaviour::range_list_wrap,       Warning, false;
    "PY3405", "map-returns-iterator",          MapReturnsIterator,         behaviour::map_returns_iterator,  Warning, true;
    "PY3406", "filter-returns-iterator",       FilterReturnsIterator,      behaviour::filter_returns_iterator, Warning, true;
    "PY3407", "zip-returns-iterator",          ZipReturnsIterator,         behaviour::zip_returns_iterator,  Warning, true;
    "PY3408", "next-method-defined",           NextMethodDefined,          behaviour::next_method_defined,   Error,   true;
    "PY3409", "nonzero-method",                NonzeroMethod,              behaviour::nonzero_method,        Error,   true;
    "PY3410", "metaclass-attribute",           MetaclassAttribute,         behaviour::metaclass_attribute,   Error,   true;
    "PY3411", "input-builtin",                 InputBuiltin,               behaviour::input_builtin,         Warning, true;
    "PY3412", "implicit-relative-import",      ImplicitRelativeImport,     behaviour::implicit_relative_import, Error, true;
    "PY3413", "classic-division",              ClassicDivision,             behaviour::classic_division,        Warning, true;
    "PY3414", "div-method",                    DivMethod,                   behaviour::div_method,              Error,  true;
    "PY3415", "cmp-method",                    CmpMethod,                   behaviour::cmp_method,              Error,  true;
    "PY3416", "eq-without-hash",               EqWithoutHash,               behaviour::eq_without_hash,         Warning, true;
    "PY3417", "slice-method",                  SliceMethod,                 behaviour::slice_method,            Error,  true;
    "PY3418", "coerce-method",                 CoerceMethod,                behaviour::coerce_method,           Error,  true;
    "PY3419", "hex-oct-method",                HexOctMethod,                behaviour::hex_oct_method,          Error,  true;
    "PY3420", "unicode-method",                UnicodeMethod,               behaviour::unicode_method,          Error,  true;
    "PY3421", "round-builtin",                 RoundBuiltin,                behaviour::round_builtin,           Warning, true;
    "PY3422", "generator-stop-iteration",      GeneratorStopIteration,      behaviour::generator_stop_iteration, Error,  true;
    "PY3423", "unorderable-comparison",        UnorderableComparison,       behaviour::unorderable_comparison,  Error,  true;
    "PY3424", "exception-variable-escape",     ExceptionVariableEscape,     behaviour::exception_variable_escape, Error,  true;
    "PY3425", "comprehension-variable-escape", ComprehensionVariableEscape, behaviour::comprehension_variable_escape, Error,  true;
    "PY3426", "exception-indexing",            ExceptionIndexing,           behaviour::exception_indexing,      Error,  true;
    "PY3427", "classic-class-exception",       ClassicClassException,       behaviour::classic_class_exception, Error,  true;
    "PY3428", "classic-class-semantics",       ClassicClassSemantics,       behaviour::classic_class_semantics, Warning, true;
    "PY3429", "str-translate-none",            StrTranslateNone,            behaviour::str_translate_none,      Error,  true;
    "PY3430", "bytes-text-mix",                BytesTextMix,                behaviour::bytes_text_mix,          Error,  true;
    "PY3431", "text-to-bytes-api",             TextToBytesApi,              behaviour::text_to_bytes_api,       Error,  true;
    "PY3432", "bytes-indexing",                BytesIndexing,               behaviour::bytes_indexing,          Error,  true;
    "PY3433", "bytes-constructor",             BytesConstructor,            behaviour::bytes_constructor,       Error,  true;
    "PY3434", "non-text-codec",                NonTextCodec,                behaviour::non_text_codec,          Error,  true;
    "PY3435", "binary-open-mode",              BinaryOpenMode,              behaviour::binary_open_mode,        Error,  true;
    "PY3436", "csv-binary-mode",               CsvBinaryMode,               behaviour::csv_binary_mode,         Error,  true;
    "PY3437", "pickle-python2-data",           PicklePython2Data,           behaviour::pickle_python2_data,     Warning, true;
    "PY3438", "long-repr-suffix",              LongReprSuffix,              behaviour::long_repr_suffix,        Warning, true;
    "PY3439", "oct-output",                    OctOutput,                   behaviour::oct_output,              Warning, true;
    "PY3440", "map-unequal-lengths",           MapUnequalLengths,           behaviour::map_unequal_lengths,     Warning, true;
    "PY3441", "doctest-python2-output",        DoctestPython2Output,        behaviour::doctest_python2_output,  Warning, true;
    "PY3442", "exec-locals",                   ExecLocals,                  behaviour::exec_locals,             Error,  true;
    "PY3501", "future-import",                 FutureImport,               leftovers::future_import,         Info,    false;
    "PY3502", "unicode-prefix",                UnicodePrefix,              leftovers::unicode_prefix,        Info,    false;
    "PY3503", "redundant-isinstance-type",     RedundantIsinstanceType,    leftovers::redundant_isinstance_type, Info, false;
    "PY3504", "set-literal",                   SetLiteral,                 leftovers::set_literal,           Info,    false;
    "PY3505", "type-comparison",               TypeComparison,             leftovers::type_comparison,       Info,    false;
    "PY3506", "while-one",                     WhileOne,                   leftovers::while_one,             Info,    false;
    "PY3507", "sorted-idiom",                  SortedIdiom,                leftovers::sorted_idiom,          Info,    false;
    "PY3508", "whitespace-before-comma",       WhitespaceBeforeComma,      leftovers::whitespace_before_comma, Info,  false;
    "PY3509", "coding-cookie",                 CodingCookie,               leftovers::coding_cookie,         Info,    false;
    "PY3510", "object-base",                   ObjectBase,                 leftovers::object_base,           Info,    false;
    "PY3511", "super-with-arguments",          SuperWithArguments,         leftovers::super_with_arguments,  Info,    false;
    "PY3512", "io-open",                       IoOpen,                     leftovers::io_open,               Info,    false;
    "PY3513", "compat-builtin-import",         CompatBuiltinImport,        leftovers::compat_builtin_import, Info,    false;
    "PY3514", "useless-metaclass-type",        UselessMetaclassType,       leftovers::useless_metaclass_type, Info,    false;
    "PY3515", "six-type-alias",                SixTypeAlias,               leftovers::six_type_alias,        Info,    false;
    "PY3516", "six-dict-iter",                 SixDictIter,                leftovers::six_dict_iter,         Info,    false;
    "PY3517", "six-literal-call",              SixLiteralCall,             leftovers::six_literal_call,      Info,    false;
    "PY3518", "six-print-exec",                SixPrintExec,               leftovers::six_print_exec,        Info,    false;
    "PY3519", "six-reraise",                   SixReraise,                 leftovers::six_reraise,           Info,    false;
    "PY3520", "six-metaclass",                 SixMetaclass,               leftovers::six_metaclass,         Info,    false;
    "PY3521", "unicode-compatible-decorator",  UnicodeCompatibleDecorator, leftovers::unicode_compatible_decorator, Info,    false;
    "PY3522", "six-iterator-base",             SixIteratorBase,            leftovers::six_iterator_base,     Info,    false;
    "PY3523", "six-function-helper",           SixFunctionHelper,          leftovers::six_function_helper,   Info,    false;
    "PY3524", "six-assert-helper",             SixAssertHelper,            leftovers::six_assert_helper,     Info,    false;
    "PY3525", "six-moves-import",              SixMovesImport,             leftovers::six_moves_import,      Info,    false;
    "PY3526", "version-branch",                VersionBranch,              leftovers::version_branch,        Info,    false;
    "PY3527", "fragile-version-check",         FragileVersionCheck,        leftovers::fragile_version_check, Info,    false;
    "PY3528", "native-literal",                NativeLiteral,              leftovers::native_literal,        Info,    false;
    "PY3529", "redundant-encode",              RedundantEncode,            leftovers::redundant_encode,      Info,    false;
    "PY3530", "os-error-alias",                OsErrorAlias,               leftovers::os_error_alias,        Info,    false;
    "PY3531", "mock-import",                   MockImport,                 leftovers::mock_import,           Info,    false;
    "PY3532", "yield-in-for-loop",             YieldInForLoop,             leftovers::yield_in_for_loop,     Info,    false;
    "PY3533", "f-string",                      FString,                    leftovers::f_string,              Info,    false;
    "PY3534", "format-indexes",                FormatIndexes,              leftovers::format_indexes,        Info,    false;
    "PY3535", "print-extra-parentheses",       PrintExtraParentheses,      leftovers::print_extra_parentheses, Info,    false;
    "PY3536", "dict-comprehension",            DictComprehension,          leftovers::dict_comprehension,    Info,    false;
    "PY3537", "type-of-primitive",             TypeOfPrimitive,            leftovers::type_of_primitive,     Info,    false;
    "PY3538", "typing-text",                   TypingText,                 leftovers::typing_text,           Info,    false;
    "PY3539", "compat-shim",                   CompatShim,                 leftovers::compat_shim,           Info,    false;
    "PY3540", "python-future-import",          PythonFutureImport,         leftovers::python_future_import,  Info,    false;
    "PY3541", "dual-protocol-alias",           DualProtocolAlias,          leftovers::dual_protocol_alias,   Info,    false;
    "PY3542", "unused-compat-import",          UnusedCompatImport,         leftovers::unused_compat_import,  Info,    false;
    "PY3601", "no-python3-package",            NoPython3Package,           dependencies::no_python3_package, Error,   true;
    "PY3602", "stdlib-backport",               StdlibBackport,             dependencies::stdlib_backport,    Warning, true;
    "PY3603", "python2-only-pin",              Python2OnlyPin,             dependencies::python2_only_pin,   Error,   true;
    "PY3604", "superseded-package",            SupersededPackage,          dependencies::superseded_package, Warning, true;
    "PY3605", "unused-requirement",            UnusedRequirement,          dependencies::unused_requirement, Warning, true;
    "PY3606", "python2-only-release",          Python2OnlyRelease,         dependencies::python2_only_release, Error, true;
}

impl Rule {
    /// Number of rules in the registry.
    pub const COUNT: usize = RULES.len();

    pub fn meta(self) -> &'static RuleMeta {
        &RULES[self as usize]
    }

    pub fn code(self) -> &'static str {
        self.meta().code
    }

    pub fn name(self) -> &'static str {
        self.meta().name
    }

    pub fn family(self) -> Family {
        self.meta().family
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Every rule, in code order.
    pub fn all() -> impl Iterator<Item = Rule> {
        RULES.iter().map(|meta| meta.rule)
    }

    /// Whether the rule reads a Python 3 name with its Python 2 meaning: text that a fix
    /// produced (`raw_input` renamed `input`, `viewkeys()` renamed `keys()`, a `u''`
    /// prefix dropped) is Python 3 already, and such rules must not fire on it again.
    pub fn misreads_ported_code(self) -> bool {
        matches!(
            self,
            Rule::UnicodeEscapeInStr
                | Rule::DictViewAsList
                | Rule::DictKeysListWrap
                | Rule::RangeAsList
                | Rule::RangeListWrap
                | Rule::MapReturnsIterator
                | Rule::FilterReturnsIterator
                | Rule::ZipReturnsIterator
                | Rule::InputBuiltin
        )
    }

    /// Whether the rule's fix rewrites only a statement's frame (`print x` to `print(x)`),
    /// leaving the code inside it as it was: that code is not ported by the fix.
    pub fn fixes_only_the_frame(self) -> bool {
        matches!(self, Rule::PrintStatement | Rule::ExecStatement)
    }

    /// The rule with this exact code (`PY3101`) or name (`print-statement`).
    pub fn from_code_or_name(text: &str) -> Option<Rule> {
        RULES.iter().find(|meta| meta.code.eq_ignore_ascii_case(text) || meta.name == text).map(|meta| meta.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_in_their_family_folder() {
        for pair in RULES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} must sort before {}", pair[0].code, pair[1].code);
        }
        for (index, meta) in RULES.iter().enumerate() {
            assert_eq!(meta.rule as usize, index);
            assert!(meta.code.len() == 6 && meta.code.starts_with("PY3"), "{}", meta.code);
            assert!(
                meta.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && meta.name.starts_with(|c: char| c.is_ascii_lowercase()),
                "{}",
                meta.name
            );
        }
        for (rule, folder) in RULE_FOLDERS {
            assert_eq!(rule.family().as_str(), *folder, "{} lives in the wrong folder", rule.code());
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = RULES.iter().map(|meta| meta.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(Rule::from_code_or_name("PY3101"), Some(Rule::PrintStatement));
        assert_eq!(Rule::from_code_or_name("print-statement"), Some(Rule::PrintStatement));
        assert_eq!(Rule::from_code_or_name("PY9999"), None);
    }
}
