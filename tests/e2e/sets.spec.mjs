// A province official copies a built-in set and transcribes an indicator with its threshold.
import { test, expect, appReady, screenshotPath, onboard, saved } from "./fixtures.mjs";

test("built-in sets are read-only; a copy takes new indicators as new versions", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await onboard(page, { villages: [] });
  await page.getByRole("link", { name: "Bộ tiêu chí", exact: true }).click();
  await page.getByRole("link", { name: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025" }).click();
  // Source and verified flags are shown with every threshold.
  const irrigation = page.locator('[data-indicator="3.x1"]');
  await expect(irrigation.getByTestId("threshold")).toContainText("80");
  await expect(irrigation.getByTestId("threshold")).toContainText("chưa xác minh");
  await expect(page.getByText("Thêm chỉ tiêu")).toHaveCount(0);

  await page.getByText("Sao chép để chỉnh sửa").first().click();
  await page.getByLabel("Mã bộ mới (chữ, số, gạch dưới)").fill("QD318_THANH_HOA");
  await page.getByRole("button", { name: "Sao chép để chỉnh sửa" }).click();
  await saved(page);
  await expect(page.getByTestId("set-label")).toContainText("(QD318_THANH_HOA) · phiên bản 1 · bản riêng");

  const c17 = page.locator('section[data-criterion="17"]');
  await c17.getByText("Thêm chỉ tiêu").click();
  await c17.getByLabel("Mã", { exact: true }).fill("17.1");
  await c17.getByLabel("Nội dung").fill("Tỷ lệ hộ được sử dụng nước sạch");
  await c17.getByLabel("Đơn vị tính").fill("%");
  await c17.getByLabel("Ngưỡng").fill("60");
  await c17.getByLabel("Áp dụng cho").selectOption({ label: "Bắc Trung Bộ" });
  await c17.getByLabel("Nguồn (số văn bản, điều, phụ lục)").fill("QĐ 318/QĐ-TTg, Phụ lục I, chỉ tiêu 17.1");
  await c17.getByRole("button", { name: "Lưu thành phiên bản mới" }).click();
  await saved(page);
  await expect(page.getByTestId("set-label")).toContainText("(QD318_THANH_HOA) · phiên bản 2 · bản riêng");
  const added = page.locator('[data-indicator="17.1"]');
  await expect(added.getByTestId("threshold")).toContainText("60 · Bắc Trung Bộ");
  await expect(added.getByTestId("threshold")).toContainText("chưa xác minh");
  await page.screenshot({ path: screenshotPath("criteria-set"), fullPage: true });

  // Correcting: remove the indicator (version 3), then it can be entered again.
  await page.locator('section[data-criterion="17"]').getByRole("button", { name: "Bỏ chỉ tiêu này (để nhập lại cho đúng)" }).click();
  await saved(page);
  await expect(page.getByTestId("set-label")).toContainText("(QD318_THANH_HOA) · phiên bản 3 · bản riêng");
  await expect(page.locator('[data-indicator="17.1"]')).toHaveCount(0);

  // The new version is offered on the unit page.
  await page.getByRole("link", { name: "Trang chủ" }).click();
  await page.getByRole("link", { name: "Nhập kết quả tiêu chí" }).click();
  // The newest version is offered on the unit page; version 2 stays for assessments made with it.
  const option = page.getByLabel("Bộ tiêu chí").locator("option", { hasText: "QD318_THANH_HOA" });
  await expect(option).toHaveCount(1);
  await expect(option).toContainText("(QD318_THANH_HOA) · phiên bản 3 · bản riêng");
  // Its id is the set's lineage — its maker's commune, then a random id — and a version
  // made from its content, not the code.
  await expect(option).toHaveAttribute("value", /^c15772-[0-9a-f-]{36}@3-[0-9a-f]{12}$/);
});
