// SPDX-License-Identifier: MIT
// `report`: the PDFs are read back with pdftotext (poppler-utils) and searched for what the client and the
// underwriter must see, and for what the client must not; hostile case text stays text; long reports
// repeat table headers and number their pages; a failed write keeps the old report.
#include "report/reportwords.h"
#include "testsupport.h"
#include "util/numbers.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;
using namespace pw::test;

namespace {

const QString kNow = QStringLiteral("2026-11-28T12:00:00Z");

QString brooklyn() {
    return samplePath(QStringLiteral("brooklyn-household.json"));
}

// pdftotext in content-stream order (-raw): each table cell's lines stay together.
QString pdfText(const QString &pdf, int page = 0) {
    QStringList args{QStringLiteral("-raw"), QStringLiteral("-enc"), QStringLiteral("UTF-8")};
    if (page > 0)
        args << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l")
             << QString::number(page);
    args << pdf << QStringLiteral("-");
    QProcess p;
    p.start(QStringLiteral("pdftotext"), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString &pdf) {
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {pdf});
    if (!p.waitForFinished(60000)) return -1;
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                       .match(QString::fromUtf8(p.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// Text with every white space removed: a phrase is found however the page wrapped it (also inside a word,
// as long identifiers wrap anywhere). Compatibility forms are unfolded: the font's "fi" ligature reads as
// U+FB01 in the PDF's text.
QString squash(const QString &s) {
    QString out;
    for (QChar c : s.normalized(QString::NormalizationForm_KC))
        if (!c.isSpace()) out += c;
    return out;
}

bool pdfContains(const QString &text, const QString &phrase) {
    return squash(text).contains(squash(phrase));
}

JsonValue rankRun(const QString &caseFile, int top) {
    const ProcessResult r =
        runWorkbench({QStringLiteral("rank"), caseFile, QStringLiteral("--format"), QStringLiteral("json"),
                      QStringLiteral("--now"), kNow, QStringLiteral("--top"), QString::number(top)});
    if (r.exitCode != 0) qFatal("rank failed: %s", r.err.constData());
    return *parseJson(r.out);
}

ProcessResult report(const QString &caseFile, const QString &kind, const QString &format, const QString &out,
                     const QStringList &more = {}) {
    return runWorkbenchLimited(QStringList{QStringLiteral("report"), caseFile, QStringLiteral("--kind"), kind,
                                           QStringLiteral("--format"), format, QStringLiteral("-o"), out,
                                           QStringLiteral("--now"), kNow} +
                                   more,
                               0);
}

void writeCase(const QString &path, const JsonValue &root) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(writeJson(root));
}

// The Brooklyn case with every Harborview offering named `carrier` and the insured named `insured`.
JsonValue hostileCase(const QString &carrier, const QString &insured) {
    JsonValue root = readJsonFile(brooklyn());
    JsonValue input = root[u"input"];
    JsonValue applicant = input[u"applicant"];
    applicant.insert(QStringLiteral("first_name"), insured);
    applicant.insert(QStringLiteral("last_name"), QString());
    input.insert(QStringLiteral("applicant"), applicant);
    root.insert(QStringLiteral("input"), input);
    JsonValue offerings = root[u"offerings"];
    for (JsonValue &o : offerings.arrayItemsMut())
        if (o[u"provider_id"].toString() == u"prov_harborview")
            o.insert(QStringLiteral("provider_name"), carrier);
    root.insert(QStringLiteral("offerings"), offerings);
    return root;
}

// 4 carriers per line, all A+ and without packages: 64 qualified packages.
JsonValue wideCase() {
    JsonValue root = readJsonFile(brooklyn());
    JsonValue offerings = JsonValue::array();
    for (const auto &o : root[u"offerings"].arrayItems()) {
        if (o[u"provider_id"].toString() != u"prov_harborview" || o[u"category"].toString() == u"renters")
            continue;
        for (int k = 0; k < 4; ++k) {
            JsonValue c = o;
            c.insert(QStringLiteral("id"), QStringLiteral("q_%1_%2").arg(o[u"category"].toString()).arg(k));
            c.insert(QStringLiteral("provider_id"), QStringLiteral("prov_c%1").arg(k));
            c.insert(QStringLiteral("provider_name"),
                     QStringLiteral("Carrier %1 Mutual").arg(QChar(u'A' + k)));
            JsonValue attributes = c[u"attributes"];
            attributes.remove(u"package_id");
            attributes.remove(u"package_premium_annual");
            attributes.insert(QStringLiteral("line_premium_annual"),
                              attributes[u"line_premium_annual"].toDouble() + 37 * k);
            c.insert(QStringLiteral("attributes"), attributes);
            offerings.append(c);
        }
    }
    root.insert(QStringLiteral("offerings"), offerings);
    return root;
}

// RFC 4180 records.
QList<QStringList> parseCsv(const QString &text) {
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                cell += c;
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << cell;
            cell.clear();
        } else if (c == u'\n') {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
        } else {
            cell += c;
        }
    }
    return rows;
}

} // namespace

class TestCliReport : public QObject {
    Q_OBJECT
private slots:
    void proposalPdfShowsWhatTheClientReads_data();
    void proposalPdfShowsWhatTheClientReads();
    void proposalHasNoCommissionInAnyFormat_data();
    void proposalHasNoCommissionInAnyFormat();
    void underwriterPdfHasEveryReasonOfRankOne();
    void hostileTextStaysText_data();
    void hostileTextStaysText();
    void longReportsRepeatHeadersAndNumberPages_data();
    void longReportsRepeatHeadersAndNumberPages();
    void longReportsSayHowFarTheyAre_data();
    void longReportsSayHowFarTheyAre();
    void failedWriteKeepsOldReport_data();
    void failedWriteKeepsOldReport();
    void csvHasOneColumnPerFieldAndPlainNumbers();
    void optionalSectionsCanBeLeftOut();
    void mistakesAreRefused_data();
    void mistakesAreRefused();
};

void TestCliReport::proposalPdfShowsWhatTheClientReads_data() {
    QTest::addColumn<QString>("phrase");
    // As the Brooklyn proposal prints them (sample case, test clock, top 3).
    QTest::newRow("insured") << QStringLiteral("Dana Okafor");
    QTest::newRow("address") << QStringLiteral("214 Van Brunt St");
    QTest::newRow("current premium") << QStringLiteral("$3,988.23");
    QTest::newRow("option 1 cost") << QStringLiteral("$6,620");
    QTest::newRow("option 2 cost range") << QStringLiteral("$5,940 – $6,534");
    QTest::newRow("option 3 cost range") << QStringLiteral("$6,110 – $6,721");
    QTest::newRow("change") << QStringLiteral("+$2,631.77 (+66%)");
    QTest::newRow("grade in words") << QStringLiteral("A+ (Superior)");
    QTest::newRow("grade A in words") << QStringLiteral("A (Excellent)");
    QTest::newRow("why line") << QStringLiteral("Why: Harborview for all three lines: closes all 5 gaps");
    QTest::newRow("quote expiry") << QStringLiteral("Jan 19, 2027");
    QTest::newRow("bundle break assumption") << QStringLiteral("allows 10% more on those lines");
    QTest::newRow("disclosure") << QStringLiteral("It is not a policy, a binder or a promise of coverage");
}

void TestCliReport::proposalPdfShowsWhatTheClientReads() {
    QFETCH(QString, phrase);
    static QTemporaryDir dir;
    static QString text;
    static JsonValue run;
    if (text.isEmpty()) {
        const QString pdf = dir.filePath(QStringLiteral("proposal.pdf"));
        const ProcessResult r = report(brooklyn(), QStringLiteral("proposal"), QStringLiteral("pdf"), pdf);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        text = pdfText(pdf);
        run = rankRun(brooklyn(), 3);
    }
    QVERIFY2(pdfContains(text, phrase), qPrintable(phrase));
    // Every carrier and cost of the options, every gap title, from the run itself.
    for (const auto &s : run[u"solutions"].arrayItems()) {
        QVERIFY(s[u"scorecard"][u"qualified"].toBool());
        for (const auto &o : s[u"offerings"].arrayItems())
            QVERIFY2(pdfContains(text, o[u"provider_name"].toString()),
                     qPrintable(o[u"provider_name"].toString()));
        const QString cost = costRangeText(s[u"est_cost_low"].toDouble(), s[u"est_cost_high"].toDouble());
        QVERIFY2(pdfContains(text, cost), qPrintable(cost));
    }
    const auto &gaps = run[u"output"][u"coverage_analysis"][u"gaps"].arrayItems();
    QCOMPARE(gaps.size(), size_t(5));
    for (const auto &g : gaps)
        QVERIFY2(pdfContains(text, g[u"title"].toString()), qPrintable(g[u"title"].toString()));
}

void TestCliReport::proposalHasNoCommissionInAnyFormat_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("top");
    for (const char *f : {"pdf", "html", "csv", "json"}) {
        QTest::newRow(f) << QString::fromLatin1(f) << 3;
        QTest::newRow(QByteArray(QByteArray(f) + " top 20").constData()) << QString::fromLatin1(f) << 20;
    }
}

void TestCliReport::proposalHasNoCommissionInAnyFormat() {
    QFETCH(QString, format);
    QFETCH(int, top);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("proposal.") + format);
    const ProcessResult r = report(brooklyn(), QStringLiteral("proposal"), format, out,
                                   {QStringLiteral("--top"), QString::number(top)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString text = format == u"pdf" ? pdfText(out) : QString::fromUtf8(readFileBytes(out));
    QVERIFY(text.size() > 500);
    QVERIFY2(!text.contains(QStringLiteral("commission"), Qt::CaseInsensitive), qPrintable(format));
    // Nor any commission figure, nor a score or level of the scorecard (CSV, PDF and HTML).
    const JsonValue run = rankRun(brooklyn(), top);
    for (const auto &s : run[u"solutions"].arrayItems()) {
        const QString money = formatMoney(s[u"commission_annual"].toDouble());
        QVERIFY2(!squash(text).contains(squash(money)), qPrintable(money));
        if (format != u"json") {
            const QString score = QString::fromLatin1(s[u"scorecard"][u"overall_score"].numberText());
            QVERIFY2(!text.contains(QStringLiteral("overall")), qPrintable(format));
            if (score.contains(u'.')) QVERIFY2(!text.contains(score), qPrintable(score));
        }
    }
}

void TestCliReport::underwriterPdfHasEveryReasonOfRankOne() {
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("scorecard.pdf"));
    const ProcessResult r = report(brooklyn(), QStringLiteral("underwriter"), QStringLiteral("pdf"), pdf);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString text = pdfText(pdf);
    const JsonValue run = rankRun(brooklyn(), 10);
    const JsonValue &first = run[u"solutions"].at(0);
    int reasons = 0;
    for (const auto &[name, dim] : first[u"scorecard"][u"dimensions"].objectMembers()) {
        for (const auto &reason : dim[u"reasons"].arrayItems()) {
            QVERIFY2(pdfContains(text, reason[u"text"].toString()), qPrintable(reason[u"text"].toString()));
            ++reasons;
        }
    }
    QVERIFY(reasons >= 20);
    QVERIFY(pdfContains(text, QStringLiteral("Engine version ") + run[u"engine_version"].toString()));
    QVERIFY(pdfContains(text, QStringLiteral("Clock ") + kNow));
    QVERIFY(pdfContains(text, QStringLiteral("--now ") + kNow));
    // Filtered offerings with their reasons, and the commission the agent earns.
    QVERIFY(pdfContains(text, QStringLiteral("quote_line_granite_home_001")));
    QVERIFY(pdfContains(text, QStringLiteral("state_excluded")));
    QVERIFY(pdfContains(text, QStringLiteral("$891.78")));
}

void TestCliReport::hostileTextStaysText_data() {
    QTest::addColumn<QString>("carrier");
    QTest::addColumn<QString>("insured");
    QTest::newRow("markup and formula")
        << QStringLiteral("<b>Evil</b> & =HYPERLINK(\"x\")") << QStringLiteral("<script>alert(1)</script>");
    QTest::newRow("leading formula") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                                     << QStringLiteral("<img src=x onerror=alert(1)>");
    QTest::newRow("leading at") << QStringLiteral("@SUM(A1:A9)") << QStringLiteral("Dana & \"Sam\" <Okafor>");
    QTest::newRow("leading plus") << QStringLiteral("+1+2") << QStringLiteral("</td></tr></table>Okafor");
    QTest::newRow("leading minus") << QStringLiteral("-2+3") << QStringLiteral("<!-- Okafor");
}

void TestCliReport::hostileTextStaysText() {
    QFETCH(QString, carrier);
    QFETCH(QString, insured);
    QTemporaryDir dir;
    const QString casePath = dir.filePath(QStringLiteral("hostile.json"));
    writeCase(casePath, hostileCase(carrier, insured));
    for (const QString &kind : {QStringLiteral("proposal"), QStringLiteral("underwriter")}) {
        const QString pdf = dir.filePath(kind + QStringLiteral(".pdf"));
        const QString html = dir.filePath(kind + QStringLiteral(".html"));
        const QString csv = dir.filePath(kind + QStringLiteral(".csv"));
        for (const auto &[file, format] :
             {std::pair{pdf, QStringLiteral("pdf")}, std::pair{html, QStringLiteral("html")},
              std::pair{csv, QStringLiteral("csv")}}) {
            const ProcessResult r = report(casePath, kind, format, file);
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        // PDF: the characters as typed.
        const QString text = pdfText(pdf);
        QVERIFY2(pdfContains(text, carrier), qPrintable(kind));
        QVERIFY2(pdfContains(text, insured), qPrintable(kind));
        // HTML: escaped, never markup.
        const QString page = QString::fromUtf8(readFileBytes(html));
        QVERIFY(page.contains(carrier.toHtmlEscaped()));
        QVERIFY(page.contains(insured.toHtmlEscaped()));
        if (carrier.toHtmlEscaped() != carrier) QVERIFY(!page.contains(carrier));
        if (insured.toHtmlEscaped() != insured) QVERIFY(!page.contains(insured));
        QVERIFY(!page.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
        QVERIFY(!page.contains(QStringLiteral("<b>"), Qt::CaseInsensitive));
        QVERIFY(!page.contains(QStringLiteral("onerror="), Qt::CaseInsensitive) ||
                page.contains(QStringLiteral("&lt;img src=x onerror=alert(1)&gt;")));
        // CSV: every carrier cell is the name, made inert when a spreadsheet would run it.
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(readFileBytes(csv)));
        QVERIFY(rows.size() >= 2);
        const QStringList header = rows.first();
        const bool formula = QStringLiteral("=+-@").contains(carrier.front());
        int carrierCells = 0;
        for (const QStringList &row : rows.mid(1)) {
            QCOMPARE(row.size(), header.size());
            for (int c = 0; c < row.size(); ++c) {
                const QString &cell = row[c];
                bool number = false;
                cell.toDouble(&number);
                if (!number && !cell.isEmpty())
                    QVERIFY2(!QStringLiteral("=+-@\t\r").contains(cell.front()),
                             qPrintable(header[c] + u'=' + cell));
                if (header[c].endsWith(QStringLiteral("_carrier")) && cell.contains(carrier)) {
                    QCOMPARE(cell, formula ? u'\'' + carrier : carrier);
                    ++carrierCells;
                }
            }
        }
        QVERIFY(carrierCells > 0);
    }
}

void TestCliReport::longReportsRepeatHeadersAndNumberPages_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("tableStarts"); // the heading above the long table
    QTest::addColumn<QString>("tableEnds");   // the heading after it
    QTest::addColumn<QString>("headerRow");   // the table's header, repeated on each page it spans
    QTest::newRow("underwriter ranking")
        << QStringLiteral("underwriter") << QStringLiteral("Ranking") << QStringLiteral("Scorecards")
        << QStringLiteral("# Label Carriers (home / auto / umbrella) Cost Overall");
    QTest::newRow("proposal options")
        << QStringLiteral("proposal") << QStringLiteral("All options at a glance")
        << QStringLiteral("Your coverage today and the options")
        << QStringLiteral("Option Home Auto Umbrella Annual cost");
}

void TestCliReport::longReportsRepeatHeadersAndNumberPages() {
    QFETCH(QString, kind);
    QFETCH(QString, tableStarts);
    QFETCH(QString, tableEnds);
    QFETCH(QString, headerRow);
    QTemporaryDir dir;
    const QString casePath = dir.filePath(QStringLiteral("wide.json"));
    writeCase(casePath, wideCase());
    const QString pdf = dir.filePath(QStringLiteral("wide.pdf"));
    const ProcessResult r =
        report(casePath, kind, QStringLiteral("pdf"), pdf, {QStringLiteral("--top"), QStringLiteral("60")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const int pages = pdfPages(pdf);
    QVERIFY2(pages >= 4, qPrintable(QString::number(pages)));
    int first = 0, last = 0;
    for (int i = 1; i <= pages; ++i) {
        const QString text = pdfText(pdf, i);
        QVERIFY2(pdfContains(text, QStringLiteral("Page %1 of %2").arg(i).arg(pages)),
                 qPrintable(QString::number(i)));
        const QStringList lines = text.split(u'\n');
        auto hasHeading = [&](const QString &h) {
            return std::any_of(lines.begin(), lines.end(), [&](const QString &l) {
                return l.trimmed() == h || l.trimmed().endsWith(QStringLiteral(". ") + h);
            });
        };
        if (!first && hasHeading(tableStarts)) first = i;
        if (first && !last && hasHeading(tableEnds)) last = i;
    }
    QVERIFY(first > 0);
    // The table runs over at least one page break (the next heading may start a page of its own).
    QVERIFY2(last - 1 > first, qPrintable(QStringLiteral("%1 %2").arg(first).arg(last)));
    QString table;
    for (int i = first; i < last; ++i) {
        const QString text = pdfText(pdf, i);
        QVERIFY2(pdfContains(text, headerRow), qPrintable(QString::number(i)));
        table += text;
    }
    // The last row is in it.
    QVERIFY(pdfContains(table + pdfText(pdf, last),
                        kind == u"proposal" ? QStringLiteral("Option 60 ·") : QStringLiteral("60 Best")));
}

void TestCliReport::longReportsSayHowFarTheyAre_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("pages"); // whether it tells of pages laid out and painted
    QTest::newRow("underwriter PDF") << "underwriter"
                                     << "pdf" << true;
    QTest::newRow("proposal PDF") << "proposal"
                                  << "pdf" << true;
    QTest::newRow("underwriter HTML") << "underwriter"
                                      << "html" << false;
    QTest::newRow("underwriter CSV") << "underwriter"
                                     << "csv" << false;
}

// A PDF that takes longer than a second (here: no time at all) tells on standard error that its pages are
// being laid out, then which page of how many is painted, up to the last; other formats have no pages.
void TestCliReport::longReportsSayHowFarTheyAre() {
    QFETCH(QString, kind);
    QFETCH(QString, format);
    QFETCH(bool, pages);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.") + format);
    const ProcessResult r =
        runWorkbench({QStringLiteral("report"), brooklyn(), QStringLiteral("--kind"), kind,
                      QStringLiteral("--format"), format, QStringLiteral("-o"), out, QStringLiteral("--now"),
                      kNow, QStringLiteral("--top"), QStringLiteral("10")},
                     {QStringLiteral("PW_PROGRESS_AFTER_MS=0"), QStringLiteral("QT_QPA_PLATFORM=offscreen")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err);
    static const QRegularExpression painted(QStringLiteral("^report: page (\\d+) of (\\d+) painted$"),
                                            QRegularExpression::MultilineOption);
    QList<int> done;
    int total = 0;
    for (auto it = painted.globalMatch(err); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        done << m.captured(1).toInt();
        total = m.captured(2).toInt();
    }
    const qsizetype layingOut = err.indexOf(QStringLiteral("report: laying out the pages…\n"));
    if (!pages) {
        QVERIFY2(done.isEmpty() && layingOut < 0, r.err.constData());
        return;
    }
    QVERIFY2(layingOut >= 0, r.err.constData());
    QCOMPARE(err.count(QStringLiteral("laying out")), 1);
    QVERIFY2(layingOut < err.indexOf(QStringLiteral("report: page ")), r.err.constData());
    QCOMPARE(total, pdfPages(out));
    QVERIFY(total > 3);
    // Every page in order, up to the last.
    QCOMPARE(done.size(), total);
    for (int i = 0; i < done.size(); ++i)
        QCOMPARE(done[i], i + 1);
}

void TestCliReport::failedWriteKeepsOldReport_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("format");
    for (const char *k : {"proposal", "underwriter"})
        for (const char *f : {"pdf", "html", "csv", "json"})
            QTest::newRow(QByteArray(QByteArray(k) + ' ' + f).constData())
                << QString::fromLatin1(k) << QString::fromLatin1(f);
}

void TestCliReport::failedWriteKeepsOldReport() {
    QFETCH(QString, kind);
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("report.") + format);
    const QByteArray old = "the report sent yesterday\n";
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(old);
    }
    const QStringList args{QStringLiteral("report"),   brooklyn(), QStringLiteral("--kind"), kind,
                           QStringLiteral("--format"), format,     QStringLiteral("-o"),     out,
                           QStringLiteral("--now"),    kNow};
    const ProcessResult r = runWorkbenchLimited(args, 300);
    QVERIFY2(r.exitCode != 0, r.err.constData());
    QVERIFY2(r.err.contains(out.toUtf8()), r.err.constData());
    QVERIFY2(r.err.contains("File too large"), r.err.constData());
    QCOMPARE(readFileBytes(out), old);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QFileInfo(out).fileName()});
    // Without the limit the same command replaces it.
    const ProcessResult ok = runWorkbenchLimited(args, 0);
    QVERIFY2(ok.exitCode == 0, ok.err.constData());
    QVERIFY(readFileBytes(out).size() > 300);
}

void TestCliReport::csvHasOneColumnPerFieldAndPlainNumbers() {
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("u.csv"));
    QCOMPARE(report(brooklyn(), QStringLiteral("underwriter"), QStringLiteral("csv"), csv).exitCode, 0);
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(readFileBytes(csv)));
    const JsonValue run = rankRun(brooklyn(), 10);
    QCOMPARE(rows.size(), 1 + run[u"solutions"].size());
    const QStringList header = rows.first();
    auto col = [&](const QString &name) { return int(header.indexOf(name)); };
    for (const QString &c :
         {QStringLiteral("est_cost_low"), QStringLiteral("home_carrier"), QStringLiteral("commission_annual"),
          QStringLiteral("pricing_score"), QStringLiteral("coverage_weight"),
          QStringLiteral("service_contribution"), QStringLiteral("gaps_closed")})
        QVERIFY2(col(c) >= 0, qPrintable(c));
    for (int i = 1; i < rows.size(); ++i) {
        const JsonValue &s = run[u"solutions"].at(i - 1);
        QCOMPARE(rows[i].size(), header.size());
        QCOMPARE(rows[i][col(QStringLiteral("est_cost_low"))],
                 QString::fromLatin1(s[u"est_cost_low"].numberText()));
        QCOMPARE(rows[i][col(QStringLiteral("change_vs_current"))],
                 QString::fromLatin1(s[u"change_vs_current"].numberText()));
        QCOMPARE(rows[i][col(QStringLiteral("commission_annual"))],
                 QString::fromLatin1(s[u"commission_annual"].numberText()));
    }
    QCOMPARE(rows[1][col(QStringLiteral("est_cost_low"))], QStringLiteral("6620"));
    QCOMPARE(rows[1][col(QStringLiteral("home_carrier"))], QStringLiteral("Harborview Mutual"));
    // The proposal's CSV: the options offered, numbered, without commission or scores.
    const QString pcsv = dir.filePath(QStringLiteral("p.csv"));
    QCOMPARE(report(brooklyn(), QStringLiteral("proposal"), QStringLiteral("csv"), pcsv,
                    {QStringLiteral("--top"), QStringLiteral("10")})
                 .exitCode,
             0);
    const QList<QStringList> prow = parseCsv(QString::fromUtf8(readFileBytes(pcsv)));
    QCOMPARE(prow.size(), 1 + 6); // the 6 qualified packages of the top 10
    QCOMPARE(prow.first().first(), QStringLiteral("option"));
    QVERIFY(!prow.first().contains(QStringLiteral("overall_score")));
}

void TestCliReport::optionalSectionsCanBeLeftOut() {
    QTemporaryDir dir;
    const QString full = dir.filePath(QStringLiteral("full.html"));
    const QString lean = dir.filePath(QStringLiteral("lean.html"));
    QCOMPARE(report(brooklyn(), QStringLiteral("proposal"), QStringLiteral("html"), full).exitCode, 0);
    QCOMPARE(report(brooklyn(), QStringLiteral("proposal"), QStringLiteral("html"), lean,
                    {QStringLiteral("--omit"), QStringLiteral("gaps,options")})
                 .exitCode,
             0);
    const QString a = QString::fromUtf8(readFileBytes(full)), b = QString::fromUtf8(readFileBytes(lean));
    for (const QString &optional :
         {QStringLiteral("All options at a glance"), QStringLiteral("Which option closes each gap")}) {
        QVERIFY(a.contains(optional));
        QVERIFY(!b.contains(optional));
    }
    // The fixed sections stay.
    for (const QString &fixed :
         {QStringLiteral("Our recommendation"), QStringLiteral("Your coverage today and the options"),
          QStringLiteral("Assumptions"), QStringLiteral("Important information")})
        QVERIFY2(b.contains(fixed), qPrintable(fixed));
    QVERIFY(b.contains(QStringLiteral("Content-Security-Policy")));
}

void TestCliReport::mistakesAreRefused_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString c = brooklyn();
    const QString o = QStringLiteral("/tmp/pw-report-never-written.pdf");
    QTest::newRow("kind") << QStringList{c, QStringLiteral("--kind"), QStringLiteral("memo"),
                                         QStringLiteral("-o"), o}
                          << 1 << QStringLiteral("--kind must be proposal or underwriter");
    QTest::newRow("format") << QStringList{c,
                                           QStringLiteral("--kind"),
                                           QStringLiteral("proposal"),
                                           QStringLiteral("--format"),
                                           QStringLiteral("docx"),
                                           QStringLiteral("-o"),
                                           o}
                            << 1 << QStringLiteral("--format must be pdf, html, csv or json");
    QTest::newRow("no output") << QStringList{c, QStringLiteral("--kind"), QStringLiteral("proposal")} << 1
                               << QStringLiteral("-o FILE");
    QTest::newRow("top") << QStringList{c,
                                        QStringLiteral("--kind"),
                                        QStringLiteral("proposal"),
                                        QStringLiteral("--top"),
                                        QStringLiteral("0"),
                                        QStringLiteral("-o"),
                                        o}
                         << 1 << QStringLiteral("--top");
    QTest::newRow("unreadable") << QStringList{QStringLiteral("/nonexistent/case.json"),
                                               QStringLiteral("--kind"), QStringLiteral("proposal"),
                                               QStringLiteral("-o"), o}
                                << 2 << QStringLiteral("/nonexistent/case.json");
    QTest::newRow("invalid case") << QStringList{samplePath(QStringLiteral("seed-job.json")),
                                                 QStringLiteral("--kind"),
                                                 QStringLiteral("proposal"),
                                                 QStringLiteral("--appetite"),
                                                 QStringLiteral("reckless"),
                                                 QStringLiteral("-o"),
                                                 o}
                                  << 1 << QStringLiteral("unknown appetite bucket");
}

void TestCliReport::mistakesAreRefused() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const ProcessResult r = runWorkbenchLimited(QStringList{QStringLiteral("report")} + args, 0);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/pw-report-never-written.pdf")));
}

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_clireport.moc"
