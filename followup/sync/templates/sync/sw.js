{% load static %}/* Followup's service worker (A2): My pending stays readable offline.

   Served at /sw.js (a view renders this template with the current static URLs), so that it
   controls the whole site. Pages are fetched from the network first; each successful visit
   to My pending is kept, and shown when the network is gone. The layout's CSS and scripts are
   kept at install and refreshed on each visit (network first too, so a deploy's new CSS is never
   hidden behind a kept one). Opening the sign-in page (signing out) forgets the kept page. */
"use strict";

const CACHE = "followup-offline-1";
const PENDING = "{% url 'tasks:list' %}";
const LOGIN = "{% url 'login' %}";
const ASSETS = [
  "{% static 'followup/app.css' %}", "{% static 'followup/widgets.css' %}", "{% static 'followup/head.js' %}",
  "{% static 'vendor/htmx.min.js' %}", "{% static 'followup/app.js' %}", "{% static 'followup/combobox.js' %}",
  "{% static 'followup/datepicker.js' %}", "{% static 'sync/pwa.js' %}",
  "{% static 'followup/icons.svg' %}", "{% static 'followup/icons/favicon.svg' %}",  // the pages' icons (issue 16 §2)
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function page(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    const landed = new URL(response.url || url.href);
    if (landed.pathname.startsWith(LOGIN)) {
      await cache.delete(PENDING);  // signed out (or never signed in): keep nobody's tasks
    } else if (url.pathname === PENDING && !url.search && response.ok && !response.redirected) {
      await cache.put(PENDING, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = url.pathname === PENDING ? await cache.match(PENDING) : undefined;
    return kept || (await cache.match(PENDING)) || Response.error();
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    return (await cache.match(request)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(asset(request));
  }
});
