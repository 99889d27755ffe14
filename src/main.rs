//! Entry point: mounts the app with its routes (`routes.rs`: the pages' split points) and
//! the store work fetched on first use (`deferred.rs`);
//! everything else lives in the library so tests can use it.

#[cfg(target_arch = "wasm32")]
mod deferred;
#[cfg(target_arch = "wasm32")]
mod routes;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // index.html paints a static shell while the wasm downloads; the app replaces it.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("app-shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(|| {
        use leptos::prelude::*;
        view! { <ntm::ui::App deferred=deferred::DEFERRED><routes::AppRoutes/></ntm::ui::App> }
    });
}

// The binary is only meaningful in the browser; natively the crate is a library of rules.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ntm runs in the browser: see README.md (scripts/serve.sh)");
}
