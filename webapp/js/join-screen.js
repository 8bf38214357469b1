// The join screen: nickname, room (typed or picked from the active rooms), the Join button, and
// what the server said about them. Checks what it can against the server's limits before asking.

import { byId } from './dom.js';
import { t } from './i18n.js';
import { nicknameProblem, normalizeRoom, roomProblem } from './protocol.js';
import { hideActiveRooms, markChosen, relabelRooms, showActiveRooms } from './rooms.js';
import { servedOverHttp } from './urls.js';

const joinScreen = byId('join-screen');
const roomScreen = byId('room-screen');
const form = byId('join-form');
const nickname = byId('nickname');
const nicknameError = byId('nickname-error');
const room = byId('room');
const roomError = byId('room-error');
const notice = byId('join-notice');
const button = byId('join-button');
const nicknameHint = byId('nickname-hint');
const roomHint = byId('room-hint');

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

const problemText = (problem) => t(problem.key, problem.params);

export class JoinScreen {
  #session;

  constructor(session) {
    this.#session = session;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    nickname.addEventListener('input', () => clearFieldError(nickname, nicknameError));
    room.addEventListener('input', () => {
      clearFieldError(room, roomError);
      markChosen(normalizeRoom(room.value));
    });
  }

  /** Fills the form at start; answers the room to dial, or null if there is none to dial. */
  start(savedNickname, askedRoom) {
    this.relabel();
    nickname.value = savedNickname;
    room.value = normalizeRoom(askedRoom);
    nickname.focus();
    if (!servedOverHttp()) return null;
    markChosen(room.value);
    this.listRooms();
    const problem = roomProblem(room.value);
    if (problem === null) return room.value;
    showFieldError(room, roomError, problemText(problem));
    return null;
  }

  #submit() {
    const session = this.#session;
    if (session.phase !== 'out') return;
    clearFieldError(nickname, nicknameError);
    clearFieldError(room, roomError);
    notice.hidden = true;
    const known = session.limitsKnown ? session.limits : null;
    const nicknameIssue = nicknameProblem(nickname.value, known);
    room.value = normalizeRoom(room.value);
    const roomIssue = roomProblem(room.value, session.limits);
    if (roomIssue) showFieldError(room, roomError, problemText(roomIssue));
    if (nicknameIssue) showFieldError(nickname, nicknameError, problemText(nicknameIssue));
    if (nicknameIssue || roomIssue) {
      (nicknameIssue ? nickname : room).focus();
      return;
    }
    if (!servedOverHttp()) {
      this.tell(t('join.notServed'));
      return;
    }
    button.disabled = true;
    button.textContent = t('join.joining');
    session.join(nickname.value, room.value);
  }

  /** A room picked from the active list goes in the room field; joining stays one click away. */
  #pick(name) {
    room.value = name;
    clearFieldError(room, roomError);
    markChosen(name);
    if (nickname.value.trim() === '') nickname.focus();
    else button.focus();
  }

  /** In the room: the join screen's parts rest. */
  hide() {
    notice.hidden = true;
    hideActiveRooms();
    this.relabel();
    joinScreen.hidden = true;
    roomScreen.hidden = false;
  }

  /** Back from the room, the form filled for joining again. */
  show() {
    const session = this.#session;
    this.relabel();
    notice.hidden = true;
    nickname.value = session.nickname;
    room.value = session.room ?? room.value;
    markChosen(normalizeRoom(room.value));
    roomScreen.hidden = true;
    joinScreen.hidden = false;
    this.listRooms();
  }

  /** Shows the rooms with people in them, kept fresh while the join screen is up. */
  listRooms() {
    showActiveRooms((name) => this.#pick(name));
  }

  /** The server refused the nickname (or kept us out for good). */
  nicknameRefused(text) {
    this.relabel();
    showFieldError(nickname, nicknameError, text);
    nickname.focus();
    nickname.select();
  }

  roomRefused(text) {
    showFieldError(room, roomError, text);
    room.focus();
  }

  /** A notice while on the join screen. */
  tell(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  focusNickname() {
    nickname.focus();
  }

  /** The hints name the server's limits; the nickname's only once a handshake told it. */
  showLimits() {
    const { limits, limitsKnown } = this.#session;
    nicknameHint.hidden = !limitsKnown;
    nicknameHint.textContent = t('join.nicknameHint', { max: limits.nicknameLength });
    roomHint.textContent = t('join.roomHint', { max: limits.roomLength });
  }

  /** Everything the form writes itself, in the current language. */
  relabel() {
    this.showLimits();
    const joining = this.#session.phase === 'joining';
    button.disabled = joining;
    button.textContent = t(joining ? 'join.joining' : 'join.button');
    relabelRooms();
  }
}
