/* A stored article, annotated; scrolls to #span-START-END (showing all attributions when the span is one that is
   not a statement, e.g. a link from a search with "all attributions"). */
"use strict";

(() => {
  const {el, api, status, clear} = NL;
  const id = decodeURIComponent(window.location.pathname.replace(/^\/article\//, ""));
  const statusEl = document.getElementById("status");
  const articleEl = document.getElementById("article");
  const showAllEl = document.getElementById("show-all");
  const noteEl = document.getElementById("hidden-note");
  let shown = null;

  function draw() {
    Annotate.render(shown, articleEl, document.getElementById("side"), document.getElementById("detail"),
      {showAll: showAllEl.checked});
    clear(noteEl).append(Annotate.hiddenNote(shown, showAllEl.checked));
  }

  function showTarget() {
    const match = /^#span-(\d+)-(\d+)$/.exec(window.location.hash);
    if (match && !showAllEl.checked && Annotate.hiddenAt(shown, Number(match[1]), Number(match[2]))) {
      showAllEl.checked = true;
      draw();
    }
    Annotate.jumpToHash(articleEl);
  }

  async function load() {
    try {
      const analysis = await api(`/api/articles/${encodeURIComponent(id)}`);
      const a = analysis.article;
      const head = clear(document.getElementById("result-title"));
      head.append(a.title || "Untitled article");
      const meta = clear(document.getElementById("meta"));
      meta.append([a.source, a.published].filter(Boolean).join(" · "));
      if (a.url && /^https?:\/\//i.test(a.url)) meta.append(" · ", el("a", {href: a.url, rel: "noopener noreferrer"}, "original"));
      shown = analysis;
      draw();
      status(statusEl, "");
      showTarget();
    } catch (err) {
      status(statusEl, `Error: ${err.message}`, true);
      clear(document.getElementById("result-title")).append("Article not found");
      // no legend, toggles or empty frame under the error: there is nothing to read
      for (const part of document.querySelectorAll("main .legend, main .toggles, main .layout")) part.hidden = true;
    }
  }

  window.addEventListener("hashchange", () => { if (shown) showTarget(); });
  showAllEl.addEventListener("change", () => { if (shown) draw(); });
  load();
})();
