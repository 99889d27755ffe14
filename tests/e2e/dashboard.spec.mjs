// The dashboard with the demo province: every chart draws, the commune × criterion matrix
// scrolls inside its box on a 360 px phone, the print view is the summary table, the CSV
// and XLSX downloads carry the right text and numbers, and a commune whose name is markup
// shows as text in the table and in a chart tooltip without running anything.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test, expect, appReady, screenshotPath, noSidewaysScroll, onboardProvince, importFile } from "./fixtures.mjs";
import { BUILTIN, CREATED_AT } from "./oracle/dataset.mjs";
import { contentHash } from "../../scripts/exchange-format.mjs";

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

async function loadDemo(page) {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await expect(page.getByTestId("greeting")).toHaveText("Xin chào, Người dùng mẫu");
  await page.getByRole("link", { name: "Biểu đồ" }).click();
  await expect(page.getByTestId("report-title")).toHaveText("Tỉnh Mẫu (dữ liệu mẫu) · Năm 2025");
}

/** The left edge of each cell of a row of the summary table (the header row by default). */
async function columnLefts(page, row = "thead tr") {
  return page.getByTestId("summary-table").evaluate(
    (t, row) => [...t.querySelector(row).children].map((c) => Math.round(c.getBoundingClientRect().left)),
    row,
  );
}

test("with the demo data every chart draws, the matrix scrolls, and the report prints the summary table", async ({ page }) => {
  await loadDemo(page);
  for (const id of ["chart-bands", "chart-levels", "chart-rates", "chart-trend", "chart-matrix", "chart-radar", "chart-ocop"]) {
    // A chart is drawn when it comes near the screen, as a phone user scrolls to it.
    await page.getByTestId(id).scrollIntoViewIfNeeded();
    await expect(page.getByTestId(id).locator(".chart-canvas canvas").first(), id).toBeVisible();
  }
  // Figures beside the charts, the Vietnamese way.
  await expect(page.getByTestId("average")).toHaveText(/^\d+,\d\d$/);
  await expect(page.getByTestId("change")).toContainText("Bình quân tiêu chí/xã");
  await expect(page.getByTestId("chart-bands").locator("table.figures tbody tr")).toHaveCount(4);
  await expect(page.getByTestId("chart-trend").locator("table.figures tbody tr")).toHaveCount(4);
  // The province's 2025 plan with its progress ("đạt x % kế hoạch").
  const plan = page.getByTestId("plan-progress").locator("tbody tr").first();
  await expect(plan).toContainText("Xã đạt chuẩn nông thôn mới");
  await expect(plan).toContainText(/Đạt \d+\s% kế hoạch/);
  await noSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath("dashboard"), fullPage: true });

  // The matrix is wider and taller than the phone: its own box scrolls, the page does not.
  const box = page.getByTestId("chart-matrix").locator(".chart-scroll");
  const dims = await box.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight }));
  expect(dims.sw).toBeGreaterThan(dims.cw);
  expect(dims.sh).toBeGreaterThan(dims.ch);
  await box.evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
  expect(await box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  expect(await box.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await box.screenshot({ path: screenshotPath("dashboard-matrix-scrolled") });

  // The summary table reads on a phone: header, body and totals in aligned columns, and
  // the commune names stay in view while the table scrolls sideways inside its box.
  expect(await columnLefts(page)).toEqual(await columnLefts(page, "tbody tr"));
  expect(await columnLefts(page)).toEqual(await columnLefts(page, "tfoot tr"));
  const sumBox = page.getByTestId("summary-table").locator("xpath=..");
  await sumBox.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  expect(await sumBox.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  const nameLeft = await page.getByTestId("summary-table").locator("tbody th").first().evaluate((e) => e.getBoundingClientRect().left);
  const boxLeft = await sumBox.evaluate((e) => e.getBoundingClientRect().left);
  expect(Math.abs(nameLeft - boxLeft)).toBeLessThan(2);
  await sumBox.evaluate((el) => { el.scrollLeft = 0; });

  // Print: only the report shows, and it is the summary table: 100 communes, 19 criteria.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.getByTestId("chart-matrix")).toBeHidden();
  const table = page.getByTestId("summary-table");
  await expect(table).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(100);
  await expect(table.locator("thead th")).toHaveCount(1 + 19 + 1);
  // Its totals row equals the ✓ marks counted down each column.
  const check = await table.evaluate((t) => {
    const rows = [...t.querySelectorAll("tbody tr")];
    const totals = [...t.querySelectorAll("tfoot td")].map((td) => Number(td.textContent));
    const counted = totals.slice(0, -1).map((_, i) => rows.filter((r) => r.querySelectorAll("td")[i].textContent === "✓").length);
    return { totals: totals.slice(0, -1), counted };
  });
  expect(check.totals).toEqual(check.counted);
  // Printed, it is one table: every column's header over its cells and its total.
  expect(await columnLefts(page)).toEqual(await columnLefts(page, "tbody tr"));
  expect(await columnLefts(page)).toEqual(await columnLefts(page, "tfoot tr"));
  await page.screenshot({ path: screenshotPath("report-print"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
});

test("CSV and XLSX downloads carry diacritics and numbers", async ({ page }) => {
  // The tables are written by the app's worker, loaded only for the first download (the
  // service worker's precaching aside).
  const fetched = [];
  page.context().on("request", (r) => {
    if (!r.serviceWorker()) fetched.push(r.url());
  });
  const workerFiles = () => fetched.filter((u) => /\/worker-[^/]*$/.test(u));
  await loadDemo(page);
  expect(workerFiles(), "the worker is not part of the first load").toEqual([]);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  expect(csv.suggestedFilename()).toBe("ntm-province-99-2025-tong-hop.csv");
  const csvPath = path.join(repoRoot, "target", "e2e-results", "summary.csv");
  await csv.saveAs(csvPath);
  const text = readFileSync(csvPath, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  // Title lines (what, scope and period, set), then the table with criteria by name.
  const all = text.slice(1).trim().split("\r\n");
  expect(all[0]).toBe("BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ");
  expect(all[1]).toBe("Tỉnh Mẫu (dữ liệu mẫu) · Năm 2025");
  const lines = all.slice(3);
  expect(lines).toHaveLength(102);
  expect(lines[0].startsWith("Mã xã,Tên xã,1. Quy hoạch,2. Giao thông")).toBe(true);
  // The first commune's row matches the table on screen.
  const first = await page.getByTestId("summary-table").locator("tbody tr").first();
  const name = await first.locator("th").textContent();
  const met = await first.locator("td").last().textContent();
  const cells = lines[1].split(",");
  expect(cells[1]).toBe(name);
  expect(cells[cells.length - 2]).toBe(met);
  expect(lines[101]).toContain("Số xã đạt");
  expect(workerFiles().some((u) => u.endsWith("_bg.wasm")), "the worker's wasm was loaded").toBe(true);

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-xlsx").click()]);
  expect(xlsx.suggestedFilename()).toBe("ntm-province-99-2025-tong-hop.xlsx");
  const xlsxPath = path.join(repoRoot, "target", "e2e-results", "summary.xlsx");
  await xlsx.saveAs(xlsxPath);
  const bytes = readFileSync(xlsxPath);
  expect(bytes.subarray(0, 2).toString()).toBe("PK"); // a zip, as XLSX files are
  expect(bytes.length).toBeGreaterThan(3000);

  const [raw] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-raw-csv").click()]);
  const rawPath = path.join(repoRoot, "target", "e2e-results", "raw.csv");
  await raw.saveAs(rawPath);
  const rawLines = readFileSync(rawPath, "utf8").slice(1).trim().split("\r\n").slice(3);
  expect(rawLines[0]).toBe("Đơn vị (mã),Tên đơn vị,Kỳ,Bộ tiêu chí,Loại,Mã,Giá trị,Ghi chú,Người nhập");
  const number = rawLines.find((l) => l.includes(",Chỉ tiêu,"));
  expect(Number(number.split(",")[6])).not.toBeNaN();
});

test("a unit named with markup shows as text in the table and the tooltip; nothing runs", async ({ page }) => {
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await loadDemo(page);
  // The app refuses such names when typed or imported; put one straight into the database,
  // as a damaged or hostile store would, to prove the display never reads it as HTML.
  const evil = "<img src=x onerror=alert(1)>";
  await page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("ntm");
        open.onsuccess = () => {
          const tx = open.result.transaction("units", "readwrite");
          const store = tx.objectStore("units");
          const cursor = store.openCursor();
          let done = false;
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c || done) return;
            if (c.value.data.kind === "commune") {
              const v = c.value;
              v.data.unit.name = name;
              c.update(v);
              done = true;
            } else c.continue();
          };
          tx.oncomplete = () => { open.result.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
      }),
    evil,
  );
  await page.reload();
  await appReady(page);
  const row = page.getByTestId("summary-table").locator("tbody th", { hasText: evil });
  await expect(row).toHaveText(evil);
  expect(await page.locator("img[src=x]").count()).toBe(0);

  // Hover the matrix where that commune's row is, so its tooltip opens.
  const chart = page.getByTestId("chart-matrix");
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator(".chart-canvas canvas").first()).toBeVisible();
  const index = await page.getByTestId("summary-table").locator("tbody th").evaluateAll((ths, name) => ths.findIndex((t) => t.textContent === name), evil);
  expect(index).toBeGreaterThanOrEqual(0);
  const tip = await chart.locator(".chart-canvas").evaluate((el, i) => {
    const inst = echarts.getInstanceByDom(el);
    inst.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: inst.getOption().series[0].data.findIndex((d) => d[1] === i) });
    return inst.getOption().tooltip[0].renderMode;
  }, index);
  expect(tip).toBe("richText");
  await page.waitForTimeout(300);
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test("a summary table longer than 200 communes is drawn 200 at a time, and printing draws it all", async ({ page }) => {
  // 450 made-up communes of Hà Nội, each with one mark against QĐ 318 for 2025 (more than
  // any province has, as a national file gives).
  const set = { id: BUILTIN.ntm.id, version: BUILTIN.ntm.version };
  const criterion = BUILTIN.ntm.criteria.find((c) => !c.auto).id;
  const stamp = (i) => ({ hlc: { wall_ms: Date.parse(CREATED_AT) - 86_400_000 + i, counter: 0 }, device: "big-file", author: "Thử" });
  const units = [];
  const assessments = [];
  for (let i = 0; i < 450; i++) {
    const code = String(90000 + i);
    units.push({
      id: `commune:${code}`,
      data: { kind: "commune", unit: { code, name: `Xã Thử ${i + 1}`, kind: "xa", province_code: "01", archived: false } },
      stamp: stamp(i),
      archived: false,
    });
    assessments.push({
      key: { unit: { level: "commune", id: code }, set, period: { part: "full_year", year: 2025 } },
      marks: { [criterion]: { value: { value: i % 2 ? "met" : "not_met" }, stamp: stamp(i) } },
      values: {},
    });
  }
  const content = { units, sets: [], assessments, ocop_products: [], ocop_ratings: [] };
  const file = {
    format: "ntm-exchange", schema_version: 2, app_version: "e2e", created_at: CREATED_AT,
    sender: { device: "big-file", name: "Thử", role: "can_bo_tinh", unit: "province:01" }, scope: { kind: "province", code: "01" },
    sets_used: [`${set.id}@${set.version}`], content, hash: contentHash(content),
  };
  const dir = path.join(repoRoot, "target", "e2e-results");
  mkdirSync(dir, { recursive: true });
  const name = path.join(dir, "ha-noi-450.json");
  writeFileSync(name, JSON.stringify(file));

  await page.goto("/");
  await appReady(page);
  await onboardProvince(page);
  await importFile(page, name);
  await page.getByRole("link", { name: "Biểu đồ" }).click();
  const rows = page.getByTestId("summary-table").locator("tbody tr");
  await expect(rows).toHaveCount(200);
  // The 450 and Hà Nội's communes of the official list without data.
  const note = page.getByTestId("summary-shown");
  const total = Number((await note.innerText()).match(/^Đang hiện 200\/([\d.]+) xã\./)[1].replace(".", ""));
  expect(total).toBeGreaterThanOrEqual(450);
  await page.getByTestId("summary-more").click();
  await expect(rows).toHaveCount(400);
  await expect(note).toContainText(`Đang hiện 400/${total} xã`);
  await page.getByRole("button", { name: "Hiện tất cả" }).click();
  await expect(rows).toHaveCount(total);
  await expect(note).toHaveCount(0);
  // The groups make one table: every commune once.
  const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.commune));
  expect(new Set(codes).size).toBe(total);
  for (let i = 0; i < 450; i++) expect(codes).toContain(String(90000 + i));
  // The matrix draws the same first 200 communes (a row is 22 px); "Hiện cả ma trận" all.
  const matrix = page.getByTestId("chart-matrix");
  const totalText = (await note.count()) ? "" : total.toLocaleString("vi-VN");
  await expect(matrix.getByTestId("matrix-note")).toHaveText(`Ma trận đang hiện 200/${totalText} xã (như bảng tổng hợp).`);
  const canvasHeight = () => matrix.locator(".chart-canvas").evaluate((el) => el.getBoundingClientRect().height);
  expect(await canvasHeight()).toBe(200 * 22 + 90);
  await matrix.getByTestId("matrix-all").click();
  await expect(matrix.getByTestId("matrix-note")).toHaveCount(0);
  await expect.poll(canvasHeight).toBe(total * 22 + 90);

  // Opened again, the print button draws every row, and every chart (drawn otherwise when
  // scrolled to), before the print dialog opens.
  await page.reload();
  await appReady(page);
  await expect(rows).toHaveCount(200);
  const drawn = () => page.evaluate(() => [...document.querySelectorAll(".chart-canvas")].filter((el) => el.querySelector("canvas")).length);
  const charts = await page.locator(".chart-canvas").count();
  expect(await drawn(), "charts far below the screen wait").toBeLessThan(charts);
  await page.evaluate(() => {
    window.print = () => {
      window.__printedRows = document.querySelectorAll("[data-testid=summary-table] tbody tr").length;
      window.__printedCharts = [...document.querySelectorAll(".chart-canvas")].filter((el) => el.querySelector("canvas")).length;
    };
  });
  await page.getByRole("button", { name: "In báo cáo (A4, lưu PDF)" }).click();
  await expect.poll(() => page.evaluate(() => window.__printedRows)).toBe(total);
  expect(await page.evaluate(() => window.__printedCharts)).toBe(charts);
});
