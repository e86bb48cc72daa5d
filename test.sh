#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds with warnings as errors, runs every test.
set -euo pipefail
cd "$(dirname "$0")"

# Channels: the browser tests drive Debian's Chromium (never a downloaded browser); install it where missing.
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium >/dev/null
fi
# Channels: the website widget's Web Chat bundle (widget/package-lock.json); the build also does this when missing.
if [ ! -f widget/node_modules/.package-lock.json ] || [ widget/package-lock.json -nt widget/node_modules/.package-lock.json ]; then
  (cd widget && npm ci --no-audit --no-fund --ignore-scripts)
fi
# Channels: Microsoft 365 Agents Playground for the Teams test (runs offline on localhost).
if [ ! -f tools/agents-playground/node_modules/.package-lock.json ] || [ tools/agents-playground/package-lock.json -nt tools/agents-playground/node_modules/.package-lock.json ]; then
  (cd tools/agents-playground && npm ci --no-audit --no-fund --ignore-scripts)
fi

dotnet build SpasmBot.sln -c Release

set +e
dotnet test SpasmBot.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee /tmp/spasmbot-test.log
status=${PIPESTATUS[0]}
set -e

# One plain closing line, whatever the runner printed above it.
passed=$(grep -Eo 'Passed: +[0-9]+' /tmp/spasmbot-test.log | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' /tmp/spasmbot-test.log | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
echo "Tests: ${passed} passed, ${failed} failed"
exit "$status"
