// trunk post_build hook: runs in the staging directory before it becomes dist/.
//  1. bundles ECharts (scripts/echarts-entry.mjs) into echarts-<hash>.js and records its
//     name in <meta name="ntm-echarts">;
//  2. writes the Content-Security-Policy, allowing only our origin plus the sha256 of each
//     inline script trunk generated (its wasm loader);
//  3. generates sw.js with workbox: every file of the build precached by content hash, so a
//     new deploy replaces exactly what changed and old caches are cleaned up.
import { createHash } from "node:crypto";
import { readFile, writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { generateSW } from "workbox-build";

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

// 2. Content-Security-Policy
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

// 3. Service worker
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
