// SPDX-License-Identifier: MIT
#pragma once

#include <QPaintDevice>
#include <QRectF>

#include <memory>

class QPainter;

namespace pw {

// A paint device that passes what is painted on it to another painter (the page of a PDF being painted),
// keeping only the text whose baseline lies within a rectangle of that painter's device: the body of the
// page. QTextDocumentLayout draws every line of a paragraph or table cell that touches its clip, and a
// PDF keeps the text of a line painted outside the painter's clip in its text layer, so a line of the page
// before (or after) would be in this page's text twice over, hidden. Everything else (rules, borders,
// backgrounds, images) is passed on, clipped to the rectangle. Ui.md, print and export.
// The target painter must stay active while this device is painted on; its state (pen, transform, clip)
// is set by what is painted here.
class PageBodyPainter : public QPaintDevice {
public:
    // `body`: in `target`'s device pixels.
    PageBodyPainter(QPainter *target, const QRectF &body);
    ~PageBodyPainter() override;
    QPaintEngine *paintEngine() const override;
    // How many pieces of text were left out as outside the body (for tests and checks).
    int textLeftOut() const;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    class Engine;
    std::unique_ptr<Engine> m_engine;
    QPainter *m_target;
};

} // namespace pw
