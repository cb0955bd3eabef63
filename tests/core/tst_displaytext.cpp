// SPDX-License-Identifier: MIT
// The one escaping for human-readable output, CSV fields and grapheme cuts (util/displaytext.h).
#include "util/displaytext.h"

#include <QTest>

using namespace pw;

class TestDisplayText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void escapeControls_data() {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << QStringLiteral("Harborview Mutual") << QStringLiteral("Harborview Mutual");
        QTest::newRow("csi") << QStringLiteral("\x1b[2JAcme") << QStringLiteral("\\u001b[2JAcme");
        QTest::newRow("osc title") << QStringLiteral("\x1b]0;t\x07") << QStringLiteral("\\u001b]0;t\\u0007");
        QTest::newRow("line breaks") << QStringLiteral("a\nb\rc\td") << QStringLiteral("a\\nb\\rc\\td");
        QTest::newRow("C1 and DEL") << QStringLiteral("a\u009bb\u007f") << QStringLiteral("a\\u009bb\\u007f");
        QTest::newRow("bidi") << QStringLiteral("\u202a\u202e\u2066\u2069\u200f\u061c")
                              << QStringLiteral("\\u202a\\u202e\\u2066\\u2069\\u200f\\u061c");
        QTest::newRow("separators") << QStringLiteral("a\u2028b\u2029") << QStringLiteral("a\\u2028b\\u2029");
        QTest::newRow("lone surrogate") << QString(QChar(0xd83d)) + u'x' << QStringLiteral("\\ud83dx");
        QTest::newRow("emoji kept") << QStringLiteral("\U0001F600") << QStringLiteral("\U0001F600");
        QTest::newRow("backslash kept") << QStringLiteral("a\\nb") << QStringLiteral("a\\nb");
    }
    void escapeControls() {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(pw::escapeControls(in), out);
        QCOMPARE(pw::escapeControls(pw::escapeControls(in)), out); // idempotent
        QCOMPARE(escapeControlsKeepLines(QStringLiteral("a\nb\x1b")), QStringLiteral("a\nb\\u001b"));
    }

    void csvField_data() {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << QStringLiteral("Acme") << QStringLiteral("Acme");
        QTest::newRow("=") << QStringLiteral("=1+2") << QStringLiteral("'=1+2");
        QTest::newRow("+") << QStringLiteral("+1") << QStringLiteral("'+1");
        QTest::newRow("-") << QStringLiteral("-1") << QStringLiteral("'-1");
        QTest::newRow("@") << QStringLiteral("@SUM") << QStringLiteral("'@SUM");
        QTest::newRow("tab") << QStringLiteral("\tx") << QStringLiteral("'\tx");
        QTest::newRow("cr") << QStringLiteral("\rx") << QStringLiteral("\"'\rx\"");
        QTest::newRow("bare cr inside") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
        QTest::newRow("comma quote") << QStringLiteral("a,\"b\"") << QStringLiteral("\"a,\"\"b\"\"\"");
        QTest::newRow("formula and comma") << QStringLiteral("=A1,B1") << QStringLiteral("\"'=A1,B1\"");
        QTest::newRow("empty") << QString() << QString();
    }
    void csvField() {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(pw::csvField(in), out);
    }

    void cutGraphemes_data() {
        QTest::addColumn<QString>("in");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("out");
        const QString e = QStringLiteral("\U0001F600");
        QTest::newRow("short") << QStringLiteral("abc") << 14 << QStringLiteral("abc");
        QTest::newRow("ascii") << QStringLiteral("abcdef") << 3 << QStringLiteral("abc");
        QTest::newRow("surrogates") << QStringLiteral("a") + e.repeated(8) << 4
                                    << QStringLiteral("a") + e.repeated(3);
        QTest::newRow("combining") << QStringLiteral("e\u0301").repeated(5) << 2
                                   << QStringLiteral("e\u0301e\u0301");
        QTest::newRow("flag") << QStringLiteral("\U0001F1FA\U0001F1F8x") << 1
                              << QStringLiteral("\U0001F1FA\U0001F1F8");
        QTest::newRow("zero") << QStringLiteral("abc") << 0 << QString();
    }
    void cutGraphemes() {
        QFETCH(QString, in);
        QFETCH(int, n);
        QFETCH(QString, out);
        QCOMPARE(pw::cutGraphemes(in, n), out);
    }

    void scrubSecret() {
        QCOMPARE(
            pw::scrubSecret(QStringLiteral("Bearer nx_test_abc123 bad"), QStringLiteral("nx_test_abc123")),
            QStringLiteral("Bearer [api key] bad"));
        // Too short to be a key: ordinary text is left alone.
        QCOMPARE(pw::scrubSecret(QStringLiteral("a b c"), QStringLiteral("a")), QStringLiteral("a b c"));
    }
};

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
