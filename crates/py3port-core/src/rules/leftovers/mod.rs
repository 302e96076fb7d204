//! Python 2 leftovers in Python 3 code (`PY35xx`, off by default): the compatibility
//! layer and idioms to drop once Python 2 is gone.

pub(crate) mod future_import;
pub(crate) mod redundant_isinstance_type;
pub(crate) mod set_literal;
pub(crate) mod sorted_idiom;
pub(crate) mod type_comparison;
pub(crate) mod unicode_prefix;
pub(crate) mod while_one;
pub(crate) mod whitespace_before_comma;
