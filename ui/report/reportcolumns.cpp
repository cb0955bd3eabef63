// SPDX-License-Identifier: MIT
#include "reportcolumns.h"

#include "util/displaytext.h"

#include <QFontMetricsF>
#include <QImage>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pw {

namespace {

// Cell padding (4 px a side) and rule (1 px a side) around a cell's text, and a little slack for the
// rounding of percentages to pixels.
constexpr double kCellChrome = 2 * 4 + 2 * 1 + 3;

// A 96-dpi device, as the report's QTextDocument is laid out against (reportrenderer.cpp).
const QImage &referenceDevice() {
    static const QImage image = [] {
        QImage i(1, 1, QImage::Format_RGB32);
        const int dotsPerMeter = qRound(96 / 0.0254);
        i.setDotsPerMeterX(dotsPerMeter);
        i.setDotsPerMeterY(dotsPerMeter);
        return i;
    }();
    return image;
}

} // namespace

double widestWord(const QString &text, const QFont &font) {
    const QFontMetricsF fm(font, &referenceDevice());
    QTextBoundaryFinder finder(QTextBoundaryFinder::Line, text);
    double widest = 0;
    qsizetype start = 0;
    while (finder.toNextBoundary() >= 0) {
        const qsizetype end = finder.position();
        widest = std::max(widest, fm.horizontalAdvance(text.mid(start, end - start).trimmed()));
        start = end;
    }
    return widest;
}

void fitColumnsToWords(ReportDocument &doc, const QFont &font, double bodyWidth, double maxWordShare) {
    for (ReportBlock &block : doc.blocks) {
        if (block.kind != ReportBlock::Kind::Table) continue;
        ReportTable &t = block.table;
        const int cols = int(t.header.size());
        if (int(t.widths.size()) != cols || cols == 0) continue;
        QFont body = font;
        if (t.compact) body.setPointSizeF(8);
        QFont header = body;
        header.setBold(true);
        // Each column's need, in percent of the body: its longest word that can have room.
        std::vector<double> need(size_t(cols), 0);
        auto consider = [&](int c, const QString &text, const QFont &f) {
            const double w = widestWord(escapeControls(text), f) + kCellChrome;
            if (w <= bodyWidth * maxWordShare)
                need[size_t(c)] = std::max(need[size_t(c)], 100 * w / bodyWidth);
        };
        for (int c = 0; c < cols; ++c)
            consider(c, t.header[c], header);
        for (const ReportRow &r : t.rows) {
            if (r.group) continue;
            for (int c = 0; c < cols && c < int(r.cells.size()); ++c) {
                QFont f = body;
                if (r.cells[size_t(c)].style == ReportCell::Style::Strong) f.setBold(true);
                consider(c, r.cells[size_t(c)].text, f);
            }
        }
        std::vector<int> widths = t.widths;
        // The shortest needs first: when the words cannot all have their room (long carrier names beside
        // a header such as "Commission"), the short words — headers, amounts, codes — keep theirs and the
        // longest word is the one left to break.
        std::vector<int> order(static_cast<size_t>(cols));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return need[size_t(a)] < need[size_t(b)]; });
        for (const int c : order) {
            const int missing = int(std::ceil(need[size_t(c)])) - widths[size_t(c)];
            if (missing <= 0) continue;
            // Take whole percents, one at a time, from the column with the most room beyond its need.
            int taken = 0;
            while (taken < missing) {
                int donor = -1;
                double room = 0;
                for (int d = 0; d < cols; ++d) {
                    if (d == c) continue;
                    const double r = widths[size_t(d)] - 1 - need[size_t(d)];
                    if (r >= 0 && r + 1 > room) {
                        room = r + 1;
                        donor = d;
                    }
                }
                if (donor < 0) break;
                --widths[size_t(donor)];
                ++taken;
            }
            widths[size_t(c)] += taken;
        }
        t.widths = widths;
    }
}

} // namespace pw
