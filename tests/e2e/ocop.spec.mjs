// A commune official records an OCOP product and its rating.
import { test, expect, appReady, screenshotPath, onboard, saved, noSidewaysScroll } from "./fixtures.mjs";

test("a product rated 72 points shows 4★ and its expiry 36 months on", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await onboard(page, { villages: [] });
  await page.getByRole("link", { name: "OCOP", exact: true }).click();
  await page.getByRole("link", { name: "Thêm sản phẩm" }).click();
  // Markup is refused as a receiving device would refuse it, and nothing is saved.
  await page.getByLabel("Tên sản phẩm").fill("Nem chua Thanh Hóa <b>đặc biệt</b>");
  await page.getByLabel("Nhóm sản phẩm").selectOption("thuc_pham");
  await page.getByLabel("Chủ thể", { exact: true }).fill("HTX Nem Thiệu Hóa");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Tên sản phẩm và chủ thể: bắt buộc, tối đa 200 ký tự, không có dấu < >.",
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thêm sản phẩm");
  // Names are text, never markup: entities and quotes show as typed.
  await page.getByLabel("Tên sản phẩm").fill("Nem chua Thanh Hóa \"đặc biệt\" &amp; ngon");
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await saved(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText('Nem chua Thanh Hóa "đặc biệt" &amp; ngon');

  await page.getByText("Thêm kết quả đánh giá").first().click();
  await page.getByLabel("Phần A: sản phẩm và sức mạnh cộng đồng (tối đa 40)").fill("30");
  await page.getByLabel("Phần B: khả năng tiếp thị (tối đa 25)").fill("17");
  await page.getByLabel("Phần C: chất lượng sản phẩm (tối đa 35)").fill("25");
  await expect(page.getByTestId("points-preview")).toHaveText("Tổng điểm: 72 điểm → 4★");
  await page.getByLabel("Số quyết định").fill("1234/QĐ-UBND");
  await page.getByLabel("Ngày cấp").fill("2025-09-15");
  await page.getByRole("button", { name: "Thêm kết quả đánh giá" }).click();
  await saved(page);
  const rating = page.getByTestId("rating");
  await expect(rating.getByTestId("stars")).toHaveText("4★");
  await expect(rating.getByTestId("expiry")).toHaveText("15/09/2028");
  await expect(rating).toContainText("Còn hạn");
  await page.screenshot({ path: screenshotPath("ocop-product"), fullPage: true });

  // Points above a part's maximum are refused and nothing is saved.
  await page.getByLabel("Phần A: sản phẩm và sức mạnh cộng đồng (tối đa 40)").fill("41");
  await page.getByRole("button", { name: "Thêm kết quả đánh giá" }).click();
  await expect(page.getByRole("alert")).toHaveText("Điểm phải là số trong giới hạn của từng phần.");
  await expect(page.getByTestId("rating")).toHaveCount(1);

  // A rating entered wrongly is hidden (an edit, undoable), then entered again.
  await page.getByRole("button", { name: "Ẩn kết quả này (nhập sai)" }).click();
  await saved(page);
  await expect(page.getByTestId("rating")).toHaveCount(0);
  await page.getByRole("button", { name: "Hoàn tác" }).click();
  await expect(page.getByTestId("save-bar")).toContainText("Đã hoàn tác");
  await expect(page.getByTestId("rating")).toHaveCount(1);

  // The list shows the same, and filters by stars.
  await page.getByRole("link", { name: "OCOP", exact: true }).click();
  const item = page.locator("[data-product]");
  await expect(item.getByTestId("stars")).toHaveText("4★");
  await expect(item.getByTestId("expiry")).toHaveText("15/09/2028");
  await page.getByLabel("Hạng sao").selectOption("5");
  await expect(page.locator("[data-product]")).toHaveCount(0);
  await page.getByLabel("Hạng sao").selectOption("4");
  await expect(page.locator("[data-product]")).toHaveCount(1);
  await page.screenshot({ path: screenshotPath("ocop-list"), fullPage: true });
  await noSidewaysScroll(page);
});
