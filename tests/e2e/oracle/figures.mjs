// The figure oracle: the dashboard's figures computed again, independently of the app,
// from an exchange file and the official list, by the rules written in README
// ("Dashboard: what each figure counts") and docs/exchange-format.md ("Identities").
// The Playwright spec compares the numbers the app displays with these.
import { catalog, BUILTIN } from "./dataset.mjs";

// --- Vietnamese number style ---------------------------------------------------------------
const groupThousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
export const int = (n) => groupThousands(n);
/** `value` with `decimals` digits after a decimal comma, half away from zero. */
export function decimal(value, decimals) {
  const scale = 10 ** decimals;
  const scaled = Math.round(Math.abs(value) * scale * (1 + 1e-12));
  const whole = Math.floor(scaled / scale);
  const frac = scaled % scale;
  const sign = value < 0 && scaled !== 0 ? "-" : "";
  return decimals > 0 ? `${sign}${groupThousands(whole)},${String(frac).padStart(decimals, "0")}` : `${sign}${groupThousands(whole)}`;
}
export function percent(p) {
  const one = Math.round(p * 10) / 10;
  return `${decimal(p, Number.isInteger(one) ? 0 : 1)}\u00a0%`;
}
/** "103/143 xã (72 %)" */
export function ofTotal(count, total, unit, share) {
  const base = `${int(count)}/${int(total)} ${unit}`;
  return share ? `${base} (${percent(total === 0 ? 0 : (count * 100) / total)})` : base;
}

// --- stamps and merged villages -----------------------------------------------------------
const later = (a, b) => {
  if (a.hlc.wall_ms !== b.hlc.wall_ms) return a.hlc.wall_ms > b.hlc.wall_ms;
  if (a.hlc.counter !== b.hlc.counter) return a.hlc.counter > b.hlc.counter;
  if (a.device !== b.device) return a.device > b.device;
  return a.author > b.author;
};

/** village id → the id of the village it counts as. */
function keptVillages(villages) {
  const byId = new Map(villages.map((v) => [v.id, v]));
  const next = (v) => {
    const t = v.merged_into && byId.get(v.merged_into);
    return t && t.commune_code === v.commune_code ? t : null;
  };
  const kept = new Map();
  for (const v of villages) {
    const seen = [v.id];
    let at = v;
    let result;
    for (;;) {
      const n = next(at);
      if (!n) { result = at.id; break; }
      const i = seen.indexOf(n.id);
      if (i >= 0) { result = seen.slice(i).sort()[0]; break; }
      seen.push(n.id);
      at = n;
    }
    kept.set(v.id, result);
  }
  return kept;
}

// --- evaluation ----------------------------------------------------------------------------
const hasData = (a) => Object.values(a.marks).some((m) => m.value.value !== null && m.value.value !== undefined);

/** Outcomes of `set`'s criteria for assessment `a` (marks only; `nangCao` decides the
 *  criterion that follows the nâng cao result: undefined when there is none). */
function summary(set, a, nangCao) {
  const outcomes = set.criteria.map((c) => {
    if (c.auto === "nang_cao_achieved") return nangCao === undefined ? "unknown" : nangCao ? "met" : "not_met";
    const m = a.marks[c.id]?.value.value;
    return m === "met" ? "met" : m === "not_met" ? "not_met" : m === "not_applicable" ? "na" : "unknown";
  });
  const reached = outcomes.filter((o) => o === "met" || o === "na").length;
  const total = outcomes.length;
  return { reached, total, meets: total > 0 && reached === total };
}

function defaultBands(n) {
  if (n === 19) return [[19, 19], [15, 18], [10, 14], [0, 9]];
  if (n === 10) return [[10, 10], [8, 9], [5, 7], [0, 4]];
  const high = Math.max(Math.ceil((n * 4) / 5), 1);
  const mid = Math.max(Math.ceil(n / 2), 1);
  const bands = [[n, n]];
  if (high < n) bands.push([high, n - 1]);
  if (mid < high) bands.push([mid, high - 1]);
  if (mid > 0) bands.push([0, mid - 1]);
  return bands;
}
const bandLabel = ([min, max]) =>
  min === max ? `${min} tiêu chí` : min === 0 ? `Dưới ${max + 1} tiêu chí` : `${min}–${max} tiêu chí`;

/**
 * The figures the dashboard must show for `file` (everything on the device for this
 * province comes from it), scope `scope` ({province} or {commune}), set `set` (the set
 * object), period `period`, with `wards` counted or not, and the lineages `adopted` on
 * the device per level ({xa_ntm: [...], thon_ntm: [...]}).
 */
export function figures(file, { scope, set, period, wards, adopted }) {
  const c = file.content;
  const samePeriod = (p) => p.year === period.year && p.part === period.part;
  const live = (r) => !r.archived && !r.data.unit.archived;
  const communeRecords = c.units.filter((u) => u.data.kind === "commune");
  const villageRecords = c.units.filter((u) => u.data.kind === "village");

  // The communes counted: the official list's and the device's, minus archived ones.
  const counted = new Map();
  const kindOf = { x: "xa", p: "phuong", d: "dac_khu" };
  if (scope.province) {
    const archived = new Set(communeRecords.filter((u) => !live(u)).map((u) => u.data.unit.code));
    for (const u of communeRecords.filter(live)) {
      if (u.data.unit.province_code === scope.province && (wards || u.data.unit.kind === "xa")) counted.set(u.data.unit.code, u.data.unit.name);
    }
    const official = catalog.provinces.find((p) => p.c === scope.province);
    for (const [code, name, kind] of official ? official.w : []) {
      if ((wards || kindOf[kind] === "xa") && !archived.has(code) && !counted.has(code)) counted.set(code, name);
    }
  } else {
    const u = communeRecords.find((x) => x.data.unit.code === scope.commune && live(x));
    if (u) counted.set(u.data.unit.code, u.data.unit.name);
  }
  const communes = [...counted.keys()];

  const setsById = new Map([BUILTIN.ntm, BUILTIN.nangCao, BUILTIN.kieuMau, ...c.sets.map((r) => r.data)].map((s) => [`${s.id}@${s.version}`, s]));
  const counts = (s, level) => (s.builtin && s.level === level) || (adopted[level] || []).includes(s.id);
  const key = (a) => `${a.key.set.id}@${a.key.set.version}`;

  // Assessments by unit, villages merged into the one kept (value by value, later wins).
  const villages = villageRecords.map((u) => u.data.unit);
  const kept = keptVillages(villages);
  const byUnit = new Map();
  for (const a of c.assessments) {
    let unit = `${a.key.unit.level}:${a.key.unit.id}`;
    if (a.key.unit.level === "village") unit = `village:${kept.get(a.key.unit.id) ?? a.key.unit.id}`;
    const list = byUnit.get(unit) ?? [];
    const same = list.find((x) => key(x) === key(a) && samePeriodOf(x, a));
    if (same) {
      for (const [id, m] of Object.entries(a.marks)) {
        if (!same.marks[id] || later(m.stamp, same.marks[id].stamp)) same.marks[id] = m;
      }
    } else list.push({ key: a.key, marks: { ...a.marks } });
    byUnit.set(unit, list);
  }
  const inPeriod = (unit) => (byUnit.get(unit) ?? []).filter((a) => samePeriod(a.key.period));
  const nangCaoFact = (unit) => {
    const list = inPeriod(unit).filter((a) => counts(setsById.get(key(a)), "xa_nang_cao"));
    if (!list.length) return undefined;
    return list.some((a) => summary(setsById.get(key(a)), a).meets);
  };
  const meetsLevel = (unit, level) =>
    inPeriod(unit).some((a) => {
      const s = setsById.get(key(a));
      return s && counts(s, level) && hasData(a) && summary(s, a, nangCaoFact(unit)).meets;
    });

  // The chosen set: three groups, average, bands.
  const rows = communes.map((code) => {
    const a = inPeriod(`commune:${code}`).find((x) => key(x) === `${set.id}@${set.version}` && hasData(x));
    return { code, result: a ? summary(set, a, nangCaoFact(`commune:${code}`)) : null };
  });
  const assessed = rows.filter((r) => r.result);
  const meeting = assessed.filter((r) => r.result.meets).length;
  const sum = assessed.reduce((t, r) => t + r.result.reached, 0);
  const bands = defaultBands(set.criteria.length).map((b) => [
    bandLabel(b),
    int(assessed.filter((r) => r.result.reached >= b[0] && r.result.reached <= b[1]).length),
  ]);
  let ntm = 0, nangCao = 0, kieuMau = 0;
  for (const code of communes) {
    const u = `commune:${code}`;
    const n = meetsLevel(u, "xa_ntm");
    const nc = n && meetsLevel(u, "xa_nang_cao");
    const km = nc && meetsLevel(u, "xa_kieu_mau");
    ntm += n; nangCao += nc; kieuMau += km;
  }

  // Villages of the communes counted: live and not merged into another.
  const inScope = new Set(communes);
  const liveVillages = villageRecords
    .filter((u) => live(u) && inScope.has(u.data.unit.commune_code) && kept.get(u.data.unit.id) === u.data.unit.id)
    .map((u) => u.data.unit.id);
  let vData = 0, vMeet = 0;
  for (const id of liveVillages) {
    const list = inPeriod(`village:${id}`).filter((a) => counts(setsById.get(key(a)), "thon_ntm") && hasData(a));
    if (list.length) vData += 1;
    if (list.some((a) => summary(setsById.get(key(a)), a).meets)) vMeet += 1;
  }

  // OCOP certificates issued in the period for live products of the communes counted.
  const [from, to] = period.part === "first_half" ? [`${period.year}-01-01`, `${period.year}-06-30`] : [`${period.year}-01-01`, `${period.year}-12-31`];
  const products = new Set(
    c.ocop_products.filter((p) => !p.archived && !p.data.archived && inScope.has(p.data.commune_code)).map((p) => p.id),
  );
  const stars = [0, 0, 0];
  for (const r of c.ocop_ratings) {
    if (r.archived || !products.has(r.data.product_id)) continue;
    const d = r.data.issue_date;
    if (d < from || d > to) continue;
    const total = r.data.points.a + r.data.points.b + r.data.points.c;
    const s = total >= 90 ? 5 : total >= 70 ? 4 : total >= 50 ? 3 : 0;
    if (s >= 3) stars[s - 3] += 1;
  }

  const n = communes.length;
  return {
    communes: int(n),
    withData: ofTotal(assessed.length, n, "xã", false),
    average: decimal(assessed.length ? sum / assessed.length : 0, 2),
    meeting: ofTotal(meeting, n, "xã", true),
    notMeeting: ofTotal(assessed.length - meeting, n, "xã", true),
    noData: ofTotal(n - assessed.length, n, "xã", true),
    noDataListed: n - assessed.length,
    ntm: ofTotal(ntm, n, "xã", true),
    nangCao: ofTotal(nangCao, n, "xã", true),
    kieuMau: ofTotal(kieuMau, n, "xã", true),
    villages: ofTotal(vMeet, liveVillages.length, "thôn", false),
    villagesWithData: ofTotal(vData, liveVillages.length, "thôn", false),
    bands,
    ocopStars: stars.map(int),
  };
}

function samePeriodOf(a, b) {
  return a.key.period.year === b.key.period.year && a.key.period.part === b.key.period.part;
}
