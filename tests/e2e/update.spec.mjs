// An update that changed one page's module (issue 16, part 4): the new deploy is the same
// build with one chunk's bytes changed (scripts/test.sh: NTM_TOUCH_CHUNK, into
// target/dist-update). Every file is named by its content, so the update downloads only
// what changed — that chunk, the two small scripts that name it, index.html and sw.js —
// never the main wasm, the worker, ECharts or another page's module; and the app still
// works offline after it, the changed page included.
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";
import { test, expect, appReady, serviceWorkerInControl } from "./fixtures.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const v1 = path.join(root, "dist");
const v2 = path.join(root, "target", "dist-update");
const TOUCHED = /^split_device_pages_\d+-[0-9a-f]{16}\.wasm$/;

/** Every file of a build (relative path → bytes). */
async function files(dir) {
  const out = new Map();
  for (const f of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    const full = path.join(f.parentPath ?? f.path, f.name);
    out.set(path.relative(dir, full).split(path.sep).join("/"), await readFile(full));
  }
  return out;
}

test("an update that changed one chunk downloads only what changed, and works offline", async ({ browser }) => {
  const [before, after] = await Promise.all([files(v1), files(v2)]);
  const changed = [...after.keys()].filter((f) => !before.has(f) || !before.get(f).equals(after.get(f)));
  // The build changed exactly: the chunk, the glue and the split loader (they name each
  // other and the chunks, so they share one new hash), the page that names them, sw.js.
  expect(changed.filter((f) => !TOUCHED.test(f)).sort()).toEqual(
    ["index.html", expect.stringMatching(/^ntm-[0-9a-f]{16}\.js$/), expect.stringMatching(/^ntm-split-[0-9a-f]{16}\.js$/), "sw.js"],
  );
  const touched = changed.find((f) => TOUCHED.test(f));
  expect(touched).toBeTruthy();

  // Serve a private copy of the first build, so that this test can deploy the second.
  const dir = await mkdtemp(path.join(tmpdir(), "ntm-update-"));
  await cp(v1, dir, { recursive: true });
  const fetched = [];
  const serve = sirv(dir, { single: true, dev: true });
  const server = createServer((req, res) => {
    fetched.push(decodeURIComponent(new URL(req.url, "http://x").pathname).slice(1));
    serve(req, res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}luu-tru`);
    await appReady(page);
    await serviceWorkerInControl(page);
    await expect(page.getByTestId("schema")).toHaveText("7");

    // Deploy: the second build replaces the first.
    await rm(dir, { recursive: true, force: true });
    await cp(v2, dir, { recursive: true });
    fetched.length = 0;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await expect(page.getByText("Có phiên bản mới")).toBeVisible({ timeout: 30_000 });
    await page.evaluate(() => (window.__beforeUpdate = true));
    await page.getByRole("button", { name: "Tải lại" }).click();
    await page.waitForFunction(() => window.__beforeUpdate === undefined);
    await appReady(page);
    await expect(page.getByTestId("schema")).toHaveText("7");

    // What the update downloaded: the changed chunk and nothing that did not change.
    const downloaded = [...new Set(fetched.filter((f) => f !== "" && f !== "luu-tru"))];
    console.log(`the update downloaded: ${downloaded.join(", ")}`);
    expect(downloaded).toContain(touched);
    expect(downloaded.filter((f) => !changed.includes(f)), `downloaded: ${downloaded.join(", ")}`).toEqual([]);

    // Offline: the changed page, an unchanged one, and a reload, all from the cache.
    await context.setOffline(true);
    await page.goto(`${url}ocop`);
    await appReady(page);
    await page.goto(`${url}luu-tru`);
    await expect(page.getByTestId("schema")).toHaveText("7");
    await page.reload();
    await expect(page.getByTestId("schema")).toHaveText("7");
  } finally {
    await context.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
