// window.CVPARSE, the scripts' settings and strings, from the JSON data blocks the server writes
// in the page (<script type="application/json" data-cvparse>): data the browser never runs,
// so the Content-Security-Policy needs no inline script. Each block adds its keys; this file
// comes after every block and before the scripts that read them.
(function () {
  "use strict";
  const C = window.CVPARSE = {};
  document.querySelectorAll('script[type="application/json"][data-cvparse]').forEach((node) => {
    Object.assign(C, JSON.parse(node.textContent));
  });
})();
