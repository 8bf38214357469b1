// Catching up after a reconnect or a reload, without a gap and without a line twice. No DOM.
//
// Every login to a room whose lines the list shows carries `since`, the id of the last of them,
// and the server replays exactly the lines after it. The replay is held until the login's echo
// says whether it is exact (`recovered`); if the server could not (too much missed, or its
// history was reset), a marker says that some lines are missing, above the recent lines it sent.

import { isLineId } from './seen.js';

// After a reload, at most this many of the lines the tab showed are asked for again; the server
// catches up at most 1,000 lines by default (chatroom.recovery.max-lines), which leaves room for
// what was said meanwhile.
export const RELOAD_LINES = 500;

export class CatchUp {
  #seen;
  #memory;
  #held = [];
  #since = null;
  #replaying = false;

  /** `seen`: the list's SeenLines; `memory`: loadShown/saveShown of this tab (storage.js). */
  constructor(seen, memory) {
    this.#seen = seen;
    this.#memory = memory;
  }

  /**
   * The `since` of a login to `room`. When the list shows the room, the last line it shows. When
   * it shows nothing of the room but this tab did (a reload, or back from another room), the first
   * line the tab showed: the server replays that conversation and everything said after it, so
   * the reader finds the same conversation with no gap (a plain login would give only the room's
   * last 50 lines). Keeping ids rather than lines means no message text is stored in the browser.
   * Otherwise null: a newcomer, who gets the room's recent lines.
   */
  since(room, listRoom) {
    if (room === listRoom && this.#seen.lastId(room) !== null) return this.#seen.lastId(room);
    const shown = this.#memory.loadShown(room);
    if (shown === null) return null;
    return Math.max(shown.first - 1, shown.last - RELOAD_LINES, 0);
  }

  /** A login asking for the lines after `since` (null: a newcomer's) went out. */
  begin(since) {
    this.#since = since;
    this.#held = [];
  }

  /** Keeps a replayed line until the echo comes; true for the first one (history is loading). */
  hold(frame) {
    this.#held.push(frame);
    if (this.#replaying) return false;
    this.#replaying = true;
    return true;
  }

  /**
   * The echo came. Answers what to draw, in order: `gap` (the server could not send all that was
   * missed), the `divider` key above replayed lines, and the `lines` the list does not show yet.
   * `recovered` true: exactly the lines after `since`; false: the room's recent lines instead;
   * null: a newcomer's login.
   */
  settle(room, recovered) {
    const seen = this.#seen;
    const hadLines = seen.hasAny(room);
    // Safety net: after an exact catch-up, nothing at or before the last line shown is new.
    const shownUpTo = recovered === true ? seen.lastId(room) : null;
    const gap = recovered === false;
    if (gap) seen.restart(room);
    const lines = [];
    for (const frame of this.#held) {
      if (seen.has(room, frame)) continue;
      if (shownUpTo !== null && isLineId(frame.id) && frame.id <= shownUpTo) continue;
      seen.add(room, frame);
      lines.push(frame);
    }
    seen.settle(room, gap ? 0 : this.#since ?? 0);
    this.remember(room);
    const above = hadLines ? 'room.whileAway' : 'room.earlier';
    const divider = lines.length > 0 && !gap ? above : null;
    return { gap, divider, lines };
  }

  /** Forgets held lines; true if a replay was under way (its loading state should end). */
  end() {
    this.#held = [];
    const was = this.#replaying;
    this.#replaying = false;
    return was;
  }

  /** Remembers for this tab what its list shows of the room, for a reload to ask for again. */
  remember(room) {
    const { first, last } = this.#seen.stretch(room);
    this.#memory.saveShown(room, { first, last });
  }
}
