// End-to-end tests against the release build (dist/), served on 127.0.0.1:4173 by sirv
// with the single-page fallback a static host gives. Phone-sized viewport, Debian Chromium.
import { defineConfig } from "@playwright/test";

export const PORT = 4173;
// The same app built with `--public-url /ntm/` (scripts/test.sh puts it in
// target/dist-sub/ntm), served at /ntm/ as a project page of a free static host is.
export const SUBPATH_PORT = 4174;
// The build and a CouchDB-protocol server (express-pouchdb, in memory) on one origin, the
// database under /db/ as docs/sync.md deploys it (tests/e2e/sync-server.mjs).
export const SYNC_PORT = 4175;
export const chromiumLaunch = {
  executablePath: process.env.NTM_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
};

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  outputDir: "../../target/e2e-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    serviceWorkers: "allow",
    launchOptions: chromiumLaunch,
    trace: "retain-on-failure",
    // A click on an element that never comes fails in 30 s with the page's state, instead
    // of waiting out a long test's own timeout (figures.spec allows 15 minutes).
    actionTimeout: 30_000,
  },
  webServer: [
    {
      command: `sirv ../../dist --single --host 127.0.0.1 --port ${PORT} --quiet`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Unknown paths fall back to /ntm/index.html; nothing is served outside /ntm/.
      command: `sirv ../../target/dist-sub --single ntm/index.html --host 127.0.0.1 --port ${SUBPATH_PORT} --quiet`,
      url: `http://127.0.0.1:${SUBPATH_PORT}/ntm/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node sync-server.mjs`,
      env: { NTM_SYNC_PORT: String(SYNC_PORT) },
      url: `http://127.0.0.1:${SYNC_PORT}/__couch/ready`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
