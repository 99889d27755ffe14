// What a wasm module holds, by crate: the code section's function bodies summed per crate
// (raw, and brotli of each crate's bodies together) and the data section's size. Needs a
// build that keeps function names (BENCHMARKS.md: NTM_WASM_NAMES=1 … --dist target/dist-names).
// Not part of the tests.
//   node scripts/wasm-sizes.mjs target/dist-names/ntm-*_bg.wasm [rows] [regexp of functions to list]
import { readFileSync } from "node:fs";
import { brotliCompressSync } from "node:zlib";

const [file, rows = "40", pattern] = process.argv.slice(2);
const buf = readFileSync(file);
let p = 8;
const uleb = () => {
  let r = 0, s = 0, b;
  do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
  return r;
};
let imported = 0, code, names, data;
while (p < buf.length) {
  const id = buf[p++], size = uleb(), start = p, end = p + size;
  if (id === 0) {
    const n = uleb();
    if (buf.subarray(p, p + n).toString() === "name") names = [p + n, end];
  } else if (id === 2) {
    // Imported functions come first in the function index space.
    for (let i = 0, n = uleb(); i < n; i++) {
      // Module and field names (a length, then the bytes).
      for (let k = 0; k < 2; k++) { const l = uleb(); p += l; }
      const kind = buf[p++];
      if (kind === 0) { uleb(); imported++; }
      else if (kind === 1) { p++; if (buf[p++] & 1) { uleb(); uleb(); } else uleb(); }
      else if (kind === 2) { if (buf[p++] & 1) { uleb(); uleb(); } else uleb(); }
      else if (kind === 3) p += 2;
    }
  } else if (id === 10) code = [start, end];
  else if (id === 11) data = [start, end];
  p = end;
}
const nameOf = new Map();
if (names) {
  p = names[0];
  while (p < names[1]) {
    const sub = buf[p++], size = uleb(), end = p + size;
    if (sub === 1) for (let i = 0, n = uleb(); i < n; i++) { const idx = uleb(), l = uleb(); nameOf.set(idx, buf.subarray(p, p + l).toString()); p += l; }
    p = end;
  }
}
p = code[0];
const funcs = [];
for (let i = 0, n = uleb(); i < n; i++) {
  const size = uleb();
  funcs.push({ name: nameOf.get(imported + i) || `f${imported + i}`, body: buf.subarray(p, p + size) });
  p += size;
}
const crateOf = (name) => {
  const m = name.match(/^<([^ >]+)( as [^>]+)?>/);
  return (m ? m[1] : name).replace(/^&?(mut )?(dyn )?/, "").split("::")[0].replace(/[<[(].*/, "");
};
const byCrate = new Map();
for (const f of funcs) {
  const c = crateOf(f.name);
  byCrate.set(c, [...(byCrate.get(c) || []), f.body]);
}
const table = [...byCrate].map(([crate, bodies]) => {
  const all = Buffer.concat(bodies);
  return { crate, functions: bodies.length, raw: all.length, brotli: brotliCompressSync(all).length };
}).sort((a, b) => b.raw - a.raw);
const dataBytes = data ? buf.subarray(data[0], data[1]) : Buffer.alloc(0);
console.log(`${file}: ${funcs.length} functions, code ${code[1] - code[0]} B, data ${dataBytes.length} B (brotli ${brotliCompressSync(dataBytes).length} B)`);
console.table(table.slice(0, Number(rows)));
if (pattern) {
  const re = new RegExp(pattern);
  for (const f of funcs.filter((f) => re.test(f.name)).sort((a, b) => b.body.length - a.body.length).slice(0, 60)) {
    console.log(String(f.body.length).padStart(8), f.name.slice(0, 200));
  }
}
