//! The unit tree: province → communes → villages, each with its latest result; search
//! without diacritics; add a village, rename, archive (never delete).

use std::sync::Arc;

use crate::ui::app_href;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::catalog::{Catalog, CatalogCommune};
use crate::domain::keys::{self, from_key};
use crate::domain::sync::Record;
use crate::domain::units::{Unit, VillageKind};
use crate::domain::workspace::Workspace;
use crate::present::onboarding::village_kind_text;
use crate::shell;
use crate::ui::i18n::{tr, use_lang, Message};
use crate::ui::pages::onboarding::{load_catalog, CommunePicker};
use crate::ui::state::{use_session, use_workspace};
use strum::VariantArray;

use crate::app::units;
use crate::present::units::{name_refusal, node, opening, t, Opening};

/// Children drawn at a time under one node ("Xem thêm" draws the next ones): a province
/// of a national file may hold thousands of communes.
const CHILDREN_PAGE: usize = 100;
/// Search results listed at most (search narrows; nobody reads more).
const SEARCH_LIMIT: usize = 100;

#[component]
pub fn UnitsPage() -> impl IntoView {
    let ws = use_workspace();
    let query = RwSignal::new(String::new());
    let archived = RwSignal::new(false);
    view! {
        <h1>{tr(t::TITLE)}</h1>
        <label for="unit-search" class="sr-only">{tr(t::SEARCH)}</label>
        <input id="unit-search" type="search" placeholder=tr(t::SEARCH) prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        <label class="checkbox">
            <input type="checkbox" prop:checked=move || archived.get() on:change=move |ev| archived.set(event_target_checked(&ev))/>
            {tr(t::SHOW_ARCHIVED)}
        </label>
        {move || ws.get().map(|w| {
            let q = query.get();
            if !q.trim().is_empty() {
                return view! { <SearchResults ws=w.clone() query=q archived=archived.get()/> }.into_any();
            }
            let provinces: Vec<Record<Unit>> = w.provinces().into_iter().filter(|p| archived.get() || w.is_live(p)).cloned().collect();
            if provinces.is_empty() {
                return view! { <p class="hint">{tr(t::EMPTY)}</p> }.into_any();
            }
            let open = opening(&w);
            view! {
                <ul class="tree" role="tree">
                    {provinces.into_iter().map(|p| view! { <UnitNode ws=w.clone() unit=p archived=archived depth=0 open=open/> }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}

/// The units matching a search, each with the path above it (links), best first.
#[component]
fn SearchResults(ws: Arc<Workspace>, query: String, archived: bool) -> impl IntoView {
    let found = ws.search(&query, archived, SEARCH_LIMIT);
    if found.is_empty() {
        return view! { <p class="hint" data-testid="no-results">{tr(t::NO_RESULTS)}</p> }
            .into_any();
    }
    let more = found.len() >= SEARCH_LIMIT;
    view! {
        <ul class="plain-list search-results" data-testid="search-results">
            {found.into_iter().map(|(u, path)| {
                let key = u.id.clone();
                let link = |r: &Record<Unit>| {
                    let linked = !matches!(r.data, Unit::Province(_));
                    let name = r.data.name().to_string();
                    if linked {
                        view! { <A href=app_href(format!("/don-vi/{}", r.id))>{name}</A> }.into_any()
                    } else {
                        view! { <span>{name}</span> }.into_any()
                    }
                };
                view! {
                    <li data-unit=key>
                        {path.iter().map(|p| view! { {link(p)} " › " }).collect_view()}
                        <strong>{link(u)}</strong>
                        {(u.archived || ws.is_merged(&u.data.unit_ref())).then(|| view! { " " <span class="badge muted">{tr(t::ARCHIVED)}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {more.then(|| view! { <p class="hint">{tr(t::MORE_RESULTS)}</p> })}
    }
    .into_any()
}

#[component]
fn UnitNode(
    ws: Arc<Workspace>,
    unit: Record<Unit>,
    archived: RwSignal<bool>,
    depth: u8,
    open: Opening,
) -> AnyView {
    let session = use_session();
    let lang = use_lang();
    let unit_ref = unit.data.unit_ref();
    let key = unit_ref.key();
    let editing = RwSignal::new(false);
    let adding = RwSignal::new(false);
    let new_name = RwSignal::new(unit.data.name().to_string());
    let error = RwSignal::new(None::<Message>);
    let village_name = RwSignal::new(String::new());
    let village_kind = RwSignal::new(VillageKind::Thon);

    let node = node(&ws, &unit, open);
    let children: Vec<Record<Unit>> = ws
        .children(&unit_ref, archived.get_untracked())
        .into_iter()
        .cloned()
        .collect();
    // Children are drawn only when the node is open: a country of villages stays quick.
    let shown_children = RwSignal::new(CHILDREN_PAGE);
    let expanded = RwSignal::new(node.open);
    let is_commune = matches!(unit.data, Unit::Commune(_));
    let is_province = matches!(unit.data, Unit::Province(_));
    let adding_commune = RwSignal::new(false);
    let catalog = RwSignal::new(None::<Result<Arc<Catalog>, String>>);
    let picked = RwSignal::new(None::<CatalogCommune>);
    let province_code = match &unit.data {
        Unit::Province(p) => p.code.clone(),
        _ => String::new(),
    };
    let add_commune = {
        let (ws, province_code) = (ws.clone(), province_code.clone());
        move |_| {
            let Some(c) = picked.get_untracked() else {
                return;
            };
            let Some(u) = units::commune_added(&ws, &province_code, c) else {
                return error.set(Some(t::ALREADY.into()));
            };
            error.set(None);
            session.run_edit(
                move |store, _| async move { store.add_official_units(vec![u]).await },
                move |_| adding_commune.set(false),
            );
        }
    };
    let open_add_commune = move |_| {
        adding_commune.update(|a| *a = !*a);
        if catalog.get_untracked().is_none() {
            load_catalog(catalog);
        }
    };
    let province_signal = Signal::derive({
        let c = province_code.clone();
        move || c.clone()
    });
    let province_in_catalog = Signal::derive({
        let code = province_code.clone();
        move || matches!(catalog.get(), Some(Ok(c)) if c.province(&code).is_some())
    });
    let is_village = matches!(unit.data, Unit::Village(_));
    let is_archived = unit.archived;
    let merge_targets = node.merge_targets.clone();
    let merging = RwSignal::new(false);
    let merge_id = format!("merge-{key}");
    let merge_target = RwSignal::new(
        merge_targets
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let merge = {
        let from = match &unit.data {
            Unit::Village(v) => v.id.clone(),
            _ => String::new(),
        };
        let targets = merge_targets.clone();
        let from_name = unit.data.name().to_string();
        move |_| {
            let (from, into) = (from.clone(), merge_target.get_untracked());
            if into.is_empty() {
                return;
            }
            let into_name = targets
                .iter()
                .find(|(id, _)| *id == into)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            let label = format!(
                "{} {from_name} → {into_name}",
                t::MERGE_LABEL.get(lang.get_untracked())
            );
            session.run_edit_as(
                Some(label),
                move |store, author| async move { store.merge_villages(&from, &into, &author).await },
                move |_| merging.set(false),
            );
        }
    };

    let rename = {
        let unit = unit.clone();
        let key = key.clone();
        move |_| match units::renamed(&unit.data, &new_name.get_untracked()) {
            Ok(data) => {
                let key = key.clone();
                let arch = unit.archived;
                let label = format!(
                    "{} {} → {}",
                    t::RENAME_LABEL.get(lang.get_untracked()),
                    unit.data.name(),
                    data.name()
                );
                session.run_edit_as(
                    Some(label),
                    move |store, author| async move {
                        store.save_record(&key, data, arch, &author).await
                    },
                    move |_| editing.set(false),
                );
            }
            Err(e) => error.set(Some(name_refusal(e))),
        }
    };
    // Hiding asks first, saying what goes with it; showing again does not.
    let asking_hide = RwSignal::new(false);
    // Counted when asked (walking a province of villages for every node would not be).
    let hidden_counts = {
        let (ws, unit_ref) = (ws.clone(), unit_ref.clone());
        move || ws.hidden_with(&unit_ref)
    };
    let toggle_archive = {
        let unit = unit.clone();
        let key = key.clone();
        move |_| {
            let (key, data, arch) = (key.clone(), unit.data.clone(), !unit.archived);
            asking_hide.set(false);
            let label = format!(
                "{} {}",
                if arch {
                    t::HIDE_LABEL.get(lang.get_untracked())
                } else {
                    t::UNARCHIVE.get(lang.get_untracked())
                },
                unit.data.name()
            );
            session.run_edit_as(Some(label), move |store, author| async move { store.save_record(&key, data, arch, &author).await }, |_| {});
        }
    };
    let add_village = {
        let unit = unit.clone();
        move |_| {
            let Unit::Commune(c) = &unit.data else { return };
            match units::village_added(
                &c.code,
                &village_name.get_untracked(),
                village_kind.get_untracked(),
                shell::random_id(),
            ) {
                Ok(v) => {
                    session.run_edit(
                        move |store, author| async move {
                            store
                                .save_record(&v.unit_ref().key(), v, false, &author)
                                .await
                        },
                        move |_| {
                            village_name.set(String::new());
                            adding.set(false);
                        },
                    );
                }
                Err(e) => error.set(Some(name_refusal(e))),
            }
        }
    };

    let name = node.name.clone();
    let name_in_ask = name.clone();
    let rename_id = format!("rename-{key}");
    let village_name_id = format!("village-name-{key}");
    let village_kind_id = format!("village-kind-{key}");
    let level_class = format!("tree-node depth-{depth}");
    view! {
        <li class=level_class role="treeitem" data-unit=key.clone()>
            <div class="node-row">
                {match node.href {
                    Some(href) => view! { <A href=app_href(href) attr:class="node-name">{name.clone()}</A> }.into_any(),
                    None => view! { <span class="node-name">{name.clone()}</span> }.into_any(),
                }}
                {node.archived.then(|| view! { <span class="badge muted">{tr(t::ARCHIVED)}</span> })}
                {node.merged_into.map(|n| view! { <span class="badge muted" data-testid="merged-badge">{tr(t::MERGED_INTO)} " " {n}</span> })}
                {(!node.duplicates.is_empty()).then(|| view! { <span class="badge bad" data-testid="duplicate-badge">{tr(t::MAYBE_SAME)} " " {node.duplicates.join(", ")}</span> })}
                {node.badge.map(|b| view! {
                    <span class="badge" class:good=b.meets data-testid="unit-badge">{b.count}</span>
                    {b.meets.then(|| view! { <span class="badge good">{tr(t::MEETS)}</span> })}
                })}
                {node.not_assessed.then(|| view! { <span class="badge muted">{tr(t::NOT_ASSESSED)}</span> })}
            </div>
            <Show when=move || error.get().is_some()>
                <p class="bad" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</p>
            </Show>
            {is_province.then(|| view! {
                <div class="node-actions">
                    <button type="button" class="secondary small" on:click=open_add_commune>{tr(t::ADD_COMMUNE)}</button>
                </div>
            })}
            <Show when=move || adding_commune.get()>
                <div class="inline-form">
                    {move || (!province_in_catalog.get()).then(|| view! { <p class="hint">{move || if catalog.get().is_none() { tr(crate::ui::texts::LOADING)() } else { tr(t::NOT_IN_LIST)() }}</p> })}
                    <CommunePicker catalog=catalog province=province_signal chosen=picked id="tree-commune"/>
                    <div class="actions">
                        <button type="button" class="primary" on:click=add_commune.clone() disabled=move || picked.get().is_none()>{tr(t::ADD_COMMUNE)}</button>
                        <button type="button" class="secondary" on:click=move |_| adding_commune.set(false)>{tr(t::CANCEL)}</button>
                    </div>
                </div>
            </Show>
            {(is_commune || is_village).then(|| view! {
                <div class="node-actions">
                    <button type="button" class="secondary small" on:click=move |_| editing.update(|e| *e = !*e)>{tr(t::RENAME)}</button>
                    {is_commune.then(|| view! { <button type="button" class="secondary small" on:click=move |_| adding.update(|a| *a = !*a)>{tr(t::ADD_VILLAGE)}</button> })}
                    {if is_archived {
                        view! { <button type="button" class="secondary small" data-testid="unhide" on:click=toggle_archive.clone()>{tr(t::UNARCHIVE)}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="secondary small" data-testid="hide" on:click=move |_| asking_hide.set(true)>{tr(t::ARCHIVE)}</button> }.into_any()
                    }}
                    {(!merge_targets.is_empty()).then(|| view! { <button type="button" class="secondary small" data-testid="merge-with" on:click=move |_| merging.update(|m| *m = !*m)>{tr(t::MERGE_WITH)}</button> })}
                </div>
            })}
            <Show when=move || asking_hide.get()>
                <div class="confirm inline-form" role="alertdialog" data-testid="hide-confirm">
                    <p>{tr(t::HIDE_ASK_1)} " " <strong>{name_in_ask.clone()}</strong> " " {tr(t::HIDE_ASK_2)} " " {let (units, values) = hidden_counts(); view! { {units} " " {tr(t::HIDE_ASK_3)} " " {values} }} " " {tr(t::HIDE_ASK_4)}</p>
                    <div class="actions">
                        <button type="button" class="primary" data-testid="hide-yes" on:click=toggle_archive.clone()>{tr(t::ARCHIVE)}</button>
                        <button type="button" class="secondary" on:click=move |_| asking_hide.set(false)>{tr(t::CANCEL)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || merging.get()>
                <div class="inline-form">
                    <label for=merge_id.clone()>{tr(t::MERGE_INTO)}</label>
                    <select id=merge_id.clone() data-testid="merge-target" on:change=move |ev| merge_target.set(event_target_value(&ev))>
                        {merge_targets.clone().into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
                    </select>
                    <div class="actions">
                        <button type="button" class="primary" data-testid="merge-confirm" on:click=merge.clone()>{tr(t::MERGE_CONFIRM)}</button>
                        <button type="button" class="secondary" on:click=move |_| merging.set(false)>{tr(t::CANCEL)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || editing.get()>
                <div class="inline-form">
                    <label for=rename_id.clone()>{tr(t::NEW_NAME)}</label>
                    <input id=rename_id.clone() type="text" maxlength="120" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                    <div class="actions">
                        <button type="button" class="primary" on:click=rename.clone()>{tr(t::SAVE)}</button>
                        <button type="button" class="secondary" on:click=move |_| editing.set(false)>{tr(t::CANCEL)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || adding.get()>
                <div class="inline-form">
                    <label for=village_name_id.clone()>{tr(t::VILLAGE_NAME)}</label>
                    <input id=village_name_id.clone() type="text" maxlength="120" prop:value=move || village_name.get() on:input=move |ev| village_name.set(event_target_value(&ev))/>
                    <label for=village_kind_id.clone()>{tr(t::KIND)}</label>
                    <select id=village_kind_id.clone() on:change=move |ev| village_kind.set(from_key(&event_target_value(&ev)).unwrap_or(VillageKind::Thon))>
                        {VillageKind::VARIANTS.iter().copied().map(|k| view! { <option value=keys::key(&k)>{move || village_kind_text(k).get(lang.get())}</option> }).collect_view()}
                    </select>
                    <div class="actions">
                        <button type="button" class="primary" on:click=add_village.clone()>{tr(t::ADD_VILLAGE)}</button>
                        <button type="button" class="secondary" on:click=move |_| adding.set(false)>{tr(t::CANCEL)}</button>
                    </div>
                </div>
            </Show>
            {(!children.is_empty()).then(|| {
                let count = children.len();
                view! {
                    <button type="button" class="secondary small toggle" data-testid="toggle-children" aria-expanded=move || expanded.get().to_string()
                        on:click=move |_| expanded.update(|e| *e = !*e)>
                        {move || if expanded.get() { format!("▾ {}", tr(t::HIDE_CHILDREN)()) } else { format!("▸ {} ({count})", tr(t::SHOW_CHILDREN)()) }}
                    </button>
                    <Show when=move || expanded.get()>
                        {let (children, ws) = (children.clone(), ws.clone()); move || {
                            let n = shown_children.get();
                            view! {
                                <ul role="group">
                                    {children.iter().take(n).cloned().map(|c| view! { <UnitNode ws=ws.clone() unit=c archived=archived depth=depth + 1 open=open/> }).collect_view()}
                                </ul>
                                {(count > n).then(|| view! {
                                    <button type="button" class="secondary small" data-testid="more-children" on:click=move |_| shown_children.update(|n| *n += CHILDREN_PAGE)>
                                        {tr(t::MORE_CHILDREN)} " (" {tr(t::LEFT)} " " {count - n} ")"
                                    </button>
                                })}
                            }
                        }}
                    </Show>
                }
            })}
        </li>
    }
    .into_any()
}
