'use strict';
// The chat room a team would write with socket.io 4 instead of the WAR, for the benchmark: the
// node-ws peer's room (../node-ws/server.js) with its frames carried as Socket.IO events. Each
// frame is the same object as node-ws's (type first, then from, content, room, time, id...),
// emitted under the event named by its `type`: `handshake`, `login`, `user`, `logout`, `system`.
// On the wire a chat line is the text frame `42["user",{"type":"user","from":...}]`.
//
//   node --expose-gc server.js [port]        (port also from PORT; default 19090)
//
// A client dials ws://127.0.0.1:PORT/socket.io/?EIO=4&transport=websocket&room=ROOM (WebSocket
// only: no long-polling), connects to the main namespace and emits `login` with
// {"content":"<nickname>"} (a `type` of "login" in it is accepted too), then `user` with
// {"content":"..."} per line, and `logout` (no payload needed). The room, 1 to 32 letters,
// digits, - or _, compared in lower case, is the handshake's `room` query parameter; the socket
// joins it on login. Same per-line work as node-ws: an id and a time per line, a 50-line history
// replayed on login, the room's list on the newcomer's own login echo only (protocol version 2);
// each broadcast is `io.to(room).emit`, which socket.io encodes once for all its members.
//
// It listens on 127.0.0.1 only. GET /chatroom/api/health answers {"status":"UP"};
// GET /bench/heap runs a full GC (with --expose-gc) and answers {"heapUsed":..,"rss":..}.

const http = require('http');
const { Server } = require('socket.io');

const PORT = Number(process.argv[2] || process.env.PORT || 19090);
const HOST = '127.0.0.1';
const HISTORY = 50;
const MAX_LINE = 2000;
const MAX_NICK = 32;
const ROOM_NAME = /^[\p{L}\p{N}_-]{1,32}$/u;
const ORIGINS = new Set([`http://${HOST}:${PORT}`, `http://localhost:${PORT}`]);
const EVENTS = new Set(['login', 'user', 'logout']);

/** name -> { name, key, members: Map(lowercase nick -> socket), lastId, history: [object], connections } */
const rooms = new Map();

function refuse(socket, code, content) {
  socket.emit('system', { type: 'system', from: 'system', content, code });
}

function userList(room) {
  return Array.from(room.members.values(), (socket) => socket.data.nickname);
}

/** The room named by the handshake's ?room=, lower case, or null when it is not a room name. */
function roomOf(url) {
  const name = new URL(url, `http://${HOST}`).searchParams.get('room');
  return name !== null && ROOM_NAME.test(name) ? name.toLowerCase() : null;
}

function login(socket, room, message) {
  if (socket.data.nickname !== undefined) {
    return refuse(socket, 'already_logged_in', 'You are already in the room.');
  }
  const nickname = typeof message.content === 'string' ? message.content.trim() : '';
  if (nickname.length === 0 || nickname.length > MAX_NICK || /\p{Cc}/u.test(nickname)) {
    return refuse(socket, 'nickname_invalid', 'That nickname is not allowed.');
  }
  const key = nickname.normalize('NFKC').toLowerCase();
  if (room.members.has(key)) {
    return refuse(socket, 'nickname_taken', `The nickname '${nickname}' is taken in this room.`);
  }
  socket.data.nickname = nickname;
  socket.data.key = key;
  room.members.set(key, socket);
  socket.join(room.key);
  for (const line of room.history) {
    socket.emit('user', line);
  }
  // As the WAR does (protocol version 2): the others hear who came, the newcomer alone gets the
  // room's list, so filling a room costs O(n) bytes in all.
  const frame = { type: 'login', from: nickname, content: `${nickname} joined`, room: room.name, time: Date.now() };
  socket.emit('login', { ...frame, users: userList(room) });
  socket.to(room.key).emit('login', frame);
}

function say(socket, room, message) {
  if (socket.data.nickname === undefined) {
    return refuse(socket, 'not_logged_in', 'Log in before you chat.');
  }
  const content = message.content;
  if (typeof content !== 'string' || content.trim().length === 0) {
    return refuse(socket, 'empty_message', 'Empty lines are not sent.');
  }
  if (content.length > MAX_LINE) {
    return refuse(socket, 'message_too_long', `A line has at most ${MAX_LINE} characters.`);
  }
  const line = {
    type: 'user',
    from: socket.data.nickname,
    content,
    room: room.name,
    time: Date.now(),
    id: ++room.lastId,
  };
  io.to(room.key).emit('user', line);
  room.history.push({ ...line, history: true });
  if (room.history.length > HISTORY) {
    room.history.shift();
  }
}

function leave(socket, room) {
  const nickname = socket.data.nickname;
  if (nickname === undefined || room.members.get(socket.data.key) !== socket) {
    return;
  }
  room.members.delete(socket.data.key);
  socket.data.nickname = undefined;
  socket.leave(room.key); // already done when the socket is gone
  io.to(room.key).emit('logout', {
    type: 'logout', from: nickname, content: `${nickname} left`, room: room.name, time: Date.now(),
  });
}

function isBinary(value, depth = 0) {
  if (Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return true;
  }
  if (depth < 4 && value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) {
      if (isBinary(item, depth + 1)) return true;
    }
  }
  return false;
}

// node-ws's checks, on an event's name and first argument instead of a frame's type and body. A
// frame socket.io itself cannot parse closes the connection (socket.io's own rule).
function onEvent(socket, room, event, args) {
  if (args.some((arg) => isBinary(arg))) {
    refuse(socket, 'binary_unsupported', 'This room speaks JSON text frames only.');
    return socket.disconnect(true);
  }
  if (!EVENTS.has(event)) {
    return refuse(socket, 'unknown_type', 'Unknown frame type.');
  }
  let message = args[0];
  if (message === undefined && event === 'logout') {
    message = {};
  }
  if (message === null || typeof message !== 'object' || Array.isArray(message)
      || (message.type !== undefined && message.type !== event)) {
    return refuse(socket, 'malformed_frame', 'Not a JSON object of the chat protocol.');
  }
  switch (event) {
    case 'login':
      return login(socket, room, message);
    case 'user':
      return say(socket, room, message);
    default:
      return socket.data.nickname === undefined
        ? refuse(socket, 'not_logged_in', 'You are not logged in.')
        : leave(socket, room);
  }
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/chatroom/api/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end('{"status":"UP"}');
  }
  if (req.method === 'GET' && req.url === '/bench/heap') {
    if (typeof global.gc === 'function') {
      global.gc();
    }
    const memory = process.memoryUsage();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ heapUsed: memory.heapUsed, rss: memory.rss, gc: !!global.gc }));
  }
  res.writeHead(404);
  res.end();
});

// Only what differs from socket.io's defaults: WebSocket alone (the generator and node-ws speak
// nothing else; no long-polling first and upgrade after), no client bundle served, and node-ws's
// Origin check plus a valid ?room= before the handshake. Everything else is socket.io 4.8's
// default: pings every 25 s, 20 s to answer, no permessage-deflate, 1 MB packets at most.
const io = new Server(server, {
  transports: ['websocket'],
  serveClient: false,
  allowRequest: (req, callback) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !ORIGINS.has(origin)) {
      return callback('Origin not allowed', false);
    }
    if (roomOf(req.url) === null) {
      return callback('No room, or not a room name: ?room= takes 1 to 32 letters, digits, - or _', false);
    }
    callback(null, true);
  },
});

io.on('connection', (socket) => {
  const name = roomOf(socket.request.url);
  let room = rooms.get(name);
  if (room === undefined) {
    // Its own key among socket.io's rooms, where every socket id is a room too.
    room = { name, key: `room:${name}`, members: new Map(), lastId: 0, history: [], connections: 0 };
    rooms.set(name, room);
  }
  room.connections++;
  socket.emit('handshake', {
    type: 'handshake',
    from: 'system',
    content: `Welcome to #${name}. Emit "login" with {"content":"<nickname>"} to join.`,
    room: name,
    version: 2,
  });
  socket.onAny((event, ...args) => onEvent(socket, room, event, args));
  socket.on('disconnect', () => {
    leave(socket, room);
    if (--room.connections === 0) {
      rooms.delete(name);
    }
  });
});

server.listen(PORT, HOST, () => {
  console.log(`socket.io chat room on http://${HOST}:${PORT}/socket.io/?room=ROOM (node ${process.version})`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    io.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
