// Every word the page shows, in English and Simplified Chinese. The language comes from the
// reader's choice (the toggle, remembered), else from the browser's preferred languages: any zh*
// there before an en* picks Chinese. Static text in index.html names its string with
// data-i18n="key" (text) or data-i18n-attr="attribute:key,attribute:key".
//
// Only text the page writes itself is translated. What people type, and the text of server
// notices the page has no translation for, is shown as it came.

const LANGUAGE_KEY = 'chatroom.language';

export const LANGUAGES = Object.freeze(['en', 'zh-CN']);

const en = {
  'page.title': 'chatroom',
  'lang.toggle': '中文',
  'lang.toggle.label': '中文 — show the page in Chinese',

  'status.connecting': 'Connecting…',
  'status.reconnecting': 'Reconnecting…',
  'status.connected': 'Connected',
  'status.waiting': 'Reconnecting',
  'status.offlineWaiting': 'Offline · retrying',
  'status.offlineTrying': 'Offline · trying to connect…',
  'status.countdown': ' in {seconds} s',
  'status.noNetwork': 'Offline: waiting for the network',
  'status.offline': 'Offline',
  'status.notServed': 'Offline: open this page from the chat server (http:// or https://)',
  'status.retry': 'Retry now',
  'status.noServerAddress': '(no server address)',

  'help.title': 'Can’t reach the chat server',
  'help.introBefore': 'The page loaded, but the chat connection to',
  'help.introAfter': 'could not be opened. The usual causes:',
  'help.cause.down': 'The server is not started, crashed on start, or has exited.',
  'help.cause.address': 'Wrong host or port, a domain pointing at the wrong IP, or a private IP '
      + '(10.x, 172.16–31.x, 192.168.x) used from outside its network.',
  'help.cause.firewall': 'A firewall or cloud security group blocks the port.',
  'help.cause.proxy': 'A proxy in between is misconfigured and does not pass WebSocket '
      + 'connections.',
  'help.cause.cache': 'A stale browser cache, or system proxy / LAN settings. Try a hard reload '
      + 'or another network.',
  'help.keepsTrying': 'This page keeps trying by itself.',
  'help.retry': 'Try again now',

  'join.title': 'Join a chat room',
  'join.nickname': 'Nickname',
  'join.room': 'Room',
  'join.roomHint': 'Letters, digits, “-” and “_”, up to 32.',
  'join.button': 'Join',
  'join.joining': 'Joining…',
  'join.activeRooms': 'Active now',
  'join.roomUsers': '{count} online',
  'join.pickRoom': 'Room {room}, {count} online',
  'join.notServed': 'Open this page from the chat server to join.',
  'join.nicknameMissing': 'Choose a nickname first.',
  'join.roomMissing': 'Enter a room name.',
  'join.roomBad': 'A room name has 1 to {max} letters, digits, “-” or “_”.',

  'room.invite': 'Copy invite link',
  'room.inviteTitle': 'Copy a link that opens this room',
  'room.inviteCopied': 'Link copied',
  'room.inviteCopiedAnnounce': 'Invite link copied.',
  'room.inviteFallback': 'Copy this link to invite a friend: {link}',
  'room.online': 'Online',
  'room.leave': 'Leave',
  'room.onlineNow': 'Online now',
  'room.you': '(you)',
  'room.messages': 'Messages',
  'room.message': 'Message',
  'room.placeholder': 'Write a message…',
  'room.send': 'Send',
  'room.composerHint': 'Enter sends, Shift+Enter starts a new line.',
  'room.joined': 'You joined #{room} as {name}',
  'room.back': 'You are back in #{room}',
  'room.someoneJoined': '{name} joined',
  'room.someoneLeft': '{name} left',
  'room.earlier': 'Earlier messages',
  'room.whileAway': 'Messages while you were away',
  'room.gap': 'Some earlier messages are not shown',
  'room.newMessages.one': '1 new message',
  'room.newMessages.many': '{count} new messages',
  'room.saidBy': '{name}:',
  'room.lineRemoved': 'This message was removed by a moderator.',

  'typing.one': '{a} is typing…',
  'typing.two': '{a} and {b} are typing…',
  'typing.more': '{a}, {b} and {count} more are typing…',

  'count.left': '{used} / {max}',
  'count.over': '{over} characters too many',
  'count.tooLong': 'This message is {over} characters over the limit of {max}. Shorten it or '
      + 'split it.',
  'count.tooBig': 'This message is too long to send ({length} characters). Shorten it or split it.',

  'line.queued': 'waiting to send',
  'line.sent': 'sending…',
  'line.unsure': 'sending…',
  'line.unsent': 'not sent',
  'line.retry': 'Retry',
  'line.edit': 'Edit',
  'line.discard': 'Discard',
  'reason.tooBig': 'too big for the server',
  'reason.refused': 'refused by the server',
  'reason.left': 'you left the room',
  'reason.keptOut': 'you are not in the room',
  'reason.roomRefused': 'the room name was refused',

  'notice.newerServer': 'The server runs a newer chat version. Reload the page if something '
      + 'looks wrong.',
  'notice.nameHeld': 'The server still holds “{name}” from the dropped connection; trying again '
      + 'in a moment…',

  // Server refusals by code. In English the server's own sentence is shown when there is one (it
  // can be more precise, e.g. the configured limit); these are the fallback.
  'code.malformed_frame': 'The server could not read what the page sent.',
  'code.unknown_type': 'The server did not understand what the page sent.',
  'code.not_logged_in': 'You are not in the room.',
  'code.already_logged_in': 'You are already in the room.',
  'code.nickname_taken': 'Someone in this room already uses that nickname; pick another.',
  'code.nickname_invalid': 'That nickname cannot be used: keep it short, without control or '
      + 'invisible characters.',
  'code.room_invalid': 'That room name cannot be used.',
  'code.empty_message': 'Empty lines are not sent.',
  'code.message_too_long': 'That line is longer than the server allows.',
  'code.invalid_character': 'The line holds control characters or direction overrides; it was '
      + 'not sent.',
  'code.forged_from': 'A line can only be sent in your own name.',
  'code.rate_limited': 'You are sending too fast; slow down a little.',
  'code.server_full': 'The server is full; try again later.',
  'code.binary_unsupported': 'The server only takes text.',
};

const zh = {
  'page.title': 'chatroom',
  'lang.toggle': 'English',
  'lang.toggle.label': 'English — 切换为英文界面',

  'status.connecting': '正在连接…',
  'status.reconnecting': '正在重新连接…',
  'status.connected': '已连接',
  'status.waiting': '连接已断开，',
  'status.offlineWaiting': '离线 · ',
  'status.offlineTrying': '离线 · 正在尝试连接…',
  'status.countdown': '{seconds} 秒后重试',
  'status.noNetwork': '离线：等待网络恢复',
  'status.offline': '离线',
  'status.notServed': '离线：请从聊天服务器打开此页面（http:// 或 https://）',
  'status.retry': '立即重试',
  'status.noServerAddress': '（没有服务器地址）',

  'help.title': '无法连接到聊天服务器',
  'help.introBefore': '页面已经加载，但无法打开到',
  'help.introAfter': '的聊天连接。常见原因：',
  'help.cause.down': '服务器没有启动、启动时崩溃，或已经退出。',
  'help.cause.address': '主机或端口写错、域名指向了错误的 IP，或在内网之外使用了内网 IP'
      + '（10.x、172.16–31.x、192.168.x）。',
  'help.cause.firewall': '防火墙或云服务器的安全组拦截了这个端口。',
  'help.cause.proxy': '中间的代理配置有误，没有转发 WebSocket 连接。',
  'help.cause.cache': '浏览器缓存过期，或系统代理 / 局域网设置有问题。试试强制刷新，或换一个网络。',
  'help.keepsTrying': '页面会自动重试。',
  'help.retry': '立即重试',

  'join.title': '加入聊天室',
  'join.nickname': '昵称',
  'join.room': '房间',
  'join.roomHint': '字母、数字、“-” 和 “_”，最多 32 个字符。',
  'join.button': '加入',
  'join.joining': '正在加入…',
  'join.activeRooms': '正在聊天的房间',
  'join.roomUsers': '{count} 人在线',
  'join.pickRoom': '房间 {room}，{count} 人在线',
  'join.notServed': '请从聊天服务器打开此页面再加入。',
  'join.nicknameMissing': '请先填写昵称。',
  'join.roomMissing': '请填写房间名。',
  'join.roomBad': '房间名由 1 到 {max} 个字母、数字、“-” 或 “_” 组成。',

  'room.invite': '复制邀请链接',
  'room.inviteTitle': '复制一个能直接打开这个房间的链接',
  'room.inviteCopied': '链接已复制',
  'room.inviteCopiedAnnounce': '邀请链接已复制。',
  'room.inviteFallback': '复制这个链接邀请朋友：{link}',
  'room.online': '在线',
  'room.leave': '离开',
  'room.onlineNow': '在线成员',
  'room.you': '（你）',
  'room.messages': '消息',
  'room.message': '消息',
  'room.placeholder': '输入消息…',
  'room.send': '发送',
  'room.composerHint': 'Enter 发送，Shift+Enter 换行。',
  'room.joined': '你以 {name} 的身份加入了 #{room}',
  'room.back': '你已回到 #{room}',
  'room.someoneJoined': '{name} 加入了房间',
  'room.someoneLeft': '{name} 离开了房间',
  'room.earlier': '较早的消息',
  'room.whileAway': '你离开期间的消息',
  'room.gap': '部分较早的消息未显示',
  'room.newMessages.one': '1 条新消息',
  'room.newMessages.many': '{count} 条新消息',
  'room.saidBy': '{name}：',
  'room.lineRemoved': '此消息已被管理员删除。',

  'typing.one': '{a} 正在输入…',
  'typing.two': '{a} 和 {b} 正在输入…',
  'typing.more': '{a}、{b} 和另外 {count} 人正在输入…',

  'count.left': '{used} / {max}',
  'count.over': '超出 {over} 个字符',
  'count.tooLong': '这条消息比 {max} 个字符的上限多了 {over} 个字符，请缩短或分成几条发送。',
  'count.tooBig': '这条消息太长，无法发送（{length} 个字符）。请缩短或分成几条发送。',

  'line.queued': '等待发送',
  'line.sent': '发送中…',
  'line.unsure': '发送中…',
  'line.unsent': '未发送',
  'line.retry': '重试',
  'line.edit': '编辑',
  'line.discard': '放弃',
  'reason.tooBig': '超出服务器允许的大小',
  'reason.refused': '被服务器拒绝',
  'reason.left': '你已离开房间',
  'reason.keptOut': '你不在房间里',
  'reason.roomRefused': '房间名被拒绝',

  'notice.newerServer': '服务器运行的是更新的聊天版本。如果有什么不对劲，请刷新页面。',
  'notice.nameHeld': '服务器仍为断开的连接保留着昵称“{name}”，稍后自动重试…',

  'code.malformed_frame': '服务器无法读取页面发送的内容。',
  'code.unknown_type': '服务器不理解页面发送的内容。',
  'code.not_logged_in': '你不在房间里。',
  'code.already_logged_in': '你已经在房间里了。',
  'code.nickname_taken': '这个房间里已经有人使用这个昵称，请换一个。',
  'code.nickname_invalid': '这个昵称不能使用：请缩短它，并去掉控制字符或不可见字符。',
  'code.room_invalid': '这个房间名不能使用。',
  'code.empty_message': '空消息不会发送。',
  'code.message_too_long': '这条消息超过了服务器允许的长度。',
  'code.invalid_character': '消息中含有控制字符或文字方向控制符，未发送。',
  'code.forged_from': '只能以你自己的名字发送消息。',
  'code.rate_limited': '发送得太快了，请稍慢一点。',
  'code.server_full': '服务器已满，请稍后再试。',
  'code.binary_unsupported': '服务器只接受文本。',
};

const STRINGS = { en, 'zh-CN': zh };

let current = pickLanguage();
const listeners = new Set();

/** The language to start in: the one chosen before, else the browser's preference. */
function pickLanguage() {
  const saved = loadSaved();
  if (LANGUAGES.includes(saved)) return saved;
  return fromBrowser(navigator.languages ?? [navigator.language]);
}

/** zh, zh-CN, zh-Hans, zh-TW… all read Chinese characters; the first en* or zh* wins. */
export function fromBrowser(preferred) {
  for (const tag of preferred ?? []) {
    const lower = String(tag ?? '').toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

function loadSaved() {
  try {
    return window.localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function save(language) {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage switched off: the choice holds until the page is closed.
  }
}

export function language() {
  return current;
}

/** The text for `key` with {name} placeholders filled from `params`; the key itself if unknown. */
export function t(key, params = {}) {
  const template = STRINGS[current][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Whether the page has its own words for `key`. */
export function has(key) {
  return key in en;
}

/**
 * What to show for a server refusal: in English the server's own sentence when it sent one, in
 * Chinese the page's translation of the code when it has one, else the server's sentence.
 */
export function serverText(code, text) {
  const key = `code.${code}`;
  if (current === 'en' && text) return text;
  if (code && has(key)) return t(key);
  return text;
}

/** Fills every element marked with data-i18n / data-i18n-attr under `root`. */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(',')) {
      const [attribute, key] = pair.split(':').map((part) => part.trim());
      if (attribute && key) node.setAttribute(attribute, t(key));
    }
  }
}

/** Switches the page's language, remembers it, and tells whoever draws text to draw it again. */
export function setLanguage(next) {
  if (!LANGUAGES.includes(next)) return;
  current = next;
  save(next);
  translatePage();
  for (const listener of listeners) listener(next);
}

export function toggleLanguage() {
  setLanguage(current === 'en' ? 'zh-CN' : 'en');
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}
