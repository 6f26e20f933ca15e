//! Edit > Tags…: colour, name, hotkey and uses of each tag; add one; delete one (asking
//! first when annotations use it).

use crate::annotation::{Colour, Edit, Tag};
use crate::app::{Action, Snapshot};
use egui::RichText;

#[derive(Debug, Default)]
pub struct TagsWindow {
    pub open: bool,
    /// A tag in use the user asked to delete: confirm first.
    pub confirm_delete_tag: Option<String>,
    pub new_tag_name: String,
    /// Names being typed, by the tag's current name.
    pub rename_buffers: std::collections::HashMap<String, String>,
}

impl TagsWindow {
    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    pub fn show(&mut self, ctx: &egui::Context, snap: &Snapshot, actions: &mut Vec<Action>) {
        if !self.open {
            return;
        }
        let Some(d) = snap.session else { return };
        let mut open = true;
        egui::Window::new("Tags").open(&mut open).default_width(460.0).show(ctx, |ui| {
            egui::Grid::new("tag grid").striped(true).show(ui, |ui| {
                for tag in &d.doc.sidecar.tags.tags {
                    let mut rgb = [tag.colour.r, tag.colour.g, tag.colour.b];
                    if ui.color_edit_button_srgb(&mut rgb).changed() {
                        actions.push(Action::Edit(Edit::SetTagColour {
                            name: tag.name.clone(),
                            colour: Colour::new(rgb[0], rgb[1], rgb[2]),
                        }));
                    }
                    let buf = self.rename_buffers.entry(tag.name.clone()).or_insert_with(|| tag.name.clone());
                    let r = ui
                        .add(egui::TextEdit::singleline(buf).desired_width(150.0))
                        .on_hover_text("Tag name (press Enter or click away to rename)");
                    if r.lost_focus() && buf.trim() != tag.name && !buf.trim().is_empty() {
                        actions.push(Action::Edit(Edit::RenameTag {
                            old: tag.name.clone(),
                            new: buf.trim().to_owned(),
                        }));
                    }
                    let mut key = tag.hotkey;
                    egui::ComboBox::new(("hotkey", &tag.name), "key")
                        .selected_text(key.map_or("no key".into(), |k| k.to_string()))
                        .width(70.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut key, None, "no key");
                            for k in 1..=9u8 {
                                ui.selectable_value(&mut key, Some(k), k.to_string());
                            }
                        });
                    if key != tag.hotkey {
                        actions.push(Action::Edit(Edit::SetTagHotkey { name: tag.name.clone(), hotkey: key }));
                    }
                    let used = d.index.uses_of_tag(&tag.name);
                    ui.label(RichText::new(format!("{used} used")).weak());
                    if ui.button(format!("Delete {}", tag.name)).clicked() {
                        if used == 0 {
                            actions.push(Action::Edit(Edit::DeleteTag(tag.name.clone())));
                        } else {
                            self.confirm_delete_tag = Some(tag.name.clone());
                        }
                    }
                    ui.end_row();
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("New tag");
                ui.add(egui::TextEdit::singleline(&mut self.new_tag_name).hint_text("name"))
                    .labelled_by(label.id);
                if ui.button("Add tag").clicked() && !self.new_tag_name.trim().is_empty() {
                    let mut tag = Tag::new(self.new_tag_name.trim(), "Custom", Colour::new(0x60, 0x7d, 0x8b));
                    tag.description = "A tag added for this transcript.".into();
                    actions.push(Action::Edit(Edit::AddTag(tag)));
                    self.new_tag_name.clear();
                }
            });
            if let Some(name) = self.confirm_delete_tag.clone() {
                let used = d.index.uses_of_tag(&name);
                ui.separator();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("\"{name}\" is used by {used} annotation(s). Delete it from them too? (Undo brings it back.)"),
                );
                ui.horizontal(|ui| {
                    if ui.button("Delete tag and its uses").clicked() {
                        actions.push(Action::Edit(Edit::DeleteTag(name.clone())));
                        self.confirm_delete_tag = None;
                    }
                    if ui.button("Keep it").clicked() {
                        self.confirm_delete_tag = None;
                    }
                });
            }
        });
        self.open &= open;
    }
}
