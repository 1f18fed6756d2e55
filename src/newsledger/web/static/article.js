/* A stored article, annotated; scrolls to #span-START-END. */
"use strict";

(() => {
  const {el, api, status, clear} = NL;
  const id = decodeURIComponent(window.location.pathname.replace(/^\/article\//, ""));
  const statusEl = document.getElementById("status");
  const articleEl = document.getElementById("article");

  async function load() {
    try {
      const analysis = await api(`/api/articles/${encodeURIComponent(id)}`);
      const a = analysis.article;
      const head = clear(document.getElementById("result-title"));
      head.append(a.title || "Untitled article");
      const meta = clear(document.getElementById("meta"));
      meta.append([a.source, a.published].filter(Boolean).join(" · "));
      if (a.url && /^https?:\/\//i.test(a.url)) meta.append(" · ", el("a", {href: a.url, rel: "noopener noreferrer"}, "original"));
      Annotate.render(analysis, articleEl, document.getElementById("side"), document.getElementById("detail"));
      status(statusEl, "");
      Annotate.jumpToHash(articleEl);
    } catch (err) {
      status(statusEl, `Error: ${err.message}`, true);
    }
  }

  window.addEventListener("hashchange", () => Annotate.jumpToHash(articleEl));
  load();
})();
