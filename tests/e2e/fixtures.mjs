// Shared fixtures: every test fails on a page error or a console error (a CSP violation
// is a console error), and records every request so tests can prove nothing left our origin.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect } from "@playwright/test";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const test = base.extend({
  // Every request of the context, the service worker's precaching included.
  requests: async ({ context }, use) => {
    const urls = [];
    context.on("request", (r) => urls.push(r.url()));
    await use(urls);
  },
  // Only what the page itself asked for (not the service worker filling its cache).
  pageRequests: async ({ page }, use) => {
    const urls = [];
    page.on("request", (r) => urls.push(r.url()));
    await use(urls);
  },
  page: async ({ page }, use) => {
    const problems = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    await use(page);
    expect(problems, "no errors in the page").toEqual([]);
  },
});
export { expect };

/** Waits until the app has mounted (its Vietnamese title is on screen). */
export async function appReady(page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** Waits until a service worker controls the page, so the app works offline. */
export async function serviceWorkerInControl(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
  });
}

/** Where a test run leaves its screenshots: target/screenshots/NAME.png. */
export function screenshotPath(name) {
  return path.join(repoRoot, "target", "screenshots", `${name}.png`);
}

/**
 * Page object for first run: name and role, then province and commune (typed without
 * diacritics), then villages. Leaves the page on the home screen.
 */
export async function onboard(page, { name = "Nguyễn Văn Thành", province = "Thanh Hóa", query = "thieu hoa", commune = "Xã Thiệu Hóa", villages = ["Thôn Đông"] } = {}) {
  await expect(page.getByRole("heading", { name: "Bắt đầu sử dụng" })).toBeVisible();
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Cán bộ xã").check();
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: province });
  await page.getByLabel("Xã, phường, đặc khu").fill(query);
  await page.getByRole("button", { name: commune, exact: true }).click();
  await expect(page.getByTestId("chosen-commune")).toContainText(commune);
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  for (const v of villages) {
    await page.getByLabel("Tên thôn").fill(v);
    await page.getByRole("button", { name: "Thêm thôn" }).click();
  }
  await page.getByRole("button", { name: "Hoàn tất" }).click();
  await expect(page.getByTestId("greeting")).toHaveText(`Xin chào, ${name}`);
  await expect(page.getByTestId("home-unit")).toHaveText(commune);
}

/** Opens a criterion's panel on the unit page. */
export async function openCriterion(page, code) {
  const panel = page.locator(`details[data-criterion="${code}"]`);
  if (!(await panel.evaluate((d) => d.open))) await panel.locator("summary").click();
  return panel;
}

/** Waits for the save bar to confirm the commit. */
export async function saved(page) {
  await expect(page.getByTestId("save-bar")).toContainText("Đã lưu");
}

/** Asserts the page does not scroll sideways at the current viewport. */
export async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "no horizontal scroll").toBeLessThanOrEqual(0);
}

/** First run as a province official: name, role, province; no commune. */
export async function onboardProvince(page, { name = "Phạm Quốc Việt", province = "Thành phố Hà Nội" } = {}) {
  await expect(page.getByRole("heading", { name: "Bắt đầu sử dụng" })).toBeVisible();
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Cán bộ tỉnh").check();
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: province });
  await expect(page.getByLabel("Xã, phường, đặc khu")).toHaveCount(0);
  await page.getByRole("button", { name: "Hoàn tất" }).click();
  await expect(page.getByTestId("greeting")).toHaveText(`Xin chào, ${name}`);
  await expect(page.getByTestId("home-unit")).toHaveText(province);
}

/** Opens the exchange page through the menu. */
export async function openExchange(page) {
  await page.getByRole("link", { name: "Trao đổi", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Trao đổi dữ liệu" })).toBeVisible();
}

/** Picks a file on the exchange page and waits for its preview. */
export async function previewFile(page, file) {
  await openExchange(page);
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByTestId("import-preview")).toBeVisible();
}

/** Imports a file (preview, confirm) and waits until it is in. */
export async function importFile(page, file) {
  await previewFile(page, file);
  await page.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
}

/**
 * Another phone: its own browser context (own IndexedDB), same viewport, errors recorded
 * in `problems` (the test asserts them empty).
 */
export async function newDevice(browser, baseURL) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

/**
 * Exports with the export card's current scope, or `scope` (an option's value, or
 * `{ text }`: the option whose label contains it); returns the saved file's path and name.
 */
export async function exportFile(page, saveAs, { scope } = {}) {
  await openExchange(page);
  if (scope !== undefined) {
    const select = page.getByTestId("export-scope");
    const value = typeof scope === "string" ? scope : await select.locator("option", { hasText: scope.text }).getAttribute("value");
    await select.selectOption(value);
  }
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-download").click()]);
  const file = path.join(repoRoot, "target", "e2e-results", saveAs);
  await download.saveAs(file);
  return { file, name: download.suggestedFilename() };
}

/** On the sets page: the sample village set copied as commune Thiệu Hóa's own (version 1). */
export async function copyVillageSet(page) {
  await page.getByRole("link", { name: "Bộ tiêu chí", exact: true }).click();
  await page.getByRole("link", { name: /Mẫu bộ tiêu chí thôn/ }).click();
  await expect(page.getByTestId("empty-set")).toContainText("chưa có tiêu chí nào");
  await page.getByText("Sao chép để chỉnh sửa").first().click();
  await page.getByLabel("Mã bộ mới (chữ, số, gạch dưới)").fill("THON_THIEU_HOA");
  await page.getByLabel("Tên bộ mới").fill("Bộ tiêu chí thôn NTM xã Thiệu Hóa");
  await page.getByRole("button", { name: "Sao chép để chỉnh sửa" }).click();
  await saved(page);
}

/** Adds criteria `[code, name]` to the set shown, each saved as a new version. */
export async function addCriteria(page, criteria) {
  for (const [code, criterion] of criteria) {
    await page.getByText("Thêm tiêu chí").click();
    await page.locator("#crit-code").fill(code);
    await page.locator("#crit-name").fill(criterion);
    await page.locator("#crit-source").fill("Quyết định của UBND tỉnh Thanh Hóa");
    await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).last().click();
    await saved(page);
  }
}
