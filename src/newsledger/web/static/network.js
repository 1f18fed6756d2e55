/* Who acts on whom: actors as nodes, event edges (source -> target) and quote-mention edges, a small force layout. */
"use strict";

(() => {
  const {el, svg, api, status, clear, actorHref} = NL;
  const statusEl = document.getElementById("status");
  const graphEl = document.getElementById("graph");
  const infoEl = document.getElementById("info");
  const W = 900, H = 640;

  function layout(nodes, edges) {
    const index = new Map(nodes.map((n, i) => [n.key, i]));
    nodes.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / nodes.length;
      n.x = W / 2 + (W / 3) * Math.cos(angle);
      n.y = H / 2 + (H / 3) * Math.sin(angle);
    });
    const links = edges.map((e) => [index.get(e.source), index.get(e.target)]);
    for (let step = 0; step < 300; step++) {
      const heat = 1 - step / 300;
      const fx = new Float64Array(nodes.length), fy = new Float64Array(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y;
          const d2 = Math.max(dx * dx + dy * dy, 25);
          const f = 4000 / d2;
          const d = Math.sqrt(d2);
          fx[i] += (f * dx) / d; fy[i] += (f * dy) / d;
          fx[j] -= (f * dx) / d; fy[j] -= (f * dy) / d;
        }
      }
      for (const [s, t] of links) {
        const dx = nodes[t].x - nodes[s].x, dy = nodes[t].y - nodes[s].y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const f = (d - 90) * 0.05;
        fx[s] += (f * dx) / d; fy[s] += (f * dy) / d;
        fx[t] -= (f * dx) / d; fy[t] -= (f * dy) / d;
      }
      nodes.forEach((n, i) => {
        fx[i] += (W / 2 - n.x) * 0.01; fy[i] += (H / 2 - n.y) * 0.01;
        n.x = Math.min(W - 30, Math.max(30, n.x + Math.max(-20, Math.min(20, fx[i])) * heat));
        n.y = Math.min(H - 20, Math.max(20, n.y + Math.max(-20, Math.min(20, fy[i])) * heat));
      });
    }
  }

  function showInfo(node, data, byKey) {
    const out = data.edges.filter((e) => e.source === node.key);
    const inc = data.edges.filter((e) => e.target === node.key);
    const line = (e, other) => el("li", {}, el("a", {href: actorHref(other.key)}, other.name),
      ` — ${e.events} events${e.mentions ? `, ${e.mentions} quote mentions` : ""}`);
    clear(infoEl).append(
      el("h3", {}, el("a", {href: actorHref(node.key)}, node.name)),
      el("p", {class: "muted small"}, [node.type, node.role, node.actor].filter(Boolean).join(" · ")),
      el("h4", {}, "acts on / names"), el("ul", {}, out.map((e) => line(e, byKey.get(e.target)))),
      el("h4", {}, "acted on / named by"), el("ul", {}, inc.map((e) => line(e, byKey.get(e.source)))));
  }

  function draw(data) {
    clear(graphEl);
    if (!data.nodes.length) {
      graphEl.append(el("p", {class: "muted"}, "No actors linked by events or quotes yet."));
      return;
    }
    layout(data.nodes, data.edges);
    const byKey = new Map(data.nodes.map((n) => [n.key, n]));
    const maxW = Math.max(1, ...data.edges.map((e) => e.events + e.mentions));
    const defs = svg("defs", {},
      svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: "18", refY: "5", markerWidth: "6", markerHeight: "6",
                     orient: "auto-start-reverse"}, svg("path", {d: "M0,0 L10,5 L0,10 z", class: "arrowhead"})));
    const lines = data.edges.map((e) => {
      const s = byKey.get(e.source), t = byKey.get(e.target);
      const weight = e.events + e.mentions;
      return svg("line", {x1: s.x, y1: s.y, x2: t.x, y2: t.y, class: e.events ? "edge event-edge" : "edge mention-edge",
                          "stroke-width": 1 + (4 * weight) / maxW, "marker-end": "url(#arrow)"},
        svg("title", {}, `${s.name} → ${t.name}: ${e.events} events, ${e.mentions} quote mentions`));
    });
    const maxD = Math.max(1, ...data.nodes.map((n) => n.degree));
    const circles = data.nodes.map((n) => {
      const g = svg("g", {class: "node", tabindex: "0", transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`},
        svg("circle", {r: 5 + (10 * n.degree) / maxD, class: `node-${(n.type || "other").toLowerCase()}`}),
        svg("text", {x: 12, y: 4, class: "label"}, n.name),
        svg("title", {}, `${n.name} (${n.type})`));
      g.addEventListener("click", () => showInfo(n, data, byKey));
      g.addEventListener("dblclick", () => { window.location.href = actorHref(n.key); });
      return g;
    });
    graphEl.append(svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "network", role: "img",
                               "aria-label": "actor network"}, defs, lines, circles));
  }

  async function load() {
    status(statusEl, "Loading…");
    try {
      const data = await api(`/api/network?nodes=${encodeURIComponent(document.getElementById("nodes").value)}`);
      draw(data);
      status(statusEl, `${data.nodes.length} actors, ${data.edges.length} links. Click an actor for its links; ` +
        "double-click for its page.");
    } catch (err) {
      status(statusEl, `Error: ${err.message}`, true);
    }
  }

  document.getElementById("network-form").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  load();
})();
