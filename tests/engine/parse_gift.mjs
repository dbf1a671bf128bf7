// Parse GIFT files with gift-pegjs, an independent parser of Moodle's GIFT format, and
// print what it read as JSON: {"file": [question, ...]}. A file it cannot parse prints
// {"file": {"error": "line:column: message"}}. The export tests compare this with the keys.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parse } = require("gift-pegjs");

const read = {};
for (const file of process.argv.slice(2)) {
  try {
    read[file] = parse(readFileSync(file, "utf8"));
  } catch (err) {
    const at = err.location ? `${err.location.start.line}:${err.location.start.column}: ` : "";
    read[file] = { error: at + err.message };
  }
}
process.stdout.write(JSON.stringify(read));
