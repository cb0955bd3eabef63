// SPDX-License-Identifier: MIT
// A paginated report laid out stretch by stretch between its page breaks (ui/report/reportstretches.h):
// each stretch's document stays as small when the report is ten times longer (its pages and blocks do
// not grow with the report), so laying out and painting a page costs the same wherever it is; every page
// of the report is one page of one stretch's document, the stretches' pages add up to the planned count,
// and a stretch already painted is freed.
#include "testsupport.h"

#include "report/reporthtml.h"
#include "report/reportmeasure.h"
#include "report/reportpagination.h"
#include "report/reportrenderer.h"
#include "report/reportstretches.h"

#include <QSet>
#include <QTest>
#include <QTextDocument>

#include <algorithm>
#include <map>
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
    const ReportStretches::MakeDocument make = [font](const ReportDocument &part, const QSizeF &page) {
        auto stretch = std::make_unique<QTextDocument>();
        stretch->setDefaultFont(font);
        stretch->setDocumentMargin(0);
        stretch->setDefaultStyleSheet(reportTextDocumentStyleSheet());
        stretch->setPageSize(page);
        stretch->setHtml(reportHtml(part, HtmlFlavour::TextDocument));
        return stretch;
    };
    out.stretches = std::make_unique<ReportStretches>(out.paged, kBody, make);
    return out;
}

// The size of the largest stretch's document: its pages (as laid out) and its blocks.
struct Largest {
    int pages = 0;
    int blocks = 0;
};

Largest largest(const ReportStretches &laid) {
    Largest out;
    QSet<const QTextDocument *> seen;
    for (int i = 0; i < laid.pageCount(); ++i) {
        QTextDocument *text = laid.page(i).text;
        if (!text || seen.contains(text)) continue;
        seen.insert(text);
        out.pages = std::max(out.pages, text->pageCount());
        out.blocks = std::max(out.blocks, text->blockCount());
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
    void stretchesStaySmall_data() { addReports(8, 4, 8); }
    // Ten times the report: ten times the pages, and no stretch's document larger than before (at most
    // one page more, as its breaks fall otherwise): the layout of a page does not walk the pages before.
    void stretchesStaySmall() {
        QFETCH(std::function<ReportDocument(int)>, make);
        QFETCH(int, n);
        const Laid shortReport = layOut(make(n)), longReport = layOut(make(10 * n));
        const int shortPages = shortReport.stretches->pageCount(),
                  longPages = longReport.stretches->pageCount();
        QVERIFY2(shortPages >= 3, qPrintable(QString::number(shortPages)));
        QVERIFY2(longPages >= 8 * shortPages,
                 qPrintable(QStringLiteral("%1 pages, then %2").arg(shortPages).arg(longPages)));
        const Largest small = largest(*shortReport.stretches), large = largest(*longReport.stretches);
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
    // the one planned and no table row is cut; painted stretches are freed, the rest kept.
    void pagesMapped() {
        QFETCH(std::function<ReportDocument(int)>, make);
        QFETCH(int, n);
        Laid laid = layOut(make(n));
        ReportStretches &s = *laid.stretches;
        QCOMPARE(s.pageCount(), laid.paged.pages);
        QCOMPARE(s.splitTableRow(), QString());
        std::map<const QTextDocument *, QList<int>> indices; // each document's pages, in report order
        const QTextDocument *previous = nullptr;
        QSet<const QTextDocument *> done;
        for (int i = 0; i < s.pageCount(); ++i) {
            const ReportStretches::Page at = s.page(i);
            QVERIFY2(at.text, qPrintable(QString::number(i)));
            QVERIFY2(at.index >= 0 && at.index < at.text->pageCount(),
                     qPrintable(
                         QStringLiteral("page %1: %2 of %3").arg(i).arg(at.index).arg(at.text->pageCount())));
            if (at.text != previous) {
                QVERIFY2(!done.contains(at.text), qPrintable(QString::number(i))); // a stretch is one run
                if (previous) done.insert(previous);
                QCOMPARE(at.index,
                         i == 0 ? 0 : 1); // the first stretch from its top, the others after a lead-in
            } else {
                QCOMPARE(at.index, indices[at.text].last() + 1);
            }
            indices[at.text] << at.index;
            previous = at.text;
        }
        QVERIFY2(indices.size() >= 2, qPrintable(QString::number(indices.size())));
        QVERIFY(!s.page(s.pageCount()).text);
        QVERIFY(!s.page(-1).text);

        // Freed once painted: the stretches wholly before the page, not the one it is in.
        const int half = s.pageCount() / 2;
        const QTextDocument *atHalf = s.page(half).text;
        s.releaseBefore(half);
        int freed = 0;
        for (int i = 0; i < s.pageCount(); ++i) {
            const QTextDocument *text = s.page(i).text;
            if (i >= half)
                QVERIFY2(text, qPrintable(QString::number(i)));
            else if (text)
                QCOMPARE(text, atHalf);
            else
                ++freed;
        }
        QVERIFY2(freed > 0, qPrintable(QString::number(half)));
    }
};

QTEST_MAIN(TestReportStretches)
#include "tst_reportstretches.moc"
