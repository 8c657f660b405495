/* timeline: draws the chart from the JSON in #timeline-data.  Data is untrusted
   text: it is only ever written with textContent or setAttribute, never as HTML. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var DAY_MS = 86400000;
  var ROW = 54, LANE_HEAD = 24, AXIS = 62, PAD_L = 14, PAD_R = 16, BREAK = 44, GAP_DAYS = 150, MARGIN_DAYS = 18;
  var OPEN_DAYS = 60;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var CERTAINTIES = ["confirmed", "announced", "expected", "possible"];

  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var svg = document.getElementById("chart");
  var scroller = document.getElementById("scroll");
  var detail = document.getElementById("detail");
  var form = document.querySelector("form.controls");
  var state = { lanes: "party", off: { party: {}, kind: {}, certainty: {} }, selected: null };
  var byId = {};
  data.items.forEach(function (item, i) { item.index = i; byId[item.id] = item; });
  var nodes = {};   // id -> the item's <g> in the chart, when drawn
  var order = [];   // drawn items, in time order, for the arrow keys
  var measurer = null, widths = {};

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    for (var key in attrs) { if (attrs[key] !== null && attrs[key] !== undefined) node.setAttribute(key, attrs[key]); }
    if (parent) parent.appendChild(node);
    return node;
  }
  function label(parent, x, y, cls, words) {
    var node = el("text", { x: x, y: y, "class": cls }, parent);
    node.textContent = words;
    return node;
  }
  function measure(words, cls) {
    var key = cls + "\u0000" + words;
    if (!(key in widths)) { measurer.setAttribute("class", cls); measurer.textContent = words; widths[key] = measurer.getComputedTextLength(); }
    return widths[key];
  }
  function isoDay(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }
  function certainty(item) { return CERTAINTIES.indexOf(item.certainty) >= 0 ? item.certainty : "other"; }
  function dated(item) { return !!(item.point || item.since || item.until); }

  function visible(item) {
    if (state.off.kind[item.kind] || state.off.certainty[item.certainty]) return false;
    var parties = item.parties.length ? item.parties : ["(none)"];
    return parties.some(function (p) { return !state.off.party[p]; });
  }

  /* The days an item covers on the axis: [first, after-last], with the soft parts. */
  function extent(item) {
    if (item.point) return { a: item.point[0], b: item.point[1], fadeIn: item.point[2] !== "day", fadeOut: item.point[2] !== "day" };
    var s = item.since, u = item.until, a, b, inA, outB;
    if (s) { a = s[0]; inA = s[2] !== "day" ? s[1] : null; }
    if (u) { b = u[2] === "day" ? u[0] : u[1]; outB = u[2] !== "day" ? u[0] : null; }
    if (!s) { a = b - OPEN_DAYS; inA = a + OPEN_DAYS / 2; }
    if (!u) { b = Math.max(a + 1, data.asOf || a) + OPEN_DAYS; outB = b - OPEN_DAYS / 2; }
    return { a: a, b: b, inTo: inA, outFrom: outB, fadeIn: inA != null, fadeOut: outB != null, window: true };
  }

  /* A piecewise scale: long empty stretches are cut out and drawn as a short break. */
  function makeScale(items, width, reserve) {
    var spans = [];
    items.forEach(function (item) {
      var e = extent(item);
      spans.push([e.a, e.b]);
      if (item.ghost) spans.push(item.ghost);
      item.was.forEach(function (w) { spans.push([w.span[0], w.span[1]]); });
    });
    if (data.asOf != null) spans.push([data.asOf, data.asOf + 1]);
    if (!spans.length) spans.push([0, 1]);
    spans.sort(function (p, q) { return p[0] - q[0]; });
    var segments = [];
    spans.forEach(function (s) {
      var a = s[0] - MARGIN_DAYS, b = s[1] + MARGIN_DAYS, last = segments[segments.length - 1];
      if (last && a - last[1] < GAP_DAYS) last[1] = Math.max(last[1], b); else segments.push([a, b]);
    });
    var days = segments.reduce(function (t, s) { return t + s[1] - s[0]; }, 0);
    var room = width - PAD_L - PAD_R - reserve - BREAK * (segments.length - 1);
    var ppd = Math.max(1.05, Math.min(8, room / days));
    var starts = [], x = PAD_L;
    segments.forEach(function (s, i) { starts.push(x); x += (s[1] - s[0]) * ppd + (i < segments.length - 1 ? BREAK : 0); });
    function scale(day) {
      for (var i = 0; i < segments.length; i++) {
        var s = segments[i];
        if (day <= s[1] || i === segments.length - 1) {
          if (day >= s[0] || i === 0) return starts[i] + (day - s[0]) * ppd;
          var prevEnd = starts[i - 1] + (segments[i - 1][1] - segments[i - 1][0]) * ppd;   // inside a break
          return prevEnd + BREAK * (day - segments[i - 1][1]) / (s[0] - segments[i - 1][1]);
        }
      }
      return PAD_L;
    }
    scale.segments = segments; scale.starts = starts; scale.ppd = ppd; scale.end = x;
    return scale;
  }

  function laneOf(item) {
    if (state.lanes === "kind") return item.kind || "(no kind)";
    if (!item.parties.length) return "(no party)";
    var rank = data.partyOrder;
    return item.parties.slice().sort(function (p, q) { return rank.indexOf(p) - rank.indexOf(q); }).join(" & ");
  }
  function laneRank(name, firstDay) {
    if (state.lanes === "kind") return [firstDay[name], name];
    var parts = name.split(" & "), rank = data.partyOrder;
    var mean = parts.reduce(function (t, p) { var r = rank.indexOf(p); return t + (r < 0 ? 999 : r); }, 0) / parts.length;
    return [mean, parts.length, name];
  }
  function compare(p, q) { for (var i = 0; i < p.length; i++) { if (p[i] < q[i]) return -1; if (p[i] > q[i]) return 1; } return 0; }

  function place(shown, x, lanes, firstDay, limit) {
    shown.forEach(function (item) {
      var name = laneOf(item), e = extent(item);
      (lanes[name] = lanes[name] || []).push(item);
      firstDay[name] = Math.min(firstDay[name] == null ? Infinity : firstDay[name], e.a);
      item.ext = e;
      item.x0 = x(e.a); item.x1 = Math.max(x(e.b), item.x0 + 1);
      if (!item.window && item.point && item.point[2] === "day") { item.x0 -= 6; item.x1 += 6; }
      var whenWidth = measure(whenLine(item), "d") + 8;
      item.labelW = Math.max(measure(item.title, "t"), whenWidth);
      item.lx = Math.max(PAD_L, Math.min(item.x0, limit - item.labelW));   // labels start at the mark, shifted left near the edge
      var right = Math.max(item.x1, item.lx + item.labelW);
      if (item.ghost) right = Math.max(right, x(item.ghost[1]));
      item.was.forEach(function (w) { right = Math.max(right, x(w.span[1]) + 8 + measure("was " + w.text, "was-text")); });
      var left = Math.min(item.x0, item.lx);
      if (item.ghost) left = Math.min(left, x(item.ghost[0]));
      item.was.forEach(function (w) { left = Math.min(left, x(w.span[0]) - 6); });
      item.left = left; item.right = right + 14;
    });
  }

  function render() {
    var width = Math.max(scroller.clientWidth, 320);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    measurer = el("text", { x: -9999, y: -9999, "aria-hidden": "true" }, svg);
    nodes = {}; order = [];
    var shown = data.items.filter(function (item) { return dated(item) && visible(item); });
    data.items.forEach(function (item) {
      var article = document.getElementById("e-" + item.id);
      if (article) article.parentNode.hidden = !visible(item);
    });
    var x = makeScale(shown, width, 40), lanes = {}, firstDay = {};
    place(shown, x, lanes, firstDay, Math.max(width - 2, x.end + PAD_R) - PAD_R);
    var names = Object.keys(lanes).sort(function (p, q) { return compare(laneRank(p, firstDay), laneRank(q, firstDay)); });
    var top = AXIS, layout = [];
    names.forEach(function (name) {
      var rows = [];
      lanes[name].sort(function (p, q) { return p.left - q.left || p.index - q.index; }).forEach(function (item) {
        var r = 0;
        while (r < rows.length && rows[r] > item.left) r++;
        rows[r] = item.right; item.row = r;
      });
      layout.push({ name: name, top: top, height: LANE_HEAD + rows.length * ROW + 4, items: lanes[name] });
      top += LANE_HEAD + rows.length * ROW + 4;
    });
    var height = Math.max(top + 10, AXIS + 60);
    var chartWidth = Math.max(width - 2, Math.ceil(Math.max.apply(null, [x.end + PAD_R].concat(shown.map(function (i) { return i.right + PAD_R; })))));
    svg.setAttribute("width", chartWidth); svg.setAttribute("height", height);
    svg.setAttribute("viewBox", "0 0 " + chartWidth + " " + height);

    var back = el("g", { "class": "lanes" }, svg);
    layout.forEach(function (lane, i) {
      el("rect", { x: 0, y: lane.top, width: chartWidth, height: lane.height, "class": "lane-band" + (i % 2 ? " odd" : "") }, back);
      el("line", { x1: 0, x2: chartWidth, y1: lane.top, y2: lane.top, "class": "lane-rule" }, back);
    });
    drawAxis(x, chartWidth, height);
    var links = el("g", { "class": "links" }, svg);
    var front = el("g", { "class": "items" }, svg);
    var drawn = [];
    layout.forEach(function (lane) {
      lane.items.forEach(function (item) { item.y = lane.top + LANE_HEAD + item.row * ROW; drawn.push(item); });
    });
    drawn.sort(function (p, q) { return p.ext.a - q.ext.a || p.index - q.index; });
    drawn.forEach(function (item) { drawItem(front, item, x); order.push(item); });
    drawLinks(links, drawn);
    rove(state.selected && nodes[state.selected] ? state.selected : (order[0] || {}).id);
    drawAsOf(x, height);
    var labels = el("g", { "class": "lane-labels" }, svg);
    layout.forEach(function (lane) {
      var w = measure(lane.name, "lane-label");
      el("rect", { x: 4, y: lane.top + 4, width: w + 12, height: 17, rx: 4, "class": "lane-label-bg" }, labels);
      label(labels, 10, lane.top + 17, "lane-label", lane.name);
    });
    svg.lanes = labels;
    svg.setAttribute("data-lanes", names.join("|"));
    svg.setAttribute("data-ppd", x.ppd.toFixed(3));
    stickLabels();
    if (state.selected && nodes[state.selected]) nodes[state.selected].classList.add("selected");
  }

  function whenLine(item) {
    return item.when + " · " + item.certainty + (item.assumed ? " · date assumed" : "") + (item.cancelled ? " · called off" : "");
  }

  function drawAxis(x, chartWidth, height) {
    var axis = el("g", { "class": "axis", "aria-hidden": "true" }, svg);
    var segs = x.segments;
    segs.forEach(function (s, i) {
      var d = new Date(s[0] * DAY_MS), y = d.getUTCFullYear(), m = d.getUTCMonth() + 1;
      if (m > 11) { m = 0; y++; }
      var monthPx = 30.4 * x.ppd, step = monthPx >= 26 ? 1 : monthPx * 3 >= 30 ? 3 : monthPx * 6 >= 30 ? 6 : 12;
      var yearShown = false;
      for (;;) {
        var day = Date.UTC(y, m, 1) / DAY_MS;
        if (day > s[1]) break;
        var px = x(day), isYear = m === 0;
        el("line", { x1: px, x2: px, y1: isYear ? 4 : 22, y2: height, "class": "grid" + (isYear ? " year" : "") }, axis);
        if (m % step === 0) label(axis, px + 3, 33, "axis-month", MONTHS[m]);
        if (isYear || !yearShown) { label(axis, px + 3, 16, "axis-year", String(y)); yearShown = true; }
        m++; if (m > 11) { m = 0; y++; }
      }
      if (i < segs.length - 1) {
        var bx = x.starts[i] + (s[1] - s[0]) * x.ppd;
        el("rect", { x: bx, y: 0, width: BREAK, height: height, "class": "break-band" }, axis);
        var mid = bx + BREAK / 2;
        el("path", { d: "M" + (mid - 6) + " 24 l6 -8 l0 16 l6 -8", "class": "break-mark" }, axis);
        var years = Math.round((segs[i + 1][0] - s[1]) / 365.25);
        label(axis, bx + 3, 50, "break-text", years >= 1 ? years + " yr" : "gap");
      }
    });
    el("line", { x1: 0, x2: chartWidth, y1: AXIS - 4, y2: AXIS - 4, "class": "axis-rule" }, axis);
  }

  function drawItem(parent, item, x) {
    var c = certainty(item), y = item.y, band = y + 33, bandH = 10;
    var g = el("g", {
      "class": "item c-" + c + "-item" + (item.cancelled ? " cancelled" : ""), tabindex: -1, role: "button",
      "data-id": item.id, "data-a": item.ext.a, "data-b": item.ext.b,
      "data-x0": item.x0.toFixed(1), "data-x1": item.x1.toFixed(1)
    }, parent);
    g.setAttribute("aria-label", item.title + ", " + whenLine(item));
    el("title", {}, g).textContent = item.title + "\n" + whenLine(item);
    nodes[item.id] = g;
    el("rect", { x: item.left - 4, y: y + 1, width: item.right - item.left - 6, height: ROW - 4, rx: 6, "class": "hl" }, g);
    var paint = (item.assumed ? "hatch-" : "c-") + c;
    var shape;
    if (item.point && item.point[2] === "day") {
      var cx = (x(item.point[0]) + x(item.point[1])) / 2, r = 6.5, cy = band + bandH / 2;
      shape = el("path", { d: "M" + cx + " " + (cy - r) + " L" + (cx + r) + " " + cy + " L" + cx + " " + (cy + r) + " L" + (cx - r) + " " + cy + " Z", "class": "shape edge " + paint }, g);
    } else if (item.point) {
      shape = el("rect", { x: item.x0, y: band, width: item.x1 - item.x0, height: bandH, "class": "shape " + paint, mask: "url(#soft)" }, g);
    } else {
      var e = item.ext, w = item.x1 - item.x0;
      var attrs = { x: item.x0, y: band, width: w, height: bandH, rx: 2, "class": "shape " + paint };
      if (e.fadeIn || e.fadeOut) {
        var id = "fade-" + item.index, grad = el("linearGradient", { id: id, x1: 0, x2: 1, y1: 0, y2: 0 }, g);
        var inTo = e.fadeIn ? (x(e.inTo) - item.x0) / w : 0, outFrom = e.fadeOut ? (x(e.outFrom) - item.x0) / w : 1;
        [[0, e.fadeIn ? 0 : 1], [inTo, 1], [outFrom, 1], [1, e.fadeOut ? 0 : 1]].forEach(function (s) {
          el("stop", { offset: Math.max(0, Math.min(1, s[0])), "stop-color": "#fff", "stop-opacity": s[1] }, grad);
        });
        var mask = el("mask", { id: "mask-" + item.index, maskContentUnits: "objectBoundingBox" }, g);
        el("rect", { width: 1, height: 1, fill: "url(#" + id + ")" }, mask);
        attrs.mask = "url(#mask-" + item.index + ")";
      }
      shape = el("rect", attrs, g);
    }
    shape.setAttribute("data-role", "mark");
    if (item.ghost) {
      var ghost = el("rect", { x: x(item.ghost[0]), y: band + bandH + 3, width: Math.max(3, x(item.ghost[1]) - x(item.ghost[0])), height: 6, rx: 2, "class": "ghost c-" + c }, g);
      el("title", {}, ghost).textContent = "Other reading of the source";
    }
    item.was.forEach(function (w) {
      var a = x(w.span[0]), b = x(w.span[1]), cy = band + bandH / 2, mark;
      if (w.span[2] === "day") {
        var cx = (a + b) / 2;
        mark = el("path", { d: "M" + cx + " " + (cy - 6) + " L" + (cx + 6) + " " + cy + " L" + cx + " " + (cy + 6) + " L" + (cx - 6) + " " + cy + " Z", "class": "was-mark" }, g);
        a = cx - 6; b = cx + 6;
      } else {
        mark = el("rect", { x: a, y: band, width: Math.max(4, b - a), height: bandH, "class": "was-mark" }, g);
      }
      mark.setAttribute("data-was", isoDay(w.span[0]));
      el("line", { x1: a - 2, y1: band + bandH + 2, x2: b + 2, y2: band - 2, "class": "strike" }, g);
      label(g, b + 5, band + bandH - 1, "was-text", "was " + w.text);
      el("title", {}, mark).textContent = "Earlier date, revised: " + w.text;
    });
    label(g, item.lx, y + 14, "t", item.title);
    var when = el("text", { x: item.lx, y: y + 28, "class": "d" }, g);
    var parts = [item.when, " · " + item.certainty];
    if (item.assumed) parts.push(" · date assumed");
    if (item.cancelled) parts.push(" · called off");
    parts.forEach(function (words, i) {
      var span = el("tspan", { "class": i >= 2 ? "a" : null }, when);
      span.textContent = words;
    });
    item.anchor = [item.point && item.point[2] === "day" ? (item.x0 + item.x1) / 2 : item.x0 + 2, band + bandH / 2];
    g.addEventListener("click", function () { select(item.id, false); });
    g.addEventListener("focus", function () { rove(item.id); select(item.id, false); });
    g.addEventListener("keydown", function (event) { onKey(event, item); });
  }

  function drawLinks(parent, drawn) {
    var seen = {}, here = {};
    drawn.forEach(function (item) { here[item.id] = item; });
    drawn.forEach(function (item) {
      item.links.forEach(function (link) {
        var from = link.forward ? item : here[link.id], to = link.forward ? here[link.id] : item;
        if (!from || !to || from === to) return;
        var key = link.relation + "\u0000" + from.id + "\u0000" + to.id;
        if (seen[key]) return;
        seen[key] = true;
        var p = from.anchor, q = to.anchor, bend = 26 + Math.abs(q[1] - p[1]) * 0.12;
        var path = el("path", {
          d: "M" + p[0] + " " + p[1] + " C" + (p[0] - bend) + " " + p[1] + " " + (q[0] - bend) + " " + q[1] + " " + (q[0] - 7) + " " + q[1],
          "class": "link " + link.relation, "marker-end": "url(#arrow-" + link.relation + ")",
          "data-from": from.id, "data-to": to.id
        }, parent);
        el("title", {}, path).textContent = from.title + " " + link.relation + " " + to.title;
      });
    });
  }

  function drawAsOf(x, height) {
    if (data.asOf == null) return;
    var px = x(data.asOf) + x.ppd / 2;
    var g = el("g", { "class": "asof", id: "asof", "data-x": px.toFixed(1), "data-day": data.asOfText }, svg);
    svg.asOfX = px;
    el("line", { x1: px, x2: px, y1: 40, y2: height, "class": "asof-line" }, g);
    var words = "as of " + data.asOfText + (data.staleText ? " · " + data.staleText : ""), w = measure(words, "asof-text") + 12;
    svg.asOfPill = w;
    el("rect", { x: px - w / 2, y: 39, width: w, height: 17, rx: 8.5, "class": "asof-pill" + (data.staleText ? " stale" : "") }, g);
    label(g, px - w / 2 + 6, 51.5, "asof-text", words);
  }

  /* One tab stop for the whole chart (the current event); the arrow keys move inside it. */
  function rove(id) {
    order.forEach(function (item) { nodes[item.id].setAttribute("tabindex", item.id === id ? 0 : -1); });
  }

  function stickLabels() {
    if (svg.lanes) svg.lanes.setAttribute("transform", "translate(" + scroller.scrollLeft + ",0)");
  }

  function select(id, scrollChart) {
    var item = byId[id], article = document.getElementById("e-" + id);
    if (!item || !article) return;
    if (state.selected && nodes[state.selected]) nodes[state.selected].classList.remove("selected");
    state.selected = id;
    if (nodes[id]) {
      nodes[id].classList.add("selected");
      if (scrollChart) {
        var box = nodes[id];
        scroller.scrollLeft = Math.max(0, parseFloat(box.getAttribute("data-x0")) - scroller.clientWidth / 3);
      }
    }
    while (detail.firstChild) detail.removeChild(detail.firstChild);
    var copy = article.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    copy.querySelectorAll("details").forEach(function (n) { n.open = true; });
    copy.querySelectorAll(".locate").forEach(function (n) { n.parentNode.removeChild(n); });
    var close = document.createElement("button");
    close.type = "button"; close.className = "close"; close.textContent = "Close";
    close.addEventListener("click", closeDetail);
    detail.appendChild(close);
    detail.appendChild(copy);
    detail.hidden = false;
    detail.setAttribute("data-id", id);
  }

  function closeDetail() {
    detail.hidden = true;
    if (state.selected && nodes[state.selected]) { nodes[state.selected].classList.remove("selected"); nodes[state.selected].focus({ preventScroll: true }); }
    state.selected = null;
  }

  function onKey(event, item) {
    var i = order.indexOf(item);
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(item.id, false); }
    else if (event.key === "ArrowRight" || event.key === "ArrowDown") { event.preventDefault(); if (order[i + 1]) nodes[order[i + 1].id].focus(); }
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") { event.preventDefault(); if (order[i - 1]) nodes[order[i - 1].id].focus(); }
    else if (event.key === "Home") { event.preventDefault(); if (order.length) nodes[order[0].id].focus(); }
    else if (event.key === "End") { event.preventDefault(); if (order.length) nodes[order[order.length - 1].id].focus(); }
  }

  // controls: lanes and filters, shown only when this script runs
  form.hidden = false;
  if (window.matchMedia && window.matchMedia("(max-width: 600px)").matches) form.querySelector("details.filters").open = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.name === "lanes") state.lanes = input.value;
    else if (state.off[input.name]) state.off[input.name][input.value] = !input.checked;
    render();
    if (state.selected && !nodes[state.selected]) closeDetail();
  });
  document.querySelectorAll(".locate").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-id");
      if (nodes[id]) { scroller.scrollIntoView({ block: "nearest" }); select(id, true); nodes[id].focus({ preventScroll: true }); }
    });
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape" && !detail.hidden) closeDetail(); });
  scroller.addEventListener("scroll", stickLabels, { passive: true });
  var resizeTimer = null, lastWidth = scroller.clientWidth;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { if (scroller.clientWidth !== lastWidth) { lastWidth = scroller.clientWidth; render(); } }, 120);
  });
  window.addEventListener("beforeprint", function () { document.querySelectorAll("details").forEach(function (n) { n.open = true; }); });

  render();
  if (svg.asOfX != null && svg.clientWidth > scroller.clientWidth) {   // open on the as-of day, its label in view
    scroller.scrollLeft = Math.max(0, svg.asOfX - Math.max(scroller.clientWidth / 3, svg.asOfPill / 2 + 8));
  }
  document.documentElement.setAttribute("data-ready", "1");
})();
