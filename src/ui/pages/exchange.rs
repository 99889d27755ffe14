//! Exchange data: export a file (everything or a scope, optionally only changes, .json or
//! .json.gz, shared or downloaded), import one (pick or drop → checked → preview with
//! counts and per-line diff → confirm → one transaction → report in the log), and the
//! open conflicts with "use this value".

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::format::format_int;
use crate::domain::merge::{self, Conflict, Counts, ExportScope, LineKind, RejectReason};
use crate::domain::profile::Lang;
use crate::domain::units::UnitRef;
use crate::exchange::{
    self, describe, ExchangeFile, ImportRecord, Refusal, Sender, MAX_FILE_BYTES,
};
use crate::shell::{self, files};
use crate::store::{ImportError, ImportPreview};
use crate::ui::i18n::{tr, use_lang, Text};
use crate::ui::pages::StoreErrorBox;
use crate::ui::state::{use_session, use_workspace, Session};

mod t {
    use crate::ui::i18n::Text;
    pub const TITLE: Text = Text::new("Trao đổi dữ liệu", "Exchange data");
    pub const EXPORT: Text = Text::new("Xuất tệp", "Export a file");
    pub const EXPORT_HINT: Text = Text::new(
        "Tệp chứa dữ liệu đã chọn kèm lịch sử sửa đổi. Gửi qua Zalo, thư điện tử hoặc USB; người nhận nhập tệp vào máy của họ. Tệp cũng là bản sao lưu của bạn.",
        "The file holds the chosen data with its edit history. Send it by Zalo, e-mail or USB; the receiver imports it. It is also your backup.",
    );
    pub const SCOPE: Text = Text::new("Phạm vi", "Scope");
    pub const ALL: Text = Text::new("Tất cả dữ liệu trên máy", "Everything on this device");
    pub const SINCE: Text = Text::new(
        "Chỉ những thay đổi từ lần xuất trước",
        "Only changes since the last export",
    );
    pub const GZIP: Text = Text::new(
        "Nén tệp (.json.gz, nhỏ hơn)",
        "Compress (.json.gz, smaller)",
    );
    pub const DOWNLOAD: Text = Text::new("Tải tệp xuống", "Download the file");
    pub const SHARE: Text = Text::new("Chia sẻ (Zalo, thư…)", "Share (Zalo, e-mail…)");
    pub const EXPORTED: Text = Text::new("Đã xuất tệp", "Exported");
    pub const EXPORT_FAILED: Text =
        Text::new("Không xuất được tệp.", "The file could not be exported.");
    pub const IMPORT: Text = Text::new("Nhập tệp", "Import a file");
    pub const PICK: Text = Text::new(
        "Chọn tệp .json hoặc .json.gz — hoặc kéo thả tệp vào đây",
        "Choose a .json or .json.gz file — or drop it here",
    );
    pub const READING: Text = Text::new(
        "Đang đọc và kiểm tra tệp…",
        "Reading and checking the file…",
    );
    pub const REFUSED: Text = Text::new("Không nhập tệp này", "This file was not imported");
    pub const NOTHING_STORED: Text = Text::new(
        "Không có gì được lưu; dữ liệu trên máy vẫn nguyên như cũ.",
        "Nothing was saved; the data on this device is unchanged.",
    );
    pub const PREVIEW: Text = Text::new("Xem trước khi nhập", "Preview before importing");
    pub const FROM: Text = Text::new("Người gửi", "Sender");
    pub const MADE: Text = Text::new("Tạo lúc", "Made at");
    pub const NEW: Text = Text::new("Mới", "New");
    pub const UPDATED: Text = Text::new("Cập nhật", "Updated");
    pub const UNCHANGED: Text = Text::new("Không đổi", "Unchanged");
    pub const OLDER: Text = Text::new("Cũ hơn (bỏ qua)", "Older (ignored)");
    pub const CONFLICTS: Text = Text::new("Xung đột", "Conflicts");
    pub const REJECTED: Text = Text::new("Bị từ chối", "Rejected");
    pub const NO_CHANGES: Text = Text::new(
        "Không có thay đổi: mọi dữ liệu trong tệp đã có trên máy.",
        "No changes: everything in the file is already on this device.",
    );
    pub const FILTER_UNIT: Text = Text::new("Lọc theo đơn vị", "Filter by unit");
    pub const ALL_UNITS: Text = Text::new("Tất cả đơn vị", "All units");
    pub const HERE: Text = Text::new("Trên máy", "Here");
    pub const IN_FILE: Text = Text::new("Trong tệp", "In the file");
    pub const CONFIRM: Text = Text::new("Nhập vào máy", "Import");
    pub const CANCEL: Text = Text::new("Huỷ", "Cancel");
    pub const CLOSE: Text = Text::new("Đóng", "Close");
    pub const APPLYING: Text = Text::new("Đang nhập…", "Importing…");
    pub const DONE: Text = Text::new("Đã nhập tệp", "File imported");
    pub const CHANGED: Text = Text::new(
        "Dữ liệu trên máy đã thay đổi từ lúc xem trước nên chưa nhập. Hãy xem lại bản xem trước mới.",
        "The data here changed since the preview, so nothing was imported. Check the new preview.",
    );
    pub const MORE_LINES: Text = Text::new(
        "dòng khác (dùng bộ lọc để xem)",
        "more lines (use the filter)",
    );
    pub const UNLISTED_NEW: Text = Text::new(
        "giá trị mới khác không liệt kê từng dòng (vẫn được nhập đủ)",
        "more new values not listed one by one (all are imported)",
    );
    pub const CONFLICTS_TITLE: Text = Text::new("Xung đột cần xem", "Conflicts to review");
    pub const CONFLICTS_HINT: Text = Text::new(
        "Hai người đã sửa cùng một giá trị mà không biết nhau. Giá trị sửa sau được dùng; giá trị kia được giữ ở đây để bạn chọn lại nếu cần.",
        "Two people changed the same value without seeing each other's edit. The later one is used; the other is kept here so you can choose it.",
    );
    pub const NO_CONFLICTS: Text = Text::new("Không có xung đột.", "No conflicts.");
    pub const CURRENT: Text = Text::new("Đang dùng", "In use");
    pub const OTHER: Text = Text::new("Giá trị khác", "Other value");
    pub const USE_OTHER: Text = Text::new("Dùng giá trị này", "Use this value");
    pub const KEEP: Text = Text::new("Giữ giá trị đang dùng", "Keep the value in use");
    pub const LOG: Text = Text::new("Nhật ký nhập tệp", "Import log");
    pub const LOG_EMPTY: Text = Text::new("Chưa nhập tệp nào.", "No file imported yet.");
    pub const REJECT_SET: Text = Text::new(
        "bộ tiêu chí không có trên máy này",
        "criteria set not on this device",
    );
    pub const REJECT_CODE: Text = Text::new(
        "mã không có trong bộ tiêu chí",
        "code not in the criteria set",
    );
    pub const REJECT_BUILTIN: Text = Text::new(
        "không thể thay bộ tiêu chí có sẵn",
        "a built-in set cannot be replaced",
    );
    pub const FUTURE_1: Text = Text::new("Máy của", "The phone of");
    pub const FUTURE_2: Text = Text::new("đang để ngày", "is set to");
    pub const FUTURE_3: Text = Text::new(
        "hãy nhờ người đó chỉnh lại ngày giờ trên máy rồi gửi lại tệp.",
        "ask them to set its date and time right, then send the file again.",
    );
    pub const FUTURE_4: Text = Text::new(
        "giá trị ghi ngày đó chưa được nhập (để không thắng các thay đổi đúng giờ).",
        "values with that date were not imported (so they cannot win over changes made at the right time).",
    );
    pub const DUPLICATES: Text = Text::new("Thôn có thể trùng", "Villages that may be the same");
    pub const DUPLICATES_HINT: Text = Text::new(
        "Cùng xã, cùng tên: có thể hai người đã cùng thêm một thôn. Bấm “Gộp” để tính là một thôn (số liệu của cả hai được giữ; có thể hoàn tác).",
        "Same commune, same name: two people may have added the same village. Tap “Merge” to count it once (the values of both are kept; can be undone).",
    );
    pub const MAYBE_SAME: Text = Text::new("có thể trùng với", "may be the same as");
    pub const MERGE: Text = Text::new("Gộp", "Merge");
    pub const WILL_MERGE: Text = Text::new("✓ Sẽ gộp khi nhập", "✓ Will merge on import");
    pub const SET_SCOPE: Text = Text::new("Chỉ bộ tiêu chí", "Criteria set only");
}

/// Where an import stands.
#[derive(Clone)]
enum ImportState {
    Idle,
    Reading,
    Refused {
        name: String,
        message: String,
        details: Vec<String>,
    },
    Preview {
        name: String,
        file: Arc<ExchangeFile>,
        preview: Arc<ImportPreview>,
    },
    Applying,
    Done {
        name: String,
        counts: Counts,
    },
    Failed(crate::store::StoreError),
}

fn refusal_view(name: String, refusal: &Refusal, lang: Lang) -> ImportState {
    let details = match refusal {
        Refusal::Invalid(errors) => errors.iter().take(100).map(|e| e.message(lang)).collect(),
        _ => Vec::new(),
    };
    ImportState::Refused {
        name,
        message: refusal.message(lang),
        details,
    }
}

fn kind_text(kind: LineKind) -> Text {
    match kind {
        LineKind::New => t::NEW,
        LineKind::Updated => t::UPDATED,
        LineKind::Unchanged => t::UNCHANGED,
        LineKind::Older => t::OLDER,
        LineKind::Conflict => t::CONFLICTS,
        LineKind::Rejected => t::REJECTED,
    }
}

fn kind_class(kind: LineKind) -> &'static str {
    match kind {
        LineKind::New => "line new",
        LineKind::Updated => "line updated",
        LineKind::Unchanged => "line",
        LineKind::Older => "line older",
        LineKind::Conflict => "line conflict",
        LineKind::Rejected => "line rejected",
    }
}

fn who_when(stamp: &crate::domain::sync::Stamp) -> String {
    format!(
        "{} · {}",
        stamp.author,
        shell::local_date_time(stamp.hlc.wall_ms)
    )
}

/// Reads, checks and previews a picked file.
fn start_import(
    session: Session,
    file: files::PickedFile,
    state: RwSignal<ImportState>,
    lang: Lang,
) {
    let name = file.name();
    state.set(ImportState::Reading);
    spawn_local(async move {
        // The steps are timed for the benchmarks (performance entries "ntm-import-*").
        let read_timing = shell::Timing::start("ntm-import-read");
        let bytes = match files::read_bytes(&file, MAX_FILE_BYTES).await {
            Ok(b) => b,
            Err(files::ReadError::TooLarge(n)) => {
                state.set(refusal_view(name, &Refusal::TooLarge { bytes: n }, lang));
                return;
            }
            Err(files::ReadError::BadGzip) => {
                state.set(refusal_view(name, &Refusal::BadCompression, lang));
                return;
            }
            Err(files::ReadError::Other(e)) => {
                state.set(ImportState::Failed(crate::store::StoreError::Other(e)));
                return;
            }
        };
        drop(read_timing);
        let parse_timing = shell::Timing::start("ntm-import-parse");
        let parsed = match exchange::read(&bytes) {
            Ok(f) => f,
            Err(r) => {
                state.set(refusal_view(name, &r, lang));
                return;
            }
        };
        drop(parse_timing);
        drop(bytes);
        let Some(store) = session.db.ready_untracked() else {
            return;
        };
        let plan_timing = shell::Timing::start("ntm-import-plan");
        let preview = store.preview_import(&parsed.content).await;
        drop(plan_timing);
        match preview {
            Ok(preview) => state.set(ImportState::Preview {
                name,
                file: Arc::new(parsed),
                preview: Arc::new(preview),
            }),
            Err(e) => state.set(ImportState::Failed(e)),
        }
    });
}

#[component]
pub fn ExchangePage() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let ws = use_workspace();
    let state = RwSignal::new(ImportState::Idle);
    let unit_filter = RwSignal::new(String::new());
    // Set when a confirmed import found the data changed since its preview.
    let changed_notice = RwSignal::new(false);
    let conflicts = RwSignal::new(Vec::<Conflict>::new());
    // Pairs (village in the file, village here) the user chose to merge in the preview.
    let merge_choices = RwSignal::new(std::collections::BTreeSet::<(String, String)>::new());
    let log = RwSignal::new(Vec::<ImportRecord>::new());
    Effect::new(move |_| {
        session.data_version.track();
        if let Some(store) = session.db.ready() {
            spawn_local(async move {
                conflicts.set(store.conflicts().await.unwrap_or_default());
                log.set(store.import_log().await.unwrap_or_default());
            });
        }
    });

    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(f) = files::PickedFile::from_event(&ev.into()) {
            unit_filter.set(String::new());
            merge_choices.set(Default::default());
            start_import(session, f, state, lang.get_untracked());
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(f) = files::PickedFile::from_event(&ev.into()) {
            unit_filter.set(String::new());
            merge_choices.set(Default::default());
            start_import(session, f, state, lang.get_untracked());
        }
    };

    let confirm = move |_| {
        let merges: Vec<(String, String)> = merge_choices.get_untracked().into_iter().collect();
        let ImportState::Preview {
            name,
            file,
            preview,
        } = state.get_untracked()
        else {
            return;
        };
        let Some(store) = session.db.ready_untracked() else {
            return;
        };
        state.set(ImportState::Applying);
        changed_notice.set(false);
        let author = session.author();
        spawn_local(async move {
            let record = ImportRecord {
                at_ms: js_sys::Date::now(),
                file_name: name.clone(),
                sender: file.header.sender.clone(),
                created_at: file.header.created_at.clone(),
                hash: file.hash.clone(),
                counts: preview.plan.counts,
            };
            let commit_timing = shell::Timing::start("ntm-import-commit");
            let result = store.import(&preview, record, &merges, &author).await;
            drop(commit_timing);
            match result {
                Ok(counts) => {
                    state.set(ImportState::Done { name, counts });
                    session.changed();
                    spawn_local(session.check_storage());
                }
                Err(ImportError::ChangedSincePreview) => {
                    match store.preview_import(&file.content).await {
                        Ok(preview) => state.set(ImportState::Preview {
                            name,
                            file,
                            preview: Arc::new(preview),
                        }),
                        Err(e) => state.set(ImportState::Failed(e)),
                    }
                    changed_notice.set(true);
                }
                Err(ImportError::Store(e)) => state.set(ImportState::Failed(e)),
            }
        });
    };

    let unit_name =
        move |key: &str| -> String { name_of(&ws, key).unwrap_or_else(|| key.to_string()) };

    let import_view = move || {
        match state.get() {
        ImportState::Idle => None,
        ImportState::Reading => Some(view! { <p role="status">{tr(t::READING)}</p> }.into_any()),
        ImportState::Applying => Some(view! { <p role="status">{tr(t::APPLYING)}</p> }.into_any()),
        ImportState::Failed(e) => Some(view! { <StoreErrorBox error=e/> }.into_any()),
        ImportState::Refused { name, message, details } => Some(view! {
            <div class="error-box" role="alert" data-testid="import-refused">
                <p><strong>{tr(t::REFUSED)}</strong> " — " {name}</p>
                <p data-testid="refusal">{message}</p>
                <ul class="errors">
                    {details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                </ul>
                <p>{tr(t::NOTHING_STORED)}</p>
                <button type="button" class="secondary" on:click=move |_| state.set(ImportState::Idle)>{tr(t::CLOSE)}</button>
            </div>
        }.into_any()),
        ImportState::Done { name, counts } => Some(view! {
            <div class="card ok-box" role="status" data-testid="import-done">
                <p><strong>{tr(t::DONE)}</strong> " — " {name}</p>
                <CountsTable counts=counts/>
                <button type="button" class="secondary" on:click=move |_| state.set(ImportState::Idle)>{tr(t::CLOSE)}</button>
            </div>
        }.into_any()),
        ImportState::Preview {
            name,
            file,
            preview,
        } => {
            let sender = file.header.sender.clone();
            let role = sender
                .role
                .map(|r| format!(" ({})", r.name(lang.get_untracked())))
                .unwrap_or_default();
            let made = chrono::DateTime::parse_from_rfc3339(&file.header.created_at)
                .map(|t| shell::local_date_time(t.timestamp_millis().max(0) as u64))
                .unwrap_or_else(|_| file.header.created_at.clone());
            // Units new to this device are named from the file itself.
            let file_units: std::collections::BTreeMap<String, String> = file
                .content
                .units
                .iter()
                .map(|u| (u.id.clone(), u.data.name().to_string()))
                .collect();
            let file_units = Arc::new(file_units);
            let name_in = {
                let file_units = file_units.clone();
                move |key: &str| -> String {
                    let here = unit_name(key);
                    if here != key {
                        here
                    } else {
                        file_units.get(key).cloned().unwrap_or(here)
                    }
                }
            };
            let noop = preview.plan.is_noop();
            let mut units: Vec<String> = preview
                .plan
                .lines
                .iter()
                .filter_map(|l| l.unit.clone())
                .chain(preview.plan.unlisted_new.keys().flatten().cloned())
                .collect();
            units.sort();
            units.dedup();
            let many_units = units.len() > 1;
            let plan_for_lines = preview.clone();
            let file_sets: Vec<crate::domain::criteria::CriteriaSet> =
                file.content.sets.iter().map(|r| r.data.clone()).collect();
            let name_in2 = name_in.clone();
            let lines = move || {
                let filter = unit_filter.get();
                let l = lang.get();
                let shown: Vec<_> = plan_for_lines
                    .plan
                    .lines
                    .iter()
                    .filter(|x| filter.is_empty() || x.unit.as_deref() == Some(filter.as_str()))
                    .collect();
                let more = shown.len().saturating_sub(200);
                let unlisted = plan_for_lines
                    .plan
                    .unlisted_new_in((!filter.is_empty()).then_some(filter.as_str()));
                let rows = shown
                    .into_iter()
                    .take(200)
                    .map(|line| {
                        let what = describe::target_text_in(&line.target, l, &|id, item, ind| {
                            code_here(&ws, id, item, ind, l).or_else(|| {
                                file_sets.iter().find(|s| s.set_id() == *id).and_then(|s| code_in(s, item, ind, l))
                            })
                        });
                        let unit = line.unit.as_deref().map(&name_in).unwrap_or_default();
                        let here = line
                            .local
                            .as_ref()
                            .map(|(v, s)| format!("{} ({})", describe::value_text(&line.target, &v.to_json(), l), who_when(s)));
                        let incoming = format!(
                            "{} ({})",
                            describe::value_text(&line.target, &line.incoming.0.to_json(), l),
                            who_when(&line.incoming.1)
                        );
                        let reason = line.reject.as_ref().map(|r| match r {
                            RejectReason::UnknownSet(id) => format!("{}: {id}", t::REJECT_SET.get(l)),
                            RejectReason::UnknownCode { code, .. } => format!("{}: {code}", t::REJECT_CODE.get(l)),
                            RejectReason::BuiltinSet(id) => format!("{}: {id}", t::REJECT_BUILTIN.get(l)),
                        });
                        view! {
                            <li class=kind_class(line.kind)>
                                <span class="badge">{kind_text(line.kind).get(l)}</span>
                                <span class="what">{unit} " · " {what}</span>
                                {here.map(|h| view! { <span class="old">{t::HERE.get(l)} ": " {h}</span> })}
                                <span class="new">{t::IN_FILE.get(l)} ": " {incoming}</span>
                                {reason.map(|r| view! { <span class="reason">{r}</span> })}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <ul class="diff" data-testid="diff">{rows}</ul>
                    {(more > 0).then(|| view! { <p>{format_int(more as i64)} " " {t::MORE_LINES.get(l)}</p> })}
                    {(unlisted > 0).then(|| view! { <p data-testid="unlisted-new">{format_int(unlisted as i64)} " " {t::UNLISTED_NEW.get(l)}</p> })}
                }
            };
            Some(view! {
                <div class="card preview" data-testid="import-preview">
                    <h3>{tr(t::PREVIEW)} " — " {name}</h3>
                    <p data-testid="sender">{tr(t::FROM)} ": " {sender.name.clone()} {role} " · " {tr(t::MADE)} " " {made}</p>
                    <Show when=move || changed_notice.get()>
                        <p class="notice" role="alert">{tr(t::CHANGED)}</p>
                    </Show>
                    <CountsTable counts=preview.plan.counts/>
                    {preview.plan.future.iter().map(|f| {
                        let l = lang.get_untracked();
                        let who = if f.author.is_empty() { f.device.clone() } else { f.author.clone() };
                        view! {
                            <p class="bad" role="alert" data-testid="future-stamps">
                                {t::FUTURE_1.get(l)} " " <strong>{who}</strong> " " {t::FUTURE_2.get(l)} " "
                                <strong>{crate::domain::format::format_date(crate::domain::format::date_of_ms(f.latest_ms))}</strong>
                                " — " {t::FUTURE_3.get(l)} " " {format_int(f.values as i64)} " " {t::FUTURE_4.get(l)}
                            </p>
                        }
                    }).collect_view()}
                    {(noop && preview.plan.future.is_empty()).then(|| view! { <p class="notice" data-testid="no-changes">{tr(t::NO_CHANGES)}</p> })}
                    {(!preview.plan.duplicates.is_empty()).then(|| {
                        let pairs = preview.plan.duplicates.clone();
                        view! {
                            <div class="duplicates" data-testid="duplicates">
                                <h4>{tr(t::DUPLICATES)}</h4>
                                <p class="hint">{tr(t::DUPLICATES_HINT)}</p>
                                <ul class="plain-list">
                                    {pairs.into_iter().map(|p| {
                                        let pair = (p.incoming.clone(), p.local.clone());
                                        let pair2 = pair.clone();
                                        let chosen = Signal::derive(move || merge_choices.with(|c| c.contains(&pair2)));
                                        view! {
                                            <li class="duplicate" data-testid="duplicate">
                                                <span>"“" {p.incoming_name.clone()} "” (" {tr(t::IN_FILE)} ") · " {tr(t::MAYBE_SAME)} " “" {p.local_name.clone()} "” (" {tr(t::HERE)} ")"</span>
                                                <button type="button" class="secondary small" aria-pressed=move || chosen.get().to_string()
                                                    data-testid="merge-duplicate"
                                                    on:click=move |_| merge_choices.update(|c| { if !c.remove(&pair) { c.insert(pair.clone()); } })>
                                                    {move || if chosen.get() { tr(t::WILL_MERGE)() } else { tr(t::MERGE)() }}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </div>
                        }
                    })}
                    <Show when=move || many_units>
                        <label>{tr(t::FILTER_UNIT)} " "
                            <select on:change=move |ev| unit_filter.set(event_target_value(&ev)) prop:value=move || unit_filter.get()>
                                <option value="">{tr(t::ALL_UNITS)}</option>
                                {units.clone().into_iter().map(|u| { let n = name_in2(&u); view! { <option value=u>{n}</option> } }).collect_view()}
                            </select>
                        </label>
                    </Show>
                    {lines}
                    <div class="actions">
                        {(!noop).then(|| view! { <button type="button" class="primary" on:click=confirm data-testid="confirm-import">{tr(t::CONFIRM)}</button> })}
                        <button type="button" class="secondary" on:click=move |_| state.set(ImportState::Idle)>{if noop { tr(t::CLOSE)() } else { tr(t::CANCEL)() }}</button>
                    </div>
                </div>
            }.into_any())
        }
    }
    };

    view! {
        <h1>{tr(t::TITLE)}</h1>
        <ExportCard ws=ws/>
        <section class="card">
            <h2>{tr(t::IMPORT)}</h2>
            <label class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <span>{tr(t::PICK)}</span>
                <input type="file" accept=".json,.gz,application/json,application/gzip" on:change=on_pick data-testid="import-file"/>
            </label>
            {import_view}
        </section>
        <ConflictList conflicts=conflicts ws=ws/>
        <section class="card">
            <h2>{tr(t::LOG)}</h2>
            {move || {
                let entries = log.get();
                if entries.is_empty() {
                    view! { <p>{tr(t::LOG_EMPTY)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="log" data-testid="import-log">
                            {entries.into_iter().map(|e| view! {
                                <li>
                                    <span>{shell::local_date_time(e.at_ms as u64)}</span> " · "
                                    <span>{e.file_name}</span> " · "
                                    <span>{e.sender.name}</span> " · "
                                    <span>{move || { let l = lang.get(); format!("{} {} · {} {} · {} {}", t::NEW.get(l), e.counts.new, t::UPDATED.get(l), e.counts.updated, t::CONFLICTS.get(l), e.counts.conflicts) }}</span>
                                    " · " <code>{e.hash.chars().take(15).collect::<String>()}</code>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CountsTable(counts: Counts) -> impl IntoView {
    let rows = [
        (t::NEW, counts.new, "new"),
        (t::UPDATED, counts.updated, "updated"),
        (t::UNCHANGED, counts.unchanged, "unchanged"),
        (t::OLDER, counts.older, "older"),
        (t::CONFLICTS, counts.conflicts, "conflicts"),
        (t::REJECTED, counts.rejected, "rejected"),
    ];
    view! {
        <table class="counts">
            <tbody>
                {rows.into_iter().map(|(label, n, key)| view! {
                    <tr><th scope="row">{tr(label)}</th><td data-testid=format!("count-{key}")>{format_int(n as i64)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn ConflictList(conflicts: RwSignal<Vec<Conflict>>, ws: WorkspaceSignal) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let resolve = move |c: Conflict, use_other: bool| {
        let value = if use_other {
            c.other.new.clone().unwrap_or_default()
        } else {
            c.current.clone()
        };
        session.run_edit(
            move |store, author| async move { store.resolve_conflict(&c, &value, &author).await },
            |_| {},
        );
    };
    view! {
        <section class="card" data-testid="conflicts">
            <h2>{tr(t::CONFLICTS_TITLE)} " (" {move || conflicts.get().len()} ")"</h2>
            <p class="hint">{tr(t::CONFLICTS_HINT)}</p>
            {move || {
                let list = conflicts.get();
                let l = lang.get();
                if list.is_empty() {
                    return view! { <p>{tr(t::NO_CONFLICTS)}</p> }.into_any();
                }
                list.into_iter().map(|c| {
                    let unit = merge::unit_of_target(&c.target)
                        .and_then(|k| name_of(&ws, &k))
                        .unwrap_or_default();
                    let what = describe::target_text_in(&c.target, l, &|id, item, ind| code_here(&ws, id, item, ind, l));
                    let current = describe::value_text(&c.target, &c.current, l);
                    let other = c.other.new.as_ref().map(|v| describe::value_text(&c.target, v, l)).unwrap_or_default();
                    let (c1, c2) = (c.clone(), c.clone());
                    view! {
                        <div class="conflict" data-testid="conflict">
                            <p class="what"><strong>{unit}</strong> " · " {what}</p>
                            <p>{t::CURRENT.get(l)} ": " <strong data-testid="conflict-current">{current}</strong> " (" {who_when(&c.current_stamp)} ")"</p>
                            <p>{t::OTHER.get(l)} ": " <strong data-testid="conflict-other">{other}</strong> " (" {who_when(&c.other.stamp)} ")"</p>
                            <div class="actions">
                                <button type="button" class="primary" on:click=move |_| resolve(c1.clone(), true)>{t::USE_OTHER.get(l)}</button>
                                <button type="button" class="secondary" on:click=move |_| resolve(c2.clone(), false)>{t::KEEP.get(l)}</button>
                            </div>
                        </div>
                    }
                }).collect_view().into_any()
            }}
        </section>
    }
}

/// The export form. `?gui=<scope key>` preselects a scope (the sets page links here to
/// send a set).
#[component]
fn ExportCard(ws: WorkspaceSignal) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map();
    let home = session
        .profile
        .get_untracked()
        .and_then(|p| p.home)
        .map(|h| h.key());
    let preset = query.with_untracked(|q| q.get("gui"));
    let scope_key = RwSignal::new(preset.or(home).unwrap_or_else(|| "all".to_string()));
    let since = RwSignal::new(false);
    let gzip = RwSignal::new(false);
    let status = RwSignal::new(None::<Result<String, String>>);
    let can_share = files::can_share_files();
    // Scope choices: everything, each province, commune and village (by name), and each
    // custom set alone.
    let choices = move || {
        let l = lang.get();
        ws.with(|w| {
            let mut out: Vec<(String, String)> = Vec::new();
            if let Some(w) = w {
                for p in w.provinces().into_iter().filter(|u| w.is_live(u)) {
                    out.push((p.id.clone(), p.data.name().to_string()));
                    for c in w.children(&p.data.unit_ref(), false) {
                        out.push((c.id.clone(), format!("· {}", c.data.name())));
                        for v in w.children(&c.data.unit_ref(), false) {
                            out.push((v.id.clone(), format!("· · {}", v.data.name())));
                        }
                    }
                }
                for s in w.current_sets().into_iter().filter(|s| !s.builtin) {
                    out.push((
                        format!("set:{}", s.set_id()),
                        format!("{}: {}", t::SET_SCOPE.get(l), s.label(l)),
                    ));
                }
            }
            out
        })
    };
    let export = move |share: bool| {
        let Some(store) = session.db.ready_untracked() else {
            return;
        };
        let key = scope_key.get_untracked();
        let (scope, name) = match (key.strip_prefix("set:"), UnitRef::from_key(&key)) {
            (Some(set), _) => (
                ExportScope::Set(set.to_string()),
                ws.with(|w| {
                    w.as_ref()
                        .and_then(|w| w.set(&set.parse().ok()?).map(|s| s.code.clone()))
                })
                .unwrap_or_default(),
            ),
            (None, Some(UnitRef::Province(c))) => (
                ExportScope::Province(c.clone()),
                name_of(&ws, &key).unwrap_or_default(),
            ),
            (None, Some(UnitRef::Commune(c))) => (
                ExportScope::Commune(c.clone()),
                name_of(&ws, &key).unwrap_or_default(),
            ),
            (None, Some(UnitRef::Village(v))) => (
                ExportScope::Village(v.clone()),
                name_of(&ws, &key).unwrap_or_default(),
            ),
            _ => (
                ExportScope::All,
                session
                    .profile
                    .get_untracked()
                    .and_then(|p| p.home)
                    .and_then(|h| name_of(&ws, &h.key()))
                    .unwrap_or_default(),
            ),
        };
        let (only_changes, compress) = (since.get_untracked(), gzip.get_untracked());
        let profile = session.profile.get_untracked().unwrap_or_default();
        let device = session.device_id.get_untracked().unwrap_or_default();
        spawn_local(async move {
            let result: Result<String, String> = async {
                let data = store.dataset().await.map_err(|e| e.to_string())?;
                let since = if only_changes {
                    store.last_export_hlc().await.map_err(|e| e.to_string())?
                } else {
                    None
                };
                let content = merge::select(&data, &scope, since);
                let now = js_sys::Date::now();
                let sender = Sender {
                    device,
                    name: profile.name.clone(),
                    role: profile.role,
                    unit: profile.home.as_ref().map(|h| h.key()),
                };
                let file = exchange::build(
                    content,
                    sender,
                    scope.clone(),
                    since,
                    env!("CARGO_PKG_VERSION"),
                    now as u64,
                );
                let text = exchange::to_json(&file);
                let date = exchange::rfc3339(now as u64)
                    .get(..10)
                    .unwrap_or("")
                    .replace('-', "");
                let file_name =
                    exchange::file_name(scope.code(), &name, &profile.name, &date, compress);
                let bytes = if compress {
                    files::gzip(&text).await?
                } else {
                    text.into_bytes()
                };
                if share {
                    if !files::share(&bytes, &file_name, "Sổ NTM").await? {
                        return Err(String::new());
                    }
                } else {
                    files::download(&bytes, &file_name);
                }
                // The file is out; remembering it may fail on a full disk (read-only mode),
                // which must not turn a good export into an error.
                let _ = store.mark_exported(now).await;
                if let Some(h) = data.max_hlc() {
                    let _ = store.set_last_export_hlc(h).await;
                }
                Ok(file_name)
            }
            .await;
            if result.is_ok() {
                session.check_storage().await;
            }
            // A closed share sheet is not a failure: say nothing.
            status.set(match result {
                Err(e) if e.is_empty() => None,
                other => Some(other),
            });
        });
    };
    view! {
        <section class="card">
            <h2>{tr(t::EXPORT)}</h2>
            <p class="hint">{tr(t::EXPORT_HINT)}</p>
            <label>{tr(t::SCOPE)} " "
                <select data-testid="export-scope" on:change=move |ev| scope_key.set(event_target_value(&ev)) prop:value=move || scope_key.get()>
                    <option value="all" selected=move || scope_key.get() == "all">{tr(t::ALL)}</option>
                    // The options arrive with the workspace, after the select's value was
                    // set: each says whether it is the chosen one.
                    {move || choices().into_iter().map(|(k, n)| {
                        let chosen = scope_key.get_untracked() == k;
                        view! { <option value=k selected=chosen>{n}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="check"><input type="checkbox" prop:checked=move || since.get() on:change=move |ev| since.set(event_target_checked(&ev))/> {tr(t::SINCE)}</label>
            <label class="check"><input type="checkbox" prop:checked=move || gzip.get() on:change=move |ev| gzip.set(event_target_checked(&ev))/> {tr(t::GZIP)}</label>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| export(false) data-testid="export-download">{tr(t::DOWNLOAD)}</button>
                {can_share.then(|| view! { <button type="button" class="secondary" on:click=move |_| export(true)>{tr(t::SHARE)}</button> })}
            </div>
            {move || status.get().map(|s| match s {
                Ok(name) => view! { <p class="ok" role="status" data-testid="exported">"✓ " {tr(t::EXPORTED)} ": " {name}</p> }.into_any(),
                Err(e) => view! { <p class="error-box" role="alert">{tr(t::EXPORT_FAILED)} " " <code>{e}</code></p> }.into_any(),
            })}
        </section>
    }
}

/// The page's one workspace, shared by its parts (each `use_workspace` loads its own).
type WorkspaceSignal = RwSignal<Option<Arc<crate::domain::workspace::Workspace>>>;

/// The name of a unit by its storage key, if the workspace has it.
fn name_of(ws: &WorkspaceSignal, key: &str) -> Option<String> {
    ws.with(|w| w.as_ref()?.unit_name(key).map(str::to_string))
}

/// The code of criterion (or indicator, with `indicator`) `item` of `set`, or the set's
/// label when `item` is empty (see `describe::CodeLookup`).
fn code_in(
    set: &crate::domain::criteria::CriteriaSet,
    item: &str,
    indicator: bool,
    lang: Lang,
) -> Option<String> {
    if item.is_empty() {
        return Some(set.label(lang));
    }
    if indicator {
        set.indicator(item).map(|(_, i)| i.code.clone())
    } else {
        set.criterion(item).map(|c| c.code.clone())
    }
}

/// [`code_in`] for a set this device has.
fn code_here(
    ws: &WorkspaceSignal,
    set: &crate::domain::criteria::SetId,
    item: &str,
    indicator: bool,
    lang: Lang,
) -> Option<String> {
    ws.with_untracked(|w| code_in(w.as_ref()?.set(set)?, item, indicator, lang))
}
