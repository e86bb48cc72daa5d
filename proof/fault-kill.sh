#!/usr/bin/env bash
# Fault test (issue 7, part 2a): SIGKILL the bot in the middle of a load run, restart it, and check that every
# turn whose reply was acknowledged (HTTP 200 received) is in the transcript store.
# Usage: proof/fault-kill.sh [seconds before the kill, default 4] [seconds after the restart, default 3]
# Prints one RESULT line: acknowledged, stored, lost. Exit status 1 when any acknowledged turn is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BEFORE="${1:-4}"; AFTER="${2:-3}"; PORT="${PROOF_PORT:-5411}"
ensure_wrk; build_release
WORK=$(mktemp -d /tmp/spasmbot-kill.XXXXXX); DATA="$WORK/data"; export ACKED_DIR="$WORK"
trap 'kill -KILL "$BOT_PID" 2>/dev/null || true' EXIT

start_bot "$PORT" "$DATA"
PHASE=1 wrk -t2 -c32 -d"$((BEFORE + 30))s" --timeout 5s -s "$PROOF_ROOT/proof/acked.lua" "http://127.0.0.1:$PORT/api/messages" >"$WORK/wrk1.txt" 2>&1 &
WRK_PID=$!
sleep "$BEFORE"
kill -KILL "$BOT_PID"; wait "$BOT_PID" 2>/dev/null || true
sleep 0.5; kill "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true   # the first run ends with the process
acked_at_kill=$(cat "$WORK"/acked-*.txt 2>/dev/null | wc -l)
start_bot "$PORT" "$DATA"          # the restart stores what the journal holds
PHASE=2 wrk -t2 -c32 -d"${AFTER}s" --timeout 5s -s "$PROOF_ROOT/proof/acked.lua" "http://127.0.0.1:$PORT/api/messages" >"$WORK/wrk2.txt" 2>&1 || true
stop_bot                           # graceful: flushes the queue

sort -u "$WORK"/acked-*.txt >"$WORK/acked.txt"
python3 - "$DATA/transcripts.db" "$WORK/acked.txt" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
stored = {r[0] for r in db.execute("SELECT conversation_id FROM messages WHERE direction='in' AND conversation_id LIKE 'kill-%'")}
acked = [l.strip() for l in open(sys.argv[2]) if l.strip()]
lost = [c for c in acked if c not in stored]
print(f"RESULT acknowledged={len(acked)} stored={len(acked) - len(lost)} lost={len(lost)} extra_stored_unacknowledged={len(stored - set(acked))}")
if lost:
    print("first lost:", ", ".join(lost[:5]))
    sys.exit(1)
PY
status=$?
echo "acknowledged before the kill: $acked_at_kill, after the restart: $(( $(wc -l <"$WORK/acked.txt") - acked_at_kill )), torn journal records skipped at the restart: $(grep -c 'torn or corrupt record' "$DATA/bot.log" || true)"
[ "${PROOF_KEEP:-0}" = 1 ] || rm -rf "$WORK"
exit $status
