// Who is in the room: the online list (greyed while the connection is down, a drawer over the
// messages on a narrow screen) and the "alice is typing…" line under the messages.

import { byId, element } from './dom.js';
import { t } from './i18n.js';

const roomScreen = byId('room-screen');
const messages = byId('messages');
const users = byId('users');
const userCount = byId('user-count');
const userPanel = byId('user-panel');
const usersToggle = byId('users-toggle');
const typing = byId('typing');

// Below this width the user list is a drawer over the messages, closed unless asked for.
const narrowScreen = window.matchMedia('(max-width: 720px)');

let lastUsers = { nicknames: [], me: null };

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

/** The language changed: redraw the list and the typing line. */
export function relabelMembers() {
  renderUsers(lastUsers.nicknames, lastUsers.me);
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
