/* Followup (A2): installs the service worker that keeps My pending readable offline, and shows
   the offline note while the network is gone. The worker's address comes from the script
   tag's data-worker (no inline script: the Content-Security-Policy allows only files). */
"use strict";
(function () {
  const script = document.currentScript;
  const note = document.getElementById("offline-note");
  function showState() {
    if (note) {
      note.hidden = navigator.onLine;
    }
  }
  window.addEventListener("online", showState);
  window.addEventListener("offline", showState);
  showState();
  if (!("serviceWorker" in navigator) || !script || !script.dataset.worker) {
    return;
  }
  navigator.serviceWorker.register(script.dataset.worker).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function () {
    document.documentElement.dataset.offlineReady = "true";
  }).catch(function () { /* no offline copy, the page works as before */ });
})();
