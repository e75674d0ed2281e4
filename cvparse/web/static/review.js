// Review page: the CV (page images, or its text) beside the draft; one decision per field (no
// "confirm all"), fast from the keyboard. Decisions go through a queue sent one at a time with
// the review's current version, so a burst of keys on a slow network loses nothing and keeps
// its order; a colleague's change to the same field is shown and the advisor chooses.
// Personal data arrives masked; revealing it is an explicit, audited request.
(function () {
  "use strict";
  const t = window.CVPARSE.t;
  const lang = window.CVPARSE.lang;
  const locale = lang === "en" ? "en-GB" : "fr-FR";
  const root = document.querySelector(".review");
  const docId = root.dataset.document;
  const api = "/api/v1/documents/" + docId;
  const $ = (id) => document.getElementById(id);
  const status = $("review-status");
  const groups = $("groups");
  const cvText = $("cv-text");
  const cvImages = $("cv-images");
  const GROUPS = ["metier", "appellation", "savoir-faire", "savoir-etre", "savoir", "macro",
                  "diploma", "language", "licence", "experience"];
  const REF_KINDS = ["metier", "appellation", "competence"];
  const FACT_KINDS = ["diploma", "licence"];

  let draft = null, review = null, profile = null, vocab = null;
  const people = {};
  let cv = null, cvOpen = null, revealed = false, showText = false;
  let focused = [];  // ids whose evidence is shown
  const queue = [];  // decisions not yet acknowledged, in the order they were made
  let sending = false, offline = false, conflictOp = null, retryDelay = 500, tempIds = 0;
  const idleWaiters = [];

  // ------------------------------------------------------------------ helpers

  function fmt(key, vars) {
    return (t[key] || key).replace(/\{(\w+)\}/g, (_, k) => (vars && k in vars ? vars[k] : ""));
  }

  function plural(base, n) {
    const one = lang === "en" ? n === 1 : n <= 1;
    return fmt(base + (one ? "_one" : "_other"), {n: n});
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function call(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: {"X-Requested-With": "cvparse", "Content-Type": "application/json"},
      body: body ? JSON.stringify(body) : undefined,
    }).then((r) => r.json().then(
      (data) => ({ok: r.ok, status: r.status, data: data}),
      () => ({ok: false, status: r.status, data: {}})));
  }

  function say(text, isError) {
    status.textContent = text || "";
    status.className = isError ? "error" : "";
  }

  function errorOf(data) {
    return data && data.error ? data.error : null;
  }

  function errorText(data) {
    const e = errorOf(data);
    return e ? (e.message[lang] || e.message.fr) : "?";
  }

  function monthOf(iso) { return iso ? iso.slice(0, 7) : ""; }

  // The years and months an advisor may type: 1950 to a year from today, as the server checks
  // (it has the last word: its refusal comes back beside the input).
  const FIRST_YEAR = 1950, FIRST_MONTH = "1950-01";
  function lastYear() { return new Date().getFullYear() + 1; }
  function lastMonth() {
    const now = new Date();
    return lastYear() + "-" + String(now.getMonth() + 1).padStart(2, "0");
  }

  function frenchMonth(iso) {
    if (!iso) return t.today;
    const d = new Date(iso + "T00:00:00");
    return new Intl.DateTimeFormat(locale, {month: "short", year: "numeric"}).format(d);
  }

  function duration(months) {
    if (!months) return "";
    const y = Math.floor(months / 12), m = months % 12;
    return [y ? plural("duration_years", y) : "", m ? plural("duration_months", m) : ""]
      .filter(Boolean).join(" ");
  }

  function when(iso) {
    return new Intl.DateTimeFormat(locale, {dateStyle: "long", timeStyle: "short"})
      .format(new Date(iso));
  }

  function stateWord(action) {
    return t["state_" + (action || "none")];
  }

  // ------------------------------------------------------------------ the fields

  function groupOf(f) {
    return f.kind === "competence" ? (f.item_kind || "savoir-faire") : f.kind;
  }

  function added() {
    const saved = Object.values(review.decisions).filter((d) => d.action === "add")
      .map((d) => d.value);
    const waiting = queue.filter((op) => op.type === "add").map((op) => op.preview);
    return saved.concat(waiting);
  }

  function allFields() { return draft.fields.concat(added()); }

  function fieldById(id) { return allFields().find((f) => f.id === id) || null; }

  // The decision as the advisor sees it: the last one waiting in the queue, else the saved one.
  function decisionOf(id) {
    for (let i = queue.length - 1; i >= 0; i--) {
      const op = queue[i];
      if (op.type === "decide" && op.fieldId === id) {
        return op.body.action === "undo" ? null
          : {action: op.body.action, value: op.preview, pending: true};
      }
    }
    const d = review.decisions[id];
    return d ? Object.assign({pending: false}, d) : null;
  }

  function shown(f) {
    const d = decisionOf(f.id);
    return d && d.value ? Object.assign({}, f, d.value) : f;
  }

  function isDecided(f) { return f.status === "added" || decisionOf(f.id) !== null; }

  function overlaps(a, b) {
    return (a.evidence || []).some((x) => (b.evidence || []).some(
      (y) => x.start < y.end && y.start < x.end));
  }

  // One card per passage: a savoir read from the same words as a diploma or a licence
  // ("Diplôme d'État d'aide-soignant", "AFGSU niveau 2") is that fact's second reading.
  function cards() {
    const fields = allFields();
    const facts = fields.filter((f) => FACT_KINDS.includes(f.kind) && f.status !== "added");
    const second = {};
    fields.forEach((f) => {
      if (f.kind !== "competence" || f.item_kind !== "savoir" || f.status === "added") return;
      const fact = facts.find((x) => overlaps(x, f));
      if (fact) (second[fact.id] = second[fact.id] || []).push(f);
    });
    const taken = new Set(Object.values(second).flat().map((f) => f.id));
    return fields.filter((f) => !taken.has(f.id))
      .map((f, order) => ({group: groupOf(f), order: order, fields: [f].concat(second[f.id] || [])}));
  }

  function confidenceBand(c) { return c >= 0.8 ? "high" : c >= 0.5 ? "medium" : "low"; }

  function codeText(f) {
    if (f.kind === "language") return f.code ? f.code : "";
    if (f.kind === "diploma") return f.code && f.code !== f.label ? f.code : "";
    return f.code && f.code !== f.label ? f.code : "";
  }

  function details(f) {
    const bits = [];
    if (f.kind === "language") bits.push(f.level ? f.level : t.level + " : " + t.level_none);
    if (f.kind === "diploma") {
      if (f.level) bits.push(fmt("level_n", {n: f.level}));
      if (f.year) bits.push(String(f.year));
    }
    if (f.kind === "experience" && f.start) {
      bits.push(frenchMonth(f.start) + " – " + frenchMonth(f.end));
      if (f.months) bits.push(duration(f.months));
    }
    return bits.join(" · ");
  }

  function progress() {
    const n = draft.fields.length;
    const x = draft.fields.filter((f) => decisionOf(f.id) !== null).length;
    $("progress").textContent = fmt("reviewed_count", {x: x, n: n});
  }

  function sync() {
    const node = $("sync");
    if (review && review.finalized) { node.textContent = ""; return; }
    node.textContent = offline ? t.sync_offline : (queue.length ? t.sync_busy : t.sync_idle);
    node.className = offline ? "error" : "";
    node.dataset.state = offline ? "offline" : (queue.length ? "busy" : "idle");
  }

  // ------------------------------------------------------------------ rendering the draft

  function render() {
    const active = document.activeElement;
    const openEditors = {};
    groups.querySelectorAll(".editor").forEach((e) => {
      openEditors[e.closest(".field").dataset.id] = e;
    });
    const activeId = active && active.closest && active.closest(".field")
      ? active.closest(".field").dataset.id : null;
    groups.replaceChildren();
    const filter = $("filter-kind").value;
    const onlyUndecided = $("only-undecided").checked;
    const byConfidence = $("sort").value === "confidence";
    const byGroup = {};
    cards().forEach((c) => { (byGroup[c.group] = byGroup[c.group] || []).push(c); });
    GROUPS.forEach((g) => {
      let list = byGroup[g];
      if (!list || (filter && filter !== g)) return;
      if (onlyUndecided && !review.finalized) {
        list = list.filter((c) => c.fields.some((f) => !isDecided(f) || f.id === activeId));
      }
      if (!list.length) return;
      if (byConfidence) {
        const key = (c) => Math.min.apply(null, c.fields.map(
          (f) => (f.status === "added" ? 2 : f.confidence)));
        list = list.slice().sort((a, b) => key(a) - key(b) || a.order - b.order);
      }
      const section = el("section", {"class": "group", "aria-labelledby": "g-" + g});
      section.append(el("h3", {id: "g-" + g}, t[g] || g));
      const ul = el("ul", {"class": "fields"});
      list.forEach((c) => ul.append(cardItem(c)));
      section.append(ul);
      groups.append(section);
    });
    Object.entries(openEditors).forEach(([id, editor]) => {
      const li = fieldNode(id);
      if (li) li.append(editor);
    });
    if (activeId && fieldNode(activeId)) {
      const again = active && document.body.contains(active) ? active : fieldNode(activeId);
      again.focus({preventScroll: true});
    }
    progress();
    sync();
  }

  function fieldNode(id) {
    return groups.querySelector('.field[data-id="' + CSS.escape(id) + '"]');
  }

  function cardItem(c) {
    if (c.fields.length === 1) return fieldItem(c.fields[0], null);
    const li = el("li", {"class": "item merged"});
    li.append(el("p", {"class": "readings-title"}, t.two_readings));
    const ul = el("ul", {"class": "readings"});
    c.fields.forEach((f, i) => ul.append(fieldItem(f, i === 0 ? t.reading_fact : t.reading_item)));
    li.append(ul);
    return li;
  }

  function fieldItem(f, caption) {
    const li = el("li", {"class": "field", tabindex: "0", "data-id": f.id, "data-kind": f.kind,
                         "data-status": f.status, "aria-describedby": "shortcuts"});
    fillField(li, f, caption);
    li.addEventListener("focus", () => showEvidence([f.id]));
    return li;
  }

  function updateField(id) {
    const li = fieldNode(id);
    const f = fieldById(id);
    if (!li || !f) { render(); return; }
    const caption = li.querySelector(".reading-caption");
    fillField(li, f, caption ? caption.textContent : null);
    progress();
    sync();
  }

  function fillField(li, f, caption) {
    const editor = li.querySelector(".editor");
    Array.from(li.childNodes).forEach((n) => { if (n !== editor) n.remove(); });
    const v = shown(f);
    // An added field shows "Ajouté", waiting while its addition (or removal) is being sent.
    const d = f.status === "added" ? {action: "add", pending: !!f.pending || !decisionOf(f.id)}
      : decisionOf(f.id);
    const readOnly = review.finalized;
    const action = d ? d.action : (readOnly ? "unreviewed" : "none");
    li.dataset.state = d ? d.action : "none";
    li.classList.toggle("pending", !!(d && d.pending));
    const band = confidenceBand(f.confidence);
    ["high", "medium", "low"].forEach((b) => li.classList.toggle("conf-" + b,
      f.status !== "added" && b === band));
    if (caption) li.append(el("p", {"class": "reading-caption"}, caption));
    const head = el("div", {"class": "field-head"});
    head.append(el("span", {"class": "label", id: "lbl-" + f.id}, v.label));
    const code = codeText(v);
    if (code) head.append(el("span", {"class": "code"}, code));
    const word = stateWord(action) + (d && d.pending ? " (" + t.state_pending + ")" : "");
    head.append(el("span", {"class": "decision " + action}, word));
    li.append(head);
    li.setAttribute("aria-label", v.label + " — " + word);
    const meta = el("div", {"class": "meta"});
    const more = details(v);
    if (more) meta.append(el("span", {"class": "details"}, more + " · "));
    if (f.status !== "added") {
      const pct = Math.round(f.confidence * 100);
      meta.append(el("span", {"class": "conf"}, t["conf_" + band] + " (" + pct + " %)"));
      const bar = el("span", {"class": "conf-bar", "aria-hidden": "true"});
      const fill = el("span");
      fill.style.width = pct + "%";  // CSSOM, not a style attribute: the CSP refuses those
      bar.append(fill);
      meta.append(bar);
    }
    li.append(meta);
    const texts = (f.evidence || []).map((e) => e.text.trim()).filter(Boolean);
    const unique = texts.filter((x, i) => texts.indexOf(x) === i);
    li.append(el("p", {"class": "evidence"}, unique.length
      ? t.evidence + " : « " + unique.slice(0, 2).join(" » · « ") + " »"
        + (unique.length > 2 ? " (+" + (unique.length - 2) + ")" : "")
      : t.no_evidence));
    if (readOnly) return;
    const buttons = el("div", {"class": "buttons"});
    const add = (action, text) => {
      const b = el("button", {type: "button", "data-action": action,
                              "aria-label": text + " : " + v.label}, text);
      b.addEventListener("click", () => { act(f, action); li.focus({preventScroll: true}); });
      buttons.append(b);
    };
    if (f.status === "added") {
      if (!f.pending) add("undo", t.remove_added);
    } else {
      add("confirm", t.confirm);
      add("reject", t.reject);
      add("edit", t.edit);
      if (d) add("undo", t.undo);
    }
    li.append(buttons);
  }

  // ------------------------------------------------------------------ decisions: the queue

  function act(f, action) {
    if (review.finalized || f.pending) return;
    if (action === "edit") { if (f.status !== "added") openEditor(f); return; }
    if (action === "undo" && !isDecided(f)) return;
    if (action !== "undo" && f.status === "added") return;
    enqueue({type: "decide", fieldId: f.id, url: api + "/fields/" + f.id,
             body: {action: action}, preview: action === "confirm" ? {} : null,
             label: shown(f).label});
  }

  function enqueue(op) {
    op.base = review.decisions[op.fieldId] || null;
    queue.push(op);
    if (op.type === "add") render(); else updateField(op.fieldId);
    pump();
  }

  function pump() {
    if (sending || conflictOp || !queue.length) {
      if (!queue.length) idleWaiters.splice(0).forEach((resolve) => resolve());
      sync();
      return;
    }
    const op = queue[0];
    sending = true;
    sync();
    call("POST", op.url, Object.assign({}, op.body, {version: review.version})).then((res) => {
      sending = false;
      if (res.status >= 502 && res.status <= 504) return retryLater();
      if (res.status === 401) return retryLater(t.review_session_expired);  // kept until signed in
      offline = false;
      retryDelay = 500;
      const error = errorOf(res.data);
      if (res.ok) {
        review = res.data;
        queue.shift();
        rebase(op);
        finish(op, true, null);
      } else if (res.status === 409 && error && error.code === "stale_version") {
        return resolveStale(op);
      } else if (res.status === 409 && error && error.code === "finalized") {
        queue.splice(0);
        say(errorText(res.data), true);
        return load();
      } else {
        queue.shift();
        finish(op, false, res.data);
      }
      pump();
    }, retryLater);
  }

  function retryLater(message) {
    sending = false;
    offline = true;
    sync();
    if (typeof message === "string") $("sync").textContent = message;
    setTimeout(pump, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 8000);
  }

  // The saved state of a field moved: later decisions on it now build on that.
  function rebase(op) {
    queue.forEach((o) => { if (o.fieldId === op.fieldId) o.base = review.decisions[o.fieldId] || null; });
  }

  function finish(op, ok, data) {
    if (op.type === "add") {
      render();
      if (op.done) op.done(ok, data);
    } else if (!fieldById(op.fieldId)) {
      render();  // an added field was removed
    } else {
      updateField(op.fieldId);
      if (op.done) op.done(ok, data);
    }
    if (!ok && data) say(errorText(data), true);
    else if (ok && status.className === "error") say("", false);
  }

  function sameDecision(a, b) {
    if (!a || !b) return !a && !b;
    return a.action === b.action && a.at === b.at && a.advisor === b.advisor;
  }

  function sameIntent(theirs, op) {
    if (op.body.action === "undo") return !theirs;
    if (!theirs || theirs.action !== op.body.action) return false;
    if (op.body.action !== "edit") return true;
    return Object.entries(op.body.edit).every(([k, v]) => {
      const have = theirs.value ? theirs.value[k] : undefined;
      return (have === undefined ? null : have) === v || String(have) === String(v);
    });
  }

  // 409: someone saved since our version. Another field: send again on the new version. The
  // same field: a real conflict, the advisor chooses.
  function resolveStale(op) {
    return call("GET", api + "/review").then((res) => {
      if (!res.ok) return retryLater();
      review = res.data.review;
      Object.assign(people, res.data.people);
      if (review.finalized) { queue.splice(0); return load(); }
      if (op.type === "add") { render(); pump(); return; }
      const theirs = review.decisions[op.fieldId] || null;
      if (sameDecision(theirs, op.base)) { render(); pump(); return; }
      if (sameIntent(theirs, op)) {
        queue.shift();
        rebase(op);
        finish(op, true, null);
        pump();
        return;
      }
      render();
      showConflict(op, theirs);
    }, retryLater);
  }

  function showConflict(op, theirs) {
    conflictOp = op;
    const who = theirs ? (people[theirs.advisor] || t.someone) : t.someone;
    const theirWord = theirs ? stateWord(theirs.action).toLowerCase() : t.conflict_undecided;
    const mine = op.body.action === "undo" ? t.conflict_undecided
      : stateWord(op.body.action).toLowerCase();
    $("conflict-text").textContent = fmt("conflict_text",
      {who: who, label: op.label, theirs: theirWord, mine: mine});
    $("conflict-keep").textContent = fmt("conflict_keep", {who: who});
    const dialog = $("conflict");
    dialog.dataset.field = op.fieldId;
    dialog.showModal();
    $("conflict-mine").focus();
  }

  function closeConflict(applyMine) {
    const op = conflictOp;
    const dialog = $("conflict");
    conflictOp = null;
    dialog.close();
    if (applyMine) {
      op.base = review.decisions[op.fieldId] || null;
    } else {
      queue.splice(queue.indexOf(op), 1);
      finish(op, false, null);
    }
    updateField(op.fieldId);
    const li = fieldNode(op.fieldId);
    if (li) li.focus();
    pump();
  }
  $("conflict-keep").addEventListener("click", () => closeConflict(false));
  $("conflict-mine").addEventListener("click", () => closeConflict(true));
  $("conflict").addEventListener("cancel", (ev) => { ev.preventDefault(); });

  function whenIdle() {
    if (!queue.length && !sending) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  // ------------------------------------------------------------------ forms (edit and add)

  // Sensitive words (health, religion, origin…) are flagged while the advisor types; the API
  // refuses to save them anyway.
  function watch(input) {
    const warning = el("p", {"class": "error", role: "alert", hidden: true});
    input.after(warning);
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        call("POST", "/api/v1/check-text", {text: input.value}).then((res) => {
          const message = res.ok && res.data.message;
          warning.hidden = !message;
          warning.textContent = message ? (message[lang] || message.fr) : "";
          input.setAttribute("aria-invalid", message ? "true" : "false");
        });
      }, 200);
    });
    return input;
  }

  function searchInto(input, datalist, kind) {
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (input.value.length < 2 || /\[[^\]]+\]$/.test(input.value)) return;
        const url = "/api/v1/referential/search?limit=15&q=" + encodeURIComponent(input.value) +
          "&kind=" + kind;
        call("GET", url).then((res) => {
          datalist.replaceChildren();
          (res.ok ? res.data : []).forEach((e) => datalist.append(el("option",
            {value: e.label + " [" + e.code + "]"})));
        });
      }, 150);
    });
  }

  function codeOf(text) {
    const m = /\[([^\]]+)\]\s*$/.exec(text || "");
    return m ? m[1] : null;
  }

  function labelOf(text) { return (text || "").replace(/\s*\[[^\]]+\]\s*$/, ""); }

  function select(id, choices, value) {
    const s = el("select", {id: id});
    choices.forEach((c) => {
      if (c.group) {
        const g = el("optgroup", {label: c.group});
        c.options.forEach((o) => g.append(el("option", {value: o.value}, o.text)));
        s.append(g);
      } else {
        s.append(el("option", {value: c.value}, c.text));
      }
    });
    s.value = value === null || value === undefined ? "" : String(value);
    return s;
  }

  // The inputs of one kind, for an edit (`f` given) or an add: each with its label and the
  // error shown beside it. `values()` reads them, `check()` gives the errors by input name.
  function inputsFor(kind, prefix, f, searchId) {
    const box = el("div", {"class": "inputs"});
    const rows = {};
    function row(name, id, text, control, help) {
      const wrap = el("div", {"class": "row"});
      wrap.append(el("label", {"for": id}, text));
      if (help) wrap.append(el("p", {"class": "help", id: id + "-help"}, help));
      wrap.append(control);
      const err = el("p", {"class": "field-error", id: id + "-error", hidden: true});
      control.setAttribute("aria-describedby", (help ? id + "-help " : "") + id + "-error");
      wrap.append(err);
      box.append(wrap);
      rows[name] = {control: control, err: err};
      return control;
    }
    const kindName = kind === "experience" ? "appellation" : kind;
    if (REF_KINDS.includes(kind) || kind === "experience") {
      const id = searchId || prefix;
      const input = el("input", {id: id, list: prefix + "-options", autocomplete: "off",
                                 type: "text"});
      const options = el("datalist", {id: prefix + "-options"});
      searchInto(input, options, kindName);
      row("code", id, kind === "experience" ? t.job_title : t.search, input, t.search_help);
      input.after(options);
    }
    if (kind === "licence") {
      const groupsOf = {};
      vocab.licences.forEach((c) => {
        (groupsOf[c.group] = groupsOf[c.group] || []).push({value: c.code, text: c[lang] || c.fr});
      });
      const choices = [{value: "", text: t.choose_option}].concat(Object.entries(groupsOf).map(
        ([g, options]) => ({group: t["group_licence_" + g] || g, options: options})));
      row("code", prefix + "-code", t.licence_code, select(prefix + "-code", choices,
        f ? f.code : ""));
    }
    if (kind === "language") {
      const choices = [{value: "", text: t.choose_option}].concat(vocab.languages.map(
        (c) => ({value: c.code, text: (c[lang] || c.fr) + " (" + c.code + ")"})));
      row("code", prefix + "-code", t.language_name, select(prefix + "-code", choices,
        f ? f.code : ""));
      const levels = [{value: "", text: t.level_none}].concat(vocab.cefr.map(
        (l) => ({value: l, text: l})));
      row("level", prefix + "-level", t.cefr_level, select(prefix + "-level", levels,
        f ? f.level : ""));
    }
    if (kind === "diploma") {
      const label = el("input", {id: prefix + "-label", type: "text", maxlength: "200",
                                 value: f ? f.label : ""});
      row("label", prefix + "-label", t.diploma_title, label);
      watch(label);
      const types = [{value: "", text: t.choose_option}].concat(vocab.diplomas.map(
        (c) => ({value: c.code, text: c[lang] || c.fr})));
      row("code", prefix + "-code", t.diploma_type, select(prefix + "-code", types,
        f ? f.code : ""));
      const levels = [{value: "", text: t.level_none}].concat(vocab.diploma_levels.map(
        (n) => ({value: String(n), text: fmt("level_n", {n: n})})));
      row("level", prefix + "-level", t.diploma_level, select(prefix + "-level", levels,
        f ? f.level : ""));
      row("year", prefix + "-year", t.year, el("input", {id: prefix + "-year", type: "number",
        min: String(FIRST_YEAR), max: String(lastYear()), step: "1", inputmode: "numeric",
        value: f && f.year ? f.year : ""}));
    }
    if (kind === "experience") {
      row("start", prefix + "-start", t.start, el("input", {id: prefix + "-start",
        type: "month", min: FIRST_MONTH, max: lastMonth(), value: f ? monthOf(f.start) : ""}));
      const end = row("end", prefix + "-end", t.end, el("input", {id: prefix + "-end",
        type: "month", min: FIRST_MONTH, max: lastMonth(), value: f ? monthOf(f.end) : ""}));
      const wrap = el("div", {"class": "row check"});
      const ongoing = el("input", {id: prefix + "-ongoing", type: "checkbox"});
      ongoing.checked = !!(f && f.start && !f.end);
      end.disabled = ongoing.checked;
      ongoing.addEventListener("change", () => { end.disabled = ongoing.checked; });
      wrap.append(ongoing, el("label", {"for": prefix + "-ongoing"}, t.ongoing));
      box.append(wrap);
      rows.ongoing = {control: ongoing, err: null};
    }

    function values() {
      const v = {};
      const get = (name) => (rows[name] ? rows[name].control.value.trim() : "");
      if (rows.code) {
        const raw = get("code");
        v.code = REF_KINDS.includes(kind) || kind === "experience" ? codeOf(raw) : (raw || null);
        v.codeText = REF_KINDS.includes(kind) || kind === "experience" ? labelOf(raw) : null;
        v.codeRaw = raw;
      }
      if (rows.label) v.label = get("label");
      if (rows.level) v.level = get("level") || null;
      if (rows.year) v.year = get("year") ? Number(get("year")) : null;
      if (rows.start) v.start = get("start") ? get("start") + "-01" : null;
      if (rows.ongoing) v.end = rows.ongoing.control.checked || !get("end") ? null
        : get("end") + "-01";
      return v;
    }

    function check(adding) {
      const v = values(), errors = {};
      const picked = REF_KINDS.includes(kind) || kind === "experience";
      if (rows.code && picked && (v.codeRaw || REF_KINDS.includes(kind) || adding) && !v.code) {
        errors.code = t.err_pick;  // typed text that is not an entry of the list
      }
      if (rows.code && (kind === "licence" || kind === "language") && !v.code) {
        errors.code = t.err_required;
      }
      if (kind === "diploma" && (!v.label || v.label.length < 2)) errors.label = t.err_label;
      if (rows.year && rows.year.control.value.trim() &&
          (!Number.isInteger(v.year) || v.year < FIRST_YEAR || v.year > lastYear())) {
        errors.year = fmt("err_year", {max: lastYear()});
      }
      ["start", "end"].forEach((name) => {
        const month = v[name] ? v[name].slice(0, 7) : "";
        if (month && (month < FIRST_MONTH || month > lastMonth())) {
          errors[name] = fmt("err_date_range", {max: lastMonth().slice(5) + "/" + lastYear()});
        }
      });
      if (kind === "experience" && adding && !v.start) errors.start = t.err_required;
      if (kind === "experience" && v.start && v.end && v.end < v.start) errors.end = t.err_dates;
      return errors;
    }

    function show(errors) {
      Object.entries(rows).forEach(([name, r]) => {
        if (!r.err) return;
        const message = errors[name];
        r.err.hidden = !message;
        r.err.textContent = message || "";
        r.control.setAttribute("aria-invalid", message ? "true" : "false");
      });
    }

    let strict = false;
    const serverErrors = {};
    box.addEventListener("input", onChange);
    box.addEventListener("change", onChange);
    function onChange(ev) {
      Object.entries(rows).forEach(([name, r]) => {
        if (r.control === ev.target) delete serverErrors[name];
      });
      if (strict || Object.keys(serverErrors).length) {
        show(Object.assign(strict ? check(!f) : {}, serverErrors));
      }
    }

    const first = box.querySelector("input, select");
    return {
      node: box, first: first, values: values,
      validate: (adding) => {
        strict = true;
        const errors = check(adding);
        show(errors);
        const bad = Object.keys(errors)[0];
        if (bad) rows[bad].control.focus();
        return !bad;
      },
      serverError: (name, message) => {
        const target = rows[name] && rows[name].err ? name : Object.keys(rows)[0];
        serverErrors[target] = message;
        show(Object.assign(strict ? check(!f) : {}, serverErrors));
        rows[target].control.focus();
      },
      reset: () => {
        strict = false;
        Object.keys(serverErrors).forEach((k) => delete serverErrors[k]);
        Object.values(rows).forEach((r) => {
          if (r.control.type === "checkbox") r.control.checked = false;
          else r.control.value = "";
          r.control.disabled = false;
        });
        show({});
      },
    };
  }

  function editOf(f, v) {
    const edit = {}, preview = {};
    if (v.code && v.code !== f.code) {
      edit.code = v.code;
      preview.code = v.code;
      const label = codeLabel(f.kind, v.code, v.codeText);
      if (label) preview.label = label;
    }
    const title = v.label ? v.label.replace(/\s+/g, " ") : v.label;  // spacing is no change
    if (f.kind === "diploma" && title && title !== f.label) edit.label = preview.label = title;
    if ("level" in v && v.level && String(v.level) !== String(f.level || "")) {
      edit.level = f.kind === "diploma" ? Number(v.level) : v.level;
      preview.level = edit.level;
    }
    if ("year" in v && v.year && v.year !== f.year) edit.year = preview.year = v.year;
    if (f.kind === "experience") {
      if (v.start && v.start !== f.start) edit.start = preview.start = v.start;
      if ((v.end || null) !== (f.end || null)) { edit.end = v.end; preview.end = v.end; }
    }
    return {edit: edit, preview: preview};
  }

  function codeLabel(kind, code, typed) {
    if (kind === "licence") {
      const c = vocab.licences.find((x) => x.code === code);
      return c ? c.fr : code;
    }
    if (kind === "language") {
      const c = vocab.languages.find((x) => x.code === code);
      return c ? c.fr : code;
    }
    if (kind === "diploma") return null;
    return typed || null;
  }

  function openEditor(f) {
    const li = fieldNode(f.id);
    if (!li) return;
    const existing = li.querySelector(".editor");
    if (existing) { existing.querySelector("input, select").focus(); return; }
    const current = shown(f);
    const form = el("form", {"class": "editor", novalidate: true,
                             "aria-label": t.edit + " : " + current.label});
    const inputs = inputsFor(f.kind, "edit-" + f.id, current, "edit-" + f.id);
    form.append(inputs.node);
    const commentId = "comment-" + f.id;
    form.append(el("label", {"for": commentId}, t.comment));
    const comment = el("input", {id: commentId, type: "text", "class": "comment",
                                 maxlength: "2000"});
    form.append(comment);
    watch(comment);
    const buttons = el("div", {"class": "buttons"});
    const save = el("button", {type: "submit", "class": "primary"}, t.save_edit);
    const cancel = el("button", {type: "button", "class": "cancel"}, t.cancel);
    buttons.append(save, cancel);
    form.append(buttons);
    const nothing = el("p", {"class": "field-error", hidden: true, role: "alert"});
    form.append(nothing);
    function close() {
      form.remove();
      li.focus();
    }
    cancel.addEventListener("click", close);
    form.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") { ev.preventDefault(); ev.stopPropagation(); close(); }
      submitOnEnter(ev, form);
    });
    form.addEventListener("input", () => { nothing.hidden = true; });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (!inputs.validate(false)) return;
      const {edit, preview} = editOf(current, inputs.values());
      if (!Object.keys(edit).length) {
        nothing.textContent = t.err_nothing;
        nothing.hidden = false;
        return;
      }
      // Shown as edited at once, like any decision; if the server refuses it, the same box
      // comes back with what was typed and the error beside its input.
      close();
      enqueue({type: "decide", fieldId: f.id, url: api + "/fields/" + f.id,
               body: {action: "edit", edit: edit, comment: comment.value || null},
               preview: Object.assign({status: "edited"}, preview), label: current.label,
               done: (ok, data) => {
                 const error = errorOf(data);
                 const node = fieldNode(f.id);
                 if (ok || !error || !node || node.querySelector(".editor")) return;
                 node.append(form);
                 if (error.code === "no_change") {  // nothing to point at: said under the box
                   nothing.textContent = errorText(data);
                   nothing.hidden = false;
                   inputs.first.focus();
                   return;
                 }
                 const name = error.field || (error.code === "sensitive_words" ? "comment" : "code");
                 if (name === "comment") { comment.focus(); return; }
                 inputs.serverError(name, errorText(data));
               }});
    });
    li.append(form);
    inputs.first.focus();
  }

  // Enter saves from a list too, as it does from a text input (keyboard-only use).
  function submitOnEnter(ev, form) {
    if (ev.key === "Enter" && ev.target.tagName === "SELECT") {
      ev.preventDefault();
      form.requestSubmit();
    }
  }

  // The add form: its inputs follow the kind chosen.
  const addForm = $("add-form");
  const addKind = $("add-kind");
  const addComment = watch($("add-comment"));
  let addInputs = null;
  function buildAdd() {
    const kind = addKind.value;
    addInputs = inputsFor(kind, "add", null, REF_KINDS.includes(kind) || kind === "experience"
      ? "add-search" : null);
    $("add-inputs").replaceChildren(addInputs.node);
  }
  addKind.addEventListener("change", buildAdd);
  $("add-inputs").addEventListener("keydown", (ev) => submitOnEnter(ev, addForm));
  addForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (review.finalized || !addInputs.validate(true)) return;
    const kind = addKind.value;
    const v = addInputs.values();
    const body = {kind: kind, comment: addComment.value || null};
    ["code", "label", "level", "year", "start", "end"].forEach((k) => {
      if (v[k] !== undefined && v[k] !== null && v[k] !== "") body[k] = v[k];
    });
    if (kind === "diploma" && body.level) body.level = Number(body.level);
    const label = kind === "diploma" ? v.label : (codeLabel(kind, v.code, v.codeText) || v.code);
    const id = "pending-" + (++tempIds);
    const preview = Object.assign({id: id, kind: kind, label: label, status: "added",
                                   confidence: 1, evidence: [], pending: true}, body);
    enqueue({type: "add", fieldId: id, url: api + "/fields", body: body, preview: preview,
             label: label, done: (ok, data) => {
               if (ok) {
                 addInputs.reset();
                 addComment.value = "";
                 return;
               }
               const error = errorOf(data);
               if (error && error.field && error.field !== "comment") {
                 addInputs.serverError(error.field, errorText(data));
               }
             }});
  });

  // ------------------------------------------------------------------ the CV pane

  function renderCv() {
    const data = revealed ? cvOpen : cv;
    if (!data) return;
    const images = data.pages.some((p) => p.image);
    $("view-toggle").hidden = !images;
    $("view-toggle").textContent = showText ? t.show_pages : t.show_text;
    $("view-toggle").setAttribute("aria-pressed", showText ? "true" : "false");
    cvImages.hidden = !images || showText;
    cvText.hidden = images && !showText;
    $("reveal").textContent = revealed ? t.hide_personal : t.reveal;
    const counts = Object.entries(data.excluded || {});
    $("masked-note").textContent = revealed ? t.revealed_note : (counts.length
      ? fmt("masked_note", {list: counts.map(([k, n]) => (t["cat_" + k] || k) + " (" + n + ")")
        .join(", ")}) : t.masked_none);
    $("masked-note").className = revealed ? "help revealed" : "help";
    cvImages.replaceChildren();
    data.pages.forEach((page) => {
      if (!page.image) return;
      const figure = el("figure", {"class": "page-figure", "data-page": page.number});
      const canvas = el("div", {"class": "page-canvas"});
      const img = el("img", {src: page.image + (revealed ? "?reveal=true" : ""),
                             alt: fmt(revealed ? "page_alt_revealed" : "page_alt", {n: page.number}),
                             width: Math.round(page.width), height: Math.round(page.height),
                             loading: page.number <= 2 ? "eager" : "lazy"});
      canvas.append(img, el("div", {"class": "overlays"}));
      figure.append(canvas, el("figcaption", {}, fmt("page_n", {n: page.number})));
      cvImages.append(figure);
    });
    showEvidence(focused);
  }

  function pageText(page, marks) {
    const pre = el("pre", {"class": "page", "aria-label": fmt("page_n", {n: page.number})});
    const n = page.text.length;
    const cls = new Array(n).fill(0);
    page.masked.forEach(([s, e]) => {
      for (let i = Math.max(0, s - page.start); i < Math.min(n, e - page.start); i++) cls[i] |= 1;
    });
    marks.forEach((m) => {
      for (let i = Math.max(0, m.start - page.start); i < Math.min(n, m.end - page.start); i++) {
        cls[i] |= 2;
      }
    });
    let at = 0;
    while (at < n) {
      let end = at;
      while (end < n && cls[end] === cls[at]) end++;
      const text = page.text.slice(at, end);
      let node = document.createTextNode(text);
      if (cls[at] & 1) {
        const span = el("span", {"class": revealed ? "masked revealed" : "masked",
                                 title: t.masked_span});
        span.append(node);
        node = span;
      }
      if (cls[at] & 2) { const mark = el("mark", {}); mark.append(node); node = mark; }
      pre.append(node);
      at = end;
    }
    return pre;
  }

  function showEvidence(ids) {
    focused = ids;
    const data = revealed ? cvOpen : cv;
    if (!data) return;
    const fields = ids.map(fieldById).filter(Boolean);
    const marks = fields.flatMap((f) => f.evidence || []);
    cvText.replaceChildren(...data.pages.map((p) => pageText(p, marks)));
    cvImages.querySelectorAll(".overlays").forEach((o) => o.replaceChildren());
    const boxes = ids.flatMap((id) => (data.evidence || {})[id] || []);
    let first = null;
    boxes.forEach((b) => {
      const overlays = cvImages.querySelector('.page-figure[data-page="' + b.page + '"] .overlays');
      if (!overlays) return;
      const box = el("div", {"class": "evidence-box"});
      Object.assign(box.style, {left: (b.x * 100) + "%", top: (b.y * 100) + "%",
                                width: (b.w * 100) + "%", height: (b.h * 100) + "%"});
      overlays.append(box);
      first = first || box;
    });
    const target = cvImages.hidden ? cvText.querySelector("mark") : first;
    if (target) scrollPane(target);
  }

  function scrollPane(target) {
    const pane = document.querySelector(".cv");
    const paneBox = pane.getBoundingClientRect();
    const box = target.getBoundingClientRect();
    if (box.top < paneBox.top + 40 || box.bottom > paneBox.bottom - 40) {
      pane.scrollTop += box.top - paneBox.top - paneBox.height / 3;
    }
  }

  $("view-toggle").addEventListener("click", () => { showText = !showText; renderCv(); });

  const revealDialog = $("reveal-dialog");
  $("reveal").addEventListener("click", () => {
    if (revealed) { revealed = false; renderCv(); return; }
    revealDialog.showModal();
    $("reveal-cancel").focus();
  });
  $("reveal-cancel").addEventListener("click", () => revealDialog.close());
  $("reveal-ok").addEventListener("click", () => {
    revealDialog.close();
    call("GET", api + "/pages?reveal=true").then((res) => {
      if (!res.ok) { say(errorText(res.data), true); return; }
      cvOpen = res.data;
      revealed = true;
      renderCv();
      $("reveal").focus();
    });
  });

  // ------------------------------------------------------------------ saving the profile

  const dialog = $("summary");
  $("finalize").addEventListener("click", () => {
    if (review.finalized) return;
    const counts = {confirm: 0, edit: 0, reject: 0, add: 0};
    draft.fields.forEach((f) => {
      const d = decisionOf(f.id);
      if (d && d.action in counts) counts[d.action] += 1;
    });
    counts.add = added().length;
    const left = draft.fields.filter((f) => !decisionOf(f.id)).length;
    const list = $("summary-list");
    list.replaceChildren();
    [["summary_confirm", counts.confirm], ["summary_edit", counts.edit],
     ["summary_reject", counts.reject], ["summary_add", counts.add],
     ["summary_left", left]].forEach(([key, n]) => list.append(el("li", {}, plural(key, n))));
    $("summary-wait").hidden = true;
    dialog.showModal();
    $("summary-save").focus();
  });
  $("summary-cancel").addEventListener("click", () => dialog.close());
  $("summary-save").addEventListener("click", () => {
    $("summary-save").disabled = true;
    $("summary-wait").hidden = !queue.length;
    whenIdle().then(() => call("POST", api + "/finalize", {version: review.version}))
      .then((res) => {
        $("summary-save").disabled = false;
        dialog.close();
        if (!res.ok) { say(errorText(res.data), true); return load(); }
        status.dataset.profile = res.data.id;
        return load().then(() => say(t.saved, false));
      });
  });

  function renderSaved() {
    const box = $("saved");
    box.hidden = !review.finalized;
    document.body.classList.toggle("read-only", !!review.finalized);
    addForm.hidden = !!review.finalized;
    $("finalize").hidden = !!review.finalized;
    $("next-undecided").hidden = !!review.finalized;
    if (!review.finalized || !profile) return;
    status.dataset.profile = profile.id;
    $("saved-title").textContent = fmt("saved_banner", {date: when(profile.finalized_at),
      who: people[profile.advisor] || t.someone});
    const byId = {};
    allFields().forEach((f) => { byId[f.id] = f; });
    const lists = $("saved-lists");
    lists.replaceChildren();
    [["saved_fields", profile.fields.map((f) => f.label)],
     ["rejected_fields", profile.rejected.map((id) => (byId[id] || {label: id}).label)],
     ["unreviewed_fields", profile.unreviewed.map((id) => (byId[id] || {label: id}).label)]]
      .forEach(([key, labels]) => {
        lists.append(el("dt", {}, t[key] + " (" + labels.length + ")"));
        lists.append(el("dd", {"data-list": key}, labels.length ? labels.join(" · ") : t.none));
      });
  }

  // ------------------------------------------------------------------ keyboard

  function visibleFields() { return Array.from(groups.querySelectorAll(".field")); }

  function nextUndecided() {
    const items = visibleFields();
    const current = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".field") : null;
    const start = items.indexOf(current);
    for (let k = 1; k <= items.length; k++) {
      const li = items[(start + k + items.length) % items.length];
      const f = fieldById(li.dataset.id);
      if (f && !isDecided(f)) { li.focus(); return; }
    }
    const hidden = draft.fields.filter((f) => !isDecided(f)).length;
    say(hidden ? fmt("hidden_by_filter", {n: hidden}) : t.all_decided, false);
  }
  $("next-undecided").addEventListener("click", nextUndecided);

  ["filter-kind", "sort", "only-undecided"].forEach((id) => $(id).addEventListener("change", render));

  document.addEventListener("keydown", (ev) => {
    const tag = (ev.target.tagName || "").toLowerCase();
    if (["input", "select", "textarea"].includes(tag) || ev.ctrlKey || ev.metaKey || ev.altKey ||
        document.querySelector("dialog[open]") || !review) return;
    const items = visibleFields();
    const current = document.activeElement.closest ? document.activeElement.closest(".field")
      : null;
    const index = items.indexOf(current);
    const field = current ? fieldById(current.dataset.id) : null;
    const keys = {
      j: () => (items[index + 1] || items[0]).focus(),
      ArrowDown: () => (items[index + 1] || items[0]).focus(),
      k: () => (items[index - 1] || items[items.length - 1]).focus(),
      ArrowUp: () => (items[index - 1] || items[items.length - 1]).focus(),
      n: nextUndecided,
      v: () => { if (!$("view-toggle").hidden) $("view-toggle").click(); },
    };
    if (!review.finalized) {
      Object.assign(keys, {
        c: () => field && act(field, "confirm"),
        r: () => field && act(field, "reject"),
        e: () => field && act(field, "edit"),
        u: () => field && act(field, "undo"),
        a: () => (addInputs.first || addKind).focus(),
        f: () => $("finalize").click(),
      });
    }
    if (keys[ev.key] && (items.length || ["a", "f", "v"].includes(ev.key))) {
      ev.preventDefault();
      keys[ev.key]();
    }
  });

  // The CV pane and the focused card stay below the sticky bar, whatever its height.
  function barHeight() {
    document.documentElement.style.setProperty("--bar", $("bar").offsetHeight + "px");
  }
  window.addEventListener("resize", barHeight);

  // ------------------------------------------------------------------ loading

  function load() {
    // Not GET …/draft: its document record carries the uploaded file name, which often
    // carries the person's name; …/review has the draft without it.
    return Promise.all([call("GET", api + "/review"),
                        cv ? Promise.resolve({ok: true, data: cv}) : call("GET", api + "/pages"),
                        vocab ? Promise.resolve({ok: true, data: vocab})
                          : call("GET", "/api/v1/review/vocabulary")])
      .then(([r, pages, words]) => {
        if (!r.ok) { say(errorText(r.data), true); return; }
        draft = r.data.draft;
        review = r.data.review;
        profile = r.data.profile;
        Object.assign(people, r.data.people);
        if (pages.ok) cv = pages.data;
        if (words.ok) vocab = words.data;
        if (!addInputs && vocab) buildAdd();
        renderCv();
        render();
        renderSaved();
        barHeight();
        root.dataset.ready = "true";
      });
  }
  load();
})();
