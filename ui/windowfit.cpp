// SPDX-License-Identifier: MIT
#include "windowfit.h"

#include <algorithm>

namespace pw {

QRect fitWindowGeometry(const QRect &available, const QSize &preferred, const QMargins &frame) {
    const int w = std::max(1, std::min(preferred.width(), available.width() - frame.left() - frame.right()));
    const int h =
        std::max(1, std::min(preferred.height(), available.height() - frame.top() - frame.bottom()));
    const int outerW = w + frame.left() + frame.right();
    const int outerH = h + frame.top() + frame.bottom();
    const int x = available.x() + std::max(0, (available.width() - outerW) / 2) + frame.left();
    const int y = available.y() + std::max(0, (available.height() - outerH) / 2) + frame.top();
    return QRect(x, y, w, h);
}

} // namespace pw
