//! PY3191: a file whose bytes cannot be decoded.

use crate::rules::declare_rule;

declare_rule! {
    /// A file whose bytes cannot be decoded as its declared (or default) encoding.
    ///
    /// ## What it does
    /// Reports a file that is not valid in the encoding its PEP 263 coding cookie
    /// declares (UTF-8 when there is none), or that looks like binary data. The file is
    /// not analysed and never rewritten.
    ///
    /// ## Why is this bad?
    /// Python 3 reads source as UTF-8 unless a cookie says otherwise, and refuses bytes
    /// that do not decode. Python 2 read undeclared source as ASCII but let non-ASCII
    /// bytes through inside strings and comments, so many Python 2 files hold Latin-1 or
    /// cp1252 text without a cookie.
    ///
    /// ## Example
    /// ```python
    /// name = 'Jos\xe9'  # the byte 0xE9 written raw, no coding cookie
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// # -*- coding: latin-1 -*-
    /// name = 'José'
    /// ```
    ///
    /// ## Fix safety
    /// There is no fix: the right encoding is a fact about the file that only its authors
    /// know. Add the cookie, or re-encode the file as UTF-8.
    fix: Never,
    kinds: [],
    check: None,
    lib2to3: [],
    catalogue: [],
}
