// Sync timings (issue 17), in headless Chromium against the release build and the e2e
// sync server (tests/e2e/sync-server.mjs: express-pouchdb in memory, the app on the same
// origin under /db/):
//  1. first sync of the province benchmark file (target/bench/bench-province.json,
//     imported first): everything pushed;
//  2. an incremental sync after 100 changed values (a file of 100 newer values, imported);
//  3. a second phone's first sync: everything pulled and merged.
// Each: time from "Đồng bộ ngay" (or signing in) to the report, HTTP requests the server
// answered, documents sent/received. Not part of the tests (minutes of work).
//   node scripts/bench-sync.mjs            (needs dist/ and target/bench: scripts/bench.sh)
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { contentHash } from "./exchange-format.mjs";

const PORT = 4176;
const BASE = `http://127.0.0.1:${PORT}`;
const server = spawn("node", ["tests/e2e/sync-server.mjs"], {
  env: { ...process.env, NTM_SYNC_PORT: String(PORT) },
  stdio: ["ignore", "pipe", "inherit"],
});
process.on("exit", () => server.kill("SIGTERM"));
await new Promise((ok) => server.stdout.on("data", (d) => String(d).includes("sync server") && ok()));
const requests = async () => (await (await fetch(`${BASE}/__couch/requests`)).json()).requests;

/** The province file with `n` of its values changed (newer stamps, other numbers). */
function changedFile(n, by = 1) {
  const file = JSON.parse(readFileSync("target/bench/bench-province.json", "utf8"));
  let left = n;
  const wall = Date.now() - 1_000;
  file.content.history ??= [];
  for (const a of file.content.assessments) {
    const k = a.key;
    const period = k.period.part === "first_half" ? `${k.period.year}-H1` : `${k.period.year}`;
    const assessment = `${k.unit.level}:${k.unit.id}|${k.set.id}@${k.set.version}|${period}`;
    for (const [code, v] of Object.entries(a.values ?? {})) {
      if (left === 0 || v?.value?.value?.type !== "number") continue;
      const old = structuredClone(v.value);
      const before = v.stamp;
      v.value.value.value += by;
      v.stamp = { ...v.stamp, hlc: { wall_ms: wall, counter: n - left }, device: "bench-edits", author: "Người sửa" };
      // As a phone writes an edit: its history entry, made on the value it replaced.
      file.content.history.push({
        record_key: `${assessment}#value:${code}`,
        target: { kind: "value", assessment, indicator: code },
        old,
        new: structuredClone(v.value),
        stamp: v.stamp,
        base: [before],
      });
      left--;
    }
  }
  if (left > 0) throw new Error(`only ${n - left} numeric values to change`);
  file.created_at = new Date().toISOString();
  file.sender = { device: "bench-edits", name: "Người sửa", role: "can_bo_tinh", unit: "province:99" };
  file.hash = contentHash(file.content);
  const out = path.resolve("target/bench/bench-province-100-edits.json");
  writeFileSync(out, JSON.stringify(file));
  return out;
}

const browser = await chromium.launch({
  executablePath: process.env.NTM_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});

async function phone() {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.NTM_BENCH_TIMEOUT || 900_000));
  page.on("console", (m) => process.env.NTM_DEBUG && console.error(`console: ${m.text()}`));
  page.on("pageerror", (e) => console.error(`pageerror: ${e.message}`));
  await page.goto(`${BASE}/`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

async function importFile(page, file) {
  await page.goto(`${BASE}/trao-doi`);
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByTestId("import-preview").or(page.getByTestId("import-refused")).waitFor();
  if (await page.getByTestId("import-refused").count()) {
    throw new Error(`${file}: refused: ${await page.getByTestId("import-refused").innerText()}`);
  }
  await page.getByTestId("confirm-import").click();
  await page.getByTestId("import-done").waitFor();
}

const runs = async (page) => Number((await page.getByTestId("sync-report").getAttribute("data-runs")) ?? 0);

/** Runs `start` (a click) and times the sync it sets off. */
async function timed(page, label, start) {
  const before = (await page.getByTestId("sync-report").count()) ? await runs(page) : 0;
  const r0 = await requests();
  const t0 = Date.now();
  await start();
  // What the page says while it works (a stuck sync shows here).
  const watch = setInterval(async () => {
    const said = await page.getByTestId("sync-progress").innerText().catch(() => "?");
    if (process.env.NTM_DEBUG) console.error(`${label}: ${Math.round((Date.now() - t0) / 1000)} s: ${said}`);
  }, 10_000);
  try {
    await page.locator(`[data-testid="sync-report"][data-runs="${before + 1}"]`).waitFor();
  } catch (e) {
    await page.screenshot({ path: "target/bench/sync-stuck.png", fullPage: true });
    throw e;
  } finally {
    clearInterval(watch);
  }
  const ms = Date.now() - t0;
  if (process.env.NTM_DEBUG) console.error(`${label}: clicked at ${t0}, report at ${t0 + ms}`);
  const text = async (id) => (await page.getByTestId(id).innerText()).replace(/\D/g, "");
  const row = {
    step: label,
    ms,
    requests: (await requests()) - r0,
    sent: Number(await text("sync-sent")),
    received: Number(await text("sync-received")),
    // Documents the push built to compare (every one, or those changed since the last).
    built: Number(await page.getByTestId("sync-report").getAttribute("data-built")),
    // Records pulled and not taken in (none expected: the data is the app's own).
    rejected: await page.getByTestId("sync-rejected").locator("li").count(),
    complete: await page.getByTestId("sync-complete").count() === 1,
  };
  console.log(JSON.stringify(row));
  return row;
}

async function signIn(page) {
  await page.goto(`${BASE}/dong-bo`);
  await page.getByTestId("sync-server").fill("/db/ntm-99");
  await page.getByTestId("sync-save-server").click();
  await page.getByTestId("sync-name").fill("tinh-99");
  await page.getByTestId("sync-password").fill("mat-khau-mau");
}

const rows = [];
const first = await phone();
await importFile(first, path.resolve("target/bench/bench-province.json"));
await signIn(first);
rows.push(await timed(first, "first sync (push everything)", () => first.getByTestId("sync-sign-in").click()));
await importFile(first, changedFile(100));
await first.goto(`${BASE}/dong-bo`);
await first.getByTestId("sync-now").waitFor();
rows.push(await timed(first, "after 100 changed values (reads back its first push)", () => first.getByTestId("sync-now").click()));
// The steady state: another 100 changed values, the changes since the last sync only.
await first.waitForTimeout(1_000);
await importFile(first, changedFile(100, 2));
await first.goto(`${BASE}/dong-bo`);
await first.getByTestId("sync-now").waitFor();
rows.push(await timed(first, "another 100 changed values", () => first.getByTestId("sync-now").click()));
const second = await phone();
await signIn(second);
rows.push(await timed(second, "second phone's first sync (pull everything)", () => second.getByTestId("sync-sign-in").click()));

await browser.close();
server.kill("SIGTERM");
mkdirSync("target/bench", { recursive: true });
writeFileSync("target/bench/sync.json", JSON.stringify(rows, null, 2));
console.log("\n| step | time | requests | built | sent | received | not taken in | complete |\n|---|---:|---:|---:|---:|---:|---:|---|");
for (const r of rows) {
  console.log(`| ${r.step} | ${(r.ms / 1000).toFixed(1)} s | ${r.requests} | ${r.built} | ${r.sent} | ${r.received} | ${r.rejected} | ${r.complete ? "yes" : "NO"} |`);
}
