// The page's wasm, split per route (issue 16), built by scripts/post-build.mjs because
// trunk's rust pipeline cannot split a wasm (trunk-rs/trunk#1022):
//   cargo (linked with --emit-relocs) → tools/wasm-split (leptos `#[lazy]` split points:
//   a main module, a wasm per page and shared chunks, and their loader) → wasm-bindgen
//   (--keep-lld-exports, for the loader) → wasm-opt -Oz on every module → files named by
//   content hash → the start-up script and preloads written into index.html.
// The worker (src/bin/worker.rs) is still built by trunk.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const hash16 = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex").slice(0, 16);
};

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], ...opts });
}

/** Where cargo writes: `CARGO_TARGET_DIR` if set, else the repository's target/. */
export function cargoTarget(root) {
  return process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, "target");
}

/** Builds the page's wasm into `staging` and returns `html` with its start-up script. */
export async function buildPageWasm(root, staging, html) {
  const release = process.env.TRUNK_PROFILE === "release";
  const offline = process.env.TRUNK_OFFLINE === "true" ? ["--offline"] : [];
  const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
  // Cargo's output directory: CI keeps it outside the clone (.ci/run sets CARGO_TARGET_DIR).
  const target = cargoTarget(root);

  // 1. The linked wasm, with relocations for the split (.cargo/config.toml links every
  // wasm32 build with --emit-relocs, so this shares trunk's cache for the worker).
  run("cargo", ["build", "--locked", ...offline, ...(release ? ["--release"] : []), "--target", "wasm32-unknown-unknown", "--bin", "ntm"], { cwd: root });
  const linked = path.join(target, "wasm32-unknown-unknown", release ? "release" : "debug", "ntm.wasm");

  // Steps 2–4 depend only on the linked wasm, not on the public URL: a second build of the
  // same code (scripts/test.sh builds at / and under /ntm/) reuses their output.
  // Keyed on everything that changes them: a build keeping function names (NTM_WASM_NAMES,
  // for profiles) must never be reused by a normal build, nor the reverse.
  const names = process.env.NTM_WASM_NAMES === "1";
  const work = path.join(target, "page-wasm", hash16(await readFile(linked), String(release), String(names)));
  const split = path.join(work, "split");
  const pkg = path.join(work, "pkg");
  const LOADER = "ntm-split-loader.js";
  const GLUE = "ntm.js";
  const chunksFile = path.join(work, "chunks.json");
  let chunks;
  try {
    chunks = JSON.parse(await readFile(chunksFile, "utf8"));
  } catch {
    await rm(path.join(target, "page-wasm"), { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    chunks = splitBindOptimise({ root, target, linked, split, pkg, GLUE, LOADER, release, offline });
    await writeFile(chunksFile, JSON.stringify(chunks));
  }

  // 5. Names by content hash. Chunks by their own bytes; the main wasm by its bytes; the
  // glue and the loader refer to each other, so they share one hash of both and of the
  // names they refer to.
  const rename = new Map();
  // NTM_TOUCH_CHUNK=<part of a chunk's name>: that chunk gets a custom section, so that its
  // bytes (and name) change and no other module's do — the deploy "that changed one chunk"
  // of tests/e2e/update.spec.mjs (scripts/test.sh builds it). Never for a served build.
  const touch = process.env.NTM_TOUCH_CHUNK;
  if (touch && !chunks.some((c) => c.includes(touch))) throw new Error(`page-wasm: no chunk named like ${touch}`);
  for (const c of chunks) {
    let bytes = await readFile(path.join(split, c));
    if (touch && c.includes(touch)) bytes = withCustomSection(bytes, "ntm-touched", "a deploy that changed this module");
    const name = `${path.basename(c, ".wasm")}-${hash16(bytes)}.wasm`;
    rename.set(c, name);
    await writeFile(path.join(staging, name), bytes);
  }
  const mainWasm = await readFile(path.join(pkg, "ntm_bg.wasm"));
  const mainWasmName = `ntm-${hash16(mainWasm)}_bg.wasm`;
  await writeFile(path.join(staging, mainWasmName), mainWasm);
  let loader = pacedFetches(await readFile(path.join(split, LOADER), "utf8"), chunks.length);
  for (const [from, to] of rename) loader = loader.split(`"./${from}"`).join(`"./${to}"`);
  let glue = await readFile(path.join(pkg, GLUE), "utf8");
  const shared = hash16(loader, glue, mainWasmName);
  const glueName = `ntm-${shared}.js`;
  const loaderName = `ntm-split-${shared}.js`;
  loader = loader.split(`"./${GLUE}"`).join(`"./${glueName}"`);
  // Only the import's path: the imports object's keys are the module name in the wasm.
  glue = glue.split(`from "./${LOADER}"`).join(`from "./${loaderName}"`);
  if (!loader.includes(glueName) || (chunks.length > 0 && !glue.includes(loaderName))) {
    throw new Error("page-wasm: the loader and the glue no longer name each other as expected");
  }
  await writeFile(path.join(staging, glueName), glue);
  await writeFile(path.join(staging, loaderName), loader);
  await cp(path.join(pkg, "snippets"), path.join(staging, "snippets"), { recursive: true });

  // 6. The start-up script (as trunk's: the event is what scripts/bench-import.mjs waits
  // for) and preloads of the main module.
  const url = (name) => `${publicUrl}${name}`;
  const snippets = (await readdir(path.join(pkg, "snippets"), { recursive: true })).filter((f) => f.endsWith(".js"));
  const preloads = [
    `<link rel="modulepreload" href="${url(glueName)}" crossorigin="anonymous">`,
    ...snippets.map((f) => `<link rel="modulepreload" href="${url(`snippets/${f.split(path.sep).join("/")}`)}" crossorigin="anonymous">`),
    `<link rel="preload" href="${url(mainWasmName)}" crossorigin="anonymous" as="fetch" type="application/wasm">`,
  ].join("\n");
  const start = `<script type="module">
import init from '${url(glueName)}';
const wasm = await init({ module_or_path: '${url(mainWasmName)}' });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>`;
  const marker = "<!-- ntm-page-wasm -->";
  if (!html.includes(marker)) throw new Error(`page-wasm: ${marker} missing from index.html`);
  // trunk leaves the skipped link (`data-trunk-skip`) in its output.
  html = html.replace(/<link data-trunk rel="rust" data-bin="ntm" data-trunk-skip[^>]*>\s*/, "");
  return {
    html: html.replace(marker, `${start}\n${preloads}`),
    files: { glue: glueName, wasm: mainWasmName, loader: loaderName, chunks: [...rename.values()] },
  };
}

/** Steps 2–4: splits the linked wasm (its modules in `split`), binds the main module (in
 * `pkg`), optimises every module; returns the split modules' file names. */
function splitBindOptimise({ root, target, linked, split, pkg, GLUE, LOADER, release, offline }) {
  // 2. The split.
  run("cargo", ["build", "--locked", ...offline, "--release", "--quiet", "--manifest-path", path.join(root, "tools/wasm-split/Cargo.toml"), "--target-dir", path.join(target, "tools")], { cwd: root });
  const listed = execFileSync(path.join(target, "tools", "release", "ntm-wasm-split"), [linked, split, `./${GLUE}`, `./${LOADER}`], { encoding: "utf8" });
  const chunks = listed.split("\n").filter(Boolean).map((p) => path.basename(p));

  // 3. wasm-bindgen on the main module.
  run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-typescript", "--out-name", "ntm", "--out-dir", pkg, path.join(split, "main_split.wasm")]);

  // 4. wasm-opt on every module.
  const modules = [path.join(pkg, "ntm_bg.wasm"), ...chunks.map((c) => path.join(split, c))];
  if (release) {
    // --strip-debug: the split modules carry a name section no one reads.
    // Its stderr is kept for failures only (every split module draws a harmless "unknown
    // name subsection" warning).
    // NTM_WASM_NAMES=1 keeps the function names instead, for reading a CPU profile
    // (BENCHMARKS.md, "Reproducing a single figure"); never for a build that is served.
    const names = process.env.NTM_WASM_NAMES === "1" ? ["-g"] : ["--strip-debug"];
    for (const m of modules) run("wasm-opt", ["-Oz", ...names, m, "-o", m], { stdio: ["ignore", "inherit", "pipe"] });
  }

  return chunks;
}

/** The split's loader with its fetches paced: opening a page asks for its module and every
 * shared chunk it needs at once (the dashboard: ~150), and the loader called `fetch` for
 * each in one task — 400 ms of the main thread at 4× CPU slowdown, Lighthouse's largest
 * blocking task on the dashboard (BENCHMARKS.md, session 14). Paced, the requests are made
 * a few milliseconds' worth per task, in the same order, each still started as soon as the
 * main thread is free; a MessageChannel, not setTimeout, so no 4 ms clamp between tasks. */
function pacedFetches(loader, modules) {
  const call = "fetch(new URL(";
  const calls = loader.split(call).length - 1;
  if (calls !== modules) throw new Error(`page-wasm: the loader fetches ${calls} modules, the split made ${modules}`);
  const paced = `
const fetchQueue = [];
const fetchChannel = new MessageChannel();
let fetchScheduled = false;
fetchChannel.port1.onmessage = () => {
    fetchScheduled = false;
    const until = performance.now() + 8;
    while (fetchQueue.length > 0 && performance.now() < until) {
        const [url, resolve, reject] = fetchQueue.shift();
        fetch(url).then(resolve, reject);
    }
    if (fetchQueue.length > 0) scheduleFetches();
};
function scheduleFetches() {
    if (!fetchScheduled) {
        fetchScheduled = true;
        fetchChannel.port2.postMessage(null);
    }
}
function pacedFetch(url) {
    return new Promise((resolve, reject) => {
        fetchQueue.push([url, resolve, reject]);
        scheduleFetches();
    });
}
`;
  const firstLineEnd = loader.indexOf("\n") + 1;
  if (!loader.startsWith("import ")) throw new Error("page-wasm: the loader no longer starts with its import");
  return loader.slice(0, firstLineEnd) + paced + loader.slice(firstLineEnd).split(call).join(`pacedFetch(new URL(`);
}

/** A wasm without the linker's sections (`linking`, `reloc.*`): wasm-opt cannot optimise a
 * module that has them (it warns, and the module comes out ~15 % larger). */
export function withoutLinkerSections(bytes) {
  const leb = (p) => {
    let r = 0, s = 0, x;
    do {
      x = bytes[p++];
      r |= (x & 0x7f) << s;
      s += 7;
    } while (x & 0x80);
    return [r >>> 0, p];
  };
  const parts = [bytes.subarray(0, 8)];
  let p = 8;
  while (p < bytes.length) {
    const start = p;
    const id = bytes[p++];
    const [len, body] = leb(p);
    let keep = true;
    if (id === 0) {
      const [nameLen, nameAt] = leb(body);
      const name = bytes.subarray(nameAt, nameAt + nameLen).toString();
      keep = name !== "linking" && !name.startsWith("reloc.");
    }
    if (keep) parts.push(bytes.subarray(start, body + len));
    p = body + len;
  }
  return Buffer.concat(parts);
}

/** `wasm` with a custom section added at its end (ignored by engines: the code is the same,
 * the bytes are not). */
function withCustomSection(wasm, name, text) {
  const leb = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return Buffer.from(out);
  };
  const body = Buffer.concat([leb(Buffer.byteLength(name)), Buffer.from(name), Buffer.from(text)]);
  return Buffer.concat([wasm, Buffer.from([0]), leb(body.length), body]);
}
