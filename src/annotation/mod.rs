//! Annotations (placeholder being written).
