//! Chart options built from domain figures with charming. Pure: tested natively as JSON;
//! `shell::echarts` only hands the result to ECharts.
//!
//! Invariant: every option leaves here with tooltips in ECharts' rich-text mode, so no name
//! from a user or a file can ever be parsed as HTML (ECharts does not escape tooltip HTML).

use charming::component::{Axis, Grid};
use charming::element::{AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
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
        .map(|i| match lang {
            Lang::Vi => i.label_vi.to_string(),
            Lang::En => i.label_en.to_string(),
        })
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
}
