// The message list: chat lines, join and leave notices, server notices, the dividers of replayed
// history, and the pill that offers the way down when lines arrive out of sight. Everything a
// person typed goes in as text nodes, and web links in lines as <a> elements built here.

import { byId, element } from './dom.js';
import { t } from './i18n.js';
import { linkify } from './links.js';
import { presenceNames } from './protocol.js';
import { timeElement, validTime } from './stamps.js';

const messages = byId('messages');
const newMessages = byId('new-messages');

// Within this many pixels of the end counts as "reading the latest": new lines keep it in view.
// Further up, the reader is looking at something older and is left alone; a pill offers the way
// back down.
const STICKY_PX = 80;
// Consecutive lines of one author within this time share one header (name and time).
const GROUP_WINDOW_MS = 5 * 60 * 1000;

let unseen = 0; // lines that arrived while the reader was scrolled up

function isNearBottom() {
  return messages.scrollHeight - messages.scrollTop - messages.clientHeight < STICKY_PX;
}

export function scrollToNewest() {
  messages.scrollTop = messages.scrollHeight;
  setUnseen(0);
}

function setUnseen(count) {
  unseen = count;
  newMessages.hidden = count === 0;
  newMessages.textContent = count === 0 ? ''
    : `${count === 1 ? t('room.newMessages.one') : t('room.newMessages.many', { count })} ↓`;
}

messages.addEventListener('scroll', () => {
  if (unseen > 0 && isNearBottom()) setUnseen(0);
});

/** Where new entries go: above the user's own lines still on their way, which stay last. */
function insertionPoint() {
  return messages.querySelector(
    ':scope > .outgoing:is([data-state="queued"], [data-state="sent"], [data-state="unsure"])');
}

/** The entry a new one would follow. */
function previousEntry() {
  const before = insertionPoint();
  return before === null ? messages.lastElementChild : before.previousElementSibling;
}

/**
 * Adds an entry. `scroll` forces the list down (the user's own doing); `counts` marks a line the
 * reader would want to know about if it arrives out of sight.
 */
function insert(node, { scroll = false, counts = false } = {}) {
  const stick = scroll || isNearBottom();
  messages.insertBefore(node, insertionPoint());
  if (stick) {
    scrollToNewest();
  } else if (counts) {
    setUnseen(unseen + 1);
  }
  return node;
}

export function clearMessages() {
  messages.replaceChildren();
  setUnseen(0);
}

/** While a history replay streams in, screen readers wait and then read it once, not line by line. */
export function setLoadingHistory(loading) {
  if (loading) messages.setAttribute('aria-busy', 'true');
  else messages.removeAttribute('aria-busy');
}

/** Whether a line by `from` at `time` continues the group of the entry before it. */
function continuesGroup(previous, { from, own, time, history }) {
  return previous !== null
    && previous.classList.contains('msg')
    && !previous.classList.contains('outgoing')
    && previous.dataset.from === from
    && previous.classList.contains('own') === own
    && (previous.dataset.history === 'true') === history
    && validTime(time)
    && previous.dataset.time !== undefined
    && time - Number(previous.dataset.time) >= 0
    && time - Number(previous.dataset.groupStart ?? previous.dataset.time) <= GROUP_WINDOW_MS;
}

/** A chat line (`user` frame). */
export function renderChatLine(frame, { own = false, history = false } = {}) {
  const from = String(frame.from ?? '');
  const time = frame.time;
  const item = element('li', 'msg');
  item.dataset.type = 'user';
  item.dataset.testid = 'message';
  if (frame.id !== undefined) item.dataset.id = String(frame.id);
  item.dataset.from = from;
  if (validTime(time)) item.dataset.time = String(time);
  if (own) item.classList.add('own');
  if (history) {
    item.classList.add('history');
    item.dataset.history = 'true';
  }

  const previous = previousEntry();
  if (continuesGroup(previous, { from, own, time, history })) {
    // Same author, moments later: no second header. Screen readers still hear who said it.
    item.classList.add('grouped');
    item.dataset.groupStart = previous.dataset.groupStart ?? previous.dataset.time;
    const stamp = timeElement(time);
    if (stamp) item.title = stamp.title;
    item.append(element('span', 'visually-hidden', `${t('room.saidBy', { name: from })} `));
  } else {
    if (validTime(time)) item.dataset.groupStart = String(time);
    const meta = element('p', 'meta');
    meta.append(element('span', 'author', from));
    const stamp = timeElement(time);
    if (stamp) meta.append(' ', stamp);
    item.append(meta);
  }
  const text = element('p', 'text');
  text.append(linkify(String(frame.content ?? '')));
  item.append(text);
  return insert(item, { scroll: own && !history, counts: !own && !history });
}

/** Replaces the text of the line with that id by a note; grouping and order stay as they were. */
export function markRemoved(id) {
  const item = messages.querySelector(`li.msg[data-id="${id}"]`);
  const text = item?.querySelector('.text');
  if (!text) return;
  item.classList.add('removed');
  text.dataset.i18n = 'room.lineRemoved';
  text.replaceChildren(t('room.lineRemoved'));
}

/** A join or leave notice (`login` / `logout` frame); `text` replaces the default wording. */
export function renderPresence(frame, { own = false, text } = {}) {
  const item = element('li', 'notice presence');
  item.dataset.type = frame.type;
  item.dataset.testid = 'message';
  item.dataset.from = String(frame.from ?? '');
  if (own) item.classList.add('own');
  const wording = text ?? presenceWording(frame);
  item.append(element('span', 'text', wording));
  const stamp = timeElement(frame.time);
  if (stamp) item.append(' ', stamp);
  return insert(item);
}

/** "bob joined", "bob and carol joined", "bob and 41 others joined" (and left). */
function presenceWording(frame) {
  const names = presenceNames(frame);
  const left = frame.type === 'logout';
  if (names.length === 1) return t(left ? 'room.someoneLeft' : 'room.someoneJoined', { name: names[0] });
  if (names.length === 2) {
    return t(left ? 'room.twoLeft' : 'room.twoJoined', { name: names[0], other: names[1] });
  }
  return t(left ? 'room.manyLeft' : 'room.manyJoined', { name: names[0], count: names.length - 1 });
}

/** A notice from the server (`system` frame) or from the page itself. */
export function renderNotice(text, { code = '', tone = 'info' } = {}) {
  const item = element('li', `notice system ${tone}`);
  item.dataset.type = 'system';
  item.dataset.testid = 'message';
  if (code) item.dataset.code = code;
  item.append(element('span', 'text', text));
  return insert(item, { scroll: true });
}

/**
 * A separator above replayed history; `key` names its label in i18n.js ('room.earlier'…), kept so
 * that a language switch relabels it.
 */
export function renderDivider(key) {
  const item = element('li', 'divider');
  item.dataset.role = 'divider';
  item.dataset.label = key;
  item.append(element('span', '', t(key)));
  return insert(item);
}

/** The marker where lines are missing: the server could not send all that was missed. */
export function renderGap(key) {
  const item = renderDivider(key);
  item.classList.add('gap');
  item.dataset.role = 'gap';
  item.dataset.testid = 'gap';
  return item;
}

/** The language changed: redraw what the list wrote itself and will keep showing. */
export function relabelMessages() {
  setUnseen(unseen);
  for (const item of messages.querySelectorAll(':scope > .divider[data-label]')) {
    item.firstElementChild.textContent = t(item.dataset.label);
  }
}
