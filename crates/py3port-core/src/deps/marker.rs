//! PEP 508 environment markers (`python_version < "3"`, `sys_platform == "win32" and
//! extra == "test"`), parsed and evaluated with three-valued logic: only the Python
//! version is known when deciding whether a requirement applies to Python 3.

use super::version::{Operator, Specifier, Version};

/// A parsed marker expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    And(Vec<Marker>),
    Or(Vec<Marker>),
    Compare { left: Operand, operator: String, right: Operand },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    Variable(String),
    Literal(String),
}

/// Marker variables compared as versions.
const VERSION_VARIABLES: &[&str] = &["python_version", "python_full_version", "implementation_version"];

impl Marker {
    /// Parses a marker; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Marker> {
        let tokens = tokenize(text)?;
        let mut parser = Parser { tokens, at: 0 };
        let marker = parser.or()?;
        (parser.at == parser.tokens.len()).then_some(marker)
    }

    /// Evaluates with the variables `lookup` knows; `None` when the result depends on one
    /// it does not (`sys_platform`, `extra`).
    pub fn evaluate(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Option<bool> {
        match self {
            Marker::And(parts) => {
                let mut result = Some(true);
                for part in parts {
                    match part.evaluate(lookup) {
                        Some(false) => return Some(false),
                        None => result = None,
                        Some(true) => {}
                    }
                }
                result
            }
            Marker::Or(parts) => {
                let mut result = Some(false);
                for part in parts {
                    match part.evaluate(lookup) {
                        Some(true) => return Some(true),
                        None => result = None,
                        Some(false) => {}
                    }
                }
                result
            }
            Marker::Compare { left, operator, right } => {
                let value = |operand: &Operand| match operand {
                    Operand::Variable(name) => lookup(name),
                    Operand::Literal(text) => Some(text.clone()),
                };
                let is_version = [left, right]
                    .iter()
                    .any(|o| matches!(o, Operand::Variable(name) if VERSION_VARIABLES.contains(&name.as_str())));
                compare(&value(left)?, operator, &value(right)?, is_version)
            }
        }
    }

    /// Whether the marker can hold on some Python 3 from `3.<minor>` on: `false` only
    /// when it is certainly false on all of them (`python_version < "3"`,
    /// `python_version == "2.7"`).
    pub fn possible_on_python3(&self, minor: u8) -> bool {
        (minor..=20).any(|minor| {
            ["0", "99"].iter().any(|micro| {
                let lookup = |name: &str| python_variable(name, 3, minor, micro);
                self.evaluate(&lookup) != Some(false)
            })
        })
    }

    /// Whether the marker can hold on Python 2.7.
    pub fn possible_on_python2(&self) -> bool {
        let lookup = |name: &str| python_variable(name, 2, 7, "18");
        self.evaluate(&lookup) != Some(false)
    }
}

fn python_variable(name: &str, major: u8, minor: u8, micro: &str) -> Option<String> {
    match name {
        "python_version" => Some(format!("{major}.{minor}")),
        "python_full_version" => Some(format!("{major}.{minor}.{micro}")),
        _ => None,
    }
}

fn compare(left: &str, operator: &str, right: &str, is_version: bool) -> Option<bool> {
    match operator {
        "in" => return Some(right.contains(left)),
        "not in" => return Some(!right.contains(left)),
        _ => {}
    }
    if is_version
        && let (Some(version), Some(specifier)) =
            (Version::parse(left), Specifier::parse(&format!("{operator}{right}")))
    {
        return Some(specifier.contains(&version));
    }
    // Other variables compare as strings, and only for equality.
    match Operator::prefix(operator).map(|(op, _)| op) {
        Some(Operator::Equal | Operator::Arbitrary) => Some(left == right),
        Some(Operator::NotEqual) => Some(left != right),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Operator(String),
    Variable(String),
    Literal(String),
}

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &text[at..];
        let c = bytes[at];
        if c.is_ascii_whitespace() {
            at += 1;
        } else if c == b'(' {
            tokens.push(Token::Open);
            at += 1;
        } else if c == b')' {
            tokens.push(Token::Close);
            at += 1;
        } else if c == b'"' || c == b'\'' {
            let close = rest[1..].find(c as char)? + 1;
            tokens.push(Token::Literal(rest[1..close].to_owned()));
            at += close + 1;
        } else if let Some((operator, length)) = Operator::prefix(rest) {
            tokens.push(Token::Operator(operator.as_str().to_owned()));
            at += length;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let end =
                rest.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.')).unwrap_or(rest.len());
            let word = &rest[..end];
            at += end;
            match word {
                "and" => tokens.push(Token::And),
                "or" => tokens.push(Token::Or),
                "in" => tokens.push(Token::Operator("in".into())),
                "not" => {
                    let after = text[at..].trim_start();
                    if !after.starts_with("in") {
                        return None;
                    }
                    at = text.len() - after.len() + 2;
                    tokens.push(Token::Operator("not in".into()));
                }
                _ => tokens.push(Token::Variable(word.replace('.', "_"))),
            }
        } else {
            return None;
        }
    }
    Some(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn or(&mut self) -> Option<Marker> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            parts.push(self.and()?);
        }
        Some(if parts.len() == 1 { parts.pop()? } else { Marker::Or(parts) })
    }

    fn and(&mut self) -> Option<Marker> {
        let mut parts = vec![self.atom()?];
        while self.peek() == Some(&Token::And) {
            self.at += 1;
            parts.push(self.atom()?);
        }
        Some(if parts.len() == 1 { parts.pop()? } else { Marker::And(parts) })
    }

    fn atom(&mut self) -> Option<Marker> {
        if self.peek() == Some(&Token::Open) {
            self.at += 1;
            let inner = self.or()?;
            if self.peek() != Some(&Token::Close) {
                return None;
            }
            self.at += 1;
            return Some(inner);
        }
        let left = self.operand()?;
        let Some(Token::Operator(operator)) = self.peek().cloned() else { return None };
        self.at += 1;
        let right = self.operand()?;
        Some(Marker::Compare { left, operator, right })
    }

    fn operand(&mut self) -> Option<Operand> {
        let token = self.peek()?.clone();
        self.at += 1;
        match token {
            Token::Variable(name) => Some(Operand::Variable(name)),
            Token::Literal(text) => Some(Operand::Literal(text)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on3(text: &str, minor: u8) -> bool {
        Marker::parse(text).unwrap().possible_on_python3(minor)
    }

    #[test]
    fn python_2_only_markers_are_recognised() {
        assert!(!on3("python_version < '3'", 6));
        assert!(!on3("python_version == \"2.7\"", 6));
        assert!(!on3("python_version < \"3.0\" and sys_platform == 'win32'", 6));
        assert!(!on3("python_full_version < '3.4.0'", 6));
        assert!(!on3("python_version < '3.7'", 7));
        assert!(!on3("python_version in '2.6 2.7'", 6));
        assert!(on3("python_version < '3.7'", 6));
        assert!(on3("python_version < '3' or sys_platform == 'win32'", 6));
        assert!(on3("extra == 'test'", 6));
        assert!(on3("python_version >= '3'", 6));
        assert!(on3("(python_version < '3') or (python_version >= '3.8')", 6));
        assert!(Marker::parse("python_version < '3'").unwrap().possible_on_python2());
        assert!(!Marker::parse("python_version >= '3'").unwrap().possible_on_python2());
    }

    #[test]
    fn malformed_markers_are_refused() {
        assert!(Marker::parse("python_version <").is_none());
        assert!(Marker::parse("(python_version < '3'").is_none());
        assert!(Marker::parse("python_version < '3' garbage").is_none());
        assert!(Marker::parse("os.name == 'nt'").is_some());
    }
}
