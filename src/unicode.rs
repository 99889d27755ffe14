//! Unicode normalisation (UAX #15) from the platform. In the browser it is ICU's, through
//! `String.prototype.normalize`, so the page's wasm carries no normalisation tables (they
//! were 50 KB of its first download, brotli: BENCHMARKS.md); natively (tests, benchmark
//! tools) it is the `unicode-normalization` crate. Both follow the Unicode standard, and
//! each platform compares only what it normalised itself, so the two never need to agree
//! byte for byte beyond the standard.
//!
//! Not `domain`'s: it names `js_sys`, which the core must not; the core calls it as a plain
//! string function.

/// The NFC form of `s`.
pub fn nfc(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    platform::nfc(s)
}

/// Whether `s` is already NFC (ASCII is, and is answered without normalising).
pub fn is_nfc(s: &str) -> bool {
    s.is_ascii() || platform::is_nfc(s)
}

/// `s` in lower case with its combining marks removed (the NFD form without marks): the
/// diacritic-free core of search folding (`domain::text::fold`).
pub fn strip_marks_lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    platform::strip_marks_lower(s)
}

/// [`strip_marks_lower`] of many strings at once: in the browser one call for all of them
/// (70,000 village names folded one call each took a second at 4× CPU slowdown; joined,
/// tens of milliseconds), natively one by one.
pub fn strip_marks_lower_all(items: &[&str]) -> Vec<String> {
    // Joined by a control character, which no stored text contains (they are refused) and
    // which normalisation neither creates, removes nor reorders across (it is a starter).
    const SEPARATOR: &str = "\u{1F}";
    if cfg!(target_arch = "wasm32") && !items.iter().any(|s| s.contains(SEPARATOR)) {
        let joined = items.join(SEPARATOR);
        let done = strip_marks_lower(&joined);
        let parts: Vec<String> = done.split(SEPARATOR).map(str::to_string).collect();
        if parts.len() == items.len() {
            return parts;
        }
    }
    items.iter().map(|s| strip_marks_lower(s)).collect()
}

/// `s` in lower case (Unicode's full mapping, no locale).
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    platform::lower(s)
}

/// `s` in upper case (Unicode's full mapping, no locale).
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    platform::upper(s)
}

// Case mapping is the platform's too: Rust's `to_lowercase`/`to_uppercase` carry another
// 8 KB (brotli) of tables in the wasm.
#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

    pub fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    pub fn is_nfc(s: &str) -> bool {
        match is_nfc_quick(s.chars()) {
            IsNormalized::Yes => true,
            IsNormalized::No => false,
            IsNormalized::Maybe => s.nfc().eq(s.chars()),
        }
    }

    pub fn strip_marks_lower(s: &str) -> String {
        s.nfd()
            .filter(|c| !is_combining_mark(*c))
            .collect::<String>()
            .to_lowercase()
    }

    pub fn lower(s: &str) -> String {
        s.to_lowercase()
    }

    pub fn upper(s: &str) -> String {
        s.to_uppercase()
    }
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use js_sys::{JsString, RegExp};

    pub fn nfc(s: &str) -> String {
        JsString::from(s).normalize("NFC").into()
    }

    pub fn is_nfc(s: &str) -> bool {
        let js = JsString::from(s);
        js.normalize("NFC") == js
    }

    thread_local! {
        /// Every combining mark (General Category M), the marks NFD splits off letters.
        static MARKS: RegExp = RegExp::new("\\p{M}", "gu");
    }

    pub fn strip_marks_lower(s: &str) -> String {
        let nfd = JsString::from(s).normalize("NFD");
        MARKS
            .with(|marks| nfd.replace_by_pattern(marks, ""))
            .to_lower_case()
            .into()
    }

    pub fn lower(s: &str) -> String {
        JsString::from(s).to_lower_case().into()
    }

    pub fn upper(s: &str) -> String {
        JsString::from(s).to_upper_case().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_decomposed_vietnamese() {
        let decomposed = "Thie\u{0323}\u{0302}u Vu\u{0303}";
        assert_eq!(nfc(decomposed), "Thiệu Vũ");
        assert!(!is_nfc(decomposed));
        assert!(is_nfc("Thiệu Vũ"));
        assert!(is_nfc("plain ascii"));
    }

    #[test]
    fn strips_marks_and_lowers() {
        assert_eq!(strip_marks_lower("Xã THIỆU Vũ"), "xa thieu vu");
        // đ is a letter of its own, not d with a mark: fold maps it.
        assert_eq!(strip_marks_lower("Đồng"), "đong");
        assert_eq!(upper("đạt"), "ĐẠT");
        assert_eq!(
            strip_marks_lower_all(&["Ấp Một", "", "THÔN\u{1F}2"]),
            ["ap mot", "", "thon\u{1F}2"]
        );
        assert_eq!(lower("ĐẠT Ổn"), "đạt ổn");
    }
}
