// The page's side of the app's worker (src/bin/worker.rs; its loader is written by
// scripts/post-build.mjs, which records its hashed name in <meta name="ntm-worker">).
// One worker for the page, started on first use; requests answered by id.
let worker = null;
let ready = null;
let rejectStart = null;
let nextId = 1;
const pending = new Map();

function fail(err) {
  if (rejectStart) rejectStart(err);
  rejectStart = null;
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  if (worker) worker.terminate();
  worker = null;
  ready = null;
}

function start() {
  if (ready) return ready;
  const meta = document.querySelector('meta[name="ntm-worker"]');
  const src = meta ? meta.getAttribute("content") : null;
  if (!src) return Promise.reject(new Error("ntm-worker meta tag missing"));
  ready = new Promise((resolve, reject) => {
    rejectStart = reject;
    worker = new Worker(new URL(src, document.baseURI), { type: "module" });
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.ready) {
        rejectStart = null;
        return resolve();
      }
      if (m.failed != null) {
        const err = new Error(m.failed);
        reject(err);
        return fail(err);
      }
      const p = pending.get(m.id);
      if (!p) return;
      if (m.progress != null) {
        if (p.onProgress) p.onProgress(m.progress);
        return;
      }
      pending.delete(m.id);
      if (m.error != null) p.reject(new Error(m.error));
      else p.resolve(m.result);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      const err = new Error(e.message || "the worker could not start");
      reject(err);
      fail(err);
    };
  });
  return ready;
}

// Sends a `kind` request: `json` (a string) and `file` (a picked File, or undefined).
// Resolves with the worker's result; `onProgress` gets each progress message's text.
export async function callWorker(kind, file, json, onProgress) {
  await start();
  if (!worker) throw new Error("ntm-worker-stopped");
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, kind, file, json });
  });
}

// Stops the worker now: what it was doing is cancelled, its requests fail with
// "ntm-worker-stopped"; the next request starts a new worker.
export function stopWorker() {
  if (worker) fail(new Error("ntm-worker-stopped"));
}

// Starts the worker ahead of its first request.
export function warmWorker() {
  start().catch(() => {});
}
