// Import and dashboard timings in headless Chromium against the release build (issue 7,
// first part). For each synthetic file (target/bench, made by the bench_data example):
//  - the app's own path: pick the file on /trao-doi → preview shown (read, check, plan) →
//    confirm → "Đã nhập tệp" (one IndexedDB transaction);
//  - a plain-JS baseline in the same page (after the dashboard, so its garbage is not
//    counted against the app): JSON.parse + one IndexedDB transaction writing the
//    same units and assessments;
//  - the dashboard: open /bieu-do until its title shows;
//  - memory: the JS heap sampled every 100 ms through the DevTools protocol
//    (Runtime.getHeapUsage) while the app imports and draws, plus the wasm linear memory
//    (which only grows, so its size at the end is its peak) — of the page and of the app's
//    worker, which reads, checks and plans the import (reached through the browser's
//    DevTools session: Target.attachToTarget) — and the renderer process's peak resident
//    memory (VmHWM, Linux) for context.
// scripts/bench.mjs runs it; alone (the app and /bench/*.json served at $BASE):
//   node scripts/bench-import.mjs [province|national ...]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Peak resident memory (bytes) of the browser's renderer processes now alive (Linux). */
function rendererPeakRss() {
  let peak = 0;
  for (const line of execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).split("\n")) {
    const m = line.trim().match(/^(\d+)\s+(.*)$/);
    if (!m || !m[2].includes("--type=renderer")) continue;
    try {
      const hwm = readFileSync(`/proc/${m[1]}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
      if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return peak;
}

/** Samples the page's JS heap every 100 ms until stopped; returns the peak (bytes). */
function heapSampler(cdp) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { usedSize } = await cdp.send("Runtime.getHeapUsage");
        peak = Math.max(peak, usedSize);
      } catch {
        // navigation in progress
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}

/**
 * The app's worker as a DevTools target of the browser's session `b`, for the page whose
 * target is `pageTarget`: `send(method, params)` runs a command in the worker (through
 * Target.sendMessageToTarget: Playwright's sessions reach pages only).
 */
async function workerSession(b, pageTarget) {
  let worker;
  for (let i = 0; i < 100 && !worker; i++) {
    const { targetInfos } = await b.send("Target.getTargets");
    worker = targetInfos.find((t) => t.type === "worker" && t.parentId === pageTarget && /\/worker-[0-9a-f]+\.js/.test(t.url));
    if (!worker) await new Promise((r) => setTimeout(r, 100));
  }
  if (!worker) throw new Error("the app's worker did not start on /trao-doi");
  const { sessionId } = await b.send("Target.attachToTarget", { targetId: worker.targetId, flatten: false });
  let id = 0;
  const pending = new Map();
  b.on("Target.receivedMessageFromTarget", (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message);
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)(m);
      pending.delete(m.id);
    }
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const i = ++id;
      pending.set(i, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
      b.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: i, method, params }) }).catch(reject);
    });
  return {
    send,
    // The worker's wasm memory, set by its loader (scripts/post-build.mjs).
    wasmBytes: async () =>
      (await send("Runtime.evaluate", { expression: "self.__ntmWasm ? self.__ntmWasm.memory.buffer.byteLength : 0", returnByValue: true })).result.value,
  };
}

/** The size of the app's wasm linear memory (bytes), captured when trunk's loader starts it. */
const wasmBytes = (page) => page.evaluate(() => (window.__ntmWasm ? window.__ntmWasm.memory.buffer.byteLength : 0));

/** The median row of several runs of one file: the median of every numeric column, the
 *  others from the first run (timings on a shared 2-core machine vary by ±20 %). */
export function medianRow(rows) {
  const out = { ...rows[0], runs: rows.length };
  for (const k of Object.keys(rows[0])) {
    const xs = rows.map((r) => Number(r[k]));
    if (xs.some(Number.isNaN)) continue;
    xs.sort((a, b) => a - b);
    const m = xs[Math.floor(xs.length / 2)];
    out[k] = typeof rows[0][k] === "string" ? String(Number.isInteger(m) ? m : m.toFixed(2)) : m;
  }
  out.app_total_range = `${Math.min(...rows.map((r) => r.app_total_ms))}–${Math.max(...rows.map((r) => r.app_total_ms))}`;
  out.statistics_range = `${Math.min(...rows.map((r) => r.statistics_ms))}–${Math.max(...rows.map((r) => r.statistics_ms))}`;
  return out;
}

/** Times the import of each named file and the dashboard after it, `runs` times each on a
 *  fresh browser profile; returns every run (one row each). */
export async function runImports(BASE, which, runs = 1) {
const browser = await chromium.launch({
  executablePath: process.env.NTM_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--js-flags=--max-old-space-size=4096"],
});

const results = [];
for (const name of which) for (let run = 0; run < runs; run++) {
  const file = path.resolve(`target/bench/bench-${name}.json`);
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  await context.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (e) => {
      window.__ntmWasm = e.detail.wasm;
    });
    // The page's long tasks (Long Tasks API), from the document's start: issue 16's
    // budget is none over 200 ms during a national import or the dashboard's draw.
    window.__ntmLong = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__ntmLong.push(Math.round(e.duration))))
      .observe({ type: "longtask", buffered: true });
  });
  const longTasks = () => page.evaluate(() => window.__ntmLong.splice(0));
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  const cdp = await context.newCDPSession(page);
  await page.goto(`${BASE}/trao-doi`);
  await page.getByTestId("import-file").waitFor({ state: "attached" });
  // The page's start is not the import's.
  await page.waitForTimeout(500);
  await longTasks();

  // The worker the exchange page started (and warmed) before a file is picked.
  const browserCdp = await browser.newBrowserCDPSession();
  const { targetInfo } = await cdp.send("Target.getTargetInfo");
  const worker = await workerSession(browserCdp, targetInfo.targetId);
  const stopImportSampler = heapSampler(cdp);
  const stopWorkerSampler = heapSampler(worker);
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
  const importLong = await longTasks();
  const importJsPeak = await stopImportSampler();
  const importWasm = await wasmBytes(page);
  const workerJsPeak = await stopWorkerSampler();
  const workerWasm = await worker.wasmBytes();
  await browserCdp.detach();
  // The app's own timings of its steps (shell::Timing): file → bytes, read and check,
  // plan against the database, the one write transaction.
  const steps = await page.evaluate(() =>
    ["read", "parse", "plan", "commit"].map((s) => {
      const e = performance.getEntriesByName(`ntm-import-${s}`);
      return e.length ? Math.round(e[e.length - 1].duration) : -1;
    }),
  );

  // Dashboard: from the link to its title (statistics computed and drawn).
  const stopDashSampler = heapSampler(cdp);
  const tDash0 = Date.now();
  await page.goto(`${BASE}/bieu-do`);
  await page.getByTestId("report-title").waitFor();
  const tDash = Date.now();
  // The charts draw after the title, each when it comes near the screen: scrolled to in
  // turn, as a user reads the page, their tasks count too.
  for (const chart of await page.locator(".chart-canvas").all()) {
    await chart.scrollIntoViewIfNeeded();
    await chart.locator("canvas").first().waitFor({ timeout: 60_000 }).catch(() => {});
  }
  await page.waitForTimeout(1000);
  const dashLong = await longTasks();
  const dashJsPeak = await stopDashSampler();
  const dashWasm = await wasmBytes(page);
  // The statistics alone: the app marks Workspace::dashboard as "ntm-dashboard".
  const [stats, dbRead] = await page.evaluate(() =>
    ["ntm-dashboard", "ntm-workspace-read"].map((n) => {
      const e = performance.getEntriesByName(n);
      return e.length ? Math.round(e[e.length - 1].duration) : -1;
    }),
  );
  const rss = rendererPeakRss();
  await cdp.send("HeapProfiler.collectGarbage");

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
        assessments.put({ id: `${k.unit.level}:${k.unit.id}|${k.set.id}@${k.set.version}|${k.period.year}`, assessment: a });
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return performance.now() - start;
  }, `/bench/bench-${name}.json`);

  results.push({
    data: name,
    preview_ms: tPreview - t0,
    commit_ms: tDone - tPreview,
    app_total_ms: tDone - t0,
    steps_ms: steps.join("/"),
    baseline_ms: Math.round(baseline),
    ratio: ((tDone - t0) / baseline).toFixed(2),
    // Long tasks (ms) on the page's main thread over 200 ms, and the longest of all.
    import_long_over_200: importLong.filter((d) => d > 200).join(" ") || "none",
    import_long_max_ms: Math.max(0, ...importLong),
    dashboard_ms: tDash - tDash0,
    dashboard_long_over_200: dashLong.filter((d) => d > 200).join(" ") || "none",
    dashboard_long_max_ms: Math.max(0, ...dashLong),
    statistics_ms: stats,
    // Reading the database when the page opens (part of the dashboard time).
    db_read_ms: dbRead,
    // MB = 10^6 bytes. Peak of (JS heap + wasm memory) over the import and the dashboard,
    // page and worker together (the import: each one's peak added, an upper bound; the
    // dashboard opens in a new document, the worker not started).
    js_peak_mb: (Math.max(importJsPeak, dashJsPeak) / 1e6).toFixed(0),
    wasm_mb: (Math.max(importWasm, dashWasm) / 1e6).toFixed(0),
    worker_js_peak_mb: (workerJsPeak / 1e6).toFixed(0),
    worker_wasm_mb: (workerWasm / 1e6).toFixed(0),
    memory_mb: (Math.max(importJsPeak + importWasm + workerJsPeak + workerWasm, dashJsPeak + dashWasm) / 1e6).toFixed(0),
    renderer_rss_mb: (rss / 1e6).toFixed(0),
  });
  await context.close();
}
await browser.close();
return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv.slice(2).length ? process.argv.slice(2) : ["province", "national"];
  const rows = await runImports(process.env.BASE || "http://127.0.0.1:4180", which, Number(process.env.BENCH_RUNS || 1));
  console.table(rows);
  console.table(which.map((n) => medianRow(rows.filter((r) => r.data === n))));
}
