//! The bundled Chinese font: Chinese text is drawn with real glyphs once
//! `partly::app::fonts::install` has run, and as tofu (or, in kittest, a panic) without it.
//! Each check compares against a context without the font, so it cannot pass vacuously.

use egui::epaint::text::Galley;
use egui::{Color32, FontFamily, FontId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use partly::app::fonts;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Musk's answer, with full-width punctuation on both sides of the hanzi.
const ANSWER: &str = "马斯克：部分是。";
const SIZE: f32 = 20.0;

/// A context that has run one pass (egui has no fonts before that), with or without the
/// bundled font.
fn context(install: bool) -> egui::Context {
    let ctx = egui::Context::default();
    if install {
        fonts::install(&ctx);
    }
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear(); // there is no renderer to upload the font atlas to
    ctx
}

fn layout(ctx: &egui::Context, family: FontFamily) -> Arc<Galley> {
    ctx.fonts_mut(|f| {
        f.layout_no_wrap(ANSWER.to_owned(), FontId::new(SIZE, family), Color32::WHITE)
    })
}

/// How many pixels of the font atlas inside this glyph's rectangle have any coverage.
fn ink(ctx: &egui::Context, glyph: &egui::epaint::text::Glyph) -> usize {
    let image = ctx.fonts(|f| f.image());
    let [x0, y0] = glyph.uv_rect.min.map(usize::from);
    let [x1, y1] = glyph.uv_rect.max.map(usize::from);
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&p| image[p].a() > 0)
        .count()
}

/// The 6,763 hanzi of GB2312 (rows 16–55 are level 1, 56–87 level 2), decoded from their
/// two-byte codes. GBK is a superset of GB2312, and the few unassigned codes in these rows
/// decode to private-use or replacement characters, which are skipped.
fn gb2312_hanzi(rows: std::ops::RangeInclusive<u8>) -> Vec<char> {
    let mut chars = Vec::new();
    for hi in rows {
        for lo in 0xA1..=0xFEu8 {
            let bytes = [hi, lo];
            let (text, _) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
            let mut it = text.chars();
            if let (Some(c), None) = (it.next(), it.next())
                && ('\u{4E00}'..='\u{9FFF}').contains(&c)
            {
                chars.push(c);
            }
        }
    }
    chars
}

#[test]
fn chinese_is_laid_out_with_the_bundled_fonts_glyphs_not_tofu() {
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        // Without the font: every character is the primary font's `.notdef` box, about half
        // an em wide (Ubuntu-Light's / Hack's `.notdef`). They share atlas entries: one per
        // sub-pixel offset the box lands on (at most 4), never one per character.
        let bare = context(false);
        let tofu = layout(&bare, family.clone());
        let glyphs = &tofu.rows[0].glyphs;
        assert_eq!(glyphs.len(), ANSWER.chars().count(), "{family:?}");
        let rects: BTreeSet<_> = glyphs
            .iter()
            .map(|g| (g.uv_rect.min, g.uv_rect.max))
            .collect();
        assert!(
            rects.len() < glyphs.len(),
            "{family:?}: without the font the characters should share the tofu glyph: {rects:?}"
        );
        let advances: Vec<f32> = glyphs.iter().map(|g| g.advance_width).collect();
        assert!(
            advances
                .iter()
                .all(|&a| a == advances[0] && a < 0.75 * SIZE),
            "{family:?}: tofu is one glyph, narrower than full width: {advances:?}"
        );

        // With it: a distinct, inked glyph per character, each one em wide (full width).
        let ctx = context(true);
        let galley = layout(&ctx, family.clone());
        let glyphs = &galley.rows[0].glyphs;
        assert_eq!(
            glyphs.iter().map(|g| g.chr).collect::<String>(),
            ANSWER,
            "{family:?}"
        );
        let rects: BTreeSet<_> = glyphs
            .iter()
            .map(|g| (g.uv_rect.min, g.uv_rect.max))
            .collect();
        assert_eq!(
            rects.len(),
            glyphs.len(),
            "{family:?}: each character should have its own glyph"
        );
        for g in glyphs {
            assert!(
                !g.uv_rect.is_nothing(),
                "{family:?}: {:?} has no glyph",
                g.chr
            );
            assert!(
                ink(&ctx, g) > 0,
                "{family:?}: {:?} has an empty glyph",
                g.chr
            );
            assert!(
                (g.advance_width - SIZE).abs() <= 0.5,
                "{family:?}: {:?} is {} wide, not full width ({SIZE})",
                g.chr,
                g.advance_width
            );
        }
        let full_width = SIZE * glyphs.len() as f32;
        assert!(
            (galley.size().x - full_width).abs() <= 1.0 && tofu.size().x < galley.size().x,
            "{family:?}: {} wide with the font, {} without, {full_width} expected",
            galley.size().x,
            tofu.size().x
        );
    }
}

#[test]
fn bundled_font_is_the_last_fallback_and_draws_only_what_egui_cannot() {
    let defs = fonts::definitions();
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let chain = &defs.families[&family];
        assert_eq!(chain.last().map(String::as_str), Some(fonts::FONT_NAME));
        let default = &egui::FontDefinitions::default().families[&family];
        assert_eq!(&chain[..chain.len() - 1], &default[..], "{family:?}");
    }

    // Latin still comes from egui's own fonts, exactly as before.
    let (bare, ctx) = (context(false), context(true));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let latin = |c: &egui::Context| {
            c.fonts_mut(|f| {
                f.layout_no_wrap(
                    "Partly.".to_owned(),
                    FontId::new(SIZE, family.clone()),
                    Color32::WHITE,
                )
            })
            .size()
        };
        assert_eq!(latin(&bare), latin(&ctx), "{family:?}");
    }
}

#[test]
fn bundled_font_covers_gb2312_cjk_punctuation_fullwidth_forms_and_the_seed() {
    let level1 = gb2312_hanzi(0xB0..=0xD7);
    let all = gb2312_hanzi(0xB0..=0xF7);
    assert_eq!(level1.len(), 3755);
    assert_eq!(all.len(), 6763);

    let seed = std::fs::read_to_string(crate::common::repo("tests/data/seed_chinese.txt")).unwrap();
    let seed: BTreeSet<char> = seed.chars().filter(|c| !c.is_ascii()).collect();
    assert!(seed.len() > 40, "{seed:?}");

    // U+FF00 and a few gaps in the halfwidth block are unassigned; Noto has the rest.
    let punctuation = ('\u{3000}'..='\u{303F}')
        .chain('\u{FF01}'..='\u{FF9F}')
        .chain('\u{FFE0}'..='\u{FFE6}');

    let wanted: BTreeSet<char> = all.into_iter().chain(seed).chain(punctuation).collect();

    let bare = context(false);
    let ctx = context(true);
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let font = FontId::new(SIZE, family.clone());
        let missing_before =
            bare.fonts_mut(|f| wanted.iter().filter(|&&c| !f.has_glyph(&font, c)).count());
        assert!(
            missing_before > 6763,
            "{family:?}: egui's own fonts should lack the hanzi ({missing_before} missing)"
        );
        let missing: Vec<char> = ctx.fonts_mut(|f| {
            wanted
                .iter()
                .copied()
                .filter(|&c| !f.has_glyph(&font, c))
                .collect()
        });
        assert!(missing.is_empty(), "{family:?}: no glyph for {missing:?}");

        // And the hanzi really come from the bundled font.
        let owners = ctx.fonts_mut(|f| f.characters(&family).clone());
        for c in ANSWER.chars().chain(level1.iter().copied()) {
            assert!(
                owners[&c].iter().any(|name| name == fonts::FONT_NAME),
                "{family:?}: {c:?} comes from {:?}",
                owners[&c]
            );
        }
    }
}

#[test]
fn kittest_renders_a_chinese_label_after_install() {
    let mut harness = Harness::builder()
        .with_context_setup(fonts::install)
        .build_ui(|ui| {
            ui.label(ANSWER);
        });
    harness.run();
    harness.get_by_label(ANSWER);
}

/// The counterpart of the test above: kittest panics on a glyph no font has, so without
/// the bundled font the same label cannot be shown.
#[test]
#[should_panic(expected = "No glyph for")]
fn kittest_panics_on_a_chinese_label_without_install() {
    let mut harness = Harness::builder().build_ui(|ui| {
        ui.label(ANSWER);
    });
    harness.run();
}
