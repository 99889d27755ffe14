// An official opens the charts page: ECharts loads only then, from our own origin.
import { test, expect, appReady, screenshotPath } from "./fixtures.mjs";

const isEcharts = (u) => /\/echarts-[0-9a-f]{16}\.js$/.test(new URL(u).pathname);

test("the chart draws from our origin, loaded only when shown, and is disposed on leave", async ({ page, requests, pageRequests, baseURL }) => {
  await page.goto("/");
  await appReady(page);
  expect(pageRequests.filter(isEcharts), "no chart code on the home page").toEqual([]);
  expect(await page.evaluate(() => typeof globalThis.echarts)).toBe("undefined");

  await page.getByRole("link", { name: "Biểu đồ" }).click();
  const canvas = page.locator(".chart-canvas canvas");
  await expect(canvas).toBeVisible();
  const box = await canvas.boundingBox();
  expect(box.width).toBeGreaterThan(250);
  expect(pageRequests.filter(isEcharts)).toHaveLength(1);

  // The figures are in a table too, formatted the Vietnamese way.
  const rows = page.locator("table.figures tbody tr");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("19 tiêu chí");
  await expect(rows.nth(0)).toContainText("44");
  await expect(page.locator("table.figures tfoot")).toContainText("104");
  await page.screenshot({ path: screenshotPath("charts"), fullPage: true });

  // Save as PNG produces an image file.
  const save = page.getByRole("button", { name: "Lưu ảnh PNG" });
  await expect(save).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent("download"), save.click()]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);

  // Leaving the page releases the ECharts instance.
  await page.evaluate(() => (window.__chartEl = document.querySelector(".chart-canvas")));
  expect(await page.evaluate(() => !!echarts.getInstanceByDom(window.__chartEl))).toBe(true);
  await page.getByRole("link", { name: "Trang chủ" }).click();
  await appReady(page);
  expect(await page.evaluate(() => echarts.getInstanceByDom(window.__chartEl) === undefined)).toBe(true);

  const origin = new URL(baseURL).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  expect(foreign, "no request left our origin").toEqual([]);
});

test("tooltips render as text, not HTML", async ({ page }) => {
  await page.goto("/bieu-do");
  await expect(page.locator(".chart-canvas canvas")).toBeVisible();
  const mode = await page.evaluate(() => {
    const chart = echarts.getInstanceByDom(document.querySelector(".chart-canvas"));
    return chart.getOption().tooltip[0].renderMode;
  });
  expect(mode).toBe("richText");
});
