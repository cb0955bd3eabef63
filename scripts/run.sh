#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets up (Debian packages + build) and launches the workbench on the bundled sample case.
# Without a display it starts under xvfb-run and writes a screenshot instead.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-"$here/build"}
"$here/scripts/setup.sh" "$build"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$build/app/placement-workbench" "$@"
fi
echo "No display: rendering the window under xvfb-run to workbench.png"
exec xvfb-run -a -s "-screen 0 1366x768x24" "$build/app/placement-workbench" --screenshot "$here/workbench.png" "$@"
