// Sets up a province database on a CouchDB server (docs/sync.md): the database, who may
// read it (`_security`: role province:NN), the write rules (`_design/ntm`, from
// docs/couchdb/validate_doc_update.js) and, optionally, users.
//
//   node scripts/couch-setup.mjs http://admin:secret@127.0.0.1:5984 38 [users.json]
//
// users.json: [{"name": "xa-15772", "password": "…", "roles": ["commune:15772"]}, …]
// (every user also gets `province:NN`). Safe to run again: existing things are updated.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..");

/** The built-in criteria set lineages and quantities (reserved: no sync document may
 * define them), as the app has them (src/domain/criteria_data, src/domain/data). */
export function reservedIds() {
  const lineages = readdirSync(path.join(root, "src/domain/criteria_data"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
  const quantities = JSON.parse(readFileSync(path.join(root, "src/domain/data/quantities.json"), "utf8"))
    .quantities.map((q) => q.id);
  return { lineages, quantities };
}

/**
 * The write rules of province `code`'s database: docs/couchdb/validate_doc_update.js with
 * the province and the reserved ids written in (the database's province comes from what
 * the server holds, never from a document). A design document's function is one
 * expression, so the file's leading comment lines are left out.
 */
export function validateFunction(code) {
  if (!/^\d{2}$/.test(code)) throw new Error(`not a province code: ${code}`);
  const { lineages, quantities } = reservedIds();
  return readFileSync(path.join(root, "docs/couchdb/validate_doc_update.js"), "utf8")
    .replace(/^(\s*\/\/.*\n)+/, "")
    .replace("@PROVINCE@", code)
    .replace("@BUILTIN_LINEAGES@", JSON.stringify(lineages))
    .replace("@BUILTIN_QUANTITIES@", JSON.stringify(quantities))
    .trim();
}

/** The database of province `code`. */
export function databaseName(code) {
  return `ntm-${code}`;
}

async function call(server, method, p, body) {
  const u = new URL(server);
  const auth = u.username ? "Basic " + Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString("base64") : null;
  u.username = "";
  u.password = "";
  const res = await fetch(new URL(p, u.href.replace(/\/?$/, "/")), {
    method,
    headers: { "Content-Type": "application/json", ...(auth ? { Authorization: auth } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** PUTs `body` at `p`, replacing what is there (its `_rev` looked up first). */
async function upsert(server, p, body) {
  const old = await call(server, "GET", p);
  if (old.status === 200 && old.json?._rev) body = { ...body, _rev: old.json._rev };
  const r = await call(server, "PUT", p, body);
  if (r.status >= 300) throw new Error(`PUT ${p}: ${r.status} ${JSON.stringify(r.json)}`);
}

export async function setup(server, code, users = []) {
  const db = databaseName(code);
  const created = await call(server, "PUT", db);
  if (created.status >= 300 && created.status !== 412) {
    throw new Error(`PUT ${db}: ${created.status} ${JSON.stringify(created.json)}`);
  }
  const sec = await call(server, "PUT", `${db}/_security`, {
    admins: { names: [], roles: ["_admin"] },
    members: { names: [], roles: [`province:${code}`] },
  });
  if (sec.status >= 300) throw new Error(`_security: ${sec.status} ${JSON.stringify(sec.json)}`);
  await upsert(server, `${db}/_design/ntm`, { validate_doc_update: validateFunction(code) });
  for (const u of users) {
    const roles = [...new Set([`province:${code}`, ...u.roles])];
    await upsert(server, `_users/org.couchdb.user:${u.name}`, { name: u.name, password: u.password, type: "user", roles });
  }
  return db;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [server, code, usersFile] = process.argv.slice(2);
  if (!server || !/^\d{2}$/.test(code ?? "")) {
    console.error("usage: node scripts/couch-setup.mjs http://admin:secret@host:5984 38 [users.json]");
    process.exit(2);
  }
  const users = usersFile ? JSON.parse(readFileSync(usersFile, "utf8")) : [];
  const db = await setup(server, code, users);
  console.log(`${db}: ready (${users.length} users)`);
}
