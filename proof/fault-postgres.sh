#!/usr/bin/env bash
# Fault test (issue 7, part 2b): stop PostgreSQL in the middle of a load run and start it again; every acknowledged
# turn must end up in PostgreSQL (turns are acknowledged from the local journal; while the server is down the journal
# grows, and the store writer catches up when it is back).
# Uses its own throw-away cluster (port 55433, data in a temp dir) from the Debian postgresql that ./test.sh installs,
# so stopping it cannot disturb the shared test cluster on 55432 that other tests use at the same time.
# Usage: proof/fault-postgres.sh [seconds before the stop, default 3] [seconds down, default 4] [seconds after, default 3]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BEFORE="${1:-3}"; DOWN="${2:-4}"; AFTER="${3:-3}"; PORT="${PROOF_PORT:-5412}"; PG_PORT="${PROOF_PG_PORT:-55433}"
ensure_wrk; build_release
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/spasmbot-pgfault.XXXXXX); chmod 755 "$WORK"; DATA="$WORK/data"; PG_DIR="$WORK/pg"; export ACKED_DIR="$WORK"
pg() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w "$@" >/dev/null; }
cleanup() { kill -KILL "$BOT_PID" 2>/dev/null || true; pg stop -m immediate 2>/dev/null || true; [ "${PROOF_KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

mkdir -p "$PG_DIR" && chown postgres:postgres "$PG_DIR"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR" -A trust -U postgres >/dev/null
PG_START_OPTS="-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1"
pg -o "$PG_START_OPTS" start
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres spasmbot_proof
CONN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=spasmbot_proof;Timeout=3;Command Timeout=5"

# A short retry interval so the replay is seen within the run.
start_bot "$PORT" "$DATA" ConnectionStrings__Transcripts="$CONN" Transcripts__RetryInterval=00:00:00.500
PHASE=1 wrk -t2 -c32 -d"$((BEFORE + DOWN + AFTER))s" --timeout 10s -s "$PROOF_ROOT/proof/acked.lua" "http://127.0.0.1:$PORT/api/messages" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
sleep "$BEFORE"
pg stop -m fast
acked_before_stop=$(cat "$WORK"/acked-*.txt 2>/dev/null | wc -l)
sleep "$DOWN"
acked_while_down=$(( $(cat "$WORK"/acked-*.txt 2>/dev/null | wc -l) - acked_before_stop ))
journal_bytes=$(cat "$DATA"/journal/*/*.journal 2>/dev/null | wc -c)   # the backlog the journal holds
pg -o "$PG_START_OPTS" start
wait "$WRK_PID" || true
sleep 2                            # give the writer a retry interval to catch up
stop_bot                           # graceful: stores what the journal still holds

sort -u "$WORK"/acked-*.txt >"$WORK/acked.txt"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d spasmbot_proof -tAc \
  "SELECT conversation_id FROM messages WHERE direction = 'in' AND conversation_id LIKE 'kill-%'" | sort -u >"$WORK/stored.txt"
acked=$(wc -l <"$WORK/acked.txt"); lost=$(comm -23 "$WORK/acked.txt" "$WORK/stored.txt" | wc -l)
left=$(ls "$DATA"/journal/*/ 2>/dev/null | grep -c '\.journal$' || true)
echo "RESULT acknowledged=$acked stored=$((acked - lost)) lost=$lost acknowledged_while_down=$acked_while_down journal_bytes_while_down=$journal_bytes journal_files_left=$left"
[ "$lost" -eq 0 ] && [ "$left" -eq 0 ]
