// What signing and checking a file costs in the browser (issue 31): WebCrypto ECDSA P-256
// over what a signature covers (a file's header and content hash: about 300 bytes, the
// same for a village's file and a national one — the content is hashed for every file
// anyway). Key generation once, then 200 signatures and 200 checks (the check imports
// the raw key each time, as an import does). Usage, with any build served on :4180:
//   node scripts/bench-sign.mjs
import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: process.env.NTM_CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await browser.newPage();
await page.goto("http://127.0.0.1:4180/");
const r = await page.evaluate(async () => {
  const ALG = { name: "ECDSA", namedCurve: "P-256" }, SIGN = { name: "ECDSA", hash: "SHA-256" };
  // The bytes a national file's signature covers: its header and hash (about 500 bytes).
  const msg = new TextEncoder().encode(JSON.stringify({ header: { format: "ntm-exchange", schema_version: 2, app_version: "0.1.0", created_at: new Date().toISOString(), sender: { device: "k-0123456789abcdef01234567", name: "Nguyễn Thị Hoa", role: "can_bo_xa", unit: "commune:15772" }, scope: { kind: "all" }, sets_used: ["QD318_2022_XA@1"] }, hash: "sha256:" + "0".repeat(64) }));
  const t0 = performance.now(); const pair = await crypto.subtle.generateKey(ALG, false, ["sign", "verify"]); const gen = performance.now() - t0;
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const N = 200; let t = performance.now(); let sig;
  for (let i = 0; i < N; i++) sig = await crypto.subtle.sign(SIGN, pair.privateKey, msg);
  const sign = (performance.now() - t) / N;
  t = performance.now();
  for (let i = 0; i < N; i++) { const k = await crypto.subtle.importKey("raw", raw, ALG, false, ["verify"]); await crypto.subtle.verify(SIGN, k, sig, msg); }
  const verify = (performance.now() - t) / N;
  return { bytes: msg.length, gen, sign, verify };
});
console.log(JSON.stringify(r));
await browser.close();
