// Hosted under a sub-path, as free static hosts serve a project (https://host/<name>/):
// the build made with `--public-url /ntm/` (scripts/test.sh: target/dist-sub/ntm) served
// at http://127.0.0.1:4174/ntm/. Routes, links, data files, the service worker and the
// manifest must all follow the public URL, online, after a reload on a deep link, offline.
import { test, expect, appReady, serviceWorkerInControl, onboard, screenshotPath } from "./fixtures.mjs";
import { readFile } from "node:fs/promises";
import { SUBPATH_PORT } from "./playwright.config.mjs";

const site = `http://127.0.0.1:${SUBPATH_PORT}/ntm/`;

test("under /ntm/: first run, menu links, a deep link reloaded, then offline", async ({ page, context, requests }) => {
  await page.goto(site);
  await appReady(page);
  // Onboarding reads the official unit list (data/units.json) relative to the public URL.
  await onboard(page, { villages: ["Thôn Đông"] });

  const menu = page.getByRole("navigation", { name: "Điều hướng chính" });
  await menu.getByRole("link", { name: "Đơn vị" }).click();
  await expect(page).toHaveURL(`${site}don-vi`);
  await page.getByRole("link", { name: "Xã Thiệu Hóa" }).first().click();
  await expect(page).toHaveURL(new RegExp(`^${site}don-vi/commune:`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xã Thiệu Hóa");
  const deepLink = page.url();

  // A reload on a deep link: the host's fallback serves index.html, the router finds the page.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xã Thiệu Hóa");

  // The service worker and the manifest belong to /ntm/, not to the host's root.
  await serviceWorkerInControl(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(site);
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]').href;
    const m = await (await fetch(href)).json();
    return { href, start: new URL(m.start_url, href).href, scope: new URL(m.scope, href).href };
  });
  expect(manifest).toEqual({ href: `${site}manifest.webmanifest`, start: site, scope: site });

  // Offline: the deep link, another page by its address, the menu and the home link.
  await context.setOffline(true);
  await page.goto(deepLink);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xã Thiệu Hóa");
  await page.goto(`${site}bieu-do`);
  await appReady(page);
  await menu.getByRole("link", { name: "Trao đổi" }).click();
  await expect(page).toHaveURL(`${site}trao-doi`);
  await expect(page.getByRole("heading", { name: "Trao đổi dữ liệu" })).toBeVisible();
  await page.goto(`${site}khong-co`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang này.");
  await page.getByRole("main").getByRole("link", { name: "Trang chủ" }).click();
  await expect(page).toHaveURL(site);
  await expect(page.getByTestId("greeting")).toHaveText("Xin chào, Nguyễn Văn Thành");
  await page.screenshot({ path: screenshotPath("subpath-offline-home"), fullPage: true });
  await context.setOffline(false);

  const outside = requests.filter((u) => u.startsWith("http") && !u.startsWith(site));
  expect(outside, "every request stays under /ntm/").toEqual([]);
});

test("under /ntm/ offline: the demo's dashboard and report, and their Excel files from the worker", async ({ page, context }) => {
  await page.goto(site);
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await expect(page.getByTestId("greeting")).toHaveText("Xin chào, Người dùng mẫu");
  await serviceWorkerInControl(page);
  await context.setOffline(true);
  await page.goto(`${site}bieu-do`);
  await expect(page.getByTestId("report-title")).toHaveText("Tỉnh Mẫu (dữ liệu mẫu) · Năm 2025");
  // The worker and its wasm come from the service worker's cache, under /ntm/.
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-xlsx").click()]);
  expect(xlsx.suggestedFilename()).toBe("ntm-province-99-2025-tong-hop.xlsx");
  const bytes = await readFile(await xlsx.path());
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  await page.getByTestId("open-report").click();
  await expect(page).toHaveURL(new RegExp(`^${site}bao-cao\\?`));
  const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-xlsx").click()]);
  expect(report.suggestedFilename()).toBe("ntm-province-99-2025-bao-cao.xlsx");
  await expect(page.getByTestId("download-failed")).toHaveCount(0);
  await context.setOffline(false);
});
