//! What every user-editable record carries so that files from many devices merge
//! deterministically: a hybrid logical clock stamp per edit, its author and device.
//! Defined once here; the exchange format and the store only move these values.
//!
//! Order of edits: by HLC (wall time, then counter), then by device id — a total order on
//! which every device agrees, whatever order files arrive in.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// A hybrid logical clock reading: physical milliseconds plus a counter that orders edits
/// made within the same millisecond, or on a device whose clock runs behind.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch.
    pub wall_ms: u64,
    pub counter: u32,
}

/// The clock of one device. `tick` for a local edit, `observe` when a file brings edits
/// stamped elsewhere, so that later local edits order after everything seen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    pub fn new(last: Hlc) -> Self {
        Self { last }
    }

    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A stamp for a local edit happening at `physical_ms`; always after the last one.
    pub fn tick(&mut self, physical_ms: u64) -> Hlc {
        self.last = if physical_ms > self.last.wall_ms {
            Hlc {
                wall_ms: physical_ms,
                counter: 0,
            }
        } else {
            Hlc {
                wall_ms: self.last.wall_ms,
                counter: self.last.counter.saturating_add(1),
            }
        };
        self.last
    }

    /// Takes in a stamp received from another device, so the next `tick` orders after it.
    pub fn observe(&mut self, remote: Hlc, physical_ms: u64) -> Hlc {
        let wall = physical_ms.max(self.last.wall_ms).max(remote.wall_ms);
        let counter = if wall == self.last.wall_ms && wall == remote.wall_ms {
            self.last.counter.max(remote.counter).saturating_add(1)
        } else if wall == self.last.wall_ms {
            self.last.counter.saturating_add(1)
        } else if wall == remote.wall_ms {
            remote.counter.saturating_add(1)
        } else {
            0
        };
        self.last = Hlc {
            wall_ms: wall,
            counter,
        };
        self.last
    }
}

/// Who made an edit, where and when. Ordered by (hlc, device); the author's name is
/// carried for display and does not take part in ordering.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    pub hlc: Hlc,
    /// The device's id (a UUID made once per device).
    pub device: String,
    /// The author's name as set in the profile, for "who changed this".
    pub author: String,
}

impl Stamp {
    /// The key that orders edits; equal keys mean the same edit.
    pub fn order_key(&self) -> (Hlc, &str) {
        (self.hlc, self.device.as_str())
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order_key()
            .cmp(&other.order_key())
            .then_with(|| self.author.cmp(&other.author))
    }
}

/// A value with the stamp of the edit that set it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Versioned<T> {
    pub value: T,
    pub stamp: Stamp,
}

impl<T> Versioned<T> {
    pub fn new(value: T, stamp: Stamp) -> Self {
        Self { value, stamp }
    }

    /// True when `self` wins over `other` under last-writer-wins.
    pub fn wins_over(&self, other: &Self) -> bool {
        self.stamp > other.stamp
    }
}

/// A user-editable record (unit, OCOP product or rating, plan, custom set): a stable id,
/// its data, and the stamp of the edit that last set it. Archiving or deleting is an edit
/// too (`archived`), so it travels to other devices and wins or loses like any other.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record<T> {
    pub id: String,
    pub data: T,
    pub stamp: Stamp,
    #[serde(default)]
    pub archived: bool,
}

impl<T> Record<T> {
    /// True when `self` wins over `other` (same id) under last-writer-wins.
    pub fn wins_over(&self, other: &Self) -> bool {
        self.stamp > other.stamp
    }
}

/// Whether a string is a valid record id: 1–64 characters of ASCII letters, digits, '-'
/// or '_' (UUIDs, official codes, and ids made from them).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stamp(wall: u64, counter: u32, device: &str) -> Stamp {
        Stamp {
            hlc: Hlc {
                wall_ms: wall,
                counter,
            },
            device: device.into(),
            author: "x".into(),
        }
    }

    #[test]
    fn ties_are_broken_by_device_id() {
        let a = Versioned::new(1, stamp(10, 0, "aaa"));
        let b = Versioned::new(2, stamp(10, 0, "bbb"));
        assert!(b.wins_over(&a));
        assert!(!a.wins_over(&b));
        assert!(Versioned::new(3, stamp(10, 1, "aaa")).wins_over(&b));
    }

    #[test]
    fn a_clock_behind_still_moves_forward() {
        let mut clock = HlcClock::default();
        assert_eq!(
            clock.tick(100),
            Hlc {
                wall_ms: 100,
                counter: 0
            }
        );
        assert_eq!(
            clock.tick(90),
            Hlc {
                wall_ms: 100,
                counter: 1
            }
        );
        assert_eq!(
            clock.observe(
                Hlc {
                    wall_ms: 500,
                    counter: 7
                },
                95
            ),
            Hlc {
                wall_ms: 500,
                counter: 8
            }
        );
        assert_eq!(
            clock.tick(120),
            Hlc {
                wall_ms: 500,
                counter: 9
            }
        );
        assert_eq!(
            clock.tick(600),
            Hlc {
                wall_ms: 600,
                counter: 0
            }
        );
    }

    #[test]
    fn records_compare_by_stamp_and_archiving_is_an_edit() {
        let live = Record {
            id: "v1".into(),
            data: "Thôn Đông",
            stamp: stamp(5, 0, "a"),
            archived: false,
        };
        let archived = Record {
            archived: true,
            stamp: stamp(6, 0, "b"),
            ..live.clone()
        };
        assert!(archived.wins_over(&live));
        let json = serde_json::to_value(&archived).unwrap();
        assert_eq!(json["archived"], true);
        assert_eq!(
            serde_json::from_value::<Record<String>>(json).unwrap().data,
            "Thôn Đông"
        );
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("b6d19947-a0cd-4073-b906-7551b7e3f499"));
        assert!(is_valid_id("00070"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("<img>"));
        assert!(!is_valid_id(&"a".repeat(65)));
    }

    proptest! {
        #[test]
        fn ticks_strictly_increase(times in proptest::collection::vec(0u64..1_000, 1..50)) {
            let mut clock = HlcClock::default();
            let mut prev = None;
            for t in times {
                let now = clock.tick(t);
                if let Some(p) = prev { prop_assert!(now > p); }
                prev = Some(now);
            }
        }

        #[test]
        fn observe_orders_after_both(local in 0u64..1000, lc in 0u32..5, remote in 0u64..1000, rc in 0u32..5, phys in 0u64..1000) {
            let mut clock = HlcClock::new(Hlc { wall_ms: local, counter: lc });
            let before = clock.last();
            let r = Hlc { wall_ms: remote, counter: rc };
            let now = clock.observe(r, phys);
            prop_assert!(now > before);
            prop_assert!(now > r);
            prop_assert!(now.wall_ms >= phys);
        }
    }
}
