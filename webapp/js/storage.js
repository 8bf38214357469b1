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
