#!/usr/bin/env bash
# Starts the fixture in the background on 127.0.0.1 and a free port; prints the port.
# Same as: node fixture.mjs start [--profile original|hardened] [--access-seconds N].
# The profile defaults to $BACKEND_PROFILE, else hardened. Stop it with ./stop.sh.
set -euo pipefail
exec node "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/fixture.mjs" start "$@"
