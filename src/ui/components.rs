//! Small shared components: the save bar with undo, the progress ring, badges.

use crate::ui::app_href;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::i18n::{tr, Text};
use super::pages::StoreErrorBox;
use super::state::{use_session, EditStatus};
use crate::app::browser::{BrowserOut, WorkerSheets};
use crate::app::reports::{self, SheetsFile};

const DOWNLOAD_FAILED: Text = Text::new(
    "Không tạo được tệp. Hãy thử lại; nếu vẫn lỗi, tải lại trang.",
    "The file could not be made. Try again; if it still fails, reload the page.",
);
const SAVING: Text = Text::new("Đang lưu…", "Saving…");
const SAVED: Text = Text::new("Đã lưu", "Saved");
const UNDONE: Text = Text::new("Đã hoàn tác", "Undone");
const UNDO: Text = Text::new("Hoàn tác", "Undo");
const LAST_CHANGE: Text = Text::new("thay đổi vừa lưu", "the change just saved");
const READ_ONLY: Text = Text::new(
    "Bộ nhớ đầy: ứng dụng chỉ cho xem, không lưu thêm được. Hãy xuất dữ liệu ra tệp rồi giải phóng bộ nhớ máy.",
    "Storage is full: the app is read-only for now. Export your data to a file and free some space.",
);
const EXPORT_NOW: Text = Text::new("Xuất tệp ngay", "Export now");
const IMPORT_BACKUP: Text = Text::new("Nhập tệp sao lưu", "Import a backup");

const EMPTIED: Text = Text::new(
    "Dữ liệu đã lưu trên máy này không còn nữa (trình duyệt có thể đã dọn bộ nhớ hoặc ai đó đã xoá dữ liệu trang web). Hãy nhập lại tệp sao lưu gần nhất của bạn, hoặc xin tệp từ cán bộ xã.",
    "The data saved on this device is gone (the browser may have cleared its storage, or site data was deleted). Import your latest backup file, or ask the commune office for one.",
);
const BACKUP_DUE: Text = Text::new("ngày chưa sao lưu dữ liệu ra tệp. Hãy xuất tệp sao lưu và gửi đi (Zalo, thư điện tử) để không mất dữ liệu.", "days without a backup file. Export one and send it on (Zalo, e-mail) so nothing is lost.");

const CLOCK_BEFORE_RELEASE: Text = Text::new(
    "Ngày giờ của máy này đang sai (trước ngày phát hành ứng dụng). Hãy chỉnh lại ngày giờ trong Cài đặt của điện thoại trước khi nhập số liệu: mọi thay đổi được ghi kèm thời điểm.",
    "This phone's date is wrong (earlier than the app's release). Set the date and time in the phone's settings before entering data: every change is recorded with its time.",
);
const CLOCK_BEHIND_DATA: Text = Text::new(
    "Ngày giờ của máy này có vẻ sai: dữ liệu trên máy có thay đổi ghi ngày",
    "This phone's date looks wrong: the data on it has changes dated",
);
const CLOCK_BEHIND_HINT: Text = Text::new(
    "Hãy kiểm tra ngày giờ trong Cài đặt của điện thoại. Nếu ngày giờ đã đúng, bấm nút bên cạnh: các thay đổi ghi sai giờ được ghi lại với giờ đúng (giữ nguyên giá trị và lịch sử) để gửi đi được.",
    "Check the date and time in the phone's settings. If they are right, use the button: changes dated wrongly are recorded again at the right time (same values, history kept) so they can be sent.",
);
const CLOCK_REPAIR: Text = Text::new("Ghi lại với giờ đúng", "Record them at the right time");

/// Warnings about the safety of the data: vanished data, a backup that is due, iOS, a
/// wrong clock.
#[component]
pub fn SafetyBanner() -> impl IntoView {
    let session = use_session();
    let locale = crate::ui::i18n::use_locale();
    view! {
        <Show when=move || session.startup.get() == Some(crate::domain::safety::StartupState::Emptied)>
            <div class="banner bad" role="alert" data-testid="emptied">
                {tr(EMPTIED)} " "
                <A href=app_href("/trao-doi") attr:class="banner-action">{tr(IMPORT_BACKUP)}</A>
            </div>
        </Show>
        {move || session.backup_due_days.get().map(|d| view! {
            <div class="banner warn" role="status" data-testid="backup-due">
                {d} " " {tr(BACKUP_DUE)} " "
                <A href=app_href("/trao-doi") attr:class="banner-action">{tr(EXPORT_NOW)}</A>
            </div>
        })}
        {move || session.clock_warning.get().map(|w| match w {
            crate::domain::safety::ClockWarning::BeforeRelease => view! {
                <div class="banner bad" role="alert" data-testid="clock-warning">{tr(CLOCK_BEFORE_RELEASE)}</div>
            }.into_any(),
            crate::domain::safety::ClockWarning::BehindData { data_ms } => view! {
                <div class="banner bad" role="alert" data-testid="clock-warning">
                    {tr(CLOCK_BEHIND_DATA)} " " {move || locale().date_time(data_ms)} ". " {tr(CLOCK_BEHIND_HINT)} " "
                    <button type="button" class="secondary small" data-testid="clock-repair" on:click=move |_| {
                        let repair_clock = session.deferred.repair_clock;
                        session.run_edit(
                            move |store, author| repair_clock(store, js_sys::Date::now() as u64, author),
                            move |_| leptos::task::spawn_local(session.check_storage()),
                        );
                    }>{tr(CLOCK_REPAIR)}</button>
                </div>
            }.into_any(),
        })}
        <Show when=move || crate::shell::pwa::is_ios() && session.startup.get() == Some(crate::domain::safety::StartupState::HasData)>
            <div class="banner warn">{tr(crate::ui::texts::STORAGE_IOS_HINT)}</div>
        </Show>
    }
}

/// The bar at the bottom of the screen: "Đã lưu" after each committed edit, with undo.
#[component]
pub fn SaveBar() -> impl IntoView {
    let session = use_session();
    let status = session.status;
    view! {
        <Show when=move || session.read_only.get()>
            <div class="banner bad" role="alert" data-testid="read-only">
                {tr(READ_ONLY)} " "
                <A href=app_href("/trao-doi") attr:class="banner-action">{tr(EXPORT_NOW)}</A>
            </div>
        </Show>
        <div class="save-bar" role="status" aria-live="polite" data-testid="save-bar">
            {move || match status.get() {
                EditStatus::Idle => None,
                EditStatus::Saving => Some(view! { <span>{tr(SAVING)}</span> }.into_any()),
                EditStatus::Saved => Some(view! {
                    <span class="ok">"✓ " {tr(SAVED)}</span>
                    {move || {
                        // Undo belongs to the page the edit was made on, and says what it undoes.
                        let path = use_location().pathname.get();
                        session.undo_offer.get().filter(|o| o.path == path).map(|o| {
                            let what = o.label.unwrap_or_else(|| tr(LAST_CHANGE)().to_string());
                            view! {
                                <button type="button" class="secondary small" data-testid="undo" on:click=move |_| session.undo()>
                                    {tr(UNDO)} ": " {what}
                                </button>
                            }
                        })
                    }}
                }.into_any()),
                EditStatus::Undone => Some(view! {
                    <span data-testid="undone">{tr(UNDONE)}</span>
                }.into_any()),
                EditStatus::Failed(e) => Some(view! { <StoreErrorBox error=e/> }.into_any()),
            }}
        </div>
    }
}

/// A ring showing `met` of `total`, with the count in words for screen readers.
#[component]
pub fn ProgressRing(
    #[prop(into)] met: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
) -> impl IntoView {
    const R: f64 = 26.0;
    let circumference = 2.0 * std::f64::consts::PI * R;
    let dash = move || {
        let t = total.get().max(1) as f64;
        let filled = circumference * (met.get() as f64 / t).min(1.0);
        format!("{filled:.2} {circumference:.2}")
    };
    let label = move || format!("{}/{}", met.get(), total.get());
    view! {
        <svg class="ring" viewBox="0 0 64 64" width="64" height="64" role="img" aria-label=label>
            <circle cx="32" cy="32" r="26" class="ring-bg"/>
            <circle cx="32" cy="32" r="26" class="ring-fg" stroke-dasharray=dash transform="rotate(-90 32 32)"/>
            <text x="32" y="37" text-anchor="middle" class="ring-text">{label}</text>
        </svg>
    }
}

/// Has the report worker write a download's tables, then downloads them. A failure (the
/// worker could not start or write) is said in `failed` (shown by [`DownloadFailed`])
/// instead of an empty file.
pub fn download_sheets(file: SheetsFile, failed: RwSignal<Option<String>>) {
    failed.set(None);
    leptos::task::spawn_local(async move {
        if let Err(e) = reports::deliver(&file, &WorkerSheets, &BrowserOut).await {
            failed.set(Some(format!("{}: {e}", file.name)));
        }
    });
}

/// Why the last download of a page failed, if it did.
#[component]
pub fn DownloadFailed(failed: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        failed.get().map(|what| {
            view! {
                <p class="banner bad" role="alert" data-testid="download-failed">
                    {tr(DOWNLOAD_FAILED)} " (" {what} ")"
                </p>
            }
        })
    }
}

/// A view drawn in parts, one task each, so that a long page is never one long task on a
/// slow phone (the dashboard: key figures, then the charts, then the report's table): how
/// many parts may be drawn so far — 1 at once, then one more per task up to `parts`.
/// Setting it to `parts` draws the rest at once (printing).
pub fn use_parts(parts: u8) -> RwSignal<u8> {
    fn next(drawn: RwSignal<u8>, parts: u8) {
        set_timeout(
            move || {
                // The page may be gone (try_update: None), or already drawn in full.
                let more = drawn.try_update(|d| {
                    *d = (*d + 1).min(parts);
                    *d < parts
                });
                if more == Some(true) {
                    next(drawn, parts);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    let drawn = RwSignal::new(1);
    if parts > 1 {
        next(drawn, parts);
    }
    drawn
}
