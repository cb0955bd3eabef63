// SPDX-License-Identifier: MIT
#pragma once

#include <QMargins>
#include <QRect>
#include <QSize>

namespace pw {

// Where a window first opens on a screen: the preferred client size shrunk so that the whole frame (title
// bar and borders included) fits the screen's available geometry (without panels and docks), centred in
// it. `frame` is the window manager's decoration around the client area (unknown before the window is
// shown: callers pass an estimate). Returns the client-area geometry.
QRect fitWindowGeometry(const QRect &available, const QSize &preferred, const QMargins &frame);

} // namespace pw
