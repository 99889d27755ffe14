// "Xem dữ liệu mẫu": one tap loads a fictional province to try every page.
import { test, expect, appReady, screenshotPath, noSidewaysScroll } from "./fixtures.mjs";

test("the demo data set loads in one tap and fills the pages", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await expect(page.getByTestId("greeting")).toHaveText("Xin chào, Người dùng mẫu");

  await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await expect(page.locator('[data-unit^="commune:"]')).toHaveCount(100);
  await expect(page.locator('[data-unit^="commune:"] > .node-row [data-testid="unit-badge"]')).toHaveCount(100);
  // The demo's villages are assessed against its village set too.
  expect(await page.locator('[data-unit^="village:"] > .node-row [data-testid="unit-badge"]').count()).toBeGreaterThan(300);
  await page.screenshot({ path: screenshotPath("demo-units") });
  await noSidewaysScroll(page);

  await page.getByRole("link", { name: "OCOP", exact: true }).click();
  // The page's module may still be arriving ("Đang tải…"): wait for the list first.
  await expect(page.locator("[data-product]").first()).toBeVisible();
  expect(await page.locator("[data-product]").count()).toBeGreaterThanOrEqual(40);

  await page.getByRole("link", { name: "Kế hoạch", exact: true }).click();
  await page.getByLabel("Phạm vi").selectOption({ label: "Tỉnh Mẫu (dữ liệu mẫu)" });
  await page.getByLabel("Năm").selectOption("2025");
  const ntm = page.locator('[data-plan-item="communes_ntm"]');
  await expect(ntm.getByLabel("Xã đạt chuẩn nông thôn mới")).toHaveValue("60");
  await expect(ntm.getByTestId("progress")).toContainText("kế hoạch");
});
