//! The roles of a province server's accounts (docs/sync.md), read from CouchDB's `userCtx`.

use serde::{Deserialize, Serialize};

/// Who writes, as CouchDB tells the rules (`userCtx`): the account and its roles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCtx {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

/// One role an account may hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// `_admin`: the server's administrator (setup, backups).
    Admin,
    /// `province:NN`: reads province NN's database.
    Member(String),
    /// `province-official:NN`: writes everything of province NN.
    ProvinceOfficial(String),
    /// `commune:NNNNN`: writes that commune's documents.
    Commune(String),
    /// `village:NNNNN/<id>`: a village head, writes that village's documents.
    Village { commune: String, village: String },
}

impl Role {
    /// Reads a role; `None` for roles the rules do not know (they grant nothing).
    pub fn parse(role: &str) -> Option<Role> {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if role == "_admin" {
            return Some(Role::Admin);
        }
        let (kind, rest) = role.split_once(':')?;
        match kind {
            "province" if digits(rest, 2) => Some(Role::Member(rest.into())),
            "province-official" if digits(rest, 2) => Some(Role::ProvinceOfficial(rest.into())),
            "commune" if digits(rest, 5) => Some(Role::Commune(rest.into())),
            "village" => {
                let (commune, village) = rest.split_once('/')?;
                (digits(commune, 5) && crate::domain::sync::is_valid_id(village)).then(|| {
                    Role::Village {
                        commune: commune.into(),
                        village: village.into(),
                    }
                })
            }
            _ => None,
        }
    }

    /// The role as the server stores it.
    pub fn text(&self) -> String {
        match self {
            Role::Admin => "_admin".into(),
            Role::Member(p) => format!("province:{p}"),
            Role::ProvinceOfficial(p) => format!("province-official:{p}"),
            Role::Commune(c) => format!("commune:{c}"),
            Role::Village { commune, village } => format!("village:{commune}/{village}"),
        }
    }
}

impl UserCtx {
    pub fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        self.roles.iter().filter_map(|r| Role::parse(r))
    }

    pub fn is_admin(&self) -> bool {
        self.roles().any(|r| r == Role::Admin)
    }

    pub fn is_official_of(&self, province: &str) -> bool {
        self.roles()
            .any(|r| matches!(r, Role::ProvinceOfficial(p) if p == province))
    }

    /// Whether the account belongs to the province at all (it reads it, or is its official).
    pub fn belongs_to(&self, province: &str) -> bool {
        self.roles()
            .any(|r| matches!(r, Role::Member(p) | Role::ProvinceOfficial(p) if p == province))
    }

    pub fn writes_commune(&self, commune: &str) -> bool {
        self.roles()
            .any(|r| matches!(r, Role::Commune(c) if c == commune))
    }

    pub fn heads_village(&self, commune: &str, village: &str) -> bool {
        self.roles().any(|r| {
            matches!(r, Role::Village { commune: c, village: v } if c == commune && v == village)
        })
    }

    pub fn heads_a_village(&self) -> bool {
        self.roles().any(|r| matches!(r, Role::Village { .. }))
    }

    /// Whether some role lets the account write anything.
    pub fn writes_something(&self) -> bool {
        self.roles().any(|r| {
            matches!(
                r,
                Role::Admin | Role::ProvinceOfficial(_) | Role::Commune(_) | Role::Village { .. }
            )
        })
    }
}
