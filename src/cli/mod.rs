pub mod annotations;
pub mod inspect;
