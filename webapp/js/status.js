// The connection status bar and the "can't reach the server" help box. Fed by the Connection's
// status events; owns the once-a-second countdown while a reconnect is pending.

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

/**
 * @param detail a Connection status event's detail
 * @param online whether the browser thinks it has a network at all
 */
export function showStatus(detail, online = navigator.onLine) {
  clearInterval(ticker);
  countdown.textContent = '';
  retryButton.hidden = true;

  let state;
  if (detail.state === 'connected') {
    state = 'connected';
    label.textContent = 'Connected';
  } else if (detail.state === 'connecting') {
    state = 'connecting';
    label.textContent = detail.everOpened ? 'Reconnecting…' : 'Connecting…';
  } else if (detail.state === 'waiting' && online) {
    state = 'reconnecting';
    label.textContent = 'Reconnecting';
    retryButton.hidden = false;
    const tick = () => {
      const seconds = Math.max(1, Math.ceil((detail.retryAt - Date.now()) / 1000));
      countdown.textContent = ` in ${seconds} s`;
    };
    tick();
    ticker = setInterval(tick, 250);
  } else if (detail.state === 'waiting') {
    state = 'offline';
    label.textContent = 'Offline: waiting for the network';
  } else {
    state = 'offline';
    label.textContent = 'Offline';
  }
  bar.dataset.state = state;

  const unreachable = detail.failures > 0
      && (!detail.everOpened || detail.failures >= FAILURES_BEFORE_HELP_AFTER_CONNECTED);
  setHelpVisible(state !== 'connected' && online && unreachable, detail.url);
}

/** The page was opened from disk or some other non-web address: no server to talk to. */
export function showNotServed() {
  clearInterval(ticker);
  bar.dataset.state = 'offline';
  label.textContent = 'Offline: open this page from the chat server (http:// or https://)';
  countdown.textContent = '';
  retryButton.hidden = true;
  setHelpVisible(true, '(no server address)');
}

function setHelpVisible(visible, url) {
  if (visible) helpUrl.textContent = url ?? '';
  help.hidden = !visible;
}
