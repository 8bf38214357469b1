// The join screen's list of rooms with people in them, from GET api/rooms (relative to the page,
// so it follows whatever context path the WAR is deployed under). When the list is empty or cannot
// be had, nothing shows: it is a shortcut, not something to wait for or explain.

import { t } from './i18n.js';

const REFRESH_MS = 15000;
const MAX_SHOWN = 12;

const box = document.getElementById('rooms');
const list = document.getElementById('room-list');

let lastRooms = [];
let chosen = null;
let timer = 0;
let pick = () => {};

/** Reads the answer defensively: a proxy's page or an older server must not break the form. */
function roomsOf(body) {
  if (body === null || typeof body !== 'object' || !Array.isArray(body.rooms)) return [];
  return body.rooms
    .filter((room) => room && typeof room.name === 'string' && room.name !== '')
    .map((room) => ({ name: room.name, users: Number.isFinite(room.users) ? room.users : 0 }))
    .slice(0, MAX_SHOWN);
}

function render(rooms) {
  lastRooms = rooms;
  const items = rooms.map(({ name, users }) => {
    const item = document.createElement('li');
    item.dataset.room = name;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'room-chip';
    button.setAttribute('aria-label', t('join.pickRoom', { room: name, count: users }));
    const label = document.createElement('span');
    label.className = 'room-chip-name';
    label.textContent = `#${name}`;
    const count = document.createElement('span');
    count.className = 'room-chip-count';
    count.textContent = t('join.roomUsers', { count: users });
    button.append(label, count);
    button.addEventListener('click', () => pick(name));
    item.append(button);
    return item;
  });
  list.replaceChildren(...items);
  box.hidden = items.length === 0;
  markChosen(chosen);
}

async function load() {
  try {
    const response = await fetch('api/rooms', {
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    render(roomsOf(await response.json()));
  } catch {
    render([]);
  }
}

/**
 * Shows the list while the join screen is up, refreshed now and then; `onPick(name)` is called
 * when a room is chosen.
 */
export function showActiveRooms(onPick) {
  pick = onPick;
  clearInterval(timer);
  load();
  timer = setInterval(() => {
    if (!document.hidden) load();
  }, REFRESH_MS);
}

/** The join screen is gone: stop asking. */
export function hideActiveRooms() {
  clearInterval(timer);
  timer = 0;
}

/** Marks the room that the room field names, so the pick is visible. */
export function markChosen(room) {
  chosen = room;
  for (const item of list.children) {
    const button = item.querySelector('button');
    button.setAttribute('aria-pressed', String(item.dataset.room === room));
  }
}

export function relabelRooms() {
  render(lastRooms);
}
