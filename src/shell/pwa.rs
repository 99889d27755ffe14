//! Service worker registration and the update prompt's two calls.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/shell/pwa_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker_js(url: &str, on_update_ready: &js_sys::Function);
    #[wasm_bindgen(js_name = applyUpdate)]
    fn apply_update_js();
    #[wasm_bindgen(js_name = isIos)]
    fn is_ios_js() -> bool;
}

/// True on iPhone/iPad, where Safari deletes site data after 7 days unused unless the app
/// was added to the home screen.
pub fn is_ios() -> bool {
    is_ios_js()
}

/// Registers `sw.js` (next to index.html); `on_update_ready` runs when a new version waits.
pub fn register(on_update_ready: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(on_update_ready);
    register_service_worker_js("./sw.js", callback.as_ref().unchecked_ref());
    // The page lives as long as the app: the callback must too.
    callback.forget();
}

/// Activates the waiting version; the page reloads when it takes control.
pub fn apply_update() {
    apply_update_js();
}
