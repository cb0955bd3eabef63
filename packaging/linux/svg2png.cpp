// SPDX-License-Identifier: MIT
// Build tool: renders the application icon's SVG source to square PNGs of the hicolor theme sizes, so the
// SVG is the one source of every installed icon (no bitmap is committed).
// Usage: pw_svg2png SVG OUTDIR SIZE...   writes OUTDIR/SIZExSIZE.png for each SIZE; exit 1 on any failure.
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: pw_svg2png SVG OUTDIR SIZE...\n");
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "pw_svg2png: %s is not a readable SVG\n", qPrintable(args.at(1)));
        return 1;
    }
    const QDir out(args.at(2));
    if (!out.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "pw_svg2png: cannot create %s\n", qPrintable(args.at(2)));
        return 1;
    }
    for (const QString &arg : args.mid(3)) {
        bool ok = false;
        const int size = arg.toInt(&ok);
        if (!ok || size < 1 || size > 4096) {
            std::fprintf(stderr, "pw_svg2png: bad size '%s'\n", qPrintable(arg));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter, QRectF(0, 0, size, size));
        painter.end();
        const QString file = out.filePath(QStringLiteral("%1x%1.png").arg(size));
        if (!image.save(file, "PNG")) {
            std::fprintf(stderr, "pw_svg2png: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    return 0;
}
