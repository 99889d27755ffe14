// Import and dashboard timings in headless Chromium against the release build (issue 7,
// first part). For each synthetic file (target/bench, made by the bench_data example):
//  - the app's own path: pick the file on /trao-doi → preview shown (read, check, plan) →
//    confirm → "Đã nhập tệp" (one IndexedDB transaction);
//  - a plain-JS baseline in the same page: JSON.parse + one IndexedDB transaction writing the
//    same units and assessments;
//  - the dashboard: open /bieu-do until its title shows.
// scripts/bench.mjs runs it; alone (the app and /bench/*.json served at $BASE):
//   node scripts/bench-import.mjs [province|national ...]
import { chromium } from "playwright-core";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Times the import of each named file and the dashboard after it; one row per file. */
export async function runImports(BASE, which) {
const browser = await chromium.launch({
  executablePath: process.env.NTM_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--js-flags=--max-old-space-size=4096"],
});

const results = [];
for (const name of which) {
  const file = path.resolve(`target/bench/bench-${name}.json`);
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(`${BASE}/trao-doi`);
  await page.getByTestId("import-file").waitFor({ state: "attached" });

  const t0 = Date.now();
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByTestId("import-preview").or(page.getByTestId("import-refused")).waitFor();
  const tPreview = Date.now();
  if (await page.getByTestId("import-refused").count()) {
    throw new Error(`${name}: refused: ${await page.getByTestId("import-refused").innerText()}`);
  }
  await page.getByTestId("confirm-import").click();
  await page.getByTestId("import-done").waitFor();
  const tDone = Date.now();

  // Baseline: the same records, plain JSON.parse and one IndexedDB transaction.
  const baseline = await page.evaluate(async (url) => {
    const text = await (await fetch(url)).text();
    const start = performance.now();
    const file = JSON.parse(text);
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("bench-baseline", 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore("units", { keyPath: "id" });
        req.result.createObjectStore("assessments", { keyPath: "id" });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(["units", "assessments"], "readwrite");
      const units = tx.objectStore("units");
      const assessments = tx.objectStore("assessments");
      for (const u of file.content.units || []) units.put(u);
      for (const a of file.content.assessments || []) {
        const k = a.key;
        assessments.put({ id: `${k.unit.level}:${k.unit.id}|${k.set.code}@${k.set.version}|${k.period.year}`, assessment: a });
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return performance.now() - start;
  }, `/bench/bench-${name}.json`);

  // Dashboard: from the link to its title (statistics computed and drawn).
  const tDash0 = Date.now();
  await page.goto(`${BASE}/bieu-do`);
  await page.getByTestId("report-title").waitFor();
  const tDash = Date.now();
  const heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
  // The statistics alone: the app marks Workspace::dashboard as "ntm-dashboard".
  const stats = await page.evaluate(() => {
    const e = performance.getEntriesByName("ntm-dashboard");
    return e.length ? Math.round(e[e.length - 1].duration) : -1;
  });

  results.push({
    data: name,
    preview_ms: tPreview - t0,
    commit_ms: tDone - tPreview,
    app_total_ms: tDone - t0,
    baseline_ms: Math.round(baseline),
    ratio: ((tDone - t0) / baseline).toFixed(2),
    dashboard_ms: tDash - tDash0,
    statistics_ms: stats,
    js_heap_mb: (heap / 1e6).toFixed(0),
  });
  await context.close();
}
await browser.close();
return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv.slice(2).length ? process.argv.slice(2) : ["province", "national"];
  console.table(await runImports(process.env.BASE || "http://127.0.0.1:4180", which));
}
