// Several people on several phones, the normal case: a commune official defines the
// village set and sends it; two village heads receive it at first run, assess their
// villages and send them back; the official imports both (one village turns out to be
// one she already had: proposed as a duplicate and merged) and her village figures match
// the villages; a province official, onboarded without a commune, sees "x/y xã" over the
// province's communes in the official list.
import { test, expect, appReady, onboard, onboardProvince, newDevice, exportFile, importFile, previewFile, openCriterion, saved, screenshotPath, copyVillageSet, addCriteria } from "./fixtures.mjs";
import { PORT } from "./playwright.config.mjs";

const baseURL = `http://127.0.0.1:${PORT}`;

/** A village head's first run with the commune's file; `village` is typed (not picked). */
async function villageHead(browser, { name, communeFile, village }) {
  const d = await newDevice(browser, baseURL);
  const p = d.page;
  await p.goto("/");
  await appReady(p);
  await p.getByLabel("Họ và tên").fill(name);
  await p.getByLabel("Trưởng thôn").check();
  await p.getByRole("button", { name: "Tiếp tục" }).click();
  await p.getByTestId("receive-file-input").setInputFiles(communeFile);
  await expect(p.getByTestId("received")).toContainText("Xã Thiệu Hóa");
  await p.getByRole("button", { name: "Tiếp tục" }).click();
  // The commune's villages are offered; this head's village is not among them (or he
  // does not notice it), so he types it.
  await expect(p.getByTestId("file-villages")).toContainText("Nậm Củm");
  await p.getByLabel("Thôn khác (nhập tên bên dưới)").check();
  await p.getByLabel("Tên thôn").fill(village);
  await p.getByRole("button", { name: "Hoàn tất" }).click();
  await expect(p.getByTestId("home-unit")).toHaveText(village);
  return d;
}

/** Marks the criteria of the village set on the head's own village (its default set). */
async function assess(p, marks) {
  await p.getByRole("link", { name: "Nhập kết quả tiêu chí" }).click();
  await expect(p.locator("#pick-set option:checked")).toContainText("(THON_THIEU_HOA)");
  for (const [code, mark] of marks) {
    const c = await openCriterion(p, code);
    await c.getByRole("button", { name: mark, exact: true }).click();
    await saved(p);
  }
}

test("two village heads, their commune official and the province official: merged villages, honest figures", async ({ page, browser }) => {
  test.setTimeout(240_000);
  // The commune official: her commune, the one village she knows, and the village set.
  await page.goto("/");
  await appReady(page);
  await onboard(page, { name: "Nguyễn Thị Hoa", villages: ["Nậm Củm"] });
  await copyVillageSet(page);
  await addCriteria(page, [["1", "Giao thông"], ["2", "Điện"]]);
  await expect(page.getByTestId("set-label")).toContainText("(THON_THIEU_HOA) · phiên bản 3");
  await page.getByTestId("use-for-villages").click();
  await saved(page);
  await expect(page.getByTestId("village-default")).toContainText("đang dùng");
  const commune = await exportFile(page, "devices-commune.json");
  expect(commune.name).toMatch(/^ntm-15772-xa-thieu-hoa-nguyen-thi-hoa-\d{8}\.json$/);

  // Two village heads start from her file and assess with her set, nothing to build.
  const h1 = await villageHead(browser, { name: "Lò Văn Ánh", communeFile: commune.file, village: "Huổi Cấu" });
  await assess(h1.page, [["1", "Đạt"], ["2", "Đạt"]]);
  const f1 = await exportFile(h1.page, "devices-head-1.json");
  expect(f1.name).toMatch(/^ntm-thon-huoi-cau-lo-van-anh-\d{8}\.json$/);
  const h2 = await villageHead(browser, { name: "Vàng A Dế", communeFile: commune.file, village: "Bản Nậm Củm" });
  await assess(h2.page, [["1", "Đạt"], ["2", "Chưa đạt"]]);
  const f2 = await exportFile(h2.page, "devices-head-2.json");
  expect(f2.name).toMatch(/^ntm-thon-ban-nam-cum-vang-a-de-\d{8}\.json$/);

  // The official imports both; "Bản Nậm Củm" is her "Nậm Củm": proposed, and merged.
  await importFile(page, f1.file);
  await previewFile(page, f2.file);
  const dup = page.getByTestId("duplicate");
  await expect(dup).toHaveCount(1);
  await expect(dup).toContainText("“Bản Nậm Củm”");
  await expect(dup).toContainText("“Nậm Củm”");
  await dup.getByTestId("merge-duplicate").click();
  await expect(dup.getByTestId("merge-duplicate")).toHaveText("✓ Sẽ gộp khi nhập");
  await page.screenshot({ path: screenshotPath("devices-duplicate"), fullPage: true });
  await page.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  const villages = page.locator('li[data-unit="commune:15772"] > ul > li');
  await expect(villages).toHaveCount(2);
  await expect(page.locator('li[data-unit="commune:15772"]')).toContainText("Huổi Cấu");

  // Her commune's own assessment, then the dashboard of the commune: 2 villages, not 3.
  await page.getByRole("link", { name: "Xã Thiệu Hóa" }).click();
  await page.getByLabel("Bộ tiêu chí").selectOption({ label: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025 (QD318_2022_XA) · phiên bản 1" });
  const c1 = await openCriterion(page, "1");
  await c1.getByRole("button", { name: "Đạt", exact: true }).click();
  await saved(page);
  await page.getByRole("link", { name: "Biểu đồ", exact: true }).click();
  await page.getByTestId("dash-scope").selectOption("commune:15772");
  await expect(page.getByTestId("fig-communes")).toContainText("1 xã");
  await expect(page.getByTestId("fig-villages")).toContainText("1/2 thôn");
  await expect(page.getByTestId("fig-villages-data")).toHaveText("2/2 thôn");
  await expect(page.getByTestId("fig-villages")).toContainText("THON_THIEU_HOA");
  await page.screenshot({ path: screenshotPath("devices-commune-dashboard"), fullPage: true });
  const official = await exportFile(page, "devices-official.json");

  // The province official: a province, no commune; the denominator is the province's
  // rural communes in the official list (Thanh Hóa: 147 xã), not the one that sent data.
  await h1.context.close();
  await h2.context.close();
  const prov = await newDevice(browser, baseURL);
  const p = prov.page;
  await p.goto("/");
  await appReady(p);
  await onboardProvince(p, { name: "Phạm Quốc Việt", province: "Thanh Hóa" });
  await expect(p.getByRole("link", { name: "Xem số liệu, biểu đồ" })).toBeVisible();
  await importFile(p, official.file);
  await p.getByRole("link", { name: "Biểu đồ", exact: true }).click();
  await p.getByTestId("dash-scope").selectOption("province:38");
  await expect(p.getByTestId("fig-communes")).toContainText("147 xã");
  await expect(p.getByTestId("fig-with-data")).toHaveText("1/147 xã");
  await expect(p.getByTestId("fig-no-data")).toHaveText("146/147 xã (99,3\u00a0%)");
  // The village set came in a file: it does not count here until this device adopts it.
  await expect(p.getByTestId("fig-villages-data")).toHaveText("0/2 thôn");
  await p.getByTestId("dash-wards").check();
  await expect(p.getByTestId("fig-communes")).toContainText("166 xã");
  await p.screenshot({ path: screenshotPath("devices-province-dashboard"), fullPage: true });
  expect([...h1.problems, ...h2.problems, ...prov.problems], "no errors on the other phones").toEqual([]);
  await prov.context.close();
});
