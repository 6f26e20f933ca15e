//! Study mode for cross-examination: how each examiner question is built ([`form`]), the
//! examinations and their chapters, and a scorecard per examination ([`exams`]).

pub mod drill;
pub mod exams;
pub mod form;

pub use exams::{Chapter, Examination, Study, StudyQuestion, study};
pub use form::{Flag, Form, QuestionForm, classify_question, classify_unmarked_question, unmarked};
