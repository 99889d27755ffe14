// navigator.storage: persistence and usage. Each function resolves (never rejects) with a
// plain value, so the Rust side has nothing to unwrap when the API is missing (old Safari).
export async function persist() {
  try {
    return navigator.storage && navigator.storage.persist ? await navigator.storage.persist() : null;
  } catch (_) {
    return null;
  }
}

export async function persisted() {
  try {
    return navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted() : null;
  } catch (_) {
    return null;
  }
}

// Returns [usage, quota] in bytes, or null when the browser does not say.
export async function estimate() {
  try {
    if (!(navigator.storage && navigator.storage.estimate)) return null;
    const e = await navigator.storage.estimate();
    return [e.usage ?? 0, e.quota ?? 0];
  } catch (_) {
    return null;
  }
}
