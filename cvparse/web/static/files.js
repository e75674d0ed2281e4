// What the upload page and "Mes documents" share: checking a file before it is sent, sending
// it with progress, following a CV being read, and saying in the user's language what went
// wrong and what to do (an expired session included).
(function () {
  "use strict";
  const C = window.CVPARSE;
  const t = C.t;
  const lang = C.lang;
  const BUSY = ["queued", "processing"];

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (m, key) => (key in values ? values[key] : m));
  }

  // The same rule as cvparse.web.format.size: "1,5 Mo", "12 Mo", "512 Ko".
  function size(n) {
    const fr = lang !== "en";
    if (n >= 1024 * 1024) {
      const v = n / (1024 * 1024);
      let text = v >= 10 || v === Math.floor(v) ? String(Math.round(v)) : v.toFixed(1);
      if (fr) text = text.replace(".", ",");
      return text + (fr ? " Mo" : " MB");
    }
    return Math.max(1, Math.round(n / 1024)) + (fr ? " Ko" : " KB");
  }

  // The reason a file would be refused, said before it is sent; null when it may go.
  // The server checks the same again (size, and the type from the content).
  function problem(file) {
    if (!file) return t.no_file;
    const name = file.name;
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 ? name.slice(dot).toLowerCase() : "";
    if (C.refused.includes(ext)) return fill(t.wrong_type, {name: name});
    if (file.size === 0) return fill(t.empty_file, {name: name});
    if (file.size > C.maxBytes) {
      return fill(t.too_large, {name: name, size: size(file.size), max: C.maxText});
    }
    return null;
  }

  function apiError(body) {
    const error = body && body.error;
    if (!error || !error.message) return t.failed_generic;
    return error.message[lang] || error.message.fr;
  }

  function loginUrl() {
    return "/login?next=" + encodeURIComponent(location.pathname + location.search) +
      (lang === "en" ? "&lang=en" : "");
  }

  // Replace the element's text with a message and a link to sign in again.
  function expired(el, text) {
    el.textContent = text + " ";
    const link = document.createElement("a");
    link.href = loginUrl();
    link.id = "sign-in-again";
    link.textContent = t.sign_in_again;
    el.append(link);
    el.className = "error";
    el.dataset.status = "expired";
  }

  // The job seeker's sentence for a CV that could not be read, by its error code.
  function failure(doc) {
    const code = doc.status === "needs_ocr" ? "needs_ocr" : doc.error_code;
    return t["seeker_failed_" + code] || t.seeker_failed_other;
  }

  // Send a file (POST, multipart) with progress; calls done(status, body).
  function send(url, file, progress, done) {
    const data = new FormData();
    data.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-Requested-With", "cvparse");
    if (progress) { progress.hidden = false; progress.value = 0; }
    xhr.upload.onprogress = (e) => {
      if (progress && e.lengthComputable) progress.value = 100 * e.loaded / e.total;
    };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (progress) progress.value = 100;
      done(xhr.status, body);
    };
    xhr.onerror = () => done(0, null);
    xhr.send(data);
  }

  // Follow a document until it is no longer being read: on.status(doc) at each answer,
  // on.expired() when the session ended (401), on.network() when the service is unreachable
  // (it keeps trying, more slowly).
  function follow(id, on, delay) {
    delay = delay || 1000;
    fetch("/api/v1/documents/" + encodeURIComponent(id), {credentials: "same-origin"})
      .then((r) => {
        if (r.status === 401) { on.expired(); return null; }
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      })
      .then((doc) => {
        if (!doc) return;
        on.status(doc);
        if (BUSY.includes(doc.status)) setTimeout(() => follow(id, on, 1000), delay);
      })
      .catch(() => {
        if (on.network) on.network();
        setTimeout(() => follow(id, on, Math.min(delay * 2, 10000)), delay);
      });
  }

  C.files = {fill: fill, size: size, problem: problem, apiError: apiError, expired: expired,
             failure: failure, send: send, follow: follow, BUSY: BUSY};
})();
