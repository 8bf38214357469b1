// The page's session state machine without a browser: run with `node --test src/test/js` (the
// Maven build does, in its test phase). The socket is a recorder of what the page sends and the
// clock runs when the test says; the outbox, the seen lines and the typing names are the page's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox } from '../../../webapp/js/outbox.js';
import { SeenLines } from '../../../webapp/js/seen.js';
import { Session } from '../../../webapp/js/session.js';
import { TAKEN_RETRY_DELAYS_MS } from '../../../webapp/js/server-notices.js';
import { TypingNames } from '../../../webapp/js/typing.js';

/** Timers that fire only when `advance` passes their time. */
class Clock {
  now = 0;
  #timers = new Map();
  #next = 1;

  setTimeout(run, delay) {
    const id = this.#next++;
    this.#timers.set(id, { run, at: this.now + delay });
    return id;
  }

  clearTimeout(id) {
    this.#timers.delete(id);
  }

  advance(millis) {
    const until = this.now + millis;
    for (;;) {
      const due = [...this.#timers].filter(([, timer]) => timer.at <= until)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
    }
    this.now = until;
  }
}

/** A session in a harness: `sent` holds the frames it sent, `calls` what it told the views. */
function harness() {
  const sent = [];
  const calls = [];
  const shown = new Map(); // the lines' states, as the outgoing view would show them
  const socket = { open: false, opened: [], closes: 0 };
  const clock = new Clock();
  const ui = new Proxy({}, {
    get: (target, name) => (...args) => calls.push([name, ...args]),
  });
  const session = new Session({
    transport: {
      open(room) { socket.opened.push(room); socket.open = false; },
      send(text) {
        if (!socket.open) return false;
        sent.push(JSON.parse(text));
        return true;
      },
      close() { socket.closes += 1; socket.open = false; },
      get isOpen() { return socket.open; },
      get dialling() { return socket.opened.length > 0; },
      markHealthy() {},
    },
    outbox: new Outbox({
      show: (text) => ({ text }),
      update: (handle, state) => shown.set(handle.text, state),
      remove: (handle) => shown.delete(handle.text),
    }),
    seen: new SeenLines(),
    typingNames: new TypingNames(() => {}),
    memory: { loadShown: () => null, saveShown() {}, saveNickname() {} },
    ui,
    clock,
  });
  const receive = (frame) => session.received(JSON.stringify(frame));
  const greet = (extra = {}) => {
    socket.open = true;
    receive({ type: 'handshake', from: 'system', content: 'hi', room: session.room, version: 1, ...extra });
  };
  const told = (name) => calls.filter(([call]) => call === name).map(([, ...args]) => args);
  const lastSent = () => sent[sent.length - 1];
  return { session, sent, calls, shown, socket, clock, receive, greet, told, lastSent };
}

const line = (id, from, content, extra = {}) => ({ type: 'user', from, content, room: 'lobby', time: 1000 + id, id, ...extra });
const login = (from, extra = {}) => ({ type: 'login', from, content: `${from} joined`, room: 'lobby', users: [from], ...extra });

/** A harness whose session is in the lobby as amy, with lines 1 and 2 shown. */
function inTheLobby() {
  const h = harness();
  h.session.join('amy', 'lobby');
  h.greet();
  h.receive(line(1, 'bea', 'one', { history: true }));
  h.receive(line(2, 'bea', 'two', { history: true }));
  h.receive(login('amy', { users: ['bea', 'amy'] }));
  return h;
}

test('a newcomer dials the room, logs in on the greeting and is in on the echo', () => {
  const h = harness();
  h.session.join('  amy ', 'lobby');
  assert.deepEqual(h.socket.opened, ['lobby']);
  assert.equal(h.session.phase, 'joining');
  assert.equal(h.sent.length, 0, 'nothing goes out before the handshake');
  h.greet();
  assert.deepEqual(h.lastSent(), { type: 'login', content: 'amy', typing: true });
  h.receive(line(7, 'bea', 'earlier', { history: true }));
  assert.deepEqual(h.told('chatLine'), [], 'history waits for the echo');
  h.receive(login('amy'));
  assert.equal(h.session.phase, 'in');
  assert.deepEqual(h.told('entered'), [['lobby']]);
  assert.deepEqual(h.told('divider'), [['room.earlier']]);
  assert.deepEqual(h.told('chatLine').map(([frame]) => frame.id), [7]);
  assert.equal(h.told('presence')[0][1].key, 'room.joined');
});

test('the handshake tells the limits, and the defaults stand in for a server that does not', () => {
  const h = harness();
  h.session.join('amy', 'lobby');
  h.greet();
  assert.equal(h.session.limits.lineLength, 2000);
  h.greet({ limits: { lineLength: 140, nicknameLength: 12, ratePerSecond: 2, rateBurst: 3 } });
  assert.equal(h.session.limits.lineLength, 140);
  assert.equal(h.session.limits.nicknameLength, 12);
  assert.equal(h.session.limits.roomLength, 32, 'a limit not sent keeps its default');
  assert.ok(h.told('limitsChanged').length >= 2);
});

test('lines typed while away go out in batches the server rate allows', () => {
  const h = inTheLobby();
  h.session.closed(1006);
  for (let i = 1; i <= 5; i += 1) h.session.say(`line ${i}`);
  h.greet({ limits: { ratePerSecond: 2, rateBurst: 3 } }); // batches of 2, every second
  h.receive(login('amy', { recovered: true }));
  const lines = () => h.sent.filter((frame) => frame.type === 'user').map((frame) => frame.content);
  assert.deepEqual(lines(), ['line 1', 'line 2']);
  h.clock.advance(999);
  assert.equal(lines().length, 2);
  h.clock.advance(1);
  assert.deepEqual(lines(), ['line 1', 'line 2', 'line 3', 'line 4']);
  h.clock.advance(1000);
  assert.equal(lines().length, 5);
});

test('after a drop the login asks for the lines after the last one shown, and what was in flight is settled by the replay', () => {
  const h = inTheLobby();
  h.session.say('sent before the drop');
  h.session.closed(1006);
  assert.equal(h.session.phase, 'rejoining');
  assert.equal(h.shown.get('sent before the drop'), 'unsure');
  h.session.say('typed while away');
  assert.equal(h.shown.get('typed while away'), 'queued');
  h.greet();
  assert.deepEqual(h.lastSent(), { type: 'login', content: 'amy', typing: true, since: 2 });
  h.receive(line(3, 'amy', 'sent before the drop', { history: true }));
  h.receive(line(4, 'bea', 'meanwhile', { history: true }));
  h.receive(login('amy', { recovered: true }));
  assert.equal(h.session.phase, 'in');
  assert.equal(h.shown.has('sent before the drop'), false, 'the replay showed it arrived: not sent again');
  assert.deepEqual(h.sent.filter((frame) => frame.type === 'user').map((frame) => frame.content),
    ['sent before the drop', 'typed while away']);
  assert.deepEqual(h.told('divider').at(-1), ['room.whileAway']);
  assert.equal(h.told('presence').at(-1)[1].key, 'room.back');
});

test('a catch-up the server could not make exactly is marked as a gap', () => {
  const h = inTheLobby();
  h.session.closed(1001);
  h.greet();
  h.receive(line(90, 'bea', 'recent', { history: true }));
  h.receive(login('amy', { recovered: false }));
  assert.deepEqual(h.told('gap'), [['room.gap']]);
  assert.equal(h.told('chatLine').at(-1)[0].id, 90);
});

test('a refused nickname sends a joiner back to the form', () => {
  const h = harness();
  h.session.join('amy', 'lobby');
  h.greet();
  h.receive({ type: 'system', from: 'system', content: 'taken', code: 'nickname_taken' });
  assert.equal(h.session.phase, 'out');
  assert.equal(h.told('nicknameRefused')[0][0].code, 'nickname_taken');
});

test('a name still held after a drop is asked for again, then given up with the lines kept', () => {
  const h = inTheLobby();
  h.session.closed(1006);
  h.greet();
  h.session.say('waiting');
  for (const delay of TAKEN_RETRY_DELAYS_MS) {
    const logins = h.sent.filter((frame) => frame.type === 'login').length;
    h.receive({ type: 'system', from: 'system', content: 'taken', code: 'nickname_taken' });
    h.clock.advance(delay - 1);
    assert.equal(h.sent.filter((frame) => frame.type === 'login').length, logins);
    h.clock.advance(1);
    assert.equal(h.sent.filter((frame) => frame.type === 'login').length, logins + 1);
  }
  assert.equal(h.told('notice').filter(([notice]) => notice.key === 'notice.nameHeld').length, 1);
  h.receive({ type: 'system', from: 'system', content: 'taken', code: 'nickname_taken' });
  assert.equal(h.session.phase, 'out');
  assert.equal(h.shown.get('waiting'), 'unsent');
  assert.equal(h.told('wentOut').length, 1);
});

test('a line turned away for now goes again after a pause, and the user is told once', () => {
  const h = inTheLobby();
  h.session.say('busy');
  const refuse = () => h.receive({ type: 'system', from: 'system', content: 'slow down', code: 'rate_limited' });
  refuse();
  assert.equal(h.shown.get('busy'), 'queued');
  h.clock.advance(1500);
  assert.equal(h.shown.get('busy'), 'sent');
  refuse();
  h.clock.advance(1500);
  assert.equal(h.told('notice').filter(([notice]) => notice.code === 'rate_limited').length, 1);
  h.receive(line(3, 'amy', 'busy'));
  assert.equal(h.shown.has('busy'), false);
});

test('a line refused for what it says comes back for editing', () => {
  const h = inTheLobby();
  h.session.say('bad');
  h.receive({ type: 'system', from: 'system', content: 'no', code: 'invalid_character' });
  assert.equal(h.shown.get('bad'), 'unsent');
  assert.equal(h.told('handBack')[0][0].text, 'bad');
});

test('a server that forgot us gets one login again per socket, and the refused lines go after it', () => {
  const h = inTheLobby();
  h.session.say('forgotten');
  const forgot = () => h.receive({ type: 'system', from: 'system', content: 'who?', code: 'not_logged_in' });
  forgot();
  assert.equal(h.session.phase, 'rejoining');
  assert.equal(h.lastSent().type, 'login');
  assert.equal(h.shown.get('forgotten'), 'queued');
  h.receive(login('amy', { recovered: true }));
  assert.equal(h.lastSent().content, 'forgotten');
  forgot();
  assert.equal(h.session.phase, 'in', 'no second login on the same socket');
  assert.equal(h.told('notice').at(-1)[0].code, 'not_logged_in');
});

test('an older server that does not know typing notices is not sent any more, quietly', () => {
  const h = inTheLobby();
  const throttle = { due: () => true };
  h.session.typed(throttle);
  assert.equal(h.lastSent().type, 'typing');
  h.receive({ type: 'system', from: 'system', content: '?', code: 'unknown_type' });
  assert.equal(h.session.typingSupported, false);
  assert.equal(h.told('notice').length, 0);
  const count = h.sent.length;
  h.session.typed(throttle);
  assert.equal(h.sent.length, count);
});

test('a refused room hangs up and puts the user back on the form', () => {
  const h = harness();
  h.session.join('amy', 'c1ass');
  h.greet();
  h.receive({ type: 'system', from: 'system', content: 'no', code: 'room_invalid' });
  assert.equal(h.socket.closes, 1);
  assert.equal(h.session.room, null);
  assert.equal(h.session.phase, 'out');
  assert.equal(h.told('roomRefused').length, 1);
});

test('a connection closed for a frame too big does not send the lines in flight again', () => {
  const h = inTheLobby();
  h.session.say('x'.repeat(10));
  h.session.closed(1009);
  assert.equal(h.shown.get('x'.repeat(10)), 'unsent');
});

test('the server\'s own notices reach the views with their code', () => {
  const h = inTheLobby();
  for (const code of ['announcement', 'server_shutdown', 'kicked', 'room_closed']) {
    h.receive({ type: 'system', from: 'system', content: code, code, reason: 'spam' });
  }
  const notices = h.told('notice').map(([notice]) => [notice.code, notice.tone]);
  assert.deepEqual(notices, [
    ['announcement', 'info'], ['server_shutdown', 'info'], ['kicked', 'warning'], ['room_closed', 'warning'],
  ]);
});

test('the online list is the echo\'s, then the views hear only who came and went', () => {
  const h = inTheLobby();
  const came = (from) => h.receive({ type: 'login', from, content: `${from} joined`, room: 'lobby' });
  const went = (from) => h.receive({ type: 'logout', from, content: `${from} left`, room: 'lobby' });
  const changes = () => h.calls.filter(([call]) => ['users', 'userJoined', 'userLeft'].includes(call));
  assert.deepEqual(h.session.roster.names(), ['bea', 'amy']);
  assert.deepEqual(changes(), [['users', ['bea', 'amy'], 'amy']]);

  came('cat');
  assert.deepEqual(h.session.roster.names(), ['bea', 'amy', 'cat']);
  assert.deepEqual(changes().slice(1), [['userJoined', 'cat']]);
  went('bea');
  assert.deepEqual(h.session.roster.names(), ['amy', 'cat']);
  assert.deepEqual(changes().slice(2), [['userLeft', 'bea']]);
  came('cat'); // listed already: a second server's announcement, or one that crossed our echo
  went('dan'); // a stranger
  assert.deepEqual(h.session.roster.names(), ['amy', 'cat']);
  assert.equal(h.session.roster.size, 2);
  assert.equal(changes().length, 3, 'nothing to redraw');

  // An older server sends the whole list with each change: it is taken as it is.
  h.receive({ type: 'login', from: 'eve', room: 'lobby', users: ['amy', 'cat', 'dan', 'eve'] });
  assert.deepEqual(h.session.roster.names(), ['amy', 'cat', 'dan', 'eve']);
  assert.deepEqual(changes().at(-1), ['users', ['amy', 'cat', 'dan', 'eve'], 'amy']);
});

test('a login or logout naming several people changes the list by each of them', () => {
  const h = inTheLobby();
  const changes = () => h.calls.filter(([call]) => ['users', 'userJoined', 'userLeft'].includes(call));
  h.receive({
    type: 'login', from: 'cat', names: ['cat', 'dan', 'eve'], content: 'cat and 2 others joined', room: 'lobby',
  });
  assert.deepEqual(h.session.roster.names(), ['bea', 'amy', 'cat', 'dan', 'eve']);
  assert.deepEqual(changes().slice(1), [['userJoined', 'cat'], ['userJoined', 'dan'], ['userJoined', 'eve']]);
  assert.equal(h.told('presence').length, 2, 'one notice for the three (after our own)');

  h.receive({ type: 'logout', from: 'bea', names: ['bea', 'dan'], content: 'bea and dan left', room: 'lobby' });
  assert.deepEqual(h.session.roster.names(), ['amy', 'cat', 'eve']);
  assert.deepEqual(changes().slice(4), [['userLeft', 'bea'], ['userLeft', 'dan']]);
});

test('leaving logs out, and joining again asks for the lines after the last one shown', () => {
  const h = inTheLobby();
  h.session.leave();
  assert.equal(h.lastSent().type, 'logout');
  assert.equal(h.session.phase, 'out');
  h.session.join('amy', 'lobby');
  assert.deepEqual(h.lastSent(), { type: 'login', content: 'amy', typing: true, since: 2 });
});
