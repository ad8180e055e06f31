// Renders results: a terminal table, an HTML table, an SVG bar chart (log scale) and the
// self-contained report page. Pure functions of the results, shared by the page and the driver.

import { IMPLS, SCENARIOS } from "./scenarios.js";

/** One colour per path (Okabe–Ito, readable for colour-blind readers). */
export const COLORS = Object.freeze({
  raw_floor: "#555555",
  vanilla_js: "#999999",
  wasm_bindgen: "#e69f00",
  web_sys: "#cc79a7",
  sledgehammer: "#000000",
  serde_wasm_bindgen: "#f0e442",
  slotwire: "#0072b2",
  slotwire_archived: "#009e73",
  slotwire_lowlevel: "#56b4e9",
  json_baseline: "#d55e00",
});

/** `scenario` → `impl` → result. */
function index(results) {
  const by = new Map();
  for (const r of results) {
    if (!by.has(r.scenario)) by.set(r.scenario, new Map());
    by.get(r.scenario).set(r.impl, r);
  }
  return by;
}

/** The scenarios present, in the canonical order (unknown ones last). */
function scenarioOrder(results) {
  const known = SCENARIOS.map((s) => s.name);
  const seen = [...new Set(results.map((r) => r.scenario))];
  return [...known.filter((s) => seen.includes(s)), ...seen.filter((s) => !known.includes(s))];
}

/** 7.12 ns, 172 µs, 1.20 ms. */
export function formatNs(ns) {
  if (!Number.isFinite(ns)) return String(ns);
  const [v, unit] = ns >= 1e6 ? [ns / 1e6, "ms"] : ns >= 1e3 ? [ns / 1e3, "µs"] : [ns, "ns"];
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}

/** 1 ns, 10 ns, 100 ns, 1 µs, ... */
function decade(d) {
  const units = ["ns", "µs", "ms", "s"];
  const u = Math.min(units.length - 1, Math.max(0, Math.floor(d / 3)));
  return `${10 ** (d - 3 * u)} ${units[u]}`;
}

function formatRatio(x) {
  if (!Number.isFinite(x)) return "–";
  return x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

/**
 * Rows: scenario, impl, ns/op, × floor (this ÷ the floor: `raw_floor`, or `vanilla_js` in the
 * DOM scenarios), json ÷ this (speed-up over JSON), ops.
 */
export function tableRows(results) {
  const by = index(results);
  const rows = [];
  for (const s of scenarioOrder(results)) {
    const m = by.get(s);
    const floor = (m.get("raw_floor") ?? m.get("vanilla_js"))?.ns_per_op;
    const json = m.get("json_baseline")?.ns_per_op;
    const impls = [...IMPLS.filter((i) => m.has(i)), ...[...m.keys()].filter((i) => !IMPLS.includes(i))];
    for (const impl of impls) {
      const r = m.get(impl);
      rows.push({
        scenario: s,
        impl,
        ns: r.ns_per_op,
        vsFloor: floor ? r.ns_per_op / floor : NaN,
        jsonOver: json ? json / r.ns_per_op : NaN,
        ops: r.ops,
      });
    }
  }
  return rows;
}

/** The table as plain text for a terminal. */
export function formatTextTable(results) {
  const head = ["scenario", "impl", "ns/op", "× floor", "json ÷ this", "ops"];
  const body = tableRows(results).map((r) => [
    r.scenario,
    r.impl,
    r.ns >= 100 ? r.ns.toFixed(0) : r.ns >= 10 ? r.ns.toFixed(1) : r.ns.toFixed(2),
    formatRatio(r.vsFloor),
    formatRatio(r.jsonOver),
    String(r.ops),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const right = [false, false, true, true, true, true];
  const line = (cells) =>
    cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const out = [line(head), widths.map((w) => "-".repeat(w)).join("  ")];
  let prev = null;
  for (let i = 0; i < body.length; i++) {
    if (prev !== null && body[i][0] !== prev) out.push("");
    prev = body[i][0];
    out.push(line(body[i]));
  }
  return out.join("\n");
}

function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

/** The table as an HTML <table>. */
export function renderTableHtml(results) {
  const what = new Map(SCENARIOS.map((s) => [s.name, s.what]));
  const rows = tableRows(results);
  let html =
    '<table class="bench"><thead><tr><th>scenario</th><th>impl</th><th>ns/op</th>' +
    '<th title="ns/op ÷ the floor\'s ns/op: raw_floor, or vanilla_js in the DOM scenarios">× floor</th>' +
    '<th title="json_baseline ns/op ÷ ns/op: how many times faster than JSON">json ÷ this</th>' +
    "<th>ops</th></tr></thead><tbody>";
  let prev = null;
  for (const r of rows) {
    const first = r.scenario !== prev;
    prev = r.scenario;
    const span = rows.filter((x) => x.scenario === r.scenario).length;
    html += `<tr class="${first ? "first" : ""}">`;
    if (first) {
      html += `<th rowspan="${span}" scope="rowgroup">${esc(r.scenario)}<br><small>${esc(what.get(r.scenario) ?? "")}</small></th>`;
    }
    html +=
      `<td><span class="swatch" style="background:${COLORS[r.impl] ?? "#999"}"></span>${esc(r.impl)}</td>` +
      `<td class="num">${esc(formatNs(r.ns))}</td>` +
      `<td class="num">${esc(formatRatio(r.vsFloor))}</td>` +
      `<td class="num">${esc(formatRatio(r.jsonOver))}</td>` +
      `<td class="num">${r.ops}</td></tr>`;
  }
  return html + "</tbody></table>";
}

/**
 * Grouped horizontal bars, one group per scenario, one bar per path, ns/op on a log scale.
 * @returns {string} an <svg> element
 */
export function renderChartSvg(results, { title = "ns per operation (log scale; shorter is faster)" } = {}) {
  const by = index(results);
  const scenarios = scenarioOrder(results);
  const impls = IMPLS.filter((i) => results.some((r) => r.impl === i));
  const values = results.map((r) => r.ns_per_op).filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.floor(Math.log10(Math.min(...values, 1)));
  const hi = Math.ceil(Math.log10(Math.max(...values, 10)));
  const W = 960;
  const left = 150;
  const right = 90;
  const top = 64;
  const barH = 13;
  const gap = 2;
  const groupGap = 16;
  const groupH = impls.length * (barH + gap) - gap;
  const H = top + scenarios.length * (groupH + groupGap) + 30;
  const plotW = W - left - right;
  const x = (v) => left + ((Math.log10(v) - lo) / (hi - lo)) * plotW;
  const parts = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
      `font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${esc(title)}">`,
  );
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${left}" y="18" font-size="14" font-weight="600">${esc(title)}</text>`);
  // Legend.
  const slot = Math.min(150, plotW / Math.max(1, impls.length));
  impls.forEach((impl, i) => {
    const lx = left + i * slot;
    parts.push(`<rect x="${lx}" y="30" width="12" height="12" fill="${COLORS[impl]}"/>`);
    parts.push(`<text x="${lx + 16}" y="40.5">${esc(impl)}</text>`);
  });
  // Decade grid.
  const axisY = H - 24;
  for (let d = lo; d <= hi; d++) {
    const gx = x(10 ** d);
    parts.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${axisY}" stroke="#ddd"/>`);
    parts.push(`<text x="${gx}" y="${axisY + 16}" text-anchor="middle" fill="#444">${esc(decade(d))}</text>`);
  }
  // Bars.
  let y = top;
  for (const s of scenarios) {
    const m = by.get(s);
    parts.push(
      `<text x="${left - 8}" y="${y + groupH / 2 + 4}" text-anchor="end" font-weight="600">${esc(s)}</text>`,
    );
    impls.forEach((impl, i) => {
      const r = m.get(impl);
      const by0 = y + i * (barH + gap);
      if (r && Number.isFinite(r.ns_per_op) && r.ns_per_op > 0) {
        const w = Math.max(1, x(r.ns_per_op) - left);
        parts.push(`<rect x="${left}" y="${by0}" width="${w.toFixed(1)}" height="${barH}" fill="${COLORS[impl]}"/>`);
        parts.push(
          `<text x="${(left + w + 4).toFixed(1)}" y="${by0 + barH - 2.5}" font-size="11" fill="#222">${esc(formatNs(r.ns_per_op))}</text>`,
        );
      }
    });
    y += groupH + groupGap;
  }
  parts.push(`<line x1="${left}" y1="${top - 6}" x2="${left}" y2="${axisY}" stroke="#888"/>`);
  parts.push("</svg>");
  return parts.join("");
}

export const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
.meta { color: #555; margin: 0 0 1rem; }
table.bench { border-collapse: collapse; font-size: 13px; margin-top: 1rem; }
table.bench th, table.bench td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; }
table.bench thead th { border-bottom: 2px solid #999; }
table.bench tr.first > * { border-top: 2px solid #ccc; }
table.bench th[scope=rowgroup] { vertical-align: top; }
table.bench th small { font-weight: normal; color: #666; }
table.bench td.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; }
`;

/** The self-contained report page (no script, no external file). */
export function renderReportHtml({ host, version, results, date = new Date().toISOString(), note = "" }) {
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>slotwire benchmarks — ${esc(host)} ${esc(version)}</title>
<style>${STYLE}</style>
<h1>slotwire benchmarks</h1>
<p class="meta">${esc(host)} ${esc(version)} · ${esc(date)}${note ? ` · ${esc(note)}` : ""}</p>
<div id="chart">${renderChartSvg(results)}</div>
${renderTableHtml(results)}
</html>
`;
}
