//! Interface text in Vietnamese and English. Every string the UI shows is a [`Text`], so a
//! missing translation is a compile error, not a blank label.

use leptos::prelude::*;

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
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// The current language, provided at the root of the app.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive view of `text` in the current language.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}
