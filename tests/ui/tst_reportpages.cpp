// SPDX-License-Identifier: MIT
// Report tables on paper (ui/report/reportrenderer.h), read back from the PDF page by page with
// pdftotext: a table row is never split across two pages (its first and last words are on one page, for
// rows of one to forty lines and every row of a 60-solution underwriter scorecard), unless it is taller than
// a page, when it is cut between lines and every word of it is still printed; the header row is repeated on
// every page the table spans; short words such as "Umbrella" and carrier names are never broken inside a
// table column.
#include "testsupport.h"

#include "io/casefile.h"
#include "report/reportrenderer.h"

#include <QDir>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimeZone>

#include <utility>

using namespace pw;

namespace {

// The text of one page of a PDF (1-based), as laid out.
QString pageText(const QString &pdf, int page) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-layout"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), QStringLiteral("-f"),
             QString::number(page), QStringLiteral("-l"), QString::number(page), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Words of varied length, so that rows take one to several lines.
QString filler(int words) {
    static const QStringList pool = {QStringLiteral("replacement"), QStringLiteral("cost"),
                                     QStringLiteral("settlement"),  QStringLiteral("with"),
                                     QStringLiteral("water"),       QStringLiteral("backup"),
                                     QStringLiteral("endorsement"), QStringLiteral("and"),
                                     QStringLiteral("scheduled"),   QStringLiteral("jewelry")};
    QStringList out;
    for (int i = 0; i < words; ++i)
        out << pool[i % pool.size()];
    return out.join(u' ');
}

QString rowToken(const char *kind, int row) {
    return QStringLiteral("%1%2").arg(QLatin1String(kind)).arg(row, 3, 10, QLatin1Char('0'));
}

// Paints `doc` as the PDF export does (US Letter at 300 dpi) and returns the text of each page. With
// PW_KEEP_PDF set to a folder, the PDF is kept there to be looked at.
QStringList printedPages(const ReportDocument &doc, const QString &file) {
    const QString keep = qEnvironmentVariable("PW_KEEP_PDF");
    const QString pdf =
        keep.isEmpty() ? file
                       : QDir(keep).filePath(QStringLiteral("%1-%2.pdf")
                                                 .arg(QString::fromLatin1(QTest::currentTestFunction()),
                                                      QString::fromLatin1(QTest::currentDataTag())
                                                          .replace(QRegularExpression(QStringLiteral("\\W+")),
                                                                   QStringLiteral("-"))));
    int pages = 0;
    {
        std::unique_ptr<QTextDocument> text = reportTextDocument(doc);
        QPdfWriter writer(pdf);
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait, QMarginsF()));
        pages = paintReportPages(*text, doc, &writer);
    }
    QStringList text;
    for (int p = 1; p <= pages; ++p)
        text << pageText(pdf, p);
    return text;
}

// The pages (1-based) whose text holds `token` as a word.
QList<int> pagesOf(const QStringList &pages, const QString &token) {
    const QRegularExpression word(
        QStringLiteral("(?<![\\w(])%1(?![\\w)])").arg(QRegularExpression::escape(token)));
    QList<int> on;
    for (int p = 0; p < pages.size(); ++p)
        if (pages[p].contains(word)) on << p + 1;
    return on;
}

// The first row of `rows` whose three tokens (item, first and last word) are not all on one page, or
// empty; `withRows` gets the pages that hold rows.
QString firstSplitRow(const QStringList &text, int rows, QSet<int> *withRows) {
    for (int i = 0; i < rows; ++i) {
        const QList<int> start = pagesOf(text, rowToken("Start", i)),
                         stop = pagesOf(text, rowToken("Stop", i)), item = pagesOf(text, rowToken("Q", i));
        if (start.size() == 1 && start == stop && start == item)
            withRows->insert(start.first());
        else
            return QStringLiteral("row %1: starts on page %2, ends on page %3, item on page %4")
                .arg(i)
                .arg(start.value(0))
                .arg(stop.value(0))
                .arg(item.value(0));
    }
    return {};
}

ReportTable quoteTable(bool compact) {
    ReportTable t;
    t.header = {QStringLiteral("Item"), QStringLiteral("Description"), QStringLiteral("Premium")};
    t.widths = {15, 65, 20};
    t.numeric = {false, false, true};
    t.compact = compact;
    return t;
}

void addRow(ReportTable &t, int i, const QString &description) {
    t.rows.push_back({{ReportCell(rowToken("Q", i)),
                       ReportCell(rowToken("Start", i) + u' ' + description + u' ' + rowToken("Stop", i)),
                       ReportCell(QStringLiteral("$1,%1").arg(i, 3, 10, QLatin1Char('0')))},
                      false});
}

// The header row of the quote table on page `p`, above its first row.
QString headerProblem(const QStringList &text, int p) {
    const QString &page = text[p - 1];
    const qsizetype header =
        page.indexOf(QRegularExpression(QStringLiteral("Item\\s+Description\\s+Premium")));
    if (header < 0) return QStringLiteral("page %1 has no header row").arg(p);
    if (header > page.indexOf(QRegularExpression(QStringLiteral("\\b(Start\\d{3}|W\\d{4})\\b"))))
        return QStringLiteral("page %1: header below a row").arg(p);
    return {};
}

} // namespace

class TestReportPages : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is needed to read the PDF back");
    }
    void rowsAreNeverSplit_data();
    void rowsAreNeverSplit();
    void rowsTallerThanAPage_data();
    void rowsTallerThanAPage();
    void scorecardRowsAreNeverSplit();
    void paintedAgainTheSame();
    void wordsAreNeverBroken_data();
    void wordsAreNeverBroken();
};

void TestReportPages::rowsAreNeverSplit_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("minWords");
    QTest::addColumn<int>("maxWords");
    QTest::addColumn<int>("lines"); // the least lines a row of the most words takes
    QTest::addColumn<bool>("compact");
    QTest::newRow("120 rows of one to four lines") << 120 << 1 << 40 << 4 << false;
    QTest::newRow("50 rows of long cells") << 50 << 1 << 90 << 10 << false;
    QTest::newRow("150 compact rows") << 150 << 1 << 30 << 3 << true;
    QTest::newRow("150 rows of one line") << 150 << 1 << 3 << 1 << false;
    QTest::newRow("80 rows of five lines") << 80 << 36 << 36 << 5 << false;
    QTest::newRow("30 rows of twenty lines") << 30 << 150 << 150 << 20 << false;
    QTest::newRow("20 rows of forty lines") << 20 << 300 << 300 << 40 << false;
    QTest::newRow("30 compact rows of twenty lines") << 30 << 190 << 190 << 20 << true;
}

void TestReportPages::rowsAreNeverSplit() {
    QFETCH(int, rows);
    QFETCH(int, minWords);
    QFETCH(int, maxWords);
    QFETCH(int, lines);
    QFETCH(bool, compact);
    ReportDocument doc;
    doc.title = QStringLiteral("Pagination");
    doc.heading(QStringLiteral("Quotes"));
    doc.paragraph(filler(30));
    ReportTable t = quoteTable(compact);
    for (int i = 0; i < rows; ++i)
        addRow(t, i, filler(minWords + (i * 7) % (maxWords - minWords + 1)));
    doc.table(t);
    doc.paragraph(QStringLiteral("Closing words after the table."));

    QTemporaryDir dir;
    const QStringList text = printedPages(doc, dir.filePath(QStringLiteral("rows.pdf")));
    QVERIFY2(text.size() >= 3, qPrintable(QString::number(text.size())));
    QSet<int> withRows;
    const QString split = firstSplitRow(text, rows, &withRows);
    QVERIFY2(split.isEmpty(), qPrintable(split));
    QVERIFY(withRows.size() >= 2);
    // The header row on every page that has rows of the table, above them.
    for (int p : withRows) {
        const QString problem = headerProblem(text, p);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    // The rows are as tall as the case says: the longest spans `lines` lines of the page's text.
    int tallest = 0;
    for (int i = 0; i < rows; ++i) {
        const QString &page = text[pagesOf(text, rowToken("Start", i)).first() - 1];
        const qsizetype from = page.indexOf(rowToken("Start", i)), to = page.indexOf(rowToken("Stop", i));
        tallest = std::max(tallest, int(page.mid(from, to - from).count(u'\n')) + 1);
    }
    QVERIFY2(tallest >= lines, qPrintable(QStringLiteral("%1 lines").arg(tallest)));
    QVERIFY(pagesOf(text, QStringLiteral("Closing")) == QList<int>{int(text.size())});
}

void TestReportPages::rowsTallerThanAPage_data() {
    QTest::addColumn<int>("words");
    QTest::addColumn<int>("pages"); // the least pages the row spans
    QTest::newRow("a row of two pages") << 600 << 2;
    QTest::newRow("a row of five pages") << 2200 << 5;
}

// A row taller than a page is cut between two of its lines, and only such a row: every word of it is
// printed once, in order, the rest under the repeated header with "(continued)"; the rows around it whole.
void TestReportPages::rowsTallerThanAPage() {
    QFETCH(int, words);
    QFETCH(int, pages);
    ReportDocument doc;
    doc.title = QStringLiteral("Pagination");
    doc.heading(QStringLiteral("Quotes"));
    ReportTable t = quoteTable(false);
    for (int i = 0; i < 3; ++i)
        addRow(t, i, filler(20));
    QStringList numbered;
    for (int w = 0; w < words; ++w)
        numbered << QStringLiteral("W%1").arg(w, 4, 10, QLatin1Char('0'));
    addRow(t, 3, numbered.join(u' '));
    for (int i = 4; i < 8; ++i)
        addRow(t, i, filler(20));
    doc.table(t);

    QTemporaryDir dir;
    const QStringList text = printedPages(doc, dir.filePath(QStringLiteral("tall.pdf")));
    // Every word once, in order along the pages.
    int lastPage = 0;
    qsizetype lastAt = -1;
    for (const QString &w : numbered) {
        const QList<int> on = pagesOf(text, w);
        QVERIFY2(on.size() == 1, qPrintable(QStringLiteral("%1 on pages %2").arg(w).arg(on.size())));
        const qsizetype at = text[on.first() - 1].indexOf(w);
        QVERIFY2(on.first() > lastPage || (on.first() == lastPage && at > lastAt), qPrintable(w));
        lastPage = on.first();
        lastAt = at;
    }
    const int first = pagesOf(text, rowToken("Start", 3)).value(0),
              last = pagesOf(text, rowToken("Stop", 3)).value(0);
    QVERIFY2(last - first + 1 >= pages, qPrintable(QStringLiteral("pages %1 to %2").arg(first).arg(last)));
    for (int p = first + 1; p <= last; ++p) {
        QVERIFY2(text[p - 1].contains(QStringLiteral("(continued)")), qPrintable(QString::number(p)));
        const QString problem = headerProblem(text, p);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QCOMPARE(text.join(QString()).count(QStringLiteral("(continued)")), last - first);
    // The other rows whole.
    for (int i : {0, 1, 2, 4, 5, 6, 7}) {
        const QList<int> start = pagesOf(text, rowToken("Start", i));
        QVERIFY2(start.size() == 1 && start == pagesOf(text, rowToken("Stop", i)),
                 qPrintable(QString::number(i)));
    }
}

// The underwriter scorecard of 60 solutions (the Brooklyn household), every table row marked at its
// first and its last word: both marks of each row on one page.
void TestReportPages::scorecardRowsAreNeverSplit() {
    const CaseFileResult read = readCaseFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    QVERIFY(read.root);
    ReportRequest request;
    request.caseRoot = *read.root;
    request.options.now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
    request.options.top = 60;
    request.kind = ReportKind::Underwriter;
    QString error;
    const std::optional<ReportJob> job = reportJob(request, &error);
    QVERIFY2(job, qPrintable(error));
    ReportDocument doc = buildReportDocument(*job);
    int rows = 0;
    for (ReportBlock &b : doc.blocks) {
        for (ReportRow &r : b.table.rows) {
            r.cells.resize(std::max<size_t>(r.cells.size(), 1));
            r.cells.front().text.prepend(rowToken("Ra", rows) + u' ');
            r.cells.back().text.append(u' ' + rowToken("Rz", rows));
            ++rows;
        }
    }
    QVERIFY(rows > 600);
    QTemporaryDir dir;
    const QStringList text = printedPages(doc, dir.filePath(QStringLiteral("scorecard.pdf")));
    QVERIFY(text.size() > 30);
    for (int i = 0; i < rows; ++i) {
        const QList<int> first = pagesOf(text, rowToken("Ra", i)), last = pagesOf(text, rowToken("Rz", i));
        QVERIFY2(first.size() == 1 && first == last,
                 qPrintable(QStringLiteral("row %1: first word on page %2, last on page %3")
                                .arg(i)
                                .arg(first.value(0))
                                .arg(last.value(0))));
    }
}

// A print preview paints the same text document again, on the same page size: the same pages.
void TestReportPages::paintedAgainTheSame() {
    ReportDocument doc;
    doc.title = QStringLiteral("Pagination");
    doc.heading(QStringLiteral("Quotes"));
    ReportTable t = quoteTable(false);
    for (int i = 0; i < 60; ++i)
        addRow(t, i, filler(1 + (i * 7) % 60));
    doc.table(t);
    std::unique_ptr<QTextDocument> text = reportTextDocument(doc);
    QTemporaryDir dir;
    QList<QStringList> printed;
    for (const QString &name : {QStringLiteral("first.pdf"), QStringLiteral("again.pdf")}) {
        const QString pdf = dir.filePath(name);
        int pages = 0;
        {
            QPdfWriter writer(pdf);
            writer.setResolution(300);
            writer.setPageLayout(
                QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait, QMarginsF()));
            pages = paintReportPages(*text, doc, &writer);
        }
        QStringList pageTexts;
        for (int p = 1; p <= pages; ++p)
            pageTexts << pageText(pdf, p);
        printed << pageTexts;
    }
    QVERIFY(printed[0].size() >= 3);
    QCOMPARE(printed[1], printed[0]);
    QSet<int> withRows;
    const QString split = firstSplitRow(printed[1], 60, &withRows);
    QVERIFY2(split.isEmpty(), qPrintable(split));
}

void TestReportPages::wordsAreNeverBroken_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("proposal") << "proposal";
    QTest::newRow("underwriter") << "underwriter";
}

void TestReportPages::wordsAreNeverBroken() {
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    const test::ProcessResult r = test::runWorkbenchLimited(
        {QStringLiteral("report"), test::samplePath(QStringLiteral("brooklyn-household.json")),
         QStringLiteral("--kind"), kind, QStringLiteral("--format"), QStringLiteral("pdf"),
         QStringLiteral("-o"), pdf, QStringLiteral("--now"), QStringLiteral("2026-11-28T12:00:00Z"),
         QStringLiteral("--top"), QStringLiteral("10")},
        0);
    QCOMPARE(r.exitCode, 0);
    QString all;
    for (int p = 1;; ++p) {
        const QString page = pageText(pdf, p);
        if (page.isEmpty()) break;
        all += page;
    }
    QVERIFY(all.contains(QStringLiteral("Umbrella")));
    // A word broken inside a column reads as a piece of it followed by a line break or a space:
    // "Umbrel" then "la" on the next line.
    for (const QString &word :
         {QStringLiteral("Umbrella"), QStringLiteral("Harborview"), QStringLiteral("Keystone"),
          QStringLiteral("Northpoint"), QStringLiteral("Granite")}) {
        if (!all.contains(word)) continue; // not every carrier is named in every report
        for (qsizetype n = 3; n < word.size(); ++n) {
            const QRegularExpression broken(QStringLiteral("\\b%1(?![a-z])").arg(word.left(n)));
            const QRegularExpressionMatch m = broken.match(all);
            QVERIFY2(!m.hasMatch(),
                     qPrintable(QStringLiteral("\"%1\" broken: …%2…")
                                    .arg(word, all.mid(std::max<qsizetype>(0, m.capturedStart() - 40), 80))));
        }
    }
}

QTEST_MAIN(TestReportPages)
#include "tst_reportpages.moc"
