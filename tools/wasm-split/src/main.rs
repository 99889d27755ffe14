//! `ntm-wasm-split <linked.wasm> <out dir> <main js module> <link module>`: splits a wasm
//! linked with `--emit-relocs` at its `#[lazy]` split points (leptos 0.8), writing
//! `main_split.wasm` (for wasm-bindgen), one wasm per split and shared chunk, and the
//! JavaScript that loads them (`<link module>`), then prints the split files, one a line.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, out, main_module, link] = args.as_slice() else {
        eprintln!("usage: ntm-wasm-split <linked.wasm> <out dir> <main js module> <link module>");
        std::process::exit(2);
    };
    let wasm = std::fs::read(input).expect("read the linked wasm");
    let out = Path::new(out);
    std::fs::create_dir_all(out).expect("create the output directory");
    let main_out = out.join("main_split.wasm");
    let split = wasm_split_cli_support::transform({
        let mut o = wasm_split_cli_support::Options::new(&wasm);
        o.output_dir = out;
        o.main_out_path = &main_out;
        o.main_module = main_module;
        o.link_name = link;
        o
    })
    .unwrap_or_else(|e| {
        eprintln!("wasm split failed: {e:?}");
        std::process::exit(1);
    });
    for m in &split.split_modules {
        println!("{}", m.display());
    }
}
