//! Writes PDFs from known text, as court reporters lay them out: 1-up pages with line numbers
//! in the margin, and condensed 4-up sheets. Shared by `tests/it/pdf.rs` and the benches.
#![allow(dead_code)]

/// Text drawn at a place on a page: x and y from the page's bottom left, in points.
pub struct Text {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

pub fn at(x: f32, y: f32, size: f32, text: impl Into<String>) -> Text {
    Text {
        x,
        y,
        size,
        text: text.into(),
    }
}

/// A PDF (Courier, letter pages) drawing each page's texts.
pub fn pdf_of(pages: &[Vec<Text>]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids: Vec<Object> = Vec::new();
    for texts in pages {
        let mut ops = Vec::new();
        for t in texts {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), t.size.into()]));
            ops.push(Operation::new("Td", vec![t.x.into(), t.y.into()]));
            // WinAnsi: Latin-1 characters are their own byte (0xAD is a soft hyphen).
            let bytes: Vec<u8> = t
                .text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect();
            ops.push(Operation::new(
                "Tj",
                vec![Object::String(bytes, lopdf::StringFormat::Literal)],
            ));
            ops.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().expect("content"),
        ));
        kids.push(
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            })
            .into(),
        );
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write PDF");
    out
}

/// Court-reporter pages: page number top right, line numbers right-aligned at the margin,
/// a running header and a reporter's footer.
pub fn one_up(lines: &[String], first_page: u32) -> Vec<Vec<Text>> {
    lines
        .chunks(25)
        .enumerate()
        .map(|(k, chunk)| {
            let mut page = vec![
                at(220.0, 760.0, 10.0, "Official - Subject to Final Review"),
                at(520.0, 740.0, 12.0, format!("{}", first_page + k as u32)),
                at(230.0, 30.0, 10.0, "Alderson Reporting Company"),
            ];
            for (i, text) in chunk.iter().enumerate() {
                let y = 700.0 - 26.0 * i as f32;
                let n = i + 1;
                let x = if n < 10 { 97.2 } else { 90.0 };
                page.push(at(x, y, 12.0, format!("{n}")));
                page.push(at(120.0, y, 12.0, text.trim_end()));
            }
            page
        })
        .collect()
}

/// Condensed sheets: four pages each, "Page N" over each, left column first.
pub fn four_up(lines: &[String], first_page: u32) -> Vec<Vec<Text>> {
    let pages: Vec<&[String]> = lines.chunks(25).collect();
    pages
        .chunks(4)
        .enumerate()
        .map(|(s, group)| {
            let mut sheet = Vec::new();
            for (q, chunk) in group.iter().enumerate() {
                let page = first_page + (s * 4 + q) as u32;
                let (x0, y0) = match q {
                    0 => (30.0, 740.0),
                    1 => (30.0, 370.0),
                    2 => (320.0, 740.0),
                    _ => (320.0, 370.0),
                };
                sheet.push(at(x0 + 100.0, y0 + 14.0, 7.0, format!("Page {page}")));
                for (i, text) in chunk.iter().enumerate() {
                    let y = y0 - 13.0 * i as f32;
                    let n = i + 1;
                    let x = if n < 10 { x0 + 4.2 } else { x0 };
                    sheet.push(at(x, y, 7.0, format!("{n}")));
                    sheet.push(at(x0 + 16.0, y, 7.0, text.trim_end()));
                }
            }
            sheet
        })
        .collect()
}
