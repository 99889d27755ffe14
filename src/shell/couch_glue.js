// One request to a sync database (issue 17). The database is on the app's own origin (a
// reverse proxy under /db/; the CSP allows nothing else), so the session cookie goes with
// it. Resolves with [status, body text]; rejects only when no answer came at all (no
// signal, server down), which the caller reads as "offline".
export async function couchRequest(method, url, body) {
  const init = {
    method,
    credentials: "same-origin",
    cache: "no-store",
    headers: { Accept: "application/json" },
  };
  if (body != null) {
    init.body = body;
    init.headers["Content-Type"] = "application/json";
  }
  const res = await fetch(new URL(url, self.location.href), init);
  return [res.status, await res.text()];
}

// A database address as typed, made absolute against the page (so "/db/ntm-38" works) and
// without a trailing slash; "" when it is not an http(s) address.
export function absoluteUrl(typed) {
  try {
    const u = new URL(typed.trim(), document.baseURI);
    if (u.protocol !== "http:" && u.protocol !== "https:") return "";
    u.hash = "";
    u.search = "";
    return u.href.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

// Whether the browser believes it has a network (the "online" event says when it comes back).
export function isOnline() {
  return self.navigator.onLine !== false;
}
