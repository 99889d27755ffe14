//! The import log in words: one line per file imported, one per sync (a sync logs each
//! page it merged; those of one sync are added up).

use crate::exchange::ImportRecord;

/// One line of the import log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogRow {
    pub when: String,
    pub file: String,
    pub sender: String,
    /// "Mới 3 · Cập nhật 1 · Xung đột 0".
    pub counts: String,
    /// The start of the file's hash ("sha256:1a2b3c4d").
    pub hash: String,
    /// What was outside the sender's scope: taken in by choice, left out ("" if nothing).
    pub outside: String,
}

/// The import log's lines, newest first as stored. A sync merges what it receives page by
/// page, each page logged as an import; the pages of one sync (same database, same start)
/// are one line, their counts added up.
pub fn log_rows(entries: &[ImportRecord], locale: super::Locale) -> Vec<LogRow> {
    let same_sync = |a: &ImportRecord, b: &ImportRecord| {
        is_sync(a) && is_sync(b) && a.file_name == b.file_name && a.at_ms == b.at_ms
    };
    // Each line: its first entry and the counts of all it stands for.
    let mut lines: Vec<(&ImportRecord, crate::domain::merge::Counts)> = Vec::new();
    for e in entries {
        match lines.last_mut() {
            Some((first, counts)) if same_sync(first, e) => *counts += e.counts,
            _ => lines.push((e, e.counts)),
        }
    }
    lines
        .into_iter()
        .map(|(e, counts)| log_row(e, &counts, locale))
        .collect()
}

/// A page a sync merged (`app::sync` logs it with this sender).
fn is_sync(e: &ImportRecord) -> bool {
    e.sender.device == crate::app::sync::SYNC_SENDER && e.hash.is_empty()
}

fn log_row(
    e: &ImportRecord,
    counts: &crate::domain::merge::Counts,
    locale: super::Locale,
) -> LogRow {
    let l = locale.lang;
    let (file, sender) = if is_sync(e) {
        (
            super::exchange::t::LOG_SYNC.get(l).to_string(),
            e.file_name.clone(),
        )
    } else {
        (e.file_name.clone(), e.sender.name.clone())
    };
    LogRow {
        when: locale.date_time(e.at_ms as u64),
        file,
        sender,
        counts: format!(
            "{} {} · {} {} · {} {}",
            super::exchange::t::NEW.get(l),
            counts.new,
            super::exchange::t::UPDATED.get(l),
            counts.updated,
            super::exchange::t::CONFLICTS.get(l),
            counts.conflicts
        ),
        hash: e.hash.chars().take(15).collect(),
        outside: super::import_outside::log_words(e.outside_taken, e.outside_left, locale),
    }
}
