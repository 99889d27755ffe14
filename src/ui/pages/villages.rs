//! The dashboard of a village set: laid out from `present::dashboard::villages`.

use leptos::prelude::*;

use crate::present::dashboard::villages::{t, VillageModel};
use crate::ui::i18n::tr;
use crate::ui::pages::charts::FigureTableView;

#[component]
pub fn VillageBody(m: VillageModel) -> impl IntoView {
    let VillageModel {
        title,
        set_label,
        figures,
        weakest,
        by_commune,
        criteria,
        rows,
        totals,
    } = m;
    let empty = rows.is_empty();
    view! {
        <header class="report-header">
            <h2 data-testid="report-title">{title}</h2>
            <p class="hint" data-testid="report-set">{set_label}</p>
        </header>
        <section class="card" data-testid="village-dashboard">
            <h2>{tr(t::TITLE)}</h2>
            <dl class="facts">
                {figures.into_iter().map(|(label, value, id)| view! {
                    <dt>{tr(label)}</dt><dd data-testid=id>{value}</dd>
                }).collect_view()}
            </dl>
            {empty.then(|| view! { <p class="hint">{tr(t::NO_VILLAGES)}</p> })}
        </section>
        {(!empty).then(|| view! {
            <section class="card" data-testid="village-weakest">
                <h2>{tr(t::WEAKEST)}</h2>
                <FigureTableView t=weakest/>
            </section>
            <section class="card" data-testid="village-by-commune">
                <h2>{tr(t::BY_COMMUNE)}</h2>
                <FigureTableView t=by_commune/>
            </section>
            <section class="card" data-testid="village-matrix">
                <h2>{tr(t::MATRIX)}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=tr(t::MATRIX)>
                    <table class="summary">
                        <thead>
                            <tr>
                                <th scope="col">{tr(t::VILLAGE)}</th>
                                {criteria.into_iter().map(|c| view! { <th scope="col" class="num">{c}</th> }).collect_view()}
                                <th scope="col" class="num">{tr(t::REACHED)}</th>
                                <th scope="col">{tr(t::RECOGNISED_SHORT)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr data-village=r.id>
                                    <th scope="row">{r.name} <span class="hint small-text">" · " {r.commune}</span></th>
                                    {r.cells.into_iter().map(|(class, mark)| view! { <td class=class>{mark}</td> }).collect_view()}
                                    <td class="num">{r.reached}</td>
                                    <td>{r.recognised.then_some("✓")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row">{tr(crate::ui::texts::TABLE_TOTAL)}</th>
                                {totals.into_iter().map(|n| view! { <td class="num">{n}</td> }).collect_view()}
                                <td></td><td></td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
            </section>
        })}
    }
}
