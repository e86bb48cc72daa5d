#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds with warnings as errors, runs every test.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build SpasmBot.sln -c Release
dotnet test SpasmBot.sln -c Release --no-build --logger "console;verbosity=normal"
