#!/usr/bin/env bash
# Broadcast latency, throughput and memory per connection of the chatroom WAR on Tomcat 10.1 and
# Payara Micro 6, side by side with two Node.js reference rooms (ws, socket.io). See
# docs/BENCHMARKS.md.
#
#   bench/run.sh            the full run (over an hour on 2 cores; see docs/BENCHMARKS.md)
#   bench/run.sh --quick    CI smoke test (small counts): fails if any line is lost, proves no speed
#
# Options: --servers tomcat-mem,tomcat,tomcat-lean,tomcat-pg,tomcat-pg2,payara,node,socketio (which
# to run, in that order; the default is that list without tomcat-lean, and without tomcat-mem and
# tomcat-pg2 in --quick), --scenarios
# connect,rooms,broadcast (which to measure), --sizes 100,500,1000,2000 (the broadcast ramp),
# --no-build (use what ../target, bench/target and node_modules hold), --client wire|jdk (how the
# generator connects: its own NIO client, the default, or the JDK's, to compare the two; the JDK's
# speaks no Socket.IO and runs without socketio).
#   tomcat      Tomcat + the WAR with its embedded H2 file (the WAR's default store)
#   tomcat-lean the tomcat server with the README's settings for many idle connections: 2 KiB
#               socket and WebSocket buffers instead of 8 KiB (every bench Tomcat has room for
#               30,000 connections)
#   tomcat-pg   Tomcat + the WAR on a PostgreSQL server that this script starts and stops
#   tomcat-pg2  two such Tomcats on one PostgreSQL, sharing their rooms; each room has half its
#               members on each (not in --quick)
#   tomcat-mem  Tomcat + the WAR of BASELINE_COMMIT (1ba4088), the last one that kept lines in memory
#   payara      Payara Micro + the WAR with its embedded H2 file
#   node        the Node.js + ws reference room
#   socketio    the same room on socket.io 4, WebSocket only (bench/peers/socketio); the
#               generator speaks Socket.IO's framing to it (--dialect socketio)
# The report gives every server's ratios to node and to socketio.
# Environment: MVN_FLAGS (extra Maven flags, such as -o), SERVER_OPTS (JVM flags of the JVM
# servers, default -Xmx2g, plus -XX:TieredStopAtLevel=1 in quick mode; a -Dchatroom.* there
# wins over the benchmark's), GENERATOR_OPTS (JVM flags of the load generator, default -Xmx2g),
# BASELINE_COMMIT (the in-memory WAR's commit, default 1ba4088).
#
# Every process runs under `nice -n 19`; every server (PostgreSQL too) listens on a free 127.0.0.1
# port in 19100-19199 and every connection goes to 127.0.0.1. Every JVM server keeps its embedded
# database in target/bench/data/SERVER, PostgreSQL its data in target/bench/postgres, both fresh
# each run. Writes target/bench/results.md. Outside --quick, PostgreSQL loads pg_stat_statements
# and the generator counts its write transactions and statements per line said.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OUT="$ROOT/target/bench"
JAR="$BENCH/target/chatroom-bench.jar"
NICE=(nice -n 19)
MODE_FLAG=()
MODE=default
SERVERS=
KNOWN_SERVERS=(tomcat-mem tomcat tomcat-lean tomcat-pg tomcat-pg2 payara node socketio)
BASELINE_COMMIT=${BASELINE_COMMIT:-1ba4088}
SIZES=()
CLIENT=()
SCENARIOS=()
BUILD=yes
MVN_FLAGS=${MVN_FLAGS:-}
SERVER_OPTS=${SERVER_OPTS:-}
GENERATOR_OPTS=${GENERATOR_OPTS:--Xmx2g}

usage() { sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE_FLAG=(--quick); MODE=quick ;;
    --servers) SERVERS="$2"; shift ;;
    --servers=*) SERVERS="${1#*=}" ;;
    --scenarios) SCENARIOS=(--scenarios "$2"); shift ;;
    --scenarios=*) SCENARIOS=(--scenarios "${1#*=}") ;;
    --sizes) SIZES=(--sizes "$2"); shift ;;
    --sizes=*) SIZES=(--sizes "${1#*=}") ;;
    --client) CLIENT=(--client "$2"); shift ;;
    --client=*) CLIENT=(--client "${1#*=}") ;;
    --no-build) BUILD=no ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

SERVERS_GIVEN="$SERVERS"
if [ -z "$SERVERS" ]; then
  SERVERS=tomcat-mem,tomcat,tomcat-pg,tomcat-pg2,payara,node,socketio
  # The smoke test builds no old commit and boots no second node.
  [ "$MODE" = quick ] && SERVERS=tomcat,tomcat-pg,payara,node,socketio
fi
IFS=, read -r -a server_list <<<"$SERVERS"
for server in "${server_list[@]}"; do
  [[ " ${KNOWN_SERVERS[*]} " == *" $server "* ]] \
    || { echo "unknown server: $server (known: ${KNOWN_SERVERS[*]})" >&2; exit 2; }
done
wants() { [[ ",$SERVERS," == *",$1,"* ]]; }
# The Node.js peers and their folders under bench/peers.
node_peer() { [ "$1" = node ] || [ "$1" = socketio ]; }
peer_dir() { case "$1" in node) echo node-ws ;; socketio) echo socketio ;; esac; }
# How the generator frames the chat protocol for a server.
dialect_of() { if [ "$1" = socketio ]; then echo socketio; else echo chat; fi; }
if [ "$MODE" = quick ] && wants tomcat-pg2; then
  echo "tomcat-pg2 is not part of --quick" >&2
  exit 2
fi
# Only the generator's own client speaks Socket.IO; a default list runs the rest with the JDK's.
if [ "${CLIENT[1]:-wire}" = jdk ] && wants socketio; then
  if [ -n "$SERVERS_GIVEN" ]; then
    echo "--client jdk does not speak Socket.IO: run socketio with the wire client" >&2
    exit 2
  fi
  echo "--client jdk does not speak Socket.IO: socketio left out" >&2
  SERVERS="$(echo ",$SERVERS," | sed 's/,socketio,/,/; s/^,//; s/,$//')"
  IFS=, read -r -a server_list <<<"$SERVERS"
fi

if [ -z "$SERVER_OPTS" ]; then
  SERVER_OPTS=-Xmx2g
  # The smoke test proves no speed: the JVMs skip C2 and start sooner.
  [ "$MODE" = quick ] && SERVER_OPTS="-Xmx2g -XX:TieredStopAtLevel=1"
fi

# The chatroom limits a benchmark must lift: 5 frames/s per connection, bursts of 30, 10,000
# connections, 20 of them per address (the generator is one address), and 8,192 queued frames
# or 4 MiB per client would otherwise be what gets measured.
CHAT_PROPS=(
  -Dchatroom.rate.per-second=100000
  -Dchatroom.rate.burst=100000
  -Dchatroom.connections.max=100000
  -Dchatroom.connections.per-address=10000000
  -Dchatroom.outbox.limit=100000
  -Dchatroom.outbox.max-bytes=1073741824
)

say() { printf '[run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

maven() { "${NICE[@]}" "$ROOT/mvnw" -q $MVN_FLAGS "$@"; }

# True when $1 is missing or anything under the other arguments is newer than it.
stale() {
  local artifact="$1"; shift
  [ ! -e "$artifact" ] && return 0
  [ -n "$(find "$@" -newer "$artifact" -type f -print -quit 2>/dev/null)" ]
}

started_at=$(date +%s)
mkdir -p "$OUT/logs"

# ---------------------------------------------------------------------------------------------
# Build what is needed.
WAR="$ROOT/target/chatroom.war"
# The in-memory WAR: the last commit before the durable store, built once and kept.
MEM_HOME="$ROOT/target/bench-baseline/$BASELINE_COMMIT"
MEM_WAR="$MEM_HOME/chatroom.war"

# Builds the WAR of BASELINE_COMMIT from `git archive` (no work tree of the repository changes).
build_mem_war() {
  local src="$MEM_HOME/src"
  git -C "$ROOT" rev-parse --verify -q "$BASELINE_COMMIT^{commit}" >/dev/null \
    || { echo "no commit $BASELINE_COMMIT in $ROOT: tomcat-mem needs the history" >&2; return 1; }
  rm -rf "$src"
  mkdir -p "$src"
  git -C "$ROOT" archive "$BASELINE_COMMIT" | tar -x -C "$src"
  (cd "$src" && "${NICE[@]}" ./mvnw -q $MVN_FLAGS package -DskipTests -Dspotless.check.skip=true) \
    || return 1
  cp "$src/target/chatroom.war" "$MEM_WAR.tmp" && mv "$MEM_WAR.tmp" "$MEM_WAR"
  rm -rf "$src"
}

if [ "$BUILD" = yes ]; then
  if stale "$WAR" "$ROOT/pom.xml" "$ROOT/src/main" "$ROOT/webapp"; then
    say "building the WAR"
    maven -f "$ROOT/pom.xml" package -DskipTests -Dspotless.check.skip=true
  fi
  if wants tomcat-mem && [ ! -f "$MEM_WAR" ]; then
    say "building the in-memory WAR of commit $BASELINE_COMMIT (once; kept in $MEM_HOME)"
    build_mem_war
  fi
  if ! ls -d "$ROOT"/target/tomcat-dist/apache-tomcat-* >/dev/null 2>&1 \
      || [ ! -f "$ROOT/target/payara-micro.jar" ]; then
    say "unpacking Tomcat and Payara Micro"
    maven -f "$ROOT/pom.xml" dependency:unpack@containers dependency:copy@payara-micro
  fi
  if stale "$JAR" "$BENCH/pom.xml" "$BENCH/src"; then
    say "building the load generator"
    maven -f "$BENCH/pom.xml" package
  fi
  for server in node socketio; do
    peer="$BENCH/peers/$(peer_dir "$server")"
    if wants "$server" \
        && stale "$peer/node_modules/.package-lock.json" "$peer/package-lock.json"; then
      say "installing the $server peer's packages"
      (cd "$peer" && "${NICE[@]}" npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
fi
[ -f "$WAR" ] || { echo "no $WAR: build it first" >&2; exit 1; }
[ -f "$JAR" ] || { echo "no load generator jar: build it first" >&2; exit 1; }
if wants tomcat-mem && [ ! -f "$MEM_WAR" ]; then
  echo "no $MEM_WAR: run without --no-build once to build it" >&2
  exit 1
fi
# PostgreSQL from Debian's package; the newest major version installed.
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -n 1 || true)"
if { wants tomcat-pg || wants tomcat-pg2; } && [ ! -x "$PG_BIN/initdb" ]; then
  echo "tomcat-pg and tomcat-pg2 need a PostgreSQL server in /usr/lib/postgresql/*/bin: apt-get install postgresql" >&2
  exit 1
fi
build_done_at=$(date +%s)

TOMCAT_DIST="$(ls -d "$ROOT"/target/tomcat-dist/apache-tomcat-* 2>/dev/null | head -n 1 || true)"
PAYARA_JAR="$ROOT/target/payara-micro.jar"
PAYARA_VERSION="$(sed -n 's:.*<payara.micro.version>\(.*\)</payara.micro.version>.*:\1:p' "$ROOT/pom.xml")"

# ---------------------------------------------------------------------------------------------
# Servers: start one, wait until it answers, run the scenarios, stop it. In quick mode, which
# proves no speed, all of them start at once to save their start-up time.
# Processes and ports are kept by node: a server is one node, but tomcat-pg2 is two.
declare -A PIDS=()
declare -A PORTS=()

nodes_of() {
  case "$1" in
    tomcat-pg2) echo tomcat-pg2-a tomcat-pg2-b ;;
    *) echo "$1" ;;
  esac
}

# Running, and not a zombie waiting to be reaped.
alive() { [ -r "/proc/$1/stat" ] && ! grep -q ') Z ' "/proc/$1/stat" 2>/dev/null; }

stop_node() {
  local pid="${PIDS[$1]:-}"
  if [ -n "$pid" ]; then
    if alive "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do
        alive "$pid" || break
        sleep 0.5
      done
      if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    wait "$pid" 2>/dev/null || true
    unset "PIDS[$1]"
  fi
}

stop_server() {
  local node
  for node in $(nodes_of "$1"); do stop_node "$node"; done
  # The database goes with the one server that used it.
  case "$1" in tomcat-pg|tomcat-pg2) stop_postgres ;; esac
}

stop_all() {
  local node
  for node in "${!PIDS[@]}"; do stop_node "$node"; done
  stop_postgres
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

free_port() {
  local port
  for port in $(seq 19100 19199); do
    if [[ " ${PORTS[*]} " == *" $port "* ]]; then continue; fi
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port in 19100-19199" >&2
  return 1
}

# Where a JVM server keeps its embedded database: under $OUT, new each run, never in a home.
data_dir() {
  local dir="$OUT/data/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "$dir"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL for tomcat-pg and tomcat-pg2: Debian's server binaries on a fresh data folder under
# $OUT, a free loopback port, its socket in /tmp; as its package's `postgres` user when we are root
# (it refuses to run as root), as testing/PostgresServer does for the tests. Stock settings (fsync
# on, synchronous_commit on): the durable store is what is measured. Outside --quick (which stays
# as it was), pg_stat_statements too, when the package ships it, for the statements per line.
PG_HOME="$OUT/postgres"
PG_DATA="$PG_HOME/data"
PG_STATEMENTS=no
if [ "$MODE" != quick ] && [ -f "$(dirname "$PG_BIN")/lib/pg_stat_statements.so" ]; then
  PG_STATEMENTS=yes
fi
PG_PID=
PG_STARTED=no  # no, then starting (PG_STARTER is the background job doing it), then yes
PG_STARTER=

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    "${NICE[@]}" runuser -u postgres -- "$@"
  else
    "${NICE[@]}" "$@"
  fi
}

# initdb, start, and the chatroom user and database; in a background job of its own.
boot_postgres() {
  local port="$1" log="$OUT/logs/postgres.log" preload=() extension=()
  if [ "$PG_STATEMENTS" = yes ]; then
    preload=(-c shared_preload_libraries=pg_stat_statements)
    extension=(-c "create extension pg_stat_statements")
  fi
  # UTF8 without the machine's locale (the C locale's default, SQL_ASCII, takes any bytes).
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 --no-locale --no-sync \
    >>"$log" 2>&1 || { echo "initdb failed; see $log" >&2; return 1; }
  printf 'host all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n' \
    >"$PG_DATA/pg_hba.conf"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$log" \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 ${preload[*]}" -w -t 60 start >/dev/null \
    || { echo "PostgreSQL did not start; see $log" >&2; return 1; }
  as_postgres "$PG_BIN/psql" -q -X -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -c "create user chatroom password 'chatroom'" \
    -c "create database chatroom owner chatroom" >>"$log" 2>&1 \
    || { echo "the chatroom database could not be made; see $log" >&2; return 1; }
  [ ${#extension[@]} -eq 0 ] \
    || as_postgres "$PG_BIN/psql" -q -X -h 127.0.0.1 -p "$port" -U postgres -d chatroom \
      -v ON_ERROR_STOP=1 "${extension[@]}" >>"$log" 2>&1 \
    || { echo "pg_stat_statements could not be made; see $log" >&2; return 1; }
}

# Starts PostgreSQL in the background (a fresh data folder, a free port); see await_postgres.
start_postgres() {
  [ "$PG_STARTED" = no ] || return 0
  local port log="$OUT/logs/postgres.log"
  port="$(free_port)" || return 1
  PORTS[postgres]="$port"
  rm -rf "$PG_HOME"
  mkdir -p "$PG_DATA"
  : >"$log"
  [ "$(id -u)" -ne 0 ] || chown -R postgres: "$PG_HOME" "$log"
  say "starting PostgreSQL $(pg_version) on 127.0.0.1:$port"
  PG_STARTED=starting
  boot_postgres "$port" &
  PG_STARTER=$!
}

# Waits until PostgreSQL takes connections; false if it could not start.
await_postgres() {
  if [ "$PG_STARTED" = starting ]; then
    local ok=yes
    wait "$PG_STARTER" || ok=no
    PG_STARTER=
    PG_STARTED=yes
    PG_PID="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
    [ "$ok" = yes ] || return 1
  fi
  [ "$PG_STARTED" = yes ]
}

stop_postgres() {
  [ "$PG_STARTED" != no ] || return 0
  # A start under way finishes first, or the server would come up after the stop.
  [ -z "$PG_STARTER" ] || wait "$PG_STARTER" 2>/dev/null || true
  PG_STARTER=
  PG_STARTED=no
  [ -n "$PG_PID" ] || PG_PID="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  if [ -n "$PG_PID" ] && alive "$PG_PID"; then kill -KILL "$PG_PID" 2>/dev/null || true; fi
  PG_PID=
  unset "PORTS[postgres]"
}

# ---------------------------------------------------------------------------------------------
# The flags Tomcat's catalina.sh passes on JDK 17 (see the `run` profile of ../pom.xml).
TOMCAT_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED
)

# A Tomcat of its own for the server variant $1, on port $2, serving the WAR $3; the rest of the
# arguments are JVM flags for that variant.
# The README's settings for a Tomcat holding many idle connections (Running on your server).
LEAN_CONNECTOR='socket.appReadBufSize="2048" socket.appWriteBufSize="2048"'
LEAN_JVM=(-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=2048)

start_tomcat() {
  local server="$1" port="$2" war="$3" home="$OUT/$1" data
  shift 3
  [ -n "$TOMCAT_DIST" ] || { echo "no Tomcat under ../target/tomcat-dist" >&2; return 1; }
  data="$(data_dir "$server")"
  rm -rf "$home"
  mkdir -p "$home/webapps" "$home/logs" "$home/temp" "$home/work"
  cp -r "$TOMCAT_DIST/bin" "$TOMCAT_DIST/conf" "$TOMCAT_DIST/lib" "$home/"
  cp "$war" "$home/webapps/chatroom.war"
  # Its own HTTP port on the loopback interface only, no shutdown port (a signal stops it), and
  # room for the idle scenario's 18,000 connections (the connector's default is 8,192).
  sed -i -e 's:<Server port="8005":<Server port="-1":' \
    -e "s:<Connector port=\"8080\":<Connector address=\"127.0.0.1\" port=\"$port\" maxConnections=\"30000\":" \
    "$home/conf/server.xml"
  if [ "$server" = tomcat-lean ]; then
    sed -i "s:<Connector address=\"127.0.0.1\":<Connector $LEAN_CONNECTOR address=\"127.0.0.1\":" \
      "$home/conf/server.xml"
    set -- "$@" "${LEAN_JVM[@]}"
  fi
  (
    cd "$home"
    exec "${NICE[@]}" java "${CHAT_PROPS[@]}" -Dchatroom.data.dir="$data" "$@" $SERVER_OPTS \
      -Dcatalina.home="$home" -Dcatalina.base="$home" -Djava.io.tmpdir="$home/temp" \
      -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager \
      -Djava.util.logging.config.file="$home/conf/logging.properties" \
      "${TOMCAT_OPENS[@]}" \
      -classpath "$home/bin/bootstrap.jar:$home/bin/tomcat-juli.jar" \
      org.apache.catalina.startup.Bootstrap start
  ) >"$OUT/logs/$server.log" 2>&1 &
  PIDS[$server]=$!
}

start_payara() {
  local port="$1" home="$OUT/payara" data
  data="$(data_dir payara)"
  rm -rf "$home"
  mkdir -p "$home"
  # Its HTTP listener on the loopback interface only.
  echo 'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1' \
    >"$home/preboot.txt"
  (
    cd "$home"
    exec "${NICE[@]}" java "${CHAT_PROPS[@]}" -Dchatroom.data.dir="$data" $SERVER_OPTS \
      -Djava.io.tmpdir="$home" \
      -jar "$PAYARA_JAR" --deploy "$WAR" --contextroot chatroom --port "$port" --nocluster \
      --rootdir "$home/root" --prebootcommandfile "$home/preboot.txt"
  ) >"$OUT/logs/payara.log" 2>&1 &
  PIDS[payara]=$!
}

# A Node.js peer ($1: node or socketio) on port $2.
start_node() {
  local server="$1" port="$2"
  (
    cd "$BENCH/peers/$(peer_dir "$server")"
    exec "${NICE[@]}" node --expose-gc server.js "$port"
  ) >"$OUT/logs/$server.log" 2>&1 &
  PIDS[$server]=$!
}

# A server's nodes' ports, or their pids, as a comma list.
ports_of() {
  local node list=()
  for node in $(nodes_of "$1"); do list+=("${PORTS[$node]}"); done
  (IFS=,; echo "${list[*]}")
}
pids_of() {
  local node list=()
  for node in $(nodes_of "$1"); do list+=("${PIDS[$node]}"); done
  (IFS=,; echo "${list[*]}")
}

# Waits for each node of a server; see await_server.
await_nodes() {
  local node
  for node in $(nodes_of "$1"); do
    await_server "$node" "$2" || return 1
  done
}

# Waits until GET /chatroom/api/health answers 200 (the room is deployed and ready). A Tomcat
# whose context failed to start stays up without it: its log says so, and waiting longer is no use.
await_server() {
  local server="$1" seconds="$2" port="${PORTS[$1]}" waited=0
  while ! curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/chatroom/api/health" 2>/dev/null; do
    if [ -z "${PIDS[$server]:-}" ] || ! alive "${PIDS[$server]}"; then
      echo "the server stopped while starting" >&2
      return 1
    fi
    if [[ "$server" == tomcat* ]] \
        && grep -q 'Context \[/chatroom\] startup failed' "$OUT/logs/$server.log" 2>/dev/null; then
      echo "the WAR did not deploy (its log says why)" >&2
      return 1
    fi
    if [ "$waited" -ge "$seconds" ]; then
      echo "the server did not answer within $seconds s" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

tomcat_version() { echo "${TOMCAT_DIST##*apache-tomcat-}"; }
pg_version() { "$PG_BIN/postgres" --version | sed -n 's/.*(PostgreSQL) \([0-9.]*\).*/\1/p'; }

label_of() {
  case "$1" in
    tomcat-mem) echo "Tomcat $(tomcat_version) in-memory ($BASELINE_COMMIT)" ;;
    tomcat) echo "Tomcat $(tomcat_version) + H2" ;;
    tomcat-lean) echo "Tomcat $(tomcat_version) + H2, 2 KiB buffers" ;;
    tomcat-pg) echo "Tomcat $(tomcat_version) + PostgreSQL $(pg_version)" ;;
    tomcat-pg2) echo "2 × Tomcat $(tomcat_version) + PostgreSQL $(pg_version)" ;;
    payara) echo "Payara Micro $PAYARA_VERSION + H2" ;;
    node) echo "Node $(node -v | tr -d v) + ws $(cd "$BENCH/peers/node-ws" \
      && node -p "require('ws/package.json').version" 2>/dev/null || echo '?')" ;;
    socketio) echo "Node $(node -v | tr -d v) + socket.io $(cd "$BENCH/peers/socketio" \
      && node -p "require('./node_modules/socket.io/package.json').version" 2>/dev/null || echo '?')" ;;
  esac
}

short_of() {
  case "$1" in
    tomcat-mem) echo "Tomcat mem" ;;
    tomcat) echo "Tomcat H2" ;;
    tomcat-lean) echo "Tomcat lean" ;;
    tomcat-pg) echo "Tomcat PG" ;;
    tomcat-pg2) echo "Tomcat PG ×2" ;;
    payara) echo Payara ;;
    node) echo Node ;;
    socketio) echo socket.io ;;
  esac
}

# The flags of a Tomcat on the PostgreSQL this script started.
pg_props() {
  echo -Dchatroom.db.url="jdbc:postgresql://127.0.0.1:${PORTS[postgres]}/chatroom" \
    -Dchatroom.db.user=chatroom -Dchatroom.db.password=chatroom
}

start_server() {
  local server="$1" node
  for node in $(nodes_of "$server"); do
    PORTS[$node]="$(free_port)" || return 1
  done
  rm -f "$OUT/results-$server.txt"
  if [ "$server" = tomcat-pg ] || [ "$server" = tomcat-pg2 ]; then
    start_postgres || return 1
    await_postgres || return 1
  fi
  say "starting $server on 127.0.0.1:$(ports_of "$server")"
  case "$server" in
    tomcat-mem) start_tomcat tomcat-mem "${PORTS[$server]}" "$MEM_WAR" ;;
    tomcat|tomcat-lean) start_tomcat "$server" "${PORTS[$server]}" "$WAR" ;;
    tomcat-pg) start_tomcat tomcat-pg "${PORTS[$server]}" "$WAR" $(pg_props) ;;
    tomcat-pg2)
      # One after the other: two WARs migrating one empty database and making their first
      # connections at once, on two busy cores, would measure the boot and not the rooms.
      start_tomcat tomcat-pg2-a "${PORTS[tomcat-pg2-a]}" "$WAR" $(pg_props)
      await_server tomcat-pg2-a 240 || return 1
      start_tomcat tomcat-pg2-b "${PORTS[tomcat-pg2-b]}" "$WAR" $(pg_props)
      ;;
    payara) start_payara "${PORTS[$server]}" ;;
    node|socketio) start_node "$server" "${PORTS[$server]}" ;;
  esac
}

status=0
results=()
run_order=("${server_list[@]}")
declare -A START_FAILED=()
DEFERRED=
if [ "$MODE" = quick ]; then
  # Payara, the slowest to boot, first. tomcat-pg (initdb, PostgreSQL, a third JVM) only once
  # another JVM server answers: four boots at once on two busy cores can starve a WAR's first
  # database connection past its 3 s limit, and its deployment then fails.
  if wants tomcat-pg && { wants tomcat || wants tomcat-mem || wants payara; }; then
    DEFERRED=tomcat-pg
  fi
  for server in payara node socketio tomcat tomcat-mem tomcat-pg; do
    if wants "$server" && [ "$server" != "$DEFERRED" ]; then
      start_server "$server" || START_FAILED[$server]=yes
    fi
  done
  # Its database boots meanwhile, in the background.
  [ -z "$DEFERRED" ] || start_postgres || START_FAILED[tomcat-pg]=yes
  # Node is up at once: its turn comes first, while the JVM servers are still starting.
  run_order=()
  for server in node socketio "${server_list[@]}"; do
    if wants "$server" && [[ " ${run_order[*]} " != *" $server "* ]]; then
      run_order+=("$server")
    fi
  done
fi
start_deferred() {
  if [ -n "$DEFERRED" ]; then
    start_server "$DEFERRED" || START_FAILED[$DEFERRED]=yes
    DEFERRED=
  fi
}
for server in "${run_order[@]}"; do
  server_started=$(date +%s)
  if [ "$MODE" != quick ] || [ "$server" = "$DEFERRED" ]; then
    if [ "$server" = "$DEFERRED" ]; then DEFERRED=; fi
    start_server "$server" || START_FAILED[$server]=yes
  fi
  if [ -n "${START_FAILED[$server]:-}" ] || ! await_nodes "$server" 240; then
    for node in $(nodes_of "$server"); do
      say "$server did not start; see $OUT/logs/$node.log"
      tail -n 20 "$OUT/logs/$node.log" >&2 || true
    done
    stop_server "$server"
    status=1
    continue
  fi
  pid="$(pids_of "$server")"
  say "$server answers (pid $pid, $(( $(date +%s) - server_started )) s); running the scenarios"
  node_peer "$server" || start_deferred
  heap=jcmd
  node_peer "$server" && heap=node
  # The database's CPU is the server's: it counts neither as other processes' nor as idle.
  # Outside --quick, what that database did per line too.
  with=()
  if [ "$server" = tomcat-pg ] || [ "$server" = tomcat-pg2 ]; then
    with=(--with-pid "$PG_PID")
    [ "$MODE" = quick ] || with+=(--psql "$PG_BIN/psql" --pg-port "${PORTS[postgres]}")
  fi
  if ! "${NICE[@]}" java $GENERATOR_OPTS -jar "$JAR" run "${MODE_FLAG[@]}" "${SCENARIOS[@]}" "${SIZES[@]}" "${CLIENT[@]}" \
      --server "$server" --label "$(label_of "$server")" --short "$(short_of "$server")" \
      --port "$(ports_of "$server")" --pid "$pid" "${with[@]}" --heap "$heap" \
      --dialect "$(dialect_of "$server")" \
      --out "$OUT/results-$server.txt"; then
    status=1
  fi
  stop_server "$server"
  say "$server done ($(( $(date +%s) - server_started )) s)"
done
for server in "${server_list[@]}"; do
  [ -f "$OUT/results-$server.txt" ] && results+=("$OUT/results-$server.txt")
done

if [ ${#results[@]} -eq 0 ]; then
  say "no results"
  exit 1
fi

# ---------------------------------------------------------------------------------------------
# The report: machine, versions, then the table: every server against Node ws and socket.io, the
# durable stores against the in-memory WAR when it ran, and two nodes against one (issue #15: at
# least 80% of its lines per second).
baseline=()
if wants tomcat-mem; then
  baseline=(--baseline tomcat-mem --against tomcat:0.70,tomcat-pg:0.50)
fi
if wants tomcat-pg && wants tomcat-pg2; then
  baseline+=(--baseline tomcat-pg --against tomcat-pg2:0.80)
fi
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
{
  echo "# chatroom benchmark ($MODE mode), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores (${cpu_model:-unknown CPU}), $(free -g | awk '/^Mem:/ {print $2}') GiB;" \
    "$(java -version 2>&1 | head -n 1); Node $(node -v); load average at the end:" \
    "$(cut -d' ' -f1-3 /proc/loadavg). Server and load generator share these cores."
  echo
  if ! "${NICE[@]}" java -jar "$JAR" report --reference node,socketio "${baseline[@]}" \
      --out "$OUT/table.md" "${results[@]}"; then
    status=1
  fi
} >"$OUT/results.md"
cat "$OUT/results.md"

finished_at=$(date +%s)
say "build $((build_done_at - started_at)) s, benchmark $((finished_at - build_done_at)) s;" \
  "report in $OUT/results.md"
if [ "$status" -ne 0 ]; then
  say "FAILED: a server did not start, a scenario failed, or lines were lost (see above)"
fi
exit "$status"
