// When the lines the user typed go out: at once while in the room, paced under the server's rate
// limit when many wait, and held back a moment when the server says "not now". No DOM.

import { DEFAULT_LIMITS, chatFrame } from './protocol.js';

// A line turned away by the rate limit, or by a database that is away, waits this long.
export const NOT_NOW_PAUSE_MS = 1500;

/**
 * A long queue goes out in batches the server's burst allows, each after the bucket has had the
 * time to refill it; the server's limits come with its handshake.
 */
export function pacing(limits = DEFAULT_LIMITS) {
  const batch = Math.max(1, Math.floor((limits.rateBurst * 2) / 3));
  return { batch, pauseMs: Math.ceil((batch / limits.ratePerSecond) * 1000) };
}

export class LineSender {
  #outbox;
  #send;
  #clock;
  #resume;
  #timer = 0;
  #pacing = pacing();
  #heldBy = null; // the code that holds our lines back (rate_limited, store_unavailable), told once

  /**
   * `send(text)`: puts a frame on the wire, true if it went; `resume()`: what a pause ends with (a
   * flush, if still in the room); `clock`: setTimeout/clearTimeout.
   */
  constructor(outbox, send, resume, clock = globalThis) {
    this.#outbox = outbox;
    this.#send = send;
    this.#resume = resume;
    this.#clock = clock;
  }

  useLimits(limits) {
    this.#pacing = pacing(limits);
  }

  /** Sends what is waiting, unless told to pause; `connected`: the socket is open. */
  flush(connected) {
    if (this.#timer !== 0) return;
    const waiting = this.#outbox.flush((text) => this.#send(chatFrame(text)), this.#pacing.batch);
    if (waiting > 0 && connected) this.pause(this.#pacing.pauseMs);
  }

  pause(delay) {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = 0;
      this.#resume();
    }, delay);
  }

  stop() {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = 0;
  }

  /** The room echoed one of our lines: whatever held them back is over. */
  delivered() {
    this.#heldBy = null;
  }

  /**
   * The server turned the oldest line in flight away for now (`code`): it goes again after a
   * pause. Answers whether the user should be told: once until a line gets through, not once per
   * try, or a database away for a minute would fill the list. `inRoom`: lines are going out (else
   * the refusal was of a login, and nothing is postponed).
   */
  notNow(code, inRoom) {
    const told = this.#timer !== 0 || this.#heldBy === code;
    if (inRoom && this.#outbox.postponeOldest() !== null) this.pause(NOT_NOW_PAUSE_MS);
    this.#heldBy = code;
    return !told;
  }
}
