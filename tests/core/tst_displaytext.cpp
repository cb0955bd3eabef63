// SPDX-License-Identifier: MIT
// The one escaping for human-readable output, CSV fields and grapheme cuts (util/displaytext.h).
#include "util/displaytext.h"
#include "util/secretscrubber.h"

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
        QTest::newRow("tab") << QStringLiteral("\tx") << QStringLiteral("'\\tx");
        QTest::newRow("cr") << QStringLiteral("\rx") << QStringLiteral("'\\rx");
        QTest::newRow("bare cr inside") << QStringLiteral("a\rb") << QStringLiteral("a\\rb");
        QTest::newRow("tab inside") << QStringLiteral("Granite\tState") << QStringLiteral("Granite\\tState");
        QTest::newRow("crlf inside") << QStringLiteral("a\r\nb") << QStringLiteral("a\\r\\nb");
        QTest::newRow("lf and comma") << QStringLiteral("a\nb,c") << QStringLiteral("\"a\\nb,c\"");
        QTest::newRow("vertical tab, form feed")
            << QStringLiteral("a\x0b\x0c") << QStringLiteral("a\\u000b\\u000c");
        QTest::newRow("line separator") << QStringLiteral("a\u2028b") << QStringLiteral("a\\u2028b");
        QTest::newRow("everything") << QStringLiteral("-Granite\tState\x07"
                                                      "Casualty\r\n@SUM(A1)\x1b[31m")
                                    << QStringLiteral(
                                           "'-Granite\\tState\\u0007Casualty\\r\\n@SUM(A1)\\u001b[31m");
        QTest::newRow("comma quote") << QStringLiteral("a,\"b\"") << QStringLiteral("\"a,\"\"b\"\"\"");
        QTest::newRow("formula and comma") << QStringLiteral("=A1,B1") << QStringLiteral("\"'=A1,B1\"");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("spaces before =") << QStringLiteral("  =lead") << QStringLiteral("'  =lead");
        QTest::newRow("line feed first") << QStringLiteral("\n=x") << QStringLiteral("'\\n=x");
        QTest::newRow("no-break space") << QStringLiteral("\u00a0=x") << QStringLiteral("'\u00a0=x");
        QTest::newRow("zero-width space") << QStringLiteral("\u200b@x") << QStringLiteral("'\u200b@x");
        QTest::newRow("byte-order mark") << QStringLiteral("\ufeff-1") << QStringLiteral("'\ufeff-1");
        QTest::newRow("full-width =") << QStringLiteral("\uff1d1") << QStringLiteral("'\uff1d1");
        QTest::newRow("full-width @") << QStringLiteral("\uff20x") << QStringLiteral("'\uff20x");
        QTest::newRow("small +") << QStringLiteral("\ufe62x") << QStringLiteral("'\ufe62x");
        QTest::newRow("space then text") << QStringLiteral("  Acme") << QStringLiteral("  Acme");
        QTest::newRow("= later") << QStringLiteral("a=b") << QStringLiteral("a=b");
        QTest::newRow("ESC") << QStringLiteral("a\x1b[2Jb") << QStringLiteral("a\\u001b[2Jb");
        QTest::newRow("C1") << QStringLiteral("a\u009bb\u0085") << QStringLiteral("a\\u009bb\\u0085");
        QTest::newRow("bidi") << QStringLiteral("a\u202eb") << QStringLiteral("a\\u202eb");
        QTest::newRow("RLO before =") << QStringLiteral("\u202e=1") << QStringLiteral("'\\u202e=1");
    }
    void csvField() {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(pw::csvField(in), out);
        // One physical line whatever the text: no raw control character is left in the cell.
        for (const QChar c : pw::csvField(in))
            QVERIFY2(c.unicode() >= 0x20 && (c.unicode() < 0x7f || c.unicode() >= 0xa0), qPrintable(out));
    }

    // Lines of a message become one line of sentences; two sentences never run together.
    void joinLines_data() {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("libpq refused")
            << QStringLiteral("failed: Connection refused\n\tIs the server running on that host?\n")
            << QStringLiteral("failed: Connection refused. Is the server running on that host?");
        QTest::newRow("continues in lower case")
            << QStringLiteral("terminated abnormally\n\tbefore or while processing the request.")
            << QStringLiteral("terminated abnormally before or while processing the request.");
        QTest::newRow("ends with its own stop")
            << QStringLiteral("Refused.\r\nTry again") << QStringLiteral("Refused. Try again");
        QTest::newRow("ends with a colon")
            << QStringLiteral("failed:\n  FATAL:  no") << QStringLiteral("failed: FATAL: no");
        QTest::newRow("blank lines") << QStringLiteral("\n\nOne\n\n\u2028Two\n")
                                     << QStringLiteral("One. Two");
        QTest::newRow("one line") << QStringLiteral("  a  b ") << QStringLiteral("a b");
        QTest::newRow("empty") << QString() << QString();
    }
    void joinLines() {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(pw::joinLines(in), out);
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

    void displayWidth_data() {
        QTest::addColumn<QString>("in");
        QTest::addColumn<int>("width");
        QTest::newRow("ascii") << QStringLiteral("Acme") << 4;
        QTest::newRow("emoji") << QStringLiteral("a\U0001F600") << 3;
        QTest::newRow("ideographs") << QStringLiteral("\u6771\u4eac") << 4;
        QTest::newRow("full-width") << QStringLiteral("\uff21\uff22") << 4;
        QTest::newRow("combining") << QStringLiteral("e\u0301e\u0301") << 2;
        QTest::newRow("flag") << QStringLiteral("\U0001F1FA\U0001F1F8") << 2;
        QTest::newRow("family") << QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467") << 2;
        QTest::newRow("heart with presentation") << QStringLiteral("\u2764\uFE0F") << 2;
        QTest::newRow("hangul") << QStringLiteral("\uD55C\uAE00") << 4;
    }
    void displayWidth() {
        QFETCH(QString, in);
        QFETCH(int, width);
        QCOMPARE(pw::displayWidth(in), width);
        QCOMPARE(pw::displayWidth(pw::padToWidth(in, 10)), std::max(10, width));
        QCOMPARE(pw::cutToWidth(in, width), in);
        QVERIFY(pw::displayWidth(pw::cutToWidth(in, width - 1)) <= width - 1);
    }

    void cutToWidth_data() {
        QTest::addColumn<QString>("in");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QString>("out");
        QTest::newRow("ascii") << QStringLiteral("Harborview Mutual") << 10 << QStringLiteral("Harborview");
        QTest::newRow("emoji never halved")
            << QStringLiteral("a\U0001F600\U0001F600") << 4 << QStringLiteral("a\U0001F600");
        QTest::newRow("ideographs") << QStringLiteral("\u6771\u4eac\u6d77") << 5
                                    << QStringLiteral("\u6771\u4eac");
        QTest::newRow("marks stay with their letter")
            << QStringLiteral("e\u0301e\u0301") << 1 << QStringLiteral("e\u0301");
    }
    void cutToWidth() {
        QFETCH(QString, in);
        QFETCH(int, columns);
        QFETCH(QString, out);
        QCOMPARE(pw::cutToWidth(in, columns), out);
    }

    void scrubsEverySpelling_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("scrubbed");
        const QString key = QStringLiteral("nx_test_Q7fZ2kLm9XwB4pRt");
        QTest::newRow("exact") << QStringLiteral("Bearer ") + key << QStringLiteral("Bearer [api key]");
        QTest::newRow("upper case") << key.toUpper() + QStringLiteral(" x") << QStringLiteral("[api key] x");
        QTest::newRow("percent-encoded")
            << QStringLiteral("k=%6E%78%5F%74%65%73%74%5F%51%37%66%5A%32%6B%4C%6D%39%58%77%42%34%70%52%74&")
            << QStringLiteral("k=[api key]&");
        QTest::newRow("partly percent-encoded, lower-case hex")
            << QStringLiteral("nx%5ftest_Q7fZ2kLm9XwB4pRt") << QStringLiteral("[api key]");
        QTest::newRow("JSON escape") << QStringLiteral("nx_test_\\u0051\\u0037fZ2kLm9XwB4pRt")
                                     << QStringLiteral("[api key]");
        QTest::newRow("secret part alone")
            << QStringLiteral("nx_test_ Q7fZ2kLm9XwB4pRt") << QStringLiteral("nx_test_ [api key]");
        QTest::newRow("base64") << QString::fromLatin1(key.toUtf8().toBase64())
                                << QStringLiteral("[api key]");
        QTest::newRow("base64 after one byte")
            << QString::fromLatin1(QByteArray("x" + key.toUtf8()).toBase64())
            << QStringLiteral("eG[api key]A==");
        QTest::newRow("base64url after two bytes")
            << QString::fromLatin1(
                   QByteArray("xy" + key.toUtf8() + "??").toBase64(QByteArray::Base64UrlEncoding))
            << QStringLiteral("eHl[api key]Q_Pw==");
        QTest::newRow("start of the key at the end")
            << QStringLiteral("zzz nx_test_Q7fZ") << QStringLiteral("zzz [api key]");
        QTest::newRow("start of the key before an ellipsis")
            << QStringLiteral("msg nx_test_Q7fZ2kL… — details") << QStringLiteral("msg [api key]… — details");
        QTest::newRow("the public prefix alone stays")
            << QStringLiteral("keys look like nx_test_…") << QStringLiteral("keys look like nx_test_…");
        QTest::newRow("ordinary text")
            << QStringLiteral("Harborview Mutual") << QStringLiteral("Harborview Mutual");
    }
    void scrubsEverySpelling() {
        QFETCH(QString, text);
        QFETCH(QString, scrubbed);
        const SecretScrubber scrubber(QStringLiteral("nx_test_Q7fZ2kLm9XwB4pRt"));
        QCOMPARE(scrubber.scrub(text), scrubbed);
        QCOMPARE(scrubber.foundIn(text), scrubbed != text);
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
