// The room's list as the page keeps it: run with `node --test src/test/js`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Roster } from '../../../webapp/js/roster.js';

test('a roster keeps the order they joined, each name once, as the server tells names apart', () => {
  const roster = new Roster();
  roster.reset(['bea', 'amy']);
  assert.equal(roster.joined('cat'), true);
  assert.equal(roster.joined('Cat'), false, 'the same name to the server');
  assert.equal(roster.left('BEA'), true);
  assert.equal(roster.left('dan'), false);
  assert.deepEqual(roster.names(), ['amy', 'cat']);
  assert.equal(roster.size, 2);
  assert.equal(roster.has('AMY'), true);
  assert.equal(roster.has('bea'), false);
  roster.reset(['eve']);
  assert.deepEqual(roster.names(), ['eve']);
});
