//! What the dashboard shows beyond marks: communes and villages recognised by decision
//! beside those meeting the set by self-assessment, the year's registrations and where
//! they stand, and the resource and works totals grouped as the reports group them.

use super::{head, FigureTable};
use crate::domain::criteria::SetLevel;
use crate::domain::dashboard::Dashboard;
use crate::domain::format::{format_decimal, format_int, format_number_short, format_percent};
use crate::domain::profile::Lang;
use crate::domain::resources::groups;
use crate::present::text::Text;

pub mod t {
    use crate::present::text::Text;
    pub const RECOGNITION_TITLE: Text = Text::new(
        "Đạt chuẩn: tự đánh giá và được công nhận",
        "Reaching a level: self-assessed and recognised",
    );
    pub const RECOGNITION_HINT: Text = Text::new(
        "“Tự đánh giá đạt” đếm theo kết quả chấm tiêu chí kỳ này; “được công nhận” đếm theo quyết định công nhận còn hiệu lực đến cuối kỳ.",
        "“Self-assessed” counts by this period's marks; “recognised” counts by recognition decisions in force at the end of the period.",
    );
    pub const LEVEL: Text = Text::new("Mức", "Level");
    pub const SELF_ASSESSED: Text = Text::new("Tự đánh giá đạt", "Self-assessed");
    pub const RECOGNISED: Text = Text::new("Được công nhận", "Recognised");
    pub const REGISTRATION_TITLE: Text =
        Text::new("Đăng ký đạt chuẩn", "Registered to reach a level");
    pub const YEAR: Text = Text::new("Năm", "Year");
    pub const REGISTERED: Text = Text::new("Đăng ký", "Registered");
    pub const APPRAISED: Text = Text::new("Đã thẩm định", "Appraised");
    pub const IN_PROGRESS: Text = Text::new("Đang thực hiện", "In progress");
    pub const NO_REGISTRATIONS: Text = Text::new(
        "Chưa có đơn vị nào đăng ký đạt chuẩn cho năm này.",
        "No unit is registered for this year.",
    );
    pub const RESOURCES_TITLE: Text = Text::new(
        "Kết quả huy động nguồn lực, xây dựng công trình",
        "Resources mobilised and works built",
    );
    pub const RESOURCES_HINT: Text = Text::new(
        "Xã đã nhập tổng của xã thì dùng số của xã; xã chưa nhập thì cộng số các thôn.",
        "A commune's own figure is used when it has one; otherwise its villages' figures are added.",
    );
    pub const QUANTITY: Text = Text::new("Nội dung", "Item");
    pub const UNIT: Text = Text::new("Đơn vị tính", "Unit");
    pub const TOTAL: Text = Text::new("Tổng", "Total");
    pub const COMMUNES: Text = Text::new("Số xã có số liệu", "Communes reporting");
    pub const FROM_VILLAGES: Text = Text::new("cộng từ thôn", "summed from villages");
    pub const NO_RESOURCES: Text = Text::new(
        "Chưa có số liệu nguồn lực, công trình cho kỳ này.",
        "No resource or works figures for this period.",
    );
    pub const GROUP_TOTAL: Text = Text::new("Cộng", "Total");
    pub const VILLAGES: Text = Text::new("thôn", "villages");
}

/// A level in words.
pub fn level_text(level: SetLevel) -> Text {
    match level {
        SetLevel::XaNtm => Text::new("Xã đạt chuẩn nông thôn mới", "Communes NTM"),
        SetLevel::XaNangCao => Text::new("Xã nông thôn mới nâng cao", "Communes NTM advanced"),
        SetLevel::XaKieuMau => Text::new("Xã nông thôn mới kiểu mẫu", "Communes NTM model"),
        SetLevel::XaNtmHienDai => Text::new("Xã nông thôn mới hiện đại", "Communes NTM modern"),
        SetLevel::ThonNtm => Text::new("Thôn đạt chuẩn nông thôn mới", "Villages NTM"),
        SetLevel::ThonKieuMau => Text::new("Thôn nông thôn mới kiểu mẫu", "Villages NTM model"),
        SetLevel::Custom => Text::new("Bộ tiêu chí riêng", "Custom set"),
    }
}

/// A quantity group's table.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceGroup {
    pub name: String,
    pub table: FigureTable,
}

/// The dashboard's results cards.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultsModel {
    /// Level | self-assessed | recognised, for communes and villages.
    pub recognition: FigureTable,
    /// Level, year | registered | recognised | appraised | in progress; `None` when
    /// nobody registered for the year.
    pub registrations: Option<FigureTable>,
    /// One table per group with figures, in report order.
    pub resources: Vec<ResourceGroup>,
}

/// "x/y (p %)": a count out of its denominator, with its share.
pub fn share(count: usize, of: usize) -> String {
    let pct = if of == 0 {
        0.0
    } else {
        count as f64 * 100.0 / of as f64
    };
    format!(
        "{}/{} ({})",
        format_int(count as i64),
        format_int(of as i64),
        format_percent(pct)
    )
}

/// The results cards of a dashboard.
pub fn results(d: &Dashboard, l: Lang) -> ResultsModel {
    let s = &d.stats;
    let r = &d.results;
    let recognised = |level: SetLevel| {
        r.recognised
            .iter()
            .find(|(x, _)| *x == level)
            .map_or(0, |(_, c)| c.count)
    };
    let villages_recognised = |level: SetLevel| {
        r.villages_recognised
            .iter()
            .find(|(x, _)| *x == level)
            .map_or(0, |(_, n)| *n)
    };
    let mut rows: Vec<Vec<String>> = [
        (SetLevel::XaNtm, s.ntm.count),
        (SetLevel::XaNangCao, s.nang_cao.count),
        (SetLevel::XaKieuMau, s.kieu_mau.count),
    ]
    .into_iter()
    .map(|(level, self_assessed)| {
        vec![
            level_text(level).get(l).to_string(),
            share(self_assessed, s.communes),
            share(recognised(level), s.communes),
        ]
    })
    .collect();
    rows.push(vec![
        level_text(SetLevel::ThonNtm).get(l).to_string(),
        share(s.villages_meeting_set, s.villages),
        share(villages_recognised(SetLevel::ThonNtm), s.villages),
    ]);
    if villages_recognised(SetLevel::ThonKieuMau) > 0 {
        rows.push(vec![
            level_text(SetLevel::ThonKieuMau).get(l).to_string(),
            "–".into(),
            share(villages_recognised(SetLevel::ThonKieuMau), s.villages),
        ]);
    }
    let recognition = FigureTable {
        head: head(&[t::LEVEL, t::SELF_ASSESSED, t::RECOGNISED], l),
        rows,
    };
    let registrations = (!r.registrations.is_empty()).then(|| FigureTable {
        head: head(
            &[
                t::LEVEL,
                t::YEAR,
                t::REGISTERED,
                t::RECOGNISED,
                t::APPRAISED,
                t::IN_PROGRESS,
            ],
            l,
        ),
        rows: r
            .registrations
            .iter()
            .map(|x| {
                vec![
                    level_text(x.level).get(l).to_string(),
                    x.year.to_string(),
                    format_int(x.registered as i64),
                    format_int(x.recognised as i64),
                    format_int(x.appraised as i64),
                    format_int(x.in_progress as i64),
                ]
            })
            .collect(),
    });
    let resources = groups()
        .into_iter()
        .filter_map(|g| {
            let items: Vec<_> = r
                .resources
                .iter()
                .filter(|x| x.quantity.group == g.id)
                .collect();
            if items.is_empty() {
                return None;
            }
            let mut rows: Vec<Vec<String>> = items
                .iter()
                .map(|x| {
                    let communes = if x.total.from_villages > 0 {
                        format!(
                            "{} ({} {})",
                            format_int(x.total.communes as i64),
                            format_int(x.total.from_villages as i64),
                            t::FROM_VILLAGES.get(l)
                        )
                    } else {
                        format_int(x.total.communes as i64)
                    };
                    vec![
                        x.quantity.label(l).to_string(),
                        x.quantity.unit.clone(),
                        quantity_text(x.total.value),
                        communes,
                    ]
                })
                .collect();
            // A group that adds up (funds) gets its total, as reports give "tổng vốn huy
            // động" — when its items share a unit.
            let unit = &items[0].quantity.unit;
            if g.total && items.len() > 1 && items.iter().all(|x| &x.quantity.unit == unit) {
                rows.push(vec![
                    t::GROUP_TOTAL.get(l).to_string(),
                    unit.clone(),
                    quantity_text(items.iter().map(|x| x.total.value).sum()),
                    String::new(),
                ]);
            }
            Some(ResourceGroup {
                name: l.pick(g.name.clone(), g.name_en.clone()),
                table: FigureTable {
                    head: head(&[t::QUANTITY, t::UNIT, t::TOTAL, t::COMMUNES], l),
                    rows,
                },
            })
        })
        .collect();
    ResultsModel {
        recognition,
        registrations,
        resources,
    }
}

/// A quantity as reports write it: up to two decimals, Vietnamese style ("15,5",
/// "2.240.627").
pub fn quantity_text(value: f64) -> String {
    if value.fract() == 0.0 {
        format_decimal(value, 0)
    } else {
        format_number_short(value, 2)
    }
}
