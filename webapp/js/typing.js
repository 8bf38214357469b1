// Who else is typing, from the `typing` notices of the room. A name shows until 5 s after its last
// notice (typists send one at most every 3 s while they type), or until its line arrives or its
// owner leaves, whichever comes first.

import { nameKey } from './protocol.js';

export const TYPING_SHOWN_MS = 5000;
/** How often this page tells the room that its user is typing, at most. */
export const TYPING_SEND_EVERY_MS = 3000;

export class TypingNames {
  #shown = new Map(); // nameKey → { name, timer }, in the order they started typing
  #onChange;

  /** @param onChange called with the names (oldest typist first) whenever the set changes */
  constructor(onChange) {
    this.#onChange = onChange;
  }

  /** A typing notice from `name` arrived. */
  typing(name) {
    const key = nameKey(name);
    const known = this.#shown.get(key);
    if (known !== undefined) clearTimeout(known.timer);
    const timer = setTimeout(() => this.stopped(name), TYPING_SHOWN_MS);
    this.#shown.set(key, { name: String(name), timer });
    if (known === undefined) this.#changed();
  }

  /** `name` said their line, or left: no longer typing. */
  stopped(name) {
    const key = nameKey(name);
    const known = this.#shown.get(key);
    if (known === undefined) return;
    clearTimeout(known.timer);
    this.#shown.delete(key);
    this.#changed();
  }

  /** Forgets everyone (left the room, connection lost). */
  clear() {
    if (this.#shown.size === 0) return;
    for (const { timer } of this.#shown.values()) clearTimeout(timer);
    this.#shown.clear();
    this.#changed();
  }

  get names() {
    return [...this.#shown.values()].map((entry) => entry.name);
  }

  #changed() {
    this.#onChange(this.names);
  }
}

/**
 * Decides when to tell the room "I am typing": at most once every TYPING_SEND_EVERY_MS while
 * keys are pressed, right away again after a line went out.
 */
export class TypingThrottle {
  #lastSent = -Infinity;
  #now;
  #every;

  /** `every()`: the least time between notices; the server relays one per member per its own. */
  constructor(now = () => Date.now(), every = () => TYPING_SEND_EVERY_MS) {
    this.#now = now;
    this.#every = every;
  }

  /** Whether a notice should go out now; if so, it counts as sent. */
  due() {
    const now = this.#now();
    if (now - this.#lastSent < this.#every()) return false;
    this.#lastSent = now;
    return true;
  }

  /** The line was sent (or the box emptied): the next key press may tell the room again. */
  reset() {
    this.#lastSent = -Infinity;
  }
}
