# Shared helpers for the proof scripts (sourced, not run). Starts the Release bot on loopback with its transcript
# store in a private directory, waits for it, samples its memory, and counts what the store holds.
PROOF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BOT_DLL="$PROOF_ROOT/SpasmBot/bin/Release/net10.0/SpasmBot.dll"

ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    echo "Installing wrk (Debian package)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 wrk) >/dev/null
  fi
}

build_release() {
  if [ "${PROOF_SKIP_BUILD:-0}" != 1 ]; then
    dotnet build "$PROOF_ROOT/SpasmBot/SpasmBot.csproj" -c Release -v quiet -nologo >/dev/null
  fi
}

# start_bot PORT DATADIR [extra env assignments...]: starts the bot in the background, sets BOT_PID.
start_bot() {
  local port="$1" data="$2"; shift 2
  mkdir -p "$data"
  # Production-like: Warning logging (per-request Information logs to the console would dominate), no dev pages.
  (cd "$PROOF_ROOT/SpasmBot" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
      Transcripts__DataDirectory="$data" "$@" dotnet "$BOT_DLL" --urls "http://127.0.0.1:$port" >>"$data/bot.log" 2>&1) &
  BOT_PID=$!
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/api/messages"; then
      return 0
    fi
    if ! kill -0 "$BOT_PID" 2>/dev/null; then echo "bot exited during start-up; see $data/bot.log" >&2; return 1; fi
    sleep 0.2
  done
  echo "bot did not start on port $port" >&2; return 1
}

# stop_bot: graceful stop (SIGTERM flushes the transcript queue), waits for the process to exit.
stop_bot() {
  kill -TERM "$BOT_PID" 2>/dev/null || true
  wait "$BOT_PID" 2>/dev/null || true
}

# sample_rss PID OUTFILE: one VmRSS sample (kB) per second while the process lives; run in the background.
sample_rss() {
  while kill -0 "$1" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null >>"$2" || true
    sleep 1
  done
}

# count_inbound DATADIR [CONVERSATION_PREFIX]: inbound message rows in the SQLite transcript store.
count_inbound() {
  python3 - "$1/transcripts.db" "${2:-}" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM messages WHERE direction = 'in' AND activity_type = 'message' AND conversation_id LIKE ?",
                 (sys.argv[2] + '%',)).fetchone()[0])
PY
}
