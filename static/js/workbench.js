// factcheck workbench: claim selection, keyboard shortcuts and error notices.
// Loaded with `defer` from every page; the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  var PANEL = "#claim-panel";

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

  function select(claimId) {
    var unit = document.getElementById("claim-" + claimId);
    var link = rankedLink(claimId);
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
    if (link && window.htmx) {
      window.htmx.ajax("GET", link.dataset.panelUrl, {
        source: PANEL,
        target: PANEL,
        swap: "innerHTML",
      });
      window.history.replaceState(window.history.state, "", link.getAttribute("href"));
    }
  }

  function step(direction) {
    var units = claimUnits();
    if (!units.length) {
      return;
    }
    var index = units.indexOf(currentUnit());
    var next;
    if (index < 0) {
      var selected = currentUnit();
      next = selected ? nearestClaim(units, selected, direction) : units[0];
    } else {
      next = units[Math.min(units.length - 1, Math.max(0, index + direction))];
    }
    if (next && next !== currentUnit()) {
      select(next.dataset.claimId);
    }
  }

  // From a selected non-claim, j and k go to the claims on either side of it in the text.
  function nearestClaim(units, from, direction) {
    var following = units.filter(function (unit) {
      return from.compareDocumentPosition(unit) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    if (direction > 0) {
      return following[0] || units[units.length - 1];
    }
    var preceding = units.filter(function (unit) {
      return following.indexOf(unit) < 0;
    });
    return preceding[preceding.length - 1] || units[0];
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

  function isTyping(target) {
    if (!target || !target.closest) {
      return false;
    }
    return Boolean(target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (isTyping(event.target)) {
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
    if (event.key === "j") {
      event.preventDefault();
      step(1);
    } else if (event.key === "k") {
      event.preventDefault();
      step(-1);
    }
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
      }
      return;
    }
    var trigger = event.target.closest("[data-select-claim], #article-text .unit.is-claim");
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

  function showNotice(message) {
    var notice = document.getElementById("notice");
    if (!notice) {
      return;
    }
    notice.textContent = message;
    notice.hidden = false;
  }

  function errorMessage(xhr) {
    if (xhr && xhr.responseText) {
      var parsed = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var found = parsed.querySelector("[data-error-message]");
      if (found) {
        return found.textContent.replace(/\s+/g, " ").trim();
      }
    }
    var status = xhr && xhr.status ? " (" + xhr.status + ")" : "";
    return "The server could not answer" + status + ". Reload the page and try again.";
  }

  document.addEventListener("htmx:responseError", function (event) {
    showNotice(errorMessage(event.detail.xhr));
  });

  document.addEventListener("htmx:sendError", function () {
    showNotice("The server cannot be reached. Check your connection; your work on this page is kept.");
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var notice = document.getElementById("notice");
    if (notice && event.detail.successful) {
      notice.hidden = true;
    }
  });

  function revealInitialSelection() {
    var unit = currentUnit();
    if (unit) {
      unit.scrollIntoView({ block: "center" });
      reveal(document.querySelector('.ranked-claim[aria-current="true"]'));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", revealInitialSelection);
  } else {
    revealInitialSelection();
  }
})();
