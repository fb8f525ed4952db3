/* incidentwatch web UI: map, timeline, filters, table, incident panel.
 *
 * Plain script, no build step. Article text and every value from the store is
 * untrusted: it only ever reaches the page as text nodes (textContent), never as
 * HTML, and the server's Content-Security-Policy forbids inline scripts anyway.
 */
(function () {
  "use strict";

  var FILTER_KEYS = ["date_from", "date_to", "country", "admin1", "admin2", "actor",
    "event_type", "min_fatalities", "q"];
  var TYPES = [
    ["Battles", "battles", "#d62728"],
    ["Explosions/Remote violence", "explosions", "#ff7f0e"],
    ["Violence against civilians", "violence", "#9467bd"],
    ["Protests", "protests", "#2ca02c"],
    ["Riots", "riots", "#8c564b"],
    ["Strategic developments", "strategic", "#1f77b4"],
  ];
  var OTHER_COLOR = "#9e9e9e";
  var FIELD_GROUPS = {
    event_date: "date", date_precision: "date",
    location: "place", admin1: "place", admin2: "place", country: "place", geo_precision: "place",
    actor1: "actor", actor2: "actor", assoc_actors1: "actor", assoc_actors2: "actor",
    fatalities: "count", injuries: "count",
    event_type: "type", sub_event_type: "type", attack_type: "type", target_type: "type",
    weapon_types: "type",
  };
  var PAGE = 100;
  var VIEWS = ["map", "table", "alerts"];
  var ALL_ACTORS = "(all actors)";  // the analyse stage's name for "every actor together"
  var REPORT_DAYS = 28;  // report window when no dates are chosen: 4 weeks to the latest incident

  var state = { filters: {}, view: "map", incident: null, sort: "-event_date", offset: 0, bbox: null };
  var mapReady = false;
  var map, clusterLayer, adm1Layer, adm2Layer, plot, facets = null;
  var requestSeq = { points: 0, table: 0, timeline: 0, alerts: 0, report: 0 };

  // ---------- small helpers ----------
  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "cls") node.className = v;
        else node.setAttribute(k, v);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function escapeHtml(s) {
    // Only for the few Leaflet APIs that take an HTML string (attribution).
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function typeInfo(t) {
    for (var i = 0; i < TYPES.length; i++) if (TYPES[i][0] === t) return TYPES[i];
    return [t || "unknown", "other", OTHER_COLOR];
  }

  function setStatus(msg, isError) {
    var s = $("status");
    s.textContent = msg || "";
    s.className = isError ? "error" : "";
  }

  function query(extra, opts) {
    var p = new URLSearchParams();
    FILTER_KEYS.forEach(function (k) {
      if (opts && opts.noDates && (k === "date_from" || k === "date_to")) return;
      var v = state.filters[k];
      if (v !== undefined && v !== null && v !== "") p.set(k, v);
    });
    if (extra) Object.keys(extra).forEach(function (k) {
      if (extra[k] !== null && extra[k] !== undefined) p.set(k, extra[k]);
    });
    return p.toString();
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          var d = body && body.detail;
          if (Array.isArray(d)) d = d.map(function (e) { return (e.loc || []).slice(-1)[0] + ": " + e.msg; }).join("; ");
          throw new Error((d || r.statusText) + " (HTTP " + r.status + ")");
        });
      }
      return r.json();
    });
  }

  function fmtCount(c) {
    if (!c || c.best === null || c.best === undefined) return "unknown";
    var s = String(c.best);
    if (c.low !== null && c.low !== undefined && c.low !== c.best) s += " (low " + c.low + ")";
    if (c.high !== null && c.high !== undefined && c.high !== c.best) s += " (high " + c.high + ")";
    return s;
  }

  function actorText(a) {
    if (!a) return "";
    return a.name + (a.type ? " [type " + a.type + "]" : "");
  }

  // ---------- URL state ----------
  function readUrl() {
    var p = new URLSearchParams(location.search);
    state.filters = {};
    FILTER_KEYS.forEach(function (k) { if (p.get(k)) state.filters[k] = p.get(k); });
    state.view = VIEWS.indexOf(p.get("view")) >= 0 ? p.get("view") : "map";
    state.incident = p.get("incident") || null;
    state.sort = p.get("sort") || "-event_date";
    state.offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  }

  function writeUrl() {
    var extra = {};
    if (state.view !== "map") extra.view = state.view;
    if (state.incident) extra.incident = state.incident;
    if (state.sort !== "-event_date") extra.sort = state.sort;
    if (state.offset) extra.offset = state.offset;
    var qs = query(extra);
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
  }

  function syncForm() {
    FILTER_KEYS.forEach(function (k) {
      var input = $("f-" + k);
      if (!input) return;
      var v = state.filters[k] || "";
      if (input.tagName === "SELECT" && v && !Array.prototype.some.call(input.options, function (o) { return o.value === v; })) {
        input.appendChild(el("option", { value: v, text: v }));
      }
      input.value = v;
    });
    $("clear-dates").hidden = !(state.filters.date_from || state.filters.date_to);
  }

  function setFilters(changes) {
    Object.keys(changes).forEach(function (k) {
      if (changes[k] === null || changes[k] === "" || changes[k] === undefined) delete state.filters[k];
      else state.filters[k] = String(changes[k]);
    });
    state.offset = 0;
    syncForm();
    writeUrl();
    refresh();
  }

  // ---------- facets (filter pickers) ----------
  function fillSelect(id, items) {
    var sel = $(id);
    var keep = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    items.forEach(function (it) {
      sel.appendChild(el("option", { value: it.value, text: it.value + " (" + it.incidents + ")" }));
    });
    sel.value = keep;
  }

  function loadFacets() {
    return getJSON("/api/facets").then(function (f) {
      facets = f;
      fillSelect("f-country", f.country || []);
      fillSelect("f-admin1", f.admin1 || []);
      fillSelect("f-admin2", f.admin2 || []);
      fillSelect("f-actor", f.actor || []);
      fillSelect("f-event_type", f.event_type || []);
      syncForm();
    });
  }

  // ---------- map ----------
  function initMap(config) {
    map = L.map("map", { minZoom: 4, maxZoom: 14, zoomSnap: 0.5 });
    map.attributionControl.setPrefix("Leaflet");
    map.fitBounds([[29.0, 35.5], [37.5, 48.8]]);
    map.createPane("adm2").style.zIndex = 250;
    if (config.tiles_url) {
      L.tileLayer(config.tiles_url, { attribution: escapeHtml(config.tiles_attribution || config.tiles_url) }).addTo(map);
    }
    (config.boundary_attribution || []).forEach(function (a) { map.attributionControl.addAttribution(escapeHtml(a)); });

    clusterLayer = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
        // Coloured by the most frequent event type inside (a CSS class: CSP allows no inline style).
        var tally = {}, top = "other", best = 0;
        cluster.getAllChildMarkers().forEach(function (m) {
          var k = m.typeSlug || "other";
          tally[k] = (tally[k] || 0) + 1;
          if (tally[k] > best) { best = tally[k]; top = k; }
        });
        return L.divIcon({ html: "<div><span>" + Number(n) + "</span></div>", className: "marker-cluster incident-cluster cl-" + top, iconSize: L.point(size, size) });
      },
    });
    map.addLayer(clusterLayer);

    var legend = L.control({ position: "topright" });
    legend.onAdd = function () {
      var box = el("div", { cls: "legend" });
      TYPES.forEach(function (t) { box.appendChild(el("div", null, el("i", { cls: "t-" + t[1] }), t[0])); });
      box.appendChild(el("div", { cls: "sz", text: "circle size: people killed; click a governorate to filter" }));
      return box;
    };
    legend.addTo(map);

    map.on("zoomend", updateAdm2Visibility);
    map.on("dragend zoomend", function () {
      // The first view shows everything, including incidents without coordinates; only a
      // view the user chose (pan, zoom, a governorate click) narrows the timeline.
      if (!mapReady) return;
      var b = map.getBounds();
      state.bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x) { return x.toFixed(3); }).join(",");
      if ($("follow-map").checked) loadTimeline();
    });
  }

  function loadBoundaries() {
    var style1 = { color: "#455a64", weight: 1.4, fillColor: "#f5f5f0", fillOpacity: 0.55 };
    var style2 = { color: "#78909c", weight: 0.6, dashArray: "3 3", fill: true, fillOpacity: 0 };
    return Promise.all([getJSON("/static/geo/adm1.geojson"), getJSON("/static/geo/adm2.geojson")]).then(function (g) {
      adm1Layer = L.geoJSON(g[0], {
        style: function (f) { return f.properties.admin1 === state.filters.admin1 ? Object.assign({}, style1, { fillColor: "#fff3c4", weight: 2.4 }) : style1; },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(function () { return el("span", { text: f.properties.admin1 + " (" + f.properties.country + ")" }); }, { sticky: true });
          layer.on("click", function () {
            setFilters({ admin1: f.properties.admin1, admin2: null });
            map.fitBounds(layer.getBounds(), { maxZoom: 9 });
          });
        },
      }).addTo(map);
      adm1Layer.bringToBack();
      adm2Layer = L.geoJSON(g[1], {
        pane: "adm2",
        style: style2,
        onEachFeature: function (f, layer) {
          layer.bindTooltip(function () { return el("span", { text: f.properties.admin2 + ", " + f.properties.admin1 }); }, { sticky: true });
          layer.on("click", function () { setFilters({ admin1: f.properties.admin1, admin2: f.properties.admin2 }); });
        },
      });
      updateAdm2Visibility();
    });
  }

  function updateAdm2Visibility() {
    if (!adm2Layer) return;
    var show = map.getZoom() >= 7;
    if (show && !map.hasLayer(adm2Layer)) adm2Layer.addTo(map);
    if (!show && map.hasLayer(adm2Layer)) map.removeLayer(adm2Layer);
  }

  function restyleAdm1() {
    if (adm1Layer) adm1Layer.setStyle(function (f) {
      var on = f.properties.admin1 === state.filters.admin1;
      return { color: "#455a64", weight: on ? 2.4 : 1.4, fillColor: on ? "#fff3c4" : "#f5f5f0", fillOpacity: 0.55 };
    });
  }

  function pointTooltip(p) {
    return el("div", { cls: "tip" },
      el("strong", { text: (p[6] || "unnamed place") }),
      el("div", { text: (p[5] || "date unknown") + " · " + (p[3] || "type unknown") }),
      el("div", { text: "by: " + (p[7] || "unknown actor") }),
      el("div", { text: "killed: " + (p[4] === null ? "unknown" : p[4]) }));
  }

  function loadPoints() {
    var seq = ++requestSeq.points;
    return getJSON("/api/incidents/points?" + query({ limit: 20000 })).then(function (res) {
      if (seq !== requestSeq.points) return;
      clusterLayer.clearLayers();
      var markers = res.points.map(function (p) {
        var info = typeInfo(p[3]);
        var r = 5 + Math.min(14, Math.sqrt(Math.max(0, p[4] || 0)) * 2);
        var m = L.circleMarker([p[1], p[2]], { radius: r, color: "#263238", weight: 1, fillColor: info[2], fillOpacity: 0.85 });
        m.typeSlug = info[1];
        m.on("add", function () {
          var node = m.getElement();
          if (node) { node.setAttribute("data-id", p[0]); node.classList.add("incident-marker"); }
        });
        m.bindTooltip(function () { return pointTooltip(p); });
        m.on("click", function () { openIncident(p[0]); });
        return m;
      });
      clusterLayer.addLayers(markers);
      $("map").setAttribute("data-markers", String(markers.length));
      var msg = res.total + " incidents match";
      if (res.located < res.total) msg += ", " + res.located + " with coordinates";
      if (res.truncated) msg += "; map shows the " + res.points.length + " deadliest";
      setStatus(msg);
    }).catch(function (e) { setStatus("Could not load incidents: " + e.message, true); });
  }

  // ---------- timeline ----------
  function pickPeriod(rows) {
    if (!rows.length) return "month";
    var ps = rows.map(function (r) { return r.period; }).sort();
    var span = (Date.parse(ps[ps.length - 1]) - Date.parse(ps[0])) / 86400000;
    return span > 730 ? "month" : span > 120 ? "week" : "day";
  }

  function periodEnd(start, period) {
    var d = new Date(start + "T00:00:00Z");
    if (period === "day") return start;
    if (period === "week") d.setUTCDate(d.getUTCDate() + 6);
    else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    return d.toISOString().slice(0, 10);
  }

  function loadTimeline() {
    var seq = ++requestSeq.timeline;
    var extra = { period: "month", by: "event_type" };
    if ($("follow-map").checked && state.bbox) extra.bbox = state.bbox;
    return getJSON("/api/aggregates?" + query(extra, { noDates: true })).then(function (res) {
      var period = pickPeriod(res.rows);
      if (period === "month") return [res, period];
      extra.period = period;
      return getJSON("/api/aggregates?" + query(extra, { noDates: true })).then(function (r2) { return [r2, period]; });
    }).then(function (out) {
      if (seq !== requestSeq.timeline) return;
      drawTimeline(out[0].rows, out[1]);
    }).catch(function (e) { setStatus("Could not load the timeline: " + e.message, true); });
  }

  function drawTimeline(rows, period) {
    var metric = $("metric").value;
    $("period-label").textContent = period;
    var box = $("timeline");
    if (plot) { plot.destroy(); plot = null; }
    box.textContent = "";
    if (!rows.length) { box.appendChild(el("div", { cls: "empty", text: "No dated incidents for this filter." })); return; }
    var periods = Array.from(new Set(rows.map(function (r) { return r.period; }))).sort();
    var index = {};
    periods.forEach(function (p, i) { index[p] = i; });
    var keys = TYPES.map(function (t) { return t[0]; });
    rows.forEach(function (r) { var k = r.key || "unknown"; if (keys.indexOf(k) < 0) keys.push(k); });
    var values = keys.map(function () { return periods.map(function () { return 0; }); });
    rows.forEach(function (r) {
      var k = keys.indexOf(r.key || "unknown");
      values[k][index[r.period]] += (metric === "fatalities" ? r.fatalities : r.incidents) || 0;
    });
    // Stack: band i is the sum of types 0..i; drawn tallest first so each type's colour shows.
    var cum = [];
    var run = periods.map(function () { return 0; });
    keys.forEach(function (k, i) { run = run.map(function (v, j) { return v + values[i][j]; }); cum.push(run.slice()); });
    var order = [];
    for (var i = keys.length - 1; i >= 0; i--) if (values[i].some(function (v) { return v > 0; })) order.push(i);
    var xs = periods.map(function (p) { return Date.parse(p + "T00:00:00Z") / 1000; });
    var data = [xs].concat(order.map(function (i) { return cum[i]; }));
    var bars = uPlot.paths.bars({ size: [0.85, 60], align: 0 });
    var step = { day: 86400, week: 7 * 86400, month: 30 * 86400 }[period];
    var series = [{}].concat(order.map(function (i) {
      var info = typeInfo(keys[i]);
      return {
        label: keys[i], stroke: info[2], fill: info[2], width: 0, paths: bars, points: { show: false },
        value: function (u, v, si, idx) { return idx === null || idx === undefined ? "" : String(values[i][idx]); },
      };
    }));
    var width = Math.max(300, box.clientWidth || 600);
    var dragStart = null;
    plot = new uPlot({
      width: width, height: 150,
      scales: { x: { time: true, range: function (u, mn, mx) { return [mn - step * 0.6, mx + step * 0.6]; } }, y: { range: function (u, mn, mx) { return [0, Math.max(1, mx * 1.05)]; } } },
      axes: [{}, { size: 40 }],
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      series: series,
      hooks: {
        setSelect: [function (u) {
          if (u.select.width < 3) return;
          var a = u.posToVal(u.select.left, "x"), b = u.posToVal(u.select.left + u.select.width, "x");
          var i0 = nearestIdx(xs, a, "ceil"), i1 = nearestIdx(xs, b, "floor");
          if (i0 > i1) i1 = i0;
          u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
          setFilters({ date_from: periods[i0], date_to: periodEnd(periods[i1], period) });
        }],
        draw: [function (u) { shadeSelection(u, periods, period); }],
        ready: [function (u) {
          u.over.addEventListener("mousedown", function (e) { dragStart = e.clientX; });
          u.over.addEventListener("mouseup", function (e) {
            if (dragStart === null || Math.abs(e.clientX - dragStart) > 3) return;
            dragStart = null;
            var idx = u.cursor.idx;
            if (idx === null || idx === undefined) return;
            setFilters({ date_from: periods[idx], date_to: periodEnd(periods[idx], period) });
          });
        }],
      },
    }, data, box);
    box.setAttribute("data-periods", String(periods.length));
  }

  function nearestIdx(xs, v, mode) {
    for (var i = 0; i < xs.length; i++) if (xs[i] >= v) return mode === "ceil" ? i : Math.max(0, xs[i] === v ? i : i - 1);
    return xs.length - 1;
  }

  function shadeSelection(u, periods, period) {
    var f = state.filters.date_from, t = state.filters.date_to;
    if (!f && !t) return;
    var x0 = f ? Date.parse(f + "T00:00:00Z") / 1000 : u.scales.x.min;
    var x1 = t ? Date.parse(t + "T00:00:00Z") / 1000 + 86400 : u.scales.x.max;
    var left = u.valToPos(x0, "x", true), right = u.valToPos(x1, "x", true);
    var ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = "rgba(255, 193, 7, 0.22)";
    ctx.strokeStyle = "rgba(255, 160, 0, 0.9)";
    ctx.fillRect(left, u.bbox.top, Math.max(2, right - left), u.bbox.height);
    ctx.strokeRect(left, u.bbox.top, Math.max(2, right - left), u.bbox.height);
    ctx.restore();
  }

  // ---------- table ----------
  function td(text, cls) { return el("td", { cls: cls || null, text: text === null || text === undefined ? "" : text }); }

  function loadTable() {
    var seq = ++requestSeq.table;
    $("csv").setAttribute("href", "/api/incidents.csv?" + query());
    return getJSON("/api/incidents?" + query({ limit: PAGE, offset: state.offset, sort: state.sort })).then(function (res) {
      if (seq !== requestSeq.table) return;
      var body = $("table").tBodies[0];
      body.textContent = "";
      res.items.forEach(function (it) {
        var tr = el("tr", { "data-id": it.incident_id },
          td(it.event_date), td(it.event_type), td(it.sub_event_type),
          td(it.actor1 && it.actor1.name), td(it.actor2 && it.actor2.name),
          td(it.admin1), td(it.admin2), td(it.location && it.location.name),
          td(it.fatalities && it.fatalities.best, "num"), td(it.injuries && it.injuries.best, "num"),
          td(it.n_sources, "num"), td(it.summary, "summary"));
        tr.addEventListener("click", function () { openIncident(it.incident_id); });
        body.appendChild(tr);
      });
      if (!res.items.length) body.appendChild(el("tr", null, el("td", { colspan: "12", cls: "empty", text: "No incidents match this filter." })));
      $("table-count").textContent = res.total + " incidents";
      var last = Math.min(res.total, state.offset + res.items.length);
      $("page-label").textContent = res.total ? (state.offset + 1) + "–" + last + " of " + res.total : "";
      $("prev").disabled = state.offset <= 0;
      $("next").disabled = last >= res.total;
      Array.prototype.forEach.call(document.querySelectorAll("#table th[data-sort]"), function (th) {
        var k = th.getAttribute("data-sort");
        th.className = state.sort === k ? "sorted-asc" : state.sort === "-" + k ? "sorted-desc" : "";
      });
    }).catch(function (e) { setStatus("Could not load the table: " + e.message, true); });
  }

  // ---------- alerts ----------
  function fmtP(p) {
    if (p === null || p === undefined) return "";
    return p < 0.001 ? Number(p).toExponential(1) : Number(p).toFixed(3);
  }

  function fmtExp(x) { return x === null || x === undefined ? "?" : Number(x).toFixed(1); }

  function same(a, b) { return String(a || "").toLowerCase() === String(b || "").toLowerCase(); }

  function alertMatches(a) {
    // The alerts endpoint scans every area x actor; the place and actor filters apply here.
    var f = state.filters;
    if (f.country && !same(a.country, f.country)) return false;
    if (f.admin1 && !same(a.admin1, f.admin1)) return false;
    if (f.admin2 && !same(a.admin2, f.admin2)) return false;
    if (f.actor && !same(a.actor, f.actor)) return false;
    return true;
  }

  function modelText(cfg) {
    var per = cfg.period || "week";
    return "Model: each area and actor's count in the last " + cfg.window + " " + per + "(s) against a " +
      cfg.baseline_periods + "-" + per + " baseline (negative binomial, Poisson when not overdispersed); " +
      (cfg.correction === "bh" ? "false discovery rate (Benjamini-Hochberg) " : "per-test ") + "alpha = " + cfg.alpha +
      "; an alert needs at least " + cfg.min_count + " incidents, or is 'severe' from " + cfg.severe_fatalities +
      " or more killed. Dates pick the windows that end in the chosen period.";
  }

  function alertRow(a) {
    var measures = a.measure === "both" ? ["incidents", "fatalities"] : [a.measure];
    var p = measures.map(function (m) {
      return fmtP(m === "fatalities" ? a.p_fatalities : a.p_incidents) + (measures.length > 1 ? " (" + (m === "fatalities" ? "killed" : m) + ")" : "");
    }).join(", ");
    var where = a.level === "admin2" ? a.admin2 + ", " + a.admin1 : a.area;
    var tr = el("tr", { cls: "kind-" + a.kind, "data-area": a.area, "data-level": a.level, title: a.label },
      td(where + (a.country ? " (" + a.country + ")" : "")),
      td(a.actor === ALL_ACTORS ? "all actors" : a.actor),
      td(a.window_start + " – " + a.window_end),
      td(a.kind + (a.new ? " (new)" : ""), "kind"),
      td(a.measure === "fatalities" ? "killed" : a.measure),
      td(a.incidents + " (" + fmtExp(a.expected_incidents) + ")", "num"),
      td(a.fatalities + " (" + fmtExp(a.expected_fatalities) + ")", "num"),
      td(p, "num"));
    tr.addEventListener("click", function () {
      setFilters({
        country: null,
        admin1: a.admin1 || null,
        admin2: a.level === "admin2" ? a.admin2 : null,
        actor: a.actor === ALL_ACTORS ? null : a.actor,
        date_from: a.window_start, date_to: a.window_end,
      });
      showView("map");
    });
    return tr;
  }

  function loadAlerts() {
    var seq = ++requestSeq.alerts;
    var p = new URLSearchParams({ limit: "5000" });
    if (state.filters.date_from) p.set("date_from", state.filters.date_from);
    if (state.filters.date_to) p.set("date_to", state.filters.date_to);
    $("alerts-count").textContent = "loading…";
    return getJSON("/api/analyse/alerts?" + p.toString()).then(function (res) {
      if (seq !== requestSeq.alerts) return;
      var items = (res.items || []).filter(alertMatches);
      var body = $("alerts").tBodies[0];
      body.textContent = "";
      items.forEach(function (a) { body.appendChild(alertRow(a)); });
      if (!items.length) {
        body.appendChild(el("tr", null, el("td", { colspan: "8", cls: "empty", id: "no-alerts",
          text: "No alerts for this filter: no area or actor rose significantly above its baseline." })));
      }
      var capped = res.total > (res.items || []).length ? " (first " + res.items.length + " of " + res.total + " scanned)" : "";
      $("alerts-count").textContent = items.length + " alert(s)" + capped;
      $("alerts-model").textContent = res.config ? modelText(res.config) : "";
      $("alerts-view").setAttribute("data-loaded", String(items.length));
    }).catch(function (e) {
      if (seq !== requestSeq.alerts) return;
      $("alerts-count").textContent = "";
      setStatus("Could not load alerts: " + e.message, true);
    });
  }

  // ---------- report link ----------
  function isoDay(d) { return d.toISOString().slice(0, 10); }

  function setReportHref(from, to) {
    var f = state.filters;
    var p = new URLSearchParams({ date_from: from, date_to: to });
    var area = f.admin2 || f.admin1 || f.country;
    if (area) p.set("area", area);
    if (f.actor) p.set("actor", f.actor);
    var a = $("report-link");
    a.setAttribute("href", "/api/analyse/report?" + p.toString());
    a.setAttribute("title", "Situation report: " + (area || "all areas") + (f.actor ? ", " + f.actor : "") + ", " + from + " to " + to + " (new tab)");
  }

  function updateReportLink() {
    var f = state.filters;
    var seq = ++requestSeq.report;
    if (f.date_from && f.date_to) { setReportHref(f.date_from, f.date_to); return; }
    // The report needs a window: the chosen end (or the latest matching incident) and 4 weeks before it.
    var end = f.date_to ? Promise.resolve(f.date_to) :
      getJSON("/api/incidents?" + query({ limit: 1, sort: "-event_date" }, { noDates: true })).then(function (r) {
        return r.items.length && r.items[0].event_date ? r.items[0].event_date : isoDay(new Date());
      });
    end.then(function (to) {
      if (seq !== requestSeq.report) return;
      var from = f.date_from || isoDay(new Date(Date.parse(to + "T00:00:00Z") - (REPORT_DAYS - 1) * 86400000));
      if (from > to) from = to;
      setReportHref(from, to);
    }).catch(function () { /* the link keeps its last value */ });
  }

  // ---------- incident panel ----------
  function fieldRow(name, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
    return el("tr", null, el("th", { text: name }), el("td", { dir: "auto", text: Array.isArray(value) ? value.join(", ") : String(value) }));
  }

  function highlighted(text, spans) {
    // Cut the text at every span boundary; each piece knows which fields cover it.
    // dir=auto: an Arabic article reads right to left, an English one left to right; each
    // highlighted span is bidi-isolated (style.css) so a Latin field label inside Arabic
    // text does not reorder the words around it.
    var container = el("div", { cls: "article-text", dir: "auto" });
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = Array.from(new Set(cuts)).filter(function (c) { return c >= 0 && c <= text.length; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var piece = text.slice(a, b);
      var cover = spans.filter(function (s) { return s.start <= a && s.end >= b; });
      if (!cover.length) { container.appendChild(document.createTextNode(piece)); continue; }
      var fields = Array.from(new Set(cover.map(function (s) { return s.field; })));
      var group = FIELD_GROUPS[fields[0]] || "other";
      var mark = el("mark", { cls: "ev g-" + group, dir: "auto", title: "evidence for: " + fields.join(", "), "data-fields": fields.join(" ") });
      var starting = cover.filter(function (s) { return s.start === a; }).map(function (s) { return s.field; });
      if (starting.length) mark.appendChild(el("span", { cls: "ev-label", dir: "ltr", text: Array.from(new Set(starting)).join(", ") }));
      mark.appendChild(document.createTextNode(piece));
      container.appendChild(mark);
    }
    return container;
  }

  function safeUrl(u) {
    try {
      var parsed = new URL(u, location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) { return null; }
  }

  function renderIncident(inc) {
    var body = $("panel-body");
    body.textContent = "";
    var info = typeInfo(inc.event_type);
    body.appendChild(el("h2", { text: inc.summary || (inc.event_type || "Incident") }));
    var loc = inc.location || {};
    var place = [loc.name, inc.admin2, inc.admin1, inc.country && inc.country.name].filter(Boolean).join(", ");
    var t = el("table", { cls: "fields" });
    [
      ["Date", inc.event_date ? inc.event_date + (inc.date_precision > 1 ? " (precision " + inc.date_precision + ")" : "") : "unknown"],
      ["Event type", inc.event_type], ["Sub-event type", inc.sub_event_type], ["Attack type", inc.attack_type],
      ["Actor 1", actorText(inc.actor1)], ["Actor 2", actorText(inc.actor2)],
      ["Associated with actor 1", (inc.assoc_actors1 || []).map(function (a) { return a.name; })],
      ["Associated with actor 2", (inc.assoc_actors2 || []).map(function (a) { return a.name; })],
      ["Target type", inc.target_type], ["Weapon types", inc.weapon_types],
      ["Place", place], ["Coordinates", loc.latitude !== null && loc.latitude !== undefined ? loc.latitude.toFixed(4) + ", " + loc.longitude.toFixed(4) : null],
      ["Geo precision", inc.geo_precision], ["Killed", fmtCount(inc.fatalities)], ["Injured", fmtCount(inc.injuries)],
      ["Claim status", inc.claim_status], ["Confidence", inc.confidence !== null && inc.confidence !== undefined ? Number(inc.confidence).toFixed(2) : null],
      ["Incident id", inc.incident_id],
    ].forEach(function (r) { var row = fieldRow(r[0], r[1]); if (row) t.appendChild(row); });
    t.rows[1] && t.rows[1].cells[1].prepend(el("i", { cls: "legend-dot t-" + info[1] }));
    body.appendChild(t);
    var legend = el("div", { cls: "ev-legend" }, "Evidence: ");
    [["date", "date"], ["place", "place"], ["actor", "actors"], ["type", "type"], ["count", "killed / injured"], ["other", "other"]].forEach(function (g) {
      legend.appendChild(el("mark", { cls: "ev g-" + g[0], text: g[1] }));
    });
    body.appendChild(legend);
    body.appendChild(el("div", { cls: "meta", text: (inc.sources || []).length + " source(s)" }));
    (inc.sources || []).forEach(function (src) {
      var box = el("div", { cls: "source", "data-article": src.article_id });
      var title = src.title || src.article_id;
      var href = src.url && safeUrl(src.url);
      box.appendChild(el("h3", { dir: "auto" }, href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: title }) : title));
      box.appendChild(el("div", { cls: "meta", text: [src.outlet, src.published_at, (src.evidence || []).length + " evidence span(s)"].filter(Boolean).join(" · ") }));
      if (src.text === null || src.text === undefined) box.appendChild(el("div", { cls: "empty", text: "Article text not stored." }));
      else box.appendChild(highlighted(src.text, src.evidence || []));
      body.appendChild(box);
    });
    $("panel").hidden = false;
    if (map) map.invalidateSize();
    var first = body.querySelector("mark.ev[data-fields]");
    if (first && first.parentNode) first.parentNode.scrollTop = Math.max(0, first.offsetTop - first.parentNode.offsetTop - 40);
  }

  function openIncident(id) {
    state.incident = id;
    writeUrl();
    return getJSON("/api/incidents/" + encodeURIComponent(id)).then(function (inc) {
      if (state.incident !== id) return;
      renderIncident(inc);
    }).catch(function (e) { setStatus("Could not load incident: " + e.message, true); });
  }

  function closePanel() {
    state.incident = null;
    $("panel").hidden = true;
    writeUrl();
    if (map) map.invalidateSize();
  }

  // ---------- views and wiring ----------
  function showView(v) {
    state.view = v;
    $("map-view").hidden = v !== "map";
    $("table-view").hidden = v !== "table";
    $("alerts-view").hidden = v !== "alerts";
    Array.prototype.forEach.call(document.querySelectorAll("#views button"), function (b) {
      b.classList.toggle("active", b.getAttribute("data-view") === v);
    });
    writeUrl();
    if (v === "map" && map) { map.invalidateSize(); }
    refresh();
  }

  function refresh() {
    restyleAdm1();
    updateReportLink();
    if (state.view === "table") loadTable();
    else if (state.view === "alerts") loadAlerts();
    else { loadPoints(); loadTimeline(); }
  }

  function wire() {
    var form = $("filters");
    FILTER_KEYS.forEach(function (k) {
      var input = $("f-" + k);
      if (!input) return;
      var timer = null;
      var apply = function () { var o = {}; o[k] = input.value; setFilters(o); };
      if (k === "q") input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 350); });
      else input.addEventListener("change", apply);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function (e) {
      e.preventDefault();
      var o = {};
      FILTER_KEYS.forEach(function (k) { o[k] = null; });
      setFilters(o);
    });
    $("last-month").addEventListener("click", function () {
      var now = new Date();
      var first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
      var last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
      setFilters({ date_from: first.toISOString().slice(0, 10), date_to: last.toISOString().slice(0, 10) });
    });
    $("clear-dates").addEventListener("click", function () { setFilters({ date_from: null, date_to: null }); });
    $("metric").addEventListener("change", loadTimeline);
    $("follow-map").addEventListener("change", loadTimeline);
    Array.prototype.forEach.call(document.querySelectorAll("#views button"), function (b) {
      b.addEventListener("click", function () { showView(b.getAttribute("data-view")); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("#table th[data-sort]"), function (th) {
      th.addEventListener("click", function () {
        var k = th.getAttribute("data-sort");
        state.sort = state.sort === "-" + k ? k : "-" + k;
        state.offset = 0;
        writeUrl();
        loadTable();
      });
    });
    $("prev").addEventListener("click", function () { state.offset = Math.max(0, state.offset - PAGE); writeUrl(); loadTable(); });
    $("next").addEventListener("click", function () { state.offset += PAGE; writeUrl(); loadTable(); });
    $("panel-close").addEventListener("click", closePanel);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !$("panel").hidden) closePanel(); });
    var fit = function () { if (plot && $("timeline").clientWidth) plot.setSize({ width: Math.max(300, $("timeline").clientWidth), height: 150 }); };
    if (window.ResizeObserver) new ResizeObserver(fit).observe($("timeline-box"));
    else window.addEventListener("resize", fit);
  }

  function start() {
    readUrl();
    wire();
    syncForm();
    getJSON("/api/config").then(function (config) {
      initMap(config);
      return Promise.all([loadBoundaries(), loadFacets()]);
    }).then(function () {
      showView(state.view);
      if (state.incident) openIncident(state.incident);
      mapReady = true;
      document.body.setAttribute("data-ready", "1");
    }).catch(function (e) { setStatus("Could not start: " + e.message, true); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
