// A commune official sets the year's targets and sees progress against them.
import { test, expect, appReady, screenshotPath, onboard, openCriterion, saved } from "./fixtures.mjs";

test("plan progress counts communes that meet the set in the year", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await onboard(page, { villages: [] });
  await page.getByRole("link", { name: "Nhập kết quả tiêu chí" }).click();
  await page.getByLabel("Bộ tiêu chí").selectOption("QD51_2025_XA@1");
  await page.getByLabel("Năm", { exact: true }).selectOption("2026");
  await page.getByLabel("Kỳ").selectOption("year");
  for (let code = 1; code <= 10; code++) {
    const c = await openCriterion(page, String(code));
    await c.getByRole("button", { name: "Đạt", exact: true }).click();
    await saved(page);
  }
  await expect(page.getByTestId("met-count")).toHaveText("10/10 tiêu chí đạt");
  await expect(page.getByText("Đạt chuẩn theo bộ tiêu chí này")).toBeVisible();

  await page.getByRole("link", { name: "Kế hoạch", exact: true }).click();
  await page.getByLabel("Năm").selectOption("2026");
  const ntm = page.locator('[data-plan-item="communes_ntm"]');
  await ntm.getByLabel("Xã đạt chuẩn nông thôn mới").fill("2");
  await expect(ntm.getByTestId("achieved")).toHaveText("1");
  await expect(ntm.getByTestId("progress")).toHaveText("Đạt 50 % kế hoạch");
  await page.getByRole("button", { name: "Lưu kế hoạch" }).click();
  await saved(page);
  await page.reload();
  await appReady(page);
  await page.getByLabel("Năm").selectOption("2026");
  await expect(page.locator('[data-plan-item="communes_ntm"]').getByLabel("Xã đạt chuẩn nông thôn mới")).toHaveValue("2");
  await page.screenshot({ path: screenshotPath("plans"), fullPage: true });
});
