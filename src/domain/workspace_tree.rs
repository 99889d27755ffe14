//! The unit tree of a [`Workspace`]: children by name, provinces, villages that look
//! like duplicates, what hiding a unit takes with it, and search without diacritics.

use super::sync::Record;
use super::text::match_rank;
use super::units::{Unit, UnitRef, Village};
use super::workspace::Workspace;

impl Workspace {
    /// Live (or, with `archived`, all) communes of a province and villages of a commune.
    pub fn children(&self, parent: &UnitRef, archived: bool) -> Vec<&Record<Unit>> {
        self.children_index
            .get(&parent.key())
            .into_iter()
            .flatten()
            .map(|i| &self.units[*i])
            .filter(|u| archived || self.is_live(u))
            .collect()
    }

    pub fn provinces(&self) -> Vec<&Record<Unit>> {
        let mut out: Vec<&Record<Unit>> = self
            .units
            .iter()
            .filter(|u| matches!(u.data, Unit::Province(_)))
            .collect();
        out.sort_by(|a, b| a.data.name().cmp(b.data.name()));
        out
    }

    /// Other live villages of the same commune whose names match `village`'s once
    /// normalised ([`super::units::name_key`]): probably the same village added twice.
    pub fn likely_duplicates(&self, village: &UnitRef) -> Vec<&Village> {
        let Some(Unit::Village(v)) = self.unit(village).map(|u| &u.data) else {
            return Vec::new();
        };
        let key = super::units::name_key(&v.name);
        self.children(&UnitRef::Commune(v.commune_code.clone()), false)
            .into_iter()
            .filter(|u| u.id != village.key())
            .filter_map(|u| match &u.data {
                Unit::Village(o)
                    if o.commune_code == v.commune_code
                        && super::units::name_key(&o.name) == key =>
                {
                    Some(o)
                }
                _ => None,
            })
            .collect()
    }

    /// What hiding `unit` would hide: the units below it (villages of a commune; communes
    /// and their villages of a province) and the values recorded for it and them.
    pub fn hidden_with(&self, unit: &UnitRef) -> (usize, usize) {
        let mut below: Vec<UnitRef> = Vec::new();
        let mut todo = vec![unit.clone()];
        while let Some(u) = todo.pop() {
            for c in self.children(&u, false) {
                let r = c.data.unit_ref();
                below.push(r.clone());
                todo.push(r);
            }
        }
        let values = std::iter::once(unit)
            .chain(below.iter())
            .flat_map(|u| self.assessments_of(u))
            .map(|a| {
                a.marks.values().filter(|v| v.value.value.is_some()).count()
                    + a.values
                        .values()
                        .filter(|v| v.value.value.is_some())
                        .count()
            })
            .sum();
        (below.len(), values)
    }

    /// Units whose names match `query` (diacritics ignored), best first, at most `limit`,
    /// each with the names of the units above it: search first, so a list of 70,000
    /// villages is never drawn to be filtered. Hidden (archived, merged) units only with
    /// `hidden`.
    pub fn search(
        &self,
        query: &str,
        hidden: bool,
        limit: usize,
    ) -> Vec<(&Record<Unit>, Vec<&Record<Unit>>)> {
        let q = super::text::fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let folded = self.folded_names.get_or_init(|| {
            let names: Vec<&str> = self.units.iter().map(|u| u.data.name()).collect();
            super::text::fold_all(&names)
        });
        let mut found: Vec<(u8, &Record<Unit>)> = self
            .units
            .iter()
            .zip(folded)
            .filter(|(u, _)| hidden || self.is_live(u))
            .filter_map(|(u, f)| super::text::match_rank_folded(&q, f).map(|r| (r, u)))
            .collect();
        found.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.data.name().cmp(b.1.data.name()))
        });
        found
            .into_iter()
            .take(limit)
            .map(|(_, u)| {
                let mut path = Vec::new();
                let mut at = u.data.parent();
                while let Some(p) = at {
                    match self.unit(&p) {
                        Some(r) => {
                            at = r.data.parent();
                            path.push(r);
                        }
                        None => break,
                    }
                }
                path.reverse();
                (u, path)
            })
            .collect()
    }

    /// Whether a unit or anything below it matches a search (so the tree keeps the path).
    pub fn matches_search(&self, unit: &Record<Unit>, query: &str, archived: bool) -> bool {
        if query.trim().is_empty() || match_rank(query, unit.data.name()).is_some() {
            return true;
        }
        self.children(&unit.data.unit_ref(), archived)
            .iter()
            .any(|c| self.matches_search(c, query, archived))
    }
}
