//! The paragraph a report opens with.

use super::Review;
use crate::domain::criteria::SetLevel;
use crate::domain::format::{format_int, format_number_short, format_percent};
use crate::domain::profile::Lang;
use crate::domain::stats::Scope;
use crate::present::dashboard::results::quantity_text;

fn count(n: usize) -> String {
    format_int(n as i64)
}

/// The paragraph a report opens with, in the words and number style of the review
/// reports: "Toàn tỉnh có 103/143 xã đạt chuẩn nông thôn mới (72 %) …".
pub fn narrative(r: &Review, l: Lang) -> String {
    let d = &r.dashboard;
    let s = &d.stats;
    let whole = match r.scope {
        Scope::Province(_) => l.pick("Toàn tỉnh".to_string(), "The province".to_string()),
        Scope::District(_) => l.pick("Toàn huyện".to_string(), "The district".to_string()),
        Scope::Commune(_) => r.scope_name.clone(),
    };
    let mut parts = Vec::new();
    let recognised = |level| {
        d.results
            .recognised
            .iter()
            .find(|(x, _)| *x == level)
            .map_or(0, |(_, c)| c.count)
    };
    let by_decision = d.results.recognised.iter().any(|(_, c)| c.count > 0);
    let (ntm, nc, km) = if by_decision {
        (
            recognised(SetLevel::XaNtm),
            recognised(SetLevel::XaNangCao),
            recognised(SetLevel::XaKieuMau),
        )
    } else {
        (s.ntm.count, s.nang_cao.count, s.kieu_mau.count)
    };
    let pct = |n: usize| {
        format_percent(if s.communes == 0 {
            0.0
        } else {
            n as f64 * 100.0 / s.communes as f64
        })
    };
    let mut first = l.pick(
        format!(
            "{whole} có {}/{} xã {} nông thôn mới ({})",
            count(ntm),
            count(s.communes),
            if by_decision {
                "đã được công nhận đạt chuẩn"
            } else {
                "đạt chuẩn (theo kết quả tự đánh giá)"
            },
            pct(ntm)
        ),
        format!(
            "{whole} has {}/{} communes {} NTM ({})",
            count(ntm),
            count(s.communes),
            if by_decision {
                "recognised as"
            } else {
                "meeting (self-assessed)"
            },
            pct(ntm)
        ),
    );
    let mut within = Vec::new();
    if nc > 0 {
        within.push(l.pick(
            format!("{} xã đạt chuẩn nâng cao", count(nc)),
            format!("{} advanced", count(nc)),
        ));
    }
    if km > 0 {
        within.push(l.pick(
            format!("{} xã kiểu mẫu", count(km)),
            format!("{} model", count(km)),
        ));
    }
    if !within.is_empty() {
        first.push_str(l.pick(", trong đó ", ", of which "));
        first.push_str(&within.join(", "));
    }
    if s.assessed > 0 {
        first.push_str(&l.pick(
            format!(
                "; bình quân {} tiêu chí/xã",
                format_number_short(s.average_met, 2)
            ),
            format!(
                "; on average {} criteria per commune",
                format_number_short(s.average_met, 2)
            ),
        ));
    }
    parts.push(first);
    // Communes by band, highest first; "không còn xã dưới 10" when the lowest is empty.
    if s.assessed > 0 {
        let mut bands: Vec<String> = Vec::new();
        for (b, n) in &s.bands {
            let label = b.label();
            if b.min == 0 {
                if *n == 0 {
                    bands.push(l.pick(
                        format!("không còn xã {label} tiêu chí"),
                        format!("no commune under {} criteria", b.max + 1),
                    ));
                } else {
                    bands.push(l.pick(
                        format!("{} xã {label} tiêu chí", count(*n)),
                        format!("{} under {} criteria", count(*n), b.max + 1),
                    ));
                }
            } else if *n > 0 {
                bands.push(l.pick(
                    format!("{} xã đạt {label} tiêu chí", count(*n)),
                    format!("{} with {label} criteria", count(*n)),
                ));
            }
        }
        parts.push(l.pick(
            format!("theo {}: {}", r.set_label, bands.join(", ")),
            format!("against {}: {}", r.set_label, bands.join(", ")),
        ));
    }
    if let Some(v) = &r.villages {
        if v.villages > 0 {
            parts.push(l.pick(
                format!(
                    "{}/{} thôn đạt đủ tiêu chí thôn nông thôn mới, {} thôn đã được công nhận",
                    count(v.meeting),
                    count(v.villages),
                    count(v.recognised)
                ),
                format!(
                    "{}/{} villages meet the village criteria, {} recognised",
                    count(v.meeting),
                    count(v.villages),
                    count(v.recognised)
                ),
            ));
        }
    }
    for reg in &d.results.registrations {
        let unit = if reg.level.is_village_level() {
            l.pick("thôn", "villages")
        } else {
            l.pick("xã", "communes")
        };
        parts.push(l.pick(
            format!(
                "năm {} có {} {unit} đăng ký {}: {} {unit} đã được công nhận, {} đã thẩm định, {} đang tiếp tục thực hiện",
                reg.year,
                count(reg.registered),
                goal_text(reg.level).get(l),
                count(reg.recognised),
                count(reg.appraised),
                count(reg.in_progress)
            ),
            format!(
                "{} {unit} registered to {} in {}: {} recognised, {} appraised, {} still working on it",
                count(reg.registered),
                goal_text(reg.level).get(l),
                reg.year,
                count(reg.recognised),
                count(reg.appraised),
                count(reg.in_progress)
            ),
        ));
    }
    let o = &r.ocop;
    if !o.certified.is_empty() || !o.valid.is_empty() {
        let stars: Vec<String> = o
            .valid_by_stars
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| {
                l.pick(
                    format!("{} sản phẩm {} sao", count(*n), i + 3),
                    format!("{} {}-star", count(*n), i + 3),
                )
            })
            .collect();
        parts.push(l.pick(
            format!(
                "trong kỳ có {} sản phẩm OCOP được công nhận ({} mới, {} đánh giá lại); hiện có {} sản phẩm còn hiệu lực chứng nhận của {} chủ thể ({})",
                count(o.certified.len()),
                count(o.new_count()),
                count(o.rerated_count()),
                count(o.valid.len()),
                count(o.valid_producers),
                stars.join(", ")
            ),
            format!(
                "{} OCOP products certified in the period ({} new, {} re-rated); {} valid certificates of {} producers ({})",
                count(o.certified.len()),
                count(o.new_count()),
                count(o.rerated_count()),
                count(o.valid.len()),
                count(o.valid_producers),
                stars.join(", ")
            ),
        ));
    }
    if !d.results.resources.is_empty() {
        let items: Vec<String> = d
            .results
            .resources
            .iter()
            .map(|x| {
                format!(
                    "{}: {} {}",
                    lower_first(x.quantity.label(l)),
                    quantity_text(x.total.value),
                    x.quantity.unit
                )
            })
            .collect();
        parts.push(l.pick(
            format!(
                "kết quả huy động nguồn lực, xây dựng công trình: {}",
                items.join("; ")
            ),
            format!("resources and works: {}", items.join("; ")),
        ));
    }
    if let Some(p) = &r.plan {
        let words = crate::present::plans::rows(p, l);
        let done: Vec<String> = words
            .iter()
            .filter(|w| !w.progress.is_empty())
            .map(|w| format!("{}: {}", lower_first(&w.label), lower_first(&w.progress)))
            .collect();
        if !done.is_empty() {
            parts.push(l.pick(
                format!("so với kế hoạch năm {}: {}", r.period.year, done.join("; ")),
                format!("against the {} plan: {}", r.period.year, done.join("; ")),
            ));
        }
    }
    // One sentence each, as the reports write them.
    let mut text = parts
        .iter()
        .map(|p| upper_first(p))
        .collect::<Vec<_>>()
        .join(". ");
    text.push('.');
    text
}

/// What a registration aims at, as the reports word it ("đăng ký đạt chuẩn nông thôn mới").
fn goal_text(level: SetLevel) -> crate::present::text::Text {
    use crate::present::text::Text;
    match level {
        SetLevel::XaNtm => Text::new("đạt chuẩn nông thôn mới", "reach NTM"),
        SetLevel::XaNangCao => Text::new("đạt chuẩn nông thôn mới nâng cao", "reach advanced NTM"),
        SetLevel::XaKieuMau => Text::new("đạt chuẩn nông thôn mới kiểu mẫu", "reach model NTM"),
        SetLevel::XaNtmHienDai => Text::new("đạt chuẩn nông thôn mới hiện đại", "reach modern NTM"),
        SetLevel::ThonNtm => Text::new("đạt chuẩn thôn nông thôn mới", "become NTM villages"),
        SetLevel::ThonKieuMau => Text::new(
            "đạt chuẩn thôn nông thôn mới kiểu mẫu",
            "become model NTM villages",
        ),
        SetLevel::Custom => Text::new("đạt chuẩn", "reach the level"),
    }
}

/// "Sản phẩm OCOP từ 3 sao" → "sản phẩm OCOP từ 3 sao": only the first letter, so
/// acronyms stay as written.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    let acronym = s.chars().nth(1).is_some_and(char::is_uppercase);
    match c.next() {
        Some(f) if !acronym => crate::unicode::lower(f.encode_utf8(&mut [0; 4])) + c.as_str(),
        _ => s.to_string(),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| crate::unicode::upper(f.encode_utf8(&mut [0; 4])) + c.as_str())
        .unwrap_or_default()
}
