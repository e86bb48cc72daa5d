#!/usr/bin/env bash
# HTTP benchmark for /api/messages (issue 3, part 5). Usage: bench/run.sh [seconds per target, default 20]
# Drives each target with wrk at 32 connections using expectReplies messages and prints messages/s, p50, p99:
#   bare     - a bare ASP.NET Core endpoint returning one fixed reply (bench/BenchHost, mode "bare")
#   protocol - SpasmBot's protocol host around a trivial echo bot (bench/BenchHost, mode "echo")
#   spasmbot - the real SpasmBot host (Release), skipped with a note if its bot cannot answer on this checkout
# All three run in the same invocation, one after the other, on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20}"
CONNECTIONS=32
THREADS=2

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (Debian package)..."
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi

echo "Building (Release)..."
dotnet build SpasmBot/SpasmBot.csproj -c Release -v quiet -nologo >/dev/null
dotnet build bench/BenchHost/BenchHost.csproj -c Release -v quiet -nologo >/dev/null

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production
# Production-like logging: per-request Information logs to the console would dominate the numbers.
export Logging__LogLevel__Default=Warning

wait_ready() {
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{}' "$1/api/messages"; then return 0; fi
    sleep 0.2
  done
  echo "server at $1 did not start" >&2; return 1
}

probe() {
  curl -s -X POST -H 'Content-Type: application/json' "$1/api/messages" -d \
    '{"type":"message","id":"p1","channelId":"emulator","serviceUrl":"http://localhost:1","deliveryMode":"expectReplies","text":"What causes back spasms?","from":{"id":"u"},"recipient":{"id":"b"},"conversation":{"id":"probe"}}'
}

run_target() { # name url
  local name="$1" url="$2"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s bench/messages.lua "$url" >/dev/null   # warm-up (JIT, caches)
  local line
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s bench/messages.lua "$url" | grep '^RESULT')
  printf '%-9s %s\n' "$name" "${line#RESULT }"
  eval "${name}_rps=$(echo "$line" | sed -E 's/.*rps=([0-9.]+).*/\1/')"
}

BENCH_DLL=bench/BenchHost/bin/Release/net10.0/BenchHost.dll
SPASMBOT_DLL=SpasmBot/bin/Release/net10.0/SpasmBot.dll

dotnet "$BENCH_DLL" bare --urls http://127.0.0.1:5301 >/tmp/bench-bare.log 2>&1 & PIDS+=($!)
dotnet "$BENCH_DLL" echo --urls http://127.0.0.1:5302 >/tmp/bench-echo.log 2>&1 & PIDS+=($!)
(cd SpasmBot && exec dotnet "../$SPASMBOT_DLL" --urls http://127.0.0.1:5303 >/tmp/bench-spasmbot.log 2>&1) & PIDS+=($!)
wait_ready http://127.0.0.1:5301; wait_ready http://127.0.0.1:5302; wait_ready http://127.0.0.1:5303

echo "wrk: ${CONNECTIONS} connections, ${THREADS} threads, ${DURATION}s per target, $(nproc) cores"
run_target bare http://127.0.0.1:5301
run_target protocol http://127.0.0.1:5302

reply=$(probe http://127.0.0.1:5303 || true)
if echo "$reply" | grep -q '"activities"' && ! echo "$reply" | grep -q 'something went wrong'; then
  run_target spasmbot http://127.0.0.1:5303
  echo "spasmbot/bare throughput: $(awk "BEGIN{printf \"%.2f\", $spasmbot_rps/$bare_rps}")"
else
  echo "spasmbot  skipped: its bot cannot answer on this checkout (probe reply: ${reply:0:160})"
fi
echo "protocol/bare throughput: $(awk "BEGIN{printf \"%.2f\", $protocol_rps/$bare_rps}")"
