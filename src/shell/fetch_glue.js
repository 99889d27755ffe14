// Fetches a file of our own site as text (resolved against <base>), e.g. the official
// unit list, which the service worker serves offline from its cache.
export async function fetchText(path) {
  const res = await fetch(new URL(path, document.baseURI));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return await res.text();
}

// The path the app is served under, without the trailing slash: "" at a host's root,
// "/ntm" when built with `--public-url /ntm/` (trunk writes it into <base href>).
export function basePath() {
  return new URL(document.baseURI).pathname.replace(/\/+$/, "");
}
