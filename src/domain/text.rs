//! Text at the boundaries: every string that enters the domain (typed, imported, loaded)
//! is normalised to NFC, and search compares folded forms that ignore diacritics, so
//! "thieu vu" finds "Thiệu Vũ" and a name typed on a phone equals the same name in a file.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The NFC form of `s`. Vietnamese keyboards produce both precomposed and combining
/// sequences; stored text is always NFC so equal names compare equal.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// NFC, trimmed, with every run of whitespace collapsed to one space: the form in which
/// names are stored.
pub fn clean(s: &str) -> String {
    let normalised = nfc(s);
    normalised.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case without diacritics, "đ" read as "d", whitespace collapsed: the form in
/// which names are compared for search.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        out.extend(c.to_lowercase());
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
    let q = fold(query);
    let t = fold(text);
    if q.is_empty() {
        return Some(3);
    }
    if t == q {
        return Some(0);
    }
    let words: Vec<&str> = t.split(' ').collect();
    let tokens: Vec<&str> = q.split(' ').collect();
    if !tokens.iter().all(|tok| t.contains(tok)) {
        return None;
    }
    // A match of the whole phrase at a word start beats scattered word prefixes,
    // which beat matches inside words.
    let phrase_at_word_start = t
        .match_indices(q.as_str())
        .any(|(i, _)| i == 0 || t.as_bytes()[i - 1] == b' ');
    if phrase_at_word_start {
        return Some(1);
    }
    let all_prefixes = tokens
        .iter()
        .all(|tok| words.iter().any(|w| w.starts_with(tok)));
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
