//! Interface text in Vietnamese and English. Every string the user sees is a [`Text`] (or
//! a [`Message`] built from them), so a missing translation is a compile error, not a
//! blank label, and no text is translated by replacing words.

use crate::domain::profile::Lang;

/// One piece of interface text in both languages (Vietnamese in NFC).
#[derive(Clone, Copy, Debug)]
pub struct Text {
    pub vi: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(vi: &'static str, en: &'static str) -> Self {
        Self { vi, en }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }
}

/// A message for a form: fixed text, or a typed text refused for a hidden character
/// (which field, which character, where).
#[derive(Clone, Copy, Debug)]
pub enum Message {
    Text(Text),
    Refused {
        field: Text,
        character: crate::domain::text::RefusedChar,
    },
}

impl From<Text> for Message {
    fn from(t: Text) -> Self {
        Message::Text(t)
    }
}

const REFUSED_HINT: Text = Text::new(
    "(thường do dán chữ từ nơi khác): hãy xoá đoạn đó rồi gõ lại.",
    "(usually from pasted text): delete that part and type it again.",
);

impl Message {
    pub fn get(self, lang: Lang) -> String {
        match self {
            Message::Text(t) => t.get(lang).to_string(),
            Message::Refused { field, character } => format!(
                "{}: {} {}",
                field.get(lang),
                character.message(lang),
                REFUSED_HINT.get(lang)
            ),
        }
    }
}

const NAME_FIELD: Text = Text::new("Tên", "Name");

impl Message {
    /// A typed name refused: the hidden character named, or `otherwise` (length, markup).
    pub fn for_name(refused: Option<crate::domain::text::RefusedChar>, otherwise: Text) -> Self {
        match refused {
            Some(character) => Message::Refused {
                field: NAME_FIELD,
                character,
            },
            None => Message::Text(otherwise),
        }
    }
}
