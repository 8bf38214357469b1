// Which chat lines of each room this page has already shown, so that the history the server
// replays after every (re-)login adds only what was missed.
//
// A line is known by its id *and* its time: the server drops a room with its history and its id
// counter when the last connection leaves, so after a restart "id 3" can be a different line.

const MAX_PER_ROOM = 5000; // far more than any replay; keeps a tab open for days bounded

export class SeenLines {
  #rooms = new Map();

  has(room, frame) {
    return this.#rooms.get(room)?.has(keyOf(frame)) ?? false;
  }

  /** Whether anything of this room has been shown (a replay then brings what was missed). */
  hasAny(room) {
    return (this.#rooms.get(room)?.size ?? 0) > 0;
  }

  /** The list of this room was cleared: its lines may be shown again. */
  forget(room) {
    this.#rooms.delete(room);
  }

  add(room, frame) {
    if (frame.id === undefined || frame.id === null) return;
    let keys = this.#rooms.get(room);
    if (keys === undefined) {
      keys = new Set();
      this.#rooms.set(room, keys);
    }
    keys.add(keyOf(frame));
    if (keys.size > MAX_PER_ROOM) {
      keys.delete(keys.values().next().value); // a Set iterates oldest first
    }
  }
}

function keyOf(frame) {
  return `${frame.id}@${frame.time}`;
}
