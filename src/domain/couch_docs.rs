//! A device's data as CouchDB documents, and back (issue 17: sync through a CouchDB
//! server). One document per record, per assessment and per assessment value, so two
//! people editing different criteria of one commune never touch the same document; each
//! carries its value with our stamp, the value's history (conflicts are derived from it,
//! as with files) and the unit it belongs to (the server's rules check who may write it).
//!
//! Documents come back as a [`Dataset`], the same thing a file carries, and go through
//! the same merge: the winner is chosen by our stamps, never by CouchDB's revision order.
//! Several revisions of one document (a CouchDB conflict) are read like two files holding
//! the same value: the greater stamp wins and both histories are kept.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, AssessmentKey, CriterionMark, Entry, IndicatorValue};
use super::criteria::CriteriaSet;
use super::history::HistoryEntry;
use super::merge::{edit_id, Dataset};
use super::ocop::{Product, Rating};
use super::plans::Plan;
use super::recognition::Recognition;
use super::resources::{Quantity, ResourceEntry};
use super::stats::Scope;
use super::sync::{Record, Versioned};
use super::units::{Unit, UnitRef};

/// One document: a value, where it belongs, and its history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueDoc {
    /// The value's history key (`unit#commune:00070`, `…|2025#value:3.1`), or an
    /// assessment's id for the assessment itself.
    #[serde(rename = "_id")]
    pub id: String,
    /// The unit it belongs to, for the server's write rules.
    pub scope: DocScope,
    pub body: DocBody,
    /// Every edit of this value known to the writer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
}

/// The province and commune a document belongs to. A commune official may write only
/// documents of their commune; a document with no commune only a province official.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocScope {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
}

/// What a document holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    content = "data",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum DocBody {
    Unit(Record<Unit>),
    OcopProduct(Record<Product>),
    OcopRating(Record<Rating>),
    Plan(Record<Plan>),
    Set(Record<CriteriaSet>),
    Recognition(Record<Recognition>),
    Quantity(Record<Quantity>),
    Resource(Record<ResourceEntry>),
    /// An assessment itself (one with no value yet travels too).
    Assessment(AssessmentKey),
    Mark {
        key: AssessmentKey,
        criterion: String,
        mark: Versioned<Entry<CriterionMark>>,
    },
    Value {
        key: AssessmentKey,
        indicator: String,
        value: Versioned<Entry<IndicatorValue>>,
    },
    /// The history of a value the writer holds no value of (kept: nothing is dropped).
    History,
}

/// Where each unit belongs, from the units at hand.
struct Places<'d> {
    units: HashMap<String, &'d Unit>,
    products: HashMap<&'d str, &'d str>,
}

impl<'d> Places<'d> {
    /// From the units and products of `d`, then of `known` (which win: what a receiving
    /// phone holds says where a file's village or product belongs).
    fn new(d: &'d Dataset, known: Option<&'d Dataset>) -> Self {
        let all = || std::iter::once(d).chain(known);
        Self {
            units: all()
                .flat_map(|d| &d.units)
                .map(|u| (u.id.clone(), &u.data))
                .collect(),
            products: all()
                .flat_map(|d| &d.ocop_products)
                .map(|p| (p.id.as_str(), p.data.commune_code.as_str()))
                .collect(),
        }
    }

    fn province_of_commune(&self, code: &str) -> Option<String> {
        match self.units.get(&UnitRef::Commune(code.into()).key()) {
            Some(Unit::Commune(c)) => Some(c.province_code.clone()),
            _ => None,
        }
    }

    fn commune(&self, code: &str) -> DocScope {
        DocScope {
            province: self.province_of_commune(code),
            commune: Some(code.into()),
        }
    }

    fn unit(&self, r: &UnitRef) -> DocScope {
        match r {
            UnitRef::Province(p) => DocScope {
                province: Some(p.clone()),
                commune: None,
            },
            UnitRef::District(_) => DocScope::default(),
            UnitRef::Commune(c) => self.commune(c),
            UnitRef::Village(_) => match self.units.get(&r.key()) {
                Some(Unit::Village(v)) => self.commune(&v.commune_code),
                _ => DocScope::default(),
            },
        }
    }

    fn stats_scope(&self, s: &Scope) -> DocScope {
        match s {
            Scope::Province(p) => self.unit(&UnitRef::Province(p.clone())),
            Scope::District(_) => DocScope::default(),
            Scope::Commune(c) => self.commune(c),
        }
    }
}

fn put(f: &mut impl FnMut(ValueDoc), id: String, scope: DocScope, body: DocBody) {
    f(ValueDoc {
        id,
        scope,
        body,
        history: Vec::new(),
    });
}

/// One document per record of one kind, its id the record's history key.
fn put_records<T: Clone>(
    docs: &mut impl FnMut(ValueDoc),
    rows: &[Record<T>],
    target: fn(&str) -> super::history::EditTarget,
    scope: impl Fn(&Record<T>) -> DocScope,
    body: fn(Record<T>) -> DocBody,
) {
    for r in rows {
        put(docs, target(&r.id).record_key(), scope(r), body(r.clone()));
    }
}

/// Every record, assessment and value of `d` as a document, with its history, in id order.
pub fn docs_of(d: &Dataset) -> Vec<ValueDoc> {
    docs_placed(d, None)
}

/// As [`docs_of`], placing villages and products by `known`'s records first (a file's
/// documents as the receiving phone sees them: `exchange::access::senders`).
pub fn docs_placed(d: &Dataset, known: Option<&Dataset>) -> Vec<ValueDoc> {
    let mut docs: BTreeMap<String, ValueDoc> = BTreeMap::new();
    each_value_doc(d, known, |doc| {
        docs.insert(doc.id.clone(), doc);
    });
    for h in &d.history {
        let doc = docs
            .entry(h.record_key.clone())
            .or_insert_with(|| ValueDoc {
                id: h.record_key.clone(),
                scope: DocScope::default(),
                body: DocBody::History,
                history: Vec::new(),
            });
        doc.history.push(h.clone());
    }
    // Canonical: the same values give the same document on every device, whatever order
    // its edits arrived in (a revision id hashes the content, so an order kept from
    // arrival made two phones that merged the same leaves write two revisions — again at
    // every sync).
    docs.into_values()
        .map(|mut doc| {
            doc.history.sort_by(canonical_order);
            doc
        })
        .collect()
}

/// Each record, assessment and value of `d` as a document without its history, one at a
/// time (`f` is given each): what a large file's documents are judged by without holding
/// them all (`exchange::access::senders`). Places villages and products as
/// [`docs_placed`] does.
pub fn each_value_doc(d: &Dataset, known: Option<&Dataset>, mut f: impl FnMut(ValueDoc)) {
    use super::merge::{
        plan_target, product_target, quantity_target, rating_target, recognition_target,
        resource_target, set_target, unit_target,
    };
    let places = Places::new(d, known);
    let docs = &mut f;
    let unit_of =
        |id: &str| places.unit(&UnitRef::from_key(id).unwrap_or(UnitRef::District(String::new())));
    put_records(
        docs,
        &d.units,
        unit_target,
        |r| unit_of(&r.id),
        DocBody::Unit,
    );
    put_records(
        docs,
        &d.ocop_products,
        product_target,
        |r| places.commune(&r.data.commune_code),
        DocBody::OcopProduct,
    );
    put_records(
        docs,
        &d.ocop_ratings,
        rating_target,
        |r| {
            places
                .products
                .get(r.data.product_id.as_str())
                .map(|c| places.commune(c))
                .unwrap_or_default()
        },
        DocBody::OcopRating,
    );
    put_records(
        docs,
        &d.plans,
        plan_target,
        |r| places.stats_scope(&r.data.scope),
        DocBody::Plan,
    );
    // A set is its lineage's maker's to publish (a commune's sets name it; others are the
    // province's), and a province's own quantities the province's.
    put_records(
        docs,
        &d.sets,
        set_target,
        |r| match super::set_versions::lineage_owner(&r.data.id) {
            super::set_versions::LineageOwner::Commune(c) => places.commune(&c),
            _ => DocScope::default(),
        },
        DocBody::Set,
    );
    put_records(
        docs,
        &d.recognitions,
        recognition_target,
        |r| places.unit(&r.data.unit),
        DocBody::Recognition,
    );
    put_records(
        docs,
        &d.quantities,
        quantity_target,
        |_| DocScope::default(),
        DocBody::Quantity,
    );
    put_records(
        docs,
        &d.resources,
        resource_target,
        |r| places.unit(&r.data.unit),
        DocBody::Resource,
    );
    let mut put = |id: String, scope: DocScope, body: DocBody| put(docs, id, scope, body);
    for a in &d.assessments {
        let scope = places.unit(&a.key.unit);
        put(a.id(), scope.clone(), DocBody::Assessment(a.key.clone()));
        for (criterion, mark) in &a.marks {
            let body = DocBody::Mark {
                key: a.key.clone(),
                criterion: criterion.clone(),
                mark: mark.clone(),
            };
            put(super::merge::mark_key(a, criterion), scope.clone(), body);
        }
        for (indicator, value) in &a.values {
            let body = DocBody::Value {
                key: a.key.clone(),
                indicator: indicator.clone(),
                value: value.clone(),
            };
            put(super::merge::value_key(a, indicator), scope.clone(), body);
        }
    }
}

/// History entries by stamp; the same stamp twice (an old counter's duplicate) by content.
fn canonical_order(a: &HistoryEntry, b: &HistoryEntry) -> std::cmp::Ordering {
    a.stamp.cmp(&b.stamp).then_with(|| {
        let text = |h: &HistoryEntry| serde_json_canonicalizer::to_string(h).unwrap_or_default();
        text(a).cmp(&text(b))
    })
}

/// The stamp of the value a document holds (an assessment's own document and a history
/// hold none).
pub fn body_stamp(body: &DocBody) -> Option<&super::sync::Stamp> {
    match body {
        DocBody::Unit(r) => Some(&r.stamp),
        DocBody::OcopProduct(r) => Some(&r.stamp),
        DocBody::OcopRating(r) => Some(&r.stamp),
        DocBody::Plan(r) => Some(&r.stamp),
        DocBody::Set(r) => Some(&r.stamp),
        DocBody::Recognition(r) => Some(&r.stamp),
        DocBody::Quantity(r) => Some(&r.stamp),
        DocBody::Resource(r) => Some(&r.stamp),
        DocBody::Mark { mark, .. } => Some(&mark.stamp),
        DocBody::Value { value, .. } => Some(&value.stamp),
        DocBody::Assessment(_) | DocBody::History => None,
    }
}

/// Whether merging `doc` would refuse some of it for a stamp later than `limit` (a phone
/// whose clock is ahead): its value's stamp or one of its history's, by the rule a file's
/// values meet (`merge::is_future`).
pub fn holds_future_stamps(doc: &ValueDoc, limit: u64) -> bool {
    let late = |s: &super::sync::Stamp| super::merge::is_future(s, limit);
    body_stamp(&doc.body).is_some_and(late) || doc.history.iter().any(|h| late(&h.stamp))
}

/// The data `docs` hold, as files would carry it: the first revision of every document in
/// the first dataset, the second revisions (a CouchDB conflict: every leaf is read) in a
/// second, and so on. The caller merges them in turn, as it would several files, so the
/// winner is chosen by our stamps and a losing revision's value stays in the history and
/// the conflict list, never dropped here.
pub fn datasets_of(docs: impl IntoIterator<Item = ValueDoc>) -> Vec<Dataset> {
    let mut layers: Vec<Vec<ValueDoc>> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for doc in docs {
        let n = seen.entry(doc.id.clone()).or_insert(0);
        if layers.len() <= *n {
            layers.push(Vec::new());
        }
        layers[*n].push(doc);
        *n += 1;
    }
    layers.into_iter().map(one_revision_each).collect()
}

/// The data of documents with distinct ids: each record and value is in one document, so
/// none meets another here (choosing between revisions is the merge's work).
fn one_revision_each(docs: Vec<ValueDoc>) -> Dataset {
    let mut d = Dataset::default();
    let mut assessments: BTreeMap<String, Assessment> = BTreeMap::new();
    let mut history = BTreeMap::new();
    fn assessment(all: &mut BTreeMap<String, Assessment>, key: AssessmentKey) -> &mut Assessment {
        all.entry(key.id()).or_insert_with(|| Assessment::new(key))
    }
    for doc in docs {
        for h in doc.history {
            history.entry(edit_id(&h)).or_insert(h);
        }
        match doc.body {
            DocBody::Unit(r) => d.units.push(r),
            DocBody::OcopProduct(r) => d.ocop_products.push(r),
            DocBody::OcopRating(r) => d.ocop_ratings.push(r),
            DocBody::Plan(r) => d.plans.push(r),
            DocBody::Set(r) => d.sets.push(r),
            DocBody::Recognition(r) => d.recognitions.push(r),
            DocBody::Quantity(r) => d.quantities.push(r),
            DocBody::Resource(r) => d.resources.push(r),
            DocBody::Assessment(key) => {
                assessment(&mut assessments, key);
            }
            DocBody::Mark {
                key,
                criterion,
                mark,
            } => {
                assessment(&mut assessments, key)
                    .marks
                    .insert(criterion, mark);
            }
            DocBody::Value {
                key,
                indicator,
                value,
            } => {
                assessment(&mut assessments, key)
                    .values
                    .insert(indicator, value);
            }
            DocBody::History => {}
        }
    }
    d.assessments = assessments.into_values().collect();
    d.history = history.into_values().collect();
    d.sort();
    d
}
