// Which chat lines of each room this page has already shown, so that the history the server
// replays after every (re-)login adds only what was missed, and from which line a login catches
// up (`since`).
//
// A line is known by its id *and* its time: when a room's history is reset (its database wiped),
// the ids start again, and "id 3" can be a different line.
//
// Besides the lines, each room keeps the stretch the list shows without a gap: `first`, the
// oldest line of it, and `last`, the newest. A login asks for the lines after `last`; a reload
// asks again from `first` (see catch-up.js).

const MAX_PER_ROOM = 5000; // far more than any replay; keeps a tab open for days bounded

/** Whether a frame's id is a line id the server would take back as `since`. */
export const isLineId = (id) => Number.isSafeInteger(id) && id >= 0;

export class SeenLines {
  #rooms = new Map();

  has(room, frame) {
    return this.#rooms.get(room)?.keys.has(keyOf(frame)) ?? false;
  }

  /** Whether anything of this room has been shown (a replay then brings what was missed). */
  hasAny(room) {
    return (this.#rooms.get(room)?.keys.size ?? 0) > 0;
  }

  /** The list of this room was cleared: its lines may be shown again. */
  forget(room) {
    this.#rooms.delete(room);
  }

  /** A line now shown; lines are shown in the order of their ids, so it is the newest. */
  add(room, frame) {
    if (!isLineId(frame.id)) return;
    const entry = this.#entry(room);
    entry.keys.add(keyOf(frame));
    if (entry.keys.size > MAX_PER_ROOM) {
      entry.keys.delete(entry.keys.values().next().value); // a Set iterates oldest first
    }
    entry.first ??= frame.id;
    entry.last = frame.id;
  }

  /** The id of the newest line shown of this room; null before a login has settled it. */
  lastId(room) {
    return this.#rooms.get(room)?.last ?? null;
  }

  /** The oldest and newest line of the stretch shown without a gap (either may be null). */
  stretch(room) {
    const entry = this.#rooms.get(room);
    return { first: entry?.first ?? null, last: entry?.last ?? null };
  }

  /**
   * The server could not send exactly the lines after the last one shown: what follows the gap
   * starts a new stretch (after a reset, with ids counted afresh).
   */
  restart(room) {
    const entry = this.#entry(room);
    entry.first = null;
    entry.last = null;
  }

  /**
   * A login has been answered and its replay shown: the room has no line newer than the last one
   * shown, or, if none is, than `upTo` (the login's `since`, or 0 for a room without lines).
   */
  settle(room, upTo) {
    const entry = this.#entry(room);
    entry.last ??= upTo;
  }

  #entry(room) {
    let entry = this.#rooms.get(room);
    if (entry === undefined) {
      entry = { keys: new Set(), first: null, last: null };
      this.#rooms.set(room, entry);
    }
    return entry;
  }
}

function keyOf(frame) {
  return `${frame.id}@${frame.time}`;
}
