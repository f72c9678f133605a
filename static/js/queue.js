// factcheck queue: select-all and the selected count for bulk actions, and keyboard movement
// between rows (j/k, x to select, / to search). Everything here is a convenience: the queue's
// forms and links work without it.
(function () {
  "use strict";

  function table() {
    return document.getElementById("queue-table");
  }

  function rowBoxes() {
    var found = table();
    return found ? Array.prototype.slice.call(found.querySelectorAll('tbody input[name="claim"]')) : [];
  }

  function updateSelection() {
    var boxes = rowBoxes();
    var checked = boxes.filter(function (box) {
      return box.checked;
    }).length;
    var all = document.querySelector("#queue-table [data-select-all]");
    if (all) {
      all.checked = boxes.length > 0 && checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    }
    var form = document.getElementById("queue-bulk");
    if (form) {
      form.classList.add("is-enhanced");
      form.classList.toggle("has-selection", checked > 0);
    }
    var counter = document.querySelector("[data-selected-count]");
    if (counter) {
      counter.textContent = checked ? "· " + checked + " selected" : "";
      counter.hidden = !checked;
    }
    boxes.forEach(function (box) {
      box.closest("tr").classList.toggle("is-selected", box.checked);
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.closest || !target.closest("#queue-table")) {
      return;
    }
    if (target.matches("[data-select-all]")) {
      rowBoxes().forEach(function (box) {
        box.checked = target.checked;
      });
    }
    updateSelection();
  });

  function rowLinks() {
    var found = table();
    return found ? Array.prototype.slice.call(found.querySelectorAll("tbody a.queue-claim")) : [];
  }

  function focusedRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("#queue-table tbody tr") : null;
  }

  function move(direction) {
    var links = rowLinks();
    if (!links.length) {
      return;
    }
    var row = focusedRow();
    var index = row ? links.indexOf(row.querySelector("a.queue-claim")) : -1;
    var next = index < 0 ? (direction > 0 ? 0 : links.length - 1) : index + direction;
    next = Math.max(0, Math.min(links.length - 1, next));
    links[next].focus();
    links[next].closest("tr").scrollIntoView({ block: "nearest" });
  }

  // A row's checkbox is not typed in: j, k and x work from it as from the row's link.
  var TEXT_ENTRY =
    "input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit])" +
    ":not([type=reset]), textarea, select, [contenteditable]:not([contenteditable='false'])";

  function isTyping(target) {
    return Boolean(target && target.closest && target.closest(TEXT_ENTRY));
  }

  function helpOpen() {
    var dialog = document.getElementById("keyboard-help");
    return Boolean(dialog && dialog.open);
  }

  // Captured on window so the queue's j and k win over the article page's handler, which has
  // nothing to move between here.
  window.addEventListener(
    "keydown",
    function (event) {
      if (!table() || event.ctrlKey || event.metaKey || event.altKey || helpOpen()) {
        return;
      }
      if (isTyping(event.target)) {
        return;
      }
      // A letter by its key on any layout (workbench.js).
      var key = window.factcheckShortcutKey(event);
      if (key === "j" || key === "k") {
        event.preventDefault();
        move(key === "j" ? 1 : -1);
      } else if (key === "x") {
        var row = focusedRow();
        var box = row && row.querySelector('input[name="claim"]');
        if (box) {
          event.preventDefault();
          box.checked = !box.checked;
          updateSelection();
        }
      }
    },
    true
  );

  // Enter in a checkbox would send the bulk form with its first button ("Mark not a claim"):
  // selecting rows never acts on them. A bulk action is a button pressed.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && target.matches && target.matches('#queue-bulk input[type="checkbox"]')) {
      event.preventDefault();
    }
  });

  // A bulk action or its undo replaces the results, the button pressed with them: the focus goes
  // to the notice saying what was done (a screen reader reads it), and Tab reaches its Undo.
  // A page link goes with them too: the focus goes to the new page's first row (the queue's or
  // the library's). Searching and filtering keep the focus where it is, even where the reviewer
  // left the search (Esc) between the swap and its settling: only a focus lost with the replaced
  // results is given back.
  var FIRST_OF_RESULTS = {
    "queue-results": "#queue-table tbody a.queue-claim",
    "library-results": ".library-list a.library-claim",
  };
  var focusWasInResults = false;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && FIRST_OF_RESULTS[target.id]) {
      focusWasInResults = target.contains(document.activeElement);
    }
  });

  function refocus(results) {
    var lost = focusWasInResults;
    focusWasInResults = false;
    var active = document.activeElement;
    if (!lost || (active && active !== document.body)) {
      return;
    }
    var notice = results.querySelector(".queue-notice");
    var first = results.querySelector(FIRST_OF_RESULTS[results.id]);
    if (notice) {
      notice.focus();
    } else if (first) {
      first.focus();
    }
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target && target.id === "queue-results") {
      updateSelection();
    }
    if (target && FIRST_OF_RESULTS[target.id]) {
      refocus(target);
    }
  });

  // The row a claim was opened from, or the page link followed ("Next 50"), with the queue page
  // it was on: back on that page (the browser's Back), the keyboard goes on from there, not
  // from the page's top.
  var LAST_OPENED = "factcheck-queue-last-opened";
  var PAGE_LINKS = ".queue-pages a";

  function pageAddress() {
    return window.location.pathname + window.location.search;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest &&
      event.target.closest("#queue-table a.queue-claim, " + PAGE_LINKS);
    if (link) {
      try {
        window.sessionStorage.setItem(
          LAST_OPENED,
          JSON.stringify({ page: pageAddress(), row: link.id, rel: link.getAttribute("rel") })
        );
      } catch (error) {
        // Storage turned off: Back opens the queue with the focus at its top.
      }
    }
  });

  function cameBack() {
    var entries = window.performance && window.performance.getEntriesByType
      ? window.performance.getEntriesByType("navigation")
      : [];
    return entries.length > 0 && entries[0].type === "back_forward";
  }

  function returnToLastOpened() {
    var kept = null;
    try {
      kept = JSON.parse(window.sessionStorage.getItem(LAST_OPENED) || "null");
    } catch (error) {
      return;
    }
    if (!kept || kept.page !== pageAddress()) {
      return;
    }
    var link = kept.row ? document.getElementById(kept.row) : null;
    if (link && table() && table().contains(link)) {
      link.focus();
      link.closest("tr").scrollIntoView({ block: "nearest" });
      return;
    }
    // A page link has no id of its own (every byte of the queue page counts): "Next 50" is the
    // one with rel="next", "First page" the one without.
    var pageLinks = Array.prototype.slice.call(document.querySelectorAll(PAGE_LINKS));
    var followed = pageLinks.filter(function (candidate) {
      return (candidate.getAttribute("rel") || null) === (kept.rel || null);
    })[0];
    if (!kept.row && followed) {
      followed.focus();
      followed.scrollIntoView({ block: "nearest" });
    }
  }

  function ready() {
    updateSelection();
    if (cameBack()) {
      returnToLastOpened();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  // Back from a later page reached with htmx: htmx puts the earlier page back from its history,
  // with no page load.
  document.addEventListener("htmx:historyRestore", returnToLastOpened);
  // A page the browser kept whole (no reload) is shown again without DOMContentLoaded.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      returnToLastOpened();
    }
  });
})();
