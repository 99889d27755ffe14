// The benchmark table of issue 7 (see BENCHMARKS.md). Serves the release build the way a
// static host would (precompressed gzip and brotli), then measures: asset sizes, Lighthouse
// mobile, import of the synthetic province and national files through the app against a
// plain-JS baseline, the dashboard after each, peak JS heap + wasm memory. Prints PASS / FAIL per budget.
// Run through scripts/bench.sh (which builds and makes the data first).
import { spawn } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { measure } from "./sizes.mjs";
import { runImports } from "./bench-import.mjs";

const PORT = 4180;
const BASE = `http://127.0.0.1:${PORT}`;
const site = "target/bench-site";

// 1. The site: dist plus the synthetic files, every file also as .gz and .br.
await rm(site, { recursive: true, force: true });
await cp("dist", site, { recursive: true });
await mkdir(`${site}/bench`, { recursive: true });
for (const n of ["province", "national"]) await cp(`target/bench/bench-${n}.json`, `${site}/bench/bench-${n}.json`);
for (const d of await readdir(site, { recursive: true, withFileTypes: true })) {
  if (!d.isFile() || d.parentPath.includes("bench")) continue;
  const file = path.join(d.parentPath, d.name);
  const data = await readFile(file);
  await writeFile(`${file}.gz`, gzipSync(data, { level: 9 }));
  await writeFile(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
const server = spawn("node_modules/.bin/sirv", [site, "--single", "--gzip", "--brotli", "--port", String(PORT), "--host", "127.0.0.1"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 1000));

try {
  // 2. Sizes.
  const sizes = await measure("dist");
  // 3. Lighthouse mobile (simulated slow 4G and a mid-range phone CPU, its defaults).
  await mkdir("target/lh", { recursive: true });
  await new Promise((resolve, reject) => {
    const lh = spawn("node_modules/.bin/lighthouse", [
      `${BASE}/`, "--quiet", "--form-factor=mobile",
      "--only-categories=performance,accessibility,best-practices",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
      "--output=json", "--output-path=target/lh/report.json",
    ], { stdio: "inherit", env: { ...process.env, CHROME_PATH: process.env.NTM_CHROMIUM || "/usr/bin/chromium" } });
    lh.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited ${code}`))));
  });
  const lh = JSON.parse(await readFile("target/lh/report.json", "utf8"));
  const score = (k) => Math.round(lh.categories[k].score * 100);
  const ms = (a) => Math.round(lh.audits[a].numericValue);
  // 4. Imports and dashboards.
  const runs = await runImports(BASE, ["province", "national"]);
  const province = runs.find((r) => r.data === "province");
  const national = runs.find((r) => r.data === "national");

  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const rows = [
    // KB = 1024 bytes. Budgets hold for gzip too, so they do not depend on the host's brotli.
    ["first load, compressed (brotli; gzip)", `${kb(sizes.firstLoad.brotli)}; ${kb(sizes.firstLoad.gzip)}`, "≤ 250 KB", sizes.firstLoad.gzip <= 250 * 1024],
    ["chart code, compressed (brotli; gzip)", `${kb(sizes.charts.brotli)}; ${kb(sizes.charts.gzip)}`, "≤ 200 KB", sizes.charts.gzip <= 200 * 1024],
    ["Lighthouse performance (mobile)", score("performance"), "≥ 95", score("performance") >= 95],
    ["Lighthouse accessibility", score("accessibility"), "100", score("accessibility") === 100],
    ["Lighthouse best practices", score("best-practices"), "(reported)", null],
    ["FCP / LCP / TBT / TTI (ms)", `${ms("first-contentful-paint")} / ${ms("largest-contentful-paint")} / ${ms("total-blocking-time")} / ${ms("interactive")}`, "(reported)", null],
    ["province import: app / baseline (ms)", `${province.app_total_ms} / ${province.baseline_ms} = ${province.ratio}×`, "≤ 1,5×", Number(province.ratio) <= 1.5],
    ["national import, app (ms)", national.app_total_ms, "≤ 10 000", national.app_total_ms <= 10_000],
    ["national dashboard, open to drawn (ms)", national.dashboard_ms, "(reported)", null],
    ["national statistics, Workspace::dashboard (ms)", national.statistics_ms, "≤ 100", national.statistics_ms >= 0 && national.statistics_ms <= 100],
    ["national peak memory, JS heap + wasm (MB)", `${national.memory_mb} (JS ${national.js_peak_mb}, wasm ${national.wasm_mb})`, "≤ 200", Number(national.memory_mb) <= 200],
    ["national renderer peak RSS (MB)", national.renderer_rss_mb, "(reported)", null],
  ];
  console.log(`\nBenchmarks ${new Date().toISOString()} — ${process.env.BENCH_MACHINE || "this machine"}\n`);
  console.table(runs);
  for (const [name, value, budget, pass] of rows) {
    console.log(`${name.padEnd(42)} ${String(value).padEnd(32)} ${budget.padEnd(20)} ${pass === null ? "" : pass ? "PASS" : "FAIL"}`);
  }
} finally {
  server.kill();
}
