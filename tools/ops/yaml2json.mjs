// Prints the YAML documents of the given files (or stdin) as one JSON array
// (empty documents dropped). Used by the Python ops tests, which have no
// YAML parser of their own (PyYAML is not in the project's Debian list).
//
//   node tools/ops/yaml2json.mjs FILE...   |   ... | node tools/ops/yaml2json.mjs
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const inputs = process.argv.length > 2
  ? process.argv.slice(2).map((f) => [f, readFileSync(f, "utf8")])
  : [["<stdin>", readFileSync(0, "utf8")]];
const out = [];
for (const [name, text] of inputs) {
  for (const doc of parseAllDocuments(text, { uniqueKeys: true })) {
    if (doc.errors.length) {
      console.error(`${name}: ${doc.errors.map((e) => e.message).join("; ")}`);
      process.exit(1);
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) out.push(value);
  }
}
process.stdout.write(JSON.stringify(out));
