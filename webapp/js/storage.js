// The last nickname used, remembered across visits. Storage can be switched off or full (private
// windows, strict settings); then the page simply forgets instead of failing.

const NICKNAME_KEY = 'chatroom.nickname';

export function loadNickname() {
  try {
    return window.localStorage.getItem(NICKNAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveNickname(nickname) {
  try {
    window.localStorage.setItem(NICKNAME_KEY, nickname);
  } catch {
    // Not remembering a nickname is no reason to stop joining.
  }
}

// What this tab showed of each room: the ids of the first and last line of the stretch its list
// showed without a gap. Kept in sessionStorage, so for this tab only and as long as it is open:
// a reload (or coming back to the room from another) asks the server for those lines again.
const SHOWN_KEY_PREFIX = 'chatroom.shown.';

/** The stretch this tab showed of the room, `{ first, last }`, or null if it showed none. */
export function loadShown(room) {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(SHOWN_KEY_PREFIX + room) ?? 'null');
    const { first, last } = stored ?? {};
    const isId = (id) => Number.isSafeInteger(id) && id >= 0;
    return isId(first) && isId(last) && first <= last ? { first, last } : null;
  } catch {
    return null; // storage switched off, or a value some other version wrote
  }
}

export function saveShown(room, { first, last }) {
  try {
    window.sessionStorage.setItem(SHOWN_KEY_PREFIX + room, JSON.stringify({ first, last }));
  } catch {
    // A reload then shows the room's recent lines instead; no reason to stop chatting.
  }
}
