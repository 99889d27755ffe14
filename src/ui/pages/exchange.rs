//! Exchange data (/trao-doi): the export form, the import of a file (pick or drop →
//! preview → confirm; the workflow is `app::import`, its words `present::exchange`), the
//! open conflicts with "use this value", and the import log.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::browser::{BrowserOut, StepTimings, WorkerImport};
use crate::app::export::{self, ExportOutcome, ExportRequest};
use crate::app::import::{ConfirmRequest, ImportState, ImportStep, Pending, Progress};
use crate::domain::format::format_int;
use crate::domain::merge::{Conflict, Counts};
use crate::exchange::{ImportRecord, Sender};
use crate::present::exchange::{self as words, t};
use crate::present::import_progress;
use crate::shell::files;
use crate::ui::i18n::{tr, use_lang, use_locale};
use crate::ui::pages::import_outside::{choice as outside_choice, OutsideValues};
use crate::ui::pages::StoreErrorBox;
use crate::ui::state::{use_session, use_store_read, use_workspace};

/// Shows an import's progress as the worker reports it, and records each step's
/// performance entry (the benchmarks read them) until the returned timings are dropped.
fn show_progress(
    state: RwSignal<ImportState>,
) -> (
    impl FnMut(Progress) + 'static,
    std::rc::Rc<std::cell::RefCell<StepTimings>>,
) {
    let timings = std::rc::Rc::new(std::cell::RefCell::new(StepTimings::default()));
    let t = timings.clone();
    let report = move |p: Progress| {
        t.borrow_mut().step(p.step);
        // A report that arrives after a cancel or the answer changes nothing.
        if matches!(state.get_untracked(), ImportState::Working(_)) {
            state.set(ImportState::Working(p));
        }
    };
    (report, timings)
}

/// Reads, checks and previews a picked file, in the app's worker.
fn start_import(file: files::PickedFile, state: RwSignal<ImportState>) {
    state.set(ImportState::Working(Progress::start(ImportStep::Read)));
    spawn_local(async move {
        let (report, timings) = show_progress(state);
        let result = WorkerImport::open(&file, report).await;
        drop(timings);
        // A cancelled import answers `Idle`; the page is already there.
        if matches!(state.get_untracked(), ImportState::Working(_)) {
            state.set(result);
        }
    });
}

#[component]
pub fn ExchangePage() -> impl IntoView {
    let state = RwSignal::new(ImportState::Idle);
    // The worker that reads files is started now, so that it is ready when one is picked.
    WorkerImport::warm();
    let conflicts = use_store_read(|_| WorkerImport::conflicts());
    let log = use_store_read(|store| async move { store.import_log().await });
    let pick = move |f: Option<files::PickedFile>| {
        if let Some(f) = f {
            start_import(f, state);
        }
    };
    let on_pick = move |ev: leptos::ev::Event| pick(files::PickedFile::from_event(&ev.into()));
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        pick(files::PickedFile::from_event(&ev.into()));
    };
    view! {
        <h1>{tr(t::TITLE)}</h1>
        <ExportCard/>
        <section class="card">
            <h2>{tr(t::IMPORT)}</h2>
            <label class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <span>{tr(t::PICK)}</span>
                <input type="file" accept=".json,.gz,application/json,application/gzip" on:change=on_pick data-testid="import-file"/>
            </label>
            <ImportView state=state/>
        </section>
        <ConflictList conflicts=conflicts/>
        <ImportLog log=log/>
    }
}

/// Where the import stands: progress, refusal, preview, result.
#[component]
fn ImportView(state: RwSignal<ImportState>) -> impl IntoView {
    let close = move |_| state.set(ImportState::Idle);
    let lang = use_lang();
    // Redrawn when the state changes kind, not on every progress report (a button redrawn
    // under the finger would miss the tap).
    let kind = Memo::new(move |_| std::mem::discriminant(&state.get()));
    move || {
        // Read, not only tracked: a memo never read never runs, so it would never change.
        let _kind = kind.get();
        match state.get_untracked() {
            ImportState::Idle => None,
            ImportState::Working(_) => Some(view! { <ProgressView state=state/> }.into_any()),
            ImportState::Lost => Some(
                view! {
                    <div class="error-box" role="alert" data-testid="import-lost">
                        <p>{tr(import_progress::t::LOST)}</p>
                        <button type="button" class="secondary" on:click=close>{tr(t::CLOSE)}</button>
                    </div>
                }
                .into_any(),
            ),
            ImportState::Failed(e) => Some(view! { <StoreErrorBox error=e/> }.into_any()),
            ImportState::Refused { name, refusal } => {
                let r = words::refusal(&refusal, lang.get_untracked());
                Some(view! {
                    <div class="error-box" role="alert" data-testid="import-refused">
                        <p><strong>{tr(t::REFUSED)}</strong> " — " {name}</p>
                        <p data-testid="refusal">{r.message}</p>
                        <ul class="errors">
                            {r.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                        </ul>
                        <p>{tr(t::NOTHING_STORED)}</p>
                        <button type="button" class="secondary" on:click=close>{tr(t::CLOSE)}</button>
                    </div>
                }.into_any())
            }
            ImportState::Done { name, counts } => Some(
                view! {
                    <div class="card ok-box" role="status" data-testid="import-done">
                        <p><strong>{tr(t::DONE)}</strong> " — " {name}</p>
                        <CountsTable counts=counts/>
                        <button type="button" class="secondary" on:click=close>{tr(t::CLOSE)}</button>
                    </div>
                }
                .into_any(),
            ),
            ImportState::Preview(pending) => {
                Some(view! { <Preview pending=pending state=state/> }.into_any())
            }
        }
    }
}

/// An import under way: the step, a progress bar, and "Huỷ" until the commit starts.
#[component]
fn ProgressView(state: RwSignal<ImportState>) -> impl IntoView {
    let lang = use_lang();
    let model = Memo::new(move |_| match state.get() {
        ImportState::Working(p) => import_progress::progress(&p, lang.get()),
        _ => import_progress::progress(&Progress::start(ImportStep::Read), lang.get()),
    });
    let cancellable = Memo::new(move |_| model.with(|m| m.cancellable));
    let cancel = move |_| {
        WorkerImport::cancel();
        state.set(ImportState::Idle);
    };
    // On a phone the card is under the drop zone, below the fold: bring it into view.
    let card = NodeRef::<leptos::html::Div>::new();
    card.on_load(move |el| {
        request_animation_frame(move || crate::shell::reveal(&el));
    });
    view! {
        <div class="import-progress" role="status" data-testid="import-progress" node_ref=card>
            <p>
                <span data-testid="import-step">{move || model.with(|m| m.label)}</span> " "
                <span data-testid="import-amount">{move || model.with(|m| m.amount.clone())}</span>
            </p>
            <progress
                aria-label=move || model.with(|m| m.label)
                max=move || model.with(|m| m.bar.map(|b| b.1.to_string()))
                value=move || model.with(|m| m.bar.map(|b| b.0.to_string()))
            ></progress>
            <p class="hint">{move || model.with(|m| m.hint)}</p>
            {move || cancellable.get().then(|| view! {
                <button type="button" class="secondary" on:click=cancel data-testid="cancel-import">{tr(t::CANCEL)}</button>
            })}
        </div>
    }
}

/// A checked file before it is imported: who sent it, what it would change, line by line.
#[component]
fn Preview(pending: Pending, state: RwSignal<ImportState>) -> impl IntoView {
    let session = use_session();
    let ws = use_workspace();
    let locale = use_locale();
    let unit_filter = RwSignal::new(String::new());
    // Pairs (village in the file, village here) the user chose to merge ("Gộp").
    let merge_choices = RwSignal::new(
        pending
            .chosen_merges
            .iter()
            .cloned()
            .collect::<BTreeSet<_>>(),
    );
    let model = words::preview(&pending, locale());
    // Values outside the sender's scope the official ticked, or all of them.
    let outside_chosen = RwSignal::new(BTreeSet::<String>::new());
    let outside_all = RwSignal::new(false);
    let confirm = move |_| {
        let request = ConfirmRequest {
            merges: merge_choices.get_untracked().into_iter().collect(),
            outside: outside_choice(outside_all.get_untracked(), &outside_chosen.get_untracked()),
            author: session.author(),
            now_ms: js_sys::Date::now(),
        };
        state.set(ImportState::Working(Progress::start(ImportStep::Commit)));
        spawn_local(async move {
            let (report, timings) = show_progress(state);
            let result = WorkerImport::confirm(&request, report).await;
            drop(timings);
            let done = matches!(result, ImportState::Done { .. });
            state.set(result);
            if done {
                session.changed();
                spawn_local(session.check_storage());
            }
        });
    };
    let cancel = move |_| {
        state.set(ImportState::Idle);
        spawn_local(WorkerImport::forget());
    };
    // The lines of the unit the preview is filtered by, as the worker sent them (the page
    // is given only the plan's first lines; a national file's would take seconds to pass).
    let unit_lines = LocalResource::new(move || {
        let unit = unit_filter.get();
        async move {
            if unit.is_empty() {
                return None;
            }
            let lines = WorkerImport::lines(&unit).await;
            Some((unit, lines))
        }
    });
    // The worker no longer holds the preview: it has to be picked again.
    Effect::new(move |_| {
        if let Some(Some((_, None))) = unit_lines.get() {
            state.set(ImportState::Lost);
        }
    });
    let lines = {
        let pending = pending.clone();
        move || {
            let filter = unit_filter.get();
            let m = unit_lines.with(|chosen| {
                let shown = if filter.is_empty() {
                    Some(pending.plan.lines.as_slice())
                } else {
                    chosen
                        .as_ref()
                        .and_then(Option::as_ref)
                        .filter(|(unit, _)| *unit == filter)
                        .and_then(|(_, lines)| lines.as_deref())
                };
                shown.map(|shown| {
                    ws.with(|w| words::lines(&pending, shown, w.as_deref(), &filter, locale()))
                })
            });
            let l = locale().lang;
            let Some(m) = m else {
                return view! { <p class="hint" role="status" data-testid="diff-loading">{crate::ui::texts::LOADING.get(l)}</p> }.into_any();
            };
            view! {
                <ul class="diff" data-testid="diff">
                    {m.rows.into_iter().map(|r| view! {
                        <li class=r.class>
                            <span class="badge">{r.badge}</span>
                            <span class="what">{r.what}</span>
                            {r.here.map(|h| view! { <span class="old">{t::HERE.get(l)} ": " {h}</span> })}
                            <span class="new">{t::IN_FILE.get(l)} ": " {r.in_file}</span>
                            {r.reason.map(|r| view! { <span class="reason">{r}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
                {(m.more > 0).then(|| view! { <p>{format_int(m.more as i64)} " " {t::MORE_LINES.get(l)}</p> })}
                {(m.unlisted > 0).then(|| view! { <p data-testid="unlisted-new">{format_int(m.unlisted as i64)} " " {t::UNLISTED_NEW.get(l)}</p> })}
            }
            .into_any()
        }
    };
    let noop = model.noop;
    let units_with_lines = model.units_with_lines;
    // The filter lists a screenful of the units that match what is typed.
    let unit_query = RwSignal::new(String::new());
    let unit_choices = {
        let pending = pending.clone();
        Memo::new(move |_| {
            let query = unit_query.get();
            let chosen = unit_filter.get();
            ws.with(|w| words::unit_choices(&pending, w.as_deref(), &query, &chosen))
        })
    };
    let unit_choices = move || unit_choices.get();
    view! {
        <div class="card preview" data-testid="import-preview">
            <h3>{tr(t::PREVIEW)} " — " {pending.name.clone()}</h3>
            <p data-testid="sender">{tr(t::FROM)} ": " {model.sender} " · " {tr(t::MADE)} " " {model.made}</p>
            {
                let note = crate::present::import_outside::sender_note(&pending, locale());
                view! {
                    <p class=if note.alarming { "bad" } else { "hint" } role=note.alarming.then_some("alert")
                        data-testid="sender-check" data-kind=note.kind>{note.text}</p>
                }
            }
            {pending.changed_since_first.then(|| view! { <p class="notice" role="alert">{tr(t::CHANGED)}</p> })}
            <table class="counts"><tbody>
                {model.counts.into_iter().map(|(label, n, key)| view! {
                    <tr><th scope="row">{label}</th><td data-testid=format!("count-{key}")>{n}</td></tr>
                }).collect_view()}
            </tbody></table>
            {model.future.into_iter().map(|f| view! {
                <p class="bad" role="alert" data-testid="future-stamps">
                    {tr(t::FUTURE_1)} " " <strong>{f.who}</strong> " " {tr(t::FUTURE_2)} " " <strong>{f.date}</strong>
                    " — " {tr(t::FUTURE_3)} " " {f.values} " " {tr(t::FUTURE_4)}
                </p>
            }).collect_view()}
            {model.no_changes.then(|| view! { <p class="notice" data-testid="no-changes">{tr(t::NO_CHANGES)}</p> })}
            {(!model.duplicates.is_empty()).then(|| view! {
                <div class="duplicates" data-testid="duplicates">
                    <h4>{tr(t::DUPLICATES)}</h4>
                    <p class="hint">{tr(t::DUPLICATES_HINT)}</p>
                    <ul class="plain-list">
                        {model.duplicates.into_iter().map(|p| {
                            let (pair, pair2) = (p.pair.clone(), p.pair);
                            let chosen = Signal::derive(move || merge_choices.with(|c| c.contains(&pair2)));
                            view! {
                                <li class="duplicate" data-testid="duplicate">
                                    <span>"“" {p.incoming_name} "” (" {tr(t::IN_FILE)} ") · " {tr(t::MAYBE_SAME)} " “" {p.local_name} "” (" {tr(t::HERE)} ")"</span>
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
            })}
            {(units_with_lines > 1).then(|| view! {
                <div class="unit-filter">
                    <label>{tr(t::FIND_UNIT)} " "
                        <input type="search" data-testid="unit-search" prop:value=move || unit_query.get()
                            on:input=move |ev| unit_query.set(event_target_value(&ev))/>
                    </label>
                    <label>{tr(t::FILTER_UNIT)} " "
                        <select on:change=move |ev| unit_filter.set(event_target_value(&ev)) prop:value=move || unit_filter.get()>
                            <option value="">{tr(t::ALL_UNITS)}</option>
                            {move || unit_choices().units.into_iter().map(|(u, n)| {
                                let chosen = unit_filter.get_untracked() == u;
                                view! { <option value=u selected=chosen>{n}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    {move || {
                        let more = unit_choices().more;
                        (more > 0).then(|| view! { <p class="hint" data-testid="more-units">{format_int(more as i64)} " " {tr(t::MORE_UNITS)}</p> })
                    }}
                </div>
            })}
            {lines}
            <OutsideValues pending=pending.clone() chosen=outside_chosen all=outside_all/>
            <div class="actions">
                {(!noop).then(|| view! { <button type="button" class="primary" on:click=confirm data-testid="confirm-import">{tr(t::CONFIRM)}</button> })}
                <button type="button" class="secondary" on:click=cancel data-testid="cancel-preview">{if noop { tr(t::CLOSE)() } else { tr(t::CANCEL)() }}</button>
            </div>
        </div>
    }
}

#[component]
fn CountsTable(counts: Counts) -> impl IntoView {
    let lang = use_lang();
    move || {
        view! {
            <table class="counts">
                <tbody>
                    {words::counts_rows(&counts, lang.get()).into_iter().map(|(label, n, key)| view! {
                        <tr><th scope="row">{label}</th><td data-testid=format!("count-{key}")>{n}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    }
}

#[component]
fn ImportLog(log: RwSignal<Option<Vec<ImportRecord>>>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="card">
            <h2>{tr(t::LOG)}</h2>
            {move || {
                let entries = log.get().unwrap_or_default();
                if entries.is_empty() {
                    return view! { <p>{tr(t::LOG_EMPTY)}</p> }.into_any();
                }
                let locale = locale();
                view! {
                    <ul class="log" data-testid="import-log">
                        {crate::present::import_log::log_rows(&entries, locale).into_iter().map(|r| {
                            view! {
                                <li>
                                    <span>{r.when}</span> " · " <span>{r.file}</span> " · "
                                    <span>{r.sender}</span> " · " <span>{r.counts}</span>
                                    {(!r.hash.is_empty()).then(|| view! { " · " <code>{r.hash}</code> })}
                                    {(!r.outside.is_empty()).then(|| view! { " · " <span data-testid="log-outside">{r.outside}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ConflictList(conflicts: RwSignal<Option<Vec<Conflict>>>) -> impl IntoView {
    let session = use_session();
    let ws = use_workspace();
    let locale = use_locale();
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
        <section class="card" id="xung-dot" data-testid="conflicts">
            <h2>{tr(t::CONFLICTS_TITLE)} " (" {move || conflicts.with(|c| c.as_ref().map_or(0, Vec::len))} ")"</h2>
            <p class="hint">{tr(t::CONFLICTS_HINT)}</p>
            {move || {
                let list = conflicts.get().unwrap_or_default();
                let locale = locale();
                let l = locale.lang;
                if list.is_empty() {
                    return view! { <p>{tr(t::NO_CONFLICTS)}</p> }.into_any();
                }
                list.into_iter().map(|c| {
                    let r = ws.with(|w| words::conflict(&c, w.as_deref(), locale));
                    let (c1, c2) = (c.clone(), c);
                    view! {
                        <div class="conflict" data-testid="conflict">
                            <p class="what"><strong>{r.unit}</strong> " · " {r.what}</p>
                            <p>{t::CURRENT.get(l)} ": " <strong data-testid="conflict-current">{r.current}</strong> " (" {r.current_by} ")"</p>
                            <p>{t::OTHER.get(l)} ": " <strong data-testid="conflict-other">{r.other}</strong> " (" {r.other_by} ")"</p>
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
fn ExportCard() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let ws = use_workspace();
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
    let choices = move || {
        let l = lang.get();
        let home = session
            .profile
            .with(|p| p.as_ref().and_then(|p| p.home.clone()));
        ws.with(|w| {
            w.as_deref()
                .map(|w| words::export_choices(w, home.as_ref(), l))
                .unwrap_or_default()
        })
    };
    let export = move |share: bool| {
        let Some(store) = session.db.ready_untracked() else {
            return;
        };
        let profile = session.profile.get_untracked().unwrap_or_default();
        let (scope, scope_name) = ws.with_untracked(|w| {
            words::export_scope(&scope_key.get_untracked(), w.as_deref(), &profile)
        });
        let req = ExportRequest {
            scope,
            scope_name,
            only_changes: since.get_untracked(),
            compress: gzip.get_untracked(),
            share,
            sender: Sender {
                device: session.device_id.get_untracked().unwrap_or_default(),
                name: profile.name.clone(),
                role: profile.role,
                unit: profile.home.as_ref().map(|h| h.key()),
            },
            now_ms: js_sys::Date::now(),
        };
        spawn_local(async move {
            let result = export::export(&*store, &BrowserOut, req).await;
            if result.is_ok() {
                session.check_storage().await;
            }
            // A closed share sheet is not a failure: say nothing.
            status.set(match result {
                Ok(ExportOutcome::Sent(name)) => Some(Ok(name)),
                Ok(ExportOutcome::Cancelled) => None,
                Err(e) => Some(Err(e)),
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
