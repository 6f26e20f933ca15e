//! The fonts of the window: egui's own, plus a bundled Chinese font as their last fallback.
//!
//! egui's default fonts (Ubuntu-Light, Hack) cover Latin, Greek and Cyrillic only, and
//! partly's `eframe` is built without its `system_fonts` feature, so nothing asks the OS
//! for a font either. Without this module every hanzi in a transcript, and the full-width
//! `：` `，` `。` around them, is drawn as the same empty box ("tofu"), even on a machine
//! that has CJK fonts installed.
//!
//! So partly bundles `assets/fonts/NotoSansSC-partly-subset.otf`: Noto Sans CJK SC cut
//! down to every hanzi of GB2312 (levels 1 and 2: 6,763), GB2312's symbol rows (kana,
//! bopomofo, pinyin, box drawing, ...), CJK Symbols and Punctuation (U+3000–U+303F) and
//! the Halfwidth and Fullwidth Forms (U+FF00–U+FFEF). It is about 1.6 MB, under the SIL
//! Open Font License; `assets/fonts/README.md` says where it came from and how to
//! regenerate it. It goes *last* in both families, so Latin text still looks exactly as
//! before and the bundled font only draws what egui's fonts cannot.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// The name the bundled font is registered under in [`FontDefinitions::font_data`].
pub const FONT_NAME: &str = "noto-sans-sc-subset";

/// The bundled font file (OpenType/CFF), compiled into the binary.
pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-partly-subset.otf");

/// egui's default fonts with the bundled Chinese font appended as the last fallback of
/// both [`FontFamily::Proportional`] and [`FontFamily::Monospace`].
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(FONT_BYTES)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(FONT_NAME.to_owned());
    }
    fonts
}

/// Installs [`definitions`] in `ctx`. Call once, before the first frame (e.g. in eframe's
/// app-creation closure); calling it again with the fonts already
/// in place changes nothing.
///
/// This replaces any fonts set on `ctx` before.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
