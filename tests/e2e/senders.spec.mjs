// Files that say truly who sent them (issue 31), on several phones: a village head's file
// carrying the commune's value shows it apart ("ngoài phạm vi của người gửi") and imports
// only his; a file his phone signs claiming to be the province's official is flagged and
// still judged as his; and a phone whose date ran 30 days ahead, once repaired, sends a
// file another phone takes in.
import { readFileSync, writeFileSync } from "node:fs";
import canonicalize from "canonicalize";
import { test, expect, appReady, onboard, onboardProvince, newDevice, exportFile, previewFile, openCriterion, saved, screenshotPath, copyVillageSet, addCriteria } from "./fixtures.mjs";
import { PORT } from "./playwright.config.mjs";

const baseURL = `http://127.0.0.1:${PORT}`;
const DAY_MS = 86_400_000;

/** Marks criterion `code` of commune Thiệu Hóa's QĐ 318 assessment on `p`. */
async function markCommune(p, code, mark) {
  await p.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await p.getByRole("link", { name: "Xã Thiệu Hóa" }).click();
  await p.getByLabel("Bộ tiêu chí").selectOption({ label: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025 (QD318_2022_XA) · phiên bản 1" });
  const c = await openCriterion(p, code);
  await c.getByRole("button", { name: mark, exact: true }).click();
  await saved(p);
}

/**
 * `file` rewritten to claim another sender, and signed again on `page` with that phone's
 * own key (read from its IndexedDB, as anyone holding the phone could): a genuine
 * signature of the device over false claims.
 */
async function resignedClaiming(page, file, sender, saveAs) {
  const f = JSON.parse(readFileSync(file, "utf8"));
  Object.assign(f.sender, sender);
  const { alg, key } = f.signature;
  delete f.signature;
  const { content, hash, ...header } = f;
  const message = canonicalize({ header, hash });
  const value = await page.evaluate(async (text) => {
    const db = await new Promise((ok, bad) => {
      const r = indexedDB.open("ntm");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => bad(r.error);
    });
    const pair = await new Promise((ok, bad) => {
      const r = db.transaction("meta").objectStore("meta").get("device_key");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => bad(r.error);
    });
    const sig = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, new TextEncoder().encode(text));
    return Array.from(new Uint8Array(sig), (b) => b.toString(16).padStart(2, "0")).join("");
  }, message);
  const out = file.replace(/[^/]+$/, saveAs);
  writeFileSync(out, JSON.stringify({ ...header, content, hash, signature: { alg, key, value } }));
  return out;
}

test("a village head's file: his village in, the commune's value apart until chosen; his phone claiming the province is flagged", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The commune official: her commune, criterion 1 met; her file goes to the village head.
  await page.goto("/");
  await appReady(page);
  await onboard(page, { name: "Nguyễn Thị Hoa", villages: ["Nậm Củm"] });
  await markCommune(page, "1", "Đạt");
  const commune = await exportFile(page, "senders-commune.json");

  // The village head starts from her file, adds his village, and (wrongly) marks the
  // commune's criterion 1 as not met.
  const h = await newDevice(browser, baseURL);
  const p = h.page;
  await p.goto("/");
  await appReady(p);
  await p.getByLabel("Họ và tên").fill("Lò Văn Ánh");
  await p.getByLabel("Trưởng thôn").check();
  await p.getByRole("button", { name: "Tiếp tục" }).click();
  await p.getByTestId("receive-file-input").setInputFiles(commune.file);
  await expect(p.getByTestId("received")).toContainText("Xã Thiệu Hóa");
  await p.getByRole("button", { name: "Tiếp tục" }).click();
  await p.getByLabel("Thôn khác (nhập tên bên dưới)").check();
  await p.getByLabel("Tên thôn").fill("Huổi Cấu");
  await p.getByRole("button", { name: "Hoàn tất" }).click();
  await expect(p.getByTestId("home-unit")).toHaveText("Huổi Cấu");
  await markCommune(p, "1", "Chưa đạt");
  // He sends everything his phone holds (not only his village).
  const sent = await exportFile(p, "senders-head.json", { scope: "all" });
  await p.goto("/luu-tru");
  await appReady(p);
  await expect(p.getByTestId("device-key")).toHaveText(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
  const code = await p.getByTestId("device-key").innerText();

  // The official's preview: a new device with its code to compare; his village new; the
  // commune's value listed apart with the server's reason, not ticked.
  await previewFile(page, sent.file);
  await expect(page.getByTestId("sender-check")).toHaveAttribute("data-kind", "new");
  await expect(page.getByTestId("sender-check")).toContainText(code);
  const apart = page.getByTestId("import-outside");
  await expect(apart.getByTestId("outside-title")).toHaveText("1 giá trị ngoài phạm vi của người gửi");
  await expect(apart.getByTestId("outside-line")).toContainText("Tiêu chí 1");
  await expect(apart.getByTestId("outside-reason")).toHaveText("Trưởng thôn chỉ được ghi dữ liệu của thôn mình.");
  await expect(apart.getByTestId("outside-take")).not.toBeChecked();
  await page.screenshot({ path: screenshotPath("senders-outside"), fullPage: true });
  await page.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  await expect(page.getByTestId("log-outside").first()).toHaveText("1 ngoài phạm vi người gửi, không nhập");
  // His village came in; the commune's criterion 1 is still hers.
  await page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await expect(page.locator('li[data-unit="commune:15772"]')).toContainText("Huổi Cấu");
  await page.getByRole("link", { name: "Xã Thiệu Hóa" }).click();
  await page.getByLabel("Bộ tiêu chí").selectOption({ label: "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025 (QD318_2022_XA) · phiên bản 1" });
  await expect((await openCriterion(page, "1")).getByRole("button", { name: "Đạt", exact: true })).toHaveAttribute("aria-pressed", "true");

  // His phone signs the same data claiming to be the province's official: the signature
  // is his phone's, so the claims are flagged and his scope still applies.
  const claiming = await resignedClaiming(p, sent.file, { name: "Phạm Quốc Việt", role: "can_bo_tinh", unit: "province:38" }, "senders-claiming.json");
  await previewFile(page, claiming);
  const check = page.getByTestId("sender-check");
  await expect(check).toHaveAttribute("data-kind", "differs");
  await expect(check).toContainText("Phạm Quốc Việt");
  await expect(check).toContainText("Lò Văn Ánh");
  await expect(page.getByTestId("import-outside").getByTestId("outside-title")).toHaveText("1 giá trị ngoài phạm vi của người gửi");
  // Chosen by the official, the value comes in, and the log says so.
  await page.getByTestId("outside-take").check();
  await expect(page.getByTestId("outside-chosen")).toHaveText("1 đã chọn để nhập");
  await page.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  const log = page.getByTestId("import-log").locator("li").first();
  await expect(log).toContainText("Lò Văn Ánh");
  await expect(log).not.toContainText("Phạm Quốc Việt");
  await expect(log.getByTestId("log-outside")).toHaveText("1 ngoài phạm vi người gửi, người nhận đã chọn nhập");

  // A file changed after it was signed is refused whole.
  const f = JSON.parse(readFileSync(sent.file, "utf8"));
  f.sender.name = "Người khác";
  const changed = sent.file.replace(/[^/]+$/, "senders-changed.json");
  writeFileSync(changed, JSON.stringify(f));
  await page.getByTestId("import-file").setInputFiles(changed);
  await expect(page.getByTestId("refusal")).toContainText("Chữ ký của tệp không khớp nội dung");
  expect(h.problems, "no errors on the village head's phone").toEqual([]);
  await h.context.close();
});

test("a phone 30 days ahead, repaired, sends a file another phone takes in", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const ahead = await newDevice(browser, baseURL);
  await ahead.context.clock.install({ time: Date.now() + 30 * DAY_MS });
  const a = ahead.page;
  await a.goto("/");
  await appReady(a);
  await onboard(a, { name: "Lò Thị Mai", villages: [] });
  await markCommune(a, "2", "Đạt");
  // Its date is set right: the banner says the data is ahead; the repair records anew.
  await ahead.context.clock.setSystemTime(Date.now());
  await a.reload();
  await appReady(a);
  await a.getByTestId("clock-repair").click();
  await saved(a);
  await expect(a.getByTestId("clock-warning")).toHaveCount(0);
  const sent = await exportFile(a, "senders-repaired.json");

  // The province official's phone takes it: nothing from the future, the value new.
  await page.goto("/");
  await appReady(page);
  await onboardProvince(page, { name: "Phạm Quốc Việt", province: "Thanh Hóa" });
  await previewFile(page, sent.file);
  await expect(page.getByTestId("future-stamps")).toHaveCount(0);
  await expect(page.getByTestId("diff")).toContainText("Tiêu chí 2");
  await page.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  expect(ahead.problems, "no errors on the repaired phone").toEqual([]);
  await ahead.context.close();
});

test("a set update that skipped versions shows one current version, not two in parallel", async ({ page, browser }) => {
  test.setTimeout(150_000);
  // The commune official makes a village set (version 1) and sends it alone.
  await page.goto("/");
  await appReady(page);
  await onboard(page, { name: "Nguyễn Thị Hoa", villages: ["Nậm Củm"] });
  await copyVillageSet(page);
  const sendSet = async (version, saveAs) =>
    (await exportFile(page, saveAs, { scope: { text: `(THON_THIEU_HOA) · phiên bản ${version}` } })).file;
  const v1 = await sendSet(1, "senders-set-v1.json");

  // Another phone of the commune (its deputy official) has version 1.
  const other = await newDevice(browser, baseURL);
  const o = other.page;
  await o.goto("/");
  await appReady(o);
  await onboard(o, { name: "Lê Văn Bình", villages: [] });
  await previewFile(o, v1);
  await o.getByTestId("confirm-import").click();
  await expect(o.getByTestId("import-done")).toBeVisible();

  // Versions 2 and 3 are made; only version 3 is sent.
  await page.getByRole("link", { name: "Bộ tiêu chí", exact: true }).click();
  await page.getByRole("link", { name: /THON_THIEU_HOA/ }).click();
  await addCriteria(page, [["1", "Giao thông"], ["2", "Điện"]]);
  await expect(page.getByTestId("set-label")).toContainText("(THON_THIEU_HOA) · phiên bản 3");
  const v3 = await sendSet(3, "senders-set-v3.json");
  await previewFile(o, v3);
  await o.getByTestId("confirm-import").click();
  await expect(o.getByTestId("import-done")).toBeVisible();
  await o.getByRole("link", { name: "Bộ tiêu chí", exact: true }).click();
  const item = o.locator("li.card", { hasText: "THON_THIEU_HOA" });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("phiên bản 3");
  await expect(item.getByTestId("parallel-badge")).toHaveCount(0);
  expect(other.problems, "no errors on the other phone").toEqual([]);
  await other.context.close();
});
