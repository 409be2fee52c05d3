/* Followup: runs in <head>, before the page is painted (the one script that is not deferred).
   Marks the document as scripted, so app.css hides the no-JavaScript fallbacks without a flash.
   A file rather than an inline <script>: the Content-Security-Policy allows scripts only from 'self'. */
document.documentElement.classList.replace("no-js", "js");
