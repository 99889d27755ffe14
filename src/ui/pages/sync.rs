//! "Đồng bộ" (issue 17): the database address, signing in (the password goes to the
//! server only), "Đồng bộ ngay", and the last sync's report — sent, received, waiting,
//! what the server refused and for which commune, why it stopped — in words from
//! `present::sync`; the roles to ask the server's administrator for. The sync itself is `ui::sync::SyncRunner` → the app's worker.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::app::browser::couch::{database_url, online, session as who, sign_in, sign_out};
use crate::present::sync::{self as words, t};
use crate::ui::app_href;
use crate::ui::i18n::{tr, use_lang, use_locale};
use crate::ui::state::{use_session, use_workspace};
use crate::ui::sync::use_sync;

#[component]
pub fn SyncPage() -> impl IntoView {
    let runner = use_sync();
    let lang = use_lang();
    let typed = RwSignal::new(String::new());
    let address_error = RwSignal::new(false);
    // Who is signed in at the server: None = not asked yet, Some(None) = nobody.
    let user = RwSignal::new(None::<Option<String>>);
    let session_error = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    // Who is signed in, asked when the page opens, after each sync (a session may have
    // ended) and after signing in; not while the phone is offline (the server cannot say,
    // and the form would mislead). A failed answer keeps what was shown and says why.
    let signed_in = RwSignal::new(0u32);
    let checked = LocalResource::new(move || {
        runner.runs.track();
        signed_in.track();
        let db = runner.server.get();
        async move {
            match db {
                Some(db) if online() => Some(who(&db).await),
                _ => None,
            }
        }
    });
    Effect::new(move |_| match checked.get() {
        Some(Some(Ok(u))) => {
            user.set(Some(u));
            session_error.set(None);
        }
        Some(Some(Err(e))) => session_error.set(Some(words::error_text(&e, lang.get_untracked()))),
        _ => {}
    });
    Effect::new(move |_| {
        if let Some(db) = runner.server.get() {
            typed.set(db);
        }
    });

    let save_address = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(db) = database_url(&typed.get_untracked()) else {
            address_error.set(true);
            return;
        };
        address_error.set(false);
        runner.save_server(Some(db), || {});
    };
    let forget_address = move |_| {
        runner.save_server(None, move || {
            user.set(None);
            typed.set(String::new());
        })
    };
    let do_sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(db) = runner.server.get_untracked() else {
            return;
        };
        let (n, p) = (name.get_untracked(), password.get_untracked());
        spawn_local(async move {
            let result = sign_in(&db, n.trim(), &p).await;
            // The password is not kept, not even in the form.
            password.set(String::new());
            match result {
                Ok(()) => {
                    session_error.set(None);
                    signed_in.update(|n| *n += 1);
                    runner.run();
                }
                Err(e) => session_error.set(Some(words::sign_in_error(&e, lang.get_untracked()))),
            }
        });
    };
    let do_sign_out = move |_| {
        let Some(db) = runner.server.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let _ = sign_out(&db).await;
            user.set(Some(None));
        });
    };

    view! {
        <h1>{tr(t::TITLE)}</h1>
        <p class="hint">{tr(t::INTRO)}</p>
        <section class="card">
            <form on:submit=save_address>
                <label for="sync-server">{tr(t::SERVER)}</label>
                <input id="sync-server" type="text" inputmode="url" autocapitalize="off" spellcheck="false" autocomplete="url" data-testid="sync-server"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                <p class="hint">{tr(t::SERVER_HINT)}</p>
                <Show when=move || address_error.get()>
                    <p class="error" role="alert">{tr(t::SERVER_BAD)}</p>
                </Show>
                <button type="submit" data-testid="sync-save-server">{tr(t::SAVE_SERVER)}</button>
                <Show when=move || runner.server.get().is_some()>
                    <button type="button" class="secondary" on:click=forget_address>{tr(t::FORGET_SERVER)}</button>
                </Show>
            </form>
        </section>
        <Show when=move || runner.server.get().is_some()>
            <section class="card" data-testid="sync-session">
                {move || match user.get() {
                    // Not known yet (offline, or not asked yet): nothing to say.
                    None => view! { <p class="hint">{tr(t::SESSION_UNKNOWN)}</p> }.into_any(),
                    Some(Some(u)) => view! {
                        <p>{tr(t::SIGNED_IN_AS)} " " <strong data-testid="sync-user">{u}</strong></p>
                        <button type="button" class="secondary" on:click=do_sign_out>{tr(t::SIGN_OUT)}</button>
                    }.into_any(),
                    Some(None) => view! {
                        <form on:submit=do_sign_in>
                            <p class="hint">{tr(t::NOT_SIGNED_IN)}</p>
                            <label for="sync-user">{tr(t::USER)}</label>
                            <input id="sync-user" type="text" autocomplete="username" data-testid="sync-name"
                                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                            <label for="sync-password">{tr(t::PASSWORD)}</label>
                            <input id="sync-password" type="password" autocomplete="current-password" data-testid="sync-password"
                                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                            <button type="submit" data-testid="sync-sign-in">{tr(t::SIGN_IN)}</button>
                        </form>
                    }.into_any(),
                }}
                {move || session_error.get().map(|e| view! { <p class="error" role="alert" data-testid="sync-session-error">{e}</p> })}
            </section>
            <section class="card">
                <button type="button" data-testid="sync-now" prop:disabled=move || runner.busy.get()
                    on:click=move |_| runner.run()>{tr(t::SYNC_NOW)}</button>
                <p role="status" data-testid="sync-progress">
                    {move || runner.busy.get().then(|| match runner.progress.get() {
                        Some(p) => words::progress(&p, lang.get()),
                        None => t::SYNCING.get(lang.get()).to_string(),
                    })}
                </p>
                <LastReport/>
            </section>
        </Show>
        <AccountRoles/>
    }
}

/// The roles to ask the server's administrator for (one account per official and village
/// head), folded away: read once, when accounts are set up.
#[component]
fn AccountRoles() -> impl IntoView {
    let session = use_session();
    let ws = use_workspace();
    let lang = use_lang();
    move || {
        let home = session.profile.get().and_then(|p| p.home);
        let lines = ws.with(|w| {
            w.as_ref()
                .map(|w| words::account_roles(w, home.as_ref(), lang.get()))
                .unwrap_or_default()
        });
        (!lines.is_empty()).then(|| {
            view! {
                <details class="card" data-testid="sync-roles">
                    <summary>{tr(t::ROLES)}</summary>
                    <p class="hint">{tr(t::ROLES_HINT)}</p>
                    <ul class="plain-list">
                        {lines.into_iter().map(|l| view! {
                            <li>{l.who} ": " <code class="mono">{l.role}</code></li>
                        }).collect_view()}
                    </ul>
                </details>
            }
        })
    }
}

/// The last sync's report.
#[component]
fn LastReport() -> impl IntoView {
    let runner = use_sync();
    let ws = use_workspace();
    let locale = use_locale();
    move || {
        let Some(r) = runner.last.get() else {
            return view! { <p data-testid="sync-never">{tr(t::NEVER)}</p> }.into_any();
        };
        let ws = ws.get();
        let m = words::report(&r, ws.as_deref(), locale());
        let lang = locale().lang;
        view! {
            <div data-testid="sync-report" data-runs=move || runner.runs.get().to_string() data-built=r.built.to_string()>
                <h2>{t::LAST.get(lang)} ": " <span data-testid="sync-when">{m.when}</span></h2>
                <dl class="facts">
                    <dt>{t::SENT.get(lang)}</dt><dd data-testid="sync-sent">{m.sent}</dd>
                    <dt>{t::RECEIVED.get(lang)}</dt><dd data-testid="sync-received">{m.received}</dd>
                    <dt>{t::WAITING.get(lang)}</dt><dd data-testid="sync-waiting">{move || match runner.waiting.get() {
                        Some(n) => words::records(n, lang),
                        None => m.waiting.clone(),
                    }}</dd>
                </dl>
                <p>{t::MERGED.get(lang)}</p>
                <table class="counts">
                    <tbody>
                        {m.merged.into_iter().map(|(label, n, key)| view! {
                            <tr><th scope="row">{label}</th><td data-testid=format!("sync-count-{key}")>{n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {m.conflicts.then(|| view! {
                    <p><A href=app_href("/trao-doi#xung-dot") attr:data-testid="sync-conflicts-link">{t::SEE_CONFLICTS.get(lang)}</A></p>
                })}
                {match m.stopped {
                    Some(s) => view! { <p class="error" role="alert" data-testid="sync-stopped">{s}</p> }.into_any(),
                    None => view! { <p data-testid="sync-complete">{t::COMPLETE.get(lang)}</p> }.into_any(),
                }}
                {m.future.into_iter().map(|f| view! {
                    <p class="bad" role="alert" data-testid="sync-future">
                        {crate::present::exchange::t::FUTURE_1.get(lang)} " " <strong>{f.who}</strong> " "
                        {crate::present::exchange::t::FUTURE_2.get(lang)} " " <strong>{f.date}</strong>
                        " — " {t::FUTURE_3.get(lang)} " " {f.values} " " {t::FUTURE_4.get(lang)}
                    </p>
                }).collect_view()}
                <RecordLines testid="sync-refused" intro=t::REFUSED.get(lang) lines=m.refused/>
                <RecordLines testid="sync-rejected" intro=t::REJECTED.get(lang) lines=m.rejected/>
            </div>
        }
        .into_any()
    }
}

/// Records listed with their unit and reason (refused by the server, or not taken in).
#[component]
fn RecordLines(
    testid: &'static str,
    intro: &'static str,
    lines: Vec<words::RefusedLine>,
) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        view! {
            <div class="notice" data-testid=testid>
                <p>{intro}</p>
                <ul>
                    {lines.into_iter().map(|line| view! {
                        <li><strong>{line.unit}</strong> ": " {line.reason} " " <span class="mono hint">{line.id}</span></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}
