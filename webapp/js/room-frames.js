// What the session does with the room's own frames: joins and leaves (its own login's echo
// among them), chat lines live and replayed, typing notices and removed lines. No DOM.

import { Type, nameKey, presenceNames } from './protocol.js';

export class RoomFrames {
  #session;

  constructor(session) {
    this.#session = session;
  }

  /** An operator removed the line of `id`: it stays in its place, its text replaced by a note. */
  removed(frame) {
    const session = this.#session;
    if (frame.room === session.room && Number.isSafeInteger(frame.id)) session.ui.removed(frame.id);
  }

  presence(frame) {
    const session = this.#session;
    // Until the login succeeds nothing is broadcast to this socket, so the first login frame
    // after ours is ours; the name check is only a safety net.
    const ours = frame.type === Type.LOGIN && nameKey(frame.from) === nameKey(session.nickname);
    if (session.loggingIn && ours) {
      this.#loggedIn(frame);
      return;
    }
    if (session.phase !== 'in') return;
    const names = presenceNames(frame);
    if (frame.type === Type.LOGOUT) names.forEach((name) => session.typingNames.stopped(name));
    session.ui.presence(frame, { own: frame.from === session.me });
    this.#changed(frame, names);
  }

  /**
   * The room's list after someone came or went: the server names only who (the whole list comes
   * once, with our own login), except an older server, which sends the list each time. The views
   * hear only what changed, so a join in a room of 10,000 redraws one name, not 10,000.
   */
  #changed(frame, names) {
    const { roster, ui } = this.#session;
    if (Array.isArray(frame.users)) {
      this.#resetMembers(frame.users);
      return;
    }
    for (const name of names) {
      if (frame.type === Type.LOGIN) {
        if (roster.joined(name)) ui.userJoined(name);
      } else if (roster.left(name)) {
        ui.userLeft(name);
      }
    }
  }

  #resetMembers(names) {
    const session = this.#session;
    session.roster.reset(names);
    session.ui.users(session.roster.names(), session.me);
  }

  #loggedIn(frame) {
    const session = this.#session;
    const firstTime = session.phase === 'joining';
    session.phase = 'in';
    session.me = String(frame.from);
    session.nickname = session.me;
    session.notices.stopRetrying();
    session.memory.saveNickname(session.me);
    if (firstTime) session.ui.entered(session.room);
    this.#showReplay(typeof frame.recovered === 'boolean' ? frame.recovered : null);
    const params = { room: session.room, name: session.me };
    session.ui.presence(frame, { own: true, key: firstTime ? 'room.joined' : 'room.back', params });
    this.#resetMembers(Array.isArray(frame.users) ? frame.users : [session.me]);
    session.ui.usersStale(false);
    // History has settled which lines in flight had arrived; the rest go out now, in order.
    session.flush();
  }

  #isOwn(frame) {
    const session = this.#session;
    if (session.me !== null) return frame.from === session.me;
    return nameKey(frame.from) === nameKey(session.nickname);
  }

  chatLine(frame) {
    const session = this.#session;
    if (session.phase === 'out') return;
    if (frame.history === true && session.phase !== 'in' && session.loginSent) {
      // The replay of our login: held until its echo says whether it is all that was missed.
      if (session.catchUp.hold(frame)) session.ui.loadingHistory(true);
      return;
    }
    if (session.seen.has(session.room, frame)) return; // a line this list already shows
    const own = this.#isOwn(frame);
    if (own) {
      session.outbox.acknowledge(String(frame.content ?? ''));
      session.sender.delivered();
    }
    session.seen.add(session.room, frame);
    session.catchUp.remember(session.room);
    session.typingNames.stopped(String(frame.from ?? '')); // the line they were typing has come
    session.ui.chatLine(frame, { own, history: frame.history === true });
  }

  #showReplay(recovered) {
    const session = this.#session;
    const { gap, divider, lines } = session.catchUp.settle(session.room, recovered);
    if (gap) session.ui.gap('room.gap');
    if (divider !== null) session.ui.divider(divider);
    for (const frame of lines) {
      const own = this.#isOwn(frame);
      // A line of ours in the replay is one that made it before the connection dropped.
      if (own) session.outbox.acknowledge(String(frame.content ?? ''), { unsure: true });
      session.ui.chatLine(frame, { own, history: true });
    }
    if (session.catchUp.end()) session.ui.loadingHistory(false);
  }

  typing(frame) {
    const session = this.#session;
    session.typingSupported = true;
    if (session.phase !== 'in' || typeof frame.from !== 'string' || frame.from === '') return;
    if (session.me !== null && nameKey(frame.from) === nameKey(session.me)) return;
    session.typingNames.typing(frame.from);
  }
}
