#!/usr/bin/env bash
# Installs the packages, builds the `release` preset and starts Pipescope on its default scenario.
# Usage (from a clone): sudo bash scripts/run-app.sh [pipescope arguments]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
pipescope_setup "${BASH_SOURCE[0]}" "$@"

cmake --preset release
# Only the program this script starts: the test and benchmark targets are not needed to run it.
cmake --build --preset release -j "$jobs" --target pipescope
exec "$repo/build/release/app/pipescope" "$@"
