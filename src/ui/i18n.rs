//! The current language and reactive text for the components. The texts themselves
//! ([`Text`], [`Message`]) are in `present::text`, so view models use them natively.

use leptos::prelude::*;

use crate::domain::profile::Lang;
pub use crate::present::text::{Message, Text};

/// The current language, provided at the root of the app.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive view of `text` in the current language.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

/// The device's offset from UTC now, in minutes east (Vietnam: 420).
fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// The language and time zone view models put values in (reactive in the language).
pub fn use_locale() -> impl Fn() -> crate::present::Locale + Copy + 'static {
    let lang = use_lang();
    let offset = utc_offset_minutes();
    move || crate::present::Locale::new(lang.get(), offset)
}
