// The page's reading of the server's limits and its checks against them: `node --test src/test/js`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LIMITS, chatFrame, fitsInFrame, nicknameProblem, readLimits, roomProblem,
} from '../../../webapp/js/protocol.js';

test('limits the server did not send, or sent as nonsense, keep their defaults', () => {
  const limits = readLimits({ limits: { lineLength: 140, nicknameLength: -1, rateBurst: 'many' } });
  assert.equal(limits.lineLength, 140);
  assert.equal(limits.nicknameLength, DEFAULT_LIMITS.nicknameLength);
  assert.equal(limits.rateBurst, DEFAULT_LIMITS.rateBurst);
  assert.deepEqual(readLimits({ type: 'handshake' }), DEFAULT_LIMITS);
  assert.deepEqual(readLimits({ limits: null }), DEFAULT_LIMITS);
});

test('a frame fits up to the server\'s size in UTF-16 units, as the server counts it', () => {
  const limits = readLimits({ limits: { frameSize: 100 } });
  const overhead = chatFrame('').length;
  assert.ok(fitsInFrame('a'.repeat(100 - overhead), limits));
  assert.ok(!fitsInFrame('a'.repeat(101 - overhead), limits));
  // An emoji is two units here (and one character of a line): the frame's size, not the line's.
  assert.ok(!fitsInFrame('😀'.repeat(Math.ceil((101 - overhead) / 2)), limits));
});

test('nicknames and rooms are measured in characters, against the server\'s limits', () => {
  const limits = readLimits({ limits: { nicknameLength: 3, roomLength: 4 } });
  assert.equal(nicknameProblem('😀😀😀', limits), null);
  assert.deepEqual(nicknameProblem('abcd', limits), { key: 'join.nicknameLong', params: { max: 3 } });
  assert.deepEqual(nicknameProblem('   ', limits), { key: 'join.nicknameMissing' });
  // Before a handshake the server's nickname limit is not known: the server will say.
  assert.equal(nicknameProblem('x'.repeat(100)), null);
  assert.equal(roomProblem('caf\u00e9', limits), null);
  assert.deepEqual(roomProblem('lobby', limits), { key: 'join.roomBad', params: { max: 4 } });
});
