//! OCOP: products with their ratings; stars from points, certificate expiry warnings.

use crate::domain::keys::{from_key, key};
use strum::VariantArray;

use crate::ui::app_href;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::format::{
    format_date, format_int, format_number_short, parse_date, parse_decimal,
};
use crate::domain::ocop::{
    CertificateStatus, CertifyingLevel, OcopGroup, Points, ProducerKind, Product, Rating,
};
use crate::domain::sync::Record;
use crate::domain::text;
use crate::domain::units::UnitRef;
use crate::shell;
use crate::ui::i18n::{tr, use_lang, Message, Text};
use crate::ui::state::{use_session, use_workspace};

/// Products drawn at a time: a province lists hundreds, a national file many thousands;
/// search and filters narrow, "Xem thêm" draws the next page.
const PAGE: usize = 50;

use crate::present::ocop::{product_list, t, OcopFilter, ProductRow, WARN_DAYS};

pub fn stars_text(n: u8) -> String {
    format!("{}★", n)
}

fn status_view(status: CertificateStatus) -> AnyView {
    match status {
        CertificateStatus::Valid => view! { <span class="badge good">{tr(t::VALID)}</span> }.into_any(),
        CertificateStatus::ExpiringSoon { days_left } => view! { <span class="badge bad">{tr(t::EXPIRING_SOON)} " (" {days_left} " " {tr(t::DAYS_LEFT)} ")"</span> }.into_any(),
        CertificateStatus::Expired => view! { <span class="badge bad">{tr(t::EXPIRED)}</span> }.into_any(),
        CertificateStatus::NotCertified => view! { <span class="badge muted">{tr(t::NOT_CERTIFIED)}</span> }.into_any(),
    }
}

/// Products and their ratings as stored.
pub type OcopData = (Vec<Record<Product>>, Vec<Record<Rating>>);

/// Products and ratings, reloaded after each save.
pub fn use_ocop() -> RwSignal<Option<OcopData>> {
    crate::ui::state::use_store_read(|store| async move {
        Ok((
            store.records::<Product>().await?,
            store.records::<Rating>().await?,
        ))
    })
}

#[component]
pub fn OcopPage() -> impl IntoView {
    let lang = use_lang();
    let data = use_ocop();
    let ws = use_workspace();
    let stars = RwSignal::new(String::new());
    let group = RwSignal::new(String::new());
    let commune = RwSignal::new(String::new());
    let expiring = RwSignal::new(false);
    let hidden = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    // A new filter starts again at the first page.
    Effect::new(move |_| {
        stars.track();
        group.track();
        commune.track();
        expiring.track();
        hidden.track();
        query.track();
        shown.set(PAGE);
    });
    let session = use_session();
    let today = shell::today().unwrap_or_default();
    let communes = move || ws.get().map(|w| w.commune_choices()).unwrap_or_default();
    let restore = move |p: Product| {
        session.run_other_edit(
            None,
            move |store, author| async move {
                store.save_record(&p.id.clone(), p, false, &author).await
            },
            |_| {},
        );
    };

    let rows = move || {
        let (products, ratings) = data.get()?;
        let filter = OcopFilter {
            stars: stars.get(),
            group: group.get(),
            commune: commune.get(),
            expiring: expiring.get(),
            hidden: hidden.get(),
            query: query.get(),
        };
        Some(product_list(&products, &ratings, &filter, today))
    };

    view! {
        <h1>{tr(t::TITLE)}</h1>
        <div class="actions"><A href=app_href("/ocop/moi") attr:class="button primary">{tr(t::ADD)}</A></div>
        <div class="card filters">
            <div class="row">
                <div>
                    <label for="f-stars">{tr(t::STARS)}</label>
                    <select id="f-stars" on:change=move |ev| stars.set(event_target_value(&ev))>
                        <option value="">{tr(t::ALL)}</option>
                        <option value="5">"5★"</option>
                        <option value="4">"4★"</option>
                        <option value="3">"3★"</option>
                        <option value="low">{tr(t::NOT_RATED)}</option>
                    </select>
                </div>
                <div>
                    <label for="f-group">{tr(t::GROUP)}</label>
                    <select id="f-group" on:change=move |ev| group.set(event_target_value(&ev))>
                        <option value="">{tr(t::ALL)}</option>
                        {OcopGroup::VARIANTS.iter().copied().map(|g| view! { <option value=key(&g)>{move || g.name(lang.get())}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <label for="f-commune">{tr(t::COMMUNE)}</label>
            <select id="f-commune" on:change=move |ev| commune.set(event_target_value(&ev))>
                <option value="">{tr(t::ALL)}</option>
                {move || communes().into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
            </select>
            <label class="checkbox">
                <input type="checkbox" on:change=move |ev| expiring.set(event_target_checked(&ev))/>
                {tr(t::EXPIRING)}
            </label>
            <label class="checkbox">
                <input type="checkbox" data-testid="show-hidden" on:change=move |ev| hidden.set(event_target_checked(&ev))/>
                {tr(t::SHOW_HIDDEN)}
            </label>
        </div>
        <label for="f-query">{tr(t::SEARCH)}</label>
        <input id="f-query" type="search" data-testid="ocop-search" placeholder=move || t::SEARCH.get(lang.get())
            prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        {move || rows().map(|list| {
            if list.is_empty() {
                return view! { <p class="hint">{tr(t::NONE)}</p> }.into_any();
            }
            let total = list.len();
            let left = total.saturating_sub(shown.get());
            view! {
                <p class="hint" data-testid="ocop-count">{format_int(total as i64)} " " {tr(t::COUNT)}</p>
                <ul class="product-list">
                    {list.into_iter().take(shown.get()).map(|ProductRow { product: p, rating: r, hidden: is_hidden }| {
                        let href = format!("/ocop/{}", p.id);
                        let again = p.clone();
                        view! {
                            <li class="card product" data-product=p.id.clone()>
                                <A href=app_href(href) attr:class="node-name">{p.name.clone()}</A>
                                {is_hidden.then(|| view! {
                                    " " <span class="badge muted">{tr(t::HIDDEN)}</span> " "
                                    <button type="button" class="secondary small" data-testid="restore" on:click=move |_| restore(again.clone())>{tr(t::RESTORE)}</button>
                                })}
                                <p class="hint">{let g = p.group; move || g.name(lang.get())} " · " {p.producer.clone()}</p>
                                {r.map(|r| view! {
                                    <p>
                                        <span class="stars" data-testid="stars">{stars_text(r.stars())}</span>
                                        " · " {format_number_short(r.total(), 2)} " " {tr(t::POINTS)}
                                        " · " {tr(t::EXPIRES)} " " <span data-testid="expiry">{format_date(r.expiry())}</span>
                                        " " {status_view(r.status(today, WARN_DAYS))}
                                    </p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(left > 0).then(|| view! {
                    <button type="button" class="secondary" data-testid="ocop-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                        {tr(t::MORE)} " (" {tr(t::LEFT)} " " {format_int(left as i64)} ")"
                    </button>
                })}
            }.into_any()
        })}
        <p class="hint">{tr(t::POINTS_HINT)}</p>
    }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_ocop();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    view! {
        {move || {
            let id = id();
            if id == "moi" {
                return view! { <ProductForm product=None hidden_now=false ratings=vec![]/> }.into_any();
            }
            let Some((products, ratings)) = data.get() else {
                return view! { <p>{tr(crate::ui::texts::LOADING)}</p> }.into_any();
            };
            match products.into_iter().find(|p| p.id == id) {
                Some(p) => {
                    let mut rs: Vec<(Rating, bool)> = ratings.into_iter().filter(|r| r.data.product_id == id).map(|r| (r.data, r.archived)).collect();
                    rs.sort_by_key(|(r, _)| std::cmp::Reverse(r.issue_date));
                    view! { <ProductForm product=Some(p.data) hidden_now=p.archived ratings=rs/> }.into_any()
                }
                None => view! { <h1>{tr(t::NOT_FOUND)}</h1> }.into_any(),
            }
        }}
    }
}

#[component]
fn ProductForm(
    product: Option<Product>,
    /// The product is hidden (archived).
    hidden_now: bool,
    /// Its ratings, each with whether it was hidden.
    ratings: Vec<(Rating, bool)>,
) -> impl IntoView {
    let show_hidden = RwSignal::new(false);
    let session = use_session();
    let lang = use_lang();
    let ws = use_workspace();
    let navigate = use_navigate();
    let is_new = product.is_none();
    let p = product.clone().unwrap_or(Product {
        id: shell::random_id(),
        name: String::new(),
        group: OcopGroup::ThucPham,
        subgroup: String::new(),
        producer: String::new(),
        producer_kind: ProducerKind::HopTacXa,
        commune_code: session
            .profile
            .get_untracked()
            .and_then(|p| p.home)
            .and_then(|h| match h {
                UnitRef::Commune(c) => Some(c),
                _ => None,
            })
            .unwrap_or_default(),
        archived: false,
    });
    let name = RwSignal::new(p.name.clone());
    let group = RwSignal::new(p.group);
    let subgroup = RwSignal::new(p.subgroup.clone());
    let producer = RwSignal::new(p.producer.clone());
    let producer_kind = RwSignal::new(p.producer_kind);
    let commune = RwSignal::new(p.commune_code.clone());
    let error = RwSignal::new(None::<Message>);
    let communes = move || ws.get().map(|w| w.commune_choices()).unwrap_or_default();
    let id = p.id.clone();

    let save = {
        let id = id.clone();
        let navigate = navigate.clone();
        move |_| {
            let typed = |field: Text, s: RwSignal<String>| {
                text::typed(&s.get_untracked())
                    .map_err(|character| Message::Refused { field, character })
            };
            let (n, pr, sub) = match (
                typed(t::NAME, name),
                typed(t::PRODUCER, producer),
                typed(t::SUBGROUP, subgroup),
            ) {
                (Ok(n), Ok(pr), Ok(sub)) => (n, pr, sub),
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return error.set(Some(e)),
            };
            // As a receiving device checks names: 1–200 characters, no markup.
            let bad = |s: &str| s.is_empty() || s.chars().count() > 200 || s.contains(['<', '>']);
            if bad(&n) || bad(&pr) || sub.chars().count() > 200 {
                return error.set(Some(t::BAD_NAME.into()));
            }
            if commune.get_untracked().is_empty() {
                return error.set(Some(t::NO_COMMUNE.into()));
            }
            error.set(None);
            let product = Product {
                id: id.clone(),
                name: n,
                group: group.get_untracked(),
                subgroup: sub,
                producer: pr,
                producer_kind: producer_kind.get_untracked(),
                commune_code: commune.get_untracked(),
                archived: false,
            };
            let navigate = navigate.clone();
            let path = format!("/ocop/{}", id);
            session.run_other_edit(
                None,
                move |store, author| async move {
                    store
                        .save_record(&product.id.clone(), product, false, &author)
                        .await
                },
                move |_| {
                    if is_new {
                        navigate(&path, Default::default());
                    }
                },
            );
        }
    };
    // Hiding asks first; afterwards the product stays on screen, marked hidden, with
    // "Hoàn tác" in the save bar.
    let asking = RwSignal::new(false);
    let archive = {
        let p = p.clone();
        move |_| {
            let p = p.clone();
            let label = format!("{} {}", t::HIDDEN_LABEL.get(lang.get_untracked()), p.name);
            asking.set(false);
            session.run_other_edit(
                Some(label),
                move |store, author| async move {
                    store.save_record(&p.id.clone(), p, true, &author).await
                },
                |_| {},
            );
        }
    };
    let p_group = p.group;
    let p_kind = p.producer_kind;
    let p_commune = p.commune_code.clone();
    let today = shell::today().unwrap_or_default();

    view! {
        <h1>{if is_new { tr(t::ADD)().to_string() } else { p.name.clone() }}</h1>
        <section class="card">
            <Show when=move || error.get().is_some()>
                <p class="bad" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</p>
            </Show>
            <label for="p-name">{tr(t::NAME)}</label>
            <input id="p-name" type="text" maxlength="200" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for="p-group">{tr(t::GROUP)}</label>
            <select id="p-group" on:change=move |ev| if let Some(g) = from_key(&event_target_value(&ev)) { group.set(g) }>
                {OcopGroup::VARIANTS.iter().copied().map(|g| view! { <option value=key(&g) selected=g == p_group>{move || g.name(lang.get())}</option> }).collect_view()}
            </select>
            <label for="p-subgroup">{tr(t::SUBGROUP)}</label>
            <input id="p-subgroup" type="text" maxlength="200" prop:value=move || subgroup.get() on:input=move |ev| subgroup.set(event_target_value(&ev))/>
            <label for="p-producer">{tr(t::PRODUCER)}</label>
            <input id="p-producer" type="text" maxlength="200" prop:value=move || producer.get() on:input=move |ev| producer.set(event_target_value(&ev))/>
            <label for="p-producer-kind">{tr(t::PRODUCER_KIND)}</label>
            <select id="p-producer-kind" on:change=move |ev| { let v = event_target_value(&ev); if let Some(k) = from_key(&v) { producer_kind.set(k) } }>
                {ProducerKind::VARIANTS.iter().copied().map(|k| view! { <option value=key(&k) selected=k == p_kind>{move || k.name(lang.get())}</option> }).collect_view()}
            </select>
            <label for="p-commune">{tr(t::COMMUNE)}</label>
            <select id="p-commune" on:change=move |ev| commune.set(event_target_value(&ev))>
                {move || communes().into_iter().map(|(code, cname)| { let sel = code == p_commune; view! { <option value=code selected=sel>{cname}</option> } }).collect_view()}
            </select>
            <div class="actions">
                <button type="button" class="primary" on:click=save>{tr(t::SAVE)}</button>
                {(!is_new && !hidden_now).then(|| view! { <button type="button" class="secondary" data-testid="archive" on:click=move |_| asking.set(true)>{tr(t::ARCHIVE)}</button> })}
                {hidden_now.then(|| view! { <span class="badge muted" data-testid="hidden-badge">{tr(t::HIDDEN)}</span> })}
            </div>
            <Show when=move || asking.get()>
                <div class="confirm" role="alertdialog" data-testid="archive-confirm">
                    <p>{tr(t::ARCHIVE_ASK)}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=archive.clone()>{tr(t::ARCHIVE_YES)}</button>
                        <button type="button" class="secondary" on:click=move |_| asking.set(false)>{tr(t::CANCEL)}</button>
                    </div>
                </div>
            </Show>
        </section>
        {(!is_new).then(|| view! {
            <section class="card">
                <h2>{tr(t::RATINGS)}</h2>
                <label class="checkbox">
                    <input type="checkbox" data-testid="show-hidden-ratings" on:change=move |ev| show_hidden.set(event_target_checked(&ev))/>
                    {tr(t::SHOW_HIDDEN)}
                </label>
                <ul class="plain-list">
                    {move || ratings.clone().into_iter().filter(|(_, h)| show_hidden.get() || !h).map(|(r, is_hidden)| view! {
                        <li class="rating" data-testid=if is_hidden { "hidden-rating" } else { "rating" }>
                            <span class="stars" data-testid="stars">{stars_text(r.stars())}</span>
                            " · " {format_number_short(r.total(), 2)} " " {tr(t::POINTS)}
                            " · " {tr(t::ISSUED)} " " {format_date(r.issue_date)}
                            " · " {tr(t::EXPIRES)} " " <span data-testid="expiry">{format_date(r.expiry())}</span>
                            " " {status_view(r.status(today, WARN_DAYS))}
                            {r.awaits_central_recognition().then(|| view! { <p class="hint">{tr(t::AWAITS_CENTRAL)}</p> })}
                            {(!r.decision_no.is_empty()).then(|| view! { <p class="hint">{tr(t::DECISION)} ": " {r.decision_no.clone()}</p> })}
                            {is_hidden.then(|| {
                                let again = r.clone();
                                view! {
                                    " " <span class="badge muted">{tr(t::HIDDEN)}</span> " "
                                    <button type="button" class="secondary small" data-testid="restore-rating" on:click=move |_| {
                                        let r = again.clone();
                                        session.run_other_edit(None, move |store, author| async move { store.save_record(&r.id.clone(), r, false, &author).await }, |_| {});
                                    }>{tr(t::RESTORE)}</button>
                                }
                            })}
                            {(!is_hidden).then(|| {
                                let r2 = r.clone();
                                view! {
                                    <button type="button" class="secondary small" on:click=move |_| {
                                        let r = r2.clone();
                                        let label = format!("{} {}", t::HIDE_RATING_LABEL.get(lang.get_untracked()), format_date(r.issue_date));
                                        session.run_other_edit(Some(label), move |store, author| async move { store.save_record(&r.id.clone(), r, true, &author).await }, |_| {});
                                    }>{tr(t::ARCHIVE_RATING)}</button>
                                }
                            })}
                        </li>
                    }).collect_view()}
                </ul>
                <RatingForm product_id=id.clone()/>
            </section>
        })}
    }
}

#[component]
fn RatingForm(product_id: String) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let a = RwSignal::new(String::new());
    let b = RwSignal::new(String::new());
    let c = RwSignal::new(String::new());
    let level = RwSignal::new(CertifyingLevel::Province);
    let decision = RwSignal::new(String::new());
    let issued = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);
    let points = move || -> Option<Points> {
        let p = Points {
            a: parse_decimal(&a.get())?,
            b: parse_decimal(&b.get())?,
            c: parse_decimal(&c.get())?,
        };
        p.validate().ok().map(|_| p)
    };
    let preview = move || {
        points().map(|p| {
            format!(
                "{} {} → {}",
                format_number_short(p.total(), 2),
                t::POINTS.get(lang.get()),
                stars_text(crate::domain::ocop::stars_for(p.total()))
            )
        })
    };
    let add = move |_| {
        let Some(p) = points() else {
            return error.set(Some(t::BAD_POINTS.into()));
        };
        let Some(date): Option<NaiveDate> = parse_date(&issued.get_untracked()) else {
            return error.set(Some(t::BAD_DATE.into()));
        };
        let decision_no = match text::typed(&decision.get_untracked()) {
            Ok(d) => d,
            Err(character) => {
                return error.set(Some(Message::Refused {
                    field: t::DECISION,
                    character,
                }))
            }
        };
        error.set(None);
        let rating = Rating {
            id: shell::random_id(),
            product_id: product_id.clone(),
            points: p,
            certified_by: level.get_untracked(),
            decision_no,
            issue_date: date,
        };
        session.run_other_edit(
            None,
            move |store, author| async move {
                store
                    .save_record(&rating.id.clone(), rating, false, &author)
                    .await
            },
            move |_| {
                a.set(String::new());
                b.set(String::new());
                c.set(String::new());
            },
        );
    };
    view! {
        <details class="rating-form">
            <summary class="button secondary">{tr(t::ADD_RATING)}</summary>
            <Show when=move || error.get().is_some()>
                <p class="bad" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</p>
            </Show>
            <label for="r-a">{tr(t::POINTS_A)}</label>
            <input id="r-a" type="text" inputmode="decimal" prop:value=move || a.get() on:input=move |ev| a.set(event_target_value(&ev))/>
            <label for="r-b">{tr(t::POINTS_B)}</label>
            <input id="r-b" type="text" inputmode="decimal" prop:value=move || b.get() on:input=move |ev| b.set(event_target_value(&ev))/>
            <label for="r-c">{tr(t::POINTS_C)}</label>
            <input id="r-c" type="text" inputmode="decimal" prop:value=move || c.get() on:input=move |ev| c.set(event_target_value(&ev))/>
            <p class="total" data-testid="points-preview">{tr(t::TOTAL)} ": " {move || preview().unwrap_or_else(|| "–".into())}</p>
            <label for="r-level">{tr(t::LEVEL)}</label>
            <select id="r-level" on:change=move |ev| level.set(match event_target_value(&ev).as_str() { "district" => CertifyingLevel::District, "central" => CertifyingLevel::Central, _ => CertifyingLevel::Province })>
                <option value="province" selected=true>{tr(t::LVL_PROVINCE)}</option>
                <option value="central">{tr(t::LVL_CENTRAL)}</option>
                <option value="district">{tr(t::LVL_DISTRICT)}</option>
            </select>
            <label for="r-decision">{tr(t::DECISION)}</label>
            <input id="r-decision" type="text" maxlength="100" prop:value=move || decision.get() on:input=move |ev| decision.set(event_target_value(&ev))/>
            <label for="r-issued">{tr(t::ISSUED)}</label>
            <input id="r-issued" type="date" prop:value=move || issued.get() on:input=move |ev| issued.set(event_target_value(&ev))/>
            <div class="actions"><button type="button" class="primary" on:click=add>{tr(t::ADD_RATING)}</button></div>
        </details>
    }
}
