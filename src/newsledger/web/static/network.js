/* Who acts on whom: actors as nodes, event edges (source -> target) and quote-mention edges. A force layout fitted
   to the drawing area (as wide as the page allows); names drawn only where they fit, the most connected actors
   first, every full name on hover or focus; a legend says what sizes and colours mean. */
"use strict";

(() => {
  const {el, svg, api, status, clear, actorHref, QUAD_COLOURS} = NL;
  const statusEl = document.getElementById("status");
  const graphEl = document.getElementById("graph");
  const infoEl = document.getElementById("info");
  const legendEl = document.getElementById("legend");

  const MAX_DRAWN = 300;  // the API's own bound; a longer answer is cut to its most connected actors
  const LABEL_CHARS = 26;
  const GRAVITY = 0.3;  // pull to the centre, as strong as the repulsion of the whole graph at the drawing's rim  // a longer name is shortened in the drawing (the whole name on hover)
  const NODE_TYPES = [  // colour by entity type (the contract's PERSON, ORG, GROUP, GPE, NORP, OTHER)
    {types: ["PERSON"], name: "person", colour: "#2a7ab0"},
    {types: ["ORG", "GROUP"], name: "organisation or group", colour: "#8e44ad"},
    {types: ["GPE", "NORP"], name: "country, place or nationality", colour: "#27ae60"},
    {types: [], name: "other", colour: "#7f8c8d"},
  ];
  // an event edge's colour: the sign of its summed PLOVER intensity (cooperation positive, conflict negative)
  const EDGE_KINDS = {
    cooperation: {colour: QUAD_COLOURS[1], text: "events, cooperative on balance (summed intensity > 0)"},
    conflict: {colour: QUAD_COLOURS[4], text: "events, hostile on balance (summed intensity < 0)"},
    neutral: {colour: "#8d6e3f", text: "events, neutral on balance (e.g. requests)"},
    mention: {colour: "#95a5a6", text: "no event: the speaker names the actor in a quote", dashed: true},
  };

  const typeOf = (node) => NODE_TYPES.find((t) => t.types.includes((node.type || "").toUpperCase()))
    || NODE_TYPES[NODE_TYPES.length - 1];
  const edgeKind = (e) => (!e.events ? "mention"
    : e.intensity > 0 ? "cooperation" : e.intensity < 0 ? "conflict" : "neutral");
  const shortName = (name) => (name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1)}…` : name);

  /* Fruchterman-Reingold from a fixed spiral (the same picture every time), then stretched to fill W x H. */
  function layout(nodes, links, W, H, margin) {
    const n = nodes.length;
    const k = 0.8 * Math.sqrt((W * H) / n);
    nodes.forEach((node, i) => {
      const r = (Math.sqrt((i + 0.5) / n) * Math.min(W, H)) / 2, angle = i * 2.39996;
      node.x = W / 2 + r * Math.cos(angle);
      node.y = H / 2 + r * Math.sin(angle);
    });
    const steps = n > 150 ? 180 : 300;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let step = 0; step < steps; step++) {
      const temp = (Math.min(W, H) / 8) * (1 - step / steps) + 0.5;
      dx.fill(0);
      dy.fill(0);
      for (let i = 0; i < n; i++) {
        const a = nodes[i];
        for (let j = i + 1; j < n; j++) {
          const b = nodes[j];
          let ddx = a.x - b.x, ddy = a.y - b.y;
          let d2 = ddx * ddx + ddy * ddy;
          if (d2 < 0.01) { ddx = 0.1 * ((i % 3) - 1) + 0.05; ddy = 0.1; d2 = ddx * ddx + ddy * ddy; }
          const f = (k * k) / d2;  // (k^2 / d) along the unit vector (ddx / d)
          dx[i] += ddx * f; dy[i] += ddy * f;
          dx[j] -= ddx * f; dy[j] -= ddy * f;
        }
      }
      for (const [s, t] of links) {
        const ddx = nodes[t].x - nodes[s].x, ddy = nodes[t].y - nodes[s].y;
        const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
        const f = d / k;  // (d^2 / k) along the unit vector
        dx[s] += ddx * f; dy[s] += ddy * f;
        dx[t] -= ddx * f; dy[t] -= ddy * f;
      }
      for (let i = 0; i < n; i++) {
        const node = nodes[i];
        dx[i] += (W / 2 - node.x) * GRAVITY;  // holds separate groups together: no far-flung islands
        dy[i] += (H / 2 - node.y) * GRAVITY;
        const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        const move = Math.min(len, temp);
        node.x += (dx[i] / len) * move;
        node.y += (dy[i] / len) * move;
      }
    }
    const xs = nodes.map((node) => node.x), ys = nodes.map((node) => node.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (const node of nodes) {
      node.x = x1 > x0 ? margin + ((node.x - x0) / (x1 - x0)) * (W - 2 * margin) : W / 2;
      node.y = y1 > y0 ? margin + ((node.y - y0) / (y1 - y0)) * (H - 2 * margin) : H / 2;
    }
  }

  const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

  /* Names where they fit: the most connected actors first, each tried right, left, above and below its circle;
     a name that would overlap a name already placed or the edge of the drawing is left out, and so is one over
     another actor's circle, except for the few most connected actors (their names, haloed, may cross a circle:
     in a dense centre they would have no room otherwise). Names let clicks through to the circles below. */
  function placeLabels(layer, nodes, W, H) {
    const texts = nodes.map((node) => svg("text", {class: "label", x: 0, y: 0}, shortName(node.name)));
    layer.append(...texts);
    const sizes = texts.map((t) => t.getBBox());  // one layout pass for all of them
    const circles = nodes.map((node) => ({x0: node.x - node.r, x1: node.x + node.r, y0: node.y - node.r,
                                          y1: node.y + node.r}));
    const placed = [];
    const order = nodes.map((_, i) => i).sort((a, b) => nodes[b].degree - nodes[a].degree || a - b);
    const leaders = new Set(order.slice(0, Math.max(5, Math.ceil(nodes.length / 25))));
    for (const i of order) {
      const node = nodes[i], size = sizes[i], gap = node.r + 3, pad = 1.5;
      const spots = [
        [node.x + gap, node.y - size.y - size.height / 2],
        [node.x - gap - size.width, node.y - size.y - size.height / 2],
        [node.x - size.width / 2, node.y - gap - size.y - size.height],
        [node.x - size.width / 2, node.y + gap - size.y],
      ];
      const spot = spots.find(([x, y]) => {
        const box = {x0: x + size.x - pad, x1: x + size.x + size.width + pad,
                     y0: y + size.y - pad, y1: y + size.y + size.height + pad};
        if (box.x0 < 0 || box.y0 < 0 || box.x1 > W || box.y1 > H) return false;
        if (placed.some((p) => overlaps(p, box))) return false;
        return leaders.has(i) || !circles.some((c, j) => j !== i && overlaps(c, box));
      });
      if (!spot) {
        texts[i].remove();
        continue;
      }
      texts[i].setAttribute("x", spot[0].toFixed(1));
      texts[i].setAttribute("y", spot[1].toFixed(1));
      placed.push({x0: spot[0] + size.x - pad, x1: spot[0] + size.x + size.width + pad,
                   y0: spot[1] + size.y - pad, y1: spot[1] + size.y + size.height + pad});
    }
    return placed.length;
  }

  function showInfo(node, data, byKey) {
    const out = data.edges.filter((e) => e.source === node.key);
    const inc = data.edges.filter((e) => e.target === node.key);
    const line = (e, other) => el("li", {}, el("a", {href: actorHref(other.key)}, other.name),
      ` — ${e.events} events${e.events ? ` (intensity ${e.intensity})` : ""}` +
      `${e.mentions ? `, ${e.mentions} quote mentions` : ""}`);
    clear(infoEl).append(
      el("h3", {}, el("a", {href: actorHref(node.key)}, node.name)),
      el("p", {class: "muted small"}, [node.type, node.role, node.actor].filter(Boolean).join(" · ")),
      el("h4", {}, "acts on / names"), el("ul", {}, out.map((e) => line(e, byKey.get(e.target)))),
      el("h4", {}, "acted on / named by"), el("ul", {}, inc.map((e) => line(e, byKey.get(e.source)))));
  }

  function swatch(...shapes) {
    return svg("svg", {class: "swatch-svg", viewBox: "0 0 28 14", width: "28", height: "14", "aria-hidden": "true"},
      shapes);
  }

  function drawLegend(maxDegree, maxWeight) {
    const item = (shape, text) => el("li", {}, swatch(shape), el("span", {}, text));
    const line = (kind, width) => svg("line", {x1: 1, y1: 7, x2: 27, y2: 7, stroke: EDGE_KINDS[kind].colour,
                                               "stroke-width": width, "stroke-dasharray": EDGE_KINDS[kind].dashed
                                                 ? "4 3" : null});
    clear(legendEl).append(
      el("h3", {}, "Legend"),
      el("ul", {class: "legend-list"},
        NODE_TYPES.map((t) => item(svg("circle", {cx: 14, cy: 7, r: 5.5, fill: t.colour}), t.name)),
        el("li", {}, swatch(svg("circle", {cx: 5, cy: 7, r: 3, fill: "#9aa5b1"}),
                            svg("circle", {cx: 19, cy: 7, r: 6.5, fill: "#9aa5b1"})),
          el("span", {}, `circle size: the actor's events and quote mentions, in and out (largest ${maxDegree})`))),
      el("ul", {class: "legend-list"},
        Object.keys(EDGE_KINDS).map((kind) => item(line(kind, 2.5), EDGE_KINDS[kind].text)),
        item(svg("g", {}, line("mention", 1), svg("line", {x1: 1, y1: 12, x2: 27, y2: 12,
                                                           stroke: "#9aa5b1", "stroke-width": 4})),
             `line width: events + quote mentions between the two (widest ${maxWeight}); arrow: who acts on ` +
             "or names whom")));
  }

  let lastData = null, lastWidth = 0;

  function draw(data) {
    lastData = data;
    clear(graphEl);
    if (!data.nodes.length) {
      clear(legendEl);
      graphEl.append(el("p", {class: "muted"}, "No actors linked by events or quotes yet."));
      return {drawn: 0, links: 0, labelled: 0};
    }
    const nodes = [...data.nodes].sort((a, b) => b.degree - a.degree).slice(0, MAX_DRAWN).map((n) => ({...n}));
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    const edges = data.edges.filter((e) => byKey.has(e.source) && byKey.has(e.target) && e.source !== e.target);
    const index = new Map(nodes.map((n, i) => [n.key, i]));
    const W = Math.max(280, Math.round(graphEl.clientWidth || 900));
    const H = W < 600 ? Math.round(W * 1.15) : Math.round(Math.min(W * 0.68, 820));
    lastWidth = W;
    const maxD = Math.max(1, ...nodes.map((n) => n.degree));
    const maxW = Math.max(1, ...edges.map((e) => e.events + e.mentions));
    const scale = Math.min(1, Math.max(0.55, W / 800));  // smaller circles on a phone's narrow drawing
    for (const n of nodes) n.r = (4 + 10 * Math.sqrt(n.degree / maxD)) * scale;  // area grows with the degree
    layout(nodes, edges.map((e) => [index.get(e.source), index.get(e.target)]), W, H, 18);

    const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));
    const defs = svg("defs", {}, Object.entries(EDGE_KINDS).map(([kind, k]) =>
      svg("marker", {id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7",
                     markerHeight: "7", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse"},
        svg("path", {d: "M0,0 L10,5 L0,10 z", fill: k.colour}))));
    const paths = edges.map((e) => {
      const s = byKey.get(e.source), t = byKey.get(e.target), kind = edgeKind(e);
      let cx = (s.x + t.x) / 2, cy = (s.y + t.y) / 2;
      if (pairs.has(`${e.target}\u0000${e.source}`)) {  // both directions: each bends to its own side
        const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
        cx += ((t.y - s.y) / len) * 14;
        cy -= ((t.x - s.x) / len) * 14;
      }
      const back = Math.hypot(t.x - cx, t.y - cy) || 1;  // end at the target's rim, where the arrow shows
      const ex = t.x - ((t.x - cx) / back) * (t.r + 1.5), ey = t.y - ((t.y - cy) / back) * (t.r + 1.5);
      const weight = e.events + e.mentions;
      return svg("path", {d: `M${s.x.toFixed(1)},${s.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ` +
                             `${ex.toFixed(1)},${ey.toFixed(1)}`,
                          class: `edge ${e.events ? "event-edge" : "mention-edge"} edge-${kind}`,
                          stroke: EDGE_KINDS[kind].colour, "stroke-width": (1 + (4 * weight) / maxW).toFixed(2),
                          "marker-end": `url(#arrow-${kind})`},
        svg("title", {}, `${s.name} → ${t.name}: ${e.events} events` +
                         `${e.events ? ` (intensity ${e.intensity})` : ""}, ${e.mentions} quote mentions`));
    });
    const hover = svg("g", {class: "hover-label", visibility: "hidden"}, svg("rect", {rx: 3}), svg("text", {}));
    const showName = (n) => {
      const [rect, text] = hover.childNodes;
      text.textContent = n.name;
      const box = text.getBBox();
      const x = Math.min(Math.max(2, n.x - box.width / 2), W - box.width - 2);
      const y = n.y - n.r - 6 > box.height ? n.y - n.r - 6 : n.y + n.r + 6 + box.height;
      text.setAttribute("x", x.toFixed(1));
      text.setAttribute("y", (y - 3).toFixed(1));
      const b = text.getBBox();
      for (const [k, v] of Object.entries({x: b.x - 3, y: b.y - 2, width: b.width + 6, height: b.height + 4})) {
        rect.setAttribute(k, v.toFixed(1));
      }
      hover.setAttribute("visibility", "visible");
    };
    const hideName = () => hover.setAttribute("visibility", "hidden");
    const circles = nodes.map((n) => {
      const g = svg("g", {class: "node", tabindex: "0", role: "button", "aria-label": n.name,
                          transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`},
        svg("circle", {r: n.r.toFixed(1), fill: typeOf(n).colour,
                       class: `node-${(n.type || "other").toLowerCase()}`}),
        svg("title", {}, `${n.name} (${n.type || "other"}): ${n.degree} events and quote mentions`));
      const select = () => showInfo(n, {edges}, byKey);
      g.addEventListener("click", select);
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") select(); });
      g.addEventListener("dblclick", () => { window.location.href = actorHref(n.key); });
      for (const on of ["mouseenter", "focus"]) g.addEventListener(on, () => showName(n));
      for (const off of ["mouseleave", "blur"]) g.addEventListener(off, hideName);
      return g;
    });
    const labels = svg("g", {class: "labels"});
    const drawing = svg("svg", {viewBox: `0 0 ${W} ${H}`, class: "network", role: "img",
                                "aria-label": `network of ${nodes.length} actors`},
      defs, svg("g", {class: "edges"}, paths), svg("g", {class: "nodes"}, circles), labels, hover);
    graphEl.append(drawing);
    const labelled = placeLabels(labels, nodes, W, H);
    drawLegend(maxD, maxW);
    return {drawn: nodes.length, links: edges.length, labelled};
  }

  async function load() {
    status(statusEl, "Loading…");
    const asked = Number(document.getElementById("nodes").value) || 60;
    history.replaceState(null, "", `/network?nodes=${encodeURIComponent(asked)}`);
    try {
      const data = await api(`/api/network?nodes=${encodeURIComponent(asked)}`);
      const {drawn, links, labelled} = draw(data);
      if (!drawn) { status(statusEl, ""); return; }
      const which = data.nodes.length > drawn ? `the ${drawn} most connected of ${data.nodes.length} actors`
        : data.nodes.length >= asked ? `the ${drawn} most connected actors (ask for more above, up to ${MAX_DRAWN})`
        : `all ${drawn} linked actors`;
      status(statusEl, `Showing ${which}, ${links} links; ${labelled} named where the names fit ` +
        "(hover or focus a circle for its name). Click an actor for its links; double-click for its page.");
    } catch (err) {
      status(statusEl, `Error: ${err.message}`, true);
    }
  }

  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      if (lastData && Math.abs((graphEl.clientWidth || 0) - lastWidth) > 40) draw(lastData);
    }, 200);
  });
  const wanted = new URLSearchParams(window.location.search).get("nodes");
  if (wanted) document.getElementById("nodes").value = wanted;
  document.getElementById("network-form").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  load();
})();
