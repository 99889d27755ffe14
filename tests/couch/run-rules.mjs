// Runs the server's write rules (docs/couchdb/validate_doc_update.js, as
// scripts/couch-setup.mjs installs them) on the cases tests/access_contract.rs writes, and
// prints each verdict: "ok", or the reason the function threw with {forbidden}.
//
//   node tests/couch/run-rules.mjs cases.json > verdicts.json
//
// cases.json: {province, docs: [...], users: [userCtx...], cases: [[new, old|null, user]]}
// (indices into docs and users). CouchDB calls the function with (newDoc, oldDoc, userCtx,
// secObj); so does this.
import { readFileSync } from "node:fs";
import { validateFunction } from "../../scripts/couch-setup.mjs";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
// eslint-disable-next-line no-eval
const validate = (0, eval)(`(${validateFunction(input.province)})`);
const secObj = { admins: { names: [], roles: ["_admin"] }, members: { names: [], roles: [`province:${input.province}`] } };
const verdicts = input.cases.map(([n, o, u]) => {
  const user = { db: `ntm-${input.province}`, ...input.users[u] };
  try {
    validate(input.docs[n], o === null ? null : input.docs[o], user, secObj);
    return "ok";
  } catch (e) {
    if (e && typeof e.forbidden === "string" && Object.keys(e).length === 1) return e.forbidden;
    return `not a CouchDB refusal: ${e && e.stack ? e.stack : JSON.stringify(e)}`;
  }
});
process.stdout.write(JSON.stringify(verdicts));
