// SPDX-License-Identifier: MIT
// A paginated report laid out stretch by stretch between its page breaks (ui/report/reportstretches.h):
// each stretch's document stays as small when the report is ten times longer (its pages and blocks do
// not grow with the report), so laying out and painting a page costs the same wherever it is; every page
// of the report is one page of one stretch's document, the stretches' pages add up to the planned count;
// at most the first 64 pages' documents are held from the layout, and then one at a time while painting.
#include "testsupport.h"

#include "report/reporthtml.h"
#include "report/reportmeasure.h"
#include "report/reportpagination.h"
#include "report/reportrenderer.h"
#include "report/reportstretches.h"

#include <QTest>
#include <QTextDocument>

#include <algorithm>
#include <memory>

using namespace pw;

Q_DECLARE_METATYPE(std::function<ReportDocument(int)>)

namespace {

// The body of a US Letter page in layout pixels (1/96 inch), as the renderer prints it.
const QSizeF kBody(816 - 2 * 64, 1056 - 84 - 76);

QString words(int n, int seed) {
    static const QStringList pool = {QStringLiteral("replacement"), QStringLiteral("cost"),
                                     QStringLiteral("settlement"),  QStringLiteral("water"),
                                     QStringLiteral("backup"),      QStringLiteral("endorsement"),
                                     QStringLiteral("scheduled"),   QStringLiteral("jewelry")};
    QStringList out;
    for (int i = 0; i < n; ++i)
        out << pool[(i + seed) % pool.size()];
    return out.join(u' ');
}

ReportTable table(int rows, int seed) {
    ReportTable t;
    t.header = {QStringLiteral("Item"), QStringLiteral("Description"), QStringLiteral("Premium")};
    t.widths = {15, 65, 20};
    t.numeric = {false, false, true};
    for (int r = 0; r < rows; ++r)
        t.rows.push_back(
            {{ReportCell(QStringLiteral("Q%1").arg(seed * 100 + r)),
              ReportCell(words(4 + (r * 7 + seed) % 30, r)), ReportCell(QStringLiteral("$1,200"))},
             false});
    return t;
}

ReportDocument base() {
    ReportDocument d;
    d.title = QStringLiteral("Scorecard");
    d.runningHeader = QStringLiteral("Scorecard — Household");
    return d;
}

// `n` sections of a heading, prose and a table, as a scorecard has one per solution.
ReportDocument sections(int n) {
    ReportDocument d = base();
    for (int s = 0; s < n; ++s) {
        d.heading(QStringLiteral("#%1 Solution").arg(s + 1));
        d.paragraph(words(40 + s % 25, s));
        d.subheading(QStringLiteral("Coverage"));
        ReportBlock b;
        b.kind = ReportBlock::Kind::Table;
        b.table = table(6 + s % 5, s);
        d.blocks.push_back(b);
    }
    return d;
}

// One table of `n` times 30 rows: cut into one part a page.
ReportDocument longTable(int n) {
    ReportDocument d = base();
    d.heading(QStringLiteral("Every quote"));
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.table = table(30 * n, 1);
    d.blocks.push_back(b);
    return d;
}

// `n` sections of a heading and facts (a small table kept on one page).
ReportDocument facts(int n) {
    ReportDocument d = base();
    for (int s = 0; s < n; ++s) {
        d.heading(QStringLiteral("#%1 Carrier").arg(s + 1));
        ReportBlock b;
        b.kind = ReportBlock::Kind::Facts;
        for (int i = 0; i < 8; ++i)
            b.items << QStringLiteral("Label %1\t%2").arg(i).arg(words(3 + (i + s) % 12, i));
        d.blocks.push_back(b);
        d.note(words(20, s));
    }
    return d;
}

// A report laid out as the renderer does: measured as one long page, placed on pages, then laid out
// stretch by stretch in documents set up as the report's.
struct Laid {
    PaginatedReport paged;
    std::shared_ptr<int> live = std::make_shared<int>(0); // stretch documents not freed
    int liveAfterLayout = 0;
    std::unique_ptr<ReportStretches> stretches;
};

Laid layOut(const ReportDocument &doc) {
    Laid out;
    std::unique_ptr<QTextDocument> text = reportTextDocument(doc);
    text->setTextWidth(kBody.width());
    const MeasuredReport measured = measureReport(*text, doc);
    PageFrame frame;
    frame.height = kBody.height();
    frame.keepWithNext = 130;
    out.paged = paginateReport(doc, measured, frame);
    const QFont font = text->defaultFont();
    const ReportStretches::MakeDocument make = [font, live = out.live](const ReportDocument &part,
                                                                       const QSizeF &page) {
        auto stretch = std::make_unique<QTextDocument>();
        ++*live;
        QObject::connect(stretch.get(), &QObject::destroyed, [live] { --*live; });
        stretch->setDefaultFont(font);
        stretch->setDocumentMargin(0);
        stretch->setDefaultStyleSheet(reportTextDocumentStyleSheet());
        stretch->setPageSize(page);
        stretch->setHtml(reportHtml(part, HtmlFlavour::TextDocument));
        return stretch;
    };
    out.stretches = std::make_unique<ReportStretches>(out.paged, kBody, make);
    out.liveAfterLayout = *out.live;
    return out;
}

// The size of the largest stretch's document: its pages (as laid out) and its blocks.
struct Largest {
    int pages = 0;
    int blocks = 0;
};

// Each page's document asked for in order, as when painted.
Largest largest(ReportStretches &laid, int *mostLive = nullptr, const int *live = nullptr) {
    Largest out;
    int seen = -1;
    for (int i = 0; i < laid.pageCount(); ++i) {
        const ReportStretches::Page at = laid.page(i);
        if (mostLive) *mostLive = std::max(*mostLive, *live);
        if (!at.text || at.stretch == seen) continue;
        seen = at.stretch;
        out.pages = std::max(out.pages, at.text->pageCount());
        out.blocks = std::max(out.blocks, at.text->blockCount());
    }
    return out;
}

// The data rows: each kind of report, made with `n` of its parts.
void addReports(int sectionCount, int tableParts, int factCount) {
    QTest::addColumn<std::function<ReportDocument(int)>>("make");
    QTest::addColumn<int>("n");
    QTest::newRow("sections of prose and tables")
        << std::function<ReportDocument(int)>(sections) << sectionCount;
    QTest::newRow("one long table") << std::function<ReportDocument(int)>(longTable) << tableParts;
    QTest::newRow("facts and notes") << std::function<ReportDocument(int)>(facts) << factCount;
}

} // namespace

class TestReportStretches : public QObject {
    Q_OBJECT
private slots:
    void stretchesStaySmall_data() { addReports(8, 4, 20); }
    // Ten times the report: ten times the pages, and no stretch's document larger than before (at most
    // one page more, as its breaks fall otherwise): the layout of a page does not walk the pages before;
    // and no more documents held than the first 64 pages' (fewer than the stretches of a longer report).
    void stretchesStaySmall() {
        QFETCH(std::function<ReportDocument(int)>, make);
        QFETCH(int, n);
        const Laid shortReport = layOut(make(n)), longReport = layOut(make(10 * n));
        const int shortPages = shortReport.stretches->pageCount(),
                  longPages = longReport.stretches->pageCount();
        QVERIFY2(shortPages >= 3, qPrintable(QString::number(shortPages)));
        QVERIFY2(longPages >= 8 * shortPages,
                 qPrintable(QStringLiteral("%1 pages, then %2").arg(shortPages).arg(longPages)));
        const Largest small = largest(*shortReport.stretches);
        // At most the first 64 pages' documents kept from the layout, then one at a time while painting.
        int mostLive = longReport.liveAfterLayout;
        const Largest large = largest(*longReport.stretches, &mostLive, longReport.live.get());
        const int stretchCount = longReport.stretches->page(longPages - 1).stretch + 1;
        QVERIFY2(
            mostLive <= 64 && mostLive < stretchCount,
            qPrintable(QStringLiteral("%1 of %2 stretches' documents held").arg(mostLive).arg(stretchCount)));
        QVERIFY2(large.pages <= std::max(small.pages, 2) + 1,
                 qPrintable(QStringLiteral("largest stretch: %1 pages of %2, then %3 pages of %4")
                                .arg(small.pages)
                                .arg(shortPages)
                                .arg(large.pages)
                                .arg(longPages)));
        QVERIFY2(
            large.blocks <= 2 * small.blocks,
            qPrintable(
                QStringLiteral("largest stretch: %1 blocks, then %2").arg(small.blocks).arg(large.blocks)));
    }

    void pagesMapped_data() { addReports(12, 5, 12); }
    // Every page of the report is one page of one stretch's document, in order: a stretch's pages follow
    // each other in its document, after its lead-in page when a page break comes before it; the count is
    // the one planned and no table row is cut; one stretch's document is held at a time.
    void pagesMapped() {
        QFETCH(std::function<ReportDocument(int)>, make);
        QFETCH(int, n);
        Laid laid = layOut(make(n));
        ReportStretches &s = *laid.stretches;
        QCOMPARE(s.pageCount(), laid.paged.pages);
        QCOMPARE(s.splitTableRow(), QString());
        int stretch = -1, last = -1, stretches = 0;
        for (int i = 0; i < s.pageCount(); ++i) {
            const ReportStretches::Page at = s.page(i);
            QVERIFY2(at.text, qPrintable(QString::number(i)));
            QVERIFY2(at.index >= 0 && at.index < at.text->pageCount(),
                     qPrintable(
                         QStringLiteral("page %1: %2 of %3").arg(i).arg(at.index).arg(at.text->pageCount())));
            if (at.stretch != stretch) {
                QCOMPARE(at.stretch, stretch + 1); // the stretches in order, each one run of pages
                // The first stretch from its document's top, the others after a lead-in page.
                QCOMPARE(at.index, i == 0 ? 0 : 1);
                ++stretches;
            } else {
                QCOMPARE(at.index, last + 1);
            }
            stretch = at.stretch;
            last = at.index;
        }
        QVERIFY2(stretches >= 2, qPrintable(QString::number(stretches)));
        QVERIFY(!s.page(s.pageCount()).text);
        QVERIFY(!s.page(-1).text);

        // One stretch's document held at a time: the first page's is freed when the last page's is made,
        // and made again the same (its pages and blocks) when the first page is asked for again.
        const ReportStretches::Page first = s.page(0);
        const int firstPages = first.text->pageCount(), firstBlocks = first.text->blockCount();
        bool freed = false;
        QObject::connect(first.text, &QObject::destroyed, this, [&freed] { freed = true; });
        QCOMPARE_NE(s.page(s.pageCount() - 1).stretch, first.stretch);
        QVERIFY(freed);
        const ReportStretches::Page again = s.page(0);
        QCOMPARE(again.stretch, first.stretch);
        QCOMPARE(again.text->pageCount(), firstPages);
        QCOMPARE(again.text->blockCount(), firstBlocks);
    }
};

QTEST_MAIN(TestReportStretches)
#include "tst_reportstretches.moc"
