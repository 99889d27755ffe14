//! First run: language, name, role, then the unit (province, then commune from the
//! official list, searched without diacritics), then the commune's villages.

use std::sync::Arc;
use strum::VariantArray;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::catalog::{Catalog, CatalogCommune};
use crate::domain::profile::{clean_name, Lang, NameError, Profile, Role};
use crate::domain::units::{
    clean_unit_name, Commune, Province, Unit, UnitError, UnitRef, Village, VillageKind,
};
use crate::shell;
use crate::ui::i18n::{tr, use_lang, Message};
use crate::ui::state::use_session;

use crate::app::import::Received;
use crate::domain::keys::{from_key, key};
use crate::present::onboarding::{t, village_kind_text};

/// Loads the official list once per page view.
pub fn load_catalog(catalog: RwSignal<Option<Result<Arc<Catalog>, String>>>) {
    spawn_local(async move {
        let result = match shell::fetch_text("data/units.json").await {
            Ok(json) => Catalog::parse(&json)
                .map(Arc::new)
                .map_err(|e| format!("{e:?}")),
            Err(e) => Err(e),
        };
        catalog.set(Some(result));
    });
}

/// Imports a file at first run ("Nhận tệp từ xã", `app::import::receive`, in the app's
/// worker); the reason it was not taken, in the user's language. Reached through
/// `Session::deferred` (its answer's decoding and the refusals' words are not in the
/// first download).
pub async fn receive_file(
    file: shell::files::PickedFile,
    author: crate::store::Author,
    lang: Lang,
) -> Result<Received, String> {
    use crate::app::import::{ReceiveError, ReceiveRequest};
    let request = ReceiveRequest {
        author,
        now_ms: js_sys::Date::now(),
    };
    crate::app::browser::WorkerImport::receive(&file, &request)
        .await
        .map_err(|e| match e {
            ReceiveError::Refused(r) => r.message(lang),
            ReceiveError::NotOneCommune => t::FILE_NOT_ONE_COMMUNE.get(lang).to_string(),
            ReceiveError::Store(e) => e.to_string(),
        })
}

/// Why a typed village name was refused, in words (the hidden character named).
fn village_message(e: UnitError) -> Message {
    match e {
        UnitError::HiddenCharacter(r) => Message::for_name(Some(r), t::BAD_VILLAGE),
        _ => t::BAD_VILLAGE.into(),
    }
}

#[component]
pub fn Onboarding() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let step = RwSignal::new(1u8);
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::CanBoXa);
    let error = RwSignal::new(None::<Message>);
    let catalog = RwSignal::new(None::<Result<Arc<Catalog>, String>>);
    let province = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<CatalogCommune>);
    let villages = RwSignal::new(Vec::<(String, VillageKind)>::new());
    let village_name = RwSignal::new(String::new());
    let village_kind = RwSignal::new(VillageKind::Thon);
    // A file received from the commune: its commune and villages, and how reading it went.
    let received = RwSignal::new(None::<Received>);
    let receive_error = RwSignal::new(None::<String>);
    let receiving = RwSignal::new(false);
    // The village head's own village: one from the file (its id), or "" for a typed one.
    let own_village = RwSignal::new(String::new());

    let to_step2 = move |_| match clean_name(&name.get_untracked()) {
        Ok(n) => {
            name.set(n);
            error.set(None);
            step.set(2);
            if catalog.get_untracked().is_none() {
                load_catalog(catalog);
            }
        }
        Err(e) => error.set(Some(Message::for_name(
            match e {
                NameError::HiddenCharacter(r) => Some(r),
                _ => None,
            },
            t::NEED_NAME,
        ))),
    };
    let to_step3 = move |_| {
        if chosen.get_untracked().is_some() || received.get_untracked().is_some() {
            error.set(None);
            step.set(3);
        } else {
            error.set(Some(t::NEED_COMMUNE.into()));
        }
    };
    let add_village = move |_| match clean_unit_name(&village_name.get_untracked()) {
        Ok(n) => {
            villages.update(|v| v.push((n, village_kind.get_untracked())));
            village_name.set(String::new());
            error.set(None);
        }
        Err(e) => error.set(Some(village_message(e))),
    };
    let on_receive = move |ev: leptos::ev::Event| {
        let Some(file) = shell::files::PickedFile::from_event(&ev.into()) else {
            return;
        };
        let mut author = session.author();
        author.name = name.get_untracked();
        receiving.set(true);
        receive_error.set(None);
        let l = lang.get_untracked();
        leptos::task::spawn_local(async move {
            // The page's own connection first: it creates or upgrades the database.
            if let Err(e) = session.db.open_store().await {
                receiving.set(false);
                return receive_error.set(Some(e.to_string()));
            }
            match (session.deferred.receive_file)(file, author, l).await {
                Ok(r) => {
                    province.set(r.province.code.clone());
                    chosen.set(None);
                    received.set(Some(r));
                    session.changed();
                }
                Err(e) => receive_error.set(Some(e)),
            }
            receiving.set(false);
        });
    };
    let finish = move |_| {
        let who = role.get_untracked();
        let from_file = received.get_untracked();
        // The province and commune: from the received file, else from the official list.
        let (prov, commune) = match &from_file {
            Some(r) => (r.province.clone(), Some(r.commune.clone())),
            None => {
                let Some(Ok(cat)) = catalog.get_untracked() else {
                    return;
                };
                let Some(p) = cat.province(&province.get_untracked()) else {
                    return error.set(Some(t::NEED_PROVINCE.into()));
                };
                let prov = Province {
                    code: p.code.clone(),
                    name: p.name.clone(),
                };
                let commune = chosen.get_untracked().map(|c| Commune {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    kind: c.kind,
                    province_code: prov.code.clone(),
                    legacy_district: None,
                    region: None,
                    group: None,
                    village_set: None,
                    archived: false,
                });
                (prov, commune)
            }
        };
        if who != Role::CanBoTinh && commune.is_none() {
            return error.set(Some(t::NEED_COMMUNE.into()));
        }
        // A village typed but not added with "Thêm thôn" is kept, not dropped.
        let mut village_list = villages.get_untracked();
        let pending = village_name.get_untracked();
        if !pending.trim().is_empty() {
            match clean_unit_name(&pending) {
                Ok(n) => village_list.push((n, village_kind.get_untracked())),
                Err(e) => return error.set(Some(village_message(e))),
            }
        }
        // The village head's home: a village of the file, or the one he typed.
        let own = own_village.get_untracked();
        let new_home_village = (who == Role::TruongThon && own.is_empty()).then(shell::random_id);
        if who == Role::TruongThon && own.is_empty() && village_list.is_empty() {
            return error.set(Some(t::NEED_VILLAGE.into()));
        }
        let home = match (who, &commune) {
            (Role::CanBoTinh, _) => UnitRef::Province(prov.code.clone()),
            (Role::TruongThon, _) if !own.is_empty() => UnitRef::Village(own.clone()),
            (Role::TruongThon, _) => UnitRef::Village(new_home_village.clone().unwrap_or_default()),
            (_, Some(c)) => UnitRef::Commune(c.code.clone()),
            (_, None) => UnitRef::Province(prov.code.clone()),
        };
        let profile = Profile {
            name: name.get_untracked(),
            role: Some(who),
            home: Some(home),
        };
        let saved = profile.clone();
        let have_units = from_file.is_some();
        // The profile is saved last, so the session does not know the name yet: stamp
        // these first records with it, not with the placeholder.
        let author_name = profile.name.clone();
        session.run_edit(
            move |store, mut author| async move {
                author.name = author_name;
                if !have_units {
                    // From the official list: the same record on every device that adds
                    // them, never winning over a real edit made elsewhere.
                    let mut official = vec![Unit::Province(prov.clone())];
                    official.extend(commune.clone().map(Unit::Commune));
                    store.add_official_units(official).await?;
                }
                if let Some(c) = &commune {
                    for (i, (vname, kind)) in village_list.into_iter().enumerate() {
                        let id = match (i, &new_home_village) {
                            (0, Some(id)) => id.clone(),
                            _ => shell::random_id(),
                        };
                        let v = Unit::Village(Village {
                            id,
                            commune_code: c.code.clone(),
                            name: vname,
                            kind,
                            merged_into: None,
                            archived: false,
                        });
                        store
                            .save_record(&v.unit_ref().key(), v, false, &author)
                            .await?;
                    }
                }
                // The profile last: once it names a home unit, onboarding is done.
                store.save_profile(&profile).await?;
                Ok(())
            },
            move |()| {
                session.profile.set(Some(saved));
                spawn_local(session.check_storage());
                spawn_local(async {
                    shell::storage::request_persistence().await;
                });
            },
        );
    };

    let load_demo = move |_| {
        let load_demo_set = session.deferred.load_demo_set;
        session.run_edit(
            move |store, _| load_demo_set(store),
            move |profile| {
                session.profile.set(Some(profile));
                spawn_local(session.check_storage());
            },
        );
    };
    let provinces = move || match catalog.get() {
        Some(Ok(c)) => c
            .provinces
            .iter()
            .map(|p| (p.code.clone(), p.name.clone()))
            .collect::<Vec<_>>(),
        _ => vec![],
    };
    let set_lang = move |l: Lang| {
        lang.set(l);
        if let Some(store) = session.db.ready_untracked() {
            spawn_local(async move {
                let _ = store.save_lang(l).await;
            });
        }
    };
    let is_province_official = move || role.get() == Role::CanBoTinh;
    let is_village_head = move || role.get() == Role::TruongThon;

    view! {
        <h1>{tr(t::WELCOME)}</h1>
        <Show when=move || error.get().is_some()>
            <p class="bad" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</p>
        </Show>
        <Show when=move || step.get() == 1>
            <section class="card">
                <fieldset class="choices">
                    <legend>{tr(t::LANGUAGE)}</legend>
                    <button type="button" class="choice" aria-pressed=move || (lang.get() == Lang::Vi).to_string() on:click=move |_| set_lang(Lang::Vi)>"Tiếng Việt"</button>
                    <button type="button" class="choice" aria-pressed=move || (lang.get() == Lang::En).to_string() on:click=move |_| set_lang(Lang::En)>"English"</button>
                </fieldset>
                <label for="ob-name">{tr(t::NAME)}</label>
                <input id="ob-name" type="text" autocomplete="name" maxlength="100"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <p class="hint">{tr(t::NAME_HINT)}</p>
                <fieldset class="choices">
                    <legend>{tr(t::ROLE)}</legend>
                    {Role::VARIANTS.iter().copied().map(|r| view! {
                        <label class="radio">
                            <input type="radio" name="role" prop:checked=move || role.get() == r on:change=move |_| role.set(r)/>
                            {move || r.name(lang.get())}
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="actions">
                    <button type="button" class="primary" on:click=to_step2>{tr(t::NEXT)}</button>
                </div>
            </section>
            <section class="card">
                <p class="hint">{tr(t::DEMO_HINT)}</p>
                <button type="button" class="secondary" on:click=load_demo>{tr(t::DEMO)}</button>
            </section>
        </Show>
        <Show when=move || step.get() == 2>
            <Show when=is_village_head>
                <section class="card" data-testid="receive-file">
                    <h2>{tr(t::RECEIVE)}</h2>
                    <p class="hint">{tr(t::RECEIVE_HINT)}</p>
                    <label class="drop-zone">
                        <span>{tr(t::RECEIVE_PICK)}</span>
                        <input type="file" accept=".json,.gz,application/json,application/gzip" on:change=on_receive data-testid="receive-file-input"/>
                    </label>
                    <Show when=move || receiving.get()><p role="status">{tr(t::RECEIVING)}</p></Show>
                    {move || receive_error.get().map(|e| view! { <p class="bad" role="alert" data-testid="receive-error">{e}</p> })}
                    {move || received.get().map(|r| view! {
                        <p class="ok" data-testid="received">"✓ " {tr(t::RECEIVED)} " " {r.sender.clone()} ": " {r.commune.name.clone()} ", " {r.province.name.clone()}</p>
                    })}
                </section>
            </Show>
            <Show when=move || received.get().is_none()>
            <section class="card">
                <h2>{tr(t::UNIT)}</h2>
                {move || match catalog.get() {
                    None => view! { <p>{tr(t::LOADING_LIST)}</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="bad" role="alert">{tr(t::LIST_FAILED)}</p><p class="hint">{e}</p> }.into_any(),
                    Some(Ok(_)) => ().into_any(),
                }}
                <label for="ob-province">{tr(t::PROVINCE)}</label>
                <select id="ob-province" on:change=move |ev| { province.set(event_target_value(&ev)); chosen.set(None); }>
                    <option value="" selected=move || province.get().is_empty()>{tr(t::PICK_PROVINCE)}</option>
                    {move || provinces().into_iter().map(|(code, pname)| {
                        let c2 = code.clone();
                        view! { <option value=code selected=move || province.get() == c2>{pname}</option> }
                    }).collect_view()}
                </select>
                <Show when=move || !is_province_official()>
                    <CommunePicker catalog=catalog province=Signal::derive(move || province.get()) chosen=chosen id="ob-commune"/>
                    <Show when=move || chosen.get().is_some()>
                        <p class="ok" data-testid="chosen-commune">{tr(t::CHOSEN)} ": " {move || chosen.get().map(|c| c.name).unwrap_or_default()}</p>
                    </Show>
                </Show>
            </section>
            </Show>
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| step.set(1)>{tr(t::BACK)}</button>
                <Show when=is_province_official fallback=move || view! { <button type="button" class="primary" on:click=to_step3>{tr(t::NEXT)}</button> }>
                    <button type="button" class="primary" on:click=finish>{tr(t::FINISH)}</button>
                </Show>
            </div>
        </Show>
        <Show when=move || step.get() == 3>
            <section class="card">
                <Show when=is_village_head fallback=move || view! {
                    <h2>{tr(t::VILLAGES)}</h2>
                    <p class="hint">{tr(t::VILLAGES_HINT)}</p>
                }>
                    <h2>{tr(t::OWN_VILLAGE)}</h2>
                    {move || {
                        let from_file = received.get().map(|r| r.villages).unwrap_or_default();
                        (!from_file.is_empty()).then(|| view! {
                            <fieldset class="choices" data-testid="file-villages">
                                <legend>{tr(t::VILLAGES_IN_FILE)}</legend>
                                {from_file.into_iter().map(|v| {
                                    let id = v.id.clone();
                                    let id2 = id.clone();
                                    view! {
                                        <label class="radio">
                                            <input type="radio" name="own-village" prop:checked=move || own_village.get() == id on:change=move |_| own_village.set(id2.clone())/>
                                            {v.name.clone()}
                                        </label>
                                    }
                                }).collect_view()}
                                <label class="radio">
                                    <input type="radio" name="own-village" prop:checked=move || own_village.get().is_empty() on:change=move |_| own_village.set(String::new())/>
                                    {tr(t::OTHER_VILLAGE)}
                                </label>
                            </fieldset>
                        })
                    }}
                </Show>
                <Show when=move || !is_village_head()>
                    <ul class="plain-list">
                        {move || villages.get().into_iter().map(|(n, k)| view! { <li>{move || village_kind_text(k).get(lang.get())} " · " {n.clone()}</li> }).collect_view()}
                    </ul>
                </Show>
                <Show when=move || !is_village_head() || own_village.get().is_empty()>
                    <label for="ob-village">{tr(t::VILLAGE_NAME)}</label>
                    <input id="ob-village" type="text" maxlength="120" prop:value=move || village_name.get() on:input=move |ev| village_name.set(event_target_value(&ev))/>
                    <label for="ob-village-kind">{tr(t::VILLAGE_KIND)}</label>
                    <select id="ob-village-kind" on:change=move |ev| village_kind.set(from_key(&event_target_value(&ev)).unwrap_or(VillageKind::Thon))>
                        {VillageKind::VARIANTS.iter().copied().map(|k| view! { <option value=key(&k)>{move || village_kind_text(k).get(lang.get())}</option> }).collect_view()}
                    </select>
                </Show>
                <Show when=move || !is_village_head()>
                    <div class="actions">
                        <button type="button" class="secondary" on:click=add_village>{tr(t::ADD_VILLAGE)}</button>
                    </div>
                </Show>
                <div class="actions">
                    <button type="button" class="secondary" on:click=move |_| step.set(2)>{tr(t::BACK)}</button>
                    <button type="button" class="primary" on:click=finish>{tr(t::FINISH)}</button>
                </div>
            </section>
        </Show>
    }
}

/// Search a province's communes in the official list, without diacritics, and pick one.
#[component]
pub fn CommunePicker(
    catalog: RwSignal<Option<Result<Arc<Catalog>, String>>>,
    #[prop(into)] province: Signal<String>,
    chosen: RwSignal<Option<CatalogCommune>>,
    id: &'static str,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let matches = move || {
        let q = query.get();
        match (catalog.get(), q.trim().is_empty()) {
            (Some(Ok(c)), false) => c
                .province(&province.get())
                .map(|p| {
                    p.search_communes(&q, 8)
                        .into_iter()
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default(),
            _ => vec![],
        }
    };
    let hint_id = format!("{id}-hint");
    view! {
        <label for=id>{tr(t::COMMUNE)}</label>
        <input id=id type="search" autocomplete="off" disabled=move || province.get().is_empty()
            prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))
            aria-describedby=hint_id.clone()/>
        <p id=hint_id class="hint">{tr(t::COMMUNE_HINT)}</p>
        <ul class="pick-list" aria-label=tr(t::RESULTS)>
            {move || matches().into_iter().map(|c| {
                let pick = c.clone();
                let code = c.code.clone();
                view! {
                    <li><button type="button" class="pick" aria-pressed=move || (chosen.get().map(|x| x.code) == Some(code.clone())).to_string()
                        on:click=move |_| chosen.set(Some(pick.clone()))>{c.name.clone()}</button></li>
                }
            }).collect_view()}
        </ul>
        <Show when=move || !query.get().trim().is_empty() && matches().is_empty() && !province.get().is_empty()>
            <p class="hint">{tr(t::NO_MATCH)}</p>
        </Show>
    }
}
