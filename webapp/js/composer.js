// The message box: grows with its text, counts characters near the server's limit, sends on
// Enter (not while an input method is composing), and takes back a line the server refused.

import { byId } from './dom.js';
import { t } from './i18n.js';
import { Code, fitsInFrame, lineLength } from './protocol.js';
import { TYPING_SEND_EVERY_MS, TypingThrottle } from './typing.js';

const form = byId('composer');
const input = byId('message-input');
const charCount = byId('char-count');

const INPUT_MAX_PX = 160;
// The length counter shows from this share of the line limit on.
const COUNT_FROM = 0.9;

export class Composer {
  #session;
  #tell;
  #announce;
  #throttle;
  #overLimitAnnounced = false;

  /** `tell(notice)`: shows a notice in the room; `announce(text)`: says it to screen readers. */
  constructor(session, { tell, announce }) {
    this.#session = session;
    this.#tell = tell;
    this.#announce = announce;
    this.#throttle = new TypingThrottle(undefined,
      () => Math.max(TYPING_SEND_EVERY_MS, session.limits.typingIntervalMs));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#send();
    });
    input.addEventListener('keydown', (event) => {
      // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    input.addEventListener('input', () => {
      this.fit();
      this.updateCount();
      if (input.value.trim() !== '') session.typed(this.#throttle);
    });
  }

  #send() {
    const text = input.value;
    if (text.trim() === '') return; // the server would only answer empty_message
    const { limits } = this.#session;
    const length = lineLength(text);
    if (length > limits.lineLength || !fitsInFrame(text, limits)) {
      const over = length - limits.lineLength;
      const key = over > 0 ? 'count.tooLong' : 'count.tooBig';
      const params = { over, max: limits.lineLength, length };
      this.#tell({ key, params, code: Code.MESSAGE_TOO_LONG, tone: 'warning' });
      input.focus();
      return;
    }
    input.value = '';
    this.fit();
    this.updateCount();
    this.#throttle.reset(); // the next line's first key may say "typing" again at once
    this.#session.say(text);
    input.focus();
  }

  /** Grows the box with its text up to a limit, then scrolls inside it. */
  fit() {
    input.style.height = 'auto';
    const borders = input.offsetHeight - input.clientHeight;
    const wanted = input.scrollHeight + borders;
    input.style.height = `${Math.min(wanted, INPUT_MAX_PX)}px`;
    input.style.overflowY = wanted > INPUT_MAX_PX ? 'auto' : 'hidden';
  }

  /** The length counter: only near the limit, where it helps; red and announced once over it. */
  updateCount() {
    const max = this.#session.limits.lineLength;
    const used = lineLength(input.value);
    const over = used - max;
    charCount.hidden = used < max * COUNT_FROM;
    charCount.classList.toggle('over', over > 0);
    charCount.textContent = over > 0
      ? `${t('count.left', { used, max })} · ${t('count.over', { over })}`
      : t('count.left', { used, max });
    if (over > 0 && !this.#overLimitAnnounced) this.#announce(t('count.over', { over }));
    this.#overLimitAnnounced = over > 0;
  }

  /** Moves an unsent line back into the box and off the list. */
  edit(item) {
    const current = input.value;
    input.value = current.trim() === '' ? item.text : `${item.text}\n${current}`;
    this.#session.outbox.discard(item);
    this.fit();
    this.updateCount();
    input.focus();
  }

  /** A line the server refused comes back for editing, unless the user is writing another. */
  handBack(item) {
    if (input.value.trim() === '') this.edit(item);
  }

  focus() {
    input.focus();
  }
}
