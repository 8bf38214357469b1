// Lines the user typed that the room has not confirmed yet. The server echoes every line to its
// sender, in the order it received them, so the echo is the receipt; until it comes a line stays
// on screen as pending and is never dropped silently.
//
// States of a line:
//   queued  – typed while not in the room; goes out after the next (re-)login
//   sent    – on the wire, echo awaited
//   unsure  – was on the wire when the connection dropped: maybe the room has it, maybe not.
//             The history replayed after re-login settles it; what is not there is sent again.
//   unsent  – given up (the user left, or the server refused it); shown with Retry / Edit / Discard

export class Outbox {
  #items = [];
  #render;

  /**
   * @param render how lines are shown: { show(text) → handle, update(handle, state, reason),
   *   remove(handle) }; the handle is whatever `show` returns (a DOM element here).
   */
  constructor(render) {
    this.#render = render;
  }

  /** Takes a new line; it waits as `queued` until `flush`. */
  add(text) {
    const item = { text, state: 'queued', handle: null };
    item.handle = this.#render.show(text);
    this.#render.update(item.handle, item.state);
    this.#items.push(item);
    return item;
  }

  /**
   * Sends queued and unsure lines in typing order, at most `max` of them, stopping at the first
   * that cannot go. Answers how many are still waiting.
   */
  flush(send, max = Infinity) {
    let sent = 0;
    for (const item of this.#items) {
      if (item.state !== 'queued' && item.state !== 'unsure') continue;
      if (sent >= max || !send(item.text)) break;
      this.#set(item, 'sent');
      sent += 1;
    }
    return this.#items.filter((item) => item.state === 'queued' || item.state === 'unsure').length;
  }

  /**
   * An echo (or, with `{ unsure: true }`, a replayed history line) of the user's own line: the
   * oldest matching line in flight is done. Answers whether one matched.
   */
  acknowledge(text, { unsure = false } = {}) {
    const wanted = unsure ? 'unsure' : 'sent';
    const index = this.#items.findIndex((item) => item.state === wanted && item.text === text);
    if (index < 0) return false;
    const [item] = this.#items.splice(index, 1);
    this.#render.remove(item.handle);
    return true;
  }

  /** The server refused the oldest line in flight (too long, empty): answers it, marked unsent. */
  reject(reason) {
    const item = this.#items.find((candidate) => candidate.state === 'sent');
    if (item === undefined) return null;
    this.#set(item, 'unsent', reason);
    return item;
  }

  /** The server turned the oldest line in flight away for now (rate limit): it goes out again. */
  postponeOldest() {
    const item = this.#items.find((candidate) => candidate.state === 'sent');
    if (item === undefined) return null;
    this.#set(item, 'queued');
    return item;
  }

  /** The connection was closed because of what was in flight (too big): do not send it again. */
  rejectInFlight(reason) {
    for (const item of this.#items) {
      if (item.state === 'sent') this.#set(item, 'unsent', reason);
    }
  }

  /** The connection dropped: whatever was in flight may or may not have arrived. */
  connectionLost() {
    for (const item of this.#items) {
      if (item.state === 'sent') this.#set(item, 'unsure');
    }
  }

  /**
   * The server forgot the login (not_logged_in) while lines were in flight: those it refused go
   * back to the queue, to be sent after the automatic re-login.
   */
  requeueSent() {
    for (const item of this.#items) {
      if (item.state === 'sent') this.#set(item, 'queued');
    }
  }

  /** The user left the room (or was kept out): nothing more goes out on its own. */
  abandon(reason) {
    for (const item of this.#items) {
      if (item.state !== 'unsent') this.#set(item, 'unsent', reason);
    }
  }

  /** The line shown by this handle, if it is still pending. */
  find(handle) {
    return this.#items.find((item) => item.handle === handle) ?? null;
  }

  /** Puts an unsent line back in the queue, at the end, since the room has moved on since. */
  retry(item) {
    this.discard(item);
    return this.add(item.text);
  }

  discard(item) {
    const index = this.#items.indexOf(item);
    if (index < 0) return;
    this.#items.splice(index, 1);
    this.#render.remove(item.handle);
  }

  /** Forgets every line, e.g. when the list that shows them is cleared for another room. */
  clear() {
    for (const item of this.#items) this.#render.remove(item.handle);
    this.#items = [];
  }

  /** Lines that are still to be delivered (not given up). */
  get pendingCount() {
    return this.#items.filter((item) => item.state !== 'unsent').length;
  }

  #set(item, state, reason = '') {
    item.state = state;
    this.#render.update(item.handle, state, reason);
  }
}
