// Upload page: send the file with progress, then follow its processing status live.
(function () {
  "use strict";
  const t = window.CVPARSE.t;
  const form = document.getElementById("upload");
  const input = document.getElementById("file");
  const drop = document.getElementById("drop");
  const progress = document.getElementById("progress");
  const message = document.getElementById("message");
  const lang = window.CVPARSE.lang;

  function say(text, isError) {
    message.textContent = text;
    message.className = isError ? "error" : "";
  }

  function errorText(body) {
    const error = body && body.error;
    if (!error) return t.failed;
    return error.message[lang] || error.message.fr;
  }

  ["dragover", "dragenter"].forEach((e) => drop.addEventListener(e, (ev) => {
    ev.preventDefault(); drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((e) => drop.addEventListener(e, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    if (ev.dataTransfer.files.length) { input.files = ev.dataTransfer.files; }
  });

  function follow(id) {
    fetch("/api/v1/documents/" + id, {credentials: "same-origin"})
      .then((r) => r.json())
      .then((doc) => {
        if (doc.status === "failed") {
          say(t.failed + " : " + (lang === "en" ? doc.error_message : doc.error_message), true);
        } else if (doc.status === "needs_ocr") {
          say(t.needs_ocr, true);
        } else {
          say(t[doc.status] || doc.status, false);
          if (doc.status !== "draft_ready") setTimeout(() => follow(id), 1000);
        }
        message.dataset.status = doc.status;
      });
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!input.files.length) { input.focus(); return; }
    const data = new FormData();
    data.append("file", input.files[0]);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents");
    xhr.setRequestHeader("X-Requested-With", "cvparse");
    progress.hidden = false;
    progress.value = 0;
    say(t.uploading, false);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = 100 * e.loaded / e.total; };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 202) { progress.value = 100; follow(body.id); }
      else { progress.hidden = true; say(errorText(body), true); message.dataset.status = "refused"; }
    };
    xhr.onerror = () => say(t.failed, true);
    xhr.send(data);
  });
})();
