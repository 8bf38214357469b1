-- The lines of every room, numbered per room. chat_room.last_line_id is the last number given,
-- kept apart from the lines so that numbering goes on after lines are pruned or cleared.
create table chat_room (
  name varchar(64) not null primary key,
  last_line_id bigint not null
);

create table chat_line (
  room varchar(64) not null,
  id bigint not null,
  nickname varchar(256) not null,
  text varchar(100000) not null,
  said_at bigint not null,
  primary key (room, id)
);

create index chat_line_said_at on chat_line (said_at);
