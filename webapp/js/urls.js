// Where the chat lives, worked out from the page's own address: the WAR may be deployed under any
// context path, behind any host, port or TLS-terminating proxy, so nothing here is hard-coded.

/**
 * The context path the page is served under: "/chatroom" for "/chatroom/" and
 * "/chatroom/index.html", "" when deployed at the root.
 */
export function contextPath(loc = window.location) {
  const path = loc.pathname;
  return path.slice(0, path.lastIndexOf('/'));
}

/** The socket address of a room, e.g. wss://example.org/chatroom/chat/lobby. */
export function socketUrl(room, loc = window.location) {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}${contextPath(loc)}/chat/${encodeURIComponent(room)}`;
}

/** Whether the page came from a web server at all (not opened as a file). */
export function servedOverHttp(loc = window.location) {
  return loc.protocol === 'http:' || loc.protocol === 'https:';
}

/** The room asked for in the address (`?room=`), or null. */
export function roomFromAddress(loc = window.location) {
  return new URLSearchParams(loc.search).get('room');
}

/** The link that brings a friend straight to this room's join screen. */
export function inviteLink(room, loc = window.location) {
  const url = new URL(loc.href);
  url.hash = '';
  url.searchParams.set('room', room);
  return url.href;
}

/** Keeps the address bar on the room being joined, so reloading or sharing it lands there. */
export function showRoomInAddress(room) {
  const link = inviteLink(room);
  if (link !== window.location.href) window.history.replaceState(null, '', link);
}
