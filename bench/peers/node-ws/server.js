'use strict';
// Reference chat room for the benchmark: Node.js and the `ws` package, speaking the subset of
// docs/PROTOCOL.md that the load generator uses, with the same per-line work as the Java room
// (an id and a time per line, a 50-line history replayed on login, the user list on login and
// logout). Each broadcast is encoded once, to one Buffer that every member is sent.
//
//   node --expose-gc server.js [port]        (port also from PORT; default 19090)
//
// It listens on 127.0.0.1 only. GET /chatroom/api/health answers {"status":"UP"};
// GET /bench/heap runs a full GC (with --expose-gc) and answers {"heapUsed":..,"rss":..}.

const http = require('http');
const { WebSocketServer } = require('ws');

const PORT = Number(process.argv[2] || process.env.PORT || 19090);
const HOST = '127.0.0.1';
const HISTORY = 50;
const MAX_LINE = 2000;
const MAX_NICK = 32;
const ROOM_PATH = /^\/chatroom\/chat\/([\p{L}\p{N}_-]{1,32})$/u;
const ORIGINS = new Set([`http://${HOST}:${PORT}`, `http://localhost:${PORT}`]);

/** name -> { name, members: Map(lowercase nick -> ws), lastId, history: [Buffer], connections } */
const rooms = new Map();

function frame(object) {
  return Buffer.from(JSON.stringify(object));
}

function send(ws, object) {
  ws.send(frame(object), { binary: false });
}

function refuse(ws, code, content) {
  send(ws, { type: 'system', from: 'system', content, code });
}

function broadcast(room, object) {
  const data = frame(object);
  for (const member of room.members.values()) {
    member.send(data, { binary: false });
  }
  return data;
}

function userList(room) {
  return Array.from(room.members.values(), (ws) => ws.nickname);
}

// As the WAR does (protocol version 2): the others hear who came or went, the newcomer alone
// gets the room's list, so filling a room costs O(n) bytes in all.
function presence(room, type, nickname, content, newcomer = null) {
  const frame = { type, from: nickname, content, room: room.name, time: Date.now() };
  const shared = JSON.stringify(frame);
  for (const member of room.members.values()) {
    const data = member === newcomer
      ? JSON.stringify({ ...frame, users: userList(room) })
      : shared;
    member.send(data, { binary: false });
  }
}

function login(ws, room, message) {
  if (ws.nickname !== undefined) {
    return refuse(ws, 'already_logged_in', 'You are already in the room.');
  }
  const nickname = typeof message.content === 'string' ? message.content.trim() : '';
  if (nickname.length === 0 || nickname.length > MAX_NICK || /\p{Cc}/u.test(nickname)) {
    return refuse(ws, 'nickname_invalid', 'That nickname is not allowed.');
  }
  const key = nickname.normalize('NFKC').toLowerCase();
  if (room.members.has(key)) {
    return refuse(ws, 'nickname_taken', `The nickname '${nickname}' is taken in this room.`);
  }
  ws.nickname = nickname;
  ws.key = key;
  room.members.set(key, ws);
  for (const line of room.history) {
    ws.send(line, { binary: false });
  }
  presence(room, 'login', nickname, `${nickname} joined`, ws);
}

function say(ws, room, message) {
  if (ws.nickname === undefined) {
    return refuse(ws, 'not_logged_in', 'Log in before you chat.');
  }
  const content = message.content;
  if (typeof content !== 'string' || content.trim().length === 0) {
    return refuse(ws, 'empty_message', 'Empty lines are not sent.');
  }
  if (content.length > MAX_LINE) {
    return refuse(ws, 'message_too_long', `A line has at most ${MAX_LINE} characters.`);
  }
  const line = {
    type: 'user',
    from: ws.nickname,
    content,
    room: room.name,
    time: Date.now(),
    id: ++room.lastId,
  };
  broadcast(room, line);
  line.history = true;
  room.history.push(frame(line));
  if (room.history.length > HISTORY) {
    room.history.shift();
  }
}

function leave(ws, room) {
  if (ws.nickname === undefined || room.members.get(ws.key) !== ws) {
    return;
  }
  room.members.delete(ws.key);
  const nickname = ws.nickname;
  ws.nickname = undefined;
  presence(room, 'logout', nickname, `${nickname} left`);
}

function onMessage(ws, room, data, isBinary) {
  if (isBinary) {
    refuse(ws, 'binary_unsupported', 'This room speaks JSON text frames only.');
    return ws.close(1003, 'Binary frames are not supported');
  }
  let message;
  try {
    message = JSON.parse(data.toString('utf8'));
  } catch (e) {
    return refuse(ws, 'malformed_frame', 'Not a JSON object of the chat protocol.');
  }
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    return refuse(ws, 'malformed_frame', 'Not a JSON object of the chat protocol.');
  }
  switch (message.type) {
    case 'login':
      return login(ws, room, message);
    case 'user':
      return say(ws, room, message);
    case 'logout':
      return ws.nickname === undefined
        ? refuse(ws, 'not_logged_in', 'You are not logged in.')
        : leave(ws, room);
    default:
      return refuse(ws, 'unknown_type', 'Unknown frame type.');
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

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

server.on('upgrade', (req, socket, head) => {
  const match = ROOM_PATH.exec(req.url);
  const origin = req.headers.origin;
  if (!match || (origin !== undefined && !ORIGINS.has(origin))) {
    socket.end(`HTTP/1.1 ${match ? 403 : 404} Refused\r\nConnection: close\r\n\r\n`);
    return;
  }
  const name = match[1].toLowerCase();
  wss.handleUpgrade(req, socket, head, (ws) => {
    let room = rooms.get(name);
    if (room === undefined) {
      room = { name, members: new Map(), lastId: 0, history: [], connections: 0 };
      rooms.set(name, room);
    }
    room.connections++;
    send(ws, {
      type: 'handshake',
      from: 'system',
      content: `Welcome to #${name}. Send {"type":"login","content":"<nickname>"} to join.`,
      room: name,
      version: 2,
    });
    ws.on('message', (data, isBinary) => onMessage(ws, room, data, isBinary));
    ws.on('error', () => {});
    ws.on('close', () => {
      leave(ws, room);
      if (--room.connections === 0) {
        rooms.delete(name);
      }
    });
  });
});

server.listen(PORT, HOST, () => {
  console.log(`node-ws chat room on http://${HOST}:${PORT}/chatroom/ (node ${process.version})`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    for (const ws of wss.clients) {
      ws.terminate();
    }
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
