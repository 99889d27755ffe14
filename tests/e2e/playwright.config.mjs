// End-to-end tests against the release build (dist/), served on 127.0.0.1:4173 by sirv
// with the single-page fallback a static host gives. Phone-sized viewport, Debian Chromium.
import { defineConfig } from "@playwright/test";

export const PORT = 4173;
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
  },
  webServer: {
    command: `sirv ../../dist --single --host 127.0.0.1 --port ${PORT} --quiet`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
