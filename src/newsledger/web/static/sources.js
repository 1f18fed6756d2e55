/* Who gets quoted: one stacked bar per outlet or week (shares of its statements by gender, sector or party), a
   legend, the shares as a table, and under it the people behind each bar with links to each of their statements. */
"use strict";

(() => {
  const {el, svg, api, status, clear, table, linkOrText, actorHref, query, colour} = NL;
  const form = document.getElementById("sources-form");
  const statusEl = document.getElementById("status");
  const chartEl = document.getElementById("chart");
  const sharesEl = document.getElementById("shares");
  const peopleEl = document.getElementById("behind");
  const FIELDS = ["by", "per", "outlet", "since", "until", "people"];
  const GENDER_COLOURS = {female: "#c2185b", male: "#2a7ab0", unknown: "#9aa5b1", "not a person": "#e0b040"};
  const UNKNOWN_COLOUR = "#9aa5b1";

  function coloursFor(data) {
    const out = {};
    let i = 0;
    for (const c of data.categories) {
      if (data.by === "gender") out[c] = GENDER_COLOURS[c];
      else out[c] = c === "unknown" ? UNKNOWN_COLOUR : colour(i++);
    }
    return out;
  }

  const pct = (share) => `${(100 * share).toFixed(1)}%`;
  const count = (n) => Number(n).toLocaleString("en");

  /* The bars drawn: each bar, then the whole ("all") when there are bars of their own. */
  function barsOf(data) {
    return data.per === "none" ? data.bars : [...data.bars, data.overall];
  }

  function draw(data) {
    const colours = coloursFor(data);
    const bars = barsOf(data);
    const avail = Math.max(300, Math.round(chartEl.clientWidth || 640));
    const pad = 44, perRow = Math.max(1, Math.floor((Math.max(avail, 300) - pad) / 170));
    const top = 16 + Math.ceil(data.categories.length / perRow) * 18 + 14;
    const w = Math.max(avail, pad + bars.length * 56 + 10), h = top + 240 + 56;
    const plot = h - top - 56;
    const gw = (w - pad - 10) / bars.length, bw = Math.min(48, gw * 0.7);
    const y = (share) => top + (1 - share) * plot;
    const legend = data.categories.map((c, i) => {
      const lx = pad + (i % perRow) * 170, ly = 8 + Math.floor(i / perRow) * 18;
      return svg("g", {class: "legend-item"},
        svg("rect", {x: lx, y: ly, width: 12, height: 12, fill: colours[c]}),
        svg("text", {x: lx + 16, y: ly + 10, class: "axis"}, `${c} (${pct(data.overall.shares[c])})`));
    });
    const groups = bars.map((bar, i) => {
      const x = pad + i * gw + (gw - bw) / 2;
      let acc = 0;
      const segments = data.categories.filter((c) => bar.counts[c] > 0).map((c) => {
        const share = bar.shares[c];
        const rect = svg("rect", {x, y: y(acc + share), width: bw, height: Math.max(0.5, share * plot),
                                  fill: colours[c], class: "bar point", "data-bar": bar.bar, "data-category": c},
          svg("title", {}, `${bar.bar} · ${c}: ${pct(share)} (${count(bar.counts[c])} of ${count(bar.total)})`));
        acc += share;
        return rect;
      });
      const group = svg("g", {class: "stack clickable", tabindex: "0", role: "link",
                              "aria-label": `${bar.bar}: ${count(bar.total)} statements; the people behind it`},
        segments,
        svg("text", {x: x + bw / 2, y: top - 4, "text-anchor": "middle", class: "axis"}, count(bar.total)),
        svg("text", {x: x + bw / 2, y: h - 56 + 14, "text-anchor": "middle", class: "axis"},
          bar.bar.length > 12 ? `${bar.bar.slice(0, 11)}…` : bar.bar,
          svg("title", {}, bar.bar)));
      const go = () => {
        const target = document.getElementById(`people-${i}`);
        if (target) target.scrollIntoView({block: "start"});
      };
      group.addEventListener("click", go);
      group.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } });
      return group;
    });
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => svg("g", {},
      svg("line", {x1: pad, x2: w - 10, y1: y(t), y2: y(t), class: "axis-line", "stroke-opacity": t ? 0.25 : 1}),
      svg("text", {x: 4, y: y(t) + 4, class: "axis"}, `${t * 100}%`)));
    clear(chartEl).append(el("div", {class: "chart-scroll"},
      svg("svg", {viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: w > avail ? "chart sources wide" : "chart sources",
                  role: "img", "aria-label": `shares of statements by ${data.by}, per ${data.per}`},
        svg("g", {class: "legend"}, legend), ticks, groups)));
    drawShares(data, bars);
    drawPeople(data, bars, colours);
  }

  function drawShares(data, bars) {
    clear(sharesEl).append(table([
      {label: data.per === "none" ? "bar" : data.per, cell: (b) => b.bar},
      {label: "statements", cell: (b) => count(b.total)},
      ...data.categories.map((c) => ({label: c, cell: (b) => `${pct(b.shares[c])} (${count(b.counts[c])})`})),
    ], bars));
  }

  function personLine(person, colours) {
    const href = actorHref(person.actor_key);
    const links = person.links.map((link, k) => el("a", {href: link.href, class: "statement-link",
                                                         title: `statement ${k + 1} of ${person.name}`}, String(k + 1)));
    const more = person.statements > person.links.length
      ? el("a", {href: `/ledger?${query({what: "quotes", speaker: person.name})}`}, `all ${count(person.statements)}…`)
      : null;
    return el("li", {class: "person"},
      svg("svg", {width: 12, height: 12, class: "swatch", "aria-hidden": "true"},
        svg("rect", {width: 12, height: 12, fill: colours[person.category]})),
      linkOrText(href, person.name), ` · ${person.category} · ${count(person.statements)} statement` +
        `${person.statements === 1 ? "" : "s"}: `,
      links.flatMap((a, k) => (k ? [" ", a] : [a])), more ? [" ", more] : null);
  }

  function drawPeople(data, bars, colours) {
    clear(peopleEl);
    if (!bars.some((b) => b.people.length)) return;
    peopleEl.append(el("h2", {}, "The people behind each bar"));
    bars.forEach((bar, i) => {
      peopleEl.append(el("section", {id: `people-${i}`, class: "bar-people", "data-bar": bar.bar},
        el("h3", {}, `${bar.bar}: ${count(bar.total)} statements`),
        bar.people.length
          ? el("ul", {}, bar.people.map((p) => personLine(p, colours)))
          : el("p", {class: "muted"}, "Nobody listed.")));
    });
  }

  function params() {
    const out = {};
    for (const name of FIELDS) out[name] = document.getElementById(name).value.trim();
    return out;
  }

  async function load() {
    const p = params();
    history.replaceState(null, "", `/sources?${query(p)}`);
    status(statusEl, "Loading…");
    try {
      const data = await api(`/api/sources?${query(p)}`);
      const list = document.getElementById("outlets");
      clear(list).append(data.outlets.map((o) => el("option", {value: o})));
      clear(chartEl); clear(sharesEl); clear(peopleEl);
      if (!data.total) {
        status(statusEl, p.outlet && !data.outlets.some((o) => o.toLowerCase() === p.outlet.toLowerCase())
          ? `No outlet "${p.outlet}" in the ledger.` : "No statements match.");
        return;
      }
      draw(data);
      const left = data.left_out_undated ? ` ${count(data.left_out_undated)} statements without a publication date left out.` : "";
      status(statusEl, `${count(data.total)} statements by ${data.by}, per ${data.per}.${left}`);
    } catch (err) {
      status(statusEl, `Error: ${err.message}`, true);
    }
  }

  const q = new URLSearchParams(window.location.search);
  for (const name of FIELDS) if (q.get(name)) document.getElementById(name).value = q.get(name);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  load();
})();
