//! Dependencies (`PY36xx`): requirements that block or complicate a port. These rules
//! read dependency manifests (requirements files, `setup.py`, `setup.cfg`,
//! `pyproject.toml`, `Pipfile`), not code; `crate::deps` checks them, and each file here
//! holds a rule's declaration and documentation.

pub(crate) mod no_python3_package;
pub(crate) mod python2_only_pin;
pub(crate) mod python2_only_release;
pub(crate) mod stdlib_backport;
pub(crate) mod superseded_package;
pub(crate) mod unused_requirement;
