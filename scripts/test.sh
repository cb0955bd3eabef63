#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets up (Debian packages + build) and runs the whole test suite with ctest.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-"$here/build"}
"$here/scripts/setup.sh" "$build"
export QT_QPA_PLATFORM=offscreen
cd "$build"
ctest --output-on-failure -j2 --timeout 600
