// The shared scoring vectors through quizbook.js (node --test tests/js/): the static quiz
// must score exactly as quizbook/score.py, which tests/test_vectors.py checks on the same file.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const { score, normalise, parseNumber } = require("../../src/quizbook/static/quizbook.js");
const vectors = JSON.parse(readFileSync(new URL("../vectors/scoring.json", import.meta.url), "utf8"));

for (const c of vectors) {
  test(c.name, () => {
    const got = score(c.question, c.answer);
    assert.ok(Math.abs(got - c.expected) <= 1e-9, `${c.name}: got ${got}, expected ${c.expected}`);
  });
}

const folded = JSON.parse(readFileSync(new URL("../vectors/normalise.json", import.meta.url), "utf8"));
for (const c of folded) {
  test(`normalise ${JSON.stringify(c.text)}`, () => assert.equal(normalise(c.text), c.normalised));
}

test("normalise folds case and diacritics and drops spaces, hyphens, apostrophes as Python does", () => {
  assert.equal(normalise("  Panmunjŏm "), "panmunjom");
  assert.equal(normalise("Kim\u00a0Il\t\nSung"), "kimilsung");
  assert.equal(normalise("Kim Il-sung"), "kimilsung");
  assert.equal(normalise("P\u2019anmunjŏm"), "panmunjom");
  assert.equal(normalise("ＰＡＮ"), "pan");
  assert.equal(normalise("Straße"), "strasse");
  assert.equal(normalise("Zhōu Ēnlái"), "zhouenlai");
  assert.equal(normalise("\u2003"), "");
});

test("numbers: plain, signed, decimal comma only without a point", () => {
  assert.equal(parseNumber("1961"), 1961);
  assert.equal(parseNumber(" -2.5 "), -2.5);
  assert.equal(parseNumber("\u22122,5"), -2.5);
  assert.equal(parseNumber("0,5"), 0.5);
  assert.equal(parseNumber(".5"), 0.5);
  assert.equal(parseNumber("1e3"), 1000);
  assert.equal(parseNumber("1,961.5"), null);
  assert.equal(parseNumber("1,961,000"), null);
  assert.equal(parseNumber("about 1961"), null);
  assert.equal(parseNumber(""), null);
});
