// The page's side of the app's worker (src/bin/worker.rs; its loader is written by
// scripts/post-build.mjs, which records its hashed name in <meta name="ntm-worker">).
// One worker for the page, started on first use; requests answered by id.
let worker = null;
let ready = null;
let nextId = 1;
const pending = new Map();

function fail(err) {
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
    worker = new Worker(new URL(src, document.baseURI), { type: "module" });
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.ready) return resolve();
      if (m.failed != null) {
        const err = new Error(m.failed);
        reject(err);
        return fail(err);
      }
      const p = pending.get(m.id);
      if (!p) return;
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

// Sends `payload` (a JSON string) as a `kind` request; resolves with the worker's result.
export async function callWorker(kind, payload) {
  await start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, kind, payload });
  });
}
