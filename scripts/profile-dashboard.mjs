// What the page's main thread does while the dashboard draws (issue 16), task by task:
// every task over the threshold with what ran in it (script evaluation, events, layout,
// GC) and, for each, the functions most often on the stack (CPU samples of the main
// thread only). Two setups:
//  - national (default): imports the national file, opens /bieu-do under a Chrome trace;
//    tasks over 150 ms;
//  - `--demo`: the demo province on a phone that opened the app before (a persistent
//    profile, its service worker ready), then **a freshly started browser** opens
//    /bieu-do with the CPU slowed 4×, as each Lighthouse run does; tasks over 90 ms. A
//    browser that has run the page already runs optimised code: there no task was over
//    61 ms, while Lighthouse saw 110–190 ms (BENCHMARKS.md, session 16).
// Function names need a build that keeps them (BENCHMARKS.md, "Reproducing a single figure"):
//   NTM_WASM_NAMES=1 trunk build --release --offline --locked --dist /tmp/dist-names
// served precompressed as scripts/bench.mjs serves it, then:
//   BASE=http://127.0.0.1:4182 node scripts/profile-dashboard.mjs [file.json | --demo]
// Not part of the tests or of scripts/bench.sh; the trace is kept in target/dashboard-trace.json.
import { chromium } from "playwright-core";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { prepareDemoProfile } from "./bench-browser.mjs";

const BASE = process.env.BASE || "http://127.0.0.1:4180";
const demo = process.argv[2] === "--demo";
const executablePath = process.env.NTM_CHROMIUM || "/usr/bin/chromium";
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "disabled-by-default-v8.cpu_profiler", "blink.user_timing", "disabled-by-default-v8.gc"];

/** The national file imported, then /bieu-do traced (the browser's own tracing). */
async function traceNational() {
  const file = path.resolve(process.argv[2] || "target/bench/bench-national.json");
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--js-flags=--max-old-space-size=4096"],
  });
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(`${BASE}/trao-doi`);
  await page.getByTestId("import-file").setInputFiles(file);
  await page.getByTestId("import-preview").waitFor();
  await page.getByTestId("confirm-import").click();
  await page.getByTestId("import-done").waitFor();
  await page.goto(`${BASE}/`);
  await page.waitForTimeout(3000);
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(`${BASE}/bieu-do`);
  await page.getByTestId("report-title").waitFor();
  await page.locator("canvas").first().waitFor({ timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(1500);
  const buf = await browser.stopTracing();
  await browser.close();
  return buf;
}

/** The demo province prepared in a profile; /bieu-do traced at 4× CPU in a new browser. */
async function traceDemo() {
  const profile = path.resolve("target/lh/profile-trace");
  await prepareDemoProfile(BASE, profile);
  // A new browser process, as each Lighthouse run starts one.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
    viewport: { width: 360, height: 640 },
  });
  const page = context.pages()[0] || (await context.newPage());
  await page.goto("about:blank");
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const chunks = [];
  cdp.on("Tracing.dataCollected", (e) => chunks.push(...e.value));
  const complete = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", { categories: CATEGORIES.join(","), transferMode: "ReportEvents" });
  await page.goto(`${BASE}/bieu-do`);
  await page.getByTestId("report-title").waitFor();
  await page.waitForTimeout(4000);
  await cdp.send("Tracing.end");
  await complete;
  await context.close();
  return Buffer.from(JSON.stringify({ traceEvents: chunks }));
}

const buf = demo ? await traceDemo() : await traceNational();
writeFileSync("target/dashboard-trace.json", buf);
const LONG_US = demo ? 90_000 : 150_000;

const trace = JSON.parse(buf.toString());
const events = trace.traceEvents || trace;
// The page's main thread: the renderer main thread that ran the most.
let main = null;
let busiest = -1;
for (const t of events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain")) {
  const busy = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.name === "RunTask").reduce((a, e) => a + (e.dur || 0), 0);
  if (busy > busiest) [main, busiest] = [t, busy];
}
const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid).sort((a, b) => a.ts - b.ts);
const ts0 = mine.find((e) => e.ts).ts;
const ms = (ts) => ((ts - ts0) / 1000).toFixed(0);
for (const m of events.filter((e) => e.cat?.includes("blink.user_timing") && e.name.startsWith("ntm") && e.ph !== "R")) {
  console.log(`mark ${m.name} ${m.ph} at ${ms(m.ts)} ms`);
}

// CPU samples of the main thread's profile (a worker has a profile of its own).
const nodes = new Map();
const samples = [];
for (const p of events.filter((e) => e.name === "Profile" && e.pid === main.pid && e.tid === main.tid)) {
  let t = p.args.data.startTime;
  for (const c of events.filter((e) => e.name === "ProfileChunk" && e.id === p.id)) {
    const d = c.args.data;
    for (const n of d.cpuProfile?.nodes || []) nodes.set(n.id, n);
    const ids = d.cpuProfile?.samples || [];
    for (let i = 0; i < ids.length; i++) {
      t += d.timeDeltas[i];
      samples.push([t, ids[i]]);
    }
  }
}
const fname = (n) => (n?.callFrame?.functionName || n?.callFrame?.url || "?").replace(/::h[0-9a-f]{16}/, "").slice(0, 120);

const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
for (const task of mine.filter((e) => e.name === "RunTask" && e.dur > LONG_US)) {
  const end = task.ts + task.dur;
  console.log(`\ntask at ${ms(task.ts)} ms: ${(task.dur / 1000).toFixed(0)} ms`);
  for (const e of mine) {
    if (e === task || e.ts < task.ts || e.ts > end || !(e.dur >= 20_000)) continue;
    if (!["EvaluateScript", "v8.compile", "EventDispatch", "TimerFire", "FunctionCall", "Layout", "UpdateLayoutTree", "MajorGC", "MinorGC", "ParseHTML"].includes(e.name)) continue;
    const d = e.args?.data || {};
    console.log(`  ${ms(e.ts)} +${(e.dur / 1000).toFixed(0)} ${e.name} ${d.type || d.url || d.functionName || ""}`);
  }
  const self = new Map();
  const inclusive = new Map();
  let count = 0;
  for (const [t, id] of samples) {
    if (t < task.ts || t > end) continue;
    count++;
    let n = nodes.get(id);
    self.set(fname(n), (self.get(fname(n)) || 0) + 1);
    const seen = new Set();
    for (; n; n = n.parent ? nodes.get(n.parent) : null) {
      const name = fname(n);
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) || 0) + 1), seen.add(name);
    }
  }
  console.log(`  ${count} samples; self: ${top(self, 8).map(([k, v]) => `${k} ${v}`).join(" | ")}`);
  console.log(`  on the stack (ours, charts, views):\n    ${top(new Map([...inclusive].filter(([k]) => /ntm|charming|tachys|echarts/.test(k))), 15).map(([k, v]) => `${v} ${k}`).join("\n    ")}`);
}
