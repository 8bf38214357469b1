// Who is in the room, as the page knows it: the list of our login's echo, then who came and went.
// No DOM. A Map keeps the order they joined (the server's order) and lets a join or a leave cost
// the same in a room of 10,000 as in a room of two; names are told apart as the server tells them
// apart (nameKey), so "Bea" leaving takes "bea" with her.

import { nameKey } from './protocol.js';

export class Roster {
  #byKey = new Map(); // nameKey → the nickname as the server spells it

  /** Everyone at once: our login's echo, or an older server's list with each change. */
  reset(names) {
    this.#byKey = new Map();
    for (const name of names) this.joined(name);
  }

  /**
   * `name` came. False for a name already listed: two servers can each announce one member, and
   * a newcomer can find someone in its echo and then hear their login too.
   */
  joined(name) {
    const key = nameKey(name);
    if (this.#byKey.has(key)) return false;
    this.#byKey.set(key, String(name));
    return true;
  }

  /** `name` went. False for a stranger (a leave that crossed our echo, or was told twice). */
  left(name) {
    return this.#byKey.delete(nameKey(name));
  }

  has(name) {
    return this.#byKey.has(nameKey(name));
  }

  get size() {
    return this.#byKey.size;
  }

  /** The nicknames in the order they joined. */
  names() {
    return [...this.#byKey.values()];
  }
}
