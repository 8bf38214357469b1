// Every notice the server can send has the page's words in both languages: run with `node --test
// src/test/js`. The codes are read from the server's own enums (src/main/java/.../protocol/*Code),
// so a code added there without a translation fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { en } from '../../../webapp/js/strings-en.js';
import { zh } from '../../../webapp/js/strings-zh-CN.js';

const PROTOCOL = new URL('../../main/java/org/chatroom/protocol/', import.meta.url);

/** The wire names of the constants of every enum named *Code in the protocol package. */
function serverCodes() {
  const codes = [];
  for (const file of readdirSync(PROTOCOL).filter((name) => /Code\.java$/.test(name))) {
    const source = readFileSync(new URL(file, PROTOCOL), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const body = source.match(/enum\s+\w+[^{]*\{([^;}]*)/);
    if (body === null) continue;
    for (const constant of body[1].split(',')) {
      const name = constant.trim().match(/^[A-Z][A-Z0-9_]*/);
      if (name !== null) codes.push(name[0].toLowerCase());
    }
  }
  return codes;
}

test('the server\'s enums of codes are found', () => {
  const codes = serverCodes();
  for (const known of ['nickname_taken', 'rate_limited', 'server_shutdown', 'kicked']) {
    assert.ok(codes.includes(known), `${known} among ${codes.join(', ')}`);
  }
});

for (const [language, strings] of [['en', en], ['zh-CN', zh]]) {
  test(`every code the server sends has words in ${language}`, () => {
    const missing = serverCodes().filter((code) => typeof strings[`code.${code}`] !== 'string');
    assert.deepEqual(missing, []);
  });
}

test('both languages have the same keys and the same placeholders', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  for (const key of Object.keys(en)) {
    assert.deepEqual(placeholders(zh[key]), placeholders(en[key]), key);
  }
});

test('the Chinese words of each code are Chinese, not the English ones', () => {
  for (const code of serverCodes()) {
    assert.notEqual(zh[`code.${code}`], en[`code.${code}`], code);
    assert.match(zh[`code.${code}`], /[\u4e00-\u9fff]/u, code);
  }
});
