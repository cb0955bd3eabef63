// SPDX-License-Identifier: MIT
// Every symbol the window draws has a glyph in the font the UI uses (with the fallbacks the platform's font
// configuration gives it), so nothing shows as an empty box on a fresh machine. The characters are collected
// from the sources of every part that produces text for the window (ui/, app/, and core/, whose reasons,
// problems and gap titles the window shows), so a symbol added later is checked without editing this test.
#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QFont>
#include <QFontInfo>
#include <QFontMetrics>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

class TestGlyphs : public QObject {
    Q_OBJECT
private slots:
    void everySymbolHasAGlyph_data();
    void everySymbolHasAGlyph();
};

void TestGlyphs::everySymbolHasAGlyph_data() {
    QTest::addColumn<uint>("ucs4");
    QTest::addColumn<QString>("where");
    QMap<uint, QString> found; // code point → first file that uses it
    for (const char *part : {"ui", "app", "core"}) {
        QDirIterator it(QStringLiteral(PW_SOURCE_DIR "/") + QLatin1String(part), {"*.cpp", "*.h"},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            // The characters of string and character literals; comments are not drawn.
            static const QRegularExpression literal(
                QStringLiteral(R"re("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)+')re"));
            const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
            for (const QString &line : lines) {
                const QString code = line.trimmed().startsWith(u"//") ? QString() : line;
                for (auto m = literal.globalMatch(code); m.hasNext();)
                    for (const uint c : m.next().captured().toUcs4())
                        if (c > 0x7f && !found.contains(c))
                            found.insert(c, path.mid(int(qstrlen(PW_SOURCE_DIR)) + 1));
            }
        }
    }
    QVERIFY2(found.contains(0x26d4), "the sources are expected to use ⛔ (U+26D4) for blocking reasons");
    for (auto it = found.cbegin(); it != found.cend(); ++it)
        QTest::addRow("U+%04X %s", it.key(),
                      qPrintable(QString::fromUcs4(reinterpret_cast<const char32_t *>(&it.key()), 1)))
            << it.key() << it.value();
}

void TestGlyphs::everySymbolHasAGlyph() {
    QFETCH(uint, ucs4);
    QFETCH(QString, where);
    QFont bold = QApplication::font();
    bold.setBold(true);
    for (const QFont &font : {QApplication::font(), bold}) {
        const QFontMetrics fm(font);
        QVERIFY2(fm.inFontUcs4(ucs4),
                 qPrintable(QStringLiteral("no glyph for U+%1 (used in %2) in %3 or its fallbacks")
                                .arg(ucs4, 4, 16, QLatin1Char('0'))
                                .arg(where, QFontInfo(font).family())));
    }
}

QTEST_MAIN(TestGlyphs)
#include "tst_glyphs.moc"
