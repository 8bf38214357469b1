// The chat protocol as the page sees it: frame shapes and the naming rules the server enforces.
// Everything that builds or reads a frame goes through here, so a protocol change touches one file.

import { t } from './i18n.js';

/** The protocol version this page understands; the server announces its own in the handshake. */
export const PROTOCOL_VERSION = 1;

export const Type = Object.freeze({
  HANDSHAKE: 'handshake',
  LOGIN: 'login',
  USER: 'user',
  LOGOUT: 'logout',
  SYSTEM: 'system',
  // Extension: someone is typing. Only clients that say `typing: true` at login receive it.
  TYPING: 'typing',
  /** Extension: an operator removed the line of `id`. */
  DELETE: 'delete',
});

/** Codes of `system` frames the page reacts to; any other code is shown by its text. */
export const Code = Object.freeze({
  MALFORMED_FRAME: 'malformed_frame',
  UNKNOWN_TYPE: 'unknown_type',
  NOT_LOGGED_IN: 'not_logged_in',
  ALREADY_LOGGED_IN: 'already_logged_in',
  NICKNAME_TAKEN: 'nickname_taken',
  NICKNAME_INVALID: 'nickname_invalid',
  ROOM_INVALID: 'room_invalid',
  EMPTY_MESSAGE: 'empty_message',
  MESSAGE_TOO_LONG: 'message_too_long',
  INVALID_CHARACTER: 'invalid_character',
  FORGED_FROM: 'forged_from',
  RATE_LIMITED: 'rate_limited',
  SERVER_FULL: 'server_full',
  STORE_UNAVAILABLE: 'store_unavailable',
  BINARY_UNSUPPORTED: 'binary_unsupported',
});

/** Codes that refuse one chat line for what it says: sending it again would not help. */
export const LINE_REFUSALS = new Set([
  Code.EMPTY_MESSAGE,
  Code.MESSAGE_TOO_LONG,
  Code.INVALID_CHARACTER,
  Code.FORGED_FROM,
]);

/**
 * The server closes the connection on a larger text frame (1009; the server's default
 * chatroom.frame.max-size is 65,536 characters). Staying well below it means a
 * pasted novel is refused here, instead of dropping the connection again after every reconnect.
 */
export const MAX_FRAME_BYTES = 60000;

/** Close code of a frame too big for the server. */
export const CLOSE_TOO_BIG = 1009;

export const DEFAULT_ROOM = 'lobby';
/** The server's default chatroom.message.max-length, in characters (code points). */
export const MAX_LINE_LENGTH = 2000;
const ROOM_MAX_LENGTH = 32;
// Same rule as RoomName.java; \p{..} needs the u flag.
const ROOM_PATTERN = /^[\p{L}\p{N}_-]+$/u;

// The login asks for typing notices; servers that do not know the field ignore it. With `since`
// (the id of the last line seen in the room) the server replays exactly the lines after it and
// says in its echo whether it could (`recovered`); without it, the room's recent lines.
export const loginFrame = (nickname, since = null) => JSON.stringify(since === null
  ? { type: Type.LOGIN, content: nickname, typing: true }
  : { type: Type.LOGIN, content: nickname, typing: true, since });
export const typingFrame = () => JSON.stringify({ type: Type.TYPING });
export const chatFrame = (text) => JSON.stringify({ type: Type.USER, content: text });
export const logoutFrame = () => JSON.stringify({ type: Type.LOGOUT });

/** Whether a chat line fits in one frame the server will read. */
export function fitsInFrame(text) {
  return new TextEncoder().encode(chatFrame(text)).length <= MAX_FRAME_BYTES;
}

/**
 * Reads a server frame, or answers null for anything that is not a protocol object, so that one
 * odd frame (or a proxy's error page) never throws inside the socket handler.
 */
export function parseFrame(data) {
  if (typeof data !== 'string') return null;
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) return null;
  if (typeof frame.type !== 'string') return null;
  return frame;
}

/** The room as the server will name it: it lower-cases (Locale.ROOT) and trims. */
export function normalizeRoom(raw) {
  return String(raw ?? '').trim().toLowerCase();
}

/** Why the server would refuse this (already normalized) room name, or null if it would not. */
export function roomProblem(name) {
  const length = [...name].length; // code points, as the server counts them
  if (length === 0) return t('join.roomMissing');
  if (length > ROOM_MAX_LENGTH || !ROOM_PATTERN.test(name)) {
    return t('join.roomBad', { max: ROOM_MAX_LENGTH });
  }
  return null;
}

/**
 * Why a nickname cannot be sent at all, or null. Only emptiness is checked here: the length limit
 * is a server setting, and its refusal is shown just as well.
 */
export function nicknameProblem(raw) {
  return String(raw ?? '').trim() === '' ? t('join.nicknameMissing') : null;
}

/** A line's length as the server counts it: in code points, so an emoji is one, not two. */
export function lineLength(text) {
  let count = 0;
  // eslint-disable-next-line no-unused-vars
  for (const _ of text) count += 1;
  return count;
}

/** Two nicknames are the same person in a room if these keys match (the server folds the same way). */
export function nameKey(name) {
  return String(name ?? '').normalize('NFKC').toLowerCase();
}
