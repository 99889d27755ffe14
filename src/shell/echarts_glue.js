// ECharts, loaded only when a page shows a chart. The script file is built from the npm
// `echarts` package at build time and served from our own origin; its hashed name is
// written into <meta name="ntm-echarts"> by scripts/post-build.mjs.
let loading = null;

export function loadEcharts() {
  if (globalThis.echarts) return Promise.resolve();
  if (loading) return loading;
  const meta = document.querySelector('meta[name="ntm-echarts"]');
  const src = meta ? meta.getAttribute("content") : null;
  if (!src) return Promise.reject(new Error("ntm-echarts meta tag missing"));
  loading = new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = new URL(src, document.baseURI).href;
    s.onload = () => resolve();
    s.onerror = () => {
      loading = null;
      s.remove();
      reject(new Error("could not load " + src));
    };
    document.head.appendChild(s);
  });
  return loading;
}

// Draws `optionJson` (a charming Chart serialised by serde) into `el`. The chart follows
// the element's size; the returned handle must be given back to disposeChart.
export function initChart(el, optionJson) {
  const chart = globalThis.echarts.init(el, null, { renderer: "canvas" });
  chart.setOption(JSON.parse(optionJson));
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return { chart, observer };
}

export function disposeChart(handle) {
  handle.observer.disconnect();
  handle.chart.dispose();
}

export function chartPngDataUrl(handle) {
  return handle.chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
}

// Charts are drawn when they come near the screen: a phone shows one at a time, and
// drawing every chart of the dashboard at once (with ECharts' script evaluated first) was
// most of its blocking time on a slow phone (BENCHMARKS.md). Printing releases them all.
const waiting = new Map(); // element → resolve
let observer = null;

function release(el) {
  const resolve = waiting.get(el);
  forget(el);
  if (resolve) resolve();
}

export function whenNear(el) {
  return new Promise((resolve) => {
    if (typeof IntersectionObserver === "undefined") return resolve();
    observer ??= new IntersectionObserver(
      (entries) => entries.forEach((e) => e.isIntersecting && release(e.target)),
      { rootMargin: "400px 0px" },
    );
    waiting.set(el, resolve);
    observer.observe(el);
  });
}

// Every chart still waiting is drawn now (before printing).
export function releaseAll() {
  [...waiting.keys()].forEach(release);
}

// A chart that leaves the page before it was drawn is no longer watched.
export function forget(el) {
  waiting.delete(el);
  if (observer) observer.unobserve(el);
}
