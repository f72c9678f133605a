// @-mention completion for comment boxes: typing @ and a few letters lists matching people
// (GET /people/mentions); Up and Down move through them, Enter or Tab puts one in, Esc closes.
(function () {
  "use strict";

  var FIELD = "[data-mentions]";
  // A name in any script: "@ليل" for ليلى, "@Фат" for Фатима, "@José" (letters with their marks).
  var TYPED = /(?:^|[^\p{L}\p{M}\p{Nd}_@.])@([\p{L}\p{M}\p{Nd}_.-]{1,32})$/u;
  var asked = 0;

  function listFor(field) {
    return document.getElementById(field.getAttribute("aria-controls"));
  }

  function options(list) {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
  }

  function close(field) {
    var list = listFor(field);
    if (list) {
      list.hidden = true;
      list.textContent = "";
    }
    field.removeAttribute("aria-activedescendant");
  }

  function typedName(field) {
    var before = field.value.slice(0, field.selectionStart);
    var match = TYPED.exec(before);
    // "@rita." has ended its sentence: the name is written, nothing to suggest.
    return match && match[1].slice(-1) !== "." ? match[1] : null;
  }

  function activate(field, list, index) {
    var all = options(list);
    all.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (all[index]) {
      field.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    } else {
      field.removeAttribute("aria-activedescendant");
    }
  }

  function activeIndex(list) {
    return options(list).findIndex(function (option) {
      return option.getAttribute("aria-selected") === "true";
    });
  }

  function choose(field, option) {
    var typed = typedName(field);
    if (typed === null) {
      return close(field);
    }
    var caret = field.selectionStart;
    var start = caret - typed.length;
    var insert = option.dataset.username + " ";
    field.value = field.value.slice(0, start) + insert + field.value.slice(caret);
    field.setSelectionRange(start + insert.length, start + insert.length);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    close(field);
    field.focus();
  }

  function suggest(field) {
    var typed = typedName(field);
    var list = listFor(field);
    if (typed === null || !list) {
      return close(field);
    }
    var ticket = (asked += 1);
    var url = field.dataset.mentions + "?q=" + encodeURIComponent(typed);
    fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        if (ticket !== asked || typedName(field) !== typed) {
          return;
        }
        list.innerHTML = html;
        options(list).forEach(function (option, i) {
          option.id = list.id + "-" + i;
        });
        list.hidden = !html.trim();
        activate(field, list, options(list).length ? 0 : -1);
      })
      .catch(function () {
        close(field);
      });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(FIELD) && event.isTrusted !== false) {
      suggest(event.target);
    }
  });

  // Capture phase: the list's keys are handled before the workbench's own shortcuts see them.
  document.addEventListener(
    "keydown",
    function (event) {
      var field = event.target;
      if (!field.matches || !field.matches(FIELD)) {
        return;
      }
      var list = listFor(field);
      if (!list || list.hidden) {
        return;
      }
      var all = options(list);
      var index = activeIndex(list);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (all.length) {
          var step = event.key === "ArrowDown" ? 1 : -1;
          activate(field, list, (index + step + all.length) % all.length);
        }
      } else if ((event.key === "Enter" || event.key === "Tab") && !event.ctrlKey && all[index]) {
        choose(field, all[index]);
      } else if (event.key === "Escape") {
        close(field);
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    },
    true
  );

  document.addEventListener("mousedown", function (event) {
    var option = event.target.closest && event.target.closest(".mention-list [role=option]");
    if (!option) {
      return;
    }
    event.preventDefault();
    var list = option.closest(".mention-list");
    var field = document.querySelector('[aria-controls="' + list.id + '"]');
    if (field) {
      choose(field, option);
    }
  });

  // The list sits in the page's flow, under its box: closing it moves up what follows. A click
  // on the form's button takes the focus on the button's press, and closing then would move
  // the button from under the pointer before its release, so the click would miss it; the list
  // is closed once the pointer is released.
  var pressing = false;
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  document.addEventListener("pointerup", function () { pressing = false; }, true);

  document.addEventListener("focusout", function (event) {
    var field = event.target;
    if (!(field.matches && field.matches(FIELD))) {
      return;
    }
    if (!pressing) {
      close(field);
      return;
    }
    document.addEventListener(
      "pointerup",
      function () {
        // After the click the release makes, which lands where the button still is.
        window.setTimeout(function () {
          if (document.activeElement !== field) {
            close(field);
          }
        }, 0);
      },
      { once: true, capture: true }
    );
  });
})();
