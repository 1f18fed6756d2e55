/* Shared helpers: DOM building (text only ever goes in as text nodes), API calls, links, tables, colours. */
"use strict";

const NL = (() => {
  const SVG_NS = "http://www.w3.org/2000/svg";

  /* el("a", {href: "/x", class: "c"}, "text", childNode): attributes by setAttribute, strings as text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) throw new Error("no event attributes: use addEventListener");
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  async function api(url, options) {
    const response = await fetch(url, options);
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const message = body && body.error ? body.error : `HTTP ${response.status}`;
      const err = new Error(message);
      err.status = response.status;
      throw err;
    }
    return body;
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && v !== "" && v !== false) q.set(k, v === true ? "1" : String(v));
    }
    return q.toString();
  }

  function spanHref(link) {
    if (!link || !link.article_id) return null;
    const hash = link.start !== null && link.start !== undefined ? `#span-${link.start}-${link.end}` : "";
    return `/article/${encodeURIComponent(link.article_id)}${hash}`;
  }

  function actorHref(key) {
    return key ? `/actor/${encodeURIComponent(key)}` : null;
  }

  function linkOrText(href, text) {
    return href ? el("a", {href}, text) : document.createTextNode(text);
  }

  /* table([{label, cell: row => Node|string}], rows, empty?, rowClass?: row => string|null): the table in a box that
     scrolls sideways on its own (never the page); each cell carries its column's label (data-label), which a
     phone's stylesheet shows when the rows become cards. An empty cell stays empty (:empty), so a card skips it. */
  function table(columns, rows, empty, rowClass) {
    if (!rows.length) return el("p", {class: "muted"}, empty || "Nothing found.");
    const head = el("tr", {}, columns.map((c) => el("th", {scope: "col"}, c.label)));
    const body = rows.map((row) => el("tr", {class: rowClass ? rowClass(row) : null}, columns.map((c) => {
      const value = c.cell(row);
      return el("td", {class: c.class || null, "data-label": c.label}, value === "" ? null : value);
    })));
    return el("div", {class: "table-scroll"},
      el("table", {class: "results"}, el("thead", {}, head), el("tbody", {}, body)));
  }

  function status(node, message, isError) {
    clear(node);
    if (message) node.appendChild(el("span", {class: isError ? "error" : "muted"}, message));
  }

  // 16 hues 22.5 degrees apart, in an order that puts neighbours far apart on the wheel, so that up to 16 speakers
  // each have their own colour (the pale background variant too); past 16 the same hues come back darker.
  const HUE_ORDER = [9, 1, 5, 13, 3, 11, 7, 15, 0, 8, 4, 12, 2, 10, 6, 14];
  function colour(index, light) {
    const hue = HUE_ORDER[index % HUE_ORDER.length] * 22.5;
    const round = Math.floor(index / HUE_ORDER.length) % 3;
    return `hsl(${hue} 70% ${light ? 86 - round * 8 : 38 - round * 8}%)`;
  }

  const QUAD_COLOURS = {1: "#4e9a06", 2: "#2a7ab0", 3: "#e09b2d", 4: "#c0392b"};

  function num(value, digits) {
    return value === null || value === undefined ? "" : Number(value).toFixed(digits === undefined ? 2 : digits);
  }

  return {el, svg, clear, api, query, spanHref, actorHref, linkOrText, table, status, colour, QUAD_COLOURS, num};
})();
