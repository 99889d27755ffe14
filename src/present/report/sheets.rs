//! The report's tables, a sheet each.

use super::Review;
use crate::domain::criteria::SetLevel;
use crate::domain::format::format_date;
use crate::domain::ocop_period::CertifiedProduct;
use crate::domain::profile::Lang;
use crate::domain::report::{outcome_mark, Cell, Sheet};
use crate::present::dashboard::results::level_text;

fn t(l: Lang, vi: &str, en: &str) -> Cell {
    Cell::text(l.pick(vi, en))
}

fn n(v: usize) -> Cell {
    Cell::Number(v as f64)
}

/// The report's tables, a sheet each (title lines, then a header row and rows).
pub fn sheets(r: &Review, l: Lang) -> Vec<Sheet> {
    let d = &r.dashboard;
    let s = &d.stats;
    let title = [
        l.pick(
            "BÁO CÁO KẾT QUẢ XÂY DỰNG NÔNG THÔN MỚI",
            "NEW RURAL DEVELOPMENT: RESULTS REPORT",
        )
        .to_string(),
        format!("{} · {}", r.scope_name, r.period.label(l)),
        format!("{}: {}", l.pick("Bộ tiêu chí", "Criteria set"), r.set_label),
    ];
    let sheet = |name: &str, heading: &str, table: Vec<Vec<Cell>>| Sheet {
        name: name.to_string(),
        title: title.iter().cloned().chain([heading.to_string()]).collect(),
        table,
    };
    let mut out = Vec::new();

    // Key figures and bands.
    let mut key = vec![vec![
        t(l, "Chỉ tiêu", "Figure"),
        t(l, "Số lượng", "Count"),
        t(l, "Trên tổng số", "Out of"),
    ]];
    key.push(vec![
        t(l, "Số xã tính", "Communes counted"),
        n(s.communes),
        n(s.communes),
    ]);
    key.push(vec![
        t(l, "Có số liệu kỳ này", "With data"),
        n(s.assessed),
        n(s.communes),
    ]);
    key.push(vec![
        t(
            l,
            "Đạt đủ tiêu chí (tự đánh giá)",
            "Meeting every criterion (self-assessed)",
        ),
        n(s.meeting),
        n(s.communes),
    ]);
    key.push(vec![
        t(l, "Bình quân tiêu chí/xã", "Average criteria per commune"),
        Cell::Number((s.average_met * 100.0).round() / 100.0),
        Cell::text(""),
    ]);
    for (level, c) in &d.results.recognised {
        key.push(vec![
            Cell::text(format!(
                "{} ({})",
                level_text(*level).get(l),
                l.pick("được công nhận", "recognised")
            )),
            n(c.count),
            n(s.communes),
        ]);
    }
    for (b, c) in &s.bands {
        key.push(vec![
            Cell::text(l.pick(
                format!("Số xã đạt {} tiêu chí", b.label()),
                format!("Communes with {} criteria", b.label()),
            )),
            n(*c),
            n(s.assessed),
        ]);
    }
    out.push(sheet(
        l.pick("Số liệu chính", "Key figures"),
        l.pick(
            "Số liệu chính và số xã theo mức đạt",
            "Key figures and communes by band",
        ),
        key,
    ));

    // Criteria with their names.
    let mut crit = vec![vec![
        t(l, "Tiêu chí", "Criterion"),
        t(l, "Tên tiêu chí", "Name"),
        t(l, "Số xã đạt", "Communes meeting it"),
        t(l, "Số xã áp dụng", "Communes it applies to"),
        t(l, "Tỷ lệ (%)", "Rate (%)"),
    ]];
    for (i, rate) in s.criterion_rates.iter().enumerate() {
        crit.push(vec![
            Cell::text(rate.code.clone()),
            Cell::text(r.criteria_names.get(i).cloned().unwrap_or_default()),
            n(rate.met),
            n(rate.applicable),
            Cell::Number((rate.percent * 10.0).round() / 10.0),
        ]);
    }
    out.push(sheet(
        l.pick("Tiêu chí", "Criteria"),
        l.pick("Kết quả theo từng tiêu chí", "Results by criterion"),
        crit,
    ));

    // The summary table: criterion names in the headers, codes as text.
    let mut head = vec![t(l, "Mã xã", "Code"), t(l, "Tên xã", "Commune")];
    head.extend(
        d.criteria
            .iter()
            .zip(&r.criteria_names)
            .map(|(c, name)| Cell::text(format!("{c}. {name}"))),
    );
    head.push(t(l, "Số tiêu chí đạt", "Criteria met"));
    let mut summary = vec![head];
    for row in &d.matrix.rows {
        let mut cells = vec![Cell::text(row.code.clone()), Cell::text(row.name.clone())];
        cells.extend(row.cells.iter().map(|c| Cell::text(outcome_mark(*c))));
        cells.push(row.met.map_or(Cell::text(""), n));
        summary.push(cells);
    }
    let mut totals = vec![
        Cell::text(""),
        t(l, "Cộng (số xã đạt)", "Total (communes meeting)"),
    ];
    totals.extend(d.matrix.met_per_criterion.iter().map(|c| n(*c)));
    totals.push(Cell::text(""));
    summary.push(totals);
    out.push(sheet(
        l.pick("Biểu tổng hợp", "Summary"),
        l.pick(
            "Biểu tổng hợp kết quả thực hiện bộ tiêu chí",
            "Summary table",
        ),
        summary,
    ));

    // Villages.
    if let Some(v) = &r.villages {
        let mut rows = vec![vec![
            t(l, "Xã", "Commune"),
            t(l, "Số thôn", "Villages"),
            t(l, "Có số liệu", "With data"),
            t(l, "Đạt đủ tiêu chí", "Meeting"),
            t(l, "Được công nhận", "Recognised"),
        ]];
        for c in v.communes.iter().filter(|c| c.villages > 0) {
            rows.push(vec![
                Cell::text(c.name.clone()),
                n(c.villages),
                n(c.assessed),
                n(c.meeting),
                n(c.recognised),
            ]);
        }
        rows.push(vec![
            t(l, "Cộng", "Total"),
            n(v.villages),
            n(v.assessed),
            n(v.meeting),
            n(v.recognised),
        ]);
        out.push(sheet(
            l.pick("Thôn", "Villages"),
            l.pick("Kết quả xây dựng thôn nông thôn mới", "Villages"),
            rows,
        ));
    }

    // Recognitions and registrations.
    let mut rec = vec![vec![
        t(l, "Mức", "Level"),
        t(l, "Tự đánh giá đạt", "Self-assessed"),
        t(l, "Được công nhận", "Recognised"),
    ]];
    for (level, self_assessed) in [
        (SetLevel::XaNtm, s.ntm.count),
        (SetLevel::XaNangCao, s.nang_cao.count),
        (SetLevel::XaKieuMau, s.kieu_mau.count),
    ] {
        let by = d
            .results
            .recognised
            .iter()
            .find(|(x, _)| *x == level)
            .map_or(0, |(_, c)| c.count);
        rec.push(vec![
            Cell::text(level_text(level).get(l)),
            n(self_assessed),
            n(by),
        ]);
    }
    for reg in &d.results.registrations {
        rec.push(vec![
            Cell::text(format!(
                "{} – {} {}",
                level_text(reg.level).get(l),
                l.pick("đăng ký năm", "registered for"),
                reg.year
            )),
            n(reg.registered),
            n(reg.recognised),
        ]);
    }
    out.push(sheet(
        l.pick("Công nhận", "Recognition"),
        l.pick(
            "Đạt chuẩn: tự đánh giá và được công nhận",
            "Self-assessed and recognised",
        ),
        rec,
    ));

    // OCOP.
    let mut ocop = vec![vec![
        t(l, "Sản phẩm", "Product"),
        t(l, "Chủ thể", "Producer"),
        t(l, "Loại chủ thể", "Producer type"),
        t(l, "Nhóm", "Group"),
        t(l, "Số sao", "Stars"),
        t(l, "Ngày cấp", "Issued"),
        t(l, "Hết hạn", "Expires"),
        t(l, "Trong kỳ", "In the period"),
    ]];
    let (from, _) = r.period.dates();
    // A product's row: what it is, its certificate, and what happened in the period.
    let product_row = |c: &CertifiedProduct, note: String| {
        vec![
            Cell::text(c.product.name.clone()),
            Cell::text(c.product.producer.clone()),
            Cell::text(c.product.producer_kind.name(l)),
            Cell::text(c.product.group.name(l)),
            Cell::Number(f64::from(c.rating.stars())),
            Cell::text(format_date(c.rating.issue_date)),
            Cell::text(format_date(c.rating.expiry())),
            Cell::text(note),
        ]
    };
    for c in &r.ocop.valid {
        let note = match (c.rating.issue_date >= from, c.rerated) {
            (false, _) => "",
            (true, false) => l.pick("mới", "new"),
            (true, true) => l.pick("đánh giá lại", "re-rated"),
        };
        ocop.push(product_row(c, note.to_string()));
    }
    for c in &r.ocop.expired {
        let note = l.pick("hết hạn trong kỳ", "expired in the period");
        ocop.push(product_row(c, note.to_string()));
    }
    out.push(sheet(
        "OCOP",
        l.pick(
            "Sản phẩm OCOP còn hiệu lực và hết hạn trong kỳ",
            "OCOP products valid and expired",
        ),
        ocop,
    ));
    // OCOP counts: in the period (new, re-rated, expired) and valid at its end by stars,
    // group and producer type.
    let o = &r.ocop;
    let mut counts = vec![vec![
        t(l, "Nội dung", "Item"),
        t(l, "Số sản phẩm", "Products"),
    ]];
    counts.push(vec![
        t(
            l,
            "Được công nhận trong kỳ: mới",
            "Certified in the period: new",
        ),
        n(o.new_count()),
    ]);
    counts.push(vec![
        t(
            l,
            "Được công nhận trong kỳ: đánh giá lại",
            "Certified in the period: re-rated",
        ),
        n(o.rerated_count()),
    ]);
    counts.push(vec![
        t(l, "Hết hạn trong kỳ", "Expired in the period"),
        n(o.expired.len()),
    ]);
    counts.push(vec![
        t(l, "Còn hiệu lực cuối kỳ", "Valid at the end"),
        n(o.valid.len()),
    ]);
    for (i, c) in o.valid_by_stars.iter().enumerate() {
        counts.push(vec![
            Cell::text(l.pick(format!("– {} sao", i + 3), format!("– {} stars", i + 3))),
            n(*c),
        ]);
    }
    for (g, c) in &o.valid_by_group {
        counts.push(vec![Cell::text(format!("– {}", g.name(l))), n(*c)]);
    }
    for (k, c) in &o.valid_by_producer {
        counts.push(vec![Cell::text(format!("– {}", k.name(l))), n(*c)]);
    }
    counts.push(vec![
        t(
            l,
            "Số chủ thể có sản phẩm còn hiệu lực",
            "Producers with valid products",
        ),
        n(o.valid_producers),
    ]);
    out.push(sheet(
        l.pick("OCOP theo nhóm", "OCOP counts"),
        l.pick(
            "Sản phẩm OCOP trong kỳ và còn hiệu lực theo số sao, nhóm, loại chủ thể",
            "OCOP in the period and valid by stars, group and producer type",
        ),
        counts,
    ));

    // Resources.
    let mut res = vec![vec![
        t(l, "Nội dung", "Item"),
        t(l, "Đơn vị tính", "Unit"),
        t(l, "Tổng", "Total"),
        t(l, "Số xã có số liệu", "Communes reporting"),
    ]];
    for x in &d.results.resources {
        res.push(vec![
            Cell::text(x.quantity.label(l)),
            Cell::text(x.quantity.unit.clone()),
            Cell::Number(x.total.value),
            n(x.total.communes),
        ]);
    }
    out.push(sheet(
        l.pick("Nguồn lực", "Resources"),
        l.pick(
            "Kết quả huy động nguồn lực, xây dựng công trình",
            "Resources and works",
        ),
        res,
    ));

    // Plan.
    if let Some(p) = &r.plan {
        let mut rows = vec![vec![
            t(l, "Nội dung", "Item"),
            t(l, "Đăng ký", "Registered"),
            t(l, "Được công nhận", "Recognised"),
            t(l, "Tự đánh giá đạt", "Self-assessed"),
            t(l, "Tỷ lệ (%)", "Percent"),
        ]];
        for i in &p.items {
            rows.push(vec![
                Cell::text(crate::present::plans::item_text(i.item).get(l)),
                Cell::Number(f64::from(i.registered)),
                Cell::Number(f64::from(i.achieved)),
                i.self_assessed
                    .map_or(Cell::text(""), |v| Cell::Number(f64::from(v))),
                i.percent
                    .map_or(Cell::text(""), |v| Cell::Number((v * 10.0).round() / 10.0)),
            ]);
        }
        if let Some(a) = &p.average {
            rows.push(vec![
                t(l, "Bình quân tiêu chí/xã", "Average criteria per commune"),
                Cell::Number(a.target),
                a.achieved.map_or(Cell::text(""), |v| {
                    Cell::Number((v * 100.0).round() / 100.0)
                }),
                Cell::text(""),
                Cell::text(""),
            ]);
        }
        if let Some(m) = &p.minimum {
            rows.push(vec![
                Cell::text(l.pick(
                    format!("Số xã dưới {} tiêu chí", m.criteria),
                    format!("Communes under {} criteria", m.criteria),
                )),
                Cell::Number(0.0),
                n(m.under.len()),
                Cell::text(""),
                Cell::text(""),
            ]);
        }
        out.push(sheet(
            l.pick("Kế hoạch", "Plan"),
            l.pick("Kết quả so với kế hoạch năm", "Against the year's plan"),
            rows,
        ));
    }
    out
}
