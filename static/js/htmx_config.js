// htmx's settings for the workbench. Deferred scripts run in order before DOMContentLoaded, when
// htmx starts, so these are in place before it reads any of them. (They lived in a meta tag on
// every page; here the browser caches them.)
// - No indicator styles, eval or script tags: the Content-Security-Policy allows no inline style
//   or script, and no hx-on attributes are used.
// - attributesToSettle leaves out htmx's default "style": carrying a style attribute over to a
//   redrawn element (a text box resized by hand has one) is an inline style the CSP refuses.
// - No history cache: private pages are not kept in localStorage.
// - A 409 (someone else changed it) and a 422 (what to fix) are drawn in place; other failures
//   are not, and workbench.js shows their message.
// tests/test_web_pages.py reads the object below as JSON.
if (window.htmx) {
  Object.assign(window.htmx.config, {
    "includeIndicatorStyles": false,
    "attributesToSettle": ["class", "width", "height"],
    "allowEval": false,
    "allowScriptTags": false,
    "historyCacheSize": 0,
    "historyRestoreAsHxRequest": false,
    "selfRequestsOnly": true,
    "responseHandling": [
      {"code": "204", "swap": false},
      {"code": "[23]..", "swap": true},
      {"code": "409", "swap": true, "error": false},
      {"code": "422", "swap": true, "error": false},
      {"code": "[45]..", "swap": false, "error": true},
      {"code": "...", "swap": false}
    ]
  });
}
