// The unit tree at the size of a country (issue 13): 3,321 communes and 69,741 villages
// (target/bench/bench-villages.json, made by the bench_data example), imported through the
// app, then, with the CPU slowed 4× (a cheap phone): the app started on the units page
// until the tree is shown (cold: the database read), the time from opening the units page
// from another page to the tree shown, from typing a search to its results, and from opening a commune to
// its villages (and, reported, from opening the province of 3,321 communes to its first
// page drawn). A measurement, not a test: scripts/bench.mjs prints it with the budget.
import { fileURLToPath } from "node:url";
import { importThroughApp, launch, phonePage } from "./bench-browser.mjs";

/** One run: { import_ms, cold_start_ms, open_ms, search_ms, province_ms, expand_ms } at 4× CPU slowdown. */
export async function runUnits(BASE, runs = 1) {
  const browser = await launch();
  const rows = [];
  for (let run = 0; run < runs; run++) {
    const { context, page } = await phonePage(browser);
    const importMs = await importThroughApp(page, BASE, "target/bench/bench-villages.json");
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    // Cold: the app started on the units page (database read, tree drawn).
    const t1 = Date.now();
    await page.goto(`${BASE}/don-vi`);
    await page.locator('[data-unit="province:99"]').waitFor();
    const coldMs = Date.now() - t1;
    const [readMs, buildMs] = await page.evaluate(() =>
      ["read", "build"].map((s) => {
        const e = performance.getEntriesByName(`ntm-workspace-${s}`);
        return e.length ? Math.round(e[e.length - 1].duration) : -1;
      }),
    );
    // Warm: from another page of the running app.
    await page.getByRole("link", { name: "OCOP", exact: true }).click();
    await page.getByRole("heading", { name: "Sản phẩm OCOP" }).waitFor();
    const t15 = Date.now();
    await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
    await page.locator('[data-unit="province:99"]').waitFor();
    const openMs = Date.now() - t15;
    const t2 = Date.now();
    await page.getByLabel("Tìm đơn vị (có dấu hay không dấu)").fill("thon 7 xa 3321");
    await page.locator('[data-unit="village:t93320-6"]').waitFor();
    const searchMs = Date.now() - t2;
    await page.getByLabel("Tìm đơn vị (có dấu hay không dấu)").fill("");
    const t25 = Date.now();
    await page.locator('[data-unit="province:99"] > [data-testid="toggle-children"]').click();
    const commune = page.locator('[data-unit="commune:90000"]');
    // The first page of communes and "Xem thêm" under them.
    await page.locator('[data-unit="province:99"] [data-testid="more-children"]').waitFor();
    const provinceMs = Date.now() - t25;
    const t3 = Date.now();
    await commune.locator(':scope > [data-testid="toggle-children"]').click();
    await page.locator('[data-unit="village:t90000-20"]').waitFor();
    const expandMs = Date.now() - t3;
    rows.push({ import_ms: importMs, cold_start_ms: coldMs, db_read_ms: readMs, workspace_ms: buildMs, open_ms: openMs, search_ms: searchMs, province_ms: provinceMs, expand_ms: expandMs });
    await context.close();
  }
  await browser.close();
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.table(await runUnits(process.env.BASE || "http://127.0.0.1:4180", Number(process.env.BENCH_RUNS || 1)));
}
