/* An actor: role and organisations, quotes over time (SVG bars), events as source and target, what became of what
   it said would happen (its claims beside later events), claims. Quotes are statements unless "all attributions"
   is ticked. */
"use strict";

(() => {
  const {el, svg, api, status, clear, table, spanHref, actorHref, linkOrText, num} = NL;
  const key = decodeURIComponent(window.location.pathname.replace(/^\/actor\//, ""));
  const statusEl = document.getElementById("status");
  const body = document.getElementById("actor");
  const showAllEl = document.getElementById("show-all");
  const attribution = (r) => [r.act, r.form, r.modality && r.modality !== "asserted" ? r.modality : null]
    .filter(Boolean).join(" · ") + (r.statement === false ? " (not a statement)" : "");

  function chart(months) {
    if (!months.length) return el("p", {class: "muted"}, "No dated quotes.");
    const avail = Math.max(300, Math.min(1100, Math.round(body.clientWidth || 640)));
    const w = Math.max(avail, months.length * 56), h = 160, pad = 28;  // text at its size; many months scroll
    const max = Math.max(...months.map((m) => m.quotes));
    const bw = (w - 2 * pad) / months.length, barW = Math.max(2, Math.min(48, bw - 4));
    const bars = months.map((m, i) => {
      const bh = ((h - 2 * pad) * m.quotes) / max;
      const x = pad + i * bw;
      return svg("g", {},
        svg("rect", {x: x + (bw - barW) / 2, y: h - pad - bh, width: barW, height: bh, class: "bar"},
          svg("title", {}, `${m.month}: ${m.quotes} quotes`)),
        svg("text", {x: x + bw / 2, y: h - pad + 14, "text-anchor": "middle", class: "axis"}, m.month));
    });
    return el("div", {class: "chart-scroll"}, svg("svg", {viewBox: `0 0 ${w} ${h}`, width: w, height: h,
                                                         class: w > avail ? "chart wide" : "chart", role: "img",
                                                         "aria-label": "quotes per month"},
      svg("line", {x1: pad, x2: w - pad, y1: h - pad, y2: h - pad, class: "axis-line"}),
      svg("text", {x: 4, y: pad, class: "axis"}, String(max)), bars));
  }

  const who = (code, name, k) => linkOrText(actorHref(k), [code, name].filter(Boolean).join(" ") || "–");
  const eventColumns = [
    {label: "date", cell: (r) => r.date || ""},
    {label: "source", cell: (r) => who(r.source, r.source_name, r.source_key)},
    {label: "type", cell: (r) => r.type},
    {label: "target", cell: (r) => who(r.target, r.target_name, r.target_key)},
    {label: "modality", cell: (r) => r.modality},
    {label: "what", class: "words", cell: (r) => linkOrText(spanHref(r.link), r.trigger || "(open)")},
  ];

  async function load() {
    try {
      const showAll = showAllEl.checked;
      const a = await api(`/api/actors/${encodeURIComponent(key)}${showAll ? "?all=1" : ""}`);
      clear(document.getElementById("result-title")).append(a.name);
      const roles = (a.roles || []).map((r) => [r.role, r.organization].filter(Boolean).join(", "));
      clear(body).append(
        el("dl", {class: "facts"},
          el("dt", {}, "type"), el("dd", {}, a.type || ""),
          el("dt", {}, "role"), el("dd", {}, a.role || "–"),
          el("dt", {}, "roles in articles"), el("dd", {}, roles.join("; ") || "–"),
          el("dt", {}, "country"), el("dd", {}, a.country || "–"),
          el("dt", {}, "actor code"), el("dd", {}, a.actor || "–"),
          el("dt", {}, "articles"), el("dd", {}, String(a.articles))),
        el("h2", {}, "Quotes over time"), chart(a.quotes_by_month),
        el("h2", {}, showAll ? `Quotes and other attributions (${a.quotes.length})` : `Quotes (${a.quotes.length})`),
        table([
          {label: "published", cell: (r) => r.published || ""},
          showAll ? {label: "attribution", cell: attribution} : null,
          {label: "words", class: "words", cell: (r) => linkOrText(spanHref(r.link), r.words || "")},
          {label: "outlets", cell: (r) => String(r.outlets)},
        ].filter(Boolean), a.quotes, null, (r) => (r.statement === false ? "attr" : null)),
        el("h2", {}, `Events as source (${a.events_as_source.length})`), table(eventColumns, a.events_as_source),
        el("h2", {}, `Events as target (${a.events_as_target.length})`), table(eventColumns, a.events_as_target),
        el("h2", {}, `Said → what happened next (${a.follow_ups.length})`),
        a.follow_ups.length ? table([
          {label: "said", cell: (r) => r.published || ""},
          {label: "kind", cell: (r) => r.kind},
          {label: "claim", class: "words", cell: (r) => linkOrText(spanHref(r.claim_link), r.claim || "")},
          {label: "then", cell: (r) => el("span", {class: `relation ${r.relation}`}, r.relation.replace("_", " "))},
          {label: "days later", cell: (r) => String(r.days)},
          {label: "what happened", class: "words",
           cell: (r) => linkOrText(spanHref(r.later_link), r.later_sentence || r.later_trigger || "(open)")},
          {label: "reported by", cell: (r) => [r.later_outlet, r.later_published].filter(Boolean).join(", ")},
        ], a.follow_ups) : el("p", {class: "muted"}, "No later event in the ledger bears on what this actor said would happen."),
        el("h2", {}, `Claims (${a.claims.length})`),
        table([
          {label: "published", cell: (r) => r.published || ""},
          {label: "kind", cell: (r) => r.kind},
          {label: "check-worthy", cell: (r) => num(r.checkworthiness)},
          {label: "evidence", cell: (r) => (r.evidence ? el("span", {class: "flag"}, r.evidence) : "")},
          {label: "claim", class: "words", cell: (r) => linkOrText(spanHref(r.link), r.text || "")},
        ], a.claims));
      status(statusEl, "");
    } catch (err) {
      status(statusEl, `Error: ${err.message}`, true);
    }
  }

  showAllEl.addEventListener("change", load);
  load();
})();
