// factcheck layout: the top bar's menu on narrow screens, and folding the ranked list beside the
// claim panel. Both only add to a page that works without them: without script every link shows.
(function () {
  "use strict";

  var FOLDED_KEY = "factcheck.rankedFolded";

  // The menu: the button is hidden in the page until this script can make it work.
  function menuButton() {
    return document.querySelector('[data-action="toggle-menu"]');
  }

  function setMenuOpen(open) {
    var button = menuButton();
    if (!button) {
      return;
    }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.closest(".topbar").classList.toggle("is-menu-open", open);
  }

  function setUpMenu() {
    var button = menuButton();
    if (!button) {
      return;
    }
    button.hidden = false;
    button.closest(".topbar").classList.add("has-menu");
  }

  // The ranked list: its heading becomes a button that folds the list away, so a long panel
  // has the column's height. The choice is kept on the <aside> (which htmx never replaces) and
  // in localStorage for the next page.
  function side() {
    return document.querySelector("main.workbench .side");
  }

  function readFolded() {
    try {
      return window.localStorage.getItem(FOLDED_KEY) === "1";
    } catch (error) {
      return false;
    }
  }

  function keepFolded(folded) {
    try {
      window.localStorage.setItem(FOLDED_KEY, folded ? "1" : "0");
    } catch (error) {
      // Storage may be off; the choice then lasts until the page is left.
    }
  }

  function setFolded(folded) {
    var column = side();
    if (!column) {
      return;
    }
    column.classList.toggle("is-ranked-folded", folded);
    var toggle = column.querySelector(".ranked-toggle");
    if (toggle) {
      toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    }
  }

  // Called on load and after every swap of the ranked section, which brings a plain heading.
  function enhanceRankedHeading() {
    var column = side();
    var heading = document.getElementById("ranked-heading");
    if (!column || !heading || heading.querySelector(".ranked-toggle")) {
      return;
    }
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "ranked-toggle";
    toggle.dataset.action = "toggle-ranked";
    while (heading.firstChild) {
      toggle.appendChild(heading.firstChild);
    }
    heading.appendChild(toggle);
    setFolded(column.classList.contains("is-ranked-folded"));
  }

  document.addEventListener("click", function (event) {
    var action = event.target.closest && event.target.closest("[data-action]");
    if (!action) {
      return;
    }
    if (action.dataset.action === "toggle-menu") {
      setMenuOpen(action.getAttribute("aria-expanded") !== "true");
    } else if (action.dataset.action === "toggle-ranked") {
      var folded = !side().classList.contains("is-ranked-folded");
      setFolded(folded);
      keepFolded(folded);
    }
  });

  function panelLiesOverText() {
    var panel = document.getElementById("claim-panel");
    return panel && window.getComputedStyle(panel).position === "fixed";
  }

  // Escape closes the open menu (the focus goes back to its button), or else the panel lying
  // over the text, unless it is leaving a field or closing the help.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) {
      return;
    }
    var button = menuButton();
    if (button && button.getAttribute("aria-expanded") === "true") {
      setMenuOpen(false);
      button.focus();
      return;
    }
    var typing = event.target.closest && event.target.closest("input, textarea, select");
    var close = document.querySelector("#claim-panel .panel-close");
    if (!typing && close && !document.querySelector("dialog[open]") && panelLiesOverText()) {
      close.click();
    }
  });

  // The ranked section comes back plain when a panel write refreshes it (out of band) or when
  // it is swapped directly.
  document.addEventListener("htmx:afterSwap", enhanceRankedHeading);
  document.addEventListener("htmx:oobAfterSwap", enhanceRankedHeading);

  // Where the panel lies over the text (a phone), a newly chosen claim takes the focus to the
  // panel's heading, so keyboard and screen-reader users are where the eyes are. A notice the
  // panel focused itself (a conflict, a refusal) keeps the focus.
  document.addEventListener("htmx:afterSettle", function (event) {
    var panel = event.detail.target;
    if (!panel || panel.id !== "claim-panel" || panel.contains(document.activeElement)) {
      return;
    }
    var heading = panel.querySelector(".panel[data-claim-id] .panel-position");
    if (heading && panelLiesOverText()) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  });

  function start() {
    setUpMenu();
    if (side() && readFolded()) {
      side().classList.add("is-ranked-folded");
    }
    enhanceRankedHeading();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
