// Two devices exchange files: a village head and a commune official, each in their own
// browser context (own IndexedDB). Files go both ways, both change the same indicator,
// the conflict is shown and resolved, both end with the same value, and importing a file
// again says "không có thay đổi". Exported files are checked against the JSON Schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { test, expect, appReady, screenshotPath, onboard, openCriterion, saved, noSidewaysScroll } from "./fixtures.mjs";
import { PORT } from "./playwright.config.mjs";

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const schema = JSON.parse(readFileSync(path.join(repoRoot, "docs/exchange.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

async function secondDevice(browser) {
  const context = await browser.newContext({
    baseURL: `http://127.0.0.1:${PORT}`,
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

async function openExchange(page) {
  await page.getByRole("link", { name: "Trao đổi", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Trao đổi dữ liệu" })).toBeVisible();
}

/** Exports everything; returns the saved file's path after checking name and schema. */
async function exportFile(page, name, { gzip = false } = {}) {
  await openExchange(page);
  if (gzip) await page.getByLabel("Nén tệp (.json.gz, nhỏ hơn)").check();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-download").click(),
  ]);
  // The unit and the sender are in the name: ten files from ten people are told apart.
  expect(download.suggestedFilename()).toMatch(gzip ? /^ntm-\d{5}-xa-thieu-hoa-[a-z-]+-\d{8}\.json\.gz$/ : /^ntm-\d{5}-xa-thieu-hoa-[a-z-]+-\d{8}\.json$/);
  const file = path.join(repoRoot, "target", "e2e-results", name);
  await download.saveAs(file);
  await expect(page.getByTestId("exported")).toContainText(download.suggestedFilename());
  if (!gzip) {
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  }
  return file;
}

async function importFile(page, file) {
  await openExchange(page);
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByTestId("import-preview")).toBeVisible();
}

async function setIndicator(page, value) {
  await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await page.getByRole("link", { name: "Xã Thiệu Hóa" }).click();
  await page.getByLabel("Bộ tiêu chí").selectOption("QD318_2022_XA@1");
  await page.getByLabel("Năm", { exact: true }).selectOption("2025");
  await page.getByLabel("Kỳ").selectOption("h1");
  const c3 = await openCriterion(page, "3");
  const input = c3.getByLabel("Giá trị (%)");
  if (value !== undefined) {
    await input.fill(value);
    await input.press("Tab");
    await saved(page);
  }
  return input;
}

test("a village head and a commune official exchange files, resolve a conflict and converge", async ({ page, browser }) => {
  // The village head records a value and sends everything.
  await page.goto("/");
  await appReady(page);
  await onboard(page, { name: "Lê Văn Ba" });
  await setIndicator(page, "70");
  const a1 = await exportFile(page, "head-1.json");

  // The commune official imports it: a preview first, then one confirmed import.
  const official = await secondDevice(browser);
  const b = official.page;
  await b.goto("/");
  await appReady(b);
  await onboard(b, { name: "Nguyễn Thị Hoa", villages: [] });
  await importFile(b, a1);
  await expect(b.getByTestId("count-new")).not.toHaveText("0");
  await expect(b.getByTestId("count-conflicts")).toHaveText("0");
  await expect(b.getByTestId("diff")).toContainText("Chỉ tiêu 3.x1");
  await expect(b.getByTestId("diff")).toContainText("70 (Lê Văn Ba");
  await b.screenshot({ path: screenshotPath("exchange-preview"), fullPage: true });
  await noSidewaysScroll(b);
  await b.getByTestId("confirm-import").click();
  await expect(b.getByTestId("import-done")).toBeVisible();
  await expect(b.getByTestId("import-log")).toContainText("head-1.json");
  await expect(await setIndicator(b)).toHaveValue("70");

  // Both change the same value without seeing each other's edit; the official's is later.
  await setIndicator(page, "80");
  await setIndicator(b, "85");

  // The official's file reaches the village head: one conflict, shown with both values.
  const b1 = await exportFile(b, "official-1.json");
  await importFile(page, b1);
  await expect(page.getByTestId("count-conflicts")).toHaveText("1");
  await expect(page.getByTestId("diff").locator("li.conflict")).toContainText("Xung đột");
  await page.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  const conflict = page.getByTestId("conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict.getByTestId("conflict-current")).toHaveText("85");
  await expect(conflict.getByTestId("conflict-other")).toHaveText("80");
  await page.screenshot({ path: screenshotPath("exchange-conflict"), fullPage: true });
  await noSidewaysScroll(page);

  // The village head chooses their own value again: a new edit that resolves it.
  await conflict.getByRole("button", { name: "Dùng giá trị này" }).click();
  await saved(page);
  await expect(page.getByTestId("conflict")).toHaveCount(0);
  await expect(await setIndicator(page)).toHaveValue("80");

  // Back to the official, compressed this time: the resolution wins there too.
  const a2 = await exportFile(page, "head-2.json.gz", { gzip: true });
  await importFile(b, a2);
  await expect(b.getByTestId("count-updated")).not.toHaveText("0");
  await expect(b.getByTestId("count-conflicts")).toHaveText("0");
  await b.getByTestId("confirm-import").click();
  await expect(b.getByTestId("import-done")).toBeVisible();
  await expect(b.getByTestId("conflict")).toHaveCount(0);
  await expect(await setIndicator(b)).toHaveValue("80");

  // The same file again: nothing to do.
  await importFile(b, a2);
  await expect(b.getByTestId("no-changes")).toHaveText("Không có thay đổi: mọi dữ liệu trong tệp đã có trên máy.");
  await expect(b.getByTestId("confirm-import")).toHaveCount(0);

  // An altered file is refused with the reason, and nothing changes.
  await b.getByRole("button", { name: "Đóng" }).click();
  await b.getByTestId("import-file").setInputFiles(path.join(repoRoot, "tests/exchange_corpus/09-altered-after-hashing.json"));
  await expect(b.getByTestId("refusal")).toHaveText("Mã kiểm tra không khớp: tệp đã bị sửa hoặc hỏng trên đường gửi. Hãy nhờ người gửi xuất lại.");
  await b.getByTestId("import-file").setInputFiles(path.join(repoRoot, "tests/exchange_corpus/19-markup-in-name.json"));
  await expect(b.getByTestId("import-refused")).toContainText("content.ocop_products[0].data.name: tên không được chứa dấu < hoặc >");
  await b.screenshot({ path: screenshotPath("exchange-refused"), fullPage: true });
  await expect(await setIndicator(b)).toHaveValue("80");

  expect(official.problems, "no errors on the second device").toEqual([]);
  await official.context.close();
});
