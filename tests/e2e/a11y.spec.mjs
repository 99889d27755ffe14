// Every page with the demo data loaded passes axe-core (WCAG 2.1 A and AA rules) on a
// phone-sized screen: contrast, names that match what is visible, scrollable regions the
// keyboard can reach, labelled controls.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, appReady } from "./fixtures.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The violations on the page as it is, one line each (rule, nodes, first target). */
async function violations(page) {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays on.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(" ")} — ${v.help}`);
}

test("axe-core finds no violation on any page with the demo data", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: "Xem dữ liệu mẫu" }).click();
  await expect(page.getByTestId("greeting")).toHaveText("Xin chào, Người dùng mẫu");
  const pages = [
    ["/", "greeting"],
    ["/don-vi", null],
    ["/don-vi/commune:99001", "met-count"],
    ["/don-vi/village:demo-99001-1", "met-count"],
    ["/ocop", null],
    ["/ke-hoach", null],
    ["/bo-tieu-chi", null],
    ["/bo-tieu-chi/QD318_2022_XA@1", "set-label"],
    ["/bieu-do", "report-title"],
    ["/bao-cao", "narrative"],
    ["/trao-doi", null],
    ["/luu-tru", null],
    ["/dong-bo", null],
  ];
  const found = {};
  for (const [url, ready] of pages) {
    await page.goto(url);
    await appReady(page);
    if (ready) await expect(page.getByTestId(ready).first()).toBeVisible();
    await page.waitForTimeout(300);
    const v = await violations(page);
    if (v.length) found[url] = v;
  }
  expect(found).toEqual({});
});
