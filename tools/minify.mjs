// Minify the static quiz's script for the book: src/quizbook/static/quizbook.js (written for
// its readers) becomes quizbook.min.js (written for browsers), which the package ships.
//
//   node tools/minify.mjs          write quizbook.min.js
//   node tools/minify.mjs --check  exit 1 if quizbook.min.js is not the source minified
//
// The script's wording is not in either file: `const WORDING = {};` becomes the placeholder
// QUIZBOOK_WORDING, which quizbook/assets.py fills in from quizbook/wording.py as a book is
// built, so that changing a word needs no new minified file.
import { readFileSync, writeFileSync } from "node:fs";
import { minify } from "terser";

const STATIC = new URL("../src/quizbook/static/", import.meta.url);
const SLOT = "const WORDING = {};";
const source = readFileSync(new URL("quizbook.js", STATIC), "utf8");
if (source.split(SLOT).length != 2) throw new Error(`quizbook.js must hold '${SLOT}' once`);

const { code } = await minify(source.replace(SLOT, "const WORDING = QUIZBOOK_WORDING;"), {
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
const minified = code + "\n";
const target = new URL("quizbook.min.js", STATIC);
if (process.argv.includes("--check")) {
  let shipped = "";
  try { shipped = readFileSync(target, "utf8"); } catch { /* missing: stale */ }
  if (shipped != minified) {
    console.error("src/quizbook/static/quizbook.min.js is out of date: run 'make assets'");
    process.exit(1);
  }
} else {
  writeFileSync(target, minified);
}
