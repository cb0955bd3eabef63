// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformat.h"

#include <vector>

namespace pw {

// The coverage detail keys of engine.md §8 per line, with labels, kinds and tooltips; used by the
// current-coverage forms, the offering detail pane and the Compare tab. `line` is home, auto, umbrella
// or flood. Whether the lower or the higher value is better (for bold "best" cells) is in `higherIsBetter`.
std::vector<FieldSpec> coverageFields(const QString &line);
bool higherIsBetter(const QString &key);

} // namespace pw
