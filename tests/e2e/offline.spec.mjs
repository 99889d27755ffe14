// A village head opens the app once with signal, then uses it in airplane mode.
import { test, expect, appReady, serviceWorkerInControl, screenshotPath } from "./fixtures.mjs";

test("first screen is Vietnamese", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sổ theo dõi Nông thôn mới");
  await expect(page.getByRole("link", { name: "Biểu đồ" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("home"), fullPage: true });
});

test("works offline: starts, saves to IndexedDB, reads it back after reloads", async ({ page, context }) => {
  await page.goto("/");
  await appReady(page);
  await serviceWorkerInControl(page);

  await context.setOffline(true);
  await page.reload();
  await appReady(page);

  await page.getByLabel("Họ và tên").fill("  Nguyễn Văn Thành  ");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu");

  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("greeting")).toHaveText("Xin chào, Nguyễn Văn Thành");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Văn Thành");

  // The value really is in IndexedDB, not only on screen.
  const stored = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("ntm");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("meta").objectStore("meta").get("profile");
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        };
      }),
  );
  expect(stored).toEqual({ name: "Nguyễn Văn Thành" });

  // Deep links work offline too: the worker answers navigations with the app shell.
  await page.goto("/luu-tru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tình trạng lưu trữ");
  await context.setOffline(false);
});

test("an empty name is refused with a Vietnamese message and nothing is saved", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByLabel("Họ và tên").fill("   ");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByRole("status")).toHaveText("Vui lòng nhập họ và tên.");
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("greeting")).toHaveCount(0);
});

test("the language switch changes the interface and is remembered", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Chuyển sang tiếng Anh" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New Rural Development tracker");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New Rural Development tracker");
  await page.getByRole("button", { name: "Switch to Vietnamese" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sổ theo dõi Nông thôn mới");
});
