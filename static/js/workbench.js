// factcheck workbench: claim selection, keyboard shortcuts, kept drafts and error notices.
// Loaded with `defer` from every page; the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  // The key a single-key shortcut (j, k, e, a, u, x, 1-9) reads from a keydown, on any keyboard
  // layout. event.key is the character typed, taken as it is, so a Dvorak or AZERTY reviewer
  // presses the key labelled j. Where the layout types a letter or a vowel sign of another
  // script than Latin there (Russian "о" at J, Thai "่", Hindi "ा" at E), the physical key stands
  // in: event.code KeyJ is "j"; and where it types a digit of another script (Persian "۱"),
  // Digit1 is "1". Not for other characters (Thai types "/" at Digit2, Dvorak "." at KeyE,
  // Turkish F "ğ" at KeyE: each stays itself), and never with Shift, AltGr or while an input
  // method is composing. queue.js and approve_undo.js, loaded after this file, call it.
  var OTHER_SCRIPTS_LETTER = /^(?!\p{Script=Latin})[\p{L}\p{M}]$/u;
  var OTHER_SCRIPTS_DIGIT = /^(?![0-9])\p{Nd}$/u;
  var PHYSICAL = /^(?:Key([A-Z])|Digit([0-9]))$/;

  window.factcheckShortcutKey = function (event) {
    var key = event.key;
    if (event.isComposing || typeof key !== "string") {
      return "";
    }
    var letter = OTHER_SCRIPTS_LETTER.test(key);
    if (!letter && !OTHER_SCRIPTS_DIGIT.test(key)) {
      return key;
    }
    var altGraph = event.getModifierState && event.getModifierState("AltGraph");
    var physical = PHYSICAL.exec(event.code || "");
    if (!physical || event.shiftKey || altGraph) {
      return key;
    }
    if (letter) {
      return physical[1] ? physical[1].toLowerCase() : key;
    }
    return physical[2] || key;
  };

  var PANEL = "#claim-panel";
  // The search field that / jumps to: the queue's or the library's.
  var PAGE_SEARCH = 'input[type="search"][data-shortcut="/"]';
  // The panel last asked for: the one for the claim under the cursor.
  var wantedPanel = null;

  function claimUnits() {
    return Array.prototype.slice.call(document.querySelectorAll("#article-text .unit.is-claim"));
  }

  function rankedLink(claimId) {
    return document.querySelector('.ranked-claim[data-select-claim="' + claimId + '"]');
  }

  function currentUnit() {
    return document.querySelector('#article-text .unit[aria-current="true"]');
  }

  function markCurrent(selector, element) {
    document.querySelectorAll(selector + '[aria-current="true"]').forEach(function (old) {
      old.removeAttribute("aria-current");
    });
    if (element) {
      element.setAttribute("aria-current", "true");
    }
  }

  function reveal(element) {
    if (element) {
      element.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  // A long article shows one part at a time (data-part on the text). A claim in another part
  // is reached by loading the part that holds it.
  function textParts() {
    return document.querySelector("#article-text .article-body[data-part]");
  }

  // The part is a page of its own, so the focus the move gives the claim (as select does within
  // a part) is handed to that page, which gives it once it has drawn the claim as current.
  var FOCUS_ON_LOAD = "factcheck-focus-claim";

  function openPartHolding(claimId) {
    var parts = textParts();
    if (!parts || !claimId) {
      return false;
    }
    keepForLoad(claimId);
    window.location.assign(parts.dataset.claimUrl + encodeURIComponent(claimId));
    return true;
  }

  // What a change that reloads the page did (a merge, a split), said once the page has drawn it.
  var SAID_ON_LOAD = "factcheck-said-on-load";

  function keepForLoad(claimId, said) {
    try {
      window.sessionStorage.setItem(FOCUS_ON_LOAD, String(claimId));
      window.sessionStorage.setItem(SAID_ON_LOAD, said || "");
    } catch (error) {
      // Storage turned off: the page opens with the claim current, the focus at its start.
    }
  }

  // A claim opened from the queue (Enter on its row, or a click), the dashboard's lists or the
  // inbox has the focus on the article page, as one reached by j or k does: the keyboard goes
  // on from it, not from the page's top.
  var OPENS_A_CLAIM = "#queue-table a.queue-claim, .work-list a.work-claim";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(OPENS_A_CLAIM);
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    // The inbox's links name their claim; the others have it in their address.
    var claimId =
      link.dataset.claimId || (/[?&]claim=(\d+)/.exec(link.getAttribute("href") || "") || [])[1];
    if (claimId) {
      keepForLoad(claimId);
    }
  });

  // A copy being made answers by itself when it is done (its badge asks every few seconds), away
  // from where the reviewer works: what it came to ("Quote found", "The site could not be
  // found") is said to a screen reader once, when the badge stops asking.
  var askingBadges = {};

  function isAsking(badge) {
    return Boolean(badge && badge.querySelector(".archive-status.is-pending[hx-trigger]"));
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.classList && target.classList.contains("archive-badge")) {
      askingBadges[target.id] = isAsking(target);
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    Object.keys(askingBadges).forEach(function (id) {
      var wasAsking = askingBadges[id];
      delete askingBadges[id];
      var badge = document.getElementById(id);
      var region = document.getElementById("panel-said");
      if (!wasAsking || !badge || isAsking(badge) || !region) {
        return;
      }
      var parts = Array.prototype.map.call(
        badge.querySelectorAll(".archive-status, .quote-check"),
        function (part) {
          return part.textContent.replace(/\s+/g, " ").trim().replace(/\.$/, "");
        }
      );
      // Named by its site: two copies may end one after the other.
      var item = badge.closest(".evidence-item");
      var host = item && item.querySelector(".evidence-host");
      var said = parts.filter(Boolean).join(". ") + ".";
      region.textContent = host ? host.textContent.trim() + ": " + said : said;
    });
  });

  // What keepForLoad kept for this page, taken once: the claim to give the focus to, and what to
  // say.
  function takeKeptForLoad() {
    try {
      var kept = {
        claimId: window.sessionStorage.getItem(FOCUS_ON_LOAD),
        said: window.sessionStorage.getItem(SAID_ON_LOAD),
      };
      window.sessionStorage.removeItem(FOCUS_ON_LOAD);
      window.sessionStorage.removeItem(SAID_ON_LOAD);
      return kept;
    } catch (error) {
      return { claimId: null, said: null };
    }
  }

  function sayOnLoad(said) {
    var region = document.getElementById("panel-said");
    if (said && region) {
      // Filled after the load, so that screen readers announce the change to the live region.
      window.setTimeout(function () {
        region.textContent = said;
      }, 150);
    }
  }

  // The current claim takes the focus where the keyboard goes on from it: its mark in the text,
  // or the panel's heading where there is no text or the panel lies over it (a phone).
  function focusCurrent() {
    var panel = document.querySelector(PANEL);
    var covered = panel && window.getComputedStyle(panel).position === "fixed";
    var unit = currentUnit();
    var heading = panel && panel.querySelector(".panel-position[tabindex]");
    var landing = unit && !covered ? unit : heading;
    if (!landing) {
      return false;
    }
    landing.focus({ preventScroll: true });
    reveal(landing);
    return true;
  }

  function select(claimId) {
    stepMade = null;
    var unit = document.getElementById("claim-" + claimId);
    var link = rankedLink(claimId);
    if (!unit && openPartHolding(claimId)) {
      return;
    }
    if (!unit && !link) {
      return;
    }
    markCurrent("#article-text .unit", unit);
    markCurrent(".ranked-claim", link);
    if (unit) {
      unit.scrollIntoView({ block: "center", inline: "nearest" });
      unit.focus({ preventScroll: true });
    }
    reveal(link);
    // A unit set aside as not a claim has no row in the ranked list: it names its panel itself.
    // So does a claim past the list's first 200 in a long article, by its id.
    var panelUrl = link ? link.dataset.panelUrl : unit && (unit.dataset.panelUrl || "/claims/" + claimId + "/panel");
    if (panelUrl && window.htmx) {
      wantedPanel = panelUrl;
      window.htmx.ajax("GET", panelUrl, {
        source: PANEL,
        target: PANEL,
        swap: "innerHTML",
      });
      var address = new URL(window.location.href);
      address.searchParams.set("claim", claimId);
      address.hash = "";
      window.history.replaceState(window.history.state, "", link ? link.getAttribute("href") : address.pathname + address.search);
    }
  }

  // Past the first or last claim of a part, j and k go on to the claim in the part before or
  // after it.
  function leavesPart(units, direction) {
    var current = currentUnit();
    var index = units.indexOf(current);
    if (index >= 0) {
      return !units[index + direction];
    }
    if (!current) {
      return !units.length;
    }
    return !units.some(function (unit) {
      var position = current.compareDocumentPosition(unit);
      var wanted = direction > 0 ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
      return Boolean(position & wanted);
    });
  }

  function stepOutOfPart(direction) {
    var parts = textParts();
    if (!parts) {
      return false;
    }
    return openPartHolding(direction > 0 ? parts.dataset.nextClaim : parts.dataset.previousClaim);
  }

  // The panel of the current claim names the claim before and after it as the article is now.
  // Where someone else has split, merged or set aside a sentence since this page was drawn, that
  // claim is not the next one in the text on the page, or not on the page at all: j and k follow
  // the panel (the page is drawn again to show a claim it lacks, unsaved text kept).
  function panelStep(direction) {
    var current = currentUnit();
    var panel = current && document.querySelector(PANEL + ' .panel[data-claim-id="' + current.dataset.claimId + '"]');
    var link = panel && stepLink(panel, direction);
    if (!link) {
      return false;
    }
    var target = link.dataset.selectClaim;
    if (document.getElementById("claim-" + target)) {
      select(target);
      stepMade = { path: wantedPanel, from: current.dataset.claimId, direction: direction };
    } else {
      // In the next part of a long article, or made since the page was drawn.
      stepPastPage(current.dataset.claimId, direction, partEdgeClaim(direction), function () {
        drawPageAt(link);
      });
    }
    return true;
  }

  // The first claim of the part after this one (j) or the last of the part before (k), by its
  // id; null where the article is drawn whole or this part is its first or last.
  function partEdgeClaim(direction) {
    var parts = textParts();
    return (parts && (direction > 0 ? parts.dataset.nextClaim : parts.dataset.previousClaim)) || null;
  }

  // The panel's Next and Previous are as they were when it was drawn: a claim split since (or
  // another change that put claims between) is stepped past. The panel of the claim stepped to is
  // drawn now and says so: while its Previous (after j) or Next (after k) is not the claim
  // stepped from, the step goes back along those links to the claim next to it (the page drawn
  // again when it never drew that claim, saying the article changed). A claim set aside as not a
  // claim since is stepped past the same way, to the claim its panel names after it.
  var stepMade = null;
  var STEPS_BACK = 20;

  // The step link in a claim panel `root`: Next for j (direction 1), Previous for k (-1).
  function stepLink(root, direction) {
    return root.querySelector('.panel-nav a.step[aria-keyshortcuts="' + (direction > 0 ? "j" : "k") + '"]');
  }

  // A claim's panel as it is now, as a document: null when the server will not draw it (the
  // claim is gone); the promise fails when the server cannot be reached.
  function panelNow(claimId) {
    return fetch("/claims/" + claimId + "/panel", { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (answer) {
        return answer.ok ? answer.text() : null;
      })
      .then(function (html) {
        return html && new DOMParser().parseFromString(html, "text/html");
      });
  }

  // Follow the links back from `link` through the claims' panels as they are now, to the one
  // whose link back is the claim `from`; `done` gets the link to that claim. A claim the page drew
  // that does not lie between `from` and the claim stepped to ends the walk: `from` is gone
  // (merged, or split anew), and `done` gets null, the step staying where it went, as it does
  // when the walk goes on too far.
  function nextToFrom(link, from, direction, hops, done) {
    if (hops <= 0) {
      done(null);
      return;
    }
    panelNow(link.dataset.selectClaim)
      .then(function (panel) {
        var back = panel && stepLink(panel, -direction);
        if (!back || back.dataset.selectClaim === from) {
          done(link);
        } else if (
          document.getElementById("claim-" + back.dataset.selectClaim) &&
          !beyond(from, back.dataset.selectClaim, direction)
        ) {
          done(null);
        } else {
          nextToFrom(back, from, direction, hops - 1, done);
        }
      })
      .catch(function () {
        done(null);
      });
  }

  // Whether claim `other` is drawn past claim `from` the way the step went.
  function beyond(from, other, direction) {
    var start = document.getElementById("claim-" + from);
    var unit = document.getElementById("claim-" + other);
    var wanted = direction > 0 ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
    return Boolean(start && unit && start.compareDocumentPosition(unit) & wanted);
  }

  // Draw the page again at the claim `link` goes to, saying the article changed.
  function drawPageAt(link) {
    if (!link) {
      return;
    }
    keepForLoad(link.dataset.selectClaim, "This article changed since the page was drawn; it is shown as it is now.");
    window.location.assign(link.href);
  }

  // The step from claim `from` to a claim the page does not draw next to it: past the last (or
  // first) claim drawn, into another part of a long article, or onto a claim made since the page
  // was drawn. The claim's panel as it is now names the claim to go to: the one the page names
  // (`named`, the next part's first claim) opens as usual, any other with the page drawn again,
  // saying the article changed. With none, `orSay` (by default: the article has no claim that
  // way).
  function stepPastPage(from, direction, named, orSay) {
    var none = function () {
      if (!(named && openPartHolding(named))) {
        (orSay || sayEnd)(direction);
      }
    };
    panelNow(from)
      .then(function (panel) {
        var link = panel && stepLink(panel, direction);
        if (!link) {
          none();
        } else if (link.dataset.selectClaim === named) {
          openPartHolding(named);
        } else {
          drawPageAt(link);
        }
      })
      .catch(none);
  }

  function sayEnd(direction) {
    sayNow(direction > 0 ? "This is the article's last claim." : "This is the article's first claim.");
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var made = stepMade;
    var target = event.detail.target;
    var sent = event.detail.requestConfig;
    if (!made || !target || target.id !== PANEL.slice(1) || !sent || sent.path !== made.path) {
      return;
    }
    stepMade = null;
    var drawn = document.querySelector(PANEL + " .panel[data-claim-id]");
    if (drawn && drawn.dataset.kind !== "claim") {
      // Set aside since the page was drawn: on to the claim after it, or back to the one before
      // when there is none.
      drawPageAt(stepLink(drawn, made.direction) || stepLink(drawn, -made.direction));
      return;
    }
    var back = stepLink(document.querySelector(PANEL), -made.direction);
    var between = back && back.dataset.selectClaim;
    if (!between || between === made.from) {
      return;
    }
    var unit = document.getElementById("claim-" + between);
    if (!unit) {
      nextToFrom(back, made.from, made.direction, STEPS_BACK, drawPageAt);
      return;
    }
    if (beyond(made.from, between, made.direction)) {
      select(between);
      // Its panel is checked in turn: more than one claim may have come between.
      stepMade = { path: wantedPanel, from: made.from, direction: made.direction };
    }
  });

  function step(direction) {
    var units = claimUnits();
    if (panelStep(direction)) {
      return;
    }
    if (leavesPart(units, direction) && stepOutOfPart(direction)) {
      return;
    }
    if (!units.length) {
      return;
    }
    // With no claim open, j and k go on from the one last closed: the focus is on it, and the
    // address names it (#claim-25, "Back to the text" on a narrow screen).
    var from = currentUnit() || focusedUnit() || unitInAddress();
    var index = units.indexOf(from);
    var next;
    if (index < 0) {
      next = from ? nearestClaim(units, from, direction) : units[0];
      if (!next) {
        // A unit set aside after the last claim (or before the first): none that way.
        sayNow(direction > 0 ? "No claim comes after this in the article." : "No claim comes before this in the article.");
        return;
      }
    } else {
      next = units[Math.min(units.length - 1, Math.max(0, index + direction))];
    }
    if (next && next !== currentUnit()) {
      select(next.dataset.claimId);
    } else if (next) {
      // The last claim drawn (or the first): someone may have split it since.
      stepPastPage(next.dataset.claimId, direction, null);
    }
  }

  // Said to a screen reader at once: the region is emptied first, so the same words twice are
  // announced twice.
  function sayNow(words) {
    sayIn(document.getElementById("panel-said"), words);
  }

  function sayIn(region, words) {
    if (!region) {
      return;
    }
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = words;
    }, 50);
  }

  function focusedUnit() {
    var active = document.activeElement;
    return active && active.matches && active.matches("#article-text .unit") ? active : null;
  }

  function unitInAddress() {
    var named = /^#claim-(\d+)$/.exec(window.location.hash);
    var unit = named && document.getElementById("claim-" + named[1]);
    return unit && unit.matches("#article-text .unit") ? unit : null;
  }

  // From a selected non-claim, j and k go to the claims on either side of it in the text; null
  // when there is none on that side.
  function nearestClaim(units, from, direction) {
    var following = units.filter(function (unit) {
      return from.compareDocumentPosition(unit) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    if (direction > 0) {
      return following[0] || null;
    }
    var preceding = units.filter(function (unit) {
      return following.indexOf(unit) < 0;
    });
    return preceding[preceding.length - 1] || null;
  }

  function helpDialog() {
    return document.getElementById("keyboard-help");
  }

  function toggleHelp() {
    var dialog = helpDialog();
    if (!dialog) {
      return;
    }
    if (dialog.open) {
      dialog.close();
    } else {
      dialog.showModal();
    }
  }

  // Radio buttons, checkboxes and buttons take no text, so shortcuts stay on while they have focus.
  var TEXT_ENTRY =
    "input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit])" +
    ":not([type=reset]), textarea, select, [contenteditable]:not([contenteditable='false'])";

  function isTyping(target) {
    if (!target || !target.closest) {
      return false;
    }
    return Boolean(target.closest(TEXT_ENTRY));
  }

  // Panel shortcuts: they act only on controls that are on the panel and visible right now.

  function visible(element) {
    if (!element || !element.getClientRects().length) {
      return false;
    }
    // Chromium gives boxes to what a closed <details> hides (the correction form of a published
    // verdict): a key must not change a form the reviewer cannot see.
    for (var details = element.closest("details"); details; details = details.parentElement && details.parentElement.closest("details")) {
      var summary = details.querySelector(":scope > summary");
      if (!details.open && !(summary && summary.contains(element))) {
        return false;
      }
    }
    return true;
  }

  function panelControl(selector) {
    var found = document.querySelectorAll(PANEL + " " + selector);
    for (var i = 0; i < found.length; i += 1) {
      if (visible(found[i])) {
        return found[i];
      }
    }
    return null;
  }

  function pickRating(number) {
    var radio = panelControl('[data-rating-form] input[data-rating-number="' + number + '"]');
    if (!radio) {
      return false;
    }
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    var rationale = radio.form && radio.form.querySelector("textarea[name=rationale]");
    if (rationale) {
      rationale.focus();
      rationale.setSelectionRange(rationale.value.length, rationale.value.length);
    } else {
      radio.focus();
    }
    return true;
  }

  function focusEvidenceUrl() {
    var field = document.querySelector(PANEL + " [data-evidence-url]");
    if (!field) {
      return false;
    }
    var details = field.closest("details");
    if (details) {
      details.open = true;
    }
    field.focus();
    field.scrollIntoView({ block: "nearest" });
    return true;
  }

  function approve() {
    var button = panelControl("[data-approve]");
    if (!button || button.disabled) {
      return false;
    }
    // From the keyboard, publishing waits a few seconds with an Undo (approve_undo.js).
    if (window.factcheckApproveLater) {
      window.factcheckApproveLater(button);
    } else {
      button.click();
    }
    return true;
  }

  // Whether the panel drawn is the current claim's (or no claim in the text is current).
  function panelIsCurrent() {
    var current = currentUnit();
    var panel = document.querySelector(PANEL + " .panel[data-claim-id]");
    return !current || !panel || panel.dataset.claimId === current.dataset.claimId;
  }

  // A panel shortcut that cannot act says why to a screen reader: the panel's own note where it
  // has one ("Waiting for an editor's second review."), otherwise what stands in the way.
  var CANNOT = {
    e: "Evidence can't be added to this claim.",
    a: "No verdict on this claim is waiting for your approval.",
    rating: "The rating can't be changed on this claim now.",
  };

  function sayWhyNot(key, number) {
    var panel = document.querySelector(PANEL);
    if (!panel) {
      return;
    }
    if (key === "rating" && panelControl("[data-rating-form] input[data-rating-number]")) {
      sayNow("The rating scale has no rating " + number + ".");
      return;
    }
    var quote = panel.querySelector(".panel-quote");
    if (!quote) {
      sayNow(
        currentUnit()
          ? "The claim is still opening; press the key again in a moment."
          : "Choose a claim first: j and k move between claims."
      );
      return;
    }
    if (quote.classList.contains("is-not-claim")) {
      sayNow("This is not a claim, so it takes no evidence or verdict.");
      return;
    }
    var section = panel.querySelector(key === "e" ? ".evidence-section" : ".verdict-section");
    if (key === "rating" && section && section.querySelector(".correct-details:not([open])")) {
      sayNow("The verdict is published: open \u201cCorrect this verdict\u201d to change its rating.");
      return;
    }
    if (key === "rating" && section && section.querySelector(".recall-form")) {
      sayNow("The verdict is in review: \u201cTake back to draft\u201d to change its rating.");
      return;
    }
    var note = section && section.querySelector(":scope > .panel-note");
    sayNow(note ? note.textContent.trim() : CANNOT[key]);
  }

  // Ctrl+Enter (or Cmd+Enter) saves the form the cursor is in, as its first button would.
  function saveCurrentForm(target) {
    var form = target && target.closest ? target.closest("form") : null;
    if (!form || !form.closest(PANEL)) {
      return false;
    }
    form.requestSubmit();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented) {
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey) {
      if (saveCurrentForm(event.target)) {
        event.preventDefault();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var search = document.querySelector(PAGE_SEARCH);
    if (event.key === "Escape" && event.target === search) {
      // Esc leaves the page's search, as the help says, with its words kept (a search field's
      // own Esc would clear them and search again): the single-key shortcuts work again.
      event.preventDefault();
      search.blur();
      return;
    }
    if (isTyping(event.target)) {
      // Escape leaves a panel field for the current claim, so the single-key shortcuts work
      // again (the focus never falls to the page's body).
      if (event.key === "Escape" && event.target.closest(PANEL) && !focusCurrent()) {
        event.target.blur();
      }
      return;
    }
    var dialog = helpDialog();
    if (event.key === "?") {
      event.preventDefault();
      toggleHelp();
      return;
    }
    if (dialog && dialog.open) {
      return;
    }
    // A letter or digit by its key on any layout (factcheckShortcutKey).
    var key = window.factcheckShortcutKey(event);
    var handled = true;
    if (key === "j") {
      step(1);
    } else if (key === "k") {
      step(-1);
    } else if (/^[1-9ea]$/.test(key) && !panelIsCurrent()) {
      // j moved on and the panel of the claim left is still drawn: a key must not act on it.
      var panel = document.querySelector(PANEL);
      sayNow(
        panel && panel.classList.contains("htmx-request")
          ? "The claim is still opening; press the key again in a moment."
          : "This claim's panel did not open; press j or k to open a claim, or reload the page."
      );
    } else if (/^[1-9]$/.test(key)) {
      handled = pickRating(key) || sayWhyNot("rating", key);
    } else if (event.key === "/" && search) {
      search.focus();
      search.select();
    } else if (key === "e") {
      handled = focusEvidenceUrl() || sayWhyNot("e");
    } else if (key === "a") {
      handled = approve() || sayWhyNot("a");
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
    }
  });

  // Unsaved text in the panel's fields survives the panel being redrawn (after another form was
  // saved, or when you move to another claim and back). It is kept with the claim version it was
  // typed against: restored over a newer version, saving it gives the conflict panel, never a
  // silent overwrite. They are also kept in this tab's sessionStorage, each person's under a key
  // of their own, so a save refused because the session ended (signed out in another tab, idled
  // out) finds them again after signing in; a page drawn for one person never reads another's,
  // and someone else signing in on this browser leaves them kept for their author. Signing out
  // in this tab forgets the drafts of the person signing out.
  var KEPT = "factcheck-drafts";

  function person() {
    return document.body.dataset.person || null;
  }

  function keptKey() {
    return KEPT + ":" + person();
  }

  function loadDrafts() {
    if (!person()) {
      return {};
    }
    var kept = null;
    try {
      kept = JSON.parse(window.sessionStorage.getItem(keptKey()) || "null");
    } catch (error) {
      kept = null;
    }
    return kept && kept.person === person() && kept.drafts ? kept.drafts : {};
  }

  function storeDrafts() {
    if (!person()) {
      return;
    }
    try {
      window.sessionStorage.setItem(keptKey(), JSON.stringify({ person: person(), drafts: drafts }));
    } catch (error) {
      // Storage full or turned off: the drafts are still kept while this page is open.
    }
  }

  function forgetOwnDrafts() {
    try {
      window.sessionStorage.removeItem(keptKey());
    } catch (error) {
      // Nothing was stored.
    }
  }

  var drafts = loadDrafts();

  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("[data-sign-out]")) {
      forgetOwnDrafts();
    }
  });

  function formVersion(form) {
    var field = form && form.elements.namedItem("expected_version");
    return field ? field.value : null;
  }

  // A text field is kept by its id; a choice between radio buttons (the rating) by its form and
  // name, holding the value picked.
  function draftKey(field) {
    if (field.type === "radio") {
      return field.form && field.form.id ? field.form.id + ":" + field.name : null;
    }
    return field.id || null;
  }

  function keepDraft(event) {
    var field = event.target;
    if (!field.matches || !field.matches(PANEL + " [data-draft]")) {
      return;
    }
    // Typing always fires "input". Chromium also fires "change" on a text field that is removed
    // while focused (the panel redrawn after Ctrl+Enter saved it): keeping that would put the
    // text just saved back into the new, empty field.
    if (event.type === "change" && field.type !== "radio") {
      return;
    }
    var key = draftKey(field);
    if (!key || (field.type === "radio" && !field.checked)) {
      return;
    }
    drafts[key] = { value: field.value, version: formVersion(field.form) };
    storeDrafts();
  }

  // Typing fires "input"; a rating picked with a number key or a click fires "change".
  document.addEventListener("input", keepDraft);
  document.addEventListener("change", keepDraft);

  // `version`: only the text typed against that version of the claim.
  function forgetDrafts(form, version) {
    if (!form || !form.querySelectorAll) {
      return;
    }
    form.querySelectorAll("[data-draft]").forEach(function (field) {
      var key = draftKey(field);
      if (key && drafts[key] && (version === undefined || drafts[key].version === version)) {
        delete drafts[key];
      }
    });
    storeDrafts();
  }

  function formAction(form) {
    return form.getAttribute("hx-post") || form.getAttribute("action");
  }

  function showKept(field, version, what) {
    field.classList.add("has-kept-draft");
    field.title = "Your unsaved " + (what || "text") + ", kept from before";
    var details = field.closest("details");
    if (details) {
      details.open = true;
    }
    var versionField = field.form && field.form.elements.namedItem("expected_version");
    if (versionField && version !== null) {
      versionField.value = version;
    }
  }

  function restoreChoice(radio, draft) {
    // Only over a choice left as the page drew it; a new pick since then stands.
    var group = radio.form.querySelectorAll('input[type=radio][name="' + radio.name + '"]');
    var untouched = Array.prototype.every.call(group, function (other) {
      return other.checked === other.defaultChecked;
    });
    if (!untouched || radio.checked) {
      return;
    }
    radio.checked = true;
    showKept(radio.closest("label") || radio, draft.version, "choice");
  }

  // `heldBack`: the action of a form whose kept text is not drawn into it this time.
  function restoreDrafts(heldBack) {
    document.querySelectorAll(PANEL + " [data-draft]").forEach(function (field) {
      var key = draftKey(field);
      var draft = key && drafts[key];
      if (!draft || (heldBack && field.form && formAction(field.form) === heldBack)) {
        return;
      }
      if (field.type === "radio") {
        if (field.value === draft.value) {
          restoreChoice(field, draft);
        }
        return;
      }
      if (field.value === draft.value || field.value !== field.defaultValue) {
        return;
      }
      field.value = draft.value;
      showKept(field, draft.version);
    });
  }

  // A page is drawn for one person (body[data-person]), and every answer names the person it
  // was drawn for (the X-Factcheck-Person header; empty once signed out). When someone else has
  // signed in on this browser since, in another tab, no answer for them is drawn into this page:
  // their panel would carry their security token under this person's header, take this
  // person's unsaved text and save it in their name. The page says so and offers a reload; it
  // sends nothing more, and the unsaved text stays kept in this tab for its author.
  var signedInNow = null;

  function answerPerson(xhr) {
    return xhr && xhr.getResponseHeader ? xhr.getResponseHeader("X-Factcheck-Person") : null;
  }

  function showAccountChanged() {
    var notice = document.getElementById("notice");
    if (!notice) {
      return;
    }
    notice.hidden = false;
    if (notice.dataset.signedInNow === signedInNow) {
      return; // already said (a reader may be on its button)
    }
    var me = person();
    var now = signedInNow ? "signed in as " + signedInNow : "signed out";
    notice.textContent =
      "This browser is now " + now + " (in another tab or window), and this page was opened " +
      (me ? "as " + me : "signed out") + ": it no longer shows or saves anything. " +
      (me ? "Unsaved text typed as " + me + " stays kept in this tab for " + me + ". " : "");
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "button button-small";
    reload.dataset.action = "reload";
    reload.textContent = "Reload this page";
    notice.appendChild(reload);
    notice.dataset.signedInNow = signedInNow;
  }

  // The one check, for every answer htmx would draw, before anything of it is drawn.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var drawnFor = answerPerson(event.detail.xhr);
    if (drawnFor === null || drawnFor === (person() || "")) {
      return;
    }
    event.detail.shouldSwap = false;
    signedInNow = drawnFor;
    showAccountChanged();
  });

  // Nothing more is sent from a page drawn for someone no longer signed in here.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (signedInNow !== null) {
      event.preventDefault();
      showAccountChanged();
    }
  });

  // A form's text stays kept until it is saved. Refused, the form is drawn again with it; in a
  // conflict, the panel shows it under "Yours" and the form shows the claim as it is now, so it
  // is not drawn into that form this once, but stays kept: a key, a click or a reload before
  // "Apply mine on top" or "Keep theirs" does not lose it, and saving it again meets the same
  // conflict. An answer that is not drawn (a stale security token, a server error) leaves it too.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (!source || !source.closest || !event.detail.shouldSwap) {
      return;
    }
    if (status < 200 || status >= 300) {
      return;
    }
    forgetDrafts(source.closest("form"));
    // "Keep theirs" settles the text that met the conflict, not what was typed since against the
    // claim as the conflict showed it. "Apply mine on top" saved the text that met it over
    // whatever was typed since, which is forgotten too: drawn again, it would stand for a
    // version no longer there.
    var conflict = source.closest("[data-conflict]");
    if (conflict && conflict.dataset.conflictAction) {
      var applied = Boolean(source.closest(".reapply-form"));
      document.querySelectorAll(PANEL + " form").forEach(function (form) {
        if (formAction(form) === conflict.dataset.conflictAction) {
          forgetDrafts(form, applied ? undefined : conflict.dataset.conflictVersion);
        }
      });
    }
  });

  // A merge or a split answers by reloading the article (HX-Redirect), with no swap: its reason
  // was saved, so it is no longer kept as unsaved text.
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var xhr = event.detail.xhr;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (xhr && xhr.status < 300 && xhr.getResponseHeader("HX-Redirect") && source && source.closest) {
      var form = source.closest("form");
      forgetDrafts(form);
      // The reloaded page gives the claim the focus, as the form had it, and says what was done.
      var claimId = new URL(xhr.getResponseHeader("HX-Redirect"), window.location.href).searchParams.get("claim");
      if (form && form.dataset.done && claimId) {
        keepForLoad(claimId, form.dataset.done);
      }
    }
  });

  // Panels asked for in quick succession (j j k) answer one after another. Only the one for the
  // claim now under the cursor is drawn: a late answer for a claim passed over would replace it
  // and take the focus from the field the reviewer is typing in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var sent = event.detail.requestConfig;
    var fromPanel = sent && sent.elt && sent.elt.id === PANEL.slice(1);
    if (fromPanel && wantedPanel && sent.path !== wantedPanel) {
      event.detail.shouldSwap = false;
    }
  });

  // A conflict's own form shows the claim as it is now, with the text that met it beside it
  // under "Yours": that text is not drawn over it this time; every other form's is.
  document.addEventListener("htmx:afterSwap", function (event) {
    var xhr = event.detail.xhr;
    var sent = event.detail.requestConfig && event.detail.requestConfig.elt;
    var form = sent && sent.closest ? sent.closest("form") : null;
    restoreDrafts(xhr && xhr.status === 409 && form ? formAction(form) : null);
  });

  // Where the focus was when a panel form was sent: htmx puts it back on a field of the same id,
  // but a button has none, and a form can be gone or folded away once it has done its job.
  var sentFrom = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (!form || !form.closest(PANEL)) {
      return; // a poll (the inbox count, an archive's progress) must not wipe a save's record
    }
    var active = document.activeElement;
    var first = form.querySelector("input:not([type=hidden]), select, textarea");
    var pressed = active && form.contains(active) && active.matches("button") ? active : null;
    var section = form.closest("section[aria-labelledby]");
    sentFrom = {
      ids: [active && form.contains(active) ? active.id : "", first ? first.id : ""],
      action: form.getAttribute("action"),
      button: pressed ? { name: pressed.name, value: pressed.value } : null,
      heading: section ? section.getAttribute("aria-labelledby") : "",
    };
  });

  function shown(element) {
    if (!element || element.disabled || element.getClientRects().length === 0) {
      return false;
    }
    // Chromium lays out the content of a closed <details> (to find text in it), so a field folded
    // away still has boxes: only the summaries of the closed ones around it show.
    var closed = element.closest("details:not([open])");
    while (closed) {
      var summary = closed.querySelector(":scope > summary");
      if (!summary || !summary.contains(element)) {
        return false;
      }
      closed = closed.parentElement && closed.parentElement.closest("details:not([open])");
    }
    return true;
  }

  // Focus an element of the panel and bring it into the panel's view.
  function focusInView(element) {
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "nearest" });
  }

  // The control a save came from, as the redrawn panel has it: a field of the same id (or the
  // summary it is now folded under), the same button of a form with the same address, that
  // form's first control, or the heading of the section it was in (the form gone once it did
  // its job: a verdict sent for review).
  function sameControl(panel, sent) {
    for (var i = 0; i < sent.ids.length; i += 1) {
      var field = sent.ids[i] && document.getElementById(sent.ids[i]);
      if (!field || !panel.contains(field)) {
        continue;
      }
      var folded = shown(field) ? null : field.closest("details");
      var summary = folded && folded.querySelector("summary");
      if (shown(field) || shown(summary)) {
        return summary || chosenOfGroup(field);
      }
    }
    var form = Array.prototype.filter.call(panel.querySelectorAll("form"), function (candidate) {
      return candidate.getAttribute("action") === sent.action && shown(candidate);
    })[0];
    if (form) {
      var first = Array.prototype.filter.call(
        form.querySelectorAll("input:not([type=hidden]), select, textarea, button"),
        shown
      )[0];
      var chosen = messageOrPressed(form, sent) || chosenOfGroup(first);
      if (chosen) {
        return chosen;
      }
    }
    var heading = sent.heading && document.getElementById(sent.heading);
    if (heading && panel.contains(heading) && shown(heading)) {
      heading.setAttribute("tabindex", "-1");
      return heading;
    }
    return null;
  }

  // A radio button stands for its group: the focus goes to the one chosen, as Tab would take it,
  // so that Space does not change the choice (the rating) unseen.
  function chosenOfGroup(control) {
    if (!control || control.type !== "radio" || control.checked || !control.form) {
      return control;
    }
    var chosen = Array.prototype.filter.call(control.form.elements, function (other) {
      return other.type === "radio" && other.name === control.name && other.checked;
    })[0];
    return chosen && shown(chosen) ? chosen : control;
  }

  // In a form drawn again: its message about the form as a whole (marked focusable, for a screen
  // reader), else the button that was pressed.
  function messageOrPressed(form, sent) {
    var message = form.querySelector("[data-error-message]");
    if (shown(message)) {
      message.setAttribute("tabindex", "-1");
      return message;
    }
    var pressed = sent && sent.button && Array.prototype.filter.call(
      form.querySelectorAll("button"),
      function (button) {
        return button.name === sent.button.name && button.value === sent.button.value;
      }
    )[0];
    return shown(pressed) ? pressed : null;
  }

  function refocus(panel) {
    var active = document.activeElement;
    if (active && active !== document.body) {
      // htmx kept it (a field of the same id): it may have been scrolled out of view.
      if (panel.contains(active)) {
        active.scrollIntoView({ block: "nearest" });
      }
      sentFrom = null;
      return;
    }
    var sent = sentFrom;
    sentFrom = null;
    var control = sent && sameControl(panel, sent);
    if (control) {
      focusInView(control);
      return;
    }
    var heading = panel.querySelector(".panel-position");
    if (heading) {
      heading.focus({ preventScroll: true });
    }
  }

  // A conflict or a refusal that the panel shows at its top is brought into view and focused,
  // after htmx has put the focus back where it was; otherwise a focus lost with the old panel
  // goes to the form that was sent (or the summary it is folded under), or to the panel's
  // heading, never to the page's start.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var action = target && target.matches && target.matches("form") && target.getAttribute("action");
    if (target && (target.id || action) && target.id !== PANEL.slice(1)) {
      // A panel form refused and drawn again (found again by its id, or by its address when it
      // has none): the field the message is about takes the focus, so that a screen reader
      // reads the message with it.
      var form = target.id
        ? document.getElementById(target.id)
        : document.querySelector(PANEL + ' form[action="' + action + '"]');
      if (!form || !form.closest(PANEL)) {
        return;
      }
      var sent = sentFrom;
      sentFrom = null;
      var invalid = form.querySelector('[aria-invalid="true"]');
      if (invalid && shown(invalid)) {
        focusField(invalid);
        return;
      }
      // A refusal about the form as a whole ("a False verdict needs evidence"): its message,
      // else the button pressed, so the focus never falls to the page's start.
      if (answersAction(event) && form.querySelector("[data-done]")) {
        // An evidence item's copy redrawn after Try again, Acknowledge or a copy given: the
        // badge takes the focus, and with it a screen reader reads what was done.
        focusInView(form);
        return;
      }
      var next = messageOrPressed(form, sent);
      if (next) {
        focusInView(next);
      }
      return;
    }
    if (!target || target.id !== PANEL.slice(1)) {
      return;
    }
    var notice = event.detail.target.querySelector("[data-conflict], .panel-alert");
    if (notice) {
      notice.scrollIntoView({ block: "start" });
      notice.focus({ preventScroll: true });
      return;
    }
    refocus(event.detail.target);
  });

  // Whether a swap answers something the person did (a form sent, a button pressed), not a poll.
  function answersAction(event) {
    var sent = event.detail.requestConfig;
    var how = sent && sent.triggeringEvent ? sent.triggeringEvent.type : "";
    var active = document.activeElement;
    return (how === "submit" || how === "click") && (!active || active === document.body);
  }

  // A form or link off the panel (an import, the inbox's Mark all read) answered with a section
  // drawn in place of the old one, the focus gone with it: a refused form's field at fault takes
  // the focus, so that a screen reader reads the message with it; otherwise the heading that
  // names the new section (when it can take the focus), which htmx keeps focused through polls.
  // The field a refusal is about takes the focus; a group of choices (a fieldset: the rating,
  // the place to cut), which cannot, gives it to its chosen or first choice, with which a
  // screen reader reads the group's name and message.
  function focusField(invalid) {
    if (invalid.tagName !== "FIELDSET") {
      invalid.focus();
      return;
    }
    var choice =
      invalid.querySelector("input:checked:not(:disabled)") ||
      invalid.querySelector("input:not(:disabled), select:not(:disabled), textarea:not(:disabled)");
    (choice || invalid).focus();
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    // Only the answer to a form sent or a link followed: a poll never moves the focus.
    if (!answersAction(event)) {
      return;
    }
    var drawn = target && target.id ? document.getElementById(target.id) : null;
    var invalid = drawn && drawn.querySelector('[aria-invalid="true"]');
    var named = drawn && document.getElementById(drawn.getAttribute("aria-labelledby") || "");
    if (invalid && shown(invalid)) {
      focusField(invalid);
    } else if (named && named.getAttribute("tabindex") === "-1") {
      named.focus();
    }
  });

  // The page's own live region, made when the page loads and never drawn again: a live region
  // drawn in with what it says is not reliably announced. Results drawn again (a search, a
  // filter, another page, the trail's check) say their [data-said] parts there (a count, without
  // the JSON link beside it) after everything the person did, and after a poll only once, when
  // the polling stops (a check's outcome); the approval banner says its news there
  // (approve_undo.js).
  var PAGE_SAID = "page-said";

  function makePageSaid() {
    var region = document.createElement("p");
    region.id = PAGE_SAID;
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    document.body.appendChild(region);
  }

  function saidWords(element) {
    return Array.prototype.map
      .call(element.querySelectorAll("[data-said]"), function (part) {
        var copy = part.cloneNode(true);
        copy.querySelectorAll(".json-link, [hidden]").forEach(function (unsaid) {
          unsaid.remove();
        });
        return copy.textContent.replace(/\s+/g, " ").trim();
      })
      .filter(Boolean)
      .join(" ");
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    var drawn = target && target.id ? document.getElementById(target.id) : null;
    var words = drawn ? saidWords(drawn) : "";
    if (!words) {
      return;
    }
    var sent = event.detail.requestConfig;
    var polled = !(sent && sent.triggeringEvent && sent.triggeringEvent.type);
    if (polled && /^every /.test(drawn.getAttribute("hx-trigger") || "")) {
      return;
    }
    sayIn(document.getElementById(PAGE_SAID), words);
  });

  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    var action = event.target.closest("[data-action]");
    if (action) {
      if (action.dataset.action === "show-help") {
        toggleHelp();
      } else if (action.dataset.action === "close-help") {
        helpDialog().close();
      } else if (action.dataset.action === "reload") {
        window.location.reload();
      }
      return;
    }
    var trigger = event.target.closest("[data-select-claim], #article-text .unit");
    if (!trigger) {
      return;
    }
    // Dragging across a claim to copy a quotation must not also select it.
    var selection = window.getSelection();
    if (trigger.classList.contains("unit") && selection && !selection.isCollapsed) {
      return;
    }
    event.preventDefault();
    select(trigger.dataset.selectClaim || trigger.dataset.claimId);
  });

  // `link` ({href, text}): where to go instead, shown after the words ("Go to claim 10" for a
  // claim merged away while it was open), a link on this site only.
  function showNotice(message, link) {
    var notice = document.getElementById("notice");
    if (!notice) {
      return;
    }
    if (signedInNow !== null) {
      showAccountChanged(); // whatever went wrong, a reload is what this page needs
      return;
    }
    notice.textContent = message;
    if (link) {
      var anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      notice.append(" ", anchor);
    }
    notice.hidden = false;
  }

  function errorPart(xhr) {
    if (!xhr || !xhr.responseText) {
      return null;
    }
    var parsed = new DOMParser().parseFromString(xhr.responseText, "text/html");
    return parsed.querySelector("[data-error-message]");
  }

  function sameSiteLink(found) {
    var anchor = found && found.querySelector('a[href^="/"]:not([href^="//"])');
    return anchor ? { href: anchor.getAttribute("href"), text: anchor.textContent.trim(), element: anchor } : null;
  }

  function errorMessage(xhr) {
    var found = errorPart(xhr);
    if (found) {
      // The words alone: the status code beside them means nothing to a reader, and a link
      // to follow instead is drawn as a link (showNotice).
      found.querySelectorAll(".error-code").forEach(function (code) {
        code.remove();
      });
      var link = sameSiteLink(found);
      if (link) {
        (link.element.closest("p") || link.element).remove();
      }
      return found.textContent.replace(/\s+/g, " ").trim();
    }
    var status = xhr && xhr.status ? " (" + xhr.status + ")" : "";
    return "The server could not answer" + status + ". Reload the page and try again.";
  }

  // A claim merged into the one before it while its panel was open: what was typed in the
  // panel's forms for the claim goes with its evidence, comments and history, kept for the
  // panel of the claim it was merged into, where it comes back marked as kept. (Text typed
  // about one evidence item stays under that item, which moved with the merge.)
  function moveDraftsOfMergedClaim(fromId, toId) {
    var token = new RegExp("(^|-)" + fromId + "(?=-|:|$)");
    document.querySelectorAll(PANEL + " form[action]").forEach(function (form) {
      var path = new URL(form.getAttribute("action"), window.location.href).pathname;
      if (path.indexOf("/claims/" + fromId + "/") !== 0 || path.indexOf("/evidence/") !== -1) {
        return;
      }
      form.querySelectorAll("[data-draft]").forEach(function (field) {
        var key = draftKey(field);
        var moved = key && key.replace(token, "$1" + toId);
        if (!drafts[key] || moved === key) {
          return;
        }
        // No version: the claim it goes to was never seen with this text. Text already kept
        // for that claim's field stays, with this after it; a choice already made there stands.
        var there = drafts[moved];
        var value = drafts[key].value;
        if (there && field.type !== "radio" && there.value.trim() && there.value !== value) {
          value = there.value + "\n\n" + value;
        }
        drafts[moved] = there && field.type === "radio" ? there : { value: value, version: null };
        delete drafts[key];
      });
    });
    storeDrafts();
  }

  // Results a search, filter or page failed to redraw (the database took too long) are not what
  // was asked for: they are dimmed and out of reach until an answer draws them again.
  var RESULTS = "#queue-results, #library-results, #audit-results";

  function markStale(target) {
    var results = target && target.closest ? target.closest(RESULTS) : null;
    if (results) {
      results.classList.add("is-stale");
      results.inert = true;
    }
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var results = event.detail.target;
    if (results && results.classList && results.classList.contains("is-stale")) {
      results.classList.remove("is-stale");
      results.inert = false;
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    markStale(event.detail.target);
    var xhr = event.detail.xhr;
    var message = errorMessage(xhr);
    var made = stepMade;
    var sent = event.detail.requestConfig && event.detail.requestConfig.path;
    if (made && xhr && xhr.status === 404 && sent === made.path) {
      stepMade = null;
      // The claim j or k stepped to is gone since the panel was drawn (merged into another): the
      // step goes on from the claim stepped from, the page drawn again there.
      stepPastPage(made.from, made.direction, null, function () {
        showNotice(message, sameSiteLink(errorPart(xhr)));
      });
      return;
    }
    var mergedInto = xhr && xhr.getResponseHeader ? xhr.getResponseHeader("X-Factcheck-Merged-Into") : null;
    var mergedFrom = mergedInto && sent ? /^\/claims\/(\d+)\//.exec(sent) : null;
    if (mergedFrom && /^\d+$/.test(mergedInto)) {
      moveDraftsOfMergedClaim(mergedFrom[1], mergedInto);
      message += " What you typed in this claim's panel is kept and comes back in that claim's panel.";
    }
    showNotice(message, sameSiteLink(errorPart(xhr)));
  });

  document.addEventListener("htmx:sendError", function () {
    showNotice("The server cannot be reached. Check your connection; your work on this page is kept.");
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var notice = document.getElementById("notice");
    if (notice && event.detail.successful && signedInNow === null) {
      notice.hidden = true;
    }
  });

  function revealInitialSelection() {
    restoreDrafts();
    // A link to #claim-ID in another part of a long article loads that part.
    var wanted = /^#claim-(\d+)$/.exec(window.location.hash);
    if (wanted && !document.getElementById("claim-" + wanted[1]) && openPartHolding(wanted[1])) {
      return;
    }
    var unit = currentUnit();
    var kept = takeKeptForLoad();
    if (unit) {
      unit.scrollIntoView({ block: "center" });
      reveal(document.querySelector('.ranked-claim[aria-current="true"]'));
      // Opened by j, k or a claim chosen in another part: the claim has the focus, as it would
      // within a part.
      if (kept.claimId === unit.dataset.claimId) {
        focusCurrent();
      }
    }
    sayOnLoad(kept.said);
    // Opened from the inbox on a comment that mentions you: the panel shows the comment, which
    // sits below the verdict and evidence forms, and gives it the focus.
    var comment = /^#comment-(\d+)$/.exec(window.location.hash);
    var mentioned = comment && document.getElementById("comment-" + comment[1]);
    if (mentioned && mentioned.closest(PANEL)) {
      mentioned.classList.add("is-linked");
      mentioned.setAttribute("tabindex", "-1");
      mentioned.scrollIntoView({ block: "center" });
      mentioned.focus({ preventScroll: true });
    }
  }


  // On a narrow screen the open panel covers the page (layout.css): what lies under it is made
  // inert, so Tab stays in the panel and nothing hidden can be pressed. The approval banner, the
  // page's live region and notice and the help, drawn above the panel, stay live.
  var NARROW = window.matchMedia("(max-width: 720px)");
  var STAYS_LIVE = "#approve-undo, #page-said, #notice, #keyboard-help, script";

  function coverUnderPanel() {
    document.querySelectorAll("[data-under-panel]").forEach(function (element) {
      element.inert = false;
      element.removeAttribute("data-under-panel");
    });
    var panel = document.querySelector(".side .claim-panel");
    if (!panel || !NARROW.matches || !panel.querySelector(".panel[data-claim-id]")) {
      return;
    }
    for (var node = panel; node.parentElement && node !== document.body; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling !== node && !sibling.inert && !sibling.matches(STAYS_LIVE)) {
          sibling.inert = true;
          sibling.setAttribute("data-under-panel", "");
        }
      });
    }
  }

  document.addEventListener("htmx:afterSettle", coverUnderPanel);
  NARROW.addEventListener("change", coverUnderPanel);

  // A page drawn again with a refused form (sent without htmx: the account's password, a
  // person added, an article's details): the first field at fault takes the focus, with its
  // message, rather than the page's start.
  function focusRefusedField() {
    var invalid = document.querySelector('main [aria-invalid="true"]');
    if (invalid && shown(invalid)) {
      focusField(invalid);
      invalid.scrollIntoView({ block: "center" });
    }
  }

  // A message flashed after a form sent without htmx (a role changed, a file imported, the
  // sign-in page's "your last change was not saved") is on the page as it loads, where a screen
  // reader does not announce it: its paragraphs are said once the page is there, the focus left
  // where it is (the sign-in page's username, a refused field).
  function sayFlashed() {
    var words = Array.prototype.map
      .call(document.querySelectorAll("[data-flashed] > p"), function (paragraph) {
        return paragraph.textContent.replace(/\s+/g, " ").trim();
      })
      .join(" ");
    if (words) {
      window.setTimeout(function () {
        sayIn(document.getElementById(PAGE_SAID), words);
      }, 150);
    }
  }

  function whenLoaded() {
    makePageSaid();
    revealInitialSelection();
    coverUnderPanel();
    focusRefusedField();
    sayFlashed();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenLoaded);
  } else {
    whenLoaded();
  }
})();
