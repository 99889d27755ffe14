// What review meetings count beside marks: recognition by decision and resource figures.
// The demo shows them beside the self-assessed figures; a commune official records a
// decision and a figure on their phone, they survive a reload, and reach the province
// official's phone in a file, where the dashboard counts them.
import { test, expect, appReady, screenshotPath, onboard, onboardProvince, openCriterion, saved, noSidewaysScroll, newDevice, exportFile, importFile } from "./fixtures.mjs";

test("the demo dashboard shows recognised beside self-assessed, registrations and resources", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await page.getByRole("link", { name: "Biểu đồ" }).click();
  const card = page.getByTestId("recognition");
  await expect(card.locator("tbody tr").first()).toContainText("Xã đạt chuẩn nông thôn mới");
  // "x/100 (y %)" self-assessed and recognised: recognition trails self-assessment.
  const [self, recognised] = await card.locator("tbody tr").first().locator("td").allTextContents();
  const n = (s) => Number(s.split("/")[0].replace(/\./g, ""));
  expect(n(recognised)).toBeGreaterThan(0);
  expect(n(recognised)).toBeLessThanOrEqual(n(self));
  await expect(card.getByTestId("registrations")).toContainText("2025");
  const resources = page.getByTestId("resources");
  await expect(resources).toContainText("Vốn huy động");
  await expect(resources).toContainText("Hàng rào xanh");
  // Funds add up to their total; km of road and km of drains do not.
  await expect(resources.locator("tbody th").filter({ hasText: /^Cộng$/ })).toHaveCount(1);
  await noSidewaysScroll(page);
  await card.screenshot({ path: screenshotPath("results-recognition") });
});

test("a decision and a figure recorded on a commune phone reach the province's dashboard", async ({ page, browser, baseURL }) => {
  await page.goto("/");
  await appReady(page);
  await onboard(page, { name: "Nguyễn Thị Hoa", villages: [] });
  await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await page.getByRole("link", { name: "Xã Thiệu Hóa" }).click();
  await expect(page.getByRole("heading", { name: "Xã Thiệu Hóa" })).toBeVisible();
  await page.getByLabel("Bộ tiêu chí").selectOption("QD318_2022_XA@1");
  await page.getByLabel("Năm", { exact: true }).selectOption("2025");
  const c = await openCriterion(page, "1");
  await c.getByRole("button", { name: "Đạt", exact: true }).click();
  await saved(page);

  // A decision without its number is refused, saying which field.
  const steps = page.getByTestId("recognition-steps");
  await steps.getByText("Ghi một bước").click();
  await steps.getByLabel("Bước").selectOption("recognised");
  await steps.getByLabel("Mức").selectOption("xa_ntm");
  await steps.getByLabel("Ngày").fill("2025-12-20");
  await steps.getByTestId("save-step").click();
  await expect(steps.getByRole("alert")).toHaveText("Số quyết định / văn bản: chưa nhập");
  await steps.getByLabel("Số quyết định / văn bản").fill("1234/QĐ-UBND");
  await steps.getByLabel("Cơ quan ban hành").fill("UBND tỉnh Thanh Hóa");
  await steps.getByTestId("save-step").click();
  await saved(page);
  await expect(steps.locator("li[data-step]")).toHaveCount(1);
  await expect(steps.locator("li[data-step]")).toContainText("1234/QĐ-UBND · 20/12/2025");

  // A figure typed the Vietnamese way; a wrong one is refused and changes nothing.
  const figures = page.getByTestId("resource-figures");
  await figures.getByLabel("Đường giao thông nông thôn mở rộng, nâng cấp (km)").fill("15,5");
  await figures.getByLabel("Đường giao thông nông thôn mở rộng, nâng cấp (km)").press("Tab");
  await saved(page);
  await figures.getByLabel("Rãnh thoát nước (km)").fill("bảy");
  await figures.getByLabel("Rãnh thoát nước (km)").press("Tab");
  await expect(figures.getByRole("alert")).toContainText("Rãnh thoát nước (km): Số liệu: không hợp lệ");
  await page.screenshot({ path: screenshotPath("results-unit"), fullPage: true });
  await noSidewaysScroll(page);

  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("recognition-steps").locator("li[data-step]")).toContainText("1234/QĐ-UBND");
  await page.getByLabel("Năm", { exact: true }).selectOption("2025");
  await expect(page.getByTestId("resource-figures").getByLabel("Đường giao thông nông thôn mở rộng, nâng cấp (km)")).toHaveValue("15,5");
  await expect(page.getByTestId("resource-figures").getByLabel("Rãnh thoát nước (km)")).toHaveValue("");

  // The province official receives the commune's file: the dashboard counts both.
  const sent = await exportFile(page, "results-commune.json");
  const prov = await newDevice(browser, baseURL);
  const p = prov.page;
  await p.goto("/");
  await appReady(p);
  await onboardProvince(p, { province: "Thanh Hóa" });
  await importFile(p, sent.file);
  await p.getByRole("link", { name: "Biểu đồ" }).click();
  await p.getByTestId("dash-scope").selectOption({ label: "Xã Thiệu Hóa" });
  const row = p.getByTestId("recognition").locator("tbody tr").first();
  await expect(row.locator("td").nth(1)).toHaveText(/^1\/1 \(100\s%\)$/);
  await expect(p.getByTestId("resources")).toContainText("15,5");
  expect(prov.problems).toEqual([]);
  await prov.context.close();
});

test("a village set's dashboard counts the villages of a commune, not communes", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  // How many villages the tree shows under the demo's first commune.
  await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  const commune = page.locator('[data-unit="commune:99001"]');
  await expect(commune.locator('[data-unit^="village:"]').first()).toBeVisible();
  const inTree = await commune.locator('[data-unit^="village:"]').count();
  expect(inTree).toBeGreaterThanOrEqual(3);

  await page.getByRole("link", { name: "Biểu đồ" }).click();
  const villageSet = await page.getByTestId("dash-set").locator("option", { hasText: "THON_MAU" }).getAttribute("value");
  await page.getByTestId("dash-set").selectOption(villageSet);
  await page.getByTestId("dash-scope").selectOption("commune:99001");
  await expect(page.getByTestId("village-dashboard")).toBeVisible();
  await expect(page.getByTestId("vfig-villages")).toHaveText(String(inTree));
  await expect(page.getByTestId("village-matrix").locator("tbody tr")).toHaveCount(inTree);
  await expect(page.getByTestId("village-weakest").locator("tbody tr")).toHaveCount(14);
  // The commune figures are not shown for a village set.
  await expect(page.getByTestId("key-figures")).toHaveCount(0);
  await noSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath("village-dashboard"), fullPage: true });
});

test("at 320 px no control covers a chart", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await page.getByRole("link", { name: "Biểu đồ" }).click();
  for (const id of ["chart-bands", "chart-levels", "chart-rates", "chart-trend", "chart-matrix", "chart-radar", "chart-ocop"]) {
    const card = page.getByTestId(id);
    await card.scrollIntoViewIfNeeded();
    const canvas = card.locator(".chart-canvas").first();
    await expect(canvas.locator("canvas").first(), id).toBeVisible();
    // What shows of the drawing: a chart wider than the phone scrolls inside its box.
    const c = await canvas.evaluate((el) => {
      const a = el.getBoundingClientRect();
      const b = el.parentElement.getBoundingClientRect();
      const x = Math.max(a.left, b.left), y = Math.max(a.top, b.top);
      return { x: x + window.scrollX, y: y + window.scrollY, width: Math.min(a.right, b.right) - x, height: Math.min(a.bottom, b.bottom) - y };
    });
    // Every control of the card (the PNG button, pickers) lies outside the drawing.
    for (const control of await card.locator("button, select, input").all()) {
      const b = await control.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.width ? { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height } : null;
      });
      if (!b) continue;
      const overlaps = b.x < c.x + c.width && b.x + b.width > c.x && b.y < c.y + c.height && b.y + b.height > c.y;
      expect(overlaps, `${id}: a control covers the chart`).toBe(false);
    }
    // The chart fits the phone: nothing drawn outside the screen.
    expect(c.x + Math.min(c.width, 320)).toBeLessThanOrEqual(320);
  }
  await noSidewaysScroll(page);
  await page.getByTestId("chart-rates").screenshot({ path: screenshotPath("chart-rates-320") });
});

test("the results report of the demo province prints on A4 with its paragraph and aligned tables", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await page.getByRole("link", { name: "Biểu đồ" }).click();
  await page.getByTestId("open-report").click();
  const report = page.getByTestId("official-report");
  await expect(report).toBeVisible();
  await expect(page.getByTestId("narrative")).toContainText(/^Toàn tỉnh có \d+\/100 xã đã được công nhận đạt chuẩn nông thôn mới \(\d+(,\d)?\s%\)/);
  await expect(page.getByTestId("narrative")).toContainText("bình quân");
  await expect(report).toContainText("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  await expect(page.getByTestId("signatures")).toContainText("Người lập biểu");
  await expect(page.getByTestId("signatures")).toContainText("Thủ trưởng đơn vị");
  await noSidewaysScroll(page);
  await page.screenshot({ path: screenshotPath("report-page"), fullPage: true });

  // Printed: A4, only the report, every table's header over its columns (checked at the
  // width of a landscape A4 page, 297 mm at 96 dpi).
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.getByTestId("report-xlsx")).toBeHidden();
  const misaligned = await report.evaluate((el) =>
    [...el.querySelectorAll("table.figures")].flatMap((t) => {
      const head = [...t.querySelector("thead tr").children].map((c) => Math.round(c.getBoundingClientRect().left));
      return [...t.querySelectorAll("tbody tr")]
        .filter((r) => r.children.length === head.length)
        .filter((r) => [...r.children].some((c, i) => Math.round(c.getBoundingClientRect().left) !== head[i]))
        .map((r) => r.textContent.slice(0, 40));
    }),
  );
  expect(misaligned).toEqual([]);
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true, path: screenshotPath("report").replace(/\.png$/, ".pdf") });
  const text = pdf.toString("latin1");
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  expect(box, "a page size").not.toBeNull();
  const [w, h] = [Number(box[1]), Number(box[2])].sort((a, b) => a - b);
  // A4 is 595.28 × 841.89 points, in either orientation.
  expect(Math.abs(w - 595.28)).toBeLessThan(1.5);
  expect(Math.abs(h - 841.89)).toBeLessThan(1.5);
  await page.screenshot({ path: screenshotPath("report-print-a4"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 360, height: 640 });

  // The workbook downloads under the report's name.
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-xlsx").click()]);
  expect(xlsx.suggestedFilename()).toBe("ntm-province-99-2025-bao-cao.xlsx");
});
