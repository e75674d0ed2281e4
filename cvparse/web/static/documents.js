// "Mes documents": what the server rendered is the truth (a reload shows the same); this
// script follows CVs being read (and reloads the page when one is done), and deletes or
// replaces a CV after a confirmation, through the API.
(function () {
  "use strict";
  const C = window.CVPARSE;
  const t = C.t;
  const F = C.files;
  const message = document.getElementById("message");
  const list = document.getElementById("my-documents");

  function say(text, status, isError) {
    message.textContent = text;
    message.className = isError ? "error" : "";
    message.dataset.status = status;
  }

  // A CV being read: follow it; once read (or failed), the server says the rest.
  let stopped = false;
  list.querySelectorAll("li.document[data-state=processing]").forEach((item) => {
    F.follow(item.dataset.id, {
      status: (doc) => {
        if (!stopped && !F.BUSY.includes(doc.status)) { stopped = true; location.reload(); }
      },
      expired: () => {
        if (stopped) return;
        stopped = true;
        F.expired(message, t.session_expired_polling);
      },
      network: () => say(t.network_error, "network", true),
    });
  });

  // Delete, after a confirmation that says what is erased.
  const delDialog = document.getElementById("delete-dialog");
  const delError = document.getElementById("delete-error");
  let target = null;

  function open(dialog, item, prefix) {
    target = item;
    document.getElementById(prefix + "-title").textContent =
      F.fill(t[prefix + "_title"], {name: item.dataset.name});
    document.getElementById(prefix + "-profile").hidden = !item.dataset.profile;
    document.getElementById(prefix + "-error").textContent = "";
    dialog.showModal();
  }

  function failed(el, status, body) {
    if (status === 401) F.expired(el, t.session_expired);
    else if (status === 0) el.textContent = t.network_error;
    else el.textContent = F.apiError(body);
  }

  list.addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-action]");
    if (!button) return;
    const item = button.closest("li.document");
    if (button.dataset.action === "delete") open(delDialog, item, "delete");
    else open(repDialog, item, "replace");
  });

  document.getElementById("delete-cancel").addEventListener("click", () => delDialog.close());
  delDialog.addEventListener("close", () => {
    if (target && document.body.contains(target)) target.querySelector("[data-action=delete]").focus();
  });
  document.getElementById("delete-confirm").addEventListener("click", () => {
    const item = target;
    fetch("/api/v1/documents/" + encodeURIComponent(item.dataset.id), {
      method: "DELETE", credentials: "same-origin", headers: {"X-Requested-With": "cvparse"},
    }).then((r) => r.json().catch(() => null).then((body) => {
      if (!r.ok) { failed(delError, r.status, body); return; }
      target = null;
      delDialog.close();
      item.remove();
      say(F.fill(t.deleted, {name: item.dataset.name}), "deleted", false);
      document.getElementById("no-documents").hidden = list.children.length > 0;
      message.focus();
    })).catch(() => failed(delError, 0, null));
  });

  // Replace: the new file is checked in the browser, sent, and the old CV erased by the server
  // once the new one is received.
  const repDialog = document.getElementById("replace-dialog");
  const repForm = document.getElementById("replace-form");
  const repInput = document.getElementById("replace-file");
  const repError = document.getElementById("replace-error");
  const repProgress = document.getElementById("replace-progress");
  document.getElementById("replace-cancel").addEventListener("click", () => repDialog.close());
  repDialog.addEventListener("close", () => {
    repInput.value = "";
    repProgress.hidden = true;
    if (target && document.body.contains(target)) target.querySelector("[data-action=replace]").focus();
  });
  repInput.addEventListener("change", () => {
    repError.textContent = repInput.files.length ? (F.problem(repInput.files[0]) || "") : "";
  });
  repForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const file = repInput.files[0];
    const problem = F.problem(file);
    if (problem) { repError.textContent = problem; repInput.focus(); return; }
    repError.textContent = "";
    const url = "/api/v1/documents/" + encodeURIComponent(target.dataset.id) + "/replace";
    F.send(url, file, repProgress, (status, body) => {
      if (status === 202) { location.reload(); return; }
      repProgress.hidden = true;
      failed(repError, status, body);
    });
  });
})();
