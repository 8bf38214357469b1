// Drawing the room: the message list, the user list and which screen is up. Everything a person
// typed (nicknames, lines, room names) goes into the page as text nodes only, never as markup.

const byId = (id) => document.getElementById(id);

const joinScreen = byId('join-screen');
const roomScreen = byId('room-screen');
const roomName = byId('room-name');
const messages = byId('messages');
const users = byId('users');
const userCount = byId('user-count');
const userPanel = byId('user-panel');
const usersToggle = byId('users-toggle');

// Within this many pixels of the end counts as "reading the latest": new lines keep it in view.
// Further up, the reader is looking at something older and is left alone.
const STICKY_PX = 80;

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const fullStamp = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A <time> in the reader's locale; the date is added only for lines from another day. */
function timeElement(millis) {
  if (typeof millis !== 'number' || !Number.isFinite(millis)) return null;
  const date = new Date(millis);
  const sameDay = date.toDateString() === new Date().toDateString();
  const node = element('time', 'stamp', (sameDay ? timeOnly : dateAndTime).format(date));
  node.dateTime = date.toISOString();
  node.title = fullStamp.format(date);
  return node;
}

function isNearBottom() {
  return messages.scrollHeight - messages.scrollTop - messages.clientHeight < STICKY_PX;
}

function append(node, { scroll = false } = {}) {
  const stick = scroll || isNearBottom();
  messages.append(node);
  if (stick) messages.scrollTop = messages.scrollHeight;
  return node;
}

export function showJoinScreen() {
  roomScreen.hidden = true;
  joinScreen.hidden = false;
}

export function showRoomScreen(room) {
  roomName.textContent = room;
  joinScreen.hidden = true;
  roomScreen.hidden = false;
  messages.scrollTop = messages.scrollHeight;
}

export function clearMessages() {
  messages.replaceChildren();
}

/** While a history replay streams in, screen readers wait and then read it once, not line by line. */
export function setLoadingHistory(loading) {
  if (loading) messages.setAttribute('aria-busy', 'true');
  else messages.removeAttribute('aria-busy');
}

/** A chat line (`user` frame). */
export function renderChatLine(frame, { own = false, history = false } = {}) {
  const item = element('li', 'msg');
  item.dataset.type = 'user';
  item.dataset.testid = 'message';
  if (frame.id !== undefined) item.dataset.id = String(frame.id);
  item.dataset.from = String(frame.from ?? '');
  if (own) item.classList.add('own');
  if (history) {
    item.classList.add('history');
    item.dataset.history = 'true';
  }

  const meta = element('p', 'meta');
  meta.append(element('span', 'author', String(frame.from ?? '')));
  const stamp = timeElement(frame.time);
  if (stamp) meta.append(' ', stamp);
  item.append(meta, element('p', 'text', String(frame.content ?? '')));
  return append(item, { scroll: own && !history });
}

/** A join or leave notice (`login` / `logout` frame); `text` replaces the server's wording. */
export function renderPresence(frame, { own = false, text } = {}) {
  const item = element('li', 'notice presence');
  item.dataset.type = frame.type;
  item.dataset.testid = 'message';
  item.dataset.from = String(frame.from ?? '');
  if (own) item.classList.add('own');
  item.append(element('span', 'text', text ?? String(frame.content ?? '')));
  const stamp = timeElement(frame.time);
  if (stamp) item.append(' ', stamp);
  return append(item);
}

/** A notice from the server (`system` frame) or from the page itself. */
export function renderNotice(text, { code = '', tone = 'info' } = {}) {
  const item = element('li', `notice system ${tone}`);
  item.dataset.type = 'system';
  item.dataset.testid = 'message';
  if (code) item.dataset.code = code;
  item.append(element('span', 'text', text));
  return append(item, { scroll: true });
}

/** A separator above replayed history ("Earlier messages"). */
export function renderDivider(label) {
  const item = element('li', 'divider');
  item.dataset.role = 'divider';
  item.append(element('span', '', label));
  return append(item);
}

const OUTGOING_LABELS = {
  queued: 'waiting to send',
  sent: 'sending…',
  unsure: 'sending…',
  unsent: 'not sent',
};

/** A line the user typed that the room has not echoed yet; `updateOutgoing` tracks its state. */
export function renderOutgoing(text, author) {
  const item = element('li', 'msg own outgoing');
  item.dataset.type = 'user';
  item.dataset.testid = 'message';
  item.dataset.from = author;
  const meta = element('p', 'meta');
  meta.append(element('span', 'author', author), ' ', element('span', 'state'));
  item.append(meta, element('p', 'text', text), element('p', 'actions'));
  return append(item, { scroll: true });
}

export function updateOutgoing(item, state, reason = '') {
  item.dataset.state = state;
  const label = OUTGOING_LABELS[state] ?? state;
  item.querySelector('.state').textContent = reason ? `${label}: ${reason}` : label;
  const actions = item.querySelector('.actions');
  actions.replaceChildren();
  if (state === 'unsent') {
    for (const [action, caption] of [['retry', 'Retry'], ['edit', 'Edit'], ['discard', 'Discard']]) {
      const button = element('button', 'link-button', caption);
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
  const items = nicknames.map((nickname) => {
    const item = element('li', 'user', String(nickname));
    item.dataset.testid = 'user';
    item.dataset.nickname = String(nickname);
    if (nickname === me) {
      item.classList.add('me');
      item.append(' ', element('span', 'you', '(you)'));
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
