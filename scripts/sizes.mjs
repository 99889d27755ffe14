// Prints every file of the release build (dist/) with its raw, gzip and brotli sizes, and
// the first-load transfer (index.html and what it references) apart from the chart code
// and the worker, which are loaded later. Usage: trunk build --release --offline && node scripts/sizes.mjs
// scripts/bench.mjs imports `measure` for its budget table.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const sum = (list) => list.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** Sizes of every file of `dist`, and the first-load, chart-code and total sums (bytes). */
export async function measure(dist) {
  const entries = (await readdir(dist, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const rows = [];
  for (const d of entries) {
    const file = path.relative(dist, path.join(d.parentPath, d.name));
    const data = await readFile(path.join(dist, file));
    rows.push({
      file,
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  rows.sort((a, b) => b.raw - a.raw);
  const index = await readFile(path.join(dist, "index.html"), "utf8");
  const referenced = new Set(["index.html"]);
  for (const m of index.matchAll(/(?:href|src)="\/?([^"]+)"/g)) referenced.add(m[1]);
  for (const m of index.matchAll(/'\/?([^']+\.(?:js|wasm))'/g)) referenced.add(m[1]);
  // The pages' modules' loader is imported by the page's glue at start-up.
  for (const r of rows) if (/^ntm-split-[0-9a-f]{16}\.js$/.test(r.file)) referenced.add(r.file);
  return {
    rows,
    firstLoad: sum(rows.filter((r) => referenced.has(r.file))),
    charts: sum(rows.filter((r) => /^echarts-[0-9a-f]{16}\.js$/.test(r.file))),
    pages: sum(rows.filter((r) => /^(split_|chunk_)[^/]*\.wasm$/.test(r.file))),
    worker: sum(rows.filter((r) => /^worker-(glue-)?[0-9a-f]{16}(_bg\.wasm|\.js)$/.test(r.file))),
    all: sum(rows),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = await measure(process.argv[2] || "dist");
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  const line = (name, r) => `${name.padEnd(44)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`;
  console.log(`${"file".padEnd(44)}${"raw KiB".padStart(8)}${"gzip".padStart(8)}${"brotli".padStart(8)}`);
  for (const r of m.rows) console.log(line(r.file, r));
  console.log("-".repeat(68));
  console.log(line("first load (index.html + what it references)", m.firstLoad));
  console.log(line("chart code (loaded with the first chart)", m.charts));
  console.log(line("worker (loaded with the first download)", m.worker));
  console.log(line("pages' modules (each loaded when opened)", m.pages));
  console.log(line("everything (precached by the service worker)", m.all));
}
