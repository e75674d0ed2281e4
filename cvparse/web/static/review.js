// Review page: the CV beside the draft; one decision per field (no "confirm all"), fast with
// the keyboard: j/k move, c confirm, r reject, e edit, a add. Evidence is highlighted on focus.
(function () {
  "use strict";
  const t = window.CVPARSE.t;
  const root = document.querySelector(".review");
  const docId = root.dataset.document;
  const api = "/api/v1/documents/" + docId;
  const status = document.getElementById("review-status");
  const groups = document.getElementById("groups");
  const cvText = document.getElementById("cv-text");
  const ORDER = ["metier", "appellation", "savoir-faire", "savoir-etre", "savoir", "macro",
                 "diploma", "language", "licence", "experience", "added"];
  const CODE_KINDS = ["metier", "appellation", "competence"];
  let draft = null, review = null, pages = [], finalized = false;

  function call(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: {"X-Requested-With": "cvparse", "Content-Type": "application/json"},
      body: body ? JSON.stringify(body) : undefined,
    }).then((r) => r.json().then((data) => ({ok: r.ok, status: r.status, data: data})));
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function errorText(data) {
    return data.error ? (data.error.message[window.CVPARSE.lang] || data.error.message.fr) : "?";
  }

  function groupOf(field) {
    if (field.status === "added") return "added";
    return field.kind === "competence" ? (field.item_kind || "savoir-faire") : field.kind;
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderCv(marks) {
    cvText.replaceChildren();
    pages.forEach((page) => {
      const pre = el("pre", {"class": "page", "aria-label": "page " + page.number});
      const ranges = (marks || [])
        .map((m) => [m.start - page.start, m.end - page.start])
        .filter(([s, e]) => e > 0 && s < page.text.length)
        .sort((a, b) => a[0] - b[0]);
      let at = 0;
      ranges.forEach(([s, e]) => {
        s = Math.max(s, at); e = Math.min(e, page.text.length);
        if (s >= e) return;
        pre.append(document.createTextNode(page.text.slice(at, s)));
        pre.append(el("mark", {}, page.text.slice(s, e)));
        at = e;
      });
      pre.append(document.createTextNode(page.text.slice(at)));
      cvText.append(pre);
    });
    const first = cvText.querySelector("mark");
    if (first) first.scrollIntoView({block: "center"});
  }

  function allFields() {
    const added = Object.values(review.decisions)
      .filter((d) => d.action === "add").map((d) => d.value);
    return draft.fields.concat(added);
  }

  function render() {
    const active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".field") : null;
    const focusedId = active ? active.dataset.id : null;
    groups.replaceChildren();
    const byGroup = {};
    allFields().forEach((f) => { (byGroup[groupOf(f)] = byGroup[groupOf(f)] || []).push(f); });
    ORDER.forEach((g) => {
      if (!byGroup[g]) return;
      const section = el("section", {"class": "group", "aria-labelledby": "g-" + g});
      section.append(el("h3", {id: "g-" + g}, t[g] || g));
      const list = el("ul", {"class": "fields"});
      byGroup[g].forEach((f) => list.append(fieldItem(f)));
      section.append(list);
      groups.append(section);
    });
    if (focusedId) {
      const again = groups.querySelector('[data-id="' + focusedId + '"]');
      if (again) again.focus();
    }
  }

  function describe(f) {
    const bits = [];
    if (f.code) bits.push(f.code);
    if (f.level) bits.push(String(f.level));
    if (f.year) bits.push(String(f.year));
    if (f.start) bits.push(f.start + " → " + (f.end || "…"));
    if (f.status !== "added") bits.push(t.confidence + " " + Math.round(f.confidence * 100) + " %");
    return bits.join(" · ");
  }

  function fieldItem(f) {
    const decision = review.decisions[f.id];
    const shown = decision && decision.value ? decision.value : f;
    const li = el("li", {"class": "field", tabindex: "0", "data-id": f.id,
                         "aria-describedby": "shortcuts"});
    const label = el("span", {"class": "label"}, shown.label);
    li.append(label);
    if (decision) li.append(el("span", {"class": "decision " + decision.action},
                               t.decided + " : " + ({confirm: t.confirm, reject: t.reject,
                               edit: t.edit, add: t.add})[decision.action]));
    li.append(el("div", {"class": "meta"}, describe(shown)));
    const buttons = el("div", {"class": "buttons"});
    [["confirm", t.confirm], ["reject", t.reject], ["edit", t.edit]].forEach(([action, text]) => {
      if (f.status === "added" && action !== "reject") return;
      const b = el("button", {type: "button", "data-action": action,
                              "aria-label": text + " : " + shown.label}, text);
      b.addEventListener("click", () => act(f, action));
      buttons.append(b);
    });
    li.append(buttons);
    li.addEventListener("focus", () => renderCv(f.evidence));
    return li;
  }

  function act(f, action) {
    if (finalized) return;
    if (action === "edit") return openEditor(f);
    send(f.id, {action: action, version: review.version});
  }

  function send(fieldId, body) {
    return call("POST", api + "/fields/" + fieldId, body).then(handle);
  }

  function handle(res) {
    if (res.ok) { review = res.data; say("", false); render(); return true; }
    if (res.status === 409 && res.data.error && res.data.error.code === "stale_version") {
      say(errorText(res.data), true);
      return load().then(() => false);
    }
    say(errorText(res.data), true);
    return false;
  }

  function searchInto(input, datalist, kind) {
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (input.value.length < 2 || /\[[^\]]+\]$/.test(input.value)) return;
        const url = "/api/v1/referential/search?limit=15&q=" + encodeURIComponent(input.value) +
          (kind() ? "&kind=" + kind() : "");
        call("GET", url).then((res) => {
          datalist.replaceChildren();
          (res.data || []).forEach((e) => datalist.append(el("option",
            {value: e.label + " [" + e.code + "]"})));
        });
      }, 150);
    });
  }

  // Sensitive words (health, religion, origin…) are flagged while the advisor types; the API
  // refuses to save them anyway.
  function watch(input) {
    const warning = el("p", {"class": "error", role: "alert", hidden: ""});
    input.after(warning);
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        call("POST", "/api/v1/check-text", {text: input.value}).then((res) => {
          const message = res.ok && res.data.message;
          warning.hidden = !message;
          warning.textContent = message ? (message[window.CVPARSE.lang] || message.fr) : "";
          input.setAttribute("aria-invalid", message ? "true" : "false");
        });
      }, 200);
    });
    return input;
  }

  function commentInput(id) {
    const wrap = el("div", {});
    wrap.append(el("label", {"for": id}, t.comment));
    const input = el("input", {id: id, type: "text", "class": "comment", maxlength: "2000"});
    wrap.append(input);
    watch(input);
    return [wrap, input];
  }

  function codeOf(text) {
    const m = /\[([^\]]+)\]\s*$/.exec(text);
    return m ? m[1] : null;
  }

  function openEditor(f) {
    const li = groups.querySelector('[data-id="' + f.id + '"]');
    if (!li || li.querySelector(".editor")) return;
    const form = el("form", {"class": "editor"});
    let focusTarget;
    if (CODE_KINDS.includes(f.kind)) {
      const id = "edit-" + f.id;
      form.append(el("label", {"for": id}, t.search));
      const input = el("input", {id: id, list: id + "-options", autocomplete: "off"});
      const options = el("datalist", {id: id + "-options"});
      searchInto(input, options, () => f.kind);
      form.append(input, options);
      watch(input);
      const [wrap, comment] = commentInput("comment-" + f.id);
      form.append(wrap);
      focusTarget = input;
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        const code = codeOf(input.value);
        if (!code) { input.focus(); return; }
        send(f.id, {action: "edit", edit: {code: code}, comment: comment.value || null,
                    version: review.version});
      });
    } else {
      const id = "edit-" + f.id;
      const isExp = f.kind === "experience";
      form.append(el("label", {"for": id}, isExp ? "start" : "niveau / level"));
      const input = el("input", {id: id, type: isExp ? "date" : "text",
                                 value: isExp ? (f.start || "") : (f.level || "")});
      form.append(input);
      focusTarget = input;
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        const edit = isExp ? {start: input.value} : {level: input.value};
        send(f.id, {action: "edit", edit: edit, version: review.version});
      });
    }
    form.append(el("button", {type: "submit"}, t.edit));
    li.append(form);
    focusTarget.focus();
  }

  const addForm = document.getElementById("add-form");
  const addInput = document.getElementById("add-search");
  const addKind = document.getElementById("add-kind");
  searchInto(addInput, document.getElementById("add-options"), () => addKind.value);
  watch(addInput);
  const addComment = watch(document.getElementById("add-comment"));
  addForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const code = codeOf(addInput.value);
    if (!code || finalized) { addInput.focus(); return; }
    call("POST", api + "/fields", {kind: addKind.value, code: code,
                                   comment: addComment.value || null, version: review.version})
      .then((res) => { if (handle(res)) addInput.value = ""; });
  });

  const dialog = document.getElementById("summary");
  document.getElementById("finalize").addEventListener("click", () => {
    const counts = {confirm: 0, edit: 0, reject: 0, add: 0};
    Object.values(review.decisions).forEach((d) => { counts[d.action] += 1; });
    const left = draft.fields.filter((f) => !review.decisions[f.id]).length;
    const list = document.getElementById("summary-list");
    list.replaceChildren();
    [[counts.confirm, t.confirmed], [counts.edit, t.edited], [counts.reject, t.rejected],
     [counts.add, t.added], [left, t.left_out]].forEach(([n, text]) =>
      list.append(el("li", {}, n + " " + text)));
    dialog.showModal();
    document.getElementById("summary-save").focus();
  });
  document.getElementById("summary-cancel").addEventListener("click", () => dialog.close());
  document.getElementById("summary-save").addEventListener("click", () => {
    call("POST", api + "/finalize", {version: review.version}).then((res) => {
      dialog.close();
      if (res.ok) {
        finalized = true;
        say(t.saved + " (" + res.data.id + ")", false);
        status.dataset.profile = res.data.id;
        root.querySelectorAll("button, input, select").forEach((b) => { b.disabled = true; });
      } else { handle(res); }
    });
  });

  document.addEventListener("keydown", (ev) => {
    const tag = (ev.target.tagName || "").toLowerCase();
    if (["input", "select", "textarea"].includes(tag) || dialog.open || ev.ctrlKey ||
        ev.metaKey || ev.altKey) return;
    const items = Array.from(groups.querySelectorAll(".field"));
    const current = document.activeElement.closest ? document.activeElement.closest(".field")
      : null;
    const index = items.indexOf(current);
    const field = current ? allFields().find((f) => f.id === current.dataset.id) : null;
    if (ev.key === "j" || ev.key === "ArrowDown") {
      ev.preventDefault(); (items[index + 1] || items[0]).focus();
    } else if (ev.key === "k" || ev.key === "ArrowUp") {
      ev.preventDefault(); (items[index - 1] || items[items.length - 1]).focus();
    } else if (ev.key === "c" && field && field.status !== "added") {
      ev.preventDefault(); act(field, "confirm");
    } else if (ev.key === "r" && field) {
      ev.preventDefault(); act(field, "reject");
    } else if (ev.key === "e" && field && field.status !== "added") {
      ev.preventDefault(); act(field, "edit");
    } else if (ev.key === "a") {
      ev.preventDefault(); addInput.focus();
    } else if (ev.key === "f") {
      ev.preventDefault(); document.getElementById("finalize").click();
    }
  });

  function load() {
    return Promise.all([call("GET", api + "/draft"), call("GET", api + "/text")])
      .then(([d, text]) => {
        if (!d.ok) { say(errorText(d.data), true); return; }
        draft = d.data.draft; review = d.data.review; finalized = review.finalized;
        pages = text.ok ? text.data : [];
        renderCv([]);
        render();
        root.dataset.ready = "true";
      });
  }
  load();
})();
