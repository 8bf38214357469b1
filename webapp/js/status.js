// The connection status bar and the "can't reach the server" help box. Fed by the Connection's
// status events; owns the once-a-second countdown while a reconnect is pending.
//
// data-state on #status is one of:
//   connecting    the first dial of this page
//   connected     the socket is open
//   reconnecting  it dropped; dialling again, or a retry is scheduled (the countdown says when)
//   offline       the server is unreachable (the help box with likely causes shows), there is no
//                 network, or the page was not served by a chat server at all

import { t } from './i18n.js';

const byId = (id) => document.getElementById(id);

const bar = byId('status');
const label = byId('status-text');
const countdown = byId('status-countdown'); // aria-hidden: a ticking number is noise when read out
const retryButton = byId('retry-button');
const help = byId('offline-help');
const helpUrl = byId('offline-url');

// Before the page ever got through, one failure already means "unreachable". Once it has been
// connected, a few quick failures are just a restart in progress; only then is help useful.
const FAILURES_BEFORE_HELP_AFTER_CONNECTED = 3;

let ticker = 0;
let notServed = false;

/**
 * @param detail a Connection status event's detail
 * @param online whether the browser thinks it has a network at all
 */
export function showStatus(detail, online = navigator.onLine) {
  if (notServed) {
    showNotServed();
    return;
  }
  clearInterval(ticker);
  countdown.textContent = '';
  retryButton.hidden = true;

  const unreachable = detail.failures > 0
      && (!detail.everOpened || detail.failures >= FAILURES_BEFORE_HELP_AFTER_CONNECTED);
  let state;
  if (detail.state === 'connected') {
    state = 'connected';
    label.textContent = t('status.connected');
  } else if (!online) {
    state = 'offline';
    label.textContent = t('status.noNetwork');
  } else if (detail.state === 'connecting') {
    if (unreachable) {
      state = 'offline';
      label.textContent = t('status.offlineTrying');
    } else {
      state = detail.everOpened ? 'reconnecting' : 'connecting';
      label.textContent = t(detail.everOpened ? 'status.reconnecting' : 'status.connecting');
    }
  } else if (detail.state === 'waiting') {
    state = unreachable ? 'offline' : 'reconnecting';
    label.textContent = t(unreachable ? 'status.offlineWaiting' : 'status.waiting');
    retryButton.hidden = false;
    const tick = () => {
      const seconds = Math.max(1, Math.ceil((detail.retryAt - Date.now()) / 1000));
      countdown.textContent = t('status.countdown', { seconds });
    };
    tick();
    ticker = setInterval(tick, 250);
  } else {
    state = 'offline';
    label.textContent = t('status.offline');
  }
  bar.dataset.state = state;
  setHelpVisible(state !== 'connected' && online && unreachable, detail.url);
}

/** The page was opened from disk or some other non-web address: no server to talk to. */
export function showNotServed() {
  notServed = true;
  clearInterval(ticker);
  bar.dataset.state = 'offline';
  label.textContent = t('status.notServed');
  countdown.textContent = '';
  retryButton.hidden = true;
  setHelpVisible(true, t('status.noServerAddress'));
}

function setHelpVisible(visible, url) {
  if (visible) helpUrl.textContent = url ?? '';
  help.hidden = !visible;
}
