/* quizbook: every .quizbook section of a page becomes a quiz, built from its JSON island
   (quizbook/html.py lists what the island holds).

   Each question type is one entry of TYPES, the twin of its class in quizbook/model.py
   (answer shape, score, parts) and in quizbook/html.py (island keys); the vectors in
   tests/vectors/ keep Python and this file in step. The words come from
   quizbook/wording.py, written into WORDING when the book ships this file minified
   (quizbook/assets.py; `make assets` after a change here). */
(function () {
"use strict";

const WORDING = {};

// -- words -------------------------------------------------------------------------------------

/** A wording template as a list of its text and its values (which may be DOM nodes). */
function sayParts(name, values = {}) {
  return WORDING[name].split(/\{(\w+)\}/).map((part, i) => (i % 2 ? values[part] : part));
}

const say = (name, values) => sayParts(name, values).join("");

/** A text about n things, in the singular for exactly one (the table's name + "_one"). */
const counted = (name, n, shown = n) =>
  say(n == 1 && WORDING[name + "_one"] ? name + "_one" : name, { n: shown });

/** Points as both faces show them: at most two decimals, no trailing zeros. */
const pointsNumber = x => String(+x.toFixed(2));
const pointsPhrase = x => counted("points", x, pointsNumber(x));

// -- typed answers, as quizbook/typed.py reads them ----------------------------------------------

/** Whether NFD moves a mark: Python drops every mark of combining class above 0, and NFD
    reorders exactly those around the marks of class 1 and 240. */
const reorders = text => ("a" + text).normalize("NFD").slice(1) != text;
const isCombining = mark => reorders(mark + "\u0334") || reorders("\u0345" + mark);

/** Fold case and diacritics, drop spaces and punctuation: "Crème brûlée." is "cremebrulee". */
function normalise(text) {
  return text.normalize("NFKD")
    .replace(/[^\0-\u02ff]/gu, mark => (isCombining(mark) ? "" : mark))
    .toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ")
    .replace(/[\p{P}`\u02bb\u02bc]/gu, "")
    .split(/(?:[^\S\ufeff]|[\x1c-\x1f\x85])+/).join("");
}

/** A typed number, or null: "0,5" is 0.5 (a comma is the point where there is none), and
    "1,961.5" is not a number. */
function parseNumber(typed) {
  let text = typed.trim().replace(/^\u2212/, "-");
  if (!text.includes(".")) text = text.replace(",", ".");
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : null;
  return Number.isFinite(value) ? value : null;
}

// -- scoring rules, as quizbook/score.py writes them ---------------------------------------------

const allOrNothing = right => (right ? 1 : 0);

/** (right picks - wrong picks) / number of right choices, floored at 0. */
function netCorrect(picked, correct) {
  const unique = [...new Set(picked)];
  const right = unique.filter(i => correct.includes(i)).length;
  return Math.max(0, (2 * right - unique.length) / correct.length);
}

/** Positions of the longest increasing run of `order` that score.py picks: for each position
    the first predecessor that gives the longest run to it; the run that ends first. */
function longestOrderedRun(order) {
  const length = order.map(() => 1), before = order.map(() => -1), run = [];
  order.forEach((value, i) => {
    for (let j = 0; j < i; j++) {
      if (order[j] < value && length[j] >= length[i]) [length[i], before[i]] = [length[j] + 1, j];
    }
  });
  for (let at = length.indexOf(Math.max(...length)); at >= 0; at = before[at]) run.unshift(at);
  return run;
}

// -- the page ------------------------------------------------------------------------------------

/** element("tag.class", attributes, ...children): a string child becomes text, never markup. */
function element(spec, attributes, ...children) {
  const [tag, className] = spec.split("."), node = document.createElement(tag);
  if (className) node.className = className;
  for (const name in attributes) node.setAttribute(name, attributes[name]);
  node.append(...children);
  return node;
}

/** The island's HTML strings come from quizbook.markdown only (raw HTML off): safe markup. */
function withMarkup(node, html) {
  node.innerHTML = html;
  return node;
}

const plainText = html => withMarkup(element("template"), html).content.textContent;
const all = (node, selector) => [...node.querySelectorAll(selector)];

function button(className, label, onClick, attributes) {
  const node = element("button." + className, { type: "button", ...attributes }, label);
  node.onclick = onClick;
  return node;
}

/** localStorage, where the browser allows it (null removes a key). */
function load(key) {
  try { return localStorage.getItem(key); } catch (error) { return null; }
}
function store(key, value) {
  try { value == null ? localStorage.removeItem(key) : localStorage.setItem(key, value); }
  catch (error) { /* private browsing: progress is not kept */ }
}

/** A question's own random order for this browser: a generator (multiply-xorshift) seeded
    by the question id and a seed kept in storage, so that a reload shows the same order. */
function seededRandom(questionId) {
  const seedKey = "quizbook:seed";
  if (!load(seedKey)) store(seedKey, String(Math.random()));
  let state = 0;
  for (const char of (load(seedKey) || Math.random()) + questionId) {
    state = Math.imul(state ^ char.charCodeAt(0), 2654435761);
  }
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822519) + 1) | 0;
    return (state >>> 0) / 2 ** 32;
  };
}

// -- the question types --------------------------------------------------------------------------
// control(question) adds a type's controls to question.fieldset and returns what the quiz
// asks of them: read() the answer shown (score.py's shape) or null; write(answer) to show
// one (null clears); touch() when a check makes what is shown an answer; unreadable() the
// wording for a check of nothing. score(data, answer) is the share of points earned and
// marks(data, answer) which parts were right ([mark, part HTML] each, model.py's `marks`).
// `data` is the question in the island.

/** Radio buttons or checkboxes, from options [value, id part, label node]; `parse` reads the
    values picked. */
function optionsControl(question, type, options, parse) {
  const inputs = [], labels = options.map(([value, idPart, label]) => {
    inputs.push(element("input", { type, name: question.name, id: question.part(idPart), value }));
    return element("label.qb-choice", {}, inputs[inputs.length - 1], " ", label);
  });
  if (question.shuffled) {  // move a random one of the first n choices to the end, n = all … 2
    const random = seededRandom(question.data.i);
    for (let n = labels.length; n > 1; n--) labels.push(...labels.splice(random() * n | 0, 1));
  }
  question.fieldset.append(element("div.qb-choices", {}, ...labels));
  return {
    read() {
      const picked = inputs.filter(input => input.checked).map(input => input.value);
      return picked.length ? parse(picked) : null;
    },
    write(answer) {
      const shown = answer == null ? [] : [].concat(answer).map(String);
      for (const input of inputs) input.checked = shown.includes(input.value);
    },
  };
}

function choicesControl(question, type, parse) {
  const choices = question.data.c.map((html, i) => [i, "c" + i, withMarkup(element("span"), html)]);
  return optionsControl(question, type, choices, parse);
}

/** A text field, read with `parse`. */
function fieldControl(question, label, attributes, parse) {
  const id = question.part("ans");
  const input = element("input.qb-answer",
    { type: "text", id, autocomplete: "off", ...attributes });
  question.fieldset.append(
    element("p.qb-field", {}, element("label", { for: id }, label), " ", input));
  return { read: () => parse(input.value), write: answer => (input.value = answer ?? "") };
}

/** Items in a list, moved with buttons. Its first order is itself an answer, so it counts
    once an item has moved or a check was asked for. */
function orderingControl(question) {
  const { data } = question, note = element("p.qb-moved qb-vh", { "aria-live": "polite" });
  let moved = false;
  const items = data.o.map((html, item) => {
    const name = plainText(html), move = event => moveItem(event.target);
    return element("li", { "data-qb-item": item }, withMarkup(element("span.qb-item"), html), " ",
      element("span.qb-moves", {},
        button("qb-up", say("move_up"), move,
          { "aria-label": say("move_up_item", { item: name }) }),
        " ",
        button("qb-down", say("move_down"), move,
          { "aria-label": say("move_down_item", { item: name }) })));
  });
  const list = element("ol.qb-order", {}, ...data.s.map(item => items[item]));
  question.fieldset.append(list, note);

  /** The neighbour moves, so that focus stays on the button pressed. */
  function moveItem(pressed) {
    const item = pressed.closest("li"), up = pressed.className == "qb-up";
    const neighbour = up ? item.previousElementSibling : item.nextElementSibling;
    if (neighbour) {
      up ? item.after(neighbour) : item.before(neighbour);
      moved = true;
      question.changed();
    }
    note.textContent = say("moved_static", { item: item.firstChild.textContent,
      position: [...list.children].indexOf(item) + 1, count: items.length });
  }

  return {
    read: () => (moved ? all(list, "li").map(item => Number(item.dataset.qbItem)) : null),
    write(answer) {
      moved = answer != null;
      for (const item of answer ?? data.s) list.append(items[item]);
    },
    touch: () => (moved = true),
  };
}

/** One dropdown per left item, offering the right items in the island's order. */
function matchingControl(question) {
  const { data } = question, selects = data.l.map((html, row) => element("select",
    { id: question.part("m" + row) }, element("option", { value: "" }, say("choose")),
    ...data.s.map(right => element("option", { value: right }, plainText(data.r[right])))));
  question.fieldset.append(element("div.qb-pairs", {}, ...selects.map((select, row) => {
    select.addEventListener("input", () => echoChoice(select));
    return element("p.qb-pair", {},
      withMarkup(element("label", { for: select.id }), data.l[row]), " ", select);
  })));
  return {
    read() {
      const picked = selects.map(select => select.value);
      return picked.join("") ? picked.map(value => (value ? Number(value) : null)) : null;
    },
    write: answer => selects.forEach((select, row) => {
      select.value = answer?.[row] ?? "";
      echoChoice(select);
    }),
  };
}

/** A narrow screen cuts a long option short in a closed dropdown, so the whole choice is
    repeated under it: for the eye only, as the dropdown itself tells a screen reader. */
function echoChoice(select) {
  let echo = select.nextElementSibling;
  if (!select.value) return echo?.remove();
  if (!echo) select.after((echo = element("span.qb-chosen", { "aria-hidden": "true" })));
  echo.textContent = select.selectedOptions[0].textContent;
}

const sameAsKey = (data, answer) => allOrNothing(answer === data.k);

const TYPES = {
  single: {
    control: question => choicesControl(question, "radio", picked => Number(picked[0])),
    score: sameAsKey,
  },
  multiple: {
    control: question =>
      choicesControl(question, "checkbox", picked => picked.map(Number).sort((a, b) => a - b)),
    score: (data, answer) => netCorrect(answer, data.k),
    marks: (data, answer) => data.c.flatMap((html, i) => (answer.includes(i)
      ? [[data.k.includes(i) ? "right" : "wrong", html]]
      : data.k.includes(i) ? [["missed", html]] : [])),
  },
  truefalse: {
    control: question => optionsControl(question, "radio",
      ["true", "false"].map(value => [value, value, element("span", {}, say(value))]),
      picked => picked[0] == "true"),
    score: sameAsKey,
  },
  numeric: {
    control: question => ({
      ...fieldControl(question, question.data.u
        ? say("your_answer_unit", { unit: question.data.u }) : say("your_answer"),
      { inputmode: "decimal" }, parseNumber),
      unreadable: () => "not_a_number",
    }),
    score(data, answer) {
      const [low, high] = Array.isArray(data.k) ? data.k : [data.k, data.k];
      const allowance = 1e-9 * Math.max(1, Math.abs(low), Math.abs(high));
      return allOrNothing(low - allowance <= answer && answer <= high + allowance);
    },
  },
  text: {
    control: question => fieldControl(question, say("your_answer"),
      { maxlength: 1000, spellcheck: "false" }, typed => (typed.trim() ? typed : null)),
    score: (data, answer) =>
      allOrNothing(data.k.some(accepted => normalise(accepted) == normalise(answer))),
  },
  ordering: {
    control: orderingControl,
    score(data, answer) {
      const run = longestOrderedRun(answer).length;
      return run > 1 ? run / answer.length : 0;
    },
    marks(data, answer) {
      const run = longestOrderedRun(answer);
      return answer.map((item, at) =>
        [run.length > 1 && run.includes(at) ? "placed" : "misplaced", data.o[item]]);
    },
  },
  matching: {
    control: matchingControl,
    score: (data, answer) => answer.filter((picked, i) => picked === i).length / answer.length,
    marks: (data, answer) => data.l.map((html, i) => [answer[i] === i ? "right" : "wrong", html]),
  },
};

/** An island question's type name (none: a single choice, the commonest). */
const typeName = data => data.t || "single";
const typeOf = data => TYPES[typeName(data)];

/** The share of a question's points an answer earns (null: not answered). */
const score = (data, answer) => (answer == null ? 0 : typeOf(data).score(data, answer));

/** Which parts of an answer were right, [[mark, part HTML], …]; none for types without parts. */
const marks = (data, answer) => typeOf(data).marks?.(data, answer) || [];

// -- a quiz --------------------------------------------------------------------------------------

const VERDICT_STYLES = { correct: "qb-ok", partly: "qb-part", wrong: "qb-no" };
const verdictOf = share => (share >= 1 ? "correct" : share > 0 ? "partly" : "wrong");

function setupQuiz(root) {
  const island = root.querySelector(".qb-data"), quiz = JSON.parse(island.textContent);
  const practice = root.dataset.qbMode == "practice", attempts = quiz.a || 0;
  const storageKey = `quizbook:${quiz.i}:${quiz.h}`, idOf = part => root.id + "-" + part;
  const progress = restore(storageKey);  // { answers, checked: { id: { n: checks, a: answer } } }
  const questions = quiz.q.map(createQuestion);
  const total = questions.reduce((sum, question) => sum + question.points, 0);
  const scoreLine = element("p.qb-score", { id: idOf("score"), "aria-live": "polite" });
  const status = element("p.qb-status", { role: "status" });
  const student = element("input.qb-student",
    { type: "text", id: idOf("student"), maxlength: 200, autocomplete: "off" });
  const reset = button("qb-reset", say("start_again"), startAgain);
  let resetArmed = false;

  island.before(...(practice ? [scoreLine] : []), ...questions.map(question => question.fieldset),
    element("div.qb-tools", {},
      element("p", {}, element("label", { for: idOf("student") }, say("student")), " ", student),
      element("p", {}, button("qb-download", say("download"), download), " ", reset),
      status));

  const save = () => store(storageKey,
    JSON.stringify({ a: progress.answers, c: progress.checked }));

  /** One question: its fieldset, its type's control and, in practice mode, its feedback. */
  function createQuestion(data, index) {
    const id = data.i, points = data.p || 1, type = typeOf(data);
    const part = name => idOf(id + "-" + name);
    const legend = say("legend", {
      question: say("question_number", { number: index + 1, count: quiz.q.length }),
      points: pointsPhrase(points),
    });
    const fieldset = element("fieldset.qb-q",
      { "data-qb-q": id, "data-qb-type": typeName(data), "aria-describedby": part("prompt") },
      element("legend", {}, legend),
      withMarkup(element("div.qb-prompt", { id: part("prompt") }), data.q));
    const changed = () => {
      progress.answers[id] = control.read();
      save();
    };
    const control = type.control(
      { data, fieldset, part, name: idOf(id), shuffled: Boolean(quiz.s && data.c), changed });
    fieldset.oninput = changed;
    const question = { id, data, points, fieldset, control, showFeedback: () => {} };
    if (practice) addFeedback(question, part);
    return question;
  }

  /** Practice mode: the Check button, the checks left, and the feedback region. */
  function addFeedback(question, part) {
    const { data, control, fieldset, points } = question, reread = quiz.refs?.[data.x];
    const explanation = withMarkup(element("div.qb-explanation", { hidden: "" }), data.e || "");
    if (reread) {
      explanation.append(element("p.qb-reread", {},
        element("a", { href: reread.href || "#" + reread.ref, "data-qb-ref": reread.ref },
          reread.t ? say("reread", { title: reread.t }) : say("reread_section"))));
    }
    const choiceFeedback = Object.entries(data.f || {}).map(([value, html]) =>
      withMarkup(element("div.qb-fb", { "data-qb-choice": value, hidden: "" }), html));
    const verdict = element("p.qb-verdict"), left = element("span.qb-left", { id: part("left") });
    const feedback = element("div.qb-feedback",
      { id: part("fb"), role: "status", "aria-live": "polite" },
      verdict, ...choiceFeedback, ...(data.e || reread ? [explanation] : []));
    let partsList = null;
    fieldset.append(element("p.qb-actions", {},
      button("qb-check", say("check"), check, { id: part("check") }), " ", left), feedback);

    function check() {
      control.touch?.();
      const answer = control.read();
      if (answer == null) {
        verdict.textContent = say(control.unreadable?.() || "answer_first");
        return;
      }
      const before = progress.checked[question.id];  // f: the answer at the first check
      progress.checked[question.id] = { n: (before?.n || 0) + 1,
        a: (progress.answers[question.id] = answer), f: before ? before.f : answer };
      save();
      showFeedback();
      showScore();
    }

    /** The feedback as the last check left it: verdict, the picked options' feedback, which
        parts were right, the explanation, the checks left. */
    function showFeedback() {
      const checked = progress.checked[question.id], answer = checked?.a;
      const share = score(data, answer), kind = verdictOf(share);
      feedback.className = "qb-feedback" + (checked ? " " + VERDICT_STYLES[kind] : "");
      verdict.textContent = checked
        ? say(kind, { earned: pointsNumber(points * share), points: pointsPhrase(points) }) : "";
      const picked = answer == null ? [] : [].concat(answer).map(String);
      for (const said of choiceFeedback) said.hidden = !picked.includes(said.dataset.qbChoice);
      showParts(checked && share < 1 ? marks(data, answer) : []);
      explanation.hidden = !checked;
      const checksLeft = attempts - (checked?.n || 0);
      if (attempts) {
        left.textContent = checksLeft ? counted("checks_left", checksLeft) : say("no_checks_left");
      }
      fieldset.disabled = attempts && !checksLeft;
    }

    /** Which parts were right ("Wrong: …"), one item each, before the explanation. */
    function showParts(parts) {
      partsList?.remove();
      partsList = parts.length ? element("ul.qb-marks", {}, ...parts.map(([mark, html]) =>
        element("li.qb-mark-" + mark, {},
          ...sayParts("mark_" + mark, { part: withMarkup(element("span"), html) })))) : null;
      if (!partsList) return;
      explanation.parentNode ? explanation.before(partsList) : feedback.append(partsList);
    }

    question.showFeedback = showFeedback;
  }

  function showScore() {
    const earned = questions.reduce((sum, question) =>
      sum + question.points * score(question.data, progress.checked[question.id]?.a), 0);
    scoreLine.textContent =
      say("score", { earned: pointsNumber(earned), total: pointsPhrase(total) });
  }

  /** "Download my answers": a response file as quizbook/response.py writes it, named after
      the quiz and the student. An assessed page lists ordering and matching items in an order
      of their own ("listed"), so that the page gives no answer away. */
  function download() {
    const who = student.value.trim();
    const name = [quiz.i, filePart(who), "response.json"].filter(Boolean).join("-");
    const response = { format: "quizbook-response/2", quiz: quiz.i, quiz_hash: quiz.h,
      student: who, saved: new Date().toISOString().slice(0, 19) + "Z",
      answers: {}, checks: {}, first: {}, ...(practice ? {} : { order: "listed" }) };
    for (const question of questions) {
      const answer = question.control.read(), checked = progress.checked[question.id];
      if (answer != null) response.answers[question.id] = answer;
      if (checked) response.checks[question.id] = checked.n;
      if (checked?.f != null) response.first[question.id] = checked.f;
    }
    const blob = new Blob([JSON.stringify(response, null, 2)], { type: "application/json" });
    const link = element("a", { download: name, href: URL.createObjectURL(blob) });
    root.append(link);
    link.click();
    link.remove();
    status.textContent = say("downloaded", { file: name });
  }

  /** "Start again" clears every answer, on a second press. */
  function startAgain() {
    if (!resetArmed) return armReset(true);
    armReset(false);
    progress.answers = {};
    progress.checked = {};
    store(storageKey, null);
    for (const question of questions) {
      question.control.write(null);
      question.showFeedback();
    }
    showScore();
    status.textContent = say("cleared");
  }

  function armReset(armed) {
    resetArmed = armed;
    reset.textContent = say(armed ? "start_again_sure" : "start_again");
    status.textContent = armed ? say("start_again_ask") : "";
  }

  for (const question of questions) {
    const answer = progress.answers[question.id];
    if (answer != null) question.control.write(answer);
    question.showFeedback();
  }
  if (practice) showScore();
  student.value = load("quizbook:student") || "";
  student.oninput = () => store("quizbook:student", student.value);
  reset.onblur = () => resetArmed && armReset(false);
}

/** A student's name or ID as part of a file name, as quizbook/plaintext.py's file_part. */
const filePart = text =>
  text.replace(/[^\p{L}\p{N}_.-]+/gu, "-").replace(/^[-._]+|[-._]+$/g, "").slice(0, 64);

/** Progress kept in this browser, stored as { a: answers, c: checked }. */
function restore(storageKey) {
  let saved = null;
  try { saved = JSON.parse(load(storageKey)); } catch (error) { /* start afresh */ }
  return { answers: saved?.a || {}, checked: saved?.c || {} };
}

if (typeof document == "object") {
  const start = () => all(document, ".quizbook")
    .forEach(root => root.quizbook || setupQuiz((root.quizbook = root)));
  document.readyState == "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
}
if (typeof module == "object") module.exports = { score, marks, normalise, parseNumber };
})();
