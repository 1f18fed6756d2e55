/* The dyad chart: summed PLOVER intensity per period, one bar per quad; click a bar for the events behind it. */
"use strict";

(() => {
  const {el, svg, api, status, clear, table, spanHref, linkOrText, query, QUAD_COLOURS} = NL;
  const form = document.getElementById("dyad-form");
  const statusEl = document.getElementById("status");
  const chartEl = document.getElementById("chart");
  const listEl = document.getElementById("events");

  function listEvents(data, period, quad) {
    const rows = data.events.filter((e) => e.period === period && (quad === null || String(e.quad) === quad));
    clear(listEl).append(
      el("h3", {}, `${period}${quad ? ` · ${data.quads[quad]}` : ""}: ${rows.length} events`),
      table([
        {label: "day", cell: (r) => r.day},
        {label: "source", cell: (r) => r.source || "–"},
        {label: "type", cell: (r) => r.type},
        {label: "target", cell: (r) => r.target || "–"},
        {label: "intensity", cell: (r) => (r.score === null ? "" : String(r.score))},
        {label: "reports", cell: (r) => String(r.reports)},
        {label: "sentence", class: "words", cell: (r) => linkOrText(spanHref(r.link), r.sentence || r.trigger || "")},
      ], rows));
  }

  function draw(data) {
    clear(chartEl);
    clear(listEl);
    if (data.undated) {
      chartEl.append(el("p", {class: "muted", id: "undated"},
        `${data.undated} event${data.undated === 1 ? "" : "s"} between ${data.a} and ${data.b} left out: ` +
        "no date of their own and no publication date."));
    }
    if (!data.periods.length) {
      chartEl.append(el("p", {class: "muted"}, `No dated events between ${data.a} and ${data.b}.`));
      return;
    }
    const quads = Object.keys(data.quads);
    const values = data.periods.flatMap((p) => quads.map((q) => p.intensity[q]));
    const hi = Math.max(0, ...values), lo = Math.min(0, ...values);
    // drawn at the width it is shown (text stays legible on a phone); many periods scroll sideways in their box
    const avail = Math.max(300, Math.round(chartEl.clientWidth || 640));
    const w = Math.max(avail, data.periods.length * 64), pad = 40;
    const perRow = Math.max(1, Math.floor((w - pad) / 160)), top = 16 + Math.ceil(quads.length / perRow) * 18;
    const h = top + 220 + pad;
    const y = (v) => top + ((hi - v) / ((hi - lo) || 1)) * (h - top - pad);
    const gw = (w - 2 * pad) / data.periods.length;
    const bw = Math.max(3, (gw - 10) / quads.length);
    const groups = data.periods.map((p, i) => {
      const x0 = pad + i * gw + 5;
      const bars = quads.map((q, j) => {
        const v = p.intensity[q];
        // events whose intensities sum to 0 (a REQUEST is 0) still get a visible stub across the axis
        const stub = p.count[q] > 0 && Math.abs(y(v) - y(0)) < 4;
        const bar = svg("rect", {x: x0 + j * bw, y: stub ? y(0) - 2 : Math.min(y(v), y(0)), width: bw - 1,
                                 height: stub ? 4 : Math.max(1, Math.abs(y(v) - y(0))), fill: QUAD_COLOURS[q],
                                 class: "bar point",
                                 "data-period": p.period, "data-quad": q, tabindex: "0"},
          svg("title", {}, `${p.period} ${data.quads[q]}: intensity ${v}, ${p.count[q]} events`));
        bar.addEventListener("click", () => listEvents(data, p.period, q));
        return bar;
      });
      const label = svg("text", {x: x0 + (gw - 10) / 2, y: h - pad + 16, "text-anchor": "middle", class: "axis clickable"},
        p.period);
      label.addEventListener("click", () => listEvents(data, p.period, null));
      return svg("g", {}, bars, label);
    });
    const legend = quads.map((q, i) => {
      const lx = pad + (i % perRow) * 160, ly = 8 + Math.floor(i / perRow) * 18;
      return svg("g", {},
        svg("rect", {x: lx, y: ly, width: 12, height: 12, fill: QUAD_COLOURS[q]}),
        svg("text", {x: lx + 16, y: ly + 10, class: "axis"}, data.quads[q]));
    });
    chartEl.append(el("div", {class: "chart-scroll"}, svg("svg", {viewBox: `0 0 ${w} ${h}`, width: w, height: h,
                                                                   class: w > avail ? "chart wide" : "chart", role: "img",
                               "aria-label": `intensity between ${data.a} and ${data.b}`},
      legend,
      svg("line", {x1: pad, x2: w - pad, y1: y(0), y2: y(0), class: "axis-line"}),
      svg("text", {x: 4, y: y(hi) + 4, class: "axis"}, String(hi)),
      svg("text", {x: 4, y: y(lo) + 4, class: "axis"}, String(lo)),
      groups)));
  }

  async function load() {
    const a = document.getElementById("a").value.trim();
    const b = document.getElementById("b").value.trim();
    const by = document.getElementById("by").value;
    if (!a || !b) { status(statusEl, "Give two actor codes (e.g. RUS and UKR)."); return; }
    history.replaceState(null, "", `/dyad?${query({a, b, by})}`);
    status(statusEl, "Loading…");
    try {
      const data = await api(`/api/dyad?${query({a, b, by})}`);
      draw(data);
      status(statusEl, `${data.events.length} events between ${data.a} and ${data.b}, by ${data.by}.`);
    } catch (err) {
      status(statusEl, `Error: ${err.message}`, true);
    }
  }

  const q = new URLSearchParams(window.location.search);
  for (const name of ["a", "b", "by"]) if (q.get(name)) document.getElementById(name).value = q.get(name);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  load();
})();
