//! Prints how partly's geometry groups a PDF page's words into lines:
//! `cargo run --example pdf_lines -- FILE.pdf PAGE` (PAGE counts from 1).
use anyhow::{Context, Result};
use partly::transcript::pdf::{geometry, pages};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().context("usage: pdf_lines FILE.pdf PAGE")?;
    let page: usize = args.next().unwrap_or_else(|| "1".into()).parse()?;
    let all = pages(std::fs::read(&path)?).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let p = all.get(page.saturating_sub(1)).context("no such page")?;
    println!(
        "page {page} of {}: {} x {} points, {} words",
        all.len(),
        p.width,
        p.height,
        p.runs.len()
    );
    for (y, x, size, text) in geometry::lines_of(p) {
        println!("y {y:7.2} x {x:7.2} size {size:5.2} | {text}");
    }
    Ok(())
}
