//! The lowest layer: character and word helpers shared by the importer, the quote checker,
//! annotations and the analyses. Imports nothing from the rest of the crate.

pub mod chars;
pub mod words;

pub use chars::{
    either_script, head_chars, is_cjk, is_cjk_punct, is_han, is_hangul, joins_without_space,
    shorten, squeeze, straighten, straighten_with_primes,
};
