// The shared vectors through quizbook.js (node --test tests/js/): the static quiz must score
// and mark answers exactly as quizbook/model.py and score.py do, which
// tests/engine/test_vectors.py checks on the same cases. island.json holds each case's
// question as the page's island carries it, which is what the script reads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const { score, marks, normalise, parseNumber } = require("../../src/quizbook/static/quizbook.js");
const read = name => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), "utf8"));

for (const c of read("island.json")) {
  if ("expected" in c) {
    test(`score: ${c.name}`, () => {
      const got = score(c.question, c.answer);
      assert.ok(Math.abs(got - c.expected) <= 1e-9, `${c.name}: got ${got}, expected ${c.expected}`);
    });
  } else {
    test(`marks: ${c.name}`, () => assert.deepEqual(marks(c.question, c.answer), c.marks));
  }
}

for (const c of read("normalise.json")) {
  test(`normalise ${JSON.stringify(c.text)}`, () => assert.equal(normalise(c.text), c.normalised));
}

test("normalise folds case and diacritics and drops spaces, hyphens, apostrophes as Python does", () => {
  assert.equal(normalise("  Crème brûlée "), "cremebrulee");
  assert.equal(normalise("Jean\u00a0Paul\t\nSartre"), "jeanpaulsartre");
  assert.equal(normalise("Jean-Paul Sartre"), "jeanpaulsartre");
  assert.equal(normalise("O\u2019Neill"), "oneill");
  assert.equal(normalise("ＰＡＮ"), "pan");
  assert.equal(normalise("Straße"), "strasse");
  assert.equal(normalise("Zhōu Ēnlái"), "zhouenlai");
  assert.equal(normalise("\u2003"), "");
});

test("numbers: plain, signed, decimal comma only without a point", () => {
  assert.equal(parseNumber("1869"), 1869);
  assert.equal(parseNumber(" -2.5 "), -2.5);
  assert.equal(parseNumber("\u22122,5"), -2.5);
  assert.equal(parseNumber("0,5"), 0.5);
  assert.equal(parseNumber(".5"), 0.5);
  assert.equal(parseNumber("1e3"), 1000);
  assert.equal(parseNumber("1e999"), null);
  assert.equal(parseNumber("1,869.5"), null);
  assert.equal(parseNumber("1,869,000"), null);
  assert.equal(parseNumber("about 1869"), null);
  assert.equal(parseNumber(""), null);
});
