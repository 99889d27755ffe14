// Sync through a CouchDB server (issue 17), phones as separate browser contexts against a
// real CouchDB-protocol server (express-pouchdb in memory, tests/e2e/sync-server.mjs) on
// the app's origin under /db/, with the write rules and users scripts/couch-setup.mjs
// installs. Edits made offline go out when the phone comes back online; both phones end
// with the same data, and a file exchanged afterwards changes nothing; a concurrent edit
// is a conflict on both; the server refuses a commune user's writes to another commune
// and the phone says which; a village head's account writes his village only; a phone
// whose clock is a year ahead is refused and named, without ping-pong; a server stopped mid-sync loses and duplicates nothing.
import { test, expect, appReady, serviceWorkerInControl, onboard, onboardProvince, newDevice, exportFile, previewFile, openCriterion, saved, screenshotPath } from "./fixtures.mjs";
import { SYNC_PORT } from "./playwright.config.mjs";

const baseURL = `http://127.0.0.1:${SYNC_PORT}`;
const DATA_STORES = ["units", "assessments", "ocop_products", "ocop_ratings", "plans", "sets", "recognitions", "quantities", "resources"];

test.beforeEach(async ({ request }) => {
  await request.post(`${baseURL}/__couch/reset`);
});

/** A phone: onboarded, then the province's database entered and signed in on "Đồng bộ". */
async function phone(browser, { onboarding, db, user, password, clockAheadMs = 0 }) {
  const d = await newDevice(browser, baseURL);
  // A phone whose date is set wrong (its clock runs on from there).
  if (clockAheadMs) await d.context.clock.install({ time: Date.now() + clockAheadMs });
  await d.page.goto("/");
  await appReady(d.page);
  await onboarding(d.page);
  await d.page.getByRole("link", { name: "Đồng bộ", exact: true }).click();
  await d.page.getByTestId("sync-server").fill(db);
  await d.page.getByTestId("sync-save-server").click();
  await d.page.getByTestId("sync-name").fill(user);
  await d.page.getByTestId("sync-password").fill(password);
  await d.page.getByTestId("sync-sign-in").click();
  await expect(d.page.getByTestId("sync-user")).toHaveText(user);
  // Signing in syncs at once.
  await synced(d.page, 1);
  return d;
}

/** Waits for the `n`th sync since the page opened to end; its report. */
async function synced(page, n) {
  const report = page.getByTestId("sync-report");
  await expect(report).toHaveAttribute("data-runs", String(n), { timeout: 120_000 });
  return {
    sent: await page.getByTestId("sync-sent").innerText(),
    received: await page.getByTestId("sync-received").innerText(),
    waiting: await page.getByTestId("sync-waiting").innerText(),
  };
}

async function runs(page) {
  return Number(await page.getByTestId("sync-report").getAttribute("data-runs"));
}

/** "Đồng bộ ngay", then waits for it to end. */
async function syncNow(page) {
  const before = await runs(page);
  await page.getByTestId("sync-now").click();
  return synced(page, before + 1);
}

/** The user's data as stored: every row of the data stores (not the device's own). */
async function dataDump(page) {
  return page.evaluate(async (names) => {
    const db = await new Promise((ok, bad) => {
      const r = indexedDB.open("ntm");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => bad(r.error);
    });
    const tx = db.transaction(names, "readonly");
    const out = [];
    for (const n of names) {
      const values = await new Promise((ok, bad) => {
        const r = tx.objectStore(n).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => bad(r.error);
      });
      for (const v of values) out.push(`${n} ${JSON.stringify(v)}`);
    }
    db.close();
    return out.sort();
  }, DATA_STORES);
}

/** Sets criterion `code` of Thiệu Hóa's 2025 assessment (QĐ 318) to `mark`. */
async function mark(page, code, mark) {
  await page.goto("/don-vi/commune:15772");
  await appReady(page);
  await page.getByLabel("Bộ tiêu chí").selectOption("QD318_2022_XA@1");
  await page.getByLabel("Năm", { exact: true }).selectOption("2025");
  await page.getByLabel("Kỳ").selectOption("year");
  const c = await openCriterion(page, code);
  await c.getByRole("button", { name: mark, exact: true }).click();
  await saved(page);
}

async function openSync(page) {
  await page.getByRole("link", { name: "Đồng bộ", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Đồng bộ với máy chủ" })).toBeVisible();
}

const communeOfficial = (page) => onboard(page, { name: "Nguyễn Thị Hoa", villages: ["Nậm Củm"] });
const provinceOfficial = (page) => onboardProvince(page, { name: "Lê Văn Tỉnh", province: "Thanh Hóa" });

test("two phones edit offline, sync when back online, and hold what exchanging files gives", async ({ browser }) => {
  test.setTimeout(240_000);
  const hoa = await phone(browser, { onboarding: communeOfficial, db: "/db/ntm-38", user: "xa-thieu-hoa", password: "mat-khau-xa" });
  // Every answer from the database server comes from it, never from the service worker.
  const dbAnswers = [];
  hoa.context.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/db/")) dbAnswers.push(r.fromServiceWorker());
  });
  const tinh = await phone(browser, { onboarding: provinceOfficial, db: "/db/ntm-38", user: "tinh-38", password: "mat-khau-tinh" });
  // The password is kept nowhere on the phone (the server's session cookie is).
  const kept = await hoa.page.evaluate(async () => {
    const db = await new Promise((ok) => {
      const r = indexedDB.open("ntm");
      r.onsuccess = () => ok(r.result);
    });
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, "readonly");
    const all = await Promise.all(
      names.map((n) => new Promise((ok) => {
        const r = tx.objectStore(n).getAll();
        r.onsuccess = () => ok(JSON.stringify(r.result));
      })),
    );
    db.close();
    return all.join("\n") + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
  });
  expect(kept).toContain("/db/ntm-38");
  expect(kept).not.toContain("mat-khau-xa");
  // The province official received the commune and its village.
  await expect(tinh.page.getByTestId("sync-received")).not.toHaveText("0 bản ghi");

  // No signal: each marks a different criterion of the same assessment.
  await serviceWorkerInControl(hoa.page);
  await serviceWorkerInControl(tinh.page);
  await hoa.context.setOffline(true);
  await tinh.context.setOffline(true);
  await mark(hoa.page, "1", "Đạt");
  await mark(tinh.page, "2", "Chưa đạt");
  await openSync(hoa.page);
  await openSync(tinh.page);
  // The edit made offline shows as waiting at once, without a sync.
  await expect(hoa.page.getByTestId("sync-waiting")).toHaveText("1 bản ghi");
  await expect(tinh.page.getByTestId("sync-waiting")).toHaveText("1 bản ghi");
  const hoaRuns = await runs(hoa.page);
  const tinhRuns = await runs(tinh.page);
  // Back online: each syncs by itself.
  await hoa.context.setOffline(false);
  await synced(hoa.page, hoaRuns + 1);
  await tinh.context.setOffline(false);
  await synced(tinh.page, tinhRuns + 1);
  await expect(tinh.page.getByTestId("sync-complete")).toBeVisible();
  // Her phone synced before his edit reached the server: the next sync brings it.
  const last = await syncNow(hoa.page);
  expect(last.waiting).toBe("0 bản ghi");
  expect(last.received).not.toBe("0 bản ghi");
  await expect(hoa.page.getByTestId("sync-count-new")).not.toHaveText("0");
  await hoa.page.screenshot({ path: screenshotPath("sync-status"), fullPage: true });

  const hoaData = await dataDump(hoa.page);
  const tinhData = await dataDump(tinh.page);
  expect(hoaData.length).toBeGreaterThan(3);
  expect(tinhData).toEqual(hoaData);
  // Exchanging a file now would change nothing.
  const file = await exportFile(hoa.page, "sync-hoa.json");
  await previewFile(tinh.page, file.file);
  for (const k of ["new", "updated", "conflicts"]) {
    await expect(tinh.page.getByTestId(`count-${k}`)).toHaveText("0");
  }
  // A sync in the background while the official reads the dashboard: the data is read
  // again and the figures recomputed, and the page never falls back to "Đang tải".
  await mark(hoa.page, "4", "Đạt");
  await openSync(hoa.page);
  await syncNow(hoa.page);
  await tinh.page.getByRole("link", { name: "Biểu đồ", exact: true }).click();
  const dashboard = tinh.page.getByTestId("dashboard");
  await expect(dashboard).toHaveAttribute("aria-busy", "false");
  const loads = () => tinh.page.evaluate(() => performance.getEntriesByName("ntm-workspace-ready").length);
  const loadsBefore = await loads();
  await tinh.page.evaluate(() => {
    window.__blank = [];
    const main = document.querySelector("main");
    new MutationObserver(() => {
      const at = [...main.querySelectorAll("*")].find((e) => e.children.length === 0 && e.textContent.includes("Đang tải"));
      if (at) window.__blank.push(at.parentElement.outerHTML.slice(0, 200));
    }).observe(main, { subtree: true, childList: true, characterData: true });
  });
  await tinh.context.setOffline(true);
  await tinh.context.setOffline(false);
  await expect.poll(loads, { timeout: 30_000 }).toBeGreaterThan(loadsBefore);
  await expect(tinh.page.getByTestId("dashboard")).toHaveAttribute("aria-busy", "false");
  expect(await tinh.page.evaluate(() => window.__blank)).toEqual([]);
  expect(dbAnswers.length).toBeGreaterThan(5);
  expect(dbAnswers.filter(Boolean)).toEqual([]);
  for (const d of [hoa, tinh]) expect(d.problems).toEqual([]);
  await hoa.context.close();
  await tinh.context.close();
});

test("a value edited on two phones at once is a conflict on both, kept in history", async ({ browser }) => {
  test.setTimeout(240_000);
  const hoa = await phone(browser, { onboarding: communeOfficial, db: "/db/ntm-38", user: "xa-thieu-hoa", password: "mat-khau-xa" });
  const tinh = await phone(browser, { onboarding: provinceOfficial, db: "/db/ntm-38", user: "tinh-38", password: "mat-khau-tinh" });
  await mark(hoa.page, "5", "Đạt");
  await openSync(hoa.page);
  await syncNow(hoa.page);
  await openSync(tinh.page);
  await syncNow(tinh.page);
  // Both change criterion 5 before either syncs.
  await mark(hoa.page, "5", "Chưa đạt");
  await mark(tinh.page, "5", "Không áp dụng");
  for (const d of [hoa, tinh, hoa]) {
    await openSync(d.page);
    await syncNow(d.page);
  }
  for (const d of [hoa, tinh]) {
    await d.page.getByRole("link", { name: "Trao đổi", exact: true }).click();
    const conflict = d.page.getByTestId("conflict");
    await expect(conflict).toHaveCount(1);
    await expect(conflict.getByTestId("conflict-current")).toHaveText(await conflict.getByTestId("conflict-current").innerText());
  }
  // The same value won on both, the other is the conflict's other side.
  const won = await hoa.page.getByTestId("conflict-current").innerText();
  await expect(tinh.page.getByTestId("conflict-current")).toHaveText(won);
  const other = await hoa.page.getByTestId("conflict-other").innerText();
  await expect(tinh.page.getByTestId("conflict-other")).toHaveText(other);
  expect([won, other].sort()).toEqual(["Chưa đạt", "Không áp dụng"].sort());
  await hoa.page.screenshot({ path: screenshotPath("sync-conflict"), fullPage: true });
  // The criterion says it has another value, and links to the conflict.
  await hoa.page.goto("/don-vi/commune:15772");
  await appReady(hoa.page);
  await hoa.page.getByLabel("Bộ tiêu chí").selectOption("QD318_2022_XA@1");
  await hoa.page.getByLabel("Năm", { exact: true }).selectOption("2025");
  const five = hoa.page.locator('[data-criterion="5"]');
  await expect(five.getByTestId("criterion-other-value")).toHaveText("Có giá trị khác");
  await expect(hoa.page.locator('[data-criterion="4"]').getByTestId("criterion-other-value")).toHaveCount(0);
  await hoa.page.screenshot({ path: screenshotPath("unit-other-value"), fullPage: true });
  await five.getByTestId("criterion-other-value").click();
  await expect(hoa.page.getByTestId("conflicts")).toBeVisible();
  // Once both phones merged the conflict, a round of syncs with no edit writes nothing:
  // both wrote the same merged document, to the byte.
  const admin = { Authorization: "Basic " + Buffer.from("admin:quan-tri").toString("base64") };
  const seq = async () => (await (await fetch(`${baseURL}/db/ntm-38`, { headers: admin })).json()).update_seq;
  for (const d of [tinh, hoa]) {
    await openSync(d.page);
    await syncNow(d.page);
  }
  const before = await seq();
  for (const d of [hoa, tinh, hoa, tinh]) {
    await openSync(d.page);
    const r = await syncNow(d.page);
    expect(r.sent).toBe("0 bản ghi");
  }
  expect(await seq()).toBe(before);
  for (const d of [hoa, tinh]) expect(d.problems).toEqual([]);
  await hoa.context.close();
  await tinh.context.close();
});

test("the server refuses a commune user's writes to another commune, and the phone says which", async ({ browser }) => {
  test.setTimeout(180_000);
  // A phone set up for Thiệu Tiến, signed in with Thiệu Hóa's account.
  const wrong = await phone(browser, {
    onboarding: (page) => onboard(page, { name: "Trần Văn Tiến", query: "thieu tien", commune: "Xã Thiệu Tiến", villages: ["Thôn Trung"] }),
    db: "/db/ntm-38",
    user: "xa-thieu-hoa",
    password: "mat-khau-xa",
  });
  const refused = wrong.page.getByTestId("sync-refused");
  await expect(refused).toContainText("Xã Thiệu Tiến");
  await expect(refused).toContainText("Chỉ được ghi dữ liệu của xã mình (xã 15778)");
  await expect(wrong.page.getByTestId("sync-waiting")).not.toHaveText("0 bản ghi");
  await wrong.page.screenshot({ path: screenshotPath("sync-refused"), fullPage: true });
  // Nothing of it reached the province: not the village typed on the wrong phone, nor
  // the commune's record (only its own official, or the province's, writes it).
  const tinh = await phone(browser, { onboarding: provinceOfficial, db: "/db/ntm-38", user: "tinh-38", password: "mat-khau-tinh" });
  await tinh.page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await expect(tinh.page.locator('[data-unit="province:38"]')).toBeVisible();
  await expect(tinh.page.locator('[data-unit="commune:15778"]')).toHaveCount(0);
  await expect(tinh.page.getByText("Thôn Trung")).toHaveCount(0);
  // The refused records stay on the phone, waiting.
  await wrong.page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await expect(wrong.page.getByText("Thôn Trung").first()).toBeVisible();
  expect(wrong.problems).toEqual([]);
  await wrong.context.close();
  await tinh.context.close();
});

test("a server holding hostile documents: the phone stores none, lists each, syncs the rest, and passes them next time", async ({ browser }) => {
  test.setTimeout(240_000);
  const hoa = await phone(browser, { onboarding: communeOfficial, db: "/db/ntm-38", user: "xa-thieu-hoa", password: "mat-khau-xa" });
  await mark(hoa.page, "3", "Đạt");
  await openSync(hoa.page);
  await syncNow(hoa.page);
  // Written as the server's administrator (a server without our rules would take them
  // from anyone): markup, hidden characters, a 1 MB name, a forged scope, malformed ones.
  const stamp = { hlc: { wall_ms: Date.now() - 60_000, counter: 0 }, device: "may-la", author: "Người lạ" };
  const village = (id, name) => ({
    _id: `unit#village:${id}`,
    scope: { province: "38", commune: "15772" },
    body: { kind: "unit", data: { id: `village:${id}`, stamp, data: { kind: "village", unit: { id, commune_code: "15772", name, kind: "thon" } } } },
  });
  const forged = {
    _id: "commune:15778|QD318_2022_XA@1|2025#mark:1",
    scope: { province: "38", commune: "15772" },
    body: { kind: "mark", data: { key: { unit: { level: "commune", id: "15778" }, set: { id: "QD318_2022_XA", version: "1" }, period: { year: 2025, part: "full_year" } }, criterion: "1", mark: { value: { value: "met" }, stamp } } },
  };
  const hostile = [
    village("hostile-1", "<img src=x onerror=alert(1)>"),
    village("hostile-2", "Thôn\u0000Giả\u202E"),
    village("hostile-3", "x".repeat(1 << 20)),
    forged,
    { _id: "unit#commune:15779", scope: {}, body: { kind: "mark", data: 7 } },
    { _id: "hostile-garbage", x: 1 },
  ].map((d, i) => ({ ...d, _rev: `1-${String(i + 1).padStart(32, "e")}` }));
  const planted = await fetch(`${baseURL}/db/ntm-38/_bulk_docs`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Basic " + Buffer.from("admin:quan-tri").toString("base64") },
    body: JSON.stringify({ docs: hostile, new_edits: false }),
  });
  expect(planted.ok).toBeTruthy();

  const tinh = await phone(browser, { onboarding: provinceOfficial, db: "/db/ntm-38", user: "tinh-38", password: "mat-khau-tinh" });
  await expect(tinh.page.getByTestId("sync-complete")).toBeVisible();
  const rejected = tinh.page.getByTestId("sync-rejected");
  await expect(rejected.locator("li")).toHaveCount(6);
  await expect(rejected).toContainText("không khớp với mã tài liệu");
  await expect(rejected).toContainText("U+0000");
  await expect(rejected).toContainText("dài quá");
  await expect(rejected).toContainText("Xã 15778");
  await tinh.page.screenshot({ path: screenshotPath("sync-rejected"), fullPage: true });
  // None of them is stored, and nothing reached the page as markup; the rest arrived.
  const dump = (await dataDump(tinh.page)).join("\n");
  expect(dump).not.toContain("hostile");
  expect(dump).not.toContain("onerror");
  await expect(tinh.page.getByTestId("sync-count-new")).not.toHaveText("0");
  expect(await tinh.page.locator('img[src="x"]').count()).toBe(0);
  // The next sync passes them: nothing listed, nothing stopped.
  const next = await syncNow(tinh.page);
  expect(next.received).toBe("0 bản ghi");
  await expect(tinh.page.getByTestId("sync-complete")).toBeVisible();
  await expect(tinh.page.getByTestId("sync-rejected")).toHaveCount(0);
  for (const d of [hoa, tinh]) expect(d.problems).toEqual([]);
  await hoa.context.close();
  await tinh.context.close();
});

test("a village head's account writes his own village, and the server refuses him another", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const hoa = await phone(browser, {
    onboarding: (page) => onboard(page, { name: "Nguyễn Thị Hoa", villages: ["Nậm Củm", "Thôn Đông"] }),
    db: "/db/ntm-38",
    user: "xa-thieu-hoa",
    password: "mat-khau-xa",
  });
  // Her phone lists the roles to ask the administrator for: a village is named by its id.
  const roles = hoa.page.getByTestId("sync-roles");
  await roles.locator("summary").click();
  await expect(roles.locator("code").first()).toHaveText("commune:15772");
  const roleOf = (village) => roles.locator("li", { hasText: village }).locator("code").innerText();
  const own = await roleOf("Nậm Củm");
  const other = await roleOf("Thôn Đông");
  for (const r of [own, other]) expect(r).toMatch(/^village:15772\/[\w-]+$/);
  await roles.screenshot({ path: screenshotPath("sync-roles") });
  const villageId = (role) => role.split("/")[1];
  // The administrator creates the village head's account with it.
  const admin = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: "Basic " + Buffer.from("admin:quan-tri").toString("base64") },
  });
  const created = await admin.put("/db/_users/org.couchdb.user:thon-nam-cum", {
    data: { name: "thon-nam-cum", password: "mat-khau-thon", type: "user", roles: ["province:38", own] },
  });
  expect(created.ok(), await created.text()).toBe(true);
  await admin.dispose();
  // The village head starts from her file, picks his village, and signs in with it.
  const { file } = await exportFile(hoa.page, "sync-village-head.json");
  const head = await phone(browser, {
    onboarding: async (p) => {
      await p.getByLabel("Họ và tên").fill("Lò Văn Ánh");
      await p.getByLabel("Trưởng thôn").check();
      await p.getByRole("button", { name: "Tiếp tục" }).click();
      await p.getByTestId("receive-file-input").setInputFiles(file);
      await expect(p.getByTestId("received")).toContainText("Xã Thiệu Hóa");
      await p.getByRole("button", { name: "Tiếp tục" }).click();
      await p.getByTestId("file-villages").getByLabel("Nậm Củm").check();
      await p.getByRole("button", { name: "Hoàn tất" }).click();
      await expect(p.getByTestId("home-unit")).toHaveText("Nậm Củm");
    },
    db: "/db/ntm-38",
    user: "thon-nam-cum",
    password: "mat-khau-thon",
  });
  // What he received from her file is on the server already: nothing refused.
  await expect(head.page.getByTestId("sync-complete")).toBeVisible();
  await expect(head.page.getByTestId("sync-refused")).toHaveCount(0);
  await expect(head.page.getByTestId("sync-waiting")).toHaveText("0 bản ghi");
  // He renames his village (his to write) and the other one (not his).
  const rename = async (id, name) => {
    await head.page.getByRole("link", { name: "Đơn vị", exact: true }).click();
    const node = head.page.locator(`li[data-unit="village:${id}"]`);
    await node.getByRole("button", { name: "Đổi tên" }).click();
    await node.getByLabel("Tên mới").fill(name);
    await node.getByRole("button", { name: "Lưu", exact: true }).click();
    await saved(head.page);
  };
  await rename(villageId(own), "Bản Nậm Củm");
  await rename(villageId(other), "Thôn Đông Mới");
  await openSync(head.page);
  const report = await syncNow(head.page);
  expect(report.sent).toBe("1 bản ghi");
  expect(report.waiting).toBe("1 bản ghi");
  const refused = head.page.getByTestId("sync-refused");
  await expect(refused).toContainText("Trưởng thôn chỉ được ghi dữ liệu của thôn mình.");
  await expect(refused).toContainText(`unit#village:${villageId(other)}`);
  await expect(refused.locator("li")).toHaveCount(1);
  // Her phone receives his village's new name, and not the other rename.
  await openSync(hoa.page);
  await syncNow(hoa.page);
  await hoa.page.getByRole("link", { name: "Đơn vị", exact: true }).click();
  await expect(hoa.page.locator(`li[data-unit="village:${villageId(own)}"] .node-name`).first()).toHaveText("Bản Nậm Củm");
  await expect(hoa.page.locator(`li[data-unit="village:${villageId(other)}"] .node-name`).first()).toHaveText("Thôn Đông");
  for (const d of [hoa, head]) expect(d.problems).toEqual([]);
  await hoa.context.close();
  await head.context.close();
});

test("a phone a year ahead: the other phone refuses its value, names it, and sends nothing back over it", async ({ browser }) => {
  test.setTimeout(180_000);
  const YEAR = 365 * 86_400_000;
  const hoa = await phone(browser, { onboarding: communeOfficial, db: "/db/ntm-38", user: "xa-thieu-hoa", password: "mat-khau-xa" });
  const tinh = await phone(browser, { onboarding: provinceOfficial, db: "/db/ntm-38", user: "tinh-38", password: "mat-khau-tinh", clockAheadMs: YEAR });
  // Both hold her "Chưa đạt" on criterion 3.
  await mark(hoa.page, "3", "Chưa đạt");
  await openSync(hoa.page);
  await syncNow(hoa.page);
  await openSync(tinh.page);
  expect((await syncNow(tinh.page)).received).not.toBe("0 bản ghi");
  // His phone, dated a year ahead, changes it.
  await mark(tinh.page, "3", "Đạt");
  await openSync(tinh.page);
  expect((await syncNow(tinh.page)).sent).not.toBe("0 bản ghi");
  // Her phone refuses it, says whose phone and which date, and keeps its value without
  // sending it back over his.
  await openSync(hoa.page);
  const got = await syncNow(hoa.page);
  expect(got.received).not.toBe("0 bản ghi");
  expect(got.sent).toBe("0 bản ghi");
  const future = hoa.page.getByTestId("sync-future");
  await expect(future).toContainText("Lê Văn Tỉnh");
  const year = new Date(Date.now() + YEAR).getUTCFullYear();
  await expect(future).toContainText(`/${year}`);
  await hoa.page.screenshot({ path: screenshotPath("sync-clock-ahead"), fullPage: true });
  // Nothing goes back and forth at the next syncs.
  for (let i = 0; i < 2; i++) {
    await openSync(tinh.page);
    const his = await syncNow(tinh.page);
    const hers = await syncNow(hoa.page);
    expect([his.sent, his.received, hers.sent, hers.received]).toEqual(Array(4).fill("0 bản ghi"));
  }
  await expect(hoa.page.getByTestId("sync-future")).toHaveCount(0);
  for (const d of [hoa, tinh]) expect(d.problems).toEqual([]);
  await hoa.context.close();
  await tinh.context.close();
});

test("a server stopped mid-sync: the next sync resumes, nothing lost or sent twice", async ({ browser, request }) => {
  test.setTimeout(600_000);
  const demo = await newDevice(browser, baseURL);
  const page = demo.page;
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await expect(page.getByTestId("greeting")).toBeVisible({ timeout: 60_000 });
  await openSync(page);
  await page.getByTestId("sync-server").fill("/db/ntm-99");
  await page.getByTestId("sync-save-server").click();
  await page.getByTestId("sync-name").fill("tinh-99");
  await page.getByTestId("sync-password").fill("mat-khau-mau");
  await page.getByTestId("sync-sign-in").click();
  // The server stops once the first batches are in.
  await expect(page.getByTestId("sync-progress")).toContainText(/Đang gửi: [1-9]/, { timeout: 120_000 });
  await request.post(`${baseURL}/__couch/down`);
  await synced(page, 1);
  await expect(page.getByTestId("sync-stopped")).toContainText("Không có mạng hoặc máy chủ không trả lời");
  const waitingBefore = await page.getByTestId("sync-waiting").innerText();
  expect(waitingBefore).not.toBe("0 bản ghi");
  const sentBefore = Number((await page.getByTestId("sync-sent").innerText()).replace(/\D/g, ""));
  expect(sentBefore).toBeGreaterThan(0);

  await request.post(`${baseURL}/__couch/up`);
  const after = await syncNow(page);
  await expect(page.getByTestId("sync-complete")).toBeVisible();
  expect(after.waiting).toBe("0 bản ghi");
  const sentAfter = Number(after.sent.replace(/\D/g, ""));
  // Every document is on the server once: what the two syncs sent, and no conflicts.
  const info = await (await request.get(`${baseURL}/db/ntm-99`, { headers: { Authorization: "Basic " + Buffer.from("admin:quan-tri").toString("base64") } })).json();
  expect(info.doc_count - 1).toBe(sentBefore + sentAfter);

  // Another phone of the province gets everything, and holds exactly the same data.
  const other = await newDevice(browser, baseURL);
  await other.page.goto("/");
  await appReady(other.page);
  await onboardProvince(other.page, { name: "Lê Thị Mẫu", province: "Thanh Hóa" });
  await openSync(other.page);
  await other.page.getByTestId("sync-server").fill("/db/ntm-99");
  await other.page.getByTestId("sync-save-server").click();
  await other.page.getByTestId("sync-name").fill("tinh-99");
  await other.page.getByTestId("sync-password").fill("mat-khau-mau");
  await other.page.getByTestId("sync-sign-in").click();
  await synced(other.page, 1);
  await expect(other.page.getByTestId("sync-complete")).toBeVisible();
  // The same data on both — but the official list's records, which every phone has from
  // the list itself (this one's Thanh Hóa goes to no other province's database).
  await syncNow(page);
  const userData = async (p) => (await dataDump(p)).filter((row) => !row.includes('"device":"danh-muc-chinh-thuc"'));
  expect(await userData(other.page)).toEqual(await userData(page));
  expect(await dataDump(other.page)).toContainEqual(expect.stringContaining('"id":"province:38"'));
  // The one request cut when the server stopped is the browser's to log, nothing else.
  expect(demo.problems.filter((p) => !p.includes("net::ERR_EMPTY_RESPONSE"))).toEqual([]);
  expect(other.problems).toEqual([]);
  await demo.context.close();
  await other.context.close();
});
