// SPDX-License-Identifier: MIT
// Case text that reaches the terminal or a spreadsheet through the command line: escape sequences,
// bidirectional overrides and line breaks are shown as escapes, CSV cells cannot start a formula and read
// back as the records written, names are cut on grapheme boundaries, and an empty provider_name stays "".
#include "testsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

const QString kNow = QStringLiteral("2026-11-28T12:00:00Z");

// The sample case with every offering's provider_name set to `name` (or only those of one carrier).
QString hostileCase(const QTemporaryDir &dir, const QString &name, const QString &onlyProvider = QString(),
                    const QString &ignoredId = QString()) {
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    JsonValue offerings = JsonValue::array();
    for (JsonValue o : root[u"offerings"].arrayItems()) {
        if (onlyProvider.isEmpty() || o[u"provider_id"].toString() == onlyProvider)
            o.insert(QStringLiteral("provider_name"), name);
        if (!ignoredId.isEmpty() && o[u"category"].toString() == u"renters")
            o.insert(QStringLiteral("id"), ignoredId);
        offerings.append(o);
    }
    root.insert(QStringLiteral("offerings"), offerings);
    static int n = 0;
    const QString path = dir.filePath(QStringLiteral("case-%1.json").arg(++n));
    QFile f(path);
    const QByteArray bytes = writeJson(root);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString firstUnsafe(const QString &text) {
    return test::firstTerminalUnsafe(text);
}

// RFC 4180 reading, as a spreadsheet or Python's csv module does it.
QList<QStringList> readCsv(const QString &text) {
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false, wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == u',') {
            record << field;
            field.clear();
            wasQuoted = false;
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') ++i;
            record << field;
            records << record;
            record.clear();
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty()) records << (record << field);
    return records;
}

test::ProcessResult rank(const QString &file, const QString &format) {
    return test::runWorkbench(
        {QStringLiteral("rank"), file, QStringLiteral("--now"), kNow, QStringLiteral("--format"), format});
}

} // namespace

class TestCliOutputSafety : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void tableShowsControlsAsEscapes_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("ignoredId");
        QTest::addColumn<QString>("shown"); // how it must appear
        QTest::newRow("clear screen and colour") << QStringLiteral("\x1b[2J\x1b[31mAcme") << QString()
                                                 << QStringLiteral("\\u001b[2J\\u001b[31mAcme");
        QTest::newRow("terminal title") << QStringLiteral("\x1b]0;pwned\x07"
                                                          "Acme")
                                        << QString() << QStringLiteral("\\u001b]0;pwned\\u0007Acme");
        QTest::newRow("right-to-left override")
            << QStringLiteral("Acme\u202eevil") << QString() << QStringLiteral("Acme\\u202eevil");
        QTest::newRow("isolate") << QStringLiteral("Acme\u2067x\u2069") << QString()
                                 << QStringLiteral("Acme\\u2067x\\u2069");
        QTest::newRow("fake table line in an ignored id")
            << QStringLiteral("Harborview Mutual")
            << QStringLiteral("quote_line_renters\n  1  *recommended  Fake / Fake / Fake  $1")
            << QStringLiteral("quote_line_renters\\n  1  *recommended  Fake / Fake / Fake  $1");
    }
    void tableShowsControlsAsEscapes() {
        QFETCH(QString, name);
        QFETCH(QString, ignoredId);
        QFETCH(QString, shown);
        const QString file = hostileCase(m_dir, name, QString(), ignoredId);
        for (const QString &format : {QStringLiteral("table")}) {
            const auto r = rank(file, format);
            QCOMPARE(r.exitCode, 0);
            const QString out = QString::fromUtf8(r.out);
            QVERIFY2(firstUnsafe(out).isEmpty(), qPrintable(firstUnsafe(out)));
            QVERIFY2(firstUnsafe(QString::fromUtf8(r.err)).isEmpty(),
                     qPrintable(firstUnsafe(QString::fromUtf8(r.err))));
            QVERIFY2(out.contains(shown), qPrintable(out));
            // No line of the table starts like a ranked row unless it is one.
            int rows = 0;
            for (const QString &line : out.split(u'\n'))
                rows += QRegularExpression(QStringLiteral("^\\s+1\\s+\\*")).match(line).hasMatch() ? 1 : 0;
            QCOMPARE(rows, 1);
        }
        // validate and gaps print the same case's text escaped as well.
        for (const QStringList &args :
             {QStringList{QStringLiteral("validate"), file, QStringLiteral("--now"), kNow},
              QStringList{QStringLiteral("gaps"), file, QStringLiteral("--now"), kNow},
              QStringList{QStringLiteral("gaps"), file, QStringLiteral("--now"), kNow,
                          QStringLiteral("--format"), QStringLiteral("memo")}}) {
            const auto r = test::runWorkbench(args);
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1, r.err.constData());
            QVERIFY2(firstUnsafe(QString::fromUtf8(r.out)).isEmpty(),
                     qPrintable(firstUnsafe(QString::fromUtf8(r.out))));
            QVERIFY2(firstUnsafe(QString::fromUtf8(r.err)).isEmpty(),
                     qPrintable(firstUnsafe(QString::fromUtf8(r.err))));
        }
    }

    void fileNamesAreEscapedToo() {
        const QString evil = m_dir.filePath(QStringLiteral("evil\x1b[2J\u202e.json"));
        QFile f(evil);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write("{\"input\": ") > 0); // a problem to report
        f.close();
        const auto r = test::runWorkbench({QStringLiteral("validate"), evil, QStringLiteral("--now"), kNow});
        QVERIFY2(firstUnsafe(QString::fromUtf8(r.out)).isEmpty(),
                 qPrintable(firstUnsafe(QString::fromUtf8(r.out))));
        QVERIFY2(r.out.contains("evil\\u001b[2J\\u202e.json"), r.out.constData());
    }

    void csvCellsCannotStartAFormula_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("=") << QStringLiteral("=1+2");
        QTest::newRow("+") << QStringLiteral("+++ATH0");
        QTest::newRow("@") << QStringLiteral("@SUM(A1:A9)");
        QTest::newRow("-") << QStringLiteral("-2+3");
        QTest::newRow("tab") << QStringLiteral("\t=cmd");
        QTest::newRow("carriage return") << QStringLiteral("\r=cmd");
        QTest::newRow("comma quote newline") << QStringLiteral("a,b\"c\nd\re");
    }
    void csvCellsCannotStartAFormula() {
        QFETCH(QString, name);
        const auto r = rank(hostileCase(m_dir, name), QStringLiteral("csv"));
        QCOMPARE(r.exitCode, 0);
        const QList<QStringList> records = readCsv(QString::fromUtf8(r.out));
        QCOMPARE(records.size(), 11); // header + top 10: a CR or LF in a cell never splits a record
        for (const QStringList &rec : records) {
            QCOMPARE(rec.size(), 18);
            for (const QString &cell : rec) {
                if (cell.isEmpty()) continue;
                const QChar c = cell.front();
                const bool number =
                    QRegularExpression(QStringLiteral("^-?[0-9.e+]+$")).match(cell).hasMatch();
                QVERIFY2(number ||
                             !(c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r'),
                         qPrintable(cell));
            }
        }
        // The carriers read back as written, behind the apostrophe when one was needed.
        const QString carriers = records[1][4];
        const QString expected = QStringList{name, name, name}.join(u';');
        QVERIFY2(carriers == expected || carriers == u'\'' + expected, qPrintable(carriers));
        if (QStringLiteral("=+-@\t\r").contains(name.front())) QCOMPARE(carriers.front(), QChar(u'\''));
    }

    void namesAreCutOnGraphemes_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("cut");
        const QString emoji = QStringLiteral("\U0001F600");
        QTest::newRow("surrogate pairs")
            << QStringLiteral("a") + emoji.repeated(20) << QStringLiteral("a") + emoji.repeated(13);
        QTest::newRow("combining marks")
            << QStringLiteral("e\u0301").repeated(20) << QStringLiteral("e\u0301").repeated(14);
    }
    void namesAreCutOnGraphemes() {
        QFETCH(QString, name);
        QFETCH(QString, cut);
        const auto r = rank(hostileCase(m_dir, name), QStringLiteral("table"));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out).toUtf8(), r.out); // valid UTF-8 throughout
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(!out.contains(QChar(0xfffd)), qPrintable(out));
        // The table's rows show the cut name, followed by the separator: not one code unit more.
        const QString row = out.section(u'\n', 2, 2);
        QVERIFY2(
            row.contains(QStringLiteral("  ") + cut + QStringLiteral(" / ") + cut + QStringLiteral(" / ")),
            qPrintable(row));
    }

    void emptyProviderNameStaysEmpty() {
        const QString file = hostileCase(m_dir, QString(), QStringLiteral("prov_harborview"));
        const auto json = rank(file, QStringLiteral("json"));
        QCOMPARE(json.exitCode, 0);
        const auto run = parseJson(json.out);
        QVERIFY(run);
        int seen = 0;
        for (const JsonValue &s : (*run)[u"solutions"].arrayItems())
            for (const JsonValue &p : s[u"providers"].arrayItems())
                if (p[u"provider_id"].toString() == u"prov_harborview") {
                    ++seen;
                    QVERIFY2(p[u"provider_name"].isString(), qPrintable(p[u"provider_name"].typeName()));
                    QCOMPARE(p[u"provider_name"].toString(), QString());
                }
        QVERIFY(seen > 0);
        const auto csv = rank(file, QStringLiteral("csv"));
        const QList<QStringList> records = readCsv(QString::fromUtf8(csv.out));
        QCOMPARE(records[1][3],
                 QStringLiteral("quote_line_harborview_home_001;quote_line_harborview_auto_001;"
                                "quote_line_harborview_umbrella_001"));
        QCOMPARE(records[1][4], QStringLiteral(";;")); // what the case says, not the provider id
    }
};

QTEST_GUILESS_MAIN(TestCliOutputSafety)
#include "tst_clioutputsafety.moc"
