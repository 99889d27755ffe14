// Renders public/icons/icon.svg into the PNG icons the manifest lists, with Debian's
// Chromium. Run after editing the SVG: `node scripts/make-icons.mjs` (the PNGs are committed).
import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";

const svg = await readFile("public/icons/icon.svg", "utf8");
// "any" icons get rounded corners; maskable ones stay full-bleed for the launcher's mask.
const rounded = svg.replace('<rect width="512" height="512"', '<rect width="512" height="512" rx="96"');
const targets = [
  ["public/icons/icon-192.png", rounded, 192],
  ["public/icons/icon-512.png", rounded, 512],
  ["public/icons/icon-maskable-192.png", svg, 192],
  ["public/icons/icon-maskable-512.png", svg, 512],
  ["public/icons/apple-touch-icon.png", svg, 180],
  // PNG data in an .ico file: every current browser reads it.
  ["public/favicon.ico", rounded, 48],
];
const browser = await chromium.launch({
  executablePath: process.env.NTM_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage();
for (const [file, source, size] of targets) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0">${source.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: file, type: "png", omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log("wrote", file);
}
await browser.close();
