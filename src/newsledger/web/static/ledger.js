/* The ledger search: quotes, events, claims or actors with filters; results link to their spans. Quotes are
   statements unless "all attributions" is ticked or an act is chosen; then each row says its act and form. */
"use strict";

(() => {
  const {el, api, status, clear, table, spanHref, actorHref, linkOrText, query, num} = NL;
  const form = document.getElementById("search");
  const kindEl = document.getElementById("kind");
  const statusEl = document.getElementById("status");
  const results = document.getElementById("results");
  const FILTERS = {
    quotes: ["speaker", "contains", "since", "act", "attributions"],
    events: ["actor", "target", "type", "since", "clusters", "all"],
    claims: ["claimant", "contains", "flag", "claim_kind", "worth"],
    actors: ["name"],
  };

  const KEYS = {claim_kind: "kind", attributions: "all"};  // filter input -> API parameter, where they differ
  const paramOf = (name) => KEYS[name] || name;
  const attribution = (r) => [r.act, r.form, r.modality && r.modality !== "asserted" ? r.modality : null]
    .filter(Boolean).join(" · ") + (r.statement === false ? " (not a statement)" : "");
  const ATTRIBUTION_COLUMN = {label: "attribution", cell: attribution};

  const who = (code, name, key) => {
    const label = [code, name].filter(Boolean).join(" ") || "–";
    return linkOrText(actorHref(key), label);
  };

  const COLUMNS = {
    quotes: [
      {label: "published", cell: (r) => r.published || ""},
      {label: "speaker", cell: (r) => linkOrText(actorHref(r.actor_key), r.speaker || "Unattributed")},
      {label: "words", class: "words", cell: (r) => linkOrText(spanHref(r.link), r.words || "")},
      {label: "kind", cell: (r) => r.kind},
      {label: "outlets", cell: (r) => String(r.outlets)},
    ],
    events: [
      {label: "date", cell: (r) => r.date || ""},
      {label: "source", cell: (r) => who(r.source, r.source_name, r.source_key)},
      {label: "type", cell: (r) => r.type},
      {label: "target", cell: (r) => who(r.target, r.target_name, r.target_key)},
      {label: "what", class: "words", cell: (r) => linkOrText(spanHref(r.link), r.trigger || r.sentence || "(open)")},
      {label: "modality / reports", cell: (r) => (r.reports !== undefined ? `${r.reports} reports` : r.modality)},
      {label: "place", cell: (r) => r.place || ""},
    ],
    claims: [
      {label: "published", cell: (r) => r.published || ""},
      {label: "claimant", cell: (r) => linkOrText(actorHref(r.claimant_key), r.claimant)},
      {label: "kind", cell: (r) => r.kind},
      {label: "check-worthy", cell: (r) => num(r.checkworthiness)},
      {label: "evidence", cell: (r) => (r.evidence ? el("span", {class: "flag", title: r.evidence},
        (r.flags || "").replaceAll(",", ", ") || r.evidence) : "")},
      {label: "claim", class: "words", cell: (r) => linkOrText(spanHref(r.link), r.text || "")},
    ],
    actors: [
      {label: "name", cell: (r) => linkOrText(actorHref(r.key), r.name)},
      {label: "type", cell: (r) => r.type},
      {label: "role", cell: (r) => r.role || ""},
      {label: "country", cell: (r) => r.country || ""},
      {label: "code", cell: (r) => r.actor || ""},
      {label: "articles", cell: (r) => String(r.articles)},
    ],
  };

  function showFilters() {
    const wanted = new Set(FILTERS[kindEl.value]);
    for (const label of form.querySelectorAll("[data-filter]")) label.hidden = !wanted.has(label.dataset.filter);
  }

  function params() {
    const out = {};
    for (const name of FILTERS[kindEl.value]) {
      const input = document.getElementById(`f-${name}`);
      out[paramOf(name)] = input.type === "checkbox" ? input.checked : input.value.trim();
    }
    return out;
  }

  async function search() {
    const kind = kindEl.value;
    const p = params();
    history.replaceState(null, "", `/ledger?${query({what: kind, ...p})}`);
    status(statusEl, "Searching…");
    try {
      const result = await api(`/api/${kind}?${query({...p, limit: document.getElementById("f-limit").value})}`);
      let columns = COLUMNS[kind];
      if (kind === "quotes" && (p.all || p.act)) {
        columns = [...columns.slice(0, 2), ATTRIBUTION_COLUMN, ...columns.slice(2)];  // after the speaker
      }
      const rowClass = kind === "quotes" ? (r) => (r.statement === false ? "attr" : null) : null;
      clear(results).appendChild(table(columns, result.rows, null, rowClass));
      status(statusEl, `${result.count} ${kind}`);
    } catch (err) {
      clear(results);
      status(statusEl, `Error: ${err.message}`, true);
    }
  }

  function fromUrl() {
    const q = new URLSearchParams(window.location.search);
    const what = q.get("what");
    if (what && FILTERS[what]) kindEl.value = what;
    for (const name of FILTERS[kindEl.value]) {
      const param = paramOf(name);
      const input = document.getElementById(`f-${name}`);
      if (!q.has(param)) continue;
      if (input.type === "checkbox") input.checked = q.get(param) === "1";
      else input.value = q.get(param);
    }
  }

  kindEl.addEventListener("change", () => { showFilters(); search(); });
  form.addEventListener("submit", (ev) => { ev.preventDefault(); search(); });
  fromUrl();
  showFilters();
  search();
})();
