// Frontlines map page: events from /api/map on offline country boundaries, a brushable timeline, filters, and an
// event panel that shows the source text with the evidence highlighted. Plain JS, no build step, no network.
"use strict";

(function () {
  const COLORS = {
    "Battles": "#d7191c",
    "Explosions/Remote violence": "#f97316",
    "Violence against civilians": "#7b3294",
    "Protests": "#2b83ba",
    "Riots": "#a16207",
    "Strategic developments": "#1a9641",
  };
  const DAY = 86400000;
  const state = {
    rows: [],          // {id, lat, lon, start, end, type, subType, fatalities, country, admin1, actor1, actor2}
    markers: new Map(),
    range: null,       // [startMs, endMs] brushed on the timeline
    map: null,
    cluster: null,
    selected: null,
    ready: false,
  };
  window.frontlines = state; // for tests and benchmarks: state.ready, state.visibleCount

  // -- API ----------------------------------------------------------------------------------------------------------

  async function api(path, retried) {
    const headers = {};
    const key = sessionStorage.getItem("frontlines-key");
    if (key) headers["X-API-Key"] = key;
    const response = await fetch(path, { headers });
    if (response.status === 401 && !retried) {
      const entered = window.prompt("This server needs an API key to read events:");
      if (entered) {
        sessionStorage.setItem("frontlines-key", entered);
        return api(path, true);
      }
    }
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || response.statusText);
    return body;
  }

  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, (c) => ({
      "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    })[c]);
  }

  function dayMs(value) {
    return value ? Date.parse(value + "T00:00:00Z") : NaN;
  }

  function fmtDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  const countryNames = (() => {
    try { return new Intl.DisplayNames(["en"], { type: "region" }); } catch (e) { return null; }
  })();
  function countryName(code) {
    if (!code) return "unknown";
    try { return (countryNames && countryNames.of(code)) || code; } catch (e) { return code; }
  }

  // -- filters ------------------------------------------------------------------------------------------------------

  const els = {
    type: document.getElementById("f-type"),
    actor: document.getElementById("f-actor"),
    country: document.getElementById("f-country"),
    reset: document.getElementById("f-reset"),
    summary: document.getElementById("summary"),
    panel: document.getElementById("panel"),
    timeline: document.getElementById("timeline"),
    range: document.getElementById("range"),
    clear: document.getElementById("t-clear"),
    unit: document.getElementById("bin-unit"),
    control: document.getElementById("f-control"),
    controlBox: document.getElementById("control"),
  };

  function matchesFilters(row) {
    if (els.type.value && row.type !== els.type.value) return false;
    if (els.country.value && row.country !== els.country.value) return false;
    const actor = els.actor.value.trim().toLowerCase();
    if (actor && !((row.actor1 || "").toLowerCase().includes(actor) || (row.actor2 || "").toLowerCase().includes(actor))) {
      return false;
    }
    return true;
  }

  function inRange(row) {
    if (!state.range) return true;
    const start = dayMs(row.start);
    const end = dayMs(row.end || row.start);
    if (isNaN(start)) return false;
    return end >= state.range[0] && start < state.range[1];
  }

  function update() {
    const filtered = state.rows.filter(matchesFilters);
    const visible = filtered.filter(inRange);
    state.visibleCount = visible.length;
    const killed = visible.reduce((sum, r) => sum + (r.fatalities || 0), 0);
    els.summary.textContent = `${visible.length} of ${state.rows.length} events · ${killed} killed`;
    if (state.cluster) {
      state.cluster.clearLayers();
      state.cluster.addLayers(visible.map((r) => state.markers.get(r.id)));
    } else {
      drawList(visible);
    }
    drawTimeline(filtered);
    if (!state.selected) drawIndex(visible);
  }

  // -- map ----------------------------------------------------------------------------------------------------------

  function radius(fatalities) {
    return 5 + 2.2 * Math.sqrt(fatalities || 0);
  }

  async function setUpMap() {
    if (!window.L) {
      const box = document.getElementById("nomap");
      box.hidden = false;
      box.innerHTML = '<p class="notice"><strong>The map library is not installed.</strong> Run ' +
        "<code>python tools/build_web.py</code> (needs npm) at set-up, then reload. The events are listed below; " +
        "the timeline, the filters and the event panel work as usual.</p><ul class=\"event-list\" id=\"list\"></ul>";
      return;
    }
    const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14, zoomSnap: 0.5, preferCanvas: false });
    state.map = map;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Boundaries: Natural Earth via world-atlas · Events: Frontlines");
    map.setView([25, 30], 3);
    if (window.topojson) {
      try {
        const topo = await (await fetch("/static/vendor/countries-50m.json")).json();
        const land = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(land, {
          interactive: false,
          style: { color: "#ffffff", weight: 0.8, fillColor: "#e7e3da", fillOpacity: 1 },
        }).addTo(map);
      } catch (error) {
        console.warn("no boundaries:", error);
      }
    }
    state.controlLayer = L.layerGroup().addTo(map);
    state.cluster = L.markerClusterGroup({
      maxClusterRadius: 36,
      chunkedLoading: true,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
    });
    map.addLayer(state.cluster);
  }

  function makeMarkers() {
    if (!window.L) return;
    for (const row of state.rows) {
      const marker = L.circleMarker([row.lat, row.lon], {
        radius: radius(row.fatalities),
        color: "#222",
        weight: 1,
        fillColor: COLORS[row.type] || "#666",
        fillOpacity: 0.85,
        className: "event-marker",
      });
      marker.bindTooltip(`${esc(row.subType)} · ${esc(row.start || "undated")} · ${row.fatalities} killed`);
      marker.on("click", () => openEvent(row.id));
      state.markers.set(row.id, marker);
    }
  }

  function drawLegend() {
    const legend = document.getElementById("legend");
    legend.innerHTML = Object.entries(COLORS)
      .map(([type, color]) => `<div><i style="background:${color}"></i>${esc(type)}</div>`)
      .join("") + "<div>size: fatalities</div>";
  }

  function eventLine(row) {
    const color = COLORS[row.type] || "#666";
    return `<li data-id="${esc(row.id)}"><span class="swatch" style="background:${color}"></span>` +
      `${esc(row.start || "undated")} · ${esc(row.subType)} · ${esc(row.admin1 || countryName(row.country))}` +
      ` · ${row.fatalities} killed</li>`;
  }

  function drawList(visible) {
    const list = document.getElementById("list");
    if (!list) return;
    list.innerHTML = visible.slice(0, 500).map(eventLine).join("");
  }

  function drawIndex(visible) {
    const top = visible.slice().sort((a, b) => b.fatalities - a.fatalities).slice(0, 30);
    els.panel.innerHTML = '<p class="hint">Click an event on the map (or below) to read its fields, its sources ' +
      "and the words that support them.</p><h3>Deadliest in view</h3>" +
      `<ul class="event-list">${top.map(eventLine).join("")}</ul>`;
  }

  document.addEventListener("click", (e) => {
    const item = e.target.closest && e.target.closest(".event-list li");
    if (item) openEvent(item.dataset.id);
  });

  // -- timeline -----------------------------------------------------------------------------------------------------

  const timeline = { bins: [], start: 0, step: DAY, width: 0, left: 36, right: 10 };

  function drawTimeline(filtered) {
    const svg = els.timeline;
    const width = svg.clientWidth || 800;
    const height = svg.clientHeight || 96;
    const days = filtered.map((r) => dayMs(r.start)).filter((v) => !isNaN(v));
    const all = state.rows.map((r) => dayMs(r.start)).filter((v) => !isNaN(v));
    if (!all.length) {
      svg.innerHTML = `<text class="axis" x="10" y="40">no dated events</text>`;
      return;
    }
    const min = Math.min(...all);
    const max = Math.max(...all);
    const span = (max - min) / DAY + 1;
    const step = span <= 400 ? DAY : span <= 2800 ? 7 * DAY : 30 * DAY;
    els.unit.textContent = step === DAY ? "day" : step === 7 * DAY ? "week" : "month";
    const count = Math.max(1, Math.floor((max - min) / step) + 1);
    const bins = new Array(count).fill(0);
    for (const d of days) bins[Math.min(count - 1, Math.floor((d - min) / step))] += 1;
    Object.assign(timeline, { bins, start: min, step, width });
    const plot = width - timeline.left - timeline.right;
    const barW = plot / count;
    const top = Math.max(...bins, 1);
    const base = height - 16;
    let out = "";
    bins.forEach((n, i) => {
      if (!n) return;
      const h = Math.max(1, (n / top) * (base - 6));
      const x = timeline.left + i * barW;
      const binStart = min + i * step;
      const inside = !state.range || (binStart + step > state.range[0] && binStart < state.range[1]);
      out += `<rect class="bar${inside ? "" : " out"}" x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" ` +
        `width="${Math.max(1, barW - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${fmtDay(binStart)}: ${n}</title></rect>`;
    });
    out += `<text class="axis" x="${timeline.left}" y="${height - 3}">${fmtDay(min)}</text>`;
    out += `<text class="axis" x="${width - timeline.right}" y="${height - 3}" text-anchor="end">${fmtDay(max)}</text>`;
    out += `<text class="axis" x="2" y="12">${top}</text>`;
    if (state.range) {
      const x0 = timeline.left + ((state.range[0] - min) / step) * barW;
      const x1 = timeline.left + ((state.range[1] - min) / step) * barW;
      out += `<rect class="brush" x="${x0.toFixed(1)}" y="0" width="${Math.max(2, x1 - x0).toFixed(1)}" height="${base}"></rect>`;
    }
    svg.innerHTML = out;
  }

  function timeAt(x) {
    const plot = timeline.width - timeline.left - timeline.right;
    const count = timeline.bins.length || 1;
    const index = ((x - timeline.left) / plot) * count;
    return timeline.start + Math.max(0, Math.min(count, index)) * timeline.step;
  }

  function setUpBrush() {
    const svg = els.timeline;
    let from = null;
    const x = (e) => e.clientX - svg.getBoundingClientRect().left;
    svg.addEventListener("mousedown", (e) => {
      from = x(e);
      e.preventDefault();
    });
    window.addEventListener("mousemove", (e) => {
      if (from === null) return;
      const a = timeAt(Math.min(from, x(e)));
      const b = timeAt(Math.max(from, x(e)));
      if (b - a >= timeline.step / 4) {
        state.range = [a, b];
        drawTimeline(state.rows.filter(matchesFilters));
      }
    });
    window.addEventListener("mouseup", (e) => {
      if (from === null) return;
      const a = timeAt(Math.min(from, x(e)));
      const b = timeAt(Math.max(from, x(e)));
      from = null;
      // A click (no drag) selects the bin under the pointer.
      if (b - a < timeline.step / 4) {
        const i = Math.floor((a - timeline.start) / timeline.step);
        state.range = [timeline.start + i * timeline.step, timeline.start + (i + 1) * timeline.step];
      } else {
        state.range = [a, b];
      }
      showRange();
      update();
      refreshControl();
    });
    els.clear.addEventListener("click", () => {
      state.range = null;
      showRange();
      update();
      refreshControl();
    });
  }

  function showRange() {
    els.clear.hidden = !state.range;
    els.range.textContent = state.range
      ? `${fmtDay(state.range[0])} to ${fmtDay(state.range[1] - 1)}`
      : "";
  }

  // -- event panel --------------------------------------------------------------------------------------------------

  function spanRows(event, documentId) {
    // Spans of one document: evidence (highlighted) and the spans behind each field (underlined).
    const spans = [];
    const add = (start, end, kind, label) => {
      if (Number.isInteger(start) && Number.isInteger(end) && end > start) spans.push({ start, end, kind, label });
    };
    for (const e of event.evidence || []) if (e.document_id === documentId) add(e.start, e.end, "evidence", "evidence");
    const fields = [
      ["location", event.location],
      ["fatalities", event.fatalities],
      ["injured", event.injured],
      ...(event.actors || []).map((a) => [a.role, a]),
      ...(event.sources || []).map((s) => ["source", s]),
    ];
    for (const [label, value] of fields) if (value && value.document_id === documentId) add(value.start, value.end, "field", label);
    const date = event.date || {};
    if (date.document_id === documentId) add(date.start_char, date.end_char, "field", "date");
    return spans;
  }

  function highlighted(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) {
      cuts.add(Math.max(0, Math.min(text.length, s.start)));
      cuts.add(Math.max(0, Math.min(text.length, s.end)));
    }
    const points = [...cuts].sort((a, b) => a - b);
    let out = "";
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      let piece = esc(text.slice(a, b));
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      const fields = covering.filter((s) => s.kind === "field").map((s) => s.label);
      if (fields.length) piece = `<span class="span-field" title="${esc(fields.join(", "))}">${piece}</span>`;
      if (covering.some((s) => s.kind === "evidence")) piece = `<mark class="evidence">${piece}</mark>`;
      out += piece;
    }
    return out;
  }

  function countText(count) {
    if (!count || count.best == null) return "none reported";
    let text = String(count.best);
    if (count.high != null && count.high !== count.best) text += ` (${count.low ?? count.best}–${count.high})`;
    if (count.civilians != null) text += `, ${count.civilians} civilians`;
    return text;
  }

  async function openEvent(id) {
    state.selected = id;
    els.panel.innerHTML = '<p class="hint">loading…</p>';
    let body;
    try {
      body = await api(`/api/events/${encodeURIComponent(id)}`);
    } catch (error) {
      els.panel.innerHTML = `<p class="hint">Could not load the event: ${esc(error.message)}</p>`;
      return;
    }
    const event = body.event;
    // Every mention's spans point into its own document: merge them in so each document shows its evidence.
    const mentions = body.mentions.length ? body.mentions : [event];
    const loc = event.location || {};
    const actors = (event.actors || []).map((a) => `${esc(a.role)}: ${esc(a.name)}`).join("<br>") || "none";
    const rows = [
      ["Type", `${esc(event.event_type)} / ${esc(event.sub_event_type)}`],
      ["Disorder", esc(event.disorder_type)],
      ["Date", esc(event.date && event.date.start ? `${event.date.start}${event.date.end && event.date.end !== event.date.start ? " to " + event.date.end : ""}` : "undated")],
      ["Place", esc([loc.name, loc.admin1, countryName(loc.country)].filter(Boolean).join(", "))],
      ["Actors", actors],
      ["Fatalities", esc(countText(event.fatalities))],
      ["Injured", esc(countText(event.injured))],
      ["Confidence", esc(event.confidence)],
    ];
    if (event.aggregate) rows.push(["Aggregate", "a toll over a period or region"]);
    let html = `<button type="button" id="back">← all events</button><h2>${esc(event.sub_event_type)} in ${esc(loc.name || countryName(loc.country))}</h2>`;
    html += `<p class="hint">${esc(event.notes || "")}</p>`;
    html += "<table>" + rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("") + "</table>";
    html += "<h3>Sources</h3><ul>" + (body.sources || []).map((s) => `<li>${esc(s.name)} <span class="hint">(${esc(s.kind)})</span>${s.text ? ` — “${esc(s.text)}”` : ""}</li>`).join("") + "</ul>";
    html += `<h3>Source texts (${body.documents.length})</h3><div id="docs"></div>`;
    els.panel.innerHTML = html;
    document.getElementById("back").addEventListener("click", () => {
      state.selected = null;
      update();
    });
    const docs = document.getElementById("docs");
    for (const info of body.documents.slice(0, 8)) {
      let documentBody;
      try {
        documentBody = await api(`/api/documents/${encodeURIComponent(info.id)}`);
      } catch (error) {
        continue;
      }
      if (state.selected !== id) return;
      const spans = [];
      for (const m of [event, ...mentions]) spans.push(...spanRows(m, info.id));
      const seen = new Set();
      const unique = spans.filter((s) => {
        const key = `${s.kind}:${s.label}:${s.start}:${s.end}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
      const div = document.createElement("div");
      div.className = "doc";
      div.dataset.id = info.id;
      const meta = [info.outlet, info.published, info.url].filter(Boolean).map(esc).join(" · ");
      div.innerHTML = `<div class="meta"><strong>${esc(info.title || info.id)}</strong><br>${meta}</div>` +
        `<div class="source-text">${highlighted(documentBody.text, unique)}</div>`;
      docs.appendChild(div);
    }
    if (state.map && loc.lat != null) state.map.panTo([loc.lat, loc.lon]);
  }

  // -- territorial control ----------------------------------------------------------------------------------------

  const HOLDER_COLORS = ["#b91c1c", "#1d4ed8", "#047857", "#7c3aed", "#b45309", "#0f766e", "#be185d", "#4d7c0f"];

  function holderColor(name) {
    let hash = 0;
    for (const ch of name || "") hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return HOLDER_COLORS[hash % HOLDER_COLORS.length];
  }

  function initials(name) {
    const words = (name || "?").split(/[\s()]+/).filter((w) => /^[A-Z0-9]/.test(w));
    return (words.map((w) => w[0]).join("") || name.slice(0, 3)).slice(0, 5);
  }

  async function refreshControl() {
    if (state.controlLayer) state.controlLayer.clearLayers();
    if (!els.control.checked) {
      els.controlBox.hidden = true;
      return;
    }
    const day = state.range ? fmtDay(state.range[1] - 1) : null;
    const query = new URLSearchParams();
    if (day) query.set("date", day);
    if (els.country.value) query.set("country", els.country.value);
    let body;
    try {
      body = await api(`/api/territory?${query}`);
    } catch (error) {
      els.controlBox.hidden = false;
      els.controlBox.textContent = `territorial control unavailable: ${error.message}`;
      return;
    }
    if (!els.control.checked) return;
    const places = body.places;
    els.controlBox.hidden = false;
    els.controlBox.innerHTML = `<h4>Who held what ${day ? "on " + esc(day) : "after the latest event"}</h4>` +
      (places.length
        ? "<ul>" + places.map((p) => `<li><strong>${esc(p.place)}</strong>: ${esc(p.holder || "unknown")} ` +
          `<span class="hint">since ${esc(p.since)}${p.previous ? ", from " + esc(p.previous) : ""}</span></li>`).join("") + "</ul>"
        : '<span class="hint">no territorial events (overtakes, regains, transfers) up to this day</span>');
    if (!state.controlLayer) return;
    for (const p of places) {
      const icon = L.divIcon({
        className: "control-marker",
        html: `<span style="background:${holderColor(p.holder)}">${esc(initials(p.holder))}</span>`,
        iconSize: null,
      });
      L.marker([p.lat, p.lon], { icon, keyboard: false })
        .bindTooltip(`${esc(p.place)}: held by ${esc(p.holder || "unknown")} since ${esc(p.since)}`)
        .on("click", () => openEvent(p.event_id))
        .addTo(state.controlLayer);
    }
  }

  // -- start --------------------------------------------------------------------------------------------------------

  async function start() {
    const started = performance.now();
    for (const type of Object.keys(COLORS)) els.type.add(new Option(type, type));
    drawLegend();
    await setUpMap();
    let body;
    try {
      body = await api("/api/map");
    } catch (error) {
      els.summary.textContent = `could not load events: ${error.message}`;
      return;
    }
    const c = Object.fromEntries(body.columns.map((name, i) => [name, i]));
    state.rows = body.rows.map((r) => ({
      id: r[c.id], lat: r[c.lat], lon: r[c.lon], start: r[c.date_start], end: r[c.date_end],
      type: r[c.event_type], subType: r[c.sub_event_type], fatalities: r[c.fatalities] || 0,
      country: r[c.country], admin1: r[c.admin1], actor1: r[c.actor1], actor2: r[c.actor2],
    }));
    const countries = [...new Set(state.rows.map((r) => r.country).filter(Boolean))]
      .map((code) => [code, countryName(code)])
      .sort((a, b) => a[1].localeCompare(b[1]));
    for (const [code, name] of countries) els.country.add(new Option(name, code));
    makeMarkers();
    if (state.map && state.rows.length) {
      const bounds = L.latLngBounds(state.rows.map((r) => [r.lat, r.lon]));
      state.map.fitBounds(bounds.pad(0.2), { maxZoom: 5 });
    }
    setUpBrush();
    for (const el of [els.type, els.country]) el.addEventListener("change", update);
    els.country.addEventListener("change", refreshControl);
    els.control.addEventListener("change", refreshControl);
    els.actor.addEventListener("input", update);
    els.reset.addEventListener("click", () => {
      els.type.value = els.country.value = els.actor.value = "";
      state.range = null;
      showRange();
      update();
      refreshControl();
    });
    window.addEventListener("resize", () => drawTimeline(state.rows.filter(matchesFilters)));
    update();
    if (body.truncated) els.summary.textContent += " (first rows only: narrow the selection)";
    state.loadMs = performance.now() - started;
    state.ready = true;
  }

  start();
})();
