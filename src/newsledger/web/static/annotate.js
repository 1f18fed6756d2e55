/* The annotated article: the text cut at every record's boundaries into text nodes (never HTML), quotes in their
   speaker's colour with the cue marked, events underlined, claims marked; details on hover, pinned on click.
   Statements (quote.statement: someone said or wrote it) are shown; the other attributions (beliefs, intentions,
   stances, negated or nested ones…) only with {showAll: true}, striped and dashed to set them apart. */
"use strict";

const Annotate = (() => {
  const {el, clear, colour} = NL;
  const KINDS = [  // why an attribution is not a statement: [reason, singular, plural], in order of precedence
    ["thought", "belief", "beliefs"], ["intention", "intention", "intentions"], ["stance", "stance", "stances"],
    ["source", "source attribution", "source attributions"], ["nested", "nested attribution", "nested attributions"],
    ["negated", "negated attribution", "negated attributions"],
    ["hypothetical", "hypothetical attribution", "hypothetical attributions"], ["question", "question", "questions"],
    ["generic", "generic attribution", "generic attributions"],
    ["phrase", "noun-phrase attribution", "noun-phrase attributions"],
  ];
  const OTHER = ["other", "attribution", "attributions"];

  function slice(text, span) {
    return span ? text.slice(span[0], span[1]).replace(/\s+/g, " ").trim() : "";
  }

  /* A statement unless the record says otherwise (stored quotes from before the field count as statements). */
  function isStatement(q) {
    return q.statement !== false;
  }

  function attributionKind(q) {
    const reasons = [q.act, q.nested_in ? "nested" : "", q.modality, q.form];
    for (const reason of reasons) {
      const kind = KINDS.find((k) => k[0] === reason);
      if (kind) return kind;
    }
    return OTHER;
  }

  /* "thought · clause", "speech · clause · negated" */
  function attributionLabel(q) {
    return [q.act || "?", q.form || "?", q.modality && q.modality !== "asserted" ? q.modality : null]
      .filter(Boolean).join(" · ");
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : (many || `${one}s`)}`;
  }

  /* "2 quotes", "2 quotes, 1 other attribution" */
  function countLabel(quotes) {
    const statements = quotes.filter(isStatement).length;
    const others = quotes.length - statements;
    const parts = statements || !others ? [plural(statements, "quote")] : [];
    if (others) parts.push(plural(others, "other attribution"));
    return parts.join(", ");
  }

  /* The attributions that are not statements: how many, and what they are ("beliefs, intentions, stances…"). */
  function others(analysis) {
    const hidden = (analysis.quotes || []).filter((q) => !isStatement(q));
    const counts = new Map();
    for (const q of hidden) {
      const kind = attributionKind(q);
      counts.set(kind, (counts.get(kind) || 0) + 1);
    }
    const order = [...KINDS, OTHER];
    const kinds = [...counts.keys()]
      .sort((a, b) => counts.get(b) - counts.get(a) || order.indexOf(a) - order.indexOf(b));
    const names = kinds.slice(0, 3).map((k) => k[2]).join(", ") + (kinds.length > 3 ? "…" : "");
    return {count: hidden.length, names};
  }

  /* The line beside the "show all attributions" toggle. */
  function hiddenNote(analysis, showAll) {
    const o = others(analysis);
    if (!o.count) return "";
    const are = o.count === 1 ? "is" : "are";
    if (showAll) return `showing ${plural(o.count, "attribution")} that ${are} not a statement (${o.names}), striped`;
    return `${plural(o.count, "more attribution")} (${o.names}) hidden`;
  }

  /* Does the span [start, end) belong to an attribution that is not a statement (and to no statement)? */
  function hiddenAt(analysis, start, end) {
    const covers = (q) => {
      const spans = q.content || [];
      if (!spans.length) return false;
      const s = Math.min(...spans.map((x) => x[0])), e = Math.max(...spans.map((x) => x[1]));
      return (s === start && e === end) || spans.some((x) => x[0] === start && x[1] === end) ||
        Boolean(q.cue && q.cue[0] === start && q.cue[1] === end);
    };
    const quotes = analysis.quotes || [];
    return quotes.some((q) => !isStatement(q) && covers(q)) && !quotes.some((q) => isStatement(q) && covers(q));
  }

  function model(analysis, showAll) {
    const text = analysis.text || "";
    const entities = new Map((analysis.entities || []).map((e) => [e.id, e]));
    const allQuotes = analysis.quotes || [];
    const quotes = showAll ? allQuotes : allQuotes.filter(isStatement);
    const shownIds = new Set(quotes.map((q) => q.id));
    const events = analysis.events || [];
    const claims = analysis.claims || [];
    const speakers = new Map();
    const speakerOf = new Map();
    // speakers from every attribution, so that a speaker keeps its colour whether or not the others are shown
    for (const q of [...allQuotes].sort((a, b) => first(a) - first(b))) {
      const who = q.speaker || {};
      const entity = who.entity ? entities.get(who.entity) : null;
      const key = entity ? `e:${entity.id}` : (who.name ? `n:${who.name}` : "-");
      if (!speakers.has(key)) {
        speakers.set(key, {key, name: entity ? entity.name : (who.name || "Unattributed"), entity,
                           actorKey: who.actor_key || (entity && entity.actor_key) || null,
                           colourIndex: speakers.size, quotes: []});
      }
      if (shownIds.has(q.id)) speakers.get(key).quotes.push(q);
      speakerOf.set(q.id, speakers.get(key));
    }
    return {text, entities, quotes, events, claims, speakers, speakerOf, shownIds,
            eventsById: new Map(events.map((e) => [e.id, e])), quotesById: new Map(allQuotes.map((q) => [q.id, q]))};
  }

  function first(q) {
    return Math.min(...(q.content || [[0, 0]]).map((s) => s[0]));
  }

  function annotations(m) {
    const out = [];
    for (const q of m.quotes) {
      for (const span of q.content || []) out.push({kind: "quote", start: span[0], end: span[1], rec: q});
      if (q.cue) out.push({kind: "cue", start: q.cue[0], end: q.cue[1], rec: q});
    }
    for (const e of m.events) if (e.trigger) out.push({kind: "event", start: e.trigger[0], end: e.trigger[1], rec: e});
    for (const c of m.claims) if (c.span) out.push({kind: "claim", start: c.span[0], end: c.span[1], rec: c});
    return out.filter((a) => a.end > a.start);
  }

  function who(m, w) {
    if (!w) return "–";
    const name = w.name || (w.mention ? slice(m.text, w.mention) : "") || "?";
    return w.actor ? `${w.actor} ${name}` : name;
  }

  function code(m, w) {
    if (!w) return "–";
    return w.actor || w.name || (w.mention ? slice(m.text, w.mention) : "") || "?";
  }

  function headline(m, e) {
    const extra = [e.mode, ...(e.context || []).slice(0, 2)].filter(Boolean);
    return `${code(m, e.source)} ${e.type} ${code(m, e.target)}${extra.length ? ` (${extra.join(", ")})` : ""}`;
  }

  function facts(rows) {
    return el("dl", {class: "facts"}, rows.filter((r) => r[1] !== null && r[1] !== undefined && r[1] !== "")
      .map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }

  /* How an event or claim names its quote: ["in quote", "q7"]; for an attribution that is not a statement
     ["in belief", "q7"], and "q7 (hidden: show all attributions)" while it is not shown. */
  function quoteRef(m, id) {
    const q = m.quotesById.get(id);
    if (!q || isStatement(q)) return ["in quote", id];
    return [`in ${attributionKind(q)[1]}`, m.shownIds.has(id) ? id : `${id} (hidden: show all attributions)`];
  }

  function quoteCard(m, q) {
    const sp = m.speakerOf.get(q.id);
    const ent = sp && sp.entity;
    const written = q.speaker && q.speaker.mention ? slice(m.text, q.speaker.mention) : "";
    const swatch = el("span", {class: "swatch"});
    swatch.style.backgroundColor = colour(sp ? sp.colourIndex : 0, false);
    const statement = isStatement(q);
    const title = statement ? `Quote ${q.id} · ${q.kind}`
      : `${attributionKind(q)[1].replace(/^./, (c) => c.toUpperCase())} ${q.id} · ${q.kind} · not a statement`;
    return el("div", {class: statement ? "card quote-card" : "card quote-card attr"},
      el("h4", {}, swatch, title),
      facts([
        ["attribution", statement ? null : attributionLabel(q)],
        ["inside", q.nested_in],
        ["speaker", sp ? sp.name : "Unattributed"],
        ["as written", written && (!sp || written !== sp.name) ? written : null],
        ["role", ent && ent.role], ["organisation", ent && ent.organization], ["country", ent && ent.country],
        ["actor", (q.speaker && q.speaker.actor) || (ent && ent.actor)],
        ["medium", q.medium], ["addressee", q.addressee], ["cue", q.cue ? slice(m.text, q.cue) : null],
        ["continues", q.continuation_of], ["confidence", q.confidence !== undefined ? NL.num(q.confidence) : null],
        ["why", q.why],
      ]));
  }

  function eventCard(m, e) {
    const when = e.date ? `${e.date.value || ""}${e.date.text ? ` (${e.date.text})` : ""}` : null;
    const intensity = e.score !== null && e.score !== undefined
      ? `${e.score}${e.goldstein !== null && e.goldstein !== undefined ? `, Goldstein ${e.goldstein}` : ""}` : null;
    return el("div", {class: "card event-card"},
      el("h4", {}, `Event ${e.id} · ${headline(m, e)}`),
      facts([
        ["type", e.type], ["modality", e.modality], ["trigger", slice(m.text, e.trigger)],
        ["source", who(m, e.source)], ["target", who(m, e.target)], ["when", when],
        ["where", e.location ? e.location.name : null], ["intensity", intensity], ["CAMEO", e.cameo],
        e.reported_by ? quoteRef(m, e.reported_by) : ["in quote", null], ["why", e.why],
      ]));
  }

  function claimCard(m, c) {
    const claimant = c.claimant ? (m.entities.get(c.claimant.entity) || {}).name || c.claimant.name : null;
    const follow = (c.follow_up || []).map((f) => {
      const ev = m.eventsById.get(f.event);
      return [String(f.relation || "").replace(/_/g, " "), ev ? headline(m, ev) : f.event];
    });
    return el("div", {class: "card claim-card"},
      el("h4", {}, `Claim ${c.id} · ${c.kind}`),
      facts([
        ["claimant", claimant || "the article (its own voice)"], ["kind", c.kind],
        ["check-worthiness", c.checkworthiness !== null && c.checkworthiness !== undefined
          ? NL.num(c.checkworthiness) : null],
        ["evidence", c.evidence], c.quote ? quoteRef(m, c.quote) : ["in quote", null], ...follow, ["why", c.why],
      ]));
  }

  function cards(m, active) {
    const seen = new Set();
    const out = [];
    for (const a of active) {
      const key = `${a.kind === "cue" ? "quote" : a.kind}:${a.rec.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (a.kind === "quote" || a.kind === "cue") out.push(quoteCard(m, a.rec));
      else if (a.kind === "event") out.push(eventCard(m, a.rec));
      else out.push(claimCard(m, a.rec));
    }
    return out;
  }

  function blocks(analysis, length) {
    const layout = analysis.layout || {};
    const headings = new Set((layout.headings || []).map((h) => `${h[0]}-${h[1]}`));
    let paragraphs = (layout.paragraphs || []).filter((p) => p[1] > p[0]);
    if (!paragraphs.length) paragraphs = [[0, length]];
    return paragraphs.map((p) => ({start: p[0], end: p[1], heading: headings.has(`${p[0]}-${p[1]}`)}));
  }

  /* Render into `articleEl` (and the lists into `sideEl`); returns the model. Statements only unless
     `options.showAll`. Rendering again (e.g. when the toggle changes) replaces what was there. */
  function render(analysis, articleEl, sideEl, detailEl, options) {
    const m = model(analysis, Boolean(options && options.showAll));
    const anns = annotations(m);
    const segInfo = new WeakMap();
    const points = new Set([0, m.text.length]);
    for (const a of anns) { points.add(a.start); points.add(a.end); }
    const bks = blocks(analysis, m.text.length);
    for (const b of bks) { points.add(b.start); points.add(b.end); }
    const sorted = [...points].filter((p) => p >= 0 && p <= m.text.length).sort((x, y) => x - y);
    const anchored = new Set();
    clear(articleEl);
    for (const b of bks) {
      const block = el(b.heading ? "h3" : "p", {class: b.heading ? "heading" : "para"});
      for (let i = 0; i < sorted.length - 1; i++) {
        const s = sorted[i], e = sorted[i + 1];
        if (s < b.start || e > b.end) continue;
        const active = anns.filter((a) => a.start <= s && e <= a.end);
        for (const a of anns) {
          const id = `span-${a.start}-${a.end}`;
          if (a.start === s && !anchored.has(id)) {
            anchored.add(id);
            block.appendChild(el("span", {class: "anchor", id}));
          }
        }
        const piece = m.text.slice(s, e);
        if (!active.length) {
          const plain = el("span", {class: "seg plain", "data-start": s, "data-end": e}, piece);
          block.appendChild(plain);
          continue;
        }
        const seg = el("span", {class: "seg", "data-start": s, "data-end": e, tabindex: "0"}, piece);
        const quote = active.find((a) => a.kind === "quote" && isStatement(a.rec)) ||
          active.find((a) => a.kind === "quote");
        if (quote) {
          const sp = m.speakerOf.get(quote.rec.id);
          seg.classList.add("q");
          if (!isStatement(quote.rec)) seg.classList.add("attr");
          seg.style.backgroundColor = colour(sp ? sp.colourIndex : 0, true);
          seg.style.borderBottomColor = colour(sp ? sp.colourIndex : 0, false);
        }
        if (active.some((a) => a.kind === "cue")) seg.classList.add("cue");
        if (active.some((a) => a.kind === "event")) seg.classList.add("ev");
        if (active.some((a) => a.kind === "claim")) seg.classList.add("cl");
        segInfo.set(seg, active);
        block.appendChild(seg);
      }
      articleEl.appendChild(block);
    }
    wireTips(m, articleEl, segInfo, detailEl);
    if (sideEl) side(m, sideEl, articleEl);
    return m;
  }

  function tipNode() {
    let tip = document.getElementById("tip");
    if (!tip) {
      tip = el("div", {id: "tip", class: "tip", role: "tooltip"});
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  const wired = new WeakMap();  // article element -> what its listeners read: the latest render's model and segments

  function wireTips(m, articleEl, segInfo, detailEl) {
    const fresh = !wired.has(articleEl);
    wired.set(articleEl, {m, segInfo, detailEl});
    if (!fresh) return;  // listeners are added once per element; a re-render only swaps their state
    const tip = tipNode();
    articleEl.addEventListener("mouseover", (ev) => {
      const {m, segInfo} = wired.get(articleEl);
      const seg = ev.target.closest ? ev.target.closest(".seg") : null;
      const active = seg ? segInfo.get(seg) : null;
      if (!active) { tip.hidden = true; return; }
      clear(tip);
      tip.append(...cards(m, active));
      tip.hidden = false;
      const box = seg.getBoundingClientRect();
      tip.style.left = `${Math.max(8, Math.min(window.innerWidth - 380, box.left))}px`;
      tip.style.top = `${box.bottom + window.scrollY + 6}px`;
    });
    articleEl.addEventListener("mouseleave", () => { tip.hidden = true; });
    const pin = (ev) => {
      const {m, segInfo, detailEl} = wired.get(articleEl);
      const seg = ev.target.closest ? ev.target.closest(".seg") : null;
      const active = seg ? segInfo.get(seg) : null;
      if (!active || !detailEl) return;
      clear(detailEl);
      detailEl.append(el("h3", {}, "Selected"), ...cards(m, active));
    };
    articleEl.addEventListener("click", pin);
    articleEl.addEventListener("keydown", (ev) => { if (ev.key === "Enter") pin(ev); });
  }

  function jump(articleEl, start, end) {
    let target = document.getElementById(`span-${start}-${end}`);
    const segs = [...articleEl.querySelectorAll(".seg")];
    for (const s of articleEl.querySelectorAll(".target")) s.classList.remove("target");
    const inside = segs.filter((s) => Number(s.dataset.start) >= start && Number(s.dataset.end) <= end);
    for (const s of inside) s.classList.add("target");
    if (!target) target = inside[0] || segs.find((s) => Number(s.dataset.end) > start);
    if (target) target.scrollIntoView({block: "center"});
    return Boolean(target);
  }

  function side(m, sideEl, articleEl) {
    clear(sideEl);
    const speakers = [...m.speakers.values()].filter((sp) => sp.quotes.length);
    sideEl.appendChild(el("h3", {}, `Speakers (${speakers.length})`));
    sideEl.appendChild(el("ul", {class: "speakers"}, speakers.map((sp) => {
      const swatch = el("span", {class: "swatch"});
      swatch.style.backgroundColor = colour(sp.colourIndex, false);
      const details = sp.entity ? [sp.entity.role, sp.entity.organization, sp.entity.country].filter(Boolean) : [];
      const go = el("button", {type: "button", class: "linkish"}, sp.name);
      go.addEventListener("click", () => {
        const c = sp.quotes[0].content[0];
        jump(articleEl, c[0], c[1]);
      });
      return el("li", {}, swatch, go, ` ${countLabel(sp.quotes)}`,
        details.length ? el("div", {class: "muted small"}, details.join(" · ")) : null,
        sp.actorKey ? [" · ", el("a", {class: "small", href: NL.actorHref(sp.actorKey)}, "actor page")] : null);
    })));
    sideEl.appendChild(el("h3", {}, `Events (${m.events.length})`));
    sideEl.appendChild(el("ul", {class: "events"}, m.events.map((e) => {
      const go = el("button", {type: "button", class: "linkish"}, headline(m, e));
      go.addEventListener("click", () => jump(articleEl, e.trigger[0], e.trigger[1]));
      return el("li", {class: `modality-${e.modality}`}, go,
        el("div", {class: "muted small"}, [e.modality, slice(m.text, e.trigger)].join(" · ")));
    })));
    sideEl.appendChild(el("h3", {}, `Claims (${m.claims.length})`));
    sideEl.appendChild(el("ul", {class: "claims"}, m.claims.map((c) => {
      const go = el("button", {type: "button", class: "linkish"}, `${c.kind}: ${slice(m.text, c.span).slice(0, 90)}`);
      go.addEventListener("click", () => jump(articleEl, c.span[0], c.span[1]));
      return el("li", {}, go, c.evidence ? el("div", {class: "flag small"}, c.evidence) : null);
    })));
  }

  function jumpToHash(articleEl) {
    const match = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
    if (match) jump(articleEl, Number(match[1]), Number(match[2]));
  }

  return {render, jump, jumpToHash, headline, isStatement, countLabel, hiddenNote, hiddenAt};
})();
