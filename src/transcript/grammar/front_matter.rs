//! What a transcript's front matter says of the people in it: a committee's roster (members,
//! who ask) and the witness list.

use super::*;

/// What a hearing's front matter says of the people in it: the committee's roster (members,
/// who ask) and the witness list (`STATEMENT OF …`, `Mr. W. Henson Moore, Former Deputy…`).
/// Surnames, lower-cased; a surname in both lists decides nothing.
#[derive(Debug, Default)]
pub(super) struct FrontMatter {
    members: std::collections::HashSet<String>,
    witnesses: std::collections::HashSet<String>,
}

/// `DANA ROHRABACHER, California` in a roster (one or two columns a line).
static ROSTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\s{2,})(?:[A-Z][A-Z.'’\-]*\.?[ ](?:\([A-Za-z]+\)[ ])?){0,3}(?P<surname>(?:Mc|Mac)?[A-Z][A-Z'’\-]+)(?:,?[ ](?:Jr|Sr|II|III|IV)\.?)?,[ ](?:[A-Z][a-z]+)",
    )
});
/// A witness in the contents or a heading: `Mr. W. Henson Moore, Former…`, `Hon. Henry M.
/// Paulson, Jr., Secretary…`, `STATEMENT OF JOHN SMITH, DIRECTOR`.
static WITNESS_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:Mr|Ms|Mrs|Dr|Hon|Honorable|Prof|Professor|Adm|Gen|Admiral|General)\.?[ ]+(?:[A-Z][A-Za-z.'’\-]*[ ]+){0,3}(?P<s1>(?:Mc|Mac)?[A-Z][A-Za-z'’\-]+)|(?:STATEMENT|TESTIMONY|PREPARED STATEMENT)[ ]+OF[ ]+(?:[A-Z][A-Z.'’\-]*[ ]+){0,3}(?P<s2>(?:Mc|Mac)?[A-Z][A-Za-z'’\-]+))(?:,?[ ](?:Jr|Sr|II|III|IV)\.?)?,",
    )
});

/// `Members present: Frank Field (Chair); Heidi Allen; …`, `Witnesses: David Finch, …`.
static LISTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:(?P<members>members present|members|committee members|present)|(?P<witnesses>witnesses|examination of witnesses|witness))\s*:\s*(?P<names>.+)$",
    )
});
/// The last word of a name, lower-cased: `Victoria Todd` → `todd`.
pub(super) fn surname_of(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '(')
        .filter(|w| !w.is_empty())
        .rfind(|w| w.chars().next().is_some_and(char::is_uppercase))
        .unwrap_or("")
        .trim_end_matches(['.', ',', ')'])
        .to_lowercase()
}

impl FrontMatter {
    pub(super) fn read(text: &str, lines: &[ContentLine]) -> Self {
        let mut f = FrontMatter::default();
        // `Examination of witnesses` on its own, the names on the next line.
        let mut witness_names_next = false;
        for l in lines {
            let s = &text[l.range.clone()];
            if witness_names_next {
                witness_names_next = false;
                for name in s.split([',', ';']).flat_map(|p| p.split(" and ")) {
                    let name = name.split(['(', ':']).next().unwrap_or("").trim();
                    if (2..=5).contains(&name.split_whitespace().count()) {
                        f.witnesses.insert(surname_of(name));
                    }
                }
            }
            let lower = s.trim().to_lowercase();
            if lower == "examination of witnesses" || lower == "witnesses" {
                witness_names_next = true;
                continue;
            }
            if let Some(c) = LISTED.captures(s.trim()) {
                let into = if c.name("members").is_some() {
                    &mut f.members
                } else {
                    &mut f.witnesses
                };
                for name in c["names"].split([',', ';']).flat_map(|p| p.split(" and ")) {
                    let name = name.split('(').next().unwrap_or("").trim();
                    if (2..=5).contains(&name.split_whitespace().count()) {
                        into.insert(surname_of(name));
                    }
                }
                continue;
            }
            if let Some(c) = WITNESS_ENTRY.captures(s.trim_start()) {
                if let Some(m) = c.name("s1").or(c.name("s2")) {
                    f.witnesses.insert(m.as_str().to_lowercase());
                }
                continue;
            }
            for c in ROSTER.captures_iter(s) {
                f.members.insert(c["surname"].to_lowercase());
            }
        }
        f
    }

    pub(super) fn role_of(&self, surname: &str) -> Option<Role> {
        match (
            self.members.contains(surname),
            self.witnesses.contains(surname),
        ) {
            (true, false) => Some(Role::Examiner),
            (false, true) => Some(Role::Witness),
            _ => None,
        }
    }
}
