// A village head opens the app once with signal, then does everything in airplane mode.
import { test, expect, appReady, serviceWorkerInControl, screenshotPath, onboard, openCriterion, saved } from "./fixtures.mjs";

test("first screen is Vietnamese and starts the first-run steps", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bắt đầu sử dụng");
  await expect(page.getByText("Sổ theo dõi Nông thôn mới").first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("onboarding"), fullPage: true });
});

test("offline: onboarding, a village, criteria and values are saved and survive reloads", async ({ page, context }) => {
  await page.goto("/");
  await appReady(page);
  await serviceWorkerInControl(page);
  await context.setOffline(true);
  await page.reload();
  await appReady(page);

  await onboard(page, { villages: ["Thôn Đông"] });
  await page.getByRole("link", { name: "Nhập kết quả tiêu chí" }).click();
  await page.getByLabel("Bộ tiêu chí").selectOption({ label: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025 (QD318_2022_XA) · phiên bản 1" });
  const c1 = await openCriterion(page, "1");
  await c1.getByRole("button", { name: "Đạt", exact: true }).click();
  await saved(page);
  await expect(page.getByTestId("met-count")).toHaveText("1/19 tiêu chí đạt");

  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("met-count")).toHaveText("1/19 tiêu chí đạt");
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
  expect(stored.name).toBe("Nguyễn Văn Thành");
  expect(stored.home).toEqual({ level: "commune", id: stored.home.id });
  await context.setOffline(false);
});

test("an empty name is refused with a Vietnamese message", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByLabel("Họ và tên").fill("   ");
  await page.getByRole("button", { name: "Tiếp tục" }).click();
  await expect(page.getByRole("alert")).toHaveText("Vui lòng nhập họ và tên.");
  await expect(page.getByLabel("Họ và tên")).toBeVisible();
});

test("the language switch changes the interface and is remembered", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "English – chuyển sang tiếng Anh" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Getting started");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Getting started");
  await page.getByRole("button", { name: "Switch to Vietnamese" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bắt đầu sử dụng");
});
