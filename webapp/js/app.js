// Start-up and wiring: the join form, the room screen, the connection, and the small state
// machine between them. The page is always in one of four phases:
//
//   out        join screen; the socket may be open, but nobody is logged in on it
//   joining    Join pressed; the login goes out as soon as the socket is greeted (handshake)
//   in         the server announced our login; typed lines go out at once
//   rejoining  the socket dropped (or the server forgot us); the same nickname logs in again on
//              the next handshake, then the lines typed meanwhile go out
//
// A refused nickname sends joining back to out; Leave, or a re-login refused for good, sends
// in and rejoining back to out. The socket stays open on the join screen: the server lets a
// connection retry a login, and the status bar can tell early whether the server is reachable.
//
// Catching up: every login to a room whose lines the list shows carries `since`, the id of the
// last of them, and the server replays exactly the lines after it, so a reconnect leaves no gap
// and doubles nothing. The replay is held until the login's echo says whether it is exact
// (`recovered`); if the server could not (too much missed, or its history was reset), a marker
// says that some lines are missing, above the recent lines it sent instead.
//
// Every word shown comes from i18n.js; a language switch redraws what the page wrote itself.

import { copyText } from './clipboard.js';
import { Connection } from './connection.js';
import {
  language, onLanguageChange, serverText, t, toggleLanguage, translatePage,
} from './i18n.js';
import { Outbox } from './outbox.js';
import {
  CLOSE_TOO_BIG,
  Code,
  DEFAULT_ROOM,
  LINE_REFUSALS,
  MAX_LINE_LENGTH,
  PROTOCOL_VERSION,
  Type,
  chatFrame,
  fitsInFrame,
  lineLength,
  loginFrame,
  logoutFrame,
  nameKey,
  nicknameProblem,
  normalizeRoom,
  parseFrame,
  roomProblem,
  typingFrame,
} from './protocol.js';
import { hideActiveRooms, markChosen, relabelRooms, showActiveRooms } from './rooms.js';
import { SeenLines, isLineId } from './seen.js';
import { showNotServed, showStatus } from './status.js';
import {
  loadNickname, loadShown, saveNickname, saveShown,
} from './storage.js';
import { TypingNames, TypingThrottle } from './typing.js';
import { inviteLink, roomFromAddress, servedOverHttp, showRoomInAddress, socketUrl } from './urls.js';
import * as view from './view.js';

const byId = (id) => document.getElementById(id);
const joinForm = byId('join-form');
const nicknameInput = byId('nickname');
const nicknameError = byId('nickname-error');
const roomInput = byId('room');
const roomError = byId('room-error');
const joinNotice = byId('join-notice');
const joinButton = byId('join-button');
const composer = byId('composer');
const messageInput = byId('message-input');
const messageList = byId('messages');
const inviteButton = byId('invite-button');
const usersToggle = byId('users-toggle');
const userPanel = byId('user-panel');
const leaveButton = byId('leave-button');
const announcer = byId('announcer');
const charCount = byId('char-count');
const langToggle = byId('lang-toggle');
const newMessagesPill = byId('new-messages');

// Below this width the user list is a drawer over the messages, closed unless asked for.
const narrowScreen = window.matchMedia('(max-width: 720px)');
const MESSAGE_INPUT_MAX_PX = 160;
// A dropped connection can leave the old session holding the nickname on the server until it
// notices; re-login is retried for about a minute and a half before the user is asked to act.
const TAKEN_RETRY_DELAYS_MS = [2000, 4000, 8000, 16000, 30000, 30000];
// The server allows bursts of 30 frames, then 5 a second. A long queue goes out in batches
// below that, and a line turned away by the rate limit waits a moment before it goes again.
const FLUSH_BATCH = 20;
const FLUSH_PAUSE_MS = 4000;
const RATE_LIMITED_PAUSE_MS = 1500;
// The length counter shows from this share of the line limit on.
const COUNT_FROM = 0.9;
// After a reload, at most this many of the lines the tab showed are asked for again; the server
// catches up at most 1,000 lines by default (chatroom.recovery.max-lines), which leaves room for
// what was said meanwhile.
const RELOAD_LINES = 500;

const connection = new Connection();
const seen = new SeenLines();
const typingNames = new TypingNames((names) => view.setTyping(names));
const typingThrottle = new TypingThrottle();

const state = {
  phase: 'out', // out | joining | in | rejoining
  room: null, // the room the connection is for
  listRoom: null, // the room whose lines the message list shows
  nickname: '', // as typed while joining; the server's spelling once in
  me: null, // the server's spelling of our nickname, while in the room
  handshake: false, // the server greeted this socket: a login may go out
  loginSent: false,
  since: null, // the `since` of the login in flight; null: a newcomer's login
  replaying: false, // history lines of a (re-)login are arriving
  replay: [], // those lines, held until the login's echo says what they are
  takenRetries: 0,
  takenTimer: 0,
  flushTimer: 0, // a paced or rate-limited flush of the outbox is pending
  reloggedOnThisSocket: false, // not_logged_in answered once per socket, never in a loop
  versionWarned: false,
  // null: not known yet; false: the server answered a typing notice with unknown_type (an older
  // server), so none are sent again; true: the server sent one, so it knows them.
  typingSupported: null,
  typingPending: false, // a typing notice went out and nothing has told yet whether it was known
  overLimitAnnounced: false,
  heldBy: null, // the code that holds our lines back (rate_limited, store_unavailable), told once
  unread: 0,
  lastStatus: { state: 'connecting', failures: 0, everOpened: false, retryAt: 0, url: null },
};

const outbox = new Outbox({
  show: (text) => view.renderOutgoing(text, state.me ?? state.nickname),
  update: (item, lineState, reason) => view.updateOutgoing(item, lineState, reason),
  remove: (item) => view.removeOutgoing(item),
});

const sendLine = (text) => connection.send(chatFrame(text));

/** Sends what is waiting, if in the room and not told to pause. */
function flushOutbox() {
  if (state.phase !== 'in' || state.flushTimer !== 0) return;
  const waiting = outbox.flush(sendLine, FLUSH_BATCH);
  if (waiting > 0 && connection.isOpen) pauseFlushing(FLUSH_PAUSE_MS);
}

function pauseFlushing(delay) {
  clearTimeout(state.flushTimer);
  state.flushTimer = setTimeout(() => {
    state.flushTimer = 0;
    flushOutbox();
  }, delay);
}

function stopFlushing() {
  clearTimeout(state.flushTimer);
  state.flushTimer = 0;
}

const inRoom = () => state.phase === 'in' || state.phase === 'rejoining';

// ---------------------------------------------------------------------------------------------
// Connection

function connectTo(room) {
  state.room = room;
  state.handshake = false;
  state.loginSent = false;
  connection.open(socketUrl(room));
}

function sendLogin() {
  state.since = catchUpFrom(state.room);
  state.replay = [];
  state.loginSent = connection.send(loginFrame(state.nickname, state.since));
}

/**
 * The `since` of a login to `room`. When the list shows the room, the last line it shows: the
 * server replays exactly what came after it (a reconnect, or joining again after Leave).
 *
 * When the list shows nothing of the room but this tab did (a reload, or back from another room),
 * the first line the tab showed, from sessionStorage (see storage.js): the server replays the
 * conversation the tab showed *and* everything said after it, exactly, so the reader finds the
 * same conversation with no gap. A plain login without `since` would give only the room's last
 * 50 lines (chatroom.history.size): the earlier part of the conversation would be gone, and a
 * gap would open unnoticed if more than that was said during the reload. Keeping the ids rather
 * than the lines means no message text is stored in the browser. At most RELOAD_LINES of the
 * old lines are asked for; if the server cannot send them all, its answer shows the marker.
 *
 * Otherwise null: a newcomer, who gets the room's recent lines.
 */
function catchUpFrom(room) {
  if (room === state.listRoom && seen.lastId(room) !== null) return seen.lastId(room);
  const shown = loadShown(room);
  if (shown === null) return null;
  return Math.max(shown.first - 1, shown.last - RELOAD_LINES, 0);
}

/** Remembers for this tab what its list shows of the room, for a reload to ask for again. */
function rememberShown(room) {
  const { first, last } = seen.stretch(room);
  saveShown(room, { first, last });
}

connection.addEventListener('status', (event) => {
  state.lastStatus = event.detail;
  showStatus(event.detail);
});

connection.addEventListener('frame', (event) => {
  const frame = parseFrame(event.detail);
  if (frame === null) return; // not ours to read (a proxy's page, a future binary frame)
  switch (frame.type) {
    case Type.HANDSHAKE: onHandshake(frame); break;
    case Type.LOGIN:
    case Type.LOGOUT: onPresence(frame); break;
    case Type.USER: onChatLine(frame); break;
    case Type.SYSTEM: onSystem(frame); break;
    case Type.TYPING: onTyping(frame); break;
    case Type.DELETE: onDelete(frame); break;
    default: break; // a newer server's frame this page does not know: ignore, do not break
  }
});

connection.addEventListener('close', (event) => {
  state.handshake = false;
  state.loginSent = false;
  state.typingPending = false;
  clearTimeout(state.takenTimer);
  stopFlushing();
  endReplay();
  typingNames.clear();
  if (inRoom()) {
    state.phase = 'rejoining';
    if (event.detail.code === CLOSE_TOO_BIG) {
      // Sending the same lines again would only get the connection closed again.
      outbox.rejectInFlight('reason.tooBig');
    }
    outbox.connectionLost();
    view.setUsersStale(true);
  }
  // joining stays joining: the login goes out as soon as a new socket is greeted.
});

/** A moderator removed a line: it stays in its place, its text replaced by a note. */
function onDelete(frame) {
  if (frame.room === state.room && Number.isSafeInteger(frame.id)) view.markRemoved(frame.id);
}

function onHandshake(frame) {
  connection.markHealthy();
  state.handshake = true;
  state.reloggedOnThisSocket = false;
  if (typeof frame.version === 'number' && frame.version > PROTOCOL_VERSION && !state.versionWarned) {
    state.versionWarned = true;
    notify(t('notice.newerServer'));
  }
  if (state.phase === 'joining' || state.phase === 'rejoining') sendLogin();
}

function onPresence(frame) {
  const awaitingOwnLogin = (state.phase === 'joining' || state.phase === 'rejoining')
      && state.loginSent && frame.type === Type.LOGIN;
  // Until the login succeeds nothing is broadcast to this socket, so the first login frame after
  // ours is ours; the name check is only a safety net.
  if (awaitingOwnLogin && nameKey(frame.from) === nameKey(state.nickname)) {
    loggedIn(frame);
    return;
  }
  if (state.phase !== 'in') return;
  if (frame.type === Type.LOGOUT) typingNames.stopped(String(frame.from ?? ''));
  view.renderPresence(frame, { own: frame.from === state.me });
  if (Array.isArray(frame.users)) view.renderUsers(frame.users, state.me);
}

/** Someone else in the room is typing (only servers that know the extension send this). */
function onTyping(frame) {
  state.typingSupported = true;
  if (state.phase !== 'in' || typeof frame.from !== 'string' || frame.from === '') return;
  if (state.me !== null && nameKey(frame.from) === nameKey(state.me)) return;
  typingNames.typing(frame.from);
}

/** Tells the room the user is typing: at most every few seconds, and only to servers that know. */
function typed() {
  if (state.phase !== 'in' || state.typingSupported === false) return;
  if (messageInput.value.trim() === '' || !connection.isOpen) return;
  if (!typingThrottle.due()) return;
  if (connection.send(typingFrame())) state.typingPending = state.typingSupported === null;
}

function loggedIn(frame) {
  const firstTime = state.phase === 'joining';
  state.phase = 'in';
  state.me = String(frame.from);
  state.nickname = state.me;
  state.takenRetries = 0;
  clearTimeout(state.takenTimer);
  saveNickname(state.me);

  if (firstTime) {
    joinNotice.hidden = true;
    hideActiveRooms();
    showRoomInAddress(state.room);
    resetJoinButton();
    view.showRoomScreen(state.room);
    fitMessageInput(); // only measurable now that the screen shows
    updateTitle();
    messageInput.focus();
  }
  showReplay(state.replay, typeof frame.recovered === 'boolean' ? frame.recovered : null);
  endReplay();
  view.renderPresence(frame, {
    own: true,
    text: firstTime
      ? t('room.joined', { room: state.room, name: state.me })
      : t('room.back', { room: state.room }),
  });
  view.renderUsers(Array.isArray(frame.users) ? frame.users : [state.me], state.me);
  view.setUsersStale(false);
  // History has settled which lines in flight had arrived; the rest go out now, in order.
  flushOutbox();
}

const isOwn = (frame) => (state.me !== null
  ? frame.from === state.me
  : nameKey(frame.from) === nameKey(state.nickname));

function onChatLine(frame) {
  if (state.phase === 'out') return;
  const room = state.room;
  if (frame.history === true && state.phase !== 'in' && state.loginSent) {
    // The replay of our login: held until its echo says whether it is all that was missed.
    if (!state.replaying) {
      state.replaying = true;
      view.setLoadingHistory(true);
    }
    state.replay.push(frame);
    return;
  }
  if (seen.has(room, frame)) return; // a line this list already shows
  const own = isOwn(frame);

  if (own) {
    outbox.acknowledge(String(frame.content ?? ''));
    state.heldBy = null;
  }
  seen.add(room, frame);
  rememberShown(room);
  typingNames.stopped(String(frame.from ?? '')); // the line they were typing has come
  view.renderChatLine(frame, { own, history: frame.history === true });
  if (document.hidden) {
    state.unread += 1;
    updateTitle();
  }
}

/**
 * Shows the lines a login replayed, now that its echo has said what they are. `recovered` true:
 * exactly the lines after `since`; false: the server could not send those (too many missed, or
 * its history was reset), these are its recent lines, after a marker that some are missing; null:
 * a newcomer's login (no `since`), the room's recent lines.
 */
function showReplay(frames, recovered) {
  const room = state.room;
  const hadLines = seen.hasAny(room);
  // Safety net: after an exact catch-up, nothing at or before the last line shown is new.
  const shownUpTo = recovered === true ? seen.lastId(room) : null;
  if (recovered === false) {
    view.renderGap('room.gap');
    seen.restart(room);
  }
  let divided = recovered === false;
  for (const frame of frames) {
    if (seen.has(room, frame)) continue;
    if (shownUpTo !== null && isLineId(frame.id) && frame.id <= shownUpTo) continue;
    if (!divided) {
      view.renderDivider(hadLines ? 'room.whileAway' : 'room.earlier');
      divided = true;
    }
    const own = isOwn(frame);
    // A line of ours in the replay is one that made it before the connection dropped.
    if (own) outbox.acknowledge(String(frame.content ?? ''), { unsure: true });
    seen.add(room, frame);
    view.renderChatLine(frame, { own, history: true });
  }
  seen.settle(room, recovered === false ? 0 : state.since ?? 0);
  rememberShown(room);
}

function endReplay() {
  state.replay = [];
  if (!state.replaying) return;
  state.replaying = false;
  view.setLoadingHistory(false);
}

function onSystem(frame) {
  const text = serverText(frame.code, String(frame.content ?? ''));
  switch (frame.code) {
    case Code.UNKNOWN_TYPE:
      if (state.typingPending || state.typingSupported === null) {
        // An older server that does not know typing notices: stop sending them, quietly.
        state.typingSupported = false;
        state.typingPending = false;
        break;
      }
      notify(text, { code: frame.code, tone: 'warning' });
      break;
    case Code.NICKNAME_TAKEN:
    case Code.NICKNAME_INVALID:
      nicknameRefused(frame.code, text);
      break;
    case Code.ROOM_INVALID:
      roomRefused(text);
      break;
    case Code.RATE_LIMITED:
    case Code.STORE_UNAVAILABLE:
      // Too fast, or the database is away (servers sharing rooms record logins there too): the
      // login or the line was not kept, so it goes again in a moment.
      notNow(frame.code, text);
      break;
    case Code.NOT_LOGGED_IN:
      if (state.phase === 'in' && !state.reloggedOnThisSocket) {
        // The server forgot us while the socket stayed up: log in again, resend what it refused.
        state.reloggedOnThisSocket = true;
        state.phase = 'rejoining';
        stopFlushing();
        outbox.requeueSent();
        sendLogin();
      } else if (state.phase !== 'out') {
        notify(text, { code: frame.code, tone: 'warning' });
      }
      break;
    default:
      if (LINE_REFUSALS.has(frame.code)) {
        lineRefused(frame.code, text);
        break;
      }
      // server_full, already_logged_in, malformed_frame, plain notices and codes yet to come.
      notify(text, { code: frame.code ?? '', tone: frame.code ? 'warning' : 'info' });
  }
}

/** The server answers each line in order, so a refusal belongs to the oldest line in flight. */
function lineRefused(code, text) {
  const item = outbox.reject('reason.refused');
  notify(text, { code, tone: 'warning' });
  // Hand the line back for editing rather than make the user retype it.
  if (item !== null && messageInput.value.trim() === '') editLine(item);
}

/** If the frame turned our login away, asks again in a moment; whether it did. */
function retryLogin() {
  if ((state.phase !== 'joining' && state.phase !== 'rejoining') || !state.loginSent) return false;
  clearTimeout(state.takenTimer);
  state.takenTimer = setTimeout(() => {
    if (state.phase !== 'out' && state.phase !== 'in' && state.handshake) sendLogin();
  }, RATE_LIMITED_PAUSE_MS);
  return true;
}

function notNow(code, text) {
  if (retryLogin()) return;
  // One notice until a line gets through, not one per try: a database away for a minute would
  // otherwise fill the list.
  const told = state.flushTimer !== 0 || state.heldBy === code;
  if (state.phase === 'in' && outbox.postponeOldest() !== null) {
    pauseFlushing(RATE_LIMITED_PAUSE_MS);
  }
  state.heldBy = code;
  if (!told) notify(text, { code, tone: 'warning' });
}

function nicknameRefused(code, text) {
  if (state.phase === 'joining') {
    state.phase = 'out';
    resetJoinButton();
    showFieldError(nicknameInput, nicknameError, text);
    nicknameInput.focus();
    nicknameInput.select();
    return;
  }
  if (state.phase !== 'rejoining') {
    notify(text, { code, tone: 'warning' });
    return;
  }
  if (code === Code.NICKNAME_TAKEN && state.takenRetries < TAKEN_RETRY_DELAYS_MS.length) {
    if (state.takenRetries === 0) {
      notify(t('notice.nameHeld', { name: state.nickname }));
    }
    const delay = TAKEN_RETRY_DELAYS_MS[state.takenRetries];
    state.takenRetries += 1;
    clearTimeout(state.takenTimer);
    state.takenTimer = setTimeout(() => {
      if (state.phase === 'rejoining' && state.handshake) sendLogin();
    }, delay);
    return;
  }
  keptOut(text);
}

/** Automatic re-login failed for good: back to the join screen, nothing typed is lost. */
function keptOut(text) {
  goOut('reason.keptOut');
  showFieldError(nicknameInput, nicknameError, text);
  nicknameInput.focus();
}

function roomRefused(text) {
  connection.close(); // the server closes too; redialling the same name would fail again
  if (state.phase !== 'out') goOut('reason.roomRefused');
  state.room = null;
  showFieldError(roomInput, roomError, text);
  roomInput.focus();
}

/** Shows a notice where the user is looking: in the room, or on the join form. */
function notify(text, { code = '', tone = 'info' } = {}) {
  if (inRoom()) {
    view.renderNotice(text, { code, tone });
  } else {
    joinNotice.textContent = text;
    joinNotice.hidden = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Join form

function showFieldError(input, errorElement, text) {
  errorElement.textContent = text;
  errorElement.hidden = false;
  input.setAttribute('aria-invalid', 'true');
}

function clearFieldError(input, errorElement) {
  errorElement.textContent = '';
  errorElement.hidden = true;
  input.removeAttribute('aria-invalid');
}

function resetJoinButton() {
  joinButton.disabled = false;
  joinButton.textContent = t('join.button');
}

joinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (state.phase !== 'out') return;
  clearFieldError(nicknameInput, nicknameError);
  clearFieldError(roomInput, roomError);
  joinNotice.hidden = true;

  const nicknameIssue = nicknameProblem(nicknameInput.value);
  const room = normalizeRoom(roomInput.value);
  roomInput.value = room;
  const roomIssue = roomProblem(room);
  if (roomIssue) showFieldError(roomInput, roomError, roomIssue);
  if (nicknameIssue) showFieldError(nicknameInput, nicknameError, nicknameIssue);
  if (nicknameIssue || roomIssue) {
    (nicknameIssue ? nicknameInput : roomInput).focus();
    return;
  }
  if (!servedOverHttp()) {
    notify(t('join.notServed'));
    return;
  }

  state.nickname = nicknameInput.value.trim();
  state.phase = 'joining';
  joinButton.disabled = true;
  joinButton.textContent = t('join.joining');

  if (state.listRoom !== room) {
    // Another room: its lines and any unsent ones of the old room do not belong here.
    outbox.clear();
    view.clearMessages();
    seen.forget(state.listRoom);
    state.listRoom = room;
  }
  if (state.room === room && state.handshake) {
    sendLogin();
  } else if (state.room === room && connection.state !== 'offline') {
    // Already dialling this room: the handshake sends the login.
  } else {
    connectTo(room);
  }
});

nicknameInput.addEventListener('input', () => clearFieldError(nicknameInput, nicknameError));
roomInput.addEventListener('input', () => {
  clearFieldError(roomInput, roomError);
  markChosen(normalizeRoom(roomInput.value));
});

/** A room picked from the active list: it goes in the room field; joining stays one click away. */
function pickRoom(name) {
  roomInput.value = name;
  clearFieldError(roomInput, roomError);
  markChosen(name);
  if (nicknameInput.value.trim() === '') nicknameInput.focus();
  else joinButton.focus();
}

// ---------------------------------------------------------------------------------------------
// Room screen

/** Leaves the room screen; lines not yet delivered stay on the list, marked as unsent. */
function goOut(reason) {
  state.phase = 'out';
  state.me = null;
  clearTimeout(state.takenTimer);
  stopFlushing();
  endReplay();
  typingNames.clear();
  outbox.abandon(reason);
  resetJoinButton();
  joinNotice.hidden = true;
  nicknameInput.value = state.nickname;
  roomInput.value = state.room ?? roomInput.value;
  markChosen(normalizeRoom(roomInput.value));
  view.setUsersStale(false);
  view.showJoinScreen();
  showActiveRooms(pickRoom);
  state.unread = 0;
  updateTitle();
}

leaveButton.addEventListener('click', () => {
  if (state.phase === 'in') connection.send(logoutFrame());
  // While rejoining there is nobody to log out: the dropped socket already took us out.
  goOut('reason.left');
  nicknameInput.focus();
});

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = messageInput.value;
  if (text.trim() === '') return; // the server would only answer empty_message
  const length = lineLength(text);
  if (length > MAX_LINE_LENGTH || !fitsInFrame(text)) {
    const over = length - MAX_LINE_LENGTH;
    notify(over > 0 ? t('count.tooLong', { over, max: MAX_LINE_LENGTH }) : t('count.tooBig', { length }),
        { code: Code.MESSAGE_TOO_LONG, tone: 'warning' });
    messageInput.focus();
    return;
  }
  messageInput.value = '';
  fitMessageInput();
  updateCharCount();
  typingThrottle.reset(); // the next line's first key may say "typing" again at once
  outbox.add(text);
  flushOutbox();
  view.scrollToNewest();
  messageInput.focus();
});

messageInput.addEventListener('keydown', (event) => {
  // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

/** Grows the message box with its text up to a limit, then scrolls inside it. */
function fitMessageInput() {
  messageInput.style.height = 'auto';
  const borders = messageInput.offsetHeight - messageInput.clientHeight;
  const wanted = messageInput.scrollHeight + borders;
  messageInput.style.height = `${Math.min(wanted, MESSAGE_INPUT_MAX_PX)}px`;
  messageInput.style.overflowY = wanted > MESSAGE_INPUT_MAX_PX ? 'auto' : 'hidden';
}
messageInput.addEventListener('input', () => {
  fitMessageInput();
  updateCharCount();
  typed();
});

/** The length counter: only near the limit, where it helps; red and announced once over it. */
function updateCharCount() {
  const used = lineLength(messageInput.value);
  const over = used - MAX_LINE_LENGTH;
  charCount.hidden = used < MAX_LINE_LENGTH * COUNT_FROM;
  charCount.classList.toggle('over', over > 0);
  charCount.textContent = over > 0
    ? `${t('count.left', { used, max: MAX_LINE_LENGTH })} · ${t('count.over', { over })}`
    : t('count.left', { used, max: MAX_LINE_LENGTH });
  if (over > 0 && !state.overLimitAnnounced) announce(t('count.over', { over }));
  state.overLimitAnnounced = over > 0;
}

/** Moves an unsent line back into the message box and off the list. */
function editLine(item) {
  const current = messageInput.value;
  messageInput.value = current.trim() === '' ? item.text : `${item.text}\n${current}`;
  outbox.discard(item);
  fitMessageInput();
  updateCharCount();
  messageInput.focus();
}

messageList.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (button === null) return;
  const item = outbox.find(button.closest('li'));
  if (item === null) return;
  switch (button.dataset.action) {
    case 'retry':
      outbox.retry(item);
      flushOutbox();
      messageInput.focus();
      break;
    case 'edit':
      editLine(item);
      break;
    case 'discard':
      outbox.discard(item);
      messageInput.focus();
      break;
    default:
      break;
  }
});

inviteButton.addEventListener('click', async () => {
  const link = inviteLink(state.room ?? DEFAULT_ROOM);
  if (await copyText(link)) {
    inviteButton.textContent = t('room.inviteCopied');
    announce(t('room.inviteCopiedAnnounce'));
    setTimeout(() => { inviteButton.textContent = t('room.invite'); }, 2000);
  } else {
    notify(t('room.inviteFallback', { link }));
  }
});

usersToggle.addEventListener('click', () => {
  const open = !view.usersOpen();
  view.setUsersOpen(open);
  if (open && narrowScreen.matches) userPanel.focus();
});

userPanel.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && narrowScreen.matches) {
    view.setUsersOpen(false);
    usersToggle.focus();
  }
});

// On a phone the open drawer covers the messages; a tap on them means "done with the list".
messageList.addEventListener('pointerdown', () => {
  if (narrowScreen.matches && view.usersOpen()) view.setUsersOpen(false);
});

narrowScreen.addEventListener('change', () => view.setUsersOpen(!narrowScreen.matches));

newMessagesPill.addEventListener('click', () => {
  view.scrollToNewest();
  messageInput.focus(); // the pill is gone now; the message box is where the reader goes next
});

function announce(text) {
  announcer.textContent = '';
  // A fresh text node after a tick, so the same message twice is read twice.
  setTimeout(() => { announcer.textContent = text; }, 50);
}

function updateTitle() {
  const base = inRoom() ? `#${state.room} · chatroom` : 'chatroom';
  document.title = state.unread > 0 ? `(${state.unread}) ${base}` : base;
}

// ---------------------------------------------------------------------------------------------
// Page life

// The toggle shows the other language's name, in that language.
function labelLanguageToggle() {
  langToggle.lang = language() === 'en' ? 'zh-CN' : 'en';
}

langToggle.addEventListener('click', () => toggleLanguage());

onLanguageChange(() => {
  labelLanguageToggle();
  showStatus(state.lastStatus);
  view.relabel();
  relabelRooms();
  updateCharCount();
  if (state.phase === 'joining') joinButton.textContent = t('join.joining');
  else resetJoinButton();
});

byId('retry-button').addEventListener('click', () => connection.retryNow());
byId('help-retry-button').addEventListener('click', () => connection.retryNow());

window.addEventListener('online', () => {
  showStatus(state.lastStatus);
  connection.retryNow();
});
window.addEventListener('offline', () => showStatus(state.lastStatus));

document.addEventListener('visibilitychange', () => {
  if (document.hidden) return;
  state.unread = 0;
  updateTitle();
  // Background tabs get their timers throttled; coming back is a good moment to try at once.
  connection.retryNow();
});

// Navigating away can keep this page alive in the back/forward cache, socket and all: the user
// would linger in the room as a ghost. Hang up when the page is hidden for good or cached…
window.addEventListener('pagehide', () => {
  if (state.phase === 'in') connection.send(logoutFrame());
  connection.close();
});

// …and, coming back from the cache, dial again: a page that was in the room logs in again.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted || state.room === null) return;
  state.handshake = false;
  state.loginSent = false;
  stopFlushing();
  typingNames.clear();
  if (inRoom()) {
    state.phase = 'rejoining';
    outbox.connectionLost();
    view.setUsersStale(true);
  }
  connectTo(state.room);
  if (state.phase === 'out') showActiveRooms(pickRoom);
});

window.addEventListener('beforeunload', (event) => {
  // Closing the tab would lose lines still waiting for a connection: ask first.
  if (outbox.pendingCount > 0) {
    event.preventDefault();
    event.returnValue = ''; // what older browsers look for
  }
});

function start() {
  translatePage();
  labelLanguageToggle();
  resetJoinButton();
  nicknameInput.value = loadNickname();
  const asked = roomFromAddress();
  const room = normalizeRoom(asked ?? DEFAULT_ROOM);
  roomInput.value = room;
  view.setUsersOpen(!narrowScreen.matches);
  nicknameInput.focus();

  if (!servedOverHttp()) {
    showNotServed();
    return;
  }
  markChosen(room);
  showActiveRooms(pickRoom);
  const problem = roomProblem(room);
  if (problem !== null) {
    showFieldError(roomInput, roomError, problem);
    showStatus({ state: 'offline', failures: 0, everOpened: false, retryAt: 0, url: null });
    return;
  }
  connectTo(room);
}

function ready() {
  // For tests and tools: the script has run and the page is drawn in its language.
  document.documentElement.dataset.ready = 'true';
}

start();
ready();
