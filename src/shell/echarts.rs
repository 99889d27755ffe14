//! ECharts through a few lines of wasm-bindgen: charming builds the option (its `Chart`
//! is `Serialize`), these calls load the library lazily, draw, export and dispose.
//! charming's own WasmRenderer has no dispose, so instances would leak across pages.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/shell/echarts_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadEcharts)]
    fn load_echarts_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = initChart, catch)]
    fn init_chart_js(el: &web_sys::HtmlElement, option_json: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = disposeChart)]
    fn dispose_chart_js(handle: &JsValue);
    #[wasm_bindgen(js_name = chartPngDataUrl)]
    fn chart_png_data_url_js(handle: &JsValue) -> String;
    #[wasm_bindgen(js_name = whenNear)]
    fn when_near_js(el: &web_sys::Element) -> js_sys::Promise;
    #[wasm_bindgen(js_name = releaseAll)]
    fn release_all_js();
    #[wasm_bindgen(js_name = forget)]
    fn forget_js(el: &web_sys::Element);
}

/// Resolves when `el` comes within 400 px of the screen, or [`release_all`] is called.
pub async fn when_near(el: &web_sys::Element) {
    let _ = JsFuture::from(when_near_js(el)).await;
}

/// Every chart waiting for the screen is drawn now (printing).
pub fn release_all() {
    release_all_js();
}

/// `el` left the page before it came near the screen.
pub fn forget(el: &web_sys::Element) {
    forget_js(el);
}

/// Loads the ECharts script once; later calls resolve at once.
pub async fn load() -> Result<(), String> {
    JsFuture::from(load_echarts_js())
        .await
        .map(|_| ())
        .map_err(|e| format!("{e:?}"))
}

/// A drawn chart. Dispose it when its element leaves the page.
pub struct ChartHandle(JsValue);

impl ChartHandle {
    /// Draws `chart` into `el`. ECharts must be loaded (see [`load`]).
    pub fn draw(el: &web_sys::HtmlElement, chart: &charming::Chart) -> Result<Self, String> {
        let json = crate::charts::option_json(chart);
        init_chart_js(el, &json)
            .map(Self)
            .map_err(|e| format!("{e:?}"))
    }

    /// The chart as a PNG data URL (white background, 2× pixels) for saving.
    pub fn png_data_url(&self) -> String {
        chart_png_data_url_js(&self.0)
    }

    /// Releases the ECharts instance and its resize observer.
    pub fn dispose(self) {
        dispose_chart_js(&self.0);
    }
}
