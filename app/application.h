// SPDX-License-Identifier: MIT
#pragma once

namespace pw {

// Picks the mode from the command line: a known command (validate, rank, gaps, …) runs without a window
// on a QCoreApplication; anything else opens the main window on the case named or the bundled sample.
int runApplication(int argc, char *argv[]);

} // namespace pw
