// The province server's rules against hostile accounts (issue 30): the real write rules
// (docs/couchdb/validate_doc_update.js, installed by scripts/couch-setup.mjs) on the test
// server (tests/e2e/sync-server.mjs: express-pouchdb made to behave as CouchDB 3 where
// security depends on it), every role signed in through `_session` and through Basic
// auth. Each forged write is refused with its reason and nothing is stored (an
// administrator reads the database after it); positive controls must still go through.
// No browser: HTTP as a phone's app, or a hand-made client, would send it.
import { test, expect, request as http } from "@playwright/test";
import { readFileSync } from "node:fs";
import { SYNC_PORT } from "./playwright.config.mjs";
import { versionId } from "../../scripts/exchange-format.mjs";

const base = `http://127.0.0.1:${SYNC_PORT}`;
const DB = "/db/ntm-38";
const PASSWORDS = {
  "xa-thieu-hoa": "mat-khau-xa",
  "xa-thieu-tien": "mat-khau-xa-2",
  "tinh-38": "mat-khau-tinh",
  "tinh-99": "mat-khau-mau",
  "thon-ban-phieng": "mat-khau-thon",
  "doc-38": "mat-khau-doc",
  khach: "mat-khau-khach",
  admin: "quan-tri",
};
const NOW = Date.now() - 60_000;

// ---- documents as the app writes them (src/domain/couch_docs.rs) ----
const stamp = (device = "may-xa-thieu-hoa", author = "Lê Thị Hoa") => ({ hlc: { wall_ms: NOW, counter: 0 }, device, author });
const OFFICIAL = { hlc: { wall_ms: 1420070400000, counter: 0 }, device: "danh-muc-chinh-thuc", author: "Danh mục chính thức" };
const key = (level, id) => ({ unit: { level, id }, set: { id: "QD318_2022_XA", version: "1" }, period: { year: 2025, part: "full_year" } });
const aid = (level, id) => `${level}:${id}|QD318_2022_XA@1|2025`;
function mark(level, id, scope, value = "met", criterion = "1") {
  return { _id: `${aid(level, id)}#mark:${criterion}`, scope, body: { kind: "mark", data: { key: key(level, id), criterion, mark: { value: { value }, stamp: stamp() } } } };
}
const scope38 = (commune) => ({ province: "38", ...(commune ? { commune } : {}) });
function village(id, commune, name = "Bản Phiêng", scope = scope38(commune)) {
  return {
    _id: `unit#village:${id}`,
    scope,
    body: { kind: "unit", data: { id: `village:${id}`, stamp: stamp("may-truong-ban", "Lò Văn Phiêng"), data: { kind: "village", unit: { id, commune_code: commune, name, kind: "ban" } } } },
  };
}
function commune(code, name, s = stamp()) {
  return {
    _id: `unit#commune:${code}`,
    scope: scope38(code),
    body: { kind: "unit", data: { id: `commune:${code}`, stamp: s, data: { kind: "commune", unit: { code, name, kind: "xa", province_code: "38" } } } },
  };
}
function plan() {
  return {
    _id: "plan#province-38-2026",
    scope: { province: "38" },
    body: { kind: "plan", data: { id: "province-38-2026", stamp: stamp("may-tinh", "Sở NN"), data: { id: "province-38-2026", scope: { level: "province", code: "38" }, year: 2026, targets: [["communes_ntm", 12]] } } },
  };
}
function set(lineage, communeCode) {
  const template = JSON.parse(readFileSync(new URL("../../src/domain/criteria_data/MAU_THON_NTM.json", import.meta.url), "utf8"));
  const data = { ...template, id: lineage, number: 1, parents: [], builtin: false, code: "THON_THIEU_HOA", title: "Bộ tiêu chí thôn xã Thiệu Hóa", derived_from: { id: "MAU_THON_NTM", version: "1" } };
  delete data.notes;
  data.version = versionId(data);
  return { _id: `set#${lineage}@${data.version}`, scope: communeCode ? scope38(communeCode) : {}, body: { kind: "set", data: { id: `${lineage}@${data.version}`, stamp: stamp(), data } } };
}
const UUID = "3f2a9c1e-7b4d-4e55-9a1f-2c3d4b5a6978";

// ---- accounts ----
const contexts = [];
async function account(name, how = "session") {
  const headers = {};
  if (how === "basic") headers.Authorization = "Basic " + Buffer.from(`${name}:${PASSWORDS[name]}`).toString("base64");
  const ctx = await http.newContext({ baseURL: base, extraHTTPHeaders: headers });
  contexts.push(ctx);
  if (how === "session") {
    const r = await ctx.post("/db/_session", { data: { name, password: PASSWORDS[name] } });
    expect(r.status(), `${name} signs in`).toBe(200);
  }
  return ctx;
}
const anonymous = () => http.newContext({ baseURL: base }).then((c) => (contexts.push(c), c));

/** Writes `docs` as a phone does (`_bulk_docs`, `new_edits: false`), each as a new
 * revision (one the server holds would be taken as sent before, and not checked again). */
let revisions = 0;
async function push(ctx, docs) {
  const body = docs.map((d) => ({ _rev: `1-${(++revisions).toString(16).padStart(32, "a")}`, ...d }));
  const r = await ctx.post(`${DB}/_bulk_docs`, { data: { docs: body, new_edits: false } });
  return { status: r.status(), json: await r.json().catch(() => null) };
}
/** The reason the server refused a one-document push with. */
async function refusal(ctx, doc) {
  const r = await push(ctx, [doc]);
  if (r.status >= 400) return r.json?.reason ?? r.json?.error;
  return (r.json ?? []).find((x) => x.error)?.reason ?? "ok";
}
let admin;
async function stored(id) {
  const r = await admin.get(`${DB}/${encodeURIComponent(id)}`);
  return r.status() === 200 ? r.json() : null;
}
async function refusedAndNotStored(ctx, doc, reason) {
  const before = await stored(doc._id);
  const got = await refusal(ctx, doc);
  expect(got, doc._id).toContain(reason);
  expect(await stored(doc._id), `nothing stored for ${doc._id}`).toEqual(before);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const r = await fetch(`${base}/__couch/reset`, { method: "POST" });
  expect(r.ok).toBeTruthy();
  admin = await account("admin", "basic");
});
test.afterAll(async () => {
  for (const c of contexts) await c.dispose();
});

test("positive controls: each role writes what it owns, through a session and Basic auth", async () => {
  const xa = await account("xa-thieu-hoa");
  const xaBasic = await account("xa-thieu-hoa", "basic");
  const head = await account("thon-ban-phieng");
  const tinh = await account("tinh-38");
  const reader = await account("doc-38");
  const own = mark("commune", "15772", scope38("15772"));
  expect(await refusal(xa, own)).toBe("ok");
  expect(await stored(own._id)).not.toBeNull();
  const own2 = mark("commune", "15772", scope38("15772"), "not_met", "2");
  expect(await refusal(xaBasic, own2)).toBe("ok");
  const headMark = mark("village", "ban-phieng", scope38("15772"));
  expect(await refusal(head, headMark)).toBe("ok");
  expect(await refusal(head, village("ban-phieng", "15772"))).toBe("ok");
  expect(await refusal(tinh, plan())).toBe("ok");
  const communeSet = set(`c15772-${UUID}`, "15772");
  expect(await refusal(xa, communeSet)).toBe("ok");
  // A province official publishes a lineage that names no maker.
  expect(await refusal(tinh, set(UUID))).toBe("ok");
  // A closing of her own document's leaf (a child deleted revision).
  const rev = (await stored(own2._id))._rev;
  const [gen, hash] = rev.split("-");
  const closed = await xa.post(`${DB}/_bulk_docs`, {
    data: { new_edits: false, docs: [{ _id: own2._id, _rev: `${Number(gen) + 1}-${"c".repeat(32)}`, _revisions: { start: Number(gen) + 1, ids: ["c".repeat(32), hash] }, _deleted: true }] },
  });
  expect((await closed.json()).filter((x) => x.error)).toEqual([]);
  // The read-only account reads everything of the province.
  expect((await reader.get(`${DB}/_all_docs`)).status()).toBe(200);
  expect((await reader.get(`${DB}/_changes?style=all_docs`)).status()).toBe(200);
  const got = await reader.post(`${DB}/_bulk_get?revs=true`, { data: { docs: [{ id: own._id }] } });
  expect(got.status()).toBe(200);
  expect(JSON.stringify(await got.json())).toContain("15772");
});

test("forged units: scope, body key, record commune, ids — refused with the reason, nothing stored", async () => {
  const xa = await account("xa-thieu-hoa");
  const xaBasic = await account("xa-thieu-hoa", "basic");
  const head = await account("thon-ban-phieng");
  const cases = [
    // A commune official writing another commune's value under his own scope.
    [xa, mark("commune", "15778", scope38("15772")), "Đơn vị ghi ở scope.commune không khớp với mã tài liệu."],
    [xaBasic, mark("commune", "15778", scope38("15772")), "Đơn vị ghi ở scope.commune không khớp với mã tài liệu."],
    [xa, mark("commune", "15778", scope38("15778")), "Chỉ được ghi dữ liệu của xã mình (xã 15778)."],
    [xaBasic, mark("commune", "15778", scope38("15778")), "Chỉ được ghi dữ liệu của xã mình (xã 15778)."],
    // Another commune's value under an id of his own.
    [xa, { ...mark("commune", "15772", scope38("15772")), body: mark("commune", "15778", scope38("15772")).body }, "Đơn vị ghi ở body.data.key không khớp với mã tài liệu."],
    // Another province named in the scope.
    [xa, mark("commune", "15772", { province: "99", commune: "15772" }), "Dữ liệu của tỉnh 99, không thuộc cơ sở dữ liệu này."],
    // A village head moving his village, writing another village's and the commune's.
    [head, village("ban-phieng", "15778", "Bản Phiêng", scope38("15772")), "Đơn vị ghi ở body.data.unit.commune_code không khớp với mã tài liệu."],
    [head, village("ban-phieng", "15778"), "Trưởng thôn chỉ được ghi dữ liệu của thôn mình."],
    [head, mark("village", "ban-khac", scope38("15772")), "Trưởng thôn chỉ được ghi dữ liệu của thôn mình."],
    [head, mark("commune", "15772", scope38("15772")), "Trưởng thôn chỉ được ghi dữ liệu của thôn mình."],
    [head, { ...mark("village", "ban-phieng", scope38("15772")), body: mark("village", "ban-khac", scope38("15772")).body }, "Đơn vị ghi ở body.data.key không khớp với mã tài liệu."],
    // A commune's value filed as province-level, and a province plan by a commune.
    [xa, mark("commune", "15772", { province: "38" }), "Đơn vị ghi ở scope.commune không khớp với mã tài liệu."],
    [xa, plan(), "Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh."],
  ];
  for (const [ctx, doc, reason] of cases) await refusedAndNotStored(ctx, doc, reason);
});

test("stamps, sets and roles: no exemption by a device name, a set by its lineage's owner only", async () => {
  const xa = await account("xa-thieu-hoa");
  const reader = await account("doc-38");
  const readerBasic = await account("doc-38", "basic");
  const cases = [
    // Renaming a commune by claiming the official list's device name.
    [reader, commune("15778", "Xã Giả Mạo", { ...stamp(), device: "danh-muc-chinh-thuc" }), "Tài khoản chỉ được xem dữ liệu, không được ghi."],
    [xa, commune("15778", "Xã Giả Mạo", { ...stamp(), device: "danh-muc-chinh-thuc" }), "Chỉ bản ghi của danh mục chính thức được mang tên máy “danh-muc-chinh-thuc”."],
    [xa, commune("15778", "Xã Giả Mạo", OFFICIAL), "Chỉ được ghi dữ liệu của xã mình (xã 15778)."],
    [xa, { ...mark("commune", "15772", scope38("15772")), body: { kind: "mark", data: { ...mark("commune", "15772", scope38("15772")).body.data, mark: { value: { value: "met" }, stamp: { ...stamp(), device: "danh-muc-chinh-thuc" } } } } }, "Chỉ bản ghi của danh mục chính thức"],
    // Sets: any member, garbage, the province's lineage, another province's, a forged version.
    [reader, set(UUID), "Tài khoản chỉ được xem dữ liệu, không được ghi."],
    [readerBasic, set(`c15772-${UUID}`, "15772"), "Tài khoản chỉ được xem dữ liệu, không được ghi."],
    [xa, { _id: "set#x@1-abcdef012345", scope: {}, body: { kind: "set", data: 7 } }, "Dữ liệu không hợp lệ"],
    [xa, set(UUID), "Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh."],
    [xa, set(`c15778-${UUID}`, "15778"), "Chỉ được ghi dữ liệu của xã mình (xã 15778)."],
    [xa, set(`p99-${UUID}`), "Dữ liệu của tỉnh 99, không thuộc cơ sở dữ liệu này."],
    [xa, (() => { const s = set(`c15772-${UUID}`, "15772"); s.body.data.data.title = "Ngưỡng đã sửa"; return s; })(), "phiên bản không khớp"],
    [xa, (() => { const s = set("QD318_2022_XA"); return s; })(), "Dữ liệu không hợp lệ"],
  ];
  for (const [ctx, doc, reason] of cases) await refusedAndNotStored(ctx, doc, reason);
});

test("what is written: shapes, sizes, hidden characters, ids, tombstones — refused, nothing stored", async () => {
  const xa = await account("xa-thieu-hoa");
  const head = await account("thon-ban-phieng", "basic");
  const objectMark = mark("commune", "15772", scope38("15772"), { x: 1 }, "3");
  const noBody = mark("commune", "15772", scope38("15772"), "met", "4");
  delete noBody.body;
  const cases = [
    [xa, objectMark, "Dữ liệu không hợp lệ"],
    [xa, { ...mark("commune", "15772", scope38("15772")), _id: `${aid("commune", "15772")}#mark:../1` }, "mã tài liệu không đúng quy tắc"],
    [xa, noBody, "Dữ liệu không hợp lệ"],
    [xa, { _id: "unit#district:123", scope: {}, body: { kind: "history" } }, "mã tài liệu không đúng quy tắc"],
    [xa, { _id: "../../_users", scope: {} }, "mã tài liệu không đúng quy tắc"],
    [head, village("ban-phieng", "15772", "x".repeat(1 << 20)), "dài quá"],
    [head, village("ban-phieng", "15772", "Bản Phiêng\u202E"), "U+202E"],
    [head, village("ban-phieng", "15772", "Bản\u0000Phiêng"), "U+0000"],
    [head, village("ban-phieng", "15772", "<img src=x onerror=alert(1)>"), "Dữ liệu không hợp lệ"],
    [xa, (() => { const m = mark("commune", "15772", scope38("15772"), "met", "5"); m.body.data.mark.value.note = "ghi\u200Bchú"; return m; })(), "U+200B"],
    [xa, { ...mark("commune", "15772", scope38("15772"), "met", "6"), extra: "?" }, "không có trong định dạng"],
    // A tombstone carrying a body, and a deletion of what is not there.
    [xa, { ...mark("commune", "15772", scope38("15772"), "met", "7"), _deleted: true }, "một bản xoá chỉ gồm"],
    [xa, { _id: `${aid("commune", "15772")}#mark:8`, _deleted: true }, "Không có phiên bản nào để xoá."],
  ];
  for (const [ctx, doc, reason] of cases) await refusedAndNotStored(ctx, doc, reason);
  // A deletion of another commune's document.
  const tinh = await account("tinh-38");
  const theirs = mark("commune", "15778", scope38("15778"), "met", "9");
  expect(await refusal(tinh, theirs)).toBe("ok");
  const rev = (await stored(theirs._id))._rev;
  const [gen, hash] = rev.split("-");
  const del = { _id: theirs._id, _rev: `${Number(gen) + 1}-${"d".repeat(32)}`, _revisions: { start: Number(gen) + 1, ids: ["d".repeat(32), hash] }, _deleted: true };
  const r = await xa.post(`${DB}/_bulk_docs`, { data: { new_edits: false, docs: [del] } });
  expect((await r.json())[0].reason).toBe("Chỉ được ghi dữ liệu của xã mình (xã 15778).");
  expect((await stored(theirs._id))._rev).toBe(rev);
  // An edit of it (PUT with its _rev, as a plain client would) under his own scope.
  const put = await xa.put(`${DB}/${encodeURIComponent(theirs._id)}`, { data: { ...theirs, _rev: rev, scope: scope38("15772") } });
  expect(put.status()).toBe(403);
  expect((await put.json()).reason).toBe("Đơn vị ghi ở scope.commune không khớp với mã tài liệu.");
  expect((await stored(theirs._id))._rev).toBe(rev);
});

test("accounts outside the province, anonymous callers and server-wide things", async () => {
  const other = await account("tinh-99");
  const otherBasic = await account("tinh-99", "basic");
  const nobody = await account("khach");
  const anon = await anonymous();
  const xa = await account("xa-thieu-hoa");
  const doc = mark("commune", "15772", { province: "99", commune: "15772" }, "met", "10");
  // Another province's official writing into this province, named in the scope; no role.
  for (const ctx of [other, otherBasic, nobody]) {
    const r = await push(ctx, [doc]);
    expect(r.status).toBe(403);
  }
  const a = await push(anon, [doc]);
  expect(a.status).toBe(401);
  expect(await stored(doc._id)).toBeNull();
  // Reads of another province's database, and anonymous reads.
  const own = mark("commune", "15772", scope38("15772"));
  for (const ctx of [other, nobody, anon]) {
    const expected = ctx === anon ? 401 : 403;
    expect((await ctx.post(`${DB}/_bulk_get?revs=true`, { data: { docs: [{ id: own._id }] } })).status()).toBe(expected);
    expect((await ctx.get(`${DB}/_all_docs?include_docs=true`)).status()).toBe(expected);
    expect((await ctx.get(`${DB}/_changes?style=all_docs&include_docs=true`)).status()).toBe(expected);
    expect((await ctx.get(`${DB}/${encodeURIComponent(own._id)}`)).status()).toBe(expected);
  }
  // Design documents, _security: the administrator's.
  const design = await xa.put(`${DB}/_design/evil`, { data: { validate_doc_update: "function(){}" } });
  expect(design.status()).toBe(403);
  const bulkDesign = await xa.post(`${DB}/_bulk_docs`, { data: { docs: [{ _id: "_design/evil", validate_doc_update: "function(){}" }] } });
  expect(bulkDesign.status()).toBe(403);
  expect(await stored("_design/evil")).toBeNull();
  const sec = await xa.put(`${DB}/_security`, { data: { admins: { names: ["xa-thieu-hoa"], roles: [] }, members: { names: [], roles: [] } } });
  expect(sec.status()).toBe(403);
  expect((await (await admin.get(`${DB}/_security`)).json()).admins.names).toEqual([]);
  // Users cannot give themselves roles, nor read others.
  const me = await (await xa.get("/db/_users/org.couchdb.user:xa-thieu-hoa")).json();
  const up = await xa.put("/db/_users/org.couchdb.user:xa-thieu-hoa", { data: { ...me, roles: [...me.roles, "province-official:38"] } });
  expect(up.status()).toBe(403);
  const roles = (await (await admin.get("/db/_users/org.couchdb.user:xa-thieu-hoa")).json()).roles;
  expect(roles).not.toContain("province-official:38");
  expect((await xa.get("/db/_users/org.couchdb.user:tinh-38")).status()).toBe(403);
  expect((await xa.get("/db/_all_dbs")).status()).toBe(403);
  expect((await anon.get("/db/_all_dbs")).status()).toBe(401);
  // Signing out ends the session: the cookie no longer reads the province.
  expect((await xa.delete("/db/_session")).status()).toBe(200);
  expect((await xa.get(`${DB}/_all_docs`)).status()).toBe(401);
});
