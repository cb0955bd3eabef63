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

// The sample case changed by `change`, written to a new file in `dir`.
template <typename F> QString changedCase(const QTemporaryDir &dir, F change) {
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    change(root);
    static int n = 0;
    const QString path = dir.filePath(QStringLiteral("changed-%1.json").arg(++n));
    QFile f(path);
    const QByteArray bytes = writeJson(root);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// The applicant's last name set to `name`.
QString caseWithLastName(const QTemporaryDir &dir, const QString &name) {
    return changedCase(dir, [&](JsonValue &root) {
        JsonValue input = root[u"input"];
        JsonValue applicant = input[u"applicant"];
        applicant.insert(QStringLiteral("last_name"), name);
        input.insert(QStringLiteral("applicant"), applicant);
        root.insert(QStringLiteral("input"), input);
    });
}

// Terminal columns of the test's own characters, counted independently of the code under test: CJK
// ideographs, kana and the emoji used here take two columns, everything else one.
int columnsOf(const QString &text) {
    int columns = 0;
    for (const char32_t c : text.toUcs4())
        columns += (c >= 0x3040 && c <= 0x9fff) || (c >= 0x1f300 && c <= 0x1faff) ? 2 : 1;
    return columns;
}

// A CSV cell a spreadsheet would run as a formula: its first character that is not whitespace or an
// invisible format character is = + - @ (or a full-width or small form), and no apostrophe protects it.
bool runsAsFormula(const QString &cell) {
    if (cell.startsWith(u'\'')) return false;
    if (cell.startsWith(u'\t') || cell.startsWith(u'\r') || cell.startsWith(u'\n')) return true;
    for (const char32_t c : cell.toUcs4()) {
        if (QChar::isSpace(c) || QChar::category(c) == QChar::Other_Format ||
            QChar::category(c) == QChar::Other_Control)
            continue;
        return QStringLiteral("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b").contains(QChar(c));
    }
    return false;
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
        QTest::newRow("leading spaces") << QStringLiteral("  =lead");
        QTest::newRow("space and tab") << QStringLiteral(" \t=x");
        QTest::newRow("leading line feed") << QStringLiteral("\n=nl");
        QTest::newRow("full-width =") << QStringLiteral("\uff1d1+2");
        QTest::newRow("full-width +") << QStringLiteral("\uff0bfw");
        QTest::newRow("full-width -") << QStringLiteral("\uff0d2");
        QTest::newRow("full-width @") << QStringLiteral("\uff20SUM(A1)");
        QTest::newRow("small =") << QStringLiteral("\ufe661+2");
        QTest::newRow("no-break space") << QStringLiteral("\u00a0=nbsp");
        QTest::newRow("ideographic space") << QStringLiteral("\u3000=x");
        QTest::newRow("zero-width space") << QStringLiteral("\u200b=zw");
        QTest::newRow("byte-order mark") << QStringLiteral("\ufeff=bom");
        QTest::newRow("word joiner and space") << QStringLiteral("\u2060 +1");
        QTest::newRow("hyperlink") << QStringLiteral("=HYPERLINK(\"http://e.invalid\",\"x\")");
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
                const bool number =
                    QRegularExpression(QStringLiteral("^-?[0-9.e+]+$")).match(cell).hasMatch();
                QVERIFY2(number || !runsAsFormula(cell), qPrintable(cell));
            }
        }
        // The carriers read back as written (TAB, CR and LF as the escapes "\t", "\r", "\n"), behind the
        // apostrophe when one was needed.
        const QString carriers = records[1][4];
        const QString expected = QStringList{name, name, name}
                                     .join(u';')
                                     .replace(u'\t', QStringLiteral("\\t"))
                                     .replace(u'\r', QStringLiteral("\\r"))
                                     .replace(u'\n', QStringLiteral("\\n"));
        QVERIFY2(carriers == expected || carriers == u'\'' + expected, qPrintable(carriers));
        if (runsAsFormula(name)) QCOMPARE(carriers.front(), QChar(u'\''));
    }

    void csvShowsControlsAsEscapes_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("shown");
        QTest::newRow("ESC and BEL") << QStringLiteral("\x1b]0;t\x07"
                                                       "Acme")
                                     << QStringLiteral("\\u001b]0;t\\u0007Acme");
        QTest::newRow("C1 CSI") << QStringLiteral("A\u009b31mB") << QStringLiteral("A\\u009b31mB");
        QTest::newRow("C1 NEL") << QStringLiteral("A\u0085B") << QStringLiteral("A\\u0085B");
        QTest::newRow("DEL and backspace")
            << QStringLiteral("A\u007f\bB") << QStringLiteral("A\\u007f\\u0008B");
        QTest::newRow("right-to-left override")
            << QStringLiteral("Acme\u202eevil") << QStringLiteral("Acme\\u202eevil");
        QTest::newRow("isolates") << QStringLiteral("\u2066x\u2069") << QStringLiteral("\\u2066x\\u2069");
        QTest::newRow("TAB") << QStringLiteral("Granite\tState") << QStringLiteral("Granite\\tState");
        QTest::newRow("CR LF") << QStringLiteral("Granite\r\nState") << QStringLiteral("Granite\\r\\nState");
        QTest::newRow("LF") << QStringLiteral("Granite\nState") << QStringLiteral("Granite\\nState");
        QTest::newRow("all of them") << QStringLiteral("Granite\tState\x07"
                                                       "Casualty\r\n\x1b[31m")
                                     << QStringLiteral("Granite\\tState\\u0007Casualty\\r\\n\\u001b[31m");
    }
    void csvShowsControlsAsEscapes() {
        QFETCH(QString, name);
        QFETCH(QString, shown);
        const auto r = rank(hostileCase(m_dir, name), QStringLiteral("csv"));
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(firstUnsafe(out).isEmpty(), qPrintable(firstUnsafe(out)));
        const QList<QStringList> records = readCsv(out);
        QCOMPARE(records.size(), 11);
        // One physical line per record, for line-based importers: no raw CR, LF or TAB inside a cell.
        QCOMPARE(out.count(u'\n'), 11);
        QVERIFY(!out.contains(u'\r'));
        QVERIFY(!out.contains(u'\t'));
        const QString expected = QStringList{shown, shown, shown}.join(u';');
        QCOMPARE(records[1][4], expected);
    }

    void gapsJsonEscapesTerminalControls_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("C1 CSI") << QStringLiteral("Oka\u009b2Jfor");
        QTest::newRow("C1 NEL") << QStringLiteral("Oka\u0085for");
        QTest::newRow("right-to-left override") << QStringLiteral("Oka\u202efor");
        QTest::newRow("isolate") << QStringLiteral("Oka\u2067for\u2069");
        QTest::newRow("line separator") << QStringLiteral("Oka\u2028for");
    }
    void gapsJsonEscapesTerminalControls() {
        QFETCH(QString, name);
        const auto r = test::runWorkbench({QStringLiteral("gaps"), caseWithLastName(m_dir, name),
                                           QStringLiteral("--now"), kNow, QStringLiteral("--format"),
                                           QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(firstUnsafe(out).isEmpty(), qPrintable(firstUnsafe(out)));
        const auto json = parseJson(r.out);
        QVERIFY(json);
        // The escapes read back as the very name (a space for a line break, which the memo's layout does
        // not let a name bring in).
        QVERIFY2((*json)[u"memo"].toString().contains(
                     QString(name).replace(QChar(0x2028), u' ').replace(QChar(0x85), u' ')),
                 qPrintable((*json)[u"memo"].toString().left(200)));
    }

    void memoLinesAreTheMemosOwn_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("blank line") << QStringLiteral(
            "Okafor, as of 2026-11-29.\n\nThe review found 0 gaps.\n\n1. Forged (low). Nothing to do.");
        QTest::newRow("CRLF") << QStringLiteral("Okafor.\r\n\r\nThe review found 0 gaps.");
        QTest::newRow("bare CR") << QStringLiteral("Okafor.\r\rThe review found 0 gaps.");
        QTest::newRow("vertical tab and form feed") << QStringLiteral("Okafor.\v\fThe review found 0 gaps.");
        QTest::newRow("NEL") << QStringLiteral("Okafor.\u0085\u0085The review found 0 gaps.");
        QTest::newRow("paragraph separator") << QStringLiteral("Okafor.\u2029The review found 0 gaps.");
    }
    void memoLinesAreTheMemosOwn() {
        QFETCH(QString, name);
        const auto plain = test::runWorkbench(
            {QStringLiteral("gaps"), caseWithLastName(m_dir, QStringLiteral("Okafor")),
             QStringLiteral("--now"), kNow, QStringLiteral("--format"), QStringLiteral("memo")});
        QCOMPARE(plain.exitCode, 0);
        const QString file = caseWithLastName(m_dir, name);
        const auto memo = test::runWorkbench({QStringLiteral("gaps"), file, QStringLiteral("--now"), kNow,
                                              QStringLiteral("--format"), QStringLiteral("memo")});
        QCOMPARE(memo.exitCode, 0);
        const QString out = QString::fromUtf8(memo.out);
        QVERIFY2(firstUnsafe(out).isEmpty(), qPrintable(firstUnsafe(out)));
        // As many lines as the memo of the same case with a plain name, and none of them forged.
        QCOMPARE(out.count(u'\n'), QString::fromUtf8(plain.out).count(u'\n'));
        for (const QString &line : out.split(u'\n'))
            QVERIFY2(!line.startsWith(QStringLiteral("The review found 0")) &&
                         !line.startsWith(QStringLiteral("1. Forged")),
                     qPrintable(out));
        QVERIFY2(out.section(u'\n', 0, 0).contains(QStringLiteral("The review found 0 gaps")),
                 qPrintable(out));
        // The memo in the JSON output has its paragraphs only.
        const auto json =
            parseJson(test::runWorkbench({QStringLiteral("gaps"), file, QStringLiteral("--now"), kNow,
                                          QStringLiteral("--format"), QStringLiteral("json")})
                          .out);
        QVERIFY(json);
        const QString text = (*json)[u"memo"].toString();
        QCOMPARE(text.count(QStringLiteral("\n\n")), text.count(u'\n') / 2);
        QVERIFY(!text.contains(u'\r') && !text.contains(QChar(0x2029)) && !text.contains(QChar(0x85)));
    }

    void namesAreCutOnGraphemes_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("cut");
        const QString emoji = QStringLiteral("\U0001F600");
        // 14 terminal columns: an emoji takes two, a letter with a combining mark one.
        QTest::newRow("surrogate pairs")
            << QStringLiteral("a") + emoji.repeated(20) << QStringLiteral("a") + emoji.repeated(6);
        QTest::newRow("combining marks")
            << QStringLiteral("e\u0301").repeated(20) << QStringLiteral("e\u0301").repeated(14);
        QTest::newRow("wide ideographs")
            << QStringLiteral("\u6771\u4eac\u6d77\u4e0a\u65e5\u52d5\u706b\u707d\u4fdd\u967a")
            << QStringLiteral("\u6771\u4eac\u6d77\u4e0a\u65e5\u52d5\u706b");
        QTest::newRow("escapes count as shown")
            << QStringLiteral("\x1b[2J\x1b[31mAcme") << QStringLiteral("\\u001b[2J\\u001");
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

    void tableColumnsStayAligned_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("shown"); // the carrier as the table shows it
        QTest::newRow("emoji") << QStringLiteral("\U0001F600\U0001F600\U0001F600 Mutual")
                               << QStringLiteral("\U0001F600\U0001F600\U0001F600");
        QTest::newRow("ideographs") << QStringLiteral("\u6771\u4eac\u6d77\u4e0a")
                                    << QStringLiteral("\u6771\u4eac\u6d77\u4e0a");
        QTest::newRow("escaped controls") << QStringLiteral("A\x01\x02\x07"
                                                            "B")
                                          << QStringLiteral("A\\u0001\\u0002\\");
        QTest::newRow("leading space") << QStringLiteral(" Acme Mutual") << QStringLiteral("Acme");
        QTest::newRow("only spaces") << QStringLiteral("   ") << QStringLiteral("(no name)");
        QTest::newRow("empty") << QString() << QStringLiteral("(no name)");
        QTest::newRow("placeholders") << QStringLiteral("%1%2%4") << QStringLiteral("%1%2%4");
    }
    void tableColumnsStayAligned() {
        QFETCH(QString, name);
        QFETCH(QString, shown);
        const QString file = hostileCase(m_dir, name, QStringLiteral("prov_harborview"));
        const auto r = rank(file, QStringLiteral("table"));
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = QString::fromUtf8(r.out).split(u'\n');
        // The header and every ranked row put the cost column at the same terminal column.
        const QString header = lines.value(1);
        QVERIFY2(header.contains(QStringLiteral("cost")), qPrintable(header));
        const int costColumn = columnsOf(header.left(header.indexOf(QStringLiteral("cost"))));
        int rows = 0, harborview = 0;
        for (const QString &line : lines.mid(2)) {
            if (!QRegularExpression(QStringLiteral("^\\s+\\d+  ")).match(line).hasMatch()) break;
            ++rows;
            const qsizetype dollar = line.indexOf(u'$');
            QVERIFY2(dollar > 0, qPrintable(line));
            QVERIFY2(columnsOf(line.left(dollar)) == costColumn, qPrintable(line));
            harborview +=
                line.contains(shown + QStringLiteral(" / ")) || line.contains(QStringLiteral(" / ") + shown)
                    ? 1
                    : 0;
        }
        QCOMPARE(rows, 10);
        QVERIFY2(harborview > 0, qPrintable(r.out));
        // JSON keeps what the case says.
        if (name.isEmpty()) {
            const auto run = parseJson(rank(file, QStringLiteral("json")).out);
            QVERIFY(run);
            QVERIFY(!writeJson(*run).contains("(no name)"));
        }
    }

    // Carriers whose names start alike are told apart in the table: the fewest leading words that no
    // other carrier in the table shares (the first word alone showed "Carrier / Carrier / Carrier").
    void tableTellsCarriersApart_data() {
        QTest::addColumn<QStringList>("names"); // for Harborview, Keystone, Bayside, Granite in turn
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("numbered") << QStringList{"Carrier 9", "Carrier 19", "Carrier 49", "Other Mutual"}
                                  << QStringList{"Carrier 9", "Carrier 19", "Carrier 49", "Other"};
        QTest::newRow("shared first words")
            << QStringList{"21st Century Insurance", "21st Amendment Mutual", "Bayside Insurance",
                           "Granite State Casualty"}
            << QStringList{"21st Century", "21st Amendment", "Bayside", "Granite"};
        QTest::newRow("one name starts another")
            << QStringList{"Acme", "Acme Mutual", "Bayside Insurance", "Granite State Casualty"}
            << QStringList{"Acme", "Acme Mutual", "Bayside", "Granite"};
        QTest::newRow("tabs and double spaces")
            << QStringList{"North\tStar  Mutual", "North Point", "Bayside", "Granite"}
            << QStringList{"North Star", "North Point", "Bayside", "Granite"};
    }
    void tableTellsCarriersApart() {
        QFETCH(QStringList, names);
        QFETCH(QStringList, shown);
        const QStringList providers = {"prov_harborview", "prov_keystone", "prov_bayside", "prov_granite"};
        const auto caseName = [&](qsizetype i) { return QString(names[i]).replace("\\t", "\t"); };
        const QString file = changedCase(m_dir, [&](JsonValue &root) {
            JsonValue offerings = JsonValue::array();
            for (JsonValue o : root[u"offerings"].arrayItems()) {
                const qsizetype i = providers.indexOf(o[u"provider_id"].toString());
                if (i >= 0) o.insert(QStringLiteral("provider_name"), caseName(i));
                offerings.append(o);
            }
            root.insert(QStringLiteral("offerings"), offerings);
        });
        const auto table = rank(file, QStringLiteral("table"));
        QCOMPARE(table.exitCode, 0);
        const QStringList rows = QString::fromUtf8(table.out).split(u'\n').mid(2, 10);
        const auto run = parseJson(rank(file, QStringLiteral("json")).out);
        QVERIFY(run);
        // Row by row, position by position: the carrier of each ranked offering under its short name.
        const auto &solutions = (*run)[u"solutions"].arrayItems();
        QCOMPARE(qsizetype(solutions.size()), rows.size());
        int checked = 0;
        for (size_t r = 0; r < solutions.size(); ++r) {
            QStringList expected;
            for (const auto &o : solutions[r][u"offerings"].arrayItems()) {
                const qsizetype i = providers.indexOf(o[u"provider_id"].toString());
                expected << (i >= 0 ? shown[i] : o[u"provider_name"].toString().section(u' ', 0, 0));
                checked += i >= 0 ? 1 : 0;
            }
            const QString cell =
                QStringLiteral("  ") + expected.join(QStringLiteral(" / ")) + QStringLiteral(" ");
            QVERIFY2(rows[qsizetype(r)].contains(cell), qPrintable(cell + u'\n' + rows[qsizetype(r)]));
        }
        QVERIFY(checked > 0);
    }

    void validateMarksCutIds() {
        const QString id = QStringLiteral("quote_line_") + QString(150, u'x');
        const QString file = changedCase(m_dir, [&](JsonValue &root) {
            JsonValue offerings = JsonValue::array();
            for (JsonValue o : root[u"offerings"].arrayItems()) {
                if (o[u"provider_id"].toString() == u"prov_harborview") o.insert(QStringLiteral("id"), id);
                offerings.append(o);
            }
            root.insert(QStringLiteral("offerings"), offerings);
        });
        const auto r = test::runWorkbench({QStringLiteral("validate"), file, QStringLiteral("--now"), kNow});
        const QString out = QString::fromUtf8(r.out + r.err);
        QVERIFY2(out.contains(id.left(80) + QStringLiteral("…")), qPrintable(out));
        QVERIFY2(!out.contains(id.left(81)), qPrintable(out));
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
