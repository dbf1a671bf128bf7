/* quizbook: each .quizbook element becomes a quiz; score() mirrors quizbook/score.py */
(function () {
"use strict";
// a mark Python calls combining (class > 0) is one NFD reorders around class 1 or 240
const moves = (s) => ("a" + s).normalize("NFD").slice(1) !== s;
const normalise = (s) => s.normalize("NFKD")
  .replace(/[^\0-\u02ff]/gu, (m) => (moves(m + "\u0334") || moves("\u0345" + m) ? "" : m))
  .toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ")
  .split(/(?:[^\S\ufeff]|[\x1c-\x1f\x85])+/).filter(Boolean).join(" ");

function lis(a) { // longest increasing subsequence
  const L = a.map(() => 1);
  a.forEach((x, i) => { for (let j = 0; j < i; j++) if (a[j] < x) L[i] = Math.max(L[i], L[j] + 1); });
  return Math.max(0, ...L);
}

const rules = { // share of the points earned, 0..1; answers encoded as score.py says
  single: (q, a) => +!!q.choices[a].correct,
  multiple: (q, a, c = q.choices) => Math.max(0,
    [...new Set(a)].reduce((s, i) => s + (c[i].correct ? 1 : -1), 0) / c.filter((x) => x.correct).length),
  truefalse: (q, a) => +(a === q.answer),
  numeric(q, a) {
    const d = q.tolerance || 0, [lo, hi] = q.range || [q.answer - d, q.answer + d];
    const e = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
    return +(lo - e <= a && a <= hi + e);
  },
  text: (q, a) => +q.accepted.some((s) => normalise(s) === normalise(a)),
  ordering: (q, a) => (lis(a) > 1 ? lis(a) / a.length : 0),
  matching: (q, a) => a.filter((r, i) => r === i).length / a.length,
};
const score = (q, a) => (a == null ? 0 : rules[q.type](q, a));

function parseNumber(s) { // "0,5" is 0.5; "1,961.5" is not a number
  s = s.trim().replace(/^\u2212/, "-");
  if (!s.includes(".")) s = s.replace(",", ".");
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? +s : null;
}

const fmt = (x) => String(+x.toFixed(2));
const pts = (x) => fmt(x) + (x === 1 ? " point" : " points");
const all = (el, sel) => [...el.querySelectorAll(sel)];
const has = (a, v) => a != null && [].concat(a).map(String).includes(v);
const get = (k) => { try { return localStorage.getItem(k); } catch (e) { return null; } };
const put = (k, v) => { try { localStorage[v ? "setItem" : "removeItem"](k, v); } catch (e) { /**/ } };

function setup(root) {
  const one = (sel, el = root) => el.querySelector(sel);
  const say = (sel, text, el) => { one(sel, el).textContent = text; };
  const D = JSON.parse(one(".qb-data").textContent), K = `quizbook:${D.quiz}:${D.hash}`;
  const fields = all(root, ".qb-q"), who = one(".qb-student"), reset = one(".qb-reset");
  const Q = fields.map((el, i) => Object.assign({ el, id: el.dataset.qbQ, type: el.dataset.qbType, points: 1 }, D.questions[i]));
  const find = (el) => Q[fields.indexOf(el.closest(".qb-q"))];
  const save = () => put(K, JSON.stringify(S));
  let S, armed;
  try { S = JSON.parse(get(K)); } catch (e) { /* start afresh */ }
  S = Object.assign({ a: {}, c: {} }, S);

  function read({ type: t, el, moved }) { // the answer shown, or null
    const v = (one("input", el) || {}).value, m = all(el, "select").map((s) => s.value);
    const on = all(el, "input:checked").map((c) => c.value);
    if (t === "numeric") return parseNumber(v);
    if (t === "text") return v.trim() ? v : null;
    if (t === "ordering") return moved ? all(el, "li").map((li) => +li.dataset.qbItem) : null;
    if (t === "matching") return m.join("") ? m.map((x) => (x ? +x : null)) : null;
    return !on.length ? null : t === "multiple" ? on.map(Number).sort((x, y) => x - y) : JSON.parse(on[0]);
  }

  function write(q, a) {
    const ol = one("ol", q.el);
    if (ol) for (const i of (q.moved = a != null) ? a : q.start) ol.append(one(`[data-qb-item="${i}"]`, ol));
    all(q.el, "select").forEach((s, i) => { s.value = a && a[i] != null ? a[i] : ""; });
    for (const c of all(q.el, "input")) c.type === "text" ? (c.value = a == null ? "" : a) : (c.checked = has(a, c.value));
  }

  function show(q) {
    const c = S.c[q.id], el = q.el, fb = one(".qb-feedback", el), ex = one(".qb-explanation", el);
    const f = c && score(q, c.a), left = D.attempts - (c ? c.n : 0);
    if (!fb) return;
    fb.className = "qb-feedback" + (c ? (f >= 1 ? " qb-ok" : f ? " qb-part" : " qb-no") : "");
    say(".qb-verdict", !c ? "" : f >= 1 ? "Correct." : f ? `Partly right: ${fmt(q.points * f)} of ${pts(q.points)}.` : "Not quite.", fb);
    for (const x of all(fb, "[data-qb-choice]")) x.hidden = !has(c && c.a, x.dataset.qbChoice);
    if (ex) ex.hidden = !c;
    if (D.attempts) say(".qb-left", left ? `${left} check${left > 1 ? "s" : ""} left.` : "No checks left.", el);
    el.disabled = D.attempts && !left;
  }

  function total() {
    const s = Q.reduce((s, q) => s + (S.c[q.id] ? q.points * score(q, S.c[q.id].a) : 0), 0);
    if (one(".qb-score")) say(".qb-score", `Score: ${fmt(s)} of ${pts(D.total)}`);
  }

  function check(q) {
    q.moved = true; // an ordering counts as answered once checked
    const a = read(q), n = S.c[q.id] ? S.c[q.id].n : 0;
    if (a == null) return say(".qb-verdict", q.type === "numeric" ? "Type a number, such as 1961 or 2.5." : "Answer the question first.", q.el);
    S.c[q.id] = { n: n + 1, a: (S.a[q.id] = a) };
    save();
    show(q);
    total();
  }

  function move(q, b) {
    const li = b.closest("li"), ol = li.parentNode, up = b.className === "qb-up";
    const next = up ? li.previousElementSibling : li.nextElementSibling;
    if (next) { // move the neighbour, so that focus stays on b
      up ? li.after(next) : li.before(next);
      q.moved = true;
      S.a[q.id] = read(q);
      save();
    }
    say(".qb-moved", `${one(".qb-item", li).textContent}: position ${[...ol.children].indexOf(li) + 1} of ${ol.children.length}.`, q.el);
  }

  function download() {
    const link = document.createElement("a"), r = {
      format: "quizbook-response/1", quiz: D.quiz, quiz_hash: D.hash, student: who.value.trim(),
      saved: new Date().toISOString().slice(0, 19) + "Z", answers: {},
    };
    for (const q of Q) if (read(q) != null) r.answers[q.id] = read(q);
    link.href = URL.createObjectURL(new Blob([JSON.stringify(r, null, 2)], { type: "application/json" }));
    link.download = D.quiz + "-response.json";
    root.append(link), link.click(), link.remove();
    say(".qb-status", `Downloaded ${link.download}.`);
  }

  function arm(on) { // Start again needs a second press
    armed = on;
    reset.textContent = on ? "Yes, clear all my answers" : "Start again";
    say(".qb-status", on ? "Press the button again to clear all your answers." : "");
  }

  for (const q of Q) {
    const box = one(".qb-choices", q.el);
    q.start = all(q.el, "li").map((li) => +li.dataset.qbItem);
    if (D.shuffle && box && q.type !== "truefalse") {
      [...box.children].map((x) => [Math.random(), x]).sort((x, y) => x[0] - y[0]).forEach((x) => box.append(x[1]));
    }
    if (S.a[q.id] != null) write(q, S.a[q.id]);
    show(q);
  }
  total();
  who.value = get("quizbook:student") || "";

  root.addEventListener("input", (e) => {
    const q = find(e.target);
    if (!q) return put("quizbook:student", who.value);
    S.a[q.id] = read(q);
    save();
  });
  root.addEventListener("click", (e) => {
    const b = e.target.closest("button"), k = b && b.className, q = b && find(b);
    if (k === "qb-check") check(q);
    if (k === "qb-up" || k === "qb-down") move(q, b);
    if (k === "qb-download") download();
    if (k !== "qb-reset") return;
    if (!armed) return arm(1);
    arm(0);
    S = { a: {}, c: {} };
    put(K);
    for (const q of Q) write(q, null), show(q);
    total();
    say(".qb-status", "All answers cleared.");
  });
  reset.addEventListener("blur", () => armed && arm(0));
}

if (typeof document === "object") {
  const init = () => all(document, ".quizbook").forEach((el) => el.qb || setup((el.qb = el)));
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", init) : init();
}
if (typeof module === "object") module.exports = { score, normalise, parseNumber };
})();
