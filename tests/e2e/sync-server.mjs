// The e2e server for sync (issue 17): the release build (dist/) and a CouchDB-protocol
// server on ONE origin, as docs/sync.md deploys them behind a reverse proxy — the app at
// /, the database server at /db/. The database server is express-pouchdb (PouchDB's
// CouchDB HTTP API: _changes, _revs_diff, _bulk_get, _bulk_docs, _local, _session cookie
// auth, _security, validate_doc_update) in memory; the province database, its write
// rules and users are set up by scripts/couch-setup.mjs, as on a real server.
//
// Test-only controls: POST /__couch/down makes /db/ drop every connection (a server that
// is stopped), /__couch/up brings it back with its data; /__couch/reset starts the
// province database afresh. Nothing here is mocked: the app talks HTTP to a real server.
import { appendFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sirv from "sirv";
import { setup, databaseName } from "../../scripts/couch-setup.mjs";

const require = createRequire(import.meta.url);
const express = require("express");
const PouchDB = require("pouchdb-core")
  .plugin(require("pouchdb-adapter-memory"))
  .plugin(require("pouchdb-mapreduce"))
  .plugin(require("pouchdb-replication"));
const expressPouchDB = require("express-pouchdb");

// CouchDB compiles a design document's functions once per query-server process;
// pouchdb-validation compiles validate_doc_update again for every document written, which
// for our rules (the whole access contract) doubled a province's first push. Compiled once
// per source text here (the rules use no `require`, the one thing bound at compilation).
// And it reads the design documents again for every document written (a query of
// `_design/…` with their bodies): kept per database until a design document is written.
let designDocs = new WeakMap();
const allDocs = PouchDB.prototype.allDocs;
PouchDB.prototype.allDocs = function (opts, callback) {
  const design = opts && opts.startkey === "_design/" && opts.endkey === "_design0" && opts.include_docs && !callback;
  if (!design) return allDocs.apply(this, arguments);
  if (!designDocs.has(this)) designDocs.set(this, allDocs.call(this, opts));
  return designDocs.get(this);
};
const couchEval = require("couchdb-eval");
const compileOnce = couchEval.evaluate;
const compiled = new Map();
couchEval.evaluate = (context, extra, program) => {
  if (!compiled.has(program)) compiled.set(program, compileOnce(context, extra, program));
  return compiled.get(program);
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const SYNC_PORT = Number(process.env.NTM_SYNC_PORT || 4175);
export const ADMIN = "admin:quan-tri";
// Thanh Hóa (38) with two communes' officials and a province official; the demo's
// fictional province (99) with its province official.
export const USERS = {
  38: [
    { name: "xa-thieu-hoa", password: "mat-khau-xa", roles: ["commune:15772"] },
    { name: "xa-thieu-tien", password: "mat-khau-xa-2", roles: ["commune:15778"] },
    { name: "tinh-38", password: "mat-khau-tinh", roles: ["province-official:38"] },
    // A village head of Thiệu Hóa, and an account that only reads the province.
    { name: "thon-ban-phieng", password: "mat-khau-thon", roles: ["village:15772/ban-phieng"] },
    { name: "doc-38", password: "mat-khau-doc", roles: [] },
  ],
  99: [{ name: "tinh-99", password: "mat-khau-mau", roles: ["province-official:99"] }],
};

mkdirSync(path.join(here, "../../target"), { recursive: true });
const app = express();
let down = false;
let requests = 0;
const couch = expressPouchDB(PouchDB.defaults({ adapter: "memory" }), {
  inMemoryConfig: true,
  logPath: path.join(here, "../../target/pouchdb-log.txt"),
  mode: "fullCouchDB",
});
app.post("/__couch/down", (_, res) => {
  down = true;
  res.json({ ok: true });
});
app.post("/__couch/up", (_, res) => {
  down = false;
  res.json({ ok: true });
});
let ready = false;
app.get("/__couch/ready", (_, res) => res.status(ready ? 200 : 503).json({ ready }));
app.get("/__couch/requests", (_, res) => res.json({ requests }));
/** Every province database as a fresh server has it (deleted first, when it exists). */
async function setupAll(fresh) {
  const base = `http://127.0.0.1:${SYNC_PORT}/db/`;
  for (const [code, users] of Object.entries(USERS)) {
    if (fresh) {
      await fetch(new URL(databaseName(code), base), {
        method: "DELETE",
        headers: { Authorization: "Basic " + Buffer.from(ADMIN).toString("base64") },
      });
    }
    await setup(`http://${ADMIN}@127.0.0.1:${SYNC_PORT}/db/`, code, users);
  }
  // An account of no province at all.
  const khach = `http://127.0.0.1:${SYNC_PORT}/db/_users/org.couchdb.user:khach`;
  const auth = { Authorization: "Basic " + Buffer.from(ADMIN).toString("base64"), "Content-Type": "application/json" };
  const old = await fetch(khach, { headers: auth }).then((r) => r.json());
  await fetch(khach, { method: "PUT", headers: auth, body: JSON.stringify({ ...(old._rev ? { _rev: old._rev } : {}), name: "khach", password: "mat-khau-khach", type: "user", roles: [] }) });
}
app.post("/__couch/reset", async (_, res) => {
  down = false;
  await setupAll(true);
  res.json({ ok: true });
});
// pouchdb-validation 4.2.0 (used by express-pouchdb when a database has a
// validate_doc_update) overwrites each written document's `_revisions` with the stored
// document's before writing it, so a revision replicated with `new_edits: false` loses its
// ancestry and PouchDB drops it. CouchDB does not. The body is read here, and each
// document's `_revisions` kept as sent (writes to it are ignored); express-pouchdb's own
// parser skips a body already read.
app.post("/db/:db/_bulk_docs", express.json({ limit: "200mb" }), (req, _res, next) => {
  for (const doc of req.body?.docs ?? []) {
    if (doc && doc._revisions) {
      const sent = doc._revisions;
      Object.defineProperty(doc, "_revisions", { get: () => sent, set: () => {}, enumerable: true, configurable: true });
    }
  }
  next();
});
// CouchDB 3's security where express-pouchdb is weaker (docs/sync.md, "The test server"):
// every request to a database — reads included (_bulk_get, _all_docs, _changes, a
// document) — is the database's admins' and members' only; `_security` and design
// documents are its admins'; `_users` documents are their owner's to read and no one but
// an administrator sets roles; server-wide endpoints are the administrator's.
const INTERNAL = "x-ntm-internal";
async function internal(p, headers = {}) {
  const res = await fetch(`http://127.0.0.1:${SYNC_PORT}/db/${p}`, { headers: { ...headers, [INTERNAL]: "1" } });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
const asAdmin = { Authorization: "Basic " + Buffer.from(ADMIN).toString("base64") };
// Who a credential is and what a database's _security says, each asked of the server
// and kept for a second (CouchDB holds both in memory; asking twice per request made a
// province's first push a third slower). `_security` and `_users` writes forget them.
const remembered = new Map();
async function recall(key, ask) {
  const hit = remembered.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = await ask();
  remembered.set(key, { value, until: Date.now() + 1_000 });
  return value;
}
/** The caller as CouchDB sees it (`_session`'s userCtx), from its cookie or Basic auth. */
async function caller(req) {
  const headers = {};
  if (req.headers.cookie) headers.cookie = req.headers.cookie;
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  return recall(`who ${JSON.stringify(headers)}`, async () => {
    const s = await internal("_session", headers);
    return s.json?.userCtx ?? { name: null, roles: [] };
  });
}
function refuse(res, user, reason) {
  const anonymous = !user.name;
  res.status(anonymous ? 401 : 403).json({ error: anonymous ? "unauthorized" : "forbidden", reason });
}
const ADMIN_ONLY = new Set(["_all_dbs", "_config", "_replicate", "_active_tasks", "_utils", "_db_updates", "_node", "_stats", "_log", "_restart"]);
async function guard(req, res, next) {
  if (req.headers[INTERNAL]) return next();
  const [first, ...rest] = req.path.split("/").filter(Boolean).map(decodeURIComponent);
  if (req.method !== "GET" && (first === "_users" || first === "_session" || rest[0] === "_security")) remembered.clear();
  const writesDesign = rest[0] === "_design" || (req.body?.docs ?? []).some((d) => typeof d?._id === "string" && d._id.startsWith("_design/"));
  if (req.method !== "GET" && (writesDesign || rest.length === 0)) designDocs = new WeakMap();
  if (!first || first === "_session" || first === "_uuids" || first === "_up") return next();
  const user = await caller(req);
  if (user.roles.includes("_admin")) return next();
  if (ADMIN_ONLY.has(first)) return refuse(res, user, "Only the server administrator may do this.");
  if (first === "_users") {
    const doc = rest.join("/");
    const own = user.name && doc === `org.couchdb.user:${user.name}`;
    if (!own) return refuse(res, user, "Only an administrator reads or writes other users.");
    if (req.method === "GET" || req.method === "HEAD") return next();
    if (req.method !== "PUT") return refuse(res, user, "Only an administrator deletes users.");
    const stored = await internal(`_users/${encodeURIComponent(doc)}`, asAdmin);
    const before = JSON.stringify([...(stored.json?.roles ?? [])].sort());
    const after = JSON.stringify([...(req.body?.roles ?? [])].sort());
    if (before !== after) return refuse(res, user, "Only an administrator may change roles.");
    return next();
  }
  if (first.startsWith("_")) return next();
  const sec = await recall(`security ${first}`, async () => (await internal(`${encodeURIComponent(first)}/_security`, asAdmin)).json ?? {});
  const has = (group) => (group?.names ?? []).includes(user.name) || (group?.roles ?? []).some((r) => user.roles.includes(r));
  const dbAdmin = has(sec.admins);
  const membersSet = (sec.members?.names?.length ?? 0) + (sec.members?.roles?.length ?? 0) > 0;
  if (membersSet && !dbAdmin && !has(sec.members)) return refuse(res, user, "You are not allowed to access this db.");
  if (dbAdmin) return next();
  const reading = req.method === "GET" || req.method === "HEAD";
  if (rest[0] === "_security" && !reading) return refuse(res, user, "You are not a db or server admin.");
  if (rest.length === 0 && !reading) return refuse(res, user, "You are not a server admin.");
  const designWrite = (rest[0] === "_design" && !reading) || (req.method === "POST" && rest[0] === "_bulk_docs" && (req.body?.docs ?? []).some((d) => typeof d?._id === "string" && d._id.startsWith("_design/")));
  if (designWrite) return refuse(res, user, "You are not a db or server admin.");
  next();
}
app.use("/db/_users", express.json({ limit: "1mb" }));
app.use(
  "/db",
  (req, res, next) => {
    if (down) return req.socket.destroy();
    if (!req.headers[INTERNAL]) requests++;
    if (process.env.NTM_DEBUG) {
      const started = req.originalUrl;
      const t0 = performance.now();
      res.on("finish", () => appendFileSync(path.join(here, "../../target/sync-server.log"), `${Date.now()} ${req.method} ${started} → ${res.statusCode} ${Math.round(performance.now() - t0)} ms\n`));
    }
    next();
  },
  (req, res, next) => guard(req, res, next).catch(next),
  couch,
);
// The app: the release build (or NTM_SYNC_DIST, e.g. the benchmark's site).
app.use(sirv(process.env.NTM_SYNC_DIST || path.join(here, "../../dist"), { single: true }));

const server = app.listen(SYNC_PORT, "127.0.0.1", async () => {
  const base = `http://127.0.0.1:${SYNC_PORT}/db/`;
  // The server admin, then the province database as docs/sync.md sets it up.
  await fetch(new URL(`_config/admins/${ADMIN.split(":")[0]}`, base), {
    method: "PUT",
    body: JSON.stringify(ADMIN.split(":")[1]),
  });
  await setupAll(false);
  ready = true;
  console.log(`sync server on http://127.0.0.1:${SYNC_PORT}/ (databases under /db/)`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
