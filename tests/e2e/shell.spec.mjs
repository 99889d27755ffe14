// The static shell of index.html: on a slow connection the user sees the app's name, what
// it is for and "Đang tải…" at once, instead of a blank page while the wasm downloads; the
// app then replaces it with the same header and texts (nothing jumps, nothing doubles).
import { test, expect, appReady, screenshotPath } from "./fixtures.mjs";

/** The header's brand, nav texts and the first screen's intro, as shown. */
const visibleTexts = (page) =>
  page.evaluate(() => ({
    brand: document.querySelector("header.app-header .brand-name")?.textContent,
    nav: [...document.querySelectorAll("header.app-header nav a")].map((a) => a.textContent),
    title: document.querySelector("main .app-title")?.textContent,
    lead: document.querySelector("main .lead")?.textContent,
  }));

test("before the wasm arrives the shell shows the app, then the app replaces it with the same texts", async ({ page, browser }) => {
  // The wasm never arrives: what a phone shows while it downloads.
  const { baseURL, viewport } = test.info().project.use;
  const context = await browser.newContext({ baseURL, viewport });
  const slow = await context.newPage();
  await slow.route("**/*_bg.wasm", (route) => route.abort());
  await slow.goto("/");
  await expect(slow.getByRole("status")).toHaveText(/Đang tải ứng dụng/);
  await expect(slow.locator(".lead")).toBeVisible();
  await slow.screenshot({ path: screenshotPath("shell-while-loading") });
  const shell = await visibleTexts(slow);
  await context.close();

  await page.goto("/");
  await appReady(page);
  await expect(page.locator("#app-shell")).toHaveCount(0);
  await expect(page.locator("header.app-header")).toHaveCount(1);
  await expect(page.getByText("Đang tải ứng dụng")).toHaveCount(0);
  const app = await visibleTexts(page);
  expect(shell).toEqual(app);
  expect(app.nav.length).toBeGreaterThan(5);
});
