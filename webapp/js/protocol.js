// The chat protocol as the page sees it: frame shapes, the server's limits and its naming rules.
// Everything that builds or reads a frame goes through here, so a protocol change touches one file.
// It decides nothing about wording: problems come back as i18n keys for the views to translate.

/** The protocol version this page understands; the server announces its own in the handshake. */
export const PROTOCOL_VERSION = 3;

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

/** Codes of `system` frames the page reacts to; every other code is shown as a notice. */
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
  TOO_MANY_CONNECTIONS: 'too_many_connections',
  LOGIN_TIMEOUT: 'login_timeout',
  ANNOUNCEMENT: 'announcement',
  KICKED: 'kicked',
  ROOM_CLOSED: 'room_closed',
  SERVER_SHUTDOWN: 'server_shutdown',
});

/** Codes that refuse one chat line for what it says: sending it again would not help. */
export const LINE_REFUSALS = new Set([
  Code.EMPTY_MESSAGE,
  Code.MESSAGE_TOO_LONG,
  Code.INVALID_CHARACTER,
  Code.FORGED_FROM,
]);

/** Close code of a frame too big for the server. */
export const CLOSE_TOO_BIG = 1009;

export const DEFAULT_ROOM = 'lobby';

/**
 * The server's limits as its `handshake` announces them (`limits`); until one arrives, or from a
 * server too old to send them, the defaults of a server nobody configured.
 */
export const DEFAULT_LIMITS = Object.freeze({
  lineLength: 2000, // chatroom.message.max-length, in code points
  nicknameLength: 32, // chatroom.nickname.max-length
  roomLength: 32,
  frameSize: 65536, // chatroom.frame.max-size, in UTF-16 units of the frame's text
  ratePerSecond: 5, // chatroom.rate.per-second
  rateBurst: 30, // chatroom.rate.burst
  typingIntervalMs: 2000, // chatroom.typing.interval-ms
});

/** The limits of a handshake: each field the server sent as a positive number, else the default. */
export function readLimits(frame) {
  const sent = frame?.limits !== null && typeof frame?.limits === 'object' ? frame.limits : {};
  const limits = {};
  for (const [name, fallback] of Object.entries(DEFAULT_LIMITS)) {
    const value = sent[name];
    const usable = typeof value === 'number' && Number.isFinite(value) && value > 0;
    limits[name] = usable ? value : fallback;
  }
  return Object.freeze(limits);
}

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

/**
 * Whether a chat line fits in one frame the server will read; a larger one would get the
 * connection closed (1009) after every reconnect. The server counts the frame's text in UTF-16
 * units, as JavaScript's `length` does.
 */
export function fitsInFrame(text, limits = DEFAULT_LIMITS) {
  return chatFrame(text).length <= limits.frameSize;
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

/**
 * Why the server would refuse this (already normalized) room name, as an i18n key and its
 * parameters, or null if it would not.
 */
export function roomProblem(name, limits = DEFAULT_LIMITS) {
  const length = [...name].length; // code points, as the server counts them
  if (length === 0) return { key: 'join.roomMissing' };
  if (length > limits.roomLength || !ROOM_PATTERN.test(name)) {
    return { key: 'join.roomBad', params: { max: limits.roomLength } };
  }
  return null;
}

/**
 * Why a nickname cannot be sent at all, or null: empty, or longer than the server's limit (when
 * its handshake has told it: null `limits` checks emptiness only). The server's other rules
 * (look-alikes, invisible characters) are its own, and their refusal is shown just as well.
 */
export function nicknameProblem(raw, limits = null) {
  const name = String(raw ?? '').trim();
  if (name === '') return { key: 'join.nicknameMissing' };
  if (limits !== null && [...name].length > limits.nicknameLength) {
    return { key: 'join.nicknameLong', params: { max: limits.nicknameLength } };
  }
  return null;
}

/** A line's length as the server counts it: in code points, so an emoji is one, not two. */
export function lineLength(text) {
  let count = 0;
  // eslint-disable-next-line no-unused-vars
  for (const _ of text) count += 1;
  return count;
}

/**
 * A key to recognise the page's own nickname in the server's frames, which spell it the server's
 * way. The server's own rule is stricter (room/Names.java: NFKC case folding, then the Unicode
 * confusables skeleton, so look-alikes are one name); the page never decides who is who by it.
 */
export function nameKey(name) {
  return String(name ?? '').normalize('NFKC').toLowerCase();
}

/**
 * Who a `login` or `logout` tells of: `names` when the server told several at once (version 3),
 * else `from` alone.
 */
export function presenceNames(frame) {
  if (Array.isArray(frame.names) && frame.names.length > 0) return frame.names.map(String);
  return [String(frame.from ?? '')];
}
