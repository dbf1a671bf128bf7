/* quizbook: each .quizbook section becomes a quiz, built from its JSON island (quizbook/html.py
   says what the island holds); score() mirrors quizbook/score.py.
   The book ships this file through rjsmin, which drops comments and spaces but keeps every
   name and bracket: hence the short names and the terse style. */
(function () {
"use strict";
// a mark Python calls combining (class > 0) is one NFD reorders around class 1 or 240
const moves = s => ("a" + s).normalize("NFD").slice(1) != s;
const norm = s => s.normalize("NFKD")
  .replace(/[^\0-\u02ff]/gu, m => (moves(m + "\u0334") || moves("\u0345" + m) ? "" : m))
  .toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ").replace(/[\p{P}`\u02bb\u02bc]/gu, "")
  .split(/(?:[^\S\ufeff]|[\x1c-\x1f\x85])+/).join("");

function lis(a) { // longest increasing subsequence
  const L = a.map(() => 1);
  a.forEach((x, i) => { for (let j = 0; j < i; j++) if (a[j] < x) L[i] = Math.max(L[i], L[j] + 1); });
  return Math.max(0, ...L);
}

const rules = { // share of the points earned, 0..1; answers encoded as score.py says
  single: (q, a) => +!!q.choices[a].correct,
  multiple: (q, a, c = q.choices) => Math.max(0,
    [...new Set(a)].reduce((s, i) => s + (c[i].correct ? 1 : -1), 0) / c.filter(x => x.correct).length),
  truefalse: (q, a) => +(a === q.answer),
  numeric(q, a) {
    const d = q.tolerance || 0, [lo, hi] = q.range || [q.answer - d, q.answer + d];
    const e = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
    return +(lo - e <= a && a <= hi + e);
  },
  text: (q, a) => +q.accepted.some(s => norm(s) == norm(a)),
  ordering: (q, a) => (lis(a) > 1 ? lis(a) / a.length : 0),
  matching: (q, a) => a.filter((r, i) => r === i).length / a.length,
};
const score = (q, a) => (a == null ? 0 : rules[q.type](q, a));

function num(s) { // "0,5" is 0.5; "1,961.5" is not a number
  s = s.trim().replace(/^\u2212/, "-");
  if (!s.includes(".")) s = s.replace(",", ".");
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? +s : null;
}

// an island question (k: its scoring key, shaped as html.py says) as score() takes it;
// a question with no type is a single choice
const key = (d, k = d.k) => ({ type: (d.t ||= "single"), points: d.p || 1, answer: k, accepted: k,
  range: Array.isArray(k) && k, choices: d.c?.map((c, i) => ({ correct: has(k, i) })) });

const fmt = x => String(+x.toFixed(2)),
  pts = x => fmt(x) + (x == 1 ? " point" : " points"),
  all = (el, sel) => [...el.querySelectorAll(sel)],
  has = (a, v) => a != null && [].concat(a).map(String).includes("" + v),
  get = k => { try { return localStorage.getItem(k); } catch (e) { /* no storage */ } },
  put = (k, v) => { try { localStorage[v ? "setItem" : "removeItem"](k, v); } catch (e) { /**/ } },
  say = (el, s) => (el.textContent = s);

// a question's own random order for this browser: a generator (multiply-xorshift) seeded by
// the question id and a seed kept in storage, so that a reload shows the same order
function rng(id, k = "quizbook:seed", x = 0) {
  get(k) || put(k, "" + Math.random());
  for (const ch of (get(k) || Math.random()) + id) x = Math.imul(x ^ ch.charCodeAt(0), 2654435761);
  return () => ((x = (Math.imul(x ^ (x >>> 15), 2246822519) + 1) | 0) >>> 0) / 2 ** 32;
}

// h("tag.class", attributes, ...children): every string child becomes text, never markup
function h(tag, attrs, ...kids) {
  const [t, c] = tag.split("."), el = document.createElement(t);
  if (c) el.className = c;
  for (const a in attrs) el.setAttribute(a, attrs[a]);
  el.append(...kids);
  return el;
}
// the island's HTML strings come from quizbook.markdown only (raw HTML off): safe as markup
const md = (el, s) => ((el.innerHTML = s), el),
  text = s => md(h("template"), s).content.textContent,
  btn = (c, s, click, attrs) => Object.assign(h("button." + c, { type: "button", ...attrs }, s), { onclick: click });

function setup(root) {
  const one = (sel, el = root) => el.querySelector(sel), at = s => root.id + "-" + s,
    data = one(".qb-data"), D = JSON.parse(data.textContent), n = D.q.length,
    P = root.dataset.qbMode == "practice", A = D.a || 0, K = `quizbook:${D.i}:${D.h}`;
  let S, armed;

  // one question's fieldset, as html.py used to write it; q keeps the parts show() updates
  function build(q, i) {
    const d = q.d, t = d.t, id = s => at(d.i + "-" + s), x = D.refs?.[d.x], p = pts(q.points),
      el = q.el = h("fieldset.qb-q", { "data-qb-q": d.i, "data-qb-type": t, "aria-describedby": id("prompt") },
      h("legend", {}, `Question ${i+1} of ${n} (${p})`), md(h("div.qb-prompt", { id: id("prompt") }), d.q));
    el.oninput = () => save((S.a[q.id] = read(q)));
    if (d.c || t == "truefalse") {
      const c = (d.c || ["true", "false"]).map((s, j) => h("label.qb-choice", {},
        h("input", { type: t == "multiple" ? "checkbox" : "radio", name: at(d.i), id: id(d.c ? "c" + j : s), value: d.c ? j : s }),
        " ", d.c ? md(h("span"), s) : h("span", {}, s[0].toUpperCase() + s.slice(1))));
      // shuffle: move a random one of the first j choices to the end, for j = n … 2
      if (D.s && d.c) for (let j = c.length, r = rng(d.i); j > 1;) c.push(...c.splice(r() * j-- | 0, 1));
      el.append(h("div.qb-choices", {}, ...c));
    }
    if (t == "numeric" || t == "text") {
      el.append(h("p.qb-field", {}, h("label", { for: id("ans") }, "Your answer" + (d.u ? ` (${d.u})` : "")), " ",
        h("input.qb-answer", { type: "text", id: id("ans"), autocomplete: "off",
          ...(t == "text" ? { maxlength: 1000, spellcheck: "false" } : { inputmode: "decimal" }) })));
    }
    if (d.o) {
      const mv = e => move(q, e.target);
      el.append(h("ol.qb-order", {}, ...(q.start = d.s).map((j, s) => (s = text(d.o[j]), h("li", { "data-qb-item": j },
        md(h("span.qb-item"), d.o[j]), " ", h("span.qb-moves", {}, btn("qb-up", "Move up", mv, { "aria-label": "Move up: " + s }),
          " ", btn("qb-down", "Move down", mv, { "aria-label": "Move down: " + s })))))), h("p.qb-moved qb-vh", { "aria-live": "polite" }));
    }
    if (d.l) {
      el.append(h("div.qb-pairs", {}, ...d.l.map((l, j) => h("p.qb-pair", {}, md(h("label", { for: id("m" + j) }), l), " ",
        h("select", { id: id("m" + j) }, h("option", { value: "" }, "Choose…"),
          ...d.s.map(k => h("option", { value: k }, text(d.r[k]))))))));
    }
    if (!P) return;
    q.ex = md(h("div.qb-explanation", { hidden: "" }), d.e || "");
    x && q.ex.append(h("p.qb-reread", {}, h("a", { href: x.href || "#" + x.ref, "data-qb-ref": x.ref },
      x.t ? "Reread: " + x.t : "Reread the section")));
    q.fs = Object.entries(d.f || {}).map(([v, s]) => md(h("div.qb-fb", { "data-qb-choice": v, hidden: "" }), s));
    el.append(h("p.qb-actions", {}, btn("qb-check", "Check", () => check(q), { id: id("check") }), " ", q.left = h("span.qb-left", { id: id("left") })),
      q.fb = h("div.qb-feedback", { id: id("fb"), role: "status", "aria-live": "polite" }, q.v = h("p.qb-verdict"),
        ...q.fs, ...(d.e || x ? [q.ex] : [])));
  }

  const Q = D.q.map((d, i, q) => (build(q = { ...key(d), id: d.i, d }, i), q)), T = pts(Q.reduce((s, q) => s + q.points, 0)),
    mark = h("p.qb-score", { id: at("score"), "aria-live": "polite" }), status = h("p.qb-status", { role: "status" }),
    who = h("input.qb-student", { type: "text", id: at("student"), maxlength: 200, autocomplete: "off" }),
    reset = btn("qb-reset", "Start again", clear), save = () => put(K, JSON.stringify(S));
  data.before(...(P ? [mark] : []), ...Q.map(q => q.el), h("div.qb-tools", {},
    h("p", {}, h("label", { for: at("student") }, "Your name or student ID"), " ", who),
    h("p", {}, btn("qb-download", "Download my answers", download), " ", reset), status));

  function read({ type: t, el, moved }) { // the answer shown, or null
    const v = one("input", el)?.value, m = all(el, "select").map(s => s.value),
      on = all(el, "input:checked").map(c => c.value);
    return t == "numeric" ? num(v) : t == "text" ? (v.trim() ? v : null)
      : t == "ordering" ? (moved ? all(el, "li").map(li => +li.dataset.qbItem) : null)
      : t == "matching" ? (m.join("") ? m.map(x => (x ? +x : null)) : null)
      : !on.length ? null : t == "multiple" ? on.map(Number).sort((x, y) => x - y) : JSON.parse(on[0]);
  }

  function write(q, a) {
    const ol = one("ol", q.el);
    if (ol) for (const i of (q.moved = a != null) ? a : q.start) ol.append(one(`[data-qb-item="${i}"]`, ol));
    all(q.el, "select").forEach((s, i) => (s.value = a?.[i] ?? ""));
    for (const c of all(q.el, "input")) c.type == "text" ? (c.value = a ?? "") : (c.checked = has(a, c.value));
  }

  function show(q) {
    if (!P) return;
    const c = S.c[q.id], f = score(q, c?.a), left = A - (c?.n || 0), p = pts(q.points);
    q.fb.className = "qb-feedback" + (c ? (f >= 1 ? " qb-ok" : f ? " qb-part" : " qb-no") : "");
    say(q.v, !c ? "" : f >= 1 ? "Correct." : f ? `Partly right: ${fmt(q.points*f)} of ${p}.` : "Not quite.");
    for (const x of q.fs) x.hidden = !has(c?.a, x.dataset.qbChoice);
    q.ex.hidden = !c;
    A && say(q.left, left ? left + (left > 1 ? " checks" : " check") + " left." : "No checks left.");
    q.el.disabled = A && !left;
  }

  function total(s = 0) {
    for (const q of Q) s += q.points * score(q, S.c[q.id]?.a);
    say(mark, `Score: ${fmt(s)} of ${T}`);
  }

  function check(q) {
    q.moved = true; // an ordering counts as answered once checked
    const a = read(q);
    if (a == null) return say(q.v, q.type == "numeric" ? "Type a number, such as 1961 or 2.5." : "Answer the question first.");
    S.c[q.id] = { n: (S.c[q.id]?.n || 0) + 1, a: (S.a[q.id] = a) };
    save();
    show(q);
    total();
  }

  function move(q, b) {
    const li = b.closest("li"), ol = li.parentNode, up = b.className == "qb-up",
      next = li[(up ? "previous" : "next") + "ElementSibling"];
    if (next) { // move the neighbour, so that focus stays on b
      up ? li.after(next) : li.before(next);
      q.moved = true;
      S.a[q.id] = read(q);
      save();
    }
    const k = [...ol.children].indexOf(li) + 1; // li.firstChild is its .qb-item
    say(one(".qb-moved", q.el), `${li.firstChild.textContent}: position ${k} of ${ol.children.length}.`);
  }

  function download() {
    const r = {
      format: "quizbook-response/1", quiz: D.i, quiz_hash: D.h, student: who.value.trim(),
      saved: new Date().toISOString().slice(0, 19) + "Z", answers: {},
    }, name = D.i + "-response.json";
    for (const q of Q) if (read(q) != null) r.answers[q.id] = read(q);
    const link = h("a", { download: name,
      href: URL.createObjectURL(new Blob([JSON.stringify(r, null, 2)], { type: "application/json" })) });
    root.append(link), link.click(), link.remove();
    say(status, `Downloaded ${name}.`);
  }

  function clear() {
    if (!armed) return arm(1);
    arm(0);
    S = { a: {}, c: {} };
    put(K);
    for (const q of Q) write(q, null), show(q);
    total();
    say(status, "All answers cleared.");
  }

  function arm(on) { // Start again needs a second press
    armed = on;
    say(reset, on ? "Yes, clear all my answers" : "Start again");
    say(status, on ? "Press the button again to clear all your answers." : "");
  }

  try { S = JSON.parse(get(K)); } catch (e) { /* start afresh */ }
  S = { a: {}, c: {}, ...S };
  for (const q of Q) S.a[q.id] != null && write(q, S.a[q.id]), show(q);
  P && total();
  who.value = get("quizbook:student") || "";
  who.oninput = () => put("quizbook:student", who.value);
  reset.onblur = () => armed && arm(0);
}

if (typeof document == "object") {
  const init = () => all(document, ".quizbook").forEach(el => el.qb || setup((el.qb = el)));
  document.readyState == "loading" ? document.addEventListener("DOMContentLoaded", init) : init();
}
if (typeof module == "object") module.exports = { score, normalise: norm, parseNumber: num, key };
})();
