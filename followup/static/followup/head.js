/* Followup: runs in <head>, before the page is painted (the one script that is not deferred).
   Marks the document as scripted, so app.css hides the no-JavaScript fallbacks without a flash.
   A file rather than an inline <script>: the Content-Security-Policy allows scripts only from 'self'. */
document.documentElement.classList.replace("no-js", "js");

/* Issue 16 §2: a word of the widgets' scripts in the page's language, from the page's one
   <script id="ui-words"> (followup_ui.ui_words); English if a page has none. */
window.followupWord = function (key, english) {
  var words = window.followupWord.cache;
  if (!words) {
    var node = document.getElementById("ui-words");
    words = window.followupWord.cache = node ? JSON.parse(node.textContent) : {};
  }
  return words[key] || english;
};
