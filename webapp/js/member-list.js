// Who is in the room: the online list (greyed while the connection is down, a drawer over the
// messages on a narrow screen) and the "alice is typing…" line under the messages.

import { byId, element } from './dom.js';
import { t } from './i18n.js';
import { nameKey } from './protocol.js';

const roomScreen = byId('room-screen');
const messages = byId('messages');
const users = byId('users');
const userCount = byId('user-count');
const userPanel = byId('user-panel');
const usersToggle = byId('users-toggle');
const typing = byId('typing');

// Below this width the user list is a drawer over the messages, closed unless asked for.
const narrowScreen = window.matchMedia('(max-width: 720px)');

// The list's items by nameKey, so that a join or a leave touches one item, not the whole list.
const items = new Map();
let shownMe = null;

function userItem(nickname) {
  const item = element('li', 'user', nickname);
  item.dataset.testid = 'user';
  item.dataset.nickname = nickname;
  if (nickname === shownMe) {
    item.classList.add('me');
    item.append(element('span', 'you', t('room.you')));
  }
  return item;
}

function showCount() {
  userCount.textContent = String(items.size);
}

/** The whole online list; `me` is marked so the user finds themself at a glance. */
export function renderUsers(nicknames, me) {
  shownMe = me;
  items.clear();
  for (const nickname of nicknames) items.set(nameKey(nickname), userItem(String(nickname)));
  users.replaceChildren(...items.values());
  showCount();
}

/** One more at the end of the list, in the order they joined. */
export function addUser(nickname) {
  const key = nameKey(nickname);
  if (items.has(key)) return;
  const item = userItem(String(nickname));
  items.set(key, item);
  users.append(item);
  showCount();
}

export function removeUser(nickname) {
  const key = nameKey(nickname);
  items.get(key)?.remove();
  if (items.delete(key)) showCount();
}

/** Grey the user list while disconnected: it may no longer be true. */
export function setUsersStale(stale) {
  userPanel.classList.toggle('stale', stale);
}

function setUsersOpen(open) {
  userPanel.hidden = !open;
  usersToggle.setAttribute('aria-expanded', String(open));
  roomScreen.classList.toggle('users-open', open);
}

function usersOpen() {
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

/** The language changed: only "(you)" and the typing line have words to translate. */
export function relabelMembers() {
  for (const you of users.querySelectorAll('.you')) you.textContent = t('room.you');
  setTyping(typing.dataset.names ? typing.dataset.names.split('\n') : []);
}

/** Opens the list beside the messages on a wide screen; the drawer stays closed on a narrow one. */
export function startMemberList() {
  setUsersOpen(!narrowScreen.matches);
  narrowScreen.addEventListener('change', () => setUsersOpen(!narrowScreen.matches));
  usersToggle.addEventListener('click', () => {
    const open = !usersOpen();
    setUsersOpen(open);
    if (open && narrowScreen.matches) userPanel.focus();
  });
  userPanel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && narrowScreen.matches) {
      setUsersOpen(false);
      usersToggle.focus();
    }
  });
  // On a phone the open drawer covers the messages; a tap on them means "done with the list".
  messages.addEventListener('pointerdown', () => {
    if (narrowScreen.matches && usersOpen()) setUsersOpen(false);
  });
}
