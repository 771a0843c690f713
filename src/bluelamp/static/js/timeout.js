// The idle time-out warning (WCAG 2.2.1), after GOV.UK's timeout warning pattern: two minutes
// before the session ends a modal dialog says so, and "Stay signed in" (or Escape) keeps the
// session going without leaving the page. Whatever is being written in a form marked
// data-keep-draft is kept in this tab's sessionStorage when the warning shows and when the form
// is sent, and put back when the person returns to the same page after signing in again.
// Without JavaScript the "Stay signed in" page (linked in the footer) does the same job.
(function () {
  "use strict";

  var KEY = "bluelamp-draft";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function draftForm() {
    return document.querySelector("form[data-keep-draft]");
  }

  function keepDraft() {
    var form = draftForm();
    if (!form || !window.sessionStorage) return;
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.name === "csrfmiddlewaretoken" || field.type === "submit") return;
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      if (field.type === "file" || field.type === "hidden" || field.type === "password") return;
      fields[field.name] = field.value;
    });
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, fields: fields }));
    } catch (e) {
      /* storage full or refused: nothing more to do */
    }
  }

  // Back on the page of a kept draft whose form came back empty: put the words back.
  function restoreDraft() {
    if (!window.sessionStorage) return;
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    } catch (e) {
      saved = null;
    }
    if (!saved) return;
    sessionStorage.removeItem(KEY);
    var form = draftForm();
    if (!form || saved.path !== location.pathname) return;
    var text = form.querySelector("textarea");
    if (!text || text.value.trim()) return; // the server gave the words back itself
    var restored = false;
    Object.keys(saved.fields).forEach(function (name) {
      var value = saved.fields[name];
      Array.prototype.forEach.call(form.querySelectorAll("[name='" + name + "']"), function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = field.value === value;
        } else {
          field.value = value;
        }
        restored = true;
      });
    });
    if (!restored) return;
    var banner = document.createElement("div");
    banner.className = "govuk-inset-text";
    banner.setAttribute("role", "status");
    banner.setAttribute("data-draft-restored", "");
    banner.textContent =
      "We kept what you were writing when you were signed out. Check it, then save it.";
    form.parentNode.insertBefore(banner, form);
    text.dispatchEvent(new Event("input", { bubbles: true })); // the live check runs again
  }

  function minutes(seconds) {
    var m = Math.ceil(seconds / 60);
    if (seconds < 60) return seconds + (seconds === 1 ? " second" : " seconds");
    return m + (m === 1 ? " minute" : " minutes");
  }

  ready(function () {
    restoreDraft();
    var form = draftForm();
    if (form) form.addEventListener("submit", keepDraft);

    var dialog = document.querySelector("[data-timeout-dialog]");
    if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) return;
    var total = parseInt(dialog.getAttribute("data-seconds"), 10);
    if (!(total > 0)) return;
    var warnBefore = Math.min(120, Math.floor(total / 2));
    var countdown = dialog.querySelector("[data-timeout-countdown]");
    var spoken = dialog.querySelector("[data-timeout-spoken]");
    var stay = dialog.querySelector("[data-timeout-stay]");
    var keepAlive = dialog.querySelector("form[data-timeout-form]");
    var warnTimer = null;
    var tick = null;
    var endsAt = 0;
    var returnFocus = null;

    function schedule() {
      endsAt = Date.now() + total * 1000;
      if (warnTimer) clearTimeout(warnTimer);
      warnTimer = setTimeout(warn, (total - warnBefore) * 1000);
    }

    function left() {
      return Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    }

    function update() {
      var seconds = left();
      countdown.textContent = minutes(seconds);
      // Screen readers hear the time every minute (and at 20 seconds), not every second.
      if (seconds % 60 === 0 || seconds === 20) {
        spoken.textContent = "You will be signed out in " + minutes(seconds) + ".";
      }
      if (seconds === 0) {
        clearInterval(tick);
        keepDraft();
        // The session has ended on the server too: reloading leads to the sign-in page,
        // which brings the person back here.
        setTimeout(function () {
          location.assign(location.pathname + location.search);
        }, 2000);
      }
    }

    function warn() {
      keepDraft();
      returnFocus = document.activeElement;
      spoken.textContent = "";
      countdown.textContent = minutes(left());
      dialog.showModal();
      stay.focus();
      tick = setInterval(update, 1000);
    }

    function staySignedIn(event) {
      if (event) event.preventDefault();
      var csrf = keepAlive.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(keepAlive.getAttribute("action"), {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrf ? csrf.value : "" }
      })
        .then(function (response) {
          if (!response.ok) throw new Error("not kept");
          clearInterval(tick);
          if (dialog.open) dialog.close();
          if (returnFocus && returnFocus.focus) returnFocus.focus();
          schedule();
        })
        .catch(function () {
          keepAlive.submit(); // the page fallback
        });
    }

    keepAlive.addEventListener("submit", staySignedIn);
    dialog.addEventListener("cancel", staySignedIn); // Escape means "stay", as in the pattern
    schedule();
  });
})();
