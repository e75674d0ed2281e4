// Starts Swagger UI on /docs. FastAPI's own docs page does this in an inline script, which
// the Content-Security-Policy forbids (cvparse.api.security_headers); this file is served from
// the same origin instead. The schema's address comes from the page (it follows root_path).
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapi,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,  // never sends the schema to a public validator
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
