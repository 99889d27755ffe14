//! Text at the boundaries: every string that enters the domain (typed, imported, loaded)
//! is normalised to NFC, and search compares folded forms that ignore diacritics, so
//! "thieu vu" finds "Thiệu Vũ" and a name typed on a phone equals the same name in a file.

/// The NFC form of `s`. Vietnamese keyboards produce both precomposed and combining
/// sequences; stored text is always NFC so equal names compare equal. (The normalisation
/// itself is the platform's: `crate::unicode`.)
pub fn nfc(s: &str) -> String {
    crate::unicode::nfc(s)
}

/// NFC, trimmed, with every run of whitespace collapsed to one space: the form in which
/// names are stored.
pub fn clean(s: &str) -> String {
    let normalised = nfc(s);
    normalised.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `c` is refused in any text a person types or a file brings: control
/// characters (in notes, line breaks and tabs are allowed: `multiline`) and invisible
/// formatting marks — direction marks and overrides, zero-width characters, the
/// byte-order mark, the soft hyphen — which can make one name look like another or
/// reorder what is shown. One list, for typed text and files alike.
pub fn is_refused(c: char, multiline: bool) -> bool {
    if c.is_control() {
        return !(multiline && matches!(c, '\n' | '\t' | '\r'));
    }
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// A refused character found in a text: which one, and where (counted in characters from
/// 1), so a message can say "U+061C ở vị trí 5".
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RefusedChar {
    pub position: usize,
    pub character: char,
}

impl RefusedChar {
    /// "U+061C", the way the character is named in messages (it is invisible).
    pub fn code(self) -> String {
        format!("U+{:04X}", self.character as u32)
    }

    /// What is wrong and where, for every message that names it (typed text and files).
    pub fn message(self, lang: super::profile::Lang) -> String {
        let (code, at) = (self.code(), self.position);
        lang.pick(
            format!("chứa ký tự điều khiển hoặc ký tự ẩn {code} ở vị trí {at}"),
            format!("contains the control or invisible character {code} at position {at}"),
        )
    }
}

/// A one-line text as typed, in the form it is stored ([`clean`]), or the first refused
/// character in it. Every typed text goes through this or [`typed_note`], so nothing a
/// person types is refused later by the device that receives it.
pub fn typed(raw: &str) -> Result<String, RefusedChar> {
    // Tabs and line breaks are white space, made single spaces by `clean`; what is left
    // is checked, and the position counted in what will be stored.
    let cleaned = clean(raw);
    match first_refused(&cleaned, false) {
        Some(r) => Err(r),
        None => Ok(cleaned),
    }
}

/// A note as typed (line breaks kept), in the form it is stored, or the first refused
/// character in it.
pub fn typed_note(raw: &str) -> Result<String, RefusedChar> {
    match first_refused(raw.trim(), true) {
        Some(r) => Err(r),
        None => Ok(clean_note(raw)),
    }
}

/// The first refused character of `s` ([`is_refused`]).
pub fn first_refused(s: &str, multiline: bool) -> Option<RefusedChar> {
    s.chars()
        .enumerate()
        .find(|(_, c)| is_refused(*c, multiline))
        .map(|(i, character)| RefusedChar {
            position: i + 1,
            character,
        })
}

/// A note as it is stored: NFC and trimmed, its line breaks kept.
pub fn clean_note(s: &str) -> String {
    let t = s.trim();
    if t.is_ascii() {
        t.to_string()
    } else {
        nfc(t)
    }
}

/// Lower case without diacritics, "đ" read as "d", whitespace collapsed: the form in
/// which names are compared for search.
pub fn fold(s: &str) -> String {
    fold_stripped(&crate::unicode::strip_marks_lower(s))
}

/// [`fold`] of many names at once (in the browser one call into its normalisation for
/// all of them: searching 70,000 villages folds every name once).
pub fn fold_all(names: &[&str]) -> Vec<String> {
    crate::unicode::strip_marks_lower_all(names)
        .iter()
        .map(|s| fold_stripped(s))
        .collect()
}

/// The rest of [`fold`] once marks are stripped and case lowered: "đ" read as "d",
/// whitespace collapsed.
fn fold_stripped(stripped: &str) -> String {
    let mut out = String::with_capacity(stripped.len());
    let mut last_space = true;
    for c in stripped.chars() {
        let c = if c == 'đ' { 'd' } else { c };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        out.push(c);
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// How well `text` matches a search `query`, best first; `None` when it does not match.
/// Every word of the query must occur in the text (ignoring diacritics and case).
pub fn match_rank(query: &str, text: &str) -> Option<u8> {
    match_rank_folded(&fold(query), &fold(text))
}

/// [`match_rank`] of a query and a text both already [`fold`]ed (searching thousands of
/// names folds each once, not at every keystroke).
pub fn match_rank_folded(q: &str, t: &str) -> Option<u8> {
    if q.is_empty() {
        return Some(3);
    }
    if t == q {
        return Some(0);
    }
    // Most names do not match: decide that first, without allocating.
    if !q.split(' ').all(|tok| t.contains(tok)) {
        return None;
    }
    // A match of the whole phrase at a word start beats scattered word prefixes,
    // which beat matches inside words.
    let phrase_at_word_start = t
        .match_indices(q)
        .any(|(i, _)| i == 0 || t.as_bytes()[i - 1] == b' ');
    if phrase_at_word_start {
        return Some(1);
    }
    let all_prefixes = q
        .split(' ')
        .all(|tok| t.split(' ').any(|w| w.starts_with(tok)));
    Some(if all_prefixes { 2 } else { 3 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nfc_joins_combining_sequences() {
        let decomposed = "Thie\u{0323}\u{0302}u Vu\u{0303}";
        assert_eq!(nfc(decomposed), "Thiệu Vũ");
        assert_eq!(clean("  Thie\u{0323}\u{0302}u \t Vu\u{0303} "), "Thiệu Vũ");
    }

    #[test]
    fn typed_text_is_cleaned_or_refused_with_the_character_named() {
        assert_eq!(
            typed("  Chè  búp\tThiệu Hóa "),
            Ok("Chè búp Thiệu Hóa".into())
        );
        let r = typed("Chè\u{200B} búp").unwrap_err();
        assert_eq!((r.position, r.code()), (4, "U+200B".to_string()));
        assert_eq!(
            r.message(crate::domain::profile::Lang::Vi),
            "chứa ký tự điều khiển hoặc ký tự ẩn U+200B ở vị trí 4"
        );
        assert_eq!(typed_note(" dòng 1\ndòng 2 "), Ok("dòng 1\ndòng 2".into()));
        assert_eq!(typed_note("a\u{202E}b").unwrap_err().position, 2);
        assert!(
            typed("a\nb").is_ok(),
            "a line break in a one-line text is a space"
        );
    }

    #[test]
    fn hidden_characters_are_found_with_their_position() {
        assert_eq!(first_refused("Thôn Đông", false), None);
        let r = first_refused("Thôn\u{061C} Đông", false).unwrap();
        assert_eq!((r.position, r.code().as_str()), (5, "U+061C"));
        assert_eq!(first_refused("a\u{0}", false).unwrap().code(), "U+0000");
        assert_eq!(first_refused("x\u{202E}y", true).unwrap().position, 2);
        assert_eq!(first_refused("dòng 1\ndòng 2\tx", true), None);
        assert!(first_refused("dòng 1\ndòng 2", false).is_some());
        for c in [
            '\u{200B}', '\u{200E}', '\u{2066}', '\u{FEFF}', '\u{00AD}', '\u{0007}',
        ] {
            assert!(is_refused(c, true), "{c:?}");
        }
        assert_eq!(clean_note("  Báo cáo\nsố 2  "), "Báo cáo\nsố 2");
    }

    #[test]
    fn fold_removes_diacritics_and_d_stroke() {
        assert_eq!(fold("Xã Thiệu Vũ"), "xa thieu vu");
        assert_eq!(fold("Đồng bằng sông Cửu Long"), "dong bang song cuu long");
        assert_eq!(fold("  ĐẮK   LẮK "), "dak lak");
    }

    #[test]
    fn search_ignores_diacritics_and_ranks_better_matches_first() {
        assert!(match_rank("thieu vu", "Xã Thiệu Vũ").is_some());
        assert!(match_rank("THIỆU", "Xã Thiệu Vũ").is_some());
        assert_eq!(match_rank("vu thieu", "Xã Thiệu Vũ"), Some(2));
        assert_eq!(match_rank("thieu vu", "Xã Thiệu Vũ"), Some(1));
        assert_eq!(match_rank("xa thieu vu", "Xã Thiệu Vũ"), Some(0));
        assert_eq!(match_rank("hieu", "Xã Thiệu Vũ"), Some(3));
        assert_eq!(match_rank("thieu hoa", "Xã Thiệu Vũ"), None);
        assert_eq!(match_rank("", "anything"), Some(3));
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_and_ascii_for_vietnamese(s in "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ ]{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert_eq!(fold_all(&[s.as_str(), "Xã Thiệu Vũ", ""]), vec![once.clone(), "xa thieu vu".into(), String::new()]);
            prop_assert!(once.is_ascii());
        }

        #[test]
        fn clean_is_idempotent_and_nfc(s in "\\PC{0,40}") {
            let once = clean(&s);
            prop_assert_eq!(clean(&once), once.clone());
            prop_assert_eq!(nfc(&once), once);
        }

        #[test]
        fn a_name_always_finds_itself(s in "[a-zA-Zàáạảãâầấậẩẫăằắặẳẵđ ]{1,30}") {
            prop_assert!(match_rank(&s, &s).is_some());
            prop_assert!(match_rank(&fold(&s), &s).is_some());
        }
    }
}
