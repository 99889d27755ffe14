// Profiles a big import in headless Chromium (issue 16): the oracle's Hà Nội file with
// 30,000 extra villages, picked on the exchange page of the site served at :4173
// (`node_modules/.bin/sirv dist --single --port 4173`). `open` records from the pick to the
// preview drawn, `commit` from "Nhập vào máy" to the page's reload after it. Prints the
// long tasks, the app's performance entries, the worker's answer size and the functions
// with most self time; writes target/profile/<phase>.cpuprofile (open it in DevTools).
// Function names need a build with NTM_WASM_NAMES=1 (BENCHMARKS.md). Not part of the tests.
// Usage: node scripts/profile-import.mjs open|commit
// NTM_PROFILE_FILE=target/bench/bench-national.json profiles that file instead (made by
// `cargo run --release --example bench_data -- target/bench`).
import { chromium } from "playwright";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { makeCase } from "../tests/e2e/oracle/dataset.mjs";
import { contentHash } from "./exchange-format.mjs";
const out = "target/profile";
mkdirSync(out, { recursive: true });
const name = process.env.NTM_PROFILE_FILE || `${out}/big-province.json`;
if (!existsSync(name)) {
  const { file } = makeCase(7100, "01");
  const communes = file.content.units.filter((u) => u.data.kind === "commune");
  const stamp = communes[0].stamp;
  for (let i = 0; i < 30000; i++) {
    const c = communes[i % communes.length].data.unit.code;
    const id = `big-${c}-${i}`;
    file.content.units.push({ id: `village:${id}`, data: { kind: "village", unit: { id, commune_code: c, name: `Thôn số ${i + 1}`, kind: "thon", archived: false } }, stamp, archived: false });
  }
  file.hash = contentHash(file.content);
  writeFileSync(name, JSON.stringify(file));
}
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
const page = await ctx.newPage();
await page.addInitScript(() => {
  const W = window.Worker;
  window.Worker = function (...a) { const w = new W(...a); w.addEventListener("message", (e) => { const r = e.data && e.data.result; if (typeof r === "string" && r.length > 10000) { console.log("RESULT len", r.length); try { const j = JSON.parse(r); const p = j.Preview || j; console.log("keys", Object.keys(p)); const s = p.plan; console.log("lines", s.lines.length, "totals", s.line_totals.length, "unlisted", s.unlisted_new.length, "dups", s.duplicates.length, "future", s.future.length, JSON.stringify(s.lines[0]).length, JSON.stringify(s.lines.slice(0,3))); console.log("unit_names", p.unit_names && Object.keys(p.unit_names).length, "sets", p.sets && p.sets.length); } catch (x) { console.log("parse", x.message); } } }); return w; };
});
page.on("console", (m) => { if (/RESULT|keys|lines|unit_names|parse/.test(m.text())) console.log(m.text()); });
page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
await page.goto("http://127.0.0.1:4173/");
await page.waitForTimeout(3000);
await page.getByLabel("Họ và tên").fill("A B");
await page.getByLabel("Cán bộ tỉnh").check();
await page.getByRole("button", { name: "Tiếp tục" }).click();
await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Thành phố Hà Nội" });
await page.getByRole("button", { name: "Hoàn tất" }).click();
await page.waitForTimeout(1000);
await page.getByRole("link", { name: "Trao đổi", exact: true }).click();
await page.waitForTimeout(2000);
await page.evaluate(() => { window.__long = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: "longtask" }); });
const cdp = await ctx.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
const phase = process.argv[2] || "open";
if (phase === "commit") {
  await page.getByTestId("import-file").setInputFiles(name);
  await page.getByTestId("import-preview").waitFor({ timeout: 120000 });
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.__long = []; });
}
await cdp.send("Profiler.start");
if (phase === "open") {
  await page.getByTestId("import-file").setInputFiles(name);
  await page.getByTestId("import-preview").waitFor({ timeout: 120000 });
  await page.waitForTimeout(500);
} else {
  await page.getByTestId("confirm-import").click();
  await page.getByTestId("import-done").waitFor({ timeout: 120000 });
  await page.waitForTimeout(4000);
}
const { profile } = await cdp.send("Profiler.stop");
if (phase === "open") { await page.getByTestId("unit-search").fill("thon so 2"); await page.waitForTimeout(300); await page.locator(".unit-filter").screenshot({ path: `${out}/filter.png` }); await page.getByTestId("import-preview").screenshot({ path: `${out}/preview.png` }); }
if (phase === "commit") console.log("getAll", JSON.stringify(await page.evaluate(async () => {
  const db = await new Promise((ok) => { const r = indexedDB.open("ntm"); r.onsuccess = () => ok(r.result); });
  const out = {};
  for (const n of db.objectStoreNames) {
    const t0 = performance.now();
    const rows = await new Promise((ok) => { const r = db.transaction(n).objectStore(n).getAll(); r.onsuccess = () => ok(r.result); });
    out[n] = [rows.length, Math.round(performance.now() - t0)];
  }
  db.close();
  return out;
})));
console.log("long tasks", JSON.stringify(await page.evaluate(() => window.__long)));
console.log("measures", JSON.stringify(await page.evaluate(() => performance.getEntries().filter((e) => e.entryType === "measure" || e.entryType === "mark").filter((e) => e.name.startsWith("ntm")).map((e) => [e.name, Math.round(e.startTime), Math.round(e.duration)]))));
// self time per function
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const n = byId.get(id);
  const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) || 0) + (dt[i] || 0) / 1000);
});
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k));
writeFileSync(`${out}/${phase}.cpuprofile`, JSON.stringify(profile));
await browser.close();
