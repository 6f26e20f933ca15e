//! Tags and tag sets: the vocabulary annotations are labelled with.
//!
//! This module owns [`Tag`], [`Colour`] and [`TagSet`] with its editing rules (unique names,
//! hotkeys 1–9 used at most once) and the default set shipped in `assets/default_tags.ron`.
//! It knows nothing about annotations, transcripts, files or the UI: renaming a tag here does
//! not rename it in annotations (that is [`super::Sidecar::rename_tag`]'s job), and a
//! [`Colour`] is three bytes, not a UI colour type.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The default tag set, compiled in so that a fresh install never depends on files next to the
/// binary. A unit test proves it parses and validates.
const DEFAULT_TAGS_RON: &str = include_str!("../../assets/default_tags.ron");

/// An sRGB colour. Serialised as `"#rrggbb"` so that people editing a sidecar by hand see the
/// notation they know from CSS, rather than a tuple of three numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// A colour string that is not `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid colour {0:?}: expected \"#rrggbb\", six hexadecimal digits after '#'")]
pub struct ColourError(pub String);

impl Colour {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Colour { r, g, b }
    }

    /// Parses `#rrggbb` (either case). The `#` is required: it is what makes the value
    /// recognisable as a colour in a hand-edited file.
    pub fn from_hex(s: &str) -> Result<Colour, ColourError> {
        let bad = || ColourError(s.to_string());
        let hex = s.strip_prefix('#').ok_or_else(bad)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        // All six bytes are ASCII hex digits, so these slices are on char boundaries.
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Colour::new(channel(0)?, channel(2)?, channel(4)?))
    }

    /// `#rrggbb`, lower case, so that the same colour always serialises to the same bytes.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl FromStr for Colour {
    type Err = ColourError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Colour::from_hex(s)
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Colour::from_hex(&s).map_err(serde::de::Error::custom)
    }
}

/// A label for annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Unique within a set, compared case-insensitively. Annotations refer to tags by name,
    /// because a name survives hand-editing and merging where an index would not.
    pub name: String,
    /// Tags are listed under their group; groups appear in the order they are first used.
    pub group: String,
    pub colour: Colour,
    /// One sentence telling the annotator when to use the tag.
    #[serde(default)]
    pub description: String,
    /// `1..=9`: the key that applies the tag to the selection.
    #[serde(default)]
    pub hotkey: Option<u8>,
}

impl Tag {
    pub fn new(name: impl Into<String>, group: impl Into<String>, colour: Colour) -> Self {
        Tag {
            name: name.into(),
            group: group.into(),
            colour,
            description: String::new(),
            hotkey: None,
        }
    }
}

/// Why a tag set, or an edit to it, is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagSetError {
    #[error("a tag name cannot be empty")]
    EmptyName,
    #[error("there is already a tag named {0:?} (tag names ignore case)")]
    DuplicateName(String),
    #[error("hotkey {0} is not allowed: hotkeys are 1 to 9")]
    BadHotkey(u8),
    #[error("hotkey {hotkey} is already used by {tag:?}; clear it there first")]
    HotkeyTaken { hotkey: u8, tag: String },
    #[error("there is no tag named {0:?}")]
    UnknownTag(String),
    #[error("tag {name:?} is used by {count} annotation(s); retag or delete them first")]
    InUse { name: String, count: usize },
}

/// The tags available in one transcript. Order is the user's order and is kept as is.
///
/// Serialised transparently as a list of tags, so a sidecar reads `tags: [ (...), ... ]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagSet {
    pub tags: Vec<Tag>,
}

/// Case-insensitive name equality. Unicode lower-casing, not ASCII, so that "Ä" and "ä" are
/// the same tag too.
fn same_name(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

fn check_hotkey(hotkey: Option<u8>) -> Result<(), TagSetError> {
    match hotkey {
        Some(k) if !(1..=9).contains(&k) => Err(TagSetError::BadHotkey(k)),
        _ => Ok(()),
    }
}

impl TagSet {
    /// The set shipped in `assets/default_tags.ron`.
    ///
    /// # Panics
    /// Never in practice: the asset is compiled in, and `tests::default_set_has_all_tags`
    /// proves it parses and validates. A panic here would be a build defect, not bad user
    /// data, which is why it is not a `Result`.
    pub fn default_set() -> TagSet {
        ron::from_str(DEFAULT_TAGS_RON).expect("assets/default_tags.ron is valid (unit-tested)")
    }

    /// The tag with this name, ignoring case and surrounding whitespace.
    pub fn find(&self, name: &str) -> Option<&Tag> {
        self.index_of(name).map(|i| &self.tags[i])
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.tags.iter().position(|t| same_name(&t.name, name))
    }

    fn get_mut(&mut self, name: &str) -> Result<&mut Tag, TagSetError> {
        match self.index_of(name) {
            Some(i) => Ok(&mut self.tags[i]),
            None => Err(TagSetError::UnknownTag(name.to_string())),
        }
    }

    /// The tag bound to hotkey `key` (1–9), if any.
    pub fn by_hotkey(&self, key: u8) -> Option<&Tag> {
        self.tags.iter().find(|t| t.hotkey == Some(key))
    }

    /// The group names in the order they first appear, for listing tags by group.
    pub fn groups(&self) -> Vec<&str> {
        let mut groups: Vec<&str> = Vec::new();
        for t in &self.tags {
            if !groups.contains(&t.group.as_str()) {
                groups.push(&t.group);
            }
        }
        groups
    }

    /// Checks the invariants the editing operations keep: names non-empty and unique
    /// (ignoring case), hotkeys in 1–9 and used at most once. Needed because a sidecar may
    /// have been edited by hand.
    pub fn validate(&self) -> Result<(), TagSetError> {
        for (i, tag) in self.tags.iter().enumerate() {
            if tag.name.trim().is_empty() {
                return Err(TagSetError::EmptyName);
            }
            check_hotkey(tag.hotkey)?;
            for earlier in &self.tags[..i] {
                if same_name(earlier.name.trim(), tag.name.trim()) {
                    return Err(TagSetError::DuplicateName(tag.name.clone()));
                }
                if let (Some(k), Some(e)) = (tag.hotkey, earlier.hotkey)
                    && k == e
                {
                    return Err(TagSetError::HotkeyTaken {
                        hotkey: k,
                        tag: earlier.name.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// A trimmed, non-empty name that no tag other than `except` has.
    fn free_name(&self, name: &str, except: Option<usize>) -> Result<String, TagSetError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(TagSetError::EmptyName);
        }
        match self.index_of(name) {
            Some(i) if Some(i) != except => Err(TagSetError::DuplicateName(name.to_string())),
            _ => Ok(name.to_string()),
        }
    }

    /// Checks that `hotkey` is valid and not bound to a tag other than `except`.
    fn free_hotkey(&self, hotkey: Option<u8>, except: Option<usize>) -> Result<(), TagSetError> {
        check_hotkey(hotkey)?;
        let Some(k) = hotkey else { return Ok(()) };
        match self.tags.iter().position(|t| t.hotkey == Some(k)) {
            Some(i) if Some(i) != except => Err(TagSetError::HotkeyTaken {
                hotkey: k,
                tag: self.tags[i].name.clone(),
            }),
            _ => Ok(()),
        }
    }

    /// Appends a tag (its name trimmed). Fails on an empty or taken name, or a hotkey that is
    /// out of range or taken.
    pub fn add(&mut self, mut tag: Tag) -> Result<(), TagSetError> {
        tag.name = self.free_name(&tag.name, None)?;
        self.free_hotkey(tag.hotkey, None)?;
        self.tags.push(tag);
        Ok(())
    }

    /// Renames a tag in place. Changing only the case of a name is allowed. Annotations that
    /// use the old name are not touched here; see [`super::Sidecar::rename_tag`].
    pub fn rename(&mut self, old: &str, new: &str) -> Result<(), TagSetError> {
        let i = self
            .index_of(old)
            .ok_or_else(|| TagSetError::UnknownTag(old.to_string()))?;
        let new = self.free_name(new, Some(i))?;
        self.tags[i].name = new;
        Ok(())
    }

    pub fn set_colour(&mut self, name: &str, colour: Colour) -> Result<(), TagSetError> {
        self.get_mut(name)?.colour = colour;
        Ok(())
    }

    pub fn set_group(&mut self, name: &str, group: &str) -> Result<(), TagSetError> {
        self.get_mut(name)?.group = group.trim().to_string();
        Ok(())
    }

    pub fn set_description(&mut self, name: &str, description: &str) -> Result<(), TagSetError> {
        self.get_mut(name)?.description = description.trim().to_string();
        Ok(())
    }

    /// Binds (or with `None` unbinds) a hotkey.
    ///
    /// Taking a hotkey that another tag uses is an error rather than a silent move: moving it
    /// would quietly change what a key the annotator has learnt does, which is worse than
    /// asking them to free it first.
    pub fn set_hotkey(&mut self, name: &str, hotkey: Option<u8>) -> Result<(), TagSetError> {
        let i = self
            .index_of(name)
            .ok_or_else(|| TagSetError::UnknownTag(name.to_string()))?;
        self.free_hotkey(hotkey, Some(i))?;
        self.tags[i].hotkey = hotkey;
        Ok(())
    }

    /// Removes a tag and returns it. Does not check whether annotations use it; see
    /// [`super::Sidecar::remove_tag`], which does.
    pub fn remove(&mut self, name: &str) -> Result<Tag, TagSetError> {
        let i = self
            .index_of(name)
            .ok_or_else(|| TagSetError::UnknownTag(name.to_string()))?;
        Ok(self.tags.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 16] = [
        "Explicit",
        "Implicit",
        "Dodging",
        "General",
        "Deflection",
        "Partial",
        "Declining",
        "Claims ignorance",
        "Clarification",
        "Quote",
        "Admission",
        "Contradiction",
        "Leading question",
        "Open question",
        "Compound question",
        "Objection",
    ];

    #[test]
    fn default_set_has_all_tags() {
        let set = TagSet::default_set();
        set.validate().unwrap();
        let names: Vec<&str> = set.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, NAMES);
        // Hotkeys 1..=9 on the nine evasion classes, in order; none elsewhere.
        for (i, tag) in set.tags.iter().enumerate() {
            let expected = (i < 9).then(|| i as u8 + 1);
            assert_eq!(tag.hotkey, expected, "{}", tag.name);
            assert!(!tag.description.is_empty(), "{}", tag.name);
            assert!(tag.description.ends_with('.'), "{}", tag.name);
        }
        assert_eq!(set.by_hotkey(6).unwrap().name, "Partial");
        assert_eq!(
            set.groups(),
            [
                "Clear reply",
                "Ambivalent",
                "Clear non-reply",
                "Journalism",
                "Examination"
            ]
        );
        let group = |n: &str| set.find(n).unwrap().group.clone();
        assert_eq!(group("Explicit"), "Clear reply");
        assert_eq!(group("Deflection"), "Ambivalent");
        assert_eq!(group("Claims ignorance"), "Clear non-reply");
        assert_eq!(group("Contradiction"), "Journalism");
        assert_eq!(group("Objection"), "Examination");
        // Colours are distinct.
        let mut colours: Vec<Colour> = set.tags.iter().map(|t| t.colour).collect();
        colours.sort_by_key(|c| (c.r, c.g, c.b));
        colours.dedup();
        assert_eq!(colours.len(), 16);
    }

    #[test]
    fn find_ignores_case() {
        let set = TagSet::default_set();
        assert_eq!(
            set.find("claims IGNORANCE").unwrap().name,
            "Claims ignorance"
        );
        assert_eq!(set.find(" partial ").unwrap().name, "Partial");
        assert!(set.find("Partially").is_none());
        assert!(set.by_hotkey(0).is_none());
    }

    #[test]
    fn colour_hex_round_trip() {
        let c = Colour::from_hex("#1E88e5").unwrap();
        assert_eq!(c, Colour::new(0x1e, 0x88, 0xe5));
        assert_eq!(c.to_hex(), "#1e88e5");
        assert_eq!(c.to_string().parse::<Colour>().unwrap(), c);
        let ron_text = ron::to_string(&c).unwrap();
        assert_eq!(ron_text, "\"#1e88e5\"");
        assert_eq!(ron::from_str::<Colour>(&ron_text).unwrap(), c);
    }

    #[test]
    fn colour_bad_hex_is_a_clear_error() {
        for bad in ["1e88e5", "#1e88e", "#1e88e5f", "#gg0000", "", "#", "#ééé"] {
            let err = Colour::from_hex(bad).unwrap_err();
            assert!(err.to_string().contains("#rrggbb"), "{bad}: {err}");
        }
        let err = ron::from_str::<Tag>(r#"(name: "X", group: "G", colour: "red")"#).unwrap_err();
        assert!(err.to_string().contains("invalid colour \"red\""), "{err}");
    }

    fn tag(name: &str, hotkey: Option<u8>) -> Tag {
        Tag {
            hotkey,
            ..Tag::new(name, "Mine", Colour::new(1, 2, 3))
        }
    }

    #[test]
    fn add_checks_names_and_hotkeys() {
        let mut set = TagSet::default_set();
        set.add(tag("  Hedge  ", None)).unwrap();
        assert_eq!(set.tags.last().unwrap().name, "Hedge");
        assert_eq!(
            set.add(tag("QUOTE", None)),
            Err(TagSetError::DuplicateName("QUOTE".into()))
        );
        assert_eq!(set.add(tag("  ", None)), Err(TagSetError::EmptyName));
        assert_eq!(
            set.add(tag("Ten", Some(10))),
            Err(TagSetError::BadHotkey(10))
        );
        assert_eq!(
            set.add(tag("Zero", Some(0))),
            Err(TagSetError::BadHotkey(0))
        );
        assert_eq!(
            set.add(tag("Clash", Some(3))),
            Err(TagSetError::HotkeyTaken {
                hotkey: 3,
                tag: "Dodging".into()
            })
        );
        assert_eq!(set.tags.len(), 17);
        set.validate().unwrap();
    }

    #[test]
    fn rename_colour_hotkey_remove() {
        let mut set = TagSet::default_set();
        set.rename("quote", "Pull quote").unwrap();
        assert!(set.find("Quote").is_none());
        assert_eq!(set.find("pull quote").unwrap().group, "Journalism");
        // Case-only rename of the same tag is fine; taking another tag's name is not.
        set.rename("Pull quote", "pull Quote").unwrap();
        assert_eq!(
            set.rename("Admission", "partial"),
            Err(TagSetError::DuplicateName("partial".into()))
        );
        assert_eq!(
            set.rename("Nope", "X"),
            Err(TagSetError::UnknownTag("Nope".into()))
        );

        set.set_colour("Admission", Colour::new(0, 0, 0)).unwrap();
        assert_eq!(set.find("Admission").unwrap().colour.to_hex(), "#000000");

        // Re-keying: a taken hotkey is an error, nothing changes.
        assert_eq!(
            set.set_hotkey("pull quote", Some(1)),
            Err(TagSetError::HotkeyTaken {
                hotkey: 1,
                tag: "Explicit".into()
            })
        );
        assert_eq!(set.by_hotkey(1).unwrap().name, "Explicit");
        // Re-setting a tag's own hotkey is fine; freeing then taking works.
        set.set_hotkey("Explicit", Some(1)).unwrap();
        set.set_hotkey("Explicit", None).unwrap();
        set.set_hotkey("Admission", Some(1)).unwrap();
        assert_eq!(set.by_hotkey(1).unwrap().name, "Admission");
        assert_eq!(
            set.set_hotkey("Admission", Some(12)),
            Err(TagSetError::BadHotkey(12))
        );

        let removed = set.remove("ADMISSION").unwrap();
        assert_eq!(removed.name, "Admission");
        assert!(set.by_hotkey(1).is_none());
        assert_eq!(
            set.remove("Admission"),
            Err(TagSetError::UnknownTag("Admission".into()))
        );
        set.validate().unwrap();
    }

    #[test]
    fn validate_catches_hand_edits() {
        let mut set = TagSet::default_set();
        set.tags.push(tag("explicit", None));
        assert_eq!(
            set.validate(),
            Err(TagSetError::DuplicateName("explicit".into()))
        );
        set.tags.pop();
        set.tags.push(tag("Other", Some(9)));
        assert_eq!(
            set.validate(),
            Err(TagSetError::HotkeyTaken {
                hotkey: 9,
                tag: "Clarification".into()
            })
        );
        set.tags.pop();
        set.tags.push(tag("", None));
        assert_eq!(set.validate(), Err(TagSetError::EmptyName));
    }
}
