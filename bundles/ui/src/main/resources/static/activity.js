// authsome dashboard, activity page: the chart of the last hour (uPlot) and the live events.
// The page works without this script: the figures and the events are rendered by the daemon.
"use strict";

(function () {
  const MINUTE = 60;
  const WINDOW = 60; // minutes shown
  const LISTED = 100; // rows kept in the events table
  const COLORS = ["#2f5bd3", "#17794a", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#c0392b", "#2c3e50"];

  const requests = new Map(); // provider -> Map(minute -> count)
  const marks = { "401": new Map(), "403": new Map(), "5xx": new Map(), "refresh": new Map(), "refresh failed": new Map() };
  const MARK_COLORS = { "401": "#b3261e", "403": "#e67e22", "5xx": "#6d0f0a", "refresh": "#17794a", "refresh failed": "#9a6200" };
  let chart = null;
  let chartProviders = "";
  let lastMs = 0; // the time of the newest event counted, or when the page asked for the recent ones
  let lastTime = "";
  let dirty = false;

  function minuteOf(time) {
    return Math.floor(Date.parse(time) / 1000 / MINUTE) * MINUTE;
  }

  function bump(map, minute) {
    map.set(minute, (map.get(minute) || 0) + 1);
  }

  function count(event) {
    if (!event.time) return;
    const ms = Date.parse(event.time);
    if (ms >= lastMs) {
      lastMs = ms;
      lastTime = event.time;
    }
    const minute = minuteOf(event.time);
    if (event.event === "proxy_request") {
      const provider = event.provider || "(no provider)";
      if (!requests.has(provider)) requests.set(provider, new Map());
      bump(requests.get(provider), minute);
      const status = Number(event.status) || 0;
      if (status === 401) bump(marks["401"], minute);
      if (status === 403) bump(marks["403"], minute);
      if (status >= 500 || status === 0) bump(marks["5xx"], minute);
    } else if (event.event === "refresh") {
      bump(marks["refresh"], minute);
    } else if (event.event === "refresh_failed") {
      bump(marks["refresh failed"], minute);
    }
    dirty = true;
  }

  function data() {
    const end = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE;
    const xs = [];
    for (let m = end - (WINDOW - 1) * MINUTE; m <= end; m += MINUTE) xs.push(m);
    const columns = [xs];
    for (const provider of [...requests.keys()].sort()) {
      columns.push(xs.map((x) => requests.get(provider).get(x) || 0));
    }
    for (const name of Object.keys(marks)) {
      columns.push(xs.map((x) => marks[name].get(x) || null));
    }
    return columns;
  }

  function build(element) {
    const providers = [...requests.keys()].sort();
    const series = [{ label: "minute" }];
    providers.forEach((provider, i) => series.push({
      label: provider, stroke: COLORS[i % COLORS.length], width: 2, fill: COLORS[i % COLORS.length] + "22",
      points: { show: false },
    }));
    for (const name of Object.keys(marks)) {
      series.push({
        label: name, stroke: MARK_COLORS[name], width: 0, paths: () => null,
        points: { show: true, size: name.startsWith("refresh") ? 7 : 9, fill: MARK_COLORS[name] },
      });
    }
    const options = {
      width: Math.max(element.clientWidth, 320), height: 260, series,
      axes: [{}, { label: "per minute", size: 50 }],
      scales: { y: { range: (u, min, max) => [0, Math.max(4, max)] } },
      legend: { live: false },
    };
    if (chart) chart.destroy();
    chart = new uPlot(options, data(), element);
    chartProviders = providers.join(",");
  }

  function draw(element) {
    if (!dirty && chart) return;
    dirty = false;
    if (!chart || [...requests.keys()].sort().join(",") !== chartProviders) build(element);
    else chart.setData(data());
  }

  function detail(event) {
    if (event.event === "proxy_request") {
      return `${event.method || ""} ${event.host || ""}${event.path || ""} → ${event.status} (${event.duration_ms} ms)`;
    }
    return ["reason", "flow", "via", "by", "command"].filter((m) => event[m] != null).map((m) => `${m} ${event[m]}`)
      .join(", ");
  }

  function prepend(table, event) {
    const row = document.createElement("tr");
    row.className = "outcome-" + (event.outcome || "") + " fresh";
    const time = document.createElement("time");
    time.dateTime = event.time || "";
    time.textContent = (event.time || "").replace("T", " ");
    const cells = [time, event.event, event.provider, event.connection, event.agent, event.outcome, detail(event)];
    for (const value of cells) {
      const cell = document.createElement("td");
      if (value instanceof Node) cell.appendChild(value); else cell.textContent = value == null ? "" : String(value);
      row.appendChild(cell);
    }
    table.tBodies[0].insertBefore(row, table.tBodies[0].firstChild);
    while (table.tBodies[0].rows.length > LISTED) table.tBodies[0].deleteRow(-1);
    const empty = document.querySelector("p.empty");
    if (empty) empty.remove();
  }

  function start() {
    const element = document.getElementById("activity-chart");
    const live = document.getElementById("activity-live");
    const table = document.getElementById("activity-events");
    if (!element || typeof uPlot === "undefined") return;
    lastMs = Date.now();
    lastTime = new Date(lastMs).toISOString();
    fetch(element.dataset.recent, { credentials: "same-origin" })
      .then((answer) => answer.ok ? answer.json() : Promise.reject(new Error("HTTP " + answer.status)))
      .then((recent) => {
        recent.events.forEach(count);
        draw(element);
        const separator = element.dataset.stream.includes("?") ? "&" : "?";
        const source = new EventSource(element.dataset.stream + separator + "after=" + encodeURIComponent(lastTime));
        source.onopen = () => { live.textContent = "Live: new events appear as they are recorded."; };
        source.onmessage = (message) => {
          const event = JSON.parse(message.data);
          count(event);
          prepend(table, event);
        };
        source.addEventListener("dropped", (message) => {
          live.textContent = `Live, but this page missed ${message.data} events: it could not keep up. Reload to catch up.`;
        });
        source.onerror = () => { live.textContent = "Live updates paused: the daemon does not answer; retrying."; };
        setInterval(() => draw(element), 1000);
        setInterval(() => { dirty = true; }, 30000); // the window moves on even when nothing happens
        window.addEventListener("resize", () => chart && chart.setSize({ width: Math.max(element.clientWidth, 320), height: 260 }));
      })
      .catch((error) => { live.textContent = "The chart could not load: " + error.message; });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
