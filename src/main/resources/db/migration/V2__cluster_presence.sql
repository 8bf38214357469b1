-- Who is in which room on which server, for servers sharing rooms through PostgreSQL. On H2 (one
-- server alone) these tables stay empty, so this stays portable SQL.

-- Logins and logouts are numbered per room from the room's row, as lines are: one order per room.
alter table chat_room add column last_presence_id bigint default 0 not null;

-- One row per running server; a server whose heartbeat is too old is taken for dead.
create table chat_node (
  id varchar(36) not null primary key,
  name varchar(200) not null,
  started_at timestamp with time zone default current_timestamp not null,
  heartbeat_at timestamp with time zone default current_timestamp not null
);

-- The key makes nicknames unique per room across servers: name_key is the nickname's
-- look-alike key, so two servers' racing claims of one name meet on it and one wins.
create table chat_member (
  room varchar(64) not null,
  name_key varchar(1024) not null,
  nickname varchar(256) not null,
  node_id varchar(36) not null references chat_node (id),
  connection_id varchar(64) not null,
  joined_at bigint not null,
  primary key (room, name_key)
);
create index chat_member_node on chat_member (node_id);

-- Each login ('J') and logout ('L'), placed among the room's lines by after_line.
create table chat_presence (
  room varchar(64) not null,
  id bigint not null,
  after_line bigint not null,
  change char(1) not null,
  nickname varchar(256) not null,
  node_id varchar(36) not null,
  at bigint not null,
  primary key (room, id)
);
