#!/usr/bin/env bash
# Installs the packages, builds the `release` preset and starts Pipescope on its default scenario.
# Usage (from a clone): sudo bash scripts/run-app.sh [pipescope arguments]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
pipescope_setup "${BASH_SOURCE[0]}" "$@"

cmake --preset release
cmake --build --preset release -j "$jobs"
exec "$repo/build/release/app/pipescope" "$@"
