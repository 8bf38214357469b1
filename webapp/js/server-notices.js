// What the session does with each `system` frame: most are told to the user, some change what
// the page does (a refused login, a line turned away for now, a server that forgot us). No DOM:
// notices go to the views as { code, text } for them to translate.

import { Code, LINE_REFUSALS } from './protocol.js';
import { NOT_NOW_PAUSE_MS } from './sending.js';

// A dropped connection can leave the old session holding the nickname on the server until it
// notices; re-login is retried for about a minute and a half before the user is asked to act.
export const TAKEN_RETRY_DELAYS_MS = [2000, 4000, 8000, 16000, 30000, 30000];

// Notices that tell rather than warn.
const INFORMATION = new Set([Code.ANNOUNCEMENT, Code.SERVER_SHUTDOWN]);

export class ServerNotices {
  #session;
  #timer = 0;
  #takenRetries = 0;
  #reloggedOnThisSocket = false; // not_logged_in answered once per socket, never in a loop

  constructor(session) {
    this.#session = session;
  }

  /** A new socket was greeted. */
  newSocket() {
    this.#reloggedOnThisSocket = false;
  }

  /** In the room, left, or the socket dropped: no login retry is due any more. */
  stopRetrying() {
    this.#session.clock.clearTimeout(this.#timer);
    this.#timer = 0;
    if (this.#session.phase === 'in') this.#takenRetries = 0;
  }

  told(frame) {
    const session = this.#session;
    const code = typeof frame.code === 'string' ? frame.code : '';
    const notice = { code, text: String(frame.content ?? ''), frame };
    switch (code) {
      case Code.UNKNOWN_TYPE:
        if (session.typingPending || session.typingSupported === null) {
          // An older server that does not know typing notices: stop sending them, quietly.
          session.typingSupported = false;
          session.typingPending = false;
          return;
        }
        break;
      case Code.NICKNAME_TAKEN:
      case Code.NICKNAME_INVALID:
        this.#nicknameRefused(notice);
        return;
      case Code.ROOM_INVALID:
        session.transport.close(); // the server closes too; redialling would fail again
        if (session.phase !== 'out') session.goOut('reason.roomRefused');
        session.room = null;
        session.ui.roomRefused(notice);
        return;
      case Code.RATE_LIMITED:
      case Code.STORE_UNAVAILABLE:
        // Too fast, or the database is away (servers sharing rooms record logins there too):
        // the login or the line was not kept, so it goes again in a moment.
        this.#notNow(notice);
        return;
      case Code.NOT_LOGGED_IN:
        if (session.phase === 'in' && !this.#reloggedOnThisSocket) {
          // The server forgot us while the socket stayed up: log in again, resend what it refused.
          this.#reloggedOnThisSocket = true;
          session.phase = 'rejoining';
          session.sender.stop();
          session.outbox.requeueSent();
          session.sendLogin();
          return;
        }
        if (session.phase === 'out') return;
        break;
      default:
        if (LINE_REFUSALS.has(code)) {
          // The server answers each line in order, so a refusal is of the oldest line in flight.
          const item = session.outbox.reject('reason.refused');
          session.ui.notice({ ...notice, tone: 'warning' });
          if (item !== null) session.ui.handBack(item);
          return;
        }
    }
    const tone = code === '' || INFORMATION.has(code) ? 'info' : 'warning';
    session.ui.notice({ ...notice, tone });
  }

  #nicknameRefused(notice) {
    const session = this.#session;
    if (session.phase === 'joining') {
      session.phase = 'out';
      session.ui.nicknameRefused(notice);
      return;
    }
    if (session.phase !== 'rejoining') {
      session.ui.notice({ ...notice, tone: 'warning' });
      return;
    }
    if (notice.code === Code.NICKNAME_TAKEN && this.#takenRetries < TAKEN_RETRY_DELAYS_MS.length) {
      if (this.#takenRetries === 0) {
        session.ui.notice({ key: 'notice.nameHeld', params: { name: session.nickname } });
      }
      const delay = TAKEN_RETRY_DELAYS_MS[this.#takenRetries];
      this.#takenRetries += 1;
      this.#later(delay, () => session.phase === 'rejoining');
      return;
    }
    // Automatic re-login failed for good: back to the join screen, nothing typed is lost.
    session.goOut('reason.keptOut');
    session.ui.nicknameRefused(notice);
  }

  #notNow(notice) {
    const session = this.#session;
    if (session.loggingIn) {
      // Our login was turned away: ask again in a moment.
      this.#later(NOT_NOW_PAUSE_MS, () => session.phase !== 'out' && session.phase !== 'in');
      return;
    }
    if (session.sender.notNow(notice.code, session.phase === 'in')) {
      session.ui.notice({ ...notice, tone: 'warning' });
    }
  }

  /** Logs in again after `delay` if `still()` holds and the socket is greeted by then. */
  #later(delay, still) {
    const session = this.#session;
    session.clock.clearTimeout(this.#timer);
    this.#timer = session.clock.setTimeout(() => {
      this.#timer = 0;
      if (still() && session.handshake) session.sendLogin();
    }, delay);
  }
}
