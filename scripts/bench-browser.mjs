// What the browser benchmarks share: headless Chromium as the tests run it, a phone-sized
// page, and a file imported through the app's own exchange page.
import { rm } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

/** Headless Chromium (Debian's, or NTM_CHROMIUM). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.NTM_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

/** A fresh 360×640 page of its own context (own IndexedDB). */
export async function phonePage(browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  return { context, page };
}

/** Imports `file` (relative to the repository) through /trao-doi; returns the ms it took. */
export async function importThroughApp(page, BASE, file) {
  await page.goto(`${BASE}/trao-doi`);
  await page.getByTestId("import-file").waitFor({ state: "attached" });
  // The app's database created (builds before issue 14 dropped a file picked earlier).
  await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === "ntm" && d.version >= 5));
  const t0 = Date.now();
  await page.getByTestId("import-file").setInputFiles(path.resolve(file));
  await page.getByTestId("confirm-import").click();
  await page.getByTestId("import-done").waitFor();
  return Date.now() - t0;
}

/**
 * A browser profile in `dir` of a phone that opened the app before: the demo province
 * loaded, the dashboard drawn once (ECharts in its caches) and the service worker ready.
 * Lighthouse (`--disable-storage-reset`) and the dashboard's profile start from it.
 */
export async function prepareDemoProfile(BASE, dir) {
  await rm(dir, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.NTM_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
    viewport: { width: 360, height: 640 },
  });
  const page = await context.newPage();
  await page.goto(`${BASE}/`);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await page.getByTestId("greeting").waitFor();
  await page.goto(`${BASE}/bieu-do`);
  // A chart is drawn when scrolled near: once, so ECharts is in the profile's caches.
  await page.locator(".chart-canvas").first().scrollIntoViewIfNeeded();
  await page.locator("canvas").first().waitFor({ timeout: 60_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await context.close();
}
