// Start-up and wiring. The session (session.js) decides what the page does with each frame and
// click, and knows nothing of the DOM; the views draw (join-screen, room-screen, message-list,
// outgoing-lines, member-list, composer, status); this file connects them to each other, to the
// socket, and to the page's own life (language, visibility, the back/forward cache).

import { Composer } from './composer.js';
import { Connection } from './connection.js';
import { byId } from './dom.js';
import { language, noticeText, onLanguageChange, toggleLanguage, translatePage } from './i18n.js';
import { JoinScreen } from './join-screen.js';
import {
  addUser, relabelMembers, removeUser, renderUsers, setTyping, setUsersStale, startMemberList,
} from './member-list.js';
import * as list from './message-list.js';
import { Outbox } from './outbox.js';
import * as outgoing from './outgoing-lines.js';
import { DEFAULT_ROOM } from './protocol.js';
import { RoomScreen } from './room-screen.js';
import { SeenLines } from './seen.js';
import { Session } from './session.js';
import { relabelStamps } from './stamps.js';
import { showNotServed, showStatus } from './status.js';
import { loadNickname, loadShown, saveNickname, saveShown } from './storage.js';
import { TypingNames } from './typing.js';
import { roomFromAddress, servedOverHttp, showRoomInAddress, socketUrl } from './urls.js';

const connection = new Connection();
let lastStatus = { state: 'connecting', failures: 0, everOpened: false, retryAt: 0, url: null };

const ui = {}; // the views' side of the session, filled in below once they exist
const session = new Session({
  transport: {
    open: (room) => connection.open(socketUrl(room)),
    send: (text) => connection.send(text),
    close: () => connection.close(),
    get isOpen() { return connection.isOpen; },
    get dialling() { return connection.state !== 'offline'; },
    markHealthy: () => connection.markHealthy(),
  },
  outbox: new Outbox({
    show: (text) => outgoing.renderOutgoing(text, session.me ?? session.nickname),
    update: (item, lineState, reason) => outgoing.updateOutgoing(item, lineState, reason),
    remove: (item) => outgoing.removeOutgoing(item),
  }),
  seen: new SeenLines(),
  typingNames: new TypingNames(setTyping),
  memory: { loadShown, saveShown, saveNickname },
  ui,
});

/** A notice where the user is looking: in the room, or on the join form. */
function tell(notice) {
  const text = noticeText(notice);
  const { code = '', tone = 'info' } = notice;
  if (session.inRoom) list.renderNotice(text, { code, tone });
  else join.tell(text);
}

const join = new JoinScreen(session);
const room = new RoomScreen(session, {
  tell,
  left: () => {
    session.leave();
    join.focusNickname();
  },
});
const composer = new Composer(session, { tell, announce: (text) => room.announce(text) });

Object.assign(ui, {
  clearMessages: list.clearMessages,
  entered(name) {
    join.hide();
    showRoomInAddress(name);
    room.show(name);
    composer.fit(); // only measurable now that the screen shows
    composer.focus();
  },
  wentOut() {
    setUsersStale(false);
    join.show();
    room.read();
  },
  presence: (frame, { own, key, params }) => list.renderPresence(frame, {
    own, text: key ? noticeText({ key, params }) : undefined,
  }),
  users: renderUsers,
  userJoined: addUser,
  userLeft: removeUser,
  usersStale: setUsersStale,
  chatLine(frame, options) {
    list.renderChatLine(frame, options);
    if (!options.history) room.arrived();
  },
  loadingHistory: list.setLoadingHistory,
  divider: list.renderDivider,
  gap: list.renderGap,
  removed: list.markRemoved,
  notice: tell,
  nicknameRefused: (notice) => join.nicknameRefused(noticeText(notice)),
  roomRefused: (notice) => join.roomRefused(noticeText(notice)),
  handBack: (item) => composer.handBack(item),
  limitsChanged() {
    composer.updateCount();
    join.showLimits();
  },
});

connection.addEventListener('frame', (event) => session.received(event.detail));
connection.addEventListener('close', (event) => session.closed(event.detail.code));
connection.addEventListener('status', (event) => {
  lastStatus = event.detail;
  showStatus(event.detail);
});

outgoing.onLineAction((action, handle) => {
  const item = session.outbox.find(handle);
  if (item === null) return;
  if (action === 'edit') {
    composer.edit(item);
    return;
  }
  if (action === 'retry') {
    session.outbox.retry(item);
    session.flush();
  } else if (action === 'discard') {
    session.outbox.discard(item);
  }
  composer.focus();
});

byId('new-messages').addEventListener('click', () => {
  list.scrollToNewest();
  composer.focus(); // the pill is gone now; the message box is where the reader goes next
});

// The toggle shows the other language's name, in that language.
const langToggle = byId('lang-toggle');
const labelLanguageToggle = () => { langToggle.lang = language() === 'en' ? 'zh-CN' : 'en'; };
langToggle.addEventListener('click', () => toggleLanguage());
onLanguageChange(() => {
  labelLanguageToggle();
  showStatus(lastStatus);
  relabelStamps();
  list.relabelMessages();
  outgoing.relabelOutgoing();
  relabelMembers();
  composer.updateCount();
  join.relabel();
});

byId('retry-button').addEventListener('click', () => connection.retryNow());
byId('help-retry-button').addEventListener('click', () => connection.retryNow());
window.addEventListener('online', () => {
  showStatus(lastStatus);
  connection.retryNow();
});
window.addEventListener('offline', () => showStatus(lastStatus));

document.addEventListener('visibilitychange', () => {
  if (document.hidden) return;
  room.read();
  // Background tabs get their timers throttled; coming back is a good moment to try at once.
  connection.retryNow();
});

// Navigating away can keep this page alive in the back/forward cache, socket and all: the user
// would linger in the room as a ghost. Hang up when the page is hidden for good or cached, and
// dial again coming back from the cache (a page that was in the room logs in again).
window.addEventListener('pagehide', () => session.hangUp());
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  session.resume();
  if (session.phase === 'out') join.listRooms();
});

window.addEventListener('beforeunload', (event) => {
  // Closing the tab would lose lines still waiting for a connection: ask first.
  if (session.outbox.pendingCount > 0) {
    event.preventDefault();
    event.returnValue = ''; // what older browsers look for
  }
});

translatePage();
labelLanguageToggle();
startMemberList();
const firstRoom = join.start(loadNickname(), roomFromAddress() ?? DEFAULT_ROOM);
if (!servedOverHttp()) {
  showNotServed();
} else if (firstRoom === null) {
  showStatus({ state: 'offline', failures: 0, everOpened: false, retryAt: 0, url: null });
} else {
  session.connectTo(firstRoom);
}
// For tests and tools: the script has run and the page is drawn in its language.
document.documentElement.dataset.ready = 'true';
