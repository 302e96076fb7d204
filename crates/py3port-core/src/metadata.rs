//! Project metadata read statically from `setup.py`: the keyword arguments of the
//! `setup()` call, taken from the syntax tree. The file is never executed.

use tree_sitter::Node;

use crate::ast;
use crate::parse::parse;
use crate::syntax_kind::{Field, NodeKind, field};

/// What `setup()` declares, as far as literal values show it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetupPyMetadata {
    pub python_requires: Option<String>,
    pub classifiers: Vec<String>,
}

/// Reads the literal keyword arguments of the first `setup(...)` call in `source`.
pub fn read_setup_py(source: &str) -> SetupPyMetadata {
    let parsed = parse(source);
    let mut metadata = SetupPyMetadata::default();
    let mut cursor = parsed.tree.walk();
    'walk: loop {
        let node = cursor.node();
        if NodeKind::of(node) == NodeKind::Call && is_setup_call(source, node) {
            if let Some(arguments) = field(node, Field::Arguments) {
                for argument in ast::named_children(arguments) {
                    if NodeKind::of(argument) != NodeKind::KeywordArgument {
                        continue;
                    }
                    let (Some(name), Some(value)) = (field(argument, Field::Name), field(argument, Field::Value))
                    else {
                        continue;
                    };
                    match &source[name.byte_range()] {
                        "python_requires" => metadata.python_requires = string_value(source, value),
                        "classifiers" => {
                            metadata.classifiers = ast::named_children(value)
                                .into_iter()
                                .filter_map(|item| string_value(source, item))
                                .collect();
                        }
                        _ => {}
                    }
                }
            }
            break 'walk;
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    metadata
}

fn is_setup_call(source: &str, call: Node<'_>) -> bool {
    field(call, Field::Function).is_some_and(|function| {
        let text = &source[function.byte_range()];
        text == "setup" || text.ends_with(".setup")
    })
}

/// The value of a plain string literal (no escapes processed beyond the quotes).
fn string_value(source: &str, node: Node<'_>) -> Option<String> {
    let parts = ast::string_parts(source, node)?;
    if parts.is_format() || parts.quote == "`" {
        return None;
    }
    Some(source[parts.content.to_usize()].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_literal_keywords_only() {
        let metadata = read_setup_py(
            "from setuptools import setup\nsetup(name='x', python_requires='>=3.8',\n      classifiers=['Programming Language :: Python :: 3', 'License :: OSI'])\n",
        );
        assert_eq!(metadata.python_requires.as_deref(), Some(">=3.8"));
        assert_eq!(metadata.classifiers.len(), 2);
        assert_eq!(read_setup_py("import os\nos.system('rm -rf /')\n"), SetupPyMetadata::default());
    }
}
