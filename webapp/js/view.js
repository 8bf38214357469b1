// Drawing the room: the message list, the user list, the typing line and which screen is up.
// Everything a person typed (nicknames, lines, room names) goes into the page as text nodes, and
// web links in lines as <a> elements built here, never as markup.

import { language, t } from './i18n.js';
import { linkify } from './links.js';

const byId = (id) => document.getElementById(id);

const joinScreen = byId('join-screen');
const roomScreen = byId('room-screen');
const roomName = byId('room-name');
const messages = byId('messages');
const newMessages = byId('new-messages');
const users = byId('users');
const userCount = byId('user-count');
const userPanel = byId('user-panel');
const usersToggle = byId('users-toggle');
const typing = byId('typing');

// Within this many pixels of the end counts as "reading the latest": new lines keep it in view.
// Further up, the reader is looking at something older and is left alone; a pill offers the way
// back down.
const STICKY_PX = 80;
// Consecutive lines of one author within this time share one header (name and time).
const GROUP_WINDOW_MS = 5 * 60 * 1000;

let formats = makeFormats();
let unseen = 0; // lines that arrived while the reader was scrolled up
let lastUsers = { nicknames: [], me: null };

function makeFormats() {
  const locale = language();
  return {
    time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
    dateAndTime: new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }),
    full: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }),
  };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const validTime = (millis) => typeof millis === 'number' && Number.isFinite(millis);

/** A <time> in the reader's language; the date is added only for lines from another day. */
function timeElement(millis, className = 'stamp') {
  if (!validTime(millis)) return null;
  const date = new Date(millis);
  const sameDay = date.toDateString() === new Date().toDateString();
  const node = element('time', className, (sameDay ? formats.time : formats.dateAndTime).format(date));
  node.dateTime = date.toISOString();
  node.title = formats.full.format(date);
  return node;
}

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

export function showJoinScreen() {
  roomScreen.hidden = true;
  joinScreen.hidden = false;
  setTyping([]);
}

export function showRoomScreen(room) {
  roomName.textContent = room;
  joinScreen.hidden = true;
  roomScreen.hidden = false;
  scrollToNewest();
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
  const name = String(frame.from ?? '');
  const wording = text
    ?? t(frame.type === 'logout' ? 'room.someoneLeft' : 'room.someoneJoined', { name });
  item.append(element('span', 'text', wording));
  const stamp = timeElement(frame.time);
  if (stamp) item.append(' ', stamp);
  return insert(item);
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

/** The online list; `me` is marked so the user finds themself at a glance. */
export function renderUsers(nicknames, me) {
  lastUsers = { nicknames: [...nicknames], me };
  const items = nicknames.map((nickname) => {
    const item = element('li', 'user', String(nickname));
    item.dataset.testid = 'user';
    item.dataset.nickname = String(nickname);
    if (nickname === me) {
      item.classList.add('me');
      item.append(element('span', 'you', t('room.you')));
    }
    return item;
  });
  users.replaceChildren(...items);
  userCount.textContent = String(nicknames.length);
}

/** Grey the user list while disconnected: it may no longer be true. */
export function setUsersStale(stale) {
  userPanel.classList.toggle('stale', stale);
}

export function setUsersOpen(open) {
  userPanel.hidden = !open;
  usersToggle.setAttribute('aria-expanded', String(open));
  roomScreen.classList.toggle('users-open', open);
}

export function usersOpen() {
  return !userPanel.hidden;
}

/** "alice is typing…", for the names given (oldest first); hidden when there are none. */
export function setTyping(names) {
  typing.dataset.names = names.join('\n');
  if (names.length === 0) {
    typing.hidden = true;
    typing.textContent = '';
    return;
  }
  const [a, b] = names;
  let text;
  if (names.length === 1) text = t('typing.one', { a });
  else if (names.length === 2) text = t('typing.two', { a, b });
  else text = t('typing.more', { a, b, count: names.length - 2 });
  typing.textContent = text;
  typing.hidden = false;
}

/** The language changed: redraw what the page wrote itself and will keep showing. */
export function relabel() {
  formats = makeFormats();
  renderUsers(lastUsers.nicknames, lastUsers.me);
  setUnseen(unseen);
  const names = typing.dataset.names ? typing.dataset.names.split('\n') : [];
  setTyping(names);
  for (const item of messages.querySelectorAll(':scope > .outgoing')) {
    updateOutgoing(item, item.dataset.state, item.dataset.reason ?? '');
  }
  for (const item of messages.querySelectorAll(':scope > .divider[data-label]')) {
    item.firstElementChild.textContent = t(item.dataset.label);
  }
}
