// authsome dashboard: the live parts only. Pages work without it; with it, expiry times count down.
"use strict";

function remaining(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  if (d > 0) return d + "d " + h + "h";
  if (h > 0) return h + "h " + m + "m";
  if (m > 0) return m + "m " + (s % 60) + "s";
  return (s % 60) + "s";
}

function tick() {
  const now = Date.now();
  for (const el of document.querySelectorAll("[data-expires]")) {
    const left = Date.parse(el.dataset.expires) - now;
    el.textContent = left > 0 ? "expires in " + remaining(left) : "expired " + remaining(left) + " ago";
    el.classList.toggle("soon", left > 0 && left < 10 * 60 * 1000);
    el.classList.toggle("past", left <= 0);
  }
}

document.addEventListener("DOMContentLoaded", () => { tick(); setInterval(tick, 1000); });
