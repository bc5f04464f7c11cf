#!/usr/bin/env node
// The oracle for GoEnvTools' settings edits: Microsoft's jsonc-parser, the parser VS Code reads settings with.
// Input: a JSON-lines file, one case a line:
//   {"id": "...", "op": "set"|"remove"|"refused", "path": ["go.toolsEnvVars", "GOPROXY"], "value": <JSON value>,
//    "original": "<base64>", "edited": "<base64>", "reason": "<code of a refusal>"}
// Output (the file given second): one JSON line per case, {"id": "...", "ok": true|false, "problems": ["..."]}.
'use strict';
const fs = require('fs');
const jsonc = require('jsonc-parser');

const PARSE_OPTIONS = { allowTrailingComma: true, allowEmptyContent: true, disallowComments: false };

function decode(base64) {
  const bytes = Buffer.from(base64, 'base64');
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  return { bytes, bom, text };
}

function parseWithErrors(text) {
  const errors = [];
  const value = jsonc.parse(text, errors, PARSE_OPTIONS);
  return { value, errors: errors.map((e) => `${jsonc.printParseErrorCode(e.error)} at ${e.offset}`) };
}

function comments(text) {
  const scanner = jsonc.createScanner(text, false);
  const found = [];
  for (let kind = scanner.scan(); kind !== jsonc.SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === jsonc.SyntaxKind.LineCommentTrivia || kind === jsonc.SyntaxKind.BlockCommentTrivia) {
      found.push({ offset: scanner.getTokenOffset(), text: text.substr(scanner.getTokenOffset(), scanner.getTokenLength()) });
    }
  }
  return found;
}

function lineBreaks(text) {
  const crlf = (text.match(/\r\n/g) || []).length;
  const lf = (text.match(/\n/g) || []).length - crlf;
  const cr = (text.match(/\r(?!\n)/g) || []).length;
  return { crlf, lf, cr };
}

// A property that has its line to itself takes the comments after it on that line (past its comma) along
// when it is removed: `"GOPROXY": "x", // the company proxy`. Returns their offsets; none in any other case.
function commentsEndingTheLine(text, property, allComments) {
  const found = new Set();
  let lineStart = property.offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') { lineStart--; }
  if (text.slice(lineStart, property.offset).trim() !== '') { return found; }
  const byOffset = new Map(allComments.map((k) => [k.offset, k]));
  let pos = property.offset + property.length;
  let commaSeen = false;
  const candidates = [];
  while (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r') {
    const ch = text[pos];
    if (ch === ' ' || ch === '\t') { pos++; continue; }
    if (ch === ',' && !commaSeen && candidates.length === 0) { commaSeen = true; pos++; continue; }
    const comment = byOffset.get(pos);
    if (!comment || /[\r\n]/.test(comment.text)) { return found; }
    candidates.push(comment.offset);
    pos += comment.text.length;
  }
  candidates.forEach((o) => found.add(o));
  return found;
}

function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

// Applies the edit to the plain value read from the original, as VS Code would see it after the edit.
function expectedAfter(original, op, path, value) {
  const root = original === undefined ? {} : JSON.parse(JSON.stringify(original));
  let target = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isObject(target[path[i]])) {
      if (op === 'remove') { return root; }
      target[path[i]] = {};
    }
    target = target[path[i]];
  }
  const last = path[path.length - 1];
  if (op === 'remove') { delete target[last]; } else { target[last] = value; }
  return root;
}

// Own properties in order, recursively, so key order counts in the comparison.
function canonical(v) { return JSON.stringify(v); }

function countKey(objectNode, key) {
  return objectNode.children.filter((p) => p.children[0].value === key).length;
}

function checkRefusal(c, original) {
  const problems = [];
  const { value, errors } = parseWithErrors(original.text);
  switch (c.reason) {
    case 'RootNotObject':
      if (errors.length > 0) { problems.push(`refused as RootNotObject, but jsonc-parser found errors: ${errors.join(', ')}`); }
      if (value === undefined || isObject(value)) { problems.push('refused as RootNotObject, but jsonc-parser reads an object (or nothing)'); }
      break;
    case 'DuplicateKey': {
      if (errors.length > 0) { problems.push(`refused as DuplicateKey, but jsonc-parser found errors: ${errors.join(', ')}`); break; }
      const tree = jsonc.parseTree(original.text, [], PARSE_OPTIONS);
      let node = tree;
      let duplicated = false;
      for (const key of c.path) {
        if (!node || node.type !== 'object') { break; }
        if (countKey(node, key) > 1) { duplicated = true; break; }
        const property = node.children.find((p) => p.children[0].value === key);
        node = property && property.children[1];
      }
      if (!duplicated) { problems.push('refused as DuplicateKey, but no key on the path occurs twice'); }
      break;
    }
    case 'WrongType': {
      if (errors.length > 0) { problems.push(`refused as WrongType, but jsonc-parser found errors: ${errors.join(', ')}`); break; }
      let v = value;
      let wrong = false;
      for (let i = 0; i < c.path.length; i++) {
        const next = v[c.path[i]];
        if (next === undefined) { break; }
        const lastKey = i === c.path.length - 1;
        if (!lastKey && !isObject(next)) { wrong = true; break; }
        if (lastKey && c.op !== 'remove') {
          const wantObject = isObject(c.value);
          if (wantObject !== isObject(next) || (!wantObject && typeof next !== typeof c.value)) { wrong = true; }
        }
        v = next;
      }
      if (!wrong) { problems.push('refused as WrongType, but the value on the path has the right type'); }
      break;
    }
    case 'NotUtf8':
    case 'InvalidUtf8':
      break;
    default:
      // A syntax refusal: jsonc-parser must find at least one error too.
      if (errors.length === 0) { problems.push(`refused as ${c.reason}, but jsonc-parser reads it without error`); }
  }
  return problems;
}

function checkEdit(c, original, edited) {
  const problems = [];
  const before = parseWithErrors(original.text);
  if (before.errors.length > 0) { problems.push(`the original has errors for jsonc-parser, yet was edited: ${before.errors.join(', ')}`); }
  if (before.value !== undefined && !isObject(before.value)) { problems.push('the original root is not an object, yet was edited'); }
  const after = parseWithErrors(edited.text);
  if (after.errors.length > 0) { problems.push(`the edited document has errors: ${after.errors.join(', ')}`); }
  if (original.bom !== edited.bom) { problems.push(`byte order mark ${original.bom ? 'lost' : 'added'}`); }

  // The value at the path, and nothing else changed, keys in order.
  const expected = expectedAfter(before.value, c.op, c.path, c.value);
  const actual = after.value === undefined ? {} : after.value;
  if (canonical(expected) !== canonical(actual)) {
    problems.push(`the edited document reads ${canonical(actual).slice(0, 2000)}\n   expected ${canonical(expected).slice(0, 2000)}`);
  }

  // Every comment kept, in order; a removal may take only the comments inside the removed property.
  // (Replacing a whole value takes the comments that were inside the old value.)
  let wanted = comments(original.text);
  const tree = jsonc.parseTree(original.text, [], PARSE_OPTIONS);
  const oldValue = tree && jsonc.findNodeAtLocation(tree, c.path);
  if (oldValue) {
    const span = c.op === 'remove' ? oldValue.parent : oldValue;
    const related = c.op === 'remove' ? commentsEndingTheLine(original.text, span, wanted) : new Set();
    wanted = wanted.filter((k) => (k.offset < span.offset || k.offset >= span.offset + span.length) && !related.has(k.offset));
  }
  const got = comments(edited.text);
  const wantedTexts = wanted.map((k) => k.text);
  const gotTexts = got.map((k) => k.text);
  if (JSON.stringify(wantedTexts) !== JSON.stringify(gotTexts)) {
    problems.push(`comments differ: expected ${JSON.stringify(wantedTexts).slice(0, 1000)}\n   got ${JSON.stringify(gotTexts).slice(0, 1000)}`);
  }

  // Line endings follow the file: no new kind of line break appears.
  const o = lineBreaks(original.text);
  const e = lineBreaks(edited.text);
  for (const kind of ['crlf', 'lf', 'cr']) {
    if (o[kind] === 0 && e[kind] > 0 && (o.crlf + o.lf + o.cr) > 0) { problems.push(`a ${kind} line break appeared in a file without any`); }
  }
  if (c.op === 'set' && edited.text === original.text && c.expectChange) { problems.push('nothing changed'); }
  return problems;
}

function main() {
  const input = process.argv[2];
  const output = process.argv[3];
  if (!input || !output) { console.error('usage: node check.js cases.jsonl verdicts.jsonl'); process.exit(2); }
  const lines = fs.readFileSync(input, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const out = [];
  for (const line of lines) {
    const c = JSON.parse(line);
    let problems;
    try {
      const original = decode(c.original);
      problems = c.op === 'refused' ? checkRefusal(c, original) : checkEdit(c, original, decode(c.edited));
    } catch (err) {
      problems = [`the oracle failed: ${err && err.stack}`];
    }
    out.push(JSON.stringify({ id: c.id, ok: problems.length === 0, problems }));
  }
  fs.writeFileSync(output, out.join('\n') + '\n');
}

main();
