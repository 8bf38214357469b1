// The page's session with the chat server, as a state machine with no DOM: what the page does
// with each frame, close and click, told to the views through the `ui` it is given. The session
// is always in one of four phases:
//
//   out        join screen; the socket may be open, but nobody is logged in on it
//   joining    Join pressed; the login goes out as soon as the socket is greeted (handshake)
//   in         the server announced our login; typed lines go out at once
//   rejoining  the socket dropped (or the server forgot us); the same nickname logs in again on
//              the next handshake, then the lines typed meanwhile go out
//
// A refused nickname sends joining back to out; Leave, or a re-login refused for good, sends in
// and rejoining back to out. The socket stays open on the join screen: the server lets a
// connection retry a login, and the status bar can tell early whether the server is reachable.

import { CatchUp } from './catch-up.js';
import { RoomFrames } from './room-frames.js';
import { Roster } from './roster.js';
import { LineSender } from './sending.js';
import { ServerNotices } from './server-notices.js';
import {
  CLOSE_TOO_BIG, DEFAULT_LIMITS, PROTOCOL_VERSION, Type, loginFrame, logoutFrame, parseFrame,
  readLimits, typingFrame,
} from './protocol.js';

export class Session {
  phase = 'out';
  room = null; // the room the connection is for
  listRoom = null; // the room whose lines the message list shows
  nickname = ''; // as typed while joining; the server's spelling once in
  me = null; // the server's spelling of our nickname, while in the room
  roster = new Roster(); // who is in the room: our login's echo, then who came and went
  limits = DEFAULT_LIMITS; // the server's, once a handshake told them (limitsKnown)
  limitsKnown = false;
  handshake = false; // the server greeted this socket: a login may go out
  loginSent = false;
  // null: not known yet; false: the server answered a typing notice with unknown_type (an older
  // server), so none are sent again; true: the server sent one, so it knows them.
  typingSupported = null;
  typingPending = false; // a typing notice went out and nothing has told yet whether it was known
  #versionWarned = false;

  /**
   * `transport`: open(room), send(text) → whether it went, close(), isOpen, dialling,
   * markHealthy(); `outbox`, `seen`, `typingNames`: outbox.js, seen.js, typing.js; `memory`:
   * storage.js's loadShown/saveShown/saveNickname; `clock`: setTimeout/clearTimeout.
   */
  constructor({ transport, outbox, seen, typingNames, memory, ui, clock = globalThis }) {
    Object.assign(this, { transport, outbox, seen, typingNames, memory, ui, clock });
    this.catchUp = new CatchUp(seen, memory);
    const send = (frame) => transport.send(frame);
    this.sender = new LineSender(outbox, send, () => this.flush(), clock);
    this.notices = new ServerNotices(this);
    this.frames = new RoomFrames(this);
  }

  get inRoom() {
    return this.phase === 'in' || this.phase === 'rejoining';
  }

  get loggingIn() {
    return (this.phase === 'joining' || this.phase === 'rejoining') && this.loginSent;
  }

  connectTo(room) {
    this.room = room;
    this.handshake = false;
    this.loginSent = false;
    this.transport.open(room);
  }

  sendLogin() {
    const since = this.catchUp.since(this.room, this.listRoom);
    this.catchUp.begin(since);
    this.loginSent = this.transport.send(loginFrame(this.nickname, since));
  }

  /** Join pressed with a checked nickname and room. */
  join(nickname, room) {
    if (this.phase !== 'out') return;
    this.nickname = nickname.trim();
    this.phase = 'joining';
    if (this.listRoom !== room) {
      // Another room: its lines and any unsent ones of the old room do not belong here.
      this.outbox.clear();
      this.ui.clearMessages();
      this.seen.forget(this.listRoom);
      this.listRoom = room;
    }
    if (this.room === room && this.handshake) this.sendLogin();
    else if (this.room !== room || !this.transport.dialling) this.connectTo(room);
    // else already dialling this room: the handshake sends the login.
  }

  /** Leave pressed. While rejoining there is nobody to log out: the dropped socket took us out. */
  leave() {
    if (this.phase === 'in') this.transport.send(logoutFrame());
    this.goOut('reason.left');
  }

  /** Back to the join screen; lines not yet delivered stay on the list, marked as unsent. */
  goOut(reason) {
    this.phase = 'out';
    this.me = null;
    this.notices.stopRetrying();
    this.#drop();
    this.outbox.abandon(reason);
    this.ui.wentOut();
  }

  /** The user typed a line that fits the server's limits. */
  say(text) {
    this.outbox.add(text);
    this.flush();
  }

  /** Sends what is waiting, if in the room and not told to pause. */
  flush() {
    if (this.phase === 'in') this.sender.flush(this.transport.isOpen);
  }

  /** Tells the room the user is typing, as often as `throttle` allows, if the server knows. */
  typed(throttle) {
    if (this.phase !== 'in' || this.typingSupported === false || !this.transport.isOpen) return;
    if (!throttle.due()) return;
    if (this.transport.send(typingFrame())) this.typingPending = this.typingSupported === null;
  }

  received(data) {
    const frame = parseFrame(data);
    if (frame === null) return; // not ours to read (a proxy's page, a future binary frame)
    switch (frame.type) {
      case Type.HANDSHAKE: this.#greeted(frame); break;
      case Type.LOGIN:
      case Type.LOGOUT: this.frames.presence(frame); break;
      case Type.USER: this.frames.chatLine(frame); break;
      case Type.SYSTEM: this.notices.told(frame); break;
      case Type.TYPING: this.frames.typing(frame); break;
      case Type.DELETE: this.frames.removed(frame); break;
      default: break; // a newer server's frame this page does not know: ignore, do not break
    }
  }

  /** The socket dropped (`code`: its close code); joining stays joining until the next one. */
  closed(code) {
    // Sending the same lines again would only get the connection closed again.
    if (this.inRoom && code === CLOSE_TOO_BIG) this.outbox.rejectInFlight('reason.tooBig');
    this.#lost();
  }

  /** The page came back from the back/forward cache, its socket gone: dial again. */
  resume() {
    if (this.room === null) return;
    this.#lost();
    this.connectTo(this.room);
  }

  /** The page is hidden for good or cached: hang up rather than linger as a ghost. */
  hangUp() {
    if (this.phase === 'in') this.transport.send(logoutFrame());
    this.transport.close();
  }

  /** What a lost socket ends: the greeting, the login in flight, timers, the typing line. */
  #lost() {
    this.handshake = false;
    this.loginSent = false;
    this.#drop();
    if (!this.inRoom) return;
    this.phase = 'rejoining';
    this.outbox.connectionLost();
    this.ui.usersStale(true);
  }

  #drop() {
    this.typingPending = false;
    this.notices.stopRetrying();
    this.sender.stop();
    if (this.catchUp.end()) this.ui.loadingHistory(false);
    this.typingNames.clear();
  }

  #greeted(frame) {
    this.transport.markHealthy();
    this.handshake = true;
    this.notices.newSocket();
    this.limits = readLimits(frame);
    this.limitsKnown = true;
    this.sender.useLimits(this.limits);
    this.ui.limitsChanged(this.limits);
    const newer = typeof frame.version === 'number' && frame.version > PROTOCOL_VERSION;
    if (newer && !this.#versionWarned) {
      this.#versionWarned = true;
      this.ui.notice({ key: 'notice.newerServer' });
    }
    if (this.phase === 'joining' || this.phase === 'rejoining') this.sendLogin();
  }
}
