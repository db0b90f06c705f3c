#!/usr/bin/env bash
# Stops the fixture started by start.sh (by the PID in .run/server.json).
set -euo pipefail
exec node "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/fixture.mjs" stop "$@"
