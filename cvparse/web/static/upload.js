// Upload page: check the file in the browser (type, size) before sending it, send it with
// progress, then follow its reading live; every refusal says what to do.
(function () {
  "use strict";
  const C = window.CVPARSE;
  const t = C.t;
  const F = C.files;
  const form = document.getElementById("upload");
  const input = document.getElementById("file");
  const drop = document.getElementById("drop");
  const progress = document.getElementById("progress");
  const message = document.getElementById("message");
  const nextStep = document.getElementById("next-step");

  function say(text, status, isError) {
    message.textContent = text;
    message.className = isError ? "error" : "";
    message.dataset.status = status;
  }

  ["dragover", "dragenter"].forEach((e) => drop.addEventListener(e, (ev) => {
    ev.preventDefault(); drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((e) => drop.addEventListener(e, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    if (ev.dataTransfer.files.length) {
      input.files = ev.dataTransfer.files;
      input.dispatchEvent(new Event("change"));
    }
  });

  // Said as soon as the file is chosen, not only when it is sent.
  input.addEventListener("change", () => {
    const problem = input.files.length ? F.problem(input.files[0]) : null;
    if (problem) say(problem, "refused-browser", true);
    else say("", "", false);
  });

  function follow(id) {
    F.follow(id, {
      status: (doc) => {
        if (doc.status === "failed" || doc.status === "needs_ocr") {
          say(F.failure(doc), doc.status, true);
          nextStep.hidden = false;
        } else {
          say(t[doc.status] || doc.status, doc.status, false);
          if (doc.status === "draft_ready") nextStep.hidden = false;
        }
      },
      expired: () => { F.expired(message, t.session_expired_polling); progress.hidden = true; },
      network: () => say(t.network_error, "network", true),
    });
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const file = input.files[0];
    const problem = F.problem(file);
    if (problem) {
      say(problem, "refused-browser", true);
      input.focus();
      return;
    }
    say(t.uploading, "uploading", false);
    nextStep.hidden = true;
    F.send("/api/v1/documents", file, progress, (status, body) => {
      if (status === 202) { follow(body.id); return; }
      progress.hidden = true;
      if (status === 401) F.expired(message, t.session_expired);
      else if (status === 0) say(t.network_error, "network", true);
      else say(F.apiError(body), "refused", true);
    });
  });
})();
