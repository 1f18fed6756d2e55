/* The Analyse page: text or file in, the annotated article out; optionally stored in the ledger.
   Statements are shown; the "show all attributions" toggle adds the other attributions (beliefs, intentions…). */
"use strict";

(() => {
  const {el, api, status} = NL;
  const form = document.getElementById("analyse-form");
  const statusEl = document.getElementById("status");
  const out = document.getElementById("result");
  const articleEl = document.getElementById("article");
  const sideEl = document.getElementById("side");
  const detailEl = document.getElementById("detail");
  const showAllEl = document.getElementById("show-all");
  const noteEl = document.getElementById("hidden-note");
  let shown = null;  // the analysis on the page, drawn again when the toggle changes

  function fields() {
    return {
      text: document.getElementById("text").value,
      published: document.getElementById("published").value || null,
      title: document.getElementById("title").value || null,
    };
  }

  function show(analysis, stored) {
    out.hidden = false;
    const head = document.getElementById("result-title");
    NL.clear(head);
    head.append(analysis.article.title || "Analysed text");
    if (stored) head.append(" ", el("a", {href: stored.url, class: "small"}, stored.added ? "stored in the ledger" :
      "already in the ledger"));
    shown = analysis;
    draw();
    const n = (k) => (analysis[k] || []).length;
    status(statusEl, `${Annotate.countLabel(analysis.quotes || [])}, ${n("events")} events, ${n("claims")} claims.`);
  }

  function draw() {
    Annotate.render(shown, articleEl, sideEl, detailEl, {showAll: showAllEl.checked});
    NL.clear(noteEl).append(Annotate.hiddenNote(shown, showAllEl.checked));
  }

  const buttons = [document.getElementById("analyse-btn"), document.getElementById("store-btn")];

  async function run(store) {
    const file = document.getElementById("file").files[0];
    const f = fields();
    status(statusEl, "Analysing…");
    buttons.forEach((b) => { b.disabled = true; });  // one analysis at a time: a second click would queue another
    try {
      if (store) {
        const headers = {"Content-Type": "application/json"};
        const token = document.getElementById("token").value;
        if (token) headers.Authorization = `Bearer ${token}`;
        const result = await api("/api/ledger/analyze", {method: "POST", headers, body: JSON.stringify(f)});
        show(result.analysis, result);
      } else if (file) {
        const data = new FormData();
        data.append("file", file);
        if (f.published) data.append("published", f.published);
        if (f.title) data.append("title", f.title);
        show(await api("/api/analyze/upload", {method: "POST", body: data}));
      } else {
        show(await api("/api/analyze", {method: "POST", headers: {"Content-Type": "application/json"},
                                         body: JSON.stringify(f)}));
      }
    } catch (err) {
      status(statusEl, `Error: ${err.message}`, true);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); run(false); });
  showAllEl.addEventListener("change", () => { if (shown) draw(); });
  document.getElementById("store-btn").addEventListener("click", () => run(true));
  document.getElementById("file").addEventListener("change", (ev) => {
    const hint = document.getElementById("file-hint");
    NL.clear(hint).append(ev.target.files[0] ? "The file is analysed instead of the text box." : "");
  });
})();
