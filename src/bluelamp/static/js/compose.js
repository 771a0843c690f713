// The live check on the compose and edit pages (CC/01 section 4): while the author types, the
// words are sent to the policy's checks (POST posts/check/, JSON) and the verdict and findings
// are shown below the form. Screen readers are told only a short summary ("2 problems: block"),
// and only when it changes, in a separate aria-live region; likewise the counter once the post
// goes over (or back under) the platform's limit. Without JavaScript the page still works: the
// "Check" button re-renders the page with the findings from the server.
(function () {
  "use strict";

  var DELAY_MS = 300;
  var COUNT_DELAY_MS = 1000;

  function ready(fn) {
    if (document.readyState !== "loading") {
      fn();
    } else {
      document.addEventListener("DOMContentLoaded", fn);
    }
  }

  // Empty ``node`` and put ``child`` (if any) in it.
  function replace(node, child) {
    while (node.firstChild) node.removeChild(node.firstChild);
    if (child) node.appendChild(child);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var TAGS = {
    block: ["govuk-tag--red", "Block"],
    review: ["govuk-tag--orange", "Review"],
    record: ["govuk-tag--blue", "Record"],
    advise: ["govuk-tag--grey", "Advise"],
    pass: ["govuk-tag--green", "Pass"]
  };

  function tag(severity) {
    var spec = TAGS[severity] || ["govuk-tag--grey", severity];
    return el("strong", "govuk-tag " + spec[0], spec[1]);
  }

  // Text as nodes, with line breaks kept.
  function appendText(parent, text) {
    text.split("\n").forEach(function (line, i) {
      if (i) parent.appendChild(document.createElement("br"));
      parent.appendChild(document.createTextNode(line));
    });
  }

  // The text with each finding's words in <mark>, built from text nodes (never HTML).
  function highlighted(text, findings) {
    var spans = findings
      .filter(function (f) {
        return typeof f.start === "number" && typeof f.end === "number" && f.end > f.start;
      })
      .map(function (f, i) {
        return { start: f.start, end: f.end, number: f.number || i + 1 };
      })
      .sort(function (a, b) {
        return a.start - b.start;
      });
    var box = el("div", "govuk-inset-text");
    // The server counts characters as code points; JavaScript strings count UTF-16 units.
    var chars = Array.from(text);
    function slice(a, b) {
      return chars.slice(a, b).join("");
    }
    var cursor = 0;
    spans.forEach(function (span) {
      if (span.start < cursor) return; // overlapping: the first one is enough
      appendText(box, slice(cursor, span.start));
      var mark = el("mark");
      mark.appendChild(el("span", "govuk-visually-hidden", "(start of problem " + span.number + ") "));
      appendText(mark, slice(span.start, span.end));
      mark.appendChild(el("span", "govuk-visually-hidden", " (end of problem " + span.number + ")"));
      box.appendChild(mark);
      cursor = span.end;
    });
    appendText(box, slice(cursor));
    return box;
  }

  function render(region, text, result, policy) {
    var out = document.createDocumentFragment();
    out.appendChild(el("h2", "govuk-heading-m", "Your words"));
    result.findings.forEach(function (f, i) {
      f.number = i + 1;
    });
    out.appendChild(highlighted(text, result.findings));
    out.appendChild(el("h2", "govuk-heading-m", "What the checks found"));
    var verdict = el("p", "govuk-body");
    verdict.appendChild(tag(result.verdict));
    verdict.appendChild(document.createTextNode(" " + result.verdict_words));
    out.appendChild(verdict);
    if (result.summary) out.appendChild(el("div", "govuk-inset-text", result.summary));
    if (result.findings.length) {
      var list = el("ol", "govuk-list");
      result.findings.forEach(function (f) {
        var item = el("li", "govuk-!-margin-bottom-4");
        var heading = el("h3", "govuk-heading-s govuk-!-margin-bottom-1", f.number + ". " + f.title + " ");
        heading.appendChild(tag(f.severity));
        item.appendChild(heading);
        var cited = el("p", "govuk-body-s govuk-!-margin-bottom-1");
        if (policy) {
          var link = el("a", "govuk-link", "CC/01 " + f.clause);
          link.href = policy + "#clause-" + String(f.clause).replace(/\./g, "-");
          cited.appendChild(link);
        } else {
          cited.appendChild(document.createTextNode("CC/01 " + f.clause));
        }
        cited.appendChild(document.createTextNode(" (rule " + f.rule + ")"));
        item.appendChild(cited);
        item.appendChild(el("p", "govuk-body govuk-!-margin-bottom-1", f.message));
        if (f.excerpt) {
          var words = el("p", "govuk-body-s", "The words: ");
          words.appendChild(el("mark", null, f.excerpt));
          item.appendChild(words);
        }
        list.appendChild(item);
      });
      out.appendChild(list);
    }
    replace(region, out);
  }

  function message(region, text) {
    replace(region, el("p", "govuk-body", text));
  }

  // "2 problems: block", "1 problem: review", "No problems found".
  function summary(result) {
    var n = result.findings.length;
    if (!n) return "No problems found";
    var label = (TAGS[result.verdict] || [null, result.verdict])[1].toLowerCase();
    return n + (n === 1 ? " problem: " : " problems: ") + label;
  }

  // Says ``text`` through the aria-live ``node`` unless it is what was said last.
  function announcer(node) {
    var last = null;
    return function (text) {
      if (!node || text === last) return;
      last = text;
      node.textContent = text;
    };
  }

  ready(function () {
    var form = document.querySelector("form[data-live-check]");
    if (!form || !window.fetch || !window.JSON) return;
    var region = document.querySelector("[data-live-region]");
    var textarea = form.querySelector("textarea[name=text]");
    var accountSelect = form.querySelector("select[name=account]");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    var count = document.querySelector("[data-count-for]");
    var secondOpinion = form.querySelector("input[name=second_opinion]");
    var limits = {};
    var limitsNode = document.getElementById("platform-limits");
    if (limitsNode) {
      try {
        limits = JSON.parse(limitsNode.textContent) || {};
      } catch (e) {
        limits = {};
      }
    }
    if (!region || !textarea || !csrf) return;
    var announce = announcer(document.querySelector("[data-live-status]"));
    var announceCount = announcer(document.querySelector("[data-count-status]"));
    var wasOver = false;
    var countTimer = null;

    var timer = null;
    var sequence = 0;
    var lastShown = null;

    function account() {
      return accountSelect ? accountSelect.value : form.getAttribute("data-account");
    }

    function kind() {
      var chosen = form.querySelector("input[name=kind]:checked");
      return chosen ? chosen.value : "post";
    }

    // While typing, a rough count (code points); once the server has checked these words, its
    // count as the platform counts it (X weighs links, emoji and CJK), which is what decides.
    function updateCount(server) {
      if (!count) return;
      if (server && server.words) {
        count.textContent = server.words;
        var over = server.over || server.count === null;
        var words = over ? server.words : wasOver ? "Now within the limit: " + server.words : null;
        wasOver = over;
        // Said once the typing pauses, as GOV.UK's character count does, not at every key.
        if (countTimer) clearTimeout(countTimer);
        if (words) {
          countTimer = setTimeout(function () {
            announceCount(words);
          }, COUNT_DELAY_MS);
        }
        return;
      }
      var length = Array.from(textarea.value).length;
      var words = length + (length === 1 ? " character" : " characters");
      var spec = limits[account()];
      if (spec && spec.limit) {
        words += length > spec.limit
          ? ": about " + (length - spec.limit) + " too many for " + spec.platform + " (" + spec.limit + ")"
          : " of " + spec.limit + " on " + spec.platform;
      }
      count.textContent = words;
    }

    function check() {
      var text = textarea.value;
      if (!text.trim() || !account()) {
        lastShown = null;
        replace(region, null);
        return;
      }
      var mine = ++sequence;
      fetch(form.getAttribute("data-live-check"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf.value },
        body: JSON.stringify({
          text: text,
          account: account(),
          kind: kind(),
          second_opinion: !!(secondOpinion && secondOpinion.checked)
        })
      })
        .then(function (response) {
          return response.json().then(function (body) {
            return { ok: response.ok, body: body };
          });
        })
        .then(function (answer) {
          if (mine !== sequence) return; // a newer check is on its way
          if (!answer.ok) {
            var error = answer.body.error || "The checks could not run. Press Check to try again.";
            message(region, error);
            announce(error);
            lastShown = null;
            return;
          }
          if (text === textarea.value) updateCount(answer.body.length);
          var key = text + "\u0000" + JSON.stringify(answer.body);
          if (key === lastShown) return; // nothing new to announce
          lastShown = key;
          render(region, text, answer.body, form.getAttribute("data-policy"));
          announce(summary(answer.body));
        })
        .catch(function () {
          if (mine !== sequence) return;
          message(region, "The checks could not run. Press Check to try again.");
          announce("The checks could not run. Press Check to try again.");
        });
    }

    function later() {
      updateCount();
      if (timer) clearTimeout(timer);
      timer = setTimeout(check, DELAY_MS);
    }

    textarea.addEventListener("input", later);
    if (accountSelect) accountSelect.addEventListener("change", later);
    Array.prototype.forEach.call(form.querySelectorAll("input[name=kind]"), function (radio) {
      radio.addEventListener("change", later);
    });
    if (secondOpinion) secondOpinion.addEventListener("change", later);
    updateCount();
  });
})();
