// The room screen's frame: its title bar (room name, invite link, Leave), the tab's title with the
// unread count, and short confirmations for screen readers.

import { copyText } from './clipboard.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { scrollToNewest } from './message-list.js';
import { DEFAULT_ROOM } from './protocol.js';
import { inviteLink } from './urls.js';

const roomName = byId('room-name');
const inviteButton = byId('invite-button');
const leaveButton = byId('leave-button');
const announcer = byId('announcer');

export class RoomScreen {
  #session;
  #unread = 0;

  /** `tell(notice)`: shows a notice in the room; `left()`: Leave was pressed. */
  constructor(session, { tell, left }) {
    this.#session = session;
    leaveButton.addEventListener('click', left);
    inviteButton.addEventListener('click', async () => {
      const link = inviteLink(session.room ?? DEFAULT_ROOM);
      if (await copyText(link)) {
        inviteButton.textContent = t('room.inviteCopied');
        this.announce(t('room.inviteCopiedAnnounce'));
        setTimeout(() => { inviteButton.textContent = t('room.invite'); }, 2000);
      } else {
        tell({ key: 'room.inviteFallback', params: { link } });
      }
    });
  }

  show(room) {
    roomName.textContent = room;
    scrollToNewest();
    this.updateTitle();
  }

  /** A line arrived; counted in the tab's title while the tab is hidden. */
  arrived() {
    if (!document.hidden) return;
    this.#unread += 1;
    this.updateTitle();
  }

  /** The reader is back (or left): nothing unread. */
  read() {
    this.#unread = 0;
    this.updateTitle();
  }

  updateTitle() {
    const base = this.#session.inRoom ? `#${this.#session.room} · chatroom` : 'chatroom';
    document.title = this.#unread > 0 ? `(${this.#unread}) ${base}` : base;
  }

  announce(text) {
    announcer.textContent = '';
    // A fresh text node after a tick, so the same message twice is read twice.
    setTimeout(() => { announcer.textContent = text; }, 50);
  }
}
