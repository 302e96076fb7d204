//! The standard-library tables: modules renamed, split, removed, and removed later in
//! Python 3, from lib2to3's `fix_imports`, `fix_imports2` and `fix_urllib` and the
//! Python 3 release notes.

/// A module renamed in Python 3: old name, new name, and whether the rename alone is
/// safe (`StringIO` to `io` is not: `io.StringIO` refuses bytes).
pub(crate) struct Renamed {
    pub old: &'static str,
    pub new: &'static str,
    pub safe: bool,
    /// The Python 3 minor version that removed the new module too (`_dummy_thread`).
    pub gone_in: Option<u8>,
}

const fn renamed(old: &'static str, new: &'static str) -> Renamed {
    Renamed { old, new, safe: true, gone_in: None }
}

pub(crate) static RENAMED: &[Renamed] = &[
    Renamed { old: "StringIO", new: "io", safe: false, gone_in: None },
    Renamed { old: "cStringIO", new: "io", safe: false, gone_in: None },
    renamed("cPickle", "pickle"),
    renamed("__builtin__", "builtins"),
    renamed("copy_reg", "copyreg"),
    renamed("Queue", "queue"),
    renamed("SocketServer", "socketserver"),
    Renamed { old: "ConfigParser", new: "configparser", safe: false, gone_in: None },
    renamed("repr", "reprlib"),
    renamed("FileDialog", "tkinter.filedialog"),
    renamed("tkFileDialog", "tkinter.filedialog"),
    renamed("SimpleDialog", "tkinter.simpledialog"),
    renamed("tkSimpleDialog", "tkinter.simpledialog"),
    renamed("tkColorChooser", "tkinter.colorchooser"),
    renamed("tkCommonDialog", "tkinter.commondialog"),
    renamed("Dialog", "tkinter.dialog"),
    renamed("Tkdnd", "tkinter.dnd"),
    renamed("tkFont", "tkinter.font"),
    renamed("tkMessageBox", "tkinter.messagebox"),
    renamed("ScrolledText", "tkinter.scrolledtext"),
    renamed("Tkconstants", "tkinter.constants"),
    Renamed { old: "Tix", new: "tkinter.tix", safe: true, gone_in: Some(13) },
    renamed("ttk", "tkinter.ttk"),
    renamed("Tkinter", "tkinter"),
    renamed("markupbase", "_markupbase"),
    renamed("_winreg", "winreg"),
    renamed("thread", "_thread"),
    Renamed { old: "dummy_thread", new: "_dummy_thread", safe: true, gone_in: Some(9) },
    // `dbm.bsd` never existed in Python 3 (lib2to3 maps `dbhash` to it anyway).
    Renamed { old: "dbhash", new: "dbm.bsd", safe: false, gone_in: Some(0) },
    renamed("dumbdbm", "dbm.dumb"),
    // `dbm` is also Python 3's generic `dbm` package (what `anydbm` becomes), where
    // `import dbm` keeps working; it is not renamed.
    renamed("gdbm", "dbm.gnu"),
    renamed("xmlrpclib", "xmlrpc.client"),
    renamed("DocXMLRPCServer", "xmlrpc.server"),
    renamed("SimpleXMLRPCServer", "xmlrpc.server"),
    renamed("httplib", "http.client"),
    renamed("htmlentitydefs", "html.entities"),
    renamed("HTMLParser", "html.parser"),
    renamed("Cookie", "http.cookies"),
    renamed("cookielib", "http.cookiejar"),
    renamed("BaseHTTPServer", "http.server"),
    renamed("SimpleHTTPServer", "http.server"),
    renamed("CGIHTTPServer", "http.server"),
    Renamed { old: "commands", new: "subprocess", safe: false, gone_in: None },
    renamed("UserString", "collections"),
    renamed("UserList", "collections"),
    renamed("urlparse", "urllib.parse"),
    renamed("robotparser", "urllib.robotparser"),
    renamed("whichdb", "dbm"),
    renamed("anydbm", "dbm"),
    renamed("test.test_support", "test.support"),
];

/// A Python 3 module and the names it took over.
pub(crate) type NewHome = (&'static str, &'static [&'static str]);

/// What `urllib` and `urllib2` became: the names of each new module.
pub(crate) static URLLIB: &[(&str, &[NewHome])] = &[
    (
        "urllib",
        &[
            (
                "urllib.request",
                &[
                    "URLopener",
                    "FancyURLopener",
                    "urlretrieve",
                    "_urlopener",
                    "urlopen",
                    "urlcleanup",
                    "pathname2url",
                    "url2pathname",
                    "getproxies",
                ],
            ),
            (
                "urllib.parse",
                &[
                    "quote",
                    "quote_plus",
                    "unquote",
                    "unquote_plus",
                    "urlencode",
                    "splitattr",
                    "splithost",
                    "splitnport",
                    "splitpasswd",
                    "splitport",
                    "splitquery",
                    "splittag",
                    "splittype",
                    "splituser",
                    "splitvalue",
                ],
            ),
            ("urllib.error", &["ContentTooShortError"]),
        ],
    ),
    (
        "urllib2",
        &[
            (
                "urllib.request",
                &[
                    "urlopen",
                    "install_opener",
                    "build_opener",
                    "Request",
                    "OpenerDirector",
                    "BaseHandler",
                    "HTTPDefaultErrorHandler",
                    "HTTPRedirectHandler",
                    "HTTPCookieProcessor",
                    "ProxyHandler",
                    "HTTPPasswordMgr",
                    "HTTPPasswordMgrWithDefaultRealm",
                    "AbstractBasicAuthHandler",
                    "HTTPBasicAuthHandler",
                    "ProxyBasicAuthHandler",
                    "AbstractDigestAuthHandler",
                    "HTTPDigestAuthHandler",
                    "ProxyDigestAuthHandler",
                    "HTTPHandler",
                    "HTTPSHandler",
                    "FileHandler",
                    "FTPHandler",
                    "CacheFTPHandler",
                    "UnknownHandler",
                ],
            ),
            ("urllib.error", &["URLError", "HTTPError"]),
            (
                "urllib.parse",
                &[
                    "quote",
                    "quote_plus",
                    "unquote",
                    "unquote_plus",
                    "urlencode",
                    "splitattr",
                    "splithost",
                    "splitnport",
                    "splitpasswd",
                    "splitport",
                    "splitquery",
                    "splittag",
                    "splittype",
                    "splituser",
                    "splitvalue",
                ],
            ),
        ],
    ),
];

/// Where a name of `urllib` or `urllib2` went.
pub(crate) fn urllib_target(module: &str, name: &str) -> Option<&'static str> {
    let (_, targets) = URLLIB.iter().find(|(m, _)| *m == module)?;
    targets.iter().find(|(_, names)| names.contains(&name)).map(|(target, _)| *target)
}

/// The modules `import urllib` (or `urllib2`) becomes.
pub(crate) fn urllib_modules(module: &str) -> Vec<&'static str> {
    URLLIB
        .iter()
        .find(|(m, _)| *m == module)
        .map(|(_, targets)| targets.iter().map(|(t, _)| *t).collect())
        .unwrap_or_default()
}

/// Python 2 modules with no direct successor, and what to use instead.
pub(crate) static REMOVED: &[(&str, &str)] = &[
    ("md5", "use `hashlib.md5`, which takes bytes"),
    ("sha", "use `hashlib.sha1`, which takes bytes"),
    ("sets", "use the builtin `set` and `frozenset`"),
    ("new", "use `types` (`types.MethodType`, `types.FunctionType`, ...)"),
    ("popen2", "use `subprocess`"),
    ("mimetools", "use the `email` package"),
    ("rfc822", "use the `email` package"),
    ("MimeWriter", "use the `email` package"),
    ("mimify", "use the `email` package"),
    ("multifile", "use the `email` package"),
    ("htmllib", "use `html.parser`"),
    ("sgmllib", "use `html.parser`"),
    ("compiler", "use `ast`"),
    ("exceptions", "the exceptions are builtins"),
    ("UserDict", "use `collections.UserDict`, or `collections.abc.MutableMapping` for `DictMixin`"),
    ("rexec", "restricted execution was removed; there is no replacement"),
    ("Bastion", "restricted execution was removed; there is no replacement"),
    ("dircache", "use `os.listdir`"),
    ("dl", "use `ctypes`"),
    ("fpformat", "use string formatting"),
    ("ihooks", "use `importlib`"),
    ("imputil", "use `importlib`"),
    ("mhlib", "use `mailbox`"),
    ("mutex", "use `threading.Lock`"),
    ("posixfile", "use `fcntl.lockf`"),
    ("user", "read the user's configuration explicitly"),
    ("statvfs", "use the fields of `os.statvfs()`'s result"),
    ("hotshot", "use `cProfile`"),
    ("bsddb", "use the `bsddb3` distribution or `dbm`"),
    ("cl", "removed without replacement"),
    ("sunaudiodev", "removed without replacement"),
    ("linuxaudiodev", "use `ossaudiodev`"),
    ("toaiff", "removed without replacement"),
    ("audiodev", "removed without replacement"),
    ("Canvas", "use `tkinter`"),
    ("commands", "use `subprocess`"),
    ("future_builtins", "the builtins already behave this way"),
];

/// Modules Python 3 removed in a later release: name, the minor version that removed
/// it, and the replacement.
pub(crate) static REMOVED_LATER: &[(&str, u8, &str)] = &[
    ("macpath", 8, "use `os.path`"),
    ("_dummy_thread", 9, "use `_thread`"),
    ("dummy_threading", 9, "use `threading`"),
    ("xml.etree.cElementTree", 9, "use `xml.etree.ElementTree`"),
    ("formatter", 10, "removed without replacement"),
    ("parser", 10, "use `ast`"),
    ("symbol", 10, "use `ast`"),
    ("binhex", 11, "removed without replacement"),
    ("asynchat", 12, "use `asyncio`"),
    ("asyncore", 12, "use `asyncio`"),
    ("smtpd", 12, "use `aiosmtpd`"),
    ("imp", 12, "use `importlib`"),
    ("distutils", 12, "use `setuptools` and `sysconfig`"),
    ("aifc", 13, "removed without replacement"),
    ("audioop", 13, "removed without replacement"),
    ("cgi", 13, "use `email.message` and `urllib.parse`"),
    ("cgitb", 13, "removed without replacement"),
    ("chunk", 13, "removed without replacement"),
    ("crypt", 13, "use `hashlib`"),
    ("imghdr", 13, "use the `filetype` or `puremagic` distributions"),
    ("lib2to3", 13, "removed without replacement"),
    ("mailcap", 13, "use `mimetypes`"),
    ("msilib", 13, "removed without replacement"),
    ("nis", 13, "removed without replacement"),
    ("nntplib", 13, "removed without replacement"),
    ("ossaudiodev", 13, "removed without replacement"),
    ("pipes", 13, "use `subprocess` and `shlex.quote`"),
    ("sndhdr", 13, "removed without replacement"),
    ("spwd", 13, "removed without replacement"),
    ("sunau", 13, "removed without replacement"),
    ("telnetlib", 13, "removed without replacement"),
    ("uu", 13, "use `base64`"),
    ("xdrlib", 13, "removed without replacement"),
    ("tkinter.tix", 13, "use `tkinter.ttk`"),
];

/// `types` members: what they became, or `None` where there is no one replacement, and
/// whether the rewrite is safe.
pub(crate) static TYPES: &[(&str, Option<&str>, bool)] = &[
    ("BooleanType", Some("bool"), true),
    ("BufferType", Some("memoryview"), false),
    ("ClassType", Some("type"), false),
    ("ComplexType", Some("complex"), true),
    ("DictType", Some("dict"), true),
    ("DictionaryType", Some("dict"), true),
    ("EllipsisType", Some("type(Ellipsis)"), true),
    ("FloatType", Some("float"), true),
    ("IntType", Some("int"), true),
    ("ListType", Some("list"), true),
    ("LongType", Some("int"), true),
    ("ObjectType", Some("object"), true),
    ("NoneType", Some("type(None)"), true),
    ("NotImplementedType", Some("type(NotImplemented)"), true),
    ("SliceType", Some("slice"), true),
    ("StringType", Some("bytes"), false),
    ("StringTypes", Some("(str,)"), false),
    ("TupleType", Some("tuple"), true),
    ("TypeType", Some("type"), true),
    ("UnicodeType", Some("str"), true),
    ("XRangeType", Some("range"), true),
    ("InstanceType", None, false),
    ("FileType", None, false),
    ("UnboundMethodType", None, false),
    ("DictProxyType", Some("types.MappingProxyType"), true),
];
