// Deterministic exchange files for the figure oracle: one province of the official list
// per case, with a random subset of its communes (wards and special zones included,
// some archived), villages (some archived, some merged into another, chains and cycles
// too), assessments against built-in and custom sets over four periods (marks met / not
// met / not applicable, unmarked criteria, cleared values, whole assessments cleared),
// OCOP products and ratings (some archived, some in wards). The same seed gives the same
// file, byte for byte. Written from the format's documentation, not from the app's code.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { contentHash, versionId } from "../../../scripts/exchange-format.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const catalog = JSON.parse(readFileSync(path.join(repoRoot, "public/data/units.json"), "utf8"));
const builtin = (name) =>
  JSON.parse(readFileSync(path.join(repoRoot, "src/domain/criteria_data", `${name}.json`), "utf8"));
export const BUILTIN = {
  ntm: builtin("QD318_2022_XA"),
  nangCao: builtin("QD318_2022_XA_NANG_CAO"),
  kieuMau: builtin("QD319_2022_XA_KIEU_MAU"),
};

/** mulberry32: a small seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    hex: (n) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(""),
  };
}

/** When every generated file says it was made (stamps and dates are before it). */
export const CREATED_AT = "2026-11-01T00:00:00.000Z";
const CREATED_MS = Date.parse(CREATED_AT);
export const PERIODS = [
  { year: 2024, part: "first_half" },
  { year: 2024, part: "full_year" },
  { year: 2025, part: "first_half" },
  { year: 2025, part: "full_year" },
];
export const periodKey = (p) => (p.part === "first_half" ? `${p.year}-H1` : `${p.year}`);
const DEVICES = ["dev-a", "dev-b", "dev-c"];

/** A custom set as the app serialises it (every field it writes, so the hash matches). */
function customSet(r, { level, code, title, criteria }) {
  const set = {
    id: `oracle-${r.hex(8)}-${r.hex(4)}`,
    version: "",
    number: 1,
    parents: [],
    code,
    title,
    legal_basis: "Quyết định thử của tỉnh (dữ liệu kiểm thử)",
    period: { from: 2021, to: 2030 },
    level,
    dimension: "none",
    groups: [],
    criteria: criteria.map(([id, name], i) => ({
      id,
      code: String(i + 1),
      name,
      indicators: [],
      source: { citation: "QĐ thử" },
      verified: false,
    })),
    source: { citation: "QĐ thử" },
    builtin: false,
  };
  set.version = versionId(set);
  return set;
}

const setRef = (s) => ({ id: s.id, version: s.version });
export const setText = (s) => `${s.id}@${s.version}`;

/**
 * The case `seed`: `{ file, meta }`. `meta` says what the test needs to drive the app:
 * the province, the custom sets, which lineages to adopt on the device.
 */
export function makeCase(seed, provinceCode) {
  const r = rng(seed);
  const province = catalog.provinces.find((p) => p.c === provinceCode);
  let minute = 0;
  const stamp = () => {
    minute += r.int(1, 90);
    return {
      hlc: { wall_ms: CREATED_MS - 400 * 86_400_000 + minute * 60_000, counter: r.int(0, 2) },
      device: r.pick(DEVICES),
      author: r.pick(["Nguyễn Thị Hoa", "Lò Văn Ánh", "Trần Minh"]),
    };
  };
  const units = [];
  const unit = (id, data, archived = false) => units.push({ id, data, stamp: stamp(), archived });
  unit(`province:${province.c}`, { kind: "province", unit: { code: province.c, name: province.n } });

  // Communes: some xã, some wards or special zones, a few archived.
  const pool = [...province.w];
  const communes = [];
  const wanted = r.int(8, 20);
  while (communes.length < wanted && pool.length) {
    const [code, name, kind] = pool.splice(r.int(0, pool.length - 1), 1)[0];
    const archived = r.chance(0.1);
    communes.push({ code, name, kind, archived });
    const kinds = { x: "xa", p: "phuong", d: "dac_khu" };
    unit(
      `commune:${code}`,
      { kind: "commune", unit: { code, name, kind: kinds[kind], province_code: province.c, archived: false } },
      archived,
    );
  }

  // Villages, a few archived; some merged into another of their commune (a chain or a
  // cycle now and then, and a pointer to a village that is not in the file).
  const villages = [];
  for (const c of communes) {
    const n = r.int(0, 4);
    const here = [];
    for (let i = 0; i < n; i++) {
      here.push({ id: `v${seed}-${c.code}-${i}`, commune: c.code, name: `Thôn ${i + 1}`, archived: r.chance(0.1), into: null });
    }
    if (here.length >= 2 && r.chance(0.6)) here[1].into = here[0].id;
    if (here.length >= 3 && r.chance(0.3)) here[2].into = here[1].id;
    if (here.length >= 3 && r.chance(0.15)) here[0].into = here[2].id; // a cycle
    if (here.length >= 4 && r.chance(0.3)) here[3].into = `v-missing-${seed}`;
    for (const v of here) {
      const data = { id: v.id, commune_code: v.commune, name: v.name, kind: "thon", archived: false };
      if (v.into) data.merged_into = v.into;
      unit(`village:${v.id}`, { kind: "village", unit: data }, v.archived);
      villages.push(v);
    }
  }

  // Sets: the national ones, a province copy for communes, a village set.
  const communeSet = customSet(r, {
    level: "xa_ntm",
    code: `TINH_${province.c}_XA`,
    title: `Bộ tiêu chí xã của tỉnh (thử ${seed})`,
    criteria: Array.from({ length: r.int(6, 12) }, (_, i) => [`c${r.hex(6)}${i}`, `Tiêu chí thử ${i + 1}`]),
  });
  const villageSet = customSet(r, {
    level: "thon_ntm",
    code: `THON_${province.c}`,
    title: `Bộ tiêu chí thôn (thử ${seed})`,
    criteria: Array.from({ length: r.int(3, 6) }, (_, i) => [`t${r.hex(6)}${i}`, `Tiêu chí thôn ${i + 1}`]),
  });
  const sets = [communeSet, villageSet];

  // Assessments.
  const assessments = [];
  const marksFor = (set, how) => {
    const marks = {};
    for (const c of set.criteria) {
      if (c.auto) continue;
      if (!how.complete && r.chance(how.unmarked)) continue;
      let value;
      const x = r.next();
      if (how.complete) value = x < 0.93 ? "met" : "not_applicable";
      else if (x < how.met) value = "met";
      else if (x < how.met + 0.05) value = "not_applicable";
      else value = "not_met";
      if (!how.complete && r.chance(0.03)) value = null; // cleared
      marks[c.id] = { value: { value }, stamp: stamp() };
    }
    return marks;
  };
  const assess = (unitRef, set, period, how) => {
    let marks = marksFor(set, how);
    if (r.chance(0.04)) {
      // Every value cleared: no data.
      for (const k of Object.keys(marks)) marks[k] = { value: { value: null }, stamp: stamp() };
    }
    assessments.push({ key: { unit: unitRef, set: setRef(set), period }, marks, values: {} });
  };
  for (const c of communes) {
    const unitRef = { level: "commune", id: c.code };
    const strength = 0.55 + r.next() * 0.45;
    // Some communes meet everything from some period on (as "đạt chuẩn" communes do).
    const from = r.chance(0.45) ? r.int(0, PERIODS.length - 1) : PERIODS.length;
    PERIODS.forEach((p, i) => {
      const how = { met: strength, unmarked: r.chance(0.3) ? 0.08 : 0, complete: i >= from };
      if (r.chance(0.75)) assess(unitRef, BUILTIN.ntm, p, how);
      if (r.chance(how.complete ? 0.7 : 0.3)) assess(unitRef, BUILTIN.nangCao, p, { ...how, complete: how.complete && r.chance(0.8) });
      if (r.chance(how.complete ? 0.6 : 0.2)) assess(unitRef, BUILTIN.kieuMau, p, { met: 0.9, unmarked: 0, complete: how.complete });
      if (r.chance(0.4)) assess(unitRef, communeSet, p, { met: strength, unmarked: 0.05, complete: how.complete && r.chance(0.7) });
    });
  }
  for (const v of villages) {
    for (const p of PERIODS) {
      if (r.chance(0.5)) assess({ level: "village", id: v.id }, villageSet, p, { met: 0.8, unmarked: 0.05, complete: r.chance(0.4) });
    }
  }

  // OCOP.
  const products = [];
  const ratings = [];
  const groups = ["thuc_pham", "do_uong", "duoc_lieu", "thu_cong_my_nghe"];
  for (let i = 0; i < r.int(2, 10); i++) {
    const c = r.pick(communes);
    const id = `p${seed}-${i}`;
    products.push({
      id,
      data: {
        id, name: `Sản phẩm thử ${i + 1}`, group: r.pick(groups), subgroup: "", producer: `HTX ${i + 1}`,
        producer_kind: "hop_tac_xa", commune_code: c.code, archived: false,
      },
      stamp: stamp(),
      archived: r.chance(0.1),
    });
    for (let j = 0; j < r.int(0, 3); j++) {
      const rid = `${id}-r${j}`;
      const year = r.pick([2023, 2024, 2025, 2026]);
      const month = String(r.int(1, year === 2026 ? 10 : 12)).padStart(2, "0");
      ratings.push({
        id: rid,
        data: {
          id: rid, product_id: id,
          points: { a: r.int(14, 40), b: r.int(8, 24) + 0.5 * r.int(0, 1), c: r.int(10, 35) },
          certified_by: "province", decision_no: "", issue_date: `${year}-${month}-15`,
        },
        stamp: stamp(),
        archived: r.chance(0.1),
      });
    }
  }

  const setRecords = sets.map((s) => ({ id: setText(s), data: s, stamp: stamp(), archived: false }));
  const content = { units, sets: setRecords, assessments, ocop_products: products, ocop_ratings: ratings };
  const used = [...new Set(assessments.map((a) => `${a.key.set.id}@${a.key.set.version}`))].sort();
  const file = {
    format: "ntm-exchange",
    schema_version: 2,
    app_version: "oracle",
    created_at: CREATED_AT,
    sender: { device: "oracle-device", name: "Bộ sinh dữ liệu kiểm thử", role: "can_bo_tinh", unit: `province:${province.c}` },
    scope: { kind: "province", code: province.c },
    sets_used: used,
    content,
    hash: contentHash(content),
  };
  return { file, meta: { province: province.c, provinceName: province.n, communeSet, villageSet, random: r } };
}
