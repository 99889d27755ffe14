// The app is an installable, offline PWA with a strict Content-Security-Policy, and a new
// deploy is offered with "Có phiên bản mới — tải lại" rather than swapped in silently.
import { cp, mkdtemp, readdir, readFile, appendFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";
import { test, expect, appReady, serviceWorkerInControl } from "./fixtures.mjs";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist");

function pngSize(buffer) {
  return [buffer.readUInt32BE(16), buffer.readUInt32BE(20)];
}

test("the manifest is Vietnamese, standalone, with 192/512 and maskable icons", async ({ request }) => {
  const res = await request.get("/manifest.webmanifest");
  expect(res.ok()).toBe(true);
  const m = await res.json();
  expect(m.lang).toBe("vi");
  expect(m.name).toBe("Sổ theo dõi Nông thôn mới");
  expect(m.display).toBe("standalone");
  expect(m.start_url).toBeTruthy();
  expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const want = ["192x192 any", "512x512 any", "192x192 maskable", "512x512 maskable"];
  expect(m.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(want.sort());
  for (const icon of m.icons) {
    const img = await request.get(`/${icon.src}`);
    expect(img.ok(), icon.src).toBe(true);
    expect(img.headers()["content-type"]).toContain("image/png");
    expect(pngSize(await img.body()).join("x")).toBe(icon.sizes);
  }
});

test("the Content-Security-Policy allows only our own origin", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toMatch(/https?:/);
  // The fixture fails the test on any console error, which is where CSP violations go.
});

test("the service worker precaches every file of the build", async () => {
  const sw = await readFile(path.join(dist, "sw.js"), "utf8");
  const files = (await readdir(dist, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => path.relative(dist, path.join(d.parentPath, d.name)))
    .filter((f) => f !== "sw.js");
  expect(files.length).toBeGreaterThan(8);
  for (const f of files) expect(sw, `precache list has ${f}`).toContain(`"${f}"`);
});

test("a new deploy is offered with a reload prompt and takes over when accepted", async ({ browser }) => {
  // Serve a private copy of the build so this test can "deploy" a new version of it.
  const dir = await mkdtemp(path.join(tmpdir(), "ntm-deploy-"));
  await cp(dist, dir, { recursive: true });
  const server = createServer(sirv(dir, { single: true, dev: true }));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await appReady(page);
    await serviceWorkerInControl(page);
    await expect(page.getByText("Có phiên bản mới")).toHaveCount(0);

    await appendFile(path.join(dir, "sw.js"), "\n// next deploy\n");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await expect(page.getByText("Có phiên bản mới")).toBeVisible();

    await page.evaluate(() => (window.__beforeUpdate = true));
    await page.getByRole("button", { name: "Tải lại" }).click();
    await page.waitForFunction(() => window.__beforeUpdate === undefined);
    await appReady(page);
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: !!reg.waiting, controlled: !!navigator.serviceWorker.controller };
    });
    expect(state).toEqual({ waiting: false, controlled: true });
    await expect(page.getByText("Có phiên bản mới")).toHaveCount(0);
  } finally {
    await context.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
