// The figure oracle: on 20 generated provinces (random communes of the official list, wards
// and special zones, archived and merged units, unassessed communes, several sets, four
// periods, OCOP), every figure the dashboard displays equals the one computed again,
// independently, in JavaScript (tests/e2e/oracle/figures.mjs) from the same file. All cases
// live in one device at once: each is scoped to its own province, so they also prove that
// no figure leaks from one scope into another.
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { test, expect, appReady, onboardProvince, importFile, saved } from "./fixtures.mjs";
import { makeCase, catalog, BUILTIN, PERIODS, periodKey, setText } from "./oracle/dataset.mjs";
import { figures } from "./oracle/figures.mjs";

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const outDir = path.join(repoRoot, "target", "e2e-results", "oracle");
const schema = JSON.parse(readFileSync(path.join(repoRoot, "docs/exchange.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
// 20 in the suite; ORACLE_CASES=3 for a quick look while changing the oracle.
const CASES = Number(process.env.ORACLE_CASES || 20);
const periodLabel = (p) => (p.part === "first_half" ? `6 tháng đầu năm ${p.year}` : `Năm ${p.year}`);

/** Reads the figures the dashboard shows now. */
async function shown(page) {
  const text = async (id) => (await page.getByTestId(id).innerText()).replace(/[ \t\r\n]+/g, " ").trim();
  const rows = async (card) =>
    page.getByTestId(card).locator("table.figures").first().locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector("th").textContent.trim(), tr.querySelector("td").textContent.trim()]),
    );
  const noData = page.getByTestId("no-data-list");
  return {
    communes: (await text("fig-communes")).split(" ")[0],
    withData: await text("fig-with-data"),
    average: await text("average"),
    meeting: await text("fig-meeting"),
    notMeeting: await text("fig-not-meeting"),
    noData: await text("fig-no-data"),
    noDataListed: (await noData.count()) ? Number((await noData.locator("summary").innerText()).match(/\((\d+)\)/)[1]) : 0,
    ntm: (await text("ntm")).split(" · ")[0],
    nangCao: (await text("fig-nang-cao")).split(" · ")[0],
    kieuMau: (await text("fig-kieu-mau")).split(" · ")[0],
    villages: (await text("fig-villages")).split(" · ")[0],
    villagesWithData: await text("fig-villages-data"),
    bands: await rows("chart-bands"),
    ocopStars: (await rows("chart-ocop")).map((r) => r[1]),
  };
}

test("every dashboard figure equals the oracle's on 20 generated provinces", async ({ page }) => {
  test.setTimeout(900_000);
  mkdirSync(outDir, { recursive: true });
  await page.goto("/");
  await appReady(page);
  await onboardProvince(page, { name: "Người Kiểm Thử", province: "Thành phố Hà Nội" });

  // The cases: one province each (not the device's own), a file each, imported.
  const provinces = catalog.provinces.map((p) => p.c).filter((c) => c !== "01");
  const cases = [];
  for (let i = 0; i < CASES; i++) {
    const seed = 4200 + i;
    const { file, meta } = makeCase(seed, provinces[i]);
    expect(validate(file), `case ${seed}: ${JSON.stringify(validate.errors)}`).toBe(true);
    const name = path.join(outDir, `oracle-${seed}.json`);
    writeFileSync(name, JSON.stringify(file));
    await importFile(page, name);
    // Adopting is a choice made on the device: some cases adopt their sets, some do not.
    const adopted = { xa_ntm: [], thon_ntm: [] };
    if (meta.random.chance(0.5)) adopted.xa_ntm.push(meta.communeSet.id);
    if (meta.random.chance(0.6)) adopted.thon_ntm.push(meta.villageSet.id);
    cases.push({ seed, file, meta, adopted });
  }
  for (const c of cases) {
    for (const [level, sets] of Object.entries(c.adopted)) {
      if (!sets.length) continue;
      const set = level === "xa_ntm" ? c.meta.communeSet : c.meta.villageSet;
      // Each step waits for its page (bounded), so a slow or lost navigation fails here with
      // the page's state rather than hanging until the test's timeout.
      await page.getByRole("link", { name: "Bộ tiêu chí", exact: true }).click();
      await expect(page).toHaveURL(/\/bo-tieu-chi$/);
      await page.locator(`li[data-lineage="${set.id}"] a`).click({ timeout: 15_000 });
      await expect(page).toHaveURL(new RegExp(`/bo-tieu-chi/${set.id}`));
      await page.getByTestId(`adopt-${level}`).check({ timeout: 15_000 });
      await saved(page);
    }
  }

  await page.getByRole("link", { name: "Biểu đồ", exact: true }).click();
  let checked = 0;
  const seen = { meeting: 0, ntm: 0, nangCao: 0, kieuMau: 0, villages: 0, ocop: 0 };
  const some = (ofTotalText) => Number(ofTotalText.split("/")[0].replace(/\./g, "")) > 0;
  for (const c of cases) {
    const r = c.meta.random;
    const live = c.file.content.units.filter((u) => u.data.kind === "commune" && !u.archived);
    const checks = [{ scope: { province: c.meta.province }, set: BUILTIN.ntm }];
    if (live.length) checks.push({ scope: { commune: r.pick(live).data.unit.code }, set: r.pick([BUILTIN.ntm, c.meta.communeSet]) });
    checks.push({ scope: { province: c.meta.province }, set: c.meta.communeSet });
    for (const check of checks) {
      // A period the set has assessments in (the dashboard offers no other).
      const periods = PERIODS.filter((p) =>
        c.file.content.assessments.some((a) => a.key.set.id === check.set.id && a.key.period.year === p.year && a.key.period.part === p.part),
      );
      if (!periods.length) continue;
      const period = r.pick(periods);
      const wards = r.chance(0.5);
      const scopeKey = check.scope.province ? `province:${check.scope.province}` : `commune:${check.scope.commune}`;
      await page.getByTestId("dash-scope").selectOption(scopeKey);
      await page.getByTestId("dash-set").selectOption(setText(check.set));
      await page.getByTestId("dash-period").selectOption(periodKey(period));
      await page.getByTestId("dash-wards").setChecked(wards);
      // The figures are computed in a task after the choice: read them once they are the new ones.
      await expect(page.getByTestId("dashboard")).toHaveAttribute("aria-busy", "false");
      const scopeName = check.scope.province
        ? c.meta.provinceName
        : c.file.content.units.find((u) => u.id === scopeKey).data.unit.name;
      await expect(page.getByTestId("report-title")).toHaveText(`${scopeName} · ${periodLabel(period)}`);
      await expect(page.getByTestId("report-set")).toContainText(`(${check.set.code})`);
      await expect(page.getByTestId("chart-ocop")).toBeVisible();
      const want = figures(c.file, { ...check, period, wards, adopted: c.adopted });
      const got = await shown(page);
      expect(got, `case ${c.seed}: ${scopeKey} · ${check.set.code} · ${periodKey(period)} · wards ${wards}`).toEqual(want);
      checked += 1;
      for (const k of ["meeting", "ntm", "nangCao", "kieuMau", "villages"]) seen[k] += some(want[k]);
      seen.ocop += want.ocopStars.some((n) => n !== "0");
      if (process.env.ORACLE_LOG) console.log(c.seed, scopeKey, check.set.code, periodKey(period), wards, JSON.stringify(want));
    }
  }
  expect(checked).toBeGreaterThanOrEqual(2 * CASES);
  // The checks reached every kind of figure with something in it, not only zeros.
  for (const [k, n] of Object.entries(seen)) expect(n, `checks where ${k} is not zero`).toBeGreaterThanOrEqual(Math.ceil(CASES / 8));
});
