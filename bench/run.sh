#!/usr/bin/env bash
# Broadcast latency, throughput and memory per connection of the chatroom WAR on Tomcat 10.1 and
# Payara Micro 6, side by side with a Node.js + ws reference server. See docs/BENCHMARKS.md.
#
#   bench/run.sh            the full run (under 10 minutes on 2 cores)
#   bench/run.sh --quick    CI smoke test (small counts): fails if any line is lost, proves no speed
#
# Options: --servers tomcat,payara,node (which to run, in that order), --scenarios
# connect,rooms,broadcast (which to measure), --sizes 100,500,1000,2000 (the broadcast ramp),
# --no-build (use what ../target, bench/target and node_modules hold).
# Environment: MVN_FLAGS (extra Maven flags, such as -o), SERVER_OPTS (JVM flags of both JVM
# servers, default -Xmx2g, plus -XX:TieredStopAtLevel=1 in quick mode; a -Dchatroom.* there
# wins over the benchmark's), GENERATOR_OPTS (JVM flags of the load generator, default -Xmx2g).
#
# Every process runs under `nice -n 19`; every server listens on a free 127.0.0.1 port in
# 19100-19199 and every connection goes to 127.0.0.1. Writes target/bench/results.md.
set -euo pipefail

BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OUT="$ROOT/target/bench"
JAR="$BENCH/target/chatroom-bench.jar"
NICE=(nice -n 19)
MODE_FLAG=()
MODE=default
SERVERS=tomcat,payara,node
SIZES=()
SCENARIOS=()
BUILD=yes
MVN_FLAGS=${MVN_FLAGS:-}
SERVER_OPTS=${SERVER_OPTS:-}
GENERATOR_OPTS=${GENERATOR_OPTS:--Xmx2g}

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE_FLAG=(--quick); MODE=quick ;;
    --servers) SERVERS="$2"; shift ;;
    --servers=*) SERVERS="${1#*=}" ;;
    --scenarios) SCENARIOS=(--scenarios "$2"); shift ;;
    --scenarios=*) SCENARIOS=(--scenarios "${1#*=}") ;;
    --sizes) SIZES=(--sizes "$2"); shift ;;
    --sizes=*) SIZES=(--sizes "${1#*=}") ;;
    --no-build) BUILD=no ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [ -z "$SERVER_OPTS" ]; then
  SERVER_OPTS=-Xmx2g
  # The smoke test proves no speed: the JVMs skip C2 and start sooner.
  [ "$MODE" = quick ] && SERVER_OPTS="-Xmx2g -XX:TieredStopAtLevel=1"
fi

# The chatroom limits a benchmark must lift: 5 frames/s per connection, bursts of 30, 10,000
# connections and 8,192 queued frames per client would otherwise be what gets measured.
CHAT_PROPS=(
  -Dchatroom.rate.per-second=100000
  -Dchatroom.rate.burst=100000
  -Dchatroom.connections.max=100000
  -Dchatroom.outbox.limit=100000
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
if [ "$BUILD" = yes ]; then
  if stale "$WAR" "$ROOT/pom.xml" "$ROOT/src/main" "$ROOT/webapp"; then
    say "building the WAR"
    maven -f "$ROOT/pom.xml" package -DskipTests -Dspotless.check.skip=true
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
  if [[ ",$SERVERS," == *",node,"* ]] \
      && stale "$BENCH/peers/node-ws/node_modules/.package-lock.json" \
        "$BENCH/peers/node-ws/package-lock.json"; then
    say "installing the Node peer's packages"
    (cd "$BENCH/peers/node-ws" && "${NICE[@]}" npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
[ -f "$WAR" ] || { echo "no $WAR: build it first" >&2; exit 1; }
[ -f "$JAR" ] || { echo "no load generator jar: build it first" >&2; exit 1; }
build_done_at=$(date +%s)

TOMCAT_DIST="$(ls -d "$ROOT"/target/tomcat-dist/apache-tomcat-* 2>/dev/null | head -n 1 || true)"
PAYARA_JAR="$ROOT/target/payara-micro.jar"
PAYARA_VERSION="$(sed -n 's:.*<payara.micro.version>\(.*\)</payara.micro.version>.*:\1:p' "$ROOT/pom.xml")"

# ---------------------------------------------------------------------------------------------
# Servers: start one, wait until it answers, run the scenarios, stop it. In quick mode, which
# proves no speed, all of them start at once to save their start-up time.
declare -A PIDS=()
declare -A PORTS=()

# Running, and not a zombie waiting to be reaped.
alive() { [ -r "/proc/$1/stat" ] && ! grep -q ') Z ' "/proc/$1/stat" 2>/dev/null; }

stop_server() {
  local pid="${PIDS[$1]:-}"
  [ -n "$pid" ] || return 0
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
}

stop_all() {
  local server
  for server in "${!PIDS[@]}"; do stop_server "$server"; done
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

# The flags Tomcat's catalina.sh passes on JDK 17 (see the `run` profile of ../pom.xml).
TOMCAT_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED
)

start_tomcat() {
  local port="$1" home="$OUT/tomcat"
  [ -n "$TOMCAT_DIST" ] || { echo "no Tomcat under ../target/tomcat-dist" >&2; return 1; }
  rm -rf "$home"
  mkdir -p "$home/webapps" "$home/logs" "$home/temp" "$home/work"
  cp -r "$TOMCAT_DIST/bin" "$TOMCAT_DIST/conf" "$TOMCAT_DIST/lib" "$home/"
  cp "$WAR" "$home/webapps/chatroom.war"
  # Its own HTTP port on the loopback interface only, and no shutdown port (a signal stops it).
  sed -i -e 's:<Server port="8005":<Server port="-1":' \
    -e "s:<Connector port=\"8080\":<Connector address=\"127.0.0.1\" port=\"$port\":" \
    "$home/conf/server.xml"
  (
    cd "$home"
    exec "${NICE[@]}" java "${CHAT_PROPS[@]}" $SERVER_OPTS \
      -Dcatalina.home="$home" -Dcatalina.base="$home" -Djava.io.tmpdir="$home/temp" \
      -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager \
      -Djava.util.logging.config.file="$home/conf/logging.properties" \
      "${TOMCAT_OPENS[@]}" \
      -classpath "$home/bin/bootstrap.jar:$home/bin/tomcat-juli.jar" \
      org.apache.catalina.startup.Bootstrap start
  ) >"$OUT/logs/tomcat.log" 2>&1 &
  PIDS[tomcat]=$!
}

start_payara() {
  local port="$1" home="$OUT/payara"
  rm -rf "$home"
  mkdir -p "$home"
  # Its HTTP listener on the loopback interface only.
  echo 'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1' \
    >"$home/preboot.txt"
  (
    cd "$home"
    exec "${NICE[@]}" java "${CHAT_PROPS[@]}" $SERVER_OPTS -Djava.io.tmpdir="$home" \
      -jar "$PAYARA_JAR" --deploy "$WAR" --contextroot chatroom --port "$port" --nocluster \
      --rootdir "$home/root" --prebootcommandfile "$home/preboot.txt"
  ) >"$OUT/logs/payara.log" 2>&1 &
  PIDS[payara]=$!
}

start_node() {
  local port="$1"
  (
    cd "$BENCH/peers/node-ws"
    exec "${NICE[@]}" node --expose-gc server.js "$port"
  ) >"$OUT/logs/node.log" 2>&1 &
  PIDS[node]=$!
}

# Waits until GET /chatroom/api/health answers 200 (the room is deployed and ready).
await_server() {
  local server="$1" seconds="$2" port="${PORTS[$1]}" waited=0
  while ! curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/chatroom/api/health" 2>/dev/null; do
    if ! alive "${PIDS[$server]}"; then
      echo "the server stopped while starting" >&2
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

label_of() {
  case "$1" in
    tomcat) echo "Tomcat ${TOMCAT_DIST##*apache-tomcat-}" ;;
    payara) echo "Payara Micro $PAYARA_VERSION" ;;
    node) echo "Node $(node -v | tr -d v) + ws $(cd "$BENCH/peers/node-ws" \
      && node -p "require('ws/package.json').version" 2>/dev/null || echo '?')" ;;
  esac
}

short_of() {
  case "$1" in tomcat) echo Tomcat ;; payara) echo Payara ;; node) echo Node ;; esac
}

start_server() {
  local server="$1"
  PORTS[$server]="$(free_port)"
  rm -f "$OUT/results-$server.txt"
  say "starting $server on 127.0.0.1:${PORTS[$server]}"
  "start_$server" "${PORTS[$server]}"
}

status=0
results=()
IFS=, read -r -a server_list <<<"$SERVERS"
for server in "${server_list[@]}"; do
  case "$server" in tomcat|payara|node) ;; *) echo "unknown server: $server" >&2; exit 2 ;; esac
done
run_order=("${server_list[@]}")
if [ "$MODE" = quick ]; then
  for server in "${server_list[@]}"; do start_server "$server"; done
  # Node is up at once: its turn comes first, while the JVM servers are still starting.
  run_order=()
  for server in node "${server_list[@]}"; do
    if [[ ",$SERVERS," == *",$server,"* && " ${run_order[*]} " != *" $server "* ]]; then
      run_order+=("$server")
    fi
  done
fi
for server in "${run_order[@]}"; do
  server_started=$(date +%s)
  [ "$MODE" = quick ] || start_server "$server"
  if ! await_server "$server" 240; then
    say "$server did not start; see $OUT/logs/$server.log"
    tail -n 20 "$OUT/logs/$server.log" >&2 || true
    stop_server "$server"
    status=1
    continue
  fi
  pid="${PIDS[$server]}"
  say "$server answers (pid $pid, $(( $(date +%s) - server_started )) s); running the scenarios"
  heap=jcmd
  [ "$server" = node ] && heap=node
  if ! "${NICE[@]}" java $GENERATOR_OPTS -jar "$JAR" run "${MODE_FLAG[@]}" "${SCENARIOS[@]}" "${SIZES[@]}" \
      --server "$server" --label "$(label_of "$server")" --short "$(short_of "$server")" \
      --port "${PORTS[$server]}" --pid "$pid" --heap "$heap" --out "$OUT/results-$server.txt"; then
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
# The report: machine, versions, then the table.
cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
{
  echo "# chatroom benchmark ($MODE mode), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores (${cpu_model:-unknown CPU}), $(free -g | awk '/^Mem:/ {print $2}') GiB;" \
    "$(java -version 2>&1 | head -n 1); Node $(node -v); load average at the end:" \
    "$(cut -d' ' -f1-3 /proc/loadavg). Server and load generator share these cores."
  echo
  if ! "${NICE[@]}" java -jar "$JAR" report --reference node \
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
