#!/usr/bin/env bash
# Load and soak run (issue 7, part 3): the Release bot on loopback with SQLite transcripts in a temp dir, driven by
# wrk posting expectReplies messages (proof/messages.lua: varied real visitor questions), at each connection count in
# turn. Samples the bot's RSS every second, then stops it gracefully (flushing the transcript queue) and counts the
# visitor messages logged against the requests wrk completed.
# Usage: proof/load.sh [seconds per connection count, default 120] [connection counts, default "32 256"]
#   e.g. proof/load.sh 15          (the short run ./test.sh does)
# Environment: PROOF_PORT (5413), PROOF_OUT (a file that receives the RESULT lines), any DOTNET_* / Transcripts__* /
# Logging__* variable is passed to the bot as usual.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DURATION="${1:-120}"; CONNECTIONS="${2:-32 256}"; PORT="${PROOF_PORT:-5413}"
ensure_wrk; build_release
WORK=$(mktemp -d /tmp/spasmbot-load.XXXXXX); DATA="$WORK/data"
trap 'kill -KILL "$BOT_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
URL="http://127.0.0.1:$PORT/api/messages"
WRK="wrk -t2 --timeout 5s -s $PROOF_ROOT/proof/messages.lua"

start_bot "$PORT" "$DATA"
sample_rss "$BOT_PID" "$WORK/rss.txt" &
echo "bot pid $BOT_PID; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); ${DURATION}s per run" >&2

sent=0
$WRK -c32 -d3s "$URL" >"$WORK/warmup.txt"          # JIT and caches; its requests count as sent too
sent=$((sent + $(sed -nE 's/^RESULT .*requests=([0-9]+).*/\1/p' "$WORK/warmup.txt")))
lines=()
for c in $CONNECTIONS; do
  mark=$(wc -l <"$WORK/rss.txt")
  result=$($WRK -c"$c" -d"${DURATION}s" "$URL" | grep '^RESULT')
  peak=$(tail -n +"$((mark + 1))" "$WORK/rss.txt" | sort -n | tail -1)
  sent=$((sent + $(echo "$result" | sed -E 's/.*requests=([0-9]+).*/\1/')))
  lines+=("LOAD connections=$c seconds=$DURATION ${result#RESULT } peak_rss_mb=$(( ${peak:-0} / 1024 ))")
  echo "${lines[-1]}" >&2
done
overall_peak=$(sort -n "$WORK/rss.txt" | tail -1)
stop_bot
logged=$(count_inbound "$DATA" "load-")
# wrk counts completed responses; a request cut off when a run ends may still have been served and logged,
# so logged >= sent means nothing acknowledged was lost.
lost=$(( sent > logged ? sent - logged : 0 ))
lines+=("LOGGED sent=$sent logged=$logged lost=$lost peak_rss_mb=$(( ${overall_peak:-0} / 1024 ))")
printf '%s\n' "${lines[@]}"
if [ -n "${PROOF_OUT:-}" ]; then printf '%s\n' "${lines[@]}" >"$PROOF_OUT"; fi
[ "$lost" -eq 0 ]
