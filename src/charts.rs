//! Chart options built from domain figures with charming. Pure: tested natively as JSON;
//! `shell::echarts` only hands the result to ECharts.
//!
//! Invariant: every option leaves here with tooltips in ECharts' rich-text mode, so no name
//! from a user or a file can ever be parsed as HTML (ECharts does not escape tooltip HTML).

use charming::component::{
    Axis, Grid, Legend, RadarCoordinate, RadarIndicator, VisualMap, VisualMapPiece, VisualMapType,
};
use charming::datatype::DataPoint;
use charming::element::{
    AreaStyle, AxisType, ItemStyle, Label, LabelPosition, LineStyle, Orient, SplitArea, Tooltip,
    Trigger,
};
use charming::series::{Bar, Heatmap, Line, Radar};
use charming::Chart;
use serde_json::Value;

use crate::domain::profile::Lang;
use crate::domain::reference::LabelledCount;

/// Serialises a chart for ECharts, forcing rich-text tooltips (see the module invariant).
pub fn option_json(chart: &Chart) -> String {
    let mut value = serde_json::to_value(chart).unwrap_or(Value::Null);
    harden(&mut value);
    value.to_string()
}

fn harden(option: &mut Value) {
    let Some(obj) = option.as_object_mut() else {
        return;
    };
    match obj.get_mut("tooltip") {
        Some(Value::Array(tooltips)) => tooltips.iter_mut().for_each(force_rich_text),
        Some(tooltip) => force_rich_text(tooltip),
        None => {}
    }
}

fn force_rich_text(tooltip: &mut Value) {
    if let Some(t) = tooltip.as_object_mut() {
        t.insert("renderMode".into(), Value::from("richText"));
    }
}

/// The brand green of the app, used for single-series charts.
pub const BRAND_GREEN: &str = "#1b6e3a";

/// Horizontal bars of labelled counts (e.g. communes per criteria band), first item on top,
/// values at the bar ends. Horizontal because long Vietnamese labels do not fit under
/// vertical bars on a 320 px phone (ECharts would silently hide some of them).
pub fn count_bars(items: &[LabelledCount], lang: Lang) -> Chart {
    let labels: Vec<String> = items
        .iter()
        .map(|i| lang.pick(i.label_vi, i.label_en).to_string())
        .collect();
    let counts: Vec<i64> = items.iter().map(|i| i64::from(i.count)).collect();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(40)
                .top(8)
                .bottom(8)
                .contain_label(true),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels),
        )
        .x_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        .series(
            Bar::new()
                .data(counts)
                .item_style(ItemStyle::new().color(BRAND_GREEN))
                .label(Label::new().show(true).position(LabelPosition::Right)),
        )
}

/// Horizontal bars with labels (first on top) and values at the bar ends, as counts or as
/// percentages (then the axis runs 0–100).
pub fn labelled_bars(labels: Vec<String>, values: Vec<f64>, percent: bool) -> Chart {
    let x = if percent {
        Axis::new().type_(AxisType::Value).min(0).max(100)
    } else {
        Axis::new().type_(AxisType::Value).min_interval(1)
    };
    let label = Label::new().show(true).position(LabelPosition::Right);
    let label = if percent {
        label.formatter("{c} %")
    } else {
        label
    };
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(48)
                .top(8)
                .bottom(8)
                .contain_label(true),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels),
        )
        .x_axis(x)
        .series(
            Bar::new()
                .data(values.into_iter().map(round1).collect::<Vec<f64>>())
                .item_style(ItemStyle::new().color(BRAND_GREEN))
                .label(label),
        )
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// What one cell of the commune × criterion matrix holds.
pub const CELL_MET: i64 = 2;
pub const CELL_NOT_MET: i64 = 1;
pub const CELL_NOT_APPLICABLE: i64 = 0;

/// The commune × criterion matrix as a heatmap: criteria across the top, communes down
/// (first on top). `cells` are (criterion index, commune index, CELL_*); cells without an
/// assessment are left out. `legend`: the names of met, not met, not applicable.
pub fn matrix_heatmap(
    communes: Vec<String>,
    criteria: Vec<String>,
    cells: Vec<(usize, usize, i64)>,
    legend: [String; 3],
) -> Chart {
    let [met, not_met, na] = legend;
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(
            Grid::new()
                .left(8)
                .right(8)
                .top(28)
                .bottom(40)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .position("top")
                .data(criteria)
                .split_area(SplitArea::new().show(true)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(communes)
                .split_area(SplitArea::new().show(true)),
        )
        .visual_map(
            VisualMap::new()
                .type_(VisualMapType::Piecewise)
                .orient(Orient::Horizontal)
                .left("center")
                .bottom(0)
                .pieces(vec![
                    VisualMapPiece::new()
                        .min(CELL_MET as f64)
                        .max(CELL_MET as f64)
                        .label(met)
                        .color(BRAND_GREEN),
                    VisualMapPiece::new()
                        .min(CELL_NOT_MET as f64)
                        .max(CELL_NOT_MET as f64)
                        .label(not_met)
                        .color("#c0392b"),
                    VisualMapPiece::new()
                        .min(CELL_NOT_APPLICABLE as f64)
                        .max(CELL_NOT_APPLICABLE as f64)
                        .label(na)
                        .color("#c9ccc9"),
                ]),
        )
        .series(
            Heatmap::new().data(
                cells
                    .into_iter()
                    .map(|(x, y, v)| {
                        vec![
                            DataPoint::from(x as i64),
                            DataPoint::from(y as i64),
                            DataPoint::from(v),
                        ]
                    })
                    .collect::<Vec<Vec<DataPoint>>>(),
            ),
        )
}

/// One commune's criteria on a radar: 1 = met, 0 = not met.
pub fn commune_radar(name: String, criteria: Vec<String>, met: Vec<f64>) -> Chart {
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .radar(
            RadarCoordinate::new().radius("62%").indicator(
                criteria
                    .into_iter()
                    .map(|c| RadarIndicator::new().name(c).min(0).max(1))
                    .collect::<Vec<_>>(),
            ),
        )
        .series(
            Radar::new()
                .name(name.clone())
                .line_style(LineStyle::new().color(BRAND_GREEN))
                .area_style(AreaStyle::new().color(BRAND_GREEN).opacity(0.25))
                .data(vec![(met, name.as_str())]),
        )
}

/// Two lines over periods: average criteria per commune, and communes meeting the set.
pub fn trend_lines(
    periods: Vec<String>,
    average: Vec<f64>,
    meeting: Vec<f64>,
    names: [String; 2],
) -> Chart {
    let [avg_name, meet_name] = names;
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(16)
                .bottom(40)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Category).data(periods))
        .y_axis(Axis::new().type_(AxisType::Value).min(0))
        .series(
            Line::new()
                .name(avg_name)
                .data(average.into_iter().map(round1).collect::<Vec<f64>>())
                .item_style(ItemStyle::new().color(BRAND_GREEN))
                .label(Label::new().show(true)),
        )
        .series(
            Line::new()
                .name(meet_name)
                .data(meeting)
                .item_style(ItemStyle::new().color("#b45309"))
                .label(Label::new().show(true)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reference::HUE_2018_12_BANDS;

    fn parsed(chart: &Chart) -> Value {
        serde_json::from_str(&option_json(chart)).unwrap()
    }

    #[test]
    fn tooltips_are_always_rich_text() {
        let v = parsed(&count_bars(&HUE_2018_12_BANDS, Lang::Vi));
        assert_eq!(v["tooltip"]["renderMode"], "richText");
        let mut multi = serde_json::json!({"tooltip": [{}, {"trigger": "item"}]});
        harden(&mut multi);
        assert_eq!(multi["tooltip"][0]["renderMode"], "richText");
        assert_eq!(multi["tooltip"][1]["renderMode"], "richText");
    }

    #[test]
    fn bars_carry_labels_and_counts_in_order() {
        let v = parsed(&count_bars(&HUE_2018_12_BANDS, Lang::En));
        let axis = &v["yAxis"];
        let axis = if axis.is_array() { &axis[0] } else { axis };
        assert_eq!(axis["data"][0], "19 criteria");
        assert_eq!(axis["data"][3], "Under 10 criteria");
        assert_eq!(axis["type"], "category");
        let series = &v["series"][0];
        assert_eq!(series["type"], "bar");
        let data: Vec<i64> = series["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_i64().unwrap())
            .collect();
        assert_eq!(data, vec![44, 29, 28, 3]);
    }

    #[test]
    fn every_dashboard_chart_has_its_data_and_text_only_tooltips() {
        let bars = parsed(&labelled_bars(
            vec!["TC 17".into(), "TC 5".into()],
            vec![33.333, 90.0],
            true,
        ));
        assert_eq!(bars["series"][0]["data"], serde_json::json!([33.3, 90.0]));
        assert_eq!(bars["series"][0]["label"]["formatter"], "{c} %");
        assert_eq!(bars["tooltip"]["renderMode"], "richText");

        let evil = "<img src=x onerror=alert(1)>".to_string();
        let heat = parsed(&matrix_heatmap(
            vec!["Xã An".into(), evil.clone()],
            vec!["1".into(), "2".into()],
            vec![(0, 0, CELL_MET), (1, 1, CELL_NOT_MET)],
            ["Đạt".into(), "Chưa đạt".into(), "Không áp dụng".into()],
        ));
        assert_eq!(heat["series"][0]["type"], "heatmap");
        assert_eq!(heat["series"][0]["data"][1], serde_json::json!([1, 1, 1]));
        let y = if heat["yAxis"].is_array() {
            &heat["yAxis"][0]
        } else {
            &heat["yAxis"]
        };
        assert_eq!(
            y["data"][1],
            evil.as_str(),
            "names are data, drawn as canvas text"
        );
        assert_eq!(heat["tooltip"]["renderMode"], "richText");
        let vm = if heat["visualMap"].is_array() {
            &heat["visualMap"][0]
        } else {
            &heat["visualMap"]
        };
        assert_eq!(vm["pieces"][0]["label"], "Đạt", "{vm}");

        let radar = parsed(&commune_radar(
            "Xã An".into(),
            vec!["1".into(), "2".into()],
            vec![1.0, 0.0],
        ));
        let coord = if radar["radar"].is_array() {
            &radar["radar"][0]
        } else {
            &radar["radar"]
        };
        assert_eq!(coord["indicator"][1]["max"], 1.0, "{radar}");
        assert_eq!(
            radar["series"][0]["data"][0]["value"],
            serde_json::json!([1.0, 0.0])
        );

        let trend = parsed(&trend_lines(
            vec!["2024-H1".into(), "2024".into()],
            vec![11.04, 12.5],
            vec![0.0, 3.0],
            ["Bình quân".into(), "Đạt chuẩn".into()],
        ));
        assert_eq!(trend["series"][0]["data"], serde_json::json!([11.0, 12.5]));
        assert_eq!(trend["series"][1]["name"], "Đạt chuẩn");
    }
}
