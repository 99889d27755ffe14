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

/// How far ahead of a device's own clock a stamp may be and still be taken in (phones'
/// clocks drift, and some are set by hand): an edit stamped later than this, in a file,
/// is refused (its device's clock is wrong) and never moves the receiving clock.
pub const CLOCK_TOLERANCE_MS: u64 = 60 * 60 * 1000;

/// The greatest counter a stamp in a file may carry: far above what any phone makes
/// within one millisecond; a file cannot push a clock to the end of its counter.
pub const MAX_COUNTER: u32 = 1_000_000;

impl Hlc {
    /// The reading right after this one: the counter plus one, carried into the wall time
    /// when it is full, so a clock never gives the same reading twice.
    pub fn next(self) -> Hlc {
        match self.counter.checked_add(1) {
            Some(counter) => Hlc {
                wall_ms: self.wall_ms,
                counter,
            },
            None => Hlc {
                wall_ms: self.wall_ms.saturating_add(1),
                counter: 0,
            },
        }
    }
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
            self.last.next()
        };
        self.last
    }

    /// Takes in a stamp received from another device, so the next `tick` orders after it.
    /// A stamp more than [`CLOCK_TOLERANCE_MS`] ahead of `physical_ms` is ignored: a phone
    /// with a wrong date must not drag this clock into its future.
    pub fn observe(&mut self, remote: Hlc, physical_ms: u64) -> Hlc {
        let remote = if remote.wall_ms > physical_ms.saturating_add(CLOCK_TOLERANCE_MS) {
            Hlc::default()
        } else {
            remote
        };
        let base = self.last.max(remote);
        self.last = if physical_ms > base.wall_ms {
            Hlc {
                wall_ms: physical_ms,
                counter: 0,
            }
        } else {
            base.next()
        };
        self.last
    }

    /// Sets the clock back to `physical_ms` when it ran ahead of it (it took in a stamp
    /// from a phone with a wrong date before such stamps were refused, or this phone's own
    /// date was wrong): what the repair of a poisoned clock does.
    pub fn reset_to(&mut self, physical_ms: u64) {
        if self.last.wall_ms > physical_ms {
            self.last = Hlc {
                wall_ms: physical_ms,
                counter: 0,
            };
        }
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
        fn a_full_counter_carries_into_the_wall_time(wall in 0u64..1_000_000, extra in 1u32..10) {
            let mut clock = HlcClock::new(Hlc { wall_ms: wall, counter: u32::MAX - 3 });
            let mut prev = clock.last();
            for _ in 0..(3 + extra) {
                let now = clock.tick(wall);
                prop_assert!(now > prev, "never the same reading twice");
                prev = now;
            }
            prop_assert_eq!(prev.wall_ms, wall + 1);
        }

        #[test]
        fn a_stamp_far_ahead_does_not_move_the_clock(now in 1_000_000u64..2_000_000, ahead in 1u64..10_000_000_000) {
            let mut clock = HlcClock::new(Hlc { wall_ms: now - 5, counter: 0 });
            let far = Hlc { wall_ms: now + CLOCK_TOLERANCE_MS + ahead, counter: 7 };
            let got = clock.observe(far, now);
            prop_assert!(got.wall_ms <= now + CLOCK_TOLERANCE_MS);
            prop_assert_eq!(got, Hlc { wall_ms: now, counter: 0 });
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
