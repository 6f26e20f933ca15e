//! Colours and spacing in one place: role colours, highlight alphas, the tag palette bridge.

use crate::annotation::Colour;
use crate::transcript::Role;
use egui::Color32;

/// The colour a role's speaker name is drawn in.
pub fn role_colour(role: Role, dark: bool) -> Color32 {
    match (role, dark) {
        (Role::Examiner, true) => Color32::from_rgb(0x6c, 0xa8, 0xe8),
        (Role::Examiner, false) => Color32::from_rgb(0x1f, 0x5f, 0xa8),
        (Role::Witness, true) => Color32::from_rgb(0xf0, 0x8c, 0x4a),
        (Role::Witness, false) => Color32::from_rgb(0xb0, 0x4a, 0x10),
        (Role::Court, true) => Color32::from_rgb(0xb7, 0x9c, 0xe8),
        (Role::Court, false) => Color32::from_rgb(0x5e, 0x3a, 0xa0),
        (_, true) => Color32::from_gray(0x9a),
        (_, false) => Color32::from_gray(0x60),
    }
}

/// A tag's colour for egui.
pub fn tag_colour(c: Colour) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// A tag's colour for text: lifted towards white on dark backgrounds so dark tag colours
/// (deep green, navy) stay readable.
pub fn tag_text(c: Colour, dark: bool) -> Color32 {
    if !dark {
        return tag_colour(c);
    }
    let lift = |v: u8| v + ((255 - v) as f32 * 0.35) as u8;
    Color32::from_rgb(lift(c.r), lift(c.g), lift(c.b))
}

/// The translucent fill behind annotated text.
pub fn highlight(c: Colour, dark: bool) -> Color32 {
    let alpha = if dark { 90 } else { 70 };
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, alpha)
}

/// Find hits.
pub fn find_hit(current: bool) -> Color32 {
    if current {
        Color32::from_rgba_unmultiplied(255, 200, 0, 200)
    } else {
        Color32::from_rgba_unmultiplied(255, 220, 0, 90)
    }
}

/// The background of selected turns.
pub fn selection(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(80, 120, 200, 40)
    } else {
        Color32::from_rgba_unmultiplied(60, 110, 220, 30)
    }
}

/// Width of the page:line gutter, in points.
pub const GUTTER: f32 = 64.0;
/// Width of one annotation bracket in the margin.
pub const BRACKET: f32 = 4.0;
