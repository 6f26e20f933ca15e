//! `partly --screenshot OUT.png`: render the window at a fixed size, write a PNG, exit.
//! Used for the README and for looking at the UI from scripts.

use super::PartlyApp;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Frames to draw before capturing, so that layout and row heights have settled.
const SETTLE_FRAMES: u32 = 6;

pub struct Pending {
    path: PathBuf,
    frames: u32,
    requested: bool,
    done: Arc<Mutex<Option<Result<(), String>>>>,
}

impl Pending {
    pub fn new(path: PathBuf) -> Self {
        Pending {
            path,
            frames: 0,
            requested: false,
            done: Arc::new(Mutex::new(None)),
        }
    }
}

/// Advances a pending screenshot by one frame.
pub fn step(app: &mut PartlyApp, ctx: &egui::Context) {
    let loading = app.is_loading();
    let Some(p) = &mut app.screenshot else { return };
    ctx.request_repaint();
    // Show the transcript, not the progress of opening it.
    if loading {
        return;
    }
    p.frames += 1;
    if p.frames >= SETTLE_FRAMES && !p.requested {
        p.requested = true;
        let (path, done) = (p.path.clone(), p.done.clone());
        ctx.request_screenshot(move |image| {
            let result = write_png(&path, &image);
            if let Ok(mut slot) = done.lock() {
                *slot = Some(result);
            }
        });
    }
    let finished = p.done.lock().ok().and_then(|mut s| s.take());
    if let Some(result) = finished {
        match result {
            Ok(()) => println!("wrote {}", p.path.display()),
            Err(e) => eprintln!("error: {e}"),
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let file = std::fs::File::create(path).map_err(|e| err(&e))?;
    let [w, h] = image.size;
    let mut enc = png::Encoder::new(
        std::io::BufWriter::new(file),
        u32::try_from(w).map_err(|e| err(&e))?,
        u32::try_from(h).map_err(|e| err(&e))?,
    );
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| err(&e))?;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    writer.write_image_data(&bytes).map_err(|e| err(&e))?;
    writer.finish().map_err(|e| err(&e))
}
