// A marker outside IndexedDB that this device has saved data before. If the browser
// empties IndexedDB (eviction, "clear site data" for one storage type), the marker lets
// the app say so instead of showing a blank first-run screen.
const KEY = "ntm-had-data";

export function setMarker(value) {
  try {
    localStorage.setItem(KEY, value);
  } catch (_) {
    /* private mode or storage disabled: detection is best effort */
  }
}

export function hasMarker() {
  try {
    return localStorage.getItem(KEY) !== null;
  } catch (_) {
    return false;
  }
}
