// The user's own lines on their way: shown at once, last in the list, with their state (queued,
// sent, unsure, unsent) and, once given up, Retry / Edit / Discard. outbox.js decides the states.

import { byId, element } from './dom.js';
import { t } from './i18n.js';
import { linkify } from './links.js';
import { scrollToNewest } from './message-list.js';

const messages = byId('messages');

/** A line the user typed that the room has not echoed yet; `updateOutgoing` tracks its state. */
export function renderOutgoing(text, author) {
  const item = element('li', 'msg own outgoing');
  item.dataset.type = 'user';
  item.dataset.testid = 'message';
  item.dataset.from = author;
  const meta = element('p', 'meta');
  meta.append(element('span', 'author', author), ' ', element('span', 'state'));
  const body = element('p', 'text');
  body.append(linkify(text));
  item.append(meta, body, element('p', 'actions'));
  // Pending lines go last, after any other pending ones.
  messages.append(item);
  scrollToNewest();
  return item;
}

/** `reason` is an i18n key (e.g. 'reason.left'), kept so the line can be relabelled. */
export function updateOutgoing(item, state, reason = '') {
  item.dataset.state = state;
  item.dataset.reason = reason;
  const label = t(`line.${state}`);
  item.querySelector('.state').textContent = reason ? `${label}: ${t(reason)}` : label;
  const actions = item.querySelector('.actions');
  actions.replaceChildren();
  if (state === 'unsent') {
    for (const action of ['retry', 'edit', 'discard']) {
      const button = element('button', 'link-button', t(`line.${action}`));
      button.type = 'button';
      button.dataset.action = action;
      actions.append(button);
    }
  }
}

export function removeOutgoing(item) {
  item.remove();
}

/** The language changed: relabel the lines still pending. */
export function relabelOutgoing() {
  for (const item of messages.querySelectorAll(':scope > .outgoing')) {
    updateOutgoing(item, item.dataset.state, item.dataset.reason ?? '');
  }
}

/** Calls `act(action, item)` when one of a given-up line's buttons is pressed. */
export function onLineAction(act) {
  messages.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest('button[data-action]');
    if (button) act(button.dataset.action, button.closest('li'));
  });
}
