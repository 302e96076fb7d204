//! PEP 440 versions and specifiers, as far as dependency readiness needs them: ordering
//! versions, and the highest version a specifier set allows (to tell a pin that only
//! Python 2 releases satisfy).

use std::cmp::Ordering;

/// A PEP 440 version. Local labels (`+ubuntu1`) are kept out of the ordering, and
/// equality is the ordering's (`1.0 == 1.0.0`).
#[derive(Clone, Debug)]
pub struct Version {
    pub epoch: u64,
    pub release: Vec<u64>,
    /// `a`, `b` or `rc` (0, 1, 2) and its number.
    pub pre: Option<(u8, u64)>,
    pub post: Option<u64>,
    pub dev: Option<u64>,
}

impl Version {
    /// Parses a version leniently (`v1.2`, `1.2-rc.1`, `1.2.post3.dev0`); `None` for
    /// anything that is not one.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim().to_ascii_lowercase();
        let text = text.strip_prefix('v').unwrap_or(&text);
        let text = text.split('+').next().unwrap_or_default();
        let (epoch, rest) = match text.split_once('!') {
            Some((epoch, rest)) => (epoch.parse().ok()?, rest),
            None => (0, text),
        };
        let bytes = rest.as_bytes();
        let mut at = 0;
        let mut release = Vec::new();
        loop {
            let start = at;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
            if start == at {
                return None;
            }
            release.push(rest[start..at].parse().ok()?);
            if at + 1 < bytes.len() && bytes[at] == b'.' && bytes[at + 1].is_ascii_digit() {
                at += 1;
                continue;
            }
            break;
        }
        let mut version = Version { epoch, release, pre: None, post: None, dev: None };
        let mut rest = &rest[at..];
        while !rest.is_empty() {
            rest = rest.trim_start_matches(['.', '-', '_']);
            let (label, after) = split_label(rest);
            let (number, after) = split_number(after.trim_start_matches(['.', '-', '_']));
            match label {
                "a" | "alpha" => version.pre = Some((0, number.unwrap_or(0))),
                "b" | "beta" => version.pre = Some((1, number.unwrap_or(0))),
                "rc" | "c" | "pre" | "preview" => version.pre = Some((2, number.unwrap_or(0))),
                "post" | "rev" | "r" => version.post = Some(number.unwrap_or(0)),
                "dev" => version.dev = Some(number.unwrap_or(0)),
                // `1.0-1` is a post-release.
                "" if number.is_some() => version.post = number,
                _ => return None,
            }
            if after.len() == rest.len() {
                return None;
            }
            rest = after;
        }
        Some(version)
    }

    /// The release with trailing zeros dropped, for comparisons (`1.0 == 1`).
    fn trimmed(&self) -> &[u64] {
        let mut end = self.release.len();
        while end > 1 && self.release[end - 1] == 0 {
            end -= 1;
        }
        &self.release[..end]
    }

    pub fn is_prerelease(&self) -> bool {
        self.pre.is_some() || self.dev.is_some()
    }
}

fn split_label(text: &str) -> (&str, &str) {
    let end = text.bytes().position(|b| !b.is_ascii_alphabetic()).unwrap_or(text.len());
    text.split_at(end)
}

fn split_number(text: &str) -> (Option<u64>, &str) {
    let end = text.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(text.len());
    let (digits, rest) = text.split_at(end);
    (digits.parse().ok(), rest)
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        // PEP 440: `1.0.dev0 < 1.0a1 < 1.0 < 1.0.post1`; a dev release of a pre-release
        // sorts before it, and of a post-release too.
        fn key(v: &Version) -> (i128, i128, i128) {
            let pre = match (v.pre, v.post, v.dev) {
                (None, None, Some(_)) => -1,
                (Some((kind, n)), _, _) => i128::from(kind) * (1 << 40) + i128::from(n),
                (None, _, _) => i128::MAX,
            };
            let post = v.post.map_or(-1, i128::from);
            let dev = v.dev.map_or(i128::MAX, i128::from);
            (pre, post, dev)
        }
        self.epoch
            .cmp(&other.epoch)
            .then_with(|| self.trimmed().cmp(other.trimmed()))
            .then_with(|| key(self).cmp(&key(other)))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let release: Vec<String> = self.release.iter().map(u64::to_string).collect();
        write!(f, "{}", release.join("."))
    }
}

/// A comparison operator of a version specifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Compatible,
    Arbitrary,
}

impl Operator {
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Equal => "==",
            Operator::NotEqual => "!=",
            Operator::Less => "<",
            Operator::LessEqual => "<=",
            Operator::Greater => ">",
            Operator::GreaterEqual => ">=",
            Operator::Compatible => "~=",
            Operator::Arbitrary => "===",
        }
    }

    /// The operator at the start of `text` and its length.
    pub fn prefix(text: &str) -> Option<(Operator, usize)> {
        const OPERATORS: [(&str, Operator); 8] = [
            ("===", Operator::Arbitrary),
            ("==", Operator::Equal),
            ("!=", Operator::NotEqual),
            ("<=", Operator::LessEqual),
            (">=", Operator::GreaterEqual),
            ("~=", Operator::Compatible),
            ("<", Operator::Less),
            (">", Operator::Greater),
        ];
        OPERATORS.iter().find(|(op, _)| text.starts_with(op)).map(|(op, operator)| (*operator, op.len()))
    }
}

/// One clause of a specifier set: `==1.4.*`, `>=2.0`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Specifier {
    pub operator: Operator,
    /// The version as written, without a trailing `.*`.
    pub version: String,
    /// `==1.4.*` / `!=1.4.*`.
    pub wildcard: bool,
}

impl Specifier {
    /// Parses `op version`; `None` if either part is missing or the version invalid.
    pub fn parse(text: &str) -> Option<Specifier> {
        let text = text.trim();
        let (operator, length) = Operator::prefix(text)?;
        let version = text[length..].trim();
        let (version, wildcard) = match version.strip_suffix(".*") {
            Some(base) => (base, true),
            None => (version, false),
        };
        if operator != Operator::Arbitrary {
            Version::parse(version)?;
        }
        Some(Specifier { operator, version: version.to_owned(), wildcard })
    }

    /// Parses a comma-separated specifier set; `None` if any clause is invalid.
    pub fn parse_set(text: &str) -> Option<Vec<Specifier>> {
        let text = text.trim();
        if text.is_empty() {
            return Some(Vec::new());
        }
        text.split(',').map(Specifier::parse).collect()
    }

    /// Whether `version` satisfies this clause (pre-releases treated as any other).
    pub fn contains(&self, version: &Version) -> bool {
        let Some(own) = Version::parse(&self.version) else {
            return self.operator == Operator::Arbitrary && self.version == version.to_string();
        };
        if self.wildcard {
            let prefix = &own.release;
            let matches = version.epoch == own.epoch
                && prefix.iter().enumerate().all(|(i, part)| version.release.get(i).copied().unwrap_or(0) == *part);
            return match self.operator {
                Operator::Equal => matches,
                Operator::NotEqual => !matches,
                _ => false,
            };
        }
        match self.operator {
            Operator::Equal | Operator::Arbitrary => *version == own,
            Operator::NotEqual => *version != own,
            Operator::Less => *version < own,
            Operator::LessEqual => *version <= own,
            Operator::Greater => *version > own,
            Operator::GreaterEqual => *version >= own,
            Operator::Compatible => {
                let upper = compatible_upper(&own);
                *version >= own && upper.is_none_or(|upper| *version < upper)
            }
        }
    }

    /// The upper bound this clause puts on versions: the bound and whether it is
    /// inclusive. `None` when it sets none (`>=`, `!=`).
    fn upper_bound(&self) -> Option<(Version, bool)> {
        let own = Version::parse(&self.version)?;
        match self.operator {
            Operator::Equal if self.wildcard => Some((bump(&own.release, own.release.len()), false)),
            Operator::Equal | Operator::Arbitrary | Operator::LessEqual => Some((own, true)),
            Operator::Less => Some((own, false)),
            Operator::Compatible => compatible_upper(&own).map(|upper| (upper, false)),
            Operator::NotEqual | Operator::Greater | Operator::GreaterEqual => None,
        }
    }
}

/// `~=1.4.2` allows `<1.5`; `~=1.4` allows `<2`.
fn compatible_upper(version: &Version) -> Option<Version> {
    (version.release.len() >= 2).then(|| bump(&version.release, version.release.len() - 1))
}

/// The release with its component `length - 1` incremented and everything after dropped:
/// `bump([1, 4, 2], 2)` is `1.5`.
fn bump(release: &[u64], length: usize) -> Version {
    let mut release: Vec<u64> = release[..length.max(1)].to_vec();
    if let Some(last) = release.last_mut() {
        *last += 1;
    }
    // The lowest version with that prefix: `1.5.dev0`.
    Version { epoch: 0, release, pre: None, post: None, dev: Some(0) }
}

/// Whether every version a specifier set allows is below `version`: the set pins the
/// requirement under it (`==1.4.22`, `<1.5`, `~=1.4.0`, `==1.4.*`, `<=1.4`).
pub fn only_below(specifiers: &[Specifier], version: &Version) -> bool {
    specifiers
        .iter()
        .filter_map(Specifier::upper_bound)
        .any(|(upper, inclusive)| if inclusive { upper < *version } else { upper <= *version })
}

/// The exact version a specifier set pins (`==1.2.3`, `===1.2.3`), if it pins one.
pub fn pinned_version(specifiers: &[Specifier]) -> Option<&str> {
    specifiers
        .iter()
        .find(|s| matches!(s.operator, Operator::Equal | Operator::Arbitrary) && !s.wildcard)
        .map(|s| s.version.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn versions_order_as_pep_440_says() {
        let ordered = [
            "1.0.dev0",
            "1.0a1",
            "1.0a2.dev1",
            "1.0a2",
            "1.0b1",
            "1.0rc1",
            "1.0",
            "1.0.post1",
            "1.0.1",
            "1.1",
            "2!0.1",
        ];
        for pair in ordered.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
        assert_eq!(v("1.0"), v("1.0.0").clone());
        assert_eq!(v("1.0").cmp(&v("1")), Ordering::Equal);
        assert!(Version::parse("latest").is_none());
        assert!(Version::parse("1.0foo").is_none());
        assert_eq!(v("1.0-1").post, Some(1));
    }

    #[test]
    fn pins_below_a_version_are_recognised() {
        let below = |spec: &str, version: &str| only_below(&Specifier::parse_set(spec).unwrap(), &v(version));
        assert!(below("==1.4.22", "1.5"));
        assert!(below("<1.5", "1.5"));
        assert!(below("<=1.4.99", "1.5"));
        assert!(below("~=1.4.0", "1.5"));
        assert!(below("==1.4.*", "1.5"));
        assert!(below(">=1.2,<1.5", "1.5"));
        assert!(!below("==1.5", "1.5"));
        assert!(!below("~=1.4", "1.5"));
        assert!(!below(">=1.2", "1.5"));
        assert!(!below("<=1.5", "1.5"));
        assert!(!below("!=1.4", "1.5"));
        assert!(!below("", "1.5"));
        assert!(!below("==1.5.*", "1.5"));
    }

    #[test]
    fn specifiers_contain_versions() {
        let contains = |spec: &str, version: &str| Specifier::parse(spec).unwrap().contains(&v(version));
        assert!(contains("~=2.2", "2.9"));
        assert!(!contains("~=2.2", "3.0"));
        assert!(contains("==3.*", "3.12"));
        assert!(!contains("!=3.*", "3.1"));
        assert!(contains("<3", "2.7"));
        assert!(!contains(">=3.6", "2.7"));
    }
}
