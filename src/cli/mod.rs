pub mod agree;
pub mod analysis;
pub mod annotations;
pub mod article;
pub mod inspect;
pub mod study;
