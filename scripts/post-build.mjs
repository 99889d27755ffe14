// trunk post_build hook: runs in the staging directory before it becomes dist/.
//  1. bundles ECharts (scripts/echarts-entry.mjs) into echarts-<hash>.js and records its
//     name in <meta name="ntm-echarts">;
//  2. names the app's worker by content hash and writes its loader (<meta name="ntm-worker">);
//  3. writes the Content-Security-Policy, allowing only our origin plus the sha256 of each
//     inline script trunk generated (its wasm loader);
//  4. generates sw.js with workbox: every file of the build precached by content hash, so a
//     new deploy replaces exactly what changed and old caches are cleaned up.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { generateSW } from "workbox-build";
import { execFileSync } from "node:child_process";
import { buildPageWasm, cargoTarget, withoutLinkerSections } from "./page-wasm.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
const indexPath = path.join(staging, "index.html");
let html = await readFile(indexPath, "utf8");

// 1. ECharts
const bundled = await build({
  entryPoints: [path.join(root, "scripts/echarts-entry.mjs")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  write: false,
  legalComments: "none",
});
const echartsCode = bundled.outputFiles[0].contents;
const echartsName = `echarts-${createHash("sha256").update(echartsCode).digest("hex").slice(0, 16)}.js`;
await writeFile(path.join(staging, echartsName), echartsCode);
html = html.replace(/(<meta name="ntm-echarts" content=")[^"]*(")/, `$1${echartsName}$2`);

// 1b. The page's wasm, split per route (scripts/page-wasm.mjs).
const page = await buildPageWasm(root, staging, html);
html = page.html;
console.log(`post-build: page wasm ${page.files.wasm}, ${page.files.chunks.length} lazy module(s)`);

// 2. The worker (src/bin/worker.rs). trunk names a worker's files after the binary
// (worker.js, worker_bg.wasm) so that an app can find them; named by content hash
// instead, an update downloads them only when they changed, like every other file. The
// loader starts the wasm and answers the page's requests (src/shell/worker_glue.js).
// trunk does not optimise it (data-wasm-opt="0"): the linker's relocation sections (every
// wasm32 build has them, for the page's split) come off first, then wasm-opt -Oz.
const workerGlue = await readFile(path.join(staging, "worker.js"));
const workerRaw = path.join(staging, "worker_bg.wasm");
await writeFile(workerRaw, withoutLinkerSections(await readFile(workerRaw)));
if (process.env.TRUNK_PROFILE === "release") {
  // Kept by the bytes it optimised: the second build of scripts/test.sh (under /ntm/) reuses it.
  const cached = path.join(cargoTarget(root), "worker-opt", `${createHash("sha256").update(await readFile(workerRaw)).digest("hex").slice(0, 16)}.wasm`);
  try {
    await writeFile(workerRaw, await readFile(cached));
  } catch {
    execFileSync("wasm-opt", ["-Oz", workerRaw, "-o", workerRaw], { stdio: "inherit" });
    await rm(path.dirname(cached), { recursive: true, force: true });
    await mkdir(path.dirname(cached), { recursive: true });
    await writeFile(cached, await readFile(workerRaw));
  }
}
const workerWasm = await readFile(workerRaw);
const workerHash = createHash("sha256").update(workerGlue).update(workerWasm).digest("hex").slice(0, 16);
const workerGlueName = `worker-glue-${workerHash}.js`;
const workerWasmName = `worker-${workerHash}_bg.wasm`;
const workerLoaderName = `worker-${workerHash}.js`;
await writeFile(path.join(staging, workerGlueName), workerGlue);
await writeFile(path.join(staging, workerWasmName), workerWasm);
await rm(path.join(staging, "worker.js"));
await rm(path.join(staging, "worker_bg.wasm"));
const workerLoader = `// The app's worker (a module worker): starts the wasm, then answers each
// {id, kind, file, json} request of the page; progress reports go back as {id, progress}.
import init, { handle } from ${JSON.stringify("./" + workerGlueName)};
const early = [];
self.onmessage = (e) => early.push(e.data);
init({ module_or_path: new URL(${JSON.stringify(workerWasmName)}, import.meta.url) }).then(
  (wasm) => {
    // Its memory is read by the benchmarks (scripts/bench-import.mjs).
    self.__ntmWasm = wasm;
    const run = async (m) => {
      let reply;
      try {
        const progress = (p) => self.postMessage({ id: m.id, progress: p });
        reply = { id: m.id, result: await handle(m.kind, m.file, m.json || "", progress) };
      } catch (err) {
        // A trap leaves the wasm unusable: the page is told and starts a new worker.
        if (err instanceof WebAssembly.RuntimeError) return self.postMessage({ failed: String(err) });
        reply = { id: m.id, error: err && err.message ? err.message : String(err) };
      }
      const transfer = reply.result instanceof Uint8Array ? [reply.result.buffer] : [];
      self.postMessage(reply, transfer);
    };
    self.onmessage = (e) => { run(e.data); };
    self.postMessage({ ready: true });
    early.splice(0).forEach(run);
  },
  (err) => self.postMessage({ failed: String(err) }),
);
`;
await writeFile(path.join(staging, workerLoaderName), workerLoader);
html = html.replace(/(<meta name="ntm-worker" content=")[^"]*(")/, `$1${workerLoaderName}$2`);

// 3. Content-Security-Policy
const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const scriptHashes = inlineScripts.map((s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`);
const csp = [
  "default-src 'self'",
  // wasm compilation needs 'wasm-unsafe-eval'; nothing else is evaluated.
  `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");
if (!html.includes("__NTM_CSP__")) {
  console.error("post-build: CSP placeholder missing from index.html");
  process.exit(1);
}
html = html.replace("__NTM_CSP__", csp);
await writeFile(indexPath, html);

// 4. Service worker
await rm(path.join(staging, "sw.js"), { force: true });
const { count, size, warnings } = await generateSW({
  globDirectory: staging,
  globPatterns: ["**/*.{html,js,wasm,css,png,svg,ico,webmanifest,json}"],
  globIgnores: ["sw.js"],
  swDest: path.join(staging, "sw.js"),
  // Files trunk named by content hash need no extra revision.
  dontCacheBustURLsMatching: /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/,
  maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
  navigateFallback: "index.html",
  // The sync's database is served under /db/ on the same origin (docs/sync.md): never
  // answered by the app's shell.
  navigateFallbackDenylist: [/\/db\//],
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  // A new version waits until the user taps "Tải lại" (the page posts SKIP_WAITING).
  skipWaiting: false,
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: "production",
  cacheId: "ntm",
});
for (const w of warnings) console.warn("post-build: workbox:", w);
console.log(`post-build: ${echartsName} (${echartsCode.length} B), ${scriptHashes.length} inline script hash(es), sw.js precaches ${count} files (${size} B)`);
