// The links the page makes of a line, without a browser: run with `node --test src/test/js`
// (the Maven build does, in its test phase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLinks } from '../../../webapp/js/links.js';

/** What the reader sees as links, in order. */
function linkTexts(text) {
  return findLinks(text).map(({ start, end }) => text.slice(start, end));
}

/** How long a call takes, in milliseconds, with its result. */
function timed(work) {
  const started = performance.now();
  const result = work();
  return { result, millis: performance.now() - started };
}

test('a link ends before the punctuation of the sentence around it', () => {
  assert.deepEqual(linkTexts('see https://example.org/a.'), ['https://example.org/a']);
  assert.deepEqual(linkTexts('docs at https://example.org/a?b=1, not here'), [
    'https://example.org/a?b=1',
  ]);
  assert.deepEqual(linkTexts('really https://example.org/?!...'), ['https://example.org/']);
  assert.deepEqual(linkTexts('*https://example.org/x*'), ['https://example.org/x']);
  assert.deepEqual(linkTexts('https://example.org/a.b/c.html'), ['https://example.org/a.b/c.html']);
});

test('where a link is and where it goes', () => {
  const text = 'go to http://example.org/a b';
  assert.deepEqual(findLinks(text), [{ start: 6, end: 26, href: 'http://example.org/a' }]);
  assert.deepEqual(findLinks('HTTPS://Example.ORG'), [
    { start: 0, end: 19, href: 'https://example.org/' },
  ]);
});

test('a closing bracket stays only when the link opens it itself', () => {
  assert.deepEqual(linkTexts('(see https://en.wikipedia.org/wiki/Java_(programming_language))'), [
    'https://en.wikipedia.org/wiki/Java_(programming_language)',
  ]);
  assert.deepEqual(linkTexts('(https://example.org/a)'), ['https://example.org/a']);
  assert.deepEqual(linkTexts('[https://example.org/a[1]].'), ['https://example.org/a[1]']);
  assert.deepEqual(linkTexts('{https://example.org/}'), ['https://example.org/']);
  assert.deepEqual(linkTexts('https://example.org/f(x)).'), ['https://example.org/f(x)']);
});

test('CJK and full-width punctuation ends a link', () => {
  assert.deepEqual(linkTexts('见 https://example.org/路径。然后'), ['https://example.org/路径']);
  assert.deepEqual(linkTexts('看https://example.org/a，和https://example.org/b！'), [
    'https://example.org/a',
    'https://example.org/b',
  ]);
  assert.deepEqual(linkTexts('「https://example.org/」'), ['https://example.org/']);
});

test('only http and https addresses with a host are links', () => {
  assert.deepEqual(linkTexts('javascript:alert(1) data:text/html,x ftp://example.org'), []);
  assert.deepEqual(linkTexts('not javascript:alert(2) or <a href=x>this</a>'), []);
  assert.deepEqual(linkTexts('http://'), []);
  assert.deepEqual(linkTexts('http://...'), []);
  assert.deepEqual(linkTexts('xhttp://example.org'), []);
  assert.deepEqual(linkTexts('"https://example.org/a"'), ['https://example.org/a']);
  assert.deepEqual(linkTexts('<https://example.org/a>'), ['https://example.org/a']);
});

test('several links in a line, in order', () => {
  assert.deepEqual(linkTexts('http://a.example, https://b.example/x; and http://c.example.'), [
    'http://a.example',
    'https://b.example/x',
    'http://c.example',
  ]);
});

test('thousands of dots and unopened brackets after a link take linear time', () => {
  const text = 'http://a' + '.'.repeat(30_000) + ')'.repeat(15_000);
  const { result, millis } = timed(() => findLinks(text));
  assert.deepEqual(result, [{ start: 0, end: 8, href: 'http://a/' }]);
  assert.ok(millis < 500, `took ${millis} ms`);
});

test('a line of 60,000 mixed punctuation after a link takes linear time', () => {
  const punctuation = '.,;:!?*_~)]}';
  const tail = punctuation.repeat(5_000);
  assert.equal(tail.length, 60_000);
  const text = 'https://example.org/x' + tail;
  const { result, millis } = timed(() => findLinks(text));
  assert.deepEqual(result, [{ start: 0, end: 21, href: 'https://example.org/x' }]);
  assert.ok(millis < 500, `took ${millis} ms`);
});

test('a long link with balanced brackets is kept whole, in linear time', () => {
  const path = '('.repeat(20_000) + ')'.repeat(20_000);
  const text = 'see https://example.org/' + path + '.)';
  const { result, millis } = timed(() => linkTexts(text));
  assert.deepEqual(result, ['https://example.org/' + path]);
  assert.ok(millis < 500, `took ${millis} ms`);
});

test('a line of 60,000 punctuation and broken addresses takes linear time', () => {
  const text = 'https:/ http:// (http://a.). '.repeat(2_100).slice(0, 60_000);
  const { result, millis } = timed(() => linkTexts(text));
  assert.ok(result.length > 1_000);
  assert.ok(result.every((link) => link === 'http://a'));
  assert.ok(millis < 500, `took ${millis} ms`);
});
