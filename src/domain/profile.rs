//! The person using this device: shown on every edit they make and in files they send.

use serde::{Deserialize, Serialize};

/// Interface language. Vietnamese first; English for visitors and partners.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>` and number formatting.
    pub fn tag(self) -> &'static str {
        self.pick("vi", "en")
    }

    /// The one way text is put in a language: fixed texts are `present::text::Text`
    /// pairs (which call this), texts with values give both forms here. Nothing is
    /// translated by replacing words, and no other code matches on the language.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// Longest name we accept; longer text is almost certainly a paste error.
pub const MAX_NAME_CHARS: usize = 100;

/// What the user does; decides the first screen and the unit they start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    TruongThon,
    CanBoXa,
    CanBoTinh,
    Khac,
}

impl Role {
    pub fn name(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Role::TruongThon => ("Trưởng thôn", "Village head"),
            Role::CanBoXa => ("Cán bộ xã", "Commune official"),
            Role::CanBoTinh => ("Cán bộ tỉnh", "Province official"),
            Role::Khac => ("Khác", "Other"),
        };
        lang.pick(vi, en)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The unit the user works in (chosen at first run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<super::units::UnitRef>,
}

/// Why a name was refused, so the UI can say it in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooLong,
    /// A control character or an invisible formatting mark, and where.
    HiddenCharacter(super::text::RefusedChar),
}

/// Trims a typed name and checks it; the stored form is what this returns.
pub fn clean_name(raw: &str) -> Result<String, NameError> {
    let name = super::text::typed(raw).map_err(NameError::HiddenCharacter)?;
    let name = name.as_str();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong);
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(
            clean_name("  Nguyễn Văn An "),
            Ok("Nguyễn Văn An".to_string())
        );
        assert_eq!(clean_name("   "), Err(NameError::Empty));
        assert_eq!(clean_name(&"a".repeat(101)), Err(NameError::TooLong));
        assert_eq!(
            clean_name(&"ễ".repeat(100)).map(|n| n.chars().count()),
            Ok(100)
        );
        assert!(matches!(
            clean_name("An\u{0}"),
            Err(NameError::HiddenCharacter(r)) if r.position == 3
        ));
        assert_eq!(
            clean_name("Nguye\u{0302}\u{0303}n  An"),
            Ok("Nguyễn An".to_string())
        );
    }

    #[test]
    fn language_defaults_to_vietnamese_and_serialises_as_its_tag() {
        assert_eq!(Lang::default(), Lang::Vi);
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), r#""en""#);
        let back: Lang = serde_json::from_str(r#""vi""#).unwrap();
        assert_eq!(back.tag(), "vi");
    }
}
