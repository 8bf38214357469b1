// The one WebSocket to the current room, kept alive: when it drops, it is dialled again after an
// exponential, jittered back-off, so a restarted server is not hit by every open tab at the same
// instant. This module knows nothing of chat frames; session.js decides what to say once it is open.

export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 30000;

/**
 * The wait before retry number `attempt` (0-based): 1 s doubling up to 30 s, each shortened by up
 * to a quarter at random so that clients that dropped together spread out.
 */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt, 16));
  return Math.round(base * (1 - 0.25 * random()));
}

/**
 * Events (all CustomEvent, details in `event.detail`):
 * - `status`: { state: 'connecting' | 'connected' | 'waiting' | 'offline', retryAt, failures,
 *   everOpened, url } — everything the status bar needs.
 * - `open`, `frame` (detail: the raw text), `close` (detail: { code, reason, wasOpen }).
 */
export class Connection extends EventTarget {
  #url = null;
  #socket = null;
  #wanted = false;
  #attempt = 0;
  #timer = 0;
  #retryAt = 0;
  #everOpened = false;
  // Consecutive dials that never opened: the help box appears once this says "unreachable".
  #failures = 0;
  #state = 'offline';

  get url() {
    return this.#url;
  }

  get isOpen() {
    return this.#socket !== null && this.#socket.readyState === WebSocket.OPEN;
  }

  get state() {
    return this.#state;
  }

  /** Connects to `url` and stays connected; a call with the URL already in use does nothing. */
  open(url) {
    if (this.#wanted && url === this.#url) return;
    this.#teardown();
    if (url !== this.#url) {
      this.#attempt = 0;
      this.#failures = 0;
    }
    this.#url = url;
    this.#wanted = true;
    this.#dial();
  }

  /** Hangs up on purpose: no reconnect until the next `open`. */
  close() {
    this.#wanted = false;
    this.#teardown();
    this.#setState('offline');
  }

  /** Skips the rest of a back-off wait (a "retry now" button, the network coming back). */
  retryNow() {
    if (!this.#wanted || this.#socket !== null) return;
    clearTimeout(this.#timer);
    this.#dial();
  }

  /** Sends a text frame if the socket is open; answers whether it went out. */
  send(text) {
    if (!this.isOpen) return false;
    this.#socket.send(text);
    return true;
  }

  /**
   * The application answered on this connection, so the server is really up (not just a proxy
   * accepting the upgrade): the next drop starts the back-off from 1 s again.
   */
  markHealthy() {
    this.#attempt = 0;
  }

  #dial() {
    this.#setState('connecting');
    let socket;
    try {
      socket = new WebSocket(this.#url);
    } catch {
      // A URL the browser refuses outright (e.g. ws: from an https page) fails like a dead server.
      this.#failures += 1;
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    let opened = false;

    socket.addEventListener('open', () => {
      if (this.#socket !== socket) return; // let go of while connecting; teardown hangs it up
      opened = true;
      this.#everOpened = true;
      this.#failures = 0;
      this.#setState('connected');
      this.dispatchEvent(new CustomEvent('open'));
    });
    socket.addEventListener('message', (event) => {
      if (this.#socket !== socket) return;
      this.dispatchEvent(new CustomEvent('frame', { detail: event.data }));
    });
    // 'error' carries no detail and is always followed by 'close', which does the work.
    socket.addEventListener('close', (event) => {
      if (this.#socket !== socket) return; // an old socket we already let go of
      this.#socket = null;
      if (!opened) this.#failures += 1;
      this.dispatchEvent(new CustomEvent('close', {
        detail: { code: event.code, reason: event.reason, wasOpen: opened },
      }));
      // A close listener may have called close() to stop for good.
      if (this.#wanted) this.#scheduleRetry();
    });
  }

  #scheduleRetry() {
    clearTimeout(this.#timer);
    const delay = backoffDelay(this.#attempt);
    this.#attempt += 1;
    this.#retryAt = Date.now() + delay;
    this.#timer = setTimeout(() => this.#dial(), delay);
    this.#setState('waiting');
  }

  #teardown() {
    clearTimeout(this.#timer);
    const socket = this.#socket;
    this.#socket = null; // first, so its close event is ignored
    if (socket === null) return;
    if (socket.readyState === WebSocket.CONNECTING) {
      // Closing a socket still connecting makes Chrome log an error; let it open, then hang up.
      socket.addEventListener('open', () => socket.close(1000, 'Client left'));
    } else if (socket.readyState === WebSocket.OPEN) {
      socket.close(1000, 'Client left');
    }
  }

  #setState(state) {
    this.#state = state;
    this.dispatchEvent(new CustomEvent('status', {
      detail: {
        state,
        retryAt: this.#retryAt,
        failures: this.#failures,
        everOpened: this.#everOpened,
        url: this.#url,
      },
    }));
  }
}
