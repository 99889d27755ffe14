// Every page fits a small phone: no sideways scrolling at 360 or 320 px, touch targets ≥ 44 px.
import { test, expect, appReady, screenshotPath } from "./fixtures.mjs";

const pages = [
  ["/", "home"],
  ["/don-vi", "units"],
  ["/bieu-do", "charts"],
  ["/luu-tru", "storage"],
  ["/trao-doi", "exchange"],
  ["/dong-bo", "sync"],
];

for (const width of [360, 320]) {
  for (const [url, name] of pages) {
    test(`${name} fits ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 640 });
      await page.goto(url);
      await appReady(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll("button, a, input, select, summary")]
          .filter((el) => el.offsetParent !== null)
          // A checkbox or radio is tapped through its label, which is the target.
          .map((el) => (el.matches("input[type=checkbox], input[type=radio]") && el.closest("label") ? el.closest("label") : el))
          .map((el) => ({ el: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
          .filter((x) => x.h < 44),
      );
      expect(small).toEqual([]);
      if (width === 320) await page.screenshot({ path: screenshotPath(`${name}-320`), fullPage: true });
    });
  }
}

test("the storage page reports persistence, usage, schema and device id", async ({ page }) => {
  await page.goto("/luu-tru");
  await appReady(page);
  await expect(page.getByTestId("schema")).toHaveText("7");
  // A new device's id is made from its signing key; the key's fingerprint is shown to be
  // compared by phone with what a receiver's preview says.
  await expect(page.getByTestId("device-id")).toHaveText(/^k-[0-9a-f]{24}$/);
  await expect(page.getByTestId("device-key")).toHaveText(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
  await expect(page.getByTestId("usage")).toHaveText(/^\d[\d.,]*\s(B|KB|MB|GB) trên \d[\d.,]*\s(B|KB|MB|GB|TB)$/);
  await expect(page.getByTestId("persisted")).not.toHaveText("Đang tải…");
  await page.screenshot({ path: screenshotPath("storage"), fullPage: true });
});
