#!/usr/bin/env bash
# Installs the packages, builds the `dev` preset and runs the whole test suite through ctest on
# Qt's offscreen platform. Prints ctest's summary line last; exits non-zero on any failure.
# Usage (from a clone): sudo bash scripts/run-tests.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
pipescope_setup "${BASH_SOURCE[0]}" "$@"

export QT_QPA_PLATFORM=offscreen
cmake --preset dev
cmake --build --preset dev -j "$jobs"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ctest --preset dev -j "$jobs" --no-tests=error 2>&1 | tee "$log" || status=$?
# ctest prints its summary before the list of failures; repeat it as the closing line.
summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
if [[ -z "$summary" ]]; then
    echo "run-tests: ctest printed no summary (exit $status)" >&2
    exit $((status == 0 ? 1 : status))
fi
echo "$summary"
exit "$status"
