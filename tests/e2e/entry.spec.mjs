// A commune official records criteria and indicator values, undoes, and restores from history.
import { test, expect, appReady, screenshotPath, onboard, openCriterion, saved, noSidewaysScroll } from "./fixtures.mjs";

test("pick a commune without diacritics, add villages, mark criteria and values, reload: all there", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await onboard(page, { villages: ["Thôn Đông", "Thôn Tây"] });
  await page.screenshot({ path: screenshotPath("home-onboarded"), fullPage: true });

  // The tree shows the commune and both villages; add a third village there.
  await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await expect(page.locator('[data-unit^="village:"]')).toHaveCount(2);
  const commune = page.locator('[data-unit^="commune:"]');
  await commune.getByRole("button", { name: "Thêm thôn" }).first().click();
  await commune.getByLabel("Tên thôn").fill("Bản Mường");
  await commune.getByLabel("Loại").selectOption("ban");
  await commune.getByRole("button", { name: "Thêm thôn" }).last().click();
  await saved(page);
  await expect(page.locator('[data-unit^="village:"]')).toHaveCount(3);
  // A second commune of the province, picked from the official list without diacritics.
  const province = page.locator('[data-unit^="province:"]');
  await province.getByRole("button", { name: "Thêm xã" }).first().click();
  await province.getByLabel("Xã, phường, đặc khu").fill("thieu toan");
  await province.getByRole("button", { name: "Xã Thiệu Toán", exact: true }).click();
  await province.getByRole("button", { name: "Thêm xã" }).last().click();
  await saved(page);
  await expect(page.locator('[data-unit^="commune:"]')).toHaveCount(2);
  await page.getByLabel("Tìm đơn vị (có dấu hay không dấu)").fill("ban muong");
  await expect(page.locator('[data-unit^="village:"]')).toHaveCount(1);
  await page.screenshot({ path: screenshotPath("units"), fullPage: true });

  // Assess the commune against QĐ 318.
  await page.getByRole("link", { name: "Xã Thiệu Hóa" }).click();
  await page.getByLabel("Bộ tiêu chí").selectOption("QD318_2022_XA@1");
  await page.getByLabel("Năm", { exact: true }).selectOption("2025");
  await page.getByLabel("Kỳ").selectOption("h1");
  for (const code of ["1", "2", "4"]) {
    const c = await openCriterion(page, code);
    await c.getByRole("button", { name: "Đạt", exact: true }).click();
    await saved(page);
  }
  const c3 = await openCriterion(page, "3");
  await c3.getByLabel("Giá trị (%)").fill("85,5");
  await c3.getByLabel("Giá trị (%)").press("Tab");
  await saved(page);
  await expect(c3.getByTestId("indicator-reason").first()).toHaveText("85,5 % ≥ 80 % (mức chung) → đạt (ngưỡng chưa xác minh)");
  await c3.getByRole("switch").check();
  await saved(page);
  await expect(c3.getByTestId("criterion-outcome")).toHaveText("Đạt");
  await expect(page.getByTestId("met-count")).toHaveText("4/19 tiêu chí đạt");
  await page.screenshot({ path: screenshotPath("unit-assessment"), fullPage: true });
  await noSidewaysScroll(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await noSidewaysScroll(page);
  await page.setViewportSize({ width: 360, height: 640 });

  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("met-count")).toHaveText("4/19 tiêu chí đạt");
  const again = await openCriterion(page, "3");
  await expect(again.getByLabel("Giá trị (%)")).toHaveValue("85,5");
});

test("undo the last edit and restore an earlier value from history", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await onboard(page, { villages: [] });
  await page.getByRole("link", { name: "Nhập kết quả tiêu chí" }).click();
  await page.getByLabel("Bộ tiêu chí").selectOption("QD318_2022_XA@1");
  const c3 = await openCriterion(page, "3");
  const value = c3.getByLabel("Giá trị (%)");
  await value.fill("60");
  await value.press("Tab");
  await saved(page);
  await c3.getByLabel("Ghi chú, minh chứng").first().fill("Báo cáo phòng Nông nghiệp");
  await c3.getByLabel("Ghi chú, minh chứng").first().press("Tab");
  await saved(page);
  await value.fill("90");
  await value.press("Tab");
  await saved(page);
  await expect(value).toHaveValue("90");

  await page.getByRole("button", { name: "Hoàn tác" }).click();
  await expect(page.getByTestId("save-bar")).toContainText("Đã hoàn tác");
  await expect((await openCriterion(page, "3")).getByLabel("Giá trị (%)")).toHaveValue("60");

  const panel = await openCriterion(page, "3");
  const indicator = panel.locator('[data-indicator="3.x1"]');
  await indicator.getByRole("button", { name: "Lịch sử" }).click();
  const history = indicator.getByTestId("history");
  await expect(history.locator("li")).toHaveCount(4);
  await expect(history).toContainText("Nguyễn Văn Thành");
  await expect(history.locator("li").last()).toContainText("(trống) → 60");
  await page.screenshot({ path: screenshotPath("history"), fullPage: true });
  // Restore the 90 (the second-newest entry: 60 (note) → 90).
  await history.locator("li", { hasText: "→ 90" }).getByRole("button", { name: "Khôi phục giá trị này" }).click();
  await saved(page);
  await expect((await openCriterion(page, "3")).getByLabel("Giá trị (%)")).toHaveValue("90");
});
