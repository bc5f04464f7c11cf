#!/usr/bin/env node
// Times jsonc-parser's modify + applyEdits (what VS Code's settings writer uses) on one document and one edit.
// Usage: node jsonc_modify.js <oracle node_modules> <document> <result file> <warmup> <iterations> <key>...
// The value set is "https://proxy.example.com". Prints "median_ms=<float> found=<1 when the edit took>".
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, documentPath, resultPath, warmupText, iterationsText, ...keys] = process.argv.slice(2);
const jsonc = require(path.join(modules, 'jsonc-parser'));
const text = fs.readFileSync(documentPath, 'utf8');
const value = 'https://proxy.example.com';
const options = { formattingOptions: { insertSpaces: true, tabSize: 4, eol: '\n' } };

function edit() {
  return jsonc.applyEdits(text, jsonc.modify(text, keys, value, options));
}

for (let i = 0; i < Number(warmupText); i++) { edit(); }
const times = [];
let result = '';
for (let i = 0; i < Number(iterationsText); i++) {
  const start = process.hrtime.bigint();
  result = edit();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
const mid = Math.floor(times.length / 2);
const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
fs.writeFileSync(resultPath, result, 'utf8');
let found = 0;
try {
  let node = jsonc.parse(result);
  for (const k of keys) { node = node[k]; }
  found = node === value ? 1 : 0;
} catch (e) { found = 0; }
console.log(`median_ms=${median.toFixed(3)} found=${found}`);
