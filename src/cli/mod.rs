pub mod agree;
pub mod analysis;
pub mod annotations;
pub mod inspect;
pub mod study;
