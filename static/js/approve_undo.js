// Approving from the keyboard (a) waits a few seconds before it publishes, with a banner whose
// Undo button (or the u key) calls it off: one stray keystroke cannot publish a verdict.
// Nothing is sent until the time is up; leaving the page before then sends it at once, and
// signing out before then sends it first and signs out once it is in.
(function () {
  "use strict";

  var DELAY_SECONDS = 5;
  var pending = null;

  function banner() {
    var existing = document.getElementById("approve-undo");
    if (existing) {
      return existing;
    }
    var box = document.createElement("div");
    box.id = "approve-undo";
    box.className = "undo-banner";
    var text = document.createElement("span");
    text.className = "undo-banner-text";
    var undo = document.createElement("button");
    undo.type = "button";
    undo.className = "button button-small undo-banner-button";
    undo.textContent = "Undo";
    undo.setAttribute("aria-keyshortcuts", "u");
    undo.addEventListener("click", cancel);
    box.appendChild(text);
    box.appendChild(undo);
    box.hidden = true;
    document.body.appendChild(box);
    return box;
  }

  // The banner is no live region: its countdown changes every second. What it says is said once
  // by the page's live region (workbench.js), the countdown's seconds only as it starts.
  function say(words, offerUndo, unsaid) {
    var box = banner();
    box.querySelector(".undo-banner-text").textContent = words;
    box.querySelector(".undo-banner-button").hidden = !offerUndo;
    box.hidden = false;
    var region = document.getElementById("page-said");
    if (region && !unsaid) {
      region.textContent = "";
      window.setTimeout(function () {
        region.textContent = words;
      }, 50);
    }
  }

  function hideLater() {
    var box = banner();
    window.setTimeout(function () {
      if (!pending) {
        box.hidden = true;
      }
    }, 4000);
  }

  // The claim an approval is for, by the id its address carries ("claim 27").
  // The claim as its panel numbers it ("claim 9", the ninth of the article's claims), never by
  // its id, which names another sentence of the same article.
  function claimWords(job) {
    return job.name || "this claim";
  }

  // `tick`: the next second of a countdown already said.
  function countdown(tick) {
    var note = pending.note ? " " + pending.note : "";
    say(
      "Publishing the verdict on " + claimWords(pending) + " in " + pending.left + " s." + note,
      true,
      tick
    );
  }

  // The Undo button goes with the countdown: the focus goes back to where it was when a was
  // pressed, or to the Approve button, not to the page's start.
  function refocus(job) {
    var back = [job.from, job.button].filter(function (element) {
      return element && element !== document.body && element.isConnected && !element.disabled;
    })[0];
    if (back) {
      back.focus();
    }
  }

  function cancel() {
    if (!pending) {
      return;
    }
    var job = pending;
    window.clearInterval(job.timer);
    pending = null;
    say("Not published: the verdict on " + claimWords(job) + " is still waiting for review.", false);
    refocus(job);
    hideLater();
  }

  // The approval waiting to be sent, its countdown stopped: it is sent now.
  function take() {
    var job = pending;
    window.clearInterval(job.timer);
    pending = null;
    return job;
  }

  // Send the approval: through the panel's own form when the claim is still open there (the
  // panel and the article update as after a click), otherwise in the background.
  function send(keepalive) {
    var job = take();
    // The text marks the claim moved on to at once, before its panel arrives: a panel still
    // showing the approved claim's form is on its way out then.
    var stillOpen = openClaimId() === job.claimId;
    var form = stillOpen && document.querySelector(
      '#claim-panel form.approve-form[action="' + job.action + '"]'
    );
    var button = form && form.querySelector("[data-approve]");
    if (button && !keepalive) {
      // The panel answers for itself: published, or the reason it was not.
      banner().hidden = true;
      button.click();
      return;
    }
    sendInBackground(job, keepalive, !keepalive);
  }

  // Posts the approval and says how it went (with `unsent` after the words when it was not
  // published); the promise holds whether it was.
  function sendInBackground(job, keepalive, redraw, unsent) {
    var after = unsent ? " " + unsent : "";
    return fetch(job.action, {
      method: "POST",
      body: job.body,
      credentials: "same-origin",
      redirect: "manual",
      keepalive: Boolean(keepalive),
      // Asked as htmx asks, the answer carries the pieces of the article page that change.
      headers: { "X-CSRFToken": job.token, "HX-Request": "true" },
    })
      .then(function (response) {
        var done = response.type === "opaqueredirect" || response.ok;
        var which = claimWords(job);
        say(
          done
            ? "Published the verdict on " + which + "."
            : "Not published: open " + which + " to see why." + after,
          false
        );
        hideLater();
        if (response.ok && redraw) {
          return response.text().then(redrawArticle).then(function () {
            return done;
          });
        }
        return done;
      })
      .catch(function () {
        say(
          "Not published: the server could not be reached for " + claimWords(job) + ". Try again." +
            after,
          false
        );
        hideLater();
        return false;
      });
  }

  // The reviewer has moved on to another claim: the approved one's place in the text, the
  // progress bar, the ranked list and the inbox count are redrawn from the answer's out-of-band
  // pieces, those whose place is on this page; the panel and its status line stay the other
  // claim's.
  var REDRAWN = /^(claim-\d+|article-progress|ranked-claims|ranked-\d+|inbox-link)$/;

  function redrawArticle(html) {
    if (!window.htmx) {
      return;
    }
    var answer = new DOMParser().parseFromString(html, "text/html");
    var pieces = Array.prototype.filter.call(
      answer.querySelectorAll("[hx-swap-oob]"),
      function (piece) {
        return REDRAWN.test(piece.id) && document.getElementById(piece.id);
      }
    );
    if (!pieces.length) {
      return;
    }
    // The answer marks the approved claim as the one open; the one open is still the other.
    var open = openUnit();
    var kept = pieces.map(function (piece) {
      piece.removeAttribute("aria-current");
      piece.querySelectorAll('[aria-current="true"]').forEach(function (marked) {
        marked.removeAttribute("aria-current");
      });
      return piece.outerHTML;
    });
    window.htmx.swap(document.body, kept.join(""), { swapStyle: "none" });
    var link = open && document.querySelector(
      '.ranked-claim[data-select-claim="' + open.dataset.claimId + '"]'
    );
    if (link) {
      link.setAttribute("aria-current", "true");
    }
  }

  function openUnit() {
    return document.querySelector('#article-text .unit[aria-current="true"]');
  }

  // The panel's own claim page has no text: there the claim open never changes.
  function openClaimId() {
    var unit = openUnit();
    return unit ? unit.dataset.claimId : null;
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (error) {
      return "";
    }
  }

  window.factcheckApproveLater = function (button) {
    var form = button.form;
    if (pending) {
      // One approval waits at a time: a second is not taken, and the banner says so rather
      // than later say "Published" beside a claim still in review.
      if (pending.action !== form.getAttribute("action")) {
        var other = claimWords({ name: form.getAttribute("data-claim-name") });
        pending.note =
          other.charAt(0).toUpperCase() + other.slice(1) +
          " was not approved: approve it again once this one is published, or press u to stop" +
          " this one.";
        countdown();
      }
      return;
    }
    pending = {
      action: form.getAttribute("action"),
      name: form.getAttribute("data-claim-name"),
      body: new FormData(form),
      token: csrfToken(),
      left: DELAY_SECONDS,
      timer: null,
      from: document.activeElement,
      button: button,
      claimId: openClaimId(),
    };
    pending.timer = window.setInterval(function () {
      pending.left -= 1;
      if (pending.left <= 0) {
        send(false);
      } else {
        countdown(true);
      }
    }, 1000);
    countdown();
    banner().querySelector(".undo-banner-button").focus();
  };

  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    var key = window.factcheckShortcutKey(event);
    if (pending && !typing && key === "u" && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      cancel();
    }
  });

  // Signing out ends the session, after which the approval could no longer be sent (leaving
  // the page sends it, but only once the sign-out has been answered): signing out while one
  // waits sends it first and signs out once it is published. If it is not, the page stays,
  // still signed in, and the banner says so; Sign out again then signs out.
  var signingOut = false;

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form.matches || !form.matches("[data-sign-out]") || !(pending || signingOut)) {
        return;
      }
      // Caught on the way down, before anything else acts on the sign-out (workbench.js
      // forgets the kept drafts): it is sent again once the approval is in.
      event.preventDefault();
      event.stopImmediatePropagation();
      if (signingOut) {
        return; // already waiting for the approval's answer
      }
      signingOut = true;
      say("Publishing the verdict on " + claimWords(pending) + " before signing out…", false);
      var unsent = "You are still signed in.";
      sendInBackground(take(), false, false, unsent).then(function (published) {
        signingOut = false;
        if (published) {
          form.requestSubmit();
        }
      });
    },
    true
  );

  // An approval sent as the page closes is answered after it is gone: the next page asks
  // whether the verdict was published, and says so when it was not (a change landed while the
  // countdown ran, and the approval was refused).
  var SENT_ON_LEAVING = "factcheck-approval-sent-on-leaving";

  window.addEventListener("pagehide", function () {
    if (pending) {
      try {
        window.sessionStorage.setItem(
          SENT_ON_LEAVING,
          JSON.stringify({
            claimId: pending.claimId,
            name: pending.name,
            version: String(pending.body.get("expected_version")),
            at: Date.now(),
          })
        );
      } catch (error) {
        // Storage turned off: the approval is still sent, only not followed up.
      }
      send(true);
    }
  });

  function sentOnLeaving() {
    var note = null;
    try {
      note = JSON.parse(window.sessionStorage.getItem(SENT_ON_LEAVING) || "null");
      window.sessionStorage.removeItem(SENT_ON_LEAVING);
    } catch (error) {
      note = null;
    }
    return note && note.claimId && Date.now() - note.at < 10 * 60 * 1000 ? note : null;
  }

  function followUp(note, triesLeft) {
    fetch("/claims/" + encodeURIComponent(note.claimId) + ".json", { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        var claim = answer && answer.claim ? answer.claim : null;
        var status = claim ? claim.status : null;
        // Refused: the claim changed since the approval's version and is still not published.
        // Still at that version, the approval may be on its way (queued behind a long import).
        var changed = claim && String(claim.version) !== note.version;
        if (status === "in_review" && !changed && triesLeft > 0) {
          window.setTimeout(function () {
            followUp(note, triesLeft - 1);
          }, 1500);
          return;
        }
        if (status && status !== "published") {
          say(
            changed
              ? "Not published: the approval of the verdict on " + claimWords(note) +
                  ", sent as you left the page, was refused (it changed meanwhile). Open it to see why."
              : "The approval of the verdict on " + claimWords(note) +
                  ", sent as you left the page, has not been published yet. Open it to see where it stands.",
            false
          );
          var text = banner().querySelector(".undo-banner-text");
          var link = document.createElement("a");
          link.href = "/claims/" + encodeURIComponent(note.claimId);
          link.textContent = "Open " + claimWords(note);
          text.append(" ", link);
        }
      })
      .catch(function () {
        // The server cannot be reached: the page's own notices say so.
      });
  }

  var left = sentOnLeaving();
  if (left) {
    window.setTimeout(function () {
      followUp(left, 20);
    }, 800);
  }
})();
