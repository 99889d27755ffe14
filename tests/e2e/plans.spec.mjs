// A commune official sets the year's targets and sees progress against them: communes
// recognised by decision against those registered (self-assessment beside it), the average
// criteria per commune and "no commune under N criteria".
import { test, expect, appReady, screenshotPath, onboard, openCriterion, saved } from "./fixtures.mjs";

test("plan progress counts recognitions, with self-assessment and the criteria targets beside", async ({ page }) => {
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
  // Meeting the set by its own marks is not yet "đạt" for the plan: no decision yet.
  await expect(ntm.getByTestId("self-assessed")).toHaveText("1");
  await expect(ntm.getByTestId("achieved")).toHaveText("0");
  await expect(ntm.getByTestId("progress")).toHaveText("Đạt 0 % kế hoạch");
  const average = page.locator('[data-plan-item="average_criteria"]');
  await average.getByLabel("Bình quân tiêu chí/xã (phấn đấu)").fill("9,5");
  await expect(average.getByTestId("achieved")).toHaveText("10,00");
  await expect(average.getByTestId("progress")).toHaveText("Đạt mục tiêu");
  const minimum = page.locator('[data-plan-item="min_criteria"]');
  await minimum.getByLabel("Không còn xã dưới … tiêu chí").fill("11");
  await expect(minimum.getByTestId("achieved")).toHaveText("1 xã còn dưới 11 tiêu chí");
  await expect(minimum.getByTestId("progress")).toHaveText("Chưa đạt mục tiêu");
  await page.getByRole("button", { name: "Lưu kế hoạch" }).click();
  await saved(page);

  // The decision recognising the commune, recorded on its page, counts for the plan.
  await page.getByRole("link", { name: "Trang chủ", exact: true }).click();
  await page.getByRole("link", { name: "Nhập kết quả tiêu chí" }).click();
  const steps = page.getByTestId("recognition-steps");
  await steps.getByText("Ghi một bước").click();
  await steps.getByLabel("Bước").selectOption("recognised");
  await steps.getByLabel("Mức").selectOption("xa_ntm");
  await steps.getByLabel("Ngày").fill("2026-01-15");
  await steps.getByLabel("Số quyết định / văn bản").fill("15/QĐ-UBND");
  await steps.getByTestId("save-step").click();
  await saved(page);
  await page.getByRole("link", { name: "Kế hoạch", exact: true }).click();
  await page.getByLabel("Năm").selectOption("2026");
  await expect(page.locator('[data-plan-item="communes_ntm"]').getByTestId("achieved")).toHaveText("1");
  await expect(page.locator('[data-plan-item="communes_ntm"]').getByTestId("progress")).toHaveText("Đạt 50 % kế hoạch");
  await page.reload();
  await appReady(page);
  await page.getByLabel("Năm").selectOption("2026");
  await expect(page.locator('[data-plan-item="communes_ntm"]').getByLabel("Xã đạt chuẩn nông thôn mới")).toHaveValue("2");
  await expect(page.getByLabel("Bình quân tiêu chí/xã (phấn đấu)")).toHaveValue("9,5");
  await page.screenshot({ path: screenshotPath("plans"), fullPage: true });
});
