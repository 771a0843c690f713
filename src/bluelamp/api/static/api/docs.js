// Swagger UI for Bluelamp's OpenAPI schema, served from Bluelamp's own static files (the
// Content-Security-Policy allows no other origin and no inline script). "Try it out" uses the
// signed-in session, so writes carry the page's CSRF token.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var csrfToken = root.getAttribute("data-csrf-token");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
    syntaxHighlight: { activated: false },
    withCredentials: true,
    requestInterceptor: function (request) {
      var method = (request.method || "GET").toUpperCase();
      if (["GET", "HEAD", "OPTIONS", "TRACE"].indexOf(method) === -1) {
        request.headers["X-CSRFToken"] = csrfToken;
      }
      return request;
    },
  });

  // Swagger UI leaves some form controls without a name that assistive technology can read:
  // name them as they appear.
  var names = {
    "textarea.body-param__text": "Request body",
    "select.examples-select-element": "Example",
    "select.content-type": "Content type",
  };
  function nameControls() {
    Object.keys(names).forEach(function (selector) {
      root.querySelectorAll(selector).forEach(function (control) {
        if (!control.getAttribute("aria-label")) control.setAttribute("aria-label", names[selector]);
      });
    });
  }
  new MutationObserver(nameControls).observe(root, { childList: true, subtree: true });
})();
